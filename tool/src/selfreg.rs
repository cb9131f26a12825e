//! Running a module's own registration code, as `regsvr32` does: a loader
//! writing to the chosen layer is installed as this process's class source,
//! the module is loaded (and attached to this process's runtime, so that
//! its `DllRegisterServer` reaches that class source) and the export runs.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anycom_loader::registry::{Layer, ModuleEntry, Registry};
use anycom_loader::{LoadError, Loader};

/// A loader over `layer` alone, writing registrations to it, installed as
/// the process's class source.
pub fn install_loader(layer: &Layer) -> Arc<Loader> {
    let registry = Arc::new(Registry::with_layers(vec![layer.clone()]));
    let loader = Arc::new(Loader::new(registry, Some(layer.clone())));
    anycom::runtime::set_class_source(loader.clone());
    loader
}

/// The registry files of the layer naming `module` (canonical), with what
/// each registers.
pub fn registrations_of(layer: &Layer, module: &Path) -> Vec<(PathBuf, ModuleEntry)> {
    let (modules, _) = layer.read_modules();
    modules
        .into_iter()
        .filter(|(_, m)| m.module == module)
        .collect()
}

/// The registry files of the layer naming `module`.
pub fn files_naming(layer: &Layer, module: &Path) -> Vec<PathBuf> {
    registrations_of(layer, module)
        .into_iter()
        .map(|(f, _)| f)
        .collect()
}

/// A load or export failure as a message a person can act on.
pub fn explain(e: &LoadError, export: &str) -> String {
    let mut m = match e {
        // These messages already say the code.
        LoadError::Export { .. } | LoadError::Attach { .. } => e.to_string(),
        _ => format!("{e} [{}]", e.hresult()),
    };
    match e {
        LoadError::Export { code, .. } if *code == anycom::SELFREG_E_CLASS => m.push_str(
            "\n  hint: the module could not reach this tool's registry; a Rust module needs the \
             AnyComAttachRuntime export (anycom::object_map! generates it), a C/C++ module must \
             link libanycom and call AnyComRegisterServer. Or describe each class instead: \
             anycom register <module> --clsid <GUID>",
        ),
        LoadError::MissingExport { .. } => m.push_str(&format!(
            "\n  hint: without {export}, describe each class instead: \
             anycom register <module> --clsid <GUID> [--threading-model MODEL] [--progid NAME]"
        )),
        _ => {}
    }
    m
}
