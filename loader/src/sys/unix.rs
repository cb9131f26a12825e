//! Unix (Linux, macOS, the BSDs) flavour of [`crate::sys`].

use std::fs::{File, Metadata, Permissions};
use std::io;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// The per-user registry directory:
/// - macOS: `~/Library/Application Support/anycom/registry`;
/// - elsewhere: `$XDG_DATA_HOME/anycom/registry` when `XDG_DATA_HOME` is an
///   absolute path (the XDG spec says to ignore a relative one), else
///   `~/.local/share/anycom/registry`.
///
/// `None` when no home directory is known (`HOME` unset or empty).
pub(crate) fn user_registry_dir() -> Option<PathBuf> {
    let home = std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from);
    if cfg!(target_os = "macos") {
        return home.map(|h| h.join("Library/Application Support/anycom/registry"));
    }
    if let Some(xdg) = std::env::var_os("XDG_DATA_HOME").map(PathBuf::from)
        && xdg.is_absolute()
    {
        return Some(xdg.join("anycom/registry"));
    }
    home.map(|h| h.join(".local/share/anycom/registry"))
}

/// The system registry directory: `/etc/anycom/registry`.
pub(crate) fn system_registry_dir() -> Option<PathBuf> {
    Some(PathBuf::from("/etc/anycom/registry"))
}

/// Flushes a directory's entries (a rename or an unlink inside it) to disk.
pub(crate) fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Registry files are readable by everyone (a system registry written by
/// root is read by every user), writable by their owner.
pub(crate) fn make_world_readable(file: &File) -> io::Result<()> {
    file.set_permissions(Permissions::from_mode(0o644))
}

/// What, besides length and modification time, tells two versions of a file
/// apart: the inode (a rename puts a new one in place) and the change time,
/// to nanoseconds.
pub(crate) fn change_id(meta: &Metadata) -> (u64, u64, i64, i64) {
    (meta.dev(), meta.ino(), meta.ctime(), meta.ctime_nsec())
}

/// A monotonic clock in nanoseconds, cheap rather than precise: Linux's
/// `CLOCK_MONOTONIC_COARSE` (a vDSO read of the last tick, resolution of a
/// few milliseconds); elsewhere the precise monotonic clock.
pub(crate) fn coarse_monotonic_ns() -> u64 {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: a valid out pointer; CLOCK_MONOTONIC_COARSE exists on
        // every Linux since 2.6.32.
        if unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC_COARSE, &mut ts) } == 0 {
            return (ts.tv_sec as u64)
                .wrapping_mul(1_000_000_000)
                .wrapping_add(ts.tv_nsec as u64);
        }
    }
    super::precise_monotonic_ns()
}
