//! Per-thread error info: `SetErrorInfo`, `GetErrorInfo`, `CreateErrorInfo`,
//! and how Rust `Error`s travel through it.
//!
//! Each thread holds at most one `IErrorInfo`. `SetErrorInfo` replaces it
//! (AddRef'ing the new one, releasing the old); `GetErrorInfo` hands it over
//! to the caller and leaves the thread without one, so a second
//! `GetErrorInfo` is `S_FALSE`. Neither needs `CoInitializeEx`.
//!
//! A Rust method that returns `Err(e)` through a `Result`-returning interface
//! method records `e` here ([`set_from_error`]): an error info object whose
//! description is `e`'s message (or no error info when `e` has no message, so
//! that a stale one is not taken for this failure). A Rust caller's
//! [`HRESULT::ok`](crate::HRESULT::ok) then takes it back out
//! ([`take_description`]) into the `Error` it returns.
//!
//! # Reporting errors from an object (`ISupportErrorInfo`)
//! A COM caller only trusts the thread's error info after asking the object
//! `ISupportErrorInfo::InterfaceSupportsErrorInfo(riid)`. A Rust object lists
//! `ISupportErrorInfo` in `#[implement(...)]` and answers with
//! [`interface_supports_error_info`]:
//!
//! ```
//! use anycom::{implement, interface, IUnknown, GUID, HRESULT, ISupportErrorInfo, ISupportErrorInfo_Impl};
//!
//! #[interface("3f1d0b52-2a8e-4a44-9d0e-5a7c4d1e2b60")]
//! pub unsafe trait IThing: IUnknown {
//!     fn Fail(&self) -> anycom::Result<()>;
//! }
//!
//! #[implement(IThing, ISupportErrorInfo)]
//! struct Thing;
//!
//! impl IThing_Impl for Thing_Impl {
//!     fn Fail(&self) -> anycom::Result<()> {
//!         Err(anycom::Error::new(anycom::E_FAIL, "the thing failed"))
//!     }
//! }
//!
//! impl ISupportErrorInfo_Impl for Thing_Impl {
//!     unsafe fn InterfaceSupportsErrorInfo(&self, riid: *const GUID) -> HRESULT {
//!         // SAFETY: the COM caller passes a valid IID pointer.
//!         unsafe { anycom::runtime::error_info::interface_supports_error_info(self, riid) }
//!     }
//! }
//!
//! let thing: IThing = Thing.into();
//! let e = thing.Fail().unwrap_err();
//! assert_eq!(e.message(), Some("the thing failed"));
//! ```

use crate::bstr::BSTR;
use crate::error::Error;
use crate::guid::GUID;
use crate::hresult::{E_INVALIDARG, E_POINTER, HRESULT, S_FALSE, S_OK};
use crate::imp::ComImpl;
use crate::implement;
use crate::interface::Interface;
use crate::interfaces::{
    ICreateErrorInfo, ICreateErrorInfo_Impl, IErrorInfo, IErrorInfo_Impl, ISupportErrorInfo,
    ISupportErrorInfo_Impl,
};
use crate::runtime::bstr as raw_bstr;
use core::cell::Cell;
use core::ffi::c_void;
use core::ptr::null_mut;
use std::sync::Mutex;

thread_local! {
    static CURRENT: Cell<Option<IErrorInfo>> = const { Cell::new(None) };
}

/// `SetErrorInfo(0, info)`: makes `info` (or nothing) the thread's error
/// info, releasing the previous one.
pub fn set(info: Option<IErrorInfo>) {
    if let Some(rt) = super::attach::attached() {
        let raw = info.as_ref().map_or(null_mut(), crate::Interface::as_raw);
        // SAFETY: SetErrorInfo AddRefs what it keeps; ours is released after.
        let _ = unsafe { (rt.SetErrorInfo)(0, raw) };
        return;
    }
    // The old object is released after the slot is updated, outside any
    // borrow, so its Release may itself call SetErrorInfo. During thread
    // teardown (slot already destroyed) the new object is simply released.
    let old = CURRENT.try_with(|c| c.replace(info));
    drop(old);
}

/// `GetErrorInfo(0, ..)`: hands the thread's error info to the caller and
/// leaves the thread without one. `None` when there is none.
pub fn take() -> Option<IErrorInfo> {
    if let Some(rt) = super::attach::attached() {
        let mut p: *mut c_void = null_mut();
        // SAFETY: p is a valid slot; on S_OK it holds a reference we own.
        let hr = unsafe { (rt.GetErrorInfo)(0, &mut p) };
        return if hr == crate::hresult::S_OK && !p.is_null() {
            // SAFETY: GetErrorInfo handed over one reference to an IErrorInfo.
            Some(unsafe { crate::Interface::from_raw(p) })
        } else {
            None
        };
    }
    CURRENT.try_with(|c| c.take()).ok().flatten()
}

/// The fields of an error info object.
#[derive(Default)]
struct Fields {
    guid: GUID,
    source: Option<Vec<u16>>,
    description: Option<Vec<u16>>,
    help_file: Option<Vec<u16>>,
    help_context: u32,
}

/// The error info object `CreateErrorInfo` makes: `ICreateErrorInfo` to
/// fill it in, `IErrorInfo` to read it, and `ISupportErrorInfo` (answering
/// `S_OK` for the GUID set with `SetGUID`), as on Windows.
#[implement(IErrorInfo, ICreateErrorInfo, ISupportErrorInfo, no_aggregation)]
struct ErrorInfo {
    fields: Mutex<Fields>,
}

impl ErrorInfo {
    fn fields(&self) -> std::sync::MutexGuard<'_, Fields> {
        self.fields.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Copies a NUL-terminated string (None for null).
///
/// # Safety
/// `p` must be null or a NUL-terminated UTF-16 string.
unsafe fn copy_wide(p: *const u16) -> Option<Vec<u16>> {
    if p.is_null() {
        return None;
    }
    // SAFETY: p is NUL-terminated.
    Some(unsafe { raw_bstr::wide_slice(p) }.to_vec())
}

/// Writes a new BSTR copy of `s` (null for None) to `out`.
///
/// # Safety
/// `out` must be null or valid for a pointer write.
unsafe fn put_bstr(s: &Option<Vec<u16>>, out: *mut *mut u16) -> HRESULT {
    if out.is_null() {
        return E_INVALIDARG;
    }
    let b = match s {
        Some(chars) => BSTR::from_wide(chars).into_raw(),
        None => null_mut(),
    };
    // SAFETY: out is valid per the caller.
    unsafe { *out = b };
    S_OK
}

impl IErrorInfo_Impl for ErrorInfo_Impl {
    unsafe fn GetGUID(&self, guid: *mut GUID) -> HRESULT {
        if guid.is_null() {
            return E_INVALIDARG;
        }
        // SAFETY: guid is valid per the COM caller.
        unsafe { *guid = self.fields().guid };
        S_OK
    }
    unsafe fn GetSource(&self, source: *mut *mut u16) -> HRESULT {
        // SAFETY: forwarded out-pointer.
        unsafe { put_bstr(&self.fields().source, source) }
    }
    unsafe fn GetDescription(&self, description: *mut *mut u16) -> HRESULT {
        // SAFETY: forwarded out-pointer.
        unsafe { put_bstr(&self.fields().description, description) }
    }
    unsafe fn GetHelpFile(&self, help_file: *mut *mut u16) -> HRESULT {
        // SAFETY: forwarded out-pointer.
        unsafe { put_bstr(&self.fields().help_file, help_file) }
    }
    unsafe fn GetHelpContext(&self, help_context: *mut u32) -> HRESULT {
        if help_context.is_null() {
            return E_INVALIDARG;
        }
        // SAFETY: help_context is valid per the COM caller.
        unsafe { *help_context = self.fields().help_context };
        S_OK
    }
}

impl ICreateErrorInfo_Impl for ErrorInfo_Impl {
    unsafe fn SetGUID(&self, guid: *const GUID) -> HRESULT {
        if guid.is_null() {
            return E_INVALIDARG;
        }
        // SAFETY: guid is valid per the COM caller.
        self.fields().guid = unsafe { *guid };
        S_OK
    }
    unsafe fn SetSource(&self, source: *const u16) -> HRESULT {
        // SAFETY: source is null or NUL-terminated per the COM caller.
        self.fields().source = unsafe { copy_wide(source) };
        S_OK
    }
    unsafe fn SetDescription(&self, description: *const u16) -> HRESULT {
        // SAFETY: description is null or NUL-terminated per the COM caller.
        self.fields().description = unsafe { copy_wide(description) };
        S_OK
    }
    unsafe fn SetHelpFile(&self, help_file: *const u16) -> HRESULT {
        // SAFETY: help_file is null or NUL-terminated per the COM caller.
        self.fields().help_file = unsafe { copy_wide(help_file) };
        S_OK
    }
    fn SetHelpContext(&self, help_context: u32) -> HRESULT {
        self.fields().help_context = help_context;
        S_OK
    }
}

impl ISupportErrorInfo_Impl for ErrorInfo_Impl {
    unsafe fn InterfaceSupportsErrorInfo(&self, riid: *const GUID) -> HRESULT {
        if riid.is_null() {
            return E_POINTER;
        }
        // SAFETY: riid is valid per the COM caller.
        if unsafe { *riid } == self.fields().guid {
            S_OK
        } else {
            S_FALSE
        }
    }
}

/// `CreateErrorInfo`: a new, empty error info object.
///
/// In an attached copy (see [`attach`](super::attach)) the object is made by
/// the host runtime, so it never keeps a plugin module loaded.
pub fn create() -> ICreateErrorInfo {
    if let Some(rt) = super::attach::attached() {
        let mut p: *mut c_void = null_mut();
        // SAFETY: p is a valid slot; on success it holds a reference we own.
        if unsafe { (rt.CreateErrorInfo)(&mut p) }.is_ok() && !p.is_null() {
            // SAFETY: CreateErrorInfo handed over one ICreateErrorInfo reference.
            return unsafe { crate::Interface::from_raw(p) };
        }
    }
    ErrorInfo {
        fields: Mutex::new(Fields::default()),
    }
    .into()
}

/// An error info object with a description (and the other fields empty).
pub fn with_description(description: &str) -> IErrorInfo {
    if super::attach::attached().is_some() {
        // Made by the host runtime (see `create`), so a plugin's error never
        // keeps the plugin loaded or outlives its code.
        let info = create();
        let wide = raw_bstr::to_wide_nul(description);
        // SAFETY: wide is NUL-terminated and lives through the call.
        let _ = unsafe { info.SetDescription(wide.as_ptr()) };
        if let Ok(i) = crate::Interface::cast::<IErrorInfo>(&info) {
            return i;
        }
    }
    let fields = Fields {
        description: Some(description.encode_utf16().collect()),
        ..Fields::default()
    };
    ErrorInfo {
        fields: Mutex::new(fields),
    }
    .into()
}

/// What a `Result`-returning COM method does with its `Err(e)`: the thread's
/// error info becomes an object describing `e` (its message as the
/// description), or is cleared when `e` has no message.
pub fn set_from_error(e: &Error) {
    set(e.message().map(with_description));
}

/// What a Rust caller does on a failed HRESULT: takes the thread's error
/// info (consuming it, as `GetErrorInfo` does) and returns its description,
/// if it has a non-empty one.
pub fn take_description() -> Option<Box<str>> {
    let info = take()?;
    let mut b = null_mut();
    // SAFETY: b is a valid out slot; a successful call leaves a BSTR (or null) we own.
    let hr = unsafe { info.GetDescription(&mut b) };
    // SAFETY: b is null or a BSTR the object handed over.
    let b = unsafe { BSTR::from_raw(if hr.is_ok() { b } else { null_mut() }) };
    if b.is_empty() {
        None
    } else {
        Some(b.to_string().into_boxed_str())
    }
}

/// The answer to `ISupportErrorInfo::InterfaceSupportsErrorInfo(riid)` for
/// an object whose methods all report errors through error info (as every
/// `Result`-returning method of an `#[implement]` object does): `S_OK` when
/// the object implements `riid`, `S_FALSE` when it does not, `E_POINTER`
/// for a null `riid`.
///
/// # Safety
/// `riid` must be null or valid for reads.
pub unsafe fn interface_supports_error_info<T: ComImpl>(this: &T, riid: *const GUID) -> HRESULT {
    if riid.is_null() {
        return E_POINTER;
    }
    let mut p: *mut c_void = null_mut();
    // SAFETY: riid is valid; p is a valid out slot.
    let hr = unsafe { this.inner_query_interface(riid, &mut p) };
    if hr.is_ok() && !p.is_null() {
        // SAFETY: QueryInterface handed us a reference; release it at once.
        drop(unsafe { crate::IUnknown::from_raw(p) });
        S_OK
    } else {
        S_FALSE
    }
}

/// Reads everything an `IErrorInfo` says, as Rust values.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ErrorInfoData {
    /// `GetGUID`.
    pub guid: GUID,
    /// `GetSource`.
    pub source: String,
    /// `GetDescription`.
    pub description: String,
    /// `GetHelpFile`.
    pub help_file: String,
    /// `GetHelpContext`.
    pub help_context: u32,
}

/// Reads an error info object's fields (a failing getter leaves its field empty).
pub fn read(info: &IErrorInfo) -> ErrorInfoData {
    fn text(f: impl FnOnce(*mut *mut u16) -> HRESULT) -> String {
        let mut b = null_mut();
        let hr = f(&mut b);
        // SAFETY: on success b is null or a BSTR handed to us.
        let b = unsafe { BSTR::from_raw(if hr.is_ok() { b } else { null_mut() }) };
        b.to_string()
    }
    let mut d = ErrorInfoData::default();
    // SAFETY: every out-pointer is a valid local slot.
    unsafe {
        let _ = info.GetGUID(&mut d.guid);
        let _ = info.GetHelpContext(&mut d.help_context);
        d.source = text(|p| info.GetSource(p));
        d.description = text(|p| info.GetDescription(p));
        d.help_file = text(|p| info.GetHelpFile(p));
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_over_once() {
        set(Some(with_description("boom")));
        assert_eq!(take_description().as_deref(), Some("boom"));
        assert!(take().is_none());
        assert!(take_description().is_none());
    }

    #[test]
    fn fields_round_trip() {
        let c = create();
        let src: Vec<u16> = "Src.1".encode_utf16().chain(Some(0)).collect();
        let g = GUID::parse("0be35203-8f91-11ce-9de3-00aa004bb851");
        // SAFETY: all pointers are valid.
        unsafe {
            assert_eq!(c.SetSource(src.as_ptr()), S_OK);
            assert_eq!(c.SetGUID(&g), S_OK);
        }
        assert_eq!(c.SetHelpContext(7), S_OK);
        let e: IErrorInfo = c.cast().unwrap();
        let d = read(&e);
        assert_eq!(d.source, "Src.1");
        assert_eq!(d.guid, g);
        assert_eq!(d.help_context, 7);
        assert_eq!(d.description, "");
        let s: ISupportErrorInfo = e.cast().unwrap();
        // SAFETY: the IID pointers are valid.
        unsafe {
            assert_eq!(s.InterfaceSupportsErrorInfo(&g), S_OK);
            assert_eq!(s.InterfaceSupportsErrorInfo(&GUID::NULL), S_FALSE);
        }
    }
}
