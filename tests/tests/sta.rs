//! Single-threaded apartments and their queues: work posted from other
//! threads runs on the STA's thread, in order, only when it pumps;
//! `Apartment::call` (inline from inside, waiting from outside, re-entrant
//! callbacks while an STA waits), quitting, teardown dropping queued work,
//! host STAs started by the runtime, and work posted to the MTA.

use anycom::runtime::pump::{self, PumpStatus};
use anycom::runtime::{Apartment, ApartmentKind, ComInit};
use anycom::*;
use anycom_tests::serial;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::channel;
use std::sync::{Arc, Barrier, Mutex};
use std::thread::ThreadId;

/// An STA thread driven by closures sent to it over a plain channel (so the
/// test controls exactly when it pumps).
struct StaThread {
    apartment: Apartment,
    thread: ThreadId,
    ctl: std::sync::mpsc::Sender<Box<dyn FnOnce() + Send>>,
    join: std::thread::JoinHandle<()>,
}

impl StaThread {
    fn start() -> StaThread {
        let (tx, rx) = channel();
        let (ctl, ctl_rx) = channel::<Box<dyn FnOnce() + Send>>();
        let join = std::thread::spawn(move || {
            let com = ComInit::sta().unwrap();
            tx.send((com.apartment(), std::thread::current().id()))
                .unwrap();
            for f in ctl_rx {
                f();
            }
            drop(com);
        });
        let (apartment, thread) = rx.recv().unwrap();
        StaThread {
            apartment,
            thread,
            ctl,
            join,
        }
    }

    /// Runs `f` on the STA thread (outside any pump) and returns its result.
    fn run<R: Send + 'static>(&self, f: impl FnOnce() -> R + Send + 'static) -> R {
        let (tx, rx) = channel();
        self.ctl
            .send(Box::new(move || tx.send(f()).unwrap()))
            .unwrap();
        rx.recv().unwrap()
    }

    fn stop(self) {
        drop(self.ctl);
        self.join.join().unwrap();
    }
}

#[test]
fn smoke_posted_work_runs_on_the_sta_only_when_it_pumps() {
    let _s = serial();
    let sta = StaThread::start();
    let log: Arc<Mutex<Vec<(u32, ThreadId)>>> = Arc::default();
    // Post from another thread.
    std::thread::scope(|s| {
        s.spawn(|| {
            for i in 0..3 {
                let log = log.clone();
                sta.apartment
                    .post(move || log.lock().unwrap().push((i, std::thread::current().id())))
                    .unwrap();
            }
        });
    });
    // Posted, but the STA has not pumped: nothing ran.
    assert!(sta.run({
        let log = log.clone();
        move || log.lock().unwrap().is_empty()
    }));
    assert!(log.lock().unwrap().is_empty());
    assert_eq!(sta.run(pump::pump_pending).unwrap(), PumpStatus::Idle);
    let got = log.lock().unwrap().clone();
    assert_eq!(got, vec![(0, sta.thread), (1, sta.thread), (2, sta.thread)]);
    // Nothing left.
    assert_eq!(sta.run(pump::pump_pending).unwrap(), PumpStatus::Idle);
    assert_eq!(log.lock().unwrap().len(), 3);
    sta.stop();
}

#[test]
fn posts_from_many_threads_keep_each_posters_order() {
    let _s = serial();
    const PER: usize = 2000;
    let sta = StaThread::start();
    let seen: Arc<Mutex<Vec<(usize, usize)>>> = Arc::default();
    let barrier = Barrier::new(3);
    std::thread::scope(|s| {
        for t in 0..3 {
            let (apt, seen, barrier) = (sta.apartment.clone(), seen.clone(), &barrier);
            s.spawn(move || {
                barrier.wait();
                for i in 0..PER {
                    let seen = seen.clone();
                    apt.post(move || seen.lock().unwrap().push((t, i))).unwrap();
                }
            });
        }
    });
    let apt = sta.apartment.clone();
    sta.run(move || {
        apt.post_quit().unwrap();
        pump::pump_until_quit().unwrap();
    });
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 3 * PER);
    for t in 0..3 {
        let mine: Vec<usize> = seen
            .iter()
            .filter(|(p, _)| *p == t)
            .map(|(_, i)| *i)
            .collect();
        assert_eq!(
            mine,
            (0..PER).collect::<Vec<_>>(),
            "poster {t}'s work ran in posting order"
        );
    }
    sta.stop();
}

#[test]
fn quit_runs_earlier_work_first_and_is_consumed() {
    let _s = serial();
    let sta = StaThread::start();
    let ran = Arc::new(AtomicUsize::new(0));
    for _ in 0..5 {
        let ran = ran.clone();
        sta.apartment
            .post(move || {
                ran.fetch_add(1, Ordering::SeqCst);
            })
            .unwrap();
    }
    sta.apartment.post_quit().unwrap();
    let r = ran.clone();
    let (status, ran_at_quit) = sta.run(move || {
        let st = pump::pump_for(std::time::Duration::from_secs(30)).unwrap();
        (st, r.load(Ordering::SeqCst))
    });
    assert_eq!((status, ran_at_quit), (PumpStatus::Quit, 5));
    // Consumed: the next pump does not see it.
    assert_eq!(sta.run(pump::pump_pending).unwrap(), PumpStatus::Idle);
    // A quit posted from another thread ends a blocking pump.
    let apt = sta.apartment.clone();
    let quitter = std::thread::spawn(move || {
        apt.call(|| ()).unwrap(); // proves the pump is running
        apt.post_quit().unwrap();
    });
    sta.run(|| pump::pump_until_quit().unwrap());
    quitter.join().unwrap();
    sta.stop();
}

#[test]
fn call_into_an_sta() {
    let _s = serial();
    let sta = StaThread::start();
    let apt = sta.apartment.clone();
    // The STA pumps until quit while an MTA thread calls in.
    let pumping = {
        let apt = apt.clone();
        std::thread::spawn(move || {
            let _com = ComInit::mta().unwrap();
            let id = apt.call(|| std::thread::current().id()).unwrap();
            let sum = apt.call(|| (1..=10).sum::<u32>()).unwrap();
            apt.post_quit().unwrap();
            (id, sum)
        })
    };
    sta.run(|| pump::pump_until_quit().unwrap());
    let (id, sum) = pumping.join().unwrap();
    assert_eq!((id, sum), (sta.thread, 55));
    // From inside its own apartment, call runs inline (no pump needed).
    let apt2 = apt.clone();
    let inline = sta.run(move || apt2.call(|| std::thread::current().id()).unwrap());
    assert_eq!(inline, sta.thread);
    sta.stop();
}

#[test]
fn a_waiting_sta_runs_callbacks_reentrantly() {
    let _s = serial();
    let a = StaThread::start();
    let b = StaThread::start();
    let (apt_a, apt_b) = (a.apartment.clone(), b.apartment.clone());
    // B pumps until quit; A calls into B, and B's work calls back into A
    // while A is blocked in its outgoing call.
    let b_apt = apt_b.clone();
    let b_pump = {
        let ctl_b = &b;
        let (tx, rx) = channel();
        ctl_b
            .ctl
            .send(Box::new(move || tx.send(pump::pump_until_quit()).unwrap()))
            .unwrap();
        rx
    };
    let (a_thread, b_thread) = (a.thread, b.thread);
    let result = a.run(move || {
        let a_apt = apt_a.clone();
        b_apt
            .call(move || {
                assert_eq!(std::thread::current().id(), b_thread);
                // Calls back into A, which is waiting on this very call.
                let inner = a_apt.call(move || std::thread::current().id()).unwrap();
                (inner, std::thread::current().id())
            })
            .unwrap()
    });
    assert_eq!(
        result,
        (a_thread, b_thread),
        "the callback ran on A's thread, nested in A's wait"
    );
    apt_b.post_quit().unwrap();
    b_pump.recv().unwrap().unwrap();
    a.stop();
    b.stop();
}

#[test]
fn panics_in_called_work_reach_the_caller() {
    let _s = serial();
    let host = Apartment::spawn_sta().unwrap();
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        host.apartment().call(|| panic!("boom")).unwrap();
    }));
    assert!(r.is_err());
    // The STA survives and keeps serving.
    assert_eq!(host.apartment().call(|| 5).unwrap(), 5);
    host.shutdown();
}

#[test]
fn teardown_drops_queued_work_and_fails_later_posts() {
    let _s = serial();
    let sta = StaThread::start();
    let apt = sta.apartment.clone();
    let ran = Arc::new(AtomicBool::new(false));
    let dropped = Arc::new(AtomicBool::new(false));
    {
        let (ran, flag) = (ran.clone(), Flag(dropped.clone()));
        apt.post(move || {
            let _f = flag;
            ran.store(true, Ordering::SeqCst);
        })
        .unwrap();
    }
    // What `call` does: post work holding the reply's sender, then wait.
    let (tx, rx) = crossbeam::channel::bounded::<()>(1);
    apt.post(move || tx.send(()).unwrap()).unwrap();
    sta.stop(); // the thread's ComInit drops: CoUninitialize without pumping
    assert!(!apt.is_alive());
    assert!(!ran.load(Ordering::SeqCst), "queued work never ran");
    assert!(dropped.load(Ordering::SeqCst), "queued work was dropped");
    assert_eq!(
        pump::wait(&rx, None).unwrap_err().code(),
        RPC_E_DISCONNECTED
    );
    assert_eq!(apt.post(|| ()).unwrap_err().code(), RPC_E_DISCONNECTED);
    assert_eq!(apt.call(|| ()).unwrap_err().code(), RPC_E_DISCONNECTED);
    assert_eq!(apt.post_quit().unwrap_err().code(), RPC_E_DISCONNECTED);
}

struct Flag(Arc<AtomicBool>);
impl Drop for Flag {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

#[test]
fn uninitializing_inside_the_pump_disconnects_waiters() {
    let _s = serial();
    let sta = StaThread::start();
    let apt = sta.apartment.clone();
    let (gate_tx, gate_rx) = channel::<()>();
    // First in the queue: waits for the gate, then ends the apartment.
    apt.post(move || {
        gate_rx.recv().unwrap();
        anycom::runtime::init::uninitialize();
    })
    .unwrap();
    let (pumped_tx, pumped_rx) = channel();
    sta.ctl
        .send(Box::new(move || {
            pumped_tx.send(pump::pump_until_quit()).unwrap()
        }))
        .unwrap();
    // A waiter queued behind it.
    let (tx, rx) = crossbeam::channel::bounded::<u32>(1);
    let dropped = Arc::new(AtomicBool::new(false));
    let flag = Flag(dropped.clone());
    apt.post(move || {
        let _f = flag;
        tx.send(1).unwrap()
    })
    .unwrap();
    gate_tx.send(()).unwrap();
    assert_eq!(
        pump::wait(&rx, None).unwrap_err().code(),
        RPC_E_DISCONNECTED
    );
    assert!(dropped.load(Ordering::SeqCst));
    assert_eq!(
        pumped_rx.recv().unwrap().unwrap_err().code(),
        CO_E_NOTINITIALIZED
    );
    assert!(!apt.is_alive());
    sta.stop();
}

#[test]
fn host_sta_is_never_the_main_sta() {
    let _s = serial();
    let host = Apartment::spawn_sta().unwrap();
    let apt = host.apartment().clone();
    assert_eq!(
        apt.kind(),
        ApartmentKind::Sta,
        "even as the only STA of the process"
    );
    assert!(apt.is_host_sta());
    let here = std::thread::current().id();
    let there = apt.call(|| std::thread::current().id()).unwrap();
    assert_ne!(here, there);
    let ty = apt
        .call(|| anycom::runtime::init::apartment_type().unwrap())
        .unwrap();
    assert_eq!(ty, (APTTYPE_STA, APTTYPEQUALIFIER_NONE));
    // An application STA created now is the main STA.
    std::thread::scope(|s| {
        s.spawn(|| {
            let com = ComInit::sta().unwrap();
            assert_eq!(com.apartment().kind(), ApartmentKind::MainSta);
        });
    });
    host.shutdown();
    assert!(!apt.is_alive());
}

#[test]
fn work_posted_to_the_mta_runs_in_the_mta() {
    let _s = serial();
    let com = ComInit::mta().unwrap();
    let mta = com.apartment();
    assert!(Apartment::mta().unwrap().same(&mta));
    let (tx, rx) = channel();
    mta.post(move || {
        let t = anycom::runtime::init::apartment_type().unwrap();
        tx.send((t, std::thread::current().id())).unwrap();
    })
    .unwrap();
    let ((ty, q), id) = rx.recv().unwrap();
    assert_eq!((ty, q), (APTTYPE_MTA, APTTYPEQUALIFIER_IMPLICIT_MTA));
    assert_ne!(id, std::thread::current().id());
    assert_eq!(mta.post_quit().unwrap_err().code(), CO_E_NOT_SUPPORTED);
    assert_eq!(mta.pump_handle().unwrap_err().code(), CO_E_NOT_SUPPORTED);
    // (Posted work holds the MTA until it has finished: when exactly the MTA
    // goes after `com` drops is up to the worker, so nothing is asserted here.)
    drop(com);
}

/// Work posted (not called) to the MTA releases it just after it finishes;
/// waits for an MTA left over from such work to go.
fn no_leftover_mta() {
    while Apartment::mta().is_some() {
        std::thread::yield_now();
    }
}

#[test]
fn calls_into_the_mta() {
    let _s = serial();
    no_leftover_mta();
    let com = ComInit::mta().unwrap();
    let mta = com.apartment();
    // From an MTA thread, a call into the MTA runs inline.
    assert_eq!(
        mta.call(|| std::thread::current().id()).unwrap(),
        std::thread::current().id()
    );
    // An STA calling into the MTA waits (pumping) for a worker.
    let sta_side = std::thread::scope(|s| {
        s.spawn(|| {
            let _sta = ComInit::sta().unwrap();
            let here = std::thread::current().id();
            mta.call(move || {
                (
                    anycom::runtime::init::apartment_type().unwrap().0,
                    std::thread::current().id() != here,
                )
            })
            .unwrap()
        })
        .join()
        .unwrap()
    });
    assert_eq!(sta_side, (APTTYPE_MTA, true));
    // A call releases the MTA before replying: dropping the last MTA thread now ends it.
    drop(com);
    assert!(!mta.is_alive());
    assert_eq!(mta.post(|| ()).unwrap_err().code(), RPC_E_DISCONNECTED);
    assert_eq!(mta.call(|| ()).unwrap_err().code(), RPC_E_DISCONNECTED);
}

#[cfg(unix)]
#[test]
fn a_call_waiting_on_an_sta_that_is_torn_down_returns_disconnected() {
    let _s = serial();
    let (apt_tx, apt_rx) = channel::<Apartment>();
    let (go_tx, go_rx) = channel::<()>();
    let sta = std::thread::spawn(move || {
        let com = ComInit::sta().unwrap();
        apt_tx.send(com.apartment()).unwrap();
        // Never pumps: waits until the caller's work is queued, then tears down.
        go_rx.recv().unwrap();
        drop(com);
    });
    let apt = apt_rx.recv().unwrap();
    let caller = {
        let apt = apt.clone();
        std::thread::spawn(move || apt.call(|| 7u32))
    };
    // Let the call queue its work (the caller blocks in `call` meanwhile).
    while apt.is_alive() && caller_is_running(&caller) {
        std::thread::yield_now();
        if apt_has_queued_work(&apt) {
            break;
        }
    }
    go_tx.send(()).unwrap();
    sta.join().unwrap();
    assert_eq!(
        caller.join().unwrap().unwrap_err().code(),
        RPC_E_DISCONNECTED,
        "work dropped unrun: the caller is told"
    );
}

#[cfg(unix)]
fn caller_is_running<T>(h: &std::thread::JoinHandle<T>) -> bool {
    !h.is_finished()
}

#[cfg(unix)]
fn apt_has_queued_work(apt: &Apartment) -> bool {
    // The pollable handle is readable exactly while work is queued.
    let Ok(h) = apt.pump_handle() else {
        return false;
    };
    let mut fds = [libc::pollfd {
        fd: h as i32,
        events: libc::POLLIN,
        revents: 0,
    }];
    // SAFETY: one valid pollfd, no timeout.
    unsafe { libc::poll(fds.as_mut_ptr(), 1, 0) == 1 }
}
