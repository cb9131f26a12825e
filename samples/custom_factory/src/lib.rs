//! Sample in-process server: `Widget`, a class that brings its own class
//! object (ATL's `DECLARE_CLASSFACTORY_EX`): `WidgetFactory` creates widgets
//! through the class's creator like the standard factory, numbers them and
//! counts them, and answers `IInstanceCounter` besides `IClassFactory`.

use anycom::server::{Construct, Creator, module};
use anycom::{BOOL, GUID, HRESULT, IClassFactory, IClassFactory_Impl, IUnknown, implement};
use anycom_sample_interfaces::*;
use core::ffi::c_void;
use std::sync::atomic::{AtomicU32, Ordering};

/// The last serial number given out.
static SERIAL: AtomicU32 = AtomicU32::new(0);
/// Widgets handed out by `CreateInstance` of any widget factory.
static CREATED: AtomicU32 = AtomicU32::new(0);
/// Widgets alive now.
static LIVE: AtomicU32 = AtomicU32::new(0);

/// A widget with a serial number.
#[implement(IWidget, no_aggregation)]
pub struct Widget {
    serial: u32,
}

impl Construct for Widget {
    fn construct() -> anycom::Result<Self> {
        LIVE.fetch_add(1, Ordering::Relaxed);
        Ok(Widget {
            serial: SERIAL.fetch_add(1, Ordering::Relaxed) + 1,
        })
    }
}

impl Drop for Widget {
    fn drop(&mut self) {
        LIVE.fetch_sub(1, Ordering::Relaxed);
    }
}

impl IWidget_Impl for Widget_Impl {
    fn Serial(&self) -> u32 {
        self.serial
    }
}

/// The widget's own class object. Like every class object it does not hold
/// the module (`no_module_lock`).
#[implement(IClassFactory, IInstanceCounter, no_aggregation, no_module_lock)]
pub struct WidgetFactory {
    creator: Creator,
}

impl WidgetFactory {
    /// What the object map calls for a new class object.
    pub fn make(creator: Creator) -> anycom::Result<IUnknown> {
        Ok(WidgetFactory { creator }.into())
    }
}

impl IClassFactory_Impl for WidgetFactory_Impl {
    unsafe fn CreateInstance(
        &self,
        outer: *mut c_void,
        riid: *const GUID,
        ppv: *mut *mut c_void,
    ) -> HRESULT {
        // SAFETY: the COM caller's arguments, passed on unchanged.
        let hr = unsafe { self.creator.create_instance(outer, riid, ppv) };
        if hr.is_ok() {
            CREATED.fetch_add(1, Ordering::Relaxed);
        }
        hr
    }

    fn LockServer(&self, lock: BOOL) -> HRESULT {
        module::lock_server(lock)
    }
}

impl IInstanceCounter_Impl for WidgetFactory_Impl {
    fn Created(&self) -> u32 {
        CREATED.load(Ordering::Relaxed)
    }

    fn Live(&self) -> u32 {
        LIVE.load(Ordering::Relaxed)
    }
}

anycom::object_map! {
    Widget {
        clsid: CLSID_Widget,
        factory: Custom(WidgetFactory::make),
        threading_model: Free,
        progid: "AnyCom.Widget.1",
        version_independent_progid: "AnyCom.Widget",
        description: "AnyCom sample: widgets from their own counting factory",
    },
}
