//! `praktyki export`: the practices a query finds (or the marked ones) as
//! CSV, Markdown or JSON, to standard output or a file.

use std::io::Write;
use std::path::Path;

use clap::ValueEnum;

use super::{Context, EXIT_NONE, EXIT_OK, Failure, lookup, open_store};
use crate::export::{self, DEFAULT_FIELDS};
use crate::store::Practice;
use crate::store::write::write_atomic;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// RFC 4180, UTF-8, a header row
    Csv,
    /// A readable dossier
    Md,
    /// The store's format, to import elsewhere
    Json,
}

/// What `export` was asked.
pub struct Request<'a> {
    pub query: &'a str,
    pub format: Format,
    pub fields: Option<&'a str>,
    pub out: Option<&'a Path>,
    pub marked: bool,
    pub contacts: bool,
    /// CSV for a spreadsheet in a Polish locale: a byte-order mark and `;`.
    pub excel: bool,
}

pub(super) fn export(cx: &mut Context<'_>, r: &Request<'_>) -> Result<u8, Failure> {
    let fields = match (r.fields, r.format) {
        (Some(f), Format::Csv) => export::parse_fields(f).map_err(Failure::Usage)?,
        (Some(_), _) => return Err(Failure::Usage("--fields is for --format csv".into())),
        // A row per person: the person's e-mail and phone are its own columns.
        (None, _) if r.contacts => DEFAULT_FIELDS
            .iter()
            .copied()
            .filter(|f| !matches!(f, export::Field::Email | export::Field::Phone))
            .collect(),
        (None, _) => DEFAULT_FIELDS.to_vec(),
    };
    if r.excel && r.format != Format::Csv {
        return Err(Failure::Usage("--excel is for --format csv".into()));
    }
    if r.contacts && r.format != Format::Csv {
        return Err(Failure::Usage("--contacts is for --format csv".into()));
    }
    // An export never replaces what praktyki reads: the store in use, its
    // bookmarks, its config.
    if let Some(out) = r.out {
        let same = |p: &Path| match (out.canonicalize(), p.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        let store = cx.plan().choice.path;
        let marks = crate::load::bookmarks_path(&cx.dirs);
        let config = cx.dirs.config_file.as_ref().map(|(p, _)| p.clone());
        if store.iter().chain(marks.iter()).chain(config.iter()).any(|p| same(p)) {
            return Err(Failure::Usage(format!(
                "--out {}: that is a file praktyki reads; write elsewhere",
                out.display()
            )));
        }
    }
    if r.marked && !r.query.trim().is_empty() {
        return Err(Failure::Usage("--marked takes no query: it exports the marked practices".into()));
    }
    let practices = if r.marked { marked(cx)? } else { found(cx, r.query)? };
    let s = cx.lang.strings();
    let bytes = match r.format {
        Format::Csv => {
            let csv = export::to_csv(&practices, &fields, r.contacts, if r.excel { b';' } else { b',' })
                .map_err(|e| Failure::Usage(e.to_string()))?;
            if r.excel { [&b"\xEF\xBB\xBF"[..], &csv].concat() } else { csv }
        }
        Format::Md => {
            let heading = if r.marked {
                s.marked_heading
            } else if r.query.trim().is_empty() {
                s.map_all
            } else {
                r.query.trim()
            };
            export::to_markdown(&practices, heading, s).into_bytes()
        }
        Format::Json => export::to_json(practices.clone()).map_err(std::io::Error::from)?.into_bytes(),
    };
    // Nothing found (a typo in the query) never replaces a report.
    if practices.is_empty() {
        let left = r.out.map(|p| format!("; {} {}", p.display(), s.not_written)).unwrap_or_default();
        writeln!(cx.err, "praktyki: {}{left}", s.nothing_to_export)?;
        return Ok(EXIT_NONE);
    }
    match r.out {
        None => cx.out.write_all(&bytes)?,
        Some(path) if path == Path::new("-") => cx.out.write_all(&bytes)?,
        // A device or a pipe (/dev/stdout, a FIFO) is written to, never
        // replaced by a file.
        Some(path) if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) => {
            std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .and_then(|mut f| f.write_all(&bytes))
                .map_err(|e| Failure::Usage(format!("{}: {e}", path.display())))?;
        }
        Some(path) => {
            write_atomic(path, &bytes)?;
            writeln!(cx.err, "praktyki: {}: {} → {}", s.exported, practices.len(), path.display())?;
        }
    }
    Ok(EXIT_OK)
}

/// The practices a query finds, best first (all of them, in title order,
/// for no query), whole.
/// A practice's id exports that practice alone; letters scattered through
/// a name are left out when anything matched better (as `show` refuses
/// them).
fn found(cx: &mut Context<'_>, query: &str) -> Result<Vec<Practice>, Failure> {
    // One load: the practices are read whole from it, so the search uses
    // its index rather than loading the names apart.
    let texts = !query.trim().is_empty();
    let mut loaded = open_store(cx, texts)?;
    let index = lookup::index_of(&mut loaded, texts);
    let store = &loaded.store;
    let read = |i: usize| store.read_full(i).map(std::borrow::Cow::into_owned).map_err(Failure::Usage);
    if let Some(i) = store.practices.iter().position(|p| p.id() == query.trim()) {
        return Ok(vec![read(i)?]);
    }
    let ids = store.practices.iter().map(|p| p.id());
    let found = index.find_among(ids, query, crate::search::Scope { texts }, &|| false).unwrap_or_default();
    lookup::tell_notes(cx, &found.notes)?;
    let scattered = crate::search::Quality::Scattered;
    let weak_only = found.hits.first().is_none_or(|h| h.quality <= scattered);
    found.hits.iter().filter(|h| weak_only || h.quality > scattered).map(|h| read(h.index)).collect()
}

/// The marked practices, in the order they were marked; a mark whose
/// practice is not in the store is said on stderr.
fn marked(cx: &mut Context<'_>) -> Result<Vec<Practice>, Failure> {
    let Some(path) = crate::load::bookmarks_path(&cx.dirs) else {
        return Err(Failure::Usage("no data directory on this system".into()));
    };
    let marks = crate::load::bookmarks::Bookmarks::load(&path).map_err(|e| Failure::Usage(e.to_string()))?;
    let loaded = open_store(cx, false)?;
    let by_id: std::collections::HashMap<&str, usize> =
        loaded.store.practices.iter().enumerate().map(|(i, p)| (p.id(), i)).collect();
    let mut out = Vec::new();
    for b in &marks.bookmarks {
        match by_id.get(b.id.as_str()).copied() {
            Some(i) => out.push(loaded.store.read_full(i).map_err(Failure::Usage)?.into_owned()),
            None => writeln!(cx.err, "praktyki: {} ({}) is marked but not in this store", b.id, b.title)?,
        }
    }
    Ok(out)
}
