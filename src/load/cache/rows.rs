//! What `praktyki search` prints of every practice, kept apart in the
//! cache by column.

use serde::Serialize;

use crate::store::heads::Heads;
use crate::text::blocks::{self, Source};
use crate::text::strlist::StrList;

/// What `praktyki search` prints of every practice, by column: the cache
/// keeps it apart so that a search reads neither the practices nor their
/// places in the file, and a column is one buffer to read (a string per
/// field per practice was most of a search's time at 100k practices).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct NameRows {
    ids: StrList,
    titles: Column,
    /// "" for none.
    towns: Column,
    voivodeships: Column,
}

/// One practice's row of [`NameRows`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameRow<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub town: Option<&'a str>,
    pub voivodeship: Option<&'a str>,
}

impl NameRows {
    pub fn of(practices: &Heads) -> Self {
        Self {
            ids: practices.iter().map(|p| p.id()).collect(),
            titles: Column::of(practices.iter().map(|p| p.title())),
            towns: Column::of(practices.iter().map(|p| p.town().unwrap_or(""))),
            voivodeships: Column::of(practices.iter().map(|p| p.voivodeship().unwrap_or(""))),
        }
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    pub fn get(&self, i: usize) -> NameRow<'_> {
        fn opt(s: &str) -> Option<&str> {
            Some(s).filter(|s| !s.is_empty())
        }
        NameRow {
            id: self.ids.get(i),
            title: self.titles.get(i),
            town: opt(self.towns.get(i)),
            voivodeship: opt(self.voivodeships.get(i)),
        }
    }

    /// Row `i` as `praktyki search` prints it: id, title, town and
    /// voivodeship, a tab between each ("" for none), pushed as bytes.
    pub fn write_tsv(&self, i: usize, out: &mut Vec<u8>) {
        out.extend_from_slice(self.ids.get(i).as_bytes());
        for column in [&self.titles, &self.towns, &self.voivodeships] {
            out.push(b'\t');
            out.extend_from_slice(column.bytes(i));
        }
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.ids.iter()
    }

    /// The rows as serde wrote them, read column by column straight into
    /// their buffers ([`crate::text::blocks`]).
    pub(super) fn read(src: &mut impl Source) -> Option<Self> {
        Some(Self {
            ids: StrList::read(src)?,
            titles: Column::read(src)?,
            towns: Column::read(src)?,
            voivodeships: Column::read(src)?,
        })
    }

    /// Columns of one length, each sound (read from a file).
    pub(super) fn is_sound(&self) -> bool {
        let n = self.ids.len();
        self.ids.is_sound() && [&self.titles, &self.towns, &self.voivodeships].iter().all(|c| c.is_sound(n))
    }
}

/// Strings end to end as bytes, with where each ends; written as a
/// [`StrList`] is. Read from a file, a column is checked to be UTF-8 as a
/// whole with SIMD, and each string again when it is taken: the standard
/// check of 100,000 titles with their Polish letters was an eighth of a
/// search, and a search takes only the strings of the rows it prints.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
struct Column {
    #[serde(with = "blocks::as_bytes")]
    text: Vec<u8>,
    #[serde(with = "crate::text::strlist::u32s")]
    ends: Vec<u32>,
}

impl Column {
    fn of<'a>(items: impl Iterator<Item = &'a str>) -> Self {
        let list: StrList = items.collect();
        Self { ends: list.ends, text: list.text.into_bytes() }
    }

    fn read(src: &mut impl Source) -> Option<Self> {
        let text = blocks::bytes(src)?;
        simdutf8::basic::from_utf8(&text).ok()?;
        Some(Self { text, ends: blocks::u32s(src)? })
    }

    /// String `i`; "" for a position it does not have (never for a sound
    /// column's).
    fn get(&self, i: usize) -> &str {
        simdutf8::basic::from_utf8(self.bytes(i)).unwrap_or("")
    }

    /// The bytes of string `i`: UTF-8, in a sound column.
    fn bytes(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends.get(i - 1).map_or(0, |&e| e as usize) };
        let end = self.ends.get(i).map_or(start, |&e| e as usize);
        self.text.get(start..end).unwrap_or_default()
    }

    /// `len` strings, ending in order within the text, on character
    /// boundaries (the text as a whole was checked when read).
    fn is_sound(&self, len: usize) -> bool {
        let boundary = |e: u32| self.text.get(e as usize).is_none_or(|&b| !(0x80..0xc0).contains(&b));
        self.ends.len() == len
            && self.ends.windows(2).all(|w| w[0] <= w[1])
            && self.ends.last().is_none_or(|&e| e as usize <= self.text.len())
            && self.ends.iter().all(|&e| boundary(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_column_is_written_as_a_list_of_strings_and_read_back() {
        let items = ["Łódź", "", "Opole"];
        let column = Column::of(items.into_iter());
        let bytes = postcard::to_stdvec(&column).unwrap();
        assert_eq!(bytes, postcard::to_stdvec(&StrList::of(items)).unwrap(), "the same layout");
        let read = Column::read(&mut bytes.as_slice()).unwrap();
        assert!(read.is_sound(3));
        assert_eq!((0..3).map(|i| read.get(i)).collect::<Vec<_>>(), items);
    }

    #[test]
    fn a_column_that_is_not_utf8_or_ends_within_a_letter_is_refused() {
        let mut bytes = postcard::to_stdvec(&StrList::of(["Łódź"])).unwrap();
        bytes[1] = 0xff;
        assert_eq!(Column::read(&mut bytes.as_slice()), None, "not UTF-8");
        let mut within = Column::of(["Łódź"].into_iter());
        within.ends[0] = 1;
        assert!(!within.is_sound(1), "an end inside Ł");
        assert!(!Column::of(["a"].into_iter()).is_sound(2), "a column shorter than the rows");
    }
}
