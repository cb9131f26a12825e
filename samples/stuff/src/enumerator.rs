//! `StuffEnum`: the IEnum pattern (`Next`, `Skip`, `Reset`, `Clone`) over
//! a snapshot of `u32` items.

use anycom::{E_POINTER, HRESULT, S_FALSE, S_OK, implement};
use anycom_sample_interfaces::{IEnumStuff, IEnumStuff_Impl};
use std::sync::{Arc, Mutex};

/// An enumerator over `items`, from a position. Clones share the items
/// and start where the original stood.
#[implement(IEnumStuff, no_aggregation)]
pub struct StuffEnum {
    items: Arc<[u32]>,
    position: Mutex<usize>,
}

impl StuffEnum {
    /// An enumerator over `items` standing at `position`.
    pub fn new(items: Arc<[u32]>, position: usize) -> StuffEnum {
        StuffEnum {
            position: Mutex::new(position.min(items.len())),
            items,
        }
    }

    fn position(&self) -> std::sync::MutexGuard<'_, usize> {
        self.position.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl IEnumStuff_Impl for StuffEnum_Impl {
    unsafe fn Next(&self, celt: u32, rgelt: *mut u32, fetched: *mut u32) -> HRESULT {
        if !fetched.is_null() {
            // SAFETY: a non-null fetched is valid for writes per the COM caller.
            unsafe { *fetched = 0 };
        }
        if celt == 0 {
            return S_OK;
        }
        if rgelt.is_null() || (celt > 1 && fetched.is_null()) {
            return E_POINTER;
        }
        let mut pos = self.position();
        let n = (celt as usize).min(self.items.len() - *pos);
        // SAFETY: rgelt has room for celt >= n items per the COM caller;
        // the source range lies inside `items`.
        unsafe { core::ptr::copy_nonoverlapping(self.items[*pos..].as_ptr(), rgelt, n) };
        *pos += n;
        if !fetched.is_null() {
            // SAFETY: as above.
            unsafe { *fetched = n as u32 };
        }
        if n == celt as usize { S_OK } else { S_FALSE }
    }

    fn Skip(&self, celt: u32) -> HRESULT {
        let mut pos = self.position();
        let n = (celt as usize).min(self.items.len() - *pos);
        *pos += n;
        if n == celt as usize { S_OK } else { S_FALSE }
    }

    fn Reset(&self) -> HRESULT {
        *self.position() = 0;
        S_OK
    }

    unsafe fn Clone(&self, clone: *mut Option<IEnumStuff>) -> HRESULT {
        if clone.is_null() {
            return E_POINTER;
        }
        let at = *self.position();
        // SAFETY: clone is valid for writes per the COM caller (an out-parameter).
        unsafe { clone.write(Some(StuffEnum::new(self.items.clone(), at).into())) };
        S_OK
    }
}
