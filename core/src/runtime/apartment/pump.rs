//! Pumping an STA: running the work queued to it, on its own thread.
//!
//! Three ways to pump, all to be called on the STA's thread:
//! - [`pump_pending`]: run what is queued now and return (for hosts with
//!   their own event loop, driven by [`Apartment::pump_handle`](super::Apartment::pump_handle)),
//! - [`pump_until_quit`] / [`pump_for`]: block, running work as it arrives,
//!   until [`Apartment::post_quit`](super::Apartment::post_quit) (or a timeout),
//! - [`wait`] / [`wait_any`]: wait for something else (a reply, an
//!   [`Event`]) while running incoming work: the portable
//!   `CoWaitForMultipleHandles`. On a thread that is not an STA they simply block.
//!
//! A quit request behaves like `WM_QUIT`: the pump reports it only once the
//! queue is otherwise empty, and consumes it. Waits do not consume it.
//!
//! Calls from a thread that is not an STA fail: `CO_E_NOTINITIALIZED` on
//! an uninitialized thread (implicit MTA included), `RPC_E_WRONG_THREAD`
//! on an MTA thread.

use crate::error::{Error, Result};
use crate::hresult::{CO_E_NOTINITIALIZED, RPC_E_DISCONNECTED, RPC_E_NO_SYNC, RPC_S_CALLPENDING};
use crate::runtime::init;
use crossbeam::channel::{Receiver, RecvTimeoutError, Select, Sender};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// How a pump call ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PumpStatus {
    /// The queue was drained (or the timeout passed); no quit request.
    Idle,
    /// A quit request was pending and has been consumed.
    Quit,
}

/// Runs the work queued to the calling STA, then returns.
///
/// Runs at most the messages queued when it starts (work that queued work
/// runs at the next pump), so it always returns. Returns
/// [`PumpStatus::Quit`] if the queue is then empty and a quit request was
/// pending. Clears the pump handle when the queue is empty.
pub fn pump_pending() -> Result<PumpStatus> {
    let (apt, rx) = init::current_sta()?;
    let sta = apt.sta().expect("an STA");
    let n = rx.len();
    for _ in 0..n {
        match rx.try_recv() {
            Ok(m) => sta.run(m),
            Err(_) => break,
        }
        if !apt.is_alive() {
            return Err(Error::from_code(CO_E_NOTINITIALIZED));
        }
    }
    if rx.is_empty() {
        sta.drained(&rx);
        if sta.take_quit() {
            return Ok(PumpStatus::Quit);
        }
    }
    Ok(PumpStatus::Idle)
}

/// Runs work as it arrives until a quit request (the message loop of an STA
/// thread). Fails with `CO_E_NOTINITIALIZED` if work run by the pump tears
/// the apartment down.
pub fn pump_until_quit() -> Result<()> {
    pump_deadline(None).map(drop)
}

/// Runs work as it arrives for at most `timeout`; returns early with
/// [`PumpStatus::Quit`] on a quit request.
pub fn pump_for(timeout: Duration) -> Result<PumpStatus> {
    pump_deadline(Some(Instant::now() + timeout))
}

fn pump_deadline(deadline: Option<Instant>) -> Result<PumpStatus> {
    let (apt, rx) = init::current_sta()?;
    let sta = apt.sta().expect("an STA");
    loop {
        while let Ok(m) = rx.try_recv() {
            sta.run(m);
            if !apt.is_alive() {
                return Err(Error::from_code(CO_E_NOTINITIALIZED));
            }
        }
        sta.drained(&rx);
        if sta.take_quit() {
            return Ok(PumpStatus::Quit);
        }
        let m = match deadline {
            None => rx
                .recv()
                .map_err(|_| Error::from_code(RPC_E_DISCONNECTED))?,
            Some(d) => match rx.recv_deadline(d) {
                Ok(m) => m,
                Err(RecvTimeoutError::Timeout) => return Ok(PumpStatus::Idle),
                Err(RecvTimeoutError::Disconnected) => {
                    return Err(Error::from_code(RPC_E_DISCONNECTED));
                }
            },
        };
        sta.run(m);
        if !apt.is_alive() {
            return Err(Error::from_code(CO_E_NOTINITIALIZED));
        }
    }
}

/// Waits for a value on `rx`, pumping meanwhile if the calling thread is an
/// STA (incoming work runs nested inside the wait; see the re-entrancy
/// notes in [`super`]).
///
/// Fails with `RPC_S_CALLPENDING` when `timeout` passes first and with
/// `RPC_E_DISCONNECTED` when every sender is gone.
pub fn wait<T>(rx: &Receiver<T>, timeout: Option<Duration>) -> Result<T> {
    wait_deadline(rx, timeout.map(|t| Instant::now() + t))
}

fn plain_wait<T>(rx: &Receiver<T>, deadline: Option<Instant>) -> Result<T> {
    match deadline {
        None => rx.recv().map_err(|_| Error::from_code(RPC_E_DISCONNECTED)),
        Some(d) => rx.recv_deadline(d).map_err(|e| match e {
            RecvTimeoutError::Timeout => Error::from_code(RPC_S_CALLPENDING),
            RecvTimeoutError::Disconnected => Error::from_code(RPC_E_DISCONNECTED),
        }),
    }
}

fn wait_deadline<T>(rx: &Receiver<T>, deadline: Option<Instant>) -> Result<T> {
    let Ok((apt, sta_rx)) = init::current_sta() else {
        return plain_wait(rx, deadline);
    };
    let sta = apt.sta().expect("an STA");
    loop {
        if let Ok(v) = rx.try_recv() {
            return Ok(v);
        }
        if !apt.is_alive() {
            // Torn down by work run inside this wait: stop pumping.
            drop(sta_rx);
            return plain_wait(rx, deadline);
        }
        let mut sel = Select::new();
        let i_wait = sel.recv(rx);
        let i_sta = sel.recv(&sta_rx);
        let op = match deadline {
            None => sel.select(),
            Some(d) => match sel.select_deadline(d) {
                Ok(op) => op,
                Err(_) => return Err(Error::from_code(RPC_S_CALLPENDING)),
            },
        };
        if op.index() == i_wait {
            return op
                .recv(rx)
                .map_err(|_| Error::from_code(RPC_E_DISCONNECTED));
        }
        debug_assert_eq!(op.index(), i_sta);
        if let Ok(m) = op.recv(&sta_rx) {
            sta.run(m);
        }
        if sta_rx.is_empty() {
            sta.drained(&sta_rx);
        }
    }
}

/// A waitable event (the portable stand-in for a Win32 event handle), for
/// [`wait_any`]. `Send + Sync`: share it through an `Arc`.
#[derive(Debug)]
pub struct Event {
    manual_reset: bool,
    state: Mutex<EventState>,
}

#[derive(Debug)]
struct EventState {
    set: bool,
    waiters: Vec<(u64, Sender<()>)>,
}

static NEXT_WAITER: AtomicU64 = AtomicU64::new(1);

impl Event {
    /// A new event. A manual-reset event stays set until [`Event::reset`];
    /// an auto-reset event is reset by the one wait it releases.
    pub fn new(manual_reset: bool, initially_set: bool) -> Event {
        Event {
            manual_reset,
            state: Mutex::new(EventState {
                set: initially_set,
                waiters: Vec::new(),
            }),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, EventState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Sets the event, waking its waiters.
    pub fn set(&self) {
        let mut s = self.lock();
        s.set = true;
        for (_, w) in &s.waiters {
            let _ = w.try_send(());
        }
    }

    /// Resets the event.
    pub fn reset(&self) {
        self.lock().set = false;
    }

    /// True while the event is set.
    pub fn is_set(&self) -> bool {
        self.lock().set
    }

    fn try_take(&self) -> bool {
        let mut s = self.lock();
        if s.set && !self.manual_reset {
            s.set = false;
            return true;
        }
        s.set
    }
}

/// Waits until one of `events` is set (consuming an auto-reset event) and
/// returns its index, pumping meanwhile if the calling thread is an STA:
/// `CoWaitForMultipleHandles` without `COWAIT_WAITALL`.
///
/// No events is `RPC_E_NO_SYNC` (as Windows for zero handles); a timeout is
/// `RPC_S_CALLPENDING`. When several are set, the lowest index wins.
pub fn wait_any(events: &[&Event], timeout: Option<Duration>) -> Result<usize> {
    if events.is_empty() {
        return Err(Error::from_code(RPC_E_NO_SYNC));
    }
    let deadline = timeout.map(|t| Instant::now() + t);
    let (tx, rx) = crossbeam::channel::bounded(1);
    let id = NEXT_WAITER.fetch_add(1, Ordering::Relaxed);
    for e in events {
        e.lock().waiters.push((id, tx.clone()));
    }
    let result = loop {
        if let Some(i) = events.iter().position(|e| e.try_take()) {
            break Ok(i);
        }
        if let Err(e) = wait_deadline(&rx, deadline) {
            break Err(e);
        }
    };
    for e in events {
        e.lock().waiters.retain(|(w, _)| *w != id);
    }
    result
}
