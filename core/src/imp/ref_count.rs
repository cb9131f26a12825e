//! The reference count inside every object anycom implements.

use core::sync::atomic::{AtomicU32, Ordering, fence};

/// A thread-safe COM reference count.
///
/// Increments are `Relaxed` (a new reference can only be made from an
/// existing one), decrements are `Release` with an `Acquire` fence when the
/// count reaches zero, so the destroying thread sees every other thread's
/// writes. Overflow aborts the process rather than wrapping to a free.
#[repr(transparent)]
pub struct RefCount(AtomicU32);

impl RefCount {
    /// A count starting at `n`.
    pub const fn new(n: u32) -> RefCount {
        RefCount(AtomicU32::new(n))
    }

    /// Adds one and returns the new count.
    #[inline]
    pub fn add_ref(&self) -> u32 {
        let prev = self.0.fetch_add(1, Ordering::Relaxed);
        if prev >= u32::MAX / 2 {
            std::process::abort();
        }
        prev + 1
    }

    /// Subtracts one and returns the new count; at zero the caller destroys.
    #[inline]
    pub fn release(&self) -> u32 {
        let prev = self.0.fetch_sub(1, Ordering::Release);
        if prev == 1 {
            fence(Ordering::Acquire);
        } else if prev == 0 {
            // Release of a dead object: the caller broke the counting rules.
            std::process::abort();
        }
        prev - 1
    }

    /// The current count (a snapshot, for diagnostics and tests).
    pub fn get(&self) -> u32 {
        self.0.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn counts() {
        let c = RefCount::new(1);
        assert_eq!(c.add_ref(), 2);
        assert_eq!(c.release(), 1);
        assert_eq!(c.release(), 0);
    }
}
