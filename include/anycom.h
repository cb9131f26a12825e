/*
 * anycom.h - anycom's additions to the COM API, for what Windows provides differently or
 * not at all on Linux and macOS. Included by <objbase.h>; it can also be included alone.
 * All functions are exported by libanycom with C linkage and return HRESULTs.
 *
 *   ANYCOM_VERSION_MAJOR/MINOR/PATCH  the version of anycom these headers belong to.
 *   AnyComPumpMessages                runs the calling STA's queued work (the message loop).
 *   AnyComGetPumpHandle               a pollable descriptor for hosts with their own event loop.
 *   AnyComPostQuit                    makes AnyComPumpMessages(INFINITE) return.
 *   ANYCOM_CLASS_INFO                 one class of a module, for AnyComRegisterServer.
 *   AnyComRegisterServer              registry entries for a module's classes (DllRegisterServer).
 *   AnyComUnregisterServer            removes them (DllUnregisterServer).
 *   AnyComGetModulePath               the path of the shared library containing an address.
 *   AnyComGetRuntime                  the runtime table to attach a module loaded by hand.
 *   AnyComAttachRuntime               (exported by modules and libanycom) attach to a runtime.
 *   IID_PPV_ARGS, AnyComIidOf,        (C++) the SDK's IID_PPV_ARGS, without __uuidof.
 *   ANYCOM_DECLARE_IID_OF
 */
#ifndef ANYCOM_ANYCOM_H
#define ANYCOM_ANYCOM_H

#include <objbase.h>

/* The anycom release these headers belong to (0.1.0). */
#define ANYCOM_VERSION_MAJOR 0
#define ANYCOM_VERSION_MINOR 1
#define ANYCOM_VERSION_PATCH 0

/*
 * The single-threaded apartment's message pump. On Windows an STA is driven by the thread's
 * window message loop; on Linux and macOS there is none, so a thread that called
 * CoInitializeEx(NULL, COINIT_APARTMENTTHREADED) runs the calls other apartments queue for
 * its objects by calling AnyComPumpMessages.
 *
 * AnyComPumpMessages runs the calling STA's queued work for up to dwMilliseconds:
 * 0 runs only what is already pending and returns; INFINITE runs work until AnyComPostQuit
 * is called on this thread.
 * Returns S_OK when the time ran out (or, for 0, the pending work was done); S_FALSE when a
 * quit was requested with AnyComPostQuit; CO_E_NOTINITIALIZED when the thread has not
 * called CoInitializeEx, RPC_E_WRONG_THREAD when the thread is not in an STA (e.g. in the MTA).
 */
STDAPI AnyComPumpMessages(DWORD dwMilliseconds);

/*
 * For hosts with their own event loop (epoll, GTK, Qt, libuv...): *phandle receives a file
 * descriptor (a HANDLE on Windows) that becomes readable when the calling STA has queued
 * work; when it does, call AnyComPumpMessages(0). The descriptor belongs to the apartment:
 * do not close it; it is valid until the thread's last CoUninitialize.
 * Returns S_OK; E_POINTER when phandle is NULL; CO_E_NOTINITIALIZED / RPC_E_WRONG_THREAD as
 * for AnyComPumpMessages.
 */
STDAPI AnyComGetPumpHandle(intptr_t *phandle);

/*
 * Asks the calling STA's AnyComPumpMessages(INFINITE) to return (with S_FALSE), like
 * PostQuitMessage. Returns S_OK; CO_E_NOTINITIALIZED / RPC_E_WRONG_THREAD when the thread
 * is not an STA.
 */
STDAPI AnyComPostQuit(void);

/* One class of a module, as AnyComRegisterServer records it in the registry. */
typedef struct ANYCOM_CLASS_INFO {
    const CLSID *clsid;                   /* the class; required */
    const char *threadingModel;           /* "Apartment", "Free", "Both", "Neutral", or NULL (main STA) */
    const char *progId;                   /* e.g. "Vendor.Thing.1"; may be NULL */
    const char *versionIndependentProgId; /* e.g. "Vendor.Thing"; may be NULL */
    const char *description;              /* may be NULL */
} ANYCOM_CLASS_INFO;

/*
 * For a module's DllRegisterServer: records `count` classes served by the module at
 * modulePath (absolute, UTF-8; AnyComGetModulePath gives it) in the registry, as
 * InprocServer32 = modulePath, ThreadingModel, ProgID, VersionIndependentProgID and
 * description, replacing earlier entries of those classes.
 * Returns S_OK; E_INVALIDARG for a NULL or relative modulePath, NULL classes with a nonzero
 * count, a NULL clsid, an unrecognized threadingModel, a string that is not UTF-8, or a value
 * the registry rejects (e.g. a ProgID not starting with a letter); otherwise the failure of the
 * registry write (e.g. REGDB_E_WRITEREGDB). A failure's message is the thread's error info.
 */
STDAPI AnyComRegisterServer(const char *modulePath, const ANYCOM_CLASS_INFO *classes, ULONG count);

/*
 * For a module's DllUnregisterServer: removes every registry entry of the module at
 * modulePath (absolute, UTF-8): its classes and the ProgIDs naming them.
 * Returns S_OK (also when nothing was registered); E_INVALIDARG for a NULL or relative
 * modulePath; otherwise the failure of the registry write.
 */
STDAPI AnyComUnregisterServer(const char *modulePath);

/*
 * Writes the absolute path of the shared library (or executable) containing `address`, e.g.
 * the address of the module's own DllGetClassObject, into buffer, UTF-8 and NUL-terminated.
 * Returns S_OK; E_INVALIDARG for a NULL address or buffer; E_NOT_SUFFICIENT_BUFFER
 * (0x8007007A) when cchBuffer bytes cannot hold the path and its NUL; E_FAIL when no loaded
 * module contains address. On failure a buffer of at least one byte holds "".
 * (For an exported variable, the address may be an executable's copy of it: use code or
 * data the module does not export.)
 */
STDAPI AnyComGetModulePath(const void *address, char *buffer, ULONG cchBuffer);

/*
 * One runtime per process. A module that links its own copy of anycom's runtime (a Rust
 * server, or a C/C++ module linked against libanycom) exports AnyComAttachRuntime; handed a
 * runtime table, that copy forwards its runtime calls (activation, class table, apartments,
 * error info, registration) to the table's runtime. anycom's loader does this for every module
 * it loads (CoCreateInstance, `anycom register`). A C host that dlopens a module itself does it
 * with AnyComGetRuntime:
 *
 *     typedef HRESULT (STDAPICALLTYPE *ANYCOM_ATTACH_FN)(const void *);
 *     ANYCOM_ATTACH_FN attach = (ANYCOM_ATTACH_FN)dlsym(module, "AnyComAttachRuntime");
 *     if (attach) attach(AnyComGetRuntime());
 *
 * AnyComGetRuntime returns libanycom's runtime table (the host's, when libanycom is itself
 * attached); it never fails. AnyComAttachRuntime returns S_OK when attached, S_FALSE when
 * the table is the module's own runtime or the one it is already attached to,
 * RPC_E_CHANGED_MODE when already attached elsewhere, E_POINTER for NULL and E_INVALIDARG
 * for a table from an older anycom.
 */
typedef HRESULT(STDAPICALLTYPE *ANYCOM_ATTACH_FN)(const void *runtime);
STDAPI_(const void *) AnyComGetRuntime(void);
STDAPI AnyComAttachRuntime(const void *runtime);

#if defined(__cplusplus) && !defined(CINTERFACE)
/*
 * IID_PPV_ARGS(pp) expands to `IID_of_*pp, (void **)pp` for an `I **pp`, as the SDK's does,
 * but without __uuidof: AnyComIidOf<I>::value() names the IID. It is defined for the
 * standard interfaces; declare it for yours, at global scope, with
 *
 *     ANYCOM_DECLARE_IID_OF(IFoo, IID_IFoo);
 *
 * e.g.  IClassFactory *factory;  CoGetClassObject(clsid, CLSCTX_INPROC_SERVER, NULL, IID_PPV_ARGS(&factory));
 */
template <typename T> struct AnyComIidOf;
#define ANYCOM_DECLARE_IID_OF(type, iid)                 \
    template <> struct AnyComIidOf<type> {               \
        static const IID &value() { return iid; }        \
    }
template <typename T> inline const IID &AnyComIidOfPointee(T **) { return AnyComIidOf<T>::value(); }
template <typename T> inline void **IID_PPV_ARGS_Helper(T **pp) {
    (void)static_cast<IUnknown *>(*pp); /* T must be a COM interface */
    return reinterpret_cast<void **>(pp);
}
#define IID_PPV_ARGS(ppType) AnyComIidOfPointee(ppType), IID_PPV_ARGS_Helper(ppType)

ANYCOM_DECLARE_IID_OF(IUnknown, IID_IUnknown);
ANYCOM_DECLARE_IID_OF(IClassFactory, IID_IClassFactory);
ANYCOM_DECLARE_IID_OF(IClassFactory2, IID_IClassFactory2);
ANYCOM_DECLARE_IID_OF(IMalloc, IID_IMalloc);
ANYCOM_DECLARE_IID_OF(IEnumUnknown, IID_IEnumUnknown);
ANYCOM_DECLARE_IID_OF(IErrorInfo, IID_IErrorInfo);
ANYCOM_DECLARE_IID_OF(ICreateErrorInfo, IID_ICreateErrorInfo);
ANYCOM_DECLARE_IID_OF(ISupportErrorInfo, IID_ISupportErrorInfo);
#endif

#endif /* ANYCOM_ANYCOM_H */
