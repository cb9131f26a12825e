use anycom::{implement, interface, IUnknown, HRESULT, S_OK};

#[interface("7b000000-0000-4000-8000-000000000007")]
unsafe trait ITwoMethods: IUnknown {
    fn First(&self) -> HRESULT;
    fn Second(&self) -> HRESULT;
}

#[implement(ITwoMethods)]
struct Half;

impl ITwoMethods_Impl for Half_Impl {
    fn First(&self) -> HRESULT {
        S_OK
    }
}

fn main() {}
