//! The index's behaviour on small stores.

use super::*;
use crate::store::Practice;

fn p(id: &str, title: &str, town: &str, woj: &str) -> Practice {
    Practice {
        id: id.into(),
        title: title.into(),
        town: Some(town.into()),
        voivodeship: Some(woj.into()),
        ..Practice::default()
    }
}

fn store() -> Vec<Practice> {
    vec![
        p("a", "Aglomeracja opolska", "Opole", "opolskie"),
        p("b", "Łódzki obszar metropolitalny", "Łódź", "łódzkie"),
        p("c", "Związek Gmin Żywiecczyzny", "Żywiec", "śląskie"),
        p("d", "Ąkademia", "Ełk", "warmińsko-mazurskie"),
    ]
}

#[test]
fn diacritic_free_queries_find_polish_names() {
    let s = store();
    let idx = Index::new(&crate::store::heads::Heads::of(&s));
    for (q, id) in [("lodz", "b"), ("zywiec", "c"), ("slask", "c"), ("ŁÓDŹ", "b"), ("lo\u{301}dz\u{301}", "b")] {
        let hits = idx.search(q);
        assert_eq!(hits.first().map(|h| s[h.index].id.as_str()), Some(id), "{q}");
    }
}

#[test]
fn terms_are_anded() {
    let s = store();
    let idx = Index::new(&crate::store::heads::Heads::of(&s));
    assert_eq!(idx.search("aglo opol").len(), 1);
    assert!(idx.search("aglo lodz").is_empty());
}

#[test]
fn empty_query_lists_all_in_polish_order() {
    let s = store();
    let ids: Vec<_> =
        Index::new(&crate::store::heads::Heads::of(&s)).search("  ").iter().map(|h| s[h.index].id.clone()).collect();
    assert_eq!(ids, ["a", "d", "b", "c"]);
}

#[test]
fn title_order_is_polish_with_ties_by_position() {
    let titles = ["Żywiec", "zywiec", "Łódź", "Aglo", "łódź", "Żywiec", "Ćma", "aglo", "Łódź", "Zakopane", "Aglo"];
    let s: Vec<Practice> = titles.iter().enumerate().map(|(i, t)| p(&i.to_string(), t, "X", "Y")).collect();
    let mut naive: Vec<u32> = (0..s.len() as u32).collect();
    naive.sort_by(|&a, &b| {
        collate::polish_key(&s[a as usize].title).cmp(&collate::polish_key(&s[b as usize].title)).then(a.cmp(&b))
    });
    assert_eq!(Index::new(&crate::store::heads::Heads::of(&s)).by_title(), naive);
}

#[test]
fn a_superseded_search_gives_up() {
    let s = store();
    let idx = Index::new(&crate::store::heads::Heads::of(&s));
    assert!(idx.find("lodz", Scope::default(), &|| true).is_none());
    assert_eq!(idx.find("lodz", Scope::default(), &|| false).map(|f| f.hits.len()), Some(1));
    // Listing everything needs no scoring, so it is never cancelled.
    assert_eq!(idx.find("", Scope::default(), &|| true).map(|f| f.hits.len()), Some(4));
}

#[test]
fn field_filters() {
    let s = store();
    let idx = Index::new(&crate::store::heads::Heads::of(&s));
    let ids = |q: &str| idx.search(q).iter().map(|h| s[h.index].id.clone()).collect::<Vec<_>>();
    assert_eq!(ids("woj:slaskie"), ["c"]);
    assert_eq!(ids("woj:Łódz"), ["b"]);
    assert_eq!(ids("miasto:opo aglo"), ["a"]);
    assert!(ids("miasto:opo lodz").is_empty());
    assert_eq!(ids("woj:warminsko-mazurskie"), ["d"]);
    assert!(ids("typ:gmina").is_empty(), "no unit types in this store");
}

#[test]
fn highlight_lands_on_original_characters() {
    let s = store();
    let idx = Index::new(&crate::store::heads::Heads::of(&s));
    assert_eq!(idx.highlight("Łódź", &query_terms("lodz")), [0, 1, 2, 3]);
    assert_eq!(idx.highlight("Aglomeracja opolska", &query_terms("opol")), [12, 13, 14, 15]);
}

fn ids_for(s: &[Practice], idx: &Index, q: &str, scope: Scope) -> Vec<String> {
    idx.find(q, scope, &|| false).expect("not cancelled").hits.iter().map(|h| s[h.index].id.clone()).collect()
}

fn towns() -> Vec<Practice> {
    let mut v = vec![
        p("gd", "Obszar Metropolitalny", "Gdańsk", "pomorskie"),
        p("sk", "Zagłębie", "Skarżysko-Kamienna", "świętokrzyskie"),
        p("kr", "Krakowskie Centrum", "Kraków", "małopolskie"),
        p("ow", "Ostrowskie porozumienie", "Ostrowiec Świętokrzyski", "świętokrzyskie"),
        p("ot", "Wspólne usługi", "Ostrów Wielkopolski", "wielkopolskie"),
        p("gn", "Gdańska spółdzielnia", "Sopot", "pomorskie"),
    ];
    v[0].summary = "Wspólna gospodarka odpadami w metropolii.".into();
    v[2].summary = "Transport zbiorowy i odpady.".into();
    v[4].summary = "Dowóz uczniów do szkół.".into();
    v[0].area = Some("Współpraca między JST".into());
    v[0].entered = Some("2012-05-01".into());
    v[2].area = Some("Usługi techniczne".into());
    v[2].entered = Some("2015-01-01".into());
    v
}

fn full_index(s: &[Practice]) -> Index {
    let store = crate::store::Store::from_practices("test", s.to_vec());
    Index::of_store(&store)
}

#[test]
fn a_typo_finds_the_word_and_says_so() {
    let s = towns();
    let idx = Index::new(&crate::store::heads::Heads::of(&s));
    let found = idx.find("gdnask", Scope::default(), &|| false).expect("found");
    assert_eq!(s[found.hits[0].index].id, "gd");
    assert_eq!(found.hits[0].quality, Quality::Typo);
    assert_eq!(found.notes.corrections, [("gdnask".to_string(), "gdansk".to_string())]);
    // "Skarżysko" has g, d, n, a, s, k scattered: below the typo match, never above.
    let sk = found.hits.iter().position(|h| s[h.index].id == "sk");
    assert!(sk.is_none_or(|at| at > 0), "{:?}", found.hits);
    assert_eq!(ids_for(&s, &idx, "krakwo", Scope::default()).first().map(String::as_str), Some("kr"));
}

#[test]
fn an_exact_word_ranks_above_a_typo_and_says_nothing() {
    let s = towns();
    let idx = Index::new(&crate::store::heads::Heads::of(&s));
    let found = idx.find("gdansk", Scope::default(), &|| false).expect("found");
    assert!(found.notes.corrections.is_empty());
    // Gdańsk the town and "Gdańska" the title both start with the word.
    assert!(found.hits.iter().take(2).all(|h| h.quality == Quality::Word), "{:?}", found.hits);
    // "ostrow" is the whole first word of Ostrów, only the start of Ostrowiec.
    assert_eq!(ids_for(&s, &idx, "ostrow", Scope::default())[0], "ot");
    assert_eq!(ids_for(&s, &idx, "ostrowiec", Scope::default())[0], "ow");
}

#[test]
fn texts_answer_after_names() {
    let s = towns();
    let idx = full_index(&s);
    let texts = Scope { texts: true };
    assert!(ids_for(&s, &idx, "odpadow", Scope::default()).is_empty(), "names only");
    let found = idx.find("odpadów", texts, &|| false).expect("found");
    let got: Vec<(&str, Quality)> = found.hits.iter().map(|h| (s[h.index].id.as_str(), h.quality)).collect();
    assert_eq!(got.len(), 2);
    assert!(got.iter().all(|(_, q)| *q == Quality::Text) && found.hits[0].field == Some(Field::Text));
    // A name word and a text word together: Kraków's practice about waste.
    assert_eq!(ids_for(&s, &idx, "krakow odpady", texts), ["kr"]);
    // A name match comes before a text match.
    assert_eq!(ids_for(&s, &idx, "dowoz", texts), ["ot"]);
    assert_eq!(ids_for(&s, &idx, "transport", texts), ["kr"]);
    // `tekst:` selects texts without the scope.
    assert_eq!(ids_for(&s, &idx, "tekst:uczniowie", Scope::default()), ["ot"]);
    let (sentence, (a, b)) = idx.sentence(&s[0].summary, &idx.stems(&["odpady".into()]), 80).expect("a sentence");
    assert_eq!(&sentence.chars().skip(a).take(b - a).collect::<String>(), "odpadami");
}

#[test]
fn section_and_year_filters_and_what_emptied_the_list() {
    let s = towns();
    let idx = full_index(&s);
    assert_eq!(ids_for(&s, &idx, "dział:techniczne", Scope::default()), ["kr"]);
    assert_eq!(ids_for(&s, &idx, "area:miedzy", Scope::default()), ["gd"]);
    assert_eq!(ids_for(&s, &idx, "rok:2010-2013", Scope::default()), ["gd"]);
    assert_eq!(ids_for(&s, &idx, "rok:2015", Scope::default()), ["kr"]);
    let found = idx.find("krakow rok:2012", Scope::default(), &|| false).expect("found");
    assert!(found.hits.is_empty());
    assert_eq!(found.notes.emptied_by.as_deref(), Some("rok:2012"));
    let found = idx.find("woj:pomorskie dzial:techniczne", Scope::default(), &|| false).expect("found");
    assert_eq!(found.notes.emptied_by.as_deref(), Some("dzial:techniczne"));
    // A `tekst:` word no practice of the words has in its texts is named too.
    let found = idx.find("krakow tekst:kanalizacja", Scope::default(), &|| false).expect("found");
    assert!(found.hits.is_empty());
    assert_eq!(found.notes.emptied_by.as_deref(), Some("tekst:kanalizacja"));
    let found = idx.find("nic:takiego krakow", Scope::default(), &|| false).expect("found");
    assert_eq!(found.notes.unknown_filters, ["nic"]);
    assert_eq!(found.hits.len(), 1, "left out, not read as a word");
    // Two values of one filter: either will do.
    assert_eq!(ids_for(&s, &idx, "rok:2012 rok:2015", Scope::default()).len(), 2);
    assert_eq!(ids_for(&s, &idx, "woj:malopolskie woj:wielkopolskie", Scope::default()), ["kr", "ot"]);
    let found = idx.find("krakow woj:slaskie woj:opolskie", Scope::default(), &|| false).expect("found");
    assert_eq!(found.notes.emptied_by.as_deref(), Some("woj:slaskie woj:opolskie"));
    let found = idx.find("rok:abc krakow", Scope::default(), &|| false).expect("found");
    assert_eq!((found.notes.invalid_filters.as_slice(), found.hits.len()), (&["rok:abc".to_string()][..], 1));
}

#[test]
fn an_id_typed_whole_finds_its_practice_first() {
    let mut s = towns();
    s[3].id = "bdp-77".into();
    let idx = Index::new(&crate::store::heads::Heads::of(&s));
    let found = idx.find_among(s.iter().map(|p| p.id.as_str()), "BDP-77", Scope::default(), &|| false).expect("found");
    assert_eq!((s[found.hits[0].index].id.as_str(), found.hits[0].quality), ("bdp-77", Quality::Id));
    assert_eq!(found.hits.iter().filter(|h| s[h.index].id == "bdp-77").count(), 1, "listed once");
    // A word that is no id is a name.
    assert_eq!(
        idx.find_among(s.iter().map(|p| p.id.as_str()), "bdp", Scope::default(), &|| false).expect("found").hits.len(),
        0
    );
}

#[test]
fn another_form_of_a_name_word_is_no_typo() {
    let s =
        vec![p("sz", "Sieć szkół wiejskich", "Bytom", "śląskie"), p("sk", "Szkolenia dla radnych", "Nysa", "opolskie")];
    let idx = Index::new(&crate::store::heads::Heads::of(&s));
    let found = idx.find("szkoła", Scope::default(), &|| false).expect("found");
    assert!(found.notes.corrections.is_empty(), "{:?}", found.notes);
    assert_eq!((s[found.hits[0].index].id.as_str(), found.hits[0].quality), ("sz", Quality::Inside));
}

#[test]
fn a_query_typed_a_key_at_a_time_ranks_as_the_whole_query_does() {
    let file = crate::store::synth::names_only(3000, 9);
    let typed = Index::new(&crate::store::heads::Heads::of(&file.practices));
    for q in ["opole", "zwiazek gmin", "gdnask", "krakow odpad", "zzz", "lodz"] {
        for end in 1..=q.len() {
            let prefix = &q[..end];
            let fresh = Index::new(&crate::store::heads::Heads::of(&file.practices));
            let (a, b) = (typed.search(prefix), fresh.search(prefix));
            let first = a.iter().zip(&b).position(|(x, y)| x != y);
            assert!(
                a == b,
                "{prefix:?}: {} vs {} hits, first difference at {first:?}: {:?} vs {:?}",
                a.len(),
                b.len(),
                first.map(|i| a[i]),
                first.map(|i| b[i])
            );
        }
    }
}
