//! `praktyki export`: the practices a query finds (or the marked ones) as
//! CSV, Markdown or JSON, to standard output or a file.

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
}

pub(super) fn export(cx: &mut Context<'_>, r: &Request<'_>) -> Result<u8, Failure> {
    let fields = match (r.fields, r.format) {
        (Some(f), Format::Csv) => export::parse_fields(f).map_err(Failure::Usage)?,
        (Some(_), _) => return Err(Failure::Usage("--fields is for --format csv".into())),
        (None, _) => DEFAULT_FIELDS.to_vec(),
    };
    if r.contacts && r.format != Format::Csv {
        return Err(Failure::Usage("--contacts is for --format csv".into()));
    }
    if r.marked && !r.query.trim().is_empty() {
        return Err(Failure::Usage("--marked takes no query: it exports the marked practices".into()));
    }
    let practices = if r.marked { marked(cx)? } else { found(cx, r.query)? };
    let s = cx.lang.strings();
    let bytes = match r.format {
        Format::Csv => export::to_csv(&practices, &fields, r.contacts).map_err(|e| Failure::Usage(e.to_string()))?,
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
    match r.out {
        Some(path) => {
            write_atomic(path, &bytes)?;
            writeln!(cx.err, "praktyki: {} {} → {}", practices.len(), s.exported, path.display())?;
        }
        None => cx.out.write_all(&bytes)?,
    }
    Ok(if practices.is_empty() { EXIT_NONE } else { EXIT_OK })
}

/// The practices a query finds, best first (all of them, in title order,
/// for no query), whole.
fn found(cx: &mut Context<'_>, query: &str) -> Result<Vec<Practice>, Failure> {
    let (_, found) = lookup::find(cx, query, !query.trim().is_empty())?;
    let loaded = open_store(cx, false)?;
    found
        .hits
        .iter()
        .map(|h| loaded.store.read_full(h.index).map(std::borrow::Cow::into_owned).map_err(Failure::Usage))
        .collect()
}

/// The marked practices, in the order they were marked; a mark whose
/// practice is not in the store is said on stderr.
fn marked(cx: &mut Context<'_>) -> Result<Vec<Practice>, Failure> {
    let Some(path) = crate::load::bookmarks_path(&cx.dirs) else {
        return Err(Failure::Usage("no data directory on this system".into()));
    };
    let marks = crate::load::bookmarks::Bookmarks::load(&path).map_err(|e| Failure::Usage(e.to_string()))?;
    let loaded = open_store(cx, false)?;
    let mut out = Vec::new();
    for b in &marks.bookmarks {
        match loaded.store.practices.iter().position(|p| p.id == b.id) {
            Some(i) => out.push(loaded.store.read_full(i).map_err(Failure::Usage)?.into_owned()),
            None => writeln!(cx.err, "praktyki: {} ({}) is marked but not in this store", b.id, b.title)?,
        }
    }
    Ok(out)
}
