//! Error info under its Windows names: `SetErrorInfo`, `GetErrorInfo`,
//! `CreateErrorInfo`.

use crate::hresult::{E_INVALIDARG, HRESULT, S_FALSE, S_OK};
use crate::imp::guard;
use crate::interface::Interface;
use crate::interfaces::IErrorInfo;
use crate::runtime::error_info;
use core::ffi::c_void;
use core::ptr::null_mut;

/// `HRESULT SetErrorInfo(ULONG dwReserved, IErrorInfo *perrinfo)`: makes
/// `perrinfo` (AddRef'd) the thread's error info, releasing the previous
/// one; null clears it. `E_INVALIDARG` when `dwReserved` is not 0. Works
/// without `CoInitializeEx`.
///
/// # Safety
/// `perrinfo` must be null or a live `IErrorInfo` pointer.
pub unsafe extern "system" fn SetErrorInfo(dwReserved: u32, perrinfo: *mut c_void) -> HRESULT {
    guard(|| {
        if dwReserved != 0 {
            return E_INVALIDARG;
        }
        // SAFETY: perrinfo is null or a live IErrorInfo for the duration of the call.
        let info = unsafe { IErrorInfo::from_raw_borrowed(&perrinfo) }.cloned();
        error_info::set(info);
        S_OK
    })
}

/// `HRESULT GetErrorInfo(ULONG dwReserved, IErrorInfo **pperrinfo)`: hands
/// the thread's error info to the caller (who releases it) and leaves the
/// thread without one: `S_OK`, or `S_FALSE` with `*pperrinfo` null when there
/// is none (so a second call is `S_FALSE`). `E_INVALIDARG` for a nonzero
/// `dwReserved` or a null `pperrinfo`.
///
/// # Safety
/// `pperrinfo` must be null or valid for a pointer write.
pub unsafe extern "system" fn GetErrorInfo(
    dwReserved: u32,
    pperrinfo: *mut *mut c_void,
) -> HRESULT {
    guard(|| {
        if dwReserved != 0 || pperrinfo.is_null() {
            return E_INVALIDARG;
        }
        let (p, hr) = match error_info::take() {
            Some(info) => (info.into_raw(), S_OK),
            None => (null_mut(), S_FALSE),
        };
        // SAFETY: pperrinfo is valid per the caller.
        unsafe { *pperrinfo = p };
        hr
    })
}

/// `HRESULT CreateErrorInfo(ICreateErrorInfo **pperrinfo)`: a new error info
/// object (it also implements `IErrorInfo`). `E_INVALIDARG` for a null
/// `pperrinfo`.
///
/// # Safety
/// `pperrinfo` must be null or valid for a pointer write.
pub unsafe extern "system" fn CreateErrorInfo(pperrinfo: *mut *mut c_void) -> HRESULT {
    guard(|| {
        if pperrinfo.is_null() {
            return E_INVALIDARG;
        }
        // SAFETY: pperrinfo is valid per the caller.
        unsafe { *pperrinfo = error_info::create().into_raw() };
        S_OK
    })
}
