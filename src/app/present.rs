//! What is shown of a practice, independent of where it is shown: the CLI
//! prints these rows as text and the TUI styles the same rows, so the two
//! cannot drift apart.

use std::borrow::Cow;

use crate::i18n::Strings;
use crate::store::Contact;
use crate::store::model::PracticeOf;

/// Labelled metadata rows of the "Metryka" block, in the BDP's order.
/// Absent values are left out; an unknown population says so.
pub fn metadata_rows<'a, S, P, A>(p: &'a PracticeOf<S, P, A>, s: &Strings) -> Vec<(Cow<'a, str>, String)> {
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
    if !p.problems.is_empty() {
        rows.push((Cow::Borrowed(s.problems), p.problems.join("; ")));
    }
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

/// A field's value when it says something: not absent, not blank.
pub use crate::store::model::given;

/// The first contact person's e-mail that says something: what `e`
/// copies and an export's `email` column holds.
pub fn first_email<S, P, A>(p: &PracticeOf<S, P, A>) -> Option<&str> {
    p.contacts.iter().find_map(|c| given(&c.email))
}

/// The first contact person's phone, else the office's: what `p` copies
/// and an export's `phone` column holds.
pub fn first_phone<S, P, A>(p: &PracticeOf<S, P, A>) -> Option<&str> {
    p.contacts.iter().find_map(|c| given(&c.phone)).or_else(|| given(&p.phone))
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
    add(s.name, Some(&c.name), None);
    add(s.role, c.role.as_ref(), None);
    add(s.email, c.email.as_ref(), c.email.as_ref().map(|e| format!("mailto:{}", e.trim())));
    add(s.phone, c.phone.as_ref(), None);
}

/// Every field of the contact card: each person, then the office.
pub fn card_fields<S, P, A>(p: &PracticeOf<S, P, A>, s: &Strings) -> Vec<CardField> {
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

/// `"www.example.pl"` → `"http://www.example.pl"`: the BDP stores websites
/// without a scheme.
pub fn web_url(site: &str) -> String {
    let t = site.trim();
    if t.contains("://") || t.starts_with("mailto:") { t.to_owned() } else { format!("http://{t}") }
}

/// An attachment's format and size, labelled, as both the detail pane and
/// `show` list them.
pub fn attachment_facts(a: &crate::store::Attachment, s: &Strings) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if let Some(f) = &a.format {
        out.push((s.format, f.to_uppercase()));
    }
    if let Some(b) = a.size_bytes {
        out.push((s.size, human_size(b)));
    }
    out
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

/// The URL to hand to the system opener, or why there is none. Only http,
/// https and mailto are opened; a scheme-less "www." site gets http://, and
/// a path relative to the page is resolved against `base` when it is http(s).
pub fn openable_url(raw: &str, base: Option<&str>) -> Result<String, String> {
    let t = raw.trim();
    let lower = t.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:") {
        return Ok(t.to_owned());
    }
    if lower.starts_with("www.") {
        return Ok(format!("http://{t}"));
    }
    if lower.contains(':') {
        return Err(t.to_owned());
    }
    let base = base.map(str::trim).filter(|b| b.starts_with("http://") || b.starts_with("https://"));
    match base {
        Some(b) if t.starts_with('/') => {
            let scheme_end = b.find("://").map_or(0, |i| i + 3);
            let host_end = b[scheme_end..].find('/').map_or(b.len(), |i| scheme_end + i);
            Ok(format!("{}{t}", &b[..host_end]))
        }
        Some(b) => {
            let dir = b.split(['?', '#']).next().unwrap_or(b);
            let dir = &dir[..dir.rfind('/').map_or(dir.len(), |i| i + 1)];
            Ok(format!("{dir}{t}"))
        }
        None => Err(t.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_safe_schemes_open() {
        assert_eq!(openable_url("www.aglomeracja-opolska.pl", None), Ok("http://www.aglomeracja-opolska.pl".into()));
        assert_eq!(openable_url("mailto:a@b.pl", None), Ok("mailto:a@b.pl".into()));
        assert!(openable_url("file:///etc/passwd", None).is_err());
        assert!(openable_url("javascript:alert(1)", None).is_err());
        assert!(openable_url("/pliki/a.pdf", None).is_err());
        assert_eq!(
            openable_url("/pliki/a.pdf", Some("http://bdp.pl/x/index.php?art=1")),
            Ok("http://bdp.pl/pliki/a.pdf".into())
        );
        assert_eq!(openable_url("a.pdf", Some("http://bdp.pl/x/index.php?art=1")), Ok("http://bdp.pl/x/a.pdf".into()));
    }

    #[test]
    fn sizes() {
        assert_eq!(human_size(980), "980 B");
        assert_eq!(human_size(1_572_864), "1.5 MB");
    }
}
