//! Keeping the practices a parse found, in file order: each head packed
//! into the store as it comes, a skipped practice told with its place, a
//! kept one's place in the file noted.

use rayon::prelude::*;

use super::checks;
use super::heads::Heads;
use super::load::{IdProbe, LineIndex, LoadOptions, Store, locate, parse_one, relative};
use super::model::Practice;
use super::problem::{Problem, Severity};

/// Practices found together, handed on to be parsed and kept.
pub(super) trait Batch: Send {
    /// Each practice's text and where it starts in the file.
    fn practices(&self) -> Vec<(&str, usize)>;
}

/// Runs a parse: `find` goes over the file on this thread and sends what it
/// finds in batches; each batch is parsed on every core, one practice
/// each, and kept in order by `keeper` on another thread, while the finding
/// goes on. Gives what `find` gave and the keeper.
pub(super) fn pipeline<'k, J: Batch, R>(
    mut keeper: Keep<'k>,
    find: impl FnOnce(&std::sync::mpsc::SyncSender<J>) -> R,
) -> (R, Keep<'k>) {
    let lazy = keeper.opts.lazy;
    std::thread::scope(|s| {
        let (found_tx, found_rx) = std::sync::mpsc::sync_channel::<J>(16);
        let (parsed_tx, parsed_rx) = std::sync::mpsc::sync_channel::<(J, Vec<Parsed>)>(4);
        s.spawn(move || {
            for batch in found_rx {
                let items: Vec<Parsed> =
                    batch.practices().into_par_iter().map(|(src, _)| parse_one(src, lazy)).collect();
                // A keeper that gave up stops the parse, and so the finding.
                if parsed_tx.send((batch, items)).is_err() {
                    break;
                }
            }
        });
        let keeping = s.spawn(move || {
            for (batch, items) in parsed_rx {
                keeper.batch(batch.practices(), items);
                // A windowed keep that met a problem: the file is parsed
                // whole instead, so reading on would be wasted.
                if !keeper.is_clean() {
                    break;
                }
            }
            keeper
        });
        let found = find(&found_tx);
        drop(found_tx);
        (found, keeping.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
    })
}

/// One practice after the parallel phase.
// Nearly every practice is `Ok`; boxing it would add an allocation each.
#[allow(clippy::large_enum_variant)]
pub(super) enum Parsed {
    Ok {
        practice: Practice,
        unknown: Vec<String>,
        findings: Vec<checks::Finding>,
    },
    /// Line and column are relative to the practice's own text.
    Broken {
        id: Option<String>,
        field: Option<String>,
        message: String,
        line: usize,
        column: usize,
    },
}

/// What keeps the practices parsed, in file order: packs each head into the
/// store as it comes (a million heads parsed into batches first and copied
/// into the store after were a second and 745 MB more), tells skipped ones
/// and keeps each one's place in the file.
pub(super) struct Keep<'a> {
    /// Bytes before the JSON in the file (a BOM).
    bom: usize,
    /// The whole file's lines, when it is held whole.
    lines: Option<LineIndex<'a>>,
    opts: LoadOptions,
    pub(super) store: Store,
    pub(super) spans: Vec<(usize, usize)>,
    /// How many practices of the file came before the next batch.
    seen: usize,
    ids: SeenIds,
    /// No problem found yet.
    clean: bool,
}

/// The ids kept so far. Each kept id's hash, with the kept practice and
/// its number in the file: the ids are in the heads already, and a
/// `String` per id was a tenth of a million practices' keeping.
#[derive(Default)]
struct SeenIds {
    hashes: rustc_hash::FxHashMap<u64, (u32, usize)>,
    /// Ids whose hash another id had (practically never).
    clashes: std::collections::HashMap<String, usize>,
}

impl SeenIds {
    /// The number in the file of the kept practice in `heads` that has
    /// `id` already; if none, `id` is noted as practice `index` of the
    /// file, about to be kept.
    fn first_with(&mut self, heads: &Heads, id: &str, index: usize) -> Option<usize> {
        use std::collections::hash_map::Entry;
        use std::hash::BuildHasher;
        match self.hashes.entry(rustc_hash::FxBuildHasher.hash_one(id)) {
            Entry::Vacant(v) => {
                v.insert((heads.len() as u32, index));
                None
            }
            Entry::Occupied(o) => {
                let (at, first) = *o.get();
                if heads.get(at as usize).is_some_and(|h| h.id() == id) {
                    return Some(first);
                }
                match self.clashes.entry(id.to_owned()) {
                    Entry::Occupied(o) => Some(*o.get()),
                    Entry::Vacant(v) => {
                        v.insert(index);
                        None
                    }
                }
            }
        }
    }
}

impl<'a> Keep<'a> {
    /// Keeps the practices of `text`, the whole file, which problems are
    /// located in.
    pub(super) fn new(text: &'a str, origin: &str, opts: LoadOptions) -> Self {
        let body = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut keep = Keep::windowed(origin, opts);
        keep.bom = text.len() - body.len();
        keep.lines = Some(LineIndex::new(body.as_bytes()));
        keep
    }

    /// Keeps practices read a window of the file at a time, which cannot
    /// be located: the first problem stops the keeping ([`Keep::is_clean`]),
    /// and the file is parsed whole, which tells where each problem is.
    pub(super) fn windowed(origin: &str, opts: LoadOptions) -> Self {
        let mut store = Store::default();
        store.origin = origin.to_owned();
        Keep { bom: 0, lines: None, opts, store, spans: Vec::new(), seen: 0, ids: SeenIds::default(), clean: true }
    }

    /// Whether every practice so far was kept without a problem.
    pub(super) fn is_clean(&self) -> bool {
        self.clean
    }

    /// Keeps the parsed `items`, each with its text and where that starts
    /// in the file.
    pub(super) fn batch<'s>(&mut self, found: impl IntoIterator<Item = (&'s str, usize)>, items: Vec<Parsed>) {
        let origin = self.store.origin.clone();
        for ((src, start), parsed) in found.into_iter().zip(items) {
            let index = self.seen;
            self.seen += 1;
            let troubled = match &parsed {
                Parsed::Ok { unknown, findings, .. } => !unknown.is_empty() || !findings.is_empty(),
                Parsed::Broken { .. } => true,
            };
            if troubled && self.lines.is_none() {
                self.clean = false;
                return;
            }
            let (lines, bom) = (&self.lines, self.bom);
            // Positions are only worked out for practices that have a problem.
            let position = |at: usize| lines.as_ref().map_or((0, 0), |l| l.position(at - bom));
            let at_start = || position(start);
            let problem = |severity, field: Option<String>, id: Option<String>, message: String, at: (usize, usize)| {
                Problem { severity, origin: origin.clone(), line: at.0, column: at.1, index, id, field, message }
            };
            let (practice, unknown, findings) = match parsed {
                Parsed::Broken { id, field, message, line, column } => {
                    // serde notices a missing field at the closing brace; the
                    // practice's first line is where a reader wants to look.
                    let at = match field {
                        Some(_) => relative(at_start(), line, column),
                        None => at_start(),
                    };
                    self.store.errors.push(problem(Severity::Error, field, id, message, at));
                    continue;
                }
                Parsed::Ok { practice, unknown, findings } => (practice, unknown, findings),
            };
            // Only a practice with a problem needs its id apart.
            let id = || Some(practice.id.clone());
            let missing = if practice.id.trim().is_empty() {
                Some("id")
            } else if practice.title.trim().is_empty() {
                Some("title")
            } else {
                None
            };
            let first = match missing {
                Some(_) => None,
                None => self.ids.first_with(&self.store.practices, &practice.id, index),
            };
            if (missing.is_some() || first.is_some()) && lines.is_none() {
                self.clean = false;
                return;
            }
            if let Some(field) = missing {
                let msg = format!("field `{field}` is empty");
                self.store.errors.push(problem(Severity::Error, Some(field.into()), id(), msg, at_start()));
                continue;
            }
            if let Some(first) = first {
                // Ids that differ only in control characters become one id when
                // made terminal-safe ("x\ny" and "x\r\ny" are both "x y"): say so,
                // or the second looks like a plain repeat.
                let raw = serde_json::from_str::<IdProbe>(src).ok().and_then(|p| p.id);
                let given = &practice.id;
                let msg = match raw {
                    Some(serde_json::Value::String(raw)) if raw != *given => format!(
                        "id {raw:?} is the same as practice #{first}'s once made terminal-safe ('{given}'); this one is skipped"
                    ),
                    _ => format!("duplicate id (first used by practice #{first}); this one is skipped"),
                };
                self.store.errors.push(problem(Severity::Error, Some("id".into()), id(), msg, at_start()));
                continue;
            }
            for path in unknown {
                let msg = "unknown field, ignored (a typo?)".to_owned();
                self.store.warnings.push(problem(Severity::Warning, Some(path), id(), msg, at_start()));
            }
            for finding in findings {
                let at = locate(src, &finding.value).map_or_else(at_start, |off| position(start + off));
                self.store.warnings.push(problem(Severity::Warning, Some(finding.field), id(), finding.message, at));
            }
            if self.store.practices.push(&practice).is_err() {
                if lines.is_none() {
                    self.clean = false;
                    return;
                }
                let msg = "the practice's fields other than its long texts hold over 4 GiB".to_owned();
                self.store.errors.push(problem(Severity::Error, None, id(), msg, at_start()));
                continue;
            }
            if self.opts.lazy {
                self.spans.push((start, start + src.len()));
            } else {
                self.store.texts.push(practice.into_long());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::hash::BuildHasher;

    use super::*;

    fn heads_of(ids: &[&str]) -> Heads {
        let practices: Vec<Practice> =
            ids.iter().map(|id| Practice { id: (*id).into(), title: "T".into(), ..Practice::default() }).collect();
        Heads::of(&practices)
    }

    #[test]
    fn a_repeated_id_names_the_first_practice_that_had_it() {
        let mut seen = SeenIds::default();
        let mut heads = heads_of(&[]);
        assert_eq!(seen.first_with(&heads, "a", 0), None);
        heads = heads_of(&["a"]);
        assert_eq!(seen.first_with(&heads, "b", 2), None);
        heads = heads_of(&["a", "b"]);
        assert_eq!(seen.first_with(&heads, "a", 5), Some(0));
        assert_eq!(seen.first_with(&heads, "b", 6), Some(2));
    }

    #[test]
    fn ids_whose_hashes_clash_are_told_apart() {
        // "b" is made to have the hash of kept practice 0, whose id is "a":
        // the same hash is no proof of the same id.
        let mut seen = SeenIds::default();
        assert_eq!(seen.first_with(&heads_of(&[]), "a", 0), None);
        let heads = heads_of(&["a"]);
        seen.hashes.insert(rustc_hash::FxBuildHasher.hash_one("b"), (0, 0));
        assert_eq!(seen.first_with(&heads, "b", 3), None, "not a repeat of 'a'");
        assert_eq!(seen.first_with(&heads, "b", 4), Some(3), "a repeat of the first 'b'");
        assert_eq!(seen.first_with(&heads, "a", 7), Some(0));
    }
}
