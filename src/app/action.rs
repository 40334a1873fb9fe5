//! What can happen (actions) and what update asks the outside world to do
//! (effects). Bindable actions are unit variants, named verb-first, so the
//! keymap file can name them; the rest carry data from the event loop.

use std::sync::Arc;

use serde::Deserialize;

use crate::search::{Hit, Index};
use crate::store::Store;

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Move the selection (or scroll the detail, or move in the card) down one line.
    MoveDown,
    /// Move the selection (or scroll) up one line.
    MoveUp,
    /// Down one page.
    PageDown,
    /// Up one page.
    PageUp,
    /// Down half a page.
    HalfPageDown,
    /// Up half a page.
    HalfPageUp,
    /// Jump to the first item.
    GoTop,
    /// Jump to the last item.
    GoBottom,
    /// Put the cursor in the search line.
    FocusSearch,
    /// Leave the search line, keeping the query.
    LeaveSearch,
    /// Empty the search line.
    ClearSearch,
    /// Delete the character before the cursor in the search line.
    DeleteBack,
    /// Delete the character under the cursor in the search line.
    DeleteForward,
    /// Delete the word before the cursor in the search line.
    DeleteWord,
    /// Move the search-line cursor left.
    CursorLeft,
    /// Move the search-line cursor right.
    CursorRight,
    /// Move the search-line cursor to the start.
    CursorStart,
    /// Move the search-line cursor to the end.
    CursorEnd,
    /// Move focus to the detail pane.
    FocusDetail,
    /// Move focus back to the list.
    FocusList,
    /// Next tab of the detail pane.
    NextTab,
    /// Previous tab of the detail pane.
    PrevTab,
    /// Show the Summary tab.
    ShowSummary,
    /// Show the Full presentation tab.
    ShowPresentation,
    /// Show the Attachments tab.
    ShowAttachments,
    /// Jump to the next occurrence of the search in the open tab.
    NextMatch,
    /// Jump to the previous occurrence of the search in the open tab.
    PrevMatch,
    /// Open the contact card of the selected practice.
    OpenCard,
    /// Copy the selected field (contact card) or attachment URL to the clipboard.
    Copy,
    /// Open the selected website, e-mail or attachment URL.
    OpenLink,
    /// Close the contact card or the help.
    Close,
    /// Show or hide the key help.
    ToggleHelp,
    /// Reload the store from disk.
    Reload,
    /// Mark or unmark the selected practice.
    ToggleBookmark,
    /// Show only marked practices, or all again.
    ToggleMarkedOnly,
    /// Quit.
    Quit,

    /// A character typed into the search line.
    #[serde(skip)]
    InsertChar(char),
    /// Text pasted into the search line (line breaks and controls dropped).
    #[serde(skip)]
    InsertText(String),
    /// The keys typed so far begin a longer binding ("g" of "g g"): wait.
    #[serde(skip)]
    KeyPrefix(Vec<crate::input::Chord>),
    /// The keys typed so far lead nowhere: forget them.
    #[serde(skip)]
    CancelKeys,
    /// The mouse wheel turned over a cell (column, row); `down` is towards the end.
    #[serde(skip)]
    MouseScroll { column: u16, row: u16, down: bool },
    /// A left click on a cell (column, row).
    #[serde(skip)]
    MouseClick { column: u16, row: u16 },
    /// The terminal has a new size (columns, rows).
    #[serde(skip)]
    Resize(u16, u16),
    /// Ranked results for search number `seq`.
    #[serde(skip)]
    SearchDone { seq: u64, hits: Arc<Vec<Hit>> },
    /// A reload finished: the new store and its index, or the error.
    #[serde(skip)]
    Reloaded(Result<Arc<(Store, Arc<Index>)>, String>),
    /// Something to say in the status line.
    #[serde(skip)]
    Notify(String),
    /// The edge read a practice's long texts (`Effect::ReadPractice`).
    #[serde(skip)]
    PracticeRead(crate::app::model::Texts),
}

impl Action {
    /// A short description for the help screen, in the interface language.
    pub fn describe(&self, lang: crate::i18n::Lang) -> &'static str {
        crate::i18n::describe(self, lang)
    }
}

/// Work that update asks the event loop to do; update itself does no IO.
impl Action {
    /// Whether it edits the search line (or moves its cursor).
    pub fn edits_search_line(&self) -> bool {
        matches!(
            self,
            Action::ClearSearch
                | Action::InsertChar(_)
                | Action::InsertText(_)
                | Action::DeleteBack
                | Action::DeleteForward
                | Action::DeleteWord
                | Action::CursorLeft
                | Action::CursorRight
                | Action::CursorStart
                | Action::CursorEnd
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Rank the practices for `query`; answer with `Action::SearchDone { seq, .. }`.
    Search { seq: u64, query: String },
    /// Read practice `index`'s long texts from the store file of
    /// `generation`; answer with `Action::PracticeRead`.
    ReadPractice { index: usize, generation: u64 },
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
