//! The commands that fill a store: `import` (saved pages and saved mirrors)
//! and `sync` (the live archive or the Wayback Machine). Both merge through
//! [`merge_into_file`], so both take the store's lock and re-read it.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGTERM};

use clap::Args;

use super::{Context, EXIT_ERROR, EXIT_NONE, EXIT_OK, Failure};
use crate::i18n::Lang;
use crate::said;
use crate::store::import::{self, FileReport};
use crate::store::write::{MergeReport, merge_into_file};
use crate::store::{self, Practice};
use crate::sync::{self, Progress, Source, bdp, fetch::Politeness, mirror};
use crate::text::sanitize::sanitize;

/// The shell's status for a program stopped by ctrl-c.
const EXIT_INTERRUPTED: u8 = 130;

/// How long a writer waits for another one before it says who holds the store.
const LOCK_WAIT: Duration = Duration::from_secs(30);

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// Where from: the archive's address, or `wayback` for the Wayback Machine's captures
    #[arg(long, value_name = "URL|wayback", default_value = bdp::ARCHIVE)]
    from: String,
    /// The Wayback Machine's address, with --from wayback (for a mirror of its API)
    #[arg(long, value_name = "URL")]
    wayback_url: Option<String>,
    /// Store to write (default: the store in use, or practices.json in the data directory)
    #[arg(long, value_name = "PATH")]
    into: Option<PathBuf>,
    /// Fetch, then list what would change (on stdout) without writing the store
    #[arg(long)]
    dry_run: bool,
    /// Fetch every page again, ignoring what earlier syncs kept
    #[arg(long)]
    refresh: bool,
    /// Remove from the store the archive's practices the site no longer has
    #[arg(long)]
    prune: bool,
    /// Requests per second at most; 0 for no pause (a mirror on your own machine)
    #[arg(long, value_name = "N", default_value_t = 1.0)]
    rate: f64,
    /// Seconds to wait for a connection or an answer
    #[arg(long, value_name = "SECS", default_value_t = 20)]
    timeout: u64,
    /// Tries after the first on HTTP 429, 5xx, a time-out or a dropped connection
    #[arg(long, value_name = "N", default_value_t = 3)]
    retries: u32,
    /// Largest page accepted, in bytes
    #[arg(long, value_name = "BYTES", default_value_t = 5 * 1024 * 1024)]
    max_page_size: u64,
}

/// Text for a person: whatever a page or a server said goes through the
/// same sanitiser as the store.
fn say(w: &mut dyn Write, line: &str) -> io::Result<()> {
    writeln!(w, "{}", sanitize(line, false))
}

/// Says on stderr that another writer holds the store (the wait goes on).
fn waiting(store: &Path, holder: &str, lang: Lang) {
    let store = store.display();
    let line = said!(
        lang,
        "praktyki: {store}: waiting for another writer ({holder})",
        "praktyki: {store}: czekam na inny proces, który ją zapisuje ({holder})"
    );
    eprintln!("{}", sanitize(&line, false));
}

/// The store a command writes: `--into`, else the store in use if it is a
/// file, else the data directory's.
fn target(cx: &Context<'_>, into: Option<PathBuf>) -> Result<PathBuf, Failure> {
    into.or_else(|| cx.store_choice().path).or_else(|| cx.dirs.user_store()).ok_or_else(|| {
        Failure::Usage(said!(
            cx.lang,
            "no data directory on this system; give --into PATH",
            "brak katalogu danych w tym systemie; podaj --into ŚCIEŻKA"
        ))
    })
}

pub fn import(
    cx: &mut Context<'_>,
    paths: &[PathBuf],
    into: Option<PathBuf>,
    dry_run: bool,
    replace: bool,
) -> Result<u8, Failure> {
    // Read every page first: one unreadable page aborts before anything is written.
    let mut pages = Vec::new();
    let mut from_mirrors: Vec<Practice> = Vec::new();
    for path in paths {
        if path.is_dir() {
            from_mirrors.extend(read_mirror(cx, path)?);
        } else {
            pages.push(import::read_page(path)?);
        }
    }
    let reports: Vec<FileReport> = pages.iter().map(|(_, r)| r.clone()).collect();
    for r in &reports {
        for l in r.lines() {
            say(cx.err, &l)?;
        }
    }
    let (mut practices, conflicts) = import::merge_pages(pages);
    for c in &conflicts {
        say(cx.err, c)?;
    }
    practices.extend(from_mirrors);
    for p in &practices {
        for f in store::checks::check(p) {
            let (id, field, message) = (&p.id, &f.field, crate::i18n::message(&f.message, cx.lang));
            let line = said!(
                cx.lang,
                "practice '{id}': warning: field '{field}': {message}",
                "praktyka '{id}': ostrzeżenie: pole '{field}': {message}"
            );
            say(cx.err, &line)?;
        }
    }
    let target = target(cx, into)?;
    let lang = cx.lang;
    let merged = merge_into_file(
        &target,
        replace,
        dry_run,
        LOCK_WAIT,
        &mut |holder| waiting(&target, holder, lang),
        &mut |_, _| Ok((practices.clone(), Vec::new())),
    )?;
    // Said only now: a practice "was added" once the store is written.
    report_merge(cx, &merged.report, &target.display().to_string(), dry_run)?;
    if dry_run {
        cx.out.write_all(merged.text.as_bytes())?;
    }
    Ok(EXIT_OK)
}

/// A saved mirror's practices, with a few lines on what was read.
fn read_mirror(cx: &mut Context<'_>, dir: &Path) -> Result<Vec<Practice>, Failure> {
    let scan = mirror::scan(dir).map_err(Failure::Usage)?;
    let views = scan.gathered.raw.len();
    let assembled = bdp::assemble(scan.gathered.raw, &scan.gathered.missing);
    let name = dir.display().to_string();
    let (found, pages, other) =
        (assembled.practices.len(), views - assembled.rejected.len(), scan.other_files + assembled.rejected.len());
    let line = said!(
        cx.lang,
        "{name}: {found} practice(s) from {pages} page(s); {other} other file(s) passed over",
        "{name}: praktyki: {found}, ze stron: {pages}; pominięte inne pliki: {other}"
    );
    say(cx.err, &line)?;
    for (file, why) in scan.gathered.failed.iter().chain(&assembled.rejected) {
        say(cx.err, &format!("  {file}: {why}"))?;
    }
    for note in &assembled.notes {
        say(cx.err, &format!("  {note}"))?;
    }
    for r in &assembled.reports {
        for n in r.notes.iter().filter(|n| n.kind == import::page::NoteKind::Unrecognised) {
            let (path, line, what) = (&r.path, n.line, &n.message);
            say(
                cx.err,
                &said!(
                    cx.lang,
                    "  {path}: line {line}: not imported: {what}",
                    "  {path}: wiersz {line}: pominięty: {what}"
                ),
            )?;
        }
    }
    for p in &assembled.practices {
        for problem in &p.problems {
            let id = &p.id;
            say(cx.err, &said!(cx.lang, "  practice '{id}': {problem}", "  praktyka '{id}': {problem}"))?;
        }
    }
    Ok(assembled.practices)
}

fn report_merge(cx: &mut Context<'_>, r: &MergeReport, origin: &str, dry_run: bool) -> io::Result<()> {
    let lang = cx.lang;
    for id in &r.added {
        let line = match dry_run {
            true => {
                said!(lang, "{origin}: practice '{id}' would be added", "{origin}: praktyka '{id}' zostałaby dodana")
            }
            false => said!(lang, "{origin}: practice '{id}' was added", "{origin}: praktyka '{id}' została dodana"),
        };
        say(cx.err, &line)?;
    }
    for (id, changes) in &r.changes {
        let line = match dry_run {
            true => said!(
                lang,
                "{origin}: practice '{id}' would be replaced; what changed:",
                "{origin}: praktyka '{id}' zostałaby zastąpiona; zmiany:"
            ),
            false => said!(
                lang,
                "{origin}: practice '{id}' was replaced; what changed:",
                "{origin}: praktyka '{id}' została zastąpiona; zmiany:"
            ),
        };
        say(cx.err, &line)?;
        for line in changes {
            say(cx.err, &format!("  {line}"))?;
        }
    }
    for id in &r.unchanged {
        let line = said!(
            lang,
            "{origin}: practice '{id}' is already in the store as it is",
            "{origin}: praktyka '{id}' jest już w bazie w tej postaci"
        );
        say(cx.err, &line)?;
    }
    for id in &r.kept {
        let line = said!(
            lang,
            "{origin}: practice '{id}' is already in the store and was left as it is (use --replace to overwrite)",
            "{origin}: praktyka '{id}' jest już w bazie i została bez zmian (--replace ją zastąpi)"
        );
        say(cx.err, &line)?;
    }
    Ok(())
}

pub fn sync(cx: &mut Context<'_>, a: &SyncArgs) -> Result<u8, Failure> {
    let source = Source::parse(&a.from, a.wayback_url.as_deref()).map_err(Failure::Usage)?;
    if !(a.rate.is_finite() && a.rate >= 0.0) {
        let rate = a.rate;
        return Err(Failure::Usage(said!(
            cx.lang,
            "--rate {rate}: give a number of requests per second, 0 or more",
            "--rate {rate}: podaj liczbę zapytań na sekundę, 0 lub więcej"
        )));
    }
    if a.timeout == 0 || a.max_page_size == 0 {
        return Err(Failure::Usage(said!(
            cx.lang,
            "--timeout and --max-page-size must be more than 0",
            "--timeout i --max-page-size muszą być większe od 0"
        )));
    }
    let into = target(cx, a.into.clone())?;
    // ctrl-c stops after the page being fetched, so the summary can say
    // what was kept; a second ctrl-c ends it at once.
    let cancel = Arc::new(AtomicBool::new(false));
    for sig in [SIGINT, SIGTERM, SIGHUP] {
        let _ = signal_hook::flag::register_conditional_shutdown(sig, 130, cancel.clone());
        let _ = signal_hook::flag::register(sig, cancel.clone());
    }
    let opts = sync::Options {
        source: source.clone(),
        into: into.clone(),
        raw_root: cx.dirs.cache.as_ref().map(|(d, _)| d.clone()),
        politeness: Politeness {
            rate: a.rate,
            timeout: Duration::from_secs(a.timeout),
            retries: a.retries,
            max_page: a.max_page_size,
        },
        dry_run: a.dry_run,
        refresh: a.refresh,
        prune: a.prune,
        lock_wait: LOCK_WAIT,
        cancel: Some(cancel),
    };
    let from = match &source {
        Source::Live(u) => u.to_string(),
        Source::Wayback(u) => said!(cx.lang, "the Wayback Machine at {u}", "Wayback Machine pod {u}"),
    };
    let rate = a.rate;
    let pace = if rate > 0.0 {
        said!(cx.lang, "at most {rate} request(s) a second (--rate)", "najwyżej {rate} zapytań na sekundę (--rate)")
    } else {
        said!(cx.lang, "no pause between requests", "bez przerw między zapytaniami")
    };
    say(cx.err, &format!("sync: {from} → {}, {pace}", into.display()))?;
    let started = Instant::now();
    let mut meter = Meter::new(a.rate, cx.lang);
    let result = sync::run(&opts, &mut |p| meter.show(p));
    meter.done();
    let summary = match result {
        Ok(s) => s,
        Err(e @ sync::SyncError::Interrupted(_)) => {
            say(cx.err, &format!("sync: {e}"))?;
            return Ok(EXIT_INTERRUPTED);
        }
        Err(e @ sync::SyncError::Store(_)) if !a.dry_run => {
            let kept = said!(
                cx.lang,
                "the pages fetched are kept: running the same command again fetches nothing twice",
                "pobrane strony zostają: to samo polecenie uruchomione ponownie niczego nie pobierze dwa razy"
            );
            say(cx.err, &format!("praktyki: sync: {e}; {kept}"))?;
            return Ok(EXIT_ERROR);
        }
        Err(e) => {
            say(cx.err, &format!("praktyki: sync: {e}"))?;
            return Ok(EXIT_ERROR);
        }
    };
    write_summary(cx, &summary, started.elapsed(), a.dry_run)?;
    Ok(if summary.failed.is_empty() { EXIT_OK } else { EXIT_NONE })
}

fn write_summary(cx: &mut Context<'_>, s: &sync::Summary, took: Duration, dry_run: bool) -> io::Result<()> {
    let m = &s.merge;
    let lang = cx.lang;
    let err = &mut *cx.err;
    if s.resumed {
        let line = said!(
            lang,
            "sync: resumed an interrupted sync; pages it had fetched were not asked for again",
            "sync: wznowiona przerwana synchronizacja; pobranych już stron nie pobrano ponownie"
        );
        say(err, &line)?;
    }
    let (all, new, updated, same) = (s.practices, m.added.len(), m.replaced.len(), m.unchanged.len());
    let line = match dry_run {
        true => said!(
            lang,
            "sync: {all} practice(s): {new} new, {updated} updated, {same} unchanged would be merged",
            "sync: praktyki: {all}; do scalenia nowe: {new}, zmienione: {updated}, bez zmian: {same}"
        ),
        false => said!(
            lang,
            "sync: {all} practice(s): {new} new, {updated} updated, {same} unchanged were merged",
            "sync: praktyki: {all}; scalone nowe: {new}, zmienione: {updated}, bez zmian: {same}"
        ),
    };
    say(err, &line)?;
    let title = |id: &str| s.titles.get(id).map_or(String::new(), |t| format!("  {t}"));
    for (id, _) in &m.replaced {
        let t = title(id);
        say(err, &said!(lang, "  updated: {id}{t}", "  zmieniona: {id}{t}"))?;
    }
    if !s.gone.is_empty() {
        let what = if m.removed.is_empty() {
            if s.incomplete.is_some() {
                said!(lang, "kept: the site was not read whole", "zostają: serwisu nie odczytano w całości")
            } else {
                said!(lang, "kept; --prune removes them", "zostają; --prune je usunie")
            }
        } else if dry_run {
            said!(lang, "would be removed", "zostałyby usunięte")
        } else {
            said!(lang, "removed", "usunięte")
        };
        let gone = s.gone.len();
        let line = said!(
            lang,
            "sync: {gone} practice(s) of the archive are no longer at the source ({what}):",
            "sync: praktyki z archiwum, których nie ma już w źródle: {gone} ({what}):"
        );
        say(err, &line)?;
        for id in &s.gone {
            say(err, &format!("  {id}{}", title(id)))?;
        }
    }
    let c = &s.counts;
    let (requests, downloaded, kib, not_modified, kept, secs) =
        (c.requests, c.downloaded, c.bytes / 1024, c.not_modified, c.kept, took.as_secs_f64());
    let line = said!(
        lang,
        "sync: {requests} request(s): {downloaded} page(s) downloaded ({kib} KiB), {not_modified} not modified; {kept} kept from an earlier run; {secs:.1} s",
        "sync: zapytania: {requests}; pobrane strony: {downloaded} ({kib} KiB), niezmienione: {not_modified}; zachowane z wcześniejszego przebiegu: {kept}; {secs:.1} s"
    );
    say(err, &line)?;
    if !s.problems.is_empty() {
        let n = s.problems.len();
        let line = said!(
            lang,
            "sync: {n} view(s) missing (kept in each practice's problems):",
            "sync: brakujące widoki: {n} (zapisane w problemach praktyk):"
        );
        say(err, &line)?;
        for (id, p) in &s.problems {
            say(err, &format!("  {id}: {p}"))?;
        }
    }
    if !s.rejected.is_empty() {
        let n = s.rejected.len();
        say(
            err,
            &said!(
                lang,
                "sync: {n} page(s) were not practice pages:",
                "sync: strony, które nie są stronami praktyk: {n}:"
            ),
        )?;
        for (url, why) in &s.rejected {
            say(err, &format!("  {url}: {why}"))?;
        }
    }
    for n in &s.notes {
        say(err, &said!(lang, "sync: note: {n}", "sync: uwaga: {n}"))?;
    }
    if let Some(why) = &s.incomplete {
        let line =
            said!(lang, "sync: the source was not read whole: {why}", "sync: źródła nie odczytano w całości: {why}");
        say(err, &line)?;
    }
    if !s.failed.is_empty() {
        let n = s.failed.len();
        say(err, &said!(lang, "sync: {n} page(s) failed:", "sync: nieudane strony: {n}:"))?;
        for (url, why) in &s.failed {
            say(err, &format!("  {url}: {why}"))?;
        }
    }
    if dry_run {
        // Tab-separated for scripts: each field sanitised on its own.
        let rows = m.added.iter().map(|id| ("new", id)).chain(m.replaced.iter().map(|(id, _)| ("updated", id)));
        for (what, id) in rows.chain(m.removed.iter().map(|id| ("removed", id))) {
            writeln!(cx.out, "{what}\t{}", sanitize(id, false))?;
        }
        say(
            cx.err,
            &said!(lang, "sync: dry run: the store was not written", "sync: próba: baza nie została zapisana"),
        )?;
    } else if s.written {
        say(cx.err, &said!(lang, "sync: the store was written", "sync: baza została zapisana"))?;
    } else {
        let line = said!(
            lang,
            "sync: the store already had all of it; not rewritten",
            "sync: baza miała już wszystko; nie zapisano jej ponownie"
        );
        say(cx.err, &line)?;
    }
    Ok(())
}

/// Progress on stderr: a bar on a terminal, a plain line now and then when
/// stderr is a file or a pipe. The rate and the time left are of requests
/// over the network: pages kept from an interrupted run cost nothing.
struct Meter {
    bar: Option<indicatif::ProgressBar>,
    last_line: Instant,
    started: Instant,
    /// The --rate limit, requests a second (0: none).
    limit: f64,
    lang: Lang,
}

impl Meter {
    fn new(limit: f64, lang: Lang) -> Meter {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::new(0);
            let style = indicatif::ProgressStyle::with_template(match lang {
                Lang::En => "{spinner} {elapsed_precise} [{bar:20}] {pos}/{len} pages found so far · {msg}",
                Lang::Pl => "{spinner} {elapsed_precise} [{bar:20}] {pos}/{len} znalezionych dotąd stron · {msg}",
            })
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> ");
            bar.set_style(style);
            bar
        });
        Meter { bar, last_line: Instant::now(), started: Instant::now(), limit, lang }
    }

    /// "12 practices, 0 errors, 1.0/s, about 3 min left".
    fn status(&self, p: &Progress) -> String {
        let secs = self.started.elapsed().as_secs_f64().max(0.001);
        let rate = p.counts.requests as f64 / secs;
        // Time a request takes: as seen so far, and never less than the limit allows.
        let per = if p.counts.requests > 0 { secs / p.counts.requests as f64 } else { 0.0 };
        let per = if self.limit > 0.0 { per.max(1.0 / self.limit) } else { per };
        let left = p.queued as f64 * per;
        let left = if left >= 90.0 { format!("{:.0} min", left / 60.0) } else { format!("{left:.0} s") };
        let (practices, failed) = (p.practices, p.failed);
        said!(
            self.lang,
            "{practices} practices, {failed} errors, {rate:.1}/s, about {left} left",
            "praktyki: {practices}, błędy: {failed}, {rate:.1}/s, zostało około {left}"
        )
    }

    fn show(&mut self, p: &Progress) {
        if let Some(holder) = &p.waiting {
            let line = said!(
                self.lang,
                "sync: waiting for another writer of the store ({holder})",
                "sync: czekam na inny proces, który zapisuje bazę ({holder})"
            );
            let line = sanitize(&line, false);
            match &self.bar {
                Some(bar) => bar.println(line),
                None => eprintln!("{line}"),
            }
            return;
        }
        let status = self.status(p);
        match &self.bar {
            Some(bar) => {
                bar.set_length((p.done + p.queued) as u64);
                bar.set_position(p.done as u64);
                bar.set_message(status);
            }
            None if self.last_line.elapsed() >= Duration::from_secs(10) || p.done.is_multiple_of(100) => {
                self.last_line = Instant::now();
                let (done, queued) = (p.done, p.queued);
                let line = said!(
                    self.lang,
                    "sync: {done} page(s) done, {queued} queued: {status}",
                    "sync: gotowe strony: {done}, w kolejce: {queued}: {status}"
                );
                eprintln!("{line}");
            }
            None => {}
        }
    }

    fn done(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
