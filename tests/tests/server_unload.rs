//! Unloading a sample server after `DllCanUnloadNow` says `S_OK`: every
//! object, enumerator, singleton and server lock released, the module is
//! closed and really gone (not kept mapped by anything the server left
//! behind, checked with `RTLD_NOLOAD` and `/proc/self/maps`). Run under
//! valgrind, this shows that nothing handed out by the module dangles.

mod server_support;

use anycom::{IClassFactory2, Interface, S_FALSE, S_OK};
use anycom_sample_interfaces::*;
use core::ptr::null_mut;
use server_support::*;
use std::path::Path;

/// Whether the dynamic loader still has `path` loaded.
#[cfg(unix)]
fn still_loaded(path: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: RTLD_NOLOAD never loads anything; it returns a handle (with a
    // reference we give back) only when the module is already loaded.
    unsafe {
        let h = libc::dlopen(c.as_ptr(), libc::RTLD_NOLOAD | libc::RTLD_LAZY);
        if h.is_null() {
            false
        } else {
            libc::dlclose(h);
            true
        }
    }
}

/// Whether `path` is still mapped into the process (Linux).
fn still_mapped(path: &Path) -> bool {
    match std::fs::read_to_string("/proc/self/maps") {
        Ok(maps) => maps.contains(path.to_str().unwrap()),
        Err(_) => false,
    }
}

fn assert_gone(path: &Path) {
    #[cfg(unix)]
    assert!(!still_loaded(path), "{} is still loaded", path.display());
    assert!(!still_mapped(path), "{} is still mapped", path.display());
}

#[test]
fn stuff_server_unloads_cleanly_after_use() {
    let module = Module::load(STUFF);
    let path = module.path().to_path_buf();
    {
        let factory = module.factory(&CLSID_Stuff);
        assert_eq!(factory.LockServer(1), S_OK);
        let stuff: IStuff = create(&factory);
        for i in 0..100 {
            assert_eq!(stuff.Add(i), S_OK);
        }
        let mut items = None;
        // SAFETY: valid local.
        assert_eq!(unsafe { stuff.Items(&mut items) }, S_OK);
        let items = items.unwrap();
        let mut buf = [0u32; 150];
        let mut fetched = 0;
        assert_eq!(
            // SAFETY: 150 slots.
            unsafe { items.Next(150, buf.as_mut_ptr(), &mut fetched) },
            S_FALSE
        );
        assert_eq!(fetched, 100);
        let shared: IStuff = create(&module.factory(&CLSID_SharedStuff));
        assert_eq!(shared.Add(1), S_OK);
        drop((stuff, items, shared));
        assert_eq!(
            module.can_unload_now(),
            S_FALSE,
            "the server lock is still held"
        );
        assert_eq!(factory.LockServer(0), S_OK);
    }
    assert_eq!(module.can_unload_now(), S_OK);
    assert!(still_mapped(&path));
    let (path, _dir) = module.close();
    assert_gone(&path);
}

#[test]
fn every_sample_unloads_cleanly_after_use() {
    for (sample, clsid) in [
        (LICENSED, CLSID_LicensedCalculator),
        (AGGREGATION, CLSID_CounterHost),
        (CUSTOM_FACTORY, CLSID_Widget),
    ] {
        let module = Module::load_with(sample, |dir| {
            std::fs::write(dir.join(LICENSE_FILE_NAME), MACHINE_LICENSE).unwrap()
        });
        {
            let factory = module.factory(&clsid);
            let (hr, p) = create_raw(&factory, null_mut(), &anycom::IID_IUnknown);
            assert_eq!(hr, S_OK, "{}", sample.0);
            // SAFETY: success handed over an IUnknown reference.
            let object = unsafe { anycom::IUnknown::from_raw(p) };
            if let Ok(f2) = factory.cast::<IClassFactory2>() {
                let mut key = null_mut();
                // SAFETY: valid local.
                assert_eq!(unsafe { f2.RequestLicKey(0, &mut key) }, S_OK);
                // SAFETY: the key is a BSTR we own.
                drop(unsafe { anycom::BSTR::from_raw(key) });
            }
            if let Ok(counter) = object.cast::<ICounter>() {
                assert_eq!(counter.Increment(), 1);
            }
            assert_eq!(module.can_unload_now(), S_FALSE);
            drop(object);
        }
        assert_eq!(module.can_unload_now(), S_OK, "{}", sample.0);
        let (path, _dir) = module.close();
        assert_gone(&path);
    }
}
