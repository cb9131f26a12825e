//! A single-threaded apartment's queue: a crossbeam channel whose sending
//! side anyone may hold, whose receiving side lives on the STA's thread,
//! and an optional pollable notifier for hosts with their own event loop.

use crate::error::{Error, Result};
use crate::hresult::{E_FAIL, RPC_E_DISCONNECTED};
use crate::runtime::sys::Notifier;
use crossbeam::channel::{Receiver, Sender};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};

/// What travels through an STA's queue.
pub(crate) enum Message {
    /// Work to run on the STA thread when it pumps.
    Work(Box<dyn FnOnce() + Send + 'static>),
    /// A quit request (`post_quit`): like `WM_QUIT`, it takes its place in
    /// the queue, so the pump reports it after the work queued before it,
    /// and it never wakes a pump after that pump has reported it.
    Quit,
}

/// The shared half of an STA: what other threads use to reach it.
pub(crate) struct StaShared {
    tx: Sender<Message>,
    /// The owning thread's token (`init::thread_token`).
    pub(crate) thread: u64,
    /// A runtime-owned host STA (never the main STA).
    pub(crate) host: bool,
    /// Set when the STA runs a quit request; consumed when the pump reports it (queue empty).
    quit: AtomicBool,
    /// The pollable handle, created on first request.
    notifier: OnceLock<Notifier>,
    notifier_init: Mutex<()>,
    /// True while the notifier is (or is about to be) signaled.
    signaled: AtomicBool,
}

impl StaShared {
    /// A new queue: the shared half and the receiver the owning thread keeps.
    pub(crate) fn new(thread: u64, host: bool) -> (StaShared, Receiver<Message>) {
        let (tx, rx) = crossbeam::channel::unbounded();
        let shared = StaShared {
            tx,
            thread,
            host,
            quit: AtomicBool::new(false),
            notifier: OnceLock::new(),
            notifier_init: Mutex::new(()),
            signaled: AtomicBool::new(false),
        };
        (shared, rx)
    }

    /// Queues a message. Fails with `RPC_E_DISCONNECTED` once the STA's
    /// thread has dropped its receiver (the apartment was torn down).
    pub(crate) fn send(&self, m: Message) -> Result<()> {
        self.tx
            .send(m)
            .map_err(|_| Error::from_code(RPC_E_DISCONNECTED))?;
        self.notify();
        Ok(())
    }

    /// Asks the pump to return `S_FALSE` once the queue is empty.
    pub(crate) fn post_quit(&self) -> Result<()> {
        self.send(Message::Quit)
    }

    /// Runs a message on the STA's own thread: work runs; a quit request
    /// becomes pending, for the pump to report once the queue is empty.
    pub(crate) fn run(&self, m: Message) {
        match m {
            Message::Work(f) => f(),
            Message::Quit => self.quit.store(true, Ordering::SeqCst),
        }
    }

    /// Consumes a pending quit request.
    pub(crate) fn take_quit(&self) -> bool {
        self.quit.swap(false, Ordering::SeqCst)
    }

    /// True when a quit request is pending (not consumed).
    pub(crate) fn quit_pending(&self) -> bool {
        self.quit.load(Ordering::SeqCst)
    }

    fn notify(&self) {
        if let Some(n) = self.notifier.get()
            && !self.signaled.swap(true, Ordering::SeqCst)
        {
            n.signal();
        }
    }

    /// Called by the pump after it found the queue empty: unsignals the
    /// notifier, then re-signals it if work raced in meanwhile.
    pub(crate) fn drained(&self, rx: &Receiver<Message>) {
        if let Some(n) = self.notifier.get() {
            // Order matters: clear the descriptor first, then the flag, then
            // look at the queue; a sender that saw the flag still set pushed
            // its message before we looked, so we see it and re-signal.
            n.clear();
            self.signaled.store(false, Ordering::SeqCst);
            if !rx.is_empty() && !self.signaled.swap(true, Ordering::SeqCst) {
                n.signal();
            }
        }
    }

    /// The pollable handle (created on first use; signaled at once if
    /// work is already queued).
    pub(crate) fn pump_handle(&self) -> Result<isize> {
        if let Some(n) = self.notifier.get() {
            return Ok(n.raw());
        }
        let _g = self.notifier_init.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = self.notifier.get() {
            return Ok(n.raw());
        }
        let n = Notifier::new()
            .map_err(|e| Error::new(E_FAIL, format!("cannot create the STA's pump handle: {e}")))?;
        let raw = n.raw();
        let _ = self.notifier.set(n);
        if !self.tx.is_empty() || self.quit_pending() {
            self.signaled.store(false, Ordering::SeqCst);
            self.notify();
        }
        Ok(raw)
    }
}
