//! Windows: the pollable notifier is a manual-reset event, usable with
//! `WaitForMultipleObjects`/`MsgWaitForMultipleObjects`.

use core::ffi::c_void;
use std::io;

type HANDLE = *mut c_void;

#[link(name = "kernel32")]
unsafe extern "system" {
    fn CreateEventW(
        attrs: *mut c_void,
        manual_reset: i32,
        initial_state: i32,
        name: *const u16,
    ) -> HANDLE;
    fn SetEvent(h: HANDLE) -> i32;
    fn ResetEvent(h: HANDLE) -> i32;
    fn CloseHandle(h: HANDLE) -> i32;
    fn FlushProcessWriteBuffers();
}

/// `FlushProcessWriteBuffers` exists on every supported Windows.
pub(crate) fn process_barrier_available() -> bool {
    true
}

/// Makes every running thread of the process execute a full memory barrier.
pub(crate) fn process_barrier() {
    // SAFETY: no arguments.
    unsafe { FlushProcessWriteBuffers() };
}

/// An event handle that is signaled while the STA has work.
pub(crate) struct Notifier {
    event: HANDLE,
}

// SAFETY: an event handle may be used from any thread.
unsafe impl Send for Notifier {}
// SAFETY: SetEvent/ResetEvent are thread-safe.
unsafe impl Sync for Notifier {}

impl Notifier {
    /// Creates an unsignaled manual-reset event.
    pub(crate) fn new() -> io::Result<Notifier> {
        // SAFETY: default security, unnamed event.
        let event = unsafe { CreateEventW(core::ptr::null_mut(), 1, 0, core::ptr::null()) };
        if event.is_null() {
            return Err(io::Error::last_os_error());
        }
        Ok(Notifier { event })
    }

    /// The event handle, as the C ABI hands it out.
    pub(crate) fn raw(&self) -> isize {
        self.event as isize
    }

    /// Signals the event.
    pub(crate) fn signal(&self) {
        // SAFETY: the handle is live until drop.
        unsafe { SetEvent(self.event) };
    }

    /// Resets the event.
    pub(crate) fn clear(&self) {
        // SAFETY: the handle is live until drop.
        unsafe { ResetEvent(self.event) };
    }
}

impl Drop for Notifier {
    fn drop(&mut self) {
        // SAFETY: we own the handle and close it once.
        unsafe { CloseHandle(self.event) };
    }
}

/// Whether the byte at `addr` lies in mapped memory. Not determined on
/// Windows (conservatively false: the task allocator then answers "cannot
/// tell" for a foreign pointer that starts a page).
pub(crate) fn is_mapped(addr: usize) -> bool {
    let _ = addr;
    false
}
