//! [`LoadError`]: what can go wrong between a CLSID and its class object,
//! each variant naming the step and the module, and the `HRESULT` a COM
//! caller sees for it.

use std::path::PathBuf;
use std::sync::Arc;

use anycom::{
    CLSID, CO_E_DLLNOTFOUND, CO_E_ERRORINDLL, CO_E_WRONGOSFORAPP, ERROR_BAD_EXE_FORMAT_HR, HRESULT,
    REGDB_E_CLASSNOTREG,
};

use super::binary_format::Format;

/// Why a class object could not be produced.
///
/// [`LoadError::hresult`] is what `CoGetClassObject`/`CoCreateInstance`
/// return; the `Display` text becomes the error's message (and the thread's
/// error info).
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// No layer of the registry has the class (`REGDB_E_CLASSNOTREG`).
    #[error(
        "class {clsid} is not registered (searched: {searched}); register its module with \
         `anycom register <module>`"
    )]
    NotRegistered {
        /// The class.
        clsid: CLSID,
        /// The registry directories searched, for the message.
        searched: String,
    },

    /// The class is registered, but not for any context the caller asked
    /// for (`REGDB_E_CLASSNOTREG`): only in-process servers are known.
    #[error(
        "class {clsid} is registered only as an in-process server (InprocServer32), and the \
         caller asked for CLSCTX {clsctx:#x}, which excludes CLSCTX_INPROC_SERVER"
    )]
    ContextNotRegistered {
        /// The class.
        clsid: CLSID,
        /// The `CLSCTX` asked for.
        clsctx: u32,
    },

    /// The registered module path is not absolute (`CO_E_DLLNOTFOUND`): the
    /// loader never searches for a bare name.
    #[error("module path {} is not absolute; only absolute registered paths are loaded", path.display())]
    RelativePath {
        /// The path as registered.
        path: PathBuf,
    },

    /// The module file does not exist or cannot be reached
    /// (`CO_E_DLLNOTFOUND`).
    #[error("module {}: cannot find the file: {source}", path.display())]
    Missing {
        /// The module path.
        path: PathBuf,
        /// Why.
        #[source]
        source: Arc<std::io::Error>,
    },

    /// The module is a library for another operating system
    /// (`CO_E_WRONGOSFORAPP`).
    #[error(
        "module {}: loading failed: the file is a {found} library for {} ({arch}), and this \
         process runs on {} ({host_arch}), which loads {} libraries",
        path.display(), found.platform(), Format::host().platform(), Format::host(),
        arch = arches.join(", "), host_arch = std::env::consts::ARCH
    )]
    WrongOs {
        /// The module path.
        path: PathBuf,
        /// The file's format.
        found: Format,
        /// The architectures it holds.
        arches: Vec<String>,
    },

    /// The module is built for another architecture
    /// (`HRESULT_FROM_WIN32(ERROR_BAD_EXE_FORMAT)`).
    #[error(
        "module {}: loading failed: the file is built for {arch} and this process is {host_arch}; \
         rebuild the module for {host_arch}",
        path.display(), arch = arches.join(", "), host_arch = std::env::consts::ARCH
    )]
    WrongArchitecture {
        /// The module path.
        path: PathBuf,
        /// The architectures the file holds.
        arches: Vec<String>,
    },

    /// The dynamic loader refused the module for another reason: not a
    /// shared library, a missing dependency, an unresolved symbol
    /// (`CO_E_DLLNOTFOUND`).
    #[error("module {}: loading failed: {reason}", path.display())]
    Open {
        /// The module path.
        path: PathBuf,
        /// The dynamic loader's message, with what the loader found in the file.
        reason: String,
    },

    /// The module lacks a required export (`CO_E_ERRORINDLL`).
    #[error(
        "module {}: it does not export {symbol}, so it is not an in-process COM server \
         (an anycom::object_map! or a C `{symbol}` function exports it)",
        path.display()
    )]
    MissingExport {
        /// The module path.
        path: PathBuf,
        /// The missing export.
        symbol: &'static str,
    },

    /// The module's `AnyComAttachRuntime` refused this process's runtime
    /// (its `HRESULT` passed through).
    #[error(
        "module {}: AnyComAttachRuntime failed with {code}: the module's copy of the anycom \
         runtime cannot share this process's runtime",
        path.display()
    )]
    Attach {
        /// The module path.
        path: PathBuf,
        /// What the export returned.
        code: HRESULT,
    },

    /// One of the module's exports returned a failure (passed through).
    #[error("module {}: {symbol} failed with {code}{}", path.display(), detail.as_deref().map(|d| format!(": {d}")).unwrap_or_default())]
    Export {
        /// The module path.
        path: PathBuf,
        /// The export called.
        symbol: &'static str,
        /// What it returned.
        code: HRESULT,
        /// The module's own message (its error info), if it left one.
        detail: Option<String>,
    },

    /// The module called back into the loader for itself while it was being
    /// loaded or asked `DllCanUnloadNow` (`CO_E_ERRORINDLL`).
    #[error(
        "module {}: activation of a class of this module was requested from the module's own \
         {step}, on the thread running it; that cannot complete",
        path.display()
    )]
    Reentrant {
        /// The module path.
        path: PathBuf,
        /// "initialisation" or "DllCanUnloadNow".
        step: &'static str,
    },
}

impl LoadError {
    /// The `HRESULT` a COM caller sees.
    pub fn hresult(&self) -> HRESULT {
        match self {
            LoadError::NotRegistered { .. } | LoadError::ContextNotRegistered { .. } => {
                REGDB_E_CLASSNOTREG
            }
            LoadError::RelativePath { .. } | LoadError::Missing { .. } | LoadError::Open { .. } => {
                CO_E_DLLNOTFOUND
            }
            LoadError::WrongOs { .. } => CO_E_WRONGOSFORAPP,
            LoadError::WrongArchitecture { .. } => ERROR_BAD_EXE_FORMAT_HR,
            LoadError::MissingExport { .. } | LoadError::Reentrant { .. } => CO_E_ERRORINDLL,
            LoadError::Attach { code, .. } | LoadError::Export { code, .. } => *code,
        }
    }

    /// The module this error is about, if any.
    pub fn module(&self) -> Option<&std::path::Path> {
        match self {
            LoadError::NotRegistered { .. } | LoadError::ContextNotRegistered { .. } => None,
            LoadError::RelativePath { path }
            | LoadError::Missing { path, .. }
            | LoadError::WrongOs { path, .. }
            | LoadError::WrongArchitecture { path, .. }
            | LoadError::Open { path, .. }
            | LoadError::MissingExport { path, .. }
            | LoadError::Attach { path, .. }
            | LoadError::Export { path, .. }
            | LoadError::Reentrant { path, .. } => Some(path),
        }
    }

    /// The `anycom::Error` for a COM caller: the `HRESULT` and this message,
    /// prefixed with `context` (which class was being activated).
    pub fn to_com_error(&self, context: &str) -> anycom::Error {
        let message = if context.is_empty() {
            self.to_string()
        } else {
            format!("{context}: {self}")
        };
        anycom::Error::new(self.hresult(), message)
    }
}

impl From<LoadError> for anycom::Error {
    fn from(e: LoadError) -> anycom::Error {
        e.to_com_error("")
    }
}
