//! One runtime per process (design.md §2), Rust host + Rust plugin: the
//! plugin links its own static copy of anycom; the loader attaches it to the
//! host's runtime when it loads it, and from then on what the plugin does
//! through the runtime happens in the host's: its error info reaches the
//! host's caller, it sees the host thread's apartment, it activates classes
//! registered in the host's class table, and its per-thread process token
//! is the host's. (C host + Rust plugin and Rust host + C++ plugin are in
//! `capi_one_runtime.rs`.)

mod loader_support;

use anycom::runtime::{ComInit, create_instance, register_class_object};
use anycom::server::{ClassFactory, Construct, Creator};
use anycom::{
    APTTYPE_MTA, APTTYPE_STA, APTTYPEQUALIFIER_NONE, CLSCTX_INPROC_SERVER, CO_E_NOTINITIALIZED,
    E_ACCESSDENIED, GUID, IClassFactory, IUnknown, Interface, REGCLS_MULTIPLEUSE,
    REGDB_E_CLASSNOTREG, S_OK, implement, interface,
};
use anycom_loader::ThreadingModel;
use anycom_test_runtime_plugin::{CLSID_RuntimeProbe, IRuntimeProbe};
use loader_support::*;

const PLUGIN: Sample = ("anycom-test-runtime-plugin", "anycom_test_runtime_plugin");

#[interface("3e0f6a71-9c2b-4d58-a1e4-7b6c5d4e3f30")]
unsafe trait IHostThing: IUnknown {
    fn Answer(&self) -> u32;
}

#[implement(IHostThing, no_aggregation)]
struct HostThing;
impl IHostThing_Impl for HostThing_Impl {
    fn Answer(&self) -> u32 {
        42
    }
}
impl Construct for HostThing {
    fn construct() -> anycom::Result<Self> {
        Ok(HostThing)
    }
}
const CLSID_HOST_THING: GUID = GUID::parse("3e0f6a71-9c2b-4d58-a1e4-7b6c5d4e3f31");

fn probe(scene: &Scene) -> IRuntimeProbe {
    let module = scene.module(PLUGIN);
    scene.register_class(&module, CLSID_RuntimeProbe, ThreadingModel::Both, None);
    create_instance(&CLSID_RuntimeProbe, None, CLSCTX_INPROC_SERVER).expect("activate the plugin")
}

#[test]
fn smoke_plugin_is_attached() {
    let _com = ComInit::mta().unwrap();
    let scene = Scene::new();
    let p = probe(&scene);
    assert_eq!(
        p.Attached(),
        1,
        "the loader attached the plugin's copy of anycom"
    );
    assert!(
        anycom::runtime::attach::attached().is_none(),
        "the host itself is not attached"
    );
}

#[test]
fn error_info_set_in_the_plugin_reaches_the_host() {
    let _com = ComInit::mta().unwrap();
    let scene = Scene::new();
    let p = probe(&scene);
    let e = p.Fail().unwrap_err();
    assert_eq!(e.code(), E_ACCESSDENIED);
    assert_eq!(
        e.message(),
        Some("denied by the plugin"),
        "the host's Error picked up the plugin's error info"
    );
    // Consumed: a second read finds nothing.
    let mut info = core::ptr::null_mut();
    // SAFETY: a valid out slot.
    assert_eq!(
        unsafe { anycom::api::GetErrorInfo(0, &mut info) },
        anycom::S_FALSE
    );
}

#[test]
fn the_plugin_sees_the_host_threads_apartment() {
    let scene = Scene::new();
    let p = {
        let _mta = ComInit::mta().unwrap();
        let p = probe(&scene);
        let (mut t, mut q) = (-9, -9);
        // SAFETY: valid out pointers.
        assert_eq!(unsafe { p.ApartmentType(&mut t, &mut q) }, S_OK);
        assert_eq!((t, q), (APTTYPE_MTA, APTTYPEQUALIFIER_NONE));
        anycom::Agile::into_inner(
            // SAFETY: the probe is ThreadingModel Both with no thread-bound state.
            unsafe { anycom::Agile::new_unchecked(p) },
        )
    };
    // On another thread that is an STA, the plugin sees an STA; on an
    // uninitialized thread (no MTA alive) it sees CO_E_NOTINITIALIZED.
    // SAFETY: the probe is ThreadingModel Both with no thread-bound state.
    let agile = unsafe { anycom::Agile::new_unchecked(p) };
    std::thread::scope(|s| {
        s.spawn(|| {
            let _sta = ComInit::sta().unwrap();
            let (mut t, mut q) = (-9, -9);
            // SAFETY: valid out pointers.
            assert_eq!(unsafe { agile.get().ApartmentType(&mut t, &mut q) }, S_OK);
            assert!(t == APTTYPE_STA || t == anycom::APTTYPE_MAINSTA, "{t}");
        })
        .join()
        .unwrap();
        s.spawn(|| {
            // Uninitialized: CO_E_NOTINITIALIZED, or the implicit MTA while
            // another test holds the MTA. Either way, what the host sees.
            let (mut t, mut q) = (-9, -9);
            let (mut ht, mut hq) = (-8, -8);
            // SAFETY: valid out pointers.
            let hr = unsafe { agile.get().ApartmentType(&mut t, &mut q) };
            // SAFETY: valid out pointers.
            let host_hr = unsafe { anycom::api::CoGetApartmentType(&mut ht, &mut hq) };
            assert_eq!((hr, t, q), (host_hr, ht, hq));
            assert!(
                hr == CO_E_NOTINITIALIZED
                    || (t, q) == (APTTYPE_MTA, anycom::APTTYPEQUALIFIER_IMPLICIT_MTA)
            );
        })
        .join()
        .unwrap();
    });
}

#[test]
fn the_plugin_activates_classes_in_the_hosts_class_table() {
    let _com = ComInit::mta().unwrap();
    let scene = Scene::new();
    let p = probe(&scene);
    let mut out = core::ptr::null_mut();
    // Not registered anywhere yet.
    // SAFETY: valid arguments.
    assert_eq!(
        unsafe { p.Create(&CLSID_HOST_THING, &mut out) },
        REGDB_E_CLASSNOTREG
    );
    assert!(out.is_null());
    let factory: IClassFactory = ClassFactory::new(Creator::of::<HostThing>()).into();
    let reg = register_class_object(
        &CLSID_HOST_THING,
        factory.as_unknown(),
        CLSCTX_INPROC_SERVER,
        REGCLS_MULTIPLEUSE,
    )
    .unwrap();
    // SAFETY: valid arguments.
    assert_eq!(unsafe { p.Create(&CLSID_HOST_THING, &mut out) }, S_OK);
    // SAFETY: success handed over one reference.
    let thing: IHostThing = unsafe { IUnknown::from_raw(out) }.cast().unwrap();
    assert_eq!(thing.Answer(), 42);
    drop(reg);
}

#[test]
fn the_plugin_shares_the_hosts_per_thread_state() {
    let _com = ComInit::mta().unwrap();
    let scene = Scene::new();
    let p = probe(&scene);
    // SAFETY: no arguments.
    let host = unsafe { anycom::api::CoGetCurrentProcess() };
    assert_eq!(p.ProcessToken(), host);
}

#[test]
fn error_info_from_an_attached_plugin_does_not_pin_the_plugin() {
    let _com = ComInit::mta().unwrap();
    let scene = Scene::new();
    let module = scene.module(PLUGIN);
    let p = probe(&scene);
    // Call through the raw vtable so the error info stays on the thread.
    // SAFETY: a live IRuntimeProbe pointer.
    let hr = unsafe { (p.vtable().Fail)(p.as_raw()) };
    assert_eq!(hr, E_ACCESSDENIED);
    drop(p);
    // SAFETY: no pointers.
    unsafe { anycom::api::CoFreeUnusedLibrariesEx(0, 0) };
    assert!(
        !mapped(&module),
        "the error info object lives in the host: the plugin could unload"
    );
    let info = anycom::runtime::error_info::take().expect("the error info is still on the thread");
    assert_eq!(
        anycom::runtime::error_info::read(&info).description,
        "denied by the plugin"
    );
}
