//! Memory per object: one vtable pointer per implemented interface (plus
//! one for the non-delegating IUnknown of aggregatable classes), the
//! reference count, the outer-unknown pointer for aggregatable classes and
//! the user's value: the same as a hand-written ATL-style object.

use anycom::{HRESULT, IUnknown, S_OK, implement, interface};
use core::ffi::c_void;
use core::mem::size_of;

#[interface("6a000000-0000-4000-8000-000000000001")]
unsafe trait IOne: IUnknown {
    fn One(&self) -> HRESULT;
}
#[interface("6a000000-0000-4000-8000-000000000002")]
unsafe trait ITwo: IUnknown {
    fn Two(&self) -> HRESULT;
}
#[interface("6a000000-0000-4000-8000-000000000003")]
unsafe trait IThree: ITwo {
    fn Three(&self) -> HRESULT;
}

#[implement(IOne, no_aggregation)]
struct Small {
    value: u32,
}
impl IOne_Impl for Small_Impl {
    fn One(&self) -> HRESULT {
        let _ = self.value;
        S_OK
    }
}

#[implement(IOne, IThree, no_aggregation)]
struct Two {
    value: u64,
}
impl IOne_Impl for Two_Impl {
    fn One(&self) -> HRESULT {
        let _ = self.value;
        S_OK
    }
}
impl ITwo_Impl for Two_Impl {
    fn Two(&self) -> HRESULT {
        S_OK
    }
}
impl IThree_Impl for Two_Impl {
    fn Three(&self) -> HRESULT {
        S_OK
    }
}

#[implement(IOne, IThree)]
struct Aggregatable {
    value: u64,
}
impl IOne_Impl for Aggregatable_Impl {
    fn One(&self) -> HRESULT {
        let _ = self.value;
        S_OK
    }
}
impl ITwo_Impl for Aggregatable_Impl {
    fn Two(&self) -> HRESULT {
        S_OK
    }
}
impl IThree_Impl for Aggregatable_Impl {
    fn Three(&self) -> HRESULT {
        S_OK
    }
}

/// What a hand-written C++ object holds: `class C : public IOne { ULONG m_cRef; DWORD value; }`.
#[repr(C)]
struct AtlSmall {
    vtbl: *const c_void,
    count: u32,
    value: u32,
}
/// `class C : public IOne, public IThree { ULONG m_cRef; UINT64 value; }`.
#[repr(C)]
struct AtlTwo {
    vtbl_one: *const c_void,
    vtbl_three: *const c_void,
    count: u32,
    value: u64,
}
/// The seed's aggregatable object: non-delegating IUnknown, two interfaces, count, outer, value.
#[repr(C)]
struct AtlAggregatable {
    vtbl_unknown: *const c_void,
    vtbl_one: *const c_void,
    vtbl_three: *const c_void,
    count: u32,
    outer: *mut c_void,
    value: u64,
}

#[test]
fn smoke_sizes_match_hand_written_objects() {
    assert_eq!(size_of::<Small_Impl>(), size_of::<AtlSmall>());
    assert_eq!(size_of::<Small_Impl>(), 2 * size_of::<usize>());
}

#[test]
fn inheritance_costs_no_extra_slot() {
    // IThree derives from ITwo: one slot answers both.
    assert_eq!(size_of::<Two_Impl>(), size_of::<AtlTwo>());
}

#[test]
fn aggregatable_adds_identity_and_outer_only() {
    assert_eq!(size_of::<Aggregatable_Impl>(), size_of::<AtlAggregatable>());
    assert_eq!(
        size_of::<Aggregatable_Impl>() - size_of::<Two_Impl>(),
        2 * size_of::<usize>()
    );
}
