//! A saved mirror as a source: a folder made by `wget -m`, HTTrack or a
//! browser's "save page", read recursively. A file is a view of a practice
//! when its name carries `art=` (`index.php?p1=6&p2=20&art=596&s=2`,
//! `index.php@p1=6&p2=20&art=596.html`); every other file is passed over.

use std::path::Path;

use super::Gathered;
use super::bdp::{RawView, view_ref};

/// Files larger than this are not pages of the BDP.
const MAX_FILE: u64 = 5 * 1024 * 1024;

/// What a folder holds, and what in it was passed over.
#[derive(Debug, Default)]
pub struct Scan {
    pub gathered: Gathered,
    /// Files whose names are not a practice view's (listings, images, styles).
    pub other_files: usize,
}

/// Reads every practice view in the tree under `dir`, in a stable order.
pub fn scan(dir: &Path) -> Result<Scan, String> {
    let mut out = Scan::default();
    if !dir.is_dir() {
        return Err(format!("{}: not a folder", dir.display()));
    }
    let mut entries = Vec::new();
    // A link to a file is read (a saved page may be one); a link to a folder
    // is not followed, since links between folders can make the tree
    // endless. What cannot be read is said and passed over.
    for entry in walkdir::WalkDir::new(dir).follow_links(false).sort_by_file_name() {
        match entry {
            Ok(e) if e.file_type().is_file() => entries.push(e.into_path()),
            Ok(e) if e.path_is_symlink() && e.path().is_file() => entries.push(e.into_path()),
            Ok(_) => {}
            Err(e) => {
                let at = e.path().unwrap_or(dir).display().to_string();
                out.gathered.failed.push((at, e.to_string()));
            }
        }
    }
    for path in entries {
        let name = path.to_string_lossy().into_owned();
        let Some(want) = view_ref(&name) else {
            out.other_files += 1;
            continue;
        };
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        if size > MAX_FILE {
            out.gathered.failed.push((name, format!("larger than {MAX_FILE} bytes; not a page")));
            continue;
        }
        match std::fs::read(&path) {
            Ok(bytes) => out.gathered.raw.push(RawView { name, want, bytes, charset: None }),
            Err(e) => out.gathered.failed.push((name, format!("cannot read: {e}"))),
        }
    }
    Ok(out)
}
