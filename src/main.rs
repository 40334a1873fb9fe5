use std::process::ExitCode;
use std::sync::Arc;

use praktyki::app::Model;
use praktyki::cli::{self, Cli, Command, Context};
use praktyki::config::{Config, Dirs, Env, LanguageSetting};
use praktyki::i18n::Lang;
use praktyki::load::Plan;
use praktyki::text::sanitize::TerminalSafe;
use praktyki::ui::Theme;

/// Prints a message for a person on stderr, through the one sanitiser.
fn complain(msg: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let mut err = TerminalSafe::new(std::io::stderr().lock());
    let _ = err.write_fmt(msg).and_then(|()| err.write_all(b"\n"));
}

fn main() -> ExitCode {
    // Past `ulimit -f` the kernel kills a writer with SIGXFSZ, mid-write and
    // silently; caught, the write fails with EFBIG instead and is handled
    // like a full disk (the cache is skipped, a store write fails cleanly).
    let _ = signal_hook::flag::register(
        signal_hook::consts::signal::SIGXFSZ,
        std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false)),
    );
    let env = Env::from_process();
    // Help is told in the language of the environment (the config, which
    // may choose another, is read after the command line).
    let mut command = <Cli as clap::CommandFactory>::command();
    let polish = Lang::from_env(&env) == Lang::Pl;
    if polish {
        command = cli::help_pl::polish(command);
    }
    let parsed = command.try_get_matches().and_then(|m| <Cli as clap::FromArgMatches>::from_arg_matches(&m));
    let args = match parsed {
        Ok(args) => args,
        Err(e) => match polish.then(|| cli::help_pl::error(&e)).flatten() {
            Some(text) => {
                complain(format_args!("{}", text.trim_end()));
                return ExitCode::from(cli::EXIT_ERROR);
            }
            None => e.exit(),
        },
    };
    let dirs = Dirs::resolve_with(&env, args.global.config.as_deref());
    // Printing defaults, completions or the manual must work even when the
    // user's config is broken: that is when they are needed.
    let needs_config = !matches!(
        args.command,
        Some(Command::Config { .. } | Command::Keys | Command::Completions { .. } | Command::Man)
    );
    let (config, config_text) = if needs_config {
        match Config::load(dirs.config_file.as_ref()) {
            Ok(loaded) => loaded,
            Err(e) => {
                complain(format_args!("praktyki: {e}"));
                return ExitCode::from(cli::EXIT_ERROR);
            }
        }
    } else {
        (Config::default(), String::new())
    };
    let lang = match config.language {
        LanguageSetting::Auto => Lang::from_env(&env),
        LanguageSetting::Pl => Lang::Pl,
        LanguageSetting::En => Lang::En,
    };
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let global = args.global.clone();
    if let Some(cmd) = args.command {
        // Everything printed goes through the sanitiser: data was cleaned
        // when loaded, but paths, field names of a broken store, a page's
        // words in an import report or a server's in a sync were not.
        let (mut out, mut err) = (TerminalSafe::new(stdout.lock()), TerminalSafe::new(stderr.lock()));
        let config_text = config_text.clone();
        let mut cx = Context { global, config, config_text, env, dirs, lang, out: &mut out, err: &mut err };
        return ExitCode::from(cli::run(cmd, &mut cx));
    }

    // The store is loaded and checked before the terminal changes mode, so
    // its errors print like any other program's.
    let origin = dirs.config_file.as_ref().map(|(p, _)| p.display().to_string()).unwrap_or_default();
    let keymap = match config.keymap_from(&config_text, &origin) {
        Ok(k) => k,
        Err(e) => {
            complain(format_args!("praktyki: {e}"));
            return ExitCode::from(cli::EXIT_ERROR);
        }
    };
    // The browser reads long texts per practice as they are shown.
    let plan = Plan::new(global.store.as_deref(), &env, &config, &dirs, global.strict, global.no_cache);
    let (store, index, cache_job) = match plan.load() {
        Ok(loaded) => loaded.deferred(),
        Err(e) => {
            complain(format_args!("praktyki: {}", e.to_string_in(lang)));
            return ExitCode::from(cli::EXIT_ERROR);
        }
    };
    if store.skipped() > 0 {
        complain(format_args!("{}", cli::skipped_warning(lang, &store.origin, store.skipped())));
    }
    let label =
        plan.choice.path.as_ref().map_or_else(|| lang.strings().embedded.to_owned(), |p| p.display().to_string());
    // A bookmarks file that cannot be read stops here: saving over it would lose it.
    let bookmarks_path = praktyki::load::bookmarks_path(&dirs);
    let bookmarks = match bookmarks_path.as_deref().map(praktyki::load::bookmarks::Bookmarks::load).transpose() {
        Ok(b) => b.unwrap_or_default(),
        Err(e) => {
            complain(format_args!("praktyki: {e}"));
            return ExitCode::from(cli::EXIT_ERROR);
        }
    };
    let mut model = Model::new(store, index, label, Arc::new(keymap), lang);
    model.columns = config.list.columns.clone();
    model.bookmarks = bookmarks;
    let color = global.color.unwrap_or(config.color);
    let theme = Theme::from_env(config.theme, color, &env);
    if color == praktyki::config::ColorSetting::Always {
        // crossterm drops colours under NO_COLOR on its own; "always" means always.
        crossterm::style::force_color_output(true);
    }
    // A store parsed now has its start-up cache written once the first
    // frame is on screen, so the first frame does not wait for it.
    let after_first_frame = cache_job.map(|job| praktyki::tui::session::Job {
        stop: job.stopper(),
        run: Box::new(move || {
            let (index, _) = job.run();
            // The store is the first the session has: generation 0.
            index.map(|index| praktyki::app::Action::IndexReady { generation: 0, index })
        }),
    });
    let settings = praktyki::tui::Settings {
        plan,
        bookmarks: bookmarks_path,
        mouse: config.mouse,
        after_first_frame,
        // Set by tui::run for this process's terminal.
        opener: None,
        job_control: false,
        read_only: false,
    };
    match praktyki::tui::run(model, theme, settings) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            praktyki::tui::restore();
            complain(format_args!("praktyki: {e:#}"));
            ExitCode::from(cli::EXIT_ERROR)
        }
    }
}
