//! BSTR: the `Sys*` functions with their Windows edge cases (null and empty
//! strings, `SysAllocStringLen(NULL, n)`, odd byte lengths, reallocation
//! from inside the old string, too-large lengths), the length-prefix layout
//! inside task memory, and the safe `anycom::BSTR` type over the same ABI.

use anycom::api::{
    CoGetMalloc, SysAllocString, SysAllocStringByteLen, SysAllocStringLen, SysFreeString,
    SysReAllocString, SysReAllocStringLen, SysStringByteLen, SysStringLen,
};
use anycom::{BSTR, FALSE, IMalloc, Interface, S_OK, TRUE};
use anycom_tests::wide as w;
use core::ffi::c_void;
use core::ptr::null_mut;

/// The characters of a BSTR plus its terminating NUL.
///
/// # Safety
/// `b` must be a live, non-null BSTR.
unsafe fn with_nul(b: *mut u16) -> Vec<u16> {
    // SAFETY: a BSTR has SysStringLen characters and a NUL after them.
    unsafe { core::slice::from_raw_parts(b, SysStringLen(b) as usize + 1).to_vec() }
}

#[test]
fn smoke_alloc_and_free() {
    let s = w("hello");
    // SAFETY: s is NUL-terminated; the BSTR is freed once.
    unsafe {
        let b = SysAllocString(s.as_ptr());
        assert!(!b.is_null());
        assert_eq!(SysStringLen(b), 5);
        assert_eq!(SysStringByteLen(b), 10);
        assert_eq!(with_nul(b), s);
        SysFreeString(b);
    }
}

#[test]
fn null_and_empty() {
    let empty = w("");
    // SAFETY: null is allowed everywhere here; BSTRs are freed once.
    unsafe {
        assert!(SysAllocString(null_mut()).is_null());
        let e = SysAllocString(empty.as_ptr());
        assert!(!e.is_null());
        assert_eq!(SysStringLen(e), 0);
        assert_eq!(*e, 0);
        SysFreeString(e);

        // SysAllocStringLen(NULL, 0) is a valid, empty, non-null BSTR.
        let z = SysAllocStringLen(null_mut(), 0);
        assert!(!z.is_null());
        assert_eq!(SysStringLen(z), 0);
        assert_eq!(SysStringByteLen(z), 0);
        assert_eq!(*z, 0);
        SysFreeString(z);

        SysFreeString(null_mut());
        assert_eq!(SysStringLen(null_mut()), 0);
        assert_eq!(SysStringByteLen(null_mut()), 0);
    }
}

#[test]
fn alloc_len_copies_exactly_or_zero_fills() {
    let src = w("abcdef");
    let nuls = [b'a' as u16, 0, b'b' as u16];
    // SAFETY: sources are readable for the lengths given; BSTRs freed once.
    unsafe {
        let b = SysAllocStringLen(src.as_ptr(), 3);
        assert_eq!(with_nul(b), w("abc"));
        SysFreeString(b);

        let n = SysAllocStringLen(nuls.as_ptr(), 3);
        assert_eq!(SysStringLen(n), 3);
        assert_eq!(with_nul(n), vec![b'a' as u16, 0, b'b' as u16, 0]);
        SysFreeString(n);

        let z = SysAllocStringLen(null_mut(), 5);
        assert_eq!(SysStringLen(z), 5);
        assert_eq!(with_nul(z), vec![0; 6]);
        SysFreeString(z);

        // Lengths whose byte count does not fit are refused.
        assert!(SysAllocStringLen(null_mut(), 0x8000_0000).is_null());
        assert!(SysAllocStringLen(null_mut(), 0x4000_0000).is_null());
        assert!(SysAllocStringLen(null_mut(), u32::MAX).is_null());
    }
}

#[test]
fn byte_len_strings_with_odd_lengths() {
    // SAFETY: sources are readable for the lengths given; BSTRs freed once.
    unsafe {
        let b = SysAllocStringByteLen(b"abc".as_ptr() as *const _, 3);
        assert!(!b.is_null());
        assert_eq!(SysStringByteLen(b), 3);
        assert_eq!(SysStringLen(b), 1);
        // The 3 bytes, a zero byte, and a whole zero character.
        assert_eq!(core::slice::from_raw_parts(b as *const u8, 6), b"abc\0\0\0");
        SysFreeString(b);

        let one = SysAllocStringByteLen(b"x".as_ptr() as *const _, 1);
        assert_eq!(SysStringByteLen(one), 1);
        assert_eq!(SysStringLen(one), 0);
        assert_eq!(core::slice::from_raw_parts(one as *const u8, 4), b"x\0\0\0");
        SysFreeString(one);

        let z = SysAllocStringByteLen(null_mut(), 5);
        assert!(!z.is_null());
        assert_eq!(SysStringByteLen(z), 5);
        assert_eq!(core::slice::from_raw_parts(z as *const u8, 8), &[0u8; 8]);
        SysFreeString(z);

        let e = SysAllocStringByteLen(null_mut(), 0);
        assert!(!e.is_null());
        assert_eq!(SysStringByteLen(e), 0);
        assert_eq!(*e, 0);
        SysFreeString(e);

        assert!(SysAllocStringByteLen(b"a".as_ptr() as *const _, 0x8000_0000).is_null());
        assert!(SysAllocStringByteLen(null_mut(), u32::MAX).is_null());
    }
}

#[test]
fn length_prefix_lives_in_task_memory() {
    let mut m = null_mut();
    // SAFETY: m is a valid out slot; the BSTR is live while inspected.
    unsafe {
        assert_eq!(CoGetMalloc(1, &mut m), S_OK);
        let m = IMalloc::from_raw(m);
        let s = w("four");
        let b = SysAllocString(s.as_ptr());
        let block = (b as *mut u8).sub(4);
        assert_eq!((block as *const u32).read(), 8);
        // 4-byte prefix + 8 bytes of characters + a 2-byte NUL.
        assert_eq!(m.GetSize(block as *mut c_void), 14);
        let odd = SysAllocStringByteLen(b"abc".as_ptr() as *const _, 3);
        assert_eq!(m.GetSize((odd as *mut u8).sub(4) as *mut c_void), 4 + 4 + 2);
        SysFreeString(odd);
        SysFreeString(b);
    }
}

#[test]
fn realloc_string() {
    let test = w("test");
    let testa = w("TESTA");
    let a = w("A");
    // SAFETY: BSTRs are live or null; each final BSTR is freed once.
    unsafe {
        assert_eq!(SysReAllocString(null_mut(), testa.as_ptr()), FALSE);

        let mut b = SysAllocString(test.as_ptr());
        assert_eq!(SysReAllocString(&mut b, testa.as_ptr()), TRUE);
        assert_eq!(with_nul(b), testa);
        assert_eq!(SysReAllocString(&mut b, a.as_ptr()), TRUE);
        assert_eq!(with_nul(b), a);
        assert_eq!(SysStringLen(b), 1);

        // A NULL source frees the string and leaves NULL.
        assert_eq!(SysReAllocString(&mut b, null_mut()), TRUE);
        assert!(b.is_null());

        // A NULL old string is allocated.
        assert_eq!(SysReAllocString(&mut b, test.as_ptr()), TRUE);
        assert_eq!(with_nul(b), test);

        // The source may point into the old string.
        let mut c = SysAllocString(w("abcdef").as_ptr());
        assert_eq!(SysReAllocString(&mut c, c.add(2)), TRUE);
        assert_eq!(with_nul(c), w("cdef"));
        assert_eq!(SysReAllocString(&mut c, c), TRUE);
        assert_eq!(with_nul(c), w("cdef"));

        SysFreeString(b);
        SysFreeString(c);
    }
}

#[test]
fn realloc_string_len() {
    let test = w("Test");
    let larger = w("Larger");
    // SAFETY: BSTRs are live or null; sources readable; final BSTRs freed once.
    unsafe {
        assert_eq!(SysReAllocStringLen(null_mut(), test.as_ptr(), 4), FALSE);

        let mut b = SysAllocStringLen(test.as_ptr(), 4);
        assert_eq!(SysReAllocStringLen(&mut b, w("x").as_ptr(), 1), TRUE);
        assert_eq!(SysStringByteLen(b), 2);
        assert_eq!(with_nul(b), w("x"));
        assert_eq!(SysReAllocStringLen(&mut b, larger.as_ptr(), 6), TRUE);
        assert_eq!(SysStringByteLen(b), 12);
        assert_eq!(with_nul(b), larger);
        // Same pointer for source and destination.
        assert_eq!(SysReAllocStringLen(&mut b, b, 6), TRUE);
        assert_eq!(with_nul(b), larger);
        // A source inside the old string, shrinking.
        assert_eq!(SysReAllocStringLen(&mut b, b.add(2), 3), TRUE);
        assert_eq!(with_nul(b), w("rge"));
        // Too large: FALSE and the string is untouched.
        let before = b;
        assert_eq!(SysReAllocStringLen(&mut b, null_mut(), 0x8000_0000), FALSE);
        assert_eq!(b, before);
        assert_eq!(with_nul(b), w("rge"));
        SysFreeString(b);

        // Some programs pass the old string with a much larger length: the
        // old characters come first; what lay beyond them reads as zero.
        let mut big = SysAllocStringLen(test.as_ptr(), 4);
        assert_eq!(SysReAllocStringLen(&mut big, big, 1_000_000), TRUE);
        assert_eq!(SysStringLen(big), 1_000_000);
        let chars = core::slice::from_raw_parts(big, 1_000_001);
        assert_eq!(&chars[..4], &test[..4]);
        assert!(chars[4..].iter().all(|c| *c == 0));
        SysFreeString(big);

        // A NULL source keeps the old characters; the terminator moves.
        let mut keep = SysAllocStringLen(test.as_ptr(), 4);
        assert_eq!(SysReAllocStringLen(&mut keep, null_mut(), 64), TRUE);
        assert_eq!(SysStringLen(keep), 64);
        assert_eq!(core::slice::from_raw_parts(keep, 4), &test[..4]);
        assert_eq!(*keep.add(64), 0);
        core::ptr::write_bytes(keep, 0xAB, 64);
        assert_eq!(SysReAllocStringLen(&mut keep, null_mut(), 24), TRUE);
        assert_eq!(SysStringLen(keep), 24);
        assert_eq!(*keep.add(24), 0);
        assert_eq!(*keep.add(23), 0xABAB);
        SysFreeString(keep);

        // A NULL old string is allocated.
        let mut fresh: *mut u16 = null_mut();
        assert_eq!(SysReAllocStringLen(&mut fresh, null_mut(), 2), TRUE);
        assert_eq!(with_nul(fresh), vec![0, 0, 0]);
        SysFreeString(fresh);
    }
}

#[test]
fn safe_type_basics() {
    assert_eq!(
        core::mem::size_of::<BSTR>(),
        core::mem::size_of::<*mut u16>()
    );
    let s = BSTR::from("héllo wörld");
    assert_eq!(s.len(), 11);
    assert_eq!(s.byte_len(), 22);
    assert_eq!(s.to_string(), "héllo wörld");
    assert_eq!(s, "héllo wörld");
    assert_eq!(s.as_wide(), &w("héllo wörld")[..11]);
    // SAFETY: s is a live BSTR.
    unsafe {
        assert_eq!(SysStringLen(s.as_ptr() as *mut u16), 11);
    }

    let d = BSTR::default();
    assert!(d.as_ptr().is_null());
    assert!(d.is_empty());
    assert_eq!(d.to_string(), "");
    assert_eq!(d, BSTR::new());

    let c = s.clone();
    assert_ne!(c.as_ptr(), s.as_ptr());
    assert_eq!(c, s);
    assert_ne!(BSTR::from("a"), BSTR::from("b"));
    assert_eq!(BSTR::from(String::from("x")), "x");
}

#[test]
fn safe_type_raw_round_trips() {
    let raw = BSTR::from("round").into_raw();
    // SAFETY: raw is a live BSTR whose ownership we take back.
    unsafe {
        assert_eq!(SysStringLen(raw), 5);
        let back = BSTR::from_raw(raw);
        assert_eq!(back, "round");
    }
    // A BSTR made by the Sys* functions is owned and freed by the safe type.
    // SAFETY: the source has 3 readable bytes; ownership passes to `odd`.
    let odd = unsafe { BSTR::from_raw(SysAllocStringByteLen(b"abc".as_ptr() as *const _, 3)) };
    assert_eq!(odd.byte_len(), 3);
    assert_eq!(odd.len(), 1);
    let copy = odd.clone();
    assert_eq!(copy.byte_len(), 3);
    assert_eq!(copy, odd);
    // Unpaired surrogates display as U+FFFD.
    let bad = BSTR::from_wide(&[0xD800, b'a' as u16]);
    assert_eq!(bad.to_string(), "\u{FFFD}a");
    assert!(bad.to_string_checked().is_err());
}

#[test]
fn safe_type_fills_an_out_parameter() {
    // BSTR is transparent over the pointer: usable as a `BSTR*` slot.
    let mut slot = BSTR::new();
    let src = w("filled");
    // SAFETY: the slot is a valid BSTR* holding null; the new BSTR is owned by slot.
    unsafe {
        assert_eq!(
            SysReAllocString(&mut slot as *mut BSTR as *mut *mut u16, src.as_ptr()),
            TRUE
        );
    }
    assert_eq!(slot, "filled");
}

#[test]
fn freed_on_another_thread() {
    let strings: Vec<BSTR> = (0..100).map(|i| BSTR::from(format!("s{i}"))).collect();
    let total = std::thread::spawn(move || strings.iter().map(BSTR::len).sum::<usize>())
        .join()
        .unwrap();
    assert_eq!(total, 10 * 2 + 90 * 3);
}
