//! Aggregation through class factories of a loaded sample module: a Rust
//! outer object (this test's) aggregating the sample's `Counter` through
//! its factory; `CLASS_E_NOAGGREGATION` when the outer asks for anything but
//! IUnknown; the sample's own outer class (`CounterHost`, which aggregates a
//! `Counter` in `final_construct`); and `CounterHost` itself aggregated
//! (a two-level aggregate whose identity is the outermost object).

mod server_support;

use anycom::{
    Aggregate, CLASS_E_NOAGGREGATION, ComObject, IClassFactory, IID_IUnknown, IUnknown, Interface,
    S_FALSE, S_OK, TRUE, implement, interface,
};
use anycom_sample_interfaces::*;
use core::ptr::null_mut;
use server_support::*;

#[interface("c3a1f7d2-6b1e-4f3a-9d2c-5e8b7a6f4d10")]
unsafe trait IProbe: IUnknown {
    fn Tag(&self) -> u32;
}

/// This test's outer: exposes the aggregated counter's ICounter as its own.
#[implement(IProbe)]
struct CounterOuter {
    #[aggregate(ICounter)]
    inner: Aggregate,
}

impl IProbe_Impl for CounterOuter_Impl {
    fn Tag(&self) -> u32 {
        1
    }
}

/// This test's outer aggregating blindly (every interface it lacks is the inner's).
#[implement(IProbe)]
struct BlindOuter {
    #[aggregate]
    inner: Aggregate,
}

impl IProbe_Impl for BlindOuter_Impl {
    fn Tag(&self) -> u32 {
        2
    }
}

/// CreateInstance with `outer` asking for IUnknown: the inner's non-delegating IUnknown.
fn create_inner(factory: &IClassFactory, outer: &IUnknown) -> IUnknown {
    let (hr, p) = create_raw(factory, outer.as_raw(), &IID_IUnknown);
    assert_eq!(hr, S_OK);
    // SAFETY: success handed over the inner's non-delegating IUnknown.
    unsafe { IUnknown::from_raw(p) }
}

#[test]
fn an_outer_aggregates_a_sample_class_through_its_factory() {
    let module = Module::load(AGGREGATION);
    let factory = module.factory(&CLSID_Counter);
    let outer = ComObject::new(CounterOuter {
        inner: Aggregate::new(),
    });
    let inner = create_inner(&factory, &outer.as_unknown());
    // The inner's non-delegating IUnknown is not the outer's identity.
    assert_ne!(inner.as_raw(), outer.as_unknown().as_raw());
    outer.inner.set(inner).unwrap();

    let probe: IProbe = outer.to_interface();
    let counter: ICounter = probe.cast().unwrap();
    assert_eq!(counter.Increment(), 1);
    assert_eq!(counter.Increment(), 2);
    // The inner's interface delegates IUnknown to the outer: same identity,
    // and the outer's own interfaces are reachable from it.
    assert_eq!(identity(&counter), identity(&probe));
    assert_eq!(counter.cast::<IProbe>().unwrap().Tag(), 1);
    assert!(counter.cast::<ICounterHost>().is_err());

    assert_eq!(
        module.can_unload_now(),
        S_FALSE,
        "the inner counter is alive"
    );
    drop((probe, counter, outer));
    assert_eq!(
        module.can_unload_now(),
        S_OK,
        "destroying the outer released the inner"
    );
}

#[test]
fn an_outer_asking_for_anything_but_iunknown_is_refused() {
    let module = Module::load(AGGREGATION);
    let factory = module.factory(&CLSID_Counter);
    let outer = ComObject::new(CounterOuter {
        inner: Aggregate::new(),
    });
    let (hr, p) = create_raw(&factory, outer.as_unknown().as_raw(), &ICounter::IID);
    assert_eq!((hr, p), (CLASS_E_NOAGGREGATION, null_mut()));
    assert_eq!(module.can_unload_now(), S_OK, "no object was created");
    drop(outer);
}

#[test]
fn the_sample_outer_class_aggregates_its_counter() {
    let module = Module::load(AGGREGATION);
    let factory = module.factory(&CLSID_CounterHost);
    let host: ICounterHost = create(&factory);
    assert_eq!(host.HasCounter(), TRUE);
    assert_eq!(host.Label(), 0xC0FFEE);
    let counter: ICounter = host.cast().unwrap();
    assert_eq!(counter.Increment(), 1);
    let back: ICounterHost = counter.cast().unwrap();
    assert_eq!(identity(&back), identity(&host));
    assert_eq!(identity(&counter), identity(&host));
    // Two hosts, two counters.
    let host2: ICounterHost = create(&factory);
    assert_eq!(host2.cast::<ICounter>().unwrap().Value(), 0);
    assert_eq!(counter.Value(), 1);
    drop((host, back, host2));
    assert_eq!(
        module.can_unload_now(),
        S_FALSE,
        "the ICounter reference keeps the whole host alive"
    );
    drop(counter);
    assert_eq!(module.can_unload_now(), S_OK);
}

#[test]
fn asking_the_outer_class_for_its_aggregated_interface_again_and_again() {
    // ICounter of a CounterHost lives in its inner Counter, not in the host:
    // each creation must find it by QueryInterface (never at a remembered
    // place in the host), and hold the whole host alive.
    let module = Module::load(AGGREGATION);
    let factory = module.factory(&CLSID_CounterHost);
    let counters: Vec<ICounter> = (0..4).map(|_| create(&factory)).collect();
    for (i, c) in counters.iter().enumerate() {
        for _ in 0..=i {
            c.Increment();
        }
    }
    let values: Vec<u32> = counters.iter().map(|c| c.Value()).collect();
    assert_eq!(values, [1, 2, 3, 4]);
    for c in &counters {
        assert_eq!(c.cast::<ICounterHost>().unwrap().HasCounter(), TRUE);
    }
    // Then the host's own interface, twice (the second from a remembered place).
    let h1: ICounterHost = create(&factory);
    let h2: ICounterHost = create(&factory);
    assert_ne!(identity(&h1), identity(&h2));
    assert_eq!(h2.cast::<ICounter>().unwrap().Increment(), 1);
    drop((counters, h1));
    assert_eq!(module.can_unload_now(), S_FALSE);
    drop(h2);
    assert_eq!(module.can_unload_now(), S_OK);
}

#[test]
fn the_sample_outer_class_can_itself_be_aggregated() {
    let module = Module::load(AGGREGATION);
    let factory = module.factory(&CLSID_CounterHost);
    let outer = ComObject::new(BlindOuter {
        inner: Aggregate::new(),
    });
    let inner = create_inner(&factory, &outer.as_unknown());
    outer.inner.set(inner).unwrap();

    let probe: IProbe = outer.to_interface();
    // ICounterHost from the aggregated host, ICounter from the host's own
    // aggregated counter: all three levels share the outermost identity.
    let host: ICounterHost = probe.cast().unwrap();
    let counter: ICounter = probe.cast().unwrap();
    assert_eq!(host.HasCounter(), TRUE);
    assert_eq!(counter.Increment(), 1);
    assert_eq!(identity(&host), identity(&probe));
    assert_eq!(identity(&counter), identity(&probe));
    assert_eq!(counter.cast::<IProbe>().unwrap().Tag(), 2);
    assert_eq!(counter.cast::<ICounterHost>().unwrap().Label(), 0xC0FFEE);

    assert_eq!(module.can_unload_now(), S_FALSE);
    drop((probe, host, counter, outer));
    assert_eq!(module.can_unload_now(), S_OK);
}
