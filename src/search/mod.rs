//! Search over the name fields of practices: diacritic folding, fuzzy
//! matching per field with field weights, and Polish ordering.

pub mod collate;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::store::model::PracticeOf;
use crate::text::fold;
use crate::text::sanitize::sanitize;

/// The name fields a query is matched against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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

/// One practice's name fields as references into the table of distinct
/// folded values.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    fields: Box<[(Field, u32)]>,
    /// Values the field filters look at, by [`Filter`] position.
    filters: [Option<u32>; 4],
}

/// A built search index over a slice of practices (held by position).
///
/// Towns, counties, voivodeships, offices and even titles repeat across a
/// large store, so each distinct folded value is kept once and a query
/// scores each distinct value once; practices then only add up the scores
/// of the values they refer to.
pub struct Index {
    data: IndexData,
    /// Rank of each practice in `by_title`, for tie breaks.
    title_rank: Vec<u32>,
    matcher: SkimMatcherV2,
}

/// What building an index works out, which the start-up cache keeps so
/// that a large store's index is read rather than built again.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IndexData {
    /// Distinct folded values of every name field.
    values: Vec<String>,
    entries: Vec<Entry>,
    /// Positions of all practices in Polish alphabetical order of titles.
    by_title: Vec<u32>,
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

/// The name fields of a practice with their original text.
pub fn name_fields<S, P, A>(p: &PracticeOf<S, P, A>) -> impl Iterator<Item = (Field, &str)> {
    let opt = [
        (Field::Town, &p.town),
        (Field::County, &p.county),
        (Field::Voivodeship, &p.voivodeship),
        (Field::ImplementingUnit, &p.implementing_unit),
    ];
    std::iter::once((Field::Title, p.title.as_str()))
        .chain(opt.into_iter().filter_map(|(f, v)| v.as_deref().map(|s| (f, s))))
        .chain(p.partners.iter().map(|s| (Field::Partner, s.as_str())))
}

/// Folded fuzzy terms of a query (field filters left out); the query is
/// normalised (NFC) first, so decomposed input matches like composed.
pub fn query_terms(query: &str) -> Vec<String> {
    Query::parse(query).terms
}

/// A field filter of the search line: `woj:`, `powiat:`, `miasto:`, `typ:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    Voivodeship,
    County,
    Town,
    UnitType,
}

impl Filter {
    pub const ALL: [Filter; 4] = [Filter::Voivodeship, Filter::County, Filter::Town, Filter::UnitType];

    /// The prefixes that name the filter in a query (folded, without ':').
    pub fn names(self) -> &'static [&'static str] {
        match self {
            Filter::Voivodeship => &["woj", "wojewodztwo", "voivodeship"],
            Filter::County => &["powiat", "county"],
            Filter::Town => &["miasto", "miejscowosc", "town"],
            Filter::UnitType => &["typ", "type"],
        }
    }

    fn position(self) -> usize {
        Filter::ALL.iter().position(|f| *f == self).unwrap_or(0)
    }

    fn value<S, P, A>(self, p: &PracticeOf<S, P, A>) -> Option<&str> {
        match self {
            Filter::Voivodeship => p.voivodeship.as_deref(),
            Filter::County => p.county.as_deref(),
            Filter::Town => p.town.as_deref(),
            Filter::UnitType => p.unit_type.as_deref(),
        }
    }
}

/// A parsed search line: fuzzy terms, and field filters (a folded prefix
/// the field must start with). `powiat:"nowy sącz"` quotes a value with spaces.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub terms: Vec<String>,
    pub filters: Vec<(Filter, String)>,
    /// Words past [`Query::MAX_WORDS`] (or characters past
    /// [`Query::MAX_CHARS`]) were left out, and whoever shows results says so.
    pub truncated: bool,
}

impl Query {
    /// Words and filters a query may have: every word is matched against
    /// every name, so a pasted wall of text must not cost more than this.
    pub const MAX_WORDS: usize = 16;
    /// Characters of a query read; a longer one is cut.
    pub const MAX_CHARS: usize = 500;

    pub fn parse(query: &str) -> Self {
        let mut out = Query::default();
        let query = match query.char_indices().nth(Self::MAX_CHARS) {
            Some((cut, _)) => {
                out.truncated = true;
                &query[..cut]
            }
            None => query,
        };
        let folded = fold::fold(&sanitize(query, false));
        let mut rest = folded.as_str();
        loop {
            rest = rest.trim_start();
            if rest.is_empty() {
                break;
            }
            if out.terms.len() + out.filters.len() >= Self::MAX_WORDS {
                out.truncated = true;
                break;
            }
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let token = &rest[..end];
            let filter = token.split_once(':').and_then(|(name, _)| {
                Filter::ALL.into_iter().find(|f| f.names().contains(&name)).map(|f| (f, name.len() + 1))
            });
            match filter {
                Some((f, skip)) => {
                    let after = &rest[skip..];
                    let (value, used) = match after.strip_prefix('"') {
                        Some(q) => {
                            let close = q.find('"').unwrap_or(q.len());
                            (&q[..close], skip + 1 + (close + 1).min(q.len()))
                        }
                        None => {
                            let e = after.find(char::is_whitespace).unwrap_or(after.len());
                            (&after[..e], skip + e)
                        }
                    };
                    if !value.is_empty() {
                        out.filters.push((f, value.to_owned()));
                    }
                    rest = &rest[used.min(rest.len())..];
                }
                None => {
                    out.terms.push(token.to_owned());
                    rest = &rest[end..];
                }
            }
        }
        out
    }
}

/// Whether `needle`'s bytes occur in order in `hay`: a fuzzy match needs
/// that, and it is far cheaper to check than to score.
fn is_subsequence(needle: &[u8], hay: &[u8]) -> bool {
    let mut it = hay.iter();
    needle.iter().all(|n| it.any(|h| h == n))
}

/// Scores below this many practices are computed on one thread.
const PARALLEL_FROM: usize = 4096;

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("len", &self.data.entries.len())
            .field("values", &self.data.values.len())
            .finish_non_exhaustive()
    }
}

impl Index {
    pub fn new<'p, S, P, A>(practices: &'p [PracticeOf<S, P, A>]) -> Self {
        // Intern by the original text first: most fields repeat, and only a
        // new value needs folding.
        let mut ids: FxHashMap<&'p str, u32> = FxHashMap::default();
        let mut originals: Vec<&'p str> = Vec::new();
        let mut intern = |s: &'p str| -> u32 {
            *ids.entry(s).or_insert_with(|| {
                originals.push(s);
                (originals.len() - 1) as u32
            })
        };
        let entries: Vec<Entry> = practices
            .iter()
            .map(|p| {
                let fields = name_fields(p).map(|(f, s)| (f, intern(s))).collect();
                let filters = Filter::ALL.map(|f| f.value(p).map(&mut intern));
                Entry { fields, filters }
            })
            .collect();
        // Different originals can fold to one value ("Łódź", "LODZ"); they
        // keep separate ids, which only costs scoring the value twice.
        let values: Vec<String> = originals.par_iter().map(|s| fold::fold(s)).collect();
        // The title is every entry's first field. Titles can repeat, and a
        // collation key is costly: each distinct title is keyed and ranked
        // once, then practices sort by (rank, position) packed in one u64.
        let title_of: Vec<u32> = entries.iter().map(|e| e.fields[0].1).collect();
        let mut titles = title_of.clone();
        titles.par_sort_unstable();
        titles.dedup();
        let mut keyed: Vec<(Vec<u32>, u32)> =
            titles.into_par_iter().map(|id| (collate::polish_key(originals[id as usize]), id)).collect();
        keyed.par_sort_unstable();
        let mut rank_of = vec![0u32; originals.len()];
        let mut rank = 0u32;
        for (i, (key, id)) in keyed.iter().enumerate() {
            if i > 0 && *key != keyed[i - 1].0 {
                rank += 1;
            }
            rank_of[*id as usize] = rank;
        }
        let mut by_title: Vec<u32> = (0..practices.len() as u32).collect();
        by_title
            .par_sort_unstable_by_key(|&i| (u64::from(rank_of[title_of[i as usize] as usize]) << 32) | u64::from(i));
        Self::with_data(IndexData { values, entries, by_title })
    }

    fn with_data(data: IndexData) -> Self {
        let mut title_rank = vec![0u32; data.by_title.len()];
        for (rank, &i) in data.by_title.iter().enumerate() {
            title_rank[i as usize] = rank as u32;
        }
        Self { data, title_rank, matcher: SkimMatcherV2::default() }
    }

    /// What the index is made of, for the start-up cache.
    pub fn data(&self) -> &IndexData {
        &self.data
    }

    /// An index from what [`Index::data`] gave for a store of `len`
    /// practices, checked first: it comes from a file, and a reference out
    /// of range would otherwise surface as a panic in the middle of a search.
    pub fn from_data(data: IndexData, len: usize) -> Result<Self, String> {
        if data.entries.len() != len || data.by_title.len() != len {
            return Err(format!("index of {} entries for {len} practices", data.entries.len()));
        }
        let values = data.values.len();
        let in_range = |id: &u32| (*id as usize) < values;
        for e in &data.entries {
            if !e.fields.iter().all(|(_, id)| in_range(id)) || !e.filters.iter().flatten().all(in_range) {
                return Err("index refers to a value it does not have".into());
            }
        }
        let mut seen = vec![false; len];
        for &i in &data.by_title {
            match seen.get_mut(i as usize) {
                Some(s) if !*s => *s = true,
                _ => return Err("title order is not a permutation of the practices".into()),
            }
        }
        Ok(Self::with_data(data))
    }

    pub fn len(&self) -> usize {
        self.data.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.data.entries.is_empty()
    }

    /// Number of distinct folded name values.
    pub fn distinct_values(&self) -> usize {
        self.data.values.len()
    }

    /// The score of one term against every distinct value (0: no match).
    fn value_scores(&self, term: &str) -> Vec<i64> {
        let needle = term.as_bytes();
        let score = |v: &String| {
            if is_subsequence(needle, v.as_bytes()) { self.matcher.fuzzy_match(v, term).unwrap_or(0).max(0) } else { 0 }
        };
        if self.data.values.len() >= PARALLEL_FROM {
            self.data.values.par_iter().map(score).collect()
        } else {
            self.data.values.iter().map(score).collect()
        }
    }

    /// Ranks practices for a query: every term must match some field (terms
    /// are ANDed, in any order); the best field per term counts, weighted.
    /// An empty query lists everything in Polish alphabetical order of titles.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        self.search_cancellable(query, &|| false).unwrap_or_default()
    }

    /// [`Index::search`] that gives up, returning `None`, as soon as
    /// `cancelled` says a newer query has superseded this one.
    pub fn search_cancellable(&self, query: &str, cancelled: &(dyn Fn() -> bool + Sync)) -> Option<Vec<Hit>> {
        let parsed = Query::parse(query);
        let terms = parsed.terms;
        // For each filter, which distinct values pass it.
        let passes: Vec<(usize, Vec<bool>)> = parsed
            .filters
            .iter()
            .map(|(f, prefix)| {
                (f.position(), self.data.values.iter().map(|v| v.starts_with(prefix.as_str())).collect())
            })
            .collect();
        let allowed =
            |entry: &Entry| passes.iter().all(|(pos, ok)| entry.filters[*pos].is_some_and(|id| ok[id as usize]));
        if terms.is_empty() {
            let all = self.data.by_title.iter().map(|&i| i as usize).filter(|&i| allowed(&self.data.entries[i]));
            return Some(all.map(|index| Hit { index, score: 0, field: None }).collect());
        }
        let mut scores = Vec::with_capacity(terms.len());
        for t in &terms {
            if cancelled() {
                return None;
            }
            scores.push(self.value_scores(t));
        }
        let rank = |entry: &Entry| -> Option<(i64, Option<Field>)> {
            let mut total = 0;
            let mut best: Option<(i64, Field)> = None;
            for term_scores in &scores {
                let matching = entry.fields.iter().map(|(f, id)| (term_scores[*id as usize] * f.weight(), *f));
                let (s, f) =
                    matching.clone().filter(|(s, _)| *s > 0).max_by_key(|(s, f)| (*s, std::cmp::Reverse(*f)))?;
                // Other fields matching the same term add a little: "Żywiec"
                // in both title and town beats "Żywiec" in the town alone.
                let echoes: i64 = matching.filter(|(s, _)| *s > 0).map(|(s, _)| s).sum::<i64>() - s;
                total += s + echoes / 8;
                if best.is_none_or(|(bs, _)| s > bs) {
                    best = Some((s, f));
                }
            }
            // Terms that all land in one field value ("urzad metropolitalny"
            // in an office name) mean that value more than terms scattered
            // over title and office: such a value counts double.
            if scores.len() > 1 {
                let together = entry
                    .fields
                    .iter()
                    .filter_map(|(f, id)| {
                        let each: Option<Vec<i64>> =
                            scores.iter().map(|t| Some(t[*id as usize]).filter(|s| *s > 0)).collect();
                        each.map(|e| (e.iter().sum::<i64>() * f.weight() * 2, *f))
                    })
                    .max_by_key(|(s, _)| *s);
                if let Some((s, f)) = together.filter(|(s, _)| *s > total) {
                    total = s;
                    best = Some((s, f));
                }
            }
            Some((total, best.map(|b| b.1)))
        };
        let hit = |(index, entry): (usize, &Entry)| {
            if !allowed(entry) {
                return None;
            }
            rank(entry).map(|(score, field)| Hit { index, score, field })
        };
        let entries = &self.data.entries;
        let mut hits: Vec<Hit> = if entries.len() >= PARALLEL_FROM {
            entries.par_iter().enumerate().filter_map(hit).collect()
        } else {
            entries.iter().enumerate().filter_map(hit).collect()
        };
        if cancelled() {
            return None;
        }
        // Best score first, ties in Polish title order: one packed key sorts fast.
        let key = |h: &Hit| {
            (u64::from(u32::MAX - h.score.clamp(0, i64::from(u32::MAX)) as u32) << 32)
                | u64::from(self.title_rank[h.index])
        };
        if hits.len() >= PARALLEL_FROM {
            hits.par_sort_unstable_by_key(key);
        } else {
            hits.sort_unstable_by_key(key);
        }
        Some(hits)
    }

    /// Character positions in `text` (original, unfolded) that the query's
    /// folded `terms` match, for highlighting (the terms are parsed once per
    /// search, not per row drawn). Positions are in characters of `text`.
    pub fn highlight(&self, text: &str, terms: &[String]) -> Vec<usize> {
        let hay = fold::fold(text);
        let mut out: Vec<usize> =
            terms.iter().filter_map(|t| self.matcher.fuzzy_indices(&hay, t).map(|(_, idx)| idx)).flatten().collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
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
    fn title_order_is_polish_with_ties_by_position() {
        let titles = ["Żywiec", "zywiec", "Łódź", "Aglo", "łódź", "Żywiec", "Ćma", "aglo", "Łódź", "Zakopane", "Aglo"];
        let s: Vec<Practice> = titles.iter().enumerate().map(|(i, t)| p(&i.to_string(), t, "X", "Y")).collect();
        let mut naive: Vec<u32> = (0..s.len() as u32).collect();
        naive.sort_by(|&a, &b| {
            collate::polish_key(&s[a as usize].title).cmp(&collate::polish_key(&s[b as usize].title)).then(a.cmp(&b))
        });
        assert_eq!(Index::new(&s).data().by_title, naive);
    }

    #[test]
    fn a_superseded_search_gives_up() {
        let s = store();
        let idx = Index::new(&s);
        assert!(idx.search_cancellable("lodz", &|| true).is_none());
        assert_eq!(idx.search_cancellable("lodz", &|| false).map(|h| h.len()), Some(1));
        // Listing everything needs no scoring, so it is never cancelled.
        assert_eq!(idx.search_cancellable("", &|| true).map(|h| h.len()), Some(4));
    }

    #[test]
    fn field_filters() {
        let s = store();
        let idx = Index::new(&s);
        let ids = |q: &str| idx.search(q).iter().map(|h| s[h.index].id.clone()).collect::<Vec<_>>();
        assert_eq!(ids("woj:slaskie"), ["c"]);
        assert_eq!(ids("woj:Łódz"), ["b"]);
        assert_eq!(ids("miasto:opo aglo"), ["a"]);
        assert!(ids("miasto:opo lodz").is_empty());
        assert_eq!(ids("woj:warminsko-mazurskie"), ["d"]);
        assert!(ids("typ:gmina").is_empty(), "no unit types in this store");
        assert_eq!(
            Query::parse("powiat:\"Nowy Sącz\" zwiazek"),
            Query {
                terms: vec!["zwiazek".into()],
                filters: vec![(Filter::County, "nowy sacz".into())],
                truncated: false
            }
        );
        assert_eq!(Query::parse("woj: x").terms, ["x"], "an empty filter is dropped");
        // A wall of text is bounded: 50,000 words took 18 minutes.
        let wall = "a ".repeat(50_000);
        let q = Query::parse(&wall);
        assert_eq!((q.terms.len(), q.truncated), (Query::MAX_WORDS, true));
        let long = "ą".repeat(10_000);
        let q = Query::parse(&long);
        assert!(q.truncated && q.terms[0].chars().count() == Query::MAX_CHARS);
        assert!(!Query::parse("zwiazek gmin woj:slaskie").truncated);
    }

    #[test]
    fn index_data_is_checked_before_use() {
        let s = store();
        let good = Index::new(&s).data().clone();
        assert!(Index::from_data(good.clone(), s.len()).is_ok());
        assert!(Index::from_data(good.clone(), s.len() + 1).is_err(), "another store's index");
        let mut bad = good.clone();
        bad.entries[1].fields[0].1 = bad.values.len() as u32;
        assert!(Index::from_data(bad, s.len()).is_err(), "a value out of range");
        let mut bad = good.clone();
        bad.entries[2].filters[0] = Some(u32::MAX);
        assert!(Index::from_data(bad, s.len()).is_err(), "a filter value out of range");
        let mut bad = good;
        bad.by_title[0] = bad.by_title[1];
        assert!(Index::from_data(bad, s.len()).is_err(), "a title order that repeats a practice");
    }

    #[test]
    fn highlight_lands_on_original_characters() {
        let s = store();
        let idx = Index::new(&s);
        assert_eq!(idx.highlight("Łódź", &query_terms("lodz")), [0, 1, 2, 3]);
        assert_eq!(idx.highlight("Aglomeracja opolska", &query_terms("opol")), [12, 13, 14, 15]);
    }
}
