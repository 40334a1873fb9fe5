//! Bookmarks: practices the user marked, by id, kept in the data directory.
//! The title is kept too, so a bookmark whose practice left the store can
//! still be shown (as missing) instead of being dropped.

use std::path::Path;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::store::write::{WriteError, write_atomic};

pub const FORMAT: &str = "praktyki-bookmarks/1";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmarks {
    #[serde(default = "format")]
    pub format: String,
    pub bookmarks: Vec<Bookmark>,
}

fn format() -> String {
    FORMAT.to_owned()
}

#[derive(Debug, Error)]
pub enum BookmarkError {
    #[error("{path}: cannot read: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: not a bookmarks file: {message}")]
    Invalid { path: String, line: usize, column: usize, message: String },
    #[error(transparent)]
    Write(#[from] WriteError),
}

impl Bookmarks {
    /// Reads the bookmarks file; a missing file is no bookmarks yet.
    pub fn load(path: &Path) -> Result<Self, BookmarkError> {
        let text = match crate::store::input::read_small_text(path) {
            Ok(t) => t,
            // No file, or a data directory that cannot exist (a file stands
            // in its place): no bookmarks yet; saving will say what is wrong.
            Err(e) if matches!(e.kind(), std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory) => {
                return Ok(Self::default());
            }
            Err(source) => return Err(BookmarkError::Read { path: path.display().to_string(), source }),
        };
        let mut b: Bookmarks = serde_json::from_str(&text).map_err(|e| BookmarkError::Invalid {
            path: path.display().to_string(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        // Titles are shown in the terminal like any other text.
        for m in &mut b.bookmarks {
            crate::store::sanitize::sanitize_in_place(&mut m.id, false);
            crate::store::sanitize::sanitize_in_place(&mut m.title, false);
        }
        Ok(b)
    }

    /// Writes the bookmarks atomically.
    pub fn save(&self, path: &Path) -> Result<(), BookmarkError> {
        let mut text =
            serde_json::to_string_pretty(&Bookmarks { format: FORMAT.to_owned(), ..self.clone() }).unwrap_or_default();
        text.push('\n');
        write_atomic(path, text.as_bytes())?;
        Ok(())
    }

    pub fn contains(&self, id: &str) -> bool {
        self.bookmarks.iter().any(|b| b.id == id)
    }

    /// Marks or unmarks a practice; returns whether it is marked now.
    pub fn toggle(&mut self, id: &str, title: &str) -> bool {
        if let Some(i) = self.bookmarks.iter().position(|b| b.id == id) {
            self.bookmarks.remove(i);
            false
        } else {
            self.bookmarks.push(Bookmark { id: id.to_owned(), title: title.to_owned() });
            true
        }
    }

    pub fn is_empty(&self) -> bool {
        self.bookmarks.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toggle_save_load() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/bookmarks.json");
        let mut b = Bookmarks::load(&path).unwrap();
        assert!(b.is_empty());
        assert!(b.toggle("a", "A"));
        assert!(b.toggle("b", "B"));
        assert!(!b.toggle("a", "A"));
        b.save(&path).unwrap();
        let again = Bookmarks::load(&path).unwrap();
        assert_eq!(again.bookmarks, [Bookmark { id: "b".into(), title: "B".into() }]);
        assert_eq!(again.format, FORMAT);
    }

    #[test]
    fn broken_file_is_located() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bookmarks.json");
        std::fs::write(&path, "{\"bookmarks\": [\n  {\"id\": 1}]}").unwrap();
        let err = Bookmarks::load(&path).unwrap_err().to_string();
        assert!(err.contains("bookmarks.json:2:"), "{err}");
    }
}
