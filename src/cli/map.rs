//! `praktyki map [QUERY]`: the map of voivodeships with the practices a
//! query finds counted in each, as plain text (braille outlines), or as
//! JSON counts.

use serde::Serialize;

use super::{Context, EXIT_NONE, EXIT_OK, Failure, lookup};
use crate::map::{COUNT, Counts};
use crate::store::checks::VOIVODESHIPS;

#[derive(Serialize)]
struct Row<'a> {
    number: usize,
    teryt: &'a str,
    voivodeship: &'a str,
    practices: usize,
}

#[derive(Serialize)]
struct Answer<'a> {
    query: &'a str,
    voivodeships: Vec<Row<'a>>,
    /// Practices whose voivodeship is none of the sixteen.
    elsewhere: usize,
}

/// Narrowest and widest map printed.
pub const WIDTHS: std::ops::RangeInclusive<u16> = 40..=400;

pub(super) fn map(cx: &mut Context<'_>, query: &str, width: u16, json: bool) -> Result<u8, Failure> {
    let (rows, found) = lookup::find(cx, query, false)?;
    let counts = Counts::of(found.hits.iter().map(|h| rows.get(h.index).voivodeship));
    if json {
        let regions = &crate::map::regions().regions;
        let voivodeships = (0..COUNT)
            .map(|i| Row {
                number: i + 1,
                teryt: regions.get(i).map_or("", |r| r.teryt.as_str()),
                voivodeship: VOIVODESHIPS[i],
                practices: counts.per_region[i],
            })
            .collect();
        let answer = Answer { query, voivodeships, elsewhere: counts.elsewhere };
        serde_json::to_writer_pretty(&mut *cx.out, &answer).map_err(std::io::Error::from)?;
        writeln!(cx.out)?;
    } else {
        let height = height_for(width);
        let text = crate::ui::map::as_text(&counts, width, height, cx.lang.strings());
        cx.out.write_all(text.as_bytes())?;
    }
    Ok(if found.hits.is_empty() { EXIT_NONE } else { EXIT_OK })
}

/// Rows for a map `width` columns wide: Poland is about twice as many
/// columns as rows, beside a legend of 16 lines and its notes.
fn height_for(width: u16) -> u16 {
    let map_columns = width.saturating_sub(30);
    (map_columns * 10 / 21 + 1).max(20)
}
