//! The procedural macros of anycom (interim stubs).
use proc_macro::TokenStream;

/// Declares a COM interface.
#[proc_macro_attribute]
pub fn interface(_attr: TokenStream, _item: TokenStream) -> TokenStream {
    "compile_error!(\"not yet\");".parse().unwrap()
}

/// Implements COM interfaces on a struct.
#[proc_macro_attribute]
pub fn implement(_attr: TokenStream, _item: TokenStream) -> TokenStream {
    "compile_error!(\"not yet\");".parse().unwrap()
}
