//! The mouse: the wheel scrolls what is under it, a click selects a row or
//! focuses a pane. Overlays (help, card, facets, map) keep both to
//! themselves.

use super::model::{Focus, Model};
use super::update::{keep_visible, reset_detail, step};

/// Lines one notch of the mouse wheel moves.
const MOUSE_LINES: isize = 3;

/// The wheel turned over a cell: overlays take it wherever it is, otherwise
/// the pane under it.
pub(super) fn on_wheel(m: &mut Model, column: u16, row: u16, down: bool) {
    let delta = if down { MOUSE_LINES } else { -MOUSE_LINES };
    if !m.has_overlay() {
        let a = m.areas();
        if a.list.is_some_and(|r| r.contains((column, row).into())) {
            m.focus = Focus::List;
        } else if a.detail.is_some_and(|r| r.contains((column, row).into())) && m.selected().is_some() {
            m.focus = Focus::Detail;
        }
    }
    step(m, delta);
}

/// A left click: a row of the list selects it, a pane takes the focus.
pub(super) fn on_click(m: &mut Model, column: u16, row: u16) {
    // On the map, a voivodeship (or its row of the legend) is selected.
    if let Some(view) = &m.map {
        let (w, h) = m.size;
        let inner = ratatui::layout::Rect::new(1, 1, w.saturating_sub(2), h.saturating_sub(2));
        let at = crate::map::layout::region_at(inner, &view.counts, view.selected, column, row);
        if let (Some(i), Some(view)) = (at, &mut m.map) {
            view.selected = i;
            view.typed.clear();
        }
        return;
    }
    let a = m.areas();
    if m.has_overlay() {
        return;
    }
    if let Some(r) = a.list.filter(|r| r.contains((column, row).into())) {
        m.focus = Focus::List;
        // Rows start inside the border.
        let clicked = m.list.offset + usize::from(row.saturating_sub(r.y + 1));
        if row > r.y && row < r.y + r.height - 1 && clicked < m.list.hits.len() && clicked != m.list.selected {
            m.list.selected = clicked;
            keep_visible(m);
            reset_detail(m);
        }
    } else if a.search.contains((column, row).into()) {
        m.focus = Focus::Search;
        m.search.cursor = m.search.text.chars().count();
    } else if a.detail.is_some_and(|r| r.contains((column, row).into())) && m.selected().is_some() {
        m.focus = Focus::Detail;
    }
}
