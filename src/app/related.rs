//! Related practices in the browser: `R` lists the practices most like the
//! selected one (found off the input path, kept per practice), Enter goes
//! to one, and `b` comes back to where it was, as a browser's back does.

use std::sync::Arc;

use super::action::Effect;
use super::model::{Focus, Model};
use crate::search::related::Related;

/// Practices listed.
pub const LIMIT: usize = 8;
/// Lists kept, the latest last.
const KEEP: usize = 32;
/// Places `b` can go back to.
const HISTORY: usize = 50;

/// What a list of related practices was found for: the practice, the
/// store's generation, and whether the texts' index was there (a list
/// found before it came is found again after).
pub type Key = (usize, u64, bool);

/// The open list.
#[derive(Debug, Clone, PartialEq)]
pub struct RelatedView {
    pub key: Key,
    /// `None` while it is being found.
    pub items: Option<Arc<Vec<Related>>>,
    pub selected: usize,
}

impl RelatedView {
    pub fn step(&mut self, delta: isize) {
        let n = self.items.as_ref().map_or(0, |i| i.len());
        self.selected = self.selected.saturating_add_signed(delta).min(n.saturating_sub(1));
    }
}

/// Opens the list for the selected practice: from what is kept, or asks
/// the edge to find it.
pub fn open(m: &mut Model) -> Option<Effect> {
    let practice = m.list.hits.get(m.list.selected)?.index;
    let key = (practice, m.generation, m.index.has_topics());
    let kept = m.related_kept.iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone());
    let asked = kept.is_none();
    m.related = Some(RelatedView { key, items: kept, selected: 0 });
    asked.then_some(Effect::FindRelated { practice, generation: key.1 })
}

/// The edge found a list: kept, and shown if it is the one open.
pub fn found(m: &mut Model, key: Key, items: Arc<Vec<Related>>) {
    // Found in a store since reloaded: its positions mean nothing now.
    if key.1 != m.generation {
        return;
    }
    m.related_kept.retain(|(k, _)| *k != key);
    if m.related_kept.len() >= KEEP {
        m.related_kept.remove(0);
    }
    m.related_kept.push((key, items.clone()));
    if let Some(view) = m.related.as_mut().filter(|v| v.key.0 == key.0 && v.key.1 == key.1) {
        view.key = key;
        view.items = Some(items);
    }
}

/// Enter: goes to the selected related practice, noting where it was for
/// `b`. In the list it is selected there; otherwise the search is cleared
/// so that it is listed.
pub fn choose(m: &mut Model) -> Option<Effect> {
    let view = m.related.take()?;
    if view.key.1 != m.generation {
        return None;
    }
    let target = view.items.as_ref()?.get(view.selected)?.index;
    let id = m.store.practices.get(target)?.id().to_owned();
    if let Some(here) = m.selected().map(|p| p.id.clone()) {
        if m.back.len() >= HISTORY {
            m.back.remove(0);
        }
        m.back.push((m.search.text.clone(), here, m.only_marked));
    }
    let title = m.store.practices.get(target).map_or(String::new(), |p| p.title().to_owned());
    let fx = go_to(m, &m.search.text.clone(), &id, true);
    // Where the way back is, once: people look for it after a jump.
    let s = m.strings();
    let keys = m.keymap.keys_for(crate::input::Mode::List, &crate::input::Command::GoBack);
    if let Some(k) = keys.first() {
        let text = format!("{title} · {k} {}", s.back_hint);
        m.status = Some((text, super::model::StatusKind::Info));
    }
    fx
}

/// `b`: back to the practice (and the search) before the last jump.
pub fn back(m: &mut Model) -> Option<Effect> {
    let Some((query, id, only_marked)) = m.back.pop() else {
        let s = m.strings();
        m.status = Some((s.no_back.to_owned(), super::model::StatusKind::Info));
        return None;
    };
    if m.only_marked != only_marked {
        m.only_marked = only_marked;
        // The list as it was, before the search finds it again.
        super::update::refilter(m);
    }
    go_to(m, &query, &id, false)
}

/// Selects practice `id` under `query`: at once when the list answers that
/// query already and has it, else after searching again (with no query at
/// all when `widen`, so that any practice is listed).
fn go_to(m: &mut Model, query: &str, id: &str, widen: bool) -> Option<Effect> {
    m.focus = Focus::List;
    if m.search.text == query && m.list.query == query {
        let store = &m.store;
        if let Some(at) = m.list.hits.iter().position(|h| store.practices.get(h.index).is_some_and(|p| p.id() == id)) {
            m.list.selected = at;
            super::update::keep_visible(m);
            super::update::reset_detail(m);
            return None;
        }
    }
    m.search.text = if widen { String::new() } else { query.to_owned() };
    if widen {
        // Only marked ones listed would hide it still.
        m.only_marked = false;
    }
    m.search.cursor = m.search.text.chars().count();
    m.reselect = Some(id.to_owned());
    Some(super::update::new_search(m))
}
