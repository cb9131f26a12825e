//! The in-process runtime against its baselines, in one run:
//! - `CoCreateInstance` of a class registered with `CoRegisterClassObject`
//!   vs calling its factory's `CreateInstance` directly (goal ≤ 1.5×);
//! - two threads activating concurrently vs one thread (goal ≥ 1.8× the
//!   single-thread throughput): the same number of activations, split;
//! - posting a no-op to an STA and waiting for it (round trip) vs a bare
//!   crossbeam channel ping-pong between two threads (goal ≤ 1.5×).

use anycom::runtime::{Apartment, ComInit, register_class_object};
use anycom::server::{ClassFactory, Construct, Creator};
use anycom::{
    CLSCTX_INPROC_SERVER, GUID, HRESULT, IClassFactory, IUnknown, Interface, REGCLS_MULTIPLEUSE,
    implement, interface,
};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::{Duration, Instant};

#[interface("9b7c0000-0000-4000-8000-0000000000d1")]
unsafe trait IRtBench: IUnknown {
    fn Get(&self) -> u32;
}

#[implement(IRtBench, no_aggregation)]
#[derive(Default)]
struct RtBench {
    value: u32,
}
impl IRtBench_Impl for RtBench_Impl {
    fn Get(&self) -> u32 {
        self.value
    }
}

impl Construct for RtBench {
    fn construct() -> anycom::Result<Self> {
        Ok(RtBench::default())
    }
}

const CLSID_RT_BENCH: GUID = GUID::parse("9b7c0000-0000-4000-8000-0000000000d2");

fn activation(c: &mut Criterion) {
    let _mta = ComInit::mta().unwrap();
    let factory: IClassFactory = ClassFactory::new(Creator::of::<RtBench>()).into();
    let _reg = register_class_object(
        &CLSID_RT_BENCH,
        factory.as_unknown(),
        CLSCTX_INPROC_SERVER,
        REGCLS_MULTIPLEUSE,
    )
    .unwrap();
    let mut g = c.benchmark_group("activation");
    g.bench_function("factory_create_instance", |b| {
        b.iter(|| {
            let mut p = core::ptr::null_mut();
            // SAFETY: valid arguments; the new reference is released below.
            let hr: HRESULT =
                unsafe { factory.CreateInstance(core::ptr::null_mut(), &IRtBench::IID, &mut p) };
            assert!(hr.is_ok());
            // SAFETY: success handed us one reference.
            drop(unsafe { IRtBench::from_raw(p) });
        })
    });
    g.bench_function("co_create_instance", |b| {
        b.iter(|| {
            let p: IRtBench = anycom::runtime::create_instance(
                black_box(&CLSID_RT_BENCH),
                None,
                CLSCTX_INPROC_SERVER,
            )
            .unwrap();
            p
        })
    });
    g.finish();

    // Throughput: the same number of activations on one thread, then split over two.
    let mut g = c.benchmark_group("activation_threads");
    let run = |threads: usize, iters: u64| -> Duration {
        let per = iters / threads as u64;
        let start = std::sync::Barrier::new(threads + 1);
        std::thread::scope(|s| {
            let hs: Vec<_> = (0..threads)
                .map(|_| {
                    let start = &start;
                    s.spawn(move || {
                        let _mta = ComInit::mta().unwrap();
                        start.wait();
                        for _ in 0..per {
                            let p: IRtBench = anycom::runtime::create_instance(
                                &CLSID_RT_BENCH,
                                None,
                                CLSCTX_INPROC_SERVER,
                            )
                            .unwrap();
                            black_box(p);
                        }
                    })
                })
                .collect();
            start.wait();
            let t = Instant::now();
            for h in hs {
                h.join().unwrap();
            }
            t.elapsed()
        })
    };
    g.bench_function("one_thread_per_activation", |b| {
        b.iter_custom(|iters| run(1, iters.max(2)))
    });
    g.bench_function("two_threads_per_activation", |b| {
        b.iter_custom(|iters| run(2, iters.max(2)))
    });
    g.finish();
}

fn sta_round_trip(c: &mut Criterion) {
    let mut g = c.benchmark_group("round_trip");
    // Baseline: two threads ping-ponging over bounded crossbeam channels.
    {
        let (to_tx, to_rx) = crossbeam::channel::bounded::<u32>(1);
        let (back_tx, back_rx) = crossbeam::channel::bounded::<u32>(1);
        let echo = std::thread::spawn(move || {
            while let Ok(v) = to_rx.recv() {
                if back_tx.send(v).is_err() {
                    break;
                }
            }
        });
        g.bench_function("crossbeam_ping_pong", |b| {
            b.iter(|| {
                to_tx.send(1).unwrap();
                back_rx.recv().unwrap()
            })
        });
        drop(to_tx);
        echo.join().unwrap();
    }
    // anycom: an MTA thread calls a no-op on a host STA and waits for it.
    {
        let _mta = ComInit::mta().unwrap();
        let sta = Apartment::spawn_sta().unwrap();
        let apt = sta.apartment().clone();
        g.bench_function("sta_call_noop", |b| {
            b.iter(|| apt.call(|| black_box(1u32)).unwrap())
        });
        drop(apt);
        sta.shutdown();
    }
    g.finish();
}

criterion_group!(benches, activation, sta_round_trip);
criterion_main!(benches);
