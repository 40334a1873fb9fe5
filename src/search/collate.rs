//! Polish alphabetical order: ą after a, ł after l, ż last, case ignored.

const ALPHABET: &str = "aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż";

/// A sort key for `s` in Polish alphabetical order. Letters outside the
/// Polish alphabet sort by their folded form after the letter they fold to,
/// and everything else (digits, punctuation) by code point before letters.
pub fn polish_key(s: &str) -> Vec<u32> {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| {
            if let Some(i) = ALPHABET.chars().position(|a| a == c) {
                return 0x1_0000 + 2 * i as u32;
            }
            let base = super::fold::fold_char(c);
            match ALPHABET.chars().position(|a| a == base) {
                Some(i) if base != c => 0x1_0000 + 2 * i as u32 + 1,
                _ if c.is_alphabetic() => 0x2_0000 + c as u32,
                _ => c as u32,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polish_order() {
        let mut words = vec![
            "Żywiec",
            "zamość",
            "Łódź",
            "lublin",
            "Ząbki",
            "ąb",
            "az",
            "Opole",
            "Ostrów",
            "Śrem",
            "Szczecin",
            "Źródła",
        ];
        words.sort_by_key(|w| polish_key(w));
        assert_eq!(
            words,
            [
                "az",
                "ąb",
                "lublin",
                "Łódź",
                "Opole",
                "Ostrów",
                "Szczecin",
                "Śrem",
                "zamość",
                "Ząbki",
                "Źródła",
                "Żywiec"
            ]
        );
    }
}
