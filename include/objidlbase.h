/*
 * objidlbase.h - anycom's portable counterpart of the Windows SDK header of that name:
 * IMalloc and IEnumUnknown (C++ and C forms), the activation structures COSERVERINFO,
 * COAUTHINFO, COAUTHIDENTITY and MULTI_QI, and the APTTYPE/APTTYPEQUALIFIER enumerations
 * of CoGetApartmentType.
 */
#ifndef ANYCOM_OBJIDLBASE_H
#define ANYCOM_OBJIDLBASE_H

#include <unknwn.h>

#ifndef __IMalloc_FWD_DEFINED__
#define __IMalloc_FWD_DEFINED__
typedef struct IMalloc IMalloc;
#endif
#ifndef __IEnumUnknown_FWD_DEFINED__
#define __IEnumUnknown_FWD_DEFINED__
typedef struct IEnumUnknown IEnumUnknown;
#endif

typedef IMalloc *LPMALLOC;
typedef IEnumUnknown *LPENUMUNKNOWN;

/* Credentials for remote activation (anycom does not activate remotely; the layout is Windows'). */
typedef struct _COAUTHIDENTITY {
    USHORT *User;
    ULONG UserLength;
    USHORT *Domain;
    ULONG DomainLength;
    USHORT *Password;
    ULONG PasswordLength;
    ULONG Flags;
} COAUTHIDENTITY;

typedef struct _COAUTHINFO {
    DWORD dwAuthnSvc;
    DWORD dwAuthzSvc;
    LPWSTR pwszServerPrincName;
    DWORD dwAuthnLevel;
    DWORD dwImpersonationLevel;
    COAUTHIDENTITY *pAuthIdentityData;
    DWORD dwCapabilities;
} COAUTHINFO;

/* The machine to activate on (CoCreateInstanceEx); NULL or a NULL pwszName means this one. */
typedef struct _COSERVERINFO {
    DWORD dwReserved1;
    LPWSTR pwszName;
    COAUTHINFO *pAuthInfo;
    DWORD dwReserved2;
} COSERVERINFO;

/* One interface asked of CoCreateInstanceEx: pIID in; pItf and hr out. */
typedef struct tagMULTI_QI {
    const IID *pIID;
    IUnknown *pItf;
    HRESULT hr;
} MULTI_QI;

/* The calling thread's apartment, from CoGetApartmentType. */
typedef enum _APTTYPE {
    APTTYPE_CURRENT = -1,
    APTTYPE_STA = 0,
    APTTYPE_MTA = 1,
    APTTYPE_NA = 2,
    APTTYPE_MAINSTA = 3
} APTTYPE;

typedef enum _APTTYPEQUALIFIER {
    APTTYPEQUALIFIER_NONE = 0,
    APTTYPEQUALIFIER_IMPLICIT_MTA = 1,
    APTTYPEQUALIFIER_NA_ON_MTA = 2,
    APTTYPEQUALIFIER_NA_ON_STA = 3,
    APTTYPEQUALIFIER_NA_ON_IMPLICIT_MTA = 4,
    APTTYPEQUALIFIER_NA_ON_MAINSTA = 5,
    APTTYPEQUALIFIER_APPLICATION_STA = 6,
    APTTYPEQUALIFIER_RESERVED_1 = 7
} APTTYPEQUALIFIER;

ANYCOM_STATIC_ASSERT(sizeof(APTTYPE) == 4 && sizeof(APTTYPEQUALIFIER) == 4, APTTYPE_is_4_bytes);
ANYCOM_STATIC_ASSERT(offsetof(MULTI_QI, pItf) == sizeof(void *) && offsetof(MULTI_QI, hr) == 2 * sizeof(void *),
                     MULTI_QI_layout);

/* {00000002-0000-0000-C000-000000000046}, exported by libanycom. */
EXTERN_C const IID IID_IMalloc;
/* {00000100-0000-0000-C000-000000000046}, exported by libanycom. */
EXTERN_C const IID IID_IEnumUnknown;

#if defined(__cplusplus) && !defined(CINTERFACE)

/* The task allocator (CoGetMalloc): the same heap as CoTaskMemAlloc/CoTaskMemFree. */
MIDL_INTERFACE("00000002-0000-0000-C000-000000000046")
IMalloc : public IUnknown {
public:
    BEGIN_INTERFACE
    virtual void *STDMETHODCALLTYPE Alloc(SIZE_T cb) = 0;
    virtual void *STDMETHODCALLTYPE Realloc(void *pv, SIZE_T cb) = 0;
    virtual void STDMETHODCALLTYPE Free(void *pv) = 0;
    virtual SIZE_T STDMETHODCALLTYPE GetSize(void *pv) = 0;
    virtual int STDMETHODCALLTYPE DidAlloc(void *pv) = 0;
    virtual void STDMETHODCALLTYPE HeapMinimize(void) = 0;
    END_INTERFACE
};

MIDL_INTERFACE("00000100-0000-0000-C000-000000000046")
IEnumUnknown : public IUnknown {
public:
    BEGIN_INTERFACE
    virtual HRESULT STDMETHODCALLTYPE Next(ULONG celt, IUnknown **rgelt, ULONG *pceltFetched) = 0;
    virtual HRESULT STDMETHODCALLTYPE Skip(ULONG celt) = 0;
    virtual HRESULT STDMETHODCALLTYPE Reset(void) = 0;
    virtual HRESULT STDMETHODCALLTYPE Clone(IEnumUnknown **ppenum) = 0;
    END_INTERFACE
};

#else

typedef struct IMallocVtbl {
    BEGIN_INTERFACE
    HRESULT(STDMETHODCALLTYPE *QueryInterface)(IMalloc *This, REFIID riid, void **ppvObject);
    ULONG(STDMETHODCALLTYPE *AddRef)(IMalloc *This);
    ULONG(STDMETHODCALLTYPE *Release)(IMalloc *This);
    void *(STDMETHODCALLTYPE *Alloc)(IMalloc *This, SIZE_T cb);
    void *(STDMETHODCALLTYPE *Realloc)(IMalloc *This, void *pv, SIZE_T cb);
    void(STDMETHODCALLTYPE *Free)(IMalloc *This, void *pv);
    SIZE_T(STDMETHODCALLTYPE *GetSize)(IMalloc *This, void *pv);
    int(STDMETHODCALLTYPE *DidAlloc)(IMalloc *This, void *pv);
    void(STDMETHODCALLTYPE *HeapMinimize)(IMalloc *This);
    END_INTERFACE
} IMallocVtbl;

struct IMalloc {
    CONST_VTBL struct IMallocVtbl *lpVtbl;
};

typedef struct IEnumUnknownVtbl {
    BEGIN_INTERFACE
    HRESULT(STDMETHODCALLTYPE *QueryInterface)(IEnumUnknown *This, REFIID riid, void **ppvObject);
    ULONG(STDMETHODCALLTYPE *AddRef)(IEnumUnknown *This);
    ULONG(STDMETHODCALLTYPE *Release)(IEnumUnknown *This);
    HRESULT(STDMETHODCALLTYPE *Next)(IEnumUnknown *This, ULONG celt, IUnknown **rgelt, ULONG *pceltFetched);
    HRESULT(STDMETHODCALLTYPE *Skip)(IEnumUnknown *This, ULONG celt);
    HRESULT(STDMETHODCALLTYPE *Reset)(IEnumUnknown *This);
    HRESULT(STDMETHODCALLTYPE *Clone)(IEnumUnknown *This, IEnumUnknown **ppenum);
    END_INTERFACE
} IEnumUnknownVtbl;

struct IEnumUnknown {
    CONST_VTBL struct IEnumUnknownVtbl *lpVtbl;
};

#ifdef COBJMACROS
#define IMalloc_QueryInterface(This, riid, ppvObject) ((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define IMalloc_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IMalloc_Release(This) ((This)->lpVtbl->Release(This))
#define IMalloc_Alloc(This, cb) ((This)->lpVtbl->Alloc(This, cb))
#define IMalloc_Realloc(This, pv, cb) ((This)->lpVtbl->Realloc(This, pv, cb))
#define IMalloc_Free(This, pv) ((This)->lpVtbl->Free(This, pv))
#define IMalloc_GetSize(This, pv) ((This)->lpVtbl->GetSize(This, pv))
#define IMalloc_DidAlloc(This, pv) ((This)->lpVtbl->DidAlloc(This, pv))
#define IMalloc_HeapMinimize(This) ((This)->lpVtbl->HeapMinimize(This))

#define IEnumUnknown_QueryInterface(This, riid, ppvObject) ((This)->lpVtbl->QueryInterface(This, riid, ppvObject))
#define IEnumUnknown_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IEnumUnknown_Release(This) ((This)->lpVtbl->Release(This))
#define IEnumUnknown_Next(This, celt, rgelt, pceltFetched) ((This)->lpVtbl->Next(This, celt, rgelt, pceltFetched))
#define IEnumUnknown_Skip(This, celt) ((This)->lpVtbl->Skip(This, celt))
#define IEnumUnknown_Reset(This) ((This)->lpVtbl->Reset(This))
#define IEnumUnknown_Clone(This, ppenum) ((This)->lpVtbl->Clone(This, ppenum))
#endif

#endif

#endif /* ANYCOM_OBJIDLBASE_H */
