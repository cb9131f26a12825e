//! `Agile<I>`: an interface pointer that may be used from any thread.

use crate::com_object::{ComClass, ComObject};
use crate::imp::object::Implements;
use crate::interface::Interface;

/// An interface pointer asserted to be callable from any thread.
///
/// Plain interface pointers are `!Send`/`!Sync` because a COM object belongs
/// to its apartment. An `Agile` is made either safely from a Rust object
/// whose state is `Send + Sync` (its methods can run on any thread), or with
/// `unsafe` by a caller who knows the object is free-threaded (ThreadingModel
/// Free/Both, or living in the MTA with the caller in the MTA).
#[derive(Clone)]
pub struct Agile<I: Interface>(I);

// SAFETY: construction requires that the object may be called from any thread.
unsafe impl<I: Interface> Send for Agile<I> {}
// SAFETY: as above; COM objects that are free-threaded synchronize internally.
unsafe impl<I: Interface> Sync for Agile<I> {}

impl<I: Interface> Agile<I> {
    /// Wraps a pointer the caller knows to be free-threaded.
    ///
    /// # Safety
    /// The object must accept calls (including AddRef/Release) from any
    /// thread at the same time.
    pub unsafe fn new_unchecked(i: I) -> Agile<I> {
        Agile(i)
    }
    /// Borrows the pointer.
    pub fn get(&self) -> &I {
        &self.0
    }
    /// Unwraps the pointer (it becomes thread-bound again).
    pub fn into_inner(self) -> I {
        self.0
    }
}

impl<T: ComClass + Send + Sync> ComObject<T> {
    /// An agile interface pointer: sound because the object's state is `Send + Sync`.
    pub fn to_agile<I: Interface>(&self) -> Agile<I>
    where
        T::Impl: Implements<I>,
    {
        Agile(self.to_interface())
    }
}
