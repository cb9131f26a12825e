//! The `Interface` trait: what every COM interface pointer type can do.

use crate::error::Result;
use crate::guid::GUID;
use crate::hresult::{E_POINTER, HRESULT};
use crate::unknown::IUnknown;
use core::ffi::c_void;
use core::mem::{ManuallyDrop, transmute_copy};

/// A COM interface pointer type.
///
/// Implemented by `#[interface]`. The type owns one reference: `Clone` is
/// AddRef, `Drop` is Release, [`Interface::cast`] is QueryInterface.
///
/// # Safety
/// The implementing type must be `#[repr(transparent)]` over [`IUnknown`]
/// (directly or through its base interface), its `Vtable` must start with
/// the base interface's vtable, and `IID` must be the interface's IID.
pub unsafe trait Interface: Sized + Clone {
    /// The raw vtable struct (`IFoo_Vtbl`).
    type Vtable;
    /// The interface identifier.
    const IID: GUID;

    /// True when `iid` names this interface or one it derives from: a
    /// pointer of this type answers QueryInterface for all of those.
    fn matches(iid: &GUID) -> bool;

    /// The raw COM pointer, without touching the reference count.
    #[inline]
    fn as_raw(&self) -> *mut c_void {
        // SAFETY: Self is transparent over a non-null pointer.
        unsafe { transmute_copy(self) }
    }

    /// Gives up ownership: the caller becomes responsible for one Release.
    #[inline]
    fn into_raw(self) -> *mut c_void {
        let this = ManuallyDrop::new(self);
        this.as_raw()
    }

    /// Takes ownership of one reference held in `raw`.
    ///
    /// # Safety
    /// `raw` must be a non-null pointer to a live object implementing this
    /// interface, and the caller must own the reference being handed over.
    #[inline]
    unsafe fn from_raw(raw: *mut c_void) -> Self {
        debug_assert!(!raw.is_null());
        // SAFETY: Self is transparent over a non-null pointer; the caller hands over a reference.
        unsafe { transmute_copy(&raw) }
    }

    /// Borrows the pointer stored in `raw` (None if it is null) without
    /// changing the reference count.
    ///
    /// # Safety
    /// A non-null `*raw` must point to a live object implementing this
    /// interface for as long as the borrow lasts.
    #[inline]
    unsafe fn from_raw_borrowed(raw: &*mut c_void) -> Option<&Self> {
        if raw.is_null() {
            None
        } else {
            // SAFETY: Self has the layout of a non-null pointer, as *raw is.
            Some(unsafe { &*(raw as *const *mut c_void as *const Self) })
        }
    }

    /// The raw vtable.
    #[inline]
    fn vtable(&self) -> &Self::Vtable {
        // SAFETY: per the trait contract the object's first field points at a Self::Vtable.
        unsafe { &**(self.as_raw() as *const *const Self::Vtable) }
    }

    /// This pointer seen as `IUnknown` (every interface derives from it).
    #[inline]
    fn as_unknown(&self) -> &IUnknown {
        // SAFETY: every interface type is transparent over IUnknown.
        unsafe { &*(self as *const Self as *const IUnknown) }
    }

    /// QueryInterface for `T`.
    fn cast<T: Interface>(&self) -> Result<T> {
        let mut out = core::ptr::null_mut();
        // SAFETY: out is a valid slot; on success it holds a reference we now own.
        unsafe { self.as_unknown().query(&T::IID, &mut out) }.ok()?;
        if out.is_null() {
            return Err(crate::Error::from_code(E_POINTER));
        }
        // SAFETY: QueryInterface succeeded and wrote an owned T pointer.
        Ok(unsafe { T::from_raw(out) })
    }

    /// True when both pointers belong to the same COM object (their
    /// `IUnknown` pointers are equal, the only identity test COM allows).
    fn same_object<T: Interface>(&self, other: &T) -> bool {
        match (self.cast::<IUnknown>(), other.cast::<IUnknown>()) {
            (Ok(a), Ok(b)) => a.as_raw() == b.as_raw(),
            _ => false,
        }
    }

    /// Writes `self` to a COM out-pointer after QueryInterface for `iid`
    /// (what a factory does with `riid, ppv`).
    ///
    /// # Safety
    /// `ppv` must be null or valid for a pointer write.
    unsafe fn query_into(&self, iid: *const GUID, ppv: *mut *mut c_void) -> HRESULT {
        if ppv.is_null() {
            return E_POINTER;
        }
        // SAFETY: ppv is valid per the caller; QueryInterface checks iid.
        unsafe { (self.as_unknown().raw_vtable_ptr().QueryInterface)(self.as_raw(), iid, ppv) }
    }
}

impl IUnknown {
    #[inline]
    pub(crate) fn raw_vtable_ptr(&self) -> &crate::unknown::IUnknown_Vtbl {
        self.vtable()
    }
}
