//! `IClassFactory` and `IClassFactory2` (with `LICINFO`).

use crate::{BOOL, GUID, HRESULT, IUnknown, interface};
use core::ffi::c_void;

/// Creates objects of one class: what `DllGetClassObject` hands out.
#[interface("00000001-0000-0000-C000-000000000046")]
pub unsafe trait IClassFactory: IUnknown {
    /// Creates an uninitialized object; `outer` is the controlling unknown
    /// when aggregating (then `riid` must be IID_IUnknown).
    unsafe fn CreateInstance(
        &self,
        outer: *mut c_void,
        riid: *const GUID,
        ppv: *mut *mut c_void,
    ) -> HRESULT;
    /// Locks (`TRUE`) or unlocks (`FALSE`) the server module in memory.
    fn LockServer(&self, lock: BOOL) -> HRESULT;
}

/// Licensing information returned by `IClassFactory2::GetLicInfo`.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[allow(non_snake_case)]
pub struct LICINFO {
    /// The size of this struct (12).
    pub cbLicInfo: i32,
    /// Whether `RequestLicKey` can hand out a runtime key.
    pub fRuntimeKeyAvail: BOOL,
    /// Whether a full machine license exists.
    pub fLicVerified: BOOL,
}

const _: () = assert!(core::mem::size_of::<LICINFO>() == 12);

/// A class factory that checks a license before creating objects.
#[interface("B196B28F-BAB4-101A-B69C-00AA00341D07")]
pub unsafe trait IClassFactory2: IClassFactory {
    /// Fills in the licensing information.
    unsafe fn GetLicInfo(&self, info: *mut LICINFO) -> HRESULT;
    /// Creates a runtime license key (a BSTR the caller frees).
    unsafe fn RequestLicKey(&self, reserved: u32, key: *mut *mut u16) -> HRESULT;
    /// Creates an object given a license key (BSTR).
    unsafe fn CreateInstanceLic(
        &self,
        outer: *mut c_void,
        reserved: *mut c_void,
        riid: *const GUID,
        key: *mut u16,
        ppv: *mut *mut c_void,
    ) -> HRESULT;
}
