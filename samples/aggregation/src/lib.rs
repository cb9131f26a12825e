//! Sample in-process server: `Counter`, an aggregatable class (any client
//! may aggregate it through its class factory), and `CounterHost`, an outer
//! class that aggregates a `Counter` and exposes its `ICounter` as its own.

use anycom::server::{Construct, Creator};
use anycom::{Aggregate, BOOL, FALSE, TRUE, implement};
use anycom_sample_interfaces::*;
use std::sync::atomic::{AtomicU32, Ordering};

/// A counter; aggregatable (the default for `#[implement]`).
#[implement(ICounter)]
#[derive(Default)]
pub struct Counter {
    value: AtomicU32,
}

impl ICounter_Impl for Counter_Impl {
    fn Increment(&self) -> u32 {
        self.value.fetch_add(1, Ordering::Relaxed) + 1
    }

    fn Value(&self) -> u32 {
        self.value.load(Ordering::Relaxed)
    }
}

impl Construct for Counter {
    fn construct() -> anycom::Result<Self> {
        Ok(Counter::default())
    }
}

/// The label every host reports.
pub const HOST_LABEL: u32 = 0xC0FFEE;

/// An outer object: `ICounterHost` is its own, `ICounter` comes from the
/// aggregated `Counter` it creates in `final_construct`.
#[implement(ICounterHost)]
pub struct CounterHost {
    #[aggregate(ICounter)]
    counter: Aggregate,
}

impl ICounterHost_Impl for CounterHost_Impl {
    fn HasCounter(&self) -> BOOL {
        if self.counter.is_set() { TRUE } else { FALSE }
    }

    fn Label(&self) -> u32 {
        HOST_LABEL
    }
}

impl Construct for CounterHost {
    fn construct() -> anycom::Result<Self> {
        Ok(CounterHost {
            counter: Aggregate::new(),
        })
    }

    fn final_construct(this: &CounterHost_Impl) -> anycom::Result<()> {
        // The inner gets the controlling unknown: the host's own, or the
        // host's outer's when the host itself is aggregated.
        let inner = Creator::of::<Counter>().create_aggregated(&this.controlling_unknown())?;
        this.counter.set(inner)
    }
}

anycom::object_map! {
    Counter {
        clsid: CLSID_Counter,
        factory: Standard,
        threading_model: Both,
        progid: "AnyCom.Counter.1",
        description: "AnyCom sample: an aggregatable counter",
    },
    CounterHost {
        clsid: CLSID_CounterHost,
        factory: Standard,
        threading_model: Both,
        progid: "AnyCom.CounterHost.1",
        description: "AnyCom sample: an outer object aggregating a Counter",
    },
}
