use anycom::{interface, IUnknown, HRESULT};

#[interface]
unsafe trait INoIid: IUnknown {
    fn Method(&self) -> HRESULT;
}

fn main() {}
