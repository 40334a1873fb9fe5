//! The start-up cache of store files.
//!
//! Parsing a store of 100,000 practices takes about a second however it is
//! done (85 MB to 1 GB of JSON), and building its search index a tenth of
//! a second more; both are needed before the first frame or the first
//! search result. The cache keeps what they produce (each practice without
//! its long texts, where the practice is in the file, the problems found,
//! the built index of names and texts) in one binary file per store, read
//! in a fifth of the time, or a tenth when only the names are wanted. Small
//! stores have one too: at 1,000 practices a parse is 10 ms of a 13 ms
//! `praktyki search`, and the cache makes it 4 ms.
//!
//! A cache file is used only while the store file is the one it was made
//! from: same path, size, modification time (to the nanosecond), inode and
//! device, and the same praktyki version. Anything else, a damaged file
//! (a CRC-32 per part) or a cache that fails the structural checks
//! means it is made again from the store. A cache never changes what is
//! shown: the long texts are read from the store file itself, and a
//! practice whose bytes there no longer carry its id is refused.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::search::Index;
use crate::store::heads::{Heads, Part};
use crate::store::{LoadError, LoadOptions, Problem, Store, load};

/// Store files from this size have a cache: every one (the threshold is
/// kept for tests that load without one).
pub const MIN_BYTES: u64 = 0;

/// Marks a praktyki cache file; the last byte is the layout's version.
const MAGIC: &[u8; 16] = b"praktyki-cache\x00\x0b";

/// What makes a cache file belong to one state of one store file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Key {
    version: String,
    /// The store's canonical path, as bytes (paths need not be UTF-8).
    path: Vec<u8>,
    len: u64,
    modified: (i64, i64),
    changed: (i64, i64),
    inode: u64,
    device: u64,
}

impl Key {
    fn of(canonical: &Path, meta: &std::fs::Metadata) -> Self {
        use std::os::unix::ffi::OsStrExt;
        use std::os::unix::fs::MetadataExt;
        Self {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            path: canonical.as_os_str().as_bytes().to_vec(),
            len: meta.len(),
            modified: (meta.mtime(), meta.mtime_nsec()),
            changed: (meta.ctime(), meta.ctime_nsec()),
            inode: meta.ino(),
            device: meta.dev(),
        }
    }
}

/// The problems found when the store was parsed.
#[derive(Serialize, Deserialize)]
struct Problems {
    errors: Vec<Problem>,
    warnings: Vec<Problem>,
}

/// The parts of a cache file, numbered in this order, each encoded on its
/// own (with its place, length and CRC-32 in the table at the start) so
/// that a reader decodes only the parts it needs: problems, name index,
/// name rows, spans, the texts' index, then the heads in parts of
/// [`crate::store::heads::PART`]. In the file the heads come first: they
/// are written while the names are indexed.
const PROBLEMS: usize = 0;
const INDEX: usize = 1;
const ROWS: usize = 2;
const SPANS: usize = 3;
const TOPICS: usize = 4;
const PRACTICES: usize = 5;

/// What happened to the cache on a load, for `praktyki paths` and tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Not used: no cache directory, an eager load, the embedded store, or a small store.
    Unused,
    /// The store was read from its cache file.
    Hit(PathBuf),
    /// The store was parsed; its cache file is still to be written
    /// ([`Loaded::finish`], [`Loaded::deferred`]).
    Pending,
    /// The store was parsed and its cache file written.
    Written(PathBuf),
    /// The store was parsed; its cache could not be written (the reason).
    NotWritten(String),
}

/// The store's canonical path, the key of its present state (`meta`) and
/// its cache file in `dir`.
fn locate(path: &Path, meta: &std::fs::Metadata, dir: &Path) -> io::Result<(PathBuf, Key, PathBuf)> {
    let canonical = std::fs::canonicalize(path)?;
    let key = Key::of(&canonical, meta);
    let cache_file = file_for(dir, &canonical);
    Ok((canonical, key, cache_file))
}

/// The key at the start of a cache file's first bytes, and what follows it.
fn read_key(head: &[u8]) -> Option<(Key, &[u8])> {
    postcard::take_from_bytes(head.strip_prefix(MAGIC)?).ok()
}

/// Where the cache file of a store lives: its name carries the store's
/// file name for whoever looks in the directory, and a hash of the whole
/// path to tell stores of one name apart.
pub fn file_for(dir: &Path, canonical: &Path) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    let bytes = canonical.as_os_str().as_bytes();
    let stem: String = canonical
        .file_stem()
        .map(|s| s.to_string_lossy().chars().map(|c| if c.is_alphanumeric() || c == '-' { c } else { '_' }).collect())
        .unwrap_or_default();
    dir.join(format!("{stem}-{:08x}.cache", crc32fast::hash(bytes)))
}

/// Loads the store at `path` with its search index: from the cache in
/// `dir` when it holds this state of the file, otherwise by parsing, after
/// which the cache is left to write for the next start ([`Loaded::finish`]
/// now, or [`Loaded::deferred`] on another thread). Only lazy loads use the
/// cache: an eager or strict load is asked for to check everything again.
pub fn load_path(path: &Path, opts: LoadOptions, dir: Option<&Path>) -> Result<Loaded, LoadError> {
    load_path_from(path, opts, dir, MIN_BYTES)
}

/// [`load_path`] for stores of at least `min_bytes`.
fn load_path_from(path: &Path, opts: LoadOptions, dir: Option<&Path>, min_bytes: u64) -> Result<Loaded, LoadError> {
    let origin = path.display().to_string();
    let read_err = |source| LoadError::Read { origin: origin.clone(), source };
    let parse_plain = || Ok(Loaded::plain(load::load_path(path, opts)?));
    let Some(dir) = dir.filter(|_| opts.lazy && !opts.strict) else { return parse_plain() };
    let mut file = crate::store::input::open(path, true).map_err(read_err)?;
    let meta = file.metadata().map_err(read_err)?;
    if meta.len() < min_bytes || !meta.is_file() {
        return parse_plain();
    }
    let (canonical, key, cache_file) = locate(path, &meta, dir).map_err(read_err)?;
    if let Some(parts) = read_cache(&cache_file, &key) {
        if let Some((store, index)) = restore(parts, &origin, &key, file, &meta) {
            // A cache written without the texts' index (by a lookup of names)
            // is written again once it has one.
            let pending =
                (!index.has_topics()).then(|| Pending { cache_file: cache_file.clone(), key, dir: dir.to_path_buf() });
            return Ok(Loaded { store, index: Some(index), outcome: Outcome::Hit(cache_file), pending, rows: None });
        }
        // A cache that fails its checks is made again below; the handle
        // went with it, and a new one is checked against the key after reading.
        file = File::open(path).map_err(read_err)?;
    }
    // The bytes come from the handle that was just checked, so the cache
    // describes exactly what was parsed, unless the file changed while it
    // was read, which the second look at its metadata tells.
    let store = match load::parse_file(&file, &meta, &origin, opts) {
        Some(store) => Ok(store),
        None => crate::store::input::read_all(&file)
            .map_err(read_err)
            .and_then(|bytes| load::parse_owned(Arc::new(bytes), &origin, opts)),
    };
    let mut store = store?;
    let unchanged = file.metadata().is_ok_and(|m| Key::of(&canonical, &m) == key);
    // The file is what was parsed: its long texts are read from it from now
    // on, and the bytes go before the index is built (a million practices:
    // 872 MB less at the load's peak).
    if unchanged {
        store.read_texts_from(file, &meta);
    }
    // The index is built by whoever takes the store: the browser before
    // its first frame (names only; the texts' part after it), a lookup
    // while the cache's heads are written ([`Loaded::write_cache`]).
    if !unchanged {
        let outcome = Outcome::NotWritten("the store changed while it was read".into());
        return Ok(Loaded { store, index: None, outcome, pending: None, rows: None });
    }
    let pending = Some(Pending { cache_file, key, dir: dir.to_path_buf() });
    Ok(Loaded { store, index: None, outcome: Outcome::Pending, pending, rows: None })
}

/// A cache file to write for a store that was just parsed.
#[derive(Debug)]
struct Pending {
    cache_file: PathBuf,
    key: Key,
    dir: PathBuf,
}

impl Pending {
    /// Writes the cache file unless `stop` is set before it is whole (then
    /// nothing is left behind).
    fn write_until(self, store: &Store, index: &Index, stop: &AtomicBool) -> Outcome {
        let begun = begin_cache(&self.cache_file, &self.key, store, stop);
        self.finish(begun, index, stop)
    }

    /// Finishes a cache file `begun` with `index`.
    fn finish(self, begun: io::Result<Begun>, index: &Index, stop: &AtomicBool) -> Outcome {
        match begun.and_then(|b| finish_cache(b, &self.cache_file, index, stop)) {
            Ok(()) => {
                prune(&self.dir, &self.cache_file);
                Outcome::Written(self.cache_file)
            }
            Err(e) => Outcome::NotWritten(format!("{}: {e}", self.cache_file.display())),
        }
    }
}

/// A loaded store, with its index when the load made or read one.
#[derive(Debug)]
pub struct Loaded {
    pub store: Store,
    pub index: Option<Index>,
    pub outcome: Outcome,
    pending: Option<Pending>,
    /// The name rows, when writing the cache made them.
    rows: Option<NameRows>,
}

impl Loaded {
    /// A load that made no index and leaves no cache to write.
    pub fn plain(store: Store) -> Self {
        Self { store, index: None, outcome: Outcome::Unused, pending: None, rows: None }
    }

    /// Writes the cache file a parse left to write ([`Outcome::Pending`]),
    /// with the texts' index when `texts` (built now if need be); without
    /// it, a lookup of names does not pay for indexing the texts, and the
    /// browser adds them to the cache later. A cache read without the
    /// texts' index is written again only when it has one now.
    pub fn write_cache(&mut self, texts: bool) {
        if texts {
            self.whole_index();
        }
        let Some(pending) = self.pending.take() else { return };
        if matches!(self.outcome, Outcome::Hit(_)) && !self.index.as_ref().is_some_and(Index::has_topics) {
            self.pending = Some(pending);
            return;
        }
        let (store, stop) = (&self.store, AtomicBool::new(false));
        if let Some(index) = &self.index {
            self.outcome = pending.write_until(store, index, &stop);
            return;
        }
        // The heads (nine tenths of the file) are written while the names
        // are indexed, on the other core: the index is mostly one thread's
        // work (a million practices: a second saved of seven).
        let (index, begun) = std::thread::scope(|s| {
            let writing = s.spawn(|| begin_cache(&pending.cache_file, &pending.key, store, &stop));
            let index = Index::new(&store.practices);
            (index, writing.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
        });
        // The rows written are what a search prints from: kept, not made again.
        let begun = begun.map(|mut b| {
            self.rows = b.rows.take();
            b
        });
        self.outcome = pending.finish(begun, &index, &stop);
        self.index = Some(index);
    }

    /// What `praktyki search` prints of each practice: as the cache file
    /// was written with them, or made now.
    pub fn take_rows(&mut self) -> NameRows {
        self.rows.take().unwrap_or_else(|| NameRows::of(&self.store.practices))
    }

    /// Makes the index whole: names and texts.
    fn whole_index(&mut self) {
        self.index = Some(match self.index.take() {
            Some(i) if i.has_topics() => i,
            Some(names) => names.with_topics(&self.store),
            None => Index::of_store(&self.store),
        });
    }

    /// The store and its whole index (built now if the load did not
    /// provide it), once the cache file is written.
    pub fn write_cache_and_index(mut self) -> (Store, Index) {
        self.write_cache(true);
        let index = self.index.unwrap_or_else(|| Index::of_store(&self.store));
        (self.store, index)
    }

    /// The store and the index of its names, and what is left to do as a
    /// job for another thread (sharing both): index the texts, write the
    /// cache file. The browser draws its first frame meanwhile.
    pub fn deferred(self) -> (Arc<Store>, Arc<Index>, Option<CacheJob>) {
        let index = Arc::new(self.index.unwrap_or_else(|| Index::new(&self.store.practices)));
        let store = Arc::new(self.store);
        let job = (self.pending.is_some() || !index.has_topics()).then(|| CacheJob {
            pending: self.pending,
            store: store.clone(),
            index: index.clone(),
            stop: Arc::default(),
        });
        (store, index, job)
    }
}

/// What is left after a first frame (see [`Loaded::deferred`]).
pub struct CacheJob {
    pending: Option<Pending>,
    store: Arc<Store>,
    index: Arc<Index>,
    stop: Arc<AtomicBool>,
}

impl CacheJob {
    /// What makes [`CacheJob::run`] give up soon (the browser quits).
    pub fn stopper(&self) -> Arc<AtomicBool> {
        self.stop.clone()
    }

    /// Indexes the texts if that is still to do, then writes the cache file
    /// if there is one to write; gives the whole index when it is new, and
    /// what became of the cache.
    pub fn run(self) -> (Option<Arc<Index>>, Outcome) {
        let stopped = || Outcome::NotWritten("stopped".into());
        let whole = if self.index.has_topics() {
            None
        } else {
            match self.index.with_topics_until(&self.store, &self.stop) {
                Some(i) => Some(Arc::new(i)),
                None => return (None, stopped()),
            }
        };
        let outcome = match self.pending {
            Some(p) => p.write_until(&self.store, whole.as_ref().unwrap_or(&self.index), &self.stop),
            None => Outcome::Unused,
        };
        (whole, outcome)
    }
}

/// The cache file made for `key` with its parts located, or `None` if there
/// is none, or it belongs to another state of the store or another version.
/// Only its key and table are read here; each part when it is decoded.
fn read_cache(cache_file: &Path, key: &Key) -> Option<Parts> {
    // Not a regular file (a FIFO would block the open): no cache.
    let mut file = crate::store::input::open(cache_file, false).ok()?;
    let total = usize::try_from(file.metadata().ok()?.len()).ok()?;
    // The key and the table of parts fit in the first read for any store
    // (a part per 8,192 practices: 1,000,000 practices make 127).
    let mut bytes = Vec::new();
    (&mut file).take(64 << 10).read_to_end(&mut bytes).ok()?;
    let (found, rest) = read_key(&bytes)?;
    if found != *key {
        return None;
    }
    let (count, rest) = rest.split_first_chunk::<4>()?;
    let count = u32::from_le_bytes(*count) as usize;
    let entries = rest.get(..count.checked_mul(TABLE_ENTRY)?)?;
    let header = bytes.len() - rest.len() + entries.len();
    let number = |b: &[u8]| Some(u64::from_le_bytes(b.try_into().ok()?));
    let mut table = Vec::with_capacity(count);
    for entry in entries.chunks_exact(TABLE_ENTRY) {
        let start = usize::try_from(number(&entry[..8])?).ok().filter(|s| *s >= header)?;
        let end = start.checked_add(usize::try_from(number(&entry[8..16])?).ok()?).filter(|e| *e <= total)?;
        table.push((start, end, u32::from_le_bytes(entry[16..].try_into().ok()?)));
    }
    (table.len() >= PRACTICES).then_some(Parts { bytes, table, file })
}

/// The store and index a cache file describes, once they pass the checks
/// that keep a damaged cache from causing a panic later. Text in the cache
/// was sanitised when the store was parsed and is not sanitised again: the
/// cache is praktyki's own file in the user's own directory, trusted as
/// their config file is, and a damaged one fails its CRC-32.
fn restore(mut parts: Parts, origin: &str, key: &Key, file: File, meta: &std::fs::Metadata) -> Option<(Store, Index)> {
    let spans: Vec<(usize, usize)> = parts.decode(SPANS)?;
    let n = spans.len();
    // In file order, apart, within the file: the practices' places.
    let apart = spans.windows(2).all(|w| w[0].1 <= w[1].0);
    if !apart || spans.iter().any(|&(s, e)| s >= e || e as u64 > key.len) {
        return None;
    }
    let topics: Option<crate::search::Topics> = parts.decode(TOPICS)?;
    let index = Index::from_data(parts.read(INDEX, crate::search::NamesData::read)?, topics, n).ok()?;
    let problems = problems(&parts, origin)?;
    // What was read of the file so far is decoded; the heads are read part
    // by part and kept as the cache holds them (a part is one copy).
    parts.bytes = Vec::new();
    let chunks: Option<Vec<Part>> =
        (PRACTICES..parts.table.len()).into_par_iter().map(|i| parts.decode::<Part>(i)).collect();
    let practices = Heads::from_parts(chunks?)?;
    if practices.len() != n || practices.iter().any(|p| p.id().trim().is_empty() || p.title().trim().is_empty()) {
        return None;
    }
    let store = Store::from_cache(origin.to_owned(), practices, spans, problems.errors, problems.warnings, file, meta);
    Some((store, index))
}

/// The problems found at parse, named by the path the store has now.
fn problems(parts: &Parts, origin: &str) -> Option<Problems> {
    let mut problems: Problems = parts.decode(PROBLEMS)?;
    for p in problems.errors.iter_mut().chain(&mut problems.warnings) {
        p.origin = origin.to_owned();
    }
    Some(problems)
}

/// What a search needs of a large store, from its cache alone: the name
/// row of each practice, the index, and how many practices were skipped at
/// parse. `None` when the cache cannot serve (none yet, stale, damaged).
pub fn names(path: &Path, dir: &Path) -> Option<(NameRows, Index, usize)> {
    names_from(path, dir, MIN_BYTES)
}

fn names_from(path: &Path, dir: &Path, min_bytes: u64) -> Option<(NameRows, Index, usize)> {
    let meta = std::fs::metadata(path).ok().filter(|m| m.is_file() && m.len() >= min_bytes)?;
    let (_, key, cache_file) = locate(path, &meta, dir).ok()?;
    // Only the table: each part is read from the file when it is decoded,
    // so memory never holds a part twice over.
    let parts = read_cache(&cache_file, &key)?;
    // The rows and the index are of a size (10 MB each at 100k practices):
    // read and decoded side by side, when that is worth starting a thread
    // (at 1,000 practices it would be an eighth of the search).
    let rows = || parts.read(ROWS, NameRows::read).filter(NameRows::is_sound);
    let data = || parts.read(INDEX, crate::search::NamesData::read);
    let (rows, data) = match parts.len(ROWS) >= 1 << 20 {
        true => rayon::join(rows, data),
        false => (rows(), data()),
    };
    let found = (|| {
        let rows = rows?;
        let index = Index::from_data(data?, None, rows.len()).ok()?;
        let skipped = problems(&parts, "")?.errors.len();
        Some((rows, index, skipped))
    })();
    if found.is_none() {
        // This store's cache, damaged where a full load does not look: it
        // goes, so that the load that follows makes it again (else every
        // search after would load the whole store from it).
        let _ = std::fs::remove_file(&cache_file);
    }
    found
}

/// Bytes of one entry of the table of parts: where the part starts, its
/// length (u64 each) and its CRC-32 (u32), little-endian. Fixed, so that
/// the table is written first as a blank and filled in once the parts are.
const TABLE_ENTRY: usize = 20;

/// Removes the cache files of stores that no longer exist, so that stores
/// tried once and deleted leave nothing behind. Reads only each file's key.
/// A temporary cache file a process killed while writing it left behind
/// (its name says it is one, and nobody has written to it for an hour: a
/// cache of a million practices is written in seconds).
fn is_stale_temporary(entry: &std::fs::DirEntry) -> bool {
    let name = entry.file_name();
    let name = name.to_string_lossy();
    let old = entry.metadata().ok().and_then(|m| m.modified().ok()).and_then(|t| t.elapsed().ok());
    name.starts_with(".praktyki-") && name.ends_with(".tmp") && old.is_some_and(|age| age > STALE)
}

/// How long a temporary file goes unwritten before it counts as left behind.
const STALE: std::time::Duration = std::time::Duration::from_secs(3600);

fn prune(dir: &Path, keep: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if is_stale_temporary(&entry) {
            let _ = std::fs::remove_file(&path);
            continue;
        }
        if path == keep || path.extension().is_none_or(|e| e != "cache") {
            continue;
        }
        let mut head = vec![0; 4096];
        let Ok(n) = crate::store::input::open(&path, false).and_then(|mut f| f.read(&mut head)) else { continue };
        if let Some((key, _)) = read_key(&head[..n])
            && !Path::new(std::ffi::OsStr::from_bytes(&key.path)).exists()
        {
            let _ = std::fs::remove_file(&path);
        }
    }
}

mod parts;
mod rows;
mod write;
use parts::Parts;
pub use rows::{NameRow, NameRows};
use write::{Begun, begin_cache, finish_cache};

#[cfg(test)]
mod tests;
