//! Reading one saved BDP practice page (already flattened to lines) into the
//! fields of one of its three views.

use super::attachments::{file_format, parse_attachments};
use super::html::Link;
use crate::store::model::{Contact, Practice, Section};
use crate::text::fold::fold;

/// The three views of a practice on the BDP site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum View {
    /// "Skrót i Metryka": summary and the metadata block.
    Summary,
    /// "Pełna prezentacja".
    Presentation,
    /// "Załączniki".
    Attachments,
}

impl View {
    pub fn label(self) -> &'static str {
        match self {
            View::Summary => "Skrót i Metryka",
            View::Presentation => "Pełna prezentacja",
            View::Attachments => "Załączniki",
        }
    }
}

/// One line of the page's text with its line number in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub no: usize,
    pub text: String,
}

/// Something the importer wants the user to know about a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub line: usize,
    pub kind: NoteKind,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    /// A line the importer did not understand; its text is in the message.
    Unrecognised,
    /// A decision the importer made that the user may want to check.
    Info,
}

/// The part of a practice one page holds.
#[derive(Debug, Clone)]
pub struct Page {
    pub view: View,
    /// The practice fields this view carries (the rest stay empty).
    pub practice: Practice,
    /// The BDP article number, when a URL in the page gives it.
    pub art: Option<String>,
    pub notes: Vec<Note>,
    /// Non-empty lines of site menu, counter and footer that were left out.
    pub chrome_lines: usize,
    /// Whether the page shows itself as a practice page: the views'
    /// navigation line or the "Metryka praktyki" block. A listing page also
    /// carries a "… : Praktyki" breadcrumb, so that alone does not count.
    pub is_practice: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PageError {
    #[error(
        "no practice title found: the page has neither the '.: Skrót i Metryka -> Pełna prezentacja -> Załączniki :.' navigation line nor a '… : Praktyki' breadcrumb"
    )]
    NoTitle,
    #[error("the page nests its markup more than {0} elements deep; a BDP page nests a few dozen, so it was not read")]
    TooDeep(usize),
}

/// Non-breaking spaces to spaces, outer white space off.
pub(super) fn norm(s: &str) -> String {
    s.replace('\u{a0}', " ").trim().to_owned()
}

/// The form lines are compared in: normalised, lowercase, without diacritics.
fn key(s: &str) -> String {
    fold(&norm(s))
}

fn is_nav(s: &str) -> bool {
    let k = key(s);
    (k.starts_with(".:") && k.ends_with(":.")) || (k.contains("skrot i metryka") && k.contains("pelna prezentacja"))
}

fn is_footer(s: &str) -> bool {
    key(s).starts_with("wsparcie udzielone przez")
}

/// "Współpraca między JST : Praktyki" → "Współpraca między JST".
fn breadcrumb_area(s: &str) -> Option<String> {
    let n = norm(s);
    let n = n.trim_start_matches('»').trim();
    let (area, rest) = n.rsplit_once(':')?;
    (fold(rest.trim()) == "praktyki" && !area.trim().is_empty()).then(|| area.trim().to_owned())
}

/// The BDP article number in a URL (`…?art=123`, `…&art=123`, `/art/123`).
pub fn art_number(url: &str) -> Option<String> {
    let lower = url.to_ascii_lowercase();
    for pat in ["?art=", "&art=", "&amp;art=", "/art/", "/art,"] {
        if let Some(i) = lower.find(pat) {
            let digits: String = lower[i + pat.len()..].chars().take_while(char::is_ascii_digit).collect();
            if !digits.is_empty() {
                return Some(digits);
            }
        }
    }
    None
}

/// Metadata labels of the "Metryka praktyki" block, folded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Entered,
    Updated,
    UnitType,
    Town,
    County,
    Voivodeship,
    Postal,
    ImplementingUnit,
    Street,
    Phone,
    Website,
    Population,
    Contacts,
    Email,
    Partners,
    Area,
}

fn field_for(label: &str) -> Option<Field> {
    let k = fold(label.trim().trim_end_matches(':').trim());
    Some(match k.as_str() {
        "data wprowadzenia do bdp" | "data wprowadzenia" => Field::Entered,
        "data aktualizacji" | "data modyfikacji" => Field::Updated,
        "typ jednostki" | "rodzaj jednostki" => Field::UnitType,
        "miejscowosc" | "miasto" => Field::Town,
        "powiat" => Field::County,
        "wojewodztwo" => Field::Voivodeship,
        "kod pocztowy i poczta" | "kod pocztowy" => Field::Postal,
        "jednostka wdrazajaca" | "jednostka realizujaca" => Field::ImplementingUnit,
        "ulica" | "adres" => Field::Street,
        "telefon" | "tel" | "tel." => Field::Phone,
        // "Wirtyna" is the BDP's own typo, kept on every page of the site.
        "wirtyna internetowa" | "witryna internetowa" | "strona internetowa" | "strona www" | "www" => Field::Website,
        "liczba mieszkancow" => Field::Population,
        "osoby kontaktowe" | "osoba kontaktowa" | "osoba do kontaktu" => Field::Contacts,
        "e@mail" | "e-mail" | "email" | "e-mail:" | "mail" => Field::Email,
        "partnerzy" | "partnerzy praktyki" => Field::Partners,
        "obszar" | "obszar tematyczny" => Field::Area,
        _ => return None,
    })
}

/// Splits "Label: value"; the label must be short to count as one.
fn split_label(s: &str) -> Option<(String, String)> {
    let n = norm(s);
    let (label, value) = n.split_once(':')?;
    let label = label.trim();
    if label.is_empty() || label.chars().count() > 40 || label.contains("//") {
        return None;
    }
    Some((label.to_owned(), norm(value)))
}

/// Parses a page given as lines. `links` are the page's links (HTML form),
/// `source_url` where it was saved from, if known.
pub fn parse(lines: &[Line], links: &[Link], source_url: Option<&str>) -> Result<Page, PageError> {
    let nav = lines.iter().position(|l| is_nav(&l.text));
    let (title_at, content_start) = match nav {
        Some(n) => {
            let t = lines[..n].iter().rposition(|l| !norm(&l.text).is_empty()).ok_or(PageError::NoTitle)?;
            (t, n + 1)
        }
        None => {
            let b = lines.iter().position(|l| breadcrumb_area(&l.text).is_some()).ok_or(PageError::NoTitle)?;
            let t = b + 1 + lines[b + 1..].iter().position(|l| !norm(&l.text).is_empty()).ok_or(PageError::NoTitle)?;
            (t, t + 1)
        }
    };
    let title = norm(&lines[title_at].text);
    let crumb = lines[..title_at].iter().rposition(|l| !norm(&l.text).is_empty());
    let area = crumb.and_then(|c| breadcrumb_area(&lines[c].text));
    let page_start = if area.is_some() { crumb.unwrap_or(title_at) } else { title_at };
    let content_end = lines[content_start..]
        .iter()
        .position(|l| is_nav(&l.text) || is_footer(&l.text))
        .map_or(lines.len(), |i| content_start + i);
    let content = &lines[content_start..content_end];
    let chrome_lines =
        lines[..page_start].iter().chain(&lines[content_end..]).filter(|l| !norm(&l.text).is_empty()).count();

    let first_no = content.first().map_or(0, |l| l.no);
    let last_no = content.last().map_or(0, |l| l.no);
    let content_links: Vec<&Link> =
        links.iter().filter(|l| l.line >= first_no && l.line <= last_no && !is_view_link(&l.text)).collect();

    let art = source_url
        .and_then(art_number)
        .or_else(|| links.iter().filter(|l| is_view_link(&l.text)).find_map(|l| art_number(&l.href)));

    let is_practice = nav.is_some() || content.iter().any(|l| key(&l.text) == "metryka praktyki");
    let mut page = Page {
        is_practice,
        view: detect_view(content, &content_links),
        practice: Practice { title, area, source_url: source_url.map(str::to_owned), ..Practice::default() },
        art,
        notes: Vec::new(),
        chrome_lines,
    };
    match page.view {
        View::Summary => parse_summary(content, &mut page),
        View::Presentation => parse_presentation(content, &mut page),
        View::Attachments => parse_attachments(content, &content_links, &mut page),
    }
    Ok(page)
}

fn is_view_link(text: &str) -> bool {
    matches!(key(text).as_str(), "skrot i metryka" | "pelna prezentacja" | "zalaczniki")
}

fn detect_view(content: &[Line], links: &[&Link]) -> View {
    let keys: Vec<String> = content.iter().map(|l| key(&l.text)).filter(|k| !k.is_empty()).collect();
    if keys.iter().any(|k| k == "metryka praktyki") {
        return View::Summary;
    }
    let first = keys.first().map(String::as_str).unwrap_or("");
    if first.starts_with("zalaczniki")
        || keys.iter().any(|k| k.starts_with("brak zalacznikow"))
        || (!links.is_empty() && links.iter().all(|l| file_format(&l.href).is_some()))
    {
        return View::Attachments;
    }
    if content.iter().any(|l| known_heading(&l.text)) {
        return View::Presentation;
    }
    View::Summary
}

/// Folded starts of the section headings the BDP's full presentation uses.
const HEADINGS: &[&str] = &[
    "opis sytuacji przed wdrozeniem",
    "cel ",
    "cele ",
    "cel praktyki",
    "cele praktyki",
    "opis wdrozenia",
    "przebieg wdrozenia",
    "opis praktyki",
    "realizacja",
    "zasoby",
    "koszty",
    "finansowanie",
    "zrodla finansowania",
    "rezultaty",
    "osiagniete rezultaty",
    "efekty",
    "monitoring",
    "ewaluacja",
    "trudnosci",
    "problemy",
    "bariery",
    "czynniki sukcesu",
    "kluczowe czynniki",
    "mozliwosc",
    "mozliwosci",
    "partnerzy",
    "wnioski",
    "podsumowanie",
    "innowacyjnosc",
    "beneficjenci",
    "adresaci",
    "harmonogram",
    "uzasadnienie",
];

fn short_line(s: &str) -> bool {
    let n = norm(s);
    !n.is_empty() && n.chars().count() <= 120 && n.split_whitespace().count() <= 14 && !n.ends_with(['.', ';', ','])
}

fn known_heading(s: &str) -> bool {
    let k = key(s);
    let k = k.trim_end_matches(':').trim();
    short_line(s) && HEADINGS.iter().any(|h| k == h.trim() || k.starts_with(h))
}

/// A short line that starts with a capital and does not end a sentence,
/// followed by text: how a heading without markup looks in saved text.
fn guessed_heading(lines: &[Line], i: usize) -> bool {
    let n = norm(&lines[i].text);
    let starts_upper = n.chars().next().is_some_and(char::is_uppercase);
    let followed = lines[i + 1..].iter().find(|l| !norm(&l.text).is_empty()).is_some_and(|l| !short_line(&l.text));
    starts_upper && n.chars().count() <= 80 && short_line(&n) && followed
}

fn paragraphs(lines: &[Line]) -> String {
    lines.iter().map(|l| norm(&l.text)).filter(|t| !t.is_empty()).collect::<Vec<_>>().join("\n\n")
}

fn parse_summary(content: &[Line], page: &mut Page) {
    let metryka = content.iter().position(|l| key(&l.text) == "metryka praktyki");
    let (text, meta) = match metryka {
        Some(m) => (&content[..m], &content[m + 1..]),
        None => {
            page.notes.push(Note {
                line: 0,
                kind: NoteKind::Info,
                message: "no 'Metryka praktyki' block on this page".into(),
            });
            (content, &[][..])
        }
    };
    page.practice.summary = paragraphs(text);
    parse_metryka(meta, page);
}

fn set(slot: &mut Option<String>, value: String) {
    if !value.is_empty() {
        *slot = Some(value);
    }
}

fn looks_like_phone(s: &str) -> bool {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    digits >= 6
        && s.chars().all(|c| c.is_ascii_digit() || " +-()/.,\u{a0}".contains(c) || c.is_alphabetic() && s.len() < 4)
}

fn parse_metryka(meta: &[Line], page: &mut Page) {
    let p = &mut page.practice;
    let mut in_contacts = false;
    for line in meta {
        let text = norm(&line.text);
        if text.is_empty() {
            continue;
        }
        let labelled = split_label(&line.text).and_then(|(l, v)| field_for(&l).map(|f| (f, l, v)));
        if let Some((field, _, value)) = labelled {
            in_contacts = field == Field::Contacts || (in_contacts && matches!(field, Field::Email | Field::Phone));
            match field {
                Field::Entered => set(&mut p.entered, iso_date(&value, line.no, &mut page.notes)),
                Field::Updated => set(&mut p.updated, iso_date(&value, line.no, &mut page.notes)),
                Field::UnitType => set(&mut p.unit_type, value),
                Field::Town => set(&mut p.town, value),
                Field::County => set(&mut p.county, value),
                Field::Voivodeship => set(&mut p.voivodeship, value),
                Field::ImplementingUnit => set(&mut p.implementing_unit, value),
                Field::Street => set(&mut p.street, value),
                Field::Website => set(&mut p.website, value),
                Field::Area => set(&mut p.area, value),
                Field::Postal => {
                    let mut parts = value.splitn(2, char::is_whitespace);
                    let code = parts.next().unwrap_or_default();
                    let is_code = code.contains('-') && code.chars().all(|c| c.is_ascii_digit() || c == '-');
                    if is_code {
                        set(&mut p.postal_code, code.to_owned());
                        set(&mut p.post_office, norm(parts.next().unwrap_or_default()));
                    } else {
                        set(&mut p.post_office, value.clone());
                        page.notes.push(Note {
                            line: line.no,
                            kind: NoteKind::Info,
                            message: format!("no postal code in '{value}'; kept as the post office"),
                        });
                    }
                }
                Field::Population => {
                    let digits: String =
                        value.chars().filter(|c| !c.is_whitespace() && *c != '.' && *c != '\u{a0}').collect();
                    match digits.parse::<u64>() {
                        Ok(0) => page.notes.push(Note {
                            line: line.no,
                            kind: NoteKind::Info,
                            message: "population 0 is the BDP's placeholder for unknown: stored as null".into(),
                        }),
                        Ok(n) => p.population = Some(n),
                        Err(_) if value.is_empty() => {}
                        Err(_) => {
                            page.notes.push(Note {
                                line: line.no,
                                kind: NoteKind::Unrecognised,
                                message: format!("population '{value}' is not a number; kept under extra"),
                            });
                            p.extra.insert("Liczba mieszkańców".into(), value);
                        }
                    }
                }
                Field::Partners => p
                    .partners
                    .extend(value.split([',', ';']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned)),
                Field::Contacts => {
                    if !value.is_empty() {
                        p.contacts.push(Contact { name: value, ..Contact::default() });
                    }
                }
                Field::Email | Field::Phone if in_contacts => {
                    let contact = current_contact(&mut p.contacts);
                    let slot = if field == Field::Email { &mut contact.email } else { &mut contact.phone };
                    set(slot, value);
                }
                Field::Phone => set(&mut p.phone, value),
                Field::Email => {
                    // An e-mail outside the contacts: the office's own address.
                    p.extra.insert("E-mail".into(), value);
                }
            }
            continue;
        }
        if in_contacts {
            let contact = current_contact(&mut p.contacts);
            if text.contains('@') && !text.contains(' ') {
                set(&mut contact.email, text);
            } else if looks_like_phone(&text) {
                set(&mut contact.phone, text);
            } else if contact.name.is_empty() {
                contact.name = text;
            } else if contact.role.is_none() && contact.email.is_none() && contact.phone.is_none() {
                contact.role = Some(text);
            } else {
                p.contacts.push(Contact { name: text, ..Contact::default() });
            }
            continue;
        }
        if let Some((label, value)) = split_label(&line.text) {
            page.notes.push(Note {
                line: line.no,
                kind: NoteKind::Unrecognised,
                message: format!("unknown metadata field '{label}'; kept under extra"),
            });
            p.extra.insert(label, value);
        } else {
            page.notes.push(Note {
                line: line.no,
                kind: NoteKind::Unrecognised,
                message: format!("not understood: {text}"),
            });
        }
    }
}

fn current_contact(contacts: &mut Vec<Contact>) -> &mut Contact {
    if contacts.is_empty() {
        contacts.push(Contact::default());
    }
    let last = contacts.len() - 1;
    &mut contacts[last]
}

/// Dates are stored as YYYY-MM-DD; the Polish DD.MM.YYYY is converted.
fn iso_date(value: &str, line: usize, notes: &mut Vec<Note>) -> String {
    let parts: Vec<&str> = value.split('.').collect();
    if let [d, m, y] = parts[..]
        && d.len() <= 2
        && m.len() <= 2
        && y.len() == 4
        && [d, m, y].iter().all(|s| s.chars().all(|c| c.is_ascii_digit()))
    {
        let iso = format!("{y}-{m:0>2}-{d:0>2}");
        notes.push(Note { line, kind: NoteKind::Info, message: format!("date '{value}' stored as {iso}") });
        return iso;
    }
    value.to_owned()
}

fn parse_presentation(content: &[Line], page: &mut Page) {
    let mut sections: Vec<Section> = Vec::new();
    let mut body: Vec<Line> = Vec::new();
    let flush = |sections: &mut Vec<Section>, body: &mut Vec<Line>| {
        let text = paragraphs(body);
        body.clear();
        match sections.last_mut() {
            Some(s) => s.body = text,
            None if !text.is_empty() => sections.push(Section { heading: String::new(), body: text }),
            None => {}
        }
    };
    for (i, line) in content.iter().enumerate() {
        let known = known_heading(&line.text);
        if known || guessed_heading(content, i) {
            flush(&mut sections, &mut body);
            if !known {
                page.notes.push(Note {
                    line: line.no,
                    kind: NoteKind::Info,
                    message: format!("taken as a section heading: {}", norm(&line.text)),
                });
            }
            sections.push(Section {
                heading: norm(&line.text).trim_end_matches(':').trim().to_owned(),
                body: String::new(),
            });
        } else {
            body.push(line.clone());
        }
    }
    flush(&mut sections, &mut body);
    for s in &sections {
        if fold(&s.heading).starts_with("partnerzy") {
            page.practice.partners.extend(
                s.body
                    .split(['\n', ';'])
                    .map(|p| p.trim().trim_start_matches(['-', '•', '*']).trim())
                    .filter(|p| !p.is_empty())
                    .map(str::to_owned),
            );
        }
    }
    page.practice.presentation = sections;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn art_numbers() {
        assert_eq!(art_number("http://www.dobrepraktyki.pl/index.php?x=prezentacja&art=1234").as_deref(), Some("1234"));
        assert_eq!(art_number("http://example.org/"), None);
    }

    #[test]
    fn headings() {
        assert!(known_heading("Opis sytuacji przed wdrożeniem"));
        assert!(known_heading("Cele praktyki:"));
        assert!(!known_heading("Celem było zbudowanie zaufania między gminami."));
    }
}
