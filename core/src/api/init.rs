//! `CoInitialize`, `CoInitializeEx`, `CoUninitialize`, `CoGetApartmentType`,
//! `CoIncrementMTAUsage`, `CoDecrementMTAUsage`.

use crate::constants::*;
use crate::hresult::*;
use crate::imp::guard;
use crate::runtime::{MtaUsage, init};
use crate::types::DWORD;
use core::ffi::c_void;

/// `CO_MTA_USAGE_COOKIE`: what `CoIncrementMTAUsage` hands out.
#[allow(non_camel_case_types)]
pub type CO_MTA_USAGE_COOKIE = *mut c_void;

/// Initializes COM on the calling thread: `COINIT_APARTMENTTHREADED` makes
/// it an STA, `COINIT_MULTITHREADED` joins the MTA. `S_OK` the first time,
/// `S_FALSE` when already initialized in that model (counted: balance it with
/// `CoUninitialize`), `RPC_E_CHANGED_MODE` for the other model (not counted).
/// A non-null `pvReserved` or an unknown flag is `E_INVALIDARG`.
///
/// # Safety
/// None beyond the C ABI: `pv_reserved` is not dereferenced.
pub unsafe extern "system" fn CoInitializeEx(pv_reserved: *mut c_void, co_init: DWORD) -> HRESULT {
    guard(|| {
        if !pv_reserved.is_null() {
            return E_INVALIDARG;
        }
        match init::initialize(co_init) {
            Ok(hr) => hr,
            Err(e) => e.code(),
        }
    })
}

/// `CoInitializeEx(pvReserved, COINIT_APARTMENTTHREADED)`.
///
/// # Safety
/// As [`CoInitializeEx`].
pub unsafe extern "system" fn CoInitialize(pv_reserved: *mut c_void) -> HRESULT {
    // SAFETY: same contract.
    unsafe { CoInitializeEx(pv_reserved, COINIT_APARTMENTTHREADED) }
}

/// Undoes one successful `CoInitialize(Ex)`; the last tears the thread's
/// apartment down. Does nothing on an uninitialized thread.
///
/// # Safety
/// None beyond the C ABI.
pub unsafe extern "system" fn CoUninitialize() {
    guard(init::uninitialize)
}

/// The calling thread's apartment type and qualifier. Either pointer null:
/// `E_INVALIDARG` (nothing written). An uninitialized thread outside the
/// implicit MTA: `CO_E_NOTINITIALIZED` with `APTTYPE_CURRENT` and
/// `APTTYPEQUALIFIER_NONE` written.
///
/// # Safety
/// Each pointer is null or valid for a write.
pub unsafe extern "system" fn CoGetApartmentType(
    p_apt_type: *mut APTTYPE,
    p_apt_qualifier: *mut APTTYPEQUALIFIER,
) -> HRESULT {
    guard(|| {
        if p_apt_type.is_null() || p_apt_qualifier.is_null() {
            return E_INVALIDARG;
        }
        let (t, q, hr) = match init::apartment_type() {
            Ok((t, q)) => (t, q, S_OK),
            Err(e) => (APTTYPE_CURRENT, APTTYPEQUALIFIER_NONE, e.code()),
        };
        // SAFETY: both pointers are valid per the caller.
        unsafe {
            *p_apt_type = t;
            *p_apt_qualifier = q;
        }
        hr
    })
}

/// Keeps the MTA alive (creating it if needed) until `CoDecrementMTAUsage`:
/// meanwhile uninitialized threads are in the implicit MTA. Null `pCookie`
/// is `E_INVALIDARG`.
///
/// # Safety
/// `p_cookie` null or valid for a write.
pub unsafe extern "system" fn CoIncrementMTAUsage(p_cookie: *mut CO_MTA_USAGE_COOKIE) -> HRESULT {
    crate::__route!(CoIncrementMTAUsage(p_cookie));
    guard(|| {
        if p_cookie.is_null() {
            return E_INVALIDARG;
        }
        let usage = Box::new(MtaUsage::new());
        // SAFETY: p_cookie is valid per the caller.
        unsafe { *p_cookie = Box::into_raw(usage).cast() };
        S_OK
    })
}

/// Releases a `CoIncrementMTAUsage` cookie. A null cookie is `E_INVALIDARG`.
///
/// # Safety
/// `cookie` must come from `CoIncrementMTAUsage` and be released once.
pub unsafe extern "system" fn CoDecrementMTAUsage(cookie: CO_MTA_USAGE_COOKIE) -> HRESULT {
    crate::__route!(CoDecrementMTAUsage(cookie));
    guard(|| {
        if cookie.is_null() {
            return E_INVALIDARG;
        }
        // SAFETY: the caller hands back a cookie from CoIncrementMTAUsage, once.
        drop(unsafe { Box::from_raw(cookie.cast::<MtaUsage>()) });
        S_OK
    })
}
