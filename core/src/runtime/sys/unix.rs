//! Unix: the pollable notifier is an `eventfd` on Linux and Android, a
//! non-blocking pipe elsewhere (macOS, the BSDs).

use std::io;

/// A file descriptor that polls readable while it is signaled.
///
/// `signal` and `clear` may race freely: the callers (the STA queue) keep
/// their own "signaled" flag and re-check the queue after clearing.
pub(crate) struct Notifier {
    /// The descriptor the host polls (the eventfd, or the pipe's read end).
    read: libc::c_int,
    /// Where `signal` writes (the same eventfd, or the pipe's write end).
    write: libc::c_int,
}

impl Notifier {
    /// Creates an unsignaled notifier (close-on-exec, non-blocking).
    #[cfg(any(target_os = "linux", target_os = "android"))]
    pub(crate) fn new() -> io::Result<Notifier> {
        // SAFETY: eventfd has no pointer arguments.
        let fd = unsafe { libc::eventfd(0, libc::EFD_CLOEXEC | libc::EFD_NONBLOCK) };
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(Notifier {
            read: fd,
            write: fd,
        })
    }

    /// Creates an unsignaled notifier (close-on-exec, non-blocking).
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    pub(crate) fn new() -> io::Result<Notifier> {
        let mut fds = [0 as libc::c_int; 2];
        // SAFETY: fds has room for the two descriptors pipe writes.
        if unsafe { libc::pipe(fds.as_mut_ptr()) } != 0 {
            return Err(io::Error::last_os_error());
        }
        let n = Notifier {
            read: fds[0],
            write: fds[1],
        };
        for fd in fds {
            // SAFETY: fd is a descriptor we own; F_GETFL/F_SETFL/F_SETFD take integer arguments.
            unsafe {
                let fl = libc::fcntl(fd, libc::F_GETFL);
                if fl < 0
                    || libc::fcntl(fd, libc::F_SETFL, fl | libc::O_NONBLOCK) < 0
                    || libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) < 0
                {
                    return Err(io::Error::last_os_error());
                }
            }
        }
        Ok(n)
    }

    /// The descriptor to poll for readability, as the C ABI hands it out.
    pub(crate) fn raw(&self) -> isize {
        self.read as isize
    }

    /// Makes the descriptor readable.
    pub(crate) fn signal(&self) {
        let one: u64 = 1;
        // SAFETY: writing 8 bytes from a live u64 (an eventfd wants exactly 8;
        // a pipe takes any count). A full pipe (EAGAIN) is already readable.
        unsafe { libc::write(self.write, (&one as *const u64).cast(), 8) };
    }

    /// Makes the descriptor unreadable again (drains it).
    pub(crate) fn clear(&self) {
        let mut buf = [0u8; 64];
        loop {
            // SAFETY: reading into a live buffer of the given length.
            let n = unsafe { libc::read(self.read, buf.as_mut_ptr().cast(), buf.len()) };
            // An eventfd is drained by one 8-byte read; a pipe until EAGAIN.
            if n <= 0 || self.read == self.write {
                break;
            }
        }
    }
}

impl Drop for Notifier {
    fn drop(&mut self) {
        // SAFETY: we own the descriptors and close each once.
        unsafe {
            libc::close(self.read);
            if self.write != self.read {
                libc::close(self.write);
            }
        }
    }
}

/// Registers for `membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED)`; false where
/// the kernel (or a seccomp filter) refuses.
#[cfg(any(target_os = "linux", target_os = "android"))]
pub(crate) fn process_barrier_available() -> bool {
    const MEMBARRIER_CMD_QUERY: libc::c_int = 0;
    const MEMBARRIER_CMD_PRIVATE_EXPEDITED: libc::c_long = 1 << 3;
    const MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED: libc::c_int = 1 << 4;
    // SAFETY: membarrier takes integer arguments only.
    let supported = unsafe { libc::syscall(libc::SYS_membarrier, MEMBARRIER_CMD_QUERY, 0, 0) };
    if supported < 0 || supported & MEMBARRIER_CMD_PRIVATE_EXPEDITED == 0 {
        return false;
    }
    // SAFETY: as above.
    unsafe {
        libc::syscall(
            libc::SYS_membarrier,
            MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED,
            0,
            0,
        ) == 0
    }
}

/// Makes every running thread of the process execute a full memory barrier.
#[cfg(any(target_os = "linux", target_os = "android"))]
pub(crate) fn process_barrier() {
    const MEMBARRIER_CMD_PRIVATE_EXPEDITED: libc::c_int = 1 << 3;
    // SAFETY: membarrier takes integer arguments only; the process registered.
    let r = unsafe { libc::syscall(libc::SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0) };
    // It cannot fail once registered; if it ever did, readers would be unordered.
    if r != 0 {
        eprintln!(
            "anycom: membarrier failed after registration: {}",
            std::io::Error::last_os_error()
        );
        std::process::abort();
    }
}

/// No process-wide barrier on this system: both sides use full fences.
#[cfg(not(any(target_os = "linux", target_os = "android")))]
pub(crate) fn process_barrier_available() -> bool {
    false
}

/// Unused where [`process_barrier_available`] is false.
#[cfg(not(any(target_os = "linux", target_os = "android")))]
pub(crate) fn process_barrier() {}

/// Whether the byte at `addr` lies in mapped memory (`mincore` answers
/// `ENOMEM` for an unmapped page). Used where the task allocator must look
/// just before a foreign pointer that starts a page.
pub(crate) fn is_mapped(addr: usize) -> bool {
    // SAFETY: sysconf has no preconditions.
    let page = match unsafe { libc::sysconf(libc::_SC_PAGESIZE) } {
        n if n > 0 => n as usize,
        _ => return false,
    };
    let start = addr & !(page - 1);
    let mut vec = [0u8; 1];
    // SAFETY: start is page-aligned, one page long, and vec has room for one page's flag;
    // mincore only reports, it never touches the page.
    unsafe { libc::mincore(start as *mut libc::c_void, page, vec.as_mut_ptr().cast()) == 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn readable(fd: isize) -> bool {
        let mut p = libc::pollfd {
            fd: fd as libc::c_int,
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd, zero timeout.
        let r = unsafe { libc::poll(&mut p, 1, 0) };
        r == 1 && (p.revents & libc::POLLIN) != 0
    }

    #[test]
    fn signal_and_clear() {
        let n = Notifier::new().unwrap();
        assert!(!readable(n.raw()));
        n.signal();
        n.signal();
        assert!(readable(n.raw()));
        n.clear();
        assert!(!readable(n.raw()));
        n.clear();
        assert!(!readable(n.raw()));
    }
}
