//! Baselines for anycom's benchmarks.

use core::ffi::c_void;

unsafe extern "C" {
    /// Creates the hand-written C object (one reference) answering `iid`.
    pub fn anycom_bench_c_create(iid: *const anycom::GUID, value: u32) -> *mut c_void;
}
