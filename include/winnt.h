/*
 * winnt.h - anycom's portable counterpart of the parts of the Windows SDK header of that
 * name that COM programs use: EXTERN_C, the DECLSPEC_ macros, the calling-convention and
 * STDAPI/STDMETHODIMP macros, and the character, LONG, HANDLE and HRESULT types.
 *
 * Sizes are the Windows ones on every platform: LONG and HRESULT are 32-bit (never the
 * 64-bit `long` of LP64 Unix) and WCHAR is a 16-bit UTF-16 code unit (never the 32-bit
 * `wchar_t` of Unix): `char16_t` in C++11 and later, `uint_least16_t` (the type of C11's
 * u"" literals) in C. Only on Windows itself are these the SDK's `long` and `wchar_t`.
 */
#ifndef ANYCOM_WINNT_H
#define ANYCOM_WINNT_H

#include <basetsd.h>

/* EXTERN_C: C linkage for a declaration, in C and C++ alike. */
#ifndef EXTERN_C
#ifdef __cplusplus
#define EXTERN_C extern "C"
#define EXTERN_C_START extern "C" {
#define EXTERN_C_END }
#else
#define EXTERN_C extern
#define EXTERN_C_START
#define EXTERN_C_END
#endif
#endif

/* Microsoft declaration specifiers; empty where the compiler has no equivalent. */
#if defined(_MSC_VER)
#define DECLSPEC_IMPORT __declspec(dllimport)
#define DECLSPEC_EXPORT __declspec(dllexport)
#define DECLSPEC_NOVTABLE __declspec(novtable)
#define DECLSPEC_SELECTANY __declspec(selectany)
#define DECLSPEC_UUID(x) __declspec(uuid(x))
#define DECLSPEC_NOTHROW __declspec(nothrow)
#elif defined(_WIN32) && defined(__GNUC__)
#define DECLSPEC_IMPORT __attribute__((dllimport))
#define DECLSPEC_EXPORT __attribute__((dllexport))
#define DECLSPEC_NOVTABLE
#define DECLSPEC_SELECTANY __attribute__((selectany))
#define DECLSPEC_UUID(x)
#define DECLSPEC_NOTHROW __attribute__((nothrow))
#elif defined(__GNUC__)
#define DECLSPEC_IMPORT
#define DECLSPEC_EXPORT __attribute__((visibility("default")))
#define DECLSPEC_NOVTABLE
/* Several translation units may define the same GUID with INITGUID, as with selectany. */
#define DECLSPEC_SELECTANY __attribute__((weak))
#define DECLSPEC_UUID(x)
#define DECLSPEC_NOTHROW __attribute__((nothrow))
#else
#define DECLSPEC_IMPORT
#define DECLSPEC_EXPORT
#define DECLSPEC_NOVTABLE
#define DECLSPEC_SELECTANY
#define DECLSPEC_UUID(x)
#define DECLSPEC_NOTHROW
#endif

/*
 * ANYCOM_MODULE_EXPORT: on ELF/Mach-O, gives the entry points a COM module defines
 * (DllGetClassObject, DllCanUnloadNow, DllRegisterServer, DllUnregisterServer) default
 * visibility through their prototypes, so they are exported even when the module is built
 * with -fvisibility=hidden. Empty on Windows, where modules export them with a .def file.
 */
#if !defined(_WIN32) && defined(__GNUC__)
#define ANYCOM_MODULE_EXPORT __attribute__((visibility("default")))
#else
#define ANYCOM_MODULE_EXPORT
#endif

/*
 * Calling conventions: __stdcall on 32-bit x86 Windows (what Rust's extern "system" means
 * there), the platform's C convention everywhere else.
 */
#if defined(_WIN32) && !defined(_WIN64) && (defined(_M_IX86) || defined(__i386__))
#define STDMETHODCALLTYPE __stdcall
#define STDMETHODVCALLTYPE __cdecl
#define STDAPICALLTYPE __stdcall
#define STDAPIVCALLTYPE __cdecl
#else
#define STDMETHODCALLTYPE
#define STDMETHODVCALLTYPE
#define STDAPICALLTYPE
#define STDAPIVCALLTYPE
#endif

/* Functions of the COM API (C linkage, return HRESULT unless given a type). */
#define STDAPI EXTERN_C HRESULT STDAPICALLTYPE
#define STDAPI_(type) EXTERN_C type STDAPICALLTYPE
#define STDAPIV EXTERN_C HRESULT STDAPIVCALLTYPE
#define STDAPIV_(type) EXTERN_C type STDAPIVCALLTYPE
/* Definitions of interface methods in an implementing class. */
#define STDMETHODIMP HRESULT STDMETHODCALLTYPE
#define STDMETHODIMP_(type) type STDMETHODCALLTYPE
#define STDMETHODIMPV HRESULT STDMETHODVCALLTYPE
#define STDMETHODIMPV_(type) type STDMETHODVCALLTYPE

#ifndef VOID
#define VOID void
#endif
typedef char CHAR;
typedef short SHORT;
#if defined(_WIN32)
typedef long LONG;
#else
typedef int LONG;
#endif

typedef void *PVOID;
typedef CHAR *PCHAR, *LPCH, *PCH, *PSTR, *LPSTR, *NPSTR;
typedef const CHAR *LPCCH, *PCCH, *PCSTR, *LPCSTR;
typedef SHORT *PSHORT;
typedef LONG *PLONG;
typedef long long LONGLONG, *PLONGLONG;
typedef unsigned long long ULONGLONG, *PULONGLONG;
typedef unsigned char BOOLEAN, *PBOOLEAN;

/* WCHAR: one 16-bit UTF-16 code unit (see the top of this file). */
#if defined(_WIN32)
typedef wchar_t WCHAR;
#elif defined(__cplusplus) && (__cplusplus >= 201103L)
typedef char16_t WCHAR;
#else
typedef uint_least16_t WCHAR;
#endif
typedef WCHAR *PWCHAR, *LPWCH, *PWCH, *PWSTR, *LPWSTR, *NWPSTR;
typedef const WCHAR *LPCWCH, *PCWCH, *PCWSTR, *LPCWSTR;

typedef void *HANDLE;
typedef HANDLE *PHANDLE;

/* HRESULT: the 32-bit signed COM status code. */
#ifndef _HRESULT_DEFINED
#define _HRESULT_DEFINED
#if defined(_WIN32)
typedef long HRESULT;
#else
typedef int HRESULT;
#endif
#endif

ANYCOM_STATIC_ASSERT(sizeof(CHAR) == 1, CHAR_is_1_byte);
ANYCOM_STATIC_ASSERT(sizeof(SHORT) == 2, SHORT_is_2_bytes);
ANYCOM_STATIC_ASSERT(sizeof(LONG) == 4, LONG_is_4_bytes);
ANYCOM_STATIC_ASSERT(sizeof(LONGLONG) == 8 && sizeof(ULONGLONG) == 8, LONGLONG_is_8_bytes);
ANYCOM_STATIC_ASSERT(sizeof(BOOLEAN) == 1, BOOLEAN_is_1_byte);
ANYCOM_STATIC_ASSERT(sizeof(WCHAR) == 2, WCHAR_is_2_bytes);
ANYCOM_STATIC_ASSERT((WCHAR)-1 > 0, WCHAR_is_unsigned);
ANYCOM_STATIC_ASSERT(sizeof(HRESULT) == 4, HRESULT_is_4_bytes);
ANYCOM_STATIC_ASSERT((HRESULT)-1 < 0, HRESULT_is_signed);

#endif /* ANYCOM_WINNT_H */
