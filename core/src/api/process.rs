//! `CoGetCurrentProcess` and `CoBuildVersion` under their Windows names.

use crate::imp::guard;
use crate::runtime::process;

/// `DWORD CoGetCurrentProcess(void)`: a number unique to the calling thread
/// (not the process, despite the name, as on Windows), never 0.
///
/// # Safety
/// Always safe to call.
pub unsafe extern "system" fn CoGetCurrentProcess() -> u32 {
    guard(process::current_process)
}

/// `DWORD CoBuildVersion(void)`: `rmm` (23) in the high word, `rup` in the low word.
///
/// # Safety
/// Always safe to call.
pub unsafe extern "system" fn CoBuildVersion() -> u32 {
    process::build_version()
}
