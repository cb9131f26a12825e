//! Sample in-process server: `LicensedCalculator`, a licensed class whose
//! class object is an `IClassFactory2`.
//!
//! The licensing decisions are the class's own ([`License`]):
//! - the machine is licensed when a file named
//!   [`LICENSE_FILE_NAME`] next to this module contains
//!   [`MACHINE_LICENSE`];
//! - a licensed machine hands out the runtime key [`RUNTIME_KEY`]
//!   (`RequestLicKey`), which lets `CreateInstanceLic` create calculators on
//!   any machine.

use anycom::implement;
use anycom::server::{Construct, License, module_path};
use anycom_sample_interfaces::*;

/// The runtime license key a licensed machine hands out.
pub const RUNTIME_KEY: &str = "AnyCom-Calculator-Runtime-Key-5E2B";

/// A calculator that needs a license.
#[implement(ICalculator)]
pub struct LicensedCalculator;

impl ICalculator_Impl for LicensedCalculator_Impl {
    fn Add(&self, a: i32, b: i32) -> i32 {
        a.wrapping_add(b)
    }
}

impl Construct for LicensedCalculator {
    fn construct() -> anycom::Result<Self> {
        Ok(LicensedCalculator)
    }
}

impl License for LicensedCalculator {
    fn is_licensed() -> bool {
        let Ok(module) = module_path() else {
            return false;
        };
        match std::fs::read_to_string(module.with_file_name(LICENSE_FILE_NAME)) {
            Ok(text) => text.trim() == MACHINE_LICENSE,
            Err(_) => false,
        }
    }

    fn runtime_key() -> Option<String> {
        Some(RUNTIME_KEY.to_owned())
    }
}

anycom::object_map! {
    LicensedCalculator {
        clsid: CLSID_LicensedCalculator,
        factory: Licensed,
        threading_model: Both,
        progid: "AnyCom.LicensedCalculator.1",
        version_independent_progid: "AnyCom.LicensedCalculator",
        description: "AnyCom sample: a licensed calculator (IClassFactory2)",
    },
}
