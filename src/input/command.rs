//! What a key can be bound to: the commands the keymap file names (in
//! snake_case) and the help describes. The loop's own actions (a search
//! done, a practice read, a resize) are not here: they are `app::Action`,
//! which carries a command as `Action::Cmd`.

use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Command {
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
    /// Copy the selected practice's first contact e-mail, from the list or the detail.
    CopyEmail,
    /// Copy the selected practice's first contact phone (else its office's).
    CopyPhone,
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
    /// Show the sections and voivodeships of the list with their counts, to pick one.
    OpenFacets,
    /// List the practices most like the selected one.
    OpenRelated,
    /// Go back to the practice (and search) before the last jump to a related one.
    GoBack,
    /// Write the marked practices (or, with none marked, the list) to a
    /// Markdown file in the documents directory.
    Export,
    /// Show the map of voivodeships with the list's practices counted in each.
    OpenMap,
    /// Move left (on the map: to the neighbouring voivodeship).
    MoveLeft,
    /// Move right (on the map: to the neighbouring voivodeship).
    MoveRight,
    /// Take the selected item (a section or voivodeship as the search's filter).
    Choose,
    /// Quit.
    Quit,
}

impl Command {
    /// A short description for the help screen, in the interface language.
    pub fn describe(&self, lang: crate::i18n::Lang) -> &'static str {
        crate::i18n::describe(self, lang)
    }
}
