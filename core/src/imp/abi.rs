//! Compile-time checks the interface macro emits on method signatures.

use crate::guid::GUID;
use crate::hresult::HRESULT;

/// A type that may cross a COM method boundary by value.
///
/// # Safety
/// The type must have a stable C ABI identical on every compiler that calls
/// the method (a primitive, a raw pointer, or a `#[repr(C)]`/`#[repr(transparent)]`
/// type made of those).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot cross a COM interface boundary",
    label = "not FFI-safe in a COM method",
    note = "COM methods take integers, floats, HRESULT, GUID, raw pointers and interface references (`anycom::Ref<'_, IFoo>`); pass anything else through a pointer"
)]
pub unsafe trait ComAbi {}

macro_rules! abi {
    ($($t:ty),*) => { $( // SAFETY: primitive with a fixed C ABI.
        unsafe impl ComAbi for $t {} )* };
}
abi!(
    i8, u8, i16, u16, i32, u32, i64, u64, isize, usize, f32, f64, HRESULT, GUID
);
// SAFETY: raw pointers are C pointers.
unsafe impl<T: ?Sized> ComAbi for *const T {}
// SAFETY: raw pointers are C pointers.
unsafe impl<T: ?Sized> ComAbi for *mut T {}
// SAFETY: Ref is transparent over a nullable COM pointer.
unsafe impl<I: crate::Interface> ComAbi for crate::Ref<'_, I> {}

/// Asserts at compile time that `T` may be passed to a COM method.
pub const fn assert_abi<T: ComAbi>() {}

/// A type a COM method may return.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be returned from a COM method",
    label = "COM methods return HRESULT (or a scalar), never a struct",
    note = "return HRESULT (or anycom::Result<()>) and hand results back through an out-pointer"
)]
pub trait ComReturnAbi: super::trampoline::ComReturn {}
impl ComReturnAbi for HRESULT {}
impl ComReturnAbi for () {}
macro_rules! ret {
    ($($t:ty),*) => { $( impl ComReturnAbi for $t {} )* };
}
ret!(i8, u8, i16, u16, i32, u32, i64, u64, isize, usize, f32, f64);
impl<T> ComReturnAbi for *const T {}
impl<T> ComReturnAbi for *mut T {}

/// Asserts at compile time that `T` may be returned from a COM method.
pub const fn assert_return<T: ComReturnAbi>() {}
