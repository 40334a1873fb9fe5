//! One SSH connection: anyone may log in (the `none` method), one session
//! channel with a PTY runs the browser, and everything else is refused
//! with an explicit reply, since a request left unanswered hangs a client.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError, mpsc};
use std::time::Instant;

use crossterm::event::Event;
use russh::server::{Auth, ChannelOpenHandle, Handler, Msg as SshMsg, Session};
use russh::{Channel, ChannelId, ChannelOpenFailure, Pty};

use super::Shared;
use super::term::InputParser;
use crate::tui::Msg;

/// What the connection's task and its session's thread both see.
pub struct ConnState {
    pub peer: SocketAddr,
    pub started: Instant,
    /// Milliseconds from `started` to the client's last input.
    pub last_input: AtomicU64,
    /// Set once a session runs; the task stops the login clock.
    pub in_session: AtomicBool,
    pub session_started: tokio::sync::Notify,
    /// Told when the session's thread has ended.
    pub session_over: tokio::sync::Notify,
    /// Input events sent to the session and not yet taken by it.
    pub queued: AtomicUsize,
    /// Terminal type and size, for the log.
    pub term: Mutex<String>,
    pub size: Mutex<(u16, u16)>,
    /// Why the session ended, said by whoever ended it first.
    pub why: Mutex<Option<String>>,
    /// Bytes sent to the client.
    pub sent: Arc<AtomicU64>,
}

impl ConnState {
    pub fn new(peer: SocketAddr) -> Arc<Self> {
        Arc::new(ConnState {
            peer,
            started: Instant::now(),
            last_input: AtomicU64::new(0),
            in_session: AtomicBool::new(false),
            session_started: tokio::sync::Notify::new(),
            session_over: tokio::sync::Notify::new(),
            queued: AtomicUsize::new(0),
            term: Mutex::new(String::new()),
            size: Mutex::new((0, 0)),
            why: Mutex::new(None),
            sent: Arc::default(),
        })
    }

    /// Records why the connection ends, unless a reason is known already.
    pub fn ended(&self, why: impl Into<String>) {
        self.why.lock().unwrap_or_else(PoisonError::into_inner).get_or_insert_with(|| why.into());
    }

    pub fn idle_for(&self) -> std::time::Duration {
        let last = std::time::Duration::from_millis(self.last_input.load(Ordering::Relaxed));
        self.started.elapsed().saturating_sub(last)
    }

    fn touched(&self) {
        self.last_input.store(self.started.elapsed().as_millis() as u64, Ordering::Relaxed);
    }
}

pub struct Conn {
    pub shared: Arc<Shared>,
    pub state: Arc<ConnState>,
    channel: Option<ChannelId>,
    /// TERM and the size from the PTY request.
    pty: Option<(String, (u16, u16))>,
    /// LC_ALL, LC_MESSAGES, LANG as the client sent them.
    locale: [Option<String>; 3],
    input: InputParser,
    session: Option<mpsc::Sender<Msg>>,
}

impl Conn {
    pub fn new(shared: Arc<Shared>, state: Arc<ConnState>) -> Self {
        Conn {
            shared,
            state,
            channel: None,
            pty: None,
            locale: Default::default(),
            input: InputParser::default(),
            session: None,
        }
    }

    fn ours(&self, channel: ChannelId) -> bool {
        self.channel == Some(channel)
    }

    fn clamp(&self, w: u32, h: u32) -> (u16, u16) {
        let (max_w, max_h) = self.shared.gate.limits().max_size;
        let fit = |v: u32, max: u16| u16::try_from(v).unwrap_or(max).clamp(1, max);
        // A client that sends 0x0 ("unknown") gets the classic 80x24.
        if w == 0 || h == 0 { (80, 24) } else { (fit(w, max_w), fit(h, max_h)) }
    }

    /// Tells the client on stderr why, then ends the channel with status 1.
    fn refuse(&self, channel: ChannelId, why: &str, session: &mut Session) -> Result<(), russh::Error> {
        let text = format!("praktyki: {why}\r\n");
        session.extended_data(channel, 1, text.into_bytes())?;
        session.exit_status_request(channel, 1)?;
        session.eof(channel)?;
        session.close(channel)
    }

    fn send(&self, event: Event) {
        let Some(tx) = &self.session else { return };
        // A resize always goes; input past the queue's bound is dropped.
        let input = !matches!(event, Event::Resize(..));
        if input && self.state.queued.load(Ordering::Relaxed) >= self.shared.gate.limits().input_queue {
            return;
        }
        self.state.queued.fetch_add(1, Ordering::Relaxed);
        let _ = tx.send(Msg::Event(event));
    }
}

impl Handler for Conn {
    type Error = russh::Error;

    async fn auth_none(&mut self, _user: &str) -> Result<Auth, Self::Error> {
        Ok(Auth::Accept)
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<SshMsg>,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.channel.is_some() {
            reply.reject(ChannelOpenFailure::AdministrativelyProhibited).await;
            return Ok(());
        }
        self.channel = Some(channel.id());
        reply.accept().await;
        Ok(())
    }

    // X11, direct TCP/IP and streamlocal channels are not handled here:
    // russh rejects a channel whose handle is dropped unanswered, with
    // "administratively prohibited", which is the explicit reply wanted.

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        term: &str,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if !self.ours(channel) || self.session.is_some() {
            return session.channel_failure(channel);
        }
        // What the client calls its terminal is only used to pick colours.
        let term: String = term.chars().filter(|c| c.is_ascii_graphic()).take(64).collect();
        let size = self.clamp(col_width, row_height);
        *self.state.term.lock().unwrap_or_else(PoisonError::into_inner) = term.clone();
        *self.state.size.lock().unwrap_or_else(PoisonError::into_inner) = size;
        self.pty = Some((term, size));
        session.channel_success(channel)
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        value: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let slot = match name {
            "LC_ALL" => Some(0),
            "LC_MESSAGES" => Some(1),
            "LANG" => Some(2),
            _ if name.starts_with("LC_") => None,
            _ => return session.channel_failure(channel),
        };
        if let Some(slot) = slot {
            self.locale[slot] = Some(value.chars().take(64).collect());
        }
        session.channel_success(channel)
    }

    async fn shell_request(&mut self, channel: ChannelId, session: &mut Session) -> Result<(), Self::Error> {
        if !self.ours(channel) || self.session.is_some() {
            return session.channel_failure(channel);
        }
        session.channel_success(channel)?;
        let Some((term, size)) = self.pty.clone() else {
            let why = "the browser needs a terminal: connect with `ssh -t`, not -T";
            self.state.ended("no terminal (ssh -T)");
            return self.refuse(channel, why, session);
        };
        let locale = self.locale.iter().flatten().find(|v| !v.is_empty()).cloned();
        let start = super::served::Start {
            shared: self.shared.clone(),
            state: self.state.clone(),
            handle: session.handle(),
            channel,
            runtime: tokio::runtime::Handle::current(),
            term,
            size,
            locale,
        };
        match super::served::spawn(start) {
            Ok(tx) => {
                self.session = Some(tx);
                self.state.touched();
                self.state.in_session.store(true, Ordering::SeqCst);
                self.state.session_started.notify_one();
                Ok(())
            }
            Err(e) => {
                self.state.ended(format!("cannot start a session: {e}"));
                self.refuse(channel, "the server cannot start a session now", session)
            }
        }
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        // The failure reply is what OpenSSH reports ("exec request failed").
        self.state.ended("refused a command (exec)");
        session.channel_failure(channel)?;
        session.close(channel)
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        _name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.state.ended("refused a subsystem");
        session.channel_failure(channel)?;
        session.close(channel)
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _single_connection: bool,
        _x11_auth_protocol: &str,
        _x11_auth_cookie: &str,
        _x11_screen_number: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)
    }

    async fn agent_request(&mut self, _channel: ChannelId, _session: &mut Session) -> Result<bool, Self::Error> {
        Ok(false)
    }

    async fn tcpip_forward(
        &mut self,
        _address: &str,
        _port: &mut u32,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        Ok(false)
    }

    async fn streamlocal_forward(&mut self, _socket_path: &str, _session: &mut Session) -> Result<bool, Self::Error> {
        Ok(false)
    }

    async fn window_change_request(
        &mut self,
        channel: ChannelId,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.ours(channel) {
            let (w, h) = self.clamp(col_width, row_height);
            *self.state.size.lock().unwrap_or_else(PoisonError::into_inner) = (w, h);
            self.send(Event::Resize(w, h));
        }
        Ok(())
    }

    async fn data(&mut self, channel: ChannelId, data: &[u8], _session: &mut Session) -> Result<(), Self::Error> {
        if !self.ours(channel) || self.session.is_none() {
            return Ok(());
        }
        self.state.touched();
        for event in self.input.feed(data) {
            self.send(event);
        }
        Ok(())
    }

    async fn channel_eof(&mut self, channel: ChannelId, _session: &mut Session) -> Result<(), Self::Error> {
        if self.ours(channel)
            && let Some(tx) = &self.session
        {
            let _ = tx.send(Msg::InputClosed);
        }
        Ok(())
    }

    async fn channel_close(&mut self, channel: ChannelId, _session: &mut Session) -> Result<(), Self::Error> {
        if self.ours(channel)
            && let Some(tx) = self.session.take()
        {
            self.state.ended("the client closed the session");
            let _ = tx.send(Msg::InputClosed);
        }
        Ok(())
    }
}

impl Drop for Conn {
    fn drop(&mut self) {
        // The connection is gone: its session, if any, ends too.
        if let Some(tx) = self.session.take() {
            let _ = tx.send(Msg::InputClosed);
        }
    }
}
