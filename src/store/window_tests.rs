//! Tests of parsing a store a window at a time: what it reads must be what
//! the whole parse reads, and what it cannot read must go to the whole parse.

use std::io::Write;

use super::*;
use crate::store::load::parse_str;
use crate::store::model::Practice;

fn lazy() -> LoadOptions {
    LoadOptions { lazy: true, strict: false }
}

/// The windowed parse of `text`, or `None`.
fn windowed(text: &str) -> Option<Store> {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    f.write_all(text.as_bytes()).unwrap();
    let file = File::open(f.path()).unwrap();
    let meta = file.metadata().unwrap();
    parse(&file, &meta, "t.json", lazy())
}

fn practice(i: usize) -> Practice {
    Practice {
        id: format!("p-{i}"),
        title: format!("Tytuł {i} \"cytat\" {{nawias}} \\ ą"),
        partners: vec![format!("Gmina {i}"), "}{".into()],
        ..Practice::default()
    }
}

fn store_text(n: usize, pretty: bool) -> String {
    let practices: Vec<Practice> = (0..n).map(practice).collect();
    let value = serde_json::json!({ "format": FORMAT, "practices": practices });
    if pretty { serde_json::to_string_pretty(&value).unwrap() } else { value.to_string() }
}

/// The windowed parse gives what the whole parse gives: heads and places.
fn same_as_whole(text: &str) {
    let got = windowed(text).expect("read a window at a time");
    let whole = parse_str(text, "t.json", lazy()).unwrap();
    assert_eq!(got.practices, whole.practices);
    assert_eq!(got.spans(), whole.spans());
    assert!(got.errors.is_empty() && got.warnings.is_empty());
    assert_eq!(got.spans().map(<[_]>::len), Some(got.practices.len()));
}

#[test]
fn a_store_as_praktyki_writes_it_is_read_a_window_at_a_time() {
    same_as_whole(&store_text(3, false));
    same_as_whole(&store_text(3, true));
    same_as_whole(&format!("\u{feff}{}", store_text(2, true)));
    same_as_whole(&format!("{{\"format\":\"{FORMAT}\",\"practices\":[]}}"));
    same_as_whole(&format!(" \n{{ \"format\" : \"{FORMAT}\" ,\r\n \"practices\" : [ ] }} \n"));
}

#[test]
fn practices_across_windows_and_larger_than_one_are_read_whole() {
    // A window is 1 MiB: practices of about 100 bytes cross window edges, and
    // one long title is larger than a window.
    let mut practices: Vec<Practice> = (0..12_000).map(practice).collect();
    practices[7_000].title = "ż".repeat(5 << 20);
    let value = serde_json::json!({ "format": FORMAT, "practices": practices });
    same_as_whole(&value.to_string());
}

#[test]
fn anything_else_is_left_to_the_whole_parse() {
    let good = store_text(2, false);
    let cases = [
        // Other shapes of the top level, and other formats.
        format!("{{\"practices\":[],\"format\":\"{FORMAT}\"}}"),
        format!("{{\"format\":\"{FORMAT}\",\"practices\":[],\"x\":1}}"),
        "{\"format\":\"praktyki/9\",\"practices\":[]}".to_owned(),
        // Broken JSON: cut short, or something after the end.
        good[..good.len() - 5].to_owned(),
        format!("{good}x"),
        format!("{good}}}"),
        good.replacen("},{", "}{", 1),
        good.replacen("},{", "},,{", 1),
        good.replacen("[{", "[,{", 1),
        // A practice with a problem: it must be told with its place.
        good.replacen("\"title\":\"Tytuł 1", "\"title\":1,\"x\":\"", 1),
        good.replacen("\"p-1\"", "\"p-0\"", 1),
        good.replacen("\"p-1\"", "\"\"", 1),
        good.replacen("\"partners\"", "\"partnerz\"", 1),
    ];
    for case in cases {
        assert!(windowed(&case).is_none(), "{case}");
    }
    let mut bytes = good.into_bytes();
    let at = bytes.iter().position(|&b| b == 0xC4).unwrap();
    bytes[at] = 0xFF;
    let mut f = tempfile::NamedTempFile::new().unwrap();
    f.write_all(&bytes).unwrap();
    let file = File::open(f.path()).unwrap();
    assert!(parse(&file, &file.metadata().unwrap(), "t.json", lazy()).is_none(), "not UTF-8");
}

#[test]
fn the_long_texts_are_read_from_the_file() {
    let mut p = practice(0);
    p.summary = "Streszczenie".into();
    let text = serde_json::json!({ "format": FORMAT, "practices": [p] }).to_string();
    let store = windowed(&text).unwrap();
    assert_eq!(store.read_full(0).unwrap().summary, "Streszczenie");
}

#[test]
fn an_object_is_measured_by_its_braces_outside_strings() {
    assert_eq!(object_len(br#"{"a":"}\"}"} rest"#), Some(12));
    assert_eq!(object_len(br#"{"a":{"b":[{}]}},"#), Some(16));
    assert_eq!(object_len(br#"{"a":"\\"}"#), Some(10));
    assert_eq!(object_len(br#"{"a":"x"#), None);
    assert_eq!(object_len(br#"{"a":"x\"#), None);
    assert_eq!(object_len(br#"{"a":{}"#), None);
}

/// The object's length found a byte at a time: what [`object_len`] must say.
fn object_len_slowly(b: &[u8]) -> Option<usize> {
    let (mut depth, mut string, mut escaped) = (0usize, false, false);
    for (i, &c) in b.iter().enumerate() {
        match (string, escaped, c) {
            (true, true, _) => escaped = false,
            (true, false, b'\\') => escaped = true,
            (_, _, b'"') => string = !string,
            (false, _, b'{') => depth += 1,
            (false, _, b'}') => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

#[test]
fn objects_are_measured_as_a_byte_at_a_time() {
    // Runs of backslashes and quotes, braces in strings and out, objects
    // that end and that do not.
    let alphabet = [b'"', b'\\', b'{', b'}', b'a', b' ', 0xc5, 0x82];
    let mut rng = rand::rng();
    for _ in 0..5_000 {
        let len = rand::RngExt::random_range(&mut rng, 1..300);
        let mut b: Vec<u8> =
            (0..len).map(|_| alphabet[rand::RngExt::random_range(&mut rng, 0..alphabet.len())]).collect();
        b[0] = b'{';
        assert_eq!(object_len(&b), object_len_slowly(&b), "{:?}", String::from_utf8_lossy(&b));
    }
    for run in 0..140 {
        // A string of `run` backslashes and a quote, the object ending after.
        let mut b = br#"{"a":""#.to_vec();
        b.extend(std::iter::repeat_n(b'\\', run));
        b.extend_from_slice(br#""}"}"#);
        assert_eq!(object_len(&b), object_len_slowly(&b), "{run} backslashes");
    }
}

#[test]
fn a_practice_of_many_windows_is_read_in_a_few_rounds() {
    // 1 GiB in one practice: each round scans what it holds from its start.
    let size = 1usize << 30;
    let (mut held, mut rounds, mut scanned) = (WINDOW, 1, WINDOW);
    while held < size {
        held += to_read(held, size - held);
        rounds += 1;
        scanned += held;
    }
    assert!(rounds <= 12, "{rounds} rounds");
    assert!(scanned <= 3 * size, "{scanned} bytes scanned for {size}");
    assert_eq!(to_read(0, 10), 10, "never past the file's end");
}
