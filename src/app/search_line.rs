//! Editing the search line: a pure function of the line and an action.

use super::action::Action;
use super::model::SearchLine;
use crate::input::Command;
use unicode_segmentation::UnicodeSegmentation;

fn byte_at(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map_or(s.len(), |(i, _)| i)
}

/// Where the grapheme before the cursor (a character index) starts: the
/// cursor moves and deletes by what is seen, never into a flag, an emoji
/// sequence or a letter and its accent.
fn prev_boundary(s: &str, cursor: usize) -> usize {
    let mut at = 0;
    for g in s.graphemes(true) {
        let next = at + g.chars().count();
        if next >= cursor {
            return at;
        }
        at = next;
    }
    at
}

/// Where the grapheme after the cursor ends, as a character index.
fn next_boundary(s: &str, cursor: usize) -> usize {
    let mut at = 0;
    for g in s.graphemes(true) {
        at += g.chars().count();
        if at > cursor {
            return at;
        }
    }
    at
}

/// Applies an editing action to the line; returns whether its text changed
/// (and so a new search is due).
/// The most characters the search line holds.
pub const MAX_CHARS: usize = 1_000;

pub fn edit(line: &mut SearchLine, action: Action) -> bool {
    match action {
        Action::Cmd(Command::ClearSearch) if !line.text.is_empty() => {
            line.text.clear();
            line.cursor = 0;
            true
        }
        // The line holds at most MAX_CHARS: a query reads 16 words, and an
        // endless paste must not grow it (and the work of each key) for ever.
        Action::InsertChar(_) | Action::InsertText(_) if line.text.chars().count() >= MAX_CHARS => false,
        Action::InsertChar(c) => {
            let at = byte_at(&line.text, line.cursor);
            line.text.insert(at, c);
            line.cursor += 1;
            true
        }
        Action::InsertText(text) => {
            let room = MAX_CHARS - line.text.chars().count();
            let clean: String = text.chars().take(room).map(|c| if c.is_control() { ' ' } else { c }).collect();
            if clean.is_empty() {
                return false;
            }
            let at = byte_at(&line.text, line.cursor);
            line.text.insert_str(at, &clean);
            line.cursor += clean.chars().count();
            true
        }
        Action::Cmd(Command::DeleteBack) if line.cursor > 0 => {
            let start = prev_boundary(&line.text, line.cursor);
            let (a, b) = (byte_at(&line.text, start), byte_at(&line.text, line.cursor));
            line.text.replace_range(a..b, "");
            line.cursor = start;
            true
        }
        Action::Cmd(Command::DeleteForward) if line.cursor < line.text.chars().count() => {
            let end = next_boundary(&line.text, line.cursor);
            let (a, b) = (byte_at(&line.text, line.cursor), byte_at(&line.text, end));
            line.text.replace_range(a..b, "");
            true
        }
        Action::Cmd(Command::DeleteWord) => {
            let chars: Vec<char> = line.text.chars().collect();
            let mut start = line.cursor.min(chars.len());
            while start > 0 && chars[start - 1] == ' ' {
                start -= 1;
            }
            while start > 0 && chars[start - 1] != ' ' {
                start -= 1;
            }
            if start >= line.cursor {
                return false;
            }
            line.text = chars[..start].iter().chain(&chars[line.cursor..]).collect();
            line.cursor = start;
            true
        }
        Action::Cmd(Command::CursorLeft) => {
            line.cursor = prev_boundary(&line.text, line.cursor);
            false
        }
        Action::Cmd(Command::CursorRight) => {
            line.cursor = next_boundary(&line.text, line.cursor).min(line.text.chars().count());
            false
        }
        Action::Cmd(Command::CursorStart) => {
            line.cursor = 0;
            false
        }
        Action::Cmd(Command::CursorEnd) => {
            line.cursor = line.text.chars().count();
            false
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_moves_and_deletes_whole_graphemes() {
        let family = "👨\u{200D}👩\u{200D}👧\u{200D}👦";
        let mut l = SearchLine { text: format!("abc{family}xyz"), ..SearchLine::default() };
        l.cursor = l.text.chars().count();
        for _ in 0..3 {
            edit(&mut l, Action::Cmd(Command::CursorLeft));
        }
        edit(&mut l, Action::Cmd(Command::CursorLeft));
        assert_eq!(l.cursor, 3, "one Left steps over the whole family");
        edit(&mut l, Action::Cmd(Command::CursorRight));
        edit(&mut l, Action::InsertChar('Q'));
        assert_eq!(l.text, format!("abc{family}Qxyz"));
        let mut l = SearchLine { text: "🇵🇱🇵🇱".into(), cursor: 4, ..SearchLine::default() };
        edit(&mut l, Action::Cmd(Command::DeleteBack));
        assert_eq!((l.text.as_str(), l.cursor), ("🇵🇱", 2), "one Backspace deletes a flag");
        let mut l = SearchLine { text: "e\u{301}x".into(), cursor: 0, ..SearchLine::default() };
        edit(&mut l, Action::Cmd(Command::DeleteForward));
        assert_eq!(l.text, "x", "a letter goes with its accent");
    }

    #[test]
    fn editing_in_the_middle_of_polish_text() {
        let mut l = SearchLine { text: "łódź".into(), cursor: 2, ..SearchLine::default() };
        assert!(edit(&mut l, Action::InsertChar('x')));
        assert_eq!((l.text.as_str(), l.cursor), ("łóxdź", 3));
        assert!(edit(&mut l, Action::Cmd(Command::DeleteBack)) && l.text == "łódź");
        assert!(!edit(&mut l, Action::Cmd(Command::CursorEnd)) && l.cursor == 4);
        assert!(edit(&mut l, Action::InsertText(" gm\tina".into())) && l.text == "łódź gm ina");
        assert!(edit(&mut l, Action::Cmd(Command::DeleteWord)) && l.text == "łódź gm ");
        assert!(!edit(&mut l, Action::Cmd(Command::DeleteForward)));
        assert!(
            edit(&mut l, Action::Cmd(Command::ClearSearch))
                && l.text.is_empty()
                && !edit(&mut l, Action::Cmd(Command::ClearSearch))
        );
    }

    #[test]
    fn the_line_holds_at_most_max_chars() {
        let mut line = SearchLine::default();
        for _ in 0..5 {
            edit(&mut line, Action::InsertText("gmina ".repeat(300)));
        }
        assert_eq!(line.text.chars().count(), MAX_CHARS);
        assert!(!edit(&mut line, Action::InsertChar('x')), "full: nothing more goes in");
        assert_eq!(line.cursor, MAX_CHARS);
    }
}
