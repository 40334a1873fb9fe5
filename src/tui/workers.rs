//! The session's workers: one thread each for searches, a practice's
//! texts and the sentences of text matches, fed by channels. A thread per
//! request let a burst of keys (300 moves in one read) start a hundred
//! threads at once, each reading texts from the store file: in a served
//! session any client could do that.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, mpsc};
use std::thread;

use super::session::{self, Msg, sentences_of};
use crate::app::{self, Action};
use crate::search::Index;
use crate::store::Store;

pub(super) type SearchRequest = (u64, String, Arc<Index>, Arc<Store>);

/// A practice's long texts: its position and the store's generation.
pub(super) type TextsRequest = (usize, u64, Arc<Store>);

/// Sentences of text matches: the list's query and generation, practices.
pub(super) type SentencesRequest = (String, u64, Vec<usize>, Arc<Index>, Arc<Store>);

/// A worker thread: each time it wakes it takes every request waiting,
/// oldest first, and `handle` answers what of them is still worth doing;
/// it ends when the session is gone (its channels closed).
fn worker<R: Send + 'static>(
    tx: mpsc::Sender<Msg>,
    mut handle: impl FnMut(Vec<R>) -> Vec<Action> + Send + 'static,
) -> mpsc::Sender<R> {
    let (req_tx, req_rx) = mpsc::channel::<R>();
    thread::spawn(move || {
        while let Ok(first) = req_rx.recv() {
            let mut waiting = vec![first];
            waiting.extend(req_rx.try_iter());
            for answer in handle(waiting) {
                if tx.send(Msg::Action(answer)).is_err() {
                    return;
                }
            }
        }
    });
    req_tx
}

/// A worker that runs only the newest search it has been asked for, and
/// abandons one when a newer request arrives.
pub(super) fn search(tx: mpsc::Sender<Msg>, latest: Arc<AtomicU64>) -> mpsc::Sender<SearchRequest> {
    worker(tx, move |mut waiting: Vec<SearchRequest>| {
        let Some((seq, query, index, store)) = waiting.pop() else { return Vec::new() };
        let cancelled = || latest.load(Ordering::Relaxed) != seq;
        session::search(&index, &store, seq, &query, &cancelled).into_iter().collect()
    })
}

/// A reader of the selected practice's texts: only the newest asked for
/// is read (update drops an answer for a practice no longer selected).
pub(super) fn texts(tx: mpsc::Sender<Msg>) -> mpsc::Sender<TextsRequest> {
    worker(tx, |mut waiting: Vec<TextsRequest>| {
        let Some((index, generation, store)) = waiting.pop() else { return Vec::new() };
        let practice = store.read_full(index).map(|p| Arc::new(p.into_owned()));
        vec![Action::PracticeRead(app::model::Texts { index, generation, practice })]
    })
}

/// A reader of sentences: every row asked for is read, in order, but only
/// for the newest list (the answers for an older one would be dropped).
pub(super) fn sentences(tx: mpsc::Sender<Msg>) -> mpsc::Sender<SentencesRequest> {
    worker(tx, |waiting: Vec<SentencesRequest>| {
        let newest = waiting.last().map(|r| (r.0.clone(), r.1));
        waiting
            .into_iter()
            .filter(|r| newest.as_ref() == Some(&(r.0.clone(), r.1)))
            .map(|(query, generation, practices, index, store)| {
                let sentences = sentences_of(&index, &store, &query, practices.into_iter());
                Action::SentencesRead { query, generation, sentences }
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{Quality, Scope};

    /// A store of 200 synthetic practices with their texts, and its index.
    fn texts_store() -> (Arc<Index>, Arc<Store>) {
        let json = serde_json::to_string(&crate::store::synth::store(200, 7)).unwrap();
        let store = crate::store::load::parse_str(&json, "w.json", crate::store::LoadOptions::default()).unwrap();
        (Arc::new(Index::of_store(&store)), Arc::new(store))
    }

    fn answers(rx: &mpsc::Receiver<Msg>, n: usize) -> Vec<Action> {
        let wait = std::time::Duration::from_secs(60);
        (0..n)
            .map(|_| match rx.recv_timeout(wait) {
                Ok(Msg::Action(a)) => a,
                _ => panic!("no answer"),
            })
            .collect()
    }

    #[test]
    fn one_reader_answers_every_row_asked_for_of_the_newest_list() {
        let (index, store) = texts_store();
        let found = index.find("odpady", Scope { texts: true }, &|| false).unwrap();
        let rows: Vec<usize> = found.hits.iter().filter(|h| h.quality == Quality::Text).map(|h| h.index).collect();
        assert!(rows.len() >= 4, "text matches to read: {}", rows.len());
        let (tx, rx) = mpsc::channel();
        let reader = sentences(tx);
        for part in rows.chunks(2).take(2) {
            reader.send(("odpady".into(), 1, part.to_vec(), index.clone(), store.clone())).unwrap();
        }
        let mut read = Vec::new();
        for a in answers(&rx, 2) {
            let Action::SentencesRead { query, generation, sentences } = a else { panic!("{a:?}") };
            assert_eq!((query.as_str(), generation), ("odpady", 1));
            assert!(sentences.values().all(|(s, _)| crate::text::fold::fold(s).contains("odpad")), "{sentences:?}");
            read.extend(sentences.into_keys());
        }
        read.sort_unstable();
        let mut asked = rows[..4].to_vec();
        asked.sort_unstable();
        assert_eq!(read, asked);
    }

    #[test]
    fn the_texts_reader_answers_the_newest_practice_last() {
        let (_, store) = texts_store();
        let (tx, rx) = mpsc::channel();
        let reader = texts(tx);
        for i in 0..50 {
            reader.send((i, 3, store.clone())).unwrap();
        }
        // Some of the older ones may be skipped; the newest is answered, last.
        let mut last = None;
        while let Ok(Msg::Action(Action::PracticeRead(t))) = rx.recv_timeout(std::time::Duration::from_secs(60)) {
            assert!(t.practice.is_ok());
            let done = t.index == 49;
            last = Some(t.index);
            if done {
                break;
            }
        }
        assert_eq!(last, Some(49));
        assert!(rx.try_recv().is_err(), "nothing after the newest");
    }
}
