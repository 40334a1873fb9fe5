//! The map overlay, and the map as `praktyki map` prints it: outlines from
//! the raster kept for the size, each voivodeship shaded by its count
//! (where colour is on), its letters and count at its label point, and a
//! legend numbered for jumping. Below the size where outlines can be read,
//! a table of the same voivodeships in the map's layout.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear};

use super::{Theme, hints};
use crate::app::Model;
use crate::i18n::Strings;
use crate::input::{Command, Mode};
use crate::map::raster::{Raster, braille};
use crate::map::{COUNT, Counts, GRID, GRID_SIZE, regions};
use crate::store::checks::VOIVODESHIPS;
use crate::text::width::{columns, truncate};

/// The smallest map area whose outlines and labels can be read.
const MIN_MAP: (u16, u16) = (34, 12);
/// The longest name, "warmińsko-mazurskie".
const NAME_WIDTH: usize = 19;

pub(super) fn render(m: &Model, theme: &Theme, f: &mut Frame, area: Rect) {
    let Some(view) = &m.map else { return };
    let s = m.strings();
    let width = usize::from(area.width.saturating_sub(2));
    // The four moves as one hint ("hjkl move"), as vim users read them.
    let moves: Vec<String> = [Command::MoveLeft, Command::MoveDown, Command::MoveUp, Command::MoveRight]
        .iter()
        .filter_map(|c| m.keymap.keys_for(Mode::Map, c).first().map(ToString::to_string))
        .collect();
    let rest = hints(m, Mode::Map, &[Command::Choose, Command::Close]);
    let footer = if moves.len() == 4 && moves.iter().all(|k| k.chars().count() == 1) {
        format!("{} {} · {rest}", moves.concat(), s.map_move)
    } else {
        rest
    };
    let query = m.search.text.trim();
    let title = if query.is_empty() { format!(" {} ", s.map_title) } else { format!(" {} · {query} ", s.map_title) };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(Span::styled(truncate(&title, width), theme.heading))
        .title_bottom(Line::from(truncate(&format!(" {footer} "), width)).centered());
    let inner = block.inner(area);
    f.render_widget(Clear, area);
    f.render_widget(block, area);
    draw(f.buffer_mut(), inner, &view.counts, Some(view.selected), theme, s, true);
}

/// Draws the map of `counts` in `area`: outlines and a legend where they
/// fit, else the table. `selected` is highlighted; `keys` says how to
/// jump (not on paper).
pub fn draw(
    buf: &mut Buffer,
    area: Rect,
    counts: &Counts,
    selected: Option<usize>,
    theme: &Theme,
    s: &Strings,
    keys: bool,
) {
    let count_width = counts.per_region.iter().chain([&counts.elsewhere]).max().map_or(1, |n| n.to_string().len());
    let legend_width = (3 + NAME_WIDTH + 1 + count_width) as u16;
    let with_legend = area.width >= MIN_MAP.0 + legend_width + 2;
    let map_width = if with_legend { area.width - legend_width - 2 } else { area.width };
    if map_width < MIN_MAP.0 || area.height < MIN_MAP.1 {
        draw_table(buf, area, counts, selected, theme, keys.then_some(s.map_jump_hint));
        return;
    }
    let map_area = Rect { width: map_width, ..area };
    draw_outlines(buf, map_area, counts, selected, theme);
    if with_legend {
        let legend = Rect { x: area.x + map_width + 2, width: legend_width, ..area };
        draw_legend(buf, legend, counts, selected, theme, s, keys);
    }
}

fn draw_outlines(buf: &mut Buffer, area: Rect, counts: &Counts, selected: Option<usize>, theme: &Theme) {
    let raster = Raster::for_size(area.width, area.height);
    let w = usize::from(area.width);
    // Shading first, then dots over it, then the selected outline, then labels.
    for (i, owner) in raster.owner.iter().enumerate() {
        let (col, row) = ((i % w) as u16, (i / w) as u16);
        let shade = (*owner != crate::map::raster::OUTSIDE).then(|| theme.map_shades[counts.step(usize::from(*owner))]);
        let bits = raster.dots[i];
        if shade.is_none() && bits == 0 {
            continue;
        }
        let cell = &mut buf[(area.x + col, area.y + row)];
        if bits != 0 {
            cell.set_char(braille(bits)).set_style(theme.map_border);
        }
        if let Some(Some(bg)) = shade {
            cell.set_bg(bg);
        }
    }
    if let Some(sel) = selected
        && let Some(outline) = raster.outlines.get(sel)
    {
        for (i, bits) in outline {
            let i = *i as usize;
            let (col, row) = ((i % w) as u16, (i / w) as u16);
            // Only the selected one's dots, in its colour: a shared border
            // cell shows the selected side.
            buf[(area.x + col, area.y + row)].set_char(braille(*bits)).set_style(theme.map_selected);
        }
    }
    for (i, (col, row)) in raster.labels.iter().enumerate() {
        let code = regions().regions.get(i).map_or("??", |r| r.code());
        let count = counts.per_region[i].to_string();
        let style = if selected == Some(i) { theme.selected } else { theme.map_label };
        let count_style =
            if selected == Some(i) { theme.selected } else { theme.map_label.remove_modifier(Modifier::BOLD) };
        put_centred(buf, area, *col, *row, code, style);
        if *row + 1 < area.height {
            put_centred(buf, area, *col, *row + 1, &count, count_style);
        }
    }
}

/// Writes `text` centred on (col, row) of `area`, kept inside it.
fn put_centred(buf: &mut Buffer, area: Rect, col: u16, row: u16, text: &str, style: Style) {
    let w = columns(text) as u16;
    let x = col.saturating_sub(w / 2).min(area.width.saturating_sub(w));
    buf.set_stringn(area.x + x, area.y + row, text, usize::from(area.width - x), style);
}

fn draw_legend(
    buf: &mut Buffer,
    area: Rect,
    counts: &Counts,
    selected: Option<usize>,
    theme: &Theme,
    s: &Strings,
    keys: bool,
) {
    let count_width = usize::from(area.width) - 3 - NAME_WIDTH - 1;
    let mut lines: Vec<Line> = (0..COUNT)
        .map(|i| {
            let n = counts.per_region[i];
            let text = format!("{:>2} {:<NAME_WIDTH$} {n:>count_width$}", i + 1, VOIVODESHIPS[i]);
            let style = match (selected == Some(i), n) {
                (true, _) => theme.selected,
                (false, 0) => theme.muted,
                _ => theme.text,
            };
            Line::styled(text, style)
        })
        .collect();
    if counts.elsewhere > 0 {
        let room = usize::from(area.width).saturating_sub(count_width + 4);
        lines.push(Line::styled(
            format!("   {:<room$} {:>count_width$}", truncate(s.map_elsewhere, room), counts.elsewhere),
            theme.muted,
        ));
    }
    if keys {
        lines.push(Line::raw(""));
        lines.push(Line::styled(truncate(s.map_jump_hint, usize::from(area.width)), theme.muted));
    }
    // The selected row stays in view on a short window.
    let skip = selected.map_or(0, |sel| (sel + 1).saturating_sub(usize::from(area.height)));
    for (row, line) in lines.iter().skip(skip).take(usize::from(area.height)).enumerate() {
        buf.set_line(area.x, area.y + row as u16, line, area.width);
    }
}

/// The small form: a 5×4 table in the map's layout, "MA 12" a cell, and
/// the selected voivodeship's name below.
fn draw_table(
    buf: &mut Buffer,
    area: Rect,
    counts: &Counts,
    selected: Option<usize>,
    theme: &Theme,
    hint: Option<&str>,
) {
    let (cols, rows) = (u16::from(GRID_SIZE.0), u16::from(GRID_SIZE.1));
    let cell_w = (area.width / cols).max(1);
    let top = area.y + area.height.saturating_sub(rows + 2) / 2;
    let left = area.x + area.width.saturating_sub(cell_w * cols) / 2;
    for (i, (col, row)) in GRID.iter().enumerate() {
        let y = top + u16::from(*row);
        if y >= area.bottom() {
            continue;
        }
        let code = regions().regions.get(i).map_or("??", |r| r.code());
        let text = truncate(&format!("{code} {}", counts.per_region[i]), usize::from(cell_w.saturating_sub(1)));
        let style = match (selected == Some(i), counts.step(i)) {
            (true, _) => theme.selected,
            (false, 0) => theme.muted,
            (false, step) => theme.map_label.bg(theme.map_shades[step].unwrap_or_default()),
        };
        let style = if theme.map_shades[1].is_none() && selected != Some(i) { theme.text } else { style };
        buf.set_stringn(left + u16::from(*col) * cell_w, y, text, usize::from(cell_w), style);
    }
    if let Some(sel) = selected {
        let y = top + rows + 1;
        if y < area.bottom() {
            let text = format!("{} {}: {}", sel + 1, VOIVODESHIPS[sel], counts.per_region[sel]);
            buf.set_stringn(
                area.x,
                y,
                truncate(&text, usize::from(area.width)),
                usize::from(area.width),
                theme.heading,
            );
        }
    } else if let Some(hint) = hint.filter(|_| top + rows + 1 < area.bottom()) {
        let text = truncate(hint, usize::from(area.width));
        buf.set_stringn(area.x, top + rows + 1, text, usize::from(area.width), theme.muted);
    }
}

/// The map as text for `praktyki map`: `width`×`height` cells, no styles.
pub fn as_text(counts: &Counts, width: u16, height: u16, s: &Strings) -> String {
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    draw(&mut buf, area, counts, None, &Theme::mono(), s, false);
    let mut out = String::new();
    for row in 0..height {
        let mut line = String::new();
        let mut skip = 0;
        for col in 0..width {
            // A wide character's second cell holds nothing of its own.
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buf[(col, row)].symbol();
            skip = columns(symbol).saturating_sub(1);
            line.push_str(symbol);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    // Rows left empty below the map say nothing.
    let trimmed = out.trim_end_matches('\n').len();
    out.truncate(trimmed);
    out.push('\n');
    out
}
