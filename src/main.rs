use std::process::ExitCode;

use clap::Parser;

use praktyki::cli::{self, Cli, Context};
use praktyki::config::{Dirs, Env};
use praktyki::i18n::Lang;

fn main() -> ExitCode {
    let args = Cli::parse();
    let env = Env::from_process();
    let dirs = Dirs::resolve(&env);
    let lang = Lang::from_env();
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let (mut out, mut err) = (stdout.lock(), stderr.lock());
    let mut cx = Context { global: args.global, env, dirs, lang, out: &mut out, err: &mut err };
    match args.command {
        Some(cmd) => ExitCode::from(cli::run(cmd, &mut cx)),
        None => {
            eprintln!("praktyki: the interactive browser is not built yet; see `praktyki --help`");
            ExitCode::from(cli::EXIT_ERROR)
        }
    }
}
