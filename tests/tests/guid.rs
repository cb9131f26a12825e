//! GUID formatting and parsing: round trips over many random GUIDs, the
//! Windows memory layout, `uuid::Uuid` conversion order, and bad strings.

use anycom::{GUID, GuidParseError};

#[test]
fn smoke_known_guid() {
    let g = GUID::parse("{00000001-0000-0000-C000-000000000046}");
    assert_eq!(g, <anycom::IClassFactory as anycom::Interface>::IID);
    assert_eq!(g.to_string(), "{00000001-0000-0000-C000-000000000046}");
}

#[test]
fn random_round_trips() {
    for _ in 0..10_000 {
        let g = GUID::new();
        let s = g.to_string();
        assert_eq!(s.len(), 38);
        assert_eq!(s.parse::<GUID>().unwrap(), g);
        assert_eq!(
            s[1..37].to_lowercase().parse::<GUID>().unwrap(),
            g,
            "unbraced lower case parses too"
        );
        let u: uuid::Uuid = g.into();
        assert_eq!(u.braced().to_string().to_uppercase(), s);
        assert_eq!(GUID::from(u), g);
        assert_eq!(GUID::from_u128(g.to_u128()), g);
    }
}

#[test]
fn pinned_bytes() {
    // {6B29FC40-CA47-1067-B31D-00DD010662DA} as Windows lays it out in memory (little-endian x86/ARM).
    let g = GUID::parse("6B29FC40-CA47-1067-B31D-00DD010662DA");
    // SAFETY: GUID is 16 bytes of plain data.
    let bytes: [u8; 16] = unsafe { core::mem::transmute(g) };
    if cfg!(target_endian = "little") {
        assert_eq!(
            bytes,
            [
                0x40, 0xFC, 0x29, 0x6B, 0x47, 0xCA, 0x67, 0x10, 0xB3, 0x1D, 0x00, 0xDD, 0x01, 0x06,
                0x62, 0xDA
            ]
        );
    }
    let u = uuid::Uuid::from(g);
    assert_eq!(
        u.as_bytes(),
        &[
            0x6B, 0x29, 0xFC, 0x40, 0xCA, 0x47, 0x10, 0x67, 0xB3, 0x1D, 0x00, 0xDD, 0x01, 0x06,
            0x62, 0xDA
        ]
    );
}

#[test]
fn bad_strings() {
    let cases: &[(&str, GuidParseError)] = &[
        ("", GuidParseError::Length),
        ("{}", GuidParseError::Length),
        (
            "6B29FC40-CA47-1067-B31D-00DD010662D",
            GuidParseError::Length,
        ),
        (
            "{6B29FC40-CA47-1067-B31D-00DD010662DA",
            GuidParseError::Length,
        ),
        (
            "6B29FC40-CA47-1067-B31D-00DD010662DA}",
            GuidParseError::Length,
        ),
        (
            "[6B29FC40-CA47-1067-B31D-00DD010662DA]",
            GuidParseError::Format,
        ),
        (
            "6B29FC40_CA47-1067-B31D-00DD010662DA",
            GuidParseError::Format,
        ),
        (
            "6B29FC40-CA47-1067-B31D00DD-010662DA",
            GuidParseError::Format,
        ),
        (
            "6B29FC4G-CA47-1067-B31D-00DD010662DA",
            GuidParseError::HexDigit,
        ),
        (
            "6B29FC40-CA47-1067-B31D-00DD010662D ",
            GuidParseError::HexDigit,
        ),
        (
            "+B29FC40-CA47-1067-B31D-00DD010662DA",
            GuidParseError::HexDigit,
        ),
    ];
    for (s, e) in cases {
        assert_eq!(s.parse::<GUID>(), Err(*e), "{s:?}");
    }
}
