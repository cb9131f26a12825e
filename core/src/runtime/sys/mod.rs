//! The one place where the runtime touches the operating system.
//!
//! Each platform module offers the same small API; the rest of the runtime
//! uses the items re-exported here and never writes a `cfg` itself.
//!
//! - [`Notifier`]: a kernel object a host event loop can poll (an `eventfd`
//!   on Linux, a non-blocking pipe on other Unix systems, a manual-reset
//!   event on Windows). The STA queue sets it while work is pending.
//! - [`light_barrier`] / [`heavy_barrier`]: an asymmetric memory barrier.
//!   Where the OS can make every thread of the process execute a full
//!   barrier on demand (`membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED)` on
//!   Linux, `FlushProcessWriteBuffers` on Windows), the frequent side (the
//!   activation hot path) needs only a compiler barrier and the rare side
//!   (revoking a class object) pays for a process-wide barrier. Elsewhere
//!   both sides use a full fence.

#[cfg(unix)]
mod unix;
#[cfg(unix)]
pub(crate) use unix::{Notifier, is_mapped, process_barrier, process_barrier_available};

#[cfg(windows)]
mod windows;
#[cfg(windows)]
pub(crate) use windows::{Notifier, is_mapped, process_barrier, process_barrier_available};

use core::sync::atomic::{AtomicBool, Ordering, compiler_fence, fence};
use std::sync::Once;

static ASYMMETRIC: AtomicBool = AtomicBool::new(false);
static ASYMMETRIC_INIT: Once = Once::new();

/// Sets the asymmetric barrier up (once per process). Every thread calls
/// this before its first [`light_barrier`] or [`heavy_barrier`], so all of
/// them agree on which kind is in use.
pub(crate) fn init_barriers() {
    ASYMMETRIC_INIT.call_once(|| {
        if process_barrier_available() {
            ASYMMETRIC.store(true, Ordering::Release);
        }
    });
}

/// The cheap side: orders this thread's earlier stores before its later
/// loads, as seen by a thread that calls [`heavy_barrier`].
/// Call [`init_barriers`] on the thread first.
#[inline(always)]
pub(crate) fn light_barrier() {
    if ASYMMETRIC.load(Ordering::Relaxed) {
        compiler_fence(Ordering::SeqCst);
    } else {
        fence(Ordering::SeqCst);
    }
}

/// The expensive side: a full barrier that also stands in for every other
/// thread's [`light_barrier`].
pub(crate) fn heavy_barrier() {
    init_barriers();
    fence(Ordering::SeqCst);
    if ASYMMETRIC.load(Ordering::Relaxed) {
        process_barrier();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn barriers_run_either_way() {
        init_barriers();
        light_barrier();
        heavy_barrier();
        // On Linux with membarrier (most kernels since 4.14) the light side is a compiler barrier.
        eprintln!(
            "asymmetric barriers: {}",
            ASYMMETRIC.load(Ordering::Relaxed)
        );
    }
}
