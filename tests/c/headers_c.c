/*
 * headers_c.c - uses everything anycom's C headers declare, from C (C99 and C11), the way
 * code written against the Windows SDK does: the base types (with their Windows sizes
 * checked at compile time), every macro, every constant (checked against its Windows value
 * in tables), every structure's layout, the C form of every standard interface (lpVtbl and
 * COBJMACROS), a hand-written C object implementing IUnknown, IClassFactory and an interface
 * declared with DECLARE_INTERFACE_, and every function's signature.
 *
 * It is compiled twice by tests/tests/c_headers.rs:
 *  - normally: the test program (main). DEFINE_GUID only declares the GUIDs here.
 *  - with -DHEADERS_DEFINE_GUIDS: <initguid.h> comes first, so the same DEFINE_GUIDs define
 *    them; this translation unit also stands in for libanycom's exported IIDs (uuid.lib on
 *    Windows), so that the program links and runs without the library.
 * No function of libanycom is referenced: calls to it are type-checked inside sizeof, whose
 * operand is never evaluated.
 */
#ifdef HEADERS_DEFINE_GUIDS
#include <initguid.h>
#endif
#define COBJMACROS
#include <objbase.h>

/* The test's own GUIDs; headers_cpp.cpp declares the same ones. */
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

#include <stdio.h>

#ifdef INITGUID
#error "INITGUID must not be defined in the test program's translation unit"
#endif

#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#define CHECK(cond, name) _Static_assert(cond, #name)
#else
#define CHECK(cond, name) typedef char check_##name[(cond) ? 1 : -1]
#endif

/* ---- Base types: Windows sizes and signedness on every platform (LP64 included). ---- */
CHECK(sizeof(BYTE) == 1 && (BYTE)-1 > 0, BYTE);
CHECK(sizeof(UCHAR) == 1 && sizeof(CHAR) == 1 && sizeof(BOOLEAN) == 1, CHAR);
CHECK(sizeof(WORD) == 2 && (WORD)-1 > 0, WORD);
CHECK(sizeof(USHORT) == 2 && sizeof(SHORT) == 2, SHORT);
CHECK(sizeof(DWORD) == 4 && (DWORD)-1 > 0, DWORD);
CHECK(sizeof(LONG) == 4 && (LONG)-1 < 0, LONG);
CHECK(sizeof(ULONG) == 4 && (ULONG)-1 > 0, ULONG);
CHECK(sizeof(BOOL) == 4 && (BOOL)-1 < 0, BOOL);
CHECK(sizeof(INT) == 4 && sizeof(UINT) == 4 && (UINT)-1 > 0, INT);
CHECK(sizeof(HRESULT) == 4 && (HRESULT)-1 < 0, HRESULT);
CHECK(sizeof(SCODE) == 4 && sizeof(LCID) == 4, SCODE);
CHECK(sizeof(FLOAT) == 4, FLOAT);
CHECK(sizeof(LONGLONG) == 8 && sizeof(ULONGLONG) == 8, LONGLONG);
CHECK(sizeof(INT8) == 1 && sizeof(UINT8) == 1 && sizeof(INT16) == 2 && sizeof(UINT16) == 2, INT8_16);
CHECK(sizeof(INT32) == 4 && sizeof(UINT32) == 4 && sizeof(LONG32) == 4 && sizeof(ULONG32) == 4, INT32);
CHECK(sizeof(DWORD32) == 4 && sizeof(INT64) == 8 && sizeof(UINT64) == 8 && sizeof(DWORD64) == 8, INT64);
CHECK(sizeof(LONG64) == 8 && sizeof(ULONG64) == 8, LONG64);
CHECK(sizeof(INT_PTR) == sizeof(void *) && sizeof(UINT_PTR) == sizeof(void *), INT_PTR);
CHECK(sizeof(LONG_PTR) == sizeof(void *) && sizeof(ULONG_PTR) == sizeof(void *), LONG_PTR);
CHECK(sizeof(DWORD_PTR) == sizeof(void *) && sizeof(SIZE_T) == sizeof(void *), SIZE_T);
CHECK(sizeof(SSIZE_T) == sizeof(void *) && (SSIZE_T)-1 < 0 && (SIZE_T)-1 > 0, SSIZE_T);
CHECK(sizeof(OLECHAR) == 2 && (OLECHAR)-1 > 0, OLECHAR);
CHECK(sizeof(WCHAR) == 2 && (WCHAR)-1 > 0, WCHAR);
CHECK(sizeof(VARIANT_BOOL) == 2 && VARIANT_TRUE == -1 && VARIANT_FALSE == 0, VARIANT_BOOL);
CHECK(sizeof(GUID) == 16 && sizeof(IID) == 16 && sizeof(CLSID) == 16 && sizeof(FMTID) == 16, GUID);
CHECK(offsetof(GUID, Data1) == 0 && offsetof(GUID, Data2) == 4, GUID_Data1_2);
CHECK(offsetof(GUID, Data3) == 6 && offsetof(GUID, Data4) == 8, GUID_Data3_4);
CHECK(sizeof(((GUID *)0)->Data1) == 4 && sizeof(((GUID *)0)->Data4) == 8, GUID_fields);
CHECK(sizeof(LPVOID) == sizeof(void *) && sizeof(LPCVOID) == sizeof(void *) && sizeof(PVOID) == sizeof(void *),
      LPVOID);
CHECK(sizeof(HANDLE) == sizeof(void *) && sizeof(HMODULE) == sizeof(void *) && sizeof(HINSTANCE) == sizeof(void *),
      HANDLE);
CHECK(sizeof(CLSCTX) == 4 && sizeof(COINIT) == 4 && sizeof(REGCLS) == 4 && sizeof(MEMCTX) == 4, enums);
CHECK(sizeof(APTTYPE) == 4 && sizeof(APTTYPEQUALIFIER) == 4 && sizeof(COINITBASE) == 4, apartment_enums);

/* Pointer types name what they point at: these initializations must compile without casts. */
static BYTE byte_v;
static WORD word_v;
static DWORD dword_v;
static LONG long_v;
static ULONG ulong_v;
static BOOL bool_v;
static INT int_v;
static UINT uint_v;
static FLOAT float_v;
static SHORT short_v;
static USHORT ushort_v;
static UCHAR uchar_v;
static CHAR char_v;
static BOOLEAN boolean_v;
static LONGLONG longlong_v;
static ULONGLONG ulonglong_v;
static HANDLE handle_v;
static OLECHAR olechar_v;
static WCHAR wchar_v;
static GUID guid_v;
static BSTR bstr_v;
static SIZE_T size_v;
static INT_PTR int_ptr_v;
static UINT_PTR uint_ptr_v;
static LONG_PTR long_ptr_v;
static ULONG_PTR ulong_ptr_v;
static SSIZE_T ssize_v;
static int check_pointer_types(void) {
    PBYTE pbyte = &byte_v;
    LPBYTE lpbyte = &byte_v;
    PWORD pword = &word_v;
    LPWORD lpword = &word_v;
    PDWORD pdword = &dword_v;
    LPDWORD lpdword = &dword_v;
    PLONG plong = &long_v;
    LPLONG lplong = &long_v;
    PULONG pulong = &ulong_v;
    PBOOL pbool = &bool_v;
    LPBOOL lpbool = &bool_v;
    PINT pint = &int_v;
    LPINT lpint = &int_v;
    PUINT puint = &uint_v;
    PFLOAT pfloat = &float_v;
    PSHORT pshort = &short_v;
    PUSHORT pushort = &ushort_v;
    PUCHAR puchar = &uchar_v;
    PCHAR pchar = &char_v;
    LPSTR lpstr = &char_v;
    LPCSTR lpcstr = "text";
    PSTR pstr = &char_v;
    PCSTR pcstr = "text";
    PBOOLEAN pboolean = &boolean_v;
    PLONGLONG plonglong = &longlong_v;
    PULONGLONG pulonglong = &ulonglong_v;
    PHANDLE phandle = &handle_v;
    LPOLESTR lpolestr = &olechar_v;
    LPCOLESTR lpcolestr = &olechar_v;
    LPWSTR lpwstr = &wchar_v;
    LPCWSTR lpcwstr = &wchar_v;
    PWSTR pwstr = &wchar_v;
    PCWSTR pcwstr = &wchar_v;
    LPGUID lpguid = &guid_v;
    LPCGUID lpcguid = &guid_v;
    LPIID lpiid = &guid_v;
    LPCLSID lpclsid = &guid_v;
    LPFMTID lpfmtid = &guid_v;
    LPBSTR lpbstr = &bstr_v;
    PSIZE_T psize = &size_v;
    PINT_PTR pint_ptr = &int_ptr_v;
    PUINT_PTR puint_ptr = &uint_ptr_v;
    PLONG_PTR plong_ptr = &long_ptr_v;
    PULONG_PTR pulong_ptr = &ulong_ptr_v;
    PSSIZE_T pssize = &ssize_v;
    const void *all[] = {
        pbyte, lpbyte, pword, lpword, pdword, lpdword, plong, lplong, pulong, pbool, lpbool, pint, lpint, puint, pfloat, pshort, pushort, puchar, pchar, lpstr, lpcstr, pstr, pcstr, pboolean, plonglong, pulonglong, phandle, lpolestr, lpcolestr, lpwstr, lpcwstr, pwstr, pcwstr, lpguid, lpcguid, lpiid, lpclsid, lpfmtid, lpbstr, psize, pint_ptr, puint_ptr, plong_ptr, pulong_ptr, pssize};
    return all[0] == (const void *)&byte_v && all[sizeof all / sizeof all[0] - 1] == (const void *)&ssize_v &&
           sizeof all == 45 * sizeof(void *);
}

/* REFGUID/REFIID/REFCLSID are pointers in C. */
static const GUID *refs_are_pointers(REFGUID g, REFIID i, REFCLSID c, REFFMTID f) {
    return (g == i && i == c && c == f) ? g : NULL;
}

/* ---- Structures: Windows layouts. ---- */
CHECK(offsetof(MULTI_QI, pIID) == 0 && offsetof(MULTI_QI, pItf) == sizeof(void *), MULTI_QI_pointers);
CHECK(offsetof(MULTI_QI, hr) == 2 * sizeof(void *) && sizeof(MULTI_QI) == 3 * sizeof(void *), MULTI_QI_hr);
CHECK(offsetof(LICINFO, cbLicInfo) == 0 && offsetof(LICINFO, fRuntimeKeyAvail) == 4, LICINFO_first);
CHECK(offsetof(LICINFO, fLicVerified) == 8 && sizeof(LICINFO) == 12, LICINFO_last);
CHECK(offsetof(COSERVERINFO, dwReserved1) == 0 && offsetof(COSERVERINFO, pwszName) == sizeof(void *),
      COSERVERINFO_first);
CHECK(offsetof(COSERVERINFO, pAuthInfo) == 2 * sizeof(void *) &&
          offsetof(COSERVERINFO, dwReserved2) == 3 * sizeof(void *) && sizeof(COSERVERINFO) == 4 * sizeof(void *),
      COSERVERINFO_last);
CHECK(offsetof(COAUTHINFO, pwszServerPrincName) == 8 &&
          offsetof(COAUTHINFO, pAuthIdentityData) == (sizeof(void *) == 8 ? 24 : 20) &&
          sizeof(COAUTHINFO) == (sizeof(void *) == 8 ? 40 : 28),
      COAUTHINFO);
CHECK(offsetof(COAUTHIDENTITY, UserLength) == sizeof(void *) && offsetof(COAUTHIDENTITY, Flags) == 5 * sizeof(void *) + 4,
      COAUTHIDENTITY);
CHECK(sizeof(ANYCOM_CLASS_INFO) == 5 * sizeof(void *) && offsetof(ANYCOM_CLASS_INFO, description) == 4 * sizeof(void *),
      ANYCOM_CLASS_INFO);
/* An interface is one pointer: its vtable; vtables are function pointers in Windows order. */
CHECK(sizeof(IUnknown) == sizeof(void *) && offsetof(IUnknown, lpVtbl) == 0, IUnknown_is_lpVtbl);
CHECK(sizeof(IUnknownVtbl) == 3 * sizeof(void *) && offsetof(IUnknownVtbl, Release) == 2 * sizeof(void *),
      IUnknownVtbl);
CHECK(sizeof(IClassFactoryVtbl) == 5 * sizeof(void *) && offsetof(IClassFactoryVtbl, CreateInstance) == 3 * sizeof(void *),
      IClassFactoryVtbl);
CHECK(offsetof(IClassFactoryVtbl, LockServer) == 4 * sizeof(void *), IClassFactoryVtbl_LockServer);
CHECK(sizeof(IClassFactory2Vtbl) == 8 * sizeof(void *) && offsetof(IClassFactory2Vtbl, GetLicInfo) == 5 * sizeof(void *),
      IClassFactory2Vtbl);
CHECK(offsetof(IClassFactory2Vtbl, RequestLicKey) == 6 * sizeof(void *) &&
          offsetof(IClassFactory2Vtbl, CreateInstanceLic) == 7 * sizeof(void *),
      IClassFactory2Vtbl_tail);
CHECK(sizeof(IMallocVtbl) == 9 * sizeof(void *) && offsetof(IMallocVtbl, Alloc) == 3 * sizeof(void *), IMallocVtbl);
CHECK(offsetof(IMallocVtbl, Realloc) == 4 * sizeof(void *) && offsetof(IMallocVtbl, Free) == 5 * sizeof(void *) &&
          offsetof(IMallocVtbl, GetSize) == 6 * sizeof(void *) && offsetof(IMallocVtbl, DidAlloc) == 7 * sizeof(void *) &&
          offsetof(IMallocVtbl, HeapMinimize) == 8 * sizeof(void *),
      IMallocVtbl_order);
CHECK(sizeof(IEnumUnknownVtbl) == 7 * sizeof(void *) && offsetof(IEnumUnknownVtbl, Next) == 3 * sizeof(void *) &&
          offsetof(IEnumUnknownVtbl, Skip) == 4 * sizeof(void *) && offsetof(IEnumUnknownVtbl, Reset) == 5 * sizeof(void *) &&
          offsetof(IEnumUnknownVtbl, Clone) == 6 * sizeof(void *),
      IEnumUnknownVtbl);
CHECK(sizeof(IErrorInfoVtbl) == 8 * sizeof(void *) && offsetof(IErrorInfoVtbl, GetGUID) == 3 * sizeof(void *) &&
          offsetof(IErrorInfoVtbl, GetSource) == 4 * sizeof(void *) &&
          offsetof(IErrorInfoVtbl, GetDescription) == 5 * sizeof(void *) &&
          offsetof(IErrorInfoVtbl, GetHelpFile) == 6 * sizeof(void *) &&
          offsetof(IErrorInfoVtbl, GetHelpContext) == 7 * sizeof(void *),
      IErrorInfoVtbl);
CHECK(sizeof(ICreateErrorInfoVtbl) == 8 * sizeof(void *) && offsetof(ICreateErrorInfoVtbl, SetGUID) == 3 * sizeof(void *) &&
          offsetof(ICreateErrorInfoVtbl, SetSource) == 4 * sizeof(void *) &&
          offsetof(ICreateErrorInfoVtbl, SetDescription) == 5 * sizeof(void *) &&
          offsetof(ICreateErrorInfoVtbl, SetHelpFile) == 6 * sizeof(void *) &&
          offsetof(ICreateErrorInfoVtbl, SetHelpContext) == 7 * sizeof(void *),
      ICreateErrorInfoVtbl);
CHECK(sizeof(ISupportErrorInfoVtbl) == 4 * sizeof(void *) &&
          offsetof(ISupportErrorInfoVtbl, InterfaceSupportsErrorInfo) == 3 * sizeof(void *),
      ISupportErrorInfoVtbl);

/* ---- Function signatures: each redeclared with the exact Windows signature, spelled with the
 * underlying types. A mismatch in any parameter or the return type is a compile error. ---- */
HRESULT STDAPICALLTYPE CoInitialize(void *pvReserved);
HRESULT STDAPICALLTYPE CoInitializeEx(void *pvReserved, DWORD dwCoInit);
void STDAPICALLTYPE CoUninitialize(void);
HRESULT STDAPICALLTYPE CoGetApartmentType(APTTYPE *pAptType, APTTYPEQUALIFIER *pAptQualifier);
DWORD STDAPICALLTYPE CoGetCurrentProcess(void);
DWORD STDAPICALLTYPE CoBuildVersion(void);
HRESULT STDAPICALLTYPE CoCreateInstance(const GUID *rclsid, IUnknown *pUnkOuter, DWORD dwClsContext, const GUID *riid,
                                        void **ppv);
HRESULT STDAPICALLTYPE CoCreateInstanceEx(const GUID *Clsid, IUnknown *punkOuter, DWORD dwClsCtx,
                                          COSERVERINFO *pServerInfo, DWORD dwCount, MULTI_QI *pResults);
HRESULT STDAPICALLTYPE CoGetClassObject(const GUID *rclsid, DWORD dwClsContext, void *pvReserved, const GUID *riid,
                                        void **ppv);
HRESULT STDAPICALLTYPE CoRegisterClassObject(const GUID *rclsid, IUnknown *pUnk, DWORD dwClsContext, DWORD flags,
                                             DWORD *lpdwRegister);
HRESULT STDAPICALLTYPE CoRevokeClassObject(DWORD dwRegister);
HRESULT STDAPICALLTYPE CoSuspendClassObjects(void);
HRESULT STDAPICALLTYPE CoResumeClassObjects(void);
ULONG STDAPICALLTYPE CoAddRefServerProcess(void);
ULONG STDAPICALLTYPE CoReleaseServerProcess(void);
void STDAPICALLTYPE CoFreeUnusedLibraries(void);
void STDAPICALLTYPE CoFreeUnusedLibrariesEx(DWORD dwUnloadDelay, DWORD dwReserved);
void *STDAPICALLTYPE CoTaskMemAlloc(size_t cb);
void *STDAPICALLTYPE CoTaskMemRealloc(void *pv, size_t cb);
void STDAPICALLTYPE CoTaskMemFree(void *pv);
HRESULT STDAPICALLTYPE CoGetMalloc(DWORD dwMemContext, IMalloc **ppMalloc);
HRESULT STDAPICALLTYPE CoCreateGuid(GUID *pguid);
int STDAPICALLTYPE StringFromGUID2(const GUID *rguid, OLECHAR *lpsz, int cchMax);
HRESULT STDAPICALLTYPE StringFromCLSID(const GUID *rclsid, OLECHAR **lplpsz);
HRESULT STDAPICALLTYPE StringFromIID(const GUID *rclsid, OLECHAR **lplpsz);
HRESULT STDAPICALLTYPE CLSIDFromString(const OLECHAR *lpsz, GUID *pclsid);
HRESULT STDAPICALLTYPE IIDFromString(const OLECHAR *lpsz, GUID *lpiid);
HRESULT STDAPICALLTYPE CLSIDFromProgID(const OLECHAR *lpszProgID, GUID *lpclsid);
HRESULT STDAPICALLTYPE ProgIDFromCLSID(const GUID *clsid, OLECHAR **lplpszProgID);
OLECHAR *STDAPICALLTYPE SysAllocString(const OLECHAR *psz);
OLECHAR *STDAPICALLTYPE SysAllocStringLen(const OLECHAR *strIn, unsigned int ui);
OLECHAR *STDAPICALLTYPE SysAllocStringByteLen(const char *psz, unsigned int len);
int STDAPICALLTYPE SysReAllocString(OLECHAR **pbstr, const OLECHAR *psz);
int STDAPICALLTYPE SysReAllocStringLen(OLECHAR **pbstr, const OLECHAR *psz, unsigned int len);
void STDAPICALLTYPE SysFreeString(OLECHAR *bstrString);
unsigned int STDAPICALLTYPE SysStringLen(OLECHAR *pbstr);
unsigned int STDAPICALLTYPE SysStringByteLen(OLECHAR *bstr);
HRESULT STDAPICALLTYPE SetErrorInfo(ULONG dwReserved, IErrorInfo *perrinfo);
HRESULT STDAPICALLTYPE GetErrorInfo(ULONG dwReserved, IErrorInfo **pperrinfo);
HRESULT STDAPICALLTYPE CreateErrorInfo(ICreateErrorInfo **pperrinfo);
HRESULT STDAPICALLTYPE DllGetClassObject(const GUID *rclsid, const GUID *riid, void **ppv);
HRESULT STDAPICALLTYPE DllCanUnloadNow(void);
HRESULT STDAPICALLTYPE DllRegisterServer(void);
HRESULT STDAPICALLTYPE DllUnregisterServer(void);
HRESULT STDAPICALLTYPE AnyComPumpMessages(DWORD dwMilliseconds);
HRESULT STDAPICALLTYPE AnyComGetPumpHandle(intptr_t *phandle);
HRESULT STDAPICALLTYPE AnyComPostQuit(void);
HRESULT STDAPICALLTYPE AnyComRegisterServer(const char *modulePath, const ANYCOM_CLASS_INFO *classes, ULONG count);
HRESULT STDAPICALLTYPE AnyComUnregisterServer(const char *modulePath);
HRESULT STDAPICALLTYPE AnyComGetModulePath(const void *address, char *buffer, ULONG cchBuffer);
/* The exported data, likewise. */
extern const GUID IID_IUnknown, IID_IClassFactory, IID_IClassFactory2, IID_IMalloc, IID_IEnumUnknown;
extern const GUID IID_IErrorInfo, IID_ICreateErrorInfo, IID_ISupportErrorInfo, GUID_NULL;

/* ---- Constants, against their Windows values. ---- */
struct constant {
    const char *name;
    long long value;
    long long windows;
};
#define C(name, windows) {#name, (long long)(name), (long long)(windows)}

static const struct constant hresults[] = {
    C(S_OK, 0x00000000), C(S_FALSE, 0x00000001), C(NOERROR, 0),
    C(E_NOTIMPL, (INT32)0x80004001), C(E_NOINTERFACE, (INT32)0x80004002), C(E_POINTER, (INT32)0x80004003),
    C(E_ABORT, (INT32)0x80004004), C(E_FAIL, (INT32)0x80004005), C(E_UNEXPECTED, (INT32)0x8000FFFF),
    C(E_ACCESSDENIED, (INT32)0x80070005), C(E_HANDLE, (INT32)0x80070006), C(E_OUTOFMEMORY, (INT32)0x8007000E),
    C(E_INVALIDARG, (INT32)0x80070057), C(E_PENDING, (INT32)0x8000000A), C(E_BOUNDS, (INT32)0x8000000B),
    C(E_CHANGED_STATE, (INT32)0x8000000C), C(E_ILLEGAL_METHOD_CALL, (INT32)0x8000000E),
    C(E_NOT_SUFFICIENT_BUFFER, (INT32)0x8007007A), C(E_NOT_SET, (INT32)0x80070490),
    C(E_NOT_VALID_STATE, (INT32)0x8007139F), C(CO_E_NOT_SUPPORTED, (INT32)0x80004021),
    C(CLASSFACTORY_E_FIRST, (INT32)0x80040110), C(CLASSFACTORY_E_LAST, (INT32)0x8004011F),
    C(CLASS_E_NOAGGREGATION, (INT32)0x80040110), C(CLASS_E_CLASSNOTAVAILABLE, (INT32)0x80040111),
    C(CLASS_E_NOTLICENSED, (INT32)0x80040112),
    C(REGDB_E_FIRST, (INT32)0x80040150), C(REGDB_E_LAST, (INT32)0x8004015F),
    C(REGDB_E_READREGDB, (INT32)0x80040150), C(REGDB_E_WRITEREGDB, (INT32)0x80040151),
    C(REGDB_E_KEYMISSING, (INT32)0x80040152), C(REGDB_E_INVALIDVALUE, (INT32)0x80040153),
    C(REGDB_E_CLASSNOTREG, (INT32)0x80040154), C(REGDB_E_IIDNOTREG, (INT32)0x80040155),
    C(REGDB_E_BADTHREADINGMODEL, (INT32)0x80040156),
    C(CO_E_FIRST, (INT32)0x800401F0), C(CO_E_LAST, (INT32)0x800401FF),
    C(CO_E_NOTINITIALIZED, (INT32)0x800401F0), C(CO_E_ALREADYINITIALIZED, (INT32)0x800401F1),
    C(CO_E_CANTDETERMINECLASS, (INT32)0x800401F2), C(CO_E_CLASSSTRING, (INT32)0x800401F3),
    C(CO_E_IIDSTRING, (INT32)0x800401F4), C(CO_E_APPNOTFOUND, (INT32)0x800401F5),
    C(CO_E_APPSINGLEUSE, (INT32)0x800401F6), C(CO_E_ERRORINAPP, (INT32)0x800401F7),
    C(CO_E_DLLNOTFOUND, (INT32)0x800401F8), C(CO_E_ERRORINDLL, (INT32)0x800401F9),
    C(CO_E_WRONGOSFORAPP, (INT32)0x800401FA), C(CO_E_OBJNOTREG, (INT32)0x800401FB),
    C(CO_E_OBJISREG, (INT32)0x800401FC), C(CO_E_OBJNOTCONNECTED, (INT32)0x800401FD),
    C(CO_E_APPDIDNTREG, (INT32)0x800401FE), C(CO_E_RELEASED, (INT32)0x800401FF),
    C(CO_S_NOTALLINTERFACES, 0x00080012),
    C(RPC_E_CALL_REJECTED, (INT32)0x80010001), C(RPC_E_CALL_CANCELED, (INT32)0x80010002),
    C(RPC_E_SERVERFAULT, (INT32)0x80010105), C(RPC_E_CHANGED_MODE, (INT32)0x80010106),
    C(RPC_E_DISCONNECTED, (INT32)0x80010108), C(RPC_E_SERVERCALL_RETRYLATER, (INT32)0x8001010A),
    C(RPC_E_WRONG_THREAD, (INT32)0x8001010E), C(RPC_S_CALLPENDING, (INT32)0x80010115),
    C(RPC_E_TIMEOUT, (INT32)0x8001011F), C(RPC_E_UNEXPECTED, (INT32)0x8001FFFF),
    C(SELFREG_E_FIRST, (INT32)0x80040200), C(SELFREG_E_LAST, (INT32)0x8004020F),
    C(SELFREG_E_TYPELIB, (INT32)0x80040200), C(SELFREG_E_CLASS, (INT32)0x80040201),
    /* The macros that build HRESULTs. */
    C(HRESULT_FROM_WIN32(ERROR_SUCCESS), 0), C(HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND), (INT32)0x80070002),
    C(HRESULT_FROM_WIN32(ERROR_BAD_EXE_FORMAT), (INT32)0x800700C1),
    C(HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED), (INT32)0x80070005),
    C(HRESULT_FROM_WIN32(ERROR_INVALID_HANDLE), (INT32)0x80070006),
    C(HRESULT_FROM_WIN32(ERROR_OUTOFMEMORY), (INT32)0x8007000E),
    C(HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER), (INT32)0x80070057),
    C(HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER), (INT32)0x8007007A),
    C(HRESULT_FROM_WIN32(ERROR_NOT_FOUND), (INT32)0x80070490),
    C(HRESULT_FROM_WIN32(ERROR_INVALID_STATE), (INT32)0x8007139F),
    C(HRESULT_FROM_WIN32(ERROR_MOD_NOT_FOUND), (INT32)0x8007007E),
    C(HRESULT_FROM_WIN32(ERROR_PROC_NOT_FOUND), (INT32)0x8007007F),
    C(HRESULT_FROM_WIN32(ERROR_PATH_NOT_FOUND), (INT32)0x80070003),
    C(HRESULT_FROM_WIN32(ERROR_NOT_ENOUGH_MEMORY), (INT32)0x80070008),
    C(HRESULT_FROM_WIN32(E_FAIL), (INT32)0x80004005), /* already an HRESULT: unchanged */
    C(MAKE_HRESULT(SEVERITY_ERROR, FACILITY_ITF, 0x0200), (INT32)0x80040200),
    C(MAKE_HRESULT(SEVERITY_SUCCESS, FACILITY_ITF, 1), 0x00040001),
    C(MAKE_SCODE(SEVERITY_ERROR, FACILITY_WIN32, 5), (INT32)0x80070005),
    C(MAKE_HRESULT(SEVERITY_ERROR, FACILITY_RPC, 0x10E), (INT32)0x8001010E),
    C(MAKE_HRESULT(SEVERITY_ERROR, FACILITY_DISPATCH, 9), (INT32)0x80020009),
    C(MAKE_HRESULT(SEVERITY_ERROR, FACILITY_STORAGE, 0xFC), (INT32)0x800300FC),
    C(MAKE_HRESULT(SEVERITY_ERROR, FACILITY_WINDOWS, 1), (INT32)0x80080001),
    C(MAKE_HRESULT(SEVERITY_ERROR, FACILITY_NULL, 0x4002), (INT32)0x80004002),
};

static const struct constant others[] = {
    /* The tests of HRESULTs. */
    C(SUCCEEDED(S_OK), 1), C(SUCCEEDED(S_FALSE), 1), C(SUCCEEDED(CO_S_NOTALLINTERFACES), 1),
    C(SUCCEEDED(E_FAIL), 0), C(FAILED(E_NOINTERFACE), 1), C(FAILED(S_FALSE), 0),
    C(IS_ERROR(E_UNEXPECTED), 1), C(IS_ERROR(S_FALSE), 0),
    C(HRESULT_CODE(E_INVALIDARG), 0x57), C(HRESULT_FACILITY(E_INVALIDARG), FACILITY_WIN32),
    C(HRESULT_SEVERITY(E_INVALIDARG), SEVERITY_ERROR), C(HRESULT_SEVERITY(S_FALSE), SEVERITY_SUCCESS),
    C(HRESULT_FACILITY(REGDB_E_CLASSNOTREG), FACILITY_ITF), C(HRESULT_FACILITY(RPC_E_WRONG_THREAD), FACILITY_RPC),
    C(SCODE_CODE(E_POINTER), 0x4003), C(SCODE_FACILITY(E_POINTER), FACILITY_NULL), C(SCODE_SEVERITY(E_POINTER), 1),
    C(FACILITY_NULL, 0), C(FACILITY_RPC, 1), C(FACILITY_DISPATCH, 2), C(FACILITY_STORAGE, 3), C(FACILITY_ITF, 4),
    C(FACILITY_WIN32, 7), C(FACILITY_WINDOWS, 8), C(SEVERITY_SUCCESS, 0), C(SEVERITY_ERROR, 1),
    C(ERROR_SUCCESS, 0), C(NO_ERROR, 0), C(ERROR_FILE_NOT_FOUND, 2), C(ERROR_PATH_NOT_FOUND, 3),
    C(ERROR_ACCESS_DENIED, 5), C(ERROR_INVALID_HANDLE, 6), C(ERROR_NOT_ENOUGH_MEMORY, 8), C(ERROR_OUTOFMEMORY, 14),
    C(ERROR_INVALID_PARAMETER, 87), C(ERROR_INSUFFICIENT_BUFFER, 122), C(ERROR_MOD_NOT_FOUND, 126),
    C(ERROR_PROC_NOT_FOUND, 127), C(ERROR_BAD_EXE_FORMAT, 193), C(ERROR_NOT_FOUND, 1168),
    C(ERROR_INVALID_STATE, 5023),
    /* Plain values. */
    C(TRUE, 1), C(FALSE, 0), C(INFINITE, 0xFFFFFFFF), C(MAX_PATH, 260), C(NULL == 0, 1),
    C(ANYCOM_VERSION_MAJOR, 0), C(ANYCOM_VERSION_MINOR, 1), C(ANYCOM_VERSION_PATCH, 0),
    /* CLSCTX */
    C(CLSCTX_INPROC_SERVER, 0x1), C(CLSCTX_INPROC_HANDLER, 0x2), C(CLSCTX_LOCAL_SERVER, 0x4),
    C(CLSCTX_INPROC_SERVER16, 0x8), C(CLSCTX_REMOTE_SERVER, 0x10), C(CLSCTX_INPROC_HANDLER16, 0x20),
    C(CLSCTX_RESERVED1, 0x40), C(CLSCTX_RESERVED2, 0x80), C(CLSCTX_RESERVED3, 0x100), C(CLSCTX_RESERVED4, 0x200),
    C(CLSCTX_NO_CODE_DOWNLOAD, 0x400), C(CLSCTX_RESERVED5, 0x800), C(CLSCTX_NO_CUSTOM_MARSHAL, 0x1000),
    C(CLSCTX_ENABLE_CODE_DOWNLOAD, 0x2000), C(CLSCTX_NO_FAILURE_LOG, 0x4000), C(CLSCTX_DISABLE_AAA, 0x8000),
    C(CLSCTX_ENABLE_AAA, 0x10000), C(CLSCTX_FROM_DEFAULT_CONTEXT, 0x20000), C(CLSCTX_ACTIVATE_X86_SERVER, 0x40000),
    C(CLSCTX_ACTIVATE_32_BIT_SERVER, 0x40000), C(CLSCTX_ACTIVATE_64_BIT_SERVER, 0x80000),
    C(CLSCTX_ENABLE_CLOAKING, 0x100000), C(CLSCTX_APPCONTAINER, 0x400000), C(CLSCTX_ACTIVATE_AAA_AS_IU, 0x800000),
    C(CLSCTX_RESERVED6, 0x1000000), C(CLSCTX_ACTIVATE_ARM32_SERVER, 0x2000000),
    C(CLSCTX_ALLOW_LOWER_TRUST_REGISTRATION, 0x4000000), C((DWORD)CLSCTX_PS_DLL, 0x80000000),
    C(CLSCTX_INPROC, 0x3), C(CLSCTX_ALL, 0x17), C(CLSCTX_SERVER, 0x15),
    /* COINIT */
    C(COINIT_APARTMENTTHREADED, 2), C(COINIT_MULTITHREADED, 0), C(COINIT_DISABLE_OLE1DDE, 4),
    C(COINIT_SPEED_OVER_MEMORY, 8), C(COINITBASE_MULTITHREADED, 0),
    /* REGCLS */
    C(REGCLS_SINGLEUSE, 0), C(REGCLS_MULTIPLEUSE, 1), C(REGCLS_MULTI_SEPARATE, 2), C(REGCLS_SUSPENDED, 4),
    C(REGCLS_SURROGATE, 8), C(REGCLS_AGILE, 0x10),
    /* APTTYPE, APTTYPEQUALIFIER */
    C(APTTYPE_CURRENT, -1), C(APTTYPE_STA, 0), C(APTTYPE_MTA, 1), C(APTTYPE_NA, 2), C(APTTYPE_MAINSTA, 3),
    C(APTTYPEQUALIFIER_NONE, 0), C(APTTYPEQUALIFIER_IMPLICIT_MTA, 1), C(APTTYPEQUALIFIER_NA_ON_MTA, 2),
    C(APTTYPEQUALIFIER_NA_ON_STA, 3), C(APTTYPEQUALIFIER_NA_ON_IMPLICIT_MTA, 4),
    C(APTTYPEQUALIFIER_NA_ON_MAINSTA, 5), C(APTTYPEQUALIFIER_APPLICATION_STA, 6),
    C(APTTYPEQUALIFIER_RESERVED_1, 7),
    /* MEMCTX */
    C(MEMCTX_TASK, 1), C(MEMCTX_SHARED, 2), C(MEMCTX_MACSYSTEM, 3), C(MEMCTX_UNKNOWN, -1), C(MEMCTX_SAME, -2),
    /* VARIANT_BOOL */
    C(VARIANT_TRUE, -1), C(VARIANT_FALSE, 0),
};

/* Constants are constant expressions where Windows code relies on it. */
static int switch_on(HRESULT hr) {
    switch (hr) {
    case S_OK:
        return 0;
    case E_NOINTERFACE:
        return 1;
    case REGDB_E_CLASSNOTREG:
        return 2;
    default:
        return 3;
    }
}
#if INFINITE != 0xFFFFFFFF || TRUE != 1 || FALSE != 0 || ERROR_BAD_EXE_FORMAT != 193
#error "plain constants must be usable in #if"
#endif
#if ANYCOM_VERSION_MAJOR < 0 || ANYCOM_VERSION_MINOR < 0
#error "version macros must be usable in #if"
#endif
CHECK(E_NOINTERFACE == (HRESULT)0x80004002 && FAILED(E_NOINTERFACE) && SUCCEEDED(S_FALSE), hresults_are_constant);
CHECK(HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER) == E_NOT_SUFFICIENT_BUFFER, from_win32_is_constant);

/* ---- A custom interface declared with the SDK's macros (the same text works in C++). ---- */
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
#define IHeadersTest_QueryInterface(This, riid, ppv) ((This)->lpVtbl->QueryInterface(This, riid, ppv))
#define IHeadersTest_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IHeadersTest_Release(This) ((This)->lpVtbl->Release(This))
#define IHeadersTest_Add(This, a, b, sum) ((This)->lpVtbl->Add(This, a, b, sum))
#define IHeadersTest_Count(This) ((This)->lpVtbl->Count(This))

CHECK(sizeof(IHeadersTest) == sizeof(void *) && sizeof(struct IHeadersTestVtbl) == 5 * sizeof(void *),
      DECLARE_INTERFACE_layout);

/* ---- A C object: IClassFactory (and so IUnknown) plus IHeadersTest, each an lpVtbl. ---- */
typedef struct TestObject {
    IClassFactory IClassFactory_iface; /* first: also the object's IUnknown (its identity) */
    interface IHeadersTest IHeadersTest_iface;
    LONG refs;
    LONG locks;
    ULONG calls;
} TestObject;

static TestObject *from_factory(IClassFactory *iface) {
    return (TestObject *)((char *)iface - offsetof(TestObject, IClassFactory_iface));
}
static TestObject *from_headers_test(IHeadersTest *iface) {
    return (TestObject *)((char *)iface - offsetof(TestObject, IHeadersTest_iface));
}

static HRESULT object_query_interface(TestObject *obj, REFIID riid, void **ppv) {
    if (ppv == NULL)
        return E_POINTER;
    if (riid == NULL) {
        *ppv = NULL;
        return E_INVALIDARG;
    }
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IClassFactory)) {
        *ppv = &obj->IClassFactory_iface;
    } else if (IsEqualGUID(riid, &IID_IHeadersTest)) {
        *ppv = &obj->IHeadersTest_iface;
    } else {
        *ppv = NULL;
        return E_NOINTERFACE;
    }
    obj->refs++;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE Factory_QueryInterface(IClassFactory *This, REFIID riid, void **ppv) {
    return object_query_interface(from_factory(This), riid, ppv);
}
static ULONG STDMETHODCALLTYPE Factory_AddRef(IClassFactory *This) { return (ULONG)++from_factory(This)->refs; }
static ULONG STDMETHODCALLTYPE Factory_Release(IClassFactory *This) { return (ULONG)--from_factory(This)->refs; }
static HRESULT STDMETHODCALLTYPE Factory_CreateInstance(IClassFactory *This, IUnknown *pUnkOuter, REFIID riid,
                                                        void **ppvObject) {
    if (ppvObject == NULL)
        return E_POINTER;
    *ppvObject = NULL;
    if (pUnkOuter != NULL)
        return CLASS_E_NOAGGREGATION;
    /* The test hands out its one object; a real factory would allocate a new one. */
    return object_query_interface(from_factory(This), riid, ppvObject);
}
static HRESULT STDMETHODCALLTYPE Factory_LockServer(IClassFactory *This, BOOL fLock) {
    from_factory(This)->locks += fLock ? 1 : -1;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE HeadersTest_QueryInterface(IHeadersTest *This, REFIID riid, void **ppv) {
    return object_query_interface(from_headers_test(This), riid, ppv);
}
static ULONG STDMETHODCALLTYPE HeadersTest_AddRef(IHeadersTest *This) { return (ULONG)++from_headers_test(This)->refs; }
static ULONG STDMETHODCALLTYPE HeadersTest_Release(IHeadersTest *This) { return (ULONG)--from_headers_test(This)->refs; }
static HRESULT STDMETHODCALLTYPE HeadersTest_Add(IHeadersTest *This, LONG a, LONG b, LONG *sum) {
    from_headers_test(This)->calls++;
    if (sum == NULL)
        return E_POINTER;
    *sum = a + b;
    return S_OK;
}
static ULONG STDMETHODCALLTYPE HeadersTest_Count(IHeadersTest *This) { return from_headers_test(This)->calls; }

static const IClassFactoryVtbl factory_vtbl = {Factory_QueryInterface, Factory_AddRef, Factory_Release,
                                               Factory_CreateInstance, Factory_LockServer};
/* IHeadersTestVtbl is a const type, as DECLARE_INTERFACE makes it in the SDK. */
static IHeadersTestVtbl headers_test_vtbl = {HeadersTest_QueryInterface, HeadersTest_AddRef, HeadersTest_Release,
                                             HeadersTest_Add, HeadersTest_Count};

static TestObject the_object;

/* ---- The entry points of an in-process server, defined with the SDK's prototypes. ---- */
STDAPI DllGetClassObject(REFCLSID rclsid, REFIID riid, LPVOID *ppv) {
    if (ppv == NULL)
        return E_POINTER;
    *ppv = NULL;
    if (!IsEqualCLSID(rclsid, &CLSID_HeadersTest))
        return CLASS_E_CLASSNOTAVAILABLE;
    return IClassFactory_QueryInterface(&the_object.IClassFactory_iface, riid, ppv);
}
STDAPI DllCanUnloadNow(void) { return (the_object.refs == 0 && the_object.locks == 0) ? S_OK : S_FALSE; }
STDAPI DllRegisterServer(void) {
    static const ANYCOM_CLASS_INFO classes[] = {
        {&CLSID_HeadersTest, "Both", "AnyCom.HeadersTest.1", "AnyCom.HeadersTest", "anycom headers test"},
    };
    char path[MAX_PATH];
    /* A real module calls these; this test runs without libanycom, so they are only type-checked. */
    (void)sizeof(AnyComGetModulePath((const void *)&the_object, path, (ULONG)sizeof path));
    (void)sizeof(AnyComRegisterServer(path, classes, 1));
    return SELFREG_E_CLASS;
}
STDAPI DllUnregisterServer(void) {
    (void)sizeof(AnyComUnregisterServer("/nonexistent/module.so"));
    return SELFREG_E_CLASS;
}

/* Functions of one's own with the API macros. */
STDAPI HeadersTestApi(DWORD x);
STDAPI HeadersTestApi(DWORD x) { return x ? S_OK : S_FALSE; }
STDAPI_(ULONG) HeadersTestApiUlong(void);
STDAPI_(ULONG) HeadersTestApiUlong(void) { return 42; }
EXTERN_C int headers_test_extern_c;
int headers_test_extern_c = 7;

/* Every libanycom function called with ordinary arguments: type-checked, never evaluated. */
static size_t typecheck_calls(void) {
    IUnknown *unk = NULL;
    IClassFactory *factory = NULL;
    IMalloc *malloc_ = NULL;
    IErrorInfo *error_info = NULL;
    ICreateErrorInfo *create_error_info = NULL;
    APTTYPE type;
    APTTYPEQUALIFIER qualifier;
    MULTI_QI mqi[2] = {{&IID_IUnknown, NULL, S_OK}, {&IID_IClassFactory, NULL, S_OK}};
    COSERVERINFO server = {0, NULL, NULL, 0};
    DWORD cookie = 0;
    GUID guid;
    CLSID clsid;
    IID iid;
    OLECHAR buffer[39];
    LPOLESTR str = NULL;
    BSTR bstr = NULL;
    intptr_t handle = 0;
    size_t n = 0;
    n += sizeof(CoInitialize(NULL));
    n += sizeof(CoInitializeEx(NULL, COINIT_APARTMENTTHREADED | COINIT_DISABLE_OLE1DDE));
    n += sizeof((CoUninitialize(), 0));
    n += sizeof(CoGetApartmentType(&type, &qualifier));
    n += sizeof(CoGetCurrentProcess());
    n += sizeof(CoBuildVersion());
    n += sizeof(CoCreateInstance(&CLSID_HeadersTest, NULL, CLSCTX_INPROC_SERVER, &IID_IUnknown, (void **)&unk));
    n += sizeof(CoCreateInstanceEx(&CLSID_HeadersTest, NULL, CLSCTX_ALL, &server, 2, mqi));
    n += sizeof(CoGetClassObject(&CLSID_HeadersTest, CLSCTX_INPROC, NULL, &IID_IClassFactory, (void **)&factory));
    n += sizeof(CoRegisterClassObject(&CLSID_HeadersTest, unk, CLSCTX_SERVER, REGCLS_MULTIPLEUSE, &cookie));
    n += sizeof(CoRevokeClassObject(cookie));
    n += sizeof(CoSuspendClassObjects());
    n += sizeof(CoResumeClassObjects());
    n += sizeof(CoAddRefServerProcess());
    n += sizeof(CoReleaseServerProcess());
    n += sizeof((CoFreeUnusedLibraries(), 0));
    n += sizeof((CoFreeUnusedLibrariesEx(0, 0), 0));
    n += sizeof(CoTaskMemAlloc(16));
    n += sizeof(CoTaskMemRealloc(NULL, 32));
    n += sizeof((CoTaskMemFree(NULL), 0));
    n += sizeof(CoGetMalloc(MEMCTX_TASK, &malloc_));
    n += sizeof(CoCreateGuid(&guid));
    n += sizeof(StringFromGUID2(&guid, buffer, 39));
    n += sizeof(StringFromCLSID(&CLSID_HeadersTest, &str));
    n += sizeof(StringFromIID(&IID_IHeadersTest, &str));
    n += sizeof(CLSIDFromString(str, &clsid));
    n += sizeof(IIDFromString(str, &iid));
    n += sizeof(CLSIDFromProgID(str, &clsid));
    n += sizeof(ProgIDFromCLSID(&clsid, &str));
    n += sizeof(SysAllocString(str));
    n += sizeof(SysAllocStringLen(str, 3));
    n += sizeof(SysAllocStringByteLen("abc", 3));
    n += sizeof(SysReAllocString(&bstr, str));
    n += sizeof(SysReAllocStringLen(&bstr, str, 3));
    n += sizeof((SysFreeString(bstr), 0));
    n += sizeof(SysStringLen(bstr));
    n += sizeof(SysStringByteLen(bstr));
    n += sizeof(SetErrorInfo(0, error_info));
    n += sizeof(GetErrorInfo(0, &error_info));
    n += sizeof(CreateErrorInfo(&create_error_info));
    n += sizeof(AnyComPumpMessages(INFINITE));
    n += sizeof(AnyComPumpMessages(0));
    n += sizeof(AnyComGetPumpHandle(&handle));
    n += sizeof(AnyComPostQuit());
    return n;
}

/* The COBJMACROS of every standard interface, type-checked on NULL pointers, never evaluated. */
static size_t typecheck_cobjmacros(void) {
    IUnknown *unk = NULL;
    IClassFactory *cf = NULL;
    IClassFactory2 *cf2 = NULL;
    IMalloc *m = NULL;
    IEnumUnknown *e = NULL;
    IErrorInfo *ei = NULL;
    ICreateErrorInfo *cei = NULL;
    ISupportErrorInfo *sei = NULL;
    void *pv = NULL;
    LICINFO lic;
    BSTR bstr = NULL;
    GUID guid;
    DWORD dw = 0;
    ULONG fetched = 0;
    LPOLESTR s = NULL;
    size_t n = 0;
    n += sizeof(IUnknown_QueryInterface(unk, &IID_IUnknown, &pv)) + sizeof(IUnknown_AddRef(unk)) +
         sizeof(IUnknown_Release(unk));
    n += sizeof(IClassFactory_QueryInterface(cf, &IID_IUnknown, &pv)) + sizeof(IClassFactory_AddRef(cf)) +
         sizeof(IClassFactory_Release(cf)) + sizeof(IClassFactory_CreateInstance(cf, NULL, &IID_IUnknown, &pv)) +
         sizeof(IClassFactory_LockServer(cf, TRUE));
    n += sizeof(IClassFactory2_QueryInterface(cf2, &IID_IUnknown, &pv)) + sizeof(IClassFactory2_AddRef(cf2)) +
         sizeof(IClassFactory2_Release(cf2)) + sizeof(IClassFactory2_CreateInstance(cf2, NULL, &IID_IUnknown, &pv)) +
         sizeof(IClassFactory2_LockServer(cf2, FALSE)) + sizeof(IClassFactory2_GetLicInfo(cf2, &lic)) +
         sizeof(IClassFactory2_RequestLicKey(cf2, 0, &bstr)) +
         sizeof(IClassFactory2_CreateInstanceLic(cf2, NULL, NULL, &IID_IUnknown, bstr, &pv));
    n += sizeof(IMalloc_QueryInterface(m, &IID_IUnknown, &pv)) + sizeof(IMalloc_AddRef(m)) + sizeof(IMalloc_Release(m)) +
         sizeof(IMalloc_Alloc(m, 8)) + sizeof(IMalloc_Realloc(m, pv, 16)) + sizeof((IMalloc_Free(m, pv), 0)) +
         sizeof(IMalloc_GetSize(m, pv)) + sizeof(IMalloc_DidAlloc(m, pv)) + sizeof((IMalloc_HeapMinimize(m), 0));
    n += sizeof(IEnumUnknown_QueryInterface(e, &IID_IUnknown, &pv)) + sizeof(IEnumUnknown_AddRef(e)) +
         sizeof(IEnumUnknown_Release(e)) + sizeof(IEnumUnknown_Next(e, 1, &unk, &fetched)) +
         sizeof(IEnumUnknown_Skip(e, 1)) + sizeof(IEnumUnknown_Reset(e)) + sizeof(IEnumUnknown_Clone(e, &e));
    n += sizeof(IErrorInfo_QueryInterface(ei, &IID_IUnknown, &pv)) + sizeof(IErrorInfo_AddRef(ei)) +
         sizeof(IErrorInfo_Release(ei)) + sizeof(IErrorInfo_GetGUID(ei, &guid)) +
         sizeof(IErrorInfo_GetSource(ei, &bstr)) + sizeof(IErrorInfo_GetDescription(ei, &bstr)) +
         sizeof(IErrorInfo_GetHelpFile(ei, &bstr)) + sizeof(IErrorInfo_GetHelpContext(ei, &dw));
    n += sizeof(ICreateErrorInfo_QueryInterface(cei, &IID_IUnknown, &pv)) + sizeof(ICreateErrorInfo_AddRef(cei)) +
         sizeof(ICreateErrorInfo_Release(cei)) + sizeof(ICreateErrorInfo_SetGUID(cei, &guid)) +
         sizeof(ICreateErrorInfo_SetSource(cei, s)) + sizeof(ICreateErrorInfo_SetDescription(cei, s)) +
         sizeof(ICreateErrorInfo_SetHelpFile(cei, s)) + sizeof(ICreateErrorInfo_SetHelpContext(cei, dw));
    n += sizeof(ISupportErrorInfo_QueryInterface(sei, &IID_IUnknown, &pv)) + sizeof(ISupportErrorInfo_AddRef(sei)) +
         sizeof(ISupportErrorInfo_Release(sei)) + sizeof(ISupportErrorInfo_InterfaceSupportsErrorInfo(sei, &guid));
    return n;
}

/* Interface pointer typedefs. */
static const size_t pointer_typedefs =
    sizeof(LPUNKNOWN) + sizeof(LPCLASSFACTORY) + sizeof(LPCLASSFACTORY2) + sizeof(LPMALLOC) + sizeof(LPENUMUNKNOWN) +
    sizeof(LPERRORINFO) + sizeof(LPCREATEERRORINFO) + sizeof(LPSUPPORTERRORINFO) + sizeof(LPLICINFO) +
    sizeof(LPFNGETCLASSOBJECT) + sizeof(LPFNCANUNLOADNOW);

static int failures;
#define EXPECT(cond)                                                    \
    do {                                                                \
        if (!(cond)) {                                                  \
            printf("%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            failures++;                                                 \
        }                                                               \
    } while (0)

static void check_table(const struct constant *table, size_t count) {
    size_t i;
    for (i = 0; i < count; i++) {
        if (table[i].value != table[i].windows) {
            printf("constant %s = %lld (0x%08x), Windows has %lld (0x%08x)\n", table[i].name, table[i].value,
                   (unsigned int)(table[i].value & 0xFFFFFFFF), table[i].windows,
                   (unsigned int)(table[i].windows & 0xFFFFFFFF));
            failures++;
        }
    }
}

int main(void) {
    IUnknown *unk = NULL;
    IClassFactory *factory = NULL;
    IHeadersTest *test = NULL;
    IUnknown *identity = NULL;
    void *pv = (void *)&pv;
    LONG sum = 0;
    LPFNGETCLASSOBJECT get_class_object = DllGetClassObject;
    LPFNCANUNLOADNOW can_unload_now = DllCanUnloadNow;
    GUID copy;

    check_table(hresults, sizeof hresults / sizeof hresults[0]);
    check_table(others, sizeof others / sizeof others[0]);
    EXPECT(switch_on(E_NOINTERFACE) == 1 && switch_on(REGDB_E_CLASSNOTREG) == 2 && switch_on(S_FALSE) == 3);
    EXPECT(typecheck_calls() > 0 && typecheck_cobjmacros() > 0 && pointer_typedefs > 0);
    EXPECT(check_pointer_types());
    EXPECT(HeadersTestApi(1) == S_OK && HeadersTestApi(0) == S_FALSE && HeadersTestApiUlong() == 42);
    EXPECT(headers_test_extern_c == 7);

    /* GUIDs: DEFINE_GUID's field order, IsEqualGUID & co. (pointers in C). */
    EXPECT(CLSID_HeadersTest.Data1 == 0x5a0e2a4c && CLSID_HeadersTest.Data2 == 0x8f1b &&
           CLSID_HeadersTest.Data3 == 0x4c6d && CLSID_HeadersTest.Data4[0] == 0x9e &&
           CLSID_HeadersTest.Data4[7] == 0x8f);
    EXPECT(IID_IUnknown.Data1 == 0 && IID_IUnknown.Data4[0] == 0xC0 && IID_IUnknown.Data4[7] == 0x46);
    EXPECT(IID_IClassFactory.Data1 == 1 && IID_IMalloc.Data1 == 2 && IID_IEnumUnknown.Data1 == 0x100);
    EXPECT(IID_IClassFactory2.Data1 == 0xb196b28f && IID_IErrorInfo.Data1 == 0x1cf2b120 &&
           IID_ICreateErrorInfo.Data1 == 0x22f03340 && IID_ISupportErrorInfo.Data1 == 0xdf0b3d60);
    copy = CLSID_HeadersTest;
    EXPECT(IsEqualGUID(&copy, &CLSID_HeadersTest));
    EXPECT(IsEqualCLSID(&copy, &CLSID_HeadersTest));
    EXPECT(InlineIsEqualGUID(&copy, &CLSID_HeadersTest));
    EXPECT(!IsEqualIID(&IID_IUnknown, &IID_IClassFactory));
    EXPECT(IsEqualIID(&IID_NULL, &GUID_NULL) && IsEqualCLSID(&CLSID_NULL, &GUID_NULL) &&
           IsEqualFMTID(&FMTID_NULL, &GUID_NULL));
    EXPECT(&IID_NULL == &GUID_NULL && &CLSID_NULL == &GUID_NULL);
    copy.Data4[7] ^= 1;
    EXPECT(!IsEqualGUID(&copy, &CLSID_HeadersTest));
    EXPECT(refs_are_pointers(&copy, &copy, &copy, &copy) == &copy);

    /* OLESTR: UTF-16 literals of OLECHAR (C11 and GNU C; strict C99 has no 16-bit literals). */
#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L && !defined(OLESTR)
#error "OLESTR must be defined in C11"
#endif
#ifdef OLESTR
    {
        static const OLECHAR hello[] = OLESTR("h\u00e9llo");
        LPCOLESTR s = OLESTR("x");
        EXPECT(sizeof hello == 6 * sizeof(OLECHAR) && hello[1] == 0xE9 && hello[5] == 0);
        EXPECT(s[0] == 'x' && s[1] == 0);
    }
#endif

    /* The C object, through the COBJMACROS. */
    the_object.IClassFactory_iface.lpVtbl = &factory_vtbl;
    the_object.IHeadersTest_iface.lpVtbl = &headers_test_vtbl;
    EXPECT(DllCanUnloadNow() == S_OK);

    EXPECT(get_class_object(&CLSID_HeadersTest, &IID_IClassFactory, (void **)&factory) == S_OK);
    EXPECT(factory == &the_object.IClassFactory_iface && the_object.refs == 1);
    EXPECT(can_unload_now() == S_FALSE);
    EXPECT(DllGetClassObject(&IID_IHeadersTest, &IID_IClassFactory, &pv) == CLASS_E_CLASSNOTAVAILABLE && pv == NULL);
    EXPECT(DllGetClassObject(&CLSID_HeadersTest, &IID_IClassFactory, NULL) == E_POINTER);

    pv = (void *)&pv;
    EXPECT(IClassFactory_CreateInstance(factory, (IUnknown *)factory, &IID_IUnknown, &pv) == CLASS_E_NOAGGREGATION);
    EXPECT(pv == NULL);
    EXPECT(IClassFactory_CreateInstance(factory, NULL, &IID_IUnknown, (void **)&unk) == S_OK);
    EXPECT(unk == (IUnknown *)&the_object.IClassFactory_iface && the_object.refs == 2);
    EXPECT(IClassFactory_LockServer(factory, TRUE) == S_OK && the_object.locks == 1);
    EXPECT(IClassFactory_LockServer(factory, FALSE) == S_OK && the_object.locks == 0);

    EXPECT(IUnknown_QueryInterface(unk, &IID_IHeadersTest, (void **)&test) == S_OK);
    EXPECT(test == &the_object.IHeadersTest_iface && the_object.refs == 3);
    EXPECT(IHeadersTest_Add(test, 40, 2, &sum) == S_OK && sum == 42);
    EXPECT(IHeadersTest_Add(test, 1, 2, NULL) == E_POINTER);
    EXPECT(IHeadersTest_Count(test) == 2);
    /* Identity: IUnknown from any interface is the same pointer. */
    EXPECT(IHeadersTest_QueryInterface(test, &IID_IUnknown, (void **)&identity) == S_OK && identity == unk);
    EXPECT(IUnknown_Release(identity) == 3);
    /* Unsupported interfaces and null out-pointers. */
    pv = (void *)&pv;
    EXPECT(IUnknown_QueryInterface(unk, &IID_IMalloc, &pv) == E_NOINTERFACE && pv == NULL);
    EXPECT(IUnknown_QueryInterface(unk, &GUID_NULL, &pv) == E_NOINTERFACE && pv == NULL);
    EXPECT(IUnknown_QueryInterface(unk, &IID_IUnknown, NULL) == E_POINTER);
    EXPECT(IHeadersTest_AddRef(test) == 4 && IHeadersTest_Release(test) == 3);
    EXPECT(IUnknown_AddRef(unk) == 4 && IUnknown_Release(unk) == 3);
    EXPECT(IHeadersTest_Release(test) == 2);
    EXPECT(IUnknown_Release(unk) == 1);
    EXPECT(IClassFactory_AddRef(factory) == 2 && IClassFactory_Release(factory) == 1);
    EXPECT(IClassFactory_Release(factory) == 0);
    EXPECT(DllCanUnloadNow() == S_OK);
    EXPECT(DllRegisterServer() == SELFREG_E_CLASS && DllUnregisterServer() == SELFREG_E_CLASS);

    /* Structures initialize the Windows way. */
    {
        MULTI_QI mqi = {&IID_IUnknown, NULL, E_NOINTERFACE};
        LICINFO lic = {sizeof(LICINFO), TRUE, FALSE};
        COAUTHIDENTITY identity_data = {NULL, 0, NULL, 0, NULL, 0, 0};
        COAUTHINFO auth = {0, 0, NULL, 0, 0, &identity_data, 0};
        COSERVERINFO server = {0, NULL, &auth, 0};
        EXPECT(mqi.pIID == &IID_IUnknown && mqi.pItf == NULL && mqi.hr == E_NOINTERFACE);
        EXPECT(lic.cbLicInfo == 12 && lic.fRuntimeKeyAvail == TRUE && lic.fLicVerified == FALSE);
        EXPECT(server.pAuthInfo->pAuthIdentityData == &identity_data);
    }

    if (failures == 0)
        printf("headers_c: all checks passed\n");
    return failures == 0 ? 0 : 1;
}

#endif /* HEADERS_DEFINE_GUIDS */
