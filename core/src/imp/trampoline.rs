//! The panic fence at every `extern "system"` entry point anycom generates.

use crate::hresult::{E_UNEXPECTED, HRESULT};
use std::panic::{AssertUnwindSafe, catch_unwind};

/// What a COM method returns when its Rust body panicked.
///
/// A panic never unwinds into a COM caller: HRESULT-returning methods return
/// `E_UNEXPECTED`, others return a zero value.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be returned from a COM method",
    label = "COM methods return HRESULT (or a scalar), never a struct",
    note = "return HRESULT (or anycom::Result<()>) and hand results back through an out-pointer"
)]
pub trait ComReturn: Sized {
    /// The value returned in place of a panic.
    fn on_panic() -> Self;
}

impl ComReturn for HRESULT {
    fn on_panic() -> Self {
        E_UNEXPECTED
    }
}
impl ComReturn for () {
    fn on_panic() -> Self {}
}
macro_rules! zero_return {
    ($($t:ty),*) => { $( impl ComReturn for $t { fn on_panic() -> Self { 0 as $t } } )* };
}
zero_return!(i8, u8, i16, u16, i32, u32, i64, u64, isize, usize, f32, f64);
impl<T> ComReturn for *const T {
    fn on_panic() -> Self {
        core::ptr::null()
    }
}
impl<T> ComReturn for *mut T {
    fn on_panic() -> Self {
        core::ptr::null_mut()
    }
}

/// Runs `f`, turning a panic into [`ComReturn::on_panic`].
#[inline(always)]
pub fn guard<R: ComReturn>(f: impl FnOnce() -> R) -> R {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(_) => R::on_panic(),
    }
}

/// Runs a `Result`-returning method body: `Ok` is `S_OK`, `Err` records the
/// error's message as the thread's error info and returns its code, a panic
/// is `E_UNEXPECTED`.
#[inline(always)]
pub fn guard_result(f: impl FnOnce() -> crate::Result<()>) -> HRESULT {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(())) => crate::hresult::S_OK,
        Ok(Err(e)) => crate::imp::hooks::set_error(&e),
        Err(_) => E_UNEXPECTED,
    }
}
