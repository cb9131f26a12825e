//! Per-thread initialization: `CoInitializeEx`, `CoUninitialize`,
//! `CoGetApartmentType`, and the [`ComInit`] guard that balances them.
//!
//! Windows' rules, exactly:
//! - The first `CoInitializeEx` on a thread makes it an STA
//!   (`COINIT_APARTMENTTHREADED`) or joins it to the MTA (`S_OK`).
//! - The same model again is `S_FALSE` and is counted: it needs its own
//!   `CoUninitialize`.
//! - The other model is `RPC_E_CHANGED_MODE`, not counted; the thread stays
//!   as it was.
//! - `CoUninitialize` on an uninitialized thread does nothing; the one that
//!   brings the count to zero tears the thread's apartment down (for the MTA,
//!   the last thread's does), revoking the class objects registered in it.
//! - A thread that exits while initialized is uninitialized for it.
//!
//! While the apartment is being torn down (class objects being released)
//! the thread already counts as uninitialized.

use super::apartment::sta::Message;
use super::apartment::{Apartment, mta};
use crate::constants::*;
use crate::error::{Error, Result};
use crate::hresult::{
    CO_E_NOTINITIALIZED, E_INVALIDARG, E_UNEXPECTED, HRESULT, RPC_E_CHANGED_MODE,
    RPC_E_WRONG_THREAD, S_FALSE, S_OK,
};
use crossbeam::channel::Receiver;
use std::cell::{Cell, RefCell};
use std::marker::PhantomData;
use std::sync::atomic::{AtomicU64, Ordering};

/// The apartment a thread entered, with what the thread itself holds.
enum ThreadApt {
    None,
    Sta {
        apt: Apartment,
        rx: Receiver<Message>,
    },
    Mta(Apartment),
}

struct ThreadInit {
    count: Cell<u32>,
    apt: RefCell<ThreadApt>,
}

impl Drop for ThreadInit {
    fn drop(&mut self) {
        // The thread is exiting while initialized: uninitialize for it.
        if self.count.get() > 0 {
            self.count.set(0);
            let old = std::mem::replace(self.apt.get_mut(), ThreadApt::None);
            let _ = KIND.try_with(|k| k.set(KIND_NONE));
            leave(old);
        }
    }
}

const KIND_NONE: u8 = 0;
const KIND_STA: u8 = 1;
const KIND_MTA: u8 = 2;

thread_local! {
    static THREAD: ThreadInit = const { ThreadInit { count: Cell::new(0), apt: RefCell::new(ThreadApt::None) } };
    // Destructor-free mirrors, readable at any time (even during thread exit).
    static KIND: Cell<u8> = const { Cell::new(KIND_NONE) };
    static APT_ID: Cell<u64> = const { Cell::new(0) };
    static TOKEN: Cell<u64> = const { Cell::new(0) };
}

/// A number identifying the calling thread (never 0, never reused).
pub(crate) fn thread_token() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    TOKEN.with(|t| {
        if t.get() == 0 {
            t.set(NEXT.fetch_add(1, Ordering::Relaxed));
        }
        t.get()
    })
}

/// True when the calling thread is an STA.
pub(crate) fn current_is_sta() -> bool {
    KIND.with(|k| k.get()) == KIND_STA
}

/// The id of the calling thread's apartment, the MTA's for a thread in the
/// implicit MTA.
pub(crate) fn current_apartment_id() -> Option<u64> {
    match KIND.with(|k| k.get()) {
        KIND_NONE => mta::current().map(|a| a.id()),
        _ => Some(APT_ID.with(|a| a.get())),
    }
}

/// The calling thread's apartment (the MTA for a thread in the implicit MTA).
pub(crate) fn current_apartment() -> Option<Apartment> {
    let own = THREAD
        .try_with(|t| match &*t.apt.borrow() {
            ThreadApt::None => None,
            ThreadApt::Sta { apt, .. } | ThreadApt::Mta(apt) => Some(apt.clone()),
        })
        .ok()
        .flatten();
    own.or_else(mta::current)
}

/// The calling thread's STA and a receiver on its queue (for pumping).
/// `CO_E_NOTINITIALIZED` on an uninitialized thread, `RPC_E_WRONG_THREAD` in the MTA.
pub(crate) fn current_sta() -> Result<(Apartment, Receiver<Message>)> {
    THREAD
        .try_with(|t| match &*t.apt.borrow() {
            ThreadApt::Sta { apt, rx } => Ok((apt.clone(), rx.clone())),
            ThreadApt::Mta(_) => Err(Error::from_code(RPC_E_WRONG_THREAD)),
            ThreadApt::None => Err(Error::from_code(CO_E_NOTINITIALIZED)),
        })
        .unwrap_or_else(|_| Err(Error::from_code(CO_E_NOTINITIALIZED)))
}

/// `CoInitializeEx`: returns `S_OK` (entered) or `S_FALSE` (already in that
/// model, counted). Errors: `E_INVALIDARG` for unknown flags,
/// `RPC_E_CHANGED_MODE` (not counted).
pub fn initialize(coinit: u32) -> Result<HRESULT> {
    if let Some(rt) = super::attach::attached() {
        // SAFETY: the host's CoInitializeEx has the same contract.
        let hr = unsafe { (rt.CoInitializeEx)(core::ptr::null_mut(), coinit) };
        return if hr.is_ok() {
            Ok(hr)
        } else {
            Err(Error::from_code(hr))
        };
    }
    enter(coinit, false)
}

fn enter(coinit: u32, host: bool) -> Result<HRESULT> {
    if coinit & !COINIT_VALID_MASK != 0 {
        return Err(Error::from_code(E_INVALIDARG));
    }
    let want_sta = coinit & COINIT_APARTMENTTHREADED != 0;
    let r = THREAD.try_with(|t| {
        let n = t.count.get();
        if n > 0 {
            let is_sta = matches!(&*t.apt.borrow(), ThreadApt::Sta { .. });
            if is_sta != want_sta {
                return Err(Error::from_code(RPC_E_CHANGED_MODE));
            }
            t.count
                .set(n.checked_add(1).ok_or(Error::from_code(E_UNEXPECTED))?);
            return Ok(S_FALSE);
        }
        let (new, kind, id) = if want_sta {
            let (apt, rx) = Apartment::new_sta(host);
            let id = apt.id();
            (ThreadApt::Sta { apt, rx }, KIND_STA, id)
        } else {
            let apt = mta::join();
            let id = apt.id();
            (ThreadApt::Mta(apt), KIND_MTA, id)
        };
        *t.apt.borrow_mut() = new;
        t.count.set(1);
        KIND.with(|k| k.set(kind));
        APT_ID.with(|a| a.set(id));
        Ok(S_OK)
    });
    let hr = r.unwrap_or_else(|_| Err(Error::from_code(E_UNEXPECTED)))?;
    if hr == S_OK {
        super::class_table::forget_thread_cache();
    }
    Ok(hr)
}

/// `CoUninitialize`: undoes one successful `CoInitializeEx` (`S_OK` or
/// `S_FALSE`); the last one tears the thread's apartment down. Does nothing
/// on an uninitialized thread.
pub fn uninitialize() {
    if let Some(rt) = super::attach::attached() {
        // SAFETY: no arguments.
        unsafe { (rt.CoUninitialize)() };
        return;
    }
    let old = THREAD.try_with(|t| {
        let n = t.count.get();
        if n == 0 {
            return None;
        }
        t.count.set(n - 1);
        if n > 1 {
            return None;
        }
        let old = std::mem::replace(&mut *t.apt.borrow_mut(), ThreadApt::None);
        KIND.with(|k| k.set(KIND_NONE));
        APT_ID.with(|a| a.set(0));
        Some(old)
    });
    if let Ok(Some(old)) = old {
        leave(old);
        super::class_table::forget_thread_cache();
    }
}

fn leave(old: ThreadApt) {
    match old {
        ThreadApt::None => {}
        ThreadApt::Sta { apt, rx } => {
            apt.teardown();
            // Dropping the last receiver disconnects the queue: work still
            // queued is dropped unrun and later sends fail.
            drop(rx);
        }
        ThreadApt::Mta(apt) => mta::leave(&apt),
    }
}

/// How many successful, not yet undone `CoInitializeEx` calls the calling thread has made.
pub fn init_count() -> u32 {
    THREAD.try_with(|t| t.count.get()).unwrap_or(0)
}

/// `CoGetApartmentType`: the calling thread's apartment type and qualifier
/// with Windows' values. `CO_E_NOTINITIALIZED` when the thread is
/// uninitialized and no MTA exists (then Windows reports
/// `APTTYPE_CURRENT`/`APTTYPEQUALIFIER_NONE`).
pub fn apartment_type() -> Result<(APTTYPE, APTTYPEQUALIFIER)> {
    if let Some(rt) = super::attach::attached() {
        let (mut t, mut q) = (APTTYPE_CURRENT, APTTYPEQUALIFIER_NONE);
        // SAFETY: both pointers are valid locals.
        let hr = unsafe { (rt.CoGetApartmentType)(&mut t, &mut q) };
        return if hr.is_ok() {
            Ok((t, q))
        } else {
            Err(Error::from_code(hr))
        };
    }
    let own = THREAD
        .try_with(|t| match &*t.apt.borrow() {
            ThreadApt::None => None,
            ThreadApt::Mta(_) => Some(APTTYPE_MTA),
            ThreadApt::Sta { apt, .. } => Some(match apt.kind() {
                super::apartment::ApartmentKind::MainSta => APTTYPE_MAINSTA,
                _ => APTTYPE_STA,
            }),
        })
        .ok()
        .flatten();
    match own {
        Some(t) => Ok((t, APTTYPEQUALIFIER_NONE)),
        None if mta::current().is_some() => Ok((APTTYPE_MTA, APTTYPEQUALIFIER_IMPLICIT_MTA)),
        None => Err(Error::from_code(CO_E_NOTINITIALIZED)),
    }
}

/// Keeps the calling thread initialized: created by a successful
/// `CoInitializeEx` (`S_OK` or `S_FALSE`), it calls `CoUninitialize` when
/// dropped, so initialization and uninitialization balance by construction.
///
/// It is `!Send`: it must drop on the thread that made it. Guards nest like
/// the calls they stand for.
///
/// ```
/// use anycom::runtime::ComInit;
/// let _com = ComInit::mta().unwrap();
/// // ... activate objects ...
/// ```
#[must_use = "the thread is uninitialized again when the guard drops"]
#[derive(Debug)]
pub struct ComInit {
    hr: HRESULT,
    _not_send: PhantomData<*const ()>,
}

impl ComInit {
    /// `CoInitializeEx(NULL, coinit)`.
    pub fn new(coinit: u32) -> Result<ComInit> {
        Ok(ComInit {
            hr: initialize(coinit)?,
            _not_send: PhantomData,
        })
    }

    /// Makes the thread an STA.
    pub fn sta() -> Result<ComInit> {
        ComInit::new(COINIT_APARTMENTTHREADED)
    }

    /// Joins the MTA.
    pub fn mta() -> Result<ComInit> {
        ComInit::new(COINIT_MULTITHREADED)
    }

    /// A host STA (never the main STA), for the runtime's own threads.
    pub(crate) fn host_sta() -> Result<ComInit> {
        Ok(ComInit {
            hr: enter(COINIT_APARTMENTTHREADED, true)?,
            _not_send: PhantomData,
        })
    }

    /// What `CoInitializeEx` returned: `S_OK` (entered) or `S_FALSE` (nested).
    pub fn hresult(&self) -> HRESULT {
        self.hr
    }

    /// The apartment the thread is in.
    ///
    /// # Panics
    /// In a copy of anycom attached to another runtime (a plugin: see
    /// [`attach`](super::attach)), initialization happens in the host's
    /// runtime and this copy has no [`Apartment`] handle to give; a plugin
    /// uses the Windows-named functions, which are routed, instead.
    pub fn apartment(&self) -> Apartment {
        current_apartment().expect("an initialized thread has an apartment")
    }
}

impl Drop for ComInit {
    fn drop(&mut self) {
        uninitialize();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thread_tokens_are_distinct_and_stable() {
        let here = thread_token();
        assert_ne!(here, 0);
        assert_eq!(thread_token(), here);
        let there = std::thread::spawn(thread_token).join().unwrap();
        assert_ne!(there, here);
    }

    #[test]
    fn unknown_flags_are_rejected_before_anything_happens() {
        std::thread::spawn(|| {
            assert_eq!(initialize(0x40).unwrap_err().code(), E_INVALIDARG);
            assert_eq!(init_count(), 0);
        })
        .join()
        .unwrap();
    }
}
