//! libanycom from several C threads (`tests/c/capi_threads.c`): four threads
//! of a C program activate registered Rust and C++ classes, use and release
//! the objects, while the main thread keeps unloading unused modules
//! (`CoFreeUnusedLibrariesEx(0, 0)`); every activation succeeds, every
//! object is released to zero, and at the end the C++ module is unloaded.
#![cfg(unix)]

mod capi_support;

use anycom_tests::native;
use capi_support::CRegistry;

#[test]
fn activations_race_unloading_from_c_threads() {
    let reg = CRegistry::new();
    let cpp = reg.with_cpp_server();
    reg.with_rust_stuff();
    let program = native::test_program("capi_threads", &["capi_threads.c"]);
    let out = native::run(&program, &[cpp.to_str().unwrap(), "2000"], &reg.options());
    let stdout = native::assert_ran_clean("capi_threads", &out);
    assert!(
        stdout.contains("8000 objects created and released on 4 threads"),
        "{stdout}"
    );
    assert!(stdout.contains(" checks, 0 failed"), "{stdout}");
}
