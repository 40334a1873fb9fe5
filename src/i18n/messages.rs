//! Messages made in English where they arise (the store's loader, its
//! checks, the system's I/O errors) told in the run's language when they
//! are printed. A message is matched against the frames the program makes
//! it from, so what it quotes (a value, a path) is kept as it is.

use super::Lang;
use crate::store::problem::{Problem, Severity};

/// What an I/O error says, in `lang`: the system's words are English, so
/// the common kinds are told in Polish, with the OS error number kept.
pub fn io_error(e: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    if lang == Lang::En {
        return e.to_string();
    }
    // Our own words, for what the system does not refuse.
    if e.raw_os_error().is_none() && e.get_ref().is_some() {
        let msg = e.to_string();
        let what = [
            ("a folder, not a file", "to katalog, nie plik"),
            ("a pipe (FIFO), not a file", "to potok (FIFO), nie plik"),
            ("a device, not a file", "to urządzenie, nie plik"),
            ("a socket, not a file", "to gniazdo, nie plik"),
            ("not a regular file, not a file", "to nie jest zwykły plik"),
            ("not a regular file", "to nie jest zwykły plik"),
        ];
        if let Some((_, pl)) = what.iter().find(|(en, _)| *en == msg) {
            return (*pl).to_owned();
        }
        if let Some(size) = msg.strip_prefix("larger than ").and_then(|m| m.strip_suffix(", the most praktyki reads")) {
            return format!("większy niż {size}, najwięcej, ile czyta praktyki");
        }
        return msg;
    }
    let said = match e.kind() {
        K::NotFound => "nie ma takiego pliku ani katalogu",
        K::PermissionDenied => "brak uprawnień",
        K::IsADirectory => "to jest katalog",
        K::NotADirectory => "to nie jest katalog",
        K::AlreadyExists => "plik już istnieje",
        K::StorageFull => "brak miejsca na dysku",
        K::FileTooLarge => "plik za duży",
        K::ReadOnlyFilesystem => "system plików tylko do odczytu",
        K::InvalidData => "niepoprawne dane",
        K::UnexpectedEof => "nieoczekiwany koniec pliku",
        K::TimedOut => "przekroczony czas",
        K::ConnectionRefused => "połączenie odrzucone",
        _ => return e.to_string(),
    };
    match e.raw_os_error() {
        Some(code) => format!("{said} (błąd systemu {code})"),
        None => said.to_owned(),
    }
}

/// A frame of an English message, with `{}` where a quoted part goes, and
/// the same in Polish.
const FRAMES: &[(&str, &str)] = &[
    ("missing field `{}`", "brak pola `{}`"),
    ("invalid type: {}, expected {}", "zły typ: {}, oczekiwano: {}"),
    ("invalid value: {}, expected {}", "zła wartość: {}, oczekiwano: {}"),
    ("unknown variant `{}`, expected {}", "nieznana wartość `{}`, oczekiwano: {}"),
    ("field `{}` is empty", "pole `{}` jest puste"),
    (
        "duplicate id (first used by practice #{}); this one is skipped",
        "powtórzony identyfikator (pierwszy w praktyce #{}); ta jest pominięta",
    ),
    (
        "id {} is the same as practice #{}'s once made terminal-safe ('{}'); this one is skipped",
        "identyfikator {} po usunięciu znaków sterujących jest taki jak praktyki #{} ('{}'); ta jest pominięta",
    ),
    ("unknown field, ignored (a typo?)", "nieznane pole, pominięte (literówka?)"),
    (
        "practice rejected by one JSON reader and accepted by another",
        "praktyka odrzucona przez jeden czytnik JSON, a przyjęta przez inny",
    ),
    (
        "unknown voivodeship '{}': none of the 16, so the map counts it under no voivodeship",
        "nieznane województwo '{}': żadne z 16, więc mapa nie liczy go w żadnym",
    ),
    (
        "voivodeship '{}' is read as '{}'; write it so (did you mean '{}'?)",
        "województwo '{}' jest czytane jako '{}'; tak je zapisz (czy chodziło o '{}'?)",
    ),
    ("postal code '{}' is not of the form NN-NNN", "kod pocztowy '{}' nie ma postaci NN-NNN"),
    ("postal code '{}' lies in district {} ({}), not in {}", "kod pocztowy '{}' leży w okręgu {} ({}), nie w: {}"),
    ("date '{}' is not a valid YYYY-MM-DD date", "data '{}' nie jest poprawną datą RRRR-MM-DD"),
    ("e-mail address '{}' does not parse", "adres e-mail '{}' jest niepoprawny"),
    // What the JSON reader says of a file that is not JSON.
    ("EOF while parsing a list", "plik kończy się w środku listy"),
    ("EOF while parsing an object", "plik kończy się w środku obiektu"),
    ("EOF while parsing a string", "plik kończy się w środku tekstu"),
    ("EOF while parsing a value", "plik kończy się przed wartością"),
    ("key must be a string", "klucz musi być tekstem w cudzysłowie"),
    ("trailing characters", "znaki po końcu danych"),
    ("trailing comma", "przecinek na końcu"),
    ("expected value", "oczekiwano wartości"),
    ("expected `,` or `]`", "oczekiwano `,` albo `]`"),
    ("expected `,` or `}`", "oczekiwano `,` albo `}`"),
    ("expected `:`", "oczekiwano `:`"),
    ("invalid escape", "niepoprawna sekwencja ucieczki"),
    ("invalid number", "niepoprawna liczba"),
    ("control character (\\u0000-\\u001F) found while parsing a string", "znak sterujący w tekście"),
    ("{} is not in {}", "{} nie mieści się w {}"),
    ("give a whole number, 1 or more", "podaj liczbę całkowitą, 1 lub więcej"),
    ("give a whole number from 1 to 1000", "podaj liczbę całkowitą od 1 do 1000"),
    ("a number too large", "liczba za duża"),
    ("unknown field `{}`, expected {}", "nieznane pole `{}`, oczekiwano: {}"),
];

/// `message` in `lang`: in Polish when it is made from one of the frames
/// above, else as it is.
pub fn message(message: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return message.to_owned();
    }
    FRAMES
        .iter()
        .find_map(|(en, pl)| {
            let parts = parts(en, message)?;
            // serde names JSON types in its own words ("integer `5`", "a string").
            let parts: Vec<String> = if en.starts_with("invalid type") {
                parts.iter().map(|p| json_type(p)).collect()
            } else {
                parts.iter().map(|p| (*p).to_owned()).collect()
            };
            fill(pl, &parts)
        })
        .unwrap_or_else(|| message.to_owned())
}

/// serde's name of a JSON type at the start of `part`, in Polish.
fn json_type(part: &str) -> String {
    const TYPES: &[(&str, &str)] = &[
        ("a string", "tekst"),
        ("string", "tekst"),
        ("integer", "liczba"),
        ("floating point", "liczba"),
        ("boolean", "wartość logiczna"),
        ("a sequence", "lista"),
        ("sequence", "lista"),
        ("a map", "obiekt"),
        ("map", "obiekt"),
        ("unit value", "null"),
    ];
    for (en, pl) in TYPES {
        if let Some(rest) = part.strip_prefix(en)
            && (rest.is_empty() || rest.starts_with(' '))
        {
            return format!("{pl}{rest}");
        }
    }
    part.to_owned()
}

/// The quoted parts of `message` if it is made from `frame`. A quoted
/// value may hold the frame's own words ("a, expected b"): each split is
/// tried until the rest of the message fits the rest of the frame.
fn parts<'m>(frame: &str, message: &'m str) -> Option<Vec<&'m str>> {
    let mut pieces = frame.split("{}");
    let rest = message.strip_prefix(pieces.next()?)?;
    let pieces: Vec<&str> = pieces.collect();
    let mut out = Vec::new();
    split(rest, &pieces, &mut out).then_some(out)
}

fn split<'m>(rest: &'m str, pieces: &[&str], out: &mut Vec<&'m str>) -> bool {
    let Some((piece, later)) = pieces.split_first() else { return rest.is_empty() };
    if later.is_empty() {
        return match rest.strip_suffix(piece) {
            Some(part) => {
                out.push(part);
                true
            }
            None => false,
        };
    }
    // Later splits first: a value quoted early is the likelier to hold the words.
    let mut at: Vec<usize> = rest.match_indices(piece).map(|(i, _)| i).collect();
    at.reverse();
    for i in at {
        out.push(&rest[..i]);
        if split(&rest[i + piece.len()..], later, out) {
            return true;
        }
        out.truncate(out.len() - 1);
    }
    false
}

fn fill(frame: &str, parts: &[impl AsRef<str>]) -> Option<String> {
    let mut out = String::new();
    let mut pieces = frame.split("{}");
    out.push_str(pieces.next()?);
    for (piece, part) in pieces.zip(parts) {
        out.push_str(part.as_ref());
        out.push_str(piece);
    }
    Some(out)
}

/// A problem's line as `validate` prints it, in `lang`.
pub fn say_problem(p: &Problem, lang: Lang) -> String {
    if lang == Lang::En {
        return p.to_string();
    }
    let kind = match p.severity {
        Severity::Error => "błąd",
        Severity::Warning => "ostrzeżenie",
    };
    let mut out = format!("{}:{}:{}: {kind}: praktyka #{}", p.origin, p.line, p.column, p.index);
    if let Some(id) = &p.id {
        out.push_str(&format!(" (id '{id}')"));
    }
    if let Some(field) = &p.field {
        out.push_str(&format!(", pole '{field}'"));
    }
    out.push_str(&format!(": {}", message(&p.message, lang)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_errors_in_polish() {
        let os = std::io::Error::from_raw_os_error(2);
        assert_eq!(io_error(&os, Lang::Pl), "nie ma takiego pliku ani katalogu (błąd systemu 2)");
        assert!(io_error(&os, Lang::En).contains("No such file"));
        let folder = std::io::Error::new(std::io::ErrorKind::InvalidInput, "a folder, not a file");
        assert_eq!(io_error(&folder, Lang::Pl), "to katalog, nie plik");
        let big = crate::store::input::too_large(1 << 30);
        assert_eq!(io_error(&big, Lang::Pl), "większy niż 1 GiB, najwięcej, ile czyta praktyki");
    }

    #[test]
    fn messages_keep_what_they_quote() {
        let pl = |m: &str| message(m, Lang::Pl);
        assert_eq!(pl("missing field `title`"), "brak pola `title`");
        assert_eq!(pl("invalid type: integer `5`, expected a string"), "zły typ: liczba `5`, oczekiwano: tekst");
        assert_eq!(
            pl("postal code '45-001' lies in district 45 (opolskie), not in śląskie"),
            "kod pocztowy '45-001' leży w okręgu 45 (opolskie), nie w: śląskie"
        );
        // A quoted value that looks like the frame's words stays whole.
        assert_eq!(
            pl("e-mail address 'a' does not parse' does not parse"),
            "adres e-mail 'a' does not parse' jest niepoprawny"
        );
        assert_eq!(pl("something else"), "something else");
        assert_eq!(message("missing field `title`", Lang::En), "missing field `title`");
    }

    #[test]
    fn every_frame_fills_back() {
        for (en, pl) in FRAMES {
            assert_eq!(en.matches("{}").count(), pl.matches("{}").count(), "{en}");
            let sample = fill(en, &["A", "B", "C"]).unwrap();
            assert!(!en.contains("{}") || message(&sample, Lang::Pl).contains('A'), "{en}");
            assert_ne!(message(&sample, Lang::Pl), sample, "{en}");
        }
    }
}
