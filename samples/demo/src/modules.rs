//! The server modules the demo uses: built with cargo (the sample cdylibs
//! are workspace packages, not dependencies: a program cannot link a
//! `cdylib`), then copied into the demo's temporary "install" directory so
//! that the copies are what gets loaded, unloaded and looked for in
//! `/proc/self/maps`.
//!
//! The same cargo run builds libanycom (`-p anycom-capi`); the C++ sample
//! server is then compiled against it with the system C++ compiler
//! ([`crate::native`]) straight into the install directory, and becomes one
//! more [`Module`]: registration, activation and unloading do not care
//! which language a module is written in. The C client is compiled next to
//! it. Without a C/C++ toolchain, that part is skipped and says why.

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
    CargoSample {
        title: "Stuff (Rust)",
        package: "anycom-sample-stuff",
        lib: "anycom_sample_stuff",
    },
    CargoSample {
        title: "Widget (Rust)",
        package: "anycom-sample-custom-factory",
        lib: "anycom_sample_custom_factory",
    },
];

/// The workspace root (this package lives in `samples/demo`).
fn workspace_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize().unwrap_or(root)
}

/// The target directory and profile the demo itself was built in, so that
/// the samples reuse the already compiled `anycom` crate.
fn target_dir_and_profile() -> (PathBuf, &'static str) {
    let exe = std::env::current_exe().ok();
    // <target>/<profile>/anycom-demo
    let profile_dir = exe.as_deref().and_then(Path::parent);
    let release = profile_dir
        .and_then(Path::file_name)
        .is_some_and(|n| n == "release");
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .or_else(|| profile_dir.and_then(Path::parent).map(Path::to_path_buf))
        .unwrap_or_else(|| workspace_root().join("target"));
    (target, if release { "release" } else { "debug" })
}

/// The platform's file name of the shared library `lib` (`lib<lib>.so`,
/// `lib<lib>.dylib`, `<lib>.dll`).
pub fn dylib_name(lib: &str) -> String {
    format!(
        "{}{lib}{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    )
}

/// Everything [`build_all`] built.
#[derive(Debug)]
pub struct Built {
    /// The Rust sample servers, then the C++ server when it was built.
    pub modules: Vec<Module>,
    /// The C++ server and the C client, or why they were skipped.
    pub native: Result<crate::native::Built, String>,
}

/// Builds every module the demo uses and puts each into `install_dir`:
/// the Rust samples (and libanycom, when a C/C++ toolchain is there) with
/// cargo, then the C++ server and the C client with the system compilers.
pub fn build_all(install_dir: &Path) -> Result<Built, String> {
    let (target, profile) = target_dir_and_profile();
    let tools = crate::native::toolchain();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut cmd = Command::new(&cargo);
    cmd.current_dir(workspace_root())
        .arg("build")
        .arg("--quiet")
        .arg("--target-dir")
        .arg(&target);
    if profile == "release" {
        cmd.arg("--release");
    }
    for s in SAMPLES {
        cmd.args(["-p", s.package]);
    }
    if tools.is_ok() {
        cmd.args(["-p", "anycom-capi"]);
    }
    let out = cmd
        .output()
        .map_err(|e| format!("cannot run {cargo}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "building the sample servers failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let mut modules = Vec::new();
    for s in SAMPLES {
        let built = target.join(profile).join(dylib_name(s.lib));
        let path = install_dir.join(dylib_name(s.lib));
        std::fs::copy(&built, &path).map_err(|e| format!("copying {}: {e}", built.display()))?;
        let path = path
            .canonicalize()
            .map_err(|e| format!("{}: {e}", path.display()))?;
        modules.push(Module {
            title: s.title,
            path,
        });
    }
    let lib_dir = target.join(profile);
    let native = tools
        .and_then(|tools| crate::native::build(&tools, &workspace_root(), &lib_dir, install_dir));
    if let Ok(n) = &native {
        modules.push(Module {
            title: "C++ server",
            path: n.cpp_server.clone(),
        });
    }
    Ok(Built { modules, native })
}

/// Whether `path` is mapped into this process now (`/proc/self/maps`;
/// `None` where there is no such file).
pub fn mapped(path: &Path) -> Option<bool> {
    let maps = std::fs::read_to_string("/proc/self/maps").ok()?;
    Some(maps.contains(path.to_str()?))
}

/// Whether a file called `name` (any directory) is mapped into this process
/// now; `None` where there is no `/proc/self/maps`.
pub fn file_mapped(name: &str) -> Option<bool> {
    let maps = std::fs::read_to_string("/proc/self/maps").ok()?;
    Some(maps.lines().any(|l| l.ends_with(&format!("/{name}"))))
}
