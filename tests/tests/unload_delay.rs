//! When `CoFreeUnusedLibrariesEx` unloads a module, as Windows does: a
//! module used from the MTA (or serving Free/Both/Neutral classes) is marked
//! on the first round whose `DllCanUnloadNow` says `S_OK` and freed on a
//! later round once the delay has passed without it being used (a use in
//! between moves it back to active); a module used only from STAs, or any
//! module with a zero delay, goes at once; `DllCanUnloadNow` saying
//! `S_FALSE`, or missing, keeps it loaded; a class object the runtime holds
//! (registered with `CoRegisterClassObject`) keeps it loaded.

mod loader_support;

use anycom::runtime::{ComInit, create_instance, get_class_object, register_class_object};
use anycom::{CLSCTX_INPROC_SERVER, GUID, IUnknown, REGCLS_MULTIPLEUSE, S_OK};
use anycom_loader::ThreadingModel;
use anycom_sample_interfaces::*;
use loader_support::*;
use std::time::{Duration, Instant};

const MINUTE: Duration = Duration::from_secs(60);

#[test]
fn a_module_used_from_the_mta_waits_the_delay() {
    let _com = ComInit::mta().unwrap();
    let scene = Scene::new();
    let module = scene.module(STUFF);
    scene.register_class(&module, CLSID_Stuff, ThreadingModel::Both, None);
    drop(create_instance::<IStuff>(&CLSID_Stuff, None, CLSCTX_INPROC_SERVER).unwrap());

    let t0 = Instant::now();
    let r = scene.loader.free_unused_at(MINUTE, t0);
    assert_eq!(r.waiting, vec![module.clone()], "first S_OK: marked");
    assert!(mapped(&module));
    let r = scene.loader.free_unused_at(MINUTE, t0 + MINUTE / 2);
    assert_eq!(r.waiting, vec![module.clone()], "not yet");
    assert!(mapped(&module));
    let r = scene.loader.free_unused_at(MINUTE, t0 + MINUTE);
    assert_eq!(
        r.unloaded,
        vec![module.clone()],
        "idle for the delay: freed"
    );
    assert!(!mapped(&module));
}

#[test]
fn a_use_during_the_delay_moves_the_module_back_to_active() {
    let _com = ComInit::mta().unwrap();
    let scene = Scene::new();
    let module = scene.module(STUFF);
    scene.register_class(&module, CLSID_Stuff, ThreadingModel::Both, None);
    drop(create_instance::<IStuff>(&CLSID_Stuff, None, CLSCTX_INPROC_SERVER).unwrap());
    let t0 = Instant::now();
    assert_eq!(
        scene.loader.free_unused_at(MINUTE, t0).waiting,
        vec![module.clone()]
    );
    // Used again (and released) during the delay.
    drop(create_instance::<IStuff>(&CLSID_Stuff, None, CLSCTX_INPROC_SERVER).unwrap());
    let r = scene.loader.free_unused_at(MINUTE, t0 + MINUTE);
    assert_eq!(r.waiting, vec![module.clone()], "marked afresh, not freed");
    assert!(mapped(&module));
    let r = scene.loader.free_unused_at(MINUTE, t0 + 2 * MINUTE);
    assert_eq!(r.unloaded, vec![module.clone()]);
    assert!(!mapped(&module));
    assert_eq!(scene.loader.stats().loads, 1);
}

#[test]
fn an_object_alive_clears_the_mark() {
    let _com = ComInit::mta().unwrap();
    let scene = Scene::new();
    let module = scene.module(STUFF);
    scene.register_class(&module, CLSID_Stuff, ThreadingModel::Both, None);
    drop(create_instance::<IStuff>(&CLSID_Stuff, None, CLSCTX_INPROC_SERVER).unwrap());
    let t0 = Instant::now();
    assert_eq!(scene.loader.free_unused_at(MINUTE, t0).waiting.len(), 1);
    let stuff = create_instance::<IStuff>(&CLSID_Stuff, None, CLSCTX_INPROC_SERVER).unwrap();
    assert_eq!(
        scene.loader.free_unused_at(MINUTE, t0 + MINUTE).kept,
        vec![module.clone()],
        "S_FALSE"
    );
    drop(stuff);
    assert_eq!(
        scene
            .loader
            .free_unused_at(MINUTE, t0 + 2 * MINUTE)
            .waiting
            .len(),
        1,
        "marked again"
    );
    assert_eq!(
        scene
            .loader
            .free_unused_at(MINUTE, t0 + 3 * MINUTE)
            .unloaded,
        vec![module.clone()]
    );
}

#[test]
fn a_module_used_only_from_an_sta_goes_at_once() {
    let _com = ComInit::sta().unwrap();
    let scene = Scene::new();
    let module = scene.module(STUFF);
    scene.register_class(&module, CLSID_Stuff, ThreadingModel::Apartment, None);
    let stuff = create_instance::<IStuff>(&CLSID_Stuff, None, CLSCTX_INPROC_SERVER).unwrap();
    assert_eq!(stuff.Add(3), S_OK);
    drop(stuff);
    // CoFreeUnusedLibraries: the default (ten minute) delay, treated as 0
    // for a module that only served an STA.
    // SAFETY: no arguments.
    unsafe { anycom::api::CoFreeUnusedLibraries() };
    assert!(!mapped(&module));
    assert_eq!(scene.loader.stats().unloads, 1);
}

#[test]
fn an_apartment_class_used_from_the_mta_waits_too() {
    let _com = ComInit::mta().unwrap();
    let scene = Scene::new();
    let module = scene.module(STUFF);
    scene.register_class(&module, CLSID_Stuff, ThreadingModel::Apartment, None);
    drop(create_instance::<IStuff>(&CLSID_Stuff, None, CLSCTX_INPROC_SERVER).unwrap());
    let r = scene.loader.free_unused(MINUTE);
    assert_eq!(r.waiting, vec![module.clone()]);
    assert!(mapped(&module));
    // A zero delay frees it at once, whatever the apartment.
    // SAFETY: no arguments.
    unsafe { anycom::api::CoFreeUnusedLibrariesEx(0, 0) };
    assert!(!mapped(&module));
}

#[test]
fn no_dllcanunloadnow_or_a_refusal_keeps_the_module() {
    let _com = ComInit::mta().unwrap();
    let scene = Scene::new();
    let never = compile_c(scene.modules_dir.path(), "libnever.so", &c_server(""));
    let refuses = compile_c(
        scene.modules_dir.path(),
        "librefuses.so",
        &c_server("HRESULT DllCanUnloadNow(void) { return 1; }"),
    );
    let a = GUID::parse("5e7f0c1d-2a3b-4c5d-8e9f-a0b1c2d3e4f5");
    let b = GUID::parse("5e7f0c1d-2a3b-4c5d-8e9f-a0b1c2d3e4f6");
    scene.register_class(&never, a, ThreadingModel::Both, None);
    scene.register_class(&refuses, b, ThreadingModel::Both, None);
    drop(get_class_object::<IUnknown>(&a, CLSCTX_INPROC_SERVER).unwrap());
    drop(get_class_object::<IUnknown>(&b, CLSCTX_INPROC_SERVER).unwrap());
    let r = scene.loader.free_unused(Duration::ZERO);
    let mut kept = r.kept.clone();
    kept.sort();
    let mut expect = vec![never.clone(), refuses.clone()];
    expect.sort();
    assert_eq!(kept, expect, "{r:?}");
    assert!(r.unloaded.is_empty());
    assert!(mapped(&never) && mapped(&refuses));
    assert_eq!(scene.loader.loaded_modules().len(), 2);
}

#[test]
fn a_class_object_registered_with_the_class_table_keeps_the_module() {
    let _com = ComInit::mta().unwrap();
    let scene = Scene::new();
    let module = scene.module(STUFF);
    scene.register_class(&module, CLSID_Stuff, ThreadingModel::Both, None);
    let factory = get_class_object::<IUnknown>(&CLSID_Stuff, CLSCTX_INPROC_SERVER).unwrap();
    let reg = register_class_object(
        &CLSID_Stuff,
        &factory,
        CLSCTX_INPROC_SERVER,
        REGCLS_MULTIPLEUSE,
    )
    .unwrap();
    drop(factory);
    let r = scene.loader.free_unused(Duration::ZERO);
    assert_eq!(
        r.kept,
        vec![module.clone()],
        "the class table holds its class object"
    );
    assert!(mapped(&module));
    // Activation goes through the class table now; still the same module.
    let stuff = create_instance::<IStuff>(&CLSID_Stuff, None, CLSCTX_INPROC_SERVER).unwrap();
    assert_eq!(stuff.Add(1), S_OK);
    drop(stuff);
    reg.revoke().unwrap();
    let r = scene.loader.free_unused(Duration::ZERO);
    assert_eq!(r.unloaded, vec![module.clone()]);
    assert!(!mapped(&module));
}
