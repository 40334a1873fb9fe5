//! Keeping the practices a parse found, in file order: each head packed
//! into the store as it comes, a skipped practice told with its place, a
//! kept one's place in the file noted.

use rayon::prelude::*;

use super::checks;
use super::heads::Heads;
use super::load::{IdProbe, LineIndex, LoadOptions, PIECE, Store, locate, parse_piece, relative};
use super::model::LongTexts;
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
                    batch.practices().par_chunks(PIECE).map(|piece| parse_piece(piece, lazy)).collect();
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

/// A piece of a batch after the parallel phase: its practices, and the
/// heads of those that are [`Item::Ok`], in order.
pub(super) struct Parsed {
    pub(super) heads: Heads,
    pub(super) items: Vec<Item>,
}

/// One practice after the parallel phase.
pub(super) enum Item {
    /// Its head is the next of the piece's heads.
    Ok {
        /// After an eager parse.
        long: Option<LongTexts>,
        unknown: Vec<String>,
        findings: Vec<checks::Finding>,
    },
    /// Line and column are relative to the practice's own text.
    Broken { id: Option<String>, field: Option<String>, message: String, line: usize, column: usize },
    /// Its fields other than its long texts hold over 4 GiB.
    TooLarge { id: String },
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
    /// The number in the file of the kept practice that has `id` already;
    /// if none, `id` is noted as practice `index` of the file, about to be
    /// kept as head `at`. `id_at` gives the id of a head kept before.
    fn first_with<'h>(
        &mut self,
        id_at: impl Fn(usize) -> Option<&'h str>,
        at: usize,
        id: &str,
        index: usize,
    ) -> Option<usize> {
        use std::collections::hash_map::Entry;
        use std::hash::BuildHasher;
        match self.hashes.entry(rustc_hash::FxBuildHasher.hash_one(id)) {
            Entry::Vacant(v) => {
                v.insert((at as u32, index));
                None
            }
            Entry::Occupied(o) => {
                let (kept, first) = *o.get();
                if id_at(kept as usize) == Some(id) {
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

    /// Keeps the parsed `pieces`, each practice with its text and where
    /// that starts in the file.
    pub(super) fn batch<'s>(&mut self, found: impl IntoIterator<Item = (&'s str, usize)>, pieces: Vec<Parsed>) {
        let mut found = found.into_iter();
        for piece in pieces {
            // The piece's heads kept one after another since the last copy:
            // copied into the store together.
            let mut run = 0..0;
            for item in piece.items {
                let Some((src, start)) = found.next() else { break };
                if !self.one(src, start, item, &piece.heads, &mut run) {
                    return;
                }
            }
            self.copy(&piece.heads, &mut run);
        }
    }

    /// Copies the heads of `run` into the store, leaving `run` empty at its end.
    fn copy(&mut self, heads: &Heads, run: &mut std::ops::Range<usize>) {
        if run.start == run.end {
            return;
        }
        // Never: a piece's heads fit a part, as each part of the store does.
        let before = self.store.practices.len();
        if self.store.practices.extend_from(heads, run.clone()).is_err() {
            // A windowed keep is parsed again whole, which would tell.
            self.clean &= self.lines.is_some();
            // The places (or texts) of those not copied, the run's last,
            // noted as each was kept, go with them.
            let n = run.len() - (self.store.practices.len() - before);
            self.spans.truncate(self.spans.len().saturating_sub(if self.opts.lazy { n } else { 0 }));
            self.store.texts.truncate(self.store.texts.len().saturating_sub(if self.opts.lazy { 0 } else { n }));
            let msg = format!("{n} practices could not be kept: their fields hold over 4 GiB");
            let origin = self.store.origin.clone();
            let index = self.seen;
            self.store.errors.push(Problem {
                severity: Severity::Error,
                origin,
                line: 0,
                column: 0,
                index,
                id: None,
                field: None,
                message: msg,
            });
        }
        run.start = run.end;
    }

    /// Keeps one practice, its head the next of `heads` after `run` when it
    /// parsed: kept, it joins `run`. False when a windowed keep meets a
    /// problem, which stops it.
    fn one(&mut self, src: &str, start: usize, item: Item, heads: &Heads, run: &mut std::ops::Range<usize>) -> bool {
        let index = self.seen;
        self.seen += 1;
        let troubled = match &item {
            Item::Ok { unknown, findings, .. } => !unknown.is_empty() || !findings.is_empty(),
            Item::Broken { .. } | Item::TooLarge { .. } => true,
        };
        if troubled && self.lines.is_none() {
            self.clean = false;
            return false;
        }
        let (lines, bom) = (&self.lines, self.bom);
        // Positions are only worked out for practices that have a problem.
        let position = |at: usize| lines.as_ref().map_or((0, 0), |l| l.position(at - bom));
        let at_start = || position(start);
        // The origin is cloned only for a practice with a problem.
        let origin = &self.store.origin;
        let problem = |severity, field: Option<String>, id: Option<String>, message: String, at: (usize, usize)| {
            Problem { severity, origin: origin.clone(), line: at.0, column: at.1, index, id, field, message }
        };
        let (long, unknown, findings) = match item {
            Item::Broken { id, field, message, line, column } => {
                // serde notices a missing field at the closing brace; the
                // practice's first line is where a reader wants to look.
                let at = match field {
                    Some(_) => relative(at_start(), line, column),
                    None => at_start(),
                };
                self.store.errors.push(problem(Severity::Error, field, id, message, at));
                return true;
            }
            Item::TooLarge { id } => {
                let msg = "the practice's fields other than its long texts hold over 4 GiB".to_owned();
                self.store.errors.push(problem(Severity::Error, None, Some(id), msg, at_start()));
                return true;
            }
            Item::Ok { long, unknown, findings } => (long, unknown, findings),
        };
        let Some(head) = heads.get(run.end) else {
            // Never: every practice that parsed has its head in the piece.
            if lines.is_none() {
                self.clean = false;
                return false;
            }
            let msg = "the practice's head could not be kept".to_owned();
            self.store.errors.push(problem(Severity::Error, None, None, msg, at_start()));
            return true;
        };
        // Only a practice with a problem needs its id apart.
        let id = || Some(head.id().to_owned());
        let missing = if head.id().trim().is_empty() {
            Some("id")
        } else if head.title().trim().is_empty() {
            Some("title")
        } else {
            None
        };
        let first = match missing {
            Some(_) => None,
            None => {
                let (stored, pending) = (&self.store.practices, run.start);
                let id_at = |at: usize| match at.checked_sub(stored.len()) {
                    None => stored.get(at).map(|h| h.id()),
                    Some(k) => heads.get(pending + k).map(|h| h.id()),
                };
                self.ids.first_with(id_at, stored.len() + run.len(), head.id(), index)
            }
        };
        if (missing.is_some() || first.is_some()) && lines.is_none() {
            self.clean = false;
            return false;
        }
        let skipped = if let Some(field) = missing {
            let msg = format!("field `{field}` is empty");
            Some(problem(Severity::Error, Some(field.into()), id(), msg, at_start()))
        } else if let Some(first) = first {
            // Ids that differ only in control characters become one id when
            // made terminal-safe ("x\ny" and "x\r\ny" are both "x y"): say so,
            // or the second looks like a plain repeat.
            let raw = serde_json::from_str::<IdProbe>(src).ok().and_then(|p| p.id);
            let given = head.id();
            let msg = match raw {
                Some(serde_json::Value::String(raw)) if raw != given => format!(
                    "id {raw:?} is the same as practice #{first}'s once made terminal-safe ('{given}'); this one is skipped"
                ),
                _ => format!("duplicate id (first used by practice #{first}); this one is skipped"),
            };
            Some(problem(Severity::Error, Some("id".into()), id(), msg, at_start()))
        } else {
            None
        };
        if let Some(skipped) = skipped {
            self.store.errors.push(skipped);
            // The run is cut before this head, which is not kept.
            self.copy(heads, run);
            run.start += 1;
            run.end += 1;
            return true;
        }
        for path in unknown {
            let msg = "unknown field, ignored (a typo?)".to_owned();
            self.store.warnings.push(problem(Severity::Warning, Some(path), id(), msg, at_start()));
        }
        for finding in findings {
            let at = locate(src, &finding.value).map_or_else(at_start, |off| position(start + off));
            self.store.warnings.push(problem(Severity::Warning, Some(finding.field), id(), finding.message, at));
        }
        run.end += 1;
        if self.opts.lazy {
            self.spans.push((start, start + src.len()));
        } else {
            self.store.texts.push(long.unwrap_or_default());
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use std::hash::BuildHasher;

    use super::*;

    /// `first_with` over kept ids `ids`, the next head to keep at their end.
    fn first(seen: &mut SeenIds, ids: &[&str], id: &str, index: usize) -> Option<usize> {
        seen.first_with(|at| ids.get(at).copied(), ids.len(), id, index)
    }

    #[test]
    fn a_repeated_id_names_the_first_practice_that_had_it() {
        let mut seen = SeenIds::default();
        assert_eq!(first(&mut seen, &[], "a", 0), None);
        assert_eq!(first(&mut seen, &["a"], "b", 2), None);
        assert_eq!(first(&mut seen, &["a", "b"], "a", 5), Some(0));
        assert_eq!(first(&mut seen, &["a", "b"], "b", 6), Some(2));
    }

    #[test]
    fn ids_whose_hashes_clash_are_told_apart() {
        // "b" is made to have the hash of kept practice 0, whose id is "a":
        // the same hash is no proof of the same id.
        let mut seen = SeenIds::default();
        assert_eq!(first(&mut seen, &[], "a", 0), None);
        seen.hashes.insert(rustc_hash::FxBuildHasher.hash_one("b"), (0, 0));
        assert_eq!(first(&mut seen, &["a"], "b", 3), None, "not a repeat of 'a'");
        assert_eq!(first(&mut seen, &["a"], "b", 4), Some(3), "a repeat of the first 'b'");
        assert_eq!(first(&mut seen, &["a"], "a", 7), Some(0));
    }
}
