//! Reading and writing a layer's files safely.
//!
//! - Every write takes the layer's lock (an exclusive advisory lock on
//!   `<layer>/.lock`, `flock` on Unix and `LockFileEx` on Windows through
//!   [`std::fs::File::lock`]); the lock is per open file, so it excludes other
//!   threads of the same process as well as other processes.
//! - A file is written to a temporary file in the same directory
//!   (`.anycom-*.tmp`, ignored by readers), flushed with `fsync`, then renamed
//!   over the target, and the directory is flushed: a reader sees the old file
//!   or the new one, never half of one.
//! - After each change the writer appends one byte to `<layer>/.generation`,
//!   still under the lock. Readers compare that file's size (and the
//!   directory's own metadata) to notice changes without reading anything;
//!   the size is exact where timestamps can be too coarse.

use std::ffi::OsString;
use std::fs::{self, File, Metadata, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::error::RegistryError;
use super::file::{self, MAX_FILE_SIZE, ParsedFile};
use super::layer::Layer;
use super::model::{ClassRegistration, ModuleEntry};
use crate::sys;

const LOCK_FILE: &str = ".lock";
pub(crate) const GENERATION_FILE: &str = ".generation";
/// The generation file is emptied when it reaches this size; a reader that
/// has not looked for this many writes still sees a different size or time.
const GENERATION_WRAP: u64 = 1 << 16;

/// What identifies one version of a file or directory, from its metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    change: (u64, u64, i64, i64),
}

impl Stamp {
    pub(crate) fn of(meta: &Metadata) -> Stamp {
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            change: sys::change_id(meta),
        }
    }

    /// The stamp of `path`, `None` if it does not exist or cannot be read.
    pub(crate) fn of_path(path: &Path) -> Option<Stamp> {
        fs::metadata(path).ok().map(|m| Stamp::of(&m))
    }
}

/// Whether `name` is a registry file: `*.toml`, not hidden.
fn is_registry_file(name: &OsString) -> bool {
    let n = name.to_string_lossy();
    n.ends_with(".toml") && !n.starts_with('.')
}

/// The registry files of `dir` with their stamps, sorted by file name (byte
/// order). A missing directory has none.
pub(crate) fn list_files(dir: &Path) -> Result<Vec<(OsString, Option<Stamp>)>, RegistryError> {
    let rd = match fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(RegistryError::io("list", dir, e)),
    };
    let mut out = Vec::new();
    for ent in rd {
        let ent = ent.map_err(|e| RegistryError::io("list", dir, e))?;
        let name = ent.file_name();
        if !is_registry_file(&name) {
            continue;
        }
        // Follows symbolic links; a dangling one gets no stamp and fails to read.
        let meta = fs::metadata(ent.path()).ok();
        if meta.as_ref().is_some_and(|m| m.is_dir()) {
            continue;
        }
        out.push((name, meta.as_ref().map(Stamp::of)));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// Reads and parses one registry file, refusing files over
/// [`MAX_FILE_SIZE`] before reading them. Returns the stamp of the version
/// read (from the open file, so it matches the content).
pub(crate) fn read_file(
    path: &Path,
    relative_base: Option<&Path>,
) -> (Option<Stamp>, Result<ParsedFile, RegistryError>) {
    let mut f = match File::open(path) {
        Ok(f) => f,
        Err(e) => return (None, Err(RegistryError::io("read", path, e))),
    };
    let meta = match f.metadata() {
        Ok(m) => m,
        Err(e) => return (None, Err(RegistryError::io("read", path, e))),
    };
    let stamp = Some(Stamp::of(&meta));
    let too_large = |size| RegistryError::TooLarge {
        path: path.to_path_buf(),
        size,
        limit: MAX_FILE_SIZE,
    };
    if meta.len() > MAX_FILE_SIZE {
        return (stamp, Err(too_large(meta.len())));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    if let Err(e) = (&mut f).take(MAX_FILE_SIZE + 1).read_to_end(&mut bytes) {
        return (stamp, Err(RegistryError::io("read", path, e)));
    }
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return (stamp, Err(too_large(bytes.len() as u64)));
    }
    (stamp, file::parse(&bytes, path, relative_base))
}

/// The layer's write lock, held until dropped (closing the file unlocks it).
struct DirLock {
    _file: File,
}

fn lock(dir: &Path) -> Result<DirLock, RegistryError> {
    fs::create_dir_all(dir).map_err(|e| RegistryError::io("create", dir, e))?;
    let path = dir.join(LOCK_FILE);
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| RegistryError::io("lock", &path, e))?;
    file.lock()
        .map_err(|e| RegistryError::io("lock", &path, e))?;
    Ok(DirLock { _file: file })
}

/// Atomically replaces `dir/name` with `contents` (the lock must be held).
fn write_atomic(dir: &Path, name: &str, contents: &[u8]) -> Result<PathBuf, RegistryError> {
    let target = dir.join(name);
    let mut tmp = tempfile::Builder::new()
        .prefix(".anycom-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| RegistryError::io("write", dir, e))?;
    let write = |f: &mut File| -> std::io::Result<()> {
        f.write_all(contents)?;
        sys::make_world_readable(f)?;
        f.sync_all()
    };
    write(tmp.as_file_mut())
        .map_err(|e| RegistryError::io("write", tmp.path().to_path_buf(), e))?;
    tmp.persist(&target)
        .map_err(|e| RegistryError::io("write", &target, e.error))?;
    sys::sync_dir(dir).map_err(|e| RegistryError::io("write", dir, e))?;
    Ok(target)
}

/// Tells readers that the layer changed (the lock must be held).
fn bump_generation(dir: &Path) -> Result<(), RegistryError> {
    let path = dir.join(GENERATION_FILE);
    let bump = || -> std::io::Result<()> {
        let mut f = OpenOptions::new().create(true).append(true).open(&path)?;
        if f.metadata()?.len() >= GENERATION_WRAP {
            f.set_len(0)?;
        }
        f.write_all(b"+")
    };
    bump().map_err(|e| RegistryError::io("write", &path, e))
}

/// The absolute, canonical path of an existing module file.
fn canonical_module(module: &Path) -> Result<PathBuf, RegistryError> {
    let not_found = |e| RegistryError::ModuleNotFound {
        module: module.to_path_buf(),
        source: std::sync::Arc::new(e),
    };
    let path = fs::canonicalize(module).map_err(not_found)?;
    let meta = fs::metadata(&path).map_err(not_found)?;
    if !meta.is_file() {
        return Err(RegistryError::InvalidRegistration {
            module: module.to_path_buf(),
            message: "this is not a file; give the path of the shared library itself".to_owned(),
        });
    }
    Ok(path)
}

impl Layer {
    /// Registers a module: writes the file describing `entry` (all its
    /// classes and interfaces) into this layer, replacing what an earlier
    /// registration of the same module wrote (last one wins). This is what
    /// a module's `DllRegisterServer` amounts to.
    ///
    /// The module must exist: its path is made absolute and canonical. The
    /// write is atomic and serialized with other writers of the layer.
    /// Returns the path of the file written.
    pub fn register_module(&self, mut entry: ModuleEntry) -> Result<PathBuf, RegistryError> {
        entry.module = canonical_module(&entry.module)?;
        file::validate(&entry)?;
        let name = file::file_name_for(&entry.module);
        let _lock = lock(self.path())?;
        let written = write_atomic(self.path(), &name, file::render(&entry).as_bytes())?;
        bump_generation(self.path())?;
        Ok(written)
    }

    /// Adds one class to a module's registration in this layer, keeping the
    /// module's other classes and interfaces (a class with the same CLSID is
    /// replaced). What `anycom register <module> --clsid …` does. The
    /// read-modify-write happens under the layer's lock, so two writers
    /// adding different classes to the same module both land.
    pub fn register_class(
        &self,
        module: &Path,
        class: ClassRegistration,
    ) -> Result<PathBuf, RegistryError> {
        let module = canonical_module(module)?;
        let name = file::file_name_for(&module);
        let _lock = lock(self.path())?;
        let target = self.path().join(&name);
        let mut entry = if target.exists() {
            match read_file(&target, self.relative_base()).1 {
                Ok(parsed) if *parsed.module == *module => parsed.to_entry(),
                Ok(_) => ModuleEntry::new(&module),
                Err(e) => return Err(e),
            }
        } else {
            ModuleEntry::new(&module)
        };
        match entry.classes.iter_mut().find(|c| c.clsid == class.clsid) {
            Some(c) => *c = class,
            None => entry.classes.push(class),
        }
        file::validate(&entry)?;
        let written = write_atomic(self.path(), &name, file::render(&entry).as_bytes())?;
        bump_generation(self.path())?;
        Ok(written)
    }

    /// Unregisters a module from this layer: removes every registry file of
    /// the layer whose `module` is this module (the file `register_module`
    /// wrote, and any hand-written file naming the same path). The module
    /// itself need not exist any more: an existing path is made canonical, a
    /// missing one only absolute. Returns the files removed;
    /// [`RegistryError::NotRegistered`] if there were none.
    pub fn unregister_module(&self, module: &Path) -> Result<Vec<PathBuf>, RegistryError> {
        let module = fs::canonicalize(module)
            .or_else(|_| std::path::absolute(module))
            .map_err(|e| RegistryError::ModuleNotFound {
                module: module.to_path_buf(),
                source: std::sync::Arc::new(e),
            })?;
        let own_name = OsString::from(file::file_name_for(&module));
        if !self.path().is_dir() {
            return Err(RegistryError::NotRegistered {
                module,
                layer: self.path().to_path_buf(),
            });
        }
        let _lock = lock(self.path())?;
        let mut removed = Vec::new();
        for (name, _) in list_files(self.path())? {
            let path = self.path().join(&name);
            let matches = name == own_name
                || read_file(&path, self.relative_base())
                    .1
                    .is_ok_and(|p| *p.module == *module);
            if matches {
                fs::remove_file(&path).map_err(|e| RegistryError::io("remove", &path, e))?;
                removed.push(path);
            }
        }
        if removed.is_empty() {
            return Err(RegistryError::NotRegistered {
                module,
                layer: self.path().to_path_buf(),
            });
        }
        sys::sync_dir(self.path()).map_err(|e| RegistryError::io("remove", self.path(), e))?;
        bump_generation(self.path())?;
        Ok(removed)
    }

    /// Reads every registry file of this layer: the modules that parse, and
    /// an error for each file that does not (in file-name order).
    pub fn read_modules(&self) -> (Vec<(PathBuf, ModuleEntry)>, Vec<RegistryError>) {
        let mut ok = Vec::new();
        let mut errors = Vec::new();
        match list_files(self.path()) {
            Err(e) => errors.push(e),
            Ok(files) => {
                for (name, _) in files {
                    let path = self.path().join(name);
                    match read_file(&path, self.relative_base()).1 {
                        Ok(p) => ok.push((path, p.to_entry())),
                        Err(e) => errors.push(e),
                    }
                }
            }
        }
        (ok, errors)
    }
}
