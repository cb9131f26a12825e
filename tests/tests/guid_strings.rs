//! GUID strings: `StringFromGUID2` buffer sizes (38 vs 39), `StringFromCLSID`
//! / `StringFromIID` in task memory, `CLSIDFromString` / `IIDFromString` with
//! Windows' results (and partial outputs) for bad input: missing braces,
//! wrong lengths, bad hex, misplaced dashes, NULL; ProgIDs through the class
//! source; and `CoCreateGuid`.

use anycom::api::{
    CLSIDFromString, CoCreateGuid, CoGetMalloc, CoTaskMemFree, IIDFromString, StringFromCLSID,
    StringFromGUID2, StringFromIID,
};
use anycom::runtime::guid_string::{clsid_from_str, iid_from_str};
use anycom::{CO_E_CLASSSTRING, CO_E_IIDSTRING, E_INVALIDARG, GUID, IMalloc, Interface, S_OK};
use anycom_tests::wide as w;
use core::ptr::null_mut;

const STDFONT: &str = "{0BE35203-8F91-11CE-9DE3-00AA004BB851}";
const CLSID_STDFONT: GUID = GUID::parse("0BE35203-8F91-11CE-9DE3-00AA004BB851");
const IID_ICLASSFACTORY: GUID = GUID::parse("00000001-0000-0000-C000-000000000046");
const FILL: GUID = GUID::from_values(0xcccc_cccc, 0xcccc, 0xcccc, [0xcc; 8]);

fn clsid_from(s: &[u16], start: GUID) -> (anycom::HRESULT, GUID) {
    let mut g = start;
    // SAFETY: s is NUL-terminated; g is a valid out slot.
    let hr = unsafe { CLSIDFromString(s.as_ptr(), &mut g) };
    (hr, g)
}

fn iid_from(s: &[u16], start: GUID) -> (anycom::HRESULT, GUID) {
    let mut g = start;
    // SAFETY: s is NUL-terminated; g is a valid out slot.
    let hr = unsafe { IIDFromString(s.as_ptr(), &mut g) };
    (hr, g)
}

#[test]
fn smoke_round_trip() {
    let g = GUID::new();
    let mut buf = [0u16; 39];
    // SAFETY: buf holds 39 characters.
    assert_eq!(unsafe { StringFromGUID2(&g, buf.as_mut_ptr(), 39) }, 39);
    assert_eq!(clsid_from(&buf, GUID::NULL), (S_OK, g));
    assert_eq!(iid_from(&buf, GUID::NULL), (S_OK, g));
}

#[test]
fn string_from_guid2_buffer_sizes() {
    let mut buf = [0xFFFFu16; 50];
    // SAFETY: buf holds 50 characters; each call passes at most that.
    unsafe {
        assert_eq!(StringFromGUID2(&CLSID_STDFONT, buf.as_mut_ptr(), 50), 39);
        assert_eq!(&buf[..39], &w(STDFONT)[..]);
        assert_eq!(buf[39], 0xFFFF, "nothing written past the NUL");

        buf = [0xFFFF; 50];
        assert_eq!(StringFromGUID2(&CLSID_STDFONT, buf.as_mut_ptr(), 39), 39);
        assert_eq!(&buf[..39], &w(STDFONT)[..]);

        // 38 characters: room for the string but not the NUL.
        buf = [0xFFFF; 50];
        assert_eq!(StringFromGUID2(&CLSID_STDFONT, buf.as_mut_ptr(), 38), 0);
        assert!(
            buf.iter().all(|c| *c == 0xFFFF),
            "nothing written when too small"
        );
        assert_eq!(StringFromGUID2(&CLSID_STDFONT, buf.as_mut_ptr(), 30), 0);
        assert_eq!(StringFromGUID2(&CLSID_STDFONT, buf.as_mut_ptr(), 0), 0);
        assert_eq!(StringFromGUID2(&CLSID_STDFONT, buf.as_mut_ptr(), -1), 0);
        assert_eq!(StringFromGUID2(null_mut(), buf.as_mut_ptr(), 50), 0);
        assert_eq!(StringFromGUID2(&CLSID_STDFONT, null_mut(), 50), 0);
    }
}

#[test]
fn string_from_clsid_and_iid_use_task_memory() {
    let mut m = null_mut();
    // SAFETY: out slots are valid; the strings are freed once.
    unsafe {
        assert_eq!(CoGetMalloc(1, &mut m), S_OK);
        let m = IMalloc::from_raw(m);
        let mut s: *mut u16 = core::ptr::dangling_mut::<u16>();
        assert_eq!(StringFromCLSID(&CLSID_STDFONT, &mut s), S_OK);
        assert_eq!(core::slice::from_raw_parts(s, 39), &w(STDFONT)[..]);
        assert_eq!(m.GetSize(s as *mut _), 78);
        CoTaskMemFree(s as *mut _);

        let mut t: *mut u16 = null_mut();
        assert_eq!(StringFromIID(&IID_ICLASSFACTORY, &mut t), S_OK);
        assert_eq!(
            core::slice::from_raw_parts(t, 39),
            &w("{00000001-0000-0000-C000-000000000046}")[..]
        );
        CoTaskMemFree(t as *mut _);

        assert_eq!(StringFromCLSID(&CLSID_STDFONT, null_mut()), E_INVALIDARG);
        assert_eq!(StringFromIID(&CLSID_STDFONT, null_mut()), E_INVALIDARG);
        let mut u: *mut u16 = core::ptr::dangling_mut::<u16>();
        assert_eq!(StringFromCLSID(null_mut(), &mut u), E_INVALIDARG);
        assert!(u.is_null());
    }
}

#[test]
fn clsid_from_string_valid_and_null() {
    assert_eq!(clsid_from(&w(STDFONT), FILL), (S_OK, CLSID_STDFONT));
    assert_eq!(
        clsid_from(&w(&STDFONT.to_lowercase()), FILL),
        (S_OK, CLSID_STDFONT)
    );
    let mut g = GUID::from_values(0xabab_abab, 0xabab, 0xabab, [0xab; 8]);
    // SAFETY: null string allowed; g is valid.
    unsafe {
        assert_eq!(CLSIDFromString(null_mut(), &mut g), S_OK);
        assert_eq!(g, GUID::NULL);
        assert_eq!(
            CLSIDFromString(w(STDFONT).as_ptr(), null_mut()),
            E_INVALIDARG
        );
    }
}

#[test]
fn clsid_from_string_bad_input_gives_class_string_errors() {
    // Longer, but starting with a valid CLSID: the GUID was read, then the tail rejected.
    let longer = w("{00000001-0000-0000-c000-000000000046}junk");
    assert_eq!(
        clsid_from(&longer, GUID::NULL),
        (CO_E_CLASSSTRING, IID_ICLASSFACTORY)
    );

    // Padded to 49 characters with 'A'.
    let padded: String = format!("{STDFONT}{}", "A".repeat(49 - 38));
    assert_eq!(
        clsid_from(&w(&padded), GUID::NULL),
        (CO_E_CLASSSTRING, CLSID_STDFONT)
    );

    // Missing braces: not a braced GUID, so a ProgID, which is unknown; the output is zeroed.
    let bare = w(&STDFONT[1..37]);
    assert_eq!(clsid_from(&bare, FILL), (CO_E_CLASSSTRING, GUID::NULL));
    let no_open = w(&padded[1..]);
    assert_eq!(clsid_from(&no_open, FILL), (CO_E_CLASSSTRING, GUID::NULL));

    // A bad dash after the first group: data1 was read, the rest untouched.
    let mut bad_dash = w(STDFONT);
    bad_dash[9] = u16::from(b'*');
    let (hr, g) = clsid_from(&bad_dash, FILL);
    assert_eq!(hr, CO_E_CLASSSTRING);
    assert_eq!(g.data1, CLSID_STDFONT.data1);
    assert_eq!(g.data2, 0xcccc);

    // Bad hex in the first group: the digits before it are in data1.
    let mut bad_hex = bad_dash.clone();
    bad_hex[3] = u16::from(b'*');
    let (hr, g) = clsid_from(&bad_hex, FILL);
    assert_eq!(hr, CO_E_CLASSSTRING);
    assert_eq!(g.data1, 0xb);
    assert_eq!(g.data2, 0xcccc);

    // Cut short (NUL at index 3): the same, and nothing is read past the NUL.
    let mut short = bad_hex.clone();
    short[3] = 0;
    let (hr, g) = clsid_from(&short, FILL);
    assert_eq!(hr, CO_E_CLASSSTRING);
    assert_eq!(g.data1, 0xb);

    // A non-hex digit in the last group.
    let mut last = w(STDFONT);
    last[36] = u16::from(b'g');
    let (hr, g) = clsid_from(&last, FILL);
    assert_eq!(hr, CO_E_CLASSSTRING);
    assert_eq!(
        (g.data1, g.data2, g.data3),
        (
            CLSID_STDFONT.data1,
            CLSID_STDFONT.data2,
            CLSID_STDFONT.data3
        )
    );
    assert_eq!(&g.data4[..7], &CLSID_STDFONT.data4[..7]);
    assert_eq!(g.data4[7], 0xcc);

    // Missing closing brace, empty string, an unknown ProgID.
    let mut open = w(STDFONT);
    open[37] = u16::from(b')');
    assert_eq!(
        clsid_from(&open, GUID::NULL),
        (CO_E_CLASSSTRING, CLSID_STDFONT)
    );
    assert_eq!(clsid_from(&w(""), FILL), (CO_E_CLASSSTRING, GUID::NULL));
    assert_eq!(
        clsid_from(&w("No.Such.ProgID.1"), FILL),
        (CO_E_CLASSSTRING, GUID::NULL)
    );
}

#[test]
fn iid_from_string_windows_results() {
    let cf = w("{00000001-0000-0000-c000-000000000046}");
    let broken = w("{00000001-0000-0000-g000-000000000046}");
    let broken2 = w("{00000001=0000-0000-g000-000000000046}");
    let broken3 = w("broken001=0000-0000-g000-000000000046}");
    let ab = GUID::from_values(0xabab_abab, 0xabab, 0xabab, [0xab; 8]);

    assert_eq!(iid_from(&w(STDFONT), ab), (S_OK, CLSID_STDFONT));
    assert_eq!(iid_from(&cf, ab), (S_OK, IID_ICLASSFACTORY));

    let mut g = ab;
    // SAFETY: null string allowed; out slots valid or null.
    unsafe {
        assert_eq!(IIDFromString(null_mut(), &mut g), S_OK);
        assert_eq!(g, GUID::NULL);
        assert_eq!(IIDFromString(cf.as_ptr(), null_mut()), E_INVALIDARG);
    }

    // Wrong length (longer, shorter, no braces): E_INVALIDARG, output untouched.
    assert_eq!(
        iid_from(&w("{00000001-0000-0000-c000-000000000046}x"), ab),
        (E_INVALIDARG, ab)
    );
    assert_eq!(
        iid_from(&w("{00000001-0000-0000-c000-00000000004}"), ab),
        (E_INVALIDARG, ab)
    );
    assert_eq!(iid_from(&w(&STDFONT[1..37]), ab), (E_INVALIDARG, ab));
    assert_eq!(iid_from(&w(""), ab), (E_INVALIDARG, ab));
    // A ProgID is not accepted.
    assert_eq!(iid_from(&w("StdFont"), ab), (E_INVALIDARG, ab));

    // Right length, malformed.
    let (hr, g) = iid_from(&broken, ab);
    assert_eq!(hr, CO_E_IIDSTRING);
    assert_eq!(g.data1, 1);
    let (hr, g) = iid_from(&broken2, ab);
    assert_eq!(hr, CO_E_IIDSTRING);
    assert_eq!(g.data1, 1);
    // No opening brace: output untouched.
    assert_eq!(iid_from(&broken3, ab), (CO_E_IIDSTRING, ab));
}

#[test]
fn rust_parsers_give_the_same_codes() {
    assert_eq!(clsid_from_str(STDFONT).unwrap(), CLSID_STDFONT);
    assert_eq!(
        clsid_from_str(&STDFONT[1..37]).unwrap_err().code(),
        CO_E_CLASSSTRING
    );
    assert_eq!(
        clsid_from_str("{0BE35203-8F91-11CE-9DE3-00AA004BB85G}")
            .unwrap_err()
            .code(),
        CO_E_CLASSSTRING
    );
    assert_eq!(
        clsid_from_str("{0BE35203-8F91-11CE-9DE3-00AA004BB851}\0")
            .unwrap_err()
            .code(),
        CO_E_CLASSSTRING
    );
    assert_eq!(iid_from_str(STDFONT).unwrap(), CLSID_STDFONT);
    assert_eq!(
        iid_from_str(&STDFONT[..37]).unwrap_err().code(),
        E_INVALIDARG
    );
    assert_eq!(
        iid_from_str("{0BE35203+8F91-11CE-9DE3-00AA004BB851}")
            .unwrap_err()
            .code(),
        CO_E_IIDSTRING
    );
}

#[test]
fn co_create_guid() {
    let mut a = GUID::NULL;
    let mut b = GUID::NULL;
    // SAFETY: out slots valid or null.
    unsafe {
        assert_eq!(CoCreateGuid(&mut a), S_OK);
        assert_eq!(CoCreateGuid(&mut b), S_OK);
        assert_eq!(CoCreateGuid(null_mut()), E_INVALIDARG);
    }
    assert_ne!(a, b);
    assert_ne!(a, GUID::NULL);
    // Version 4 (the high nibble of data3) and the RFC 4122 variant.
    assert_eq!(a.data3 >> 12, 4);
    assert_eq!(a.data4[0] & 0xC0, 0x80);
}

/// A class source that knows one ProgID and fails another lookup outright.
struct ProgIds;

impl anycom::runtime::ClassSource for ProgIds {
    fn get_class_object(
        &self,
        _clsid: &GUID,
        _clsctx: u32,
    ) -> anycom::Result<anycom::runtime::ClassObject> {
        Err(anycom::Error::from_code(anycom::REGDB_E_CLASSNOTREG))
    }
    fn clsid_from_progid(&self, progid: &str) -> anycom::Result<GUID> {
        match progid {
            "Test.StdFont.1" => Ok(CLSID_STDFONT),
            "Test.Broken.1" => Err(anycom::Error::from_code(anycom::REGDB_E_READREGDB)),
            _ => Err(anycom::Error::from_code(CO_E_CLASSSTRING)),
        }
    }
    fn progid_from_clsid(&self, _clsid: &GUID) -> anycom::Result<String> {
        Err(anycom::Error::from_code(anycom::REGDB_E_CLASSNOTREG))
    }
    fn register_server(&self, _reg: &anycom::runtime::ServerRegistration) -> anycom::Result<()> {
        Err(anycom::Error::from_code(anycom::E_NOTIMPL))
    }
    fn unregister_server(&self, _module_path: &std::path::Path) -> anycom::Result<()> {
        Err(anycom::Error::from_code(anycom::E_NOTIMPL))
    }
}

#[test]
fn clsid_from_string_falls_back_to_progids() {
    // Installed for the whole test process: every other test here expects
    // unknown names to fail, which this source also does.
    anycom::runtime::set_class_source(std::sync::Arc::new(ProgIds));
    assert_eq!(
        clsid_from(&w("Test.StdFont.1"), FILL),
        (S_OK, CLSID_STDFONT)
    );
    assert_eq!(clsid_from_str("Test.StdFont.1").unwrap(), CLSID_STDFONT);
    // Unknown, or a lookup that fails: CO_E_CLASSSTRING, output zeroed.
    assert_eq!(
        clsid_from(&w("Test.Unknown.1"), FILL),
        (CO_E_CLASSSTRING, GUID::NULL)
    );
    assert_eq!(
        clsid_from(&w("Test.Broken.1"), FILL),
        (CO_E_CLASSSTRING, GUID::NULL)
    );
    assert_eq!(
        clsid_from_str("Test.Broken.1").unwrap_err().code(),
        CO_E_CLASSSTRING
    );
    // IIDFromString never looks ProgIDs up.
    assert_eq!(iid_from(&w("Test.StdFont.1"), FILL), (E_INVALIDARG, FILL));
}
