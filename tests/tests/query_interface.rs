//! The QueryInterface rules (seed 004, "Implementing IUnknown"), checked
//! generically over every interface pair of several objects: identity of
//! IUnknown, reflexivity (a>>a), symmetry (a>>b ⇒ b>>a), transitivity
//! (a>>b, b>>c ⇒ a>>c), stability of answers, E_NOINTERFACE with the
//! out-pointer nulled, E_POINTER for a null out-pointer.

use anycom::{ComObject, E_INVALIDARG, E_NOINTERFACE, E_POINTER, GUID, IUnknown, Interface, S_OK};
use anycom_tests::objects::*;
use core::ffi::c_void;

/// Every (name, iid) the object answers, found by asking it.
fn supported(unk: &IUnknown) -> Vec<GUID> {
    all_iids()
        .into_iter()
        .filter(|(_, iid)| raw_qi(unk, iid).0 == S_OK)
        .map(|(_, iid)| iid)
        .collect()
}

fn qi(from: &IUnknown, iid: &GUID) -> Option<IUnknown> {
    let mut out = core::ptr::null_mut();
    // SAFETY: out is a valid slot.
    let hr = unsafe { from.query(iid, &mut out) };
    if hr == S_OK {
        assert!(!out.is_null(), "S_OK with a null pointer");
        // SAFETY: success handed us a reference.
        Some(unsafe { IUnknown::from_raw(out) })
    } else {
        assert_eq!(hr, E_NOINTERFACE, "QI failure must be E_NOINTERFACE");
        assert!(out.is_null(), "QI failure must null *ppv");
        None
    }
}

/// Checks all the rules for one object, given the IIDs it must and must not answer.
fn check_rules(name: &str, unk: &IUnknown, expected: &[GUID]) {
    let all: Vec<GUID> = all_iids().into_iter().map(|(_, i)| i).collect();
    let mut got = supported(unk);
    got.sort();
    let mut want = expected.to_vec();
    want.sort();
    assert_eq!(got, want, "{name}: the set of supported interfaces");

    let identity = qi(unk, &IUnknown::IID)
        .expect("every object answers IUnknown")
        .as_raw();
    for a in &want {
        let pa = qi(unk, a).unwrap();
        // Identity: IUnknown through any interface is the same pointer.
        assert_eq!(
            qi(&pa, &IUnknown::IID).unwrap().as_raw(),
            identity,
            "{name}: identity via {a}"
        );
        // Reflexive: a >> a.
        let again = qi(&pa, a).unwrap_or_else(|| panic!("{name}: {a} not reflexive"));
        // Stable: the same interface asked twice gives the same pointer.
        assert_eq!(
            again.as_raw(),
            pa.as_raw(),
            "{name}: {a} answers are stable"
        );
        for b in &all {
            let pb = qi(&pa, b);
            assert_eq!(
                pb.is_some(),
                want.contains(b),
                "{name}: {a} >> {b} must match the object's set"
            );
            if let Some(pb) = pb {
                // Symmetric: a >> b ⇒ b >> a.
                assert!(qi(&pb, a).is_some(), "{name}: {a} >> {b} but not back");
                for c in &all {
                    if let Some(_pc) = qi(&pb, c) {
                        // Transitive: a >> b, b >> c ⇒ a >> c.
                        assert!(
                            qi(&pa, c).is_some(),
                            "{name}: {a} >> {b} >> {c} but not {a} >> {c}"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn smoke_cast_round_trip() {
    let a: IAlpha = Single::new(5).into();
    let u: IUnknown = a.cast().unwrap();
    let b: IAlpha = u.cast().unwrap();
    assert_eq!(b.Alpha(), 5);
    assert!(a.same_object(&u));
}

#[test]
fn single_interface_object() {
    let a: IAlpha = Single::new(1).into();
    check_rules("Single", a.as_unknown(), &[IUnknown::IID, IAlpha::IID]);
}

#[test]
fn multi_interface_object_with_inheritance() {
    let a: IAlpha = Multi::new(3).into();
    // IGamma derives from IBeta, so the object answers IBeta through the IGamma slot.
    check_rules(
        "Multi",
        a.as_unknown(),
        &[IUnknown::IID, IAlpha::IID, IBeta::IID, IGamma::IID],
    );
    let g: IGamma = a.cast().unwrap();
    let b: IBeta = a.cast().unwrap();
    assert_eq!(
        g.as_raw(),
        b.as_raw(),
        "IBeta is answered by the IGamma slot"
    );
    assert_eq!(
        g.Beta(),
        6,
        "inherited method callable through the derived pointer"
    );
}

#[test]
fn aggregate_object_identity_across_outer_and_inner() {
    let outer = Outer::create(4);
    let unk = outer.as_unknown();
    check_rules(
        "Outer+Multi",
        &unk,
        &[IUnknown::IID, IAlpha::IID, IBeta::IID, IGamma::IID],
    );
    // The inner's interfaces report the outer's identity.
    let beta: IBeta = unk.cast().unwrap();
    assert_eq!(beta.cast::<IUnknown>().unwrap().as_raw(), unk.as_raw());
    // IAlpha is the outer's own (the inner's IAlpha is hidden: not in the exposed list).
    let alpha: IAlpha = beta.cast().unwrap();
    assert_eq!(alpha.Alpha(), 1000);
    assert_eq!(beta.Beta(), 8);
}

#[test]
fn blind_aggregate_exposes_everything_the_inner_has() {
    let outer = ComObject::new(BlindOuter {
        inner: anycom::Aggregate::new(),
    });
    let inner = ComObject::create_aggregated(Multi::new(2), &outer.as_unknown()).unwrap();
    outer.inner.set(inner).unwrap();
    let unk = outer.as_unknown();
    check_rules(
        "BlindOuter+Multi",
        &unk,
        &[
            IUnknown::IID,
            INobodyButOuter::IID,
            IAlpha::IID,
            IBeta::IID,
            IGamma::IID,
        ],
    );
}

#[test]
fn null_out_pointer_is_e_pointer() {
    let a: IAlpha = Multi::new(1).into();
    // SAFETY: a null ppv is the case under test; the object must not write through it.
    let hr = unsafe { a.as_unknown().query(&IAlpha::IID, core::ptr::null_mut()) };
    assert_eq!(hr, E_POINTER);
    // Through the raw vtable, a null riid is E_INVALIDARG with *ppv nulled.
    let mut out = core::ptr::dangling_mut::<c_void>();
    // SAFETY: calling QueryInterface with a null riid on a live object.
    let hr = unsafe {
        (a.as_unknown().vtable().QueryInterface)(a.as_raw(), core::ptr::null(), &mut out)
    };
    assert_eq!(hr, E_INVALIDARG);
    assert!(out.is_null());
}

#[test]
fn failure_nulls_the_out_pointer() {
    let a: IAlpha = Single::new(1).into();
    let (hr, out) = raw_qi(a.as_unknown(), &INobody::IID);
    assert_eq!(hr, E_NOINTERFACE);
    assert!(out.is_null());
    assert_eq!(a.cast::<INobody>().unwrap_err().code(), E_NOINTERFACE);
}
