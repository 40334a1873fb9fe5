//! The sentence that matched, for each text match in view: a search finds
//! those of the first few text matches with its results (each is a read of
//! the practice's texts from the store file), and the rest are asked for as
//! they scroll into view.

use std::sync::Arc;

use super::action::{Effect, Sentences};
use super::model::Model;
use crate::search::Quality;

/// Asks for the sentences of the text matches in view that have none yet
/// and were not asked for.
pub(super) fn wanted(m: &mut Model) -> Option<Effect> {
    let rows = m.areas().list_rows();
    let list = &m.list;
    let practices: Vec<usize> = list
        .hits
        .iter()
        .skip(list.offset)
        .take(rows)
        .filter(|h| h.quality == Quality::Text)
        .map(|h| h.index)
        .filter(|i| !list.sentences.contains_key(i) && !list.sentences_asked.contains(i))
        .collect();
    if practices.is_empty() {
        return None;
    }
    m.list.sentences_asked.extend(&practices);
    Some(Effect::ReadSentences { query: m.list.query.clone(), generation: m.generation, practices })
}

/// The edge found sentences: kept if the list is still the one they were
/// found for.
pub(super) fn read(m: &mut Model, query: &str, generation: u64, sentences: Sentences) {
    if query == m.list.query && generation == m.generation {
        Arc::make_mut(&mut m.list.sentences).extend(sentences);
    }
}
