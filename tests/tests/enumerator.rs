//! The IEnum pattern of the Stuff sample's enumerator (`IEnumStuff`, from
//! `IStuff::Items` of an object made through the raw `DllGetClassObject`):
//! `Next` with and without `pceltFetched`, asking for more than remain
//! (`S_FALSE` and the count actually fetched), `Skip` past the end, `Reset`,
//! `Clone` mid-way (independent position), null pointers, an empty
//! collection, and the snapshot the enumerator takes.

mod server_support;

use anycom::{E_POINTER, HRESULT, S_FALSE, S_OK};
use anycom_sample_interfaces::*;
use core::ptr::null_mut;
use server_support::*;

fn stuff_with(module: &Module, items: &[u32]) -> IStuff {
    let stuff: IStuff = create(&module.factory(&CLSID_Stuff));
    for &i in items {
        assert_eq!(stuff.Add(i), S_OK);
    }
    stuff
}

fn items(stuff: &IStuff) -> IEnumStuff {
    let mut e = None;
    // SAFETY: valid local.
    assert_eq!(unsafe { stuff.Items(&mut e) }, S_OK);
    e.expect("S_OK hands out an enumerator")
}

/// `Next(celt)` into a buffer of `celt` slots pre-filled with a marker.
fn next(e: &IEnumStuff, celt: u32) -> (HRESULT, Vec<u32>) {
    let mut buf = vec![0xDEAD_BEEF; celt as usize];
    let mut fetched = 0xFFFF_FFFF;
    // SAFETY: buf has celt slots; fetched is a valid local.
    let hr = unsafe { e.Next(celt, buf.as_mut_ptr(), &mut fetched) };
    assert!(fetched <= celt);
    assert!(
        buf[fetched as usize..].iter().all(|&x| x == 0xDEAD_BEEF),
        "nothing written past the fetched items"
    );
    buf.truncate(fetched as usize);
    (hr, buf)
}

fn clone(e: &IEnumStuff) -> IEnumStuff {
    let mut c = None;
    // SAFETY: valid local.
    assert_eq!(unsafe { e.Clone(&mut c) }, S_OK);
    c.unwrap()
}

#[test]
fn next_fetches_in_order_and_reports_the_end() {
    let module = Module::load(STUFF);
    let stuff = stuff_with(&module, &[10, 20, 30, 40, 50]);
    let e = items(&stuff);
    assert_eq!(next(&e, 2), (S_OK, vec![10, 20]));
    assert_eq!(next(&e, 1), (S_OK, vec![30]));
    // Asking for more than remain: what is left, and S_FALSE.
    assert_eq!(next(&e, 5), (S_FALSE, vec![40, 50]));
    // At the end: nothing, S_FALSE.
    assert_eq!(next(&e, 1), (S_FALSE, vec![]));
    assert_eq!(next(&e, 3), (S_FALSE, vec![]));
    // Reset starts over.
    assert_eq!(e.Reset(), S_OK);
    assert_eq!(next(&e, 5), (S_OK, vec![10, 20, 30, 40, 50]));
    assert_eq!(e.Reset(), S_OK);
    assert_eq!(next(&e, 6), (S_FALSE, vec![10, 20, 30, 40, 50]));
}

#[test]
fn next_with_a_null_fetched_count() {
    let module = Module::load(STUFF);
    let e = items(&stuff_with(&module, &[7, 8]));
    let mut one = 0u32;
    // SAFETY: one slot; a null fetched pointer is allowed when celt is 1.
    assert_eq!(unsafe { e.Next(1, &mut one, null_mut()) }, S_OK);
    assert_eq!(one, 7);
    // celt > 1 needs pceltFetched: E_POINTER, nothing consumed.
    let mut two = [0u32; 2];
    assert_eq!(
        // SAFETY: two slots; the null fetched pointer is what is being tested.
        unsafe { e.Next(2, two.as_mut_ptr(), null_mut()) },
        E_POINTER
    );
    assert_eq!(next(&e, 1), (S_OK, vec![8]));
    // At the end, celt 1 without a count: S_FALSE.
    // SAFETY: one slot.
    assert_eq!(unsafe { e.Next(1, &mut one, null_mut()) }, S_FALSE);
}

#[test]
fn null_and_zero_arguments() {
    let module = Module::load(STUFF);
    let stuff = stuff_with(&module, &[1, 2, 3]);
    let e = items(&stuff);
    let mut fetched = 99;
    // SAFETY: null rgelt is what is being tested; fetched is valid.
    assert_eq!(unsafe { e.Next(1, null_mut(), &mut fetched) }, E_POINTER);
    assert_eq!(fetched, 0, "pceltFetched is zeroed on failure");
    // celt 0: nothing asked, nothing fetched, all of it delivered.
    let mut fetched = 99;
    // SAFETY: no element is written when celt is 0.
    assert_eq!(unsafe { e.Next(0, null_mut(), &mut fetched) }, S_OK);
    assert_eq!(fetched, 0);
    assert_eq!(e.Skip(0), S_OK);
    // SAFETY: null out-pointers are what is being tested.
    unsafe {
        assert_eq!(e.Clone(null_mut()), E_POINTER);
        assert_eq!(stuff.Items(null_mut()), E_POINTER);
    }
    assert_eq!(
        next(&e, 3),
        (S_OK, vec![1, 2, 3]),
        "the failed calls consumed nothing"
    );
}

#[test]
fn skip_past_the_end() {
    let module = Module::load(STUFF);
    let e = items(&stuff_with(&module, &[1, 2, 3, 4]));
    assert_eq!(e.Skip(1), S_OK);
    assert_eq!(next(&e, 1), (S_OK, vec![2]));
    assert_eq!(e.Skip(2), S_OK, "exactly to the end");
    assert_eq!(next(&e, 1), (S_FALSE, vec![]));
    assert_eq!(e.Reset(), S_OK);
    assert_eq!(e.Skip(3), S_OK);
    assert_eq!(e.Skip(10), S_FALSE, "only one was left");
    assert_eq!(next(&e, 1), (S_FALSE, vec![]));
    assert_eq!(e.Skip(1), S_FALSE);
    assert_eq!(e.Skip(u32::MAX), S_FALSE);
    assert_eq!(e.Reset(), S_OK);
    assert_eq!(e.Skip(u32::MAX), S_FALSE);
    assert_eq!(next(&e, 1), (S_FALSE, vec![]));
}

#[test]
fn clone_mid_way_is_independent() {
    let module = Module::load(STUFF);
    let e = items(&stuff_with(&module, &[1, 2, 3, 4, 5]));
    assert_eq!(next(&e, 2), (S_OK, vec![1, 2]));
    let c = clone(&e);
    assert_ne!(identity(&c), identity(&e), "a clone is a new object");
    assert_eq!(
        next(&c, 2),
        (S_OK, vec![3, 4]),
        "the clone starts where the original stood"
    );
    assert_eq!(
        next(&e, 1),
        (S_OK, vec![3]),
        "advancing the clone left the original alone"
    );
    assert_eq!(c.Reset(), S_OK);
    assert_eq!(
        next(&e, 5),
        (S_FALSE, vec![4, 5]),
        "resetting the clone left the original alone"
    );
    assert_eq!(next(&c, 5), (S_OK, vec![1, 2, 3, 4, 5]));
    // A clone at the end is at the end; a clone of a clone works.
    let at_end = clone(&e);
    assert_eq!(next(&at_end, 1), (S_FALSE, vec![]));
    assert_eq!(c.Reset(), S_OK);
    assert_eq!(c.Skip(4), S_OK);
    let cc = clone(&c);
    assert_eq!(next(&cc, 2), (S_FALSE, vec![5]));
    // The enumerators outlive the object that made them and keep the module.
    drop((e, at_end));
    assert_eq!(module.can_unload_now(), S_FALSE);
    drop((c, cc));
    assert_eq!(module.can_unload_now(), S_OK);
}

#[test]
fn an_empty_collection() {
    let module = Module::load(STUFF);
    let stuff = stuff_with(&module, &[]);
    let e = items(&stuff);
    assert_eq!(next(&e, 1), (S_FALSE, vec![]));
    assert_eq!(e.Skip(1), S_FALSE);
    assert_eq!(e.Skip(0), S_OK);
    assert_eq!(next(&clone(&e), 4), (S_FALSE, vec![]));
}

#[test]
fn the_enumerator_is_a_snapshot() {
    let module = Module::load(STUFF);
    let stuff = stuff_with(&module, &[1, 2]);
    let before = items(&stuff);
    assert_eq!(stuff.Add(3), S_OK);
    let after = items(&stuff);
    assert_eq!(next(&before, 3), (S_FALSE, vec![1, 2]));
    assert_eq!(next(&after, 3), (S_OK, vec![1, 2, 3]));
    drop(stuff);
    assert_eq!(after.Reset(), S_OK);
    assert_eq!(
        next(&after, 3),
        (S_OK, vec![1, 2, 3]),
        "the items outlive the object"
    );
}
