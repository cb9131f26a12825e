//! `HRESULT`: the 32-bit status code every COM method returns, with the
//! Windows values of the codes anycom produces.

use core::fmt;

/// A COM status code: negative is failure, non-negative is success.
#[repr(transparent)]
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
#[must_use]
pub struct HRESULT(pub i32);

const _: () = assert!(core::mem::size_of::<HRESULT>() == 4);

macro_rules! codes {
    ($( $(#[$m:meta])* $name:ident = $val:expr; )*) => {
        $( $(#[$m])* pub const $name: HRESULT = HRESULT($val as u32 as i32); )*
        /// The symbolic name of a known code, as the Windows SDK spells it.
        pub const fn hresult_name(hr: HRESULT) -> Option<&'static str> {
            $( if hr.0 == $val as u32 as i32 { return Some(stringify!($name)); } )*
            None
        }
    };
}

codes! {
    /// Success.
    S_OK = 0u32;
    /// Success, with a "no" or "nothing more" meaning (end of an enumeration, already initialized).
    S_FALSE = 1u32;
    /// Not implemented.
    E_NOTIMPL = 0x8000_4001u32;
    /// The object does not support the interface.
    E_NOINTERFACE = 0x8000_4002u32;
    /// A required pointer argument is null.
    E_POINTER = 0x8000_4003u32;
    /// The operation was aborted.
    E_ABORT = 0x8000_4004u32;
    /// Unspecified failure.
    E_FAIL = 0x8000_4005u32;
    /// Catastrophic failure; anycom also returns it for a panic caught at a COM boundary.
    E_UNEXPECTED = 0x8000_FFFFu32;
    /// Access denied.
    E_ACCESSDENIED = 0x8007_0005u32;
    /// Invalid handle.
    E_HANDLE = 0x8007_0006u32;
    /// Out of memory.
    E_OUTOFMEMORY = 0x8007_000Eu32;
    /// An argument is invalid.
    E_INVALIDARG = 0x8007_0057u32;
    /// An index is out of bounds.
    E_BOUNDS = 0x8000_000Bu32;
    /// The buffer is too small for the data (`HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER)`).
    E_NOT_SUFFICIENT_BUFFER = 0x8007_007Au32;
    /// The object is not in a state that allows the call.
    E_NOT_VALID_STATE = 0x8007_139Fu32;
    /// The operation is not supported.
    CO_E_NOT_SUPPORTED = 0x8000_4021u32;
    /// The class does not support aggregation, or the outer asked for an interface other than IUnknown.
    CLASS_E_NOAGGREGATION = 0x8004_0110u32;
    /// The module does not serve this class.
    CLASS_E_CLASSNOTAVAILABLE = 0x8004_0111u32;
    /// The class is licensed and no valid license was found.
    CLASS_E_NOTLICENSED = 0x8004_0112u32;
    /// The registry could not be read.
    REGDB_E_READREGDB = 0x8004_0150u32;
    /// The registry could not be written.
    REGDB_E_WRITEREGDB = 0x8004_0151u32;
    /// A registry key is missing.
    REGDB_E_KEYMISSING = 0x8004_0152u32;
    /// A registry value is invalid.
    REGDB_E_INVALIDVALUE = 0x8004_0153u32;
    /// The class is not registered.
    REGDB_E_CLASSNOTREG = 0x8004_0154u32;
    /// The interface is not registered.
    REGDB_E_IIDNOTREG = 0x8004_0155u32;
    /// A self-registering module could not register its classes.
    SELFREG_E_CLASS = 0x8004_0201u32;
    /// CoInitialize has not been called on this thread.
    CO_E_NOTINITIALIZED = 0x8004_01F0u32;
    /// CoInitialize has already been called.
    CO_E_ALREADYINITIALIZED = 0x8004_01F1u32;
    /// The class string (CLSID or ProgID) is invalid.
    CO_E_CLASSSTRING = 0x8004_01F3u32;
    /// The interface string is invalid.
    CO_E_IIDSTRING = 0x8004_01F4u32;
    /// The in-process server module could not be found or loaded.
    CO_E_DLLNOTFOUND = 0x8004_01F8u32;
    /// The in-process server module lacks a required export or misbehaved.
    CO_E_ERRORINDLL = 0x8004_01F9u32;
    /// The module was built for another operating system.
    CO_E_WRONGOSFORAPP = 0x8004_01FAu32;
    /// The object is not registered.
    CO_E_OBJNOTREG = 0x8004_01FBu32;
    /// The object has been released.
    CO_E_RELEASED = 0x8004_01FFu32;
    /// Not all the interfaces asked of CoCreateInstanceEx were returned.
    CO_S_NOTALLINTERFACES = 0x0008_0012u32;
    /// The call was rejected by the callee.
    RPC_E_CALL_REJECTED = 0x8001_0001u32;
    /// The server threw an exception (or panicked).
    RPC_E_SERVERFAULT = 0x8001_0105u32;
    /// CoInitializeEx was called with a different concurrency model.
    RPC_E_CHANGED_MODE = 0x8001_0106u32;
    /// The object's apartment is gone.
    RPC_E_DISCONNECTED = 0x8001_0108u32;
    /// The call came from the wrong apartment.
    RPC_E_WRONG_THREAD = 0x8001_010Eu32;
    /// A wait timed out (CoWaitForMultipleHandles).
    RPC_S_CALLPENDING = 0x8001_0115u32;
    /// A wait was asked for with no handles to wait on (CoWaitForMultipleHandles).
    RPC_E_NO_SYNC = 0x8001_0120u32;
    /// A module is not a valid image for this machine (wrong architecture or format).
    ERROR_BAD_EXE_FORMAT_HR = 0x8007_00C1u32;
    /// A file was not found.
    ERROR_FILE_NOT_FOUND_HR = 0x8007_0002u32;
}

/// The `FACILITY_WIN32` HRESULT for a Win32 error code (`HRESULT_FROM_WIN32`).
pub const fn hresult_from_win32(code: u32) -> HRESULT {
    if code as i32 <= 0 {
        HRESULT(code as i32)
    } else {
        HRESULT(((code & 0xFFFF) | (7 << 16) | 0x8000_0000) as i32)
    }
}

impl HRESULT {
    /// True for success codes (`SUCCEEDED`).
    #[inline]
    pub const fn is_ok(self) -> bool {
        self.0 >= 0
    }
    /// True for failure codes (`FAILED`).
    #[inline]
    pub const fn is_err(self) -> bool {
        self.0 < 0
    }
    /// `Ok(())` for success codes, else an [`Error`](crate::Error) carrying the code
    /// (and the thread's error info message, when the runtime has one).
    #[inline]
    pub fn ok(self) -> crate::Result<()> {
        if self.is_ok() {
            Ok(())
        } else {
            Err(crate::Error::from_hresult(self))
        }
    }
    /// The code as an unsigned number, the way Windows tools print it.
    pub const fn as_u32(self) -> u32 {
        self.0 as u32
    }
    /// The SDK name of the code, if it is one anycom knows.
    pub const fn name(self) -> Option<&'static str> {
        hresult_name(self)
    }
}

/// `0x80004002 (E_NOINTERFACE)`.
impl fmt::Display for HRESULT {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(n) => write!(f, "0x{:08X} ({n})", self.0 as u32),
            None => write!(f, "0x{:08X}", self.0 as u32),
        }
    }
}

impl fmt::Debug for HRESULT {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HRESULT({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_values() {
        assert_eq!(E_NOINTERFACE.as_u32(), 0x80004002);
        assert_eq!(E_POINTER.as_u32(), 0x80004003);
        assert_eq!(E_INVALIDARG.as_u32(), 0x80070057);
        assert_eq!(E_OUTOFMEMORY.as_u32(), 0x8007000E);
        assert_eq!(E_UNEXPECTED.as_u32(), 0x8000FFFF);
        assert_eq!(REGDB_E_CLASSNOTREG.as_u32(), 0x80040154);
        assert_eq!(CO_E_NOTINITIALIZED.as_u32(), 0x800401F0);
        assert_eq!(CO_E_DLLNOTFOUND.as_u32(), 0x800401F8);
        assert_eq!(CO_E_ERRORINDLL.as_u32(), 0x800401F9);
        assert_eq!(RPC_E_CHANGED_MODE.as_u32(), 0x80010106);
        assert_eq!(RPC_E_WRONG_THREAD.as_u32(), 0x8001010E);
        assert_eq!(CLASS_E_NOAGGREGATION.as_u32(), 0x80040110);
        assert_eq!(CO_S_NOTALLINTERFACES.as_u32(), 0x00080012);
        assert_eq!(hresult_from_win32(193), ERROR_BAD_EXE_FORMAT_HR);
        assert_eq!(hresult_from_win32(0), S_OK);
    }

    #[test]
    fn display_names() {
        assert_eq!(E_NOINTERFACE.to_string(), "0x80004002 (E_NOINTERFACE)");
        assert_eq!(HRESULT(0x8123_4567u32 as i32).to_string(), "0x81234567");
        assert!(S_FALSE.is_ok() && E_FAIL.is_err());
    }
}
