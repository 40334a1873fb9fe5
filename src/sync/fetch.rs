//! A polite HTTP client for one site: one connection, a pause between
//! requests, an honest User-Agent, robots.txt, time-outs, a size cap,
//! back-off on 429 and 5xx (with `Retry-After`), redirects followed only on
//! the same host and never in a loop, and conditional requests from the
//! raw store. The HTTP itself is ureq's.

use std::time::{Duration, Instant};

use encoding_rs::Encoding;
use url::Url;

use super::raw::{Meta, RawStore};

/// What the user may set about how hard the site is asked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Politeness {
    /// Requests per second at most; 0 for no pause (a local mirror).
    pub rate: f64,
    /// Time-out for connecting and for the response to start; the body gets
    /// four times as long.
    pub timeout: Duration,
    /// Tries after the first, on 429, 5xx, a time-out or a dropped connection.
    pub retries: u32,
    /// Bytes a page may have.
    pub max_page: u64,
}

impl Default for Politeness {
    fn default() -> Self {
        Politeness { rate: 1.0, timeout: Duration::from_secs(20), retries: 3, max_page: 5 * 1024 * 1024 }
    }
}

/// The longest `Retry-After` honoured; a longer one fails the page.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(300);
const MAX_REDIRECTS: usize = 5;

/// Whether `url` is on the site being synced: the same host, and the same
/// port, or each the default of its scheme. Old sites link to themselves
/// over http while served over https (and redirect one to the other), so the
/// scheme alone does not make another site.
pub fn on_site(url: &Url, site: &Url) -> bool {
    let default_ports = url.port().is_none() && site.port().is_none();
    matches!(url.scheme(), "http" | "https")
        && url.host_str().is_some()
        && url.host_str() == site.host_str()
        && (default_ports
            || url.port_or_known_default() == site.port_or_known_default() && url.scheme() == site.scheme())
        && url.username().is_empty()
        && url.password().is_none()
}

pub fn user_agent() -> String {
    format!("praktyki/{} (terminal browser of the Baza Dobrych Praktyk; sync)", env!("CARGO_PKG_VERSION"))
}

/// A page the server gave.
#[derive(Debug, Clone)]
pub struct Page {
    pub url: String,
    pub bytes: Vec<u8>,
    pub charset: Option<&'static Encoding>,
    /// Where it came from: the network, a 304 for a kept copy, or the kept
    /// copy alone (fetched earlier in this run, or an immutable capture).
    pub via: Via,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    Downloaded,
    NotModified,
    Kept,
}

/// Why a page could not be had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// 404 or 410: the page is not there.
    Gone(u16),
    /// robots.txt disallows it.
    Disallowed,
    /// Another status the server answered with (403, 401, …).
    Status(u16),
    /// Anything else, said in words.
    Other(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Gone(s) => write!(f, "HTTP {s}: not found"),
            Failure::Disallowed => f.write_str("disallowed by robots.txt"),
            Failure::Status(s) => write!(f, "HTTP {s}"),
            Failure::Other(s) => f.write_str(s),
        }
    }
}

/// Counts of what the fetcher did, for the progress line and the summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub requests: usize,
    pub downloaded: usize,
    pub not_modified: usize,
    pub kept: usize,
    pub bytes: u64,
}

pub struct Fetcher {
    agent: ureq::Agent,
    site: Url,
    policy: Politeness,
    /// At least this long between two requests (rate and Crawl-delay).
    interval: Duration,
    last: Option<Instant>,
    robots: Option<texting_robots::Robot>,
    pub counts: Counts,
    /// How long the fetcher slept for politeness and back-off, in all.
    pub waited: Duration,
}

impl Fetcher {
    /// A fetcher that stays on `site`'s scheme, host and port.
    pub fn new(site: &Url, policy: Politeness) -> Fetcher {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .max_redirects_will_error(false)
            .user_agent(user_agent())
            .timeout_connect(Some(policy.timeout))
            .timeout_recv_response(Some(policy.timeout))
            .timeout_recv_body(Some(policy.timeout * 4))
            .max_idle_connections_per_host(1)
            .build();
        let interval = if policy.rate > 0.0 { Duration::from_secs_f64(1.0 / policy.rate) } else { Duration::ZERO };
        Fetcher {
            agent: config.into(),
            site: site.clone(),
            policy,
            interval,
            last: None,
            robots: None,
            counts: Counts::default(),
            waited: Duration::ZERO,
        }
    }

    /// Reads the site's robots.txt and obeys it from now on (RFC 9309: a
    /// missing file allows everything; a server error or an unreachable
    /// file disallows everything, since the site may be in trouble).
    pub fn load_robots(&mut self, site: &Url, raw: Option<&RawStore>) -> Result<(), Failure> {
        let url = site.join("/robots.txt").map_err(|e| Failure::Other(e.to_string()))?;
        match self.fetch(url.as_str(), raw, false) {
            Ok(page) => {
                let robot = texting_robots::Robot::new("praktyki", &page.bytes)
                    .map_err(|e| Failure::Other(format!("robots.txt: {e}")))?;
                if let Some(delay) = robot.delay.filter(|d| d.is_finite() && *d > 0.0) {
                    // A long Crawl-delay is obeyed up to a minute a page.
                    self.interval = self.interval.max(Duration::from_secs_f32(delay.min(60.0)));
                }
                self.robots = Some(robot);
                Ok(())
            }
            Err(Failure::Gone(_)) => Ok(()),
            // Any other client error (403 …) means no rules for us either (RFC 9309).
            Err(Failure::Status(400..=499)) => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// Whether robots.txt lets praktyki fetch `url`.
    pub fn allowed(&self, url: &str) -> bool {
        self.robots.as_ref().is_none_or(|r| r.allowed(url))
    }

    /// Fetches `url`, through the raw store when one is given: a page kept
    /// in this run is not asked for again, and a kept page is revalidated
    /// with its validators. What is downloaded is kept.
    pub fn fetch(&mut self, url: &str, raw: Option<&RawStore>, immutable: bool) -> Result<Page, Failure> {
        let kept = raw.and_then(|r| r.get(url));
        if let (Some(r), Some((meta, body))) = (raw, &kept)
            && r.current(meta)
        {
            return match meta.status {
                200..=299 => {
                    self.counts.kept += 1;
                    Ok(Page {
                        url: url.to_owned(),
                        bytes: body.clone(),
                        charset: charset(meta),
                        via: Via::Kept,
                        etag: meta.etag.clone(),
                        last_modified: meta.last_modified.clone(),
                    })
                }
                s => Err(Failure::Gone(s)),
            };
        }
        let validators = match (raw, &kept) {
            (Some(r), Some((meta, _))) if r.revalidate() && (200..=299).contains(&meta.status) => Some(meta),
            _ => None,
        };
        let keep_err = |e: std::io::Error| Failure::Other(format!("cannot keep the page in the cache: {e}"));
        match self.get(url, validators) {
            Ok(page) if page.via == Via::NotModified => {
                let Some((meta, body)) = kept else {
                    return Err(Failure::Other("HTTP 304 for a page that was not asked for conditionally".into()));
                };
                if let Some(r) = raw {
                    r.confirm(meta.clone()).map_err(keep_err)?;
                }
                Ok(Page { bytes: body, charset: charset(&meta), ..page })
            }
            Ok(page) => {
                if let Some(r) = raw {
                    let meta = Meta {
                        url: url.to_owned(),
                        status: 200,
                        fetched: 0,
                        etag: page.etag.clone(),
                        last_modified: page.last_modified.clone(),
                        charset: page.charset.map(|e| e.name().to_owned()),
                        run: 0,
                        immutable,
                        len: 0,
                        crc: 0,
                    };
                    r.put(meta, &page.bytes).map_err(keep_err)?;
                }
                Ok(page)
            }
            Err(Failure::Gone(s)) => {
                // A missing page is remembered too, so a resumed run does not ask again.
                if let Some(r) = raw {
                    let meta = Meta {
                        url: url.to_owned(),
                        status: s,
                        fetched: 0,
                        etag: None,
                        last_modified: None,
                        charset: None,
                        run: 0,
                        immutable,
                        len: 0,
                        crc: 0,
                    };
                    r.put(meta, b"").map_err(keep_err)?;
                }
                Err(Failure::Gone(s))
            }
            Err(e) => Err(e),
        }
    }

    /// One GET with redirects, retries and back-off; `validators` makes it
    /// conditional.
    fn get(&mut self, url: &str, validators: Option<&Meta>) -> Result<Page, Failure> {
        let mut current = self.checked(url)?;
        let mut chain = vec![current.to_string()];
        for _ in 0..=MAX_REDIRECTS {
            if !self.allowed(current.as_str()) && !current.path().ends_with("/robots.txt") {
                return Err(Failure::Disallowed);
            }
            let conditional = if chain.len() == 1 { validators } else { None };
            match self.get_once(&current, conditional)? {
                Step::Done(page) => return Ok(page),
                Step::Redirect(location) => {
                    let next = current
                        .join(&location)
                        .map_err(|_| Failure::Other(format!("redirect to a bad address '{location}'")))?;
                    if !on_site(&next, &self.site) {
                        return Err(Failure::Other(format!("redirects off the site to {next}; not followed")));
                    }
                    if current.scheme() == "https" && next.scheme() == "http" {
                        return Err(Failure::Other(format!(
                            "redirects from https to plain http ({next}); not followed"
                        )));
                    }
                    let next_s = next.to_string();
                    if chain.contains(&next_s) {
                        chain.push(next_s);
                        return Err(Failure::Other(format!("redirect loop: {}", chain.join(" → "))));
                    }
                    chain.push(next_s);
                    current = next;
                }
            }
        }
        Err(Failure::Other(format!("more than {MAX_REDIRECTS} redirects: {}", chain.join(" → "))))
    }

    fn checked(&self, url: &str) -> Result<Url, Failure> {
        let u = Url::parse(url).map_err(|e| Failure::Other(format!("bad address '{url}': {e}")))?;
        if !matches!(u.scheme(), "http" | "https") {
            return Err(Failure::Other(format!("only http and https are fetched, not '{}'", u.scheme())));
        }
        if !on_site(&u, &self.site) {
            return Err(Failure::Other(format!("{u} is not on the site being synced; not fetched")));
        }
        Ok(u)
    }

    fn pause(&mut self, at_least: Duration) {
        let wait = match self.last {
            Some(last) => at_least.saturating_sub(last.elapsed()),
            None => Duration::ZERO,
        };
        if !wait.is_zero() {
            self.waited += wait;
            std::thread::sleep(wait);
        }
    }

    fn get_once(&mut self, url: &Url, validators: Option<&Meta>) -> Result<Step, Failure> {
        let mut attempt = 0;
        let mut backoff = Duration::ZERO;
        loop {
            self.pause(self.interval.max(backoff));
            self.last = Some(Instant::now());
            self.counts.requests += 1;
            let mut req = self.agent.get(url.as_str());
            if let Some(m) = validators {
                if let Some(e) = &m.etag {
                    req = req.header("If-None-Match", e);
                }
                if let Some(lm) = &m.last_modified {
                    req = req.header("If-Modified-Since", lm);
                }
            }
            let retry = |attempt: &mut u32, why: String, wait: Duration| -> Result<Duration, Failure> {
                if *attempt >= self.policy.retries {
                    let tries = *attempt + 1;
                    return Err(Failure::Other(format!("{why} (gave up after {tries} tries)")));
                }
                *attempt += 1;
                Ok(wait)
            };
            let exp = Duration::from_secs(1 << attempt.min(6));
            let mut resp = match req.call() {
                Ok(r) => r,
                Err(e) => {
                    let why = transport_error(&e);
                    match e {
                        ureq::Error::Timeout(_) | ureq::Error::Io(_) | ureq::Error::ConnectionFailed => {
                            backoff = retry(&mut attempt, why, exp)?;
                            continue;
                        }
                        _ => return Err(Failure::Other(why)),
                    }
                }
            };
            let status = resp.status().as_u16();
            let header = |name: &str| resp.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
            match status {
                200..=299 => {
                    let too_big = |n: u64| {
                        Failure::Other(format!("larger than the page limit of {} bytes ({n})", self.policy.max_page))
                    };
                    if let Some(n) = resp.body().content_length().filter(|n| *n > self.policy.max_page) {
                        return Err(too_big(n));
                    }
                    let etag = header("etag");
                    let last_modified = header("last-modified");
                    let charset = resp.body().charset().and_then(|c| Encoding::for_label(c.as_bytes()));
                    let bytes = match resp.body_mut().with_config().limit(self.policy.max_page).read_to_vec() {
                        Ok(b) => b,
                        Err(ureq::Error::BodyExceedsLimit(n)) => return Err(too_big(n)),
                        Err(e) => {
                            backoff = retry(&mut attempt, transport_error(&e), exp)?;
                            continue;
                        }
                    };
                    self.counts.downloaded += 1;
                    self.counts.bytes += bytes.len() as u64;
                    let page = Page { url: url.to_string(), bytes, charset, via: Via::Downloaded, etag, last_modified };
                    return Ok(Step::Done(page));
                }
                304 if validators.is_some() => {
                    self.counts.not_modified += 1;
                    let page = Page {
                        url: url.to_string(),
                        bytes: Vec::new(),
                        charset: None,
                        via: Via::NotModified,
                        etag: None,
                        last_modified: None,
                    };
                    return Ok(Step::Done(page));
                }
                301 | 302 | 303 | 307 | 308 => {
                    return match header("location") {
                        Some(l) => Ok(Step::Redirect(l)),
                        None => Err(Failure::Other(format!("HTTP {status} without a Location"))),
                    };
                }
                404 | 410 => return Err(Failure::Gone(status)),
                429 | 500 | 502 | 503 | 504 => {
                    let why = format!("HTTP {status}");
                    let wait = match header("retry-after").as_deref().map(retry_after) {
                        Some(Some(d)) if d > MAX_RETRY_AFTER => {
                            return Err(Failure::Other(format!("{why}: the server asks to wait {} s", d.as_secs())));
                        }
                        Some(Some(d)) => d,
                        _ => exp,
                    };
                    backoff = retry(&mut attempt, why, wait)?;
                }
                _ => return Err(Failure::Status(status)),
            }
        }
    }
}

enum Step {
    Done(Page),
    Redirect(String),
}

fn charset(meta: &Meta) -> Option<&'static Encoding> {
    meta.charset.as_deref().and_then(|c| Encoding::for_label(c.as_bytes()))
}

/// `Retry-After` as seconds or as an HTTP date.
fn retry_after(value: &str) -> Option<Duration> {
    let v = value.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(v).ok()?;
    Some(when.duration_since(std::time::SystemTime::now()).unwrap_or(Duration::ZERO))
}

fn transport_error(e: &ureq::Error) -> String {
    match e {
        ureq::Error::Timeout(t) => format!("timed out ({t})"),
        ureq::Error::HostNotFound => "host not found".into(),
        ureq::Error::ConnectionFailed => "connection failed".into(),
        ureq::Error::Io(io) => format!("connection error: {io}"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_site_is_its_host_whatever_the_scheme() {
        let site = Url::parse("https://archiwum.dobrepraktyki.pl/").unwrap();
        let on = |u: &str| on_site(&Url::parse(u).unwrap(), &site);
        assert!(on("http://archiwum.dobrepraktyki.pl/index.php?p1=2"));
        assert!(on("https://archiwum.dobrepraktyki.pl/x"));
        assert!(!on("https://archiwum.dobrepraktyki.pl:8443/x"));
        assert!(!on("https://www.dobrepraktyki.pl/"));
        assert!(!on("https://evil.pl/?archiwum.dobrepraktyki.pl"));
        assert!(!on("https://archiwum.dobrepraktyki.pl@evil.pl/"));
        let local = Url::parse("http://127.0.0.1:8080/").unwrap();
        assert!(on_site(&Url::parse("http://127.0.0.1:8080/a").unwrap(), &local));
        assert!(!on_site(&Url::parse("https://127.0.0.1:8080/a").unwrap(), &local));
        assert!(!on_site(&Url::parse("http://127.0.0.1/a").unwrap(), &local));
    }

    #[test]
    fn retry_after_forms() {
        assert_eq!(retry_after("3"), Some(Duration::from_secs(3)));
        assert_eq!(retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), Some(Duration::ZERO));
        assert_eq!(retry_after("soon"), None);
    }

    #[test]
    fn off_site_and_other_schemes_are_refused_before_any_request() {
        let site = Url::parse("http://127.0.0.1:9/").unwrap();
        let mut f = Fetcher::new(&site, Politeness::default());
        for url in
            ["http://127.0.0.1:10/index.php", "https://127.0.0.1:9/", "ftp://127.0.0.1:9/x", "file:///etc/passwd"]
        {
            assert!(matches!(f.fetch(url, None, false), Err(Failure::Other(_))), "{url}");
        }
        assert_eq!(f.counts.requests, 0);
    }
}
