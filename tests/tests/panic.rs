//! Panic containment: a panic inside a Rust COM method never unwinds into
//! the caller. HRESULT methods return E_UNEXPECTED, `Result` methods too,
//! other methods return zero; the object stays usable afterwards.

use anycom::{E_UNEXPECTED, HRESULT, IUnknown, implement, interface};
use std::sync::atomic::{AtomicU32, Ordering};

#[interface("5e2f7a10-0000-4000-8000-000000000001")]
unsafe trait IPanicky: IUnknown {
    fn Boom(&self) -> HRESULT;
    fn BoomCount(&self) -> u32;
    fn BoomResult(&self) -> anycom::Result<()>;
    fn BoomVoid(&self);
    fn Calm(&self) -> u32;
}

#[implement(IPanicky)]
struct Panicky {
    calls: AtomicU32,
}

impl IPanicky_Impl for Panicky_Impl {
    fn Boom(&self) -> HRESULT {
        self.calls.fetch_add(1, Ordering::SeqCst);
        panic!("boom");
    }
    fn BoomCount(&self) -> u32 {
        panic!("boom count")
    }
    fn BoomResult(&self) -> anycom::Result<()> {
        let v: Vec<u32> = Vec::new();
        // An out-of-bounds index panics inside a Result-returning method.
        let _ = v[std::hint::black_box(3)];
        Ok(())
    }
    fn BoomVoid(&self) {
        panic!("boom void")
    }
    fn Calm(&self) -> u32 {
        self.calls.fetch_add(1, Ordering::SeqCst) + 1
    }
}

fn quiet<R>(f: impl FnOnce() -> R) -> R {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let r = f();
    std::panic::set_hook(hook);
    r
}

#[test]
fn smoke_panic_becomes_e_unexpected() {
    let p: IPanicky = Panicky {
        calls: AtomicU32::new(0),
    }
    .into();
    assert_eq!(quiet(|| p.Boom()), E_UNEXPECTED);
}

#[test]
fn every_return_kind_is_contained() {
    let p: IPanicky = Panicky {
        calls: AtomicU32::new(0),
    }
    .into();
    quiet(|| {
        assert_eq!(p.Boom(), E_UNEXPECTED);
        assert_eq!(p.BoomCount(), 0);
        assert_eq!(p.BoomResult().unwrap_err().code(), E_UNEXPECTED);
        p.BoomVoid();
    });
    // The object is still usable and its state is consistent.
    assert_eq!(p.Calm(), 2);
}

#[test]
fn panics_are_contained_across_threads() {
    let obj = anycom::ComObject::new(Panicky {
        calls: AtomicU32::new(0),
    });
    let agile = obj.to_agile::<IPanicky>();
    quiet(|| {
        std::thread::scope(|s| {
            for _ in 0..2 {
                let a = agile.clone();
                s.spawn(move || {
                    for _ in 0..50 {
                        assert_eq!(a.get().Boom(), E_UNEXPECTED);
                    }
                });
            }
        })
    });
    assert_eq!(obj.calls.load(Ordering::SeqCst), 100);
}
