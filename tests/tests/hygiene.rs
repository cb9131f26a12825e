//! Macro hygiene: `#[interface]` and `#[implement]` expand to absolute
//! paths only, so they work in a module without the implicit prelude and
//! with local items that shadow common names.
#![no_implicit_prelude]

mod shadowing {
    // Names a careless expansion might pick up instead of the real ones.
    #[allow(dead_code)]
    struct Result;
    #[allow(dead_code)]
    struct Option;
    #[allow(dead_code)]
    struct Box;
    #[allow(dead_code)]
    trait Clone {}
    #[allow(dead_code, clippy::upper_case_acronyms)]
    struct GUID;

    #[::anycom::interface("0b000000-0000-4000-8000-0000000000a1")]
    pub unsafe trait IHygienic: ::anycom::IUnknown {
        fn Value(&self) -> u32;
        unsafe fn Out(&self, p: *mut u32) -> ::anycom::HRESULT;
        fn Check(&self) -> ::anycom::Result<()>;
    }

    #[::anycom::interface("0b000000-0000-4000-8000-0000000000a2")]
    pub unsafe trait IDerived: IHygienic {
        fn More(&self) -> u32;
    }

    #[::anycom::implement(IDerived)]
    pub struct Clean {
        pub v: u32,
        #[aggregate]
        pub inner: ::anycom::Aggregate,
    }

    impl IHygienic_Impl for Clean_Impl {
        fn Value(&self) -> u32 {
            self.v
        }
        unsafe fn Out(&self, p: *mut u32) -> ::anycom::HRESULT {
            // SAFETY: the caller passes a valid pointer.
            unsafe { *p = self.v };
            ::anycom::S_OK
        }
        fn Check(&self) -> ::anycom::Result<()> {
            ::core::result::Result::Ok(())
        }
    }

    impl IDerived_Impl for Clean_Impl {
        fn More(&self) -> u32 {
            self.v + 1
        }
    }

    pub fn make() -> IDerived {
        ::core::convert::From::from(Clean {
            v: 41,
            inner: ::anycom::Aggregate::new(),
        })
    }
}

#[test]
fn smoke_expansions_are_hygienic() {
    let d = shadowing::make();
    ::std::assert_eq!(d.Value(), 41);
    ::std::assert_eq!(d.More(), 42);
    let mut out = 0u32;
    // SAFETY: out is a valid u32.
    ::std::assert_eq!(unsafe { d.Out(&mut out) }, ::anycom::S_OK);
    ::std::assert_eq!(out, 41);
    ::std::assert!(d.Check().is_ok());
}
