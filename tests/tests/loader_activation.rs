//! The loader as the runtime's class source: `CoCreateInstance` and
//! `CoGetClassObject` of classes registered in a private registry load the
//! sample module once, hand out working objects by CLSID and by ProgID, keep
//! the module loaded while anything from it is alive, and after
//! `CoFreeUnusedLibrariesEx(0, 0)` the module is really gone from the
//! process (`/proc/self/maps`) and the next activation loads it again.

mod loader_support;

use anycom::runtime::{ComInit, create_instance, get_class_object};
use anycom::{
    CLSCTX_ALL, CLSCTX_INPROC_SERVER, CLSCTX_LOCAL_SERVER, IClassFactory, IUnknown,
    REGDB_E_CLASSNOTREG, S_OK,
};
use anycom_loader::ThreadingModel;
use anycom_sample_interfaces::*;
use loader_support::*;

#[test]
fn activate_call_release_unload_reactivate() {
    let _com = ComInit::mta().unwrap();
    let scene = Scene::new();
    let module = scene.module(STUFF);
    scene.register_class(
        &module,
        CLSID_Stuff,
        ThreadingModel::Both,
        Some(PROGID_Stuff),
    );
    assert!(!mapped(&module));

    // By CLSID.
    let stuff: IStuff = create_instance(&CLSID_Stuff, None, CLSCTX_INPROC_SERVER).unwrap();
    assert!(mapped(&module));
    assert_eq!(scene.loader.stats().loads, 1);
    assert_eq!(stuff.Add(40), S_OK);
    assert_eq!(stuff.Add(2), S_OK);
    assert_eq!(stuff.Count(), 2);

    // By ProgID: the same module, not loaded again.
    let clsid = clsid_from_progid(PROGID_Stuff);
    assert_eq!(clsid, Ok(CLSID_Stuff));
    let other: IStuff = create_instance(&clsid.unwrap(), None, CLSCTX_ALL).unwrap();
    assert_eq!(other.Count(), 0, "a new object");
    assert_eq!(scene.loader.stats().loads, 1);
    assert_eq!(scene.loader.loaded_modules(), vec![module.clone()]);

    // Objects alive: the module stays.
    let report = scene.loader.free_unused(std::time::Duration::ZERO);
    assert!(report.unloaded.is_empty(), "{report:?}");
    assert!(mapped(&module));

    drop((stuff, other));
    // SAFETY: no arguments.
    unsafe { anycom::api::CoFreeUnusedLibrariesEx(0, 0) };
    assert!(!mapped(&module), "the module is gone from /proc/self/maps");
    assert_eq!(scene.loader.stats().unloads, 1);
    assert!(scene.loader.loaded_modules().is_empty());

    // A later activation loads it again.
    let again: IStuff = create_instance(&CLSID_Stuff, None, CLSCTX_INPROC_SERVER).unwrap();
    assert!(mapped(&module));
    assert_eq!(scene.loader.stats().loads, 2);
    assert_eq!(again.Add(1), S_OK);
    assert_eq!(again.Count(), 1);
    drop(again);
    scene.loader.free_unused(std::time::Duration::ZERO);
    assert!(!mapped(&module));
}

#[test]
fn a_class_object_keeps_the_module_loaded() {
    let _com = ComInit::mta().unwrap();
    let scene = Scene::new();
    let module = scene.module(STUFF);
    scene.register_class(&module, CLSID_Stuff, ThreadingModel::Both, None);
    let factory: IClassFactory = get_class_object(&CLSID_Stuff, CLSCTX_INPROC_SERVER).unwrap();
    let report = scene.loader.free_unused(std::time::Duration::ZERO);
    assert_eq!(report.kept, vec![module.clone()], "held class object: kept");
    assert!(mapped(&module));
    let mut p = std::ptr::null_mut();
    assert_eq!(
        // SAFETY: valid locals.
        unsafe { factory.CreateInstance(std::ptr::null_mut(), &IStuff::IID, &mut p) },
        S_OK
    );
    // SAFETY: success handed over a reference.
    let stuff = unsafe { <IStuff as anycom::Interface>::from_raw(p) };
    assert_eq!(stuff.Add(7), S_OK);
    drop((factory, stuff));
    let report = scene.loader.free_unused(std::time::Duration::ZERO);
    assert_eq!(report.unloaded, vec![module.clone()]);
    assert!(!mapped(&module));
}

#[test]
fn contexts_without_inproc_server_are_not_registered() {
    let _com = ComInit::mta().unwrap();
    let scene = Scene::new();
    let module = scene.module(STUFF);
    scene.register_class(&module, CLSID_Stuff, ThreadingModel::Both, None);
    let e = create_instance::<IUnknown>(&CLSID_Stuff, None, CLSCTX_LOCAL_SERVER).unwrap_err();
    assert_eq!(e.code(), REGDB_E_CLASSNOTREG);
    assert!(e.message().unwrap().contains("CLSCTX_INPROC_SERVER"), "{e}");
    assert!(!mapped(&module), "nothing was loaded");
    let e = create_instance::<IUnknown>(&CLSID_SharedStuff, None, CLSCTX_ALL).unwrap_err();
    assert_eq!(e.code(), REGDB_E_CLASSNOTREG);
    assert!(
        e.message()
            .unwrap()
            .contains(&CLSID_SharedStuff.to_string()),
        "{e}"
    );
}

use anycom::Interface as _;
