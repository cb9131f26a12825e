//! Thread safety of the reference count and QueryInterface: two threads
//! hammer AddRef/Release/QueryInterface on one object; the count is exact at
//! the end and the object is destroyed exactly once.

use anycom::{ComObject, IUnknown, Interface};
use anycom_tests::objects::*;
use std::sync::Barrier;
use std::sync::atomic::Ordering;

#[test]
fn smoke_agile_crosses_threads() {
    let _g = serial();
    let obj = ComObject::new(Single::new(11));
    let a = obj.to_agile::<IAlpha>();
    let v = std::thread::spawn(move || a.get().Alpha()).join().unwrap();
    assert_eq!(v, 11);
}

#[test]
fn two_threads_hammer_one_object() {
    let _g = serial();
    let drops = DROPS.load(Ordering::SeqCst);
    let obj = ComObject::new(Single::new(1));
    let agile = obj.to_agile::<IAlpha>();
    let start_count = obj.ref_count();
    const N: usize = 200_000;
    let barrier = Barrier::new(2);
    std::thread::scope(|s| {
        for t in 0..2 {
            let a = agile.clone();
            let barrier = &barrier;
            s.spawn(move || {
                barrier.wait();
                let p = a.get();
                let mut held = Vec::with_capacity(64);
                for i in 0..N {
                    match (i + t) % 4 {
                        0 => held.push(p.as_unknown().clone()),
                        1 => held.push(p.cast::<IUnknown>().unwrap()),
                        2 => {
                            let x: IAlpha = p.cast().unwrap();
                            assert_eq!(x.Alpha(), 1);
                        }
                        _ => {
                            let _ = p.cast::<INobody>().unwrap_err();
                        }
                    }
                    if held.len() == 64 {
                        held.clear();
                    }
                }
            });
        }
    });
    assert_eq!(
        obj.ref_count(),
        start_count,
        "every AddRef was matched by a Release"
    );
    drop(agile);
    assert_eq!(obj.ref_count(), start_count - 1);
    drop(obj);
    assert_eq!(
        DROPS.load(Ordering::SeqCst),
        drops + 1,
        "destroyed exactly once"
    );
}

#[test]
fn two_threads_release_the_last_references_at_once() {
    let _g = serial();
    let live = LIVE.load(Ordering::SeqCst);
    for _ in 0..2000 {
        let obj = ComObject::new(Multi::new(1));
        let a = obj.to_agile::<IAlpha>();
        let b = obj.to_agile::<IGamma>();
        drop(obj);
        let barrier = Barrier::new(2);
        std::thread::scope(|s| {
            let barrier = &barrier;
            s.spawn(move || {
                barrier.wait();
                drop(a);
            });
            s.spawn(move || {
                barrier.wait();
                drop(b);
            });
        });
    }
    assert_eq!(
        LIVE.load(Ordering::SeqCst),
        live,
        "each object destroyed exactly once"
    );
}
