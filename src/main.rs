//! The `kot` binary: parse the command line, run the TUI or one command, and turn
//! any failure into one line on stderr (`cli::out` decides the exit code).

use std::process::ExitCode;

use clap::Parser;
use kot::cli::admin::warn_config_issues;
use kot::cli::{
    Cli, Command, ConfigCommand, NotifyCommand, admin, agreements, breaks, day, export, import,
    journal, notice, off, out, plan, report, shutdown, status,
};
use kot::config::LanguagePref;
use kot::core::text::is_unsafe;
use kot::error::CmdResult;
use kot::{headless, i18n, tui};

fn main() -> ExitCode {
    tui::terminal::install_panic_hook();
    i18n::set_language(i18n::detect(LanguagePref::Auto, |k| std::env::var(k).ok()));
    let cli = Cli::try_parse().unwrap_or_else(|e| parse_error(&usage_as_typed(e)));
    out::finish(run(cli))
}

/// With `KOT_DIR` set, clap counts `--dir` as given and writes it into an
/// error's usage line (`Usage: kot report --week --dir <DIR>`), as if it were
/// needed. The same arguments parsed without the variable give the same
/// error with the usage as typed; help and version are left as they are.
fn usage_as_typed(e: clap::Error) -> clap::Error {
    use clap::CommandFactory;
    if !e.use_stderr() || std::env::var_os("KOT_DIR").is_none() {
        return e;
    }
    match Cli::command()
        .mut_arg("dir", |a| a.env(None))
        .try_get_matches()
    {
        Err(plain) if plain.kind() == e.kind() => plain,
        _ => e,
    }
}

/// clap's own message and exit code. When an argument holds controls, clap
/// could quote it raw to a terminal (in colour): then the message goes out
/// uncoloured, with its escape sequences removed and the rest escaped.
fn parse_error(e: &clap::Error) -> ! {
    let hostile = std::env::args_os().any(|a| a.to_string_lossy().chars().any(is_unsafe));
    if hostile && e.use_stderr() {
        out::error_text(&e.render().to_string());
        std::process::exit(e.exit_code());
    }
    e.exit()
}

fn run(cli: Cli) -> CmdResult {
    match cli.command {
        Some(Command::Completions { shell }) => {
            admin::completions(shell);
            Ok(())
        }
        Some(Command::Paths) => admin::paths(cli.dir),
        // Only reads: no data directory, config or icon is created for it.
        Some(Command::Notify(NotifyCommand::Test)) => notice::test(cli.dir),
        None => tui::run(admin::context(cli.dir, cli.wait)?),
        Some(cmd) => {
            let ctx = admin::context(cli.dir, cli.wait)?;
            match cmd {
                Command::Config(ConfigCommand::Check) => admin::config_check(&ctx),
                Command::Plan(p) => {
                    warn_config_issues(&ctx);
                    plan::run(&ctx, p)
                }
                Command::Where { place, date } => {
                    warn_config_issues(&ctx);
                    plan::set_place(&ctx, place, date.date)
                }
                Command::Off {
                    range,
                    reason,
                    force,
                    undo,
                } => {
                    warn_config_issues(&ctx);
                    off::run(&ctx, &range, reason, force, undo)
                }
                Command::Agreements { format } => {
                    warn_config_issues(&ctx);
                    agreements::run(&ctx, format)
                }
                Command::Break(b) => breaks::run(&ctx, b),
                Command::Pause { until } => breaks::pause(&ctx, &until),
                Command::Resume => breaks::resume(&ctx),
                Command::Status { format, json } => status::run(&ctx, format.as_deref(), json),
                Command::Watch => {
                    warn_config_issues(&ctx);
                    headless::run(&ctx)
                }
                Command::Shutdown(args) => {
                    warn_config_issues(&ctx);
                    shutdown::run(&ctx, args)
                }
                Command::Day {
                    date,
                    start,
                    end,
                    json,
                } => day::run(
                    &ctx,
                    date.date.as_deref(),
                    start.as_deref(),
                    end.as_deref(),
                    json,
                ),
                Command::End { time, reset } => shutdown::end(&ctx, time.as_deref(), reset),
                Command::Work { at, until } => {
                    shutdown::work(&ctx, at.as_deref(), until.as_deref())
                }
                Command::Journal(j) => journal::run(&ctx, j),
                Command::Contact {
                    who,
                    how,
                    none,
                    rm,
                    date,
                } => journal::contact(&ctx, who, how.as_deref(), none, rm, date.date),
                Command::Win { text, rm, date } => {
                    journal::win(&ctx, &text.join(" "), rm, date.date)
                }
                Command::Export {
                    format,
                    range,
                    output,
                    force,
                    in_place,
                } => {
                    let output = output.as_deref().map(|path| export::Output {
                        path,
                        replace: match (force, in_place) {
                            (false, _) => export::Replace::Never,
                            (true, false) => export::Replace::Atomically,
                            (true, true) => export::Replace::InPlace,
                        },
                    });
                    export::run(&ctx, format, &range, output)
                }
                Command::Import(i) => import::run(&ctx, i),
                Command::Report(args) => {
                    warn_config_issues(&ctx);
                    report::run(&ctx, &args)
                }
                Command::Completions { .. } | Command::Paths | Command::Notify(_) => Ok(()),
            }
        }
    }
}
