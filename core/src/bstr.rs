//! `BSTR`: an owned COM string with the ABI of the raw `BSTR` pointer.

use crate::runtime::bstr as raw;
use core::fmt;

/// An owned BSTR: UTF-16 characters with a length prefix, allocated with the
/// task allocator so that any module may free it (design.md §1).
///
/// `BSTR` is `#[repr(transparent)]` over the raw pointer, so it can be used
/// directly as a `BSTR` parameter, return value or out-parameter slot in an
/// interface method. The empty string is the null pointer ([`BSTR::new`],
/// `Default`); `Drop` calls `SysFreeString`, `Clone` copies.
///
/// ```
/// use anycom::BSTR;
/// let s = BSTR::from("héllo");
/// assert_eq!(s.len(), 5);
/// assert_eq!(s.to_string(), "héllo");
/// let raw = s.into_raw();                        // hand it to C ...
/// let back = unsafe { BSTR::from_raw(raw) };     // ... and take it back
/// assert_eq!(back, "héllo");
/// ```
#[repr(transparent)]
pub struct BSTR(*mut u16);

const _: () = assert!(core::mem::size_of::<BSTR>() == core::mem::size_of::<*mut u16>());

// SAFETY: a BSTR exclusively owns its block, which the task allocator (the C
// library's malloc/free) lets any thread free; `&BSTR` only reads.
unsafe impl Send for BSTR {}
// SAFETY: as above: shared access is read-only.
unsafe impl Sync for BSTR {}

/// Aborts like Rust's own allocation failure does.
fn out_of_memory(bytes: usize) -> ! {
    let layout = std::alloc::Layout::from_size_align(bytes.max(1), 2)
        .unwrap_or(std::alloc::Layout::new::<u16>());
    std::alloc::handle_alloc_error(layout)
}

impl BSTR {
    /// The empty string (a null BSTR).
    pub const fn new() -> BSTR {
        BSTR(core::ptr::null_mut())
    }

    /// A copy of UTF-16 characters (which may contain NULs).
    ///
    /// # Panics
    /// If `chars` is longer than a BSTR can be (2³⁰ − 1 characters).
    pub fn from_wide(chars: &[u16]) -> BSTR {
        if chars.is_empty() {
            return BSTR::new();
        }
        let n = u32::try_from(chars.len())
            .ok()
            .filter(|n| *n <= raw::MAX_BYTE_LEN / 2);
        let Some(n) = n else {
            panic!("string too long for a BSTR")
        };
        // SAFETY: chars is readable for n characters.
        let p = unsafe { raw::alloc_len(chars.as_ptr(), n) };
        if p.is_null() {
            out_of_memory(chars.len() * 2);
        }
        BSTR(p)
    }

    /// Takes ownership of a raw BSTR (null is the empty string).
    ///
    /// # Safety
    /// `p` must be null or a live BSTR (from `SysAllocString` and friends, in
    /// any module) that nothing else will free.
    pub unsafe fn from_raw(p: *mut u16) -> BSTR {
        BSTR(p)
    }

    /// Gives up ownership: the caller must free the result with
    /// `SysFreeString` (or [`BSTR::from_raw`]). Null for the empty string.
    pub fn into_raw(self) -> *mut u16 {
        let p = self.0;
        core::mem::forget(self);
        p
    }

    /// The raw pointer, still owned by `self` (null for the empty string).
    pub fn as_ptr(&self) -> *const u16 {
        self.0
    }

    /// The length in UTF-16 characters (`SysStringLen`).
    pub fn len(&self) -> usize {
        // SAFETY: self.0 is null or a live BSTR.
        unsafe { raw::len(self.0) as usize }
    }

    /// The length in bytes (`SysStringByteLen`).
    pub fn byte_len(&self) -> usize {
        // SAFETY: self.0 is null or a live BSTR.
        unsafe { raw::byte_len(self.0) as usize }
    }

    /// True for the empty string (null or zero length).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The characters, without the terminating NUL.
    pub fn as_wide(&self) -> &[u16] {
        if self.0.is_null() {
            return &[];
        }
        // SAFETY: a live BSTR has len() readable characters, owned by self.
        unsafe { core::slice::from_raw_parts(self.0, self.len()) }
    }

    /// Every byte, including the odd last byte of a `SysAllocStringByteLen` string.
    fn bytes(&self) -> &[u8] {
        if self.0.is_null() {
            return &[];
        }
        // SAFETY: a live BSTR has byte_len() readable bytes, owned by self.
        unsafe { core::slice::from_raw_parts(self.0 as *const u8, self.byte_len()) }
    }

    /// Decodes the characters as UTF-16.
    pub fn to_string_checked(&self) -> Result<String, std::string::FromUtf16Error> {
        String::from_utf16(self.as_wide())
    }
}

impl Default for BSTR {
    fn default() -> BSTR {
        BSTR::new()
    }
}

impl Drop for BSTR {
    fn drop(&mut self) {
        // SAFETY: self owns the BSTR (or holds null).
        unsafe { raw::free(self.0) }
    }
}

impl Clone for BSTR {
    fn clone(&self) -> BSTR {
        if self.0.is_null() {
            return BSTR::new();
        }
        // SAFETY: self.0 is a live BSTR of byte_len() bytes (odd lengths too).
        let p = unsafe { raw::alloc_byte_len(self.0 as *const u8, raw::byte_len(self.0)) };
        if p.is_null() {
            out_of_memory(self.byte_len());
        }
        BSTR(p)
    }
}

impl From<&str> for BSTR {
    fn from(s: &str) -> BSTR {
        let wide: Vec<u16> = s.encode_utf16().collect();
        BSTR::from_wide(&wide)
    }
}

impl From<String> for BSTR {
    fn from(s: String) -> BSTR {
        BSTR::from(s.as_str())
    }
}

impl From<&String> for BSTR {
    fn from(s: &String) -> BSTR {
        BSTR::from(s.as_str())
    }
}

/// The characters decoded as UTF-16, unpaired surrogates replaced by U+FFFD.
impl fmt::Display for BSTR {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in char::decode_utf16(self.as_wide().iter().copied()) {
            fmt::Write::write_char(f, c.unwrap_or(char::REPLACEMENT_CHARACTER))?;
        }
        Ok(())
    }
}

impl fmt::Debug for BSTR {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.to_string())
    }
}

impl PartialEq for BSTR {
    fn eq(&self, other: &BSTR) -> bool {
        self.bytes() == other.bytes()
    }
}
impl Eq for BSTR {}

impl PartialEq<str> for BSTR {
    fn eq(&self, other: &str) -> bool {
        self.as_wide().iter().copied().eq(other.encode_utf16())
    }
}

impl PartialEq<&str> for BSTR {
    fn eq(&self, other: &&str) -> bool {
        self == *other
    }
}

impl PartialEq<String> for BSTR {
    fn eq(&self, other: &String) -> bool {
        self == other.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_is_null() {
        let e = BSTR::default();
        assert!(e.as_ptr().is_null());
        assert!(e.is_empty());
        assert_eq!(e.to_string(), "");
        assert!(BSTR::from("").as_ptr().is_null());
        assert_eq!(e.clone().into_raw(), core::ptr::null_mut());
    }

    #[test]
    fn round_trips() {
        let s = BSTR::from("a\u{1F600}b");
        assert_eq!(s.len(), 4);
        assert_eq!(s.byte_len(), 8);
        assert_eq!(s, "a\u{1F600}b");
        let c = s.clone();
        assert_ne!(c.as_ptr(), s.as_ptr());
        assert_eq!(c, s);
        assert_eq!(format!("{c:?}"), "\"a\u{1F600}b\"");
    }
}
