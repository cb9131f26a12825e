//! Helpers for the loader tests: a private registry directory, private
//! copies of the sample modules, a [`Loader`] installed as the process's
//! class source for the length of one test, and checks that a module is
//! really mapped or gone.
//!
//! The class source is process-wide, so tests that install one take
//! [`Scene::new`]'s lock and run one at a time within a test binary.
#![allow(dead_code)]

use anycom::{GUID, HRESULT, S_OK};
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
pub const CUSTOM_FACTORY: Sample = (
    "anycom-sample-custom-factory",
    "anycom_sample_custom_factory",
);

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
        Scene {
            loader,
            layer,
            registry_dir,
            modules_dir,
            _guard: guard,
        }
    }

    /// Copies the built `sample` into this scene's module directory under
    /// `name` (a file name) and returns the copy's canonical path.
    pub fn copy(&self, sample: Sample, name: &str) -> PathBuf {
        self.install_as(&anycom_tests::cdylib(sample.0, sample.1), name)
    }

    /// Copies a module built elsewhere (a native C++ module, say) into this
    /// scene's module directory under its own file name and returns the
    /// copy's canonical path.
    pub fn install(&self, built: &Path) -> PathBuf {
        let name = built.file_name().expect("a file name");
        self.install_as(built, name.to_str().expect("a UTF-8 file name"))
    }

    fn install_as(&self, built: &Path, name: &str) -> PathBuf {
        let path = self.modules_dir.path().join(name);
        std::fs::copy(built, &path).expect("copy the module");
        path.canonicalize().expect("canonical module path")
    }

    /// Copies `sample` under its usual file name.
    pub fn module(&self, sample: Sample) -> PathBuf {
        self.copy(sample, &anycom_tests::dylib_file_name(sample.1))
    }

    /// Registers one class of `module` without running its code (what
    /// `anycom register <module> --clsid` does).
    pub fn register_class(
        &self,
        module: &Path,
        clsid: GUID,
        model: ThreadingModel,
        progid: Option<&str>,
    ) {
        let class = ClassRegistration {
            clsid,
            threading_model: model,
            progid: progid.map(str::to_owned),
            version_independent_progid: None,
            description: None,
        };
        self.layer
            .register_class(module, class)
            .expect("register the class");
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

/// `CLSIDFromProgID(progid)` through this process's runtime: the CLSID, or
/// the failing HRESULT.
pub fn clsid_from_progid(progid: &str) -> Result<GUID, HRESULT> {
    let wide = anycom_tests::wide(progid);
    let mut clsid = GUID::NULL;
    // SAFETY: a NUL-terminated string and a valid out slot.
    let hr = unsafe { anycom::api::CLSIDFromProgID(wide.as_ptr(), &mut clsid) };
    if hr == S_OK { Ok(clsid) } else { Err(hr) }
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

/// Compiles `source` (C) into a shared library `dir/name` with the system C
/// compiler and returns its path.
pub fn compile_c(dir: &Path, name: &str, source: &str) -> PathBuf {
    let src = dir.join(format!("{name}.c"));
    std::fs::write(&src, source).expect("write C source");
    let out = dir.join(name);
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".into());
    let o = std::process::Command::new(cc)
        .args(["-shared", "-fPIC", "-O1", "-o"])
        .arg(&out)
        .arg(&src)
        .output()
        .expect("run the C compiler");
    assert!(
        o.status.success(),
        "cc failed:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    out.canonicalize().expect("canonical path")
}

/// A C in-process server whose one class object is a static IUnknown (its
/// AddRef/Release count into `refs`), with `DllGetClassObject` answering
/// every CLSID, plus whatever `extra` C code adds (`DllCanUnloadNow`, …).
pub fn c_server(extra: &str) -> String {
    format!(
        r#"
typedef struct {{ unsigned int a; unsigned short b, c; unsigned char d[8]; }} GUID;
typedef int HRESULT;
typedef struct Obj Obj;
typedef struct {{
    HRESULT (*QueryInterface)(Obj *, const GUID *, void **);
    unsigned int (*AddRef)(Obj *);
    unsigned int (*Release)(Obj *);
}} Vtbl;
struct Obj {{ const Vtbl *vtbl; }};
static int refs = 0;
static HRESULT qi(Obj *o, const GUID *iid, void **ppv) {{ (void)iid; *ppv = o; __atomic_add_fetch(&refs, 1, __ATOMIC_SEQ_CST); return 0; }}
static unsigned int add_ref(Obj *o) {{ (void)o; return (unsigned int)__atomic_add_fetch(&refs, 1, __ATOMIC_SEQ_CST); }}
static unsigned int release(Obj *o) {{ (void)o; return (unsigned int)__atomic_sub_fetch(&refs, 1, __ATOMIC_SEQ_CST); }}
static const Vtbl vtbl = {{ qi, add_ref, release }};
static Obj object = {{ &vtbl }};
int object_refs(void) {{ return refs; }}
HRESULT DllGetClassObject(const GUID *clsid, const GUID *iid, void **ppv) {{ (void)clsid; return qi(&object, iid, ppv); }}
{extra}
"#
    )
}

/// The `anycom` tool's binary, built once per process into the fixture
/// target directory.
pub fn tool_binary() -> PathBuf {
    static BUILT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    BUILT
        .get_or_init(|| {
            let exe = anycom_tests::build_package("anycom-tool")
                .join(format!("anycom{}", std::env::consts::EXE_SUFFIX));
            assert!(exe.exists(), "{} missing", exe.display());
            exe
        })
        .clone()
}

/// Runs `anycom --registry <dir> args…` in a clean environment; returns
/// (exit code, stdout, stderr).
pub fn anycom(registry: &Path, args: &[&str]) -> (i32, String, String) {
    let home = registry.join(".home");
    let out = std::process::Command::new(tool_binary())
        .env_remove("ANYCOM_REGISTRY")
        .env("HOME", &home)
        .env("XDG_DATA_HOME", home.join("xdg"))
        .arg("--registry")
        .arg(registry)
        .args(args)
        .output()
        .expect("run the anycom tool");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
