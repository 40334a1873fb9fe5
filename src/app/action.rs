//! What can happen (actions) and what update asks the outside world to do
//! (effects). What a key can be bound to is a `Command` (in `input`, named
//! verb-first so the keymap file can name them); the rest carry data from
//! the event loop.

use std::sync::Arc;

use crate::input::Command;
use crate::search::{Hit, Index, Notes};
use crate::store::Store;

/// What a search found, as the list shows it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Results {
    pub hits: Arc<Vec<Hit>>,
    pub notes: Notes,
    /// For the first practices that matched in their texts: the sentence
    /// that matched, and the matching word's character range in it.
    pub sentences: Sentences,
}

/// A sentence by practice, with the matching word's character range in it.
pub type Sentences = rustc_hash::FxHashMap<usize, (String, (usize, usize))>;

#[derive(Debug, Clone)]
pub enum Action {
    /// A command, as a key is bound to it.
    Cmd(Command),
    /// A character typed into the search line.
    InsertChar(char),
    /// Text pasted into the search line (line breaks and controls dropped).
    InsertText(String),
    /// Related practices found (`Effect::FindRelated`).
    RelatedFound { key: crate::app::related::Key, items: Arc<Vec<crate::search::related::Related>> },
    /// A character typed on the map, to jump to a voivodeship.
    MapKey(char),
    /// The keys typed so far begin a longer binding ("g" of "g g"): wait.
    KeyPrefix(Vec<crate::input::Chord>),
    /// The keys typed so far lead nowhere: forget them.
    CancelKeys,
    /// The mouse wheel turned over a cell (column, row); `down` is towards the end.
    MouseScroll { column: u16, row: u16, down: bool },
    /// A left click on a cell (column, row).
    MouseClick { column: u16, row: u16 },
    /// The terminal has a new size (columns, rows).
    Resize(u16, u16),
    /// Ranked results for search number `seq`.
    SearchDone { seq: u64, results: Arc<Results> },
    /// The index of the store of `generation` is whole (its texts' part
    /// is built after the first frame when the store was parsed).
    IndexReady { generation: u64, index: Arc<Index> },
    /// A reload finished: the new store and its index, or the error.
    Reloaded(Result<(Arc<Store>, Arc<Index>), String>),
    /// Something to say in the status line.
    Notify(String),
    /// The edge found the sentences of text matches that came into view
    /// (`Effect::ReadSentences`), for the list of `query` in the store of
    /// `generation`.
    SentencesRead { query: String, generation: u64, sentences: Sentences },
    /// The edge read a practice's long texts (`Effect::ReadPractice`).
    PracticeRead(crate::app::model::Texts),
}

impl Action {
    /// Whether it edits the search line (or moves its cursor).
    pub fn edits_search_line(&self) -> bool {
        matches!(
            self,
            Action::InsertChar(_)
                | Action::InsertText(_)
                | Action::Cmd(
                    Command::ClearSearch
                        | Command::DeleteBack
                        | Command::DeleteForward
                        | Command::DeleteWord
                        | Command::CursorLeft
                        | Command::CursorRight
                        | Command::CursorStart
                        | Command::CursorEnd
                )
        )
    }
}

/// Work that update asks the event loop to do; update itself does no IO.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Rank the practices for `query`; answer with `Action::SearchDone { seq, .. }`.
    Search { seq: u64, query: String },
    /// Read practice `index`'s long texts from the store file of
    /// `generation`; answer with `Action::PracticeRead`.
    ReadPractice { index: usize, generation: u64 },
    /// Find the sentence that matched `query` in each of `practices` (text
    /// matches in view) in the store of `generation`; answer with
    /// `Action::SentencesRead`.
    ReadSentences { query: String, generation: u64, practices: Vec<usize> },
    /// Find the practices most like practice `index` of the store of
    /// `generation`; answer with `Action::RelatedFound`.
    FindRelated { practice: usize, generation: u64 },
    /// Write practices (by position) to a Markdown file in the documents
    /// directory, under `heading`; answer with a message saying where.
    Export { practices: Vec<usize>, heading: String },
    /// Put text on the clipboard (OSC 52).
    CopyToClipboard(String),
    /// Open a URL with the system opener.
    OpenUrl(String),
    /// Read the store again; answer with `Action::Reloaded`.
    Reload,
    /// Mark or unmark a practice in the bookmarks file, merged with what
    /// the file holds now (another browser may have marked others).
    SaveBookmark { id: String, title: String, marked: bool },
}
