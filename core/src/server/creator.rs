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
use std::sync::OnceLock;

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

/// The creation function of a class with a [`SlotCache`].
type CachedCreateFn = unsafe fn(
    cache: &SlotCache,
    outer: *mut c_void,
    iid: *const GUID,
    ppv: *mut *mut c_void,
) -> HRESULT;

/// Creates objects of one class with `IClassFactory::CreateInstance`'s
/// rules; what every factory in this module calls. Copyable and `'static`,
/// so a factory object (or a static object map) can keep it.
#[derive(Clone, Copy)]
pub struct Creator {
    create: Create,
    aggregatable: bool,
}

#[derive(Clone, Copy)]
enum Create {
    Fn(CreateFn),
    Cached(CachedCreateFn, &'static SlotCache),
}

impl Creator {
    /// The creator of class `T` (see [`create_instance`]).
    pub const fn of<T: Construct>() -> Creator {
        Creator {
            create: Create::Fn(create_instance::<T>),
            aggregatable: <T::Impl as ComImpl>::AGGREGATABLE,
        }
    }

    /// The creator of class `T` remembering in `cache` (a `static`, one per
    /// class) where the interface asked for lives in its objects, so that
    /// later creations hand out the new object's own reference without a
    /// QueryInterface (and its AddRef/Release pair). What the object map uses.
    pub const fn cached<T: Construct>(cache: &'static SlotCache) -> Creator {
        Creator {
            create: Create::Cached(create_instance_cached::<T>, cache),
            aggregatable: <T::Impl as ComImpl>::AGGREGATABLE,
        }
    }

    /// A creator over a hand-written creation function (one that follows
    /// [`create_instance`]'s rules); `aggregatable` says whether it accepts
    /// an outer unknown.
    pub const fn from_fn(create: CreateFn, aggregatable: bool) -> Creator {
        Creator {
            create: Create::Fn(create),
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
        unsafe {
            match self.create {
                Create::Fn(f) => f(outer, iid, ppv),
                Create::Cached(f, cache) => f(cache, outer, iid, ppv),
            }
        }
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

/// Where, in every object of one class, the interface that
/// `CreateInstance` was asked for lives (its byte offset from the object's
/// start). Objects of a class all have the same layout, so after one
/// QueryInterface has found an interface of the object itself, later
/// creations asking for the same IID hand out the creation reference at
/// that offset directly: no QueryInterface scan, no AddRef/Release pair.
/// Only the first IID asked for is remembered (clients of a class nearly
/// always ask for one).
#[derive(Debug, Default)]
pub struct SlotCache {
    slot: OnceLock<(GUID, usize)>,
}

impl SlotCache {
    /// An empty cache.
    pub const fn new() -> SlotCache {
        SlotCache {
            slot: OnceLock::new(),
        }
    }

    /// The remembered (IID, byte offset), if any.
    pub fn get(&self) -> Option<(GUID, usize)> {
        self.slot.get().copied()
    }
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
pub unsafe fn create_instance<T: Construct>(
    outer: *mut c_void,
    iid: *const GUID,
    ppv: *mut *mut c_void,
) -> HRESULT {
    // SAFETY: forwarded from the caller.
    unsafe { create_with::<T>(None, outer, iid, ppv) }
}

/// [`create_instance`] remembering the interface's place in `cache`.
///
/// # Safety
/// As [`create_instance`]; `cache` is used for class `T` only.
unsafe fn create_instance_cached<T: Construct>(
    cache: &SlotCache,
    outer: *mut c_void,
    iid: *const GUID,
    ppv: *mut *mut c_void,
) -> HRESULT {
    // SAFETY: forwarded from the caller.
    unsafe { create_with::<T>(Some(cache), outer, iid, ppv) }
}

/// The body of both creation functions.
///
/// # Safety
/// As [`create_instance`].
#[inline(always)]
unsafe fn create_with<T: Construct>(
    cache: Option<&SlotCache>,
    outer: *mut c_void,
    iid: *const GUID,
    ppv: *mut *mut c_void,
) -> HRESULT {
    // SAFETY: forwarded from the caller.
    if let Err(hr) =
        unsafe { check_create_args(outer, iid, ppv, <T::Impl as ComImpl>::AGGREGATABLE) }
    {
        return hr;
    }
    let obj = match construct_object::<T>(outer) {
        Ok(obj) => obj,
        Err(e) => return crate::imp::hooks::set_error(&e),
    };
    // SAFETY: checked non-null above.
    let iid = unsafe { &*iid };
    let base = obj.as_ptr() as usize;
    // SAFETY: obj is live; we own its one reference.
    let this = unsafe { obj.as_ref() };
    // Hand over the creation reference where that is the reference asked
    // for: the non-delegating IUnknown (the only thing an aggregating outer
    // may ask for), or a remembered slot of a non-aggregated object (every
    // slot of a non-aggregated object shares its one count).
    let direct = if *iid == IID_IUnknown {
        Some(this.identity_ptr())
    } else {
        match cache.and_then(SlotCache::get) {
            Some((cached, offset)) if cached == *iid && outer.is_null() => {
                Some((base + offset) as *mut c_void)
            }
            _ => None,
        }
    };
    if let Some(p) = direct {
        // SAFETY: ppv was checked; the reference `create` made is handed over.
        unsafe { *ppv = p };
        return S_OK;
    }
    // SAFETY: obj is live with one reference that we own and release after
    // QueryInterface took its own; ppv was checked above.
    unsafe {
        let hr = this.inner_query_interface(iid, ppv);
        if let Some(cache) = cache.filter(|_| hr.is_ok() && outer.is_null()) {
            // Remember the place only when it is one of the object's own
            // slots (an aggregated inner's interface lives elsewhere).
            let offset = (*ppv as usize).wrapping_sub(base);
            if offset < core::mem::size_of::<T::Impl>() {
                let _ = cache.slot.set((*iid, offset));
            }
        }
        inner_release(obj.as_ptr());
        hr
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Aggregate, implement, interface};

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

    #[test]
    fn the_cache_remembers_an_own_slot_and_hands_out_working_objects() {
        static CACHE: SlotCache = SlotCache::new();
        let creator = Creator::cached::<Two>(&CACHE);
        assert_eq!(CACHE.get(), None);
        let b1: ITestB = creator.create().unwrap();
        let (iid, offset) = CACHE.get().expect("remembered");
        assert_eq!(iid, ITestB::IID);
        assert!(offset > 0 && offset < core::mem::size_of::<Two_Impl>());
        let b2: ITestB = creator.create().unwrap();
        assert_eq!((b1.B(), b2.B()), (11, 11));
        assert!(!b1.same_object(&b2));
        // Another IID is found by QueryInterface and not remembered.
        let a: ITestA = creator.create().unwrap();
        assert_eq!(a.A(), 10);
        assert_eq!(CACHE.get().map(|c| c.0), Some(ITestB::IID));
        // The handed-out reference is the only one: one Release destroys.
        let u: IUnknown = b2.cast().unwrap();
        drop(b2);
        // SAFETY: u is live; AddRef/Release pairs report the count.
        assert_eq!(
            unsafe { ((*(*(u.as_raw() as *mut *const crate::IUnknown_Vtbl))).AddRef)(u.as_raw()) },
            2
        );
        // SAFETY: releasing the reference just added.
        assert_eq!(
            unsafe { ((*(*(u.as_raw() as *mut *const crate::IUnknown_Vtbl))).Release)(u.as_raw()) },
            1
        );
    }

    #[test]
    fn an_aggregated_interface_is_never_remembered() {
        static CACHE: SlotCache = SlotCache::new();
        let creator = Creator::cached::<Host>(&CACHE);
        for _ in 0..3 {
            let b: ITestB = creator.create().unwrap();
            assert_eq!(b.B(), 11);
            assert_eq!(
                b.cast::<ITestA>().unwrap().A(),
                1,
                "ITestB delegates to the host"
            );
        }
        assert_eq!(CACHE.get(), None);
    }
}
