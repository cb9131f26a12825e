//! Task memory: the one allocator behind `CoTaskMemAlloc`, `CoTaskMemRealloc`,
//! `CoTaskMemFree` and the process `IMalloc`.
//!
//! Memory handed from one module to another (a string a server returns, an
//! array of interface pointers) is allocated by one module and freed by
//! another, so every module in the process must agree on the allocator, even
//! a Rust plugin that links its own static copy of this crate and never calls
//! into `libanycom`. That is why the allocator is built on the C library's
//! `malloc`/`realloc`/`free` (which every module of a process shares) with a
//! small header whose layout is part of the anycom ABI.
//!
//! # The task memory block (anycom ABI, never to change)
//!
//! ```text
//! base = malloc(16 + n)           (the C library's malloc)
//! base + 0   u64   the size the caller asked for (n), native-endian
//! base + 8   u64   the tag: TASK_MEM_TAG ^ (address of base + 16)
//! base + 16  ...   the caller's n bytes: the pointer CoTaskMemAlloc returns
//! ```
//!
//! The pointer handed out is `base + 16`, so it has the C library's `malloc`
//! alignment (16 bytes on every 64-bit target anycom supports; 8 on 32-bit
//! targets whose `malloc` gives 8). The tag lets `IMalloc::DidAlloc` and
//! `IMalloc::GetSize` recognise their own blocks and lets `CoTaskMemFree`
//! refuse a pointer that is not a task memory block rather than corrupt the
//! heap; it is cleared when the block is freed. Every copy of this crate, of
//! every version, must use exactly this layout and this tag.

use crate::error::{Error, Result};
use crate::guid::GUID;
use crate::hresult::{E_INVALIDARG, E_NOINTERFACE, E_POINTER, HRESULT, S_OK};
use crate::imp::guard;
use crate::interface::Interface;
use crate::interfaces::{IID_IMalloc, IMalloc, IMalloc_Vtbl};
use crate::unknown::{IID_IUnknown, IUnknown_Vtbl};
use core::ffi::c_void;
use core::ptr::null_mut;

/// The size of the header in front of every task memory block.
pub const TASK_MEM_HEADER: usize = 16;

/// The constant mixed into every block's tag ("ANYCOMTM" in ASCII).
pub const TASK_MEM_TAG: u64 = 0x414E_5943_4F4D_544D;

/// Conservative page size for [`did_alloc`]: every platform's pages are at
/// least this large, so a pointer whose offset in such a page is at least 16
/// has its header bytes on its own (readable) page.
const MIN_PAGE: usize = 4096;

const _: () = assert!(TASK_MEM_HEADER == 2 * core::mem::size_of::<u64>());

#[inline]
fn tag_for(user: *mut u8) -> u64 {
    TASK_MEM_TAG ^ (user as usize as u64)
}

/// Writes the header in front of `base` and returns the caller's pointer.
///
/// # Safety
/// `base` must be a live `malloc` block of at least `TASK_MEM_HEADER + size` bytes.
#[inline]
unsafe fn finish(base: *mut u8, size: usize) -> *mut c_void {
    // SAFETY: the block has TASK_MEM_HEADER bytes in front of the user part.
    let user = unsafe { base.add(TASK_MEM_HEADER) };
    // SAFETY: malloc blocks are at least 8-aligned; both words are inside the block.
    unsafe {
        (base as *mut u64).write(size as u64);
        (base as *mut u64).add(1).write(tag_for(user));
    }
    user as *mut c_void
}

/// The header's base address for a user pointer.
#[inline]
fn base_of(p: *mut c_void) -> *mut u8 {
    (p as *mut u8).wrapping_sub(TASK_MEM_HEADER)
}

/// Reads the header of `p`: `Some(requested size)` when its tag is ours.
///
/// # Safety
/// The 16 bytes before `p` must be readable.
#[inline]
unsafe fn read_header(p: *mut c_void) -> Option<usize> {
    let base = base_of(p) as *const u64;
    // SAFETY: readable per the caller; volatile because for a foreign pointer
    // these bytes belong to memory the compiler knows nothing about.
    let (size, tag) = unsafe { (base.read_volatile(), base.add(1).read_volatile()) };
    (tag == tag_for(p as *mut u8)).then_some(size as usize)
}

/// `CoTaskMemAlloc`: `size` bytes of task memory, or null when out of memory.
///
/// A zero size gives a valid, unique pointer (as on Windows) that must be freed.
pub fn alloc(size: usize) -> *mut c_void {
    let Some(total) = size
        .checked_add(TASK_MEM_HEADER)
        .filter(|t| *t <= isize::MAX as usize)
    else {
        return null_mut();
    };
    // SAFETY: malloc may be called with any size.
    let base = unsafe { libc::malloc(total) } as *mut u8;
    if base.is_null() {
        return null_mut();
    }
    // SAFETY: base is a fresh block of `total` bytes.
    unsafe { finish(base, size) }
}

/// A copy of `chars` in a new task memory block (a string handed to the
/// caller, who frees it with `CoTaskMemFree`); null when out of memory.
pub(crate) fn alloc_wide(chars: &[u16]) -> *mut u16 {
    let p = alloc(core::mem::size_of_val(chars)) as *mut u16;
    if !p.is_null() {
        // SAFETY: p is a fresh block of chars.len() u16s (malloc-aligned).
        unsafe { core::ptr::copy_nonoverlapping(chars.as_ptr(), p, chars.len()) };
    }
    p
}

/// `CoTaskMemFree`: frees a task memory block; null is a no-op. A pointer
/// that does not carry a task memory header is left alone.
///
/// # Safety
/// `p` must be null or a live pointer returned by [`alloc`]/[`realloc`] (by
/// any module's copy of anycom), not used again after this call.
pub unsafe fn free(p: *mut c_void) {
    if p.is_null() {
        return;
    }
    // SAFETY: p is a task memory block, so its header is readable.
    if unsafe { read_header(p) }.is_none() {
        return;
    }
    let base = base_of(p);
    // SAFETY: the block is ours: clear the tag (so a stale pointer is not
    // recognised) and give the whole block back to malloc.
    unsafe {
        (base as *mut u64).add(1).write(0);
        libc::free(base as *mut c_void);
    }
}

/// `CoTaskMemRealloc` / `IMalloc::Realloc`: null `p` allocates `size` bytes;
/// a zero `size` frees `p` and returns null; otherwise the block is resized
/// (its contents kept up to the smaller size). On failure null is returned
/// and `p` is left unchanged.
///
/// # Safety
/// `p` must be null or a live task memory block; after a non-null result (or
/// a zero `size`) the old pointer must not be used.
pub unsafe fn realloc(p: *mut c_void, size: usize) -> *mut c_void {
    if p.is_null() {
        return alloc(size);
    }
    if size == 0 {
        // SAFETY: forwarded contract.
        unsafe { free(p) };
        return null_mut();
    }
    // SAFETY: p is a task memory block per the caller.
    if unsafe { read_header(p) }.is_none() {
        return null_mut();
    }
    let Some(total) = size
        .checked_add(TASK_MEM_HEADER)
        .filter(|t| *t <= isize::MAX as usize)
    else {
        return null_mut();
    };
    // SAFETY: base_of(p) is the malloc block behind p.
    let base = unsafe { libc::realloc(base_of(p) as *mut c_void, total) } as *mut u8;
    if base.is_null() {
        return null_mut();
    }
    // SAFETY: base is a live block of `total` bytes (contents moved by realloc).
    unsafe { finish(base, size) }
}

/// `IMalloc::GetSize`: the size that was asked for when `p` was allocated,
/// or `usize::MAX` (`(SIZE_T)-1`) for null or a pointer this allocator did
/// not hand out (as far as [`did_alloc`] can tell).
///
/// # Safety
/// `p` must be null or point into memory the caller may read.
pub unsafe fn size_of(p: *mut c_void) -> usize {
    // SAFETY: forwarded contract.
    if unsafe { did_alloc(p) } != 1 {
        return usize::MAX;
    }
    // SAFETY: did_alloc found our header.
    unsafe { read_header(p) }.unwrap_or(usize::MAX)
}

/// `IMalloc::DidAlloc`: 1 when `p` is a live block of this allocator, 0 when
/// it is not, -1 when that cannot be determined (null, as on Windows, or a
/// pointer at the very start of a page whose header would lie on an
/// unmapped page before it, or on an OS where that cannot be checked).
///
/// # Safety
/// `p` must be null or point into memory the caller may read (any pointer
/// into a live allocation, a stack or a static qualifies).
pub unsafe fn did_alloc(p: *mut c_void) -> i32 {
    if p.is_null() {
        return -1;
    }
    let addr = p as usize;
    if !addr.is_multiple_of(8) {
        // Every block this allocator hands out has malloc's alignment (≥ 8).
        return 0;
    }
    if addr % MIN_PAGE < TASK_MEM_HEADER && !super::sys::is_mapped(addr - TASK_MEM_HEADER) {
        // The header would lie on the page before, which is not mapped (or,
        // where the OS cannot tell us, may not be): not one of our blocks,
        // as far as we can tell without touching it.
        return -1;
    }
    // SAFETY: the header bytes lie on p's page (mapped and readable because
    // p is) or on the page before, which is mapped (checked just above).
    match unsafe { read_header(p) } {
        Some(_) => 1,
        None => 0,
    }
}

/// `MEMCTX_TASK`: the only memory context `CoGetMalloc` accepts.
pub const MEMCTX_TASK: u32 = 1;

/// The process `IMalloc`: a static object over the task allocator. Its
/// `AddRef`/`Release` do nothing (it is never destroyed), as on Windows, so
/// every module's `CoGetMalloc` may hand it out freely.
#[repr(C)]
struct TaskMalloc {
    vtbl: &'static IMalloc_Vtbl,
}

static TASK_MALLOC_VTBL: IMalloc_Vtbl = IMalloc_Vtbl {
    base__: IUnknown_Vtbl {
        QueryInterface: malloc_qi,
        AddRef: malloc_add_ref,
        Release: malloc_release,
    },
    Alloc: malloc_alloc,
    Realloc: malloc_realloc,
    Free: malloc_free,
    GetSize: malloc_get_size,
    DidAlloc: malloc_did_alloc,
    HeapMinimize: malloc_heap_minimize,
};

static TASK_MALLOC: TaskMalloc = TaskMalloc {
    vtbl: &TASK_MALLOC_VTBL,
};

fn task_malloc_ptr() -> *mut c_void {
    &TASK_MALLOC as *const TaskMalloc as *mut c_void
}

unsafe extern "system" fn malloc_qi(
    this: *mut c_void,
    iid: *const GUID,
    ppv: *mut *mut c_void,
) -> HRESULT {
    guard(|| {
        if ppv.is_null() {
            return E_POINTER;
        }
        // SAFETY: ppv is a valid out-pointer per the COM caller.
        unsafe { *ppv = null_mut() };
        if iid.is_null() {
            return E_INVALIDARG;
        }
        // SAFETY: iid is valid per the COM caller.
        let iid = unsafe { &*iid };
        if *iid == IID_IUnknown || *iid == IID_IMalloc {
            // SAFETY: as above; the static object needs no AddRef.
            unsafe { *ppv = this };
            S_OK
        } else {
            E_NOINTERFACE
        }
    })
}

unsafe extern "system" fn malloc_add_ref(_this: *mut c_void) -> u32 {
    2
}

unsafe extern "system" fn malloc_release(_this: *mut c_void) -> u32 {
    1
}

unsafe extern "system" fn malloc_alloc(_this: *mut c_void, cb: usize) -> *mut c_void {
    guard(|| alloc(cb))
}

unsafe extern "system" fn malloc_realloc(
    _this: *mut c_void,
    pv: *mut c_void,
    cb: usize,
) -> *mut c_void {
    // SAFETY: IMalloc::Realloc's contract is realloc's.
    guard(|| unsafe { realloc(pv, cb) })
}

unsafe extern "system" fn malloc_free(_this: *mut c_void, pv: *mut c_void) {
    // SAFETY: IMalloc::Free's contract is free's.
    guard(|| unsafe { free(pv) })
}

unsafe extern "system" fn malloc_get_size(_this: *mut c_void, pv: *mut c_void) -> usize {
    // SAFETY: IMalloc::GetSize's caller passes a pointer to memory it may read.
    guard(|| unsafe { size_of(pv) })
}

unsafe extern "system" fn malloc_did_alloc(_this: *mut c_void, pv: *mut c_void) -> i32 {
    // SAFETY: IMalloc::DidAlloc's caller passes a pointer to memory it may read.
    guard(|| unsafe { did_alloc(pv) })
}

unsafe extern "system" fn malloc_heap_minimize(_this: *mut c_void) {
    // The C library's heap returns memory to the system on its own schedule.
}

/// The process `IMalloc` (what `CoGetMalloc(MEMCTX_TASK)` returns).
pub fn task_malloc() -> IMalloc {
    // SAFETY: the static object implements IMalloc and lives forever; its
    // Release does nothing, so the reference handed over needs no AddRef.
    unsafe { IMalloc::from_raw(task_malloc_ptr()) }
}

/// `CoGetMalloc`: the process `IMalloc` for `MEMCTX_TASK`; any other memory
/// context is `E_INVALIDARG`, as on Windows.
pub fn get_malloc(mem_context: u32) -> Result<IMalloc> {
    if mem_context != MEMCTX_TASK {
        return Err(Error::from_code(E_INVALIDARG));
    }
    Ok(task_malloc())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A block whose user pointer starts a page has its header on the page
    /// before: DidAlloc/GetSize still recognize it (the page is mapped).
    #[cfg(unix)]
    #[test]
    fn a_block_starting_a_page_is_recognized() {
        let mut blocks = Vec::new();
        let mut found = None;
        for _ in 0..4096 {
            let p = alloc(4080);
            blocks.push(p);
            if (p as usize) % MIN_PAGE < TASK_MEM_HEADER {
                found = Some(p);
                break;
            }
        }
        let p = found.expect("some block starts a page within 4096 allocations");
        // SAFETY: p is a live block of this allocator.
        unsafe {
            assert_eq!(did_alloc(p), 1);
            assert_eq!(size_of(p), 4080);
        }
        for b in blocks {
            // SAFETY: each is a live block, freed once.
            unsafe { free(b) };
        }
    }

    #[test]
    fn alloc_records_size_and_alignment() {
        let p = alloc(40);
        assert!(!p.is_null());
        #[cfg(target_pointer_width = "64")]
        assert_eq!(p as usize % 16, 0);
        // SAFETY: p is a live block.
        unsafe {
            if (p as usize) % MIN_PAGE >= TASK_MEM_HEADER {
                assert_eq!(did_alloc(p), 1);
                assert_eq!(size_of(p), 40);
            }
            assert_eq!(read_header(p), Some(40));
            free(p);
        }
    }

    #[test]
    fn zero_size_is_unique() {
        let a = alloc(0);
        let b = alloc(0);
        assert!(!a.is_null() && !b.is_null());
        assert_ne!(a, b);
        // SAFETY: both are live blocks.
        unsafe {
            free(a);
            free(b);
        }
    }

    #[test]
    fn realloc_rules() {
        // SAFETY: every pointer passed is null or live.
        unsafe {
            let p = realloc(null_mut(), 8);
            assert!(!p.is_null());
            (p as *mut u64).write(0x1122_3344_5566_7788);
            let q = realloc(p, 4096);
            assert!(!q.is_null());
            assert_eq!((q as *mut u64).read(), 0x1122_3344_5566_7788);
            assert_eq!(read_header(q), Some(4096));
            assert!(realloc(q, 0).is_null());
            assert!(alloc(usize::MAX).is_null());
        }
    }

    #[test]
    fn imalloc_is_the_task_allocator() {
        let m = get_malloc(MEMCTX_TASK).unwrap();
        assert_eq!(m.as_raw(), task_malloc().as_raw());
        assert_eq!(get_malloc(0).unwrap_err().code(), E_INVALIDARG);
        let p = m.Alloc(24);
        // SAFETY: p is a live task memory block.
        unsafe {
            assert_eq!(read_header(p), Some(24));
            let q = m.Realloc(p, 100);
            assert_eq!(read_header(q), Some(100));
            m.Free(q);
            assert_eq!(m.GetSize(null_mut()), usize::MAX);
            assert_eq!(m.DidAlloc(null_mut()), -1);
        }
        let unk: crate::IUnknown = m.cast().unwrap();
        assert_eq!(unk.as_raw(), m.as_raw());
    }

    #[test]
    fn foreign_pointers_are_not_ours() {
        let mut local = [0u64; 8];
        let p = local.as_mut_ptr().wrapping_add(4) as *mut c_void;
        // SAFETY: p points into a live array with 32 readable bytes before it.
        unsafe {
            if (p as usize) % MIN_PAGE >= TASK_MEM_HEADER {
                assert_eq!(did_alloc(p), 0);
                assert_eq!(size_of(p), usize::MAX);
            }
            assert_eq!(did_alloc(null_mut()), -1);
            assert_eq!(did_alloc((p as *mut u8).add(1) as *mut c_void), 0);
            // Freeing a foreign pointer is refused, not a heap corruption.
            free(p);
        }
    }
}
