//! Polish alphabetical order: ą after a, ł after l, ż last, case ignored.

const ALPHABET: &str = "aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż";

/// A sort key for `s` in Polish alphabetical order. Letters outside the
/// Polish alphabet sort by their folded form after the letter they fold to,
/// and everything else (digits, punctuation) by code point before letters.
pub fn polish_key(s: &str) -> Vec<u32> {
    let mut key = Vec::with_capacity(s.len());
    for c in s.chars() {
        // ASCII is lowered without the Unicode tables.
        if c.is_ascii() {
            key.push(weight(c.to_ascii_lowercase()));
        } else {
            key.extend(c.to_lowercase().map(weight));
        }
    }
    key
}

/// The sort weight of one lowercase character.
fn weight(c: char) -> u32 {
    // ASCII other than letters (spaces, digits, punctuation) weighs its code
    // point: looked up first, as it is in every title.
    if c.is_ascii() && !c.is_ascii_lowercase() {
        return c as u32;
    }
    // ASCII letters other than q, v, x sit at fixed places in the Polish
    // alphabet; looking them up directly keeps sorting 100,000 titles fast.
    weight_by(c, position)
}

/// The weight of `c` given where a letter is in the alphabet.
fn weight_by(c: char, position: impl Fn(char) -> Option<u32>) -> u32 {
    if let Some(i) = position(c) {
        return 0x1_0000 + 2 * i;
    }
    let base = crate::text::fold::fold_char(c);
    match position(base) {
        Some(i) if base != c => 0x1_0000 + 2 * i + 1,
        _ if c.is_alphabetic() => 0x2_0000 + c as u32,
        _ => c as u32,
    }
}

fn position(c: char) -> Option<u32> {
    if c.is_ascii_lowercase() {
        return Some(ASCII_AT[(c as u8 - b'a') as usize]);
    }
    // Only the Polish letters are in the alphabet beyond ASCII.
    if !ALPHABET_EXTRA.iter().any(|&(_, polish)| polish == c) {
        return None;
    }
    ALPHABET.chars().position(|a| a == c).map(|i| i as u32)
}

/// Each ASCII letter's index in the alphabet: its index in ASCII plus the
/// Polish letters that come before it.
const ASCII_AT: [u32; 26] = {
    let mut at = [0; 26];
    let mut i = 0;
    while i < 26 {
        let (mut extra, mut k) = (0, 0);
        while k < ALPHABET_EXTRA.len() {
            if (ALPHABET_EXTRA[k].0 as u32) < b'a' as u32 + i as u32 {
                extra += 1;
            }
            k += 1;
        }
        at[i] = i as u32 + extra;
        i += 1;
    }
    at
};

/// Polish letters and the ASCII letter they follow.
const ALPHABET_EXTRA: [(char, char); 9] =
    [('a', 'ą'), ('c', 'ć'), ('e', 'ę'), ('l', 'ł'), ('n', 'ń'), ('o', 'ó'), ('s', 'ś'), ('z', 'ź'), ('z', 'ż')];

#[cfg(test)]
mod tests {
    use super::*;

    /// The weight with each letter looked for in the alphabet, as it was
    /// before the look-up table and the fast paths: the same for every character.
    fn weight_slowly(c: char) -> u32 {
        weight_by(c, |c| ALPHABET.chars().position(|a| a == c).map(|i| i as u32))
    }

    #[test]
    fn weights_are_those_of_the_alphabet() {
        for c in (0..0x3000).filter_map(char::from_u32).flat_map(char::to_lowercase) {
            assert_eq!(weight(c), weight_slowly(c), "{c:?}");
        }
    }

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
