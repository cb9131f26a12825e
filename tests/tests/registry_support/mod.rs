//! Helpers for the registry tests (`registry_*.rs`): empty module files to
//! register, the check that a write left no temporary file behind, and
//! re-running one test of the same binary in a child process (another
//! process writing or reading the same layer).
#![allow(dead_code)]

use anycom_loader::registry::Layer;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Set in a child process started by [`child_test`].
pub const CHILD: &str = "ANYCOM_REGISTRY_TEST_CHILD";

/// Whether this process is a child started by [`child_test`].
pub fn is_child() -> bool {
    std::env::var_os(CHILD).is_some()
}

/// Creates an empty file `dir/name` (a module to register) and returns its
/// canonical path.
pub fn empty_module(dir: &Path, name: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, b"").unwrap();
    p.canonicalize().unwrap()
}

/// Asserts that no temporary file (`*.tmp`) is left in the layer's directory.
pub fn assert_no_temp_files(layer: &Layer) {
    for e in std::fs::read_dir(layer.path()).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            !name.ends_with(".tmp"),
            "temporary file left behind: {name}"
        );
    }
}

/// A command running only this binary's test `name`, as a child (with
/// [`CHILD`] set); the caller adds the environment the child reads.
pub fn child_test(name: &str) -> Command {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args([name, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD, "1");
    cmd
}

/// Asserts that a child started by [`child_test`] ran its one test and passed.
pub fn assert_child_passed(name: &str, out: &Output) {
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "child {name} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
