//! Class objects and in-process server modules (layer 3).
//!
//! What a COM server module is made of, as ATL builds it:
//! - **Class factories**, the class objects `DllGetClassObject` hands out,
//!   all implementing `IClassFactory`: [`ClassFactory`] for any class that
//!   can be [constructed](Construct) (ATL's `CComClassFactory`),
//!   [`SingletonFactory`] (every `CreateInstance` hands out the same
//!   object), [`LicensedClassFactory`] (`IClassFactory2`, ATL's
//!   `CComClassFactory2`), and any factory a class brings itself
//!   ([`FactoryKind::Custom`], ATL's `DECLARE_CLASSFACTORY_EX`). A factory
//!   creates objects through the class's [`Creator`], which applies
//!   `IClassFactory::CreateInstance`'s rules (aggregation included).
//! - **The module lock count** ([`module`]): live objects plus
//!   `LockServer(TRUE)` locks. Class objects do not count (they are
//!   `#[implement(..., no_module_lock)]`, ATL's `CComObjectNoLock`), so a
//!   module whose clients hold only class objects can unload.
//! - **The object map and the exports**: [`object_map!`](crate::object_map)
//!   declares a cdylib's classes once (CLSID, class, factory kind,
//!   ThreadingModel, ProgIDs, description) as an [`ObjectMap`] and generates
//!   `DllGetClassObject`, `DllCanUnloadNow`, `DllRegisterServer`,
//!   `DllUnregisterServer` (through the class source, see
//!   [`server_registration`]) and `AnyComAttachRuntime` over it.
//!
//! ```ignore
//! anycom::object_map! {
//!     Stuff {
//!         clsid: "8b5e6a10-3c1f-4d2b-9a7e-1f0c2d3e4a50",
//!         progid: "AnyCom.Stuff.1",
//!         version_independent_progid: "AnyCom.Stuff",
//!         description: "A bag of numbers",
//!         threading_model: Both,
//!         factory: Standard,
//!     },
//! }
//! ```

mod class_factory;
mod creator;
mod licensing;
pub mod module;
mod module_path;
mod object_map;
mod registration;
mod singleton;
mod sys;

pub use crate::runtime::source::ThreadingModel;
pub use class_factory::ClassFactory;
pub use creator::{Construct, CreateFn, Creator, create_instance};
pub use licensing::{License, LicensedClassFactory, Licensing};
pub use module_path::{module_path, module_path_of};
pub use object_map::{CustomFactoryFn, FactoryKind, ObjectEntry, ObjectMap};
pub use registration::server_registration;
pub use singleton::{Singleton, SingletonFactory, SingletonSlot};
