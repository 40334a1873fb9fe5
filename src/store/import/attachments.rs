//! The "Załączniki" view: attachments from their lines of text and their
//! links (name, URL, format, size, description).

use super::html::Link;
use super::page::{Line, Note, NoteKind, Page, norm};
use crate::store::model::Attachment;
use crate::text::fold::fold;

const FORMATS: &[&str] = &[
    "pdf", "doc", "docx", "odt", "rtf", "txt", "xls", "xlsx", "ods", "csv", "ppt", "pptx", "odp", "zip", "rar", "7z",
    "jpg", "jpeg", "png", "gif", "tif", "tiff", "mp4", "avi", "mp3",
];

/// The file format named by a URL's or a file name's extension.
pub(super) fn file_format(s: &str) -> Option<String> {
    let path = s.split(['?', '#']).next().unwrap_or(s);
    let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
    FORMATS.contains(&ext.as_str()).then_some(ext)
}

/// "1,2 MB", "245 kB", "980 B" anywhere in the text → bytes.
fn file_size(s: &str) -> Option<u64> {
    let tokens: Vec<&str> = s.split(|c: char| c.is_whitespace() || "()[],;".contains(c) && c != ',').collect();
    for (i, t) in tokens.iter().enumerate() {
        let (num, unit) = match t.find(|c: char| c.is_ascii_alphabetic()) {
            Some(p) if p > 0 => (&t[..p], &t[p..]),
            _ => (*t, tokens.get(i + 1).copied().unwrap_or("")),
        };
        let mult: u64 = match unit.to_ascii_lowercase().trim_end_matches([')', ']']) {
            "b" | "bajtów" => 1,
            "kb" | "kib" => 1024,
            "mb" | "mib" => 1024 * 1024,
            "gb" | "gib" => 1024 * 1024 * 1024,
            _ => continue,
        };
        if let Ok(n) = num.replace(',', ".").parse::<f64>()
            && n.is_finite()
            && n >= 0.0
        {
            return Some((n * mult as f64).round() as u64);
        }
    }
    None
}

fn find_url(s: &str) -> Option<String> {
    s.split_whitespace()
        .find(|t| t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www."))
        .map(|t| t.trim_end_matches([')', ']', ',', ';']).to_owned())
}

pub(super) fn parse_attachments(content: &[Line], links: &[&Link], page: &mut Page) {
    let mut out = Vec::new();
    for line in content {
        let text = norm(&line.text);
        let k = fold(&text);
        if text.is_empty() || k.trim_end_matches(':') == "zalaczniki" {
            continue;
        }
        if k.starts_with("brak zalacznikow") {
            page.notes.push(Note {
                line: line.no,
                kind: NoteKind::Info,
                message: "the page says it has no attachments".into(),
            });
            continue;
        }
        let line_links: Vec<&&Link> = links.iter().filter(|l| l.line == line.no).collect();
        if line_links.is_empty() {
            match find_url(&text) {
                Some(url) => out.push(attachment(&text, None, Some(url))),
                None if file_format(text.split_whitespace().next().unwrap_or("")).is_some()
                    || file_size(&text).is_some() =>
                {
                    out.push(attachment(&text, None, None))
                }
                None => page.notes.push(Note {
                    line: line.no,
                    kind: NoteKind::Unrecognised,
                    message: format!("not understood as an attachment: {text}"),
                }),
            }
        } else {
            for l in line_links {
                out.push(attachment(&text, Some(&l.text), Some(l.href.clone())));
            }
        }
    }
    page.practice.attachments = out;
}

/// One attachment from its line of text, its link text and its URL.
fn attachment(line: &str, link_text: Option<&str>, url: Option<String>) -> Attachment {
    let mut rest = line.to_owned();
    if let Some(u) = &url {
        rest = rest.replace(u.as_str(), " ");
    }
    // Parenthesised details such as "(PDF, 1,2 MB)" describe the file, not its name.
    let mut details = String::new();
    while let (Some(open), Some(close)) = (rest.find('('), rest.find(')')) {
        if close < open {
            break;
        }
        details.push_str(&rest[open..=close]);
        rest.replace_range(open..=close, " ");
    }
    let name_from_link = link_text.filter(|t| !t.is_empty()).map(str::to_owned);
    if let Some(n) = &name_from_link {
        rest = rest.replacen(n.as_str(), " ", 1);
    }
    let (mut name_part, mut description) = split_description(&rest);
    if name_from_link.is_some() {
        description =
            [name_part.clone(), description].iter().filter(|s| !s.is_empty()).cloned().collect::<Vec<_>>().join(" ");
        name_part = String::new();
    }
    let url_file =
        url.as_deref().and_then(|u| u.split(['?', '#']).next()).and_then(|u| u.rsplit('/').next()).map(str::to_owned);
    let name = name_from_link
        .or_else(|| (!name_part.is_empty()).then_some(name_part))
        .or(url_file.clone())
        .unwrap_or_else(|| line.to_owned());
    let format = url.as_deref().and_then(file_format).or_else(|| file_format(&name)).or_else(|| {
        details
            .split(|c: char| !c.is_alphanumeric())
            .find_map(|t| FORMATS.contains(&t.to_ascii_lowercase().as_str()).then(|| t.to_ascii_lowercase()))
    });
    Attachment {
        name,
        url,
        format,
        size_bytes: file_size(&details).or_else(|| file_size(line)),
        description: (!description.is_empty()).then_some(description),
    }
}

/// "Raport końcowy – opis" → ("Raport końcowy", "opis").
fn split_description(s: &str) -> (String, String) {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    for sep in [" – ", " - ", " — ", ": "] {
        if let Some((a, b)) = s.split_once(sep) {
            return (a.trim().to_owned(), b.trim().to_owned());
        }
    }
    (s.trim().trim_matches(['-', '–', ':']).trim().to_owned(), String::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_formats() {
        assert_eq!(file_size("(PDF, 1,5 MB)"), Some(1_572_864));
        assert_eq!(file_size("245kB"), Some(250_880));
        assert_eq!(file_size("no size"), None);
        assert_eq!(file_format("http://x.pl/pliki/raport.PDF?x=1").as_deref(), Some("pdf"));
        assert_eq!(file_format("www.aglomeracja-opolska.pl"), None);
    }
}
