//! Apartments: the multithreaded apartment (MTA, one per process) and
//! single-threaded apartments (STAs, one per thread that asks), behind the
//! public [`Apartment`] handle.
//!
//! # The model
//! - A thread enters an apartment with `CoInitializeEx` (or the [`ComInit`]
//!   guard): `COINIT_APARTMENTTHREADED` makes it an STA, `COINIT_MULTITHREADED`
//!   joins the MTA. The first STA of the process is the main STA.
//! - While any thread holds the MTA, every uninitialized thread is in the
//!   *implicit MTA*: it may activate objects and register class objects
//!   (they go to the MTA).
//! - An STA has a queue. Work posted to it from any thread ([`Apartment::post`],
//!   [`Apartment::call`]) runs on the STA's own thread, in posting order,
//!   only when that thread pumps (see [`pump`]). A host with its own event
//!   loop polls [`Apartment::pump_handle`] and pumps when it is readable.
//! - Work posted to the MTA runs on a runtime worker thread that is in the
//!   MTA for the duration of the work (and keeps the MTA alive until then).
//!
//! # Re-entrancy
//! An STA thread that waits for an outgoing call ([`Apartment::call`] into
//! another apartment, [`pump::wait`], [`pump::wait_any`]) keeps pumping its
//! own queue meanwhile, exactly as a Windows STA does in its modal loop: an
//! incoming call (even one made by the callee, calling back) runs on the
//! waiting thread, nested inside the wait. Objects living in an STA must
//! therefore expect to be re-entered while they wait on something. Work is
//! never run on an STA thread that is not pumping or waiting.
//!
//! The last `CoUninitialize` on a thread tears its apartment down: class
//! objects it registered are revoked (and released), work still queued is
//! dropped unrun (a waiting [`Apartment::call`] then fails with
//! `RPC_E_DISCONNECTED`), and later posts fail with `RPC_E_DISCONNECTED`.
//!
//! [`ComInit`]: crate::runtime::ComInit

mod host;
pub(crate) mod mta;
pub mod pump;
mod reply;
pub(crate) mod sta;

pub use host::HostSta;
pub use mta::MtaUsage;

use crate::error::{Error, Result};
use crate::hresult::{CO_E_NOT_SUPPORTED, RPC_E_DISCONNECTED};
use crate::runtime::init::{self, ComInit};
use std::fmt;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// What kind of apartment a handle refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ApartmentKind {
    /// A single-threaded apartment.
    Sta,
    /// The main STA: the first STA the process created (while it lives).
    MainSta,
    /// The multithreaded apartment.
    Mta,
}

/// A handle to an apartment. Cheap to clone, `Send` and `Sync`: any thread
/// may post work to any apartment through it.
///
/// A handle does not keep its apartment alive: once the apartment is torn
/// down, [`Apartment::is_alive`] is false and posting fails with
/// `RPC_E_DISCONNECTED`.
#[derive(Clone)]
pub struct Apartment {
    inner: Arc<Inner>,
}

pub(crate) struct Inner {
    id: u64,
    main: bool,
    alive: AtomicBool,
    flavor: Flavor,
}

pub(crate) enum Flavor {
    Sta(sta::StaShared),
    Mta,
}

static NEXT_ID: AtomicU64 = AtomicU64::new(1);
/// The id of the main STA while it lives.
static MAIN_STA: Mutex<Option<u64>> = Mutex::new(None);

impl Apartment {
    /// A new STA owned by the calling thread (`host`: a runtime host STA,
    /// which never becomes the main STA). Returns the handle and the receiving
    /// end of its queue, which the thread keeps.
    pub(crate) fn new_sta(host: bool) -> (Apartment, crossbeam::channel::Receiver<sta::Message>) {
        let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        let main = !host && {
            let mut m = MAIN_STA.lock().unwrap_or_else(|e| e.into_inner());
            if m.is_none() {
                *m = Some(id);
                true
            } else {
                false
            }
        };
        let (shared, rx) = sta::StaShared::new(init::thread_token(), host);
        let apt = Apartment {
            inner: Arc::new(Inner {
                id,
                main,
                alive: AtomicBool::new(true),
                flavor: Flavor::Sta(shared),
            }),
        };
        (apt, rx)
    }

    /// A new MTA instance (called by `mta::join` when none exists).
    pub(crate) fn new_mta() -> Apartment {
        let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        Apartment {
            inner: Arc::new(Inner {
                id,
                main: false,
                alive: AtomicBool::new(true),
                flavor: Flavor::Mta,
            }),
        }
    }

    /// The apartment the calling thread is in: its own (after
    /// `CoInitializeEx`), or the MTA when the thread is in the implicit MTA.
    /// `None` when the thread is uninitialized and no MTA exists.
    pub fn current() -> Option<Apartment> {
        init::current_apartment()
    }

    /// The process's MTA, if some thread holds it.
    pub fn mta() -> Option<Apartment> {
        mta::current()
    }

    /// Makes the calling thread an STA (`CoInitializeEx(COINIT_APARTMENTTHREADED)`)
    /// until the guard drops.
    pub fn enter_sta() -> Result<ComInit> {
        ComInit::sta()
    }

    /// Joins the MTA (`CoInitializeEx(COINIT_MULTITHREADED)`) until the guard drops.
    pub fn enter_mta() -> Result<ComInit> {
        ComInit::mta()
    }

    /// Starts a thread of the runtime's own that is an STA and pumps until
    /// told to quit: what hosts Apartment-model objects for callers in the MTA.
    pub fn spawn_sta() -> Result<HostSta> {
        HostSta::spawn()
    }

    /// A number identifying the apartment, unique for the life of the process.
    pub fn id(&self) -> u64 {
        self.inner.id
    }

    /// STA, main STA or MTA.
    pub fn kind(&self) -> ApartmentKind {
        match self.inner.flavor {
            Flavor::Mta => ApartmentKind::Mta,
            Flavor::Sta(_) if self.inner.main => ApartmentKind::MainSta,
            Flavor::Sta(_) => ApartmentKind::Sta,
        }
    }

    /// True for the MTA.
    pub fn is_mta(&self) -> bool {
        matches!(self.inner.flavor, Flavor::Mta)
    }

    /// True for a runtime-owned host STA ([`Apartment::spawn_sta`]).
    pub fn is_host_sta(&self) -> bool {
        matches!(&self.inner.flavor, Flavor::Sta(s) if s.host)
    }

    /// False once the apartment has been torn down.
    pub fn is_alive(&self) -> bool {
        self.inner.alive.load(Ordering::SeqCst)
    }

    /// True when the calling thread is in this apartment (for the MTA, also
    /// when the thread is in the implicit MTA).
    pub fn is_current(&self) -> bool {
        match &self.inner.flavor {
            Flavor::Sta(s) => {
                s.thread == init::thread_token() && self.is_alive() && init::current_is_sta()
            }
            Flavor::Mta => init::current_apartment_id() == Some(self.inner.id),
        }
    }

    /// Queues `work` to run in the apartment and returns at once.
    ///
    /// For an STA the work runs on the STA's thread, after the work queued
    /// before it, the next time that thread pumps. For the MTA it runs on a
    /// runtime worker thread in the MTA. A panic in posted work propagates
    /// out of the STA's pump (or is reported and swallowed on an MTA worker).
    pub fn post(&self, work: impl FnOnce() + Send + 'static) -> Result<()> {
        if !self.is_alive() {
            return Err(Error::from_code(RPC_E_DISCONNECTED));
        }
        match &self.inner.flavor {
            Flavor::Sta(s) => s.send(sta::Message::Work(Box::new(work))),
            Flavor::Mta => mta::post_job(
                self,
                Box::new(move |usage| {
                    work();
                    drop(usage);
                }),
            ),
        }
    }

    /// Runs `f` in the apartment and returns its result.
    ///
    /// From inside the apartment `f` runs at once, inline. Otherwise it is
    /// posted and the caller waits; a caller that is an STA keeps pumping its
    /// own queue while it waits (see the module docs on re-entrancy). A panic
    /// in `f` is resumed on the caller. If the apartment is torn down before
    /// `f` ran, the result is `RPC_E_DISCONNECTED`.
    pub fn call<R: Send + 'static>(&self, f: impl FnOnce() -> R + Send + 'static) -> Result<R> {
        if self.is_current() {
            return Ok(f());
        }
        if let Flavor::Sta(_) = &self.inner.flavor
            && !init::current_is_sta()
        {
            // A caller that does not pump just waits: a one-shot slot.
            let (tx, rx) = reply::slot();
            self.post(move || tx.send(catch_unwind(AssertUnwindSafe(f))))?;
            return match rx.recv() {
                Some(Ok(v)) => Ok(v),
                Some(Err(panic)) => resume_unwind(panic),
                None => Err(Error::from_code(RPC_E_DISCONNECTED)),
            };
        }
        let (tx, rx) = crossbeam::channel::bounded(1);
        match &self.inner.flavor {
            Flavor::Sta(_) => self.post(move || {
                let r = catch_unwind(AssertUnwindSafe(f));
                let _ = tx.send(r);
            })?,
            // The reply goes after the MTA is released, so a caller that
            // uninitializes right after the call can see the MTA go.
            Flavor::Mta => mta::post_job(
                self,
                Box::new(move |usage| {
                    let r = catch_unwind(AssertUnwindSafe(f));
                    drop(usage);
                    let _ = tx.send(r);
                }),
            )?,
        }
        match pump::wait(&rx, None) {
            Ok(Ok(v)) => Ok(v),
            Ok(Err(panic)) => resume_unwind(panic),
            Err(_) => Err(Error::from_code(RPC_E_DISCONNECTED)),
        }
    }

    /// Asks the STA's pump to stop: the pump returns (`S_FALSE` from
    /// `AnyComPumpMessages`) once the work queued before the request has run.
    /// The MTA has no pump: `CO_E_NOT_SUPPORTED`.
    pub fn post_quit(&self) -> Result<()> {
        match &self.inner.flavor {
            Flavor::Sta(s) if self.is_alive() => s.post_quit(),
            Flavor::Sta(_) => Err(Error::from_code(RPC_E_DISCONNECTED)),
            Flavor::Mta => Err(Error::from_code(CO_E_NOT_SUPPORTED)),
        }
    }

    /// The STA's pollable handle: on Unix a file descriptor (an eventfd on
    /// Linux, a pipe elsewhere), on Windows an event handle, that is readable
    /// (signaled) while the STA has work queued or a quit request pending.
    /// Add it to your event loop (epoll, GLib, Qt's socket notifier, ...) and
    /// call [`pump::pump_pending`] on the STA's thread when it fires.
    ///
    /// The handle belongs to the apartment: do not close it, and remove it
    /// from your loop before the apartment is torn down. The MTA has none
    /// (`CO_E_NOT_SUPPORTED`).
    pub fn pump_handle(&self) -> Result<isize> {
        match &self.inner.flavor {
            Flavor::Sta(s) => s.pump_handle(),
            Flavor::Mta => Err(Error::from_code(CO_E_NOT_SUPPORTED)),
        }
    }

    pub(crate) fn sta(&self) -> Option<&sta::StaShared> {
        match &self.inner.flavor {
            Flavor::Sta(s) => Some(s),
            Flavor::Mta => None,
        }
    }

    /// Tears the apartment down (the last `CoUninitialize`, or the MTA's
    /// last user leaving): no more posts, its class registrations revoked.
    pub(crate) fn teardown(&self) {
        if !self.inner.alive.swap(false, Ordering::SeqCst) {
            return;
        }
        if self.inner.main {
            let mut m = MAIN_STA.lock().unwrap_or_else(|e| e.into_inner());
            if *m == Some(self.inner.id) {
                *m = None;
            }
        }
        crate::runtime::class_table::revoke_apartment(self);
    }

    /// True when both handles refer to the same apartment.
    pub fn same(&self, other: &Apartment) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }
}

impl PartialEq for Apartment {
    fn eq(&self, other: &Self) -> bool {
        self.same(other)
    }
}
impl Eq for Apartment {}

impl fmt::Debug for Apartment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Apartment")
            .field("id", &self.inner.id)
            .field("kind", &self.kind())
            .field("alive", &self.is_alive())
            .finish()
    }
}
