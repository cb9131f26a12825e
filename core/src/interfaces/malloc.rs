//! `IMalloc`: the task allocator's interface (`CoGetMalloc`).

use crate::{IUnknown, interface};
use core::ffi::c_void;

/// The COM task allocator.
#[interface("00000002-0000-0000-C000-000000000046")]
pub unsafe trait IMalloc: IUnknown {
    /// Allocates `cb` bytes.
    fn Alloc(&self, cb: usize) -> *mut c_void;
    /// Resizes a block.
    unsafe fn Realloc(&self, pv: *mut c_void, cb: usize) -> *mut c_void;
    /// Frees a block.
    unsafe fn Free(&self, pv: *mut c_void);
    /// The size requested for a block.
    unsafe fn GetSize(&self, pv: *mut c_void) -> usize;
    /// 1 if this allocator allocated the block, 0 if not, -1 if it cannot tell.
    unsafe fn DidAlloc(&self, pv: *mut c_void) -> i32;
    /// Returns free memory to the system where possible.
    fn HeapMinimize(&self);
}
