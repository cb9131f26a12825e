//! The singleton class object: every `CreateInstance` hands out the same
//! object (ATL's `CComClassFactorySingleton`).
//!
//! The object lives in a [`Singleton`] cell, a `static` of the server module
//! (the object map declares one per singleton class), so every factory
//! object of the class, whichever `DllGetClassObject` call made it, hands
//! out the same object.
//!
//! # The module count
//! The cell's own reference does not keep the module loaded, as ATL's
//! `CComObjectCached` does not; references held by clients do. When
//! `DllCanUnloadNow` finds that the only things left are singletons nobody
//! but their cell holds, it releases them (so an unloaded module leaves
//! nothing behind) and answers `S_OK`; a later `CreateInstance` makes a new
//! singleton.

use super::creator::{Construct, construct_object};
use crate::com_object::ComClass;
use crate::guid::GUID;
use crate::hresult::HRESULT;
use crate::imp::object::{ComImpl, check_create_args, inner_release};
use crate::implement;
use crate::interfaces::{IClassFactory, IClassFactory_Impl};
use crate::types::BOOL;
use core::ffi::c_void;
use core::ptr::NonNull;
use std::sync::Mutex;

/// What the singleton factory and the object map need of a [`Singleton`] cell.
pub trait SingletonSlot: Sync + 'static {
    /// `CreateInstance` on the singleton: creates it on first use, then hands
    /// out the same object for `iid`. An outer unknown is
    /// `CLASS_E_NOAGGREGATION` (singletons are never aggregated).
    ///
    /// # Safety
    /// `iid` null or valid for reads; `ppv` null or valid for writes.
    unsafe fn create_instance(
        &self,
        outer: *mut c_void,
        iid: *const GUID,
        ppv: *mut *mut c_void,
    ) -> HRESULT;

    /// How many module locks are held only by this cell: 1 when the object
    /// exists, counts in the module, and nothing but the cell references it.
    fn idle_locks(&self) -> usize;

    /// Releases the object if nothing but the cell references it (or it does
    /// not count in the module). Returns whether the cell is now empty.
    fn release_if_idle(&self) -> bool;

    /// Whether the cell holds an object now.
    fn is_created(&self) -> bool;
}

/// The cell holding a singleton object of class `T`: a `static` of the
/// server module.
pub struct Singleton<T: Construct> {
    object: Mutex<Option<Held<T>>>,
}

/// The cell's reference to the object.
struct Held<T: ComClass>(NonNull<T::Impl>);

// SAFETY: the cell only AddRefs (QueryInterface) and releases the object
// through its atomic count, and may drop the value on another thread,
// which `T: Send` allows.
unsafe impl<T: Construct + Send> Send for Held<T> {}
// SAFETY: the Mutex serialises all access to the `Held` reference.
unsafe impl<T: Construct + Send> Sync for Singleton<T> {}

impl<T: Construct> Singleton<T> {
    /// An empty cell (the object is created by the first `CreateInstance`).
    pub const fn new() -> Singleton<T> {
        Singleton {
            object: Mutex::new(None),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Held<T>>> {
        self.object.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl<T: Construct> Default for Singleton<T> {
    fn default() -> Self {
        Singleton::new()
    }
}

impl<T: ComClass> Drop for Held<T> {
    fn drop(&mut self) {
        // SAFETY: the cell owns one reference.
        unsafe { inner_release(self.0.as_ptr()) };
    }
}

/// Whether `obj` holds a module lock and nothing but its cell references it.
fn is_idle_lock<T: ComImpl>(obj: &T) -> bool {
    T::MODULE_LOCK && obj.ref_count().module_locked() && obj.ref_count().get() == 1
}

impl<T: Construct + Send> SingletonSlot for Singleton<T> {
    unsafe fn create_instance(
        &self,
        outer: *mut c_void,
        iid: *const GUID,
        ppv: *mut *mut c_void,
    ) -> HRESULT {
        // SAFETY: forwarded from the caller; singletons refuse aggregation.
        if let Err(hr) = unsafe { check_create_args(outer, iid, ppv, false) } {
            return hr;
        }
        let mut cell = self.lock();
        if cell.is_none() {
            match construct_object::<T>(core::ptr::null_mut()) {
                Ok(obj) => *cell = Some(Held(obj)),
                Err(e) => return crate::imp::hooks::set_error(&e),
            }
        }
        let held = cell.as_ref().expect("just filled");
        // SAFETY: the cell's reference keeps the object live; iid and ppv were checked.
        unsafe { held.0.as_ref().inner_query_interface(iid, ppv) }
    }

    fn idle_locks(&self) -> usize {
        let cell = self.lock();
        match cell.as_ref() {
            // SAFETY: the cell's reference keeps the object live.
            Some(h) if is_idle_lock(unsafe { h.0.as_ref() }) => 1,
            _ => 0,
        }
    }

    fn release_if_idle(&self) -> bool {
        let mut cell = self.lock();
        let idle = match cell.as_ref() {
            // SAFETY: the cell's reference keeps the object live. Under the
            // lock nobody can obtain a new reference from the cell, and a
            // count of 1 means no client holds one to AddRef from.
            Some(h) => unsafe { h.0.as_ref() }.ref_count().get() == 1,
            None => return true,
        };
        if idle {
            // Dropping the Held releases the last reference outside the lock's
            // data but inside the lock: nobody can race to re-create meanwhile.
            *cell = None;
        }
        idle
    }

    fn is_created(&self) -> bool {
        self.lock().is_some()
    }
}

/// The singleton class object: every `CreateInstance` hands out the object
/// of its [`Singleton`] cell; aggregation is refused
/// (`CLASS_E_NOAGGREGATION`); `LockServer` counts on the module.
#[implement(IClassFactory, no_aggregation, no_module_lock)]
pub struct SingletonFactory {
    slot: &'static dyn SingletonSlot,
}

impl SingletonFactory {
    /// A factory over the cell `slot`.
    pub const fn new(slot: &'static dyn SingletonSlot) -> SingletonFactory {
        SingletonFactory { slot }
    }

    /// A new factory object, as its `IClassFactory`.
    pub fn create(slot: &'static dyn SingletonSlot) -> IClassFactory {
        SingletonFactory::new(slot).into()
    }
}

impl IClassFactory_Impl for SingletonFactory_Impl {
    unsafe fn CreateInstance(
        &self,
        outer: *mut c_void,
        riid: *const GUID,
        ppv: *mut *mut c_void,
    ) -> HRESULT {
        // SAFETY: the COM caller's arguments, passed on unchanged.
        unsafe { self.slot.create_instance(outer, riid, ppv) }
    }

    fn LockServer(&self, lock: BOOL) -> HRESULT {
        super::module::lock_server(lock)
    }
}
