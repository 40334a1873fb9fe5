//! HTML → the line-oriented text a browser's "save as text" gives, so that
//! one parser reads both forms of a page. Links are collected on the side,
//! since the text loses their targets.

use ego_tree::NodeRef;
use scraper::{Html, Node};

/// A link in the page: its visible text, its target, and the text line it
/// was found on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub text: String,
    pub href: String,
    pub line: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Extracted {
    pub lines: Vec<String>,
    pub links: Vec<Link>,
    /// From a browser's `<!-- saved from url=(NNNN)… -->` or `<link rel=canonical>`.
    pub source_url: Option<String>,
    /// Set when the markup nests deeper than [`MAX_DEPTH`]: such a page is
    /// not read at all (see [`nesting_depth`]), and this says how deep.
    pub too_deep: Option<usize>,
}

/// Deeper than this, markup is hostile or broken, never a BDP page (theirs
/// nest a few dozen deep). The HTML parser's work grows with the square of
/// the depth, so a bound keeps the import linear.
pub const MAX_DEPTH: usize = 1_000;

/// Elements that never nest, or that pages leave open and the parser closes
/// on its own (`<p>`, `<li>`, `<td>` …): they add no depth to the estimate.
const FLAT: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "p",
    "li", "td", "th", "tr", "option", "dt", "dd", "!doctype",
];

/// Formatting elements, whose end tags the parser handles by its adoption agency.
const FORMATTING: &[&str] =
    &["a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u"];

/// Elements whose content is raw text up to their end tag.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "noembed", "noframes"];

/// The deepest nesting of elements in `html`, estimated in one pass over
/// its tags the way the parser's stack of open elements grows: quoted
/// attributes are skipped whole, `<div/>` opens a div (HTML ignores the
/// slash on such elements), an end tag closes up to the open element it
/// names and is ignored if none is open, comments and raw text are passed
/// over. Stops counting once past `limit`.
pub fn nesting_depth(html: &str, limit: usize) -> usize {
    let bytes = html.as_bytes();
    let mut stack: Vec<String> = Vec::new();
    let mut open: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut max = 0usize;
    let mut i = 0;
    let find = |from: usize, needle: &[u8]| -> Option<usize> {
        bytes.get(from..)?.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle)).map(|p| from + p)
    };
    while let Some(off) = bytes.get(i..).and_then(|b| b.iter().position(|&c| c == b'<')) {
        i += off + 1;
        if bytes[i..].starts_with(b"!--") {
            // As the parser ends a comment: "<!-->" and "<!--->" are whole
            // ones, and "--!>" closes one as "-->" does.
            let body = i + 3;
            if bytes[body..].starts_with(b">") {
                i = body + 1;
            } else if bytes[body..].starts_with(b"->") {
                i = body + 2;
            } else {
                // The first "--" that a ">" or "!>" follows (one pass, not
                // one per ending: a search for an absent "--!>" would scan
                // to the end for every comment).
                let mut at = body;
                i = loop {
                    match find(at, b"--") {
                        Some(d) if bytes.get(d + 2) == Some(&b'>') => break d + 3,
                        Some(d) if bytes[d + 2..].starts_with(b"!>") => break d + 4,
                        Some(d) => at = d + 1,
                        None => break bytes.len(),
                    }
                };
            }
            continue;
        }
        let closing = bytes.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        if !bytes.get(start).is_some_and(|c| c.is_ascii_alphabetic() || (*c == b'!' && !closing)) {
            continue;
        }
        let name_end = bytes[start..]
            .iter()
            .position(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'))
            .map_or(bytes.len(), |e| start + e);
        let name = html[start..name_end].to_ascii_lowercase();
        // The rest of the tag, with quoted attribute values skipped whole.
        let mut j = name_end;
        let mut quote: Option<u8> = None;
        while let Some(&c) = bytes.get(j) {
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c == b'"' || c == b'\'' => quote = Some(c),
                None if c == b'>' => break,
                None => {}
            }
            j += 1;
        }
        i = j;
        if closing {
            // The end of a formatting element (<b>, <font> …) does not close
            // what was opened inside it: the parser's adoption agency moves
            // those, and nests them again. Only a formatting element on top closes.
            let formatting = FORMATTING.contains(&name.as_str());
            if formatting && stack.last() != Some(&name) {
                continue;
            }
            if open.get(&name).copied().unwrap_or(0) > 0 {
                while let Some(top) = stack.pop() {
                    if let Some(n) = open.get_mut(&top) {
                        *n -= 1;
                    }
                    if top == name {
                        break;
                    }
                }
            }
            continue;
        }
        if RAW_TEXT.contains(&name.as_str()) {
            let end = format!("</{name}");
            i = find(i, end.as_bytes()).unwrap_or(bytes.len());
            continue;
        }
        if FLAT.contains(&name.as_str()) || name.starts_with('!') {
            continue;
        }
        *open.entry(name.clone()).or_insert(0) += 1;
        stack.push(name);
        max = max.max(stack.len());
        if max > limit {
            return max;
        }
    }
    max
}

const SKIPPED: &[&str] = &["script", "style", "head", "noscript", "template", "iframe", "object", "select"];
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "center",
    "dd",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
    "caption",
    "center",
    "font-block",
];

/// Heuristic used to decide whether a saved page is HTML or text.
pub fn looks_like_html(text: &str) -> bool {
    let head: String = text.chars().take(2048).collect::<String>().to_ascii_lowercase();
    ["<!doctype", "<html", "<body", "<head", "<table", "<div"].iter().any(|t| head.contains(t))
}

/// Whether a line of a text-form page carries markup to be flattened (the
/// seed's summary is one `<p align="justify">…</p>` line).
pub fn has_markup(line: &str) -> bool {
    let bytes = line.as_bytes();
    bytes.windows(2).any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/'))
        || line.contains("&nbsp;")
        || line.contains("&amp;")
        || (line.contains('&') && line.contains(';') && line.contains("&#"))
}

struct Walker {
    lines: Vec<String>,
    current: String,
    links: Vec<Link>,
    source_url: Option<String>,
}

impl Walker {
    fn break_line(&mut self) {
        let line = collapse(&self.current);
        self.current.clear();
        let blank = line.trim().is_empty();
        // One blank line at most between blocks, as a browser shows them.
        if blank && self.lines.last().is_some_and(|l| l.is_empty()) {
            return;
        }
        self.lines.push(if blank { String::new() } else { line });
    }

    /// Walks the tree in document order with a stack of its own, not the
    /// call stack: a hostile page may nest elements thousands deep.
    fn walk(&mut self, root: NodeRef<'_, Node>) {
        enum Step<'a> {
            Enter(NodeRef<'a, Node>),
            /// After an element's children: its link (text since `before`) and block break.
            Leave {
                block: bool,
                href: Option<String>,
                before: usize,
            },
        }
        let mut stack = vec![Step::Enter(root)];
        while let Some(step) = stack.pop() {
            let node = match step {
                Step::Enter(node) => node,
                Step::Leave { block, href, before } => {
                    if let Some(href) = href {
                        // The text of the link is what was appended since it opened.
                        let text = collapse(self.current.get(before..).unwrap_or_default()).trim().to_owned();
                        let line = self.lines.len() + 1;
                        self.links.push(Link { text, href, line });
                    }
                    if block {
                        self.break_line();
                    }
                    continue;
                }
            };
            match node.value() {
                Node::Text(t) => self.current.push_str(t),
                Node::Comment(_) => self.walk_meta(node),
                Node::Element(e) => {
                    let name = e.name();
                    if name == "link" {
                        self.walk_meta(node);
                    }
                    if SKIPPED.contains(&name) {
                        // The head still holds the canonical link and the saved-from comment.
                        if name == "head" {
                            for child in node.children() {
                                if let Node::Element(_) | Node::Comment(_) = child.value() {
                                    self.walk_meta(child);
                                }
                            }
                        }
                        continue;
                    }
                    match name {
                        "br" => {
                            self.break_line();
                            continue;
                        }
                        "td" | "th" if !self.current.trim().is_empty() => self.current.push('\t'),
                        "img" => {
                            if let Some(alt) = e.attr("alt").filter(|a| !a.trim().is_empty()) {
                                self.current.push_str(alt);
                            }
                        }
                        _ => {}
                    }
                    let block = BLOCKS.contains(&name);
                    if block && !self.current.trim().is_empty() {
                        self.break_line();
                    }
                    let href = (name == "a").then(|| e.attr("href")).flatten().map(str::to_owned);
                    stack.push(Step::Leave { block, href, before: self.current.len() });
                    stack.extend(node.children().rev().map(Step::Enter));
                }
                Node::Document | Node::Fragment => stack.extend(node.children().rev().map(Step::Enter)),
                _ => {}
            }
        }
    }

    fn walk_meta(&mut self, node: NodeRef<'_, Node>) {
        match node.value() {
            Node::Comment(c) => {
                if let Some(url) = saved_from(c) {
                    self.source_url.get_or_insert(url);
                }
            }
            Node::Element(e)
                if e.name() == "link" && e.attr("rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
            {
                if let Some(h) = e.attr("href") {
                    self.source_url = Some(h.to_owned());
                }
            }
            _ => {}
        }
    }
}

/// `saved from url=(0051)http://…` → the URL.
fn saved_from(comment: &str) -> Option<String> {
    let rest = comment.trim().strip_prefix("saved from url=")?;
    let rest = rest.strip_prefix('(').and_then(|r| r.split_once(')')).map_or(rest, |(_, r)| r);
    let url = rest.split_whitespace().next()?;
    Some(url.to_owned())
}

/// Collapses runs of ASCII white space to one space, as HTML rendering does;
/// non-breaking spaces and tabs from table cells are kept.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c == '\t' {
            out.push('\t');
            space = true;
        } else if c.is_ascii_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out.trim_matches(|c: char| c.is_ascii_whitespace()).to_owned()
}

/// Flattens a whole HTML document.
pub fn extract_document(html: &str) -> Extracted {
    guarded(html, Html::parse_document)
}

/// Flattens an HTML fragment, such as one line of a text-form page.
pub fn extract_fragment(html: &str) -> Extracted {
    guarded(html, Html::parse_fragment)
}

fn guarded(html: &str, parse: fn(&str) -> Html) -> Extracted {
    match nesting_depth(html, MAX_DEPTH) {
        d if d > MAX_DEPTH => Extracted { too_deep: Some(d), ..Extracted::default() },
        _ => run(&parse(html)),
    }
}

fn run(doc: &Html) -> Extracted {
    let mut w = Walker { lines: Vec::new(), current: String::new(), links: Vec::new(), source_url: None };
    w.walk(doc.tree.root());
    w.break_line();
    while w.lines.first().is_some_and(|l| l.is_empty()) {
        w.lines.remove(0);
    }
    while w.lines.last().is_some_and(|l| l.is_empty()) {
        w.lines.pop();
    }
    Extracted { lines: w.lines, links: w.links, source_url: w.source_url, too_deep: None }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_entities_and_breaks() {
        let e =
            extract_fragment("<p align=\"justify\">Zesp&oacute;&#322; &amp; rada<br>druga&nbsp;linia</p><p>Trzeci</p>");
        assert_eq!(e.lines, ["Zespół & rada", "druga\u{a0}linia", "Trzeci"]);
    }

    #[test]
    fn tables_links_and_source() {
        let e = extract_document(
            "<!-- saved from url=(0040)http://www.dobrepraktyki.pl/?art=123 -->\n<html><head><title>t</title>\
             <script>var x = 1;</script></head><body><table><tr><td>Ulica:</td><td>Horoszkiewicza 6</td></tr>\
             <tr><td>Plik:</td><td><a href=\"/pliki/a.pdf\">Raport  końcowy</a> (1,2 MB)</td></tr></table></body></html>",
        );
        assert_eq!(e.lines, ["Ulica:\tHoroszkiewicza 6", "Plik:\tRaport końcowy (1,2 MB)"]);
        assert_eq!(e.links, [Link { text: "Raport końcowy".into(), href: "/pliki/a.pdf".into(), line: 2 }]);
        assert_eq!(e.source_url.as_deref(), Some("http://www.dobrepraktyki.pl/?art=123"));
    }

    #[test]
    fn markup_detection() {
        assert!(has_markup("<p align=\"justify\">x</p>"));
        assert!(!has_markup("a < b and c > d"));
        assert!(looks_like_html("<!DOCTYPE html><html>"));
        assert!(!looks_like_html("Strona główna\nUsługi"));
    }
}
