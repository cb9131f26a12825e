//! The one platform switch point of the server module: which loaded module
//! contains an address. `unix.rs` and `windows.rs` offer the same function.

#[cfg(unix)]
mod unix;
#[cfg(unix)]
pub(crate) use unix::module_file_of;

#[cfg(windows)]
mod windows;
#[cfg(windows)]
pub(crate) use windows::module_file_of;
