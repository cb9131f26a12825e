//! `CoGetCurrentProcess` (a number per thread, never 0, stable on a thread,
//! distinct across threads, as on Windows) and `CoBuildVersion`.

use anycom::api::{CoBuildVersion, CoGetCurrentProcess};
use std::collections::HashSet;
use std::sync::{Arc, Barrier};

fn current() -> u32 {
    // SAFETY: always safe to call.
    unsafe { CoGetCurrentProcess() }
}

#[test]
fn smoke_nonzero_and_stable() {
    let a = current();
    assert_ne!(a, 0);
    assert_eq!(current(), a);
    assert_eq!(anycom::runtime::process::current_process(), a);
}

#[test]
fn distinct_per_thread() {
    const THREADS: usize = 16;
    // All threads are alive at once (the barrier), so no number could be reused.
    let barrier = Arc::new(Barrier::new(THREADS));
    let handles: Vec<_> = (0..THREADS)
        .map(|_| {
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                let first = current();
                barrier.wait();
                let second = current();
                (first, second)
            })
        })
        .collect();
    let mut seen = HashSet::new();
    seen.insert(current());
    for h in handles {
        let (first, second) = h.join().unwrap();
        assert_ne!(first, 0);
        assert_eq!(first, second, "stable on its thread");
        assert!(seen.insert(first), "{first} handed to two threads");
    }
    assert_eq!(seen.len(), THREADS + 1);
}

#[test]
fn build_version_is_rmm_23() {
    // SAFETY: always safe to call.
    let v = unsafe { CoBuildVersion() };
    assert_eq!(v >> 16, 23);
    assert_eq!(v & 0xFFFF, 639);
}
