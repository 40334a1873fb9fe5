//! Where each pane goes for a terminal size. Pure, so that update (paging,
//! scrolling limits) and render agree on sizes without a terminal.

use ratatui::layout::Rect;

use super::model::Focus;

/// Below this the screen shows only "window too small".
/// The largest screen drawn: a pty or an SSH client may claim 65535x65535,
/// and a frame buffer of that size is 200 GB. A bigger window shows the
/// interface in its top-left corner.
pub const MAX_WIDTH: u16 = 1000;
pub const MAX_HEIGHT: u16 = 500;

/// A size as the interface takes it: at most [`MAX_WIDTH`] x [`MAX_HEIGHT`].
pub fn clamp_size(width: u16, height: u16) -> (u16, u16) {
    (width.min(MAX_WIDTH), height.min(MAX_HEIGHT))
}

pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 5;
/// From this width on, list and detail stand side by side.
pub const SIDE_BY_SIDE_WIDTH: u16 = 70;
/// Below side-by-side width, list and detail are stacked from this height on.
pub const STACKED_HEIGHT: u16 = 16;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    pub search: Rect,
    pub list: Option<Rect>,
    pub detail: Option<Rect>,
    pub status: Rect,
    pub too_small: bool,
}

impl Areas {
    /// Rows of list items that fit (inside the list's border).
    pub fn list_rows(&self) -> usize {
        self.list.map_or(1, |r| usize::from(r.height.saturating_sub(2)).max(1))
    }

    /// Width and height of the detail text (inside border and tab bar).
    pub fn detail_text(&self) -> (usize, usize) {
        self.detail.map_or((40, 10), |r| {
            (usize::from(r.width.saturating_sub(2)).max(1), usize::from(r.height.saturating_sub(4)).max(1))
        })
    }
}

pub fn areas(width: u16, height: u16, focus: Focus) -> Areas {
    let full = Rect::new(0, 0, width, height);
    if width < MIN_WIDTH || height < MIN_HEIGHT {
        return Areas { search: full, status: full, too_small: true, ..Areas::default() };
    }
    let search = Rect::new(0, 0, width, 1);
    let status = Rect::new(0, height - 1, width, 1);
    let body = Rect::new(0, 1, width, height - 2);
    let (list, detail) = if width >= SIDE_BY_SIDE_WIDTH {
        let list_w = (width * 2 / 5).clamp(28, 64);
        (Some(Rect { width: list_w, ..body }), Some(Rect { x: list_w, width: width - list_w, ..body }))
    } else if height >= STACKED_HEIGHT {
        let list_h = (body.height * 2 / 5).max(5);
        (Some(Rect { height: list_h, ..body }), Some(Rect { y: body.y + list_h, height: body.height - list_h, ..body }))
    } else if focus == Focus::Detail {
        (None, Some(body))
    } else {
        (Some(body), None)
    };
    Areas { search, list, detail, status, too_small: false }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_by_size() {
        let a = areas(80, 24, Focus::List);
        assert_eq!((a.list.unwrap().width, a.detail.unwrap().width), (32, 48));
        assert_eq!(a.list_rows(), 20);
        let stacked = areas(60, 24, Focus::List);
        assert_eq!(stacked.list.unwrap().width, 60);
        assert!(stacked.detail.unwrap().y > stacked.list.unwrap().y);
        let small = areas(60, 10, Focus::List);
        assert!(small.list.is_some() && small.detail.is_none());
        assert!(areas(60, 10, Focus::Detail).list.is_none());
        assert!(areas(19, 24, Focus::List).too_small);
        assert!(areas(1, 1, Focus::List).too_small);
    }
}
