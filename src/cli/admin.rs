//! `kot config check` (config problems, sync-conflict copies, unreadable days),
//! `kot paths`, `kot completions`: looking after kot itself.

use std::path::PathBuf;

use clap::CommandFactory;

use super::Cli;
use super::context::{CmdResult, Context, Failure};
use super::out;
use crate::t;

/// Print every config problem and conflict copy; fail if there is any.
pub fn config_check(ctx: &Context) -> CmdResult {
    let path = ctx.store.config_path();
    for issue in &ctx.issues {
        out::line(&issue.message(&path));
    }
    let copies = ctx.store.conflict_copies();
    for c in &copies {
        out::line(&t!("cli.check.conflict_copy", path = c.display()));
    }
    let unreadable = ctx.store.unreadable_days();
    for c in &unreadable {
        out::line(&c.describe());
    }
    ctx.store.clean_stray_temps();
    if ctx.issues.is_empty() && copies.is_empty() && unreadable.is_empty() {
        out::line(&t!("cli.check.ok", path = path.display()));
        Ok(())
    } else {
        let n = ctx.issues.len() + copies.len() + unreadable.len();
        Err(Failure(crate::i18n::plural(
            "cli.check.problems",
            i64::try_from(n).unwrap_or(0),
            &[],
        )))
    }
}

/// Where things live, without creating anything.
pub fn paths(dir: Option<PathBuf>) -> CmdResult {
    let root = crate::store::paths::root(dir).ok_or_else(|| Failure(t!("cli.no_home")))?;
    let rows = [
        (t!("cli.paths.config"), root.join("config.toml")),
        (t!("cli.paths.days"), root.join("days")),
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
