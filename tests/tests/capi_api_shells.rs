//! The Windows-named shells libanycom adds over the class source
//! (`anycom::api`: `CLSIDFromProgID`, `ProgIDFromCLSID`,
//! `CoFreeUnusedLibraries[Ex]`, `AnyComRegisterServer`,
//! `AnyComUnregisterServer`), called from Rust: with no class source
//! installed (exact HRESULTs and error info), and with a recording source
//! (`ANYCOM_CLASS_INFO` becomes exactly the `ServerRegistration` it
//! describes; lookups and unloading reach the source).
//!
//! The class source is process-wide: every scenario runs in one test, in order.

use anycom::api::*;
use anycom::runtime::source::{
    self, ClassObject, ClassRegistration, ClassSource, ServerRegistration, ThreadingModel,
};
use anycom::{CO_E_CLASSSTRING, E_INVALIDARG, GUID, REGDB_E_CLASSNOTREG, REGDB_E_WRITEREGDB, S_OK};
use anycom_tests::wide;
use std::ffi::CString;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const CLSID_A: GUID = GUID::parse("11111111-2222-3333-4444-555555555555");
const CLSID_B: GUID = GUID::parse("66666666-7777-8888-9999-aaaaaaaaaaaa");

fn take_error_description() -> Option<String> {
    anycom::runtime::error_info::take_description().map(String::from)
}

#[derive(Default)]
struct Recorder {
    registered: Mutex<Vec<ServerRegistration>>,
    unregistered: Mutex<Vec<PathBuf>>,
    freed: Mutex<Vec<Duration>>,
}

impl ClassSource for Recorder {
    fn get_class_object(&self, _: &GUID, _: u32) -> anycom::Result<ClassObject> {
        Err(anycom::Error::from_code(REGDB_E_CLASSNOTREG))
    }
    fn clsid_from_progid(&self, progid: &str) -> anycom::Result<GUID> {
        match progid {
            "Test.A.1" => Ok(CLSID_A),
            _ => Err(anycom::Error::new(CO_E_CLASSSTRING, "unknown")),
        }
    }
    fn progid_from_clsid(&self, clsid: &GUID) -> anycom::Result<String> {
        if *clsid == CLSID_A {
            Ok("Test.A.1".into())
        } else {
            Err(anycom::Error::from_code(REGDB_E_CLASSNOTREG))
        }
    }
    fn free_unused_libraries(&self, delay: Duration) {
        self.freed.lock().unwrap().push(delay);
    }
    fn register_server(&self, reg: &ServerRegistration) -> anycom::Result<()> {
        self.registered.lock().unwrap().push(reg.clone());
        Ok(())
    }
    fn unregister_server(&self, module_path: &Path) -> anycom::Result<()> {
        self.unregistered
            .lock()
            .unwrap()
            .push(module_path.to_path_buf());
        Ok(())
    }
}

fn info(
    clsid: &GUID,
    tm: Option<&CString>,
    progid: Option<&CString>,
    vi: Option<&CString>,
    d: Option<&CString>,
) -> ANYCOM_CLASS_INFO {
    let p = |s: Option<&CString>| s.map_or(core::ptr::null(), |s| s.as_ptr());
    ANYCOM_CLASS_INFO {
        clsid,
        threadingModel: p(tm),
        progId: p(progid),
        versionIndependentProgId: p(vi),
        description: p(d),
    }
}

#[test]
fn shells_without_and_with_a_class_source() {
    // ---- no class source ----
    assert!(source::class_source().is_none());
    let mut clsid = GUID::from_u128(0xABAB);
    // SAFETY: valid NUL-terminated string and out-pointers throughout.
    unsafe {
        assert_eq!(
            CLSIDFromProgID(wide("Test.A.1").as_ptr(), &mut clsid),
            CO_E_CLASSSTRING
        );
        assert_eq!(clsid, GUID::NULL);
        let mut s = core::ptr::dangling_mut::<u16>();
        assert_eq!(ProgIDFromCLSID(&CLSID_A, &mut s), REGDB_E_CLASSNOTREG);
        assert!(s.is_null());
        CoFreeUnusedLibraries();
        CoFreeUnusedLibrariesEx(0, 0);
        let path = CString::new("/opt/x/libx.so").unwrap();
        assert_eq!(
            AnyComRegisterServer(path.as_ptr(), core::ptr::null(), 0),
            REGDB_E_WRITEREGDB
        );
        assert!(
            take_error_description()
                .unwrap()
                .contains("no class registry")
        );
        assert_eq!(AnyComUnregisterServer(path.as_ptr()), REGDB_E_WRITEREGDB);
        assert!(take_error_description().is_some());
        // argument errors come first, with a message naming the argument
        let t = CString::new("Rental").unwrap();
        let bad = info(&CLSID_A, Some(&t), None, None, None);
        assert_eq!(AnyComRegisterServer(path.as_ptr(), &bad, 1), E_INVALIDARG);
        assert!(take_error_description().unwrap().contains("classes[0]"));
    }

    // ---- a recording class source ----
    let rec = Arc::new(Recorder::default());
    source::set_class_source(rec.clone());
    // SAFETY: as above.
    unsafe {
        assert_eq!(CLSIDFromProgID(wide("Test.A.1").as_ptr(), &mut clsid), S_OK);
        assert_eq!(clsid, CLSID_A);
        assert_eq!(
            CLSIDFromProgID(wide("Test.B.1").as_ptr(), &mut clsid),
            CO_E_CLASSSTRING
        );
        assert_eq!(clsid, GUID::NULL);
        // unpaired surrogate: not a ProgID
        assert_eq!(
            CLSIDFromProgID([0xD800u16, 0].as_ptr(), &mut clsid),
            CO_E_CLASSSTRING
        );
        let mut s = core::ptr::null_mut();
        assert_eq!(ProgIDFromCLSID(&CLSID_A, &mut s), S_OK);
        let n = anycom::runtime::bstr::wide_len(s);
        assert_eq!(
            String::from_utf16(core::slice::from_raw_parts(s, n)).unwrap(),
            "Test.A.1"
        );
        assert_eq!(anycom::runtime::memory::size_of(s.cast()), (n + 1) * 2);
        CoTaskMemFree(s.cast());

        CoFreeUnusedLibrariesEx(0, 0);
        CoFreeUnusedLibrariesEx(2500, 0);
        CoFreeUnusedLibraries();
        assert_eq!(
            *rec.freed.lock().unwrap(),
            vec![
                Duration::ZERO,
                Duration::from_millis(2500),
                Duration::from_secs(600)
            ]
        );

        // ANYCOM_CLASS_INFO -> ServerRegistration, field by field
        let dir = tempfile::tempdir().unwrap();
        let module = dir.path().join("libm.so");
        std::fs::write(&module, b"").unwrap();
        let canonical = module.canonicalize().unwrap();
        let both = CString::new("both").unwrap(); // case-insensitive
        let p = CString::new("Test.A.1").unwrap();
        let vi = CString::new("Test.A").unwrap();
        let d = CString::new("a class").unwrap();
        let classes = [
            info(&CLSID_A, Some(&both), Some(&p), Some(&vi), Some(&d)),
            info(&CLSID_B, None, None, None, None),
        ];
        let mpath = CString::new(module.to_str().unwrap()).unwrap();
        assert_eq!(
            AnyComRegisterServer(mpath.as_ptr(), classes.as_ptr(), 2),
            S_OK
        );
        let got = rec.registered.lock().unwrap().pop().unwrap();
        assert_eq!(
            got,
            ServerRegistration {
                module_path: canonical.clone(),
                classes: vec![
                    ClassRegistration {
                        clsid: CLSID_A,
                        threading_model: ThreadingModel::Both,
                        progid: Some("Test.A.1".into()),
                        version_independent_progid: Some("Test.A".into()),
                        description: Some("a class".into()),
                    },
                    ClassRegistration {
                        clsid: CLSID_B,
                        threading_model: ThreadingModel::Main,
                        progid: None,
                        version_independent_progid: None,
                        description: None,
                    },
                ],
            }
        );
        // a module with no classes
        assert_eq!(
            AnyComRegisterServer(mpath.as_ptr(), core::ptr::null(), 0),
            S_OK
        );
        assert!(
            rec.registered
                .lock()
                .unwrap()
                .pop()
                .unwrap()
                .classes
                .is_empty()
        );
        // invalid arguments never reach the source
        let not_utf8 = CString::new(vec![b'/', 0xFF]).unwrap();
        assert_eq!(
            AnyComRegisterServer(not_utf8.as_ptr(), classes.as_ptr(), 2),
            E_INVALIDARG
        );
        let mut null_clsid = classes[1];
        null_clsid.clsid = core::ptr::null();
        assert_eq!(
            AnyComRegisterServer(mpath.as_ptr(), &null_clsid, 1),
            E_INVALIDARG
        );
        assert!(rec.registered.lock().unwrap().is_empty());
        let _ = take_error_description();

        assert_eq!(AnyComUnregisterServer(mpath.as_ptr()), S_OK);
        let missing = CString::new("/nonexistent/libgone.so").unwrap();
        assert_eq!(AnyComUnregisterServer(missing.as_ptr()), S_OK);
        assert_eq!(
            *rec.unregistered.lock().unwrap(),
            vec![canonical, PathBuf::from("/nonexistent/libgone.so")]
        );
    }
    source::clear_class_source();
}
