//! The outer side of aggregation: a field that holds an inner object's
//! non-delegating IUnknown and answers for the interfaces exposed from it.

use crate::error::Result;
use crate::guid::GUID;
use crate::hresult::{E_NOINTERFACE, E_NOT_VALID_STATE, E_POINTER, HRESULT};
use crate::interface::Interface;
use crate::unknown::IUnknown;
use core::ffi::c_void;
use std::sync::OnceLock;

/// Holds the inner object of an aggregate.
///
/// Put it in a struct with `#[implement]` and mark the field
/// `#[aggregate(IInnerA, IInnerB)]` (the interfaces exposed as the outer's
/// own) or `#[aggregate]` (blind: every interface the outer does not
/// implement is asked of the inner). After creating the outer object, create
/// the inner with the outer's controlling unknown and [`Aggregate::set`] it.
/// When the outer is destroyed the field is dropped and the inner released.
#[derive(Default)]
pub struct Aggregate {
    inner: OnceLock<IUnknown>,
}

// SAFETY: the inner is only released on drop and queried through its
// free-threaded non-delegating IUnknown; the outer decides whether the
// aggregate as a whole crosses threads.
unsafe impl Send for Aggregate {}
// SAFETY: as above.
unsafe impl Sync for Aggregate {}

impl Aggregate {
    /// An empty aggregate slot.
    pub const fn new() -> Aggregate {
        Aggregate {
            inner: OnceLock::new(),
        }
    }

    /// Stores the inner's non-delegating IUnknown (once).
    pub fn set(&self, inner: IUnknown) -> Result<()> {
        self.inner.set(inner).map_err(|_| {
            crate::Error::new(
                E_NOT_VALID_STATE,
                "the aggregate's inner object is already set",
            )
        })
    }

    /// The inner's non-delegating IUnknown, once set.
    pub fn get(&self) -> Option<&IUnknown> {
        self.inner.get()
    }

    /// QueryInterface on the inner (its non-delegating QI; the pointer it
    /// hands out delegates IUnknown back to the outer).
    ///
    /// # Safety
    /// `iid` valid for reads; `ppv` null or valid for writes.
    pub unsafe fn query(&self, iid: *const GUID, ppv: *mut *mut c_void) -> HRESULT {
        if ppv.is_null() {
            return E_POINTER;
        }
        match self.inner.get() {
            // SAFETY: arguments are valid per the caller.
            Some(inner) => unsafe { inner.query(&*iid, ppv) },
            None => {
                // SAFETY: ppv valid per the caller.
                unsafe { *ppv = core::ptr::null_mut() };
                E_NOINTERFACE
            }
        }
    }

    /// True when the inner is set.
    pub fn is_set(&self) -> bool {
        self.inner.get().is_some()
    }
}

impl core::fmt::Debug for Aggregate {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Aggregate")
            .field("inner", &self.inner.get().map(|u| u.as_raw()))
            .finish()
    }
}
