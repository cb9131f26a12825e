//! The one place where the runtime touches the operating system.
//!
//! Each platform module offers the same small API; the rest of the runtime
//! uses the items re-exported here and never writes a `cfg` itself.
//!
//! - [`Notifier`]: a kernel object a host event loop can poll (an `eventfd`
//!   on Linux, a non-blocking pipe on other Unix systems, a manual-reset
//!   event on Windows). The STA queue sets it while work is pending.

#[cfg(unix)]
mod unix;
#[cfg(unix)]
pub(crate) use unix::Notifier;

#[cfg(windows)]
mod windows;
#[cfg(windows)]
pub(crate) use windows::Notifier;
