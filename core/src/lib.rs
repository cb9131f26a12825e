//! # anycom
//!
//! The Component Object Model, portable: the same binary vtable ABI as
//! Windows COM (`IUnknown`, `GUID`, `HRESULT`, class factories, in-process
//! servers exporting `DllGetClassObject`), with its own runtime, on Linux,
//! macOS and Windows.
//!
//! Layers, bottom up (see `ARCHITECTURE.md`):
//! 1. ABI types: [`GUID`], [`HRESULT`], the Windows base types, the raw
//!    vtables of the standard interfaces ([`interfaces`]).
//! 2. The object model: [`interface`] declares an interface, [`implement`]
//!    turns a struct into a COM object, [`IUnknown`] and every interface
//!    type are smart pointers (`Clone` = AddRef, `Drop` = Release, `cast` =
//!    QueryInterface), [`ComObject`] owns a Rust object, [`Aggregate`] holds
//!    an aggregated inner object.
//! 3. Class objects and modules ([`server`]): class factories, the module
//!    lock count, the object map and a server's exports ([`object_map!`]).
//! 4. The in-process runtime ([`runtime`]).
//!
//! ```
//! use anycom::{interface, implement, IUnknown, Interface, HRESULT, S_OK};
//!
//! #[interface("8d6f2c1e-51a7-4f0b-9c38-0d1e2f3a4b5c")]
//! pub unsafe trait ICounter: IUnknown {
//!     fn Increment(&self) -> u32;
//! }
//!
//! #[implement(ICounter)]
//! struct Counter { n: std::sync::atomic::AtomicU32 }
//!
//! impl ICounter_Impl for Counter_Impl {
//!     fn Increment(&self) -> u32 {
//!         self.n.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1
//!     }
//! }
//!
//! let c: ICounter = Counter { n: Default::default() }.into();
//! assert_eq!(c.Increment(), 1);
//! let unknown: IUnknown = c.cast().unwrap();
//! let again: ICounter = unknown.cast().unwrap();
//! assert_eq!(again.Increment(), 2);
//! ```

extern crate self as anycom;

mod aggregate;
mod agile;
pub mod api;
mod bstr;
mod com_object;
pub mod constants;
mod error;
mod guid;
mod hresult;
pub mod imp;
mod interface;
pub mod interfaces;
mod param;
pub mod runtime;
pub mod server;
mod types;
mod unknown;

pub use aggregate::Aggregate;
pub use agile::Agile;
pub use anycom_macros::object_map;
pub use anycom_macros::{implement, interface};
pub use bstr::BSTR;
pub use com_object::{ComClass, ComObject};
pub use constants::*;
pub use error::{Error, Result};
pub use guid::{CLSID, GUID, GuidParseError, IID};
pub use hresult::*;
pub use imp::object::IUnknown_Impl;
pub use interface::Interface;
pub use interfaces::*;
pub use param::Ref;
pub use types::*;
pub use unknown::{IID_IUnknown, IUnknown, IUnknown_Vtbl};
