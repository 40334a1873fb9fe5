//! The browser's state machine, driven by action sequences as a user would.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::Arc;

use common::*;
use praktyki::app::{Action, Effect, Focus, Tab};
use praktyki::input::Command;

#[test]
fn empty_query_lists_all_in_polish_order() {
    let m = small();
    assert_eq!(listed(&m), ["opo", "ak", "lodz", "sr", "zyw"]);
}

#[test]
fn search_as_you_type_then_escape_twice() {
    let mut m = small();
    drive(&mut m, [Action::Cmd(Command::FocusSearch)]);
    assert_eq!(m.focus, Focus::Search);
    drive(&mut m, typed("lodz"));
    assert_eq!(m.search.text, "lodz");
    assert_eq!(selected_id(&m).as_deref(), Some("lodz"));
    drive(&mut m, [Action::Cmd(Command::LeaveSearch)]);
    assert_eq!((m.focus, m.search.text.as_str()), (Focus::List, "lodz"), "first Esc leaves, keeps the query");
    drive(&mut m, [Action::Cmd(Command::ClearSearch)]);
    assert_eq!(m.search.text, "");
    assert_eq!(listed(&m).len(), 5, "second Esc clears");
}

#[test]
fn table_of_searches() {
    let cases: &[(&str, &str)] = &[
        ("lodz", "lodz"),
        ("ŁÓDŹ", "lodz"),
        ("zywiec", "zyw"),
        ("slask", "zyw"),
        ("wegierska", "zyw"),
        ("aglo opol", "opo"),
        ("opol aglo", "opo"),
        ("srem", "sr"),
        ("elk", "ak"),
    ];
    for (query, id) in cases {
        let mut m = small();
        drive(&mut m, [Action::Cmd(Command::FocusSearch)]);
        drive(&mut m, typed(query));
        assert_eq!(selected_id(&m).as_deref(), Some(*id), "query {query}");
    }
}

#[test]
fn editing_the_search_line() {
    let mut m = searched("aglo opol");
    drive(&mut m, [Action::Cmd(Command::DeleteWord)]);
    assert_eq!(m.search.text, "aglo ");
    drive(
        &mut m,
        [
            Action::Cmd(Command::CursorStart),
            Action::InsertChar('x'),
            Action::Cmd(Command::DeleteForward),
            Action::Cmd(Command::CursorEnd),
            Action::Cmd(Command::DeleteBack),
        ],
    );
    assert_eq!(m.search.text, "xglo");
    assert_eq!(m.search.cursor, 4);
    drive(
        &mut m,
        [
            Action::Cmd(Command::DeleteBack),
            Action::Cmd(Command::DeleteBack),
            Action::Cmd(Command::DeleteBack),
            Action::Cmd(Command::DeleteBack),
            Action::Cmd(Command::DeleteBack),
        ],
    );
    assert_eq!((m.search.text.as_str(), m.search.cursor), ("", 0), "backspace at the start is harmless");
    assert_eq!(listed(&m).len(), 5);
}

#[test]
fn no_match_empties_the_list_safely() {
    let mut m = searched("qqqxxx");
    assert!(m.list.hits.is_empty() && m.selected().is_none());
    let fx = drive(
        &mut m,
        [
            Action::Cmd(Command::MoveDown),
            Action::Cmd(Command::GoBottom),
            Action::Cmd(Command::FocusDetail),
            Action::Cmd(Command::OpenCard),
            Action::Cmd(Command::Copy),
            Action::Cmd(Command::OpenLink),
            Action::Cmd(Command::NextMatch),
        ],
    );
    assert!(fx.is_empty());
    assert_eq!(m.focus, Focus::Search);
    assert!(m.card_field.is_none());
}

#[test]
fn movement_is_clamped() {
    let table: &[(&[Action], usize)] = &[
        (&[Action::Cmd(Command::MoveDown)], 1),
        (&[Action::Cmd(Command::MoveDown), Action::Cmd(Command::MoveDown), Action::Cmd(Command::MoveUp)], 1),
        (&[Action::Cmd(Command::MoveUp)], 0),
        (&[Action::Cmd(Command::GoBottom)], 4),
        (&[Action::Cmd(Command::GoBottom), Action::Cmd(Command::MoveDown)], 4),
        (&[Action::Cmd(Command::PageDown)], 4),
        (&[Action::Cmd(Command::GoBottom), Action::Cmd(Command::HalfPageUp)], 0),
        (&[Action::Cmd(Command::GoBottom), Action::Cmd(Command::MoveUp)], 3),
        (&[Action::Cmd(Command::GoBottom), Action::Cmd(Command::GoTop)], 0),
    ];
    for (actions, want) in table {
        let mut m = small();
        drive(&mut m, actions.iter().cloned());
        assert_eq!(m.list.selected, *want, "{actions:?}");
    }
}

#[test]
fn paging_a_long_list_keeps_the_selection_visible() {
    let store = praktyki::store::StoreFile::new(praktyki::store::synth::store(200, 3).practices);
    let mut m = model_of(store_from(&store), praktyki::i18n::Lang::En);
    let rows = m.areas().list_rows();
    assert_eq!(rows, 20);
    drive(&mut m, [Action::Cmd(Command::PageDown)]);
    assert_eq!(m.list.selected, 20);
    assert!(m.list.offset <= 20 && 20 < m.list.offset + rows);
    drive(&mut m, [Action::Cmd(Command::GoBottom)]);
    assert_eq!((m.list.selected, m.list.offset), (199, 180));
    drive(&mut m, [Action::Cmd(Command::HalfPageUp)]);
    assert_eq!(m.list.selected, 189);
    // A smaller window: the selection must still be on screen.
    drive(&mut m, [Action::Resize(80, 10)]);
    let rows = m.areas().list_rows();
    assert!(m.list.offset <= 189 && 189 < m.list.offset + rows);
}

fn store_from(file: &praktyki::store::StoreFile) -> praktyki::store::Store {
    store(&serde_json::to_string(file).unwrap())
}

#[test]
fn tabs_cycle_and_reset_the_scroll() {
    let mut m = small();
    let table: &[(Action, Tab)] = &[
        (Action::Cmd(Command::NextTab), Tab::Presentation),
        (Action::Cmd(Command::NextTab), Tab::Attachments),
        (Action::Cmd(Command::NextTab), Tab::Summary),
        (Action::Cmd(Command::PrevTab), Tab::Attachments),
        (Action::Cmd(Command::ShowPresentation), Tab::Presentation),
        (Action::Cmd(Command::ShowSummary), Tab::Summary),
        (Action::Cmd(Command::ShowAttachments), Tab::Attachments),
    ];
    for (a, tab) in table {
        drive(&mut m, [a.clone()]);
        assert_eq!(m.detail.tab, *tab, "{a:?}");
        assert_eq!(m.detail.scroll, 0);
    }
}

#[test]
fn detail_focus_scrolls_instead_of_moving() {
    let store = praktyki::store::StoreFile::new(praktyki::store::synth::store(5, 9).practices);
    let mut m = model_of(store_from(&store), praktyki::i18n::Lang::En);
    drive(
        &mut m,
        [
            Action::Cmd(Command::FocusDetail),
            Action::Cmd(Command::ShowPresentation),
            Action::Cmd(Command::MoveDown),
            Action::Cmd(Command::MoveDown),
        ],
    );
    assert_eq!((m.focus, m.list.selected, m.detail.scroll), (Focus::Detail, 0, 2));
    drive(&mut m, [Action::Cmd(Command::GoBottom)]);
    let bottom = m.detail.scroll;
    assert!(bottom > 10);
    drive(&mut m, [Action::Cmd(Command::MoveDown)]);
    assert_eq!(m.detail.scroll, bottom, "cannot scroll past the end");
    drive(&mut m, [Action::Cmd(Command::FocusList), Action::Cmd(Command::MoveDown)]);
    assert_eq!((m.list.selected, m.detail.scroll), (1, 0), "a new practice starts at the top");
}

#[test]
fn next_match_jumps_to_the_search_in_the_open_tab() {
    let mut m = searched("lodz");
    drive(&mut m, [Action::Cmd(Command::FocusDetail), Action::Cmd(Command::ShowPresentation), Action::Resize(80, 12)]);
    // The tab: heading, body, blank, heading, "Łódź i gminy…": the match is on line 4.
    drive(&mut m, [Action::Cmd(Command::NextMatch)]);
    assert_eq!(m.detail.scroll, 4);
    assert_eq!(m.status.as_ref().map(|s| s.0.as_str()), Some("1/1"));
    // Past the last one the search wraps around to the first, and says so.
    drive(&mut m, [Action::Cmd(Command::NextMatch)]);
    assert_eq!(m.detail.scroll, 4);
    assert_eq!(m.status.as_ref().map(|s| s.0.as_str()), Some("1/1 · search wrapped"));
    drive(&mut m, [Action::Cmd(Command::PrevMatch)]);
    assert_eq!(m.detail.scroll, 4);
    // Without a search there is nothing to find, and the status says how to start one.
    let mut m = small();
    drive(&mut m, [Action::Cmd(Command::FocusDetail), Action::Cmd(Command::NextMatch)]);
    assert_eq!(m.status.as_ref().map(|s| s.0.as_str()), Some("No search – press /"));
}

#[test]
fn a_resize_keeps_the_match_n_went_to_in_view() {
    // A long paragraph with one word to find near its end.
    let filler = "Gminy budowały drogi i szkoły razem. ".repeat(30);
    let body = format!("{filler} kanalizacja sanitarna {filler}");
    let json = format!(
        r#"{{"format": "praktyki/1", "practices": [{{"id": "a", "title": "Wspólna sieć",
        "presentation": [{{"heading": "Opis", "body": "{body}"}}]}}]}}"#
    );
    let mut m = model_of(store(&json), praktyki::i18n::Lang::En);
    drive(&mut m, [Action::Cmd(Command::FocusSearch)]);
    drive(&mut m, typed("kanalizacja"));
    drive(&mut m, [Action::Cmd(Command::FocusDetail), Action::Cmd(Command::ShowPresentation), Action::Resize(80, 12)]);
    drive(&mut m, [Action::Cmd(Command::NextMatch)]);
    assert!(m.detail.scroll > 0);
    // Wide enough for the whole text (the pane at its top), then narrow
    // again: the match comes back into view.
    for (w, h) in [(60u16, 12u16), (120, 20), (44, 20), (200, 60), (80, 12), (44, 12)] {
        drive(&mut m, [Action::Resize(w, h)]);
        let screen = text(&draw(&m, &praktyki::ui::Theme::mono()));
        // In the detail pane, not the search line or the list's row.
        let shown = screen.lines().skip(1).any(|l| l.contains("kanalizacja") && !l.contains('¶'));
        assert!(shown, "{w}x{h}: the match left the view:\n{screen}");
    }
}

#[test]
fn a_storm_of_resizes_comes_back_to_the_same_place() {
    let words: Vec<String> = (0..3000).map(|i| format!("słowo{i}")).collect();
    let json = format!(
        r#"{{"format": "praktyki/1", "practices": [{{"id": "a", "title": "Długi tekst",
        "presentation": [{{"heading": "Opis", "body": "{}"}}]}}]}}"#,
        words.join(" ")
    );
    let mut m = model_of(store(&json), praktyki::i18n::Lang::En);
    drive(&mut m, [Action::Resize(120, 30), Action::Cmd(Command::FocusDetail), Action::Cmd(Command::ShowPresentation)]);
    drive(&mut m, [Action::Cmd(Command::GoBottom)]);
    drive(&mut m, std::iter::repeat_n(Action::Cmd(Command::MoveUp), 20));
    let top = |m: &praktyki::app::Model| {
        text(&draw(m, &praktyki::ui::Theme::mono())).lines().nth(4).unwrap_or_default().to_owned()
    };
    let before = top(&m);
    for round in 0..4u16 {
        let widths = (0..30u16).map(|i| Action::Resize(70 + (i * 37 + round * 11) % 100, 30));
        drive(&mut m, widths.chain([Action::Resize(120, 30)]));
    }
    assert_eq!(top(&m), before, "the same line after the storm");
    // A scroll of the user's own is the new place.
    drive(&mut m, [Action::Cmd(Command::MoveUp), Action::Resize(90, 30), Action::Resize(120, 30)]);
    assert_ne!(top(&m), before);
}

#[test]
fn contact_card_copies_the_field_under_the_cursor() {
    let mut m = searched("lodz");
    drive(&mut m, [Action::Cmd(Command::LeaveSearch), Action::Cmd(Command::OpenCard)]);
    // Fields: name, role, e-mail, phone, then the office; the card opens on the e-mail.
    assert_eq!(m.card_field, Some(2));
    let fx = drive(&mut m, [Action::Cmd(Command::Copy)]);
    assert_eq!(fx, [Effect::CopyToClipboard("anna@example.org".into())]);
    assert!(m.status.as_ref().unwrap().0.contains("Copied: anna@example.org"));
    let fx = drive(&mut m, [Action::Cmd(Command::OpenLink)]);
    assert_eq!(fx, [Effect::OpenUrl("mailto:anna@example.org".into())]);
    let fx = drive(&mut m, [Action::Cmd(Command::GoBottom), Action::Cmd(Command::OpenLink)]);
    assert_eq!(fx, [Effect::OpenUrl("http://www.example.org".into())], "the website is last");
    drive(&mut m, [Action::Cmd(Command::GoTop), Action::Cmd(Command::MoveUp)]);
    assert_eq!(m.card_field, Some(0));
    // A name is no address: `o` says what it opens.
    let fx = drive(&mut m, [Action::Cmd(Command::OpenLink)]);
    assert!(fx.is_empty());
    assert!(m.status.as_ref().is_some_and(|s| s.0.starts_with("Nothing to open here")), "{:?}", m.status);
    drive(&mut m, [Action::Cmd(Command::Close)]);
    assert!(m.card_field.is_none());
}

#[test]
fn attachments_open_only_safe_urls() {
    let mut m = searched("lodz");
    drive(&mut m, [Action::Cmd(Command::FocusDetail), Action::Cmd(Command::ShowAttachments)]);
    let fx = drive(&mut m, [Action::Cmd(Command::OpenLink)]);
    assert_eq!(fx, [Effect::OpenUrl("https://example.org/raport.pdf".into())]);
    let fx = drive(&mut m, [Action::Cmd(Command::MoveDown), Action::Cmd(Command::OpenLink)]);
    assert!(fx.is_empty(), "file: URLs are never opened");
    assert!(m.status.as_ref().unwrap().0.contains("file:///etc/passwd"), "but shown to copy");
    let fx = drive(&mut m, [Action::Cmd(Command::Copy)]);
    assert_eq!(fx, [Effect::CopyToClipboard("file:///etc/passwd".into())]);
}

#[test]
fn stale_search_results_are_ignored() {
    let mut m = small();
    drive(&mut m, [Action::Cmd(Command::FocusSearch)]);
    // Two keystrokes; the first search's answer arrives after the second was asked.
    let first = praktyki::app::update(&mut m, Action::InsertChar('z'));
    let second = praktyki::app::update(&mut m, Action::InsertChar('y'));
    let seq_of = |fx: &[Effect]| match &fx[0] {
        Effect::Search { seq, .. } => *seq,
        other => panic!("{other:?}"),
    };
    let (s1, s2) = (seq_of(&first), seq_of(&second));
    let answer =
        |seq: u64, q: &str| praktyki::tui::session::search(&m.index, &m.store, seq, q, &|| false).expect("an answer");
    let (newer, older) = (answer(s2, "zy"), answer(s1, "z"));
    praktyki::app::update(&mut m, newer);
    let after = listed(&m);
    praktyki::app::update(&mut m, older);
    assert_eq!(listed(&m), after, "the older answer does not replace the newer");
    assert!(!m.search.awaiting);
}

#[test]
fn failed_reload_keeps_the_old_data() {
    let mut m = small();
    let fx = drive(&mut m, [Action::Cmd(Command::Reload)]);
    assert_eq!(fx, [Effect::Reload]);
    drive(&mut m, [Action::Reloaded(Err("test.json:1:1: invalid JSON".into()))]);
    assert_eq!(m.store.practices.len(), 5);
    let (text, kind) = m.status.clone().unwrap();
    assert!(text.contains("Reload failed") && text.contains("invalid JSON"));
    assert_eq!(kind, praktyki::app::model::StatusKind::Error);
    let new = store(r#"{"format": "praktyki/1", "practices": [{"id": "n", "title": "Nowa"}]}"#);
    let index = Arc::new(praktyki::search::Index::new(&new.practices));
    drive(&mut m, [Action::Reloaded(Ok((new.into(), index)))]);
    assert_eq!(listed(&m), ["n"]);
}

#[test]
fn help_and_quit() {
    let mut m = small();
    drive(&mut m, [Action::Resize(80, 24), Action::Cmd(Command::ToggleHelp)]);
    // It opens at the section of the pane the keys came from.
    let (help, starts) = praktyki::app::help::lines(&m);
    let list = starts.iter().find(|(mode, _)| *mode == praktyki::input::Mode::List).unwrap().1;
    assert_eq!(m.help_scroll, Some(list));
    assert_eq!(help[list], praktyki::app::help::HelpLine::Heading("List".into()));
    drive(&mut m, [Action::Cmd(Command::MoveDown)]);
    assert_eq!(m.help_scroll, Some(list + 1));
    assert_eq!(m.list.selected, 0, "keys go to the help while it is open");
    drive(&mut m, [Action::Cmd(Command::GoTop)]);
    assert_eq!(m.help_scroll, Some(0), "g goes to the top, where the search syntax is");
    drive(&mut m, [Action::Cmd(Command::GoBottom)]);
    assert_eq!(m.help_scroll, Some(help.len() - 20), "G: the last line at the bottom of the window");
    drive(&mut m, [Action::Cmd(Command::Close), Action::Cmd(Command::FocusDetail), Action::Cmd(Command::ToggleHelp)]);
    let detail = starts.iter().find(|(mode, _)| *mode == praktyki::input::Mode::Detail).unwrap().1;
    assert_eq!(m.help_scroll, Some(detail), "from the detail pane, at its keys");
    drive(&mut m, [Action::Cmd(Command::Close)]);
    assert!(m.help_scroll.is_none());
    drive(&mut m, [Action::Cmd(Command::Quit)]);
    assert!(m.quit);
}

#[test]
fn keys_map_to_actions_by_mode() {
    use praktyki::app::action_for_key;
    use praktyki::input::Chord;
    let mut m = small();
    let key =
        |m: &praktyki::app::Model, k: &str| action_for_key(m, &Chord::parse(k).unwrap()).map(|a| format!("{a:?}"));
    assert_eq!(key(&m, "j").as_deref(), Some("Cmd(MoveDown)"));
    assert_eq!(key(&m, "q").as_deref(), Some("Cmd(Quit)"));
    drive(&mut m, [Action::Cmd(Command::FocusSearch)]);
    assert_eq!(key(&m, "j").as_deref(), Some("InsertChar('j')"), "letters are text in the search line");
    assert_eq!(key(&m, "q").as_deref(), Some("InsertChar('q')"));
    assert_eq!(key(&m, "ctrl-c").as_deref(), Some("Cmd(Quit)"), "ctrl-c always quits");
    assert_eq!(key(&m, "esc").as_deref(), Some("Cmd(LeaveSearch)"));
}

#[test]
fn question_mark_opens_help_from_every_overlay() {
    use praktyki::app::action_for_key;
    use praktyki::input::{Chord, Mode};
    let question = Chord::parse("?").unwrap();
    for (open, mode) in [
        (Command::OpenCard, Mode::Card),
        (Command::OpenFacets, Mode::Facets),
        (Command::OpenMap, Mode::Map),
        (Command::OpenRelated, Mode::Related),
    ] {
        let mut m = small();
        drive(&mut m, [Action::Resize(80, 24), Action::Cmd(open)]);
        assert_eq!(m.mode(), mode);
        if mode == Mode::Card {
            let end = action_for_key(&m, &Chord::parse("end").unwrap()).map(|a| format!("{a:?}"));
            assert_eq!(end.as_deref(), Some("Cmd(GoBottom)"), "End in the card, as in every list");
        }
        let action = action_for_key(&m, &question).unwrap_or_else(|| panic!("? is unbound in {mode:?}"));
        drive(&mut m, [action]);
        let (_, starts) = praktyki::app::help::lines(&m);
        let at = starts.iter().find(|(s, _)| *s == mode).map(|(_, line)| *line);
        assert_eq!(m.help_scroll, at, "help opens at the section of {mode:?}");
        drive(&mut m, [Action::Cmd(Command::Close)]);
        assert_eq!(m.mode(), mode, "closing help goes back to {mode:?}");
    }
}

#[test]
fn bookmarks_mark_filter_and_save() {
    let mut m = small();
    let fx = drive(&mut m, [Action::Cmd(Command::MoveDown), Action::Cmd(Command::ToggleBookmark)]);
    assert_eq!(selected_id(&m).as_deref(), Some("ak"));
    match &fx[..] {
        [Effect::SaveBookmark { id, marked: true, .. }] => assert_eq!(id, "ak"),
        other => panic!("{other:?}"),
    };
    assert!(m.bookmarks.contains("ak"));
    assert!(m.status.as_ref().unwrap().0.starts_with("Marked: Akademia"));
    drive(
        &mut m,
        [Action::Cmd(Command::GoBottom), Action::Cmd(Command::ToggleBookmark), Action::Cmd(Command::ToggleMarkedOnly)],
    );
    assert_eq!(listed(&m), ["ak", "zyw"]);
    // A search keeps to the marked ones.
    drive(&mut m, [Action::Cmd(Command::FocusSearch)]);
    drive(&mut m, typed("zyw"));
    assert_eq!(listed(&m), ["zyw"]);
    drive(&mut m, [Action::Cmd(Command::ClearSearch), Action::Cmd(Command::LeaveSearch)]);
    // Unmarking in the marked view removes it from the list at once.
    drive(&mut m, [Action::Cmd(Command::GoTop), Action::Cmd(Command::ToggleBookmark)]);
    assert_eq!(listed(&m), ["zyw"]);
    drive(&mut m, [Action::Cmd(Command::ToggleMarkedOnly)]);
    assert_eq!(listed(&m).len(), 5);
}

#[test]
fn bookmarks_survive_a_reload_and_missing_ones_are_kept() {
    let mut m = small();
    drive(&mut m, [Action::Cmd(Command::ToggleBookmark)]);
    let marked = selected_id(&m).unwrap();
    let new = store(r#"{"format": "praktyki/1", "practices": [{"id": "n", "title": "Nowa"}]}"#);
    let index = Arc::new(praktyki::search::Index::new(&new.practices));
    drive(&mut m, [Action::Reloaded(Ok((new.into(), index)))]);
    assert!(m.bookmarks.contains(&marked), "kept although the practice is gone");
    assert_eq!(m.missing_bookmarks(), 1);
    drive(&mut m, [Action::Cmd(Command::ToggleMarkedOnly)]);
    assert!(m.list.hits.is_empty());
    assert!(m.status.as_ref().unwrap().0.contains("1 marked but not in this store"), "{:?}", m.status);
}

#[test]
fn key_sequences_wait_then_act_or_fall_back() {
    use praktyki::app::action_for_key;
    use praktyki::config::Config;
    use praktyki::input::Chord;
    let text = "[keys.list]\n\"g\" = \"none\"\n\"g g\" = \"go_top\"\n";
    let keymap = Config::parse(text, "c.toml").unwrap().keymap_from(text, "c.toml").unwrap();
    let mut m = small();
    m.keymap = Arc::new(keymap);
    let press = |m: &mut praktyki::app::Model, k: &str| {
        if let Some(a) = action_for_key(m, &Chord::parse(k).unwrap()) {
            drive(m, [a]);
        }
    };
    press(&mut m, "G");
    assert_eq!(m.list.selected, 4);
    press(&mut m, "g");
    assert_eq!((m.list.selected, m.keys_typed.len()), (4, 1), "waits for the second g");
    press(&mut m, "g");
    assert_eq!((m.list.selected, m.keys_typed.len()), (0, 0));
    // g then j: the sequence leads nowhere, and j still moves.
    press(&mut m, "g");
    press(&mut m, "j");
    assert_eq!((m.list.selected, m.keys_typed.len()), (1, 0));
    // g then x (unbound): forgotten, nothing happens.
    press(&mut m, "g");
    press(&mut m, "x");
    assert_eq!((m.list.selected, m.keys_typed.len()), (1, 0));
}

#[test]
fn mouse_wheel_and_clicks() {
    let mut m = small();
    // At 80x24 the list is columns 0..32, rows 1..23; its first item is on row 2.
    drive(&mut m, [Action::MouseClick { column: 5, row: 4 }]);
    assert_eq!((selected_id(&m).as_deref(), m.focus), (Some("lodz"), Focus::List), "third row");
    drive(&mut m, [Action::MouseClick { column: 5, row: 20 }]);
    assert_eq!(selected_id(&m).as_deref(), Some("lodz"), "a click below the last item changes nothing");
    drive(&mut m, [Action::MouseClick { column: 5, row: 1 }]);
    assert_eq!(selected_id(&m).as_deref(), Some("lodz"), "nor a click on the border");
    drive(&mut m, [Action::MouseScroll { column: 5, row: 5, down: true }]);
    assert_eq!(m.list.selected, 4, "three down, clamped at the end");
    drive(&mut m, [Action::MouseClick { column: 50, row: 10 }]);
    assert_eq!(m.focus, Focus::Detail);
    drive(&mut m, [Action::MouseClick { column: 3, row: 0 }]);
    assert_eq!(m.focus, Focus::Search);
    drive(&mut m, [Action::Cmd(Command::OpenCard), Action::MouseScroll { column: 0, row: 0, down: true }]);
    assert!(m.card_field.is_some(), "the wheel moves in the card, wherever it is");
}

#[test]
fn a_paste_is_one_insertion_and_one_search() {
    let mut m = small();
    drive(&mut m, [Action::Cmd(Command::FocusSearch), Action::InsertChar('x'), Action::Cmd(Command::CursorStart)]);
    let fx = praktyki::app::update(&mut m, Action::InsertText("Łódź\r\n\u{1b}[2J".into()));
    assert_eq!(fx.len(), 1, "one search for the whole paste: {fx:?}");
    assert_eq!(m.search.text, "Łódź   [2Jx", "controls become spaces, inserted at the cursor");
    assert_eq!(m.search.cursor, 10);
}

#[test]
fn the_detail_view_follows_selection_tab_width_and_reloads() {
    let text_of = |m: &praktyki::app::Model| {
        m.detail.view.iter().map(|(_, l)| praktyki::app::doc::plain(l)).collect::<Vec<_>>().join("\n")
    };
    let mut m = small();
    drive(&mut m, [Action::Cmd(Command::MoveDown), Action::Cmd(Command::MoveDown)]);
    assert!(text_of(&m).contains("Współpraca gmin wokół Łodzi."), "{}", text_of(&m));
    drive(&mut m, [Action::Cmd(Command::ShowPresentation)]);
    assert!(text_of(&m).contains("Opis sytuacji przed wdrożeniem"));
    let wide = m.detail.view.len();
    drive(&mut m, [Action::Resize(72, 24)]);
    assert!(m.detail.view.len() >= wide, "narrower pane, as many lines or more");
    // The first practice in title order is the third in the file, before and
    // after the reload: only the store's generation tells the views apart.
    drive(&mut m, [Action::Cmd(Command::GoTop), Action::Resize(80, 24)]);
    assert_eq!(m.list.hits[0].index, 2);
    let new = store(
        r#"{"format": "praktyki/1", "practices": [{"id": "z", "title": "Z"}, {"id": "y", "title": "Y"},
           {"id": "c", "title": "A", "presentation": [{"heading": "Nowa sekcja", "body": "x"}]}]}"#,
    );
    let index = Arc::new(praktyki::search::Index::new(&new.practices));
    drive(&mut m, [Action::Reloaded(Ok((new.into(), index)))]);
    assert_eq!(m.list.hits[0].index, 2);
    assert!(text_of(&m).contains("Nowa sekcja"), "{}", text_of(&m));
}

#[test]
fn a_pasted_wall_of_text_searches_the_first_words_and_says_so() {
    // 50,000 one-letter words took 18 minutes and 1.2 GB on a 50k store.
    let mut m = common::small();
    drive(&mut m, [Action::Cmd(Command::FocusSearch), Action::InsertText("lodz ".repeat(10_000))]);
    let (text, _) = m.status.clone().expect("a message");
    assert!(text.contains("first 16 words"), "{text}");
    assert_eq!(m.list.hits.len(), 1, "the first words still search");
}

#[test]
fn after_a_lazy_load_update_asks_the_edge_for_texts_and_drops_stale_answers() {
    // update read the store file itself (twice per move in the Attachments
    // tab); now it asks with an effect and shows the head until the answer.
    let mut m = common::lazy_small();
    // Selecting "lodz" (third in title order) asks for its texts, once.
    let mut asked = Vec::new();
    for a in [Action::Cmd(Command::MoveDown), Action::Cmd(Command::MoveDown)] {
        asked.extend(praktyki::app::update(&mut m, a));
    }
    let reads: Vec<_> = asked.iter().filter(|e| matches!(e, Effect::ReadPractice { .. })).collect();
    assert_eq!(reads.len(), 2, "one per selection: {asked:?}");
    let Effect::ReadPractice { index, generation } = reads[1].clone() else { unreachable!() };
    assert_eq!(m.store.practices.to_vec()[index].id, "lodz");
    // The head shows at once: no summary text yet, no file read; a tab of
    // long texts says it is reading, not that there are none.
    assert!(
        matches!(m.detail(), Some(praktyki::app::model::Detail::Head(_))),
        "the head, not a practice with empty texts"
    );
    praktyki::app::update(&mut m, Action::Cmd(Command::ShowPresentation));
    assert!(m.detail.view.iter().any(|(_, l)| praktyki::app::doc::plain(l) == "Reading…"));
    praktyki::app::update(&mut m, Action::Cmd(Command::ShowSummary));
    assert!(praktyki::app::update(&mut m, Action::Resize(80, 24)).is_empty(), "asked once");
    // An answer for the practice selected before is dropped.
    let stale = praktyki::app::model::Texts {
        index: m.store.practices.iter().position(|p| p.id() == "ak").unwrap(),
        generation,
        practice: Err("stale".into()),
    };
    praktyki::app::update(&mut m, Action::PracticeRead(stale));
    assert!(m.texts.is_none());
    // The answer for it fills the pane.
    let practice = m.store.read_full(index).map(|p| std::sync::Arc::new(p.into_owned()));
    praktyki::app::update(&mut m, Action::PracticeRead(praktyki::app::model::Texts { index, generation, practice }));
    assert!(m.full_practice().unwrap().summary.starts_with("Współpraca gmin wokół Łodzi"));
    assert!(m.detail.view.iter().any(|(_, l)| praktyki::app::doc::plain(l).contains("Współpraca gmin")));
}

#[test]
fn texts_that_cannot_be_read_leave_what_is_known_of_the_practice_on_screen() {
    // A file changed under the browser took the metadata and contacts off
    // the summary tab with the texts; they are known without the file.
    let mut m = common::lazy_small();
    let mut asked = Vec::new();
    for a in [Action::Cmd(Command::MoveDown), Action::Cmd(Command::MoveDown)] {
        asked.extend(praktyki::app::update(&mut m, a));
    }
    let Some(Effect::ReadPractice { index, generation }) =
        asked.iter().rev().find(|e| matches!(e, Effect::ReadPractice { .. })).cloned()
    else {
        panic!("no ask in {asked:?}")
    };
    let text = |m: &praktyki::app::Model| -> Vec<String> {
        m.detail.view.iter().map(|(_, l)| praktyki::app::doc::plain(l)).collect()
    };
    let head = text(&m);
    assert!(head.iter().any(|l| l.contains("Łódź")), "{head:?}");
    let failed =
        praktyki::app::model::Texts { index, generation, practice: Err("store.json: changed; reload it".into()) };
    praktyki::app::update(&mut m, Action::PracticeRead(failed));
    let shown = text(&m);
    assert_eq!(shown.first().map(String::as_str), Some("store.json: changed; reload it"));
    for line in head.iter().filter(|l| !l.is_empty()) {
        assert!(shown.contains(line), "{line:?} is gone: {shown:?}");
    }
    praktyki::app::update(&mut m, Action::Cmd(Command::ShowPresentation));
    assert_eq!(text(&m), ["store.json: changed; reload it"], "a tab of texts has only why");
}

#[test]
fn going_back_before_the_texts_come_leaves_nothing_to_wait_for() {
    // Keys for the detail pane wait for an asked practice's texts; an ask
    // left behind when the selection went back to a practice already read
    // made them wait for an answer that is dropped: the browser froze.
    let mut m = common::lazy_small();
    let answer = |m: &praktyki::app::Model, fx: &[Effect]| {
        let Some(Effect::ReadPractice { index, generation }) =
            fx.iter().find(|e| matches!(e, Effect::ReadPractice { .. })).cloned()
        else {
            panic!("no ask in {fx:?}")
        };
        let practice = m.store.read_full(index).map(|p| std::sync::Arc::new(p.into_owned()));
        Action::PracticeRead(praktyki::app::model::Texts { index, generation, practice })
    };
    let fx = praktyki::app::update(&mut m, Action::Cmd(Command::MoveDown));
    let first = answer(&m, &fx);
    praktyki::app::update(&mut m, first);
    assert!(m.texts_asked.is_none());
    let fx = praktyki::app::update(&mut m, Action::Cmd(Command::MoveDown));
    let second = answer(&m, &fx);
    assert!(m.texts_asked.is_some());
    praktyki::app::update(&mut m, Action::Cmd(Command::MoveUp));
    assert!(m.texts_asked.is_none(), "back on a practice whose texts are here: nothing asked");
    praktyki::app::update(&mut m, second);
    assert!(m.texts_asked.is_none());
}

#[test]
fn a_reload_keeps_the_selected_practice() {
    // A reload jumped back to the top of the list.
    let mut m = small();
    drive(&mut m, [Action::Cmd(Command::MoveDown), Action::Cmd(Command::MoveDown)]);
    let before = selected_id(&m);
    assert_eq!(before.as_deref(), Some("lodz"));
    // The new store has one practice more, before the selected one in title order.
    let text = common::SMALL.replacen("[\n", "[\n{\"id\": \"new\", \"title\": \"Aaa nowa praktyka\"},\n", 1);
    let store = common::store(&text);
    let index = Arc::new(praktyki::search::Index::new(&store.practices));
    drive(&mut m, [Action::Reloaded(Ok((store.into(), index)))]);
    assert_eq!(m.store.practices.len(), 6);
    assert_eq!(selected_id(&m), before, "the same practice is selected");
}

#[test]
fn facets_list_sections_and_voivodeships_and_pick_one() {
    let mut m = small();
    drive(&mut m, [Action::Cmd(Command::OpenFacets)]);
    let facets = m.facets.clone().expect("open");
    // The small store has voivodeships (one practice each) and no sections.
    assert_eq!(facets.items.len(), 5);
    assert!(facets.items.iter().all(|f| f.count == 1 && f.filter == praktyki::search::Filter::Voivodeship));
    assert_eq!(m.mode(), praktyki::input::Mode::Facets);
    // Down twice, past the end is the last; Enter filters the list by it.
    drive(&mut m, [Action::Cmd(Command::MoveDown), Action::Cmd(Command::GoBottom), Action::Cmd(Command::MoveDown)]);
    let last = facets.items.last().unwrap().value.clone();
    drive(&mut m, [Action::Cmd(Command::Choose)]);
    assert!(m.facets.is_none());
    assert!(m.search.text.starts_with("woj:"), "{}", m.search.text);
    let listed = listed(&m);
    assert_eq!(listed.len(), 1);
    let p = m.store.practices.iter().find(|p| p.id() == listed[0]).unwrap();
    assert_eq!(p.voivodeship(), Some(last.as_str()));
    // Opened again on the filtered list: one voivodeship; Esc closes, nothing changes.
    drive(&mut m, [Action::Cmd(Command::OpenFacets)]);
    assert_eq!(m.facets.as_ref().map(|f| f.items.len()), Some(1));
    let before = m.search.text.clone();
    drive(&mut m, [Action::Cmd(Command::Close)]);
    assert!(m.facets.is_none());
    assert_eq!(m.search.text, before);
}

/// The small store with only its names indexed, as the browser starts on a
/// store it has just parsed (the texts' index comes later).
fn on_names_only() -> praktyki::app::Model {
    let store = store(SMALL);
    let names = Arc::new(praktyki::search::Index::new(&store.practices));
    praktyki::app::Model::new(
        store,
        names,
        "test.json".into(),
        Arc::new(praktyki::input::Keymap::defaults()),
        praktyki::i18n::Lang::En,
    )
}

#[test]
fn the_texts_index_arriving_after_the_first_frame_answers_the_query_again() {
    let mut m = on_names_only();
    drive(&mut m, [Action::Cmd(Command::FocusSearch)]);
    drive(&mut m, typed("bilet"));
    assert!(listed(&m).is_empty(), "only the texts have the word");
    let whole = Arc::new(m.index.with_topics(&m.store));
    // An index of an older store is dropped.
    let generation = m.generation;
    drive(&mut m, [Action::IndexReady { generation: generation + 1, index: whole.clone() }]);
    assert!(listed(&m).is_empty());
    drive(&mut m, [Action::IndexReady { generation, index: whole }]);
    assert_eq!(listed(&m), ["lodz"]);
}

#[test]
fn the_texts_index_arriving_keeps_the_practice_selected() {
    // Text matches come in while the user is on a name match: the search is
    // answered again, and the practice they were on stays selected.
    let mut m = on_names_only();
    drive(&mut m, [Action::Resize(80, 24), Action::Cmd(Command::FocusSearch)]);
    drive(&mut m, typed("o"));
    let before = listed(&m);
    assert!(before.len() >= 3, "{before:?}");
    drive(&mut m, [Action::Cmd(Command::LeaveSearch), Action::Cmd(Command::MoveDown), Action::Cmd(Command::MoveDown)]);
    let chosen = selected_id(&m);
    assert_eq!(chosen.as_deref(), Some(before[2].as_str()));
    let whole = Arc::new(m.index.with_topics(&m.store));
    let generation = m.generation;
    drive(&mut m, [Action::IndexReady { generation, index: whole }]);
    assert_eq!(selected_id(&m), chosen, "listed now: {:?}", listed(&m));
}

#[test]
fn the_first_e_mail_and_phone_are_one_key_from_the_list_and_the_detail() {
    let mut m = searched("lodz");
    let fx = drive(&mut m, [Action::Cmd(Command::LeaveSearch), Action::Cmd(Command::CopyEmail)]);
    assert_eq!(fx, [Effect::CopyToClipboard("anna@example.org".into())]);
    let fx = drive(&mut m, [Action::Cmd(Command::FocusDetail), Action::Cmd(Command::CopyPhone)]);
    assert_eq!(fx, [Effect::CopyToClipboard("42 000 00 00".into())]);
    // A practice without contacts: its office's phone, and no e-mail to copy.
    let mut m = searched("opole");
    let fx = drive(&mut m, [Action::Cmd(Command::LeaveSearch), Action::Cmd(Command::CopyEmail)]);
    assert!(fx.is_empty());
    assert!(m.status.as_ref().is_some_and(|s| s.0.contains("Nothing to copy")), "{:?}", m.status);
    // The keys are bound in the list, so the detail pane has them too.
    let keys = praktyki::input::Keymap::defaults();
    assert!(keys.help_rows().iter().any(|(_, rows)| rows.iter().any(|r| r[0].1 == Command::CopyEmail)));
}

#[test]
fn empty_marked_list_and_copy_in_the_list_say_what_to_do() {
    let mut m = small();
    drive(&mut m, [Action::Cmd(Command::ToggleMarkedOnly)]);
    assert!(listed(&m).is_empty());
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    t.draw(|f| praktyki::ui::render(&m, &praktyki::ui::Theme::colored(), f)).unwrap();
    let screen: String = t.backend().buffer().content().iter().map(|c| c.symbol()).collect();
    assert!(screen.contains("No marked practices – press m"), "{screen}");
    let mut m = small();
    drive(&mut m, [Action::Cmd(Command::Copy)]);
    assert!(m.status.as_ref().is_some_and(|s| s.0.contains("e copies the e-mail")), "{:?}", m.status);
}

#[test]
fn a_backward_wrap_is_named_for_either_direction_in_polish() {
    let mut m = model_of(store(SMALL), praktyki::i18n::Lang::Pl);
    drive(&mut m, [Action::Cmd(Command::FocusSearch)]);
    drive(&mut m, typed("lodz"));
    drive(&mut m, [Action::Cmd(Command::FocusDetail), Action::Cmd(Command::ShowPresentation), Action::Resize(80, 12)]);
    drive(&mut m, [Action::Cmd(Command::PrevMatch)]);
    // Back past the first match to the last one: not "from the start".
    assert_eq!(m.status.as_ref().map(|s| s.0.as_str()), Some("1/1 · od drugiego końca karty"));
}

#[test]
fn e_and_p_skip_blank_values_as_the_export_columns_do() {
    let text = r#"{"format": "praktyki/1", "practices": [{"id": "a", "title": "T", "phone": "77 111",
 "contacts": [{"name": "A", "email": " ", "phone": ""}, {"name": "B", "email": "b@example.org"}]}]}"#;
    let mut m = common::model_of(common::store(text), praktyki::i18n::Lang::En);
    let fx = drive(&mut m, [Action::Cmd(Command::CopyEmail)]);
    assert_eq!(fx, [Effect::CopyToClipboard("b@example.org".into())]);
    let fx = drive(&mut m, [Action::Cmd(Command::CopyPhone)]);
    assert_eq!(fx, [Effect::CopyToClipboard("77 111".into())], "no contact has one: the office's");
    let p = common::store(text).read_full(0).unwrap().into_owned();
    assert_eq!(praktyki::export::Field::Email.value(&p), "b@example.org");
    assert_eq!(praktyki::export::Field::Phone.value(&p), "77 111");
}

#[test]
fn text_matches_scrolled_into_view_get_their_sentence_once() {
    // A search finds the sentences of its first text matches only (each is
    // a read of the store file); rows past them were listed without the
    // sentence that matched. As if "bilet" had more text matches than that:
    let mut m = searched("bilet");
    let text_hit = m.list.hits.iter().find(|h| h.quality == praktyki::search::Quality::Text).unwrap().index;
    m.list.sentences = Arc::default();
    // A move brings the rows into view again: their sentences are asked for, once.
    let asked = praktyki::app::update(&mut m, Action::Resize(80, 24));
    let Some(Effect::ReadSentences { query, generation, practices }) = asked.first().cloned() else {
        panic!("asked for the sentences: {asked:?}")
    };
    assert_eq!((query.as_str(), practices.as_slice()), ("bilet", &[text_hit][..]));
    assert!(praktyki::app::update(&mut m, Action::Resize(80, 24)).is_empty(), "asked once");
    // An answer for another query (the search changed meanwhile) is dropped.
    let found = praktyki::tui::session::sentences_of(&m.index, &m.store, "bilet", practices.into_iter());
    let stale = Action::SentencesRead { query: "bil".into(), generation, sentences: found.clone() };
    praktyki::app::update(&mut m, stale);
    assert!(m.list.sentences.is_empty());
    praktyki::app::update(&mut m, Action::SentencesRead { query, generation, sentences: found });
    assert!(m.list.sentences[&text_hit].0.contains("bilet"), "{:?}", m.list.sentences);
    // A new search asks again for what it did not find itself.
    drive(&mut m, [Action::Cmd(Command::DeleteWord)]);
    drive(&mut m, typed("bilet"));
    assert!(m.list.sentences.contains_key(&text_hit));
}
