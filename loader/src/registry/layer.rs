//! [`Layer`]: one directory of registry files, and the default stack of
//! layers a process searches.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::sys;

/// The environment variable naming the registry directory that tests, CI and
/// sandboxed hosts use (the second layer searched, and the layer `anycom`
/// writes by default when it is set).
pub const ENV_VAR: &str = "ANYCOM_REGISTRY";

/// The suffix of an application's manifest directory: the manifest of
/// `/opt/app/bin/viewer` (`C:\app\viewer.exe`) is the directory
/// `/opt/app/bin/viewer.anycom/` (`C:\app\viewer.anycom\`).
pub const APP_MANIFEST_SUFFIX: &str = ".anycom";

/// Which kind of layer a directory is; the default search order is the order
/// of the variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LayerKind {
    /// The application's own manifest next to its executable
    /// (registration-free activation).
    App,
    /// The directory named by `ANYCOM_REGISTRY`.
    Env,
    /// The per-user registry.
    User,
    /// The system-wide registry.
    System,
    /// A directory given explicitly (`anycom --registry DIR`, tests).
    Dir,
}

impl fmt::Display for LayerKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LayerKind::App => "app",
            LayerKind::Env => "env",
            LayerKind::User => "user",
            LayerKind::System => "system",
            LayerKind::Dir => "dir",
        })
    }
}

/// One directory of registry files (one `.toml` file per registered module).
///
/// A layer need not exist: a missing directory is an empty layer, and the
/// first write creates it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Layer {
    kind: LayerKind,
    dir: PathBuf,
    relative_base: Option<PathBuf>,
}

impl Layer {
    /// A layer of the given kind in `dir`. A relative `dir` is made absolute
    /// against the current directory now. Relative module paths in its files
    /// are errors.
    pub fn new(kind: LayerKind, dir: impl Into<PathBuf>) -> Layer {
        let dir = dir.into();
        let dir = std::path::absolute(&dir).unwrap_or(dir);
        Layer {
            kind,
            dir,
            relative_base: None,
        }
    }

    /// A layer of kind [`LayerKind::Dir`] in `dir`.
    pub fn dir(dir: impl Into<PathBuf>) -> Layer {
        Layer::new(LayerKind::Dir, dir)
    }

    /// The manifest layer of the application whose executable is `exe`:
    /// `<exe's directory>/<exe's name without extension>.anycom/`. In this
    /// layer only, a relative module path is resolved against the
    /// executable's directory, so an application folder can be moved whole.
    pub fn app_manifest(exe: &Path) -> Layer {
        let exe = std::path::absolute(exe).unwrap_or_else(|_| exe.to_path_buf());
        let base = exe.parent().map(Path::to_path_buf).unwrap_or_default();
        let stem = exe
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        Layer {
            kind: LayerKind::App,
            dir: base.join(format!("{stem}{APP_MANIFEST_SUFFIX}")),
            relative_base: Some(base),
        }
    }

    /// The manifest layer of the running executable, if its path is known.
    pub fn current_app() -> Option<Layer> {
        std::env::current_exe()
            .ok()
            .map(|exe| Layer::app_manifest(&exe))
    }

    /// The layer named by `ANYCOM_REGISTRY`, if the variable is set and not empty.
    pub fn from_env_var() -> Option<Layer> {
        std::env::var_os(ENV_VAR)
            .filter(|v| !v.is_empty())
            .map(|d| Layer::new(LayerKind::Env, d))
    }

    /// The per-user registry: `$XDG_DATA_HOME/anycom/registry` or
    /// `~/.local/share/anycom/registry` on Linux and other Unix systems,
    /// `~/Library/Application Support/anycom/registry` on macOS,
    /// `%APPDATA%\anycom\registry` on Windows. `None` when the home (or
    /// `APPDATA`) directory is unknown.
    pub fn user() -> Option<Layer> {
        sys::user_registry_dir().map(|d| Layer::new(LayerKind::User, d))
    }

    /// The system registry: `/etc/anycom/registry` on Unix,
    /// `%PROGRAMDATA%\anycom\registry` on Windows.
    pub fn system() -> Option<Layer> {
        sys::system_registry_dir().map(|d| Layer::new(LayerKind::System, d))
    }

    /// The layers a process searches, in order (first match wins): the
    /// running executable's manifest, `ANYCOM_REGISTRY`, the per-user
    /// registry, the system registry. Layers whose location is unknown are
    /// left out.
    pub fn default_stack() -> Vec<Layer> {
        [
            Layer::current_app(),
            Layer::from_env_var(),
            Layer::user(),
            Layer::system(),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// The kind of layer.
    pub fn kind(&self) -> LayerKind {
        self.kind
    }

    /// The layer's directory (absolute).
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// The directory relative module paths are resolved against (the
    /// application manifest layer only).
    pub fn relative_base(&self) -> Option<&Path> {
        self.relative_base.as_deref()
    }
}

impl fmt::Display for Layer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} layer {}", self.kind, self.dir.display())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_manifest_sits_next_to_the_executable() {
        let exe = if cfg!(windows) {
            PathBuf::from(r"C:\app\viewer.exe")
        } else {
            PathBuf::from("/opt/app/viewer")
        };
        let l = Layer::app_manifest(&exe);
        assert_eq!(l.kind(), LayerKind::App);
        assert_eq!(l.path(), exe.parent().unwrap().join("viewer.anycom"));
        assert_eq!(l.relative_base(), exe.parent());
    }

    #[test]
    fn relative_dirs_become_absolute() {
        let l = Layer::dir("some/where");
        assert!(l.path().is_absolute());
        assert!(l.path().ends_with("some/where"));
        assert_eq!(l.relative_base(), None);
    }
}
