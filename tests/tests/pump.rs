//! Pumping an STA from a host: `AnyComPumpMessages` (pending only, until
//! quit, with a timeout; `S_OK`/`S_FALSE`), `AnyComPostQuit`, the pollable
//! handle of `AnyComGetPumpHandle` (polled with `poll(2)`: readable exactly
//! while work or a quit request is pending), the errors on threads that are
//! not STAs, and waiting while pumping (`pump::wait`, `pump::wait_any` with
//! `Event`s: the portable `CoWaitForMultipleHandles`).

use anycom::api::*;
use anycom::runtime::ComInit;
use anycom::runtime::pump::{self, Event};
use anycom::*;
use anycom_tests::{on_thread, serial};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

fn pump_ms(ms: u32) -> HRESULT {
    // SAFETY: plain call.
    unsafe { AnyComPumpMessages(ms) }
}

#[cfg(unix)]
fn readable(h: isize, timeout_ms: i32) -> bool {
    let mut p = libc::pollfd {
        fd: h as libc::c_int,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd.
    let r = unsafe { libc::poll(&mut p, 1, timeout_ms) };
    assert!(r >= 0, "poll failed");
    r == 1 && p.revents & libc::POLLIN != 0
}

#[test]
fn smoke_pump_pending_and_quit() {
    let _s = serial();
    on_thread(|| {
        let com = ComInit::sta().unwrap();
        let apt = com.apartment();
        let n = Arc::new(AtomicUsize::new(0));
        // Nothing queued: S_OK, nothing ran.
        assert_eq!(pump_ms(0), S_OK);
        let poster = {
            let (apt, n) = (apt.clone(), n.clone());
            std::thread::spawn(move || {
                for _ in 0..4 {
                    let n = n.clone();
                    apt.post(move || {
                        n.fetch_add(1, Ordering::SeqCst);
                    })
                    .unwrap();
                }
            })
        };
        poster.join().unwrap();
        assert_eq!(
            n.load(Ordering::SeqCst),
            0,
            "nothing runs before the STA pumps"
        );
        assert_eq!(pump_ms(0), S_OK);
        assert_eq!(n.load(Ordering::SeqCst), 4);
        // AnyComPostQuit: the next pump runs what is queued, then reports the quit.
        let n2 = n.clone();
        apt.post(move || {
            n2.fetch_add(10, Ordering::SeqCst);
        })
        .unwrap();
        // SAFETY: plain call.
        assert_eq!(unsafe { AnyComPostQuit() }, S_OK);
        assert_eq!(pump_ms(0), S_FALSE);
        assert_eq!(n.load(Ordering::SeqCst), 14);
        assert_eq!(pump_ms(0), S_OK, "the quit request was consumed");
    });
}

#[test]
fn pump_until_quit_and_with_timeout() {
    let _s = serial();
    on_thread(|| {
        let com = ComInit::sta().unwrap();
        let apt = com.apartment();
        // A timeout with nothing to do: S_OK.
        assert_eq!(pump_ms(20), S_OK);
        // INFINITE returns S_FALSE on the quit request, after earlier work.
        let ran = Arc::new(AtomicUsize::new(0));
        let remote = {
            let (apt, ran) = (apt.clone(), ran.clone());
            std::thread::spawn(move || {
                let r = ran.clone();
                // `call` waits until the pump has run it: the pump is running.
                apt.call(move || r.fetch_add(1, Ordering::SeqCst)).unwrap();
                let r = ran.clone();
                apt.post(move || {
                    r.fetch_add(1, Ordering::SeqCst);
                })
                .unwrap();
                apt.post_quit().unwrap();
            })
        };
        assert_eq!(pump_ms(INFINITE), S_FALSE);
        remote.join().unwrap();
        assert_eq!(ran.load(Ordering::SeqCst), 2);
        // A finite timeout also ends on a quit request.
        apt.post_quit().unwrap();
        assert_eq!(pump_ms(60_000), S_FALSE);
    });
}

#[test]
fn pumping_is_for_stas_only() {
    let _s = serial();
    on_thread(|| {
        let mut h: isize = 1234;
        // Uninitialized.
        assert_eq!(pump_ms(0), CO_E_NOTINITIALIZED);
        assert_eq!(pump_ms(INFINITE), CO_E_NOTINITIALIZED);
        // SAFETY: valid out-pointer.
        assert_eq!(unsafe { AnyComGetPumpHandle(&mut h) }, CO_E_NOTINITIALIZED);
        assert_eq!(h, -1);
        // SAFETY: plain call.
        assert_eq!(unsafe { AnyComPostQuit() }, CO_E_NOTINITIALIZED);
        assert_eq!(
            pump::pump_pending().unwrap_err().code(),
            CO_E_NOTINITIALIZED
        );
        // The MTA.
        let mta = ComInit::mta().unwrap();
        assert_eq!(pump_ms(0), RPC_E_WRONG_THREAD);
        assert_eq!(pump_ms(5), RPC_E_WRONG_THREAD);
        h = 1234;
        // SAFETY: valid out-pointer.
        assert_eq!(unsafe { AnyComGetPumpHandle(&mut h) }, RPC_E_WRONG_THREAD);
        assert_eq!(h, -1);
        // SAFETY: plain call.
        assert_eq!(unsafe { AnyComPostQuit() }, RPC_E_WRONG_THREAD);
        drop(mta);
        // A thread in the implicit MTA is not initialized.
        let _usage = anycom::runtime::MtaUsage::new();
        assert_eq!(pump_ms(0), CO_E_NOTINITIALIZED);
        // Null out-pointer.
        let _sta = ComInit::sta().unwrap();
        assert_eq!(
            // SAFETY: null is rejected.
            unsafe { AnyComGetPumpHandle(std::ptr::null_mut()) },
            E_POINTER
        );
    });
}

#[cfg(unix)]
#[test]
fn pump_handle_is_readable_exactly_while_work_is_pending() {
    let _s = serial();
    on_thread(|| {
        let com = ComInit::sta().unwrap();
        let apt = com.apartment();
        let mut h: isize = -7;
        // SAFETY: valid out-pointer.
        assert_eq!(unsafe { AnyComGetPumpHandle(&mut h) }, S_OK);
        assert!(h >= 0);
        assert_eq!(apt.pump_handle().unwrap(), h, "one handle per apartment");
        assert!(!readable(h, 0), "idle STA: not readable");

        // Work posted from another thread makes it readable (a host's poll wakes).
        let ran = Arc::new(AtomicUsize::new(0));
        let (apt2, ran2) = (apt.clone(), ran.clone());
        let poster = std::thread::spawn(move || {
            for _ in 0..3 {
                let r = ran2.clone();
                apt2.post(move || {
                    r.fetch_add(1, Ordering::SeqCst);
                })
                .unwrap();
            }
        });
        assert!(readable(h, 30_000), "poll wakes when work arrives");
        poster.join().unwrap();
        assert!(readable(h, 0));
        assert_eq!(pump_ms(0), S_OK);
        assert_eq!(ran.load(Ordering::SeqCst), 3);
        assert!(!readable(h, 0), "drained: not readable");

        // A quit request makes it readable too; the pump reports and clears it.
        apt.post_quit().unwrap();
        assert!(readable(h, 0));
        assert_eq!(pump_ms(0), S_FALSE);
        assert!(!readable(h, 0));

        // A host loop: poll, pump, until quit, with work coming from another thread.
        let apt3 = apt.clone();
        let feeder = std::thread::spawn(move || {
            for i in 0..50 {
                apt3.call(move || i).unwrap();
            }
            apt3.post_quit().unwrap();
        });
        let mut rounds = 0;
        loop {
            assert!(readable(h, 30_000));
            rounds += 1;
            if pump_ms(0) == S_FALSE {
                break;
            }
        }
        feeder.join().unwrap();
        assert!(rounds >= 1);
        assert!(!readable(h, 0));
    });
}

#[cfg(unix)]
#[test]
fn pump_handle_created_late_is_signaled_for_queued_work() {
    let _s = serial();
    on_thread(|| {
        let com = ComInit::sta().unwrap();
        let apt = com.apartment();
        apt.post(|| ()).unwrap();
        let h = apt.pump_handle().unwrap();
        assert!(readable(h, 0), "work was queued before the handle existed");
        assert_eq!(pump_ms(0), S_OK);
        assert!(!readable(h, 0));
    });
}

#[test]
fn waiting_keeps_pumping() {
    let _s = serial();
    on_thread(|| {
        let com = ComInit::sta().unwrap();
        let apt = com.apartment();
        let me = std::thread::current().id();
        let (tx, rx) = crossbeam::channel::bounded::<u32>(1);
        let seen = Arc::new(Mutex::new(Vec::new()));
        // Another thread posts work to us, then (after it ran) sends the value we wait for.
        let helper = {
            let (apt, seen) = (apt.clone(), seen.clone());
            std::thread::spawn(move || {
                let id = apt.call(|| std::thread::current().id()).unwrap();
                seen.lock().unwrap().push(id);
                tx.send(42).unwrap();
            })
        };
        assert_eq!(pump::wait(&rx, None).unwrap(), 42);
        helper.join().unwrap();
        assert_eq!(
            *seen.lock().unwrap(),
            vec![me],
            "incoming work ran on the waiting STA"
        );
        // Timeouts and disconnection.
        let (tx2, rx2) = crossbeam::channel::bounded::<u32>(1);
        assert_eq!(
            pump::wait(&rx2, Some(Duration::from_millis(10)))
                .unwrap_err()
                .code(),
            RPC_S_CALLPENDING
        );
        drop(tx2);
        assert_eq!(
            pump::wait(&rx2, None).unwrap_err().code(),
            RPC_E_DISCONNECTED
        );
    });
}

#[test]
fn wait_any_on_events() {
    let _s = serial();
    on_thread(|| {
        let com = ComInit::sta().unwrap();
        let apt = com.apartment();
        let manual = Arc::new(Event::new(true, false));
        let auto = Arc::new(Event::new(false, false));
        assert_eq!(pump::wait_any(&[], None).unwrap_err().code(), RPC_E_NO_SYNC);
        assert_eq!(
            pump::wait_any(&[&manual, &auto], Some(Duration::from_millis(10)))
                .unwrap_err()
                .code(),
            RPC_S_CALLPENDING
        );
        // Another thread's work runs on us while we wait, then it sets the auto event.
        let ran_here = Arc::new(AtomicUsize::new(0));
        let setter = {
            let (apt, auto, ran_here) = (apt.clone(), auto.clone(), ran_here.clone());
            let me = std::thread::current().id();
            std::thread::spawn(move || {
                apt.call(move || {
                    if std::thread::current().id() == me {
                        ran_here.fetch_add(1, Ordering::SeqCst);
                    }
                })
                .unwrap();
                auto.set();
            })
        };
        assert_eq!(pump::wait_any(&[&manual, &auto], None).unwrap(), 1);
        setter.join().unwrap();
        assert_eq!(ran_here.load(Ordering::SeqCst), 1);
        assert!(
            !auto.is_set(),
            "an auto-reset event is reset by the wait it releases"
        );
        // A manual-reset event stays set; the lowest index wins.
        manual.set();
        auto.set();
        assert_eq!(pump::wait_any(&[&manual, &auto], None).unwrap(), 0);
        assert_eq!(pump::wait_any(&[&manual], None).unwrap(), 0);
        assert!(manual.is_set());
        manual.reset();
        assert_eq!(pump::wait_any(&[&manual, &auto], None).unwrap(), 1);
        assert_eq!(
            pump::wait_any(&[&manual, &auto], Some(Duration::ZERO))
                .unwrap_err()
                .code(),
            RPC_S_CALLPENDING
        );
    });
    // On a thread that is not an STA, waits simply block.
    let e = Arc::new(Event::new(false, false));
    let e2 = e.clone();
    let t = std::thread::spawn(move || e2.set());
    assert_eq!(on_thread(|| pump::wait_any(&[&e], None).unwrap()), 0);
    t.join().unwrap();
}
