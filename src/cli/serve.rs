//! `praktyki serve`: the command line of the SSH server (see `crate::serve`).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use clap::Args;

use super::{Context, EXIT_ERROR, EXIT_OK, Failure};
use crate::serve::{self, gate::Limits, hostkey};

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on (a host name, or `:PORT` for every address)
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:2222", value_parser = listen_address)]
    listen: SocketAddr,
    /// The server's Ed25519 host key (make one with --init-host-key)
    #[arg(long, value_name = "PATH", required_unless_present = "init_host_key")]
    host_key: Option<PathBuf>,
    /// Make a new host key at PATH (mode 0600), print its fingerprint, and exit
    #[arg(long, value_name = "PATH", conflicts_with = "host_key")]
    init_host_key: Option<PathBuf>,
    /// Connections at once, in all
    #[arg(long, value_name = "N", default_value_t = 1000)]
    max_sessions: usize,
    /// Connections at once from one address
    #[arg(long, value_name = "N", default_value_t = 10)]
    max_per_address: usize,
    /// New connections from one address in a minute (0: no limit)
    #[arg(long, value_name = "N", default_value_t = 30)]
    max_new_per_minute: usize,
    /// Connections not yet in a session; past this the oldest is closed
    #[arg(long, value_name = "N", default_value_t = 100)]
    max_unauthenticated: usize,
    /// Seconds from connecting to a running session
    #[arg(long, value_name = "SECS", default_value_t = 20)]
    login_grace: u64,
    /// Seconds without a key before a session is closed (warned a minute before)
    #[arg(long, value_name = "SECS", default_value_t = 1800)]
    idle_timeout: u64,
    /// The longest a session lasts, in seconds
    #[arg(long, value_name = "SECS", default_value_t = 28800)]
    max_session_time: u64,
    /// Seconds a client may read nothing before it is dropped
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    write_timeout: u64,
}

/// `127.0.0.1:2222`, `localhost:2222`, `[::1]:2222` or `:2222` (every address).
fn listen_address(s: &str) -> Result<SocketAddr, String> {
    use std::net::ToSocketAddrs;
    let full = if s.starts_with(':') { format!("0.0.0.0{s}") } else { s.to_owned() };
    full.to_socket_addrs()
        .map_err(|e| format!("{e} (give ADDRESS:PORT, such as 0.0.0.0:2222 or localhost:2222)"))?
        .next()
        .ok_or_else(|| format!("{s}: no such address"))
}

pub fn serve(cx: &mut Context<'_>, a: &ServeArgs) -> Result<u8, Failure> {
    if let Some(path) = &a.init_host_key {
        let fingerprint = hostkey::init(path).map_err(Failure::Usage)?;
        writeln!(cx.out, "{}\t{fingerprint}", path.display())?;
        return Ok(EXIT_OK);
    }
    let Some(path) = &a.host_key else {
        return Err(Failure::Usage("give --host-key PATH (make one with --init-host-key PATH)".into()));
    };
    let host_key = hostkey::load(path).map_err(Failure::Usage)?;
    let seconds = |s: u64| Duration::from_secs(s.max(1));
    let limits = Limits {
        max_sessions: a.max_sessions,
        per_address: a.max_per_address,
        per_minute: a.max_new_per_minute,
        max_unauthenticated: a.max_unauthenticated,
        login_grace: seconds(a.login_grace),
        idle: seconds(a.idle_timeout),
        max_session: seconds(a.max_session_time),
        write_timeout: seconds(a.write_timeout),
        ..Limits::default()
    };
    // Texts are read whole at start: a store rewritten in place under a
    // lazy load would fail every practice's details until the next load.
    let mut plan = cx.plan();
    plan.opts.lazy = false;
    let (store, index) = plan.load()?.write_cache_and_index();
    // The keys a user bound in the config (read once, by `main`) serve every session.
    let origin = cx.dirs.config_file.as_ref().map(|(p, _)| p.display().to_string()).unwrap_or_default();
    let keymap = cx.config.keymap_from(&cx.config_text, &origin).map_err(|e| Failure::Usage(e.to_string()))?;
    let setup = serve::Setup {
        store: Arc::new(store),
        index: Arc::new(index),
        plan,
        keymap,
        columns: cx.config.list.columns.clone(),
        lang: cx.lang,
        theme: cx.config.theme,
        color: cx.global.color.unwrap_or(cx.config.color),
    };
    match serve::run(serve::Options { listen: a.listen, host_key, limits }, setup) {
        Ok(()) => Ok(EXIT_OK),
        Err(e) => {
            writeln!(cx.err, "praktyki: serve: {e:#}")?;
            Ok(EXIT_ERROR)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listen_addresses_as_people_write_them() {
        assert_eq!(listen_address(":2505").unwrap(), "0.0.0.0:2505".parse().unwrap());
        assert_eq!(listen_address("127.0.0.1:2505").unwrap(), "127.0.0.1:2505".parse().unwrap());
        assert!(listen_address("localhost:2505").unwrap().ip().is_loopback());
        assert!(listen_address("localhost").unwrap_err().contains("ADDRESS:PORT"));
    }
}
