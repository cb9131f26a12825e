//! Task memory: `CoTaskMemAlloc`, `CoTaskMemRealloc`, `CoTaskMemFree`, `CoGetMalloc`.

use anycom_core::HRESULT;
use core::ffi::c_void;

export! {
    /// `LPVOID CoTaskMemAlloc(SIZE_T cb)`.
    fn CoTaskMemAlloc(cb: usize) -> *mut c_void;
    /// `LPVOID CoTaskMemRealloc(LPVOID pv, SIZE_T cb)`.
    fn CoTaskMemRealloc(pv: *mut c_void, cb: usize) -> *mut c_void;
    /// `void CoTaskMemFree(LPVOID pv)`.
    fn CoTaskMemFree(pv: *mut c_void);
    /// `HRESULT CoGetMalloc(DWORD dwMemContext, LPMALLOC *ppMalloc)`.
    fn CoGetMalloc(dwMemContext: u32, ppMalloc: *mut *mut c_void) -> HRESULT;
}
