//! The detail pane's text as data: lines of typed spans, word-wrapped to a
//! width. Update uses it to know how far to scroll and where the search
//! occurs; render styles it. Only the selected practice is ever built.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::app::present;
use crate::i18n::Strings;
use crate::store::Practice;
use crate::text::fold::fold;

use super::model::Tab;

/// What a span is, so the theme can style it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Heading,
    Label,
    Text,
    Muted,
    Contact,
    Link,
    /// The selected attachment.
    Selected,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub kind: Kind,
}

pub type DocLine = Vec<Span>;

fn span(text: impl Into<String>, kind: Kind) -> Span {
    Span { text: text.into(), kind }
}

fn paragraphs(out: &mut Vec<DocLine>, text: &str, kind: Kind) {
    for line in text.split('\n') {
        out.push(vec![span(line, kind)]);
    }
}

/// The lines of one tab of a practice. `attachment` is the selected
/// attachment (Attachments tab); the first line of each attachment is
/// marked so the selection is visible.
pub fn build(p: &Practice, tab: Tab, s: &Strings, attachment: usize) -> Vec<DocLine> {
    let mut out: Vec<DocLine> = Vec::new();
    match tab {
        Tab::Summary => {
            if let Some(area) = &p.area {
                out.push(vec![span(area.clone(), Kind::Muted)]);
                out.push(vec![]);
            }
            // Contacts first: finding the person is what people come for.
            out.push(vec![span(s.contacts, Kind::Heading)]);
            if p.contacts.is_empty() {
                out.push(vec![span(format!("  {}", s.no_contacts), Kind::Muted)]);
            }
            // A contact with no name is nobody to show.
            for c in p.contacts.iter().filter(|c| !c.name.trim().is_empty()) {
                let mut line = vec![span(format!("  {}", c.name), Kind::Contact)];
                // A blank role, e-mail or phone says nothing: no empty line.
                if let Some(r) = present::given(&c.role) {
                    line.push(span(format!(", {r}"), Kind::Text));
                }
                out.push(line);
                if let Some(e) = present::given(&c.email) {
                    out.push(vec![span(format!("    {}: ", s.email), Kind::Label), span(e.to_owned(), Kind::Link)]);
                }
                if let Some(ph) = present::given(&c.phone) {
                    out.push(vec![span(format!("    {}: ", s.phone), Kind::Label), span(ph.to_owned(), Kind::Text)]);
                }
            }
            out.push(vec![]);
            if !p.summary.is_empty() {
                paragraphs(&mut out, &p.summary, Kind::Text);
                out.push(vec![]);
            }
            out.push(vec![span(s.metadata, Kind::Heading)]);
            for (label, value) in present::metadata_rows(p, s) {
                let kind = if label == s.website { Kind::Link } else { Kind::Text };
                out.push(vec![span(format!("{label}: "), Kind::Label), span(value, kind)]);
            }
        }
        Tab::Presentation => {
            blocks(&mut out, &p.presentation, s.no_presentation, |out, _, sec| {
                if !sec.heading.is_empty() {
                    out.push(vec![span(sec.heading.clone(), Kind::Heading)]);
                }
                paragraphs(out, &sec.body, Kind::Text);
            });
        }
        Tab::Attachments => {
            blocks(&mut out, &p.attachments, s.no_attachments, |out, i, a| {
                let kind = if i == attachment { Kind::Selected } else { Kind::Heading };
                out.push(vec![span(a.name.clone(), kind)]);
                let details: Vec<String> =
                    present::attachment_facts(a, s).into_iter().map(|(label, v)| format!("{label}: {v}")).collect();
                if !details.is_empty() {
                    out.push(vec![span(format!("  {}", details.join(", ")), Kind::Muted)]);
                }
                if let Some(d) = &a.description {
                    for line in d.split('\n') {
                        out.push(vec![span(format!("  {line}"), Kind::Text)]);
                    }
                }
                if let Some(u) = &a.url {
                    out.push(vec![span("  ", Kind::Text), span(u.clone(), Kind::Link)]);
                }
            });
        }
    }
    out
}

/// Each item's lines from `each`, a blank line between items; `empty`,
/// muted, when there are none.
fn blocks<T>(out: &mut Vec<DocLine>, items: &[T], empty: &str, mut each: impl FnMut(&mut Vec<DocLine>, usize, &T)) {
    if items.is_empty() {
        out.push(vec![span(empty, Kind::Muted)]);
    }
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(vec![]);
        }
        each(out, i, item);
    }
}

/// The lines of the open tab of the selected practice; a practice whose
/// long texts cannot be read shows why instead.
pub fn for_model(m: &super::Model) -> Vec<DocLine> {
    use super::model::Detail;
    match m.detail() {
        None => Vec::new(),
        Some(Detail::Full(p)) => build(p, m.detail.tab, m.strings(), m.detail.attachment),
        // Until its long texts are read, a tab of them says so rather than
        // "No full presentation."; the summary tab shows what it has.
        Some(Detail::Head(_)) if m.detail.tab != super::Tab::Summary => {
            vec![vec![span(m.strings().reading, Kind::Muted)]]
        }
        Some(Detail::Head(h)) => {
            build(&h.with_long(Default::default()), m.detail.tab, m.strings(), m.detail.attachment)
        }
        // Why the long texts cannot be had, above what is known without
        // them (metadata and contacts, on the summary tab).
        Some(Detail::Failed(e)) => {
            let mut lines = vec![vec![span(e, Kind::Muted)]];
            if let (Some(h), super::Tab::Summary) = (m.selected(), m.detail.tab) {
                lines.push(Vec::new());
                lines.extend(build(&h.with_long(Default::default()), m.detail.tab, m.strings(), m.detail.attachment));
            }
            lines
        }
    }
}

/// Word-wraps lines to `width` columns; a word longer than the width is
/// broken. Returns the wrapped lines and, for each, its source line.
pub fn wrap(lines: &[DocLine], width: usize) -> Vec<(usize, DocLine)> {
    let width = width.max(1);
    let mut out = Vec::new();
    for (src, line) in lines.iter().enumerate() {
        if line.is_empty() {
            out.push((src, Vec::new()));
            continue;
        }
        // Continuation lines keep the line's indentation plus two, so a
        // wrapped contact or list item still reads as one block.
        let lead = line[0].text.chars().take_while(|c| *c == ' ').count();
        let hang = if lead > 0 && lead + 2 < width / 2 { " ".repeat(lead + 2) } else { String::new() };
        let mut w = Wrapper { out: &mut out, src, width, hang, current: Vec::new(), col: 0, start: 0 };
        for sp in line {
            // Tokens: runs of spaces and runs of non-spaces, so wrapping
            // happens at word boundaries and spaces at a break are dropped.
            let mut token = String::new();
            let mut tokens: Vec<String> = Vec::new();
            for c in sp.text.chars() {
                if !token.is_empty() && (c == ' ') != token.ends_with(' ') {
                    tokens.push(std::mem::take(&mut token));
                }
                token.push(c);
            }
            if !token.is_empty() {
                tokens.push(token);
            }
            for tok in tokens {
                // Widths by grapheme, as the terminal and ratatui count them
                // ("*" with an emoji selector is two columns, not one).
                let tw: usize = tok.graphemes(true).map(UnicodeWidthStr::width).sum();
                let is_space = tok.starts_with(' ');
                if w.col + tw > width && w.col > w.start {
                    w.break_line();
                    if is_space {
                        continue;
                    }
                }
                if w.col + tw > width {
                    // Wider than what is left of a fresh line (an e-mail or an
                    // address in a narrow pane): break it by characters, and end
                    // each broken line with "…", so that a part never reads as
                    // the whole ("…@ao.opole." is not the address).
                    let mut piece = String::new();
                    let mark = usize::from(width > 1);
                    let mut rest = tw;
                    for g in tok.graphemes(true) {
                        let cw = g.width();
                        if w.col + cw + if rest > cw { mark } else { 0 } > width && w.col > w.start {
                            // An address breaks after its '@', a '.' or a '/'
                            // where one is in the latter part of the line, as
                            // typesetters break URLs; else between letters.
                            let room = width.saturating_sub(w.start);
                            let at = piece
                                .char_indices()
                                .filter(|(_, c)| matches!(c, '@' | '.' | '/'))
                                .map(|(i, c)| i + c.len_utf8())
                                .rfind(|i| *i < piece.len() && crate::text::width::columns(&piece[..*i]) * 2 >= room);
                            let tail = at.map(|i| piece.split_off(i)).unwrap_or_default();
                            // A wide letter can leave no room for the mark.
                            if w.col < width || !tail.is_empty() {
                                crate::text::width::push_cut_mark(&mut piece);
                            }
                            push_text(&mut w.current, std::mem::take(&mut piece), sp.kind);
                            w.break_line();
                            w.col += crate::text::width::columns(&tail);
                            piece = tail;
                        }
                        rest -= cw.min(rest);
                        piece.push_str(g);
                        w.col += cw;
                    }
                    push_text(&mut w.current, piece, sp.kind);
                } else {
                    push_text(&mut w.current, tok, sp.kind);
                    w.col += tw;
                }
            }
        }
        let last = std::mem::take(&mut w.current);
        out.push((src, last));
    }
    out
}

/// The line being filled while wrapping one source line.
struct Wrapper<'o> {
    out: &'o mut Vec<(usize, DocLine)>,
    src: usize,
    width: usize,
    hang: String,
    current: DocLine,
    /// Columns used on the current line.
    col: usize,
    /// Columns the current line started with (its hanging indent).
    start: usize,
}

impl Wrapper<'_> {
    /// Ends the current line and starts a continuation line. A line holding
    /// only spaces (the indentation before a word too wide for it) is
    /// dropped rather than shown empty.
    fn break_line(&mut self) {
        trim_end(&mut self.current);
        if !self.current.is_empty() {
            self.out.push((self.src, std::mem::take(&mut self.current)));
        }
        self.current.clear();
        self.col = 0;
        if !self.hang.is_empty() && self.hang.len() < self.width {
            self.current.push(Span { text: self.hang.clone(), kind: Kind::Text });
            self.col = self.hang.len();
        }
        self.start = self.col;
    }
}

/// Drops the spaces a line would end with at a wrap.
fn trim_end(line: &mut DocLine) {
    while let Some(last) = line.last_mut() {
        let kept = last.text.trim_end_matches(' ').len();
        last.text.truncate(kept);
        if !last.text.is_empty() {
            break;
        }
        line.pop();
    }
}

fn push_text(line: &mut DocLine, text: String, kind: Kind) {
    if text.is_empty() {
        return;
    }
    match line.last_mut() {
        Some(last) if last.kind == kind => last.text.push_str(&text),
        _ => line.push(Span { text, kind }),
    }
}

/// The text of a line without styles.
pub fn plain(line: &DocLine) -> String {
    line.iter().map(|s| s.text.as_str()).collect()
}

/// Character ranges of every occurrence of any term in `text` (folded
/// comparison, so `lodz` finds `Łódź`); ranges are in characters of `text`.
pub fn occurrences(text: &str, terms: &[String]) -> Vec<(usize, usize)> {
    let hay: Vec<char> = fold(text).chars().collect();
    let mut out = Vec::new();
    for t in terms {
        let needle: Vec<char> = t.chars().collect();
        if needle.is_empty() || needle.len() > hay.len() {
            continue;
        }
        for start in 0..=hay.len() - needle.len() {
            if hay[start..start + needle.len()] == needle[..] {
                out.push((start, start + needle.len()));
            }
        }
    }
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> DocLine {
        vec![span(s, Kind::Text)]
    }

    #[test]
    fn wraps_at_word_boundaries() {
        let w = wrap(&[text("Ala ma kota i psa")], 7);
        let lines: Vec<String> = w.iter().map(|(_, l)| plain(l)).collect();
        assert_eq!(lines, ["Ala ma", "kota i", "psa"]);
    }

    #[test]
    fn indented_lines_hang() {
        let w = wrap(&[text("  Anna Nowak, Dyrektor Biura Stowarzyszenia")], 24);
        let lines: Vec<String> = w.iter().map(|(_, l)| plain(l)).collect();
        assert_eq!(lines, ["  Anna Nowak, Dyrektor", "    Biura Stowarzyszenia"]);
    }

    #[test]
    fn long_words_and_wide_characters_break() {
        // A broken word says so at each break: a part is never taken for the whole.
        let w = wrap(&[text("abcdefghij")], 4);
        let lines: Vec<String> = w.iter().map(|(_, l)| plain(l)).collect();
        assert_eq!(lines, ["abc…", "def…", "ghij"]);
        let w = wrap(&[text("    krzysztof.poczatek@ao.opole.pl")], 20);
        let lines: Vec<String> = w.iter().map(|(_, l)| plain(l)).collect();
        assert!(
            lines.iter().all(|l| l.width() <= 20) && lines[..lines.len() - 1].iter().all(|l| l.ends_with('…')),
            "{lines:?}"
        );
        assert_eq!(
            lines.iter().map(|l| l.trim().trim_end_matches('…')).collect::<String>(),
            "krzysztof.poczatek@ao.opole.pl"
        );
        // It breaks where an address does: after a '.' or the '@'.
        assert!(lines[..lines.len() - 1].iter().all(|l| l.ends_with(".…") || l.ends_with("@…")), "{lines:?}");
        let w = wrap(&[text("🫟!")], 2);
        assert!(w.iter().all(|(_, l)| plain(l).width() <= 2), "a wide letter leaves no room for the mark: {w:?}");
        let w = wrap(&[text("日本語日本語")], 5);
        for (_, l) in &w {
            let width = plain(l).width();
            assert!(width <= 5);
        }
        assert_eq!(wrap(&[text("x")], 0).len(), 1, "zero width does not loop");
    }

    #[test]
    fn a_first_word_wider_than_the_line_after_an_indent() {
        // Found by tests/hostile.rs: an indented word as wide as the line.
        let word = "x".repeat(58);
        for (_, l) in wrap(&[text(&format!(" {word}"))], 58) {
            assert!(unicode_width::UnicodeWidthStr::width(plain(&l).as_str()) <= 58, "{:?}", plain(&l));
        }
    }

    #[test]
    fn occurrences_are_folded() {
        assert_eq!(occurrences("Łódź i łódzkie", &["lodz".into()]), [(0, 4), (7, 11)]);
    }
}
