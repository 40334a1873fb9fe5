//! Bad input never panics, and text from a store can never drive the
//! terminal. Property tests run a bounded number of cases here; set
//! PROPTEST_CASES for a longer run (see README, "Fuzzing").
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use praktyki::app::doc;
use praktyki::input::Command;
use praktyki::search::{Index, Query};
use praktyki::store::import;
use praktyki::store::load::{parse_bytes, parse_str};
use praktyki::store::write::{WriteError, write_atomic, write_atomic_with};
use praktyki::store::{LoadOptions, Practice};
use praktyki::text::sanitize::sanitize;
use proptest::prelude::*;

const SEED_TXT: &str = include_str!("fixtures/practice-page-aglomeracja-opolska.txt");
const SEED_HTML: &str = include_str!("fixtures/practice-page-aglomeracja-opolska.html");

fn is_terminal_safe(s: &str, multiline: bool) -> bool {
    s.chars().all(|c| {
        !(c.is_control() && !(multiline && c == '\n'))
            && !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    })
}

/// Every string of a practice, with whether it may hold line breaks.
fn strings(p: &Practice) -> Vec<(String, bool)> {
    let mut p = p.clone();
    let mut out = Vec::new();
    p.for_each_text_mut(|s, multiline| out.push((s.clone(), multiline)));
    out
}

/// A fixed seed, so `cargo test` (and CI) tries the same inputs every run
/// and a failure is reproducible; `scripts/fuzz.sh` sets PROPTEST_RNG_SEED
/// to explore new ones.
fn config() -> ProptestConfig {
    let mut c = ProptestConfig::default();
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        c.rng_seed = proptest::test_runner::RngSeed::Fixed(0x5EED_2026_1128);
    }
    c
}

proptest! {
    // 256 cases each unless PROPTEST_CASES says otherwise (scripts/fuzz.sh).
    #![proptest_config(config())]

    #[test]
    fn loader_never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = parse_bytes(&bytes, "fuzz.json", LoadOptions::default());
    }

    #[test]
    fn loader_never_panics_on_mutated_stores(cut in 0usize..2000, flips in proptest::collection::vec((0usize..2000, any::<u8>()), 0..8)) {
        let mut bytes = common::SMALL.as_bytes().to_vec();
        for (at, b) in flips {
            let at = at % bytes.len();
            bytes[at] = b;
        }
        bytes.truncate(cut.max(1).min(bytes.len()));
        if let Ok(store) = parse_bytes(&bytes, "fuzz.json", LoadOptions::default()) {
            for i in 0..store.practices.len() {
                for (s, multiline) in strings(&store.read_full(i).unwrap()) {
                    prop_assert!(is_terminal_safe(&s, multiline), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn any_string_values_load_safely(title in "\\PC*", town in any::<String>(), body in any::<String>()) {
        let p = serde_json::json!({"id": "x", "title": format!("t{title}"), "town": town, "summary": body,
            "presentation": [{"heading": town, "body": body}], "contacts": [{"name": title, "email": town}]});
        let text = serde_json::json!({"format": "praktyki/1", "practices": [p]}).to_string();
        let store = parse_str(&text, "fuzz.json", LoadOptions::default()).unwrap();
        for i in 0..store.practices.len() {
            for (s, multiline) in strings(&store.read_full(i).unwrap()) {
                prop_assert!(is_terminal_safe(&s, multiline), "{s:?}");
            }
        }
    }

    #[test]
    fn importer_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let _ = import::page_from_bytes(&bytes, "fuzz.txt");
    }

    #[test]
    fn importer_never_panics_on_mutated_seed(html in any::<bool>(), cut in 0usize..6000, junk in "\\PC{0,40}", at in 0usize..6000) {
        let base = if html { SEED_HTML } else { SEED_TXT };
        let mut s: String = base.chars().take(cut).collect();
        let at = s.char_indices().nth(at % s.chars().count().max(1)).map_or(s.len(), |(i, _)| i);
        s.insert_str(at, &junk);
        if let Ok((page, report)) = import::page_from_bytes(s.as_bytes(), "fuzz") {
            let (practices, _) = import::merge_pages(vec![(page, report)]);
            for p in &practices {
                for (t, multiline) in strings(p) {
                    prop_assert!(is_terminal_safe(&t, multiline), "{t:?}");
                }
            }
        }
    }

    #[test]
    fn sanitize_is_safe_and_idempotent(s in any::<String>(), multiline in any::<bool>()) {
        let once = sanitize(&s, multiline);
        prop_assert!(is_terminal_safe(&once, multiline));
        prop_assert_eq!(sanitize(&once, multiline), once);
    }

    #[test]
    fn queries_never_panic(q in any::<String>()) {
        let store = common::store(common::SMALL);
        let index = Index::new(&store.practices);
        let _ = Query::parse(&q);
        for h in index.search(&q) {
            prop_assert!(h.index < store.practices.len());
        }
        let _ = index.highlight("Łódzki Obszar Metropolitalny", &praktyki::search::query_terms(&q));
    }

    #[test]
    fn nested_markup_of_any_shape_is_read_or_refused(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("<div>"), Just("</div>"), Just("<div/>"), Just("<b>"), Just("</span>"), Just("<table><tr><td>"),
                Just("<p>"), Just("<!-- </div> -->"), Just("<div title=\"</\">"), Just("<script><div></script>"), Just("x"),
            ],
            0..1_500,
        ),
    ) {
        // Deep markup was a stack overflow, and the parser's time grows with
        // the square of the depth: whatever the shape, a page is read, or
        // refused by name, and the estimate stays under the parser's depth.
        let html = format!("<html><body>{}</body></html>", parts.concat());
        if let Err(e) = import::page_from_bytes(html.as_bytes(), "fuzz.html") {
            let msg = e.to_string();
            prop_assert!(msg.contains("nests its markup") || msg.contains("no practice title"), "{msg}");
        }
    }

    #[test]
    fn a_query_of_any_size_reads_a_bounded_part(words in proptest::collection::vec("[a-ząłż:\"]{1,12}", 0..5_000)) {
        let q = Query::parse(&words.join(" "));
        prop_assert!(q.terms.len() + q.filters.len() <= Query::MAX_WORDS);
        prop_assert!(q.terms.iter().all(|t| t.chars().count() <= Query::MAX_CHARS));
    }

    #[test]
    fn any_claimed_window_size_is_bounded(w in any::<u16>(), h in any::<u16>()) {
        let mut m = common::small();
        common::drive(&mut m, [praktyki::app::Action::Resize(w, h)]);
        prop_assert!(m.size.0 <= praktyki::app::layout::MAX_WIDTH && m.size.1 <= praktyki::app::layout::MAX_HEIGHT);
        prop_assert_eq!(m.size, (w.min(1000), h.min(500)));
    }

    #[test]
    fn wrapped_lines_fit(text in "\\PC{0,300}", width in 2usize..60) {
        use unicode_width::UnicodeWidthStr;
        let lines = vec![vec![doc::Span { text: text.clone(), kind: doc::Kind::Text }]];
        for (_, line) in doc::wrap(&lines, width) {
            // A single grapheme wider than the whole line is the one allowed overflow.
            let plain = doc::plain(&line);
            let single = unicode_segmentation::UnicodeSegmentation::graphemes(plain.trim_start(), true).count() == 1;
            prop_assert!(plain.width() <= width || single, "{plain:?} at {width}");
        }
    }
}

#[test]
fn extreme_but_valid_practices_render() {
    use praktyki::app::Action;
    let huge = "słowo ".repeat(200_000); // about 1.4 MB
    let long_title = "Ż".repeat(10_000);
    let contacts: Vec<_> = (0..1000)
        .map(|i| serde_json::json!({"name": format!("Osoba {i} 日本語 👩‍👩‍👧"), "email": format!("o{i}@example.org")}))
        .collect();
    let practices = serde_json::json!([
        {"id": "big", "title": "Duże", "summary": huge, "contacts": contacts},
        {"id": "long", "title": long_title},
        {"id": "wide", "title": "日本語のタイトル 👩‍👩‍👧 e\u{301}\u{301}\u{301}", "town": "", "county": "", "voivodeship": "",
         "summary": "", "presentation": [{"heading": "", "body": ""}], "attachments": [{"name": ""}], "contacts": [{"name": ""}]},
    ]);
    let text = serde_json::json!({"format": "praktyki/1", "practices": practices}).to_string();
    let mut m = common::model_of(common::store(&text), praktyki::i18n::Lang::En);
    let theme = praktyki::ui::Theme::colored();
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    for i in 0..3 {
        common::drive(&mut m, [Action::Cmd(Command::GoTop)]);
        for _ in 0..i {
            common::drive(&mut m, [Action::Cmd(Command::MoveDown)]);
        }
        for a in [
            Action::Cmd(Command::FocusDetail),
            Action::Cmd(Command::GoBottom),
            Action::Cmd(Command::NextTab),
            Action::Cmd(Command::NextTab),
            Action::Cmd(Command::OpenCard),
            Action::Cmd(Command::GoBottom),
        ] {
            common::drive(&mut m, [a]);
            terminal.draw(|f| praktyki::ui::render(&m, &theme, f)).unwrap();
        }
        common::drive(
            &mut m,
            [Action::Cmd(Command::Close), Action::Cmd(Command::FocusList), Action::Cmd(Command::ShowSummary)],
        );
    }
    // An empty store is a store too.
    let mut m =
        common::model_of(common::store(r#"{"format": "praktyki/1", "practices": []}"#), praktyki::i18n::Lang::Pl);
    common::drive(
        &mut m,
        [
            Action::Cmd(Command::MoveDown),
            Action::Cmd(Command::FocusDetail),
            Action::Cmd(Command::OpenCard),
            Action::Cmd(Command::Copy),
            Action::Cmd(Command::NextMatch),
        ],
    );
    terminal.draw(|f| praktyki::ui::render(&m, &theme, f)).unwrap();
    let screen: String = terminal.backend().buffer().content().iter().map(|c| c.symbol()).collect();
    assert!(screen.contains("Baza nie zawiera praktyk"), "{screen}");
}

#[test]
fn a_failing_write_keeps_the_old_file_and_leaves_no_temporary() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("store.json");
    std::fs::write(&target, "old").unwrap();
    // A full disk (ENOSPC) halfway through the write.
    let err = write_atomic_with(&target, |f| {
        use std::io::Write;
        f.write_all(b"new, half")?;
        Err(std::io::Error::from_raw_os_error(28))
    })
    .unwrap_err();
    assert!(matches!(err, WriteError::Io { .. }), "{err}");
    assert!(err.to_string().contains("store.json: cannot write"), "{err}");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["store.json"]);
}

#[test]
fn a_panic_during_a_write_keeps_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("store.json");
    std::fs::write(&target, "old").unwrap();
    let t = target.clone();
    let result = std::panic::catch_unwind(move || {
        let _ = write_atomic_with(&t, |f| {
            use std::io::Write;
            f.write_all(b"half")?;
            panic!("killed mid-write");
        });
    });
    assert!(result.is_err());
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "the temporary file is removed");
}

#[test]
fn an_unwritable_place_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    // A file where a directory should be: fails even for root.
    let blocker = dir.path().join("not-a-dir");
    std::fs::write(&blocker, "x").unwrap();
    let err = write_atomic(&blocker.join("store.json"), b"{}").unwrap_err();
    assert!(err.to_string().contains("not-a-dir/store.json: cannot write"), "{err}");
    assert_eq!(std::fs::read_to_string(&blocker).unwrap(), "x");
}

#[test]
fn deeply_nested_pages_are_refused_not_a_stack_overflow() {
    // 10,000 nested tables overflowed the stack of the recursive walk;
    // 40,000 nested divs took the HTML parser minutes (its work is the
    // square of the depth). Both are refused by name, in either form.
    let tables = format!(
        "<html><body>{}x{}</body></html>",
        "<table><tr><td>".repeat(10_000),
        "</td></tr></table>".repeat(10_000)
    );
    let divs = format!("<html><body>{}x{}</body></html>", "<div>".repeat(40_000), "</div>".repeat(40_000));
    let text_line = format!("Tytuł\n{}x\n", "<span>".repeat(5_000));
    // Ways past a naive count of tags, all of which the parser nests.
    let slashed = format!("<html><body>{}x</body></html>", "<div/>".repeat(40_000));
    let stray_ends = format!("<html><body>{}x</body></html>", "<div></span>".repeat(40_000));
    let quoted = format!("<html><body>{}x</body></html>", "<div title=\"</\">".repeat(40_000));
    let commented = format!("<html><body>{}x</body></html>", "<div><!-- </div> -->".repeat(40_000));
    // Comments the parser ends where a naive scan would not, and formatting
    // end tags that the parser's adoption agency does not let close a div.
    let short_comments: Vec<String> = ["<!-->", "<!--->", "<!-- x --!>"]
        .iter()
        .map(|c| format!("<html><body>{c}{}x-->{}</body></html>", "<div>".repeat(40_000), "</div>".repeat(40_000)))
        .collect();
    let adopted = format!("<html><body>{}x</body></html>", "<b><div></b>".repeat(40_000));
    let pages: Vec<&String> = [&tables, &divs, &text_line, &slashed, &stray_ends, &quoted, &commented, &adopted]
        .into_iter()
        .chain(&short_comments)
        .collect();
    for page in pages {
        let err = import::page_from_bytes(page.as_bytes(), "deep.html").unwrap_err();
        assert!(err.to_string().contains("nests its markup more than 1000 elements deep"), "{err}");
    }
    // The BDP's own pages, and wide but shallow ones, are read as before.
    let wide = SEED_HTML.replace("</table>", &format!("{}</table>", "<tr><td>a</td><td>b</td></tr>".repeat(20_000)));
    import::page_from_bytes(wide.as_bytes(), "wide.html").unwrap();
    let unclosed = SEED_HTML.replace("<h2>", &format!("{}<h2>", "<p>akapit".repeat(20_000)));
    import::page_from_bytes(unclosed.as_bytes(), "unclosed.html").unwrap();
    // Sloppy markup closed by an outer end tag, and tags inside scripts, do not add up.
    let sloppy = SEED_HTML.replace("<h2>", &format!("{}<h2>", "<div><font><b>x</div>".repeat(5_000)));
    import::page_from_bytes(sloppy.as_bytes(), "sloppy.html").unwrap();
    let script = SEED_HTML.replace("</head>", &format!("<script>{}</script></head>", "<div>".repeat(5_000)));
    import::page_from_bytes(script.as_bytes(), "script.html").unwrap();
    assert!(import::html::nesting_depth(SEED_HTML, 1_000) < 10);
}
