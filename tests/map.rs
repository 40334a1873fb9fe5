//! Mapa Praktyk: the map overlay at several sizes (snapshots), moving
//! between voivodeships, jumping by number and name, choosing one as the
//! search's filter, and `praktyki map` is in `cli.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use praktyki::app::{Action, Model};
use praktyki::i18n::Lang;
use praktyki::input::Command;
use praktyki::store::checks::VOIVODESHIPS;
use praktyki::ui::Theme;
use ratatui::style::Color;

/// A synthetic store of `n` practices in every voivodeship.
fn synthetic(n: usize) -> Model {
    let file = praktyki::store::synth::names_only(n, 7);
    let store = praktyki::store::Store::from_practices("synthetic.json", file.practices);
    model_of(store, Lang::En)
}

fn selected_name(m: &Model) -> &'static str {
    VOIVODESHIPS[m.map.as_ref().expect("the map is open").selected]
}

fn key(m: &mut Model, k: &str) {
    let chord = praktyki::input::Chord::parse(k).unwrap();
    if let Some(a) = praktyki::app::action_for_key(m, &chord) {
        drive(m, [a]);
    }
}

#[test]
fn the_map_at_80x24_120x40_and_40x12() {
    for (w, h) in [(80u16, 24u16), (120, 40), (40, 12)] {
        let mut m = synthetic(2000);
        drive(&mut m, [Action::Resize(w, h), Action::Cmd(Command::OpenMap)]);
        let screen = text(&draw(&m, &Theme::mono()));
        insta::assert_snapshot!(format!("map_{w}x{h}"), screen);
    }
}

#[test]
fn the_map_opens_on_the_selected_practices_voivodeship_and_counts_the_list() {
    let mut m = small();
    drive(&mut m, [Action::Cmd(Command::FocusSearch)]);
    drive(&mut m, typed("Opolska"));
    drive(&mut m, [Action::Cmd(Command::LeaveSearch), Action::Cmd(Command::OpenMap)]);
    assert_eq!(selected_name(&m), "opolskie");
    let counts = &m.map.as_ref().unwrap().counts;
    assert_eq!(counts.per_region.iter().sum::<usize>(), 1, "only what the list shows is counted");
    let screen = text(&draw(&m, &Theme::mono()));
    assert!(screen.contains("Map of practices · Opolska"), "{screen}");
    assert!(screen.contains(" 8 OP") && screen.contains("hjkl move"), "{screen}");
}

#[test]
fn arrows_and_hjkl_move_to_neighbours() {
    let mut m = small();
    drive(&mut m, [Action::Cmd(Command::OpenMap)]);
    for _ in 0..6 {
        key(&mut m, "1");
    }
    // From małopolskie (6): right is podkarpackie, up is świętokrzyskie.
    key(&mut m, "6");
    assert_eq!(selected_name(&m), "małopolskie");
    key(&mut m, "l");
    assert_eq!(selected_name(&m), "podkarpackie");
    key(&mut m, "h");
    key(&mut m, "k");
    assert_eq!(selected_name(&m), "świętokrzyskie");
    key(&mut m, "up");
    assert_eq!(selected_name(&m), "mazowieckie");
    key(&mut m, "down");
    key(&mut m, "j");
    assert_eq!(selected_name(&m), "małopolskie");
    key(&mut m, "j");
    assert_eq!(selected_name(&m), "małopolskie", "nothing below the Tatras");
}

#[test]
fn typing_a_name_or_a_number_jumps_and_a_bound_letter_goes_on_with_a_name() {
    let mut m = small();
    drive(&mut m, [Action::Cmd(Command::OpenMap)]);
    key(&mut m, "1");
    key(&mut m, "2");
    assert_eq!(selected_name(&m), "śląskie");
    key(&mut m, "p");
    key(&mut m, "o");
    key(&mut m, "m");
    assert_eq!(selected_name(&m), "pomorskie");
    key(&mut m, "W");
    key(&mut m, "i");
    assert_eq!(selected_name(&m), "wielkopolskie", "a capital starts a name where the letter is bound");
    key(&mut m, "l");
    assert_eq!(selected_name(&m), "łódzkie", "'wil' is no name: l moves right");
    key(&mut m, "x");
    let screen = text(&draw(&m, &Theme::mono()));
    assert!(screen.contains("No voivodeship starts with: x"), "said on the map, not under it: {screen}");
    key(&mut m, "ł");
    assert_eq!(selected_name(&m), "łódzkie");
}

#[test]
fn enter_filters_the_list_by_the_voivodeship_and_esc_leaves_it_as_it_was() {
    let mut m = small();
    drive(&mut m, [Action::Cmd(Command::OpenMap)]);
    key(&mut m, "esc");
    assert!(m.map.is_none());
    assert_eq!(m.search.text, "");
    drive(&mut m, [Action::Cmd(Command::OpenMap)]);
    for k in ["1", "2", "enter"] {
        key(&mut m, k);
    }
    assert!(m.map.is_none());
    assert_eq!(m.search.text, "woj:śląskie");
    assert_eq!(listed(&m), vec!["zyw".to_owned()]);
    // Again with another: the filter is replaced, not added.
    drive(&mut m, [Action::Cmd(Command::OpenMap)]);
    key(&mut m, "8");
    key(&mut m, "enter");
    assert_eq!(m.search.text, "woj:opolskie");
    assert_eq!(listed(&m), vec!["opo".to_owned()]);
}

#[test]
fn shading_follows_the_counts_where_colour_is_on_and_numbers_carry_it_without() {
    let mut m = synthetic(2000);
    drive(&mut m, [Action::Resize(100, 30), Action::Cmd(Command::OpenMap)]);
    let colour = draw(&m, &Theme::colored());
    let shaded = colour.content.iter().filter(|c| matches!(c.bg, Color::Indexed(17..=20))).count();
    assert!(shaded > 200, "{shaded} shaded cells");
    let mono = draw(&m, &Theme::mono());
    let coloured: Vec<_> = mono.content.iter().filter(|c| c.bg != Color::Reset || c.fg != Color::Reset).collect();
    assert!(coloured.is_empty(), "{:?}", coloured.first());
    let screen = text(&mono);
    let counts = &m.map.as_ref().unwrap().counts;
    for (i, name) in VOIVODESHIPS.iter().enumerate() {
        let row = screen.lines().find(|l| l.contains(&format!(" {name} "))).expect(name);
        assert!(row.trim_end_matches(['│', ' ']).ends_with(&counts.per_region[i].to_string()), "{row}");
    }
}

#[test]
fn every_size_renders_the_map_without_panicking() {
    let mut m = synthetic(300);
    drive(&mut m, [Action::Cmd(Command::OpenMap)]);
    for w in (1..=130).step_by(7) {
        for h in (1..=50).step_by(3) {
            drive(&mut m, [Action::Resize(w, h)]);
            let _ = draw(&m, &Theme::colored());
        }
    }
}

#[test]
fn the_help_lists_the_maps_keys() {
    let mut m = small();
    drive(&mut m, [Action::Resize(100, 400), Action::Cmd(Command::ToggleHelp)]);
    let screen = text(&draw(&m, &Theme::mono()));
    assert!(screen.contains("map of voivodeships with counts"), "{screen}");
    assert!(screen.contains("Map of practices"), "{screen}");
}

#[test]
fn praktyki_map_prints_outlines_and_counts_as_plain_text() {
    let data = tempfile::TempDir::new().unwrap();
    let out = praktyki_cmd(data.path()).args(["map"]).assert().success().get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    assert!(!out.contains('\x1b'), "no escape codes when not a terminal");
    assert!(out.chars().filter(|c| ('\u{2801}'..='\u{28FF}').contains(c)).count() > 300, "braille outlines:\n{out}");
    let row = out.lines().find(|l| l.contains(" 8 OP ")).expect("the legend");
    assert!(row.trim_end().ends_with(" 1"), "the embedded practice is in opolskie: {row}");
    assert!(out.lines().all(|l| l.chars().count() <= 80), "80 columns by default");
    assert!(!out.contains("jump"), "no keys on paper");
    // Wider on request; a width too small to draw is refused with the range.
    let wide = praktyki_cmd(data.path()).args(["map", "--width", "150"]).assert().success().get_output().stdout.clone();
    assert!(String::from_utf8(wide).unwrap().lines().any(|l| l.chars().count() > 100));
    praktyki_cmd(data.path())
        .args(["map", "--width", "10"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--width"));
}

#[test]
fn praktyki_map_counts_what_the_query_finds_and_says_json() {
    let data = tempfile::TempDir::new().unwrap();
    let out = praktyki_cmd(data.path()).args(["map", "--json", "opole"]).assert().success().get_output().stdout.clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["query"], "opole");
    let rows = v["voivodeships"].as_array().unwrap();
    assert_eq!(rows.len(), 16);
    assert_eq!(rows[7]["voivodeship"], "opolskie");
    assert_eq!(rows[7]["teryt"], "16");
    assert_eq!(rows[7]["practices"], 1);
    assert_eq!(rows.iter().map(|r| r["practices"].as_u64().unwrap()).sum::<u64>(), 1);
    // Nothing found: every count is 0 and the status says so, as grep's does.
    let out = praktyki_cmd(data.path()).args(["map", "--json", "zzzqqq"]).assert().code(1).get_output().stdout.clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert!(v["voivodeships"].as_array().unwrap().iter().all(|r| r["practices"] == 0));
}

#[test]
fn the_mouse_does_not_reach_the_list_under_the_map() {
    let mut m = small();
    drive(&mut m, [Action::Cmd(Command::OpenMap)]);
    let before = selected_id(&m);
    drive(&mut m, [Action::MouseClick { column: 3, row: 4 }, Action::MouseScroll { column: 3, row: 4, down: true }]);
    assert_eq!(selected_id(&m), before);
    assert!(m.map.is_some());
}

#[test]
fn with_a_voivodeship_filter_the_map_counts_without_it_and_esc_puts_it_back() {
    let mut m = small();
    drive(&mut m, [Action::Cmd(Command::FocusSearch)]);
    drive(&mut m, typed("woj:opolskie"));
    drive(&mut m, [Action::Cmd(Command::LeaveSearch)]);
    assert_eq!(listed(&m), ["opo"]);
    drive(&mut m, [Action::Cmd(Command::OpenMap)]);
    let counts = &m.map.as_ref().unwrap().counts;
    assert_eq!(counts.per_region.iter().sum::<usize>(), 5, "every voivodeship can be picked: {counts:?}");
    let screen = text(&draw(&m, &Theme::mono()));
    assert!(screen.contains("Map of practices (woj: set aside to pick another)"), "{screen}");
    key(&mut m, "esc");
    assert_eq!(m.search.text, "woj:opolskie");
    assert_eq!(listed(&m), ["opo"]);
    // Enter replaces the filter.
    drive(&mut m, [Action::Cmd(Command::OpenMap)]);
    for k in ["1", "2", "enter"] {
        key(&mut m, k);
    }
    assert_eq!(m.search.text, "woj:śląskie");
    assert_eq!(listed(&m), ["zyw"]);
}

#[test]
fn what_has_been_typed_to_jump_is_shown() {
    let mut m = small();
    drive(&mut m, [Action::Cmd(Command::OpenMap)]);
    key(&mut m, "m");
    key(&mut m, "a");
    let screen = text(&draw(&m, &Theme::mono()));
    assert!(screen.contains("› ma"), "{screen}");
    key(&mut m, "right");
    let screen = text(&draw(&m, &Theme::mono()));
    assert!(!screen.contains("› "), "a move ends it: {screen}");
}

#[test]
fn praktyki_map_counts_text_matches_as_the_browsers_list_does() {
    let dir = tempfile::TempDir::new().unwrap();
    let store = dir.path().join("s.json");
    std::fs::write(
        &store,
        r#"{"format": "praktyki/1", "practices": [
{"id": "a", "title": "Gmina A", "voivodeship": "opolskie", "summary": "Wspólny dowóz uczniów do szkół."},
{"id": "b", "title": "Dowóz B", "voivodeship": "śląskie"},
{"id": "c", "title": "Gmina C", "voivodeship": "lubuskie"}]}"#,
    )
    .unwrap();
    let out = praktyki_cmd(dir.path())
        .arg("--store")
        .arg(&store)
        .args(["map", "--json", "dowóz"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let count = |i: usize| v["voivodeships"][i]["practices"].as_u64().unwrap();
    assert_eq!((count(7), count(11), count(3)), (1, 1, 0), "{v}");
    assert_eq!(v["voivodeships"][7]["code"], "OP");
}

#[test]
fn a_click_selects_the_voivodeship_under_it_or_its_legend_row() {
    let mut m = synthetic(500);
    drive(&mut m, [Action::Resize(100, 30), Action::Cmd(Command::OpenMap)]);
    let screen = draw(&m, &Theme::mono());
    // The legend row of podlaskie.
    let (x, y) = (0..30u16)
        .find_map(|y| {
            let line: String = (0..100u16).map(|x| screen[(x, y)].symbol()).collect();
            line.find("podlaskie").map(|_| (90u16, y))
        })
        .expect("the legend");
    drive(&mut m, [Action::MouseClick { column: x, row: y }]);
    assert_eq!(selected_name(&m), "podlaskie");
    // The letters of małopolskie on the map.
    let (x, y) = (0..30u16)
        .find_map(|y| {
            let line: Vec<&str> = (0..60u16).map(|x| screen[(x, y)].symbol()).collect();
            line.windows(2).position(|w| w == ["M", "A"]).map(|x| (x as u16, y))
        })
        .expect("MA on the map");
    drive(&mut m, [Action::MouseClick { column: x, row: y }]);
    assert_eq!(selected_name(&m), "małopolskie");
    assert!(m.map.is_some());
}

#[test]
fn enter_lists_exactly_what_the_map_counted_whatever_the_spelling() {
    let text = r#"{"format": "praktyki/1", "practices": [
{"id": "a", "title": "A", "voivodeship": "Województwo Śląskie"},
{"id": "b", "title": "B", "voivodeship": "śląskie"},
{"id": "c", "title": "C", "voivodeship": "woj. opolskie"},
{"id": "d", "title": "D", "voivodeship": "opolskiego"},
{"id": "e", "title": "E", "voivodeship": " OPOLSKIE "},
{"id": "f", "title": "F", "voivodeship": "Pomorskie / Kujawsko-Pomorskie"},
{"id": "g", "title": "G", "voivodeship": "pomorskie"},
{"id": "h", "title": "H", "voivodeship": "wojewodztwoopolskie"}]}"#;
    for (i, name) in VOIVODESHIPS.iter().enumerate() {
        let mut m = model_of(store(text), Lang::En);
        drive(&mut m, [Action::Cmd(Command::OpenMap)]);
        let counted = m.map.as_ref().unwrap().counts.per_region[i];
        m.map.as_mut().unwrap().selected = i;
        drive(&mut m, [Action::Cmd(Command::Choose)]);
        assert_eq!(m.list.hits.len(), counted, "{name}: {:?}", listed(&m));
    }
}
