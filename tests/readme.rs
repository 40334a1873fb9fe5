//! The README's screens are the program's: each is drawn here from the
//! embedded store, as the binary starts on it, and compared with the
//! README's block; a screen that drifted fails with the fresh one.
//! `UPDATE_README=1 cargo test --test readme` writes them back.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::Arc;

use common::*;
use praktyki::app::{Action, Model};
use praktyki::i18n::Lang;
use praktyki::input::{Command, Keymap};
use praktyki::search::Index;
use praktyki::ui::Theme;

/// The embedded store as `praktyki` opens it: labelled as the binary
/// labels it, at 80x24.
fn browser() -> Model {
    let store = praktyki::store::load_embedded(Default::default()).unwrap();
    let index = Arc::new(Index::of_store(&store));
    let label = Lang::En.strings().embedded.to_owned();
    let mut m = Model::new(store, index, label, Arc::new(Keymap::defaults()), Lang::En);
    drive(&mut m, [Action::Resize(80, 24)]);
    m
}

/// The README's block of text after the line that contains `after`.
fn block(readme: &str, after: &str) -> (usize, usize) {
    let at = readme.find(after).unwrap_or_else(|| panic!("README has no '{after}'"));
    let open = at + readme[at..].find("```\n").expect("a block after it") + 4;
    let close = open + readme[open..].find("```").expect("the block ends");
    (open, close)
}

#[test]
fn the_readme_screens_are_what_the_program_draws() {
    let mut searched = browser();
    drive(&mut searched, [Action::Cmd(Command::FocusSearch)]);
    drive(&mut searched, typed("opole"));
    let mut card = browser();
    drive(&mut card, [Action::Cmd(Command::FocusSearch)]);
    drive(&mut card, typed("opole"));
    drive(&mut card, [Action::Cmd(Command::LeaveSearch), Action::Cmd(Command::OpenCard)]);
    let screens = [
        ("The screen at 80x24 after `/opole`", text(&draw(&searched, &Theme::mono()))),
        ("and the contact card (`c`):", text(&draw(&card, &Theme::mono()))),
    ];
    let mut readme = std::fs::read_to_string("README.md").unwrap();
    let mut drifted = Vec::new();
    for (after, screen) in screens {
        let (open, close) = block(&readme, after);
        if readme[open..close] != screen {
            drifted.push(format!(
                "after '{after}' the README shows\n{}\nwhile the program draws\n{screen}",
                &readme[open..close]
            ));
            readme.replace_range(open..close, &screen);
        }
    }
    if std::env::var_os("UPDATE_README").is_some() {
        std::fs::write("README.md", &readme).unwrap();
        return;
    }
    assert!(drifted.is_empty(), "{}\n(UPDATE_README=1 cargo test --test readme writes them)", drifted.join("\n\n"));
}
