//! Host STAs: threads the runtime starts itself, each an STA pumping until
//! told to quit. Apartment-model objects created for callers outside any
//! STA will live in one (once cross-apartment proxies exist).

use super::Apartment;
use crate::error::{Error, Result};
use crate::hresult::E_OUTOFMEMORY;
use std::thread::JoinHandle;

/// A runtime-owned STA thread. It never becomes the main STA.
///
/// Dropping the handle (or [`HostSta::shutdown`]) asks the thread to quit
/// and joins it; work queued before that still runs.
#[derive(Debug)]
pub struct HostSta {
    apartment: Apartment,
    thread: Option<JoinHandle<()>>,
}

impl HostSta {
    pub(crate) fn spawn() -> Result<HostSta> {
        let (tx, rx) = crossbeam::channel::bounded(1);
        let thread = std::thread::Builder::new()
            .name("anycom-sta".into())
            .spawn(move || {
                let init = match crate::runtime::init::ComInit::host_sta() {
                    Ok(i) => i,
                    Err(e) => {
                        let _ = tx.send(Err(e));
                        return;
                    }
                };
                let _ = tx.send(Ok(init.apartment()));
                // Runs until a quit request; a torn-down apartment also ends it.
                let _ = super::pump::pump_until_quit();
                drop(init);
            })
            .map_err(|e| {
                Error::new(
                    E_OUTOFMEMORY,
                    format!("cannot start a host STA thread: {e}"),
                )
            })?;
        let apartment = rx
            .recv()
            .map_err(|_| Error::from_code(crate::hresult::E_UNEXPECTED))??;
        Ok(HostSta {
            apartment,
            thread: Some(thread),
        })
    }

    /// The host STA's apartment (post work to it, or call into it).
    pub fn apartment(&self) -> &Apartment {
        &self.apartment
    }

    /// Asks the thread to quit after the work already queued, and waits for it.
    pub fn shutdown(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        if let Some(t) = self.thread.take() {
            let _ = self.apartment.post_quit();
            if t.thread().id() != std::thread::current().id() {
                let _ = t.join();
            }
        }
    }
}

impl Drop for HostSta {
    fn drop(&mut self) {
        self.stop();
    }
}
