//! Error info read by a C caller (`tests/c/capi_error_info.c`): a Rust
//! method that returns an `anycom::Error` (the fixture server, loaded and
//! attached to libanycom's runtime by libanycom's loader) and a C++ method
//! that calls `SetErrorInfo` both leave error info that the C caller gets
//! once with `GetErrorInfo`, after `ISupportErrorInfo` says to trust it;
//! error info stays on the thread that set it.
#![cfg(unix)]

mod capi_support;

#[test]
fn rust_and_cpp_errors_reach_a_c_caller() {
    let reg = capi_support::CRegistry::new();
    reg.with_cpp_server();
    reg.with_rust_fixture();
    let stdout =
        capi_support::run_checks("capi_error_info", "capi_error_info.c", &[], &reg.options());
    assert!(
        stdout.contains("description \"RustFixture::Fail(0x80070005)\""),
        "{stdout}"
    );
}
