//! The class source: where activation looks for a class that is not in the
//! class table. The registry and the shared-library loader plug in here, so
//! the runtime (and its tests) never need to load a library themselves.
//!
//! With no source installed, a class that is not registered with
//! `CoRegisterClassObject` is `REGDB_E_CLASSNOTREG`.

use crate::error::Result;
use crate::guid::GUID;
use crate::unknown::IUnknown;
use core::fmt;
use core::str::FromStr;
use std::sync::{Arc, RwLock};

/// Where an in-process server wants its objects created: the registry's
/// `ThreadingModel` value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum ThreadingModel {
    /// No `ThreadingModel` value: the class lives in the main STA.
    #[default]
    Main,
    /// `Apartment`: created in an STA (the caller's, or a host STA).
    Apartment,
    /// `Free`: created in the MTA.
    Free,
    /// `Both`: created in the caller's apartment, whatever it is.
    Both,
    /// `Neutral`: the neutral apartment.
    Neutral,
}

impl ThreadingModel {
    /// The value to write under `ThreadingModel` in the registry: `None` for
    /// [`ThreadingModel::Main`], which is written by leaving the value out.
    pub const fn registry_value(self) -> Option<&'static str> {
        match self {
            ThreadingModel::Main => None,
            ThreadingModel::Apartment => Some("Apartment"),
            ThreadingModel::Free => Some("Free"),
            ThreadingModel::Both => Some("Both"),
            ThreadingModel::Neutral => Some("Neutral"),
        }
    }
}

/// `Apartment`, `Free`, `Both`, `Neutral` (the registry spellings), and
/// `Main` for the model the registry writes by omitting the value.
impl fmt::Display for ThreadingModel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.registry_value().unwrap_or("Main"))
    }
}

/// Why a string is not a `ThreadingModel`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThreadingModelParseError(pub String);

impl fmt::Display for ThreadingModelParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown ThreadingModel {:?} (expected Apartment, Free, Both, Neutral, or nothing)",
            self.0
        )
    }
}

impl std::error::Error for ThreadingModelParseError {}

/// Parses the registry spellings. Windows compares them case-insensitively,
/// and so does this; `""`, `"Main"` and `"Single"` (the old synonym) mean `Main`.
impl FromStr for ThreadingModel {
    type Err = ThreadingModelParseError;
    fn from_str(s: &str) -> core::result::Result<Self, Self::Err> {
        let t = s.trim();
        Ok(
            if t.is_empty() || t.eq_ignore_ascii_case("single") || t.eq_ignore_ascii_case("main") {
                ThreadingModel::Main
            } else if t.eq_ignore_ascii_case("apartment") {
                ThreadingModel::Apartment
            } else if t.eq_ignore_ascii_case("free") {
                ThreadingModel::Free
            } else if t.eq_ignore_ascii_case("both") {
                ThreadingModel::Both
            } else if t.eq_ignore_ascii_case("neutral") {
                ThreadingModel::Neutral
            } else {
                return Err(ThreadingModelParseError(s.to_owned()));
            },
        )
    }
}

/// A class object a source produced, with the threading model its
/// registration declares.
///
/// Today activation creates every object in the caller's apartment whatever
/// the model says; placing objects by model needs cross-apartment proxies
/// (a later issue), and the model is carried here so that step slots in.
#[derive(Clone, Debug)]
pub struct ClassObject {
    /// The class object (normally an `IClassFactory`), one reference owned.
    pub object: IUnknown,
    /// The class's declared threading model.
    pub threading_model: ThreadingModel,
}

/// One class of a server, as a registry records it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClassRegistration {
    /// The class identifier.
    pub clsid: GUID,
    /// The `ThreadingModel` value.
    pub threading_model: ThreadingModel,
    /// The versioned ProgID (`Vendor.Thing.1`), if any.
    pub progid: Option<String>,
    /// The version-independent ProgID (`Vendor.Thing`), if any.
    pub version_independent_progid: Option<String>,
    /// The class's description (the `CLSID\{...}` default value), if any.
    pub description: Option<String>,
}

/// An in-process server module and the classes it serves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerRegistration {
    /// The module's path (absolute and canonical).
    pub module_path: std::path::PathBuf,
    /// The classes the module serves.
    pub classes: Vec<ClassRegistration>,
}

/// Where classes come from and go to: the registry and loader plug in here.
///
/// Activation asks the installed source (see [`set_class_source`]) for a
/// class that is not in the class table. Methods are called on the
/// activating thread, from any thread, possibly concurrently.
pub trait ClassSource: Send + Sync + 'static {
    /// The class object of `clsid` for a `CLSCTX_*` context. An unknown
    /// class is `Err(REGDB_E_CLASSNOTREG)`; a missing module
    /// `CO_E_DLLNOTFOUND`; a module without `DllGetClassObject`
    /// `CO_E_ERRORINDLL`.
    fn get_class_object(&self, clsid: &GUID, clsctx: u32) -> Result<ClassObject>;
    /// The CLSID a ProgID names; `CO_E_CLASSSTRING` when unknown (as Windows).
    fn clsid_from_progid(&self, progid: &str) -> Result<GUID>;
    /// The ProgID of a class; `REGDB_E_CLASSNOTREG` when it has none.
    fn progid_from_clsid(&self, clsid: &GUID) -> Result<String>;
    /// Unloads modules that say they can be unloaded and have been unused
    /// for at least `delay` (`CoFreeUnusedLibrariesEx`). The default does nothing.
    fn free_unused_libraries(&self, delay: std::time::Duration) {
        let _ = delay;
    }
    /// Records a server's classes (what `DllRegisterServer` or
    /// `anycom register` does).
    fn register_server(&self, reg: &ServerRegistration) -> Result<()>;
    /// Removes every class a module serves.
    fn unregister_server(&self, module_path: &std::path::Path) -> Result<()>;

    /// Whether the runtime may keep the class objects this source returns
    /// and reuse them for later in-process activations of the same CLSID
    /// (the fast path of `CoCreateInstance`). Only objects asked for from
    /// the MTA (or the implicit MTA) are kept, so a source has always seen
    /// a kept class used from the MTA; activations from an STA keep asking. A source that answers `true`
    /// must call [`forget_source_objects`](super::class_table::forget_source_objects)
    /// before it unloads anything or stops serving a class, and then wait
    /// for the runtime's references to go (they go at once unless an
    /// activation is in flight). The default is `false`.
    fn cache_class_objects(&self) -> bool {
        false
    }
}

static SOURCE: RwLock<Option<Arc<dyn ClassSource>>> = RwLock::new(None);

/// Installs `source` as the process's class source, replacing any previous one.
pub fn set_class_source(source: Arc<dyn ClassSource>) {
    let old = SOURCE
        .write()
        .unwrap_or_else(|e| e.into_inner())
        .replace(source);
    super::class_table::forget_source_objects();
    drop(old);
}

/// Removes the installed class source and returns it (activation then finds
/// only the class table).
pub fn clear_class_source() -> Option<Arc<dyn ClassSource>> {
    let old = SOURCE.write().unwrap_or_else(|e| e.into_inner()).take();
    super::class_table::forget_source_objects();
    old
}

/// The installed class source, if any.
///
/// In a copy of anycom attached to another runtime (see
/// [`attach`](super::attach)), this is a source that forwards every call to
/// the host runtime.
pub fn class_source() -> Option<Arc<dyn ClassSource>> {
    if let Some(rt) = super::attach::attached() {
        return Some(super::attach::routed_source(rt));
    }
    SOURCE.read().unwrap_or_else(|e| e.into_inner()).clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threading_model_spellings() {
        for m in [
            ThreadingModel::Main,
            ThreadingModel::Apartment,
            ThreadingModel::Free,
            ThreadingModel::Both,
            ThreadingModel::Neutral,
        ] {
            assert_eq!(m.to_string().parse::<ThreadingModel>().unwrap(), m);
        }
        assert_eq!(
            "apartment".parse::<ThreadingModel>().unwrap(),
            ThreadingModel::Apartment
        );
        assert_eq!(
            "BOTH".parse::<ThreadingModel>().unwrap(),
            ThreadingModel::Both
        );
        assert_eq!(
            "Single".parse::<ThreadingModel>().unwrap(),
            ThreadingModel::Main
        );
        assert_eq!(ThreadingModel::Free.to_string(), "Free");
        assert_eq!(ThreadingModel::Main.to_string(), "Main");
        assert_eq!("".parse::<ThreadingModel>().unwrap(), ThreadingModel::Main);
        assert_eq!(ThreadingModel::Main.registry_value(), None);
        assert!("Rental".parse::<ThreadingModel>().is_err());
    }
}
