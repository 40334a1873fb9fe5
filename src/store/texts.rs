//! Where a lazy store's long texts are read from: the bytes it was parsed
//! from, or the store file itself (after a load from the start-up cache,
//! and after a first parse, so that a store's size is not held in memory).

use std::borrow::Cow;
use std::sync::Arc;

#[derive(Debug, Clone)]
pub(super) enum Texts {
    /// The file's bytes, checked to be UTF-8 when loaded.
    Memory(Arc<Vec<u8>>),
    /// The store file itself: a practice's bytes are read when they are
    /// wanted. The handle is the one that was checked against the cache or
    /// parsed, so a store replaced on disk since (as editors and `praktyki
    /// import` do) is still read as it was.
    File(Arc<std::fs::File>, Stamp),
}

/// Length, modification and change times of a file: when they change, the
/// places of the practices in it cannot be trusted (see [`Texts::is_stale`]).
pub(super) type Stamp = (u64, i64, i64, i64, i64);

pub(super) fn stamp(meta: &std::fs::Metadata) -> Stamp {
    use std::os::unix::fs::MetadataExt;
    (meta.len(), meta.mtime(), meta.mtime_nsec(), meta.ctime(), meta.ctime_nsec())
}

/// Bytes a thread reads of a store file at once for short texts, kept for
/// the next read: indexing every practice's texts reads them in file order
/// on each thread, and a read per practice (a million system calls for a
/// million practices) had made a first start seconds longer.
const WINDOW: usize = 1 << 20;

/// A file (by its handle, which the window keeps alive), where the window
/// starts in it, and its bytes.
type Window = (Arc<std::fs::File>, usize, Vec<u8>);

thread_local! {
    /// This thread's last window of a store file.
    static WINDOW_READ: std::cell::RefCell<Option<Window>> = const { std::cell::RefCell::new(None) };
}

/// The bytes of `file` in `start..end`, through this thread's window.
fn read_through_window(file: &Arc<std::fs::File>, start: usize, end: usize) -> std::io::Result<Vec<u8>> {
    use std::os::unix::fs::FileExt;
    let len = end.saturating_sub(start);
    if len > WINDOW / 4 {
        let mut buf = vec![0; len];
        file.read_exact_at(&mut buf, start as u64)?;
        return Ok(buf);
    }
    WINDOW_READ.with_borrow_mut(|slot| {
        let hit =
            slot.as_ref().filter(|(f, at, bytes)| Arc::ptr_eq(f, file) && *at <= start && end <= at + bytes.len());
        if hit.is_none() {
            let mut bytes = vec![0; WINDOW];
            let mut got = 0;
            // Up to a window, fewer at the file's end.
            while got < WINDOW {
                match file.read_at(&mut bytes[got..], (start + got) as u64) {
                    Ok(0) => break,
                    Ok(n) => got += n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            }
            bytes.truncate(got);
            *slot = Some((file.clone(), start, bytes));
        }
        let (_, at, bytes) = slot.as_ref().ok_or_else(|| std::io::Error::other("no window"))?;
        bytes
            .get(start - at..end - at)
            .map(<[u8]>::to_vec)
            .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "past the end of the store"))
    })
}

impl Texts {
    /// The bytes in `start..end`; `windowed` for one of many reads in file
    /// order (see [`WINDOW`]).
    pub(super) fn read(&self, start: usize, end: usize, windowed: bool) -> std::io::Result<Cow<'_, [u8]>> {
        match self {
            Texts::Memory(bytes) => bytes
                .get(start..end)
                .map(Cow::Borrowed)
                .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "past the end of the store")),
            Texts::File(file, _) if windowed => read_through_window(file, start, end).map(Cow::Owned),
            Texts::File(file, _) => {
                use std::os::unix::fs::FileExt;
                let mut buf = vec![0; end.saturating_sub(start)];
                file.read_exact_at(&mut buf, start as u64)?;
                Ok(Cow::Owned(buf))
            }
        }
    }

    /// Whether the file is no longer as it was loaded, or cannot say. Its
    /// size or modification time differ; or its change time does while it
    /// still has a name: a tool can put the modification time back (`touch
    /// -r`, `cp -p`, `rsync -t`), nothing puts back the change time. A file
    /// replaced by rename loses its last name, which changes that time too,
    /// and is still read as it was.
    pub(super) fn is_stale(&self) -> bool {
        use std::os::unix::fs::MetadataExt;
        match self {
            Texts::Memory(_) => false,
            Texts::File(file, at) => file.metadata().map_or(true, |m| {
                let now = stamp(&m);
                now.0 != at.0 || (now.1, now.2) != (at.1, at.2) || ((now.3, now.4) != (at.3, at.4) && m.nlink() > 0)
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_through_a_window_give_the_file_s_bytes_anywhere() {
        let dir = tempfile::tempdir().unwrap();
        let bytes: Vec<u8> = (0..WINDOW * 2 + 777).map(|i| (i % 251) as u8).collect();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::write(&a, &bytes).unwrap();
        std::fs::write(&b, bytes.iter().map(|x| x ^ 0xff).collect::<Vec<u8>>()).unwrap();
        let fa = Arc::new(std::fs::File::open(&a).unwrap());
        let fb = Arc::new(std::fs::File::open(&b).unwrap());
        let spans = [(0, 10), (5, 900), (WINDOW - 3, WINDOW + 3), (WINDOW + 1, WINDOW + 2), (10, 20), (0, WINDOW / 2)];
        let end = bytes.len();
        for (s, e) in spans.into_iter().chain([(end - 5, end), (end, end)]) {
            assert_eq!(read_through_window(&fa, s, e).unwrap(), &bytes[s..e], "{s}..{e}");
            let other: Vec<u8> = bytes[s..e].iter().map(|x| x ^ 0xff).collect();
            assert_eq!(read_through_window(&fb, s, e).unwrap(), other, "another file between: {s}..{e}");
        }
        assert!(read_through_window(&fa, end - 5, end + 1).is_err(), "past the end");
    }
}
