//! Search over the name fields of practices: diacritic folding, matching
//! per field with field weights, typo tolerance, and Polish ordering.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::collate;
use super::query::Filter;
use super::strlist::StrList;
use super::typo::Words;
use super::{Field, Quality};
use crate::store::heads::{HeadRef, Heads};
use crate::text::fold;

impl Field {
    /// A title or town match beats one inside an office name.
    pub(super) fn weight(self) -> i64 {
        match self {
            Field::Title | Field::Town => 4,
            Field::County | Field::Partner => 3,
            Field::Voivodeship | Field::ImplementingUnit => 2,
            Field::Text => 1,
        }
    }
}

/// What building the name index works out, which the start-up cache keeps:
/// a few large blocks, each read from the cache straight into its buffer
/// ([`NamesData::read`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NamesData {
    /// Distinct folded values of every name field.
    values: StrList,
    /// Each practice's name fields, its title first: entry `k` is field
    /// `FIELDS[field_kinds[k]]` with value `field_values[k]`, and a
    /// practice's entries are `field_starts[i]..field_starts[i + 1]` (two
    /// arrays for all, not an allocation per practice, and not a padded
    /// pair per entry).
    #[serde(with = "crate::text::blocks::as_bytes")]
    field_kinds: Vec<u8>,
    #[serde(with = "crate::text::strlist::u32s")]
    field_values: Vec<u32>,
    #[serde(with = "crate::text::strlist::u32s")]
    field_starts: Vec<u32>,
    /// The value each [`Filter`] looks at, [`Filter::ALL`]'s length of them
    /// a practice, [`NO_VALUE`] where the practice has none.
    #[serde(with = "crate::text::strlist::u32s")]
    filters: Vec<u32>,
    /// Positions of all practices in Polish alphabetical order of titles.
    #[serde(with = "crate::text::strlist::u32s")]
    pub(super) by_title: Vec<u32>,
    /// The words of the values, for typo tolerance.
    words: Words,
}

/// A filter's value where the practice has none.
const NO_VALUE: u32 = u32::MAX;

/// The fields in the order of their numbers in [`NamesData::field_kinds`]
/// (a variant's number is its place here).
const FIELDS: [Field; 7] = [
    Field::Title,
    Field::Town,
    Field::County,
    Field::Voivodeship,
    Field::ImplementingUnit,
    Field::Partner,
    Field::Text,
];

impl NamesData {
    /// The data as serde wrote it, read block by block from `src`; whether
    /// it is sound is for [`Names::from_data`] to say.
    pub fn read(src: &mut impl crate::text::blocks::Source) -> Option<Self> {
        use crate::text::blocks::{bytes, u32s};
        Some(Self {
            values: StrList::read(src)?,
            field_kinds: bytes(src)?,
            field_values: u32s(src)?,
            field_starts: u32s(src)?,
            filters: u32s(src)?,
            by_title: u32s(src)?,
            words: Words::read(src)?,
        })
    }

    /// The value filter `pos` looks at in the practice at `index`.
    fn filter(&self, index: usize, pos: usize) -> Option<u32> {
        self.filters.get(index * Filter::ALL.len() + pos).copied().filter(|&id| id != NO_VALUE)
    }
}

/// The name fields of a practice with their original text.
pub fn name_fields(p: HeadRef<'_>) -> impl Iterator<Item = (Field, &str)> {
    let opt = [
        (Field::Town, p.town()),
        (Field::County, p.county()),
        (Field::Voivodeship, p.voivodeship()),
        (Field::ImplementingUnit, p.implementing_unit()),
    ];
    std::iter::once((Field::Title, p.title()))
        .chain(opt.into_iter().filter_map(|(f, v)| v.map(|s| (f, s))))
        .chain(p.partners().map(|s| (Field::Partner, s)))
}

/// Whether `needle`'s bytes occur in order in `hay`: a fuzzy match needs
/// that, and it is far cheaper to check than to score.
fn is_subsequence(needle: &[u8], hay: &[u8]) -> bool {
    let mut it = hay.iter();
    needle.iter().all(|n| it.any(|h| h == n))
}

/// The score of `needle`'s bytes found in order in `hay` (leftmost, as fzf's
/// first version did): 16 a letter, 8 more for each at a word's head, less
/// a point for each byte skipped between the first and the last. Cheaper
/// than an optimal alignment, and the order among scattered matches, the
/// weakest kind, is all it decides (that alignment was a third of a
/// keystroke at a million practices).
fn scattered(needle: &[u8], hay: &[u8]) -> i64 {
    let (mut at, mut heads, mut first, mut last) = (0, 0i64, None, 0);
    for &n in needle {
        let Some(off) = hay[at..].iter().position(|&h| h == n) else { return 0 };
        let pos = at + off;
        if pos == 0 || !(hay[pos - 1] as char).is_alphanumeric() {
            heads += 1;
        }
        first.get_or_insert(pos);
        last = pos;
        at = pos + 1;
    }
    let n = needle.len() as i64;
    let gaps = (last - first.unwrap_or(0) + 1) as i64 - n;
    (16 * n + 8 * heads - gaps.min(15 * n)).max(1)
}

/// Scores below this many values or practices are computed on one thread.
pub(super) const PARALLEL_FROM: usize = 4096;

/// A term's match in one value: how good a kind of match, and its score
/// within that kind, packed so that a greater number is a better match.
pub(super) type Packed = u64;

pub(super) fn pack(q: Quality, score: i64) -> Packed {
    ((q as u64) << 32) | score.clamp(0, i64::from(u32::MAX >> 1)) as u64
}

pub(super) fn unpack(p: Packed) -> (Quality, i64) {
    (Quality::from_u8((p >> 32) as u8), (p & 0xffff_ffff) as i64)
}

/// Extra score of a term found at the start of a word (the fuzzy matcher's
/// bonus for a first letter at a word's head).
const HEAD: i64 = 16;

/// Extra score of a term that is a whole word of the value ("ostrow" is
/// Ostrów more than Ostrowiec).
const WHOLE_WORD: i64 = 24;

/// Bytes of the longest term matched as scattered letters.
const MAX_FUZZY_TERM: usize = 64;

/// Near words checked for being forms of the term (a stemmer call each).
const FORMS_CHECKED: usize = 32;

/// How one term matches each distinct value, and what its typos stood for.
pub(super) struct TermScores {
    pub values: Vec<Packed>,
    /// One bit a value, set where it matches at all: a few hundred
    /// kilobytes that stay in the cache, where `values` does not at a
    /// million practices (most practices match no term, and are told so
    /// from these bits before their scores are looked up).
    pub matched: Vec<u64>,
    /// The word a typo match took the term for, when the term matched
    /// nothing better anywhere.
    pub correction: Option<String>,
}

pub struct Names {
    data: NamesData,
    /// Rank of each practice in `by_title`, for tie breaks.
    pub(super) title_rank: Vec<u32>,
    matcher: SkimMatcherV2,
    /// The values the last terms scored had in order (their letters as a
    /// subsequence), by term: a term typed one letter further can only
    /// match among its shorter self's (people type queries a key at a time,
    /// and the first key costs a scan of every value, the next ones less).
    recent: std::sync::Mutex<Vec<(String, Arc<Vec<u32>>)>>,
}

/// Terms whose candidates [`Names::recent`] keeps.
const RECENT: usize = 8;

impl std::fmt::Debug for Names {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Names")
            .field("len", &self.data.by_title.len())
            .field("values", &self.data.values.len())
            .finish_non_exhaustive()
    }
}

impl Names {
    pub fn new(practices: &Heads) -> Self {
        // Intern by the original text first: most fields repeat, and only a
        // new value needs folding.
        let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
        // A store has about as many distinct values as practices: room for
        // them at once, not a table grown and copied twenty times.
        ids.reserve(practices.len());
        let mut originals: Vec<&str> = Vec::new();
        let mut intern = |s| -> u32 {
            *ids.entry(s).or_insert_with(|| {
                originals.push(s);
                (originals.len() - 1) as u32
            })
        };
        let (mut field_kinds, mut field_values, mut field_starts, mut filters) = (
            Vec::new(),
            Vec::new(),
            Vec::with_capacity(practices.len() + 1),
            Vec::with_capacity(practices.len() * Filter::ALL.len()),
        );
        for p in practices.iter() {
            let start = field_values.len();
            field_starts.push(start as u32);
            for (f, s) in name_fields(p) {
                // The variant's number, which is its place in `FIELDS`.
                field_kinds.push(f as u8);
                field_values.push(intern(s));
            }
            // A filter on a field that is a name too has its value's id
            // already (a fifth of the look-ups).
            let named = |f: Field| {
                let at = field_kinds[start..].iter().position(|&k| k == f as u8)?;
                Some(field_values[start + at])
            };
            let values = Filter::ALL.map(|f| match f {
                Filter::Town => named(Field::Town),
                Filter::County => named(Field::County),
                Filter::Voivodeship => named(Field::Voivodeship),
                _ => f.value(p).map(&mut intern),
            });
            filters.extend(values.map(|v| v.unwrap_or(NO_VALUE)));
        }
        field_starts.push(field_values.len() as u32);
        // Different originals can fold to one value ("Łódź", "LODZ"); they
        // keep separate ids, which only costs scoring the value twice.
        let folded: Vec<String> = originals.par_iter().map(|s| fold::fold(s)).collect();
        let values = StrList::of(&folded);
        drop(folded);
        // The title is every entry's first field. Titles can repeat, and a
        // collation key is costly: each distinct title is keyed and ranked
        // once, then practices sort by (rank, position) packed in one u64.
        let title_of: Vec<u32> = field_starts[..practices.len()].iter().map(|&s| field_values[s as usize]).collect();
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
        let words = Words::new(values.iter());
        Self::with_data(NamesData { values, field_kinds, field_values, field_starts, filters, by_title, words })
    }

    fn with_data(data: NamesData) -> Self {
        let mut title_rank = vec![0u32; data.by_title.len()];
        for (rank, &i) in data.by_title.iter().enumerate() {
            title_rank[i as usize] = rank as u32;
        }
        Self { data, title_rank, matcher: SkimMatcherV2::default(), recent: Default::default() }
    }

    pub fn data(&self) -> &NamesData {
        &self.data
    }

    /// An index from what [`Names::data`] gave for a store of `len`
    /// practices, checked first: it comes from a file, and a reference out
    /// of range would otherwise surface as a panic in the middle of a search.
    pub fn from_data(data: NamesData, len: usize) -> Result<Self, String> {
        if data.filters.len() != len * Filter::ALL.len()
            || data.by_title.len() != len
            || data.field_starts.len() != len + 1
        {
            return Err(format!("index of {} entries for {len} practices", data.by_title.len()));
        }
        // Each practice's fields in order within the arrays, a title first.
        let starts = &data.field_starts;
        let entries = data.field_values.len();
        if starts.windows(2).any(|w| w[0] >= w[1])
            || starts.last().is_some_and(|&e| e as usize != entries)
            || data.field_kinds.len() != entries
            || data.field_kinds.iter().any(|&k| usize::from(k) >= FIELDS.len())
        {
            return Err("the index's fields are damaged".into());
        }
        if !data.values.is_sound() {
            return Err("the index's names are damaged".into());
        }
        let values = data.values.len();
        let in_range = |id: &u32| (*id as usize) < values;
        if !data.field_values.iter().all(in_range) || !data.filters.iter().all(|id| *id == NO_VALUE || in_range(id)) {
            return Err("index refers to a value it does not have".into());
        }
        let mut seen = vec![false; len];
        for &i in &data.by_title {
            match seen.get_mut(i as usize) {
                Some(s) if !*s => *s = true,
                _ => return Err("title order is not a permutation of the practices".into()),
            }
        }
        data.words.check(values)?;
        Ok(Self::with_data(data))
    }

    pub fn len(&self) -> usize {
        self.data.by_title.len()
    }

    pub fn distinct_values(&self) -> usize {
        self.data.values.len()
    }

    /// How `term` matches every distinct value. A contiguous match at the
    /// start of a word is the best kind, inside a word the next; then a
    /// match with typos; letters scattered in order (fzf's fuzzy match)
    /// the weakest.
    pub(super) fn term_scores(&self, term: &str) -> TermScores {
        let needle = term.as_bytes();
        // Scattered letters of a pasted string mean nothing, and scoring them
        // costs the term's length times the value's: such a term matches
        // only where it occurs whole.
        let fuzzy = term.len() <= MAX_FUZZY_TERM;
        // A term found whole scores as the fuzzy matcher scores a run of
        // consecutive letters (16 a letter, 4 more for each that follows
        // another), without running it: that was two fifths of a keystroke
        // at a million practices. Where it starts a word adds `HEAD`.
        let n = term.chars().count() as i64;
        let contiguous = 16 * n + 4 * (n - 1).max(0);
        // `None` where the term's letters are not in the value in order: a
        // longer term cannot match there either (a score of 0 can turn
        // positive: the fuzzy matcher's gap penalties weigh less for more letters).
        // One searcher for the term, not one made for every value (that and
        // its search were a tenth of a keystroke at a million practices).
        let finder = memchr::memmem::Finder::new(needle);
        let score = |v: &str| -> Option<Packed> {
            if !is_subsequence(needle, v.as_bytes()) {
                return None;
            }
            let bytes = v.as_bytes();
            let at_word = |at: usize| at == 0 || !(bytes[at - 1] as char).is_alphanumeric();
            let mut best = None;
            for at in finder.find_iter(bytes) {
                let end = at + term.len();
                // A whole term found in UTF-8 ends on a character's boundary.
                let after = v.get(end..).unwrap_or_default();
                let whole = after.is_empty() || !after.starts_with(|c: char| c.is_alphanumeric());
                let here = match (at_word(at), whole) {
                    (true, true) => (Quality::Word, contiguous + HEAD + WHOLE_WORD),
                    (true, false) => (Quality::Word, contiguous + HEAD),
                    _ => (Quality::Inside, contiguous),
                };
                if best.is_none_or(|b: (Quality, i64)| here > b) {
                    best = Some(here);
                }
            }
            if let Some((q, s)) = best {
                return Some(pack(q, s));
            }
            // Only letters scattered in order are left, the weakest kind.
            Some(if fuzzy { pack(Quality::Scattered, scattered(needle, v.as_bytes())) } else { 0 })
        };
        let all = &self.data.values;
        let candidates = self.candidates(term);
        let mut values: Vec<Packed> = vec![0; all.len()];
        let one = |i: u32| score(all.get(i as usize)).map(|s| (i, s));
        let scored: Vec<(u32, Packed)> = match &candidates {
            Some(c) if c.len() >= PARALLEL_FROM => c.par_iter().filter_map(|&i| one(i)).collect(),
            Some(c) => c.iter().filter_map(|&i| one(i)).collect(),
            None if all.len() >= PARALLEL_FROM => (0..all.len() as u32).into_par_iter().filter_map(one).collect(),
            None => (0..all.len() as u32).filter_map(one).collect(),
        };
        // Bits set where a value is set, not found by a pass over every
        // value afterwards: a keystroke scores only the candidates.
        let mut matched = vec![0u64; values.len().div_ceil(64)];
        let mut mark = |i: usize| matched[i / 64] |= 1 << (i % 64);
        for &(i, s) in &scored {
            values[i as usize] = s;
            if unpack(s).0 > Quality::None {
                mark(i as usize);
            }
        }
        self.remember(term, scored.iter().map(|s| s.0).collect());
        let near = self.data.words.near(term);
        let len = term.chars().count() as i64;
        // A near word that is another form of the term (szkoła, szkół) is
        // no typo: it ranks as a match inside a word, and is not "corrected".
        let forms: Vec<bool> =
            near.iter().take(FORMS_CHECKED).map(|n| super::topics::same_word(term, n.word)).collect();
        let plain = scored.iter().any(|&(_, p)| unpack(p).0 >= Quality::Inside) || forms.contains(&true);
        let correction = (!plain).then(|| near.first().map(|n| n.word.to_owned())).flatten();
        for (i, n) in near.iter().enumerate() {
            let kind = if forms.get(i) == Some(&true) { Quality::Inside } else { Quality::Typo };
            let typo = pack(kind, 16 * len - 24 * n.distance as i64 + if n.whole { WHOLE_WORD } else { 0 });
            for &v in n.values {
                let slot = &mut values[v as usize];
                *slot = (*slot).max(typo);
                mark(v as usize);
            }
        }
        TermScores { values, matched, correction }
    }

    /// The values `term` can match, when a shorter start of it was scored
    /// lately: those that matched that start.
    fn candidates(&self, term: &str) -> Option<Arc<Vec<u32>>> {
        let recent = self.recent.lock().ok()?;
        recent.iter().filter(|(t, _)| term.starts_with(t.as_str())).max_by_key(|(t, _)| t.len()).map(|(_, c)| c.clone())
    }

    fn remember(&self, term: &str, matched: Vec<u32>) {
        if let Ok(mut recent) = self.recent.lock() {
            recent.retain(|(t, _)| t != term);
            if recent.len() >= RECENT {
                recent.remove(0);
            }
            recent.push((term.to_owned(), Arc::new(matched)));
        }
    }

    /// The folded value a filter looks at in the practice at `index`, with
    /// its number among the distinct values (equal values, equal numbers).
    pub(super) fn filter_value(&self, index: usize, filter: Filter) -> Option<(u32, &str)> {
        let id = self.data.filter(index, filter.position())?;
        Some((id, self.data.values.get(id as usize)))
    }

    /// Which distinct values pass a filter.
    pub(super) fn passing(&self, filter: Filter, wanted: &str) -> Vec<bool> {
        self.data.values.iter().map(|v| filter.passes(v, wanted)).collect()
    }

    /// The name fields of the practice at `index`, with their values.
    fn fields(&self, index: usize) -> impl Iterator<Item = (Field, u32)> + Clone + '_ {
        let (d, s) = (&self.data, &self.data.field_starts);
        let range = s[index] as usize..s[index + 1] as usize;
        // Kinds were checked against `FIELDS` when the data was made or read.
        d.field_kinds[range.clone()].iter().map(|&k| FIELDS[usize::from(k)]).zip(d.field_values[range].iter().copied())
    }

    /// Whether the practice at `index` passes every filter in `passes`.
    pub(super) fn allowed(&self, index: usize, passes: &[(usize, Vec<bool>)]) -> bool {
        passes.iter().all(|(pos, ok)| self.data.filter(index, *pos).is_some_and(|id| ok[id as usize]))
    }

    /// Whether any name of the practice at `index` matches the term `t`
    /// scored ([`Names::matches`] has a match for it exactly then).
    pub(super) fn any_match(&self, index: usize, t: &TermScores) -> bool {
        let s = &self.data.field_starts;
        let ids = &self.data.field_values[s[index] as usize..s[index + 1] as usize];
        ids.iter().any(|&id| t.matched[id as usize / 64] & (1 << (id % 64)) != 0)
    }

    /// The best match of each term in the practice's names (quality,
    /// weighted score, field), or `None` for a term that matches no name.
    pub(super) fn matches<'a>(
        &'a self,
        index: usize,
        scores: &'a [TermScores],
    ) -> impl Iterator<Item = Option<(Quality, i64, Field)>> + 'a {
        let fields = self.fields(index);
        scores.iter().map(move |t| {
            // One pass over the fields: every practice's, every keystroke.
            let mut best: Option<(Quality, i64, Field)> = None;
            let mut sum = 0;
            for (f, id) in fields.clone() {
                let (q, s) = unpack(t.values[id as usize]);
                if q > Quality::None {
                    let s = s * f.weight();
                    sum += s;
                    // Best by (quality, score, earlier field); equal keys are equal results.
                    if best.is_none_or(|b| (q, s, std::cmp::Reverse(f)) > (b.0, b.1, std::cmp::Reverse(b.2))) {
                        best = Some((q, s, f));
                    }
                }
            }
            let best = best?;
            // Other fields matching the same term add a little: "Żywiec"
            // in both title and town beats "Żywiec" in the town alone.
            let echoes = sum - best.1;
            Some((best.0, best.1 + echoes / 8, best.2))
        })
    }

    /// Terms that all land in one field value ("urzad metropolitalny" in an
    /// office name) mean that value more than terms scattered over title
    /// and office: the best such value's score, counted double.
    pub(super) fn together(&self, index: usize, scores: &[TermScores]) -> Option<(i64, Field)> {
        if scores.len() < 2 {
            return None;
        }
        self.fields(index)
            .filter_map(|(f, id)| {
                let each: Option<i64> = scores
                    .iter()
                    .map(|t| Some(unpack(t.values[id as usize])).filter(|(q, _)| *q >= Quality::Inside).map(|p| p.1))
                    .sum();
                each.map(|e| (e * f.weight() * 2, f))
            })
            .max_by_key(|(s, _)| *s)
    }

    /// Character positions in `text` (original, unfolded) that the folded
    /// `terms` match, for highlighting. A term matches where it occurs
    /// whole; otherwise where its letters are scattered.
    pub fn highlight(&self, text: &str, terms: &[String]) -> Vec<usize> {
        let hay = fold::fold(text);
        let mut out: Vec<usize> = Vec::new();
        for t in terms {
            if let Some(at) = hay.find(t.as_str()) {
                let from = hay[..at].chars().count();
                out.extend(from..from + t.chars().count());
            } else if let Some((_, idx)) = self.matcher.fuzzy_indices(&hay, t) {
                out.extend(idx);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::store::Practice;

    /// Practices with these titles (their ids too), one town and partners.
    fn titled(titles: &[&str], town: &str, partners: &[&str]) -> Vec<Practice> {
        let practice = |t: &&str| Practice {
            id: t.to_string(),
            title: t.to_string(),
            town: Some(town.into()),
            partners: partners.iter().map(|p| p.to_string()).collect(),
            ..Practice::default()
        };
        titles.iter().map(practice).collect()
    }

    fn data_of(practices: &[Practice]) -> NamesData {
        Names::new(&crate::store::heads::Heads::of(practices)).data().clone()
    }

    #[test]
    fn a_practice_has_a_match_for_a_term_exactly_when_its_bits_say_so() {
        let practices: Vec<Practice> = (0..60)
            .map(|i| Practice {
                id: format!("p{i}"),
                title: ["Związek Gmin Kurpiowskich", "Aglomeracja Opolska", "Kraków w sieci"][i % 3].into(),
                town: (i % 4 != 0).then(|| ["Łódź", "Opole", "Zgierz", "Kraków", "Ostrów"][i % 5].into()),
                partners: (0..i % 3).map(|k| format!("Gmina {k}")).collect(),
                ..Practice::default()
            })
            .collect();
        let names = Names::new(&crate::store::heads::Heads::of(&practices));
        for term in ["opole", "lodz", "krakwo", "zgm", "gmina", "xyzzy", "o", "ostrow", "kurpiowskich"] {
            let scores = [names.term_scores(term)];
            for i in 0..practices.len() {
                let matched = names.matches(i, &scores).next().flatten().is_some();
                assert_eq!(names.any_match(i, &scores[0]), matched, "{term}, practice {i}");
            }
        }
    }

    #[test]
    fn each_field_is_at_its_number_in_the_table() {
        for (k, f) in FIELDS.iter().enumerate() {
            assert_eq!(*f as usize, k, "{f:?}");
        }
    }

    #[test]
    fn index_data_read_block_by_block_is_what_serde_wrote() {
        let data = data_of(&titled(&["Aglo", "Łódź", "Żywiec"], "Opole", &["Gmina Łódź", "Żywiec"]));
        let bytes = postcard::to_stdvec(&data).unwrap();
        let mut src = bytes.as_slice();
        assert_eq!(NamesData::read(&mut src), Some(data));
        assert!(src.is_empty(), "every byte read");
        assert_eq!(NamesData::read(&mut &bytes[..bytes.len() - 1]), None, "cut short");
    }

    #[test]
    fn each_filter_refers_to_its_fields_folded_value() {
        let practices: Vec<Practice> = (0..40)
            .map(|i| Practice {
                id: format!("p{i}"),
                title: format!("Tytuł {}", i % 7),
                town: (i % 3 != 0).then(|| format!("Miasto {}", i % 5)),
                county: (i % 4 != 0).then(|| "Opole".into()),
                voivodeship: Some(["opolskie", "Łódzkie", "Opole"][i % 3].into()),
                unit_type: Some("gmina".into()),
                area: (i % 2 == 0).then(|| "Opole".into()),
                entered: Some(format!("20{:02}-01-01", i % 20)),
                partners: vec!["Opole".into()],
                ..Practice::default()
            })
            .collect();
        let heads = crate::store::heads::Heads::of(&practices);
        let data = data_of(&practices);
        for (i, p) in heads.iter().enumerate() {
            for (k, f) in Filter::ALL.iter().enumerate() {
                let got = data.filter(i, k).map(|id| data.values.get(id as usize));
                assert_eq!(got, f.value(p).map(fold::fold).as_deref(), "practice {i}, {f:?}");
            }
        }
    }

    #[test]
    fn index_data_is_checked_before_use() {
        let s = titled(&["Aglo", "Łódź", "Żywiec"], "X", &[]);
        let good = data_of(&s);
        assert!(Names::from_data(good.clone(), s.len()).is_ok());
        assert!(Names::from_data(good.clone(), s.len() + 1).is_err(), "another store's index");
        let mut bad = good.clone();
        bad.field_values[1] = bad.values.len() as u32;
        assert!(Names::from_data(bad, s.len()).is_err(), "a value out of range");
        let mut bad = good.clone();
        bad.field_kinds[1] = FIELDS.len() as u8;
        assert!(Names::from_data(bad, s.len()).is_err(), "a field that does not exist");
        let mut bad = good.clone();
        bad.field_kinds.pop();
        assert!(Names::from_data(bad, s.len()).is_err(), "fewer kinds than values");
        let mut bad = good.clone();
        bad.filters[2 * Filter::ALL.len() + 2] = bad.values.len() as u32;
        assert!(Names::from_data(bad, s.len()).is_err(), "a filter value out of range");
        let mut bad = good.clone();
        bad.filters.pop();
        assert!(Names::from_data(bad, s.len()).is_err(), "a practice short of a filter");
        let mut bad = good.clone();
        bad.by_title[0] = bad.by_title[1];
        assert!(Names::from_data(bad, s.len()).is_err(), "a title order that repeats a practice");
        let mut bad = good.clone();
        bad.field_starts[1] = bad.field_starts[2];
        assert!(Names::from_data(bad, s.len()).is_err(), "a practice without fields");
        let mut bad = good;
        bad.values = StrList::of(["x"]);
        bad.field_values.iter_mut().for_each(|v| *v = 0);
        bad.filters.iter_mut().for_each(|f| *f = NO_VALUE);
        assert!(Names::from_data(bad, s.len()).is_err(), "words that refer to values it no longer has");
    }
}
