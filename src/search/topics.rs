//! Topic search over the practices' texts (summary and full presentation).
//!
//! Polish inflects: "odpady", "odpadów", "odpadami" are one topic. Each
//! word of the texts is reduced to its stem by Snowball's Polish stemmer
//! (the `snowstem` crate), then folded; practices are ranked by BM25 over
//! stems. People type without diacritics, and the stemmer needs them
//! ("odpadów" loses its ending, "odpadow" does not), so a query word is
//! looked up among the texts' own words folded (where "odpadow" finds
//! "odpadów" and its stem) as well as stemmed itself.
//!
//! Built once per store (at load, or read from the start-up cache), never
//! per keystroke: a query costs a few binary searches and a merge of the
//! postings of its words.

use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use snowstem::{Algorithm, Stemmer};

use super::strlist::StrList;
use crate::text::fold;

/// BM25's usual constants (Robertson; Lucene's and Tantivy's defaults).
const K1: f32 = 1.2;
const B: f32 = 0.75;

/// Query words at least this long also find the words they begin
/// ("kanaliz" finds "kanalizacji"), as someone typing is mid-word.
const PREFIX_FROM: usize = 4;
/// At most this many text words a prefix stands for, the most common first.
const PREFIX_WORDS: usize = 64;

/// The stems of every practice's texts, with BM25's statistics.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Topics {
    /// Distinct words of the texts, folded, sorted, each with its stem in
    /// `word_stems` (one folded word can come from forms with different
    /// stems, and is then listed once for each).
    words: StrList,
    word_stems: Vec<u32>,
    /// Distinct stems, folded, sorted.
    stems: StrList,
    /// `docs[starts[s]..starts[s + 1]]` hold the practices with stem `s`,
    /// ascending, with the number of times it occurs in `tfs`.
    starts: Vec<u32>,
    docs: Vec<u32>,
    tfs: Vec<u16>,
    /// Words in each practice's texts.
    lens: Vec<u32>,
}

/// Polish stop words (stopwords-iso, through the `stop-words` crate).
fn stop_words() -> &'static rustc_hash::FxHashSet<&'static str> {
    static WORDS: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| stop_words::lookup("pl").unwrap_or_default().iter().copied().collect())
}

/// What [`Topics::like`] found.
#[derive(Debug, Clone, Default)]
pub struct Like {
    /// Every practice's score, by position.
    pub scores: Vec<f32>,
    /// The words it looked for, the weightiest first: a stem, and the word
    /// as the text wrote it.
    pub terms: Vec<(u32, String)>,
}

/// The words of a text: runs of letters and digits, lowercase, two
/// characters or longer (one-letter words are Polish prepositions).
pub fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().nth(1).is_some())
}

fn stemmer() -> Stemmer {
    Stemmer::create(Algorithm::Polish)
}

/// A word in lower case letter by letter, as the query is folded: no
/// final sigma, and İ is i, not i and a combining dot.
fn lower(w: &str) -> String {
    w.chars().map(|c| c.to_lowercase().next().unwrap_or(c)).collect()
}

/// Bytes of a text looked through for the sentence to show: a sentence
/// further on is not worth the time on every keystroke.
const SENTENCE_SCAN: usize = 256 << 10;

/// Letters that Polish endings carry with a diacritic, by their folded form.
const MARKED: [(char, &[char]); 8] = [
    ('a', &['ą']),
    ('c', &['ć']),
    ('e', &['ę']),
    ('l', &['ł']),
    ('n', &['ń']),
    ('o', &['ó']),
    ('s', &['ś']),
    ('z', &['ż', 'ź']),
];

/// A folded word as typed and with the diacritics its ending may have had
/// ("odpadow" is "odpadów"; "gmina" may be "gminą"): the stemmer reads
/// endings with their diacritics, and people type without them. Only the
/// last three letters vary, where the endings are.
fn with_diacritics(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let tail = chars.len().saturating_sub(3);
    let mut out = vec![String::new()];
    for (i, &c) in chars.iter().enumerate() {
        let marked = MARKED.iter().find(|(plain, _)| *plain == c).map_or(&[][..], |m| m.1);
        let options = if i >= tail { marked } else { &[] };
        let mut next = Vec::with_capacity(out.len() * (1 + options.len()));
        for prefix in &out {
            for o in std::iter::once(&c).chain(options) {
                let mut s = prefix.clone();
                s.push(*o);
                next.push(s);
            }
        }
        out = next;
    }
    out
}

/// Whether two folded words are forms of one word by their stems
/// ("szkola" and "szkol", of szkoła and szkół; "kociewie" and "kociewia"),
/// not a slip of one letter for another. Stems shorter than four letters
/// say too little to tell.
pub fn same_word(a: &str, b: &str) -> bool {
    let stemmer = stemmer();
    let stems = |w: &str| -> Vec<String> {
        with_diacritics(w).iter().map(|v| stem_key(&stemmer, v)).filter(|s| s.chars().count() >= 4).collect()
    };
    let of_a = stems(a);
    stems(b).iter().any(|s| of_a.contains(s))
}

/// The folded stem of a lowercase word.
fn stem_key(stemmer: &Stemmer, lower: &str) -> String {
    fold::fold(&stemmer.stem(lower))
}

impl Topics {
    /// The topic index of `texts`, one string per practice (its texts joined).
    pub fn new<T: AsRef<str> + Sync>(texts: &[T]) -> Self {
        Self::build(texts, &AtomicBool::new(false)).unwrap_or_default()
    }

    /// [`Topics::new`] that gives up, with `None`, soon after `stop` is set
    /// (the browser quits while it builds).
    pub fn build<T: AsRef<str> + Sync>(texts: &[T], stop: &AtomicBool) -> Option<Self> {
        Self::build_from(texts.len(), |i| texts[i].as_ref().to_owned(), stop)
    }

    /// The index of `count` practices whose texts `text_of` gives, one at a
    /// time: a store's texts are never all in memory at once (at 100k
    /// practices that was a second copy of a 1 GB store).
    pub fn build_from(count: usize, text_of: impl Fn(usize) -> String + Sync, stop: &AtomicBool) -> Option<Self> {
        let stopped = || stop.load(Ordering::Relaxed);
        // Each practice's words and how often each occurs, in parallel; kept
        // as one buffer of words and their counts, not the map that counted
        // them (a string and a map entry a word: 10k practices of long texts
        // took three times their file while indexed).
        let per_doc: Vec<((StrList, Vec<u32>), u32)> = (0..count)
            .into_par_iter()
            .map(|i| {
                let mut counts: FxHashMap<String, u32> = FxHashMap::default();
                let mut len = 0u32;
                if stopped() {
                    return (Default::default(), len);
                }
                for w in tokens(&text_of(i)) {
                    len += 1;
                    *counts.entry(lower(w)).or_insert(0) += 1;
                }
                let words = StrList::of(counts.keys());
                let n = counts.values().copied().collect();
                ((words, n), len)
            })
            .collect();
        if stopped() {
            return None;
        }
        let mut distinct: Vec<&str> = per_doc.iter().flat_map(|((w, _), _)| w.iter()).collect();
        distinct.par_sort_unstable();
        distinct.dedup();
        let stems_of: Vec<String> = distinct
            .par_iter()
            .map_init(stemmer, |s, w| if stopped() { String::new() } else { stem_key(s, w) })
            .collect();
        if stopped() {
            return None;
        }
        let mut stems: Vec<&str> = stems_of.iter().map(String::as_str).collect();
        stems.par_sort_unstable();
        stems.dedup();
        let sid = |s: &str| stems.binary_search(&s).unwrap_or(0) as u32;
        let word_stem: Vec<u32> = stems_of.par_iter().map(|s| sid(s)).collect();
        let stems = StrList::of(stems);
        drop(stems_of);
        let mut words: Vec<(String, u32)> =
            distinct.par_iter().zip(&word_stem).map(|(w, s)| (fold::fold(w), *s)).collect();
        words.par_sort_unstable();
        words.dedup();
        let word_stems: Vec<u32> = words.iter().map(|w| w.1).collect();
        let words = StrList::of(words.iter().map(|w| w.0.as_str()));
        if stopped() {
            return None;
        }
        // (stem, practice, count), summed over forms of one stem in one practice.
        let mut triples: Vec<(u32, u32, u32)> = per_doc
            .par_iter()
            .enumerate()
            .flat_map_iter(|(doc, ((words, counts), _))| {
                let mut local: Vec<(u32, u32, u32)> = words
                    .iter()
                    .zip(counts)
                    .map(|(w, n)| {
                        let at = distinct.binary_search(&w).unwrap_or(0);
                        (word_stem[at], doc as u32, *n)
                    })
                    .collect();
                local.sort_unstable();
                local.dedup_by(|b, a| {
                    let same = a.0 == b.0;
                    if same {
                        a.2 += b.2;
                    }
                    same
                });
                local
            })
            .collect();
        triples.par_sort_unstable();
        let lens = per_doc.iter().map(|(_, l)| *l).collect();
        drop(per_doc);
        let mut out = Topics { words, word_stems, lens, ..Topics::default() };
        out.starts = Vec::with_capacity(stems.len() + 1);
        let mut at = 0;
        for s in 0..stems.len() as u32 {
            out.starts.push(out.docs.len() as u32);
            while at < triples.len() && triples[at].0 == s {
                out.docs.push(triples[at].1);
                out.tfs.push(triples[at].2.min(u32::from(u16::MAX)) as u16);
                at += 1;
            }
        }
        out.starts.push(out.docs.len() as u32);
        out.stems = stems;
        (!stopped()).then_some(out)
    }

    /// Practices this index was built over.
    pub fn len(&self) -> usize {
        self.lens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lens.is_empty()
    }

    /// Checks an index read from a file against a store of `len` practices.
    pub fn check(&self, len: usize) -> Result<(), String> {
        let stems = self.stems.len();
        let ok = self.lens.len() == len
            && self.starts.len() == stems + 1
            && self.starts.windows(2).all(|w| w[0] <= w[1])
            && self.starts.last().is_some_and(|&e| e as usize == self.docs.len())
            && self.docs.len() == self.tfs.len()
            && self.docs.iter().all(|&d| (d as usize) < len)
            && self.words.is_sound()
            && self.stems.is_sound()
            && self.word_stems.len() == self.words.len()
            && self.word_stems.iter().all(|s| (*s as usize) < stems);
        if ok { Ok(()) } else { Err("the topic index does not fit the store".into()) }
    }

    /// The stems a folded query word stands for.
    pub fn stems_of(&self, term: &str) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        let from = self.words.lower_bound(term);
        let prefix = term.chars().count() >= PREFIX_FROM;
        let mut found: Vec<(u32, u32)> = (from..self.words.len())
            .map(|i| (self.words.get(i), self.word_stems[i]))
            .take_while(|(w, _)| if prefix { w.starts_with(term) } else { *w == term })
            .map(|(w, s)| (u32::from(w != term), s))
            .collect();
        // The word itself first, then the commonest words it begins.
        found.sort_by_key(|&(longer, s)| (longer, std::cmp::Reverse(self.df(s))));
        out.extend(found.iter().take(PREFIX_WORDS).map(|&(_, s)| s));
        let stemmer = stemmer();
        for form in with_diacritics(term) {
            let own = stem_key(&stemmer, &form);
            // The stemmer is not always consistent across a word's forms
            // ("uczniów" gives "uczni", "uczniowie" "uczniow"): a stem of
            // five letters or more that the word's own stem begins with,
            // short of it by a letter or two, is the same word.
            let len = own.chars().count();
            let shorter = own.char_indices().map(|(i, _)| i).skip(5.max(len.saturating_sub(2)));
            for end in shorter.chain([own.len()]) {
                if let Some(s) = self.stems.find(&own[..end]) {
                    out.push(s as u32);
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    fn df(&self, stem: u32) -> u32 {
        self.starts[stem as usize + 1] - self.starts[stem as usize]
    }

    fn postings(&self, stem: u32) -> impl Iterator<Item = (u32, u16)> + '_ {
        let (a, b) = (self.starts[stem as usize] as usize, self.starts[stem as usize + 1] as usize);
        self.docs[a..b].iter().copied().zip(self.tfs[a..b].iter().copied())
    }

    /// Practices whose texts have every one of `terms` (folded words, each
    /// in any of its forms), with their BM25 score, best first.
    pub fn search(&self, terms: &[String]) -> Vec<(u32, f32)> {
        let mut hits: Vec<(u32, f32)> =
            self.scores(terms).into_iter().enumerate().filter(|(_, s)| *s > 0.0).map(|(d, s)| (d as u32, s)).collect();
        hits.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        hits
    }

    /// The BM25 score of every practice for `terms` (0: not all of them
    /// are in its texts), by practice position. Dense arrays: a word's
    /// forms can have postings over most of a large store, and adding into
    /// an array costs less than merging sorted lists.
    pub fn scores(&self, terms: &[String]) -> Vec<f32> {
        let n = self.lens.len();
        let mut out = vec![0.0f32; n];
        if n == 0 || terms.is_empty() {
            return out;
        }
        let avg = (self.lens.iter().map(|&l| u64::from(l)).sum::<u64>() as f32 / n as f32).max(1.0);
        let mut tf = vec![0u32; n];
        for (k, term) in terms.iter().enumerate() {
            // The term's forms count as one word (as Lucene's synonyms do):
            // their occurrences add up, and a practice counts once for idf.
            tf.iter_mut().for_each(|t| *t = 0);
            for s in self.stems_of(term) {
                for (d, t) in self.postings(s) {
                    tf[d as usize] += u32::from(t);
                }
            }
            let df = tf.iter().filter(|t| **t > 0).count() as f32;
            let idf = (1.0 + (n as f32 - df + 0.5) / (df + 0.5)).ln();
            for (d, (score, &t)) in out.iter_mut().zip(&tf).enumerate() {
                if t == 0 || (k > 0 && *score == 0.0) {
                    *score = 0.0;
                    continue;
                }
                let t = t as f32;
                let norm = K1 * (1.0 - B + B * self.lens[d] as f32 / avg);
                // Never 0 for a match, so that "matched" and "not" stay apart.
                *score += (idf * t * (K1 + 1.0) / (t + norm)).max(f32::MIN_POSITIVE);
            }
        }
        out
    }

    /// "More like this" (as Lucene's): the words that say most about
    /// `text` (a practice's own texts, as indexed), weighed by tf-idf, and
    /// every practice's BM25 score for them, by position; `own` (the
    /// practice itself) scores 0. A word in one practice only, or in more
    /// than half of them, says nothing about likeness and is left out.
    /// Words whose stems are those of `skip` (the practice's own place
    /// names: "opolskich" says where, not what) are left out too.
    pub fn like(&self, text: &str, own: Option<u32>, max_terms: usize, skip: &[&str]) -> Like {
        let n = self.lens.len();
        let mut found: FxHashMap<u32, (u32, String)> = FxHashMap::default();
        let stemmer = stemmer();
        let skipped: Vec<String> = skip.iter().flat_map(|s| tokens(s)).map(|w| stem_key(&stemmer, &lower(w))).collect();
        for w in tokens(text) {
            let l = lower(w);
            // Short words and the language's own (oraz, którzy, jeden) are
            // the grammar's, not the topic's.
            if l.chars().count() < 4 || stop_words().contains(l.as_str()) {
                continue;
            }
            let key = stem_key(&stemmer, &l);
            if skipped.contains(&key) {
                continue;
            }
            if let Some(s) = self.stems.find(&key) {
                found.entry(s as u32).or_insert((0, l)).0 += 1;
            }
        }
        let mut terms: Vec<(u32, f32, String)> = found
            .into_iter()
            .filter(|(s, _)| {
                // In a store of a few practices "more than half" is one or
                // two: every word would be too common.
                let df = self.df(*s) as usize;
                df > 1 && (n < 20 || df * 2 <= n)
            })
            .map(|(s, (tf, word))| {
                let df = self.df(s) as f32;
                let idf = (1.0 + (n as f32 - df + 0.5) / (df + 0.5)).ln();
                (s, (1.0 + (tf as f32).ln()) * idf, word)
            })
            .collect();
        terms.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        terms.truncate(max_terms);
        let avg = (self.lens.iter().map(|&l| u64::from(l)).sum::<u64>() as f32 / n.max(1) as f32).max(1.0);
        let mut scores = vec![0.0f32; n];
        for (s, weight, _) in &terms {
            for (d, t) in self.postings(*s) {
                if Some(d) == own {
                    continue;
                }
                let t = f32::from(t);
                let norm = K1 * (1.0 - B + B * self.lens[d as usize] as f32 / avg);
                scores[d as usize] += weight * t * (K1 + 1.0) / (t + norm);
            }
        }
        Like { scores, terms: terms.into_iter().map(|(s, _, w)| (s, w)).collect() }
    }

    /// Whether practice `doc`'s texts have `stem`.
    pub fn has(&self, doc: u32, stem: u32) -> bool {
        let (a, b) = (self.starts[stem as usize] as usize, self.starts[stem as usize + 1] as usize);
        self.docs[a..b].binary_search(&doc).is_ok()
    }

    /// Whether a lowercase word of a text is one of `stems`.
    pub fn word_is(&self, word: &str, stems: &[u32]) -> bool {
        let folded = fold::fold(word);
        let from = self.words.lower_bound(&folded);
        (from..self.words.len())
            .take_while(|&i| self.words.get(i) == folded)
            .any(|i| stems.contains(&self.word_stems[i]))
    }
}

/// The sentence of `text` with the first word that is one of `stems`, cut
/// to about `max` characters around it, and that word's character range in
/// the result.
pub fn sentence(topics: &Topics, text: &str, stems: &[u32], max: usize) -> Option<(String, (usize, usize))> {
    let mut at = None;
    for w in tokens(text) {
        // A token is a slice of the text: its place is its address's offset.
        let start = w.as_ptr() as usize - text.as_ptr() as usize;
        if start > SENTENCE_SCAN {
            break;
        }
        if topics.word_is(&lower(w), stems) {
            at = Some((start, start + w.len()));
            break;
        }
    }
    let (ws, we) = at?;
    // A sentence ends at a line break, or at . ! ? before a space (not the
    // dots of an address or a number).
    let ends_at = |i: usize, c: char| {
        c == '\n' || (matches!(c, '.' | '!' | '?') && text[i + 1..].chars().next().is_none_or(char::is_whitespace))
    };
    let begin = text[..ws].char_indices().rev().find(|&(i, c)| ends_at(i, c)).map_or(0, |(i, _)| i + 1);
    let end = text[we..].char_indices().find(|&(i, c)| ends_at(we + i, c)).map_or(text.len(), |(i, _)| we + i + 1);
    let sentence = &text[begin..end];
    let lead = sentence.len() - sentence.trim_start().len();
    let (s, w0) = (&sentence[lead..], ws - begin - lead);
    let chars_before = s[..w0].chars().count();
    let word_chars = text[ws..we].chars().count();
    // Keep the word in view: start a little before it when the sentence is long.
    let skip = chars_before.saturating_sub(max / 3).min(chars_before);
    let mut out: String = if skip > 0 { "…".into() } else { String::new() };
    let offset = out.chars().count();
    out.extend(s.chars().skip(skip).take(max));
    if s.chars().count() > skip + max {
        out.push('…');
    }
    let out = out.trim_end().replace(['\n', '\r', '\t'], " ");
    let from = chars_before - skip + offset;
    Some((out, (from, from + word_chars)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts() -> Vec<String> {
        vec![
            "Gmina prowadzi selektywną zbiórkę odpadów. Odpady trafiają do sortowni.".into(),
            "Wspólna gospodarka odpadami w związku gmin.".into(),
            "Budowa kanalizacji sanitarnej i oczyszczalni ścieków.".into(),
            "Transport zbiorowy: linie autobusowe transportu zbiorowego łączą gminy.".into(),
            "Dowóz uczniów do szkół gminnych.".into(),
        ]
    }

    #[test]
    fn inflected_forms_find_each_other() {
        let t = Topics::new(&texts());
        let found = |q: &str| -> Vec<u32> {
            let terms: Vec<String> = q.split_whitespace().map(fold::fold).collect();
            let mut d: Vec<u32> = t.search(&terms).into_iter().map(|h| h.0).collect();
            d.sort_unstable();
            d
        };
        for q in ["odpady", "odpadów", "odpadami", "odpadow", "ODPADY"] {
            assert_eq!(found(q), [0, 1], "{q}");
        }
        assert_eq!(found("kanalizacja"), [2]);
        assert_eq!(found("kanaliz"), [2], "a word being typed");
        assert_eq!(found("transport zbiorowy"), [3]);
        assert_eq!(found("transportu zbiorowego"), [3]);
        assert_eq!(found("dowoz uczniow"), [4]);
        assert_eq!(found("dowozu uczniów"), [4]);
        assert!(found("odpady kanalizacja").is_empty(), "words are ANDed");
        assert!(found("kot").is_empty());
    }

    #[test]
    fn a_word_typed_without_diacritics_finds_its_forms_not_in_the_texts() {
        // "odpadów" is not in these texts; typed as "odpadow" it still is odpady.
        let t = Topics::new(&["Gospodarka odpadami.".to_string(), "Odpady w gminie.".to_string()]);
        assert_eq!(t.search(&["odpadow".into()]).len(), 2);
        assert_eq!(with_diacritics("kot"), ["kot", "kót"]);
    }

    #[test]
    fn forms_of_one_word_are_not_typos() {
        assert!(same_word("szkola", "szkol"), "szkoła, szkół");
        assert!(same_word("kociewie", "kociewia"));
        assert!(same_word("odpady", "odpadow"));
        assert!(!same_word("krakwo", "krakow"), "a slip");
        assert!(!same_word("gdnask", "gdansk"));
    }

    #[test]
    fn bm25_prefers_the_practice_about_the_topic() {
        let t = Topics::new(&texts());
        let hits = t.search(&["odpady".into()]);
        assert_eq!(hits[0].0, 0, "two mentions in a short text beat one: {hits:?}");
        assert!(t.check(5).is_ok() && t.check(4).is_err());
        // An index read from a damaged file is refused, not sliced into.
        let mut bad = t.clone();
        bad.words.ends.reverse();
        assert!(bad.check(5).is_err());
        let mut bad = t.clone();
        bad.stems.text = "ą".repeat(bad.stems.text.len() / 2 + 1).chars().take(3).collect();
        assert!(bad.check(5).is_err(), "ends past the text or inside a letter");
        let mut bad = t.clone();
        bad.word_stems.pop();
        assert!(bad.check(5).is_err());
    }

    #[test]
    fn case_is_mapped_letter_by_letter_and_addresses_do_not_end_sentences() {
        let t = Topics::new(&[
            "İstanbul i ΟΔΟΣ.".to_string(),
            "Zobacz http://example.com/odpady/index.html tutaj i tam.".to_string(),
        ]);
        assert_eq!(t.search(&["istanbul".into()]).len(), 1);
        assert_eq!(t.search(&[fold::fold("ΟΔΟΣ")]).len(), 1);
        let stems = t.stems_of("odpady");
        let text = "Zobacz http://example.com/odpady/index.html tutaj i tam.";
        let (s, _) = sentence(&t, text, &stems, 200).expect("a sentence");
        assert_eq!(s, text);
    }

    #[test]
    fn sentence_shows_the_match() {
        let t = Topics::new(&texts());
        let stems = t.stems_of("odpadow");
        let (s, (a, b)) = sentence(&t, &texts()[1], &stems, 80).expect("a sentence");
        assert_eq!(s, "Wspólna gospodarka odpadami w związku gmin.");
        assert_eq!(s.chars().skip(a).take(b - a).collect::<String>(), "odpadami");
        let long = format!("{} odpady {}.", "słowo ".repeat(60), "inne ".repeat(60));
        let (s, (a, b)) = sentence(&t, &long, &stems, 60).expect("a sentence");
        assert!(s.starts_with('…') && s.ends_with('…') && s.chars().count() <= 62, "{s}");
        assert_eq!(s.chars().skip(a).take(b - a).collect::<String>(), "odpady");
    }
}
