//! The standard interfaces: raw vtables, IIDs and safe pointer types.
