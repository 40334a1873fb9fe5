//! A session: the browser's loop over input, a byte sink and a screen size
//! that its caller gives. The local terminal (`tui::run`) is one caller; a
//! server's channel can be another. Nothing here asks the process's
//! terminal or environment for anything, and several sessions can share one
//! store and index (`Arc`) in one process.
//!
//! A session takes [`Msg`]s (from [`Session::sender`] or [`Session::take`]),
//! turns keys into actions in the mode the keys before them left, applies
//! them with `app::update`, carries out the effects (searches and reads
//! off its thread, their answers coming back as messages), and draws one
//! frame when something changed.

use std::collections::VecDeque;
use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, mpsc};
use std::thread;

use anyhow::Result;
use crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};
use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use crossterm::{execute, queue};
use ratatui::Terminal;

use super::compact::Compact;
use super::workers;
use super::{OSC52_MAX_BYTES, osc52};
use crate::app::{self, Action, Effect, Model};
use crate::input::Chord;
use crate::search::{Index, Quality, Scope};
use crate::store::Store;
use crate::ui::{self, Theme};

/// Stores up to this size are searched on the session's thread: it takes
/// less than a frame. Larger ones are searched by a worker.
const INLINE_SEARCH_LIMIT: usize = 20_000;

/// How long a frame waits for the long texts of the practice it shows
/// before it is drawn without them (they come in a later frame).
const TEXTS_WAIT: std::time::Duration = std::time::Duration::from_millis(40);

/// What reaches a session: input, the answer of work done off its
/// thread, and what happens to its terminal.
pub enum Msg {
    Event(Event),
    Action(Action),
    /// The terminal stopped answering: end of input, or an I/O error.
    InputClosed,
    Signal(i32),
    /// SIGCONT: the process goes on after a stop (`fg`, `kill -CONT`).
    Resumed,
}

/// What carrying out effects needs from outside the model.
pub struct Settings {
    /// What was loaded, and so what a reload loads again.
    pub plan: crate::load::Plan,
    /// Where bookmarks are saved; `None` when there is no data directory.
    pub bookmarks: Option<std::path::PathBuf>,
    /// Capture the mouse (config `mouse`).
    pub mouse: bool,
    /// Work to start once the first frame is on screen (writing the
    /// start-up cache); the session waits for it when it ends.
    /// Its answer, if any, comes back to the session as news.
    pub after_first_frame: Option<Job>,
    /// The program that opens a URL where the user sits; `None` (over SSH,
    /// without a display, in a server) puts it on their clipboard instead.
    pub opener: Option<&'static str>,
    /// ctrl-z stops this process (job control), as on a local terminal.
    pub job_control: bool,
    /// A served session: nothing is written on the server (bookmarks,
    /// exports) and the store is reloaded by the server, not by a key.
    pub read_only: bool,
}

/// Work to start once the first frame is on screen (index the texts, write
/// the start-up cache), and how to make it give up.
pub struct Job {
    pub run: Box<dyn FnOnce() -> Option<Action> + Send>,
    /// Set when the session ends: the work stops at its next check and
    /// leaves nothing half-written, so quitting does not wait for it.
    pub stop: Arc<std::sync::atomic::AtomicBool>,
}

/// Work started after the first frame, stopped when the session ends.
#[derive(Default)]
struct Background {
    job: Option<Job>,
    stop: Option<Arc<std::sync::atomic::AtomicBool>>,
    running: Option<thread::JoinHandle<()>>,
}

impl Background {
    fn start(&mut self, tx: &mpsc::Sender<Msg>) {
        if let Some(job) = self.job.take() {
            let tx = tx.clone();
            self.stop = Some(job.stop);
            self.running = Some(thread::spawn(move || {
                if let Some(news) = on_own_pool(job.run) {
                    let _ = tx.send(Msg::Action(news));
                }
            }));
        }
    }
}

/// Runs `work` on a pool of threads of its own. On the pool searches use,
/// the first search typed after a start waited behind all of it (rayon's
/// threads take their own tasks before new ones): ten seconds of indexing
/// the texts of 50,000 practices, and a quit typed after it as long.
fn on_own_pool<R: Send>(work: impl FnOnce() -> R + Send) -> R {
    match rayon::ThreadPoolBuilder::new().thread_name(|i| format!("praktyki-background-{i}")).build() {
        Ok(pool) => pool.install(work),
        Err(_) => work(),
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        if let Some(stop) = &self.stop {
            stop.store(true, Ordering::Relaxed);
        }
        if let Some(running) = self.running.take() {
            // The work stops at its next check. A step without one (sorting
            // the words of the texts: up to two seconds at 50,000 practices)
            // is not waited for past a moment: the process ends with it. The
            // cache is written with a check between parts, so a file being
            // written is stopped and removed within the moment.
            let deadline = std::time::Instant::now() + QUIT_WAIT;
            while !running.is_finished() && std::time::Instant::now() < deadline {
                thread::sleep(std::time::Duration::from_millis(5));
            }
            if running.is_finished() {
                let _ = running.join();
            }
        }
    }
}

/// How long a quit waits for the work after the first frame to stop.
const QUIT_WAIT: std::time::Duration = std::time::Duration::from_millis(300);

struct Executor {
    worker: mpsc::Sender<workers::SearchRequest>,
    /// The selected practice's texts, read off the input thread.
    texts: mpsc::Sender<workers::TextsRequest>,
    /// Sentences of text matches in view, read off the input thread.
    sentences: mpsc::Sender<workers::SentencesRequest>,
    latest: Arc<AtomicU64>,
    settings: Settings,
    /// Where work done off the input thread reports back.
    tx: mpsc::Sender<Msg>,
}

/// What waits to be applied: keys and pastes are turned into actions only
/// when their turn comes, against the model as the input before left it.
enum Pending {
    Act(Action),
    Key(Chord),
    Paste(String),
    /// ctrl-z: stop the process as a shell's job control would.
    Suspend,
}

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// The user quit: exit status 0.
    Quit,
    /// The input closed (end of input, a dropped link).
    InputClosed,
    /// A signal ended it: exit status 128 + the signal.
    Signal(i32),
}

impl End {
    pub fn code(self) -> u8 {
        match self {
            End::Quit | End::InputClosed => 0,
            End::Signal(sig) => 128u8.saturating_add(sig as u8),
        }
    }
}

pub struct Session<W: Write> {
    model: Model,
    theme: Theme,
    terminal: Terminal<Compact<W>>,
    exec: Executor,
    rx: mpsc::Receiver<Msg>,
    pending: VecDeque<Pending>,
    background: Background,
    end: Option<End>,
}

impl<W: Write> Session<W> {
    /// A session drawing on `out`, a screen of `size` (columns, rows).
    pub fn new(model: Model, theme: Theme, mut settings: Settings, out: W, size: (u16, u16)) -> Result<Self> {
        let terminal = Terminal::new(Compact::sized(out, size.0, size.1))?;
        let (tx, rx) = mpsc::channel::<Msg>();
        let latest = Arc::new(AtomicU64::new(0));
        let worker = workers::search(tx.clone(), latest.clone());
        let (texts, sentences) = (workers::texts(tx.clone()), workers::sentences(tx.clone()));
        let background = Background { job: settings.after_first_frame.take(), stop: None, running: None };
        let exec = Executor { worker, texts, sentences, latest, settings, tx };
        let pending = VecDeque::from([Pending::Act(Action::Resize(size.0, size.1))]);
        Ok(Session { model, theme, terminal, exec, rx, pending, background, end: None })
    }

    /// Ends a session whose process ends next: stops the work started after
    /// the first frame (and waits for it to stop), and leaves the model's
    /// memory to the end of the process: freeing a million practices'
    /// strings one by one took most of a second after the screen was back.
    pub fn finish(mut self) {
        drop(std::mem::take(&mut self.background));
        std::mem::forget(self);
    }

    /// Where input and other news for this session may be sent from any thread.
    pub fn sender(&self) -> mpsc::Sender<Msg> {
        self.exec.tx.clone()
    }

    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Why the session ended, once it has.
    pub fn ended(&self) -> Option<End> {
        self.end
    }

    /// Takes one message: keys and pastes wait their turn, a resize tells
    /// the screen's new size.
    pub fn take(&mut self, msg: Msg) -> Result<()> {
        let pending = &mut self.pending;
        match msg {
            Msg::Event(Event::Key(k)) if k.kind != KeyEventKind::Release => {
                let ctrl_z = k.code == event::KeyCode::Char('z') && k.modifiers == event::KeyModifiers::CONTROL;
                if ctrl_z {
                    if self.exec.settings.job_control {
                        pending.push_back(Pending::Suspend);
                    }
                } else if let Some(c) = Chord::from_event(&k) {
                    pending.push_back(Pending::Key(c));
                }
            }
            // One insertion and one search for the whole paste.
            Msg::Event(Event::Paste(text)) => pending.push_back(Pending::Paste(text)),
            // The frame takes the new size when the model does (see `draw`).
            Msg::Event(Event::Resize(w, h)) => pending.push_back(Pending::Act(Action::Resize(w, h))),
            Msg::Event(Event::Mouse(me)) => {
                let (column, row) = (me.column, me.row);
                let action = match me.kind {
                    MouseEventKind::ScrollDown => Some(Action::MouseScroll { column, row, down: true }),
                    MouseEventKind::ScrollUp => Some(Action::MouseScroll { column, row, down: false }),
                    MouseEventKind::Down(MouseButton::Left) => Some(Action::MouseClick { column, row }),
                    _ => None,
                };
                pending.extend(action.map(Pending::Act));
            }
            Msg::Event(_) => {}
            // News for the model comes before keys waiting for it.
            Msg::Action(
                a @ (Action::SearchDone { .. }
                | Action::PracticeRead(_)
                | Action::Reloaded(_)
                | Action::IndexReady { .. }),
            ) => pending.push_front(Pending::Act(a)),
            Msg::Action(a) => pending.push_back(Pending::Act(a)),
            Msg::InputClosed => self.end = Some(End::InputClosed),
            Msg::Signal(sig) => self.end = Some(End::Signal(sig)),
            Msg::Resumed => {
                // The window may have changed size while stopped.
                let (w, h) = super::reenter(&mut self.terminal, self.exec.settings.mouse)?;
                pending.push_back(Pending::Act(Action::Resize(w, h)));
            }
        }
        Ok(())
    }

    /// Applies everything waiting and draws one frame if anything changed.
    /// Returns how the session ended, if it has.
    pub fn settle(&mut self) -> Result<Option<End>> {
        // Answers of work done off this thread (searches, reads) first.
        while let Ok(msg) = self.rx.try_recv() {
            self.take(msg)?;
        }
        let mut dirty = false;
        // Of the searches a burst of keys asks for, only the last matters:
        // it is run once the burst is applied (the older ones are stale).
        let mut search: Option<Effect> = None;
        let mut waited = false;
        loop {
            while let Some(next) = self.pending.pop_front() {
                // A key is read in the mode the keys before it left: in a
                // burst ("/kurp" pasted or sent at once over SSH) the "/"
                // must open the search line before "k" is typed into it.
                let action = match next {
                    Pending::Act(a) => a,
                    Pending::Key(c) => {
                        let Some(a) = app::action_for_key(&self.model, &c) else {
                            // Esc and a key at once read as Alt+key: where
                            // Alt+key means nothing, it is Esc, then the key.
                            if c.alt {
                                self.pending.push_front(Pending::Key(Chord { alt: false, ..c }));
                                self.pending.push_front(Pending::Key(Chord::plain(crate::input::Code::Esc)));
                            }
                            continue;
                        };
                        // A key that acts on what a search or a read is about
                        // to bring waits for it: "/kurp⏎m" marks what the
                        // search finds, not what was selected before it.
                        if waits_for_news(&self.model, &a, search.is_some()) {
                            self.pending.push_front(Pending::Key(c));
                            break;
                        }
                        a
                    }
                    // Over an overlay (help, card, facets, map) a paste is
                    // dropped: the search under it is not what is in view.
                    Pending::Paste(_) if self.model.has_overlay() => continue,
                    Pending::Paste(text) if self.model.focus == app::Focus::Search => Action::InsertText(text),
                    // Pasted in the list or the detail pane: it is a search, as in fzf.
                    Pending::Paste(text) => {
                        self.pending.push_front(Pending::Paste(text));
                        Action::Cmd(crate::input::Command::FocusSearch)
                    }
                    Pending::Suspend => {
                        // ctrl-z in raw mode is a key, not a signal: do what
                        // the shell's job control expects, then come back.
                        let (w, h) = super::suspend(&mut self.terminal, self.exec.settings.mouse)?;
                        self.pending.push_front(Pending::Act(Action::Resize(w, h)));
                        dirty = true;
                        continue;
                    }
                };
                dirty = true;
                for effect in app::update(&mut self.model, action) {
                    if matches!(effect, Effect::Search { .. }) {
                        search = Some(effect);
                    } else if let Some(a) =
                        perform(effect, &self.model, &self.exec, self.terminal.backend_mut().writer_mut())
                    {
                        self.pending.push_back(Pending::Act(a));
                    }
                }
            }
            match search.take() {
                Some(effect) => {
                    // Its results come before the keys that wait for them.
                    let answer = perform(effect, &self.model, &self.exec, self.terminal.backend_mut().writer_mut());
                    if let Some(a) = answer {
                        self.pending.push_front(Pending::Act(a));
                    }
                }
                None if dirty && !waited && self.model.texts_asked.is_some() => {
                    // A practice's long texts are on their way, most often
                    // within a millisecond: wait a moment for them, so one
                    // frame shows the practice whole rather than its head and
                    // then its texts (twice the bytes, over SSH too).
                    waited = true;
                    if let Ok(msg) = self.rx.recv_timeout(TEXTS_WAIT) {
                        self.take(msg)?;
                    }
                }
                None => break,
            }
        }
        if self.model.quit {
            self.end.get_or_insert(End::Quit);
        }
        if self.end.is_none() && dirty {
            draw(&mut self.terminal, &self.model, &self.theme)?;
            self.background.start(&self.exec.tx);
        }
        Ok(self.end)
    }

    /// Runs until the session ends: blocks for a message, takes everything
    /// already waiting (a burst of keys or a paste is one frame), settles.
    pub fn run(&mut self) -> Result<End> {
        loop {
            if let Some(end) = self.settle()? {
                return Ok(end);
            }
            // Lets the tests check that a panic restores the terminal first.
            #[cfg(debug_assertions)]
            if std::env::var_os("PRAKTYKI_TEST_PANIC").is_some() {
                panic!("PRAKTYKI_TEST_PANIC is set: panicking on purpose");
            }
            if !self.wait(None)? {
                return Ok(End::InputClosed);
            }
        }
    }

    /// Waits for a message (at most `timeout`, or until every sender is
    /// gone) and takes it with everything already waiting behind it.
    /// Returns whether anything came.
    pub fn wait(&mut self, timeout: Option<std::time::Duration>) -> Result<bool> {
        let first = match timeout {
            Some(t) => self.rx.recv_timeout(t).ok(),
            None => self.rx.recv().ok(),
        };
        let Some(first) = first else { return Ok(false) };
        self.take(first)?;
        while let Ok(msg) = self.rx.try_recv() {
            self.take(msg)?;
        }
        Ok(true)
    }

    /// The bytes drawn so far go out (a served session's writer sends them).
    pub fn writer_mut(&mut self) -> &mut W {
        self.terminal.backend_mut().writer_mut()
    }
}

/// Whether a key's action must wait for news the model is expecting: any
/// but editing the search line while a search is on its way, and anything
/// in the detail pane while its practice's long texts are being read.
fn waits_for_news(m: &Model, action: &Action, search_queued: bool) -> bool {
    let editing = action.edits_search_line() || matches!(action, Action::Cmd(crate::input::Command::Quit));
    if editing {
        return false;
    }
    (search_queued || m.search.awaiting) || (m.focus == app::Focus::Detail && m.texts_asked.is_some())
}

fn draw<W: Write>(terminal: &mut Terminal<Compact<W>>, model: &Model, theme: &Theme) -> Result<()> {
    // The frame is the size the model laid out. A resize taken while a key
    // waited for a search is applied after that key: drawing the old
    // layout into the new, smaller frame wrote outside it and panicked.
    terminal.backend_mut().set_size(model.size.0, model.size.1);
    // Synchronized output: the terminal shows the frame whole, so a slow
    // link sees no tearing.
    queue!(terminal.backend_mut().writer_mut(), BeginSynchronizedUpdate)?;
    terminal.draw(|f| ui::render(model, theme, f))?;
    execute!(terminal.backend_mut().writer_mut(), EndSynchronizedUpdate)?;
    Ok(())
}

/// Text matches whose sentence is looked up with the results: more than a
/// screen of rows, few enough to read from the store file in a few ms.
const SENTENCES: usize = 120;

/// The browser's search: names and texts, ids typed whole, and the
/// sentence of each text match near the top.
pub fn search(
    index: &Index,
    store: &Store,
    seq: u64,
    query: &str,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Action> {
    let found = index.find_among(store.practices.iter().map(|p| p.id()), query, Scope { texts: true }, cancelled)?;
    let text_hits = found.hits.iter().filter(|h| h.quality == Quality::Text).map(|h| h.index);
    let sentences = sentences_of(index, store, query, text_hits.take(SENTENCES));
    let results = app::Results { hits: Arc::new(found.hits), notes: found.notes, sentences };
    Some(Action::SearchDone { seq, results: Arc::new(results) })
}

/// The sentence of each of `practices`' texts that matched `query`, read
/// from the store file.
pub fn sentences_of(
    index: &Index,
    store: &Store,
    query: &str,
    practices: impl Iterator<Item = usize>,
) -> app::Sentences {
    let parsed = crate::search::Query::parse(query);
    let words: Vec<String> = parsed.terms.into_iter().chain(parsed.text_terms).collect();
    let stems = index.stems(&words);
    practices
        .filter_map(|i| {
            let p = store.read_full_unlocated(i).ok()?;
            Some((i, index.sentence(&crate::search::all_text(&p), &stems, 200)?))
        })
        .collect()
}

/// Carries out one effect; returns the action that reports its outcome.
fn perform(effect: Effect, model: &Model, exec: &Executor, out: &mut impl Write) -> Option<Action> {
    match effect {
        Effect::Search { seq, query } => {
            exec.latest.store(seq, Ordering::Relaxed);
            if model.index.len() <= INLINE_SEARCH_LIMIT {
                search(&model.index, &model.store, seq, &query, &|| false)
            } else {
                let _ = exec.worker.send((seq, query, model.index.clone(), model.store.clone()));
                None
            }
        }
        Effect::ReadPractice { index, generation } => {
            // A disk read (and a parse) off the input thread: keys go on
            // while it runs, and a stale answer is dropped by update.
            let _ = exec.texts.send((index, generation, model.store.clone()));
            None
        }
        Effect::ReadSentences { query, generation, practices } => {
            // Disk reads off the input thread, as a practice's texts are.
            let _ = exec.sentences.send((query, generation, practices, model.index.clone(), model.store.clone()));
            None
        }
        Effect::FindRelated { practice, generation } => {
            // Words of every practice's texts are compared: off the input
            // thread, answered when found.
            let (index, store, tx) = (model.index.clone(), model.store.clone(), exec.tx.clone());
            thread::spawn(move || {
                let items = crate::search::related::related(&index, &store, practice, app::related::LIMIT);
                let key = (practice, generation, index.has_topics());
                let _ = tx.send(Msg::Action(Action::RelatedFound { key, items: Arc::new(items) }));
            });
            None
        }
        Effect::Export { .. } if exec.settings.read_only => {
            Some(Action::Notify(model.strings().no_export_served.to_owned()))
        }
        Effect::Reload if exec.settings.read_only => Some(Action::Notify(model.strings().no_reload_served.to_owned())),
        Effect::SaveBookmark { .. } if exec.settings.read_only => {
            Some(Action::Notify(model.strings().read_only.to_owned()))
        }
        Effect::Export { practices, heading } => {
            let (store, tx, lang) = (model.store.clone(), exec.tx.clone(), model.lang);
            thread::spawn(move || {
                let s = lang.strings();
                let message = match super::export::to_documents(&store, &practices, &heading, lang) {
                    Ok(path) => format!("{heading}: {} → {}", practices.len(), path.display()),
                    Err(e) => format!("{}: {e}", s.export_failed),
                };
                let _ = tx.send(Msg::Action(Action::Notify(message)));
            });
            None
        }
        Effect::CopyToClipboard(text) => match osc52(&text) {
            Some(seq) => {
                let _ = out.write_all(seq.as_bytes()).and_then(|_| out.flush());
                None
            }
            None => Some(Action::Notify(format!("{} (> {} B)", model.strings().nothing_to_copy, OSC52_MAX_BYTES))),
        },
        Effect::OpenUrl(url) => match exec.settings.opener {
            Some(cmd) => {
                // One argument, no shell: the URL cannot become a command.
                let spawned = Command::new(cmd)
                    .arg(&url)
                    .stdin(Stdio::null())
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn();
                match spawned {
                    Ok(mut child) => {
                        thread::spawn(move || child.wait());
                        None
                    }
                    Err(e) => Some(Action::Notify(format!("{cmd}: {e}; {url}"))),
                }
            }
            // Nothing can open it here: put it on the user's clipboard instead
            // (OSC 52 reaches their terminal, over SSH too) and show it.
            None => {
                if let Some(seq) = osc52(&url) {
                    let _ = out.write_all(seq.as_bytes()).and_then(|_| out.flush());
                }
                Some(Action::Notify(format!("{}: {url}", model.strings().no_opener)))
            }
        },
        Effect::Reload => {
            // A large store takes seconds to load: do it off the input
            // thread, so the screen keeps answering; the old data stays until then.
            let (plan, tx) = (exec.settings.plan.clone(), exec.tx.clone());
            thread::spawn(move || {
                let result = plan
                    .load()
                    .map(|loaded| {
                        let (store, index) = loaded.write_cache_and_index();
                        (Arc::new(store), Arc::new(index))
                    })
                    // The status line shows the store already; keep the message short.
                    .map_err(|e| e.detail());
                let _ = tx.send(Msg::Action(Action::Reloaded(result)));
            });
            Some(Action::Notify(model.strings().reloading.to_owned()))
        }
        Effect::SaveBookmark { id, title, marked } => {
            let s = model.strings();
            match &exec.settings.bookmarks {
                // The change stays in memory; the next one tries to save again.
                Some(path) => crate::load::bookmarks::Bookmarks::change(path, &id, &title, marked)
                    .err()
                    .map(|e| Action::Notify(format!("{}: {e}", s.bookmarks_not_saved))),
                None => Some(Action::Notify(format!("{}: no data directory", s.bookmarks_not_saved))),
            }
        }
    }
}

#[cfg(test)]
#[path = "session_tests.rs"]
mod tests;
