//! The registry's data model, after the Windows registry's:
//! `HKCR\CLSID\{clsid}` (InprocServer32, ThreadingModel, ProgID,
//! VersionIndependentProgID, the default value as description),
//! `HKCR\<ProgID>` (CLSID, CurVer) and `HKCR\Interface\{iid}` (name,
//! ProxyStubClsid32).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anycom::{CLSID, GUID, IID};

use super::layer::LayerKind;

/// The class description and threading model are the runtime's own types
/// (`anycom::runtime::source`), so what a registry lookup returns is what the
/// runtime's `ClassSource` speaks.
pub use anycom::runtime::source::{
    ClassRegistration, ServerRegistration, ThreadingModel, ThreadingModelParseError,
};

/// A class with no ProgID, no description, in the main STA.
pub fn class_registration(clsid: CLSID) -> ClassRegistration {
    ClassRegistration {
        clsid,
        threading_model: ThreadingModel::Main,
        progid: None,
        version_independent_progid: None,
        description: None,
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

/// What a module's `DllRegisterServer` hands the runtime's class source.
impl From<ServerRegistration> for ModuleEntry {
    fn from(reg: ServerRegistration) -> Self {
        ModuleEntry {
            module: reg.module_path,
            classes: reg.classes,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_registration_becomes_a_module_entry() {
        let clsid = GUID::parse("6B29FC40-CA47-1067-B31D-00DD010662DA");
        let reg = ServerRegistration {
            module_path: PathBuf::from("/m/libx.so"),
            classes: vec![class_registration(clsid)],
        };
        let e = ModuleEntry::from(reg);
        assert_eq!(e.module, Path::new("/m/libx.so"));
        assert_eq!(e.classes, vec![class_registration(clsid)]);
        assert!(e.interfaces.is_empty());
        assert_eq!(e.classes[0].threading_model, ThreadingModel::Main);
    }
}
