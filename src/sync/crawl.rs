//! The live archive as a source: listing pages and pagination are not known
//! in advance, so the crawl is generic. It starts at the base's `index.php`,
//! follows only links on the same host to `index.php` with a query (menus,
//! section lists, "next page"), collects every `art=` it sees with the `p1`
//! and `p2` it was found under, and then asks for the three views of each.

use std::collections::{BTreeMap, HashSet, VecDeque};

use url::Url;

use super::bdp::{ViewKind, ViewRef};
use super::fetch::{Failure, Fetcher};
use super::raw::RawStore;
use super::{Gathered, Tally, limits};
use crate::store::import;

/// Crawls the site at `base` (which ends with `/`).
pub fn crawl(base: &Url, fetcher: &mut Fetcher, raw: &RawStore, tally: &mut Tally<'_>) -> Result<Gathered, String> {
    let mut out = Gathered::default();
    if let Err(e) = fetcher.load_robots(base, Some(raw)) {
        return Err(format!("cannot reach the site ({base}robots.txt: {e}); nothing was fetched"));
    }
    let start = base.join("index.php").map_err(|e| e.to_string())?;
    let mut f = Frontier::default();
    f.seen.insert(listing_key(&start));
    f.listings.push_back(start.clone());
    loop {
        if tally.cancelled() {
            out.interrupted = true;
            break;
        }
        if out.full(fetcher) {
            break;
        }
        tally.queued = f.listings.len() + f.views.len();
        tally.practices = f.arts.len();
        if let Some(url) = f.listings.pop_front() {
            match fetcher.fetch(url.as_str(), Some(raw), false) {
                Ok(page) => {
                    tally.page(&page, fetcher);
                    let doc = import::document(&page.bytes, page.charset);
                    for link in &doc.links {
                        f.follow(&url, &link.href, fetcher, &mut out);
                    }
                }
                Err(e) => {
                    if url == start {
                        return Err(format!("{url}: {e}"));
                    }
                    tally.failed(url.as_str(), &e, fetcher);
                    // A dead link (404) is no gap; a page that failed may have listed practices.
                    if !matches!(e, Failure::Disallowed | Failure::Gone(_)) {
                        out.incomplete.get_or_insert_with(|| format!("a listing page failed: {url}: {e}"));
                        out.failed.push((url.to_string(), e.to_string()));
                    }
                }
            }
        } else if let Some(want) = f.views.pop_front() {
            let url = want.url(base.as_str());
            match fetcher.fetch(&url, Some(raw), false) {
                Ok(page) => {
                    tally.page(&page, fetcher);
                    let doc = import::document(&page.bytes, page.charset);
                    let from = Url::parse(&url).map_err(|e| e.to_string())?;
                    for link in &doc.links {
                        f.follow(&from, &link.href, fetcher, &mut out);
                    }
                    out.push(url, want, page);
                }
                Err(e) => {
                    tally.failed(&url, &e, fetcher);
                    out.missing(url, want, e);
                }
            }
        } else {
            break;
        }
    }
    Ok(out)
}

/// What the crawl knows and has yet to fetch.
#[derive(Default)]
struct Frontier {
    /// Listing pages queued or fetched, by their parameters in order.
    seen: HashSet<String>,
    listings: VecDeque<Url>,
    /// Practices found, under the p1/p2 first seen with them.
    arts: BTreeMap<u64, ViewRef>,
    views: VecDeque<ViewRef>,
}

impl Frontier {
    /// What to do with one link: a practice's article number is collected
    /// (its three views queued once), another `index.php?…` on the site is
    /// queued as a listing, anything else is left alone. Past the limits
    /// nothing more is collected, and the gathering says it is incomplete.
    fn follow(&mut self, page: &Url, href: &str, fetcher: &Fetcher, out: &mut Gathered) {
        let Frontier { seen, listings, arts, views } = self;
        let Ok(mut url) = page.join(href.trim()) else { return };
        url.set_fragment(None);
        if !super::fetch::on_site(&url, page)
            || !url.path().ends_with("/index.php")
            || url.query().is_none_or(str::is_empty)
        {
            return;
        }
        // One page, one address: a link over the other scheme is the same page.
        if url.scheme() != page.scheme() {
            let _ = url.set_scheme(page.scheme());
        }
        if let Some(r) = super::bdp::view_ref(url.as_str()) {
            if arts.len() >= limits::ARTICLES && !arts.contains_key(&r.art) {
                out.incomplete.get_or_insert(format!(
                    "stopped collecting at {} practices, far more than the BDP has",
                    limits::ARTICLES
                ));
                return;
            }
            if let std::collections::btree_map::Entry::Vacant(e) = arts.entry(r.art) {
                let summary = r.with_view(ViewKind::Summary);
                e.insert(summary.clone());
                views.extend(ViewKind::ALL.map(|k| summary.with_view(k)));
            }
            return;
        }
        if !fetcher.allowed(url.as_str()) {
            return;
        }
        if seen.len() >= limits::LISTINGS {
            out.incomplete
                .get_or_insert(format!("stopped at {} listing pages, far more than the BDP has", limits::LISTINGS));
            return;
        }
        if seen.insert(listing_key(&url)) {
            listings.push_back(url);
        }
    }
}

/// Listing URLs that differ only in the order of their parameters are one page.
fn listing_key(url: &Url) -> String {
    let mut pairs: Vec<(String, String)> = url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    pairs.sort();
    format!("{}{}?{pairs:?}", url.origin().ascii_serialization(), url.path())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_index_php_with_a_query_on_the_site_is_followed() {
        let base = Url::parse("http://127.0.0.1:9/bdp/index.php?p1=6").unwrap();
        let fetcher = Fetcher::new(&base, super::super::fetch::Politeness::default());
        let (mut f, mut out) = (Frontier::default(), Gathered::default());
        for href in [
            "?p1=6&p2=20",
            // The same page with its parameters in another order.
            "index.php?p2=20&p1=6",
            "/bdp/index.php?p1=7#top",
            "http://127.0.0.1:9/bdp/index.php?p1=8",
            "http://127.0.0.1:10/bdp/index.php?p1=9",
            "//127.0.0.1:10/bdp/index.php?p1=11",
            "http://x@127.0.0.1:9/bdp/index.php?p1=12",
            "mapa.php?x=1",
            "index.php",
            "mailto:a@b.pl",
            "index.php?p1=6&p2=20&art=596",
            "index.php?p1=1&p2=2&art=596&s=2",
        ] {
            f.follow(&base, href, &fetcher, &mut out);
        }
        let got: Vec<String> = f.listings.iter().map(Url::to_string).collect();
        assert_eq!(
            got,
            [
                "http://127.0.0.1:9/bdp/index.php?p1=6&p2=20",
                "http://127.0.0.1:9/bdp/index.php?p1=7",
                "http://127.0.0.1:9/bdp/index.php?p1=8",
            ]
        );
        // The article is queued once, under the p1/p2 it was first seen with.
        assert_eq!(f.views.len(), 3);
        assert_eq!(f.arts[&596].p1.as_deref(), Some("6"));
        assert!(out.incomplete.is_none());
    }

    #[test]
    fn a_trap_of_endless_pages_and_articles_stops_at_the_limits() {
        let base = Url::parse("http://127.0.0.1:9/index.php").unwrap();
        let fetcher = Fetcher::new(&base, super::super::fetch::Politeness::default());
        let (mut f, mut out) = (Frontier::default(), Gathered::default());
        for i in 0..limits::LISTINGS + 10 {
            f.follow(&base, &format!("index.php?p={i}"), &fetcher, &mut out);
            f.follow(&base, &format!("index.php?art={i}"), &fetcher, &mut out);
        }
        assert_eq!(
            (f.listings.len(), f.arts.len(), f.views.len()),
            (limits::LISTINGS, limits::ARTICLES, 3 * limits::ARTICLES)
        );
        assert!(out.incomplete.is_some());
    }
}
