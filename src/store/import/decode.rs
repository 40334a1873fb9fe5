//! Bytes of a saved page → text. Pages of the BDP's era were served in
//! windows-1250 or ISO-8859-2 as often as in UTF-8, and saved copies do not
//! always say which.

use encoding_rs::{Encoding, UTF_8};

/// How the encoding of a page was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    ByteOrderMark,
    /// The charset of the HTTP response's Content-Type.
    Header,
    Declared,
    ValidUtf8,
    Detected,
}

#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
    pub evidence: Evidence,
    /// Bytes that could not be decoded and became U+FFFD.
    pub had_errors: bool,
    /// A declared charset that had to be overruled, e.g. "utf-8" on cp1250 bytes.
    pub overruled: Option<&'static Encoding>,
}

/// The charset a page declares in `<meta charset>`, `http-equiv` or an XML
/// declaration, looked for in its first 4 KiB.
pub fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    for key in [&b"charset="[..], &b"encoding="[..]] {
        let mut from = 0;
        while let Some(pos) = find(&lower[from..], key) {
            let start = from + pos + key.len();
            let rest = &lower[start..];
            let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
            let end = rest
                .iter()
                .position(|b| matches!(b, b'"' | b'\'' | b';' | b'>' | b'/' | b'?') || b.is_ascii_whitespace())
                .unwrap_or(rest.len());
            if let Some(enc) = Encoding::for_label(&rest[..end]) {
                return Some(enc);
            }
            from = start;
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Decodes a saved page: BOM first, then the page's own declaration, then
/// UTF-8 if the bytes are valid UTF-8, and otherwise a detector tuned for
/// Polish pages.
pub fn decode(bytes: &[u8]) -> Decoded {
    decode_with(bytes, None)
}

/// [`decode`] for a page that came with a charset from its server, which
/// counts before the page's own declaration (as in a browser).
pub fn decode_with(bytes: &[u8], header: Option<&'static Encoding>) -> Decoded {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Decoded {
            text: text.into_owned(),
            encoding: enc,
            evidence: Evidence::ByteOrderMark,
            had_errors,
            overruled: None,
        };
    }
    let (declared, evidence) = match header {
        Some(enc) => (Some(enc), Evidence::Header),
        None => (declared(bytes), Evidence::Declared),
    };
    if let Some(enc) = declared {
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        // A page that says UTF-8 but is not is a saved legacy page whose
        // meta tag was rewritten by the browser; trust the bytes instead.
        // Unless it is UTF-8 but for a stray byte or two: then it is UTF-8
        // with those bytes replaced (and said), not a legacy page.
        if !(had_errors && enc == UTF_8) || mostly_utf8(bytes) {
            return Decoded { text: text.into_owned(), encoding: enc, evidence, had_errors, overruled: None };
        }
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Decoded {
            text: s.to_owned(),
            encoding: UTF_8,
            evidence: Evidence::ValidUtf8,
            had_errors: false,
            overruled: None,
        };
    }
    if mostly_utf8(bytes) {
        let (text, had_errors) = UTF_8.decode_without_bom_handling(bytes);
        return Decoded {
            text: text.into_owned(),
            encoding: UTF_8,
            evidence: Evidence::Detected,
            had_errors,
            overruled: declared.filter(|d| *d != UTF_8),
        };
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let enc = detector.guess(Some(b"pl"), false);
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    Decoded { text: text.into_owned(), encoding: enc, evidence: Evidence::Detected, had_errors, overruled: declared }
}

/// UTF-8 with a few bytes that are not: at least 20 characters past ASCII
/// that are whole UTF-8, and at most one broken sequence to ten of them (a
/// stray byte inside a character breaks up to three). Polish text in
/// windows-1250 or ISO-8859-2 is almost never valid UTF-8 past ASCII.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += usize::from(!chunk.invalid().is_empty());
    }
    good >= 20 && bad * 10 <= good
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{ISO_8859_2, WINDOWS_1250};

    const SAMPLE: &str = "Współpraca między JST. Miejscowość: Łódź, województwo łódzkie. Zażółć gęślą jaźń, \
                          świętokrzyskie, śląskie, Źródła.";

    #[test]
    fn declared_charset_wins() {
        let (bytes, _, _) = ISO_8859_2.encode(SAMPLE);
        let mut page =
            b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-2\"></head><body>"
                .to_vec();
        page.extend_from_slice(&bytes);
        let d = decode(&page);
        assert_eq!((d.encoding, d.evidence), (ISO_8859_2, Evidence::Declared));
        assert!(d.text.contains(SAMPLE));
    }

    #[test]
    fn undeclared_legacy_encodings_are_detected() {
        for enc in [WINDOWS_1250, ISO_8859_2] {
            let (bytes, _, _) = enc.encode(SAMPLE);
            let d = decode(&bytes);
            assert_eq!(d.evidence, Evidence::Detected);
            assert_eq!(d.text, SAMPLE, "{}", enc.name());
        }
    }

    #[test]
    fn false_utf8_declaration_is_overruled() {
        let (bytes, _, _) = WINDOWS_1250.encode(SAMPLE);
        let mut page = b"<meta charset=\"utf-8\">".to_vec();
        page.extend_from_slice(&bytes);
        let d = decode(&page);
        assert_eq!(d.evidence, Evidence::Detected);
        assert_eq!(d.overruled, Some(UTF_8));
        assert!(d.text.ends_with(SAMPLE));
    }

    #[test]
    fn a_stray_byte_in_utf8_is_replaced_not_a_reason_to_read_it_as_cp1250() {
        // One bad byte made the whole page windows-1250: every label lost its letters.
        let page = format!("<meta charset=\"utf-8\">{SAMPLE} {SAMPLE}");
        let mut bytes = page.clone().into_bytes();
        bytes.insert(40, 0xff);
        for header in [None, Some(UTF_8)] {
            let d = decode_with(&bytes, header);
            assert_eq!(d.encoding, UTF_8);
            assert!(d.had_errors, "said");
            assert!(d.text.contains("Miejscowość: Łódź"), "{}", d.text);
        }
        let undeclared = format!("{SAMPLE} {SAMPLE}");
        let mut bytes = undeclared.into_bytes();
        bytes.insert(10, 0x9b);
        assert_eq!(decode(&bytes).encoding, UTF_8);
        // Real windows-1250 is still read as such.
        let (cp, _, _) = WINDOWS_1250.encode(&page);
        assert_eq!(decode(&cp).encoding, WINDOWS_1250);
    }

    #[test]
    fn utf8_and_bom() {
        assert_eq!(decode(SAMPLE.as_bytes()).evidence, Evidence::ValidUtf8);
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice(SAMPLE.as_bytes());
        let d = decode(&b);
        assert_eq!((d.evidence, d.text.as_str()), (Evidence::ByteOrderMark, SAMPLE));
    }
}
