//! `#[interface("IID")]`: parse a trait into an [`InterfaceDef`], check it,
//! then generate the pointer type, the vtable, the `_Impl` trait and the IID.

use crate::util::{Errors, last_ident, valid_guid};
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{
    Attribute, Error, FnArg, Ident, ItemTrait, LitStr, Pat, Path, ReturnType, TraitItem, Type,
    TypeParamBound, Visibility,
};

/// How a method reports its result.
enum Ret {
    /// Returns a value of this type through the ABI unchanged (`HRESULT`, `u32`, `()`...).
    Plain(Type),
    /// Declared `-> Result<()>`: the ABI returns HRESULT; `Err` sets error info.
    Result(Type),
}

/// One interface method.
struct Method {
    attrs: Vec<Attribute>,
    name: Ident,
    unsafety: Option<syn::token::Unsafe>,
    /// (argument name as written or generated, type)
    args: Vec<(Ident, Type)>,
    ret: Ret,
}

/// A parsed interface declaration.
struct InterfaceDef {
    attrs: Vec<Attribute>,
    vis: Visibility,
    name: Ident,
    iid: LitStr,
    base: Path,
    methods: Vec<Method>,
}

pub fn expand(attr: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    let def = parse(attr, item)?;
    Ok(generate(&def))
}

fn parse(attr: TokenStream, item: TokenStream) -> syn::Result<InterfaceDef> {
    let item: ItemTrait = syn::parse2(item)?;
    let mut errors = Errors::default();

    let iid: Option<LitStr> = if attr.is_empty() {
        errors.push(Error::new(
            item.ident.span(),
            "a COM interface needs its IID: #[interface(\"xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx\")]",
        ));
        None
    } else {
        match syn::parse2::<LitStr>(attr.clone()) {
            Ok(l) if valid_guid(&l.value()) => Some(l),
            Ok(l) => {
                errors.push(Error::new(
                    l.span(),
                    "not a valid IID: expected \"xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx\" (hex digits)",
                ));
                None
            }
            Err(_) => {
                errors.push(Error::new(
                    attr.span(),
                    "expected the IID as a string literal: #[interface(\"xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx\")]",
                ));
                None
            }
        }
    };

    if !item.generics.params.is_empty() {
        errors.push(Error::new(
            item.generics.span(),
            "COM interfaces cannot be generic",
        ));
    }

    let bases: Vec<&Path> = item
        .supertraits
        .iter()
        .filter_map(|b| match b {
            TypeParamBound::Trait(t) => Some(&t.path),
            _ => None,
        })
        .collect();
    let base = match bases.as_slice() {
        [one] => Some((*one).clone()),
        [] => {
            errors.push(Error::new(
                item.ident.span(),
                "a COM interface derives from IUnknown or from another interface: `trait IFoo: IUnknown`",
            ));
            None
        }
        [_, second, ..] => {
            errors.push(Error::new(
                second.span(),
                "COM interfaces have single inheritance: name one base interface",
            ));
            None
        }
    };

    let mut methods = Vec::new();
    for ti in &item.items {
        match ti {
            TraitItem::Fn(f) => match parse_method(f) {
                Ok(m) => methods.push(m),
                Err(e) => errors.push(e),
            },
            other => errors.push(Error::new(
                other.span(),
                "a COM interface contains only methods",
            )),
        }
    }
    errors.finish()?;
    Ok(InterfaceDef {
        attrs: item.attrs,
        vis: item.vis,
        name: item.ident,
        iid: iid.expect("checked"),
        base: base.expect("checked"),
        methods,
    })
}

fn parse_method(f: &syn::TraitItemFn) -> syn::Result<Method> {
    let mut errors = Errors::default();
    let sig = &f.sig;
    if let Some(d) = &f.default {
        errors.push(Error::new(
            d.span(),
            "interface methods have no body here; implement them in `IFoo_Impl`",
        ));
    }
    if !sig.generics.params.is_empty() {
        errors.push(Error::new(
            sig.generics.span(),
            "COM methods cannot be generic",
        ));
    }
    if let Some(a) = &sig.asyncness {
        errors.push(Error::new(a.span(), "COM methods cannot be async"));
    }
    if let Some(v) = &sig.variadic {
        errors.push(Error::new(v.span(), "COM methods cannot be variadic"));
    }
    if let Some(abi) = &sig.abi {
        errors.push(Error::new(
            abi.span(),
            "leave out the ABI: COM methods are always extern \"system\"",
        ));
    }
    let mut inputs = sig.inputs.iter();
    match inputs.next() {
        Some(FnArg::Receiver(r)) if r.reference.is_some() && r.mutability.is_none() => {}
        Some(FnArg::Receiver(r)) => errors.push(Error::new(
            r.span(),
            "COM methods take `&self`: an object is shared by all its pointers",
        )),
        _ => errors.push(Error::new(
            sig.ident.span(),
            "COM methods take `&self` as their first argument",
        )),
    }
    let mut args = Vec::new();
    let mut has_pointer = None;
    for (i, a) in inputs.enumerate() {
        let FnArg::Typed(pt) = a else { continue };
        let name = match &*pt.pat {
            Pat::Ident(pi) => pi.ident.clone(),
            _ => format_ident!("__arg{}", i),
        };
        check_arg_type(&pt.ty, &mut errors);
        if has_pointer.is_none() && contains_pointer(&pt.ty) {
            has_pointer = Some(pt.ty.span());
        }
        args.push((name, (*pt.ty).clone()));
    }
    if let (Some(span), None) = (has_pointer, &sig.unsafety) {
        errors.push(Error::new(
            span,
            "a COM method that takes raw pointers must be declared `unsafe fn`: the caller promises the pointers are valid",
        ));
    }
    let ret = match &sig.output {
        ReturnType::Default => Ret::Plain(syn::parse_quote!(())),
        ReturnType::Type(_, ty) => classify_return(ty, &mut errors),
    };
    errors.finish()?;
    Ok(Method {
        attrs: f.attrs.clone(),
        name: sig.ident.clone(),
        unsafety: sig.unsafety,
        args,
        ret,
    })
}

fn contains_pointer(ty: &Type) -> bool {
    matches!(ty, Type::Ptr(_))
}

fn check_arg_type(ty: &Type, errors: &mut Errors) {
    match ty {
        Type::Reference(r) => errors.push(Error::new(
            r.span(),
            "references are not FFI-safe in a COM method: use a raw pointer (`*const T`/`*mut T`) or `anycom::Ref<'_, IFoo>` for an interface",
        )),
        Type::Slice(_) | Type::Array(_) | Type::Tuple(_) | Type::ImplTrait(_) | Type::TraitObject(_) | Type::BareFn(_) => {
            errors.push(Error::new(
                ty.span(),
                "this type is not FFI-safe in a COM method: pass integers, floats, HRESULT, GUID, raw pointers or anycom::Ref<'_, IFoo>",
            ))
        }
        Type::Path(p) if p.qself.is_none() => {
            let last = last_ident(&p.path);
            let hint = match last.as_str() {
                "bool" => Some("`bool` has no COM ABI: use BOOL (i32)"),
                "String" | "str" => Some("strings cross COM as `*const u16` (LPCOLESTR) or BSTR"),
                "Vec" | "Box" | "Option" => Some("Rust containers are not FFI-safe: pass a pointer and a count"),
                "char" => Some("`char` is not a COM type: use u16 (OLECHAR)"),
                _ => None,
            };
            if let Some(h) = hint {
                errors.push(Error::new(ty.span(), format!("not FFI-safe in a COM method: {h}")));
            }
        }
        _ => {}
    }
}

fn classify_return(ty: &Type, errors: &mut Errors) -> Ret {
    if let Type::Path(p) = ty
        && let Some(seg) = p.path.segments.last()
        && seg.ident == "Result"
    {
        let unit = matches!(&seg.arguments, syn::PathArguments::AngleBracketed(a)
            if a.args.len() == 1
                && matches!(a.args.first(), Some(syn::GenericArgument::Type(Type::Tuple(t))) if t.elems.is_empty()));
        if unit {
            return Ret::Result(ty.clone());
        }
        errors.push(Error::new(
            ty.span(),
            "only `Result<()>` is supported (it crosses as HRESULT); return other values through out-pointers",
        ));
        return Ret::Plain(ty.clone());
    }
    if let Type::Tuple(t) = ty
        && !t.elems.is_empty()
    {
        errors.push(Error::new(
            ty.span(),
            "COM methods return HRESULT (or a scalar), never a tuple",
        ));
    }
    if let Type::Reference(_) | Type::Array(_) | Type::Slice(_) = ty {
        errors.push(Error::new(
            ty.span(),
            "COM methods return HRESULT (or a scalar): hand results back through an out-pointer",
        ));
    }
    Ret::Plain(ty.clone())
}

fn with_suffix(p: &Path, suffix: &str) -> Path {
    let mut p = p.clone();
    if let Some(last) = p.segments.last_mut() {
        last.ident = format_ident!("{}{}", last.ident, suffix);
        last.arguments = syn::PathArguments::None;
    }
    p
}

fn generate(def: &InterfaceDef) -> TokenStream {
    let InterfaceDef {
        attrs,
        vis,
        name,
        iid,
        base,
        methods,
    } = def;
    let vtbl = format_ident!("{}_Vtbl", name);
    let impl_trait = format_ident!("{}_Impl", name);
    let iid_const = format_ident!("IID_{}", name);
    let base_is_unknown = last_ident(base) == "IUnknown";
    let base_impl: Path = if base_is_unknown {
        syn::parse_quote!(::anycom::IUnknown_Impl)
    } else {
        with_suffix(base, "_Impl")
    };
    let base_vtbl: TokenStream = quote!(<#base as ::anycom::Interface>::Vtable);
    let iid_str = iid.value();
    let iid_doc = format!(
        "`IID_{name}`: `{{{}}}`.",
        iid_str
            .trim_matches(|c| c == '{' || c == '}')
            .to_uppercase()
    );

    let mut vtbl_fields = Vec::new();
    let mut thunks = Vec::new();
    let mut thunk_inits = Vec::new();
    let mut trait_methods = Vec::new();
    let mut callers = Vec::new();
    let mut checks = Vec::new();

    for m in methods {
        let mname = &m.name;
        let attrs = &m.attrs;
        let unsafety = &m.unsafety;
        let arg_names: Vec<&Ident> = m.args.iter().map(|(n, _)| n).collect();
        let arg_types: Vec<&Type> = m.args.iter().map(|(_, t)| t).collect();
        let gen_names: Vec<Ident> = (0..m.args.len())
            .map(|i| format_ident!("__a{}", i))
            .collect();
        for t in &arg_types {
            checks.push(quote_spanned! {t.span()=> ::anycom::imp::assert_abi::<#t>(); });
        }
        let (abi_ret, user_ret): (TokenStream, &Type) = match &m.ret {
            Ret::Plain(t) => (quote!(#t), t),
            Ret::Result(t) => (quote!(::anycom::HRESULT), t),
        };
        vtbl_fields.push(quote! {
            pub #mname: unsafe extern "system" fn(this: *mut ::core::ffi::c_void #(, #arg_types)*) -> #abi_ret
        });
        let call_impl = quote!(<T as #impl_trait>::#mname(this #(, #gen_names)*));
        let call_impl = if unsafety.is_some() {
            quote! {
                // SAFETY: the COM caller vouches for the arguments, as the method's contract says.
                unsafe { #call_impl }
            }
        } else {
            call_impl
        };
        let body = match &m.ret {
            // Spanned at the return type: a type that cannot be returned is reported there.
            Ret::Plain(t) => quote_spanned!(t.span()=> ::anycom::imp::guard::<#t>(|| #call_impl)),
            Ret::Result(_) => quote!(::anycom::imp::guard_result(|| #call_impl)),
        };
        thunks.push(quote! {
            #[allow(non_snake_case)]
            unsafe extern "system" fn #mname<T: #impl_trait, const OFFSET: isize>(
                this: *mut ::core::ffi::c_void #(, #gen_names: #arg_types)*
            ) -> #abi_ret {
                // SAFETY: `this` is the interface slot at OFFSET of a live T, as the vtable was built for it.
                let this = unsafe { ::anycom::imp::this_from::<T, OFFSET>(this) };
                #body
            }
        });
        thunk_inits.push(quote!(#mname: #mname::<T, OFFSET>));
        trait_methods.push(quote! {
            #(#attrs)*
            #unsafety fn #mname(&self #(, #arg_names: #arg_types)*) -> #user_ret;
        });
        let raw_call = quote! {
            // SAFETY: self is a live interface pointer whose vtable is #vtbl; arguments are the caller's.
            unsafe { (::anycom::Interface::vtable(self).#mname)(::anycom::Interface::as_raw(self) #(, #arg_names)*) }
        };
        let caller_body = match &m.ret {
            Ret::Plain(_) => raw_call,
            Ret::Result(_) => quote!(::anycom::HRESULT::ok(#raw_call)),
        };
        let safety_doc = if unsafety.is_some() {
            quote!(#[doc = ""] #[doc = "# Safety"] #[doc = "Pointer arguments must be valid as the interface's contract requires."])
        } else {
            quote!()
        };
        callers.push(quote! {
            #(#attrs)*
            #safety_doc
            #[allow(non_snake_case, clippy::too_many_arguments)]
            #[inline]
            pub #unsafety fn #mname(&self #(, #arg_names: #arg_types)*) -> #user_ret {
                #caller_body
            }
        });
    }

    let unknown_from = if base_is_unknown {
        quote!()
    } else {
        quote! {
            impl ::core::convert::From<#name> for ::anycom::IUnknown {
                fn from(v: #name) -> ::anycom::IUnknown {
                    // SAFETY: every interface pointer is an IUnknown pointer (transparent layout, same reference).
                    unsafe { ::anycom::Interface::from_raw(::anycom::Interface::into_raw(v)) }
                }
            }
        }
    };
    let name_str = name.to_string();

    quote! {
        #(#attrs)*
        #[repr(transparent)]
        #[derive(Clone, PartialEq, Eq)]
        #vis struct #name(#base);

        #[doc = #iid_doc]
        #[allow(non_upper_case_globals)]
        #vis const #iid_const: ::anycom::GUID = ::anycom::GUID::parse(#iid);

        // SAFETY: #name is transparent over its base interface, whose vtable begins #vtbl.
        unsafe impl ::anycom::Interface for #name {
            type Vtable = #vtbl;
            const IID: ::anycom::GUID = #iid_const;
            #[inline]
            fn matches(iid: &::anycom::GUID) -> bool {
                *iid == #iid_const || <#base as ::anycom::Interface>::matches(iid)
            }
        }

        impl ::core::ops::Deref for #name {
            type Target = #base;
            #[inline]
            fn deref(&self) -> &#base {
                &self.0
            }
        }

        impl ::core::convert::From<#name> for #base {
            fn from(v: #name) -> #base {
                v.0
            }
        }
        #unknown_from

        impl ::core::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::write!(f, "{}({:p})", #name_str, ::anycom::Interface::as_raw(self))
            }
        }

        #[doc = concat!("The raw vtable of `", #name_str, "`.")]
        #[repr(C)]
        #[allow(non_snake_case, non_camel_case_types)]
        #vis struct #vtbl {
            /// The base interface's vtable.
            pub base__: #base_vtbl,
            #(#vtbl_fields,)*
        }

        impl #vtbl {
            /// The vtable for interface slot `OFFSET` of the implementing object `T`.
            pub const fn new<T: #impl_trait, const OFFSET: isize>() -> #vtbl {
                #(#thunks)*
                #vtbl {
                    base__: <#base_vtbl>::new::<T, OFFSET>(),
                    #(#thunk_inits,)*
                }
            }
        }

        #[doc = concat!("Implement this on the `Foo_Impl` generated by `#[implement(", #name_str, ")]`.")]
        #[allow(non_snake_case, non_camel_case_types)]
        #vis trait #impl_trait: #base_impl {
            #(#trait_methods)*
        }

        impl #name {
            #(#callers)*
        }

        const _: () = {
            #[allow(dead_code)]
            fn __anycom_abi_checks() {
                #(#checks)*
            }
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_and_checks() {
        let out = expand(
            quote!("00000000-0000-0000-C000-000000000046"),
            quote!(
                pub unsafe trait IFoo: IUnknown {
                    fn A(&self, x: u32) -> HRESULT;
                }
            ),
        )
        .unwrap()
        .to_string();
        assert!(out.contains("IFoo_Vtbl"));
        assert!(out.contains("IFoo_Impl"));
        assert!(out.contains("IID_IFoo"));
    }

    #[test]
    fn missing_iid_is_an_error() {
        let e = expand(
            quote!(),
            quote!(
                pub unsafe trait IFoo: IUnknown {}
            ),
        )
        .unwrap_err();
        assert!(e.to_string().contains("needs its IID"));
    }

    #[test]
    fn pointer_needs_unsafe() {
        let e = expand(
            quote!("00000000-0000-0000-C000-000000000046"),
            quote!(
                pub unsafe trait IFoo: IUnknown {
                    fn A(&self, x: *mut u32) -> HRESULT;
                }
            ),
        )
        .unwrap_err();
        assert!(e.to_string().contains("unsafe fn"));
    }
}
