//! The class table: class objects registered with `CoRegisterClassObject`,
//! found by activation before any class source is asked.
//!
//! # Rules (Windows')
//! - A registration belongs to the apartment that made it (the MTA for a
//!   thread in the implicit MTA). It is found by activations from that
//!   apartment only, unless it was registered `REGCLS_AGILE`, which makes it
//!   visible from every apartment. (Windows also hands a registration to
//!   other apartments through a proxy; without cross-apartment proxies this
//!   runtime does not: from another apartment the class is not registered.)
//! - `REGCLS_MULTIPLEUSE` with `CLSCTX_LOCAL_SERVER` also registers for
//!   `CLSCTX_INPROC_SERVER`; `REGCLS_MULTI_SEPARATE` does not.
//!   An activation finds a registration when their contexts intersect.
//! - `REGCLS_SINGLEUSE`: found by one activation, then no longer; the
//!   cookie stays valid until `CoRevokeClassObject`.
//! - `REGCLS_SUSPENDED` (and `CoSuspendClassObjects`, and
//!   `CoReleaseServerProcess` reaching zero): not found until `CoResumeClassObjects`.
//! - Registering a class again is not an error (each registration gets its
//!   own cookie); the most recent visible registration is found first.
//! - The class object is AddRef'd while registered and Released when the
//!   registration is revoked (`CoRevokeClassObject`, or the apartment's
//!   teardown). The table may also hold the class object's `IClassFactory`
//!   pointer (one more reference when it differs from the registered
//!   pointer), released at the same time.
//! - `CoRevokeClassObject` of an unknown or already revoked cookie is
//!   `CO_E_OBJNOTREG`; from another apartment `RPC_E_WRONG_THREAD`.
//!
//! # Speed
//! Activation must not serialize threads. The table is a pair of `DashMap`s
//! (sharded), and each thread keeps a small cache of the registrations it
//! used, validated by a global generation number that every change to the
//! table bumps. A cache hit touches no shared cache line for writing: the
//! class object is protected during `CreateInstance` by a per-thread hazard
//! slot instead of an AddRef, and a revoked registration's objects are
//! released only once no hazard or pin refers to it (by the thread that
//! revoked it, or by the thread whose activation finishes last). The hazard
//! is published with an asymmetric barrier (`sys::light_barrier`, a compiler
//! barrier where the OS offers a process-wide barrier for the revoking side).

use crate::constants::*;
use crate::error::{Error, Result};
use crate::guid::GUID;
use crate::hresult::{
    CO_E_NOTINITIALIZED, CO_E_OBJNOTREG, E_INVALIDARG, HRESULT, RPC_E_WRONG_THREAD,
};
use crate::interfaces::{IClassFactory_Vtbl, IID_IClassFactory};
use crate::runtime::apartment::Apartment;
use crate::runtime::init;
use crate::runtime::sys;
use crate::unknown::{IUnknown, IUnknown_Vtbl};
use core::ffi::c_void;
use core::ptr::null_mut;
use dashmap::DashMap;
use std::cell::{Cell, OnceCell, RefCell};
use std::marker::PhantomData;
use std::sync::atomic::{
    AtomicBool, AtomicPtr, AtomicU8, AtomicU32, AtomicU64, AtomicUsize, Ordering,
};
use std::sync::{Arc, LazyLock, Mutex};

const ACTIVE: u8 = 0;
/// A `REGCLS_SINGLEUSE` registration that has been found once.
const USED: u8 = 1;
const REVOKED: u8 = 2;

/// Which threads may release a registration's objects.
#[derive(Clone, Copy, Debug)]
enum Home {
    /// Only the STA's own thread (by thread token).
    Sta(u64),
    /// Any thread (MTA objects are free-threaded).
    Mta,
}

/// One registration.
pub(crate) struct Reg {
    clsid: GUID,
    cookie: u32,
    clsctx: u32,
    flags: u32,
    apartment: u64,
    home: Home,
    state: AtomicU8,
    suspended: AtomicBool,
    /// Slow-path users currently holding the registration.
    pins: AtomicU32,
    /// The registered object: one reference owned by the table.
    object: AtomicPtr<c_void>,
    /// Its `IClassFactory` pointer once asked for; the low bit set when the
    /// table owns a separate reference to it.
    factory: AtomicUsize,
}

// SAFETY: the raw COM pointers are only called from threads allowed to by the
// registration's apartment (lookups return a registration only to its own
// apartment, or to any apartment when it is agile), and released only by
// `release_objects`, which `reclaim` calls on an allowed thread once nothing
// uses them.
unsafe impl Send for Reg {}
// SAFETY: as above; every field is atomic or immutable.
unsafe impl Sync for Reg {}

impl Reg {
    fn single_use(&self) -> bool {
        self.flags & (REGCLS_MULTIPLEUSE | REGCLS_MULTI_SEPARATE) == 0
    }

    fn agile(&self) -> bool {
        self.flags & REGCLS_AGILE != 0
    }

    fn findable(&self, clsctx: u32) -> bool {
        self.clsctx & clsctx != 0
            && self.state.load(Ordering::SeqCst) == ACTIVE
            && !self.suspended.load(Ordering::SeqCst)
    }

    fn releasable_by(&self, thread: u64) -> bool {
        match self.home {
            _ if self.agile() => true,
            Home::Mta => true,
            Home::Sta(t) => t == thread,
        }
    }

    /// The `IClassFactory` pointer (borrowed from the table). Must be called
    /// while the registration is pinned or hazard-protected and not revoked.
    fn factory(&self) -> core::result::Result<*mut c_void, HRESULT> {
        let f = self.factory.load(Ordering::Acquire) & !1;
        if f != 0 {
            return Ok(f as *mut c_void);
        }
        let obj = self.object.load(Ordering::SeqCst);
        let mut out = null_mut();
        // SAFETY: obj is the live registered object (the caller protects the registration).
        let hr = unsafe {
            ((**(obj as *const *const IUnknown_Vtbl)).QueryInterface)(
                obj,
                &IID_IClassFactory,
                &mut out,
            )
        };
        if hr.is_err() || out.is_null() {
            return Err(if hr.is_err() {
                hr
            } else {
                crate::hresult::E_NOINTERFACE
            });
        }
        let tagged = if out == obj {
            // The same pointer the table already holds a reference on: borrow it.
            // SAFETY: QueryInterface added a reference we do not keep.
            unsafe { ((**(out as *const *const IUnknown_Vtbl)).Release)(out) };
            out as usize
        } else {
            out as usize | 1
        };
        match self
            .factory
            .compare_exchange(0, tagged, Ordering::AcqRel, Ordering::Acquire)
        {
            Ok(_) => Ok(out),
            Err(existing) => {
                if tagged & 1 != 0 {
                    // SAFETY: we own this reference and lost the race to publish it.
                    unsafe { ((**(out as *const *const IUnknown_Vtbl)).Release)(out) };
                }
                Ok((existing & !1) as *mut c_void)
            }
        }
    }

    /// Releases the table's references. Called once, by `reclaim`.
    fn release_objects(&self) {
        let f = self.factory.swap(0, Ordering::AcqRel);
        if f & 1 != 0 {
            let p = (f & !1) as *mut c_void;
            // SAFETY: the table owned this reference; nothing uses it any more.
            unsafe { ((**(p as *const *const IUnknown_Vtbl)).Release)(p) };
        }
        let o = self.object.swap(null_mut(), Ordering::AcqRel);
        if !o.is_null() {
            // SAFETY: as above, for the registered object.
            unsafe { ((**(o as *const *const IUnknown_Vtbl)).Release)(o) };
        }
    }
}

/// CLSID → registrations, oldest first.
static CLASSES: LazyLock<DashMap<GUID, Vec<Arc<Reg>>>> = LazyLock::new(DashMap::new);
/// Cookie → registration.
static COOKIES: LazyLock<DashMap<u32, Arc<Reg>>> = LazyLock::new(DashMap::new);
static NEXT_COOKIE: AtomicU32 = AtomicU32::new(1);
/// Bumped by every change that can change what a lookup finds.
static GENERATION: AtomicU64 = AtomicU64::new(1);

/// Class objects a class source handed out and allowed the runtime to keep
/// (see [`ClassSource::cache_class_objects`](super::source::ClassSource::cache_class_objects)):
/// CLSID → an internal, agile registration with no cookie and no apartment,
/// found after every `CoRegisterClassObject` registration, never suspended,
/// and dropped by [`forget_source_objects`].
static SOURCED: LazyLock<DashMap<GUID, Arc<Reg>>> = LazyLock::new(DashMap::new);

/// Revoked registrations whose objects are still in use.
static RETIRED: Mutex<Vec<Arc<Reg>>> = Mutex::new(Vec::new());
static RETIRED_COUNT: AtomicUsize = AtomicUsize::new(0);
/// Every thread's hazard slots.
static SLOTS: Mutex<Vec<Arc<Slot>>> = Mutex::new(Vec::new());

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Invalidates every thread's cached lookups.
pub(crate) fn bump_generation() {
    GENERATION.fetch_add(1, Ordering::SeqCst);
}

// ---- per-thread state --------------------------------------------------------

const HAZARDS: usize = 4;
const CACHE: usize = 4;

struct Slot {
    h: [AtomicPtr<Reg>; HAZARDS],
}

struct CacheEntry {
    clsid: GUID,
    clsctx: u32,
    generation: u64,
    reg: Arc<Reg>,
}

struct Local {
    slot: OnceCell<Arc<Slot>>,
    depth: Cell<usize>,
    cache: RefCell<[Option<CacheEntry>; CACHE]>,
    next: Cell<usize>,
}

impl Drop for Local {
    fn drop(&mut self) {
        if let Some(s) = self.slot.get() {
            lock(&SLOTS).retain(|x| !Arc::ptr_eq(x, s));
        }
    }
}

thread_local! {
    static LOCAL: Local = const {
        Local { slot: OnceCell::new(), depth: Cell::new(0), cache: RefCell::new([const { None }; CACHE]), next: Cell::new(0) }
    };
}

/// Drops the calling thread's cached lookups (its apartment changed).
pub(crate) fn forget_thread_cache() {
    let old = LOCAL.try_with(|l| {
        l.cache
            .try_borrow_mut()
            .map(|mut c| std::mem::replace(&mut *c, [const { None }; CACHE]))
    });
    drop(old);
}

fn remember(l: &Local, clsid: &GUID, clsctx: u32, generation: u64, reg: &Arc<Reg>) {
    let Ok(mut c) = l.cache.try_borrow_mut() else {
        return;
    };
    let i = c
        .iter()
        .position(|e| matches!(e, Some(e) if e.clsid == *clsid && e.clsctx == clsctx))
        .unwrap_or_else(|| {
            let i = l.next.get();
            l.next.set((i + 1) % CACHE);
            i
        });
    let old = c[i].replace(CacheEntry {
        clsid: *clsid,
        clsctx,
        generation,
        reg: reg.clone(),
    });
    drop(c);
    // Dropping an Arc<Reg> never runs COM code (only `reclaim` releases objects).
    drop(old);
}

/// A published hazard: while it lives, `reclaim` leaves the registration's objects alone.
struct Hazard<'a> {
    l: &'a Local,
    slot: &'a Slot,
    index: usize,
}

impl<'a> Hazard<'a> {
    fn new(l: &'a Local, reg: *const Reg) -> Option<Hazard<'a>> {
        let index = l.depth.get();
        if index >= HAZARDS {
            return None;
        }
        let slot = l.slot.get_or_init(|| {
            sys::init_barriers();
            let s = Arc::new(Slot {
                h: [const { AtomicPtr::new(null_mut()) }; HAZARDS],
            });
            lock(&SLOTS).push(s.clone());
            s
        });
        // Publish, then look at the registration's state: a revoker either
        // sees the hazard or we see the revocation (its heavy barrier pairs
        // with this light one).
        slot.h[index].store(reg as *mut Reg, Ordering::Relaxed);
        sys::light_barrier();
        l.depth.set(index + 1);
        Some(Hazard { l, slot, index })
    }
}

impl Drop for Hazard<'_> {
    fn drop(&mut self) {
        self.slot.h[self.index].store(null_mut(), Ordering::Release);
        self.l.depth.set(self.index);
        // Either a reclaimer sees the hazard gone, or we see its retired work.
        sys::light_barrier();
        if RETIRED_COUNT.load(Ordering::Relaxed) != 0 {
            reclaim();
        }
    }
}

/// A slow-path hold on a registration (a shared counter: used only off the hot path).
struct Pin<'a>(&'a Reg);

impl<'a> Pin<'a> {
    fn new(r: &'a Reg) -> Pin<'a> {
        r.pins.fetch_add(1, Ordering::SeqCst);
        Pin(r)
    }
}

impl Drop for Pin<'_> {
    fn drop(&mut self) {
        self.0.pins.fetch_sub(1, Ordering::SeqCst);
        if RETIRED_COUNT.load(Ordering::SeqCst) != 0 {
            reclaim();
        }
    }
}

/// Releases the objects of revoked registrations that nothing uses any more
/// and that the calling thread may release.
fn reclaim() {
    let me = init::thread_token();
    let mut free = Vec::new();
    {
        // Lock RETIRED first: everything in it was revoked before the hazards
        // below are read, so a hazard published after this read sees the
        // revocation and backs off.
        let mut retired = lock(&RETIRED);
        let candidate =
            |reg: &Arc<Reg>| reg.pins.load(Ordering::SeqCst) == 0 && reg.releasable_by(me);
        if !retired.iter().any(candidate) {
            return;
        }
        sys::heavy_barrier();
        let hazards: Vec<*mut Reg> = lock(&SLOTS)
            .iter()
            .flat_map(|s| s.h.iter().map(|h| h.load(Ordering::SeqCst)))
            .filter(|p| !p.is_null())
            .collect();
        retired.retain(|reg| {
            let releasable = candidate(reg) && !hazards.contains(&(Arc::as_ptr(reg) as *mut Reg));
            if releasable {
                free.push(reg.clone());
            }
            !releasable
        });
        RETIRED_COUNT.store(retired.len(), Ordering::SeqCst);
    }
    for reg in free {
        reg.release_objects();
    }
}

/// Takes a registration out of the table and releases its objects as soon
/// as nothing uses them. False if it was already revoked.
fn revoke_reg(reg: &Arc<Reg>) -> bool {
    if reg.state.swap(REVOKED, Ordering::SeqCst) == REVOKED {
        return false;
    }
    COOKIES.remove(&reg.cookie);
    if let Some(mut v) = CLASSES.get_mut(&reg.clsid) {
        v.retain(|r| !Arc::ptr_eq(r, reg));
    }
    CLASSES.remove_if(&reg.clsid, |_, v| v.is_empty());
    bump_generation();
    {
        let mut retired = lock(&RETIRED);
        retired.push(reg.clone());
        RETIRED_COUNT.store(retired.len(), Ordering::SeqCst);
    }
    reclaim();
    true
}

// ---- registration -------------------------------------------------------------

fn validate(clsctx: u32, flags: u32) -> Result<()> {
    let server =
        CLSCTX_INPROC_SERVER | CLSCTX_INPROC_HANDLER | CLSCTX_LOCAL_SERVER | CLSCTX_REMOTE_SERVER;
    if clsctx & !CLSCTX_VALID_MASK != 0
        || clsctx & server == 0
        || flags & !REGCLS_VALID_MASK != 0
        || flags & (REGCLS_MULTIPLEUSE | REGCLS_MULTI_SEPARATE)
            == (REGCLS_MULTIPLEUSE | REGCLS_MULTI_SEPARATE)
    {
        return Err(Error::from_code(E_INVALIDARG));
    }
    Ok(())
}

/// `CoRegisterClassObject` on a raw pointer: registers `object` (AddRef'd)
/// in the calling thread's apartment and returns the cookie.
///
/// # Safety
/// `object` must be a live COM object.
pub(crate) unsafe fn register_raw(
    clsid: &GUID,
    object: *mut c_void,
    clsctx: u32,
    flags: u32,
) -> Result<u32> {
    if let Some(rt) = super::attach::attached() {
        let mut cookie = 0u32;
        // SAFETY: the host's CoRegisterClassObject has the same contract.
        let hr = unsafe { (rt.CoRegisterClassObject)(clsid, object, clsctx, flags, &mut cookie) };
        return if hr.is_ok() {
            Ok(cookie)
        } else {
            Err(Error::from_code(hr))
        };
    }
    validate(clsctx, flags)?;
    let apt = init::current_apartment().ok_or(Error::from_code(CO_E_NOTINITIALIZED))?;
    let mut ctx = clsctx;
    if flags & REGCLS_MULTIPLEUSE != 0 && ctx & CLSCTX_LOCAL_SERVER != 0 {
        ctx |= CLSCTX_INPROC_SERVER;
    }
    let home = if apt.is_mta() {
        Home::Mta
    } else {
        Home::Sta(init::thread_token())
    };
    // SAFETY: object is live per the caller; the table owns the reference we add.
    unsafe { ((**(object as *const *const IUnknown_Vtbl)).AddRef)(object) };
    let mut reg = Reg {
        clsid: *clsid,
        cookie: 0,
        clsctx: ctx,
        flags,
        apartment: apt.id(),
        home,
        state: AtomicU8::new(ACTIVE),
        suspended: AtomicBool::new(flags & REGCLS_SUSPENDED != 0),
        pins: AtomicU32::new(0),
        object: AtomicPtr::new(object),
        factory: AtomicUsize::new(0),
    };
    let reg = loop {
        let c = NEXT_COOKIE.fetch_add(1, Ordering::Relaxed);
        if c == 0 {
            continue;
        }
        if let dashmap::Entry::Vacant(v) = COOKIES.entry(c) {
            reg.cookie = c;
            let reg = Arc::new(reg);
            v.insert(reg.clone());
            break reg;
        }
    };
    CLASSES.entry(*clsid).or_default().push(reg.clone());
    bump_generation();
    if !apt.is_alive() {
        // The apartment was torn down meanwhile (the MTA's last thread left).
        revoke_reg(&reg);
        return Err(Error::from_code(CO_E_NOTINITIALIZED));
    }
    Ok(reg.cookie)
}

/// `CoRevokeClassObject`.
pub fn revoke_class_object(cookie: u32) -> Result<()> {
    if let Some(rt) = super::attach::attached() {
        // SAFETY: the host's CoRevokeClassObject has the same contract.
        let hr = unsafe { (rt.CoRevokeClassObject)(cookie) };
        // CoRevokeClassObject sets no error info: leave the thread's alone.
        return if hr.is_ok() {
            Ok(())
        } else {
            Err(Error::from_code(hr))
        };
    }
    let apt = init::current_apartment_id().ok_or(Error::from_code(CO_E_NOTINITIALIZED))?;
    let reg = COOKIES
        .get(&cookie)
        .map(|r| r.clone())
        .ok_or(Error::from_code(CO_E_OBJNOTREG))?;
    if reg.apartment != apt {
        return Err(Error::from_code(RPC_E_WRONG_THREAD));
    }
    if revoke_reg(&reg) {
        Ok(())
    } else {
        Err(Error::from_code(CO_E_OBJNOTREG))
    }
}

/// Revokes every registration of `apt` (its teardown).
pub(crate) fn revoke_apartment(apt: &Apartment) {
    let id = apt.id();
    let regs: Vec<Arc<Reg>> = COOKIES
        .iter()
        .filter(|r| r.apartment == id)
        .map(|r| r.clone())
        .collect();
    for r in regs {
        revoke_reg(&r);
    }
}

/// A class object registration made through the Rust API: revokes itself
/// when dropped (on the registering thread: it is `!Send`).
#[must_use = "the registration is revoked when this drops; use `into_cookie` to keep it"]
#[derive(Debug)]
pub struct Registration {
    cookie: u32,
    _not_send: PhantomData<*const ()>,
}

impl Registration {
    /// The cookie `CoRevokeClassObject` takes.
    pub fn cookie(&self) -> u32 {
        self.cookie
    }

    /// Keeps the registration without this guard; revoke it later with
    /// [`revoke_class_object`] (or let the apartment's teardown do it).
    pub fn into_cookie(self) -> u32 {
        let c = self.cookie;
        core::mem::forget(self);
        c
    }

    /// Revokes now, reporting the result.
    pub fn revoke(self) -> Result<()> {
        revoke_class_object(self.into_cookie())
    }
}

impl Drop for Registration {
    fn drop(&mut self) {
        let _ = revoke_class_object(self.cookie);
    }
}

/// Registers `object` as the class object of `clsid` in the calling thread's
/// apartment (`CoRegisterClassObject`). `clsctx` is a `CLSCTX_*` set,
/// `flags` a `REGCLS_*` set.
pub fn register_class_object(
    clsid: &GUID,
    object: &IUnknown,
    clsctx: u32,
    flags: u32,
) -> Result<Registration> {
    // SAFETY: object is a live IUnknown.
    let cookie = unsafe { register_raw(clsid, crate::Interface::as_raw(object), clsctx, flags)? };
    Ok(Registration {
        cookie,
        _not_send: PhantomData,
    })
}

/// `CoSuspendClassObjects`: every registered class object stops being found.
pub fn suspend_class_objects() {
    if let Some(rt) = super::attach::attached() {
        // SAFETY: no arguments.
        let _ = unsafe { (rt.CoSuspendClassObjects)() };
        return;
    }
    for r in COOKIES.iter() {
        r.suspended.store(true, Ordering::SeqCst);
    }
    bump_generation();
}

/// `CoResumeClassObjects`: every registered class object (including those
/// registered `REGCLS_SUSPENDED`) is found again.
pub fn resume_class_objects() {
    if let Some(rt) = super::attach::attached() {
        // SAFETY: no arguments.
        let _ = unsafe { (rt.CoResumeClassObjects)() };
        return;
    }
    for r in COOKIES.iter() {
        r.suspended.store(false, Ordering::SeqCst);
    }
    bump_generation();
}

static SERVER_REFS: Mutex<u32> = Mutex::new(0);

/// `CoAddRefServerProcess`: increments the process-wide server count and returns it.
pub fn add_ref_server_process() -> u32 {
    if let Some(rt) = super::attach::attached() {
        // SAFETY: no arguments.
        return unsafe { (rt.CoAddRefServerProcess)() };
    }
    let mut n = lock(&SERVER_REFS);
    *n = n.saturating_add(1);
    *n
}

/// `CoReleaseServerProcess`: decrements the process-wide server count and
/// returns it; reaching zero suspends every class object (as
/// `CoSuspendClassObjects`), so no new activation starts while the server
/// shuts down. At zero already it stays zero.
pub fn release_server_process() -> u32 {
    if let Some(rt) = super::attach::attached() {
        // SAFETY: no arguments.
        return unsafe { (rt.CoReleaseServerProcess)() };
    }
    let mut n = lock(&SERVER_REFS);
    if *n == 0 {
        return 0;
    }
    *n -= 1;
    if *n == 0 {
        suspend_class_objects();
    }
    *n
}

// ---- lookup ---------------------------------------------------------------------

fn find(clsid: &GUID, clsctx: u32, apartment: u64) -> Option<Arc<Reg>> {
    let registered = CLASSES.get(clsid).and_then(|v| {
        v.iter()
            .rev()
            .find(|r| r.apartment == apartment && r.findable(clsctx))
            .or_else(|| v.iter().rev().find(|r| r.agile() && r.findable(clsctx)))
            .cloned()
    });
    registered.or_else(|| {
        SOURCED
            .get(clsid)
            .filter(|r| r.findable(clsctx))
            .map(|r| r.clone())
    })
}

/// Keeps `object`, the class object a class source returned for `clsid`, so
/// later in-process activations of the class reuse it through the table's
/// per-thread caches instead of asking the source again. The table holds one
/// reference until [`forget_source_objects`].
pub(crate) fn cache_source_object(clsid: &GUID, object: &IUnknown) {
    if SOURCED.contains_key(clsid) {
        return;
    }
    let obj = crate::Interface::as_raw(object);
    // SAFETY: obj is live; the table keeps the reference this adds.
    unsafe { ((**(obj as *const *const IUnknown_Vtbl)).AddRef)(obj) };
    let reg = Arc::new(Reg {
        clsid: *clsid,
        cookie: 0,
        clsctx: CLSCTX_INPROC_SERVER,
        flags: REGCLS_MULTIPLEUSE | REGCLS_AGILE,
        apartment: 0,
        home: Home::Mta,
        state: AtomicU8::new(ACTIVE),
        suspended: AtomicBool::new(false),
        pins: AtomicU32::new(0),
        object: AtomicPtr::new(obj),
        factory: AtomicUsize::new(0),
    });
    if let dashmap::Entry::Vacant(v) = SOURCED.entry(*clsid) {
        v.insert(reg);
    } else {
        // Another thread cached it first: give back our reference.
        reg.release_objects();
    }
}

/// Drops every class object kept for the class source (what a source must
/// call before it unloads anything): the per-thread caches are invalidated
/// at once, and each object is released as soon as no activation in flight
/// uses it (by this call, or by the last such activation when it finishes).
pub fn forget_source_objects() {
    let regs: Vec<Arc<Reg>> = SOURCED.iter().map(|r| r.clone()).collect();
    for reg in regs {
        SOURCED.remove_if(&reg.clsid, |_, r| Arc::ptr_eq(r, &reg));
        revoke_reg(&reg);
    }
}

/// Where activation stands in the table for one class.
pub(crate) enum Lookup {
    /// A class object, one reference owned by the caller.
    Found(IUnknown),
    /// No visible registration.
    NotFound,
}

/// A reference to the registered class object of `clsid` visible from
/// apartment `apartment` (claiming a `REGCLS_SINGLEUSE` registration).
pub(crate) fn class_object(clsid: &GUID, clsctx: u32, apartment: u64) -> Lookup {
    loop {
        let Some(reg) = find(clsid, clsctx, apartment) else {
            return Lookup::NotFound;
        };
        let pin = Pin::new(&reg);
        let claimed = if reg.single_use() {
            reg.state
                .compare_exchange(ACTIVE, USED, Ordering::SeqCst, Ordering::SeqCst)
                .is_ok()
        } else {
            reg.state.load(Ordering::SeqCst) == ACTIVE
        };
        if !claimed {
            continue;
        }
        let obj = reg.object.load(Ordering::SeqCst);
        // SAFETY: the pinned, unrevoked registration holds a reference on obj;
        // the clone adds the caller's.
        let unk = unsafe { <IUnknown as crate::Interface>::from_raw_borrowed(&obj) }
            .expect("a registered object")
            .clone();
        drop(pin);
        return Lookup::Found(unk);
    }
}

/// Calls `IClassFactory::CreateInstance` through the raw vtable.
///
/// # Safety
/// `factory` is a live `IClassFactory`; the other arguments as for CreateInstance.
#[inline(always)]
pub(crate) unsafe fn call_create(
    factory: *mut c_void,
    outer: *mut c_void,
    iid: *const GUID,
    ppv: *mut *mut c_void,
) -> HRESULT {
    // SAFETY: per the caller.
    unsafe {
        ((**(factory as *const *const IClassFactory_Vtbl)).CreateInstance)(factory, outer, iid, ppv)
    }
}

/// `CoCreateInstance` through the thread's cache: `None` on a miss (the
/// caller takes the slow path). The hot path.
#[inline]
pub(crate) fn create_cached(
    clsid: &GUID,
    clsctx: u32,
    outer: *mut c_void,
    iid: *const GUID,
    ppv: *mut *mut c_void,
) -> Option<HRESULT> {
    LOCAL
        .try_with(|l| {
            let generation = GENERATION.load(Ordering::Acquire);
            let reg: *const Reg = {
                let c = l.cache.try_borrow().ok()?;
                let e = c.iter().flatten().find(|e| {
                    e.generation == generation && e.clsctx == clsctx && e.clsid == *clsid
                })?;
                Arc::as_ptr(&e.reg)
            };
            let _hazard = Hazard::new(l, reg)?;
            // SAFETY: the cache entry's Arc keeps the Reg allocated, and no
            // code that could replace the entry has run since we read it.
            let r = unsafe { &*reg };
            if r.state.load(Ordering::SeqCst) != ACTIVE || r.suspended.load(Ordering::Relaxed) {
                return None;
            }
            let f = r.factory.load(Ordering::Acquire) & !1;
            if f == 0 {
                return None;
            }
            // SAFETY: the hazard keeps the unrevoked registration's factory alive
            // until the call returns; we do not touch `r` after it.
            Some(unsafe { call_create(f as *mut c_void, outer, iid, ppv) })
        })
        .ok()
        .flatten()
}

/// `CoCreateInstance` through the table for the caller in `apartment`:
/// `None` when no registration is visible. Fills the thread's cache.
pub(crate) fn create_slow(
    clsid: &GUID,
    clsctx: u32,
    apartment: u64,
    outer: *mut c_void,
    iid: *const GUID,
    ppv: *mut *mut c_void,
) -> Option<HRESULT> {
    let generation = GENERATION.load(Ordering::SeqCst);
    loop {
        let reg = find(clsid, clsctx, apartment)?;
        if reg.single_use() {
            let Lookup::Found(obj) = class_object(clsid, clsctx, apartment) else {
                return None;
            };
            return Some(create_with(&obj, outer, iid, ppv));
        }
        let pin = Pin::new(&reg);
        if reg.state.load(Ordering::SeqCst) != ACTIVE {
            continue;
        }
        let hr = match reg.factory() {
            // SAFETY: the pin keeps the factory alive until the call returns.
            Ok(f) => unsafe { call_create(f, outer, iid, ppv) },
            Err(hr) => hr,
        };
        drop(pin);
        let _ = LOCAL.try_with(|l| remember(l, clsid, clsctx, generation, &reg));
        return Some(hr);
    }
}

/// QueryInterface for `IClassFactory` on `obj`, then `CreateInstance`.
pub(crate) fn create_with(
    obj: &IUnknown,
    outer: *mut c_void,
    iid: *const GUID,
    ppv: *mut *mut c_void,
) -> HRESULT {
    let mut f = null_mut();
    // SAFETY: f is a valid out slot.
    let hr = unsafe { obj.query(&IID_IClassFactory, &mut f) };
    if hr.is_err() || f.is_null() {
        return if hr.is_err() {
            hr
        } else {
            crate::hresult::E_NOINTERFACE
        };
    }
    // SAFETY: QueryInterface handed us a reference on an IClassFactory.
    let factory: IUnknown = unsafe { crate::Interface::from_raw(f) };
    // SAFETY: factory is live; arguments pass through.
    let hr = unsafe { call_create(f, outer, iid, ppv) };
    drop(factory);
    hr
}

/// The number of live registrations (for diagnostics and tests).
pub fn registration_count() -> usize {
    COOKIES.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registration_flags() {
        assert!(validate(CLSCTX_INPROC_SERVER, REGCLS_MULTIPLEUSE).is_ok());
        assert!(validate(CLSCTX_LOCAL_SERVER, REGCLS_SINGLEUSE).is_ok());
        assert!(
            validate(
                CLSCTX_INPROC_SERVER | CLSCTX_LOCAL_SERVER,
                REGCLS_MULTI_SEPARATE | REGCLS_SUSPENDED
            )
            .is_ok()
        );
        assert!(
            validate(
                CLSCTX_INPROC_SERVER,
                REGCLS_MULTIPLEUSE | REGCLS_AGILE | REGCLS_SURROGATE
            )
            .is_ok()
        );
        for (ctx, flags) in [
            (0, REGCLS_MULTIPLEUSE),
            (CLSCTX_NO_CODE_DOWNLOAD, REGCLS_MULTIPLEUSE),
            (CLSCTX_INPROC_SERVER | CLSCTX_RESERVED1, REGCLS_MULTIPLEUSE),
            (
                CLSCTX_INPROC_SERVER,
                REGCLS_MULTIPLEUSE | REGCLS_MULTI_SEPARATE,
            ),
            (CLSCTX_INPROC_SERVER, 0x20),
        ] {
            assert_eq!(
                validate(ctx, flags).unwrap_err().code(),
                E_INVALIDARG,
                "{ctx:#x} {flags:#x}"
            );
        }
    }
}
