//! praktyki: a terminal browser for the Baza Dobrych Praktyk.
//!
//! The interactive program is one loop with pure parts: an input event goes
//! through the keymap (`input`) into an `Action`; `app::update(&mut Model,
//! Action)` changes the model and returns effects as data (search, read a
//! practice's long texts, copy, open a URL, reload, save a bookmark);
//! `ui::render(&Model, Frame)` draws only when something changed. The loop
//! itself is `tui::session::Session`, over input, a byte sink and a size its
//! caller gives; `tui::run` is the local terminal's caller and the one place
//! that touches this process's terminal. Nothing below `tui` reads files,
//! the environment or the terminal, so all of it is tested without one.
//!
//! Layers, from the bottom:
//! - `text`: folding for comparison and sanitising for the terminal;
//! - `store`: the `praktyki/1` model, loading with located errors, checks,
//!   the page importer, atomic writes under a lock, synthetic stores;
//! - `search`: the index and ranking;
//! - `load`: which store a run uses and loading it (through the start-up
//!   `cache`), and the bookmarks file;
//! - `sync`: filling a store from the BDP archive, the Wayback Machine or a
//!   saved mirror, through the same importer;
//! - `config`, `i18n`, `input`: settings, interface strings, key bindings;
//! - `app`: model, actions, update, what is shown of a practice (`present`);
//! - `ui`: rendering; `tui`: sessions and the terminal; `cli`: subcommands.

pub mod app;
pub mod cli;
pub mod config;
pub mod export;
pub mod i18n;
pub mod input;
pub mod load;
pub mod map;
pub mod search;
pub mod serve;
pub mod store;
pub mod sync;
pub mod text;
pub mod tui;
pub mod ui;
