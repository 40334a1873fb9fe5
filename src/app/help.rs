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
    /// A key (or a term of the search syntax) and what it does, laid out
    /// for the window: `keys` is padded to the key column (blank on the
    /// lines a long description wraps onto), `name` is the action's name
    /// in the keymap file where the window has room for it.
    Row {
        keys: String,
        what: String,
        name: String,
    },
    Blank,
}

/// The width of the description column when the action names are shown.
pub const WHAT_WIDTH: usize = 36;

/// The help screen's lines for the window's width (descriptions wrap with a
/// hanging indent rather than run off the border), and where each mode's
/// section starts.
pub fn lines(m: &Model) -> (Vec<HelpLine>, Vec<(Mode, usize)>) {
    let s = m.strings();
    let inner = usize::from(m.size.0.min(80)).saturating_sub(2);
    let rows = m.keymap.help_rows();
    let longest = rows.iter().flat_map(|(_, rows)| rows.iter().map(|r| action_name(r[0].1).len())).max().unwrap_or(0);
    let layout = Layout::for_width(inner, longest);
    let mut out = Vec::new();
    let (heading, syntax) = s.search_syntax;
    out.push(HelpLine::Heading(heading.to_owned()));
    for (term, what) in syntax {
        layout.push(&mut out, term, what, "");
    }
    out.push(HelpLine::Blank);
    let mut starts = Vec::new();
    for (mode, rows) in rows {
        starts.push((mode, out.len()));
        out.push(HelpLine::Heading(mode_name(m, mode).to_owned()));
        for row in rows {
            let keys: Vec<String> = row.iter().map(|(c, _)| c.to_string()).collect();
            let action = row[0].1;
            layout.push(&mut out, &keys.join(" "), action.describe(m.lang), &action_name(action));
        }
        if mode == Mode::Map {
            // Typing to jump is no binding, but people look for it here.
            layout.push(&mut out, "1‥16 MZ maz", s.map_jump_what, "");
        }
        out.push(HelpLine::Blank);
    }
    (out, starts)
}

/// The columns of a help row in a window `inner` columns wide.
struct Layout {
    inner: usize,
    /// Where descriptions start (the keys' indent included).
    key_column: usize,
    /// Whether the action's name (what a config file binds) has room.
    names: bool,
}

impl Layout {
    fn for_width(inner: usize, longest: usize) -> Self {
        // Narrow windows give the keys less, the tiniest a line of their own.
        let key_column = match inner {
            50.. => 18,
            30.. => 12,
            _ => 4,
        };
        // Names shown whole or not at all: they are what a config file binds.
        Layout { inner, key_column, names: inner > key_column + WHAT_WIDTH + longest }
    }

    fn push(&self, out: &mut Vec<HelpLine>, keys: &str, what: &str, name: &str) {
        use super::doc::{Kind, Span, wrap};
        use crate::text::width::columns;
        let keys = format!("  {keys}");
        let name = if self.names { name.to_owned() } else { String::new() };
        // A row with no name beside it (the search syntax) has the width.
        let width = if name.is_empty() { self.inner.saturating_sub(self.key_column).max(1) } else { WHAT_WIDTH };
        let mut pieces: Vec<String> = wrap(&[vec![Span { text: what.to_owned(), kind: Kind::Text }]], width)
            .into_iter()
            .map(|(_, line)| line.into_iter().map(|s| s.text).collect())
            .collect();
        // Keys too wide for their column have the line to themselves.
        if columns(&keys) >= self.key_column {
            pieces.insert(0, String::new());
        }
        for (i, what) in pieces.into_iter().enumerate() {
            let (keys, name) = if i == 0 { (keys.clone(), name.clone()) } else { (String::new(), String::new()) };
            let pad = self.key_column.saturating_sub(columns(&keys));
            out.push(HelpLine::Row { keys: format!("{keys}{}", " ".repeat(pad)), what, name });
        }
    }
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
