//! Licensed classes: `IClassFactory2` (ATL's `CComClassFactory2`).
//!
//! Whether the machine is licensed, which runtime key to hand out and which
//! keys to accept is the class's own code ([`License`]). The factory
//! applies the rules:
//! - `CreateInstance` on a machine without a license is `CLASS_E_NOTLICENSED`;
//! - `GetLicInfo` reports `fLicVerified` (the machine license) and
//!   `fRuntimeKeyAvail` (whether the class hands out runtime keys);
//! - `RequestLicKey` hands out the runtime key as a BSTR the caller frees,
//!   only on a licensed machine (`CLASS_E_NOTLICENSED` otherwise;
//!   `E_NOTIMPL` when the class has no runtime keys);
//! - `CreateInstanceLic` creates the object on any machine given a key the
//!   class accepts (`CLASS_E_NOTLICENSED` otherwise). A null key means "no
//!   key" and is accepted exactly when the machine is licensed (as ATL).

use super::creator::Creator;
use crate::bstr::BSTR;
use crate::guid::GUID;
use crate::hresult::{CLASS_E_NOTLICENSED, E_NOTIMPL, E_POINTER, HRESULT, S_OK};
use crate::implement;
use crate::interfaces::{IClassFactory_Impl, IClassFactory2, IClassFactory2_Impl, LICINFO};
use crate::types::{BOOL, FALSE, TRUE};
use core::ffi::c_void;
use core::ptr::null_mut;

/// A class's licensing decisions.
///
/// ```
/// use anycom::server::License;
/// struct Widget;
/// impl License for Widget {
///     fn is_licensed() -> bool {
///         std::path::Path::new("/etc/widget.lic").exists()
///     }
///     fn runtime_key() -> Option<String> {
///         Some("widget-runtime-key".into())
///     }
/// }
/// assert!(Widget::validate_key("widget-runtime-key"));
/// assert!(!Widget::validate_key("guess"));
/// ```
pub trait License {
    /// Whether this machine holds a full license (`CreateInstance` and
    /// `RequestLicKey` work only then).
    fn is_licensed() -> bool;

    /// The runtime key `RequestLicKey` hands out, or `None` when the class
    /// does not support runtime keys. Must not be empty.
    fn runtime_key() -> Option<String> {
        None
    }

    /// Whether `key` (given to `CreateInstanceLic`) is a valid runtime key.
    /// The default accepts exactly [`License::runtime_key`].
    fn validate_key(key: &str) -> bool {
        Self::runtime_key().is_some_and(|k| !k.is_empty() && k == key)
    }
}

/// A class's [`License`] functions, kept by a [`LicensedClassFactory`] (and
/// in a static object map).
#[derive(Clone, Copy)]
pub struct Licensing {
    is_licensed: fn() -> bool,
    runtime_key: fn() -> Option<String>,
    validate_key: fn(&str) -> bool,
}

impl Licensing {
    /// The licensing of `L`.
    pub const fn of<L: License>() -> Licensing {
        Licensing {
            is_licensed: L::is_licensed,
            runtime_key: L::runtime_key,
            validate_key: L::validate_key,
        }
    }

    /// [`License::is_licensed`].
    pub fn is_licensed(&self) -> bool {
        (self.is_licensed)()
    }

    /// [`License::runtime_key`].
    pub fn runtime_key(&self) -> Option<String> {
        (self.runtime_key)().filter(|k| !k.is_empty())
    }

    /// [`License::validate_key`].
    pub fn validate_key(&self, key: &str) -> bool {
        (self.validate_key)(key)
    }
}

impl core::fmt::Debug for Licensing {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Licensing").finish_non_exhaustive()
    }
}

/// The class object of a licensed class: `IClassFactory2` (and through it
/// `IClassFactory`) with the rules in this module's documentation.
#[implement(IClassFactory2, no_aggregation, no_module_lock)]
pub struct LicensedClassFactory {
    creator: Creator,
    licensing: Licensing,
}

impl LicensedClassFactory {
    /// A factory creating objects with `creator` under `licensing`.
    pub const fn new(creator: Creator, licensing: Licensing) -> LicensedClassFactory {
        LicensedClassFactory { creator, licensing }
    }

    /// A new factory object, as its `IClassFactory2`.
    pub fn create(creator: Creator, licensing: Licensing) -> IClassFactory2 {
        LicensedClassFactory::new(creator, licensing).into()
    }
}

/// Reads a key argument: a BSTR or any NUL-terminated UTF-16 string (the
/// key is read up to its NUL, so a caller's plain wide string works too).
/// `None` when it is not valid UTF-16.
///
/// # Safety
/// `key` must be non-null and NUL-terminated.
unsafe fn read_key(key: *const u16) -> Option<String> {
    // SAFETY: the key is NUL-terminated per the caller.
    let n = unsafe { crate::runtime::bstr::wide_len(key) };
    // SAFETY: n characters before the NUL are readable.
    String::from_utf16(unsafe { core::slice::from_raw_parts(key, n) }).ok()
}

impl IClassFactory_Impl for LicensedClassFactory_Impl {
    unsafe fn CreateInstance(
        &self,
        outer: *mut c_void,
        riid: *const GUID,
        ppv: *mut *mut c_void,
    ) -> HRESULT {
        if ppv.is_null() {
            return E_POINTER;
        }
        // SAFETY: ppv is valid for writes per the COM caller.
        unsafe { *ppv = null_mut() };
        if !self.licensing.is_licensed() {
            return CLASS_E_NOTLICENSED;
        }
        // SAFETY: the COM caller's arguments, passed on unchanged.
        unsafe { self.creator.create_instance(outer, riid, ppv) }
    }

    fn LockServer(&self, lock: BOOL) -> HRESULT {
        super::module::lock_server(lock)
    }
}

impl IClassFactory2_Impl for LicensedClassFactory_Impl {
    unsafe fn GetLicInfo(&self, info: *mut LICINFO) -> HRESULT {
        if info.is_null() {
            return E_POINTER;
        }
        let lic = LICINFO {
            cbLicInfo: core::mem::size_of::<LICINFO>() as i32,
            fRuntimeKeyAvail: if self.licensing.runtime_key().is_some() {
                TRUE
            } else {
                FALSE
            },
            fLicVerified: if self.licensing.is_licensed() {
                TRUE
            } else {
                FALSE
            },
        };
        // SAFETY: info is valid for writes per the COM caller.
        unsafe { info.write(lic) };
        S_OK
    }

    unsafe fn RequestLicKey(&self, reserved: u32, key: *mut *mut u16) -> HRESULT {
        let _ = reserved; // must be zero; ignored, as ATL does
        if key.is_null() {
            return E_POINTER;
        }
        // SAFETY: key is valid for writes per the COM caller.
        unsafe { *key = null_mut() };
        let Some(k) = self.licensing.runtime_key() else {
            return E_NOTIMPL;
        };
        if !self.licensing.is_licensed() {
            return CLASS_E_NOTLICENSED;
        }
        // SAFETY: as above; the caller frees the BSTR with SysFreeString.
        unsafe { *key = BSTR::from(k).into_raw() };
        S_OK
    }

    unsafe fn CreateInstanceLic(
        &self,
        outer: *mut c_void,
        reserved: *mut c_void,
        riid: *const GUID,
        key: *mut u16,
        ppv: *mut *mut c_void,
    ) -> HRESULT {
        let _ = reserved; // must be null; ignored, as ATL does
        if ppv.is_null() {
            return E_POINTER;
        }
        // SAFETY: ppv is valid for writes per the COM caller.
        unsafe { *ppv = null_mut() };
        let allowed = if key.is_null() {
            self.licensing.is_licensed()
        } else {
            // SAFETY: a non-null key is a BSTR (NUL-terminated) per the contract.
            match unsafe { read_key(key) } {
                Some(k) => self.licensing.validate_key(&k),
                None => false,
            }
        };
        if !allowed {
            return CLASS_E_NOTLICENSED;
        }
        // SAFETY: the COM caller's arguments, passed on unchanged.
        unsafe { self.creator.create_instance(outer, riid, ppv) }
    }
}
