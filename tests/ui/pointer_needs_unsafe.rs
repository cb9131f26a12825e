use anycom::{interface, IUnknown, HRESULT};

#[interface("7b000000-0000-4000-8000-000000000004")]
unsafe trait IOut: IUnknown {
    fn Get(&self, out: *mut u32) -> HRESULT;
}

fn main() {}
