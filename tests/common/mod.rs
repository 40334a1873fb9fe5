//! Helpers shared by the flow and render tests: a model over a small store,
//! and a driver that carries out search effects the way the event loop does.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use praktyki::app::{self, Action, Effect, Model};
use praktyki::i18n::Lang;
use praktyki::input::Command;
use praktyki::input::Keymap;
use praktyki::search::Index;
use praktyki::store::{self, LoadOptions, Store};

/// Test practices: names chosen to exercise Polish folding and ordering.
pub const SMALL: &str = r#"{"format": "praktyki/1", "practices": [
{"id": "lodz", "title": "Łódzki Obszar Metropolitalny", "town": "Łódź", "county": "Łódź", "voivodeship": "łódzkie",
 "summary": "Współpraca gmin wokół Łodzi. Łódź koordynuje.\n\nDrugi akapit.",
 "presentation": [{"heading": "Opis sytuacji przed wdrożeniem", "body": "Gminy działały osobno."}, {"heading": "Rezultaty", "body": "Łódź i gminy mają wspólny bilet."}],
 "contacts": [{"name": "Anna Testowa", "role": "Koordynatorka", "email": "anna@example.org", "phone": "42 000 00 00"}],
 "implementing_unit": "Urząd Miasta Łodzi", "website": "www.example.org", "phone": "42 111 11 11",
 "attachments": [{"name": "Raport", "url": "https://example.org/raport.pdf", "format": "pdf", "size_bytes": 2048}, {"name": "Zły link", "url": "file:///etc/passwd"}]},
{"id": "zyw", "title": "Związek Gmin Żywiecczyzny", "town": "Żywiec", "county": "żywiecki", "voivodeship": "śląskie",
 "contacts": [{"name": "Jan Próbny", "email": "jan@example.org"}], "partners": ["Gmina Łodygowice", "Gmina Węgierska Górka"]},
{"id": "opo", "title": "Aglomeracja Opolska", "town": "Opole", "county": "Opole", "voivodeship": "opolskie", "implementing_unit": "Biuro Stowarzyszenia"},
{"id": "ak", "title": "Akademia samorządowa", "town": "Ełk", "voivodeship": "warmińsko-mazurskie"},
{"id": "sr", "title": "Śremskie partnerstwo", "town": "Śrem", "voivodeship": "wielkopolskie"}
]}"#;

pub fn store(text: &str) -> Store {
    store::load::parse_str(text, "test.json", LoadOptions::default()).unwrap()
}

pub fn model_of(store: Store, lang: Lang) -> Model {
    // Names and texts, as the browser builds it.
    let index = Arc::new(Index::of_store(&store));
    let mut m = Model::new(store, index, "test.json".into(), Arc::new(Keymap::defaults()), lang);
    app::update(&mut m, Action::Resize(80, 24));
    m
}

pub fn small() -> Model {
    model_of(store(SMALL), Lang::En)
}

/// The small store with `query` typed into the search line.
pub fn searched(query: &str) -> Model {
    let mut m = small();
    drive(&mut m, [Action::Cmd(Command::FocusSearch)]);
    drive(&mut m, typed(query));
    m
}

/// Applies actions, carrying out searches at once as the event loop does
/// for small stores; returns every other effect.
pub fn drive(m: &mut Model, actions: impl IntoIterator<Item = Action>) -> Vec<Effect> {
    let mut queue: Vec<Action> = actions.into_iter().collect();
    let mut out = Vec::new();
    while !queue.is_empty() {
        let a = queue.remove(0);
        for e in app::update(m, a) {
            match e {
                Effect::Search { seq, query } => {
                    let done = praktyki::tui::session::search(&m.index, &m.store, seq, &query, &|| false);
                    queue.insert(0, done.expect("a search that is not cancelled answers"))
                }
                // The edge finds related practices off the input thread; here at once.
                Effect::FindRelated { practice, generation } => {
                    let items = praktyki::search::related::related(&m.index, &m.store, practice, 8);
                    let key = (practice, generation, m.index.has_topics());
                    queue.insert(0, Action::RelatedFound { key, items: Arc::new(items) })
                }
                // The edge finds the sentences of text matches in view; here at once.
                Effect::ReadSentences { query, generation, practices } => {
                    let sentences =
                        praktyki::tui::session::sentences_of(&m.index, &m.store, &query, practices.into_iter());
                    queue.insert(0, Action::SentencesRead { query, generation, sentences })
                }
                // The edge reads the long texts after a lazy load; here at once.
                Effect::ReadPractice { index, generation } => {
                    let practice = m.store.read_full(index).map(|p| Arc::new(p.into_owned()));
                    let texts = praktyki::app::model::Texts { index, generation, practice };
                    queue.insert(0, Action::PracticeRead(texts))
                }
                other => out.push(other),
            }
        }
    }
    out
}

pub fn typed(s: &str) -> Vec<Action> {
    s.chars().map(Action::InsertChar).collect()
}

pub fn selected_id(m: &Model) -> Option<String> {
    m.selected().map(|p| p.id.clone())
}

pub fn listed(m: &Model) -> Vec<String> {
    m.list.hits.iter().map(|h| m.store.practices.get(h.index).unwrap().id().to_owned()).collect()
}

/// One frame of `m` drawn into a buffer of its size.
pub fn draw(m: &Model, theme: &praktyki::ui::Theme) -> ratatui::buffer::Buffer {
    let (w, h) = m.size;
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    t.draw(|f| praktyki::ui::render(m, theme, f)).unwrap();
    t.backend().buffer().clone()
}

/// A buffer's text, a line per row, trailing blanks cut.
pub fn text(b: &ratatui::buffer::Buffer) -> String {
    let mut out = String::new();
    for y in 0..b.area.height {
        let line: String = (0..b.area.width).map(|x| b[(x, y)].symbol()).collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The binary with a private data directory and no store, config or
/// language from the environment.
pub fn praktyki_cmd(data: &std::path::Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("praktyki").unwrap();
    cmd.env_remove("PRAKTYKI_STORE")
        .env_remove("PRAKTYKI_CONFIG")
        .env("PRAKTYKI_DATA", data)
        .env("PRAKTYKI_CACHE", data.join("cache"))
        .env("XDG_CONFIG_HOME", data.join("config-home"))
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    cmd
}

/// The small store loaded lazily (long texts read when asked for).
pub fn lazy_small() -> Model {
    let bytes = Arc::new(SMALL.as_bytes().to_vec());
    let lazy = store::load::parse_owned(bytes, "lazy.json", LoadOptions { strict: false, lazy: true }).unwrap();
    assert!(lazy.is_lazy());
    model_of(lazy, Lang::En)
}

/// Text that would take over a terminal if printed raw, each with a marker
/// so its escape can be looked for in the bytes written.
pub const HOSTILE: &str = r#"{"format": "praktyki/1", "practices": [
{"id": "evil\u001b]0;PWNED-ID\u0007", "title": "Zła\u001b]0;PWNED-TITLE\u0007 praktyka\u001b[2JPWNED-CLEAR",
 "town": "Opole\u001b[31mPWNED-RED", "voivodeship": "opolskie\u202eDESREVER",
 "summary": "tekst\u001b[10;10HPWNED-MOVE i dalej\u009b2JPWNED-C1",
 "presentation": [{"heading": "Nagłówek\u001b]52;c;UFdORUQ=\u0007", "body": "treść\u001b[?1049lPWNED-ALT"}],
 "attachments": [{"name": "plik\u001b]8;;http://evil.example\u0007PWNED-LINK\u001b]8;;\u0007", "url": "javascript:alert(1)"}],
 "contacts": [{"name": "Osoba\u001bcPWNED-RESET", "email": "a@b.pl\u001b]52;c;UFdORUQ=\u0007"}],
 "website": "www.example.org\u2066PWNED-ISOLATE"}
]}"#;

/// What the hostile store would send a terminal if it were printed raw.
pub const HOSTILE_ESCAPES: &[&str] = &[
    "\x1b]0;PWNED",
    "\x1b[2JPWNED",
    "\x1b[31mPWNED",
    "\x1b[10;10HPWNED",
    "\u{9b}2J",
    "\x1b]52;c;UFdORUQ",
    "\x1b[?1049lPWNED",
    "\x1b]8;;http://evil",
    "\x1bcPWNED",
    "\u{202e}",
    "\u{2066}",
];
