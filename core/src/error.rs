//! `Error` and `Result`: a failed `HRESULT` with an optional message.

use crate::hresult::{E_FAIL, HRESULT};
use core::fmt;

/// A failure: an `HRESULT` and, when one is known, a message a person can act on.
///
/// A Rust COM method that returns `Err(Error)` through a `Result`-returning
/// interface method hands the message to its caller through the thread's error
/// info (`SetErrorInfo`); a Rust caller's [`HRESULT::ok`] picks it up again.
#[derive(Clone, PartialEq, Eq)]
pub struct Error {
    code: HRESULT,
    message: Option<Box<str>>,
}

/// `Result<T, anycom::Error>`.
pub type Result<T> = core::result::Result<T, Error>;

impl Error {
    /// An error with a code and a message.
    pub fn new(code: HRESULT, message: impl Into<String>) -> Error {
        let code = if code.is_ok() { E_FAIL } else { code };
        let m: String = message.into();
        Error {
            code,
            message: if m.is_empty() {
                None
            } else {
                Some(m.into_boxed_str())
            },
        }
    }

    /// An error carrying only a code (a success code becomes `E_FAIL`).
    /// If the runtime holds error info for this thread, its description becomes
    /// the message (and the error info is consumed, as `GetErrorInfo` does).
    pub fn from_hresult(code: HRESULT) -> Error {
        let code = if code.is_ok() { E_FAIL } else { code };
        Error {
            code,
            message: crate::imp::hooks::take_error_message(),
        }
    }

    /// An error carrying only a code, ignoring any thread error info.
    pub const fn from_code(code: HRESULT) -> Error {
        Error {
            code,
            message: None,
        }
    }

    /// The failure code.
    pub fn code(&self) -> HRESULT {
        self.code
    }

    /// The message, if any.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }
}

impl From<HRESULT> for Error {
    fn from(hr: HRESULT) -> Error {
        Error::from_hresult(hr)
    }
}

impl From<Error> for HRESULT {
    fn from(e: Error) -> HRESULT {
        e.code
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.message {
            Some(m) => write!(f, "{m} ({})", self.code),
            None => write!(f, "{}", self.code),
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("code", &self.code)
            .field("message", &self.message)
            .finish()
    }
}

impl std::error::Error for Error {}
