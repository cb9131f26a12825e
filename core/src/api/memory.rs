//! Task memory under its Windows names: `CoTaskMemAlloc`, `CoTaskMemRealloc`,
//! `CoTaskMemFree`, `CoGetMalloc`.

use crate::hresult::{E_INVALIDARG, HRESULT, S_OK};
use crate::imp::guard;
use crate::interface::Interface;
use crate::runtime::memory;
use core::ffi::c_void;
use core::ptr::null_mut;

/// `void *CoTaskMemAlloc(SIZE_T cb)`: `cb` bytes of task memory (a valid,
/// unique pointer for 0), or null when out of memory.
///
/// # Safety
/// Always safe to call; the result must be freed with `CoTaskMemFree` (by any module).
pub unsafe extern "system" fn CoTaskMemAlloc(cb: usize) -> *mut c_void {
    guard(|| memory::alloc(cb))
}

/// `void *CoTaskMemRealloc(void *pv, SIZE_T cb)`: null `pv` allocates; `cb`
/// 0 frees `pv` and returns null; on failure returns null and `pv` stays valid.
///
/// # Safety
/// `pv` must be null or a live task memory block, not used after a non-null
/// result or a zero `cb`.
pub unsafe extern "system" fn CoTaskMemRealloc(pv: *mut c_void, cb: usize) -> *mut c_void {
    // SAFETY: forwarded contract.
    guard(|| unsafe { memory::realloc(pv, cb) })
}

/// `void CoTaskMemFree(void *pv)`: frees task memory; null is a no-op.
///
/// # Safety
/// `pv` must be null or a live task memory block, not used afterwards.
pub unsafe extern "system" fn CoTaskMemFree(pv: *mut c_void) {
    // SAFETY: forwarded contract.
    guard(|| unsafe { memory::free(pv) })
}

/// `HRESULT CoGetMalloc(DWORD dwMemContext, IMalloc **ppMalloc)`: the
/// process allocator for `MEMCTX_TASK` (1). Another context is
/// `E_INVALIDARG` with `*ppMalloc` null; a null `ppMalloc` is `E_INVALIDARG`.
///
/// # Safety
/// `ppMalloc` must be null or valid for a pointer write.
pub unsafe extern "system" fn CoGetMalloc(
    dwMemContext: u32,
    ppMalloc: *mut *mut c_void,
) -> HRESULT {
    guard(|| {
        if ppMalloc.is_null() {
            return E_INVALIDARG;
        }
        let (p, hr) = match memory::get_malloc(dwMemContext) {
            Ok(m) => (m.into_raw(), S_OK),
            Err(e) => (null_mut(), e.code()),
        };
        // SAFETY: ppMalloc is valid per the caller.
        unsafe { *ppMalloc = p };
        hr
    })
}
