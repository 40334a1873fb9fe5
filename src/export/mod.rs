//! Practices out to a report: CSV for spreadsheets and mail merges,
//! Markdown for a readable dossier, JSON in the store's own format (so an
//! export can be imported elsewhere). Pure: practices in, bytes out; the
//! CLI and the browser write them where they belong.

mod csv;
mod md;

pub use self::csv::to_csv;
pub use md::{md_heading, md_section, to_markdown};

use crate::app::present::{first_email, first_phone, given};
use crate::store::Practice;
use crate::store::model::StoreFile;

/// A CSV column: a field of the practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Id,
    Title,
    Area,
    UnitType,
    Town,
    County,
    Voivodeship,
    PostalCode,
    PostOffice,
    Street,
    ImplementingUnit,
    Phone,
    Website,
    Email,
    Contacts,
    Partners,
    Entered,
    Updated,
    Population,
    Summary,
    Source,
}

/// Every field with its column name, in the order of a full export.
pub const FIELDS: [(Field, &str); 21] = [
    (Field::Id, "id"),
    (Field::Title, "title"),
    (Field::Area, "area"),
    (Field::UnitType, "unit_type"),
    (Field::Town, "town"),
    (Field::County, "county"),
    (Field::Voivodeship, "voivodeship"),
    (Field::PostalCode, "postal_code"),
    (Field::PostOffice, "post_office"),
    (Field::Street, "street"),
    (Field::ImplementingUnit, "implementing_unit"),
    (Field::Phone, "phone"),
    (Field::Website, "website"),
    (Field::Email, "email"),
    (Field::Contacts, "contacts"),
    (Field::Partners, "partners"),
    (Field::Entered, "entered"),
    (Field::Updated, "updated"),
    (Field::Population, "population"),
    (Field::Summary, "summary"),
    (Field::Source, "source_url"),
];

/// The columns when none are asked for: who, where, and how to reach them.
pub const DEFAULT_FIELDS: [Field; 12] = [
    Field::Id,
    Field::Title,
    Field::Area,
    Field::Town,
    Field::County,
    Field::Voivodeship,
    Field::ImplementingUnit,
    Field::Email,
    Field::Phone,
    Field::Website,
    Field::Entered,
    Field::Source,
];

impl Field {
    pub fn name(self) -> &'static str {
        FIELDS.iter().find(|(f, _)| *f == self).map_or("", |(_, n)| n)
    }

    /// The field's value in a practice, as one line of text.
    pub fn value(self, p: &Practice) -> String {
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        match self {
            Field::Id => p.id.clone(),
            Field::Title => p.title.clone(),
            Field::Area => opt(&p.area),
            Field::UnitType => opt(&p.unit_type),
            Field::Town => opt(&p.town),
            Field::County => opt(&p.county),
            Field::Voivodeship => opt(&p.voivodeship),
            Field::PostalCode => opt(&p.postal_code),
            Field::PostOffice => opt(&p.post_office),
            Field::Street => opt(&p.street),
            Field::ImplementingUnit => opt(&p.implementing_unit),
            // As `p` copies it: a contact's phone, else the office's.
            Field::Phone => first_phone(p).unwrap_or_default().to_owned(),
            Field::Website => opt(&p.website),
            Field::Email => first_email(p).unwrap_or_default().to_owned(),
            Field::Contacts => p
                .contacts
                .iter()
                .map(|c| {
                    let mut s = c.name.clone();
                    for extra in [&c.role, &c.email, &c.phone].into_iter().filter_map(given) {
                        s.push_str(", ");
                        s.push_str(extra);
                    }
                    s
                })
                .collect::<Vec<_>>()
                .join("; "),
            Field::Partners => p.partners.join("; "),
            Field::Entered => opt(&p.entered),
            Field::Updated => opt(&p.updated),
            Field::Population => p.population.map(|n| n.to_string()).unwrap_or_default(),
            Field::Summary => p.summary.clone(),
            Field::Source => opt(&p.source_url),
        }
    }
}

/// Reads `--fields id,title,email`: every name must be a field's; the
/// error names the one that is not, and the ones there are.
pub fn parse_fields(s: &str) -> Result<Vec<Field>, String> {
    let mut out = Vec::new();
    for name in s.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        match FIELDS.iter().find(|(_, n)| n.eq_ignore_ascii_case(name)) {
            Some((f, _)) if !out.contains(f) => out.push(*f),
            Some(_) => {}
            None => {
                let names: Vec<&str> = FIELDS.iter().map(|(_, n)| *n).collect();
                return Err(format!("unknown field '{name}' (fields: {})", names.join(", ")));
            }
        }
    }
    if out.is_empty() {
        return Err("--fields names no field".into());
    }
    Ok(out)
}

/// The store's own format, whole (texts and all), pretty-printed.
pub fn to_json(practices: Vec<Practice>) -> serde_json::Result<String> {
    let mut text = serde_json::to_string_pretty(&StoreFile::new(practices))?;
    text.push('\n');
    Ok(text)
}

#[cfg(test)]
mod tests;
