//! Interfaces and objects shared by the object-model tests.
//!
//! `IAlpha`, `IBeta` derive from IUnknown; `IGamma` derives from `IBeta`
//! (single inheritance). Every object counts itself in [`LIVE`] while alive
//! and adds to [`DROPS`] when destroyed, so tests can prove destruction
//! happened exactly once and nothing leaked.
#![allow(non_snake_case, missing_docs)]

use anycom::{
    Aggregate, BOOL, ComObject, GUID, HRESULT, IClassFactory, IClassFactory_Impl, IUnknown,
    Interface, S_FALSE, S_OK, implement, interface,
};
use core::ffi::c_void;
use std::sync::atomic::{AtomicIsize, AtomicU32, AtomicUsize, Ordering};

/// Objects alive now (all fixture classes).
pub static LIVE: AtomicIsize = AtomicIsize::new(0);
/// Objects destroyed so far.
pub static DROPS: AtomicUsize = AtomicUsize::new(0);

/// Counts a fixture object alive until dropped.
#[derive(Debug)]
pub struct LiveToken(());
impl LiveToken {
    pub fn new() -> LiveToken {
        LIVE.fetch_add(1, Ordering::SeqCst);
        LiveToken(())
    }
}
impl Default for LiveToken {
    fn default() -> Self {
        LiveToken::new()
    }
}
impl Drop for LiveToken {
    fn drop(&mut self) {
        LIVE.fetch_sub(1, Ordering::SeqCst);
        DROPS.fetch_add(1, Ordering::SeqCst);
    }
}

#[interface("4a1b2c3d-0001-4000-8000-00000000a001")]
pub unsafe trait IAlpha: IUnknown {
    fn Alpha(&self) -> u32;
    fn SetAlpha(&self, v: u32) -> HRESULT;
}

#[interface("4a1b2c3d-0001-4000-8000-00000000b002")]
pub unsafe trait IBeta: IUnknown {
    fn Beta(&self) -> u32;
    unsafe fn BetaOut(&self, out: *mut u32) -> HRESULT;
}

#[interface("4a1b2c3d-0001-4000-8000-00000000c003")]
pub unsafe trait IGamma: IBeta {
    fn Gamma(&self) -> anycom::Result<()>;
}

/// An interface nothing implements.
#[interface("4a1b2c3d-0001-4000-8000-00000000d004")]
pub unsafe trait INobody: IUnknown {
    fn Nothing(&self);
}

/// One interface, not aggregatable.
#[implement(IAlpha, no_aggregation)]
pub struct Single {
    pub value: AtomicU32,
    pub _live: LiveToken,
}

impl Single {
    pub fn new(v: u32) -> Single {
        Single {
            value: AtomicU32::new(v),
            _live: LiveToken::new(),
        }
    }
}

impl IAlpha_Impl for Single_Impl {
    fn Alpha(&self) -> u32 {
        self.value.load(Ordering::Relaxed)
    }
    fn SetAlpha(&self, v: u32) -> HRESULT {
        self.value.store(v, Ordering::Relaxed);
        S_OK
    }
}

/// Three interfaces, IGamma derived from IBeta; aggregatable.
#[implement(IAlpha, IGamma)]
pub struct Multi {
    pub value: u32,
    pub fail_gamma: bool,
    pub _live: LiveToken,
}

impl Multi {
    pub fn new(v: u32) -> Multi {
        Multi {
            value: v,
            fail_gamma: false,
            _live: LiveToken::new(),
        }
    }
}

impl IAlpha_Impl for Multi_Impl {
    fn Alpha(&self) -> u32 {
        self.value
    }
    fn SetAlpha(&self, _v: u32) -> HRESULT {
        anycom::E_NOTIMPL
    }
}
impl IBeta_Impl for Multi_Impl {
    fn Beta(&self) -> u32 {
        self.value * 2
    }
    unsafe fn BetaOut(&self, out: *mut u32) -> HRESULT {
        if out.is_null() {
            return anycom::E_POINTER;
        }
        // SAFETY: the caller passes a valid out-pointer.
        unsafe { *out = self.value * 2 };
        S_OK
    }
}
impl IGamma_Impl for Multi_Impl {
    fn Gamma(&self) -> anycom::Result<()> {
        if self.fail_gamma {
            return Err(anycom::Error::new(
                anycom::E_ACCESSDENIED,
                "gamma is switched off",
            ));
        }
        // A method can reach the object's other interfaces.
        let alpha: IAlpha = self.to_interface();
        assert_eq!(alpha.Alpha(), self.value);
        Ok(())
    }
}

/// An outer object aggregating a [`Multi`] and exposing its IBeta/IGamma
/// as its own (it implements IAlpha itself).
#[implement(IAlpha)]
pub struct Outer {
    #[aggregate(IBeta, IGamma)]
    pub inner: Aggregate,
    pub _live: LiveToken,
}

impl IAlpha_Impl for Outer_Impl {
    fn Alpha(&self) -> u32 {
        1000
    }
    fn SetAlpha(&self, _v: u32) -> HRESULT {
        S_FALSE
    }
}

impl Outer {
    /// Creates the outer, then the inner with the outer as controlling unknown.
    pub fn create(inner_value: u32) -> ComObject<Outer> {
        let outer = ComObject::new(Outer {
            inner: Aggregate::new(),
            _live: LiveToken::new(),
        });
        let inner = ComObject::create_aggregated(Multi::new(inner_value), &outer.as_unknown())
            .expect("aggregatable");
        outer.inner.set(inner).expect("first set");
        outer
    }
}

/// An outer that aggregates blindly: every interface it lacks is asked of the inner.
#[implement(INobodyButOuter)]
pub struct BlindOuter {
    #[aggregate]
    pub inner: Aggregate,
}

#[interface("4a1b2c3d-0001-4000-8000-00000000e005")]
pub unsafe trait INobodyButOuter: IUnknown {
    fn Outer(&self) -> u32;
}

impl INobodyButOuter_Impl for BlindOuter_Impl {
    fn Outer(&self) -> u32 {
        7
    }
}

/// Calls QueryInterface with a raw out-pointer prefilled with garbage;
/// returns the HRESULT and what was written.
pub fn raw_qi(unk: &IUnknown, iid: &GUID) -> (HRESULT, *mut core::ffi::c_void) {
    let mut out = 0xDEAD_BEEF_usize as *mut core::ffi::c_void;
    // SAFETY: out is a valid slot.
    let hr = unsafe { unk.query(iid, &mut out) };
    if hr.is_ok() {
        // SAFETY: success handed us a reference we must release.
        drop(unsafe { IUnknown::from_raw(out) });
    }
    (hr, out)
}

/// Interface IDs of every fixture interface, plus IUnknown.
pub fn all_iids() -> Vec<(&'static str, GUID)> {
    vec![
        ("IUnknown", IUnknown::IID),
        ("IAlpha", IAlpha::IID),
        ("IBeta", IBeta::IID),
        ("IGamma", IGamma::IID),
        ("INobody", INobody::IID),
        ("INobodyButOuter", INobodyButOuter::IID),
    ]
}

pub use crate::{on_thread, serial};

/// Live [`Factory`] class objects (of this test binary).
pub static FACTORIES: AtomicIsize = AtomicIsize::new(0);

/// A class factory creating [`Multi`] objects with `value`; counts itself in [`FACTORIES`].
#[implement(IClassFactory)]
pub struct Factory {
    pub value: u32,
}
impl Factory {
    pub fn new(value: u32) -> Factory {
        FACTORIES.fetch_add(1, Ordering::SeqCst);
        Factory { value }
    }
}
impl Drop for Factory {
    fn drop(&mut self) {
        FACTORIES.fetch_sub(1, Ordering::SeqCst);
    }
}
impl IClassFactory_Impl for Factory_Impl {
    unsafe fn CreateInstance(
        &self,
        outer: *mut c_void,
        riid: *const GUID,
        ppv: *mut *mut c_void,
    ) -> HRESULT {
        // SAFETY: the arguments come straight from the caller of CreateInstance.
        unsafe {
            anycom::imp::create_instance::<Multi_Impl>(outer, riid, ppv, || Multi::new(self.value))
        }
    }
    fn LockServer(&self, _lock: BOOL) -> HRESULT {
        S_OK
    }
}
