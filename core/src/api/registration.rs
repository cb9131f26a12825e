//! Registration helpers for C and C++ in-process servers (anycom additions,
//! declared in `anycom.h`): `AnyComRegisterServer`, `AnyComUnregisterServer`
//! (what a module's `DllRegisterServer`/`DllUnregisterServer` call), and
//! `AnyComGetModulePath` (the module's own path, to register).
//!
//! Registration goes to the installed class source (the registry); a failure
//! also becomes the thread's error info, with a message saying what was wrong.

use crate::error::{Error, Result};
use crate::guid::CLSID;
use crate::hresult::*;
use crate::imp::guard;
use crate::runtime::source::{self, ClassRegistration, ServerRegistration, ThreadingModel};
use crate::types::ULONG;
use core::ffi::{CStr, c_char, c_void};
use std::path::{Path, PathBuf};

/// `ANYCOM_CLASS_INFO`: one class of a module, as `AnyComRegisterServer`
/// records it. Strings are NUL-terminated UTF-8.
#[repr(C)]
#[allow(non_snake_case, non_camel_case_types)]
#[derive(Debug, Clone, Copy)]
pub struct ANYCOM_CLASS_INFO {
    /// The class; required.
    pub clsid: *const CLSID,
    /// `"Apartment"`, `"Free"`, `"Both"`, `"Neutral"`, or null (the main STA).
    pub threadingModel: *const c_char,
    /// The versioned ProgID (`Vendor.Thing.1`), or null.
    pub progId: *const c_char,
    /// The version-independent ProgID (`Vendor.Thing`), or null.
    pub versionIndependentProgId: *const c_char,
    /// The description, or null.
    pub description: *const c_char,
}

fn invalid(message: String) -> Error {
    Error::new(E_INVALIDARG, message)
}

/// A NUL-terminated UTF-8 argument, or `None` for null.
///
/// # Safety
/// `p` null or a NUL-terminated string.
unsafe fn opt_str(p: *const c_char, what: &str) -> Result<Option<String>> {
    if p.is_null() {
        return Ok(None);
    }
    // SAFETY: NUL-terminated per the caller.
    let s = unsafe { CStr::from_ptr(p) };
    s.to_str()
        .map(|s| Some(s.to_owned()))
        .map_err(|_| invalid(format!("{what} is not valid UTF-8")))
}

/// The module path argument: required, UTF-8, absolute; canonicalized when
/// the file exists.
///
/// # Safety
/// `p` null or a NUL-terminated string.
unsafe fn module_path_arg(p: *const c_char) -> Result<PathBuf> {
    // SAFETY: forwarded contract.
    let path =
        unsafe { opt_str(p, "modulePath") }?.ok_or_else(|| invalid("modulePath is NULL".into()))?;
    let path = PathBuf::from(path);
    if !path.is_absolute() {
        return Err(invalid(format!(
            "modulePath {} is not absolute",
            path.display()
        )));
    }
    Ok(path.canonicalize().unwrap_or(path))
}

/// Reads one `ANYCOM_CLASS_INFO` (`index` names it in messages).
///
/// # Safety
/// Every pointer in `info` null or valid (the CLSID readable, the strings NUL-terminated).
unsafe fn class_arg(info: &ANYCOM_CLASS_INFO, index: usize) -> Result<ClassRegistration> {
    if info.clsid.is_null() {
        return Err(invalid(format!("classes[{index}].clsid is NULL")));
    }
    // SAFETY: readable per the caller.
    let clsid = unsafe { *info.clsid };
    // SAFETY: each string is null or NUL-terminated per the caller.
    let (tm, progid, vi, description) = unsafe {
        (
            opt_str(info.threadingModel, "threadingModel")?,
            opt_str(info.progId, "progId")?,
            opt_str(info.versionIndependentProgId, "versionIndependentProgId")?,
            opt_str(info.description, "description")?,
        )
    };
    let threading_model = match tm {
        None => ThreadingModel::Main,
        Some(t) => t
            .parse()
            .map_err(|e| invalid(format!("classes[{index}]: {e}")))?,
    };
    Ok(ClassRegistration {
        clsid,
        threading_model,
        progid,
        version_independent_progid: vi,
        description,
    })
}

fn class_source() -> Result<std::sync::Arc<dyn source::ClassSource>> {
    source::class_source().ok_or_else(|| {
        Error::new(
            REGDB_E_WRITEREGDB,
            "no class registry is installed in this process (no class source)",
        )
    })
}

/// # Safety
/// As for [`AnyComRegisterServer`].
unsafe fn register(
    module_path: *const c_char,
    classes: *const ANYCOM_CLASS_INFO,
    count: ULONG,
) -> Result<()> {
    // SAFETY: forwarded contract.
    let module_path = unsafe { module_path_arg(module_path) }?;
    if classes.is_null() && count != 0 {
        return Err(invalid(format!("classes is NULL and count is {count}")));
    }
    let infos: &[ANYCOM_CLASS_INFO] = if count == 0 {
        &[]
    } else {
        // SAFETY: classes points at `count` entries per the caller.
        unsafe { core::slice::from_raw_parts(classes, count as usize) }
    };
    let classes = infos
        .iter()
        .enumerate()
        // SAFETY: each entry's pointers are valid per the caller.
        .map(|(i, info)| unsafe { class_arg(info, i) })
        .collect::<Result<Vec<_>>>()?;
    class_source()?.register_server(&ServerRegistration {
        module_path,
        classes,
    })
}

fn report(r: Result<()>) -> HRESULT {
    match r {
        Ok(()) => S_OK,
        Err(e) => crate::imp::hooks::set_error(&e),
    }
}

/// `HRESULT AnyComRegisterServer(const char *modulePath, const ANYCOM_CLASS_INFO *classes, ULONG count)`:
/// records `count` classes served by the module at `modulePath` in the
/// registry (the installed class source), replacing earlier entries of the
/// module. `S_OK`; `E_INVALIDARG` for a null or relative `modulePath`, null
/// `classes` with a nonzero `count`, a null `clsid`, a string that is not
/// UTF-8 or an unknown `threadingModel`; otherwise the registry's failure
/// (`REGDB_E_WRITEREGDB` when no registry is installed). A failure's message
/// becomes the thread's error info.
///
/// # Safety
/// `module_path` null or NUL-terminated; `classes` null or valid for `count`
/// entries whose pointers are null or valid.
pub unsafe extern "system" fn AnyComRegisterServer(
    module_path: *const c_char,
    classes: *const ANYCOM_CLASS_INFO,
    count: ULONG,
) -> HRESULT {
    crate::__route!(AnyComRegisterServer(module_path, classes, count));
    // SAFETY: forwarded contract.
    guard(|| report(unsafe { register(module_path, classes, count) }))
}

/// `HRESULT AnyComUnregisterServer(const char *modulePath)`: removes every
/// registry entry of the module at `modulePath` (its classes and their
/// ProgIDs). `S_OK`, also when nothing was registered; `E_INVALIDARG` for a
/// null, non-UTF-8 or relative path; otherwise the registry's failure
/// (`REGDB_E_WRITEREGDB` when no registry is installed).
///
/// # Safety
/// `module_path` null or NUL-terminated.
pub unsafe extern "system" fn AnyComUnregisterServer(module_path: *const c_char) -> HRESULT {
    crate::__route!(AnyComUnregisterServer(module_path));
    guard(|| {
        report((|| {
            // SAFETY: forwarded contract.
            let path = unsafe { module_path_arg(module_path) }?;
            class_source()?.unregister_server(Path::new(&path))
        })())
    })
}

/// `HRESULT AnyComGetModulePath(const void *address, char *buffer, ULONG cchBuffer)`:
/// the absolute, canonical path of the loaded module (shared library or
/// executable) containing `address`, UTF-8 and NUL-terminated. `S_OK`;
/// `E_INVALIDARG` for a null `address` or `buffer`;
/// `E_NOT_SUFFICIENT_BUFFER` when `cchBuffer` bytes cannot hold the path
/// and its NUL; `E_FAIL` when no loaded module contains `address`. On
/// failure a non-empty `buffer` holds the empty string.
///
/// # Safety
/// `buffer` null or valid for writing `cch_buffer` bytes.
pub unsafe extern "system" fn AnyComGetModulePath(
    address: *const c_void,
    buffer: *mut c_char,
    cch_buffer: ULONG,
) -> HRESULT {
    guard(|| {
        if address.is_null() || buffer.is_null() {
            return E_INVALIDARG;
        }
        let cap = cch_buffer as usize;
        if cap > 0 {
            // SAFETY: buffer is valid for cap ≥ 1 bytes.
            unsafe { *buffer = 0 };
        }
        let path = match crate::server::module_path_of(address) {
            Ok(p) => p,
            Err(e) => return e.code(),
        };
        let Some(s) = path.to_str() else {
            return E_FAIL;
        };
        let bytes = s.as_bytes();
        if bytes.len() >= cap {
            return E_NOT_SUFFICIENT_BUFFER;
        }
        // SAFETY: buffer holds cap > bytes.len() bytes.
        unsafe {
            core::ptr::copy_nonoverlapping(bytes.as_ptr(), buffer.cast::<u8>(), bytes.len());
            *buffer.add(bytes.len()) = 0;
        }
        S_OK
    })
}
