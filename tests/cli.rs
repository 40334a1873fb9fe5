//! The command-line lookups and their exit statuses, run as a user runs them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

const SEED_TXT: &str = "tests/fixtures/practice-page-aglomeracja-opolska.txt";

fn praktyki(data: &Path) -> Command {
    common::praktyki_cmd(data)
}

fn store_with(dir: &TempDir, name: &str, practices: &str) -> std::path::PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, format!("{{\"format\": \"praktyki/1\", \"practices\": [\n{practices}\n]}}\n")).unwrap();
    path
}

const SMALL: &str = r#"{"id": "lodz-1", "title": "Łódzki Obszar Metropolitalny", "town": "Łódź", "voivodeship": "łódzkie"},
{"id": "zyw-1", "title": "Związek Gmin Żywiecczyzny", "town": "Żywiec", "county": "żywiecki", "voivodeship": "śląskie"},
{"id": "opo-1", "title": "Aglomeracja Opolska", "town": "Opole", "voivodeship": "opolskie",
 "contacts": [{"name": "Jan Testowy", "role": "Kierownik; biura, główny", "email": "jan@example.org", "phone": "77 000 00 00"}],
 "implementing_unit": "Biuro Testowe", "street": "ul. Testowa 1", "postal_code": "45-001", "post_office": "Opole", "website": "www.example.org"}"#;

#[test]
fn search_on_embedded_store() {
    let data = TempDir::new().unwrap();
    praktyki(data.path())
        .args(["search", "opole"])
        .assert()
        .success()
        .stdout("aglomeracja-opolska\tAglomeracja opolska\tOpole\topolskie\n");
    praktyki(data.path()).args(["search", "zzzzqqq"]).assert().code(1).stdout("");
}

#[test]
fn search_folds_diacritics_and_decomposed_input() {
    let dir = TempDir::new().unwrap();
    let store = store_with(&dir, "s.json", SMALL);
    for (q, id) in
        [("lodz", "lodz-1"), ("zywiec", "zyw-1"), ("slask", "zyw-1"), ("ŁÓDŹ", "lodz-1"), ("Z\u{307}ywiec", "zyw-1")]
    {
        praktyki(dir.path())
            .arg("--store")
            .arg(&store)
            .args(["search", q, "--limit", "1"])
            .assert()
            .success()
            .stdout(predicate::str::starts_with(format!("{id}\t")));
    }
    let out = praktyki(dir.path()).arg("--store").arg(&store).args(["search", "o", "--json"]).output().unwrap();
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(hits.as_array().unwrap().len() >= 2);
    assert!(hits[0]["id"].is_string() && hits[0]["score"].is_i64());
}

#[test]
fn show_by_id_and_by_query() {
    let data = TempDir::new().unwrap();
    praktyki(data.path())
        .args(["show", "aglomeracja-opolska", "--view", "summary"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Aglomeracja opolska\nid: aglomeracja-opolska · Współpraca między JST"))
        .stdout(predicate::str::contains("Postal code: 41-301 Opole"))
        .stdout(predicate::str::contains("Population: unknown"))
        .stdout(predicate::str::contains("Krzysztof Początek, Dyrektor Biura Stowarzyszenia"))
        .stdout(predicate::str::contains("Full presentation").not());
    let out = praktyki(data.path()).args(["show", "aglo opol", "--json"]).output().unwrap();
    assert!(out.status.success());
    let p: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(p["id"], "aglomeracja-opolska");
    assert_eq!(p["population"], serde_json::Value::Null);
    praktyki(data.path())
        .env("LANG", "pl_PL.UTF-8")
        .args(["show", "aglomeracja-opolska", "--view", "attachments"])
        .assert()
        .success()
        .stdout(predicate::str::contains("== Załączniki ==\nBrak załączników."));
    praktyki(data.path()).args(["show", "nic-takiego-qqq"]).assert().code(1);
}

#[test]
fn contacts_text_json_and_vcard() {
    let data = TempDir::new().unwrap();
    praktyki(data.path())
        .args(["contacts", "aglomeracja"])
        .assert()
        .success()
        .stdout(predicate::str::contains("  Krzysztof Początek\n    Role: Dyrektor Biura Stowarzyszenia\n    e-mail: krzysztof.poczatek@ao.opole.pl\n"))
        .stdout(predicate::str::contains("    Website: www.aglomeracja-opolska.pl"));
    let out = praktyki(data.path()).args(["contacts", "aglomeracja", "--json"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["contacts"][0]["email"], "krzysztof.poczatek@ao.opole.pl");
    assert_eq!(v[0]["office"]["street"], "Horoszkiewicza 6");
    praktyki(data.path()).args(["contacts", "qqqzzz"]).assert().code(1);
}

#[test]
fn vcard_is_accepted_by_a_parser() {
    let dir = TempDir::new().unwrap();
    let store = store_with(&dir, "s.json", SMALL);
    let out = praktyki(dir.path()).arg("--store").arg(&store).args(["contacts", "opo-1", "--vcard"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("\r\n") && !text.replace("\r\n", "").contains('\n'));
    let cards: Vec<_> =
        ical::VcardParser::new(std::io::BufReader::new(text.as_bytes())).collect::<Result<_, _>>().unwrap();
    assert_eq!(cards.len(), 2, "one person, one office");
    let prop = |card: &ical::parser::vcard::component::VcardContact, name: &str| {
        card.properties.iter().find(|p| p.name == name).and_then(|p| p.value.clone())
    };
    assert_eq!(prop(&cards[0], "VERSION").as_deref(), Some("4.0"));
    assert_eq!(prop(&cards[0], "FN").as_deref(), Some("Jan Testowy"));
    assert_eq!(prop(&cards[0], "N").as_deref(), Some("Testowy;Jan;;;"));
    assert_eq!(prop(&cards[0], "EMAIL").as_deref(), Some("jan@example.org"));
    assert_eq!(prop(&cards[0], "TITLE").as_deref(), Some("Kierownik\\; biura\\, główny"));
    assert_eq!(prop(&cards[0], "URL").as_deref(), Some("http://www.example.org"));
    assert_eq!(prop(&cards[1], "KIND").as_deref(), Some("org"));
    assert_eq!(prop(&cards[1], "FN").as_deref(), Some("Biuro Testowe"));
}

#[test]
fn broken_json_names_file_line_and_column() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("broken.json");
    std::fs::write(&path, "{\"format\": \"praktyki/1\",\n \"practices\": [\n  {\"id\": \"a\",, \"title\": \"A\"}]}")
        .unwrap();
    for args in [vec!["search", "a"], vec!["validate"]] {
        praktyki(dir.path())
            .arg("--store")
            .arg(&path)
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!("{}:3:14: invalid JSON", path.display())));
    }
    praktyki(dir.path())
        .args(["validate", "/nonexistent/store.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/nonexistent/store.json: cannot read"));
}

#[test]
fn schema_errors_are_skipped_and_counted() {
    let dir = TempDir::new().unwrap();
    let bad = format!(
        "{SMALL},\n{{\"title\": \"no id\"}},\n{{\"id\": \"opo-1\", \"title\": \"dup\"}},\n{{\"id\": \"x\", \"title\": 5}}"
    );
    let store = store_with(&dir, "bad.json", &bad);
    praktyki(dir.path())
        .arg("--store")
        .arg(&store)
        .args(["search", "opole"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("opo-1\t"))
        .stderr(predicate::str::contains("3 practice(s) skipped"));
    praktyki(dir.path())
        .arg("--store")
        .arg(&store)
        .args(["--strict", "search", "opole"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("3 practice(s) break the schema and --strict is set"));
    praktyki(dir.path())
        .args(["validate"])
        .arg(&store)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(":7:1: error: practice #3: missing field `id`"))
        .stdout(predicate::str::contains(
            "error: practice #4 (id 'opo-1'), field 'id': duplicate id (first used by practice #2)",
        ))
        .stdout(predicate::str::contains("error: practice #5 (id 'x'), field 'title': invalid type: integer `5`"))
        .stdout(predicate::str::contains("3 practice(s) loaded, 3 skipped, 3 error(s), 0 warning(s)"));
}

#[test]
fn validate_embedded_store_warns_about_the_seed_postal_code() {
    let data = TempDir::new().unwrap();
    praktyki(data.path())
        .args(["validate", "data/practices.json"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "data/practices.json:17:22: warning: practice #0 (id 'aglomeracja-opolska'), field 'postal_code': postal code '41-301' lies in district 41 (śląskie), not in opolskie",
        ))
        .stdout(predicate::str::contains("1 practice(s) loaded, 0 skipped, 0 error(s), 1 warning(s)"));
}

#[test]
fn import_writes_atomically_and_never_overwrites_silently() {
    let dir = TempDir::new().unwrap();
    let target = dir.path().join("sub/store.json");
    praktyki(dir.path())
        .args(["import", SEED_TXT, "--into"])
        .arg(&target)
        .assert()
        .success()
        .stderr(predicate::str::contains("practice 'aglomeracja-opolska' was added"));
    let first = std::fs::read_to_string(&target).unwrap();
    assert_eq!(first, std::fs::read_to_string("data/practices.json").unwrap());

    // Same id again: left alone without --replace.
    let mut edited = first.replace("Horoszkiewicza 6", "Edited street");
    std::fs::write(&target, &edited).unwrap();
    praktyki(dir.path())
        .args(["import", SEED_TXT, "--into"])
        .arg(&target)
        .assert()
        .success()
        .stderr(predicate::str::contains("already in the store and was left as it is"));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), edited);

    // --replace: replaced, and what changed is reported, field by field.
    praktyki(dir.path()).args(["import", SEED_TXT, "--replace", "--into"]).arg(&target).assert().success().stderr(
        predicate::str::contains("was replaced; what changed:")
            .and(predicate::str::contains("  street: Edited street → Horoszkiewicza 6")),
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), first);

    // Other practices, even ones this version cannot read, are carried over untouched.
    edited = first.replace(
        "\"practices\": [",
        "\"practices\": [\n    {\"id\": \"keep\", \"title\": \"Kept\", \"future_field\": [1, 2]},",
    );
    std::fs::write(&target, &edited).unwrap();
    praktyki(dir.path()).args(["import", SEED_TXT, "--replace", "--into"]).arg(&target).assert().success();
    let after: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&target).unwrap()).unwrap();
    assert_eq!(after["practices"][0]["future_field"], serde_json::json!([1, 2]));
    let leftovers: Vec<_> =
        std::fs::read_dir(dir.path().join("sub")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers, ["store.json"], "no temporary files left behind");
}

#[test]
fn import_dry_run_writes_nothing() {
    let dir = TempDir::new().unwrap();
    let target = dir.path().join("store.json");
    praktyki(dir.path())
        .args(["import", SEED_TXT, "--dry-run", "--into"])
        .arg(&target)
        .assert()
        .success()
        .stdout(predicate::str::contains("\"id\": \"aglomeracja-opolska\""))
        .stderr(predicate::str::contains("left out 24 lines of site menu"))
        .stderr(predicate::str::contains("would be added"));
    assert!(!target.exists());
}

#[test]
fn import_default_target_is_the_data_directory_store() {
    let data = TempDir::new().unwrap();
    praktyki(data.path()).args(["import", SEED_TXT]).assert().success();
    assert!(data.path().join("practices.json").is_file());
    praktyki(data.path())
        .arg("paths")
        .assert()
        .success()
        .stdout(predicate::str::contains("practices.json (practices.json in the data directory)"));
}

#[test]
fn import_of_a_bad_page_writes_nothing() {
    let dir = TempDir::new().unwrap();
    let junk = dir.path().join("junk.txt");
    std::fs::write(&junk, "nothing here").unwrap();
    let target = dir.path().join("store.json");
    praktyki(dir.path())
        .args(["import", SEED_TXT])
        .arg(&junk)
        .arg("--into")
        .arg(&target)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("junk.txt: no practice title found"));
    assert!(!target.exists());
}

#[test]
fn import_refuses_to_touch_a_broken_store() {
    let dir = TempDir::new().unwrap();
    let target = dir.path().join("store.json");
    std::fs::write(&target, "{ broken").unwrap();
    praktyki(dir.path()).args(["import", SEED_TXT, "--into"]).arg(&target).assert().code(2);
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "{ broken");
}

#[test]
fn paths_explain_the_choice() {
    let data = TempDir::new().unwrap();
    praktyki(data.path())
        .arg("paths")
        .assert()
        .success()
        .stdout(predicate::str::contains("store:       <embedded store> (embedded default store"))
        .stdout(predicate::str::contains(format!("data dir:    {} (from $PRAKTYKI_DATA)", data.path().display())))
        .stdout(predicate::str::contains(format!(
            "cache dir:   {} (from $PRAKTYKI_CACHE) (start-up cache of store files)",
            data.path().join("cache").display()
        )));
    praktyki(data.path())
        .arg("--no-cache")
        .arg("paths")
        .assert()
        .success()
        .stdout(predicate::str::contains("cache dir:   none (--no-cache)"));
    praktyki(data.path())
        .env("PRAKTYKI_STORE", "/tmp/elsewhere.json")
        .arg("paths")
        .assert()
        .stdout(predicate::str::contains("store:       /tmp/elsewhere.json (from $PRAKTYKI_STORE)"));
}

#[test]
fn output_never_carries_control_characters_from_data() {
    let dir = TempDir::new().unwrap();
    let hostile = r#"{"id": "h", "title": "Evil\u001b]0;pwned\u0007\u001b[2J title", "town": "Opole\u009b31m",
      "contacts": [{"name": "X\u001b]52;c;Y2xpcA==\u0007", "email": "a@b.pl\u202e"}], "summary": "a\u001b[Hb"}"#;
    let store = store_with(&dir, "h.json", hostile);
    for args in [
        vec!["search", "evil"],
        vec!["show", "h"],
        vec!["show", "h", "--json"],
        vec!["contacts", "h"],
        vec!["contacts", "h", "--vcard"],
        vec!["validate"],
    ] {
        let out = praktyki(dir.path()).arg("--store").arg(&store).args(&args).output().unwrap();
        for stream in [&out.stdout, &out.stderr] {
            let text = String::from_utf8_lossy(stream);
            assert!(
                !text.chars().any(|c| (c.is_control() && c != '\n' && c != '\r' && c != '\t') || c == '\u{202e}'),
                "{args:?}: {text:?}"
            );
        }
    }
}

#[test]
fn config_errors_stop_with_file_line_and_key() {
    let dir = TempDir::new().unwrap();
    let cfg = dir.path().join("config.toml");
    std::fs::write(&cfg, "language = \"pl\"\ntheme = \"neon\"\n").unwrap();
    praktyki(dir.path())
        .env("PRAKTYKI_CONFIG", &cfg)
        .args(["search", "opole"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("{}:2:9: unknown variant `neon`", cfg.display())));
    // Defaults, completions and the manual still work with a broken config.
    praktyki(dir.path()).env("PRAKTYKI_CONFIG", &cfg).args(["config", "--default"]).assert().success();
    // --config wins over $PRAKTYKI_CONFIG; a named file that is missing is an error.
    praktyki(dir.path())
        .env("PRAKTYKI_CONFIG", &cfg)
        .args(["--config", "/nonexistent/c.toml", "paths"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/nonexistent/c.toml: cannot read"));
}

#[test]
fn config_store_and_language_apply() {
    let dir = TempDir::new().unwrap();
    let store = store_with(&dir, "s.json", SMALL);
    let cfg = dir.path().join("config.toml");
    std::fs::write(&cfg, format!("store = {:?}\nlanguage = \"pl\"\n", store.display().to_string())).unwrap();
    praktyki(dir.path())
        .arg("--config")
        .arg(&cfg)
        .arg("paths")
        .assert()
        .success()
        // The config's language: paths speaks it too.
        .stdout(predicate::str::contains(format!("{} (z pliku ustawień)", store.display())))
        .stdout(predicate::str::contains("baza:"))
        .stdout(predicate::str::contains(format!("{} (z wiersza poleceń; istnieje)", cfg.display())));
    praktyki(dir.path())
        .arg("--config")
        .arg(&cfg)
        .args(["show", "opo-1", "--view", "summary"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Jednostka wdrażająca: Biuro Testowe"));
    // --store still wins over the config.
    praktyki(dir.path())
        .arg("--config")
        .arg(&cfg)
        .args(["--store", "data/practices.json", "search", "opole"])
        .assert()
        .stdout(predicate::str::starts_with("aglomeracja-opolska\t"));
}

#[test]
fn default_config_and_keys_print() {
    let data = TempDir::new().unwrap();
    praktyki(data.path())
        .args(["config", "--default"])
        .assert()
        .success()
        .stdout(predicate::str::contains("language = \"auto\""))
        .stdout(predicate::str::contains("[keys.list]"));
    praktyki(data.path()).arg("keys").assert().success().stdout(predicate::str::contains("\"ctrl-c\" = \"quit\""));
}

#[test]
fn completions_load_in_a_real_bash() {
    let data = TempDir::new().unwrap();
    let out = praktyki(data.path()).args(["completions", "bash"]).output().unwrap();
    assert!(out.status.success());
    let script = data.path().join("praktyki.bash");
    std::fs::write(&script, &out.stdout).unwrap();
    // Load it, then ask bash to complete "praktyki se": the function must offer "search".
    let probe = format!(
        "source {}; COMP_WORDS=(praktyki se); COMP_CWORD=1; COMP_LINE='praktyki se'; COMP_POINT=11; _praktyki praktyki se praktyki; echo \"${{COMPREPLY[@]}}\"; complete -p praktyki",
        script.display()
    );
    let bash = std::process::Command::new("bash").args(["--norc", "--noprofile", "-c", &probe]).output().unwrap();
    let text = String::from_utf8_lossy(&bash.stdout);
    assert!(bash.status.success(), "{}", String::from_utf8_lossy(&bash.stderr));
    assert!(text.contains("search"), "{text}");
    assert!(text.contains("-F _praktyki praktyki"), "{text}");
    for shell in ["zsh", "fish"] {
        praktyki(data.path())
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains("praktyki"));
    }
}

#[test]
fn man_page_renders_with_man() {
    let data = TempDir::new().unwrap();
    let out = praktyki(data.path()).arg("man").output().unwrap();
    assert!(out.status.success());
    let page = data.path().join("praktyki.1");
    std::fs::write(&page, &out.stdout).unwrap();
    let man = std::process::Command::new("man")
        .args(["-l", "-P", "cat"])
        .arg(&page)
        .env("MANWIDTH", "80")
        .output()
        .expect("man must be installed to check the manual page (apt-get install man-db)");
    let text = String::from_utf8_lossy(&man.stdout);
    assert!(man.status.success(), "{}", String::from_utf8_lossy(&man.stderr));
    // A real manual: every section a reader looks for, every command with
    // its arguments, the browser's keys and the search syntax.
    for needle in [
        "NAME",
        "SYNOPSIS",
        "DESCRIPTION",
        "GLOBAL OPTIONS",
        "COMMANDS",
        "BROWSER KEYS",
        "SEARCH SYNTAX",
        "ENVIRONMENT",
        "FILES",
        "EXIT STATUS",
        "EXAMPLES",
        "--store",
        "PRAKTYKI_STORE",
        "NO_COLOR",
        "Contact card",
        "copy the first contact e-mail",
        "rok:2010-2014",
    ] {
        assert!(text.contains(needle), "{needle} missing from:\n{text}");
    }
    // One key a line, no blank line between them.
    let lines: Vec<&str> = text.lines().collect();
    let down = lines.iter().position(|l| l.trim_start().starts_with("j  ↓")).expect("j in the key list");
    assert!(lines[down + 1].trim_start().starts_with("k  ↑"), "{:?}", &lines[down..down + 2]);
    // Keys stand apart from what they do.
    for (keys, what) in [("G  End", "last"), ("ctrl-d", "half page down"), ("Enter  l  →", "details")] {
        let line = text.lines().find(|l| l.trim_start().starts_with(keys)).unwrap_or_default();
        let gap = line.trim_start()[keys.len()..].find(what).unwrap_or(0);
        assert!(gap >= 2, "{keys} runs into its description: {line:?}");
    }
    for sub in
        ["search", "show", "contacts", "map", "related", "export", "validate", "import", "sync", "paths", "bookmarks"]
    {
        assert!(text.contains(&format!("praktyki {sub} ")), "the {sub} command missing from:\n{text}");
    }
    // No page it names is missing: it names none but itself.
    assert!(!text.contains("praktyki-"), "a reference to a page that does not exist:\n{text}");
    assert!(!String::from_utf8_lossy(&man.stderr).contains("warning"), "{}", String::from_utf8_lossy(&man.stderr));
}

#[test]
fn bookmarks_list_marks_missing_practices() {
    let dir = TempDir::new().unwrap();
    praktyki(dir.path()).arg("bookmarks").assert().code(1).stdout("");
    std::fs::write(
        dir.path().join("bookmarks.json"),
        r#"{"format": "praktyki-bookmarks/1", "bookmarks": [
            {"id": "aglomeracja-opolska", "title": "Aglomeracja opolska"},
            {"id": "gone", "title": "Usunięta praktyka"}]}"#,
    )
    .unwrap();
    praktyki(dir.path())
        .arg("bookmarks")
        .assert()
        .success()
        .stdout("aglomeracja-opolska\tAglomeracja opolska\ngone\tUsunięta praktyka\tmissing from this store\n");
    std::fs::write(dir.path().join("bookmarks.json"), "{broken").unwrap();
    praktyki(dir.path()).arg("bookmarks").assert().code(2).stderr(predicate::str::contains("bookmarks.json:1:"));
}

#[test]
fn synthetic_stores_are_valid_deterministic_and_marked() {
    let dir = TempDir::new().unwrap();
    let (a, b, lines) = (dir.path().join("a.json"), dir.path().join("b.json"), dir.path().join("a.lines"));
    for (out, extra) in [(&a, vec!["--lines", lines.to_str().unwrap()]), (&b, vec![])] {
        praktyki(dir.path())
            .args(["synthetic", "--count", "30", "--seed", "9", "--out"])
            .arg(out)
            .args(extra)
            .assert()
            .success();
    }
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap(), "same seed, same store");
    praktyki(dir.path())
        .arg("validate")
        .arg(&a)
        .assert()
        .success()
        .stdout(predicate::str::contains("30 practice(s) loaded, 0 skipped, 0 error(s), 0 warning(s)"));
    let store: serde_json::Value = serde_json::from_slice(&std::fs::read(&a).unwrap()).unwrap();
    for p in store["practices"].as_array().unwrap() {
        assert!(p["id"].as_str().unwrap().starts_with("synthetic-"));
        assert!(p["area"].as_str().unwrap().contains("syntetyczne"));
    }
    let text = std::fs::read_to_string(&lines).unwrap();
    assert_eq!(text.lines().count(), 30);
    assert!(text.lines().all(|l| l.split('\t').count() >= 5), "title, town, county, voivodeship, office");
}

#[test]
fn large_stores_are_read_from_the_cache_with_the_same_answers() {
    let dir = TempDir::new().unwrap();
    let store = dir.path().join("big.json");
    praktyki(dir.path()).args(["synthetic", "--count", "900", "--seed", "3", "--out"]).arg(&store).assert().success();
    let cache_dir = dir.path().join("cache");
    let run = |args: &[&str], no_cache: bool| {
        let mut cmd = praktyki(dir.path());
        cmd.arg("--store").arg(&store).args(args);
        if no_cache {
            cmd.arg("--no-cache");
        }
        let out = cmd.output().unwrap();
        (out.status.code(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
    };
    let plain = run(&["search", "lodz"], true);
    assert!(!cache_dir.exists(), "--no-cache writes nothing");
    assert_eq!(plain.0, Some(0));
    let first = run(&["search", "lodz"], false);
    let cache_files: Vec<_> = std::fs::read_dir(&cache_dir).unwrap().flatten().map(|e| e.path()).collect();
    assert_eq!(cache_files.len(), 1, "{cache_files:?}");
    let id = plain.1.lines().next().unwrap().split('\t').next().unwrap().to_owned();
    // A search of names wrote the cache without the texts' index; a lookup
    // of an id needs none either (indexing every text to find one id was
    // 13 s at 50,000 practices); a lookup that needs it adds it, once.
    let names_only = std::fs::metadata(&cache_files[0]).unwrap().len();
    let by_id = run(&["show", &id], false);
    assert_eq!(by_id.0, Some(0));
    assert_eq!(std::fs::metadata(&cache_files[0]).unwrap().len(), names_only, "no texts' index for an id");
    run(&["contacts", &id], false);
    assert_eq!(std::fs::metadata(&cache_files[0]).unwrap().len(), names_only, "nor for its contacts");
    run(&["show", "lodz", "--first"], false);
    assert!(std::fs::metadata(&cache_files[0]).unwrap().len() > names_only, "the texts' index added");
    let written = std::fs::metadata(&cache_files[0]).unwrap().modified().unwrap();
    for args in
        [vec!["search", "lodz"], vec!["search", "woj:slaskie", "gmin"], vec!["show", &id], vec!["contacts", &id]]
    {
        assert_eq!(run(&args, false), run(&args, true), "{args:?}");
    }
    assert_eq!(first, plain);
    assert_eq!(std::fs::metadata(&cache_files[0]).unwrap().modified().unwrap(), written, "read, not written again");
    // A changed store is seen at once.
    let text = std::fs::read_to_string(&store).unwrap().replacen(&id, "zmieniony-1", 1);
    std::fs::write(&store, text).unwrap();
    // `search` reads only the names part of the cache, and sees the change.
    let (code, out, _) = run(&["search", "lodz"], false);
    assert_eq!(code, Some(0));
    assert!(out.starts_with("zmieniony-1\t"), "{out}");
    let (code, out, _) = run(&["show", "zmieniony-1", "--json"], false);
    assert_eq!(code, Some(0));
    assert!(out.contains("\"id\": \"zmieniony-1\""), "{out}");
}

#[test]
fn a_store_can_come_through_a_pipe() {
    // As in `praktyki --store <(zcat practices.json.gz) search ...`: a pipe cannot seek.
    let dir = TempDir::new().unwrap();
    praktyki(dir.path())
        .args(["--store", "/dev/stdin", "search", "zywiec"])
        .write_stdin(format!("{{\"format\": \"praktyki/1\", \"practices\": [\n{SMALL}\n]}}\n"))
        .assert()
        .success()
        .stdout(predicate::str::starts_with("zyw-1\t"));
}

/// Bytes that would drive a terminal: ESC, any other C0 but tab, LF and CR,
/// the C1 controls and the bidi overrides (UTF-8 encoded).
fn drives_the_terminal(bytes: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(bytes);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let bad = match c {
            '\n' | '\t' => false,
            '\r' => chars.peek() != Some(&'\n'),
            c => c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'),
        };
        if bad {
            return Some(format!("{:?} in {text:?}", c));
        }
    }
    None
}

#[test]
fn every_message_kind_with_a_hostile_value_is_terminal_safe() {
    let dir = TempDir::new().unwrap();
    let esc = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{202E}";
    let json_esc = "\\u001b]0;pwned\\u0007\\u001b[2J\\u009b31m\\u202e";
    // Unknown fields, top-level and nested, and a practice with an extra key.
    let unknown = store_with(
        &dir,
        "unknown.json",
        &format!(r#"{{"id": "a", "title": "A", "{json_esc}": 1, "contacts": [{{"name": "n", "{json_esc}x": 2}}]}}"#),
    );
    let format = dir.path().join("format.json");
    std::fs::write(&format, format!(r#"{{"format": "{json_esc}", "practices": []}}"#)).unwrap();
    // A page whose unknown metadata label arrives as HTML entities.
    let page = dir.path().join("page.html");
    let seed = std::fs::read_to_string("tests/fixtures/practice-page-aglomeracja-opolska.html").unwrap();
    let hostile_row = "<tr><td>Pole&#27;]0;x&#7;&#155;:&nbsp;</td><td>w&#27;[2Jartość&#8238;</td></tr>";
    std::fs::write(&page, seed.replace("<tr><td>Ulica", &format!("{hostile_row}<tr><td>Ulica"))).unwrap();
    // An old version whose raw text carries C1 and bidi (JSON leaves them as they are).
    let replace_into = store_with(
        &dir,
        "replace.json",
        &format!(r#"{{"id": "aglomeracja-opolska", "title": "Old{esc}"}}"#)
            .replace('\u{1b}', "\\u001b")
            .replace('\u{7}', "\\u0007"),
    );
    let config = dir.path().join("config.toml");
    std::fs::write(&config, format!("[keys.list]\n\"{json_esc}\" = \"quit\"\n")).unwrap();
    let missing_path = dir.path().join(format!("missing{esc}.json"));
    let runs: Vec<(&str, Vec<std::ffi::OsString>)> = vec![
        ("validate unknown fields", vec!["validate".into(), unknown.clone().into()]),
        ("--strict extra keys", vec!["--strict".into(), "--store".into(), unknown.into(), "search".into(), "a".into()]),
        ("format in validate", vec!["validate".into(), format.clone().into()]),
        ("format in a lookup", vec!["--store".into(), format.into(), "search".into(), "x".into()]),
        (
            "import notes",
            vec![
                "import".into(),
                page.clone().into(),
                "--dry-run".into(),
                "--into".into(),
                dir.path().join("n.json").into(),
            ],
        ),
        (
            "import --replace",
            vec!["import".into(), SEED_TXT.into(), "--replace".into(), "--into".into(), replace_into.into()],
        ),
        ("a file name", vec!["import".into(), missing_path.clone().into()]),
        ("a store path", vec!["--store".into(), missing_path.into(), "search".into(), "x".into()]),
        ("the query", vec!["show".into(), esc.into()]),
        ("config errors", vec!["--config".into(), config.into(), "search".into(), "x".into()]),
    ];
    for (what, args) in runs {
        let out = praktyki(dir.path()).args(&args).output().unwrap();
        let all = [out.stdout.as_slice(), out.stderr.as_slice()].concat();
        assert!(!all.is_empty(), "{what}: said nothing");
        if let Some(bad) = drives_the_terminal(&all) {
            panic!("{what}: {bad}");
        }
    }
    // The words are still there, shown, not obeyed.
    let out = praktyki(dir.path()).args(["show", esc]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("␛]0;pwned␇"), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_huge_synthetic_count_is_a_clear_error() {
    // usize::MAX panicked with a capacity overflow; big counts aborted on allocation.
    let dir = TempDir::new().unwrap();
    for count in ["18446744073709551615", "10000001"] {
        praktyki(dir.path())
            .args(["synthetic", "--count", count])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("at most 10000000 practices"));
    }
}

/// Runs praktyki with `args` under `ulimit -f BLOCKS` (files of at most
/// that many 1 KiB blocks), its data and cache in `dir`.
fn under_file_limit(blocks: u32, args: &str, dir: &Path) -> std::process::Output {
    let exe = assert_cmd::cargo::cargo_bin("praktyki");
    std::process::Command::new("bash")
        .arg("-c")
        .arg(format!("ulimit -f {blocks}; exec '{}' {args}", exe.display()))
        .env("PRAKTYKI_DATA", dir)
        .env("PRAKTYKI_CACHE", dir.join("cache"))
        .output()
        .unwrap()
}

#[test]
fn a_file_size_limit_is_an_error_not_a_kill() {
    // Under `ulimit -f` a write past the limit got SIGXFSZ: the process died
    // with no message and left its temporary file.
    let dir = TempDir::new().unwrap();
    let out_file = dir.path().join("big.json");
    let out = under_file_limit(16, &format!("synthetic --count 2000 --out '{}'", out_file.display()), dir.path());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("File too large"), "{err}");
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn devices_and_fifos_are_refused_not_read_forever() {
    // --store /dev/zero grew to 4 GB in 6 s; a FIFO config or bookmarks
    // file blocked forever on open.
    let dir = TempDir::new().unwrap();
    let fifo = |name: &str| {
        let p = dir.path().join(name);
        assert!(std::process::Command::new("mkfifo").arg(&p).status().unwrap().success());
        p
    };
    let timeout = std::time::Duration::from_secs(20);
    praktyki(dir.path())
        .args(["--store", "/dev/zero", "search", "x"])
        .timeout(timeout)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/dev/zero: cannot read: a device, not a file"));
    praktyki(dir.path())
        .args(["import", "/dev/zero"])
        .timeout(timeout)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("a device"));
    praktyki(dir.path())
        .args(["import", SEED_TXT, "--into", "/dev/zero"])
        .timeout(timeout)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("a device"));
    let config = fifo("config.toml");
    praktyki(dir.path())
        .arg("--config")
        .arg(&config)
        .args(["search", "x"])
        .timeout(timeout)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("a pipe (FIFO), not a file"));
    let _ = fifo("bookmarks.json");
    praktyki(dir.path())
        .arg("bookmarks")
        .timeout(timeout)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("a pipe (FIFO)"));
}

#[test]
fn a_very_long_query_is_cut_and_said() {
    let dir = TempDir::new().unwrap();
    let store = store_with(&dir, "s.json", SMALL);
    let wall = "lodz ".repeat(20_000);
    praktyki(dir.path())
        .arg("--store")
        .arg(&store)
        .args(["search", &wall])
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .success()
        .stdout(predicate::str::contains("lodz-1"))
        .stderr(predicate::str::contains("Only the first 16 words"));
}

#[test]
fn an_import_that_cannot_write_never_says_it_added() {
    // On a full disk import said "was added" and then "cannot write".
    let dir = TempDir::new().unwrap();
    let target = dir.path().join("store.json");
    let out = under_file_limit(1, &format!("import '{SEED_TXT}' --into '{}'", target.display()), dir.path());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("cannot write") && !err.contains("was added"), "{err}");
    assert!(!target.exists());
}

#[test]
#[cfg(unix)]
fn importing_into_a_link_writes_its_target_and_keeps_the_link() {
    let dir = TempDir::new().unwrap();
    std::fs::create_dir(dir.path().join("real")).unwrap();
    let target = dir.path().join("real/store.json");
    std::fs::write(&target, r#"{"format": "praktyki/1", "practices": []}"#).unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink("real/store.json", &link).unwrap();
    praktyki(dir.path()).args(["import", SEED_TXT, "--into"]).arg(&link).assert().success();
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "still a link");
    assert!(std::fs::read_to_string(&target).unwrap().contains("aglomeracja-opolska"));
}

#[test]
fn completions_into_a_closed_pipe_end_quietly() {
    // clap_complete panicked (exit 101) when the pipe closed under it.
    let dir = TempDir::new().unwrap();
    let exe = assert_cmd::cargo::cargo_bin("praktyki");
    for shell in ["bash", "zsh", "fish"] {
        let out = std::process::Command::new("bash")
            .arg("-c")
            .arg(format!("'{}' completions {shell} | true; echo \"status=${{PIPESTATUS[0]}}\"", exe.display()))
            .env("PRAKTYKI_DATA", dir.path())
            .output()
            .unwrap();
        let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(stdout.contains("status=0") && !stderr.contains("panicked"), "{shell}: {stdout} {stderr}");
    }
}

#[test]
fn unicode_line_separators_are_line_breaks() {
    // U+2028 in a title came out raw: the browser's layout slipped and
    // line-based tools split search lines there.
    let dir = TempDir::new().unwrap();
    let store = store_with(&dir, "s.json", r#"{"id": "a", "title": "Gmina A\u2028B", "town": "X\u2029Y"}"#);
    let out = praktyki(dir.path()).arg("--store").arg(&store).args(["search", "gmina"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text, "a\tGmina A B\tX Y\t\n");
}

const TOPICS: &str = r#"{"id": "gda-1", "title": "Obszar Metropolitalny", "town": "Gdańsk", "voivodeship": "pomorskie", "area": "Współpraca między JST", "entered": "2012-03-01",
 "summary": "Wspólna gospodarka odpadami gmin metropolii.", "contacts": [{"name": "Ewa Gdańska", "email": "ewa@example.org"}]},
{"id": "gdy-1", "title": "Port i miasto", "town": "Gdynia", "voivodeship": "pomorskie", "area": "Usługi techniczne", "entered": "2015-03-01",
 "presentation": [{"heading": "Rezultaty", "body": "Dowóz uczniów do szkół gminnych."}], "contacts": [{"name": "Adam Gdyński", "email": "adam@example.org"}]},
{"id": "sk-1", "title": "Skarżyskie Gminy Dla Nauki Sportu", "town": "Skarżysko-Kamienna", "voivodeship": "świętokrzyskie",
 "contacts": [{"name": "Olga Skarżyska", "email": "olga@example.org"}]}"#;

#[test]
fn search_forgives_typos_finds_topics_and_says_what_it_did() {
    let data = TempDir::new().unwrap();
    let store = store_with(&data, "s.json", TOPICS);
    let run = |args: &[&str]| praktyki(data.path()).arg("--store").arg(&store).args(args).assert();
    run(&["search", "gdnask"])
        .success()
        .stdout(predicate::str::starts_with("gda-1\t"))
        .stderr(predicate::str::contains("Showing matches for: gdnask → gdansk"));
    // Texts only with --text (or tekst:), in any form of the word.
    run(&["search", "odpadow"]).code(1).stdout("");
    run(&["search", "--text", "odpadów"]).success().stdout(predicate::str::starts_with("gda-1\t"));
    run(&["search", "tekst:uczniowie"]).success().stdout(predicate::str::starts_with("gdy-1\t"));
    run(&["search", "--text", "--json", "dowozu"]).success().stdout(predicate::str::contains("\"match\": \"text\""));
    run(&["search", "dział:techniczne"]).success().stdout(predicate::str::starts_with("gdy-1\t"));
    run(&["search", "rok:2010-2013"]).success().stdout(predicate::str::starts_with("gda-1\t"));
    run(&["search", "gdansk", "rok:2015"]).code(1).stderr(predicate::str::contains("Nothing left after rok:2015"));
    run(&["search", "foo:bar", "gdańsk"])
        .success()
        .stdout(predicate::str::starts_with("gda-1\t"))
        .stderr(predicate::str::contains("Unknown filter, left out: foo:"));
    run(&["search", "rok:abc", "gdańsk"]).success().stderr(predicate::str::contains("left out: rok:abc"));
    run(&["search", "woj:pomorskie", "woj:slaskie", "gdynia"]).success().stdout(predicate::str::starts_with("gdy-1\t"));
    run(&["search", "GDY-1"]).success().stdout(predicate::str::starts_with("gdy-1\t"));
}

#[test]
fn show_and_contacts_refuse_weak_matches_unless_told() {
    let data = TempDir::new().unwrap();
    let store = store_with(&data, "s.json", TOPICS);
    let run = |args: &[&str]| praktyki(data.path()).arg("--store").arg(&store).args(args).assert();
    // A typo is a weak answer: said, and nothing printed, unless --first.
    run(&["contacts", "gdnask"]).code(1).stdout("").stderr(
        predicate::str::contains("nothing matches well: 'gdnask'")
            .and(predicate::str::contains("(weak matches, a typo)"))
            .and(predicate::str::contains("--first")),
    );
    run(&["contacts", "--first", "gdnask"]).success().stdout(predicate::str::contains("ewa@example.org"));
    run(&["show", "--first", "gdnask"]).success().stdout(predicate::str::starts_with("Obszar Metropolitalny"));
    // Letters scattered over a name are weaker still.
    run(&["show", "gdnk"]).code(1).stdout("");
    // Several good matches: the best is shown, and the rest are mentioned.
    run(&["show", "gdańsk"]).success().stderr("");
    run(&["show", "pomorskie"])
        .success()
        .stderr(predicate::str::contains("best of 2 matches, 2 equally good; see `praktyki search --text pomorskie`"));
    run(&["contacts", "--limit", "1", "pomorskie"])
        .success()
        .stdout(predicate::str::contains("@example.org").count(1))
        .stderr(predicate::str::contains("best of 2 matches"));
    run(&["contacts", "pomorskie"]).success().stdout(predicate::str::contains("@example.org").count(2));
    // Nothing asked for is a usage error, not "nothing found".
    run(&["contacts", "--limit", "0", "pomorskie"])
        .code(2)
        .stderr(predicate::str::contains("give a whole number, 1 or more").and(predicate::str::contains("1844").not()));
    run(&["search", "-n", "x", "pomorskie"]).code(2).stderr(predicate::str::contains("1 or more"));
    // A whole number of 1 or more, only too large: said so.
    run(&["search", "-n", "99999999999999999999999", "pomorskie"])
        .code(2)
        .stderr(predicate::str::contains("a number too large").and(predicate::str::contains("1 or more").not()));
    for n in ["0", "abc", "1001", "99999999999999999999999"] {
        run(&["related", "-n", n, "pomorskie"]).code(2).stderr(predicate::str::contains("from 1 to 1000"));
    }
    praktyki(data.path())
        .env("LANG", "pl_PL.UTF-8")
        .args(["search", "--limit", "0", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("podaj liczbę całkowitą, 1 lub więcej"));
    run(&["show", "woj:"]).code(2).stderr(predicate::str::contains("show needs an id or a query"));
    // Contacts too: an empty query or empty filters would take every practice.
    for q in ["", "  ", "woj:", "woj: miasto:"] {
        run(&["contacts", q]).code(2).stdout("").stderr(predicate::str::contains("contacts needs an id or a query"));
    }
    run(&["related", "woj:"]).code(2).stderr(predicate::str::contains("related needs an id or a query"));
    // A filter left out is said: it is why there is no query.
    run(&["contacts", "rok:abc"])
        .code(2)
        .stderr(predicate::str::contains("rok:abc").and(predicate::str::contains("contacts needs an id or a query")));
    // Only the good matches: "gdansk" is Gdańsk, not Gdynia's letters scattered.
    run(&["contacts", "gdansk"]).success().stdout(predicate::str::contains("@example.org").count(1));
    // In Polish, all of it.
    praktyki(data.path())
        .env("LANG", "pl_PL.UTF-8")
        .arg("--store")
        .arg(&store)
        .args(["show", "gdnask"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("nic nie pasuje dobrze do 'gdnask'")
                .and(predicate::str::contains("literówka"))
                .and(predicate::str::contains("typo").not())
                .and(predicate::str::contains("albo dodaj --first")),
        );
}

#[test]
fn filters_alone_take_every_practice_that_passes_them() {
    let data = TempDir::new().unwrap();
    let store = store_with(&data, "s.json", TOPICS);
    let run = |args: &[&str]| praktyki(data.path()).arg("--store").arg(&store).args(args).assert();
    // "The contacts in pomorskie": each practice there is an exact answer,
    // not a weak match refused without --first.
    run(&["contacts", "woj:pomorskie"]).success().stdout(predicate::str::contains("@example.org").count(2));
    run(&["contacts", "--limit", "1", "woj:pomorskie"])
        .success()
        .stdout(predicate::str::contains("@example.org").count(1))
        .stderr(predicate::str::contains("1/2 matches;").and(predicate::str::contains("best of").not()));
    // One practice of those the filters pass: how many there were is said.
    run(&["show", "woj:pomorskie"]).success().stderr(predicate::str::contains("1/2 matches"));
    // A filter that nothing passes still says so.
    run(&["contacts", "woj:opolskie"]).code(1).stdout("");
    // Words are still held to good matches: a typo alone is refused.
    run(&["contacts", "woj:pomorskie gdnask"]).code(1).stdout("");
}

#[test]
fn help_speaks_the_environments_language() {
    let data = TempDir::new().unwrap();
    praktyki(data.path())
        .env("LANG", "pl_PL.UTF-8")
        .args(["export", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Użycie: praktyki export"))
        .stdout(predicate::str::contains("Opcje globalne"))
        .stdout(predicate::str::contains("Przykłady:"))
        .stdout(predicate::str::contains("Print help").not());
    praktyki(data.path()).args(["--help"]).assert().success().stdout(predicate::str::contains("Usage: praktyki"));
    // Parsing is the same in either language.
    praktyki(data.path()).env("LANG", "pl_PL.UTF-8").args(["search", "opole", "-n", "1"]).assert().success();
    // clap's own words too: usage, defaults, possible values, its help command.
    let pl = |args: &[&str]| praktyki(data.path()).env("LANG", "pl_PL.UTF-8").args(args).assert();
    pl(&["show", "--help"]).success().stdout(
        predicate::str::contains("Użycie: praktyki show [OPCJE]")
            .and(predicate::str::contains("[domyślnie: all]"))
            .and(predicate::str::contains("[możliwe wartości: summary,"))
            .and(predicate::str::contains("possible values").not())
            .and(predicate::str::contains("[OPTIONS]").not()),
    );
    pl(&["--help"]).success().stdout(
        predicate::str::contains("Pokaż tę pomoc albo pomoc podanych poleceń")
            .and(predicate::str::contains("Print this message").not()),
    );
}

#[test]
fn command_line_errors_speak_the_environments_language() {
    let data = TempDir::new().unwrap();
    let pl = |args: &[&str]| praktyki(data.path()).env("LANG", "pl_PL.UTF-8").args(args).assert();
    pl(&["--frob"]).code(2).stderr(
        predicate::str::starts_with("błąd: nieznany argument '--frob'")
            .and(predicate::str::contains("Użycie: praktyki [OPCJE]"))
            .and(predicate::str::contains("Więcej: praktyki --help")),
    );
    pl(&["serch", "opole"]).code(2).stderr(
        predicate::str::contains("nieznane polecenie 'serch'")
            .and(predicate::str::contains("wskazówka: może chodziło o 'serve' lub 'search'")),
    );
    pl(&["show", "--view", "xx", "a"]).code(2).stderr(
        predicate::str::contains("niepoprawna wartość 'xx' dla '--view <WIDOK>'")
            .and(predicate::str::contains("[możliwe wartości: summary, presentation, attachments, all]")),
    );
    pl(&["search", "--limit", "abc", "a"])
        .code(2)
        .stderr(predicate::str::contains("podaj liczbę całkowitą, 1 lub więcej"));
    // A store that cannot be used, said in Polish too.
    let missing = data.path().join("nie-ma.json");
    let broken = data.path().join("zla.json");
    std::fs::write(&broken, "{").unwrap();
    pl(&["--store", missing.to_str().unwrap(), "search", "a"])
        .code(2)
        .stderr(predicate::str::contains("nie można odczytać: nie ma takiego pliku ani katalogu"));
    pl(&["--store", broken.to_str().unwrap(), "search", "a"])
        .code(2)
        .stderr(predicate::str::contains("zla.json:1:1: niepoprawny JSON"));
    pl(&["validate", data.path().to_str().unwrap()]).code(2).stderr(predicate::str::contains("to katalog, nie plik"));
    // What import and validate report, too.
    let store = data.path().join("nowa.json");
    pl(&["import", SEED_TXT, "--into", store.to_str().unwrap()])
        .success()
        .stderr(predicate::str::contains("praktyka 'aglomeracja-opolska' została dodana"));
    pl(&["import", SEED_TXT, "--into", store.to_str().unwrap()])
        .success()
        .stderr(predicate::str::contains("jest już w bazie w tej postaci"));
    let odd = data.path().join("odd.json");
    std::fs::write(
        &odd,
        r#"{"format": "praktyki/1", "practices": [{"id": "a", "title": "A", "postal_code": "4-001"}, {"id": "b"}]}"#,
    )
    .unwrap();
    pl(&["validate", odd.to_str().unwrap()]).code(1).stdout(
        predicate::str::contains(
            "ostrzeżenie: praktyka #0 (id 'a'), pole 'postal_code': kod pocztowy '4-001' nie ma postaci NN-NNN",
        )
        .and(predicate::str::contains("błąd: praktyka #1 (id 'b'): brak pola `title`")),
    );
    // English stays clap's own.
    praktyki(data.path())
        .env("LANG", "C")
        .arg("--frob")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("error: unexpected argument '--frob' found"));
}

#[test]
fn bookmarks_with_none_says_so() {
    let data = TempDir::new().unwrap();
    praktyki(data.path())
        .arg("bookmarks")
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("No marked practices – press m"));
}

#[test]
fn a_blank_e_mail_or_phone_is_no_line() {
    let dir = TempDir::new().unwrap();
    let store = store_with(
        &dir,
        "s.json",
        r#"{"id": "a", "title": "T", "contacts": [{"name": "Anna", "role": " ", "email": "", "phone": "  "}]}"#,
    );
    praktyki(dir.path())
        .arg("--store")
        .arg(&store)
        .args(["show", "a", "--view", "summary"])
        .assert()
        .success()
        .stdout(predicate::str::contains("  Anna\n"))
        .stdout(predicate::str::contains("e-mail:").not())
        .stdout(predicate::str::contains("Phone:").not());
}

#[test]
fn blank_contacts_and_websites_make_no_lines_or_cards() {
    let dir = TempDir::new().unwrap();
    let store = store_with(
        &dir,
        "s.json",
        r#"{"id": "a", "title": "T", "website": "  ", "contacts": [{"name": "  ", "phone": "\u3000"}, {"name": "Anna"}]}"#,
    );
    let out = praktyki(dir.path()).arg("--store").arg(&store).args(["contacts", "a", "--vcard"]).output().unwrap();
    let vcf = String::from_utf8(out.stdout).unwrap();
    assert!(!vcf.contains("URL:") && !vcf.contains("FN:\r") && vcf.contains("FN:Anna"), "{vcf}");
    assert_eq!(vcf.matches("BEGIN:VCARD").count(), 1, "{vcf}");
    let out =
        praktyki(dir.path()).arg("--store").arg(&store).args(["show", "a", "--view", "summary"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.lines().any(|l| !l.is_empty() && l.trim().is_empty()), "no blank contact line: {text:?}");
}
