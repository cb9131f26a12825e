/*
 * oaidl.h - anycom's portable counterpart of the Windows SDK header of that name, for the
 * error-info interfaces: IErrorInfo, ICreateErrorInfo and ISupportErrorInfo, in their C++
 * and C (lpVtbl, COBJMACROS) forms. (IDispatch, VARIANT and type libraries are not part of
 * anycom.) The functions that pass error info around are in <oleauto.h>.
 */
#ifndef ANYCOM_OAIDL_H
#define ANYCOM_OAIDL_H

#include <objidl.h>

#ifndef __IErrorInfo_FWD_DEFINED__
#define __IErrorInfo_FWD_DEFINED__
typedef struct IErrorInfo IErrorInfo;
#endif
#ifndef __ICreateErrorInfo_FWD_DEFINED__
#define __ICreateErrorInfo_FWD_DEFINED__
typedef struct ICreateErrorInfo ICreateErrorInfo;
#endif
#ifndef __ISupportErrorInfo_FWD_DEFINED__
#define __ISupportErrorInfo_FWD_DEFINED__
typedef struct ISupportErrorInfo ISupportErrorInfo;
#endif

typedef IErrorInfo *LPERRORINFO;
typedef ICreateErrorInfo *LPCREATEERRORINFO;
typedef ISupportErrorInfo *LPSUPPORTERRORINFO;

/* {1CF2B120-547D-101B-8E65-08002B2BD119}, exported by libanycom. */
EXTERN_C const IID IID_IErrorInfo;
/* {22F03340-547D-101B-8E65-08002B2BD119}, exported by libanycom. */
EXTERN_C const IID IID_ICreateErrorInfo;
/* {DF0B3D60-548F-101B-8E65-08002B2BD119}, exported by libanycom. */
EXTERN_C const IID IID_ISupportErrorInfo;

#if defined(__cplusplus) && !defined(CINTERFACE)

MIDL_INTERFACE("1CF2B120-547D-101B-8E65-08002B2BD119")
IErrorInfo : public IUnknown {
public:
    BEGIN_INTERFACE
    virtual HRESULT STDMETHODCALLTYPE GetGUID(GUID *pGUID) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetSource(BSTR *pBstrSource) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetDescription(BSTR *pBstrDescription) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetHelpFile(BSTR *pBstrHelpFile) = 0;
    virtual HRESULT STDMETHODCALLTYPE GetHelpContext(DWORD *pdwHelpContext) = 0;
    END_INTERFACE
};

MIDL_INTERFACE("22F03340-547D-101B-8E65-08002B2BD119")
ICreateErrorInfo : public IUnknown {
public:
    BEGIN_INTERFACE
    virtual HRESULT STDMETHODCALLTYPE SetGUID(REFGUID rguid) = 0;
    virtual HRESULT STDMETHODCALLTYPE SetSource(LPOLESTR szSource) = 0;
    virtual HRESULT STDMETHODCALLTYPE SetDescription(LPOLESTR szDescription) = 0;
    virtual HRESULT STDMETHODCALLTYPE SetHelpFile(LPOLESTR szHelpFile) = 0;
    virtual HRESULT STDMETHODCALLTYPE SetHelpContext(DWORD dwHelpContext) = 0;
    END_INTERFACE
};

MIDL_INTERFACE("DF0B3D60-548F-101B-8E65-08002B2BD119")
ISupportErrorInfo : public IUnknown {
public:
    BEGIN_INTERFACE
    virtual HRESULT STDMETHODCALLTYPE InterfaceSupportsErrorInfo(REFIID riid) = 0;
    END_INTERFACE
};

#else

typedef struct IErrorInfoVtbl {
    BEGIN_INTERFACE
    HRESULT(STDMETHODCALLTYPE *QueryInterface)(IErrorInfo *This, REFIID riid, void **ppvObject);
    ULONG(STDMETHODCALLTYPE *AddRef)(IErrorInfo *This);
    ULONG(STDMETHODCALLTYPE *Release)(IErrorInfo *This);
    HRESULT(STDMETHODCALLTYPE *GetGUID)(IErrorInfo *This, GUID *pGUID);
    HRESULT(STDMETHODCALLTYPE *GetSource)(IErrorInfo *This, BSTR *pBstrSource);
    HRESULT(STDMETHODCALLTYPE *GetDescription)(IErrorInfo *This, BSTR *pBstrDescription);
    HRESULT(STDMETHODCALLTYPE *GetHelpFile)(IErrorInfo *This, BSTR *pBstrHelpFile);
    HRESULT(STDMETHODCALLTYPE *GetHelpContext)(IErrorInfo *This, DWORD *pdwHelpContext);
    END_INTERFACE
} IErrorInfoVtbl;

struct IErrorInfo {
    CONST_VTBL struct IErrorInfoVtbl *lpVtbl;
};

typedef struct ICreateErrorInfoVtbl {
    BEGIN_INTERFACE
    HRESULT(STDMETHODCALLTYPE *QueryInterface)(ICreateErrorInfo *This, REFIID riid, void **ppvObject);
    ULONG(STDMETHODCALLTYPE *AddRef)(ICreateErrorInfo *This);
    ULONG(STDMETHODCALLTYPE *Release)(ICreateErrorInfo *This);
    HRESULT(STDMETHODCALLTYPE *SetGUID)(ICreateErrorInfo *This, REFGUID rguid);
    HRESULT(STDMETHODCALLTYPE *SetSource)(ICreateErrorInfo *This, LPOLESTR szSource);
    HRESULT(STDMETHODCALLTYPE *SetDescription)(ICreateErrorInfo *This, LPOLESTR szDescription);
    HRESULT(STDMETHODCALLTYPE *SetHelpFile)(ICreateErrorInfo *This, LPOLESTR szHelpFile);
    HRESULT(STDMETHODCALLTYPE *SetHelpContext)(ICreateErrorInfo *This, DWORD dwHelpContext);
    END_INTERFACE
} ICreateErrorInfoVtbl;

struct ICreateErrorInfo {
    CONST_VTBL struct ICreateErrorInfoVtbl *lpVtbl;
};

typedef struct ISupportErrorInfoVtbl {
    BEGIN_INTERFACE
    HRESULT(STDMETHODCALLTYPE *QueryInterface)(ISupportErrorInfo *This, REFIID riid, void **ppvObject);
    ULONG(STDMETHODCALLTYPE *AddRef)(ISupportErrorInfo *This);
    ULONG(STDMETHODCALLTYPE *Release)(ISupportErrorInfo *This);
    HRESULT(STDMETHODCALLTYPE *InterfaceSupportsErrorInfo)(ISupportErrorInfo *This, REFIID riid);
    END_INTERFACE
} ISupportErrorInfoVtbl;

struct ISupportErrorInfo {
    CONST_VTBL struct ISupportErrorInfoVtbl *lpVtbl;
};

#ifdef COBJMACROS
#define IErrorInfo_QueryInterface(This, riid, ppvObject) ((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define IErrorInfo_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IErrorInfo_Release(This) ((This)->lpVtbl->Release(This))
#define IErrorInfo_GetGUID(This, pGUID) ((This)->lpVtbl->GetGUID(This, pGUID))
#define IErrorInfo_GetSource(This, pBstrSource) ((This)->lpVtbl->GetSource(This, pBstrSource))
#define IErrorInfo_GetDescription(This, pBstrDescription) ((This)->lpVtbl->GetDescription(This, pBstrDescription))
#define IErrorInfo_GetHelpFile(This, pBstrHelpFile) ((This)->lpVtbl->GetHelpFile(This, pBstrHelpFile))
#define IErrorInfo_GetHelpContext(This, pdwHelpContext) ((This)->lpVtbl->GetHelpContext(This, pdwHelpContext))

#define ICreateErrorInfo_QueryInterface(This, riid, ppvObject) ((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define ICreateErrorInfo_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define ICreateErrorInfo_Release(This) ((This)->lpVtbl->Release(This))
#define ICreateErrorInfo_SetGUID(This, rguid) ((This)->lpVtbl->SetGUID(This, rguid))
#define ICreateErrorInfo_SetSource(This, szSource) ((This)->lpVtbl->SetSource(This, szSource))
#define ICreateErrorInfo_SetDescription(This, szDescription) ((This)->lpVtbl->SetDescription(This, szDescription))
#define ICreateErrorInfo_SetHelpFile(This, szHelpFile) ((This)->lpVtbl->SetHelpFile(This, szHelpFile))
#define ICreateErrorInfo_SetHelpContext(This, dwHelpContext) ((This)->lpVtbl->SetHelpContext(This, dwHelpContext))

#define ISupportErrorInfo_QueryInterface(This, riid, ppvObject) ((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define ISupportErrorInfo_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define ISupportErrorInfo_Release(This) ((This)->lpVtbl->Release(This))
#define ISupportErrorInfo_InterfaceSupportsErrorInfo(This, riid) \
    ((This)->lpVtbl->InterfaceSupportsErrorInfo(This, riid))
#endif

#endif

#endif /* ANYCOM_OAIDL_H */
