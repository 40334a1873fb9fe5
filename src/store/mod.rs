//! The practice store: the `praktyki/1` JSON model, loading with located
//! errors, plausibility checks, atomic writes, and import of BDP pages.

pub mod checks;
pub mod heads;
pub mod import;
pub mod input;
mod keep;
pub mod load;
pub mod lock;
pub mod model;
pub mod problem;
pub mod synth;
mod texts;
mod window;
pub mod write;

pub use load::{LoadError, LoadOptions, Problem, Severity, Store, parse_str};
pub use model::{Attachment, Contact, FORMAT, Practice, Section, StoreFile};

/// The default store compiled into the binary: `data/practices.json`.
pub const EMBEDDED: &str = include_str!("../../data/practices.json");

/// How the embedded store is named in messages.
pub const EMBEDDED_ORIGIN: &str = "<embedded store>";

/// Loads the embedded default store.
pub fn load_embedded(opts: LoadOptions) -> Result<Store, LoadError> {
    load::parse_str(EMBEDDED, EMBEDDED_ORIGIN, opts)
}
