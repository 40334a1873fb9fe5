//! `praktyki sync` and `praktyki import DIR` against a local copy of the
//! archive served on 127.0.0.1 (see `site.rs`): nothing here reaches the
//! internet.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod site;

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use praktyki::store::{LoadOptions, Practice};
use serde_json::Value;
use site::{Behaviour, Server, view_path};

fn praktyki(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("praktyki").unwrap();
    cmd.env_remove("PRAKTYKI_STORE")
        .env_remove("PRAKTYKI_CONFIG")
        .env("PRAKTYKI_DATA", home.join("data"))
        .env("PRAKTYKI_CACHE", home.join("cache"))
        .env("XDG_CONFIG_HOME", home.join("config-home"))
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("http_proxy")
        .env_remove("HTTP_PROXY")
        .env_remove("ALL_PROXY");
    cmd
}

/// Runs `praktyki sync --from FROM --into STORE --rate 0 ARGS`.
fn sync(home: &Path, from: &str, store: &Path, args: &[&str]) -> Output {
    praktyki(home)
        .args(["sync", "--from", from, "--rate", "0", "--into"])
        .arg(store)
        .args(args)
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap()
}

/// [`sync`] that must succeed with exit 0.
fn synced(home: &Path, from: &str, store: &Path, args: &[&str]) -> Output {
    let out = sync(home, from, store, args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    out
}

/// Starts a sync in the background and returns once it has asked for the
/// page at `path` (which the server holds back); its stderr is piped.
fn sync_until(server: &Server, home: &Path, store: &Path, path: &str) -> std::process::Child {
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("praktyki"))
        .args(["sync", "--rate", "0", "--from", &server.base, "--into"])
        .arg(store)
        .env("PRAKTYKI_CACHE", home.join("cache"))
        .env("PRAKTYKI_DATA", home.join("data"))
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while !server.arrivals().iter().any(|a| a == path) {
        assert!(started.elapsed().as_secs() < 60, "the sync never reached {path}");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn practices(store: &Path) -> Vec<Practice> {
    let text = std::fs::read_to_string(store).unwrap();
    let s = praktyki::store::parse_str(&text, "s.json", LoadOptions::default()).unwrap();
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    (0..s.practices.len()).map(|i| s.read_full(i).unwrap().into_owned()).collect()
}

fn by_id<'a>(ps: &'a [Practice], id: &str) -> &'a Practice {
    ps.iter().find(|p| p.id == id).unwrap_or_else(|| panic!("no {id}"))
}

const ARCHIVE: &str = "https://archiwum.dobrepraktyki.pl/";

/// Every field of one practice as the site shows it.
fn assert_practice_fields(p: &Practice) {
    assert_eq!(p.id, "bdp-110");
    assert_eq!(p.title, site::title(110));
    // 110 is the fourth practice of the second section.
    assert_eq!(p.area.as_deref(), Some("Usługi techniczne"));
    assert!(p.summary.starts_with("Gminy wokół miasta Opole wspólnie prowadzą dowóz uczniów"), "{}", p.summary);
    assert_eq!(p.entered.as_deref(), Some("2014-12-06"));
    assert_eq!(p.updated.as_deref(), Some("2016-11-29"));
    assert_eq!(p.unit_type.as_deref(), Some("gmina miejska"));
    assert_eq!(
        (p.town.as_deref(), p.county.as_deref(), p.voivodeship.as_deref()),
        (Some("Opole"), Some("Opole"), Some("opolskie"))
    );
    assert_eq!((p.postal_code.as_deref(), p.post_office.as_deref()), (Some("00-110"), Some("Opole")));
    assert_eq!(p.implementing_unit.as_deref(), Some("Urząd Gminy Opole"));
    assert_eq!(p.street.as_deref(), Some("Rynek 110"));
    assert_eq!(p.phone.as_deref(), Some("77 541 0110"));
    assert_eq!(p.website.as_deref(), Some("www.gmina110.example.pl"));
    assert_eq!(p.population, Some(1110));
    assert_eq!(p.contacts.len(), 1);
    assert_eq!(p.contacts[0].name, "Osoba Testowa 110");
    assert_eq!(p.contacts[0].role.as_deref(), Some("Kierownik referatu"));
    assert_eq!(p.contacts[0].email.as_deref(), Some("osoba110@gmina.example.pl"));
    let headings: Vec<&str> = p.presentation.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(headings, ["Opis sytuacji przed wdrożeniem", "Cele praktyki", "Rezultaty"]);
    assert_eq!(p.presentation[0].body, "Każda gmina organizowała dowóz osobno (110).");
    assert_eq!(p.attachments.len(), 2, "{:?}", p.attachments);
    let a = &p.attachments[0];
    assert_eq!(a.name, "Raport końcowy");
    assert_eq!(a.url.as_deref(), Some(format!("{ARCHIVE}pliki/raport-110.pdf").as_str()), "resolved against the page");
    assert_eq!((a.format.as_deref(), a.size_bytes), (Some("pdf"), Some(1_258_291)));
    assert_eq!(a.description.as_deref(), Some("podsumowanie praktyki"));
    assert_eq!(p.attachments[1].url.as_deref(), Some(format!("{ARCHIVE}pliki/umowa-110.doc").as_str()));
    assert_eq!(p.source_url.as_deref(), Some(format!("{ARCHIVE}index.php?p1=2&p2=20&art=110").as_str()));
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    let json = serde_json::to_string(p).unwrap();
    for chrome in ["1.756.768", "gości", "Norwegię", "Strona główna", "Mapa"] {
        assert!(!json.contains(chrome), "site chrome '{chrome}' in {json}");
    }
}

#[test]
fn a_full_sync_fills_the_store_and_reports_what_failed() {
    let off_host = Server::start(|_| site::Site::default());
    let off_base = off_host.base.clone();
    let server = Server::start(|base| site::troubled_site(base, &off_base));
    let home = tempfile::tempdir().unwrap();
    let store = home.path().join("store.json");
    let out = sync(home.path(), &server.base, &store, &["--timeout", "1", "--retries", "1"]);
    let err = stderr(&out);
    // Some pages failed, the store was written: exit 1.
    assert_eq!(out.status.code(), Some(1), "{err}");
    let ps = practices(&store);
    assert_eq!(ps.len(), 56, "{err}");
    let ids: Vec<&str> = ps.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids[..3], ["bdp-100", "bdp-101", "bdp-102"], "in article order");
    assert_practice_fields(by_id(&ps, "bdp-110"));
    // No Załączniki: recorded in the practice, not fatal, not a failure.
    assert_eq!(by_id(&ps, "bdp-101").problems, ["no 'Załączniki' view: not found at the source"]);
    assert!(!by_id(&ps, "bdp-101").presentation.is_empty());
    // windows-1250 without a charset anywhere: detected.
    assert_eq!(by_id(&ps, "bdp-102").title, "Zażółć gęślą jaźń – Łódź");
    assert_eq!(by_id(&ps, "bdp-102").town.as_deref(), Some("Opole"));
    // 500 once, 429 once: retried and had.
    assert_eq!(by_id(&ps, "bdp-103").presentation.len(), 3);
    assert_eq!(by_id(&ps, "bdp-104").title, site::title(104));
    // Too slow: reported, in the practice too, and the rest went on.
    let p105 = by_id(&ps, "bdp-105");
    assert!(p105.presentation.is_empty() && !p105.attachments.is_empty());
    assert!(p105.problems.len() == 1 && p105.problems[0].contains("timed out"), "{:?}", p105.problems);
    assert!(err.contains("page(s) failed"), "{err}");
    assert!(err.contains(&format!("{}: timed out", server.base.clone() + &view_path(105, 2)[1..])), "{err}");
    assert!(err.contains("redirect loop"), "{err}");
    // Never off the host, never where robots.txt says no, always as itself.
    assert!(off_host.hits().is_empty(), "{:?}", off_host.hits());
    let hits = server.hits();
    assert!(hits.iter().all(|h| !h.url.starts_with("/index.php?p1=9")), "robots.txt disobeyed");
    assert!(hits.iter().all(|h| h.user_agent.starts_with("praktyki/")), "{:?}", hits[0].user_agent);
    assert_eq!(hits[0].url, "/robots.txt");
    assert!(hits.iter().all(|h| h.url != "/mapa.php"), "only index.php pages are followed");
    // The views were asked for once each (retries aside).
    let asked = |p: &str| hits.iter().filter(|h| h.url == p).count();
    assert_eq!((asked(&view_path(110, 1)), asked(&view_path(103, 2)), asked(&view_path(104, 1))), (1, 2, 2));
    assert!(err.contains("56 practice(s): 56 new, 0 updated, 0 unchanged"), "{err}");
}

#[test]
fn a_second_sync_downloads_nothing_and_a_third_sees_changes_and_removals() {
    let server = Server::start(|base| site::site(base, "http://127.0.0.1:9/"));
    let home = tempfile::tempdir().unwrap();
    let store = home.path().join("store.json");
    // The user's own practice stays through every sync.
    std::fs::write(&store, r#"{"format": "praktyki/1", "practices": [{"id": "moja", "title": "Moja praktyka"}]}"#)
        .unwrap();
    let out = sync(home.path(), &server.base, &store, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(practices(&store).len(), 57);
    let written = std::fs::read(&store).unwrap();

    server.clear_hits();
    let out = sync(home.path(), &server.base, &store, &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let hits = server.hits();
    assert!(!hits.is_empty());
    let bodies: Vec<&site::Hit> = hits.iter().filter(|h| h.body_len > 0).collect();
    assert!(bodies.is_empty(), "page bodies downloaded again: {bodies:?}");
    assert!(hits.iter().all(|h| h.status == 304 && h.conditional), "{hits:?}");
    assert!(err.contains("0 new, 0 updated, 56 unchanged"), "{err}");
    assert!(err.contains("not rewritten"), "{err}");
    assert_eq!(std::fs::read(&store).unwrap(), written);

    // A practice changes, another one leaves the site.
    server.edit(|s| {
        s.pages.insert(
            view_path(110, 1),
            site::Resp { body: site::summary(110, "2020-01-01").into_bytes(), ..s.pages[&view_path(110, 1)].clone() },
        );
        for v in 1..=3 {
            s.pages.remove(&view_path(111, v));
        }
        let link = format!("<li><a href=\"index.php?p1=2&amp;p2=20&amp;art=111\">{}</a></li>\n", site::title(111));
        for r in s.pages.values_mut() {
            r.body = String::from_utf8_lossy(&r.body).replace(&link, "").into_bytes();
        }
    });
    let out = sync(home.path(), &server.base, &store, &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("0 new, 1 updated, 54 unchanged"), "{err}");
    assert!(err.contains("updated: bdp-110"), "{err}");
    assert!(
        err.contains("1 practice(s) of the archive are no longer at the source (kept; --prune removes them)"),
        "{err}"
    );
    let ps = practices(&store);
    assert_eq!(by_id(&ps, "bdp-110").updated.as_deref(), Some("2020-01-01"));
    assert!(ps.iter().any(|p| p.id == "bdp-111"), "not deleted without --prune");
    assert!(ps.iter().any(|p| p.id == "moja"));

    let out = sync(home.path(), &server.base, &store, &["--prune", "--dry-run"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "removed\tbdp-111\n");
    assert!(practices(&store).iter().any(|p| p.id == "bdp-111"), "a dry run writes nothing");
    let out = sync(home.path(), &server.base, &store, &["--prune"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let ps = practices(&store);
    assert!(!ps.iter().any(|p| p.id == "bdp-111") && ps.iter().any(|p| p.id == "moja"));
    assert_eq!(ps.len(), 56);

    // --refresh fetches every page again.
    server.clear_hits();
    let out = sync(home.path(), &server.base, &store, &["--refresh"]);
    assert_eq!(out.status.code(), Some(0));
    let hits = server.hits();
    assert!(hits.iter().all(|h| h.status == 200 && !h.conditional), "{hits:?}");
}

#[test]
fn an_interrupted_sync_resumes_without_fetching_done_pages_again() {
    let server = Server::start(|base| {
        let mut s = site::site(base, "http://127.0.0.1:9/");
        s.pages.get_mut(&view_path(130, 2)).unwrap().behaviour = Behaviour::Hang;
        s
    });
    let home = tempfile::tempdir().unwrap();
    let store = home.path().join("store.json");
    let hung = view_path(130, 2);
    let mut child = sync_until(&server, home.path(), &store, &hung);
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(!store.exists(), "killed before the end: no store yet");
    let first: Vec<String> = server.hits().iter().filter(|h| h.status == 200).map(|h| h.url.clone()).collect();
    assert!(first.len() > 50, "{}", first.len());
    server.edit(|s| s.pages.get_mut(&hung).unwrap().behaviour = Behaviour::Normal);
    server.clear_hits();
    let out = sync(home.path(), &server.base, &store, &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("resumed an interrupted sync"), "{err}");
    let again: Vec<String> = server.hits().iter().map(|h| h.url.clone()).filter(|u| first.contains(u)).collect();
    assert!(again.is_empty(), "fetched again after resuming: {again:?}");
    assert!(server.hits().iter().any(|h| h.url == hung));
    assert_eq!(practices(&store).len(), 56);
}

#[test]
fn the_wayback_machine_gives_the_same_store_as_the_live_site() {
    let live = Server::start(|base| site::site(base, "http://127.0.0.1:9/"));
    let home = tempfile::tempdir().unwrap();
    let from_live = home.path().join("live.json");
    synced(home.path(), &live.base, &from_live, &[]);

    let pages = site::wayback_pages(&live.site(), "archiwum.dobrepraktyki.pl");
    let wayback = Server::start(|_| {
        let mut p = pages;
        // The newest capture of one view is an error page: the one before it is used.
        let original = format!("http://archiwum.dobrepraktyki.pl{}", view_path(120, 1));
        let broken = format!("/web/20220101000000id_/{original}");
        p.pages.insert(
            broken,
            site::Resp {
                status: 200,
                body: b"<html><body>Blad bazy danych</body></html>".to_vec(),
                content_type: "text/html".into(),
                behaviour: Behaviour::Normal,
            },
        );
        let key = p.pages.keys().find(|k| k.starts_with("/cdx/") && k.contains("resumeKey")).unwrap().clone();
        let cdx = p.pages.get_mut(&key).unwrap();
        let text = String::from_utf8(cdx.body.clone()).unwrap();
        let row = format!(r#"["x","20220101000000","{original}","text/html","200","DX","10"]"#);
        cdx.body = text.replacen(",\n", &format!(",\n{row},\n"), 1).into_bytes();
        p
    });
    let from_wayback = home.path().join("wayback.json");
    let out = sync(home.path(), "wayback", &from_wayback, &["--wayback-url", &wayback.base]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert_eq!(std::fs::read_to_string(&from_wayback).unwrap(), std::fs::read_to_string(&from_live).unwrap(), "{err}");
    assert!(
        wayback.hits().iter().all(|h| h.status == 200),
        "{:?}",
        wayback.hits().iter().filter(|h| h.status != 200).collect::<Vec<_>>()
    );

    // Captures never change: the next sync asks only for the lists.
    wayback.clear_hits();
    let out = sync(home.path(), "wayback", &from_wayback, &["--wayback-url", &wayback.base]);
    assert_eq!(out.status.code(), Some(0));
    assert!(wayback.hits().iter().all(|h| h.url.starts_with("/cdx/")), "{:?}", wayback.hits());
}

/// The site as `wget -m` saves it: `host:port/index.php?…` files, and
/// Windows-style `@` names for some.
fn save_mirror(site: &site::Site, dir: &Path, host: &str) -> PathBuf {
    let root = dir.join(host);
    for (i, (path, resp)) in site.pages.iter().enumerate() {
        if resp.status != 200 || matches!(resp.behaviour, Behaviour::Redirect(_)) {
            continue;
        }
        let name = path.trim_start_matches('/');
        let name = if i % 3 == 0 { format!("{}.html", name.replace('?', "@")) } else { name.to_owned() };
        std::fs::write(root.join(&name).tap_parent(), &resp.body).unwrap();
    }
    std::fs::write(root.join("style.css").tap_parent(), "body{}").unwrap();
    dir.to_path_buf()
}

trait TapParent {
    fn tap_parent(self) -> Self;
}

impl TapParent for PathBuf {
    fn tap_parent(self) -> Self {
        std::fs::create_dir_all(self.parent().unwrap()).unwrap();
        self
    }
}

#[test]
fn importing_a_saved_mirror_gives_the_same_store_as_a_sync() {
    let server = Server::start(|base| {
        let mut s = site::site(base, "http://127.0.0.1:9/");
        s.pages.remove(&view_path(101, 3));
        s
    });
    let home = tempfile::tempdir().unwrap();
    let from_sync = home.path().join("synced.json");
    synced(home.path(), &server.base, &from_sync, &[]);
    let mirror = save_mirror(&server.site(), &home.path().join("mirror"), "127.0.0.1:8080");
    let imported = home.path().join("imported.json");
    let out = praktyki(home.path()).args(["import"]).arg(&mirror).arg("--into").arg(&imported).output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("56 practice(s) from 167 page(s)"), "{err}");
    assert_eq!(std::fs::read_to_string(&imported).unwrap(), std::fs::read_to_string(&from_sync).unwrap());
    let ps = practices(&imported);
    assert_eq!(by_id(&ps, "bdp-101").problems, ["no 'Załączniki' view: not found at the source"]);
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&imported).unwrap()).unwrap();
    assert_eq!(v["practices"].as_array().unwrap().len(), 56);
}

#[test]
fn a_source_that_is_not_there_is_exit_2_and_writes_nothing() {
    let home = tempfile::tempdir().unwrap();
    let store = home.path().join("store.json");
    // A port nothing listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let out = sync(home.path(), &format!("http://127.0.0.1:{port}/"), &store, &["--retries", "0", "--timeout", "2"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("nothing was fetched"), "{}", stderr(&out));
    assert!(!store.exists());
    for bad in [
        &["--from", "ftp://x/"][..],
        &["--from", "wayback", "--rate", "-1"],
        &["--from", "http://h/", "--wayback-url", "http://w/"],
    ] {
        let out = praktyki(home.path()).arg("sync").args(bad).arg("--into").arg(&store).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad:?}: {}", stderr(&out));
    }
}

#[test]
fn two_writers_at_once_lose_nothing() {
    // Before the lock, two imports at once lost a practice in about half
    // the rounds while both said it "was added".
    let home = tempfile::tempdir().unwrap();
    let seed = std::fs::read_to_string("tests/fixtures/practice-page-aglomeracja-opolska.txt").unwrap();
    let pages: Vec<PathBuf> = (0..2)
        .map(|i| {
            let path = home.path().join(format!("page{i}.txt"));
            std::fs::write(&path, seed.replace("Aglomeracja opolska\n", &format!("Praktyka równoległa {i}\n")))
                .unwrap();
            path
        })
        .collect();
    let exe = assert_cmd::cargo::cargo_bin("praktyki");
    for round in 0..8 {
        let store = home.path().join(format!("store{round}.json"));
        let children: Vec<_> = pages
            .iter()
            .map(|page| {
                std::process::Command::new(&exe)
                    .args(["import"])
                    .arg(page)
                    .arg("--into")
                    .arg(&store)
                    .env("PRAKTYKI_CACHE", home.path().join("cache"))
                    .stderr(std::process::Stdio::null())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for mut c in children {
            assert!(c.wait().unwrap().success());
        }
        let ids: Vec<String> = practices(&store).into_iter().map(|p| p.id).collect();
        assert_eq!(ids.len(), 2, "round {round}: {ids:?}");
        let leftovers: Vec<_> = std::fs::read_dir(home.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
}

#[test]
fn ctrl_c_stops_after_the_page_and_says_what_was_kept() {
    let server = Server::start(|base| {
        let mut s = site::site(base, "http://127.0.0.1:9/");
        s.pages.get_mut(&view_path(120, 1)).unwrap().behaviour = Behaviour::Hang;
        s
    });
    let home = tempfile::tempdir().unwrap();
    let store = home.path().join("store.json");
    let hung = view_path(120, 1);
    let child = sync_until(&server, home.path(), &store, &hung);
    let kill = std::process::Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(kill.success());
    std::thread::sleep(std::time::Duration::from_millis(200));
    server.open_gate();
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(130), "{err}");
    assert!(err.contains("interrupted after") && err.contains("run the same command again"), "{err}");
    assert!(!store.exists());
    // The page in flight was finished and kept, not asked for again.
    server.clear_hits();
    synced(home.path(), &server.base, &store, &[]);
    assert!(!server.hits().iter().any(|h| h.url == hung), "the page being fetched at ctrl-c was fetched again");
}

#[test]
fn a_store_that_cannot_be_written_is_said_before_anything_is_fetched() {
    let server = Server::start(|base| site::site(base, "http://127.0.0.1:9/"));
    let home = tempfile::tempdir().unwrap();
    let broken = home.path().join("broken.json");
    std::fs::write(&broken, "{\"format\": \"praktyki/1\", \"practices\": [").unwrap();
    for into in [home.path().to_path_buf(), broken] {
        let out = sync(home.path(), &server.base, &into, &[]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(server.hits().is_empty(), "{:?}: fetched before finding the store unwritable", into);
    }
    let out = sync(home.path(), &server.base, home.path(), &[]);
    assert!(stderr(&out).contains("is a folder; give the store's file name"), "{}", stderr(&out));
}

#[test]
fn a_view_that_fails_keeps_the_stored_copy_and_blocks_pruning() {
    // Before: a 503 on one view made the re-sync replace the practice with
    // its views emptied, and --prune went ahead and removed others.
    let server = Server::start(|base| site::site(base, "http://127.0.0.1:9/"));
    let home = tempfile::tempdir().unwrap();
    let store = home.path().join("store.json");
    synced(home.path(), &server.base, &store, &[]);
    let before = by_id(&practices(&store), "bdp-101").clone();
    assert_eq!(before.presentation.len(), 3);
    server.edit(|s| {
        s.pages.get_mut(&view_path(101, 2)).unwrap().behaviour = Behaviour::Fail(1_000);
        let link = format!("<li><a href=\"index.php?p1=2&amp;p2=20&amp;art=111\">{}</a></li>\n", site::title(111));
        for r in s.pages.values_mut() {
            r.body = String::from_utf8_lossy(&r.body).replace(&link, "").into_bytes();
        }
    });
    let out = sync(home.path(), &server.base, &store, &["--prune", "--retries", "0"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let ps = practices(&store);
    let after = by_id(&ps, "bdp-101");
    assert_eq!(after.presentation, before.presentation, "the stored view was kept");
    assert_eq!(after.problems.len(), 1, "{:?}", after.problems);
    assert!(
        after.problems[0].contains("could not be fetched (HTTP 500")
            && after.problems[0].contains("earlier copy is kept")
    );
    assert!(ps.iter().any(|p| p.id == "bdp-111"), "nothing is pruned after a failure: {err}");
    assert!(err.contains("kept: the site was not read whole"), "{err}");
}

#[test]
fn a_stray_byte_in_a_utf8_page_does_not_cost_its_fields() {
    let server = Server::start(|base| {
        let mut s = site::site(base, "http://127.0.0.1:9/");
        let page = s.pages.get_mut(&view_path(101, 1)).unwrap();
        let at = page.body.len() / 2;
        page.body.insert(at, 0xff);
        s
    });
    let home = tempfile::tempdir().unwrap();
    let store = home.path().join("store.json");
    synced(home.path(), &server.base, &store, &[]);
    let p = by_id(&practices(&store), "bdp-101").clone();
    assert_eq!(p.voivodeship.as_deref(), Some("wielkopolskie"), "{p:?}");
    assert_eq!(p.implementing_unit.as_deref(), Some("Urząd Gminy Śrem"));
    assert_eq!(p.title, site::title(101));
}

#[test]
#[cfg(unix)]
fn a_mirror_with_folder_links_is_read_once_not_forever() {
    // Links between folders made the tree endless (10^12 paths); a link to a
    // saved page is still read.
    let server = Server::start(|base| site::site(base, "http://127.0.0.1:9/"));
    let home = tempfile::tempdir().unwrap();
    let mirror = home.path().join("mirror");
    let page = server.site().pages[&view_path(100, 1)].body.clone();
    std::fs::create_dir_all(mirror.join("d0")).unwrap();
    std::fs::create_dir_all(home.path().join("elsewhere")).unwrap();
    let real = home.path().join("elsewhere/index.php?p1=1&p2=20&art=100");
    std::fs::write(&real, page).unwrap();
    std::os::unix::fs::symlink(&real, mirror.join("d0/index.php?p1=1&p2=20&art=100")).unwrap();
    for i in 0..10 {
        std::os::unix::fs::symlink("..", mirror.join(format!("d0/up{i}"))).unwrap();
    }
    let out = praktyki(home.path())
        .args(["import"])
        .arg(&mirror)
        .arg("--into")
        .arg(home.path().join("m.json"))
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("1 practice(s) from 1 page(s)"), "{err}");
}

#[test]
fn a_robots_txt_the_server_refuses_means_no_rules() {
    // RFC 9309: a 4xx for robots.txt (403 here, not only 404) allows all.
    let server = Server::start(|base| {
        let mut s = site::site(base, "http://127.0.0.1:9/");
        s.pages.get_mut("/robots.txt").unwrap().status = 403;
        s
    });
    let home = tempfile::tempdir().unwrap();
    let store = home.path().join("store.json");
    synced(home.path(), &server.base, &store, &[]);
    assert_eq!(practices(&store).len(), 56);
}
