//! `IUnknown`: the raw vtable every interface starts with, and the safe
//! reference-counted pointer every interface type is built on.

use crate::guid::GUID;
use crate::hresult::HRESULT;
use crate::interface::Interface;
use core::ffi::c_void;
use core::ptr::NonNull;

/// The raw `IUnknown` vtable: QueryInterface, AddRef, Release.
#[repr(C)]
#[allow(non_snake_case, non_camel_case_types)]
pub struct IUnknown_Vtbl {
    /// `HRESULT QueryInterface(this, REFIID riid, void **ppv)`.
    pub QueryInterface: unsafe extern "system" fn(
        this: *mut c_void,
        iid: *const GUID,
        ppv: *mut *mut c_void,
    ) -> HRESULT,
    /// `ULONG AddRef(this)`.
    pub AddRef: unsafe extern "system" fn(this: *mut c_void) -> u32,
    /// `ULONG Release(this)`.
    pub Release: unsafe extern "system" fn(this: *mut c_void) -> u32,
}

const _: () = assert!(core::mem::size_of::<IUnknown_Vtbl>() == 3 * core::mem::size_of::<usize>());

/// An owned `IUnknown` pointer: `Clone` is AddRef, `Drop` is Release.
///
/// Every interface type is a `#[repr(transparent)]` wrapper around this, so
/// `Option<IUnknown>` and every `Option<IFoo>` has the ABI of a nullable raw
/// COM pointer.
///
/// # Threads
/// Interface pointers are `!Send` and `!Sync`: a COM object belongs to its
/// apartment, and only the object knows whether it may be called from other
/// threads. To move a pointer to another thread, use [`crate::Agile`]
/// (safe for objects implemented in Rust whose state is `Send + Sync`, an
/// `unsafe` assertion otherwise).
#[repr(transparent)]
pub struct IUnknown(NonNull<c_void>);

#[allow(non_upper_case_globals)]
/// `IID_IUnknown`, `{00000000-0000-0000-C000-000000000046}`.
pub const IID_IUnknown: GUID = GUID::from_u128(0x00000000_0000_0000_c000_000000000046);

// SAFETY: IUnknown is repr(transparent) over a non-null COM pointer whose first
// field points at an IUnknown_Vtbl; it owns one reference.
unsafe impl Interface for IUnknown {
    type Vtable = IUnknown_Vtbl;
    const IID: GUID = IID_IUnknown;
    #[inline]
    fn matches(iid: &GUID) -> bool {
        *iid == IID_IUnknown
    }
}

impl IUnknown {
    #[inline]
    fn raw_vtable(&self) -> &IUnknown_Vtbl {
        // SAFETY: a live COM pointer points at a vtable pointer whose table starts with IUnknown's.
        unsafe { &**(self.0.as_ptr() as *const *const IUnknown_Vtbl) }
    }

    /// Calls `QueryInterface` and returns the raw HRESULT (for callers that
    /// must see `E_NOINTERFACE` exactly; [`Interface::cast`] is the usual way).
    ///
    /// # Safety
    /// `ppv` must be valid for a pointer write.
    pub unsafe fn query(&self, iid: &GUID, ppv: *mut *mut c_void) -> HRESULT {
        // SAFETY: the object is live; the caller guarantees ppv.
        unsafe { (self.raw_vtable().QueryInterface)(self.0.as_ptr(), iid, ppv) }
    }

    /// Calls AddRef and returns what the object returned (a debugging value).
    ///
    /// Usually [`Clone`] is what you want; this is for tests of the counting rules.
    ///
    /// # Safety
    /// Each call must be balanced by exactly one [`IUnknown::raw_release`].
    pub unsafe fn raw_add_ref(&self) -> u32 {
        // SAFETY: the object is live.
        unsafe { (self.raw_vtable().AddRef)(self.0.as_ptr()) }
    }

    /// Calls Release and returns what the object returned.
    ///
    /// # Safety
    /// Must balance an earlier [`IUnknown::raw_add_ref`] (or an ownership the
    /// caller gave up with `into_raw`); `self` must stay alive after.
    pub unsafe fn raw_release(&self) -> u32 {
        // SAFETY: the caller owns the reference being released.
        unsafe { (self.raw_vtable().Release)(self.0.as_ptr()) }
    }
}

impl Clone for IUnknown {
    #[inline]
    fn clone(&self) -> Self {
        // SAFETY: the object is live; the new IUnknown owns the new reference.
        unsafe { (self.raw_vtable().AddRef)(self.0.as_ptr()) };
        IUnknown(self.0)
    }
}

impl Drop for IUnknown {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: we own one reference.
        unsafe { (self.raw_vtable().Release)(self.0.as_ptr()) };
    }
}

/// COM identity: two pointers are equal when they are the same pointer
/// (use [`Interface::same_object`] to compare objects through `IUnknown`).
impl PartialEq for IUnknown {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}
impl Eq for IUnknown {}

impl core::fmt::Debug for IUnknown {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "IUnknown({:p})", self.0)
    }
}
