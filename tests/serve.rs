//! `praktyki serve` tried with the real OpenSSH client, as a user and as a
//! nuisance: each test starts its own server on 127.0.0.1 and a free port,
//! and stops it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
#[path = "common/tmux.rs"]
mod tmux;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{HOSTILE, HOSTILE_ESCAPES};
use tmux::*;

struct Server {
    child: Child,
    port: u16,
    log: Arc<Mutex<String>>,
    _dir: tempfile::TempDir,
}

impl Server {
    /// A server on the store at `store` (the embedded one if `None`).
    fn start(store: Option<&str>, extra: &[&str]) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let key = dir.path().join("host_ed25519");
        let made = Command::new(bin()).args(["serve", "--init-host-key"]).arg(&key).output().unwrap();
        assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
        let mut cmd = Command::new(bin());
        cmd.args(["serve", "--listen", "127.0.0.1:0", "--host-key"]).arg(&key).args(extra);
        if let Some(store) = store {
            cmd.args(["--store", store]);
        }
        let mut child = cmd
            .env("PRAKTYKI_DATA", dir.path())
            .env("PRAKTYKI_CACHE", dir.path().join("cache"))
            .env("XDG_CONFIG_HOME", dir.path())
            .env_remove("PRAKTYKI_STORE")
            .env("LANG", "C.UTF-8")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let (sink, err) = (log.clone(), child.stderr.take().unwrap());
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                let mut log = sink.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        let mut server = Server { child, port: 0, log, _dir: dir };
        let line = server.wait_log("listening on 127.0.0.1:");
        let port = line.split("listening on 127.0.0.1:").nth(1).unwrap();
        server.port = port.split(|c: char| !c.is_ascii_digit()).next().unwrap().parse().unwrap();
        server
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Waits for `needle` in the log; returns the log.
    fn wait_log(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let log = self.log();
            if log.contains(needle) {
                return log;
            }
            assert!(start.elapsed() < PATIENCE, "'{needle}' never logged:\n{log}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The OpenSSH command line that reaches this server.
    fn ssh(&self, options: &str) -> String {
        format!(
            // Options first: for ssh the first value given wins.
            "ssh {options} -p {} -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR localhost",
            self.port
        )
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = nix_kill(self.child.id(), "TERM");
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(15) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn nix_kill(pid: u32, signal: &str) -> std::io::Result<std::process::ExitStatus> {
    Command::new("kill").arg(format!("-{signal}")).arg(pid.to_string()).stderr(Stdio::null()).status()
}

/// Runs `command` in a shell and returns (status, stderr), failing if it
/// takes longer than `limit`.
fn run_within(command: &str, limit: Duration) -> (Option<i32>, String) {
    let mut child = Command::new("bash")
        .args(["-c", command])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
            return (status.code(), err);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("`{command}` still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_user_searches_copies_resizes_and_quits_over_ssh() {
    let server = Server::start(None, &[]);
    let t = Tmux::start("serve");
    t.run(&format!("{}; echo EXIT=$?", server.ssh("-t")));
    let screen = t.wait_for("Search:");
    assert!(screen.contains("Aglomeracja opolska") && screen.contains("? help"), "{screen}");
    server.wait_log("connect 127.0.0.1:");
    t.keys(&["/"]);
    t.literal("opol");
    t.wait_for("Search: opol");
    t.keys(&["Enter", "c"]);
    t.wait_for("Contact:");
    // The card opens on the e-mail; y puts it on the local clipboard (tmux's buffer) by OSC 52.
    t.keys(&["y"]);
    t.wait_for("Copied");
    let start = Instant::now();
    while !t.tmux(&["show-buffer"]).contains("krzysztof.poczatek@ao.opole.pl") {
        assert!(start.elapsed() < PATIENCE, "nothing reached the clipboard: {:?}", t.tmux(&["show-buffer"]));
        std::thread::sleep(Duration::from_millis(50));
    }
    // Nothing is written on the server, and each key says why.
    t.keys(&["Escape", "x"]);
    t.wait_for("No export over SSH");
    t.keys(&["r"]);
    t.wait_for("loads the store again by itself");
    t.keys(&["c"]);
    t.wait_for("Contact:");
    // The layout follows the window.
    t.keys(&["Escape"]);
    t.tmux(&["resize-window", "-t", "0", "-x", "50", "-y", "20"]);
    let start = Instant::now();
    loop {
        let screen = t.screen();
        let last = screen.lines().rfind(|l| !l.trim().is_empty()).unwrap_or_default().to_owned();
        let narrow = screen.lines().all(|l| l.chars().count() <= 50);
        if narrow && last.contains("? help") && screen.lines().nth(1).is_some_and(|l| l.starts_with('┌')) {
            break;
        }
        assert!(start.elapsed() < PATIENCE, "the layout never followed the window:\n{screen}");
        std::thread::sleep(Duration::from_millis(50));
    }
    t.keys(&["q"]);
    let screen = t.wait_for("EXIT=0");
    assert!(!screen.contains("Search:"), "the client's terminal is put back: {screen}");
    let log = server.wait_log("disconnect 127.0.0.1:");
    assert!(log.contains("term=xterm-256color") && log.contains("size=50x20") && log.contains(": quit"), "{log}");
    assert!(!log.contains("opol"), "keystrokes are never logged: {log}");
}

#[test]
fn commands_forwarding_and_no_terminal_are_refused_promptly() {
    let server = Server::start(None, &[]);
    let quick = Duration::from_secs(10);
    let (code, err) = run_within(&format!("{} ls /", server.ssh("-o LogLevel=INFO -T")), quick);
    assert_ne!(code, Some(0));
    assert!(err.contains("exec request failed"), "an explicit failure reply: {err}");
    let (code, err) = run_within(&server.ssh("-T"), quick);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("needs a terminal"), "{err}");
    let (code, err) = run_within(&format!("{} sftp", server.ssh("-T -s")), quick);
    assert_ne!(code, Some(0), "{err}");
    // A forwarded port is refused when something uses it, and the client is
    // told; -N with no session at all ends at the login grace time.
    let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let local = free.local_addr().unwrap().port();
    drop(free);
    let mut forward = Command::new("bash")
        .args(["-c", &format!("exec {}", server.ssh(&format!("-o LogLevel=INFO -N -L {local}:127.0.0.1:9")))])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let mut conn = loop {
        if let Ok(c) = TcpStream::connect(("127.0.0.1", local)) {
            break c;
        }
        assert!(start.elapsed() < PATIENCE, "ssh -L never listened");
        std::thread::sleep(Duration::from_millis(50));
    };
    conn.set_read_timeout(Some(quick)).unwrap();
    let mut buf = [0u8; 16];
    assert!(matches!(conn.read(&mut buf), Ok(0) | Err(_)), "the forwarded connection is closed");
    let _ = forward.kill();
    let mut err = String::new();
    let _ = forward.wait();
    forward.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    assert!(err.contains("administratively prohibited") || err.contains("open failed"), "{err}");
    let log = server.log();
    assert!(log.contains("refused a command (exec)") && log.contains("no terminal (ssh -T)"), "{log}");
}

#[test]
fn a_session_without_a_session_is_closed_at_the_login_grace_time() {
    let server = Server::start(None, &["--login-grace", "2"]);
    let (code, _) = run_within(&format!("{} -N", server.ssh("")), Duration::from_secs(12));
    assert_ne!(code, Some(0));
    let log = server.wait_log("no session within the login grace time");
    assert!(log.contains("disconnect 127.0.0.1:"), "{log}");
}

#[test]
fn the_hostile_store_renders_safely_in_a_served_session() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("hostile.json");
    std::fs::write(&store, HOSTILE).unwrap();
    let server = Server::start(Some(store.to_str().unwrap()), &[]);
    let t = Tmux::start("serve-hostile");
    let raw = dir.path().join("raw");
    t.tmux(&["pipe-pane", "-o", "-t", "0", &format!("cat >> {}", raw.display())]);
    t.run(&format!("{}; echo EXIT=$?", server.ssh("-t")));
    t.wait_for("Zła␛]0;PWNED-TITLE␇ praktyka");
    for keys in [&["Enter"][..], &["2"], &["G"], &["3"], &["1"], &["c"], &["G"], &["Escape"], &["?"], &["Escape"]] {
        t.keys(keys);
    }
    t.wait_gone("Keys");
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
    let out = String::from_utf8_lossy(&std::fs::read(&raw).unwrap()).into_owned();
    for evil in HOSTILE_ESCAPES {
        assert!(!out.contains(evil), "{evil:?} reached the client");
    }
    assert!(out.contains("PWNED-TITLE"), "the text itself is shown, made visible");
}

#[test]
fn garbage_and_floods_cost_only_their_own_connection() {
    // Half-open connections fill the server unless the oldest give way.
    let limits = ["--login-grace", "5", "--max-unauthenticated", "4", "--max-per-address", "50", "--max-sessions", "6"];
    let server = Server::start(None, &limits);
    // Garbage after a version line; a client that never says anything.
    let mut garbage = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    garbage.write_all(b"SSH-2.0-nuisance\r\n").unwrap();
    garbage.write_all(&[0xff; 4096]).unwrap();
    let silent: Vec<TcpStream> = (0..8).map(|_| TcpStream::connect(("127.0.0.1", server.port)).unwrap()).collect();
    // A real user still gets in, at once.
    let t = Tmux::start("serve-flood");
    let start = Instant::now();
    t.run(&format!("{}; echo EXIT=$?", server.ssh("-t")));
    t.wait_for("Search:");
    assert!(start.elapsed() < Duration::from_secs(10), "took {:?}", start.elapsed());
    // A 2 MB paste and a storm of resizes: the session goes on.
    let paste = dir_with_paste(&t);
    t.tmux(&["load-buffer", paste.to_str().unwrap()]);
    t.tmux(&["paste-buffer", "-p", "-t", "0"]);
    for i in 0..40u16 {
        t.tmux(&["resize-window", "-t", "0", "-x", &(40 + i * 3).to_string(), "-y", &(12 + i % 20).to_string()]);
    }
    t.tmux(&["resize-window", "-t", "0", "-x", "80", "-y", "24"]);
    t.keys(&["Escape", "Escape"]);
    t.wait_for("Aglomeracja opolska");
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
    drop(silent);
    drop(garbage);
    let log = server.wait_log(": quit");
    assert!(log.contains("listening"), "{log}");
}

/// A file of 2 MB of words in the session's directory, to paste.
fn dir_with_paste(t: &Tmux) -> std::path::PathBuf {
    let path: &Path = t._dir.path();
    let file = path.join("paste.txt");
    std::fs::write(&file, "gmina ".repeat((2 << 20) / 6)).unwrap();
    file
}

#[test]
fn idle_and_old_sessions_are_closed_and_warned_first() {
    let server = Server::start(None, &["--idle-timeout", "4"]);
    let t = Tmux::start("serve-idle");
    t.run(&format!("{}; echo EXIT=$?", server.ssh("-t")));
    t.wait_for("Search:");
    t.wait_for("Idle: this session closes in");
    let screen = t.wait_for("EXIT=0");
    assert!(!screen.contains("Search:"), "the terminal is put back: {screen}");
    assert!(screen.contains("praktyki: closed after"), "the user is told why: {screen}");
    server.wait_log(": idle for");
    let server = Server::start(None, &["--max-session-time", "3"]);
    t.run(&format!("clear; {}; echo EXIT=$?", server.ssh("-t")));
    t.wait_for("Search:");
    // Keys keep it from being idle, not from being old.
    for _ in 0..4 {
        t.keys(&["j"]);
        std::thread::sleep(Duration::from_millis(500));
    }
    t.wait_for("EXIT=0");
    server.wait_log("the longest session allowed");
}

#[test]
fn sigterm_closes_every_session_and_puts_its_terminal_back() {
    let mut server = Server::start(None, &[]);
    let t = Tmux::start("serve-term");
    t.run(&format!("{}; echo EXIT=$?", server.ssh("-t")));
    t.wait_for("Search:");
    nix_kill(server.child.id(), "TERM").unwrap();
    let screen = t.wait_for("EXIT=");
    assert!(!screen.contains("Search:"), "the terminal is put back: {screen}");
    assert!(screen.contains("the server is stopping"), "the user is told why: {screen}");
    let start = Instant::now();
    while server.child.try_wait().unwrap().is_none() {
        assert!(start.elapsed() < PATIENCE, "the server did not exit");
        std::thread::sleep(Duration::from_millis(50));
    }
    let log = server.wait_log("stopped");
    assert!(log.contains("the server is stopping"), "{log}");
}

#[test]
fn a_client_that_reads_nothing_is_dropped_and_costs_only_itself() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s.json");
    let made = Command::new(bin()).args(["synthetic", "--count", "2000", "--out"]).arg(&store).status().unwrap();
    assert!(made.success());
    let server = Server::start(Some(store.to_str().unwrap()), &["--write-timeout", "2"]);
    // Keys go in one by one, each redrawing the detail pane (a frame of
    // its own); what comes back lands in a pipe nobody reads.
    let keys = "printf '\\r'; while true; do printf 2; sleep 0.01; printf 1; sleep 0.01; done";
    let mut slow = Command::new("bash")
        .args(["-c", &format!("({keys}) | {} | sleep 600", server.ssh("-tt"))])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let log = loop {
        let log = server.log();
        if log.contains("the client reads nothing") {
            break log;
        }
        assert!(start.elapsed() < Duration::from_secs(240), "the slow reader was never dropped:\n{log}");
        std::thread::sleep(Duration::from_millis(200));
    };
    // The pipeline's processes are the shell's children: they go first.
    let _ = Command::new("pkill").args(["-KILL", "-P", &slow.id().to_string()]).status();
    let _ = slow.kill();
    let _ = slow.wait();
    assert!(log.contains("disconnect 127.0.0.1:"), "{log}");
    // And the server goes on serving others.
    let (code, err) = run_within(&format!("{} ls", server.ssh("-o LogLevel=INFO -T")), Duration::from_secs(10));
    assert_ne!(code, Some(0));
    assert!(err.contains("exec request failed"), "{err}");
}

#[test]
fn a_changed_store_reaches_open_sessions_and_a_broken_one_leaves_the_old() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("live.json");
    let practice =
        |title: &str| format!(r#"{{"format": "praktyki/1", "practices": [{{"id": "a", "title": "{title}"}}]}}"#);
    std::fs::write(&store, practice("Pierwsza wersja")).unwrap();
    let server = Server::start(Some(store.to_str().unwrap()), &[]);
    let t = Tmux::start("serve-live");
    // The client's language travels with it (SendEnv), and the store's path does not.
    t.run(&format!("LANG=pl_PL.UTF-8 {}; echo EXIT=$?", server.ssh("-t -o SendEnv=LANG")));
    t.wait_for("Pierwsza wersja");
    // Wide enough for the store's name in the status line.
    t.tmux(&["resize-window", "-t", "0", "-x", "160", "-y", "24"]);
    let screen = t.wait_for("live.json");
    assert!(screen.contains("praktyk"), "{screen}");
    assert!(!screen.contains(dir.path().to_str().unwrap()), "the server's path is not shown: {screen}");
    // Replaced by rename, as editors and sync write it: the next key shows it.
    let next = dir.path().join("next.json");
    std::fs::write(&next, practice("Druga wersja")).unwrap();
    std::fs::rename(&next, &store).unwrap();
    server.wait_log("changed; 1 practice(s) now served");
    t.keys(&["j"]);
    t.wait_for("Druga wersja");
    // A broken file keeps the last good one serving.
    std::fs::write(&next, "{ broken").unwrap();
    std::fs::rename(&next, &store).unwrap();
    server.wait_log("the store loaded before is still served");
    t.keys(&["k"]);
    let screen = t.wait_for("Druga wersja");
    assert!(screen.contains("praktyk"), "{screen}");
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
}
