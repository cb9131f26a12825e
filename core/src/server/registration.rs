//! `DllRegisterServer` and `DllUnregisterServer`: a module records its
//! object map's classes in the process's class registry.
//!
//! Where the registration goes:
//! - when this copy of anycom is attached to a host runtime (a Rust server
//!   cdylib loaded by the loader, see [`crate::runtime::attach`]), through
//!   the host's `AnyComRegisterServer`/`AnyComUnregisterServer`, i.e. to the
//!   host's class source (the tool's chosen layer, or the runtime's default);
//! - otherwise to this copy's own installed class source
//!   ([`crate::runtime::class_source`]).
//!
//! With neither, there is no registry to write to: `SELFREG_E_CLASS`, with a
//! message saying so (as the thread's error info).

use super::object_map::ObjectMap;
use crate::api::ANYCOM_CLASS_INFO;
use crate::error::{Error, Result};
use crate::hresult::{E_INVALIDARG, HRESULT, S_OK, SELFREG_E_CLASS};
use crate::runtime::attach;
use crate::runtime::source::{self, ClassRegistration, ServerRegistration};
use std::ffi::CString;

/// What `DllRegisterServer` records for the module holding `map`: the
/// module's absolute path (found from the map's own address) and one
/// [`ClassRegistration`] per entry.
pub fn server_registration(map: &'static ObjectMap) -> Result<ServerRegistration> {
    let module_path = super::module_path_of(map as *const ObjectMap as *const core::ffi::c_void)?;
    let classes = map
        .entries()
        .iter()
        .map(|e| ClassRegistration {
            clsid: e.clsid,
            threading_model: e.threading_model,
            progid: e.progid.map(str::to_owned),
            version_independent_progid: e.version_independent_progid.map(str::to_owned),
            description: e.description.map(str::to_owned),
        })
        .collect();
    Ok(ServerRegistration {
        module_path,
        classes,
    })
}

fn no_registry(what: &str) -> Error {
    Error::new(
        SELFREG_E_CLASS,
        format!(
            "{what}: no class registry is installed in this process (no class source); load the \
             module with the anycom loader (`anycom register <module>`) or install one with \
             anycom_loader::install()"
        ),
    )
}

fn c_string(s: &str, what: &str) -> Result<CString> {
    CString::new(s).map_err(|_| {
        Error::new(
            E_INVALIDARG,
            format!("{what} {s:?} contains a NUL character"),
        )
    })
}

/// Calls the host runtime's `AnyComRegisterServer` with `reg`.
fn register_with_host(rt: &attach::AnyComRuntime, reg: &ServerRegistration) -> Result<HRESULT> {
    let path = reg.module_path.to_str().ok_or_else(|| {
        Error::new(
            E_INVALIDARG,
            format!("module path {} is not UTF-8", reg.module_path.display()),
        )
    })?;
    let path = c_string(path, "module path")?;
    let opt = |s: &Option<String>, what| s.as_deref().map(|s| c_string(s, what)).transpose();
    // The strings must outlive the call: keep them in `owned`.
    let mut owned = Vec::with_capacity(reg.classes.len());
    for c in &reg.classes {
        let tm = c
            .threading_model
            .registry_value()
            .map(|v| c_string(v, "threading model"))
            .transpose()?;
        owned.push((
            c.clsid,
            tm,
            opt(&c.progid, "ProgID")?,
            opt(&c.version_independent_progid, "version-independent ProgID")?,
            opt(&c.description, "description")?,
        ));
    }
    let ptr = |s: &Option<CString>| s.as_ref().map_or(core::ptr::null(), |s| s.as_ptr());
    let infos: Vec<ANYCOM_CLASS_INFO> = owned
        .iter()
        .map(|(clsid, tm, p, vi, d)| ANYCOM_CLASS_INFO {
            clsid,
            threadingModel: ptr(tm),
            progId: ptr(p),
            versionIndependentProgId: ptr(vi),
            description: ptr(d),
        })
        .collect();
    let count =
        u32::try_from(infos.len()).map_err(|_| Error::new(E_INVALIDARG, "too many classes"))?;
    // SAFETY: the host's function has AnyComRegisterServer's contract; every
    // pointer points into `path`, `owned` or `infos`, alive for the call.
    Ok(unsafe { (rt.AnyComRegisterServer)(path.as_ptr(), infos.as_ptr(), count) })
}

/// The body of `DllRegisterServer`.
pub(crate) fn register(map: &'static ObjectMap) -> HRESULT {
    let reg = match server_registration(map) {
        Ok(r) => r,
        Err(e) => return crate::imp::hooks::set_error(&e),
    };
    if let Some(rt) = attach::attached() {
        // The host sets its own error info on failure.
        return register_with_host(rt, &reg).unwrap_or_else(|e| crate::imp::hooks::set_error(&e));
    }
    let r = match source::class_source() {
        None => Err(no_registry("DllRegisterServer")),
        Some(src) => src.register_server(&reg),
    };
    match r {
        Ok(()) => S_OK,
        Err(e) => crate::imp::hooks::set_error(&e),
    }
}

/// The body of `DllUnregisterServer`.
pub(crate) fn unregister(map: &'static ObjectMap) -> HRESULT {
    let path = match super::module_path_of(map as *const ObjectMap as *const core::ffi::c_void) {
        Ok(p) => p,
        Err(e) => return crate::imp::hooks::set_error(&e),
    };
    if let Some(rt) = attach::attached() {
        let r = path
            .to_str()
            .ok_or_else(|| {
                Error::new(
                    E_INVALIDARG,
                    format!("module path {} is not UTF-8", path.display()),
                )
            })
            .and_then(|p| c_string(p, "module path"));
        return match r {
            // SAFETY: the host's function has AnyComUnregisterServer's
            // contract; the string is NUL-terminated and alive for the call.
            Ok(c) => unsafe { (rt.AnyComUnregisterServer)(c.as_ptr()) },
            Err(e) => crate::imp::hooks::set_error(&e),
        };
    }
    let r = match source::class_source() {
        None => Err(no_registry("DllUnregisterServer")),
        Some(src) => src.unregister_server(&path),
    };
    match r {
        Ok(()) => S_OK,
        Err(e) => crate::imp::hooks::set_error(&e),
    }
}
