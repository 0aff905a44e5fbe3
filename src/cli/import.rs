//! `kot import jrnl FILE`: a jrnl journal (plain text, jrnl 1.x's too, or
//! `jrnl --export json`) appended to kot's journal, day by day. All or
//! nothing: the whole file is read and checked first (`core::journal::jrnl`),
//! then, under one hold of the write lock, every target day is read, every
//! entry applied in memory, and only then are the changed days written. An
//! unreadable day, a bad stamp or a refused entry stops it with nothing
//! changed, naming the line. Importing the same journal twice adds nothing.

use std::path::Path;

use super::{ImportCommand, out};
use crate::context::Context;
use crate::core::journal::jrnl::{self, Outcome, Parsed, Refused, Source, Unread};
use crate::error::{CmdResult, Failure};
use crate::i18n::plural;
use crate::t;

pub fn run(ctx: &Context, cmd: ImportCommand) -> CmdResult {
    match cmd {
        ImportCommand::Jrnl { file, timeformat } => import_jrnl(ctx, &file, timeformat.as_deref()),
    }
}

fn import_jrnl(ctx: &Context, file: &Path, timeformat: Option<&str>) -> CmdResult {
    let bytes = read_journal_file(file)?;
    let parsed = jrnl::read(&bytes, timeformat).map_err(|r| refused(file, &r))?;
    let dates = jrnl::dates(&parsed.entries);
    let outcome = ctx.store.update_entries(&dates, |days| {
        jrnl::apply(&parsed.entries, days).map_err(|r| refused(file, &r))
    })?;
    report(&parsed, &outcome);
    Ok(())
}

/// The file's bytes; a folder (jrnl's folder journal, a DayOne journal) is
/// named as such rather than as an I/O error.
fn read_journal_file(file: &Path) -> Result<Vec<u8>, Failure> {
    if file.is_dir() {
        let dayone =
            file.extension().is_some_and(|e| e == "dayone") || file.join("entries").is_dir();
        let key = if dayone {
            "cli.import.dayone"
        } else {
            "cli.import.folder"
        };
        return Err(Failure(t!(key, path = file.display())));
    }
    std::fs::read(file).map_err(|e| Failure(t!("store.io", path = file.display(), error = e)))
}

/// Where a problem is, in the user's words.
fn place(source: Source) -> String {
    match source {
        Source::Line(line) => t!("cli.import.at_line", line = line),
        Source::Entry(index) => t!("cli.import.at_entry", index = index),
    }
}

fn refused(file: &Path, r: &Refused) -> Failure {
    let path = file.display();
    Failure(match r {
        Refused::Encrypted => t!("cli.import.encrypted", path = path),
        Refused::NotUtf8 => t!("cli.import.not_utf8", path = path),
        Refused::BadJson(error) => t!("cli.import.bad_json", path = path, error = error),
        Refused::NoEntries => t!("cli.import.nothing", path = path),
        Refused::Year { source, year, text } => t!(
            "cli.import.bad_year",
            at = place(*source),
            year = year,
            first = format!("{:04}", crate::core::time::KEPT_YEARS.start()),
            last = crate::core::time::KEPT_YEARS.end(),
            text = text
        ),
        Refused::BadDate { source, text } => {
            t!("cli.import.bad_stamp", at = place(*source), text = text)
        }
        Refused::BadJsonEntry { index, why } => t!(
            "cli.import.bad_entry",
            at = place(Source::Entry(*index)),
            why = why
        ),
        Refused::Edit { source, refusal } => t!(
            "cli.import.refused",
            at = place(*source),
            why = crate::store::journal::refusal_message(refusal)
        ),
    })
}

fn report(parsed: &Parsed, outcome: &Outcome) {
    let n = |x: usize| i64::try_from(x).unwrap_or(i64::MAX);
    let skipped = parsed.entries.len().saturating_sub(outcome.added);
    let days_text = plural("cli.import.days", n(outcome.changed.len()), &[]);
    out::done(&plural(
        "cli.import.done",
        n(outcome.added),
        &[("days", &days_text)],
    ));
    if parsed.legacy {
        out::line(&t!("cli.import.legacy"));
    }
    if skipped > 0 {
        out::line(&plural("cli.import.already", n(skipped), &[]));
    }
    for u in &parsed.unread {
        out::line(&match u {
            Unread::BeforeFirstEntry { line, text } => {
                t!("cli.import.unread_before", line = line, text = text)
            }
        });
    }
}
