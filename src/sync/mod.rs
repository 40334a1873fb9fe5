//! Getting the whole base: a source (the live archive, the Wayback Machine
//! or a saved mirror) gives raw views of practices; [`bdp::assemble`] makes
//! them practices with the page importer; the store is merged and written
//! under its lock. Raw responses are kept per source ([`raw`]), so a sync
//! resumes where it stopped and the next one asks only what changed.
//!
//! ```text
//! Source ──► Gathered (raw views, missing views, failures) ──► assemble ──► merge under lock ──► Summary
//!              ▲ Fetcher (polite HTTP) + RawStore (resume, 304s)      Progress as data ──► the CLI's bar
//! ```

pub mod bdp;
pub mod crawl;
pub mod fetch;
pub mod mirror;
pub mod raw;
pub mod wayback;

use std::path::PathBuf;
use std::time::Duration;

use url::Url;

use self::bdp::{Missing, RawView, ViewRef};
use self::fetch::{Counts, Failure, Fetcher, Page, Politeness};
use crate::store::write::{MergeReport, WriteError, merge_into_file};

/// Where the pages come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A live site in the archive's structure, at this base URL.
    Live(Url),
    /// The Wayback Machine (or something that answers like it) at this URL.
    Wayback(Url),
}

impl Source {
    /// `--from`: `wayback`, or an http(s) URL; a URL without a path gets `/`.
    pub fn parse(from: &str, wayback_url: Option<&str>) -> Result<Source, String> {
        let base = |s: &str| -> Result<Url, String> {
            // "localhost:8080" parses as a URL of scheme "localhost": say what was meant.
            if !s.contains("://") {
                return Err(format!("'{s}' is not a URL; did you mean http://{s}/ ?"));
            }
            let mut u = Url::parse(s).map_err(|e| format!("'{s}' is not a URL: {e}"))?;
            if !matches!(u.scheme(), "http" | "https") {
                return Err(format!("'{s}': only http and https sources can be synced"));
            }
            if !u.path().ends_with('/') {
                // "…/index.php" or "…/bdp" both mean the folder the site is in.
                let path = u.path().to_owned();
                let dir = if path.ends_with(".php") {
                    path.rsplit_once('/').map_or("/", |(d, _)| d).to_owned() + "/"
                } else {
                    path + "/"
                };
                u.set_path(&dir);
            }
            u.set_query(None);
            u.set_fragment(None);
            Ok(u)
        };
        if from.eq_ignore_ascii_case("wayback") {
            return Ok(Source::Wayback(base(wayback_url.unwrap_or(wayback::WAYBACK))?));
        }
        if wayback_url.is_some() {
            return Err("--wayback-url goes with --from wayback".into());
        }
        Ok(Source::Live(base(from)?))
    }

    fn site(&self) -> &Url {
        match self {
            Source::Live(u) | Source::Wayback(u) => u,
        }
    }

    /// The folder name of this source's raw responses.
    fn key(&self) -> String {
        let u = self.site();
        let host = u.host_str().unwrap_or("site");
        let port = u.port().map(|p| format!("_{p}")).unwrap_or_default();
        let kind = if matches!(self, Source::Wayback(_)) { "wayback-" } else { "" };
        let name = format!("{kind}{host}{port}");
        name.chars().map(|c| if c.is_ascii_alphanumeric() || "._-".contains(c) { c } else { '_' }).collect()
    }
}

/// What a sync is asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    pub source: Source,
    /// The store to merge into.
    pub into: PathBuf,
    /// Where raw responses are kept (a folder per source is made in it);
    /// `None` keeps them in a temporary folder, so nothing resumes.
    pub raw_root: Option<PathBuf>,
    pub politeness: Politeness,
    pub dry_run: bool,
    pub refresh: bool,
    pub prune: bool,
    /// How long to wait for another writer of the store.
    pub lock_wait: Duration,
    /// Set (by a signal) to stop after the page being fetched.
    pub cancel: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
}

/// Progress as data: the CLI draws a bar or prints lines from it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub queued: usize,
    pub practices: usize,
    pub failed: usize,
    pub counts: Counts,
    /// The page just done.
    pub last: String,
    /// Another writer holds the store, which the sync waits for (who).
    pub waiting: Option<String>,
}

/// Counts pages as they are done and tells whoever watches.
pub struct Tally<'a> {
    progress: Progress,
    report: &'a mut dyn FnMut(&Progress),
    cancel: Option<&'a std::sync::atomic::AtomicBool>,
    pub queued: usize,
    pub practices: usize,
}

impl<'a> Tally<'a> {
    pub fn new(report: &'a mut dyn FnMut(&Progress), cancel: Option<&'a std::sync::atomic::AtomicBool>) -> Self {
        Tally { progress: Progress::default(), report, cancel, queued: 0, practices: 0 }
    }

    /// Whether the user asked to stop; sources check between pages.
    pub fn cancelled(&self) -> bool {
        self.cancel.is_some_and(|c| c.load(std::sync::atomic::Ordering::SeqCst))
    }

    fn tell(&mut self, last: &str, fetcher: &Fetcher) {
        self.progress.done += 1;
        self.progress.queued = self.queued;
        self.progress.practices = self.practices;
        self.progress.counts = fetcher.counts;
        self.progress.last = last.to_owned();
        (self.report)(&self.progress);
    }

    pub fn page(&mut self, page: &Page, fetcher: &Fetcher) {
        self.tell(&page.url, fetcher);
    }

    pub fn failed(&mut self, url: &str, e: &Failure, fetcher: &Fetcher) {
        if !matches!(e, Failure::Gone(_) | Failure::Disallowed) {
            self.progress.failed += 1;
        }
        self.tell(url, fetcher);
    }
}

/// Bounds on what a source may make a sync do. The BDP has about 600
/// practices on about 2,000 pages, tens of megabytes in all; a site past
/// these is a trap or not the BDP, and the sync stops collecting and says so.
pub mod limits {
    /// Practices (article numbers).
    pub const ARTICLES: usize = 10_000;
    /// Listing pages, fetched or waiting.
    pub const LISTINGS: usize = 20_000;
    /// Bytes of practice pages held for the import.
    pub const HELD_BYTES: u64 = 1 << 30;
    /// Bytes downloaded in one sync.
    pub const DOWNLOADED_BYTES: u64 = 2 << 30;
}

/// What a source gave.
#[derive(Debug, Default)]
pub struct Gathered {
    pub raw: Vec<RawView>,
    pub missing: Vec<Missing>,
    /// Pages that failed (not a 404: a time-out, an error, a loop), with why.
    pub failed: Vec<(String, String)>,
    /// Set when the source could not be read whole, so what is absent from
    /// it cannot be taken as removed.
    pub incomplete: Option<String>,
    /// The user stopped it; what was fetched is kept for the next run.
    pub interrupted: bool,
    /// Bytes of the raw views held.
    held: u64,
}

impl Gathered {
    fn push(&mut self, url: String, want: ViewRef, page: Page) {
        self.held += page.bytes.len() as u64;
        self.raw.push(RawView { name: url, want, bytes: page.bytes, charset: page.charset });
    }

    /// Whether the source has given as much as a sync takes; says why once.
    fn full(&mut self, fetcher: &Fetcher) -> bool {
        let why = if self.held > limits::HELD_BYTES {
            Some(format!("practice pages passed {} MiB", limits::HELD_BYTES >> 20))
        } else if fetcher.counts.bytes > limits::DOWNLOADED_BYTES {
            Some(format!("downloads passed {} MiB", limits::DOWNLOADED_BYTES >> 20))
        } else {
            None
        };
        match why {
            Some(why) => {
                self.incomplete.get_or_insert(format!("stopped: {why}, far more than the BDP has"));
                true
            }
            None => false,
        }
    }

    fn missing(&mut self, url: String, want: ViewRef, e: Failure) {
        // The same words as a mirror without the file, so sources agree.
        let (reason, transient) = match e {
            Failure::Gone(_) => ("not found at the source".to_owned(), false),
            e => {
                // A view that failed may be there next time: nothing may be pruned now.
                self.incomplete.get_or_insert_with(|| format!("a practice's page failed: {url}: {e}"));
                self.failed.push((url, e.to_string()));
                (e.to_string(), true)
            }
        };
        self.missing.push(Missing { want, reason, transient });
    }

    fn missing_view(&mut self, want: ViewRef, reason: String, transient: bool) {
        self.missing.push(Missing { want, reason, transient });
    }
}

/// How a sync ended.
#[derive(Debug, Default)]
pub struct Summary {
    pub merge: MergeReport,
    /// Practices of the archive in the store that the source no longer has.
    pub gone: Vec<String>,
    pub failed: Vec<(String, String)>,
    /// Practices with views that could not be had: id, what is missing.
    pub problems: Vec<(String, String)>,
    pub rejected: Vec<(String, String)>,
    pub notes: Vec<String>,
    pub incomplete: Option<String>,
    pub counts: Counts,
    pub practices: usize,
    pub resumed: bool,
    pub written: bool,
    pub waited: Duration,
    /// Titles of the practices the summary names (new, updated or gone).
    pub titles: std::collections::HashMap<String, String>,
}

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// Stopped by the user after `0` pages; they are kept for the next run.
    #[error(
        "interrupted after {0} page(s); they are kept: run the same command again to go on (nothing fetched is asked for twice)"
    )]
    Interrupted(usize),
    /// Nothing could be fetched: the source is down, or not the BDP.
    #[error("{0}")]
    Unreachable(String),
    #[error("{path}: cannot keep raw pages there: {source}")]
    Raw {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Store(#[from] WriteError),
}

/// Fetches the source and merges what it gave into the store.
pub fn run(opts: &Options, report: &mut dyn FnMut(&Progress)) -> Result<Summary, SyncError> {
    let temp;
    let raw_dir = match &opts.raw_root {
        Some(root) => root.join("sync").join(opts.source.key()),
        None => {
            temp =
                tempfile::tempdir().map_err(|source| SyncError::Raw { path: "a temporary folder".into(), source })?;
            temp.path().to_path_buf()
        }
    };
    let raw = raw::RawStore::open(&raw_dir, opts.refresh)
        .map_err(|source| SyncError::Raw { path: raw_dir.display().to_string(), source })?;
    // A store that cannot be written is said now, not after the whole site.
    crate::store::write::check_target(&opts.into)?;
    let mut fetcher = Fetcher::new(opts.source.site(), opts.politeness);
    let mut tally = Tally::new(report, opts.cancel.as_deref());
    let gathered = match &opts.source {
        Source::Live(base) => crawl::crawl(base, &mut fetcher, &raw, &mut tally),
        Source::Wayback(api) => wayback::gather(api, &mut fetcher, &raw, &mut tally),
    }
    .map_err(SyncError::Unreachable)?;
    if gathered.interrupted {
        return Err(SyncError::Interrupted(tally.progress.done));
    }
    if gathered.raw.is_empty() && gathered.missing.is_empty() {
        let why = gathered.incomplete.clone().unwrap_or_else(|| "no practice pages were found".into());
        return Err(SyncError::Unreachable(format!("{}: {why}", opts.source.site())));
    }
    let mut summary = Summary {
        resumed: raw.resumed(),
        counts: fetcher.counts,
        waited: fetcher.waited,
        incomplete: gathered.incomplete.clone(),
        failed: gathered.failed.clone(),
        ..Summary::default()
    };
    let transient: Vec<(String, bdp::ViewKind)> =
        gathered.missing.iter().filter(|m| m.transient).map(|m| (m.want.id(), m.want.view)).collect();
    let assembled = bdp::assemble(gathered.raw, &gathered.missing);
    summary.rejected = assembled.rejected;
    summary.notes = assembled.notes;
    summary.practices = assembled.practices.len();
    for p in &assembled.practices {
        summary.titles.insert(p.id.clone(), p.title.clone());
        for problem in &p.problems {
            summary.problems.push((p.id.clone(), problem.clone()));
        }
    }
    // Absence means removal only on the live site read whole.
    let live = matches!(opts.source, Source::Live(_));
    let prune = opts.prune && live && summary.incomplete.is_none();
    let mut gone = Vec::new();
    let mut gone_titles = Vec::new();
    let mut plan = |text: Option<&str>, origin: &str| {
        let mut practices = assembled.practices.clone();
        let Some(text) = text else { return Ok((practices, Vec::new())) };
        let store = crate::store::parse_str(text, origin, crate::store::LoadOptions { strict: false, lazy: false })?;
        // A view that failed this time keeps the store's copy of it.
        for p in &mut practices {
            let kinds: Vec<bdp::ViewKind> = transient.iter().filter(|(id, _)| *id == p.id).map(|(_, k)| *k).collect();
            let old =
                store.practices.iter().position(|o| o.id() == p.id).and_then(|i| store.read_full_unlocated(i).ok());
            if let (false, Some(old)) = (kinds.is_empty(), old) {
                bdp::keep_views(p, &old, &kinds);
            }
        }
        if live {
            for old in store.practices.iter().filter(|o| from_archive(*o)) {
                if !practices.iter().any(|p| p.id == old.id()) {
                    gone_titles.push((old.id().to_owned(), old.title().to_owned()));
                    gone.push(old.id().to_owned());
                }
            }
        }
        Ok((practices, if prune { gone.clone() } else { Vec::new() }))
    };
    let mut on_wait = |holder: &str| report(&Progress { waiting: Some(holder.to_owned()), ..Progress::default() });
    let merged = merge_into_file(&opts.into, true, opts.dry_run, opts.lock_wait, &mut on_wait, &mut plan)?;
    summary.merge = merged.report;
    summary.written = merged.written;
    summary.gone = gone;
    summary.titles.extend(gone_titles);
    // The run is finished once the store has what it fetched: the next one
    // revalidates rather than resumes.
    raw.finish().map_err(|source| SyncError::Raw { path: raw_dir.display().to_string(), source })?;
    Ok(summary)
}

/// Whether a practice of the store came from the archive (and so may be
/// found gone from it).
fn from_archive(p: crate::store::heads::HeadRef<'_>) -> bool {
    p.id().starts_with("bdp-") && p.source_url().is_some_and(|u| u.starts_with(bdp::ARCHIVE))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources() {
        let live = |s: &str| match Source::parse(s, None) {
            Ok(Source::Live(u)) => u.to_string(),
            other => panic!("{other:?}"),
        };
        assert_eq!(live("https://archiwum.dobrepraktyki.pl"), "https://archiwum.dobrepraktyki.pl/");
        assert_eq!(live("http://127.0.0.1:8080/bdp/index.php?p1=2"), "http://127.0.0.1:8080/bdp/");
        assert_eq!(live("http://h/bdp"), "http://h/bdp/");
        assert!(Source::parse("ftp://h/", None).is_err());
        let hint = Source::parse("localhost:8080", None).unwrap_err();
        assert_eq!(hint, "'localhost:8080' is not a URL; did you mean http://localhost:8080/ ?");
        assert!(Source::parse("archiwum.dobrepraktyki.pl", None).is_err());
        assert!(Source::parse("http://h/", Some("http://w/")).is_err());
        let Ok(Source::Wayback(w)) = Source::parse("wayback", Some("http://127.0.0.1:9")) else { panic!() };
        assert_eq!(w.as_str(), "http://127.0.0.1:9/");
        assert_eq!(Source::Wayback(w).key(), "wayback-127.0.0.1_9");
    }
}
