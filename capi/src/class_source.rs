//! Where libanycom's activations find classes: the registry and loader
//! (`anycom_loader`), installed as the runtime's class source at first use.
//!
//! When libanycom is loaded, a constructor (an `.init_array` entry, or the
//! platform's equivalent) puts [`InstallOnFirstUse`] in place as the class
//! source, unless one is installed already. Its first call builds the
//! process's loader with `anycom_loader::install()` (which replaces it as
//! the class source) and forwards; from then on the runtime talks to the
//! loader directly. So the registry is read, and `ANYCOM_REGISTRY` consulted,
//! when a C program first activates a class, looks up a ProgID or registers
//! a server, not when the library is loaded: a program may still set
//! `ANYCOM_REGISTRY` in `main` before its first COM call.

use anycom_core::runtime::source::{
    ClassObject, ClassSource, ServerRegistration, class_source, set_class_source,
};
use anycom_core::{GUID, Result};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// The class source in place until the first call: installs the loader
/// and forwards every call to it.
pub struct InstallOnFirstUse;

impl ClassSource for InstallOnFirstUse {
    fn get_class_object(&self, clsid: &GUID, clsctx: u32) -> Result<ClassObject> {
        anycom_loader::install().get_class_object(clsid, clsctx)
    }
    fn clsid_from_progid(&self, progid: &str) -> Result<GUID> {
        anycom_loader::install().clsid_from_progid(progid)
    }
    fn progid_from_clsid(&self, clsid: &GUID) -> Result<String> {
        anycom_loader::install().progid_from_clsid(clsid)
    }
    fn free_unused_libraries(&self, delay: Duration) {
        // Nothing can be loaded before the loader exists.
        if let Some(loader) = anycom_loader::installed() {
            loader.free_unused_libraries(delay);
        }
    }
    fn register_server(&self, reg: &ServerRegistration) -> Result<()> {
        anycom_loader::install().register_server(reg)
    }
    fn unregister_server(&self, module_path: &Path) -> Result<()> {
        anycom_loader::install().unregister_server(module_path)
    }
}

/// Runs when libanycom is loaded: puts [`InstallOnFirstUse`] in place
/// unless a class source is installed already. Does no I/O.
extern "C" fn on_load() {
    // A panic must not unwind out of a loader constructor.
    let _ = std::panic::catch_unwind(|| {
        if class_source().is_none() {
            set_class_source(Arc::new(InstallOnFirstUse));
        }
    });
}

/// The constructor entry: the dynamic loader calls the functions listed in
/// this section when it loads the library, before `dlopen` returns (or
/// before `main` for a library the program is linked with).
#[used]
#[cfg_attr(
    any(
        target_os = "linux",
        target_os = "android",
        target_os = "freebsd",
        target_os = "netbsd",
        target_os = "openbsd"
    ),
    unsafe(link_section = ".init_array")
)]
#[cfg_attr(
    target_vendor = "apple",
    unsafe(link_section = "__DATA,__mod_init_func")
)]
#[cfg_attr(windows, unsafe(link_section = ".CRT$XCU"))]
static ON_LOAD: extern "C" fn() = on_load;
