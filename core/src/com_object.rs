//! `ComObject<T>`: the Rust-side owning handle to an object implemented with
//! `#[implement]`, with access to both its Rust value and its interfaces.

use crate::error::Result;
use crate::imp::object::{ComImpl, Implements, create, inner_add_ref, inner_release};
use crate::interface::Interface;
use crate::unknown::IUnknown;
use core::ops::Deref;
use core::ptr::{NonNull, null_mut};

/// A struct that `#[implement]` turned into a COM class.
pub trait ComClass: Sized + 'static {
    /// The generated object type (`Foo_Impl`).
    type Impl: ComImpl<Class = Self> + Deref<Target = Self>;
}

/// An owned reference to a Rust-implemented COM object.
///
/// `Clone` adds a reference, `Drop` releases one; `Deref` reaches the
/// generated `Foo_Impl` and through it the user's struct.
pub struct ComObject<T: ComClass> {
    ptr: NonNull<T::Impl>,
}

// SAFETY: the object's count is atomic and the value is shared only by
// reference; sending or sharing the handle is sound when the value is.
unsafe impl<T: ComClass + Send + Sync> Send for ComObject<T> {}
// SAFETY: as above.
unsafe impl<T: ComClass + Send + Sync> Sync for ComObject<T> {}

impl<T: ComClass> ComObject<T> {
    /// Creates a new object (reference count 1, owned by the result).
    pub fn new(value: T) -> ComObject<T> {
        ComObject {
            ptr: create::<T::Impl>(value, null_mut()),
        }
    }

    /// Creates the object as the inner of an aggregate: its interfaces
    /// delegate IUnknown to `outer`, and the result is the inner's
    /// non-delegating IUnknown, which the outer keeps (and releases when it dies).
    ///
    /// Fails with `CLASS_E_NOAGGREGATION` when the class is not aggregatable.
    pub fn create_aggregated(value: T, outer: &IUnknown) -> Result<IUnknown> {
        if !<T::Impl as ComImpl>::AGGREGATABLE {
            return Err(crate::Error::from_code(
                crate::hresult::CLASS_E_NOAGGREGATION,
            ));
        }
        let obj = create::<T::Impl>(value, outer.as_raw());
        // SAFETY: `create` returned an object whose one reference we hand to the IUnknown.
        Ok(unsafe { IUnknown::from_raw(obj.as_ref().identity_ptr()) })
    }

    /// An interface pointer to a slot this class implements (AddRef'd;
    /// no QueryInterface needed).
    pub fn to_interface<I: Interface>(&self) -> I
    where
        T::Impl: Implements<I>,
    {
        crate::imp::object::to_interface::<T::Impl, I>(self.deref())
    }

    /// QueryInterface on the object.
    pub fn cast<I: Interface>(&self) -> Result<I> {
        self.as_unknown().cast()
    }

    /// The object's IUnknown (its identity; the outer's when aggregated).
    pub fn as_unknown(&self) -> IUnknown {
        crate::imp::object::controlling_unknown(self.deref())
    }

    /// The current reference count (a snapshot, for tests and diagnostics).
    pub fn ref_count(&self) -> u32 {
        self.deref().ref_count().get()
    }

    /// The raw pointer to the generated object.
    pub fn as_ptr(&self) -> *const T::Impl {
        self.ptr.as_ptr()
    }
}

impl<T: ComClass> Deref for ComObject<T> {
    type Target = T::Impl;
    fn deref(&self) -> &T::Impl {
        // SAFETY: we own a reference, so the object is live.
        unsafe { self.ptr.as_ref() }
    }
}

impl<T: ComClass> Clone for ComObject<T> {
    fn clone(&self) -> Self {
        inner_add_ref(self.deref());
        ComObject { ptr: self.ptr }
    }
}

impl<T: ComClass> Drop for ComObject<T> {
    fn drop(&mut self) {
        // SAFETY: we own one reference.
        unsafe { inner_release(self.ptr.as_ptr()) };
    }
}
