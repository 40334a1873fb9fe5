//! Widths and cuts as the terminal counts them: by grapheme, so an emoji
//! with its variation selector ("❤️") is two columns, as ratatui draws it,
//! and a cut never splits a letter from its accent or an emoji sequence.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

const ZWJ: char = '\u{200D}';

/// Columns `s` takes on screen.
pub fn columns(s: &str) -> usize {
    s.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// Ends a cut piece with "…". A joiner left at the end of the piece (a
/// stray one, or half of a sequence) would join the mark to the letter
/// before it, and terminals disagree on how wide that is: it goes.
pub fn push_cut_mark(piece: &mut String) {
    while piece.ends_with(ZWJ) {
        piece.pop();
    }
    piece.push('…');
}

/// Cuts `s` to `width` columns, ending with "…" when cut.
pub fn truncate(s: &str, width: usize) -> String {
    if columns(s) <= width {
        return s.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = head_within(s, width - 1).to_owned();
    push_cut_mark(&mut out);
    out
}

/// The start of `s` that fits in `width` columns, whole graphemes only.
pub fn head_within(s: &str, width: usize) -> &str {
    let mut used = 0;
    let mut end = 0;
    for (i, g) in s.grapheme_indices(true) {
        let w = g.width();
        if used + w > width {
            break;
        }
        used += w;
        end = i + g.len();
    }
    &s[..end]
}

/// The end of `s` that fits in `width` columns, whole graphemes only.
pub fn tail_within(s: &str, width: usize) -> &str {
    let mut used = 0;
    let mut start = s.len();
    for (i, g) in s.grapheme_indices(true).rev() {
        let w = g.width();
        if used + w > width {
            break;
        }
        used += w;
        start = i;
    }
    s[start..].trim_start_matches(ZWJ)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_emoji_with_its_selector_is_cut_whole_and_the_cut_is_marked() {
        let cut = truncate("❤️❤️❤️", 4);
        assert_eq!(cut, "❤️…");
        assert!(columns(&cut) <= 4);
    }

    #[test]
    fn a_letter_keeps_its_combining_accent() {
        // "e" + combining acute: one column, never split from its accent.
        let cut = truncate("e\u{301}e\u{301}e\u{301}e\u{301}", 3);
        assert_eq!(cut, "e\u{301}e\u{301}…");
    }

    #[test]
    fn a_stray_joiner_never_sits_before_the_mark() {
        let cut = truncate("ab\u{200D}cdef", 3);
        assert_eq!(cut, "ab…");
        assert_eq!(tail_within("ab\u{200D}cd", 2), "cd");
        assert_eq!(tail_within("a\u{200D}\u{200D}b", 1), "b");
    }

    #[test]
    fn what_fits_is_left_alone() {
        assert_eq!(truncate("Kraków", 6), "Kraków");
        assert_eq!(truncate("Kraków", 5), "Krak…");
        assert_eq!(truncate("Kraków", 0), "");
        assert_eq!(tail_within("Kraków", 3), "ków");
        assert_eq!(tail_within("👍👍", 3), "👍");
    }
}
