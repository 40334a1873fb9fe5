//! The parts of a cache file, read one at a time: decoded by postcard, or
//! read block by block straight into their buffers ([`PartReader`]).

use std::fs::File;
use std::os::unix::fs::FileExt;

use crate::text::blocks::Source;

/// A cache file checked against its key, with its parts located.
pub(super) struct Parts {
    /// The file's first bytes: its key and table (and the parts of a
    /// small cache).
    pub bytes: Vec<u8>,
    /// Byte range and CRC-32 of each part.
    pub table: Vec<(usize, usize, u32)>,
    /// The file, for the parts past `bytes`: read one at a time, so that
    /// memory never holds the whole file next to what it decodes to.
    pub file: File,
}

impl Parts {
    /// Bytes of part `i`.
    pub fn len(&self, i: usize) -> usize {
        self.table.get(i).map_or(0, |&(start, end, _)| end - start)
    }

    /// Part `i` decoded, if its CRC-32 holds and it decodes.
    pub fn decode<T: serde::de::DeserializeOwned>(&self, i: usize) -> Option<T> {
        let &(start, end, crc) = self.table.get(i)?;
        let read;
        let bytes = match self.bytes.get(start..end) {
            Some(b) => b,
            None => {
                let mut buf = vec![0; end - start];
                self.file.read_exact_at(&mut buf, start as u64).ok()?;
                read = buf;
                &read
            }
        };
        (crc32fast::hash(bytes) == crc).then(|| postcard::from_bytes(bytes).ok()).flatten()
    }

    /// Part `i` read by `read` block by block ([`crate::text::blocks`]), if
    /// it reads all of the part and the part's CRC-32 holds.
    pub fn read<'p, T>(&'p self, i: usize, read: impl FnOnce(&mut PartReader<'p>) -> Option<T>) -> Option<T> {
        let &(at, end, crc) = self.table.get(i)?;
        let mut reader = PartReader { parts: self, at, end, crc: crc32fast::Hasher::new() };
        let value = read(&mut reader)?;
        (reader.at == reader.end && reader.crc.finalize() == crc).then_some(value)
    }
}

/// One part of a cache file as a [`Source`]: each block is read from the
/// file into the buffer given (or copied from the first bytes, where a
/// small cache's parts are), and counted into the part's CRC-32 as it is.
pub(super) struct PartReader<'a> {
    parts: &'a Parts,
    at: usize,
    end: usize,
    crc: crc32fast::Hasher,
}

impl Source for PartReader<'_> {
    fn remaining(&self) -> usize {
        self.end - self.at
    }

    fn fill(&mut self, buf: &mut [u8]) -> Option<()> {
        let end = self.at.checked_add(buf.len()).filter(|&e| e <= self.end)?;
        match self.parts.bytes.get(self.at..end) {
            Some(b) => buf.copy_from_slice(b),
            None => self.parts.file.read_exact_at(buf, self.at as u64).ok()?,
        }
        self.crc.update(buf);
        self.at = end;
        Some(())
    }
}
