//! The loader's activation path against the raw module (goals: warm
//! `CoCreateInstance` within 1.5× of the class factory's `CreateInstance`;
//! a cold first activation within 1.2× of a bare `dlopen` + `dlsym` +
//! `DllGetClassObject` + `CreateInstance`).
//!
//! The Stuff sample is built in release mode and copied twice into a
//! temporary directory: copy A is registered in a temporary registry and
//! activated through the installed loader, copy B is loaded by hand with
//! libloading, so the two never share a module.
//!
//! - warm: `CoCreateInstance(CLSID_Stuff, IID_IStuff)` + `Release` with
//!   the module loaded, vs `IClassFactory::CreateInstance` + `Release` on
//!   the class object of the same module;
//! - cold: `CoCreateInstance` + `Release` + `CoFreeUnusedLibrariesEx(0, 0)`
//!   (registry lookup, load, attach, `DllGetClassObject`, create, unload),
//!   vs `dlopen` + `dlsym` + `DllGetClassObject` + `CreateInstance` +
//!   releases + `dlclose`.

use anycom::runtime::ComInit;
use anycom::{CLSCTX_INPROC_SERVER, IClassFactory, Interface};
use anycom_bench::{DllGetClassObjectFn, build_stuff_server};
use anycom_loader::Loader;
use anycom_loader::registry::{ClassRegistration, Layer, Registry, ThreadingModel};
use anycom_sample_interfaces::{CLSID_Stuff, IStuff};
use core::ptr::null_mut;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

fn copy(from: &Path, dir: &Path, name: &str) -> PathBuf {
    let to = dir.join(name);
    std::fs::copy(from, &to).expect("copy the module");
    to.canonicalize().expect("canonical path")
}

fn co_create_release() {
    let mut p = null_mut();
    // SAFETY: valid locals.
    let hr = unsafe {
        anycom::api::CoCreateInstance(
            &CLSID_Stuff,
            null_mut(),
            CLSCTX_INPROC_SERVER,
            &IStuff::IID,
            &mut p,
        )
    };
    assert!(hr.is_ok(), "{hr}");
    // SAFETY: success handed over an IStuff reference; dropping releases it.
    drop(black_box(unsafe { IStuff::from_raw(p) }));
}

fn loader(c: &mut Criterion) {
    let built = build_stuff_server();
    let dir = tempfile::tempdir().expect("temp dir");
    let module_a = copy(&built, dir.path(), "libstuff_a.so");
    let module_b = copy(&built, dir.path(), "libstuff_b.so");
    let layer = Layer::dir(dir.path().join("registry"));
    let class = ClassRegistration {
        clsid: CLSID_Stuff,
        threading_model: ThreadingModel::Both,
        progid: None,
        version_independent_progid: None,
        description: None,
    };
    layer.register_class(&module_a, class).expect("register");
    let loader = Arc::new(Loader::new(
        Arc::new(Registry::with_layers(vec![layer])),
        None,
    ));
    anycom::runtime::set_class_source(loader.clone());
    let _com = ComInit::mta().expect("MTA");

    {
        let factory: IClassFactory =
            anycom::runtime::get_class_object(&CLSID_Stuff, CLSCTX_INPROC_SERVER)
                .expect("class object");
        let mut g = c.benchmark_group("loader_warm");
        g.bench_function("CoCreateInstance + Release (loader, module loaded)", |b| {
            b.iter(co_create_release)
        });
        g.bench_function(
            "IClassFactory::CreateInstance + Release (same module)",
            |b| {
                b.iter(|| {
                    let mut p = null_mut();
                    // SAFETY: valid locals.
                    let hr = unsafe { factory.CreateInstance(null_mut(), &IStuff::IID, &mut p) };
                    debug_assert!(hr.is_ok());
                    // SAFETY: success handed over an IStuff reference.
                    drop(black_box(unsafe { IStuff::from_raw(p) }));
                })
            },
        );
        g.finish();
    }
    loader.free_unused(Duration::ZERO);
    assert!(
        loader.loaded_modules().is_empty(),
        "module A unloads between groups"
    );

    let mut g = c.benchmark_group("loader_cold");
    g.sample_size(20).measurement_time(Duration::from_secs(8));
    g.bench_function(
        "first CoCreateInstance + Release + CoFreeUnusedLibrariesEx(0,0) (loader)",
        |b| {
            b.iter(|| {
                co_create_release();
                // SAFETY: no arguments.
                unsafe { anycom::api::CoFreeUnusedLibrariesEx(0, 0) };
            })
        },
    );
    g.bench_function(
        "dlopen + dlsym + DllGetClassObject + CreateInstance + Release + dlclose (bare)",
        |b| {
            b.iter(|| {
                // SAFETY: the sample runs no code on load.
                let lib = unsafe { libloading::Library::new(&module_b) }.expect("load");
                {
                    // SAFETY: the export has this signature (anycom::object_map!).
                    let get = unsafe {
                        *lib.get::<DllGetClassObjectFn>(b"DllGetClassObject\0")
                            .expect("export")
                    };
                    let mut p = null_mut();
                    // SAFETY: valid locals.
                    unsafe { get(&CLSID_Stuff, &IClassFactory::IID, &mut p) }
                        .ok()
                        .expect("class object");
                    // SAFETY: success handed over an IClassFactory reference.
                    let factory = unsafe { IClassFactory::from_raw(p) };
                    let mut q = null_mut();
                    // SAFETY: valid locals.
                    unsafe { factory.CreateInstance(null_mut(), &IStuff::IID, &mut q) }
                        .ok()
                        .expect("create");
                    // SAFETY: success handed over an IStuff reference.
                    drop(black_box(unsafe { IStuff::from_raw(q) }));
                }
                lib.close().expect("dlclose");
            })
        },
    );
    g.finish();
    assert_eq!(
        loader.stats().loads,
        loader.stats().unloads,
        "every cold activation unloaded"
    );
}

criterion_group!(benches, loader);
criterion_main!(benches);
