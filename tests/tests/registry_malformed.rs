//! The registry and malformed files: every file of the corpus under
//! `tests/data/registry/malformed/` (empty, truncated, binary garbage, wrong
//! types, unknown keys, relative paths, bad GUIDs, unknown threading models,
//! duplicate CLSIDs across files…) plus generated ones (a 10 MB value, an
//! over-long value, a dangling link) gives one problem naming the file and
//! the line, while every well-formed entry stays usable.

use std::path::{Path, PathBuf};

use anycom::GUID;
use anycom_loader::registry::{Layer, MAX_FILE_SIZE, Registry, RegistryError, ThreadingModel};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/registry/malformed");
const PREFIX: &str = "/opt/anycom-test/";

/// An absolute path prefix for this platform (the corpus is written with
/// Unix paths).
fn abs_prefix() -> &'static str {
    if cfg!(windows) {
        "C:/anycom-test/"
    } else {
        PREFIX
    }
}

/// Copies the corpus into a fresh directory (adapting the absolute paths to
/// the platform) and returns it.
fn corpus_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for ent in std::fs::read_dir(CORPUS).unwrap() {
        let ent = ent.unwrap();
        let bytes = std::fs::read(ent.path()).unwrap();
        let bytes = match String::from_utf8(bytes) {
            Ok(text) => text.replace(PREFIX, abs_prefix()).into_bytes(),
            Err(e) => e.into_bytes(),
        };
        std::fs::write(dir.path().join(ent.file_name()), bytes).unwrap();
    }
    dir
}

fn g(s: &str) -> GUID {
    GUID::parse(s)
}

/// The single problem about `file`, or a panic listing them all.
fn problem_for<'a>(problems: &'a [RegistryError], dir: &Path, file: &str) -> &'a RegistryError {
    let path = dir.join(file);
    let found: Vec<_> = problems
        .iter()
        .filter(|p| p.path() == Some(path.as_path()))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one problem for {file}, got {found:#?}\nall: {problems:#?}"
    );
    found[0]
}

/// Asserts a `Parse` problem for `file` at `line:column` whose message
/// contains `needle`, and that its display names the file and position.
fn assert_parse(
    problems: &[RegistryError],
    dir: &Path,
    file: &str,
    line: usize,
    column: usize,
    needle: &str,
) {
    let p = problem_for(problems, dir, file);
    match p {
        RegistryError::Parse {
            path,
            line: l,
            column: c,
            message,
        } => {
            assert_eq!(path, &dir.join(file));
            assert_eq!((*l, *c), (line, column), "{file}: {message}");
            assert!(
                message.contains(needle),
                "{file}: {message:?} does not contain {needle:?}"
            );
        }
        other => panic!("{file}: expected a parse error, got {other:?}"),
    }
    let shown = p.to_string();
    let prefix = format!("{}:{line}:{column}: ", dir.join(file).display());
    assert!(
        shown.starts_with(&prefix),
        "{shown:?} should start with {prefix:?}"
    );
}

#[test]
fn smoke_the_good_file_alone_has_no_problem() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        Path::new(CORPUS).join("good.toml"),
        dir.path().join("good.toml"),
    )
    .unwrap();
    if cfg!(windows) {
        let t = std::fs::read_to_string(dir.path().join("good.toml"))
            .unwrap()
            .replace(PREFIX, abs_prefix());
        std::fs::write(dir.path().join("good.toml"), t).unwrap();
    }
    let r = Registry::with_layers(vec![Layer::dir(dir.path())]);
    assert!(r.problems().is_empty(), "{:?}", r.problems());
    let c = r
        .lookup_class(&g("11111111-0000-0000-0000-000000000001"))
        .unwrap();
    assert_eq!(c.threading_model, ThreadingModel::Apartment);
    assert_eq!(
        &*c.module,
        Path::new(&format!("{}libgood.so", abs_prefix()))
    );
}

#[test]
fn every_malformed_file_is_reported_and_the_rest_still_works() {
    let dir = corpus_copy();
    let d = dir.path();
    let r = Registry::with_layers(vec![Layer::dir(d)]);
    let problems = r.problems();
    for p in &problems {
        eprintln!("{p}");
    }

    assert_parse(&problems, d, "empty.toml", 1, 1, "the file is empty");
    assert_parse(
        &problems,
        d,
        "truncated.toml",
        4,
        32,
        "invalid basic string",
    );
    assert_parse(
        &problems,
        d,
        "garbage.toml",
        2,
        11,
        "not UTF-8 text (byte 0xFF)",
    );
    assert_parse(
        &problems,
        d,
        "wrong_type_module.toml",
        2,
        10,
        "invalid type: integer `42`, expected a string",
    );
    assert_parse(
        &problems,
        d,
        "wrong_type_class.toml",
        3,
        9,
        "expected a sequence",
    );
    assert_parse(
        &problems,
        d,
        "relative_path.toml",
        3,
        10,
        "\"lib/librelative.so\" is relative",
    );
    assert_parse(&problems, d, "bad_clsid.toml", 7, 9, "is not a GUID");
    assert_parse(
        &problems,
        d,
        "unknown_threading_model.toml",
        5,
        19,
        "unknown ThreadingModel \"Rental\"",
    );
    assert_parse(&problems, d, "unknown_key.toml", 5, 1, "threadingmodel");
    assert_parse(
        &problems,
        d,
        "missing_module.toml",
        1,
        1,
        "missing field `module`",
    );
    assert_parse(
        &problems,
        d,
        "future_format.toml",
        1,
        10,
        "format 2 is not understood",
    );
    assert_parse(&problems, d, "bad_progid.toml", 5, 10, "contains ' '");

    // The duplicate: both files named, the first file name wins.
    match problem_for(&problems, d, "dup_b.toml") {
        RegistryError::Duplicate {
            what,
            kept,
            ignored,
        } => {
            assert_eq!(what, "CLSID {DDDDDDDD-0000-0000-0000-000000000001}");
            assert_eq!(
                (kept.path.as_path(), kept.line),
                (d.join("dup_a.toml").as_path(), 5)
            );
            assert_eq!(
                (ignored.path.as_path(), ignored.line),
                (d.join("dup_b.toml").as_path(), 8)
            );
        }
        other => panic!("expected a duplicate, got {other:?}"),
    }
    assert_eq!(problems.len(), 13, "{problems:#?}");

    // What is well-formed still works.
    let good = r
        .lookup_class(&g("11111111-0000-0000-0000-000000000001"))
        .expect("good class hidden");
    assert_eq!(good.progid.as_deref(), Some("Good.Thing.1"));
    assert_eq!(r.clsid_from_progid("Good.Thing"), Some(good.clsid));
    assert_eq!(
        r.lookup_interface(&g("11111111-0000-0000-0000-0000000000AA"))
            .unwrap()
            .name,
        "IGood"
    );
    let dup = r
        .lookup_class(&g("DDDDDDDD-0000-0000-0000-000000000001"))
        .unwrap();
    assert_eq!(dup.module.file_name().unwrap(), "libdupa.so");
    assert_eq!(dup.origin.file.as_ref(), d.join("dup_a.toml"));
    assert_eq!(r.clsid_from_progid("Dup.A.1"), Some(dup.clsid));
    assert_eq!(
        r.clsid_from_progid("Dup.B.1"),
        None,
        "the ignored duplicate's ProgID must not resolve"
    );
    let other = r
        .lookup_class(&g("EEEEEEEE-0000-0000-0000-000000000001"))
        .expect("dup_b's other class hidden");
    assert_eq!(other.module.file_name().unwrap(), "libdupb.so");
    // bad_clsid.toml's first class is valid, but the file as a whole is skipped.
    assert!(
        r.lookup_class(&g("55555555-0000-0000-0000-000000000001"))
            .is_none()
    );

    // list() shows the loser of the duplicate as not effective.
    let listed = r.list();
    let d_entries: Vec<_> = listed
        .iter()
        .filter(|c| c.entry.clsid == g("DDDDDDDD-0000-0000-0000-000000000001"))
        .collect();
    assert_eq!(d_entries.len(), 2);
    assert!(d_entries[0].effective && !d_entries[1].effective);
    assert_eq!(listed.len(), 4);
}

fn write_class_file(dir: &Path, name: &str, clsid: &str, extra: &str) -> PathBuf {
    let path = dir.join(name);
    let text = format!(
        "module = \"{}lib{}.so\"\n\n[[class]]\nclsid = \"{clsid}\"\n{extra}",
        abs_prefix(),
        name.trim_end_matches(".toml")
    );
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn huge_files_and_values_are_refused_without_hiding_others() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_class_file(d, "fine.toml", "{12345678-0000-0000-0000-000000000001}", "");
    // A 10 MB string value: the file is over the size limit and not read.
    let huge = "x".repeat(10 << 20);
    write_class_file(
        d,
        "huge.toml",
        "{12345678-0000-0000-0000-000000000002}",
        &format!("description = \"{huge}\"\n"),
    );
    // A value over the per-value limit in a file under the size limit.
    let long = "y".repeat(5000);
    write_class_file(
        d,
        "long.toml",
        "{12345678-0000-0000-0000-000000000003}",
        &format!("description = \"{long}\"\n"),
    );
    // A 10 MB module path.
    std::fs::write(d.join("hugepath.toml"), format!("module = \"/{huge}\"\n")).unwrap();

    let r = Registry::with_layers(vec![Layer::dir(d)]);
    let problems = r.problems();
    match problem_for(&problems, d, "huge.toml") {
        RegistryError::TooLarge { size, limit, .. } => {
            assert!(*size > 10 << 20);
            assert_eq!(*limit, MAX_FILE_SIZE);
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        problem_for(&problems, d, "hugepath.toml"),
        RegistryError::TooLarge { .. }
    ));
    assert!(
        problem_for(&problems, d, "huge.toml")
            .to_string()
            .contains("huge.toml")
    );
    assert_parse(
        &problems,
        d,
        "long.toml",
        5,
        15,
        "5000 bytes long, over the 4096-byte limit",
    );
    assert_eq!(problems.len(), 3);
    assert!(
        r.lookup_class(&g("12345678-0000-0000-0000-000000000001"))
            .is_some()
    );
    assert!(
        r.lookup_class(&g("12345678-0000-0000-0000-000000000002"))
            .is_none()
    );
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_an_io_problem_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_class_file(d, "fine.toml", "{12345678-0000-0000-0000-000000000001}", "");
    std::os::unix::fs::symlink(d.join("nowhere.toml.target"), d.join("dangling.toml")).unwrap();
    // A directory with a registry file's name is not a registry file.
    std::fs::create_dir(d.join("subdir.toml")).unwrap();
    let r = Registry::with_layers(vec![Layer::dir(d)]);
    let problems = r.problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    match &problems[0] {
        RegistryError::Io { op, path, source } => {
            assert_eq!(*op, "read");
            assert_eq!(path, &d.join("dangling.toml"));
            assert_eq!(source.kind(), std::io::ErrorKind::NotFound);
        }
        other => panic!("{other:?}"),
    }
    assert!(problems[0].to_string().starts_with(&format!(
        "cannot read {}",
        d.join("dangling.toml").display()
    )));
    assert!(
        r.lookup_class(&g("12345678-0000-0000-0000-000000000001"))
            .is_some()
    );
}

#[test]
fn a_file_fixed_later_is_picked_up_and_its_problem_goes_away() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let path = write_class_file(d, "x.toml", "not-a-guid", "");
    let r = Registry::with_layers(vec![Layer::dir(d)]);
    assert_eq!(r.problems().len(), 1);
    let clsid = "{12345678-0000-0000-0000-0000000000FF}";
    // Fixed in place (no rename, no generation bump): refresh() stats every file.
    std::fs::write(
        &path,
        format!(
            "module = \"{}libx.so\"\n\n[[class]]\nclsid = \"{clsid}\"\n",
            abs_prefix()
        ),
    )
    .unwrap();
    r.refresh();
    assert!(r.problems().is_empty(), "{:?}", r.problems());
    assert!(r.lookup_class(&g(clsid)).is_some());
}
