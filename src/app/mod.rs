//! The application core: model, actions, effects and the pure `update`.

pub mod action;
pub mod doc;
pub mod facets;
pub mod help;
pub mod layout;
pub mod map;
pub mod model;
mod mouse;
mod news;
pub mod present;
pub mod related;
mod search_line;
mod sentences;
pub mod update;

pub use action::{Action, Effect, Results, Sentences};
pub use model::{Focus, Model, Tab};
pub use update::{action_for_key, update};
