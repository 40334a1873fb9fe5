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

/// A one-line editor's view of `text` in `room` columns, the cursor after
/// `cursor` characters: where the view starts (a column of the text). The
/// view `prev` stays while the cursor is in it, so moving inside the line
/// moves nothing; when the cursor leaves it, the view moves by half a
/// line, as vim's does.
pub fn line_view(text: &str, cursor: usize, room: usize, prev: usize) -> usize {
    let line = Line::new(text, cursor);
    if line.total < room || room < 4 {
        return 0;
    }
    if line.shows_cursor(prev, room).is_some() {
        return prev;
    }
    let step = ((room - 2) / 2).max(1);
    (0..=line.total).step_by(step).find(|s| line.shows_cursor(*s, room).is_some()).unwrap_or(0)
}

/// What to draw of `text` in `room` columns from the view `start` (see
/// [`line_view`]), with "…" where the text goes on out of view, and the
/// cursor's column in it; the cursor is never on a "…".
pub fn scroll_line(text: &str, cursor: usize, room: usize, start: usize) -> (String, usize) {
    let line = Line::new(text, cursor);
    if line.total < room || room < 4 {
        return (truncate(text, room), line.cursor_col.min(room.saturating_sub(1)));
    }
    let shown = line.shows_cursor(start, room).map(|v| (start, v)).or_else(|| {
        let start = line_view(text, cursor, room, 0);
        line.shows_cursor(start, room).map(|v| (start, v))
    });
    let Some((_, (first, lead, trail, fits))) = shown else {
        return (truncate(text, room), room - 1);
    };
    let mut out = String::from(if lead == 1 { "…" } else { "" });
    let mut used = 0;
    for (_, _, g) in &line.graphemes[first..] {
        if used + g.width() > fits {
            break;
        }
        used += g.width();
        out.push_str(g);
    }
    if trail == 1 {
        push_cut_mark(&mut out);
    }
    let first_col = line.graphemes.get(first).map_or(line.total, |(_, col, _)| *col);
    (out, lead + line.cursor_col - first_col)
}

/// A line cut into graphemes, with where the cursor is.
struct Line<'a> {
    /// Each grapheme: its first character's index, its column, the grapheme.
    graphemes: Vec<(usize, usize, &'a str)>,
    total: usize,
    cursor_col: usize,
    cursor_width: usize,
}

impl<'a> Line<'a> {
    fn new(text: &'a str, cursor: usize) -> Self {
        let mut graphemes = Vec::new();
        let (mut chars, mut col) = (0, 0);
        for g in text.graphemes(true) {
            graphemes.push((chars, col, g));
            chars += g.chars().count();
            col += g.width();
        }
        let at = graphemes.partition_point(|(c, _, _)| *c < cursor);
        let (cursor_col, cursor_width) = graphemes.get(at).map_or((col, 1), |(_, c, g)| (*c, g.width().max(1)));
        Line { graphemes, total: col, cursor_col, cursor_width }
    }

    /// Whether the view from column `start` shows the cursor; if so, the
    /// first grapheme shown, whether "…" leads and trails, and the columns
    /// left for the text.
    fn shows_cursor(&self, start: usize, room: usize) -> Option<(usize, usize, usize, usize)> {
        let first = self.graphemes.partition_point(|(_, col, _)| *col < start);
        let first_col = self.graphemes.get(first).map_or(self.total, |(_, col, _)| *col);
        let lead = usize::from(first_col > 0);
        let trail = usize::from(self.total - first_col > room - lead);
        let fits = room - lead - trail;
        (self.cursor_col >= first_col && self.cursor_col - first_col + self.cursor_width <= fits)
            .then_some((first, lead, trail, fits))
    }
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
            let mut views = std::collections::BTreeSet::new();
            let mut start = 0;
            // Right to the end, back to the start, and to and fro in the middle.
            let path: Vec<usize> = (0..=n).chain((0..=n).rev()).chain([n / 2, n / 2 + 1].repeat(10)).collect();
            let mut flips = 0;
            for (i, &cursor) in path.iter().enumerate() {
                let before = start;
                start = line_view(text, cursor, room, start);
                if i >= 2 * n + 2 && start != before {
                    flips += 1;
                }
                let (shown, x) = scroll_line(text, cursor, room, start);
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
                views.insert(start);
            }
            // Only the jump to the middle moves it (at 4 columns two letters hardly fit).
            assert!(
                flips <= 1 + usize::from(room < 9),
                "{room}: to and fro in the middle moved the view {flips} times"
            );
            // Half a line at a time: few distinct views, not one per key.
            assert!(views.len() <= 2 * (n / ((room - 2) / 2).max(1) + 2), "{room}: {} views", views.len());
        }
        assert_eq!(scroll_line("krótkie", 3, 20, 0), ("krótkie".to_owned(), 3));
    }

    #[test]
    fn a_long_line_is_viewed_in_time_linear_in_its_length() {
        // 300k characters: each view is a few binary searches, not a scan per step.
        let text = "gmina ".repeat(50_000);
        let n = text.chars().count();
        let start = line_view(&text, n, 40, 0);
        let (shown, x) = scroll_line(&text, n, 40, start);
        assert!(shown.starts_with('…') && x < 40);
        assert_eq!(line_view(&text, n - 1, 40, start), start, "one to the left stays in the view");
    }
}
