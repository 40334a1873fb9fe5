//! Where things live: the config and data directories (from `directories`,
//! overridable by environment) and which store is in use, and why.

use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};

use directories::ProjectDirs;

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
            Source::Flag => write!(f, "from --store"),
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

/// The environment praktyki reads, gathered once so resolution stays pure.
#[derive(Debug, Clone, Default)]
pub struct Env {
    pub store: Option<OsString>,
    pub data: Option<OsString>,
    pub config: Option<OsString>,
}

impl Env {
    pub fn from_process() -> Self {
        let get = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty());
        Self { store: get("PRAKTYKI_STORE"), data: get("PRAKTYKI_DATA"), config: get("PRAKTYKI_CONFIG") }
    }
}

/// The directories praktyki uses.
#[derive(Debug, Clone)]
pub struct Dirs {
    pub config: Option<(PathBuf, Source)>,
    pub data: Option<(PathBuf, Source)>,
}

impl Dirs {
    pub fn resolve(env: &Env) -> Self {
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
        Self { config, data }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolution_order() {
        let tmp = tempfile::tempdir().unwrap();
        let dirs = Dirs { config: None, data: Some((tmp.path().to_path_buf(), Source::Flag)) };
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
}
