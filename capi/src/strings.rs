//! GUIDs, their strings and ProgIDs: `CoCreateGuid`, `StringFromGUID2`,
//! `StringFromCLSID`, `StringFromIID`, `CLSIDFromString`, `IIDFromString`,
//! `CLSIDFromProgID`, `ProgIDFromCLSID`.

use anycom_core::{GUID, HRESULT};

export! {
    /// `HRESULT CoCreateGuid(GUID *pguid)`.
    fn CoCreateGuid(pguid: *mut GUID) -> HRESULT;
    /// `int StringFromGUID2(REFGUID rguid, LPOLESTR lpsz, int cchMax)`.
    fn StringFromGUID2(rguid: *const GUID, lpsz: *mut u16, cchMax: i32) -> i32;
    /// `HRESULT StringFromCLSID(REFCLSID rclsid, LPOLESTR *lplpsz)`.
    fn StringFromCLSID(rclsid: *const GUID, lplpsz: *mut *mut u16) -> HRESULT;
    /// `HRESULT StringFromIID(REFIID rclsid, LPOLESTR *lplpsz)`.
    fn StringFromIID(rclsid: *const GUID, lplpsz: *mut *mut u16) -> HRESULT;
    /// `HRESULT CLSIDFromString(LPCOLESTR lpsz, LPCLSID pclsid)`.
    fn CLSIDFromString(lpsz: *const u16, pclsid: *mut GUID) -> HRESULT;
    /// `HRESULT IIDFromString(LPCOLESTR lpsz, LPIID lpiid)`.
    fn IIDFromString(lpsz: *const u16, lpiid: *mut GUID) -> HRESULT;
    /// `HRESULT CLSIDFromProgID(LPCOLESTR lpszProgID, LPCLSID lpclsid)`.
    fn CLSIDFromProgID(lpsz_prog_id: *const u16, lpclsid: *mut GUID) -> HRESULT;
    /// `HRESULT ProgIDFromCLSID(REFCLSID clsid, LPOLESTR *lplpszProgID)`.
    fn ProgIDFromCLSID(clsid: *const GUID, lplpsz_prog_id: *mut *mut u16) -> HRESULT;
}
