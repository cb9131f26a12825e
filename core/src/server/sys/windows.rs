//! Windows: `GetModuleHandleExW(FROM_ADDRESS)` and `GetModuleFileNameW`
//! name the module containing an address.

use crate::error::{Error, Result};
use crate::hresult::{E_FAIL, hresult_from_win32};
use core::ffi::c_void;
use std::ffi::OsString;
use std::os::windows::ffi::OsStringExt;
use std::path::PathBuf;

const GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS: u32 = 0x4;
const GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT: u32 = 0x2;

#[link(name = "kernel32")]
unsafe extern "system" {
    fn GetModuleHandleExW(flags: u32, name: *const u16, module: *mut *mut c_void) -> i32;
    fn GetModuleFileNameW(module: *mut c_void, filename: *mut u16, size: u32) -> u32;
    fn GetLastError() -> u32;
}

fn last_error(what: &str) -> Error {
    // SAFETY: GetLastError has no preconditions.
    let code = unsafe { GetLastError() };
    let hr = if code == 0 {
        E_FAIL
    } else {
        hresult_from_win32(code)
    };
    Error::new(hr, format!("{what} failed (error {code})"))
}

/// The file of the loaded module (DLL or executable) containing `addr`.
pub(crate) fn module_file_of(addr: *const c_void) -> Result<PathBuf> {
    let mut module = core::ptr::null_mut();
    // SAFETY: FROM_ADDRESS makes `name` an address inside a module; with
    // UNCHANGED_REFCOUNT no reference is taken; `module` is a valid slot.
    let ok = unsafe {
        GetModuleHandleExW(
            GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
            addr as *const u16,
            &mut module,
        )
    };
    if ok == 0 {
        return Err(last_error("GetModuleHandleExW"));
    }
    let mut buf = vec![0u16; 260];
    loop {
        // SAFETY: buf has buf.len() writable characters; module is loaded.
        let n = unsafe { GetModuleFileNameW(module, buf.as_mut_ptr(), buf.len() as u32) };
        if n == 0 {
            return Err(last_error("GetModuleFileNameW"));
        }
        // A result equal to the buffer size means the path was truncated.
        if (n as usize) < buf.len() {
            buf.truncate(n as usize);
            return Ok(PathBuf::from(OsString::from_wide(&buf)));
        }
        if buf.len() >= 32_768 {
            return Err(Error::new(
                E_FAIL,
                "GetModuleFileNameW: the module path is too long",
            ));
        }
        buf.resize(buf.len() * 2, 0);
    }
}
