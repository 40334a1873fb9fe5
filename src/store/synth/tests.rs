//! The synthetic stores: deterministic, realistic, marked as synthetic.
use super::*;
use crate::store::checks::check;

#[test]
fn deterministic_and_marked() {
    let a = store(20, 7);
    let b = store(20, 7);
    assert_eq!(a.practices, b.practices);
    assert_ne!(a.practices, store(20, 8).practices);
    for p in &a.practices {
        assert!(p.id.starts_with("synthetic-"));
        let area = p.area.as_deref().unwrap_or_default();
        assert!(area.starts_with(SYNTHETIC_MARKER) && SECTIONS.contains(&section_of(area)), "{area}");
        assert!((1_000..=3_500).contains(&p.summary.len()), "{}", p.summary.len());
        assert!((4..=8).contains(&p.presentation.len()));
        assert!(p.attachments.len() <= 5 && (1..=3).contains(&p.contacts.len()));
        assert!(check(p).is_empty(), "{:?}", check(p));
        let (entered, updated) = (p.entered.as_deref().unwrap_or(""), p.updated.as_deref().unwrap_or(""));
        assert!(("2008-01-01"..="2016-12-31").contains(&entered) && entered < updated && updated <= "2017-12-31");
    }
}

#[test]
fn names_only_is_the_store_without_its_texts() {
    let mut full = store(40, 3).practices;
    for p in &mut full {
        (p.summary, p.presentation, p.attachments) = Default::default();
    }
    assert_eq!(full, names_only(40, 3).practices);
}

#[test]
fn the_section_is_what_follows_the_marker() {
    assert_eq!(section_of("Dane syntetyczne (nie z BDP): Usługi społeczne"), "Usługi społeczne");
    assert_eq!(section_of("dane syntetyczne (nie z bdp): uslugi spoleczne"), "uslugi spoleczne");
    assert_eq!(section_of("Współpraca między JST"), "Współpraca między JST");
    assert_eq!(section_of("Dane"), "Dane");
    assert_eq!(section_of("Dane syntetyczne (nie z BDP)ą"), "Dane syntetyczne (nie z BDP)ą");
}

#[test]
fn towns_sit_in_their_counties_and_voivodeships() {
    for (v, towns) in TOWNS.iter().enumerate() {
        assert!(towns.len() >= 25, "{}: {}", VOIVODESHIPS[v], towns.len());
        for t in *towns {
            let p = Practice {
                voivodeship: Some(VOIVODESHIPS[v].into()),
                postal_code: Some(format!("{}-000", t.postal)),
                ..Practice::default()
            };
            assert!(check(&p).is_empty(), "{}: {:?}", t.name, check(&p));
            let lower = t.county.chars().next().is_some_and(char::is_lowercase);
            assert_eq!(t.kind == Kind::City, t.county == t.name, "{}", t.name);
            assert_eq!(t.kind != Kind::City, lower, "{}: a land county is an adjective", t.name);
            let same = towns.iter().filter(|u| u.name == t.name).count();
            assert_eq!(same, 1, "{} twice in {}", t.name, VOIVODESHIPS[v]);
        }
    }
}

#[test]
fn the_names_people_confuse_are_there() {
    let table = [
        ("Gorzów Śląski", "oleski", "opolskie"),
        ("Gorzów Wielkopolski", "Gorzów Wielkopolski", "lubuskie"),
        ("Ostrów Wielkopolski", "ostrowski", "wielkopolskie"),
        ("Ostrów Mazowiecka", "ostrowski", "mazowieckie"),
        ("Ostrowiec Świętokrzyski", "ostrowiecki", "świętokrzyskie"),
        ("Ostróda", "ostródzki", "warmińsko-mazurskie"),
        ("Nowa Sól", "nowosolski", "lubuskie"),
        ("Nowy Sącz", "Nowy Sącz", "małopolskie"),
        ("Nowy Targ", "nowotarski", "małopolskie"),
        ("Nowa Dęba", "tarnobrzeski", "podkarpackie"),
        ("Nysa", "nyski", "opolskie"),
        ("Łask", "łaski", "łódzkie"),
        ("Łeba", "lęborski", "pomorskie"),
        ("Ełk", "ełcki", "warmińsko-mazurskie"),
        ("Gdańsk", "Gdańsk", "pomorskie"),
        ("Gdynia", "Gdynia", "pomorskie"),
        ("Kraków", "Kraków", "małopolskie"),
        ("Wieliczka", "wielicki", "małopolskie"),
        ("Lublin", "Lublin", "lubelskie"),
        ("Poznań", "Poznań", "wielkopolskie"),
        ("Łódź", "Łódź", "łódzkie"),
        ("Opole", "Opole", "opolskie"),
        ("Opole Lubelskie", "opolski", "lubelskie"),
    ];
    for (name, county, voivodeship) in table {
        let found = TABLES.towns.iter().find(|(v, t)| t.name == name && VOIVODESHIPS[*v] == voivodeship);
        assert_eq!(found.map(|(_, t)| t.county), Some(county), "{name}");
    }
}

#[test]
fn big_towns_repeat_and_every_section_and_voivodeship_appears() {
    let s = names_only(20_000, 1);
    let count = |town: &str| s.practices.iter().filter(|p| p.town.as_deref() == Some(town)).count();
    let (warszawa, nysa, cisna) = (count("Warszawa"), count("Nysa"), count("Cisna"));
    assert!(warszawa > 3 * nysa && nysa > 3 * cisna && cisna > 0, "{warszawa} {nysa} {cisna}");
    for v in VOIVODESHIPS {
        assert!(s.practices.iter().any(|p| p.voivodeship.as_deref() == Some(v)), "{v}");
    }
    for p in &s.practices {
        let town = p.town.as_deref().unwrap_or_default();
        let mut names: Vec<&str> = p.partners.iter().map(|n| n.split_once(' ').map_or("", |(_, t)| t)).collect();
        assert!(!names.contains(&town), "{town} is its own partner: {:?}", p.partners);
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), p.partners.len(), "{:?}", p.partners);
    }
    for section in SECTIONS {
        let n = s.practices.iter().filter(|p| section_of(p.area.as_deref().unwrap_or("")) == section).count();
        assert!(n > 200, "{section}: {n}");
    }
}

#[test]
fn texts_speak_of_their_topics_in_several_cases() {
    let s = store(300, 11);
    let all: String = s.practices.iter().map(|p| format!("{}\n{}\n", p.title, p.summary)).collect();
    for word in ["odpadów", "odpadami", "gospodarka odpadami", "kanalizacji", "transportu zbiorowego", "dowozu uczniów"]
    {
        assert!(all.contains(word), "{word}");
    }
    // Most titles name a topic the summary speaks of.
    let named = s
        .practices
        .iter()
        .filter(|p| {
            let title = p.title.to_lowercase();
            TOPICS.iter().any(|t| {
                let words = t.forms.iter().flatten().filter(|w| w.len() > 6 && p.summary.contains(*w));
                words.clone().any(|w| title.contains(w)) || t.titles.iter().any(|h| p.title.starts_with(h))
            })
        })
        .count();
    assert!(named > 200, "{named}");
    for p in &s.practices {
        assert!(!p.summary.contains('{') && !p.summary.contains("  "), "{}", p.summary);
    }
}

#[test]
fn fifth_roots_are_exact() {
    assert_eq!([0, 1, 31, 32, 243, u64::MAX].map(fifth_root), [0, 1, 1, 2, 3, 7131]);
    assert_eq!(fifth_root(17_200u64.pow(3)), 347);
}

#[test]
fn county_names_inflect() {
    assert_eq!(
        [surname("Kowalska", false), surname("Wiśniewski", true), surname("Nowak", true)],
        ["Kowalski", "Wiśniewska", "Nowak"]
    );
    assert_eq!(surname("Kowalska", true), "Kowalska");
    assert_eq!(genitive("wielicki"), "wielickiego");
    assert_eq!(genitive("łódzki wschodni"), "łódzkiego wschodniego");
    assert_eq!(capitalised("kędzierzyńsko-kozielski"), "Kędzierzyńsko-Kozielski");
    assert_eq!(capitalised("łódzki wschodni"), "Łódzki Wschodni");
}
