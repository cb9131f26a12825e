/*
 * objbase.h - the umbrella header of anycom's portable COM headers: everything a COM
 * program or component written against the Windows SDK needs, so that
 *
 *     #include <objbase.h>
 *
 * and linking with -lanycom is enough. Beyond the SDK's objbase.h it includes what the SDK
 * spreads over other headers: <ocidl.h> (IClassFactory2, LICINFO), <oleauto.h> (BSTR and
 * error-info functions), <cguid.h> (GUID_NULL), <olectl.h> (DllRegisterServer), and
 * <anycom.h> (anycom's own additions: the STA message pump, registration helpers).
 *
 * Compile with: cc app.c -I <anycom>/include -L <anycom>/target/release -lanycom
 */
#ifndef ANYCOM_OBJBASE_H
#define ANYCOM_OBJBASE_H

#include <basetsd.h>
#include <winnt.h>
#include <minwindef.h>
#include <winbase.h>
#include <winerror.h>
#include <guiddef.h>
#include <basetyps.h>
#include <wtypesbase.h>
#include <wtypes.h>
#include <unknwn.h>
#include <objidl.h>
#include <oaidl.h>
#include <ocidl.h>
#include <cguid.h>
#include <combaseapi.h>
#include <oleauto.h>
#include <olectl.h>

/* The concurrency model of CoInitializeEx. */
typedef enum tagCOINIT {
    COINIT_APARTMENTTHREADED = 0x2,
    COINIT_MULTITHREADED = COINITBASE_MULTITHREADED,
    COINIT_DISABLE_OLE1DDE = 0x4,
    COINIT_SPEED_OVER_MEMORY = 0x8
} COINIT;

/* CoInitialize(NULL) is CoInitializeEx(NULL, COINIT_APARTMENTTHREADED). */
STDAPI CoInitialize(LPVOID pvReserved);
STDAPI_(DWORD) CoBuildVersion(void);

/* The entry points of an in-process server, as function pointer types (for loaders). */
typedef HRESULT(STDAPICALLTYPE *LPFNGETCLASSOBJECT)(REFCLSID, REFIID, LPVOID *);
typedef HRESULT(STDAPICALLTYPE *LPFNCANUNLOADNOW)(void);

#include <anycom.h>

#endif /* ANYCOM_OBJBASE_H */
