//! Reading a store file: syntax errors are fatal and carry line and column;
//! a practice that breaks the schema is reported and skipped so one bad
//! record does not hide the other five hundred.

use std::borrow::Cow;
use std::fmt;
use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;
use serde::de::DeserializeSeed;
use serde_json::value::RawValue;

use super::checks;
use super::heads::Heads;
use super::keep::{Item, Keep, Parsed};
use super::model::{FORMAT, LongTexts, Practice, SkimRef};
pub use super::problem::{LoadError, Problem, Severity};
use super::texts::{Texts, stamp};
use crate::text::sanitize::{sanitize_cow, sanitize_in_place};

/// Who reads a practice's long texts, which decides what is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// Shown to the user: the file must be as loaded, and a broken text is
    /// told with its line and column.
    Shown,
    /// Used without its reason being shown: not located.
    Quiet,
    /// One of all, in file order: read through a window, not located, and
    /// the file's change left to the practice's own bytes.
    Indexing,
}

/// A loaded store: the practices that passed, and what was found on the way.
#[derive(Debug, Clone, Default)]
pub struct Store {
    /// Where it came from, as shown to the user (a path or "embedded").
    pub origin: String,
    /// Every practice without its long texts: a head cannot be taken for
    /// the whole practice, which [`Store::read_full`] gives.
    pub practices: Heads,
    /// The long texts, aligned with `practices`, when they were loaded (not
    /// after a lazy load: then they are read from the file).
    pub(super) texts: Vec<LongTexts>,
    /// Schema errors; each stands for one skipped practice.
    pub errors: Vec<Problem>,
    pub warnings: Vec<Problem>,
    /// After a lazy load: the file's text and where each practice is in it.
    lazy: Option<LazyTexts>,
}

#[derive(Debug, Clone)]
pub(super) struct LazyTexts {
    pub(super) texts: Texts,
    /// Byte range of each kept practice, aligned with `practices`.
    pub(super) spans: Vec<(usize, usize)>,
}

const CHANGED: &str = "the file has changed since it was loaded; reload it";

impl Store {
    /// A store of `practices` held in memory, as a parse would make it.
    pub fn from_practices(origin: &str, practices: Vec<Practice>) -> Self {
        let heads = Heads::of(&practices);
        let texts = practices.into_iter().map(|p| p.into_long()).collect();
        Store { origin: origin.to_owned(), practices: heads, texts, ..Store::default() }
    }

    /// Leaves the long texts where `lazy` says they are.
    pub(super) fn set_lazy(&mut self, lazy: LazyTexts) {
        self.lazy = Some(lazy);
    }

    /// How many practices of the file were skipped.
    pub fn skipped(&self) -> usize {
        self.errors.len()
    }

    /// Whether long texts are left in the file (a lazy load): then [`Store::read_full`]
    /// reads the file, and the browser asks for it off the input path.
    pub fn is_lazy(&self) -> bool {
        self.lazy.is_some()
    }

    /// Practice `i` with its long texts: as loaded, or, after a lazy load,
    /// parsed now from the file's text (a few microseconds for one practice).
    /// A long text that breaks the schema is reported here, with its place.
    pub fn read_full(&self, i: usize) -> Result<Cow<'_, Practice>, String> {
        self.read_full_with(i, Reading::Shown)
    }

    /// [`Store::read_full`] for a caller that does not show why a long text
    /// is broken (a sentence under a search result, related practices): its
    /// place is not worked out, which reads the file up to the practice
    /// (2,000 broken practices in a 100k store had doubled a first start).
    pub fn read_full_unlocated(&self, i: usize) -> Result<Cow<'_, Practice>, String> {
        self.read_full_with(i, Reading::Quiet)
    }

    /// [`Store::read_full_unlocated`] for one of every practice read in
    /// order on a few threads (indexing the texts): the file is read a
    /// window at a time per thread, not a system call per practice, and a
    /// changed file is told only by a practice whose bytes are no longer it.
    pub fn read_full_in_order(&self, i: usize) -> Result<Cow<'_, Practice>, String> {
        self.read_full_with(i, Reading::Indexing)
    }

    fn read_full_with(&self, i: usize, how: Reading) -> Result<Cow<'_, Practice>, String> {
        let practice = self.practices.get(i).ok_or_else(|| format!("no practice #{i}"))?;
        let Some(lazy) = &self.lazy else {
            let long = self.texts.get(i).cloned().unwrap_or_default();
            return Ok(Cow::Owned(practice.to_head().with_long(long)));
        };
        let (start, end) = lazy.spans.get(i).copied().ok_or_else(|| format!("no practice #{i}"))?;
        // A file changed since it was loaded is refused, even touched only:
        // the same bytes cannot be told from others of one length without
        // reading them all, and a practice's texts must not be another's.
        // Indexing every practice's texts leaves that to the id below (a
        // look at the file per practice was a second of a million practices'
        // first start), and its index goes with the changed store's cache;
        // what is shown (a sentence under a result too) is checked here.
        let changed = || format!("{}: {CHANGED}", self.origin);
        if how != Reading::Indexing && lazy.texts.is_stale() {
            return Err(changed());
        }
        let bytes = lazy.texts.read(start, end, how == Reading::Indexing).map_err(|e| match lazy.texts.is_stale() {
            true => changed(),
            false => format!("{}: cannot read: {e}", self.origin),
        })?;
        let src = std::str::from_utf8(&bytes).map_err(|_| changed())?;
        let mut de = serde_json::Deserializer::from_str(src);
        // The practice's place holds one JSON object and nothing after it; a
        // shorter record with the same id, followed by other bytes, is not it.
        let parsed = serde_path_to_error::deserialize::<_, Practice>(&mut de);
        if parsed.is_ok() && de.end().is_err() {
            return Err(changed());
        }
        match parsed {
            Ok(mut p) => {
                sanitize_practice(&mut p);
                // Only a file read after the load can hold other bytes than
                // those parsed; a different id tells.
                if p.id != practice.id() {
                    return Err(changed());
                }
                Ok(Cow::Owned(p))
            }
            Err(_) if lazy.texts.is_stale() => Err(changed()),
            Err(e) if how != Reading::Shown => {
                Err(format!("{}: field '{}': {}", self.origin, e.path(), strip_position(e.inner())))
            }
            Err(e) => {
                let before = lazy.texts.read(0, start, false).map_err(|_| changed())?;
                let at = relative(LineIndex::new(&before).position(start), e.inner().line(), e.inner().column());
                Err(format!("{}:{}:{}: field '{}': {}", self.origin, at.0, at.1, e.path(), strip_position(e.inner())))
            }
        }
    }

    /// After a lazy load of `file`'s bytes, which were read while it was as
    /// `meta` says: the long texts are read from the file when asked for,
    /// as after a load from the start-up cache, and the bytes are let go (a
    /// store's whole size in memory that only the practice on screen needs).
    pub fn read_texts_from(&mut self, file: std::fs::File, meta: &std::fs::Metadata) {
        if let Some(lazy) = &mut self.lazy {
            lazy.texts = Texts::File(Arc::new(file), stamp(meta));
        }
    }

    /// Where each practice is in the file, after a lazy load.
    pub fn spans(&self) -> Option<&[(usize, usize)]> {
        self.lazy.as_ref().map(|l| l.spans.as_slice())
    }

    /// A lazy store made from what the start-up cache kept of `file`: its
    /// practices without long texts, their places in the file, and the
    /// problems found when it was parsed.
    pub fn from_cache(
        origin: String,
        practices: Heads,
        spans: Vec<(usize, usize)>,
        errors: Vec<Problem>,
        warnings: Vec<Problem>,
        file: std::fs::File,
        meta: &std::fs::Metadata,
    ) -> Self {
        // The state the cache was checked against, not the file's state now:
        // a change while the cache was read must show as a change.
        let at_load = stamp(meta);
        let lazy = Some(LazyTexts { texts: Texts::File(Arc::new(file), at_load), spans });
        Self { origin, practices, texts: Vec::new(), errors, warnings, lazy }
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    /// Fail on any schema error instead of skipping the practice.
    pub strict: bool,
    /// Skip the long texts (summary, presentation, attachments) at load and
    /// read them per practice when asked ([`Store::read_full`]): start-up reads
    /// only names and metadata, and memory holds the file once.
    pub lazy: bool,
}

/// Reads and parses a store file.
pub fn load_path(path: &Path, opts: LoadOptions) -> Result<Store, LoadError> {
    let origin = path.display().to_string();
    let bytes = super::input::open(path, true)
        .and_then(|f| super::input::read_all(&f))
        .map_err(|source| LoadError::Read { origin: origin.clone(), source })?;
    if !opts.lazy {
        return parse_bytes(&bytes, &origin, opts);
    }
    // A lazy store keeps the bytes, so it takes them over instead of copying.
    parse_owned(Arc::new(bytes), &origin, opts)
}

/// A lazy load of the store in `file`, which is as `meta` says, read a
/// window at a time: the file's bytes are never held whole. `None` when the
/// file is not shaped as praktyki writes stores or has a problem; then
/// [`parse_owned`] of its bytes says what and where.
pub fn parse_file(file: &std::fs::File, meta: &std::fs::Metadata, origin: &str, opts: LoadOptions) -> Option<Store> {
    super::window::parse(file, meta, origin, opts)
}

/// Checks that `bytes` are UTF-8 (SIMD-fast: stores are large), or says where not.
fn as_utf8<'b>(bytes: &'b [u8], origin: &str) -> Result<&'b str, LoadError> {
    simdutf8::compat::from_utf8(bytes).map_err(|e| {
        let (line, column) = LineIndex::new(bytes).position(e.valid_up_to());
        LoadError::Encoding { origin: origin.to_owned(), line, column }
    })
}

/// Parses store bytes held in an `Arc`, which a lazy store keeps.
pub fn parse_owned(bytes: Arc<Vec<u8>>, origin: &str, opts: LoadOptions) -> Result<Store, LoadError> {
    let (mut store, spans) = parse_core(as_utf8(&bytes, origin)?, origin, opts)?;
    if opts.lazy {
        store.lazy = Some(LazyTexts { texts: Texts::Memory(bytes), spans });
    }
    Ok(store)
}

/// Parses store bytes; `origin` names them in messages.
pub fn parse_bytes(bytes: &[u8], origin: &str, opts: LoadOptions) -> Result<Store, LoadError> {
    parse_str(as_utf8(bytes, origin)?, origin, opts)
}

/// The store's top level; the practices went to the parser as they were found.
struct RawStore {
    format: String,
}

/// Practices handed to the parser at a time.
const BATCH: usize = 512;

/// A batch of practices as found in the whole file's text.
struct Found<'a> {
    text: &'a str,
    practices: Vec<&'a RawValue>,
}

impl super::keep::Batch for Found<'_> {
    fn practices(&self) -> Vec<(&str, usize)> {
        // Where a practice starts in the file, BOM included.
        self.practices.iter().map(|r| (r.get(), r.get().as_ptr() as usize - self.text.as_ptr() as usize)).collect()
    }
}

/// Reads the top level ([`RawStore`]), sending the practices in batches
/// of [`BATCH`] to `tx` as they are found.
struct TopSeed<'s, 'a> {
    tx: &'s std::sync::mpsc::SyncSender<Found<'a>>,
    /// The whole file's text.
    text: &'a str,
}

impl<'de> serde::de::DeserializeSeed<'de> for TopSeed<'_, 'de> {
    type Value = RawStore;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_struct("RawStore", &["format", "practices"], self)
    }
}

impl<'de> serde::de::Visitor<'de> for TopSeed<'_, 'de> {
    type Value = RawStore;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a praktyki store: {\"format\": ..., \"practices\": [...]}")
    }

    fn visit_map<M: serde::de::MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
        use serde::de::Error;
        let (mut format, mut practices) = (None, false);
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            match key.as_ref() {
                "format" if format.is_some() => return Err(M::Error::duplicate_field("format")),
                "format" => format = Some(map.next_value::<String>()?),
                "practices" if practices => return Err(M::Error::duplicate_field("practices")),
                "practices" => {
                    practices = map.next_value_seed(ListSeed { tx: self.tx, text: self.text }).map(|()| true)?
                }
                _ => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
            }
        }
        let format = format.ok_or_else(|| M::Error::missing_field("format"))?;
        if !practices {
            return Err(M::Error::missing_field("practices"));
        }
        Ok(RawStore { format })
    }
}

/// The `practices` array, sent on in batches as it is read.
struct ListSeed<'s, 'a> {
    tx: &'s std::sync::mpsc::SyncSender<Found<'a>>,
    text: &'a str,
}

impl<'de> serde::de::DeserializeSeed<'de> for ListSeed<'_, 'de> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> serde::de::Visitor<'de> for ListSeed<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of practices")
    }

    fn visit_seq<S: serde::de::SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
        let mut batch = Vec::with_capacity(BATCH);
        while let Some(raw) = seq.next_element::<&'de RawValue>()? {
            batch.push(raw);
            if batch.len() == BATCH {
                // The parser only ends when this sender is dropped.
                let practices = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                let _ = self.tx.send(Found { text: self.text, practices });
            }
        }
        if !batch.is_empty() {
            let _ = self.tx.send(Found { text: self.text, practices: batch });
        }
        Ok(())
    }
}

/// Just enough of a practice to name it in a report when the rest is broken.
#[derive(Deserialize)]
pub(super) struct IdProbe {
    pub(super) id: Option<serde_json::Value>,
}

/// Parses store text; `origin` names it in messages.
pub fn parse_str(text: &str, origin: &str, opts: LoadOptions) -> Result<Store, LoadError> {
    if opts.lazy {
        return parse_owned(Arc::new(text.as_bytes().to_vec()), origin, opts);
    }
    parse_core(text, origin, opts).map(|(store, _)| store)
}

/// Goes over the whole file's `text` (`body`, after a BOM) and sends its
/// practices to `tx` as they are found.
fn find_in<'a>(
    text: &'a str,
    body: &'a str,
    tx: &std::sync::mpsc::SyncSender<Found<'a>>,
) -> Result<RawStore, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(body);
    TopSeed { tx, text }.deserialize(&mut de).and_then(|r| de.end().map(|()| r))
}

/// The parse itself; returns the store and each kept practice's byte range.
fn parse_core(text: &str, origin: &str, opts: LoadOptions) -> Result<(Store, Vec<(usize, usize)>), LoadError> {
    // A BOM is no JSON, but editors on Windows add it; accept it silently.
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Finding the practices is one pass over the whole text; parsing each
    // needs nothing from the others; keeping them must be in order. So the
    // practices found are handed over in batches, parsed on every core, and
    // kept one batch after another, while the pass goes on.
    let (raw, kept) = super::keep::pipeline(Keep::new(text, origin, opts), |tx| find_in(text, body, tx));
    let raw = raw.map_err(|e| {
        let (origin, line, column, message) = (origin.to_owned(), e.line(), e.column(), strip_position(&e));
        if e.is_data() {
            LoadError::Shape { origin, line, column, message }
        } else {
            LoadError::Syntax { origin, line, column, message }
        }
    })?;
    if raw.format != FORMAT {
        return Err(LoadError::Format { origin: origin.to_owned(), found: raw.format });
    }
    let Keep { store, spans, .. } = kept;
    if opts.strict && !store.errors.is_empty() {
        return Err(LoadError::Strict { origin: origin.to_owned(), problems: store.errors });
    }
    Ok((store, spans))
}

/// The fields a lazy load skips.
const LONG_FIELDS: [&str; 3] = ["summary", "presentation", "attachments"];

/// Practices per piece of a batch parsed on one core: each piece packs its
/// heads into buffers of its own, which the keeper copies whole.
pub(super) const PIECE: usize = 64;

/// Parses the practices of `found`, packing each one's head into the
/// piece's own [`Heads`].
pub(super) fn parse_piece(found: &[(&str, usize)], lazy: bool) -> Parsed {
    let mut heads = Heads::default();
    let items = found.iter().map(|&(src, _)| parse_one(src, lazy, &mut heads)).collect();
    Parsed { heads, items }
}

/// Parses one practice, its head packed into `heads` when it is [`Item::Ok`].
fn parse_one(src: &str, lazy: bool, heads: &mut Heads) -> Item {
    let mut unknown = Vec::new();
    let mut de = serde_json::Deserializer::from_str(src);
    let mut on_unknown = |path: serde_ignored::Path<'_>| unknown.push(path.to_string());
    let parsed = if lazy {
        // A lazy load's head is read in place: its fields are copied once,
        // into `heads`, and a field is made only when it has escapes or must
        // be sanitised (a `String` per field made, moved to the keeper and
        // freed there was a fifth of a first parse of a million practices).
        serde_ignored::deserialize::<_, _, SkimRef>(&mut de, &mut on_unknown).map(|mut p| {
            p.for_each_head_text_mut(|t| sanitize_cow(&mut t.0, false));
            // A lazy load serves browsing and lookups, which show no
            // warnings; `validate` loads eagerly and checks everything.
            (heads.push(&p).map_err(|_| p.id.0.into_owned()), None, Vec::new())
        })
    } else {
        serde_ignored::deserialize::<_, _, Practice>(&mut de, &mut on_unknown).map(|mut p| {
            sanitize_practice(&mut p);
            let findings = checks::check(&p);
            (heads.push(&p).map_err(|_| p.id.clone()), Some(p.into_long()), findings)
        })
    };
    if lazy {
        // The long texts are skipped on purpose; they are not unknown fields.
        unknown.retain(|path| !LONG_FIELDS.contains(&path.split(['.', '[']).next().unwrap_or("")));
    }
    match parsed {
        Ok((Ok(()), long, findings)) => Item::Ok { long, unknown, findings },
        Ok((Err(id), ..)) => Item::TooLarge { id },
        Err(_) => {
            // Only a broken practice pays for tracking the path to the error.
            let mut de = serde_json::Deserializer::from_str(src);
            let result = if lazy {
                serde_path_to_error::deserialize::<_, SkimRef>(&mut de).map(|_| ())
            } else {
                serde_path_to_error::deserialize::<_, Practice>(&mut de).map(|_| ())
            };
            let err = match result {
                Err(e) => e,
                Ok(()) => return parse_one_unreachable(src),
            };
            let inner = err.inner();
            let path = err.path().to_string();
            Item::Broken {
                id: probe_id(src),
                field: (path != ".").then_some(path),
                message: strip_position(inner),
                line: inner.line(),
                column: inner.column(),
            }
        }
    }
}

/// Both deserialisers read the same grammar, so a practice one rejects the
/// other rejects too; should they ever disagree, say so rather than panic.
fn parse_one_unreachable(src: &str) -> Item {
    Item::Broken {
        id: probe_id(src),
        field: None,
        message: "practice rejected by one JSON reader and accepted by another".into(),
        line: 1,
        column: 1,
    }
}

/// Sanitises every text field of a practice (see [`super::sanitize`]).
pub fn sanitize_practice(p: &mut Practice) {
    p.for_each_text_mut(sanitize_in_place);
}

fn probe_id(src: &str) -> Option<String> {
    let probe: IdProbe = serde_json::from_str(src).ok()?;
    match probe.id? {
        serde_json::Value::String(s) => Some(crate::text::sanitize::sanitize(&s, false)),
        other => Some(other.to_string()),
    }
}

/// Offset of a value's JSON string form inside a practice's source, so a
/// warning can point at the line of the field rather than the practice.
pub(super) fn locate(src: &str, value: &str) -> Option<usize> {
    let quoted = serde_json::to_string(value).ok()?;
    src.find(&quoted)
}

/// Turns a position inside a practice's text into a position in the file.
pub(super) fn relative(start: (usize, usize), line: usize, column: usize) -> (usize, usize) {
    if line <= 1 { (start.0, start.1 + column.saturating_sub(1)) } else { (start.0 + line - 1, column) }
}

/// serde_json appends " at line L column C"; the location is reported on its own.
fn strip_position(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_owned(),
        None => msg,
    }
}

/// Byte offset → 1-based line and column (column counted in characters).
///
/// A store written without newlines is one 100 MB line, so counting the
/// column from the line start for every problem would be quadratic; the
/// last answer is remembered and counting resumes from it.
pub(super) struct LineIndex<'a> {
    bytes: &'a [u8],
    /// Line starts, found on the first question: a clean store never asks.
    starts: std::cell::OnceCell<Vec<usize>>,
    /// (offset, line, column) of the last answer.
    memo: std::cell::Cell<(usize, usize, usize)>,
}

impl<'a> LineIndex<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        Self { bytes, starts: std::cell::OnceCell::new(), memo: std::cell::Cell::new((0, 1, 1)) }
    }

    pub(super) fn position(&self, offset: usize) -> (usize, usize) {
        let starts = self.starts.get_or_init(|| {
            let mut starts = vec![0];
            starts.extend(self.bytes.iter().enumerate().filter(|(_, b)| **b == b'\n').map(|(i, _)| i + 1));
            starts
        });
        let offset = offset.min(self.bytes.len());
        let line = starts.partition_point(|s| *s <= offset);
        let line_start = starts[line - 1];
        let (m_off, m_line, m_col) = self.memo.get();
        let (from, base) =
            if m_line == line && m_off >= line_start && m_off <= offset { (m_off, m_col) } else { (line_start, 1) };
        let column = base + self.bytes[from..offset].iter().filter(|b| (**b & 0xC0) != 0x80).count();
        self.memo.set((offset, line, column));
        (line, column)
    }
}

#[cfg(test)]
#[path = "load_tests.rs"]
mod tests;
