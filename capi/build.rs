//! Writes `anycom.pc` (from `anycom.pc.in`) next to the library being built,
//! `target/<profile>/anycom.pc`, for the build tree: headers from the
//! source tree's `include/`, the library from that directory, with an rpath.
//! So after `cargo build --release`,
//! `PKG_CONFIG_PATH=target/release pkg-config --cflags --libs anycom` works.

use std::path::{Path, PathBuf};

fn main() {
    println!("cargo::rerun-if-changed=anycom.pc.in");
    println!("cargo::rerun-if-changed=build.rs");
    // libanycom is a process's runtime: it registers per-thread cleanup
    // (thread-local destructors) and hands its runtime table to modules it
    // attaches, so it must never be unmapped while the process runs, even
    // when a host dlopens and dlcloses a module that depends on it.
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if os == "linux" || os == "android" || os.ends_with("bsd") {
        println!("cargo::rustc-cdylib-link-arg=-Wl,-z,nodelete");
    }
    let manifest = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    // OUT_DIR is <target>/[<triple>/]<profile>/build/<package>-<hash>/out.
    let Some(profile_dir) = out_dir.ancestors().nth(3) else {
        return;
    };
    let root = manifest.parent().expect("capi/ is in the workspace");
    let include = root.join("include");
    let template =
        std::fs::read_to_string(manifest.join("anycom.pc.in")).expect("read anycom.pc.in");
    let windows = std::env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "windows");
    let rpath = if windows {
        String::new()
    } else {
        " -Wl,-rpath,${libdir}".to_owned()
    };
    let text = template
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n")
        .replace("@PREFIX@", &path(root))
        .replace("@INCLUDEDIR@", &path(&include))
        .replace("@LIBDIR@", &path(profile_dir))
        .replace(
            "@VERSION@",
            &std::env::var("CARGO_PKG_VERSION").expect("cargo sets the version"),
        )
        .replace("@RPATH@", &rpath);
    let text = text + "\n";
    let target = profile_dir.join("anycom.pc");
    // Only rewrite on change, and atomically (a concurrent build may be reading it).
    if std::fs::read_to_string(&target).ok().as_deref() != Some(text.as_str()) {
        let tmp = profile_dir.join(format!(".anycom.pc.{}", std::process::id()));
        std::fs::write(&tmp, &text).expect("write anycom.pc");
        std::fs::rename(&tmp, &target).expect("rename anycom.pc into place");
    }
}

fn path(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}
