//! The module cache's entry for one canonical path: loading the module once
//! whatever the number of threads asking, handing its class objects out
//! without a lock on the hot path, and unloading it only when nothing of the
//! loader or the runtime can still be using it.
//!
//! # Phases
//! A slot is `UNLOADED`, `LOADED` or `BUSY` (a thread is loading the module,
//! or asking its `DllCanUnloadNow`, or closing it). The phase changes under
//! the slot's mutex, but the work of a `BUSY` phase (`dlopen` with the
//! module's initialisers, `AnyComAttachRuntime`, `DllCanUnloadNow`,
//! `dlclose`) runs with the mutex released: a module may call back into the
//! runtime from any of them. Threads that need the module while it is `BUSY`
//! wait on the slot's condition variable (a wait, not a held lock); a
//! callback from the busy thread itself into the same module is
//! [`LoadError::Reentrant`] instead of a deadlock.
//!
//! # The hot path
//! An activation *enters* the slot (`enter += 1`), checks that the phase is
//! `LOADED`, uses the module through a raw pointer, and *exits*
//! (`exit += 1`). The unloader sets `BUSY` first and then requires
//! `exit == enter` (read in that order, all `SeqCst`): either an activation
//! saw `BUSY` and backed off, or the unloader sees it in flight and gives up
//! for this round. So the module is never freed under an activation.
//!
//! # Class objects
//! Each loaded module caches one class object per CLSID (from its
//! `DllGetClassObject`); activations hand out references to it. Before
//! asking `DllCanUnloadNow` the unloader checks that the cache holds the only
//! reference to each (so no activation in progress in the runtime, no
//! `CoGetClassObject` caller and no `CoRegisterClassObject` registration
//! holds one) and then releases them all. Class objects do not count in the
//! module lock (design.md §5), which is why the loader must look.
//! Class objects are therefore shared between threads: their reference
//! counting must be thread-safe (it is for anycom's and ATL's factories).

use std::ffi::c_void;
use std::path::{Path, PathBuf};
use std::ptr::NonNull;
use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicU8, AtomicU64, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::ThreadId;
use std::time::{Duration, Instant};

use anycom::{CLSID, E_NOINTERFACE, IID_IClassFactory, IID_IUnknown, IUnknown, Interface, S_OK};

use super::error::LoadError;
use super::library::{DllFn, DllGetClassObjectFn, Library};

const UNLOADED: u8 = 0;
const LOADED: u8 = 1;
const BUSY: u8 = 2;

/// One class object the module handed out, with the reference the cache owns.
struct CachedClass {
    object: NonNull<c_void>,
}

// SAFETY: a class object is used from every thread that activates its class
// (anycom documents that class objects' reference counting is thread-safe);
// the pointer is released exactly once, by whoever removes it from the cache.
unsafe impl Send for CachedClass {}
// SAFETY: as above; shared access only clones (AddRef) the pointer.
unsafe impl Sync for CachedClass {}

impl CachedClass {
    /// How many references exist besides the cache's, as far as the object
    /// says (`AddRef`'s and `Release`'s results are diagnostics in COM, but
    /// exact for anycom's and ATL's objects).
    fn other_references(&self) -> u32 {
        let raw = self.object.as_ptr();
        // SAFETY: the cache's reference keeps the object alive; the vtable
        // starts with IUnknown's; AddRef and Release are balanced here.
        unsafe {
            let vtbl = &**(raw as *mut *const anycom::IUnknown_Vtbl);
            (vtbl.AddRef)(raw);
            (vtbl.Release)(raw).saturating_sub(1)
        }
    }

    fn release(self) {
        // SAFETY: the cache's own reference, given up exactly once.
        drop(unsafe { IUnknown::from_raw(self.object.as_ptr()) });
    }
}

/// The class objects a module handed out, as activations read them: an
/// immutable list replaced (copy on write) when a class is added. The
/// references are owned by [`Loaded::owned`]; lists are freed only while no
/// activation is in the slot (unloading, or dropping the module).
type ClassList = Vec<(CLSID, NonNull<c_void>)>;

/// A loaded module with its exports and its cached class objects.
#[allow(clippy::vec_box)] // the lists are boxed for stable addresses behind `classes`
pub(crate) struct Loaded {
    lib: Library,
    get_class_object: Option<DllGetClassObjectFn>,
    can_unload_now: Option<DllFn>,
    /// The current list, read without a lock by activations in the slot.
    classes: AtomicPtr<ClassList>,
    /// The references the cache owns, and the lists replaced since the last
    /// time the slot was empty (readers may still be scanning them).
    owned: Mutex<(Vec<CachedClass>, Vec<Box<ClassList>>)>,
}

// SAFETY: the raw lists are only read (their pointers are class objects,
// shared as `CachedClass` documents) and freed under the slot protocol.
unsafe impl Send for Loaded {}
// SAFETY: as above.
unsafe impl Sync for Loaded {}

impl Loaded {
    fn open(path: &Path) -> Result<Loaded, LoadError> {
        let lib = Library::open(path)?;
        let get_class_object = lib.dll_get_class_object();
        let can_unload_now = lib.dll_fn("DllCanUnloadNow");
        Ok(Loaded {
            lib,
            get_class_object,
            can_unload_now,
            classes: AtomicPtr::new(Box::into_raw(Box::new(Vec::new()))),
            owned: Mutex::new((Vec::new(), Vec::new())),
        })
    }

    /// The library (for the registration exports).
    pub(crate) fn library(&self) -> &Library {
        &self.lib
    }

    #[allow(clippy::vec_box)]
    fn lock_owned(&self) -> MutexGuard<'_, (Vec<CachedClass>, Vec<Box<ClassList>>)> {
        self.owned.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn cached(&self, clsid: &CLSID) -> Option<IUnknown> {
        // SAFETY: the list is replaced, never freed, while activations are
        // in the slot (the caller is one).
        let list = unsafe { &*self.classes.load(Ordering::Acquire) };
        list.iter().find(|(c, _)| c == clsid).map(|(_, p)| {
            let raw = p.as_ptr();
            // SAFETY: `owned` holds a reference, so the object is alive; the
            // clone adds the caller's own.
            unsafe { IUnknown::from_raw_borrowed(&raw) }
                .expect("non-null class object")
                .clone()
        })
    }

    /// The class object of `clsid`: the cached one, or a new one from
    /// `DllGetClassObject` (asked for `IUnknown`, then `IClassFactory` for
    /// a module that only answers that), cached. Call only from inside
    /// [`Slot::with_module`].
    pub(crate) fn class_object(&self, clsid: &CLSID) -> Result<IUnknown, LoadError> {
        if let Some(o) = self.cached(clsid) {
            return Ok(o);
        }
        let object = self.new_class_object(clsid)?;
        let mut owned = self.lock_owned();
        if let Some(theirs) = self.cached(clsid) {
            // Another thread got there first: hand out its object; ours is
            // released after the lock (its Release runs module code).
            drop(owned);
            drop(object);
            return Ok(theirs);
        }
        let raw = NonNull::new(object.clone().into_raw()).expect("non-null class object");
        owned.0.push(CachedClass { object: raw });
        // SAFETY: writers are serialized by `owned`; the current list is alive.
        let mut list = unsafe { &*self.classes.load(Ordering::Acquire) }.clone();
        list.push((*clsid, raw));
        let old = self
            .classes
            .swap(Box::into_raw(Box::new(list)), Ordering::AcqRel);
        // SAFETY: `old` came from Box::into_raw; readers may still scan it,
        // so it is kept until the slot is empty.
        owned.1.push(unsafe { Box::from_raw(old) });
        Ok(object)
    }

    fn new_class_object(&self, clsid: &CLSID) -> Result<IUnknown, LoadError> {
        let path = self.lib.path();
        let f = self
            .get_class_object
            .ok_or_else(|| LoadError::MissingExport {
                path: path.to_path_buf(),
                symbol: "DllGetClassObject",
            })?;
        let mut hr = S_OK;
        for iid in [IID_IUnknown, IID_IClassFactory] {
            let mut p = std::ptr::null_mut();
            // SAFETY: the export has DllGetClassObject's signature and the
            // module is loaded (the caller holds the slot entered); the
            // arguments are valid locals.
            hr = anycom::imp::guard(|| unsafe { f(clsid, &iid, &mut p) });
            if hr.is_ok() && !p.is_null() {
                // SAFETY: success handed over one reference on an interface
                // whose vtable starts with IUnknown's.
                return Ok(unsafe { IUnknown::from_raw(p) });
            }
            if hr.is_ok() {
                hr = anycom::E_POINTER;
                break;
            }
            if hr != E_NOINTERFACE {
                break;
            }
        }
        let detail = anycom::Error::from_hresult(hr).message().map(str::to_owned);
        Err(LoadError::Export {
            path: path.to_path_buf(),
            symbol: "DllGetClassObject",
            code: hr,
            detail,
        })
    }

    /// Checks that the cache holds the only reference to each class object,
    /// and if so releases them all (returns `false`, releasing nothing,
    /// otherwise). Call only while no activation is in the slot.
    fn release_class_objects_if_unused(&self) -> bool {
        let taken = {
            let mut owned = self.lock_owned();
            if owned.0.iter().any(|c| c.other_references() > 0) {
                return false;
            }
            let old = self
                .classes
                .swap(Box::into_raw(Box::new(Vec::new())), Ordering::AcqRel);
            // SAFETY: from Box::into_raw, and no reader is in the slot.
            drop(unsafe { Box::from_raw(old) });
            owned.1.clear();
            std::mem::take(&mut owned.0)
        };
        for c in taken {
            c.release();
        }
        true
    }
}

impl Drop for Loaded {
    fn drop(&mut self) {
        let owned = std::mem::take(
            &mut self
                .owned
                .get_mut()
                .unwrap_or_else(PoisonError::into_inner)
                .0,
        );
        for c in owned {
            c.release();
        }
        // SAFETY: from Box::into_raw; nothing reads it any more.
        drop(unsafe { Box::from_raw(*self.classes.get_mut()) });
    }
}

/// What happened to a module in one [`Slot::try_unload`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UnloadOutcome {
    /// Not loaded, or being loaded or unloaded by another thread.
    NotLoaded,
    /// It has no `DllCanUnloadNow`: it stays loaded.
    NoExport,
    /// An activation was in flight, or something still holds one of its
    /// class objects.
    InUse,
    /// `DllCanUnloadNow` said no.
    Refused,
    /// `DllCanUnloadNow` said yes; it waits out the delay.
    Waiting,
    /// Closed.
    Unloaded,
}

struct State {
    module: Option<Box<Loaded>>,
    busy: Option<(ThreadId, &'static str)>,
    /// When `DllCanUnloadNow` first said `S_OK` in a row, and the `enter`
    /// count then (an activation since moves the module back to active).
    candidate: Option<(Instant, u64)>,
}

/// The cache entry of one module (by canonical path).
pub(crate) struct Slot {
    path: PathBuf,
    phase: AtomicU8,
    enter: AtomicU64,
    exit: AtomicU64,
    loaded: AtomicPtr<Loaded>,
    /// Used from the MTA (or by a Free/Both/Neutral class): unloading waits
    /// the delay, as Windows does.
    mta: AtomicBool,
    state: Mutex<State>,
    changed: Condvar,
}

impl Slot {
    pub(crate) fn new(path: PathBuf) -> Slot {
        Slot {
            path,
            phase: AtomicU8::new(UNLOADED),
            enter: AtomicU64::new(0),
            exit: AtomicU64::new(0),
            loaded: AtomicPtr::new(std::ptr::null_mut()),
            mta: AtomicBool::new(false),
            state: Mutex::new(State {
                module: None,
                busy: None,
                candidate: None,
            }),
            changed: Condvar::new(),
        }
    }

    /// The module's canonical path.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the module is loaded now.
    pub(crate) fn is_loaded(&self) -> bool {
        self.phase.load(Ordering::SeqCst) == LOADED
    }

    /// Records that the module served a caller in the MTA (or a class
    /// declared Free, Both or Neutral).
    pub(crate) fn note_mta(&self) {
        if !self.mta.load(Ordering::Relaxed) {
            self.mta.store(true, Ordering::Relaxed);
        }
    }

    /// Whether [`Slot::note_mta`] was called since the module was last unloaded.
    pub(crate) fn used_from_mta(&self) -> bool {
        self.mta.load(Ordering::Relaxed)
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs `f` on the loaded module, loading it first if needed (once,
    /// whatever the number of threads asking; `on_load` runs after each
    /// successful load). The module stays loaded while `f` runs.
    pub(crate) fn with_module<R>(
        &self,
        on_load: impl Fn(),
        f: impl FnOnce(&Loaded) -> R,
    ) -> Result<R, LoadError> {
        loop {
            self.enter.fetch_add(1, Ordering::SeqCst);
            if self.phase.load(Ordering::SeqCst) == LOADED {
                let p = self.loaded.load(Ordering::Acquire);
                // SAFETY: the pointer is set before the phase becomes LOADED
                // and freed only after the unloader has seen no activation
                // in flight with the phase BUSY (see the module docs); we are
                // in flight until the `exit` below.
                let r = f(unsafe { &*p });
                self.exit.fetch_add(1, Ordering::SeqCst);
                return Ok(r);
            }
            self.exit.fetch_add(1, Ordering::SeqCst);
            self.load(&on_load)?;
        }
    }

    /// Makes the phase `LOADED`: waits for a busy thread, loads when
    /// unloaded. Holds the mutex only to change the phase.
    fn load(&self, on_load: &impl Fn()) -> Result<(), LoadError> {
        let me = std::thread::current().id();
        let mut st = self.lock();
        loop {
            match self.phase.load(Ordering::SeqCst) {
                LOADED => return Ok(()),
                BUSY => {
                    if let Some((thread, step)) = st.busy
                        && thread == me
                    {
                        return Err(LoadError::Reentrant {
                            path: self.path.clone(),
                            step,
                        });
                    }
                    st = self
                        .changed
                        .wait(st)
                        .unwrap_or_else(PoisonError::into_inner);
                }
                _ => break,
            }
        }
        self.phase.store(BUSY, Ordering::SeqCst);
        st.busy = Some((me, "initialisation"));
        drop(st);

        let opened = Loaded::open(&self.path);

        let mut st = self.lock();
        st.busy = None;
        let r = match opened {
            Ok(m) => {
                let mut m = Box::new(m);
                self.loaded.store(&mut *m, Ordering::Release);
                st.module = Some(m);
                st.candidate = None;
                self.phase.store(LOADED, Ordering::SeqCst);
                Ok(())
            }
            Err(e) => {
                self.phase.store(UNLOADED, Ordering::SeqCst);
                Err(e)
            }
        };
        drop(st);
        self.changed.notify_all();
        if r.is_ok() {
            on_load();
        }
        r
    }

    /// Gives the slot back to `LOADED` after an unload attempt that keeps
    /// the module.
    fn keep(&self, candidate: Option<Option<(Instant, u64)>>) {
        let mut st = self.lock();
        st.busy = None;
        if let Some(c) = candidate {
            st.candidate = c;
        }
        self.phase.store(LOADED, Ordering::SeqCst);
        drop(st);
        self.changed.notify_all();
    }

    /// One round of `CoFreeUnusedLibrariesEx` for this module: if nothing is
    /// using it and its `DllCanUnloadNow` says `S_OK`, closes it — at once
    /// when `delay` is zero or the module was only used from STAs,
    /// otherwise when it already said `S_OK` at least `delay` ago and has
    /// not been used since (the first such round marks it).
    pub(crate) fn try_unload(&self, delay: Duration, now: Instant) -> UnloadOutcome {
        let me = std::thread::current().id();
        let module: *const Loaded = {
            let mut st = self.lock();
            if self.phase.load(Ordering::SeqCst) != LOADED {
                return UnloadOutcome::NotLoaded;
            }
            let Some(m) = st.module.as_deref() else {
                return UnloadOutcome::NotLoaded;
            };
            if m.can_unload_now.is_none() {
                return UnloadOutcome::NoExport;
            }
            let m: *const Loaded = m;
            self.phase.store(BUSY, Ordering::SeqCst);
            st.busy = Some((me, "DllCanUnloadNow"));
            m
        };
        // Exit first, then enter: equal means nothing was in flight when we
        // set BUSY, and nothing enters from now on.
        let exited = self.exit.load(Ordering::SeqCst);
        let entered = self.enter.load(Ordering::SeqCst);
        if entered != exited {
            self.keep(None);
            return UnloadOutcome::InUse;
        }
        // SAFETY: the module is freed only by this thread below, while BUSY.
        let m = unsafe { &*module };
        if !m.release_class_objects_if_unused() {
            self.keep(Some(None));
            return UnloadOutcome::InUse;
        }
        let can_unload = m.can_unload_now.expect("checked above");
        // SAFETY: the export has DllCanUnloadNow's signature; the module is
        // loaded. No lock is held while it runs.
        let hr = anycom::imp::guard(|| unsafe { can_unload() });
        if hr != S_OK {
            self.keep(Some(None));
            return UnloadOutcome::Refused;
        }
        if !delay.is_zero() && self.used_from_mta() {
            let candidate = self.lock().candidate;
            match candidate {
                Some((since, uses))
                    if uses == entered && now.saturating_duration_since(since) >= delay => {}
                Some((_, uses)) if uses == entered => {
                    self.keep(None);
                    return UnloadOutcome::Waiting;
                }
                _ => {
                    self.keep(Some(Some((now, entered))));
                    return UnloadOutcome::Waiting;
                }
            }
        }
        // Close the library with the mutex released (its finalisers may call
        // the runtime) but still BUSY, so a new activation loads afresh.
        let taken = {
            let mut st = self.lock();
            self.loaded.store(std::ptr::null_mut(), Ordering::Release);
            st.module.take()
        };
        drop(taken);
        let mut st = self.lock();
        st.busy = None;
        st.candidate = None;
        // The next load starts with no MTA use recorded.
        self.mta.store(false, Ordering::Relaxed);
        self.phase.store(UNLOADED, Ordering::SeqCst);
        drop(st);
        self.changed.notify_all();
        UnloadOutcome::Unloaded
    }
}
