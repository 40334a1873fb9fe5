//! A Markdown dossier: per practice its title, place and section, summary,
//! contacts and a link to its source. Data is escaped, so a title with
//! `*`, `<script>` or `[x](y)` stays text; a link is made only of an
//! http(s) address.

use crate::app::present::given;
use crate::i18n::Strings;
use crate::store::Practice;
use crate::text::sanitize::sanitize;

/// `s` as Markdown text: punctuation that Markdown reads is escaped
/// (CommonMark allows a backslash before any ASCII punctuation), and so is
/// what would start a heading, list or quote at a line's start.
fn text(s: &str) -> String {
    let clean = sanitize(s, true);
    let mut out = String::with_capacity(clean.len() + 8);
    for (i, line) in clean.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let line = line.trim_start();
        // "1." or "1)" would start an ordered list.
        let digits = line.chars().take_while(char::is_ascii_digit).count();
        for (j, c) in line.chars().enumerate() {
            let starts_block = j == 0 && matches!(c, '#' | '+' | '-' | '=' | '>');
            let ends_number = j == digits && digits > 0 && matches!(c, '.' | ')');
            if starts_block
                || ends_number
                // '#' anywhere: at a heading's end it would close it.
                || matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '!' | '&' | '#')
            {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// An address as a link when it is a plain http(s) one, else as text.
fn link(url: &str) -> String {
    let plain = url.starts_with("https://") || url.starts_with("http://");
    if plain && !url.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>')) {
        format!("<{url}>")
    } else {
        text(url)
    }
}

/// The practices as one Markdown document, under `heading`.
pub fn to_markdown(practices: &[Practice], heading: &str, s: &Strings) -> String {
    let mut out = md_heading(heading, practices.len());
    for p in practices {
        out.push_str(&md_section(p, s));
    }
    out
}

/// The document's first line: what it holds, and how many.
pub fn md_heading(heading: &str, count: usize) -> String {
    format!("# Baza Dobrych Praktyk · {} ({count})\n", text(heading))
}

/// One practice's section.
pub fn md_section(p: &Practice, s: &Strings) -> String {
    let mut out = String::new();
    {
        out.push_str(&format!("\n## {}\n\n", text(&p.title)));
        let place: Vec<&str> = [&p.town, &p.county, &p.voivodeship]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .filter(|v| !v.trim().is_empty())
            .collect();
        let mut about: Vec<String> = Vec::new();
        if !place.is_empty() {
            about.push(text(&place.join(", ")));
        }
        for v in [&p.area, &p.unit_type].into_iter().flatten() {
            about.push(text(v));
        }
        if !about.is_empty() {
            out.push_str(&format!("*{}*\n\n", about.join(" · ")));
        }
        for para in p.summary.split("\n\n").map(str::trim).filter(|t| !t.is_empty()) {
            out.push_str(&text(para));
            out.push_str("\n\n");
        }
        let mut contacts: Vec<String> = Vec::new();
        for c in &p.contacts {
            let mut line = text(&c.name);
            if let Some(r) = given(&c.role) {
                line.push_str(&format!(", {}", text(r)));
            }
            for v in [&c.email, &c.phone].into_iter().filter_map(given) {
                line.push_str(&format!(" — {}", text(v)));
            }
            contacts.push(line);
        }
        if let Some(unit) = &p.implementing_unit {
            let mut line = format!("{}: {}", text(s.implementing_unit), text(unit));
            for v in [&p.phone, &p.website].into_iter().filter_map(given) {
                line.push_str(&format!(" — {}", text(v)));
            }
            contacts.push(line);
        }
        if !contacts.is_empty() {
            out.push_str(&format!("**{}**\n\n", text(s.contacts)));
            for c in contacts {
                out.push_str(&format!("- {c}\n"));
            }
            out.push('\n');
        }
        if let Some(url) = &p.source_url {
            out.push_str(&format!("{}: {}\n", text(s.source), link(url)));
        }
    }
    out
}
