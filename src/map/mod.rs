//! Mapa Praktyk: Poland's sixteen voivodeships as outlines, the practices
//! counted in each, and moving between neighbours. Geometry is embedded
//! from `data/regions.json` (Natural Earth, simplified once by
//! `scripts/extract-regions.py`, shared borders kept identical); drawing
//! it is `raster` (per size, cached) and `ui::map`.

pub mod layout;
pub mod raster;

use std::sync::OnceLock;

use serde::Deserialize;

use crate::store::checks::{bare_voivodeship, folded_voivodeships};
use crate::text::fold::fold;

/// The embedded outlines; the file's source and licence are in
/// `data/regions.md`.
const REGIONS_JSON: &str = include_str!("../../data/regions.json");

/// Number of voivodeships.
pub const COUNT: usize = 16;

#[derive(Debug, Clone, Copy, Deserialize, PartialEq)]
pub struct Place {
    pub lon: f64,
    pub lat: f64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Capital {
    pub name: String,
    pub lon: f64,
    pub lat: f64,
}

/// One voivodeship: its ISO letters (pre-2018, "PL-MA"), TERYT code, name
/// as the BDP writes it, capital, a point inside for its label, and its
/// outline as closed rings of (lon, lat).
#[derive(Debug, Clone, Deserialize)]
pub struct Region {
    pub iso: String,
    pub teryt: String,
    pub name: String,
    pub capital: Capital,
    pub label: Place,
    pub rings: Vec<Vec<[f64; 2]>>,
}

impl Region {
    /// The two letters shown on the map ("MA").
    pub fn code(&self) -> &str {
        self.iso.strip_prefix("PL-").unwrap_or(&self.iso)
    }

    /// Whether (lon, lat) is inside the outline (even-odd rule).
    pub fn contains(&self, lon: f64, lat: f64) -> bool {
        let mut inside = false;
        for ring in &self.rings {
            for pair in ring.windows(2) {
                let ([x1, y1], [x2, y2]) = (pair[0], pair[1]);
                if (y1 > lat) != (y2 > lat) && lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1) {
                    inside = !inside;
                }
            }
        }
        inside
    }
}

#[derive(Debug, Deserialize)]
pub struct Regions {
    /// [min lon, min lat, max lon, max lat].
    pub bbox: [f64; 4],
    pub regions: Vec<Region>,
}

/// The sixteen regions, in TERYT order (which is also the alphabetical
/// order of their Polish names, and the order of `VOIVODESHIPS`).
pub fn regions() -> &'static Regions {
    static REGIONS: OnceLock<Regions> = OnceLock::new();
    REGIONS.get_or_init(|| {
        // The embedded file is checked by tests: a broken one is a build
        // defect, shown as an empty map rather than a crash.
        serde_json::from_str(REGIONS_JSON).unwrap_or(Regions { bbox: [14.0, 49.0, 24.2, 54.9], regions: Vec::new() })
    })
}

/// The region of a practice's `voivodeship` field, by folded name:
/// "Małopolskie", "malopolskie" and "województwo małopolskie" are all
/// małopolskie.
pub fn region_of(voivodeship: &str) -> Option<usize> {
    // As the `woj:` filter reads a value, so that Enter on the map lists
    // what the map counted.
    let folded = fold(voivodeship);
    let name = bare_voivodeship(&folded);
    folded_voivodeships().iter().position(|v| v == name)
}

/// A direction on the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    Up,
    Down,
    Left,
    Right,
}

/// Where each arrow leads from each voivodeship (up, down, left, right),
/// by index into `VOIVODESHIPS`: always a neighbour across a shared border,
/// the one whose label lies within 60° of the arrow's direction and
/// closest to it. `None` where Poland ends in that direction.
#[rustfmt::skip]
const MOVES: [[Option<u8>; 4]; COUNT] = {
    const DS: Option<u8> = Some(0); const KP: Option<u8> = Some(1); const LU: Option<u8> = Some(2);
    const LB: Option<u8> = Some(3); const LD: Option<u8> = Some(4); const MA: Option<u8> = Some(5);
    const MZ: Option<u8> = Some(6); const OP: Option<u8> = Some(7); const PK: Option<u8> = Some(8);
    const PD: Option<u8> = Some(9); const PM: Option<u8> = Some(10); const SL: Option<u8> = Some(11);
    const SK: Option<u8> = Some(12); const WN: Option<u8> = Some(13); const WP: Option<u8> = Some(14);
    const ZP: Option<u8> = Some(15); const NO: Option<u8> = None;
    [
        //  up  down left right
        [WP, NO, LB, OP], // dolnośląskie
        [PM, LD, WP, MZ], // kujawsko-pomorskie
        [PD, PK, SK, NO], // lubelskie
        [ZP, DS, NO, WP], // lubuskie
        [KP, SL, WP, MZ], // łódzkie
        [SK, NO, SL, PK], // małopolskie
        [WN, SK, KP, PD], // mazowieckie
        [WP, NO, DS, SL], // opolskie
        [LU, NO, MA, NO], // podkarpackie
        [NO, LU, WN, NO], // podlaskie
        [NO, KP, ZP, WN], // pomorskie
        [LD, MA, OP, SK], // śląskie
        [MZ, MA, SL, LU], // świętokrzyskie
        [NO, MZ, PM, PD], // warmińsko-mazurskie
        [PM, DS, LB, LD], // wielkopolskie
        [NO, LB, NO, PM], // zachodniopomorskie
    ]
};

/// The voivodeship an arrow leads to from `from`.
pub fn neighbour(from: usize, dir: Dir) -> Option<usize> {
    let column = match dir {
        Dir::Up => 0,
        Dir::Down => 1,
        Dir::Left => 2,
        Dir::Right => 3,
    };
    MOVES.get(from)?[column].map(usize::from)
}

/// Where each voivodeship sits in the table drawn when the window is too
/// small for outlines: (column, row) on a 5×4 grid that keeps the map's
/// layout, so the arrows go where the eye expects:
///
/// ```text
/// ZP PM .. WN PD
/// LB WP KP MZ ..
/// DS OP LD SK LU
/// .. .. SL MA PK
/// ```
#[rustfmt::skip]
pub const GRID: [(u8, u8); COUNT] = [
    (0, 2), // dolnośląskie
    (2, 1), // kujawsko-pomorskie
    (4, 2), // lubelskie
    (0, 1), // lubuskie
    (2, 2), // łódzkie
    (3, 3), // małopolskie
    (3, 1), // mazowieckie
    (1, 2), // opolskie
    (4, 3), // podkarpackie
    (4, 0), // podlaskie
    (1, 0), // pomorskie
    (2, 3), // śląskie
    (3, 2), // świętokrzyskie
    (3, 0), // warmińsko-mazurskie
    (1, 1), // wielkopolskie
    (0, 0), // zachodniopomorskie
];

/// Columns and rows of `GRID`.
pub const GRID_SIZE: (u8, u8) = (5, 4);

/// Practices counted per voivodeship, and those with none of the sixteen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    pub per_region: [usize; COUNT],
    pub elsewhere: usize,
}

impl Counts {
    /// Counts the voivodeship fields given (one per practice).
    pub fn of<'a>(voivodeships: impl IntoIterator<Item = Option<&'a str>>) -> Self {
        // Stores repeat a handful of spellings: fold each once.
        let mut seen: rustc_hash::FxHashMap<&str, Option<usize>> = rustc_hash::FxHashMap::default();
        Self::tally(voivodeships.into_iter().map(|v| v.and_then(|v| *seen.entry(v).or_insert_with(|| region_of(v)))))
    }

    /// Counts practices by their region (`None`: none of the sixteen).
    pub fn tally(regions: impl IntoIterator<Item = Option<usize>>) -> Self {
        let mut c = Counts::default();
        for region in regions {
            match region.and_then(|i| c.per_region.get_mut(i)) {
                Some(n) => *n += 1,
                None => c.elsewhere += 1,
            }
        }
        c
    }

    /// The shade step (0 = none, 1..=4) of a count: quartiles of the
    /// largest count, so one busy voivodeship does not flatten the rest.
    pub fn step(&self, region: usize) -> usize {
        let max = self.per_region.iter().copied().max().unwrap_or(0);
        let n = self.per_region.get(region).copied().unwrap_or(0);
        if n == 0 || max == 0 { 0 } else { (n * 4).div_ceil(max).clamp(1, 4) }
    }
}

#[cfg(test)]
mod tests;
