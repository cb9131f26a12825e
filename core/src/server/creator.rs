//! Making one object of a class the way `IClassFactory::CreateInstance`
//! must: [`Construct`] says how a class's value is built, [`Creator`] is the
//! class's creation function that every factory calls (ATL's
//! `_ATL_CREATORFUNC`, the `m_pfnCreateInstance` of `CComClassFactory`).

use crate::com_object::ComClass;
use crate::error::Result;
use crate::guid::GUID;
use crate::hresult::{HRESULT, S_OK};
use crate::imp::object::{ComImpl, check_create_args, create, inner_release};
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
pub type CreateFn =
    unsafe fn(outer: *mut c_void, iid: *const GUID, ppv: *mut *mut c_void) -> HRESULT;

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
        Creator {
            create: create_instance::<T>,
            aggregatable: <T::Impl as ComImpl>::AGGREGATABLE,
        }
    }

    /// A creator over a hand-written creation function (one that follows
    /// [`create_instance`]'s rules); `aggregatable` says whether it accepts
    /// an outer unknown.
    pub const fn from_fn(create: CreateFn, aggregatable: bool) -> Creator {
        Creator {
            create,
            aggregatable,
        }
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
    pub unsafe fn create_instance(
        &self,
        outer: *mut c_void,
        iid: *const GUID,
        ppv: *mut *mut c_void,
    ) -> HRESULT {
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
        f.debug_struct("Creator")
            .field("aggregatable", &self.aggregatable)
            .finish_non_exhaustive()
    }
}

/// Builds a new object of `T` (construct, then final-construct) holding the
/// one reference the caller receives; `outer` is the controlling unknown or null.
pub(crate) fn construct_object<T: Construct>(
    outer: *mut c_void,
) -> Result<core::ptr::NonNull<T::Impl>> {
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
/// asked for `iid` (`E_NOINTERFACE` destroys it again). When `iid` is one
/// of the object's own interfaces, the object's one reference is handed
/// out there, with no QueryInterface and no AddRef/Release pair.
///
/// # Safety
/// `iid` null or valid for reads; `ppv` null or valid for writes; `outer`
/// null or a live controlling IUnknown that outlives the new object.
pub unsafe fn create_instance<T: Construct>(
    outer: *mut c_void,
    iid: *const GUID,
    ppv: *mut *mut c_void,
) -> HRESULT {
    let aggregatable = <T::Impl as ComImpl>::AGGREGATABLE;
    // SAFETY: forwarded from the caller.
    if let Err(hr) = unsafe { check_create_args(outer, iid, ppv, aggregatable) } {
        return hr;
    }
    let obj = match construct_object::<T>(outer) {
        Ok(obj) => obj,
        Err(e) => return crate::imp::hooks::set_error(&e),
    };
    // SAFETY: checked non-null above.
    let iid = unsafe { &*iid };
    // SAFETY: obj is live; we own its one reference.
    let this = unsafe { obj.as_ref() };
    // Hand over the creation reference where that is the reference asked
    // for: one of the object's own slots. With an outer unknown that can only
    // be the non-delegating IUnknown (the only IID an aggregating outer may
    // ask for); without one, every slot shares the object's one count.
    let own = this.own_slot(iid);
    if !own.is_null() {
        // SAFETY: ppv was checked; the reference `create` made is handed over.
        unsafe { *ppv = own };
        return S_OK;
    }
    // An aggregated inner's interface, or none: QueryInterface adds the
    // reference it hands out (or fails), then ours is released.
    // SAFETY: obj is live with one reference that we own; ppv was checked above.
    unsafe {
        let hr = this.inner_query_interface(iid, ppv);
        inner_release(obj.as_ptr());
        hr
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Aggregate, ComObject, implement, interface};

    #[interface("5d0c1a3e-7f42-4b8e-9a61-0c2b3d4e5f01")]
    unsafe trait ITestA: IUnknown {
        fn A(&self) -> u32;
    }
    #[interface("5d0c1a3e-7f42-4b8e-9a61-0c2b3d4e5f02")]
    unsafe trait ITestB: IUnknown {
        fn B(&self) -> u32;
    }

    #[implement(ITestA, ITestB)]
    struct Two(u32);
    impl ITestA_Impl for Two_Impl {
        fn A(&self) -> u32 {
            self.0
        }
    }
    impl ITestB_Impl for Two_Impl {
        fn B(&self) -> u32 {
            self.0 + 1
        }
    }
    impl Construct for Two {
        fn construct() -> Result<Self> {
            Ok(Two(10))
        }
    }

    /// Exposes ITestB from an aggregated `Two`.
    #[implement(ITestA)]
    struct Host {
        #[aggregate(ITestB)]
        inner: Aggregate,
    }
    impl ITestA_Impl for Host_Impl {
        fn A(&self) -> u32 {
            1
        }
    }
    impl Construct for Host {
        fn construct() -> Result<Self> {
            Ok(Host {
                inner: Aggregate::new(),
            })
        }
        fn final_construct(this: &Host_Impl) -> Result<()> {
            this.inner
                .set(Creator::of::<Two>().create_aggregated(&this.controlling_unknown())?)
        }
    }

    /// Adds a reference to `u`'s object and releases it again, returning
    /// the count the AddRef reported.
    fn count_plus_one(u: &IUnknown) -> u32 {
        let vtbl = u.as_raw() as *mut *const crate::IUnknown_Vtbl;
        // SAFETY: u is live; the AddRef is released right after.
        let n = unsafe { ((**vtbl).AddRef)(u.as_raw()) };
        // SAFETY: releasing the reference just added.
        assert_eq!(unsafe { ((**vtbl).Release)(u.as_raw()) }, n - 1);
        n
    }

    #[test]
    fn an_own_interface_is_handed_out_with_the_creation_reference() {
        let creator = Creator::of::<Two>();
        let b1: ITestB = creator.create().unwrap();
        let b2: ITestB = creator.create().unwrap();
        assert_eq!((b1.B(), b2.B()), (11, 11));
        assert!(!b1.same_object(&b2));
        let a: ITestA = creator.create().unwrap();
        assert_eq!(a.A(), 10);
        // Each handed-out reference is the only one: one Release destroys.
        let u: IUnknown = b2.cast().unwrap();
        drop(b2);
        assert_eq!(count_plus_one(&u), 2);
        let u: IUnknown = a.cast().unwrap();
        drop(a);
        assert_eq!(count_plus_one(&u), 2);
        let u: IUnknown = creator.create().unwrap();
        assert_eq!(count_plus_one(&u), 2);
    }

    #[test]
    fn own_slots_are_the_objects_own_interfaces_only() {
        let two = ComObject::new(Two(1));
        assert_eq!(
            two.own_slot(&ITestB::IID),
            crate::imp::Implements::<ITestB>::interface_ptr(&*two)
        );
        assert_eq!(two.own_slot(&crate::IID_IUnknown), two.identity_ptr());
        assert!(
            two.own_slot(&GUID::parse("5d0c1a3e-7f42-4b8e-9a61-0c2b3d4e5f03"))
                .is_null()
        );
        // A host's aggregated interface lives in its inner, not in the host.
        let host = ComObject::new(Host {
            inner: Aggregate::new(),
        });
        assert!(host.own_slot(&ITestB::IID).is_null());
        assert!(!host.own_slot(&ITestA::IID).is_null());
    }

    #[test]
    fn an_aggregated_interface_is_found_by_query_interface() {
        let creator = Creator::of::<Host>();
        for _ in 0..3 {
            let b: ITestB = creator.create().unwrap();
            assert_eq!(b.B(), 11);
            assert_eq!(
                b.cast::<ITestA>().unwrap().A(),
                1,
                "ITestB delegates to the host"
            );
        }
    }
}
