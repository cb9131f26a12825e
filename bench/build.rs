//! Compiles the C baselines the benchmarks compare against.
fn main() {
    println!("cargo:rerun-if-changed=c/vtable_object.c");
    cc::Build::new()
        .file("c/vtable_object.c")
        .opt_level(3)
        .compile("anycom_bench_c");
}
