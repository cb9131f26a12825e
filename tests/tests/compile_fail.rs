//! Misusing `#[interface]` or `#[implement]` is a compile error with a
//! spanned message (trybuild UI tests: tests/ui/*.rs with their .stderr).

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/*.rs");
}
