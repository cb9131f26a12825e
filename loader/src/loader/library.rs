//! One in-process server module opened with `libloading`: loading it from
//! an absolute path, attaching it to this process's runtime, and resolving
//! the COM exports, each failure a [`LoadError`] naming the step.

use std::ffi::c_void;
use std::path::{Path, PathBuf};

use anycom::runtime::attach::{ATTACH_EXPORT, AttachFn, runtime_table};
use anycom::{GUID, HRESULT};

use super::binary_format::{self, Format};
use super::error::LoadError;

/// `HRESULT DllGetClassObject(REFCLSID, REFIID, void**)`.
pub type DllGetClassObjectFn =
    unsafe extern "system" fn(*const GUID, *const GUID, *mut *mut c_void) -> HRESULT;
/// `DllCanUnloadNow`, `DllRegisterServer`, `DllUnregisterServer`: `HRESULT f(void)`.
pub type DllFn = unsafe extern "system" fn() -> HRESULT;

/// A loaded module. Dropping it closes the library (`dlclose`,
/// `FreeLibrary`), which may or may not unmap it (see design.md §5): nothing
/// resolved from it may be used afterwards.
pub(crate) struct Library {
    path: PathBuf,
    lib: libloading::Library,
}

impl Library {
    /// Loads the module at `path` (which must be absolute: no search path is
    /// ever consulted) and attaches it to this process's runtime through its
    /// optional `AnyComAttachRuntime` export.
    ///
    /// Loading runs the module's initialisers; no lock of the loader or the
    /// runtime is held by the caller while this runs.
    pub(crate) fn open(path: &Path) -> Result<Library, LoadError> {
        if !path.is_absolute() {
            return Err(LoadError::RelativePath {
                path: path.to_path_buf(),
            });
        }
        match std::fs::metadata(path) {
            Ok(m) if m.is_file() => {}
            Ok(_) => {
                return Err(LoadError::Open {
                    path: path.to_path_buf(),
                    reason: "this is a directory, not a shared library".into(),
                });
            }
            Err(e) => {
                return Err(LoadError::Missing {
                    path: path.to_path_buf(),
                    source: e.into(),
                });
            }
        }
        // SAFETY: loading a library runs its initialisers; registering a
        // module in the class registry is the statement that it is a COM
        // server fit to be loaded into this process. The path is absolute,
        // so no search path is involved.
        let lib = unsafe { libloading::Library::new(path) }.map_err(|e| diagnose(path, &e))?;
        let lib = Library {
            path: path.to_path_buf(),
            lib,
        };
        lib.attach()?;
        Ok(lib)
    }

    /// Calls the module's `AnyComAttachRuntime` with this process's runtime
    /// table, if it exports one (C modules need not). `S_FALSE` (already
    /// attached, or the module is this runtime) is fine.
    fn attach(&self) -> Result<(), LoadError> {
        let Some(attach) = self.symbol::<AttachFn>(ATTACH_EXPORT) else {
            return Ok(());
        };
        // SAFETY: the export has the AttachFn signature (anycom's contract
        // for the name); the table is a static that outlives the module.
        let hr = unsafe { attach(runtime_table()) };
        if hr.is_err() {
            return Err(LoadError::Attach {
                path: self.path.clone(),
                code: hr,
            });
        }
        Ok(())
    }

    /// The module's path (absolute, canonical when the caller made it so).
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// The export `name` as a plain function pointer, if the module has it.
    /// The pointer is valid only while `self` is alive.
    fn symbol<F: Copy>(&self, name: &str) -> Option<F> {
        // SAFETY: every caller names an export whose signature is `F` by
        // COM's (or anycom's) contract; the copy out of the Symbol is used
        // only while the library is loaded (the callers keep `self`).
        // libloading adds the terminating NUL.
        unsafe { self.lib.get::<F>(name).ok().map(|s| *s) }
    }

    /// `DllGetClassObject`, which an in-process server must export (its
    /// absence is reported, as [`LoadError::MissingExport`], when a class
    /// object is asked for).
    pub(crate) fn dll_get_class_object(&self) -> Option<DllGetClassObjectFn> {
        self.symbol::<DllGetClassObjectFn>("DllGetClassObject")
    }

    /// An optional `HRESULT f(void)` export: `DllCanUnloadNow`,
    /// `DllRegisterServer`, `DllUnregisterServer`.
    pub(crate) fn dll_fn(&self, name: &'static str) -> Option<DllFn> {
        self.symbol::<DllFn>(name)
    }
}

/// Turns a failed `dlopen` into the error a person can act on, by looking
/// at the file itself.
fn diagnose(path: &Path, e: &libloading::Error) -> LoadError {
    let path_buf = path.to_path_buf();
    let reason = dl_error_text(e);
    match binary_format::read_header(path) {
        Some(h) if h.format != Format::host() => LoadError::WrongOs {
            path: path_buf,
            found: h.format,
            arches: h.arches,
        },
        Some(h) if !h.matches_host() => LoadError::WrongArchitecture {
            path: path_buf,
            arches: h.arches,
        },
        Some(h) if h.shared_object == Some(false) => LoadError::Open {
            path: path_buf,
            reason: format!(
                "the file is an {} executable or object file, not a shared library ({reason})",
                h.format
            ),
        },
        Some(_) => LoadError::Open {
            path: path_buf,
            reason,
        },
        None => LoadError::Open {
            path: path_buf,
            reason: format!(
                "the file is not a shared library (no ELF, Mach-O or PE header) ({reason})"
            ),
        },
    }
}

/// The dynamic loader's own words: libloading's error and its sources
/// (`dlopen failed: <dlerror()>`).
fn dl_error_text(e: &libloading::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        let more = s.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        source = s.source();
    }
    text
}
