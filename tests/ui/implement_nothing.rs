use anycom::{implement, IUnknown};

#[implement()]
struct Nothing;

#[implement(IUnknown)]
struct OnlyUnknown;

fn main() {}
