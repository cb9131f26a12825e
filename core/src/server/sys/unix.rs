//! Unix: `dladdr` names the shared object containing an address.

use crate::error::{Error, Result};
use crate::hresult::E_FAIL;
use core::ffi::{CStr, c_void};
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;

/// The file of the loaded module (shared library or executable) containing
/// `addr`, as the dynamic loader recorded it (possibly relative).
pub(crate) fn module_file_of(addr: *const c_void) -> Result<PathBuf> {
    // SAFETY: Dl_info is plain data; all-zero is a valid value.
    let mut info: libc::Dl_info = unsafe { core::mem::zeroed() };
    // SAFETY: dladdr only reads the address value and writes `info`.
    let found = unsafe { libc::dladdr(addr, &mut info) };
    if found == 0 || info.dli_fname.is_null() {
        return Err(Error::new(
            E_FAIL,
            format!("dladdr found no loaded module containing {addr:p}"),
        ));
    }
    // SAFETY: dli_fname is a NUL-terminated string owned by the loader,
    // valid while the module is loaded (it is: `addr` is in it).
    let name = unsafe { CStr::from_ptr(info.dli_fname) };
    Ok(PathBuf::from(OsStr::from_bytes(name.to_bytes())))
}
