//! Typo tolerance, the way Meilisearch and Typesense do it: a word of five
//! or more letters may have one typo, of nine or more two; a transposition
//! of two neighbouring letters is one typo; the first letter must be right
//! (people slip in the middle of a word, and it keeps the candidates few).
//!
//! The words of every name are kept once, sorted, each with the values it
//! occurs in, so a term is compared with the few thousand words that start
//! with its letter rather than with every name.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::strlist::StrList;

/// Typos allowed in a term of `len` characters. A term longer than any
/// word people type (a pasted string) has none: comparing it costs its
/// length squared for every word of its first letter.
pub fn allowed(len: usize) -> usize {
    match len {
        0..5 => 0,
        5..9 => 1,
        9..=MAX_TYPO_TERM => 2,
        _ => 0,
    }
}

/// The longest term matched with typos (Polish words of 32 letters exist).
pub const MAX_TYPO_TERM: usize = 32;

/// The distinct words of the name values, sorted, with the values each is in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Words {
    words: StrList,
    /// `values[starts[i]..starts[i + 1]]` are the values word `i` is in.
    #[serde(with = "crate::text::strlist::u32s")]
    starts: Vec<u32>,
    #[serde(with = "crate::text::strlist::u32s")]
    values: Vec<u32>,
}

/// A word a term matched with typos.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Near<'a> {
    pub word: &'a str,
    pub distance: usize,
    /// Whether the term matched the whole word (not only its start).
    pub whole: bool,
    pub values: &'a [u32],
}

/// The words of a folded value: runs of letters and digits.
pub fn words(value: &str) -> impl Iterator<Item = &str> {
    value.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

impl Words {
    /// The dictionary of `values` (folded).
    pub fn new<'v>(values: impl Iterator<Item = &'v str>) -> Self {
        // Each word is numbered as first met and each of its places is one
        // number (word, value): numbers are sorted, and only the distinct
        // words by their text (a sort of every place by its word's text was
        // the most of indexing a store's names).
        let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
        let mut met: Vec<&str> = Vec::new();
        let mut places: Vec<u64> = Vec::new();
        for (i, v) in values.enumerate() {
            for w in words(v) {
                let id = *ids.entry(w).or_insert_with(|| {
                    met.push(w);
                    (met.len() - 1) as u32
                });
                places.push((u64::from(id) << 32) | i as u64);
            }
        }
        drop(ids);
        let mut order: Vec<u32> = (0..met.len() as u32).collect();
        order.sort_unstable_by_key(|&k| met[k as usize]);
        let mut rank = vec![0u32; met.len()];
        for (r, &k) in order.iter().enumerate() {
            rank[k as usize] = r as u32;
        }
        for p in &mut places {
            *p = (u64::from(rank[(*p >> 32) as usize]) << 32) | (*p & u64::from(u32::MAX));
        }
        places.sort_unstable();
        places.dedup();
        // Every word has a place, so the words' ranks come in order, none left out.
        let mut out = Words { words: StrList::of(order.iter().map(|&k| met[k as usize])), ..Words::default() };
        let mut last = None;
        for p in places {
            let word = (p >> 32) as u32;
            if last != Some(word) {
                last = Some(word);
                out.starts.push(out.values.len() as u32);
            }
            out.values.push(p as u32);
        }
        out.starts.push(out.values.len() as u32);
        out
    }

    /// Checks read from a file refer only to values below `values`.
    /// The dictionary as serde wrote it, read block by block
    /// ([`crate::text::blocks`]); [`Words::check`] says if it is sound.
    pub fn read(src: &mut impl crate::text::blocks::Source) -> Option<Self> {
        use crate::text::blocks::u32s;
        Some(Self { words: StrList::read(src)?, starts: u32s(src)?, values: u32s(src)? })
    }

    pub fn check(&self, values: usize) -> Result<(), String> {
        let ok = self.words.is_sound()
            && self.starts.len() == self.words.len() + 1
            && self.starts.windows(2).all(|w| w[0] <= w[1])
            && self.starts.last().is_some_and(|&e| e as usize == self.values.len())
            && self.values.iter().all(|&v| (v as usize) < values);
        if ok { Ok(()) } else { Err("the word list refers to values it does not have".into()) }
    }

    /// Words within the allowed typos of `term` (folded), nearest first.
    /// None for a term too short to have typos.
    pub fn near(&self, term: &str) -> Vec<Near<'_>> {
        let t: Vec<char> = term.chars().collect();
        let k = allowed(t.len());
        let Some(&first) = t.first() else { return Vec::new() };
        if k == 0 || !first.is_alphanumeric() {
            return Vec::new();
        }
        // The words that start with the term's first letter.
        let mut buf = [0u8; 4];
        let lead: &str = first.encode_utf8(&mut buf);
        let from = self.words.lower_bound(lead);
        let mut out = Vec::new();
        let mut row = Vec::new();
        for (i, w) in self.words.iter().enumerate().skip(from) {
            if !w.starts_with(lead) {
                break;
            }
            if let Some((distance, whole)) = prefix_distance(&t, w, k, &mut row) {
                let values = &self.values[self.starts[i] as usize..self.starts[i + 1] as usize];
                out.push(Near { word: w, distance, whole, values });
            }
        }
        out.sort_by_key(|n| (n.distance, !n.whole, std::cmp::Reverse(n.values.len())));
        out
    }
}

/// The fewest typos (optimal string alignment: insertions, deletions,
/// substitutions, transpositions of neighbours) that turn `term` into
/// `word` or into a start of `word` at least as long as the term less its
/// allowance, if at most `k`; and whether the best was the whole word.
/// An exact match or a plain prefix is not a typo and gives `None`.
fn prefix_distance(term: &[char], word: &str, k: usize, row: &mut Vec<Vec<usize>>) -> Option<(usize, bool)> {
    let w: Vec<char> = word.chars().collect();
    let (n, m) = (term.len(), w.len());
    if m + k < n {
        return None;
    }
    // Only starts of the word up to the term's length plus the allowance
    // can be within reach, and only cells within `k` of the diagonal can
    // hold `k` or less (the rest stay above it).
    let m = m.min(n + k);
    let far = k + 1;
    row.clear();
    row.resize_with(n + 1, Vec::new);
    for (i, r) in row.iter_mut().enumerate() {
        r.clear();
        r.resize(m + 1, far);
        r[0] = i.min(far);
    }
    for (j, cell) in row[0].iter_mut().enumerate() {
        *cell = j.min(far);
    }
    for i in 1..=n {
        let mut best = usize::MAX;
        for j in i.saturating_sub(k).max(1)..=(i + k).min(m) {
            let cost = usize::from(term[i - 1] != w[j - 1]);
            let mut d = (row[i - 1][j] + 1).min(row[i][j - 1] + 1).min(row[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && term[i - 1] == w[j - 2] && term[i - 2] == w[j - 1] {
                d = d.min(row[i - 2][j - 2] + 1);
            }
            row[i][j] = d.min(far);
            best = best.min(d);
        }
        if best > k {
            return None;
        }
    }
    let last = &row[n];
    let whole = (w.len() <= m).then(|| last[w.len()]);
    // A start of the word no shorter than the term less its allowance.
    let prefix = (n.saturating_sub(k).max(1)..=m).map(|j| last[j]).min()?;
    if prefix == 0 {
        return None;
    }
    match whole {
        Some(d) if d <= prefix && d <= k => Some((d, true)),
        _ if prefix <= k => Some((prefix, false)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The dictionary as it was made before: every (word, value) pair sorted.
    fn words_slowly<'v>(values: impl Iterator<Item = &'v str>) -> (Vec<String>, Vec<Vec<u32>>) {
        let mut pairs: Vec<(&str, u32)> =
            values.enumerate().flat_map(|(i, v)| words(v).map(move |w| (w, i as u32))).collect();
        pairs.sort_unstable();
        pairs.dedup();
        let mut out: (Vec<String>, Vec<Vec<u32>>) = Default::default();
        for (w, v) in pairs {
            if out.0.last().map(String::as_str) != Some(w) {
                out.0.push(w.to_owned());
                out.1.push(Vec::new());
            }
            out.1.last_mut().unwrap().push(v);
        }
        out
    }

    #[test]
    fn the_dictionary_is_every_word_sorted_with_its_values() {
        let values = ["gmina opole", "opole", "", "powiat opolski gmina", "zielona gora 2", "gmina gmina", "2 zielona"];
        let w = Words::new(values.iter().copied());
        let got: (Vec<String>, Vec<Vec<u32>>) = (
            w.words.iter().map(str::to_owned).collect(),
            w.starts.windows(2).map(|s| w.values[s[0] as usize..s[1] as usize].to_vec()).collect(),
        );
        assert_eq!(got, words_slowly(values.iter().copied()));
        assert_eq!(got.0, ["2", "gmina", "gora", "opole", "opolski", "powiat", "zielona"]);
        assert!(w.check(values.len()).is_ok());
        let none = Words::new(std::iter::empty());
        assert!(none.words.is_empty() && none.starts == [0] && none.values.is_empty());
    }

    fn dist(term: &str, word: &str) -> Option<(usize, bool)> {
        let t: Vec<char> = term.chars().collect();
        prefix_distance(&t, word, allowed(t.len()), &mut Vec::new())
    }

    #[test]
    fn slips_people_make() {
        assert_eq!(dist("gdnask", "gdansk"), Some((1, true)), "a transposition");
        assert_eq!(dist("krakwo", "krakow"), Some((1, true)));
        assert_eq!(dist("lubiln", "lublin"), Some((1, true)));
        assert_eq!(dist("poznna", "poznan"), Some((1, true)));
        assert_eq!(dist("gdanssk", "gdansk"), Some((1, true)), "a doubled letter");
        assert_eq!(dist("gdask", "gdansk"), Some((1, true)), "a dropped letter");
        assert_eq!(dist("krakwo", "krakowski"), Some((1, false)), "a start of a longer word");
        assert_eq!(dist("szczcinek", "szczecinek"), Some((1, true)));
        assert_eq!(dist("szczcinke", "szczecinek"), Some((2, true)), "two typos in nine letters");
    }

    #[test]
    fn a_pasted_string_has_no_typos_and_costs_nothing() {
        let long = "a".repeat(500) + "x";
        assert_eq!(allowed(long.chars().count()), 0);
        let values: Vec<String> = (0..2000).map(|i| format!("{}{i}", "a".repeat(1000))).collect();
        assert!(Words::new(values.iter().map(String::as_str)).near(&long).is_empty());
        // The longest words still have their two typos.
        let t: Vec<char> = "konstantynopolitanczykowianeczka".chars().collect();
        assert_eq!(prefix_distance(&t, "konstantynopolitanczykowiankeczka", 2, &mut Vec::new()), Some((1, true)));
    }

    #[test]
    fn no_typo_is_not_a_typo_match_and_short_words_have_none() {
        assert_eq!(dist("gdansk", "gdansk"), None);
        assert_eq!(dist("gdan", "gdansk"), None, "too short for a typo; a prefix is not one");
        assert_eq!(dist("gdans", "gdansk"), None, "a plain prefix");
        assert_eq!(dist("lodz", "lodzki"), None);
        assert_eq!(dist("gdnask", "gdynia"), None);
        assert_eq!(dist("krakwo", "kr"), None);
    }

    #[test]
    fn near_words_need_the_first_letter() {
        let values: Vec<String> = ["gdansk", "gdynia", "skarzysko-kamienna", "dgansk", "krakow gdansk"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let words = Words::new(values.iter().map(String::as_str));
        let near = words.near("gdnask");
        assert_eq!(near.len(), 1);
        assert_eq!((near[0].word, near[0].distance, near[0].values), ("gdansk", 1, &[0u32, 4][..]));
        assert!(words.near("gdn").is_empty());
        assert!(words.check(values.len()).is_ok());
        assert!(words.check(2).is_err());
    }
}
