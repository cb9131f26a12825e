//! The registry file format: parsing with line numbers, validation, and
//! rendering. See the module documentation of [`crate::registry`] and
//! `loader/REGISTRY.md` for the format itself.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anycom::GUID;
use serde::Deserialize;
use toml::Spanned;

use super::error::RegistryError;
use super::model::{ClassRegistration, InterfaceRegistration, ModuleEntry, ThreadingModel};

/// The largest registry file read, in bytes (1 MiB). A larger file is
/// reported as [`RegistryError::TooLarge`] without being read.
pub const MAX_FILE_SIZE: u64 = 1 << 20;

/// The longest string value (module path, name, description) accepted, in
/// bytes.
pub const MAX_VALUE_LEN: usize = 4096;

/// The longest ProgID accepted, in characters (Windows' documented limit).
pub const MAX_PROGID_LEN: usize = 39;

/// The format version this crate writes and reads (`format = 1`).
pub const FORMAT_VERSION: i64 = 1;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    format: Option<Spanned<i64>>,
    module: Spanned<String>,
    #[serde(default)]
    class: Vec<RawClass>,
    #[serde(default)]
    interface: Vec<RawInterface>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClass {
    clsid: Spanned<String>,
    threading_model: Option<Spanned<String>>,
    progid: Option<Spanned<String>>,
    version_independent_progid: Option<Spanned<String>>,
    description: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInterface {
    iid: Spanned<String>,
    name: Spanned<String>,
    proxy_stub_clsid: Option<Spanned<String>>,
}

/// A registry file that parsed and validated: what one module registers, with
/// the line of each entry.
#[derive(Debug)]
pub(crate) struct ParsedFile {
    pub(crate) module: Arc<Path>,
    pub(crate) classes: Vec<(ClassRegistration, usize)>,
    pub(crate) interfaces: Vec<(InterfaceRegistration, usize)>,
}

impl ParsedFile {
    /// The file's content as a [`ModuleEntry`].
    pub(crate) fn to_entry(&self) -> ModuleEntry {
        ModuleEntry {
            module: self.module.to_path_buf(),
            classes: self.classes.iter().map(|(c, _)| c.clone()).collect(),
            interfaces: self.interfaces.iter().map(|(i, _)| i.clone()).collect(),
        }
    }
}

/// 1-based line and column (in characters) of byte `offset` of `text`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Parses and validates one registry file.
///
/// `relative_base` is `Some(dir)` only for the application's manifest layer,
/// where a relative module path is resolved against `dir` (the executable's
/// directory); everywhere else a relative path is an error.
pub(crate) fn parse(
    bytes: &[u8],
    path: &Path,
    relative_base: Option<&Path>,
) -> Result<ParsedFile, RegistryError> {
    let err_at = |text: &str, span: Range<usize>, message: String| {
        let (line, column) = line_col(text, span.start);
        RegistryError::Parse {
            path: path.to_path_buf(),
            line,
            column,
            message,
        }
    };
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            let bad = bytes[e.valid_up_to()];
            return Err(err_at(
                valid,
                valid.len()..valid.len(),
                format!(
                    "not UTF-8 text (byte 0x{bad:02X}): a registry file is TOML text, is this file binary or corrupt?"
                ),
            ));
        }
    };
    if text.trim().is_empty() {
        return Err(err_at(
            text,
            0..0,
            "the file is empty: a registry file has at least `module = \"/absolute/path/of/the/module\"`; \
             delete it or register the module again"
                .to_owned(),
        ));
    }
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        let message = e.message().trim_end().replace('\n', " ");
        err_at(text, span, message)
    })?;

    if let Some(format) = &raw.format
        && *format.get_ref() != FORMAT_VERSION
    {
        return Err(err_at(
            text,
            format.span(),
            format!(
                "format {} is not understood by this version of anycom (it reads format {FORMAT_VERSION})",
                format.get_ref()
            ),
        ));
    }

    let module = check_module_path(&raw.module, relative_base)
        .map_err(|m| err_at(text, raw.module.span(), m))?;

    let mut seen: HashMap<GUID, usize> = HashMap::new();
    let mut classes = Vec::with_capacity(raw.class.len());
    for c in &raw.class {
        let clsid = parse_guid(&c.clsid, "clsid").map_err(|m| err_at(text, c.clsid.span(), m))?;
        let line = line_col(text, c.clsid.span().start).0;
        if let Some(first) = seen.insert(clsid, line) {
            return Err(err_at(
                text,
                c.clsid.span(),
                format!("CLSID {clsid} is listed twice in this file (first on line {first})"),
            ));
        }
        let threading_model = match &c.threading_model {
            None => ThreadingModel::Main,
            Some(m) => m
                .get_ref()
                .parse::<ThreadingModel>()
                .map_err(|e| err_at(text, m.span(), e.to_string()))?,
        };
        let progid = opt_progid(&c.progid, "progid").map_err(|(s, m)| err_at(text, s, m))?;
        let vi = opt_progid(&c.version_independent_progid, "version_independent_progid")
            .map_err(|(s, m)| err_at(text, s, m))?;
        let description = match &c.description {
            None => None,
            Some(d) => Some(
                check_text(d.get_ref(), "description")
                    .map_err(|m| err_at(text, d.span(), m))?
                    .to_owned(),
            ),
        };
        classes.push((
            ClassRegistration {
                clsid,
                threading_model,
                progid,
                version_independent_progid: vi,
                description,
            },
            line,
        ));
    }

    let mut seen: HashMap<GUID, usize> = HashMap::new();
    let mut interfaces = Vec::with_capacity(raw.interface.len());
    for i in &raw.interface {
        let iid = parse_guid(&i.iid, "iid").map_err(|m| err_at(text, i.iid.span(), m))?;
        let line = line_col(text, i.iid.span().start).0;
        if let Some(first) = seen.insert(iid, line) {
            return Err(err_at(
                text,
                i.iid.span(),
                format!("IID {iid} is listed twice in this file (first on line {first})"),
            ));
        }
        let name =
            check_text(i.name.get_ref(), "name").map_err(|m| err_at(text, i.name.span(), m))?;
        if name.is_empty() {
            return Err(err_at(
                text,
                i.name.span(),
                "the interface name is empty".to_owned(),
            ));
        }
        let proxy_stub_clsid = match &i.proxy_stub_clsid {
            None => None,
            Some(p) => {
                Some(parse_guid(p, "proxy_stub_clsid").map_err(|m| err_at(text, p.span(), m))?)
            }
        };
        interfaces.push((
            InterfaceRegistration {
                iid,
                name: name.to_owned(),
                proxy_stub_clsid,
            },
            line,
        ));
    }

    Ok(ParsedFile {
        module: module.into(),
        classes,
        interfaces,
    })
}

fn parse_guid(s: &Spanned<String>, key: &str) -> Result<GUID, String> {
    let v = s.get_ref();
    if v.len() > 64 {
        return Err(format!("`{key}` is {} bytes long: not a GUID", v.len()));
    }
    GUID::try_parse(v).map_err(|e| format!("`{key}` {v:?} is not a GUID: {e}"))
}

fn check_text<'a>(s: &'a str, key: &str) -> Result<&'a str, String> {
    if s.len() > MAX_VALUE_LEN {
        return Err(format!(
            "`{key}` is {} bytes long, over the {MAX_VALUE_LEN}-byte limit",
            s.len()
        ));
    }
    if s.contains('\0') {
        return Err(format!("`{key}` contains a NUL character"));
    }
    Ok(s)
}

fn check_module_path(s: &Spanned<String>, relative_base: Option<&Path>) -> Result<PathBuf, String> {
    let v = check_text(s.get_ref(), "module")?;
    if v.is_empty() {
        return Err("`module` is empty: it is the absolute path of the module".to_owned());
    }
    let p = Path::new(v);
    if p.is_absolute() {
        return Ok(p.to_path_buf());
    }
    match relative_base {
        Some(base) => Ok(base.join(p)),
        None => Err(format!(
            "module path {v:?} is relative; registry paths must be absolute \
             (`anycom register` makes them absolute and canonical)"
        )),
    }
}

/// Checks a ProgID: 1 to 39 characters, starting with an ASCII letter, made
/// of ASCII letters, digits, `.`, `_` and `-` (Windows allows no other
/// punctuation; `_` and `-` are tolerated as real-world ProgIDs use them).
pub(crate) fn check_progid(p: &str) -> Result<(), String> {
    let n = p.chars().count();
    if n == 0 {
        return Err("a ProgID cannot be empty".to_owned());
    }
    if n > MAX_PROGID_LEN {
        return Err(format!(
            "ProgID {p:?} has {n} characters; a ProgID has at most {MAX_PROGID_LEN}"
        ));
    }
    if !p.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Err(format!("ProgID {p:?} must start with a letter"));
    }
    if let Some(c) = p
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
    {
        return Err(format!(
            "ProgID {p:?} contains {c:?}; a ProgID has only letters, digits and periods"
        ));
    }
    Ok(())
}

fn opt_progid(
    p: &Option<Spanned<String>>,
    key: &str,
) -> Result<Option<String>, (Range<usize>, String)> {
    match p {
        None => Ok(None),
        Some(s) => {
            let v = s.get_ref();
            if v.len() > MAX_VALUE_LEN {
                return Err((
                    s.span(),
                    format!("`{key}` is {} bytes long: not a ProgID", v.len()),
                ));
            }
            check_progid(v).map_err(|m| (s.span(), format!("`{key}`: {m}")))?;
            Ok(Some(v.clone()))
        }
    }
}

/// Checks a registration before it is written: what [`parse`] would reject,
/// reported as [`RegistryError::InvalidRegistration`].
pub(crate) fn validate(entry: &ModuleEntry) -> Result<(), RegistryError> {
    let invalid = |message: String| RegistryError::InvalidRegistration {
        module: entry.module.clone(),
        message,
    };
    let Some(module) = entry.module.to_str() else {
        return Err(invalid(
            "the module path is not valid UTF-8, which registry files cannot hold".to_owned(),
        ));
    };
    if !entry.module.is_absolute() {
        return Err(invalid("the module path must be absolute".to_owned()));
    }
    check_text(module, "module").map_err(invalid)?;
    let mut clsids = std::collections::HashSet::new();
    for c in &entry.classes {
        if !clsids.insert(c.clsid) {
            return Err(invalid(format!("CLSID {} is listed twice", c.clsid)));
        }
        for p in c.progid.iter().chain(&c.version_independent_progid) {
            check_progid(p).map_err(invalid)?;
        }
        if let Some(d) = &c.description {
            check_text(d, "description").map_err(invalid)?;
        }
    }
    let mut iids = std::collections::HashSet::new();
    for i in &entry.interfaces {
        if !iids.insert(i.iid) {
            return Err(invalid(format!("IID {} is listed twice", i.iid)));
        }
        if i.name.is_empty() {
            return Err(invalid(format!("interface {} has an empty name", i.iid)));
        }
        check_text(&i.name, "name").map_err(invalid)?;
    }
    Ok(())
}

/// A TOML basic string holding `s`.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Renders a (validated) module registration as a registry file.
pub(crate) fn render(entry: &ModuleEntry) -> String {
    let mut s = String::new();
    s.push_str("# anycom registry file: what one in-process server module registers.\n");
    s.push_str("# Written by anycom; the format is described in anycom's loader/REGISTRY.md.\n");
    let _ = writeln!(s, "format = {FORMAT_VERSION}");
    let _ = writeln!(s, "module = {}", quote(&entry.module.to_string_lossy()));
    for c in &entry.classes {
        s.push_str("\n[[class]]\n");
        let _ = writeln!(s, "clsid = \"{}\"", c.clsid);
        if let Some(m) = c.threading_model.registry_value() {
            let _ = writeln!(s, "threading_model = \"{m}\"");
        }
        if let Some(p) = &c.progid {
            let _ = writeln!(s, "progid = {}", quote(p));
        }
        if let Some(p) = &c.version_independent_progid {
            let _ = writeln!(s, "version_independent_progid = {}", quote(p));
        }
        if let Some(d) = &c.description {
            let _ = writeln!(s, "description = {}", quote(d));
        }
    }
    for i in &entry.interfaces {
        s.push_str("\n[[interface]]\n");
        let _ = writeln!(s, "iid = \"{}\"", i.iid);
        let _ = writeln!(s, "name = {}", quote(&i.name));
        if let Some(p) = &i.proxy_stub_clsid {
            let _ = writeln!(s, "proxy_stub_clsid = \"{p}\"");
        }
    }
    s
}

/// The file name under which [`render`]ed registrations of `module` are
/// stored: the module's file name (characters outside `[A-Za-z0-9._-]`
/// replaced by `_`, at most 64 of them), then a 64-bit FNV-1a hash of the
/// whole path in hex, then `.toml`, e.g. `libcalc.so.3f2a9c1e5b7d4a60.toml`.
/// The hash keeps two modules with the same file name apart.
pub(crate) fn file_name_for(module: &Path) -> String {
    let name: String = module
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .take(64)
        .collect();
    let name = name.trim_start_matches('.');
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in module.to_string_lossy().bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!(
        "{}.{h:016x}.toml",
        if name.is_empty() { "module" } else { name }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::model::class_registration;

    fn abs(p: &str) -> PathBuf {
        if cfg!(windows) {
            PathBuf::from(format!("C:{p}"))
        } else {
            PathBuf::from(p)
        }
    }

    fn sample() -> ModuleEntry {
        let mut e = ModuleEntry::new(abs("/opt/x/lib\"odd\\name\u{7}é.so"));
        e.classes.push(ClassRegistration {
            clsid: GUID::parse("6B29FC40-CA47-1067-B31D-00DD010662DA"),
            threading_model: ThreadingModel::Both,
            progid: Some("Contoso.Calc.1".into()),
            version_independent_progid: Some("Contoso.Calc".into()),
            description: Some("a \"calculator\"\nwith\ttabs \\ and é".into()),
        });
        e.classes.push(class_registration(GUID::parse(
            "00000000-0000-0000-0000-000000000001",
        )));
        e.interfaces.push(InterfaceRegistration {
            iid: GUID::parse("00000000-0000-0000-0000-000000000002"),
            name: "ICalc".into(),
            proxy_stub_clsid: Some(GUID::parse("00000000-0000-0000-0000-000000000003")),
        });
        e
    }

    #[test]
    fn render_then_parse_round_trips() {
        let e = sample();
        validate(&e).unwrap();
        let text = render(&e);
        let parsed = parse(text.as_bytes(), Path::new("x.toml"), None).unwrap();
        assert_eq!(parsed.to_entry(), e);
        // Lines point at the clsid keys.
        let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
        assert_eq!(parsed.classes[0].1, line_of("6B29FC40"));
        assert_eq!(parsed.interfaces[0].1, line_of("iid = "));
    }

    #[test]
    fn line_and_column_count_characters() {
        assert_eq!(line_col("ab\ncdé f", 0), (1, 1));
        assert_eq!(line_col("ab\ncdé f", 3), (2, 1));
        assert_eq!(line_col("ab\ncdé f", 8), (2, 5));
        assert_eq!(line_col("ab\ncdé f", 7), (2, 4)); // inside é: clamped to its start
    }

    #[test]
    fn errors_name_line_and_column() {
        let text = "format = 1\nmodule = \"/a/b.so\"\n\n[[class]]\nclsid = \"nope\"\n";
        let e = parse(text.as_bytes(), Path::new("f.toml"), None).unwrap_err();
        match e {
            RegistryError::Parse {
                line,
                column,
                message,
                ..
            } => {
                assert_eq!((line, column), (5, 9));
                assert!(message.contains("\"nope\" is not a GUID"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn relative_paths_resolve_only_with_a_base() {
        let text = "module = \"plugins/libx.so\"\n";
        let e = parse(text.as_bytes(), Path::new("f.toml"), None).unwrap_err();
        assert!(
            matches!(
                e,
                RegistryError::Parse {
                    line: 1,
                    column: 10,
                    ..
                }
            ),
            "{e}"
        );
        let base = abs("/opt/app");
        let ok = parse(text.as_bytes(), Path::new("f.toml"), Some(&base)).unwrap();
        assert_eq!(&*ok.module, base.join("plugins/libx.so"));
    }

    #[test]
    fn progid_rules() {
        assert!(check_progid("Contoso.Calc.1").is_ok());
        assert!(check_progid("").is_err());
        assert!(check_progid("1abc").is_err());
        assert!(check_progid("a b").is_err());
        assert!(check_progid("{6B29FC40-CA47-1067-B31D-00DD010662DA}").is_err());
        assert!(check_progid(&"a".repeat(39)).is_ok());
        assert!(check_progid(&"a".repeat(40)).is_err());
    }

    #[test]
    fn file_names_are_tame_and_distinct() {
        let a = file_name_for(&abs("/x/lib calc.so"));
        let b = file_name_for(&abs("/y/lib calc.so"));
        assert!(a.starts_with("lib_calc.so.") && a.ends_with(".toml"), "{a}");
        assert_ne!(a, b);
        assert_eq!(a, file_name_for(&abs("/x/lib calc.so")));
        assert!(!file_name_for(&abs("/x/.hidden")).starts_with('.'));
    }
}
