//! A private tmux server for the terminal tests: the real binary, keys sent
//! as a person types them, the screen read back.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// Generous: these waits are for liveness on a loaded machine, not speed.
pub const PATIENCE: Duration = Duration::from_secs(15);

pub struct Tmux {
    pub socket: String,
    pub _dir: tempfile::TempDir,
}

impl Tmux {
    /// A private tmux server with one 80x24 window running a clean bash.
    pub fn start(name: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let socket = format!("praktyki-test-{name}-{}", std::process::id());
        let t = Tmux { socket, _dir: dir };
        let ok = Command::new("tmux")
            .args(["-u", "-L", &t.socket, "-f", "/dev/null", "new-session", "-d", "-x", "80", "-y", "24"])
            .arg("env -i PATH=/usr/bin:/bin HOME=/tmp TERM=xterm-256color LANG=C.UTF-8 bash --norc --noprofile")
            .status()
            .expect("tmux must be installed to run the terminal tests (`apt-get install tmux`)");
        assert!(ok.success());
        t.tmux(&["set", "-g", "set-clipboard", "on"]);
        t.tmux(&["set", "-g", "escape-time", "0"]);
        t
    }

    /// A session running the browser on the small store, with `env` (such
    /// as `LANG=pl_PL.UTF-8 `) before the command; the shell prints
    /// `EXIT=<status>` when it ends. Returns the store's path too.
    pub fn browse(name: &str, env: &str) -> (Self, String) {
        let t = Self::start(name);
        let store = small_store(t._dir.path());
        t.run(&format!("{env}{} --store {store}; echo EXIT=$?", bin()));
        (t, store)
    }

    /// A synthetic store `<name>.json` of `count` practices in this
    /// session's directory; its cache directory and the command that browses
    /// it with that cache and echoes its exit status.
    pub fn synthetic(&self, name: &str, count: u32, seed: u32) -> (std::path::PathBuf, String) {
        let dir = self._dir.path();
        let store = dir.join(format!("{name}.json"));
        let (count, seed) = (count.to_string(), seed.to_string());
        let made =
            Command::new(bin()).args(["synthetic", "--count", &count, "--seed", &seed, "--out"]).arg(&store).status();
        assert!(made.unwrap().success());
        let cache = dir.join("cache");
        let command = format!("PRAKTYKI_CACHE={} {} --store {}; echo EXIT=$?", cache.display(), bin(), store.display());
        (cache, command)
    }

    /// The process running in this session's shell (its one child): found
    /// through the pane, so another test's praktyki is never taken for it.
    pub fn child_pid(&self) -> u32 {
        let shell = self.tmux(&["list-panes", "-F", "#{pane_pid}"]);
        let out = Command::new("pgrep").args(["-P", shell.trim()]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).lines().next().unwrap_or("0").trim().parse().unwrap_or(0)
    }

    pub fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux").args(["-L", &self.socket]).args(args).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.tmux(&["send-keys", "-t", "0", k]);
            // Esc followed at once by a letter reads as Alt+letter in any terminal.
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    pub fn literal(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "0", "-l", text]);
    }

    pub fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "0"])
    }

    pub fn wait_for(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(needle) {
                return s;
            }
            assert!(start.elapsed() < PATIENCE, "'{needle}' never appeared; the screen:\n{s}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn wait_gone(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if !s.contains(needle) {
                return s;
            }
            assert!(start.elapsed() < PATIENCE, "'{needle}' never went away; the screen:\n{s}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn run(&self, command: &str) {
        self.literal(command);
        self.keys(&["Enter"]);
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux").args(["-L", &self.socket, "kill-server"]).status();
    }
}

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_praktyki")
}

pub fn small_store(dir: &Path) -> String {
    let path = dir.join("small.json");
    std::fs::write(&path, super::common::SMALL).unwrap();
    path.display().to_string()
}
