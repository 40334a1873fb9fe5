//! Loading has one home: which store a run uses (flag, `$PRAKTYKI_STORE`,
//! config, the data directory, the embedded one), through which start-up
//! cache, with which options, and where the bookmarks are. `main`, the
//! CLI, the browser's reload and any server ask a [`Plan`] and call
//! [`Plan::load`]; writing a store is `store::write::merge_into_file`,
//! under `store::lock`.

pub mod bookmarks;
pub mod cache;

use std::path::{Path, PathBuf};

use crate::config::{Config, Dirs, Env, StoreChoice, resolve_store};
use crate::store::{self, LoadError, LoadOptions};
use cache::Loaded;

/// What a run loads: the store chosen (and why), the options, and the
/// start-up cache directory (`None`: no cache).
#[derive(Debug, Clone)]
pub struct Plan {
    pub choice: StoreChoice,
    pub opts: LoadOptions,
    pub cache: Option<PathBuf>,
}

impl Plan {
    /// The plan for a run: `flag` is `--store`; `strict` checks everything
    /// (and reads long texts at once), else long texts are read when shown;
    /// `no_cache` leaves the start-up cache alone.
    pub fn new(flag: Option<&Path>, env: &Env, config: &Config, dirs: &Dirs, strict: bool, no_cache: bool) -> Plan {
        Plan {
            choice: resolve_store(flag, env, config.store.as_deref(), dirs),
            opts: LoadOptions { strict, lazy: !strict },
            cache: dirs.cache.as_ref().map(|(d, _)| d.clone()).filter(|_| !no_cache),
        }
    }

    /// The same plan for a given store file (`validate FILE`).
    pub fn for_file(&self, path: &Path) -> Plan {
        let choice = StoreChoice { path: Some(path.to_path_buf()), source: crate::config::Source::Flag };
        Plan { choice, ..self.clone() }
    }

    /// Loads the store: the embedded one, or a file through the start-up
    /// cache when it is large (see [`cache`]).
    pub fn load(&self) -> Result<Loaded, LoadError> {
        match &self.choice.path {
            Some(p) => cache::load_path(p, self.opts, self.cache.as_deref()),
            None => Ok(Loaded::plain(store::load_embedded(self.opts)?)),
        }
    }
}

/// Where the bookmarks are kept: `bookmarks.json` in the data directory.
pub fn bookmarks_path(dirs: &Dirs) -> Option<PathBuf> {
    dirs.data.as_ref().map(|(d, _)| d.join("bookmarks.json"))
}
