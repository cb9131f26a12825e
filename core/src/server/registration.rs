//! `DllRegisterServer` and `DllUnregisterServer`: a module records its
//! object map's classes in the process's class registry, through the
//! installed class source ([`crate::runtime::class_source`]). When this copy
//! of anycom is attached to a host runtime (a Rust server cdylib loaded by
//! the loader, see [`crate::runtime::attach`]), that source forwards to the
//! host's `AnyComRegisterServer`/`AnyComUnregisterServer`, i.e. to the
//! host's class source (the tool's chosen layer, or the runtime's default).
//!
//! With no class source, there is no registry to write to:
//! `SELFREG_E_CLASS`, with a message saying so (as the thread's error info).

use super::object_map::ObjectMap;
use crate::error::{Error, Result};
use crate::hresult::{HRESULT, S_OK, SELFREG_E_CLASS};
use crate::runtime::source::{self, ClassRegistration, ServerRegistration};

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

/// The body of `DllRegisterServer`.
pub(crate) fn register(map: &'static ObjectMap) -> HRESULT {
    let reg = match server_registration(map) {
        Ok(r) => r,
        Err(e) => return crate::imp::hooks::set_error(&e),
    };
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
    let r = match source::class_source() {
        None => Err(no_registry("DllUnregisterServer")),
        Some(src) => src.unregister_server(&path),
    };
    match r {
        Ok(()) => S_OK,
        Err(e) => crate::imp::hooks::set_error(&e),
    }
}
