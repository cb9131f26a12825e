//! `IEnumUnknown`: the IEnum pattern over IUnknown pointers.

use crate::{HRESULT, IUnknown, interface};
use core::ffi::c_void;

/// Enumerates IUnknown pointers.
#[interface("00000100-0000-0000-C000-000000000046")]
pub unsafe trait IEnumUnknown: IUnknown {
    /// Fetches up to `celt` items; `S_FALSE` when fewer were left.
    unsafe fn Next(&self, celt: u32, rgelt: *mut *mut c_void, fetched: *mut u32) -> HRESULT;
    /// Skips `celt` items; `S_FALSE` when fewer were left.
    fn Skip(&self, celt: u32) -> HRESULT;
    /// Goes back to the start.
    fn Reset(&self) -> HRESULT;
    /// A new enumerator at the same position.
    unsafe fn Clone(&self, ppenum: *mut *mut c_void) -> HRESULT;
}
