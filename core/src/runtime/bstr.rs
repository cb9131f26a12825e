//! BSTR allocation: what `SysAllocString` and friends do, over raw pointers.
//!
//! # The BSTR block (anycom ABI, never to change)
//!
//! A BSTR is a pointer to UTF-16 characters (design.md §1). It lives inside a
//! task memory block ([`crate::runtime::memory`]), so a BSTR made by one
//! module can be freed by any other:
//!
//! ```text
//! q = CoTaskMemAlloc(4 + round_up(n, 2) + 2)
//! q + 0   u32   n, the length in bytes (native-endian)
//! q + 4   ...   the n bytes of characters: the BSTR points here
//! q + 4 + n     zero bytes up to and including one whole NUL character
//! ```
//!
//! `SysFreeString(b)` is `CoTaskMemFree(b - 4)`. A null BSTR is the empty
//! string everywhere: `SysStringLen(NULL)` is 0.
//!
//! Safe Rust code uses [`crate::BSTR`], which owns one of these.

use crate::runtime::memory;
use core::ffi::c_void;
use core::ptr::null_mut;

/// Bytes in front of the characters: the `u32` byte length.
pub const BSTR_PREFIX: usize = 4;

/// The largest byte length a BSTR may have (Windows refuses lengths from
/// `0x80000000` up).
pub const MAX_BYTE_LEN: u32 = 0x7FFF_FFFF;

/// The length of a NUL-terminated UTF-16 string, in characters.
///
/// # Safety
/// `p` must be non-null and point to a NUL-terminated UTF-16 string.
pub unsafe fn wide_len(p: *const u16) -> usize {
    let mut n = 0;
    // SAFETY: the string is NUL-terminated, so every index up to the NUL is readable.
    while unsafe { *p.add(n) } != 0 {
        n += 1;
    }
    n
}

/// The characters of a NUL-terminated UTF-16 string, without the NUL.
///
/// # Safety
/// `p` must be non-null and point to a NUL-terminated UTF-16 string that
/// stays alive and unchanged for `'a`.
pub(crate) unsafe fn wide_slice<'a>(p: *const u16) -> &'a [u16] {
    // SAFETY: NUL-terminated per the caller, so the characters before the NUL are readable.
    unsafe { core::slice::from_raw_parts(p, wide_len(p)) }
}

/// `s` as UTF-16 followed by a NUL (what an `LPCOLESTR` points to).
pub(crate) fn to_wide_nul(s: &str) -> Vec<u16> {
    s.encode_utf16().chain(core::iter::once(0)).collect()
}

/// Allocates an uninitialised BSTR of `byte_len` bytes with its length
/// prefix and trailing zero bytes written; null when out of memory.
fn alloc_raw(byte_len: u32) -> *mut u16 {
    if byte_len > MAX_BYTE_LEN {
        return null_mut();
    }
    let n = byte_len as usize;
    let tail = n.div_ceil(2) * 2 + 2; // characters rounded up to whole u16s, plus a NUL
    let q = memory::alloc(BSTR_PREFIX + tail) as *mut u8;
    if q.is_null() {
        return null_mut();
    }
    // SAFETY: q has BSTR_PREFIX + tail bytes; the prefix is 4-byte aligned
    // (task memory has malloc's alignment); the zeroed range [n, tail) lies
    // inside the block.
    unsafe {
        (q as *mut u32).write(byte_len);
        let chars = q.add(BSTR_PREFIX);
        core::ptr::write_bytes(chars.add(n), 0, tail - n);
        chars as *mut u16
    }
}

/// `SysAllocStringLen`: a BSTR of `len` characters copied from `src`, or
/// zero-filled when `src` is null (`SysAllocStringLen(NULL, 0)` is a valid
/// empty BSTR, not null). Null when out of memory or `len` is too large.
///
/// # Safety
/// `src` must be null or valid for reading `len` characters.
pub unsafe fn alloc_len(src: *const u16, len: u32) -> *mut u16 {
    let Some(bytes) = len.checked_mul(2).filter(|b| *b <= MAX_BYTE_LEN) else {
        return null_mut();
    };
    let b = alloc_raw(bytes);
    if b.is_null() {
        return b;
    }
    // SAFETY: b has room for len characters; src is readable for len characters.
    unsafe {
        if src.is_null() {
            core::ptr::write_bytes(b, 0, len as usize);
        } else {
            core::ptr::copy(src, b, len as usize);
        }
    }
    b
}

/// `SysAllocString`: a BSTR copied from a NUL-terminated string; null for a
/// null `psz` (an empty `psz` gives a valid empty BSTR).
///
/// # Safety
/// `psz` must be null or a NUL-terminated UTF-16 string.
pub unsafe fn alloc(psz: *const u16) -> *mut u16 {
    if psz.is_null() {
        return null_mut();
    }
    // SAFETY: psz is NUL-terminated.
    let n = unsafe { wide_len(psz) };
    let Ok(n) = u32::try_from(n) else {
        return null_mut();
    };
    // SAFETY: psz is readable for n characters.
    unsafe { alloc_len(psz, n) }
}

/// `SysAllocStringByteLen`: a BSTR of exactly `len` bytes (odd lengths
/// allowed) copied from `src`, or zero-filled when `src` is null; followed by
/// a zero byte and a whole NUL character.
///
/// # Safety
/// `src` must be null or valid for reading `len` bytes.
pub unsafe fn alloc_byte_len(src: *const u8, len: u32) -> *mut u16 {
    let b = alloc_raw(len);
    if b.is_null() {
        return b;
    }
    // SAFETY: b has room for len bytes; src is readable for len bytes.
    unsafe {
        if src.is_null() {
            core::ptr::write_bytes(b as *mut u8, 0, len as usize);
        } else {
            core::ptr::copy(src, b as *mut u8, len as usize);
        }
    }
    b
}

/// `SysFreeString`: frees a BSTR; null is a no-op.
///
/// # Safety
/// `b` must be null or a live BSTR, not used again after this call.
pub unsafe fn free(b: *mut u16) {
    if !b.is_null() {
        // SAFETY: a BSTR lives BSTR_PREFIX bytes into its task memory block.
        unsafe { memory::free((b as *mut u8).sub(BSTR_PREFIX) as *mut c_void) }
    }
}

/// `SysStringByteLen`: the length in bytes; 0 for null.
///
/// # Safety
/// `b` must be null or a live BSTR.
pub unsafe fn byte_len(b: *const u16) -> u32 {
    if b.is_null() {
        return 0;
    }
    // SAFETY: the length prefix sits just before the characters.
    unsafe { ((b as *const u8).sub(BSTR_PREFIX) as *const u32).read_unaligned() }
}

/// `SysStringLen`: the length in whole characters; 0 for null.
///
/// # Safety
/// `b` must be null or a live BSTR.
pub unsafe fn len(b: *const u16) -> u32 {
    // SAFETY: forwarded contract.
    (unsafe { byte_len(b) }) / 2
}

/// `SysReAllocStringLen`: makes `*pb` a BSTR of `len` characters copied from
/// `src`, freeing the old one. `src` may point into the old `*pb` (the
/// characters are copied before the old string is freed; characters asked
/// for beyond the old string's end are zero). A null `src` keeps the old
/// characters (the block is resized in place when it can be), zero-filling
/// any new ones. A null `*pb` allocates. Returns false, leaving `*pb`
/// unchanged, for a null `pb`, a too-large `len`, or out of memory.
///
/// # Safety
/// `pb` must be null or valid for reading and writing a pointer; `*pb` must
/// be null or a live BSTR; `src` must be null, or point into `*pb`, or be
/// valid for reading `len` characters.
pub unsafe fn realloc_len(pb: *mut *mut u16, src: *const u16, len: u32) -> bool {
    if pb.is_null() {
        return false;
    }
    let Some(new_bytes) = len.checked_mul(2).filter(|b| *b <= MAX_BYTE_LEN) else {
        return false;
    };
    // SAFETY: pb is valid per the caller.
    let old = unsafe { *pb };
    if old.is_null() {
        // SAFETY: src is null or readable for len characters.
        let b = unsafe { alloc_len(src, len) };
        if b.is_null() {
            return false;
        }
        // SAFETY: pb is valid.
        unsafe { *pb = b };
        return true;
    }
    // SAFETY: old is a live BSTR.
    let old_bytes = unsafe { byte_len(old) } as usize;
    if src.is_null() {
        // Resize in place, keeping the old characters.
        let tail = new_bytes as usize + 2;
        // SAFETY: the task block starts BSTR_PREFIX bytes before old.
        let q = unsafe {
            memory::realloc(
                (old as *mut u8).sub(BSTR_PREFIX) as *mut c_void,
                BSTR_PREFIX + tail,
            )
        } as *mut u8;
        if q.is_null() {
            return false;
        }
        // SAFETY: q has BSTR_PREFIX + tail bytes; the zeroed range starts at the
        // old length (or the new one, if smaller) and ends at the block's end.
        unsafe {
            (q as *mut u32).write(new_bytes);
            let chars = q.add(BSTR_PREFIX);
            let keep = old_bytes.min(new_bytes as usize);
            core::ptr::write_bytes(chars.add(keep), 0, tail - keep);
            *pb = chars as *mut u16;
        }
        return true;
    }
    let b = alloc_raw(new_bytes);
    if b.is_null() {
        return false;
    }
    let want = new_bytes as usize;
    let (src_addr, old_addr) = (src as usize, old as usize);
    // The old block's characters plus the NUL after them.
    let inside_old = src_addr >= old_addr && src_addr < old_addr + old_bytes + 2;
    let copy = if inside_old {
        want.min(old_bytes + 2 - (src_addr - old_addr))
    } else {
        want
    };
    // SAFETY: `copy` bytes are readable at src (inside the old block, or per the
    // caller); b has room for `want` bytes; the old block is freed only after
    // the copy, and is not used again.
    unsafe {
        core::ptr::copy_nonoverlapping(src as *const u8, b as *mut u8, copy);
        core::ptr::write_bytes((b as *mut u8).add(copy), 0, want - copy);
        free(old);
        *pb = b;
    }
    true
}

/// `SysReAllocString`: makes `*pb` a copy of the NUL-terminated `psz`,
/// freeing the old BSTR (`psz` may point into it). A null `psz` frees the old
/// BSTR and leaves `*pb` null (true, as on Windows). False for a null `pb`
/// or out of memory.
///
/// # Safety
/// `pb` must be null or valid for reading and writing a pointer; `*pb` must
/// be null or a live BSTR; `psz` must be null or a NUL-terminated string.
pub unsafe fn realloc(pb: *mut *mut u16, psz: *const u16) -> bool {
    if pb.is_null() {
        return false;
    }
    if psz.is_null() {
        // SAFETY: pb is valid; *pb is null or live and is replaced.
        unsafe {
            free(*pb);
            *pb = null_mut();
        }
        return true;
    }
    // SAFETY: psz is NUL-terminated.
    let n = unsafe { wide_len(psz) };
    let Ok(n) = u32::try_from(n) else {
        return false;
    };
    // SAFETY: forwarded contract; psz is readable for n characters.
    unsafe { realloc_len(pb, psz, n) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_is_prefix_chars_nul() {
        let s = to_wide_nul("héllo");
        // SAFETY: s is NUL-terminated; b is freed once.
        unsafe {
            let b = alloc(s.as_ptr());
            assert_eq!(((b as *const u8).sub(4) as *const u32).read(), 10);
            assert_eq!(len(b), 5);
            assert_eq!(core::slice::from_raw_parts(b, 6), &s[..]);
            free(b);
        }
    }

    #[test]
    fn odd_byte_length() {
        // SAFETY: the source has 3 readable bytes; b is freed once.
        unsafe {
            let b = alloc_byte_len(b"abc".as_ptr(), 3);
            assert_eq!(byte_len(b), 3);
            assert_eq!(len(b), 1);
            let bytes = core::slice::from_raw_parts(b as *const u8, 6);
            assert_eq!(bytes, b"abc\0\0\0");
            free(b);
        }
    }

    #[test]
    fn realloc_from_inside_itself() {
        let s = to_wide_nul("abcdef");
        // SAFETY: all pointers are live BSTRs or NUL-terminated strings.
        unsafe {
            let mut b = alloc(s.as_ptr());
            assert!(realloc(&mut b, b.add(2)));
            assert_eq!(core::slice::from_raw_parts(b, 5), &to_wide_nul("cdef")[..]);
            assert!(realloc_len(&mut b, b.add(1), 6));
            assert_eq!(len(b), 6);
            assert_eq!(
                core::slice::from_raw_parts(b, 7),
                &[b'd' as u16, b'e' as u16, b'f' as u16, 0, 0, 0, 0]
            );
            free(b);
        }
    }
}
