//! Activation: `CoGetClassObject`, `CoCreateInstance`, `CoCreateInstanceEx`.
//!
//! Where a class comes from, in order:
//! 1. the class table (`CoRegisterClassObject`): a registration of the
//!    caller's apartment, or a `REGCLS_AGILE` one of any apartment, whose
//!    context intersects the requested `CLSCTX` (see [`super::class_table`]);
//! 2. the installed [`ClassSource`](super::source::ClassSource) (the registry
//!    and loader), asked with the requested `CLSCTX`;
//! 3. otherwise `REGDB_E_CLASSNOTREG`.
//!
//! A thread that is neither initialized nor in the implicit MTA gets
//! `CO_E_NOTINITIALIZED`.
//!
//! # Threading models
//! A class source reports each class's `ThreadingModel`. Windows creates an
//! object whose model does not match the caller's apartment in a matching
//! apartment (a host STA, the main STA or the MTA) and hands back a proxy.
//! Cross-apartment proxies are a later issue: **today every object is
//! created in the caller's apartment**, whatever its model. The decision is
//! made in one place (`place`), where the proxy step will slot in.

use super::class_table::{self, Lookup};
use super::init;
use super::source::{self, ClassObject, ThreadingModel};
use crate::constants::CLSCTX_VALID_MASK;
use crate::error::{Error, Result};
use crate::guid::{CLSID, GUID, IID};
use crate::hresult::*;
use crate::interface::Interface;
use crate::types::{DWORD, LPOLESTR};
use crate::unknown::{IID_IUnknown, IUnknown};
use core::ffi::c_void;
use core::ptr::null_mut;

/// One interface asked of `CoCreateInstanceEx`, and its result.
#[repr(C)]
#[allow(non_snake_case, non_camel_case_types)]
#[derive(Debug, Clone, Copy)]
pub struct MULTI_QI {
    /// In: the interface wanted.
    pub pIID: *const IID,
    /// Out: the interface pointer, or null.
    pub pItf: *mut c_void,
    /// Out: the result for this interface.
    pub hr: HRESULT,
}

/// The machine to activate on (`CoCreateInstanceEx`, `CoGetClassObject`).
/// Remote activation is not supported: the structure is accepted and ignored.
#[repr(C)]
#[allow(non_snake_case, non_camel_case_types)]
#[derive(Debug, Clone, Copy)]
pub struct COSERVERINFO {
    /// Reserved, 0.
    pub dwReserved1: DWORD,
    /// The machine name (ignored).
    pub pwszName: LPOLESTR,
    /// Authentication information (ignored).
    pub pAuthInfo: *mut c_void,
    /// Reserved, 0.
    pub dwReserved2: DWORD,
}

/// Decides where an object of a class from the class source is created.
/// Today: always in the caller's apartment (see the module docs).
fn place(co: ClassObject) -> IUnknown {
    match co.threading_model {
        ThreadingModel::Main
        | ThreadingModel::Apartment
        | ThreadingModel::Free
        | ThreadingModel::Both
        | ThreadingModel::Neutral => co.object,
    }
}

/// Asks the class source; its error's message becomes the thread's error info.
fn from_source(clsid: &GUID, clsctx: u32) -> core::result::Result<IUnknown, HRESULT> {
    let Some(src) = source::class_source() else {
        return Err(REGDB_E_CLASSNOTREG);
    };
    match src.get_class_object(clsid, clsctx) {
        Ok(co) => {
            let obj = place(co);
            // Kept only when asked from the MTA (or the implicit MTA): the kept
            // object serves every apartment without asking the source again,
            // and a source that applies the MTA unload delay (the loader)
            // must have seen the module used from the MTA first.
            if clsctx & crate::constants::CLSCTX_INPROC_SERVER != 0
                && !init::current_is_sta()
                && src.cache_class_objects()
            {
                class_table::cache_source_object(clsid, &obj);
            }
            Ok(obj)
        }
        Err(e) => Err(crate::imp::hooks::set_error(&e)),
    }
}

/// `CoGetClassObject`: the class object of `clsid`, as interface `iid`.
///
/// Null `ppv` is `E_INVALIDARG` (as Windows); `*ppv` is null on failure.
///
/// # Safety
/// `clsid` and `iid` null or valid for reads; `ppv` null or valid for writes.
pub unsafe fn get_class_object_raw(
    clsid: *const CLSID,
    clsctx: u32,
    iid: *const IID,
    ppv: *mut *mut c_void,
) -> HRESULT {
    crate::__route!(CoGetClassObject(clsid, clsctx, null_mut(), iid, ppv));
    if ppv.is_null() {
        return E_INVALIDARG;
    }
    // SAFETY: ppv is valid per the caller.
    unsafe { *ppv = null_mut() };
    if clsid.is_null() || iid.is_null() || clsctx & !CLSCTX_VALID_MASK != 0 {
        return E_INVALIDARG;
    }
    // SAFETY: valid per the caller.
    let clsid = unsafe { &*clsid };
    let Some(apt) = init::current_apartment_id() else {
        return CO_E_NOTINITIALIZED;
    };
    let obj = match class_table::class_object(clsid, clsctx, apt) {
        Lookup::Found(obj) => obj,
        Lookup::NotFound => match from_source(clsid, clsctx) {
            Ok(obj) => obj,
            Err(hr) => return hr,
        },
    };
    // SAFETY: ppv valid per the caller.
    let hr = unsafe { obj.query(&*iid, ppv) };
    if hr.is_err() {
        // SAFETY: as above.
        unsafe { *ppv = null_mut() };
    }
    hr
}

/// `CoCreateInstance`: creates an object of `clsid` and returns interface `iid`.
///
/// Null `ppv` is `E_POINTER`; a non-null `outer` with an `iid` other than
/// `IID_IUnknown` is `CLASS_E_NOAGGREGATION`; unknown `CLSCTX` bits are
/// `E_INVALIDARG`; `*ppv` is null on every failure.
///
/// # Safety
/// `clsid` and `iid` null or valid for reads; `ppv` null or valid for
/// writes; `outer` null or a live IUnknown.
#[inline]
pub unsafe fn create_instance_raw(
    clsid: *const CLSID,
    outer: *mut c_void,
    clsctx: u32,
    iid: *const IID,
    ppv: *mut *mut c_void,
) -> HRESULT {
    crate::__route!(CoCreateInstance(clsid, outer, clsctx, iid, ppv));
    if ppv.is_null() {
        return E_POINTER;
    }
    // SAFETY: ppv is valid per the caller.
    unsafe { *ppv = null_mut() };
    if clsid.is_null() || iid.is_null() || clsctx & !CLSCTX_VALID_MASK != 0 {
        return E_INVALIDARG;
    }
    // SAFETY: valid per the caller.
    let (clsid_ref, iid_ref) = unsafe { (&*clsid, &*iid) };
    if !outer.is_null() && *iid_ref != IID_IUnknown {
        return CLASS_E_NOAGGREGATION;
    }
    let hr = match class_table::create_cached(clsid_ref, clsctx, outer, iid, ppv) {
        Some(hr) => hr,
        None => create_uncached(clsid_ref, outer, clsctx, iid, ppv),
    };
    if hr.is_err() {
        // SAFETY: as above (a misbehaving factory may have left garbage).
        unsafe { *ppv = null_mut() };
    }
    hr
}

#[cold]
fn create_uncached(
    clsid: &GUID,
    outer: *mut c_void,
    clsctx: u32,
    iid: *const IID,
    ppv: *mut *mut c_void,
) -> HRESULT {
    let Some(apt) = init::current_apartment_id() else {
        return CO_E_NOTINITIALIZED;
    };
    if let Some(hr) = class_table::create_slow(clsid, clsctx, apt, outer, iid, ppv) {
        return hr;
    }
    match from_source(clsid, clsctx) {
        Ok(obj) => class_table::create_with(&obj, outer, iid, ppv),
        Err(hr) => hr,
    }
}

/// `CoCreateInstanceEx`: creates one object and asks it for several
/// interfaces. `IClassFactory::CreateInstance` is called for the first
/// entry's IID (so aggregation needs `IID_IUnknown` first), the others are
/// QueryInterface'd. Each entry gets its own `hr` and pointer (null on
/// failure). Returns `S_OK` when every interface was found,
/// `CO_S_NOTALLINTERFACES` when some were, and the creation's failure
/// (every entry's `hr` set to it) otherwise. No entries or a null array is
/// `E_INVALIDARG`.
///
/// # Safety
/// `clsid` null or valid; `results` null or valid for `count` entries whose
/// `pIID` are null or valid; `outer` null or a live IUnknown.
pub unsafe fn create_instance_ex_raw(
    clsid: *const CLSID,
    outer: *mut c_void,
    clsctx: u32,
    count: u32,
    results: *mut MULTI_QI,
) -> HRESULT {
    crate::__route!(CoCreateInstanceEx(
        clsid,
        outer,
        clsctx,
        null_mut(),
        count,
        results
    ));
    if count == 0 || results.is_null() {
        return E_INVALIDARG;
    }
    // SAFETY: results is valid for count entries per the caller.
    let rs = unsafe { core::slice::from_raw_parts_mut(results, count as usize) };
    for r in rs.iter_mut() {
        r.pItf = null_mut();
        r.hr = E_NOINTERFACE;
    }
    if rs.iter().any(|r| r.pIID.is_null()) {
        return E_INVALIDARG;
    }
    let mut unk = null_mut();
    // SAFETY: arguments valid per the caller; unk is a valid out slot.
    let hr = unsafe { create_instance_raw(clsid, outer, clsctx, rs[0].pIID, &mut unk) };
    // A factory that claims success without an object broke the contract.
    let hr = if hr.is_ok() && unk.is_null() {
        E_POINTER
    } else {
        hr
    };
    if hr.is_err() {
        for r in rs.iter_mut() {
            r.hr = hr;
        }
        return hr;
    }
    rs[0].pItf = unk;
    rs[0].hr = S_OK;
    // SAFETY: unk is a live interface pointer (its vtable starts with IUnknown's).
    let Some(first) = (unsafe { <IUnknown as crate::Interface>::from_raw_borrowed(&unk) }) else {
        return E_POINTER; // not reached: a null object failed above
    };
    let mut fetched = 1;
    for r in rs[1..].iter_mut() {
        // SAFETY: pIID checked non-null above; pItf is a valid slot.
        r.hr = unsafe { first.query(&*r.pIID, &mut r.pItf) };
        if r.hr.is_ok() {
            fetched += 1;
        } else {
            r.pItf = null_mut();
        }
    }
    if fetched == rs.len() {
        S_OK
    } else {
        CO_S_NOTALLINTERFACES
    }
}

/// Creates an object of `clsid` and returns it as `I` (`CoCreateInstance`).
///
/// `outer` aggregates the new object (then `I` must be `IUnknown`: you get
/// the inner's non-delegating IUnknown).
pub fn create_instance<I: Interface>(
    clsid: &CLSID,
    outer: Option<&IUnknown>,
    clsctx: u32,
) -> Result<I> {
    let mut p = null_mut();
    let outer = outer.map_or(null_mut(), |o| o.as_raw());
    // SAFETY: all pointers are valid for the call.
    unsafe { create_instance_raw(clsid, outer, clsctx, &I::IID, &mut p) }.ok()?;
    if p.is_null() {
        return Err(Error::from_code(E_POINTER));
    }
    // SAFETY: success handed us a reference on an I.
    Ok(unsafe { I::from_raw(p) })
}

/// The class object of `clsid` as `I` (`CoGetClassObject`), usually
/// [`IClassFactory`](crate::IClassFactory).
pub fn get_class_object<I: Interface>(clsid: &CLSID, clsctx: u32) -> Result<I> {
    let mut p = null_mut();
    // SAFETY: all pointers are valid for the call.
    unsafe { get_class_object_raw(clsid, clsctx, &I::IID, &mut p) }.ok()?;
    if p.is_null() {
        return Err(Error::from_code(E_POINTER));
    }
    // SAFETY: success handed us a reference on an I.
    Ok(unsafe { I::from_raw(p) })
}

/// Creates one object and asks it for each of `iids` (`CoCreateInstanceEx`).
/// The outer error is the creation's; each entry holds the pointer to that
/// interface (typed `IUnknown`: `cast` it) or the entry's own error.
pub fn create_instance_ex(
    clsid: &CLSID,
    outer: Option<&IUnknown>,
    clsctx: u32,
    iids: &[IID],
) -> Result<Vec<Result<IUnknown>>> {
    let mut mqi: Vec<MULTI_QI> = iids
        .iter()
        .map(|i| MULTI_QI {
            pIID: i,
            pItf: null_mut(),
            hr: S_OK,
        })
        .collect();
    let outer = outer.map_or(null_mut(), |o| o.as_raw());
    let count = u32::try_from(mqi.len()).map_err(|_| Error::from_code(E_INVALIDARG))?;
    // SAFETY: mqi is valid for count entries pointing into iids.
    unsafe { create_instance_ex_raw(clsid, outer, clsctx, count, mqi.as_mut_ptr()) }.ok()?;
    Ok(mqi
        .into_iter()
        .map(|m| {
            if m.hr.is_ok() && !m.pItf.is_null() {
                // SAFETY: the entry owns one reference.
                Ok(unsafe { IUnknown::from_raw(m.pItf) })
            } else {
                Err(Error::from_code(if m.hr.is_ok() {
                    E_POINTER
                } else {
                    m.hr
                }))
            }
        })
        .collect())
}
