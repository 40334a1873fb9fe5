//! The lookups: `search`, `show` and `contacts`, which read names and
//! metadata and parse a practice's long texts only for what they print.

use std::io::{self, Write};

use serde::Serialize;

use super::{Context, EXIT_NONE, EXIT_OK, Failure, ViewArg, open_store, vcard, warn_skipped};
use crate::app::present;
use crate::i18n::Strings;
use crate::load::cache::{Loaded, NameRows};
use crate::search::{Index, Notes, Quality, Scope};
use crate::store::Practice;
use crate::store::model::Head;

#[derive(Serialize)]
struct SearchHit<'a> {
    id: &'a str,
    title: &'a str,
    town: Option<&'a str>,
    voivodeship: Option<&'a str>,
    score: i64,
    /// The kind of match: id, word, inside, typo, text or scattered.
    #[serde(rename = "match")]
    kind: &'static str,
}

/// How a kind of match is named in JSON and messages.
fn kind_name(q: Quality) -> &'static str {
    match q {
        Quality::Id => "id",
        Quality::Word => "word",
        Quality::Inside => "inside",
        Quality::Typo => "typo",
        Quality::Text => "text",
        Quality::Scattered => "scattered",
        Quality::None => "all",
    }
}

/// The kind of a match as a person reads it, in `lang` (the kind's name is
/// for `--json`).
fn kind_said(q: Quality, lang: crate::i18n::Lang) -> &'static str {
    use crate::i18n::Lang::{En, Pl};
    match (q, lang) {
        (Quality::Id, En) => "the id",
        (Quality::Id, Pl) => "identyfikator",
        (Quality::Word, En) => "a word",
        (Quality::Word, Pl) => "słowo",
        (Quality::Inside, En) => "inside a word",
        (Quality::Inside, Pl) => "wewnątrz słowa",
        (Quality::Typo, En) => "a typo",
        (Quality::Typo, Pl) => "literówka",
        (Quality::Text, En) => "in the texts",
        (Quality::Text, Pl) => "w tekstach",
        (Quality::Scattered, En) => "letters scattered in order",
        (Quality::Scattered, Pl) => "litery rozrzucone po kolei",
        (Quality::None, En) => "no word matched",
        (Quality::None, Pl) => "żadne słowo nie pasuje",
    }
}

/// Says on stderr when a query is longer than a search reads.
fn warn_long_query(cx: &mut Context<'_>, query: &str) -> io::Result<()> {
    if crate::search::Query::parse(query).truncated {
        writeln!(cx.err, "praktyki: {}", cx.lang.strings().query_cut)?;
    }
    Ok(())
}

/// Says on stderr what the results' notes say: typos taken for words, a
/// filter name that is none, the filter that left nothing.
pub(super) fn tell_notes(cx: &mut Context<'_>, notes: &Notes) -> io::Result<()> {
    let s = cx.lang.strings();
    for name in &notes.unknown_filters {
        writeln!(cx.err, "praktyki: {} {name}: ({})", s.unknown_filter, s.filters_are)?;
    }
    for f in &notes.invalid_filters {
        writeln!(cx.err, "praktyki: {} {f} ({})", s.invalid_filter, s.year_help)?;
    }
    if let Some(f) = &notes.emptied_by {
        writeln!(cx.err, "praktyki: {} {f}", s.emptied_by)?;
    }
    if !notes.corrections.is_empty() {
        let words: Vec<String> = notes.corrections.iter().map(|(typed, meant)| format!("{typed} → {meant}")).collect();
        writeln!(cx.err, "praktyki: {}: {}", s.showing_for, words.join(", "))?;
    }
    Ok(())
}

/// The loaded store's index, with its texts' part when `texts` (built if
/// the cache did not have it).
pub(super) fn index_of(loaded: &mut Loaded, texts: bool) -> Index {
    match loaded.index.take() {
        Some(i) if !texts || i.has_topics() => i,
        Some(names) => names.with_topics(&loaded.store),
        None if texts => Index::of_store(&loaded.store),
        None => Index::new(&loaded.store.practices),
    }
}

/// Searches the names (and the texts when `text`, or when the query asks
/// with `tekst:`) of the store in use, reading no more than that needs,
/// and says the results' notes on stderr.
pub(super) fn find(
    cx: &mut Context<'_>,
    query: &str,
    text: bool,
) -> Result<(std::mem::ManuallyDrop<NameRows>, crate::search::Found), Failure> {
    warn_long_query(cx, query)?;
    let parsed = crate::search::Query::parse(query);
    let texts = text || !parsed.text_terms.is_empty();
    // A search of names needs only names: a large store's cache has them apart.
    let plan = cx.plan();
    let cached = match (&plan.choice.path, plan.cache.as_deref()) {
        (Some(p), Some(dir)) if !cx.global.strict && !texts => {
            crate::load::cache::names(p, dir).map(|c| (p.display().to_string(), c))
        }
        _ => None,
    };
    let (rows, index) = match cached {
        Some((origin, (rows, index, skipped))) => {
            warn_skipped(cx, &origin, skipped)?;
            (rows, index)
        }
        None => {
            // The texts are indexed only for a search of them.
            let mut loaded = open_store(cx, texts)?;
            let index = index_of(&mut loaded, texts);
            (loaded.take_rows(), index)
        }
    };
    // The process ends after a lookup: freeing a large store's names and
    // index, string by string, would only delay the exit (8% of a search at
    // a million practices), so they are left to the end of the process.
    let (rows, index) = (std::mem::ManuallyDrop::new(rows), std::mem::ManuallyDrop::new(index));
    let found = index.find_among(rows.ids(), query, Scope { texts }, &|| false).unwrap_or_default();
    tell_notes(cx, &found.notes)?;
    Ok((rows, found))
}

pub(super) fn search(
    cx: &mut Context<'_>,
    query: &str,
    limit: Option<usize>,
    text: bool,
    json: bool,
) -> Result<u8, Failure> {
    let (rows, mut found) = find(cx, query, text)?;
    found.hits.truncate(limit.unwrap_or(usize::MAX));
    if !json {
        // Written from the rows as they are read, not gathered first, and
        // as the bytes they are: each row's fields are pushed, not
        // formatted (the formatting machinery was a tenth of a search that
        // prints 37,000 rows), and not checked as text again.
        let written = write_lines(cx.out, found.hits.iter(), |buf, h| {
            rows.write_tsv(h.index, buf);
            Ok(())
        })?;
        return Ok(if written { EXIT_OK } else { EXIT_NONE });
    }
    let rows: Vec<SearchHit<'_>> = found
        .hits
        .iter()
        .map(|h| {
            let p = rows.get(h.index);
            SearchHit {
                id: p.id,
                title: p.title,
                town: p.town,
                voivodeship: p.voivodeship,
                score: h.score,
                kind: kind_name(h.quality),
            }
        })
        .collect();
    write_json(cx.out, &rows)
}

/// Rows as pretty JSON or as one text line each; exit status 1 when there
/// are none, as grep does.
pub(super) fn write_rows<T: Serialize>(
    out: &mut dyn Write,
    rows: &[T],
    json: bool,
    line: impl Fn(&mut Vec<u8>, &T) -> io::Result<()>,
) -> Result<u8, Failure> {
    if json {
        return write_json(out, rows);
    }
    write_lines(out, rows, |buf, r| line(buf, r))?;
    Ok(if rows.is_empty() { EXIT_NONE } else { EXIT_OK })
}

/// Rows as pretty JSON; exit status 1 when there are none.
fn write_json<T: Serialize>(out: &mut dyn Write, rows: &[T]) -> Result<u8, Failure> {
    serde_json::to_writer_pretty(&mut *out, rows).map_err(io::Error::from)?;
    writeln!(out)?;
    Ok(if rows.is_empty() { EXIT_NONE } else { EXIT_OK })
}

/// One text line per row; whether there was one.
fn write_lines<T>(
    out: &mut dyn Write,
    rows: impl IntoIterator<Item = T>,
    line: impl Fn(&mut Vec<u8>, &T) -> io::Result<()>,
) -> io::Result<bool> {
    // Rows go out in large pieces: a write per row was a system call per
    // row (86,000 for one search of a 100k store). A row is written into
    // the piece, not formatted apart and copied (a String per row was a
    // quarter of a search that lists 376,000 rows).
    let mut buf = Vec::with_capacity(1 << 17);
    let mut any = false;
    for r in rows {
        any = true;
        line(&mut buf, &r)?;
        buf.push(b'\n');
        if buf.len() >= 1 << 16 {
            out.write_all(&buf)?;
            buf.clear();
        }
    }
    out.write_all(&buf)?;
    Ok(any)
}

/// What `show` and `contacts` take of the matches.
#[derive(Debug, Clone, Copy, Default)]
pub struct Pick {
    /// At most this many practices.
    pub limit: Option<usize>,
    /// The best match only, weak or not.
    pub first: bool,
}

/// The store for a lookup of `id_or_query`, as [`matching`] reads it: the
/// texts are indexed (and the cache written with their index) only when it
/// is not a practice's id, which is found without them (a first `show` of
/// an id in 50,000 practices with texts indexed them all: 13 s, 790 MB).
fn open_for_lookup(cx: &mut Context<'_>, id_or_query: &str) -> Result<Loaded, Failure> {
    let wanted = id_or_query.trim();
    super::open_store_if(cx, |store| !store.practices.iter().any(|p| p.id() == wanted))
}

/// Positions of the practices `id_or_query` means, best first: the one
/// with that id, or else the matches of the text as a query (names, then
/// texts). Says on stderr when the answer is weak or ambiguous; `None`
/// (after saying why) when nothing matched well and `--first` was not given.
fn matching(cx: &mut Context<'_>, loaded: &Loaded, id_or_query: &str, pick: Pick) -> io::Result<Option<Vec<usize>>> {
    let wanted = id_or_query.trim();
    let store = &loaded.store;
    if let Some(i) = store.practices.iter().position(|p| p.id() == wanted) {
        return Ok(Some(vec![i]));
    }
    let built;
    let index = match &loaded.index {
        Some(index) => index,
        None => {
            built = Index::of_store(store);
            &built
        }
    };
    let found = index
        .find_among(store.practices.iter().map(|p| p.id()), wanted, Scope { texts: true }, &|| false)
        .unwrap_or_default();
    tell_notes(cx, &found.notes)?;
    let s = cx.lang.strings();
    let hits = &found.hits;
    let quoted = shortened(wanted);
    let Some(best) = hits.first() else {
        writeln!(cx.err, "praktyki: {} '{quoted}'", s.no_practice_matches)?;
        return Ok(None);
    };
    let title = |h: &crate::search::Hit| {
        store.practices.get(h.index).map_or_else(String::new, |p| format!("{} ({})", p.title(), p.id()))
    };
    let see = format!("{} `praktyki search --text {quoted}`", s.see);
    // Filters alone (`woj:opolskie`) list exactly the practices that pass
    // them, each as good as the others: "the contacts in opolskie".
    let filtered = best.quality == Quality::None && !crate::search::Query::parse(wanted).filters.is_empty();
    if best.quality.is_weak() && !pick.first && !filtered {
        let (count, kind) = (hits.len(), kind_said(best.quality, cx.lang));
        writeln!(
            cx.err,
            "praktyki: {} '{quoted}'; {} {count} ({}, {kind}): {}",
            s.no_good_match,
            s.best_of,
            s.weak_matches,
            title(best)
        )?;
        writeln!(cx.err, "praktyki: {see}, {}", s.first_takes)?;
        return Ok(None);
    }
    // Only matches as good as a name's word (or, when the best is in the
    // texts, as good as that): "krakow" means Kraków, not Krapkowice by a
    // typo, nor Oława by scattered letters.
    let floor = if pick.first || filtered { Quality::None } else { best.quality.min(Quality::Inside) };
    let good: Vec<&crate::search::Hit> = hits.iter().take_while(|h| h.quality >= floor).collect();
    let count = good.len();
    let alike = good.iter().take_while(|h| h.quality == best.quality && h.score == best.score).count();
    let take = if pick.first { 1 } else { pick.limit.unwrap_or(usize::MAX) };
    if take < count && filtered {
        // Nothing is ranked among what filters pass: how many are taken.
        writeln!(cx.err, "praktyki: {take}/{count} {}; {see}", s.matches_word)?;
    } else if take < count {
        let alike = if alike > 1 { format!(", {alike} {}", s.equally_good) } else { String::new() };
        writeln!(cx.err, "praktyki: {} {count} {}{alike}; {see}", s.best_of, s.matches_word)?;
    }
    Ok(Some(good.iter().take(take).map(|h| h.index).collect()))
}

/// A lookup of one or a few practices needs an id or a query: an empty one,
/// or one of empty filters (`woj:`), would take any practice.
/// Filters left out (`foo:`, `rok:abc`) are said first: they are why.
fn require_query(cx: &mut Context<'_>, command: &str, id_or_query: &str) -> Result<(), Failure> {
    let parsed = crate::search::Query::parse(id_or_query);
    if id_or_query.trim().is_empty() || parsed.is_empty() {
        let notes = Notes { unknown_filters: parsed.unknown, invalid_filters: parsed.invalid, ..Notes::default() };
        tell_notes(cx, &notes)?;
        let said =
            crate::said!(cx.lang, "{} needs an id or a query", "{} potrzebuje identyfikatora albo zapytania", command);
        return Err(Failure::Usage(said));
    }
    Ok(())
}

pub(super) fn show(
    cx: &mut Context<'_>,
    id_or_query: &str,
    first: bool,
    view: ViewArg,
    json: bool,
) -> Result<u8, Failure> {
    require_query(cx, "show", id_or_query)?;
    warn_long_query(cx, id_or_query)?;
    let loaded = open_for_lookup(cx, id_or_query)?;
    let store = &loaded.store;
    let pick = Pick { limit: Some(1), first };
    let Some(&i) = matching(cx, &loaded, id_or_query, pick)?.as_deref().and_then(<[usize]>::first) else {
        return Ok(EXIT_NONE);
    };
    let p = store.read_full(i).map_err(Failure::Usage)?;
    let p = p.as_ref();
    if json {
        serde_json::to_writer_pretty(&mut *cx.out, p).map_err(io::Error::from)?;
        writeln!(cx.out)?;
        return Ok(EXIT_OK);
    }
    let s = cx.lang.strings();
    let text = practice_text(p, view, s);
    cx.out.write_all(text.as_bytes())?;
    Ok(EXIT_OK)
}

/// A practice as readable text, for `show`.
pub fn practice_text(p: &Practice, view: ViewArg, s: &Strings) -> String {
    let mut t = String::new();
    let mut push = |line: &str| {
        t.push_str(line);
        t.push('\n');
    };
    push(&p.title);
    let mut sub = vec![format!("id: {}", p.id)];
    if let Some(a) = &p.area {
        sub.push(a.clone());
    }
    push(&sub.join(" · "));
    let all = view == ViewArg::All;
    // Each view opens with its heading, and says so when it is empty.
    let open = |push: &mut dyn FnMut(&str), title: &str, empty: Option<&str>| {
        push("");
        push(&format!("== {title} =="));
        if let Some(e) = empty {
            push(e);
        }
    };
    if all || view == ViewArg::Summary {
        open(&mut push, s.tab_summary, None);
        if !p.summary.is_empty() {
            push(&p.summary);
            push("");
        }
        push(&format!("-- {} --", s.metadata));
        for (label, value) in present::metadata_rows(p, s) {
            push(&format!("{label}: {value}"));
        }
        push(&format!("{}:", s.contacts));
        if p.contacts.is_empty() {
            push(&format!("  {}", s.no_contacts));
        }
        for c in p.contacts.iter().filter(|c| !c.name.trim().is_empty()) {
            let role = present::given(&c.role).map(|r| format!(", {r}")).unwrap_or_default();
            push(&format!("  {}{role}", c.name));
            if let Some(e) = present::given(&c.email) {
                push(&format!("    {}: {e}", s.email));
            }
            if let Some(ph) = present::given(&c.phone) {
                push(&format!("    {}: {ph}", s.phone));
            }
        }
    }
    if all || view == ViewArg::Presentation {
        open(&mut push, s.tab_presentation, p.presentation.is_empty().then_some(s.no_presentation));
        for sec in &p.presentation {
            if !sec.heading.is_empty() {
                push(&format!("-- {} --", sec.heading));
            }
            push(&sec.body);
            push("");
        }
    }
    if all || view == ViewArg::Attachments {
        open(&mut push, s.tab_attachments, p.attachments.is_empty().then_some(s.no_attachments));
        for a in &p.attachments {
            let details: Vec<String> = present::attachment_facts(a, s).into_iter().map(|(_, v)| v).collect();
            let details = if details.is_empty() { String::new() } else { format!(" ({})", details.join(", ")) };
            push(&format!("* {}{details}", a.name));
            if let Some(d) = &a.description {
                push(&format!("  {d}"));
            }
            if let Some(u) = &a.url {
                push(&format!("  {u}"));
            }
        }
    }
    t
}

#[derive(Serialize)]
struct ContactsJson<'a> {
    id: &'a str,
    title: &'a str,
    contacts: &'a [crate::store::Contact],
    office: Office<'a>,
}

#[derive(Serialize)]
struct Office<'a> {
    implementing_unit: Option<&'a str>,
    street: Option<&'a str>,
    postal_code: Option<&'a str>,
    post_office: Option<&'a str>,
    town: Option<&'a str>,
    phone: Option<&'a str>,
    website: Option<&'a str>,
}

pub(super) fn contacts(cx: &mut Context<'_>, query: &str, pick: Pick, json: bool, vcard: bool) -> Result<u8, Failure> {
    require_query(cx, "contacts", query)?;
    warn_long_query(cx, query)?;
    let loaded = open_for_lookup(cx, query)?;
    let Some(found) = matching(cx, &loaded, query, pick)? else { return Ok(EXIT_NONE) };
    let owned: Vec<Head> =
        found.into_iter().filter_map(|i| loaded.store.practices.get(i)).map(|h| h.to_head()).collect();
    let matches: Vec<&Head> = owned.iter().collect();
    if vcard {
        cx.out.write_all(vcard::cards(&matches).as_bytes())?;
    } else if json {
        let rows: Vec<ContactsJson<'_>> = matches
            .iter()
            .map(|p| ContactsJson {
                id: &p.id,
                title: &p.title,
                contacts: &p.contacts,
                office: Office {
                    implementing_unit: p.implementing_unit.as_deref(),
                    street: p.street.as_deref(),
                    postal_code: p.postal_code.as_deref(),
                    post_office: p.post_office.as_deref(),
                    town: p.town.as_deref(),
                    phone: p.phone.as_deref(),
                    website: p.website.as_deref(),
                },
            })
            .collect();
        serde_json::to_writer_pretty(&mut *cx.out, &rows).map_err(io::Error::from)?;
        writeln!(cx.out)?;
    } else {
        let s = cx.lang.strings();
        for (i, p) in matches.iter().enumerate() {
            if i > 0 {
                writeln!(cx.out)?;
            }
            writeln!(cx.out, "{} ({})", p.title, p.id)?;
            for f in present::card_fields(p, s) {
                if let Some(g) = &f.group {
                    writeln!(cx.out, "  {g}")?;
                }
                // A person's group line is their name; it is not repeated below it.
                if f.label == s.name {
                    continue;
                }
                writeln!(cx.out, "    {}: {}", f.label, f.value)?;
            }
        }
    }
    Ok(EXIT_OK)
}

/// A query as a message quotes it: a pasted wall of text is cut, with "…".
fn shortened(query: &str) -> String {
    match query.char_indices().nth(80) {
        Some((cut, _)) => format!("{}…", &query[..cut]),
        None => query.to_owned(),
    }
}

#[derive(Serialize)]
struct RelatedRow<'a> {
    id: &'a str,
    title: &'a str,
    town: Option<&'a str>,
    voivodeship: Option<&'a str>,
    /// What it shares with the practice asked about.
    why: String,
    /// Text words it shares, the weightiest first.
    words: &'a [String],
}

/// `praktyki related`: the practices most like one, with why.
pub(super) fn related(
    cx: &mut Context<'_>,
    id_or_query: &str,
    first: bool,
    limit: usize,
    json: bool,
) -> Result<u8, Failure> {
    require_query(cx, "related", id_or_query)?;
    let mut loaded = open_store(cx, true)?;
    let Some(&at) =
        matching(cx, &loaded, id_or_query, Pick { limit: Some(1), first })?.as_deref().and_then(<[usize]>::first)
    else {
        return Ok(EXIT_NONE);
    };
    let index = index_of(&mut loaded, true);
    let store = &loaded.store;
    let s = cx.lang.strings();
    // The list means little without what it is like: said on stderr, so
    // standard output stays rows.
    let (id, title) = store.practices.get(at).map_or(("", ""), |p| (p.id(), p.title()));
    writeln!(cx.err, "praktyki: {} {id} ({title})", s.related_to)?;
    let found = crate::search::related::related(&index, store, at, limit);
    if found.is_empty() {
        writeln!(cx.err, "praktyki: {}", s.related_none)?;
    }
    let rows: Vec<RelatedRow<'_>> = found
        .iter()
        .filter_map(|r| {
            let p = store.practices.get(r.index)?;
            Some(RelatedRow {
                id: p.id(),
                title: p.title(),
                town: p.town(),
                voivodeship: p.voivodeship(),
                why: r.why(store, cx.lang.strings().related_also),
                words: &r.words,
            })
        })
        .collect();
    write_rows(cx.out, &rows, json, |buf, r| write!(buf, "{}\t{}\t{}\t{}", r.id, r.title, r.town.unwrap_or(""), r.why))
}
