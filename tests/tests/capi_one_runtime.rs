//! One runtime per process (design.md §2) through libanycom: a Rust host
//! (this test process, with its own static anycom and a [`Scene`]'s loader
//! installed) loads C++ modules linked against libanycom. The loader finds
//! `AnyComAttachRuntime` through the module (libanycom's export) and
//! attaches libanycom to the host's runtime, so:
//! - the C++ sample server's `DllRegisterServer` (libanycom's
//!   `AnyComRegisterServer`) lands in the host's registry layer;
//! - the host activates its classes by ProgID and calls them, and reads the
//!   error info a C++ method set with libanycom's `SetErrorInfo`;
//! - a C++ probe module (`tests/c/capi_one_runtime_probe.cpp`) sees the
//!   host thread's apartment and process token, activates classes from the
//!   host's class source and class table, and registers class objects the
//!   host and a Rust plugin then activate;
//! - with the Rust probe plugin (`tests/fixtures/runtime_plugin`) in the
//!   same process, the Rust host, the Rust plugin and the C++ plugins share
//!   one class source and one class table;
//! - released, the C++ modules unload (`CoFreeUnusedLibrariesEx(0, 0)`).
//!
//! (Rust host + Rust plugin is `one_runtime.rs`; a C host linking libanycom
//! and loading Rust plugins is in the `capi_*.rs` C programs.)
#![cfg(unix)]

mod loader_support;
mod one_runtime_support;

use anycom::runtime::{ComInit, create_instance, register_class_object};
use anycom::server::{ClassFactory, Creator};
use anycom::{
    APTTYPE_MTA, APTTYPEQUALIFIER_NONE, CLSCTX_INPROC_SERVER, CLSID, CO_E_CLASSSTRING,
    CO_E_OBJNOTREG, E_INVALIDARG, Error, GUID, HRESULT, IClassFactory, ISupportErrorInfo, IUnknown,
    Interface, REGCLS_MULTIPLEUSE, REGDB_E_CLASSNOTREG, S_FALSE, S_OK, interface,
};
use anycom_loader::ThreadingModel;
use anycom_sample_interfaces::{ICalculator, ICounter, IEnumStuff, IStuff};
use anycom_test_runtime_plugin::{CLSID_RuntimeProbe, IRuntimeProbe};
use anycom_tests::native;
use core::ffi::c_void;
use loader_support::*;
use one_runtime_support::*;
use std::path::PathBuf;

// The C++ sample server's classes (samples/cpp_server/include/anycom_samples.h).
const CLSID_CPP_STUFF: CLSID = GUID::parse("cc3c98fb-818e-43ea-a2fe-20b5048aa0d8");
const PROGID_CPP_STUFF: &str = "AnyCom.CppStuff.1";
const VI_PROGID_CPP_STUFF: &str = "AnyCom.CppStuff";
const CLSID_CPP_CALCULATOR: CLSID = GUID::parse("d48f5a17-7bb3-4df7-95cb-a1493c3ce716");
const PROGID_CPP_CALCULATOR: &str = "AnyCom.CppCalculator.1";
const CPP_STUFF_ERROR: &str = "CppStuff: 0xFFFFFFFF is reserved and cannot be added";

/// What the C++ probe module answers (`tests/c/capi_one_runtime_probe.cpp`).
#[interface("3e0f6a71-9c2b-4d58-a1e4-7b6c5d4e3f40")]
unsafe trait ICppProbe: IUnknown {
    /// `CoGetApartmentType` as the C++ module sees it.
    unsafe fn ApartmentType(&self, apt_type: *mut i32, qualifier: *mut i32) -> HRESULT;
    /// `CoCreateInstance(clsid, IID_IUnknown)` from inside the C++ module.
    unsafe fn Create(&self, clsid: *const GUID, out: *mut *mut c_void) -> HRESULT;
    /// `CoGetCurrentProcess` as the C++ module sees it.
    fn ProcessToken(&self) -> u32;
    /// `CoRegisterClassObject(clsid, <C++ ICalculator factory>, INPROC, MULTIPLEUSE, cookie)`.
    unsafe fn RegisterCalculator(&self, clsid: *const GUID, cookie: *mut u32) -> HRESULT;
    /// `CoRevokeClassObject(cookie)` from inside the C++ module.
    fn Revoke(&self, cookie: u32) -> HRESULT;
}
const CLSID_CPP_PROBE: CLSID = GUID::parse("3e0f6a71-9c2b-4d58-a1e4-7b6c5d4e3f41");

/// A class the C++ probe registers in the class table (any unused CLSID).
const CLSID_CPP_REGISTERED: CLSID = GUID::parse("3e0f6a71-9c2b-4d58-a1e4-7b6c5d4e3f42");

/// The C++ sample server, installed and registered by running its
/// `DllRegisterServer` through the host's loader (regsvr32 style).
fn cpp_server(scene: &Scene) -> PathBuf {
    let path = scene.install(&native::cpp_server());
    scene
        .loader
        .run_register_server(&path)
        .expect("the C++ server's DllRegisterServer");
    path
}

/// The C++ probe module, installed and registered by description.
fn cpp_probe_module(scene: &Scene) -> PathBuf {
    let built = native::shared_library(
        "anycom_test_cpp_probe",
        &[native::test_sources_dir().join("capi_one_runtime_probe.cpp")],
    );
    let path = scene.install(&built);
    scene.register_class(&path, CLSID_CPP_PROBE, ThreadingModel::Both, None);
    path
}

fn cpp_probe(scene: &Scene) -> ICppProbe {
    cpp_probe_module(scene);
    create_instance(&CLSID_CPP_PROBE, None, CLSCTX_INPROC_SERVER).expect("activate the C++ probe")
}

/// Whether a libanycom is mapped. (Which one is not checked: in this
/// process cargo's `LD_LIBRARY_PATH` takes precedence over the C++ module's
/// rpath, so it may be another build's copy.)
fn libanycom_mapped() -> bool {
    let name = format!("/{}", anycom_tests::dylib_file_name("anycom"));
    std::fs::read_to_string("/proc/self/maps")
        .expect("read /proc/self/maps")
        .lines()
        .any(|l| l.ends_with(&name))
}

/// The result of a probe's `Create`: the object, or the HRESULT (with the
/// out-pointer checked null).
fn created(hr: HRESULT, out: *mut c_void) -> Result<IUnknown, HRESULT> {
    if hr == S_OK {
        assert!(!out.is_null());
        // SAFETY: S_OK handed over one IUnknown reference.
        Ok(unsafe { IUnknown::from_raw(out) })
    } else {
        assert!(out.is_null(), "{hr}: the out-pointer is nulled on failure");
        Err(hr)
    }
}

fn cpp_create(probe: &ICppProbe, clsid: &CLSID) -> Result<IUnknown, HRESULT> {
    let mut out = core::ptr::null_mut();
    // SAFETY: valid arguments.
    let hr = unsafe { probe.Create(clsid, &mut out) };
    created(hr, out)
}

fn rust_create(probe: &IRuntimeProbe, clsid: &CLSID) -> Result<IUnknown, HRESULT> {
    let mut out = core::ptr::null_mut();
    // SAFETY: valid arguments.
    let hr = unsafe { probe.Create(clsid, &mut out) };
    created(hr, out)
}

/// Adds `values` and returns what the bag's enumerator yields.
fn fill_and_list(stuff: &IStuff, values: &[u32]) -> Vec<u32> {
    for &v in values {
        assert_eq!(stuff.Add(v), S_OK);
    }
    let mut items: Option<IEnumStuff> = None;
    // SAFETY: a valid out slot.
    assert_eq!(unsafe { stuff.Items(&mut items) }, S_OK);
    let items = items.expect("an enumerator");
    let mut buf = [0u32; 16];
    let mut n = 0;
    // SAFETY: 16 slots and a valid count.
    let hr = unsafe { items.Next(16, buf.as_mut_ptr(), &mut n) };
    assert_eq!(hr, S_FALSE, "fewer than 16 items");
    buf[..n as usize].to_vec()
}

#[test]
fn smoke_the_cpp_servers_registration_lands_in_the_hosts_registry() {
    let _com = ComInit::mta().unwrap();
    let scene = Scene::new();
    assert_eq!(
        clsid_from_progid(PROGID_CPP_STUFF),
        Err(CO_E_CLASSSTRING),
        "not registered yet"
    );
    let path = cpp_server(&scene);
    assert!(
        scene.loader.is_loaded(&path),
        "DllRegisterServer ran in the loaded module"
    );
    assert!(libanycom_mapped(), "the C++ module brought libanycom along");

    // The module's AnyComRegisterServer call (libanycom) reached the host's
    // loader and its registry layer.
    let registry = scene.loader.registry();
    for (clsid, progid, vi) in [
        (CLSID_CPP_STUFF, PROGID_CPP_STUFF, VI_PROGID_CPP_STUFF),
        (
            CLSID_CPP_CALCULATOR,
            PROGID_CPP_CALCULATOR,
            "AnyCom.CppCalculator",
        ),
    ] {
        let entry = registry
            .lookup_class(&clsid)
            .unwrap_or_else(|| panic!("{clsid} registered"));
        assert_eq!(&*entry.module, path.as_path());
        assert_eq!(entry.threading_model, ThreadingModel::Both);
        assert_eq!(entry.progid.as_deref(), Some(progid));
        assert_eq!(entry.version_independent_progid.as_deref(), Some(vi));
        assert_eq!(registry.clsid_from_progid(progid), Some(clsid));
        assert_eq!(clsid_from_progid(progid), Ok(clsid));
        assert_eq!(clsid_from_progid(vi), Ok(clsid));
    }
    let files: Vec<PathBuf> = std::fs::read_dir(scene.registry_dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    assert_eq!(
        files.len(),
        1,
        "one registry file, in the scene's layer: {files:?}"
    );
    assert!(
        std::fs::read_to_string(&files[0])
            .unwrap()
            .contains(PROGID_CPP_STUFF)
    );
}

#[test]
fn the_rust_host_activates_the_cpp_classes_by_progid_and_calls_them() {
    let _com = ComInit::mta().unwrap();
    let scene = Scene::new();
    cpp_server(&scene);

    let stuff: IStuff = create_instance(
        &clsid_from_progid(PROGID_CPP_STUFF).unwrap(),
        None,
        CLSCTX_INPROC_SERVER,
    )
    .unwrap();
    assert_eq!(fill_and_list(&stuff, &[3, 1, 4, 1, 5]), [3, 1, 4, 1, 5]);
    assert_eq!(stuff.Count(), 5);
    let counter: ICounter = stuff.cast().unwrap();
    assert_eq!(
        (counter.Increment(), counter.Increment(), counter.Value()),
        (1, 2, 2)
    );
    // One object: IUnknown is the same pointer from either interface.
    assert_eq!(
        stuff.cast::<IUnknown>().unwrap().as_raw(),
        counter.cast::<IUnknown>().unwrap().as_raw()
    );

    let calculator: ICalculator = create_instance(
        &clsid_from_progid(PROGID_CPP_CALCULATOR).unwrap(),
        None,
        CLSCTX_INPROC_SERVER,
    )
    .unwrap();
    assert_eq!(calculator.Add(40, 2), 42);
    assert_eq!(calculator.Add(i32::MAX, 1), i32::MIN, "wrapping");
    assert_eq!(
        calculator.cast::<IStuff>().err().map(|e| e.code()),
        Some(anycom::E_NOINTERFACE)
    );
}

#[test]
fn error_info_set_by_a_cpp_method_reaches_the_rust_host() {
    let _com = ComInit::mta().unwrap();
    let scene = Scene::new();
    cpp_server(&scene);
    let stuff: IStuff = create_instance(&CLSID_CPP_STUFF, None, CLSCTX_INPROC_SERVER).unwrap();
    let support: ISupportErrorInfo = stuff.cast().unwrap();
    assert_eq!(
        // SAFETY: a valid IID.
        unsafe { support.InterfaceSupportsErrorInfo(&IStuff::IID) },
        S_OK
    );

    // Error::from_hresult picks up the thread's error info, as `?` on an HRESULT does.
    let hr = stuff.Add(0xFFFF_FFFF);
    assert_eq!(hr, E_INVALIDARG);
    let e = Error::from_hresult(hr);
    assert_eq!(
        (e.code(), e.message()),
        (E_INVALIDARG, Some(CPP_STUFF_ERROR))
    );
    assert!(
        anycom::runtime::error_info::take().is_none(),
        "consumed by the first reader"
    );

    // GetErrorInfo: every field the C++ method set (CreateErrorInfo/SetErrorInfo in libanycom).
    assert_eq!(stuff.Add(0xFFFF_FFFF), E_INVALIDARG);
    let mut raw = core::ptr::null_mut();
    // SAFETY: a valid out slot.
    assert_eq!(unsafe { anycom::api::GetErrorInfo(0, &mut raw) }, S_OK);
    // SAFETY: S_OK handed over one IErrorInfo reference.
    let info: anycom::IErrorInfo = unsafe { anycom::IErrorInfo::from_raw(raw) };
    let data = anycom::runtime::error_info::read(&info);
    assert_eq!(data.description, CPP_STUFF_ERROR);
    assert_eq!(data.source, PROGID_CPP_STUFF);
    assert_eq!(data.guid, IStuff::IID);
    // SAFETY: a valid out slot.
    assert_eq!(unsafe { anycom::api::GetErrorInfo(0, &mut raw) }, S_FALSE);
    assert!(raw.is_null());

    // A successful call after a failure leaves no error info of its own.
    assert_eq!(stuff.Add(7), S_OK);
    assert!(anycom::runtime::error_info::take().is_none());
}

#[test]
fn the_cpp_module_sees_the_host_threads_apartment() {
    let scene = Scene::new();
    let agile = {
        let _mta = ComInit::mta().unwrap();
        let p = cpp_probe(&scene);
        let (mut t, mut q) = (-9, -9);
        // SAFETY: valid out pointers.
        assert_eq!(unsafe { p.ApartmentType(&mut t, &mut q) }, S_OK);
        assert_eq!((t, q), (APTTYPE_MTA, APTTYPEQUALIFIER_NONE));
        // SAFETY: the C++ probe is ThreadingModel Both and keeps no thread-bound state.
        unsafe { anycom::Agile::new_unchecked(p) }
    };
    // SAFETY: the helper passes valid out pointers.
    assert_sees_the_hosts_apartment_on_other_threads(|t, q| unsafe {
        agile.get().ApartmentType(t, q)
    });
    // Null out-pointers get the host's answer too.
    assert_eq!(
        // SAFETY: null pointers are checked by CoGetApartmentType.
        unsafe {
            agile
                .get()
                .ApartmentType(core::ptr::null_mut(), core::ptr::null_mut())
        },
        anycom::E_INVALIDARG
    );
}

#[test]
fn the_rust_host_rust_plugin_and_cpp_plugins_share_one_class_source() {
    let _com = ComInit::mta().unwrap();
    let scene = Scene::new();
    cpp_server(&scene);
    let rust = rust_probe(&scene);
    let cpp = cpp_probe(&scene);
    assert_eq!(rust.Attached(), 1);

    // The Rust plugin activates the C++ class by CLSID through its own
    // (attached) copy of anycom: the host's loader serves it.
    let stuff: IStuff = rust_create(&rust, &CLSID_CPP_STUFF)
        .unwrap()
        .cast()
        .unwrap();
    assert_eq!(fill_and_list(&stuff, &[10, 20]), [10, 20]);
    let calculator: ICalculator = rust_create(&rust, &CLSID_CPP_CALCULATOR)
        .unwrap()
        .cast()
        .unwrap();
    assert_eq!(calculator.Add(2, 3), 5);

    // The C++ plugin activates the Rust plugin's class and the C++ server's
    // through libanycom: the same class source.
    let rust_again: IRuntimeProbe = cpp_create(&cpp, &CLSID_RuntimeProbe)
        .unwrap()
        .cast()
        .unwrap();
    assert_eq!(rust_again.Attached(), 1);
    let stuff_again: IStuff = cpp_create(&cpp, &CLSID_CPP_STUFF).unwrap().cast().unwrap();
    assert_eq!(fill_and_list(&stuff_again, &[7]), [7], "a new bag");
    let unknown = GUID::parse("3e0f6a71-9c2b-4d58-a1e4-7b6c5d4e3f4f");
    assert_eq!(cpp_create(&cpp, &unknown).err(), Some(REGDB_E_CLASSNOTREG));
    assert_eq!(
        rust_create(&rust, &unknown).err(),
        Some(REGDB_E_CLASSNOTREG)
    );

    // Every copy hands out the host's per-thread process token.
    // SAFETY: no arguments.
    let host = unsafe { anycom::api::CoGetCurrentProcess() };
    assert_eq!((cpp.ProcessToken(), rust.ProcessToken()), (host, host));

    // Each module was loaded once: the C++ server, the Rust probe, the C++ probe.
    assert_eq!(scene.loader.stats().loads, 3);
}

#[test]
fn the_rust_host_rust_plugin_and_cpp_plugin_share_one_class_table() {
    let _com = ComInit::mta().unwrap();
    let scene = Scene::new();
    let rust = rust_probe(&scene);
    let cpp = cpp_probe(&scene);

    // Registered by the host (CoRegisterClassObject in this process's anycom):
    // the C++ plugin (through libanycom) and the Rust plugin find it.
    assert_eq!(
        cpp_create(&cpp, &CLSID_HOST_THING).err(),
        Some(REGDB_E_CLASSNOTREG)
    );
    let factory: IClassFactory = ClassFactory::new(Creator::of::<HostThing>()).into();
    let reg = register_class_object(
        &CLSID_HOST_THING,
        factory.as_unknown(),
        CLSCTX_INPROC_SERVER,
        REGCLS_MULTIPLEUSE,
    )
    .unwrap();
    let from_cpp: IHostThing = cpp_create(&cpp, &CLSID_HOST_THING).unwrap().cast().unwrap();
    let from_rust: IHostThing = rust_create(&rust, &CLSID_HOST_THING)
        .unwrap()
        .cast()
        .unwrap();
    assert_eq!((from_cpp.Answer(), from_rust.Answer()), (42, 42));
    drop(reg);
    assert_eq!(
        cpp_create(&cpp, &CLSID_HOST_THING).err(),
        Some(REGDB_E_CLASSNOTREG),
        "revoked for everyone"
    );

    // Registered by the C++ plugin (libanycom's CoRegisterClassObject): the
    // host and the Rust plugin find it.
    assert_eq!(
        create_instance::<ICalculator>(&CLSID_CPP_REGISTERED, None, CLSCTX_INPROC_SERVER)
            .err()
            .map(|e| e.code()),
        Some(REGDB_E_CLASSNOTREG)
    );
    let mut cookie = 0;
    assert_eq!(
        // SAFETY: valid arguments.
        unsafe { cpp.RegisterCalculator(&CLSID_CPP_REGISTERED, &mut cookie) },
        S_OK
    );
    assert_ne!(cookie, 0);
    let by_host: ICalculator =
        create_instance(&CLSID_CPP_REGISTERED, None, CLSCTX_INPROC_SERVER).unwrap();
    assert_eq!(by_host.Add(20, 22), 42);
    let by_rust_plugin: ICalculator = rust_create(&rust, &CLSID_CPP_REGISTERED)
        .unwrap()
        .cast()
        .unwrap();
    assert_eq!(by_rust_plugin.Add(-1, 1), 0);

    // The cookie is the host table's: the host revokes what the C++ module
    // registered, and then the C++ module's own revoke finds nothing.
    // SAFETY: a plain value.
    assert_eq!(unsafe { anycom::api::CoRevokeClassObject(cookie) }, S_OK);
    assert_eq!(cpp.Revoke(cookie), CO_E_OBJNOTREG);
    assert_eq!(
        rust_create(&rust, &CLSID_CPP_REGISTERED).err(),
        Some(REGDB_E_CLASSNOTREG)
    );
}

#[test]
fn released_the_cpp_modules_unload() {
    let _com = ComInit::mta().unwrap();
    let scene = Scene::new();
    let server = cpp_server(&scene);
    let probe_module = cpp_probe_module(&scene);
    let rust = rust_probe(&scene);
    // Activated from the host and from the Rust plugin.
    let stuff: IStuff = create_instance(&CLSID_CPP_STUFF, None, CLSCTX_INPROC_SERVER).unwrap();
    let calculator: ICalculator = rust_create(&rust, &CLSID_CPP_CALCULATOR)
        .unwrap()
        .cast()
        .unwrap();
    let cpp: ICppProbe = create_instance(&CLSID_CPP_PROBE, None, CLSCTX_INPROC_SERVER).unwrap();
    let mut cookie = 0;
    assert_eq!(
        // SAFETY: valid arguments.
        unsafe { cpp.RegisterCalculator(&CLSID_CPP_REGISTERED, &mut cookie) },
        S_OK
    );
    // Leave the C++ method's error info on the thread: it must not pin the module.
    assert_eq!(
        // SAFETY: a live IStuff pointer.
        unsafe { (stuff.vtable().Add)(stuff.as_raw(), 0xFFFF_FFFF) },
        E_INVALIDARG
    );

    // SAFETY: no pointers.
    unsafe { anycom::api::CoFreeUnusedLibrariesEx(0, 0) };
    assert!(
        mapped(&server) && mapped(&probe_module),
        "objects alive: DllCanUnloadNow says S_FALSE"
    );

    drop((stuff, calculator, cpp, rust));
    // SAFETY: no pointers.
    unsafe { anycom::api::CoFreeUnusedLibrariesEx(0, 0) };
    assert!(
        !mapped(&server),
        "the C++ server is unmapped (libanycom may stay: it is not checked)"
    );
    assert!(!scene.loader.is_loaded(&server));
    assert!(
        mapped(&probe_module),
        "its class object is still registered in the host's class table"
    );

    // SAFETY: a plain value.
    assert_eq!(unsafe { anycom::api::CoRevokeClassObject(cookie) }, S_OK);
    // SAFETY: no pointers.
    unsafe { anycom::api::CoFreeUnusedLibrariesEx(0, 0) };
    assert!(
        !mapped(&probe_module),
        "revoked: the C++ probe module unloads too"
    );

    // The error info object was made by the host's runtime, so it outlived the module.
    let info = anycom::runtime::error_info::take().expect("the error info is still on the thread");
    assert_eq!(
        anycom::runtime::error_info::read(&info).description,
        CPP_STUFF_ERROR
    );
}
