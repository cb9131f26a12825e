//! What the one-runtime tests (`one_runtime.rs`, `capi_one_runtime.rs`)
//! share: the Rust probe plugin activated through a [`Scene`], a class the
//! host registers in its own class table, and the check that a plugin sees,
//! on other threads, the apartment the host's runtime sees there.
#![allow(dead_code)]

use crate::loader_support::{Sample, Scene};
use anycom::runtime::create_instance;
use anycom::server::Construct;
use anycom::{
    APTTYPE_MAINSTA, APTTYPE_MTA, APTTYPE_STA, APTTYPEQUALIFIER_IMPLICIT_MTA,
    APTTYPEQUALIFIER_NONE, CLSCTX_INPROC_SERVER, CLSID, CO_E_NOTINITIALIZED, GUID, HRESULT,
    IUnknown, S_OK, implement, interface,
};
use anycom_loader::ThreadingModel;
use anycom_test_runtime_plugin::{CLSID_RuntimeProbe, IRuntimeProbe};

/// The Rust probe plugin (`tests/fixtures/runtime_plugin`).
pub const RUST_PROBE: Sample = ("anycom-test-runtime-plugin", "anycom_test_runtime_plugin");

/// Installs and registers the Rust probe plugin in `scene`, and activates it.
pub fn rust_probe(scene: &Scene) -> IRuntimeProbe {
    let module = scene.module(RUST_PROBE);
    scene.register_class(&module, CLSID_RuntimeProbe, ThreadingModel::Both, None);
    create_instance(&CLSID_RuntimeProbe, None, CLSCTX_INPROC_SERVER)
        .expect("activate the Rust probe")
}

/// What the class the host registers answers.
#[interface("3e0f6a71-9c2b-4d58-a1e4-7b6c5d4e3f43")]
pub unsafe trait IHostThing: IUnknown {
    fn Answer(&self) -> u32;
}

/// A class the host registers in its class table (`Answer` is 42).
#[implement(IHostThing, no_aggregation)]
pub struct HostThing;
impl IHostThing_Impl for HostThing_Impl {
    fn Answer(&self) -> u32 {
        42
    }
}
impl Construct for HostThing {
    fn construct() -> anycom::Result<Self> {
        Ok(HostThing)
    }
}

/// [`HostThing`]'s CLSID.
pub const CLSID_HOST_THING: CLSID = GUID::parse("3e0f6a71-9c2b-4d58-a1e4-7b6c5d4e3f44");

/// Calls `apartment_type` (a plugin's `CoGetApartmentType`, through a pointer
/// usable from any thread) on a new STA thread, where it must answer an STA,
/// and on a new uninitialized thread, where it must answer exactly what the
/// host's runtime answers there: `CO_E_NOTINITIALIZED`, or the implicit MTA
/// while another test holds the MTA.
pub fn assert_sees_the_hosts_apartment_on_other_threads(
    apartment_type: impl Fn(*mut i32, *mut i32) -> HRESULT + Sync,
) {
    let apartment_type = &apartment_type;
    std::thread::scope(|s| {
        s.spawn(|| {
            let _sta = anycom::runtime::ComInit::sta().unwrap();
            let (mut t, mut q) = (-9, -9);
            assert_eq!(apartment_type(&mut t, &mut q), S_OK);
            assert!(t == APTTYPE_STA || t == APTTYPE_MAINSTA, "{t}");
            assert_eq!(q, APTTYPEQUALIFIER_NONE);
        })
        .join()
        .unwrap();
        s.spawn(|| {
            let (mut t, mut q) = (-9, -9);
            let (mut ht, mut hq) = (-8, -8);
            let hr = apartment_type(&mut t, &mut q);
            // SAFETY: valid out pointers.
            let host_hr = unsafe { anycom::api::CoGetApartmentType(&mut ht, &mut hq) };
            assert_eq!((hr, t, q), (host_hr, ht, hq));
            assert!(
                hr == CO_E_NOTINITIALIZED || (t, q) == (APTTYPE_MTA, APTTYPEQUALIFIER_IMPLICIT_MTA)
            );
        })
        .join()
        .unwrap();
    });
}
