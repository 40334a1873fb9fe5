//! What the loop brings back to the model: a new size, search results,
//! a practice's texts, a reloaded store, the texts' index, a message.

use std::sync::Arc;

use super::action::Action;
use super::action::Effect;
use super::model::Model;
use super::update::*;
use crate::search::query_terms;

/// What the loop brings: a new size, search results, a practice read, a
/// reload, a message.
pub(super) fn on_news(m: &mut Model, action: Action, fx: &mut Vec<Effect>) {
    match action {
        Action::Resize(w, h) => {
            let anchor = m.detail.anchor.or_else(|| (m.detail.scroll > 0).then(|| detail_anchor(m)));
            m.size = super::layout::clamp_size(w, h);
            keep_visible(m);
            match anchor {
                Some(anchor) => scroll_to_anchor(m, anchor),
                None => clamp_detail(m),
            }
            m.detail.anchor = anchor;
            // The selected attachment stays in view: it is what y and o take.
            if m.detail.tab == super::Tab::Attachments && m.focus == super::Focus::Detail {
                scroll_to_attachment(m);
            }
            m.help_scroll = m.help_scroll.map(|s| s.min(help_len(m)));
        }
        // Results of an older search are stale.
        Action::SearchDone { seq, results } if seq == m.search.seq => {
            let results = Arc::unwrap_or_clone(results);
            m.list.found = results.hits;
            m.list.notes = results.notes;
            if let Some(note) = search_note(m) {
                info(m, note);
            }
            m.list.sentences = Arc::new(results.sentences);
            m.list.sentences_asked.clear();
            refilter(m);
            m.list.query = m.search.text.clone();
            m.list.terms = query_terms(&m.list.query);
            // Highlight what typos were taken for, too.
            m.list.terms.extend(m.list.notes.corrections.iter().map(|(_, meant)| meant.clone()));
            m.list.selected = 0;
            m.list.offset = 0;
            m.search.awaiting = false;
            if let Some(id) = m.reselect.take() {
                let store = &m.store;
                if let Some(at) =
                    m.list.hits.iter().position(|h| store.practices.get(h.index).is_some_and(|p| p.id() == id))
                {
                    m.list.selected = at;
                    keep_visible(m);
                    // The same practice: where the reader was in it stays.
                    clamp_detail(m);
                    return;
                }
            }
            reset_detail(m);
        }
        Action::SentencesRead { query, generation, sentences } => {
            super::sentences::read(m, &query, generation, sentences)
        }
        // An answer for a practice no longer selected (or an older store) is dropped.
        Action::PracticeRead(texts) if m.texts_wanted() == Some((texts.index, texts.generation)) => {
            m.texts_asked = None;
            m.texts = Some(texts);
            clamp_detail(m);
        }
        Action::Reloaded(Ok(pair)) => {
            // The hits point into the old store: note the selection's id first.
            m.reselect = m.selected().map(|p| p.id.clone());
            // Related lists are positions in the old store: gone with it.
            m.related = None;
            m.related_kept.clear();
            let (store, index) = pair;
            let n = store.practices.len();
            let skipped = store.skipped();
            m.store = store;
            m.index = index;
            m.generation += 1;
            m.card_field = None;
            fx.push(new_search(m));
            let s = m.strings();
            info(m, format!("{} ({n} {}, {skipped} {})", s.reloaded, s.shown, s.skipped));
        }
        Action::IndexReady { generation, index } if generation == m.generation => {
            m.index = index;
            // Text matches can answer the query now; the practice the user
            // is on stays selected (they may have opened it meanwhile).
            if !m.search.text.trim().is_empty() {
                m.reselect = m.selected().map(|p| p.id.clone());
                fx.push(new_search(m));
            }
        }
        Action::Reloaded(Err(e)) => {
            let s = m.strings();
            error(m, format!("{}: {e}", s.reload_failed));
        }
        Action::Notify(text) => info(m, text),
        _ => {}
    }
}

/// What to say about a search's results: what typos were taken for, a
/// filter name that is none, or the filter that left nothing.
fn search_note(m: &Model) -> Option<String> {
    let s = m.strings();
    let n = &m.list.notes;
    if !n.unknown_filters.is_empty() {
        return Some(format!("{} {}: ({})", s.unknown_filter, n.unknown_filters.join(": "), s.filters_are));
    }
    if !n.invalid_filters.is_empty() {
        return Some(format!("{} {} ({})", s.invalid_filter, n.invalid_filters.join(" "), s.year_help));
    }
    if let Some(f) = &n.emptied_by {
        return Some(format!("{} {f}", s.emptied_by));
    }
    if !n.corrections.is_empty() {
        let words: Vec<String> = n.corrections.iter().map(|(typed, meant)| format!("{typed} → {meant}")).collect();
        return Some(format!("{}: {}", s.showing_for, words.join(", ")));
    }
    None
}
