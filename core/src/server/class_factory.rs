//! `ClassFactory`: the standard class object (ATL's `CComClassFactory`).

use super::creator::Creator;
use crate::guid::GUID;
use crate::hresult::HRESULT;
use crate::implement;
use crate::interfaces::{IClassFactory, IClassFactory_Impl};
use crate::types::BOOL;
use core::ffi::c_void;

/// The standard class object: `CreateInstance` makes a new object of its
/// class each time through the class's [`Creator`] (aggregation when the
/// class allows it, `CLASS_E_NOAGGREGATION` otherwise); `LockServer` counts
/// on the module.
///
/// A class object does not hold the module (it is `no_module_lock`, ATL's
/// `CComObjectNoLock`): a client keeps the module loaded with
/// `LockServer(TRUE)`, or by holding objects.
///
/// ```
/// use anycom::{implement, interface, IUnknown, IClassFactory, Interface};
/// use anycom::server::{ClassFactory, Construct, Creator};
///
/// #[interface("0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5")]
/// pub unsafe trait IThing: IUnknown {
///     fn Value(&self) -> u32;
/// }
/// #[implement(IThing)]
/// struct Thing;
/// impl IThing_Impl for Thing_Impl {
///     fn Value(&self) -> u32 { 42 }
/// }
/// impl Construct for Thing {
///     fn construct() -> anycom::Result<Self> { Ok(Thing) }
/// }
///
/// let factory: IClassFactory = ClassFactory::new(Creator::of::<Thing>()).into();
/// let mut p = core::ptr::null_mut();
/// unsafe { factory.CreateInstance(core::ptr::null_mut(), &IThing::IID, &mut p) }.ok().unwrap();
/// let thing = unsafe { IThing::from_raw(p) };
/// assert_eq!(thing.Value(), 42);
/// ```
#[implement(IClassFactory, no_aggregation, no_module_lock)]
pub struct ClassFactory {
    creator: Creator,
}

impl ClassFactory {
    /// A factory creating objects with `creator`.
    pub const fn new(creator: Creator) -> ClassFactory {
        ClassFactory { creator }
    }

    /// A new factory object, as its `IClassFactory`.
    pub fn create(creator: Creator) -> IClassFactory {
        ClassFactory::new(creator).into()
    }

    /// The creator this factory calls.
    pub fn creator(&self) -> Creator {
        self.creator
    }
}

impl IClassFactory_Impl for ClassFactory_Impl {
    unsafe fn CreateInstance(
        &self,
        outer: *mut c_void,
        riid: *const GUID,
        ppv: *mut *mut c_void,
    ) -> HRESULT {
        // SAFETY: the COM caller's arguments, passed on unchanged.
        unsafe { self.creator.create_instance(outer, riid, ppv) }
    }

    fn LockServer(&self, lock: BOOL) -> HRESULT {
        super::module::lock_server(lock)
    }
}
