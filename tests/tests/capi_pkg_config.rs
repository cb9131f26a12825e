//! The pkg-config file: building libanycom writes `anycom.pc` next to it
//! (`capi/build.rs` from `capi/anycom.pc.in`), and a C program compiled and
//! linked with nothing but `pkg-config --cflags --libs anycom` runs (the rpath
//! finds the library). Also the README's plain compile line,
//! `cc app.c -I include -L <dir> -lanycom`.
#![cfg(unix)]

use anycom_tests::native;
use std::process::Command;

fn hello_source() -> std::path::PathBuf {
    native::test_sources_dir().join("capi_hello.c")
}

#[test]
fn anycom_pc_describes_the_build_tree() {
    let lib = native::libanycom();
    let dir = lib.parent().unwrap();
    let pc = std::fs::read_to_string(dir.join("anycom.pc")).expect("anycom.pc next to libanycom");
    assert!(
        pc.contains(&format!("includedir={}", native::include_dir().display())),
        "{pc}"
    );
    assert!(pc.contains(&format!("libdir={}", dir.display())), "{pc}");
    assert!(pc.contains("Libs: -L${libdir} -lanycom"), "{pc}");
    assert!(
        pc.contains(&format!("Version: {}", env!("CARGO_PKG_VERSION"))),
        "{pc}"
    );
    assert!(!pc.contains('@'), "unfilled placeholder in\n{pc}");
}

#[test]
fn a_program_builds_with_pkg_config_alone() {
    let lib = native::libanycom();
    let dir = lib.parent().unwrap();
    let flags = Command::new("pkg-config")
        .args(["--cflags", "--libs", "anycom"])
        .env("PKG_CONFIG_PATH", dir)
        .output()
        .expect("pkg-config is needed for this test");
    assert!(
        flags.status.success(),
        "{}",
        String::from_utf8_lossy(&flags.stderr)
    );
    let flags = String::from_utf8(flags.stdout).unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let exe = out_dir.path().join("hello");
    let cc = Command::new("cc")
        .arg(hello_source())
        .args(flags.split_whitespace())
        .arg("-o")
        .arg(&exe)
        .output()
        .unwrap();
    assert!(
        cc.status.success(),
        "cc {flags}: {}",
        String::from_utf8_lossy(&cc.stderr)
    );
    let run = Command::new(&exe)
        .env_remove("LD_LIBRARY_PATH")
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(stdout.contains("hello from libanycom 0.1.0"), "{stdout}");
    assert_eq!(stdout.lines().next().unwrap().len(), 38, "{stdout}");
}

#[test]
fn the_readme_compile_line_works() {
    let lib = native::libanycom();
    let dir = lib.parent().unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let exe = out_dir.path().join("hello");
    // cc app.c -I include -L target/release -lanycom
    let cc = Command::new("cc")
        .arg(hello_source())
        .arg("-I")
        .arg(native::include_dir())
        .arg("-L")
        .arg(dir)
        .arg("-lanycom")
        .arg("-o")
        .arg(&exe)
        .output()
        .unwrap();
    assert!(
        cc.status.success(),
        "{}",
        String::from_utf8_lossy(&cc.stderr)
    );
    let run = Command::new(&exe)
        .env("LD_LIBRARY_PATH", dir)
        .env("DYLD_LIBRARY_PATH", dir)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}
