//! The module lock count: live objects plus `LockServer(TRUE)` locks.
//!
//! The count is a static of the anycom crate, so every module (each server
//! cdylib, and the host) that links the crate statically has its own count,
//! as each Windows DLL has its own. `DllCanUnloadNow` is `S_OK` exactly when
//! it is zero.

use core::sync::atomic::{AtomicIsize, Ordering};

static COUNT: AtomicIsize = AtomicIsize::new(0);

/// Adds one to the module count (a new live object or a server lock).
#[inline]
pub fn lock() {
    COUNT.fetch_add(1, Ordering::Relaxed);
}

/// Subtracts one from the module count.
#[inline]
pub fn unlock() {
    COUNT.fetch_sub(1, Ordering::Release);
}

/// The module count now.
pub fn count() -> isize {
    COUNT.load(Ordering::Acquire)
}
