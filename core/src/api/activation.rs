//! `CoGetClassObject`, `CoCreateInstance`, `CoCreateInstanceEx`.

use crate::guid::{CLSID, IID};
use crate::hresult::*;
use crate::imp::guard;
use crate::runtime::activation;
use crate::types::DWORD;
use core::ffi::c_void;

pub use crate::runtime::activation::{COSERVERINFO, MULTI_QI};

/// The class object of `rclsid` as interface `riid`. Null `ppv` is
/// `E_INVALIDARG` (as Windows); `pServerInfo` is ignored.
///
/// # Safety
/// `rclsid`, `riid` null or valid; `ppv` null or valid for a write.
pub unsafe extern "system" fn CoGetClassObject(
    rclsid: *const CLSID,
    dw_cls_context: DWORD,
    p_server_info: *mut COSERVERINFO,
    riid: *const IID,
    ppv: *mut *mut c_void,
) -> HRESULT {
    let _ = p_server_info;
    // SAFETY: forwarded under the same contract.
    guard(|| unsafe { activation::get_class_object_raw(rclsid, dw_cls_context, riid, ppv) })
}

/// Creates an object of `rclsid` and returns interface `riid` in `*ppv`.
/// Null `ppv` is `E_POINTER`; `pUnkOuter` with an IID other than IUnknown is
/// `CLASS_E_NOAGGREGATION`; `*ppv` is null on every failure.
///
/// # Safety
/// `rclsid`, `riid` null or valid; `p_unk_outer` null or live; `ppv` null or valid for a write.
pub unsafe extern "system" fn CoCreateInstance(
    rclsid: *const CLSID,
    p_unk_outer: *mut c_void,
    dw_cls_context: DWORD,
    riid: *const IID,
    ppv: *mut *mut c_void,
) -> HRESULT {
    // SAFETY: forwarded under the same contract.
    guard(|| unsafe {
        activation::create_instance_raw(rclsid, p_unk_outer, dw_cls_context, riid, ppv)
    })
}

/// Creates one object and asks it for `dwCount` interfaces (each entry gets
/// its own `hr`): `S_OK`, `CO_S_NOTALLINTERFACES`, or the failure. No
/// entries or a null array is `E_INVALIDARG`. `pServerInfo` is ignored.
///
/// # Safety
/// `rclsid` null or valid; `p_results` null or valid for `dw_count` entries.
pub unsafe extern "system" fn CoCreateInstanceEx(
    rclsid: *const CLSID,
    p_unk_outer: *mut c_void,
    dw_cls_context: DWORD,
    p_server_info: *mut COSERVERINFO,
    dw_count: DWORD,
    p_results: *mut MULTI_QI,
) -> HRESULT {
    let _ = p_server_info;
    // SAFETY: forwarded under the same contract.
    guard(|| unsafe {
        activation::create_instance_ex_raw(rclsid, p_unk_outer, dw_cls_context, dw_count, p_results)
    })
}
