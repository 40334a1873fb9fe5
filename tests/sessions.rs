//! Two browser sessions side by side in one process, on in-memory sinks,
//! sharing one store and index: what a server with many terminals needs of
//! the core. Each screen is read back through a terminal emulator.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use praktyki::app::Model;
use praktyki::config::{Source, StoreChoice};
use praktyki::i18n::Lang;
use praktyki::input::Keymap;
use praktyki::load::Plan;
use praktyki::search::Index;
use praktyki::store::LoadOptions;
use praktyki::tui::{End, Msg, Session, Settings};
use praktyki::ui::Theme;

#[derive(Clone, Default)]
struct Sink(Arc<Mutex<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn settings() -> Settings {
    Settings {
        plan: Plan {
            choice: StoreChoice { path: None, source: Source::Embedded },
            opts: LoadOptions::default(),
            cache: None,
        },
        bookmarks: None,
        mouse: false,
        after_first_frame: None,
        opener: None,
        job_control: false,
        read_only: false,
    }
}

fn keys(s: &mut Session<Sink>, text: &str) {
    for c in text.chars() {
        s.take(Msg::Event(Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)))).unwrap();
    }
}

/// A session at 80x24 over the small store, in English.
fn small_session() -> Session<Sink> {
    let store = Arc::new(common::store(common::SMALL));
    let index = Arc::new(Index::new(&store.practices));
    let model = Model::new(store, index, "s".into(), Arc::new(Keymap::defaults()), Lang::En);
    Session::new(model, Theme::mono(), settings(), Sink::default(), (80, 24)).unwrap()
}

/// What the sink's bytes show on a screen of `size`.
fn screen(sink: &Sink, size: (u16, u16)) -> String {
    let mut p = vt100::Parser::new(size.1.try_into().unwrap(), size.0.try_into().unwrap(), 0);
    p.process(&sink.0.lock().unwrap());
    p.screen().contents()
}

#[test]
fn two_sessions_share_one_store_and_keep_their_own_screens() {
    let store = Arc::new(common::store(common::SMALL));
    let index = Arc::new(Index::new(&store.practices));
    let model = |lang| Model::new(store.clone(), index.clone(), "shared".into(), Arc::new(Keymap::defaults()), lang);
    let (sink_a, sink_b) = (Sink::default(), Sink::default());
    let mut a = Session::new(model(Lang::En), Theme::mono(), settings(), sink_a.clone(), (80, 24)).unwrap();
    let mut b = Session::new(model(Lang::Pl), Theme::colored(), settings(), sink_b.clone(), (60, 20)).unwrap();
    assert!(Arc::strong_count(&store) >= 3, "one store for both");
    a.settle().unwrap();
    b.settle().unwrap();
    // Typed in turns, as two users would.
    keys(&mut a, "/lo");
    keys(&mut b, "/zy");
    a.settle().unwrap();
    b.settle().unwrap();
    keys(&mut a, "dz");
    keys(&mut b, "w");
    a.settle().unwrap();
    b.settle().unwrap();
    let (sa, sb) = (screen(&sink_a, (80, 24)), screen(&sink_b, (60, 20)));
    assert!(sa.starts_with("Search: lodz"), "{sa}");
    assert!(sa.contains("Łódzki Obszar Metropolitalny") && !sa.contains("Żywiecczyzny"), "{sa}");
    assert!(sb.contains("zyw") && sb.contains("Związek Gmin Żywiecczyzny") && !sb.contains("Łódzki"), "{sb}");
    assert!(sb.contains("praktyk"), "the Polish one speaks Polish: {sb}");
    assert_eq!((a.model().size, b.model().size), ((80, 24), (60, 20)));
    // One resizes; the other is untouched.
    let before_a = sink_a.0.lock().unwrap().len();
    b.take(Msg::Event(Event::Resize(40, 12))).unwrap();
    b.settle().unwrap();
    assert_eq!(b.model().size, (40, 12));
    assert_eq!(sink_a.0.lock().unwrap().len(), before_a, "a drew nothing for b's resize");
    // One quits; the other goes on.
    a.take(Msg::Event(Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)))).unwrap();
    keys(&mut a, "q");
    assert_eq!(a.settle().unwrap(), Some(End::Quit));
    assert_eq!(b.settle().unwrap(), None);
    // A screen size that claims 65535x65535 is drawn at the largest size.
    b.take(Msg::Event(Event::Resize(u16::MAX, u16::MAX))).unwrap();
    b.settle().unwrap();
    assert_eq!(b.model().size, (1000, 500));
}

#[test]
fn keys_after_a_search_in_one_burst_act_on_what_it_found() {
    // "/lodz⏎m" at once marked the practice selected before the search.
    let mut s = small_session();
    keys(&mut s, "G");
    s.settle().unwrap();
    assert_eq!(common::selected_id(s.model()).as_deref(), Some("zyw"));
    keys(&mut s, "/lodz");
    s.take(Msg::Event(Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)))).unwrap();
    keys(&mut s, "m");
    s.settle().unwrap();
    assert_eq!(common::selected_id(s.model()).as_deref(), Some("lodz"));
    assert!(s.model().bookmarks.contains("lodz") && !s.model().bookmarks.contains("zyw"));
}

#[test]
fn escape_and_a_key_in_one_burst_are_escape_then_the_key() {
    // Over a slow link Esc and the next key arrive together and read as Alt+key.
    let mut s = small_session();
    keys(&mut s, "/opole");
    s.settle().unwrap();
    s.take(Msg::Event(Event::Key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::ALT)))).unwrap();
    s.settle().unwrap();
    assert_eq!(s.model().search.text, "opole", "the j was not typed into the search");
    assert_eq!(s.model().focus, praktyki::app::Focus::List, "Esc left the search line");
    s.take(Msg::Event(Event::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::ALT)))).unwrap();
    assert_eq!(s.settle().unwrap(), Some(End::Quit), "Esc then q quits");
}

#[test]
fn a_move_over_a_lazy_store_is_one_frame_with_the_texts() {
    // Reading texts off the input thread first drew the practice's head and
    // then a second frame with its texts: 877 -> 1266 bytes per move.
    let bytes = Arc::new(common::SMALL.as_bytes().to_vec());
    let lazy =
        praktyki::store::load::parse_owned(bytes, "lazy.json", LoadOptions { strict: false, lazy: true }).unwrap();
    let index = Arc::new(Index::new(&lazy.practices));
    let model = Model::new(lazy, index, "lazy".into(), Arc::new(Keymap::defaults()), Lang::En);
    let sink = Sink::default();
    let mut s = Session::new(model, Theme::mono(), settings(), sink.clone(), (80, 24)).unwrap();
    s.settle().unwrap();
    keys(&mut s, "j");
    s.settle().unwrap();
    let frames_before = String::from_utf8_lossy(&sink.0.lock().unwrap()).matches("\u{1b}[?2026h").count();
    keys(&mut s, "j");
    s.settle().unwrap();
    let text = String::from_utf8_lossy(&sink.0.lock().unwrap()).into_owned();
    assert_eq!(text.matches("\u{1b}[?2026h").count(), frames_before + 1, "one frame for one move");
    assert!(
        screen(&sink, (80, 24)).contains("Drugi akapit") || screen(&sink, (80, 24)).contains("Współpraca"),
        "{}",
        screen(&sink, (80, 24))
    );
}

#[test]
fn a_paste_in_the_list_is_a_search() {
    let mut s = small_session();
    s.settle().unwrap();
    s.take(Msg::Event(Event::Paste("Żywiec".into()))).unwrap();
    s.settle().unwrap();
    assert_eq!(s.model().search.text, "Żywiec");
    assert_eq!(common::selected_id(s.model()).as_deref(), Some("zyw"));
}

#[test]
fn a_paste_over_the_map_or_facets_is_dropped() {
    for open in ["w", "f"] {
        let mut s = small_session();
        s.settle().unwrap();
        keys(&mut s, open);
        s.settle().unwrap();
        s.take(Msg::Event(Event::Paste("Żywiec".into()))).unwrap();
        s.settle().unwrap();
        assert_eq!(s.model().search.text, "", "after {open}");
        assert!(s.model().has_overlay(), "after {open}: still open");
    }
}
