//! CSV as RFC 4180 says (comma, CRLF, quotes doubled), UTF-8 with a header
//! row: a row per practice, or per contact for a mail merge. A cell a
//! spreadsheet would run as a formula (`=`, `+`, `-`, `@` first, blanks
//! before it or not) is made text with a leading apostrophe, as OWASP advises; terminal
//! controls in the data become visible pictures.

use super::Field;
use crate::store::Practice;
use crate::text::sanitize::sanitize;

/// A cell as written: no terminal controls, no formula.
fn cell(value: &str) -> String {
    let clean = sanitize(value, true);
    // Spreadsheets skip blanks before a formula (a tab is blanks by now).
    if clean.trim_start().starts_with(['=', '+', '-', '@']) { format!("'{clean}") } else { clean }
}

/// Columns of a contact row, after the practice's own.
const CONTACT_COLUMNS: [&str; 4] = ["contact_name", "contact_role", "contact_email", "contact_phone"];

/// The practices as CSV, with `fields` as columns; with `contacts`, one row
/// per contact person (the practice's fields repeated, then the person's),
/// and one for a practice with none.
pub fn to_csv(
    practices: &[Practice],
    fields: &[Field],
    contacts: bool,
    delimiter: u8,
) -> Result<Vec<u8>, ::csv::Error> {
    let mut w =
        ::csv::WriterBuilder::new().delimiter(delimiter).terminator(::csv::Terminator::CRLF).from_writer(Vec::new());
    let mut header: Vec<&str> = fields.iter().map(|f| f.name()).collect();
    if contacts {
        header.extend(CONTACT_COLUMNS);
    }
    w.write_record(&header)?;
    for p in practices {
        let own: Vec<String> = fields.iter().map(|f| cell(&f.value(p))).collect();
        if !contacts {
            w.write_record(&own)?;
            continue;
        }
        let people: Vec<[String; 4]> = p
            .contacts
            .iter()
            .map(|c| {
                let o = |v: &Option<String>| cell(v.as_deref().unwrap_or(""));
                [cell(&c.name), o(&c.role), o(&c.email), o(&c.phone)]
            })
            .collect();
        if people.is_empty() {
            w.write_record(own.iter().cloned().chain(std::iter::repeat_n(String::new(), 4)))?;
        }
        for person in people {
            w.write_record(own.iter().cloned().chain(person))?;
        }
    }
    w.into_inner().map_err(|e| e.into_error().into())
}
