//! Who may connect, decided before the SSH handshake costs anything: at
//! most so many connections in all and per address, so many new ones per
//! address a minute, and a cap on connections that have not logged in yet
//! where the oldest gives way to the newest, so a flood of half-open
//! connections cannot keep a real user out.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use tokio::sync::Notify;

/// The server's limits; every one is a `praktyki serve` option.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Connections at once, all addresses together.
    pub max_sessions: usize,
    /// Connections at once from one address.
    pub per_address: usize,
    /// New connections from one address in a minute (0: no limit).
    pub per_minute: usize,
    /// Connections that have not started a session yet; past this the
    /// oldest of them is closed.
    pub max_unauthenticated: usize,
    /// From the TCP connection to a running session.
    pub login_grace: Duration,
    /// Without a key from the client, the session ends (warned a minute before).
    pub idle: Duration,
    /// The longest a session lasts.
    pub max_session: Duration,
    /// The largest window a client may ask for; more is drawn at this size.
    pub max_size: (u16, u16),
    /// Input events waiting for a session; more are dropped.
    pub input_queue: usize,
    /// A client that reads nothing for this long is dropped.
    pub write_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_sessions: 1000,
            per_address: 10,
            per_minute: 30,
            max_unauthenticated: 100,
            login_grace: Duration::from_secs(20),
            idle: Duration::from_secs(30 * 60),
            max_session: Duration::from_secs(8 * 3600),
            // Two screens of cells a session: 300x100 costs a few MB, 500x200 twenty.
            max_size: (300, 100),
            input_queue: 1024,
            write_timeout: Duration::from_secs(30),
        }
    }
}

#[derive(Default)]
struct State {
    total: usize,
    by_address: HashMap<IpAddr, usize>,
    recent: HashMap<IpAddr, VecDeque<Instant>>,
    /// Connections not yet in a session, oldest first, each with what closes it.
    waiting: VecDeque<(u64, Arc<Notify>)>,
    next: u64,
}

pub struct Gate {
    limits: Limits,
    state: Mutex<State>,
}

/// A connection let in: counted until dropped.
pub struct Ticket {
    gate: Arc<Gate>,
    address: IpAddr,
    id: u64,
    /// Told when the connection must give way to a newer one.
    pub evicted: Arc<Notify>,
}

/// Why a connection was not let in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    Full,
    TooManyFromAddress,
    TooFast,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Refusal::Full => "the server is full",
            Refusal::TooManyFromAddress => "too many connections from this address",
            Refusal::TooFast => "too many new connections from this address this minute",
        })
    }
}

impl Gate {
    pub fn new(limits: Limits) -> Arc<Gate> {
        Arc::new(Gate { limits, state: Mutex::default() })
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Lets a new connection from `address` in, or says why not.
    pub fn admit(self: &Arc<Self>, address: IpAddr, now: Instant) -> Result<Ticket, Refusal> {
        let mut s = self.state();
        let l = &self.limits;
        if l.per_minute > 0 {
            let recent = s.recent.entry(address).or_default();
            while recent.front().is_some_and(|t| now.duration_since(*t) >= Duration::from_secs(60)) {
                recent.pop_front();
            }
            if recent.len() >= l.per_minute {
                return Err(Refusal::TooFast);
            }
            recent.push_back(now);
        }
        if s.total >= l.max_sessions {
            return Err(Refusal::Full);
        }
        if s.by_address.get(&address).copied().unwrap_or(0) >= l.per_address {
            return Err(Refusal::TooManyFromAddress);
        }
        // Addresses seen over a minute ago are forgotten, so the table
        // holds only the last minute's.
        if s.recent.len() > 4 * l.max_sessions.max(64) {
            s.recent.retain(|_, times| times.back().is_some_and(|t| now.duration_since(*t) < Duration::from_secs(60)));
        }
        if s.waiting.len() >= l.max_unauthenticated.max(1)
            && let Some((_, oldest)) = s.waiting.pop_front()
        {
            oldest.notify_one();
        }
        s.total += 1;
        *s.by_address.entry(address).or_default() += 1;
        let id = s.next;
        s.next += 1;
        let evicted = Arc::new(Notify::new());
        s.waiting.push_back((id, evicted.clone()));
        Ok(Ticket { gate: self.clone(), address, id, evicted })
    }

    /// Connections open now, and of them those not yet in a session.
    pub fn counts(&self) -> (usize, usize) {
        let s = self.state();
        (s.total, s.waiting.len())
    }
}

impl Ticket {
    /// The connection runs a session now: it no longer gives way.
    pub fn started(&self) {
        self.gate.state().waiting.retain(|(id, _)| *id != self.id);
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        let mut s = self.gate.state();
        s.total -= 1;
        if let Some(n) = s.by_address.get_mut(&self.address) {
            *n -= 1;
            if *n == 0 {
                s.by_address.remove(&self.address);
            }
        }
        s.waiting.retain(|(id, _)| *id != self.id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gate(per_address: usize, per_minute: usize, max_unauthenticated: usize) -> Arc<Gate> {
        Gate::new(Limits { max_sessions: 5, per_address, per_minute, max_unauthenticated, ..Limits::default() })
    }

    #[test]
    fn limits_are_counted_and_given_back() {
        let g = gate(2, 0, 100);
        let (a, b): (IpAddr, IpAddr) = ("10.0.0.1".parse().unwrap(), "10.0.0.2".parse().unwrap());
        let now = Instant::now();
        let t1 = g.admit(a, now).unwrap();
        let _t2 = g.admit(a, now).unwrap();
        assert_eq!(g.admit(a, now).err(), Some(Refusal::TooManyFromAddress));
        let _others: Vec<Ticket> = (0..3).map(|_| g.admit(b, now)).filter_map(Result::ok).collect();
        assert_eq!(g.counts().0, 4, "b is held to 2 too");
        drop(t1);
        assert!(g.admit(a, now).is_ok(), "a slot given back");
    }

    #[test]
    fn new_connections_per_minute() {
        let g = gate(100, 3, 100);
        let a: IpAddr = "10.0.0.1".parse().unwrap();
        let now = Instant::now();
        for _ in 0..3 {
            drop(g.admit(a, now).unwrap());
        }
        assert_eq!(g.admit(a, now).err(), Some(Refusal::TooFast));
        assert!(g.admit(a, now + Duration::from_secs(61)).is_ok(), "a minute later");
    }

    #[test]
    fn the_oldest_half_open_connection_gives_way() {
        let g = gate(100, 0, 2);
        let a: IpAddr = "10.0.0.1".parse().unwrap();
        let now = Instant::now();
        let first = g.admit(a, now).unwrap();
        let second = g.admit(a, now).unwrap();
        second.started();
        let _third = g.admit(a, now).unwrap();
        let _fourth = g.admit(a, now).unwrap();
        // The first was told to go (a permit waits for it); the second, in a session, was not.
        let told = |t: &Ticket| {
            let rt = tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap();
            rt.block_on(async { tokio::time::timeout(Duration::from_millis(10), t.evicted.notified()).await.is_ok() })
        };
        assert!(told(&first));
        assert!(!told(&second));
    }
}
