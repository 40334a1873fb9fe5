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
    /// Fields this version does not know, kept as they are.
    #[serde(flatten)]
    pub rest: serde_json::Map<String, serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmarks {
    #[serde(default = "format")]
    pub format: String,
    pub bookmarks: Vec<Bookmark>,
    /// Fields this version does not know, kept as they are.
    #[serde(flatten)]
    pub rest: serde_json::Map<String, serde_json::Value>,
}

fn format() -> String {
    FORMAT.to_owned()
}

impl Default for Bookmarks {
    /// No bookmarks yet, in this version's format.
    fn default() -> Self {
        Bookmarks { format: format(), bookmarks: Vec::new(), rest: Default::default() }
    }
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
    #[error(transparent)]
    Lock(#[from] crate::store::lock::LockError),
    #[error("{path}: written by a newer praktyki ({found}); not changing it")]
    Newer { path: String, found: String },
}

impl Bookmarks {
    /// Reads the bookmarks file for showing (text made terminal-safe); a
    /// missing file is no bookmarks yet.
    pub fn load(path: &Path) -> Result<Self, BookmarkError> {
        let mut b = Self::load_raw(path)?;
        // Titles are shown in the terminal like any other text.
        for m in &mut b.bookmarks {
            crate::text::sanitize::sanitize_in_place(&mut m.id, false);
            crate::text::sanitize::sanitize_in_place(&mut m.title, false);
        }
        Ok(b)
    }

    /// Marks (`marked`) or unmarks one practice in the file as it is now,
    /// under the file's lock: another browser's marks, saved meanwhile, stay.
    /// A file of a newer format is not written. Returns the file's marks.
    pub fn change(path: &Path, id: &str, title: &str, marked: bool) -> Result<Self, BookmarkError> {
        // Nothing to say while waiting: the browser's screen is no place for it.
        let _lock = crate::store::lock::StoreLock::acquire(path, std::time::Duration::from_secs(10), &mut |_| {})?;
        let mut file = Self::load_raw(path)?;
        if file.format != FORMAT {
            return Err(BookmarkError::Newer { path: path.display().to_string(), found: file.format });
        }
        let at = file.bookmarks.iter().position(|b| b.id == id);
        match (marked, at) {
            (true, None) => {
                file.bookmarks.push(Bookmark { id: id.to_owned(), title: title.to_owned(), rest: Default::default() })
            }
            (false, Some(i)) => {
                file.bookmarks.remove(i);
            }
            _ => {}
        }
        file.save(path)?;
        Ok(file)
    }

    fn load_raw(path: &Path) -> Result<Self, BookmarkError> {
        let text = match crate::store::input::read_small_text(path) {
            Ok(t) => t,
            // No file, or a data directory that cannot exist (a file stands
            // in its place): no bookmarks yet; saving will say what is wrong.
            Err(e) if matches!(e.kind(), std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory) => {
                return Ok(Self::default());
            }
            Err(source) => return Err(BookmarkError::Read { path: path.display().to_string(), source }),
        };
        serde_json::from_str(&text).map_err(|e| BookmarkError::Invalid {
            path: path.display().to_string(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })
    }

    /// Writes the bookmarks atomically.
    fn save(&self, path: &Path) -> Result<(), BookmarkError> {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
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
            self.bookmarks.push(Bookmark { id: id.to_owned(), title: title.to_owned(), rest: Default::default() });
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
    fn toggle_and_change() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/bookmarks.json");
        let mut b = Bookmarks::load(&path).unwrap();
        assert!(b.is_empty());
        assert!(b.toggle("a", "A"));
        assert!(b.toggle("b", "B"));
        assert!(!b.toggle("a", "A"));
        Bookmarks::change(&path, "b", "B", true).unwrap();
        let again = Bookmarks::load(&path).unwrap();
        assert_eq!(again.bookmarks, [Bookmark { id: "b".into(), title: "B".into(), rest: Default::default() }]);
        assert_eq!(again.format, FORMAT);
    }

    #[test]
    fn two_browsers_marking_at_once_keep_both_marks() {
        // Each browser saved its whole set from memory: one's marks were lost.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bookmarks.json");
        let threads: Vec<_> = (0..2)
            .map(|t| {
                let path = path.clone();
                std::thread::spawn(move || {
                    for i in 0..20 {
                        Bookmarks::change(&path, &format!("{t}-{i}"), "T", true).unwrap();
                    }
                    Bookmarks::change(&path, &format!("{t}-0"), "T", false).unwrap();
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        assert_eq!(Bookmarks::load(&path).unwrap().bookmarks.len(), 38);
    }

    #[test]
    fn a_newer_or_richer_file_is_not_lost() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bookmarks.json");
        let newer =
            r#"{"format": "praktyki-bookmarks/2", "bookmarks": [{"id": "a", "title": "A", "note": "x"}], "tags": []}"#;
        std::fs::write(&path, newer).unwrap();
        let err = Bookmarks::change(&path, "b", "B", true).unwrap_err().to_string();
        assert!(err.contains("newer praktyki (praktyki-bookmarks/2)"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), newer, "left as it was");
        // Fields this version does not know, in its own format, are kept.
        let richer =
            r#"{"format": "praktyki-bookmarks/1", "bookmarks": [{"id": "a", "title": "A", "note": "x"}], "tags": [1]}"#;
        std::fs::write(&path, richer).unwrap();
        Bookmarks::change(&path, "b", "B", true).unwrap();
        let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!((v["tags"][0].as_i64(), v["bookmarks"][0]["note"].as_str()), (Some(1), Some("x")));
        assert_eq!(v["bookmarks"][1]["id"], "b");
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
