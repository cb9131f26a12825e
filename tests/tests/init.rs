//! Per-thread initialization: `CoInitializeEx`/`CoInitialize`/`CoUninitialize`
//! counting, mode changes (`RPC_E_CHANGED_MODE`, not counted) on one thread
//! and across threads, the main STA, `CoGetApartmentType` values and
//! argument errors, the `ComInit` guard, and uninitialization at thread exit.

use anycom::api::*;
use anycom::runtime::{Apartment, ApartmentKind, ComInit};
use anycom::*;
use anycom_tests::{on_thread, serial};
use std::ptr::{null_mut, without_provenance_mut};
use std::sync::Barrier;

fn apt_type() -> (HRESULT, APTTYPE, APTTYPEQUALIFIER) {
    let (mut t, mut q) = (0x5555_5555, 0x5555_5555);
    // SAFETY: both out-pointers are valid.
    let hr = unsafe { CoGetApartmentType(&mut t, &mut q) };
    (hr, t, q)
}

fn init(coinit: u32) -> HRESULT {
    // SAFETY: null reserved pointer.
    unsafe { CoInitializeEx(null_mut(), coinit) }
}

fn uninit() {
    // SAFETY: no preconditions.
    unsafe { CoUninitialize() }
}

#[test]
fn smoke_mta_init_counting() {
    let _s = serial();
    on_thread(|| {
        assert_eq!(
            apt_type(),
            (CO_E_NOTINITIALIZED, APTTYPE_CURRENT, APTTYPEQUALIFIER_NONE)
        );
        assert_eq!(init(COINIT_MULTITHREADED), S_OK);
        assert_eq!(apt_type(), (S_OK, APTTYPE_MTA, APTTYPEQUALIFIER_NONE));
        assert_eq!(init(COINIT_MULTITHREADED), S_FALSE);
        assert_eq!(init(COINIT_MULTITHREADED | COINIT_DISABLE_OLE1DDE), S_FALSE);
        uninit();
        uninit();
        // Still initialized: three successful calls, two undone.
        assert_eq!(apt_type(), (S_OK, APTTYPE_MTA, APTTYPEQUALIFIER_NONE));
        uninit();
        assert_eq!(
            apt_type(),
            (CO_E_NOTINITIALIZED, APTTYPE_CURRENT, APTTYPEQUALIFIER_NONE)
        );
        // An extra CoUninitialize does nothing.
        uninit();
        assert_eq!(
            apt_type(),
            (CO_E_NOTINITIALIZED, APTTYPE_CURRENT, APTTYPEQUALIFIER_NONE)
        );
    });
}

#[test]
fn changed_mode_is_not_counted() {
    let _s = serial();
    on_thread(|| {
        // SAFETY: null reserved pointer.
        assert_eq!(unsafe { CoInitialize(null_mut()) }, S_OK);
        assert_eq!(init(COINIT_MULTITHREADED), RPC_E_CHANGED_MODE);
        assert_eq!(init(COINIT_MULTITHREADED), RPC_E_CHANGED_MODE);
        assert_eq!(apt_type(), (S_OK, APTTYPE_MAINSTA, APTTYPEQUALIFIER_NONE));
        // SAFETY: as above.
        assert_eq!(unsafe { CoInitialize(null_mut()) }, S_FALSE);
        uninit();
        assert_eq!(apt_type().0, S_OK, "one successful init left");
        uninit();
        assert_eq!(
            apt_type(),
            (CO_E_NOTINITIALIZED, APTTYPE_CURRENT, APTTYPEQUALIFIER_NONE)
        );
        // After full uninit the other model is fine.
        assert_eq!(init(COINIT_MULTITHREADED), S_OK);
        assert_eq!(init(COINIT_APARTMENTTHREADED), RPC_E_CHANGED_MODE);
        assert_eq!(apt_type(), (S_OK, APTTYPE_MTA, APTTYPEQUALIFIER_NONE));
        uninit();
        assert_eq!(apt_type().0, CO_E_NOTINITIALIZED);
    });
}

#[test]
fn modes_are_per_thread() {
    let _s = serial();
    let b = Barrier::new(2);
    let b = &b;
    std::thread::scope(|s| {
        s.spawn(move || {
            assert_eq!(init(COINIT_MULTITHREADED), S_OK);
            b.wait();
            assert_eq!(init(COINIT_APARTMENTTHREADED), RPC_E_CHANGED_MODE);
            assert_eq!(apt_type(), (S_OK, APTTYPE_MTA, APTTYPEQUALIFIER_NONE));
            b.wait();
            uninit();
        });
        s.spawn(move || {
            assert_eq!(init(COINIT_APARTMENTTHREADED), S_OK);
            b.wait();
            assert_eq!(init(COINIT_MULTITHREADED), RPC_E_CHANGED_MODE);
            assert_eq!(apt_type(), (S_OK, APTTYPE_MAINSTA, APTTYPEQUALIFIER_NONE));
            b.wait();
            uninit();
        });
    });
    on_thread(|| assert_eq!(apt_type().0, CO_E_NOTINITIALIZED));
}

#[test]
fn first_sta_is_the_main_sta_until_it_goes() {
    let _s = serial();
    let (tx_main_up, rx_main_up) = std::sync::mpsc::channel();
    let (tx_main_down, rx_main_down) = std::sync::mpsc::channel::<()>();
    std::thread::scope(|s| {
        s.spawn(move || {
            assert_eq!(init(COINIT_APARTMENTTHREADED), S_OK);
            assert_eq!(apt_type(), (S_OK, APTTYPE_MAINSTA, APTTYPEQUALIFIER_NONE));
            assert_eq!(Apartment::current().unwrap().kind(), ApartmentKind::MainSta);
            tx_main_up.send(()).unwrap();
            rx_main_down.recv().unwrap();
            uninit();
        });
        rx_main_up.recv().unwrap();
        // A second STA while the main STA lives is a plain STA.
        on_thread(|| {
            assert_eq!(init(COINIT_APARTMENTTHREADED), S_OK);
            assert_eq!(apt_type(), (S_OK, APTTYPE_STA, APTTYPEQUALIFIER_NONE));
            assert_eq!(Apartment::current().unwrap().kind(), ApartmentKind::Sta);
            uninit();
        });
        tx_main_down.send(()).unwrap();
    });
    // The main STA is gone: the next STA is the main STA.
    on_thread(|| {
        assert_eq!(init(COINIT_APARTMENTTHREADED), S_OK);
        assert_eq!(apt_type(), (S_OK, APTTYPE_MAINSTA, APTTYPEQUALIFIER_NONE));
        uninit();
    });
}

#[test]
fn argument_errors() {
    let _s = serial();
    on_thread(|| {
        assert_eq!(
            // SAFETY: the reserved pointer is never dereferenced.
            unsafe { CoInitializeEx(without_provenance_mut(8), COINIT_MULTITHREADED) },
            E_INVALIDARG
        );
        assert_eq!(
            // SAFETY: as above.
            unsafe { CoInitialize(without_provenance_mut(8)) },
            E_INVALIDARG
        );
        assert_eq!(init(0x80), E_INVALIDARG);
        assert_eq!(init(COINIT_APARTMENTTHREADED | 0x100), E_INVALIDARG);
        // None of those initialized anything.
        assert_eq!(apt_type().0, CO_E_NOTINITIALIZED);

        let mut q: APTTYPEQUALIFIER = 0x1234;
        let mut t: APTTYPE = 0x1234;
        // SAFETY: null pointers are allowed and rejected.
        unsafe {
            assert_eq!(CoGetApartmentType(null_mut(), null_mut()), E_INVALIDARG);
            assert_eq!(CoGetApartmentType(null_mut(), &mut q), E_INVALIDARG);
            assert_eq!(CoGetApartmentType(&mut t, null_mut()), E_INVALIDARG);
        }
        assert_eq!((t, q), (0x1234, 0x1234), "nothing written on E_INVALIDARG");
    });
}

#[test]
fn com_init_guard_balances() {
    let _s = serial();
    on_thread(|| {
        {
            let outer = ComInit::mta().unwrap();
            assert_eq!(outer.hresult(), S_OK);
            assert!(outer.apartment().is_mta());
            {
                let inner = Apartment::enter_mta().unwrap();
                assert_eq!(inner.hresult(), S_FALSE);
                assert_eq!(ComInit::sta().unwrap_err().code(), RPC_E_CHANGED_MODE);
                assert_eq!(anycom::runtime::init::init_count(), 2);
            }
            assert_eq!(anycom::runtime::init::init_count(), 1);
            assert_eq!(apt_type(), (S_OK, APTTYPE_MTA, APTTYPEQUALIFIER_NONE));
        }
        assert_eq!(apt_type().0, CO_E_NOTINITIALIZED);
        let sta = Apartment::enter_sta().unwrap();
        assert_eq!(sta.hresult(), S_OK);
        assert_eq!(sta.apartment().kind(), ApartmentKind::MainSta);
        assert!(sta.apartment().is_current());
        drop(sta);
        assert!(Apartment::current().is_none());
    });
}

#[test]
fn thread_exit_uninitializes() {
    let _s = serial();
    // A thread that joins the MTA and exits without CoUninitialize.
    let mta = on_thread(|| {
        assert_eq!(init(COINIT_MULTITHREADED), S_OK);
        assert_eq!(init(COINIT_MULTITHREADED), S_FALSE);
        Apartment::current().unwrap()
    });
    assert!(
        !mta.is_alive(),
        "the exiting thread was the MTA's only user"
    );
    on_thread(|| {
        assert_eq!(
            apt_type(),
            (CO_E_NOTINITIALIZED, APTTYPE_CURRENT, APTTYPEQUALIFIER_NONE)
        )
    });
    // An STA likewise, and it gives up being the main STA.
    let sta = on_thread(|| {
        assert_eq!(init(COINIT_APARTMENTTHREADED), S_OK);
        Apartment::current().unwrap()
    });
    assert!(!sta.is_alive());
    assert_eq!(sta.post(|| ()).unwrap_err().code(), RPC_E_DISCONNECTED);
    on_thread(|| {
        assert_eq!(init(COINIT_APARTMENTTHREADED), S_OK);
        assert_eq!(apt_type().1, APTTYPE_MAINSTA);
        uninit();
    });
}

#[test]
fn mta_is_shared_and_outlives_all_but_its_last_thread() {
    let _s = serial();
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    let (ready_tx, ready_rx) = std::sync::mpsc::channel::<()>();
    std::thread::scope(|s| {
        let first = s.spawn(move || {
            assert_eq!(init(COINIT_MULTITHREADED), S_OK);
            let a = Apartment::current().unwrap();
            ready_tx.send(()).unwrap();
            rx.recv().unwrap();
            uninit();
            a
        });
        // The second thread joins the MTA only while the first is in it.
        ready_rx.recv().unwrap();
        let second = on_thread(|| {
            assert_eq!(init(COINIT_MULTITHREADED), S_OK);
            let a = Apartment::current().unwrap();
            uninit();
            a
        });
        tx.send(()).unwrap();
        let first = first.join().unwrap();
        assert_eq!(first, second, "one MTA per process");
        assert!(!first.is_alive(), "torn down when its last thread left");
    });
    // A later MTA is a new apartment.
    let again = on_thread(|| {
        assert_eq!(init(COINIT_MULTITHREADED), S_OK);
        let a = Apartment::current().unwrap();
        uninit();
        a
    });
    assert!(!again.is_alive());
}
