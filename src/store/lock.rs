//! One writer of a store at a time: an advisory lock (`flock`) on a lock
//! file beside the store, as git's `index.lock` serialises writers of the
//! index. Every writer takes it, then re-reads the store, merges and writes
//! atomically, so two imports or syncs at once never lose a practice.
//!
//! The lock goes with the process: a killed writer leaves a lock file
//! behind but no lock, and the next writer takes it at once. A writer that
//! finishes removes the file while it still holds the lock; a writer that
//! locked a file which is no longer the one at the path (removed so) tries
//! again, so two writers never hold two different files.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("{path}: cannot make the lock file: {source}")]
    Open {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{store}: another praktyki is writing it ({holder}); gave up after {secs} s")]
    Busy { store: String, holder: String, secs: u64 },
}

/// A held lock; released when dropped.
#[derive(Debug)]
pub struct StoreLock {
    _file: File,
    path: PathBuf,
}

/// The store a path names: a symbolic link is followed, so the lock and the
/// write happen beside the real file.
pub fn real_path(store: &Path) -> PathBuf {
    match std::fs::symlink_metadata(store) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(store).unwrap_or_else(|_| {
            // A link to a file that does not exist yet: its target, made absolute.
            match std::fs::read_link(store) {
                Ok(t) if t.is_absolute() => t,
                Ok(t) => store.parent().unwrap_or(Path::new(".")).join(t),
                Err(_) => store.to_path_buf(),
            }
        }),
        _ => store.to_path_buf(),
    }
}

fn lock_path(store: &Path) -> PathBuf {
    let real = real_path(store);
    let name = real.file_name().map_or_else(|| "store".into(), |n| n.to_string_lossy().into_owned());
    real.with_file_name(format!(".{name}.lock"))
}

impl StoreLock {
    /// Takes the lock of `store`, waiting up to `wait` for another writer:
    /// `on_wait` is told once who holds it (the caller says so where its
    /// user reads: stderr, a status line), and the error names the holder if
    /// the wait is too long.
    pub fn acquire(store: &Path, wait: Duration, on_wait: &mut dyn FnMut(&str)) -> Result<StoreLock, LockError> {
        let path = lock_path(store);
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|source| LockError::Open { path: path.display().to_string(), source })?;
        }
        let open = || {
            OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .map_err(|source| LockError::Open { path: path.display().to_string(), source })
        };
        let started = Instant::now();
        let mut told = false;
        let mut file = open()?;
        loop {
            match file.try_lock() {
                Ok(()) if same_file(&file, &path) => break,
                // Locked a file its last holder removed: open the one there now.
                Ok(()) => file = open()?,
                Err(TryLockError::WouldBlock) => {
                    let holder = holder(&mut file);
                    if started.elapsed() >= wait {
                        return Err(LockError::Busy {
                            store: store.display().to_string(),
                            holder,
                            secs: wait.as_secs(),
                        });
                    }
                    if !told {
                        on_wait(&holder);
                        told = true;
                    }
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(TryLockError::Error(source)) => {
                    return Err(LockError::Open { path: path.display().to_string(), source });
                }
            }
        }
        // Say who holds it, for a writer that has to wait.
        let me = format!("pid {}, {}", std::process::id(), std::env::args().take(2).collect::<Vec<_>>().join(" "));
        let _ = file.set_len(0).and_then(|()| file.rewind()).and_then(|()| file.write_all(me.as_bytes()));
        Ok(StoreLock { _file: file, path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for StoreLock {
    fn drop(&mut self) {
        // Removed while still locked; the lock goes when the file closes.
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Whether the open `file` is the one at `path` now.
fn same_file(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), std::fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.ino() == b.ino() && a.dev() == b.dev(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        true
    }
}

fn holder(file: &mut File) -> String {
    let mut s = String::new();
    let _ = file.rewind().and_then(|()| file.take(200).read_to_string(&mut s));
    let s = crate::text::sanitize::sanitize(s.trim(), false);
    if s.is_empty() { "a process that has not said who it is".into() } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_waits_and_then_gives_up_naming_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("s.json");
        let held = StoreLock::acquire(&store, Duration::ZERO, &mut |_| {}).unwrap();
        let mut told = Vec::new();
        let err = StoreLock::acquire(&store, Duration::from_millis(120), &mut |h| told.push(h.to_owned())).unwrap_err();
        assert_eq!(told.len(), 1, "told once who holds it");
        assert!(told[0].contains(&format!("pid {}", std::process::id())), "{told:?}");
        let msg = err.to_string();
        assert!(
            msg.contains("another praktyki is writing it") && msg.contains(&format!("pid {}", std::process::id())),
            "{msg}"
        );
        drop(held);
        let again = StoreLock::acquire(&store, Duration::ZERO, &mut |_| {}).expect("free once the first is dropped");
        let lock_file = again.path().to_path_buf();
        drop(again);
        assert!(!lock_file.exists(), "a finished writer leaves no lock file");
    }

    #[test]
    fn writers_in_many_threads_take_turns() {
        // Each writer appends its mark under the lock; any overlap loses one.
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("s.txt");
        std::fs::write(&store, "").unwrap();
        let threads: Vec<_> = (0..8)
            .map(|i| {
                let store = store.clone();
                std::thread::spawn(move || {
                    for j in 0..10 {
                        let _lock = StoreLock::acquire(&store, Duration::from_secs(30), &mut |_| {}).unwrap();
                        let mut text = std::fs::read_to_string(&store).unwrap();
                        std::thread::yield_now();
                        text.push_str(&format!("{i}.{j} "));
                        std::fs::write(&store, text).unwrap();
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        assert_eq!(std::fs::read_to_string(&store).unwrap().split_whitespace().count(), 80);
    }

    #[test]
    #[cfg(unix)]
    fn a_link_is_locked_beside_its_target() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("real")).unwrap();
        let target = dir.path().join("real/s.json");
        std::fs::write(&target, "{}").unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let lock = StoreLock::acquire(&link, Duration::ZERO, &mut |_| {}).unwrap();
        assert_eq!(
            lock.path().parent().unwrap().canonicalize().unwrap(),
            dir.path().join("real").canonicalize().unwrap()
        );
        // The link and its target are one store: one lock.
        assert!(StoreLock::acquire(&target, Duration::ZERO, &mut |_| {}).is_err());
    }
}
