//! How the map's window is shared between outlines and legend (or the
//! table that stands for both when they do not fit): one answer for
//! drawing and for the mouse.

use ratatui::layout::Rect;

use super::Counts;
use super::raster::Raster;

/// The smallest map beside the legend whose outlines and labels can be read.
const MIN_MAP: (u16, u16) = (40, 16);
/// The longest name, "warmińsko-mazurskie".
pub const NAME_WIDTH: usize = 19;

/// How the map's area is shared, for drawing and for the mouse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Outlines in the first area (its raster's size), the legend in the second.
    Outlines(Rect, Rect),
    Table(Rect),
}

/// Digits the legend keeps for counts, so the map does not move when a
/// count grows a digit.
pub fn count_width(counts: &Counts) -> usize {
    counts.per_region.iter().chain([&counts.elsewhere]).max().map_or(1, |n| n.to_string().len()).max(4)
}

pub fn layout(area: Rect, counts: &Counts) -> Layout {
    // Number, letters, shade, name, count.
    let legend_width = (3 + 3 + 3 + NAME_WIDTH + 1 + count_width(counts)) as u16;
    if area.width < MIN_MAP.0 + legend_width + 2 || area.height < MIN_MAP.1 {
        return Layout::Table(area);
    }
    let map = Rect { width: area.width - legend_width - 2, ..area };
    let raster = Raster::for_size(map.width, map.height);
    // The legend level with the top of Poland.
    let top = map.y + raster.map.y;
    let legend = Rect { x: map.right() + 2, y: top, width: legend_width, height: area.bottom() - top };
    Layout::Outlines(map, legend)
}

/// The voivodeship under a cell of `area` (screen coordinates): in the
/// outlines, or a row of the legend (which scrolls to keep `selected` in
/// view, as drawn).
pub fn region_at(area: Rect, counts: &Counts, selected: usize, column: u16, row: u16) -> Option<usize> {
    let Layout::Outlines(map, legend) = layout(area, counts) else { return None };
    if map.contains((column, row).into()) {
        return Raster::for_size(map.width, map.height).owner_at(column - map.x, row - map.y);
    }
    if legend.contains((column, row).into()) {
        let skip = (selected + 1).saturating_sub(usize::from(legend.height));
        let i = usize::from(row - legend.y) + skip;
        return (i < super::COUNT).then_some(i);
    }
    None
}
