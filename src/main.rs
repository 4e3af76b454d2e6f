//! The `xxgk` binary: parse arguments, dispatch, print errors, choose the exit code.

#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use xxgk::cli::{self, Cli, Command};
use xxgk::tui;

/// Stdout that a closed pipe does not fail: after `EPIPE` the rest is discarded.
struct PipeOut<W: Write> {
    inner: W,
    closed: bool,
}

impl<W: Write> PipeOut<W> {
    fn new(inner: W) -> Self {
        PipeOut { inner, closed: false }
    }

    fn check(&mut self, r: io::Result<()>) -> io::Result<()> {
        match r {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            r => r,
        }
    }
}

impl<W: Write> Write for PipeOut<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        match self.inner.write(buf) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(buf.len())
            }
            r => r,
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let r = self.inner.flush();
        self.check(r)
    }
}

/// The subcommand a word that names no folder was probably meant to be (as clap suggests for
/// an unknown subcommand; here the word may also be a folder, so xxgk asks itself).
fn similar_subcommand(word: &str) -> Option<String> {
    if word.contains(['/', '.']) || word.is_empty() {
        return None;
    }
    let lower = word.to_lowercase();
    Cli::command()
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .filter(|name| name != "help")
        .map(|name| (strsim::jaro(&lower, &name), name))
        .filter(|(score, _)| *score > 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, name)| name)
}

fn remove_temps_on_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            xxgk::fsio::remove_temp_files();
            std::process::exit(128 + signal);
        }
    });
}

fn main() -> ExitCode {
    let args = Cli::parse();
    if let Some(secs) = args.pdf_time_limit {
        let limit = (secs > 0.0)
            .then(|| std::time::Duration::try_from_secs_f64(secs).ok())
            .flatten();
        if secs.is_nan() || (secs > 0.0 && limit.is_none()) {
            eprintln!("xxgk: --pdf-time-limit: not a number of seconds: {secs}");
            return ExitCode::from(cli::EXIT_USAGE);
        }
        xxgk::ingest::pdf::set_time_limit(limit);
    }
    let out = io::stdout().lock();
    // Not locked: progress bars draw on stderr from worker threads, and a lock held here for
    // the whole run would block them forever (a deadlock seen on a 100k-file load).
    let mut err = io::stderr();
    // `--lang` over the config file's `[display] lang` over the locale; a config that does not
    // load leaves the commands to the locale (the explorer reports it).
    let config = tui::config::load(tui::config::config_path().as_deref()).ok();
    let lang = args
        .lang
        .unwrap_or_else(|| config.as_ref().map_or_else(xxgk::i18n::Lang::from_env, |s| s.lang));
    // `--copied-share` over the config file's `[rules] copied_share` over the default.
    if let Some(share) = args.copied_share.or(config.as_ref().map(|s| s.copied_share)) {
        xxgk::rules::prose::set_copied_share(share);
    }
    // `xxgk shwo`: not a folder, but nearly a subcommand.
    if args.command.is_none()
        && let Some(dir) = &args.dir
        && !dir.exists()
        && let Some(similar) = similar_subcommand(&dir.to_string_lossy())
    {
        let _ = writeln!(
            err,
            "{}",
            xxgk::tr!(
                lang,
                "cli.did_you_mean",
                name = xxgk::text::sanitize(&dir.to_string_lossy()),
                similar = similar
            )
        );
        return ExitCode::from(cli::EXIT_USAGE);
    }
    // A command ended by a signal (Ctrl-C, a kill, a dropped connection) leaves no temp file
    // behind. The explorer installs its own handler (it restores the terminal first).
    if args.command.is_some() {
        remove_temps_on_signals();
    }
    // A closed pipe (`xxgk check … | head -1`) ends the output quietly; the command still exits
    // with the code its findings deserve.
    let mut out = PipeOut::new(out);
    let result = match &args.command {
        Some(Command::Parse(a)) => cli::parse::run(a, lang, &mut out, &mut err),
        Some(Command::Show(a)) => cli::show::run(a, lang, &mut out, &mut err),
        Some(Command::Check(a)) => cli::check::run(a, lang, &mut out, &mut err),
        Some(Command::Export(a)) => cli::export::run(a, lang, &mut err),
        Some(Command::Diff(a)) => cli::diff::run(a, lang, &mut out, &mut err),
        Some(Command::Trend(a)) => cli::trend::run(a, lang, &mut out, &mut err),
        Some(Command::Rollup(a)) => cli::rollup::run(a, lang, &mut out, &mut err),
        Some(Command::Changes(a)) => cli::changes::run(a, lang, &mut out, &mut err),
        Some(Command::Completions(a)) => {
            cli::completions(a.shell, &mut out);
            Ok(cli::EXIT_OK)
        }
        Some(Command::Man) => cli::man(&mut out).map(|()| cli::EXIT_OK).map_err(Into::into),
        None => {
            let source = args.dir.clone().map_or_else(tui::default_target, tui::Target::Dir);
            match source {
                // A terminal gets the explorer; a pipe or a script gets the list.
                source if io::stdout().is_terminal() && io::stdin().is_terminal() => {
                    drop(out);
                    let settings = match tui::config::load(tui::config::config_path().as_deref()) {
                        // `--lang` over the config file over the locale.
                        Ok(s) => tui::config::Settings { lang, ..s },
                        Err(e) => {
                            let _ = writeln!(err, "xxgk: config: {e}");
                            return ExitCode::from(cli::EXIT_USAGE);
                        }
                    };
                    match tui::run(&source, settings) {
                        Ok(()) => return ExitCode::SUCCESS,
                        Err(e) => {
                            let _ = writeln!(err, "xxgk: {e}");
                            return ExitCode::from(cli::EXIT_USAGE);
                        }
                    }
                }
                tui::Target::Dir(dir) => cli::list::run(&dir, lang, &mut out, &mut err),
                tui::Target::BuiltIn => {
                    let _ = Cli::command().print_help();
                    Ok(cli::EXIT_USAGE)
                }
            }
        }
    };
    let _ = out.flush();
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            // A closed pipe (`xxgk show … | head`) is not an error worth reporting.
            if e.downcast_ref::<io::Error>()
                .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            let _ = writeln!(err, "xxgk: {e:#}");
            ExitCode::from(cli::EXIT_USAGE)
        }
    }
}

/// mimalloc: allocation and freeing were ~12% of ingest under the system allocator (`perf`:
/// `_int_malloc`, `_int_free`, `malloc_consolidate`), for the many small strings and vectors
/// each report makes.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
