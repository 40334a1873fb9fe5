use super::*;
use crate::i18n::Lang;
use crate::store::model::Contact;

fn hostile() -> Practice {
    Practice {
        id: "x".into(),
        title: "=HYPERLINK(\"http://evil\") <script>alert(1)</script> *bold* [a](b)".into(),
        town: Some("+48 Łódź".into()),
        county: Some("\t=1+1".into()),
        voivodeship: Some("łódzkie".into()),
        summary: "# not a heading\n\n- not a list\n\n1. not a number\n\nEsc \u{1b}[31m red".into(),
        contacts: vec![Contact {
            name: "@admin".into(),
            email: Some("-1+1@x.pl".into()),
            phone: Some("42, \"quoted\"\nnewline".into()),
            ..Default::default()
        }],
        source_url: Some("javascript:alert(1)".into()),
        ..Practice::default()
    }
}

#[test]
fn fields_are_read_by_name_and_an_unknown_one_is_named() {
    assert_eq!(parse_fields("id, Title,email").unwrap(), vec![Field::Id, Field::Title, Field::Email]);
    let e = parse_fields("id,mayor").unwrap_err();
    assert!(e.contains("'mayor'") && e.contains("voivodeship"), "{e}");
    assert!(parse_fields(" , ").is_err());
}

#[test]
fn csv_cells_never_start_a_formula_or_carry_an_escape() {
    let fields = [Field::Id, Field::Title, Field::Town, Field::Email, Field::County];
    let out = String::from_utf8(to_csv(&[hostile()], &fields, true, b',').unwrap()).unwrap();
    let mut r = ::csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(
        header,
        ["id", "title", "town", "email", "county", "contact_name", "contact_role", "contact_email", "contact_phone"]
    );
    let row: Vec<String> = r.records().next().unwrap().unwrap().iter().map(str::to_owned).collect();
    for cell in &row {
        assert!(!cell.trim_start().starts_with(['=', '+', '-', '@']), "{cell:?}");
        assert!(!cell.contains('\u{1b}'), "{cell:?}");
    }
    assert!(row[1].starts_with("'=HYPERLINK"));
    assert_eq!(row[2], "'+48 Łódź");
    assert!(row[4].starts_with('\''), "blanks before a formula: {:?}", row[4]);
    assert_eq!(row[5], "'@admin");
    assert_eq!(row[8], "42, \"quoted\"\nnewline", "quotes and line breaks survive, quoted");
    assert!(out.contains("\r\n"), "RFC 4180 line ends");
}

#[test]
fn markdown_keeps_data_as_text() {
    let md = to_markdown(&[hostile()], "Test", Lang::En.strings());
    assert!(md.contains("\\<script\\>"), "{md}");
    let closing = to_markdown(&[Practice { title: "X title #".into(), ..hostile() }], "T", Lang::En.strings());
    assert!(closing.contains("## X title \\#"), "a heading keeps its '#': {closing}");
    assert!(
        md.contains("\\# not a heading") && md.contains("\\- not a list") && md.contains("1\\. not a number"),
        "{md}"
    );
    assert!(!md.contains('\u{1b}'));
    assert!(!md.contains("<javascript:"), "only http(s) is a link: {md}");
}
