//! Tests of the session: its frames and the work it starts.
use super::*;

#[test]
fn a_quit_does_not_wait_for_work_that_does_not_stop() {
    // Work that never looks at its stop flag (as a long sort does not).
    let (release_tx, release_rx) = mpsc::channel::<()>();
    let (news_tx, _news_rx) = mpsc::channel();
    let mut background = Background::default();
    background.job = Some(Job {
        run: Box::new(move || {
            let _ = release_rx.recv();
            None
        }),
        stop: Arc::default(),
    });
    background.start(&news_tx);
    let (dropped_tx, dropped_rx) = mpsc::channel();
    thread::spawn(move || {
        drop(background);
        let _ = dropped_tx.send(());
    });
    // A bound on waiting for what never comes, not a measure of speed.
    let quit = dropped_rx.recv_timeout(std::time::Duration::from_secs(60));
    let _ = release_tx.send(());
    assert_eq!(quit, Ok(()), "the quit waited for the work");
}

#[test]
fn background_work_leaves_the_pool_of_searches_free() {
    // The background work holds every thread of its pool; a search's
    // parallel work still runs (on one shared pool it would wait).
    let (held_tx, held_rx) = mpsc::channel::<()>();
    let (go_tx, go_rx) = mpsc::channel::<()>();
    let go_rx = std::sync::Mutex::new(go_rx);
    let background = thread::spawn(move || {
        on_own_pool(|| {
            rayon::broadcast(|ctx| {
                if ctx.index() == 0 {
                    let _ = held_tx.send(());
                }
                let _ = go_rx.lock().map(|rx| rx.recv());
            });
        })
    });
    held_rx.recv().unwrap();
    let (done_tx, done_rx) = mpsc::channel();
    thread::spawn(move || {
        use rayon::prelude::*;
        let _ = done_tx.send((0..1000u64).into_par_iter().sum::<u64>());
    });
    // Not a measure of speed: a bound on waiting for what never comes.
    let searched = done_rx.recv_timeout(std::time::Duration::from_secs(60));
    for _ in 0..rayon::current_num_threads() * 2 {
        let _ = go_tx.send(());
    }
    assert_eq!(searched, Ok(499_500), "the search's work waited for the background's");
    background.join().unwrap();
}

#[test]
fn a_frame_is_drawn_at_the_size_the_model_laid_out() {
    // The screen shrank (10x1) while the model still has the layout of
    // 80x24, with the map open: its cells were written outside the frame.
    let store = crate::store::load_embedded(crate::store::LoadOptions::default()).unwrap();
    let index = Arc::new(Index::new(&store.practices));
    let keymap = Arc::new(crate::input::Keymap::defaults());
    let mut model = Model::new(store, index, "x".into(), keymap, crate::i18n::Lang::En);
    app::update(&mut model, Action::Resize(80, 24));
    app::update(&mut model, Action::Cmd(crate::input::Command::OpenMap));
    let mut terminal = Terminal::new(Compact::sized(Vec::new(), 10, 1)).unwrap();
    draw(&mut terminal, &model, &Theme::mono()).unwrap();
    assert_eq!(terminal.size().unwrap(), ratatui::layout::Size::new(80, 24));
}
