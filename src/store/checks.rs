//! Plausibility checks on a parsed practice. They never reject a practice:
//! what they find is reported as a warning, because real BDP data has such
//! slips (the seed page itself gives Opole the postal code 41-301).

use chrono::NaiveDate;
use email_address::EmailAddress;

use super::model::{Practice, given};
use crate::text::fold::fold;

/// The eight sections (areas) of the BDP, as its pages name them.
pub const SECTIONS: [&str; 8] = [
    "Usługi społeczne",
    "Usługi techniczne",
    "Rozwój instytucjonalny",
    "Efektywność energetyczna",
    "Współpraca JST-NGO",
    "Współpraca między JST",
    "Dialog społeczny",
    "SMUP",
];

/// The sixteen voivodeships, in the lowercase form the BDP uses.
pub const VOIVODESHIPS: [&str; 16] = [
    "dolnośląskie",
    "kujawsko-pomorskie",
    "lubelskie",
    "lubuskie",
    "łódzkie",
    "małopolskie",
    "mazowieckie",
    "opolskie",
    "podkarpackie",
    "podlaskie",
    "pomorskie",
    "śląskie",
    "świętokrzyskie",
    "warmińsko-mazurskie",
    "wielkopolskie",
    "zachodniopomorskie",
];

/// Voivodeships served by each two-digit postal district (index = the two
/// digits). Districts that straddle a border list every voivodeship they
/// reach, so the check warns only where a code cannot belong at all.
#[rustfmt::skip]
const POSTAL_DISTRICTS: [&[&str]; 100] = {
    const MAZ: &[&str] = &["mazowieckie"];
    const WM: &[&str] = &["warmińsko-mazurskie"];
    const POD: &[&str] = &["podlaskie"];
    const LUB: &[&str] = &["lubelskie"];
    const SW: &[&str] = &["świętokrzyskie"];
    const MAL: &[&str] = &["małopolskie"];
    const PK: &[&str] = &["podkarpackie"];
    const SL: &[&str] = &["śląskie"];
    const OP: &[&str] = &["opolskie"];
    const DS: &[&str] = &["dolnośląskie"];
    const WP: &[&str] = &["wielkopolskie"];
    const LBS: &[&str] = &["lubuskie"];
    const ZP: &[&str] = &["zachodniopomorskie"];
    const PM: &[&str] = &["pomorskie"];
    const KP: &[&str] = &["kujawsko-pomorskie"];
    const LD: &[&str] = &["łódzkie"];
    [
        MAZ, MAZ, MAZ, MAZ, MAZ, MAZ, MAZ,                             // 00-06
        &["mazowieckie", "podlaskie"],                                 // 07
        &["mazowieckie", "lubelskie"],                                 // 08
        &["mazowieckie", "kujawsko-pomorskie", "łódzkie"],             // 09
        WM, WM,                                                        // 10-11
        &["warmińsko-mazurskie", "mazowieckie", "podlaskie"],          // 12
        &["warmińsko-mazurskie", "mazowieckie"],                       // 13
        &["warmińsko-mazurskie", "pomorskie"],                         // 14
        POD, POD, POD,                                                 // 15-17
        &["podlaskie", "mazowieckie"],                                 // 18
        &["podlaskie", "warmińsko-mazurskie"],                         // 19
        LUB, LUB, LUB, LUB, LUB,                                       // 20-24
        SW,                                                            // 25
        &["świętokrzyskie", "mazowieckie", "łódzkie"],                 // 26
        &["świętokrzyskie", "mazowieckie", "lubelskie"],               // 27
        SW,                                                            // 28
        &["świętokrzyskie", "łódzkie"],                                // 29
        MAL, MAL,                                                      // 30-31
        &["małopolskie", "śląskie"],                                   // 32
        &["małopolskie", "podkarpackie"],                              // 33
        &["małopolskie", "śląskie"],                                   // 34
        PK, PK,                                                        // 35-36
        &["podkarpackie", "lubelskie"],                                // 37
        &["podkarpackie", "małopolskie"],                              // 38: Gorlice
        &["podkarpackie", "małopolskie", "świętokrzyskie"],            // 39
        SL, SL,                                                        // 40-41
        &["śląskie", "łódzkie", "opolskie"],                           // 42
        &["śląskie", "małopolskie"],                                   // 43
        SL,                                                            // 44
        OP,                                                            // 45
        &["opolskie", "dolnośląskie", "śląskie"],                      // 46
        &["opolskie", "śląskie"],                                      // 47
        OP, OP,                                                        // 48-49
        DS, DS, DS, DS, DS, DS,                                        // 50-55
        &["dolnośląskie", "wielkopolskie"],                            // 56
        DS, DS,                                                        // 57-58
        &["dolnośląskie", "lubuskie"],                                 // 59
        WP, WP, WP,                                                    // 60-62
        &["wielkopolskie", "dolnośląskie", "łódzkie"],                 // 63
        &["wielkopolskie", "lubuskie", "zachodniopomorskie"],          // 64
        LBS, LBS,                                                      // 65-66
        &["lubuskie", "dolnośląskie"],                                 // 67
        &["lubuskie", "dolnośląskie"],                                 // 68
        LBS,                                                           // 69
        ZP, ZP, ZP, ZP,                                                // 70-73
        &["zachodniopomorskie", "lubuskie"],                           // 74
        ZP,                                                            // 75
        &["zachodniopomorskie", "pomorskie"],                          // 76
        &["pomorskie", "wielkopolskie", "zachodniopomorskie"],         // 77
        &["zachodniopomorskie", "wielkopolskie"],                      // 78
        &[],                                                           // 79: unused
        PM, PM,                                                        // 80-81
        &["pomorskie", "warmińsko-mazurskie"],                         // 82
        PM, PM,                                                        // 83-84
        KP,                                                            // 85
        &["kujawsko-pomorskie", "pomorskie"],                          // 86
        &["kujawsko-pomorskie", "warmińsko-mazurskie", "mazowieckie"], // 87
        &["kujawsko-pomorskie", "wielkopolskie"],                      // 88
        &["kujawsko-pomorskie", "pomorskie", "wielkopolskie"],         // 89
        LD, LD, LD, LD, LD,                                            // 90-94
        &["łódzkie", "mazowieckie"],                                   // 95
        &["łódzkie", "mazowieckie"],                                   // 96
        &["łódzkie", "świętokrzyskie", "śląskie"],                     // 97
        &["łódzkie", "wielkopolskie", "śląskie", "opolskie"],          // 98
        &["łódzkie", "wielkopolskie", "mazowieckie"],                  // 99
    ]
};

/// A suspicious value: the JSON field it sits in and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Path of the field inside the practice, e.g. `contacts[0].email`.
    pub field: String,
    /// The value as stored, to help locate it in the file.
    pub value: String,
    pub message: String,
}

/// A folded voivodeship value without "województwo"/"woj." before it and
/// spaces around it: what is compared with the sixteen names.
pub fn bare_voivodeship(folded: &str) -> &str {
    let s = folded.trim();
    s.strip_prefix("wojewodztwo").or_else(|| s.strip_prefix("woj.")).unwrap_or(s).trim()
}

/// The sixteen voivodeships' names, folded.
pub fn folded_voivodeships() -> &'static [String] {
    static FOLDED: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    FOLDED.get_or_init(|| VOIVODESHIPS.iter().map(|v| fold(v)).collect())
}

/// Looks a voivodeship name up case-insensitively; returns the canonical
/// spelling.
pub fn canonical_voivodeship(name: &str) -> Option<&'static str> {
    let lower = name.trim().to_lowercase();
    VOIVODESHIPS.iter().copied().find(|v| *v == lower)
}

fn parse_postal(code: &str) -> Option<usize> {
    let b = code.as_bytes();
    let ok = b.len() == 6 && b[2] == b'-' && b.iter().enumerate().all(|(i, c)| i == 2 || c.is_ascii_digit());
    ok.then(|| usize::from(b[0] - b'0') * 10 + usize::from(b[1] - b'0'))
}

/// Runs every plausibility check on one practice.
pub fn check(p: &Practice) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut warn = |field: &str, value: &str, message: String| {
        out.push(Finding { field: field.to_owned(), value: value.to_owned(), message });
    };
    // A value quoted in a message is cut: a 10 KB "e-mail" is not read whole.
    let cut = |v: &str| crate::text::width::truncate(v, 60);

    // A blank value is read as no value, as the browser and export read it.
    let voivodeship = given(&p.voivodeship).map(str::trim);
    let canonical = voivodeship.and_then(canonical_voivodeship);
    if let (Some(v), None) = (voivodeship, canonical) {
        // Read as the map and `woj:` read it: said which one it is taken
        // for, or that it is counted under none.
        let folded = fold(v);
        let bare = bare_voivodeship(&folded);
        let message = match folded_voivodeships().iter().position(|known| known == bare) {
            Some(i) => format!(
                "voivodeship '{}' is read as '{}'; write it so (did you mean '{}'?)",
                cut(v),
                VOIVODESHIPS[i],
                VOIVODESHIPS[i]
            ),
            None => {
                format!("unknown voivodeship '{}': none of the 16, so the map counts it under no voivodeship", cut(v))
            }
        };
        warn("voivodeship", v, message);
    }

    if let Some(code) = given(&p.postal_code) {
        match parse_postal(code.trim()) {
            None => warn("postal_code", code, format!("postal code '{}' is not of the form NN-NNN", cut(code))),
            Some(district) => {
                let allowed = POSTAL_DISTRICTS[district];
                if let Some(v) = canonical
                    && !allowed.contains(&v)
                {
                    let expected = if allowed.is_empty() { "no voivodeship".to_owned() } else { allowed.join(", ") };
                    warn(
                        "postal_code",
                        code,
                        format!("postal code '{code}' lies in district {district:02} ({expected}), not in {v}"),
                    );
                }
            }
        }
    }

    for (field, date) in [("entered", &p.entered), ("updated", &p.updated)] {
        if let Some(d) = given(date)
            && NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").is_err()
        {
            warn(field, d, format!("date '{}' is not a valid YYYY-MM-DD date", cut(d)));
        }
    }

    for (i, c) in p.contacts.iter().enumerate() {
        if let Some(e) = given(&c.email)
            && !EmailAddress::is_valid(e.trim())
        {
            warn(&format!("contacts[{i}].email"), e, format!("e-mail address '{}' does not parse", cut(e)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn practice() -> Practice {
        Practice {
            id: "x".into(),
            title: "X".into(),
            voivodeship: Some("opolskie".into()),
            postal_code: Some("45-001".into()),
            entered: Some("2014-12-06".into()),
            ..Practice::default()
        }
    }

    #[test]
    fn clean_practice_has_no_findings() {
        assert!(check(&practice()).is_empty());
    }

    #[test]
    fn table_has_all_districts() {
        let used: usize = POSTAL_DISTRICTS.iter().filter(|d| !d.is_empty()).count();
        assert_eq!(used, 99);
        for d in POSTAL_DISTRICTS.iter().flat_map(|d| d.iter()) {
            assert!(VOIVODESHIPS.contains(d), "{d}");
        }
    }

    #[test]
    fn seed_postal_code_is_flagged() {
        let p = Practice { postal_code: Some("41-301".into()), ..practice() };
        let f = check(&p);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].field, "postal_code");
        assert!(f[0].message.contains("district 41 (śląskie)"), "{}", f[0].message);
    }

    #[test]
    fn a_huge_value_is_quoted_cut() {
        let huge = format!("{}@x", "a".repeat(10_000));
        let p = Practice {
            contacts: vec![super::super::model::Contact { name: "A".into(), email: Some(huge), ..Default::default() }],
            ..practice()
        };
        let f = check(&p);
        let m = &f.iter().find(|f| f.field == "contacts[0].email").expect("a finding").message;
        assert!(m.len() < 200 && m.contains('…'), "{m}");
    }

    #[test]
    fn each_kind_of_finding() {
        let cases: [(Practice, &str, &str); 6] = [
            (Practice { postal_code: Some("45001".into()), ..practice() }, "postal_code", "NN-NNN"),
            (
                Practice { voivodeship: Some("slaskie".into()), postal_code: None, ..practice() },
                "voivodeship",
                "did you mean 'śląskie'",
            ),
            (
                Practice { voivodeship: Some("Bawaria".into()), postal_code: None, ..practice() },
                "voivodeship",
                "unknown voivodeship 'Bawaria': none of the 16",
            ),
            (
                Practice { voivodeship: Some("woj. opolskie".into()), postal_code: None, ..practice() },
                "voivodeship",
                "'woj. opolskie' is read as 'opolskie'",
            ),
            (Practice { entered: Some("2014-13-06".into()), ..practice() }, "entered", "YYYY-MM-DD"),
            (
                Practice {
                    contacts: vec![super::super::model::Contact {
                        name: "A".into(),
                        email: Some("a@@b".into()),
                        ..Default::default()
                    }],
                    ..practice()
                },
                "contacts[0].email",
                "does not parse",
            ),
        ];
        for (p, field, needle) in cases {
            let f = check(&p);
            assert_eq!(f.len(), 1, "{field}: {f:?}");
            assert_eq!(f[0].field, field);
            assert!(f[0].message.contains(needle), "{}", f[0].message);
        }
    }

    #[test]
    fn blank_values_are_no_values() {
        let blank = Some("  ".to_owned());
        let p = Practice {
            postal_code: blank.clone(),
            entered: blank.clone(),
            updated: Some(String::new()),
            voivodeship: blank.clone(),
            contacts: vec![super::super::model::Contact { name: "A".into(), email: blank, ..Default::default() }],
            ..practice()
        };
        assert_eq!(check(&p), []);
    }

    #[test]
    fn voivodeship_is_case_insensitive() {
        let p = Practice { voivodeship: Some("Opolskie".into()), ..practice() };
        assert!(check(&p).is_empty());
    }
}
