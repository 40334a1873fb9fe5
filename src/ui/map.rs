//! The map overlay, and the map as `praktyki map` prints it: outlines from
//! the raster kept for the size, each voivodeship shaded by its count
//! (where colour is on), its letters and count at its label point, and a
//! legend (number, letters, shade, name, count) for jumping. Below the size
//! where outlines and legend fit, a table of the same voivodeships in the
//! map's layout.

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
use crate::map::layout::{Layout, NAME_WIDTH, count_width, layout};
use crate::map::raster::{OUTSIDE, Raster, braille};
use crate::map::{COUNT, Counts, GRID, GRID_SIZE, regions};
use crate::store::checks::VOIVODESHIPS;
use crate::text::width::{columns, truncate};

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
    // The query the counts are of; a `woj:` set aside while the map is open
    // is said as such.
    let query = crate::text::sanitize::sanitize(m.search.text.trim(), false);
    let mut title =
        if query.is_empty() { format!(" {} ", s.map_title) } else { format!(" {} · {query} ", s.map_title) };
    if view.restore.is_some() {
        title.push_str(&format!("({}) ", s.map_woj_aside));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(Span::styled(truncate(&title, width), theme.heading));
    // A message (a jump that found nothing) where the status line would say
    // it, hidden under the map, in place of the keys; else the keys, and
    // what has been typed to jump.
    let block = match &m.status {
        Some((msg, _)) => block.title_bottom(Line::styled(truncate(&format!(" {msg} "), width), theme.status)),
        None if !view.typed.is_empty() => block
            .title_bottom(Line::styled(format!(" › {} ", view.typed), theme.prompt).left_aligned())
            .title_bottom(Line::from(truncate(&format!(" {footer} "), width.saturating_sub(14))).centered()),
        None => block.title_bottom(Line::from(truncate(&format!(" {footer} "), width)).centered()),
    };
    let inner = block.inner(area);
    f.render_widget(Clear, area);
    f.render_widget(block, area);
    draw(f.buffer_mut(), inner, &Paint { counts: &view.counts, selected: Some(view.selected), theme, s, keys: true });
}

/// What a map is drawn of and how: the counts, the selected voivodeship
/// (highlighted), the theme and words, and whether to say how to jump
/// (not on paper).
pub struct Paint<'a> {
    pub counts: &'a Counts,
    pub selected: Option<usize>,
    pub theme: &'a Theme,
    pub s: &'a Strings,
    pub keys: bool,
}

/// Draws the map in `area`: outlines and a legend where they fit, else the
/// table.
pub fn draw(buf: &mut Buffer, area: Rect, p: &Paint<'_>) {
    match layout(area, p.counts) {
        Layout::Table(area) => draw_table(buf, area, p),
        Layout::Outlines(map, legend) => {
            draw_outlines(buf, map, p.counts, p.selected, p.theme);
            draw_legend(buf, legend, p);
        }
    }
}

fn shade_of(theme: &Theme, counts: &Counts, selected: Option<usize>, region: usize) -> Option<ratatui::style::Color> {
    if selected == Some(region) && theme.map_selected_fill.is_some() {
        return theme.map_selected_fill;
    }
    theme.map_shades[counts.step(region)]
}

fn draw_outlines(buf: &mut Buffer, area: Rect, counts: &Counts, selected: Option<usize>, theme: &Theme) {
    let raster = Raster::for_size(area.width, area.height);
    let w = usize::from(area.width);
    let at = |i: usize| (area.x + (i % w) as u16, area.y + (i / w) as u16);
    // Shading first, then dots over it, then the selected outline, then labels.
    for (i, owner) in raster.owner.iter().enumerate() {
        let bits = raster.dots[i];
        let shade = (*owner != OUTSIDE).then(|| shade_of(theme, counts, selected, usize::from(*owner))).flatten();
        if shade.is_none() && bits == 0 {
            continue;
        }
        let cell = &mut buf[at(i)];
        if bits != 0 {
            cell.set_char(braille(bits)).set_style(theme.map_border);
        }
        if let Some(bg) = shade {
            cell.set_bg(bg);
        }
    }
    if let Some(outline) = selected.and_then(|sel| raster.outlines.get(sel)) {
        for (i, _) in outline {
            // Every dot of the cell, so shared borders keep their shape.
            let i = *i as usize;
            buf[at(i)].set_char(braille(raster.dots[i])).set_style(theme.map_selected);
        }
    }
    draw_labels(buf, area, &raster, counts, selected, theme);
}

/// Each voivodeship's letters and count, near its label point: moved a
/// little where another label is, the count left out where nothing fits,
/// with a blank cell each side so border dots do not run into the digits.
fn draw_labels(buf: &mut Buffer, area: Rect, raster: &Raster, counts: &Counts, sel: Option<usize>, theme: &Theme) {
    let mut taken = vec![false; usize::from(area.width) * usize::from(area.height)];
    let fits = |taken: &[bool], x: i32, y: i32, w: i32, h: i32| {
        x >= 0
            && y >= 0
            && x + w <= i32::from(area.width)
            && y + h <= i32::from(area.height)
            && (y..y + h).all(|r| (x..x + w).all(|c| !taken[(r * i32::from(area.width) + c) as usize]))
    };
    // The busiest first: their numbers matter most.
    let mut order: Vec<usize> = (0..COUNT).collect();
    order.sort_by_key(|i| (sel != Some(*i), std::cmp::Reverse(counts.per_region[*i])));
    for i in order {
        let (col, row) = raster.labels[i];
        let code = regions().regions.get(i).map_or("??", |r| r.code());
        let count = counts.per_region[i].to_string();
        let style = if sel == Some(i) { theme.selected } else { theme.map_label };
        let count_style = if sel == Some(i) { theme.selected } else { theme.map_label.remove_modifier(Modifier::BOLD) };
        let bg = shade_of(theme, counts, sel, i);
        let pad = |st: Style| bg.map_or(st, |c| Style::new().bg(c));
        'placed: for rows in [vec![(code, style), (count.as_str(), count_style)], vec![(code, style)]] {
            let w = rows.iter().map(|(t, _)| columns(t)).max().unwrap_or(2) as i32 + 2;
            let h = rows.len() as i32;
            for (dx, dy) in [(0, 0), (0, 1), (0, -1), (-1, 0), (1, 0), (0, 2), (0, -2), (-2, 0), (2, 0)] {
                let x = i32::from(col - area.x) - w / 2 + dx;
                let y = i32::from(row - area.y) + dy;
                if !fits(&taken, x, y, w, h) {
                    continue;
                }
                for (r, (text, st)) in rows.iter().enumerate() {
                    let y = y + r as i32;
                    for c in x..x + w {
                        taken[(y * i32::from(area.width) + c) as usize] = true;
                        buf[(area.x + c as u16, area.y + y as u16)].set_char(' ').set_style(pad(Style::new()));
                    }
                    let tw = columns(text) as i32;
                    let tx = x + (w - tw) / 2;
                    buf.set_string(area.x + tx as u16, area.y + y as u16, text, *st);
                    if let Some(c) = bg {
                        for cx in tx..tx + tw {
                            buf[(area.x + cx as u16, area.y + y as u16)].set_bg(c);
                        }
                    }
                }
                break 'placed;
            }
        }
    }
}

fn draw_legend(buf: &mut Buffer, area: Rect, p: &Paint<'_>) {
    let Paint { counts, selected, theme, s, keys } = *p;
    let cw = count_width(counts);
    let mut lines: Vec<Line> = (0..COUNT)
        .map(|i| {
            let n = counts.per_region[i];
            let style = match (selected == Some(i), n) {
                (true, _) => theme.selected,
                (false, 0) => theme.muted,
                _ => theme.text,
            };
            let code = regions().regions.get(i).map_or("??", |r| r.code());
            // A swatch of the voivodeship's shade says what the shades mean.
            let swatch = theme.map_shades[counts.step(i)].map_or(Style::new(), |c| Style::new().bg(c));
            Line::from(vec![
                Span::styled(format!("{:>2} {code} ", i + 1), style),
                Span::styled("  ", swatch),
                Span::styled(format!(" {:<NAME_WIDTH$} {n:>cw$}", VOIVODESHIPS[i]), style),
            ])
        })
        .collect();
    if counts.elsewhere > 0 {
        let room = usize::from(area.width).saturating_sub(cw + 10);
        lines.push(Line::styled(
            format!("         {:<room$} {:>cw$}", truncate(s.map_elsewhere, room), counts.elsewhere),
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

/// The small form: a 5×4 table in the map's layout, "MA 12" a cell (the
/// count under the letters when a cell is too narrow for both), and the
/// selected voivodeship's number, name and count below.
fn draw_table(buf: &mut Buffer, area: Rect, p: &Paint<'_>) {
    let Paint { counts, selected, theme, s, keys } = *p;
    let hint = keys.then_some(s.map_jump_hint);
    let (cols, rows) = (u16::from(GRID_SIZE.0), u16::from(GRID_SIZE.1));
    let cell_w = (area.width / cols).max(1);
    let widest = counts.per_region.iter().max().map_or(1, |n| n.to_string().len()) as u16;
    // Letters and count side by side, else stacked when the height allows.
    let stacked = 3 + widest > cell_w && area.height >= rows * 2 + 2;
    let cell_h = if stacked { 2 } else { 1 };
    let table_h = rows * cell_h;
    let top = area.y + area.height.saturating_sub(table_h + 2) / 2;
    let left = area.x + area.width.saturating_sub(cell_w * cols) / 2;
    for (i, (col, row)) in GRID.iter().enumerate() {
        let y = top + u16::from(*row) * cell_h;
        let x = left + u16::from(*col) * cell_w;
        let code = regions().regions.get(i).map_or("??", |r| r.code());
        let n = counts.per_region[i];
        let style = match (selected == Some(i), n) {
            (true, _) => theme.selected,
            (false, 0) => theme.muted,
            (false, _) => match theme.map_shades[counts.step(i)] {
                Some(bg) => theme.map_label.bg(bg),
                None => theme.text,
            },
        };
        let texts = if stacked { vec![code.to_owned(), n.to_string()] } else { vec![format!("{code} {n}")] };
        for (r, text) in texts.iter().enumerate() {
            let y = y + r as u16;
            if y < area.bottom() {
                let room = usize::from(cell_w.saturating_sub(1)).max(1);
                buf.set_stringn(x, y, truncate(text, room), room, style);
            }
        }
    }
    let below = top + table_h + 1;
    let text = match (selected, hint) {
        (Some(sel), _) => {
            Some((format!("{} {}: {}", sel + 1, VOIVODESHIPS[sel], counts.per_region[sel]), theme.heading))
        }
        (None, Some(hint)) => Some((hint.to_owned(), theme.muted)),
        (None, None) => None,
    };
    if let Some((text, style)) = text.filter(|_| below < area.bottom()) {
        let w = usize::from(area.width);
        buf.set_stringn(area.x, below, truncate(&text, w), w, style);
    }
}

/// The map as text for `praktyki map`: `width`×`height` cells, no styles;
/// when only the table fits, the legend follows it.
pub fn as_text(counts: &Counts, width: u16, height: u16, s: &Strings) -> String {
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    draw(&mut buf, area, &Paint { counts, selected: None, theme: &Theme::mono(), s, keys: false });
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
    // Rows left empty above and below the map say nothing.
    let mut out = out.trim_matches('\n').to_owned();
    out.push('\n');
    if matches!(layout(area, counts), Layout::Table(_)) {
        out.push('\n');
        let cw = count_width(counts);
        for (i, name) in VOIVODESHIPS.iter().enumerate() {
            let code = regions().regions.get(i).map_or("??", |r| r.code());
            out.push_str(&format!("{:>2} {code} {name:<NAME_WIDTH$} {:>cw$}\n", i + 1, counts.per_region[i]));
        }
    }
    out
}
