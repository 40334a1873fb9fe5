//! The lookups: `search`, `show` and `contacts`, which read names and
//! metadata and parse a practice's long texts only for what they print.

use std::io::{self, Write};

use serde::Serialize;

use super::{Context, EXIT_NONE, EXIT_OK, Failure, ViewArg, open_store, vcard, warn_skipped};
use crate::app::present;
use crate::i18n::Strings;
use crate::load::cache::Loaded;
use crate::search::Index;
use crate::store::Practice;
use crate::store::model::Head;

#[derive(Serialize)]
struct SearchHit<'a> {
    id: &'a str,
    title: &'a str,
    town: Option<&'a str>,
    voivodeship: Option<&'a str>,
    score: i64,
}

/// Says on stderr when a query is longer than a search reads.
fn warn_long_query(cx: &mut Context<'_>, query: &str) -> io::Result<()> {
    if crate::search::Query::parse(query).truncated {
        writeln!(cx.err, "praktyki: {}", cx.lang.strings().query_cut)?;
    }
    Ok(())
}

pub(super) fn search(cx: &mut Context<'_>, query: &str, limit: Option<usize>, json: bool) -> Result<u8, Failure> {
    warn_long_query(cx, query)?;
    // A search needs only names: a large store's cache has them apart.
    let plan = cx.plan();
    let cached = match (&plan.choice.path, plan.cache.as_deref()) {
        (Some(p), Some(dir)) if !cx.global.strict => {
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
            let (store, index) = open_store(cx)?.write_cache_and_index();
            (store.practices.iter().map(crate::load::cache::NameRow::of).collect(), index)
        }
    };
    let mut hits = index.search(query);
    hits.truncate(limit.unwrap_or(usize::MAX));
    let rows: Vec<SearchHit<'_>> = hits
        .iter()
        .map(|h| {
            let p = &rows[h.index];
            SearchHit {
                id: &p.id,
                title: &p.title,
                town: p.town.as_deref(),
                voivodeship: p.voivodeship.as_deref(),
                score: h.score,
            }
        })
        .collect();
    write_rows(cx.out, &rows, json, |r| {
        format!("{}\t{}\t{}\t{}", r.id, r.title, r.town.unwrap_or(""), r.voivodeship.unwrap_or(""))
    })
}

/// Rows as pretty JSON or as one text line each; exit status 1 when there
/// are none, as grep does.
pub(super) fn write_rows<T: Serialize>(
    out: &mut dyn Write,
    rows: &[T],
    json: bool,
    line: impl Fn(&T) -> String,
) -> Result<u8, Failure> {
    if json {
        serde_json::to_writer_pretty(&mut *out, rows).map_err(io::Error::from)?;
        writeln!(out)?;
    } else {
        // Rows go out in large pieces: a write per row was a system call per
        // row (86,000 for one search of a 100k store).
        let mut buf = String::with_capacity(1 << 16);
        for r in rows {
            buf.push_str(&line(r));
            buf.push('\n');
            if buf.len() >= 1 << 16 {
                out.write_all(buf.as_bytes())?;
                buf.clear();
            }
        }
        out.write_all(buf.as_bytes())?;
    }
    Ok(if rows.is_empty() { EXIT_NONE } else { EXIT_OK })
}

/// Positions of the practices `id_or_query` means: the one with that id,
/// or else the matches of the text as a query, best first. An index the
/// load did not provide is built only when the text is not an id.
fn matching(loaded: &Loaded, id_or_query: &str) -> Vec<usize> {
    let wanted = id_or_query.trim();
    let store = &loaded.store;
    if let Some(i) = store.practices.iter().position(|p| p.id == wanted) {
        return vec![i];
    }
    let search = |index: &Index| index.search(wanted).iter().map(|h| h.index).collect();
    match &loaded.index {
        Some(index) => search(index),
        None => search(&Index::new(&store.practices)),
    }
}

pub(super) fn show(cx: &mut Context<'_>, id_or_query: &str, view: ViewArg, json: bool) -> Result<u8, Failure> {
    if id_or_query.trim().is_empty() {
        return Err(Failure::Usage("show needs an id or a query".into()));
    }
    warn_long_query(cx, id_or_query)?;
    let loaded = open_store(cx)?;
    let store = &loaded.store;
    let Some(&i) = matching(&loaded, id_or_query).first() else {
        writeln!(cx.err, "praktyki: no practice matches '{}'", shortened(id_or_query))?;
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
        for c in &p.contacts {
            let role = c.role.as_deref().map(|r| format!(", {r}")).unwrap_or_default();
            push(&format!("  {}{role}", c.name));
            if let Some(e) = &c.email {
                push(&format!("    {}: {e}", s.email));
            }
            if let Some(ph) = &c.phone {
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

pub(super) fn contacts(cx: &mut Context<'_>, query: &str, json: bool, vcard: bool) -> Result<u8, Failure> {
    warn_long_query(cx, query)?;
    let loaded = open_store(cx)?;
    let matches: Vec<&Head> = matching(&loaded, query).into_iter().map(|i| &loaded.store.practices[i]).collect();
    if matches.is_empty() {
        writeln!(cx.err, "praktyki: no practice matches '{}'", shortened(query))?;
        return Ok(EXIT_NONE);
    }
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
