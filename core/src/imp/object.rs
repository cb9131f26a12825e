//! What `#[implement]` builds on: the `ComImpl` trait every generated
//! `Foo_Impl` implements, the IUnknown thunks for its vtable slots, and
//! creation with the aggregation rules.
//!
//! Layout of a generated object (`#[repr(C)]`, all pointer-sized up front):
//!
//! ```text
//! [identity vtbl ptr]   only for aggregatable classes: the non-delegating IUnknown
//! [IFoo vtbl ptr]       one slot per implemented interface
//! [IBar vtbl ptr]
//! ref count
//! [outer IUnknown*]     only for aggregatable classes (null when not aggregated)
//! the user's value
//! ```
//!
//! A COM pointer to an interface is the address of its slot; the thunks
//! find the object by subtracting the slot's index (`OFFSET`).

use crate::guid::GUID;
use crate::hresult::{CLASS_E_NOAGGREGATION, E_INVALIDARG, E_POINTER, HRESULT};
use crate::imp::ref_count::RefCount;
use crate::unknown::{IID_IUnknown, IUnknown_Vtbl};
use core::ffi::c_void;
use core::ptr::{NonNull, null_mut};

/// Implemented by the `Foo_Impl` type `#[implement]` generates.
///
/// # Safety
/// The implementing type must have the layout described in this module, and
/// `inner_query_interface` must follow the QueryInterface rules.
pub unsafe trait ComImpl: Sized + 'static {
    /// The user's struct.
    type Class;
    /// Whether the class may be created as the inner of an aggregate.
    const AGGREGATABLE: bool;
    /// Whether live objects of the class count in the module's lock count
    /// (false for class objects, ATL's `CComObjectNoLock`).
    const MODULE_LOCK: bool;

    /// Wraps the user's value; `outer` is the controlling unknown or null.
    fn new_impl(value: Self::Class, outer: *mut c_void) -> Self;
    /// The reference count.
    fn ref_count(&self) -> &RefCount;
    /// The controlling outer unknown, or null when not aggregated.
    fn outer(&self) -> *mut c_void;
    /// The object's own (non-delegating) IUnknown pointer.
    fn identity_ptr(&self) -> *mut c_void;
    /// The object's own pointer for `iid`, without an AddRef: the identity
    /// for IUnknown, the slot of an implemented interface, null otherwise
    /// (an aggregated inner's interfaces are not the object's own). What
    /// `inner_query_interface` finds before it looks at aggregated inners.
    fn own_slot(&self, iid: &GUID) -> *mut c_void;
    /// The non-delegating QueryInterface.
    ///
    /// # Safety
    /// `iid` null or valid for reads, `ppv` null or valid for writes.
    unsafe fn inner_query_interface(&self, iid: *const GUID, ppv: *mut *mut c_void) -> HRESULT;
}

/// Every implemented object is an `IUnknown` implementation; interface
/// `_Impl` traits derived from IUnknown have this as their supertrait.
#[allow(non_camel_case_types)]
pub trait IUnknown_Impl: ComImpl {}
impl<T: ComImpl> IUnknown_Impl for T {}

/// Recovers the object from a pointer to its slot number `OFFSET`.
///
/// # Safety
/// `this` must be a COM pointer handed out by `T` for the slot at `OFFSET`.
#[inline(always)]
pub unsafe fn this_from<'a, T, const OFFSET: isize>(this: *mut c_void) -> &'a T {
    // SAFETY: the slot lives OFFSET pointers after the object's start.
    unsafe { &*((this as *mut *const c_void).offset(-OFFSET) as *const T) }
}

/// Non-delegating AddRef.
#[inline(always)]
pub fn inner_add_ref<T: ComImpl>(this: &T) -> u32 {
    this.ref_count().add_ref()
}

/// Non-delegating Release: destroys the object at zero.
///
/// # Safety
/// `this` must be a live object created by [`create`] and the caller must own
/// the reference being released.
#[inline(always)]
pub unsafe fn inner_release<T: ComImpl>(this: *const T) -> u32 {
    // SAFETY: the caller owns a reference, so the object is live.
    let n = unsafe { (*this).ref_count().release() };
    if n == 0 {
        // SAFETY: the count reached zero: no other reference exists, the object is still live.
        let locked = T::MODULE_LOCK && unsafe { (*this).ref_count().module_locked() };
        // SAFETY: no other reference exists; the object was allocated by `create` with Box.
        drop(unsafe { Box::from_raw(this as *mut T) });
        if locked {
            super::module::unlock();
        }
    }
    n
}

/// Allocates an object holding one reference (on its identity).
pub fn create<T: ComImpl>(value: T::Class, outer: *mut c_void) -> NonNull<T> {
    let b = Box::new(T::new_impl(value, outer));
    if T::MODULE_LOCK && super::module::tracking() {
        super::module::lock();
        b.ref_count().set_module_locked();
    }
    // SAFETY: Box::into_raw is never null.
    unsafe { NonNull::new_unchecked(Box::into_raw(b)) }
}

/// Checks `CreateInstance`'s arguments: null `ppv` is `E_POINTER`; `*ppv` is
/// nulled; null `iid` is `E_INVALIDARG`; an outer unknown with a class that
/// is not aggregatable, or with an IID other than IUnknown, is
/// `CLASS_E_NOAGGREGATION`.
///
/// # Safety
/// `iid` null or valid for reads; `ppv` null or valid for writes.
#[inline]
pub(crate) unsafe fn check_create_args(
    outer: *mut c_void,
    iid: *const GUID,
    ppv: *mut *mut c_void,
    aggregatable: bool,
) -> Result<(), HRESULT> {
    if ppv.is_null() {
        return Err(E_POINTER);
    }
    // SAFETY: ppv is valid for writes per the caller.
    unsafe { *ppv = null_mut() };
    if iid.is_null() {
        return Err(E_INVALIDARG);
    }
    // SAFETY: iid is valid for reads per the caller.
    if !outer.is_null() && (!aggregatable || unsafe { *iid } != IID_IUnknown) {
        return Err(CLASS_E_NOAGGREGATION);
    }
    Ok(())
}

/// Creates an object the way `IClassFactory::CreateInstance` must: null
/// `ppv` is `E_POINTER`; `*ppv` is nulled first; an outer unknown with an
/// IID other than IUnknown, or with a class that is not aggregatable, is
/// `CLASS_E_NOAGGREGATION`; a failed QueryInterface destroys the new object.
/// `make` runs only when the arguments are valid.
///
/// # Safety
/// `iid` null or valid for reads; `ppv` null or valid for writes; `outer`
/// null or a live IUnknown that outlives the new object.
pub unsafe fn create_instance<T: ComImpl>(
    outer: *mut c_void,
    iid: *const GUID,
    ppv: *mut *mut c_void,
    make: impl FnOnce() -> T::Class,
) -> HRESULT {
    // SAFETY: the caller's pointers, under this function's contract.
    if let Err(hr) = unsafe { check_create_args(outer, iid, ppv, T::AGGREGATABLE) } {
        return hr;
    }
    let obj = create::<T>(make(), outer);
    // SAFETY: obj is live with one reference that we own and release below.
    unsafe {
        let hr = obj.as_ref().inner_query_interface(iid, ppv);
        inner_release(obj.as_ptr());
        hr
    }
}

unsafe extern "system" fn delegating_qi<T: ComImpl, const OFFSET: isize>(
    this: *mut c_void,
    iid: *const GUID,
    ppv: *mut *mut c_void,
) -> HRESULT {
    // SAFETY: `this` is our slot at OFFSET.
    let obj = unsafe { this_from::<T, OFFSET>(this) };
    if T::AGGREGATABLE {
        let outer = obj.outer();
        if !outer.is_null() {
            // SAFETY: the outer outlives its inner; arguments pass through.
            return unsafe {
                ((**(outer as *mut *const IUnknown_Vtbl)).QueryInterface)(outer, iid, ppv)
            };
        }
    }
    // SAFETY: arguments pass through unchanged.
    super::trampoline::guard(|| unsafe { obj.inner_query_interface(iid, ppv) })
}

unsafe extern "system" fn delegating_add_ref<T: ComImpl, const OFFSET: isize>(
    this: *mut c_void,
) -> u32 {
    // SAFETY: `this` is our slot at OFFSET.
    let obj = unsafe { this_from::<T, OFFSET>(this) };
    if T::AGGREGATABLE {
        let outer = obj.outer();
        if !outer.is_null() {
            // SAFETY: the outer outlives its inner.
            return unsafe { ((**(outer as *mut *const IUnknown_Vtbl)).AddRef)(outer) };
        }
    }
    inner_add_ref(obj)
}

unsafe extern "system" fn delegating_release<T: ComImpl, const OFFSET: isize>(
    this: *mut c_void,
) -> u32 {
    // SAFETY: `this` is our slot at OFFSET.
    let obj = unsafe { this_from::<T, OFFSET>(this) };
    if T::AGGREGATABLE {
        let outer = obj.outer();
        if !outer.is_null() {
            // SAFETY: the outer outlives its inner.
            return unsafe { ((**(outer as *mut *const IUnknown_Vtbl)).Release)(outer) };
        }
    }
    // SAFETY: the caller owns the reference it releases.
    super::trampoline::guard(|| unsafe { inner_release(obj as *const T) })
}

unsafe extern "system" fn identity_qi<T: ComImpl>(
    this: *mut c_void,
    iid: *const GUID,
    ppv: *mut *mut c_void,
) -> HRESULT {
    // SAFETY: the identity slot is slot 0.
    let obj = unsafe { this_from::<T, 0>(this) };
    // SAFETY: arguments pass through unchanged.
    super::trampoline::guard(|| unsafe { obj.inner_query_interface(iid, ppv) })
}

unsafe extern "system" fn identity_add_ref<T: ComImpl>(this: *mut c_void) -> u32 {
    // SAFETY: the identity slot is slot 0.
    inner_add_ref(unsafe { this_from::<T, 0>(this) })
}

unsafe extern "system" fn identity_release<T: ComImpl>(this: *mut c_void) -> u32 {
    // SAFETY: the identity slot is slot 0; the caller owns the reference.
    super::trampoline::guard(|| unsafe { inner_release(this_from::<T, 0>(this) as *const T) })
}

impl IUnknown_Vtbl {
    /// The IUnknown part of the vtable for slot `OFFSET` of `T`: it delegates
    /// to the outer unknown when the object is aggregated.
    pub const fn new<T: ComImpl, const OFFSET: isize>() -> IUnknown_Vtbl {
        IUnknown_Vtbl {
            QueryInterface: delegating_qi::<T, OFFSET>,
            AddRef: delegating_add_ref::<T, OFFSET>,
            Release: delegating_release::<T, OFFSET>,
        }
    }

    /// The non-delegating IUnknown of `T` (slot 0 of aggregatable classes).
    pub const fn identity<T: ComImpl>() -> IUnknown_Vtbl {
        IUnknown_Vtbl {
            QueryInterface: identity_qi::<T>,
            AddRef: identity_add_ref::<T>,
            Release: identity_release::<T>,
        }
    }
}

/// Lets `ComObject::to_interface::<I>()` hand out slot pointers without a
/// QueryInterface. Generated for each interface listed in `#[implement]`.
///
/// # Safety
/// `interface_ptr` must return the slot whose vtable implements `I`.
pub unsafe trait Implements<I: crate::Interface>: ComImpl {
    /// The slot's address (no AddRef).
    fn interface_ptr(&self) -> *mut c_void;
}

/// An AddRef'd pointer to the slot of `T` that implements `I`.
pub fn to_interface<T: Implements<I>, I: crate::Interface>(this: &T) -> I {
    let raw = this.interface_ptr();
    // The AddRef the slot's own AddRef would do (delegating when aggregated).
    add_ref_found(this, raw);
    // SAFETY: the slot is live and implements I; the result owns the reference just added.
    unsafe { I::from_raw(raw) }
}

/// The controlling unknown of `this` (the outer's when aggregated), AddRef'd.
pub fn controlling_unknown<T: ComImpl>(this: &T) -> crate::IUnknown {
    let outer = this.outer();
    let raw = if outer.is_null() {
        this.identity_ptr()
    } else {
        outer
    };
    // The outer's AddRef when aggregated, else the object's own.
    add_ref_found(this, raw);
    // SAFETY: raw is a live IUnknown; the result owns the reference just added.
    unsafe { <crate::IUnknown as crate::Interface>::from_raw(raw) }
}

/// The AddRef a QueryInterface owes for the pointer it found (one of the
/// object's own slots, or its outer): through the pointer itself, as COM
/// requires. For the non-delegating identity, or when not aggregated, that
/// is the object's own count; for an interface slot of an aggregated inner
/// (or the outer itself) it is the outer's (the slot's IUnknown delegates).
#[inline(always)]
pub fn add_ref_found<T: ComImpl>(this: &T, found: *mut c_void) {
    if T::AGGREGATABLE {
        let outer = this.outer();
        if !outer.is_null() && found != this.identity_ptr() {
            // SAFETY: the outer outlives its inner.
            unsafe { ((**(outer as *mut *const IUnknown_Vtbl)).AddRef)(outer) };
            return;
        }
    }
    inner_add_ref(this);
}

/// Creates an object and returns its one reference as the slot of `I`
/// (what `From<Foo> for IFoo` does; no AddRef/Release pair).
#[inline]
pub fn into_interface<T: Implements<I>, I: crate::Interface>(value: T::Class) -> I {
    let obj = create::<T>(value, null_mut());
    // SAFETY: the object is not aggregated, so its identity and every slot
    // share one count; the reference `create` made is handed to the result.
    unsafe { I::from_raw(obj.as_ref().interface_ptr()) }
}
