//! `GUID` (and its aliases `IID`, `CLSID`): 16 bytes laid out exactly as on Windows.
//!
//! The layout is `u32, u16, u16, [u8; 8]` with native-endian integer fields,
//! so a `GUID` can cross any module boundary by value or by pointer. The
//! string form is the registry form `{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}`.

use core::fmt;
use core::str::FromStr;

/// A globally unique identifier, laid out as the Windows `GUID` struct.
#[repr(C)]
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[allow(non_snake_case, clippy::upper_case_acronyms)]
pub struct GUID {
    /// First 4 bytes, a native-endian `u32`.
    pub data1: u32,
    /// Next 2 bytes, a native-endian `u16`.
    pub data2: u16,
    /// Next 2 bytes, a native-endian `u16`.
    pub data3: u16,
    /// Last 8 bytes, in string order.
    pub data4: [u8; 8],
}

/// An interface identifier.
pub type IID = GUID;
/// A class identifier.
pub type CLSID = GUID;

const _: () = assert!(core::mem::size_of::<GUID>() == 16);
const _: () = assert!(core::mem::align_of::<GUID>() == 4);
const _: () = assert!(core::mem::offset_of!(GUID, data2) == 4);
const _: () = assert!(core::mem::offset_of!(GUID, data3) == 6);
const _: () = assert!(core::mem::offset_of!(GUID, data4) == 8);

/// Why a string is not a GUID.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GuidParseError {
    /// The string has the wrong length for either accepted form.
    Length,
    /// A brace or dash is missing or misplaced.
    Format,
    /// A character that should be a hex digit is not one.
    HexDigit,
}

impl fmt::Display for GuidParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            GuidParseError::Length => "a GUID string has 36 characters, or 38 with braces",
            GuidParseError::Format => {
                "a GUID string looks like {XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}"
            }
            GuidParseError::HexDigit => {
                "a GUID string contains only hexadecimal digits between its dashes"
            }
        })
    }
}

impl std::error::Error for GuidParseError {}

const fn hex_val(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

const DASHES: [usize; 4] = [8, 13, 18, 23];

impl GUID {
    /// The all-zero GUID (`GUID_NULL`, `IID_NULL`, `CLSID_NULL`).
    pub const NULL: GUID = GUID::from_values(0, 0, 0, [0; 8]);

    /// Builds a GUID from its four fields.
    pub const fn from_values(data1: u32, data2: u16, data3: u16, data4: [u8; 8]) -> GUID {
        GUID {
            data1,
            data2,
            data3,
            data4,
        }
    }

    /// Builds a GUID from the 128-bit number whose hex digits are the string form
    /// read left to right (`0x00000000_0000_0000_C000_000000000046` is IUnknown).
    pub const fn from_u128(v: u128) -> GUID {
        GUID {
            data1: (v >> 96) as u32,
            data2: (v >> 80) as u16,
            data3: (v >> 64) as u16,
            data4: (v as u64).to_be_bytes(),
        }
    }

    /// The 128-bit number whose hex digits are the string form.
    pub const fn to_u128(&self) -> u128 {
        ((self.data1 as u128) << 96)
            | ((self.data2 as u128) << 80)
            | ((self.data3 as u128) << 64)
            | (u64::from_be_bytes(self.data4) as u128)
    }

    /// Parses `XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX`, with or without braces.
    /// Usable in `const` context; see also [`GUID::from_str`].
    pub const fn try_parse(s: &str) -> Result<GUID, GuidParseError> {
        let b = s.as_bytes();
        let body_start = match b.len() {
            36 => 0,
            38 => {
                if b[0] != b'{' || b[37] != b'}' {
                    return Err(GuidParseError::Format);
                }
                1
            }
            _ => return Err(GuidParseError::Length),
        };
        let mut v: u128 = 0;
        let mut i = 0;
        while i < 36 {
            let c = b[body_start + i];
            if i == DASHES[0] || i == DASHES[1] || i == DASHES[2] || i == DASHES[3] {
                if c != b'-' {
                    return Err(GuidParseError::Format);
                }
            } else {
                match hex_val(c) {
                    Some(d) => v = (v << 4) | d as u128,
                    None => return Err(GuidParseError::HexDigit),
                }
            }
            i += 1;
        }
        Ok(GUID::from_u128(v))
    }

    /// Parses a GUID string at compile time; a bad literal is a compile error.
    ///
    /// ```
    /// use anycom::GUID;
    /// const IID_IUNKNOWN: GUID = GUID::parse("00000000-0000-0000-C000-000000000046");
    /// assert_eq!(IID_IUNKNOWN.data4[0], 0xC0);
    /// ```
    pub const fn parse(s: &str) -> GUID {
        match GUID::try_parse(s) {
            Ok(g) => g,
            Err(_) => panic!("invalid GUID string"),
        }
    }

    /// A new random (version 4) GUID.
    pub fn new() -> GUID {
        GUID::from(uuid::Uuid::new_v4())
    }

    /// Writes the braced registry form into `buf` as UTF-16 (no terminator).
    pub fn to_utf16(&self) -> [u16; 38] {
        let s = self.to_string();
        let mut out = [0u16; 38];
        for (o, c) in out.iter_mut().zip(s.bytes()) {
            *o = c as u16;
        }
        out
    }
}

impl FromStr for GUID {
    type Err = GuidParseError;
    fn from_str(s: &str) -> Result<GUID, GuidParseError> {
        GUID::try_parse(s)
    }
}

/// The braced, upper-case registry form, as `StringFromGUID2` writes it.
impl fmt::Display for GUID {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = &self.data4;
        write!(
            f,
            "{{{:08X}-{:04X}-{:04X}-{:02X}{:02X}-{:02X}{:02X}{:02X}{:02X}{:02X}{:02X}}}",
            self.data1, self.data2, self.data3, d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]
        )
    }
}

impl fmt::Debug for GUID {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// `uuid::Uuid` stores the string order as big-endian bytes; the GUID's first
/// three fields are native-endian integers. The conversion goes through the
/// fields, never through a byte copy.
impl From<uuid::Uuid> for GUID {
    fn from(u: uuid::Uuid) -> GUID {
        let (d1, d2, d3, d4) = u.as_fields();
        GUID::from_values(d1, d2, d3, *d4)
    }
}

impl From<GUID> for uuid::Uuid {
    fn from(g: GUID) -> uuid::Uuid {
        uuid::Uuid::from_fields(g.data1, g.data2, g.data3, &g.data4)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const IUNK: &str = "{00000000-0000-0000-C000-000000000046}";

    #[test]
    fn round_trip_and_case() {
        let g: GUID = IUNK.parse().unwrap();
        assert_eq!(g.to_string(), IUNK);
        let lower: GUID = "6b29fc40-ca47-1067-b31d-00dd010662da".parse().unwrap();
        assert_eq!(lower.to_string(), "{6B29FC40-CA47-1067-B31D-00DD010662DA}");
    }

    #[test]
    fn bytes_in_memory_are_windows_layout() {
        let g = GUID::parse("6B29FC40-CA47-1067-B31D-00DD010662DA");
        // SAFETY: GUID is repr(C), 16 bytes, no padding.
        let bytes: [u8; 16] = unsafe { core::mem::transmute(g) };
        let mut expect = Vec::new();
        expect.extend_from_slice(&0x6B29FC40u32.to_ne_bytes());
        expect.extend_from_slice(&0xCA47u16.to_ne_bytes());
        expect.extend_from_slice(&0x1067u16.to_ne_bytes());
        expect.extend_from_slice(&[0xB3, 0x1D, 0x00, 0xDD, 0x01, 0x06, 0x62, 0xDA]);
        assert_eq!(&bytes[..], &expect[..]);
        if cfg!(target_endian = "little") {
            assert_eq!(&bytes[..4], &[0x40, 0xFC, 0x29, 0x6B]);
        }
    }

    #[test]
    fn uuid_conversion_keeps_field_order() {
        let u = uuid::Uuid::parse_str("6b29fc40-ca47-1067-b31d-00dd010662da").unwrap();
        let g = GUID::from(u);
        assert_eq!(g.data1, 0x6B29FC40);
        assert_eq!(g.data2, 0xCA47);
        assert_eq!(g.data3, 0x1067);
        assert_eq!(g.data4, [0xB3, 0x1D, 0x00, 0xDD, 0x01, 0x06, 0x62, 0xDA]);
        assert_eq!(uuid::Uuid::from(g), u);
        assert_eq!(g.to_u128(), u.as_u128());
    }

    #[test]
    fn bad_strings() {
        assert_eq!(GUID::try_parse(""), Err(GuidParseError::Length));
        assert_eq!(
            GUID::try_parse("{00000000-0000-0000-C000-000000000046"),
            Err(GuidParseError::Length)
        );
        assert_eq!(
            GUID::try_parse("(00000000-0000-0000-C000-000000000046)"),
            Err(GuidParseError::Format)
        );
        assert_eq!(
            GUID::try_parse("00000000+0000-0000-C000-000000000046"),
            Err(GuidParseError::Format)
        );
        assert_eq!(
            GUID::try_parse("0000000G-0000-0000-C000-000000000046"),
            Err(GuidParseError::HexDigit)
        );
        assert_eq!(
            GUID::try_parse("{00000000-0000-0000-C000-00000000004é}"),
            Err(GuidParseError::Length)
        );
    }

    #[test]
    fn new_is_random_v4() {
        let a = GUID::new();
        let b = GUID::new();
        assert_ne!(a, b);
        assert_eq!(uuid::Uuid::from(a).get_version_num(), 4);
    }
}
