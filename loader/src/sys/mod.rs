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
