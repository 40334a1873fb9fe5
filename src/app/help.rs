//! What the help screen holds, as data: the search syntax, then a section
//! per keymap table with readable headings ("List", "Contact card"), each
//! row an action with its keys, its description and the name a config
//! file binds it by. `update` scrolls by it (opening at the section of the
//! pane the keys came from); `ui` draws it.

use super::model::Model;
use crate::input::{Command, Mode};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    Heading(String),
    Text(&'static str),
    /// Keys, what the action does, and its name in the keymap file.
    Row {
        keys: String,
        what: &'static str,
        name: String,
    },
    Blank,
}

/// The help screen's lines, and where each mode's section starts.
pub fn lines(m: &Model) -> (Vec<HelpLine>, Vec<(Mode, usize)>) {
    let s = m.strings();
    let mut out = Vec::new();
    let (heading, syntax) = s.search_syntax;
    out.push(HelpLine::Heading(heading.to_owned()));
    out.extend(syntax.iter().map(|l| HelpLine::Text(l)));
    out.push(HelpLine::Blank);
    let mut starts = Vec::new();
    for (mode, rows) in m.keymap.help_rows() {
        starts.push((mode, out.len()));
        out.push(HelpLine::Heading(mode_name(m, mode).to_owned()));
        for row in rows {
            let keys: Vec<String> = row.iter().map(|(c, _)| c.to_string()).collect();
            let action = row[0].1;
            out.push(HelpLine::Row { keys: keys.join(" "), what: action.describe(m.lang), name: action_name(action) });
        }
        if mode == Mode::Map {
            // Typing to jump is no binding, but people look for it here.
            out.push(HelpLine::Row { keys: "1‥16 MZ maz".into(), what: s.map_jump_what, name: String::new() });
        }
        out.push(HelpLine::Blank);
    }
    (out, starts)
}

/// A mode's heading, as people call the place on screen.
pub fn mode_name(m: &Model, mode: Mode) -> &'static str {
    mode_heading(mode, m.strings())
}

/// [`mode_name`] in the words of `s`.
pub fn mode_heading(mode: Mode, s: &crate::i18n::Strings) -> &'static str {
    match mode {
        Mode::Global => s.mode_global,
        Mode::List => s.mode_list,
        Mode::Search => s.mode_search,
        Mode::Detail => s.mode_detail,
        Mode::Card => s.mode_card,
        Mode::Facets => s.facets_title,
        Mode::Map => s.map_title,
        Mode::Related => s.related_title,
        Mode::Help => s.mode_help,
    }
}

/// An action's name in the keymap and config files ("move_down").
pub fn action_name(c: Command) -> String {
    let debug = format!("{c:?}");
    let mut out = String::with_capacity(debug.len() + 4);
    for (i, ch) in debug.chars().enumerate() {
        if ch.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(ch.to_ascii_lowercase());
        } else {
            out.push(ch);
        }
    }
    out
}

/// Where help opens: at the section of the pane the keys came from (the
/// search line's keys are next to the search syntax, at the top).
pub fn opening_line(m: &Model) -> usize {
    let from = m.mode();
    if from == Mode::Search {
        return 0;
    }
    let (_, starts) = lines(m);
    starts.iter().find(|(mode, _)| *mode == from).map_or(0, |(_, at)| *at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_names_are_the_keymap_files() {
        let keymap: toml::Table = toml::from_str(crate::input::DEFAULT_KEYMAP).unwrap();
        for table in keymap.values() {
            for value in table.as_table().unwrap().values() {
                let action: Command = value.clone().try_into().unwrap();
                assert_eq!(action_name(action), value.as_str().unwrap());
            }
        }
    }
}
