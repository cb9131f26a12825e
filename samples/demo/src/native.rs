//! The demo's C and C++ parts, built with the system compilers (`c++` and
//! `cc`, or `$CXX` and `$CC`) the way a C/C++ user builds against anycom:
//! `-I include` for the COM headers, `-lanycom` to link libanycom, and an
//! rpath to libanycom's directory so that the results run without
//! `LD_LIBRARY_PATH`:
//!
//! - the C++ sample server (`samples/cpp_server`), an in-process server
//!   module like the Rust ones;
//! - the C sample client (`samples/c_client/c_client.c`), a program.
//!
//! When a compiler is missing (or this is not a Unix), [`toolchain`] says
//! why, and the demo skips these steps instead of failing.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The C and C++ compilers to use.
#[derive(Debug, Clone)]
pub struct Toolchain {
    cc: String,
    cxx: String,
}

/// The system's C and C++ compilers, or why they cannot be used.
pub fn toolchain() -> Result<Toolchain, String> {
    if !cfg!(unix) {
        return Err("the demo compiles C and C++ GCC/Clang-style, on Unix only".into());
    }
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".into());
    let cxx = std::env::var("CXX").unwrap_or_else(|_| "c++".into());
    for (what, compiler) in [("C", &cc), ("C++", &cxx)] {
        match Command::new(compiler).arg("--version").output() {
            Ok(o) if o.status.success() => {}
            Ok(o) => {
                return Err(format!(
                    "the {what} compiler `{compiler} --version` failed ({})",
                    o.status
                ));
            }
            Err(e) => {
                return Err(format!(
                    "no {what} compiler: cannot run `{compiler}` ({e}); install one (gcc/g++ or clang) or set {}",
                    if what == "C" { "CC" } else { "CXX" }
                ));
            }
        }
    }
    Ok(Toolchain { cc, cxx })
}

/// What [`build`] produced.
#[derive(Debug, Clone)]
pub struct Built {
    /// The C++ sample server module.
    pub cpp_server: PathBuf,
    /// The C sample client program.
    pub c_client: PathBuf,
    /// The compile lines, for the narration (shortened, workspace-relative paths).
    pub lines: [String; 2],
}

/// Compiles the C++ sample server into `out_dir/<dylib name>` and the C
/// client into `out_dir/c_client`, both linked against the libanycom in
/// `lib_dir`.
pub fn build(
    tools: &Toolchain,
    root: &Path,
    lib_dir: &Path,
    out_dir: &Path,
) -> Result<Built, String> {
    let include = root.join("include");
    let samples_include = root.join("samples/cpp_server/include");
    let link = |cmd: &mut Command| {
        cmd.arg("-L")
            .arg(lib_dir)
            .arg("-lanycom")
            .arg(format!("-Wl,-rpath,{}", lib_dir.display()));
    };

    let cpp_server = out_dir.join(crate::modules::dylib_name("anycom_cpp_server"));
    let mut cmd = Command::new(&tools.cxx);
    cmd.args([
        "-std=c++17",
        "-O1",
        "-fPIC",
        "-shared",
        "-fvisibility=hidden",
    ])
    .arg("-I")
    .arg(&include)
    .arg("-I")
    .arg(&samples_include);
    for f in ["module.cpp", "stuff.cpp", "calculator.cpp"] {
        cmd.arg(root.join("samples/cpp_server/src").join(f));
    }
    cmd.arg("-o").arg(&cpp_server);
    link(&mut cmd);
    run(cmd)?;

    let c_client = out_dir.join("c_client");
    let mut cmd = Command::new(&tools.cc);
    cmd.args(["-std=c11", "-O1"])
        .arg("-I")
        .arg(&include)
        .arg("-I")
        .arg(&samples_include)
        .arg(root.join("samples/c_client/c_client.c"))
        .arg("-o")
        .arg(&c_client);
    link(&mut cmd);
    run(cmd)?;

    let lib = lib_dir.strip_prefix(root).unwrap_or(lib_dir).display();
    let lines = [
        format!(
            "{} -std=c++17 -shared -fPIC -fvisibility=hidden -I include -I samples/cpp_server/include \
             samples/cpp_server/src/*.cpp -L {lib} -lanycom -Wl,-rpath,... -o libanycom_cpp_server.so",
            tools.cxx
        ),
        format!(
            "{} -std=c11 -I include -I samples/cpp_server/include samples/c_client/c_client.c \
             -L {lib} -lanycom -Wl,-rpath,... -o c_client",
            tools.cc
        ),
    ];
    let cpp_server = cpp_server
        .canonicalize()
        .map_err(|e| format!("{}: {e}", cpp_server.display()))?;
    Ok(Built {
        cpp_server,
        c_client,
        lines,
    })
}

fn run(mut cmd: Command) -> Result<(), String> {
    let shown = std::iter::once(cmd.get_program())
        .chain(cmd.get_args())
        .map(|a| a.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ");
    let out = cmd
        .output()
        .map_err(|e| format!("cannot run `{shown}`: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "`{shown}` failed ({}):\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(())
}

/// Runs the C client with `registry` as its `ANYCOM_REGISTRY` and returns
/// (success, stdout, stderr). `LD_LIBRARY_PATH` is cleared: `cargo run`
/// sets it, and it would take precedence over the program's rpath.
pub fn run_c_client(program: &Path, registry: &Path) -> Result<(bool, String, String), String> {
    let out = Command::new(program)
        .env_remove("LD_LIBRARY_PATH")
        .env_remove("DYLD_LIBRARY_PATH")
        .env("ANYCOM_REGISTRY", registry)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", program.display()))?;
    Ok((
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    ))
}
