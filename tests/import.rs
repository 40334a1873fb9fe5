//! The importer against the seed page, in its text form and in HTML, in
//! each encoding of the BDP's era, and the three views merged.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use encoding_rs::{ISO_8859_2, WINDOWS_1250};
use praktyki::store::import::{self, page::View};
use praktyki::store::{Contact, Practice};

const SEED_TXT: &str = "tests/fixtures/practice-page-aglomeracja-opolska.txt";
const SEED_HTML: &str = "tests/fixtures/practice-page-aglomeracja-opolska.html";
const PRESENTATION: &str = "tests/fixtures/test-presentation-aglomeracja-opolska.txt";
const ATTACHMENTS: &str = "tests/fixtures/test-attachments-aglomeracja-opolska.html";

fn import_bytes(bytes: &[u8]) -> (Practice, import::FileReport) {
    let (page, report) = import::page_from_bytes(bytes, "page").unwrap();
    let (mut practices, conflicts) = import::merge_pages(vec![(page, report.clone())]);
    assert!(conflicts.is_empty());
    assert_eq!(practices.len(), 1);
    (practices.remove(0), report)
}

/// Every field of the seed's summary view, as the importer must read it.
fn assert_seed_fields(p: &Practice) {
    assert_eq!(p.id, "aglomeracja-opolska");
    assert_eq!(p.title, "Aglomeracja opolska");
    assert_eq!(p.area.as_deref(), Some("Współpraca między JST"));
    assert!(p.summary.starts_with("Praktykę uznaje się za dobrą i godną popularyzowania"), "{}", p.summary);
    assert!(p.summary.ends_with("możliwe jest zwołanie zespołów operacyjnych."), "{}", p.summary);
    assert!(p.summary.contains("w metodyczny sposób – od budowy"));
    assert!(!p.summary.contains('<') && !p.summary.contains("justify"), "HTML paragraph left in: {}", p.summary);
    assert_eq!(p.entered.as_deref(), Some("2014-12-06"));
    assert_eq!(p.updated.as_deref(), Some("2016-11-29"));
    assert_eq!(p.unit_type.as_deref(), Some("powiat grodzki"));
    assert_eq!(p.town.as_deref(), Some("Opole"));
    assert_eq!(p.county.as_deref(), Some("Opole"));
    assert_eq!(p.voivodeship.as_deref(), Some("opolskie"));
    assert_eq!(p.postal_code.as_deref(), Some("41-301"));
    assert_eq!(p.post_office.as_deref(), Some("Opole"));
    assert_eq!(p.implementing_unit.as_deref(), Some("Biuro Stowarzyszenia Aglomeracja Opolska"));
    assert_eq!(p.street.as_deref(), Some("Horoszkiewicza 6"));
    assert_eq!(p.phone.as_deref(), Some("77 5417930"));
    assert_eq!(p.website.as_deref(), Some("www.aglomeracja-opolska.pl"));
    assert_eq!(p.population, None, "the placeholder 0 means unknown");
    assert_eq!(
        p.contacts,
        [Contact {
            name: "Krzysztof Początek".into(),
            role: Some("Dyrektor Biura Stowarzyszenia".into()),
            email: Some("krzysztof.poczatek@ao.opole.pl".into()),
            phone: None,
        }]
    );
    assert!(p.partners.is_empty());
    assert!(p.extra.is_empty(), "{:?}", p.extra);
    // No menu, counter or footer text anywhere in the practice.
    let json = serde_json::to_string(p).unwrap();
    for chrome in
        ["Strona główna", "1.756.768", "gości odwiedziło", "Norweski", "Lichtenstein", "Mapa Praktyk", "\u{a0}"]
    {
        assert!(!json.contains(chrome), "site chrome '{chrome}' in {json}");
    }
}

#[test]
fn seed_text_page() {
    let (p, report) = import_bytes(&std::fs::read(SEED_TXT).unwrap());
    assert_seed_fields(&p);
    assert_eq!(report.view, View::Summary);
    assert_eq!(report.chrome_lines, 24);
    // Every note is a decision, none is a line left unread.
    let notes: Vec<String> = report.notes.iter().map(|n| n.message.clone()).collect();
    assert_eq!(notes, ["population 0 is the BDP's placeholder for unknown: stored as null"]);
}

#[test]
fn seed_html_page_in_every_encoding() {
    let utf8 = std::fs::read_to_string(SEED_HTML).unwrap();
    let (p, report) = import_bytes(utf8.as_bytes());
    assert_seed_fields(&p);
    assert_eq!(report.encoding, "UTF-8");
    for enc in [WINDOWS_1250, ISO_8859_2] {
        let declared = utf8.replace("charset=utf-8", &format!("charset={}", enc.name()));
        let (bytes, _, unmappable) = enc.encode(&declared);
        assert!(!unmappable);
        let (p, report) = import_bytes(&bytes);
        assert_seed_fields(&p);
        assert_eq!(report.encoding, enc.name());
        // The same bytes with no declaration at all: detected.
        let undeclared = utf8.replace("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">", "");
        let (bytes, _, _) = enc.encode(&undeclared);
        let (p, report) = import_bytes(&bytes);
        assert_seed_fields(&p);
        assert_eq!(report.encoding, enc.name(), "detection");
    }
}

#[test]
fn seed_text_page_in_legacy_encodings() {
    let text = std::fs::read_to_string(SEED_TXT).unwrap();
    for enc in [WINDOWS_1250, ISO_8859_2] {
        // ISO-8859-2 has no en dash and no »: a page in it would carry ASCII.
        let text = if enc == ISO_8859_2 { text.replace('–', "-").replace('»', ">") } else { text.clone() };
        let (bytes, _, unmappable) = enc.encode(&text);
        assert!(!unmappable);
        let (mut p, report) = import_bytes(&bytes);
        p.summary = p.summary.replace("sposób - od", "sposób – od");
        assert_seed_fields(&p);
        assert_eq!(report.encoding, enc.name());
    }
}

#[test]
fn three_views_merge_into_one_practice() {
    let pages: Vec<_> = [ATTACHMENTS, SEED_TXT, PRESENTATION]
        .iter()
        .map(|f| import::read_page(std::path::Path::new(f)).unwrap())
        .collect();
    let views: Vec<View> = pages.iter().map(|(p, _)| p.view).collect();
    assert_eq!(views, [View::Attachments, View::Summary, View::Presentation]);
    let (practices, conflicts) = import::merge_pages(pages);
    assert!(conflicts.is_empty());
    assert_eq!(practices.len(), 1);
    let p = &practices[0];
    assert_seed_fields(&Practice { presentation: vec![], attachments: vec![], partners: vec![], ..p.clone() });
    let headings: Vec<&str> = p.presentation.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(headings, ["Opis sytuacji przed wdrożeniem", "Cele praktyki", "Partnerzy", "Wnioski na przyszłość"]);
    assert_eq!(
        p.presentation[0].body,
        "Tekst testowy pierwszej sekcji: gminy wokół miasta działały osobno.\n\nDrugi akapit pierwszej sekcji."
    );
    assert_eq!(p.partners, ["Miasto Opole", "Gmina Dobrzeń Wielki"]);
    assert_eq!(p.attachments.len(), 2);
    let a = &p.attachments[0];
    assert_eq!(a.name, "Raport testowy");
    assert_eq!(a.url.as_deref(), Some("/pliki/test-raport.pdf"));
    assert_eq!(a.format.as_deref(), Some("pdf"));
    assert_eq!(a.size_bytes, Some(1_572_864));
    assert_eq!(a.description.as_deref(), Some("Plik testowy do sprawdzania importu"));
    assert_eq!((p.attachments[1].name.as_str(), p.attachments[1].size_bytes), ("Mapa testowa", Some(250_880)));
}

#[test]
fn same_view_twice_is_reported() {
    let pages = vec![
        import::read_page(std::path::Path::new(SEED_TXT)).unwrap(),
        import::read_page(std::path::Path::new(SEED_HTML)).unwrap(),
    ];
    let (practices, conflicts) = import::merge_pages(pages);
    assert_eq!(practices.len(), 1);
    assert_eq!(conflicts.len(), 1);
    assert!(conflicts[0].contains("the later file wins"), "{}", conflicts[0]);
}

#[test]
fn unknown_lines_are_reported_not_dropped() {
    let text = std::fs::read_to_string(SEED_TXT).unwrap().replace(
        "Ulica:\u{a0}\u{a0}Horoszkiewicza 6",
        "Ulica:\u{a0}\u{a0}Horoszkiewicza 6\nFaks:\u{a0}\u{a0} 77 0000000\nzupełnie obca linia bez etykiety",
    );
    let (p, report) = import_bytes(text.as_bytes());
    assert_eq!(p.extra.get("Faks").map(String::as_str), Some("77 0000000"));
    let messages: Vec<&str> = report.notes.iter().map(|n| n.message.as_str()).collect();
    assert!(messages.contains(&"unknown metadata field 'Faks'; kept under extra"), "{messages:?}");
    assert!(messages.contains(&"not understood: zupełnie obca linia bez etykiety"), "{messages:?}");
}

#[test]
fn a_page_without_a_practice_is_an_error() {
    let err = import::page_from_bytes(b"just some text\nwith no practice", "x.txt").unwrap_err();
    assert!(err.to_string().starts_with("x.txt: no practice title found"), "{err}");
}

#[test]
fn embedded_store_is_the_imported_seed() {
    let (p, _) = import_bytes(&std::fs::read(SEED_TXT).unwrap());
    let store = praktyki::store::load_embedded(Default::default()).unwrap();
    assert_eq!(store.practices.len(), 1);
    assert_eq!(store.read_full(0).unwrap().into_owned(), p);
}
