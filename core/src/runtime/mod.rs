//! The in-process COM runtime (layer 4): apartments, the class table,
//! activation, task memory, BSTR, GUID strings and error info.

pub mod bstr;
pub mod error_info;
pub mod guid_string;
pub mod memory;
pub mod process;

pub mod activation;
pub mod apartment;
pub mod attach;
pub mod class_table;
pub mod init;
pub mod source;
pub(crate) mod sys;

pub use activation::{create_instance, create_instance_ex, get_class_object};
pub use apartment::pump;
pub use apartment::{Apartment, ApartmentKind, HostSta, MtaUsage};
pub use class_table::{Registration, register_class_object, revoke_class_object};
pub use init::ComInit;
pub use source::{
    ClassObject, ClassRegistration, ClassSource, ServerRegistration, ThreadingModel, class_source,
    set_class_source,
};
