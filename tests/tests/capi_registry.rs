//! Activation through the registry from C (`tests/c/capi_registry.c`):
//! libanycom installs the registry and loader as its class source at first
//! use, so a C program finds classes registered in `ANYCOM_REGISTRY` by
//! ProgID and CLSID (the C++ server registered by its own
//! `DllRegisterServer` through `AnyComRegisterServer`, the Rust sample by a
//! registry file), loads each module once, unloads it with
//! `CoFreeUnusedLibrariesEx(0, 0)` and loads it again; failures carry error
//! info naming the class or module; `AnyComRegisterServer` and
//! `AnyComUnregisterServer` write the registry. Also: the C++ server's
//! `DllUnregisterServer` removes what its `DllRegisterServer` wrote.
#![cfg(unix)]

mod capi_support;

use anycom_loader::registry::{Layer, Registry};
use anycom_sample_interfaces::CLSID_Stuff;
use anycom_tests::native;
use capi_support::CRegistry;

/// `CLSID_CppStuff` and `CLSID_CppCalculator` (anycom_samples.h).
const CLSID_CPP_STUFF: anycom::GUID = anycom::GUID::parse("cc3c98fb-818e-43ea-a2fe-20b5048aa0d8");
const CLSID_CPP_CALCULATOR: anycom::GUID =
    anycom::GUID::parse("d48f5a17-7bb3-4df7-95cb-a1493c3ce716");

#[test]
fn a_c_program_activates_registered_classes() {
    let reg = CRegistry::new();
    let cpp = reg.with_cpp_server();
    let rust = reg.with_rust_stuff();
    reg.with_missing_module();
    capi_support::run_checks(
        "capi_registry",
        "capi_registry.c",
        &[cpp.to_str().unwrap(), rust.to_str().unwrap()],
        &reg.options(),
    );
}

#[test]
fn the_cpp_server_registers_and_unregisters_itself() {
    let reg = CRegistry::new();
    let cpp = reg.with_cpp_server();
    let registry = Registry::with_layers(vec![Layer::dir(reg.dir.path())]);
    let stuff = registry
        .lookup_class(&CLSID_CPP_STUFF)
        .expect("CppStuff registered");
    assert_eq!(&*stuff.module, cpp.as_path());
    assert_eq!(stuff.threading_model, anycom_loader::ThreadingModel::Both);
    assert_eq!(stuff.progid.as_deref(), Some("AnyCom.CppStuff.1"));
    assert_eq!(
        stuff.version_independent_progid.as_deref(),
        Some("AnyCom.CppStuff")
    );
    assert_eq!(
        stuff.description.as_deref(),
        Some("AnyCom C++ sample: a bag of numbers")
    );
    assert_eq!(
        registry.clsid_from_progid("AnyCom.CppCalculator.1"),
        Some(CLSID_CPP_CALCULATOR)
    );
    assert_eq!(
        registry.clsid_from_progid("AnyCom.CppCalculator"),
        Some(CLSID_CPP_CALCULATOR)
    );
    assert!(registry.lookup_class(&CLSID_Stuff).is_none());

    let regsvr = native::test_program("capi_regsvr", &["capi_regsvr.c"]);
    let out = native::run(&regsvr, &["-u", cpp.to_str().unwrap()], &reg.options());
    native::assert_ran_clean("capi_regsvr -u", &out);
    registry.refresh();
    assert!(registry.lookup_class(&CLSID_CPP_STUFF).is_none());
    assert!(registry.lookup_class(&CLSID_CPP_CALCULATOR).is_none());
    assert_eq!(registry.clsid_from_progid("AnyCom.CppStuff.1"), None);
}

#[test]
fn a_c_host_attaches_a_rust_module_it_loads_itself() {
    // capi_regsvr dlopens the Rust Stuff server by hand, attaches it with its
    // AnyComAttachRuntime(AnyComGetRuntime()), and runs its DllRegisterServer: the
    // Rust module's registration reaches libanycom's registry (without attaching,
    // its own copy of the runtime has no class source and says SELFREG_E_CLASS).
    let reg = CRegistry::new();
    let rust = capi_support::rust_stuff();
    let regsvr = native::test_program("capi_regsvr", &["capi_regsvr.c"]);
    let out = native::run(&regsvr, &[rust.to_str().unwrap()], &reg.options());
    let stdout = native::assert_ran_clean("capi_regsvr (Rust Stuff server)", &out);
    assert!(
        stdout.contains("AnyComAttachRuntime 0x00000000"),
        "{stdout}"
    );
    assert!(stdout.contains("DllRegisterServer 0x00000000"), "{stdout}");
    let registry = Registry::with_layers(vec![Layer::dir(reg.dir.path())]);
    let stuff = registry
        .lookup_class(&CLSID_Stuff)
        .expect("the Rust module registered itself");
    assert_eq!(&*stuff.module, rust.as_path());
    assert_eq!(
        registry.clsid_from_progid("AnyCom.Stuff.1"),
        Some(CLSID_Stuff)
    );
    // And back: DllUnregisterServer, attached the same way, removes it.
    let out = native::run(&regsvr, &["-u", rust.to_str().unwrap()], &reg.options());
    native::assert_ran_clean("capi_regsvr -u (Rust Stuff server)", &out);
    registry.refresh();
    assert!(registry.lookup_class(&CLSID_Stuff).is_none());
}
