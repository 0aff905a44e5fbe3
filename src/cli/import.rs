//! `kot import jrnl FILE`: a jrnl journal (plain text or `jrnl --export json`)
//! appended to kot's journal, day by day. Every target day is read before any
//! is written, so an unreadable journal file stops the import with nothing
//! changed. Importing the same file twice adds nothing.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;

use super::{ImportCommand, out};
use crate::context::Context;
use crate::core::journal::jrnl::{self, Parsed, Unread};
use crate::core::journal::{Entry, JournalOp};
use crate::error::{CmdResult, Failure};
use crate::i18n::plural;
use crate::t;

pub fn run(ctx: &Context, cmd: ImportCommand) -> CmdResult {
    match cmd {
        ImportCommand::Jrnl { file, timeformat } => import_jrnl(ctx, &file, timeformat.as_deref()),
    }
}

fn import_jrnl(ctx: &Context, file: &Path, timeformat: Option<&str>) -> CmdResult {
    let text = std::fs::read(file)
        .map_err(|e| Failure(t!("store.io", path = file.display(), error = e)))
        .and_then(|b| {
            String::from_utf8(b)
                .map_err(|_| Failure(t!("cli.import.not_utf8", path = file.display())))
        })?;
    let parsed = if jrnl::looks_like_json(&text) {
        jrnl::parse_json(&text)
            .map_err(|e| Failure(t!("cli.import.bad_json", path = file.display(), error = e)))?
    } else {
        jrnl::parse_plain(&text, timeformat)
    };
    if parsed.entries.is_empty() {
        return Err(Failure(t!("cli.import.nothing", path = file.display())));
    }
    let mut by_day: BTreeMap<NaiveDate, Vec<JournalOp>> = BTreeMap::new();
    for e in &parsed.entries {
        let (date, ops) = jrnl::to_ops(e);
        by_day.entry(date).or_default().extend(ops);
    }
    // Read every day first: an unreadable one stops the import before any write.
    let mut plan = Vec::with_capacity(by_day.len());
    for (date, ops) in by_day {
        let entry = super::journal::read_entry(ctx, date)?;
        if !entry.writable() {
            return Err(crate::store::StoreError::NewerSchema {
                path: ctx.store.journal_path(date),
                schema: entry.schema,
            }
            .into());
        }
        let (new, changed) = dry_run(entry, &ops);
        if changed {
            plan.push((date, new, ops));
        }
    }
    let (mut added, mut days) = (0usize, 0usize);
    for (date, new, ops) in plan {
        ctx.store.update_entry(date, ops)?;
        added += new;
        days += 1;
    }
    report(&parsed, added, days);
    Ok(())
}

/// How many of the appends in `ops` add text to `entry` (the others were
/// imported before), and whether `ops` change anything at all (a win).
fn dry_run(mut entry: Entry, ops: &[JournalOp]) -> (usize, bool) {
    let (mut new, mut changed) = (0, false);
    for op in ops {
        let append = matches!(op, JournalOp::AppendOnce { .. });
        if entry.apply(op.clone()).unwrap_or(false) {
            changed = true;
            new += usize::from(append);
        }
    }
    (new, changed)
}

fn report(parsed: &Parsed, added: usize, days: usize) {
    let n = |x: usize| i64::try_from(x).unwrap_or(i64::MAX);
    let skipped = parsed.entries.len().saturating_sub(added);
    let days_text = plural("cli.import.days", n(days), &[]);
    out::done(&plural(
        "cli.import.done",
        n(added),
        &[("days", &days_text)],
    ));
    if skipped > 0 {
        out::line(&plural("cli.import.already", n(skipped), &[]));
    }
    for u in &parsed.unread {
        out::line(&match u {
            Unread::BeforeFirstEntry { line, text } => {
                t!("cli.import.unread_before", line = line, text = text)
            }
            Unread::BadStamp { line, text } => {
                t!("cli.import.unread_stamp", line = line, text = text)
            }
            Unread::BadJsonEntry { index, why } => {
                t!("cli.import.unread_json", index = index, why = why)
            }
        });
    }
}
