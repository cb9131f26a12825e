//! libanycom's exports, from C: `tests/c/capi_exports.c` calls every function
//! libanycom exports with its documented edge cases (NULL arguments, bad
//! strings, small buffers, unregistered classes, wrong apartments; exact
//! HRESULTs and out-parameters), and a class written in C goes through the
//! class table. Also: the library exports exactly the Windows names (and the
//! IIDs as data) and nothing else of Rust's.
#![cfg(unix)]

mod capi_support;

use anycom_tests::native;

/// Every function and variable libanycom must export.
const EXPORTS: &[&str] = &[
    "CoInitialize",
    "CoInitializeEx",
    "CoUninitialize",
    "CoGetApartmentType",
    "CoGetCurrentProcess",
    "CoBuildVersion",
    "CoCreateInstance",
    "CoCreateInstanceEx",
    "CoGetClassObject",
    "CoRegisterClassObject",
    "CoRevokeClassObject",
    "CoSuspendClassObjects",
    "CoResumeClassObjects",
    "CoAddRefServerProcess",
    "CoReleaseServerProcess",
    "CoFreeUnusedLibraries",
    "CoFreeUnusedLibrariesEx",
    "CoTaskMemAlloc",
    "CoTaskMemRealloc",
    "CoTaskMemFree",
    "CoGetMalloc",
    "CoCreateGuid",
    "StringFromGUID2",
    "StringFromCLSID",
    "StringFromIID",
    "CLSIDFromString",
    "IIDFromString",
    "CLSIDFromProgID",
    "ProgIDFromCLSID",
    "SysAllocString",
    "SysAllocStringLen",
    "SysAllocStringByteLen",
    "SysReAllocString",
    "SysReAllocStringLen",
    "SysFreeString",
    "SysStringLen",
    "SysStringByteLen",
    "SetErrorInfo",
    "GetErrorInfo",
    "CreateErrorInfo",
    "AnyComPumpMessages",
    "AnyComGetPumpHandle",
    "AnyComPostQuit",
    "AnyComRegisterServer",
    "AnyComUnregisterServer",
    "AnyComGetModulePath",
    "AnyComAttachRuntime",
    "AnyComGetRuntime",
    "GUID_NULL",
    "IID_IUnknown",
    "IID_IClassFactory",
    "IID_IClassFactory2",
    "IID_IMalloc",
    "IID_IErrorInfo",
    "IID_ICreateErrorInfo",
    "IID_ISupportErrorInfo",
    "IID_IEnumUnknown",
];

#[test]
fn every_export_has_its_documented_edge_cases() {
    let reg = capi_support::CRegistry::new();
    capi_support::run_checks("capi_exports", "capi_exports.c", &[], &reg.options());
}

#[test]
fn the_library_exports_the_windows_names() {
    let lib = native::libanycom();
    // SAFETY: loading libanycom runs only its own initialisation.
    let lib = unsafe { libloading::Library::new(&lib) }.unwrap();
    for name in EXPORTS {
        // SAFETY: only the symbol's address is looked at.
        let sym = unsafe { lib.get::<*const u8>(name.as_bytes()) };
        assert!(sym.is_ok(), "libanycom does not export {name}");
    }
}

#[test]
fn the_exported_iids_have_their_values() {
    let lib = native::libanycom();
    // SAFETY: as above.
    let lib = unsafe { libloading::Library::new(&lib) }.unwrap();
    let expect: &[(&str, anycom::GUID)] = &[
        ("GUID_NULL", anycom::GUID::NULL),
        ("IID_IUnknown", anycom::IID_IUnknown),
        ("IID_IClassFactory", anycom::IID_IClassFactory),
        ("IID_IClassFactory2", anycom::IID_IClassFactory2),
        ("IID_IMalloc", anycom::IID_IMalloc),
        ("IID_IErrorInfo", anycom::IID_IErrorInfo),
        ("IID_ICreateErrorInfo", anycom::IID_ICreateErrorInfo),
        ("IID_ISupportErrorInfo", anycom::IID_ISupportErrorInfo),
        ("IID_IEnumUnknown", anycom::IID_IEnumUnknown),
    ];
    for (name, value) in expect {
        // SAFETY: the symbol is a `GUID` static in libanycom.
        let p = unsafe { lib.get::<*const anycom::GUID>(name.as_bytes()) }.unwrap();
        // SAFETY: p points at the exported GUID, alive while `lib` is.
        assert_eq!(unsafe { **p }, *value, "{name}");
    }
}

#[test]
#[cfg(target_os = "linux")]
fn only_the_com_api_is_exported() {
    // No Rust symbols (mangled names) leak out of the cdylib: `nm -D` lists
    // only C names, and each is one we meant to export.
    let lib = native::libanycom();
    let Ok(out) = std::process::Command::new("nm")
        .args(["-D", "--defined-only"])
        .arg(&lib)
        .output()
    else {
        panic!("nm is needed for this test");
    };
    let text = String::from_utf8_lossy(&out.stdout);
    let names: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split_whitespace().nth(2))
        .collect();
    assert!(!names.is_empty(), "nm listed nothing:\n{text}");
    for n in &names {
        assert!(EXPORTS.contains(n), "unexpected export {n}");
    }
    assert_eq!(names.len(), EXPORTS.len(), "{names:?}");
}
