//! Where this module lives: the absolute path of the shared library (or
//! executable) that contains the calling code, what `DllRegisterServer`
//! records as the class's `InprocServer32`.

use crate::error::{Error, Result};
use core::ffi::c_void;
use std::path::PathBuf;

/// The absolute, canonical path of the loaded module containing `addr`
/// (any address of code or static data in it).
pub fn module_path_of(addr: *const c_void) -> Result<PathBuf> {
    let file = super::sys::module_file_of(addr)?;
    file.canonicalize().map_err(|e| {
        Error::new(
            crate::hresult::E_FAIL,
            format!("the module file {} cannot be resolved: {e}", file.display()),
        )
    })
}

/// The absolute, canonical path of the module that contains this copy of
/// the anycom crate: in a server cdylib (which links anycom statically),
/// the cdylib itself; in a host executable, the executable.
pub fn module_path() -> Result<PathBuf> {
    module_path_of(module_path as fn() -> Result<PathBuf> as *const c_void)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_unit_test_binary_contains_this_crate() {
        let p = module_path().unwrap();
        assert!(p.is_absolute());
        assert_eq!(p, std::env::current_exe().unwrap().canonicalize().unwrap());
    }

    #[test]
    fn a_static_is_found_too() {
        static MARKER: u8 = 0;
        assert_eq!(
            module_path_of(&MARKER as *const u8 as *const c_void).unwrap(),
            module_path().unwrap()
        );
    }
}
