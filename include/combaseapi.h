/*
 * combaseapi.h - anycom's portable counterpart of the Windows SDK header of that name: the
 * COM library functions (apartments, activation, class registration, task memory, GUID
 * strings), the CLSCTX_ combinations, REGCLS, and the DllGetClassObject/DllCanUnloadNow
 * prototypes of in-process servers. All are exported by libanycom with C linkage.
 */
#ifndef ANYCOM_COMBASEAPI_H
#define ANYCOM_COMBASEAPI_H

#include <winerror.h>
#include <winbase.h>
#include <ocidl.h>

/* Common CLSCTX combinations. */
#define CLSCTX_INPROC (CLSCTX_INPROC_SERVER | CLSCTX_INPROC_HANDLER)
#define CLSCTX_ALL (CLSCTX_INPROC_SERVER | CLSCTX_INPROC_HANDLER | CLSCTX_LOCAL_SERVER | CLSCTX_REMOTE_SERVER)
#define CLSCTX_SERVER (CLSCTX_INPROC_SERVER | CLSCTX_LOCAL_SERVER | CLSCTX_REMOTE_SERVER)

/* How CoRegisterClassObject makes a class object available. */
typedef enum tagREGCLS {
    REGCLS_SINGLEUSE = 0,
    REGCLS_MULTIPLEUSE = 1,
    REGCLS_MULTI_SEPARATE = 2,
    REGCLS_SUSPENDED = 4,
    REGCLS_SURROGATE = 8,
    REGCLS_AGILE = 0x10
} REGCLS;

typedef enum tagCOINITBASE {
    COINITBASE_MULTITHREADED = 0x0
} COINITBASE;

/* Apartments. */
STDAPI CoInitializeEx(LPVOID pvReserved, DWORD dwCoInit);
STDAPI_(void) CoUninitialize(void);
STDAPI CoGetApartmentType(APTTYPE *pAptType, APTTYPEQUALIFIER *pAptQualifier);
STDAPI_(DWORD) CoGetCurrentProcess(void);

/* Activation. */
STDAPI CoCreateInstance(REFCLSID rclsid, LPUNKNOWN pUnkOuter, DWORD dwClsContext, REFIID riid, LPVOID *ppv);
STDAPI CoCreateInstanceEx(REFCLSID Clsid, IUnknown *punkOuter, DWORD dwClsCtx, COSERVERINFO *pServerInfo,
                          DWORD dwCount, MULTI_QI *pResults);
/* pvReserved is a COSERVERINFO*, as in the SDK; pass NULL. */
STDAPI CoGetClassObject(REFCLSID rclsid, DWORD dwClsContext, LPVOID pvReserved, REFIID riid, LPVOID *ppv);

/* Class objects registered by the running program. */
STDAPI CoRegisterClassObject(REFCLSID rclsid, LPUNKNOWN pUnk, DWORD dwClsContext, DWORD flags,
                             LPDWORD lpdwRegister);
STDAPI CoRevokeClassObject(DWORD dwRegister);
STDAPI CoSuspendClassObjects(void);
STDAPI CoResumeClassObjects(void);
STDAPI_(ULONG) CoAddRefServerProcess(void);
STDAPI_(ULONG) CoReleaseServerProcess(void);

/* Unloading in-process servers whose DllCanUnloadNow says S_OK. */
STDAPI_(void) CoFreeUnusedLibraries(void);
STDAPI_(void) CoFreeUnusedLibrariesEx(DWORD dwUnloadDelay, DWORD dwReserved);

/* Task memory: what one module allocates, another may free. */
STDAPI_(LPVOID) CoTaskMemAlloc(SIZE_T cb);
STDAPI_(LPVOID) CoTaskMemRealloc(LPVOID pv, SIZE_T cb);
STDAPI_(void) CoTaskMemFree(LPVOID pv);
STDAPI CoGetMalloc(DWORD dwMemContext, LPMALLOC *ppMalloc);

/* GUIDs and their strings ({XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}); ProgIDs. */
STDAPI CoCreateGuid(GUID *pguid);
STDAPI_(int) StringFromGUID2(REFGUID rguid, LPOLESTR lpsz, int cchMax);
STDAPI StringFromCLSID(REFCLSID rclsid, LPOLESTR *lplpsz);
STDAPI StringFromIID(REFIID rclsid, LPOLESTR *lplpsz);
STDAPI CLSIDFromString(LPCOLESTR lpsz, LPCLSID pclsid);
STDAPI IIDFromString(LPCOLESTR lpsz, LPIID lpiid);
STDAPI CLSIDFromProgID(LPCOLESTR lpszProgID, LPCLSID lpclsid);
STDAPI ProgIDFromCLSID(REFCLSID clsid, LPOLESTR *lplpszProgID);

/*
 * What an in-process server (a shared library) exports and the runtime calls: declared here
 * so that a module's definitions get C linkage (and, on ELF/Mach-O, default visibility).
 */
EXTERN_C ANYCOM_MODULE_EXPORT HRESULT STDAPICALLTYPE DllGetClassObject(REFCLSID rclsid, REFIID riid, LPVOID *ppv);
EXTERN_C ANYCOM_MODULE_EXPORT HRESULT STDAPICALLTYPE DllCanUnloadNow(void);

#endif /* ANYCOM_COMBASEAPI_H */
