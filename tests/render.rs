//! Rendering into an in-memory buffer: whole screens at 80x24, styles of the
//! selection and of matches, and every size down to 1x1.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use praktyki::app::model::StatusKind;
use praktyki::app::{Action, Model};
use praktyki::i18n::Lang;
use praktyki::input::Command;
use praktyki::ui::Theme;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

/// The first cell where `needle` starts, searching rows from the top and
/// only the columns before `x_max`.
fn find_in(b: &Buffer, needle: &str, x_max: u16) -> Option<(u16, u16)> {
    let chars: Vec<char> = needle.chars().collect();
    for y in 0..b.area.height {
        let row: Vec<String> = (0..x_max.min(b.area.width)).map(|x| b[(x, y)].symbol().to_owned()).collect();
        for x in 0..row.len() {
            if row[x..].iter().take(chars.len()).map(String::as_str).collect::<String>() == needle {
                return Some((x as u16, y));
            }
        }
    }
    None
}

fn embedded(lang: Lang) -> Model {
    model_of(praktyki::store::load_embedded(Default::default()).unwrap(), lang)
}

#[test]
fn embedded_store_at_80x24_in_english() {
    let m = embedded(Lang::En);
    insta::assert_snapshot!(text(&draw(&m, &Theme::colored())));
}

#[test]
fn embedded_store_at_80x24_in_polish() {
    let m = embedded(Lang::Pl);
    insta::assert_snapshot!(text(&draw(&m, &Theme::colored())));
}

#[test]
fn search_results_and_contact_card_at_80x24() {
    let mut m = searched("lodz");
    insta::assert_snapshot!("search_lodz", text(&draw(&m, &Theme::colored())));
    drive(
        &mut m,
        [
            Action::Cmd(Command::LeaveSearch),
            Action::Cmd(Command::OpenCard),
            Action::Cmd(Command::MoveDown),
            Action::Cmd(Command::MoveDown),
        ],
    );
    insta::assert_snapshot!("card", text(&draw(&m, &Theme::colored())));
}

/// The row of the list (left pane) that has `needle`, as text.
fn list_row(b: &Buffer, needle: &str) -> Option<String> {
    // Below the search line, and in the list: the detail pane's title may have it too.
    let (_, y) = find_in(b, needle, 30).filter(|(_, y)| *y > 1)?;
    Some((0..b.area.width).map(|x| b[(x, y)].symbol()).collect::<String>())
}

#[test]
fn rows_say_why_they_are_listed() {
    // A word only the texts have: the row shows the sentence, after "¶".
    let m = searched("bilet");
    let b = draw(&m, &Theme::colored());
    let row = list_row(&b, "¶").expect("a text match row");
    assert!(row.contains("Łódzki") && row.contains(" ¶ …") && row.contains("bilet."), "{row}");
    let (_, y) = find_in(&b, "¶", m.areas().list.unwrap().width).expect("the row");
    let x = (0..b.area.width - 5).find(|&x| (0..5).map(|d| b[(x + d, y)].symbol()).collect::<String>() == "bilet");
    let x = x.expect("the word on the row");
    assert!(b[(x, y)].modifier.contains(Modifier::UNDERLINED), "the word is highlighted");
    assert!(!b[(x - 2, y)].modifier.contains(Modifier::UNDERLINED), "and not the word before");
    // A partner's name: the row shows the partner, which the columns do not.
    let m = searched("wegierska");
    let row = list_row(&draw(&m, &Theme::colored()), "Związek").expect("the row");
    assert!(row.contains(" · …Węgierska"), "the partner's matched part: {row}");
    // A town the long title would push off the row: shown, with the title cut.
    let long = r#"{"format": "praktyki/1", "practices": [{"id": "w", "title": "Porozumienie gmin na rzecz wspólnej komunikacji", "town": "Wąchock", "voivodeship": "świętokrzyskie"}]}"#;
    let mut m = model_of(store(long), Lang::En);
    drive(&mut m, [Action::Cmd(Command::FocusSearch)]);
    drive(&mut m, typed("wachock"));
    let row = list_row(&draw(&m, &Theme::colored()), "Porozumienie").expect("the row");
    assert!(row.contains("… · Wąchock"), "the matched town: {row}");
    // A title that shows the word needs nothing more.
    let m = searched("zywiec");
    let row = list_row(&draw(&m, &Theme::colored()), "Związek").expect("the row");
    assert!(!row.contains("… ·"), "{row}");
    // A typo: the status line says what it was taken for.
    let m = searched("zwaizek");
    let screen = text(&draw(&m, &Theme::colored()));
    assert!(screen.contains("Showing matches for: zwaizek → zwiazek"), "{screen}");
    assert_eq!(listed(&m).first().map(String::as_str), Some("zyw"));
}

#[test]
fn presentation_and_attachments_tabs() {
    let mut m = searched("lodz");
    drive(&mut m, [Action::Cmd(Command::FocusDetail), Action::Cmd(Command::ShowPresentation)]);
    let screen = text(&draw(&m, &Theme::colored()));
    assert!(screen.contains("Opis sytuacji przed wdrożeniem"), "{screen}");
    assert!(screen.contains("Łódź i gminy mają wspólny bilet."), "{screen}");
    drive(&mut m, [Action::Cmd(Command::ShowAttachments)]);
    let screen = text(&draw(&m, &Theme::colored()));
    assert!(screen.contains("Raport") && screen.contains("format: PDF, size: 2.0 kB"), "{screen}");
    assert!(screen.contains("https://example.org/raport.pdf"), "{screen}");
}

#[test]
fn help_overlay_lists_the_keymap() {
    let mut m = small();
    drive(&mut m, [Action::Cmd(Command::ToggleHelp)]);
    // Opened from the list: its keys, under a heading people read, each with
    // the name a config file binds it by, and where in the help this is.
    let screen = text(&draw(&m, &Theme::colored()));
    for needle in ["│List", "j ↓", "down", "move_down", "PgDn", "ctrl-d", "half page down"] {
        assert!(screen.contains(needle), "{needle} missing:\n{screen}");
    }
    let total = praktyki::app::help::lines(&m).0.len();
    // The last line in view, as the detail pane counts (the overlay is the
    // screen less two rows, less its border).
    let at = (m.help_scroll.unwrap() + 20).min(total);
    assert!(screen.contains(&format!(" {at}/{total} ")), "the position:\n{screen}");
    // The search syntax at the top.
    drive(&mut m, [Action::Cmd(Command::GoTop)]);
    let screen = text(&draw(&m, &Theme::colored()));
    for needle in ["Search", "krakwo → Kraków", "rok:2010-2014", "tekst:odpady"] {
        assert!(screen.contains(needle), "{needle} missing:\n{screen}");
    }
    // Scrolled to its end, the help shows the global keys.
    drive(&mut m, [Action::Cmd(Command::GoBottom)]);
    let screen = text(&draw(&m, &Theme::colored()));
    assert!(screen.contains("ctrl-c") && screen.contains("quit"), "{screen}");
    assert!(screen.contains("│Everywhere"), "the global keys' heading: {screen}");
}

#[test]
fn selection_and_matches_are_styled() {
    let m = searched("zyw");
    for (theme, selected_has, matched_has) in [
        (Theme::colored(), Modifier::BOLD, Modifier::BOLD | Modifier::UNDERLINED),
        (Theme::mono(), Modifier::REVERSED, Modifier::BOLD | Modifier::UNDERLINED),
    ] {
        let b = draw(&m, &theme);
        let list_width = m.areas().list.unwrap().width;
        let (x, y) = find_in(&b, "Związek Gmin Żywiecczyzny", list_width).unwrap();
        // The selected row: the style runs across the row.
        let cell = &b[(x + 1, y)];
        assert!(cell.modifier.contains(selected_has), "{:?}", cell);
        if theme == Theme::colored() {
            assert_eq!(cell.bg, Color::Blue);
        }
        // "Żyw" in the title matches "zyw": highlighted on the original letters.
        let (zx, zy) = find_in(&b, "Żyw", list_width).unwrap();
        for dx in 0..3 {
            assert!(b[(zx + dx, zy)].modifier.contains(matched_has), "{:?}", b[(zx + dx, zy)]);
        }
        // The letter after the match is not highlighted.
        assert!(!b[(zx + 3, zy)].modifier.contains(Modifier::UNDERLINED));
    }
}

#[test]
fn mono_theme_uses_no_colour() {
    let mut m = searched("lodz");
    drive(&mut m, [Action::Cmd(Command::LeaveSearch), Action::Cmd(Command::OpenCard)]);
    let b = draw(&m, &Theme::mono());
    for cell in b.content() {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{cell:?}");
    }
}

#[test]
fn too_small_window_says_so() {
    let mut m = small();
    drive(&mut m, [Action::Resize(19, 4)]);
    let b = draw(&m, &Theme::colored());
    assert!(text(&b).starts_with("Window too small"), "{}", text(&b));
    // Narrower: a shorter form, not a word cut in the middle.
    drive(&mut m, [Action::Resize(12, 4)]);
    assert!(text(&draw(&m, &Theme::colored())).starts_with("Too small\n"));
    drive(&mut m, [Action::Resize(1, 1)]);
    assert_eq!(text(&draw(&m, &Theme::colored())), "…\n");
}

#[test]
fn every_size_and_resize_sequence_renders() {
    let store = praktyki::store::StoreFile::new(praktyki::store::synth::store(50, 5).practices);
    let mut m = model_of(common::store(&serde_json::to_string(&store).unwrap()), Lang::Pl);
    drive(&mut m, [Action::Cmd(Command::FocusSearch)]);
    drive(&mut m, typed("gmina ż"));
    let states: Vec<Vec<Action>> = vec![
        vec![],
        vec![
            Action::Cmd(Command::LeaveSearch),
            Action::Cmd(Command::FocusDetail),
            Action::Cmd(Command::ShowPresentation),
            Action::Cmd(Command::GoBottom),
        ],
        vec![Action::Cmd(Command::ShowAttachments), Action::Cmd(Command::MoveDown)],
        vec![Action::Cmd(Command::OpenCard), Action::Cmd(Command::GoBottom)],
        vec![Action::Cmd(Command::Close), Action::Cmd(Command::ToggleHelp), Action::Cmd(Command::PageDown)],
    ];
    for actions in states {
        drive(&mut m, actions);
        for w in (1..=120).step_by(7) {
            for h in (1..=50).step_by(3) {
                drive(&mut m, [Action::Resize(w, h)]);
                let _ = draw(&m, &Theme::colored());
            }
        }
    }
    // A shrink-grow-shrink sequence keeps the model consistent.
    for (w, h) in [(200, 60), (3, 2), (80, 24), (20, 5), (69, 15), (70, 16), (1, 1), (80, 24)] {
        drive(&mut m, [Action::Resize(w, h)]);
        let _ = draw(&m, &Theme::mono());
    }
    assert!(m.list.selected < m.list.hits.len().max(1));
}

#[test]
fn stacked_and_list_only_layouts() {
    let mut m = small();
    drive(&mut m, [Action::Resize(60, 24)]);
    let screen = text(&draw(&m, &Theme::colored()));
    let list_row = screen.lines().position(|l| l.contains("Practices")).unwrap();
    let detail_row = screen.lines().position(|l| l.contains("Aglomeracja Opolska ─")).unwrap();
    assert!(detail_row > list_row, "detail stacked under the list:\n{screen}");
    drive(&mut m, [Action::Resize(60, 12)]);
    let screen = text(&draw(&m, &Theme::colored()));
    assert!(screen.contains("Practices") && !screen.contains("1 Summary"), "{screen}");
    drive(&mut m, [Action::Cmd(Command::FocusDetail)]);
    let screen = text(&draw(&m, &Theme::colored()));
    assert!(!screen.contains("Practices") && screen.contains("Summary"), "{screen}");
}

#[test]
fn lazy_and_eager_stores_render_alike() {
    use praktyki::store::{LoadOptions, load::parse_str};
    let lazy = parse_str(common::SMALL, "test.json", LoadOptions { lazy: true, ..LoadOptions::default() }).unwrap();
    let mut a = model_of(lazy, Lang::En);
    let mut b = small();
    for actions in [
        vec![
            Action::Cmd(Command::FocusSearch),
            Action::InsertChar('l'),
            Action::InsertChar('o'),
            Action::Cmd(Command::LeaveSearch),
        ],
        vec![Action::Cmd(Command::FocusDetail)],
        vec![Action::Cmd(Command::ShowPresentation)],
        vec![Action::Cmd(Command::ShowAttachments), Action::Cmd(Command::MoveDown)],
        vec![Action::Cmd(Command::FocusList), Action::Cmd(Command::GoBottom), Action::Cmd(Command::ShowSummary)],
    ] {
        let fa = drive(&mut a, actions.clone());
        let fb = drive(&mut b, actions);
        assert_eq!(fa, fb);
        assert_eq!(text(&draw(&a, &Theme::colored())), text(&draw(&b, &Theme::colored())));
    }
    let fx = drive(
        &mut a,
        [
            Action::Cmd(Command::FocusSearch),
            Action::Cmd(Command::ClearSearch),
            Action::InsertChar('ł'),
            Action::Cmd(Command::FocusDetail),
            Action::Cmd(Command::ShowAttachments),
            Action::Cmd(Command::OpenLink),
        ],
    );
    assert_eq!(fx, [praktyki::app::Effect::OpenUrl("https://example.org/raport.pdf".into())]);
}

#[test]
fn a_huge_claimed_window_is_drawn_at_the_largest_size() {
    // A pty or an SSH client may claim 65535x65535: a frame buffer that big
    // took 200 GB and aborted with the terminal left raw.
    let mut m = common::small();
    drive(&mut m, [Action::Resize(65535, 65535)]);
    assert_eq!(m.size, praktyki::app::layout::clamp_size(u16::MAX, u16::MAX));
    assert_eq!(m.size, (1000, 500));
    let _ = draw(&m, &Theme::colored());
    drive(&mut m, [Action::Resize(65535, 3)]);
    assert_eq!(m.size, (1000, 3));
}

#[test]
fn facets_fit_a_small_window_and_say_where_the_selection_is() {
    let long = r#"{"format": "praktyki/1", "practices": [
{"id": "a", "title": "A", "area": "Dane syntetyczne (nie z BDP): Współpraca między JST", "voivodeship": "śląskie"},
{"id": "b", "title": "B", "area": "Dane syntetyczne (nie z BDP): Usługi techniczne", "voivodeship": "opolskie"}]}"#;
    let mut m = model_of(store(long), Lang::En);
    drive(&mut m, [Action::Resize(40, 12), Action::Cmd(Command::OpenFacets), Action::Cmd(Command::MoveDown)]);
    let screen = text(&draw(&m, &Theme::colored()));
    assert!(screen.contains("2/4"), "the position: {screen}");
    assert!(
        screen.contains("…): Usługi techniczne") && screen.contains("…spółpraca między JST"),
        "cut in the middle: {screen}"
    );
}

#[test]
fn the_key_to_help_stays_in_the_status_line_at_any_width() {
    for (w, h) in [(80u16, 24u16), (60, 20), (44, 20), (36, 20)] {
        let mut m = small();
        drive(&mut m, [Action::Resize(w, h)]);
        let screen = text(&draw(&m, &Theme::colored()));
        let status = screen.lines().last().unwrap_or_default().to_owned();
        assert!(status.contains("? help"), "{w}x{h}: {status}");
        assert!(!status.contains('…') || !status.ends_with('…'), "hints are left out whole, not cut: {status}");
    }
}

#[test]
fn a_long_note_is_cut_to_keep_the_key_to_help() {
    for (w, h) in [(80u16, 24u16), (50, 20)] {
        let mut m = small();
        drive(&mut m, [Action::Resize(w, h)]);
        m.status = Some(("Marked: ".to_owned() + &"Bardzo długi tytuł praktyki ".repeat(6), StatusKind::Info));
        let screen = text(&draw(&m, &Theme::colored()));
        let status = screen.lines().last().unwrap_or_default().to_owned();
        assert!(status.contains("Marked: Bardzo") && status.contains("… · ? help"), "{w}x{h}: {status}");
    }
}

#[test]
fn popups_leave_the_status_line_alone() {
    for open in [Command::OpenFacets, Command::OpenCard, Command::OpenRelated] {
        for (w, h) in [(50u16, 8u16), (60, 9), (80, 24)] {
            let mut m = small();
            drive(&mut m, [Action::Resize(w, h), Action::Cmd(open)]);
            let screen = text(&draw(&m, &Theme::colored()));
            let status = screen.lines().last().unwrap_or_default().to_owned();
            assert!(status.contains("? help") && !status.contains(['─', '└', '┘']), "{open:?} {w}x{h}: {screen}");
        }
    }
}

#[test]
fn the_bookmark_mark_has_a_column_of_its_own() {
    let mut m = searched("");
    drive(
        &mut m,
        [Action::Cmd(Command::LeaveSearch), Action::Cmd(Command::MoveDown), Action::Cmd(Command::ToggleBookmark)],
    );
    let screen = text(&draw(&m, &Theme::colored()));
    let rows: Vec<&str> = screen.lines().skip(2).take(3).collect();
    // Marked or not, titles start in the same column.
    let starts: Vec<usize> =
        rows.iter().map(|r| r.chars().skip(1).position(|c| c.is_alphabetic()).unwrap_or(0)).collect();
    assert!(starts.iter().all(|s| *s == starts[0]) && rows.iter().any(|r| r.contains("│* ")), "{screen}");
}

#[test]
fn the_list_selection_is_dimmer_while_the_detail_has_the_keys() {
    let mut m = searched("zyw");
    let list_width = m.areas().list.unwrap().width;
    let (x, y) = find_in(&draw(&m, &Theme::colored()), "Związek", list_width).unwrap();
    assert_eq!(draw(&m, &Theme::colored())[(x + 1, y)].bg, Color::Blue, "focused");
    drive(&mut m, [Action::Cmd(Command::FocusDetail)]);
    assert_eq!(draw(&m, &Theme::colored())[(x + 1, y)].bg, Color::Indexed(239), "another pane has the keys");
    let mono = draw(&m, &Theme::mono());
    assert!(
        !mono[(x + 1, y)].modifier.contains(Modifier::REVERSED)
            && mono[(x + 1, y)].modifier.contains(Modifier::UNDERLINED)
    );
}

#[test]
fn a_selected_row_is_readable_whatever_its_spans_colours() {
    // The card opens on the e-mail: a blue link on the blue selection was unreadable.
    let mut m = searched("lodz");
    drive(&mut m, [Action::Cmd(Command::LeaveSearch), Action::Cmd(Command::OpenCard)]);
    let b = draw(&m, &Theme::colored());
    let (x, y) = find_in(&b, "anna@example.org", 80).expect("the e-mail");
    for dx in 0..5 {
        let cell = &b[(x + dx, y)];
        assert_eq!((cell.fg, cell.bg), (Color::White, Color::Blue), "{cell:?}");
    }
}

#[test]
fn contacts_are_never_cut_silently_in_a_narrow_window() {
    let mut m = embedded(Lang::En);
    drive(&mut m, [Action::Resize(36, 20), Action::Cmd(Command::FocusDetail)]);
    // The detail pane breaks the e-mail with "…" at each break.
    drive(&mut m, (0..6).map(|_| Action::Cmd(Command::MoveDown)));
    let screen = text(&draw(&m, &Theme::colored()));
    assert!(
        screen.contains("krzysztof.poczatek@ao.…") && screen.contains("      opole.pl"),
        "broken after a dot: {screen}"
    );
    // The card ends a field too wide for it with "…".
    drive(&mut m, [Action::Cmd(Command::OpenCard)]);
    let screen = text(&draw(&m, &Theme::colored()));
    let email = screen.lines().find(|l| l.contains("e-mail:")).unwrap_or_default().to_owned();
    assert!(email.contains('…') && !email.contains("opole.pl"), "{email}");
}

#[test]
fn the_search_line_scrolls_and_its_placeholder_is_never_cut_mid_word() {
    let mut m = small();
    drive(&mut m, [Action::Resize(36, 20)]);
    let screen = text(&draw(&m, &Theme::mono()));
    let first = screen.lines().next().unwrap().to_owned();
    assert_eq!(first, "Search: / to search", "the short form at 36 columns");
    // A query longer than the line: its end, where the cursor is, in view.
    drive(&mut m, [Action::Cmd(Command::FocusSearch)]);
    drive(&mut m, typed("wspolpraca gmin powiatu oleskiego szkoly"));
    let b = draw(&m, &Theme::mono());
    let first = text(&b).lines().next().unwrap().to_owned();
    assert!(first.starts_with("Search: …") && first.ends_with(" szkoly"), "{first}");
    assert!(first.chars().count() <= 36, "{first}");
    // Moving back through it, the view holds still until the cursor nears
    // its start, then moves by half a line; the cursor is on a letter.
    let mut views = std::collections::BTreeSet::new();
    for _ in 0..20 {
        drive(&mut m, [Action::Cmd(Command::CursorLeft)]);
        let b = draw(&m, &Theme::mono());
        views.insert(text(&b).lines().next().unwrap().to_owned());
    }
    assert!(views.len() <= 3, "{views:?}");
    // To and fro where the view is: it holds still.
    let mut views = std::collections::BTreeSet::new();
    for _ in 0..6 {
        drive(&mut m, [Action::Cmd(Command::CursorRight), Action::Cmd(Command::CursorLeft)]);
        views.insert(text(&draw(&m, &Theme::mono())).lines().next().unwrap().to_owned());
    }
    assert_eq!(views.len(), 1, "{views:?}");
}

#[test]
fn a_message_keeps_the_key_to_help_beside_it_and_the_store_has_one_form() {
    let mut m = small();
    drive(&mut m, [Action::Resize(100, 24), Action::Cmd(Command::ToggleBookmark)]);
    let screen = text(&draw(&m, &Theme::mono()));
    let status = screen.lines().last().unwrap().to_owned();
    assert!(status.contains("Marked") && status.contains("? help"), "{status}");
    // A long store path is cut from its start, and still says what it is.
    m.store_label = "/very/long/path/to/some/directory/of/stores/praktyki.json".into();
    drive(&mut m, [Action::Resize(80, 24), Action::Cmd(Command::Close)]);
    let status = text(&draw(&m, &Theme::mono())).lines().last().unwrap().to_owned();
    // The store is "store: …tail" or not there at all: never a bare path.
    let shows_path = status.contains("praktyki.json") || status.contains("stores/");
    assert!(!shows_path || status.contains("store: …"), "{status}");
    drive(&mut m, [Action::Resize(120, 24)]);
    let status = text(&draw(&m, &Theme::mono())).lines().last().unwrap().to_owned();
    assert!(status.contains("store: …") && status.contains("praktyki.json"), "room for its end: {status}");
}

#[test]
fn the_store_and_a_message_never_run_together() {
    // At some widths the store's path filled the room to the last column
    // before the message: "store: …n100000.jsonShowing matches for…".
    let mut m = small();
    m.store_label = "/tmp/p17/n100000.json".into();
    for w in 40u16..=140 {
        drive(&mut m, [Action::Resize(w, 24)]);
        m.status = Some(("Showing matches for: krakwo → krakow".into(), StatusKind::Info));
        let status = text(&draw(&m, &Theme::mono())).lines().last().unwrap().to_owned();
        if let Some(at) = status.find(".json") {
            let after = &status[at + ".json".len()..];
            assert!(after.starts_with(' '), "{w} columns: {status}");
        }
    }
}

#[test]
fn help_wraps_to_a_narrow_window() {
    for (w, h) in [(36u16, 40u16), (40, 40), (60, 40)] {
        let mut m = small();
        drive(&mut m, [Action::Resize(w, h), Action::Cmd(Command::ToggleHelp), Action::Cmd(Command::GoTop)]);
        let screen = text(&draw(&m, &Theme::mono()));
        let help: Vec<&str> = screen.lines().filter(|l| l.starts_with('│')).collect();
        // Nothing cut: a description goes on under itself, where it starts.
        assert!(help.iter().all(|l| !l.contains('…')), "{w}x{h}: {screen}");
        let joined: String = help.iter().map(|l| l.trim_matches('│').trim()).collect::<Vec<_>>().join(" ");
        assert!(joined.contains("(krakwo → Kraków)"), "{w}x{h}: {joined}");
        let column = |l: &str| l.chars().skip(1).take_while(|c| *c == ' ').count();
        let year = help.iter().find(|l| l.contains("year entered")).expect("the term's meaning");
        let typos = help.iter().find(|l| l.contains("all must match")).expect("the first term");
        assert!(!year.contains("rok:2014"), "the long term has its own line: {screen}");
        assert_eq!(column(year), typos.chars().position(|c| c == 'a').unwrap() - 1, "{w}x{h}: {screen}");
    }
}

#[test]
fn a_card_with_nothing_to_copy_offers_only_its_way_out() {
    let mut m =
        model_of(store(r#"{"format": "praktyki/1", "practices": [{"id": "a", "title": "Bez kontaktu"}]}"#), Lang::En);
    drive(&mut m, [Action::Cmd(Command::OpenCard)]);
    let screen = text(&draw(&m, &Theme::mono()));
    assert!(screen.contains("Esc close") && !screen.contains("y copy"), "{screen}");
}
