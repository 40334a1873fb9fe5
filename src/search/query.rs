//! The search line's syntax: words, field filters (`woj:śląskie`,
//! `powiat:"nowy sącz"`, `dział:`, `rok:2010-2014`) and words that must
//! be in the texts (`tekst:odpady`).

use crate::store::heads::HeadRef;
use crate::text::fold;
use crate::text::sanitize::sanitize;

/// A field filter of the search line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    Voivodeship,
    County,
    Town,
    UnitType,
    /// The BDP section (`area`).
    Area,
    /// The year the practice was entered.
    Year,
}

impl Filter {
    pub const ALL: [Filter; 6] =
        [Filter::Voivodeship, Filter::County, Filter::Town, Filter::UnitType, Filter::Area, Filter::Year];

    /// The prefixes that name the filter in a query (folded, without ':').
    pub fn names(self) -> &'static [&'static str] {
        match self {
            Filter::Voivodeship => &["woj", "wojewodztwo", "voivodeship"],
            Filter::County => &["powiat", "county"],
            Filter::Town => &["miasto", "miejscowosc", "town"],
            Filter::UnitType => &["typ", "type"],
            Filter::Area => &["dzial", "area", "section", "sekcja"],
            Filter::Year => &["rok", "year"],
        }
    }

    pub(super) fn position(self) -> usize {
        Filter::ALL.iter().position(|f| *f == self).unwrap_or(0)
    }

    /// The field the filter looks at.
    pub fn value(self, p: HeadRef<'_>) -> Option<&str> {
        match self {
            Filter::Voivodeship => p.voivodeship(),
            Filter::County => p.county(),
            Filter::Town => p.town(),
            Filter::UnitType => p.unit_type(),
            Filter::Area => p.area(),
            Filter::Year => p.entered(),
        }
    }

    /// Whether a folded field value passes the folded filter value: a
    /// prefix of a word of the field (so `dział:ngo` finds "Współpraca
    /// JST-NGO" and `woj:slaskie` finds "śląskie"), or for the year, a year
    /// or a range of years (`2010-2014`, `2010..2014`, `2012-`).
    pub fn passes(self, field: &str, wanted: &str) -> bool {
        // Stores may keep spaces around a value (" śląskie ").
        let field = field.trim_start();
        match self {
            Filter::Year => {
                let Some(year) = field.get(..4).and_then(|y| y.parse::<u32>().ok()) else { return false };
                match year_range(wanted) {
                    Some((lo, hi)) => (lo..=hi).contains(&year),
                    None => field.starts_with(wanted),
                }
            }
            Filter::Area => {
                field.starts_with(wanted)
                    || field
                        .match_indices(wanted)
                        .any(|(at, _)| field[..at].chars().next_back().is_some_and(|c| !c.is_alphanumeric()))
            }
            Filter::Voivodeship => {
                // A voivodeship named whole is that voivodeship, as the map
                // counts it ("Województwo Śląskie" is, "śląskiego" is not);
                // the start of a name is a prefix (`woj:slask`).
                let name = crate::store::checks::bare_voivodeship(field);
                if crate::store::checks::folded_voivodeships().iter().any(|v| v == wanted) {
                    name == wanted
                } else {
                    name.starts_with(wanted)
                }
            }
            _ => field.starts_with(wanted),
        }
    }
}

/// `2010-2014`, `2010..2014`, `2012-` or `-2012` as an inclusive range
/// (either way round).
fn year_range(s: &str) -> Option<(u32, u32)> {
    let (lo, hi) = s.split_once("..").or_else(|| s.split_once('-'))?;
    let bound = |b: &str, open: u32| if b.is_empty() { Some(open) } else { b.parse().ok() };
    let (lo, hi) = (bound(lo, 0)?, bound(hi, u32::MAX)?);
    (lo != 0 || hi != u32::MAX).then_some((lo.min(hi), lo.max(hi)))
}

/// Whether `rok:` can read the value: a year (or its start, `201`) or a range.
fn is_year(s: &str) -> bool {
    (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit())) || year_range(s).is_some()
}

/// A parsed search line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Folded words matched against the names (and the texts where texts
    /// are searched).
    pub terms: Vec<String>,
    /// Field filters with their folded values.
    pub filters: Vec<(Filter, String)>,
    /// Folded words that must be in a practice's texts (`tekst:`).
    pub text_terms: Vec<String>,
    /// Words that looked like a filter with a name no filter has
    /// (`foo:bar`); they are left out, and whoever shows results says so.
    pub unknown: Vec<String>,
    /// Filters whose value cannot be read (`rok:abc`), left out and said.
    pub invalid: Vec<String>,
    /// Words past [`Query::MAX_WORDS`] (or characters past
    /// [`Query::MAX_CHARS`]) were left out, and whoever shows results says so.
    pub truncated: bool,
}

/// The prefixes of `tekst:`.
const TEXT_NAMES: [&str; 2] = ["tekst", "text"];

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
            if out.terms.len() + out.filters.len() + out.text_terms.len() >= Self::MAX_WORDS {
                out.truncated = true;
                break;
            }
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let token = &rest[..end];
            let named = token.split_once(':').filter(|(name, _)| is_filter_name(name));
            let Some((name, _)) = named else {
                out.terms.push(token.to_owned());
                rest = &rest[end..];
                continue;
            };
            let filter = Filter::ALL.into_iter().find(|f| f.names().contains(&name));
            if filter.is_none() && !TEXT_NAMES.contains(&name) {
                out.unknown.push(name.to_owned());
                rest = &rest[end..];
                continue;
            }
            let skip = name.len() + 1;
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
            let value = value.trim();
            if !value.is_empty() {
                match filter {
                    Some(Filter::Year) if !is_year(value) => out.invalid.push(format!("{name}:{value}")),
                    Some(f) => out.filters.push((f, value.to_owned())),
                    None => out.text_terms.extend(value.split_whitespace().map(str::to_owned)),
                }
            }
            rest = &rest[used.min(rest.len())..];
        }
        out
    }

    /// Whether the query asks for nothing: every practice is listed.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.filters.is_empty() && self.text_terms.is_empty()
    }
}

/// A word before ':' that is meant as a filter's name: letters only, so a
/// time (`10:30`) or an address (`https://…`) stays a word.
fn is_filter_name(name: &str) -> bool {
    !name.is_empty() && name.len() <= 20 && name.chars().all(|c| c.is_alphabetic()) && name != "http" && name != "https"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_words_and_quotes() {
        assert_eq!(
            Query::parse("powiat:\"Nowy Sącz\" zwiazek"),
            Query {
                terms: vec!["zwiazek".into()],
                filters: vec![(Filter::County, "nowy sacz".into())],
                ..Query::default()
            }
        );
        assert_eq!(Query::parse("woj: x").terms, ["x"], "an empty filter is dropped");
        let q = Query::parse("Dział:NGO rok:2010-2014 tekst:odpadów area:\"usługi społeczne\"");
        assert_eq!(
            q.filters,
            [
                (Filter::Area, "ngo".into()),
                (Filter::Year, "2010-2014".into()),
                (Filter::Area, "uslugi spoleczne".into())
            ]
        );
        assert_eq!(q.text_terms, ["odpadow"]);
        assert!(q.terms.is_empty() && q.unknown.is_empty());
    }

    #[test]
    fn an_unknown_filter_is_reported_and_left_out() {
        let q = Query::parse("foo:bar gmina");
        assert_eq!(q.unknown, ["foo"]);
        assert_eq!(q.terms, ["gmina"]);
        // A year that is none is said, and left out; a range the wrong way round is turned.
        let q = Query::parse("rok:abc rok:14x rok:2014-2010 gmina");
        assert_eq!(q.invalid, ["rok:abc", "rok:14x"]);
        assert_eq!(q.filters, [(Filter::Year, "2014-2010".to_string())]);
        assert!(Filter::Year.passes("2012-01-01", "2014-2010"));
        assert_eq!(Query::parse("rok:-").invalid, ["rok:-"]);
        // Times and addresses are words, not filters.
        let q = Query::parse("10:30 https://bdp.example");
        assert!(q.unknown.is_empty(), "{q:?}");
    }

    #[test]
    fn year_filter_takes_years_and_ranges() {
        let y = |field: &str, wanted: &str| Filter::Year.passes(field, wanted);
        assert!(y("2014-12-06", "2014") && y("2014-12-06", "201") && !y("2014-12-06", "2013"));
        assert!(y("2012-01-01", "2010-2014") && y("2012-01-01", "2010..2012") && !y("2015-01-01", "2010-2014"));
        assert!(y("2015-01-01", "2012-") && !y("2011-01-01", "2012-") && y("2011-01-01", "-2012"));
        assert!(!y("brak", "2014") && !y("", "2014"));
    }

    #[test]
    fn area_filter_takes_any_word_start() {
        assert!(Filter::Area.passes("wspolpraca jst-ngo", "ngo"));
        assert!(Filter::Area.passes("wspolpraca jst-ngo", "wspolpraca j"));
        assert!(Filter::Area.passes("uslugi spoleczne", "spol"));
        assert!(!Filter::Area.passes("uslugi spoleczne", "poleczne"));
        assert!(Filter::Voivodeship.passes(" slaskie ", "slaskie"), "spaces around a stored value");
        // As the map counts: a whole name is that voivodeship.
        assert!(Filter::Voivodeship.passes("wojewodztwo slaskie", "slaskie"));
        assert!(Filter::Voivodeship.passes("woj. opolskie", "opolskie"));
        assert!(!Filter::Voivodeship.passes("opolskiego", "opolskie"));
        assert!(!Filter::Voivodeship.passes("pomorskie / kujawsko-pomorskie", "pomorskie"));
        assert!(Filter::Voivodeship.passes("slaskie", "sla"), "a name's start is a prefix");
    }

    #[test]
    fn long_queries_are_bounded() {
        // A wall of text is bounded: 50,000 words took 18 minutes.
        let wall = "a ".repeat(50_000);
        let q = Query::parse(&wall);
        assert_eq!((q.terms.len(), q.truncated), (Query::MAX_WORDS, true));
        let long = "ą".repeat(10_000);
        let q = Query::parse(&long);
        assert!(q.truncated && q.terms[0].chars().count() == Query::MAX_CHARS);
        assert!(!Query::parse("zwiazek gmin woj:slaskie").truncated);
    }
}
