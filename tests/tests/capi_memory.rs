//! Task memory and BSTRs crossing modules, from C (`tests/c/capi_memory.c`):
//! the C++ server (through libanycom) and the Rust fixture server (through
//! its own static copy of the anycom crate) hand out BSTRs and task-memory
//! strings the C program frees with libanycom, and free the ones the C
//! program allocated ([in, out] parameters); libanycom's `IMalloc`
//! recognizes every block with its exact size, `CoTaskMemRealloc` and
//! `SysReAllocString` resize another copy's blocks. And the same between
//! this Rust process's own copy of anycom and libanycom, both ways.
#![cfg(unix)]

mod capi_support;

use anycom_tests::native;
use core::ffi::c_void;

#[test]
fn strings_cross_modules_in_both_directions() {
    let cpp = native::cpp_server();
    let fixture = capi_support::rust_fixture();
    let reg = capi_support::CRegistry::new();
    capi_support::run_checks(
        "capi_memory",
        "capi_memory.c",
        &[cpp.to_str().unwrap(), fixture.to_str().unwrap()],
        &reg.options(),
    );
}

type Alloc = unsafe extern "system" fn(usize) -> *mut c_void;
type Free = unsafe extern "system" fn(*mut c_void);
type Realloc = unsafe extern "system" fn(*mut c_void, usize) -> *mut c_void;
type AllocString = unsafe extern "system" fn(*const u16) -> *mut u16;
type StringLen = unsafe extern "system" fn(*mut u16) -> u32;
type FreeString = unsafe extern "system" fn(*mut u16);

#[test]
fn this_processs_copy_and_libanycom_free_each_others_blocks() {
    let path = native::libanycom();
    // SAFETY: loading libanycom runs only its constructor (which installs a
    // class source in libanycom's own copy of the runtime).
    let lib = unsafe { libloading::Library::new(&path) }.unwrap();
    // SAFETY: the symbols have these signatures (combaseapi.h, oleauto.h).
    let (alloc, free, realloc, alloc_string, string_len, free_string) = unsafe {
        (
            *lib.get::<Alloc>(b"CoTaskMemAlloc").unwrap(),
            *lib.get::<Free>(b"CoTaskMemFree").unwrap(),
            *lib.get::<Realloc>(b"CoTaskMemRealloc").unwrap(),
            *lib.get::<AllocString>(b"SysAllocString").unwrap(),
            *lib.get::<StringLen>(b"SysStringLen").unwrap(),
            *lib.get::<FreeString>(b"SysFreeString").unwrap(),
        )
    };
    for size in [0usize, 1, 15, 16, 4096, 1 << 20] {
        // libanycom allocates, this copy measures, grows and frees
        // SAFETY: every block is used within its size and freed once.
        unsafe {
            let p = alloc(size);
            assert!(!p.is_null());
            assert_eq!(anycom::runtime::memory::size_of(p), size);
            assert_eq!(anycom::runtime::memory::did_alloc(p), 1);
            let q = anycom::runtime::memory::realloc(p, size + 8);
            assert!(!q.is_null());
            anycom::runtime::memory::free(q);
            // this copy allocates, libanycom grows and frees
            let p = anycom::runtime::memory::alloc(size);
            assert!(!p.is_null());
            let q = realloc(p, size * 2 + 1);
            assert!(!q.is_null());
            assert_eq!(anycom::runtime::memory::size_of(q), size * 2 + 1);
            free(q);
        }
    }
    let text: Vec<u16> = "across copies\0".encode_utf16().collect();
    // SAFETY: text is NUL-terminated; each BSTR is freed once, by the other copy.
    unsafe {
        let b = alloc_string(text.as_ptr());
        let owned = anycom::BSTR::from_raw(b);
        assert_eq!(owned.to_string(), "across copies");
        drop(owned); // this copy's SysFreeString
        let b = anycom::BSTR::from("the other way").into_raw();
        assert_eq!(string_len(b), 13);
        free_string(b);
    }
}
