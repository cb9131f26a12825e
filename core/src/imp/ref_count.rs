//! The reference count inside every object anycom implements.

use core::sync::atomic::{AtomicU32, Ordering, fence};

/// Bit 31 of the count word: set when the object holds a module lock.
const MODULE_LOCKED: u32 = 1 << 31;
/// The count itself: the low 31 bits.
const COUNT_MASK: u32 = MODULE_LOCKED - 1;

/// A thread-safe COM reference count.
///
/// Increments are `Relaxed` (a new reference can only be made from an
/// existing one), decrements are `Release` with an `Acquire` fence when the
/// count reaches zero, so the destroying thread sees every other thread's
/// writes. Overflow aborts the process rather than wrapping to a free.
///
/// The top bit records whether the object took a module lock when it was
/// created (see [`crate::imp::module`]), so the lock is returned exactly
/// when it was taken, at no cost in memory.
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
        if prev & COUNT_MASK >= COUNT_MASK - 1 {
            std::process::abort();
        }
        (prev & COUNT_MASK) + 1
    }

    /// Subtracts one and returns the new count; at zero the caller destroys.
    #[inline]
    pub fn release(&self) -> u32 {
        let prev = self.0.fetch_sub(1, Ordering::Release) & COUNT_MASK;
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
        self.0.load(Ordering::Relaxed) & COUNT_MASK
    }

    /// Records that the object holds a module lock. Call only before the
    /// object is shared (right after creation).
    #[inline]
    pub fn set_module_locked(&self) {
        // Not shared yet: a plain load and store, no locked instruction.
        let v = self.0.load(Ordering::Relaxed);
        self.0.store(v | MODULE_LOCKED, Ordering::Relaxed);
    }

    /// Whether the object holds a module lock.
    #[inline]
    pub fn module_locked(&self) -> bool {
        self.0.load(Ordering::Relaxed) & MODULE_LOCKED != 0
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
    #[test]
    fn module_flag_does_not_disturb_the_count() {
        let c = RefCount::new(1);
        assert!(!c.module_locked());
        c.set_module_locked();
        assert!(c.module_locked());
        assert_eq!(c.get(), 1);
        assert_eq!(c.add_ref(), 2);
        assert_eq!(c.release(), 1);
        assert_eq!(c.release(), 0);
        assert!(c.module_locked());
    }
}
