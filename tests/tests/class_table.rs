//! The class table: `CoRegisterClassObject` argument errors, cookies,
//! `REGCLS_SINGLEUSE` / `MULTIPLEUSE` / `MULTI_SEPARATE` / `SUSPENDED` / `AGILE`
//! semantics with `CoResumeClassObjects` / `CoSuspendClassObjects`,
//! `CoAddRefServerProcess` / `CoReleaseServerProcess`, `CoRevokeClassObject`
//! (unknown, twice, from another apartment), registrations belonging to
//! their apartment and released at its teardown, the class object's
//! reference held exactly while registered, and the Rust `Registration` guard.

use anycom::api::*;
use anycom::runtime::{ComInit, register_class_object};
use anycom::*;
use anycom_tests::objects::*;
use core::ffi::c_void;
use std::ptr::null_mut;
use std::sync::atomic::Ordering;
use std::sync::mpsc::channel;

const CLSID_T: GUID = GUID::from_u128(0x7c1e0002_0000_4000_8000_0000000000a1);
const CLSID_U: GUID = GUID::from_u128(0x7c1e0002_0000_4000_8000_0000000000b2);

fn register(clsid: &GUID, obj: &IUnknown, clsctx: u32, flags: u32) -> (HRESULT, u32) {
    let mut cookie = 0xFFFF_FFFF;
    // SAFETY: valid arguments.
    let hr = unsafe { CoRegisterClassObject(clsid, obj.as_raw(), clsctx, flags, &mut cookie) };
    (hr, cookie)
}

fn new_factory(value: u32) -> IUnknown {
    Factory::new(value).into()
}

fn revoke(cookie: u32) -> HRESULT {
    // SAFETY: plain call.
    unsafe { CoRevokeClassObject(cookie) }
}

/// CoGetClassObject(IClassFactory) → (hr, value its objects report).
fn get(clsid: &GUID, clsctx: u32) -> (HRESULT, u32) {
    let mut p = 0xBAD_usize as *mut c_void;
    // SAFETY: valid arguments.
    let hr = unsafe { CoGetClassObject(clsid, clsctx, null_mut(), &IClassFactory::IID, &mut p) };
    if hr.is_err() {
        assert!(p.is_null(), "*ppv nulled on failure");
        return (hr, 0);
    }
    // SAFETY: success handed us an IClassFactory reference.
    let f = unsafe { IClassFactory::from_raw(p) };
    let mut o = null_mut();
    assert_eq!(
        // SAFETY: valid arguments.
        unsafe { f.CreateInstance(null_mut(), &IAlpha::IID, &mut o) },
        S_OK
    );
    // SAFETY: an IAlpha reference.
    let a = unsafe { IAlpha::from_raw(o) };
    (hr, a.Alpha())
}

#[test]
fn smoke_register_find_revoke() {
    let _s = serial();
    on_thread(|| {
        let _com = ComInit::sta().unwrap();
        let f = ComObject::new(Factory::new(5));
        let unk = f.as_unknown();
        let base = f.ref_count();
        let (hr, cookie) = register(&CLSID_T, &unk, CLSCTX_INPROC_SERVER, REGCLS_MULTIPLEUSE);
        assert_eq!(hr, S_OK);
        assert_ne!(cookie, 0);
        assert_eq!(f.ref_count(), base + 1, "AddRef'd while registered");
        assert_eq!(get(&CLSID_T, CLSCTX_INPROC_SERVER), (S_OK, 5));
        assert_eq!(get(&CLSID_T, CLSCTX_ALL), (S_OK, 5));
        assert_eq!(revoke(cookie), S_OK);
        assert_eq!(f.ref_count(), base, "Released on revoke");
        assert_eq!(get(&CLSID_T, CLSCTX_INPROC_SERVER).0, REGDB_E_CLASSNOTREG);
        assert_eq!(revoke(cookie), CO_E_OBJNOTREG, "already revoked");
        assert_eq!(revoke(0xDEAD_BEEF), CO_E_OBJNOTREG, "never registered");
        drop(unk);
        drop(f);
        assert_eq!(FACTORIES.load(Ordering::SeqCst), 0);
    });
}

#[test]
fn argument_errors() {
    let _s = serial();
    on_thread(|| {
        let obj = new_factory(1);
        let mut cookie = 77u32;
        // Uninitialized thread, no MTA.
        assert_eq!(
            register(&CLSID_T, &obj, CLSCTX_INPROC_SERVER, REGCLS_MULTIPLEUSE),
            (CO_E_NOTINITIALIZED, 0)
        );
        assert_eq!(revoke(1), CO_E_NOTINITIALIZED);
        let _com = ComInit::sta().unwrap();
        // SAFETY: null arguments are rejected.
        unsafe {
            assert_eq!(
                CoRegisterClassObject(
                    &CLSID_T,
                    null_mut(),
                    CLSCTX_INPROC_SERVER,
                    REGCLS_MULTIPLEUSE,
                    &mut cookie
                ),
                E_INVALIDARG
            );
            assert_eq!(
                CoRegisterClassObject(
                    &CLSID_T,
                    obj.as_raw(),
                    CLSCTX_INPROC_SERVER,
                    REGCLS_MULTIPLEUSE,
                    null_mut()
                ),
                E_INVALIDARG
            );
            assert_eq!(
                CoRegisterClassObject(
                    std::ptr::null(),
                    obj.as_raw(),
                    CLSCTX_INPROC_SERVER,
                    REGCLS_MULTIPLEUSE,
                    &mut cookie
                ),
                E_INVALIDARG
            );
        }
        // Bad flags: unknown REGCLS bits, MULTIPLEUSE with MULTI_SEPARATE, no
        // server context, context bits outside CLSCTX_VALID_MASK.
        assert_eq!(
            register(&CLSID_T, &obj, CLSCTX_INPROC_SERVER, 0x100),
            (E_INVALIDARG, 0)
        );
        assert_eq!(
            register(
                &CLSID_T,
                &obj,
                CLSCTX_INPROC_SERVER,
                REGCLS_MULTIPLEUSE | REGCLS_MULTI_SEPARATE
            ),
            (E_INVALIDARG, 0)
        );
        assert_eq!(
            register(&CLSID_T, &obj, 0, REGCLS_MULTIPLEUSE),
            (E_INVALIDARG, 0)
        );
        assert_eq!(
            register(&CLSID_T, &obj, CLSCTX_NO_CODE_DOWNLOAD, REGCLS_MULTIPLEUSE),
            (E_INVALIDARG, 0)
        );
        assert_eq!(
            register(
                &CLSID_T,
                &obj,
                CLSCTX_INPROC_SERVER | CLSCTX_RESERVED1,
                REGCLS_MULTIPLEUSE
            ),
            (E_INVALIDARG, 0)
        );
        assert_eq!(
            anycom::runtime::class_table::registration_count(),
            0,
            "nothing was registered"
        );
    });
    assert_eq!(FACTORIES.load(Ordering::SeqCst), 0);
}

#[test]
fn single_use_is_found_once_but_revoked_explicitly() {
    let _s = serial();
    on_thread(|| {
        let _com = ComInit::mta().unwrap();
        let obj = new_factory(2);
        let (hr, cookie) = register(&CLSID_T, &obj, CLSCTX_INPROC_SERVER, REGCLS_SINGLEUSE);
        assert_eq!(hr, S_OK);
        assert_eq!(get(&CLSID_T, CLSCTX_INPROC_SERVER), (S_OK, 2));
        assert_eq!(
            get(&CLSID_T, CLSCTX_INPROC_SERVER).0,
            REGDB_E_CLASSNOTREG,
            "found once"
        );
        assert_eq!(revoke(cookie), S_OK, "the cookie stays valid");
        // CoCreateInstance consumes a single-use registration too.
        let (hr, cookie) = register(&CLSID_T, &obj, CLSCTX_INPROC_SERVER, REGCLS_SINGLEUSE);
        assert_eq!(hr, S_OK);
        let mut p = null_mut();
        assert_eq!(
            // SAFETY: valid arguments.
            unsafe {
                CoCreateInstance(
                    &CLSID_T,
                    null_mut(),
                    CLSCTX_INPROC_SERVER,
                    &IAlpha::IID,
                    &mut p,
                )
            },
            S_OK
        );
        // SAFETY: an IAlpha reference.
        drop(unsafe { IAlpha::from_raw(p) });
        assert_eq!(
            // SAFETY: valid arguments.
            unsafe {
                CoCreateInstance(
                    &CLSID_T,
                    null_mut(),
                    CLSCTX_INPROC_SERVER,
                    &IAlpha::IID,
                    &mut p,
                )
            },
            REGDB_E_CLASSNOTREG
        );
        assert!(p.is_null());
        assert_eq!(revoke(cookie), S_OK);
    });
    assert_eq!(FACTORIES.load(Ordering::SeqCst), 0);
}

#[test]
fn multiple_use_and_multi_separate_contexts() {
    let _s = serial();
    on_thread(|| {
        let _com = ComInit::sta().unwrap();
        // MULTIPLEUSE with LOCAL_SERVER also registers for INPROC_SERVER.
        let (hr, c1) = register(
            &CLSID_T,
            &new_factory(1),
            CLSCTX_LOCAL_SERVER,
            REGCLS_MULTIPLEUSE,
        );
        assert_eq!(hr, S_OK);
        assert_eq!(get(&CLSID_T, CLSCTX_INPROC_SERVER), (S_OK, 1));
        assert_eq!(get(&CLSID_T, CLSCTX_LOCAL_SERVER), (S_OK, 1));
        assert_eq!(
            get(&CLSID_T, CLSCTX_INPROC_SERVER),
            (S_OK, 1),
            "multiple use: found again"
        );
        assert_eq!(revoke(c1), S_OK);
        // MULTI_SEPARATE with LOCAL_SERVER does not.
        let (hr, c2) = register(
            &CLSID_T,
            &new_factory(2),
            CLSCTX_LOCAL_SERVER,
            REGCLS_MULTI_SEPARATE,
        );
        assert_eq!(hr, S_OK);
        assert_eq!(get(&CLSID_T, CLSCTX_INPROC_SERVER).0, REGDB_E_CLASSNOTREG);
        assert_eq!(get(&CLSID_T, CLSCTX_LOCAL_SERVER), (S_OK, 2));
        assert_eq!(get(&CLSID_T, CLSCTX_SERVER), (S_OK, 2));
        // A separate in-process class object beside it.
        let (hr, c3) = register(
            &CLSID_T,
            &new_factory(3),
            CLSCTX_INPROC_SERVER,
            REGCLS_MULTI_SEPARATE,
        );
        assert_eq!(hr, S_OK);
        assert_eq!(get(&CLSID_T, CLSCTX_INPROC_SERVER), (S_OK, 3));
        assert_eq!(get(&CLSID_T, CLSCTX_LOCAL_SERVER), (S_OK, 2));
        // An in-process handler context finds neither.
        assert_eq!(get(&CLSID_T, CLSCTX_INPROC_HANDLER).0, REGDB_E_CLASSNOTREG);
        assert_eq!(revoke(c2), S_OK);
        assert_eq!(revoke(c3), S_OK);
    });
    assert_eq!(FACTORIES.load(Ordering::SeqCst), 0);
}

#[test]
fn the_latest_registration_wins_and_revoking_it_uncovers_the_previous() {
    let _s = serial();
    on_thread(|| {
        let _com = ComInit::sta().unwrap();
        let (hr, a) = register(
            &CLSID_T,
            &new_factory(10),
            CLSCTX_INPROC_SERVER,
            REGCLS_MULTIPLEUSE,
        );
        assert_eq!(hr, S_OK);
        let (hr, b) = register(
            &CLSID_T,
            &new_factory(20),
            CLSCTX_INPROC_SERVER,
            REGCLS_MULTIPLEUSE,
        );
        assert_eq!(hr, S_OK, "registering a class again is not an error");
        assert_ne!(a, b);
        assert_eq!(get(&CLSID_T, CLSCTX_INPROC_SERVER), (S_OK, 20));
        assert_eq!(revoke(b), S_OK);
        assert_eq!(get(&CLSID_T, CLSCTX_INPROC_SERVER), (S_OK, 10));
        assert_eq!(revoke(a), S_OK);
        assert_eq!(get(&CLSID_T, CLSCTX_INPROC_SERVER).0, REGDB_E_CLASSNOTREG);
    });
    assert_eq!(FACTORIES.load(Ordering::SeqCst), 0);
}

#[test]
fn suspended_until_resumed() {
    let _s = serial();
    on_thread(|| {
        let _com = ComInit::mta().unwrap();
        let (hr, c) = register(
            &CLSID_T,
            &new_factory(4),
            CLSCTX_INPROC_SERVER,
            REGCLS_MULTIPLEUSE | REGCLS_SUSPENDED,
        );
        assert_eq!(hr, S_OK);
        assert_eq!(
            get(&CLSID_T, CLSCTX_INPROC_SERVER).0,
            REGDB_E_CLASSNOTREG,
            "suspended"
        );
        // SAFETY: plain calls.
        unsafe {
            assert_eq!(CoResumeClassObjects(), S_OK);
            assert_eq!(get(&CLSID_T, CLSCTX_INPROC_SERVER), (S_OK, 4));
            assert_eq!(CoSuspendClassObjects(), S_OK);
            assert_eq!(get(&CLSID_T, CLSCTX_INPROC_SERVER).0, REGDB_E_CLASSNOTREG);
            // Registered after the suspension, without REGCLS_SUSPENDED: found.
            let (hr, c2) = register(
                &CLSID_U,
                &new_factory(6),
                CLSCTX_INPROC_SERVER,
                REGCLS_MULTIPLEUSE,
            );
            assert_eq!(hr, S_OK);
            assert_eq!(get(&CLSID_U, CLSCTX_INPROC_SERVER), (S_OK, 6));
            assert_eq!(CoResumeClassObjects(), S_OK);
            assert_eq!(get(&CLSID_T, CLSCTX_INPROC_SERVER), (S_OK, 4));
            assert_eq!(revoke(c2), S_OK);
        }
        // A suspended registration is still revoked normally.
        assert_eq!(revoke(c), S_OK);
    });
    assert_eq!(FACTORIES.load(Ordering::SeqCst), 0);
}

#[test]
fn server_process_count_suspends_at_zero() {
    let _s = serial();
    on_thread(|| {
        let _com = ComInit::mta().unwrap();
        let (hr, c) = register(
            &CLSID_T,
            &new_factory(8),
            CLSCTX_LOCAL_SERVER,
            REGCLS_MULTIPLEUSE,
        );
        assert_eq!(hr, S_OK);
        // SAFETY: plain calls.
        unsafe {
            assert_eq!(CoAddRefServerProcess(), 1);
            assert_eq!(CoAddRefServerProcess(), 2);
            assert_eq!(CoReleaseServerProcess(), 1);
            assert_eq!(get(&CLSID_T, CLSCTX_LOCAL_SERVER), (S_OK, 8));
            assert_eq!(CoReleaseServerProcess(), 0);
            assert_eq!(
                get(&CLSID_T, CLSCTX_LOCAL_SERVER).0,
                REGDB_E_CLASSNOTREG,
                "suspended at zero"
            );
            assert_eq!(CoReleaseServerProcess(), 0, "stays at zero");
            assert_eq!(CoResumeClassObjects(), S_OK);
            assert_eq!(get(&CLSID_T, CLSCTX_LOCAL_SERVER), (S_OK, 8));
        }
        assert_eq!(revoke(c), S_OK);
    });
    assert_eq!(FACTORIES.load(Ordering::SeqCst), 0);
}

#[test]
fn registrations_belong_to_their_apartment() {
    let _s = serial();
    let (cookie_tx, cookie_rx) = channel();
    let (done_tx, done_rx) = channel::<()>();
    let owner = std::thread::spawn(move || {
        let _com = ComInit::sta().unwrap();
        let (hr, c) = register(
            &CLSID_T,
            &new_factory(1),
            CLSCTX_INPROC_SERVER,
            REGCLS_MULTIPLEUSE,
        );
        assert_eq!(hr, S_OK);
        let (hr, agile) = register(
            &CLSID_U,
            &new_factory(2),
            CLSCTX_INPROC_SERVER,
            REGCLS_MULTIPLEUSE | REGCLS_AGILE,
        );
        assert_eq!(hr, S_OK);
        cookie_tx.send((c, agile)).unwrap();
        done_rx.recv().unwrap();
        // Still ours and still working after the failed revokes.
        assert_eq!(get(&CLSID_T, CLSCTX_INPROC_SERVER), (S_OK, 1));
        assert_eq!(revoke(c), S_OK);
        assert_eq!(revoke(agile), S_OK);
    });
    let (c, agile) = cookie_rx.recv().unwrap();
    // Another STA: neither sees the registration nor may revoke it.
    on_thread(|| {
        let _com = ComInit::sta().unwrap();
        assert_eq!(get(&CLSID_T, CLSCTX_INPROC_SERVER).0, REGDB_E_CLASSNOTREG);
        assert_eq!(revoke(c), RPC_E_WRONG_THREAD);
        // An agile registration is found from every apartment, but still revoked only by its owner.
        assert_eq!(get(&CLSID_U, CLSCTX_INPROC_SERVER), (S_OK, 2));
        assert_eq!(revoke(agile), RPC_E_WRONG_THREAD);
    });
    // The MTA likewise.
    on_thread(|| {
        let _com = ComInit::mta().unwrap();
        assert_eq!(get(&CLSID_T, CLSCTX_INPROC_SERVER).0, REGDB_E_CLASSNOTREG);
        assert_eq!(revoke(c), RPC_E_WRONG_THREAD);
        assert_eq!(get(&CLSID_U, CLSCTX_INPROC_SERVER), (S_OK, 2));
    });
    done_tx.send(()).unwrap();
    owner.join().unwrap();
    assert_eq!(FACTORIES.load(Ordering::SeqCst), 0);
}

#[test]
fn teardown_revokes_and_releases() {
    let _s = serial();
    let f = ComObject::new(Factory::new(3));
    let unk = f.to_agile::<IClassFactory>();
    let base = f.ref_count();
    // An STA registers and uninitializes without revoking.
    let cookie = on_thread(|| {
        let com = ComInit::sta().unwrap();
        let (hr, c) = register(
            &CLSID_T,
            unk.get().as_unknown(),
            CLSCTX_INPROC_SERVER,
            REGCLS_MULTIPLEUSE,
        );
        assert_eq!(hr, S_OK);
        assert_eq!(f.ref_count(), base + 1);
        assert_eq!(get(&CLSID_T, CLSCTX_INPROC_SERVER), (S_OK, 3));
        drop(com);
        // The apartment is gone, the class object released (nothing else holds it now).
        assert_eq!(f.ref_count(), base);
        let _again = ComInit::sta().unwrap();
        assert_eq!(get(&CLSID_T, CLSCTX_INPROC_SERVER).0, REGDB_E_CLASSNOTREG);
        assert_eq!(
            revoke(c),
            CO_E_OBJNOTREG,
            "the cookie went with the apartment"
        );
        c
    });
    assert_ne!(cookie, 0);
    // The MTA: released when its last thread leaves.
    let (reg_tx, reg_rx) = channel();
    let (leave_tx, leave_rx) = channel::<()>();
    let first = std::thread::spawn(move || {
        let _com = ComInit::mta().unwrap();
        reg_tx.send(()).unwrap();
        leave_rx.recv().unwrap();
    });
    reg_rx.recv().unwrap();
    on_thread(|| {
        let _com = ComInit::mta().unwrap();
        let (hr, _) = register(
            &CLSID_T,
            unk.get().as_unknown(),
            CLSCTX_INPROC_SERVER,
            REGCLS_MULTIPLEUSE,
        );
        assert_eq!(hr, S_OK);
    });
    assert_eq!(
        f.ref_count(),
        base + 1,
        "the MTA lives on in the first thread"
    );
    leave_tx.send(()).unwrap();
    first.join().unwrap();
    assert_eq!(f.ref_count(), base, "released with the MTA");
    drop(unk);
    drop(f);
    assert_eq!(FACTORIES.load(Ordering::SeqCst), 0);
}

#[test]
fn registration_guard_revokes_on_drop() {
    let _s = serial();
    on_thread(|| {
        let _com = ComInit::sta().unwrap();
        let f = new_factory(9);
        let reg =
            register_class_object(&CLSID_T, &f, CLSCTX_INPROC_SERVER, REGCLS_MULTIPLEUSE).unwrap();
        assert_eq!(get(&CLSID_T, CLSCTX_INPROC_SERVER), (S_OK, 9));
        drop(reg);
        assert_eq!(get(&CLSID_T, CLSCTX_INPROC_SERVER).0, REGDB_E_CLASSNOTREG);
        let reg =
            register_class_object(&CLSID_T, &f, CLSCTX_INPROC_SERVER, REGCLS_MULTIPLEUSE).unwrap();
        let cookie = reg.into_cookie();
        assert_eq!(get(&CLSID_T, CLSCTX_INPROC_SERVER), (S_OK, 9));
        assert_eq!(revoke(cookie), S_OK);
        let reg =
            register_class_object(&CLSID_T, &f, CLSCTX_INPROC_SERVER, REGCLS_MULTIPLEUSE).unwrap();
        reg.revoke().unwrap();
        assert_eq!(
            register_class_object(&CLSID_T, &f, 0, REGCLS_MULTIPLEUSE)
                .unwrap_err()
                .code(),
            E_INVALIDARG
        );
    });
    assert_eq!(FACTORIES.load(Ordering::SeqCst), 0);
}
