//! The edge: this process's terminal (set up, always put back, suspended
//! and resumed) as the caller of a [`session::Session`], which is the loop.
//! The only place that does IO after start-up, with the session's effects.

use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::thread;

use anyhow::{Context as _, Result};
use base64::Engine;
use crossterm::event::{self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture};
use crossterm::terminal::{
    EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;

mod compact;
mod export;
pub mod session;
mod workers;
use compact::Compact;
pub use session::{End, Msg, Session, Settings};
use signal_hook::consts::signal::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};

use crate::app::Model;
use crate::ui::Theme;

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
/// Returns the terminal's size now: it may have changed while stopped.
fn reenter<W: Write>(terminal: &mut Terminal<Compact<W>>, mouse: bool) -> Result<(u16, u16)> {
    // crossterm skips enabling raw mode it believes is on; after a SIGSTOP
    // the shell has reset the terminal behind its back, so set it anew.
    let _ = disable_raw_mode();
    enter(mouse)?;
    let (width, height) = crossterm::terminal::size()?;
    terminal.backend_mut().set_size(width, height);
    let size = terminal.size()?;
    terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))?;
    Ok((width, height))
}

/// ctrl-z: put the terminal back, stop (SIGTSTP) as the shell's job control
/// expects, and on return set it up again and paint it whole. The whole
/// process group stops, as a shell's ctrl-z would stop it: under a wrapper
/// (`bash -c`, `time`, `cargo run`) stopping this process alone leaves the
/// wrapper waiting and the shell with no prompt.
fn suspend<W: Write>(terminal: &mut Terminal<Compact<W>>, mouse: bool) -> Result<(u16, u16)> {
    restore();
    let group = nix::unistd::getpgrp();
    if nix::sys::signal::killpg(group, nix::sys::signal::Signal::SIGTSTP).is_err() {
        let _ = signal_hook::low_level::raise(SIGTSTP);
    }
    reenter(terminal, mouse)
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

/// Runs the browser on this process's terminal until the user quits or the
/// terminal goes away. Returns the process exit status.
pub fn run(model: Model, theme: Theme, mut settings: Settings) -> Result<u8> {
    if !io::stdout().is_terminal() {
        anyhow::bail!("the browser needs a terminal; for scripts use a subcommand (see `praktyki --help`)");
    }
    settings.opener = opener();
    settings.job_control = true;
    install_panic_hook();
    let _guard = Guard;
    enter(settings.mouse)?;
    // The one place the terminal's size is asked; then resize events tell it.
    let size = crossterm::terminal::size().context("cannot ask the terminal its size")?;
    // No clear(): it asks the terminal for the cursor position, and a terminal
    // that does not answer would stop the program. The first frame paints
    // every cell of the fresh alternate screen anyway.
    let mut session = Session::new(model, theme, settings, io::stdout(), size).context("cannot set up the terminal")?;
    spawn_input(session.sender());
    spawn_signals(session.sender())?;
    let end = session.run();
    // The terminal is put back before the work the session started (indexing
    // the texts, the start-up cache) is stopped.
    restore();
    session.finish();
    Ok(end?.code())
}

/// The OSC 52 sequence that puts `text` on the clipboard.
pub fn osc52(text: &str) -> Option<String> {
    if text.len() > OSC52_MAX_BYTES {
        return None;
    }
    let b64 = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    Some(format!("\x1b]52;c;{b64}\x07"))
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
