//! The interfaces of anycom's sample servers, with their classes' CLSIDs
//! and ProgIDs: what a client of the samples (the tests, the demo) needs.
//!
//! | sample module | classes | shows |
//! |---|---|---|
//! | `anycom_sample_stuff` | `Stuff`, `SharedStuff` | an object returning an enumerator (`IEnumStuff`); a singleton class object |
//! | `anycom_sample_licensed` | `LicensedCalculator` | `IClassFactory2` licensing |
//! | `anycom_sample_aggregation` | `Counter`, `CounterHost` | an aggregatable class, and an outer class aggregating it |
//! | `anycom_sample_custom_factory` | `Widget` | a class with its own class factory (counting instances) |
#![allow(non_snake_case, non_upper_case_globals)]

use anycom::{BOOL, CLSID, GUID, HRESULT, IUnknown, interface};

// ---- anycom_sample_stuff ----------------------------------------------------

/// A bag of numbers: the seeds' `Stuff` object.
#[interface("47aea3e2-b288-473f-991a-7b0d5fa9a723")]
pub unsafe trait IStuff: IUnknown {
    /// Adds a number.
    fn Add(&self, value: u32) -> HRESULT;
    /// How many numbers the bag holds.
    fn Count(&self) -> u32;
    /// An enumerator over a snapshot of the numbers, in the order added.
    unsafe fn Items(&self, items: *mut Option<IEnumStuff>) -> HRESULT;
}

/// The IEnum pattern over `u32` items.
#[interface("b549cc13-3639-4cf1-a821-870780b41e3d")]
pub unsafe trait IEnumStuff: IUnknown {
    /// Copies up to `celt` items into `rgelt` and advances; `*fetched` (may
    /// be null only when `celt` is 1) receives how many. `S_OK` when all
    /// `celt` were fetched, `S_FALSE` when fewer were left.
    unsafe fn Next(&self, celt: u32, rgelt: *mut u32, fetched: *mut u32) -> HRESULT;
    /// Skips `celt` items: `S_OK`, or `S_FALSE` (at the end) when fewer were left.
    fn Skip(&self, celt: u32) -> HRESULT;
    /// Goes back to the first item.
    fn Reset(&self) -> HRESULT;
    /// A new, independent enumerator over the same items at the same position.
    unsafe fn Clone(&self, clone: *mut Option<IEnumStuff>) -> HRESULT;
}

/// `Stuff`: a new bag per `CreateInstance`; not aggregatable.
pub const CLSID_Stuff: CLSID = GUID::parse("20811c18-e674-4584-bb89-9e696ff30ac0");
/// `AnyCom.Stuff.1`.
pub const PROGID_Stuff: &str = "AnyCom.Stuff.1";
/// `AnyCom.Stuff`.
pub const VI_PROGID_Stuff: &str = "AnyCom.Stuff";

/// `SharedStuff`: one bag for everyone (a singleton class object).
pub const CLSID_SharedStuff: CLSID = GUID::parse("9866d031-d9a0-49c7-87a5-712bb6529b39");
/// `AnyCom.SharedStuff.1`.
pub const PROGID_SharedStuff: &str = "AnyCom.SharedStuff.1";
/// `AnyCom.SharedStuff`.
pub const VI_PROGID_SharedStuff: &str = "AnyCom.SharedStuff";

// ---- anycom_sample_licensed -------------------------------------------------

/// A calculator that needs a license.
#[interface("60453d5b-16ab-4fc3-9e5d-45c5edba7544")]
pub unsafe trait ICalculator: IUnknown {
    /// `a + b`, wrapping.
    fn Add(&self, a: i32, b: i32) -> i32;
}

/// `LicensedCalculator`: its class object is an `IClassFactory2`.
pub const CLSID_LicensedCalculator: CLSID = GUID::parse("6ead6d68-14d0-4381-956f-7b6e88fc0678");
/// `AnyCom.LicensedCalculator.1`.
pub const PROGID_LicensedCalculator: &str = "AnyCom.LicensedCalculator.1";
/// `AnyCom.LicensedCalculator`.
pub const VI_PROGID_LicensedCalculator: &str = "AnyCom.LicensedCalculator";
/// The machine license: a file of this name next to the module...
pub const LICENSE_FILE_NAME: &str = "anycom-sample-licensed.lic";
/// ...whose content (trimmed) is this text.
pub const MACHINE_LICENSE: &str = "AnyCom sample machine license";

// ---- anycom_sample_aggregation ----------------------------------------------

/// A counter.
#[interface("4013a393-fe1d-4d86-b504-950d7ff45381")]
pub unsafe trait ICounter: IUnknown {
    /// Adds one and returns the new value.
    fn Increment(&self) -> u32;
    /// The current value.
    fn Value(&self) -> u32;
}

/// The outer object of the aggregation sample.
#[interface("2e591075-045e-4085-a9ac-0bc4a1c6fff0")]
pub unsafe trait ICounterHost: IUnknown {
    /// Whether the aggregated counter was created (TRUE after construction).
    fn HasCounter(&self) -> BOOL;
    /// The host's label.
    fn Label(&self) -> u32;
}

/// `Counter`: aggregatable (`ICounter`).
pub const CLSID_Counter: CLSID = GUID::parse("05240b57-b88e-499e-8111-b5edb6e78dbd");
/// `AnyCom.Counter.1`.
pub const PROGID_Counter: &str = "AnyCom.Counter.1";
/// `CounterHost`: `ICounterHost`, and `ICounter` from an aggregated `Counter`.
pub const CLSID_CounterHost: CLSID = GUID::parse("8f5ec8c3-4947-4792-8dc7-4910b215537d");
/// `AnyCom.CounterHost.1`.
pub const PROGID_CounterHost: &str = "AnyCom.CounterHost.1";

// ---- anycom_sample_custom_factory -------------------------------------------

/// A widget with a serial number.
#[interface("eb5e20a2-e837-4939-ba8b-81eca5829d5f")]
pub unsafe trait IWidget: IUnknown {
    /// The widget's serial number (1, 2, 3... in creation order).
    fn Serial(&self) -> u32;
}

/// What the widget's own class factory tells about the module's widgets.
#[interface("982ae3c1-dcd0-4ad9-9082-5903ca10dae0")]
pub unsafe trait IInstanceCounter: IUnknown {
    /// Widgets created through any of the module's widget factories.
    fn Created(&self) -> u32;
    /// Widgets alive now.
    fn Live(&self) -> u32;
}

/// `Widget`: its class object is the module's own `WidgetFactory`
/// (`IClassFactory` + `IInstanceCounter`).
pub const CLSID_Widget: CLSID = GUID::parse("77d7a696-8d2b-4347-a1d0-3392af1242d6");
/// `AnyCom.Widget.1`.
pub const PROGID_Widget: &str = "AnyCom.Widget.1";
/// `AnyCom.Widget`.
pub const VI_PROGID_Widget: &str = "AnyCom.Widget";
