//! Case and diacritic folding for matching.
//!
//! fuzzy-matcher folds ASCII case only, so `lodz` would never meet `Łódź`.
//! Both the haystacks and the query are folded here first. The fold maps
//! one character to exactly one character, so a match position in the
//! folded text is the position of the same character in the original and
//! highlights land on `Łódź`, not on `lodz`.

use unicode_normalization::char::decompose_canonical;

/// Folds one character: lowercase, then without its diacritic.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let lower = c.to_lowercase().next().unwrap_or(c);
    match lower {
        // Letters whose stroke is not a combining mark, so NFD leaves them be.
        'ł' => 'l',
        'ø' => 'o',
        'đ' => 'd',
        'ß' => 's',
        '\u{a0}' => ' ',
        _ => {
            let mut base = lower;
            decompose_canonical(lower, |d| {
                if base == lower {
                    base = d;
                }
            });
            base
        }
    }
}

/// Folds a whole string; the result has as many characters as `s`.
pub fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polish_letters_fold_to_ascii() {
        assert_eq!(fold("Łódź Żywiec Śląskie ĄĆĘŃÓŹ"), "lodz zywiec slaskie acenoz");
    }

    #[test]
    fn fold_keeps_character_count() {
        for s in ["Łódź", "İstanbul", "straße", "日本", "e\u{301}"] {
            assert_eq!(fold(s).chars().count(), s.chars().count(), "{s}");
        }
    }
}
