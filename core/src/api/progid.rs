//! ProgIDs under their Windows names: `CLSIDFromProgID`, `ProgIDFromCLSID`,
//! answered by the installed class source (the registry).

use crate::error::{Error, Result};
use crate::guid::{CLSID, GUID};
use crate::hresult::*;
use crate::imp::guard;
use crate::runtime::{bstr, memory, source};
use core::ptr::null_mut;

/// The CLSID a ProgID names, from the class source. `CO_E_CLASSSTRING` when
/// there is no source or the source does not know the name (any failure of
/// the lookup is `CO_E_CLASSSTRING`, as on Windows).
fn clsid_of(progid: &str) -> Result<CLSID> {
    let src = source::class_source().ok_or(Error::from_code(CO_E_CLASSSTRING))?;
    src.clsid_from_progid(progid)
        .map_err(|_| Error::from_code(CO_E_CLASSSTRING))
}

/// The ProgID of a class, from the class source; `REGDB_E_CLASSNOTREG` when
/// there is no source, and the source's error otherwise.
fn progid_of(clsid: &CLSID) -> Result<String> {
    let src = source::class_source().ok_or(Error::from_code(REGDB_E_CLASSNOTREG))?;
    src.progid_from_clsid(clsid)
}

/// `HRESULT CLSIDFromProgID(LPCOLESTR lpszProgID, LPCLSID lpclsid)`: the
/// CLSID the registry records for a ProgID (a versioned `Vendor.Thing.1` or
/// a version-independent `Vendor.Thing`). A null pointer is `E_INVALIDARG`
/// (nothing written); an unknown ProgID, or one that is not valid UTF-16,
/// is `CO_E_CLASSSTRING` with `*lpclsid` set to `CLSID_NULL` (as Windows).
///
/// # Safety
/// `lpsz_prog_id` null or a NUL-terminated UTF-16 string; `lpclsid` null or
/// valid for a write.
pub unsafe extern "system" fn CLSIDFromProgID(
    lpsz_prog_id: *const u16,
    lpclsid: *mut GUID,
) -> HRESULT {
    crate::__route!(CLSIDFromProgID(lpsz_prog_id, lpclsid));
    guard(|| {
        if lpsz_prog_id.is_null() || lpclsid.is_null() {
            return E_INVALIDARG;
        }
        // SAFETY: the string is NUL-terminated per the caller.
        let wide = unsafe { bstr::wide_slice(lpsz_prog_id) };
        let (clsid, hr) = match String::from_utf16(wide)
            .map_err(|_| Error::from_code(CO_E_CLASSSTRING))
            .and_then(|s| clsid_of(&s))
        {
            Ok(c) => (c, S_OK),
            Err(e) => (GUID::NULL, e.code()),
        };
        // SAFETY: lpclsid is valid for a write per the caller.
        unsafe { lpclsid.write(clsid) };
        hr
    })
}

/// `HRESULT ProgIDFromCLSID(REFCLSID clsid, LPOLESTR *lplpszProgID)`: the
/// class's ProgID in task memory (free it with `CoTaskMemFree`). A null
/// `lplpszProgID` or `clsid` is `E_INVALIDARG`; a class without a ProgID (or
/// not registered) is `REGDB_E_CLASSNOTREG`; `E_OUTOFMEMORY` when the
/// string cannot be allocated. `*lplpszProgID` is null on every failure.
///
/// # Safety
/// `clsid` null or valid for reads; `lplpsz_prog_id` null or valid for a write.
pub unsafe extern "system" fn ProgIDFromCLSID(
    clsid: *const GUID,
    lplpsz_prog_id: *mut *mut u16,
) -> HRESULT {
    crate::__route!(ProgIDFromCLSID(clsid, lplpsz_prog_id));
    guard(|| {
        if lplpsz_prog_id.is_null() {
            return E_INVALIDARG;
        }
        // SAFETY: valid for a write per the caller.
        unsafe { *lplpsz_prog_id = null_mut() };
        if clsid.is_null() {
            return E_INVALIDARG;
        }
        // SAFETY: readable per the caller.
        let progid = match progid_of(unsafe { &*clsid }) {
            Ok(p) => p,
            Err(e) => return e.code(),
        };
        let p = memory::alloc_wide(&bstr::to_wide_nul(&progid));
        if p.is_null() {
            return E_OUTOFMEMORY;
        }
        // SAFETY: lplpsz_prog_id is valid for a write.
        unsafe { *lplpsz_prog_id = p };
        S_OK
    })
}
