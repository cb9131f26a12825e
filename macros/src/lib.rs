//! The procedural macros of anycom: `#[interface]` declares a COM interface,
//! `#[implement]` turns a struct into a COM object.
//!
//! Each entry point is one line over a `proc_macro2` function in its own
//! module, so the expansion is unit-testable. Expansions use absolute paths
//! (`::anycom::...`); inside the anycom crate `extern crate self as anycom`
//! makes those resolve.

use proc_macro::TokenStream;

mod implement;
mod interface;
mod server;
mod util;

/// Declares a COM interface from a trait-like definition.
///
/// ```ignore
/// #[anycom::interface("8d6f2c1e-51a7-4f0b-9c38-0d1e2f3a4b5c")]
/// pub unsafe trait IFoo: IUnknown {
///     fn Method(&self, x: u32) -> HRESULT;
///     unsafe fn Out(&self, p: *mut u32) -> HRESULT;
///     fn Fallible(&self) -> anycom::Result<()>;
/// }
/// ```
///
/// Generates the interface pointer type `IFoo` (a `#[repr(transparent)]`
/// smart pointer with the methods), the raw vtable `IFoo_Vtbl`, the trait
/// `IFoo_Impl` that implementations provide, and `IID_IFoo`.
#[proc_macro_attribute]
pub fn interface(attr: TokenStream, item: TokenStream) -> TokenStream {
    interface::expand(attr.into(), item.into())
        .unwrap_or_else(|e| e.to_compile_error())
        .into()
}

/// Turns a struct into a COM object implementing the listed interfaces.
///
/// ```ignore
/// #[anycom::implement(IFoo, IBar)]            // options: no_aggregation, no_module_lock
/// struct Foo { n: u32 }
/// impl IFoo_Impl for Foo_Impl { /* ... */ }
/// ```
///
/// Generates `Foo_Impl` (the object: vtable pointers, reference count,
/// outer unknown, the value), its QueryInterface/AddRef/Release, and
/// `From<Foo>` for each listed interface and `IUnknown`. A field marked
/// `#[aggregate(IA, IB)]` (or `#[aggregate]`, blind) of type
/// `anycom::Aggregate` exposes an aggregated inner object's interfaces.
#[proc_macro_attribute]
pub fn implement(attr: TokenStream, item: TokenStream) -> TokenStream {
    implement::expand(attr.into(), item.into())
        .unwrap_or_else(|e| e.to_compile_error())
        .into()
}

/// Declares a server module's classes (an object map, like ATL's
/// `OBJECT_ENTRY_AUTO`) and generates its exports: `DllGetClassObject`,
/// `DllCanUnloadNow`, `DllRegisterServer`, `DllUnregisterServer`.
///
/// ```ignore
/// anycom::object_map! {
///     Stuff {
///         clsid: "8b5e6a10-3c1f-4d2b-9a7e-1f0c2d3e4a50",   // or a GUID constant
///         factory: Standard,        // Standard | Singleton | Licensed | Custom(path::to::make)
///         threading_model: Both,    // Main (default) | Apartment | Free | Both | Neutral
///         progid: "AnyCom.Stuff.1",
///         version_independent_progid: "AnyCom.Stuff",
///         description: "A bag of numbers",
///     },
/// }
/// ```
///
/// Generates `pub static OBJECT_MAP: anycom::server::ObjectMap` and the
/// `#[no_mangle] extern "system"` exports over it (the four `Dll*` exports,
/// and `AnyComAttachRuntime`, which attaches the module to its host's runtime). Classes implement
/// `anycom::server::Construct`; `Licensed` classes also `anycom::server::License`.
#[proc_macro]
pub fn object_map(input: TokenStream) -> TokenStream {
    server::expand(input.into())
        .unwrap_or_else(|e| e.to_compile_error())
        .into()
}
