//! # anycom-loader
//!
//! Layer 5 of anycom: finding classes and loading the modules that serve
//! them.
//!
//! - [`registry`]: the class registry, the Windows registry's COM keys
//!   (CLSID → module, threading model, ProgID; ProgID → CLSID; IID → name and
//!   proxy/stub) stored as one TOML file per module in layered directories
//!   (the application's manifest, `ANYCOM_REGISTRY`, per-user, system), with
//!   atomic writes and cached lookups that notice other processes' changes.
//!   The format is described in `loader/REGISTRY.md`.
//! - [`loader`]: the runtime's class source over the registry: loading
//!   in-process server modules with `libloading` (once per canonical path,
//!   attached to this process's runtime), handing out their class objects,
//!   unloading them (`CoFreeUnusedLibraries`), and recording what a module's
//!   `DllRegisterServer` registers. [`install`] makes it the process's
//!   class source.

#![warn(missing_docs)]

pub mod loader;
pub mod registry;
mod sys;

pub use loader::{LoadError, Loader, LoaderStats, UnloadReport, install, installed};
pub use registry::{
    ClassEntry, ClassRegistration, InterfaceEntry, InterfaceRegistration, Layer, LayerKind,
    ModuleEntry, Registry, RegistryError, ThreadingModel,
};
