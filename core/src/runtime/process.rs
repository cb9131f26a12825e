//! `CoGetCurrentProcess` and `CoBuildVersion`.

use core::cell::Cell;
use core::sync::atomic::{AtomicU32, Ordering};

/// The major version `CoBuildVersion` reports (the Windows SDK's `rmm`).
pub const RMM: u32 = 23;
/// The minor version `CoBuildVersion` reports (the Windows SDK's `rup`).
pub const RUP: u32 = 639;

static NEXT_ID: AtomicU32 = AtomicU32::new(1);

thread_local! {
    // A plain integer: no destructor, so no thread-exit hook is registered.
    static THREAD_ID: Cell<u32> = const { Cell::new(0) };
}

/// `CoGetCurrentProcess`: a number identifying the calling thread, unique
/// among the threads of the process (despite the name, as on Windows) and
/// never 0. The same thread always gets the same number; numbers are handed
/// out in the order threads first ask, starting at 1.
pub fn current_process() -> u32 {
    if let Some(rt) = super::attach::attached() {
        // SAFETY: no arguments.
        return unsafe { (rt.CoGetCurrentProcess)() };
    }
    THREAD_ID
        .try_with(|id| {
            if id.get() == 0 {
                id.set(next_id());
            }
            id.get()
        })
        // During thread teardown the slot is gone: give a fresh number.
        .unwrap_or_else(|_| next_id())
}

fn next_id() -> u32 {
    loop {
        let n = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        if n != 0 {
            return n;
        }
        // Wrapped after 2³² threads: skip 0, which means "none".
    }
}

/// `CoBuildVersion`: `rmm` (23) in the high word, `rup` in the low word,
/// the values the Windows SDK's `objbase.h` defines.
pub const fn build_version() -> u32 {
    (RMM << 16) | RUP
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_and_nonzero() {
        let a = current_process();
        assert_ne!(a, 0);
        assert_eq!(current_process(), a);
        let b = std::thread::spawn(current_process).join().unwrap();
        assert_ne!(a, b);
        assert_eq!(build_version() >> 16, 23);
    }
}
