//! Writing stores: atomically, and without touching practices that the
//! write is not about (even ones this version cannot read).

use std::io::Write;
use std::path::Path;

use serde_json::{Map, Value};
use thiserror::Error;

use super::load::LoadError;
use super::model::{FORMAT, Practice};

#[derive(Debug, Error)]
pub enum WriteError {
    #[error("{path}: cannot write: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Existing(#[from] LoadError),
    #[error(transparent)]
    Lock(#[from] super::lock::LockError),
    #[error("{path}: cannot read: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}: the existing store is not UTF-8; not touching it")]
    NotUtf8(String),
    #[error("{0} is a folder; give the store's file name, e.g. {0}/practices.json")]
    IsDir(String),
}

/// What [`merge_into_file`] did.
#[derive(Debug)]
pub struct Merged {
    pub report: MergeReport,
    /// The store's new text (what was written, or would be on a dry run).
    pub text: String,
    pub written: bool,
}

/// Checks, before a long job, that `into` can take a store: not a folder,
/// an existing file readable and a store, its folder writable. What this
/// cannot see (a file made immutable) still fails cleanly at the write.
pub fn check_target(into: &Path) -> Result<(), WriteError> {
    let real = super::lock::real_path(into);
    let origin = into.display().to_string();
    let io_err = |source| WriteError::Io { path: origin.clone(), source };
    if real.is_dir() {
        return Err(WriteError::IsDir(origin));
    }
    match super::input::open(&real, false).and_then(|f| super::input::read_capped(&f, super::input::MAX_STORE)) {
        Ok(bytes) => {
            let text = String::from_utf8(bytes).map_err(|_| WriteError::NotUtf8(origin.clone()))?;
            parse_root(&text, &origin)?;
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(source) => return Err(WriteError::Read { path: origin, source }),
    }
    let dir = match real.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(io_err)?;
    tempfile::Builder::new().prefix(".praktyki-").suffix(".tmp").tempfile_in(&dir).map_err(io_err)?;
    Ok(())
}

/// Given a store's current text (none for a new store) and its name, the
/// practices to merge into it and the ids to take out of it.
pub type Plan<'a> = dyn FnMut(Option<&str>, &str) -> Result<(Vec<Practice>, Vec<String>), LoadError> + 'a;

/// The one way a store is changed: take its lock, re-read it, ask `plan`
/// what to merge and remove given what is there now, merge (see [`merge`]),
/// and write it atomically if that changed anything. A dry run takes no
/// lock and writes nothing. `on_wait` hears who holds the lock, if anyone.
pub fn merge_into_file(
    into: &Path,
    replace: bool,
    dry_run: bool,
    lock_wait: std::time::Duration,
    on_wait: &mut dyn FnMut(&str),
    plan: &mut Plan<'_>,
) -> Result<Merged, WriteError> {
    let _lock = if dry_run { None } else { Some(super::lock::StoreLock::acquire(into, lock_wait, on_wait)?) };
    let origin = into.display().to_string();
    if super::lock::real_path(into).is_dir() {
        return Err(WriteError::IsDir(origin));
    }
    let read = super::input::open(into, false).and_then(|f| super::input::read_capped(&f, super::input::MAX_STORE));
    let existing = match read {
        Ok(bytes) => Some(String::from_utf8(bytes).map_err(|_| WriteError::NotUtf8(origin.clone()))?),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(source) => return Err(WriteError::Read { path: origin, source }),
    };
    let (new, ids) = plan(existing.as_deref(), &origin)?;
    let (text, report) = merge(existing.as_deref().map(|t| (t, origin.as_str())), &new, replace, &ids)?;
    let changed = existing.as_deref() != Some(text.as_str());
    if !dry_run && changed {
        write_atomic(into, text.as_bytes())?;
    }
    Ok(Merged { report, text, written: !dry_run && changed })
}

/// Writes `bytes` to `path` so that a reader sees either the old file or the
/// new one, never a mixture: a temporary file in the same directory, fsync,
/// rename over the target, fsync of the directory. On any failure the old
/// file is left as it was and the temporary file is removed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_atomic_with(path, |f| f.write_all(bytes))
}

/// [`write_atomic`] without the fsyncs, for caches: a crash may lose the new
/// file or leave it cut short, so whoever reads it must check it (by a
/// length and a checksum). Still never a mixture of old and new.
pub fn write_cache_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new().prefix(".praktyki-").suffix(".tmp").tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// [`write_atomic`] with the content produced by a writer function, which
/// is also how tests inject a failing write.
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<(), WriteError> {
    // Through a symbolic link to its target, so the link stays a link.
    let real = super::lock::real_path(path);
    let path = real.as_path();
    let io_err = |source| WriteError::Io { path: path.display().to_string(), source };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(io_err)?;
    let existing = std::fs::metadata(path).ok().map(|m| m.permissions());
    let mut builder = tempfile::Builder::new();
    builder.prefix(".praktyki-").suffix(".tmp");
    // A new file gets the permissions any new file would (0666 less the
    // umask, applied by the kernel at creation), not a temporary file's 0600.
    #[cfg(unix)]
    if existing.is_none() {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(&dir).map_err(io_err)?;
    if let Some(perms) = existing {
        // Keep the permissions the user gave the file.
        tmp.as_file().set_permissions(perms).map_err(io_err)?;
    }
    fill(tmp.as_file_mut()).map_err(io_err)?;
    tmp.as_file().sync_all().map_err(io_err)?;
    tmp.persist(path).map_err(|e| io_err(e.error))?;
    // The rename is durable only once the directory entry is on disk.
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// The top-level fields of a practice that differ between `old` and `new`,
/// each as "field: old → new", values cut to a readable length.
pub fn changed_fields(old: &Value, new: &Value) -> Vec<String> {
    let (empty_a, empty_b) = (serde_json::Map::new(), serde_json::Map::new());
    let (a, b) = (old.as_object().unwrap_or(&empty_a), new.as_object().unwrap_or(&empty_b));
    let mut keys: Vec<&String> = a.keys().chain(b.keys().filter(|k| !a.contains_key(*k))).collect();
    keys.dedup();
    keys.into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .map(|k| format!("{k}: {} → {}", short(a.get(k)), short(b.get(k))))
        .collect()
}

/// A field's value in a line: text as it is, lists by their length, cut at 60 characters.
fn short(v: Option<&Value>) -> String {
    let text = match v {
        None | Some(Value::Null) => "—".to_owned(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) => format!("[{} items]", items.len()),
        Some(other) => other.to_string(),
    };
    let text = text.replace(['\n', '\r'], " ");
    match text.char_indices().nth(60) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

/// What merging new practices into a store did.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct MergeReport {
    pub added: Vec<String>,
    /// Replaced practices with their old JSON, so the user can see what went.
    pub replaced: Vec<(String, Value)>,
    /// For each replaced practice, its fields that changed, as
    /// "field: old → new" (values shortened).
    pub changes: Vec<(String, Vec<String>)>,
    /// Ids already in the store and left alone because `replace` was off.
    pub kept: Vec<String>,
    /// Ids whose new version is the same as the stored one.
    pub unchanged: Vec<String>,
    /// Ids taken out of the store.
    pub removed: Vec<String>,
}

/// Merges `new` into the store text `existing` (or a new store when `None`)
/// and returns the new text; practices whose id is in `remove` are taken
/// out. Existing practices are carried over as raw JSON, so fields and
/// records this version does not understand survive.
pub fn merge(
    existing: Option<(&str, &str)>,
    new: &[Practice],
    replace: bool,
    remove: &[String],
) -> Result<(String, MergeReport), LoadError> {
    let mut root = match existing {
        None => {
            let mut m = Map::new();
            m.insert("format".into(), Value::String(FORMAT.into()));
            m.insert("practices".into(), Value::Array(Vec::new()));
            m
        }
        Some((text, origin)) => parse_root(text, origin)?,
    };
    let mut report = MergeReport::default();
    let mut practices = match root.get_mut("practices") {
        Some(Value::Array(a)) => std::mem::take(a),
        _ => Vec::new(),
    };
    if !remove.is_empty() {
        practices.retain(|v| {
            let id = v.get("id").and_then(Value::as_str).unwrap_or_default();
            let gone = remove.iter().any(|r| r == id);
            if gone {
                report.removed.push(id.to_owned());
            }
            !gone
        });
    }
    for p in new {
        let value = serde_json::to_value(p).unwrap_or(Value::Null);
        let pos = practices.iter().position(|v| v.get("id").and_then(Value::as_str) == Some(p.id.as_str()));
        match pos {
            None => {
                practices.push(value);
                report.added.push(p.id.clone());
            }
            Some(i) if practices[i] == value => report.unchanged.push(p.id.clone()),
            Some(i) if replace => {
                report.changes.push((p.id.clone(), changed_fields(&practices[i], &value)));
                let old = std::mem::replace(&mut practices[i], value);
                report.replaced.push((p.id.clone(), old));
            }
            Some(_) => report.kept.push(p.id.clone()),
        }
    }
    // Inserting under an existing key keeps its place in the object.
    root.insert("practices".into(), Value::Array(practices));
    let mut text = serde_json::to_string_pretty(&Value::Object(root)).unwrap_or_default();
    text.push('\n');
    Ok((text, report))
}

fn parse_root(text: &str, origin: &str) -> Result<Map<String, Value>, LoadError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = serde_json::from_str(body).map_err(|e| LoadError::Syntax {
        origin: origin.to_owned(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    let shape =
        |message: &str| LoadError::Shape { origin: origin.to_owned(), line: 1, column: 1, message: message.to_owned() };
    let Value::Object(map) = value else {
        return Err(shape("the top level is not an object"));
    };
    match map.get("format") {
        Some(Value::String(f)) if f == FORMAT => {}
        Some(Value::String(f)) => return Err(LoadError::Format { origin: origin.to_owned(), found: f.clone() }),
        _ => return Err(shape("missing \"format\": \"praktyki/1\"")),
    }
    if !matches!(map.get("practices"), Some(Value::Array(_))) {
        return Err(shape("\"practices\" is missing or not an array"));
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(unix)]
    fn a_replaced_file_keeps_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store.json");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
        // A new file is not left private like a temporary file (0600).
        let fresh = dir.path().join("fresh.json");
        write_atomic(&fresh, b"{}").unwrap();
        let mode = std::fs::metadata(&fresh).unwrap().permissions().mode() & 0o777;
        assert_ne!(mode, 0o600, "{mode:o}");
    }

    #[test]
    fn a_target_is_checked_before_the_work() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(check_target(dir.path()), Err(WriteError::IsDir(_))));
        check_target(&dir.path().join("new/sub/store.json")).unwrap();
        let broken = dir.path().join("broken.json");
        std::fs::write(&broken, "{\"format\": \"praktyki/1\", \"practices\": [").unwrap();
        assert!(matches!(check_target(&broken), Err(WriteError::Existing(_))));
        let latin2 = dir.path().join("latin2.json");
        std::fs::write(&latin2, b"\xb3\xf3d\xbc").unwrap();
        assert!(matches!(check_target(&latin2), Err(WriteError::NotUtf8(_))));
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(leftovers.len(), 3, "no temporary file left: {leftovers:?}");
    }

    #[test]
    fn merge_adds_replaces_and_keeps() {
        let p = |id: &str, title: &str| Practice { id: id.into(), title: title.into(), ..Practice::default() };
        let (text, r) = merge(None, &[p("a", "A")], false, &[]).unwrap();
        assert_eq!(r.added, ["a"]);
        let (kept, r) = merge(Some((&text, "s.json")), &[p("a", "A2")], false, &[]).unwrap();
        assert_eq!((r.kept.as_slice(), kept == text), (&["a".to_owned()][..], true));
        let (_, r) = merge(Some((&text, "s.json")), &[p("a", "A2")], true, &[]).unwrap();
        assert_eq!(r.replaced[0].1["title"], "A");
        assert_eq!(r.changes, [("a".to_owned(), vec!["title: A → A2".to_owned()])]);
        assert!(merge(Some(("[]", "s.json")), &[], false, &[]).is_err(), "not a store: left alone");
    }
}
