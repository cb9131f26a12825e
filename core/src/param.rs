//! `Ref<'a, I>`: a borrowed interface pointer passed as an `[in]` argument.

use crate::interface::Interface;
use core::ffi::c_void;
use core::marker::PhantomData;

/// A borrowed, nullable interface pointer with the ABI of a raw COM pointer:
/// what `[in] IFoo *p` is in an interface method. The callee does not own a
/// reference; it clones (AddRef) to keep one.
#[repr(transparent)]
#[derive(Clone, Copy)]
pub struct Ref<'a, I: Interface> {
    raw: *mut c_void,
    _borrow: PhantomData<&'a I>,
}

impl<'a, I: Interface> Ref<'a, I> {
    /// A null argument.
    pub const fn null() -> Self {
        Ref {
            raw: core::ptr::null_mut(),
            _borrow: PhantomData,
        }
    }
    /// The pointer, if not null.
    pub fn get(&self) -> Option<&I> {
        // SAFETY: a non-null raw was borrowed from a live I for 'a.
        unsafe { I::from_raw_borrowed(&self.raw) }
    }
    /// The raw pointer.
    pub fn as_raw(&self) -> *mut c_void {
        self.raw
    }
}

impl<'a, I: Interface> From<&'a I> for Ref<'a, I> {
    fn from(i: &'a I) -> Self {
        Ref {
            raw: i.as_raw(),
            _borrow: PhantomData,
        }
    }
}

impl<'a, I: Interface> From<Option<&'a I>> for Ref<'a, I> {
    fn from(i: Option<&'a I>) -> Self {
        match i {
            Some(i) => i.into(),
            None => Ref::null(),
        }
    }
}
