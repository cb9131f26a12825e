//! One runtime per process (design.md §2), Rust host + Rust plugin: the
//! plugin links its own static copy of anycom; the loader attaches it to the
//! host's runtime when it loads it, and from then on what the plugin does
//! through the runtime happens in the host's: its error info reaches the
//! host's caller, it sees the host thread's apartment, it activates classes
//! registered in the host's class table, and its per-thread process token
//! is the host's. (C host + Rust plugin and Rust host + C++ plugin are in
//! `capi_one_runtime.rs`.)

mod loader_support;
mod one_runtime_support;

use anycom::runtime::{ComInit, register_class_object};
use anycom::server::{ClassFactory, Creator};
use anycom::{
    APTTYPE_MTA, APTTYPEQUALIFIER_NONE, CLSCTX_INPROC_SERVER, E_ACCESSDENIED, IClassFactory,
    IUnknown, Interface, REGCLS_MULTIPLEUSE, REGDB_E_CLASSNOTREG, S_OK,
};
use loader_support::*;
use one_runtime_support::*;

#[test]
fn smoke_plugin_is_attached() {
    let _com = ComInit::mta().unwrap();
    let scene = Scene::new();
    let p = rust_probe(&scene);
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
    let p = rust_probe(&scene);
    let e = p.Fail().unwrap_err();
    assert_eq!(e.code(), E_ACCESSDENIED);
    assert_eq!(
        e.message(),
        Some("denied by the plugin"),
        "the host's Error picked up the plugin's error info"
    );
    // Consumed: a second read finds nothing.
    let mut info = core::ptr::null_mut();
    assert_eq!(
        // SAFETY: a valid out slot.
        unsafe { anycom::api::GetErrorInfo(0, &mut info) },
        anycom::S_FALSE
    );
}

#[test]
fn the_plugin_sees_the_host_threads_apartment() {
    let scene = Scene::new();
    let agile = {
        let _mta = ComInit::mta().unwrap();
        let p = rust_probe(&scene);
        let (mut t, mut q) = (-9, -9);
        // SAFETY: valid out pointers.
        assert_eq!(unsafe { p.ApartmentType(&mut t, &mut q) }, S_OK);
        assert_eq!((t, q), (APTTYPE_MTA, APTTYPEQUALIFIER_NONE));
        // SAFETY: the probe is ThreadingModel Both with no thread-bound state.
        unsafe { anycom::Agile::new_unchecked(p) }
    };
    // On another thread that is an STA, the plugin sees an STA; on an
    // uninitialized thread, what the host sees there.
    // SAFETY: the helper passes valid out pointers.
    assert_sees_the_hosts_apartment_on_other_threads(|t, q| unsafe {
        agile.get().ApartmentType(t, q)
    });
}

#[test]
fn the_plugin_activates_classes_in_the_hosts_class_table() {
    let _com = ComInit::mta().unwrap();
    let scene = Scene::new();
    let p = rust_probe(&scene);
    let mut out = core::ptr::null_mut();
    // Not registered anywhere yet.
    assert_eq!(
        // SAFETY: valid arguments.
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
    let p = rust_probe(&scene);
    // SAFETY: no arguments.
    let host = unsafe { anycom::api::CoGetCurrentProcess() };
    assert_eq!(p.ProcessToken(), host);
}

#[test]
fn error_info_from_an_attached_plugin_does_not_pin_the_plugin() {
    let _com = ComInit::mta().unwrap();
    let scene = Scene::new();
    let module = scene.module(RUST_PROBE);
    let p = rust_probe(&scene);
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
