//! Error info (oleauto.h): `SetErrorInfo`, `GetErrorInfo`, `CreateErrorInfo`.

use anycom_core::HRESULT;
use core::ffi::c_void;

export! {
    /// `HRESULT SetErrorInfo(ULONG dwReserved, IErrorInfo *perrinfo)`.
    fn SetErrorInfo(dwReserved: u32, perrinfo: *mut c_void) -> HRESULT;
    /// `HRESULT GetErrorInfo(ULONG dwReserved, IErrorInfo **pperrinfo)`.
    fn GetErrorInfo(dwReserved: u32, pperrinfo: *mut *mut c_void) -> HRESULT;
    /// `HRESULT CreateErrorInfo(ICreateErrorInfo **pperrinfo)`.
    fn CreateErrorInfo(pperrinfo: *mut *mut c_void) -> HRESULT;
}
