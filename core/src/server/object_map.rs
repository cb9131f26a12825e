//! The object map: the classes a server module serves (ATL's
//! `OBJECT_ENTRY_AUTO`), and the bodies of the module's exports.
//!
//! [`object_map!`](crate::object_map) builds a `static` [`ObjectMap`] and
//! generates the module's exports as one-line calls into it.

use super::class_factory::ClassFactory;
use super::creator::Creator;
use super::licensing::{LicensedClassFactory, Licensing};
use super::singleton::{SingletonFactory, SingletonSlot};
use crate::error::Result;
use crate::guid::{CLSID, GUID};
use crate::hresult::{CLASS_E_CLASSNOTAVAILABLE, E_INVALIDARG, E_POINTER, HRESULT, S_FALSE, S_OK};
use crate::imp::guard;
use crate::interface::Interface;
use crate::runtime::source::ThreadingModel;
use crate::unknown::IUnknown;
use core::ffi::c_void;
use core::ptr::null_mut;

/// Makes a class's own class object (ATL's `DECLARE_CLASSFACTORY_EX`): given
/// the class's [`Creator`], returns a new class object, typically an
/// `#[implement(IClassFactory, no_module_lock)]` object that calls the
/// creator from its `CreateInstance` (and pools, counts, ...).
pub type CustomFactoryFn = fn(Creator) -> Result<IUnknown>;

/// Which class object a class has.
#[derive(Clone, Copy)]
pub enum FactoryKind {
    /// [`ClassFactory`]: a new object per `CreateInstance`.
    Standard(Creator),
    /// [`SingletonFactory`] over the class's [`Singleton`](super::Singleton) cell.
    Singleton(&'static dyn SingletonSlot),
    /// [`LicensedClassFactory`]: `IClassFactory2`.
    Licensed(Creator, Licensing),
    /// A class object the class makes itself.
    Custom(Creator, CustomFactoryFn),
}

impl core::fmt::Debug for FactoryKind {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            FactoryKind::Standard(_) => "Standard",
            FactoryKind::Singleton(_) => "Singleton",
            FactoryKind::Licensed(..) => "Licensed",
            FactoryKind::Custom(..) => "Custom",
        })
    }
}

/// One class of a server module.
#[derive(Clone, Copy, Debug)]
pub struct ObjectEntry {
    /// The class identifier.
    pub clsid: CLSID,
    /// The Rust type's name (for messages).
    pub class_name: &'static str,
    /// The `ThreadingModel` to register.
    pub threading_model: ThreadingModel,
    /// The versioned ProgID (`Vendor.Thing.1`).
    pub progid: Option<&'static str>,
    /// The version-independent ProgID (`Vendor.Thing`).
    pub version_independent_progid: Option<&'static str>,
    /// The description (the registry's default value of the class key).
    pub description: Option<&'static str>,
    /// The class object.
    pub factory: FactoryKind,
}

impl ObjectEntry {
    /// A new class object of this class (one reference, owned by the result).
    ///
    /// Class objects are made per request and do not hold the module; what
    /// must be shared between them (a singleton) lives in a static.
    pub fn class_object(&self) -> Result<IUnknown> {
        Ok(match self.factory {
            FactoryKind::Standard(creator) => ClassFactory::create(creator).into(),
            FactoryKind::Singleton(slot) => SingletonFactory::create(slot).into(),
            FactoryKind::Licensed(creator, licensing) => {
                LicensedClassFactory::create(creator, licensing).into()
            }
            FactoryKind::Custom(creator, make) => make(creator)?,
        })
    }
}

/// The classes a server module serves, and what its exports do with them.
#[derive(Debug)]
pub struct ObjectMap {
    entries: &'static [ObjectEntry],
}

impl ObjectMap {
    /// A map over `entries`.
    pub const fn new(entries: &'static [ObjectEntry]) -> ObjectMap {
        ObjectMap { entries }
    }

    /// The entries, in declaration order.
    pub fn entries(&self) -> &'static [ObjectEntry] {
        self.entries
    }

    /// The entry of `clsid`.
    pub fn find(&self, clsid: &GUID) -> Option<&'static ObjectEntry> {
        self.entries.iter().find(|e| e.clsid == *clsid)
    }

    /// `DllGetClassObject`: starts the module's lock counting (see
    /// [`crate::imp::module`]: every object created from now on counts);
    /// null `ppv` is `E_POINTER`; otherwise `*ppv` is
    /// null on every failure; a null `rclsid` or `riid` is `E_INVALIDARG`; a
    /// CLSID the module does not serve is `CLASS_E_CLASSNOTAVAILABLE`; then a
    /// new class object is asked for `riid` (`E_NOINTERFACE` when it lacks
    /// it). A panic is `E_UNEXPECTED`.
    ///
    /// # Safety
    /// Each pointer null or valid (`rclsid`, `riid` for reads, `ppv` for writes).
    pub unsafe fn dll_get_class_object(
        &self,
        rclsid: *const GUID,
        riid: *const GUID,
        ppv: *mut *mut c_void,
    ) -> HRESULT {
        crate::imp::module::enable_tracking();
        if ppv.is_null() {
            return E_POINTER;
        }
        // SAFETY: ppv is valid for writes per the caller.
        unsafe { *ppv = null_mut() };
        if rclsid.is_null() || riid.is_null() {
            return E_INVALIDARG;
        }
        guard(|| {
            // SAFETY: rclsid is valid for reads per the caller.
            let Some(entry) = self.find(unsafe { &*rclsid }) else {
                return CLASS_E_CLASSNOTAVAILABLE;
            };
            match entry.class_object() {
                // SAFETY: riid and ppv are valid per the caller; the QI adds
                // the reference handed out, `object` drops its own.
                Ok(object) => unsafe { object.query_into(riid, ppv) },
                Err(e) => crate::imp::hooks::set_error(&e),
            }
        })
    }

    /// `DllCanUnloadNow`: `S_OK` exactly when the module count is zero, else
    /// `S_FALSE`. Singletons held only by their cells do not count: when
    /// they are all that is left they are released first (see
    /// [`Singleton`](super::Singleton)).
    pub fn dll_can_unload_now(&self) -> HRESULT {
        crate::imp::module::enable_tracking();
        guard(|| {
            if super::module::can_unload() {
                return S_OK;
            }
            let idle: usize = self.singletons().map(|s| s.idle_locks()).sum();
            if idle as isize == super::module::count() {
                for s in self.singletons() {
                    s.release_if_idle();
                }
            }
            if super::module::can_unload() {
                S_OK
            } else {
                S_FALSE
            }
        })
    }

    /// `DllRegisterServer`: records this module's classes in the registry
    /// through the class source (the host's when attached). See [`super::server_registration`].
    pub fn dll_register_server(&'static self) -> HRESULT {
        crate::imp::module::enable_tracking();
        guard(|| super::registration::register(self))
    }

    /// `DllUnregisterServer`: removes this module's classes from the
    /// registry through the installed class source.
    pub fn dll_unregister_server(&'static self) -> HRESULT {
        guard(|| super::registration::unregister(self))
    }

    fn singletons(&self) -> impl Iterator<Item = &'static dyn SingletonSlot> {
        self.entries.iter().filter_map(|e| match e.factory {
            FactoryKind::Singleton(s) => Some(s),
            _ => None,
        })
    }
}
