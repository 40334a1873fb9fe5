use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;

use praktyki::app::Model;
use praktyki::cli::{self, Cli, Context};
use praktyki::config::{Dirs, Env};
use praktyki::i18n::Lang;
use praktyki::input::Keymap;
use praktyki::search::Index;
use praktyki::store::LoadOptions;
use praktyki::ui::Theme;

fn main() -> ExitCode {
    let args = Cli::parse();
    let env = Env::from_process();
    let dirs = Dirs::resolve(&env);
    let lang = Lang::from_env();
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    if let Some(cmd) = args.command {
        let (mut out, mut err) = (stdout.lock(), stderr.lock());
        let mut cx = Context { global: args.global, env, dirs, lang, out: &mut out, err: &mut err };
        return ExitCode::from(cli::run(cmd, &mut cx));
    }

    // The store is loaded and checked before the terminal changes mode, so
    // its errors print like any other program's.
    let cx_choice = praktyki::config::resolve_store(args.global.store.as_deref(), &env, None, &dirs);
    let opts = LoadOptions { strict: args.global.strict };
    let store = match cli::load_choice(&cx_choice, opts) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("praktyki: {e}");
            return ExitCode::from(cli::EXIT_ERROR);
        }
    };
    if store.skipped() > 0 {
        eprintln!(
            "praktyki: warning: {}: {} practice(s) skipped because they break the schema; `praktyki validate` lists them",
            store.origin,
            store.skipped()
        );
    }
    let label = cx_choice.path.as_ref().map_or_else(|| lang.strings().embedded.to_owned(), |p| p.display().to_string());
    let index = Arc::new(Index::new(&store.practices));
    let model = Model::new(store, index, label, Arc::new(Keymap::defaults()), lang);
    match praktyki::tui::run(model, Theme::from_env(), cx_choice, opts) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            praktyki::tui::restore();
            eprintln!("praktyki: {e:#}");
            ExitCode::from(cli::EXIT_ERROR)
        }
    }
}
