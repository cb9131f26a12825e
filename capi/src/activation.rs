//! Activation and class objects: `CoGetClassObject`, `CoCreateInstance`,
//! `CoCreateInstanceEx`, `CoRegisterClassObject`, `CoRevokeClassObject`,
//! `CoSuspendClassObjects`, `CoResumeClassObjects`, `CoAddRefServerProcess`,
//! `CoReleaseServerProcess`, `CoFreeUnusedLibraries(Ex)`.

use anycom_core::api::{COSERVERINFO, MULTI_QI};
use anycom_core::{CLSID, DWORD, HRESULT, IID, ULONG};
use core::ffi::c_void;

export! {
    /// `HRESULT CoGetClassObject(REFCLSID, DWORD, LPVOID pvReserved, REFIID, LPVOID *)`.
    fn CoGetClassObject(rclsid: *const CLSID, dw_cls_context: DWORD, p_server_info: *mut COSERVERINFO, riid: *const IID, ppv: *mut *mut c_void) -> HRESULT;
    /// `HRESULT CoCreateInstance(REFCLSID, LPUNKNOWN, DWORD, REFIID, LPVOID *)`.
    fn CoCreateInstance(rclsid: *const CLSID, p_unk_outer: *mut c_void, dw_cls_context: DWORD, riid: *const IID, ppv: *mut *mut c_void) -> HRESULT;
    /// `HRESULT CoCreateInstanceEx(REFCLSID, IUnknown *, DWORD, COSERVERINFO *, DWORD, MULTI_QI *)`.
    fn CoCreateInstanceEx(rclsid: *const CLSID, p_unk_outer: *mut c_void, dw_cls_context: DWORD, p_server_info: *mut COSERVERINFO, dw_count: DWORD, p_results: *mut MULTI_QI) -> HRESULT;
    /// `HRESULT CoRegisterClassObject(REFCLSID, LPUNKNOWN, DWORD, DWORD, LPDWORD)`.
    fn CoRegisterClassObject(rclsid: *const CLSID, p_unk: *mut c_void, dw_cls_context: DWORD, flags: DWORD, lpdw_register: *mut DWORD) -> HRESULT;
    /// `HRESULT CoRevokeClassObject(DWORD dwRegister)`.
    fn CoRevokeClassObject(dw_register: DWORD) -> HRESULT;
    /// `HRESULT CoSuspendClassObjects(void)`.
    fn CoSuspendClassObjects() -> HRESULT;
    /// `HRESULT CoResumeClassObjects(void)`.
    fn CoResumeClassObjects() -> HRESULT;
    /// `ULONG CoAddRefServerProcess(void)`.
    fn CoAddRefServerProcess() -> ULONG;
    /// `ULONG CoReleaseServerProcess(void)`.
    fn CoReleaseServerProcess() -> ULONG;
    /// `void CoFreeUnusedLibraries(void)`.
    fn CoFreeUnusedLibraries();
    /// `void CoFreeUnusedLibrariesEx(DWORD dwUnloadDelay, DWORD dwReserved)`.
    fn CoFreeUnusedLibrariesEx(dw_unload_delay: DWORD, dw_reserved: DWORD);
}
