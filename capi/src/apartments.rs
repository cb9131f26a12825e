//! Apartments, the STA pump and the process: `CoInitialize(Ex)`,
//! `CoUninitialize`, `CoGetApartmentType`, `CoGetCurrentProcess`,
//! `CoBuildVersion`, `AnyComPumpMessages`, `AnyComGetPumpHandle`, `AnyComPostQuit`.

use anycom_core::constants::{APTTYPE, APTTYPEQUALIFIER};
use anycom_core::{DWORD, HRESULT};
use core::ffi::c_void;

export! {
    /// `HRESULT CoInitialize(LPVOID pvReserved)`.
    fn CoInitialize(pv_reserved: *mut c_void) -> HRESULT;
    /// `HRESULT CoInitializeEx(LPVOID pvReserved, DWORD dwCoInit)`.
    fn CoInitializeEx(pv_reserved: *mut c_void, co_init: DWORD) -> HRESULT;
    /// `void CoUninitialize(void)`.
    fn CoUninitialize();
    /// `HRESULT CoGetApartmentType(APTTYPE *pAptType, APTTYPEQUALIFIER *pAptQualifier)`.
    fn CoGetApartmentType(p_apt_type: *mut APTTYPE, p_apt_qualifier: *mut APTTYPEQUALIFIER) -> HRESULT;
    /// `DWORD CoGetCurrentProcess(void)`.
    fn CoGetCurrentProcess() -> u32;
    /// `DWORD CoBuildVersion(void)`.
    fn CoBuildVersion() -> u32;
    /// `HRESULT AnyComPumpMessages(DWORD dwMilliseconds)` (anycom.h).
    fn AnyComPumpMessages(dw_milliseconds: DWORD) -> HRESULT;
    /// `HRESULT AnyComGetPumpHandle(intptr_t *phandle)` (anycom.h).
    fn AnyComGetPumpHandle(p_handle: *mut isize) -> HRESULT;
    /// `HRESULT AnyComPostQuit(void)` (anycom.h).
    fn AnyComPostQuit() -> HRESULT;
}
