//! praktyki: a terminal browser for the Baza Dobrych Praktyk.
//!
//! The interactive program is one loop with pure parts:
//! a crossterm event goes through the keymap (`input`) into an `Action`;
//! `app::update(&mut Model, Action)` changes the model and returns effects as
//! data (copy to clipboard, open a URL, reload); `ui::render(&Model, Frame)`
//! draws only when something changed, and `tui` is the one place that
//! talks to the terminal and carries out the effects. `store` and `search`
//! know nothing of terminals, so everything but `tui` is tested without one
//! (its backend, `tui::compact`, is tested against a terminal emulator).
//! `sync` fills a store from the BDP archive, the Wayback Machine or a saved
//! mirror, through the same page importer as `praktyki import`.
//! `load` says which store a run uses and loads it; its `cache` keeps what parsing and indexing a large store produce, so that a
//! start after the first reads it instead.

pub mod app;
pub mod bookmarks;
pub mod cli;
pub mod config;
pub mod i18n;
pub mod input;
pub mod load;
pub mod present;
pub mod search;
pub mod store;
pub mod sync;
pub mod synth;
pub mod text;
pub mod tui;
pub mod ui;
