//! The COM API under its Windows names and signatures (`CoInitializeEx`,
//! `CoCreateInstance`, `SysAllocString`, ...): thin, panic-guarded shells over
//! the Rust runtime API, exported unchanged by the C ABI (`libanycom`).
#![allow(non_snake_case)]
