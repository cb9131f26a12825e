//! The object model against its baselines, in one run:
//! - a method call through an anycom interface pointer into a Rust object
//!   vs into a hand-written C vtable object (goal: within 5%);
//! - AddRef+Release, QueryInterface hit and miss, and object creation vs
//!   windows-core 0.100's `#[implement]`/`#[interface]` (goal: at least as fast).

use anycom::{IUnknown, Interface, implement, interface};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

#[interface("9b7c0000-0000-4000-8000-0000000000b1")]
unsafe trait IBench: IUnknown {
    fn Get(&self) -> u32;
}

#[interface("9b7c0000-0000-4000-8000-0000000000b2")]
unsafe trait IOther: IUnknown {
    fn Other(&self) -> u32;
}

#[implement(IBench, IOther)]
struct Bench {
    value: u32,
}
impl IBench_Impl for Bench_Impl {
    fn Get(&self) -> u32 {
        self.value
    }
}
impl IOther_Impl for Bench_Impl {
    fn Other(&self) -> u32 {
        self.value + 1
    }
}

#[allow(non_snake_case)]
mod win {
    #[allow(unused_imports)]
    use IUnknown_Vtbl as _;
    use windows_core::{IUnknown, IUnknown_Vtbl, implement, interface};

    #[interface("9b7c0000-0000-4000-8000-0000000000c1")]
    pub unsafe trait IWinBench: IUnknown {
        fn Get(&self) -> u32;
    }
    #[interface("9b7c0000-0000-4000-8000-0000000000c2")]
    pub unsafe trait IWinOther: IUnknown {
        fn Other(&self) -> u32;
    }
    #[interface("9b7c0000-0000-4000-8000-0000000000c3")]
    pub unsafe trait IWinNobody: IUnknown {
        fn Nothing(&self) -> u32;
    }

    #[implement(IWinBench, IWinOther)]
    pub struct WinBench {
        pub value: u32,
    }
    impl IWinBench_Impl for WinBench_Impl {
        unsafe fn Get(&self) -> u32 {
            self.value
        }
    }
    impl IWinOther_Impl for WinBench_Impl {
        unsafe fn Other(&self) -> u32 {
            self.value + 1
        }
    }
}

#[interface("9b7c0000-0000-4000-8000-0000000000b3")]
unsafe trait INobody: IUnknown {
    fn Nothing(&self) -> u32;
}

fn method_call(c: &mut Criterion) {
    let mut g = c.benchmark_group("method_call");
    let rust: IBench = Bench { value: 7 }.into();
    // SAFETY: the C object answers IBench's layout and hands us one reference.
    let c_obj: IBench =
        unsafe { IBench::from_raw(anycom_bench::anycom_bench_c_create(&IBench::IID, 7)) };
    g.bench_function("c_vtable_object", |b| b.iter(|| black_box(&c_obj).Get()));
    g.bench_function("anycom_rust_object", |b| b.iter(|| black_box(&rust).Get()));
    g.finish();
}

fn ref_counting(c: &mut Criterion) {
    let mut g = c.benchmark_group("addref_release");
    let ours: IBench = Bench { value: 7 }.into();
    let theirs: win::IWinBench = win::WinBench { value: 7 }.into();
    g.bench_function("windows_core", |b| {
        b.iter(|| drop(black_box(&theirs).clone()))
    });
    g.bench_function("anycom", |b| b.iter(|| drop(black_box(&ours).clone())));
    g.finish();

    let mut g = c.benchmark_group("query_interface_hit");
    g.bench_function("windows_core", |b| {
        b.iter(|| windows_core::Interface::cast::<win::IWinOther>(black_box(&theirs)).unwrap())
    });
    g.bench_function("anycom", |b| {
        b.iter(|| black_box(&ours).cast::<IOther>().unwrap())
    });
    g.finish();

    let mut g = c.benchmark_group("query_interface_miss");
    g.bench_function("windows_core", |b| {
        b.iter(|| windows_core::Interface::cast::<win::IWinNobody>(black_box(&theirs)).is_err())
    });
    g.bench_function("anycom", |b| {
        b.iter(|| black_box(&ours).cast::<INobody>().is_err())
    });
    g.finish();
}

fn creation(c: &mut Criterion) {
    let mut g = c.benchmark_group("create_release");
    g.bench_function("windows_core", |b| {
        b.iter(|| {
            let p: win::IWinBench = win::WinBench {
                value: black_box(1),
            }
            .into();
            p
        })
    });
    g.bench_function("anycom", |b| {
        b.iter(|| {
            let p: IBench = Bench {
                value: black_box(1),
            }
            .into();
            p
        })
    });
    g.finish();
}

criterion_group!(benches, method_call, ref_counting, creation);
criterion_main!(benches);
