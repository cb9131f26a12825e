//! Activation: `CoCreateInstance` and `CoGetClassObject` through the class
//! table and through a pluggable `ClassSource`, with Windows' errors
//! (`CO_E_NOTINITIALIZED`, `REGDB_E_CLASSNOTREG`, `E_POINTER` vs
//! `E_INVALIDARG` for null out-pointers, `CLASS_E_NOAGGREGATION`, bad
//! `CLSCTX` bits, `E_NOINTERFACE`), `*ppv` nulled on every failure, the
//! table taking precedence over the source, the safe Rust API, and the
//! per-thread activation cache staying correct across revoke, suspension,
//! re-registration and a class object revoking itself mid-activation.

use anycom::api::*;
use anycom::runtime::source::{ClassObject, ClassSource, ServerRegistration, ThreadingModel};
use anycom::runtime::{ComInit, create_instance, get_class_object, register_class_object};
use anycom::*;
use anycom_tests::objects::*;
use core::ffi::c_void;
use std::ptr::null_mut;
use std::sync::atomic::{AtomicIsize, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

static FACTORIES: AtomicIsize = AtomicIsize::new(0);

#[implement(IClassFactory)]
struct Factory {
    value: u32,
    /// When not 0: CreateInstance first revokes this cookie (its own registration).
    revoke: AtomicU32,
}
impl Factory {
    fn new(value: u32) -> Factory {
        FACTORIES.fetch_add(1, Ordering::SeqCst);
        Factory {
            value,
            revoke: AtomicU32::new(0),
        }
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
        let cookie = self.revoke.swap(0, Ordering::SeqCst);
        if cookie != 0 {
            assert_eq!(anycom::runtime::revoke_class_object(cookie), Ok(()));
            assert_eq!(
                FACTORIES.load(Ordering::SeqCst),
                1,
                "still alive while its CreateInstance runs"
            );
        }
        // SAFETY: the arguments come straight from the caller of CreateInstance.
        unsafe {
            anycom::imp::create_instance::<Multi_Impl>(outer, riid, ppv, || Multi::new(self.value))
        }
    }
    fn LockServer(&self, _lock: BOOL) -> HRESULT {
        S_OK
    }
}

const CLSID_T: GUID = GUID::from_u128(0x8d1e0003_0000_4000_8000_0000000000a1);
const CLSID_SRC: GUID = GUID::from_u128(0x8d1e0003_0000_4000_8000_0000000000c3);
const CLSID_NONE: GUID = GUID::from_u128(0x8d1e0003_0000_4000_8000_0000000000ff);

fn cci(clsid: &GUID, outer: *mut c_void, ctx: u32, iid: &GUID) -> (HRESULT, Option<IUnknown>) {
    let mut p = 0xBAD_usize as *mut c_void;
    // SAFETY: valid arguments.
    let hr = unsafe { CoCreateInstance(clsid, outer, ctx, iid, &mut p) };
    if hr.is_err() {
        assert!(p.is_null(), "*ppv nulled on failure ({hr})");
        return (hr, None);
    }
    // SAFETY: success handed us a reference.
    (hr, Some(unsafe { IUnknown::from_raw(p) }))
}

fn alpha(clsid: &GUID) -> (HRESULT, u32) {
    match cci(clsid, null_mut(), CLSCTX_INPROC_SERVER, &IAlpha::IID) {
        (hr, Some(u)) => (hr, u.cast::<IAlpha>().unwrap().Alpha()),
        (hr, None) => (hr, 0),
    }
}

fn register(clsid: &GUID, f: Factory, flags: u32) -> u32 {
    let f: IUnknown = f.into();
    let mut cookie = 0;
    assert_eq!(
        // SAFETY: valid arguments.
        unsafe {
            CoRegisterClassObject(clsid, f.as_raw(), CLSCTX_INPROC_SERVER, flags, &mut cookie)
        },
        S_OK
    );
    cookie
}

/// A class source serving `CLSID_SRC` and remembering what it was asked.
struct Source {
    asked: Mutex<Vec<(GUID, u32)>>,
}
impl ClassSource for Source {
    fn get_class_object(&self, clsid: &GUID, clsctx: u32) -> anycom::Result<ClassObject> {
        self.asked.lock().unwrap().push((*clsid, clsctx));
        if *clsid == CLSID_SRC {
            Ok(ClassObject {
                object: Factory::new(77).into(),
                threading_model: ThreadingModel::Both,
            })
        } else {
            Err(Error::new(
                REGDB_E_CLASSNOTREG,
                format!("class {clsid} is not in the test source"),
            ))
        }
    }
    fn clsid_from_progid(&self, _progid: &str) -> anycom::Result<GUID> {
        Err(Error::from_code(CO_E_CLASSSTRING))
    }
    fn progid_from_clsid(&self, _clsid: &GUID) -> anycom::Result<String> {
        Err(Error::from_code(REGDB_E_CLASSNOTREG))
    }
    fn register_server(&self, _reg: &ServerRegistration) -> anycom::Result<()> {
        Err(Error::from_code(E_NOTIMPL))
    }
    fn unregister_server(&self, _module_path: &std::path::Path) -> anycom::Result<()> {
        Err(Error::from_code(E_NOTIMPL))
    }
}

#[test]
fn smoke_create_and_get_class_object() {
    let _s = serial();
    let live = LIVE.load(Ordering::SeqCst);
    on_thread(|| {
        let _com = ComInit::sta().unwrap();
        let c = register(&CLSID_T, Factory::new(12), REGCLS_MULTIPLEUSE);
        assert_eq!(alpha(&CLSID_T), (S_OK, 12));
        assert_eq!(alpha(&CLSID_T), (S_OK, 12));
        let (hr, unk) = cci(&CLSID_T, null_mut(), CLSCTX_ALL, &IGamma::IID);
        assert_eq!(hr, S_OK);
        assert_eq!(unk.unwrap().cast::<IBeta>().unwrap().Beta(), 24);
        let f: IClassFactory = get_class_object(&CLSID_T, CLSCTX_INPROC_SERVER).unwrap();
        drop(f);
        let a: IAlpha = create_instance(&CLSID_T, None, CLSCTX_INPROC_SERVER).unwrap();
        assert_eq!(a.Alpha(), 12);
        drop(a);
        // SAFETY: plain call.
        assert_eq!(unsafe { CoRevokeClassObject(c) }, S_OK);
    });
    assert_eq!(LIVE.load(Ordering::SeqCst), live, "every object released");
    assert_eq!(FACTORIES.load(Ordering::SeqCst), 0);
}

#[test]
fn errors_and_null_out_pointers() {
    let _s = serial();
    on_thread(|| {
        // Uninitialized thread, no MTA.
        assert_eq!(alpha(&CLSID_T).0, CO_E_NOTINITIALIZED);
        let mut p = 0xBAD_usize as *mut c_void;
        assert_eq!(
            // SAFETY: valid arguments.
            unsafe {
                CoGetClassObject(
                    &CLSID_T,
                    CLSCTX_INPROC_SERVER,
                    null_mut(),
                    &IClassFactory::IID,
                    &mut p,
                )
            },
            CO_E_NOTINITIALIZED
        );
        assert!(p.is_null());
        // Null ppv: E_POINTER for CoCreateInstance, E_INVALIDARG for CoGetClassObject (as Windows), even uninitialized.
        // SAFETY: null out-pointers are rejected.
        unsafe {
            assert_eq!(
                CoCreateInstance(
                    &CLSID_T,
                    null_mut(),
                    CLSCTX_INPROC_SERVER,
                    &IAlpha::IID,
                    null_mut()
                ),
                E_POINTER
            );
            assert_eq!(
                CoGetClassObject(
                    &CLSID_T,
                    CLSCTX_INPROC_SERVER,
                    null_mut(),
                    &IClassFactory::IID,
                    null_mut()
                ),
                E_INVALIDARG
            );
        }
        let _com = ComInit::mta().unwrap();
        // Unknown class (no source installed).
        assert_eq!(alpha(&CLSID_NONE).0, REGDB_E_CLASSNOTREG);
        p = 0xBAD_usize as *mut c_void;
        assert_eq!(
            // SAFETY: valid arguments.
            unsafe {
                CoGetClassObject(
                    &CLSID_NONE,
                    CLSCTX_INPROC_SERVER,
                    null_mut(),
                    &IClassFactory::IID,
                    &mut p,
                )
            },
            REGDB_E_CLASSNOTREG
        );
        assert!(p.is_null());
        // Aggregation asked with an IID other than IUnknown: checked before the lookup.
        let outer = ComObject::new(Single::new(0)).as_unknown();
        assert_eq!(
            cci(
                &CLSID_NONE,
                outer.as_raw(),
                CLSCTX_INPROC_SERVER,
                &IAlpha::IID
            )
            .0,
            CLASS_E_NOAGGREGATION
        );
        // Bad CLSCTX bits.
        assert_eq!(
            cci(
                &CLSID_NONE,
                null_mut(),
                CLSCTX_INPROC_SERVER | CLSCTX_RESERVED1,
                &IAlpha::IID
            )
            .0,
            E_INVALIDARG
        );
        let c = register(&CLSID_T, Factory::new(1), REGCLS_MULTIPLEUSE);
        // The class exists but not in that context.
        assert_eq!(
            cci(&CLSID_T, null_mut(), CLSCTX_LOCAL_SERVER, &IAlpha::IID).0,
            REGDB_E_CLASSNOTREG
        );
        // The object lacks the interface.
        assert_eq!(
            cci(&CLSID_T, null_mut(), CLSCTX_INPROC_SERVER, &INobody::IID).0,
            E_NOINTERFACE
        );
        // The factory refuses aggregation of a non-aggregatable class... Multi is aggregatable:
        let (hr, inner) = cci(
            &CLSID_T,
            outer.as_raw(),
            CLSCTX_INPROC_SERVER,
            &IUnknown::IID,
        );
        assert_eq!(hr, S_OK);
        drop(inner);
        // CoGetClassObject with an interface the class object lacks.
        p = 0xBAD_usize as *mut c_void;
        assert_eq!(
            // SAFETY: valid arguments.
            unsafe {
                CoGetClassObject(
                    &CLSID_T,
                    CLSCTX_INPROC_SERVER,
                    null_mut(),
                    &IAlpha::IID,
                    &mut p,
                )
            },
            E_NOINTERFACE
        );
        assert!(p.is_null());
        // Rust API errors carry the code.
        assert_eq!(
            create_instance::<IAlpha>(&CLSID_NONE, None, CLSCTX_ALL)
                .unwrap_err()
                .code(),
            REGDB_E_CLASSNOTREG
        );
        // SAFETY: plain call.
        assert_eq!(unsafe { CoRevokeClassObject(c) }, S_OK);
    });
    assert_eq!(FACTORIES.load(Ordering::SeqCst), 0);
}

#[test]
fn class_object_without_class_factory() {
    let _s = serial();
    on_thread(|| {
        let _com = ComInit::sta().unwrap();
        // A plain object registered as a class object: CoGetClassObject hands it
        // out, CoCreateInstance fails asking it for IClassFactory.
        let plain = ComObject::new(Single::new(31));
        let reg = register_class_object(
            &CLSID_T,
            &plain.as_unknown(),
            CLSCTX_INPROC_SERVER,
            REGCLS_MULTIPLEUSE,
        )
        .unwrap();
        assert_eq!(alpha(&CLSID_T).0, E_NOINTERFACE);
        assert_eq!(alpha(&CLSID_T).0, E_NOINTERFACE);
        let a: IAlpha = get_class_object(&CLSID_T, CLSCTX_INPROC_SERVER).unwrap();
        assert_eq!(a.Alpha(), 31);
        drop(a);
        reg.revoke().unwrap();
    });
}

#[test]
fn class_source_is_asked_after_the_table() {
    let _s = serial();
    let src = Arc::new(Source {
        asked: Mutex::new(Vec::new()),
    });
    anycom::runtime::set_class_source(src.clone());
    on_thread(|| {
        let _com = ComInit::mta().unwrap();
        assert_eq!(alpha(&CLSID_SRC), (S_OK, 77));
        let f: IClassFactory =
            get_class_object(&CLSID_SRC, CLSCTX_INPROC_SERVER | CLSCTX_LOCAL_SERVER).unwrap();
        drop(f);
        // The source's error, with its message for a Rust caller.
        let e = create_instance::<IAlpha>(&CLSID_NONE, None, CLSCTX_INPROC_SERVER).unwrap_err();
        assert_eq!(e.code(), REGDB_E_CLASSNOTREG);
        assert!(
            e.message()
                .unwrap_or_default()
                .contains("not in the test source"),
            "{e:?}"
        );
        // A registration shadows the source.
        let c = register(&CLSID_SRC, Factory::new(5), REGCLS_MULTIPLEUSE);
        let before = src.asked.lock().unwrap().len();
        assert_eq!(alpha(&CLSID_SRC), (S_OK, 5));
        assert_eq!(
            src.asked.lock().unwrap().len(),
            before,
            "the table answered"
        );
        // SAFETY: plain call.
        assert_eq!(unsafe { CoRevokeClassObject(c) }, S_OK);
        assert_eq!(alpha(&CLSID_SRC), (S_OK, 77));
    });
    let asked = src.asked.lock().unwrap().clone();
    assert_eq!(asked[0], (CLSID_SRC, CLSCTX_INPROC_SERVER));
    assert_eq!(
        asked[1],
        (CLSID_SRC, CLSCTX_INPROC_SERVER | CLSCTX_LOCAL_SERVER),
        "the CLSCTX reaches the source"
    );
    assert!(anycom::runtime::source::clear_class_source().is_some());
    assert!(anycom::runtime::class_source().is_none());
    on_thread(|| {
        let _com = ComInit::mta().unwrap();
        assert_eq!(alpha(&CLSID_SRC).0, REGDB_E_CLASSNOTREG);
    });
    assert_eq!(FACTORIES.load(Ordering::SeqCst), 0);
}

#[test]
fn cached_activation_follows_the_table() {
    let _s = serial();
    on_thread(|| {
        let _com = ComInit::sta().unwrap();
        let c = register(&CLSID_T, Factory::new(1), REGCLS_MULTIPLEUSE);
        for _ in 0..3 {
            assert_eq!(alpha(&CLSID_T), (S_OK, 1));
        }
        // Revoked: the next activation must not use the cached factory.
        // SAFETY: plain call.
        assert_eq!(unsafe { CoRevokeClassObject(c) }, S_OK);
        assert_eq!(
            FACTORIES.load(Ordering::SeqCst),
            0,
            "released although it was cached"
        );
        assert_eq!(alpha(&CLSID_T).0, REGDB_E_CLASSNOTREG);
        // Re-registered: the new one.
        let c = register(&CLSID_T, Factory::new(2), REGCLS_MULTIPLEUSE);
        assert_eq!(alpha(&CLSID_T), (S_OK, 2));
        assert_eq!(alpha(&CLSID_T), (S_OK, 2));
        // Suspended and resumed.
        // SAFETY: plain calls.
        unsafe {
            assert_eq!(CoSuspendClassObjects(), S_OK);
            assert_eq!(alpha(&CLSID_T).0, REGDB_E_CLASSNOTREG);
            assert_eq!(CoResumeClassObjects(), S_OK);
        }
        assert_eq!(alpha(&CLSID_T), (S_OK, 2));
        // A newer registration shadows the cached one.
        let c2 = register(&CLSID_T, Factory::new(3), REGCLS_MULTIPLEUSE);
        assert_eq!(alpha(&CLSID_T), (S_OK, 3));
        // SAFETY: plain calls.
        unsafe {
            assert_eq!(CoRevokeClassObject(c2), S_OK);
            assert_eq!(CoRevokeClassObject(c), S_OK);
        }
        assert_eq!(alpha(&CLSID_T).0, REGDB_E_CLASSNOTREG);
    });
    // The cache does not survive a change of apartment on the thread.
    on_thread(|| {
        let sta = ComInit::sta().unwrap();
        let c = register(&CLSID_T, Factory::new(4), REGCLS_MULTIPLEUSE);
        assert_eq!(alpha(&CLSID_T), (S_OK, 4));
        assert_eq!(alpha(&CLSID_T), (S_OK, 4));
        let _ = c;
        drop(sta); // revokes with the apartment
        assert_eq!(alpha(&CLSID_T).0, CO_E_NOTINITIALIZED);
        let _mta = ComInit::mta().unwrap();
        assert_eq!(alpha(&CLSID_T).0, REGDB_E_CLASSNOTREG);
    });
    assert_eq!(FACTORIES.load(Ordering::SeqCst), 0);
}

#[test]
fn a_class_object_may_revoke_itself_during_create_instance() {
    let _s = serial();
    on_thread(|| {
        let _com = ComInit::mta().unwrap();
        // On the first activation (the slow path).
        let obj = ComObject::new(Factory::new(9));
        let cookie = register_class_object(
            &CLSID_T,
            &obj.as_unknown(),
            CLSCTX_INPROC_SERVER,
            REGCLS_MULTIPLEUSE,
        )
        .unwrap()
        .into_cookie();
        obj.revoke.store(cookie, Ordering::SeqCst);
        drop(obj); // the table holds the only reference now
        assert_eq!(alpha(&CLSID_T), (S_OK, 9));
        assert_eq!(
            FACTORIES.load(Ordering::SeqCst),
            0,
            "released once the activation finished"
        );
        assert_eq!(alpha(&CLSID_T).0, REGDB_E_CLASSNOTREG);

        // On an activation served from the thread's cache (the hot path).
        let obj = ComObject::new(Factory::new(10));
        let cookie = register_class_object(
            &CLSID_T,
            &obj.as_unknown(),
            CLSCTX_INPROC_SERVER,
            REGCLS_MULTIPLEUSE,
        )
        .unwrap()
        .into_cookie();
        assert_eq!(alpha(&CLSID_T), (S_OK, 10));
        assert_eq!(alpha(&CLSID_T), (S_OK, 10));
        obj.revoke.store(cookie, Ordering::SeqCst);
        drop(obj);
        assert_eq!(FACTORIES.load(Ordering::SeqCst), 1);
        assert_eq!(alpha(&CLSID_T), (S_OK, 10));
        assert_eq!(
            FACTORIES.load(Ordering::SeqCst),
            0,
            "released once the activation finished"
        );
        assert_eq!(alpha(&CLSID_T).0, REGDB_E_CLASSNOTREG);
    });
    assert_eq!(FACTORIES.load(Ordering::SeqCst), 0);
}
