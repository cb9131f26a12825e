//! The runtime's cache of class objects from a class source: a source that
//! allows it (`cache_class_objects`) is asked once per class, later
//! activations reuse the kept class object through the per-thread fast
//! path; `forget_source_objects` (what the loader does before unloading)
//! releases the runtime's reference; replacing the source forgets too; a
//! `CoRegisterClassObject` registration still wins over a kept object; and
//! a source that does not allow it is asked every time.

use anycom::runtime::class_table::forget_source_objects;
use anycom::runtime::source::{ClassObject, ClassSource, ServerRegistration, ThreadingModel};
use anycom::runtime::{ComInit, create_instance, register_class_object, set_class_source};
use anycom::server::{ClassFactory, Construct, Creator};
use anycom::*;
use anycom_tests::serial;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

#[interface("7c1d0000-0000-4000-8000-0000000000e1")]
unsafe trait IWhich: IUnknown {
    fn Which(&self) -> u32;
}

#[implement(IWhich, no_aggregation)]
struct SourceObject;
impl IWhich_Impl for SourceObject_Impl {
    fn Which(&self) -> u32 {
        1
    }
}
impl Construct for SourceObject {
    fn construct() -> anycom::Result<Self> {
        Ok(SourceObject)
    }
}
#[implement(IWhich, no_aggregation)]
struct TableObject;
impl IWhich_Impl for TableObject_Impl {
    fn Which(&self) -> u32 {
        2
    }
}
impl Construct for TableObject {
    fn construct() -> anycom::Result<Self> {
        Ok(TableObject)
    }
}

const CLSID_CACHED: GUID = GUID::parse("7c1d0000-0000-4000-8000-0000000000e2");

/// A source serving one class and counting how often it is asked.
struct Counting {
    cache: bool,
    asked: AtomicU32,
    factory: Agile<IClassFactory>,
}

impl Counting {
    fn new(cache: bool) -> Arc<Counting> {
        let f = ComObject::new(ClassFactory::new(Creator::of::<SourceObject>()));
        Arc::new(Counting {
            cache,
            asked: AtomicU32::new(0),
            factory: f.to_agile(),
        })
    }
    fn factory_refs(&self) -> u32 {
        let u = self.factory.get().as_unknown();
        // SAFETY: balanced AddRef/Release to read the count.
        unsafe {
            u.raw_add_ref();
            u.raw_release()
        }
    }
}

impl ClassSource for Counting {
    fn get_class_object(&self, clsid: &GUID, _clsctx: u32) -> anycom::Result<ClassObject> {
        if *clsid != CLSID_CACHED {
            return Err(Error::from_code(REGDB_E_CLASSNOTREG));
        }
        self.asked.fetch_add(1, Ordering::SeqCst);
        Ok(ClassObject {
            object: self.factory.get().as_unknown().clone(),
            threading_model: ThreadingModel::Both,
        })
    }
    fn clsid_from_progid(&self, _: &str) -> anycom::Result<GUID> {
        Err(Error::from_code(CO_E_CLASSSTRING))
    }
    fn progid_from_clsid(&self, _: &GUID) -> anycom::Result<String> {
        Err(Error::from_code(REGDB_E_CLASSNOTREG))
    }
    fn register_server(&self, _: &ServerRegistration) -> anycom::Result<()> {
        Err(Error::from_code(E_NOTIMPL))
    }
    fn unregister_server(&self, _: &std::path::Path) -> anycom::Result<()> {
        Err(Error::from_code(E_NOTIMPL))
    }
    fn cache_class_objects(&self) -> bool {
        self.cache
    }
}

fn make() -> IWhich {
    create_instance(&CLSID_CACHED, None, CLSCTX_INPROC_SERVER).unwrap()
}

#[test]
fn smoke_cached_source_is_asked_once() {
    let _s = serial();
    let _com = ComInit::mta().unwrap();
    let src = Counting::new(true);
    set_class_source(src.clone());
    for _ in 0..100 {
        assert_eq!(make().Which(), 1);
    }
    assert_eq!(
        src.asked.load(Ordering::SeqCst),
        1,
        "one lookup, then the kept class object"
    );
    anycom::runtime::source::clear_class_source();
}

#[test]
fn forgetting_releases_the_runtimes_reference() {
    let _s = serial();
    let _com = ComInit::mta().unwrap();
    let src = Counting::new(true);
    let idle = src.factory_refs();
    set_class_source(src.clone());
    drop(make());
    assert_eq!(
        src.factory_refs(),
        idle + 1,
        "the runtime keeps one reference"
    );
    forget_source_objects();
    assert_eq!(
        src.factory_refs(),
        idle,
        "forgotten: released at once (nothing in flight)"
    );
    drop(make());
    assert_eq!(
        src.asked.load(Ordering::SeqCst),
        2,
        "asked again after forgetting"
    );
    // Replacing the source forgets as well.
    anycom::runtime::source::clear_class_source();
    assert_eq!(src.factory_refs(), idle);
    assert_eq!(
        create_instance::<IWhich>(&CLSID_CACHED, None, CLSCTX_INPROC_SERVER)
            .unwrap_err()
            .code(),
        REGDB_E_CLASSNOTREG,
        "no source: the kept object is gone too"
    );
}

#[test]
fn a_registered_class_object_wins_over_a_kept_one() {
    let _s = serial();
    let _com = ComInit::mta().unwrap();
    let src = Counting::new(true);
    set_class_source(src.clone());
    assert_eq!(make().Which(), 1);
    let table: IClassFactory = ClassFactory::new(Creator::of::<TableObject>()).into();
    let reg = register_class_object(
        &CLSID_CACHED,
        table.as_unknown(),
        CLSCTX_INPROC_SERVER,
        REGCLS_MULTIPLEUSE,
    )
    .unwrap();
    assert_eq!(make().Which(), 2, "CoRegisterClassObject comes first");
    reg.revoke().unwrap();
    assert_eq!(make().Which(), 1, "revoked: the kept source object again");
    assert_eq!(src.asked.load(Ordering::SeqCst), 1);
    // A context without CLSCTX_INPROC_SERVER never uses the kept in-process class object.
    let _ = create_instance::<IWhich>(&CLSID_CACHED, None, CLSCTX_LOCAL_SERVER);
    assert_eq!(
        src.asked.load(Ordering::SeqCst),
        2,
        "CLSCTX_LOCAL_SERVER asked the source"
    );
    anycom::runtime::source::clear_class_source();
}

#[test]
fn a_source_that_does_not_allow_caching_is_asked_every_time() {
    let _s = serial();
    let _com = ComInit::mta().unwrap();
    let src = Counting::new(false);
    let idle = src.factory_refs();
    set_class_source(src.clone());
    for _ in 0..10 {
        assert_eq!(make().Which(), 1);
    }
    assert_eq!(src.asked.load(Ordering::SeqCst), 10);
    assert_eq!(src.factory_refs(), idle, "nothing kept");
    anycom::runtime::source::clear_class_source();
}

#[test]
fn kept_objects_survive_concurrent_forgetting() {
    let _s = serial();
    let _com = ComInit::mta().unwrap();
    let src = Counting::new(true);
    let idle = src.factory_refs();
    set_class_source(src.clone());
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                for _ in 0..20_000 {
                    assert_eq!(make().Which(), 1);
                }
            });
        }
        s.spawn(|| {
            for _ in 0..2_000 {
                forget_source_objects();
                std::thread::yield_now();
            }
        });
    });
    forget_source_objects();
    assert_eq!(
        src.factory_refs(),
        idle,
        "every kept reference released once nothing is in flight"
    );
    anycom::runtime::source::clear_class_source();
}

#[test]
fn only_mta_activations_keep_the_class_object() {
    let _s = serial();
    let src = Counting::new(true);
    set_class_source(src.clone());
    // From an STA: the source is asked every time (a source that applies
    // the MTA unload delay must see MTA use before anything is kept).
    std::thread::scope(|s| {
        s.spawn(|| {
            let _sta = ComInit::sta().unwrap();
            for _ in 0..3 {
                assert_eq!(make().Which(), 1);
            }
        });
    });
    assert_eq!(
        src.asked.load(Ordering::SeqCst),
        3,
        "not kept for an STA caller"
    );
    // From the MTA: asked once more, then kept; an STA then uses the kept object too.
    let _com = ComInit::mta().unwrap();
    for _ in 0..3 {
        assert_eq!(make().Which(), 1);
    }
    assert_eq!(
        src.asked.load(Ordering::SeqCst),
        4,
        "kept after one MTA activation"
    );
    std::thread::scope(|s| {
        s.spawn(|| {
            let _sta = ComInit::sta().unwrap();
            assert_eq!(make().Which(), 1);
        });
    });
    assert_eq!(
        src.asked.load(Ordering::SeqCst),
        4,
        "the kept object serves every apartment"
    );
    anycom::runtime::source::clear_class_source();
}
