//! The state machine: `update` applies one action to the model and returns
//! the effects it wants carried out. No IO happens here.

use std::sync::Arc;

use crate::app::present::{self, card_fields};
use crate::input::Command;
use crate::input::{Chord, Lookup, Mode};
use crate::map::Dir;
use crate::search::Filter;
use crate::store::checks::VOIVODESHIPS;

use super::action::{Action, Effect};
use super::doc;
use super::model::{Focus, Model, StatusKind, Tab, ViewKey};

/// The action a key chord means in the model's current mode: its binding,
/// or, in the search line, the character typed.
pub fn action_for_key(m: &Model, chord: &Chord) -> Option<Action> {
    let mode = m.mode();
    // A letter that goes on with a name typed on the map is typing, even
    // where it is bound ("po" then "m" is pomorskie, not a move).
    if let (Some(map), Some(c)) = (&m.map, chord.text())
        && mode == Mode::Map
        && map.continues(c)
    {
        return Some(Action::MapKey(c));
    }
    let mut keys = m.keys_typed.clone();
    keys.push(*chord);
    match m.keymap.lookup_keys(mode, &keys) {
        Lookup::Command(a) => return Some(Action::Cmd(*a)),
        Lookup::Prefix => return Some(Action::KeyPrefix(keys)),
        Lookup::None => {}
    }
    // A sequence that led nowhere: the last key counts on its own.
    if !m.keys_typed.is_empty() {
        match m.keymap.lookup_keys(mode, std::slice::from_ref(chord)) {
            Lookup::Command(a) => return Some(Action::Cmd(*a)),
            Lookup::Prefix => return Some(Action::KeyPrefix(vec![*chord])),
            Lookup::None => {}
        }
    }
    match (mode, chord.text()) {
        (Mode::Search, Some(c)) => Some(Action::InsertChar(c)),
        (Mode::Map, Some(c)) => Some(Action::MapKey(c)),
        _ if !m.keys_typed.is_empty() => Some(Action::CancelKeys),
        _ => None,
    }
}

pub(super) fn info(m: &mut Model, text: impl Into<String>) {
    m.status = Some((text.into(), StatusKind::Info));
}

pub(super) fn error(m: &mut Model, text: impl Into<String>) {
    m.status = Some((text.into(), StatusKind::Error));
}

/// Applies one action; returns the effects to carry out.
pub fn update(m: &mut Model, action: Action) -> Vec<Effect> {
    let (resize, scroll, anchor) = (matches!(action, Action::Resize(..)), m.detail.scroll, m.detail.anchor);
    let mut fx = apply(m, action);
    if !resize && m.detail.anchor == anchor && m.detail.scroll != scroll {
        m.detail.anchor = None;
    }
    refresh_view(m);
    // The search line's view follows its cursor, holding still inside it.
    m.search.view = crate::text::width::line_view(&m.search.text, m.search.cursor, m.search_room(), m.search.view);
    // An ask for texts no longer wanted (the selection went back to a
    // practice whose texts are here) is forgotten: its answer will be
    // dropped, and keys for the detail pane must not wait for it.
    if m.texts_asked.is_some() && m.texts_asked != m.texts_wanted() {
        m.texts_asked = None;
    }
    // Text matches that came into view without their sentence: the edge
    // reads them, off the input path, and answers SentencesRead.
    fx.extend(super::sentences::wanted(m));
    // After a lazy load the selected practice's long texts are in the file:
    // the edge reads them, off the input path, and answers PracticeRead.
    if let Some(wanted) = m.texts_wanted().filter(|w| m.texts_asked != Some(*w)) {
        if m.store.is_lazy() {
            m.texts_asked = Some(wanted);
            fx.push(Effect::ReadPractice { index: wanted.0, generation: wanted.1 });
        } else {
            // Loaded with the store: joining head and texts reads nothing.
            let practice = m.store.read_full(wanted.0).map(|p| Arc::new(p.into_owned()));
            m.texts = Some(super::model::Texts { index: wanted.0, generation: wanted.1, practice });
            refresh_view(m);
        }
    }
    fx
}

fn apply(m: &mut Model, action: Action) -> Vec<Effect> {
    // A message stays until the user does something else.
    if !matches!(
        action,
        Action::Resize(..)
            | Action::SearchDone { .. }
            | Action::Notify(_)
            | Action::Reloaded(_)
            | Action::IndexReady { .. }
            | Action::PracticeRead(_)
            | Action::SentencesRead { .. }
            | Action::MouseScroll { .. }
    ) {
        m.status = None;
    }
    if !matches!(
        action,
        Action::KeyPrefix(_)
            | Action::Resize(..)
            | Action::SearchDone { .. }
            | Action::Reloaded(_)
            | Action::IndexReady { .. }
            | Action::PracticeRead(_)
            | Action::SentencesRead { .. }
    ) {
        m.keys_typed.clear();
    }
    let mut fx = Vec::new();
    match action {
        Action::KeyPrefix(keys) => m.keys_typed = keys,
        Action::CancelKeys => {}
        Action::Cmd(Command::MoveDown) => step(m, 1),
        Action::Cmd(Command::MoveUp) => step(m, -1),
        Action::Cmd(Command::PageDown) => step(m, page(m) as isize),
        Action::Cmd(Command::PageUp) => step(m, -(page(m) as isize)),
        Action::Cmd(Command::HalfPageDown) => step(m, (page(m) / 2).max(1) as isize),
        Action::Cmd(Command::HalfPageUp) => step(m, -((page(m) / 2).max(1) as isize)),
        Action::Cmd(Command::GoTop) => step(m, isize::MIN / 2),
        Action::Cmd(Command::GoBottom) => step(m, isize::MAX / 2),
        Action::Cmd(Command::FocusSearch) => {
            m.focus = Focus::Search;
            m.search.cursor = m.search.text.chars().count();
        }
        Action::Cmd(Command::LeaveSearch) | Action::Cmd(Command::FocusList) => m.focus = Focus::List,
        // The same set as Action::edits_search_line, as a pattern, so a new
        // action cannot be forgotten here.
        a @ (Action::Cmd(Command::ClearSearch)
        | Action::InsertChar(_)
        | Action::InsertText(_)
        | Action::Cmd(Command::DeleteBack)
        | Action::Cmd(Command::DeleteForward)
        | Action::Cmd(Command::DeleteWord)
        | Action::Cmd(Command::CursorLeft)
        | Action::Cmd(Command::CursorRight)
        | Action::Cmd(Command::CursorStart)
        | Action::Cmd(Command::CursorEnd)) => {
            if super::search_line::edit(&mut m.search, a) {
                fx.push(new_search(m));
            }
        }
        Action::Cmd(Command::FocusDetail) => {
            if m.selected().is_some() {
                m.focus = Focus::Detail;
            }
        }
        Action::Cmd(Command::NextTab) => set_tab(m, Tab::ALL[(m.detail.tab.index() + 1) % 3]),
        Action::Cmd(Command::PrevTab) => set_tab(m, Tab::ALL[(m.detail.tab.index() + 2) % 3]),
        Action::Cmd(Command::ShowSummary) => set_tab(m, Tab::Summary),
        Action::Cmd(Command::ShowPresentation) => set_tab(m, Tab::Presentation),
        Action::Cmd(Command::ShowAttachments) => set_tab(m, Tab::Attachments),
        Action::Cmd(Command::NextMatch) => jump_match(m, true),
        Action::Cmd(Command::PrevMatch) => jump_match(m, false),
        Action::Cmd(Command::OpenCard) => {
            if let Some(p) = m.selected() {
                // On the first e-mail: what people open the card for.
                let s = m.strings();
                m.card_field = Some(card_fields(&p, s).iter().position(|f| f.label == s.email).unwrap_or(0));
                m.help_scroll = None;
            }
        }
        Action::Cmd(Command::Copy) => copy(m, &mut fx),
        Action::Cmd(c @ (Command::CopyEmail | Command::CopyPhone)) => {
            let value = m.selected().and_then(|p| match c {
                Command::CopyEmail => present::first_email(&p).map(str::to_owned),
                _ => present::first_phone(&p).map(str::to_owned),
            });
            copy_value(m, &mut fx, value);
        }
        Action::Cmd(Command::OpenLink) => open_link(m, &mut fx),
        Action::Cmd(Command::Close) => {
            if m.help_scroll.is_some() {
                m.help_scroll = None;
            } else if m.facets.is_some() {
                m.facets = None;
            } else if m.related.is_some() {
                m.related = None;
            } else if let Some(view) = m.map.take() {
                if let Some(query) = view.restore {
                    m.search.text = query;
                    m.search.cursor = m.search.text.chars().count();
                    fx.push(new_search(m));
                }
            } else {
                m.card_field = None;
            }
        }
        Action::Cmd(Command::OpenFacets) => m.facets = Some(super::facets::Facets::of(m)),
        Action::Cmd(Command::Export) => {
            // The marked ones when there are any in this store (in the order
            // they were marked), else the list.
            let by_id: std::collections::HashMap<&str, usize> =
                m.store.practices.iter().enumerate().map(|(i, p)| (p.id(), i)).collect();
            let marked: Vec<usize> =
                m.bookmarks.bookmarks.iter().filter_map(|b| by_id.get(b.id.as_str()).copied()).collect();
            let s = m.strings();
            let (practices, heading) = if marked.is_empty() {
                let q = m.search.text.trim();
                (
                    m.list.hits.iter().map(|h| h.index).collect(),
                    if q.is_empty() { s.map_all.to_owned() } else { q.to_owned() },
                )
            } else {
                (marked, s.marked_heading.to_owned())
            };
            if practices.is_empty() {
                info(m, s.nothing_to_export);
            } else {
                info(m, format!("{}: {}…", s.exporting, practices.len()));
                fx.push(Effect::Export { practices, heading });
            }
        }
        Action::Cmd(Command::OpenRelated) => fx.extend(super::related::open(m)),
        Action::Cmd(Command::GoBack) => fx.extend(super::related::back(m)),
        Action::RelatedFound { key, items } => super::related::found(m, key, items),
        Action::Cmd(Command::OpenMap) => {
            let mut view = super::map::MapView::of(m);
            // Counted without its own filter, so that any voivodeship can be
            // picked; the list under the map follows, and Esc puts it back.
            let without = super::facets::without_filter(&m.search.text, Filter::Voivodeship);
            if without != m.search.text.trim() {
                view.restore = Some(std::mem::replace(&mut m.search.text, without));
                m.search.cursor = m.search.text.chars().count();
                fx.push(new_search(m));
            }
            m.map = Some(view);
        }
        Action::Cmd(c @ (Command::MoveLeft | Command::MoveRight)) => {
            if let Some(map) = &mut m.map {
                map.go(if c == Command::MoveLeft { Dir::Left } else { Dir::Right });
            }
        }
        Action::MapKey(c) => {
            if let Some(map) = &mut m.map
                && !map.jump(c)
            {
                let text = format!("{}: {c}", m.strings().map_no_jump);
                info(m, text);
            }
        }
        Action::Cmd(Command::Choose) if m.related.is_some() => fx.extend(super::related::choose(m)),
        Action::Cmd(Command::Choose) => {
            let chosen = m.facets.take().and_then(|f| f.chosen().map(|f| (f.filter, f.value.clone())));
            let chosen = chosen.or_else(|| {
                let view = m.map.take()?;
                if let Some(query) = view.restore {
                    m.search.text = query;
                }
                Some((Filter::Voivodeship, VOIVODESHIPS[view.selected].to_owned()))
            });
            if let Some((filter, value)) = chosen {
                m.search.text = super::facets::with_filter(&m.search.text, filter, &value);
                m.search.cursor = m.search.text.chars().count();
                m.focus = Focus::List;
                fx.push(new_search(m));
            }
        }
        Action::Cmd(Command::ToggleHelp) => {
            m.help_scroll = match m.help_scroll {
                Some(_) => None,
                None => Some(super::help::opening_line(m).min(help_len(m))),
            }
        }
        Action::Cmd(Command::Reload) => fx.push(Effect::Reload),
        Action::Cmd(Command::ToggleBookmark) => {
            if let Some(p) = m.selected() {
                let (id, title) = (p.id.clone(), p.title.clone());
                let marked = m.bookmarks.toggle(&id, &title);
                let s = m.strings();
                info(m, format!("{}: {title}", if marked { s.marked } else { s.unmarked }));
                fx.push(Effect::SaveBookmark { id, title, marked });
                if m.only_marked {
                    refilter(m);
                }
            }
        }
        Action::Cmd(Command::ToggleMarkedOnly) => {
            m.only_marked = !m.only_marked;
            refilter(m);
            m.list.selected = 0;
            m.list.offset = 0;
            reset_detail(m);
            if m.only_marked {
                let missing = m.missing_bookmarks();
                let s = m.strings();
                let text = format!("{}: {} · {} {}", s.showing_marked, m.list.hits.len(), missing, s.missing_bookmarks);
                info(m, text);
            }
        }
        Action::Cmd(Command::Quit) => m.quit = true,
        a @ (Action::Resize(..)
        | Action::SearchDone { .. }
        | Action::PracticeRead(_)
        | Action::SentencesRead { .. }
        | Action::Reloaded(_)
        | Action::IndexReady { .. }
        | Action::Notify(_)) => super::news::on_news(m, a, &mut fx),
        Action::MouseScroll { column, row, down } => super::mouse::on_wheel(m, column, row, down),
        Action::MouseClick { column, row } => super::mouse::on_click(m, column, row),
    }
    fx
}
/// The list shows what was found, or only its marked part.
pub(super) fn refilter(m: &mut Model) {
    m.list.hits = if m.only_marked {
        Arc::new(m.list.found.iter().filter(|h| m.is_marked(h.index)).copied().collect())
    } else {
        m.list.found.clone()
    };
    m.list.selected = m.list.selected.min(m.list.hits.len().saturating_sub(1));
    keep_visible(m);
}

pub(super) fn new_search(m: &mut Model) -> Effect {
    if crate::search::Query::parse(&m.search.text).truncated {
        let s = m.strings();
        info(m, s.query_cut);
    }
    m.search.seq += 1;
    m.search.awaiting = true;
    Effect::Search { seq: m.search.seq, query: m.search.text.clone() }
}

/// How far a page moves in the pane that has the keys.
fn page(m: &Model) -> usize {
    let a = m.areas();
    match (m.help_scroll, m.card_field, m.focus) {
        (Some(_), _, _) => usize::from(m.size.1.saturating_sub(4)).max(1),
        _ if m.facets.is_some() => usize::from(m.size.1.saturating_sub(6)).max(1),
        (None, Some(_), _) => 5,
        (None, None, Focus::Detail) => a.detail_text().1.max(1),
        _ => a.list_rows(),
    }
}

fn moved(pos: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    pos.saturating_add_signed(delta).min(len - 1)
}

/// Moves whatever the keys move now by `delta` lines.
pub(super) fn step(m: &mut Model, delta: isize) {
    if let Some(scroll) = m.help_scroll {
        m.help_scroll = Some(scroll.saturating_add_signed(delta).min(help_len(m)));
        return;
    }
    if let Some(f) = &mut m.facets {
        f.step(delta);
        return;
    }
    if let Some(view) = &mut m.related {
        view.step(delta);
        return;
    }
    if let Some(map) = &mut m.map {
        // A line is a neighbour; pages and ends mean nothing on a map.
        match delta {
            1 => _ = map.go(Dir::Down),
            -1 => _ = map.go(Dir::Up),
            _ => {}
        }
        return;
    }
    if let Some(sel) = m.card_field {
        let n = m.selected().map_or(0, |p| card_fields(&p, m.strings()).len());
        m.card_field = Some(moved(sel, delta, n));
        return;
    }
    match m.focus {
        Focus::Detail if m.detail.tab == Tab::Attachments => {
            let n = m.full_practice().map_or(0, |p| p.attachments.len());
            if n > 0 {
                m.detail.attachment = moved(m.detail.attachment, delta, n);
                scroll_to_attachment(m);
            } else {
                scroll(m, delta);
            }
        }
        Focus::Detail => scroll(m, delta),
        Focus::List | Focus::Search => {
            let before = m.list.selected;
            m.list.selected = moved(m.list.selected, delta, m.list.hits.len());
            keep_visible(m);
            if before != m.list.selected {
                reset_detail(m);
            }
        }
    }
}

/// How far the help overlay scrolls: its lines less the rows it shows
/// (the overlay is the screen height less two, less its border).
/// The furthest help scrolls: its last line at the bottom of the window.
pub(super) fn help_len(m: &Model) -> usize {
    super::help::lines(m).0.len().saturating_sub(usize::from(m.size.1.saturating_sub(4)))
}

pub(super) fn keep_visible(m: &mut Model) {
    let rows = m.areas().list_rows();
    let l = &mut m.list;
    if l.selected < l.offset {
        l.offset = l.selected;
    } else if l.selected >= l.offset + rows {
        l.offset = l.selected + 1 - rows;
    }
    // After a resize to a taller list, show as many rows as fit.
    let max_offset = l.hits.len().saturating_sub(rows);
    l.offset = l.offset.min(max_offset);
}

pub(super) fn reset_detail(m: &mut Model) {
    m.detail.scroll = 0;
    m.detail.attachment = 0;
    m.detail.anchor = None;
}

fn set_tab(m: &mut Model, tab: Tab) {
    if m.detail.tab != tab {
        m.detail.tab = tab;
        reset_detail(m);
    }
}

/// Makes the detail view match the selection, tab, width and attachment;
/// rebuilt only when one of them changed.
fn refresh_view(m: &mut Model) {
    if let Some(mut map) = m.map.take() {
        map.recount(m);
        m.map = Some(map);
    }
    let width = m.areas().detail_text().0;
    let practice = m.list.hits.get(m.list.selected).map(|h| h.index);
    let texts = m.texts_wanted().is_none();
    let key = ViewKey {
        practice,
        tab: m.detail.tab,
        width,
        attachment: m.detail.attachment,
        generation: m.generation,
        texts,
    };
    if m.detail.view_key != Some(key) {
        m.detail.view = Arc::new(doc::wrap(&doc::for_model(m), width));
        m.detail.view_key = Some(key);
    }
}

/// The open tab wrapped to the detail width: (source line, line) pairs.
fn wrapped_tab(m: &mut Model) -> Arc<Vec<(usize, doc::DocLine)>> {
    refresh_view(m);
    m.detail.view.clone()
}

fn max_scroll(m: &mut Model) -> usize {
    wrapped_tab(m).len().saturating_sub(m.areas().detail_text().1)
}

fn scroll(m: &mut Model, delta: isize) {
    m.detail.scroll = m.detail.scroll.saturating_add_signed(delta).min(max_scroll(m));
}

pub(super) fn clamp_detail(m: &mut Model) {
    m.detail.scroll = m.detail.scroll.min(max_scroll(m));
}

/// Where the detail pane's top line is in the text, whatever the width:
/// its source line and how many letters of that line come before it.
pub(super) fn detail_anchor(m: &mut Model) -> (usize, usize) {
    let view = wrapped_tab(m);
    let top = m.detail.scroll.min(view.len().saturating_sub(1));
    let Some((src, _)) = view.get(top) else { return (0, 0) };
    let before = view[..top].iter().rev().take_while(|(s, _)| s == src).map(|(_, l)| letters(l)).sum();
    (*src, before)
}

/// Scrolls the detail pane so the line holding `anchor` is at the top (a
/// resize rewraps the text; the place read, or the match `n` went to,
/// stays in view).
pub(super) fn scroll_to_anchor(m: &mut Model, (src, before): (usize, usize)) {
    let view = wrapped_tab(m);
    // The last piece of the source line with at most `before` letters
    // ahead of it.
    let mut top = view.iter().position(|(s, _)| *s >= src).unwrap_or(0);
    let mut seen = 0;
    for (i, (s, l)) in view.iter().enumerate().skip(top) {
        if *s != src || seen > before {
            break;
        }
        top = i;
        seen += letters(l);
    }
    m.detail.scroll = top;
    clamp_detail(m);
}

/// Letters of a wrapped line, not counting the spaces a wrap drops.
fn letters(l: &doc::DocLine) -> usize {
    l.iter().map(|s| s.text.chars().filter(|c| !c.is_whitespace()).count()).sum()
}

pub(super) fn scroll_to_attachment(m: &mut Model) {
    // The selected attachment's name is the one line marked Selected.
    let view = wrapped_tab(m);
    let first = view.iter().position(|(_, l)| l.first().is_some_and(|s| s.kind == doc::Kind::Selected)).unwrap_or(0);
    let height = m.areas().detail_text().1;
    if first < m.detail.scroll {
        m.detail.scroll = first;
    } else if first >= m.detail.scroll + height {
        m.detail.scroll = first + 1 - height;
    }
    clamp_detail(m);
}

/// The next (or previous) line of the open tab with the search in it,
/// wrapping around at the end as vim and less do, and where it is ("3/12").
fn jump_match(m: &mut Model, forward: bool) {
    let s = m.strings();
    let terms = m.list.terms.clone();
    if terms.is_empty() {
        return info(m, s.no_search);
    }
    let lines: Vec<usize> = wrapped_tab(m)
        .iter()
        .enumerate()
        .filter(|(_, (_, l))| !doc::occurrences(&doc::plain(l), &terms).is_empty())
        .map(|(i, _)| i)
        .collect();
    let cur = m.detail.scroll;
    let found = if forward { lines.iter().position(|l| *l > cur) } else { lines.iter().rposition(|l| *l < cur) };
    let (at, wrapped) = match (found, lines.len()) {
        (_, 0) => return info(m, s.no_more_matches),
        (Some(at), _) => (at, false),
        (None, n) => (if forward { 0 } else { n - 1 }, true),
    };
    m.detail.scroll = lines[at];
    m.detail.anchor = Some(detail_anchor(m));
    let place = format!("{}/{}", at + 1, lines.len());
    info(m, if wrapped { format!("{place} · {}", s.search_wrapped) } else { place });
}

fn copy(m: &mut Model, fx: &mut Vec<Effect>) {
    let s = m.strings();
    let value = match (m.card_field, m.focus, m.detail.tab) {
        (Some(i), _, _) => m.selected().and_then(|p| card_fields(&p, s).get(i).map(|f| f.value.trim().to_owned())),
        (None, Focus::Detail, Tab::Attachments) => {
            let p = m.full_practice();
            p.and_then(|p| p.attachments.get(m.detail.attachment).and_then(|a| a.url.clone()))
        }
        // Outside the card and the attachments, say where copying is.
        _ => return info(m, s.copy_where),
    };
    copy_value(m, fx, value);
}

/// Puts `value` on the clipboard and says so, or says there is nothing.
fn copy_value(m: &mut Model, fx: &mut Vec<Effect>, value: Option<String>) {
    let s = m.strings();
    match value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()) {
        Some(v) => {
            let shown: String = v.chars().take(60).collect();
            info(m, format!("{}: {shown}", s.copied));
            fx.push(Effect::CopyToClipboard(v));
        }
        None => info(m, s.nothing_to_copy),
    }
}

fn open_link(m: &mut Model, fx: &mut Vec<Effect>) {
    let s = m.strings();
    let Some(p) = m.selected() else { return };
    let raw = match (m.card_field, m.detail.tab) {
        (Some(i), _) => card_fields(&p, s).get(i).and_then(|f| f.openable.clone()),
        (None, Tab::Attachments) => {
            let full = m.full_practice();
            full.and_then(|f| f.attachments.get(m.detail.attachment).and_then(|a| a.url.clone()))
        }
        (None, _) => p.website.clone(),
    };
    let base = p.source_url.clone();
    let Some(raw) = raw else {
        info(m, s.nothing_to_open);
        return;
    };
    match present::openable_url(&raw, base.as_deref()) {
        Ok(url) => {
            info(m, format!("{}: {url}", s.opening));
            fx.push(Effect::OpenUrl(url));
        }
        Err(url) => error(m, format!("{}: {url}", s.not_openable)),
    }
}
