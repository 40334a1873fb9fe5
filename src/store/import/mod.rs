//! Import of saved BDP practice pages (text or HTML, any of the three views,
//! UTF-8 or the legacy Polish encodings) into practices.

mod attachments;
pub mod decode;
pub mod html;
pub mod page;

use std::path::Path;

use thiserror::Error;

use self::decode::Evidence;
use self::page::{Line, Note, NoteKind, Page, PageError, View};
use super::load::sanitize_practice;
use super::model::Practice;
use crate::text::fold::fold;

#[derive(Debug, Error)]
pub enum ImportError {
    #[error("{path}: cannot read: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Page {
        path: String,
        #[source]
        source: PageError,
    },
}

/// Whether a page was read as text or as HTML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Text,
    Html,
}

/// What the importer did with one file.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub path: String,
    pub form: Form,
    pub encoding: &'static str,
    pub evidence: Evidence,
    pub had_errors: bool,
    pub overruled: Option<&'static str>,
    pub view: View,
    pub id: String,
    pub notes: Vec<Note>,
    pub chrome_lines: usize,
}

impl FileReport {
    /// Lines for the import report, one per line of output.
    pub fn lines(&self) -> Vec<String> {
        let form = match self.form {
            Form::Text => "text",
            Form::Html => "HTML",
        };
        let how = match self.evidence {
            Evidence::ByteOrderMark => "byte-order mark",
            Evidence::Header => "declared by the server",
            Evidence::Declared => "declared by the page",
            Evidence::ValidUtf8 => "valid UTF-8",
            Evidence::Detected => "detected",
        };
        let mut out = vec![format!(
            "{}: {form} page, {} ({how}), view '{}', practice '{}'",
            self.path,
            self.encoding,
            self.view.label(),
            self.id
        )];
        if let Some(o) = self.overruled {
            out.push(format!("  note: the page declares {o}, but its bytes are not; decoded as {}", self.encoding));
        }
        if self.had_errors {
            out.push("  warning: some bytes could not be decoded and were replaced by U+FFFD".into());
        }
        if self.chrome_lines > 0 {
            out.push(format!("  left out {} lines of site menu, visitor counter and footer", self.chrome_lines));
        }
        let line_word = if self.form == Form::Html { "text line" } else { "line" };
        for n in &self.notes {
            let kind = match n.kind {
                NoteKind::Unrecognised => "not imported",
                NoteKind::Info => "note",
            };
            if n.line == 0 {
                out.push(format!("  {kind}: {}", n.message));
            } else {
                out.push(format!("  {line_word} {}: {kind}: {}", n.line, n.message));
            }
        }
        out
    }
}

/// Reads and parses one saved page.
pub fn read_page(path: &Path) -> Result<(Page, FileReport), ImportError> {
    let name = path.display().to_string();
    let bytes = super::input::open(path, false)
        .and_then(|f| super::input::read_capped(&f, super::input::MAX_PAGE))
        .map_err(|source| ImportError::Read { path: name.clone(), source })?;
    page_from_bytes(&bytes, &name)
}

/// Parses one saved page from its bytes; `name` labels it in the report.
pub fn page_from_bytes(bytes: &[u8], name: &str) -> Result<(Page, FileReport), ImportError> {
    read_document(document(bytes, None), name)
}

/// A page decoded and flattened to lines, with its links, before it is read
/// as a practice: what a crawler needs of any page, practice or not.
#[derive(Debug, Clone)]
pub struct Document {
    pub form: Form,
    pub lines: Vec<Line>,
    pub links: Vec<html::Link>,
    /// Where the page says it was saved from, or where it was fetched.
    pub source_url: Option<String>,
    /// Set when the page nests too deep to be read (see [`html::MAX_DEPTH`]).
    too_deep: bool,
    encoding: &'static encoding_rs::Encoding,
    evidence: Evidence,
    had_errors: bool,
    overruled: Option<&'static encoding_rs::Encoding>,
}

/// Decodes and flattens a page; `charset` is the one its server gave.
pub fn document(bytes: &[u8], charset: Option<&'static encoding_rs::Encoding>) -> Document {
    let decoded = decode::decode_with(bytes, charset);
    let text = decoded.text.replace("\r\n", "\n");
    let too_deep;
    let (form, lines, links, source_url) = if html::looks_like_html(&text) {
        let e = html::extract_document(&text);
        too_deep = e.too_deep.is_some();
        let lines = e.lines.into_iter().enumerate().map(|(i, text)| Line { no: i + 1, text }).collect();
        (Form::Html, lines, e.links, e.source_url)
    } else {
        too_deep = html::nesting_depth(&text, html::MAX_DEPTH) > html::MAX_DEPTH;
        (Form::Text, text_lines(&text), Vec::new(), None)
    };
    Document {
        form,
        lines,
        links,
        source_url,
        too_deep,
        encoding: decoded.encoding,
        evidence: decoded.evidence,
        had_errors: decoded.had_errors,
        overruled: decoded.overruled,
    }
}

/// Reads a document as one view of a practice.
pub fn read_document(doc: Document, name: &str) -> Result<(Page, FileReport), ImportError> {
    if doc.too_deep {
        let source = PageError::TooDeep(html::MAX_DEPTH);
        return Err(ImportError::Page { path: name.to_owned(), source });
    }
    let page = page::parse(&doc.lines, &doc.links, doc.source_url.as_deref())
        .map_err(|source| ImportError::Page { path: name.to_owned(), source })?;
    let report = FileReport {
        path: name.to_owned(),
        form: doc.form,
        encoding: doc.encoding.name(),
        evidence: doc.evidence,
        had_errors: doc.had_errors,
        overruled: doc.overruled.map(|e| e.name()),
        view: page.view,
        id: practice_id(&page),
        notes: page.notes.clone(),
        chrome_lines: page.chrome_lines,
    };
    Ok((page, report))
}

/// Lines of a text-form page; a line carrying HTML (the seed's summary is a
/// `<p>` paragraph) is flattened in place and keeps its line number.
fn text_lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let no = i + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if html::has_markup(raw) {
            let e = html::extract_fragment(raw);
            out.extend(e.lines.into_iter().filter(|l| !l.is_empty()).map(|text| Line { no, text }));
        } else {
            out.push(Line { no, text: raw.to_owned() });
        }
    }
    out
}

/// `bdp-<art>` when the page's URL gives the BDP article number, otherwise
/// a slug of the title: both are stable across re-imports.
pub fn practice_id(page: &Page) -> String {
    match &page.art {
        Some(art) => format!("bdp-{art}"),
        None => slug(&page.practice.title),
    }
}

/// "Aglomeracja opolska" → "aglomeracja-opolska".
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in fold(title).chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() { "practice".to_owned() } else { out }
}

/// Merges parsed pages into practices: pages with the same id are views of
/// one practice. Returns the practices in first-seen order and notes about
/// conflicts (the same view given twice: the later file wins).
pub fn merge_pages(pages: Vec<(Page, FileReport)>) -> (Vec<Practice>, Vec<String>) {
    let mut practices: Vec<Practice> = Vec::new();
    let mut seen_views: Vec<(String, View, String)> = Vec::new();
    let mut conflicts = Vec::new();
    for (page, report) in pages {
        let id = report.id.clone();
        if let Some((_, _, earlier)) = seen_views.iter().find(|(i, v, _)| *i == id && *v == page.view) {
            conflicts.push(format!(
                "{}: view '{}' of practice '{id}' was already read from {earlier}; the later file wins",
                report.path,
                page.view.label()
            ));
        }
        seen_views.push((id.clone(), page.view, report.path.clone()));
        let idx = match practices.iter().position(|p| p.id == id) {
            Some(i) => i,
            None => {
                practices.push(Practice { id: id.clone(), ..Practice::default() });
                practices.len() - 1
            }
        };
        let target = &mut practices[idx];
        let src = page.practice;
        if target.title.is_empty() {
            target.title = src.title.clone();
        }
        target.area = target.area.take().or(src.area.clone());
        target.source_url = target.source_url.take().or(src.source_url.clone());
        match page.view {
            View::Summary => {
                let keep = (
                    std::mem::take(&mut target.presentation),
                    std::mem::take(&mut target.attachments),
                    std::mem::take(&mut target.partners),
                );
                let (area, source_url) = (target.area.take(), target.source_url.take());
                let mut partners = keep.2;
                for p in src.partners.iter() {
                    if !partners.contains(p) {
                        partners.push(p.clone());
                    }
                }
                *target = Practice {
                    id: id.clone(),
                    area: area.or(src.area.clone()),
                    source_url: source_url.or(src.source_url.clone()),
                    presentation: keep.0,
                    attachments: keep.1,
                    partners,
                    ..src
                };
            }
            View::Presentation => {
                target.presentation = src.presentation;
                for p in src.partners {
                    if !target.partners.contains(&p) {
                        target.partners.push(p);
                    }
                }
            }
            View::Attachments => target.attachments = src.attachments,
        }
    }
    for p in &mut practices {
        sanitize_practice(p);
    }
    (practices, conflicts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("Aglomeracja opolska"), "aglomeracja-opolska");
        assert_eq!(slug("  Związek Gmin „Śląsk”!  "), "zwiazek-gmin-slask");
        assert_eq!(slug("—"), "practice");
    }
}
