//! Registration helpers for C and C++ servers (anycom.h):
//! `AnyComRegisterServer`, `AnyComUnregisterServer`, `AnyComGetModulePath`.

use anycom_core::api::ANYCOM_CLASS_INFO;
use anycom_core::{HRESULT, ULONG};
use core::ffi::{c_char, c_void};

export! {
    /// `HRESULT AnyComRegisterServer(const char *modulePath, const ANYCOM_CLASS_INFO *classes, ULONG count)`.
    fn AnyComRegisterServer(module_path: *const c_char, classes: *const ANYCOM_CLASS_INFO, count: ULONG) -> HRESULT;
    /// `HRESULT AnyComUnregisterServer(const char *modulePath)`.
    fn AnyComUnregisterServer(module_path: *const c_char) -> HRESULT;
    /// `HRESULT AnyComGetModulePath(const void *address, char *buffer, ULONG cchBuffer)`.
    fn AnyComGetModulePath(address: *const c_void, buffer: *mut c_char, cch_buffer: ULONG) -> HRESULT;
}
