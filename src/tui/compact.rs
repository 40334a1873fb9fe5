//! A backend that writes fewer bytes for the same frame, for slow links.
//!
//! ratatui sends only the cells that changed, and moves the cursor before
//! each run of them: `ESC [ row ; col H`, 6 to 8 bytes. Moving to another
//! practice rewraps its text, so a changed line is often changed cells with
//! a character or two left as they were between them ("o" of "rozwój" in
//! both texts), and each such gap costs a cursor move. This backend keeps a
//! copy of what the terminal shows and, where printing the unchanged cells
//! of a short gap again is cheaper than the move, prints them instead.
//! That takes a cursor move over SSH from about 1.1 kB to under 1 kB at 80x24.
//!
//! A gap is bridged only when every cell in it is known, one column wide, in
//! the style of the cell before it (so no colour change is needed), and
//! shorter in bytes than the move. Anything this backend cannot know (after
//! a partial clear, the second column of a wide character) is marked
//! unknown and never bridged, so the screen is always what ratatui drew.

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Cell, CellDiffOption};
use ratatui::layout::{Position, Size};
use unicode_width::UnicodeWidthStr;

/// Stands for a cell whose content on the terminal is not known. No
/// rendered cell holds it: text is sanitised, and NUL is a control.
const UNKNOWN: &str = "\0";

/// Gaps longer than this are never bridged: a move costs at most 10 bytes.
const MAX_GAP: u16 = 8;

pub struct Compact<B> {
    inner: B,
    /// What the terminal shows, row by row; `width` cells a row.
    shadow: Vec<Cell>,
    width: u16,
}

impl<B: Backend> Compact<B> {
    pub fn new(inner: B) -> Self {
        Self { inner, shadow: Vec::new(), width: 0 }
    }

    pub fn inner_mut(&mut self) -> &mut B {
        &mut self.inner
    }

    fn at(&self, x: u16, y: u16) -> Option<&Cell> {
        if x >= self.width {
            return None;
        }
        self.shadow.get(usize::from(y) * usize::from(self.width) + usize::from(x))
    }

    /// Forgets everything, sizing the copy for `size`, every cell `fill`.
    fn reset(&mut self, size: Size, fill: &'static str) {
        self.width = size.width;
        self.shadow = vec![cell(fill); usize::from(size.width) * usize::from(size.height)];
    }

    /// Records that `c` is now at (x, y), growing the copy if the screen grew.
    fn record(&mut self, x: u16, y: u16, c: &Cell) {
        let height = self.shadow.len() / usize::from(self.width.max(1));
        if x >= self.width || usize::from(y) >= height {
            let (width, new_height) = (self.width.max(x + 1), height.max(usize::from(y) + 1));
            let mut grown = vec![cell(UNKNOWN); usize::from(width) * new_height];
            for (row, old) in self.shadow.chunks(usize::from(self.width.max(1))).enumerate() {
                let start = row * usize::from(width);
                grown[start..start + old.len()].clone_from_slice(old);
            }
            self.shadow = grown;
            self.width = width;
        }
        let w = usize::from(self.width);
        let i = usize::from(y) * w + usize::from(x);
        self.shadow[i] = c.clone();
        // The columns a wide character covers show its right half: unknown.
        for k in 1..c.symbol().width() {
            if usize::from(x) + k < w {
                self.shadow[i + k] = cell(UNKNOWN);
            }
        }
    }

    /// The cells between `after` and `x` on row `y`, if printing them is
    /// cheaper than moving the cursor and shows the same.
    fn bridge(&self, after: (u16, u16, &Cell), x: u16, y: u16) -> Option<Vec<Cell>> {
        let (px, py, prev) = after;
        if py != y || x <= px + 1 || x - px - 1 > MAX_GAP || prev.symbol().width() != 1 {
            return None;
        }
        let move_cost = format!("\x1b[{};{}H", y + 1, x + 1).len();
        let mut bytes = 0;
        let mut cells = Vec::new();
        for col in px + 1..x {
            let c = self.at(col, y)?;
            if c.symbol() == UNKNOWN
                || c.symbol().width() != 1
                || c.style() != prev.style()
                || c.diff_option != CellDiffOption::None
            {
                return None;
            }
            bytes += c.symbol().len();
            cells.push(c.clone());
        }
        (bytes < move_cost).then_some(cells)
    }
}

fn cell(symbol: &'static str) -> Cell {
    Cell::new(symbol)
}

impl<B: Backend> Backend for Compact<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut out: Vec<(u16, u16, Cell)> = Vec::new();
        for (x, y, c) in content {
            if let Some(&(px, py, ref prev)) = out.last()
                && let Some(gap) = self.bridge((px, py, prev), x, y)
            {
                out.extend(gap.into_iter().zip(px + 1..x).map(|(g, gx)| (gx, y, g)));
            }
            out.push((x, y, c.clone()));
        }
        self.inner.draw(out.iter().map(|(x, y, c)| (*x, *y, c)))?;
        for (x, y, c) in &out {
            self.record(*x, *y, c);
        }
        Ok(())
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        let size = self.inner.size()?;
        self.reset(size, UNKNOWN);
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        let size = self.inner.size()?;
        // A full clear leaves blanks in the default style (every frame ends
        // with the style reset); what a partial one leaves is not tracked.
        let fill = if clear_type == ClearType::All { " " } else { UNKNOWN };
        self.reset(size, fill);
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::backend::CrosstermBackend;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Modifier, Style};

    /// Draws `frames` one after another as ratatui would (the diff against
    /// the previous frame) through the plain backend and through `Compact`,
    /// each into a terminal emulator; checks after each frame that both
    /// show the same, cell by cell, and returns the bytes each frame took
    /// (plain, compact) and the last screen.
    fn play(frames: &[Buffer]) -> (Vec<(usize, usize)>, vt100::Parser) {
        let area = frames[0].area;
        let size = |n: u16| std::num::NonZeroU16::new(n).unwrap();
        let mut screens = [0, 1].map(|_| vt100::Parser::new(size(area.height), size(area.width), 0));
        let mut prev = Buffer::empty(area);
        let written = Sink::default();
        let mut plain = CrosstermBackend::new(written.clone());
        let mut thrifty = Compact::new(CrosstermBackend::new(written.clone()));
        let mut sizes = Vec::new();
        for (n, next) in frames.iter().enumerate() {
            plain.draw(prev.diff(next).into_iter()).unwrap();
            let a = std::mem::take(&mut *written.0.borrow_mut());
            thrifty.draw(prev.diff(next).into_iter()).unwrap();
            let b = std::mem::take(&mut *written.0.borrow_mut());
            screens[0].process(&a);
            screens[1].process(&b);
            for y in 0..area.height {
                for x in 0..area.width {
                    let (p, c) = (screens[0].screen().cell(y, x).unwrap(), screens[1].screen().cell(y, x).unwrap());
                    let look =
                        |v: &vt100::Cell| (v.contents().to_owned(), v.fgcolor(), v.bgcolor(), v.bold(), v.inverse());
                    assert_eq!(look(p), look(c), "frame {n}, cell ({x}, {y})");
                }
            }
            sizes.push((a.len(), b.len()));
            prev = next.clone();
        }
        let [_, compact] = screens;
        (sizes, compact)
    }

    /// Where the backends write, shared with the test that reads it.
    #[derive(Clone, Default)]
    struct Sink(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

    impl std::io::Write for Sink {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// Checks that the emulator shows `buf` (frames without a wide character
    /// half overwritten, where terminals differ).
    fn assert_shows(screen: &vt100::Screen, buf: &Buffer) {
        for y in 0..buf.area.height {
            let mut x = 0;
            while x < buf.area.width {
                let want = &buf[(x, y)];
                let got = screen.cell(y, x).expect("in the screen");
                let text = if want.symbol() == " " { "" } else { want.symbol() };
                let at = format!("cell ({x}, {y})");
                // A written space and a never-written cell look alike.
                assert_eq!(got.contents().trim_matches(' '), text, "{at}");
                let fg = match want.fg {
                    Color::Indexed(i) => vt100::Color::Idx(i),
                    _ => vt100::Color::Default,
                };
                let reversed = want.modifier.contains(Modifier::REVERSED);
                assert_eq!(got.inverse(), reversed, "{at}: reverse");
                // The colour and weight of a blank cell are invisible (unless
                // reversed), and terminals differ in what they keep there.
                if !text.is_empty() || reversed {
                    assert_eq!(got.fgcolor(), fg, "{at}: colour");
                }
                if !text.is_empty() {
                    assert_eq!(got.bold(), want.modifier.contains(Modifier::BOLD), "{at}: bold");
                }
                x += want.symbol().width().max(1) as u16;
            }
        }
    }

    fn text_frame(lines: &[&str]) -> Buffer {
        let mut b = Buffer::empty(Rect::new(0, 0, 40, lines.len() as u16));
        for (y, l) in lines.iter().enumerate() {
            b.set_string(0, y as u16, l, Style::default());
        }
        b
    }

    #[test]
    fn short_gaps_are_printed_instead_of_moved_over() {
        // Two wrappings of different words that share letters here and there.
        let a = text_frame(&["gmina wdrożenie porozumienie rozwój", "łączy oświata rozwój przygotowanie"]);
        let b = text_frame(&["gmina wdrożenie po o umienie. Rozwój", "łączy oświata rozwój prz gotowan sp"]);
        let (sizes, screen) = play(&[a, b.clone()]);
        assert_eq!(sizes[0].0, sizes[0].1, "nothing known yet: the first frame is the same");
        assert!(sizes[1].1 < sizes[1].0, "{sizes:?}");
        assert_shows(screen.screen(), &b);
    }

    #[test]
    fn gaps_in_another_style_or_with_wide_characters_are_moved_over() {
        let mut a = text_frame(&["ab cd ef", "コa b"]);
        a.set_string(2, 0, " ", Style::default().fg(Color::Indexed(2)));
        let mut b = text_frame(&["xb cy ef", "コx b"]);
        b.set_string(2, 0, " ", Style::default().fg(Color::Indexed(2)));
        let (sizes, screen) = play(&[a, b.clone()]);
        assert_eq!(sizes[1].0, sizes[1].1, "nothing to bridge: {sizes:?}");
        assert_shows(screen.screen(), &b);
    }

    /// Frames of words in a few styles, each a few edits away from the last.
    fn frames() -> impl Strategy<Value = Vec<Buffer>> {
        let word =
            prop_oneof!["[a-złóęąśżźćń]{1,6}", Just("コード".to_owned()), Just("é".to_owned()), Just(" ".to_owned())];
        let style = prop_oneof![
            Just(Style::default()),
            Just(Style::default().fg(Color::Indexed(4))),
            Just(Style::default().add_modifier(Modifier::BOLD)),
            Just(Style::default().add_modifier(Modifier::REVERSED).fg(Color::Indexed(8))),
        ];
        let edit = (0u16..24, 0u16..5, word, style);
        prop::collection::vec(prop::collection::vec(edit, 0..12), 1..6).prop_map(|steps| {
            let mut b = Buffer::empty(Rect::new(0, 0, 24, 5));
            steps
                .into_iter()
                .map(|edits| {
                    for (x, y, w, s) in edits {
                        b.set_stringn(x, y, &w, usize::from(24 - x), s);
                    }
                    b.clone()
                })
                .collect()
        })
    }

    /// Whole frames of a small alphabet: many cells stay the same by chance,
    /// so many short gaps, some in another style or beside a wide character.
    fn similar_frames() -> impl Strategy<Value = Vec<Buffer>> {
        let cell = prop_oneof![
            8 => Just(("a", Style::default())),
            8 => Just(("b", Style::default())),
            6 => Just((" ", Style::default())),
            2 => Just(("ó", Style::default())),
            1 => Just(("a", Style::default().fg(Color::Indexed(4)))),
            1 => Just(("b", Style::default().add_modifier(Modifier::REVERSED))),
            1 => Just(("コ", Style::default())),
        ];
        prop::collection::vec(prop::collection::vec(cell, 16 * 3), 2..5).prop_map(|frames| {
            frames
                .into_iter()
                .map(|cells| {
                    let mut b = Buffer::empty(Rect::new(0, 0, 16, 3));
                    for (i, (sym, style)) in cells.into_iter().enumerate() {
                        let (x, y) = ((i % 16) as u16, (i / 16) as u16);
                        b.set_stringn(x, y, sym, usize::from(16 - x), style);
                    }
                    b
                })
                .collect()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { rng_seed: proptest::test_runner::RngSeed::Fixed(0x5EED_2026_1128), ..ProptestConfig::default() })]

        #[test]
        fn edits_show_as_they_would_without_bridging(frames in frames()) {
            play(&frames);
        }

        #[test]
        fn bridging_never_changes_the_screen(frames in similar_frames()) {
            let (sizes, _) = play(&frames);
            prop_assert!(sizes.iter().all(|(plain, compact)| compact <= plain), "{sizes:?}");
        }
    }
}
