//! Keys: chords written as text ("ctrl-d", "shift-tab", "G"), and the
//! keymap, which is data: defaults embedded from `keymap.toml`, looked up
//! per mode, and read backwards to make the help screen and the hints.

use std::collections::BTreeMap;
use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;
use thiserror::Error;

mod command;
pub use command::Command;

/// The default keymap, compiled in.
pub const DEFAULT_KEYMAP: &str = include_str!("keymap.toml");

/// Where keys are being read: each has its own table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mode {
    Global,
    List,
    Search,
    Detail,
    Card,
    Help,
    Facets,
    Map,
    Related,
}

impl Mode {
    pub const ALL: [Mode; 9] = [
        Mode::List,
        Mode::Search,
        Mode::Detail,
        Mode::Card,
        Mode::Facets,
        Mode::Map,
        Mode::Related,
        Mode::Help,
        Mode::Global,
    ];

    /// The mode a keymap table name stands for.
    pub fn from_table(name: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.table() == name)
    }

    fn table(self) -> &'static str {
        match self {
            Mode::Global => "global",
            Mode::List => "list",
            Mode::Search => "search",
            Mode::Detail => "detail",
            Mode::Card => "card",
            Mode::Help => "help",
            Mode::Facets => "facets",
            Mode::Map => "map",
            Mode::Related => "related",
        }
    }

    /// The modes whose tables are consulted, in order.
    fn chain(self) -> &'static [Mode] {
        match self {
            Mode::Detail => &[Mode::Detail, Mode::List, Mode::Global],
            Mode::List => &[Mode::List, Mode::Global],
            Mode::Search => &[Mode::Search, Mode::Global],
            Mode::Card => &[Mode::Card, Mode::Global],
            Mode::Help => &[Mode::Help, Mode::Global],
            Mode::Facets => &[Mode::Facets, Mode::Global],
            Mode::Map => &[Mode::Map, Mode::Global],
            Mode::Related => &[Mode::Related, Mode::Global],
            Mode::Global => &[Mode::Global],
        }
    }
}

/// One key with its modifiers, normalised so that "G" and "shift-g" are
/// the same chord, as terminals report them differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Chord {
    pub code: Code,
    pub ctrl: bool,
    pub alt: bool,
    pub shift: bool,
}

/// Key codes praktyki can bind (a subset of crossterm's, orderable).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    Char(char),
    F(u8),
    Enter,
    Esc,
    Tab,
    Backspace,
    Delete,
    Insert,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum KeyError {
    #[error("unknown key '{0}'")]
    UnknownKey(String),
    #[error("unknown modifier '{0}' (use ctrl, alt or shift)")]
    UnknownModifier(String),
}

const NAMES: &[(&str, Code)] = &[
    ("enter", Code::Enter),
    ("esc", Code::Esc),
    ("tab", Code::Tab),
    ("backspace", Code::Backspace),
    ("delete", Code::Delete),
    ("insert", Code::Insert),
    ("up", Code::Up),
    ("down", Code::Down),
    ("left", Code::Left),
    ("right", Code::Right),
    ("home", Code::Home),
    ("end", Code::End),
    ("pageup", Code::PageUp),
    ("pagedown", Code::PageDown),
    ("space", Code::Char(' ')),
    ("minus", Code::Char('-')),
];

impl Chord {
    /// A key with no modifier.
    pub fn plain(code: Code) -> Self {
        Chord { code, ctrl: false, alt: false, shift: false }
    }

    fn normalised(code: Code, ctrl: bool, alt: bool, shift: bool) -> Self {
        match code {
            // Shift is part of the character itself: "G", "?", "N".
            Code::Char(c) => {
                let c = if shift && c.is_ascii_lowercase() { c.to_ascii_uppercase() } else { c };
                let c = if ctrl { c.to_ascii_lowercase() } else { c };
                Chord { code: Code::Char(c), ctrl, alt, shift: false }
            }
            _ => Chord { code, ctrl, alt, shift },
        }
    }

    /// Parses "ctrl-d", "shift-tab", "G", "f1", "-" (a lone minus).
    pub fn parse(s: &str) -> Result<Self, KeyError> {
        let s = s.trim();
        let (mut ctrl, mut alt, mut shift) = (false, false, false);
        let mut rest = s;
        while let Some((m, tail)) = rest.split_once('-') {
            if tail.is_empty() {
                break;
            }
            match m.to_ascii_lowercase().as_str() {
                "ctrl" | "c" => ctrl = true,
                "alt" | "a" | "meta" => alt = true,
                "shift" | "s" => shift = true,
                _ => return Err(KeyError::UnknownModifier(m.to_owned())),
            }
            rest = tail;
        }
        let lower = rest.to_ascii_lowercase();
        let code = if let Some((_, c)) = NAMES.iter().find(|(n, _)| *n == lower) {
            *c
        } else if lower == "backtab" {
            shift = true;
            Code::Tab
        } else if let Some(n) =
            lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()).filter(|n| (1..=24).contains(n))
        {
            Code::F(n)
        } else {
            let mut chars = rest.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Code::Char(c),
                _ => return Err(KeyError::UnknownKey(s.to_owned())),
            }
        };
        Ok(Self::normalised(code, ctrl, alt, shift))
    }

    /// The chord of a terminal key event, if it is one praktyki can bind.
    pub fn from_event(e: &KeyEvent) -> Option<Self> {
        let m = e.modifiers;
        let shift = m.contains(KeyModifiers::SHIFT);
        let code = match e.code {
            KeyCode::Char(c) => Code::Char(c),
            KeyCode::F(n) => Code::F(n),
            KeyCode::Enter => Code::Enter,
            KeyCode::Esc => Code::Esc,
            KeyCode::Tab => Code::Tab,
            KeyCode::BackTab => return Some(Chord { code: Code::Tab, ctrl: false, alt: false, shift: true }),
            KeyCode::Backspace => Code::Backspace,
            KeyCode::Delete => Code::Delete,
            KeyCode::Insert => Code::Insert,
            KeyCode::Up => Code::Up,
            KeyCode::Down => Code::Down,
            KeyCode::Left => Code::Left,
            KeyCode::Right => Code::Right,
            KeyCode::Home => Code::Home,
            KeyCode::End => Code::End,
            KeyCode::PageUp => Code::PageUp,
            KeyCode::PageDown => Code::PageDown,
            _ => return None,
        };
        Some(Self::normalised(code, m.contains(KeyModifiers::CONTROL), m.contains(KeyModifiers::ALT), shift))
    }

    /// A printable character typed without ctrl or alt, for the search line.
    pub fn text(&self) -> Option<char> {
        match self.code {
            Code::Char(c) if !self.ctrl && !self.alt && !c.is_control() => Some(c),
            _ => None,
        }
    }
}

impl fmt::Display for Chord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            write!(f, "ctrl-")?;
        }
        if self.alt {
            write!(f, "alt-")?;
        }
        if self.shift {
            write!(f, "shift-")?;
        }
        match self.code {
            Code::Char(' ') => write!(f, "space"),
            Code::Char(c) => write!(f, "{c}"),
            Code::F(n) => write!(f, "F{n}"),
            other => {
                let name = NAMES.iter().find(|(_, c)| *c == other).map_or("?", |(n, _)| n);
                let pretty = match name {
                    "pageup" => "PgUp",
                    "pagedown" => "PgDn",
                    "enter" => "Enter",
                    "esc" => "Esc",
                    "tab" => "Tab",
                    "backspace" => "Bksp",
                    "delete" => "Del",
                    "up" => "↑",
                    "down" => "↓",
                    "left" => "←",
                    "right" => "→",
                    "home" => "Home",
                    "end" => "End",
                    n => n,
                };
                write!(f, "{pretty}")
            }
        }
    }
}

/// A binding's keys: one chord, or a sequence typed one after the other
/// ("g g"), written with spaces between the chords.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Keys(pub Vec<Chord>);

impl Keys {
    pub fn parse(s: &str) -> Result<Self, KeyError> {
        let chords = s.split_whitespace().map(Chord::parse).collect::<Result<Vec<_>, _>>()?;
        if chords.is_empty() {
            return Err(KeyError::UnknownKey(s.to_owned()));
        }
        Ok(Keys(chords))
    }

    /// Whether these keys begin `longer` and are shorter than it.
    pub fn is_prefix_of(&self, longer: &Keys) -> bool {
        self.0.len() < longer.0.len() && longer.0.starts_with(&self.0)
    }
}

impl fmt::Display for Keys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, c) in self.0.iter().enumerate() {
            if i > 0 {
                write!(f, " ")?;
            }
            write!(f, "{c}")?;
        }
        Ok(())
    }
}

/// What a key sequence means in a mode.
#[derive(Debug)]
pub enum Lookup<'a> {
    Command(&'a Command),
    /// The start of a longer binding: wait for the next key.
    Prefix,
    None,
}

/// One row of the help screen: an action with every key bound to it.
pub type HelpRow = Vec<(Keys, Command)>;

/// Key bindings per mode, in file order.
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    tables: BTreeMap<Mode, Vec<(Keys, Command)>>,
}

#[derive(Debug, Error)]
pub enum KeymapError {
    #[error("{origin}: {message}")]
    Toml { origin: String, message: String },
    #[error("{origin}: [{table}] \"{key}\": {source}")]
    Key {
        origin: String,
        table: String,
        key: String,
        #[source]
        source: KeyError,
    },
    #[error("{origin}: unknown mode [{0}] (modes: global, list, search, detail, card, facets, map, related, help)", origin = .1)]
    Mode(String, String),
}

#[derive(Deserialize)]
struct RawKeymap(BTreeMap<String, toml::Table>);

impl Keymap {
    /// The embedded defaults.
    pub fn defaults() -> Self {
        // The embedded file is checked by a test; failing here would be a build defect.
        Self::from_toml(DEFAULT_KEYMAP, "<default keymap>").unwrap_or_default()
    }

    /// Parses a keymap file; every error names the table and the key.
    pub fn from_toml(text: &str, origin: &str) -> Result<Self, KeymapError> {
        let raw: RawKeymap = toml::from_str(text)
            .map_err(|e| KeymapError::Toml { origin: origin.to_owned(), message: e.to_string() })?;
        let mut map = Keymap::default();
        for (table, entries) in raw.0 {
            let mode = Mode::from_table(&table).ok_or_else(|| KeymapError::Mode(table.clone(), origin.to_owned()))?;
            for (key, value) in entries {
                let keys = Keys::parse(&key).map_err(|source| KeymapError::Key {
                    origin: origin.to_owned(),
                    table: table.clone(),
                    key: key.clone(),
                    source,
                })?;
                let action: Command = value.try_into().map_err(|e: toml::de::Error| KeymapError::Toml {
                    origin: origin.to_owned(),
                    message: format!("[{table}] \"{key}\": {}", e.message()),
                })?;
                map.bind(mode, keys, action);
            }
        }
        Ok(map)
    }

    /// Binds keys in a mode, replacing an earlier binding of them.
    pub fn bind(&mut self, mode: Mode, keys: Keys, action: Command) {
        let table = self.tables.entry(mode).or_default();
        table.retain(|(k, _)| *k != keys);
        table.push((keys, action));
    }

    /// Removes a binding (the config's `"g" = "none"`).
    pub fn unbind(&mut self, mode: Mode, keys: &Keys) {
        if let Some(t) = self.tables.get_mut(&mode) {
            t.retain(|(k, _)| k != keys);
        }
    }

    /// A pair of bindings in one table where one's keys begin the other's:
    /// the shorter would always win, so the longer could never be typed.
    pub fn prefix_conflict(&self) -> Option<(Mode, Keys, Keys)> {
        for (mode, table) in &self.tables {
            for (a, _) in table {
                if let Some((b, _)) = table.iter().find(|(b, _)| a.is_prefix_of(b)) {
                    return Some((*mode, a.clone(), b.clone()));
                }
            }
        }
        None
    }

    /// What a key sequence means in a mode, following the fall-through chain.
    pub fn lookup_keys(&self, mode: Mode, keys: &[Chord]) -> Lookup<'_> {
        for table in mode.chain().iter().filter_map(|m| self.tables.get(m)) {
            if let Some((_, a)) = table.iter().find(|(k, _)| k.0 == keys) {
                return Lookup::Command(a);
            }
            if table.iter().any(|(k, _)| k.0.len() > keys.len() && k.0.starts_with(keys)) {
                return Lookup::Prefix;
            }
        }
        Lookup::None
    }

    /// The action of one chord in a mode, following the fall-through chain.
    pub fn lookup(&self, mode: Mode, chord: &Chord) -> Option<&Command> {
        match self.lookup_keys(mode, std::slice::from_ref(chord)) {
            Lookup::Command(a) => Some(a),
            _ => None,
        }
    }

    /// The keys that reach `action` in `mode` (through the chain), in file order.
    pub fn keys_for(&self, mode: Mode, action: &Command) -> Vec<Keys> {
        let want = std::mem::discriminant(action);
        let mut out: Vec<Keys> = Vec::new();
        for m in mode.chain() {
            for (k, a) in self.tables.get(m).into_iter().flatten() {
                // Keys shadowed by an earlier table do not reach this action.
                let reaches =
                    matches!(self.lookup_keys(mode, &k.0), Lookup::Command(b) if std::mem::discriminant(b) == want);
                if std::mem::discriminant(a) == want && reaches && !out.contains(k) {
                    out.push(k.clone());
                }
            }
        }
        out
    }

    /// The help screen's rows: per mode, each action once with all its keys,
    /// in file order. Render and scrolling both read it.
    pub fn help_rows(&self) -> Vec<(Mode, Vec<HelpRow>)> {
        Mode::ALL
            .iter()
            .filter(|m| !self.table(**m).is_empty())
            .map(|mode| {
                let table = self.table(*mode);
                let mut rows: Vec<HelpRow> = Vec::new();
                for (keys, action) in table {
                    let d = std::mem::discriminant(action);
                    match rows.iter_mut().find(|r| std::mem::discriminant(&r[0].1) == d) {
                        Some(row) => row.push((keys.clone(), *action)),
                        None => rows.push(vec![(keys.clone(), *action)]),
                    }
                }
                (*mode, rows)
            })
            .collect()
    }

    /// The bindings of one table, for the help screen.
    pub fn table(&self, mode: Mode) -> &[(Keys, Command)] {
        self.tables.get(&mode).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, m)
    }

    #[test]
    fn chords_parse_and_match_events() {
        let cases = [
            ("j", key(KeyCode::Char('j'), KeyModifiers::NONE)),
            ("G", key(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            ("shift-g", key(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            ("ctrl-d", key(KeyCode::Char('d'), KeyModifiers::CONTROL)),
            ("shift-tab", key(KeyCode::BackTab, KeyModifiers::SHIFT)),
            ("backtab", key(KeyCode::BackTab, KeyModifiers::NONE)),
            ("pagedown", key(KeyCode::PageDown, KeyModifiers::NONE)),
            ("f1", key(KeyCode::F(1), KeyModifiers::NONE)),
            ("?", key(KeyCode::Char('?'), KeyModifiers::SHIFT)),
            ("-", key(KeyCode::Char('-'), KeyModifiers::NONE)),
        ];
        for (text, event) in cases {
            assert_eq!(Chord::parse(text), Ok(Chord::from_event(&event).unwrap()), "{text}");
        }
        assert_eq!(Chord::parse("hyper-x"), Err(KeyError::UnknownModifier("hyper".into())));
        assert_eq!(Chord::parse("pgdwn"), Err(KeyError::UnknownKey("pgdwn".into())));
    }

    #[test]
    fn default_keymap_parses_and_falls_through() {
        let km = Keymap::from_toml(DEFAULT_KEYMAP, "default").unwrap();
        let j = Chord::parse("j").unwrap();
        assert!(matches!(km.lookup(Mode::List, &j), Some(Command::MoveDown)));
        assert!(matches!(km.lookup(Mode::Detail, &j), Some(Command::MoveDown)), "detail falls through to list");
        assert!(km.lookup(Mode::Search, &j).is_none(), "j is text in the search line");
        let ctrl_c = Chord::parse("ctrl-c").unwrap();
        for mode in Mode::ALL {
            assert!(matches!(km.lookup(mode, &ctrl_c), Some(Command::Quit)), "{mode:?}");
        }
        let esc = Chord::parse("esc").unwrap();
        assert!(matches!(km.lookup(Mode::Detail, &esc), Some(Command::FocusList)), "detail's own esc shadows list's");
        let keys: Vec<String> =
            km.keys_for(Mode::Detail, &Command::ClearSearch).iter().map(|c| c.to_string()).collect();
        let gg = Keys::parse("g g").unwrap();
        assert_eq!(gg.to_string(), "g g");
        assert!(Keys::parse("g").unwrap().is_prefix_of(&gg));
        assert!(keys.is_empty(), "esc is shadowed in detail: {keys:?}");
        let keys: Vec<String> = km.keys_for(Mode::List, &Command::MoveDown).iter().map(|c| c.to_string()).collect();
        assert_eq!(keys, ["j", "↓"]);
    }

    #[test]
    fn sequences_wait_for_their_next_key() {
        let mut km = Keymap::defaults();
        let (g, gg) = (Keys::parse("g").unwrap(), Keys::parse("g g").unwrap());
        km.unbind(Mode::List, &g);
        km.bind(Mode::List, gg.clone(), Command::GoTop);
        assert!(matches!(km.lookup_keys(Mode::List, &g.0), Lookup::Prefix));
        assert!(matches!(km.lookup_keys(Mode::List, &gg.0), Lookup::Command(Command::GoTop)));
        assert!(matches!(km.lookup_keys(Mode::Detail, &gg.0), Lookup::Command(Command::GoTop)), "through the chain");
        assert!(matches!(km.lookup_keys(Mode::List, &Keys::parse("g x").unwrap().0), Lookup::None));
        assert!(km.prefix_conflict().is_none());
        km.bind(Mode::List, g, Command::Quit);
        assert!(km.prefix_conflict().is_some());
    }

    #[test]
    fn keymap_errors_name_table_and_key() {
        let err = Keymap::from_toml("[list]\n\"ctrl-\u{1F600}x\" = \"quit\"\n", "k.toml").unwrap_err().to_string();
        assert!(err.contains("k.toml: [list]"), "{err}");
        let err = Keymap::from_toml("[list]\n\"j\" = \"fly\"\n", "k.toml").unwrap_err().to_string();
        assert!(err.contains("[list] \"j\"") && err.contains("fly"), "{err}");
        let err = Keymap::from_toml("[lsit]\n\"j\" = \"quit\"\n", "k.toml").unwrap_err().to_string();
        assert!(err.contains("unknown mode [lsit]"), "{err}");
    }
}
