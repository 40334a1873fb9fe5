//! The terminal backend: what ratatui draws, in as few bytes as it takes.
//!
//! Over SSH every byte of a frame crosses the link, and moving the cursor
//! to another practice changes most of the detail pane. ratatui already
//! sends only the cells that changed; its crossterm backend then spends
//! bytes this one saves:
//!
//! - It moves the cursor before every run of changed cells with an absolute
//!   `ESC [ row ; col H` (6 to 8 bytes). Rewrapped text leaves a character
//!   or two unchanged between changed ones ("o" of "rozwój" in both texts),
//!   so this backend keeps a copy of what the terminal shows and reprints
//!   the unchanged cells of a short gap where that is cheaper than a move;
//!   other moves along a row are relative (`ESC [ n C`, 4 bytes).
//! - It writes every colour change as `ESC [ 38;5;n;49 m` and ends every
//!   frame with four resets; this backend writes one SGR with only what
//!   changed, in the short forms (`ESC [ 34 m`), and one reset.
//!
//! Together they take a cursor move at 80x24 from about 1.1 kB to about
//! 0.8 kB (see README, Performance). The screen is always what ratatui
//! drew: a gap is bridged only when every cell in it is known, one column
//! wide and in the style of the cell before it, and anything this backend
//! cannot know (after a partial clear, the second column of a wide
//! character) is marked unknown and never reprinted. The property tests
//! below play random frames through both backends into a terminal emulator
//! and compare the screens cell by cell.

use std::fmt::Write as _;
use std::io::{self, Write};

use crossterm::{cursor, queue, terminal};
use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Cell, CellDiffOption};
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

/// Stands for a cell whose content on the terminal is not known. No
/// rendered cell holds it: text is sanitised, and NUL is a control.
const UNKNOWN: &str = "\0";

/// Gaps longer than this are not even looked at: only a gap of fewer bytes
/// than a move along the row is ever bridged.
const MAX_GAP: u16 = 8;

/// Bytes of a move along a row over a gap of 2 to [`MAX_GAP`] cells (`ESC [ n C`).
const MOVE_ALONG: usize = 4;
const _: () = assert!(MAX_GAP < 10, "a one-digit move");

pub struct Compact<W: Write> {
    out: W,
    /// What the terminal shows, row by row; `width` cells a row.
    shadow: Vec<Cell>,
    width: u16,
    /// The size of the screen drawn on, as its owner says (a pty's, an SSH
    /// client's); `None`: ask this process's terminal.
    screen: Option<(u16, u16)>,
}

/// The pen: style of the text written next (reset at the end of each frame).
#[derive(Clone, Copy, PartialEq)]
struct Pen {
    fg: Color,
    bg: Color,
    modifier: Modifier,
}

const RESET: Pen = Pen { fg: Color::Reset, bg: Color::Reset, modifier: Modifier::empty() };

impl<W: Write> Compact<W> {
    pub fn new(out: W) -> Self {
        Self { out, shadow: Vec::new(), width: 0, screen: None }
    }

    /// A backend for a screen of the size given, which only its owner can
    /// change ([`Compact::set_size`]): no terminal is asked.
    pub fn sized(out: W, width: u16, height: u16) -> Self {
        Self { screen: Some((width, height)), ..Self::new(out) }
    }

    pub fn set_size(&mut self, width: u16, height: u16) {
        self.screen = Some((width, height));
    }

    /// Where the frames go, for what is written around them (synchronized
    /// output, OSC 52).
    pub fn writer_mut(&mut self) -> &mut W {
        &mut self.out
    }

    fn at(&self, x: u16, y: u16) -> Option<&Cell> {
        if x >= self.width {
            return None;
        }
        self.shadow.get(usize::from(y) * usize::from(self.width) + usize::from(x))
    }

    /// Records that `c` is now at (x, y), growing the copy if the screen grew.
    fn record(&mut self, x: u16, y: u16, c: &Cell) {
        let height = self.shadow.len() / usize::from(self.width.max(1));
        if x >= self.width || usize::from(y) >= height {
            let (width, new_height) = (self.width.max(x.saturating_add(1)), height.max(usize::from(y) + 1));
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
    /// cheaper than moving the cursor over them and shows the same.
    fn bridge(&self, after: (u16, u16, &Cell), x: u16, y: u16) -> Option<Vec<Cell>> {
        let (px, py, prev) = after;
        if py != y || x <= px.saturating_add(1) || x - px - 1 > MAX_GAP || prev.symbol().width() != 1 {
            return None;
        }
        // The cursor stands after `prev`; the move would be `ESC [ C` over
        // one cell, `ESC [ n C` over more.
        let move_cost = if x - px - 1 == 1 { MOVE_ALONG - 1 } else { MOVE_ALONG };
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

/// A cell's text as it may reach the terminal. Text from a store is clean
/// already; this is the last guard for anything else drawn (a message that
/// quotes a path or a broken file's words), so no cell can carry a control.
fn safe_symbol(symbol: &str) -> &str {
    let unsafe_char =
        |c: char| c.is_control() || crate::text::sanitize::is_bidi_control(c) || matches!(c, '\u{2028}' | '\u{2029}');
    if symbol.chars().any(unsafe_char) { "\u{FFFD}" } else { symbol }
}

fn cell(symbol: &'static str) -> Cell {
    Cell::new(symbol)
}

/// The SGR parameters of a colour, in the shortest form terminals read the
/// same as crossterm's `38;5;n` (the first 16 palette entries are the
/// named colours).
fn colour(out: &mut String, c: Color, background: bool) {
    let base = if background { 10 } else { 0 };
    let named = |n: u8| if n < 8 { 30 + n } else { 90 + n - 8 };
    let _ = match c {
        Color::Reset => write!(out, "{}", 39 + base),
        Color::Black => write!(out, "{}", named(0) + base),
        Color::Red => write!(out, "{}", named(1) + base),
        Color::Green => write!(out, "{}", named(2) + base),
        Color::Yellow => write!(out, "{}", named(3) + base),
        Color::Blue => write!(out, "{}", named(4) + base),
        Color::Magenta => write!(out, "{}", named(5) + base),
        Color::Cyan => write!(out, "{}", named(6) + base),
        Color::Gray => write!(out, "{}", named(7) + base),
        Color::DarkGray => write!(out, "{}", named(8) + base),
        Color::LightRed => write!(out, "{}", named(9) + base),
        Color::LightGreen => write!(out, "{}", named(10) + base),
        Color::LightYellow => write!(out, "{}", named(11) + base),
        Color::LightBlue => write!(out, "{}", named(12) + base),
        Color::LightMagenta => write!(out, "{}", named(13) + base),
        Color::LightCyan => write!(out, "{}", named(14) + base),
        Color::White => write!(out, "{}", named(15) + base),
        Color::Indexed(i) if i < 16 => write!(out, "{}", named(i) + base),
        Color::Indexed(i) => write!(out, "{};5;{i}", 38 + base),
        Color::Rgb(r, g, b) => write!(out, "{};2;{r};{g};{b}", 38 + base),
    };
}

/// Appends one SGR sequence taking the pen from `from` to `to` (nothing if equal).
fn sgr(out: &mut String, from: Pen, to: Pen) {
    if from == to {
        return;
    }
    out.push_str("\x1b[");
    let first = out.len();
    let sep = |out: &mut String| {
        if out.len() > first {
            out.push(';');
        }
    };
    let removed = from.modifier - to.modifier;
    // 22 ends bold and dim together: one that stays is set again below.
    let mut readd = Modifier::empty();
    if removed.intersects(Modifier::BOLD | Modifier::DIM) {
        sep(out);
        out.push_str("22");
        readd = to.modifier & (Modifier::BOLD | Modifier::DIM);
    }
    for (m, off) in [
        (Modifier::ITALIC, "23"),
        (Modifier::UNDERLINED, "24"),
        (Modifier::SLOW_BLINK | Modifier::RAPID_BLINK, "25"),
        (Modifier::REVERSED, "27"),
        (Modifier::HIDDEN, "28"),
        (Modifier::CROSSED_OUT, "29"),
    ] {
        if removed.intersects(m) {
            sep(out);
            out.push_str(off);
            readd |= to.modifier & m;
        }
    }
    let added = (to.modifier - from.modifier) | readd;
    for (m, on) in [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::SLOW_BLINK, "5"),
        (Modifier::RAPID_BLINK, "6"),
        (Modifier::REVERSED, "7"),
        (Modifier::HIDDEN, "8"),
        (Modifier::CROSSED_OUT, "9"),
    ] {
        if added.contains(m) {
            sep(out);
            out.push_str(on);
        }
    }
    if from.fg != to.fg {
        sep(out);
        colour(out, to.fg, false);
    }
    if from.bg != to.bg {
        sep(out);
        colour(out, to.bg, true);
    }
    out.push('m');
}

impl<W: Write> Backend for Compact<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut cells: Vec<(u16, u16, Cell)> = Vec::new();
        for (x, y, c) in content {
            if let Some(&(px, py, ref prev)) = cells.last()
                && let Some(gap) = self.bridge((px, py, prev), x, y)
            {
                cells.extend(gap.into_iter().zip(px + 1..x).map(|(g, gx)| (gx, y, g)));
            }
            cells.push((x, y, c.clone()));
        }
        let mut buf = String::new();
        let mut pen = RESET;
        // Where the cursor is, while known: after the last column a
        // terminal holds it there with a wrap pending, so it is forgotten.
        let mut cursor: Option<(u16, u16)> = None;
        for (x, y, c) in &cells {
            let (x, y) = (*x, *y);
            match cursor {
                Some((cx, cy)) if cy == y && cx == x => {}
                Some((cx, cy)) if cy == y && cx < x && x - cx > 1 => {
                    let _ = write!(buf, "\x1b[{}C", x - cx);
                }
                Some((cx, cy)) if cy == y && cx + 1 == x => buf.push_str("\x1b[C"),
                _ => {
                    let _ = write!(buf, "\x1b[{};{}H", y + 1, x + 1);
                }
            }
            let next = Pen { fg: c.fg, bg: c.bg, modifier: c.modifier };
            sgr(&mut buf, pen, next);
            pen = next;
            buf.push_str(safe_symbol(c.symbol()));
            // A symbol of no width leaves the cursor where it was, which
            // terminals disagree on for some symbols: place the next cell afresh.
            let width = c.symbol().width() as u16;
            let end = x.saturating_add(width);
            cursor = (width > 0 && (self.width == 0 || end < self.width)).then_some((end, y));
        }
        if pen != RESET {
            buf.push_str("\x1b[0m");
        }
        self.out.write_all(buf.as_bytes())?;
        for (x, y, c) in &cells {
            self.record(*x, *y, c);
        }
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        queue!(self.out, cursor::Hide)
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        queue!(self.out, cursor::Show)
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        cursor::position().map(|(x, y)| Position { x, y })
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let Position { x, y } = position.into();
        queue!(self.out, cursor::MoveTo(x, y))
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        // A full clear leaves blanks in the default style (every frame ends
        // with the style reset); what a partial one leaves is not tracked.
        // The copy keeps its size: it grows with what is drawn after a
        // resize, and columns past a narrower screen are never drawn to.
        let fill = if clear_type == ClearType::All { " " } else { UNKNOWN };
        self.shadow.fill(cell(fill));
        let kind = match clear_type {
            ClearType::All => terminal::ClearType::All,
            ClearType::AfterCursor => terminal::ClearType::FromCursorDown,
            ClearType::BeforeCursor => terminal::ClearType::FromCursorUp,
            ClearType::CurrentLine => terminal::ClearType::CurrentLine,
            ClearType::UntilNewLine => terminal::ClearType::UntilNewLine,
        };
        queue!(self.out, terminal::Clear(kind))
    }

    fn size(&self) -> io::Result<Size> {
        // ratatui allocates its frame buffers at this size: never the huge
        // one a terminal may claim.
        let (width, height) = match self.screen {
            Some(size) => size,
            None => terminal::size()?,
        };
        let (width, height) = crate::app::layout::clamp_size(width, height);
        Ok(Size { width, height })
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        let w = terminal::window_size()?;
        Ok(WindowSize {
            columns_rows: Size { width: w.columns, height: w.rows },
            pixels: Size { width: w.width, height: w.height },
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
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
    /// (plain, compact), the last screen, and what `Compact` wrote of each.
    fn play(frames: &[Buffer]) -> (Vec<(usize, usize)>, vt100::Parser, Vec<String>) {
        let area = frames[0].area;
        let size = |n: u16| std::num::NonZeroU16::new(n).unwrap();
        let mut screens = [0, 1].map(|_| vt100::Parser::new(size(area.height), size(area.width), 0));
        let mut prev = Buffer::empty(area);
        let written = Sink::default();
        let mut plain = CrosstermBackend::new(written.clone());
        let mut thrifty = Compact::new(written.clone());
        let (mut sizes, mut written_by_compact) = (Vec::new(), Vec::new());
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
            written_by_compact.push(String::from_utf8_lossy(&b).into_owned());
            prev = next.clone();
        }
        let [_, compact] = screens;
        (sizes, compact, written_by_compact)
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
        let (sizes, screen, _) = play(&[a, b.clone()]);
        assert!(sizes.iter().all(|(plain, compact)| compact < plain), "{sizes:?}");
        assert_shows(screen.screen(), &b);
        // An unchanged cell between changed ones is printed again ("r", one
        // byte) where that is shorter than a move; four bytes ("na w") are
        // no shorter than the move over them ("ESC [4C").
        let (a, b) = (text_frame(&["gmina wdrożenie"]), text_frame(&["gmIna wDrOżenie"]));
        let (_, screen, out) = play(&[a, b.clone()]);
        assert_eq!(out[1], "\x1b[1;3HI\x1b[4CDrO", "{:?}", out[1]);
        assert_shows(screen.screen(), &b);
    }

    #[test]
    fn a_cell_cannot_carry_a_control_to_the_terminal() {
        let written = Sink::default();
        let mut backend = Compact::new(written.clone());
        let a = text_frame(&["abc"]);
        let mut b = text_frame(&["abc"]);
        b[(1, 0)].set_symbol("\u{1b}]0;x\u{7}");
        b[(2, 0)].set_symbol("\u{9b}\u{202E}");
        backend.draw(Buffer::empty(a.area).diff(&a).into_iter()).unwrap();
        std::mem::take(&mut *written.0.borrow_mut());
        backend.draw(a.diff(&b).into_iter()).unwrap();
        let out = String::from_utf8(std::mem::take(&mut *written.0.borrow_mut())).unwrap();
        assert!(
            !out.contains("]0;") && !out.contains('\u{7}') && !out.contains('\u{9b}') && !out.contains('\u{202E}'),
            "{out:?}"
        );
        assert!(out.contains('\u{FFFD}'), "{out:?}");
    }

    #[test]
    fn gaps_in_another_style_or_with_wide_characters_are_moved_over() {
        let mut a = text_frame(&["ab cd ef", "コa b"]);
        a.set_string(2, 0, " ", Style::default().fg(Color::Indexed(2)));
        let mut b = text_frame(&["xb cy ef", "コx b"]);
        b.set_string(2, 0, " ", Style::default().fg(Color::Indexed(2)));
        let (_, screen, out) = play(&[a, b.clone()]);
        // "x" and "y" are written; the gap between them is moved over (a
        // cell of another colour), and so is the wide character.
        assert_eq!(out[1], "\x1b[1;1Hx\x1b[3Cy\x1b[2;3Hx", "{:?}", out[1]);
        assert_shows(screen.screen(), &b);
    }

    #[test]
    fn a_full_clear_leaves_known_blanks_and_a_partial_one_nothing_known() {
        let written = Sink::default();
        let take = || std::mem::take(&mut *written.0.borrow_mut());
        let mut parser = vt100::Parser::new(2.try_into().unwrap(), 40.try_into().unwrap(), 0);
        let mut backend = Compact::new(written.clone());
        let (a, b) = (text_frame(&["abcdef", "ghijkl"]), text_frame(&["x y", ""]));
        let empty = Buffer::empty(a.area);
        backend.draw(empty.diff(&a).into_iter()).unwrap();
        parser.process(&take());
        // After a resize ratatui clears the screen and draws all over again.
        backend.clear_region(ClearType::All).unwrap();
        backend.draw(empty.diff(&b).into_iter()).unwrap();
        let out = take();
        parser.process(&out);
        assert!(String::from_utf8_lossy(&out).ends_with("\x1b[1;1Hx y"), "the blank is known: {out:?}");
        assert_shows(parser.screen(), &b);
        backend.clear_region(ClearType::AfterCursor).unwrap();
        backend.draw(empty.diff(&b).into_iter()).unwrap();
        let out = take();
        assert!(String::from_utf8_lossy(&out).ends_with("\x1b[1;1Hx\x1b[Cy"), "nothing known: {out:?}");
        parser.process(&out);
        assert_shows(parser.screen(), &b);
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
            let (sizes, _, _) = play(&frames);
            prop_assert!(sizes.iter().all(|(plain, compact)| compact <= plain), "{sizes:?}");
        }
    }
}
