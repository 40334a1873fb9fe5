//! Non-interactive subcommands. Each returns an exit status; output goes to
//! the writers it is given, so tests and the binary share one code path.

mod export;
mod fill;
pub mod help_pl;
mod lookup;
mod man;
mod map;
mod serve;
pub mod vcard;

pub use lookup::practice_text;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};
use serde::Serialize;

use crate::config::{Dirs, Env, Source, StoreChoice};
use crate::i18n::Lang;
use crate::load::Plan;
use crate::load::cache::Loaded;
use crate::store::import;
use crate::store::write::write_atomic;
use crate::store::{self, LoadError, LoadOptions};

/// Exit statuses, as grep uses them.
pub const EXIT_OK: u8 = 0;
pub const EXIT_NONE: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

#[derive(Debug, Parser)]
#[command(name = "praktyki", version, about = "Browse the Baza Dobrych Praktyk: good practices in Polish local-government cooperation", long_about = None)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args, Clone, Default)]
#[command(next_help_heading = "Global options")]
pub struct Global {
    /// Store file to use (overrides $PRAKTYKI_STORE and the data-directory store)
    #[arg(long, global = true, value_name = "PATH")]
    pub store: Option<PathBuf>,
    /// Treat a practice that breaks the schema as fatal instead of skipping it
    #[arg(long, global = true)]
    pub strict: bool,
    /// Config file to read (overrides $PRAKTYKI_CONFIG)
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// When to use colour in the browser [default: auto, or the config's]
    #[arg(long, global = true, value_enum, value_name = "WHEN")]
    pub color: Option<crate::config::ColorSetting>,
    /// Neither read nor write the start-up cache of a large store
    #[arg(long, global = true)]
    pub no_cache: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Fuzzy search across municipality and partnership names
    Search {
        /// Query words, all of which must match (case, diacritics and small
        /// typos are forgiven), and filters: woj:, powiat:, miasto:, typ:,
        /// dział:, rok:2010-2014, tekst:WORD
        #[arg(required = true)]
        query: Vec<String>,
        /// At most this many hits
        #[arg(long, short = 'n', value_name = "N", value_parser = at_least_one)]
        limit: Option<usize>,
        /// Also search the texts (summary and presentation) for the words,
        /// in any of their forms; name matches come first
        #[arg(long, short = 't')]
        text: bool,
        /// JSON output, with the kind of match of each hit
        #[arg(long)]
        json: bool,
    },
    /// Show one practice, found by id or by the best match of a query
    Show {
        /// A practice's id, or a query whose best match is shown
        id_or_query: Vec<String>,
        /// Show the best match even when it is only a weak one (typos,
        /// scattered letters)
        #[arg(long)]
        first: bool,
        /// Which view of the practice to print, as the BDP's tabs: summary and
        /// metadata, the full presentation, the attachments, or all three
        #[arg(long, value_enum, default_value_t = ViewArg::All)]
        view: ViewArg,
        /// The practice as stored, in JSON
        #[arg(long)]
        json: bool,
    },
    /// Contact details of the practices matching a query
    Contacts {
        /// A practice's id, or a query: the contacts of every practice it matches
        #[arg(required = true)]
        query: Vec<String>,
        /// At most this many practices
        #[arg(long, short = 'n', value_name = "N", value_parser = at_least_one)]
        limit: Option<usize>,
        /// Only the best match, even when it is a weak one (typos, scattered letters)
        #[arg(long)]
        first: bool,
        /// JSON output
        #[arg(long, conflicts_with = "vcard")]
        json: bool,
        /// vCard 4.0, one card per person and per office
        #[arg(long)]
        vcard: bool,
    },
    /// Print the map of voivodeships with the practices a query finds
    /// counted in each (all practices without a query)
    #[command(
        after_help = "Examples:\n  praktyki map\n  praktyki map 'dział:ngo' --width 120\n  praktyki map odpady --json"
    )]
    Map {
        /// Query words and filters, as for `search` (names and texts, as the browser's list)
        query: Vec<String>,
        /// Width of the map in columns, legend included (default: the terminal's, else 80)
        #[arg(long, value_parser = clap::builder::RangedU64ValueParser::<u16>::new().range(u64::from(*map::WIDTHS.start())..=u64::from(*map::WIDTHS.end())))]
        width: Option<u16>,
        /// JSON output: the count of each voivodeship
        #[arg(long)]
        json: bool,
    },
    /// The practices most like one (by the words of their texts, then
    /// section, unit type and voivodeship), each with why
    Related {
        /// A practice's id, or a query whose best match is taken
        #[arg(required = true)]
        id_or_query: Vec<String>,
        /// Take the best match even when it is only a weak one (typos, scattered letters)
        #[arg(long)]
        first: bool,
        /// At most this many practices
        #[arg(long, short = 'n', value_name = "N", default_value_t = 8, value_parser = one_to_thousand)]
        limit: usize,
        /// JSON output, with the words each shares
        #[arg(long)]
        json: bool,
    },
    /// Write the practices a query finds (all without one, or the marked
    /// ones) as CSV, Markdown or JSON, for reports and mail merges
    #[command(
        after_help = "Examples:\n  praktyki export 'dział:ngo' --format csv --out ngo.csv\n  praktyki export --marked --format md --out raport.md\n  praktyki export odpady --format csv --contacts --fields id,title,town"
    )]
    Export {
        /// Query words and filters, as for `search` (names and texts)
        query: Vec<String>,
        /// What to write: csv, md (a Markdown dossier) or json (the store format)
        #[arg(long, value_enum, ignore_case = true, default_value_t = export::Format::Csv)]
        format: export::Format,
        /// CSV columns, comma-separated, of: id, title, area, unit_type, town, county,
        /// voivodeship, postal_code, post_office, street, implementing_unit, phone, website,
        /// email, contacts, partners, entered, updated, population, summary, source_url
        /// (default: id, title, area, town, county, voivodeship, implementing_unit, email,
        /// phone, website, entered, source_url)
        #[arg(long, value_name = "LIST")]
        fields: Option<String>,
        /// Write to this file (atomically) instead of standard output
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
        /// The marked practices (bookmarks) instead of a query's
        #[arg(long)]
        marked: bool,
        /// CSV: one row per contact person, for a mail merge
        #[arg(long)]
        contacts: bool,
        /// CSV for a spreadsheet in a Polish locale (Excel, LibreOffice): a
        /// byte-order mark, and ';' between cells
        #[arg(long)]
        excel: bool,
    },
    /// Check a store file and list every error and warning with its location
    Validate {
        /// Store file (default: the store in use)
        path: Option<PathBuf>,
    },
    /// Import saved BDP practice pages (text or HTML), or a saved mirror of the site, into a store
    Import {
        /// Saved pages (the three views of a practice may be separate files), or folders made by
        /// `wget -m`, HTTrack or a browser, read recursively
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Store to write into, when not the store in use (the global --store,
        /// $PRAKTYKI_STORE, else practices.json in the data directory)
        #[arg(long, value_name = "PATH")]
        into: Option<PathBuf>,
        /// Print the report and the resulting JSON; write nothing
        #[arg(long)]
        dry_run: bool,
        /// Replace practices whose id is already in the store
        #[arg(long)]
        replace: bool,
    },
    /// Fetch the whole base into a store: from the BDP archive, or the Wayback Machine
    Sync(fill::SyncArgs),
    /// Serve the browser over SSH to anyone, read-only, with no account
    /// (`ssh -p 2222 HOST`)
    Serve(serve::ServeArgs),
    /// Show which store is in use and why, and the config and data directories
    Paths,
    /// List the marked practices (bookmarks); missing ones are shown as such
    Bookmarks {
        /// JSON output: id, title, and whether it is missing from the store
        #[arg(long)]
        json: bool,
    },
    /// Print the default config file, fully commented
    Config {
        /// Print the defaults (the only form for now)
        #[arg(long, required = true)]
        default: bool,
    },
    /// Print the default key bindings (the keymap file format)
    Keys,
    /// Print a shell completion script: bash, zsh, fish, elvish or powershell
    Completions {
        /// The shell to write the script for
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff); view it with `praktyki man | man -l -`
    Man,
    /// Write a synthetic store to try praktyki at any size (clearly marked:
    /// ids start with synthetic-, sections with "Dane syntetyczne")
    Synthetic {
        /// Number of practices
        #[arg(long, default_value_t = 1000)]
        count: usize,
        /// Seed: the same seed writes the same store
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Where to write it (default: standard output)
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
        /// Leave the long texts out (summary, presentation, attachments)
        #[arg(long)]
        names_only: bool,
        /// Also write the name fields, one practice per line, to this file
        #[arg(long, value_name = "PATH")]
        lines: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ViewArg {
    Summary,
    Presentation,
    Attachments,
    All,
}

/// Everything a command needs from the outside world, gathered by `main`.
pub struct Context<'a> {
    pub global: Global,
    pub config: crate::config::Config,
    /// The config file's text as read (its keymap is parsed from it).
    pub config_text: String,
    pub env: Env,
    pub dirs: Dirs,
    pub lang: Lang,
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
}

impl Context<'_> {
    /// What this run loads (lookups read long texts only for what they
    /// print; --strict checks all): the one loading entry point.
    pub fn plan(&self) -> Plan {
        Plan::new(
            self.global.store.as_deref(),
            &self.env,
            &self.config,
            &self.dirs,
            self.global.strict,
            self.global.no_cache,
        )
    }

    pub fn store_choice(&self) -> StoreChoice {
        self.plan().choice
    }
}

/// Runs one subcommand and returns its exit status.
pub fn run(cmd: Command, cx: &mut Context<'_>) -> u8 {
    let result = match cmd {
        Command::Search { query, limit, text, json } => lookup::search(cx, &query.join(" "), limit, text, json),
        Command::Show { id_or_query, first, view, json } => lookup::show(cx, &id_or_query.join(" "), first, view, json),
        Command::Contacts { query, limit, first, json, vcard } => {
            lookup::contacts(cx, &query.join(" "), lookup::Pick { limit, first }, json, vcard)
        }
        Command::Map { query, width, json } => map::map(cx, &query.join(" "), width, json),
        Command::Related { id_or_query, first, limit, json } => {
            lookup::related(cx, &id_or_query.join(" "), first, limit, json)
        }
        Command::Export { query, format, fields, out, marked, contacts, excel } => {
            let query = query.join(" ");
            let request = export::Request {
                query: &query,
                format,
                fields: fields.as_deref(),
                out: out.as_deref(),
                marked,
                contacts,
                excel,
            };
            export::export(cx, &request)
        }
        Command::Validate { path } => validate(cx, path.as_deref()),
        Command::Import { files, into, dry_run, replace } => fill::import(cx, &files, into, dry_run, replace),
        Command::Sync(args) => fill::sync(cx, &args),
        Command::Serve(args) => serve::serve(cx, &args),
        Command::Paths => paths(cx),
        Command::Config { .. } => {
            cx.out.write_all(crate::config::DEFAULT_CONFIG.as_bytes()).map(|_| EXIT_OK).map_err(Failure::Io)
        }
        Command::Bookmarks { json } => bookmarks(cx, json),
        Command::Keys => {
            cx.out.write_all(crate::input::DEFAULT_KEYMAP.as_bytes()).map(|_| EXIT_OK).map_err(Failure::Io)
        }
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            // Generated into memory first: clap_complete panics on a write
            // error, and a closed pipe (`| head -1`) is none of ours.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut cmd, "praktyki", &mut script);
            cx.out.write_all(&script).map(|_| EXIT_OK).map_err(Failure::Io)
        }
        Command::Man => {
            let cmd = <Cli as clap::CommandFactory>::command();
            cx.out.write_all(man::page(&cmd).as_bytes()).map(|_| EXIT_OK).map_err(Failure::Io)
        }
        Command::Synthetic { count, seed, out, names_only, lines } => {
            synthetic(cx, count, seed, out.as_deref(), names_only, lines.as_deref())
        }
    };
    match result {
        Ok(code) => code,
        // A closed pipe (`praktyki search x | head -1`) is not an error.
        Err(Failure::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(Failure::Load(e)) => {
            let _ = writeln!(cx.err, "praktyki: {}", e.to_string_in(cx.lang));
            EXIT_ERROR
        }
        Err(Failure::Io(e)) => {
            let _ = writeln!(cx.err, "praktyki: {}", crate::i18n::io_error(&e, cx.lang));
            EXIT_ERROR
        }
        Err(e) => {
            let _ = writeln!(cx.err, "praktyki: {e}");
            EXIT_ERROR
        }
    }
}

#[derive(Debug, thiserror::Error)]
enum Failure {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Write(#[from] store::write::WriteError),
    #[error(transparent)]
    Import(#[from] import::ImportError),
    #[error(transparent)]
    Io(#[from] io::Error),
    #[error("{0}")]
    Usage(String),
}

/// Loads the store in use (with the index of its texts when `texts`) and
/// says on stderr how many practices were skipped.
fn open_store(cx: &mut Context<'_>, texts: bool) -> Result<Loaded, Failure> {
    open_store_if(cx, |_| texts)
}

/// [`open_store`], told by `texts` from the loaded store whether the
/// texts are to be indexed.
fn open_store_if(cx: &mut Context<'_>, texts: impl FnOnce(&crate::store::Store) -> bool) -> Result<Loaded, Failure> {
    let mut loaded = cx.plan().load()?;
    let texts = texts(&loaded.store);
    loaded.write_cache(texts);
    warn_skipped(cx, &loaded.store.origin, loaded.store.skipped())?;
    Ok(loaded)
}

fn warn_skipped(cx: &mut Context<'_>, origin: &str, skipped: usize) -> io::Result<()> {
    if skipped > 0 {
        writeln!(cx.err, "{}", skipped_warning(cx.lang, origin, skipped))?;
    }
    Ok(())
}

/// What is said on stderr when practices that break the schema were left out.
pub fn skipped_warning(lang: crate::i18n::Lang, origin: &str, skipped: usize) -> String {
    match lang {
        crate::i18n::Lang::Pl => format!(
            "praktyki: ostrzeżenie: {origin}: pominięte praktyki niezgodne ze schematem: {skipped}; wypisze je `praktyki validate`"
        ),
        crate::i18n::Lang::En => format!(
            "praktyki: warning: {origin}: {skipped} practice(s) skipped because they break the schema; `praktyki validate` lists them"
        ),
    }
}

fn validate(cx: &mut Context<'_>, path: Option<&Path>) -> Result<u8, Failure> {
    let plan = match path {
        Some(p) => cx.plan().for_file(p),
        None => cx.plan(),
    };
    // Validation reports every problem, from the file itself; --strict only
    // changes the exit status.
    let plan = Plan { opts: LoadOptions { strict: false, lazy: false }, cache: None, ..plan };
    let store = match plan.load() {
        Ok(s) => s.store,
        Err(e) => {
            writeln!(cx.err, "{}", e.to_string_in(cx.lang))?;
            return Ok(EXIT_ERROR);
        }
    };
    let mut problems: Vec<_> = store.errors.iter().chain(&store.warnings).collect();
    problems.sort_by_key(|p| (p.line, p.column));
    for p in &problems {
        writeln!(cx.out, "{}", crate::i18n::say_problem(p, cx.lang))?;
    }
    let counts = [store.practices.len(), store.skipped(), store.errors.len(), store.warnings.len()];
    writeln!(cx.out, "{}: {}", store.origin, cx.lang.validate_summary(counts))?;
    Ok(if store.errors.is_empty() { EXIT_OK } else { EXIT_NONE })
}

#[derive(Serialize)]
struct BookmarkRow<'a> {
    id: &'a str,
    title: &'a str,
    missing: bool,
}

fn bookmarks(cx: &mut Context<'_>, json: bool) -> Result<u8, Failure> {
    let Some(path) = crate::load::bookmarks_path(&cx.dirs) else {
        return Err(Failure::Usage("no data directory on this system".into()));
    };
    let marks = crate::load::bookmarks::Bookmarks::load(&path).map_err(|e| Failure::Usage(e.to_string()))?;
    let store = open_store(cx, false)?.store;
    // One set of ids, not a scan of the store per bookmark.
    let ids: std::collections::HashSet<&str> = store.practices.iter().map(|p| p.id()).collect();
    let rows: Vec<BookmarkRow<'_>> = marks
        .bookmarks
        .iter()
        .map(|b| BookmarkRow { id: &b.id, title: &b.title, missing: !ids.contains(b.id.as_str()) })
        .collect();
    // None is an answer too, said where a person reads it (stdout stays
    // empty for scripts; the status is 1, as grep's).
    if rows.is_empty() && !json {
        writeln!(cx.err, "praktyki: {}", cx.lang.strings().no_marked)?;
    }
    lookup::write_rows(cx.out, &rows, json, |buf, r| {
        let missing = if r.missing { "\tmissing from this store" } else { "" };
        write!(buf, "{}\t{}{missing}", r.id, r.title)
    })
}

/// A count of at least one (`--limit`): clap's range says "0 is not in
/// 1..18446744073709551615".
fn at_least_one(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        Err(e) if *e.kind() == std::num::IntErrorKind::PosOverflow => Err("a number too large".to_owned()),
        _ => Err("give a whole number, 1 or more".to_owned()),
    }
}

/// A count from 1 to 1000 (`related --limit`), said as [`at_least_one`] says it.
fn one_to_thousand(s: &str) -> Result<usize, String> {
    at_least_one(s).ok().filter(|n| *n <= 1000).ok_or_else(|| "give a whole number from 1 to 1000".to_owned())
}

fn synthetic(
    cx: &mut Context<'_>,
    count: usize,
    seed: u64,
    out: Option<&Path>,
    names_only: bool,
    lines: Option<&Path>,
) -> Result<u8, Failure> {
    // Each practice takes about a kilobyte (ten with texts): a count past
    // this is a typo, and would end in an allocation failure, not a store.
    const MAX_COUNT: usize = 10_000_000;
    if count > MAX_COUNT {
        return Err(Failure::Usage(format!("--count {count}: at most {MAX_COUNT} practices")));
    }
    let store =
        if names_only { crate::store::synth::names_only(count, seed) } else { crate::store::synth::store(count, seed) };
    if let Some(path) = lines {
        write_atomic(path, crate::store::synth::name_lines(&store).as_bytes())?;
    }
    let text = serde_json::to_string(&store).map_err(io::Error::from)?;
    match out {
        Some(path) => write_atomic(path, text.as_bytes())?,
        None => cx.out.write_all(text.as_bytes())?,
    }
    Ok(EXIT_OK)
}

/// Where a setting came from, in the run's language.
fn source_words(source: &Source, w: &crate::i18n::PathWords) -> String {
    match source {
        Source::Flag => w.sources[0].to_owned(),
        Source::Env(var) => format!("{}{var}", w.sources[1]),
        Source::ConfigFile => w.sources[2].to_owned(),
        Source::Platform => w.sources[3].to_owned(),
        Source::DataDir => w.sources[4].to_owned(),
        Source::Embedded => w.sources[5].to_owned(),
    }
}

fn paths(cx: &mut Context<'_>) -> Result<u8, Failure> {
    let w = &cx.lang.strings().paths;
    let labels = [w.store, w.config_dir, w.config_file, w.data_dir, w.cache_dir, w.sync_pages, w.user_store];
    // Values start in one column, whatever the language's labels.
    let pad = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0) + 1;
    let line = |label: &str, value: String| format!("{label:<pad$}{value}");
    let mut out = Vec::new();
    let choice = cx.store_choice();
    let embedded = match cx.lang {
        Lang::En => store::EMBEDDED_ORIGIN.to_owned(),
        Lang::Pl => "<baza wbudowana>".to_owned(),
    };
    let store = choice.path.as_ref().map_or(embedded, |p| p.display().to_string());
    out.push(line(w.store, format!("{store} ({})", source_words(&choice.source, w))));
    let dir = |d: &Option<(PathBuf, Source)>| match d {
        Some((p, s)) => format!("{} ({})", p.display(), source_words(s, w)),
        None => w.no_home.to_owned(),
    };
    out.push(line(w.config_dir, dir(&cx.dirs.config)));
    if let Some((f, source)) = &cx.dirs.config_file {
        let state = if f.is_file() { w.exists } else { w.config_absent };
        out.push(line(w.config_file, format!("{} ({}; {state})", f.display(), source_words(source, w))));
    }
    out.push(line(w.data_dir, dir(&cx.dirs.data)));
    match cx.plan().cache {
        Some(_) => out.push(line(w.cache_dir, format!("{} ({})", dir(&cx.dirs.cache), w.cache_what))),
        None => out.push(line(w.cache_dir, w.no_cache.to_owned())),
    }
    if let Some((d, _)) = &cx.dirs.cache {
        out.push(line(w.sync_pages, format!("{} ({})", d.join("sync").display(), w.sync_what)));
    }
    if let Some(u) = cx.dirs.user_store() {
        let state = if u.is_file() { w.exists } else { w.store_absent };
        out.push(line(w.user_store, format!("{} ({state})", u.display())));
    }
    for l in out {
        writeln!(cx.out, "{l}")?;
    }
    Ok(EXIT_OK)
}
