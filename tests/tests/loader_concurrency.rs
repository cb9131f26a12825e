//! The module cache under contention: threads activating the same class for
//! the first time at once load its module exactly once (counted by the
//! loader and by `/proc/self/maps`); threads creating and releasing objects
//! while another thread keeps calling `CoFreeUnusedLibrariesEx(0, 0)` never
//! see a failure or a module unloaded under them, and the counts of loads
//! and unloads agree at the end.

mod loader_support;

use anycom::runtime::{ComInit, create_instance};
use anycom::{CLSCTX_INPROC_SERVER, S_OK};
use anycom_loader::ThreadingModel;
use anycom_sample_interfaces::*;
use loader_support::*;
use std::sync::Barrier;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

#[test]
fn first_activations_at_once_load_the_module_once() {
    let _com = ComInit::mta().unwrap();
    let scene = Scene::new();
    let module = scene.module(STUFF);
    scene.register_class(
        &module,
        CLSID_Stuff,
        ThreadingModel::Both,
        Some(PROGID_Stuff),
    );
    const THREADS: usize = 8;
    let barrier = Barrier::new(THREADS);
    std::thread::scope(|s| {
        for i in 0..THREADS {
            let barrier = &barrier;
            s.spawn(move || {
                let _com = if i % 2 == 0 {
                    ComInit::mta()
                } else {
                    ComInit::sta()
                }
                .unwrap();
                barrier.wait();
                let stuff: IStuff =
                    create_instance(&CLSID_Stuff, None, CLSCTX_INPROC_SERVER).unwrap();
                assert_eq!(stuff.Add(i as u32), S_OK);
                assert_eq!(stuff.Count(), 1);
            });
        }
    });
    assert_eq!(
        scene.loader.stats().loads,
        1,
        "one dlopen for eight first activations"
    );
    assert!(mapping_count(&module) >= 1);
    assert_eq!(scene.loader.loaded_modules(), vec![module.clone()]);
    scene.loader.free_unused(std::time::Duration::ZERO);
    assert_eq!(mapping_count(&module), 0);
}

#[test]
fn activations_racing_unloads_never_fail() {
    let _com = ComInit::mta().unwrap();
    let scene = Scene::new();
    let module = scene.module(STUFF);
    scene.register_class(&module, CLSID_Stuff, ThreadingModel::Both, None);
    const WORKERS: usize = 3;
    const ROUNDS: usize = 400;
    let done = AtomicBool::new(false);
    let finished = AtomicUsize::new(0);
    let unload_rounds = AtomicUsize::new(0);
    let start = Barrier::new(WORKERS + 1);
    std::thread::scope(|s| {
        for _ in 0..WORKERS {
            s.spawn(|| {
                let _com = ComInit::mta().unwrap();
                start.wait();
                for i in 0..ROUNDS {
                    let stuff: IStuff =
                        create_instance(&CLSID_Stuff, None, CLSCTX_INPROC_SERVER).unwrap();
                    assert_eq!(stuff.Add(i as u32), S_OK);
                    assert_eq!(stuff.Count(), 1);
                }
                if finished.fetch_add(1, Ordering::SeqCst) + 1 == WORKERS {
                    done.store(true, Ordering::SeqCst);
                }
            });
        }
        s.spawn(|| {
            let _com = ComInit::mta().unwrap();
            let start = &start;
            start.wait();
            loop {
                // SAFETY: no arguments.
                unsafe { anycom::api::CoFreeUnusedLibrariesEx(0, 0) };
                unload_rounds.fetch_add(1, Ordering::Relaxed);
                if done.load(Ordering::SeqCst) {
                    break;
                }
            }
        });
    });
    let stats = scene.loader.stats();
    let loaded = scene.loader.loaded_modules().len() as u64;
    assert_eq!(
        stats.loads,
        stats.unloads + loaded,
        "{stats:?}, {loaded} loaded"
    );
    assert!(stats.loads >= 1);
    assert!(unload_rounds.load(Ordering::Relaxed) > 0);
    scene.loader.free_unused(std::time::Duration::ZERO);
    assert!(!mapped(&module));
    eprintln!(
        "{stats:?} over {} unload rounds",
        unload_rounds.load(Ordering::Relaxed)
    );
}
