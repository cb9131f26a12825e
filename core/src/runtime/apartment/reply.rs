//! A one-shot reply slot for [`Apartment::call`](super::Apartment::call)
//! from a thread that does not pump (MTA or uninitialized): the callee
//! writes the result and unparks the caller. One allocation per call, no
//! channel, and the caller spins briefly before it parks, so a quick
//! callee answers without either thread sleeping.

use std::cell::UnsafeCell;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::thread::{self, Thread};

const EMPTY: u8 = 0;
const FULL: u8 = 1;
const ABANDONED: u8 = 2;

struct Slot<T> {
    state: AtomicU8,
    value: UnsafeCell<Option<T>>,
    caller: Thread,
}

// SAFETY: `value` is written once by the single `Sender` before `state`
// becomes FULL (Release) and read only by the single receiver after it
// observes FULL (Acquire); T crosses threads, so T: Send is required.
unsafe impl<T: Send> Sync for Slot<T> {}
// SAFETY: as above.
unsafe impl<T: Send> Send for Slot<T> {}

/// The callee's half: `send` once; dropping it unsent tells the caller the
/// call was abandoned (the work was dropped without running).
pub(crate) struct Sender<T: Send>(Option<Arc<Slot<T>>>);

/// The caller's half.
pub(crate) struct Receiver<T: Send>(Arc<Slot<T>>);

/// A new slot; the receiver must stay on the calling thread (it is unparked).
pub(crate) fn slot<T: Send>() -> (Sender<T>, Receiver<T>) {
    let s = Arc::new(Slot {
        state: AtomicU8::new(EMPTY),
        value: UnsafeCell::new(None),
        caller: thread::current(),
    });
    (Sender(Some(s.clone())), Receiver(s))
}

impl<T: Send> Sender<T> {
    /// Hands `v` to the caller and wakes it.
    pub(crate) fn send(mut self, v: T) {
        if let Some(s) = self.0.take() {
            // SAFETY: the only writer, before publishing FULL.
            unsafe { *s.value.get() = Some(v) };
            s.state.store(FULL, Ordering::Release);
            s.caller.unpark();
        }
    }
}

impl<T: Send> Drop for Sender<T> {
    fn drop(&mut self) {
        if let Some(s) = self.0.take() {
            s.state.store(ABANDONED, Ordering::Release);
            s.caller.unpark();
        }
    }
}

impl<T: Send> Receiver<T> {
    /// Waits for the value; `None` when the sender was dropped unsent.
    pub(crate) fn recv(self) -> Option<T> {
        let mut spins = 0u32;
        loop {
            match self.0.state.load(Ordering::Acquire) {
                FULL => {
                    // SAFETY: FULL was published after the single write.
                    return unsafe { (*self.0.value.get()).take() };
                }
                ABANDONED => return None,
                _ => {}
            }
            if spins < 64 {
                core::hint::spin_loop();
                spins += 1;
            } else if spins < 80 {
                thread::yield_now();
                spins += 1;
            } else {
                // A spurious or early unpark only loops again.
                thread::park();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_crosses_threads() {
        let (tx, rx) = slot::<u32>();
        let t = thread::spawn(move || tx.send(7));
        assert_eq!(rx.recv(), Some(7));
        t.join().unwrap();
    }

    #[test]
    fn dropped_sender_abandons() {
        let (tx, rx) = slot::<String>();
        let t = thread::spawn(move || drop(tx));
        assert_eq!(rx.recv(), None);
        t.join().unwrap();
    }
}
