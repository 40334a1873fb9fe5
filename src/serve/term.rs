//! A served session's terminal: the bytes a client's terminal sends read
//! as key, mouse and paste events (the parser crossterm uses on a local
//! terminal, in the `terminput` crate), and a writer that sends a session's
//! frames down the SSH channel, giving up on a client that does not read.

use std::io::{self, Write};
use std::time::Duration;

use crossterm::event::Event;
use russh::ChannelId;
use russh::server::Handle;

/// Input bytes kept while a sequence is incomplete: a paste larger than
/// this is dropped whole (the search line takes 16 words) rather than
/// held, so 10 MB pasted costs the server nothing much.
pub const MAX_PENDING_INPUT: usize = 64 * 1024;

/// Reads a byte stream into events, sequence by sequence.
#[derive(Default)]
pub struct InputParser {
    buf: Vec<u8>,
    /// Inside a bracketed paste too long to keep: bytes are dropped until
    /// its end marker.
    skipping_paste: bool,
}

const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";

impl InputParser {
    /// The events in `bytes`, with what an earlier call left incomplete.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Event> {
        let mut out = Vec::new();
        for (i, &b) in bytes.iter().enumerate() {
            if self.skipping_paste {
                self.buf.push(b);
                if self.buf.ends_with(PASTE_END) {
                    self.skipping_paste = false;
                    self.buf.clear();
                } else if self.buf.len() > PASTE_END.len() {
                    // Only the tail can hold the end marker.
                    self.buf.drain(..self.buf.len() - PASTE_END.len());
                }
                continue;
            }
            self.buf.push(b);
            // A lone ESC with more bytes behind it starts a sequence; at the
            // end of what came it is the Esc key, as crossterm reads it.
            let more = i + 1 < bytes.len();
            if self.buf == [0x1b] && more {
                continue;
            }
            match terminput::Event::parse_from(&self.buf) {
                Ok(Some(event)) => {
                    self.buf.clear();
                    if let Ok(event) = terminput_crossterm::to_crossterm(event) {
                        out.push(event);
                    }
                }
                Ok(None) if self.buf.len() > MAX_PENDING_INPUT => {
                    self.skipping_paste = self.buf.starts_with(PASTE_START);
                    self.buf.clear();
                }
                Ok(None) => {}
                // Not a sequence this reader knows: dropped, as crossterm does.
                Err(_) => self.buf.clear(),
            }
        }
        out
    }
}

/// A session's screen: what it draws is kept until a flush, then sent as
/// one SSH data message. A client that takes none of it for
/// `write_timeout` (the channel's window stays full) fails the write, and
/// the session ends, so a reader that stopped costs only itself.
pub struct ChannelWriter {
    pub handle: Handle,
    pub channel: ChannelId,
    pub runtime: tokio::runtime::Handle,
    pub write_timeout: Duration,
    buf: Vec<u8>,
    /// Bytes sent so far: the figure the load test reads per keystroke.
    pub sent: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl ChannelWriter {
    pub fn new(handle: Handle, channel: ChannelId, runtime: tokio::runtime::Handle, write_timeout: Duration) -> Self {
        ChannelWriter { handle, channel, runtime, write_timeout, buf: Vec::new(), sent: Default::default() }
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let data = bytes::Bytes::from(std::mem::take(&mut self.buf));
        let len = data.len() as u64;
        let (handle, channel, wait) = (&self.handle, self.channel, self.write_timeout);
        // The timer is made inside the runtime, which it needs.
        match self.runtime.block_on(async move { tokio::time::timeout(wait, handle.data(channel, data)).await }) {
            Ok(Ok(())) => {
                self.sent.fetch_add(len, std::sync::atomic::Ordering::Relaxed);
                Ok(())
            }
            Ok(Err(_)) => Err(io::Error::new(io::ErrorKind::BrokenPipe, "the connection is closed")),
            Err(_) => Err(io::Error::new(io::ErrorKind::TimedOut, "the client reads nothing")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyModifiers};

    fn keys(events: &[Event]) -> Vec<(KeyCode, KeyModifiers)> {
        events.iter().filter_map(|e| e.as_key_press_event()).map(|k| (k.code, k.modifiers)).collect()
    }

    #[test]
    fn sequences_split_across_reads_are_one_key() {
        let mut p = InputParser::default();
        assert!(p.feed(b"\x1b[").is_empty());
        assert_eq!(keys(&p.feed(b"A")), [(KeyCode::Up, KeyModifiers::NONE)]);
        assert_eq!(
            keys(&p.feed("/kró\x1b".as_bytes())),
            [
                (KeyCode::Char('/'), KeyModifiers::NONE),
                (KeyCode::Char('k'), KeyModifiers::NONE),
                (KeyCode::Char('r'), KeyModifiers::NONE),
                (KeyCode::Char('ó'), KeyModifiers::NONE),
                (KeyCode::Esc, KeyModifiers::NONE),
            ]
        );
        // Esc then a key in one read is Alt+key, as on a local terminal.
        assert_eq!(keys(&p.feed(b"\x1bq")), [(KeyCode::Char('q'), KeyModifiers::ALT)]);
        // A UTF-8 letter split in two.
        assert!(p.feed(&[0xc5]).is_empty());
        assert_eq!(keys(&p.feed(&[0x82])), [(KeyCode::Char('ł'), KeyModifiers::NONE)]);
    }

    #[test]
    fn a_paste_is_one_event_and_a_huge_one_is_dropped() {
        let mut p = InputParser::default();
        let events = p.feed(b"\x1b[200~opole gmina\x1b[201~x");
        assert!(matches!(&events[0], Event::Paste(t) if t == "opole gmina"), "{events:?}");
        assert_eq!(keys(&events[1..]), [(KeyCode::Char('x'), KeyModifiers::NONE)]);
        let mut huge = PASTE_START.to_vec();
        huge.extend(std::iter::repeat_n(b'a', 10 << 20));
        huge.extend_from_slice(PASTE_END);
        huge.push(b'j');
        let mut events = Vec::new();
        for chunk in huge.chunks(32 * 1024) {
            events.extend(p.feed(chunk));
            assert!(p.buf.len() <= MAX_PENDING_INPUT + 1);
        }
        assert_eq!(keys(&events), [(KeyCode::Char('j'), KeyModifiers::NONE)], "only what follows the paste");
    }

    #[test]
    fn garbage_is_dropped_not_kept() {
        let mut p = InputParser::default();
        let events = p.feed(&[0xff, 0xfe, b'\x1b', b'[', b'9', b'9', b'9', b'9', b'z', b'k']);
        assert_eq!(keys(&events).last(), Some(&(KeyCode::Char('k'), KeyModifiers::NONE)));
        assert!(p.buf.is_empty());
    }
}
