//! Unloading in-process servers under their Windows names:
//! `CoFreeUnusedLibraries`, `CoFreeUnusedLibrariesEx`, forwarded to the
//! installed class source (the loader), which owns the loaded modules.

use crate::constants::INFINITE;
use crate::imp::guard;
use crate::runtime::source;
use crate::types::DWORD;
use std::time::Duration;

/// The delay `INFINITE` stands for: Windows' default of ten minutes.
pub const DEFAULT_UNLOAD_DELAY: Duration = Duration::from_secs(10 * 60);

/// The delay `CoFreeUnusedLibrariesEx` was asked for: `INFINITE` is the
/// default delay ([`DEFAULT_UNLOAD_DELAY`]), anything else milliseconds.
pub fn unload_delay(dw_unload_delay: DWORD) -> Duration {
    match dw_unload_delay {
        INFINITE => DEFAULT_UNLOAD_DELAY,
        ms => Duration::from_millis(ms.into()),
    }
}

/// `void CoFreeUnusedLibrariesEx(DWORD dwUnloadDelay, DWORD dwReserved)`:
/// asks each loaded in-process server's `DllCanUnloadNow` and unloads those
/// that answer `S_OK` and have been unused for `dwUnloadDelay` milliseconds
/// (`INFINITE`: the default delay; 0: at once). How the delay applies is the
/// loader's policy (see the class source). Does nothing when no class
/// source is installed. `dwReserved` is ignored.
///
/// # Safety
/// None beyond the C ABI.
pub unsafe extern "system" fn CoFreeUnusedLibrariesEx(dw_unload_delay: DWORD, dw_reserved: DWORD) {
    crate::__route!(CoFreeUnusedLibrariesEx(dw_unload_delay, dw_reserved));
    guard(|| {
        if let Some(src) = source::class_source() {
            src.free_unused_libraries(unload_delay(dw_unload_delay));
        }
    })
}

/// `void CoFreeUnusedLibraries(void)`: `CoFreeUnusedLibrariesEx(INFINITE, 0)`.
///
/// # Safety
/// None beyond the C ABI.
pub unsafe extern "system" fn CoFreeUnusedLibraries() {
    // SAFETY: same contract.
    unsafe { CoFreeUnusedLibrariesEx(INFINITE, 0) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn infinite_is_the_default_delay() {
        assert_eq!(unload_delay(INFINITE), DEFAULT_UNLOAD_DELAY);
        assert_eq!(unload_delay(0), Duration::ZERO);
        assert_eq!(unload_delay(1500), Duration::from_millis(1500));
    }
}
