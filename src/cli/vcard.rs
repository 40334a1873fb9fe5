//! vCard 4.0 (RFC 6350) for the contact people and offices of practices.

use crate::store::Contact;
use crate::store::model::Head;

/// Escapes a text value: backslash, comma, semicolon and newline.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded at 75 octets without splitting a
/// character, with CRLF endings as the RFC requires.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

/// "Krzysztof Początek" → N:Początek;Krzysztof;;;
fn structured_name(name: &str) -> String {
    let parts: Vec<&str> = name.split_whitespace().collect();
    match parts.as_slice() {
        [] => ";;;;".to_owned(),
        [one] => format!("{};;;;", esc(one)),
        [given @ .., family] => format!("{};{};;;", esc(family), esc(&given.join(" "))),
    }
}

fn address(p: &Head) -> Option<String> {
    if p.street.is_none() && p.post_office.is_none() && p.postal_code.is_none() && p.town.is_none() {
        return None;
    }
    let opt = |o: &Option<String>| esc(o.as_deref().unwrap_or("").trim());
    let locality = p.post_office.as_ref().or(p.town.as_ref()).cloned();
    Some(format!(
        "ADR;TYPE=work:;;{};{};{};{};Polska",
        opt(&p.street),
        opt(&locality),
        opt(&p.voivodeship),
        opt(&p.postal_code)
    ))
}

fn person(out: &mut String, p: &Head, c: &Contact) {
    line(out, "BEGIN:VCARD");
    line(out, "VERSION:4.0");
    line(out, "KIND:individual");
    line(out, &format!("FN:{}", esc(c.name.trim())));
    line(out, &format!("N:{}", structured_name(&c.name)));
    if let Some(role) = c.role.as_deref().filter(|r| !r.trim().is_empty()) {
        line(out, &format!("TITLE:{}", esc(role.trim())));
    }
    if let Some(org) = p.implementing_unit.as_deref() {
        line(out, &format!("ORG:{}", esc(org.trim())));
    }
    if let Some(e) = c.email.as_deref().filter(|e| !e.trim().is_empty()) {
        line(out, &format!("EMAIL;TYPE=work:{}", esc(e.trim())));
    }
    finish(out, p, c.phone.as_deref().or(p.phone.as_deref()));
}

/// The lines a person's and an office's card share: phone, the office's
/// address and website, the practice it comes from, and the end.
fn finish(out: &mut String, p: &Head, phone: Option<&str>) {
    if let Some(t) = phone.filter(|t| !t.trim().is_empty()) {
        line(out, &format!("TEL;TYPE=work;VALUE=text:{}", esc(t.trim())));
    }
    if let Some(adr) = address(p) {
        line(out, &adr);
    }
    if let Some(w) = crate::app::present::given(&p.website) {
        line(out, &format!("URL:{}", crate::app::present::web_url(w)));
    }
    line(out, &format!("NOTE:{}", esc(&format!("{} ({})", p.title, p.id))));
    line(out, "END:VCARD");
}

fn office(out: &mut String, p: &Head) {
    let Some(name) = p.implementing_unit.as_deref().filter(|n| !n.trim().is_empty()) else {
        return;
    };
    line(out, "BEGIN:VCARD");
    line(out, "VERSION:4.0");
    line(out, "KIND:org");
    line(out, &format!("FN:{}", esc(name.trim())));
    line(out, &format!("ORG:{}", esc(name.trim())));
    finish(out, p, p.phone.as_deref());
}

/// vCards for every contact person of the practices, then their offices.
pub fn cards(practices: &[&Head]) -> String {
    let mut out = String::new();
    for p in practices {
        // A person with no name is no card (FN must not be empty).
        for c in p.contacts.iter().filter(|c| !c.name.trim().is_empty()) {
            person(&mut out, p, c);
        }
        office(&mut out, p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_characters_whole() {
        let mut out = String::new();
        let long = format!("NOTE:{}", "ż".repeat(60));
        line(&mut out, &long);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 76, "{}", l.len());
        }
        assert_eq!(out.replace("\r\n ", "").trim_end(), long);
    }

    #[test]
    fn escaping() {
        assert_eq!(esc("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        assert_eq!(structured_name("Anna Maria Nowak"), "Nowak;Anna Maria;;;");
    }
}
