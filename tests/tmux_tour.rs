//! The real binary in a real terminal (tmux): the tour a new user takes,
//! and the exits that must leave the terminal usable. Needs tmux, which
//! `.ci/run` installs; without it these tests fail rather than pass silently.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
#[path = "common/tmux.rs"]
mod tmux;

use common::{HOSTILE, HOSTILE_ESCAPES};
use tmux::*;

use std::process::Command;
use std::time::{Duration, Instant};

fn process_alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map(|s| s.split_whitespace().nth(2).is_none_or(|state| state != "Z"))
        .unwrap_or(false)
}

fn wait_dead(pid: u32) {
    let start = Instant::now();
    while process_alive(pid) {
        assert!(start.elapsed() < Duration::from_secs(5), "process {pid} still running");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn tour_of_a_new_user() {
    let t = Tmux::start("tour");
    let store = small_store(t._dir.path());
    t.run(&format!("PRAKTYKI_DATA={} {} --store {store}; echo EXIT=$?", t._dir.path().display(), bin()));
    t.wait_for("Search:");
    t.wait_for("5/5 practices");

    // Search without diacritics, then with them.
    t.keys(&["/"]);
    t.literal("lodz");
    let s = t.wait_for("1/5 practices");
    assert!(s.contains("Łódzki Obszar Metropolitalny"), "{s}");
    t.keys(&["C-u"]);
    t.wait_for("5/5 practices");
    t.literal("Żywiec");
    let s = t.wait_for("1/5 practices");
    assert!(s.contains("Związek Gmin Żywiecczyzny"), "{s}");
    t.keys(&["C-u"]);
    t.literal("lodz");
    t.wait_for("1/5 practices");

    // Tabs.
    t.keys(&["Enter", "Tab"]);
    t.wait_for("Opis sytuacji przed wdrożeniem");
    t.keys(&["3"]);
    t.wait_for("https://example.org/raport.pdf");
    t.keys(&["1"]);
    t.wait_for("Koordynatorka");

    // Contact card: copy the e-mail; tmux keeps OSC 52 in its buffer.
    t.keys(&["c"]);
    t.wait_for("Contact: Łódzki");
    // The card opens on the e-mail.
    t.keys(&["y"]);
    t.wait_for("Copied: anna@example.org");
    assert_eq!(t.tmux(&["show-buffer"]), "anna@example.org");
    t.keys(&["Escape"]);
    t.wait_gone("Contact: Łódzki");

    // Resize: stacked below 70 columns, then wide again.
    t.tmux(&["resize-window", "-x", "60", "-y", "30"]);
    let s = t.wait_for("Practices ───");
    assert!(s.lines().next().unwrap().chars().count() <= 60);
    t.tmux(&["resize-window", "-x", "120", "-y", "40"]);
    t.wait_for("1 Summary │ 2 Full presentation │ 3 Attachments");
    t.tmux(&["resize-window", "-x", "10", "-y", "3"]);
    t.wait_for("Too small");
    t.tmux(&["resize-window", "-x", "80", "-y", "24"]);
    t.wait_for("Search: lodz");

    // Quit; the shell reads lines and echoes again.
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
    t.run("echo shell-ok-$((40+2))");
    t.wait_for("shell-ok-42");
    let stty = Command::new("tmux")
        .args([
            "-L",
            &t.socket,
            "send-keys",
            "-t",
            "0",
            "-l",
            "stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | tr '\\n' ,",
        ])
        .status();
    assert!(stty.unwrap().success());
    t.keys(&["Enter"]);
    t.wait_for("icanon,echo,");
}

#[test]
fn polish_interface_and_help() {
    let (t, _) = Tmux::browse("pl", "LANG=pl_PL.UTF-8 ");
    t.wait_for("Szukaj:");
    t.keys(&["?"]);
    t.wait_for("Klawisze");
    t.keys(&["Escape"]);
    t.wait_gone("Klawisze");
    t.keys(&["C-c"]);
    t.wait_for("EXIT=0");
}

#[test]
fn hangup_and_terminate_end_the_process_and_restore() {
    for (signal, code) in [("HUP", 129), ("TERM", 143)] {
        let t = Tmux::start(&format!("sig{signal}"));
        let store = small_store(t._dir.path());
        t.run(&format!("{} --store {store}; echo EXIT=$?", bin()));
        t.wait_for("Search:");
        let pid = t.child_pid();
        assert!(pid > 0, "no process found");
        Command::new("kill").args([&format!("-{signal}"), &pid.to_string()]).status().unwrap();
        wait_dead(pid);
        t.wait_for(&format!("EXIT={code}"));
        t.run("echo after-$((1+1))");
        t.wait_for("after-2");
    }
}

#[test]
fn closing_the_terminal_ends_the_process() {
    let t = Tmux::start("close");
    let store = small_store(t._dir.path());
    t.run(&format!("exec {} --store {store}", bin()));
    t.wait_for("Search:");
    let pid: u32 = t.tmux(&["display", "-p", "-t", "0", "#{pane_pid}"]).trim().parse().unwrap();
    assert!(process_alive(pid));
    t.tmux(&["kill-pane", "-t", "0"]);
    wait_dead(pid);
}

#[test]
fn a_panic_restores_the_terminal_before_the_report() {
    let (t, _) = Tmux::browse("panic", "PRAKTYKI_TEST_PANIC=1 ");
    let s = t.wait_for("EXIT=101");
    assert!(s.contains("panicked"), "the report is on the main screen: {s}");
    t.run("echo alive-$((2+3))");
    t.wait_for("alive-5");
}

#[test]
fn load_errors_print_before_the_terminal_changes() {
    let t = Tmux::start("broken");
    let path = t._dir.path().join("broken.json");
    std::fs::write(&path, "{\"format\": \"praktyki/1\", \"practices\": [\n{\"id\": 1,}]}").unwrap();
    t.run(&format!("{} --store {}; echo EXIT=$?", bin(), path.display()));
    let s = t.wait_for("EXIT=2");
    assert!(s.contains("broken.json:2:10: invalid JSON"), "{s}");
}

#[test]
fn no_color_keeps_selection_visible() {
    // NO_COLOR, TERM=dumb and --color never each turn colour off; --color
    // always turns it back on under NO_COLOR.
    for (name, env, args, want_colour) in [
        ("nocolor", "NO_COLOR=1 ", "", false),
        ("dumb", "TERM=dumb ", "", false),
        ("never", "", "--color never", false),
        ("always", "NO_COLOR=1 ", "--color always", true),
    ] {
        let t = Tmux::start(name);
        let store = small_store(t._dir.path());
        t.run(&format!("{env}{} --store {store} {args}", bin()));
        t.wait_for("Search:");
        let escaped = t.tmux(&["capture-pane", "-p", "-e", "-t", "0"]);
        // Reverse video on the selected row, and colour codes only when wanted.
        let (mut reverse, mut colour) = (false, false);
        for seq in escaped.split("\x1b[").skip(1) {
            let Some(end) = seq.find('m') else { continue };
            for p in seq[..end].split(';').filter_map(|p| p.parse::<u16>().ok()) {
                reverse |= p == 7;
                colour |= matches!(p, 30..=38 | 40..=48 | 90..=97 | 100..=107);
            }
        }
        assert_eq!(colour, want_colour, "{name}: {escaped:?}");
        assert!(reverse || want_colour, "{name}: selection not in reverse video: {escaped:?}");
        t.keys(&["q"]);
    }
}

#[test]
fn bookmarks_that_cannot_be_saved_say_so_and_stay_marked() {
    let t = Tmux::start("marks-fail");
    let store = small_store(t._dir.path());
    // A file where the data directory should be: no write can succeed, even as root.
    let blocker = t._dir.path().join("not-a-dir");
    std::fs::write(&blocker, "x").unwrap();
    t.run(&format!("PRAKTYKI_DATA={}/data {} --store {store}; echo EXIT=$?", blocker.display(), bin()));
    t.wait_for("5/5 practices");
    t.keys(&["m"]);
    let s = t.wait_for("Bookmarks not saved");
    assert!(s.contains("│* Aglomeracja Opolska"), "kept in memory: {s}");
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
    assert_eq!(std::fs::read_to_string(&blocker).unwrap(), "x");
}

#[test]
fn hostile_store_cannot_drive_the_terminal() {
    let t = Tmux::start("hostile");
    let path = t._dir.path().join("hostile.json");
    std::fs::write(&path, HOSTILE).unwrap();
    let raw = t._dir.path().join("raw-output");
    t.tmux(&["pipe-pane", "-o", "-t", "0", &format!("cat >> {}", raw.display())]);
    let title_before = t.tmux(&["display", "-p", "-t", "0", "#{pane_title}"]);
    t.run(&format!("{} --store {}; echo EXIT=$?", bin(), path.display()));
    let s = t.wait_for("Zła␛]0;PWNED-TITLE␇ praktyka");
    assert!(s.contains("Search:") && s.contains("1/1 practices"), "layout intact: {s}");
    // Every tab, the card and the help, so every field is drawn.
    for keys in [&["Enter"][..], &["2"], &["G"], &["3"], &["1"], &["c"], &["G"], &["Escape"], &["?"], &["Escape"]] {
        t.keys(keys);
    }
    t.wait_gone("Keys");
    let s = t.screen();
    assert!(s.lines().next().unwrap().starts_with("Search:"), "screen not cleared or moved: {s}");
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
    let bytes = std::fs::read(&raw).unwrap();
    let out = String::from_utf8_lossy(&bytes);
    for evil in HOSTILE_ESCAPES {
        assert!(!out.contains(evil), "{evil:?} reached the terminal");
    }
    assert!(out.contains("PWNED-TITLE"), "the text itself is shown, made visible");
    assert_eq!(t.tmux(&["display", "-p", "-t", "0", "#{pane_title}"]), title_before, "window title unchanged");
}

#[test]
fn store_changing_on_disk_and_reload() {
    let (t, store) = Tmux::browse("reload", "");
    t.wait_for("5/5 practices");
    // Truncated mid-write by someone else: a reload fails, the old data stays.
    std::fs::write(&store, &common::SMALL[..200]).unwrap();
    t.keys(&["r"]);
    let s = t.wait_for("Reload failed");
    assert!(s.contains("5/5 practices") && s.contains("Aglomeracja Opolska"), "{s}");
    // Removed altogether: the same.
    std::fs::remove_file(&store).unwrap();
    t.keys(&["j", "r"]);
    t.wait_for("cannot read");
    // A new version: reloaded.
    std::fs::write(&store, r#"{"format": "praktyki/1", "practices": [{"id": "n", "title": "Nowa praktyka"}]}"#)
        .unwrap();
    t.keys(&["r"]);
    let s = t.wait_for("1/1 practices");
    assert!(s.contains("Nowa praktyka") && s.contains("Store reloaded"), "{s}");
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
}

#[test]
fn a_new_users_config_changes_the_screen() {
    let t = Tmux::start("config");
    let store = small_store(t._dir.path());
    let cfg = t._dir.path().join("config.toml");
    std::fs::write(
        &cfg,
        format!(
            "store = {store:?}\nlanguage = \"pl\"\ntheme = \"mono\"\n[list]\ncolumns = [\"county\"]\n[keys.list]\n\"x\" = \"quit\"\n\"ctrl-f\" = \"focus_search\"\n"
        ),
    )
    .unwrap();
    t.run(&format!("PRAKTYKI_CONFIG={} {}; echo EXIT=$?", cfg.display(), bin()));
    let s = t.wait_for("Szukaj:");
    // The county column instead of town and voivodeship.
    assert!(s.contains("Związek Gmin Żywiecczyzny · ż"), "{s}");
    assert!(s.contains("│Akademia samorządowa          │"), "no county, nothing after the title: {s}");
    assert!(!s.contains("Ełk, warmińsko"), "{s}");
    t.keys(&["C-f"]);
    t.literal("lodz");
    t.wait_for("1/5 praktyk");
    t.keys(&["Escape"]);
    t.keys(&["x"]);
    t.wait_for("EXIT=0");
}

#[test]
fn bookmarks_persist_across_runs() {
    let t = Tmux::start("marks");
    let store = small_store(t._dir.path());
    let data = t._dir.path().join("data");
    let run = format!("PRAKTYKI_DATA={} {} --store {store}; echo EXIT=$?", data.display(), bin());
    t.run(&run);
    t.wait_for("5/5 practices");
    t.keys(&["j", "m"]);
    t.wait_for("Marked: Akademia samorządowa");
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
    t.run("clear");
    t.run(&run);
    let s = t.wait_for("5/5 practices");
    assert!(s.contains("│* Akademia samorządowa"), "{s}");
    t.keys(&["M"]);
    t.wait_for("1/5 practices (marked)");
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
    let saved = std::fs::read_to_string(data.join("bookmarks.json")).unwrap();
    assert!(saved.contains("\"id\": \"ak\""), "{saved}");
}

#[test]
fn opening_a_link_where_nothing_can_open_it_copies_it() {
    // The test shell has no DISPLAY, as an SSH session on a server has none.
    let (t, _) = Tmux::browse("open", "");
    t.wait_for("5/5 practices");
    t.keys(&["/"]);
    t.literal("lodz");
    t.wait_for("1/5 practices");
    t.keys(&["Escape"]);
    t.keys(&["o"]);
    t.wait_for("Cannot open it here; copied");
    assert_eq!(t.tmux(&["show-buffer"]), "http://www.example.org");
    // An attachment with a file: URL is never opened nor copied by `o`.
    t.keys(&["Enter", "3", "j", "o"]);
    t.wait_for("Only http, https and mailto");
    assert_eq!(t.tmux(&["show-buffer"]), "http://www.example.org");
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
}

#[test]
fn bracketed_paste_into_the_search_line() {
    let (t, _) = Tmux::browse("paste", "");
    t.wait_for("5/5 practices");
    t.keys(&["/"]);
    t.tmux(&["set-buffer", "Żywiec"]);
    // -p: as a terminal does when the program asked for bracketed paste.
    t.tmux(&["paste-buffer", "-p", "-t", "0"]);
    let s = t.wait_for("1/5 practices");
    assert!(s.starts_with("Search: Żywiec"), "{s}");
    t.keys(&["Escape"]);
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
}

#[test]
fn a_large_store_starts_from_its_cache_the_second_time() {
    let t = Tmux::start("cache");
    let (cache, command) = t.synthetic("big", 900, 5);
    let mut screens = Vec::new();
    for start in ["parses the store and writes the cache", "reads the cache"] {
        t.run(&format!("clear; {command}"));
        t.wait_for("900/900");
        t.keys(&["j", "j", "2"]);
        std::thread::sleep(Duration::from_millis(300));
        screens.push(t.wait_for("Opis sytuacji"));
        // The cache is written after the first frame (a quit before it is
        // done stops it and leaves nothing behind).
        let since = Instant::now();
        while !std::fs::read_dir(&cache)
            .is_ok_and(|d| d.flatten().any(|e| e.path().extension().is_some_and(|x| x == "cache")))
            && since.elapsed() < Duration::from_secs(20)
        {
            std::thread::sleep(Duration::from_millis(50));
        }
        t.keys(&["q"]);
        t.wait_for("EXIT=0");
        let files: Vec<String> = std::fs::read_dir(&cache)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(files.len(), 1, "{start}: one cache file, no temporary one left: {files:?}");
        assert!(files[0].starts_with("big-") && files[0].ends_with(".cache"), "{files:?}");
    }
    assert_eq!(screens[0], screens[1], "the same screen either way");
}

#[test]
fn keys_sent_in_one_burst_are_read_in_the_mode_each_one_leaves() {
    // "/" and the word after it in one write, as over SSH or from a paste
    // without bracketed paste: the word must go into the search line, not be
    // read as list keys (before, "r" reloaded the store and "o" opened a link).
    let (t, _) = Tmux::browse("burst", "");
    t.wait_for("5/5 practices");
    t.literal("/zyw");
    let s = t.wait_for("1/5 practices");
    assert!(s.starts_with("Search: zyw"), "{s}");
    t.literal("\u{1b}");
    std::thread::sleep(Duration::from_millis(100));
    t.literal("q");
    t.wait_for("EXIT=0");
}

#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_comes_back_whole() {
    // Before: ctrl-z did nothing, and after SIGSTOP/SIGCONT the browser
    // went on with echo and canonical mode on and no redraw.
    let (t, _) = Tmux::browse("suspend", "");
    t.wait_for("5/5 practices");
    t.keys(&["C-z"]);
    t.wait_for("Stopped");
    t.literal("stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | tr '\\n' ,; echo");
    t.keys(&["Enter"]);
    t.wait_for("icanon,echo,");
    t.run("fg");
    let s = t.wait_for("5/5 practices");
    assert!(s.contains("Łódzki Obszar Metropolitalny"), "redrawn whole: {s}");
    assert!(!s.contains("icanon,echo,"), "the shell's lines are gone from the screen: {s}");
    // Stopped from outside (SIGSTOP cannot be caught), then `fg` (SIGCONT):
    // raw mode again and a full redraw.
    let pid = t.child_pid();
    assert!(pid > 0);
    Command::new("kill").args(["-STOP", &pid.to_string()]).status().unwrap();
    t.wait_for("Stopped");
    t.run("fg");
    // The full redraw paints over the shell's lines.
    t.wait_gone("Stopped");
    t.keys(&["/"]);
    t.literal("zyw");
    let s = t.wait_for("1/5 practices");
    assert!(s.contains("Search: zyw") && !s.contains("^["), "{s}");
    t.literal("\u{1b}");
    std::thread::sleep(Duration::from_millis(100));
    t.literal("q");
    // (The shell said EXIT= for the stopped job already: wait for the end.)
    wait_dead(pid);
    t.run("echo back-$((2+2))");
    t.wait_for("back-4");
}

#[test]
fn ctrl_z_under_a_wrapper_and_a_resize_while_stopped() {
    // Under `bash -c` ctrl-z stopped praktyki alone: the wrapper waited and
    // the shell gave no prompt. A resize while stopped left the old layout.
    let t = Tmux::start("wrapped");
    let store = small_store(t._dir.path());
    t.run(&format!("bash -c '{} --store {store}'; echo EXIT=$?", bin()));
    t.wait_for("5/5 practices");
    t.keys(&["C-z"]);
    t.wait_for("Stopped");
    t.tmux(&["resize-window", "-t", "0", "-x", "60", "-y", "20"]);
    t.run("fg");
    t.wait_gone("Stopped");
    let s = t.wait_for("5/5");
    // 60 columns: the panes are stacked (below 70), every line fits.
    assert!(s.lines().all(|l| l.chars().count() <= 60), "{s}");
    assert!(s.lines().next().is_some_and(|l| l.starts_with("Search:")), "{s}");
    t.keys(&["q"]);
    // (The shell said EXIT= when the job stopped: the prompt is the end.)
    t.wait_gone("5/5");
    t.run("echo back-$((2+3))");
    t.wait_for("back-5");
}

#[test]
fn topics_typos_and_facets_on_a_synthetic_store() {
    // A store parsed at start: the texts' index comes after the first frame,
    // and the browser answers text searches once it has it.
    let t = Tmux::start("topics");
    let (_, command) = t.synthetic("topics", 2000, 7);
    t.run(&command);
    t.wait_for("2000/2000");
    // A word of the texts in a form the titles may not have: rows say why, after ¶.
    t.literal("/dowozenia dzieci");
    let s = t.wait_for("¶");
    assert!(s.lines().next().unwrap_or("").starts_with("Search: dowozenia dzieci"), "{s}");
    // A typo in a town: found, and the status line says what it was taken for.
    t.keys(&["C-u"]);
    t.literal("krakwo");
    let s = t.wait_for("krakwo → krakow");
    assert!(s.contains("Kraków"), "{s}");
    // Facets: the sections of what is listed; Enter filters by the first.
    t.keys(&["C-u", "Escape", "f"]);
    let s = t.wait_for("Sections and voivodeships");
    assert!(s.contains("Voivodeships") || s.contains("Sections"), "{s}");
    t.keys(&["Enter"]);
    let s = t.wait_for("Search: dział:");
    let shown: u32 = s
        .lines()
        .find_map(|l| l.split_once("/2000 practices").map(|(a, _)| a.rsplit(' ').next().unwrap_or("").to_owned()))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(shown > 0 && shown < 2000, "the list is filtered to one section: {s}");
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
}
