//! libanycom's C test programs under valgrind's memcheck
//! (`--error-exitcode=1 --leak-check=full`, with the justified suppressions
//! of `tests/c/capi_valgrind.supp`): no invalid access, no uninitialised
//! read, no leak, in `capi_exports`, `capi_objects`, `capi_memory`,
//! `capi_registry`, `capi_error_info`, `capi_threads`, `capi_cpp_client` and the C sample client.
//!
//! Slow (valgrind runs Rust code some 20-50 times slower), so ignored by a
//! plain `cargo test`; CI runs it with
//! `cargo test -p anycom-tests --test capi_valgrind -- --ignored`
//! (Linux, with valgrind installed).
#![cfg(target_os = "linux")]

mod capi_support;

use anycom_tests::native::{self, RunOptions};
use capi_support::CRegistry;

fn memcheck(name: &str, program: &std::path::Path, args: &[&str], reg: &CRegistry) {
    assert!(
        native::have_valgrind(),
        "valgrind is not installed (apt-get install valgrind)"
    );
    let options = RunOptions {
        valgrind: true,
        ..reg.options()
    };
    let out = native::run(program, args, &options);
    // Exit status 0: the program's own checks passed and memcheck found nothing
    // (--error-exitcode=1); with --quiet, memcheck prints only what it finds.
    native::assert_ran_clean(&format!("{name} under valgrind"), &out);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("=="),
        "{name}: valgrind reported:\n{stderr}"
    );
}

#[test]
#[ignore = "slow: run by .ci/run with --ignored"]
fn exports_run_clean_under_memcheck() {
    let reg = CRegistry::new();
    memcheck(
        "capi_exports",
        &native::test_program("capi_exports", &["capi_exports.c"]),
        &[],
        &reg,
    );
}

#[test]
#[ignore = "slow: run by .ci/run with --ignored"]
fn objects_run_clean_under_memcheck() {
    let reg = CRegistry::new();
    let rust = capi_support::rust_stuff();
    let cpp = native::cpp_server();
    let program = native::test_program("capi_objects", &["capi_objects.c"]);
    memcheck(
        "capi_objects",
        &program,
        &[rust.to_str().unwrap(), cpp.to_str().unwrap()],
        &reg,
    );
}

#[test]
#[ignore = "slow: run by .ci/run with --ignored"]
fn memory_runs_clean_under_memcheck() {
    let reg = CRegistry::new();
    let cpp = native::cpp_server();
    let fixture = capi_support::rust_fixture();
    let program = native::test_program("capi_memory", &["capi_memory.c"]);
    memcheck(
        "capi_memory",
        &program,
        &[cpp.to_str().unwrap(), fixture.to_str().unwrap()],
        &reg,
    );
}

#[test]
#[ignore = "slow: run by .ci/run with --ignored"]
fn registry_runs_clean_under_memcheck() {
    let reg = CRegistry::new();
    let cpp = reg.with_cpp_server();
    let rust = reg.with_rust_stuff();
    reg.with_missing_module();
    let program = native::test_program("capi_registry", &["capi_registry.c"]);
    memcheck(
        "capi_registry",
        &program,
        &[cpp.to_str().unwrap(), rust.to_str().unwrap()],
        &reg,
    );
}

#[test]
#[ignore = "slow: run by .ci/run with --ignored"]
fn error_info_runs_clean_under_memcheck() {
    let reg = CRegistry::new();
    reg.with_cpp_server();
    reg.with_rust_fixture();
    let program = native::test_program("capi_error_info", &["capi_error_info.c"]);
    memcheck("capi_error_info", &program, &[], &reg);
}

#[test]
#[ignore = "slow: run by .ci/run with --ignored"]
fn the_c_client_runs_clean_under_memcheck() {
    let reg = CRegistry::new();
    reg.with_cpp_server();
    reg.with_rust_stuff();
    memcheck("c_client", &native::c_client(), &[], &reg);
}

#[test]
#[ignore = "slow: run by .ci/run with --ignored"]
fn the_cpp_client_runs_clean_under_memcheck() {
    let reg = CRegistry::new();
    reg.with_cpp_server();
    reg.with_rust_stuff();
    let program = native::test_program("capi_cpp_client", &["capi_cpp_client.cpp"]);
    memcheck("capi_cpp_client", &program, &[], &reg);
}

#[test]
#[ignore = "slow: run by .ci/run with --ignored"]
fn threads_run_clean_under_memcheck() {
    let reg = CRegistry::new();
    let cpp = reg.with_cpp_server();
    reg.with_rust_stuff();
    let program = native::test_program("capi_threads", &["capi_threads.c"]);
    memcheck(
        "capi_threads",
        &program,
        &[cpp.to_str().unwrap(), "200"],
        &reg,
    );
}
