//! `kot config check` (config problems, sync-conflict copies, the `days/` tree and
//! every day file in it, every journal file, week notes, `nudges.toml`), `kot paths`, `kot completions`:
//! looking after kot itself.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::CommandFactory;

use super::Cli;
use super::out;
use crate::context::Context;
use crate::core::day::Day;
use crate::core::week::WeekId;
use crate::error::{CmdResult, Failure};
use crate::store::tree::{self, Tree};
use crate::store::week::WeekLoad;
use crate::store::{DayLoad, Store, paths};
use crate::t;

/// The context for a command: changes wait up to `wait_seconds` for another
/// kot's write, saying so on stderr after a second.
///
/// # Errors
/// As `Context::load`.
pub fn context(dir: Option<PathBuf>, wait_seconds: u64) -> Result<Context, Failure> {
    let tell: crate::store::lock::OnWait = std::sync::Arc::new(|holder| {
        out::warn(&crate::store::waiting_message(holder));
    });
    Context::load(
        dir,
        std::time::Duration::from_secs(wait_seconds),
        Some(tell),
    )
}

/// A one-line pointer to `kot config check` when the config has problems.
pub fn warn_config_issues(ctx: &Context) {
    if !ctx.issues.is_empty() {
        out::warn(&crate::i18n::plural(
            "cli.config_has_issues",
            i64::try_from(ctx.issues.len()).unwrap_or(0),
            &[],
        ));
    }
}

/// Print every config problem, conflict copy and day-file problem; fail if
/// there is any.
pub fn config_check(ctx: &Context) -> CmdResult {
    let path = ctx.store.config_path();
    let mut problems: Vec<String> = ctx.issues.iter().map(|i| i.message(&path)).collect();
    problems.extend(
        ctx.store
            .conflict_copies()
            .iter()
            .map(|c| t!("cli.check.conflict_copy", path = c.display())),
    );
    problems.extend(day_problems(&ctx.store));
    problems.extend(journal_problems(&ctx.store));
    problems.extend(week_problems(&ctx.store));
    if let Err(c) = ctx.store.load_nudges() {
        problems.push(c.describe());
    }
    for p in &problems {
        out::line(p);
    }
    ctx.store.clean_stray_temps();
    if problems.is_empty() {
        out::line(&t!("cli.check.ok", path = path.display()));
        Ok(())
    } else {
        Err(Failure(crate::i18n::plural(
            "cli.check.problems",
            i64::try_from(problems.len()).unwrap_or(0),
            &[],
        )))
    }
}

/// What is wrong below `days/`: a directory kot needs that is a file or cannot
/// be listed (then every day command fails), day files that cannot be read, and
/// days whose hand-edited ids repeat.
fn day_problems(store: &Store) -> Vec<String> {
    let mut out = Vec::new();
    let days = Tree::Days.dir(store.root());
    let mut dates: Vec<NaiveDate> = Vec::new();
    for year in list_dir(Tree::Days, &days, &mut out) {
        let is_year = tree::is_year_name(&year);
        if is_year {
            dates.extend(
                list_dir(Tree::Days, &year, &mut out)
                    .iter()
                    .filter_map(|f| paths::date_of_file_name(f.file_name()?.to_str()?)),
            );
        }
    }
    dates.sort_unstable();
    for date in dates {
        match store.load_day(date) {
            DayLoad::Corrupt(c) => out.push(c.describe()),
            DayLoad::Ok(day) => {
                if let Some(w) = duplicate_ids_warning(&day) {
                    out.push(format!("{}: {w}", store.day_path(date).display()));
                }
            }
            DayLoad::Missing => {}
        }
    }
    out
}

/// Journal files that cannot be read, and a file where the journal's
/// directory or a year of it should be.
fn journal_problems(store: &Store) -> Vec<String> {
    let mut out: Vec<String> = Tree::Journal
        .in_the_way(store.root())
        .iter()
        .map(|p| Tree::Journal.not_a_dir(p))
        .collect();
    let dates = store.journal_dates(None, None);
    out.extend(
        store
            .load_entries(&dates)
            .into_iter()
            .filter_map(|e| match e {
                crate::store::journal::EntryLoad::Corrupt(c) => Some(c.describe()),
                _ => None,
            }),
    );
    out
}

/// Week notes (`weeks/YYYY/YYYY-Www.toml`) that cannot be read: the Week
/// screen and the ritual's week step point here when one does not read.
fn week_problems(store: &Store) -> Vec<String> {
    let mut out = Vec::new();
    let mut weeks: Vec<WeekId> = Vec::new();
    for year in list_dir(Tree::Weeks, &Tree::Weeks.dir(store.root()), &mut out) {
        if tree::is_year_name(&year) {
            // Only files where kot looks for them: a week's file in another
            // year's directory is not read by kot, so not checked either.
            weeks.extend(
                list_dir(Tree::Weeks, &year, &mut out)
                    .iter()
                    .filter_map(|f| {
                        let w = WeekId::of_file_name(f.file_name()?.to_str()?)?;
                        (store.week_path(w) == *f).then_some(w)
                    }),
            );
        }
    }
    weeks.sort_unstable();
    weeks.dedup();
    out.extend(weeks.into_iter().filter_map(|w| match store.load_week(w) {
        WeekLoad::Corrupt(c) => Some(c.describe()),
        _ => None,
    }));
    out
}

/// The entries of a directory kot keeps days in; a problem in `out` when it is
/// not a directory or cannot be listed. A missing one is fine: kot creates it.
fn list_dir(tree: Tree, dir: &Path, out: &mut Vec<String>) -> Vec<PathBuf> {
    let problem = |error: io::Error| t!("store.io", path = dir.display(), error = error);
    match fs::metadata(dir) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Vec::new(),
        Err(e) => {
            out.push(problem(e));
            return Vec::new();
        }
        Ok(m) if !m.is_dir() => {
            out.push(tree.not_a_dir(dir));
            return Vec::new();
        }
        Ok(_) => {}
    }
    match fs::read_dir(dir) {
        Ok(entries) => entries.flatten().map(|e| e.path()).collect(),
        Err(e) => {
            out.push(problem(e));
            Vec::new()
        }
    }
}

/// One line on the ids a hand-edited day repeats, for `config check` and the
/// TUI; `None` when every id is unique.
#[must_use]
pub fn duplicate_ids_warning(day: &Day) -> Option<String> {
    let (tasks, blocks) = day.duplicate_ids();
    let list = |ids: Vec<String>| ids.join(", ");
    let mut parts = Vec::new();
    if !tasks.is_empty() {
        let ids = list(tasks.iter().map(ToString::to_string).collect());
        parts.push(t!("store.duplicate_task_ids", ids = ids));
    }
    if !blocks.is_empty() {
        let ids = list(blocks.iter().map(ToString::to_string).collect());
        parts.push(t!("store.duplicate_block_ids", ids = ids));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// Where things live, without creating anything.
pub fn paths(dir: Option<PathBuf>) -> CmdResult {
    let root = crate::store::paths::root(dir).ok_or_else(|| Failure(t!("cli.no_home")))?;
    let rows = [
        (t!("cli.paths.config"), root.join("config.toml")),
        (t!("cli.paths.days"), root.join("days")),
        (t!("cli.paths.journal"), root.join("journal")),
    ];
    let width = rows
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0)
        + 1;
    for (label, path) in rows {
        out::line(&format!(
            "{:<width$} {}",
            format!("{label}:"),
            path.display()
        ));
    }
    Ok(())
}

/// Generated into memory first: clap_complete panics when its writer fails.
pub fn completions(shell: clap_complete::Shell) {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "kot", &mut script);
    out::raw(script);
}
