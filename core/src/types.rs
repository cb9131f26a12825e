//! The Windows base types with their Windows sizes on every platform.
//!
//! `ULONG`, `LONG`, `DWORD` and `BOOL` are 32-bit everywhere (on LP64 Unix
//! `unsigned long` is 64-bit, which is why the C headers never use it).
#![allow(non_camel_case_types, clippy::upper_case_acronyms)]

/// 32-bit Windows boolean: 0 is false, anything else true.
pub type BOOL = i32;
/// `TRUE`.
pub const TRUE: BOOL = 1;
/// `FALSE`.
pub const FALSE: BOOL = 0;
/// 8-bit unsigned.
pub type BYTE = u8;
/// 16-bit unsigned.
pub type WORD = u16;
/// 32-bit unsigned.
pub type DWORD = u32;
/// 32-bit signed.
pub type LONG = i32;
/// 32-bit unsigned.
pub type ULONG = u32;
/// 32-bit signed.
pub type INT = i32;
/// 32-bit unsigned.
pub type UINT = u32;
/// A UTF-16 code unit: `OLECHAR`/`WCHAR` are 16-bit on every platform.
pub type OLECHAR = u16;
/// A UTF-16 code unit.
pub type WCHAR = u16;
/// A NUL-terminated UTF-16 string.
pub type LPOLESTR = *mut OLECHAR;
/// A NUL-terminated UTF-16 string, read-only.
pub type LPCOLESTR = *const OLECHAR;

const _: () = assert!(core::mem::size_of::<ULONG>() == 4);
const _: () = assert!(core::mem::size_of::<BOOL>() == 4);
