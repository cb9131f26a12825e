//! `Stuff` and `SharedStuff`: bags of numbers.

use crate::enumerator::StuffEnum;
use anycom::server::Construct;
use anycom::{E_POINTER, HRESULT, S_OK, implement};
use anycom_sample_interfaces::{IStuff, IStuff_Impl};
use std::sync::{Arc, Mutex};

/// The numbers of a bag.
#[derive(Default)]
struct Bag(Mutex<Vec<u32>>);

impl Bag {
    fn add(&self, value: u32) -> HRESULT {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(value);
        S_OK
    }

    fn count(&self) -> u32 {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).len() as u32
    }

    /// # Safety
    /// `items` null or valid for writes.
    unsafe fn items(&self, items: *mut Option<anycom_sample_interfaces::IEnumStuff>) -> HRESULT {
        if items.is_null() {
            return E_POINTER;
        }
        let snapshot: Arc<[u32]> = self
            .0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_slice()
            .into();
        // SAFETY: items is valid for writes per the caller; the slot may hold
        // garbage on entry (an out-parameter), so it is written, not assigned.
        unsafe { items.write(Some(StuffEnum::new(snapshot, 0).into())) };
        S_OK
    }
}

/// A bag of numbers: a new one per `CreateInstance`. Not aggregatable.
#[implement(IStuff, no_aggregation)]
#[derive(Default)]
pub struct Stuff {
    bag: Bag,
}

impl Construct for Stuff {
    fn construct() -> anycom::Result<Self> {
        Ok(Stuff::default())
    }
}

impl IStuff_Impl for Stuff_Impl {
    fn Add(&self, value: u32) -> HRESULT {
        self.bag.add(value)
    }

    fn Count(&self) -> u32 {
        self.bag.count()
    }

    unsafe fn Items(&self, items: *mut Option<anycom_sample_interfaces::IEnumStuff>) -> HRESULT {
        // SAFETY: the COM caller's out-pointer.
        unsafe { self.bag.items(items) }
    }
}

/// One bag for every client: its class object is a singleton factory.
#[implement(IStuff, no_aggregation)]
#[derive(Default)]
pub struct SharedStuff {
    bag: Bag,
}

impl Construct for SharedStuff {
    fn construct() -> anycom::Result<Self> {
        Ok(SharedStuff::default())
    }
}

impl IStuff_Impl for SharedStuff_Impl {
    fn Add(&self, value: u32) -> HRESULT {
        self.bag.add(value)
    }

    fn Count(&self) -> u32 {
        self.bag.count()
    }

    unsafe fn Items(&self, items: *mut Option<anycom_sample_interfaces::IEnumStuff>) -> HRESULT {
        // SAFETY: the COM caller's out-pointer.
        unsafe { self.bag.items(items) }
    }
}
