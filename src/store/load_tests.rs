//! Tests of reading a store file.
use super::*;

fn parse(s: &str) -> Result<Store, LoadError> {
    parse_str(s, "t.json", LoadOptions::default())
}

#[test]
fn broken_json_names_line_and_column() {
    let err =
        parse("{\"format\": \"praktyki/1\",\n \"practices\": [\n  {\"id\": \"a\" \"title\": \"A\"}]}").unwrap_err();
    match err {
        LoadError::Syntax { line, column, .. } => assert_eq!((line, column), (3, 14)),
        other => panic!("{other}"),
    }
}

#[test]
fn errors_name_the_file_and_their_detail_does_not() {
    let syntax = parse("{\n  \"format\": }").unwrap_err();
    assert_eq!(syntax.to_string(), format!("t.json:{}", syntax.detail()));
    assert!(syntax.detail().starts_with("2:13: invalid JSON: "), "{}", syntax.detail());
    let format = parse("{\"format\": \"praktyki/9\", \"practices\": []}").unwrap_err();
    assert_eq!(format.to_string(), format!("t.json: {}", format.detail()));
    assert!(!format.detail().contains("t.json"));
    let read = load_path(Path::new("/nonexistent/store.json"), LoadOptions::default()).unwrap_err();
    assert!(read.to_string().starts_with("/nonexistent/store.json: cannot read: "), "{read}");
    assert!(std::error::Error::source(&read).is_some(), "the I/O error is its source");
}

#[test]
fn a_syntax_error_after_batches_were_parsed_is_still_the_answer() {
    // More practices than one batch go to the parser before the pass
    // that finds them meets the error.
    let practices: Vec<String> = (0..3 * BATCH).map(|i| format!("{{\"id\": \"p{i}\", \"title\": \"T\"}}")).collect();
    let text = format!("{{\"format\": \"praktyki/1\", \"practices\": [\n{},\n  {{\"id\": }}]}}", practices.join(",\n"));
    let err = parse(&text).unwrap_err();
    assert!(matches!(err, LoadError::Syntax { line, .. } if line == 3 * BATCH + 2), "{err}");
    let fine = format!("{{\"format\": \"praktyki/1\", \"practices\": [\n{}]}}", practices.join(",\n"));
    let store = parse(&fine).unwrap();
    let ids: Vec<String> = (0..3 * BATCH).map(|i| format!("p{i}")).collect();
    assert_eq!(store.practices.iter().map(|p| p.id().to_owned()).collect::<Vec<_>>(), ids, "in file order");
}

#[test]
fn wrong_top_level_is_a_shape_error() {
    let err = parse("[1, 2]").unwrap_err();
    assert!(matches!(err, LoadError::Shape { line: 1, .. }), "{err}");
    let err = parse("{\"format\": \"praktyki/9\", \"practices\": []}").unwrap_err();
    assert!(err.to_string().contains("unsupported store format 'praktyki/9'"), "{err}");
}

#[test]
fn invalid_utf8_is_located() {
    let err = parse_bytes(b"{\n  \"a\xff\": 1}", "t.json", LoadOptions::default()).unwrap_err();
    assert!(matches!(err, LoadError::Encoding { line: 2, column: 5, .. }), "{err}");
}

#[test]
fn schema_errors_skip_one_practice_each() {
    let text = r#"{"format": "praktyki/1", "practices": [
  {"id": "a", "title": "A"},
  {"title": "no id"},
  {"id": "c", "title": "C", "population": "many"},
  {"id": "a", "title": "A again"},
  {"id": "e", "title": ""},
  {"id": "f", "title": "F"}
]}"#;
    let store = parse(text).unwrap();
    let ids: Vec<_> = store.practices.iter().map(|p| p.id()).collect();
    assert_eq!(ids, ["a", "f"]);
    assert_eq!(store.skipped(), 4);
    let e = &store.errors;
    assert_eq!((e[0].index, e[0].id.as_deref(), e[0].line), (1, None, 3));
    assert!(e[0].message.contains("missing field `id`"), "{}", e[0]);
    assert_eq!((e[1].index, e[1].id.as_deref(), e[1].field.as_deref()), (2, Some("c"), Some("population")));
    assert_eq!(e[1].line, 4);
    assert!(e[2].message.contains("duplicate id"), "{}", e[2]);
    assert_eq!(e[3].field.as_deref(), Some("title"));
    let strict = parse_str(text, "t.json", LoadOptions { strict: true, lazy: false }).unwrap_err();
    assert!(matches!(strict, LoadError::Strict { ref problems, .. } if problems.len() == 4));
}

#[test]
fn ids_that_sanitise_alike_are_reported_as_such() {
    let text =
        r#"{"format": "praktyki/1", "practices": [{"id": "x\ny", "title": "A"}, {"id": "x\r\ny", "title": "B"}]}"#;
    let s = parse_str(text, "s.json", LoadOptions::default()).unwrap();
    assert_eq!(s.practices.len(), 1);
    let msg = &s.errors[0].message;
    assert!(msg.contains(r#"id "x\r\ny" is the same as practice #0's once made terminal-safe ('x y')"#), "{msg}");
}

#[test]
fn warnings_point_at_the_field_line() {
    let text = "{\"format\": \"praktyki/1\", \"practices\": [\n {\"id\": \"a\", \"title\": \"A\",\n  \"voivodeship\": \"opolskie\",\n  \"postal_code\": \"41-301\", \"tytul\": 1}]}";
    let store = parse(text).unwrap();
    assert_eq!(store.practices.len(), 1);
    let w: Vec<_> = store.warnings.iter().map(|w| (w.field.clone().unwrap_or_default(), w.line)).collect();
    assert_eq!(w, [("tytul".to_owned(), 2), ("postal_code".to_owned(), 4)]);
}

#[test]
fn positions_on_one_long_line() {
    // As `praktyki synthetic` writes them: the whole store on one line.
    let text = r#"{"format":"praktyki/1","practices":[{"id":"a","title":"Ą","postal_code":"1"},{"id":"b","title":"B","postal_code":"2"},{"title":"C"}]}"#;
    let store = parse(text).unwrap();
    let cols: Vec<(usize, usize)> = store.warnings.iter().map(|w| (w.line, w.column)).collect();
    assert_eq!(cols, [(1, 73), (1, 114)]);
    assert_eq!((store.errors[0].line, store.errors[0].column), (1, 119));
}

#[test]
fn lazy_load_reads_long_texts_on_demand() {
    let text = "\u{feff}{\"format\": \"praktyki/1\", \"practices\": [\n {\"id\": \"a\", \"title\": \"A\", \"summary\": \"Długi\\u001b[2J tekst\",\n  \"presentation\": [{\"heading\": \"H\", \"body\": \"B\"}]},\n {\"id\": \"b\", \"title\": \"B\", \"presentation\": 5}]}";
    let lazy = parse_str(text, "t.json", LoadOptions { lazy: true, ..LoadOptions::default() }).unwrap();
    let eager = parse_str(text, "t.json", LoadOptions::default()).unwrap();
    assert_eq!(lazy.practices.len(), 2, "a bad long text is not seen at a lazy load");
    assert!(lazy.warnings.is_empty(), "skipped long texts are no unknown fields: {:?}", lazy.warnings);
    assert_eq!(eager.practices.len(), 1);
    let full = lazy.read_full(0).unwrap();
    assert_eq!(full.summary, "Długi␛[2J tekst", "sanitised when read");
    assert_eq!(full, eager.read_full(0).unwrap());
    let err = lazy.read_full(1).unwrap_err();
    assert!(err.starts_with("t.json:4:") && err.contains("presentation"), "{err}");
    let quiet = lazy.read_full_unlocated(1).unwrap_err();
    assert!(quiet.starts_with("t.json: field 'presentation'"), "no place worked out: {quiet}");
    assert_eq!(eager.read_full(0).unwrap().presentation[0].body, "B", "an eager store keeps its texts");
}

#[test]
fn text_is_sanitised_on_load() {
    let text = r#"{"format": "praktyki/1", "practices": [{"id": "a", "title": "X\u001b]0;pwned\u0007Y"}]}"#;
    let store = parse(text).unwrap();
    assert_eq!(store.practices.to_vec()[0].title, "X␛]0;pwned␇Y");
}

#[test]
fn lazy_and_eager_parses_keep_the_same_heads_and_skip_the_same_practices() {
    use crate::store::model::Contact;
    // Heads are packed by pieces of practices parsed together and copied
    // into the store a run at a time: repeats within a piece and across
    // pieces, and skipped practices inside a run, must come out as one at a
    // time would have them.
    let mut practices: Vec<serde_json::Value> = (0..300)
        .map(|i| {
            let p = Practice {
                id: format!("p-{i}"),
                title: format!("Tytuł \"{i}\" \\ ą\u{7}"),
                town: (i % 3 != 0).then(|| "Łódź".to_owned()),
                partners: vec![format!("Gmina {i}"), String::new()],
                contacts: vec![Contact {
                    name: "Anna\tNowak".into(),
                    email: Some("a@x.pl".into()),
                    ..Contact::default()
                }],
                extra: [("Etykieta\u{1b}".to_owned(), format!("{i}"))].into(),
                ..Practice::default()
            };
            serde_json::to_value(p).unwrap()
        })
        .collect();
    practices[5]["id"] = "p-3".into();
    practices[200]["id"] = "p-0".into();
    practices[70]["title"] = "  ".into();
    practices[71]["population"] = "many".into();
    let text = serde_json::json!({ "format": FORMAT, "practices": practices }).to_string();
    let lazy = parse_str(&text, "t.json", LoadOptions { lazy: true, strict: false }).unwrap();
    let eager = parse_str(&text, "t.json", LoadOptions::default()).unwrap();
    assert_eq!(lazy.practices.to_vec(), eager.practices.to_vec());
    assert_eq!(lazy.practices.len(), 296);
    let skipped = |s: &Store| s.errors.iter().map(|e| e.index).collect::<Vec<_>>();
    assert_eq!(skipped(&lazy), [5, 70, 71, 200]);
    assert_eq!(skipped(&eager), [5, 70, 71, 200]);
    let heads = lazy.practices.to_vec();
    assert_eq!(heads[5].id, "p-6", "the repeat of p-3 is not kept");
    assert_eq!(heads[0].title, "Tytuł \"0\" \\ ą␇", "unescaped and made terminal-safe");
    assert_eq!(heads[0].extra.keys().next().map(String::as_str), Some("Etykieta␛"));
    assert_eq!(lazy.read_full(295).unwrap().id, "p-299", "places stay with their heads");
}

#[test]
fn schema_errors_name_the_record_as_the_user_knows_it() {
    let text = r#"{"format": "praktyki/1", "practices": [{"id": "a", "title": "A", "contacts": [5]}, 7]}"#;
    for lazy in [true, false] {
        let store = parse_str(text, "t.json", LoadOptions { lazy, strict: false }).unwrap();
        let messages: Vec<&str> = store.errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].ends_with("expected struct Contact"), "{messages:?}");
        assert!(messages[1].ends_with("expected struct Practice"), "{messages:?}");
    }
}
