//! Building anycom's C and C++ parts with the system compilers (`cc`, `c++`):
//! libanycom itself ([`libanycom`]), the C++ sample server
//! ([`cpp_server`]), the C sample client ([`c_client`]), and any C/C++ test
//! program linked against libanycom ([`program`], [`shared_library`]).
//!
//! Everything is built once per process into `<fixture target>/native/`
//! (see [`crate::fixture_target_dir`]); each output is written under a
//! temporary name and renamed into place, so test binaries running at the
//! same time never see a half-written file. Executables and libraries carry
//! an rpath to libanycom's directory, so they run without
//! `LD_LIBRARY_PATH`. Unix only (the compilers are invoked GCC/Clang-style).
//!
//! The demo can build and run the samples with:
//!
//! ```no_run
//! let server = anycom_tests::native::cpp_server();   // libanycom_cpp_server.so
//! let client = anycom_tests::native::c_client();     // c_client executable
//! ```

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};

/// The language of a source file, from its extension (`.c` is C, anything
/// else C++).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// C11.
    C,
    /// C++17.
    Cpp,
}

impl Lang {
    fn of(source: &Path) -> Lang {
        if source.extension().is_some_and(|e| e == "c") {
            Lang::C
        } else {
            Lang::Cpp
        }
    }
    fn compiler(self) -> String {
        let (var, default) = match self {
            Lang::C => ("CC", "cc"),
            Lang::Cpp => ("CXX", "c++"),
        };
        std::env::var(var).unwrap_or_else(|_| default.to_owned())
    }
    fn std_flag(self) -> &'static str {
        match self {
            Lang::C => "-std=c11",
            Lang::Cpp => "-std=c++17",
        }
    }
}

/// Warnings every anycom C/C++ source compiles clean with.
pub const WARNINGS: &[&str] = &["-Wall", "-Wextra", "-Werror", "-pedantic"];

/// `include/`: anycom's COM headers.
pub fn include_dir() -> PathBuf {
    crate::workspace_root().join("include")
}

/// `samples/cpp_server/include/`: `anycom_samples.h` (the sample interfaces for C and C++).
pub fn samples_include_dir() -> PathBuf {
    crate::workspace_root()
        .join("samples")
        .join("cpp_server")
        .join("include")
}

/// `tests/c/`: the C and C++ test programs.
pub fn test_sources_dir() -> PathBuf {
    crate::workspace_root().join("tests").join("c")
}

/// Where native outputs go: `<fixture target>/native/`.
pub fn native_dir() -> PathBuf {
    let d = crate::fixture_target_dir().join("native");
    std::fs::create_dir_all(&d).expect("create native output dir");
    d
}

/// libanycom (package `anycom-capi`), built by cargo as a fixture: the path
/// of `libanycom.so` (`.dylib`).
pub fn libanycom() -> PathBuf {
    crate::cdylib("anycom-capi", "anycom")
}

/// The directory holding [`libanycom`], for `-L` and the rpath.
pub fn libanycom_dir() -> PathBuf {
    libanycom()
        .parent()
        .expect("libanycom has a directory")
        .to_path_buf()
}

fn built() -> &'static Mutex<HashMap<String, PathBuf>> {
    static BUILT: OnceLock<Mutex<HashMap<String, PathBuf>>> = OnceLock::new();
    BUILT.get_or_init(|| Mutex::new(HashMap::new()))
}

fn describe(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for a in cmd.get_args() {
        s.push(' ');
        s.push_str(&a.to_string_lossy());
    }
    s
}

fn run_compiler(mut cmd: Command) {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run `{}`: {e}", describe(&cmd)));
    assert!(
        out.status.success(),
        "`{}` failed ({}):\n{}{}",
        describe(&cmd),
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Executable,
    SharedLibrary,
}

/// Compiles `sources` (each with its own language) and links them with
/// libanycom into `out` (temporary name, then rename).
fn build(out: &Path, sources: &[PathBuf], kind: Kind, extra: &[&str]) {
    let lib_dir = libanycom_dir();
    let tmp_dir = native_dir().join(format!(
        ".build-{}-{}",
        out.file_name().unwrap().to_string_lossy(),
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&tmp_dir);
    std::fs::create_dir_all(&tmp_dir).expect("create build dir");
    let mut objects = Vec::new();
    let mut link_lang = Lang::C;
    for (i, src) in sources.iter().enumerate() {
        let lang = Lang::of(src);
        if lang == Lang::Cpp {
            link_lang = Lang::Cpp;
        }
        let obj = tmp_dir.join(format!(
            "{i}-{}.o",
            src.file_stem().unwrap().to_string_lossy()
        ));
        let mut cmd = Command::new(lang.compiler());
        cmd.args(WARNINGS)
            .arg(lang.std_flag())
            .args(["-g", "-O2", "-fPIC"])
            .arg("-I")
            .arg(include_dir())
            .arg("-I")
            .arg(samples_include_dir())
            .arg("-I")
            .arg(test_sources_dir())
            .args(extra)
            .arg("-c")
            .arg(src)
            .arg("-o")
            .arg(&obj);
        if kind == Kind::SharedLibrary {
            cmd.arg("-fvisibility=hidden");
        }
        run_compiler(cmd);
        objects.push(obj);
    }
    let tmp_out = tmp_dir.join(out.file_name().unwrap());
    let mut cmd = Command::new(link_lang.compiler());
    cmd.args(&objects);
    if kind == Kind::SharedLibrary {
        cmd.arg("-shared");
    }
    cmd.arg("-o")
        .arg(&tmp_out)
        .arg("-L")
        .arg(&lib_dir)
        .arg("-lanycom")
        .arg(format!("-Wl,-rpath,{}", lib_dir.display()));
    if cfg!(target_os = "linux") {
        cmd.arg("-ldl").arg("-lpthread");
    }
    run_compiler(cmd);
    std::fs::rename(&tmp_out, out)
        .unwrap_or_else(|e| panic!("rename {} to {}: {e}", tmp_out.display(), out.display()));
    let _ = std::fs::remove_dir_all(&tmp_dir);
}

fn build_once(name: &str, kind: Kind, sources: &[PathBuf], extra: &[&str]) -> PathBuf {
    let file = match kind {
        Kind::Executable => name.to_owned(),
        Kind::SharedLibrary => crate::dylib_file_name(name),
    };
    let mut map = built().lock().unwrap_or_else(|e| e.into_inner());
    if let Some(p) = map.get(&file) {
        return p.clone();
    }
    let out = native_dir().join(&file);
    build(&out, sources, kind, extra);
    map.insert(file, out.clone());
    out
}

/// Builds an executable `name` from `sources` (`.c` as C11, others as
/// C++17, warning-free with [`WARNINGS`]), with `include/`,
/// `samples/cpp_server/include/` and `tests/c/` on the include path,
/// linked with libanycom. Once per process; returns its path.
pub fn program(name: &str, sources: &[PathBuf]) -> PathBuf {
    build_once(name, Kind::Executable, sources, &[])
}

/// Builds a shared library `name` (`lib<name>.so`) as [`program`] builds an
/// executable, with `-fvisibility=hidden` (only `ANYCOM_MODULE_EXPORT`
/// functions are exported). Once per process; returns its path.
pub fn shared_library(name: &str, sources: &[PathBuf]) -> PathBuf {
    build_once(name, Kind::SharedLibrary, sources, &[])
}

/// The C++ sample server (`samples/cpp_server`): `libanycom_cpp_server.so`.
pub fn cpp_server() -> PathBuf {
    let src = crate::workspace_root()
        .join("samples")
        .join("cpp_server")
        .join("src");
    let sources: Vec<PathBuf> = ["module.cpp", "stuff.cpp", "calculator.cpp"]
        .iter()
        .map(|f| src.join(f))
        .collect();
    shared_library("anycom_cpp_server", &sources)
}

/// The C sample client (`samples/c_client/c_client.c`): the `c_client` executable.
pub fn c_client() -> PathBuf {
    program(
        "c_client",
        &[crate::workspace_root()
            .join("samples")
            .join("c_client")
            .join("c_client.c")],
    )
}

/// A test program built from `tests/c/<file>` for each of `files`.
pub fn test_program(name: &str, files: &[&str]) -> PathBuf {
    let dir = test_sources_dir();
    program(name, &files.iter().map(|f| dir.join(f)).collect::<Vec<_>>())
}

/// How [`run`] runs a program.
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    /// `ANYCOM_REGISTRY` for the program (a directory), if any.
    pub registry: Option<PathBuf>,
    /// Run under valgrind's memcheck ([`valgrind_command`]).
    pub valgrind: bool,
    /// Extra environment variables.
    pub env: Vec<(String, String)>,
}

/// The valgrind suppressions for libanycom's C tests (`tests/c/capi_valgrind.supp`):
/// one-time allocations of the Rust standard library and the runtime's
/// process-wide tables, each justified in the file.
pub fn valgrind_suppressions() -> PathBuf {
    test_sources_dir().join("capi_valgrind.supp")
}

/// `valgrind --tool=memcheck --error-exitcode=1 --leak-check=full` with the
/// suppressions, ready for the program and its arguments.
pub fn valgrind_command() -> Command {
    let mut cmd = Command::new("valgrind");
    cmd.args([
        "--tool=memcheck",
        "--error-exitcode=1",
        "--leak-check=full",
        "--num-callers=40",
        "--quiet",
    ])
    .arg(format!(
        "--suppressions={}",
        valgrind_suppressions().display()
    ));
    cmd
}

/// Whether valgrind can be run.
pub fn have_valgrind() -> bool {
    Command::new("valgrind")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs `program` with `args` and returns its output (never panics on a
/// failing status: see [`assert_ran_clean`]).
pub fn run(program: &Path, args: &[&str], options: &RunOptions) -> std::process::Output {
    let mut cmd = if options.valgrind {
        let mut c = valgrind_command();
        c.arg(program);
        c
    } else {
        Command::new(program)
    };
    cmd.args(args);
    // The programs find libanycom through their rpath. `cargo test` sets
    // LD_LIBRARY_PATH to its own target directory, which may hold another
    // (older) libanycom and would take precedence over a DT_RUNPATH.
    cmd.env_remove("LD_LIBRARY_PATH")
        .env_remove("DYLD_LIBRARY_PATH");
    if let Some(r) = &options.registry {
        cmd.env("ANYCOM_REGISTRY", r);
    }
    for (k, v) in &options.env {
        cmd.env(k, v);
    }
    cmd.output()
        .unwrap_or_else(|e| panic!("cannot run `{}`: {e}", describe(&cmd)))
}

/// Panics with the program's output unless it exited with status 0.
pub fn assert_ran_clean(what: &str, out: &std::process::Output) -> String {
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{what} failed ({}):\n--- stdout\n{stdout}\n--- stderr\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}
