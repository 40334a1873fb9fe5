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
    /// The letters on the map (pre-2018 ISO 3166-2:PL).
    code: &'a str,
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

pub(super) fn map(cx: &mut Context<'_>, query: &str, width: Option<u16>, json: bool) -> Result<u8, Failure> {
    // Names and texts, as the browser's list counts them.
    let (rows, found) = lookup::find(cx, query, !query.trim().is_empty())?;
    let counts = Counts::of(found.hits.iter().map(|h| rows.get(h.index).voivodeship));
    if json {
        let regions = &crate::map::regions().regions;
        let voivodeships = (0..COUNT)
            .map(|i| Row {
                number: i + 1,
                code: regions.get(i).map_or("", |r| r.code()),
                teryt: regions.get(i).map_or("", |r| r.teryt.as_str()),
                voivodeship: VOIVODESHIPS[i],
                practices: counts.per_region[i],
            })
            .collect();
        let answer = Answer { query, voivodeships, elsewhere: counts.elsewhere };
        serde_json::to_writer_pretty(&mut *cx.out, &answer).map_err(std::io::Error::from)?;
        writeln!(cx.out)?;
    } else {
        // The terminal's width when there is one, else a page's.
        let width = width
            .or_else(|| {
                use std::io::IsTerminal;
                std::io::stdout().is_terminal().then(|| crossterm::terminal::size().ok().map(|(w, _)| w)).flatten()
            })
            .unwrap_or(80)
            .clamp(*WIDTHS.start(), *WIDTHS.end());
        let s = cx.lang.strings();
        let total: usize = counts.per_region.iter().sum();
        let what = if query.trim().is_empty() { s.map_all } else { query.trim() };
        let mut head = format!("{} · {what} · {}: {}", s.map_title, s.map_practices, total + counts.elsewhere);
        if counts.elsewhere > 0 {
            head.push_str(&format!(" ({} {})", counts.elsewhere, s.map_elsewhere));
        }
        writeln!(cx.out, "{head}\n")?;
        let text = crate::ui::map::as_text(&counts, width, height_for(width), s);
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
