//! The exports every sample server module gets from `anycom::object_map!`,
//! called raw through libloading: `DllGetClassObject`'s argument rules
//! (unknown CLSID, null and bad pointers, an interface the class object
//! lacks; `*ppv` nulled on every failure), class objects handed out with the
//! requested interface, class objects not holding the module, and
//! `DllRegisterServer`/`DllUnregisterServer` without a class source.

mod server_support;

use anycom::{
    CLASS_E_CLASSNOTAVAILABLE, E_INVALIDARG, E_NOINTERFACE, E_POINTER, GUID, IClassFactory,
    IClassFactory2, IID_IUnknown, IUnknown, Interface, S_OK, SELFREG_E_CLASS,
};
use anycom_sample_interfaces::*;
use core::ptr::null_mut;
use server_support::*;

const UNKNOWN_CLSID: GUID = GUID::parse("0badc0de-0000-4000-8000-000000000001");

#[test]
fn every_sample_exports_the_four_functions_and_serves_its_classes() {
    for (sample, clsids) in [
        (STUFF, &[CLSID_Stuff, CLSID_SharedStuff][..]),
        (LICENSED, &[CLSID_LicensedCalculator][..]),
        (AGGREGATION, &[CLSID_Counter, CLSID_CounterHost][..]),
        (CUSTOM_FACTORY, &[CLSID_Widget][..]),
    ] {
        let module = Module::load(sample);
        for clsid in clsids {
            let factory: IClassFactory = module
                .class_object(clsid)
                .unwrap_or_else(|hr| panic!("{}: {clsid}: {hr}", sample.0));
            let unknown: IUnknown = module.class_object(clsid).unwrap();
            assert!(unknown.cast::<IClassFactory>().is_ok());
            assert_eq!(factory.LockServer(1), S_OK);
            assert_eq!(factory.LockServer(0), S_OK);
        }
        assert_eq!(
            module
                .class_object::<IClassFactory>(&UNKNOWN_CLSID)
                .unwrap_err(),
            CLASS_E_CLASSNOTAVAILABLE
        );
    }
}

#[test]
fn unknown_clsid_is_class_not_available_and_nulls_ppv() {
    let module = Module::load(STUFF);
    let mut p = GARBAGE;
    // SAFETY: valid locals.
    let hr = unsafe { module.get_class_object_raw(&UNKNOWN_CLSID, &IClassFactory::IID, &mut p) };
    assert_eq!(hr, CLASS_E_CLASSNOTAVAILABLE);
    assert!(p.is_null());
    // An interface ID is not a class ID either.
    let mut p = GARBAGE;
    // SAFETY: valid locals.
    let hr = unsafe { module.get_class_object_raw(&IStuff::IID, &IID_IUnknown, &mut p) };
    assert_eq!(hr, CLASS_E_CLASSNOTAVAILABLE);
    assert!(p.is_null());
}

#[test]
fn null_arguments() {
    let module = Module::load(STUFF);
    assert_eq!(
        // SAFETY: null ppv is what is being tested; the others are valid.
        unsafe { module.get_class_object_raw(&CLSID_Stuff, &IClassFactory::IID, null_mut()) },
        E_POINTER
    );
    assert_eq!(
        // SAFETY: null ppv with the other arguments null too.
        unsafe { module.get_class_object_raw(core::ptr::null(), core::ptr::null(), null_mut()) },
        E_POINTER
    );

    let mut p = GARBAGE;
    assert_eq!(
        // SAFETY: null rclsid; the rest valid.
        unsafe { module.get_class_object_raw(core::ptr::null(), &IClassFactory::IID, &mut p) },
        E_INVALIDARG
    );
    assert!(p.is_null());
    let mut p = GARBAGE;
    assert_eq!(
        // SAFETY: null riid; the rest valid.
        unsafe { module.get_class_object_raw(&CLSID_Stuff, core::ptr::null(), &mut p) },
        E_INVALIDARG
    );
    assert!(p.is_null());
    assert_eq!(module.can_unload_now(), S_OK);
}

#[test]
fn the_class_object_is_handed_out_with_the_requested_interface() {
    let module = Module::load(STUFF);
    // IUnknown and IClassFactory are answered; the class's own interfaces and
    // IClassFactory2 are not (a standard factory is not licensed).
    let mut p = GARBAGE;
    assert_eq!(
        // SAFETY: valid locals.
        unsafe { module.get_class_object_raw(&CLSID_Stuff, &IID_IUnknown, &mut p) },
        S_OK
    );
    // SAFETY: success handed over an IUnknown reference.
    let unknown = unsafe { IUnknown::from_raw(p) };
    let factory: IClassFactory = unknown.cast().unwrap();
    assert!(factory.same_object(&unknown));
    assert_eq!(
        module
            .class_object::<IClassFactory2>(&CLSID_Stuff)
            .unwrap_err(),
        E_NOINTERFACE
    );
    assert_eq!(
        module.class_object::<IStuff>(&CLSID_Stuff).unwrap_err(),
        E_NOINTERFACE
    );

    // The licensed class's class object answers both factory interfaces with one object.
    let module2 = Module::load(LICENSED);
    let f2: IClassFactory2 = module2.class_object(&CLSID_LicensedCalculator).unwrap();
    let f1: IClassFactory = f2.cast().unwrap();
    assert!(f1.same_object(&f2));
    assert_eq!(
        f1.as_raw(),
        f2.as_raw(),
        "IClassFactory2 derives from IClassFactory: one slot serves both"
    );
    drop((f1, f2));
    drop((factory, unknown));
}

#[test]
fn class_objects_do_not_hold_the_module() {
    let module = Module::load(STUFF);
    let a = module.factory(&CLSID_Stuff);
    let b = module.factory(&CLSID_SharedStuff);
    let c = a.clone();
    assert_eq!(
        module.can_unload_now(),
        S_OK,
        "holding class objects alone does not keep a module loaded"
    );
    drop((a, b, c));
    assert_eq!(module.can_unload_now(), S_OK);
}

#[test]
fn register_without_a_class_source_is_an_honest_error() {
    // The module is not attached to this process's runtime and its copy of
    // anycom has no class source: nowhere to register (server_registration.rs
    // covers the attached case).
    let module = Module::load(STUFF);
    assert_eq!(module.register_server(), SELFREG_E_CLASS);
    assert_eq!(module.unregister_server(), SELFREG_E_CLASS);
}
