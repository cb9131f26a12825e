//! The in-process COM runtime (layer 4): apartments, the class table,
//! activation, task memory, BSTR, GUID strings and error info.

pub mod bstr;
pub mod error_info;
pub mod guid_string;
pub mod memory;
pub mod process;
