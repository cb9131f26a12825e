//! Error info: per-thread `SetErrorInfo`/`GetErrorInfo` hand-over (a second
//! `GetErrorInfo` is `S_FALSE`; no `CoInitializeEx` needed; threads are
//! independent; references are taken and released exactly), `CreateErrorInfo`
//! objects and their fields, `ISupportErrorInfo`, and a Rust method's `Err`
//! message reaching a Rust caller's `Error` (and a C caller's `GetErrorInfo`).

use anycom::api::{CreateErrorInfo, GetErrorInfo, SetErrorInfo};
use anycom::runtime::error_info::interface_supports_error_info;
use anycom::{
    BSTR, E_ACCESSDENIED, E_FAIL, E_INVALIDARG, E_POINTER, Error, GUID, HRESULT, ICreateErrorInfo,
    IErrorInfo, IErrorInfo_Impl, ISupportErrorInfo, ISupportErrorInfo_Impl, IUnknown, Interface,
    S_FALSE, S_OK, implement, interface,
};
use anycom_tests::wide as w;
use core::ffi::c_void;
use core::ptr::null_mut;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};

/// `CreateErrorInfo` + `SetDescription`, as a C component would.
fn make_info(description: &str) -> IErrorInfo {
    let mut p = null_mut();
    // SAFETY: p is a valid out slot; the description is NUL-terminated.
    unsafe {
        assert_eq!(CreateErrorInfo(&mut p), S_OK);
        let c = ICreateErrorInfo::from_raw(p);
        assert_eq!(c.SetDescription(w(description).as_ptr()), S_OK);
        c.cast().unwrap()
    }
}

fn set(info: Option<&IErrorInfo>) -> HRESULT {
    let raw = info.map_or(null_mut(), |i| i.as_raw());
    // SAFETY: raw is null or a live IErrorInfo.
    unsafe { SetErrorInfo(0, raw) }
}

/// `GetErrorInfo(0, &p)` with `p` prefilled with junk.
fn get() -> (HRESULT, Option<IErrorInfo>) {
    let mut p: *mut c_void = core::ptr::dangling_mut::<c_void>();
    // SAFETY: p is a valid out slot.
    let hr = unsafe { GetErrorInfo(0, &mut p) };
    if p.is_null() {
        (hr, None)
    } else {
        // SAFETY: GetErrorInfo handed over a reference.
        (hr, Some(unsafe { IErrorInfo::from_raw(p) }))
    }
}

fn description(info: &IErrorInfo) -> String {
    let mut b = BSTR::new();
    assert_eq!(
        // SAFETY: the BSTR slot is a valid BSTR* holding null; the result is owned by b.
        unsafe { info.GetDescription(&mut b as *mut BSTR as *mut *mut u16) },
        S_OK
    );
    b.to_string()
}

#[test]
fn smoke_hand_over_once() {
    let info = make_info("disk full");
    assert_eq!(set(Some(&info)), S_OK);
    let (hr, got) = get();
    assert_eq!(hr, S_OK);
    let got = got.unwrap();
    assert_eq!(got.as_raw(), info.as_raw());
    assert_eq!(description(&got), "disk full");
    // Handed over: the thread has none now.
    let (hr, none) = get();
    assert_eq!(hr, S_FALSE);
    assert!(none.is_none());
    let (hr, none) = get();
    assert_eq!(hr, S_FALSE);
    assert!(none.is_none());
}

#[test]
fn works_without_co_initialize_on_a_fresh_thread() {
    std::thread::spawn(|| {
        let (hr, none) = get();
        assert_eq!(hr, S_FALSE);
        assert!(none.is_none());
        let info = make_info("no apartment needed");
        assert_eq!(set(Some(&info)), S_OK);
        let (hr, got) = get();
        assert_eq!(hr, S_OK);
        assert_eq!(description(&got.unwrap()), "no apartment needed");
    })
    .join()
    .unwrap();
}

#[test]
fn set_null_clears() {
    let info = make_info("stale");
    assert_eq!(set(Some(&info)), S_OK);
    assert_eq!(set(None), S_OK);
    assert_eq!(get().0, S_FALSE);
}

#[test]
fn argument_checks() {
    let first = make_info("first");
    let second = make_info("second");
    assert_eq!(set(Some(&first)), S_OK);
    let mut p: *mut c_void = core::ptr::dangling_mut::<c_void>();
    // SAFETY: pointers are live, valid slots or null.
    unsafe {
        assert_eq!(SetErrorInfo(1, second.as_raw()), E_INVALIDARG);
        assert_eq!(GetErrorInfo(1, &mut p), E_INVALIDARG);
        assert_eq!(GetErrorInfo(0, null_mut()), E_INVALIDARG);
        assert_eq!(CreateErrorInfo(null_mut()), E_INVALIDARG);
    }
    // The refused calls changed nothing.
    let (hr, got) = get();
    assert_eq!(hr, S_OK);
    assert_eq!(description(&got.unwrap()), "first");
}

/// A Rust-implemented IErrorInfo that counts its destruction.
#[implement(IErrorInfo)]
struct Counted {
    dropped: Arc<AtomicUsize>,
}

impl Drop for Counted {
    fn drop(&mut self) {
        self.dropped.fetch_add(1, Ordering::SeqCst);
    }
}

impl IErrorInfo_Impl for Counted_Impl {
    unsafe fn GetGUID(&self, guid: *mut GUID) -> HRESULT {
        // SAFETY: the caller passes a valid slot.
        unsafe { *guid = GUID::NULL };
        S_OK
    }
    unsafe fn GetSource(&self, source: *mut *mut u16) -> HRESULT {
        // SAFETY: the caller passes a valid slot.
        unsafe { *source = null_mut() };
        S_OK
    }
    unsafe fn GetDescription(&self, description: *mut *mut u16) -> HRESULT {
        // SAFETY: the caller passes a valid slot; it owns the BSTR.
        unsafe { *description = BSTR::from("counted").into_raw() };
        S_OK
    }
    unsafe fn GetHelpFile(&self, help_file: *mut *mut u16) -> HRESULT {
        // SAFETY: the caller passes a valid slot.
        unsafe { *help_file = null_mut() };
        S_OK
    }
    unsafe fn GetHelpContext(&self, help_context: *mut u32) -> HRESULT {
        // SAFETY: the caller passes a valid slot.
        unsafe { *help_context = 0 };
        S_OK
    }
}

#[test]
fn set_error_info_takes_and_releases_references() {
    let dropped = Arc::new(AtomicUsize::new(0));
    let a: IErrorInfo = Counted {
        dropped: Arc::clone(&dropped),
    }
    .into();
    assert_eq!(set(Some(&a)), S_OK);
    drop(a);
    assert_eq!(
        dropped.load(Ordering::SeqCst),
        0,
        "the thread holds its own reference"
    );
    assert_eq!(set(None), S_OK);
    assert_eq!(dropped.load(Ordering::SeqCst), 1, "clearing releases it");

    // Replacing releases the old one.
    let b: IErrorInfo = Counted {
        dropped: Arc::clone(&dropped),
    }
    .into();
    assert_eq!(set(Some(&b)), S_OK);
    drop(b);
    let c = make_info("replacement");
    assert_eq!(set(Some(&c)), S_OK);
    assert_eq!(dropped.load(Ordering::SeqCst), 2);

    // GetErrorInfo hands the thread's reference to the caller.
    let d: IErrorInfo = Counted {
        dropped: Arc::clone(&dropped),
    }
    .into();
    assert_eq!(set(Some(&d)), S_OK);
    drop(d);
    let (hr, got) = get();
    assert_eq!(hr, S_OK);
    assert_eq!(dropped.load(Ordering::SeqCst), 2);
    assert_eq!(description(got.as_ref().unwrap()), "counted");
    drop(got);
    assert_eq!(dropped.load(Ordering::SeqCst), 3);
}

#[test]
fn thread_exit_releases_the_error_info() {
    let dropped = Arc::new(AtomicUsize::new(0));
    let flag = Arc::clone(&dropped);
    std::thread::spawn(move || {
        let e: IErrorInfo = Counted { dropped: flag }.into();
        assert_eq!(set(Some(&e)), S_OK);
    })
    .join()
    .unwrap();
    assert_eq!(dropped.load(Ordering::SeqCst), 1);
}

#[test]
fn threads_are_independent() {
    let barrier = Arc::new(Barrier::new(2));
    let other = Arc::clone(&barrier);
    let t = std::thread::spawn(move || {
        other.wait(); // main has set "main"
        let (hr, none) = get();
        assert_eq!(
            hr, S_FALSE,
            "another thread's error info is not visible here"
        );
        assert!(none.is_none());
        let mine = make_info("worker");
        assert_eq!(set(Some(&mine)), S_OK);
        other.wait(); // main may now read its own
        other.wait(); // main has read
        let (hr, got) = get();
        assert_eq!(hr, S_OK);
        description(&got.unwrap())
    });
    let main_info = make_info("main");
    assert_eq!(set(Some(&main_info)), S_OK);
    barrier.wait();
    barrier.wait();
    let (hr, got) = get();
    assert_eq!(hr, S_OK);
    assert_eq!(description(&got.unwrap()), "main");
    barrier.wait();
    assert_eq!(t.join().unwrap(), "worker");
}

#[test]
fn create_error_info_fields() {
    let mut p = null_mut();
    let guid = GUID::parse("0be35203-8f91-11ce-9de3-00aa004bb851");
    // SAFETY: all pointers are valid slots, NUL-terminated strings, or null.
    unsafe {
        assert_eq!(CreateErrorInfo(&mut p), S_OK);
        let c = ICreateErrorInfo::from_raw(p);
        let e: IErrorInfo = c.cast().unwrap();
        let s: ISupportErrorInfo = c.cast().unwrap();
        assert!(e.same_object(&c));

        // Nothing set: empty strings are null BSTRs, S_OK.
        let mut b: *mut u16 = core::ptr::dangling_mut::<u16>();
        assert_eq!(e.GetDescription(&mut b), S_OK);
        assert!(b.is_null());
        let mut g = GUID::new();
        assert_eq!(e.GetGUID(&mut g), S_OK);
        assert_eq!(g, GUID::NULL);
        let mut ctx = 99u32;
        assert_eq!(e.GetHelpContext(&mut ctx), S_OK);
        assert_eq!(ctx, 0);

        assert_eq!(c.SetGUID(&guid), S_OK);
        assert_eq!(c.SetSource(w("My.Component.1").as_ptr()), S_OK);
        assert_eq!(c.SetDescription(w("it broke").as_ptr()), S_OK);
        assert_eq!(c.SetHelpFile(w("/usr/share/help/thing.txt").as_ptr()), S_OK);
        assert_eq!(c.SetHelpContext(42), S_OK);

        let d = anycom::runtime::error_info::read(&e);
        assert_eq!(d.guid, guid);
        assert_eq!(d.source, "My.Component.1");
        assert_eq!(d.description, "it broke");
        assert_eq!(d.help_file, "/usr/share/help/thing.txt");
        assert_eq!(d.help_context, 42);

        // Each Get hands out a fresh BSTR the caller owns.
        let (mut x, mut y) = (null_mut(), null_mut());
        assert_eq!(e.GetSource(&mut x), S_OK);
        assert_eq!(e.GetSource(&mut y), S_OK);
        assert_ne!(x, y);
        drop((BSTR::from_raw(x), BSTR::from_raw(y)));

        // Setting NULL empties a field again.
        assert_eq!(c.SetDescription(null_mut()), S_OK);
        assert_eq!(e.GetDescription(&mut b), S_OK);
        assert!(b.is_null());

        // Null out-pointers.
        assert_eq!(e.GetDescription(null_mut()), E_INVALIDARG);
        assert_eq!(e.GetSource(null_mut()), E_INVALIDARG);
        assert_eq!(e.GetHelpFile(null_mut()), E_INVALIDARG);
        assert_eq!(e.GetGUID(null_mut()), E_INVALIDARG);
        assert_eq!(e.GetHelpContext(null_mut()), E_INVALIDARG);
        assert_eq!(c.SetGUID(null_mut()), E_INVALIDARG);

        // The error object's own ISupportErrorInfo answers for its GUID.
        assert_eq!(s.InterfaceSupportsErrorInfo(&guid), S_OK);
        assert_eq!(s.InterfaceSupportsErrorInfo(&GUID::NULL), S_FALSE);
    }
}

#[interface("6a3f1c2e-9b4d-4e8f-a1c2-3d4e5f607182")]
unsafe trait IThing: IUnknown {
    fn Fail(&self) -> anycom::Result<()>;
    fn FailQuietly(&self) -> anycom::Result<()>;
    fn Succeed(&self) -> anycom::Result<()>;
}

#[implement(IThing, ISupportErrorInfo)]
struct Thing;

impl IThing_Impl for Thing_Impl {
    fn Fail(&self) -> anycom::Result<()> {
        Err(Error::new(E_ACCESSDENIED, "the thing is locked"))
    }
    fn FailQuietly(&self) -> anycom::Result<()> {
        Err(Error::from_code(E_FAIL))
    }
    fn Succeed(&self) -> anycom::Result<()> {
        Ok(())
    }
}

impl ISupportErrorInfo_Impl for Thing_Impl {
    unsafe fn InterfaceSupportsErrorInfo(&self, riid: *const GUID) -> HRESULT {
        // SAFETY: forwarded from the COM caller.
        unsafe { interface_supports_error_info(self, riid) }
    }
}

#[test]
fn rust_err_reaches_a_rust_caller() {
    let thing: IThing = Thing.into();
    let e = thing.Fail().unwrap_err();
    assert_eq!(e.code(), E_ACCESSDENIED);
    assert_eq!(e.message(), Some("the thing is locked"));
    // The caller consumed it.
    assert_eq!(get().0, S_FALSE);
    assert!(thing.Succeed().is_ok());
}

#[test]
fn rust_err_reaches_a_c_caller() {
    let thing: IThing = Thing.into();
    // Call through the raw vtable, as C would.
    // SAFETY: thing is a live IThing.
    let hr = unsafe { (thing.vtable().Fail)(thing.as_raw()) };
    assert_eq!(hr, E_ACCESSDENIED);
    let (hr, info) = get();
    assert_eq!(hr, S_OK);
    let info = info.unwrap();
    let d = anycom::runtime::error_info::read(&info);
    assert_eq!(d.description, "the thing is locked");
    assert_eq!(d.guid, GUID::NULL);
}

#[test]
fn err_without_message_clears_stale_info() {
    let stale = make_info("from an earlier call");
    assert_eq!(set(Some(&stale)), S_OK);
    let thing: IThing = Thing.into();
    let e = thing.FailQuietly().unwrap_err();
    assert_eq!(e.code(), E_FAIL);
    assert_eq!(e.message(), None);
    assert_eq!(get().0, S_FALSE);
}

#[test]
fn c_style_error_info_reaches_a_rust_caller() {
    let info = make_info("set by C");
    assert_eq!(set(Some(&info)), S_OK);
    let e = HRESULT(E_FAIL.0).ok().unwrap_err();
    assert_eq!(e.code(), E_FAIL);
    assert_eq!(e.message(), Some("set by C"));
    assert_eq!(get().0, S_FALSE);

    // from_code ignores (and leaves) the thread's error info.
    assert_eq!(set(Some(&info)), S_OK);
    assert_eq!(Error::from_code(E_FAIL).message(), None);
    assert_eq!(get().0, S_OK);
}

#[test]
fn objects_answer_isupporterrorinfo() {
    let thing: IThing = Thing.into();
    let s: ISupportErrorInfo = thing.cast().unwrap();
    let other = GUID::parse("11111111-2222-3333-4444-555555555555");
    // SAFETY: IID pointers are valid or null.
    unsafe {
        assert_eq!(s.InterfaceSupportsErrorInfo(&IThing::IID), S_OK);
        assert_eq!(s.InterfaceSupportsErrorInfo(&ISupportErrorInfo::IID), S_OK);
        assert_eq!(s.InterfaceSupportsErrorInfo(&other), S_FALSE);
        assert_eq!(s.InterfaceSupportsErrorInfo(null_mut()), E_POINTER);
    }
}
