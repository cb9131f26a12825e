use anycom::{interface, IUnknown, HRESULT};

#[interface("7b000000-0000-4000-8000-000000000001")]
unsafe trait IStrings: IUnknown {
    fn Name(&self, name: String) -> HRESULT;
    fn Flag(&self, on: bool) -> HRESULT;
}

struct NotRepr {
    x: u32,
}

#[interface("7b000000-0000-4000-8000-000000000002")]
unsafe trait IStruct: IUnknown {
    fn Take(&self, v: NotRepr) -> HRESULT;
}

fn main() {}
