//! The terminal: setting it up and always putting it back, the event loop,
//! and carrying out effects. The only module that does IO after start-up.

use std::collections::VecDeque;
use std::io::{self, IsTerminal, Write};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, mpsc};
use std::thread;

use anyhow::{Context as _, Result};
use base64::Engine;
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event, KeyEventKind,
    MouseButton, MouseEventKind,
};
use crossterm::terminal::{
    BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode,
    enable_raw_mode,
};
use crossterm::{cursor, execute, queue};
use ratatui::Terminal;

mod compact;
use compact::Compact;
use signal_hook::consts::signal::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};

use crate::app::{self, Action, Effect, Model};
use crate::cli::load_choice;
use crate::config::StoreChoice;
use crate::input::Chord;
use crate::search::Index;
use crate::store::LoadOptions;
use crate::ui::{self, Theme};

/// Stores up to this size are searched on the input thread: it takes less
/// than a frame. Larger ones are searched by a worker.
const INLINE_SEARCH_LIMIT: usize = 20_000;

/// OSC 52 payloads larger than this are refused; terminals and tmux cap
/// them too, and silently, which would be worse.
pub const OSC52_MAX_BYTES: usize = 100_000;

/// Whether the terminal is in raw mode and the alternate screen, so that
/// restoring is done once, from whichever exit path comes first.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Whether mouse capture was turned on, so restoring turns it off.
static MOUSE: AtomicBool = AtomicBool::new(false);

/// Raw mode, the alternate screen, bracketed paste, the cursor hidden, and
/// the mouse if asked: at start and again after a stop.
fn enter(mouse: bool) -> Result<()> {
    enable_raw_mode().context("cannot put the terminal in raw mode")?;
    ACTIVE.store(true, Ordering::SeqCst);
    execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste, cursor::Hide)
        .context("cannot set up the terminal")?;
    if mouse {
        MOUSE.store(true, Ordering::SeqCst);
        execute!(io::stdout(), EnableMouseCapture).context("cannot turn on the mouse")?;
    }
    Ok(())
}

/// After a stop the shell had the terminal: set it up again and paint the
/// whole screen (a resize to the same size clears it and forgets the last
/// frame, without asking the terminal anything).
fn reenter(terminal: &mut Terminal<Compact<io::Stdout>>, mouse: bool) -> Result<()> {
    // crossterm skips enabling raw mode it believes is on; after a SIGSTOP
    // the shell has reset the terminal behind its back, so set it anew.
    let _ = disable_raw_mode();
    enter(mouse)?;
    let size = terminal.size()?;
    terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))?;
    Ok(())
}

/// Puts the terminal back: raw mode off, main screen, cursor shown.
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = disable_raw_mode();
        let mut out = io::stdout();
        if MOUSE.swap(false, Ordering::SeqCst) {
            let _ = execute!(out, DisableMouseCapture);
        }
        let _ = execute!(out, EndSynchronizedUpdate, DisableBracketedPaste, LeaveAlternateScreen, cursor::Show);
        let _ = out.flush();
    }
}

/// Restores the terminal when dropped, so `?` and early returns are safe.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

fn install_panic_hook() {
    let original = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // Restore first, or the report lands on the alternate screen and is lost.
        restore();
        original(info);
    }));
}

enum Msg {
    Event(Event),
    Action(Action),
    /// The terminal stopped answering: end of input, or an I/O error.
    InputClosed,
    Signal(i32),
    /// SIGCONT: the process goes on after a stop (`fg`, `kill -CONT`).
    Resumed,
}

/// The OSC 52 sequence that puts `text` on the clipboard.
pub fn osc52(text: &str) -> Option<String> {
    if text.len() > OSC52_MAX_BYTES {
        return None;
    }
    let b64 = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    Some(format!("\x1b]52;c;{b64}\x07"))
}

/// The system's URL opener, if one is installed.
fn opener() -> Option<&'static str> {
    let env = |k: &str| std::env::var_os(k).is_some_and(|v| !v.is_empty());
    // Over SSH the opener would start a browser on the server, out of the
    // user's sight; without a display (Linux) it cannot start one at all.
    if env("SSH_CONNECTION") || env("SSH_TTY") {
        return None;
    }
    if !cfg!(target_os = "macos") && !env("DISPLAY") && !env("WAYLAND_DISPLAY") && !env("WSL_DISTRO_NAME") {
        return None;
    }
    let candidates: &[&str] = if cfg!(target_os = "macos") { &["open"] } else { &["xdg-open", "wslview"] };
    let path = std::env::var_os("PATH")?;
    candidates.iter().copied().find(|c| std::env::split_paths(&path).any(|d| d.join(c).is_file()))
}

/// Runs the browser until the user quits or the terminal goes away.
/// Returns the process exit status.
/// What carrying out effects needs from outside the model.
pub struct Settings {
    pub choice: StoreChoice,
    pub opts: LoadOptions,
    /// The start-up cache directory, used on reload too; `None`: no cache.
    pub cache: Option<std::path::PathBuf>,
    /// Where bookmarks are saved; `None` when there is no data directory.
    pub bookmarks: Option<std::path::PathBuf>,
    /// Capture the mouse (config `mouse`).
    pub mouse: bool,
    /// Work to start once the first frame is on screen (writing the
    /// start-up cache); `run` returns only after it has finished.
    pub after_first_frame: Option<Box<dyn FnOnce() + Send>>,
}

/// Work started after the first frame and waited for when `run` ends. It is
/// declared before the terminal guard, so the terminal is restored first.
struct Background {
    job: Option<Box<dyn FnOnce() + Send>>,
    running: Option<thread::JoinHandle<()>>,
}

impl Background {
    fn start(&mut self) {
        if let Some(job) = self.job.take() {
            self.running = Some(thread::spawn(job));
        }
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        if let Some(running) = self.running.take() {
            let _ = running.join();
        }
    }
}

struct Executor {
    worker: mpsc::Sender<SearchRequest>,
    latest: Arc<AtomicU64>,
    settings: Settings,
    /// Where work done off the input thread reports back.
    tx: mpsc::Sender<Msg>,
}

pub fn run(model: Model, theme: Theme, mut settings: Settings) -> Result<u8> {
    if !io::stdout().is_terminal() {
        anyhow::bail!("the browser needs a terminal; for scripts use a subcommand (see `praktyki --help`)");
    }
    let mut background = Background { job: settings.after_first_frame.take(), running: None };
    install_panic_hook();
    let _guard = Guard;
    enter(settings.mouse)?;
    let mut terminal = Terminal::new(Compact::new(io::stdout())).context("cannot set up the terminal")?;
    // No clear(): it asks the terminal for the cursor position, and a terminal
    // that does not answer would stop the program. The first frame paints
    // every cell of the fresh alternate screen anyway.

    let (tx, rx) = mpsc::channel::<Msg>();
    spawn_input(tx.clone());
    spawn_signals(tx.clone())?;
    let latest = Arc::new(AtomicU64::new(0));
    let worker = spawn_search_worker(tx.clone(), latest.clone());
    let exec = Executor { worker, latest, settings, tx: tx.clone() };

    let mut model = model;
    let size = terminal.size()?;
    let mut pending: VecDeque<Pending> = VecDeque::from([Pending::Act(Action::Resize(size.width, size.height))]);
    let mut exit = 0u8;
    loop {
        let mut dirty = false;
        // Of the searches a burst of keys asks for, only the last matters:
        // it is run once the burst is applied (the older ones are stale).
        let mut search: Option<Effect> = None;
        loop {
            while let Some(next) = pending.pop_front() {
                // A key is read in the mode the keys before it left: in a
                // burst ("/kurp" pasted or sent at once over SSH) the "/"
                // must open the search line before "k" is typed into it.
                let action = match next {
                    Pending::Act(a) => a,
                    Pending::Key(c) => match app::action_for_key(&model, &c) {
                        Some(a) => a,
                        None => continue,
                    },
                    Pending::Paste(text) if model.focus == app::Focus::Search => Action::InsertText(text),
                    Pending::Paste(_) => continue,
                    Pending::Suspend => {
                        // ctrl-z in raw mode is a key, not a signal: do what
                        // the shell's job control expects, then come back.
                        restore();
                        let _ = signal_hook::low_level::raise(SIGTSTP);
                        reenter(&mut terminal, exec.settings.mouse)?;
                        dirty = true;
                        continue;
                    }
                };
                dirty = true;
                for effect in app::update(&mut model, action) {
                    if matches!(effect, Effect::Search { .. }) {
                        search = Some(effect);
                    } else if let Some(a) = perform(effect, &model, &exec, terminal.backend_mut().writer_mut()) {
                        pending.push_back(Pending::Act(a));
                    }
                }
            }
            match search.take() {
                Some(effect) => pending
                    .extend(perform(effect, &model, &exec, terminal.backend_mut().writer_mut()).map(Pending::Act)),
                None => break,
            }
        }
        if model.quit {
            break;
        }
        if dirty {
            draw(&mut terminal, &model, &theme)?;
            background.start();
            // Lets the tests check that a panic restores the terminal first.
            #[cfg(debug_assertions)]
            if std::env::var_os("PRAKTYKI_TEST_PANIC").is_some() {
                panic!("PRAKTYKI_TEST_PANIC is set: panicking on purpose");
            }
        }
        // Block for the next message, then take everything already waiting,
        // so a burst of keys or a paste is one redraw.
        let Ok(first) = rx.recv() else { break };
        for msg in std::iter::once(first).chain(rx.try_iter()) {
            match msg {
                Msg::Event(Event::Key(k)) if k.kind != KeyEventKind::Release => {
                    let ctrl_z = k.code == event::KeyCode::Char('z') && k.modifiers == event::KeyModifiers::CONTROL;
                    if ctrl_z {
                        pending.push_back(Pending::Suspend);
                    } else if let Some(c) = Chord::from_event(&k) {
                        pending.push_back(Pending::Key(c));
                    }
                }
                // One insertion and one search for the whole paste.
                Msg::Event(Event::Paste(text)) => pending.push_back(Pending::Paste(text)),
                Msg::Event(Event::Resize(w, h)) => pending.push_back(Pending::Act(Action::Resize(w, h))),
                Msg::Event(Event::Mouse(me)) => {
                    let (column, row) = (me.column, me.row);
                    match me.kind {
                        MouseEventKind::ScrollDown => {
                            pending.push_back(Pending::Act(Action::MouseScroll { column, row, down: true }))
                        }
                        MouseEventKind::ScrollUp => {
                            pending.push_back(Pending::Act(Action::MouseScroll { column, row, down: false }))
                        }
                        MouseEventKind::Down(MouseButton::Left) => {
                            pending.push_back(Pending::Act(Action::MouseClick { column, row }))
                        }
                        _ => {}
                    }
                }
                Msg::Event(_) => {}
                Msg::Action(a) => pending.push_back(Pending::Act(a)),
                Msg::InputClosed => return Ok(0),
                Msg::Resumed => {
                    reenter(&mut terminal, exec.settings.mouse)?;
                    pending.push_back(Pending::Act(Action::Resize(model.size.0, model.size.1)));
                }
                Msg::Signal(sig) => {
                    exit = 128 + sig as u8;
                    model.quit = true;
                }
            }
        }
        if model.quit && exit != 0 {
            break;
        }
    }
    Ok(exit)
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

fn draw(terminal: &mut Terminal<Compact<io::Stdout>>, model: &Model, theme: &Theme) -> Result<()> {
    // Synchronized output: the terminal shows the frame whole, so a slow
    // link sees no tearing.
    queue!(terminal.backend_mut().writer_mut(), BeginSynchronizedUpdate)?;
    terminal.draw(|f| ui::render(model, theme, f))?;
    execute!(terminal.backend_mut().writer_mut(), EndSynchronizedUpdate)?;
    Ok(())
}

fn spawn_input(tx: mpsc::Sender<Msg>) {
    thread::spawn(move || {
        loop {
            match event::read() {
                Ok(ev) => {
                    if tx.send(Msg::Event(ev)).is_err() {
                        return;
                    }
                }
                Err(_) => {
                    let _ = tx.send(Msg::InputClosed);
                    return;
                }
            }
        }
    });
}

fn spawn_signals(tx: mpsc::Sender<Msg>) -> Result<()> {
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGCONT])?;
    thread::spawn(move || {
        for sig in signals.forever() {
            if sig == SIGCONT {
                if tx.send(Msg::Resumed).is_err() {
                    return;
                }
                continue;
            }
            let _ = tx.send(Msg::Signal(sig));
            return;
        }
    });
    Ok(())
}

type SearchRequest = (u64, String, Arc<Index>);

/// A worker that runs only the newest search it has been asked for, and
/// abandons one when a newer request arrives.
fn spawn_search_worker(tx: mpsc::Sender<Msg>, latest: Arc<AtomicU64>) -> mpsc::Sender<SearchRequest> {
    let (req_tx, req_rx) = mpsc::channel::<SearchRequest>();
    thread::spawn(move || {
        while let Ok(mut req) = req_rx.recv() {
            // Skip straight to the newest request.
            for newer in req_rx.try_iter() {
                req = newer;
            }
            let (seq, query, index) = req;
            let cancelled = || latest.load(Ordering::Relaxed) != seq;
            if let Some(hits) = index.search_cancellable(&query, &cancelled)
                && tx.send(Msg::Action(Action::SearchDone { seq, hits: Arc::new(hits) })).is_err()
            {
                return;
            }
        }
    });
    req_tx
}

/// Carries out one effect; returns the action that reports its outcome.
fn perform(effect: Effect, model: &Model, exec: &Executor, out: &mut impl Write) -> Option<Action> {
    let (choice, opts) = (&exec.settings.choice, exec.settings.opts);
    match effect {
        Effect::Search { seq, query } => {
            exec.latest.store(seq, Ordering::Relaxed);
            if model.index.len() <= INLINE_SEARCH_LIMIT {
                Some(Action::SearchDone { seq, hits: Arc::new(model.index.search(&query)) })
            } else {
                let _ = exec.worker.send((seq, query, model.index.clone()));
                None
            }
        }
        Effect::ReadPractice { index, generation } => {
            // A disk read (and a parse) off the input thread: keys go on
            // while it runs, and a stale answer is dropped by update.
            let (store, tx) = (model.store.clone(), exec.tx.clone());
            thread::spawn(move || {
                let practice = store.full(index).map(|p| Arc::new(p.into_owned()));
                let _ = tx.send(Msg::Action(Action::PracticeRead(app::model::Texts { index, generation, practice })));
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
        Effect::OpenUrl(url) => match opener() {
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
            let (choice, tx, cache) = (choice.clone(), exec.tx.clone(), exec.settings.cache.clone());
            thread::spawn(move || {
                let result = load_choice(&choice, opts, cache.as_deref())
                    .map(|loaded| {
                        let (store, index) = loaded.with_index();
                        Arc::new((store, Arc::new(index)))
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
                Some(path) => crate::bookmarks::Bookmarks::change(path, &id, &title, marked)
                    .err()
                    .map(|e| Action::Notify(format!("{}: {e}", s.bookmarks_not_saved))),
                None => Some(Action::Notify(format!("{}: no data directory", s.bookmarks_not_saved))),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_is_capped_and_encoded() {
        assert_eq!(osc52("a@b.pl").as_deref(), Some("\x1b]52;c;YUBiLnBs\x07"));
        assert!(osc52(&"x".repeat(OSC52_MAX_BYTES + 1)).is_none());
        // Whatever the text holds, the payload is base64 only.
        let seq = osc52("\x1b]0;evil\x07").unwrap();
        assert_eq!(seq.matches('\x1b').count(), 1);
    }
}
