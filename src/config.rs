//! Where things live: the config and data directories (from `directories`,
//! overridable by environment) and which store is in use, and why.

use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};

use directories::ProjectDirs;
use serde::Deserialize;
use thiserror::Error;

use crate::input::{Keymap, Keys, Mode};

/// Why a directory or store was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Flag,
    Env(&'static str),
    ConfigFile,
    Platform,
    DataDir,
    Embedded,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Flag => write!(f, "from the command line"),
            Source::Env(var) => write!(f, "from ${var}"),
            Source::ConfigFile => write!(f, "from the config file"),
            Source::Platform => write!(f, "platform default"),
            Source::DataDir => write!(f, "practices.json in the data directory"),
            Source::Embedded => write!(
                f,
                "embedded default store: no --store, no $PRAKTYKI_STORE, no practices.json in the data directory"
            ),
        }
    }
}

/// The environment praktyki reads, gathered once at the edge so everything
/// below it stays pure: a session over SSH passes the client's instead.
#[derive(Debug, Clone, Default)]
pub struct Env {
    pub store: Option<OsString>,
    pub data: Option<OsString>,
    pub config: Option<OsString>,
    pub cache: Option<OsString>,
    /// `NO_COLOR` set and not empty.
    pub no_color: bool,
    /// `TERM`.
    pub term: Option<String>,
    /// The first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set.
    pub locale: Option<String>,
}

impl Env {
    pub fn from_process() -> Self {
        let get = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty());
        let text = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        Self {
            store: get("PRAKTYKI_STORE"),
            data: get("PRAKTYKI_DATA"),
            config: get("PRAKTYKI_CONFIG"),
            cache: get("PRAKTYKI_CACHE"),
            no_color: get("NO_COLOR").is_some(),
            term: text("TERM"),
            locale: ["LC_ALL", "LC_MESSAGES", "LANG"].iter().find_map(|k| text(k)),
        }
    }
}

/// The directories praktyki uses, and its config file.
#[derive(Debug, Clone)]
pub struct Dirs {
    pub config: Option<(PathBuf, Source)>,
    pub data: Option<(PathBuf, Source)>,
    /// The config file: `--config`, `$PRAKTYKI_CONFIG`, or config.toml in the config directory.
    pub config_file: Option<(PathBuf, Source)>,
    /// Where the start-up cache of large stores goes (see [`crate::load::cache`]).
    pub cache: Option<(PathBuf, Source)>,
}

impl Dirs {
    pub fn resolve(env: &Env) -> Self {
        Self::resolve_with(env, None)
    }

    /// Like [`Dirs::resolve`], with the `--config` flag.
    pub fn resolve_with(env: &Env, config_flag: Option<&Path>) -> Self {
        let project = ProjectDirs::from("pl", "praktyki", "praktyki");
        let config = match &env.config {
            // PRAKTYKI_CONFIG names the config file; its directory is the config directory.
            Some(f) => Path::new(f).parent().map(|d| (d.to_path_buf(), Source::Env("PRAKTYKI_CONFIG"))),
            None => project.as_ref().map(|p| (p.config_dir().to_path_buf(), Source::Platform)),
        };
        let data = match &env.data {
            Some(d) => Some((PathBuf::from(d), Source::Env("PRAKTYKI_DATA"))),
            None => project.as_ref().map(|p| (p.data_dir().to_path_buf(), Source::Platform)),
        };
        let config_file = match (config_flag, &env.config) {
            (Some(f), _) => Some((f.to_path_buf(), Source::Flag)),
            (None, Some(f)) => Some((PathBuf::from(f), Source::Env("PRAKTYKI_CONFIG"))),
            (None, None) => config.as_ref().map(|(d, _)| (d.join("config.toml"), Source::Platform)),
        };
        let cache = match &env.cache {
            Some(d) => Some((PathBuf::from(d), Source::Env("PRAKTYKI_CACHE"))),
            None => project.as_ref().map(|p| (p.cache_dir().to_path_buf(), Source::Platform)),
        };
        Self { config, data, config_file, cache }
    }

    /// The user's own store in the data directory, whether it exists or not.
    pub fn user_store(&self) -> Option<PathBuf> {
        self.data.as_ref().map(|(d, _)| d.join("practices.json"))
    }
}

/// The store to open: a file, or the embedded default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreChoice {
    pub path: Option<PathBuf>,
    pub source: Source,
}

/// Resolves the store in use: `--store`, `$PRAKTYKI_STORE`, the config
/// file's `store` key, `practices.json` in the data directory if it exists,
/// and last the embedded store.
pub fn resolve_store(flag: Option<&Path>, env: &Env, config_store: Option<&Path>, dirs: &Dirs) -> StoreChoice {
    if let Some(p) = flag {
        return StoreChoice { path: Some(p.to_path_buf()), source: Source::Flag };
    }
    if let Some(p) = &env.store {
        return StoreChoice { path: Some(PathBuf::from(p)), source: Source::Env("PRAKTYKI_STORE") };
    }
    if let Some(p) = config_store {
        return StoreChoice { path: Some(p.to_path_buf()), source: Source::ConfigFile };
    }
    if let Some(p) = dirs.user_store().filter(|p| p.is_file()) {
        return StoreChoice { path: Some(p), source: Source::DataDir };
    }
    StoreChoice { path: None, source: Source::Embedded }
}

/// The default config, fully commented; `praktyki config --default` prints it.
pub const DEFAULT_CONFIG: &str = include_str!("config.default.toml");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LanguageSetting {
    #[default]
    Auto,
    Pl,
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum ColorSetting {
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeSetting {
    #[default]
    Default,
    #[serde(rename = "256")]
    Ansi256,
    Truecolor,
    Mono,
}

/// What may follow the title in a list row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    Town,
    County,
    Voivodeship,
    UnitType,
    ImplementingUnit,
}

impl Column {
    pub fn value(self, p: crate::store::heads::HeadRef<'_>) -> Option<&str> {
        match self {
            Column::Town => p.town(),
            Column::County => p.county(),
            Column::Voivodeship => p.voivodeship(),
            Column::UnitType => p.unit_type(),
            Column::ImplementingUnit => p.implementing_unit(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ListConfig {
    pub columns: Vec<Column>,
}

impl Default for ListConfig {
    fn default() -> Self {
        Self { columns: vec![Column::Town, Column::Voivodeship] }
    }
}

/// The user's settings; every key optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub store: Option<PathBuf>,
    pub language: LanguageSetting,
    pub color: ColorSetting,
    pub theme: ThemeSetting,
    /// Mouse wheel and clicks; off by default, since capturing the mouse
    /// takes away the terminal's own text selection.
    pub mouse: bool,
    pub list: ListConfig,
    /// mode → chord → action, with spans to point at the line of a bad one.
    pub keys:
        std::collections::BTreeMap<String, std::collections::BTreeMap<toml::Spanned<String>, toml::Spanned<String>>>,
}

#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("{path}: cannot read: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: {message}")]
    Invalid { path: String, line: usize, column: usize, message: String },
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

impl Config {
    /// Reads the config file. A missing file at the default place is no
    /// error (all defaults); one named by --config or $PRAKTYKI_CONFIG is.
    /// Returns the config with its text, which key-binding errors quote.
    pub fn load(file: Option<&(PathBuf, Source)>) -> Result<(Self, String), ConfigError> {
        let Some((path, source)) = file else { return Ok((Self::default(), String::new())) };
        match crate::store::input::read_small_text(path) {
            Ok(text) => Ok((Self::parse(&text, &path.display().to_string())?, text)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && *source == Source::Platform => {
                Ok((Self::default(), String::new()))
            }
            Err(source) => Err(ConfigError::Read { path: path.display().to_string(), source }),
        }
    }

    /// Parses config text; errors name the file, line and key.
    pub fn parse(text: &str, path: &str) -> Result<Self, ConfigError> {
        let config: Config = toml::from_str(text).map_err(|e| {
            let (line, column) = e.span().map_or((1, 1), |s| line_col(text, s.start));
            ConfigError::Invalid { path: path.to_owned(), line, column, message: e.message().to_owned() }
        })?;
        // Check the key bindings now, so a bad one is reported at start-up.
        config.keymap_from(text, path)?;
        Ok(config)
    }

    /// The default keymap with the user's bindings layered over it.
    /// Two chords in one table that are the same key ("G" and "shift-g")
    /// bound to different actions are a conflict, reported with both lines.
    pub fn keymap_from(&self, text: &str, path: &str) -> Result<Keymap, ConfigError> {
        const MAX_BINDINGS: usize = 500;
        let mut keymap = Keymap::defaults();
        let invalid = |offset: usize, message: String| {
            let (line, column) = line_col(text, offset);
            ConfigError::Invalid { path: path.to_owned(), line, column, message }
        };
        for (table, entries) in &self.keys {
            let Some(mode) = Mode::from_table(table) else {
                let at = text.find(&format!("keys.{table}")).unwrap_or(0);
                return Err(invalid(
                    at,
                    format!("unknown key mode [keys.{table}] (modes: global, list, search, detail, card, help)"),
                ));
            };
            // Every binding is checked against the others; a table is for
            // people, and thousands of lines are a generated mistake.
            if entries.len() > MAX_BINDINGS {
                let at = text.find(&format!("keys.{table}")).unwrap_or(0);
                let message = format!("[keys.{table}] has {} bindings; at most {MAX_BINDINGS} are read", entries.len());
                return Err(invalid(at, message));
            }
            let mut seen: Vec<(Keys, &toml::Spanned<String>)> = Vec::new();
            for (key, action) in entries {
                let keys = Keys::parse(key.get_ref())
                    .map_err(|e| invalid(key.span().start, format!("[keys.{table}] \"{}\": {e}", key.get_ref())))?;
                if let Some((_, other)) = seen.iter().find(|(k, _)| *k == keys) {
                    let (other_line, _) = line_col(text, other.span().start);
                    let message = format!(
                        "[keys.{table}] \"{}\" is the same key as \"{}\" on line {other_line}",
                        key.get_ref(),
                        other.get_ref()
                    );
                    return Err(invalid(key.span().start, message));
                }
                seen.push((keys.clone(), key));
                if action.get_ref() == "none" {
                    // "none" removes a default binding, e.g. to free "g" for "g g".
                    keymap.unbind(mode, &keys);
                    continue;
                }
                let parsed: crate::input::Command =
                    toml::Value::String(action.get_ref().clone()).try_into().map_err(|_: toml::de::Error| {
                        invalid(
                            action.span().start,
                            format!("[keys.{table}] \"{}\": unknown action '{}'", key.get_ref(), action.get_ref()),
                        )
                    })?;
                keymap.bind(mode, keys, parsed);
            }
            if let Some((_, short, long)) = keymap.prefix_conflict().filter(|(m, _, _)| *m == mode) {
                let at = seen.iter().find(|(k, _)| *k == short || *k == long).map_or(0, |(_, s)| s.span().start);
                let message = format!(
                    "[keys.{table}] \"{short}\" begins \"{long}\", so \"{long}\" could never be typed (unbind one with \"none\")"
                );
                return Err(invalid(at, message));
            }
        }
        Ok(keymap)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_config_of_a_hundred_thousand_bindings_is_refused_at_once() {
        // Checking each binding against all others took over 30 s.
        let mut text = String::from("[keys.list]\n");
        for i in 100_000..200_000 {
            // Distinct key sequences: "1 0 0 0 0 0", "1 0 0 0 0 1", …
            let keys: Vec<String> = i.to_string().chars().map(String::from).collect();
            text.push_str(&format!("\"{}\" = \"quit\"\n", keys.join(" ")));
        }
        // (Parsing checks the key tables already.)
        let err = Config::parse(&text, "c.toml").unwrap_err().to_string();
        assert!(err.contains("c.toml:1:") && err.contains("100000 bindings; at most 500"), "{err}");
        let mut ok = String::from("[keys.list]\n");
        for c in 'a'..='z' {
            ok.push_str(&format!("\"ctrl-{c}\" = \"quit\"\n"));
        }
        Config::parse(&ok, "c.toml").unwrap().keymap_from(&ok, "c.toml").unwrap();
    }

    #[test]
    fn resolution_order() {
        let tmp = tempfile::tempdir().unwrap();
        let dirs =
            Dirs { config: None, data: Some((tmp.path().to_path_buf(), Source::Flag)), config_file: None, cache: None };
        let env = Env { store: Some("env.json".into()), ..Env::default() };
        let flag = Path::new("flag.json");
        let cfg = Path::new("cfg.json");
        assert_eq!(resolve_store(Some(flag), &env, Some(cfg), &dirs).source, Source::Flag);
        assert_eq!(resolve_store(None, &env, Some(cfg), &dirs).source, Source::Env("PRAKTYKI_STORE"));
        let no_env = Env::default();
        assert_eq!(resolve_store(None, &no_env, Some(cfg), &dirs).source, Source::ConfigFile);
        assert_eq!(resolve_store(None, &no_env, None, &dirs), StoreChoice { path: None, source: Source::Embedded });
        std::fs::write(tmp.path().join("practices.json"), "{}").unwrap();
        let chosen = resolve_store(None, &no_env, None, &dirs);
        assert_eq!(chosen.source, Source::DataDir);
        assert_eq!(chosen.path, Some(tmp.path().join("practices.json")));
    }

    #[test]
    fn default_config_is_the_default() {
        let c = Config::parse(DEFAULT_CONFIG, "default").unwrap();
        assert_eq!((c.language, c.color, c.theme), (LanguageSetting::Auto, ColorSetting::Auto, ThemeSetting::Default));
        assert_eq!(c.list, ListConfig::default());
        assert!(c.store.is_none());
    }

    #[test]
    fn config_errors_name_line_and_key() {
        let cases: &[(&str, &str)] = &[
            ("language = \"pl\"\ncolour = \"never\"\n", "c.toml:2:1: unknown field `colour`"),
            ("theme = \"blue\"\n", "c.toml:1:9: unknown variant `blue`"),
            ("[list]\ncolumns = [\"town\", \"mayor\"]\n", "c.toml:2:20: unknown variant `mayor`"),
            ("[keys.list]\n\"j\" = \"fly\"\n", "c.toml:2:7: [keys.list] \"j\": unknown action 'fly'"),
            ("[keys.list]\n\"hyper-x\" = \"quit\"\n", "c.toml:2:1: [keys.list] \"hyper-x\": unknown modifier"),
            ("[keys.lsit]\n\"j\" = \"quit\"\n", "unknown key mode [keys.lsit]"),
            (
                "[keys.list]\n\"G\" = \"quit\"\n\"shift-g\" = \"go_top\"\n",
                "c.toml:3:1: [keys.list] \"shift-g\" is the same key as \"G\" on line 2",
            ),
            ("store = 5\n", "c.toml:1:9: invalid type"),
            ("[keys.list]\n\"g g\" = \"go_top\"\n", "c.toml:2:1: [keys.list] \"g\" begins \"g g\""),
        ];
        for (text, want) in cases {
            let err = Config::parse(text, "c.toml").unwrap_err().to_string();
            assert!(err.contains(want), "{text:?}: {err}");
        }
    }

    #[test]
    fn user_keys_layer_over_defaults() {
        let text = "[keys.list]\n\"x\" = \"quit\"\n\"j\" = \"move_up\"\n";
        let c = Config::parse(text, "c.toml").unwrap();
        let km = c.keymap_from(text, "c.toml").unwrap();
        let key = |k: &str| km.lookup(Mode::List, &crate::input::Chord::parse(k).unwrap()).map(|a| format!("{a:?}"));
        assert_eq!(key("x").as_deref(), Some("Quit"));
        assert_eq!(key("j").as_deref(), Some("MoveUp"));
        assert_eq!(key("k").as_deref(), Some("MoveUp"), "defaults stay");
    }

    #[test]
    fn sequences_with_an_unbound_prefix() {
        let text = "[keys.list]\n\"g\" = \"none\"\n\"g g\" = \"go_top\"\n";
        let c = Config::parse(text, "c.toml").unwrap();
        let km = c.keymap_from(text, "c.toml").unwrap();
        let gg = Keys::parse("g g").unwrap();
        assert!(matches!(
            km.lookup_keys(Mode::List, &gg.0),
            crate::input::Lookup::Command(crate::input::Command::GoTop)
        ));
        assert!(matches!(km.lookup_keys(Mode::List, &gg.0[..1]), crate::input::Lookup::Prefix));
    }

    #[test]
    fn missing_file_only_an_error_when_named() {
        let missing = PathBuf::from("/nonexistent/praktyki/config.toml");
        assert!(Config::load(Some(&(missing.clone(), Source::Platform))).is_ok());
        let err = Config::load(Some(&(missing, Source::Flag))).unwrap_err();
        assert!(err.to_string().contains("cannot read"), "{err}");
    }
}
