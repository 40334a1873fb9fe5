//! What is shown of a practice, independent of where it is shown: the CLI
//! prints these rows as text and the TUI styles the same rows, so the two
//! cannot drift apart.

use std::borrow::Cow;

use crate::i18n::Strings;
use crate::store::{Contact, Practice};

/// Labelled metadata rows of the "Metryka" block, in the BDP's order.
/// Absent values are left out; an unknown population says so.
pub fn metadata_rows<'a>(p: &'a Practice, s: &Strings) -> Vec<(Cow<'a, str>, String)> {
    let mut rows = Vec::new();
    let mut push = |label: &'static str, v: Option<String>| {
        if let Some(v) = v.filter(|v| !v.trim().is_empty()) {
            rows.push((Cow::Borrowed(label), v));
        }
    };
    push(s.entered, p.entered.clone());
    push(s.updated, p.updated.clone());
    push(s.unit_type, p.unit_type.clone());
    push(s.town, p.town.clone());
    push(s.county, p.county.clone());
    push(s.voivodeship, p.voivodeship.clone());
    push(s.postal, p.postal_line());
    push(s.implementing_unit, p.implementing_unit.clone());
    push(s.street, p.street.clone());
    push(s.phone, p.phone.clone());
    push(s.website, p.website.clone());
    push(s.population, Some(p.population.map_or_else(|| s.unknown.to_owned(), |n| n.to_string())));
    if !p.partners.is_empty() {
        push(s.partners, Some(p.partners.join("; ")));
    }
    // Fields the importer did not recognise keep the page's own label.
    rows.extend(p.extra.iter().map(|(k, v)| (Cow::Borrowed(k.as_str()), v.clone())));
    rows
}

/// A field of the contact card: what it is and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardField {
    pub label: &'static str,
    pub value: String,
    /// Whether `o` may open it (a website or an e-mail address).
    pub openable: Option<String>,
    /// Lines before this one starts a new group (a person or the office).
    pub group: Option<String>,
}

fn person_fields(c: &Contact, s: &Strings, out: &mut Vec<CardField>) {
    let mut first = true;
    let mut add = |label: &'static str, value: Option<&String>, openable: Option<String>| {
        if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
            let group = first.then(|| c.name.clone());
            first = false;
            out.push(CardField { label, value: v.clone(), openable, group });
        }
    };
    add(s.contacts, Some(&c.name), None);
    add(s.role, c.role.as_ref(), None);
    add(s.email, c.email.as_ref(), c.email.as_ref().map(|e| format!("mailto:{}", e.trim())));
    add(s.phone, c.phone.as_ref(), None);
}

/// Every field of the contact card: each person, then the office.
pub fn card_fields(p: &Practice, s: &Strings) -> Vec<CardField> {
    let mut out = Vec::new();
    for c in &p.contacts {
        person_fields(c, s, &mut out);
    }
    let office = [
        (s.implementing_unit, p.implementing_unit.clone(), None),
        (s.street, p.street.clone(), None),
        (s.postal, p.postal_line(), None),
        (s.phone, p.phone.clone(), None),
        (s.website, p.website.clone(), p.website.as_deref().map(web_url)),
    ];
    let mut first = true;
    for (label, value, openable) in office {
        if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
            let group = first.then(|| s.office.to_owned());
            first = false;
            out.push(CardField { label, value, openable, group });
        }
    }
    out
}

/// "www.example.pl" → "http://www.example.pl": the BDP stores websites
/// without a scheme.
pub fn web_url(site: &str) -> String {
    let t = site.trim();
    if t.contains("://") || t.starts_with("mailto:") { t.to_owned() } else { format!("http://{t}") }
}

/// Human-readable size, e.g. "1.2 MB".
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["B", "kB", "MB", "GB"];
    let mut v = bytes as f64;
    let mut u = 0;
    while v >= 1024.0 && u < UNITS.len() - 1 {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 { format!("{bytes} B") } else { format!("{v:.1} {}", UNITS[u]) }
}
