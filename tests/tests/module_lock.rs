//! The module lock count of a loaded sample server, seen through
//! `DllCanUnloadNow`: `LockServer(TRUE/FALSE)` locks, live objects (and
//! objects they hand out, like enumerators) keep it at `S_FALSE`; `S_OK`
//! once everything is released and unlocked; an unbalanced
//! `LockServer(FALSE)` changes nothing; and the count is exact after two
//! threads created and released 100 000 objects each concurrently (with
//! server locks, the singleton, and a third thread asking
//! `DllCanUnloadNow` all along).

mod server_support;

use anycom::{E_UNEXPECTED, IClassFactory, Interface, S_FALSE, S_OK};
use anycom_sample_interfaces::*;
use core::ptr::null_mut;
use server_support::*;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier};

#[test]
fn a_fresh_module_can_unload() {
    let module = Module::load(STUFF);
    assert_eq!(module.can_unload_now(), S_OK);
}

#[test]
fn lock_server_counts_on_the_module() {
    let module = Module::load(STUFF);
    let factory = module.factory(&CLSID_Stuff);
    assert_eq!(factory.LockServer(1), S_OK);
    assert_eq!(module.can_unload_now(), S_FALSE);
    // Locks from any class object of the module count on the same module.
    let other = module.factory(&CLSID_SharedStuff);
    assert_eq!(other.LockServer(1), S_OK);
    drop(other);
    assert_eq!(
        module.can_unload_now(),
        S_FALSE,
        "releasing the class object does not release its lock"
    );
    assert_eq!(factory.LockServer(0), S_OK);
    assert_eq!(module.can_unload_now(), S_FALSE);
    assert_eq!(factory.LockServer(0), S_OK);
    assert_eq!(module.can_unload_now(), S_OK);
}

#[test]
fn an_unbalanced_unlock_changes_nothing() {
    let module = Module::load(STUFF);
    let factory = module.factory(&CLSID_Stuff);
    assert_eq!(factory.LockServer(0), E_UNEXPECTED);
    assert_eq!(module.can_unload_now(), S_OK);
    // It cannot steal a live object's count either.
    let stuff: IStuff = create(&factory);
    assert_eq!(factory.LockServer(0), E_UNEXPECTED);
    assert_eq!(module.can_unload_now(), S_FALSE);
    drop(stuff);
    assert_eq!(module.can_unload_now(), S_OK);
}

#[test]
fn live_objects_keep_the_module() {
    let module = Module::load(STUFF);
    let factory = module.factory(&CLSID_Stuff);
    let a: IStuff = create(&factory);
    let b: IStuff = create(&factory);
    assert_eq!(module.can_unload_now(), S_FALSE);
    drop(a);
    assert_eq!(module.can_unload_now(), S_FALSE);
    assert_eq!(b.Add(1), S_OK);
    // An object the server hands out (an enumerator) counts too, also after
    // the object that made it is gone.
    let mut items = None;
    // SAFETY: valid local.
    assert_eq!(unsafe { b.Items(&mut items) }, S_OK);
    let items = items.unwrap();
    drop(b);
    assert_eq!(module.can_unload_now(), S_FALSE);
    // A lock and an object together.
    assert_eq!(factory.LockServer(1), S_OK);
    drop(items);
    assert_eq!(module.can_unload_now(), S_FALSE);
    assert_eq!(factory.LockServer(0), S_OK);
    assert_eq!(module.can_unload_now(), S_OK);
    // References, not objects, are what is released: a clone keeps it alive.
    let c: IStuff = create(&factory);
    let c2 = c.clone();
    drop(c);
    assert_eq!(module.can_unload_now(), S_FALSE);
    drop(c2);
    assert_eq!(module.can_unload_now(), S_OK);
}

#[test]
fn count_is_exact_after_concurrent_creation_and_release() {
    const PER_THREAD: usize = 100_000;
    let module = Module::load(STUFF);
    let keep: IStuff = create(&module.factory(&CLSID_Stuff));
    let get = module.get_class_object_fn();
    let start = Arc::new(Barrier::new(3));
    let done = Arc::new(AtomicBool::new(false));

    let workers: Vec<_> = (0..2)
        .map(|t| {
            let start = start.clone();
            std::thread::spawn(move || {
                let class_object = |clsid: &anycom::GUID| {
                    let mut p = null_mut();
                    // SAFETY: valid locals; `get` is the module's export, loaded for the whole test.
                    let hr = unsafe { get(clsid, &IClassFactory::IID, &mut p) };
                    assert_eq!(hr, S_OK);
                    // SAFETY: success handed over an IClassFactory reference.
                    unsafe { IClassFactory::from_raw(p) }
                };
                let stuff = class_object(&CLSID_Stuff);
                let shared = class_object(&CLSID_SharedStuff);
                start.wait();
                for i in 0..PER_THREAD {
                    let s: IStuff = create(&stuff);
                    if i % 64 == t {
                        assert_eq!(stuff.LockServer(1), S_OK);
                        let again = s.clone();
                        assert_eq!(s.Add(i as u32), S_OK);
                        drop(again);
                        assert_eq!(stuff.LockServer(0), S_OK);
                    }
                    drop(s);
                    if i % 1000 == 0 {
                        let one: IStuff = create(&shared);
                        assert_eq!(one.Add(1), S_OK);
                    }
                }
            })
        })
        .collect();

    let poller = {
        let start = start.clone();
        let done = done.clone();
        let can_unload = module.can_unload_now_fn();
        std::thread::spawn(move || {
            start.wait();
            let mut asked = 0u64;
            while !done.load(Ordering::Acquire) {
                // SAFETY: the module's export, loaded for the whole test.
                let hr = unsafe { can_unload() };
                assert_eq!(hr, S_FALSE, "`keep` is alive throughout");
                asked += 1;
            }
            asked
        })
    };

    for w in workers {
        w.join().unwrap();
    }
    done.store(true, Ordering::Release);
    assert!(poller.join().unwrap() > 0);

    assert_eq!(module.can_unload_now(), S_FALSE, "exactly `keep` is left");
    assert_eq!(keep.Count(), 0);
    drop(keep);
    assert_eq!(module.can_unload_now(), S_OK);
}

#[test]
fn singleton_release_races_safely_with_its_creation() {
    // DllCanUnloadNow releases an idle singleton while other threads create
    // it again: every object handed out must stay valid, and the count must
    // end at zero.
    const ROUNDS: usize = 20_000;
    let module = Module::load(STUFF);
    let get = module.get_class_object_fn();
    let can_unload = module.can_unload_now_fn();
    let start = Arc::new(Barrier::new(3));
    let done = Arc::new(AtomicBool::new(false));
    let workers: Vec<_> = (0..2)
        .map(|_| {
            let start = start.clone();
            std::thread::spawn(move || {
                let mut p = null_mut();
                assert_eq!(
                    // SAFETY: valid locals; the export stays loaded for the whole test.
                    unsafe { get(&CLSID_SharedStuff, &IClassFactory::IID, &mut p) },
                    S_OK
                );
                // SAFETY: success handed over an IClassFactory reference.
                let factory = unsafe { IClassFactory::from_raw(p) };
                start.wait();
                for _ in 0..ROUNDS {
                    let s: IStuff = create(&factory);
                    assert_eq!(s.Add(1), S_OK);
                    assert!(s.Count() >= 1);
                }
            })
        })
        .collect();
    let poller = {
        let (start, done) = (start.clone(), done.clone());
        std::thread::spawn(move || {
            start.wait();
            let mut released = 0u32;
            while !done.load(Ordering::Acquire) {
                // SAFETY: the export stays loaded for the whole test.
                if unsafe { can_unload() } == S_OK {
                    released += 1;
                }
            }
            released
        })
    };
    for w in workers {
        w.join().unwrap();
    }
    done.store(true, Ordering::Release);
    let _released_while_running = poller.join().unwrap();
    assert_eq!(module.can_unload_now(), S_OK);
}
