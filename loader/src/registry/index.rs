//! The merged, in-memory view of all layers that lookups read: hash maps
//! from CLSID, ProgID and IID to entries, built once per change from the
//! parsed files, plus the list of problems found.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::ffi::OsString;
use std::hash::{BuildHasher, Hasher};
use std::path::Path;
use std::sync::Arc;

use anycom::{CLSID, GUID};

use super::error::{Location, RegistryError};
use super::file::{MAX_PROGID_LEN, ParsedFile};
use super::layer::Layer;
use super::model::{ClassEntry, InterfaceEntry, ListedClass, Origin};
use super::store::Stamp;

/// The hasher of the lookup tables: an Fx-style multiply-rotate hash, a few
/// cycles for a GUID where the default SipHash takes tens of nanoseconds.
/// Not DoS-resistant; the keys come from registry files, which only the
/// user and the administrator can write.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FastHash;

impl BuildHasher for FastHash {
    type Hasher = FxHasher;
    fn build_hasher(&self) -> FxHasher {
        FxHasher(0)
    }
}

/// See [`FastHash`].
pub(crate) struct FxHasher(u64);

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap_or_default()));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b));
        }
    }
    #[inline]
    fn write_u8(&mut self, v: u8) {
        self.add(u64::from(v));
    }
    #[inline]
    fn write_u16(&mut self, v: u16) {
        self.add(u64::from(v));
    }
    #[inline]
    fn write_u32(&mut self, v: u32) {
        self.add(u64::from(v));
    }
    #[inline]
    fn write_u64(&mut self, v: u64) {
        self.add(v);
    }
    #[inline]
    fn write_usize(&mut self, v: usize) {
        self.add(v as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        // The multiply leaves the low bits depending only on the low bits
        // of the input, and hash tables index by the low bits: rotate the
        // well-mixed high bits down (as rustc-hash 2 does). Without this,
        // ProgIDs differing only in their middle ("Bench.Class1234.1")
        // collide in a large table.
        self.0.rotate_left(26)
    }
}

type Map<K, V> = HashMap<K, V, FastHash>;

/// One registry file as last read.
#[derive(Debug, Clone)]
pub(crate) struct FileState {
    pub(crate) name: OsString,
    pub(crate) stamp: Option<Stamp>,
    pub(crate) parsed: Result<Arc<ParsedFile>, RegistryError>,
}

/// A ProgID's `CLSID` and `CurVer`.
#[derive(Debug, Clone)]
pub(crate) struct ProgIdRecord {
    pub(crate) clsid: CLSID,
    pub(crate) curver: Option<String>,
    location: Location,
}

/// The lookup tables. Keys of `progids` are ASCII-lowercased (ProgIDs, like
/// all registry key names, compare case-insensitively).
#[derive(Debug, Default)]
pub(crate) struct Snapshot {
    pub(crate) classes: Map<GUID, Arc<ClassEntry>>,
    pub(crate) progids: Map<String, ProgIdRecord>,
    pub(crate) interfaces: Map<GUID, Arc<InterfaceEntry>>,
    pub(crate) listed: Vec<ListedClass>,
    pub(crate) problems: Vec<RegistryError>,
}

/// How many `CurVer` links [`Snapshot::clsid_from_progid`] follows at most
/// (a cycle ends there).
const MAX_CURVER_DEPTH: usize = 8;

impl Snapshot {
    /// Resolves a ProgID to its CLSID, following `CurVer` from a
    /// version-independent ProgID to the current versioned one.
    pub(crate) fn clsid_from_progid(&self, progid: &str) -> Option<CLSID> {
        let mut rec = self.progid(progid)?;
        for _ in 0..MAX_CURVER_DEPTH {
            match rec.curver.as_deref().and_then(|cv| self.progid(cv)) {
                Some(next) if !std::ptr::eq(next, rec) => rec = next,
                _ => break,
            }
        }
        Some(rec.clsid)
    }

    /// The record of a ProgID, compared case-insensitively, without
    /// allocating: a registered ProgID is ASCII and at most
    /// [`MAX_PROGID_LEN`] bytes long, so a longer name cannot match.
    fn progid(&self, name: &str) -> Option<&ProgIdRecord> {
        let mut buf = [0u8; MAX_PROGID_LEN];
        let lower = buf.get_mut(..name.len())?;
        lower.copy_from_slice(name.as_bytes());
        lower.make_ascii_lowercase();
        self.progids.get(std::str::from_utf8(lower).ok()?)
    }
}

/// Builds the snapshot. Layers come in search order and, within a layer,
/// files in file-name order; the first entry for a key wins, across layers
/// silently (that is precedence), within a layer with a
/// [`RegistryError::Duplicate`] problem.
pub(crate) fn build<'a>(
    layers: impl IntoIterator<Item = (&'a Layer, &'a [FileState], Option<&'a RegistryError>)>,
) -> Snapshot {
    let mut s = Snapshot::default();
    for (layer, files, list_error) in layers {
        if let Some(e) = list_error {
            s.problems.push(e.clone());
        }
        let layer_dir: Arc<Path> = layer.path().into();
        let mut classes: HashMap<GUID, Location> = HashMap::new();
        let mut interfaces: HashMap<GUID, Location> = HashMap::new();
        let mut progids: HashMap<String, ProgIdRecord> = HashMap::new();
        let mut progid_order: Vec<String> = Vec::new();
        for f in files {
            let parsed = match &f.parsed {
                Ok(p) => p,
                Err(e) => {
                    s.problems.push(e.clone());
                    continue;
                }
            };
            let file: Arc<Path> = layer.path().join(&f.name).into();
            let origin = |line| Origin {
                layer: layer.kind(),
                layer_dir: layer_dir.clone(),
                file: file.clone(),
                line,
            };
            let location = |line| Location {
                path: file.to_path_buf(),
                line,
            };
            for (c, line) in &parsed.classes {
                let entry = Arc::new(ClassEntry {
                    clsid: c.clsid,
                    module: parsed.module.clone(),
                    threading_model: c.threading_model,
                    progid: c.progid.clone(),
                    version_independent_progid: c.version_independent_progid.clone(),
                    description: c.description.clone(),
                    origin: origin(*line),
                });
                let effective = match classes.entry(c.clsid) {
                    Entry::Occupied(o) => {
                        s.problems.push(RegistryError::Duplicate {
                            what: format!("CLSID {}", c.clsid),
                            kept: o.get().clone(),
                            ignored: location(*line),
                        });
                        false
                    }
                    Entry::Vacant(v) => {
                        v.insert(location(*line));
                        add_progids(
                            &mut s.problems,
                            &mut progids,
                            &mut progid_order,
                            &entry,
                            location(*line),
                        );
                        match s.classes.entry(c.clsid) {
                            Entry::Occupied(_) => false,
                            Entry::Vacant(v) => {
                                v.insert(entry.clone());
                                true
                            }
                        }
                    }
                };
                s.listed.push(ListedClass { entry, effective });
            }
            for (i, line) in &parsed.interfaces {
                match interfaces.entry(i.iid) {
                    Entry::Occupied(o) => s.problems.push(RegistryError::Duplicate {
                        what: format!("IID {}", i.iid),
                        kept: o.get().clone(),
                        ignored: location(*line),
                    }),
                    Entry::Vacant(v) => {
                        v.insert(location(*line));
                        s.interfaces.entry(i.iid).or_insert_with(|| {
                            Arc::new(InterfaceEntry {
                                iid: i.iid,
                                name: i.name.clone(),
                                proxy_stub_clsid: i.proxy_stub_clsid,
                                module: parsed.module.clone(),
                                origin: origin(*line),
                            })
                        });
                    }
                }
            }
        }
        for key in progid_order {
            if let Some(rec) = progids.remove(&key) {
                s.progids.entry(key).or_insert(rec);
            }
        }
    }
    s
}

/// Records a class's ProgID (→ CLSID) and version-independent ProgID
/// (→ CLSID, `CurVer` = the ProgID) in a layer's ProgID table.
fn add_progids(
    problems: &mut Vec<RegistryError>,
    progids: &mut HashMap<String, ProgIdRecord>,
    order: &mut Vec<String>,
    class: &ClassEntry,
    location: Location,
) {
    let records = [
        class.progid.as_ref().map(|p| (p, None)),
        class
            .version_independent_progid
            .as_ref()
            .map(|v| (v, class.progid.clone())),
    ];
    for (name, curver) in records.into_iter().flatten() {
        let key = name.to_ascii_lowercase();
        match progids.entry(key) {
            Entry::Occupied(o) => {
                if o.get().clsid != class.clsid {
                    problems.push(RegistryError::Duplicate {
                        what: format!("ProgID {name}"),
                        kept: o.get().location.clone(),
                        ignored: location.clone(),
                    });
                }
            }
            Entry::Vacant(v) => {
                order.push(v.key().clone());
                v.insert(ProgIdRecord {
                    clsid: class.clsid,
                    curver,
                    location: location.clone(),
                });
            }
        }
    }
}
