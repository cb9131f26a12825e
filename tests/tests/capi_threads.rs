//! libanycom from several C threads (`tests/c/capi_threads.c`): four threads
//! of a C program activate registered Rust and C++ classes, use and release
//! the objects, while the main thread keeps unloading unused modules
//! (`CoFreeUnusedLibrariesEx(0, 0)`); every activation succeeds, every
//! object is released to zero, and at the end the C++ module is unloaded.
#![cfg(unix)]

mod capi_support;

use capi_support::CRegistry;

#[test]
fn activations_race_unloading_from_c_threads() {
    let reg = CRegistry::new();
    let cpp = reg.with_cpp_server();
    reg.with_rust_stuff();
    let stdout = capi_support::run_checks(
        "capi_threads",
        "capi_threads.c",
        &[cpp.to_str().unwrap(), "2000"],
        &reg.options(),
    );
    assert!(
        stdout.contains("8000 objects created and released on 4 threads"),
        "{stdout}"
    );
}
