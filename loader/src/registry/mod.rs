//! The class registry: the Windows registry's COM keys, stored as files.
//!
//! # Data model
//! After `HKEY_CLASSES_ROOT`: a class (CLSID) has an in-process server
//! module (`InprocServer32`, an absolute path), a `ThreadingModel`
//! (`Apartment`, `Free`, `Both`, `Neutral`; absent = the main STA), a
//! `ProgID` (`Company.Thing.1`), a `VersionIndependentProgID`
//! (`Company.Thing`, whose `CurVer` is the ProgID) and a description. A
//! ProgID maps back to its CLSID. An interface (IID) has a name and the
//! CLSID of its proxy/stub class (`ProxyStubClsid32`).
//!
//! # Files
//! A layer is a directory holding one [TOML](https://toml.io) file per
//! registered module, named after the module (`libcalc.so.<hash>.toml`; any
//! `*.toml` name works for hand-written files, names starting with `.` are
//! ignored):
//!
//! ```toml
//! format = 1                                   # optional; this crate reads and writes 1
//! module = "/opt/contoso/lib/libcalc.so"       # InprocServer32: absolute
//!
//! [[class]]                                    # one table per class
//! clsid = "{6B29FC40-CA47-1067-B31D-00DD010662DA}"
//! threading_model = "Apartment"                # optional: Apartment | Free | Both | Neutral
//! progid = "Contoso.Calculator.1"              # optional
//! version_independent_progid = "Contoso.Calculator"  # optional; CurVer = progid
//! description = "Contoso calculator"           # optional
//!
//! [[interface]]                                # optional, one table per interface
//! iid = "{1E5A8C9B-0F3D-4C2A-9B7E-6D5F4A3B2C1D}"
//! name = "ICalculator"
//! proxy_stub_clsid = "{…}"                     # optional
//! ```
//!
//! Keys are checked strictly: an unknown key, a value of the wrong type, a
//! GUID that does not parse, a relative module path (except in the
//! application's manifest layer, where it is relative to the executable's
//! directory), an unknown threading model, a ProgID that is not 1 to 39
//! letters, digits, `.`, `_` or `-` starting with a letter, a string over
//! [`MAX_VALUE_LEN`] bytes or a file over [`MAX_FILE_SIZE`] make the whole
//! file a [`RegistryError`] naming the file, line and column. Such a file is
//! skipped; every other file still counts, and [`Registry::problems`] lists
//! what was skipped.
//!
//! # Layers and precedence
//! [`Registry::from_env`] searches, first match wins ([`Layer::default_stack`]):
//! 1. the application's manifest, `<exe dir>/<exe name>.anycom/`
//!    (registration-free activation);
//! 2. the directory named by `ANYCOM_REGISTRY`;
//! 3. the per-user registry ([`Layer::user`]);
//! 4. the system registry ([`Layer::system`]).
//!
//! Within one layer, two files registering the same CLSID, ProgID or IID is
//! a [`RegistryError::Duplicate`] problem; the file whose name sorts first
//! wins, deterministically.
//!
//! # Writing
//! [`Layer::register_module`], [`Layer::register_class`] and
//! [`Layer::unregister_module`] write atomically under the layer's lock (see
//! the `store` module): concurrent writers from any thread or process all
//! land, the same module written twice ends as the last write, and a reader
//! never sees a torn file.
//!
//! # Caching and freshness
//! Lookups read an in-memory snapshot (hash maps; no file is touched on a
//! hit). The snapshot is brought up to date:
//! - on a lookup, at most every [`DEFAULT_CHECK_INTERVAL`] (configurable
//!   with [`Registry::with_check_interval`]; zero = every lookup): one `stat`
//!   of each layer directory and of its `.generation` file, re-reading only
//!   the files that changed (a hit does not wait while another thread
//!   checks);
//! - on every lookup that misses, always: so a class that another process
//!   has just registered is found by the next lookup;
//! - on [`Registry::refresh`], and on a miss at most once a second
//!   ([`FULL_CHECK_INTERVAL`]), with a `stat` of every file too: this catches
//!   files edited in place by hand, which change neither the directory nor
//!   the generation.
//!
//! So the one stale-by-design window is a *hit* on an entry that another
//! process has changed or removed in the last [`DEFAULT_CHECK_INTERVAL`];
//! writes made through this registry object are seen at once.

mod error;
mod file;
mod index;
mod layer;
mod model;
mod store;

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock, TryLockError};
use std::time::Duration;

use anycom::{CLSID, IID};

pub use error::{Location, RegistryError};
pub use file::{FORMAT_VERSION, MAX_FILE_SIZE, MAX_PROGID_LEN, MAX_VALUE_LEN};
pub use layer::{APP_MANIFEST_SUFFIX, ENV_VAR, Layer, LayerKind};
pub use model::{
    ClassEntry, ClassRegistration, InterfaceEntry, InterfaceRegistration, ListedClass, ModuleEntry,
    Origin, ServerRegistration, ThreadingModel, ThreadingModelParseError, class_registration,
};

pub(crate) use index::FastHash;
use index::{FileState, Snapshot};
use store::{GENERATION_FILE, Stamp};

/// How often, at most, a lookup that hits checks the layers for changes.
pub const DEFAULT_CHECK_INTERVAL: Duration = Duration::from_millis(100);

/// How often, at most, a lookup that misses also `stat`s every file.
pub const FULL_CHECK_INTERVAL: Duration = Duration::from_secs(1);

/// What the registry last saw of one layer.
#[derive(Default)]
struct LayerCache {
    scanned: bool,
    dir: Option<Stamp>,
    generation: Option<Stamp>,
    files: Vec<FileState>,
    list_error: Option<RegistryError>,
}

/// The class registry: a stack of [`Layer`]s, searched in order, with cached
/// lookups. `Send + Sync`; share it behind an `Arc` or a `static`.
pub struct Registry {
    layers: Vec<Layer>,
    caches: Mutex<Vec<LayerCache>>,
    snapshot: RwLock<Arc<Snapshot>>,
    epoch_ns: u64,
    check_interval_ns: u64,
    last_check_ns: AtomicU64,
    last_full_check_ns: AtomicU64,
    dirty: AtomicBool,
}

impl std::fmt::Debug for Registry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registry")
            .field("layers", &self.layers)
            .finish_non_exhaustive()
    }
}

impl Registry {
    /// The registry a process uses: [`Layer::default_stack`] (the running
    /// executable's manifest, `ANYCOM_REGISTRY`, the per-user and the system
    /// registries), read now.
    pub fn from_env() -> Registry {
        Registry::with_layers(Layer::default_stack())
    }

    /// A registry searching exactly `layers`, in this order, read now.
    pub fn with_layers(layers: Vec<Layer>) -> Registry {
        let caches = layers.iter().map(|_| LayerCache::default()).collect();
        let r = Registry {
            layers,
            caches: Mutex::new(caches),
            snapshot: RwLock::new(Arc::new(Snapshot::default())),
            epoch_ns: crate::sys::coarse_monotonic_ns(),
            check_interval_ns: DEFAULT_CHECK_INTERVAL.as_nanos() as u64,
            last_check_ns: AtomicU64::new(0),
            last_full_check_ns: AtomicU64::new(0),
            dirty: AtomicBool::new(false),
        };
        r.check(true);
        r
    }

    /// Sets how often, at most, a lookup that hits checks for changes made
    /// by other processes ([`DEFAULT_CHECK_INTERVAL`] by default;
    /// `Duration::ZERO` checks on every lookup, a few `stat` calls each).
    /// A hit never waits for a check that another thread is running: it is
    /// served from the snapshot that check is replacing.
    pub fn with_check_interval(mut self, interval: Duration) -> Registry {
        self.check_interval_ns = interval.as_nanos().min(u128::from(u64::MAX)) as u64;
        self
    }

    /// The layers searched, in order.
    pub fn layers(&self) -> &[Layer] {
        &self.layers
    }

    /// The class registered under `clsid` in the first layer that has it.
    pub fn lookup_class(&self, clsid: &CLSID) -> Option<Arc<ClassEntry>> {
        self.lookup(|s| s.classes.get(clsid).cloned())
    }

    /// `CLSIDFromProgID`: the class of a ProgID (case-insensitive). A
    /// version-independent ProgID resolves through its `CurVer`.
    pub fn clsid_from_progid(&self, progid: &str) -> Option<CLSID> {
        self.lookup(|s| s.clsid_from_progid(progid))
    }

    /// `ProgIDFromCLSID`: the (versioned) ProgID of a registered class, if
    /// it has one.
    pub fn progid_from_clsid(&self, clsid: &CLSID) -> Option<String> {
        self.lookup_class(clsid).and_then(|c| c.progid.clone())
    }

    /// The interface registered under `iid` in the first layer that has it.
    pub fn lookup_interface(&self, iid: &IID) -> Option<Arc<InterfaceEntry>> {
        self.lookup(|s| s.interfaces.get(iid).cloned())
    }

    /// Every class of every layer, in search order (layer, then file name,
    /// then position in the file), including those that lookups do not use
    /// (marked not [`effective`](ListedClass::effective)).
    pub fn list(&self) -> Vec<ListedClass> {
        self.maybe_check();
        self.snapshot().listed.clone()
    }

    /// The problems found in the layers: files that could not be read or
    /// parsed (and so were skipped) and duplicate registrations within a
    /// layer. Empty when everything is well-formed.
    pub fn problems(&self) -> Vec<RegistryError> {
        self.maybe_check();
        self.snapshot().problems.clone()
    }

    /// Re-reads whatever changed in the layers now, including files edited in
    /// place (a `stat` of every file).
    pub fn refresh(&self) {
        self.check(true);
    }

    /// [`Layer::register_module`], then makes the change visible to this
    /// registry's next lookup (whether or not `layer` is one of its layers).
    pub fn register_module(
        &self,
        layer: &Layer,
        entry: ModuleEntry,
    ) -> Result<std::path::PathBuf, RegistryError> {
        let r = layer.register_module(entry);
        self.dirty.store(true, Ordering::Release);
        r
    }

    /// [`Layer::unregister_module`], then makes the change visible to this
    /// registry's next lookup.
    pub fn unregister_module(
        &self,
        layer: &Layer,
        module: &std::path::Path,
    ) -> Result<Vec<std::path::PathBuf>, RegistryError> {
        let r = layer.unregister_module(module);
        self.dirty.store(true, Ordering::Release);
        r
    }

    fn snapshot(&self) -> Arc<Snapshot> {
        self.snapshot
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Nanoseconds since this registry was made, from a coarse clock (a
    /// few milliseconds of resolution, a fraction of the cost of a precise
    /// one): plenty for intervals of 100 ms and more.
    fn now_ns(&self) -> u64 {
        crate::sys::coarse_monotonic_ns().saturating_sub(self.epoch_ns)
    }

    /// A lookup: check if due, ask the snapshot, and on a miss check again
    /// (always) and ask once more.
    fn lookup<T>(&self, f: impl Fn(&Snapshot) -> Option<T>) -> Option<T> {
        self.maybe_check();
        {
            let s = self.snapshot.read().unwrap_or_else(PoisonError::into_inner);
            if let Some(v) = f(&s) {
                return Some(v);
            }
        }
        let full_due = self
            .now_ns()
            .saturating_sub(self.last_full_check_ns.load(Ordering::Relaxed))
            >= FULL_CHECK_INTERVAL.as_nanos() as u64;
        if self.check(full_due) {
            let s = self.snapshot.read().unwrap_or_else(PoisonError::into_inner);
            return f(&s);
        }
        None
    }

    fn maybe_check(&self) {
        // Load first: a swap on every lookup would bounce the cache line
        // between threads.
        let dirty = self.dirty.load(Ordering::Relaxed) && self.dirty.swap(false, Ordering::AcqRel);
        let elapsed = self
            .now_ns()
            .saturating_sub(self.last_check_ns.load(Ordering::Relaxed));
        if dirty {
            // Our own write: wait for any check in progress, which may have
            // looked before the write, then check again.
            self.check(false);
        } else if elapsed >= self.check_interval_ns {
            // A periodic check: if another thread is already checking, serve
            // this hit from the current snapshot rather than wait.
            match self.caches.try_lock() {
                Ok(caches) => {
                    self.check_locked(caches, false);
                }
                Err(TryLockError::Poisoned(p)) => {
                    self.check_locked(p.into_inner(), false);
                }
                Err(TryLockError::WouldBlock) => {}
            }
        }
    }

    /// Brings the snapshot up to date; `full` also `stat`s every file.
    /// Returns whether anything changed.
    fn check(&self, full: bool) -> bool {
        self.check_locked(
            self.caches.lock().unwrap_or_else(PoisonError::into_inner),
            full,
        )
    }

    fn check_locked(&self, mut caches: MutexGuard<'_, Vec<LayerCache>>, full: bool) -> bool {
        let mut changed = false;
        for (layer, cache) in self.layers.iter().zip(caches.iter_mut()) {
            let dir = Stamp::of_path(layer.path());
            let generation = Stamp::of_path(&layer.path().join(GENERATION_FILE));
            if cache.scanned && !full && dir == cache.dir && generation == cache.generation {
                continue;
            }
            // Recorded before listing: a change made during the scan shows as
            // a change at the next check.
            cache.scanned = true;
            cache.dir = dir;
            cache.generation = generation;
            changed |= rescan(layer, cache);
        }
        if changed {
            let snapshot = index::build(
                self.layers
                    .iter()
                    .zip(caches.iter())
                    .map(|(l, c)| (l, c.files.as_slice(), c.list_error.as_ref())),
            );
            *self
                .snapshot
                .write()
                .unwrap_or_else(PoisonError::into_inner) = Arc::new(snapshot);
        }
        let now = self.now_ns();
        self.last_check_ns.store(now, Ordering::Relaxed);
        if full {
            self.last_full_check_ns.store(now, Ordering::Relaxed);
        }
        changed
    }
}

/// Re-lists a layer, re-reading the files whose stamp changed. Returns
/// whether anything changed.
fn rescan(layer: &Layer, cache: &mut LayerCache) -> bool {
    let listing = match store::list_files(layer.path()) {
        Ok(l) => l,
        Err(e) => {
            let was_ok = cache.list_error.is_none();
            cache.list_error = Some(e);
            let had_files = !cache.files.is_empty();
            cache.files.clear();
            return was_ok || had_files;
        }
    };
    let mut changed = cache.list_error.take().is_some() || listing.len() != cache.files.len();
    let mut files = Vec::with_capacity(listing.len());
    for (name, stamp) in listing {
        let old = cache
            .files
            .binary_search_by(|f| f.name.as_os_str().cmp(&name))
            .ok()
            .map(|i| &cache.files[i]);
        match old {
            Some(old) if stamp.is_some() && old.stamp == stamp => files.push(old.clone()),
            _ => {
                changed = true;
                let (stamp, parsed) =
                    store::read_file(&layer.path().join(&name), layer.relative_base());
                files.push(FileState {
                    name,
                    stamp,
                    parsed: parsed.map(Arc::new),
                });
            }
        }
    }
    cache.files = files;
    changed
}
