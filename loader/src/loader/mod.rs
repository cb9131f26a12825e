//! The loader: the runtime's [`ClassSource`] over the [`Registry`], loading
//! in-process server modules with `libloading`.
//!
//! - **Activation** (`CoGetClassObject`, `CoCreateInstance` with
//!   `CLSCTX_INPROC_SERVER`): the registry gives the class's module (an
//!   absolute path; a bare name is never searched for); the module cache
//!   loads it once per canonical path, attaches it to this process's runtime
//!   (its optional `AnyComAttachRuntime` export), and asks its
//!   `DllGetClassObject`. See [`LoadError`] for each failure's `HRESULT`.
//! - **Unloading** (`CoFreeUnusedLibraries[Ex]`): each loaded module with a
//!   `DllCanUnloadNow` that says `S_OK`, and of which nothing is in use
//!   (see the `slot` module), is closed — at once for modules only used from
//!   STAs or when the delay is zero, else after it has stayed unused for the
//!   delay, as on Windows. A later activation loads it again.
//! - **Registration**: a module's `DllRegisterServer` (through
//!   `AnyComRegisterServer`) writes to the layer this loader was made with.
//!
//! No lock of the loader is held while a module loads, runs
//! `DllCanUnloadNow` or closes: a module may call back into the runtime from
//! its initialisers.

mod binary_format;
mod error;
mod library;
mod slot;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use anycom::runtime::source::{ClassObject, ClassSource, ServerRegistration, ThreadingModel};
use anycom::runtime::{Apartment, set_class_source};
use anycom::{
    CLSCTX_INPROC_SERVER, CLSID, CO_E_CLASSSTRING, E_INVALIDARG, Error, GUID, HRESULT,
    REGDB_E_CLASSNOTREG, REGDB_E_WRITEREGDB, Result,
};
use dashmap::DashMap;

pub use binary_format::{Format, Header, parse_header, read_header};
pub use error::LoadError;
use slot::{Slot, UnloadOutcome};

use crate::registry::{ClassEntry, FastHash, Layer, ModuleEntry, Registry, RegistryError};

/// What the loader has done so far (diagnostics and tests).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoaderStats {
    /// Modules loaded (each `dlopen` that succeeded).
    pub loads: u64,
    /// Modules closed by unloading.
    pub unloads: u64,
}

/// What one `CoFreeUnusedLibrariesEx` round did, module by module.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnloadReport {
    /// Modules closed.
    pub unloaded: Vec<PathBuf>,
    /// Modules whose `DllCanUnloadNow` said `S_OK` and that now wait out
    /// the delay.
    pub waiting: Vec<PathBuf>,
    /// Modules kept: in use, `DllCanUnloadNow` said no, or no such export.
    pub kept: Vec<PathBuf>,
}

/// The class source of a process: the registry, the module cache and the
/// registration layer. `Send + Sync`; install it with [`install`] or
/// [`anycom::runtime::set_class_source`].
pub struct Loader {
    registry: Arc<Registry>,
    write_layer: Option<Layer>,
    /// Canonical module path → its cache entry. Entries are never removed
    /// (an unloaded module's slot is reused when it loads again).
    modules: DashMap<PathBuf, Arc<Slot>>,
    /// The hot path: CLSID → (the module path the registry gave, its entry).
    by_class: DashMap<CLSID, (Arc<Path>, Arc<Slot>), FastHash>,
    loads: AtomicU64,
    unloads: AtomicU64,
    /// Registry problems already written to stderr (each is logged once).
    logged: std::sync::Mutex<std::collections::HashSet<String>>,
}

impl std::fmt::Debug for Loader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Loader")
            .field("registry", &self.registry)
            .field("write_layer", &self.write_layer)
            .field("loaded", &self.loaded_modules())
            .finish_non_exhaustive()
    }
}

impl Loader {
    /// A loader reading `registry`; registrations (`DllRegisterServer`)
    /// go to `write_layer` (`None`: registering fails with
    /// `REGDB_E_WRITEREGDB`).
    pub fn new(registry: Arc<Registry>, write_layer: Option<Layer>) -> Loader {
        Loader {
            registry,
            write_layer,
            modules: DashMap::new(),
            by_class: DashMap::with_hasher(FastHash),
            loads: AtomicU64::new(0),
            unloads: AtomicU64::new(0),
            logged: std::sync::Mutex::new(std::collections::HashSet::new()),
        }
    }

    /// Writes each registry problem (a malformed or unreadable file, with its
    /// path and line) to stderr once, prefixed `anycom: registry:`; set
    /// `ANYCOM_LOG=off` to silence it. Runs when the loader is installed and
    /// whenever a class is not found. Returns the problems logged now.
    pub fn log_registry_problems(&self) -> Vec<String> {
        self.log_problems(&self.registry.problems())
    }

    /// Logs those of `problems` not logged yet; see
    /// [`Loader::log_registry_problems`].
    fn log_problems(&self, problems: &[RegistryError]) -> Vec<String> {
        if problems.is_empty() {
            return Vec::new();
        }
        let quiet = std::env::var_os("ANYCOM_LOG").is_some_and(|v| v == "off");
        let mut logged = self
            .logged
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut new = Vec::new();
        for p in problems {
            let text = p.to_string();
            if logged.insert(text.clone()) {
                if !quiet {
                    eprintln!("anycom: registry: {text}");
                }
                new.push(text);
            }
        }
        new
    }

    /// The loader a process uses: [`Registry::from_env`], writing
    /// registrations to [`default_write_layer`].
    pub fn from_env() -> Loader {
        Loader::new(Arc::new(Registry::from_env()), default_write_layer())
    }

    /// The registry this loader reads.
    pub fn registry(&self) -> &Arc<Registry> {
        &self.registry
    }

    /// The layer registrations are written to.
    pub fn write_layer(&self) -> Option<&Layer> {
        self.write_layer.as_ref()
    }

    /// Counts of loads and unloads so far.
    pub fn stats(&self) -> LoaderStats {
        LoaderStats {
            loads: self.loads.load(Ordering::SeqCst),
            unloads: self.unloads.load(Ordering::SeqCst),
        }
    }

    /// The canonical paths of the modules loaded now.
    pub fn loaded_modules(&self) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = self
            .slots()
            .into_iter()
            .filter(|s| s.is_loaded())
            .map(|s| s.path().to_path_buf())
            .collect();
        v.sort();
        v
    }

    /// Whether the module at `path` is loaded by this loader now.
    pub fn is_loaded(&self, path: &Path) -> bool {
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.modules.get(&key).is_some_and(|s| s.is_loaded())
    }

    fn slots(&self) -> Vec<Arc<Slot>> {
        self.modules.iter().map(|e| e.value().clone()).collect()
    }

    /// The cache entry of the module at `path` (absolute), created if new.
    fn slot_for_path(&self, path: &Path) -> std::result::Result<Arc<Slot>, LoadError> {
        if !path.is_absolute() {
            return Err(LoadError::RelativePath {
                path: path.to_path_buf(),
            });
        }
        let canonical = std::fs::canonicalize(path).map_err(|e| LoadError::Missing {
            path: path.to_path_buf(),
            source: e.into(),
        })?;
        if let Some(s) = self.modules.get(&canonical) {
            return Ok(s.clone());
        }
        Ok(self
            .modules
            .entry(canonical.clone())
            .or_insert_with(|| Arc::new(Slot::new(canonical)))
            .clone())
    }

    /// The cache entry of a registered class's module.
    fn slot_for_class(&self, entry: &ClassEntry) -> std::result::Result<&Slot, LoadError> {
        let hit = self.by_class.get(&entry.clsid).and_then(|hit| {
            let (path, slot) = hit.value();
            (Arc::ptr_eq(path, &entry.module) || **path == *entry.module)
                .then_some(Arc::as_ptr(slot))
        });
        let slot = match hit {
            Some(p) => p,
            None => {
                let slot = self.slot_for_path(&entry.module)?;
                let p = Arc::as_ptr(&slot);
                self.by_class
                    .insert(entry.clsid, (entry.module.clone(), slot));
                p
            }
        };
        // SAFETY: `modules` keeps an `Arc` of every slot it ever made for as
        // long as the loader lives (slots are never removed), so the slot
        // outlives this borrow of `self`.
        Ok(unsafe { &*slot })
    }

    fn on_load(&self) {
        self.loads.fetch_add(1, Ordering::SeqCst);
    }

    /// The class object of a registered class, as
    /// [`ClassSource::get_class_object`] returns it, with the failure as a
    /// [`LoadError`].
    pub fn class_object(
        &self,
        clsid: &CLSID,
        clsctx: u32,
    ) -> std::result::Result<ClassObject, LoadError> {
        let Some(entry) = self.registry.lookup_class(clsid) else {
            return Err(self.not_registered(clsid));
        };
        if clsctx & CLSCTX_INPROC_SERVER == 0 {
            return Err(LoadError::ContextNotRegistered {
                clsid: *clsid,
                clsctx,
            });
        }
        let slot = self.slot_for_class(&entry)?;
        let model = entry.threading_model;
        // Windows applies the unload delay to modules serving the MTA:
        // Free/Both/Neutral classes, or any class used from the MTA here
        // (objects are created in the caller's apartment).
        if matches!(
            model,
            ThreadingModel::Free | ThreadingModel::Both | ThreadingModel::Neutral
        ) || (!slot.used_from_mta() && Apartment::current().is_some_and(|a| a.is_mta()))
        {
            slot.note_mta();
        }
        let object = slot.with_module(|| self.on_load(), |m| m.class_object(clsid))??;
        Ok(ClassObject {
            object,
            threading_model: model,
        })
    }

    fn not_registered(&self, clsid: &CLSID) -> LoadError {
        let problems = self.registry.problems();
        self.log_problems(&problems);
        let mut searched: Vec<String> = self
            .registry
            .layers()
            .iter()
            .map(|l| l.to_string())
            .collect();
        if searched.is_empty() {
            searched.push("no registry layer".into());
        }
        let mut searched = searched.join(", ");
        if let Some(first) = problems.first() {
            searched.push_str(&format!(
                "; note: {} registry file problem(s) were found, the first: {first}",
                problems.len()
            ));
        }
        LoadError::NotRegistered {
            clsid: *clsid,
            searched,
        }
    }

    /// One round of `CoFreeUnusedLibrariesEx(delay)`: see the module docs.
    pub fn free_unused(&self, delay: Duration) -> UnloadReport {
        self.free_unused_at(delay, Instant::now())
    }

    /// [`Loader::free_unused`] as if called at `now` (which must not be
    /// earlier than a previous round's): lets tests and simulations step
    /// through the delay without waiting for it.
    pub fn free_unused_at(&self, delay: Duration, now: Instant) -> UnloadReport {
        // The runtime may be keeping class objects of these modules for its
        // fast path: it drops them now (at once, or when the activation in
        // flight that uses one finishes), so they count as unused below.
        anycom::runtime::class_table::forget_source_objects();
        let mut report = UnloadReport::default();
        for slot in self.slots() {
            let path = slot.path().to_path_buf();
            match slot.try_unload(delay, now) {
                UnloadOutcome::NotLoaded => {}
                UnloadOutcome::Unloaded => {
                    self.unloads.fetch_add(1, Ordering::SeqCst);
                    report.unloaded.push(path);
                }
                UnloadOutcome::Waiting => report.waiting.push(path),
                UnloadOutcome::NoExport | UnloadOutcome::InUse | UnloadOutcome::Refused => {
                    report.kept.push(path)
                }
            }
        }
        report
    }

    /// Loads the module at `path` (through the cache, attaching it to this
    /// runtime) and runs its `DllRegisterServer`, as `regsvr32` does. The
    /// module's registration arrives at this loader's
    /// [`ClassSource::register_server`] when this loader is the installed
    /// class source.
    pub fn run_register_server(&self, path: &Path) -> std::result::Result<(), LoadError> {
        match self.run_export(path, "DllRegisterServer")? {
            Some(()) => Ok(()),
            None => Err(LoadError::MissingExport {
                path: path.to_path_buf(),
                symbol: "DllRegisterServer",
            }),
        }
    }

    /// Loads the module at `path` and runs its `DllUnregisterServer`.
    /// `Ok(false)` when the module does not export it.
    pub fn run_unregister_server(&self, path: &Path) -> std::result::Result<bool, LoadError> {
        Ok(self.run_export(path, "DllUnregisterServer")?.is_some())
    }

    fn run_export(
        &self,
        path: &Path,
        name: &'static str,
    ) -> std::result::Result<Option<()>, LoadError> {
        let slot = self.slot_for_path(path)?;
        let hr: Option<HRESULT> = slot.with_module(
            || self.on_load(),
            |m| {
                m.library().dll_fn(name).map(|f| {
                    // SAFETY: the export has `HRESULT f(void)`'s signature by
                    // COM's contract; the module stays loaded while we are in
                    // `with_module`.
                    anycom::imp::guard(|| unsafe { f() })
                })
            },
        )?;
        match hr {
            None => Ok(None),
            Some(hr) if hr.is_ok() => Ok(Some(())),
            Some(code) => {
                let detail = Error::from_hresult(code).message().map(str::to_owned);
                Err(LoadError::Export {
                    path: slot.path().to_path_buf(),
                    symbol: name,
                    code,
                    detail,
                })
            }
        }
    }

    fn layer_for_write(&self) -> Result<&Layer> {
        self.write_layer.as_ref().ok_or_else(|| {
            Error::new(
                REGDB_E_WRITEREGDB,
                "this process's class registry has no layer to write registrations to \
                 (set ANYCOM_REGISTRY or HOME, or use `anycom register --registry DIR`)",
            )
        })
    }
}

/// The `HRESULT` for a failed registry write.
fn registry_error(e: &RegistryError) -> Error {
    let code = match e {
        RegistryError::InvalidRegistration { .. } | RegistryError::ModuleNotFound { .. } => {
            E_INVALIDARG
        }
        _ => REGDB_E_WRITEREGDB,
    };
    Error::new(code, e.to_string())
}

/// Context for an activation error's message.
fn context(clsid: &GUID, registry: &Registry) -> String {
    match registry.lookup_class(clsid) {
        Some(e) => {
            let progid = e
                .progid
                .as_deref()
                .map(|p| format!(" ({p})"))
                .unwrap_or_default();
            format!(
                "activating class {clsid}{progid}, registered in {}",
                e.origin.file.display()
            )
        }
        None => format!("activating class {clsid}"),
    }
}

impl ClassSource for Loader {
    fn get_class_object(&self, clsid: &GUID, clsctx: u32) -> Result<ClassObject> {
        self.class_object(clsid, clsctx).map_err(|e| match e {
            LoadError::NotRegistered { .. } | LoadError::ContextNotRegistered { .. } => {
                e.to_com_error("")
            }
            _ => e.to_com_error(&context(clsid, &self.registry)),
        })
    }

    fn clsid_from_progid(&self, progid: &str) -> Result<GUID> {
        self.registry.clsid_from_progid(progid).ok_or_else(|| {
            Error::new(
                CO_E_CLASSSTRING,
                format!("ProgID {progid} is not registered"),
            )
        })
    }

    fn progid_from_clsid(&self, clsid: &GUID) -> Result<String> {
        match self.registry.lookup_class(clsid) {
            None => Err(Error::new(
                REGDB_E_CLASSNOTREG,
                format!("class {clsid} is not registered"),
            )),
            Some(e) => e.progid.clone().ok_or_else(|| {
                Error::new(REGDB_E_CLASSNOTREG, format!("class {clsid} has no ProgID"))
            }),
        }
    }

    fn free_unused_libraries(&self, delay: Duration) {
        self.free_unused(delay);
    }

    /// Yes: the runtime keeps the class objects this loader hands out (its
    /// fast path); every unloading round ([`Loader::free_unused_at`]) and
    /// every registration change made through this loader first makes the
    /// runtime drop them.
    fn cache_class_objects(&self) -> bool {
        true
    }

    fn register_server(&self, reg: &ServerRegistration) -> Result<()> {
        anycom::runtime::class_table::forget_source_objects();
        let layer = self.layer_for_write()?;
        self.registry
            .register_module(layer, ModuleEntry::from(reg.clone()))
            .map_err(|e| registry_error(&e))?;
        Ok(())
    }

    fn unregister_server(&self, module_path: &Path) -> Result<()> {
        anycom::runtime::class_table::forget_source_objects();
        let layer = self.layer_for_write()?;
        match self.registry.unregister_module(layer, module_path) {
            Ok(_) | Err(RegistryError::NotRegistered { .. }) => Ok(()),
            Err(e) => Err(registry_error(&e)),
        }
    }
}

/// The layer a process's registrations go to: the directory named by
/// `ANYCOM_REGISTRY` when it is set, else the per-user registry.
pub fn default_write_layer() -> Option<Layer> {
    Layer::from_env_var().or_else(Layer::user)
}

static INSTALLED: OnceLock<Arc<Loader>> = OnceLock::new();

/// Installs the process's loader ([`Loader::from_env`]) as the runtime's
/// class source, once: the first call builds it and calls
/// [`anycom::runtime::set_class_source`]; later calls return the same
/// loader and change nothing (even if another source was installed since).
pub fn install() -> Arc<Loader> {
    INSTALLED
        .get_or_init(|| {
            let loader = Arc::new(Loader::from_env());
            loader.log_registry_problems();
            set_class_source(loader.clone());
            loader
        })
        .clone()
}

/// The loader [`install`] installed, if it has run.
pub fn installed() -> Option<Arc<Loader>> {
    INSTALLED.get().cloned()
}
