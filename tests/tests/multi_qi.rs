//! `CoCreateInstanceEx` with `MULTI_QI`: every interface found (`S_OK`),
//! some (`CO_S_NOTALLINTERFACES`, per-entry `E_NOINTERFACE` and null
//! pointers), the first one missing (`CreateInstance` is called with it:
//! `E_NOINTERFACE` overall), activation failures copied to every entry,
//! invalid arguments, aggregation, and the safe `create_instance_ex`.

use anycom::api::*;
use anycom::runtime::{ComInit, create_instance_ex, register_class_object};
use anycom::*;
use anycom_tests::objects::*;
use core::ffi::c_void;
use std::ptr::null_mut;
use std::sync::atomic::Ordering;

const CLSID_M: GUID = GUID::from_u128(0x9e1e0004_0000_4000_8000_0000000000a1);
const CLSID_NONE: GUID = GUID::from_u128(0x9e1e0004_0000_4000_8000_0000000000ff);

fn mqi(iids: &[GUID]) -> Vec<MULTI_QI> {
    iids.iter()
        .map(|i| MULTI_QI {
            pIID: i,
            pItf: 0xBAD_usize as *mut c_void,
            hr: E_FAIL,
        })
        .collect()
}

fn ex(clsid: &GUID, outer: *mut c_void, r: &mut [MULTI_QI]) -> HRESULT {
    // SAFETY: r is valid for its length.
    unsafe {
        CoCreateInstanceEx(
            clsid,
            outer,
            CLSCTX_INPROC_SERVER,
            null_mut(),
            r.len() as u32,
            r.as_mut_ptr(),
        )
    }
}

/// Releases the entries, last first (an aggregated inner's interfaces
/// before its non-delegating IUnknown, which destroys it).
fn release_all(r: &[MULTI_QI]) {
    for m in r.iter().rev() {
        if m.hr.is_ok() {
            // SAFETY: each successful entry owns one reference.
            drop(unsafe { IUnknown::from_raw(m.pItf) });
        } else {
            assert!(m.pItf.is_null(), "failed entries have null pointers");
        }
    }
}

/// Runs `f` on an STA thread with `CLSID_M` registered.
fn with_class(f: impl FnOnce() + Send) {
    on_thread(|| {
        let _com = ComInit::sta().unwrap();
        let reg = register_class_object(
            &CLSID_M,
            &Factory::new(21).into(),
            CLSCTX_INPROC_SERVER,
            REGCLS_MULTIPLEUSE,
        )
        .unwrap();
        f();
        reg.revoke().unwrap();
    });
}

#[test]
fn smoke_all_interfaces() {
    let _s = serial();
    let live = LIVE.load(Ordering::SeqCst);
    with_class(|| {
        let mut r = mqi(&[IAlpha::IID, IBeta::IID, IGamma::IID, IUnknown::IID]);
        assert_eq!(ex(&CLSID_M, null_mut(), &mut r), S_OK);
        assert!(r.iter().all(|m| m.hr == S_OK && !m.pItf.is_null()));
        // SAFETY: entry 0 is an IAlpha, entry 1 an IBeta.
        unsafe {
            assert_eq!(IAlpha::from_raw_borrowed(&r[0].pItf).unwrap().Alpha(), 21);
            assert_eq!(IBeta::from_raw_borrowed(&r[1].pItf).unwrap().Beta(), 42);
        }
        release_all(&r);
    });
    assert_eq!(LIVE.load(Ordering::SeqCst), live);
}

#[test]
fn some_interfaces_missing() {
    let _s = serial();
    let live = LIVE.load(Ordering::SeqCst);
    with_class(|| {
        let mut r = mqi(&[IAlpha::IID, INobody::IID, IGamma::IID, INobodyButOuter::IID]);
        assert_eq!(ex(&CLSID_M, null_mut(), &mut r), CO_S_NOTALLINTERFACES);
        assert_eq!(
            r.iter().map(|m| m.hr).collect::<Vec<_>>(),
            vec![S_OK, E_NOINTERFACE, S_OK, E_NOINTERFACE]
        );
        assert!(r[1].pItf.is_null() && r[3].pItf.is_null());
        release_all(&r);
    });
    assert_eq!(
        LIVE.load(Ordering::SeqCst),
        live,
        "the object went with its interfaces"
    );
}

#[test]
fn first_interface_missing_fails_creation() {
    let _s = serial();
    let live = LIVE.load(Ordering::SeqCst);
    with_class(|| {
        // CreateInstance is called with the first IID: it fails, so nothing is created.
        let mut r = mqi(&[INobody::IID, IAlpha::IID]);
        assert_eq!(ex(&CLSID_M, null_mut(), &mut r), E_NOINTERFACE);
        assert!(r.iter().all(|m| m.hr == E_NOINTERFACE && m.pItf.is_null()));
    });
    assert_eq!(LIVE.load(Ordering::SeqCst), live);
}

#[test]
fn failures_reach_every_entry() {
    let _s = serial();
    with_class(|| {
        let mut r = mqi(&[IAlpha::IID, IBeta::IID]);
        assert_eq!(ex(&CLSID_NONE, null_mut(), &mut r), REGDB_E_CLASSNOTREG);
        assert!(
            r.iter()
                .all(|m| m.hr == REGDB_E_CLASSNOTREG && m.pItf.is_null())
        );
        // Aggregation needs IUnknown first.
        let outer = ComObject::new(Single::new(1)).as_unknown();
        let mut r = mqi(&[IAlpha::IID]);
        assert_eq!(ex(&CLSID_M, outer.as_raw(), &mut r), CLASS_E_NOAGGREGATION);
        assert!(r[0].pItf.is_null());
        let mut r = mqi(&[IUnknown::IID, IAlpha::IID]);
        assert_eq!(
            ex(&CLSID_M, outer.as_raw(), &mut r),
            S_OK,
            "the inner's IUnknown, then its IAlpha"
        );
        release_all(&r);
    });
    on_thread(|| {
        let mut r = mqi(&[IAlpha::IID]);
        assert_eq!(ex(&CLSID_M, null_mut(), &mut r), CO_E_NOTINITIALIZED);
        assert!(r[0].pItf.is_null() && r[0].hr == CO_E_NOTINITIALIZED);
    });
}

#[test]
fn invalid_arguments() {
    let _s = serial();
    with_class(|| {
        let mut r = mqi(&[IAlpha::IID]);
        // SAFETY: zero entries / a null array are rejected.
        unsafe {
            assert_eq!(
                CoCreateInstanceEx(
                    &CLSID_M,
                    null_mut(),
                    CLSCTX_INPROC_SERVER,
                    null_mut(),
                    0,
                    r.as_mut_ptr()
                ),
                E_INVALIDARG
            );
            assert_eq!(
                CoCreateInstanceEx(
                    &CLSID_M,
                    null_mut(),
                    CLSCTX_INPROC_SERVER,
                    null_mut(),
                    1,
                    null_mut()
                ),
                E_INVALIDARG
            );
        }
        assert_eq!(r[0].hr, E_FAIL, "untouched");
        let mut r = vec![MULTI_QI {
            pIID: std::ptr::null(),
            pItf: null_mut(),
            hr: S_OK,
        }];
        assert_eq!(ex(&CLSID_M, null_mut(), &mut r), E_INVALIDARG);
    });
}

#[test]
fn safe_create_instance_ex() {
    let _s = serial();
    let live = LIVE.load(Ordering::SeqCst);
    with_class(|| {
        let got = create_instance_ex(
            &CLSID_M,
            None,
            CLSCTX_INPROC_SERVER,
            &[IAlpha::IID, INobody::IID, IBeta::IID],
        )
        .unwrap();
        assert_eq!(got.len(), 3);
        assert_eq!(
            got[0].as_ref().unwrap().cast::<IAlpha>().unwrap().Alpha(),
            21
        );
        assert_eq!(got[1].as_ref().unwrap_err().code(), E_NOINTERFACE);
        assert_eq!(got[2].as_ref().unwrap().cast::<IBeta>().unwrap().Beta(), 42);
        drop(got);
        assert_eq!(
            create_instance_ex(&CLSID_M, None, CLSCTX_INPROC_SERVER, &[])
                .unwrap_err()
                .code(),
            E_INVALIDARG
        );
    });
    assert_eq!(LIVE.load(Ordering::SeqCst), live);
}
