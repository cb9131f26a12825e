use anycom::{interface, IUnknown, HRESULT};

#[interface("7b000000-0000-4000-8000-000000000005")]
unsafe trait IMut: IUnknown {
    fn Change(&mut self) -> HRESULT;
    fn Reference(&self, r: &u32) -> HRESULT;
}

fn main() {}
