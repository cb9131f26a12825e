//! COM's rules on objects from other modules, checked from C
//! (`tests/c/capi_objects.c`): a Rust object (the Stuff sample) and a C++
//! object with multiple inheritance (the C++ sample server's CppStuff), both
//! activated through libanycom's class table: QueryInterface's identity,
//! reflexive, symmetric, transitive and stable rules, `E_NOINTERFACE` with
//! `*ppv` NULL, `E_POINTER`; reference counts across the boundary (exact
//! AddRef/Release values, one count per object); enumerators handed out by
//! the objects; the module lock count (`DllCanUnloadNow`, `LockServer`);
//! factories refusing aggregation.
#![cfg(unix)]

mod capi_support;

use anycom_tests::native;

#[test]
fn qi_rules_and_reference_counts_of_rust_and_cpp_objects_from_c() {
    let rust = capi_support::rust_stuff();
    let cpp = native::cpp_server();
    let reg = capi_support::CRegistry::new();
    let stdout = capi_support::run_checks(
        "capi_objects",
        "capi_objects.c",
        &[rust.to_str().unwrap(), cpp.to_str().unwrap()],
        &reg.options(),
    );
    for part in [
        "QueryInterface rules: Rust Stuff",
        "QueryInterface rules: C++ CppStuff",
        "reference counts: C++ CppStuff",
    ] {
        assert!(stdout.contains(part), "{part} did not run:\n{stdout}");
    }
}
