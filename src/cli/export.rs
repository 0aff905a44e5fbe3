//! `kot export`: the journal with each day's plan and breaks, as Markdown to
//! read or as JSON to process. The JSON is a promise: `schema` rises when a
//! field changes meaning or goes; new fields may appear. Exports are written
//! like kot's own files (atomically, 0600): the journal is private; where
//! `-o` may write is `target`'s to say.
//!
//! Nothing from a file reaches a terminal as a control: the JSON writes
//! control characters and bidi overrides as `\u` escapes everywhere (the
//! same text once parsed); the Markdown escapes titles, names and wins
//! always (`core::markdown`), and the journal text, the user's own Markdown,
//! only on a terminal (`core::text`), so a file or a pipe gets it exactly.

mod target;

use std::fmt::Write as _;
use std::io::IsTerminal as _;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

pub use self::target::{Output, Replace};
use super::journal::{EntryJson, contacts_line_with, range, scores_line};
use super::{ExportFormat, RangeArgs, out};
use crate::context::Context;
use crate::core::breaks::BreakRecord;
use crate::core::day::Day;
use crate::core::journal::Entry;
use crate::core::markdown::{escape_inline, nest_headings};
use crate::core::text::json_safe;
use crate::error::{CmdResult, Failure};
use crate::t;

/// The version of the JSON export's format.
pub const EXPORT_SCHEMA: u32 = 1;

/// How many levels the journal's own headings go down: below the day (`##`)
/// and its sections (`###`), so `# x` in the text becomes `#### x`.
const JOURNAL_HEADING_DEPTH: usize = 3;

pub fn run(
    ctx: &Context,
    format: ExportFormat,
    r: &RangeArgs,
    output: Option<Output<'_>>,
) -> CmdResult {
    let (from, to) = range(ctx, r)?;
    // A path export must not write to is refused before the days are read.
    if let Some(o) = &output {
        target::check(o)?;
    }
    let (entries, days, unreadable) = ctx.store.load_range(from, to);
    for c in &unreadable {
        out::warn(&c.describe());
    }
    let pairs: Vec<(NaiveDate, Option<&Entry>, Option<&Day>)> = entries
        .iter()
        .zip(&days)
        .map(|((date, e), (_, d))| (*date, e.as_ref(), d.as_ref()))
        .collect();
    let text = match format {
        ExportFormat::Markdown => markdown(&pairs),
        ExportFormat::Json => json(&pairs, from, to)?,
    };
    match output {
        None if format == ExportFormat::Markdown && std::io::stdout().is_terminal() => {
            out::text(&text);
        }
        None => out::raw(text),
        Some(o) => {
            target::write(&o, text.as_bytes())?;
            out::done(&crate::i18n::plural(
                "cli.export.written",
                i64::try_from(pairs.len()).unwrap_or(i64::MAX),
                &[("path", &o.path.display())],
            ));
        }
    }
    Ok(())
}

/// `Monday 2026-11-23`, in the user's language.
#[must_use]
pub fn day_heading(date: NaiveDate) -> String {
    let weekday = t!(&format!(
        "weekday.{}",
        date.weekday().num_days_from_monday()
    ));
    format!("{weekday} {}", date.format("%Y-%m-%d"))
}

fn markdown(days: &[(NaiveDate, Option<&Entry>, Option<&Day>)]) -> String {
    let mut s = format!("# {}\n", t!("export.title"));
    for (date, entry, day) in days {
        let _ = write!(s, "\n## {}\n\n", day_heading(*date));
        if let Some(d) = day {
            md_day_facts(&mut s, d);
        }
        if let Some(e) = entry {
            md_entry(&mut s, e);
        }
        if let Some(d) = day {
            md_plan(&mut s, d);
        }
    }
    s
}

fn md_day_facts(s: &mut String, d: &Day) {
    let mut facts = Vec::new();
    if let Some(p) = d.place {
        facts.push(t!(&format!("place.{}", p.name())));
    }
    if let Some(f) = d.checkin.as_ref().and_then(|c| c.feeling) {
        facts.push(t!("journal.feeling", value = f));
    }
    if !facts.is_empty() {
        let _ = write!(s, "*{}*\n\n", facts.join(" · "));
    }
}

fn md_entry(s: &mut String, e: &Entry) {
    let scores = scores_line(e);
    if !scores.is_empty() {
        let _ = write!(s, "{scores}\n\n");
    }
    if let Some(c) = contacts_line_with(e, escape_inline) {
        let _ = write!(s, "{c}\n\n");
    }
    if !e.wins.is_empty() {
        let _ = writeln!(s, "**{}**\n", t!("export.wins"));
        for w in &e.wins {
            let _ = writeln!(s, "- {}", escape_inline(w));
        }
        s.push('\n');
    }
    if !e.text.is_empty() {
        let _ = write!(s, "{}\n\n", nest_headings(&e.text, JOURNAL_HEADING_DEPTH));
    }
}

fn md_plan(s: &mut String, d: &Day) {
    use crate::core::plan::TaskStatus;
    let blocks = d.blocks_by_time();
    // Every task of the day, the carried and dropped ones too (said so): an
    // export that leaves them out loses what the day was about.
    if !d.tasks.is_empty() || !blocks.is_empty() {
        let _ = writeln!(s, "### {}\n", t!("export.plan"));
        for task in &d.tasks {
            let check = if task.is_done() { "x" } else { " " };
            let top = if task.top { " ★" } else { "" };
            let title = escape_inline(&task.title);
            let _ = match task.status {
                TaskStatus::Carried => writeln!(
                    s,
                    "- [ ] {title}{top} ({})",
                    task.carried_to.map_or_else(
                        || t!("export.task.carried_on"),
                        |to| t!("export.task.carried", date = to)
                    )
                ),
                TaskStatus::Dropped => {
                    writeln!(s, "- [ ] ~~{title}~~{top} ({})", t!("export.task.dropped"))
                }
                TaskStatus::Open | TaskStatus::Done => writeln!(s, "- [{check}] {title}{top}"),
            };
        }
        for b in blocks {
            let facts = crate::coach_runtime::block_facts(b, |_| true);
            let facts = if facts.is_empty() {
                String::new()
            } else {
                format!(" ({})", facts.join(", "))
            };
            let _ = writeln!(s, "- {} {}{facts}", b.span, escape_inline(&b.title));
        }
        s.push('\n');
    }
    if !d.breaks.is_empty() {
        let _ = writeln!(s, "### {}\n", t!("export.breaks"));
        for b in &d.breaks {
            let kind = t!(&format!("export.break.{}", b.kind.name()));
            let outcome = t!(&format!("export.outcome.{}", outcome_name(b)));
            // An ignored break has a due time, not a span it was taken in;
            // time away (kot closed, a suspend, a lock) is said as such.
            let _ = if b.outcome == crate::core::breaks::Outcome::Ignored {
                writeln!(s, "- {} {kind} ({outcome})", b.start.format("%H:%M"))
            } else {
                let how = match b.counted {
                    crate::core::breaks::Counted::Away => {
                        format!(", {}", t!("export.counted.away"))
                    }
                    crate::core::breaks::Counted::Locked => {
                        format!(", {}", t!("export.counted.locked"))
                    }
                    _ => String::new(),
                };
                writeln!(
                    s,
                    "- {}–{} {kind} ({outcome}{how})",
                    b.start.format("%H:%M"),
                    b.end.format("%H:%M"),
                )
            };
        }
        s.push('\n');
    }
}

fn outcome_name(b: &BreakRecord) -> String {
    serde_json::to_value(b.outcome)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

#[derive(Serialize)]
struct Export<'a> {
    schema: u32,
    generator: String,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    days: Vec<DayExport<'a>>,
}

#[derive(Serialize)]
struct DayExport<'a> {
    date: NaiveDate,
    journal: Option<EntryJson<'a>>,
    plan: Option<serde_json::Value>,
    breaks: Vec<BreakJson>,
}

#[derive(Serialize)]
struct BreakJson {
    kind: &'static str,
    outcome: String,
    start: String,
    end: String,
}

fn json(
    days: &[(NaiveDate, Option<&Entry>, Option<&Day>)],
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<String, Failure> {
    let days = days
        .iter()
        .map(|(date, e, d)| DayExport {
            date: *date,
            journal: e.map(EntryJson::from),
            plan: d.map(super::plan::day_json),
            breaks: d
                .map(|d| d.breaks.iter().map(break_json).collect())
                .unwrap_or_default(),
        })
        .collect();
    let export = Export {
        schema: EXPORT_SCHEMA,
        generator: format!("kot {}", env!("CARGO_PKG_VERSION")),
        from,
        to,
        days,
    };
    let mut text = serde_json::to_string_pretty(&export).map_err(|e| Failure(e.to_string()))?;
    text.push('\n');
    Ok(json_safe(&text).into_owned())
}

fn break_json(b: &BreakRecord) -> BreakJson {
    let stamp =
        |t: &crate::core::stamp::Stamp| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
    BreakJson {
        kind: b.kind.name(),
        outcome: outcome_name(b),
        start: stamp(&b.start),
        end: stamp(&b.end),
    }
}
