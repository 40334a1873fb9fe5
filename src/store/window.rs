//! Parsing a store file a window at a time, for a lazy load: the file is
//! never in memory whole next to the heads it is parsed into (a million
//! practices: 872 MB of JSON and 745 MB of heads at once).
//!
//! This serves the files praktyki writes and files shaped like them: the
//! `format` and then the `practices`, and nothing else, at the top level.
//! Anything else, and any problem in a practice, gives `None`, and the
//! caller parses the file whole, which locates every problem (a window
//! knows no line numbers) and words every error as it always has.

use std::fs::File;
use std::os::unix::fs::FileExt;
use std::sync::Arc;

use super::keep::{Batch, Keep};
use super::load::{LazyTexts, LoadOptions, Store};
use super::model::FORMAT;
use super::texts::{Texts, stamp};

/// Bytes read at a time.
const WINDOW: usize = 1 << 20;

/// The practices of one window: the window's text, and where each
/// practice is in it.
struct Window {
    /// The file offset of the window's first byte.
    base: usize,
    text: String,
    practices: Vec<(usize, usize)>,
}

impl Batch for Window {
    fn practices(&self) -> Vec<(&str, usize)> {
        // Each practice begins with `{` and ends with `}`: never within a character.
        self.practices.iter().filter_map(|&(s, e)| Some((self.text.get(s..e)?, self.base + s))).collect()
    }
}

/// The store in `file` (as `meta` says it is), parsed a window at a time,
/// with its long texts left in the file; `None` when the file is not
/// shaped as praktyki writes stores, cannot be read, or has a problem.
pub(super) fn parse(file: &File, meta: &std::fs::Metadata, origin: &str, opts: LoadOptions) -> Option<Store> {
    if !opts.lazy || opts.strict {
        return None;
    }
    let len = usize::try_from(meta.len()).ok()?;
    let (found, keep) = super::keep::pipeline(Keep::windowed(origin, opts), |tx| find(file, len, tx));
    if found.is_none() || !keep.is_clean() {
        return None;
    }
    let mut store = keep.store;
    let texts = Texts::File(Arc::new(file.try_clone().ok()?), stamp(meta));
    store.set_lazy(LazyTexts { texts, spans: keep.spans });
    Some(store)
}

/// The top level up to the first practice: BOM, `{"format": "praktyki/1",
/// "practices": [`, with any white space JSON allows between.
fn header(b: &[u8]) -> Option<usize> {
    let mut at = if b.starts_with("\u{feff}".as_bytes()) { 3 } else { 0 };
    let format = format!("\"{FORMAT}\"");
    for token in ["{", "\"format\"", ":", &format, ",", "\"practices\"", ":", "["] {
        at = skip_space(b, at);
        at += b.get(at..)?.starts_with(token.as_bytes()).then_some(token.len())?;
    }
    Some(at)
}

fn skip_space(b: &[u8], mut at: usize) -> usize {
    while b.get(at).is_some_and(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r')) {
        at += 1;
    }
    at
}

/// The length of the object at the start of `b` (which starts with `{`),
/// or `None` when it does not end within `b`. Only strings and braces are
/// followed: whether the object is good JSON is the parser's to say.
fn object_len(b: &[u8]) -> Option<usize> {
    let (mut depth, mut at) = (0usize, 0usize);
    loop {
        at += memchr::memchr3(b'"', b'{', b'}', b.get(at..)?)?;
        match b[at] {
            b'"' => loop {
                at += 1;
                at += memchr::memchr2(b'"', b'\\', b.get(at..)?)?;
                if b[at] == b'"' {
                    at += 1;
                    break;
                }
                // An escape: the next byte is never the string's end.
                at += 1;
            },
            b'{' => {
                depth += 1;
                at += 1;
            }
            _ => {
                depth = depth.checked_sub(1)?;
                at += 1;
                if depth == 0 {
                    return Some(at);
                }
            }
        }
    }
}

/// Where the scan is in the array of practices.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// A practice or the array's end (after `[`).
    First,
    /// A practice (after `,`).
    Practice,
    /// `,` or the array's end (after a practice).
    Separator,
}

/// Reads `file` (of `len` bytes) a window at a time and sends each
/// window's practices to `tx`; `Some` when the whole file was of the
/// shape [`parse`] serves.
fn find(file: &File, len: usize, tx: &std::sync::mpsc::SyncSender<Window>) -> Option<()> {
    let mut base = 0;
    let mut buf = read(file, 0, WINDOW.min(len))?;
    let mut at = header(&buf)?;
    let mut expect = Expect::First;
    loop {
        let mut practices = Vec::new();
        // The practices that end within this window.
        let ended = loop {
            at = skip_space(&buf, at);
            match (buf.get(at), expect) {
                (None, _) => break at,
                (Some(b'{'), Expect::First | Expect::Practice) => match object_len(&buf[at..]) {
                    Some(n) => {
                        practices.push((at, at + n));
                        at += n;
                        expect = Expect::Separator;
                    }
                    None => break at,
                },
                (Some(b','), Expect::Separator) => {
                    at += 1;
                    expect = Expect::Practice;
                }
                (Some(b']'), Expect::First | Expect::Separator) => {
                    send(tx, base, buf, at, practices)?;
                    return the_end(file, len, base + at + 1);
                }
                _ => return None,
            }
        };
        let next = base + buf.len();
        if next >= len {
            // The file ends within a practice or before the array does.
            return None;
        }
        // What is left of this window begins the next one, read onto it.
        let mut rest = buf.split_off(ended);
        let carried = rest.len();
        rest.resize(carried + to_read(carried, len - next), 0);
        file.read_exact_at(&mut rest[carried..], next as u64).ok()?;
        send(tx, base, buf, ended, practices)?;
        base += ended;
        at -= ended;
        buf = rest;
    }
}

/// How much to read after a window whose last `carried` bytes began a
/// practice it did not hold whole, with `left` bytes of the file unread: a
/// window, or as much again as a large practice took so far, so that one
/// of many windows is read in a few rounds, not scanned again window by
/// window (a practice of 128 MB took half a minute).
fn to_read(carried: usize, left: usize) -> usize {
    WINDOW.max(carried).min(left)
}

/// Sends the practices of `buf` (from file offset `base`), which end by `end`.
fn send(
    tx: &std::sync::mpsc::SyncSender<Window>,
    base: usize,
    mut buf: Vec<u8>,
    end: usize,
    practices: Vec<(usize, usize)>,
) -> Option<()> {
    buf.truncate(end);
    // Checked once, whole (it ends between practices, never within a character).
    let text = String::from_utf8(buf).ok()?;
    // The keeper only stops early when the receiving end is gone.
    tx.send(Window { base, text, practices }).ok()
}

/// After the array: the top level's `}`, and nothing but white space.
fn the_end(file: &File, len: usize, from: usize) -> Option<()> {
    // More than a little white space is not a file praktyki wrote.
    let rest = read(file, from, len.checked_sub(from).filter(|n| *n <= 1 << 16)?)?;
    let at = skip_space(&rest, 0);
    (rest.get(at) == Some(&b'}') && skip_space(&rest, at + 1) == rest.len()).then_some(())
}

fn read(file: &File, at: usize, n: usize) -> Option<Vec<u8>> {
    let mut buf = vec![0; n];
    file.read_exact_at(&mut buf, at as u64).ok()?;
    Some(buf)
}

#[cfg(test)]
#[path = "window_tests.rs"]
mod tests;
