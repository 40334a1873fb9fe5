//! Related practices: "who else did this?". Practices are alike first by
//! the words of their texts (the topic index's stems and weights, one
//! practice's texts taken as the query: Lucene's "more like this"), then by
//! section and unit type, then by voivodeship; each comes with what it
//! shares, to say why it is listed.

use super::Index;
use crate::store::Store;
use crate::text::fold::fold;

/// Words of a practice's texts looked for in the others.
const TERMS: usize = 25;
/// Weights of what practices share besides words, against a text score
/// scaled to 1 for the most alike: a section outweighs a weak likeness of
/// texts, never a strong one.
const SAME_AREA: f32 = 0.3;
const SAME_TYPE: f32 = 0.15;
const SAME_VOIVODESHIP: f32 = 0.1;
/// Words of the texts said in a row's reason.
const WHY_WORDS: usize = 3;

/// One related practice and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Related {
    /// Its position in the store.
    pub index: usize,
    pub score: f32,
    /// Words of the texts both have, the weightiest first, as the first
    /// practice's text writes them.
    pub words: Vec<String>,
    pub same_area: bool,
    pub same_type: bool,
    /// The voivodeship, when both are in it.
    pub voivodeship: Option<String>,
}

impl Related {
    /// The reason as one line, after `also` ("also"): "also: dowóz,
    /// uczniów, szkół · Usługi społeczne · podkarpackie".
    pub fn why(&self, store: &Store, also: &str) -> String {
        let p = store.practices.get(self.index);
        let mut parts: Vec<String> = Vec::new();
        if !self.words.is_empty() {
            parts.push(self.words.join(", "));
        }
        if self.same_area
            && let Some(a) = p.and_then(|p| p.area())
        {
            parts.push(a.to_owned());
        }
        if self.same_type
            && let Some(t) = p.and_then(|p| p.unit_type())
        {
            parts.push(t.to_owned());
        }
        if let Some(v) = &self.voivodeship {
            parts.push(v.clone());
        }
        format!("{also}: {}", parts.join(" · "))
    }
}

/// The `limit` practices most like the one at `practice`, most alike first.
pub fn related(index: &Index, store: &Store, practice: usize, limit: usize) -> Vec<Related> {
    let Some(me) = store.practices.get(practice) else { return Vec::new() };
    let n = store.practices.len();
    // The texts' index is over this store, or not used.
    let topics = index.topics().filter(|t| t.len() == n);
    let like = match (topics, store.read_full_unlocated(practice)) {
        (Some(t), Ok(full)) => {
            let text = format!("{}.\n{}", full.title, super::all_text(&full));
            let places: Vec<&str> = [me.town(), me.county(), me.voivodeship()].into_iter().flatten().collect();
            t.like(&text, Some(practice as u32), TERMS, &places)
        }
        _ => Default::default(),
    };
    let best = like.scores.iter().copied().fold(0.0f32, f32::max);
    let same = |a: Option<&str>, b: Option<&str>| match (a, b) {
        (Some(a), Some(b)) => !a.trim().is_empty() && fold(a.trim()) == fold(b.trim()),
        _ => false,
    };
    let mut scored: Vec<(usize, f32)> = (0..n)
        .filter(|&i| i != practice)
        .filter_map(|i| {
            let p = store.practices.get(i)?;
            let text = if best > 0.0 { like.scores.get(i).copied().unwrap_or(0.0) / best } else { 0.0 };
            let score = text
                + SAME_AREA * f32::from(u8::from(same(me.area(), p.area())))
                + SAME_TYPE * f32::from(u8::from(same(me.unit_type(), p.unit_type())))
                + SAME_VOIVODESHIP * f32::from(u8::from(same(me.voivodeship(), p.voivodeship())));
            (score > 0.0).then_some((i, score))
        })
        .collect();
    let title = |i: usize| store.practices.get(i).map_or("", |p| p.title());
    // The best `limit` without sorting them all; ties by title, then position.
    let key = |a: &(usize, f32), b: &(usize, f32)| {
        b.1.total_cmp(&a.1).then_with(|| title(a.0).cmp(title(b.0))).then(a.0.cmp(&b.0))
    };
    if scored.len() > limit {
        scored.select_nth_unstable_by(limit, key);
        scored.truncate(limit);
    }
    scored.sort_by(key);
    scored
        .into_iter()
        .filter_map(|(i, score)| {
            let p = store.practices.get(i)?;
            let words = match topics {
                Some(t) => like
                    .terms
                    .iter()
                    .filter(|(s, _)| t.has(i as u32, *s))
                    .map(|(_, w)| w.clone())
                    .take(WHY_WORDS)
                    .collect(),
                None => Vec::new(),
            };
            Some(Related {
                index: i,
                score,
                words,
                same_area: same(me.area(), p.area()),
                same_type: same(me.unit_type(), p.unit_type()),
                voivodeship: same(me.voivodeship(), p.voivodeship())
                    .then(|| p.voivodeship().map(str::to_owned))
                    .flatten(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{LoadOptions, load::parse_str};

    fn store() -> Store {
        parse_str(include_str!("../../tests/fixtures/ranking-store.json"), "ranking.json", LoadOptions::default())
            .unwrap()
    }

    fn ids(store: &Store, practice: &str, limit: usize) -> Vec<String> {
        let index = Index::of_store(store);
        let at = store.practices.iter().position(|p| p.id() == practice).unwrap();
        related(&index, store, at, limit)
            .iter()
            .map(|r| store.practices.get(r.index).unwrap().id().to_owned())
            .collect()
    }

    /// Judged: the practices on the same topic come before those that only
    /// share a section or a voivodeship.
    #[test]
    fn alike_by_topic_first() {
        let s = store();
        let cases: [(&str, &[&str], &[&str]); 3] = [
            // Waste: the other waste practice before the same voivodeship's.
            ("omaz", &["nsol"], &["zielonka", "zyrardow", "plock", "zgk"]),
            // Seniors: help for seniors elsewhere before other social services.
            ("elk-senior", &["zamosc", "poz-senior"], &["elb-kanal", "elk", "elk-sport"]),
            // Water and sewage.
            ("brzesko", &["leg-woda", "bdolny"], &["kom", "pns", "podhale"]),
        ];
        for (practice, first, later) in cases {
            let got = ids(&s, practice, 10);
            let pos = |id: &str| got.iter().position(|g| g == id).unwrap_or(usize::MAX);
            for f in first {
                assert!(pos(f) < 10, "{practice}: {f} missing from {got:?}");
                for l in later {
                    assert!(pos(f) < pos(l), "{practice}: {f} should come before {l}: {got:?}");
                }
            }
        }
    }

    #[test]
    fn the_reason_says_what_is_shared() {
        let s = store();
        let index = Index::of_store(&s);
        let at = s.practices.iter().position(|p| p.id() == "elk-senior").unwrap();
        let list = related(&index, &s, at, 5);
        let zamosc = list.iter().find(|r| s.practices.to_vec()[r.index].id == "zamosc").expect("zamosc related");
        let why = zamosc.why(&s, "also");
        assert!(why.starts_with("also: "), "{why}");
        assert!(why.contains("seniorów") || why.contains("seniorow"), "{why}");
        assert!(why.contains("Usługi społeczne"), "same section: {why}");
        assert!(!list.iter().any(|r| r.index == at), "never itself");
    }

    #[test]
    fn in_a_small_store_shared_words_still_count_and_places_do_not() {
        let s = parse_str(
            r#"{"format": "praktyki/1", "practices": [
{"id": "a", "title": "Dowóz uczniów w Opolu", "town": "Opole", "summary": "Gminy organizują dowóz uczniów autobusem do szkół w Opolu."},
{"id": "b", "title": "Autobus szkolny", "town": "Nysa", "summary": "Dowóz uczniów autobusem do szkół gminnych, także z Opola."},
{"id": "c", "title": "Odpady", "summary": "Selektywna zbiórka odpadów komunalnych."}]}"#,
            "s.json",
            LoadOptions::default(),
        )
        .unwrap();
        let index = Index::of_store(&s);
        let list = related(&index, &s, 0, 5);
        assert_eq!(list.first().map(|r| s.practices.get(r.index).unwrap().id()), Some("b"), "{list:?}");
        let words = &list[0].words;
        assert!(words.iter().any(|w| w.starts_with("dowóz") || w.starts_with("uczni")), "{words:?}");
        assert!(!words.iter().any(|w| w.starts_with("opol")), "the practice's own town is no topic: {words:?}");
    }

    #[test]
    fn without_texts_the_metadata_decides() {
        let s = store();
        let index = Index::new(&s.practices);
        let at = s.practices.iter().position(|p| p.id() == "omaz").unwrap();
        let list = related(&index, &s, at, 3);
        assert!(!list.is_empty());
        assert!(list.iter().all(|r| r.same_area || r.same_type || r.voivodeship.is_some()));
        assert!(list.iter().all(|r| r.words.is_empty()));
    }
}
