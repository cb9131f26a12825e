//! Where the object model meets the runtime's per-thread error info.

use crate::error::Error;
use crate::hresult::HRESULT;

/// Records `e`'s message as the thread's error info (when it has one) and
/// returns its code: what a `Result`-returning COM method does on `Err`.
pub fn set_error(e: &Error) -> HRESULT {
    crate::runtime::error_info::set_from_error(e);
    e.code()
}

/// Takes the thread's error info description, if any (consuming the error
/// info as `GetErrorInfo` does).
pub fn take_error_message() -> Option<Box<str>> {
    crate::runtime::error_info::take_description()
}
