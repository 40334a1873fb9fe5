//! Raw responses kept between syncs, one folder per source in the cache
//! directory: what makes a sync resumable (pages fetched in an unfinished
//! run are not asked for again) and incremental (the next run sends their
//! validators and gets 304s).
//!
//! Each response is two files named by a hash of its URL: the body, then a
//! small JSON record that says what it is. The record is written last, so a
//! body without one (a kill between the two writes) is simply not there.
//! `run.json` says which run is under way and whether it finished.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::store::write::write_cache_file;

/// What is kept of one response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub url: String,
    pub status: u16,
    /// Seconds since the Unix epoch when it was fetched or last confirmed.
    pub fetched: u64,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// The charset of the response's Content-Type, if it gave one.
    pub charset: Option<String>,
    /// The run that fetched or confirmed it.
    pub run: u64,
    /// A Wayback capture never changes: it is not asked for again.
    #[serde(default)]
    pub immutable: bool,
    /// Length and CRC-32 of the body: files are written without fsync, so
    /// a body cut short by a crash must show as absent, not as a page.
    #[serde(default)]
    pub len: u64,
    #[serde(default)]
    pub crc: u32,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct Journal {
    run: u64,
    finished: bool,
}

/// The raw responses of one source.
#[derive(Debug)]
pub struct RawStore {
    dir: PathBuf,
    run: u64,
    resumed: bool,
    refresh: bool,
}

impl RawStore {
    /// Opens (or makes) the folder and starts a run, or resumes the last one
    /// if it did not finish. `refresh` starts a new run that trusts nothing.
    pub fn open(dir: &Path, refresh: bool) -> std::io::Result<RawStore> {
        std::fs::create_dir_all(dir)?;
        let journal_path = dir.join("run.json");
        let last: Option<Journal> = std::fs::read(&journal_path).ok().and_then(|b| serde_json::from_slice(&b).ok());
        let (run, resumed) = match last {
            Some(j) if !j.finished && !refresh => (j.run, true),
            Some(j) => (j.run + 1, false),
            None => (1, false),
        };
        let store = RawStore { dir: dir.to_path_buf(), run, resumed, refresh };
        store.write_journal(false)?;
        Ok(store)
    }

    /// Whether this run picks up an unfinished one.
    pub fn resumed(&self) -> bool {
        self.resumed
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn write_journal(&self, finished: bool) -> std::io::Result<()> {
        let j = Journal { run: self.run, finished };
        let text = serde_json::to_vec(&j).map_err(std::io::Error::other)?;
        write_cache_file(&self.dir.join("run.json"), &text)
    }

    /// Marks the run finished: the next one revalidates instead of reusing.
    pub fn finish(&self) -> std::io::Result<()> {
        self.write_journal(true)
    }

    fn paths(&self, url: &str) -> (PathBuf, PathBuf) {
        let h = format!("{:016x}", fnv1a(url.as_bytes()));
        (self.dir.join(format!("{h}.json")), self.dir.join(format!("{h}.body")))
    }

    /// The kept response for `url`, if there is one and it is whole.
    pub fn get(&self, url: &str) -> Option<(Meta, Vec<u8>)> {
        let (meta_path, body_path) = self.paths(url);
        let meta: Meta = serde_json::from_slice(&std::fs::read(meta_path).ok()?).ok()?;
        if meta.url != url {
            return None;
        }
        let body = std::fs::read(body_path).ok()?;
        (body.len() as u64 == meta.len && crc32fast::hash(&body) == meta.crc).then_some((meta, body))
    }

    /// Whether a kept response may be used without asking the server: it
    /// was fetched in this run (a resumed one), or it is a capture.
    pub fn current(&self, meta: &Meta) -> bool {
        !self.refresh && (meta.run == self.run || meta.immutable)
    }

    /// Whether validators may be sent for a kept response.
    pub fn revalidate(&self) -> bool {
        !self.refresh
    }

    /// Keeps a response: the body first, then the record that names it.
    pub fn put(&self, mut meta: Meta, body: &[u8]) -> std::io::Result<Meta> {
        meta.run = self.run;
        meta.fetched = now();
        meta.len = body.len() as u64;
        meta.crc = crc32fast::hash(body);
        let (meta_path, body_path) = self.paths(&meta.url);
        write_cache_file(&body_path, body)?;
        self.put_meta(&meta_path, &meta)?;
        Ok(meta)
    }

    fn put_meta(&self, path: &Path, meta: &Meta) -> std::io::Result<()> {
        let text = serde_json::to_vec_pretty(meta).map_err(std::io::Error::other)?;
        write_cache_file(path, &text)
    }

    /// Records that the server confirmed a kept response (a 304).
    pub fn confirm(&self, mut meta: Meta) -> std::io::Result<Meta> {
        meta.run = self.run;
        meta.fetched = now();
        let (meta_path, _) = self.paths(&meta.url);
        self.put_meta(&meta_path, &meta)?;
        Ok(meta)
    }
}

fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// FNV-1a, 64 bits: a file name that stays the same across versions and
/// platforms. A collision only costs a refetch: the record holds the URL.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(url: &str) -> Meta {
        Meta {
            url: url.into(),
            status: 200,
            fetched: 0,
            etag: Some("\"e\"".into()),
            last_modified: None,
            charset: None,
            run: 0,
            immutable: false,
            len: 0,
            crc: 0,
        }
    }

    #[test]
    fn runs_resume_until_finished() {
        let dir = tempfile::tempdir().unwrap();
        let raw = RawStore::open(dir.path(), false).unwrap();
        let m = raw.put(meta("http://h/a"), b"body").unwrap();
        assert!(raw.current(&m));
        // Killed before finishing: the next run resumes and reuses.
        let raw = RawStore::open(dir.path(), false).unwrap();
        assert!(raw.resumed());
        let (m, body) = raw.get("http://h/a").unwrap();
        assert_eq!((raw.current(&m), body.as_slice()), (true, &b"body"[..]));
        raw.finish().unwrap();
        // A finished run's pages are revalidated by the next one.
        let raw = RawStore::open(dir.path(), false).unwrap();
        assert!(!raw.resumed());
        let (m, _) = raw.get("http://h/a").unwrap();
        assert!(!raw.current(&m) && raw.revalidate());
        // --refresh trusts nothing, not even an unfinished run.
        let raw = RawStore::open(dir.path(), true).unwrap();
        let m = raw.confirm(m).unwrap();
        assert!(!raw.current(&m) && !raw.revalidate());
        assert!(raw.get("http://h/other").is_none());
    }

    #[test]
    fn a_body_cut_short_is_not_there() {
        let dir = tempfile::tempdir().unwrap();
        let raw = RawStore::open(dir.path(), false).unwrap();
        raw.put(meta("http://h/a"), b"<html>whole</html>").unwrap();
        let (_, body_path) = raw.paths("http://h/a");
        std::fs::write(&body_path, b"<html>wh").unwrap();
        assert!(raw.get("http://h/a").is_none());
        std::fs::write(&body_path, b"<html>WHOLE</html>").unwrap();
        assert!(raw.get("http://h/a").is_none(), "same length, other bytes");
    }

    #[test]
    fn a_body_without_its_record_is_not_there() {
        let dir = tempfile::tempdir().unwrap();
        let raw = RawStore::open(dir.path(), false).unwrap();
        raw.put(meta("http://h/a"), b"x").unwrap();
        let (meta_path, _) = raw.paths("http://h/a");
        std::fs::remove_file(meta_path).unwrap();
        assert!(raw.get("http://h/a").is_none());
    }
}
