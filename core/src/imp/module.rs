//! The module lock count: live objects plus `LockServer(TRUE)` locks.
//!
//! The count is a static of the anycom crate, so every module (each server
//! cdylib, and the host) that links the crate statically has its own count,
//! as each Windows DLL has its own. `DllCanUnloadNow` is `S_OK` exactly when
//! it is zero.
//!
//! Counting starts when the module first acts as a server: the generated
//! `DllGetClassObject`, `DllCanUnloadNow`, `DllRegisterServer` and
//! `LockServer` call [`enable_tracking`]. Objects created before that (in a
//! host executable, where nothing asks whether the module can unload, that
//! is all of them) take no lock and so cost no extra atomic operations; each
//! object remembers in its reference count word whether it took a lock, so
//! a lock is returned exactly when one was taken. A server's objects are all
//! created through its class objects, after `DllGetClassObject`, so they
//! are all counted.

use core::sync::atomic::{AtomicBool, AtomicIsize, Ordering};

static COUNT: AtomicIsize = AtomicIsize::new(0);
static TRACKING: AtomicBool = AtomicBool::new(false);

/// Starts counting live objects in this module (idempotent).
#[inline]
pub fn enable_tracking() {
    if !TRACKING.load(Ordering::Relaxed) {
        TRACKING.store(true, Ordering::SeqCst);
    }
}

/// Whether new objects take a module lock.
#[inline]
pub fn tracking() -> bool {
    TRACKING.load(Ordering::Relaxed)
}

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
