//! Text as praktyki handles it everywhere: made safe for a terminal
//! (`sanitize`, once on the way in and once on the way out) and folded for
//! comparing (`fold`: case and Polish diacritics away). Store checks, the
//! importer and search all use both, so they live apart from each.

pub mod blocks;
pub mod fold;
pub mod sanitize;
pub mod strlist;
pub mod width;
