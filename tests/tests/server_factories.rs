//! Every kind of class factory, reached through a sample module's raw
//! `DllGetClassObject`: the standard factory (a new object per
//! `CreateInstance`), the singleton factory (the same object every time,
//! aggregation refused, released when the module may unload), and a class's
//! own factory (the custom-factory sample's counting `WidgetFactory`); plus
//! `CreateInstance`'s argument rules.

mod server_support;

use anycom::{
    CLASS_E_NOAGGREGATION, E_INVALIDARG, E_NOINTERFACE, E_POINTER, IClassFactory, IID_IUnknown,
    IUnknown, Interface, S_FALSE, S_OK,
};
use anycom_sample_interfaces::*;
use core::ptr::null_mut;
use server_support::*;

#[test]
fn standard_factory_makes_a_new_object_each_time() {
    let module = Module::load(STUFF);
    let factory = module.factory(&CLSID_Stuff);
    let a: IStuff = create(&factory);
    let b: IStuff = create(&factory);
    assert_ne!(identity(&a), identity(&b));
    assert_eq!(a.Add(1), S_OK);
    assert_eq!(a.Add(2), S_OK);
    assert_eq!((a.Count(), b.Count()), (2, 0));
    // A second class object of the same class makes objects of the same class.
    let factory2 = module.factory(&CLSID_Stuff);
    let c: IStuff = create(&factory2);
    assert_eq!(c.Count(), 0);
    // Asking for IUnknown works too, and the object answers its interfaces.
    let (hr, p) = create_raw(&factory, null_mut(), &IID_IUnknown);
    assert_eq!(hr, S_OK);
    // SAFETY: success handed over an IUnknown reference.
    let u = unsafe { IUnknown::from_raw(p) };
    assert!(u.cast::<IStuff>().is_ok());
    drop((a, b, c, u));
    assert_eq!(module.can_unload_now(), S_OK);
}

#[test]
fn repeated_creations_with_several_interfaces() {
    // The first interface asked for is remembered per class; any order of
    // IIDs must give correct, independent objects with exact counts.
    let module = Module::load(STUFF);
    let factory = module.factory(&CLSID_Stuff);
    let mut objects: Vec<IStuff> = Vec::new();
    for round in 0..3u32 {
        let s: IStuff = create(&factory);
        let (hr, p) = create_raw(&factory, null_mut(), &IID_IUnknown);
        assert_eq!(hr, S_OK);
        // SAFETY: success handed over an IUnknown reference.
        let u = unsafe { IUnknown::from_raw(p) };
        let (hr, p) = create_raw(&factory, null_mut(), &ICounter::IID);
        assert_eq!((hr, p), (E_NOINTERFACE, null_mut()));
        assert_eq!(s.Add(round), S_OK);
        let su: IStuff = u.cast().unwrap();
        assert_eq!(su.Count(), 0, "a separate object");
        assert_eq!(identity(&su), u.as_raw());
        objects.push(s);
        objects.push(su);
    }
    let again: IStuff = module
        .factory(&CLSID_Stuff)
        .cast::<IClassFactory>()
        .map(|f| create(&f))
        .unwrap();
    assert_eq!(again.Count(), 0);
    assert_eq!(module.can_unload_now(), S_FALSE);
    drop((objects, again));
    assert_eq!(module.can_unload_now(), S_OK);
}

#[test]
fn create_instance_argument_rules() {
    let module = Module::load(STUFF);
    let factory = module.factory(&CLSID_Stuff);
    assert_eq!(
        // SAFETY: null ppv is what is being tested.
        unsafe { factory.CreateInstance(null_mut(), &IStuff::IID, null_mut()) },
        E_POINTER
    );
    let mut p = GARBAGE;
    assert_eq!(
        // SAFETY: null riid is what is being tested; ppv is valid.
        unsafe { factory.CreateInstance(null_mut(), core::ptr::null(), &mut p) },
        E_INVALIDARG
    );
    assert!(p.is_null());
    // An interface the class lacks: E_NOINTERFACE, and the object made for
    // the attempt is destroyed again (the module can unload).
    let (hr, p) = create_raw(&factory, null_mut(), &ICounter::IID);
    assert_eq!((hr, p), (E_NOINTERFACE, null_mut()));
    assert_eq!(module.can_unload_now(), S_OK);
}

#[test]
fn no_aggregation_classes_refuse_an_outer() {
    let module = Module::load(STUFF);
    let factory = module.factory(&CLSID_Stuff);
    // Any live IUnknown serves as the would-be outer: the factory refuses it
    // before using it.
    let outer = module.factory(&CLSID_Stuff).cast::<IUnknown>().unwrap();
    for iid in [IID_IUnknown, IStuff::IID] {
        let (hr, p) = create_raw(&factory, outer.as_raw(), &iid);
        assert_eq!((hr, p), (CLASS_E_NOAGGREGATION, null_mut()));
    }
    assert_eq!(module.can_unload_now(), S_OK);
}

#[test]
fn singleton_factory_hands_out_the_same_object() {
    let module = Module::load(STUFF);
    let f1 = module.factory(&CLSID_SharedStuff);
    let f2 = module.factory(&CLSID_SharedStuff);
    let a: IStuff = create(&f1);
    let b: IStuff = create(&f1);
    let c: IStuff = create(&f2);
    assert_eq!(identity(&a), identity(&b));
    assert_eq!(
        identity(&a),
        identity(&c),
        "every class object of the class shares the singleton"
    );
    assert_eq!(a.as_raw(), c.as_raw());
    assert_eq!(a.Add(5), S_OK);
    assert_eq!(c.Count(), 1);
    // IUnknown of the singleton is its identity.
    let (hr, p) = create_raw(&f2, null_mut(), &IID_IUnknown);
    assert_eq!(hr, S_OK);
    // SAFETY: success handed over an IUnknown reference.
    let u = unsafe { IUnknown::from_raw(p) };
    assert_eq!(u.as_raw(), identity(&a));
    // Wrong interface: E_NOINTERFACE, the singleton survives.
    let (hr, p) = create_raw(&f1, null_mut(), &ICounter::IID);
    assert_eq!((hr, p), (E_NOINTERFACE, null_mut()));
    assert_eq!(b.Count(), 1);
    drop((a, b, c, u));
}

#[test]
fn singleton_factory_refuses_aggregation() {
    let module = Module::load(STUFF);
    let factory = module.factory(&CLSID_SharedStuff);
    let outer = module.factory(&CLSID_Stuff).cast::<IUnknown>().unwrap();
    for iid in [IID_IUnknown, IStuff::IID] {
        let (hr, p) = create_raw(&factory, outer.as_raw(), &iid);
        assert_eq!((hr, p), (CLASS_E_NOAGGREGATION, null_mut()));
    }
    assert_eq!(
        // SAFETY: null ppv is what is being tested.
        unsafe { factory.CreateInstance(null_mut(), &IStuff::IID, null_mut()) },
        E_POINTER
    );
}

#[test]
fn singleton_lives_while_held_and_is_released_when_the_module_may_unload() {
    let module = Module::load(STUFF);
    let factory = module.factory(&CLSID_SharedStuff);
    let a: IStuff = create(&factory);
    assert_eq!(a.Add(7), S_OK);
    assert_eq!(
        module.can_unload_now(),
        S_FALSE,
        "a client holds the singleton"
    );
    drop(a);
    // Only the cell holds it now: it does not keep the module (CComObjectCached)...
    let b: IStuff = create(&factory);
    assert_eq!(
        b.Count(),
        1,
        "...but it is the same object until the module may unload"
    );
    drop(b);
    assert_eq!(module.can_unload_now(), S_OK);
    // DllCanUnloadNow released it: the next CreateInstance makes a new one.
    let c: IStuff = create(&factory);
    assert_eq!(c.Count(), 0);
    assert_eq!(module.can_unload_now(), S_FALSE);
    drop(c);
    assert_eq!(module.can_unload_now(), S_OK);
}

#[test]
fn a_class_with_its_own_factory() {
    let module = Module::load(CUSTOM_FACTORY);
    // The class object is the module's WidgetFactory: IClassFactory plus its
    // own IInstanceCounter, one object.
    let counter: IInstanceCounter = module.class_object(&CLSID_Widget).unwrap();
    let factory: IClassFactory = counter.cast().unwrap();
    assert!(factory.same_object(&counter));
    assert_eq!((counter.Created(), counter.Live()), (0, 0));

    let w1: IWidget = create(&factory);
    let w2: IWidget = create(&factory);
    assert_eq!((w1.Serial(), w2.Serial()), (1, 2));
    assert_eq!((counter.Created(), counter.Live()), (2, 2));
    // Another class object sees the same module-wide counts.
    let other: IInstanceCounter = module.class_object(&CLSID_Widget).unwrap();
    assert_eq!(other.Created(), 2);
    // A failed creation is not counted, and leaves nothing alive.
    let (hr, p) = create_raw(&factory, null_mut(), &IStuff::IID);
    assert_eq!((hr, p), (E_NOINTERFACE, null_mut()));
    assert_eq!((counter.Created(), counter.Live()), (2, 2));
    // Widgets refuse aggregation (no_aggregation), through the custom factory too.
    let outer = factory.cast::<IUnknown>().unwrap();
    let (hr, p) = create_raw(&factory, outer.as_raw(), &IID_IUnknown);
    assert_eq!((hr, p), (CLASS_E_NOAGGREGATION, null_mut()));

    assert_eq!(module.can_unload_now(), S_FALSE);
    drop(w1);
    assert_eq!(counter.Live(), 1);
    drop(w2);
    assert_eq!(counter.Live(), 0);
    // The custom class object, like the standard ones, does not hold the module.
    assert_eq!(module.can_unload_now(), S_OK);
    assert_eq!(factory.LockServer(1), S_OK);
    assert_eq!(module.can_unload_now(), S_FALSE);
    assert_eq!(factory.LockServer(0), S_OK);
    assert_eq!(module.can_unload_now(), S_OK);
    drop((counter, factory, other, outer));
}
