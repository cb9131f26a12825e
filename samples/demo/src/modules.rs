//! The server modules the demo uses: built with cargo (the sample cdylibs
//! are workspace packages, not dependencies: a program cannot link a
//! `cdylib`), then copied into the demo's temporary "install" directory so
//! that the copies are what gets loaded, unloaded and looked for in
//! `/proc/self/maps`.
//!
//! HOOK (C-ABI issue): a module built another way (the C++ sample server,
//! compiled with the system C++ compiler against `include/` and libanycom)
//! becomes one more [`Module`] in [`build_all`]'s list; everything after
//! that (registration, activation, unloading) does not care which language
//! a module is written in.

use std::path::{Path, PathBuf};
use std::process::Command;

/// One in-process server module of the demo.
#[derive(Debug, Clone)]
pub struct Module {
    /// What to call it in the narration.
    pub title: &'static str,
    /// The installed copy the demo registers and loads.
    pub path: PathBuf,
}

/// A sample cdylib of this workspace: (cargo package, library name).
struct CargoSample {
    title: &'static str,
    package: &'static str,
    lib: &'static str,
}

const SAMPLES: &[CargoSample] = &[
    CargoSample { title: "Stuff (Rust)", package: "anycom-sample-stuff", lib: "anycom_sample_stuff" },
    CargoSample { title: "Widget (Rust)", package: "anycom-sample-custom-factory", lib: "anycom_sample_custom_factory" },
];

/// The workspace root (this package lives in `samples/demo`).
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The target directory and profile the demo itself was built in, so that
/// the samples reuse the already compiled `anycom` crate.
fn target_dir_and_profile() -> (PathBuf, &'static str) {
    let exe = std::env::current_exe().ok();
    // <target>/<profile>/anycom-demo
    let profile_dir = exe.as_deref().and_then(Path::parent);
    let release = profile_dir.and_then(Path::file_name).is_some_and(|n| n == "release");
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .or_else(|| profile_dir.and_then(Path::parent).map(Path::to_path_buf))
        .unwrap_or_else(|| workspace_root().join("target"));
    (target, if release { "release" } else { "debug" })
}

fn dylib_name(lib: &str) -> String {
    format!("{}{lib}{}", std::env::consts::DLL_PREFIX, std::env::consts::DLL_SUFFIX)
}

/// Builds every module the demo uses and copies each into `install_dir`.
pub fn build_all(install_dir: &Path) -> Result<Vec<Module>, String> {
    let (target, profile) = target_dir_and_profile();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut cmd = Command::new(&cargo);
    cmd.current_dir(workspace_root()).arg("build").arg("--quiet").arg("--target-dir").arg(&target);
    if profile == "release" {
        cmd.arg("--release");
    }
    for s in SAMPLES {
        cmd.args(["-p", s.package]);
    }
    let out = cmd.output().map_err(|e| format!("cannot run {cargo}: {e}"))?;
    if !out.status.success() {
        return Err(format!("building the sample servers failed:\n{}", String::from_utf8_lossy(&out.stderr)));
    }
    let mut modules = Vec::new();
    for s in SAMPLES {
        let built = target.join(profile).join(dylib_name(s.lib));
        let path = install_dir.join(dylib_name(s.lib));
        std::fs::copy(&built, &path).map_err(|e| format!("copying {}: {e}", built.display()))?;
        let path = path.canonicalize().map_err(|e| format!("{}: {e}", path.display()))?;
        modules.push(Module { title: s.title, path });
    }
    Ok(modules)
}

/// Whether `path` is mapped into this process now (`/proc/self/maps`;
/// `None` where there is no such file).
pub fn mapped(path: &Path) -> Option<bool> {
    let maps = std::fs::read_to_string("/proc/self/maps").ok()?;
    Some(maps.contains(path.to_str()?))
}
