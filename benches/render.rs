//! One frame of the browser with 100k practices in the list, at 80x24 and
//! 200x60, drawn into an in-memory buffer; the same with the map open. `cargo bench --bench render`.

use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use praktyki::app::{self, Action, Model};
use praktyki::i18n::Lang;
use praktyki::input::Command;
use praktyki::input::Keymap;
use praktyki::search::Index;
use praktyki::store::synth;
use praktyki::store::{LoadOptions, load::parse_str};
use praktyki::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn bench(c: &mut Criterion) {
    // Full texts for the few practices on screen would not change the list
    // cost; the detail pane formats only the selected one.
    let mut file = synth::names_only(100_000, 42);
    file.practices[..50].clone_from_slice(&synth::store(50, 7).practices);
    let text = serde_json::to_string(&file).expect("serialises");
    let store = parse_str(&text, "bench.json", LoadOptions::default()).expect("loads");
    let index = Arc::new(Index::new(&store.practices));
    let mut model = Model::new(store, index, "bench.json".into(), Arc::new(Keymap::defaults()), Lang::Pl);
    // A query, so highlighting is part of the frame.
    for a in [Action::Cmd(Command::FocusSearch), Action::InsertChar('g')] {
        app::update(&mut model, a);
    }
    let seq = model.search.seq;
    let done = praktyki::tui::session::search(&model.index, &model.store, seq, "gmin", &|| false);
    app::update(&mut model, done.expect("an answer"));
    let mut g = c.benchmark_group("render");
    for (w, h) in [(80u16, 24u16), (200, 60)] {
        app::update(&mut model, Action::Resize(w, h));
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test backend");
        let theme = Theme::colored();
        g.bench_function(format!("{w}x{h}"), |b| {
            b.iter(|| terminal.draw(|f| ui::render(&model, &theme, f)).map(|_| ()).expect("draws"))
        });
    }
    // The map over the same list: outlines are drawn once per size and
    // kept; a frame copies and styles them (budget: 2 ms at 200x60).
    app::update(&mut model, Action::Cmd(Command::OpenMap));
    for (w, h) in [(80u16, 24u16), (200, 60)] {
        app::update(&mut model, Action::Resize(w, h));
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test backend");
        let theme = Theme::colored();
        g.bench_function(format!("map {w}x{h}"), |b| {
            b.iter(|| terminal.draw(|f| ui::render(&model, &theme, f)).map(|_| ()).expect("draws"))
        });
    }
    app::update(&mut model, Action::Cmd(Command::Close));
    g.bench_function("map open over 100k hits", |b| {
        b.iter(|| {
            app::update(&mut model, Action::Cmd(Command::OpenMap));
            app::update(&mut model, Action::Cmd(Command::Close));
        })
    });
    g.bench_function("map raster 200x60, first draw at a size", |b| {
        b.iter(|| praktyki::map::raster::Raster::new(198, 58))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
