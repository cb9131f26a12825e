use anycom::{interface, IUnknown, HRESULT};

#[interface("not-a-guid")]
unsafe trait IBadIid: IUnknown {
    fn Method(&self) -> HRESULT;
}

fn main() {}
