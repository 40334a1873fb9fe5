//! The map's state: which voivodeship is selected, the practices of the
//! list counted per voivodeship, and what has been typed to jump ("1" "2"
//! is the twelfth, "maz" is mazowieckie).

use std::sync::Arc;

use super::model::Model;
use crate::map::{COUNT, Counts, Dir, neighbour, region_of, regions};
use crate::search::{Filter, Hit};
use crate::store::checks::VOIVODESHIPS;
use crate::text::fold::fold;

/// The open map.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MapView {
    pub selected: usize,
    pub counts: Counts,
    /// What has been typed to jump: digits, the start of a name, or the
    /// letters on the map.
    pub typed: String,
    /// The query as it was when the map opened with a `woj:` filter in it:
    /// the map counts without that filter (so that another voivodeship
    /// can be picked, as facets do), and Esc puts it back.
    pub restore: Option<String>,
    /// The list the counts are of, to count again when it changes.
    counted: Arc<Vec<Hit>>,
}

impl MapView {
    /// The map of what the list shows, on the selected practice's
    /// voivodeship (else the one with the most practices).
    pub fn of(m: &Model) -> Self {
        let counts = count(m);
        let busiest = (0..COUNT).max_by_key(|i| (counts.per_region[*i], std::cmp::Reverse(*i))).unwrap_or(0);
        let selected = m.selected().and_then(|p| p.voivodeship.as_deref().and_then(region_of)).unwrap_or(busiest);
        MapView { selected, counts, typed: String::new(), restore: None, counted: Arc::clone(&m.list.hits) }
    }

    /// Counts again if the list changed under the open map (a search that
    /// finished, the texts' index arriving).
    pub fn recount(&mut self, m: &Model) {
        if !Arc::ptr_eq(&self.counted, &m.list.hits) {
            self.counts = count(m);
            self.counted = Arc::clone(&m.list.hits);
        }
    }

    /// Moves to the neighbour in `dir`; false at Poland's edge.
    pub fn go(&mut self, dir: Dir) -> bool {
        self.typed.clear();
        match neighbour(self.selected, dir) {
            Some(next) => {
                self.selected = next;
                true
            }
            None => false,
        }
    }

    /// Whether typing `c` now would go on jumping (a letter that continues
    /// a name being typed), before the keymap is asked.
    pub fn continues(&self, c: char) -> bool {
        !self.typed.is_empty() && c.is_alphabetic() && !self.typed.starts_with(|d: char| d.is_ascii_digit()) && {
            let mut longer = self.typed.clone();
            longer.push(c);
            by_name(&longer).is_some()
        }
    }

    /// A typed character: digits pick by number (1–16, the order of the
    /// legend), letters by the start of the name. False when nothing
    /// matches (the selection stays).
    pub fn jump(&mut self, c: char) -> bool {
        let digits = self.typed.starts_with(|d: char| d.is_ascii_digit());
        let mut longer = if c.is_ascii_digit() == digits { self.typed.clone() } else { String::new() };
        longer.push(c);
        for attempt in [longer, c.to_string()] {
            let found = if c.is_ascii_digit() { by_number(&attempt) } else { by_name(&attempt) };
            if let Some(i) = found {
                self.selected = i;
                self.typed = attempt;
                return true;
            }
        }
        self.typed.clear();
        false
    }
}

/// The voivodeship numbered `digits` (from 1).
fn by_number(digits: &str) -> Option<usize> {
    digits.parse::<usize>().ok().filter(|n| (1..=COUNT).contains(n)).map(|n| n - 1)
}

/// The first voivodeship whose name starts with `typed`: as typed first
/// ("ł" is łódzkie), then without diacritics ("sw" is świętokrzyskie);
/// else the one whose letters on the map are `typed` ("mz", "PK").
fn by_name(typed: &str) -> Option<usize> {
    let lower = typed.to_lowercase();
    let folded = fold(typed);
    VOIVODESHIPS
        .iter()
        .position(|v| v.starts_with(&lower))
        .or_else(|| VOIVODESHIPS.iter().position(|v| fold(v).starts_with(&folded)))
        .or_else(|| regions().regions.iter().position(|r| r.code().eq_ignore_ascii_case(&folded)))
}

/// The list counted by voivodeship, through the index's numbers of
/// distinct values: a region is found once per spelling, and a million
/// hits are a million array reads, not a million strings hashed.
fn count(m: &Model) -> Counts {
    const UNSEEN: u8 = u8::MAX - 1;
    const NONE: u8 = u8::MAX;
    let mut regions: Vec<u8> = Vec::new();
    Counts::tally(m.list.hits.iter().map(|h| {
        let (id, value) = m.index.filter_value(h.index, Filter::Voivodeship)?;
        let id = id as usize;
        if id >= regions.len() {
            regions.resize(id + 1, UNSEEN);
        }
        if regions[id] == UNSEEN {
            regions[id] = region_of(value).map_or(NONE, |r| r as u8);
        }
        (regions[id] != NONE).then_some(usize::from(regions[id]))
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(name: &str) -> MapView {
        MapView { selected: VOIVODESHIPS.iter().position(|v| *v == name).unwrap(), ..MapView::default() }
    }

    fn name(v: &MapView) -> &'static str {
        VOIVODESHIPS[v.selected]
    }

    #[test]
    fn digits_pick_by_number_and_two_make_a_number() {
        let mut v = at("opolskie");
        assert!(v.jump('1'));
        assert_eq!(name(&v), "dolnośląskie");
        assert!(v.jump('2'));
        assert_eq!(name(&v), "śląskie", "1 then 2 is the twelfth");
        assert!(v.jump('7'), "127 is none: 7 alone");
        assert_eq!(name(&v), "mazowieckie");
        assert!(!v.jump('0'));
        assert_eq!(name(&v), "mazowieckie");
    }

    #[test]
    fn letters_pick_by_the_start_of_the_name() {
        let mut v = at("opolskie");
        for c in "maz".chars() {
            assert!(v.jump(c));
        }
        assert_eq!(name(&v), "mazowieckie");
        assert!(v.jump('ł'));
        assert_eq!(name(&v), "łódzkie", "a letter that matches nothing after 'maz' starts again");
        let mut v = at("opolskie");
        assert!(v.jump('s') && v.jump('w'));
        assert_eq!(name(&v), "świętokrzyskie", "without diacritics");
        assert!(!v.jump('x'));
        assert_eq!(name(&v), "świętokrzyskie");
        // The letters shown on the map.
        for (typed, want) in
            [("mz", "mazowieckie"), ("DS", "dolnośląskie"), ("pk", "podkarpackie"), ("WN", "warmińsko-mazurskie")]
        {
            let mut v = at("opolskie");
            for c in typed.chars() {
                v.jump(c);
            }
            assert_eq!(name(&v), want, "{typed}");
        }
        let mut v = at("opolskie");
        v.jump('p');
        assert!(v.continues('k'), "'pk' is podkarpackie's letters, though k is bound");
    }

    #[test]
    fn a_bound_letter_continues_a_name_only_when_it_matches() {
        let mut v = at("opolskie");
        assert!(v.jump('p'));
        assert!(v.continues('o'), "'po' is podkarpackie");
        assert!(!v.continues('x'));
        v.jump('o');
        v.jump('m');
        assert_eq!(name(&v), "pomorskie");
        assert!(!v.continues('j'), "'pomj' is nothing: j moves");
        assert!(v.go(Dir::Left));
        assert!(v.typed.is_empty(), "a move ends the typing");
        assert!(!v.continues('o'));
    }
}
