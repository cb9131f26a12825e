//! # libanycom
//!
//! The COM API under its Windows names and signatures, for C and C++
//! programs and components: `cargo build --release` produces
//! `target/release/libanycom.so` (`libanycom.dylib`, `anycom.dll`), and
//!
//! ```sh
//! cc app.c -I include -L target/release -lanycom
//! ```
//!
//! (or `pkg-config --cflags --libs anycom`) is all a C program needs with
//! `#include <objbase.h>`.
//!
//! Every exported function is a one-line forward to the function of the same
//! name in `anycom_core::api` (see [`export`]): this crate adds no behaviour
//! of its own, so what the runtime does for Rust callers it does for C
//! callers, and the documentation of each function is in the headers under
//! `include/` and on `anycom_core::api`. The standard IIDs are exported as
//! data ([`iids`]).
//!
//! `AnyComAttachRuntime` ([`attach`]) lets a Rust host's loader attach
//! libanycom to the host's runtime when it loads a C/C++ module linked
//! against libanycom, so the process has one runtime.
//!
//! On load, libanycom installs the registry and loader (`anycom_loader`) as
//! the runtime's class source ([`class_source`]), so `CoCreateInstance` of a
//! registered CLSID or ProgID works from C, and `AnyComRegisterServer`
//! writes to the registry.
#![allow(non_snake_case)]

#[macro_use]
mod export;

pub mod activation;
pub mod apartments;
pub mod attach;
pub mod bstr;
pub mod class_source;
pub mod error_info;
pub mod iids;
pub mod memory;
pub mod registration;
pub mod strings;
