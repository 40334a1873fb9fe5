//! `praktyki serve`: the browser over SSH for anyone, read-only, no
//! account. One process holds the store and its index once; each
//! connection runs a [`crate::tui::Session`] on a thread of its own (see
//! `served`), fed by the SSH channel (`conn`, `term`). Connections are let
//! in or not before their handshake (`gate`); the host key is made once
//! and read at start (`hostkey`).

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, PoisonError, RwLock};
use std::time::{Duration, Instant};

use russh::server::Config;
use russh::{MethodKind, MethodSet, SshId, cipher, kex, mac};

pub mod conn;
pub mod gate;
pub mod hostkey;
mod served;
pub mod term;

use crate::config::{ColorSetting, ThemeSetting};
use crate::i18n::Lang;
use crate::input::Keymap;
use crate::load::Plan;
use crate::search::Index;
use crate::store::Store;
use conn::{Conn, ConnState};
use gate::{Gate, Limits};

/// What every session shares: the store and its index (swapped whole when
/// the file changes), and the server's settings.
pub struct Shared {
    current: RwLock<(Arc<Store>, Arc<Index>)>,
    /// Bumped at each new store; a session compares it with its own.
    pub generation: AtomicU64,
    pub plan: Plan,
    pub keymap: Arc<Keymap>,
    pub columns: Vec<crate::config::Column>,
    pub lang: Lang,
    pub theme: ThemeSetting,
    pub color: ColorSetting,
    pub gate: Arc<Gate>,
    /// Set on SIGTERM: sessions end at their next tick.
    pub stopping: AtomicBool,
}

impl Shared {
    pub fn current(&self) -> (Arc<Store>, Arc<Index>) {
        self.current.read().unwrap_or_else(PoisonError::into_inner).clone()
    }

    fn replace(&self, store: Arc<Store>, index: Arc<Index>) {
        *self.current.write().unwrap_or_else(PoisonError::into_inner) = (store, index);
        self.generation.fetch_add(1, Ordering::SeqCst);
    }
}

/// What `praktyki serve` was asked for.
pub struct Options {
    pub listen: SocketAddr,
    pub host_key: russh::keys::PrivateKey,
    pub limits: Limits,
}

/// Everything the server needs that the command line and config gave.
pub struct Setup {
    pub store: Arc<Store>,
    pub index: Arc<Index>,
    pub plan: Plan,
    pub keymap: Keymap,
    pub columns: Vec<crate::config::Column>,
    pub lang: Lang,
    pub theme: ThemeSetting,
    pub color: ColorSetting,
}

/// Key exchange limited to curve25519 and its post-quantum hybrid: the big
/// Diffie-Hellman groups cost a server seconds of CPU per handshake.
const KEX: &[kex::Name] = &[
    kex::MLKEM768X25519_SHA256,
    kex::CURVE25519,
    kex::CURVE25519_PRE_RFC_8731,
    kex::EXTENSION_SUPPORT_AS_SERVER,
    kex::EXTENSION_OPENSSH_STRICT_KEX_AS_SERVER,
];

const CIPHERS: &[cipher::Name] = &[cipher::CHACHA20_POLY1305, cipher::AES_256_GCM];

/// Encrypt-then-MAC only (the AEAD ciphers above need none).
const MACS: &[mac::Name] = &[mac::HMAC_SHA512_ETM, mac::HMAC_SHA256_ETM];

/// The SSH settings: no password or key login (anyone is let in with
/// `none`), Ed25519 only, no compression, keepalives that find dead clients.
pub fn ssh_config(key: russh::keys::PrivateKey) -> Config {
    let mut methods = MethodSet::empty();
    methods.push(MethodKind::None);
    Config {
        server_id: SshId::Standard(format!("SSH-2.0-praktyki_{}", env!("CARGO_PKG_VERSION")).into()),
        methods,
        auth_rejection_time: Duration::from_millis(200),
        auth_rejection_time_initial: Some(Duration::ZERO),
        keys: vec![key],
        preferred: russh::Preferred {
            kex: KEX.into(),
            key: (&[russh::keys::Algorithm::Ed25519][..]).into(),
            cipher: CIPHERS.into(),
            mac: MACS.into(),
            compression: (&[russh::compression::NONE][..]).into(),
            ..russh::Preferred::DEFAULT
        },
        max_auth_attempts: 3,
        // Sessions keep their own idle clock; a dead client is found by keepalives.
        inactivity_timeout: None,
        keepalive_interval: Some(Duration::from_secs(30)),
        keepalive_max: 3,
        nodelay: true,
        ..Config::default()
    }
}

/// Runs the server until SIGTERM or SIGINT, then lets sessions say goodbye.
pub fn run(options: Options, setup: Setup) -> anyhow::Result<()> {
    open_log();
    let fingerprint = hostkey::fingerprint(&options.host_key);
    let gate = Gate::new(options.limits);
    let shared = Arc::new(Shared {
        current: RwLock::new((setup.store, setup.index)),
        generation: AtomicU64::new(0),
        plan: setup.plan,
        keymap: Arc::new(setup.keymap),
        columns: setup.columns,
        lang: setup.lang,
        theme: setup.theme,
        color: setup.color,
        gate: gate.clone(),
        stopping: AtomicBool::new(false),
    });
    watch_store(shared.clone());
    let config = Arc::new(ssh_config(options.host_key));
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(options.listen)
            .await
            .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", options.listen))?;
        let at = listener.local_addr()?;
        log(format_args!("listening on {at}, host key {fingerprint}"));
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
        let mut int = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt())?;
        let mut tasks = tokio::task::JoinSet::new();
        let mut refused = Throttle::default();
        loop {
            tokio::select! {
                _ = term.recv() => break,
                _ = int.recv() => break,
                Some(_) = tasks.join_next(), if !tasks.is_empty() => {}
                accepted = listener.accept() => {
                    let Ok((tcp, peer)) = accepted else { continue };
                    match gate.admit(peer.ip(), Instant::now()) {
                        Ok(ticket) => {
                            tasks.spawn(connection(tcp, peer, ticket, config.clone(), shared.clone()));
                        }
                        // Dropped before the handshake: it costs nothing.
                        Err(why) => refused.log(peer, why),
                    }
                }
            }
        }
        let (open, _) = gate.counts();
        log(format_args!("stopping: {open} connection(s) to close"));
        shared.stopping.store(true, Ordering::SeqCst);
        // Sessions notice within a tick and say goodbye; the rest are cut.
        let drained =
            tokio::time::timeout(Duration::from_secs(10), async { while tasks.join_next().await.is_some() {} }).await;
        if drained.is_err() {
            tasks.abort_all();
        }
        log(format_args!("stopped"));
        Ok(())
    })
}

/// One connection from its TCP accept to its end, with its log lines.
async fn connection(
    tcp: tokio::net::TcpStream,
    peer: SocketAddr,
    ticket: gate::Ticket,
    config: Arc<Config>,
    shared: Arc<Shared>,
) {
    let state = ConnState::new(peer);
    let grace = shared.gate.limits().login_grace;
    // A second descriptor of the socket, to shut it whatever SSH is doing.
    let killer = {
        use std::os::fd::AsFd;
        tcp.as_fd().try_clone_to_owned().ok().map(std::net::TcpStream::from)
    };
    let handler = Conn::new(shared.clone(), state.clone());
    let deadline = tokio::time::Instant::now() + grace;
    // A connection that gives way does so at any point before its session,
    // the version exchange too.
    let start = tokio::time::timeout_at(deadline, russh::server::run_stream(config, tcp, handler));
    let started = tokio::select! {
        started = start => started,
        _ = ticket.evicted.notified() => {
            return log(format_args!("dropped {peer}: gave way to newer connections before its handshake"));
        }
    };
    let session = match started {
        Ok(Ok(session)) => session,
        Ok(Err(e)) => return log(format_args!("dropped {peer} before the handshake ended: {e}")),
        Err(_) => return log(format_args!("dropped {peer}: no handshake within the login grace time")),
    };
    log(format_args!("connect {peer}"));
    let handle = session.handle();
    tokio::pin!(session);
    let mut in_session = false;
    // How the wait below ended.
    enum Cut {
        /// The connection ended on its own.
        Done,
        /// The session's thread ended: the connection is to go too.
        SessionOver,
        /// The server ends it, for this reason.
        Because(&'static str),
    }
    let cut = loop {
        tokio::select! {
            result = &mut session => {
                if let Err(e) = result {
                    state.ended(format!("connection error: {e}"));
                }
                break Cut::Done;
            }
            _ = state.session_started.notified(), if !in_session => {
                in_session = true;
                ticket.started();
            }
            _ = state.session_over.notified() => break Cut::SessionOver,
            _ = tokio::time::sleep_until(deadline), if !in_session && !state.in_session.load(Ordering::SeqCst) => {
                break Cut::Because("no session within the login grace time");
            }
            _ = ticket.evicted.notified(), if !in_session && !state.in_session.load(Ordering::SeqCst) => {
                break Cut::Because("gave way to newer connections before starting a session");
            }
        }
    };
    let ask = match cut {
        Cut::Done => None,
        Cut::SessionOver => Some(None),
        Cut::Because(why) => Some(Some(why)),
    };
    if let Some(why) = ask {
        if let Some(why) = why {
            state.ended(why);
            let bye = handle.disconnect(russh::Disconnect::ByApplication, why.into(), "en".into());
            let _ = tokio::time::timeout(Duration::from_secs(2), bye).await;
        }
        // A client that reads nothing takes no goodbye: its socket is shut,
        // which ends the SSH session at once.
        if tokio::time::timeout(Duration::from_secs(5), &mut session).await.is_err() {
            if let Some(socket) = &killer {
                let _ = socket.shutdown(std::net::Shutdown::Both);
            }
            let _ = tokio::time::timeout(Duration::from_secs(5), &mut session).await;
        }
    }
    let why = state.why.lock().unwrap_or_else(PoisonError::into_inner).clone().unwrap_or_else(|| "closed".into());
    let term = state.term.lock().unwrap_or_else(PoisonError::into_inner).clone();
    let (w, h) = *state.size.lock().unwrap_or_else(PoisonError::into_inner);
    let term = if term.is_empty() { "-".to_owned() } else { term };
    let secs = state.started.elapsed().as_secs_f64();
    let sent = state.sent.load(Ordering::Relaxed);
    log(format_args!("disconnect {peer} term={term} size={w}x{h} after {secs:.1} s, {sent} B sent: {why}"));
    drop(ticket);
}

/// Refused connections are logged at most once a second, with a count,
/// so a flood cannot fill the log.
#[derive(Default)]
struct Throttle {
    last: Option<Instant>,
    since: usize,
}

impl Throttle {
    fn log(&mut self, peer: SocketAddr, why: gate::Refusal) {
        self.since += 1;
        if self.last.is_none_or(|t| t.elapsed() >= Duration::from_secs(1)) {
            log(format_args!("refused {peer}: {why} ({} refused in the last second or so)", self.since));
            self.last = Some(Instant::now());
            self.since = 0;
        }
    }
}

/// Where log lines go: the process's stderr, opened anew, since the
/// command line holds the lock of Rust's stderr for its whole run.
static LOG: std::sync::OnceLock<std::sync::Mutex<std::fs::File>> = std::sync::OnceLock::new();

fn open_log() {
    use std::os::fd::AsFd;
    if let Ok(fd) = std::io::stderr().as_fd().try_clone_to_owned() {
        let _ = LOG.set(std::sync::Mutex::new(std::fs::File::from(fd)));
    }
    // A panic in a session ends that session; it is said in the log, and
    // never waits for the lock on stderr that the command line holds.
    std::panic::set_hook(Box::new(|info| log(format_args!("a session panicked: {info}"))));
}

/// A log line on stderr (the journal under systemd): never what a user typed.
fn log(line: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let now = chrono::DateTime::from_timestamp(secs as i64, 0).unwrap_or_default().format("%Y-%m-%dT%H:%M:%SZ");
    let text = crate::text::sanitize::sanitize(&format!("{now} praktyki serve: {line}"), false);
    if let Some(out) = LOG.get() {
        let mut out = out.lock().unwrap_or_else(PoisonError::into_inner);
        let _ = writeln!(out, "{text}");
    }
}

/// Looks at the store file every few seconds; when it changed, loads it
/// again, and every session gets the new store with its next keys. A store
/// that fails to load leaves the old one serving, and says so in the log.
fn watch_store(shared: Arc<Shared>) {
    let Some(path) = shared.plan.choice.path.clone() else { return };
    let stamp = |p: &std::path::Path| std::fs::metadata(p).ok().map(|m| (m.modified().ok(), m.len()));
    let _ = std::thread::Builder::new().name("praktyki-watch".into()).spawn(move || {
        let mut seen = stamp(&path);
        while !shared.stopping.load(Ordering::SeqCst) {
            std::thread::sleep(Duration::from_secs(2));
            let now = stamp(&path);
            if now == seen || now.is_none() {
                continue;
            }
            seen = now;
            match shared.plan.load() {
                Ok(loaded) => {
                    let (store, index) = loaded.write_cache_and_index();
                    let n = store.practices.len();
                    shared.replace(Arc::new(store), Arc::new(index));
                    log(format_args!("{}: changed; {n} practice(s) now served", path.display()));
                }
                Err(e) => log(format_args!("{e}; the store loaded before is still served")),
            }
        }
    });
}
