//! Search: the names of practices (fuzzy, typo-tolerant, weighted by
//! field) and the topics of their texts (Polish stems, BM25), one ranked
//! list with the kind of each match, so that the best kind always comes
//! first and a weak answer can say it is weak.

pub mod collate;
mod names;
pub mod query;
pub mod related;
pub use crate::text::strlist;
pub mod topics;
mod typo;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

pub use names::NamesData;
pub use names::name_fields;
use names::{Names, PARALLEL_FROM};
pub use query::{Filter, Query};
pub use topics::Topics;

use crate::store::Store;

/// Where a term matched: a name field, or the texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Field {
    Title,
    Town,
    County,
    Voivodeship,
    ImplementingUnit,
    Partner,
    /// The summary or the full presentation.
    Text,
}

/// How good a match is, worst first. A practice is as good as its worst
/// term's best match, and a better kind always ranks above a worse one,
/// whatever the scores: an exact word beats a typo, a typo beats letters
/// scattered over a name. Text matches come after every name match but
/// the scattered ones, which are more often noise than meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Quality {
    #[default]
    None = 0,
    /// The term's letters in order, scattered over a name.
    Scattered = 1,
    /// A word of the texts, in any of its forms.
    Text = 2,
    /// A name's word with a typo or two.
    Typo = 3,
    /// Inside a word of a name.
    Inside = 4,
    /// At the start of a word of a name (a prefix or the whole word).
    Word = 5,
    /// The practice's id, typed whole.
    Id = 6,
}

impl Quality {
    fn from_u8(n: u8) -> Self {
        [Quality::None, Quality::Scattered, Quality::Text, Quality::Typo, Quality::Inside, Quality::Word, Quality::Id]
            .get(usize::from(n))
            .copied()
            .unwrap_or_default()
    }

    /// A match a person may not have meant: letters scattered, or typos.
    pub fn is_weak(self) -> bool {
        self <= Quality::Typo && self != Quality::Text
    }
}

/// One ranked result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Position of the practice in the slice the index was built from.
    pub index: usize,
    pub score: i64,
    /// The field whose match counted most.
    pub field: Option<Field>,
    /// The worst of its terms' best matches.
    pub quality: Quality,
}

/// What a search found, and what the user should be told about it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Found {
    pub hits: Vec<Hit>,
    pub notes: Notes,
}

/// What the user should be told about a search's results.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Notes {
    /// Query words that matched only with typos, with the word each was
    /// taken for ("showing matches for …").
    pub corrections: Vec<(String, String)>,
    /// Filter names the query used that no filter has (`foo:`).
    pub unknown_filters: Vec<String>,
    /// Filters whose value cannot be read (`rok:abc`).
    pub invalid_filters: Vec<String>,
    /// The filter or `tekst:` word after which nothing was left, when the
    /// words alone found something.
    pub emptied_by: Option<String>,
    /// The query was longer than is read.
    pub truncated: bool,
}

/// What a search looks at besides names.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scope {
    /// Also the practices' texts (the browser always; `praktyki search --text`).
    pub texts: bool,
}

/// A built search index over a store's practices (held by position).
pub struct Index {
    /// Shared with the index the texts' part is later added to.
    names: Arc<Names>,
    /// The texts' index; `None` when it was not built (a store read for
    /// names only).
    topics: Option<Topics>,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index").field("names", &self.names).field("topics", &self.topics.is_some()).finish()
    }
}

impl Index {
    /// The index of practices' names only.
    pub fn new(practices: &crate::store::heads::Heads) -> Self {
        Self { names: Arc::new(Names::new(practices)), topics: None }
    }

    /// This index with the texts of `store` (the store it was built from)
    /// indexed too; the names' part is shared, not copied.
    pub fn with_topics(&self, store: &Store) -> Self {
        self.with_topics_until(store, &AtomicBool::new(false)).unwrap_or_else(|| Self::of_store(store))
    }

    /// [`Index::with_topics`] that gives up, with `None`, soon after `stop`
    /// is set.
    pub fn with_topics_until(&self, store: &Store, stop: &AtomicBool) -> Option<Self> {
        Some(Self { names: self.names.clone(), topics: Some(topics_of(store, stop)?) })
    }

    /// The index of a store's names and texts. The title is a text too, so
    /// that its words are found in any of their forms ("odpadów" finds
    /// "Gospodarka odpadami"). A practice whose texts cannot be read (its
    /// file changed) has only its title.
    pub fn of_store(store: &Store) -> Self {
        let topics = topics_of(store, &AtomicBool::new(false));
        Self { names: Arc::new(Names::new(&store.practices)), topics }
    }

    /// What building the name index worked out, which the start-up cache
    /// keeps so that a large store's index is read rather than built again.
    /// The folded value `filter` looks at in practice `practice`, with its
    /// number among the distinct values: to count by value without hashing
    /// a string per practice.
    pub fn filter_value(&self, practice: usize, filter: Filter) -> Option<(u32, &str)> {
        self.names.filter_value(practice, filter)
    }

    pub fn names_data(&self) -> &NamesData {
        self.names.data()
    }

    /// The texts' index, which the start-up cache keeps apart from the
    /// names (a `praktyki search` reads only those).
    pub fn topics(&self) -> Option<&Topics> {
        self.topics.as_ref()
    }

    /// An index from what [`Index::names_data`] and [`Index::topics`] gave
    /// for a store of `len` practices, checked first: it comes from a file.
    pub fn from_data(names: NamesData, topics: Option<Topics>, len: usize) -> Result<Self, String> {
        if let Some(t) = &topics {
            t.check(len)?;
        }
        Ok(Self { names: Arc::new(Names::from_data(names, len)?), topics })
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether the texts are indexed.
    pub fn has_topics(&self) -> bool {
        self.topics.is_some()
    }

    /// Number of distinct folded name values.
    pub fn distinct_values(&self) -> usize {
        self.names.distinct_values()
    }

    /// Positions of all practices in Polish alphabetical order of titles.
    pub fn by_title(&self) -> &[u32] {
        &self.names.data().by_title
    }

    /// Ranks practices by their names for a query (see [`Index::find`]).
    pub fn search(&self, query: &str) -> Vec<Hit> {
        self.find(query, Scope::default(), &|| false).map(|f| f.hits).unwrap_or_default()
    }

    /// Ranks practices for a query: every term must match a name or (with
    /// `scope.texts`) the texts; terms are ANDed, in any order; filters
    /// narrow. A practice ranks by the worst of its terms' best matches,
    /// then by score, then by title. An empty query lists everything in
    /// Polish alphabetical order. Gives up, returning `None`, as soon as
    /// `cancelled` says a newer query has superseded this one.
    pub fn find(&self, query: &str, scope: Scope, cancelled: &(dyn Fn() -> bool + Sync)) -> Option<Found> {
        let parsed = Query::parse(query);
        let mut found = Found {
            hits: Vec::new(),
            notes: Notes {
                unknown_filters: parsed.unknown.clone(),
                invalid_filters: parsed.invalid.clone(),
                truncated: parsed.truncated,
                ..Notes::default()
            },
        };
        // Filters of one field are ORed (`woj:slaskie woj:opolskie`), of
        // different fields ANDed; each with how the query wrote it.
        let mut passes: Vec<(usize, Vec<bool>)> = Vec::new();
        let mut labels: Vec<String> = Vec::new();
        for (f, wanted) in &parsed.filters {
            let ok = self.names.passing(*f, wanted);
            let label = format!("{}:{wanted}", f.names()[0]);
            match passes.iter().position(|(pos, _)| *pos == f.position()) {
                Some(k) => {
                    passes[k].1.iter_mut().zip(ok).for_each(|(a, b)| *a |= b);
                    labels[k] = format!("{} {label}", labels[k]);
                }
                None => {
                    passes.push((f.position(), ok));
                    labels.push(label);
                }
            }
        }
        let topics = self.topics.as_ref().filter(|_| scope.texts || !parsed.text_terms.is_empty());
        // `tekst:` words narrow like a filter, and their score ranks.
        let required: Option<Vec<f32>> = match topics {
            Some(t) if !parsed.text_terms.is_empty() => Some(t.scores(&parsed.text_terms)),
            _ => None,
        };
        let text_ok = |i: usize| required.as_ref().is_none_or(|r| r[i] > 0.0);
        let allowed = |i: usize| self.names.allowed(i, &passes) && text_ok(i);
        if parsed.terms.is_empty() {
            let all = self.by_title().iter().map(|&i| i as usize).filter(|&i| allowed(i));
            let mut hits: Vec<Hit> = all
                .map(|index| {
                    let score = required.as_ref().map_or(0, |r| (r[index] * 100.0) as i64);
                    let quality = if required.is_some() { Quality::Text } else { Quality::None };
                    Hit { index, score, field: required.as_ref().map(|_| Field::Text), quality }
                })
                .collect();
            if required.is_some() {
                hits.sort_by_key(|h| std::cmp::Reverse(h.score));
            }
            if hits.is_empty() {
                found.notes.emptied_by = self.emptied_by(&parsed, &self.by_title_usize(), &passes, &labels, &required);
            }
            found.hits = hits;
            return Some(found);
        }
        let mut scores = Vec::with_capacity(parsed.terms.len());
        let mut text_scores: Vec<Option<Vec<f32>>> = Vec::with_capacity(parsed.terms.len());
        for t in &parsed.terms {
            if cancelled() {
                return None;
            }
            scores.push(self.names.term_scores(t));
            text_scores.push(topics.filter(|_| scope.texts).map(|tp| tp.scores(std::slice::from_ref(t))));
        }
        let rank_any = |index: usize| -> Option<Hit> {
            let named = self.names.matches(index, &scores);
            let mut total = 0;
            let mut quality = Quality::Id;
            let mut best: Option<(Quality, i64, Field)> = None;
            for (term, by_name) in named.enumerate() {
                let by_text = text_scores[term]
                    .as_ref()
                    .map(|s| s[index])
                    .filter(|s| *s > 0.0)
                    .map(|s| (Quality::Text, (s * 40.0) as i64, Field::Text));
                let m = [by_name, by_text].into_iter().flatten().max_by_key(|(q, s, _)| (*q, *s))?;
                total += m.1;
                quality = quality.min(m.0);
                if best.is_none_or(|b| (m.0, m.1) > (b.0, b.1)) {
                    best = Some(m);
                }
            }
            if let Some((s, f)) = self.names.together(index, &scores).filter(|(s, _)| *s > total) {
                total = s;
                best = best.map(|b| (b.0, s, f));
            }
            Some(Hit { index, score: total, field: best.map(|b| b.2), quality })
        };
        // Each term must match a name or the texts: most practices match no
        // term, and are passed over on the terms' bits alone.
        let can_match = |index: usize| {
            scores.iter().zip(&text_scores).all(|(names, texts)| {
                self.names.any_match(index, names) || texts.as_ref().is_some_and(|s| s[index] > 0.0)
            })
        };
        let rank = |index: usize| if can_match(index) && allowed(index) { rank_any(index) } else { None };
        let n = self.len();
        let hits: Vec<Hit> = if n >= PARALLEL_FROM {
            (0..n).into_par_iter().filter_map(rank).collect()
        } else {
            (0..n).filter_map(rank).collect()
        };
        if cancelled() {
            return None;
        }
        // Best kind first, then best score, ties in Polish title order, in
        // one packed number (a tuple compares field by field, and a million
        // hits sort noticeably slower): kind in 3 bits, score in 29, rank in 32.
        const SCORE_BITS: u32 = 29;
        let max_score = (1i64 << SCORE_BITS) - 1;
        let key = |h: &Hit| {
            let kind = 7 - h.quality as u64;
            let score = (max_score - h.score.clamp(0, max_score)) as u64;
            (kind << (64 - 3)) | (score << 32) | u64::from(self.names.title_rank[h.index])
        };
        // The keys are worked out once and sorted with where their hit is:
        // a key is unique (the title rank is a position), so the sort compares
        // numbers in one array, not hits through a lookup each (a million hits:
        // a third of a keystroke before).
        let mut keyed: Vec<(u64, u32)> = if hits.len() >= PARALLEL_FROM {
            hits.par_iter().enumerate().map(|(at, h)| (key(h), at as u32)).collect()
        } else {
            hits.iter().enumerate().map(|(at, h)| (key(h), at as u32)).collect()
        };
        if keyed.len() >= PARALLEL_FROM {
            keyed.par_sort_unstable_by_key(|k| k.0);
        } else {
            keyed.sort_unstable_by_key(|k| k.0);
        }
        // Gathered in order on every core too: a million hits read at random.
        let hits: Vec<Hit> = if keyed.len() >= PARALLEL_FROM {
            keyed.par_iter().map(|&(_, at)| hits[at as usize]).collect()
        } else {
            keyed.iter().map(|&(_, at)| hits[at as usize]).collect()
        };
        if hits.first().is_some_and(|h| h.quality == Quality::Typo) {
            found.notes.corrections = parsed
                .terms
                .iter()
                .zip(&scores)
                .filter_map(|(t, s)| s.correction.clone().map(|c| (t.clone(), c)))
                .collect();
        }
        found.hits = hits;
        if found.hits.is_empty() && !(parsed.filters.is_empty() && required.is_none()) {
            // Which filter emptied the list of what the words alone find.
            let words: Vec<usize> = (0..n).filter(|&i| rank_any(i).is_some()).collect();
            found.notes.emptied_by = self.emptied_by(&parsed, &words, &passes, &labels, &required);
        }
        Some(found)
    }

    /// [`Index::find`], where a query that is one practice's id (`ids` in
    /// the order the index was built from), typed whole in any case, puts
    /// that practice first.
    pub fn find_among<'a>(
        &self,
        mut ids: impl Iterator<Item = &'a str>,
        query: &str,
        scope: Scope,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Found> {
        let mut found = self.find(query, scope, cancelled)?;
        let wanted = query.trim();
        // Ids are one word; a word without a digit or a dash is a name.
        let id_like =
            !wanted.contains(char::is_whitespace) && wanted.contains(|c: char| c.is_ascii_digit() || c == '-');
        if id_like && let Some(at) = ids.position(|id| id.eq_ignore_ascii_case(wanted)) {
            found.hits.retain(|h| h.index != at);
            found.hits.insert(0, Hit { index: at, score: i64::MAX, field: None, quality: Quality::Id });
        }
        Some(found)
    }

    /// When filters left nothing of what the words alone find (`words`):
    /// the first filter (or `tekst:` word) after which nothing was left.
    fn emptied_by(
        &self,
        parsed: &Query,
        words: &[usize],
        passes: &[(usize, Vec<bool>)],
        labels: &[String],
        required: &Option<Vec<f32>>,
    ) -> Option<String> {
        if words.is_empty() {
            return None;
        }
        for k in 0..passes.len() {
            if !words.iter().any(|&i| self.names.allowed(i, &passes[..=k])) {
                return Some(labels[k].clone());
            }
        }
        required.as_ref().map(|_| format!("tekst:{}", parsed.text_terms.join(" ")))
    }

    fn by_title_usize(&self) -> Vec<usize> {
        self.by_title().iter().map(|&i| i as usize).collect()
    }

    /// Character positions in `text` (original, unfolded) that the query's
    /// folded `terms` match, for highlighting (the terms are parsed once per
    /// search, not per row drawn). Positions are in characters of `text`.
    pub fn highlight(&self, text: &str, terms: &[String]) -> Vec<usize> {
        self.names.highlight(text, terms)
    }

    /// The sentence of `texts` with a word that is one of `stems` (from
    /// [`Index::stems`]), about `max` characters long, with the word's
    /// character range.
    pub fn sentence(&self, texts: &str, stems: &[u32], max: usize) -> Option<(String, (usize, usize))> {
        topics::sentence(self.topics.as_ref()?, texts, stems, max)
    }

    /// The stems the folded query `terms` stand for in the texts, for
    /// [`Index::sentence`]: found once per search, not once per practice
    /// whose sentence is shown (each costs a stemmer call per diacritic form).
    pub fn stems(&self, terms: &[String]) -> Vec<u32> {
        self.topics.as_ref().map_or_else(Vec::new, |t| terms.iter().flat_map(|w| t.stems_of(w)).collect())
    }
}

/// The texts' index of a store: each practice's title, summary and
/// presentation, read in parallel.
fn topics_of(store: &Store, stop: &AtomicBool) -> Option<Topics> {
    let text_of = |i: usize| match store.read_full_in_order(i) {
        _ if stop.load(Ordering::Relaxed) => String::new(),
        Ok(p) => format!("{}.\n{}", p.title, all_text(&p)),
        Err(_) => store.practices.get(i).map_or_else(String::new, |p| p.title().to_owned()),
    };
    Topics::build_from(store.practices.len(), text_of, stop)
}

/// A practice's summary and presentation as one text for the topic index,
/// sections and paragraphs kept apart as sentences.
pub fn all_text(p: &crate::store::Practice) -> String {
    let mut out = String::with_capacity(p.summary.len() + 64);
    out.push_str(&p.summary);
    for s in &p.presentation {
        out.push_str(".\n");
        out.push_str(&s.heading);
        out.push_str(".\n");
        out.push_str(&s.body);
    }
    out
}

/// Folded fuzzy terms of a query (field filters left out); the query is
/// normalised (NFC) first, so decomposed input matches like composed.
pub fn query_terms(query: &str) -> Vec<String> {
    Query::parse(query).terms
}

#[cfg(test)]
mod tests;
