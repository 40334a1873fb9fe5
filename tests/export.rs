//! `praktyki export`: CSV read back by another reader (Python's csv module)
//! equals the store's fields; a hostile store exports without escape bytes
//! or formula cells; Markdown renders through a CommonMark parser as text.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;
use std::process::Command as Process;

use predicates::prelude::*;
use tempfile::TempDir;

fn praktyki(data: &Path, store: &Path) -> assert_cmd::Command {
    let mut cmd = common::praktyki_cmd(data);
    cmd.arg("--store").arg(store);
    cmd
}

const FIXTURE: &str = "tests/fixtures/ranking-store.json";

/// Rows of a CSV file as Python's csv module reads them.
fn python_rows(path: &Path) -> Vec<Vec<String>> {
    let script = "import csv, json, sys\nwith open(sys.argv[1], newline='', encoding='utf-8') as f:\n    print(json.dumps(list(csv.reader(f))))";
    let out =
        Process::new("python3").args(["-c", script]).arg(path).output().expect("python3 (scripts/test installs it)");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn csv_read_back_by_python_equals_the_stores_fields() {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("all.csv");
    praktyki(dir.path(), Path::new(FIXTURE))
        .args(["export", "--format", "csv", "--fields", "id,title,town,voivodeship,area,summary", "--out"])
        .arg(&out)
        .assert()
        .success();
    let rows = python_rows(&out);
    assert_eq!(rows[0], ["id", "title", "town", "voivodeship", "area", "summary"]);
    let store: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(FIXTURE).unwrap()).unwrap();
    let practices = store["practices"].as_array().unwrap();
    assert_eq!(rows.len() - 1, practices.len(), "a row per practice");
    for row in &rows[1..] {
        let p = practices.iter().find(|p| p["id"] == row[0].as_str()).expect("an id of the store");
        let field = |k: &str| p[k].as_str().unwrap_or("").to_owned();
        assert_eq!(row[1..], [field("title"), field("town"), field("voivodeship"), field("area"), field("summary")]);
    }
}

#[test]
fn a_hostile_store_exports_without_escape_bytes_or_formulas() {
    let dir = TempDir::new().unwrap();
    let store = dir.path().join("hostile.json");
    std::fs::write(
        &store,
        r#"{"format": "praktyki/1", "practices": [
{"id": "h1", "title": "=cmd|' /C calc'!A0", "town": "@SUM(1+1)", "voivodeship": "-2+3",
 "summary": "\u001b]52;c;cHduZWQ=\u0007 \u001b[31mred",
 "contacts": [{"name": "+48 Jan", "email": "=x@y.pl", "phone": "\u001b[2J"}]}]}"#,
    )
    .unwrap();
    for args in
        [vec!["export", "h1"], vec!["export", "h1", "--contacts", "--fields", "id,title,town,voivodeship,summary"]]
    {
        let out = praktyki(dir.path(), &store).args(&args).assert().success().get_output().stdout.clone();
        assert!(!out.contains(&0x1b) && !out.contains(&0x07), "no escape bytes: {:?}", String::from_utf8_lossy(&out));
        let path = dir.path().join("h.csv");
        std::fs::write(&path, &out).unwrap();
        for row in &python_rows(&path)[1..] {
            for cell in row {
                assert!(!cell.starts_with(['=', '+', '-', '@']), "a formula cell: {cell:?}");
            }
        }
    }
    let md = praktyki(dir.path(), &store)
        .args(["export", "h1", "--format", "md"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(!md.contains(&0x1b));
}

#[test]
fn markdown_renders_as_a_dossier_with_data_as_text() {
    let dir = TempDir::new().unwrap();
    let store = dir.path().join("s.json");
    std::fs::write(
        &store,
        r##"{"format": "praktyki/1", "practices": [
{"id": "a", "title": "Szkoła <b>1</b> *nie* [link](http://x)", "town": "Opole", "voivodeship": "opolskie",
 "summary": "# Nie nagłówek\n\nDrugi akapit.", "source_url": "https://example.org/p/1",
 "contacts": [{"name": "Anna", "email": "anna@example.org"}]},
{"id": "b", "title": "Druga", "source_url": "javascript:alert(1)"}]}"##,
    )
    .unwrap();
    let out =
        praktyki(dir.path(), &store).args(["export", "--format", "md"]).assert().success().get_output().stdout.clone();
    let md = String::from_utf8(out).unwrap();
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(&md));
    assert_eq!(html.matches("<h2>").count(), 2, "a section per practice: {html}");
    assert!(html.contains("<h2>Szkoła &lt;b&gt;1&lt;/b&gt; *nie* [link](http://x)</h2>"), "the title as text: {html}");
    assert_eq!(html.matches("<h1>").count(), 1, "the summary's '#' is no heading: {html}");
    assert!(html.contains("<a href=\"https://example.org/p/1\">"), "the source is a link: {html}");
    assert!(!html.contains("javascript:alert(1)\""), "no link but http(s): {html}");
    assert!(html.contains("anna@example.org"));
}

#[test]
fn marked_exports_the_bookmarks_and_bad_options_are_refused() {
    let dir = TempDir::new().unwrap();
    std::fs::write(
        dir.path().join("bookmarks.json"),
        r#"{"bookmarks": [{"id": "nsol", "title": "Program Czysta Nowa Sól"}, {"id": "gone", "title": "Usunięta"}]}"#,
    )
    .unwrap();
    let out = dir.path().join("m.json");
    praktyki(dir.path(), Path::new(FIXTURE))
        .args(["export", "--marked", "--format", "json", "--out"])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicates::str::contains("gone").and(predicates::str::contains("Practices exported: 1 →")));
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(v["format"], "praktyki/1");
    assert_eq!(v["practices"][0]["id"], "nsol");
    // An export is a store: it validates.
    praktyki(dir.path(), &out).args(["validate"]).assert().success();
    praktyki(dir.path(), Path::new(FIXTURE)).args(["export", "--format", "md", "--fields", "id"]).assert().code(2);
    praktyki(dir.path(), Path::new(FIXTURE))
        .args(["export", "--fields", "id,mayor"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("'mayor'"));
}

#[test]
fn an_export_never_replaces_the_store_a_report_or_a_device() {
    let dir = TempDir::new().unwrap();
    let store = dir.path().join("s.json");
    std::fs::copy(FIXTURE, &store).unwrap();
    let before = std::fs::read(&store).unwrap();
    praktyki(dir.path(), &store)
        .args(["export", "senior", "--format", "json", "--out"])
        .arg(&store)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("a file praktyki reads"));
    assert_eq!(std::fs::read(&store).unwrap(), before, "the store is untouched");
    // Nor the config (a broken config would stop every later command).
    let config = dir.path().join("config-home/praktyki/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(&config, "# mine\n").unwrap();
    praktyki(dir.path(), &store).args(["export", "senior", "--out"]).arg(&config).assert().code(2);
    assert_eq!(std::fs::read_to_string(&config).unwrap(), "# mine\n");
    // A query that finds nothing (a typo) leaves a report as it was.
    let report = dir.path().join("raport.md");
    std::fs::write(&report, "MY REPORT").unwrap();
    praktyki(dir.path(), &store)
        .args(["export", "zzqqxx", "--format", "md", "--out"])
        .arg(&report)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("is left as it was"));
    assert_eq!(std::fs::read_to_string(&report).unwrap(), "MY REPORT");
    // A device is written to, not replaced by a file.
    praktyki(dir.path(), &store).args(["export", "senior", "--out", "/dev/null"]).assert().success();
    assert!(!std::fs::metadata("/dev/null").unwrap().is_file());
}

#[test]
fn an_id_exports_that_practice_alone_and_excel_gets_a_bom_and_semicolons() {
    let dir = TempDir::new().unwrap();
    let out = praktyki(dir.path(), Path::new(FIXTURE))
        .args(["export", "nsol"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), 2, "a header and nsol alone, no scattered letters: {text}");
    let out = praktyki(dir.path(), Path::new(FIXTURE))
        .args(["export", "nsol", "--excel", "--format", "CSV"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(out.starts_with(b"\xEF\xBB\xBFid;title;"), "{}", String::from_utf8_lossy(&out));
}
