//! Making text from a store or an imported page safe to show in a terminal.
//!
//! Every string is passed through [`sanitize`] once, when it enters the
//! program (store load, page import), so that nothing downstream (TUI, CLI
//! output, clipboard) has to remember to do it.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Tab stops used when expanding tabs.
const TAB_WIDTH: usize = 8;

/// Bidirectional embedding, override and isolate controls: they can make text
/// display in another order than it is stored, so they are removed.
pub fn is_bidi_control(c: char) -> bool {
    // Embeddings, overrides, isolates, and the marks (LRM, RLM, ALM).
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// The Unicode line and paragraph separators: line breaks to a terminal's
/// text, which it does not treat as such (the layout goes wrong).
fn is_separator(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}')
}

fn needs_work(c: char, multiline: bool) -> bool {
    c.is_control() && !(multiline && c == '\n') || is_bidi_control(c) || is_separator(c)
}

/// Returns `s` in NFC with terminal-unsafe characters replaced:
/// C0 controls and DEL by their visible Control Pictures (ESC shows as `␛`),
/// C1 controls by U+FFFD, bidi controls removed, tabs expanded to spaces,
/// CR LF and lone CR turned into LF. In a single-line field a line break
/// becomes a space.
pub fn sanitize(s: &str, multiline: bool) -> String {
    if is_clean(s, multiline) {
        return s.to_owned();
    }
    let nfc_ok = is_nfc_quick(s.chars()) == IsNormalized::Yes;
    let normalized: String = if nfc_ok { s.to_owned() } else { s.nfc().collect() };
    let mut out = String::with_capacity(normalized.len());
    let mut column = 0usize;
    let mut chars = normalized.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' | '\n' | '\u{2028}' | '\u{2029}' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push(if multiline { '\n' } else { ' ' });
                column = if multiline { 0 } else { column + 1 };
            }
            '\t' => {
                let n = TAB_WIDTH - column % TAB_WIDTH;
                out.extend(std::iter::repeat_n(' ', n));
                column += n;
            }
            c if is_bidi_control(c) => {}
            c if (c as u32) < 0x20 => {
                out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'));
                column += 1;
            }
            '\u{7F}' => {
                out.push('\u{2421}');
                column += 1;
            }
            c if c.is_control() => {
                out.push('\u{FFFD}');
                column += 1;
            }
            c => {
                out.push(c);
                column += 1;
            }
        }
    }
    out
}

/// Whether `s` is already safe and in NFC. Most text is, and checking is
/// much cheaper than copying: ASCII without controls needs one byte scan.
fn is_clean(s: &str, multiline: bool) -> bool {
    // Printable ASCII and U+00A0..U+02FF (Polish letters among them) are
    // safe and NFC as they are: one pass over the bytes, not a char at a
    // time (a twentieth of a first parse of a million practices).
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        // Sixteen bytes of printable ASCII at once (checked without a branch
        // per byte, so the compiler checks them side by side).
        if let Some(block) = b.get(i..i + 16)
            && block.iter().fold(true, |ok, &c| ok & (c.wrapping_sub(0x20) < 0x5f))
        {
            i += 16;
            continue;
        }
        match c {
            0x20..0x7f => i += 1,
            b'\n' if multiline => i += 1,
            0..0x80 => return false,
            // A two-byte character from U+00C0 (from U+00A0 after 0xC2).
            0xC3..=0xCB => i += 2,
            0xC2 if b.get(i + 1).is_some_and(|&n| n >= 0xA0) => i += 2,
            _ => return is_clean_slowly(s, multiline),
        }
    }
    true
}

/// [`is_clean`] a character at a time.
fn is_clean_slowly(s: &str, multiline: bool) -> bool {
    // Below U+0300 (where combining marks begin) every character is already
    // NFC: Polish text needs no normalisation check, only the control check.
    let mut simple = true;
    for c in s.chars() {
        if needs_work(c, multiline) {
            return false;
        }
        simple &= (c as u32) < 0x300;
    }
    simple || is_nfc_quick(s.chars()) == IsNormalized::Yes
}

/// Sanitises a string in place; see [`sanitize`]. Allocates only when
/// something has to change.
pub fn sanitize_in_place(s: &mut String, multiline: bool) {
    if !is_clean(s, multiline) {
        *s = sanitize(s, multiline);
    }
}

/// [`sanitize_in_place`] for a string that may be borrowed: made only when
/// something has to change.
pub fn sanitize_cow(s: &mut std::borrow::Cow<'_, str>, multiline: bool) {
    if !is_clean(s, multiline) {
        *s = std::borrow::Cow::Owned(sanitize(s, multiline));
    }
}

/// A writer whose output can never drive the terminal: what goes through
/// it is shown as [`sanitize`] shows it (C0 controls as Control Pictures,
/// C1 as U+FFFD, bidi controls removed), while tabs, line breaks and CR LF
/// (vCard) pass, so tab-separated and JSON output keep their shape. The
/// program's stdout and stderr both go through one, so no message can
/// forget: a path, a field name from a broken store, a server's words.
///
/// Whole lines are passed on as they complete, clean runs in one write;
/// the rest waits for the next line break or `flush`.
pub struct TerminalSafe<W: std::io::Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: std::io::Write> TerminalSafe<W> {
    pub fn new(inner: W) -> Self {
        TerminalSafe { inner, pending: Vec::new() }
    }

    fn pass(&mut self, upto: usize) -> std::io::Result<()> {
        let chunk: Vec<u8> = self.pending.drain(..upto).collect();
        self.clean_write(&chunk)
    }

    /// Writes whole lines, as they are when clean (the common case, no copy).
    fn clean_write(&mut self, chunk: &[u8]) -> std::io::Result<()> {
        if !needs_cleaning(chunk) {
            return self.inner.write_all(chunk);
        }
        let text = String::from_utf8_lossy(chunk);
        let mut out = String::with_capacity(text.len());
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\n' | '\t' => out.push(c),
                '\r' if chars.peek() == Some(&'\n') => out.push(c),
                c if is_bidi_control(c) => {}
                c if is_separator(c) => out.push(' '),
                c if (c as u32) < 0x20 => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}')),
                '\u{7F}' => out.push('\u{2421}'),
                c if c.is_control() => out.push('\u{FFFD}'),
                c => out.push(c),
            }
        }
        self.inner.write_all(out.as_bytes())
    }
}

/// Whether UTF-8 `bytes` hold anything [`TerminalSafe`] changes, found by
/// looking at bytes only (most output, Polish text among it, holds nothing):
/// C0 controls but tab and LF, a CR, DEL, the C1 controls (C2 80–9F), and
/// the bidi controls (E2 80 8E/8F/AA–AE, E2 81 A6–A9, D8 9C). Invalid UTF-8
/// is left to the careful path too.
fn needs_cleaning(bytes: &[u8]) -> bool {
    // A block of bytes none of which can begin one of those is passed over
    // whole, in a loop the compiler makes wide (a byte at a time was a
    // tenth of a `praktyki search` that prints 37,000 rows).
    const BLOCK: usize = 64;
    let may_begin =
        |b: u8| (b < 0x20 && b != b'\t' && b != b'\n') | (b == 0x7f) | (b == 0xc2) | (b == 0xd8) | (b == 0xe2);
    for (k, block) in bytes.chunks(BLOCK).enumerate() {
        if block.iter().fold(false, |any, &b| any | may_begin(b)) {
            let at = k * BLOCK;
            if (at..at + block.len()).any(|i| begins_unsafe(bytes, i)) {
                return true;
            }
        }
    }
    simdutf8::basic::from_utf8(bytes).is_err()
}

/// Whether the character at byte `i` is one [`needs_cleaning`] looks for.
fn begins_unsafe(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        b'\t' | b'\n' => false,
        0x00..=0x1f | 0x7f => true,
        0xc2 => bytes.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)),
        0xd8 => bytes.get(i + 1) == Some(&0x9c),
        0xe2 => match (bytes.get(i + 1), bytes.get(i + 2)) {
            (Some(0x80), Some(n)) => matches!(n, 0x8e | 0x8f | 0xa8 | 0xa9 | 0xaa..=0xae),
            (Some(0x81), Some(n)) => (0xa6..=0xa9).contains(n),
            _ => false,
        },
        _ => false,
    }
}

impl<W: std::io::Write> std::io::Write for TerminalSafe<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        // Whole lines with nothing pending go straight through.
        if self.pending.is_empty()
            && let Some(last) = buf.iter().rposition(|&b| b == b'\n')
        {
            let (lines, rest) = buf.split_at(last + 1);
            self.clean_write(lines)?;
            self.pending.extend_from_slice(rest);
            return Ok(buf.len());
        }
        self.pending.extend_from_slice(buf);
        if let Some(last) = self.pending.iter().rposition(|&b| b == b'\n') {
            self.pass(last + 1)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        // A line without its break yet: pass what is whole UTF-8 of it.
        let whole = match std::str::from_utf8(&self.pending) {
            Ok(_) => self.pending.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => self.pending.len(),
        };
        self.pass(whole)?;
        self.inner.flush()
    }
}

impl<W: std::io::Write> Drop for TerminalSafe<W> {
    fn drop(&mut self) {
        let _ = std::io::Write::flush(self);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_check_agrees_with_the_character_check() {
        let chars = (0u32..0x800).chain([0x1E9E, 0x2028, 0x202E, 0xFEFF, 0x1F600]).filter_map(char::from_u32);
        for c in chars {
            // Also where a block of sixteen bytes of ASCII is looked at whole:
            // the character just after one, within one, and at its end.
            let blocks = [
                format!("Gmina Opole 2024{c}"),
                format!("Gmina Opole 202{c} i Powiat Opolski"),
                format!("{c}{}", "x".repeat(40)),
            ];
            for s in [c.to_string(), format!("Zażółć {c} gęślą"), format!("{c}a\u{301}"), format!("ąę{c}")]
                .into_iter()
                .chain(blocks)
            {
                for multiline in [false, true] {
                    assert_eq!(is_clean(&s, multiline), is_clean_slowly(&s, multiline), "{s:?} {multiline}");
                }
            }
        }
    }

    #[test]
    fn the_byte_check_finds_every_character_the_writer_changes() {
        // Every character of the BMP: the fast check may say "clean" only where
        // the careful path would change nothing.
        for c in (0..0x1_0000u32).filter_map(char::from_u32) {
            let s = format!("x{c}y");
            let changed = {
                let mut out = Vec::new();
                {
                    use std::io::Write;
                    let mut w = TerminalSafe::new(&mut out);
                    w.write_all(s.as_bytes()).unwrap();
                }
                out != s.as_bytes()
            };
            assert!(!changed || needs_cleaning(s.as_bytes()), "{:?} slips past the byte check", c);
        }
        assert!(!needs_cleaning("Łódź, Żywiec\tgmina\n".as_bytes()));
    }

    #[test]
    fn output_through_the_safe_writer_keeps_its_shape_but_no_escape() {
        use std::io::Write;
        let mut out = Vec::new();
        {
            let mut w = TerminalSafe::new(&mut out);
            write!(w, "id\tŁódź\r\nESC\u{1b}[2J C1\u{9b}31m bidi\u{202E}x CR\rover\n{{\"a\": 1}}").unwrap();
            // A character split across two writes stays whole.
            w.write_all(&"ż".as_bytes()[..1]).unwrap();
            w.write_all(&"ż".as_bytes()[1..]).unwrap();
        }
        assert_eq!(String::from_utf8(out).unwrap(), "id\tŁódź\r\nESC␛[2J C1\u{FFFD}31m bidix CR␍over\n{\"a\": 1}ż");
    }

    #[test]
    fn plain_text_is_unchanged() {
        assert_eq!(sanitize("Łódź, ul. Piotrkowska 1", false), "Łódź, ul. Piotrkowska 1");
    }

    #[test]
    fn escape_sequences_become_visible() {
        let s = sanitize("a\u{1b}]0;evil\u{7}b\u{1b}[2J", false);
        assert!(!s.contains('\u{1b}') && !s.contains('\u{7}'));
        assert_eq!(s, "a␛]0;evil␇b␛[2J");
    }

    #[test]
    fn c1_and_del_replaced_bidi_removed() {
        assert_eq!(sanitize("x\u{9b}31my\u{7f}", false), "x\u{FFFD}31my\u{2421}");
        assert_eq!(sanitize("abc\u{202E}def\u{2066}", false), "abcdef");
        assert_eq!(sanitize("a\u{200F}b\u{200E}c\u{061C}d", false), "abcd", "the bidi marks too");
    }

    #[test]
    fn newlines_depend_on_field_kind() {
        assert_eq!(sanitize("a\r\nb\rc\nd", true), "a\nb\nc\nd");
        assert_eq!(sanitize("a\r\nb", false), "a b");
        // The Unicode separators are line breaks too (the layout broke on them).
        assert_eq!(sanitize("a\u{2028}b\u{2029}c", false), "a b c");
        assert_eq!(sanitize("a\u{2028}b", true), "a\nb");
    }

    #[test]
    fn tabs_expand_to_tab_stops() {
        assert_eq!(sanitize("ab\tc", true), "ab      c");
        assert_eq!(sanitize("x\n\ty", true), "x\n        y");
    }

    #[test]
    fn decomposed_text_is_composed() {
        let decomposed = "L\u{301}o\u{301}dz\u{301}"; // not real Polish, but NFD-shaped
        let s = sanitize(decomposed, false);
        assert_eq!(s, "Ĺódź");
        assert_eq!(sanitize("Ło\u{301}dz\u{301}", false), "Łódź");
    }
}
