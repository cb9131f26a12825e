//! The multithreaded apartment: one per process, alive while any thread
//! holds it (a thread initialized with `COINIT_MULTITHREADED`, a
//! `CoIncrementMTAUsage` cookie, or MTA work waiting to run), and the worker
//! threads that run work posted to it.

use super::Apartment;
use crate::error::{Error, Result};
use crate::hresult::{E_OUTOFMEMORY, RPC_E_DISCONNECTED};
use crossbeam::channel::{Receiver, Sender};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

struct Slot {
    apt: Option<Apartment>,
    users: usize,
}

static MTA: Mutex<Slot> = Mutex::new(Slot {
    apt: None,
    users: 0,
});

fn slot() -> std::sync::MutexGuard<'static, Slot> {
    MTA.lock().unwrap_or_else(|e| e.into_inner())
}

/// The MTA, if it exists.
pub(crate) fn current() -> Option<Apartment> {
    slot().apt.clone()
}

/// Adds a user to the MTA, creating it if needed.
pub(crate) fn join() -> Apartment {
    let mut s = slot();
    s.users += 1;
    if let Some(a) = &s.apt {
        return a.clone();
    }
    let a = Apartment::new_mta();
    s.apt = Some(a.clone());
    drop(s);
    // Uninitialized threads just entered the implicit MTA: their cached
    // activation state must be re-validated.
    crate::runtime::class_table::bump_generation();
    a
}

/// Removes a user from `apt` (which must be the current MTA); the last one
/// tears it down.
pub(crate) fn leave(apt: &Apartment) {
    let mut s = slot();
    let gone = match &s.apt {
        Some(cur) if cur.same(apt) => {
            s.users -= 1;
            if s.users == 0 { s.apt.take() } else { None }
        }
        _ => None,
    };
    drop(s);
    if let Some(a) = gone {
        a.teardown();
        crate::runtime::class_table::bump_generation();
    }
}

/// Adds a user to `apt` only if it is still the live MTA.
fn join_existing(apt: &Apartment) -> Option<MtaUsage> {
    let mut s = slot();
    let cur = s
        .apt
        .clone()
        .filter(|cur| cur.same(apt) && cur.is_alive())?;
    s.users += 1;
    Some(MtaUsage { apt: cur })
}

/// Keeps the MTA alive (`CoIncrementMTAUsage`): while a usage exists,
/// uninitialized threads are in the implicit MTA. Dropping it is
/// `CoDecrementMTAUsage`.
#[must_use = "the MTA is released again when the usage drops"]
pub struct MtaUsage {
    apt: Apartment,
}

impl MtaUsage {
    /// Creates the MTA if needed and holds it.
    pub fn new() -> MtaUsage {
        MtaUsage { apt: join() }
    }

    /// The MTA being held.
    pub fn apartment(&self) -> &Apartment {
        &self.apt
    }
}

impl Default for MtaUsage {
    fn default() -> Self {
        MtaUsage::new()
    }
}

impl Drop for MtaUsage {
    fn drop(&mut self) {
        leave(&self.apt);
    }
}

impl std::fmt::Debug for MtaUsage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MtaUsage")
            .field("apartment", &self.apt)
            .finish()
    }
}

// ---- work posted to the MTA ------------------------------------------------

type Job = Box<dyn FnOnce() + Send + 'static>;

struct Pool {
    tx: Sender<Job>,
    rx: Receiver<Job>,
    idle: AtomicUsize,
}

fn pool() -> &'static Pool {
    static POOL: OnceLock<Pool> = OnceLock::new();
    POOL.get_or_init(|| {
        let (tx, rx) = crossbeam::channel::unbounded();
        Pool {
            tx,
            rx,
            idle: AtomicUsize::new(0),
        }
    })
}

/// Runs `job` on a worker thread in `apt` (the MTA), handing it the usage
/// that keeps the MTA alive: the job drops it when it is done with the MTA.
///
/// Workers are started when work arrives and none is idle; they stay for
/// the life of the process (as Windows keeps its RPC worker threads).
pub(crate) fn post_job(
    apt: &Apartment,
    job: Box<dyn FnOnce(MtaUsage) + Send + 'static>,
) -> Result<()> {
    let usage = join_existing(apt).ok_or(Error::from_code(RPC_E_DISCONNECTED))?;
    let p = pool();
    if p.idle.load(Ordering::SeqCst) == 0 {
        spawn_worker(p)?;
    }
    // Uninitialized worker threads are in the implicit MTA while `usage` lives.
    let job: Job = Box::new(move || job(usage));
    p.tx.send(job)
        .map_err(|_| Error::from_code(RPC_E_DISCONNECTED))
}

fn spawn_worker(p: &'static Pool) -> Result<()> {
    let rx = p.rx.clone();
    std::thread::Builder::new()
        .name("anycom-mta".into())
        .spawn(move || {
            loop {
                p.idle.fetch_add(1, Ordering::SeqCst);
                let job = rx.recv();
                p.idle.fetch_sub(1, Ordering::SeqCst);
                match job {
                    // A panic in posted MTA work is reported by the panic hook
                    // and does not take the worker down.
                    Ok(job) => drop(std::panic::catch_unwind(std::panic::AssertUnwindSafe(job))),
                    Err(_) => return,
                }
            }
        })
        .map(drop)
        .map_err(|e| {
            Error::new(
                E_OUTOFMEMORY,
                format!("cannot start an MTA worker thread: {e}"),
            )
        })
}
