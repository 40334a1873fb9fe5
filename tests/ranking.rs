//! A judged query set: for each query, the practice a person means must rank
//! first. Guards the ranking (field weights, folding, ANDed terms, filters).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use praktyki::search::Index;
use praktyki::store::{LoadOptions, load::load_path};

const JUDGED: &[(&str, &str)] = &[
    // Towns and titles, with and without diacritics.
    ("opole", "aglo-opolska"),
    ("aglo opol", "aglo-opolska"),
    ("opol aglo", "aglo-opolska"),
    ("lodz", "lom"),
    ("Łódź", "lom"),
    ("ŁÓDZKI", "lom"),
    ("zywiec", "zgz"),
    ("żywiecczyzny", "zgz"),
    ("wroclaw", "wof"),
    ("bialystok", "bof"),
    // Ełk is the town of two practices; the one that also names it wins.
    ("elk", "elk"),
    ("srem", "srem"),
    ("rzeszow", "rzof"),
    ("zielona gora", "zielona"),
    ("torun", "toru"),
    ("suwalki", "suwalki"),
    ("plock", "plock"),
    // Abbreviations and partial words.
    ("zw gm kurp", "zgk"),
    ("gdansk gdynia", "gdm"),
    ("metropolia", "gzm"),
    // A county name.
    ("kartuski", "ksp"),
    ("nowotarski", "podhale"),
    // An office name.
    ("urzad metropolitalny", "gzm"),
    ("centrum uslug wspolnych", "suwalki"),
    // A partner municipality.
    ("wegierska gorka", "zgz"),
    ("stary sacz", "pns"),
    // Field filters with a fuzzy term.
    ("woj:opolskie odpad", "opole-odpady"),
    ("powiat:bieszczadzki", "bieszczady"),
    ("miasto:nowy gmina", "pns"),
    ("typ:zwiazek gmin woj:slaskie", "zgz"),
    ("typ:stowarzyszenie szczecin", "szcz"),
];

#[test]
fn judged_queries_rank_the_right_practice_first() {
    let store = load_path(std::path::Path::new("tests/fixtures/ranking-store.json"), LoadOptions::default()).unwrap();
    assert!(store.errors.is_empty() && store.warnings.is_empty(), "{:?} {:?}", store.errors, store.warnings);
    let index = Index::new(&store.practices);
    let mut failures = Vec::new();
    for (query, want) in JUDGED {
        let hits = index.search(query);
        let top: Vec<&str> = hits.iter().take(3).map(|h| store.practices[h.index].id.as_str()).collect();
        if top.first() != Some(want) {
            failures.push(format!("{query:?}: want {want}, got {top:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} judged queries rank wrong:\n{}",
        failures.len(),
        JUDGED.len(),
        failures.join("\n")
    );
    assert!(JUDGED.len() >= 20);
}
