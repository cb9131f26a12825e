//! Shared helpers for anycom's integration tests.
//!
//! [`cdylib`] builds a workspace package that is a shared library (a sample
//! COM server) once per test process, into its own target directory (`target/fixtures`, or
//! `ANYCOM_FIXTURE_TARGET_DIR`), and returns the library's path: the pattern of
//! libloading's `tests/functions.rs`, with cargo doing the compiling.

pub mod native;
pub mod objects;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, MutexGuard, OnceLock};

static SERIAL: Mutex<()> = Mutex::new(());

/// Serializes the tests of one test binary that share process-wide state
/// (the MTA, the class table, the class source, the fixture objects' live
/// counts). Each test binary links its own copy of this crate, so the lock
/// is per binary.
pub fn serial() -> MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

/// Runs `f` on a fresh thread (so its COM initialization is its own) and returns its result.
pub fn on_thread<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    std::thread::scope(|s| s.spawn(f).join().unwrap())
}

/// `s` as a NUL-terminated UTF-16 string (an `LPCOLESTR` argument).
pub fn wide(s: &str) -> Vec<u16> {
    s.encode_utf16().chain(Some(0)).collect()
}

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// Where fixtures are built (shared by every test binary of this run).
pub fn fixture_target_dir() -> PathBuf {
    let base = std::env::var_os("ANYCOM_FIXTURE_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target").join("fixtures"));
    std::fs::create_dir_all(&base).expect("create fixture target dir");
    base
}

/// The platform's file name for a shared library called `name`
/// (`libname.so`, `libname.dylib`, `name.dll`).
pub fn dylib_file_name(name: &str) -> String {
    format!(
        "{}{}{}",
        std::env::consts::DLL_PREFIX,
        name.replace('-', "_"),
        std::env::consts::DLL_SUFFIX
    )
}

fn built() -> &'static Mutex<HashMap<String, PathBuf>> {
    static BUILT: OnceLock<Mutex<HashMap<String, PathBuf>>> = OnceLock::new();
    BUILT.get_or_init(|| Mutex::new(HashMap::new()))
}

/// Builds the workspace package `package` (`cargo build`, debug) into the
/// fixture target directory and returns the directory its outputs are in
/// (`<fixture target>/debug`). Panics with cargo's output if the build fails.
pub fn build_package(package: &str) -> PathBuf {
    let target = fixture_target_dir();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .current_dir(workspace_root())
        .args(["build", "--quiet", "-p", package, "--target-dir"])
        .arg(&target)
        .output()
        .expect("run cargo build for a fixture");
    if !out.status.success() {
        panic!(
            "building fixture {package} failed:\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    target.join("debug")
}

/// Builds the workspace package `package` (a `cdylib` whose library is
/// named `lib_name`) once per process and returns the absolute path of the
/// shared library. Panics with cargo's output if the build fails.
pub fn cdylib(package: &str, lib_name: &str) -> PathBuf {
    let mut map = built().lock().unwrap_or_else(|e| e.into_inner());
    if let Some(p) = map.get(package) {
        return p.clone();
    }
    let path = build_package(package).join(dylib_file_name(lib_name));
    assert!(
        path.exists(),
        "fixture {package} did not produce {}",
        path.display()
    );
    let path = path.canonicalize().expect("canonical fixture path");
    map.insert(package.to_string(), path.clone());
    path
}
