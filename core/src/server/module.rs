//! The module lock count as a server sees it: live objects (every
//! `#[implement]` object without `no_module_lock` counts itself from
//! creation to destruction) plus `LockServer(TRUE)` locks.
//!
//! The count is a static of the anycom crate, so each module that links the
//! crate statically (each server cdylib) has its own, as each Windows DLL
//! has its own. `DllCanUnloadNow` is `S_OK` exactly when it is zero.
//!
//! Objects count only once the module acts as a server
//! ([`crate::imp::module::enable_tracking`]): the exports and `LockServer`
//! switch counting on, so a host executable's own objects cost nothing.

use crate::hresult::{E_UNEXPECTED, HRESULT, S_OK};
use crate::types::BOOL;
use core::sync::atomic::{AtomicIsize, Ordering};

/// `LockServer(TRUE)` locks not yet released (also part of [`count`]).
static SERVER_LOCKS: AtomicIsize = AtomicIsize::new(0);

/// The module count now: live objects plus server locks.
pub fn count() -> isize {
    crate::imp::module::count()
}

/// The `LockServer(TRUE)` locks held now.
pub fn server_locks() -> isize {
    SERVER_LOCKS.load(Ordering::Acquire)
}

/// Whether the module may be unloaded: the count is zero.
pub fn can_unload() -> bool {
    count() == 0
}

/// `IClassFactory::LockServer`: `TRUE` adds a lock to the module count,
/// `FALSE` removes one. Removing a lock that was never taken would steal a
/// live object's count (and let the module unload under it), so it changes
/// nothing and returns `E_UNEXPECTED`.
pub fn lock_server(lock: BOOL) -> HRESULT {
    crate::imp::module::enable_tracking();
    if lock != 0 {
        SERVER_LOCKS.fetch_add(1, Ordering::Relaxed);
        crate::imp::module::lock();
        return S_OK;
    }
    let took = SERVER_LOCKS.fetch_update(Ordering::AcqRel, Ordering::Relaxed, |n| {
        if n > 0 { Some(n - 1) } else { None }
    });
    match took {
        Ok(_) => {
            crate::imp::module::unlock();
            S_OK
        }
        Err(_) => E_UNEXPECTED,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Only this test calls lock_server in the crate's unit tests, so the
    // server lock count is exact here (the object count is not: other tests
    // create objects concurrently).
    #[test]
    fn server_locks_balance_and_unbalanced_unlock_is_refused() {
        assert_eq!(server_locks(), 0);
        assert_eq!(lock_server(1), S_OK);
        assert_eq!(lock_server(7), S_OK, "any non-zero BOOL locks");
        assert_eq!(server_locks(), 2);
        assert_eq!(lock_server(0), S_OK);
        assert_eq!(lock_server(0), S_OK);
        assert_eq!(server_locks(), 0);
        assert_eq!(lock_server(0), E_UNEXPECTED);
        assert_eq!(server_locks(), 0);
    }
}
