//! The browser's export, at the edge: practices written as a Markdown
//! dossier to a new file in the user's documents directory (else home),
//! never over an existing one.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::i18n::Lang;
use crate::store::Store;

/// Where exports go: the documents directory (as the desktop names it,
/// else `~/Documents`) when it exists, else the home directory, else the
/// current one.
fn directory() -> PathBuf {
    let user = directories::UserDirs::new();
    let home = user.as_ref().map(|u| u.home_dir().to_path_buf());
    let documents = user.as_ref().and_then(|u| u.document_dir().map(Path::to_path_buf));
    documents
        .into_iter()
        .chain(home.iter().map(|h| h.join("Documents")))
        .find(|d| d.is_dir())
        .or(home)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Writes the practices at `practices` to `praktyki-<date>-<time>.md` in
/// `dir` (`-2`, `-3`… when taken); returns its path.
pub fn to_dir(dir: &Path, store: &Store, practices: &[usize], heading: &str, lang: Lang) -> std::io::Result<PathBuf> {
    let stamp = chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now()).format("%Y%m%d-%H%M%S");
    for n in 1..1000 {
        let name = if n == 1 { format!("praktyki-{stamp}.md") } else { format!("praktyki-{stamp}-{n}.md") };
        let path = dir.join(name);
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(f) => {
                // A practice at a time: a large list is never all in memory.
                let written = write_markdown(f, store, practices, heading, lang);
                if let Err(e) = written {
                    // Half a report (a full disk) is worse than none.
                    let _ = std::fs::remove_file(&path);
                    return Err(std::io::Error::new(e.kind(), format!("{}: {e}", path.display())));
                }
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(std::io::Error::new(e.kind(), format!("{}: {e}", path.display()))),
        }
    }
    Err(std::io::Error::other("no free file name"))
}

fn write_markdown(
    f: std::fs::File,
    store: &Store,
    practices: &[usize],
    heading: &str,
    lang: Lang,
) -> std::io::Result<()> {
    let mut w = std::io::BufWriter::new(f);
    w.write_all(crate::export::md_heading(heading, practices.len()).as_bytes())?;
    for &i in practices {
        let p = store.read_full(i).map_err(std::io::Error::other)?;
        w.write_all(crate::export::md_section(&p, lang.strings()).as_bytes())?;
    }
    w.into_inner().map_err(|e| e.into_error())?.sync_all()
}

/// [`to_dir`] in the documents directory.
pub fn to_documents(store: &Store, practices: &[usize], heading: &str, lang: Lang) -> std::io::Result<PathBuf> {
    to_dir(&directory(), store, practices, heading, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_a_new_file_each_time_never_over_one() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::load_embedded(Default::default()).unwrap();
        let a = to_dir(dir.path(), &store, &[0], "Test", Lang::Pl).unwrap();
        let b = to_dir(dir.path(), &store, &[0], "Test", Lang::Pl).unwrap();
        assert_ne!(a, b);
        let text = std::fs::read_to_string(&a).unwrap();
        assert!(
            text.starts_with("# Baza Dobrych Praktyk · Test (1)") && text.contains("## Aglomeracja opolska"),
            "{text}"
        );
        let err = to_dir(&dir.path().join("missing"), &store, &[0], "x", Lang::En).unwrap_err();
        assert!(err.to_string().contains("missing"), "says where: {err}");
    }
}
