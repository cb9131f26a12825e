//! Per-thread error info. (Interim: only the description is kept; the
//! runtime issue replaces this with IErrorInfo objects.)

use crate::error::Error;
use std::cell::RefCell;

thread_local! {
    static CURRENT: RefCell<Option<Box<str>>> = const { RefCell::new(None) };
}

/// Records `e`'s message as the thread's error info.
pub fn set_from_error(e: &Error) {
    if let Some(m) = e.message() {
        CURRENT.with(|c| *c.borrow_mut() = Some(m.into()));
    }
}

/// Takes the thread's error description.
pub fn take_description() -> Option<Box<str>> {
    CURRENT.with(|c| c.borrow_mut().take())
}
