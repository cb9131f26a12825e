//! `export!`: declares C-ABI exports that forward, one line each, to the
//! function of the same name in `anycom_core::api`.

/// For each `fn Name(args) -> Ret;` generates
///
/// ```ignore
/// #[unsafe(no_mangle)]
/// pub unsafe extern "system" fn Name(args) -> Ret { unsafe { anycom_core::api::Name(args) } }
/// ```
///
/// so the exported symbol has the Windows name and signature, and any
/// routing added to `anycom_core::api` (for example attaching to another
/// module's runtime) applies to libanycom too. The contract of each export
/// is the one documented on `anycom_core::api::Name` and in the header.
macro_rules! export {
    ($( $(#[$m:meta])* fn $name:ident($($arg:ident: $ty:ty),* $(,)?) $(-> $ret:ty)?; )*) => {
        $(
            $(#[$m])*
            ///
            /// # Safety
            #[doc = concat!("As for `anycom_core::api::", stringify!($name), "` (and the C header).")]
            #[unsafe(no_mangle)]
            pub unsafe extern "system" fn $name($($arg: $ty),*) $(-> $ret)? {
                // SAFETY: the caller upholds the contract of the forwarded function, which is this one's.
                unsafe { ::anycom_core::api::$name($($arg),*) }
            }
        )*
    };
}
