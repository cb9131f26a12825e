//! The standard IIDs as exported data, as `uuid.lib` provides them on
//! Windows: the headers declare them `extern const IID` (`GUID_NULL` in
//! `cguid.h`; `IID_NULL` and `CLSID_NULL` are macros naming `GUID_NULL`).
#![allow(non_upper_case_globals)]

use anycom_core::GUID;

macro_rules! export_iids {
    ($( $name:ident = $value:expr; )*) => {
        $(
            #[doc = concat!("`", stringify!($name), "`.")]
            #[unsafe(no_mangle)]
            pub static $name: GUID = $value;
        )*
    };
}

export_iids! {
    GUID_NULL = GUID::NULL;
    IID_IUnknown = anycom_core::IID_IUnknown;
    IID_IClassFactory = anycom_core::IID_IClassFactory;
    IID_IClassFactory2 = anycom_core::IID_IClassFactory2;
    IID_IMalloc = anycom_core::IID_IMalloc;
    IID_IErrorInfo = anycom_core::IID_IErrorInfo;
    IID_ICreateErrorInfo = anycom_core::IID_ICreateErrorInfo;
    IID_ISupportErrorInfo = anycom_core::IID_ISupportErrorInfo;
    IID_IEnumUnknown = anycom_core::IID_IEnumUnknown;
}
