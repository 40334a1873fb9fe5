//! The state of the browser. One struct with a small part per pane.

use std::sync::Arc;

use crate::config::Column;
use crate::i18n::{Lang, Strings};
use crate::input::{Keymap, Mode};
use crate::load::bookmarks::Bookmarks;
use crate::search::{Hit, Index};
use crate::store::model::Head;
use crate::store::{Practice, Store};

use super::doc::DocLine;
use super::layout::{self, Areas};

/// Which part of the screen receives keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    List,
    Search,
    Detail,
}

/// The three views of a practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Summary,
    Presentation,
    Attachments,
}

impl Tab {
    pub const ALL: [Tab; 3] = [Tab::Summary, Tab::Presentation, Tab::Attachments];

    pub fn title(self, s: &Strings) -> &'static str {
        match self {
            Tab::Summary => s.tab_summary,
            Tab::Presentation => s.tab_presentation,
            Tab::Attachments => s.tab_attachments,
        }
    }

    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Error,
}

/// The search line.
#[derive(Debug, Clone, Default)]
pub struct SearchLine {
    pub text: String,
    /// Cursor position in characters.
    pub cursor: usize,
    /// Number of the latest search asked for.
    pub seq: u64,
    /// Whether results for `seq` are still to come.
    pub awaiting: bool,
    /// The first column of the text in view, when it is longer than the line.
    pub view: usize,
}

/// The list of hits and the selection.
#[derive(Debug, Clone, Default)]
pub struct ListState {
    /// What the search found.
    pub found: Arc<Vec<Hit>>,
    /// What to tell about it (typo corrections, unknown filters…).
    pub notes: crate::search::Notes,
    /// The matching sentence of text matches, by practice.
    pub sentences: Arc<crate::app::action::Sentences>,
    /// Practices whose sentence was asked of the edge for these hits.
    pub sentences_asked: rustc_hash::FxHashSet<usize>,
    /// What the list shows: `found`, or its marked part.
    pub hits: Arc<Vec<Hit>>,
    /// The query these hits answer.
    pub query: String,
    /// Its folded words, parsed once when the hits came (for highlighting
    /// rows and finding occurrences in the detail pane).
    pub terms: Vec<String>,
    pub selected: usize,
    pub offset: usize,
}

/// What the detail pane's wrapped text was made from: when any of it
/// changes, the text is made again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ViewKey {
    pub practice: Option<usize>,
    pub tab: Tab,
    pub width: usize,
    pub attachment: usize,
    pub generation: u64,
    /// Whether the long texts were there (after a lazy load they come later).
    pub texts: bool,
}

/// The detail pane.
#[derive(Debug, Clone, Default)]
pub struct DetailState {
    pub tab: Tab,
    pub scroll: usize,
    /// Selected attachment in the Attachments tab.
    pub attachment: usize,
    /// The place in the text the pane was put at (by `n`, or before a
    /// resize): its source line and the letters before it there. Resizes
    /// go back to it, so a storm of them does not drift; any other scroll
    /// forgets it.
    pub anchor: Option<(usize, usize)>,
    /// The open tab of the selected practice, wrapped to the pane. Derived
    /// from the fields above by `update`, so drawing never re-reads the
    /// practice or re-wraps its text.
    pub view: Arc<Vec<(usize, DocLine)>>,
    pub view_key: Option<ViewKey>,
}

pub struct Model {
    /// Shared with the thread that writes the start-up cache.
    pub store: Arc<Store>,
    pub index: Arc<Index>,
    /// Where the store came from, for the status line.
    pub store_label: String,
    pub keymap: Arc<Keymap>,
    pub lang: Lang,
    pub size: (u16, u16),
    pub focus: Focus,
    pub search: SearchLine,
    pub list: ListState,
    pub detail: DetailState,
    /// The contact card's selected field, when the card is open.
    pub card_field: Option<usize>,
    /// The facet list, when it is open.
    pub facets: Option<super::facets::Facets>,
    /// The open map of voivodeships.
    pub map: Option<super::map::MapView>,
    /// The open list of related practices.
    pub related: Option<super::related::RelatedView>,
    /// Lists of related practices found lately, the latest last.
    pub related_kept: Vec<(super::related::Key, Arc<Vec<crate::search::related::Related>>)>,
    /// Where `b` goes back to: the search, the practice and whether only
    /// marked ones were listed, before each jump.
    pub back: Vec<(String, String, bool)>,
    /// The help overlay's scroll offset, when the help is open.
    pub help_scroll: Option<usize>,
    pub status: Option<(String, StatusKind)>,
    pub quit: bool,
    /// What follows the title in a list row (config `list.columns`).
    pub columns: Vec<Column>,
    pub bookmarks: Bookmarks,
    /// Whether the list shows only marked practices.
    pub only_marked: bool,
    /// Keys typed so far of a multi-key binding.
    pub keys_typed: Vec<crate::input::Chord>,
    /// Bumped when the store is replaced, so derived views are rebuilt.
    pub generation: u64,
    /// The long texts of the selected practice, read by the edge after a
    /// lazy load (`Effect::ReadPractice`); `update` reads no file.
    pub texts: Option<Texts>,
    /// The texts asked of the edge and not yet come (practice, generation),
    /// so one selection asks once.
    pub texts_asked: Option<(usize, u64)>,
    /// The practice to select again when the next results come (after a
    /// reload, which searches the new store): the user keeps their place.
    pub reselect: Option<String>,
}

/// What the detail pane has of the selected practice.
#[derive(Debug, Clone)]
pub enum Detail<'a> {
    Full(&'a Practice),
    /// The long texts are on their way.
    Head(Box<Head>),
    Failed(&'a str),
}

/// A practice read with its long texts, for the practice at `index` of the
/// store of `generation`; or why it could not be read.
#[derive(Debug, Clone)]
pub struct Texts {
    pub index: usize,
    pub generation: u64,
    pub practice: Result<Arc<Practice>, String>,
}

impl Model {
    /// Columns the search line has for its text, after its prompt ("Search: "):
    /// what its view is kept for (`update`) and drawn in (`ui`).
    pub fn search_room(&self) -> usize {
        usize::from(self.size.0).saturating_sub(crate::text::width::columns(self.strings().search_prompt) + 2)
    }

    /// A model showing every practice in title order.
    pub fn new(
        store: impl Into<Arc<Store>>,
        index: Arc<Index>,
        store_label: String,
        keymap: Arc<Keymap>,
        lang: Lang,
    ) -> Self {
        let hits = Arc::new(index.search(""));
        Self {
            store: store.into(),
            index,
            store_label,
            keymap,
            lang,
            size: (80, 24),
            focus: Focus::List,
            search: SearchLine::default(),
            list: ListState { found: hits.clone(), hits, ..ListState::default() },
            detail: DetailState::default(),
            card_field: None,
            facets: None,
            map: None,
            related: None,
            related_kept: Vec::new(),
            back: Vec::new(),
            help_scroll: None,
            status: None,
            quit: false,
            columns: crate::config::ListConfig::default().columns,
            bookmarks: Bookmarks::default(),
            only_marked: false,
            keys_typed: Vec::new(),
            generation: 0,
            texts: None,
            texts_asked: None,
            reselect: None,
        }
    }

    pub fn strings(&self) -> &'static Strings {
        self.lang.strings()
    }

    pub fn areas(&self) -> Areas {
        layout::areas(self.size.0, self.size.1, self.focus)
    }

    /// The practice under the selection, if any, without its long texts.
    pub fn selected(&self) -> Option<Head> {
        self.list.hits.get(self.list.selected).and_then(|h| self.store.practices.get(h.index)).map(|h| h.to_head())
    }

    /// What the detail pane has of the selected practice: the whole of it,
    /// its head until its long texts come (see [`Model::texts_wanted`]), or
    /// why they cannot be read.
    pub fn detail(&self) -> Option<Detail<'_>> {
        let hit = self.list.hits.get(self.list.selected)?;
        let head = self.store.practices.get(hit.index)?;
        Some(match &self.texts {
            Some(t) if t.index == hit.index && t.generation == self.generation => match &t.practice {
                Ok(p) => Detail::Full(p),
                Err(e) => Detail::Failed(e),
            },
            _ => Detail::Head(Box::new(head.to_head())),
        })
    }

    /// The selected practice with its long texts, once they are there.
    pub fn full_practice(&self) -> Option<&Practice> {
        match self.detail()? {
            Detail::Full(p) => Some(p),
            _ => None,
        }
    }

    /// The practice whose long texts the detail pane needs and does not
    /// have: its index in the store, and the store's generation.
    pub fn texts_wanted(&self) -> Option<(usize, u64)> {
        let index = self.list.hits.get(self.list.selected)?.index;
        match &self.texts {
            Some(t) if t.index == index && t.generation == self.generation => None,
            _ => Some((index, self.generation)),
        }
    }

    pub fn is_marked(&self, practice: usize) -> bool {
        self.store.practices.get(practice).is_some_and(|p| self.bookmarks.contains(p.id()))
    }

    /// Bookmarks whose practice is not in the store (kept, shown as missing).
    pub fn missing_bookmarks(&self) -> usize {
        let ids: std::collections::HashSet<&str> = self.store.practices.iter().map(|p| p.id()).collect();
        self.bookmarks.bookmarks.iter().filter(|b| !ids.contains(b.id.as_str())).count()
    }

    /// Whether something is drawn over the panes (help, the contact card,
    /// facets, the map): it takes the keys and the mouse.
    pub fn has_overlay(&self) -> bool {
        self.help_scroll.is_some()
            || self.card_field.is_some()
            || self.facets.is_some()
            || self.map.is_some()
            || self.related.is_some()
    }

    /// The keymap table keys are read from now.
    pub fn mode(&self) -> Mode {
        if self.help_scroll.is_some() {
            Mode::Help
        } else if self.facets.is_some() {
            Mode::Facets
        } else if self.map.is_some() {
            Mode::Map
        } else if self.related.is_some() {
            Mode::Related
        } else if self.card_field.is_some() {
            Mode::Card
        } else {
            match self.focus {
                Focus::List => Mode::List,
                Focus::Search => Mode::Search,
                Focus::Detail => Mode::Detail,
            }
        }
    }
}
