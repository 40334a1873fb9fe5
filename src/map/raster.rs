//! The map drawn for one size of window: outlines on a braille canvas
//! (ratatui's `Canvas`, two by four dots a cell, square on a terminal whose
//! cells are about twice as tall as wide), which voivodeship each cell lies
//! in, and where each name goes. Drawing this costs a few milliseconds at
//! a large size, so it is made once per size and kept (`for_size`); a
//! frame then only copies cells and styles them.

use std::sync::{Arc, Mutex};

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;
use ratatui::symbols::Marker;
use ratatui::widgets::Widget;
use ratatui::widgets::canvas::{Canvas, Line};

use super::{COUNT, regions};

/// Longitude is scaled by the cosine of Poland's middle latitude, so that
/// the map keeps the shape it has on the ground.
const LON_SCALE: f64 = 0.615_661_475_325_658_3; // cos(52°)

/// No voivodeship: a cell outside Poland.
pub const OUTSIDE: u8 = u8::MAX;

/// The map rasterised for a `width`×`height` cell area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Raster {
    pub width: u16,
    pub height: u16,
    /// Where the map sits in the area (it keeps Poland's aspect ratio and
    /// is centred).
    pub map: Rect,
    /// Braille dots of every outline, a cell each (row-major over the
    /// area; 0 = no dot).
    pub dots: Vec<u8>,
    /// The cells each voivodeship's own outline passes through, with its
    /// dots there, to draw the selected one over the rest.
    pub outlines: Vec<Vec<(u32, u8)>>,
    /// The voivodeship each cell's centre lies in, or `OUTSIDE`.
    pub owner: Vec<u8>,
    /// The cell of each voivodeship's label point.
    pub labels: Vec<(u16, u16)>,
}

impl Raster {
    /// Draws the map for an area of `width`×`height` cells.
    pub fn new(width: u16, height: u16) -> Self {
        let rs = regions();
        let [lon0, lat0, lon1, lat1] = rs.bbox;
        let (x0, x1) = (lon0 * LON_SCALE, lon1 * LON_SCALE);
        // Dots are square: two across and four down a cell.
        let (dots_w, dots_h) = (f64::from(width) * 2.0, f64::from(height) * 4.0);
        let scale = (dots_w / (x1 - x0)).min(dots_h / (lat1 - lat0));
        let map_w = (((x1 - x0) * scale / 2.0).ceil() as u16).clamp(1, width.max(1));
        let map_h = (((lat1 - lat0) * scale / 4.0).ceil() as u16).clamp(1, height.max(1));
        let map = Rect::new((width - map_w.min(width)) / 2, (height - map_h.min(height)) / 2, map_w, map_h);
        // The canvas spans exactly the map's dots at `scale`.
        let right = x0 + (f64::from(map.width) * 2.0 - 1.0) / scale;
        let bottom = lat1 - (f64::from(map.height) * 4.0 - 1.0) / scale;
        let cells = usize::from(width) * usize::from(height);
        let mut dots = vec![0u8; cells];
        let mut outlines = Vec::with_capacity(COUNT);
        let mut scratch = Buffer::empty(Rect::new(0, 0, width, height));
        for r in &rs.regions {
            scratch.reset();
            Canvas::default()
                .marker(Marker::Braille)
                .x_bounds([x0, right])
                .y_bounds([bottom, lat1])
                .paint(|ctx| {
                    for ring in &r.rings {
                        for pair in ring.windows(2) {
                            let ([ax, ay], [bx, by]) = (pair[0], pair[1]);
                            ctx.draw(&Line::new(ax * LON_SCALE, ay, bx * LON_SCALE, by, Color::White));
                        }
                    }
                })
                .render(map, &mut scratch);
            let mut mine = Vec::new();
            for (i, cell) in scratch.content.iter().enumerate() {
                let bits = braille_bits(cell.symbol());
                if bits != 0 {
                    dots[i] |= bits;
                    mine.push((i as u32, bits));
                }
            }
            outlines.push(mine);
        }
        // A cell's owner is the voivodeship its centre lies in.
        let to_lon = |col: u16| (x0 + (f64::from(col - map.x) * 2.0 + 1.0) / scale) / LON_SCALE;
        let to_lat = |row: u16| lat1 - (f64::from(row - map.y) * 4.0 + 2.0) / scale;
        let mut owner = vec![OUTSIDE; cells];
        for row in map.y..map.bottom() {
            let lat = to_lat(row);
            for col in map.x..map.right() {
                let lon = to_lon(col);
                if let Some(i) = rs.regions.iter().position(|r| r.contains(lon, lat)) {
                    owner[usize::from(row) * usize::from(width) + usize::from(col)] = i as u8;
                }
            }
        }
        let labels = rs
            .regions
            .iter()
            .map(|r| {
                let col = map.x as f64 + (r.label.lon * LON_SCALE - x0) * scale / 2.0;
                let row = map.y as f64 + (lat1 - r.label.lat) * scale / 4.0;
                let col = (col as u16).clamp(map.x, map.right().saturating_sub(1));
                (col, (row as u16).clamp(map.y, map.bottom().saturating_sub(1)))
            })
            .collect();
        Raster { width, height, map, dots, outlines, owner, labels }
    }

    /// The kept raster for a size, drawn on first use. A few sizes are
    /// kept (a resize back and forth, sessions of several sizes).
    pub fn for_size(width: u16, height: u16) -> Arc<Raster> {
        static KEPT: Mutex<Vec<Arc<Raster>>> = Mutex::new(Vec::new());
        const KEEP: usize = 4;
        let mut kept = KEPT.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(at) = kept.iter().position(|r| r.width == width && r.height == height) {
            let r = kept.remove(at);
            kept.push(Arc::clone(&r));
            return r;
        }
        let r = Arc::new(Raster::new(width, height));
        if kept.len() == KEEP {
            kept.remove(0);
        }
        kept.push(Arc::clone(&r));
        r
    }

    /// The voivodeship of a cell, if any.
    pub fn owner_at(&self, col: u16, row: u16) -> Option<usize> {
        let i = usize::from(row) * usize::from(self.width) + usize::from(col);
        self.owner.get(i).filter(|o| **o != OUTSIDE).map(|o| usize::from(*o))
    }
}

/// The dots of a braille character (its offset from U+2800), 0 for any
/// other symbol.
fn braille_bits(symbol: &str) -> u8 {
    symbol.chars().next().map_or(0, |c| match u32::from(c) {
        cp @ 0x2800..=0x28FF => (cp - 0x2800) as u8,
        _ => 0,
    })
}

/// The braille character of some dots.
pub fn braille(bits: u8) -> char {
    char::from_u32(0x2800 + u32::from(bits)).unwrap_or(' ')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::checks::VOIVODESHIPS;

    #[test]
    fn the_map_keeps_polands_shape_and_fits() {
        for (w, h) in [(78, 22), (118, 38), (200, 60), (30, 8)] {
            let r = Raster::new(w, h);
            assert!(r.map.right() <= w && r.map.bottom() <= h, "{w}x{h}: {:?}", r.map);
            // Poland is about as wide as tall on the ground: in cells,
            // twice as many columns as rows.
            let ratio = f64::from(r.map.width) / f64::from(r.map.height);
            assert!((1.8..2.4).contains(&ratio), "{w}x{h}: {ratio}");
        }
    }

    #[test]
    fn each_label_sits_in_its_own_voivodeship() {
        let r = Raster::new(118, 38);
        for (i, (col, row)) in r.labels.iter().enumerate() {
            assert_eq!(r.owner_at(*col, *row), Some(i), "{}", VOIVODESHIPS[i]);
        }
        // Every voivodeship owns cells and has an outline.
        for (i, name) in VOIVODESHIPS.iter().enumerate() {
            assert!(r.owner.iter().filter(|o| usize::from(**o) == i).count() > 10, "{name}");
            assert!(!r.outlines[i].is_empty());
        }
    }

    #[test]
    fn the_kept_raster_is_the_one_drawn() {
        let a = Raster::for_size(61, 20);
        let b = Raster::for_size(61, 20);
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(*a, Raster::new(61, 20));
    }
}
