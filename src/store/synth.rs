//! Deterministic synthetic stores for measuring: realistic shapes (Polish
//! names with diacritics in all sixteen voivodeships, long texts, contacts,
//! attachments), and visibly synthetic so nobody mistakes them for BDP data:
//! every id starts with `synthetic-` and every area says so.

use crate::store::checks::VOIVODESHIPS;
use crate::store::{Attachment, Contact, Practice, Section, StoreFile};

/// The area every synthetic practice carries.
pub const SYNTHETIC_AREA: &str = "Dane syntetyczne (nie z BDP): Współpraca między JST";

/// SplitMix64: tiny, fast and stable forever, so a seed always gives the
/// same store whatever crate versions are in use.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Towns by voivodeship (same order as `VOIVODESHIPS`), with the first two
/// digits of their postal codes.
const TOWNS: [&[(&str, &str)]; 16] = [
    &[
        ("Wrocław", "50"),
        ("Wałbrzych", "58"),
        ("Legnica", "59"),
        ("Jelenia Góra", "58"),
        ("Świdnica", "58"),
        ("Oleśnica", "56"),
        ("Kłodzko", "57"),
        ("Bolesławiec", "59"),
    ],
    &[
        ("Bydgoszcz", "85"),
        ("Toruń", "87"),
        ("Włocławek", "87"),
        ("Grudziądz", "86"),
        ("Inowrocław", "88"),
        ("Brodnica", "87"),
        ("Świecie", "86"),
    ],
    &[
        ("Lublin", "20"),
        ("Zamość", "22"),
        ("Chełm", "22"),
        ("Biała Podlaska", "21"),
        ("Puławy", "24"),
        ("Świdnik", "21"),
        ("Kraśnik", "23"),
        ("Łęczna", "21"),
    ],
    &[
        ("Zielona Góra", "65"),
        ("Gorzów Wielkopolski", "66"),
        ("Żary", "68"),
        ("Żagań", "68"),
        ("Świebodzin", "66"),
        ("Międzyrzecz", "66"),
    ],
    &[
        ("Łódź", "90"),
        ("Piotrków Trybunalski", "97"),
        ("Pabianice", "95"),
        ("Tomaszów Mazowiecki", "97"),
        ("Bełchatów", "97"),
        ("Zgierz", "95"),
        ("Skierniewice", "96"),
        ("Łęczyca", "99"),
    ],
    &[
        ("Kraków", "30"),
        ("Tarnów", "33"),
        ("Nowy Sącz", "33"),
        ("Oświęcim", "32"),
        ("Chrzanów", "32"),
        ("Nowy Targ", "34"),
        ("Wieliczka", "32"),
        ("Gorlice", "38"),
    ],
    &[
        ("Warszawa", "00"),
        ("Radom", "26"),
        ("Płock", "09"),
        ("Siedlce", "08"),
        ("Pruszków", "05"),
        ("Legionowo", "05"),
        ("Ostrołęka", "07"),
        ("Ciechanów", "06"),
    ],
    &[
        ("Opole", "45"),
        ("Kędzierzyn-Koźle", "47"),
        ("Nysa", "48"),
        ("Brzeg", "49"),
        ("Kluczbork", "46"),
        ("Prudnik", "48"),
        ("Strzelce Opolskie", "47"),
    ],
    &[
        ("Rzeszów", "35"),
        ("Przemyśl", "37"),
        ("Stalowa Wola", "37"),
        ("Mielec", "39"),
        ("Krosno", "38"),
        ("Dębica", "39"),
        ("Jarosław", "37"),
        ("Sanok", "38"),
    ],
    &[
        ("Białystok", "15"),
        ("Suwałki", "16"),
        ("Łomża", "18"),
        ("Augustów", "16"),
        ("Bielsk Podlaski", "17"),
        ("Zambrów", "18"),
        ("Hajnówka", "17"),
    ],
    &[
        ("Gdańsk", "80"),
        ("Gdynia", "81"),
        ("Słupsk", "76"),
        ("Tczew", "83"),
        ("Wejherowo", "84"),
        ("Starogard Gdański", "83"),
        ("Chojnice", "89"),
        ("Malbork", "82"),
    ],
    &[
        ("Katowice", "40"),
        ("Częstochowa", "42"),
        ("Sosnowiec", "41"),
        ("Gliwice", "44"),
        ("Zabrze", "41"),
        ("Bielsko-Biała", "43"),
        ("Bytom", "41"),
        ("Żywiec", "34"),
        ("Rybnik", "44"),
        ("Tychy", "43"),
    ],
    &[
        ("Kielce", "25"),
        ("Ostrowiec Świętokrzyski", "27"),
        ("Starachowice", "27"),
        ("Skarżysko-Kamienna", "26"),
        ("Sandomierz", "27"),
        ("Końskie", "26"),
        ("Busko-Zdrój", "28"),
    ],
    &[
        ("Olsztyn", "10"),
        ("Elbląg", "82"),
        ("Ełk", "19"),
        ("Ostróda", "14"),
        ("Iława", "14"),
        ("Giżycko", "11"),
        ("Kętrzyn", "11"),
        ("Mrągowo", "11"),
    ],
    &[
        ("Poznań", "61"),
        ("Kalisz", "62"),
        ("Konin", "62"),
        ("Piła", "64"),
        ("Ostrów Wielkopolski", "63"),
        ("Gniezno", "62"),
        ("Leszno", "64"),
        ("Śrem", "63"),
    ],
    &[
        ("Szczecin", "70"),
        ("Koszalin", "75"),
        ("Stargard", "73"),
        ("Kołobrzeg", "78"),
        ("Świnoujście", "72"),
        ("Szczecinek", "78"),
        ("Police", "72"),
        ("Wałcz", "78"),
    ],
];

const UNIT_TYPES: &[&str] = &[
    "gmina miejska",
    "gmina wiejska",
    "gmina miejsko-wiejska",
    "powiat",
    "powiat grodzki",
    "związek międzygminny",
    "stowarzyszenie JST",
];
const TITLE_HEADS: &[&str] = &[
    "Aglomeracja",
    "Związek Gmin",
    "Partnerstwo",
    "Porozumienie gmin",
    "Wspólny transport publiczny",
    "Klaster energii",
    "Centrum Usług Wspólnych",
    "Lokalna Grupa Działania",
    "Stowarzyszenie Gmin",
    "Związek Powiatów",
    "Obszar funkcjonalny",
    "Wspólna gospodarka odpadami",
    "Międzygminna sieć szkół",
    "Partnerska współpraca samorządów",
];
const TITLE_TAILS: &[&str] = &[
    "Dorzecza Wisły",
    "Ziemi Łódzkiej",
    "Pogórza Śląskiego",
    "Krainy Łęgów",
    "Doliny Bugu",
    "Pojezierza Mazurskiego",
    "Żuław",
    "Ziemi Kłodzkiej",
    "Roztocza",
    "Kaszub",
    "Podhala",
    "Warmii",
    "Kurpi",
    "Beskidu Żywieckiego",
    "Nadodrza",
    "Ponidzia",
    "Kujaw",
    "Podlasia",
    "Świętokrzyskiej Doliny",
    "Pomorza Środkowego",
];
const FIRST: &[&str] = &[
    "Anna",
    "Małgorzata",
    "Katarzyna",
    "Agnieszka",
    "Łucja",
    "Zofia",
    "Jan",
    "Piotr",
    "Krzysztof",
    "Paweł",
    "Łukasz",
    "Michał",
    "Grzegorz",
    "Bożena",
    "Józef",
    "Żaneta",
];
const LAST: &[&str] = &[
    "Nowak",
    "Kowalska",
    "Wiśniewski",
    "Wójcik",
    "Kamińska",
    "Lewandowski",
    "Zieliński",
    "Szymańska",
    "Woźniak",
    "Dąbrowski",
    "Kozłowska",
    "Jankowski",
    "Mazur",
    "Krawczyk",
    "Piątek",
    "Grabowska",
    "Pawłowski",
    "Michalska",
    "Król",
    "Wieczorek",
    "Jabłoński",
    "Nowakowska",
    "Majewski",
    "Olszewska",
    "Stępień",
    "Malinowski",
    "Jaworska",
    "Adamczyk",
    "Dudek",
    "Nowicki",
    "Pająk",
    "Górecka",
    "Żak",
    "Sikora",
];
const ROLES: &[&str] = &[
    "Dyrektor Biura",
    "Koordynator projektu",
    "Kierownik Referatu Rozwoju",
    "Sekretarz Gminy",
    "Specjalista ds. współpracy",
    "Prezes Zarządu",
];
const WORDS: &[&str] = &[
    "współpraca",
    "gmina",
    "samorząd",
    "partnerstwo",
    "mieszkańcy",
    "rozwój",
    "inwestycja",
    "porozumienie",
    "zadanie",
    "komunikacja",
    "zaufanie",
    "region",
    "oświata",
    "transport",
    "odpady",
    "energia",
    "środki",
    "budżet",
    "rada",
    "wójt",
    "burmistrz",
    "starosta",
    "powiat",
    "projekt",
    "wdrożenie",
    "strategia",
    "usługi",
    "jakość",
    "efekt",
    "wspólny",
    "lokalny",
    "regionalny",
    "skuteczny",
    "trwały",
    "międzygminny",
    "społeczny",
    "publiczny",
    "nowy",
    "zrealizowano",
    "przygotowano",
    "uzgodniono",
    "powołano",
    "wspiera",
    "obejmuje",
    "zapewnia",
    "łączy",
    "służy",
];
const SECTION_HEADINGS: &[&str] = &[
    "Opis sytuacji przed wdrożeniem",
    "Cele praktyki",
    "Opis wdrożenia",
    "Zasoby",
    "Rezultaty",
    "Monitoring i ewaluacja",
    "Trudności i bariery",
    "Kluczowe czynniki sukcesu",
    "Możliwość wykorzystania w innych JST",
    "Wnioski",
];
const FORMATS: &[&str] = &["pdf", "docx", "xlsx", "jpg", "zip"];

fn sentence(rng: &mut Rng) -> String {
    let n = rng.range(8, 18);
    let mut words: Vec<&str> = (0..n).map(|_| rng.pick(WORDS)).collect();
    let first = words[0];
    let mut s: String = first.chars().next().map(|c| c.to_uppercase().collect::<String>()).unwrap_or_default();
    s.push_str(&first[first.chars().next().map_or(0, char::len_utf8)..]);
    words[0] = "";
    for w in words.iter().skip(1) {
        s.push(' ');
        s.push_str(w);
    }
    s.push('.');
    s
}

/// Paragraphs of about `bytes` bytes in total.
fn text(rng: &mut Rng, bytes: usize) -> String {
    let mut out = String::new();
    let mut para = String::new();
    while out.len() + para.len() < bytes {
        if !para.is_empty() {
            para.push(' ');
        }
        para.push_str(&sentence(rng));
        if para.len() > 400 && rng.below(3) == 0 {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&std::mem::take(&mut para));
        }
    }
    if !para.is_empty() {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&para);
    }
    out
}

fn ascii_slug(s: &str) -> String {
    crate::store::import::slug(s).replace('-', ".")
}

/// One synthetic practice; `i` numbers it. Without `texts`, the long texts
/// (summary, presentation, attachments) are left empty: the name fields
/// are all that search needs, and a million full practices is 10 GB.
fn practice(rng: &mut Rng, i: usize, texts: bool) -> Practice {
    let v = rng.below(16);
    let (town, district) = TOWNS[v][rng.below(TOWNS[v].len())];
    let title = format!(
        "{} {}",
        rng.pick(TITLE_HEADS),
        if rng.below(2) == 0 { rng.pick(TITLE_TAILS).to_owned() } else { town.to_owned() }
    );
    let contacts = (0..rng.range(1, 3))
        .map(|_| {
            let (f, l) = (rng.pick(FIRST), rng.pick(LAST));
            Contact {
                name: format!("{f} {l}"),
                role: Some(rng.pick(ROLES).to_owned()),
                email: Some(format!("{}.{}@synthetic.example", ascii_slug(f), ascii_slug(l))),
                phone: (rng.below(2) == 0).then(|| {
                    format!("{} {:03} {:02} {:02}", rng.range(12, 95), rng.below(1000), rng.below(100), rng.below(100))
                }),
            }
        })
        .collect();
    let presentation_bytes = rng.range(3_000, 10_000);
    let sections = if texts { rng.range(4, 8) } else { 0 };
    let presentation = (0..sections)
        .map(|s| Section {
            heading: SECTION_HEADINGS[s % SECTION_HEADINGS.len()].to_owned(),
            body: text(rng, presentation_bytes / sections),
        })
        .collect();
    let attachments = (0..if texts { rng.below(6) } else { 0 })
        .map(|a| {
            let fmt = rng.pick(FORMATS);
            Attachment {
                name: format!("Załącznik {} – {}", a + 1, rng.pick(WORDS)),
                url: Some(format!("https://synthetic.example/{i}/zalacznik-{}.{fmt}", a + 1)),
                format: Some(fmt.to_owned()),
                size_bytes: Some(rng.range(10_000, 5_000_000) as u64),
                description: (rng.below(2) == 0).then(|| sentence(rng)),
            }
        })
        .collect();
    let summary_bytes = rng.range(1_000, 3_000);
    let summary = if texts { text(rng, summary_bytes) } else { String::new() };
    let partners = (0..rng.below(5)).map(|_| format!("Gmina {}", TOWNS[v][rng.below(TOWNS[v].len())].0)).collect();
    Practice {
        id: format!("synthetic-{i:06}"),
        title,
        area: Some(SYNTHETIC_AREA.to_owned()),
        summary,
        presentation,
        attachments,
        entered: Some(format!("20{:02}-{:02}-{:02}", rng.range(13, 24), rng.range(1, 12), rng.range(1, 28))),
        updated: None,
        unit_type: Some(rng.pick(UNIT_TYPES).to_owned()),
        town: Some(town.to_owned()),
        county: Some(if rng.below(3) == 0 { town.to_owned() } else { format!("powiat {}", town.to_lowercase()) }),
        voivodeship: Some(VOIVODESHIPS[v].to_owned()),
        postal_code: Some(format!("{district}-{:03}", rng.below(1000))),
        post_office: Some(town.to_owned()),
        implementing_unit: Some(format!(
            "{} {town}",
            rng.pick(&["Urząd Miasta", "Urząd Gminy", "Starostwo Powiatowe w", "Biuro Związku"])
        )),
        street: Some(format!(
            "ul. {} {}",
            rng.pick(&["Główna", "Rynek", "Kościuszki", "Mickiewicza", "Żeromskiego", "Słoneczna"]),
            rng.range(1, 120)
        )),
        phone: Some(format!("{} {:07}", rng.range(12, 95), rng.below(10_000_000))),
        website: Some(format!("www.{}.synthetic.example", ascii_slug(town))),
        population: (rng.below(4) != 0).then(|| rng.range(2_000, 800_000) as u64),
        partners,
        contacts,
        source_url: None,
        extra: Default::default(),
        problems: Vec::new(),
    }
}

/// A store of `count` synthetic practices; the same seed gives the same store.
pub fn store(count: usize, seed: u64) -> StoreFile {
    let mut rng = Rng(seed);
    StoreFile::new((0..count).map(|i| practice(&mut rng, i + 1, true)).collect())
}

/// Like [`store`] but with the long texts left empty.
pub fn names_only(count: usize, seed: u64) -> StoreFile {
    let mut rng = Rng(seed);
    StoreFile::new((0..count).map(|i| practice(&mut rng, i + 1, false)).collect())
}

/// The name fields search looks at, one practice per line, tab-separated:
/// the input an `fzf --filter` comparison gets.
pub fn name_lines(store: &StoreFile) -> String {
    let mut out = String::new();
    for p in &store.practices {
        let fields: Vec<&str> = crate::search::name_fields(p).map(|(_, s)| s).collect();
        out.push_str(&fields.join("\t"));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_marked() {
        let a = store(20, 7);
        let b = store(20, 7);
        assert_eq!(a.practices, b.practices);
        assert_ne!(a.practices, store(20, 8).practices);
        for p in &a.practices {
            assert!(p.id.starts_with("synthetic-"));
            assert_eq!(p.area.as_deref(), Some(SYNTHETIC_AREA));
            assert!((1_000..=3_500).contains(&p.summary.len()), "{}", p.summary.len());
            assert!((4..=8).contains(&p.presentation.len()));
            assert!(p.attachments.len() <= 5 && (1..=3).contains(&p.contacts.len()));
            assert!(crate::store::checks::check(p).is_empty(), "{:?}", crate::store::checks::check(p));
        }
    }
}
