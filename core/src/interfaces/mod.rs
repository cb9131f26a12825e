//! The standard interfaces: raw vtables (`IFoo_Vtbl`), IIDs (`IID_IFoo`),
//! safe pointer types and `IFoo_Impl` traits, declared with `#[interface]`.
//!
//! Method order and signatures are exactly the Windows SDK's.

mod class_factory;
mod enum_unknown;
mod error_info;
mod malloc;

pub use class_factory::*;
pub use enum_unknown::*;
pub use error_info::*;
pub use malloc::*;
