use anycom::{interface, HRESULT};

#[interface("7b000000-0000-4000-8000-000000000006")]
unsafe trait IOrphan {
    fn Method(&self) -> HRESULT;
}

fn main() {}
