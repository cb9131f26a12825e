/*
 * headers_cpp.cpp - uses everything anycom's headers declare, from C++ (C++11 and C++17), the
 * way code written against the Windows SDK does: the base types (Windows sizes, OLECHAR as
 * char16_t, REFIID as a const reference), every macro, every constant (static_assert against
 * its Windows value), the C++ form of every standard interface, implemented by classes with
 * multiple inheritance whose vtables are then called slot by slot through plain C function
 * pointers (the binary contract with C and Rust), IID_PPV_ARGS, and every function's
 * signature.
 *
 * It is compiled twice by tests/tests/c_headers.rs:
 *  - normally: the test program (main). DEFINE_GUID only declares the GUIDs here.
 *  - with -DHEADERS_DEFINE_GUIDS: <initguid.h> comes first, so the same DEFINE_GUIDs define
 *    them; this translation unit also stands in for libanycom's exported IIDs, so that the
 *    program links and runs without the library. Either one links with the matching
 *    translation unit of headers_c.c too.
 * No function of libanycom is referenced: calls to it are checked inside decltype.
 */
#ifdef HEADERS_DEFINE_GUIDS
#include <initguid.h>
#endif
#include <objbase.h>

/* The test's own GUIDs; headers_c.c declares the same ones. */
/* {5A0E2A4C-8F1B-4C6D-9E2F-3A4B5C6D7E8F} */
DEFINE_GUID(CLSID_HeadersTest, 0x5a0e2a4c, 0x8f1b, 0x4c6d, 0x9e, 0x2f, 0x3a, 0x4b, 0x5c, 0x6d, 0x7e, 0x8f);
/* {9C3D1E2F-4A5B-4C6D-8E7F-0A1B2C3D4E5F} */
DEFINE_GUID(IID_IHeadersTest, 0x9c3d1e2f, 0x4a5b, 0x4c6d, 0x8e, 0x7f, 0x0a, 0x1b, 0x2c, 0x3d, 0x4e, 0x5f);

#ifdef HEADERS_DEFINE_GUIDS

/* Stand-ins for the IIDs libanycom exports, with their Windows values. */
DEFINE_OLEGUID(IID_IUnknown, 0x00000000, 0, 0);
DEFINE_OLEGUID(IID_IClassFactory, 0x00000001, 0, 0);
DEFINE_OLEGUID(IID_IMalloc, 0x00000002, 0, 0);
DEFINE_OLEGUID(IID_IEnumUnknown, 0x00000100, 0, 0);
DEFINE_GUID(IID_IClassFactory2, 0xb196b28f, 0xbab4, 0x101a, 0xb6, 0x9c, 0x00, 0xaa, 0x00, 0x34, 0x1d, 0x07);
DEFINE_GUID(IID_IErrorInfo, 0x1cf2b120, 0x547d, 0x101b, 0x8e, 0x65, 0x08, 0x00, 0x2b, 0x2b, 0xd1, 0x19);
DEFINE_GUID(IID_ICreateErrorInfo, 0x22f03340, 0x547d, 0x101b, 0x8e, 0x65, 0x08, 0x00, 0x2b, 0x2b, 0xd1, 0x19);
DEFINE_GUID(IID_ISupportErrorInfo, 0xdf0b3d60, 0x548f, 0x101b, 0x8e, 0x65, 0x08, 0x00, 0x2b, 0x2b, 0xd1, 0x19);
DEFINE_GUID(GUID_NULL, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

#else /* the test program */

#include <cstdio>
#include <cstring>
#include <type_traits>

#ifdef INITGUID
#error "INITGUID must not be defined in the test program's translation unit"
#endif

/* ---- Base types: Windows sizes and signedness on every platform (LP64 included). ---- */
static_assert(sizeof(BYTE) == 1 && std::is_unsigned<BYTE>::value, "BYTE");
static_assert(sizeof(UCHAR) == 1 && sizeof(CHAR) == 1 && sizeof(BOOLEAN) == 1, "CHAR");
static_assert(sizeof(WORD) == 2 && std::is_unsigned<WORD>::value, "WORD");
static_assert(sizeof(USHORT) == 2 && sizeof(SHORT) == 2, "SHORT");
static_assert(sizeof(DWORD) == 4 && std::is_unsigned<DWORD>::value, "DWORD");
static_assert(sizeof(LONG) == 4 && std::is_signed<LONG>::value, "LONG");
static_assert(sizeof(ULONG) == 4 && std::is_unsigned<ULONG>::value, "ULONG");
static_assert(sizeof(BOOL) == 4 && std::is_signed<BOOL>::value, "BOOL");
static_assert(sizeof(INT) == 4 && sizeof(UINT) == 4 && std::is_unsigned<UINT>::value, "INT");
static_assert(sizeof(HRESULT) == 4 && std::is_signed<HRESULT>::value, "HRESULT");
static_assert(sizeof(SCODE) == 4 && sizeof(LCID) == 4, "SCODE");
static_assert(sizeof(FLOAT) == 4, "FLOAT");
static_assert(sizeof(LONGLONG) == 8 && sizeof(ULONGLONG) == 8, "LONGLONG");
static_assert(sizeof(INT8) == 1 && sizeof(UINT8) == 1 && sizeof(INT16) == 2 && sizeof(UINT16) == 2, "INT8_16");
static_assert(sizeof(INT32) == 4 && sizeof(UINT32) == 4 && sizeof(LONG32) == 4 && sizeof(ULONG32) == 4, "INT32");
static_assert(sizeof(DWORD32) == 4 && sizeof(INT64) == 8 && sizeof(UINT64) == 8 && sizeof(DWORD64) == 8, "INT64");
static_assert(sizeof(LONG64) == 8 && sizeof(ULONG64) == 8, "LONG64");
static_assert(sizeof(INT_PTR) == sizeof(void *) && sizeof(UINT_PTR) == sizeof(void *), "INT_PTR");
static_assert(sizeof(LONG_PTR) == sizeof(void *) && sizeof(ULONG_PTR) == sizeof(void *), "LONG_PTR");
static_assert(sizeof(DWORD_PTR) == sizeof(void *) && std::is_same<SIZE_T, ULONG_PTR>::value, "SIZE_T");
static_assert(sizeof(SSIZE_T) == sizeof(void *) && std::is_signed<SSIZE_T>::value, "SSIZE_T");
static_assert(sizeof(VARIANT_BOOL) == 2 && VARIANT_TRUE == -1 && VARIANT_FALSE == 0, "VARIANT_BOOL");
static_assert(sizeof(CLSCTX) == 4 && sizeof(COINIT) == 4 && sizeof(REGCLS) == 4 && sizeof(MEMCTX) == 4, "enums");
static_assert(sizeof(APTTYPE) == 4 && sizeof(APTTYPEQUALIFIER) == 4 && sizeof(COINITBASE) == 4, "apartment enums");
/* OLECHAR/WCHAR are char16_t, so OLESTR's u"" literals are OLECHAR strings. */
static_assert(std::is_same<OLECHAR, char16_t>::value && std::is_same<WCHAR, char16_t>::value, "OLECHAR");
static_assert(std::is_same<decltype(OLESTR("ab")), const OLECHAR(&)[3]>::value, "OLESTR");
static_assert(std::is_same<BSTR, OLECHAR *>::value && std::is_same<LPOLESTR, OLECHAR *>::value &&
                  std::is_same<LPCOLESTR, const OLECHAR *>::value && std::is_same<LPBSTR, BSTR *>::value,
              "strings");
static_assert(std::is_same<LPWSTR, WCHAR *>::value && std::is_same<LPCWSTR, const WCHAR *>::value &&
                  std::is_same<PWSTR, WCHAR *>::value && std::is_same<PCWSTR, const WCHAR *>::value,
              "wide strings");
static_assert(std::is_same<LPSTR, char *>::value && std::is_same<LPCSTR, const char *>::value &&
                  std::is_same<PSTR, char *>::value && std::is_same<PCSTR, const char *>::value,
              "narrow strings");
static_assert(std::is_same<LPVOID, void *>::value && std::is_same<LPCVOID, const void *>::value &&
                  std::is_same<PVOID, void *>::value && std::is_same<HANDLE, void *>::value,
              "void pointers");
static_assert(std::is_same<PBYTE, BYTE *>::value && std::is_same<LPBYTE, BYTE *>::value &&
                  std::is_same<PWORD, WORD *>::value && std::is_same<LPWORD, WORD *>::value &&
                  std::is_same<PDWORD, DWORD *>::value && std::is_same<LPDWORD, DWORD *>::value &&
                  std::is_same<PLONG, LONG *>::value && std::is_same<LPLONG, LONG *>::value &&
                  std::is_same<PULONG, ULONG *>::value && std::is_same<PBOOL, BOOL *>::value &&
                  std::is_same<LPBOOL, BOOL *>::value && std::is_same<PINT, INT *>::value &&
                  std::is_same<LPINT, INT *>::value && std::is_same<PUINT, UINT *>::value &&
                  std::is_same<PFLOAT, FLOAT *>::value && std::is_same<PSHORT, SHORT *>::value &&
                  std::is_same<PUSHORT, USHORT *>::value && std::is_same<PUCHAR, UCHAR *>::value &&
                  std::is_same<PCHAR, CHAR *>::value && std::is_same<PBOOLEAN, BOOLEAN *>::value &&
                  std::is_same<PLONGLONG, LONGLONG *>::value && std::is_same<PULONGLONG, ULONGLONG *>::value &&
                  std::is_same<PHANDLE, HANDLE *>::value && std::is_same<PSIZE_T, SIZE_T *>::value &&
                  std::is_same<PSSIZE_T, SSIZE_T *>::value && std::is_same<PINT_PTR, INT_PTR *>::value &&
                  std::is_same<PUINT_PTR, UINT_PTR *>::value && std::is_same<PLONG_PTR, LONG_PTR *>::value &&
                  std::is_same<PULONG_PTR, ULONG_PTR *>::value,
              "pointer typedefs");
static_assert(std::is_same<HMODULE, HINSTANCE>::value && sizeof(HMODULE) == sizeof(void *), "HMODULE");
/* GUIDs; REFGUID & co. are const references in C++. */
static_assert(sizeof(GUID) == 16 && std::is_same<IID, GUID>::value && std::is_same<CLSID, GUID>::value &&
                  std::is_same<FMTID, GUID>::value,
              "GUID");
static_assert(offsetof(GUID, Data1) == 0 && offsetof(GUID, Data2) == 4 && offsetof(GUID, Data3) == 6 &&
                  offsetof(GUID, Data4) == 8 && sizeof(GUID().Data1) == 4,
              "GUID layout");
static_assert(std::is_same<REFGUID, const GUID &>::value && std::is_same<REFIID, const IID &>::value &&
                  std::is_same<REFCLSID, const CLSID &>::value && std::is_same<REFFMTID, const FMTID &>::value,
              "REFGUID");
static_assert(std::is_same<LPGUID, GUID *>::value && std::is_same<LPCGUID, const GUID *>::value &&
                  std::is_same<LPIID, IID *>::value && std::is_same<LPCLSID, CLSID *>::value &&
                  std::is_same<LPFMTID, FMTID *>::value,
              "GUID pointers");
static_assert(std::is_same<decltype(IsEqualGUID(GUID_NULL, GUID_NULL)), bool>::value &&
                  std::is_same<decltype(GUID_NULL == GUID_NULL), bool>::value &&
                  std::is_same<decltype(GUID_NULL != GUID_NULL), bool>::value,
              "GUID comparisons");

/* ---- Structures: Windows layouts. ---- */
static_assert(offsetof(MULTI_QI, pIID) == 0 && offsetof(MULTI_QI, pItf) == sizeof(void *) &&
                  offsetof(MULTI_QI, hr) == 2 * sizeof(void *) && sizeof(MULTI_QI) == 3 * sizeof(void *),
              "MULTI_QI");
static_assert(std::is_same<decltype(MULTI_QI().pIID), const IID *>::value &&
                  std::is_same<decltype(MULTI_QI().pItf), IUnknown *>::value &&
                  std::is_same<decltype(MULTI_QI().hr), HRESULT>::value,
              "MULTI_QI fields");
static_assert(offsetof(LICINFO, cbLicInfo) == 0 && offsetof(LICINFO, fRuntimeKeyAvail) == 4 &&
                  offsetof(LICINFO, fLicVerified) == 8 && sizeof(LICINFO) == 12,
              "LICINFO");
static_assert(std::is_same<decltype(LICINFO().cbLicInfo), LONG>::value &&
                  std::is_same<decltype(LICINFO().fRuntimeKeyAvail), BOOL>::value &&
                  std::is_same<LPLICINFO, LICINFO *>::value,
              "LICINFO fields");
static_assert(offsetof(COSERVERINFO, pwszName) == sizeof(void *) &&
                  offsetof(COSERVERINFO, pAuthInfo) == 2 * sizeof(void *) &&
                  offsetof(COSERVERINFO, dwReserved2) == 3 * sizeof(void *) &&
                  sizeof(COSERVERINFO) == 4 * sizeof(void *),
              "COSERVERINFO");
static_assert(std::is_same<decltype(COSERVERINFO().pAuthInfo), COAUTHINFO *>::value &&
                  std::is_same<decltype(COAUTHINFO().pAuthIdentityData), COAUTHIDENTITY *>::value &&
                  sizeof(COAUTHIDENTITY) == (sizeof(void *) == 8 ? 48 : 28),
              "COAUTHINFO");
static_assert(sizeof(ANYCOM_CLASS_INFO) == 5 * sizeof(void *) &&
                  std::is_same<decltype(ANYCOM_CLASS_INFO().clsid), const CLSID *>::value &&
                  std::is_same<decltype(ANYCOM_CLASS_INFO().threadingModel), const char *>::value,
              "ANYCOM_CLASS_INFO");
/* C++ interfaces: one vtable pointer, no data, no virtual destructor. */
static_assert(sizeof(IUnknown) == sizeof(void *) && sizeof(IClassFactory2) == sizeof(void *) &&
                  sizeof(IMalloc) == sizeof(void *) && sizeof(IEnumUnknown) == sizeof(void *) &&
                  sizeof(IErrorInfo) == sizeof(void *) && sizeof(ICreateErrorInfo) == sizeof(void *) &&
                  sizeof(ISupportErrorInfo) == sizeof(void *),
              "interfaces are a vtable pointer");
static_assert(std::is_abstract<IUnknown>::value && !std::has_virtual_destructor<IUnknown>::value &&
                  !std::has_virtual_destructor<IClassFactory2>::value &&
                  !std::has_virtual_destructor<IErrorInfo>::value && !std::has_virtual_destructor<IMalloc>::value,
              "no virtual destructors");
static_assert(std::is_base_of<IUnknown, IClassFactory>::value && std::is_base_of<IClassFactory, IClassFactory2>::value &&
                  std::is_base_of<IUnknown, IMalloc>::value && std::is_base_of<IUnknown, IEnumUnknown>::value &&
                  std::is_base_of<IUnknown, IErrorInfo>::value && std::is_base_of<IUnknown, ICreateErrorInfo>::value &&
                  std::is_base_of<IUnknown, ISupportErrorInfo>::value,
              "interface inheritance");
static_assert(std::is_same<LPUNKNOWN, IUnknown *>::value && std::is_same<LPCLASSFACTORY, IClassFactory *>::value &&
                  std::is_same<LPCLASSFACTORY2, IClassFactory2 *>::value && std::is_same<LPMALLOC, IMalloc *>::value &&
                  std::is_same<LPENUMUNKNOWN, IEnumUnknown *>::value &&
                  std::is_same<LPERRORINFO, IErrorInfo *>::value &&
                  std::is_same<LPCREATEERRORINFO, ICreateErrorInfo *>::value &&
                  std::is_same<LPSUPPORTERRORINFO, ISupportErrorInfo *>::value,
              "interface pointer typedefs");

/* ---- Function signatures: each redeclared with the exact Windows signature; with C
 * linkage, any difference in parameters or return type is a compile error. ---- */
extern "C" {
HRESULT STDAPICALLTYPE CoInitialize(void *pvReserved);
HRESULT STDAPICALLTYPE CoInitializeEx(void *pvReserved, DWORD dwCoInit);
void STDAPICALLTYPE CoUninitialize(void);
HRESULT STDAPICALLTYPE CoGetApartmentType(APTTYPE *pAptType, APTTYPEQUALIFIER *pAptQualifier);
DWORD STDAPICALLTYPE CoGetCurrentProcess(void);
DWORD STDAPICALLTYPE CoBuildVersion(void);
HRESULT STDAPICALLTYPE CoCreateInstance(const GUID &rclsid, IUnknown *pUnkOuter, DWORD dwClsContext, const GUID &riid,
                                        void **ppv);
HRESULT STDAPICALLTYPE CoCreateInstanceEx(const GUID &Clsid, IUnknown *punkOuter, DWORD dwClsCtx,
                                          COSERVERINFO *pServerInfo, DWORD dwCount, MULTI_QI *pResults);
HRESULT STDAPICALLTYPE CoGetClassObject(const GUID &rclsid, DWORD dwClsContext, void *pvReserved, const GUID &riid,
                                        void **ppv);
HRESULT STDAPICALLTYPE CoRegisterClassObject(const GUID &rclsid, IUnknown *pUnk, DWORD dwClsContext, DWORD flags,
                                             DWORD *lpdwRegister);
HRESULT STDAPICALLTYPE CoRevokeClassObject(DWORD dwRegister);
HRESULT STDAPICALLTYPE CoSuspendClassObjects(void);
HRESULT STDAPICALLTYPE CoResumeClassObjects(void);
ULONG STDAPICALLTYPE CoAddRefServerProcess(void);
ULONG STDAPICALLTYPE CoReleaseServerProcess(void);
void STDAPICALLTYPE CoFreeUnusedLibraries(void);
void STDAPICALLTYPE CoFreeUnusedLibrariesEx(DWORD dwUnloadDelay, DWORD dwReserved);
void *STDAPICALLTYPE CoTaskMemAlloc(SIZE_T cb);
void *STDAPICALLTYPE CoTaskMemRealloc(void *pv, SIZE_T cb);
void STDAPICALLTYPE CoTaskMemFree(void *pv);
HRESULT STDAPICALLTYPE CoGetMalloc(DWORD dwMemContext, IMalloc **ppMalloc);
HRESULT STDAPICALLTYPE CoCreateGuid(GUID *pguid);
int STDAPICALLTYPE StringFromGUID2(const GUID &rguid, char16_t *lpsz, int cchMax);
HRESULT STDAPICALLTYPE StringFromCLSID(const GUID &rclsid, char16_t **lplpsz);
HRESULT STDAPICALLTYPE StringFromIID(const GUID &rclsid, char16_t **lplpsz);
HRESULT STDAPICALLTYPE CLSIDFromString(const char16_t *lpsz, GUID *pclsid);
HRESULT STDAPICALLTYPE IIDFromString(const char16_t *lpsz, GUID *lpiid);
HRESULT STDAPICALLTYPE CLSIDFromProgID(const char16_t *lpszProgID, GUID *lpclsid);
HRESULT STDAPICALLTYPE ProgIDFromCLSID(const GUID &clsid, char16_t **lplpszProgID);
char16_t *STDAPICALLTYPE SysAllocString(const char16_t *psz);
char16_t *STDAPICALLTYPE SysAllocStringLen(const char16_t *strIn, unsigned int ui);
char16_t *STDAPICALLTYPE SysAllocStringByteLen(const char *psz, unsigned int len);
int STDAPICALLTYPE SysReAllocString(char16_t **pbstr, const char16_t *psz);
int STDAPICALLTYPE SysReAllocStringLen(char16_t **pbstr, const char16_t *psz, unsigned int len);
void STDAPICALLTYPE SysFreeString(char16_t *bstrString);
unsigned int STDAPICALLTYPE SysStringLen(char16_t *pbstr);
unsigned int STDAPICALLTYPE SysStringByteLen(char16_t *bstr);
HRESULT STDAPICALLTYPE SetErrorInfo(ULONG dwReserved, IErrorInfo *perrinfo);
HRESULT STDAPICALLTYPE GetErrorInfo(ULONG dwReserved, IErrorInfo **pperrinfo);
HRESULT STDAPICALLTYPE CreateErrorInfo(ICreateErrorInfo **pperrinfo);
HRESULT STDAPICALLTYPE DllGetClassObject(const GUID &rclsid, const GUID &riid, void **ppv);
HRESULT STDAPICALLTYPE DllCanUnloadNow(void);
HRESULT STDAPICALLTYPE DllRegisterServer(void);
HRESULT STDAPICALLTYPE DllUnregisterServer(void);
HRESULT STDAPICALLTYPE AnyComPumpMessages(DWORD dwMilliseconds);
HRESULT STDAPICALLTYPE AnyComGetPumpHandle(intptr_t *phandle);
HRESULT STDAPICALLTYPE AnyComPostQuit(void);
HRESULT STDAPICALLTYPE AnyComRegisterServer(const char *modulePath, const ANYCOM_CLASS_INFO *classes, ULONG count);
HRESULT STDAPICALLTYPE AnyComUnregisterServer(const char *modulePath);
HRESULT STDAPICALLTYPE AnyComGetModulePath(const void *address, char *buffer, ULONG cchBuffer);
extern const GUID IID_IUnknown, IID_IClassFactory, IID_IClassFactory2, IID_IMalloc, IID_IEnumUnknown;
extern const GUID IID_IErrorInfo, IID_ICreateErrorInfo, IID_ISupportErrorInfo, GUID_NULL;
}

/* Every libanycom function called with ordinary arguments, checked in unevaluated contexts. */
namespace typecheck {
IUnknown *unk;
IClassFactory *factory;
IMalloc *malloc_;
IErrorInfo *error_info;
ICreateErrorInfo *create_error_info;
APTTYPE type;
APTTYPEQUALIFIER qualifier;
MULTI_QI mqi[2];
COSERVERINFO server;
DWORD cookie;
GUID guid;
CLSID clsid;
IID iid;
OLECHAR buffer[39];
LPOLESTR str;
BSTR bstr;
intptr_t handle;
ANYCOM_CLASS_INFO classes[1];
char path[MAX_PATH];
template <typename A, typename B> constexpr bool same() { return std::is_same<A, B>::value; }
static_assert(same<decltype(CoInitialize(nullptr)), HRESULT>(), "CoInitialize");
static_assert(same<decltype(CoInitializeEx(nullptr, COINIT_MULTITHREADED)), HRESULT>(), "CoInitializeEx");
static_assert(same<decltype(CoUninitialize()), void>(), "CoUninitialize");
static_assert(same<decltype(CoGetApartmentType(&type, &qualifier)), HRESULT>(), "CoGetApartmentType");
static_assert(same<decltype(CoGetCurrentProcess()), DWORD>(), "CoGetCurrentProcess");
static_assert(same<decltype(CoBuildVersion()), DWORD>(), "CoBuildVersion");
static_assert(same<decltype(CoCreateInstance(CLSID_HeadersTest, nullptr, CLSCTX_INPROC_SERVER, IID_IUnknown,
                                             reinterpret_cast<void **>(&unk))),
                   HRESULT>(),
              "CoCreateInstance");
static_assert(same<decltype(CoCreateInstance(CLSID_HeadersTest, nullptr, CLSCTX_ALL, IID_PPV_ARGS(&factory))),
                   HRESULT>(),
              "CoCreateInstance with IID_PPV_ARGS");
static_assert(same<decltype(CoCreateInstanceEx(CLSID_HeadersTest, nullptr, CLSCTX_SERVER, &server, 2, mqi)), HRESULT>(),
              "CoCreateInstanceEx");
static_assert(same<decltype(CoGetClassObject(CLSID_HeadersTest, CLSCTX_INPROC, nullptr, IID_PPV_ARGS(&factory))),
                   HRESULT>(),
              "CoGetClassObject");
static_assert(same<decltype(CoRegisterClassObject(CLSID_HeadersTest, unk, CLSCTX_LOCAL_SERVER, REGCLS_MULTIPLEUSE,
                                                  &cookie)),
                   HRESULT>(),
              "CoRegisterClassObject");
static_assert(same<decltype(CoRevokeClassObject(cookie)), HRESULT>(), "CoRevokeClassObject");
static_assert(same<decltype(CoSuspendClassObjects()), HRESULT>(), "CoSuspendClassObjects");
static_assert(same<decltype(CoResumeClassObjects()), HRESULT>(), "CoResumeClassObjects");
static_assert(same<decltype(CoAddRefServerProcess()), ULONG>(), "CoAddRefServerProcess");
static_assert(same<decltype(CoReleaseServerProcess()), ULONG>(), "CoReleaseServerProcess");
static_assert(same<decltype(CoFreeUnusedLibraries()), void>(), "CoFreeUnusedLibraries");
static_assert(same<decltype(CoFreeUnusedLibrariesEx(0, 0)), void>(), "CoFreeUnusedLibrariesEx");
static_assert(same<decltype(CoTaskMemAlloc(16)), LPVOID>(), "CoTaskMemAlloc");
static_assert(same<decltype(CoTaskMemRealloc(nullptr, 16)), LPVOID>(), "CoTaskMemRealloc");
static_assert(same<decltype(CoTaskMemFree(nullptr)), void>(), "CoTaskMemFree");
static_assert(same<decltype(CoGetMalloc(MEMCTX_TASK, &malloc_)), HRESULT>(), "CoGetMalloc");
static_assert(same<decltype(CoCreateGuid(&guid)), HRESULT>(), "CoCreateGuid");
static_assert(same<decltype(StringFromGUID2(guid, buffer, 39)), int>(), "StringFromGUID2");
static_assert(same<decltype(StringFromCLSID(clsid, &str)), HRESULT>(), "StringFromCLSID");
static_assert(same<decltype(StringFromIID(iid, &str)), HRESULT>(), "StringFromIID");
static_assert(same<decltype(CLSIDFromString(OLESTR("{00000000-0000-0000-C000-000000000046}"), &clsid)), HRESULT>(),
              "CLSIDFromString");
static_assert(same<decltype(IIDFromString(str, &iid)), HRESULT>(), "IIDFromString");
static_assert(same<decltype(CLSIDFromProgID(OLESTR("AnyCom.HeadersTest"), &clsid)), HRESULT>(), "CLSIDFromProgID");
static_assert(same<decltype(ProgIDFromCLSID(clsid, &str)), HRESULT>(), "ProgIDFromCLSID");
static_assert(same<decltype(SysAllocString(OLESTR("text"))), BSTR>(), "SysAllocString");
static_assert(same<decltype(SysAllocStringLen(str, 3)), BSTR>(), "SysAllocStringLen");
static_assert(same<decltype(SysAllocStringByteLen("abc", 3)), BSTR>(), "SysAllocStringByteLen");
static_assert(same<decltype(SysReAllocString(&bstr, str)), INT>(), "SysReAllocString");
static_assert(same<decltype(SysReAllocStringLen(&bstr, str, 3)), INT>(), "SysReAllocStringLen");
static_assert(same<decltype(SysFreeString(bstr)), void>(), "SysFreeString");
static_assert(same<decltype(SysStringLen(bstr)), UINT>(), "SysStringLen");
static_assert(same<decltype(SysStringByteLen(bstr)), UINT>(), "SysStringByteLen");
static_assert(same<decltype(SetErrorInfo(0, error_info)), HRESULT>(), "SetErrorInfo");
static_assert(same<decltype(GetErrorInfo(0, &error_info)), HRESULT>(), "GetErrorInfo");
static_assert(same<decltype(CreateErrorInfo(&create_error_info)), HRESULT>(), "CreateErrorInfo");
static_assert(same<decltype(AnyComPumpMessages(INFINITE)), HRESULT>(), "AnyComPumpMessages");
static_assert(same<decltype(AnyComGetPumpHandle(&handle)), HRESULT>(), "AnyComGetPumpHandle");
static_assert(same<decltype(AnyComPostQuit()), HRESULT>(), "AnyComPostQuit");
static_assert(same<decltype(AnyComRegisterServer(path, classes, 1)), HRESULT>(), "AnyComRegisterServer");
static_assert(same<decltype(AnyComUnregisterServer(path)), HRESULT>(), "AnyComUnregisterServer");
static_assert(same<decltype(AnyComGetModulePath(&guid, path, sizeof path)), HRESULT>(), "AnyComGetModulePath");
static_assert(same<LPFNGETCLASSOBJECT, decltype(&DllGetClassObject)>() &&
                  same<LPFNCANUNLOADNOW, decltype(&DllCanUnloadNow)>(),
              "module entry point types");
} // namespace typecheck

/* ---- Constants, against their Windows values (compile-time). ---- */
#define WIN(name, windows) static_assert((long long)(name) == (long long)(windows), #name)
#define WINHR(name, windows) \
    static_assert(std::is_same<decltype(name), HRESULT>::value && (name) == (HRESULT)(windows), #name)
WINHR(S_OK, 0x00000000);
WINHR(S_FALSE, 0x00000001);
WINHR(NOERROR, 0);
WINHR(E_NOTIMPL, 0x80004001);
WINHR(E_NOINTERFACE, 0x80004002);
WINHR(E_POINTER, 0x80004003);
WINHR(E_ABORT, 0x80004004);
WINHR(E_FAIL, 0x80004005);
WINHR(E_UNEXPECTED, 0x8000FFFF);
WINHR(E_ACCESSDENIED, 0x80070005);
WINHR(E_HANDLE, 0x80070006);
WINHR(E_OUTOFMEMORY, 0x8007000E);
WINHR(E_INVALIDARG, 0x80070057);
WINHR(E_PENDING, 0x8000000A);
WINHR(E_BOUNDS, 0x8000000B);
WINHR(E_CHANGED_STATE, 0x8000000C);
WINHR(E_ILLEGAL_METHOD_CALL, 0x8000000E);
WINHR(E_NOT_SUFFICIENT_BUFFER, 0x8007007A);
WINHR(E_NOT_SET, 0x80070490);
WINHR(E_NOT_VALID_STATE, 0x8007139F);
WINHR(CO_E_NOT_SUPPORTED, 0x80004021);
WINHR(CLASSFACTORY_E_FIRST, 0x80040110);
WINHR(CLASSFACTORY_E_LAST, 0x8004011F);
WINHR(CLASS_E_NOAGGREGATION, 0x80040110);
WINHR(CLASS_E_CLASSNOTAVAILABLE, 0x80040111);
WINHR(CLASS_E_NOTLICENSED, 0x80040112);
WINHR(REGDB_E_FIRST, 0x80040150);
WINHR(REGDB_E_LAST, 0x8004015F);
WINHR(REGDB_E_READREGDB, 0x80040150);
WINHR(REGDB_E_WRITEREGDB, 0x80040151);
WINHR(REGDB_E_KEYMISSING, 0x80040152);
WINHR(REGDB_E_INVALIDVALUE, 0x80040153);
WINHR(REGDB_E_CLASSNOTREG, 0x80040154);
WINHR(REGDB_E_IIDNOTREG, 0x80040155);
WINHR(REGDB_E_BADTHREADINGMODEL, 0x80040156);
WINHR(CO_E_FIRST, 0x800401F0);
WINHR(CO_E_LAST, 0x800401FF);
WINHR(CO_E_NOTINITIALIZED, 0x800401F0);
WINHR(CO_E_ALREADYINITIALIZED, 0x800401F1);
WINHR(CO_E_CANTDETERMINECLASS, 0x800401F2);
WINHR(CO_E_CLASSSTRING, 0x800401F3);
WINHR(CO_E_IIDSTRING, 0x800401F4);
WINHR(CO_E_APPNOTFOUND, 0x800401F5);
WINHR(CO_E_APPSINGLEUSE, 0x800401F6);
WINHR(CO_E_ERRORINAPP, 0x800401F7);
WINHR(CO_E_DLLNOTFOUND, 0x800401F8);
WINHR(CO_E_ERRORINDLL, 0x800401F9);
WINHR(CO_E_WRONGOSFORAPP, 0x800401FA);
WINHR(CO_E_OBJNOTREG, 0x800401FB);
WINHR(CO_E_OBJISREG, 0x800401FC);
WINHR(CO_E_OBJNOTCONNECTED, 0x800401FD);
WINHR(CO_E_APPDIDNTREG, 0x800401FE);
WINHR(CO_E_RELEASED, 0x800401FF);
WINHR(CO_S_NOTALLINTERFACES, 0x00080012);
WINHR(RPC_E_CALL_REJECTED, 0x80010001);
WINHR(RPC_E_CALL_CANCELED, 0x80010002);
WINHR(RPC_E_SERVERFAULT, 0x80010105);
WINHR(RPC_E_CHANGED_MODE, 0x80010106);
WINHR(RPC_E_DISCONNECTED, 0x80010108);
WINHR(RPC_E_SERVERCALL_RETRYLATER, 0x8001010A);
WINHR(RPC_E_WRONG_THREAD, 0x8001010E);
WINHR(RPC_S_CALLPENDING, 0x80010115);
WINHR(RPC_E_TIMEOUT, 0x8001011F);
WINHR(RPC_E_UNEXPECTED, 0x8001FFFF);
WINHR(SELFREG_E_FIRST, 0x80040200);
WINHR(SELFREG_E_LAST, 0x8004020F);
WINHR(SELFREG_E_TYPELIB, 0x80040200);
WINHR(SELFREG_E_CLASS, 0x80040201);
WINHR(HRESULT_FROM_WIN32(ERROR_SUCCESS), 0);
WINHR(HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND), 0x80070002);
WINHR(HRESULT_FROM_WIN32(ERROR_PATH_NOT_FOUND), 0x80070003);
WINHR(HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED), 0x80070005);
WINHR(HRESULT_FROM_WIN32(ERROR_INVALID_HANDLE), 0x80070006);
WINHR(HRESULT_FROM_WIN32(ERROR_NOT_ENOUGH_MEMORY), 0x80070008);
WINHR(HRESULT_FROM_WIN32(ERROR_OUTOFMEMORY), 0x8007000E);
WINHR(HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER), 0x80070057);
WINHR(HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER), 0x8007007A);
WINHR(HRESULT_FROM_WIN32(ERROR_MOD_NOT_FOUND), 0x8007007E);
WINHR(HRESULT_FROM_WIN32(ERROR_PROC_NOT_FOUND), 0x8007007F);
WINHR(HRESULT_FROM_WIN32(ERROR_BAD_EXE_FORMAT), 0x800700C1);
WINHR(HRESULT_FROM_WIN32(ERROR_NOT_FOUND), 0x80070490);
WINHR(HRESULT_FROM_WIN32(ERROR_INVALID_STATE), 0x8007139F);
WINHR(HRESULT_FROM_WIN32(E_FAIL), 0x80004005);
WINHR(MAKE_HRESULT(SEVERITY_ERROR, FACILITY_ITF, 0x0200), 0x80040200);
WINHR(MAKE_HRESULT(SEVERITY_SUCCESS, FACILITY_ITF, 1), 0x00040001);
WINHR(MAKE_SCODE(SEVERITY_ERROR, FACILITY_WIN32, 5), 0x80070005);
WINHR(MAKE_HRESULT(SEVERITY_ERROR, FACILITY_RPC, 0x10E), 0x8001010E);
WINHR(MAKE_HRESULT(SEVERITY_ERROR, FACILITY_DISPATCH, 9), 0x80020009);
WINHR(MAKE_HRESULT(SEVERITY_ERROR, FACILITY_STORAGE, 0xFC), 0x800300FC);
WINHR(MAKE_HRESULT(SEVERITY_ERROR, FACILITY_WINDOWS, 1), 0x80080001);
WINHR(MAKE_HRESULT(SEVERITY_ERROR, FACILITY_NULL, 0x4002), 0x80004002);
WIN(SUCCEEDED(S_OK), 1);
WIN(SUCCEEDED(S_FALSE), 1);
WIN(SUCCEEDED(CO_S_NOTALLINTERFACES), 1);
WIN(SUCCEEDED(E_FAIL), 0);
WIN(FAILED(E_NOINTERFACE), 1);
WIN(FAILED(S_FALSE), 0);
WIN(IS_ERROR(E_UNEXPECTED), 1);
WIN(IS_ERROR(S_FALSE), 0);
WIN(HRESULT_CODE(E_INVALIDARG), 0x57);
WIN(HRESULT_FACILITY(E_INVALIDARG), FACILITY_WIN32);
WIN(HRESULT_SEVERITY(E_INVALIDARG), SEVERITY_ERROR);
WIN(HRESULT_FACILITY(REGDB_E_CLASSNOTREG), FACILITY_ITF);
WIN(HRESULT_FACILITY(RPC_E_WRONG_THREAD), FACILITY_RPC);
WIN(SCODE_CODE(E_POINTER), 0x4003);
WIN(SCODE_FACILITY(E_POINTER), FACILITY_NULL);
WIN(SCODE_SEVERITY(E_POINTER), 1);
WIN(FACILITY_NULL, 0);
WIN(FACILITY_RPC, 1);
WIN(FACILITY_DISPATCH, 2);
WIN(FACILITY_STORAGE, 3);
WIN(FACILITY_ITF, 4);
WIN(FACILITY_WIN32, 7);
WIN(FACILITY_WINDOWS, 8);
WIN(SEVERITY_SUCCESS, 0);
WIN(SEVERITY_ERROR, 1);
WIN(ERROR_SUCCESS, 0);
WIN(NO_ERROR, 0);
WIN(ERROR_FILE_NOT_FOUND, 2);
WIN(ERROR_PATH_NOT_FOUND, 3);
WIN(ERROR_ACCESS_DENIED, 5);
WIN(ERROR_INVALID_HANDLE, 6);
WIN(ERROR_NOT_ENOUGH_MEMORY, 8);
WIN(ERROR_OUTOFMEMORY, 14);
WIN(ERROR_INVALID_PARAMETER, 87);
WIN(ERROR_INSUFFICIENT_BUFFER, 122);
WIN(ERROR_MOD_NOT_FOUND, 126);
WIN(ERROR_PROC_NOT_FOUND, 127);
WIN(ERROR_BAD_EXE_FORMAT, 193);
WIN(ERROR_NOT_FOUND, 1168);
WIN(ERROR_INVALID_STATE, 5023);
WIN(TRUE, 1);
WIN(FALSE, 0);
WIN(INFINITE, 0xFFFFFFFF);
WIN(MAX_PATH, 260);
WIN(ANYCOM_VERSION_MAJOR, 0);
WIN(ANYCOM_VERSION_MINOR, 1);
WIN(ANYCOM_VERSION_PATCH, 0);
WIN(CLSCTX_INPROC_SERVER, 0x1);
WIN(CLSCTX_INPROC_HANDLER, 0x2);
WIN(CLSCTX_LOCAL_SERVER, 0x4);
WIN(CLSCTX_INPROC_SERVER16, 0x8);
WIN(CLSCTX_REMOTE_SERVER, 0x10);
WIN(CLSCTX_INPROC_HANDLER16, 0x20);
WIN(CLSCTX_RESERVED1, 0x40);
WIN(CLSCTX_RESERVED2, 0x80);
WIN(CLSCTX_RESERVED3, 0x100);
WIN(CLSCTX_RESERVED4, 0x200);
WIN(CLSCTX_NO_CODE_DOWNLOAD, 0x400);
WIN(CLSCTX_RESERVED5, 0x800);
WIN(CLSCTX_NO_CUSTOM_MARSHAL, 0x1000);
WIN(CLSCTX_ENABLE_CODE_DOWNLOAD, 0x2000);
WIN(CLSCTX_NO_FAILURE_LOG, 0x4000);
WIN(CLSCTX_DISABLE_AAA, 0x8000);
WIN(CLSCTX_ENABLE_AAA, 0x10000);
WIN(CLSCTX_FROM_DEFAULT_CONTEXT, 0x20000);
WIN(CLSCTX_ACTIVATE_X86_SERVER, 0x40000);
WIN(CLSCTX_ACTIVATE_32_BIT_SERVER, 0x40000);
WIN(CLSCTX_ACTIVATE_64_BIT_SERVER, 0x80000);
WIN(CLSCTX_ENABLE_CLOAKING, 0x100000);
WIN(CLSCTX_APPCONTAINER, 0x400000);
WIN(CLSCTX_ACTIVATE_AAA_AS_IU, 0x800000);
WIN(CLSCTX_RESERVED6, 0x1000000);
WIN(CLSCTX_ACTIVATE_ARM32_SERVER, 0x2000000);
WIN(CLSCTX_ALLOW_LOWER_TRUST_REGISTRATION, 0x4000000);
WIN((DWORD)CLSCTX_PS_DLL, 0x80000000);
WIN(CLSCTX_INPROC, 0x3);
WIN(CLSCTX_ALL, 0x17);
WIN(CLSCTX_SERVER, 0x15);
WIN(COINIT_APARTMENTTHREADED, 2);
WIN(COINIT_MULTITHREADED, 0);
WIN(COINIT_DISABLE_OLE1DDE, 4);
WIN(COINIT_SPEED_OVER_MEMORY, 8);
WIN(COINITBASE_MULTITHREADED, 0);
WIN(REGCLS_SINGLEUSE, 0);
WIN(REGCLS_MULTIPLEUSE, 1);
WIN(REGCLS_MULTI_SEPARATE, 2);
WIN(REGCLS_SUSPENDED, 4);
WIN(REGCLS_SURROGATE, 8);
WIN(REGCLS_AGILE, 0x10);
WIN(APTTYPE_CURRENT, -1);
WIN(APTTYPE_STA, 0);
WIN(APTTYPE_MTA, 1);
WIN(APTTYPE_NA, 2);
WIN(APTTYPE_MAINSTA, 3);
WIN(APTTYPEQUALIFIER_NONE, 0);
WIN(APTTYPEQUALIFIER_IMPLICIT_MTA, 1);
WIN(APTTYPEQUALIFIER_NA_ON_MTA, 2);
WIN(APTTYPEQUALIFIER_NA_ON_STA, 3);
WIN(APTTYPEQUALIFIER_NA_ON_IMPLICIT_MTA, 4);
WIN(APTTYPEQUALIFIER_NA_ON_MAINSTA, 5);
WIN(APTTYPEQUALIFIER_APPLICATION_STA, 6);
WIN(APTTYPEQUALIFIER_RESERVED_1, 7);
WIN(MEMCTX_TASK, 1);
WIN(MEMCTX_SHARED, 2);
WIN(MEMCTX_MACSYSTEM, 3);
WIN(MEMCTX_UNKNOWN, -1);
WIN(MEMCTX_SAME, -2);
WIN(VARIANT_TRUE, -1);
WIN(VARIANT_FALSE, 0);
static_assert(NULL == 0, "NULL");
#if INFINITE != 0xFFFFFFFF || TRUE != 1 || FALSE != 0 || ERROR_BAD_EXE_FORMAT != 193
#error "plain constants must be usable in #if"
#endif

/* ---- A custom interface declared with the SDK's macros (the same text works in C). ---- */
#undef INTERFACE
#define INTERFACE IHeadersTest
DECLARE_INTERFACE_(IHeadersTest, IUnknown) {
    BEGIN_INTERFACE
    STDMETHOD(QueryInterface)(THIS_ REFIID riid, void **ppvObject) PURE;
    STDMETHOD_(ULONG, AddRef)(THIS) PURE;
    STDMETHOD_(ULONG, Release)(THIS) PURE;
    STDMETHOD(Add)(THIS_ LONG a, LONG b, LONG *sum) PURE;
    STDMETHOD_(ULONG, Count)(THIS) PURE;
    END_INTERFACE
};
#undef INTERFACE
ANYCOM_DECLARE_IID_OF(IHeadersTest, IID_IHeadersTest);
static_assert(sizeof(IHeadersTest) == sizeof(void *) && std::is_base_of<IUnknown, IHeadersTest>::value &&
                  std::is_abstract<IHeadersTest>::value,
              "DECLARE_INTERFACE_");

static int failures;
#define EXPECT(cond)                                                         \
    do {                                                                     \
        if (!(cond)) {                                                       \
            std::printf("%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            failures++;                                                      \
        }                                                                    \
    } while (0)

static int live_objects;
static const char *last_call = "";

/* ---- Everything: a class object implementing IClassFactory2, IErrorInfo and IHeadersTest
 * by multiple inheritance, the way Windows C++ components do. ---- */
class Everything final : public IClassFactory2, public IErrorInfo, public IHeadersTest {
public:
    Everything() { live_objects++; }
    ~Everything() { live_objects--; }

    /* IUnknown, shared by all three interfaces; identity is the IClassFactory2 base. */
    STDMETHODIMP QueryInterface(REFIID riid, void **ppv) override {
        if (ppv == nullptr)
            return E_POINTER;
        if (riid == IID_IUnknown || riid == IID_IClassFactory || IsEqualIID(riid, IID_IClassFactory2))
            *ppv = static_cast<IClassFactory2 *>(this);
        else if (InlineIsEqualGUID(riid, IID_IErrorInfo))
            *ppv = static_cast<IErrorInfo *>(this);
        else if (IsEqualGUID(riid, IID_IHeadersTest))
            *ppv = static_cast<IHeadersTest *>(this);
        else {
            *ppv = nullptr;
            return E_NOINTERFACE;
        }
        AddRef();
        return S_OK;
    }
    STDMETHODIMP_(ULONG) AddRef() override { return ++refs_; }
    STDMETHODIMP_(ULONG) Release() override {
        ULONG left = --refs_;
        if (left == 0)
            delete this;
        return left;
    }

    /* IClassFactory */
    STDMETHODIMP CreateInstance(IUnknown *pUnkOuter, REFIID riid, void **ppvObject) override {
        last_call = "CreateInstance";
        if (ppvObject == nullptr)
            return E_POINTER;
        *ppvObject = nullptr;
        if (pUnkOuter != nullptr)
            return CLASS_E_NOAGGREGATION;
        Everything *obj = new Everything();
        HRESULT hr = obj->QueryInterface(riid, ppvObject);
        obj->Release();
        return hr;
    }
    STDMETHODIMP LockServer(BOOL fLock) override {
        last_call = "LockServer";
        locks_ += fLock ? 1 : -1;
        return S_OK;
    }

    /* IClassFactory2 */
    STDMETHODIMP GetLicInfo(LICINFO *pLicInfo) override {
        last_call = "GetLicInfo";
        if (pLicInfo == nullptr)
            return E_POINTER;
        pLicInfo->cbLicInfo = sizeof(LICINFO);
        pLicInfo->fRuntimeKeyAvail = TRUE;
        pLicInfo->fLicVerified = TRUE;
        return S_OK;
    }
    STDMETHODIMP RequestLicKey(DWORD, BSTR *pBstrKey) override {
        last_call = "RequestLicKey";
        if (pBstrKey != nullptr)
            *pBstrKey = nullptr;
        return E_NOTIMPL;
    }
    STDMETHODIMP CreateInstanceLic(IUnknown *pUnkOuter, IUnknown *, REFIID riid, BSTR, PVOID *ppvObj) override {
        HRESULT hr = CreateInstance(pUnkOuter, riid, ppvObj);
        last_call = "CreateInstanceLic";
        return hr;
    }

    /* IErrorInfo */
    STDMETHODIMP GetGUID(GUID *pGUID) override {
        last_call = "GetGUID";
        *pGUID = IID_IHeadersTest;
        return S_OK;
    }
    STDMETHODIMP GetSource(BSTR *pBstrSource) override {
        last_call = "GetSource";
        *pBstrSource = nullptr;
        return S_OK;
    }
    STDMETHODIMP GetDescription(BSTR *pBstrDescription) override {
        last_call = "GetDescription";
        *pBstrDescription = nullptr;
        return S_OK;
    }
    STDMETHODIMP GetHelpFile(BSTR *pBstrHelpFile) override {
        last_call = "GetHelpFile";
        *pBstrHelpFile = nullptr;
        return S_OK;
    }
    STDMETHODIMP GetHelpContext(DWORD *pdwHelpContext) override {
        last_call = "GetHelpContext";
        *pdwHelpContext = 7;
        return S_OK;
    }

    /* IHeadersTest */
    STDMETHODIMP Add(LONG a, LONG b, LONG *sum) override {
        last_call = "Add";
        calls_++;
        if (sum == nullptr)
            return E_POINTER;
        *sum = a + b;
        return S_OK;
    }
    STDMETHODIMP_(ULONG) Count() override {
        last_call = "Count";
        return calls_;
    }

    ULONG refs() const { return refs_; }
    LONG locks() const { return locks_; }

private:
    ULONG refs_ = 1;
    LONG locks_ = 0;
    ULONG calls_ = 0;
};

/* ---- Allocator: the remaining standard interfaces, likewise. ---- */
class Allocator final : public IMalloc, public IEnumUnknown, public ICreateErrorInfo, public ISupportErrorInfo {
public:
    Allocator() { live_objects++; }
    ~Allocator() { live_objects--; }

    STDMETHODIMP QueryInterface(REFIID riid, void **ppv) override {
        if (ppv == nullptr)
            return E_POINTER;
        if (riid == IID_IUnknown || riid == IID_IMalloc)
            *ppv = static_cast<IMalloc *>(this);
        else if (riid == IID_IEnumUnknown)
            *ppv = static_cast<IEnumUnknown *>(this);
        else if (riid == IID_ICreateErrorInfo)
            *ppv = static_cast<ICreateErrorInfo *>(this);
        else if (riid == IID_ISupportErrorInfo)
            *ppv = static_cast<ISupportErrorInfo *>(this);
        else {
            *ppv = nullptr;
            return E_NOINTERFACE;
        }
        AddRef();
        return S_OK;
    }
    STDMETHODIMP_(ULONG) AddRef() override { return ++refs_; }
    STDMETHODIMP_(ULONG) Release() override {
        ULONG left = --refs_;
        if (left == 0)
            delete this;
        return left;
    }

    /* IMalloc (a fake one: it hands out a static buffer) */
    void *STDMETHODCALLTYPE Alloc(SIZE_T cb) override {
        last_call = "Alloc";
        return cb <= sizeof buffer_ ? buffer_ : nullptr;
    }
    void *STDMETHODCALLTYPE Realloc(void *pv, SIZE_T cb) override {
        last_call = "Realloc";
        return pv == buffer_ && cb <= sizeof buffer_ ? buffer_ : nullptr;
    }
    void STDMETHODCALLTYPE Free(void *) override { last_call = "Free"; }
    SIZE_T STDMETHODCALLTYPE GetSize(void *pv) override {
        last_call = "GetSize";
        return pv == buffer_ ? sizeof buffer_ : (SIZE_T)-1;
    }
    int STDMETHODCALLTYPE DidAlloc(void *pv) override {
        last_call = "DidAlloc";
        return pv == buffer_ ? 1 : 0;
    }
    void STDMETHODCALLTYPE HeapMinimize() override { last_call = "HeapMinimize"; }

    /* IEnumUnknown (empty) */
    STDMETHODIMP Next(ULONG celt, IUnknown **rgelt, ULONG *pceltFetched) override {
        last_call = "Next";
        for (ULONG i = 0; i < celt; i++)
            rgelt[i] = nullptr;
        if (pceltFetched != nullptr)
            *pceltFetched = 0;
        return celt == 0 ? S_OK : S_FALSE;
    }
    STDMETHODIMP Skip(ULONG celt) override {
        last_call = "Skip";
        return celt == 0 ? S_OK : S_FALSE;
    }
    STDMETHODIMP Reset() override {
        last_call = "Reset";
        return S_OK;
    }
    STDMETHODIMP Clone(IEnumUnknown **ppenum) override {
        last_call = "Clone";
        *ppenum = nullptr;
        return E_NOTIMPL;
    }

    /* ICreateErrorInfo */
    STDMETHODIMP SetGUID(REFGUID rguid) override {
        last_call = "SetGUID";
        guid_ = rguid;
        return S_OK;
    }
    STDMETHODIMP SetSource(LPOLESTR) override {
        last_call = "SetSource";
        return S_OK;
    }
    STDMETHODIMP SetDescription(LPOLESTR szDescription) override {
        last_call = "SetDescription";
        return szDescription != nullptr && szDescription[0] == u'd' ? S_OK : E_INVALIDARG;
    }
    STDMETHODIMP SetHelpFile(LPOLESTR) override {
        last_call = "SetHelpFile";
        return S_OK;
    }
    STDMETHODIMP SetHelpContext(DWORD dwHelpContext) override {
        last_call = "SetHelpContext";
        return dwHelpContext == 7 ? S_OK : E_INVALIDARG;
    }

    /* ISupportErrorInfo */
    STDMETHODIMP InterfaceSupportsErrorInfo(REFIID riid) override {
        last_call = "InterfaceSupportsErrorInfo";
        return riid == IID_IMalloc ? S_OK : S_FALSE;
    }

    GUID guid() const { return guid_; }

private:
    ULONG refs_ = 1;
    GUID guid_ = GUID_NULL;
    alignas(8) unsigned char buffer_[64] = {};
};

/* ---- Calling a C++ object through its vtable as C (or Rust) does: slot n with `this` first. ---- */
typedef void (*AnyFn)(void);
template <typename Fn> static Fn slot(const void *itf, int index) {
    AnyFn *vtbl;
    std::memcpy(&vtbl, itf, sizeof vtbl);
    return reinterpret_cast<Fn>(vtbl[index]);
}
typedef HRESULT(STDMETHODCALLTYPE *QueryInterfaceFn)(void *, const IID *, void **);
typedef ULONG(STDMETHODCALLTYPE *RefFn)(void *);
typedef HRESULT(STDMETHODCALLTYPE *PtrFn)(void *, void *);
typedef HRESULT(STDMETHODCALLTYPE *DwordFn)(void *, DWORD);
typedef HRESULT(STDMETHODCALLTYPE *VoidFn)(void *);

static void check_iunknown_slots(void *itf, ULONG refs_before) {
    void *pv = nullptr;
    EXPECT(slot<RefFn>(itf, 1)(itf) == refs_before + 1);
    EXPECT(slot<RefFn>(itf, 2)(itf) == refs_before);
    EXPECT(slot<QueryInterfaceFn>(itf, 0)(itf, &IID_IUnknown, &pv) == S_OK && pv != nullptr);
    EXPECT(slot<RefFn>(itf, 2)(itf) == refs_before);
    EXPECT(slot<QueryInterfaceFn>(itf, 0)(itf, &IID_NULL, &pv) == E_NOINTERFACE && pv == nullptr);
}

static void check_everything_vtables() {
    Everything *obj = new Everything();
    IClassFactory2 *cf2 = obj;
    IErrorInfo *ei = obj;
    IHeadersTest *ht = obj;
    LICINFO lic = {0, FALSE, FALSE};
    OLECHAR sentinel[] = OLESTR("not null");
    BSTR bstr = sentinel;
    void *pv = nullptr;
    GUID guid = GUID_NULL;
    DWORD context = 0;
    LONG sum = 0;

    check_iunknown_slots(cf2, 1);
    check_iunknown_slots(ei, 1);
    check_iunknown_slots(ht, 1);

    /* IClassFactory2: CreateInstance, LockServer, GetLicInfo, RequestLicKey, CreateInstanceLic. */
    typedef HRESULT(STDMETHODCALLTYPE * CreateInstanceFn)(void *, IUnknown *, const IID *, void **);
    typedef HRESULT(STDMETHODCALLTYPE * LockServerFn)(void *, BOOL);
    typedef HRESULT(STDMETHODCALLTYPE * RequestLicKeyFn)(void *, DWORD, BSTR *);
    typedef HRESULT(STDMETHODCALLTYPE * CreateInstanceLicFn)(void *, IUnknown *, IUnknown *, const IID *, BSTR,
                                                             void **);
    EXPECT(slot<CreateInstanceFn>(cf2, 3)(cf2, nullptr, &IID_IErrorInfo, &pv) == S_OK && pv != nullptr);
    EXPECT(std::strcmp(last_call, "CreateInstance") == 0 && live_objects == 2);
    static_cast<IErrorInfo *>(pv)->Release();
    EXPECT(live_objects == 1);
    EXPECT(slot<CreateInstanceFn>(cf2, 3)(cf2, cf2, &IID_IUnknown, &pv) == CLASS_E_NOAGGREGATION && pv == nullptr);
    EXPECT(slot<LockServerFn>(cf2, 4)(cf2, TRUE) == S_OK && std::strcmp(last_call, "LockServer") == 0 &&
           obj->locks() == 1);
    EXPECT(slot<LockServerFn>(cf2, 4)(cf2, FALSE) == S_OK && obj->locks() == 0);
    EXPECT(slot<PtrFn>(cf2, 5)(cf2, &lic) == S_OK && std::strcmp(last_call, "GetLicInfo") == 0);
    EXPECT(lic.cbLicInfo == 12 && lic.fRuntimeKeyAvail == TRUE && lic.fLicVerified == TRUE);
    EXPECT(slot<RequestLicKeyFn>(cf2, 6)(cf2, 0, &bstr) == E_NOTIMPL && bstr == nullptr &&
           std::strcmp(last_call, "RequestLicKey") == 0);
    EXPECT(slot<CreateInstanceLicFn>(cf2, 7)(cf2, nullptr, nullptr, &IID_IHeadersTest, nullptr, &pv) == S_OK &&
           std::strcmp(last_call, "CreateInstanceLic") == 0 && live_objects == 2);
    static_cast<IHeadersTest *>(pv)->Release();
    EXPECT(live_objects == 1);

    /* IErrorInfo (a secondary base: its slots are thunks adjusting `this`). */
    EXPECT(slot<PtrFn>(ei, 3)(ei, &guid) == S_OK && guid == IID_IHeadersTest && std::strcmp(last_call, "GetGUID") == 0);
    bstr = sentinel;
    EXPECT(slot<PtrFn>(ei, 4)(ei, &bstr) == S_OK && bstr == nullptr && std::strcmp(last_call, "GetSource") == 0);
    bstr = sentinel;
    EXPECT(slot<PtrFn>(ei, 5)(ei, &bstr) == S_OK && bstr == nullptr && std::strcmp(last_call, "GetDescription") == 0);
    bstr = sentinel;
    EXPECT(slot<PtrFn>(ei, 6)(ei, &bstr) == S_OK && bstr == nullptr && std::strcmp(last_call, "GetHelpFile") == 0);
    EXPECT(slot<PtrFn>(ei, 7)(ei, &context) == S_OK && context == 7 && std::strcmp(last_call, "GetHelpContext") == 0);

    /* IHeadersTest */
    typedef HRESULT(STDMETHODCALLTYPE * AddFn)(void *, LONG, LONG, LONG *);
    EXPECT(slot<AddFn>(ht, 3)(ht, 40, 2, &sum) == S_OK && sum == 42 && std::strcmp(last_call, "Add") == 0);
    EXPECT(slot<RefFn>(ht, 4)(ht) == 1 && std::strcmp(last_call, "Count") == 0);

    EXPECT(obj->refs() == 1);
    EXPECT(slot<RefFn>(ei, 2)(ei) == 0 && live_objects == 0);
}

static void check_allocator_vtables() {
    Allocator *obj = new Allocator();
    IMalloc *m = obj;
    IEnumUnknown *e = obj;
    ICreateErrorInfo *cei = obj;
    ISupportErrorInfo *sei = obj;
    IUnknown *items[2] = {nullptr, nullptr};
    ULONG fetched = 99;
    void *pv = nullptr;
    OLECHAR description[] = u"description";

    check_iunknown_slots(m, 1);
    check_iunknown_slots(e, 1);
    check_iunknown_slots(cei, 1);
    check_iunknown_slots(sei, 1);

    /* IMalloc: Alloc, Realloc, Free, GetSize, DidAlloc, HeapMinimize. */
    typedef void *(STDMETHODCALLTYPE * AllocFn)(void *, SIZE_T);
    typedef void *(STDMETHODCALLTYPE * ReallocFn)(void *, void *, SIZE_T);
    typedef void(STDMETHODCALLTYPE * FreeFn)(void *, void *);
    typedef SIZE_T(STDMETHODCALLTYPE * GetSizeFn)(void *, void *);
    typedef int(STDMETHODCALLTYPE * DidAllocFn)(void *, void *);
    typedef void(STDMETHODCALLTYPE * HeapMinimizeFn)(void *);
    pv = slot<AllocFn>(m, 3)(m, 16);
    EXPECT(pv != nullptr && std::strcmp(last_call, "Alloc") == 0);
    EXPECT(slot<ReallocFn>(m, 4)(m, pv, 32) == pv && std::strcmp(last_call, "Realloc") == 0);
    slot<FreeFn>(m, 5)(m, pv);
    EXPECT(std::strcmp(last_call, "Free") == 0);
    EXPECT(slot<GetSizeFn>(m, 6)(m, pv) == 64 && std::strcmp(last_call, "GetSize") == 0);
    EXPECT(slot<DidAllocFn>(m, 7)(m, pv) == 1 && std::strcmp(last_call, "DidAlloc") == 0);
    slot<HeapMinimizeFn>(m, 8)(m);
    EXPECT(std::strcmp(last_call, "HeapMinimize") == 0);

    /* IEnumUnknown: Next, Skip, Reset, Clone. */
    typedef HRESULT(STDMETHODCALLTYPE * NextFn)(void *, ULONG, IUnknown **, ULONG *);
    EXPECT(slot<NextFn>(e, 3)(e, 2, items, &fetched) == S_FALSE && fetched == 0 && std::strcmp(last_call, "Next") == 0);
    EXPECT(slot<DwordFn>(e, 4)(e, 1) == S_FALSE && std::strcmp(last_call, "Skip") == 0);
    EXPECT(slot<VoidFn>(e, 5)(e) == S_OK && std::strcmp(last_call, "Reset") == 0);
    EXPECT(slot<PtrFn>(e, 6)(e, &pv) == E_NOTIMPL && pv == nullptr && std::strcmp(last_call, "Clone") == 0);

    /* ICreateErrorInfo: SetGUID, SetSource, SetDescription, SetHelpFile, SetHelpContext. */
    typedef HRESULT(STDMETHODCALLTYPE * SetGuidFn)(void *, const GUID *);
    typedef HRESULT(STDMETHODCALLTYPE * SetStringFn)(void *, OLECHAR *);
    EXPECT(slot<SetGuidFn>(cei, 3)(cei, &CLSID_HeadersTest) == S_OK && obj->guid() == CLSID_HeadersTest &&
           std::strcmp(last_call, "SetGUID") == 0);
    EXPECT(slot<SetStringFn>(cei, 4)(cei, description) == S_OK && std::strcmp(last_call, "SetSource") == 0);
    EXPECT(slot<SetStringFn>(cei, 5)(cei, description) == S_OK && std::strcmp(last_call, "SetDescription") == 0);
    EXPECT(slot<SetStringFn>(cei, 6)(cei, description) == S_OK && std::strcmp(last_call, "SetHelpFile") == 0);
    EXPECT(slot<DwordFn>(cei, 7)(cei, 7) == S_OK && std::strcmp(last_call, "SetHelpContext") == 0);

    /* ISupportErrorInfo: InterfaceSupportsErrorInfo. */
    typedef HRESULT(STDMETHODCALLTYPE * SupportsFn)(void *, const IID *);
    EXPECT(slot<SupportsFn>(sei, 3)(sei, &IID_IMalloc) == S_OK &&
           std::strcmp(last_call, "InterfaceSupportsErrorInfo") == 0);
    EXPECT(slot<SupportsFn>(sei, 3)(sei, &IID_IUnknown) == S_FALSE);

    EXPECT(slot<RefFn>(sei, 2)(sei) == 0 && live_objects == 0);
}

/* ---- The same objects through the C++ interfaces, as C++ clients use them. ---- */
static void check_cpp_clients() {
    IClassFactory *factory = nullptr;
    IUnknown *unk = nullptr;
    IErrorInfo *error_info = nullptr;
    IHeadersTest *test = nullptr;
    IClassFactory2 *factory2 = nullptr;
    ISupportErrorInfo *none = reinterpret_cast<ISupportErrorInfo *>(&factory);
    LONG sum = 0;

    EXPECT(DllGetClassObject(CLSID_HeadersTest, IID_PPV_ARGS(&factory)) == S_OK && factory != nullptr);
    EXPECT(DllGetClassObject(IID_IHeadersTest, IID_IClassFactory, reinterpret_cast<void **>(&unk)) ==
               CLASS_E_CLASSNOTAVAILABLE &&
           unk == nullptr);
    EXPECT(DllCanUnloadNow() == S_FALSE);
    EXPECT(factory->CreateInstance(nullptr, IID_PPV_ARGS(&test)) == S_OK && test != nullptr);
    EXPECT(test->Add(2, 3, &sum) == S_OK && sum == 5 && test->Count() == 1);
    EXPECT(test->QueryInterface(IID_PPV_ARGS(&error_info)) == S_OK);
    EXPECT(error_info->QueryInterface(IID_PPV_ARGS(&unk)) == S_OK);
    EXPECT(test->QueryInterface(IID_PPV_ARGS(&factory2)) == S_OK);
    /* Identity: IUnknown is the same pointer from every interface. */
    EXPECT(static_cast<IUnknown *>(factory2) == unk);
    EXPECT(static_cast<void *>(error_info) != static_cast<void *>(unk));
    EXPECT(unk->QueryInterface(IID_PPV_ARGS(&none)) == E_NOINTERFACE && none == nullptr);
    EXPECT(unk->QueryInterface(IID_IUnknown, nullptr) == E_POINTER);
    EXPECT(factory2->Release() == 3 && error_info->Release() == 2 && unk->Release() == 1);
    EXPECT(test->Release() == 0);
    EXPECT(factory->LockServer(TRUE) == S_OK && factory->LockServer(FALSE) == S_OK);
    EXPECT(factory->Release() == 0 && live_objects == 0);
    EXPECT(DllCanUnloadNow() == S_OK);
    EXPECT(DllRegisterServer() == SELFREG_E_CLASS && DllUnregisterServer() == SELFREG_E_CLASS);

    EXPECT(AnyComIidOf<IUnknown>::value() == IID_IUnknown && AnyComIidOf<IClassFactory>::value() == IID_IClassFactory &&
           AnyComIidOf<IClassFactory2>::value() == IID_IClassFactory2 && AnyComIidOf<IMalloc>::value() == IID_IMalloc &&
           AnyComIidOf<IEnumUnknown>::value() == IID_IEnumUnknown &&
           AnyComIidOf<IErrorInfo>::value() == IID_IErrorInfo &&
           AnyComIidOf<ICreateErrorInfo>::value() == IID_ICreateErrorInfo &&
           AnyComIidOf<ISupportErrorInfo>::value() == IID_ISupportErrorInfo &&
           AnyComIidOf<IHeadersTest>::value() == IID_IHeadersTest);
}

/* ---- The entry points of an in-process server, defined with the SDK's prototypes. ---- */
STDAPI DllGetClassObject(REFCLSID rclsid, REFIID riid, LPVOID *ppv) {
    if (ppv == nullptr)
        return E_POINTER;
    *ppv = nullptr;
    if (rclsid != CLSID_HeadersTest)
        return CLASS_E_CLASSNOTAVAILABLE;
    Everything *factory = new Everything();
    HRESULT hr = factory->QueryInterface(riid, ppv);
    factory->Release();
    return hr;
}
STDAPI DllCanUnloadNow(void) { return live_objects == 0 ? S_OK : S_FALSE; }
STDAPI DllRegisterServer(void) {
    /* A real module calls these; this test runs without libanycom, so they are only type-checked. */
    static_assert(sizeof(AnyComRegisterServer(typecheck::path, typecheck::classes, 1)) == sizeof(HRESULT), "");
    return SELFREG_E_CLASS;
}
STDAPI DllUnregisterServer(void) {
    static_assert(sizeof(AnyComUnregisterServer(typecheck::path)) == sizeof(HRESULT), "");
    return SELFREG_E_CLASS;
}

/* Functions of one's own with the API macros. */
STDAPI HeadersTestApi(DWORD x);
STDAPI HeadersTestApi(DWORD x) { return x ? S_OK : S_FALSE; }
STDAPI_(ULONG) HeadersTestApiUlong(void);
STDAPI_(ULONG) HeadersTestApiUlong(void) { return 42; }
EXTERN_C int headers_test_extern_c;
int headers_test_extern_c = 7;
EXTERN_C_START
int headers_test_extern_c_block(void);
EXTERN_C_END
int headers_test_extern_c_block(void) { return 8; }

int main() {
    /* GUIDs: DEFINE_GUID's field order; IsEqualGUID & co. take references; operator==/!=. */
    EXPECT(CLSID_HeadersTest.Data1 == 0x5a0e2a4c && CLSID_HeadersTest.Data2 == 0x8f1b &&
           CLSID_HeadersTest.Data3 == 0x4c6d && CLSID_HeadersTest.Data4[0] == 0x9e &&
           CLSID_HeadersTest.Data4[7] == 0x8f);
    EXPECT(IID_IUnknown.Data1 == 0 && IID_IUnknown.Data4[0] == 0xC0 && IID_IUnknown.Data4[7] == 0x46);
    GUID copy = CLSID_HeadersTest;
    EXPECT(IsEqualGUID(copy, CLSID_HeadersTest) && IsEqualCLSID(copy, CLSID_HeadersTest) &&
           InlineIsEqualGUID(copy, CLSID_HeadersTest) && copy == CLSID_HeadersTest && !(copy != CLSID_HeadersTest));
    EXPECT(!IsEqualIID(IID_IUnknown, IID_IClassFactory) && IID_IUnknown != IID_IClassFactory);
    EXPECT(IsEqualIID(IID_NULL, GUID_NULL) && IsEqualCLSID(CLSID_NULL, GUID_NULL) &&
           IsEqualFMTID(FMTID_NULL, GUID_NULL) && &IID_NULL == &GUID_NULL);
    copy.Data4[7] ^= 1;
    EXPECT(!IsEqualGUID(copy, CLSID_HeadersTest) && copy != CLSID_HeadersTest);

    /* OLESTR: UTF-16 literals of OLECHAR. */
    static const OLECHAR hello[] = OLESTR("h\u00e9llo");
    LPCOLESTR s = OLESTR("x");
    EXPECT(sizeof hello == 6 * sizeof(OLECHAR) && hello[1] == 0xE9 && hello[5] == 0 && s[0] == u'x');

    /* Structures initialize the Windows way. */
    MULTI_QI mqi = {&IID_IUnknown, nullptr, E_NOINTERFACE};
    LICINFO lic = {sizeof(LICINFO), TRUE, FALSE};
    COSERVERINFO server = {0, nullptr, nullptr, 0};
    ANYCOM_CLASS_INFO info = {&CLSID_HeadersTest, "Apartment", nullptr, nullptr, nullptr};
    EXPECT(mqi.pIID == &IID_IUnknown && mqi.hr == E_NOINTERFACE && lic.cbLicInfo == 12 && server.pAuthInfo == nullptr &&
           *info.clsid == CLSID_HeadersTest);

    EXPECT(HeadersTestApi(1) == S_OK && HeadersTestApi(0) == S_FALSE && HeadersTestApiUlong() == 42);
    EXPECT(headers_test_extern_c == 7 && headers_test_extern_c_block() == 8);
    EXPECT(SUCCEEDED(S_FALSE) && FAILED(E_FAIL));

    check_everything_vtables();
    check_allocator_vtables();
    check_cpp_clients();

    if (failures == 0)
        std::printf("headers_cpp: all checks passed\n");
    return failures == 0 ? 0 : 1;
}

#endif /* HEADERS_DEFINE_GUIDS */
