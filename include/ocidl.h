/*
 * ocidl.h - anycom's portable counterpart of the Windows SDK header of that name, for
 * licensed class factories: LICINFO and IClassFactory2, in their C++ and C (lpVtbl,
 * COBJMACROS) forms.
 */
#ifndef ANYCOM_OCIDL_H
#define ANYCOM_OCIDL_H

#include <oaidl.h>

#ifndef __IClassFactory2_FWD_DEFINED__
#define __IClassFactory2_FWD_DEFINED__
typedef struct IClassFactory2 IClassFactory2;
#endif

typedef IClassFactory2 *LPCLASSFACTORY2;

/* What IClassFactory2::GetLicInfo reports; cbLicInfo is sizeof(LICINFO). */
typedef struct tagLICINFO {
    LONG cbLicInfo;
    BOOL fRuntimeKeyAvail;
    BOOL fLicVerified;
} LICINFO, *LPLICINFO;

ANYCOM_STATIC_ASSERT(sizeof(LICINFO) == 12, LICINFO_is_12_bytes);

/* {B196B28F-BAB4-101A-B69C-00AA00341D07}, exported by libanycom. */
EXTERN_C const IID IID_IClassFactory2;

#if defined(__cplusplus) && !defined(CINTERFACE)

MIDL_INTERFACE("B196B28F-BAB4-101A-B69C-00AA00341D07")
IClassFactory2 : public IClassFactory {
public:
    BEGIN_INTERFACE
    virtual HRESULT STDMETHODCALLTYPE GetLicInfo(LICINFO *pLicInfo) = 0;
    virtual HRESULT STDMETHODCALLTYPE RequestLicKey(DWORD dwReserved, BSTR *pBstrKey) = 0;
    virtual HRESULT STDMETHODCALLTYPE CreateInstanceLic(IUnknown *pUnkOuter, IUnknown *pUnkReserved, REFIID riid,
                                                        BSTR bstrKey, PVOID *ppvObj) = 0;
    END_INTERFACE
};

#else

typedef struct IClassFactory2Vtbl {
    BEGIN_INTERFACE
    HRESULT(STDMETHODCALLTYPE *QueryInterface)(IClassFactory2 *This, REFIID riid, void **ppvObject);
    ULONG(STDMETHODCALLTYPE *AddRef)(IClassFactory2 *This);
    ULONG(STDMETHODCALLTYPE *Release)(IClassFactory2 *This);
    HRESULT(STDMETHODCALLTYPE *CreateInstance)(IClassFactory2 *This, IUnknown *pUnkOuter, REFIID riid,
                                               void **ppvObject);
    HRESULT(STDMETHODCALLTYPE *LockServer)(IClassFactory2 *This, BOOL fLock);
    HRESULT(STDMETHODCALLTYPE *GetLicInfo)(IClassFactory2 *This, LICINFO *pLicInfo);
    HRESULT(STDMETHODCALLTYPE *RequestLicKey)(IClassFactory2 *This, DWORD dwReserved, BSTR *pBstrKey);
    HRESULT(STDMETHODCALLTYPE *CreateInstanceLic)(IClassFactory2 *This, IUnknown *pUnkOuter, IUnknown *pUnkReserved,
                                                  REFIID riid, BSTR bstrKey, PVOID *ppvObj);
    END_INTERFACE
} IClassFactory2Vtbl;

struct IClassFactory2 {
    CONST_VTBL struct IClassFactory2Vtbl *lpVtbl;
};

#ifdef COBJMACROS
#define IClassFactory2_QueryInterface(This, riid, ppvObject) ((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define IClassFactory2_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IClassFactory2_Release(This) ((This)->lpVtbl->Release(This))
#define IClassFactory2_CreateInstance(This, pUnkOuter, riid, ppvObject) \
    ((This)->lpVtbl->CreateInstance(This, pUnkOuter, riid, ppvObject))
#define IClassFactory2_LockServer(This, fLock) ((This)->lpVtbl->LockServer(This, fLock))
#define IClassFactory2_GetLicInfo(This, pLicInfo) ((This)->lpVtbl->GetLicInfo(This, pLicInfo))
#define IClassFactory2_RequestLicKey(This, dwReserved, pBstrKey) \
    ((This)->lpVtbl->RequestLicKey(This, dwReserved, pBstrKey))
#define IClassFactory2_CreateInstanceLic(This, pUnkOuter, pUnkReserved, riid, bstrKey, ppvObj) \
    ((This)->lpVtbl->CreateInstanceLic(This, pUnkOuter, pUnkReserved, riid, bstrKey, ppvObj))
#endif

#endif

#endif /* ANYCOM_OCIDL_H */
