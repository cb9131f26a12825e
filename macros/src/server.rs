//! `object_map! { Class { clsid: ..., ... }, ... }`: parse a server
//! module's classes into [`ObjectMapDef`], check them, then generate the
//! static `OBJECT_MAP` and the exports (`DllGetClassObject`,
//! `DllCanUnloadNow`, `DllRegisterServer`, `DllUnregisterServer`, and
//! `AnyComAttachRuntime`, which attaches the module to its host's runtime).

use crate::util::{Errors, valid_guid};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{Error, Expr, ExprLit, Ident, Lit, LitStr, Path, Token, braced, parenthesized};

/// Which class object an entry has.
enum Factory {
    Standard,
    Singleton,
    Licensed,
    Custom(Path),
}

/// One class of the map.
struct Entry {
    class: Path,
    clsid: Expr,
    threading_model: Option<Ident>,
    progid: Option<LitStr>,
    version_independent_progid: Option<LitStr>,
    description: Option<LitStr>,
    factory: Factory,
}

/// A parsed `object_map!`.
struct ObjectMapDef {
    entries: Vec<Entry>,
}

const THREADING_MODELS: &[&str] = &["Main", "Apartment", "Free", "Both", "Neutral"];

pub fn expand(input: TokenStream) -> syn::Result<TokenStream> {
    let def: ObjectMapDef = syn::parse2(input)?;
    check(&def)?;
    Ok(generate(&def))
}

impl Parse for ObjectMapDef {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut entries = Vec::new();
        while !input.is_empty() {
            entries.push(parse_entry(input)?);
            if input.is_empty() {
                break;
            }
            input.parse::<Token![,]>()?;
        }
        if entries.is_empty() {
            return Err(Error::new(
                Span::call_site(),
                "list the module's classes: object_map! { MyClass { clsid: \"...\", factory: Standard }, ... }",
            ));
        }
        Ok(ObjectMapDef { entries })
    }
}

fn parse_entry(input: ParseStream) -> syn::Result<Entry> {
    let class: Path = input.parse()?;
    let body;
    braced!(body in input);
    let mut clsid = None;
    let mut threading_model = None;
    let mut progid = None;
    let mut version_independent_progid = None;
    let mut description = None;
    let mut factory = None;
    let mut errors = Errors::default();
    while !body.is_empty() {
        let key: Ident = body.parse()?;
        body.parse::<Token![:]>()?;
        let dup = |seen: bool| {
            if seen {
                Some(Error::new(key.span(), format!("`{key}` is given twice")))
            } else {
                None
            }
        };
        match key.to_string().as_str() {
            "clsid" => {
                if let Some(e) = dup(clsid.is_some()) {
                    errors.push(e);
                }
                clsid = Some(body.parse::<Expr>()?);
            }
            "threading_model" => {
                if let Some(e) = dup(threading_model.is_some()) {
                    errors.push(e);
                }
                let m: Ident = body.parse()?;
                if !THREADING_MODELS.contains(&m.to_string().as_str()) {
                    errors.push(Error::new(
                        m.span(),
                        "unknown threading model: expected Main, Apartment, Free, Both or Neutral",
                    ));
                }
                threading_model = Some(m);
            }
            "progid" => {
                if let Some(e) = dup(progid.is_some()) {
                    errors.push(e);
                }
                progid = Some(body.parse::<LitStr>()?);
            }
            "version_independent_progid" => {
                if let Some(e) = dup(version_independent_progid.is_some()) {
                    errors.push(e);
                }
                version_independent_progid = Some(body.parse::<LitStr>()?);
            }
            "description" => {
                if let Some(e) = dup(description.is_some()) {
                    errors.push(e);
                }
                description = Some(body.parse::<LitStr>()?);
            }
            "factory" => {
                if let Some(e) = dup(factory.is_some()) {
                    errors.push(e);
                }
                factory = Some(parse_factory(&body)?);
            }
            _ => {
                errors.push(Error::new(
                    key.span(),
                    "unknown key: expected clsid, factory, threading_model, progid, version_independent_progid or description",
                ));
                body.parse::<Expr>()?;
            }
        }
        if body.is_empty() {
            break;
        }
        body.parse::<Token![,]>()?;
    }
    let Some(clsid) = clsid else {
        errors.push(Error::new(
            class.span(),
            "every class needs its CLSID: `clsid: \"xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx\"`",
        ));
        return Err(errors.finish().expect_err("just pushed"));
    };
    errors.finish()?;
    Ok(Entry {
        class,
        clsid,
        threading_model,
        progid,
        version_independent_progid,
        description,
        factory: factory.unwrap_or(Factory::Standard),
    })
}

fn parse_factory(input: ParseStream) -> syn::Result<Factory> {
    let kind: Ident = input.parse()?;
    Ok(match kind.to_string().as_str() {
        "Standard" => Factory::Standard,
        "Singleton" => Factory::Singleton,
        "Licensed" => Factory::Licensed,
        "Custom" => {
            let inner;
            parenthesized!(inner in input);
            Factory::Custom(inner.parse()?)
        }
        _ => {
            return Err(Error::new(
                kind.span(),
                "unknown factory: expected Standard, Singleton, Licensed or Custom(path::to::make_class_object)",
            ));
        }
    })
}

/// Windows' ProgID rules: at most 39 characters, letters, digits and
/// periods only, not starting with a digit.
fn progid_problem(s: &str) -> Option<&'static str> {
    if s.is_empty() {
        Some("a ProgID cannot be empty")
    } else if s.chars().count() > 39 {
        Some("a ProgID has at most 39 characters")
    } else if !s.chars().all(|c| c.is_ascii_alphanumeric() || c == '.') {
        Some("a ProgID contains only letters, digits and periods")
    } else if s.starts_with(|c: char| c.is_ascii_digit()) {
        Some("a ProgID cannot start with a digit")
    } else {
        None
    }
}

fn check(def: &ObjectMapDef) -> syn::Result<()> {
    let mut errors = Errors::default();
    let mut clsids: Vec<String> = Vec::new();
    let mut progids: Vec<String> = Vec::new();
    for e in &def.entries {
        if let Expr::Lit(ExprLit {
            lit: Lit::Str(s), ..
        }) = &e.clsid
        {
            let v = s.value();
            if !valid_guid(&v) {
                errors.push(Error::new(s.span(), "not a valid CLSID: expected \"xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx\" (hex digits)"));
            } else {
                let norm = v
                    .trim_matches(|c| c == '{' || c == '}')
                    .to_ascii_lowercase();
                if clsids.contains(&norm) {
                    errors.push(Error::new(s.span(), "this CLSID is already in the map"));
                }
                clsids.push(norm);
            }
        }
        for p in [&e.progid, &e.version_independent_progid]
            .into_iter()
            .flatten()
        {
            let v = p.value();
            if let Some(problem) = progid_problem(&v) {
                errors.push(Error::new(p.span(), problem));
            }
            let norm = v.to_ascii_lowercase();
            if progids.contains(&norm) {
                errors.push(Error::new(p.span(), "this ProgID is already in the map"));
            }
            progids.push(norm);
        }
        if let (None, Some(vi)) = (&e.progid, &e.version_independent_progid) {
            errors.push(Error::new(
                vi.span(),
                "a version-independent ProgID needs the versioned `progid` too",
            ));
        }
    }
    errors.finish()
}

fn opt_str(s: &Option<LitStr>) -> TokenStream {
    match s {
        Some(s) => quote!(::core::option::Option::Some(#s)),
        None => quote!(::core::option::Option::None),
    }
}

fn generate(def: &ObjectMapDef) -> TokenStream {
    let n = def.entries.len();
    let entries = def.entries.iter().map(|e| {
        let class = &e.class;
        let class_name = quote!(#class).to_string().replace(' ', "");
        let clsid = match &e.clsid {
            Expr::Lit(ExprLit { lit: Lit::Str(s), .. }) => quote!(::anycom::GUID::parse(#s)),
            other => quote!(#other),
        };
        let model = e.threading_model.clone().unwrap_or_else(|| format_ident!("Main"));
        let progid = opt_str(&e.progid);
        let vi = opt_str(&e.version_independent_progid);
        let description = opt_str(&e.description);
        let creator = quote!(::anycom::server::Creator::of::<#class>());
        let factory = match &e.factory {
            Factory::Standard => quote!(::anycom::server::FactoryKind::Standard(#creator)),
            Factory::Singleton => quote! {
                ::anycom::server::FactoryKind::Singleton({
                    static CELL: ::anycom::server::Singleton<#class> = ::anycom::server::Singleton::new();
                    &CELL
                })
            },
            Factory::Licensed => quote! {
                ::anycom::server::FactoryKind::Licensed(#creator, ::anycom::server::Licensing::of::<#class>())
            },
            Factory::Custom(make) => quote!(::anycom::server::FactoryKind::Custom(#creator, #make)),
        };
        quote! {
            ::anycom::server::ObjectEntry {
                clsid: #clsid,
                class_name: #class_name,
                threading_model: ::anycom::server::ThreadingModel::#model,
                progid: #progid,
                version_independent_progid: #vi,
                description: #description,
                factory: #factory,
            }
        }
    });

    quote! {
        static __ANYCOM_OBJECT_ENTRIES: [::anycom::server::ObjectEntry; #n] = [#(#entries),*];

        /// The classes this module serves (generated by `anycom::object_map!`).
        pub static OBJECT_MAP: ::anycom::server::ObjectMap = ::anycom::server::ObjectMap::new(&__ANYCOM_OBJECT_ENTRIES);

        /// `DllGetClassObject`: a new class object of `rclsid`, asked for `riid`
        /// (`CLASS_E_CLASSNOTAVAILABLE` for a class this module does not serve).
        ///
        /// # Safety
        /// Each pointer is null or valid: `rclsid` and `riid` for reads, `ppv` for writes.
        #[allow(non_snake_case)]
        #[unsafe(no_mangle)]
        pub unsafe extern "system" fn DllGetClassObject(
            rclsid: *const ::anycom::GUID,
            riid: *const ::anycom::GUID,
            ppv: *mut *mut ::core::ffi::c_void,
        ) -> ::anycom::HRESULT {
            // SAFETY: the caller's pointers, under this function's contract.
            unsafe { OBJECT_MAP.dll_get_class_object(rclsid, riid, ppv) }
        }

        /// `DllCanUnloadNow`: `S_OK` when no object of this module is alive and
        /// no `LockServer` lock is held, else `S_FALSE`.
        #[allow(non_snake_case)]
        #[unsafe(no_mangle)]
        pub extern "system" fn DllCanUnloadNow() -> ::anycom::HRESULT {
            OBJECT_MAP.dll_can_unload_now()
        }

        /// `DllRegisterServer`: records this module's classes in the registry.
        #[allow(non_snake_case)]
        #[unsafe(no_mangle)]
        pub extern "system" fn DllRegisterServer() -> ::anycom::HRESULT {
            OBJECT_MAP.dll_register_server()
        }

        /// `DllUnregisterServer`: removes this module's classes from the registry.
        #[allow(non_snake_case)]
        #[unsafe(no_mangle)]
        pub extern "system" fn DllUnregisterServer() -> ::anycom::HRESULT {
            OBJECT_MAP.dll_unregister_server()
        }

        /// `AnyComAttachRuntime`: the loader hands this module the process's
        /// runtime, so this module's copy of anycom forwards to it (one
        /// runtime per process; see `anycom::runtime::attach`).
        ///
        /// # Safety
        /// `runtime` is null or a runtime table that outlives this module.
        #[allow(non_snake_case)]
        #[unsafe(no_mangle)]
        pub unsafe extern "system" fn AnyComAttachRuntime(
            runtime: *const ::anycom::runtime::attach::AnyComRuntime,
        ) -> ::anycom::HRESULT {
            // SAFETY: the caller's pointer, under this function's contract.
            unsafe { ::anycom::runtime::attach::AnyComAttachRuntime(runtime) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_every_factory_kind() {
        let out = expand(quote! {
            A { clsid: "00000000-0000-0000-0000-0000000000a1", factory: Standard },
            B { clsid: "00000000-0000-0000-0000-0000000000b1", factory: Singleton, threading_model: Both },
            C { clsid: CLSID_C, factory: Licensed, progid: "X.C.1", version_independent_progid: "X.C" },
            D { clsid: "00000000-0000-0000-0000-0000000000d1", factory: Custom(make_d), description: "d" },
        })
        .unwrap()
        .to_string();
        assert!(out.contains("DllGetClassObject"));
        assert!(out.contains("DllCanUnloadNow"));
        assert!(out.contains("DllRegisterServer"));
        assert!(out.contains("DllUnregisterServer"));
        assert!(out.contains("AnyComAttachRuntime"));
        assert!(out.contains("FactoryKind :: Singleton"));
        assert!(out.contains("Licensing :: of :: < C >"));
        assert!(out.contains("make_d"));
    }

    #[test]
    fn rejects_bad_input() {
        let e = |t: TokenStream| expand(t).unwrap_err().to_string();
        assert!(e(quote!()).contains("list the module's classes"));
        assert!(e(quote!(A { factory: Standard })).contains("needs its CLSID"));
        assert!(e(quote!(A { clsid: "nope" })).contains("not a valid CLSID"));
        assert!(
            e(quote!(A {
                clsid: "00000000-0000-0000-0000-0000000000a1",
                factory: Pooled
            }))
            .contains("unknown factory")
        );
        assert!(
            e(quote!(A {
                clsid: "00000000-0000-0000-0000-0000000000a1",
                threading_model: Rental
            }))
            .contains("unknown threading model")
        );
        assert!(
            e(quote!(A {
                clsid: "00000000-0000-0000-0000-0000000000a1",
                colour: "red"
            }))
            .contains("unknown key")
        );
        assert!(
            e(quote!(
                A {
                    clsid: "00000000-0000-0000-0000-0000000000a1"
                },
                B {
                    clsid: "{00000000-0000-0000-0000-0000000000A1}"
                },
            ))
            .contains("already in the map")
        );
        assert!(
            e(quote!(A {
                clsid: "00000000-0000-0000-0000-0000000000a1",
                progid: "1Bad.Start"
            }))
            .contains("cannot start with a digit")
        );
        assert!(
            e(quote!(A {
                clsid: "00000000-0000-0000-0000-0000000000a1",
                progid: "Has_Underscore.1"
            }))
            .contains("letters, digits and periods")
        );
        assert!(
            e(quote!(A {
                clsid: "00000000-0000-0000-0000-0000000000a1",
                version_independent_progid: "X.A"
            }))
            .contains("needs the versioned")
        );
    }
}
