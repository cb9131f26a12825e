//! Making one object of a class the way `IClassFactory::CreateInstance`
//! must: [`Construct`] says how a class's value is built, [`Creator`] is the
//! class's creation function that every factory calls (ATL's
//! `_ATL_CREATORFUNC`, the `m_pfnCreateInstance` of `CComClassFactory`).

use crate::com_object::ComClass;
use crate::error::Result;
use crate::guid::GUID;
use crate::hresult::{CLASS_E_NOAGGREGATION, E_INVALIDARG, E_POINTER, HRESULT};
use crate::imp::object::{ComImpl, create, inner_release};
use crate::interface::Interface;
use crate::unknown::{IID_IUnknown, IUnknown};
use core::ffi::c_void;
use core::ptr::null_mut;

/// How the class factories build an object of a class.
///
/// ```
/// use anycom::{implement, interface, IUnknown};
/// use anycom::server::Construct;
///
/// #[interface("6f0e8a52-1b3c-4d5e-8f70-a1b2c3d4e5f6")]
/// pub unsafe trait IThing: IUnknown {
///     fn Value(&self) -> u32;
/// }
///
/// #[implement(IThing)]
/// struct Thing { value: u32 }
/// impl IThing_Impl for Thing_Impl {
///     fn Value(&self) -> u32 { self.value }
/// }
///
/// impl Construct for Thing {
///     fn construct() -> anycom::Result<Self> {
///         Ok(Thing { value: 7 })
///     }
/// }
/// ```
pub trait Construct: ComClass {
    /// Builds the value of a new object (ATL's constructor). An error
    /// becomes `CreateInstance`'s result and no object is created.
    fn construct() -> Result<Self>;

    /// Runs once the COM object exists, before any interface pointer to it
    /// is handed out (ATL's `FinalConstruct`): the place to create
    /// aggregated inner objects with `this.controlling_unknown()` and
    /// [`Aggregate::set`](crate::Aggregate::set) them. The object holds one
    /// reference during the call, so AddRef/Release pairs on it are safe. An
    /// error destroys the object and becomes `CreateInstance`'s result.
    fn final_construct(this: &Self::Impl) -> Result<()> {
        let _ = this;
        Ok(())
    }
}

/// The raw creation function of a class: `IClassFactory::CreateInstance`'s
/// arguments and result.
pub type CreateFn = unsafe fn(outer: *mut c_void, iid: *const GUID, ppv: *mut *mut c_void) -> HRESULT;

/// Creates objects of one class with `IClassFactory::CreateInstance`'s
/// rules; what every factory in this module calls. Copyable and `'static`,
/// so a factory object (or a static object map) can keep it.
#[derive(Clone, Copy)]
pub struct Creator {
    create: CreateFn,
    aggregatable: bool,
}

impl Creator {
    /// The creator of class `T` (see [`create_instance`]).
    pub const fn of<T: Construct>() -> Creator {
        Creator { create: create_instance::<T>, aggregatable: <T::Impl as ComImpl>::AGGREGATABLE }
    }

    /// A creator over a hand-written creation function (one that follows
    /// [`create_instance`]'s rules); `aggregatable` says whether it accepts
    /// an outer unknown.
    pub const fn from_fn(create: CreateFn, aggregatable: bool) -> Creator {
        Creator { create, aggregatable }
    }

    /// Whether the class can be created as the inner of an aggregate.
    pub const fn aggregatable(&self) -> bool {
        self.aggregatable
    }

    /// Creates an object: `IClassFactory::CreateInstance` exactly.
    ///
    /// # Safety
    /// `iid` null or valid for reads; `ppv` null or valid for writes;
    /// `outer` null or a live controlling IUnknown that outlives the object.
    #[inline]
    pub unsafe fn create_instance(&self, outer: *mut c_void, iid: *const GUID, ppv: *mut *mut c_void) -> HRESULT {
        // SAFETY: the caller's guarantees are the function's contract.
        unsafe { (self.create)(outer, iid, ppv) }
    }

    /// Creates an object and returns its `I` interface.
    pub fn create<I: Interface>(&self) -> Result<I> {
        let mut out = null_mut();
        // SAFETY: no outer; the IID and the slot are valid locals.
        unsafe { self.create_instance(null_mut(), &I::IID, &mut out) }.ok()?;
        // SAFETY: success wrote an owned `I` pointer.
        Ok(unsafe { I::from_raw(out) })
    }

    /// Creates an object as the inner of an aggregate whose controlling
    /// unknown is `outer`; returns the inner's non-delegating IUnknown.
    pub fn create_aggregated(&self, outer: &IUnknown) -> Result<IUnknown> {
        let mut out = null_mut();
        // SAFETY: outer is a live IUnknown; the IID and the slot are valid locals.
        unsafe { self.create_instance(outer.as_raw(), &IID_IUnknown, &mut out) }.ok()?;
        // SAFETY: success wrote an owned IUnknown pointer.
        Ok(unsafe { IUnknown::from_raw(out) })
    }
}

impl core::fmt::Debug for Creator {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Creator").field("aggregatable", &self.aggregatable).finish_non_exhaustive()
    }
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
) -> core::result::Result<(), HRESULT> {
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

/// Builds a new object of `T` (construct, then final-construct) holding the
/// one reference the caller receives; `outer` is the controlling unknown or null.
pub(crate) fn construct_object<T: Construct>(outer: *mut c_void) -> Result<core::ptr::NonNull<T::Impl>> {
    let obj = create::<T::Impl>(T::construct()?, outer);
    // SAFETY: `create` returned a live object whose one reference we own.
    if let Err(e) = T::final_construct(unsafe { obj.as_ref() }) {
        // SAFETY: we own that reference; releasing it destroys the object.
        unsafe { inner_release(obj.as_ptr()) };
        return Err(e);
    }
    Ok(obj)
}

/// `IClassFactory::CreateInstance` for class `T`: null `ppv` is `E_POINTER`;
/// `*ppv` is null on every failure; null `iid` is `E_INVALIDARG`; an outer
/// unknown is `CLASS_E_NOAGGREGATION` unless the class is aggregatable and
/// `iid` is IUnknown; then [`Construct::construct`] and
/// [`Construct::final_construct`] run (an error is returned as its HRESULT,
/// with its message as the thread's error info), and the new object is
/// asked for `iid` (`E_NOINTERFACE` destroys it again).
///
/// # Safety
/// `iid` null or valid for reads; `ppv` null or valid for writes; `outer`
/// null or a live controlling IUnknown that outlives the new object.
pub unsafe fn create_instance<T: Construct>(outer: *mut c_void, iid: *const GUID, ppv: *mut *mut c_void) -> HRESULT {
    // SAFETY: forwarded from the caller.
    if let Err(hr) = unsafe { check_create_args(outer, iid, ppv, <T::Impl as ComImpl>::AGGREGATABLE) } {
        return hr;
    }
    let obj = match construct_object::<T>(outer) {
        Ok(obj) => obj,
        Err(e) => return crate::imp::hooks::set_error(&e),
    };
    // SAFETY: obj is live with one reference that we own and release after
    // QueryInterface took its own; iid and ppv were checked above.
    unsafe {
        let hr = obj.as_ref().inner_query_interface(iid, ppv);
        inner_release(obj.as_ptr());
        hr
    }
}
