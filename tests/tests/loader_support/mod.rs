//! Helpers for the loader tests: a private registry directory, private
//! copies of the sample modules, a [`Loader`] installed as the process's
//! class source for the length of one test, and checks that a module is
//! really mapped or gone.
//!
//! The class source is process-wide, so tests that install one take
//! [`Scene::new`]'s lock and run one at a time within a test binary.
#![allow(dead_code)]

use anycom::GUID;
use anycom_loader::registry::{ClassRegistration, Layer, Registry};
use anycom_loader::{Loader, ThreadingModel};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

/// A sample server: (cargo package, library name).
pub type Sample = (&'static str, &'static str);
/// The Stuff sample (Stuff, SharedStuff).
pub const STUFF: Sample = ("anycom-sample-stuff", "anycom_sample_stuff");
/// The aggregation sample (Counter, CounterHost).
pub const AGGREGATION: Sample = ("anycom-sample-aggregation", "anycom_sample_aggregation");
/// The custom-factory sample (Widget).
pub const CUSTOM_FACTORY: Sample = ("anycom-sample-custom-factory", "anycom_sample_custom_factory");

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// One test's world: a registry directory, a directory of module copies,
/// and a loader over that registry installed as the class source.
pub struct Scene {
    pub loader: Arc<Loader>,
    pub layer: Layer,
    pub registry_dir: tempfile::TempDir,
    pub modules_dir: tempfile::TempDir,
    _guard: MutexGuard<'static, ()>,
}

impl Scene {
    /// A fresh scene with an empty registry, its loader installed.
    pub fn new() -> Scene {
        let guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
        let registry_dir = tempfile::tempdir().expect("registry dir");
        let modules_dir = tempfile::tempdir().expect("modules dir");
        let layer = Layer::dir(registry_dir.path());
        let registry = Arc::new(Registry::with_layers(vec![layer.clone()]));
        let loader = Arc::new(Loader::new(registry, Some(layer.clone())));
        anycom::runtime::set_class_source(loader.clone());
        Scene { loader, layer, registry_dir, modules_dir, _guard: guard }
    }

    /// Copies the built `sample` into this scene's module directory under
    /// `name` (a file name) and returns the copy's canonical path.
    pub fn copy(&self, sample: Sample, name: &str) -> PathBuf {
        let built = anycom_tests::cdylib(sample.0, sample.1);
        let path = self.modules_dir.path().join(name);
        std::fs::copy(&built, &path).expect("copy the sample module");
        path.canonicalize().expect("canonical module path")
    }

    /// Copies `sample` under its usual file name.
    pub fn module(&self, sample: Sample) -> PathBuf {
        self.copy(sample, &anycom_tests::dylib_file_name(sample.1))
    }

    /// Registers one class of `module` without running its code (what
    /// `anycom register <module> --clsid` does).
    pub fn register_class(&self, module: &Path, clsid: GUID, model: ThreadingModel, progid: Option<&str>) {
        let class = ClassRegistration {
            clsid,
            threading_model: model,
            progid: progid.map(str::to_owned),
            version_independent_progid: None,
            description: None,
        };
        self.layer.register_class(module, class).expect("register the class");
        self.loader.registry().refresh();
    }

    /// Writes a registry file by hand.
    pub fn write_registry_file(&self, name: &str, text: &str) {
        std::fs::write(self.registry_dir.path().join(name), text).expect("write a registry file");
        self.loader.registry().refresh();
    }
}

impl Drop for Scene {
    fn drop(&mut self) {
        anycom::runtime::source::clear_class_source();
    }
}

/// Whether `path` is mapped into this process (Linux: `/proc/self/maps`).
pub fn mapped(path: &Path) -> bool {
    let maps = std::fs::read_to_string("/proc/self/maps").expect("read /proc/self/maps");
    maps.contains(path.to_str().expect("UTF-8 path"))
}

/// How many times `path` appears in `/proc/self/maps`' mappings (0 when
/// not loaded).
pub fn mapping_count(path: &Path) -> usize {
    let maps = std::fs::read_to_string("/proc/self/maps").expect("read /proc/self/maps");
    let p = path.to_str().expect("UTF-8 path");
    maps.lines().filter(|l| l.ends_with(p)).count()
}
