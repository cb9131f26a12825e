//! Sample in-process server: the seeds' `Stuff` object, whose `Items`
//! method returns an enumerator object ([`StuffEnum`], the IEnum pattern),
//! and `SharedStuff`, whose class object is a singleton factory.

mod enumerator;
mod stuff;

pub use enumerator::StuffEnum;
pub use stuff::{SharedStuff, Stuff};

use anycom_sample_interfaces::*;

anycom::object_map! {
    Stuff {
        clsid: CLSID_Stuff,
        factory: Standard,
        threading_model: Both,
        progid: "AnyCom.Stuff.1",
        version_independent_progid: "AnyCom.Stuff",
        description: "AnyCom sample: a bag of numbers with an enumerator",
    },
    SharedStuff {
        clsid: CLSID_SharedStuff,
        factory: Singleton,
        threading_model: Both,
        progid: "AnyCom.SharedStuff.1",
        version_independent_progid: "AnyCom.SharedStuff",
        description: "AnyCom sample: one bag of numbers for every client",
    },
}
