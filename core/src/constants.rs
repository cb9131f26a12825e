//! The Windows constants of the COM library API, with their Windows values:
//! `COINIT_*`, `APTTYPE_*`, `APTTYPEQUALIFIER_*`, `CLSCTX_*`, `REGCLS_*`.
#![allow(non_camel_case_types, clippy::upper_case_acronyms)]

use crate::types::DWORD;

/// `INFINITE`: wait without a timeout.
pub const INFINITE: DWORD = 0xFFFF_FFFF;

// ---- CoInitializeEx -------------------------------------------------------

/// The calling thread joins the process's multithreaded apartment (the absence of
/// `COINIT_APARTMENTTHREADED`: its value is 0).
pub const COINIT_MULTITHREADED: DWORD = 0x0;
/// The calling thread becomes a single-threaded apartment.
pub const COINIT_APARTMENTTHREADED: DWORD = 0x2;
/// Disables DDE for OLE1 support (accepted and ignored: there is no DDE).
pub const COINIT_DISABLE_OLE1DDE: DWORD = 0x4;
/// Trade memory for speed (accepted and ignored).
pub const COINIT_SPEED_OVER_MEMORY: DWORD = 0x8;
/// Every flag `CoInitializeEx` accepts; other bits are `E_INVALIDARG`.
pub const COINIT_VALID_MASK: DWORD =
    COINIT_APARTMENTTHREADED | COINIT_DISABLE_OLE1DDE | COINIT_SPEED_OVER_MEMORY;

// ---- CoGetApartmentType ---------------------------------------------------

/// `APTTYPE`: the kind of apartment a thread is in (a C enum, 32-bit).
pub type APTTYPE = i32;
/// The current thread's apartment (also written when the thread has none).
pub const APTTYPE_CURRENT: APTTYPE = -1;
/// A single-threaded apartment.
pub const APTTYPE_STA: APTTYPE = 0;
/// The multithreaded apartment.
pub const APTTYPE_MTA: APTTYPE = 1;
/// The neutral apartment.
pub const APTTYPE_NA: APTTYPE = 2;
/// The main single-threaded apartment (the first STA of the process).
pub const APTTYPE_MAINSTA: APTTYPE = 3;

/// `APTTYPEQUALIFIER`: more about the apartment (a C enum, 32-bit).
pub type APTTYPEQUALIFIER = i32;
/// No qualifier.
pub const APTTYPEQUALIFIER_NONE: APTTYPEQUALIFIER = 0;
/// The thread never called `CoInitializeEx` but another thread holds the
/// MTA: it is in the implicit MTA.
pub const APTTYPEQUALIFIER_IMPLICIT_MTA: APTTYPEQUALIFIER = 1;
/// Neutral apartment, on an MTA thread.
pub const APTTYPEQUALIFIER_NA_ON_MTA: APTTYPEQUALIFIER = 2;
/// Neutral apartment, on an STA thread.
pub const APTTYPEQUALIFIER_NA_ON_STA: APTTYPEQUALIFIER = 3;
/// Neutral apartment, on an implicit MTA thread.
pub const APTTYPEQUALIFIER_NA_ON_IMPLICIT_MTA: APTTYPEQUALIFIER = 4;
/// Neutral apartment, on the main STA thread.
pub const APTTYPEQUALIFIER_NA_ON_MAINSTA: APTTYPEQUALIFIER = 5;
/// An application STA.
pub const APTTYPEQUALIFIER_APPLICATION_STA: APTTYPEQUALIFIER = 6;
/// Reserved.
pub const APTTYPEQUALIFIER_RESERVED_1: APTTYPEQUALIFIER = 7;

// ---- CLSCTX ---------------------------------------------------------------

/// The class runs in the caller's process (an in-process server).
pub const CLSCTX_INPROC_SERVER: DWORD = 0x1;
/// An in-process handler.
pub const CLSCTX_INPROC_HANDLER: DWORD = 0x2;
/// A local server (another process, or a class object registered with `CoRegisterClassObject`).
pub const CLSCTX_LOCAL_SERVER: DWORD = 0x4;
/// Obsolete.
pub const CLSCTX_INPROC_SERVER16: DWORD = 0x8;
/// A remote server (DCOM).
pub const CLSCTX_REMOTE_SERVER: DWORD = 0x10;
/// Obsolete.
pub const CLSCTX_INPROC_HANDLER16: DWORD = 0x20;
/// Reserved.
pub const CLSCTX_RESERVED1: DWORD = 0x40;
/// Reserved.
pub const CLSCTX_RESERVED2: DWORD = 0x80;
/// Reserved.
pub const CLSCTX_RESERVED3: DWORD = 0x100;
/// Reserved.
pub const CLSCTX_RESERVED4: DWORD = 0x200;
/// Disallow code download.
pub const CLSCTX_NO_CODE_DOWNLOAD: DWORD = 0x400;
/// Reserved.
pub const CLSCTX_RESERVED5: DWORD = 0x800;
/// No custom marshaling.
pub const CLSCTX_NO_CUSTOM_MARSHAL: DWORD = 0x1000;
/// Allow code download.
pub const CLSCTX_ENABLE_CODE_DOWNLOAD: DWORD = 0x2000;
/// No failure logging.
pub const CLSCTX_NO_FAILURE_LOG: DWORD = 0x4000;
/// Disable activate-as-activator.
pub const CLSCTX_DISABLE_AAA: DWORD = 0x8000;
/// Enable activate-as-activator.
pub const CLSCTX_ENABLE_AAA: DWORD = 0x10000;
/// Activate from the default context.
pub const CLSCTX_FROM_DEFAULT_CONTEXT: DWORD = 0x20000;
/// Prefer a 32-bit (x86) server.
pub const CLSCTX_ACTIVATE_X86_SERVER: DWORD = 0x40000;
/// Same as `CLSCTX_ACTIVATE_X86_SERVER`.
pub const CLSCTX_ACTIVATE_32_BIT_SERVER: DWORD = CLSCTX_ACTIVATE_X86_SERVER;
/// Prefer a 64-bit server.
pub const CLSCTX_ACTIVATE_64_BIT_SERVER: DWORD = 0x80000;
/// Use the caller's identity (cloaking).
pub const CLSCTX_ENABLE_CLOAKING: DWORD = 0x100000;
/// An app container activation.
pub const CLSCTX_APPCONTAINER: DWORD = 0x400000;
/// Activate-as-activator for interactive users.
pub const CLSCTX_ACTIVATE_AAA_AS_IU: DWORD = 0x800000;
/// Reserved.
pub const CLSCTX_RESERVED6: DWORD = 0x1000000;
/// Prefer an ARM32 server.
pub const CLSCTX_ACTIVATE_ARM32_SERVER: DWORD = 0x2000000;
/// Allow lower-trust registrations.
pub const CLSCTX_ALLOW_LOWER_TRUST_REGISTRATION: DWORD = 0x4000000;
/// A proxy/stub DLL.
pub const CLSCTX_PS_DLL: DWORD = 0x8000_0000;
/// `CLSCTX_INPROC_SERVER | CLSCTX_INPROC_HANDLER`.
pub const CLSCTX_INPROC: DWORD = CLSCTX_INPROC_SERVER | CLSCTX_INPROC_HANDLER;
/// `CLSCTX_INPROC_SERVER | CLSCTX_LOCAL_SERVER | CLSCTX_REMOTE_SERVER`.
pub const CLSCTX_SERVER: DWORD = CLSCTX_INPROC_SERVER | CLSCTX_LOCAL_SERVER | CLSCTX_REMOTE_SERVER;
/// Every server context: `CLSCTX_INPROC_SERVER | CLSCTX_INPROC_HANDLER | CLSCTX_LOCAL_SERVER | CLSCTX_REMOTE_SERVER`.
pub const CLSCTX_ALL: DWORD =
    CLSCTX_INPROC_SERVER | CLSCTX_INPROC_HANDLER | CLSCTX_LOCAL_SERVER | CLSCTX_REMOTE_SERVER;
/// Every bit the activation functions accept (the SDK's `CLSCTX_VALID_MASK`);
/// any other bit is `E_INVALIDARG`.
pub const CLSCTX_VALID_MASK: DWORD = CLSCTX_INPROC_SERVER
    | CLSCTX_INPROC_HANDLER
    | CLSCTX_LOCAL_SERVER
    | CLSCTX_INPROC_SERVER16
    | CLSCTX_REMOTE_SERVER
    | CLSCTX_NO_CODE_DOWNLOAD
    | CLSCTX_NO_CUSTOM_MARSHAL
    | CLSCTX_ENABLE_CODE_DOWNLOAD
    | CLSCTX_NO_FAILURE_LOG
    | CLSCTX_DISABLE_AAA
    | CLSCTX_ENABLE_AAA
    | CLSCTX_FROM_DEFAULT_CONTEXT
    | CLSCTX_ACTIVATE_X86_SERVER
    | CLSCTX_ACTIVATE_64_BIT_SERVER
    | CLSCTX_ENABLE_CLOAKING
    | CLSCTX_APPCONTAINER
    | CLSCTX_ACTIVATE_AAA_AS_IU
    | CLSCTX_RESERVED6
    | CLSCTX_ACTIVATE_ARM32_SERVER
    | CLSCTX_ALLOW_LOWER_TRUST_REGISTRATION
    | CLSCTX_PS_DLL;

// ---- REGCLS ---------------------------------------------------------------

/// Found by one activation, then hidden (the registration still needs `CoRevokeClassObject`).
pub const REGCLS_SINGLEUSE: DWORD = 0;
/// Found by any number of activations; with `CLSCTX_LOCAL_SERVER` it is also
/// registered for `CLSCTX_INPROC_SERVER`.
pub const REGCLS_MULTIPLEUSE: DWORD = 1;
/// Like `REGCLS_MULTIPLEUSE`, without the implied `CLSCTX_INPROC_SERVER`.
pub const REGCLS_MULTI_SEPARATE: DWORD = 2;
/// Registered suspended: not found until `CoResumeClassObjects`.
pub const REGCLS_SUSPENDED: DWORD = 4;
/// A surrogate process's class object (accepted; no surrogate support yet).
pub const REGCLS_SURROGATE: DWORD = 8;
/// The class object is agile: found from every apartment, not only the registering one.
pub const REGCLS_AGILE: DWORD = 0x10;
/// Every `REGCLS` bit `CoRegisterClassObject` accepts.
pub const REGCLS_VALID_MASK: DWORD =
    REGCLS_MULTIPLEUSE | REGCLS_MULTI_SEPARATE | REGCLS_SUSPENDED | REGCLS_SURROGATE | REGCLS_AGILE;
