//! The facet list: the sections and voivodeships of what the search found,
//! with their counts, to pick one without typing (as a file manager's
//! sidebar or the BDP's own menu of sections). Picking one puts its filter
//! in the search line, in place of a filter of the same kind.

use rustc_hash::FxHashMap;

use super::model::Model;
use crate::search::Filter;
use crate::search::collate::polish_key;

/// One value of a field, with how many listed practices have it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facet {
    pub filter: Filter,
    pub value: String,
    pub count: usize,
}

/// The open facet list and its selection.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    pub items: Vec<Facet>,
    pub selected: usize,
}

/// The fields the list offers, in this order.
pub const FIELDS: [Filter; 2] = [Filter::Area, Filter::Voivodeship];

impl Facets {
    /// The facets of what the list shows now, commonest first in each field.
    pub fn of(m: &Model) -> Self {
        let mut items = Vec::new();
        for filter in FIELDS {
            let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
            for h in m.list.hits.iter() {
                // A value a filter cannot be written for (only quotes) is
                // left out: choosing it would filter by nothing.
                if let Some(v) = m.store.practices.get(h.index).and_then(|p| filter.value(p))
                    && v.chars().any(|c| c != '"' && !c.is_whitespace())
                {
                    *counts.entry(v).or_insert(0) += 1;
                }
            }
            let mut field: Vec<(&str, usize)> = counts.into_iter().collect();
            field.sort_by_cached_key(|(v, n)| (std::cmp::Reverse(*n), polish_key(v)));
            items.extend(field.into_iter().map(|(v, count)| Facet { filter, value: v.to_owned(), count }));
        }
        Facets { items, selected: 0 }
    }

    pub fn step(&mut self, delta: isize) {
        let last = self.items.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    pub fn chosen(&self) -> Option<&Facet> {
        self.items.get(self.selected)
    }
}

/// `query` with `filter` set to `value`: a filter of that kind already in
/// it is taken out (with its quoted value), and the new one goes at the end.
pub fn with_filter(query: &str, filter: Filter, value: &str) -> String {
    let out = without_filter(query, filter);
    // Quotes inside a value cannot be written; no store value needs them.
    let value: String = value.chars().filter(|c| *c != '"').collect();
    let value = value.trim();
    let name = match filter {
        Filter::Area => "dział",
        other => other.names()[0],
    };
    let filter =
        if value.contains(char::is_whitespace) { format!("{name}:\"{value}\"") } else { format!("{name}:{value}") };
    if out.is_empty() {
        return filter;
    }
    let appended = format!("{out} {filter}");
    // Past the words a search reads, the filter would be silently left
    // out: it goes first then.
    if crate::search::Query::parse(&appended).truncated { format!("{filter} {out}") } else { appended }
}

/// `query` without its filters of `filter`'s kind (and their values); an
/// open quote is closed first.
pub fn without_filter(query: &str, filter: Filter) -> String {
    // A quote left open would take the new filter in as its value.
    let closed;
    let query = if query.matches('"').count() % 2 == 1 {
        closed = format!("{query}\"");
        closed.as_str()
    } else {
        query
    };
    let mut kept: Vec<&str> = Vec::new();
    let mut rest = query.trim_start();
    while !rest.is_empty() {
        let end = token_end(rest);
        let token = &rest[..end];
        let name = token.split_once(':').map(|(n, _)| crate::text::fold::fold(n));
        if !name.is_some_and(|n| filter.names().contains(&n.as_str())) {
            kept.push(token);
        }
        rest = rest[end..].trim_start();
    }
    kept.join(" ")
}

/// Where the first word of `s` ends: at whitespace, or after a quoted
/// filter value (`powiat:"nowy sącz"`).
fn token_end(s: &str) -> usize {
    if let Some(colon) = s.find(':').filter(|c| s[..*c].chars().all(char::is_alphabetic))
        && s[colon + 1..].starts_with('"')
    {
        let after = colon + 2;
        return s[after..].find('"').map_or(s.len(), |close| after + close + 1);
    }
    s.find(char::is_whitespace).unwrap_or(s.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_of_the_same_kind_is_replaced() {
        assert_eq!(with_filter("gmina", Filter::Voivodeship, "śląskie"), "gmina woj:śląskie");
        assert_eq!(with_filter("woj:opolskie gmina", Filter::Voivodeship, "śląskie"), "gmina woj:śląskie");
        assert_eq!(
            with_filter("dzial:\"usługi społeczne\" x woj:opolskie", Filter::Area, "Usługi techniczne"),
            "x woj:opolskie dział:\"Usługi techniczne\""
        );
        assert_eq!(with_filter("", Filter::Area, "SMUP"), "dział:SMUP");
        let long = vec!["n"; 16].join(" ");
        assert_eq!(
            with_filter(&long, Filter::Voivodeship, "opolskie"),
            format!("woj:opolskie {long}"),
            "read, not cut"
        );
        assert_eq!(without_filter("gmina woj:śląskie  x", Filter::Voivodeship), "gmina x");
        assert_eq!(without_filter("woj:\"a b\"", Filter::Voivodeship), "");
        assert_eq!(with_filter("Dział:SMUP", Filter::Area, "a\"b"), "dział:ab");
        assert_eq!(with_filter("x", Filter::Voivodeship, " śląskie "), "x woj:śląskie", "spaces around a value");
        assert_eq!(
            with_filter("Spec powiat:\"kra", Filter::Area, "SMUP"),
            "Spec powiat:\"kra\" dział:SMUP",
            "an open quote is closed first"
        );
    }
}
