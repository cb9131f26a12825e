//! Windows flavour of [`crate::sys`].

use std::fs::{File, Metadata};
use std::io;
use std::os::windows::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// The per-user registry directory: `%APPDATA%\anycom\registry`.
pub(crate) fn user_registry_dir() -> Option<PathBuf> {
    std::env::var_os("APPDATA")
        .filter(|d| !d.is_empty())
        .map(|d| PathBuf::from(d).join("anycom").join("registry"))
}

/// The system registry directory: `%PROGRAMDATA%\anycom\registry`
/// (`C:\ProgramData\anycom\registry` when the variable is unset).
pub(crate) fn system_registry_dir() -> Option<PathBuf> {
    let base = std::env::var_os("PROGRAMDATA")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(r"C:\ProgramData"));
    Some(base.join("anycom").join("registry"))
}

/// Windows cannot open a directory for flushing without backup semantics;
/// `MoveFileEx` (which `persist` uses) is already write-through enough for
/// the registry's purposes.
pub(crate) fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

/// Files inherit the directory's ACL on Windows; nothing to do.
pub(crate) fn make_world_readable(_file: &File) -> io::Result<()> {
    Ok(())
}

/// What, besides length and modification time, tells two versions of a file
/// apart: the creation time (a rename puts a newly created file in place).
pub(crate) fn change_id(meta: &Metadata) -> (u64, u64, i64, i64) {
    (meta.creation_time(), meta.file_attributes() as u64, 0, 0)
}

/// A monotonic clock in nanoseconds (`QueryPerformanceCounter` through
/// `Instant`, already cheap on Windows).
pub(crate) fn coarse_monotonic_ns() -> u64 {
    super::precise_monotonic_ns()
}
