/*
 * wtypesbase.h - anycom's portable counterpart of the Windows SDK header of that name:
 * OLECHAR and the OLE string types, OLESTR, and the CLSCTX enumeration.
 *
 * OLECHAR is a 16-bit UTF-16 code unit, the same type as WCHAR (see <winnt.h>), so that
 * OLESTR("text") has type const OLECHAR[]: OLESTR uses u"" literals in C++11 and C11
 * (L"" on Windows). Strict C99 has no 16-bit string literals, so there OLESTR is only
 * defined by GNU-mode compilers (gnu99), which accept u"" as an extension.
 */
#ifndef ANYCOM_WTYPESBASE_H
#define ANYCOM_WTYPESBASE_H

#include <minwindef.h>
#include <basetyps.h>
#include <guiddef.h>

typedef WCHAR OLECHAR;
typedef OLECHAR *LPOLESTR;
typedef const OLECHAR *LPCOLESTR;

#ifndef OLESTR
#if defined(_WIN32)
#define OLESTR(str) L##str
#elif defined(__cplusplus) && (__cplusplus >= 201103L)
#define OLESTR(str) u##str
#elif !defined(__cplusplus) && defined(__STDC_VERSION__) && (__STDC_VERSION__ >= 201112L)
#define OLESTR(str) u##str
#elif !defined(__cplusplus) && defined(__GNUC__) && !defined(__STRICT_ANSI__)
#define OLESTR(str) u##str
#endif
#endif

ANYCOM_STATIC_ASSERT(sizeof(OLECHAR) == 2, OLECHAR_is_2_bytes);

/* Execution contexts for activation (CoCreateInstance, CoGetClassObject, CoRegisterClassObject). */
typedef enum tagCLSCTX {
    CLSCTX_INPROC_SERVER = 0x1,
    CLSCTX_INPROC_HANDLER = 0x2,
    CLSCTX_LOCAL_SERVER = 0x4,
    CLSCTX_INPROC_SERVER16 = 0x8,
    CLSCTX_REMOTE_SERVER = 0x10,
    CLSCTX_INPROC_HANDLER16 = 0x20,
    CLSCTX_RESERVED1 = 0x40,
    CLSCTX_RESERVED2 = 0x80,
    CLSCTX_RESERVED3 = 0x100,
    CLSCTX_RESERVED4 = 0x200,
    CLSCTX_NO_CODE_DOWNLOAD = 0x400,
    CLSCTX_RESERVED5 = 0x800,
    CLSCTX_NO_CUSTOM_MARSHAL = 0x1000,
    CLSCTX_ENABLE_CODE_DOWNLOAD = 0x2000,
    CLSCTX_NO_FAILURE_LOG = 0x4000,
    CLSCTX_DISABLE_AAA = 0x8000,
    CLSCTX_ENABLE_AAA = 0x10000,
    CLSCTX_FROM_DEFAULT_CONTEXT = 0x20000,
    CLSCTX_ACTIVATE_X86_SERVER = 0x40000,
    CLSCTX_ACTIVATE_32_BIT_SERVER = CLSCTX_ACTIVATE_X86_SERVER,
    CLSCTX_ACTIVATE_64_BIT_SERVER = 0x80000,
    CLSCTX_ENABLE_CLOAKING = 0x100000,
    CLSCTX_APPCONTAINER = 0x400000,
    CLSCTX_ACTIVATE_AAA_AS_IU = 0x800000,
    CLSCTX_RESERVED6 = 0x1000000,
    CLSCTX_ACTIVATE_ARM32_SERVER = 0x2000000,
    CLSCTX_ALLOW_LOWER_TRUST_REGISTRATION = 0x4000000,
    CLSCTX_PS_DLL = (int)0x80000000
} CLSCTX;

#endif /* ANYCOM_WTYPESBASE_H */
