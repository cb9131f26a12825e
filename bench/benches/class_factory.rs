//! Creating an object through a server module's class factory vs
//! constructing it directly in Rust (goal: the factory path within 1.3×).
//!
//! The sample `Stuff` server is built in release mode as a real cdylib and
//! loaded with libloading; its class object comes from the raw
//! `DllGetClassObject` export, and each iteration is
//! `IClassFactory::CreateInstance(NULL, IID_IStuff)` + `Release`. The
//! baseline creates the same `Stuff` class (linked into this benchmark as
//! an rlib) with `ComObject::new` / `.into()` and releases it.

use anycom::{ComObject, HRESULT, IClassFactory, Interface};
use anycom_bench::{DllGetClassObjectFn, build_stuff_server};
use anycom_sample_interfaces::{CLSID_Stuff, IStuff};
use anycom_sample_stuff::Stuff;
use core::ptr::null_mut;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn class_factory(c: &mut Criterion) {
    let path = build_stuff_server();
    // SAFETY: the sample runs no code on load.
    let lib = unsafe { libloading::Library::new(&path) }.expect("load the Stuff sample");
    // SAFETY: the export has this signature (anycom::object_map!).
    let get = unsafe {
        *lib.get::<DllGetClassObjectFn>(b"DllGetClassObject\0")
            .expect("DllGetClassObject")
    };
    let mut p = null_mut();
    // SAFETY: valid locals.
    unsafe { get(&CLSID_Stuff, &IClassFactory::IID, &mut p) }
        .ok()
        .expect("class object");
    // SAFETY: success handed over an IClassFactory reference.
    let factory = unsafe { IClassFactory::from_raw(p) };

    let mut g = c.benchmark_group("create_release");
    g.bench_function("class factory (cdylib, CreateInstance + Release)", |b| {
        b.iter(|| {
            let mut p = null_mut();
            // SAFETY: valid locals.
            let hr = unsafe { factory.CreateInstance(null_mut(), &IStuff::IID, &mut p) };
            debug_assert!(hr.is_ok());
            // SAFETY: success handed over an IStuff reference; dropping releases it.
            drop(black_box(unsafe { IStuff::from_raw(p) }));
        })
    });
    g.bench_function("direct (Stuff.into() + Release)", |b| {
        b.iter(|| {
            let s: IStuff = black_box(Stuff::default()).into();
            drop(black_box(s));
        })
    });
    g.bench_function("direct (ComObject::new + Release)", |b| {
        b.iter(|| drop(black_box(ComObject::new(black_box(Stuff::default())))))
    });
    // The same direct construction in a module that counts its objects (as
    // a server does once a client has called DllGetClassObject): what the
    // module lock count itself costs, factory or not.
    anycom::imp::module::enable_tracking();
    g.bench_function(
        "direct in a counting module (Stuff.into() + Release)",
        |b| {
            b.iter(|| {
                let s: IStuff = black_box(Stuff::default()).into();
                drop(black_box(s));
            })
        },
    );
    g.finish();

    drop(factory);
    // SAFETY: every pointer from the module has been released.
    unsafe {
        let can_unload = *lib
            .get::<unsafe extern "system" fn() -> HRESULT>(b"DllCanUnloadNow\0")
            .expect("DllCanUnloadNow");
        assert_eq!(can_unload(), anycom::S_OK);
    }
}

criterion_group!(benches, class_factory);
criterion_main!(benches);
