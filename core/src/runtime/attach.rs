//! One runtime per process.
//!
//! Every module that links the anycom crate statically (a Rust plugin
//! cdylib, libanycom, a Rust host) has its own copy of the runtime's state:
//! its own per-thread apartment state, class table, class source and error
//! info. So that a process has ONE runtime whatever mix of hosts and plugins
//! it loads, a copy can be *attached* to another copy's runtime: from then
//! on, each stateful runtime entry point of the attached copy (the functions
//! listed in [`AnyComRuntime`], and the Rust APIs built on them) forwards to
//! the host's function instead of running locally.
//!
//! Attaching happens when a module is loaded: the loader looks up the
//! module's optional export `AnyComAttachRuntime` and calls it with its own
//! [`runtime_table`]. `object_map!` generates that export for Rust servers;
//! libanycom exports it too, so a C/C++ plugin linked against libanycom and
//! loaded by a Rust host attaches libanycom (the symbol is found through the
//! plugin's dependencies). Attaching a copy to itself is a no-op.
//!
//! What is not routed, because it has no per-process state or is shared
//! already: task memory and BSTRs (every copy uses the process's malloc with
//! the same fixed block header), GUID strings, `CoCreateGuid`,
//! `CoBuildVersion`, and the module lock count (each module's own, by
//! design). The Rust [`Apartment`](crate::runtime::Apartment) handle API
//! (posting closures) is local to the copy that created the apartment; an
//! attached plugin uses the Windows-named functions, which are routed.
//!
//! The table is versioned by `size`: a newer host hands an older plugin a
//! larger table whose prefix is the older layout; fields are only ever added
//! at the end.
#![allow(non_snake_case)]

use crate::api::{ANYCOM_CLASS_INFO, CO_MTA_USAGE_COOKIE, COSERVERINFO, MULTI_QI};
use crate::constants::{APTTYPE, APTTYPEQUALIFIER};
use crate::guid::{CLSID, GUID, IID};
use crate::hresult::{E_INVALIDARG, E_POINTER, HRESULT, RPC_E_CHANGED_MODE, S_FALSE, S_OK};
use crate::types::{DWORD, ULONG};
use core::ffi::{c_char, c_void};
use core::sync::atomic::{AtomicPtr, Ordering};

/// The stateful COM API of one runtime, as C function pointers with the
/// Windows signatures. See the module documentation.
#[repr(C)]
pub struct AnyComRuntime {
    /// `size_of::<AnyComRuntime>()` of the runtime that built the table.
    pub size: u32,
    /// The layout version: 1.
    pub version: u32,
    pub CoInitializeEx: unsafe extern "system" fn(*mut c_void, DWORD) -> HRESULT,
    pub CoUninitialize: unsafe extern "system" fn(),
    pub CoGetApartmentType:
        unsafe extern "system" fn(*mut APTTYPE, *mut APTTYPEQUALIFIER) -> HRESULT,
    pub CoIncrementMTAUsage: unsafe extern "system" fn(*mut CO_MTA_USAGE_COOKIE) -> HRESULT,
    pub CoDecrementMTAUsage: unsafe extern "system" fn(CO_MTA_USAGE_COOKIE) -> HRESULT,
    pub CoGetClassObject: unsafe extern "system" fn(
        *const CLSID,
        DWORD,
        *mut COSERVERINFO,
        *const IID,
        *mut *mut c_void,
    ) -> HRESULT,
    pub CoCreateInstance: unsafe extern "system" fn(
        *const CLSID,
        *mut c_void,
        DWORD,
        *const IID,
        *mut *mut c_void,
    ) -> HRESULT,
    pub CoCreateInstanceEx: unsafe extern "system" fn(
        *const CLSID,
        *mut c_void,
        DWORD,
        *mut COSERVERINFO,
        DWORD,
        *mut MULTI_QI,
    ) -> HRESULT,
    pub CoRegisterClassObject:
        unsafe extern "system" fn(*const CLSID, *mut c_void, DWORD, DWORD, *mut DWORD) -> HRESULT,
    pub CoRevokeClassObject: unsafe extern "system" fn(DWORD) -> HRESULT,
    pub CoSuspendClassObjects: unsafe extern "system" fn() -> HRESULT,
    pub CoResumeClassObjects: unsafe extern "system" fn() -> HRESULT,
    pub CoAddRefServerProcess: unsafe extern "system" fn() -> ULONG,
    pub CoReleaseServerProcess: unsafe extern "system" fn() -> ULONG,
    pub CoFreeUnusedLibrariesEx: unsafe extern "system" fn(DWORD, DWORD),
    pub SetErrorInfo: unsafe extern "system" fn(u32, *mut c_void) -> HRESULT,
    pub GetErrorInfo: unsafe extern "system" fn(u32, *mut *mut c_void) -> HRESULT,
    pub CLSIDFromProgID: unsafe extern "system" fn(*const u16, *mut GUID) -> HRESULT,
    pub ProgIDFromCLSID: unsafe extern "system" fn(*const GUID, *mut *mut u16) -> HRESULT,
    pub AnyComRegisterServer:
        unsafe extern "system" fn(*const c_char, *const ANYCOM_CLASS_INFO, ULONG) -> HRESULT,
    pub AnyComUnregisterServer: unsafe extern "system" fn(*const c_char) -> HRESULT,
    pub AnyComPumpMessages: unsafe extern "system" fn(DWORD) -> HRESULT,
    pub AnyComGetPumpHandle: unsafe extern "system" fn(*mut isize) -> HRESULT,
    pub AnyComPostQuit: unsafe extern "system" fn() -> HRESULT,
    pub CoGetCurrentProcess: unsafe extern "system" fn() -> DWORD,
    pub CreateErrorInfo: unsafe extern "system" fn(*mut *mut c_void) -> HRESULT,
}

/// The signature of a module's `AnyComAttachRuntime` export.
pub type AttachFn = unsafe extern "system" fn(runtime: *const AnyComRuntime) -> HRESULT;

/// The name of the export the loader looks for.
pub const ATTACH_EXPORT: &str = "AnyComAttachRuntime";

static LOCAL: AnyComRuntime = AnyComRuntime {
    size: core::mem::size_of::<AnyComRuntime>() as u32,
    version: 1,
    CoInitializeEx: crate::api::CoInitializeEx,
    CoUninitialize: crate::api::CoUninitialize,
    CoGetApartmentType: crate::api::CoGetApartmentType,
    CoIncrementMTAUsage: crate::api::CoIncrementMTAUsage,
    CoDecrementMTAUsage: crate::api::CoDecrementMTAUsage,
    CoGetClassObject: crate::api::CoGetClassObject,
    CoCreateInstance: crate::api::CoCreateInstance,
    CoCreateInstanceEx: crate::api::CoCreateInstanceEx,
    CoRegisterClassObject: crate::api::CoRegisterClassObject,
    CoRevokeClassObject: crate::api::CoRevokeClassObject,
    CoSuspendClassObjects: crate::api::CoSuspendClassObjects,
    CoResumeClassObjects: crate::api::CoResumeClassObjects,
    CoAddRefServerProcess: crate::api::CoAddRefServerProcess,
    CoReleaseServerProcess: crate::api::CoReleaseServerProcess,
    CoFreeUnusedLibrariesEx: crate::api::CoFreeUnusedLibrariesEx,
    SetErrorInfo: crate::api::SetErrorInfo,
    GetErrorInfo: crate::api::GetErrorInfo,
    CLSIDFromProgID: crate::api::CLSIDFromProgID,
    ProgIDFromCLSID: crate::api::ProgIDFromCLSID,
    AnyComRegisterServer: crate::api::AnyComRegisterServer,
    AnyComUnregisterServer: crate::api::AnyComUnregisterServer,
    AnyComPumpMessages: crate::api::AnyComPumpMessages,
    AnyComGetPumpHandle: crate::api::AnyComGetPumpHandle,
    AnyComPostQuit: crate::api::AnyComPostQuit,
    CoGetCurrentProcess: crate::api::CoGetCurrentProcess,
    CreateErrorInfo: crate::api::CreateErrorInfo,
};

static ATTACHED: AtomicPtr<AnyComRuntime> = AtomicPtr::new(core::ptr::null_mut());

/// The runtime this copy forwards to, if it is attached to another copy's.
#[inline(always)]
pub fn attached() -> Option<&'static AnyComRuntime> {
    let p = ATTACHED.load(Ordering::Acquire);
    if p.is_null() {
        None
    } else {
        // SAFETY: only tables that live as long as the process (statics of
        // modules that stay loaded while any attached module does) are stored.
        Some(unsafe { &*p })
    }
}

/// The table to hand to modules this process loads: the runtime this copy
/// forwards to if attached, else this copy's own.
pub fn runtime_table() -> &'static AnyComRuntime {
    attached().unwrap_or(&LOCAL)
}

/// True when `table` is this copy's own runtime.
pub fn is_local(table: *const AnyComRuntime) -> bool {
    core::ptr::eq(table, &LOCAL)
}

/// Attaches this copy to `table` (what a module's `AnyComAttachRuntime`
/// export does). `S_OK` when attached, `S_FALSE` when `table` is this copy's
/// own runtime or the one it is already attached to, `RPC_E_CHANGED_MODE`
/// when already attached to a different runtime, `E_POINTER` for null,
/// `E_INVALIDARG` for a table older than version 1's layout.
///
/// # Safety
/// `table` must be null or point to a valid table that outlives this module.
pub unsafe fn attach(table: *const AnyComRuntime) -> HRESULT {
    if table.is_null() {
        return E_POINTER;
    }
    // SAFETY: non-null and valid per the caller.
    let t = unsafe { &*table };
    if (t.size as usize) < core::mem::size_of::<AnyComRuntime>() || t.version < 1 {
        return E_INVALIDARG;
    }
    if is_local(table) {
        return S_FALSE;
    }
    // Stored as given: tables are handed out by `runtime_table` (the loader,
    // `AnyComGetRuntime`), which already gives a forwarding copy's target.
    let target = table as *mut AnyComRuntime;
    match ATTACHED.compare_exchange(
        core::ptr::null_mut(),
        target,
        Ordering::AcqRel,
        Ordering::Acquire,
    ) {
        Ok(_) => S_OK,
        Err(current) if current == target => S_FALSE,
        Err(_) => RPC_E_CHANGED_MODE,
    }
}

/// `const void *AnyComGetRuntime(void)`: the runtime table a host hands to
/// the modules it loads itself (`dlopen` + the module's `AnyComAttachRuntime`),
/// so that a module opened without the loader shares the runtime too.
pub extern "system" fn AnyComGetRuntime() -> *const c_void {
    runtime_table() as *const AnyComRuntime as *const c_void
}

/// The body of a module's `AnyComAttachRuntime` export.
///
/// # Safety
/// As [`attach`].
pub unsafe extern "system" fn AnyComAttachRuntime(table: *const AnyComRuntime) -> HRESULT {
    // SAFETY: forwarded contract.
    crate::imp::guard(|| unsafe { attach(table) })
}

/// Forwards a call to the attached runtime if there is one: expands to an
/// early `return` of the host's result. Used at the top of each routed entry point.
#[macro_export]
#[doc(hidden)]
macro_rules! __route {
    ($f:ident ( $($a:expr),* $(,)? )) => {
        if let ::core::option::Option::Some(rt) = $crate::runtime::attach::attached() {
            // SAFETY: the host's function has the same contract as this one.
            return unsafe { (rt.$f)($($a),*) };
        }
    };
}

/// The class source an attached copy sees: every call goes to the host
/// runtime through its table (so `DllRegisterServer`, ProgID lookups and
/// unloading in a plugin reach the host's registry and loader).
struct RoutedSource(&'static AnyComRuntime);

fn c_string(s: &str) -> crate::Result<std::ffi::CString> {
    std::ffi::CString::new(s)
        .map_err(|_| crate::Error::new(E_INVALIDARG, format!("{s:?} contains a NUL character")))
}

/// A module path as the C registration functions take it: UTF-8, no NUL.
/// A path that is not UTF-8 is refused (never registered mangled).
fn path_c_string(path: &std::path::Path) -> crate::Result<std::ffi::CString> {
    let s = path.to_str().ok_or_else(|| {
        crate::Error::new(
            E_INVALIDARG,
            format!("module path {} is not UTF-8", path.display()),
        )
    })?;
    c_string(s)
}

impl super::source::ClassSource for RoutedSource {
    fn get_class_object(
        &self,
        clsid: &GUID,
        clsctx: u32,
    ) -> crate::Result<super::source::ClassObject> {
        let mut p: *mut c_void = core::ptr::null_mut();
        // SAFETY: valid arguments; on success p holds a reference we own.
        unsafe {
            (self.0.CoGetClassObject)(
                clsid,
                clsctx,
                core::ptr::null_mut(),
                &crate::IID_IUnknown,
                &mut p,
            )
        }
        .ok()?;
        Ok(super::source::ClassObject {
            // SAFETY: success handed over one IUnknown reference.
            object: unsafe { crate::Interface::from_raw(p) },
            // The host placed the object already; the model is not reported back.
            threading_model: super::source::ThreadingModel::Both,
        })
    }

    fn clsid_from_progid(&self, progid: &str) -> crate::Result<GUID> {
        let w = super::bstr::to_wide_nul(progid);
        let mut g = GUID::NULL;
        // SAFETY: w is NUL-terminated; g is a valid slot.
        // The host sets no error info here: keep the thread's untouched (no `.ok()`).
        let hr = unsafe { (self.0.CLSIDFromProgID)(w.as_ptr(), &mut g) };
        if hr.is_err() {
            return Err(crate::Error::from_code(hr));
        }
        Ok(g)
    }

    fn progid_from_clsid(&self, clsid: &GUID) -> crate::Result<String> {
        let mut p: *mut u16 = core::ptr::null_mut();
        // SAFETY: valid arguments; on success p is a CoTaskMemAlloc'd string we free.
        let hr = unsafe { (self.0.ProgIDFromCLSID)(clsid, &mut p) };
        if hr.is_err() {
            // As above: no error info to pick up.
            return Err(crate::Error::from_code(hr));
        }
        if p.is_null() {
            return Err(crate::Error::from_code(crate::E_POINTER));
        }
        // SAFETY: p is NUL-terminated UTF-16 from the task allocator (shared by
        // every copy), ours to free once read.
        unsafe {
            let s = String::from_utf16_lossy(super::bstr::wide_slice(p));
            super::memory::free(p.cast());
            Ok(s)
        }
    }

    fn free_unused_libraries(&self, delay: std::time::Duration) {
        let ms = u32::try_from(delay.as_millis()).unwrap_or(u32::MAX - 1);
        // SAFETY: plain values.
        unsafe { (self.0.CoFreeUnusedLibrariesEx)(ms, 0) };
    }

    fn register_server(&self, reg: &super::source::ServerRegistration) -> crate::Result<()> {
        let path = path_c_string(&reg.module_path)?;
        let mut keep = Vec::new();
        let mut opt = |s: Option<&str>| -> crate::Result<*const c_char> {
            match s {
                None => Ok(core::ptr::null()),
                Some(s) => {
                    let c = c_string(s)?;
                    let p = c.as_ptr();
                    keep.push(c);
                    Ok(p)
                }
            }
        };
        let count = ULONG::try_from(reg.classes.len())
            .map_err(|_| crate::Error::new(E_INVALIDARG, "too many classes"))?;
        let mut infos = Vec::with_capacity(reg.classes.len());
        for c in &reg.classes {
            infos.push(ANYCOM_CLASS_INFO {
                clsid: &c.clsid,
                threadingModel: opt(c.threading_model.registry_value())?,
                progId: opt(c.progid.as_deref())?,
                versionIndependentProgId: opt(c.version_independent_progid.as_deref())?,
                description: opt(c.description.as_deref())?,
            });
        }
        // SAFETY: every pointer lives until the call returns.
        unsafe { (self.0.AnyComRegisterServer)(path.as_ptr(), infos.as_ptr(), count) }.ok()
    }

    fn unregister_server(&self, module_path: &std::path::Path) -> crate::Result<()> {
        let path = path_c_string(module_path)?;
        // SAFETY: path is NUL-terminated and lives through the call.
        unsafe { (self.0.AnyComUnregisterServer)(path.as_ptr()) }.ok()
    }
}

/// The class source of an attached copy (see [`RoutedSource`]).
pub(crate) fn routed_source(
    rt: &'static AnyComRuntime,
) -> std::sync::Arc<dyn super::source::ClassSource> {
    std::sync::Arc::new(RoutedSource(rt))
}
