//! A local copy of the BDP archive for the sync tests: pages in the
//! archive's structure (practice views laid out as the seed page in
//! `../shared/seeds/`; menus, sections and paginated listings of our own,
//! with links in several styles), served by a real HTTP server on
//! 127.0.0.1 and a free port, with a fake CDX API and `id_` snapshots.
//! The practices are test data ("Praktyka testowa N"), never real ones.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub use praktyki::store::checks::SECTIONS;
pub const PER_SECTION: u64 = 7;
pub const PER_LISTING: usize = 5;
pub const FIRST_ART: u64 = 100;
const TOWNS: [(&str, &str, &str); 8] = [
    ("Łódź", "Łódź", "łódzkie"),
    ("Żywiec", "żywiecki", "śląskie"),
    ("Gdańsk", "Gdańsk", "pomorskie"),
    ("Ełk", "ełcki", "warmińsko-mazurskie"),
    ("Nowy Sącz", "Nowy Sącz", "małopolskie"),
    ("Śrem", "śremski", "wielkopolskie"),
    ("Opole", "Opole", "opolskie"),
    ("Zamość", "Zamość", "lubelskie"),
];

/// How the server answers one page.
#[derive(Debug, Clone, PartialEq)]
pub enum Behaviour {
    Normal,
    /// HTTP 500 this many times, then the page.
    Fail(u32),
    /// HTTP 429 with `Retry-After: 1` this many times, then the page.
    TooMany(u32),
    /// Waits this long before answering.
    Slow(Duration),
    /// Waits until the server's gate opens.
    Hang,
    Redirect(String),
}

#[derive(Debug, Clone)]
pub struct Resp {
    pub status: u16,
    pub body: Vec<u8>,
    /// The Content-Type header, charset included or not.
    pub content_type: String,
    pub behaviour: Behaviour,
}

impl Resp {
    fn html(body: String) -> Resp {
        Resp {
            status: 200,
            body: body.into_bytes(),
            content_type: "text/html; charset=utf-8".into(),
            behaviour: Behaviour::Normal,
        }
    }
}

/// Every page of the site by its path and query, as the client asks.
#[derive(Debug, Clone, Default)]
pub struct Site {
    pub pages: BTreeMap<String, Resp>,
}

pub fn art(section: usize, n: u64) -> u64 {
    FIRST_ART + section as u64 * PER_SECTION + n
}

pub fn arts() -> Vec<u64> {
    (0..SECTIONS.len()).flat_map(|s| (0..PER_SECTION).map(move |n| art(s, n))).collect()
}

/// p1 of a section, p2 of its "Praktyki" submenu.
fn p1(section: usize) -> usize {
    section + 1
}
const P2: usize = 20;

pub fn view_path(art: u64, view: u8) -> String {
    let section = ((art - FIRST_ART) / PER_SECTION) as usize;
    let s = match view {
        2 => "&s=2",
        3 => "&s=3",
        _ => "",
    };
    format!("/index.php?p1={}&p2={P2}&art={art}{s}", p1(section))
}

pub fn title(art: u64) -> String {
    format!("Praktyka testowa {art}: współpraca gmin")
}

fn chrome_top() -> &'static str {
    "<div id=\"naglowek\">Budowanie kompetencji do wsp&oacute;łpracy międzysamorządowej</div>\n\
     <div class=\"licznik\">1.756.768<br>gości odwiedziło nas<br>od 1 kwietnia 2008 r.</div>\n"
}

fn chrome_bottom() -> &'static str {
    "<div class=\"stopka\">Wsparcie udzielone przez Norwegię, Islandię i Lichtenstein</div>\n"
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\">\n<html><head>\n\
         <title>Baza Dobrych Praktyk - {title}</title></head><body>\n{}{body}{}</body></html>\n",
        chrome_top(),
        chrome_bottom()
    )
}

fn nav(art: u64, current: u8) -> String {
    let section = ((art - FIRST_ART) / PER_SECTION) as usize;
    let q = |s: &str| format!("index.php?p1={}&amp;p2={P2}&amp;art={art}{s}", p1(section));
    let item = |n: u8, label: &str, s: &str| {
        if n == current { format!("<b>{label}</b>") } else { format!("<a href=\"{}\">{label}</a>", q(s)) }
    };
    format!(
        "<div class=\"nawigacja\">.:&nbsp; {} -&gt; {} -&gt; {}&nbsp; :.</div>\n",
        item(1, "Skrót i Metryka", ""),
        item(2, "Pełna prezentacja", "&amp;s=2"),
        item(3, "Załączniki", "&amp;s=3")
    )
}

fn head(art: u64) -> String {
    let section = ((art - FIRST_ART) / PER_SECTION) as usize;
    format!("<div class=\"sciezka\">&nbsp;{} : Praktyki</div>\n<h1>{}</h1>\n", SECTIONS[section], title(art))
}

pub fn summary(art: u64, updated: &str) -> String {
    let (town, county, voiv) = TOWNS[(art % 8) as usize];
    let body = format!(
        "{}{}<p align=\"justify\">Gminy wokół miasta {town} wspólnie prowadzą dowóz uczniów i gospodarkę odpadami. \
         Praktyka testowa numer {art}.</p>\n<h2>Metryka praktyki</h2>\n<table class=\"metryka\">\n\
         <tr><td>Data wprowadzenia do BDP:&nbsp;&nbsp;</td><td>2014-12-06</td></tr>\n\
         <tr><td>Data aktualizacji:&nbsp;&nbsp;</td><td>{updated}</td></tr>\n\
         <tr><td>Typ jednostki:&nbsp;&nbsp;</td><td>gmina miejska</td></tr>\n\
         <tr><td>Miejscowość:&nbsp;&nbsp;</td><td>{town}</td></tr>\n\
         <tr><td>Powiat:&nbsp;&nbsp;</td><td>{county}</td></tr>\n\
         <tr><td>Województwo:&nbsp;&nbsp;</td><td>{voiv}</td></tr>\n\
         <tr><td>Kod pocztowy i Poczta:&nbsp;&nbsp;</td><td>00-{art:03} {town}</td></tr>\n\
         <tr><td>Jednostka wdrażająca:&nbsp;&nbsp;</td><td>Urząd Gminy {town}</td></tr>\n\
         <tr><td>Ulica:&nbsp;&nbsp;</td><td>Rynek {art}</td></tr>\n\
         <tr><td>Telefon:&nbsp;&nbsp;</td><td>77 541 {art:04}</td></tr>\n\
         <tr><td>Wirtyna internetowa:&nbsp;&nbsp;</td><td><a href=\"http://www.gmina{art}.example.pl\">www.gmina{art}.example.pl</a></td></tr>\n\
         <tr><td>Liczba mieszkańców:&nbsp;&nbsp;</td><td>{}</td></tr>\n\
         <tr><td>Osoby kontaktowe:&nbsp;&nbsp;</td><td>Osoba Testowa {art}<br>&nbsp;Kierownik referatu<br>&nbsp;e@mail: \
         <a href=\"mailto:osoba{art}@gmina.example.pl\">osoba{art}@gmina.example.pl</a></td></tr>\n</table>\n{}",
        head(art),
        nav(art, 1),
        1000 + art,
        nav(art, 1)
    );
    page(&title(art), &body)
}

pub fn presentation(art: u64) -> String {
    let body = format!(
        "{}{}<h3>Opis sytuacji przed wdrożeniem</h3>\n<p>Każda gmina organizowała dowóz osobno ({art}).</p>\n\
         <h3>Cele praktyki</h3>\n<p>Wspólny transport zbiorowy i niższe koszty.</p>\n\
         <h3>Rezultaty</h3>\n<p>Oszczędność 20% i lepsza punktualność.</p>\n{}",
        head(art),
        nav(art, 2),
        nav(art, 2)
    );
    page(&title(art), &body)
}

pub fn attachments(art: u64) -> String {
    let body = format!(
        "{}{}<p><a href=\"pliki/raport-{art}.pdf\">Raport końcowy</a> (PDF, 1,2 MB) – podsumowanie praktyki</p>\n\
         <p><a href=\"/pliki/umowa-{art}.doc\">Umowa partnerska</a> (DOC, 245 kB)</p>\n{}",
        head(art),
        nav(art, 3),
        nav(art, 3)
    );
    page(&title(art), &body)
}

/// The whole site for a server at `base` (`http://127.0.0.1:PORT/`);
/// `off_host` is another server's base, linked to but never to be visited.
pub fn site(base: &str, off_host: &str) -> Site {
    let mut pages = BTreeMap::new();
    let mut menu = String::from("<table id=\"menu\"><tr><td>\n<a href=\"index.php\">Strona główna</a><br>\n");
    for (s, name) in SECTIONS.iter().enumerate() {
        // Links in every style the site may use: relative, rooted, absolute, bare query.
        let href = match s % 4 {
            0 => format!("index.php?p1={}", p1(s)),
            1 => format!("/index.php?p1={}", p1(s)),
            2 => format!("{base}index.php?p1={}", p1(s)),
            _ => format!("?p1={}", p1(s)),
        };
        menu.push_str(&format!("<a href=\"{href}\">{name}</a><br>\n"));
    }
    menu.push_str("<a href=\"index.php?p1=9&amp;p2=1\">Mapa Praktyk</a><br>\n");
    menu.push_str(&format!("<a href=\"{off_host}index.php?p1=1\">Inne bazy danych</a><br>\n"));

    menu.push_str("<a href=\"mapa.php\">Mapa</a> <a href=\"mailto:bdp@example.pl\">Kontakt</a>\n</td></tr></table>\n");
    pages.insert("/index.php".into(), Resp::html(page("Strona główna", &format!("{menu}<p>Witamy.</p>"))));
    pages.insert("/index.php?p1=9&p2=1".into(), Resp::html(page("Mapa", "<p>Mapa praktyk</p>")));
    for (s, name) in SECTIONS.iter().enumerate() {
        let section_page = format!(
            "{menu}<div class=\"sciezka\">{name}</div>\n<p><a href=\"index.php?p1={}&amp;p2={P2}\">Praktyki</a></p>",
            p1(s)
        );
        pages.insert(format!("/index.php?p1={}", p1(s)), Resp::html(page(name, &section_page)));
        let arts: Vec<u64> = (0..PER_SECTION).map(|n| art(s, n)).collect();
        let listings: Vec<&[u64]> = arts.chunks(PER_LISTING).collect();
        for (i, chunk) in listings.iter().enumerate() {
            let mut body = format!("{menu}<div class=\"sciezka\">&nbsp;{name} : Praktyki</div>\n<ul>\n");
            for a in chunk.iter() {
                body.push_str(&format!(
                    "<li><a href=\"index.php?p1={}&amp;p2={P2}&amp;art={a}\">{}</a></li>\n",
                    p1(s),
                    title(*a)
                ));
            }
            body.push_str("</ul>\n");
            if i + 1 < listings.len() {
                body.push_str(&format!(
                    "<a href=\"index.php?p1={}&amp;p2={P2}&amp;str={}\">następna &raquo;</a>\n",
                    p1(s),
                    i + 2
                ));
            }
            let path = if i == 0 {
                format!("/index.php?p1={}&p2={P2}", p1(s))
            } else {
                format!("/index.php?p1={}&p2={P2}&str={}", p1(s), i + 1)
            };
            pages.insert(path, Resp::html(page(name, &body)));
        }
        for a in arts {
            pages.insert(view_path(a, 1), Resp::html(summary(a, "2016-11-29")));
            pages.insert(view_path(a, 2), Resp::html(presentation(a)));
            pages.insert(view_path(a, 3), Resp::html(attachments(a)));
        }
    }
    pages.insert(
        "/robots.txt".into(),
        Resp {
            status: 200,
            body: b"User-agent: *\nDisallow: /index.php?p1=9\n".to_vec(),
            content_type: "text/plain".into(),
            behaviour: Behaviour::Normal,
        },
    );
    Site { pages }
}

/// The site with the troubles a real one has: a practice without
/// Załączniki, one in windows-1250 without a charset, a page that fails
/// once, one that asks to retry later, and one too slow to wait for.
pub fn troubled_site(base: &str, off_host: &str) -> Site {
    let mut s = site(base, off_host);
    s.pages.remove(&view_path(101, 3));
    let cp1250 = summary(102, "2016-11-29").replace(&title(102), "Zażółć gęślą jaźń – Łódź");
    let (bytes, _, _) = encoding_rs::WINDOWS_1250.encode(&cp1250);
    s.pages.insert(
        view_path(102, 1),
        Resp { status: 200, body: bytes.into_owned(), content_type: "text/html".into(), behaviour: Behaviour::Normal },
    );
    s.pages.get_mut(&view_path(103, 2)).unwrap().behaviour = Behaviour::Fail(1);
    s.pages.get_mut(&view_path(104, 1)).unwrap().behaviour = Behaviour::TooMany(1);
    s.pages.get_mut(&view_path(105, 2)).unwrap().behaviour = Behaviour::Slow(Duration::from_secs(4));
    // A menu entry that redirects in a circle.
    let (loop_a, loop_b) = ("/index.php?p1=10", "/index.php?p1=10&p2=1");
    let redirect = |to: &str| Resp { behaviour: Behaviour::Redirect(to.into()), ..Resp::html(String::new()) };
    s.pages.insert(loop_a.into(), redirect(loop_b));
    s.pages.insert(loop_b.into(), redirect(loop_a));
    let home = s.pages.get_mut("/index.php").unwrap();
    let text = String::from_utf8(home.body.clone()).unwrap();
    home.body =
        text.replace("<p>Witamy.</p>", "<p><a href=\"index.php?p1=10\">Publikacje i dokumenty</a></p>").into_bytes();
    s
}

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Hit {
    pub url: String,
    pub status: u16,
    pub body_len: usize,
    pub user_agent: String,
    pub conditional: bool,
}

pub struct Server {
    pub base: String,
    http: Arc<tiny_http::Server>,
    site: Arc<Mutex<Site>>,
    hits: Arc<Mutex<Vec<Hit>>>,
    /// Paths asked for, as soon as they are asked (before any answer).
    arrivals: Arc<Mutex<Vec<String>>>,
    gate: Arc<AtomicBool>,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

fn etag(body: &[u8]) -> String {
    let h = body.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3));
    format!("\"{h:016x}\"")
}

const LAST_MODIFIED: &str = "Mon, 01 Jan 2024 00:00:00 GMT";

impl Server {
    /// Starts a server whose site is made from its own base URL.
    pub fn start(make: impl FnOnce(&str) -> Site) -> Server {
        let http = Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
        let port = http.server_addr().to_ip().unwrap().port();
        let base = format!("http://127.0.0.1:{port}/");
        let site = Arc::new(Mutex::new(make(&base)));
        let hits = Arc::new(Mutex::new(Vec::new()));
        let arrivals = Arc::new(Mutex::new(Vec::new()));
        let gate = Arc::new(AtomicBool::new(false));
        let stop = Arc::new(AtomicBool::new(false));
        let (s, h, a, g, st) = (site.clone(), hits.clone(), arrivals.clone(), gate.clone(), stop.clone());
        let listener = http.clone();
        let thread = std::thread::spawn(move || {
            // `recv` blocks until a request comes or `unblock` is called.
            while let Ok(req) = listener.recv() {
                if st.load(Ordering::SeqCst) {
                    break;
                }
                a.lock().unwrap().push(req.url().to_owned());
                let (s, h, g, st) = (s.clone(), h.clone(), g.clone(), st.clone());
                std::thread::spawn(move || answer(req, &s, &h, &g, &st));
            }
        });
        Server { base, http, site, hits, arrivals, gate, stop, thread: Some(thread) }
    }

    pub fn hits(&self) -> Vec<Hit> {
        self.hits.lock().unwrap().clone()
    }

    pub fn arrivals(&self) -> Vec<String> {
        self.arrivals.lock().unwrap().clone()
    }

    pub fn clear_hits(&self) {
        self.hits.lock().unwrap().clear();
    }

    pub fn edit(&self, f: impl FnOnce(&mut Site)) {
        f(&mut self.site.lock().unwrap());
    }

    pub fn site(&self) -> Site {
        self.site.lock().unwrap().clone()
    }

    /// Lets requests that hang go on.
    pub fn open_gate(&self) {
        self.gate.store(true, Ordering::SeqCst);
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.open_gate();
        self.stop.store(true, Ordering::SeqCst);
        self.http.unblock();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn answer(req: tiny_http::Request, site: &Mutex<Site>, hits: &Mutex<Vec<Hit>>, gate: &AtomicBool, stop: &AtomicBool) {
    let url = req.url().to_owned();
    let header = |name: &str| {
        req.headers()
            .iter()
            .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
            .map(|h| h.value.as_str().to_owned())
    };
    let user_agent = header("User-Agent").unwrap_or_default();
    let if_none_match = header("If-None-Match");
    let if_modified_since = header("If-Modified-Since");
    let conditional = if_none_match.is_some() || if_modified_since.is_some();
    // CDX and snapshots: answered from the same site by `wayback_pages`.
    let found = {
        let mut site = site.lock().unwrap();
        match site.pages.get_mut(&url) {
            Some(r) => {
                let before = r.behaviour.clone();
                match &mut r.behaviour {
                    Behaviour::Fail(n) | Behaviour::TooMany(n) if *n > 0 => *n -= 1,
                    _ => {}
                }
                Some((r.clone(), before))
            }
            None => None,
        }
    };
    let mut headers: Vec<tiny_http::Header> = Vec::new();
    let mut add = |k: &str, v: &str| headers.push(tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()).unwrap());
    let (status, body): (u16, Vec<u8>) = match found {
        None => (404, b"<html><body>Nie ma takiej strony</body></html>".to_vec()),
        Some((_, Behaviour::Fail(n))) if n > 0 => (500, b"error".to_vec()),
        Some((_, Behaviour::TooMany(n))) if n > 0 => {
            add("Retry-After", "1");
            (429, b"slow down".to_vec())
        }
        Some((_, Behaviour::Redirect(to))) => {
            add("Location", &to);
            (302, Vec::new())
        }
        Some((r, b)) => {
            match b {
                Behaviour::Slow(d) => std::thread::sleep(d),
                Behaviour::Hang => {
                    while !gate.load(Ordering::SeqCst) && !stop.load(Ordering::SeqCst) {
                        std::thread::sleep(Duration::from_millis(20));
                    }
                }
                _ => {}
            }
            let tag = etag(&r.body);
            let is_robots = url == "/robots.txt";
            add("Content-Type", &r.content_type);
            if is_robots {
                add("Last-Modified", LAST_MODIFIED);
            } else {
                add("ETag", &tag);
            }
            let fresh = if is_robots {
                if_modified_since.as_deref() == Some(LAST_MODIFIED)
            } else {
                if_none_match.as_deref() == Some(tag.as_str())
            };
            if fresh && r.status == 200 { (304, Vec::new()) } else { (r.status, r.body) }
        }
    };
    hits.lock().unwrap().push(Hit { url, status, body_len: body.len(), user_agent, conditional });
    let mut resp = tiny_http::Response::from_data(body).with_status_code(status);
    for h in headers {
        resp.add_header(h);
    }
    let _ = req.respond(resp);
}

/// The Wayback Machine's view of `live`: a CDX listing (two pages, through
/// a resume key) of captures of every page on `host`, older and newer ones,
/// and each capture as an `id_` snapshot under `/web/`.
pub fn wayback_pages(live: &Site, host: &str) -> Site {
    let mut out = Site::default();
    let header = r#"["urlkey","timestamp","original","mimetype","statuscode","digest","length"]"#;
    let mut rows = Vec::new();
    for (path, resp) in &live.pages {
        if !path.starts_with("/index.php") {
            continue;
        }
        let original = format!("http://{host}{path}");
        // An old capture with other text, and the latest one with the page as it is.
        for (ts, body) in [
            ("20120101000000", b"<html><body>stara wersja</body></html>".to_vec()),
            ("20180101000000", resp.body.clone()),
        ] {
            rows.push(format!(
                r#"["pl,dobrepraktyki)/index.php","{ts}","{original}","text/html","200","D{ts}","{}"]"#,
                body.len()
            ));
            out.pages.insert(
                format!("/web/{ts}id_/{original}"),
                Resp { status: 200, body, content_type: resp.content_type.clone(), behaviour: Behaviour::Normal },
            );
        }
    }
    let half = rows.len() / 2;
    let cdx = |host: &str, resume: Option<&str>| {
        let mut q = format!(
            "/cdx/search/cdx?url={host}%2Findex.php&matchType=prefix&output=json&filter=statuscode%3A200&collapse=digest&showResumeKey=true&limit=5000"
        );
        if let Some(k) = resume {
            q.push_str(&format!("&resumeKey={k}"));
        }
        q
    };
    let json = |rows: &[String], key: Option<&str>| {
        let mut all = vec![header.to_owned()];
        all.extend(rows.iter().cloned());
        if let Some(k) = key {
            all.push("[]".into());
            all.push(format!("[\"{k}\"]"));
        }
        format!("[{}]", all.join(",\n"))
    };
    let as_json = |body: String| Resp {
        status: 200,
        body: body.into_bytes(),
        content_type: "application/json".into(),
        behaviour: Behaviour::Normal,
    };
    out.pages.insert(cdx(host, None), as_json(json(&rows[..half], Some("k2"))));
    out.pages.insert(cdx(host, Some("k2")), as_json(json(&rows[half..], None)));
    // The older host has no captures at all.
    out.pages.insert(cdx("www.dobrepraktyki.pl", None), as_json("[]".into()));
    out
}
