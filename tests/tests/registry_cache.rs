//! The registry's lookup cache and changes made elsewhere: a registration
//! done by another process is found by the next lookup (a miss always
//! re-checks); with a zero check interval a hit sees another process's
//! re-registration or removal at once; with a long interval hits are served
//! from memory (stale by design) until `refresh()`; this registry's own
//! writes are seen at once.

mod registry_support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use anycom::GUID;
use anycom_loader::registry::{Layer, Registry, class_registration};
use registry_support::*;

const X: GUID = GUID::parse("0D000000-0000-0000-0000-000000000001");
const Y: GUID = GUID::parse("0D000000-0000-0000-0000-000000000002");
const HOUR: Duration = Duration::from_secs(3600);

/// Child side: performs `T_ACTION` on layer `T_LAYER` for module `T_MODULE`.
fn child_action() {
    let var = |k: &str| std::env::var(k).unwrap();
    let layer = Layer::dir(var("T_LAYER"));
    let module = PathBuf::from(var("T_MODULE"));
    match var("T_ACTION").as_str() {
        "register" => {
            layer
                .register_class(
                    &module,
                    class_registration(GUID::try_parse(&var("T_CLSID")).unwrap()),
                )
                .unwrap();
        }
        "unregister" => {
            layer.unregister_module(&module).unwrap();
        }
        other => panic!("unknown action {other}"),
    }
}

/// Runs test `name` of this binary in a child process doing `action`, and
/// waits for it.
fn in_other_process(name: &str, action: &str, layer: &Layer, module: &Path, clsid: GUID) {
    let out = child_test(name)
        .env("T_ACTION", action)
        .env("T_LAYER", layer.path())
        .env("T_MODULE", module)
        .env("T_CLSID", clsid.to_string())
        .output()
        .unwrap();
    assert_child_passed(name, &out);
}

#[test]
fn smoke_a_miss_sees_another_process_registration() {
    if is_child() {
        return child_action();
    }
    let root = tempfile::tempdir().unwrap();
    let layer = Layer::dir(root.path().join("reg"));
    let m = empty_module(root.path(), "libx.so");
    // The layer directory does not exist yet, and checks on hits are off for
    // an hour: misses still always re-check.
    assert!(!layer.path().exists());
    let r = Registry::with_layers(vec![layer.clone()]).with_check_interval(HOUR);
    assert!(r.lookup_class(&X).is_none());
    in_other_process(
        "smoke_a_miss_sees_another_process_registration",
        "register",
        &layer,
        &m,
        X,
    );
    assert_eq!(
        &*r.lookup_class(&X)
            .expect("registration by another process not seen")
            .module,
        m.as_path()
    );
    // Again, now that the directory exists.
    in_other_process(
        "smoke_a_miss_sees_another_process_registration",
        "register",
        &layer,
        &m,
        Y,
    );
    assert!(r.lookup_class(&Y).is_some());
}

#[test]
fn with_a_zero_interval_hits_see_other_processes_at_once() {
    if is_child() {
        return child_action();
    }
    let name = "with_a_zero_interval_hits_see_other_processes_at_once";
    let root = tempfile::tempdir().unwrap();
    let layer = Layer::dir(root.path().join("reg"));
    let (m1, m2) = (
        empty_module(root.path(), "libone.so"),
        empty_module(root.path(), "libtwo.so"),
    );
    layer.register_class(&m1, class_registration(X)).unwrap();
    let r = Registry::with_layers(vec![layer.clone()]).with_check_interval(Duration::ZERO);
    assert_eq!(&*r.lookup_class(&X).unwrap().module, m1.as_path());
    // Another process moves the class to another module: the next hit sees it.
    in_other_process(name, "register", &layer, &m2, X);
    in_other_process(name, "unregister", &layer, &m1, X);
    assert_eq!(&*r.lookup_class(&X).unwrap().module, m2.as_path());
    // Another process removes it: the next lookup misses.
    in_other_process(name, "unregister", &layer, &m2, X);
    assert!(r.lookup_class(&X).is_none());
    assert!(r.list().is_empty());
}

#[test]
fn with_a_long_interval_hits_come_from_memory_until_refresh() {
    if is_child() {
        return child_action();
    }
    let root = tempfile::tempdir().unwrap();
    let layer = Layer::dir(root.path().join("reg"));
    let m = empty_module(root.path(), "libx.so");
    layer.register_class(&m, class_registration(X)).unwrap();
    let r = Registry::with_layers(vec![layer.clone()]).with_check_interval(HOUR);
    assert!(r.lookup_class(&X).is_some());
    in_other_process(
        "with_a_long_interval_hits_come_from_memory_until_refresh",
        "unregister",
        &layer,
        &m,
        X,
    );
    // Stale by design: the hit is served from the snapshot without touching the disk.
    assert!(r.lookup_class(&X).is_some());
    r.refresh();
    assert!(r.lookup_class(&X).is_none());
}

#[test]
fn this_registry_sees_its_own_writes_at_once() {
    let root = tempfile::tempdir().unwrap();
    let layer = Layer::dir(root.path().join("reg"));
    let (m1, m2) = (
        empty_module(root.path(), "libone.so"),
        empty_module(root.path(), "libtwo.so"),
    );
    let r = Registry::with_layers(vec![layer.clone()]).with_check_interval(HOUR);
    let mut e = anycom_loader::registry::ModuleEntry::new(&m1);
    e.classes.push(class_registration(X));
    r.register_module(&layer, e.clone()).unwrap();
    assert_eq!(&*r.lookup_class(&X).unwrap().module, m1.as_path());
    e.module = m2.clone();
    r.register_module(&layer, e).unwrap();
    r.unregister_module(&layer, &m1).unwrap();
    assert_eq!(
        &*r.lookup_class(&X).unwrap().module,
        m2.as_path(),
        "a hit right after our own write"
    );
    r.unregister_module(&layer, &m2).unwrap();
    assert!(r.lookup_class(&X).is_none());
}

#[test]
fn lookups_are_consistent_under_concurrent_readers() {
    let root = tempfile::tempdir().unwrap();
    let layer = Layer::dir(root.path().join("reg"));
    let m = empty_module(root.path(), "libx.so");
    for i in 0..100u64 {
        layer
            .register_class(
                &m,
                class_registration(GUID::from_values(0x0D00_0001, 0, 0, i.to_be_bytes())),
            )
            .unwrap();
    }
    let r = Registry::with_layers(vec![layer]).with_check_interval(Duration::ZERO);
    let found = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                for i in 0..100u64 {
                    let c = r
                        .lookup_class(&GUID::from_values(0x0D00_0001, 0, 0, i.to_be_bytes()))
                        .unwrap();
                    assert_eq!(&*c.module, m.as_path());
                    found.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                }
            });
        }
    });
    assert_eq!(found.into_inner(), 400);
}
