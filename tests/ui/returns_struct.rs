use anycom::{interface, IUnknown, GUID};

#[interface("7b000000-0000-4000-8000-000000000003")]
unsafe trait IReturnsStruct: IUnknown {
    fn Id(&self) -> GUID;
}

fn main() {}
