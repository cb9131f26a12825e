//! The implicit MTA: while any thread holds the MTA, uninitialized threads
//! are in it (`APTTYPE_MTA` + `APTTYPEQUALIFIER_IMPLICIT_MTA`), may activate
//! classes registered in the MTA and register their own there; when the MTA
//! goes, they are uninitialized again (`CO_E_NOTINITIALIZED`) even for
//! classes they activated before, and their registrations are revoked.
//! `CoIncrementMTAUsage` holds the MTA like an MTA thread.

use anycom::api::*;
use anycom::*;
use anycom_tests::objects::*;
use core::ffi::c_void;
use std::ptr::null_mut;
use std::sync::atomic::Ordering;
use std::sync::mpsc::channel;

const CLSID_A: GUID = GUID::from_u128(0x6b1e0001_0000_4000_8000_0000000000a1);
const CLSID_B: GUID = GUID::from_u128(0x6b1e0001_0000_4000_8000_0000000000b2);

fn apt_type() -> (HRESULT, APTTYPE, APTTYPEQUALIFIER) {
    let (mut t, mut q) = (0x5555_5555, 0x5555_5555);
    // SAFETY: valid out-pointers.
    let hr = unsafe { CoGetApartmentType(&mut t, &mut q) };
    (hr, t, q)
}

/// CoCreateInstance for IAlpha; returns the HRESULT and the value read
/// through the object (0 on failure), checking `*ppv` is null on failure.
fn create(clsid: &GUID) -> (HRESULT, u32) {
    let mut p = 0xDEAD_usize as *mut c_void;
    // SAFETY: valid arguments.
    let hr = unsafe {
        CoCreateInstance(
            clsid,
            null_mut(),
            CLSCTX_INPROC_SERVER,
            &IAlpha::IID,
            &mut p,
        )
    };
    if hr.is_err() {
        assert!(p.is_null(), "*ppv nulled on failure");
        return (hr, 0);
    }
    // SAFETY: success handed us an IAlpha reference.
    let a = unsafe { IAlpha::from_raw(p) };
    (hr, a.Alpha())
}

fn register(clsid: &GUID, value: u32, clsctx: u32, flags: u32) -> (HRESULT, u32) {
    let f: IUnknown = Factory::new(value).into();
    let mut cookie = 0xFFFF_FFFF;
    // SAFETY: valid arguments.
    let hr = unsafe { CoRegisterClassObject(clsid, f.as_raw(), clsctx, flags, &mut cookie) };
    (hr, cookie)
}

/// A thread holding the MTA until told to leave.
struct MtaHolder {
    leave: std::sync::mpsc::Sender<()>,
    done: std::thread::JoinHandle<()>,
}
fn hold_mta() -> MtaHolder {
    let (up_tx, up_rx) = channel();
    let (leave_tx, leave_rx) = channel::<()>();
    let done = std::thread::spawn(move || {
        let _com = anycom::runtime::ComInit::mta().unwrap();
        up_tx.send(()).unwrap();
        let _ = leave_rx.recv();
    });
    up_rx.recv().unwrap();
    MtaHolder {
        leave: leave_tx,
        done,
    }
}
impl MtaHolder {
    fn release(self) {
        self.leave.send(()).unwrap();
        self.done.join().unwrap();
    }
}

#[test]
fn smoke_uninitialized_thread_is_in_the_implicit_mta() {
    let _s = serial();
    on_thread(|| {
        assert_eq!(
            apt_type(),
            (CO_E_NOTINITIALIZED, APTTYPE_CURRENT, APTTYPEQUALIFIER_NONE)
        )
    });
    let mta = hold_mta();
    on_thread(|| {
        assert_eq!(
            apt_type(),
            (S_OK, APTTYPE_MTA, APTTYPEQUALIFIER_IMPLICIT_MTA)
        );
        // Joining explicitly is a first initialization (S_OK), then the qualifier goes.
        assert_eq!(
            // SAFETY: null reserved pointer.
            unsafe { CoInitializeEx(null_mut(), COINIT_MULTITHREADED) },
            S_OK
        );
        assert_eq!(apt_type(), (S_OK, APTTYPE_MTA, APTTYPEQUALIFIER_NONE));
        // SAFETY: balances the init above.
        unsafe { CoUninitialize() };
        assert_eq!(
            apt_type(),
            (S_OK, APTTYPE_MTA, APTTYPEQUALIFIER_IMPLICIT_MTA)
        );
        // Becoming an STA is allowed too.
        assert_eq!(
            // SAFETY: null reserved pointer.
            unsafe { CoInitializeEx(null_mut(), COINIT_APARTMENTTHREADED) },
            S_OK
        );
        assert_eq!(apt_type().2, APTTYPEQUALIFIER_NONE);
        // SAFETY: balances the init above.
        unsafe { CoUninitialize() };
    });
    mta.release();
    on_thread(|| {
        assert_eq!(
            apt_type(),
            (CO_E_NOTINITIALIZED, APTTYPE_CURRENT, APTTYPEQUALIFIER_NONE)
        )
    });
}

#[test]
fn implicit_threads_activate_and_register_in_the_mta() {
    let _s = serial();
    let live = LIVE.load(Ordering::SeqCst);
    on_thread(|| assert_eq!(create(&CLSID_A).0, CO_E_NOTINITIALIZED));

    let (reg_tx, reg_rx) = channel();
    let (leave_tx, leave_rx) = channel::<()>();
    let holder = std::thread::spawn(move || {
        let _com = anycom::runtime::ComInit::mta().unwrap();
        let (hr, cookie) = register(&CLSID_A, 7, CLSCTX_INPROC_SERVER, REGCLS_MULTIPLEUSE);
        assert_eq!(hr, S_OK);
        reg_tx.send(cookie).unwrap();
        leave_rx.recv().unwrap();
        // The implicit thread registered CLSID_B in the MTA and revoked it again.
        assert_eq!(create(&CLSID_B).0, REGDB_E_CLASSNOTREG);
    });
    let cookie_a = reg_rx.recv().unwrap();
    on_thread(|| {
        // A class registered by an MTA thread, activated from the implicit MTA.
        assert_eq!(create(&CLSID_A), (S_OK, 7));
        // A registration made from the implicit MTA belongs to the MTA.
        let (hr, cookie_b) = register(&CLSID_B, 8, CLSCTX_INPROC_SERVER, REGCLS_MULTIPLEUSE);
        assert_eq!(hr, S_OK);
        assert_eq!(create(&CLSID_B), (S_OK, 8));
        // Same apartment: the implicit thread may revoke the MTA thread's registration.
        // SAFETY: plain call.
        assert_eq!(unsafe { CoRevokeClassObject(cookie_b) }, S_OK);
        assert_eq!(create(&CLSID_B).0, REGDB_E_CLASSNOTREG);
    });
    // An STA does not see the MTA's registration (no cross-apartment proxies).
    on_thread(|| {
        let _com = anycom::runtime::ComInit::sta().unwrap();
        assert_eq!(create(&CLSID_A).0, REGDB_E_CLASSNOTREG);
        // SAFETY: plain call.
        assert_eq!(unsafe { CoRevokeClassObject(cookie_a) }, RPC_E_WRONG_THREAD);
    });
    leave_tx.send(()).unwrap();
    holder.join().unwrap();
    assert_eq!(
        FACTORIES.load(Ordering::SeqCst),
        0,
        "the MTA's teardown released its class object"
    );
    assert_eq!(LIVE.load(Ordering::SeqCst), live);
}

#[test]
fn activation_stops_when_the_mta_goes() {
    let _s = serial();
    let mta = hold_mta();
    let (go_tx, go_rx) = channel::<()>();
    let (ready_tx, ready_rx) = channel::<()>();
    let worker = std::thread::spawn(move || {
        // Register from the implicit MTA and activate twice (the second
        // activation is served from this thread's cache).
        let (hr, _cookie) = register(&CLSID_A, 3, CLSCTX_INPROC_SERVER, REGCLS_MULTIPLEUSE);
        assert_eq!(hr, S_OK);
        assert_eq!(create(&CLSID_A), (S_OK, 3));
        assert_eq!(create(&CLSID_A), (S_OK, 3));
        ready_tx.send(()).unwrap();
        go_rx.recv().unwrap();
        // The MTA is gone: this thread is uninitialized again.
        assert_eq!(
            apt_type(),
            (CO_E_NOTINITIALIZED, APTTYPE_CURRENT, APTTYPEQUALIFIER_NONE)
        );
        assert_eq!(create(&CLSID_A).0, CO_E_NOTINITIALIZED);
        let (hr, cookie) = register(&CLSID_A, 4, CLSCTX_INPROC_SERVER, REGCLS_MULTIPLEUSE);
        assert_eq!((hr, cookie), (CO_E_NOTINITIALIZED, 0));
    });
    ready_rx.recv().unwrap();
    assert_eq!(FACTORIES.load(Ordering::SeqCst), 1);
    mta.release();
    assert_eq!(
        FACTORIES.load(Ordering::SeqCst),
        0,
        "registration made from the implicit MTA revoked with the MTA"
    );
    go_tx.send(()).unwrap();
    worker.join().unwrap();
}

#[test]
fn mta_usage_cookie_holds_the_mta() {
    let _s = serial();
    let mut cookie: CO_MTA_USAGE_COOKIE = null_mut();
    // SAFETY: valid out-pointer.
    assert_eq!(unsafe { CoIncrementMTAUsage(&mut cookie) }, S_OK);
    assert!(!cookie.is_null());
    // SAFETY: null is rejected.
    assert_eq!(unsafe { CoIncrementMTAUsage(null_mut()) }, E_INVALIDARG);
    on_thread(|| {
        assert_eq!(
            apt_type(),
            (S_OK, APTTYPE_MTA, APTTYPEQUALIFIER_IMPLICIT_MTA)
        )
    });
    // The calling thread itself is implicit too.
    assert_eq!(
        apt_type(),
        (S_OK, APTTYPE_MTA, APTTYPEQUALIFIER_IMPLICIT_MTA)
    );
    // An MTA thread coming and going does not end the MTA.
    on_thread(|| {
        let _com = anycom::runtime::ComInit::mta().unwrap();
    });
    on_thread(|| assert_eq!(apt_type().2, APTTYPEQUALIFIER_IMPLICIT_MTA));
    // SAFETY: the cookie from CoIncrementMTAUsage, released once.
    assert_eq!(unsafe { CoDecrementMTAUsage(cookie) }, S_OK);
    // SAFETY: null is rejected.
    assert_eq!(unsafe { CoDecrementMTAUsage(null_mut()) }, E_INVALIDARG);
    on_thread(|| assert_eq!(apt_type().0, CO_E_NOTINITIALIZED));

    // The Rust form.
    let usage = anycom::runtime::MtaUsage::new();
    assert!(usage.apartment().is_mta());
    on_thread(|| assert_eq!(apt_type().2, APTTYPEQUALIFIER_IMPLICIT_MTA));
    drop(usage);
    on_thread(|| assert_eq!(apt_type().0, CO_E_NOTINITIALIZED));
}
