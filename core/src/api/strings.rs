//! GUID strings under their Windows names: `StringFromGUID2`,
//! `StringFromCLSID`, `StringFromIID`, `CLSIDFromString`, `IIDFromString`,
//! `CoCreateGuid`.

use crate::guid::GUID;
use crate::hresult::{E_INVALIDARG, HRESULT, S_OK};
use crate::imp::guard;
use crate::runtime::guid_string;
use core::ptr::null_mut;

/// `int StringFromGUID2(REFGUID rguid, LPOLESTR lpsz, int cchMax)`: writes
/// `{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}` and a NUL and returns 39 (the
/// characters written, NUL included); returns 0 and writes nothing when
/// `cchMax < 39` or a pointer is null.
///
/// # Safety
/// `rguid` must be null or valid for reads; `lpsz` null or valid for
/// writing `cchMax` characters.
pub unsafe extern "system" fn StringFromGUID2(
    rguid: *const GUID,
    lpsz: *mut u16,
    cchMax: i32,
) -> i32 {
    guard(|| {
        if rguid.is_null() || lpsz.is_null() || cchMax < guid_string::CHARS_IN_GUID as i32 {
            return 0;
        }
        // SAFETY: lpsz holds at least CHARS_IN_GUID characters; rguid is readable.
        let buf = unsafe { core::slice::from_raw_parts_mut(lpsz, guid_string::CHARS_IN_GUID) };
        // SAFETY: as above.
        guid_string::write_wide(unsafe { &*rguid }, buf) as i32
    })
}

/// Shared by `StringFromCLSID` and `StringFromIID`.
///
/// # Safety
/// As for [`StringFromCLSID`].
unsafe fn string_from(g: *const GUID, out: *mut *mut u16) -> HRESULT {
    if out.is_null() {
        return E_INVALIDARG;
    }
    // SAFETY: out is valid per the caller.
    unsafe { *out = null_mut() };
    if g.is_null() {
        return E_INVALIDARG;
    }
    // SAFETY: g is readable per the caller.
    match guid_string::to_task_string(unsafe { &*g }) {
        Ok(p) => {
            // SAFETY: out is valid per the caller.
            unsafe { *out = p };
            S_OK
        }
        Err(e) => e.code(),
    }
}

/// `HRESULT StringFromCLSID(REFCLSID rclsid, LPOLESTR *lplpsz)`: the braced
/// string in task memory (free it with `CoTaskMemFree`). `E_OUTOFMEMORY`
/// when allocation fails; `E_INVALIDARG` for a null pointer (`*lplpsz` null).
///
/// # Safety
/// `rclsid` must be null or valid for reads; `lplpsz` null or valid for a pointer write.
pub unsafe extern "system" fn StringFromCLSID(
    rclsid: *const GUID,
    lplpsz: *mut *mut u16,
) -> HRESULT {
    // SAFETY: forwarded contract.
    guard(|| unsafe { string_from(rclsid, lplpsz) })
}

/// `HRESULT StringFromIID(REFIID rclsid, LPOLESTR *lplpsz)`: as `StringFromCLSID`.
///
/// # Safety
/// As for [`StringFromCLSID`].
pub unsafe extern "system" fn StringFromIID(rclsid: *const GUID, lplpsz: *mut *mut u16) -> HRESULT {
    // SAFETY: forwarded contract.
    guard(|| unsafe { string_from(rclsid, lplpsz) })
}

/// `HRESULT CLSIDFromString(LPCOLESTR lpsz, LPCLSID pclsid)`: parses the
/// braced form (braces required); a null `lpsz` is `CLSID_NULL` and
/// `NOERROR`; any other string is tried as a ProgID and is
/// `CO_E_CLASSSTRING` when it is not one. A null `pclsid` is `E_INVALIDARG`.
/// After a failure `*pclsid` holds what Windows leaves there (zero when the
/// string does not start with `{`, else the fields read before the error).
///
/// # Safety
/// `lpsz` must be null or NUL-terminated; `pclsid` null or valid for writes.
pub unsafe extern "system" fn CLSIDFromString(lpsz: *const u16, pclsid: *mut GUID) -> HRESULT {
    guard(|| {
        if pclsid.is_null() {
            return E_INVALIDARG;
        }
        // SAFETY: lpsz is null or NUL-terminated; pclsid is valid for writes.
        unsafe { guid_string::clsid_from_wide_ptr(lpsz, &mut *pclsid) }
    })
}

/// `HRESULT IIDFromString(LPCOLESTR lpsz, LPIID lpiid)`: a null `lpsz` is
/// `IID_NULL` and `S_OK`; a string whose length is not 38 is `E_INVALIDARG`;
/// a malformed one is `CO_E_IIDSTRING`. A null `lpiid` is `E_INVALIDARG`.
///
/// # Safety
/// `lpsz` must be null or NUL-terminated; `lpiid` null or valid for writes.
pub unsafe extern "system" fn IIDFromString(lpsz: *const u16, lpiid: *mut GUID) -> HRESULT {
    guard(|| {
        if lpiid.is_null() {
            return E_INVALIDARG;
        }
        // SAFETY: lpsz is null or NUL-terminated; lpiid is valid for writes.
        unsafe { guid_string::iid_from_wide_ptr(lpsz, &mut *lpiid) }
    })
}

/// `HRESULT CoCreateGuid(GUID *pguid)`: a new random (version 4) GUID;
/// `E_INVALIDARG` for a null `pguid`.
///
/// # Safety
/// `pguid` must be null or valid for writes.
pub unsafe extern "system" fn CoCreateGuid(pguid: *mut GUID) -> HRESULT {
    guard(|| {
        if pguid.is_null() {
            return E_INVALIDARG;
        }
        // SAFETY: pguid is valid per the caller.
        unsafe { *pguid = guid_string::create_guid() };
        S_OK
    })
}
