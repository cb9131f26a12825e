//! Baselines and shared set-up for anycom's benchmarks.

use core::ffi::c_void;
use std::path::PathBuf;
use std::process::Command;

unsafe extern "C" {
    /// Creates the hand-written C object (one reference) answering `iid`.
    pub fn anycom_bench_c_create(iid: *const anycom::GUID, value: u32) -> *mut c_void;
}

/// A server module's `DllGetClassObject` export.
pub type DllGetClassObjectFn = unsafe extern "system" fn(
    *const anycom::GUID,
    *const anycom::GUID,
    *mut *mut c_void,
) -> anycom::HRESULT;

/// Builds the Stuff sample with `cargo build --release` into a target
/// directory beside the running benchmark's (`<target>/bench-fixtures`) and
/// returns the shared library's path.
pub fn build_stuff_server() -> PathBuf {
    let exe = std::env::current_exe().expect("benchmark path");
    // <target>/release/deps/<bench>-<hash>
    let target = exe
        .ancestors()
        .nth(3)
        .expect("target dir")
        .join("bench-fixtures");
    let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace")
        .to_path_buf();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .current_dir(&workspace)
        .args([
            "build",
            "--quiet",
            "--release",
            "-p",
            "anycom-sample-stuff",
            "--target-dir",
        ])
        .arg(&target)
        .output()
        .expect("run cargo build");
    assert!(
        out.status.success(),
        "building the Stuff sample failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let name = format!(
        "{}anycom_sample_stuff{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    );
    target.join("release").join(name)
}
