//! Strings kept end to end in one buffer, with where each ends: what the
//! indexes hold by the hundred thousand (names, words, stems). One buffer
//! is one allocation to make, to free and, read from the start-up cache,
//! one UTF-8 check, where a `String` apiece was each of those per string.

use serde::{Deserialize, Serialize};

use super::blocks::{self, Source};

/// A string that would take the buffer past what its offsets can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLong;

/// Strings end to end in one buffer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StrList {
    #[serde(deserialize_with = "text_from_bytes")]
    pub(crate) text: String,
    /// Where each string ends in `text`.
    #[serde(with = "u32s")]
    pub(crate) ends: Vec<u32>,
}

impl StrList {
    pub fn of<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> Self {
        let mut out = StrList::default();
        for s in items {
            out.text.push_str(s.as_ref());
            out.ends.push(out.text.len() as u32);
        }
        out
    }

    /// No strings yet, with room for `count` of `bytes` in all.
    pub fn with_capacity(bytes: usize, count: usize) -> Self {
        StrList { text: String::with_capacity(bytes), ends: Vec::with_capacity(count) }
    }

    /// Adds `s` at the end, if the buffer stays within the 4 GiB its
    /// offsets can name.
    pub fn push(&mut self, s: &str) -> Result<(), TooLong> {
        let end = u32::try_from(self.text.len() + s.len()).map_err(|_| TooLong)?;
        self.text.push_str(s);
        self.ends.push(end);
        Ok(())
    }

    /// Adds strings `range` of `src` at the end, their text in one copy, if
    /// the buffer stays within the 4 GiB its offsets can name.
    pub fn extend_from(&mut self, src: &StrList, range: std::ops::Range<usize>) -> Result<(), TooLong> {
        let (from, to) = (src.start(range.start), src.start(range.end));
        // Nothing is added unless all of it can be.
        let (text, ends) = src.text.get(from..to).zip(src.ends.get(range)).ok_or(TooLong)?;
        let base = self.text.len();
        u32::try_from(base + text.len()).map_err(|_| TooLong)?;
        self.text.push_str(text);
        self.ends.extend(ends.iter().map(|&e| (base + e as usize - from) as u32));
        Ok(())
    }

    /// Where string `i` starts in the buffer (its end for `i` = `len`).
    pub fn start(&self, i: usize) -> usize {
        if i == 0 { 0 } else { self.ends.get(i - 1).map_or(self.text.len(), |&e| e as usize) }
    }

    /// Bytes of text held.
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Every string, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// String `i`; "" for a position it does not have (never for a list
    /// that passed [`StrList::is_sound`]).
    pub fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends.get(i - 1).map_or(0, |&e| e as usize) };
        let end = self.ends.get(i).map_or(start, |&e| e as usize);
        self.text.get(start..end).unwrap_or("")
    }

    /// The first position whose string is not below `s` (the list is sorted).
    pub fn lower_bound(&self, s: &str) -> usize {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.get(mid) < s { lo = mid + 1 } else { hi = mid }
        }
        lo
    }

    pub fn find(&self, s: &str) -> Option<usize> {
        let at = self.lower_bound(s);
        (at < self.len() && self.get(at) == s).then_some(at)
    }

    /// A list as serde wrote it, read block by block from `src` (see
    /// [`crate::text::blocks`]); `None` if it is cut short or its text is
    /// not UTF-8 (whether it is sound is [`StrList::is_sound`]'s to say).
    pub fn read(src: &mut impl Source) -> Option<Self> {
        Some(StrList { text: blocks::string(src)?, ends: blocks::u32s(src)? })
    }

    /// Ends in order, within the text, on character boundaries.
    pub fn is_sound(&self) -> bool {
        self.ends.windows(2).all(|w| w[0] <= w[1])
            && self.ends.last().is_none_or(|&e| e as usize <= self.text.len())
            && self.ends.iter().all(|&e| self.text.is_char_boundary(e as usize))
    }
}

/// The buffer read as bytes and checked with SIMD (postcard writes a
/// string as its length and bytes, as it does bytes): the check of a
/// column of 100,000 names was a tenth of `praktyki search`.
fn text_from_bytes<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    struct Text;
    impl serde::de::Visitor<'_> for Text {
        type Value = String;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("UTF-8 text")
        }
        fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<String, E> {
            simdutf8::basic::from_utf8(v).map(str::to_owned).map_err(|_| E::custom("text that is not UTF-8"))
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_owned())
        }
    }
    d.deserialize_bytes(Text)
}

/// A list of `u32` written as its little-endian bytes, one block: postcard
/// writes each number of a list as a varint, and reading a million of them
/// back one at a time was a tenth of a cached `praktyki search`.
pub mod u32s {
    pub fn serialize<S: serde::Serializer>(v: &[u32], s: S) -> Result<S::Ok, S::Error> {
        let bytes: Vec<u8> = v.iter().flat_map(|n| n.to_le_bytes()).collect();
        s.serialize_bytes(&bytes)
    }

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<u32>, D::Error> {
        struct Block;
        impl serde::de::Visitor<'_> for Block {
            type Value = Vec<u32>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("whole little-endian u32s")
            }
            fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Vec<u32>, E> {
                let words = v.chunks_exact(4);
                if !words.remainder().is_empty() {
                    return Err(E::custom("a list of u32 cut within a number"));
                }
                Ok(words.map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]])).collect())
            }
        }
        d.deserialize_bytes(Block)
    }
}

impl<S: AsRef<str>> FromIterator<S> for StrList {
    fn from_iter<I: IntoIterator<Item = S>>(items: I) -> Self {
        Self::of(items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_copied_from_another_list_keep_their_text_and_a_bad_range_adds_nothing() {
        let src = StrList::of(["ab", "", "cde", "ł"]);
        let mut list = StrList::of(["x"]);
        list.extend_from(&src, 1..4).unwrap();
        assert_eq!(list.iter().collect::<Vec<_>>(), ["x", "", "cde", "ł"]);
        assert!(list.is_sound());
        let before = list.clone();
        assert_eq!(list.extend_from(&src, 3..5), Err(TooLong));
        assert_eq!(list, before, "nothing added");
    }

    #[test]
    fn a_list_of_u32_comes_back_and_a_cut_one_is_refused() {
        #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
        struct Of(#[serde(with = "u32s")] Vec<u32>);
        let list = Of(vec![0, 1, 255, 256, 65_536, u32::MAX]);
        let bytes = postcard::to_stdvec(&list).unwrap();
        assert_eq!(postcard::from_bytes::<Of>(&bytes).unwrap(), list);
        assert_eq!(bytes.len(), 1 + 6 * 4, "one block of four bytes a number");
        let mut cut = postcard::to_stdvec(&Of(vec![7])).unwrap();
        cut[0] = 3;
        cut.pop();
        assert!(postcard::from_bytes::<Of>(&cut).is_err());
    }

    #[test]
    fn a_list_read_block_by_block_is_the_list_serde_wrote() {
        let list = StrList::of(["", "Opole", "łódź", "a\tb"]);
        let bytes = postcard::to_stdvec(&list).unwrap();
        let mut src = bytes.as_slice();
        assert_eq!(StrList::read(&mut src), Some(list));
        assert!(src.is_empty());
        assert_eq!(StrList::read(&mut &bytes[..bytes.len() - 1]), None, "cut short");
    }

    #[test]
    fn strings_come_back_and_a_damaged_list_is_unsound() {
        let l: StrList = ["", "a", "zz", "łódź"].into_iter().collect();
        assert_eq!(l.iter().collect::<Vec<_>>(), ["", "a", "zz", "łódź"]);
        assert_eq!((l.find("a"), l.find("b"), l.lower_bound("b")), (Some(1), None, 2));
        assert!(l.is_sound());
        let mut bad = l.clone();
        bad.ends[3] = 4;
        assert!(!bad.is_sound(), "inside a letter");
        assert_eq!(bad.get(3), "", "and never a panic");
        assert_eq!(l.get(9), "");
    }

    #[test]
    fn it_reads_back_as_written_and_refuses_bytes_that_are_not_text() {
        let l: StrList = ["gdańsk", "łódź"].into_iter().collect();
        let bytes = postcard::to_stdvec(&l).unwrap();
        assert_eq!(postcard::from_bytes::<StrList>(&bytes).unwrap(), l);
        let mut bad = bytes.clone();
        let at = bad.iter().position(|b| *b == 0xC5).unwrap();
        bad[at] = 0xFF;
        assert!(postcard::from_bytes::<StrList>(&bad).is_err());
    }
}
