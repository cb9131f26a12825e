//! Task memory: `CoTaskMemAlloc`/`CoTaskMemRealloc`/`CoTaskMemFree`,
//! `CoGetMalloc` and the process `IMalloc` (GetSize, DidAlloc), with the
//! Windows edge cases (zero sizes, null pointers, realloc to 0), the
//! documented block layout every module relies on, and blocks crossing
//! threads.

use anycom::api::{CoGetMalloc, CoTaskMemAlloc, CoTaskMemFree, CoTaskMemRealloc};
use anycom::runtime::memory::{TASK_MEM_HEADER, TASK_MEM_TAG};
use anycom::{E_INVALIDARG, E_NOINTERFACE, IID_IUnknown, IMalloc, IUnknown, Interface, S_OK};
use core::ffi::c_void;
use core::ptr::null_mut;

/// A pointer whose 16 header bytes lie on its own 4 KiB page: DidAlloc can tell.
fn header_on_same_page(p: *mut c_void) -> bool {
    (p as usize) % 4096 >= TASK_MEM_HEADER
}

fn malloc() -> IMalloc {
    let mut p = null_mut();
    // SAFETY: p is a valid out slot.
    assert_eq!(unsafe { CoGetMalloc(1, &mut p) }, S_OK);
    assert!(!p.is_null());
    // SAFETY: CoGetMalloc handed over an IMalloc reference.
    unsafe { IMalloc::from_raw(p) }
}

#[test]
fn smoke_alloc_write_free() {
    // SAFETY: the block is written within its 64 bytes and freed once.
    unsafe {
        let p = CoTaskMemAlloc(64) as *mut u8;
        assert!(!p.is_null());
        core::ptr::write_bytes(p, 0x5A, 64);
        assert_eq!(*p.add(63), 0x5A);
        CoTaskMemFree(p as *mut c_void);
    }
}

#[test]
fn zero_size_gives_a_unique_valid_pointer() {
    let m = malloc();
    // SAFETY: all pointers are live blocks, each freed once.
    unsafe {
        let a = CoTaskMemAlloc(0);
        let b = CoTaskMemAlloc(0);
        assert!(!a.is_null());
        assert!(!b.is_null());
        assert_ne!(a, b);
        assert_eq!(m.GetSize(a), 0);
        CoTaskMemFree(a);
        CoTaskMemFree(b);
    }
}

#[test]
fn free_null_is_a_no_op() {
    // SAFETY: null is allowed.
    unsafe {
        CoTaskMemFree(null_mut());
        malloc().Free(null_mut());
    }
}

#[test]
fn realloc_edge_cases() {
    let m = malloc();
    // SAFETY: every pointer is null or a live block; freed pointers are not reused.
    unsafe {
        // Realloc(NULL, n) allocates.
        let p = CoTaskMemRealloc(null_mut(), 10) as *mut u8;
        assert!(!p.is_null());
        assert_eq!(m.GetSize(p as *mut c_void), 10);
        for i in 0..10 {
            *p.add(i) = i as u8;
        }
        // Growing keeps the contents.
        let q = CoTaskMemRealloc(p as *mut c_void, 100_000) as *mut u8;
        assert!(!q.is_null());
        assert_eq!(m.GetSize(q as *mut c_void), 100_000);
        assert_eq!(
            core::slice::from_raw_parts(q, 10),
            &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
        );
        // Shrinking keeps the prefix.
        let r = CoTaskMemRealloc(q as *mut c_void, 3) as *mut u8;
        assert_eq!(m.GetSize(r as *mut c_void), 3);
        assert_eq!(core::slice::from_raw_parts(r, 3), &[0, 1, 2]);
        // Realloc(p, 0) frees and returns NULL.
        assert!(CoTaskMemRealloc(r as *mut c_void, 0).is_null());
        // Through IMalloc too.
        let s = m.Realloc(null_mut(), 8);
        assert!(!s.is_null());
        assert!(m.Realloc(s, 0).is_null());
        // An impossible size fails and leaves the block alone.
        let t = CoTaskMemAlloc(4) as *mut u8;
        *t = 42;
        assert!(CoTaskMemRealloc(t as *mut c_void, usize::MAX).is_null());
        assert!(CoTaskMemAlloc(usize::MAX).is_null());
        assert_eq!(*t, 42);
        assert_eq!(m.GetSize(t as *mut c_void), 4);
        CoTaskMemFree(t as *mut c_void);
    }
}

#[test]
#[cfg(target_pointer_width = "64")]
fn blocks_are_16_byte_aligned() {
    // SAFETY: each block is freed once.
    unsafe {
        for n in [0usize, 1, 7, 16, 33, 4096, 1 << 20] {
            let p = CoTaskMemAlloc(n);
            assert_eq!(p as usize % 16, 0, "size {n}");
            let q = CoTaskMemRealloc(p, n + 17);
            assert_eq!(q as usize % 16, 0, "size {n} grown");
            CoTaskMemFree(q);
        }
    }
}

#[test]
fn co_get_malloc_contexts() {
    let mut p: *mut c_void = core::ptr::dangling_mut::<c_void>();
    // SAFETY: p is a valid out slot; null out-pointers are allowed.
    unsafe {
        assert_eq!(CoGetMalloc(0, &mut p), E_INVALIDARG);
        assert!(p.is_null());
        p = core::ptr::dangling_mut::<c_void>();
        assert_eq!(CoGetMalloc(2, &mut p), E_INVALIDARG); // MEMCTX_SHARED
        assert!(p.is_null());
        assert_eq!(CoGetMalloc(1, null_mut()), E_INVALIDARG);
    }
    // The process allocator is one object.
    assert_eq!(malloc().as_raw(), malloc().as_raw());
    assert_eq!(
        anycom::runtime::memory::get_malloc(3).unwrap_err().code(),
        E_INVALIDARG
    );
}

#[test]
fn imalloc_query_interface_and_counts() {
    let m = malloc();
    let unk: IUnknown = m.cast().unwrap();
    assert_eq!(unk.as_raw(), m.as_raw());
    let mut p: *mut c_void = core::ptr::dangling_mut::<c_void>();
    // SAFETY: p is a valid out slot.
    unsafe {
        assert_eq!(unk.query(&IID_IUnknown, &mut p), S_OK);
        assert_eq!(p, m.as_raw());
        let other = anycom::GUID::parse("11111111-2222-3333-4444-555555555555");
        assert_eq!(unk.query(&other, &mut p), E_NOINTERFACE);
        assert!(p.is_null());
        // The static object's counts are constant, as on Windows.
        assert_eq!(m.raw_add_ref(), 2);
        assert_eq!(m.raw_release(), 1);
    }
    m.HeapMinimize();
}

#[test]
fn get_size_is_the_requested_size() {
    let m = malloc();
    // SAFETY: blocks are live while asked about, then freed once.
    unsafe {
        for n in [1usize, 3, 15, 17, 1000] {
            let p = m.Alloc(n);
            assert_eq!(m.GetSize(p), n);
            CoTaskMemFree(p); // IMalloc and CoTaskMem* are the same allocator
            let q = CoTaskMemAlloc(n);
            assert_eq!(m.GetSize(q), n);
            m.Free(q);
        }
        assert_eq!(m.GetSize(null_mut()), usize::MAX);
    }
}

#[test]
fn did_alloc_answers_one_zero_minus_one() {
    let m = malloc();
    // SAFETY: every pointer passed points into memory we may read.
    unsafe {
        assert_eq!(m.DidAlloc(null_mut()), -1);
        let p = CoTaskMemAlloc(32);
        core::ptr::write_bytes(p as *mut u8, 0, 32);
        let expect = if header_on_same_page(p) { 1 } else { -1 };
        assert_eq!(m.DidAlloc(p), expect);
        // A pointer into the middle of our block is not a block of ours.
        assert_eq!(m.DidAlloc((p as *mut u8).add(1) as *mut c_void), 0);
        let inner = (p as *mut u8).add(16) as *mut c_void;
        let expect_inner = if header_on_same_page(inner) { 0 } else { -1 };
        assert_eq!(m.DidAlloc(inner), expect_inner);
        CoTaskMemFree(p);

        let mut stack = [0u64; 8];
        let s = stack.as_mut_ptr().add(4) as *mut c_void;
        let expect = if header_on_same_page(s) { 0 } else { -1 };
        assert_eq!(m.DidAlloc(s), expect);
        assert_eq!(m.GetSize(s), usize::MAX);
    }
}

#[test]
fn block_layout_is_the_documented_abi() {
    // SAFETY: the header words lie in front of the block, inside its allocation.
    unsafe {
        let p = CoTaskMemAlloc(77);
        let base = (p as *mut u8).sub(TASK_MEM_HEADER) as *const u64;
        assert_eq!(base.read(), 77);
        assert_eq!(base.add(1).read(), TASK_MEM_TAG ^ (p as usize as u64));
        CoTaskMemFree(p);
    }
}

#[test]
fn a_block_built_by_another_module_is_freed_here() {
    // What a Rust plugin's static copy of the crate does: the C library's
    // malloc plus the documented header. CoTaskMemFree here must accept it.
    let m = malloc();
    // SAFETY: the block is a fresh malloc of header + 24 bytes, headed as documented.
    unsafe {
        let base = libc::malloc(TASK_MEM_HEADER + 24) as *mut u8;
        assert!(!base.is_null());
        let user = base.add(TASK_MEM_HEADER);
        (base as *mut u64).write(24);
        (base as *mut u64)
            .add(1)
            .write(TASK_MEM_TAG ^ (user as usize as u64));
        assert_eq!(m.GetSize(user as *mut c_void), 24);
        let grown = CoTaskMemRealloc(user as *mut c_void, 48);
        assert_eq!(m.GetSize(grown), 48);
        CoTaskMemFree(grown);
    }
}

#[test]
fn blocks_cross_threads() {
    let (tx, rx) = std::sync::mpsc::channel::<usize>();
    let producer = std::thread::spawn(move || {
        for i in 0..1000usize {
            // SAFETY: the block is written within its size and handed over.
            unsafe {
                let p = CoTaskMemAlloc(8) as *mut usize;
                p.write(i);
                tx.send(p as usize).unwrap();
            }
        }
    });
    let mut seen = 0usize;
    for addr in rx {
        // SAFETY: each address is a live 8-byte block sent exactly once.
        unsafe {
            assert_eq!((addr as *const usize).read(), seen);
            CoTaskMemFree(addr as *mut c_void);
        }
        seen += 1;
    }
    producer.join().unwrap();
    assert_eq!(seen, 1000);
}
