//! Concurrent writers and readers of one registry layer: threads and
//! processes registering different modules, and different classes of the
//! same module, all land (no lost update); the same module written again and
//! again ends as exactly one complete write; a reader polling meanwhile
//! never sees a torn file.

mod registry_support;

use std::path::{Path, PathBuf};
use std::sync::Barrier;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use anycom::GUID;
use anycom_loader::registry::{
    ClassRegistration, Layer, ModuleEntry, Registry, ThreadingModel, class_registration,
};
use registry_support::*;

fn clsid(a: u32, b: u32) -> GUID {
    GUID::from_values(0x0C00_0000 | a, 0, 0, (b as u64).to_be_bytes())
}

fn assert_clean(layer: &Layer) {
    let (_, errors) = layer.read_modules();
    assert!(errors.is_empty(), "{errors:?}");
    assert_no_temp_files(layer);
}

#[test]
fn smoke_two_threads_two_modules() {
    let root = tempfile::tempdir().unwrap();
    let layer = Layer::dir(root.path().join("reg"));
    let (m1, m2) = (
        empty_module(root.path(), "liba.so"),
        empty_module(root.path(), "libb.so"),
    );
    std::thread::scope(|s| {
        s.spawn(|| {
            layer
                .register_class(&m1, class_registration(clsid(1, 1)))
                .unwrap()
        });
        s.spawn(|| {
            layer
                .register_class(&m2, class_registration(clsid(2, 1)))
                .unwrap()
        });
    });
    let r = Registry::with_layers(vec![layer.clone()]);
    assert_eq!(r.list().len(), 2);
    assert_clean(&layer);
}

#[test]
fn threads_registering_concurrently_all_land() {
    const THREADS: u32 = 8;
    const EACH: u32 = 20;
    let root = tempfile::tempdir().unwrap();
    let layer = Layer::dir(root.path().join("reg"));
    let shared = empty_module(root.path(), "libshared.so");
    let own: Vec<PathBuf> = (0..THREADS)
        .map(|t| empty_module(root.path(), &format!("libown{t}.so")))
        .collect();
    let barrier = Barrier::new(THREADS as usize);
    std::thread::scope(|s| {
        for t in 0..THREADS {
            let (layer, shared, own, barrier) = (&layer, &shared, &own[t as usize], &barrier);
            s.spawn(move || {
                barrier.wait();
                for i in 0..EACH {
                    layer
                        .register_class(shared, class_registration(clsid(t, i)))
                        .unwrap();
                    layer
                        .register_class(own, class_registration(clsid(0x100 + t, i)))
                        .unwrap();
                }
            });
        }
    });
    let r = Registry::with_layers(vec![layer.clone()]);
    assert!(r.problems().is_empty(), "{:?}", r.problems());
    assert_eq!(r.list().len(), (THREADS * EACH * 2) as usize);
    for t in 0..THREADS {
        for i in 0..EACH {
            assert_eq!(
                &*r.lookup_class(&clsid(t, i)).unwrap().module,
                shared.as_path(),
                "lost update ({t}, {i})"
            );
            assert_eq!(
                &*r.lookup_class(&clsid(0x100 + t, i)).unwrap().module,
                own[t as usize].as_path()
            );
        }
    }
    assert_eq!(layer.read_modules().0.len(), THREADS as usize + 1);
    assert_clean(&layer);
}

/// Entry number `n`: `n + 1` classes, so versions differ in size.
fn numbered_entry(module: &Path, n: u32) -> ModuleEntry {
    let mut e = ModuleEntry::new(module);
    e.classes = (0..=n)
        .map(|i| ClassRegistration {
            description: Some(format!(
                "written by writer {n}: {}",
                "x".repeat(200 * n as usize)
            )),
            threading_model: ThreadingModel::Both,
            ..class_registration(clsid(0x200, i))
        })
        .collect();
    e
}

#[test]
fn the_same_module_written_concurrently_ends_as_one_whole_write_and_readers_never_see_a_torn_file()
{
    const WRITERS: u32 = 4;
    const ROUNDS: u32 = 25;
    let root = tempfile::tempdir().unwrap();
    let layer = Layer::dir(root.path().join("reg"));
    let m = empty_module(root.path(), "libsame.so");
    layer.register_module(numbered_entry(&m, 0)).unwrap();
    let registry = Registry::with_layers(vec![layer.clone()]).with_check_interval(Duration::ZERO);
    let done = AtomicBool::new(false);
    let reads = AtomicUsize::new(0);
    let barrier = Barrier::new(WRITERS as usize + 1);
    std::thread::scope(|s| {
        s.spawn(|| {
            barrier.wait();
            while !done.load(Ordering::Acquire) {
                registry.refresh();
                assert!(
                    registry.problems().is_empty(),
                    "a reader saw a torn file: {:?}",
                    registry.problems()
                );
                // Class 0 is in every version.
                let c = registry
                    .lookup_class(&clsid(0x200, 0))
                    .expect("class vanished during a rewrite");
                assert!(
                    c.description
                        .as_deref()
                        .unwrap()
                        .starts_with("written by writer ")
                );
                let (_, errors) = layer.read_modules();
                assert!(errors.is_empty(), "{errors:?}");
                reads.fetch_add(1, Ordering::Relaxed);
            }
        });
        let writers: Vec<_> = (1..=WRITERS)
            .map(|n| {
                let (layer, m, barrier) = (&layer, &m, &barrier);
                s.spawn(move || {
                    barrier.wait();
                    for _ in 0..ROUNDS {
                        layer.register_module(numbered_entry(m, n)).unwrap();
                    }
                })
            })
            .collect();
        for w in writers {
            w.join().unwrap();
        }
        done.store(true, Ordering::Release);
    });
    assert!(reads.load(Ordering::Relaxed) > 0);
    let (modules, errors) = layer.read_modules();
    assert!(errors.is_empty());
    assert_eq!(modules.len(), 1);
    let n = modules[0].1.classes.len() as u32 - 1;
    assert!((1..=WRITERS).contains(&n));
    assert_eq!(
        modules[0].1,
        numbered_entry(&m, n),
        "the file is exactly one writer's entry"
    );
    assert_clean(&layer);
}

/// Spawns this test binary running only `name`, as a child with `envs`.
fn spawn_child(name: &str, envs: &[(&str, String)]) -> std::process::Child {
    child_test(name)
        .envs(envs.iter().map(|(k, v)| (k, v)))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

#[test]
fn processes_registering_concurrently_all_land() {
    const PROCESSES: u32 = 3;
    const EACH: u32 = 15;
    if is_child() {
        let var = |k: &str| std::env::var(k).unwrap();
        let layer = Layer::dir(var("T_LAYER"));
        let index: u32 = var("T_INDEX").parse().unwrap();
        let (shared, own) = (PathBuf::from(var("T_SHARED")), PathBuf::from(var("T_OWN")));
        for i in 0..EACH {
            layer
                .register_class(&shared, class_registration(clsid(0x300 + index, i)))
                .unwrap();
            layer
                .register_class(&own, class_registration(clsid(0x400 + index, i)))
                .unwrap();
        }
        return;
    }
    let root = tempfile::tempdir().unwrap();
    let layer = Layer::dir(root.path().join("reg"));
    let shared = empty_module(root.path(), "libshared.so");
    let own: Vec<PathBuf> = (0..PROCESSES)
        .map(|p| empty_module(root.path(), &format!("libproc{p}.so")))
        .collect();
    let children: Vec<_> = (0..PROCESSES)
        .map(|p| {
            spawn_child(
                "processes_registering_concurrently_all_land",
                &[
                    ("T_LAYER", layer.path().display().to_string()),
                    ("T_INDEX", p.to_string()),
                    ("T_SHARED", shared.display().to_string()),
                    ("T_OWN", own[p as usize].display().to_string()),
                ],
            )
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert_child_passed("processes_registering_concurrently_all_land", &out);
    }
    let r = Registry::with_layers(vec![layer.clone()]);
    assert!(r.problems().is_empty(), "{:?}", r.problems());
    for p in 0..PROCESSES {
        for i in 0..EACH {
            assert_eq!(
                &*r.lookup_class(&clsid(0x300 + p, i)).unwrap().module,
                shared.as_path(),
                "lost update"
            );
            assert_eq!(
                &*r.lookup_class(&clsid(0x400 + p, i)).unwrap().module,
                own[p as usize].as_path()
            );
        }
    }
    assert_eq!(r.list().len(), (PROCESSES * EACH * 2) as usize);
    assert_clean(&layer);
}
