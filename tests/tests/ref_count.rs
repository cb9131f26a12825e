//! Reference counting (seed 004, "Reference-Counting Rules"): AddRef and
//! Release return the new count, Clone is AddRef and Drop is Release,
//! the object is destroyed exactly once when the count reaches zero, and a
//! live-object counter returns to zero (no leak).

use anycom::{ComObject, IUnknown, Interface};
use anycom_tests::objects::*;
use std::sync::atomic::Ordering;

// Tests here read the global LIVE/DROPS counters: each takes `serial()`.

#[test]
fn smoke_clone_and_drop() {
    let _g = serial();
    let before = LIVE.load(Ordering::SeqCst);
    let a: IAlpha = Single::new(1).into();
    assert_eq!(LIVE.load(Ordering::SeqCst), before + 1);
    let b = a.clone();
    drop(a);
    assert_eq!(
        LIVE.load(Ordering::SeqCst),
        before + 1,
        "a clone keeps the object alive"
    );
    drop(b);
    assert_eq!(LIVE.load(Ordering::SeqCst), before);
}

#[test]
fn add_ref_release_return_values() {
    let _g = serial();
    let obj = ComObject::new(Multi::new(1));
    assert_eq!(obj.ref_count(), 1);
    let u: IUnknown = obj.to_interface();
    assert_eq!(obj.ref_count(), 2);
    // SAFETY: each raw AddRef is balanced by a raw Release below.
    unsafe {
        assert_eq!(u.raw_add_ref(), 3);
        assert_eq!(u.raw_add_ref(), 4);
        assert_eq!(u.raw_release(), 3);
        assert_eq!(u.raw_release(), 2);
    }
    let g: IGamma = u.cast().unwrap();
    assert_eq!(
        obj.ref_count(),
        3,
        "a successful QueryInterface adds a reference"
    );
    let _ = g.cast::<INobody>();
    assert_eq!(obj.ref_count(), 3, "a failed QueryInterface adds none");
    drop(g);
    drop(u);
    assert_eq!(obj.ref_count(), 1);
}

#[test]
fn destroyed_exactly_once_at_zero() {
    let _g = serial();
    let drops = DROPS.load(Ordering::SeqCst);
    let live = LIVE.load(Ordering::SeqCst);
    {
        let a: IAlpha = Multi::new(9).into();
        let b: IBeta = a.cast().unwrap();
        let g: IGamma = b.cast().unwrap();
        let u: IUnknown = g.cast().unwrap();
        let copies: Vec<IUnknown> = (0..10).map(|_| u.clone()).collect();
        drop(a);
        drop(b);
        assert_eq!(
            DROPS.load(Ordering::SeqCst),
            drops,
            "alive while any pointer remains"
        );
        drop(copies);
        drop(g);
        assert_eq!(DROPS.load(Ordering::SeqCst), drops);
        drop(u);
    }
    assert_eq!(
        DROPS.load(Ordering::SeqCst),
        drops + 1,
        "destroyed exactly once"
    );
    assert_eq!(LIVE.load(Ordering::SeqCst), live);
}

#[test]
fn into_raw_from_raw_transfer_ownership() {
    let _g = serial();
    let live = LIVE.load(Ordering::SeqCst);
    let a: IAlpha = Single::new(3).into();
    let raw = a.into_raw();
    assert_eq!(
        LIVE.load(Ordering::SeqCst),
        live + 1,
        "into_raw does not release"
    );
    // SAFETY: raw holds the reference into_raw gave up.
    let borrowed = unsafe { IAlpha::from_raw_borrowed(&raw) }.unwrap();
    assert_eq!(borrowed.Alpha(), 3);
    // SAFETY: we take back the one reference.
    let back = unsafe { IAlpha::from_raw(raw) };
    drop(back);
    assert_eq!(LIVE.load(Ordering::SeqCst), live);
    let null: *mut core::ffi::c_void = core::ptr::null_mut();
    // SAFETY: a null pointer borrows as None.
    assert!(unsafe { IAlpha::from_raw_borrowed(&null) }.is_none());
}

#[test]
fn aggregate_lifetime_is_the_outers() {
    let _g = serial();
    let live = LIVE.load(Ordering::SeqCst);
    let outer = Outer::create(5);
    assert_eq!(
        LIVE.load(Ordering::SeqCst),
        live + 2,
        "outer and inner alive"
    );
    let beta: IBeta = outer.cast().unwrap();
    let outer_count = outer.ref_count();
    let beta2 = beta.clone();
    assert_eq!(
        outer.ref_count(),
        outer_count + 1,
        "AddRef on an inner interface counts on the outer"
    );
    drop(beta2);
    drop(outer);
    assert_eq!(
        LIVE.load(Ordering::SeqCst),
        live + 2,
        "the inner's interface keeps the whole aggregate alive"
    );
    assert_eq!(beta.Beta(), 10);
    drop(beta);
    assert_eq!(
        LIVE.load(Ordering::SeqCst),
        live,
        "releasing the last outer reference destroys both"
    );
}
