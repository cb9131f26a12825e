//! `IErrorInfo`, `ICreateErrorInfo`, `ISupportErrorInfo`: rich error information.

use crate::{GUID, HRESULT, IUnknown, interface};

/// Describes the last error on a thread (`GetErrorInfo`).
#[interface("1CF2B120-547D-101B-8E65-08002B2BD119")]
pub unsafe trait IErrorInfo: IUnknown {
    /// The IID of the interface that defined the error.
    unsafe fn GetGUID(&self, guid: *mut GUID) -> HRESULT;
    /// The ProgID of the source (a BSTR the caller frees).
    unsafe fn GetSource(&self, source: *mut *mut u16) -> HRESULT;
    /// The description (a BSTR the caller frees).
    unsafe fn GetDescription(&self, description: *mut *mut u16) -> HRESULT;
    /// The help file path (a BSTR the caller frees).
    unsafe fn GetHelpFile(&self, help_file: *mut *mut u16) -> HRESULT;
    /// The help context id.
    unsafe fn GetHelpContext(&self, help_context: *mut u32) -> HRESULT;
}

/// Fills in an error info object (`CreateErrorInfo`).
#[interface("22F03340-547D-101B-8E65-08002B2BD119")]
pub unsafe trait ICreateErrorInfo: IUnknown {
    /// Sets the IID of the interface that defined the error.
    unsafe fn SetGUID(&self, guid: *const GUID) -> HRESULT;
    /// Sets the source ProgID (NUL-terminated UTF-16).
    unsafe fn SetSource(&self, source: *const u16) -> HRESULT;
    /// Sets the description (NUL-terminated UTF-16).
    unsafe fn SetDescription(&self, description: *const u16) -> HRESULT;
    /// Sets the help file path (NUL-terminated UTF-16).
    unsafe fn SetHelpFile(&self, help_file: *const u16) -> HRESULT;
    /// Sets the help context id.
    fn SetHelpContext(&self, help_context: u32) -> HRESULT;
}

/// Tells whether an interface of the object reports errors through error info.
#[interface("DF0B3D60-548F-101B-8E65-08002B2BD119")]
pub unsafe trait ISupportErrorInfo: IUnknown {
    /// `S_OK` if methods of `riid` set error info, else `S_FALSE`.
    unsafe fn InterfaceSupportsErrorInfo(&self, riid: *const GUID) -> HRESULT;
}
