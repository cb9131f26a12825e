//! The COM API under its Windows names and signatures (`CoInitializeEx`,
//! `CoCreateInstance`, `SysAllocString`, ...): thin, panic-guarded shells over
//! the Rust runtime API, exported unchanged by the C ABI (`libanycom`).
#![allow(non_snake_case)]

mod bstr;
mod error_info;
mod memory;
mod process;
mod strings;

pub use bstr::*;
pub use error_info::*;
pub use memory::*;
pub use process::*;
pub use strings::*;

mod activation;
mod class_table;
mod init;
mod progid;
mod pump;
mod registration;
mod unload;

pub use activation::*;
pub use class_table::*;
pub use init::*;
pub use progid::*;
pub use pump::*;
pub use registration::*;
pub use unload::*;
