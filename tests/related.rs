//! Onward from a practice in the browser: R lists related ones with why, Enter goes to
//! one (widening the search when it is not listed), b comes back; x exports.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use praktyki::app::{Action, Model};
use praktyki::i18n::Lang;
use praktyki::input::Command;
use praktyki::ui::Theme;

fn fixture() -> Model {
    let text = std::fs::read_to_string("tests/fixtures/ranking-store.json").unwrap();
    model_of(store(&text), Lang::En)
}

fn screen(m: &Model) -> String {
    text(&draw(m, &Theme::mono()))
}

#[test]
fn r_lists_related_practices_with_why_and_enter_goes_to_one_and_b_comes_back() {
    let mut m = fixture();
    drive(&mut m, [Action::Cmd(Command::FocusSearch)]);
    drive(&mut m, typed("PSZOK"));
    drive(&mut m, [Action::Cmd(Command::LeaveSearch)]);
    assert_eq!(selected_id(&m).as_deref(), Some("omaz"));
    drive(&mut m, [Action::Cmd(Command::OpenRelated)]);
    let s = screen(&m);
    assert!(s.contains("Related: Wspólny PSZOK"), "{s}");
    assert!(s.contains("Program Czysta Nowa Sól") && s.contains("odpady"), "the waste practice, and why: {s}");
    // The first is the most alike: go to it; it is not in the list for
    // "PSZOK", so the search is widened.
    drive(&mut m, [Action::Cmd(Command::Choose)]);
    assert!(m.related.is_none());
    assert_eq!(selected_id(&m).as_deref(), Some("nsol"));
    assert_eq!(m.search.text, "");
    // b: back to the PSZOK practice, under its search.
    drive(&mut m, [Action::Cmd(Command::GoBack)]);
    assert_eq!(selected_id(&m).as_deref(), Some("omaz"));
    assert_eq!(m.search.text, "PSZOK");
    drive(&mut m, [Action::Cmd(Command::GoBack)]);
    assert!(m.status.as_ref().is_some_and(|(t, _)| t.contains("Nowhere to go back")), "{:?}", m.status);
}

#[test]
fn a_related_practice_in_the_list_is_selected_without_a_new_search() {
    let mut m = fixture();
    let at = m.list.hits.iter().position(|h| m.store.practices.to_vec()[h.index].id == "elk-senior").unwrap();
    m.list.selected = at;
    drive(&mut m, [Action::Cmd(Command::OpenRelated), Action::Cmd(Command::Choose)]);
    let first = m.back.last().cloned();
    assert_eq!(first, Some((String::new(), "elk-senior".into(), false)));
    assert_eq!(selected_id(&m).as_deref(), Some("zamosc"));
    // Opening it again for the same practice asks nothing: it is kept.
    m.list.selected = m.list.hits.iter().position(|h| m.store.practices.to_vec()[h.index].id == "elk-senior").unwrap();
    let fx = praktyki::app::update(&mut m, Action::Cmd(Command::OpenRelated));
    assert!(fx.is_empty(), "kept: {fx:?}");
    assert!(m.related.as_ref().unwrap().items.is_some());
}

#[test]
fn the_list_fits_a_small_window_and_keys_move_in_it() {
    let mut m = fixture();
    drive(&mut m, [Action::Resize(40, 12), Action::Cmd(Command::OpenRelated), Action::Cmd(Command::MoveDown)]);
    assert_eq!(m.related.as_ref().unwrap().selected, 1);
    let s = screen(&m);
    assert!(s.contains("Related"), "{s}");
    drive(&mut m, [Action::Cmd(Command::Close)]);
    assert!(m.related.is_none());
}

#[test]
fn x_exports_the_marked_practices_or_else_the_list() {
    let mut m = small();
    let fx = drive(&mut m, [Action::Cmd(Command::Export)]);
    let all: Vec<usize> = m.list.hits.iter().map(|h| h.index).collect();
    assert_eq!(fx, [praktyki::app::Effect::Export { practices: all, heading: "all".into() }]);
    assert!(m.status.as_ref().is_some_and(|(t, _)| t.contains("Exporting practices: 5")), "{:?}", m.status);
    // With one marked: that one, under its heading.
    drive(&mut m, [Action::Cmd(Command::ToggleBookmark)]);
    let marked = m.list.hits[0].index;
    let fx = drive(&mut m, [Action::Cmd(Command::Export)]);
    let exports: Vec<_> = fx.into_iter().filter(|e| matches!(e, praktyki::app::Effect::Export { .. })).collect();
    assert_eq!(
        exports,
        [praktyki::app::Effect::Export { practices: vec![marked], heading: "Marked practices".into() }]
    );
}

#[test]
fn a_reload_closes_the_list_and_a_late_answer_is_dropped() {
    let mut m = fixture();
    let fx = praktyki::app::update(&mut m, Action::Cmd(Command::OpenRelated));
    assert!(matches!(fx[..], [praktyki::app::Effect::FindRelated { .. }]));
    let text = std::fs::read_to_string("tests/fixtures/ranking-store.json").unwrap();
    let new = store(&text);
    let index = std::sync::Arc::new(praktyki::search::Index::of_store(&new));
    drive(&mut m, [Action::Reloaded(Ok((new.into(), index)))]);
    assert!(m.related.is_none(), "positions of the old store: closed");
    // The answer for the old store comes late: not kept, not shown.
    let late = praktyki::app::related::Key::from((0, 0, true));
    drive(&mut m, [Action::RelatedFound { key: late, items: std::sync::Arc::new(Vec::new()) }]);
    assert!(m.related_kept.is_empty());
}

#[test]
fn going_to_a_related_practice_from_the_marked_list_shows_it() {
    let mut m = fixture();
    let at = m.list.hits.iter().position(|h| m.store.practices.to_vec()[h.index].id == "omaz").unwrap();
    m.list.selected = at;
    drive(&mut m, [Action::Cmd(Command::ToggleBookmark), Action::Cmd(Command::ToggleMarkedOnly)]);
    assert_eq!(listed(&m), ["omaz"]);
    drive(&mut m, [Action::Cmd(Command::OpenRelated), Action::Cmd(Command::Choose)]);
    assert!(!m.only_marked);
    assert_eq!(selected_id(&m).as_deref(), Some("nsol"));
    assert!(m.status.as_ref().is_some_and(|(t, _)| t.contains("b goes back")), "{:?}", m.status);
    // Back: the marked list as it was.
    drive(&mut m, [Action::Cmd(Command::GoBack)]);
    assert!(m.only_marked);
    assert_eq!(listed(&m), ["omaz"]);
}

#[test]
fn x_with_nothing_listed_writes_nothing() {
    let mut m = small();
    drive(&mut m, [Action::Cmd(Command::FocusSearch)]);
    drive(&mut m, typed("zzqqxx"));
    let fx = drive(&mut m, [Action::Cmd(Command::LeaveSearch), Action::Cmd(Command::Export)]);
    assert!(fx.is_empty(), "{fx:?}");
    assert!(m.status.as_ref().is_some_and(|(t, _)| t.contains("nothing to export")), "{:?}", m.status);
}
