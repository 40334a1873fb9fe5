//! The load test of `praktyki serve`, measured at the client side:
//!
//!     cargo build --release
//!     cargo bench --bench ssh_load -- [--idle 1000] [--typing 50] [--seconds 10] [--flood 500] [--store PATH]
//!
//! It starts target/release/praktyki serve on 127.0.0.1 and a free port
//! (with limits raised for the load, except in the flood's second part),
//! then reports: CPU per handshake, server memory with N idle sessions,
//! keystroke-to-frame round trips with M sessions typing 10 keys a second,
//! bytes per keystroke, and how long a real user waits while half-open
//! connections flood the server. A frame's end is the synchronized-update
//! end the browser writes after each frame (ESC [ ? 2026 l).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use russh::client;
use tokio::net::TcpSocket;

const FRAME_END: &[u8] = b"\x1b[?2026l";

struct Client;

impl client::Handler for Client {
    type Error = russh::Error;

    async fn check_server_key(&mut self, _key: &russh::keys::PublicKeyOrCertificate) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

/// One browser session over SSH.
struct Term {
    channel: russh::Channel<client::Msg>,
    _handle: client::Handle<Client>,
    /// Bytes received and not yet looked at for a frame's end.
    tail: Vec<u8>,
    received: u64,
}

impl Term {
    /// Connects (from `from`, an address on lo) and waits for the first frame.
    async fn open(port: u16, from: &str) -> anyhow::Result<Term> {
        let socket = TcpSocket::new_v4()?;
        socket.bind(format!("{from}:0").parse()?)?;
        let tcp = socket.connect(format!("127.0.0.1:{port}").parse()?).await?;
        tcp.set_nodelay(true)?;
        let config = Arc::new(client::Config::default());
        let mut handle = client::connect_stream(config, tcp, Client).await?;
        let auth = handle.authenticate_none("load").await?;
        anyhow::ensure!(auth.success(), "not let in");
        let channel = handle.channel_open_session().await?;
        channel.request_pty(true, "xterm-256color", 80, 24, 0, 0, &[]).await?;
        channel.request_shell(true).await?;
        let mut term = Term { channel, _handle: handle, tail: Vec::new(), received: 0 };
        term.frame().await?;
        Ok(term)
    }

    /// Waits for the end of the next frame; returns the bytes it took.
    async fn frame(&mut self) -> anyhow::Result<u64> {
        let start = self.received;
        loop {
            if let Some(at) = self.tail.windows(FRAME_END.len()).position(|w| w == FRAME_END) {
                self.tail.drain(..at + FRAME_END.len());
                return Ok(self.received - start);
            }
            match self.channel.wait().await {
                Some(russh::ChannelMsg::Data { data }) => {
                    self.received += data.len() as u64;
                    self.tail.extend_from_slice(&data);
                }
                Some(russh::ChannelMsg::Close | russh::ChannelMsg::Eof) | None => anyhow::bail!("closed"),
                Some(_) => {}
            }
        }
    }

    async fn key(&self, bytes: &'static [u8]) -> anyhow::Result<()> {
        self.channel.data_bytes(bytes).await?;
        Ok(())
    }
}

struct Server {
    child: Child,
    port: u16,
    _dir: tempfile::TempDir,
}

impl Server {
    fn start(store: Option<&str>, limits: &[&str]) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let bin = "target/release/praktyki";
        assert!(std::path::Path::new(bin).exists(), "build it first: cargo build --release");
        let key = dir.path().join("key");
        assert!(Command::new(bin).args(["serve", "--init-host-key"]).arg(&key).output().unwrap().status.success());
        let mut cmd = Command::new(bin);
        cmd.args(["serve", "--listen", "127.0.0.1:0", "--host-key"]).arg(&key).args(limits);
        if let Some(store) = store {
            cmd.args(["--store", store]);
        }
        let mut child = cmd
            .env("PRAKTYKI_CACHE", dir.path().join("cache"))
            .env("PRAKTYKI_DATA", dir.path())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let port = loop {
            let line = lines.next().expect("the server said nothing").unwrap();
            if let Some(rest) = line.split("listening on 127.0.0.1:").nth(1) {
                break rest.split(|c: char| !c.is_ascii_digit()).next().unwrap().parse().unwrap();
            }
        };
        // Keep reading the log so the server never blocks on it.
        std::thread::spawn(move || for _ in lines.by_ref() {});
        Server { child, port, _dir: dir }
    }

    fn rss_mib(&self) -> f64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let kb: f64 = status
            .lines()
            .find(|l| l.starts_with("VmRSS:"))
            .unwrap()
            .split_whitespace()
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        kb / 1024.0
    }

    /// CPU seconds the server has used (user and system).
    fn cpu_seconds(&self) -> f64 {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.child.id())).unwrap();
        let after = &stat[stat.rfind(')').unwrap() + 2..];
        let fields: Vec<&str> = after.split_whitespace().collect();
        let ticks: f64 = fields[11].parse::<f64>().unwrap() + fields[12].parse::<f64>().unwrap();
        ticks / 100.0
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn arg(args: &[String], name: &str, default: usize) -> usize {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    // `cargo bench` runs every bench with --bench; this one runs only when named.
    if !args.iter().any(|a| a == "--idle" || a == "--typing" || a == "--flood" || a == "--run") {
        println!("ssh_load: give --run (or --idle N, --typing N, --flood N) to measure; see benches/ssh_load.rs");
        return;
    }
    let idle = arg(&args, "--idle", 1000);
    let typing = arg(&args, "--typing", 50);
    let seconds = arg(&args, "--seconds", 10);
    let flood = arg(&args, "--flood", 500);
    let store = args.iter().position(|a| a == "--store").and_then(|i| args.get(i + 1)).cloned();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    let open = [
        "--max-sessions",
        "5000",
        "--max-per-address",
        "5000",
        "--max-new-per-minute",
        "0",
        "--max-unauthenticated",
        "5000",
    ];
    runtime.block_on(async {
        // Handshakes, one after another.
        let server = Server::start(store.as_deref(), &open);
        let (n, before, started) = (50, server.cpu_seconds(), Instant::now());
        for _ in 0..n {
            drop(Term::open(server.port, "127.0.0.1").await.unwrap());
        }
        let cpu = (server.cpu_seconds() - before) / n as f64 * 1000.0;
        let wall = started.elapsed().as_secs_f64() / n as f64 * 1000.0;
        println!("handshake to first frame: {wall:.1} ms wall, {cpu:.1} ms server CPU per connection ({n} in a row)");

        // Idle sessions.
        let base = server.rss_mib();
        let mut terms = Vec::new();
        while terms.len() < idle {
            let batch: Vec<_> = (0..50.min(idle - terms.len())).map(|_| Term::open(server.port, "127.0.0.1")).collect();
            for t in futures::future::join_all(batch).await {
                terms.push(t.unwrap());
            }
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
        let rss = server.rss_mib();
        println!(
            "{idle} idle sessions: server RSS {rss:.0} MiB ({base:.0} MiB before; {:.2} MiB a session)",
            (rss - base) / idle as f64
        );
        drop(terms);
        drop(server);

        // Sessions typing: j and k in turn, 10 keys a second each.
        let server = Server::start(store.as_deref(), &open);
        let mut tasks = Vec::new();
        for _ in 0..typing {
            let port = server.port;
            tasks.push(tokio::spawn(async move {
                let mut term = Term::open(port, "127.0.0.1").await.unwrap();
                let (mut times, mut bytes) = (Vec::new(), Vec::new());
                let end = Instant::now() + Duration::from_secs(seconds as u64);
                let mut tick = tokio::time::interval(Duration::from_millis(100));
                let mut down = true;
                while Instant::now() < end {
                    tick.tick().await;
                    let sent = Instant::now();
                    term.key(if down { b"j" } else { b"k" }).await.unwrap();
                    down = !down;
                    let got = term.frame().await.unwrap();
                    times.push(sent.elapsed().as_secs_f64() * 1000.0);
                    bytes.push(got as f64);
                }
                (times, bytes)
            }));
        }
        let (mut times, mut bytes) = (Vec::new(), Vec::new());
        for t in tasks {
            let (a, b) = t.await.unwrap();
            times.extend(a);
            bytes.extend(b);
        }
        times.sort_by(f64::total_cmp);
        bytes.sort_by(f64::total_cmp);
        println!(
            "{typing} sessions typing 10 keys/s for {seconds} s: {} keystrokes, round trip p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms; bytes a keystroke p50 {:.0}",
            times.len(),
            percentile(&times, 0.5),
            percentile(&times, 0.95),
            times.last().copied().unwrap_or(f64::NAN),
            percentile(&bytes, 0.5)
        );
        drop(server);

        // A flood of half-open connections, then a real user from another address.
        for (what, limits) in [("default limits", &[][..]), ("no per-address limits", &open[..6])] {
            let server = Server::start(store.as_deref(), limits);
            let mut held = Vec::new();
            for _ in 0..flood {
                if let Ok(s) = tokio::net::TcpStream::connect(("127.0.0.1", server.port)).await {
                    held.push(s);
                }
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
            let started = Instant::now();
            let user = tokio::time::timeout(Duration::from_secs(10), Term::open(server.port, "127.0.0.2")).await;
            let took = started.elapsed().as_secs_f64() * 1000.0;
            let ok = matches!(user, Ok(Ok(_)));
            println!("{flood} half-open connections ({what}): a user from 127.0.0.2 in {took:.0} ms ({})", if ok { "got in" } else { "FAILED" });
            drop(held);
        }
    });
}
