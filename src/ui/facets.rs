//! The facet list overlay: sections and voivodeships with their counts.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::{Theme, centered, hints};
use crate::app::Model;
use crate::app::facets::FIELDS;
use crate::input::{Command, Mode};
use crate::text::width::{columns, head_within, push_cut_mark, tail_within, truncate};

pub(super) fn render(m: &Model, theme: &Theme, f: &mut Frame, area: Rect) {
    let Some(facets) = &m.facets else { return };
    let s = m.strings();
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_line = 0;
    let count_width = facets.items.iter().map(|i| i.count.to_string().len()).max().unwrap_or(1);
    // Values are cut with "…" to what the window leaves them.
    let value_room = usize::from(area.width).saturating_sub(count_width + 8);
    for (field, heading) in FIELDS.iter().zip(s.facet_fields) {
        let mut first = true;
        for (i, item) in facets.items.iter().enumerate().filter(|(_, it)| it.filter == *field) {
            if first {
                if !lines.is_empty() {
                    lines.push(Line::raw(""));
                }
                lines.push(Line::styled(heading, theme.heading));
                first = false;
            }
            let mut line = Line::from(vec![
                Span::styled(format!("  {:>count_width$}  ", item.count), theme.muted),
                Span::styled(cut_middle(&item.value, value_room), theme.text),
            ]);
            if i == facets.selected {
                selected_line = lines.len();
                line = super::selected(line, theme.selected);
            }
            lines.push(line);
        }
    }
    if lines.is_empty() {
        lines.push(Line::styled(s.no_facets, theme.muted));
    }
    let footer = hints(m, Mode::Facets, &[Command::MoveDown, Command::Choose, Command::Close]);
    let widest = lines.iter().map(Line::width).max().unwrap_or(0).max(footer.width()) as u16;
    let r = centered(area, widest.saturating_add(4).max(30), (lines.len() as u16).saturating_add(2));
    let inner_h = usize::from(r.height.saturating_sub(2));
    // The selection stays in view; its heading too when it is the first row.
    let scroll = selected_line.saturating_sub(inner_h.saturating_sub(1));
    let width = usize::from(r.width.saturating_sub(2));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(Span::styled(truncate(&format!(" {} ", s.facets_title), width), theme.heading))
        // Where the selection is, as help and the detail pane say it.
        .title(
            Line::from(format!(" {}/{} ", facets.selected + 1, facets.items.len().max(1)))
                .style(theme.muted)
                .right_aligned(),
        )
        .title_bottom(Line::from(truncate(&format!(" {footer} "), width)).centered());
    f.render_widget(Clear, r);
    f.render_widget(Paragraph::new(lines).block(block).scroll((scroll as u16, 0)), r);
}

/// `s` in `width` columns: its start and its end around "…", since values
/// that begin alike (the synthetic marker, "Współpraca …") differ at the end.
fn cut_middle(s: &str, width: usize) -> String {
    if columns(s) <= width || width < 5 {
        return truncate(s, width);
    }
    let mut head = head_within(s, width / 3).to_owned();
    let room = width - columns(&head) - 1;
    push_cut_mark(&mut head);
    format!("{head}{}", tail_within(s, room))
}
