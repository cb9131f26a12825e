//! `DllRegisterServer` and `DllUnregisterServer`.
//!
//! NOT YET WIRED: registration goes through the process's installed class
//! source (`anycom::runtime::source`), which has not landed; until it does
//! both exports return `E_NOTIMPL` with a message saying so.

use super::object_map::ObjectMap;
use crate::error::Error;
use crate::hresult::{E_NOTIMPL, HRESULT};

fn not_yet(what: &str) -> HRESULT {
    crate::imp::hooks::set_error(&Error::new(
        E_NOTIMPL,
        format!("{what}: registration through the class source is not implemented yet"),
    ))
}

/// The body of `DllRegisterServer`.
pub(crate) fn register(map: &'static ObjectMap) -> HRESULT {
    let _ = map;
    not_yet("DllRegisterServer")
}

/// The body of `DllUnregisterServer`.
pub(crate) fn unregister(map: &'static ObjectMap) -> HRESULT {
    let _ = map;
    not_yet("DllUnregisterServer")
}
