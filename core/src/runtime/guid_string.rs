//! GUID strings as COM writes and reads them: `StringFromGUID2`,
//! `StringFromCLSID`, `CLSIDFromString`, `IIDFromString`, `CoCreateGuid`.
//!
//! COM accepts only the braced registry form `{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}`
//! (hex digits in either case) and writes it upper-case. The parser follows
//! Windows exactly, including what it leaves in the output GUID when a
//! string is malformed: fields are stored as they are read, so a string that
//! goes wrong after the first group has already set `data1` (callers that
//! compare the result after a failure see what Windows gives them).

use crate::error::{Error, Result};
use crate::guid::{CLSID, GUID, IID};
use crate::hresult::{
    CO_E_CLASSSTRING, CO_E_IIDSTRING, E_INVALIDARG, E_OUTOFMEMORY, HRESULT, S_OK,
};
use crate::runtime::memory;

/// Characters in a GUID string including the terminating NUL (`CHARS_IN_GUID`).
pub const CHARS_IN_GUID: usize = 39;

/// The braced, upper-case string form followed by a NUL, as UTF-16.
pub fn to_wide(g: &GUID) -> [u16; CHARS_IN_GUID] {
    let mut out = [0u16; CHARS_IN_GUID];
    out[..38].copy_from_slice(&g.to_utf16());
    out
}

/// `StringFromGUID2` over a slice: writes the 38 characters and a NUL and
/// returns 39, or returns 0 (writing nothing) when `buf` holds fewer than 39.
pub fn write_wide(g: &GUID, buf: &mut [u16]) -> usize {
    if buf.len() < CHARS_IN_GUID {
        return 0;
    }
    buf[..CHARS_IN_GUID].copy_from_slice(&to_wide(g));
    CHARS_IN_GUID
}

/// `StringFromCLSID`/`StringFromIID`: the string in a new task memory
/// block (`CoTaskMemAlloc`) that the caller frees with `CoTaskMemFree`.
pub fn to_task_string(g: &GUID) -> Result<*mut u16> {
    let p = memory::alloc_wide(&to_wide(g));
    if p.is_null() {
        return Err(Error::from_code(E_OUTOFMEMORY));
    }
    Ok(p)
}

fn hex(c: u16) -> Option<u32> {
    match c {
        0x30..=0x39 => Some(u32::from(c) - 0x30),
        0x41..=0x46 => Some(u32::from(c) - 0x41 + 10),
        0x61..=0x66 => Some(u32::from(c) - 0x61 + 10),
        _ => None,
    }
}

/// Windows' braced-GUID reader. `at(i)` yields the i-th character; it is
/// asked for no index past the first character that does not fit (so a
/// NUL-terminated string is never read past its NUL). Each field of `out`
/// is written as it is read, as Windows does: a string without the opening
/// brace zeroes `out`; one that goes wrong later leaves the fields read so
/// far (and the partly read one) in `out`.
fn read_braced(at: impl Fn(usize) -> u16, out: &mut GUID) -> bool {
    if at(0) != u16::from(b'{') {
        *out = GUID::NULL;
        return false;
    }
    let dash = u16::from(b'-');
    out.data1 = 0;
    for i in 1..9 {
        let Some(d) = hex(at(i)) else { return false };
        out.data1 = (out.data1 << 4) | d;
    }
    if at(9) != dash {
        return false;
    }
    out.data2 = 0;
    for i in 10..14 {
        let Some(d) = hex(at(i)) else { return false };
        out.data2 = (out.data2 << 4) | d as u16;
    }
    if at(14) != dash {
        return false;
    }
    out.data3 = 0;
    for i in 15..19 {
        let Some(d) = hex(at(i)) else { return false };
        out.data3 = (out.data3 << 4) | d as u16;
    }
    if at(19) != dash {
        return false;
    }
    let mut i = 20;
    let mut byte = 0;
    while i < 37 {
        if i == 24 {
            if at(i) != dash {
                return false;
            }
            i += 1;
        }
        let Some(hi) = hex(at(i)) else { return false };
        let Some(lo) = hex(at(i + 1)) else {
            return false;
        };
        out.data4[byte] = ((hi << 4) | lo) as u8;
        byte += 1;
        i += 2;
    }
    at(37) == u16::from(b'}') && at(38) == 0
}

/// A character reader over a slice that yields NUL past its end (and at an
/// embedded NUL, where a C string would end).
fn slice_reader(s: &[u16]) -> impl Fn(usize) -> u16 + '_ {
    move |i| s.get(i).copied().unwrap_or(0)
}

/// A character reader over a NUL-terminated string.
///
/// # Safety
/// `p` must point to a NUL-terminated UTF-16 string; the reader is only
/// asked for indices up to the first NUL (see [`read_braced`]).
unsafe fn ptr_reader(p: *const u16) -> impl Fn(usize) -> u16 {
    // SAFETY: read_braced never asks past the NUL, so every index it reads is inside the string.
    move |i| unsafe { *p.add(i) }
}

/// What `CLSIDFromString` does with a string that is not a braced GUID: asks
/// the installed class source ([`crate::runtime::source`], the registry) for
/// a ProgID of that name. `None` when there is no source, the name is not
/// valid UTF-16, or the source does not know it (any failure of the lookup
/// becomes `CO_E_CLASSSTRING` for the caller, as on Windows).
fn clsid_from_progid(name: &[u16]) -> Option<CLSID> {
    let name = String::from_utf16(name).ok()?;
    crate::runtime::source::class_source()?
        .clsid_from_progid(&name)
        .ok()
}

/// `CLSIDFromString` over a NUL-terminated string: a null string is
/// `CLSID_NULL` and `S_OK`; a braced GUID is parsed; anything else is tried
/// as a ProgID (`CLSIDFromProgID`) and is `CO_E_CLASSSTRING` when that fails,
/// with `out` left as the GUID reader left it.
///
/// # Safety
/// `psz` must be null or point to a NUL-terminated UTF-16 string.
pub unsafe fn clsid_from_wide_ptr(psz: *const u16, out: &mut CLSID) -> HRESULT {
    if psz.is_null() {
        *out = GUID::NULL;
        return S_OK;
    }
    // SAFETY: psz is NUL-terminated.
    if read_braced(unsafe { ptr_reader(psz) }, out) {
        return S_OK;
    }
    // SAFETY: psz is NUL-terminated.
    let name = unsafe { crate::runtime::bstr::wide_slice(psz) };
    match clsid_from_progid(name) {
        Some(c) => {
            *out = c;
            S_OK
        }
        None => CO_E_CLASSSTRING,
    }
}

/// `IIDFromString` over a NUL-terminated string: a null string is `IID_NULL`
/// and `S_OK`; a string whose length is not 38 is `E_INVALIDARG` (`out`
/// untouched); one not starting with `{` is `CO_E_IIDSTRING` (`out`
/// untouched); a malformed braced string is `CO_E_IIDSTRING` with `out` as
/// the reader left it. ProgIDs are not accepted.
///
/// # Safety
/// `psz` must be null or point to a NUL-terminated UTF-16 string.
pub unsafe fn iid_from_wide_ptr(psz: *const u16, out: &mut IID) -> HRESULT {
    if psz.is_null() {
        *out = GUID::NULL;
        return S_OK;
    }
    // SAFETY: psz is NUL-terminated.
    let n = unsafe { crate::runtime::bstr::wide_len(psz) };
    if n + 1 != CHARS_IN_GUID {
        return E_INVALIDARG;
    }
    // SAFETY: n ≥ 1, so index 0 is inside the string.
    if unsafe { *psz } != u16::from(b'{') {
        return CO_E_IIDSTRING;
    }
    // SAFETY: psz is NUL-terminated.
    if read_braced(unsafe { ptr_reader(psz) }, out) {
        S_OK
    } else {
        CO_E_IIDSTRING
    }
}

/// `CLSIDFromString` for Rust: the braced form `{...}` or a ProgID the class
/// source knows. `CO_E_CLASSSTRING` otherwise.
pub fn clsid_from_str(s: &str) -> Result<CLSID> {
    let w: Vec<u16> = s.encode_utf16().collect();
    if w.contains(&0) {
        return Err(Error::from_code(CO_E_CLASSSTRING));
    }
    let mut g = GUID::NULL;
    if read_braced(slice_reader(&w), &mut g) {
        return Ok(g);
    }
    clsid_from_progid(&w).ok_or(Error::from_code(CO_E_CLASSSTRING))
}

/// `IIDFromString` for Rust: the braced form only. `E_INVALIDARG` for a
/// wrong length, `CO_E_IIDSTRING` for a malformed string.
pub fn iid_from_str(s: &str) -> Result<IID> {
    let w: Vec<u16> = s.encode_utf16().collect();
    if w.len() != CHARS_IN_GUID - 1 || w.contains(&0) {
        return Err(Error::from_code(E_INVALIDARG));
    }
    let mut g = GUID::NULL;
    if read_braced(slice_reader(&w), &mut g) {
        Ok(g)
    } else {
        Err(Error::from_code(CO_E_IIDSTRING))
    }
}

/// `CoCreateGuid`: a new random (version 4) GUID.
pub fn create_guid() -> GUID {
    GUID::new()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::bstr::to_wide_nul as w;

    const STDFONT: &str = "{0BE35203-8F91-11CE-9DE3-00AA004BB851}";

    #[test]
    fn writes_braced_upper_case() {
        let g = GUID::parse("0be35203-8f91-11ce-9de3-00aa004bb851");
        let mut buf = [0xFFFFu16; 40];
        assert_eq!(write_wide(&g, &mut buf), 39);
        assert_eq!(&buf[..39], &w(STDFONT)[..]);
        assert_eq!(write_wide(&g, &mut buf[..38]), 0);
    }

    #[test]
    fn partial_results_match_windows() {
        let mut broken = w(STDFONT);
        broken[9] = u16::from(b'*');
        let mut g = GUID::from_values(0xcccc_cccc, 0xcccc, 0xcccc, [0xcc; 8]);
        // SAFETY: broken is NUL-terminated.
        let hr = unsafe { iid_from_wide_ptr(broken.as_ptr(), &mut g) };
        assert_eq!(hr, CO_E_IIDSTRING);
        assert_eq!(g.data1, 0x0BE3_5203);
        assert_eq!(g.data2, 0xcccc);
        broken[3] = u16::from(b'*');
        let mut g = GUID::from_values(0xcccc_cccc, 0xcccc, 0xcccc, [0xcc; 8]);
        // SAFETY: broken is NUL-terminated.
        let hr = unsafe { iid_from_wide_ptr(broken.as_ptr(), &mut g) };
        assert_eq!(hr, CO_E_IIDSTRING);
        assert_eq!(g.data1, 0xb);
    }

    #[test]
    fn rust_parsers() {
        assert_eq!(iid_from_str(STDFONT).unwrap().to_string(), STDFONT);
        assert_eq!(
            iid_from_str("0BE35203-8F91-11CE-9DE3-00AA004BB851")
                .unwrap_err()
                .code(),
            E_INVALIDARG
        );
        assert_eq!(
            iid_from_str("(0BE35203-8F91-11CE-9DE3-00AA004BB851)")
                .unwrap_err()
                .code(),
            CO_E_IIDSTRING
        );
        assert_eq!(
            clsid_from_str(&STDFONT.to_lowercase()).unwrap().to_string(),
            STDFONT
        );
    }
}
