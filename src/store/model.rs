//! The practice record as stored in `praktyki/1` JSON files.
//!
//! Every optional field is written out as `null` rather than omitted, so a
//! store file always shows the whole shape of a practice to whoever edits it.

use std::collections::BTreeMap;

use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};

/// The value of the top-level `format` key this version reads and writes.
pub const FORMAT: &str = "praktyki/1";

/// One good practice: the three BDP views (summary with metadata, full
/// presentation, attachments) merged into one record.
pub type Practice = PracticeOf<String, Vec<Section>, Vec<Attachment>>;

/// A practice without its long texts (summary, presentation, attachments),
/// which are skipped unread: what a lazy load keeps in memory.
pub type Skim = PracticeOf<IgnoredAny, IgnoredAny, IgnoredAny>;

/// A practice without its long texts as the start-up cache keeps it: the
/// long texts take no bytes there, since they are read from the store file.
pub type Head = PracticeOf<Skipped, Skipped, Skipped>;

/// A long text left out of a record, written and read as nothing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped;

/// Whether a form of the record may leave out an empty `extra` map. The
/// JSON store does, to stay short; the binary cache cannot, because its
/// records carry no field names to tell which fields are there.
pub trait ExtraPolicy {
    const OMIT_EMPTY_EXTRA: bool = true;
}

impl ExtraPolicy for String {}

impl ExtraPolicy for Skipped {
    const OMIT_EMPTY_EXTRA: bool = false;
}

fn omit_extra<S: ExtraPolicy>(extra: &BTreeMap<String, String>) -> bool {
    S::OMIT_EMPTY_EXTRA && extra.is_empty()
}

fn omit_problems<S: ExtraPolicy>(problems: &[String]) -> bool {
    S::OMIT_EMPTY_EXTRA && problems.is_empty()
}

/// The practice record, generic over its long texts so that one field list
/// serves the whole practice, its head and its cached form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(bound(
    serialize = "S: Serialize + ExtraPolicy, P: Serialize, A: Serialize",
    deserialize = "S: Deserialize<'de> + Default, P: Deserialize<'de> + Default, A: Deserialize<'de> + Default"
))]
pub struct PracticeOf<S, P, A> {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub area: Option<String>,
    #[serde(default)]
    pub summary: S,
    #[serde(default)]
    pub presentation: P,
    #[serde(default)]
    pub attachments: A,
    #[serde(default)]
    pub entered: Option<String>,
    #[serde(default)]
    pub updated: Option<String>,
    #[serde(default)]
    pub unit_type: Option<String>,
    #[serde(default)]
    pub town: Option<String>,
    #[serde(default)]
    pub county: Option<String>,
    #[serde(default)]
    pub voivodeship: Option<String>,
    #[serde(default)]
    pub postal_code: Option<String>,
    #[serde(default)]
    pub post_office: Option<String>,
    #[serde(default)]
    pub implementing_unit: Option<String>,
    #[serde(default)]
    pub street: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub website: Option<String>,
    /// `None` when unknown; the BDP writes 0 for that, which the importer maps to `None`.
    #[serde(default)]
    pub population: Option<u64>,
    #[serde(default)]
    pub partners: Vec<String>,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    #[serde(default)]
    pub source_url: Option<String>,
    /// Metadata lines of the source page whose label the importer did not
    /// recognise, kept label → value so that nothing is lost.
    #[serde(default, skip_serializing_if = "omit_extra::<S>")]
    pub extra: BTreeMap<String, String>,
    /// What could not be had for this practice when it was imported (a view
    /// of its page that could not be fetched), so that a gap shows as a gap.
    #[serde(default, skip_serializing_if = "omit_problems::<S>")]
    pub problems: Vec<String>,
}

/// One section of the "Pełna prezentacja" view.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub heading: String,
    #[serde(default)]
    pub body: String,
}

/// One file of the "Załączniki" view.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub name: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub format: Option<String>,
    #[serde(default)]
    pub size_bytes: Option<u64>,
    #[serde(default)]
    pub description: Option<String>,
}

/// A contact person named in the "Osoby kontaktowe" field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub name: String,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
}

impl Eq for Practice {}

impl<S, P, A> PracticeOf<S, P, A> {
    /// The same record with other long texts.
    pub fn with_texts<S2, P2, A2>(self, summary: S2, presentation: P2, attachments: A2) -> PracticeOf<S2, P2, A2> {
        PracticeOf {
            id: self.id,
            title: self.title,
            area: self.area,
            summary,
            presentation,
            attachments,
            entered: self.entered,
            updated: self.updated,
            unit_type: self.unit_type,
            town: self.town,
            county: self.county,
            voivodeship: self.voivodeship,
            postal_code: self.postal_code,
            post_office: self.post_office,
            implementing_unit: self.implementing_unit,
            street: self.street,
            phone: self.phone,
            website: self.website,
            population: self.population,
            partners: self.partners,
            contacts: self.contacts,
            source_url: self.source_url,
            extra: self.extra,
            problems: self.problems,
        }
    }
}

/// The long texts of a practice, apart from its head.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LongTexts {
    pub summary: String,
    pub presentation: Vec<Section>,
    pub attachments: Vec<Attachment>,
}

impl Practice {
    /// The long texts alone (the head goes into [`super::heads::Heads`]).
    pub fn into_long(self) -> LongTexts {
        LongTexts { summary: self.summary, presentation: self.presentation, attachments: self.attachments }
    }
}

impl Head {
    /// The whole practice: this head with its long texts.
    pub fn with_long(self, long: LongTexts) -> Practice {
        self.with_texts(long.summary, long.presentation, long.attachments)
    }
}

impl Skim {
    /// The practice's head: the long texts were skipped unread.
    pub fn into_head(self) -> Head {
        self.with_texts(Skipped, Skipped, Skipped)
    }
}

impl<S, P, A> PracticeOf<S, P, A> {
    /// "41-301 Opole": postal code and post office as the BDP shows them together.
    pub fn postal_line(&self) -> Option<String> {
        match (self.postal_code.as_deref(), self.post_office.as_deref()) {
            (Some(c), Some(o)) => Some(format!("{c} {o}")),
            (Some(c), None) => Some(c.to_owned()),
            (None, Some(o)) => Some(o.to_owned()),
            (None, None) => None,
        }
    }
}

impl Practice {
    /// Applies `f` to every text field, with a flag telling whether the field
    /// may hold several lines. One walk serves sanitising and any future
    /// per-string pass, so a new field cannot be forgotten by one of them.
    pub fn for_each_text_mut(&mut self, mut f: impl FnMut(&mut String, bool)) {
        let opt = |o: &mut Option<String>, f: &mut dyn FnMut(&mut String, bool)| {
            if let Some(s) = o.as_mut() {
                f(s, false);
            }
        };
        f(&mut self.id, false);
        f(&mut self.title, false);
        f(&mut self.summary, true);
        for o in [
            &mut self.area,
            &mut self.entered,
            &mut self.updated,
            &mut self.unit_type,
            &mut self.town,
            &mut self.county,
            &mut self.voivodeship,
            &mut self.postal_code,
            &mut self.post_office,
            &mut self.implementing_unit,
            &mut self.street,
            &mut self.phone,
            &mut self.website,
            &mut self.source_url,
        ] {
            opt(o, &mut f);
        }
        for s in &mut self.presentation {
            f(&mut s.heading, false);
            f(&mut s.body, true);
        }
        for a in &mut self.attachments {
            f(&mut a.name, false);
            opt(&mut a.url, &mut f);
            opt(&mut a.format, &mut f);
            if let Some(d) = a.description.as_mut() {
                f(d, true);
            }
        }
        for p in &mut self.partners {
            f(p, false);
        }
        for c in &mut self.contacts {
            f(&mut c.name, false);
            opt(&mut c.role, &mut f);
            opt(&mut c.email, &mut f);
            opt(&mut c.phone, &mut f);
        }
        // Keys are text too, but a BTreeMap key cannot be changed in place.
        let extra = std::mem::take(&mut self.extra);
        for (mut k, mut v) in extra {
            f(&mut k, false);
            f(&mut v, false);
            self.extra.insert(k, v);
        }
        for p in &mut self.problems {
            f(p, false);
        }
    }
}

/// The whole store file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoreFile {
    pub format: String,
    pub practices: Vec<Practice>,
}

impl StoreFile {
    pub fn new(practices: Vec<Practice>) -> Self {
        Self { format: FORMAT.to_owned(), practices }
    }
}

/// A field's value when it says something: not absent, not blank.
pub fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().filter(|v| !v.trim().is_empty())
}
