//! Telling why a shared library does not load: reading the header of an
//! ELF, Mach-O or PE file to name the operating system family and the
//! architecture it was built for.
//!
//! When `dlopen` (`LoadLibraryExW`) fails, the loader reads the file's first
//! bytes: a library for another OS is `CO_E_WRONGOSFORAPP`, one for another
//! architecture `HRESULT_FROM_WIN32(ERROR_BAD_EXE_FORMAT)`, each with a
//! message naming what was found, rather than a misleading "not found".

use std::fmt;
use std::io::Read;
use std::path::Path;

/// An executable file format, by the OS family that loads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// ELF: Linux, the BSDs, Solaris and friends.
    Elf,
    /// Mach-O: macOS and iOS.
    MachO,
    /// PE/COFF: Windows.
    Pe,
}

impl Format {
    /// The format this process's platform loads.
    pub fn host() -> Format {
        if cfg!(windows) {
            Format::Pe
        } else if cfg!(target_vendor = "apple") {
            Format::MachO
        } else {
            Format::Elf
        }
    }

    /// Who loads this format, for messages.
    pub fn platform(self) -> &'static str {
        match self {
            Format::Elf => "Linux or another ELF system",
            Format::MachO => "macOS",
            Format::Pe => "Windows",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Elf => "ELF",
            Format::MachO => "Mach-O",
            Format::Pe => "PE",
        })
    }
}

/// What a file's header says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// The file format.
    pub format: Format,
    /// The architectures it holds code for, as Rust's `target_arch` names
    /// (`x86_64`, `aarch64`, …) or `machine 0x…` for one this table does
    /// not know. A Mach-O universal binary lists several.
    pub arches: Vec<String>,
    /// For ELF, the object type: `true` for a shared object (`ET_DYN`).
    pub shared_object: Option<bool>,
}

impl Header {
    /// True when this header is for the running process's OS family and
    /// architecture.
    pub fn matches_host(&self) -> bool {
        self.format == Format::host() && self.arches.iter().any(|a| a == std::env::consts::ARCH)
    }
}

/// Reads the header of `path`. `None` when the file cannot be read or is
/// none of the three formats.
pub fn read_header(path: &Path) -> Option<Header> {
    let mut buf = [0u8; 4096];
    let mut f = std::fs::File::open(path).ok()?;
    let mut n = 0;
    while n < buf.len() {
        match f.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(_) => return None,
        }
    }
    parse_header(&buf[..n])
}

fn u16_at(b: &[u8], at: usize, big: bool) -> Option<u16> {
    let s: [u8; 2] = b.get(at..at + 2)?.try_into().ok()?;
    Some(if big {
        u16::from_be_bytes(s)
    } else {
        u16::from_le_bytes(s)
    })
}

fn u32_at(b: &[u8], at: usize, big: bool) -> Option<u32> {
    let s: [u8; 4] = b.get(at..at + 4)?.try_into().ok()?;
    Some(if big {
        u32::from_be_bytes(s)
    } else {
        u32::from_le_bytes(s)
    })
}

/// Parses a header from a file's first bytes.
pub fn parse_header(b: &[u8]) -> Option<Header> {
    if b.starts_with(b"\x7fELF") {
        let big = *b.get(5)? == 2;
        let class64 = *b.get(4)? == 2;
        let e_type = u16_at(b, 16, big)?;
        let machine = u16_at(b, 18, big)?;
        return Some(Header {
            format: Format::Elf,
            arches: vec![elf_arch(machine, class64, big)],
            shared_object: Some(e_type == 3),
        });
    }
    let magic_le = u32_at(b, 0, false)?;
    let magic_be = u32_at(b, 0, true)?;
    // Mach-O thin: MH_MAGIC / MH_MAGIC_64 in either byte order.
    for (magic, big) in [(magic_le, false), (magic_be, true)] {
        if magic == 0xfeed_face || magic == 0xfeed_facf {
            let cpu = u32_at(b, 4, big)?;
            return Some(Header {
                format: Format::MachO,
                arches: vec![macho_arch(cpu)],
                shared_object: None,
            });
        }
    }
    // Mach-O universal (fat): FAT_MAGIC, big-endian, then nfat_arch entries
    // of 20 bytes (FAT_MAGIC_64: 32 bytes). Java class files share the
    // magic; their "count" is a version number over 30.
    if magic_be == 0xcafe_babe || magic_be == 0xcafe_babf {
        let n = u32_at(b, 4, true)?;
        if n == 0 || n > 30 {
            return None;
        }
        let size = if magic_be == 0xcafe_babe { 20 } else { 32 };
        let arches = (0..n as usize)
            .filter_map(|i| u32_at(b, 8 + i * size, true))
            .map(macho_arch)
            .collect();
        return Some(Header {
            format: Format::MachO,
            arches,
            shared_object: None,
        });
    }
    if b.starts_with(b"MZ") {
        let pe = u32_at(b, 0x3c, false)? as usize;
        if b.get(pe..pe + 4)? != b"PE\0\0" {
            return None;
        }
        let machine = u16_at(b, pe + 4, false)?;
        return Some(Header {
            format: Format::Pe,
            arches: vec![pe_arch(machine)],
            shared_object: None,
        });
    }
    None
}

fn elf_arch(machine: u16, class64: bool, big: bool) -> String {
    let name = match (machine, class64) {
        (3, _) => "x86",
        (62, _) => "x86_64",
        (40, _) => "arm",
        (183, _) => "aarch64",
        (243, true) => "riscv64",
        (243, false) => "riscv32",
        (8, true) => "mips64",
        (8, false) => "mips",
        (20, _) => "powerpc",
        (21, _) => "powerpc64",
        (22, _) => "s390x",
        (258, _) => "loongarch64",
        (2, _) | (43, _) => "sparc64",
        _ => return format!("ELF machine {machine}"),
    };
    // Big-endian variants some targets name separately.
    match (name, big) {
        ("aarch64", true) => "aarch64_be".to_owned(),
        ("arm", true) => "armeb".to_owned(),
        _ => name.to_owned(),
    }
}

fn macho_arch(cpu: u32) -> String {
    match cpu {
        7 => "x86".into(),
        0x0100_0007 => "x86_64".into(),
        12 => "arm".into(),
        0x0100_000c => "aarch64".into(),
        0x0200_000c => "arm64_32".into(),
        18 => "powerpc".into(),
        0x0100_0012 => "powerpc64".into(),
        _ => format!("Mach-O cpu type {cpu:#x}"),
    }
}

fn pe_arch(machine: u16) -> String {
    match machine {
        0x014c => "x86".into(),
        0x8664 => "x86_64".into(),
        0x01c0 | 0x01c4 => "arm".into(),
        0xaa64 => "aarch64".into(),
        0xa641 => "arm64ec".into(),
        _ => format!("PE machine {machine:#06x}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn elf(class: u8, data: u8, e_type: u16, machine: u16) -> Vec<u8> {
        let mut b = vec![0u8; 64];
        b[..4].copy_from_slice(b"\x7fELF");
        b[4] = class;
        b[5] = data;
        b[6] = 1;
        let (t, m) = if data == 2 {
            (e_type.to_be_bytes(), machine.to_be_bytes())
        } else {
            (e_type.to_le_bytes(), machine.to_le_bytes())
        };
        b[16..18].copy_from_slice(&t);
        b[18..20].copy_from_slice(&m);
        b
    }

    #[test]
    fn elf_headers() {
        let h = parse_header(&elf(2, 1, 3, 183)).unwrap();
        assert_eq!(h.format, Format::Elf);
        assert_eq!(h.arches, ["aarch64"]);
        assert_eq!(h.shared_object, Some(true));
        let h = parse_header(&elf(2, 2, 2, 22)).unwrap();
        assert_eq!(h.arches, ["s390x"]);
        assert_eq!(h.shared_object, Some(false));
        assert_eq!(parse_header(&elf(1, 1, 3, 3)).unwrap().arches, ["x86"]);
        assert_eq!(
            parse_header(&elf(2, 1, 3, 9999)).unwrap().arches,
            ["ELF machine 9999"]
        );
    }

    #[test]
    fn macho_and_pe_headers() {
        let mut m = vec![0u8; 32];
        m[..4].copy_from_slice(&0xfeed_facfu32.to_le_bytes());
        m[4..8].copy_from_slice(&0x0100_000cu32.to_le_bytes());
        let h = parse_header(&m).unwrap();
        assert_eq!(
            (h.format, h.arches.as_slice()),
            (Format::MachO, &["aarch64".to_owned()][..])
        );

        let mut fat = vec![0u8; 64];
        fat[..4].copy_from_slice(&0xcafe_babeu32.to_be_bytes());
        fat[4..8].copy_from_slice(&2u32.to_be_bytes());
        fat[8..12].copy_from_slice(&0x0100_0007u32.to_be_bytes());
        fat[28..32].copy_from_slice(&0x0100_000cu32.to_be_bytes());
        assert_eq!(parse_header(&fat).unwrap().arches, ["x86_64", "aarch64"]);

        let mut pe = vec![0u8; 0x100];
        pe[..2].copy_from_slice(b"MZ");
        pe[0x3c..0x40].copy_from_slice(&0x80u32.to_le_bytes());
        pe[0x80..0x84].copy_from_slice(b"PE\0\0");
        pe[0x84..0x86].copy_from_slice(&0x8664u16.to_le_bytes());
        let h = parse_header(&pe).unwrap();
        assert_eq!((h.format, h.arches[0].as_str()), (Format::Pe, "x86_64"));
    }

    #[test]
    fn other_files_have_no_header() {
        assert_eq!(parse_header(b"hello, world"), None);
        assert_eq!(parse_header(b""), None);
        assert_eq!(parse_header(b"\x7fEL"), None);
        assert_eq!(parse_header(b"MZ"), None);
    }

    #[test]
    fn this_test_binary_matches_the_host() {
        let exe = std::env::current_exe().unwrap();
        let h = read_header(&exe).unwrap();
        assert!(h.matches_host(), "{h:?}");
    }
}
