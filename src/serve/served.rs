//! A served session: the same [`Session`] as on a local terminal, on a
//! thread of its own, drawing down the SSH channel. It ends when the user
//! quits, the client goes, it is idle too long (warned a minute before) or
//! too old, or the server stops; a panic in it ends it alone.

use std::io::Write;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::Ordering;
use std::sync::{Arc, mpsc};
use std::time::Duration;

use crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture};
use crossterm::terminal::{EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, queue};
use russh::ChannelId;
use russh::server::Handle;

use super::Shared;
use super::conn::ConnState;
use super::term::ChannelWriter;
use crate::app::{Action, Model};
use crate::i18n::Lang;
use crate::tui::{End, Msg, Session, Settings};

/// How often a waiting session looks at the clock (idle, age, a stop).
const TICK: Duration = Duration::from_secs(2);

/// The idle warning comes this long before the session is closed.
const WARN_BEFORE: Duration = Duration::from_secs(60);

pub struct Start {
    pub shared: Arc<Shared>,
    pub state: Arc<ConnState>,
    pub handle: Handle,
    pub channel: ChannelId,
    pub runtime: tokio::runtime::Handle,
    pub term: String,
    pub size: (u16, u16),
    /// The client's LC_ALL, LC_MESSAGES or LANG, the first set.
    pub locale: Option<String>,
}

/// Starts the session's thread; returns where its input goes.
pub fn spawn(start: Start) -> std::io::Result<mpsc::Sender<Msg>> {
    let shared = &start.shared;
    let lang = start.locale.as_deref().map_or(shared.lang, Lang::from_locale);
    let (store, index) = shared.current();
    // Visitors see the store's name, not where it lies on the server.
    let label = match &shared.plan.choice.path {
        Some(path) => path.file_name().unwrap_or(path.as_os_str()).to_string_lossy().into_owned(),
        None => lang.strings().embedded.to_owned(),
    };
    let mut model = Model::new(store, index, label, shared.keymap.clone(), lang);
    model.columns = shared.columns.clone();
    let theme = crate::ui::Theme::select(shared.theme, shared.color, false, Some(&start.term));
    let settings = Settings {
        plan: shared.plan.clone(),
        bookmarks: None,
        mouse: true,
        after_first_frame: None,
        // `o` puts the address on the client's clipboard (OSC 52).
        opener: None,
        job_control: false,
        read_only: true,
    };
    let limits = shared.gate.limits();
    let mut writer =
        ChannelWriter::new(start.handle.clone(), start.channel, start.runtime.clone(), limits.write_timeout);
    writer.sent = start.state.sent.clone();
    let session =
        Session::new(model, theme, settings, writer, start.size).map_err(|e| std::io::Error::other(e.to_string()))?;
    let tx = session.sender();
    std::thread::Builder::new().name("praktyki-session".into()).stack_size(512 * 1024).spawn(move || {
        let mut session = session;
        let outcome = catch_unwind(AssertUnwindSafe(|| drive(&mut session, &start)));
        let (why, told) = match outcome {
            Ok(Ok(end)) => (end.log, end.told),
            Ok(Err(e)) => (format!("error: {e:#}"), None),
            Err(_) => ("the session panicked".to_owned(), None),
        };
        start.state.ended(why);
        // The client's terminal is put back as a local one is, and told why
        // the server ended the session, when it did.
        let mut bye = Vec::new();
        let _ = queue!(
            bye,
            DisableMouseCapture,
            EndSynchronizedUpdate,
            DisableBracketedPaste,
            LeaveAlternateScreen,
            cursor::Show
        );
        if let Some(told) = told {
            bye.extend_from_slice(format!("praktyki: {told}\r\n").as_bytes());
        }
        let (handle, channel, status) = (start.handle.clone(), start.channel, 0);
        // Each step may wait for a client that reads nothing: all of it
        // gives up after a few seconds, and the connection is then shut.
        let state = start.state.clone();
        start.runtime.block_on(async move {
            let goodbye = async {
                let _ = handle.data(channel, bytes::Bytes::from(bye)).await;
                let _ = handle.exit_status_request(channel, status).await;
                let _ = handle.eof(channel).await;
                let _ = handle.close(channel).await;
            };
            let _ = tokio::time::timeout(Duration::from_secs(5), goodbye).await;
            state.session_over.notify_one();
        });
        // Its memory goes with the session's end, not the process's.
        drop(session);
    })?;
    Ok(tx)
}

/// How a session ended: for the log, and for the user when the server ended it.
struct Ending {
    log: String,
    told: Option<String>,
}

impl Ending {
    fn by_user(log: impl Into<String>) -> Self {
        Ending { log: log.into(), told: None }
    }
}

/// The session's loop; returns why it ended.
fn drive(session: &mut Session<ChannelWriter>, start: &Start) -> anyhow::Result<Ending> {
    let shared = &start.shared;
    let limits = shared.gate.limits();
    let out = session.writer_mut();
    queue!(out, EnterAlternateScreen, EnableBracketedPaste, cursor::Hide, EnableMouseCapture)?;
    out.flush()?;
    let mut generation = shared.generation.load(Ordering::SeqCst);
    let mut warned = false;
    loop {
        if let Some(end) = session.settle()? {
            return Ok(Ending::by_user(match end {
                End::Quit => "quit".to_owned(),
                End::InputClosed => "the client left".to_owned(),
                End::Signal(sig) => format!("signal {sig}"),
            }));
        }
        let came = session.wait(Some(TICK))?;
        start.state.queued.store(0, Ordering::Relaxed);
        // A new store reaches the session with its next keys.
        let now = shared.generation.load(Ordering::SeqCst);
        if came && now != generation {
            generation = now;
            session.take(Msg::Action(Action::Reloaded(Ok(shared.current()))))?;
        }
        let lang = session.model().lang;
        if shared.stopping.load(Ordering::SeqCst) {
            let told = crate::said!(
                lang,
                "the server is stopping; come back later",
                "serwer się zatrzymuje; zapraszamy później"
            );
            return Ok(Ending { log: "the server is stopping".to_owned(), told: Some(told) });
        }
        let idle = start.state.idle_for();
        if idle >= limits.idle {
            let secs = idle.as_secs();
            let told =
                crate::said!(lang, "closed after {secs} s without a key", "sesja zamknięta po {secs} s bez klawisza");
            return Ok(Ending { log: format!("idle for {secs} s"), told: Some(told) });
        }
        if start.state.started.elapsed() >= limits.max_session {
            let told = crate::said!(
                lang,
                "closed: the longest session allowed here",
                "sesja zamknięta: to najdłuższa dozwolona tu sesja"
            );
            return Ok(Ending { log: "the longest session allowed".to_owned(), told: Some(told) });
        }
        let near = idle + WARN_BEFORE >= limits.idle;
        if near && !warned {
            let left = limits.idle.saturating_sub(idle).as_secs().max(1);
            let text = format!("{} {left} s", session.model().strings().idle_warning);
            session.take(Msg::Action(Action::Notify(text)))?;
        }
        warned = near;
    }
}
