//! What the macros expand to. Not public API: names here may change.
#![doc(hidden)]

pub mod abi;
pub mod hooks;
pub mod module;
pub mod object;
pub mod ref_count;
pub mod trampoline;

pub use abi::{ComAbi, ComReturnAbi, assert_abi, assert_return};
pub use object::{
    ComImpl, IUnknown_Impl, Implements, create, create_instance, inner_add_ref, inner_release,
    this_from,
};
pub use ref_count::RefCount;
pub use trampoline::{ComReturn, guard, guard_result};

pub use crate::guid::GUID;
pub use crate::hresult::{E_INVALIDARG, E_NOINTERFACE, E_POINTER, HRESULT, S_OK};
pub use core::ffi::c_void;
pub use core::ops::Deref;
