//! Search over the name fields of practices: diacritic folding, fuzzy
//! matching per field with field weights, and Polish ordering.

pub mod collate;
pub mod fold;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::store::Practice;
use crate::store::sanitize::sanitize;

/// The name fields a query is matched against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Title,
    Town,
    County,
    Voivodeship,
    ImplementingUnit,
    Partner,
}

impl Field {
    /// A title or town match beats one inside an office name.
    fn weight(self) -> i64 {
        match self {
            Field::Title | Field::Town => 4,
            Field::County | Field::Partner => 3,
            Field::Voivodeship => 2,
            Field::ImplementingUnit => 2,
        }
    }
}

/// One practice's name fields, folded once when the index is built.
#[derive(Debug, Clone)]
struct Entry {
    fields: Vec<(Field, String)>,
}

/// A built search index over a slice of practices (held by position).
pub struct Index {
    entries: Vec<Entry>,
    /// Positions of all practices in Polish alphabetical order of titles.
    by_title: Vec<usize>,
    /// Rank of each practice in `by_title`, for tie breaks.
    title_rank: Vec<usize>,
    matcher: SkimMatcherV2,
}

/// One ranked result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Position of the practice in the slice the index was built from.
    pub index: usize,
    pub score: i64,
    /// The field whose match counted most.
    pub field: Option<Field>,
}

/// Lists the name fields of a practice with their original text.
pub fn name_fields(p: &Practice) -> Vec<(Field, &str)> {
    let mut out = vec![(Field::Title, p.title.as_str())];
    let opt = [
        (Field::Town, &p.town),
        (Field::County, &p.county),
        (Field::Voivodeship, &p.voivodeship),
        (Field::ImplementingUnit, &p.implementing_unit),
    ];
    out.extend(opt.iter().filter_map(|(f, v)| v.as_deref().map(|s| (*f, s))));
    out.extend(p.partners.iter().map(|s| (Field::Partner, s.as_str())));
    out
}

/// Folded terms of a query; the query is normalised (NFC) first, so
/// decomposed input matches like composed.
pub fn query_terms(query: &str) -> Vec<String> {
    fold::fold(&sanitize(query, false)).split_whitespace().map(str::to_owned).collect()
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index").field("len", &self.entries.len()).finish_non_exhaustive()
    }
}

impl Index {
    pub fn new(practices: &[Practice]) -> Self {
        let entries: Vec<Entry> = practices
            .iter()
            .map(|p| Entry { fields: name_fields(p).into_iter().map(|(f, s)| (f, fold::fold(s))).collect() })
            .collect();
        let keys: Vec<Vec<u32>> = practices.iter().map(|p| collate::polish_key(&p.title)).collect();
        let mut by_title: Vec<usize> = (0..practices.len()).collect();
        by_title.sort_by(|a, b| keys[*a].cmp(&keys[*b]).then(a.cmp(b)));
        let mut title_rank = vec![0; practices.len()];
        for (rank, i) in by_title.iter().enumerate() {
            title_rank[*i] = rank;
        }
        Self { entries, by_title, title_rank, matcher: SkimMatcherV2::default() }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Best score of one folded term against one entry, with its field.
    fn term_score(&self, entry: &Entry, term: &str) -> Option<(i64, Field)> {
        entry
            .fields
            .iter()
            .filter_map(|(f, hay)| self.matcher.fuzzy_match(hay, term).map(|s| (s * f.weight(), *f)))
            .max_by_key(|(s, f)| (*s, std::cmp::Reverse(*f)))
    }

    /// Ranks practices for a query: every term must match some field (terms
    /// are ANDed, in any order); the best field per term counts. An empty
    /// query lists everything in Polish alphabetical order of titles.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        self.search_cancellable(query, &|| false).unwrap_or_default()
    }

    /// [`Index::search`] that gives up, returning `None`, as soon as
    /// `cancelled` says a newer query has superseded this one.
    pub fn search_cancellable(&self, query: &str, cancelled: &dyn Fn() -> bool) -> Option<Vec<Hit>> {
        let terms = query_terms(query);
        if terms.is_empty() {
            return Some(self.by_title.iter().map(|&index| Hit { index, score: 0, field: None }).collect());
        }
        let mut hits: Vec<Hit> = Vec::new();
        for chunk in self.entries.chunks(4096).enumerate() {
            if cancelled() {
                return None;
            }
            hits.extend(chunk.1.iter().enumerate().filter_map(|(i, entry)| {
                let index = chunk.0 * 4096 + i;
                let mut total = 0;
                let mut best: Option<(i64, Field)> = None;
                for t in &terms {
                    let (s, f) = self.term_score(entry, t)?;
                    total += s;
                    if best.is_none_or(|(bs, _)| s > bs) {
                        best = Some((s, f));
                    }
                }
                Some(Hit { index, score: total, field: best.map(|b| b.1) })
            }));
        }
        hits.sort_by(|a, b| b.score.cmp(&a.score).then(self.title_rank[a.index].cmp(&self.title_rank[b.index])));
        Some(hits)
    }

    /// Character positions in `text` (original, unfolded) that the query
    /// matches, for highlighting. Positions are in characters of `text`.
    pub fn highlight(&self, text: &str, query: &str) -> Vec<usize> {
        let hay = fold::fold(text);
        let mut out: Vec<usize> = query_terms(query)
            .iter()
            .filter_map(|t| self.matcher.fuzzy_indices(&hay, t).map(|(_, idx)| idx))
            .flatten()
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let idx = Index::new(&s);
        for (q, id) in [("lodz", "b"), ("zywiec", "c"), ("slask", "c"), ("ŁÓDŹ", "b"), ("lo\u{301}dz\u{301}", "b")] {
            let hits = idx.search(q);
            assert_eq!(hits.first().map(|h| s[h.index].id.as_str()), Some(id), "{q}");
        }
    }

    #[test]
    fn terms_are_anded() {
        let s = store();
        let idx = Index::new(&s);
        assert_eq!(idx.search("aglo opol").len(), 1);
        assert!(idx.search("aglo lodz").is_empty());
    }

    #[test]
    fn empty_query_lists_all_in_polish_order() {
        let s = store();
        let ids: Vec<_> = Index::new(&s).search("  ").iter().map(|h| s[h.index].id.clone()).collect();
        assert_eq!(ids, ["a", "d", "b", "c"]);
    }

    #[test]
    fn highlight_lands_on_original_characters() {
        let s = store();
        let idx = Index::new(&s);
        assert_eq!(idx.highlight("Łódź", "lodz"), [0, 1, 2, 3]);
        assert_eq!(idx.highlight("Aglomeracja opolska", "opol"), [12, 13, 14, 15]);
    }
}
