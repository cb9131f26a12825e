//! Registry lookups as the registry grows (goal: a lookup among 10 000
//! registered classes within 2× of one among 10).
//!
//! Each size gets its own layer directory (100 classes per module file) and
//! a fresh `Registry`; each iteration looks up the next CLSID in turn (or
//! the next ProgID), so the whole table is exercised, not one hot entry.

use anycom::GUID;
use anycom_loader::registry::{ClassRegistration, Layer, ModuleEntry, Registry, ThreadingModel};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn clsid(i: u32) -> GUID {
    GUID::from_values(
        0x5151_0000 ^ i,
        0x1234,
        0x4567,
        [
            0x89,
            0xab,
            (i >> 24) as u8,
            (i >> 16) as u8,
            (i >> 8) as u8,
            i as u8,
            0x42,
            0x17,
        ],
    )
}

fn progid(i: u32) -> String {
    format!("Bench.Class{i}.1")
}

/// A layer holding `n` classes, 100 per module file.
fn populate(dir: &std::path::Path, n: u32) -> Layer {
    let layer = Layer::dir(dir.join("registry"));
    let per_module = 100;
    for m in 0..n.div_ceil(per_module) {
        let module = dir.join(format!("libbench{m}.so"));
        std::fs::write(&module, b"").expect("module file");
        let mut entry = ModuleEntry::new(&module);
        for i in m * per_module..((m + 1) * per_module).min(n) {
            entry.classes.push(ClassRegistration {
                clsid: clsid(i),
                threading_model: ThreadingModel::Both,
                progid: Some(progid(i)),
                version_independent_progid: None,
                description: None,
            });
        }
        layer.register_module(entry).expect("register");
    }
    layer
}

fn registry(c: &mut Criterion) {
    let mut g = c.benchmark_group("registry_lookup");
    for n in [10u32, 10_000] {
        let dir = tempfile::tempdir().expect("temp dir");
        let registry = Registry::with_layers(vec![populate(dir.path(), n)]);
        let clsids: Vec<GUID> = (0..n).map(clsid).collect();
        let progids: Vec<String> = (0..n).map(progid).collect();
        assert!(registry.lookup_class(&clsids[n as usize - 1]).is_some());
        let mut i = 0usize;
        g.bench_function(BenchmarkId::new("lookup_class", n), |b| {
            b.iter(|| {
                i = if i + 1 == clsids.len() { 0 } else { i + 1 };
                black_box(registry.lookup_class(black_box(&clsids[i])))
            })
        });
        let mut j = 0usize;
        g.bench_function(BenchmarkId::new("clsid_from_progid", n), |b| {
            b.iter(|| {
                j = if j + 1 == progids.len() { 0 } else { j + 1 };
                black_box(registry.clsid_from_progid(black_box(&progids[j])))
            })
        });
    }
    g.finish();
}

criterion_group!(benches, registry);
criterion_main!(benches);
