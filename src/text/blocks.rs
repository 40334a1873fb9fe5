//! Reading back what postcard wrote, a block at a time, straight into the
//! buffer each block ends in.
//!
//! The start-up cache's largest parts (a search's name rows and name index)
//! are a few big blocks each: strings end to end, lists of `u32`. Decoded
//! by postcard, a part is first read whole into one buffer and then copied
//! block by block into new ones: every byte is written twice, into fresh
//! pages both times, and the kernel making those pages was over half of a
//! cached search of 100,000 names. Read here, each block is read from the
//! file once, into the buffer that keeps it.
//!
//! The layout is postcard's own (a length as a varint, then the bytes), so
//! what serde writes is what is read here; each reader has a test that
//! reads back what postcard wrote.

/// Where blocks are read from, in order: a part of a file, or bytes.
pub trait Source {
    /// Bytes not yet read.
    fn remaining(&self) -> usize;
    /// Fills `buf` with the next `buf.len()` bytes; `None` if there are
    /// not that many, or they cannot be read.
    fn fill(&mut self, buf: &mut [u8]) -> Option<()>;
}

impl Source for &[u8] {
    fn remaining(&self) -> usize {
        self.len()
    }

    fn fill(&mut self, buf: &mut [u8]) -> Option<()> {
        let (head, rest) = self.split_at_checked(buf.len())?;
        buf.copy_from_slice(head);
        *self = rest;
        Some(())
    }
}

/// Bytes written as one block (serde writes a `Vec<u8>` a byte at a time,
/// which postcard lays out the same way, but a call per byte).
pub mod as_bytes {
    pub fn serialize<S: serde::Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(v)
    }
}

/// A number as postcard writes it: seven bits a byte, lowest first, the
/// top bit set on every byte but the last.
pub fn varint(src: &mut impl Source) -> Option<u64> {
    let mut n = 0u64;
    for shift in (0..64).step_by(7) {
        let mut byte = [0u8];
        src.fill(&mut byte)?;
        let bits = u64::from(byte[0] & 0x7f);
        // The tenth byte has room for one bit: more is a number past u64,
        // refused as postcard refuses it (not cut to its low bits).
        if shift == 63 && bits > 1 {
            return None;
        }
        n |= bits << shift;
        if byte[0] & 0x80 == 0 {
            return Some(n);
        }
    }
    None
}

/// A length of bytes still to read: never more than are left, so that a
/// damaged length cannot ask for a buffer larger than the file.
pub fn len(src: &mut impl Source) -> Option<usize> {
    usize::try_from(varint(src)?).ok().filter(|&n| n <= src.remaining())
}

/// A block of bytes (`serialize_bytes`, or a `String`'s bytes).
pub fn bytes(src: &mut impl Source) -> Option<Vec<u8>> {
    let n = len(src)?;
    // Zeroed memory of this size is fresh pages the kernel has not made
    // yet: the read below is the only write to them.
    let mut buf = vec![0u8; n];
    src.fill(&mut buf)?;
    Some(buf)
}

/// A `String`, checked to be UTF-8.
pub fn string(src: &mut impl Source) -> Option<String> {
    String::from_utf8(bytes(src)?).ok()
}

/// A list of `u32` written as one block of little-endian bytes
/// ([`crate::text::strlist::u32s`]).
pub fn u32s(src: &mut impl Source) -> Option<Vec<u32>> {
    let n = len(src)?;
    if n % 4 != 0 {
        return None;
    }
    let mut out = vec![0u32; n / 4];
    src.fill(bytemuck::cast_slice_mut(&mut out))?;
    // Nothing to do on the little-endian machines praktyki runs on.
    if cfg!(target_endian = "big") {
        out.iter_mut().for_each(|n| *n = u32::from_le(*n));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_lengths_and_blocks_come_back_as_postcard_wrote_them() {
        #[derive(serde::Serialize)]
        struct Written<'a> {
            small: u64,
            large: u64,
            text: &'a str,
            #[serde(with = "as_bytes")]
            raw: &'a [u8],
            #[serde(with = "crate::text::strlist::u32s")]
            numbers: Vec<u32>,
        }
        let numbers = vec![0, 1, 300, u32::MAX];
        let w = Written { small: 5, large: u64::MAX, text: "Łódź", raw: &[1, 2, 3], numbers: numbers.clone() };
        let written = postcard::to_stdvec(&w).unwrap();
        let mut src = written.as_slice();
        assert_eq!(varint(&mut src), Some(5));
        assert_eq!(varint(&mut src), Some(u64::MAX));
        assert_eq!(string(&mut src).as_deref(), Some("Łódź"));
        assert_eq!(bytes(&mut src), Some(vec![1, 2, 3]));
        assert_eq!(u32s(&mut src), Some(numbers));
        assert_eq!(src.remaining(), 0);
    }

    #[test]
    fn damaged_blocks_are_refused_without_reading_past_the_end() {
        // A length past the end: refused before any buffer is made for it.
        let huge = postcard::to_stdvec(&u64::MAX).unwrap();
        assert_eq!(bytes(&mut huge.as_slice()), None);
        // Eleven bytes of varint that never ends.
        assert_eq!(varint(&mut [0xffu8; 11].as_slice()), None);
        // A number past u64 in ten bytes (2^64 + 3), which postcard refuses.
        let past = [0x83u8, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02];
        assert!(postcard::from_bytes::<u64>(&past).is_err());
        assert_eq!(varint(&mut past.as_slice()), None);
        // A block of u32 cut within a number.
        assert_eq!(u32s(&mut [3u8, 1, 2, 3].as_slice()), None);
        // Bytes that are not UTF-8.
        assert_eq!(string(&mut [2u8, 0xc3, 0x28].as_slice()), None);
        // A block shorter than its length.
        assert_eq!(bytes(&mut [4u8, 1, 2].as_slice()), None);
    }
}
