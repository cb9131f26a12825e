//! The registry's data model, after the Windows registry's:
//! `HKCR\CLSID\{clsid}` (InprocServer32, ThreadingModel, ProgID,
//! VersionIndependentProgID, the default value as description),
//! `HKCR\<ProgID>` (CLSID, CurVer) and `HKCR\Interface\{iid}` (name,
//! ProxyStubClsid32).

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;

use anycom::{CLSID, GUID, IID};

use super::layer::LayerKind;

/// Where an in-process object may live, from the class's `ThreadingModel`
/// registry value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ThreadingModel {
    /// No `ThreadingModel` value: the object lives in the main STA.
    #[default]
    Main,
    /// `ThreadingModel=Apartment`: any STA.
    Apartment,
    /// `ThreadingModel=Free`: the MTA.
    Free,
    /// `ThreadingModel=Both`: the creator's apartment, STA or MTA.
    Both,
    /// `ThreadingModel=Neutral`: the neutral apartment.
    Neutral,
}

impl ThreadingModel {
    /// The registry value: `None` for [`Main`](ThreadingModel::Main) (the value is absent).
    pub fn registry_value(self) -> Option<&'static str> {
        match self {
            ThreadingModel::Main => None,
            ThreadingModel::Apartment => Some("Apartment"),
            ThreadingModel::Free => Some("Free"),
            ThreadingModel::Both => Some("Both"),
            ThreadingModel::Neutral => Some("Neutral"),
        }
    }
}

/// `"Main"` for the absent value, else the registry value.
impl fmt::Display for ThreadingModel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.registry_value().unwrap_or("Main"))
    }
}

/// A string that is not one of the registry's threading models.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreadingModelParseError(pub String);

impl fmt::Display for ThreadingModelParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown threading model {:?}: expected Apartment, Free, Both or Neutral \
             (leave it out for the main STA)",
            self.0
        )
    }
}

impl std::error::Error for ThreadingModelParseError {}

/// Parses a registry value: `Apartment`, `Free`, `Both` or `Neutral`, in any
/// case (COM compares the value case-insensitively). The main STA is the
/// absence of a value and has no string.
impl FromStr for ThreadingModel {
    type Err = ThreadingModelParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [
            ThreadingModel::Apartment,
            ThreadingModel::Free,
            ThreadingModel::Both,
            ThreadingModel::Neutral,
        ]
        .into_iter()
        .find(|m| {
            m.registry_value()
                .is_some_and(|v| v.eq_ignore_ascii_case(s))
        })
        .ok_or_else(|| ThreadingModelParseError(s.to_owned()))
    }
}

/// One class of a module, as the module registers it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ClassRegistration {
    /// The class identifier.
    pub clsid: CLSID,
    /// `ThreadingModel`.
    pub threading_model: ThreadingModel,
    /// `ProgID`, the versioned programmatic identifier (`Company.Thing.1`).
    pub progid: Option<String>,
    /// `VersionIndependentProgID` (`Company.Thing`); its `CurVer` is `progid`.
    pub version_independent_progid: Option<String>,
    /// The class's description (the key's default value on Windows).
    pub description: Option<String>,
}

impl ClassRegistration {
    /// A class with no ProgID, no description, in the main STA.
    pub fn new(clsid: CLSID) -> Self {
        ClassRegistration {
            clsid,
            ..Default::default()
        }
    }
}

/// One interface, as a proxy/stub module registers it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InterfaceRegistration {
    /// The interface identifier.
    pub iid: IID,
    /// The interface's name (`HKCR\Interface\{iid}`'s default value).
    pub name: String,
    /// `ProxyStubClsid32`: the class implementing its proxy and stub.
    pub proxy_stub_clsid: Option<CLSID>,
}

/// Everything one module registers: the content of one registry file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ModuleEntry {
    /// The module (`InprocServer32`): an absolute path.
    pub module: PathBuf,
    /// The classes it serves.
    pub classes: Vec<ClassRegistration>,
    /// The interfaces it registers.
    pub interfaces: Vec<InterfaceRegistration>,
}

impl ModuleEntry {
    /// A module with no classes and no interfaces yet.
    pub fn new(module: impl Into<PathBuf>) -> Self {
        ModuleEntry {
            module: module.into(),
            classes: Vec::new(),
            interfaces: Vec::new(),
        }
    }
}

/// Where an entry came from: its layer and its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The kind of layer.
    pub layer: LayerKind,
    /// The layer's directory.
    pub layer_dir: Arc<Path>,
    /// The registry file.
    pub file: Arc<Path>,
    /// The 1-based line where the entry starts.
    pub line: usize,
}

/// A registered class, as a lookup finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassEntry {
    /// The class identifier.
    pub clsid: CLSID,
    /// `InprocServer32`: the absolute path of the module serving it.
    pub module: Arc<Path>,
    /// `ThreadingModel`.
    pub threading_model: ThreadingModel,
    /// `ProgID`.
    pub progid: Option<String>,
    /// `VersionIndependentProgID`.
    pub version_independent_progid: Option<String>,
    /// The description.
    pub description: Option<String>,
    /// The layer and file it came from.
    pub origin: Origin,
}

impl ClassEntry {
    /// The class as its module registered it (without the module path).
    pub fn registration(&self) -> ClassRegistration {
        ClassRegistration {
            clsid: self.clsid,
            threading_model: self.threading_model,
            progid: self.progid.clone(),
            version_independent_progid: self.version_independent_progid.clone(),
            description: self.description.clone(),
        }
    }
}

/// A registered interface, as a lookup finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InterfaceEntry {
    /// The interface identifier.
    pub iid: IID,
    /// Its name.
    pub name: String,
    /// `ProxyStubClsid32`.
    pub proxy_stub_clsid: Option<GUID>,
    /// The module whose file registered it.
    pub module: Arc<Path>,
    /// The layer and file it came from.
    pub origin: Origin,
}

/// One line of [`Registry::list`](super::Registry::list): a class of some
/// layer, and whether lookups use it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedClass {
    /// The class.
    pub entry: Arc<ClassEntry>,
    /// `false` when an earlier layer registers the same CLSID, or another file
    /// of the same layer wins the duplicate (see [`RegistryError::Duplicate`](super::RegistryError::Duplicate)).
    pub effective: bool,
}
