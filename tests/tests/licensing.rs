//! `IClassFactory2` licensing, with the licensed sample loaded from a
//! private directory: on an unlicensed machine (no license file next to the
//! module) `CreateInstance` and `RequestLicKey` are `CLASS_E_NOTLICENSED`
//! and only `CreateInstanceLic` with a valid key creates; on a licensed
//! machine everything works and `RequestLicKey` hands out the runtime key
//! (a BSTR) that another, unlicensed machine can then use. `GetLicInfo`,
//! null pointers and aggregation through `CreateInstanceLic`.

mod server_support;

use anycom::{
    BSTR, CLASS_E_NOAGGREGATION, CLASS_E_NOTLICENSED, E_NOINTERFACE, E_POINTER, FALSE, GUID,
    IClassFactory, IClassFactory2, IID_IUnknown, IUnknown, Interface, LICINFO, S_OK, TRUE,
};
use anycom_sample_interfaces::*;
use core::ffi::c_void;
use core::ptr::null_mut;
use server_support::*;
use std::path::Path;

fn license_machine(dir: &Path) {
    std::fs::write(dir.join(LICENSE_FILE_NAME), MACHINE_LICENSE).unwrap();
}

fn unlicensed() -> (Module, IClassFactory2) {
    let module = Module::load(LICENSED);
    let f = module.class_object(&CLSID_LicensedCalculator).unwrap();
    (module, f)
}

fn licensed() -> (Module, IClassFactory2) {
    let module = Module::load_with(LICENSED, license_machine);
    let f = module.class_object(&CLSID_LicensedCalculator).unwrap();
    (module, f)
}

fn lic_info(f: &IClassFactory2) -> LICINFO {
    let mut info = LICINFO {
        cbLicInfo: -1,
        fRuntimeKeyAvail: -1,
        fLicVerified: -1,
    };
    // SAFETY: valid local.
    assert_eq!(unsafe { f.GetLicInfo(&mut info) }, S_OK);
    info
}

fn request_key(f: &IClassFactory2) -> (anycom::HRESULT, Option<BSTR>) {
    let mut key: *mut u16 = GARBAGE as *mut u16;
    // SAFETY: valid local.
    let hr = unsafe { f.RequestLicKey(0, &mut key) };
    (
        hr,
        if key.is_null() {
            None
        } else {
            // SAFETY: a non-null key is a BSTR the caller owns.
            Some(unsafe { BSTR::from_raw(key) })
        },
    )
}

fn create_lic(
    f: &IClassFactory2,
    outer: *mut c_void,
    iid: &GUID,
    key: *mut u16,
) -> (anycom::HRESULT, *mut c_void) {
    let mut p = GARBAGE;
    // SAFETY: valid locals; key null or a BSTR.
    let hr = unsafe { f.CreateInstanceLic(outer, null_mut(), iid, key, &mut p) };
    (hr, p)
}

#[test]
fn unlicensed_machine_refuses_create_instance_and_keys() {
    let (module, f) = unlicensed();
    assert_eq!(
        lic_info(&f),
        LICINFO {
            cbLicInfo: 12,
            fRuntimeKeyAvail: TRUE,
            fLicVerified: FALSE
        }
    );
    let f1: IClassFactory = f.cast().unwrap();
    let (hr, p) = create_raw(&f1, null_mut(), &ICalculator::IID);
    assert_eq!((hr, p), (CLASS_E_NOTLICENSED, null_mut()));
    assert_eq!(request_key(&f), (CLASS_E_NOTLICENSED, None));
    // No key: the machine license decides, and there is none.
    assert_eq!(
        create_lic(&f, null_mut(), &ICalculator::IID, null_mut()),
        (CLASS_E_NOTLICENSED, null_mut())
    );
    // A wrong key.
    let wrong = BSTR::from("not-the-key");
    assert_eq!(
        create_lic(
            &f,
            null_mut(),
            &ICalculator::IID,
            wrong.as_ptr() as *mut u16
        ),
        (CLASS_E_NOTLICENSED, null_mut())
    );
    drop((f, f1));
    assert_eq!(module.can_unload_now(), S_OK);
}

#[test]
fn a_license_file_with_the_wrong_content_is_no_license() {
    let module = Module::load_with(LICENSED, |dir| {
        std::fs::write(dir.join(LICENSE_FILE_NAME), "forged").unwrap()
    });
    let f: IClassFactory2 = module.class_object(&CLSID_LicensedCalculator).unwrap();
    assert_eq!(lic_info(&f).fLicVerified, FALSE);
    // The class checks at each call: licensing the machine later takes effect.
    license_machine(module.dir());
    assert_eq!(lic_info(&f).fLicVerified, TRUE);
    let calc: ICalculator = create(&f.cast().unwrap());
    assert_eq!(calc.Add(2, 3), 5);
}

#[test]
fn licensed_machine_creates_and_hands_out_the_runtime_key() {
    let (module, f) = licensed();
    assert_eq!(
        lic_info(&f),
        LICINFO {
            cbLicInfo: 12,
            fRuntimeKeyAvail: TRUE,
            fLicVerified: TRUE
        }
    );
    let calc: ICalculator = create(&f.cast().unwrap());
    assert_eq!(calc.Add(40, 2), 42);
    // No key on a licensed machine: allowed.
    let (hr, p) = create_lic(&f, null_mut(), &ICalculator::IID, null_mut());
    assert_eq!(hr, S_OK);
    // SAFETY: success handed over an ICalculator reference.
    let calc2 = unsafe { ICalculator::from_raw(p) };
    assert_eq!(calc2.Add(-1, 1), 0);
    let (hr, key) = request_key(&f);
    assert_eq!(hr, S_OK);
    let key = key.expect("a runtime key");
    assert!(!key.is_empty());
    // Its own key works here too.
    let (hr, p) = create_lic(&f, null_mut(), &ICalculator::IID, key.as_ptr() as *mut u16);
    assert_eq!(hr, S_OK);
    // SAFETY: success handed over an ICalculator reference.
    drop(unsafe { ICalculator::from_raw(p) });
    drop((calc, calc2, f));
    assert_eq!(module.can_unload_now(), S_OK);
}

#[test]
fn a_runtime_key_from_a_licensed_machine_creates_on_an_unlicensed_one() {
    let key = {
        let (_module, f) = licensed();
        let (hr, key) = request_key(&f);
        assert_eq!(hr, S_OK);
        key.unwrap()
    };
    let (module, f) = unlicensed();
    let (hr, p) = create_lic(&f, null_mut(), &ICalculator::IID, key.as_ptr() as *mut u16);
    assert_eq!(hr, S_OK);
    // SAFETY: success handed over an ICalculator reference.
    let calc = unsafe { ICalculator::from_raw(p) };
    assert_eq!(calc.Add(20, 22), 42);
    // The key is read up to its NUL, so a plain wide string holding it works too.
    let mut plain: Vec<u16> = key.as_wide().to_vec();
    plain.push(0);
    let (hr, p) = create_lic(&f, null_mut(), &IID_IUnknown, plain.as_mut_ptr());
    assert_eq!(hr, S_OK);
    // SAFETY: success handed over an IUnknown reference.
    let u = unsafe { IUnknown::from_raw(p) };
    assert!(u.cast::<ICalculator>().is_ok());
    // The key does not change the rules: an interface the class lacks.
    assert_eq!(
        create_lic(&f, null_mut(), &IStuff::IID, key.as_ptr() as *mut u16),
        (E_NOINTERFACE, null_mut())
    );
    // Plain CreateInstance is still refused here.
    let (hr, p) = create_raw(&f.cast().unwrap(), null_mut(), &ICalculator::IID);
    assert_eq!((hr, p), (CLASS_E_NOTLICENSED, null_mut()));
    assert_eq!(module.can_unload_now(), anycom::S_FALSE);
    drop((calc, u, f));
    assert_eq!(module.can_unload_now(), S_OK);
}

#[test]
fn null_pointers() {
    let (_module, f) = licensed();
    // SAFETY: null out-pointers are what is being tested.
    unsafe {
        assert_eq!(f.GetLicInfo(null_mut()), E_POINTER);
        assert_eq!(f.RequestLicKey(0, null_mut()), E_POINTER);
        assert_eq!(
            f.CreateInstanceLic(
                null_mut(),
                null_mut(),
                &ICalculator::IID,
                null_mut(),
                null_mut()
            ),
            E_POINTER
        );
        assert_eq!(
            f.CreateInstance(null_mut(), &ICalculator::IID, null_mut()),
            E_POINTER
        );
    }
    let (_module2, f2) = unlicensed();
    // SAFETY: as above; on an unlicensed machine the pointer check comes first.
    unsafe {
        assert_eq!(
            f2.CreateInstance(null_mut(), &ICalculator::IID, null_mut()),
            E_POINTER
        );
        assert_eq!(f2.RequestLicKey(0, null_mut()), E_POINTER);
    }
}

#[test]
fn aggregation_rules_apply_to_create_instance_lic() {
    let (module, f) = licensed();
    let (hr, key) = request_key(&f);
    assert_eq!(hr, S_OK);
    let key = key.unwrap();
    let outer = module
        .class_object::<IUnknown>(&CLSID_LicensedCalculator)
        .unwrap();
    // An outer asking for anything but IUnknown is refused.
    assert_eq!(
        create_lic(
            &f,
            outer.as_raw(),
            &ICalculator::IID,
            key.as_ptr() as *mut u16
        ),
        (CLASS_E_NOAGGREGATION, null_mut())
    );
    // The licence is checked before aggregation: a bad key on an unlicensed machine.
    let (_m2, f2) = unlicensed();
    let bad = BSTR::from("bad");
    assert_eq!(
        create_lic(
            &f2,
            outer.as_raw(),
            &ICalculator::IID,
            bad.as_ptr() as *mut u16
        ),
        (CLASS_E_NOTLICENSED, null_mut())
    );
    drop((outer, f, f2));
    assert_eq!(module.can_unload_now(), S_OK);
}
