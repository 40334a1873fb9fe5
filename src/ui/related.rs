//! The related practices overlay: each practice with its place, and under
//! it, muted, why it is listed.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::{Theme, centered, fit, hints};
use crate::app::Model;
use crate::input::{Command, Mode};
use crate::text::width::truncate;

pub(super) fn render(m: &Model, theme: &Theme, f: &mut Frame, area: Rect) {
    let Some(view) = &m.related else { return };
    let s = m.strings();
    let width = usize::from(area.width.saturating_sub(2)).min(100);
    let inner = width.saturating_sub(2);
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_line = 0;
    match view.items.as_deref().map(Vec::as_slice) {
        None => lines.push(Line::styled(s.related_finding, theme.muted)),
        Some([]) => lines.push(Line::styled(s.related_none, theme.muted)),
        Some(items) => {
            for (i, r) in items.iter().enumerate() {
                let Some(p) = m.store.practices.get(r.index) else { continue };
                let place = p.town().or(p.voivodeship()).unwrap_or("");
                let mut title = Line::from(vec![
                    Span::styled(p.title().to_owned(), theme.text),
                    Span::styled(if place.is_empty() { String::new() } else { format!(" · {place}") }, theme.muted),
                ]);
                if i == view.selected {
                    selected_line = lines.len();
                    title = super::selected(title, theme.selected);
                }
                lines.push(fit(title, inner));
                lines.push(fit(Line::styled(format!("  {}", r.why(&m.store, s.related_also)), theme.muted), inner));
            }
        }
    }
    let for_title = view.key.0;
    let about = m.store.practices.get(for_title).map_or("", |p| p.title());
    let footer = hints(m, Mode::Related, &[Command::MoveDown, Command::Choose, Command::Close]);
    let h = (lines.len() as u16).saturating_add(2);
    let r = centered(area, (width as u16).max(30), h);
    let inner_h = usize::from(r.height.saturating_sub(2));
    // The selection and its reason stay in view, a practice never cut from
    // its reason at the top.
    let scroll = (selected_line + 2).saturating_sub(inner_h).next_multiple_of(2).min(selected_line);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(Span::styled(truncate(&format!(" {}: {about} ", s.related_title), inner), theme.heading))
        .title_bottom(Line::from(truncate(&format!(" {footer} "), inner)).centered());
    f.render_widget(Clear, r);
    f.render_widget(Paragraph::new(lines).block(block).scroll((scroll as u16, 0)), r);
}
