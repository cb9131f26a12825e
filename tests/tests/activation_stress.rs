//! Stress: two threads activate and release 1 000 000 objects in total
//! through `CoCreateInstance` (both cores, one registered class in the MTA,
//! the hot path served from each thread's cache), the live object count
//! back to zero at the end; and activation racing against a thread that
//! keeps registering and revoking the class, every class object released.

use anycom::api::*;
use anycom::runtime::ComInit;
use anycom::*;
use anycom_tests::objects::*;
use core::ffi::c_void;
use std::ptr::null_mut;
use std::sync::Barrier;
use std::sync::atomic::{AtomicBool, AtomicIsize, AtomicUsize, Ordering};

static FACTORIES: AtomicIsize = AtomicIsize::new(0);

#[implement(IClassFactory)]
struct Factory;
impl Factory {
    fn new() -> Factory {
        FACTORIES.fetch_add(1, Ordering::SeqCst);
        Factory
    }
}
impl Drop for Factory {
    fn drop(&mut self) {
        FACTORIES.fetch_sub(1, Ordering::SeqCst);
    }
}
impl IClassFactory_Impl for Factory_Impl {
    unsafe fn CreateInstance(
        &self,
        outer: *mut c_void,
        riid: *const GUID,
        ppv: *mut *mut c_void,
    ) -> HRESULT {
        // SAFETY: the arguments come straight from the caller of CreateInstance.
        unsafe { anycom::imp::create_instance::<Single_Impl>(outer, riid, ppv, || Single::new(1)) }
    }
    fn LockServer(&self, _lock: BOOL) -> HRESULT {
        S_OK
    }
}

const CLSID_S: GUID = GUID::from_u128(0xaf1e0005_0000_4000_8000_0000000000a1);

/// Objects activated in total by the main stress test (the full million in
/// every build: a debug build does it in a few seconds).
const TOTAL: usize = 1_000_000;

fn create() -> HRESULT {
    let mut p = null_mut();
    // SAFETY: valid arguments.
    let hr = unsafe {
        CoCreateInstance(
            &CLSID_S,
            null_mut(),
            CLSCTX_INPROC_SERVER,
            &IAlpha::IID,
            &mut p,
        )
    };
    if hr.is_ok() {
        // SAFETY: success handed us an IAlpha reference.
        let a = unsafe { IAlpha::from_raw(p) };
        assert_eq!(a.Alpha(), 1);
    } else {
        assert!(p.is_null());
    }
    hr
}

fn register() -> u32 {
    let f: IUnknown = Factory::new().into();
    let mut cookie = 0;
    assert_eq!(
        // SAFETY: valid arguments.
        unsafe {
            CoRegisterClassObject(
                &CLSID_S,
                f.as_raw(),
                CLSCTX_INPROC_SERVER,
                REGCLS_MULTIPLEUSE,
                &mut cookie,
            )
        },
        S_OK
    );
    cookie
}

#[test]
fn two_threads_activate_a_million_objects() {
    let _s = serial();
    let live = LIVE.load(Ordering::SeqCst);
    let com = ComInit::mta().unwrap();
    let cookie = register();
    let barrier = Barrier::new(2);
    let done = AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                let _com = ComInit::mta().unwrap();
                barrier.wait();
                for _ in 0..TOTAL / 2 {
                    assert_eq!(create(), S_OK);
                }
                done.fetch_add(TOTAL / 2, Ordering::SeqCst);
            });
        }
    });
    assert_eq!(done.load(Ordering::SeqCst), TOTAL);
    assert_eq!(LIVE.load(Ordering::SeqCst), live, "every object released");
    // SAFETY: plain call.
    assert_eq!(unsafe { CoRevokeClassObject(cookie) }, S_OK);
    drop(com);
    assert_eq!(
        FACTORIES.load(Ordering::SeqCst),
        0,
        "the class object released"
    );
}

#[test]
fn activation_races_registration_churn() {
    let _s = serial();
    let live = LIVE.load(Ordering::SeqCst);
    let com = ComInit::mta().unwrap();
    let stop = AtomicBool::new(false);
    let created = AtomicUsize::new(0);
    let barrier = Barrier::new(3);
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                // In the implicit MTA (no CoInitializeEx of their own).
                barrier.wait();
                while !stop.load(Ordering::SeqCst) {
                    match create() {
                        S_OK => {
                            created.fetch_add(1, Ordering::SeqCst);
                        }
                        hr => assert_eq!(hr, REGDB_E_CLASSNOTREG),
                    }
                }
            });
        }
        s.spawn(|| {
            barrier.wait();
            let mut cookie = register();
            for round in 0..500 {
                // Let the activators make progress against every registration.
                let seen = created.load(Ordering::SeqCst);
                while created.load(Ordering::SeqCst) == seen {
                    std::thread::yield_now();
                }
                let next = register();
                // SAFETY: plain call.
                assert_eq!(unsafe { CoRevokeClassObject(cookie) }, S_OK);
                cookie = next;
                if round % 3 == 0 {
                    // SAFETY: plain call.
                    assert_eq!(unsafe { CoRevokeClassObject(cookie) }, S_OK);
                    cookie = register();
                }
            }
            // SAFETY: plain call.
            assert_eq!(unsafe { CoRevokeClassObject(cookie) }, S_OK);
            stop.store(true, Ordering::SeqCst);
        });
    });
    assert!(created.load(Ordering::SeqCst) >= 500);
    assert_eq!(LIVE.load(Ordering::SeqCst), live, "every object released");
    assert_eq!(
        FACTORIES.load(Ordering::SeqCst),
        0,
        "every revoked class object released"
    );
    drop(com);
}
