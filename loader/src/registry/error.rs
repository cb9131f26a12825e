//! [`RegistryError`]: everything that can go wrong reading or writing the
//! registry, each variant naming the step and the file.

use std::fmt;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;

/// A place in a registry file: the file and the 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The registry file.
    pub path: PathBuf,
    /// The 1-based line of the entry in that file.
    pub line: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.path.display(), self.line)
    }
}

/// An error of the class registry.
///
/// Errors about one file ([`Parse`](RegistryError::Parse),
/// [`TooLarge`](RegistryError::TooLarge), [`Io`](RegistryError::Io) on a read)
/// make lookups skip that file only; the registry keeps them in
/// [`Registry::problems`](crate::registry::Registry::problems) so that the
/// runtime can log them and `anycom list` can show them.
///
/// `Clone` (the I/O source is shared behind an `Arc`) so that the same list
/// of problems can be handed out many times.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum RegistryError {
    /// A registry file is malformed: not UTF-8, not TOML, a value of the wrong
    /// type, a missing or unknown key, a CLSID that does not parse, a
    /// relative module path, an unknown threading model, a value over its
    /// size limit. Lines and columns are 1-based; the column counts
    /// characters.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Parse {
        /// The registry file.
        path: PathBuf,
        /// 1-based line of the offending text.
        line: usize,
        /// 1-based column (in characters) of the offending text.
        column: usize,
        /// What is wrong, and what is expected instead.
        message: String,
    },

    /// A registry file is larger than [`MAX_FILE_SIZE`](crate::registry::MAX_FILE_SIZE);
    /// it is not read at all.
    #[error(
        "{}: the file is {size} bytes, over the {limit}-byte limit for a registry file \
         (one registry file describes one module); it was not read",
        path.display()
    )]
    TooLarge {
        /// The registry file.
        path: PathBuf,
        /// Its size in bytes (at least `limit + 1`).
        size: u64,
        /// The limit.
        limit: u64,
    },

    /// An I/O step failed on a file or directory of the registry.
    #[error("cannot {op} {}: {source}", path.display())]
    Io {
        /// The step: "read", "list", "lock", "write", "remove", "create", "stat".
        op: &'static str,
        /// The file or directory.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: Arc<io::Error>,
    },

    /// Two files of the same layer register the same CLSID, ProgID or IID.
    /// The file whose name sorts first (byte order) wins; the other file's
    /// entry is ignored, its other entries still count.
    #[error(
        "{what} is registered twice in the same layer: {ignored} is ignored, {kept} wins \
         (the file whose name sorts first wins); unregister or delete one of them"
    )]
    Duplicate {
        /// What is duplicated, e.g. `CLSID {…}`, `ProgID Foo.Bar.1`, `IID {…}`.
        what: String,
        /// The entry that is used.
        kept: Location,
        /// The entry that is ignored.
        ignored: Location,
    },

    /// The module to register or unregister does not exist or its path
    /// cannot be made canonical.
    #[error("module {}: {source}; give the path of an existing shared library", module.display())]
    ModuleNotFound {
        /// The path as given.
        module: PathBuf,
        /// Why it cannot be resolved.
        #[source]
        source: Arc<io::Error>,
    },

    /// A registration asked of the registry is invalid (an empty or
    /// malformed ProgID, a path that is not UTF-8, a CLSID listed twice…).
    #[error("cannot register {}: {message}", module.display())]
    InvalidRegistration {
        /// The module being registered.
        module: PathBuf,
        /// What is wrong.
        message: String,
    },

    /// `unregister` found no file for the module in the layer.
    #[error("{} is not registered in {}", module.display(), layer.display())]
    NotRegistered {
        /// The module.
        module: PathBuf,
        /// The layer directory searched.
        layer: PathBuf,
    },
}

impl RegistryError {
    pub(crate) fn io(op: &'static str, path: impl Into<PathBuf>, source: io::Error) -> Self {
        RegistryError::Io {
            op,
            path: path.into(),
            source: Arc::new(source),
        }
    }

    /// The registry file or directory this error is about, if any.
    pub fn path(&self) -> Option<&std::path::Path> {
        match self {
            RegistryError::Parse { path, .. }
            | RegistryError::TooLarge { path, .. }
            | RegistryError::Io { path, .. } => Some(path),
            RegistryError::Duplicate { ignored, .. } => Some(&ignored.path),
            RegistryError::NotRegistered { layer, .. } => Some(layer),
            RegistryError::ModuleNotFound { .. } | RegistryError::InvalidRegistration { .. } => {
                None
            }
        }
    }

    /// The 1-based line this error points at, if it points at one.
    pub fn line(&self) -> Option<usize> {
        match self {
            RegistryError::Parse { line, .. } => Some(*line),
            RegistryError::Duplicate { ignored, .. } => Some(ignored.line),
            _ => None,
        }
    }
}
