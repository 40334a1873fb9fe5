//! Editing the search line: a pure function of the line and an action.

use super::action::Action;
use super::model::SearchLine;
use crate::input::Command;

fn byte_at(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map_or(s.len(), |(i, _)| i)
}

/// Applies an editing action to the line; returns whether its text changed
/// (and so a new search is due).
pub fn edit(line: &mut SearchLine, action: Action) -> bool {
    match action {
        Action::Cmd(Command::ClearSearch) if !line.text.is_empty() => {
            line.text.clear();
            line.cursor = 0;
            true
        }
        Action::InsertChar(c) => {
            let at = byte_at(&line.text, line.cursor);
            line.text.insert(at, c);
            line.cursor += 1;
            true
        }
        Action::InsertText(text) => {
            let clean: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
            if clean.is_empty() {
                return false;
            }
            let at = byte_at(&line.text, line.cursor);
            line.text.insert_str(at, &clean);
            line.cursor += clean.chars().count();
            true
        }
        Action::Cmd(Command::DeleteBack) if line.cursor > 0 => {
            line.cursor -= 1;
            let at = byte_at(&line.text, line.cursor);
            line.text.remove(at);
            true
        }
        Action::Cmd(Command::DeleteForward) if line.cursor < line.text.chars().count() => {
            let at = byte_at(&line.text, line.cursor);
            line.text.remove(at);
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
            line.cursor = line.cursor.saturating_sub(1);
            false
        }
        Action::Cmd(Command::CursorRight) => {
            line.cursor = (line.cursor + 1).min(line.text.chars().count());
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
}
