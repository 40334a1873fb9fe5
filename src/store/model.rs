//! The practice record as stored in `praktyki/1` JSON files.
//!
//! Every optional field is written out as `null` rather than omitted, so a
//! store file always shows the whole shape of a practice to whoever edits it.

use std::borrow::Cow;
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

/// A practice without its long texts whose other fields are read in place
/// from the JSON where they need no unescaping: what a lazy load parses, so
/// that a head is packed without a `String` per field made and freed.
pub type SkimRef<'a> = PracticeOf<IgnoredAny, IgnoredAny, IgnoredAny, Text<'a>>;

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

fn omit_extra<S: ExtraPolicy>(extra: &BTreeMap<impl Sized, impl Sized>) -> bool {
    S::OMIT_EMPTY_EXTRA && extra.is_empty()
}

fn omit_problems<S: ExtraPolicy>(problems: &[impl Sized]) -> bool {
    S::OMIT_EMPTY_EXTRA && problems.is_empty()
}

/// A text field read from JSON: borrowed from the JSON's text when it has
/// no escapes, made otherwise.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Text<'a>(pub Cow<'a, str>);

impl AsRef<str> for Text<'_> {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Cow<'de, str>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Cow::Borrowed(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Cow::Owned(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
                Ok(Cow::Owned(v))
            }
        }
        d.deserialize_str(Visit).map(Text)
    }
}

/// The practice record, generic over its long texts so that one field list
/// serves the whole practice, its head and its cached form, and over the
/// type of its other text fields, so that it serves a parse in place too.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(bound(
    serialize = "S: Serialize + ExtraPolicy, P: Serialize, A: Serialize, T: Serialize",
    deserialize = "S: Deserialize<'de> + Default, P: Deserialize<'de> + Default, A: Deserialize<'de> + Default, \
                   T: Deserialize<'de> + Ord + Default"
))]
// Named as a user knows it in what serde says ("expected struct Practice").
#[serde(expecting = "struct Practice")]
pub struct PracticeOf<S, P, A, T = String> {
    pub id: T,
    pub title: T,
    #[serde(default)]
    pub area: Option<T>,
    #[serde(default)]
    pub summary: S,
    #[serde(default)]
    pub presentation: P,
    #[serde(default)]
    pub attachments: A,
    #[serde(default)]
    pub entered: Option<T>,
    #[serde(default)]
    pub updated: Option<T>,
    #[serde(default)]
    pub unit_type: Option<T>,
    #[serde(default)]
    pub town: Option<T>,
    #[serde(default)]
    pub county: Option<T>,
    #[serde(default)]
    pub voivodeship: Option<T>,
    #[serde(default)]
    pub postal_code: Option<T>,
    #[serde(default)]
    pub post_office: Option<T>,
    #[serde(default)]
    pub implementing_unit: Option<T>,
    #[serde(default)]
    pub street: Option<T>,
    #[serde(default)]
    pub phone: Option<T>,
    #[serde(default)]
    pub website: Option<T>,
    /// `None` when unknown; the BDP writes 0 for that, which the importer maps to `None`.
    #[serde(default)]
    pub population: Option<u64>,
    #[serde(default)]
    pub partners: Vec<T>,
    #[serde(default)]
    pub contacts: Vec<ContactOf<T>>,
    #[serde(default)]
    pub source_url: Option<T>,
    /// Metadata lines of the source page whose label the importer did not
    /// recognise, kept label → value so that nothing is lost.
    #[serde(default, skip_serializing_if = "omit_extra::<S>")]
    pub extra: BTreeMap<T, T>,
    /// What could not be had for this practice when it was imported (a view
    /// of its page that could not be fetched), so that a gap shows as a gap.
    #[serde(default, skip_serializing_if = "omit_problems::<S>")]
    pub problems: Vec<T>,
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
pub type Contact = ContactOf<String>;

/// [`Contact`] with its fields of any text type (see [`PracticeOf`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(expecting = "struct Contact")]
pub struct ContactOf<T> {
    pub name: T,
    #[serde(default)]
    pub role: Option<T>,
    #[serde(default)]
    pub email: Option<T>,
    #[serde(default)]
    pub phone: Option<T>,
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

impl<S, P, A, T: Ord> PracticeOf<S, P, A, T> {
    /// Applies `f` to every text field but the long texts, none of which
    /// may hold several lines. One walk serves sanitising and any future
    /// per-string pass, so a new field cannot be forgotten by one of them.
    pub fn for_each_head_text_mut(&mut self, mut f: impl FnMut(&mut T)) {
        f(&mut self.id);
        f(&mut self.title);
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
            if let Some(s) = o.as_mut() {
                f(s);
            }
        }
        self.partners.iter_mut().for_each(&mut f);
        for c in &mut self.contacts {
            f(&mut c.name);
            for o in [&mut c.role, &mut c.email, &mut c.phone] {
                if let Some(s) = o.as_mut() {
                    f(s);
                }
            }
        }
        // Keys are text too, but a BTreeMap key cannot be changed in place.
        let extra = std::mem::take(&mut self.extra);
        for (mut k, mut v) in extra {
            f(&mut k);
            f(&mut v);
            self.extra.insert(k, v);
        }
        self.problems.iter_mut().for_each(&mut f);
    }
}

impl Practice {
    /// Applies `f` to every text field, with a flag telling whether the field
    /// may hold several lines (see [`PracticeOf::for_each_head_text_mut`]).
    pub fn for_each_text_mut(&mut self, mut f: impl FnMut(&mut String, bool)) {
        f(&mut self.summary, true);
        for s in &mut self.presentation {
            f(&mut s.heading, false);
            f(&mut s.body, true);
        }
        for a in &mut self.attachments {
            f(&mut a.name, false);
            for o in [&mut a.url, &mut a.format] {
                if let Some(s) = o.as_mut() {
                    f(s, false);
                }
            }
            if let Some(d) = a.description.as_mut() {
                f(d, true);
            }
        }
        self.for_each_head_text_mut(|s| f(s, false));
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
