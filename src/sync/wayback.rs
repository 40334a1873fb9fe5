//! The Wayback Machine as a source: the CDX API lists the captures of the
//! archive's pages (and of the older `www.dobrepraktyki.pl`), the latest
//! capture of each view of each practice is chosen, and its bytes are read
//! as captured through the `id_` form (no toolbar, no rewritten links).
//! A capture never changes, so it is never fetched twice.

use std::collections::BTreeMap;

use url::Url;

use super::bdp::{ViewKind, ViewRef, view_ref};
use super::fetch::{Failure, Fetcher};
use super::raw::RawStore;
use super::{Gathered, Tally, limits};
use crate::store::import;

/// The hosts the BDP lived on, newest first.
pub const HOSTS: &[&str] = &["archiwum.dobrepraktyki.pl", "www.dobrepraktyki.pl"];

/// The public Wayback Machine.
pub const WAYBACK: &str = "https://web.archive.org/";

/// Rows asked for per CDX request; the rest come with the resume key.
const PAGE_ROWS: usize = 5_000;
/// Older captures tried when the latest one is not a practice page.
const TRIES: usize = 3;
/// CDX pages read per host at most (each of [`PAGE_ROWS`] rows).
const MAX_CDX_PAGES: usize = 400;
/// Captures kept per host at most: the BDP's pages have a few thousand.
const MAX_CAPTURES: usize = 200_000;

#[derive(Debug, Clone)]
struct Capture {
    timestamp: String,
    original: String,
    want: ViewRef,
}

/// Gathers every practice view the archive at `api` holds.
pub fn gather(api: &Url, fetcher: &mut Fetcher, raw: &RawStore, tally: &mut Tally<'_>) -> Result<Gathered, String> {
    let mut out = Gathered::default();
    let mut captures: BTreeMap<(u64, ViewKind), Vec<Capture>> = BTreeMap::new();
    let mut listed_any = false;
    let mut seen_arts = std::collections::HashSet::new();
    for host in HOSTS {
        match list(api, host, fetcher, raw, tally) {
            Ok((rows, cut)) => {
                listed_any = true;
                if let Some(why) = cut {
                    out.incomplete.get_or_insert(format!("the capture list of {host}: {why}"));
                }
                for c in rows {
                    if !seen_arts.contains(&c.want.art) {
                        if seen_arts.len() >= limits::ARTICLES {
                            out.incomplete
                                .get_or_insert(format!("stopped collecting at {} practices", limits::ARTICLES));
                            continue;
                        }
                        seen_arts.insert(c.want.art);
                    }
                    captures.entry((c.want.art, c.want.view)).or_default().push(c);
                }
            }
            Err(e) => {
                out.incomplete.get_or_insert_with(|| format!("the capture list of {host} failed: {e}"));
                out.failed.push((format!("CDX {host}"), e));
            }
        }
    }
    if !listed_any {
        return Err(out.failed.first().map_or_else(|| "no capture list".to_owned(), |(_, e)| e.clone()));
    }
    // The summary's capture decides p1/p2 of the practice's source_url.
    let arts: BTreeMap<u64, ViewRef> = captures
        .iter()
        .filter(|((_, k), _)| *k == ViewKind::Summary)
        .filter_map(|((art, _), cs)| cs.first().map(|c| (*art, c.want.clone())))
        .collect();
    let mut jobs: Vec<(ViewRef, Vec<Capture>)> = Vec::new();
    for ((art, kind), mut cs) in captures {
        cs.sort_by(|a, b| b.timestamp.cmp(&a.timestamp));
        let want = arts.get(&art).map_or_else(|| cs[0].want.clone(), |s| s.with_view(kind));
        jobs.push((want, cs));
    }
    // Practices that have captures of some views only: the others are missing.
    for (art, summary) in &arts {
        for kind in ViewKind::ALL {
            if !jobs.iter().any(|(w, _)| w.art == *art && w.view == kind) {
                out.missing_view(summary.with_view(kind), "no capture in the Wayback Machine".into(), false);
            }
        }
    }
    for (i, (want, cs)) in jobs.iter().enumerate() {
        if tally.cancelled() {
            out.interrupted = true;
            break;
        }
        if out.full(fetcher) {
            break;
        }
        tally.queued = jobs.len() - i;
        tally.practices = arts.len();
        let mut last_err = None;
        let mut got = None;
        for c in cs.iter().take(TRIES) {
            let url = format!("{}web/{}id_/{}", api.as_str(), c.timestamp, c.original);
            match fetcher.fetch(&url, Some(raw), true) {
                Ok(page) => {
                    tally.page(&page, fetcher);
                    let doc = import::document(&page.bytes, page.charset);
                    match import::read_document(doc, &url) {
                        Ok((p, _)) if p.is_practice => {
                            got = Some((url, page));
                            break;
                        }
                        _ => last_err = Some(format!("{url}: the capture is not a practice page")),
                    }
                }
                Err(e) => {
                    tally.failed(&url, &e, fetcher);
                    last_err = Some(format!("{url}: {e}"));
                }
            }
        }
        match got {
            Some((url, page)) => out.push(url, want.clone(), page),
            None => {
                let why = last_err.unwrap_or_else(|| "no usable capture".into());
                out.failed.push((want.url(super::bdp::ARCHIVE), why.clone()));
                out.missing_view(want.clone(), why, true);
            }
        }
    }
    Ok(out)
}

/// Every capture of `host`'s practice views, through the CDX API's pages,
/// and why the list was cut short, if it was (a resume key seen before, too
/// many pages).
fn list(
    api: &Url,
    host: &str,
    fetcher: &mut Fetcher,
    raw: &RawStore,
    tally: &mut Tally<'_>,
) -> Result<(Vec<Capture>, Option<String>), String> {
    let mut out = Vec::new();
    let mut resume: Option<String> = None;
    let mut keys = std::collections::HashSet::new();
    for _ in 0..MAX_CDX_PAGES {
        if tally.cancelled() {
            return Ok((out, None));
        }
        let mut url = api.join("cdx/search/cdx").map_err(|e| e.to_string())?;
        {
            let mut q = url.query_pairs_mut();
            q.append_pair("url", &format!("{host}/index.php"))
                .append_pair("matchType", "prefix")
                .append_pair("output", "json")
                .append_pair("filter", "statuscode:200")
                .append_pair("collapse", "digest")
                .append_pair("showResumeKey", "true")
                .append_pair("limit", &PAGE_ROWS.to_string());
            if let Some(k) = &resume {
                q.append_pair("resumeKey", k);
            }
        }
        let page = fetcher.fetch(url.as_str(), Some(raw), false).map_err(|e: Failure| match e {
            Failure::Gone(_) => format!("{api} does not answer as the Wayback Machine's CDX API ({e})"),
            e => format!("the capture list at {api}: {e}"),
        })?;
        tally.page(&page, fetcher);
        let rows: Vec<Vec<serde_json::Value>> = serde_json::from_slice(&page.bytes)
            .map_err(|e| format!("{api} does not answer as the Wayback Machine's CDX API (not its JSON: {e})"))?;
        // A cell that is not a string is left empty: one odd row is skipped, not the list.
        let rows: Vec<Vec<String>> = rows
            .into_iter()
            .map(|r| r.into_iter().map(|v| v.as_str().map(str::to_owned).unwrap_or_default()).collect())
            .collect();
        let (captures, next) = parse_rows(&rows).map_err(|e| format!("{api}: the capture list: {e}"))?;
        out.extend(captures);
        // A list that never ends (or is all the same row) stops at the limits.
        if out.len() > MAX_CAPTURES {
            out.truncate(MAX_CAPTURES);
            return Ok((out, Some(format!("stopped at {MAX_CAPTURES} captures"))));
        }
        if fetcher.counts.bytes > super::limits::DOWNLOADED_BYTES {
            return Ok((out, Some(format!("stopped: downloads passed {} MiB", super::limits::DOWNLOADED_BYTES >> 20))));
        }
        match next {
            Some(k) if keys.insert(k.clone()) => resume = Some(k),
            Some(_) => return Ok((out, Some("its pages came round again; read up to there".into()))),
            None => return Ok((out, None)),
        }
    }
    Ok((out, Some(format!("stopped after {MAX_CDX_PAGES} pages"))))
}

/// CDX rows → captures of practice views, and the resume key if the answer
/// ends with one (an empty row, then a row with the key alone).
fn parse_rows(rows: &[Vec<String>]) -> Result<(Vec<Capture>, Option<String>), String> {
    let Some(header) = rows.first() else { return Ok((Vec::new(), None)) };
    let col = |name: &str| header.iter().position(|h| h == name).ok_or(format!("no '{name}' column in the header"));
    let (ts, orig) = (col("timestamp")?, col("original")?);
    let status = header.iter().position(|h| h == "statuscode");
    let mut body = &rows[1..];
    let mut resume = None;
    if let [rest @ .., empty, key] = body
        && empty.is_empty()
        && key.len() == 1
    {
        resume = Some(key[0].clone());
        body = rest;
    }
    let mut out = Vec::new();
    for row in body {
        let (Some(t), Some(o)) = (row.get(ts), row.get(orig)) else { continue };
        if status.and_then(|s| row.get(s)).is_some_and(|s| s != "200") || !t.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        // Only the BDP's own pages: a row for another host or scheme is not its capture.
        let ours = url::Url::parse(o).is_ok_and(|u| {
            matches!(u.scheme(), "http" | "https")
                && u.port_or_known_default() == Some(if u.scheme() == "http" { 80 } else { 443 })
                && u.host_str().is_some_and(|h| HOSTS.contains(&h))
                && u.username().is_empty()
        });
        if let Some(want) = view_ref(o).filter(|_| ours) {
            out.push(Capture { timestamp: t.clone(), original: o.clone(), want });
        }
    }
    Ok((out, resume))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(ts: &str, url: &str) -> Vec<String> {
        vec!["key".into(), ts.into(), url.into(), "text/html".into(), "200".into(), "D".into(), "10".into()]
    }

    #[test]
    fn cdx_rows_and_resume_keys() {
        let header: Vec<String> =
            ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"].map(String::from).into();
        let rows = vec![
            header.clone(),
            row("20150101000000", "http://archiwum.dobrepraktyki.pl/index.php?p1=6&p2=20&art=596"),
            row("20160101000000", "http://archiwum.dobrepraktyki.pl/index.php?p1=6&p2=20&art=596&s=2"),
            row("20160101000000", "http://archiwum.dobrepraktyki.pl/index.php?p1=6"),
            row("2016x", "http://archiwum.dobrepraktyki.pl/index.php?art=1"),
            row("20160101000000", "http://evil.example/index.php?art=102"),
            row("20160101000000", "javascript:alert(1)//?art=105"),
            row("20160101000000", "http://archiwum.dobrepraktyki.pl:8080/index.php?art=106"),
            vec![],
            vec!["next-key".into()],
        ];
        let (caps, resume) = parse_rows(&rows).unwrap();
        assert_eq!(resume.as_deref(), Some("next-key"));
        let got: Vec<(u64, ViewKind)> = caps.iter().map(|c| (c.want.art, c.want.view)).collect();
        assert_eq!(got, [(596, ViewKind::Summary), (596, ViewKind::Presentation)]);
        assert!(parse_rows(&[]).unwrap().0.is_empty());
        assert!(parse_rows(&[vec!["urlkey".into()]]).is_err(), "a header without the columns is an error");
    }
}
