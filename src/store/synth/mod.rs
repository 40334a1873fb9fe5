//! Deterministic synthetic stores for measuring, shaped like what users
//! see: real towns and gminy in their real counties and voivodeships
//! (near-homonyms such as Gorzów Śląski and Gorzów Wielkopolski among
//! them), repeating as in real data (a city far more often than a
//! village), the eight BDP sections, entry dates of 2008–2016, and texts of
//! real-looking Polish sentences about a few topics each, in inflected
//! forms, so topic search can be measured.
//!
//! They stay visibly synthetic so nobody mistakes them for BDP data: every
//! id starts with `synthetic-`, every area starts with [`SYNTHETIC_MARKER`]
//! (the section comes after it: [`section_of`] takes the marker off before
//! a prefix filter on the section), and addresses are `synthetic.example`.

mod places;
mod words;

use std::fmt::Write as _;
use std::ops::Range;
use std::sync::LazyLock;

use chrono::{Datelike, Days, NaiveDate};

use self::places::{Kind, TOWNS, Town};
use self::words::{
    ACC, ATTACHMENT_NAMES, FIRST, FORMATS, GEN, GENERIC_SENTENCES, INS, INSTITUTION_HEADS, LAST, LOC, NOM, REGIONS,
    ROLES, SECTION_HEADINGS, STREETS, TOPIC_SENTENCES, TOPICS, Topic,
};
pub use crate::store::checks::SECTIONS;
use crate::store::checks::VOIVODESHIPS;
use crate::store::{Attachment, Contact, Practice, Section, StoreFile};

/// How every synthetic practice's area starts; one of [`SECTIONS`]
/// follows, e.g. "Dane syntetyczne (nie z BDP): Usługi społeczne". ASCII,
/// so folded it is only lowercased.
pub const SYNTHETIC_MARKER: &str = "Dane syntetyczne (nie z BDP): ";

/// The section an area names: the area without [`SYNTHETIC_MARKER`], as
/// written or folded (a real BDP area is returned as it is). A prefix
/// filter on the section tests this, so `usl` finds "Usługi społeczne" in
/// synthetic stores too.
pub fn section_of(area: &str) -> &str {
    let n = SYNTHETIC_MARKER.len();
    match area.get(..n) {
        Some(head) if head.eq_ignore_ascii_case(SYNTHETIC_MARKER) => &area[n..],
        _ => area,
    }
}

/// SplitMix64: tiny, fast and stable forever, so a seed always gives the
/// same store whatever crate versions are in use.
struct Rng(u64);

/// SplitMix64's output function: a bijection that scatters nearby inputs.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    const GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

    /// The stream of practice `i`: each practice has its own, so its names
    /// do not depend on whether the texts of those before it were drawn.
    fn practice(seed: u64, i: usize) -> Self {
        Rng(mix(seed ^ mix((i as u64).wrapping_add(Self::GAMMA))))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(Self::GAMMA);
        mix(self.0)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn pick<'a, T: ?Sized>(&mut self, items: &[&'a T]) -> &'a T {
        items[self.below(items.len())]
    }

    /// An index drawn with the weights whose running totals are `cumulative`.
    fn weighted(&mut self, cumulative: &[u32]) -> usize {
        let x = self.below(cumulative.last().map_or(1, |&c| c as usize)) as u32;
        cumulative.partition_point(|&c| c <= x)
    }
}

/// The town tables in the form the draws need.
struct Tables {
    /// Every town with its voivodeship (index into `VOIVODESHIPS`).
    towns: Vec<(usize, &'static Town)>,
    /// Running totals of the towns' weights.
    town_weights: Vec<u32>,
    /// Where each voivodeship's towns are in `towns`.
    voivodeships: Vec<Range<usize>>,
    /// Running totals of the topics' weights.
    topic_weights: Vec<u32>,
}

/// A town is drawn with a weight of its population to the power 0.6: a
/// Zipf-like skew where Warszawa comes about 33 times as often as a gmina
/// of 5,000, and a county seat of 30,000 three times as often.
static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let mut towns = Vec::new();
    let mut voivodeships = Vec::new();
    for (v, list) in TOWNS.iter().enumerate() {
        let start = towns.len();
        towns.extend(list.iter().map(|t| (v, t)));
        voivodeships.push(start..towns.len());
    }
    let running = |weights: &mut dyn Iterator<Item = u32>| {
        weights
            .scan(0u32, |sum, w| {
                *sum += w;
                Some(*sum)
            })
            .collect()
    };
    let town_weights = running(&mut towns.iter().map(|(_, t)| fifth_root(u64::from(t.thousands * 10).pow(3))));
    let topic_weights = running(&mut TOPICS.iter().map(|t| t.weight));
    Tables { towns, town_weights, voivodeships, topic_weights }
});

/// The integer fifth root, exactly (a float `powf` may differ in its last
/// bit between platforms, and a seed must give the same store everywhere).
fn fifth_root(x: u64) -> u32 {
    let (mut lo, mut hi) = (0u64, 7131); // 7131^5 < 2^64 <= 7132^5
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if mid.pow(5) <= x { lo = mid } else { hi = mid - 1 }
    }
    lo as u32
}

/// What the sentences of one practice may mention.
struct Cx<'a> {
    /// Indices into `TOPICS`, the main one first.
    topics: &'a [usize],
    town: &'a str,
    partner: &'a str,
    /// "powiatu wielickiego" or "miasta Kraków".
    county: &'a str,
    entered_year: usize,
}

impl Cx<'_> {
    fn topic(&self, rng: &mut Rng) -> &'static Topic {
        let k = if self.topics.len() == 1 || rng.below(5) < 3 { 0 } else { 1 + rng.below(self.topics.len() - 1) };
        &TOPICS[self.topics[k]]
    }

    /// A topic other than `not` if the practice has one.
    fn other(&self, rng: &mut Rng, not: &Topic) -> &'static Topic {
        let k = rng.below(self.topics.len());
        let t = &TOPICS[self.topics[k]];
        if std::ptr::eq(t, not) && self.topics.len() > 1 {
            &TOPICS[self.topics[(k + 1) % self.topics.len()]]
        } else {
            t
        }
    }
}

fn form(rng: &mut Rng, topic: &Topic, case: usize) -> &'static str {
    topic.forms[rng.below(topic.forms.len())][case]
}

/// Writes `template` with its slots filled (see `words::TOPIC_SENTENCES`).
fn fill(out: &mut String, template: &str, rng: &mut Rng, cx: &Cx<'_>, topic: &Topic) {
    let mut rest = template;
    while let Some(at) = rest.find('{') {
        out.push_str(&rest[..at]);
        match rest.as_bytes().get(at + 1) {
            Some(b'N') => out.push_str(form(rng, topic, NOM)),
            Some(b'G') => out.push_str(form(rng, topic, GEN)),
            Some(b'A') => out.push_str(form(rng, topic, ACC)),
            Some(b'I') => out.push_str(form(rng, topic, INS)),
            Some(b'L') => out.push_str(form(rng, topic, LOC)),
            Some(b'a') => {
                let other = cx.other(rng, topic);
                out.push_str(form(rng, other, ACC));
            }
            Some(b't') => out.push_str(cx.town),
            Some(b'u') => out.push_str(cx.partner),
            Some(b'p') => out.push_str(cx.county),
            Some(b'y') => _ = write!(out, "{}", rng.range(cx.entered_year - 6, cx.entered_year - 1)),
            Some(b'n') => _ = write!(out, "{}", rng.range(5, 40)),
            _ => _ = write!(out, "{}", rng.range(5, 45)),
        }
        rest = rest.get(at + 3..).unwrap_or("");
    }
    out.push_str(rest);
}

/// One sentence: a fact of a topic, a sentence about the cooperation, or
/// (most often) a sentence with a topic in one of its cases.
fn sentence(out: &mut String, rng: &mut Rng, cx: &Cx<'_>) {
    let topic = cx.topic(rng);
    match rng.below(100) {
        0..18 => out.push_str(rng.pick(topic.facts)),
        18..32 => fill(out, rng.pick(GENERIC_SENTENCES), rng, cx, topic),
        _ => fill(out, rng.pick(TOPIC_SENTENCES), rng, cx, topic),
    }
}

/// Paragraphs of about `bytes` bytes in total; `opener` starts them with
/// what the practice is about.
fn text(rng: &mut Rng, cx: &Cx<'_>, bytes: usize, opener: bool) -> String {
    let mut out = String::with_capacity(bytes + 300);
    let mut para_start = 0;
    if opener {
        let main = &TOPICS[cx.topics[0]];
        fill(&mut out, "Praktyka dotyczy {G} na terenie {p}.", rng, cx, main);
    }
    while out.len() < bytes {
        if out.len() > para_start {
            if out.len() - para_start > 400 && rng.below(3) == 0 {
                out.push_str("\n\n");
                para_start = out.len();
            } else {
                out.push(' ');
            }
        }
        sentence(&mut out, rng, cx);
    }
    out
}

fn ascii_slug(s: &str) -> String {
    crate::store::import::slug(s).replace('-', ".")
}

/// A surname in the form for a woman or a man: Kowalska, Kowalski; Nowak.
fn surname(last: &str, woman: bool) -> std::borrow::Cow<'_, str> {
    let (from, to) = if woman { ("ki", "ka") } else { ("ka", "ki") };
    match last.strip_suffix(from) {
        Some(stem) => format!("{stem}{to}").into(),
        None => last.into(),
    }
}

/// "wielicki" → "wielickiego", "łódzki wschodni" → "łódzkiego wschodniego".
fn genitive(county: &str) -> String {
    let mut out = String::with_capacity(county.len() + 8);
    for (k, word) in county.split(' ').enumerate() {
        if k > 0 {
            out.push(' ');
        }
        match word.strip_suffix('y') {
            Some(stem) => out.push_str(stem),
            None => out.push_str(word),
        }
        if word.ends_with(['i', 'y']) {
            out.push_str("ego");
        }
    }
    out
}

/// "łódzki wschodni" → "Łódzki Wschodni", "kędzierzyńsko-kozielski" →
/// "Kędzierzyńsko-Kozielski".
fn capitalised(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        start = c == ' ' || c == '-';
    }
    out
}

/// Writes the county as sentences name it: "powiatu wielickiego", "miasta Kraków".
fn push_county(out: &mut String, town: &Town) {
    if town.kind == Kind::City {
        out.push_str("miasta ");
        out.push_str(town.name);
    } else {
        out.push_str("powiatu ");
        out.push_str(&genitive(town.county));
    }
}

/// The main topic and up to two more, all different.
fn topics(rng: &mut Rng, tables: &Tables) -> ([usize; 3], usize) {
    let n = match rng.below(20) {
        0..10 => 1,
        10..17 => 2,
        _ => 3,
    };
    let mut out = [0; 3];
    let mut len = 0;
    while len < n {
        let t = rng.weighted(&tables.topic_weights);
        if !out[..len].contains(&t) {
            out[len] = t;
            len += 1;
        }
    }
    (out, len)
}

/// Most titles name the main topic (and some a second one); the others
/// name the body, as "Związek Gmin Kurpi" does.
fn title(rng: &mut Rng, v: usize, town: &Town, topics: &[usize]) -> String {
    let main = &TOPICS[topics[0]];
    let mut s = String::with_capacity(80);
    if rng.below(10) < 7 {
        s.push_str(rng.pick(main.titles));
        if topics.len() > 1 && rng.below(3) == 0 {
            s.push_str(" i ");
            s.push_str(form(rng, &TOPICS[topics[1]], NOM));
        }
        match rng.below(4) {
            0 => {
                s.push_str(if town.kind == Kind::City { " w mieście " } else { " w gminie " });
                s.push_str(town.name);
            }
            1 => {
                s.push_str(" na terenie ");
                push_county(&mut s, town);
            }
            2 => {
                s.push(' ');
                s.push_str(rng.pick(REGIONS[v]));
            }
            _ => {
                s.push_str(" – ");
                s.push_str(town.name);
                s.push_str(" i okolice");
            }
        }
    } else {
        s.push_str(rng.pick(INSTITUTION_HEADS));
        s.push(' ');
        s.push_str(if rng.below(2) == 0 { rng.pick(REGIONS[v]) } else { town.name });
        if rng.below(2) == 0 {
            s.push_str(": ");
            s.push_str(form(rng, main, NOM));
        }
    }
    s
}

/// Entered on a day of 2008–2016, updated on a later day up to the end of 2017.
fn dates(rng: &mut Rng) -> (NaiveDate, NaiveDate) {
    let first = NaiveDate::from_ymd_opt(2008, 1, 1).unwrap_or_default();
    let last = NaiveDate::from_ymd_opt(2017, 12, 31).unwrap_or_default();
    let entered = first + Days::new(rng.below(3288) as u64);
    let room = (last - entered).num_days().clamp(1, 1200) as usize;
    (entered, entered + Days::new(rng.range(1, room) as u64))
}

/// "2014-12-06", without the formatting machinery.
fn iso(d: NaiveDate) -> String {
    let (y, m, day) = (d.year() as u32, d.month(), d.day());
    let digits = [y / 1000, y / 100 % 10, y / 10 % 10, y % 10, 10, m / 10, m % 10, 10, day / 10, day % 10];
    digits.iter().map(|&c| if c == 10 { '-' } else { char::from(b'0' + c as u8) }).collect()
}

fn unit_type(rng: &mut Rng, kind: Kind) -> &'static str {
    const ZW: &str = "związek międzygminny";
    const ST: &str = "stowarzyszenie JST";
    const MW: &str = "gmina miejsko-wiejska";
    // Mostly the town's own kind of unit; a union or association at times.
    rng.pick(match kind {
        Kind::City => &["powiat grodzki", "powiat grodzki", "gmina miejska", "gmina miejska", ZW, ST][..],
        Kind::Seat => &["powiat", "powiat", "gmina miejska", MW, MW, ZW, ST],
        Kind::Town => &["gmina miejska", "gmina miejska", MW, MW, MW, ZW, ST],
        Kind::Village => &["gmina wiejska", "gmina wiejska", "gmina wiejska", "gmina wiejska", ZW, ST],
    })
}

fn implementing_unit(rng: &mut Rng, v: usize, unit_type: &str, town: &Town) -> String {
    match unit_type {
        "powiat grodzki" | "gmina miejska" => format!("Urząd Miasta {}", town.name),
        "gmina miejsko-wiejska" => format!("Urząd Miasta i Gminy {}", town.name),
        "gmina wiejska" => format!("Urząd Gminy {}", town.name),
        "powiat" => format!("Powiat {}", capitalised(town.county)),
        "związek międzygminny" => format!("Biuro Związku Gmin {}", rng.pick(REGIONS[v])),
        _ => format!("Biuro Stowarzyszenia Gmin {}", rng.pick(REGIONS[v])),
    }
}

/// A partner near the town: in its county half the time, else in its
/// voivodeship.
fn partner(rng: &mut Rng, tables: &Tables, v: usize, town: &'static Town) -> &'static Town {
    let all = &tables.towns[tables.voivodeships[v].clone()];
    let near = |(_, t): &&(usize, &Town)| t.county == town.county && t.name != town.name;
    let n = all.iter().filter(near).count();
    if n > 0 && rng.below(2) == 0 {
        let k = rng.below(n);
        return all.iter().filter(near).nth(k).map_or(town, |(_, t)| t);
    }
    let k = rng.below(all.len());
    if std::ptr::eq(all[k].1, town) { all[(k + 1) % all.len()].1 } else { all[k].1 }
}

fn partner_name(rng: &mut Rng, t: &Town) -> String {
    match t.kind {
        Kind::City => format!("Miasto {}", t.name),
        Kind::Seat if rng.below(4) == 0 => format!("Powiat {}", capitalised(t.county)),
        _ => format!("Gmina {}", t.name),
    }
}

/// One synthetic practice; `i` numbers it. Without `texts`, the long texts
/// (summary, presentation, attachments) are left empty: the name fields
/// are all that search needs, and a million full practices is 10 GB. The
/// rest is the same either way.
fn practice(seed: u64, i: usize, texts: bool) -> Practice {
    let tables = &*TABLES;
    let mut rng = Rng::practice(seed, i);
    let mut text_rng = Rng(rng.0 ^ 0x5851_F42D_4C95_7F2D);
    let (v, town) = tables.towns[rng.weighted(&tables.town_weights)];
    let (topics, n) = topics(&mut rng, tables);
    let topics = &topics[..n];
    let title = title(&mut rng, v, town, topics);
    let main = &TOPICS[topics[0]];
    let section =
        if rng.below(8) == 0 { rng.below(SECTIONS.len()) } else { main.sections[rng.below(main.sections.len())] };
    let (entered, updated) = dates(&mut rng);
    let unit_type = unit_type(&mut rng, town.kind);
    let contacts = (0..rng.range(1, 3))
        .map(|_| {
            let f = rng.pick(FIRST);
            let l = surname(rng.pick(LAST), f.ends_with('a'));
            Contact {
                name: format!("{f} {l}"),
                role: Some(rng.pick(ROLES).to_owned()),
                email: Some(format!("{}.{}@synthetic.example", ascii_slug(f), ascii_slug(&l))),
                phone: (rng.below(2) == 0).then(|| {
                    format!("{} {:03} {:02} {:02}", rng.range(12, 95), rng.below(1000), rng.below(100), rng.below(100))
                }),
            }
        })
        .collect();
    let wanted = rng.below(5);
    let (mut partners, mut first_partner) = (Vec::with_capacity(wanted), None);
    for _ in 0..wanted {
        let t = partner(&mut rng, tables, v, town);
        let name = partner_name(&mut rng, t);
        if !partners.contains(&name) {
            first_partner.get_or_insert(t);
            partners.push(name);
        }
    }
    let (mut summary, mut presentation, mut attachments) = (String::new(), Vec::new(), Vec::new());
    if texts {
        let rng = &mut text_rng;
        let near = first_partner.unwrap_or_else(|| partner(rng, tables, v, town));
        let mut county = String::new();
        push_county(&mut county, town);
        let cx =
            Cx { topics, town: town.name, partner: near.name, county: &county, entered_year: entered.year() as usize };
        let presentation_bytes = rng.range(3_000, 10_000);
        let sections = rng.range(4, 8);
        presentation = (0..sections)
            .map(|s| Section {
                heading: SECTION_HEADINGS[s % SECTION_HEADINGS.len()].to_owned(),
                body: text(rng, &cx, presentation_bytes / sections, false),
            })
            .collect();
        attachments = (0..rng.below(6))
            .map(|a| {
                let fmt = rng.pick(FORMATS);
                Attachment {
                    name: format!("Załącznik {} – {}", a + 1, rng.pick(ATTACHMENT_NAMES)),
                    url: Some(format!("https://synthetic.example/{i}/zalacznik-{}.{fmt}", a + 1)),
                    format: Some(fmt.to_owned()),
                    size_bytes: Some(rng.range(10_000, 5_000_000) as u64),
                    description: (rng.below(2) == 0).then(|| {
                        let mut s = String::new();
                        sentence(&mut s, rng, &cx);
                        s
                    }),
                }
            })
            .collect();
        let summary_bytes = rng.range(1_000, 3_000);
        summary = text(rng, &cx, summary_bytes, true);
    }
    let implementing_unit = implementing_unit(&mut rng, v, unit_type, town);
    Practice {
        id: format!("synthetic-{i:06}"),
        title,
        area: Some([SYNTHETIC_MARKER, SECTIONS[section]].concat()),
        summary,
        presentation,
        attachments,
        entered: Some(iso(entered)),
        updated: Some(iso(updated)),
        unit_type: Some(unit_type.to_owned()),
        town: Some(town.name.to_owned()),
        county: Some(town.county.to_owned()),
        voivodeship: Some(VOIVODESHIPS[v].to_owned()),
        postal_code: Some(format!("{}-{:03}", town.postal, rng.below(1000))),
        post_office: Some(town.name.to_owned()),
        implementing_unit: Some(implementing_unit),
        street: Some(format!("ul. {} {}", rng.pick(STREETS), rng.range(1, 120))),
        phone: Some(format!("{} {:07}", rng.range(12, 95), rng.below(10_000_000))),
        website: Some(format!("www.{}.synthetic.example", ascii_slug(town.name))),
        population: (rng.below(4) != 0).then(|| u64::from(town.thousands) * rng.range(900, 1100) as u64),
        partners,
        contacts,
        source_url: None,
        extra: Default::default(),
        problems: Vec::new(),
    }
}

/// A store of `count` synthetic practices; the same seed gives the same store.
pub fn store(count: usize, seed: u64) -> StoreFile {
    StoreFile::new((0..count).map(|i| practice(seed, i + 1, true)).collect())
}

/// [`store`] with the long texts left empty: the same practices otherwise.
pub fn names_only(count: usize, seed: u64) -> StoreFile {
    StoreFile::new((0..count).map(|i| practice(seed, i + 1, false)).collect())
}

/// The name fields search looks at, one practice per line, tab-separated:
/// the input an `fzf --filter` comparison gets.
pub fn name_lines(store: &StoreFile) -> String {
    let mut out = String::new();
    let heads = crate::store::heads::Heads::of(&store.practices);
    for p in heads.iter() {
        let fields: Vec<&str> = crate::search::name_fields(p).map(|(_, s)| s).collect();
        out.push_str(&fields.join("\t"));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests;
