//! Aggregation, both sides (seed 004, "Creating Aggregatable Objects" and
//! "Aggregating Objects"): creation rules (an outer with any IID but
//! IUnknown, or a class that refuses aggregation, is CLASS_E_NOAGGREGATION
//! with *ppv nulled), the inner's interfaces delegating IUnknown to the
//! outer, the outer holding the inner's non-delegating IUnknown, identity
//! across the aggregate, and the outer's lifetime controlling the inner's.

use anycom::imp::create_instance;
use anycom::{CLASS_E_NOAGGREGATION, ComObject, E_POINTER, IUnknown, Interface, S_OK};
use anycom_tests::objects::*;
use core::ffi::c_void;
use std::sync::atomic::Ordering;

// Every test takes `serial()`: they read the process-wide LIVE/DROPS counters.

#[test]
fn smoke_outer_exposes_inner_interfaces() {
    let _g = serial();
    let outer = Outer::create(2);
    let gamma: IGamma = outer.cast().unwrap();
    gamma.Gamma().unwrap();
    assert_eq!(gamma.Beta(), 4);
}

#[test]
fn creation_with_outer_requires_iid_iunknown() {
    let _g = serial();
    let outer = ComObject::new(Outer {
        inner: anycom::Aggregate::new(),
        _live: LiveToken::new(),
    });
    let outer_unk = outer.as_unknown();
    let mut out = core::ptr::dangling_mut::<c_void>();
    // SAFETY: valid iid/ppv; outer is live.
    let hr = unsafe {
        create_instance::<Multi_Impl>(outer_unk.as_raw(), &IAlpha::IID, &mut out, || Multi::new(1))
    };
    assert_eq!(hr, CLASS_E_NOAGGREGATION);
    assert!(out.is_null());
    // SAFETY: as above, asking for IUnknown.
    let hr = unsafe {
        create_instance::<Multi_Impl>(outer_unk.as_raw(), &IUnknown::IID, &mut out, || {
            Multi::new(1)
        })
    };
    assert_eq!(hr, S_OK);
    // SAFETY: success: out is the inner's non-delegating IUnknown.
    let inner = unsafe { IUnknown::from_raw(out) };
    outer.inner.set(inner).unwrap();
    let beta: IBeta = outer.cast().unwrap();
    assert_eq!(beta.Beta(), 2);
}

#[test]
fn class_that_refuses_aggregation() {
    let _g = serial();
    let outer: IAlpha = Multi::new(0).into();
    let mut out = core::ptr::dangling_mut::<c_void>();
    // SAFETY: valid iid/ppv; outer is live.
    let hr = unsafe {
        create_instance::<Single_Impl>(outer.as_raw(), &IUnknown::IID, &mut out, || Single::new(1))
    };
    assert_eq!(hr, CLASS_E_NOAGGREGATION);
    assert!(out.is_null());
    assert_eq!(
        ComObject::create_aggregated(Single::new(1), outer.as_unknown())
            .unwrap_err()
            .code(),
        CLASS_E_NOAGGREGATION
    );
    // SAFETY: null ppv is the case under test.
    let hr = unsafe {
        create_instance::<Single_Impl>(
            core::ptr::null_mut(),
            &IAlpha::IID,
            core::ptr::null_mut(),
            || Single::new(1),
        )
    };
    assert_eq!(hr, E_POINTER);
}

#[test]
fn failed_create_instance_destroys_the_new_object() {
    let _g = serial();
    let live = LIVE.load(Ordering::SeqCst);
    let mut out = core::ptr::dangling_mut::<c_void>();
    // SAFETY: valid arguments; INobody is not implemented.
    let hr = unsafe {
        create_instance::<Multi_Impl>(core::ptr::null_mut(), &INobody::IID, &mut out, || {
            Multi::new(1)
        })
    };
    assert_eq!(hr, anycom::E_NOINTERFACE);
    assert!(out.is_null());
    assert_eq!(LIVE.load(Ordering::SeqCst), live, "no leak when QI fails");
}

#[test]
fn inner_delegates_identity_and_counts_to_outer() {
    let _g = serial();
    let outer = Outer::create(3);
    let identity = outer.as_unknown();
    let before = outer.ref_count();
    let gamma: IGamma = identity.cast().unwrap();
    assert_eq!(
        outer.ref_count(),
        before + 1,
        "QI of an inner interface counts on the outer"
    );
    // Every route back to IUnknown gives the outer's identity.
    assert_eq!(
        gamma.cast::<IUnknown>().unwrap().as_raw(),
        identity.as_raw()
    );
    let alpha: IAlpha = gamma.cast().unwrap();
    assert_eq!(
        alpha.Alpha(),
        1000,
        "the outer's own IAlpha, reached from an inner interface"
    );
    // The inner's controlling unknown is the outer.
    let inner_nd = outer.inner.get().unwrap();
    assert_ne!(
        inner_nd.as_raw(),
        identity.as_raw(),
        "the outer holds the inner's non-delegating IUnknown"
    );
    drop((gamma, alpha));
    assert_eq!(outer.ref_count(), before);
}

#[test]
fn inner_method_sees_outer_as_controlling_unknown() {
    let _g = serial();
    let outer = Outer::create(6);
    let gamma: IGamma = outer.cast().unwrap();
    // Multi's Gamma calls self.to_interface::<IAlpha>() on the inner: that is the
    // inner's own slot, and it asserts the value it sees.
    gamma.Gamma().unwrap();
}

#[test]
fn destroying_the_outer_releases_the_inner() {
    let _g = serial();
    let live = LIVE.load(Ordering::SeqCst);
    let drops = DROPS.load(Ordering::SeqCst);
    let outer = Outer::create(1);
    let beta: IBeta = outer.cast().unwrap();
    drop(outer);
    assert_eq!(
        DROPS.load(Ordering::SeqCst),
        drops,
        "alive while an inner interface is held"
    );
    drop(beta);
    assert_eq!(
        DROPS.load(Ordering::SeqCst),
        drops + 2,
        "outer and inner destroyed once each"
    );
    assert_eq!(LIVE.load(Ordering::SeqCst), live);
}
