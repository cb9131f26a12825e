//! Helpers for the C-ABI tests (`capi_*.rs`): a private registry directory
//! for a C program (its `ANYCOM_REGISTRY`) holding the sample servers, and
//! the built modules' paths.
#![allow(dead_code)]

use anycom::GUID;
use anycom_loader::ThreadingModel;
use anycom_loader::registry::{ClassRegistration, Layer, ModuleEntry};
use anycom_sample_interfaces::*;
use anycom_tests::native::{self, RunOptions};
use std::path::{Path, PathBuf};

/// The Rust Stuff sample module.
pub fn rust_stuff() -> PathBuf {
    anycom_tests::cdylib("anycom-sample-stuff", "anycom_sample_stuff")
}

/// The Rust test fixture module (capi/fixture).
pub fn rust_fixture() -> PathBuf {
    anycom_tests::cdylib("anycom-capi-fixture", "anycom_capi_fixture")
}

/// The fixture's class (`capi/fixture/src/lib.rs`).
pub const CLSID_RUST_FIXTURE: GUID = GUID::parse("a4c6e1f0-2b7d-4c39-8e51-6f0a9d3b7c24");

/// The class `capi_registry.c` expects to be registered with a missing module.
pub const CLSID_MISSING: GUID = GUID::parse("3e9d6b4a-7c21-4f85-b0a3-5d8e2f1c6a97");

/// What `capi_registry.c` expects as the missing module's path.
pub const MISSING_MODULE: &str = "/nonexistent/anycom-capi-missing.so";

/// Builds the test program `name` from `tests/c/<source>`, runs it with
/// `args` and `options`, and asserts it exited with status 0 and every one of
/// its checks passed (`N checks, 0 failed`); returns its stdout.
pub fn run_checks(name: &str, source: &str, args: &[&str], options: &RunOptions) -> String {
    let program = native::test_program(name, &[source]);
    let out = native::run(&program, args, options);
    let stdout = native::assert_ran_clean(name, &out);
    assert!(stdout.contains(" checks, 0 failed"), "{stdout}");
    stdout
}

fn class(
    clsid: GUID,
    model: ThreadingModel,
    progid: &str,
    vi: Option<&str>,
    description: &str,
) -> ClassRegistration {
    ClassRegistration {
        clsid,
        threading_model: model,
        progid: Some(progid.to_owned()),
        version_independent_progid: vi.map(str::to_owned),
        description: Some(description.to_owned()),
    }
}

/// A registry directory of its own, for C programs.
pub struct CRegistry {
    pub dir: tempfile::TempDir,
}

impl CRegistry {
    /// An empty registry.
    pub fn new() -> CRegistry {
        CRegistry {
            dir: tempfile::tempdir().expect("registry dir"),
        }
    }

    /// The layer of this registry, for writing.
    pub fn layer(&self) -> Layer {
        Layer::dir(self.dir.path())
    }

    /// Run options giving a program this registry.
    pub fn options(&self) -> RunOptions {
        RunOptions {
            registry: Some(self.dir.path().to_path_buf()),
            ..Default::default()
        }
    }

    /// Registers a module's classes without running its code.
    pub fn register(&self, module: &Path, classes: Vec<ClassRegistration>) {
        let mut entry = ModuleEntry::new(module);
        entry.classes = classes;
        self.layer()
            .register_module(entry)
            .expect("register the module");
    }

    /// Registers the Rust Stuff sample (Stuff, SharedStuff); returns its path.
    pub fn with_rust_stuff(&self) -> PathBuf {
        let m = rust_stuff();
        self.register(
            &m,
            vec![
                class(
                    CLSID_Stuff,
                    ThreadingModel::Both,
                    PROGID_Stuff,
                    Some(VI_PROGID_Stuff),
                    "Stuff",
                ),
                class(
                    CLSID_SharedStuff,
                    ThreadingModel::Both,
                    PROGID_SharedStuff,
                    Some(VI_PROGID_SharedStuff),
                    "SharedStuff",
                ),
            ],
        );
        m
    }

    /// Registers the Rust fixture; returns its path.
    pub fn with_rust_fixture(&self) -> PathBuf {
        let m = rust_fixture();
        self.register(
            &m,
            vec![class(
                CLSID_RUST_FIXTURE,
                ThreadingModel::Both,
                "AnyCom.CapiFixture.1",
                None,
                "fixture",
            )],
        );
        m
    }

    /// Registers the C++ sample server by running its own
    /// `DllRegisterServer` in a C host (`capi_regsvr`); returns its path.
    pub fn with_cpp_server(&self) -> PathBuf {
        let m = native::cpp_server();
        let regsvr = native::test_program("capi_regsvr", &["capi_regsvr.c"]);
        let out = native::run(&regsvr, &[m.to_str().unwrap()], &self.options());
        native::assert_ran_clean("capi_regsvr (C++ server's DllRegisterServer)", &out);
        m
    }

    /// Writes a registry file naming a module that does not exist.
    pub fn with_missing_module(&self) {
        let text = format!(
            "module = \"{MISSING_MODULE}\"\n\n[[class]]\nclsid = \"{CLSID_MISSING}\"\nthreading_model = \"Both\"\n"
        );
        std::fs::write(self.dir.path().join("missing.toml"), text).expect("write registry file");
    }
}
