//! BSTRs (oleauto.h): `SysAllocString`, `SysAllocStringLen`,
//! `SysAllocStringByteLen`, `SysReAllocString`, `SysReAllocStringLen`,
//! `SysFreeString`, `SysStringLen`, `SysStringByteLen`.

use anycom_core::{INT, UINT};
use core::ffi::c_char;

export! {
    /// `BSTR SysAllocString(const OLECHAR *psz)`.
    fn SysAllocString(psz: *const u16) -> *mut u16;
    /// `BSTR SysAllocStringLen(const OLECHAR *strIn, UINT ui)`.
    fn SysAllocStringLen(strIn: *const u16, ui: UINT) -> *mut u16;
    /// `BSTR SysAllocStringByteLen(LPCSTR psz, UINT len)`.
    fn SysAllocStringByteLen(psz: *const c_char, len: UINT) -> *mut u16;
    /// `INT SysReAllocString(BSTR *pbstr, const OLECHAR *psz)`.
    fn SysReAllocString(pbstr: *mut *mut u16, psz: *const u16) -> INT;
    /// `INT SysReAllocStringLen(BSTR *pbstr, const OLECHAR *psz, UINT len)`.
    fn SysReAllocStringLen(pbstr: *mut *mut u16, psz: *const u16, len: u32) -> INT;
    /// `void SysFreeString(BSTR bstrString)`.
    fn SysFreeString(bstrString: *mut u16);
    /// `UINT SysStringLen(BSTR pbstr)`.
    fn SysStringLen(pbstr: *mut u16) -> UINT;
    /// `UINT SysStringByteLen(BSTR bstr)`.
    fn SysStringByteLen(bstr: *mut u16) -> UINT;
}
