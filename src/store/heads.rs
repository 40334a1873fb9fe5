//! Every practice's head (all but its long texts) packed into a few flat
//! buffers per part of the store, not a `String` per field.
//!
//! A head as a struct of owned strings is about 1.4 KB in memory for 0.6 KB
//! of text (twenty-odd allocations, 496 bytes of struct), so a store of short
//! practices took three times its file's size; packed, a head costs its text
//! and four bytes a field. A part is also what the start-up cache keeps, as
//! it is: reading it is one copy and one UTF-8 check, not 2.5 million
//! allocations at 100,000 practices, and writing it clones nothing.
//!
//! Code that goes over every practice (the index, filters, related) reads
//! fields through [`HeadRef`]; code that shows one practice takes an owned
//! [`Head`] with [`HeadRef::to_head`].

use serde::{Deserialize, Serialize};

use super::model::{Contact, Head, PracticeOf, Skipped};
use crate::text::strlist::StrList;

/// Practices per part: parts are decoded and encoded in parallel.
pub const PART: usize = 8192;

/// The fields of one value each, in slot order; then `partners` (one slot
/// each), `contacts` (four: name, role, email, phone), `extra` (two: label,
/// value) and `problems` (one each, to the next practice).
const ID: usize = 0;
const TITLE: usize = 1;
const AREA: usize = 2;
const ENTERED: usize = 3;
const UPDATED: usize = 4;
const UNIT_TYPE: usize = 5;
const TOWN: usize = 6;
const COUNTY: usize = 7;
const VOIVODESHIP: usize = 8;
const POSTAL_CODE: usize = 9;
const POST_OFFICE: usize = 10;
const IMPLEMENTING_UNIT: usize = 11;
const STREET: usize = 12;
const PHONE: usize = 13;
const WEBSITE: usize = 14;
const SOURCE_URL: usize = 15;
/// Written in decimal, so that every value of a `u64` comes back.
const POPULATION: usize = 16;
const FIXED: usize = 17;

/// Up to [`PART`] heads.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Part {
    /// The position of its first head in the store: parts are checked
    /// against their place, which their CRC-32s alone do not tell.
    at: u64,
    slots: StrList,
    /// A bit per slot: the field is absent (`None`), not empty.
    absent: Vec<u64>,
    /// The first slot of each head.
    #[serde(with = "crate::text::strlist::u32s")]
    firsts: Vec<u32>,
    /// How many partners, contacts and extra lines each head has.
    shape: Vec<[u32; 3]>,
}

impl Part {
    pub fn len(&self) -> usize {
        self.firsts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.firsts.is_empty()
    }

    fn with_room(at: u64, [heads, text, slots]: [usize; 3]) -> Self {
        let slots_list = StrList::with_capacity(text, slots);
        Part {
            at,
            slots: slots_list,
            absent: Vec::with_capacity(slots.div_ceil(64)),
            firsts: Vec::with_capacity(heads),
            shape: Vec::with_capacity(heads),
        }
    }

    /// The room to make for the next part: what this one holds (heads, text
    /// bytes, slots) and an eighth more, for heads a little longer.
    fn room_for_next(&self) -> [usize; 3] {
        [self.len(), self.slots.text_len(), self.slots.len()].map(|n| n + n / 8)
    }

    /// Head `j` of this part.
    fn head(&self, j: usize) -> Option<HeadRef<'_>> {
        let first = *self.firsts.get(j)? as usize;
        let end = self.firsts.get(j + 1).map_or(self.slots.len(), |&e| e as usize);
        Some(HeadRef { part: self, first, end, shape: *self.shape.get(j)? })
    }

    fn slot(&self, at: usize) -> Option<&str> {
        (!self.is_absent(at)).then(|| self.slots.get(at))
    }

    /// Notes whether the slot about to be added is absent.
    fn mark(&mut self, absent: bool) {
        self.mark_at(self.slots.len(), absent);
    }

    /// Notes whether slot `at`, the next to be marked, is absent.
    fn mark_at(&mut self, at: usize, absent: bool) {
        if at.is_multiple_of(64) {
            self.absent.push(0);
        }
        if absent && let Some(w) = self.absent.last_mut() {
            *w |= 1 << (at % 64);
        }
    }

    fn is_absent(&self, at: usize) -> bool {
        self.absent.get(at / 64).is_some_and(|w| w & (1 << (at % 64)) != 0)
    }

    /// Where head `j`'s slots start (the slots' end for `j` = `len`).
    fn first_slot(&self, j: usize) -> usize {
        self.firsts.get(j).map_or(self.slots.len(), |&f| f as usize)
    }

    /// Adds heads `heads` of `src` at the end, as they are: their text in
    /// one copy. The caller sees that they fit (see [`Heads::extend_from`]).
    fn extend_from(&mut self, src: &Part, heads: std::ops::Range<usize>) -> Result<(), TooLarge> {
        let (from, to) = (src.first_slot(heads.start), src.first_slot(heads.end));
        let base = self.slots.len();
        // The slots first: if they do not fit, nothing is added.
        self.slots.extend_from(&src.slots, from..to).map_err(|_| TooLarge)?;
        for k in from..to {
            self.mark_at(base + k - from, src.is_absent(k));
        }
        let shift = |f: u32| (base + f as usize - from) as u32;
        self.firsts.extend(src.firsts[heads.clone()].iter().map(|&f| shift(f)));
        self.shape.extend_from_slice(&src.shape[heads]);
        Ok(())
    }

    fn put(&mut self, s: Option<&str>) -> Result<(), TooLarge> {
        self.mark(s.is_none());
        self.slots.push(s.unwrap_or("")).map_err(|_| TooLarge)
    }

    /// Heads that fit the slots, slots that fit the text: what is read
    /// from a file is checked once, and no field is read out of bounds.
    pub fn is_sound(&self) -> bool {
        let n = self.slots.len();
        let fits = |i: usize| -> Option<bool> {
            let [p, c, e] = self.shape.get(i)?.map(|x| x as usize);
            let need = FIXED.checked_add(p)?.checked_add(c.checked_mul(4)?)?.checked_add(e.checked_mul(2)?)?;
            let end = self.firsts.get(i + 1).map_or(n, |&e| e as usize);
            Some(end.checked_sub(self.firsts[i] as usize)? >= need)
        };
        self.slots.is_sound()
            && self.shape.len() == self.firsts.len()
            && self.absent.len() == n.div_ceil(64)
            && self.firsts.first().is_none_or(|&f| f == 0)
            && self.firsts.windows(2).all(|w| w[0] <= w[1])
            && self.firsts.last().is_none_or(|&f| f as usize <= n)
            && (0..self.firsts.len()).all(|i| fits(i) == Some(true))
    }
}

/// A head whose text does not fit a part's 4 GiB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLarge;

/// Every head of a store, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Heads {
    parts: Vec<Part>,
    /// The position of each part's first head.
    starts: Vec<usize>,
    len: usize,
}

impl Heads {
    /// Heads of `practices`, in order.
    pub fn of<'p, S: 'p, P: 'p, A: 'p, T: AsRef<str> + 'p>(
        practices: impl IntoIterator<Item = &'p PracticeOf<S, P, A, T>>,
    ) -> Self {
        let mut heads = Heads::default();
        for p in practices {
            // Only a single head over 4 GiB (a 16 GiB store file's worth of one
            // title) could fail, and memory-built stores hold no such thing.
            let _ = heads.push(p);
        }
        heads
    }

    /// Heads read back from their parts, if the parts are sound.
    pub fn from_parts(parts: Vec<Part>) -> Option<Self> {
        let mut heads = Heads::default();
        for part in parts {
            if !part.is_sound() || part.is_empty() || part.at != heads.len as u64 {
                return None;
            }
            heads.starts.push(heads.len);
            heads.len += part.len();
            heads.parts.push(part);
        }
        Some(heads)
    }

    /// The parts, to keep as they are.
    pub fn parts(&self) -> &[Part] {
        &self.parts
    }

    /// Adds `p`'s head at the end.
    pub fn push<S, P, A, T: AsRef<str>>(&mut self, p: &PracticeOf<S, P, A, T>) -> Result<(), TooLarge> {
        let shape = [p.partners.len(), p.contacts.len(), p.extra.len()].map(|n| n as u32);
        let part = self.part_for(head_bytes(p), shape)?;
        let population = p.population.map(|n| n.to_string());
        for s in slots(p, population.as_deref()) {
            part.put(s)?;
        }
        Ok(())
    }

    /// Adds heads `heads` of `src` at the end, as they are: text copied a
    /// part at a time, not a field at a time. A range `src` does not have
    /// adds nothing; heads that no part can take (over 4 GiB of text, which
    /// a part of `src` cannot hold either) end the copy where they begin.
    pub fn extend_from(&mut self, src: &Heads, heads: std::ops::Range<usize>) -> Result<(), TooLarge> {
        if heads.start > heads.end || heads.end > src.len {
            return Err(TooLarge);
        }
        let mut at = heads.start;
        while at < heads.end {
            let p = src.starts.partition_point(|&s| s <= at).checked_sub(1).ok_or(TooLarge)?;
            let (part, start) = (src.parts.get(p).ok_or(TooLarge)?, src.starts[p]);
            let end = heads.end.min(start + part.len());
            let mut j = at - start;
            while j < end - start {
                // As many as the last part has room for, in heads and in text.
                let room = match self.parts.last() {
                    Some(last) if last.len() < PART => PART - last.len(),
                    _ => PART,
                };
                let n = (end - start - j).min(room);
                let bytes = part.slots.start(part.first_slot(j + n)) - part.slots.start(part.first_slot(j));
                let target = self.room_for(bytes)?;
                target.extend_from(part, j..j + n)?;
                self.len += n;
                j += n;
            }
            at = end;
        }
        Ok(())
    }

    /// The last part, or a new one when the last is full or cannot take
    /// `bytes` more text.
    fn room_for(&mut self, bytes: usize) -> Result<&mut Part, TooLarge> {
        let full = self
            .parts
            .last()
            .is_none_or(|last| last.len() >= PART || last.slots.text_len().saturating_add(bytes) > u32::MAX as usize);
        if full {
            if bytes > u32::MAX as usize {
                return Err(TooLarge);
            }
            self.starts.push(self.len);
            // Room for as much as the last part took: a part grown by
            // doubling reallocates and copies its buffers a dozen times.
            let room = self.parts.last().map(Part::room_for_next).unwrap_or_default();
            self.parts.push(Part::with_room(self.len as u64, room));
        }
        self.parts.last_mut().ok_or(TooLarge)
    }

    /// The part a head of `bytes` of text and this `shape` goes into (a new
    /// one when the last is full), with the head begun in it.
    fn part_for(&mut self, bytes: usize, shape: [u32; 3]) -> Result<&mut Part, TooLarge> {
        self.room_for(bytes)?;
        self.len += 1;
        let part = self.parts.last_mut().ok_or(TooLarge)?;
        part.firsts.push(part.slots.len() as u32);
        part.shape.push(shape);
        Ok(part)
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Head `i`, if there is one.
    pub fn get(&self, i: usize) -> Option<HeadRef<'_>> {
        if i >= self.len {
            return None;
        }
        let p = self.starts.partition_point(|&s| s <= i).checked_sub(1)?;
        self.parts.get(p)?.head(i - self.starts[p])
    }

    /// Every head, in order.
    pub fn iter(&self) -> impl Iterator<Item = HeadRef<'_>> + Clone + '_ {
        self.parts.iter().flat_map(|part| (0..part.len()).filter_map(|j| part.head(j)))
    }

    /// Every head, owned: for tests and for code that changes them.
    pub fn to_vec(&self) -> Vec<Head> {
        self.iter().map(|h| h.to_head()).collect()
    }
}

/// The bytes of text a head takes.
pub(crate) fn head_bytes<S, P, A, T: AsRef<str>>(p: &PracticeOf<S, P, A, T>) -> usize {
    // The population's digits: at most 20.
    slots(p, None).map(|s| s.map_or(0, str::len)).sum::<usize>() + 20
}

/// A head's values in slot order (see [`ID`]), `None` for an absent field;
/// the population as the caller wrote it out.
fn slots<'p, S, P, A, T: AsRef<str>>(
    p: &'p PracticeOf<S, P, A, T>,
    population: Option<&'p str>,
) -> impl Iterator<Item = Option<&'p str>> + 'p {
    fn opt<T: AsRef<str>>(o: &Option<T>) -> Option<&str> {
        o.as_ref().map(AsRef::as_ref)
    }
    let fixed = [
        Some(p.id.as_ref()),
        Some(p.title.as_ref()),
        opt(&p.area),
        opt(&p.entered),
        opt(&p.updated),
        opt(&p.unit_type),
        opt(&p.town),
        opt(&p.county),
        opt(&p.voivodeship),
        opt(&p.postal_code),
        opt(&p.post_office),
        opt(&p.implementing_unit),
        opt(&p.street),
        opt(&p.phone),
        opt(&p.website),
        opt(&p.source_url),
        population,
    ];
    let contacts = p.contacts.iter().flat_map(|c| [Some(c.name.as_ref()), opt(&c.role), opt(&c.email), opt(&c.phone)]);
    let extra = p.extra.iter().flat_map(|(k, v)| [Some(k.as_ref()), Some(v.as_ref())]);
    let problems = p.problems.iter().map(|s| Some(s.as_ref()));
    fixed.into_iter().chain(p.partners.iter().map(|s| Some(s.as_ref()))).chain(contacts).chain(extra).chain(problems)
}

/// One head, read in place.
#[derive(Debug, Clone, Copy)]
pub struct HeadRef<'a> {
    part: &'a Part,
    first: usize,
    end: usize,
    shape: [u32; 3],
}

/// One contact of a [`HeadRef`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContactRef<'a> {
    pub name: &'a str,
    pub role: Option<&'a str>,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
}

impl<'a> HeadRef<'a> {
    fn field(self, k: usize) -> Option<&'a str> {
        self.part.slot(self.first + k)
    }

    /// `count` slots from `from`, never past the head's own (a sound part
    /// has them all; a damaged one read anyway gives fewer, not a panic).
    fn range(self, from: usize, count: usize) -> impl ExactSizeIterator<Item = Option<&'a str>> + 'a {
        let part = self.part;
        let at = self.first.saturating_add(from).min(self.end);
        (at..at.saturating_add(count).min(self.end)).map(move |k| part.slot(k))
    }

    /// Where the lists start: partners, contacts, extra lines, problems.
    fn lists(self) -> [usize; 4] {
        let [p, c, e] = self.shape.map(|n| n as usize);
        let contacts = FIXED.saturating_add(p);
        let extra = contacts.saturating_add(c.saturating_mul(4));
        [FIXED, contacts, extra, extra.saturating_add(e.saturating_mul(2))]
    }

    pub fn id(self) -> &'a str {
        self.field(ID).unwrap_or("")
    }
    pub fn title(self) -> &'a str {
        self.field(TITLE).unwrap_or("")
    }
    pub fn area(self) -> Option<&'a str> {
        self.field(AREA)
    }
    pub fn entered(self) -> Option<&'a str> {
        self.field(ENTERED)
    }
    pub fn updated(self) -> Option<&'a str> {
        self.field(UPDATED)
    }
    pub fn unit_type(self) -> Option<&'a str> {
        self.field(UNIT_TYPE)
    }
    pub fn town(self) -> Option<&'a str> {
        self.field(TOWN)
    }
    pub fn county(self) -> Option<&'a str> {
        self.field(COUNTY)
    }
    pub fn voivodeship(self) -> Option<&'a str> {
        self.field(VOIVODESHIP)
    }
    pub fn postal_code(self) -> Option<&'a str> {
        self.field(POSTAL_CODE)
    }
    pub fn post_office(self) -> Option<&'a str> {
        self.field(POST_OFFICE)
    }
    pub fn implementing_unit(self) -> Option<&'a str> {
        self.field(IMPLEMENTING_UNIT)
    }
    pub fn street(self) -> Option<&'a str> {
        self.field(STREET)
    }
    pub fn phone(self) -> Option<&'a str> {
        self.field(PHONE)
    }
    pub fn website(self) -> Option<&'a str> {
        self.field(WEBSITE)
    }
    pub fn source_url(self) -> Option<&'a str> {
        self.field(SOURCE_URL)
    }
    pub fn population(self) -> Option<u64> {
        self.field(POPULATION).and_then(|s| s.parse().ok())
    }

    pub fn partners(self) -> impl ExactSizeIterator<Item = &'a str> + 'a {
        self.range(FIXED, self.shape[0] as usize).map(Option::unwrap_or_default)
    }

    pub fn contacts(self) -> impl Iterator<Item = ContactRef<'a>> + 'a {
        let at = self.lists()[1];
        let slots: Vec<Option<&'a str>> = self.range(at, (self.shape[1] as usize).saturating_mul(4)).collect();
        slots
            .chunks_exact(4)
            .map(|c| ContactRef { name: c[0].unwrap_or(""), role: c[1], email: c[2], phone: c[3] })
            .collect::<Vec<_>>()
            .into_iter()
    }

    pub fn extra(self) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        let at = self.lists()[2];
        let slots: Vec<&'a str> =
            self.range(at, (self.shape[2] as usize).saturating_mul(2)).map(Option::unwrap_or_default).collect();
        slots.chunks_exact(2).map(|c| (c[0], c[1])).collect::<Vec<_>>().into_iter()
    }

    pub fn problems(self) -> impl Iterator<Item = &'a str> + 'a {
        let at = self.lists()[3];
        self.range(at, usize::MAX).map(Option::unwrap_or_default)
    }

    /// The head as an owned record.
    pub fn to_head(self) -> Head {
        let own = |o: Option<&str>| o.map(str::to_owned);
        PracticeOf {
            id: self.id().to_owned(),
            title: self.title().to_owned(),
            area: own(self.area()),
            summary: Skipped,
            presentation: Skipped,
            attachments: Skipped,
            entered: own(self.entered()),
            updated: own(self.updated()),
            unit_type: own(self.unit_type()),
            town: own(self.town()),
            county: own(self.county()),
            voivodeship: own(self.voivodeship()),
            postal_code: own(self.postal_code()),
            post_office: own(self.post_office()),
            implementing_unit: own(self.implementing_unit()),
            street: own(self.street()),
            phone: own(self.phone()),
            website: own(self.website()),
            population: self.population(),
            partners: self.partners().map(str::to_owned).collect(),
            contacts: self
                .contacts()
                .map(|c| Contact {
                    name: c.name.to_owned(),
                    role: own(c.role),
                    email: own(c.email),
                    phone: own(c.phone),
                })
                .collect(),
            source_url: own(self.source_url()),
            extra: self.extra().map(|(k, v)| (k.to_owned(), v.to_owned())).collect(),
            problems: self.problems().map(str::to_owned).collect(),
        }
    }
}

#[cfg(test)]
#[path = "heads_tests.rs"]
mod tests;
