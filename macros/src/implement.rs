//! `#[implement(IFoo, IBar, options...)]`: parse the struct into a
//! [`ClassDef`], then generate `Foo_Impl`, its IUnknown and conversions.

use crate::util::{Errors, last_ident};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Error, Fields, Ident, ItemStruct, Member, Path, Token};

/// Where an aggregated inner object's interfaces are answered from.
struct AggregateField {
    member: Member,
    /// `None`: blind aggregation (every interface the outer lacks).
    interfaces: Option<Vec<Path>>,
}

/// A parsed `#[implement]` class.
struct ClassDef {
    item: ItemStruct,
    interfaces: Vec<Path>,
    aggregatable: bool,
    module_lock: bool,
    aggregates: Vec<AggregateField>,
}

pub fn expand(attr: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    let def = parse(attr, item)?;
    Ok(generate(&def))
}

fn parse(attr: TokenStream, item: TokenStream) -> syn::Result<ClassDef> {
    let mut item: ItemStruct = syn::parse2(item)?;
    let mut errors = Errors::default();
    let list = Punctuated::<Path, Token![,]>::parse_terminated.parse2(attr.clone())?;
    let mut interfaces: Vec<Path> = Vec::new();
    let mut aggregatable = true;
    let mut module_lock = true;
    for p in list {
        match p.get_ident().map(|i| i.to_string()).as_deref() {
            Some("no_aggregation") => aggregatable = false,
            Some("no_module_lock") => module_lock = false,
            _ => {
                if last_ident(&p) == "IUnknown" {
                    errors.push(Error::new(
                        p.span(),
                        "every COM object implements IUnknown: list only the other interfaces",
                    ));
                } else if interfaces.iter().any(|q| q == &p) {
                    errors.push(Error::new(p.span(), "this interface is listed twice"));
                } else {
                    interfaces.push(p);
                }
            }
        }
    }
    if interfaces.is_empty() && errors.is_empty() {
        errors.push(Error::new(
            if attr.is_empty() {
                item.ident.span()
            } else {
                attr.span()
            },
            "list the interfaces the object implements: #[implement(IFoo, IBar)]",
        ));
    }
    if !item.generics.params.is_empty() {
        errors.push(Error::new(
            item.generics.span(),
            "#[implement] does not support generic structs",
        ));
    }

    let mut aggregates = Vec::new();
    let fields: Vec<&mut syn::Field> = match &mut item.fields {
        Fields::Named(n) => n.named.iter_mut().collect(),
        Fields::Unnamed(u) => u.unnamed.iter_mut().collect(),
        Fields::Unit => Vec::new(),
    };
    for (i, f) in fields.into_iter().enumerate() {
        let mut keep = Vec::new();
        for a in f.attrs.drain(..) {
            if a.path().is_ident("aggregate") {
                let member = match &f.ident {
                    Some(id) => Member::Named(id.clone()),
                    None => Member::Unnamed(syn::Index::from(i)),
                };
                let interfaces = match &a.meta {
                    syn::Meta::Path(_) => None,
                    syn::Meta::List(l) => match Punctuated::<Path, Token![,]>::parse_terminated
                        .parse2(l.tokens.clone())
                    {
                        Ok(ps) => Some(ps.into_iter().collect()),
                        Err(e) => {
                            errors.push(e);
                            None
                        }
                    },
                    syn::Meta::NameValue(nv) => {
                        errors.push(Error::new(
                            nv.span(),
                            "use #[aggregate(IA, IB)] or #[aggregate]",
                        ));
                        None
                    }
                };
                aggregates.push(AggregateField { member, interfaces });
            } else {
                keep.push(a);
            }
        }
        f.attrs = keep;
    }
    if aggregates.iter().filter(|a| a.interfaces.is_none()).count() > 1 {
        errors.push(Error::new(
            item.ident.span(),
            "only one field can be a blind #[aggregate]",
        ));
    }
    errors.finish()?;
    Ok(ClassDef {
        item,
        interfaces,
        aggregatable,
        module_lock,
        aggregates,
    })
}

fn generate(def: &ClassDef) -> TokenStream {
    let item = &def.item;
    let vis = &item.vis;
    let name = &item.ident;
    let impl_name = format_ident!("{}_Impl", name);
    let agg = def.aggregatable;
    let lock = def.module_lock;
    let first_slot: isize = if agg { 1 } else { 0 };

    let slot_fields: Vec<Ident> = (0..def.interfaces.len())
        .map(|i| format_ident!("__vtable_{}", i))
        .collect();
    let vt_consts: Vec<Ident> = (0..def.interfaces.len())
        .map(|i| format_ident!("__VTABLE_{}", i))
        .collect();
    let interfaces = &def.interfaces;
    let offsets: Vec<isize> = (0..def.interfaces.len())
        .map(|i| first_slot + i as isize)
        .collect();

    let identity_field = if agg {
        quote!(__identity: *const ::anycom::IUnknown_Vtbl,)
    } else {
        quote!()
    };
    let outer_field = if agg {
        quote!(__outer: *mut ::core::ffi::c_void,)
    } else {
        quote!()
    };
    let identity_init = if agg {
        quote!(__identity: &Self::__IDENTITY,)
    } else {
        quote!()
    };
    let outer_init = if agg {
        quote!(__outer: outer,)
    } else {
        quote!()
    };
    let identity_const = if agg {
        quote!(const __IDENTITY: ::anycom::IUnknown_Vtbl = ::anycom::IUnknown_Vtbl::identity::<#impl_name>();)
    } else {
        quote!()
    };
    let first = &slot_fields[0];
    let identity_ptr = if agg {
        quote!(&self.__identity as *const _ as *mut ::core::ffi::c_void)
    } else {
        quote!(&self.#first as *const _ as *mut ::core::ffi::c_void)
    };
    let outer_get = if agg {
        quote!(self.__outer)
    } else {
        quote!(::core::ptr::null_mut())
    };

    let mut agg_specific = Vec::new();
    let mut agg_blind = quote!();
    for a in &def.aggregates {
        let m = &a.member;
        match &a.interfaces {
            Some(list) => {
                for i in list {
                    agg_specific.push(quote! {
                        if <#i as ::anycom::Interface>::matches(iid) {
                            // SAFETY: iid and ppv are valid per this function's contract.
                            return unsafe { ::anycom::Aggregate::query(&self.__this.#m, iid, ppv) };
                        }
                    });
                }
            }
            None => {
                agg_blind = quote! {
                    // SAFETY: iid and ppv are valid per this function's contract.
                    return unsafe { ::anycom::Aggregate::query(&self.__this.#m, iid, ppv) };
                };
            }
        }
    }

    let not_found = if def.aggregates.iter().any(|a| a.interfaces.is_none()) {
        agg_blind
    } else {
        quote! {
            // SAFETY: ppv is valid per the contract.
            unsafe { *ppv = ::core::ptr::null_mut() };
            return ::anycom::E_NOINTERFACE;
        }
    };

    quote! {
        #item

        #[doc = concat!("The COM object `#[implement]` made of [`", stringify!(#name), "`]: one vtable pointer per interface, the reference count, the outer unknown (aggregatable classes) and the value.")]
        #[repr(C)]
        #[allow(non_camel_case_types)]
        #vis struct #impl_name {
            #identity_field
            #(#slot_fields: *const <#interfaces as ::anycom::Interface>::Vtable,)*
            __count: ::anycom::imp::RefCount,
            #outer_field
            __this: #name,
        }

        impl #impl_name {
            #identity_const
            #(const #vt_consts: <#interfaces as ::anycom::Interface>::Vtable =
                <<#interfaces as ::anycom::Interface>::Vtable>::new::<#impl_name, #offsets>();)*

            /// An AddRef'd pointer to one of this object's own interfaces.
            #[allow(dead_code)]
            pub fn to_interface<I: ::anycom::Interface>(&self) -> I
            where
                Self: ::anycom::imp::Implements<I>,
            {
                ::anycom::imp::object::to_interface::<Self, I>(self)
            }

            /// QueryInterface on this object (through the outer when aggregated).
            #[allow(dead_code)]
            pub fn cast<I: ::anycom::Interface>(&self) -> ::anycom::Result<I> {
                ::anycom::Interface::cast(&::anycom::imp::object::controlling_unknown(self))
            }

            /// The controlling unknown: the outer's IUnknown when aggregated, else this object's.
            #[allow(dead_code)]
            pub fn controlling_unknown(&self) -> ::anycom::IUnknown {
                ::anycom::imp::object::controlling_unknown(self)
            }
        }

        impl ::core::ops::Deref for #impl_name {
            type Target = #name;
            #[inline]
            fn deref(&self) -> &#name {
                &self.__this
            }
        }

        // SAFETY: #impl_name is repr(C) with the documented layout; QueryInterface
        // answers IUnknown with the identity slot and each interface with its slot.
        unsafe impl ::anycom::imp::ComImpl for #impl_name {
            type Class = #name;
            const AGGREGATABLE: bool = #agg;
            const MODULE_LOCK: bool = #lock;

            #[inline]
            fn new_impl(value: #name, outer: *mut ::core::ffi::c_void) -> Self {
                let _ = outer;
                #impl_name {
                    #identity_init
                    #(#slot_fields: &Self::#vt_consts,)*
                    __count: ::anycom::imp::RefCount::new(1),
                    #outer_init
                    __this: value,
                }
            }
            #[inline]
            fn ref_count(&self) -> &::anycom::imp::RefCount {
                &self.__count
            }
            #[inline]
            fn outer(&self) -> *mut ::core::ffi::c_void {
                #outer_get
            }
            #[inline]
            fn identity_ptr(&self) -> *mut ::core::ffi::c_void {
                #identity_ptr
            }
            #[inline]
            fn own_slot(&self, iid: &::anycom::GUID) -> *mut ::core::ffi::c_void {
                if *iid == ::anycom::IID_IUnknown {
                    ::anycom::imp::ComImpl::identity_ptr(self)
                }
                #(else if <#interfaces as ::anycom::Interface>::matches(iid) {
                    &self.#slot_fields as *const _ as *mut ::core::ffi::c_void
                })*
                else {
                    ::core::ptr::null_mut()
                }
            }
            unsafe fn inner_query_interface(
                &self,
                iid: *const ::anycom::GUID,
                ppv: *mut *mut ::core::ffi::c_void,
            ) -> ::anycom::HRESULT {
                if ppv.is_null() {
                    return ::anycom::E_POINTER;
                }
                if iid.is_null() {
                    // SAFETY: ppv is valid per the contract.
                    unsafe { *ppv = ::core::ptr::null_mut() };
                    return ::anycom::E_INVALIDARG;
                }
                // SAFETY: iid is valid per the contract.
                let iid: &::anycom::GUID = unsafe { &*iid };
                let found = ::anycom::imp::ComImpl::own_slot(self, iid);
                if found.is_null() {
                    #(#agg_specific)*
                    #not_found
                }
                ::anycom::imp::object::add_ref_found(self, found);
                // SAFETY: ppv is valid per the contract.
                unsafe { *ppv = found };
                ::anycom::S_OK
            }
        }

        #(
            // SAFETY: the slot holds the vtable built for this interface.
            unsafe impl ::anycom::imp::Implements<#interfaces> for #impl_name {
                #[inline]
                fn interface_ptr(&self) -> *mut ::core::ffi::c_void {
                    &self.#slot_fields as *const _ as *mut ::core::ffi::c_void
                }
            }
            impl ::core::convert::From<#name> for #interfaces {
                #[inline]
                fn from(value: #name) -> #interfaces {
                    ::anycom::imp::object::into_interface::<#impl_name, #interfaces>(value)
                }
            }
        )*

        // SAFETY: the identity slot answers IUnknown.
        unsafe impl ::anycom::imp::Implements<::anycom::IUnknown> for #impl_name {
            #[inline]
            fn interface_ptr(&self) -> *mut ::core::ffi::c_void {
                ::anycom::imp::ComImpl::identity_ptr(self)
            }
        }
        impl ::core::convert::From<#name> for ::anycom::IUnknown {
            #[inline]
            fn from(value: #name) -> ::anycom::IUnknown {
                ::anycom::imp::object::into_interface::<#impl_name, ::anycom::IUnknown>(value)
            }
        }

        impl ::anycom::ComClass for #name {
            type Impl = #impl_name;
        }
    }
}
