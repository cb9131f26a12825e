//! BSTR functions under their Windows names: `SysAllocString`,
//! `SysAllocStringLen`, `SysAllocStringByteLen`, `SysReAllocString`,
//! `SysReAllocStringLen`, `SysFreeString`, `SysStringLen`, `SysStringByteLen`.

use crate::imp::guard;
use crate::runtime::bstr;
use crate::types::{FALSE, INT, TRUE, UINT};
use core::ffi::c_char;

fn to_bool(b: bool) -> INT {
    if b { TRUE } else { FALSE }
}

/// `BSTR SysAllocString(const OLECHAR *psz)`: a copy of a NUL-terminated
/// string; null for a null `psz` or out of memory.
///
/// # Safety
/// `psz` must be null or a NUL-terminated UTF-16 string.
pub unsafe extern "system" fn SysAllocString(psz: *const u16) -> *mut u16 {
    // SAFETY: forwarded contract.
    guard(|| unsafe { bstr::alloc(psz) })
}

/// `BSTR SysAllocStringLen(const OLECHAR *strIn, UINT ui)`: `ui` characters
/// copied from `strIn`, or zero-filled when `strIn` is null
/// (`SysAllocStringLen(NULL, 0)` is an empty, non-null BSTR). Null for
/// `ui ≥ 0x40000000` (the byte length would not fit) or out of memory.
///
/// # Safety
/// `strIn` must be null or valid for reading `ui` characters.
pub unsafe extern "system" fn SysAllocStringLen(strIn: *const u16, ui: UINT) -> *mut u16 {
    // SAFETY: forwarded contract.
    guard(|| unsafe { bstr::alloc_len(strIn, ui) })
}

/// `BSTR SysAllocStringByteLen(LPCSTR psz, UINT len)`: exactly `len` bytes
/// (odd lengths allowed) copied from `psz`, or zero-filled when `psz` is
/// null, followed by a NUL. Null for `len ≥ 0x80000000` or out of memory.
///
/// # Safety
/// `psz` must be null or valid for reading `len` bytes.
pub unsafe extern "system" fn SysAllocStringByteLen(psz: *const c_char, len: UINT) -> *mut u16 {
    // SAFETY: forwarded contract.
    guard(|| unsafe { bstr::alloc_byte_len(psz as *const u8, len) })
}

/// `INT SysReAllocString(BSTR *pbstr, const OLECHAR *psz)`: replaces
/// `*pbstr` with a copy of `psz` (which may point into `*pbstr`); a null
/// `psz` frees `*pbstr` and sets it to null. `TRUE` on success, `FALSE` for
/// a null `pbstr` or out of memory (`*pbstr` unchanged).
///
/// # Safety
/// `pbstr` must be null or valid for reading and writing; `*pbstr` null or
/// a live BSTR; `psz` null or NUL-terminated.
pub unsafe extern "system" fn SysReAllocString(pbstr: *mut *mut u16, psz: *const u16) -> INT {
    // SAFETY: forwarded contract.
    guard(|| to_bool(unsafe { bstr::realloc(pbstr, psz) }))
}

/// `INT SysReAllocStringLen(BSTR *pbstr, const OLECHAR *psz, unsigned int len)`:
/// replaces `*pbstr` with `len` characters from `psz` (which may point into
/// `*pbstr`; characters beyond the old string's end become zero); a null
/// `psz` keeps the old characters (new ones are zero). `TRUE` on success,
/// `FALSE` for a null `pbstr`, a too-large `len` or out of memory.
///
/// # Safety
/// `pbstr` must be null or valid for reading and writing; `*pbstr` null or
/// a live BSTR; `psz` null, inside `*pbstr`, or valid for `len` characters.
pub unsafe extern "system" fn SysReAllocStringLen(
    pbstr: *mut *mut u16,
    psz: *const u16,
    len: u32,
) -> INT {
    // SAFETY: forwarded contract.
    guard(|| to_bool(unsafe { bstr::realloc_len(pbstr, psz, len) }))
}

/// `void SysFreeString(BSTR bstrString)`: frees a BSTR; null is a no-op.
///
/// # Safety
/// `bstrString` must be null or a live BSTR, not used afterwards.
pub unsafe extern "system" fn SysFreeString(bstrString: *mut u16) {
    // SAFETY: forwarded contract.
    guard(|| unsafe { bstr::free(bstrString) })
}

/// `UINT SysStringLen(BSTR pbstr)`: the length in characters; 0 for null.
///
/// # Safety
/// `pbstr` must be null or a live BSTR.
pub unsafe extern "system" fn SysStringLen(pbstr: *mut u16) -> UINT {
    // SAFETY: forwarded contract.
    guard(|| unsafe { bstr::len(pbstr) })
}

/// `UINT SysStringByteLen(BSTR bstr)`: the length in bytes; 0 for null.
///
/// # Safety
/// `bstr` must be null or a live BSTR.
pub unsafe extern "system" fn SysStringByteLen(bstr: *mut u16) -> UINT {
    // SAFETY: forwarded contract.
    guard(|| unsafe { bstr::byte_len(bstr) })
}
