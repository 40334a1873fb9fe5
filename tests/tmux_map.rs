//! The map in a real terminal: opened on a 10k synthetic store, moved
//! across, chosen, and the list filtered by the voivodeship.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
#[path = "common/tmux.rs"]
mod tmux;

use tmux::*;

#[test]
fn the_map_on_a_10k_store_moves_and_filters_the_list() {
    let t = Tmux::start("map");
    let (_, command) = t.synthetic("map", 10_000, 3);
    t.run(&command);
    t.wait_for("10000/10000");
    t.keys(&["w"]);
    let s = t.wait_for("Map of practices");
    assert!(s.contains("zachodniopomorskie") && s.contains("hjkl move"), "{s}");
    // Jump to małopolskie by number, then right to podkarpackie.
    t.keys(&["6", "Right"]);
    std::thread::sleep(std::time::Duration::from_millis(200));
    t.keys(&["Enter"]);
    let s = t.wait_for("Search: woj:podkarpackie");
    let shown: u32 = s
        .lines()
        .find_map(|l| l.split_once("/10000 practices").map(|(a, _)| a.rsplit(' ').next().unwrap_or("").to_owned()))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(shown > 0 && shown < 10_000, "the list is filtered to one voivodeship: {s}");
    // The map again counts only that list, and Esc leaves it as it was.
    t.keys(&["w"]);
    let s = t.wait_for("Map of practices (woj: set aside");
    let row = s.lines().find(|l| l.contains(" 9 PK ")).unwrap_or_default().to_owned();
    assert!(row.contains(&shown.to_string()), "{row}");
    t.keys(&["Escape"]);
    t.wait_gone("Map of practices");
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
}
