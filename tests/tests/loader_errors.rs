//! Every way activation through the loader can fail, with its exact
//! `HRESULT` and a message naming the class, the module path and the step:
//! an unknown class (`REGDB_E_CLASSNOTREG`, also noting malformed registry
//! files), a missing module file and a file that is not a shared library
//! (`CO_E_DLLNOTFOUND`), a library for another architecture
//! (`HRESULT_FROM_WIN32(ERROR_BAD_EXE_FORMAT)`) or another OS
//! (`CO_E_WRONGOSFORAPP`), a library without `DllGetClassObject`
//! (`CO_E_ERRORINDLL`), and a `DllGetClassObject` that fails (its own
//! `HRESULT` passed through). The message is also the thread's error info,
//! and `*ppv` is null.

mod loader_support;

use anycom::Interface;
use anycom::runtime::{ComInit, create_instance};
use anycom::{
    CLASS_E_CLASSNOTAVAILABLE, CLSCTX_INPROC_SERVER, CO_E_DLLNOTFOUND, CO_E_ERRORINDLL,
    CO_E_WRONGOSFORAPP, E_OUTOFMEMORY, ERROR_BAD_EXE_FORMAT_HR, GUID, HRESULT, IID_IUnknown,
    IUnknown, REGDB_E_CLASSNOTREG,
};
use anycom_loader::ThreadingModel;
use anycom_sample_interfaces::*;
use loader_support::*;
use std::path::Path;

const CLSID_X: GUID = GUID::parse("0f4c2a9e-5b71-4d3c-8e26-91a0b7c4d5e6");

/// `CoCreateInstance` through the C-ABI shell: the HRESULT, whether `*ppv`
/// came back null, and the thread's error info description.
fn co_create(clsid: &GUID) -> (HRESULT, bool, Option<String>) {
    let mut p = 0x5a5a_5a5a_usize as *mut core::ffi::c_void;
    // SAFETY: valid locals.
    let hr = unsafe {
        anycom::api::CoCreateInstance(
            clsid,
            core::ptr::null_mut(),
            CLSCTX_INPROC_SERVER,
            &IID_IUnknown,
            &mut p,
        )
    };
    let message = anycom::Error::from_hresult(hr).message().map(str::to_owned);
    if hr.is_ok() {
        // SAFETY: success handed over a reference.
        drop(unsafe { IUnknown::from_raw(p) });
    }
    (hr, p.is_null(), message)
}

fn expect_failure(clsid: &GUID, code: HRESULT, fragments: &[&str]) -> String {
    let (hr, null, message) = co_create(clsid);
    assert_eq!(hr, code, "{message:?}");
    assert!(null, "*ppv is null on failure");
    let message = message.expect("the failure's message is the thread's error info");
    for f in fragments {
        assert!(message.contains(f), "message {message:?} lacks {f:?}");
    }
    // The Rust API returns the same.
    let e = create_instance::<IUnknown>(clsid, None, CLSCTX_INPROC_SERVER).unwrap_err();
    assert_eq!(e.code(), code);
    assert_eq!(e.message(), Some(message.as_str()));
    message
}

fn file_with(scene: &Scene, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = scene.modules_dir.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    p.canonicalize().unwrap()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn unknown_class_is_classnotreg() {
    let _com = ComInit::mta().unwrap();
    let scene = Scene::new();
    let m = expect_failure(
        &CLSID_X,
        REGDB_E_CLASSNOTREG,
        &["{0F4C2A9E-5B71-4D3C-8E26-91A0B7C4D5E6}", "not registered"],
    );
    assert!(
        m.contains(s(scene.registry_dir.path())),
        "names the layer searched: {m}"
    );
}

#[test]
fn a_malformed_registry_file_is_mentioned_when_a_class_is_missing() {
    let _com = ComInit::mta().unwrap();
    let scene = Scene::new();
    scene.write_registry_file(
        "broken.toml",
        "module = \"relative/libx.so\"\n[[class]]\nclsid = \"{0f4c2a9e-5b71-4d3c-8e26-91a0b7c4d5e6}\"\n",
    );
    expect_failure(&CLSID_X, REGDB_E_CLASSNOTREG, &["broken.toml", "problem"]);
    // The runtime logged it (to stderr) once: a second miss logs nothing new.
    assert!(
        scene.loader.log_registry_problems().is_empty(),
        "already logged by the failed activation"
    );
    scene.write_registry_file("worse.toml", "this is not toml at all [[[\n");
    let logged = scene.loader.log_registry_problems();
    assert_eq!(logged.len(), 1, "{logged:?}");
    assert!(
        logged[0].contains("worse.toml:1:"),
        "names the file and line: {logged:?}"
    );
}

#[test]
fn missing_module_file_is_dllnotfound() {
    let _com = ComInit::mta().unwrap();
    let scene = Scene::new();
    let module = scene.module(STUFF);
    scene.register_class(&module, CLSID_Stuff, ThreadingModel::Both, None);
    std::fs::remove_file(&module).unwrap();
    expect_failure(
        &CLSID_Stuff,
        CO_E_DLLNOTFOUND,
        &[s(&module), "cannot find the file", "activating class"],
    );
    assert_eq!(scene.loader.stats().loads, 0);
}

#[test]
fn a_file_that_is_not_a_shared_library_is_dllnotfound() {
    let _com = ComInit::mta().unwrap();
    let scene = Scene::new();
    let module = file_with(
        &scene,
        "libtext.so",
        b"this is a text file, not a library\n",
    );
    scene.register_class(&module, CLSID_X, ThreadingModel::Both, None);
    expect_failure(
        &CLSID_X,
        CO_E_DLLNOTFOUND,
        &[s(&module), "loading failed", "not a shared library"],
    );
    // Empty file too.
    let empty = file_with(&scene, "libempty.so", b"");
    let clsid = GUID::parse("0f4c2a9e-5b71-4d3c-8e26-91a0b7c4d5e7");
    scene.register_class(&empty, clsid, ThreadingModel::Both, None);
    expect_failure(&clsid, CO_E_DLLNOTFOUND, &[s(&empty), "loading failed"]);
}

/// A 64-byte ELF header of a shared object for `machine` (little-endian
/// unless `big`).
fn elf_header(machine: u16, big: bool) -> Vec<u8> {
    let mut b = vec![0u8; 64];
    b[..4].copy_from_slice(b"\x7fELF");
    b[4] = 2; // 64-bit
    b[5] = if big { 2 } else { 1 };
    b[6] = 1;
    let (t, m) = if big {
        (3u16.to_be_bytes(), machine.to_be_bytes())
    } else {
        (3u16.to_le_bytes(), machine.to_le_bytes())
    };
    b[16..18].copy_from_slice(&t);
    b[18..20].copy_from_slice(&m);
    b
}

#[cfg(target_os = "linux")]
#[test]
fn a_library_for_another_architecture_is_bad_exe_format() {
    let _com = ComInit::mta().unwrap();
    let scene = Scene::new();
    // Some architecture this process is not.
    let (machine, big, name) = if std::env::consts::ARCH == "s390x" {
        (62, false, "x86_64")
    } else {
        (22, true, "s390x")
    };
    let module = file_with(&scene, "libother.so", &elf_header(machine, big));
    scene.register_class(&module, CLSID_X, ThreadingModel::Both, None);
    let m = expect_failure(
        &CLSID_X,
        ERROR_BAD_EXE_FORMAT_HR,
        &[s(&module), name, std::env::consts::ARCH],
    );
    assert_eq!(ERROR_BAD_EXE_FORMAT_HR.as_u32(), 0x8007_00C1);
    assert!(m.contains("built for"), "{m}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_library_for_another_os_is_wrong_os() {
    let _com = ComInit::mta().unwrap();
    let scene = Scene::new();
    let mut pe = vec![0u8; 0x100];
    pe[..2].copy_from_slice(b"MZ");
    pe[0x3c..0x40].copy_from_slice(&0x80u32.to_le_bytes());
    pe[0x80..0x84].copy_from_slice(b"PE\0\0");
    pe[0x84..0x86].copy_from_slice(&0xaa64u16.to_le_bytes());
    let dll = file_with(&scene, "server.dll", &pe);
    scene.register_class(&dll, CLSID_X, ThreadingModel::Both, None);
    expect_failure(
        &CLSID_X,
        CO_E_WRONGOSFORAPP,
        &[s(&dll), "Windows", "aarch64", "PE"],
    );

    let mut macho = vec![0u8; 32];
    macho[..4].copy_from_slice(&0xfeed_facfu32.to_le_bytes());
    macho[4..8].copy_from_slice(&0x0100_0007u32.to_le_bytes());
    let dylib = file_with(&scene, "libserver.dylib", &macho);
    let clsid = GUID::parse("0f4c2a9e-5b71-4d3c-8e26-91a0b7c4d5e8");
    scene.register_class(&dylib, clsid, ThreadingModel::Both, None);
    expect_failure(&clsid, CO_E_WRONGOSFORAPP, &[s(&dylib), "macOS", "x86_64"]);
    assert_eq!(CO_E_WRONGOSFORAPP.as_u32(), 0x8004_01FA);
}

#[test]
fn a_library_without_dllgetclassobject_is_errorindll() {
    let _com = ComInit::mta().unwrap();
    let scene = Scene::new();
    let module = compile_c(
        scene.modules_dir.path(),
        "libplain.so",
        "int not_a_com_server(void) { return 42; }\n",
    );
    scene.register_class(&module, CLSID_X, ThreadingModel::Both, None);
    expect_failure(
        &CLSID_X,
        CO_E_ERRORINDLL,
        &[s(&module), "does not export DllGetClassObject"],
    );
}

#[test]
fn a_failing_dllgetclassobject_is_passed_through() {
    let _com = ComInit::mta().unwrap();
    let scene = Scene::new();
    // A Rust sample asked for a class it does not serve.
    let module = scene.module(STUFF);
    scene.register_class(&module, CLSID_X, ThreadingModel::Both, None);
    expect_failure(
        &CLSID_X,
        CLASS_E_CLASSNOTAVAILABLE,
        &[s(&module), "DllGetClassObject failed"],
    );
    // A C module whose DllGetClassObject fails with its own code.
    let c = compile_c(
        scene.modules_dir.path(),
        "libfailing.so",
        "int DllGetClassObject(const void *c, const void *i, void **ppv) { (void)c; (void)i; *ppv = 0; return (int)0x8007000E; }\n",
    );
    let clsid = GUID::parse("0f4c2a9e-5b71-4d3c-8e26-91a0b7c4d5e9");
    scene.register_class(&c, clsid, ThreadingModel::Both, None);
    expect_failure(&clsid, E_OUTOFMEMORY, &[s(&c), "DllGetClassObject failed"]);
}

#[test]
fn a_failure_leaves_no_module_loaded_and_the_next_attempt_tries_again() {
    let _com = ComInit::mta().unwrap();
    let scene = Scene::new();
    let module = scene
        .modules_dir
        .path()
        .join(anycom_tests::dylib_file_name(STUFF.1));
    std::fs::write(&module, b"not yet").unwrap();
    scene.register_class(&module, CLSID_Stuff, ThreadingModel::Both, None);
    expect_failure(&CLSID_Stuff, CO_E_DLLNOTFOUND, &["not a shared library"]);
    assert!(scene.loader.loaded_modules().is_empty());
    // The real module arrives at the same path: the next activation loads it.
    std::fs::copy(anycom_tests::cdylib(STUFF.0, STUFF.1), &module).unwrap();
    let stuff: IStuff = create_instance(&CLSID_Stuff, None, CLSCTX_INPROC_SERVER).unwrap();
    assert_eq!(stuff.Count(), 0);
    assert_eq!(scene.loader.stats().loads, 1);
}
