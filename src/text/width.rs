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

/// A one-line editor's view of `text` in `room` columns with the cursor
/// after `cursor` characters: what to draw (with "…" where the text goes
/// on out of view) and the cursor's column in it. The view moves by half
/// a line, as vim's does, so it holds still while the cursor moves inside
/// it, and the cursor is never on a "…".
pub fn scroll_line(text: &str, cursor: usize, room: usize) -> (String, usize) {
    // Each grapheme: its first character's index, its column, the grapheme.
    let mut graphemes = Vec::new();
    let (mut chars, mut col) = (0, 0);
    for g in text.graphemes(true) {
        graphemes.push((chars, col, g));
        chars += g.chars().count();
        col += g.width();
    }
    let total = col;
    let at = graphemes.iter().position(|(c, _, _)| *c >= cursor).unwrap_or(graphemes.len());
    let (cursor_col, cursor_width) = graphemes.get(at).map_or((total, 1), |(_, col, g)| (*col, g.width().max(1)));
    if total < room || room < 4 {
        return (truncate(text, room), cursor_col.min(room.saturating_sub(1)));
    }
    let step = ((room - 2) / 2).max(1);
    let mut start = 0;
    while start <= total {
        let first = graphemes.iter().position(|(_, col, _)| *col >= start).unwrap_or(graphemes.len());
        let first_col = graphemes.get(first).map_or(total, |(_, col, _)| *col);
        let lead = usize::from(first_col > 0);
        let trail = usize::from(total - first_col > room - lead);
        let fits = room - lead - trail;
        if cursor_col >= first_col && cursor_col - first_col + cursor_width <= fits {
            let mut shown = String::from(if lead == 1 { "…" } else { "" });
            let mut used = 0;
            for (_, _, g) in &graphemes[first..] {
                if used + g.width() > fits {
                    break;
                }
                used += g.width();
                shown.push_str(g);
            }
            if trail == 1 {
                push_cut_mark(&mut shown);
            }
            return (shown, lead + cursor_col - first_col);
        }
        start += step;
    }
    (truncate(text, room), room - 1)
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

    #[test]
    fn a_scrolled_line_keeps_the_cursor_off_the_marks_and_holds_still() {
        let text = "współpraca gmin powiatu oleskiego 👍 szkoły i przedszkola";
        let n = text.chars().count();
        for room in [4, 9, 20, 36] {
            let mut starts = std::collections::BTreeSet::new();
            for cursor in 0..=n {
                let (shown, x) = scroll_line(text, cursor, room);
                assert!(columns(&shown) <= room, "{room} {cursor}: {shown:?}");
                assert!(x < room, "{room} {cursor}: {x}");
                let mut col = 0;
                let mut under = String::new();
                for g in shown.graphemes(true) {
                    if col == x {
                        under = g.to_owned();
                    }
                    col += g.width();
                }
                assert_ne!(under, "…", "{room} {cursor}: the cursor on a mark in {shown:?}");
                let after: String = text.chars().skip(cursor).take(1).collect();
                assert_eq!(under, after, "{room} {cursor}: {shown:?}");
                starts.insert(shown.trim_start_matches('…').chars().take(3).collect::<String>());
            }
            // Half a line at a time: few distinct views, not one per key.
            assert!(starts.len() <= n / ((room - 2) / 2).max(1) + 2, "{room}: {} views", starts.len());
        }
        assert_eq!(scroll_line("krótkie", 3, 20), ("krótkie".to_owned(), 3));
    }
}
