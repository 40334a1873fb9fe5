//! The BDP's URL scheme and how fetched or saved views of a practice become
//! one record: shared by the live crawl, the Wayback source and the import
//! of a saved mirror, so the three give the same store.
//!
//! `index.php?p1=SECTION&p2=SUBMENU&art=ID` is the "Skrót i Metryka" view,
//! `&s=2` the "Pełna prezentacja" and `&s=3` the "Załączniki".

use std::collections::BTreeMap;

use encoding_rs::Encoding;

use crate::store::Practice;
use crate::store::import::page::View;
use crate::store::import::{self, FileReport};

/// The live archive: what `source_url` and attachment links point at,
/// whatever the pages were read from.
pub const ARCHIVE: &str = "https://archiwum.dobrepraktyki.pl/";

/// One view of one practice, as a URL or a saved file's name names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ViewRef {
    /// The article number: the practice's identity on the site.
    pub art: u64,
    pub p1: Option<String>,
    pub p2: Option<String>,
    pub view: ViewKind,
}

/// [`View`] with an order, for maps and sorting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ViewKind {
    Summary,
    Presentation,
    Attachments,
}

impl ViewKind {
    pub const ALL: [ViewKind; 3] = [ViewKind::Summary, ViewKind::Presentation, ViewKind::Attachments];

    pub fn view(self) -> View {
        match self {
            ViewKind::Summary => View::Summary,
            ViewKind::Presentation => View::Presentation,
            ViewKind::Attachments => View::Attachments,
        }
    }

    fn of(view: View) -> Self {
        match view {
            View::Summary => ViewKind::Summary,
            View::Presentation => ViewKind::Presentation,
            View::Attachments => ViewKind::Attachments,
        }
    }

    pub fn label(self) -> &'static str {
        self.view().label()
    }
}

/// The query pairs of a URL or of a saved file's name. wget on Windows and
/// HTTrack write `?` as `@`, browsers percent-encode it, and saved files
/// often end in `.html`.
pub fn query_pairs(s: &str) -> Vec<(String, String)> {
    let s = s.replace("%3F", "?").replace("%3f", "?").replace("%26", "&").replace("%3D", "=").replace("%3d", "=");
    let s = s.split('#').next().unwrap_or_default();
    let name = s.rsplit(['/', '\\']).next().unwrap_or(s);
    let Some((_, query)) = name.split_once(['?', '@']) else {
        return Vec::new();
    };
    let query = ["html", "htm", "txt"].iter().find_map(|ext| query.strip_suffix(&format!(".{ext}"))).unwrap_or(query);
    query
        .replace("&amp;", "&")
        .split(['&', ';'])
        .filter_map(|pair| {
            let (k, v) = pair.split_once('=')?;
            Some((k.to_ascii_lowercase(), v.to_owned()))
        })
        .collect()
}

/// The view a URL or a saved file's name refers to, if it is a practice's.
pub fn view_ref(s: &str) -> Option<ViewRef> {
    let pairs = query_pairs(s);
    let get = |k: &str| pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
    let art = get("art")?.parse().ok()?;
    let view = match get("s").as_deref() {
        Some("2") => ViewKind::Presentation,
        Some("3") => ViewKind::Attachments,
        _ => ViewKind::Summary,
    };
    let param = |k| get(k).filter(|v| !v.is_empty() && v.chars().all(|c| c.is_ascii_alphanumeric()));
    Some(ViewRef { art, p1: param("p1"), p2: param("p2"), view })
}

impl ViewRef {
    /// The view's URL on the site at `base` (which ends with `/`).
    pub fn url(&self, base: &str) -> String {
        let mut q = Vec::new();
        if let Some(p1) = &self.p1 {
            q.push(format!("p1={p1}"));
        }
        if let Some(p2) = &self.p2 {
            q.push(format!("p2={p2}"));
        }
        q.push(format!("art={}", self.art));
        match self.view {
            ViewKind::Summary => {}
            ViewKind::Presentation => q.push("s=2".into()),
            ViewKind::Attachments => q.push("s=3".into()),
        }
        format!("{base}index.php?{}", q.join("&"))
    }

    pub fn with_view(&self, view: ViewKind) -> ViewRef {
        ViewRef { view, ..self.clone() }
    }

    pub fn id(&self) -> String {
        format!("bdp-{}", self.art)
    }
}

/// A view's bytes as they were fetched or read.
#[derive(Debug, Clone)]
pub struct RawView {
    /// The URL or file it came from, for reports.
    pub name: String,
    pub want: ViewRef,
    pub bytes: Vec<u8>,
    /// The charset its server declared, if any.
    pub charset: Option<&'static Encoding>,
}

/// A view that could not be had, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    pub want: ViewRef,
    pub reason: String,
    /// It failed (a time-out, an error), rather than not being there: the
    /// store's copy of the view stays until a sync gets it.
    pub transient: bool,
}

/// Puts back into `new` the views a sync could not fetch this time from
/// `old`, the store's copy of the same practice, and says so in its problems.
pub fn keep_views(new: &mut Practice, old: &Practice, kinds: &[ViewKind]) {
    for kind in kinds {
        match kind {
            ViewKind::Summary => {
                let keep = (
                    std::mem::take(&mut new.presentation),
                    std::mem::take(&mut new.attachments),
                    std::mem::take(&mut new.problems),
                );
                *new = Practice { presentation: keep.0, attachments: keep.1, problems: keep.2, ..old.clone() };
            }
            ViewKind::Presentation => {
                new.presentation = old.presentation.clone();
                for p in &old.partners {
                    if !new.partners.contains(p) {
                        new.partners.push(p.clone());
                    }
                }
            }
            ViewKind::Attachments => new.attachments = old.attachments.clone(),
        }
        let prefix = format!("no '{}' view: ", kind.label());
        for p in &mut new.problems {
            if let Some(why) = p.strip_prefix(&prefix) {
                *p = format!("'{}' could not be fetched ({why}); the earlier copy is kept", kind.label());
            }
        }
    }
}

/// Practices made of views, with what was read and what was passed over.
#[derive(Debug, Default)]
pub struct Assembled {
    /// In article-number order, so every source gives the same order.
    pub practices: Vec<Practice>,
    pub reports: Vec<FileReport>,
    /// Views that were fetched but are not practice pages, with the reason.
    pub rejected: Vec<(String, String)>,
    /// Notes on views that disagree with their URL or repeat one another.
    pub notes: Vec<String>,
}

/// Reads raw views into practices: one record per article number, views
/// merged, `source_url` the summary view on the live archive, attachment
/// links resolved against the page they were on, and every view that could
/// not be had listed in the practice's `problems`.
pub fn assemble(raw: Vec<RawView>, missing: &[Missing]) -> Assembled {
    let mut out = Assembled::default();
    let mut pages = Vec::new();
    let mut first_ref: BTreeMap<u64, ViewRef> = BTreeMap::new();
    let mut seen: BTreeMap<u64, Vec<ViewKind>> = BTreeMap::new();
    for r in raw {
        let doc = import::document(&r.bytes, r.charset);
        let (mut page, mut report) = match import::read_document(doc, &r.name) {
            Ok(p) => p,
            Err(e) => {
                out.rejected.push((r.name, error_reason(&e)));
                continue;
            }
        };
        if !page.is_practice {
            out.rejected.push((r.name, "not a practice page (no views' navigation, no 'Metryka praktyki')".into()));
            continue;
        }
        let got = ViewKind::of(page.view);
        if got != r.want.view {
            out.notes.push(format!(
                "{}: asked for '{}' but the page is '{}'; read as what it is",
                r.name,
                r.want.view.label(),
                got.label()
            ));
        }
        let canonical = r.want.with_view(got).url(ARCHIVE);
        page.art = Some(r.want.art.to_string());
        page.practice.source_url = Some(canonical.clone());
        for a in &mut page.practice.attachments {
            if let Some(u) = a.url.as_mut() {
                *u = resolve(&canonical, u);
            }
        }
        report.id = r.want.id();
        first_ref.entry(r.want.art).or_insert_with(|| r.want.clone());
        seen.entry(r.want.art).or_default().push(got);
        out.reports.push(report.clone());
        pages.push((page, report));
    }
    pages.sort_by_key(|(p, _)| p.art.as_deref().and_then(|a| a.parse::<u64>().ok()));
    let (mut practices, conflicts) = import::merge_pages(pages);
    out.notes.extend(conflicts);
    for p in &mut practices {
        let Some(art) = p.id.strip_prefix("bdp-").and_then(|a| a.parse::<u64>().ok()) else { continue };
        if let Some(r) = first_ref.get(&art) {
            p.source_url = Some(r.with_view(ViewKind::Summary).url(ARCHIVE));
        }
        let have = seen.get(&art).cloned().unwrap_or_default();
        for kind in ViewKind::ALL {
            if have.contains(&kind) {
                continue;
            }
            let why = missing
                .iter()
                .find(|m| m.want.art == art && m.want.view == kind)
                .map_or("not found at the source".to_owned(), |m| m.reason.clone());
            p.problems.push(format!("no '{}' view: {why}", kind.label()));
        }
    }
    out.practices = practices;
    out
}

fn error_reason(e: &import::ImportError) -> String {
    match e {
        import::ImportError::Page { source, .. } => format!("not a practice page ({source})"),
        other => other.to_string(),
    }
}

/// `href` resolved against `base`; left as it is when it cannot be.
pub fn resolve(base: &str, href: &str) -> String {
    match url::Url::parse(base).and_then(|b| b.join(href.trim())) {
        Ok(u) if matches!(u.scheme(), "http" | "https" | "mailto") => u.to_string(),
        _ => href.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_saved_names() {
        let r = view_ref("https://archiwum.dobrepraktyki.pl/index.php?p1=6&p2=20&art=596&s=2").unwrap();
        assert_eq!(
            (r.art, r.p1.as_deref(), r.p2.as_deref(), r.view),
            (596, Some("6"), Some("20"), ViewKind::Presentation)
        );
        for name in [
            "mirror/archiwum.dobrepraktyki.pl/index.php?p1=6&p2=20&art=596",
            "mirror\\index.php@p1=6&p2=20&art=596.html",
            "index.php%3Fp1=6%26p2=20%26art=596.htm",
            "index.php?p1=6&amp;p2=20&amp;art=596&s=1",
        ] {
            let r = view_ref(name).unwrap_or_else(|| panic!("{name}"));
            assert_eq!(
                (r.art, r.view, r.url(ARCHIVE)),
                (596, ViewKind::Summary, format!("{ARCHIVE}index.php?p1=6&p2=20&art=596")),
                "{name}"
            );
        }
        assert_eq!(
            view_ref("index.php?p1=6&art=12&s=3").unwrap().url("http://h/"),
            "http://h/index.php?p1=6&art=12&s=3"
        );
        assert!(view_ref("index.php?p1=6&p2=20").is_none());
        assert!(view_ref("index.php?art=x12").is_none());
        // A hostile parameter cannot reach the URL praktyki builds.
        assert_eq!(view_ref("index.php?p1=%0a<x>&art=3").unwrap().p1, None);
    }

    #[test]
    fn links_resolve_against_the_page() {
        let page = "https://archiwum.dobrepraktyki.pl/index.php?p1=6&art=1&s=3";
        assert_eq!(resolve(page, "pliki/a.pdf"), "https://archiwum.dobrepraktyki.pl/pliki/a.pdf");
        assert_eq!(resolve(page, "/x/b.doc"), "https://archiwum.dobrepraktyki.pl/x/b.doc");
        assert_eq!(resolve(page, "http://other.pl/c.pdf"), "http://other.pl/c.pdf");
        assert_eq!(resolve(page, "javascript:alert(1)"), "javascript:alert(1)");
    }
}
