//! The one platform switch point of the loader: where the per-user and
//! system registries live, how a directory is flushed to disk, and which
//! metadata identifies a version of a file. `unix.rs` and `windows.rs` offer
//! the same functions; everything else in the crate is portable.

#[cfg(unix)]
mod unix;
#[cfg(unix)]
pub(crate) use unix::*;

#[cfg(windows)]
mod windows;
#[cfg(windows)]
pub(crate) use windows::*;

/// Nanoseconds on the precise monotonic clock, since the first call.
#[allow(dead_code)] // unused on Linux, where the coarse clock answers
pub(crate) fn precise_monotonic_ns() -> u64 {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    START
        .get_or_init(std::time::Instant::now)
        .elapsed()
        .as_nanos() as u64
}
