//! `kot break start|end|skip|snooze|add`, `kot pause`, `kot resume`: the coach's
//! intents from a script, recorded in today's file like the TUI's keys.

use chrono::NaiveDate;

use super::out;
use super::{BreakCommand, DateArg};
use crate::clock::Zone;
use crate::coach_runtime::{self, intent::Intent};
use crate::context::Context;
use crate::core::breaks::{BreakKind, CoachOp};
use crate::core::coach::CoachState;
use crate::core::day::{Day, DayOp};
use crate::core::time::Span;
use crate::core::workday::resolve_local;
use crate::error::{CmdResult, Failure};
use crate::t;

fn today(ctx: &Context) -> Result<Day, Failure> {
    let date = ctx.today();
    ctx.store
        .load_day(date)
        .into_day(date)
        .map_err(|c| Failure(c.describe()))
}

/// Decide `intent` on `date` as it is on disk under the write lock, record it,
/// and return the day after it: of several kots acting at once, one wins.
fn record(ctx: &Context, date: NaiveDate, intent: Intent) -> Result<Day, Failure> {
    coach_runtime::intent::record(&ctx.store, &ctx.config, date, intent, ctx.clock.now())
        .map_err(|e| Failure(e.message()))
}

pub fn run(ctx: &Context, cmd: BreakCommand) -> CmdResult {
    let now = ctx.clock.now();
    let intent = match cmd {
        BreakCommand::Add { span, lunch, date } => return add(ctx, &span, lunch, date),
        // What this command saw: a start while a break was due means that one.
        BreakCommand::Start { lunch } => {
            let seen = coach_runtime::coach(&ctx.config, &today(ctx)?).state(now);
            let for_due = matches!(seen, CoachState::BreakDue { .. });
            Intent::StartBreak { lunch, for_due }
        }
        BreakCommand::End => Intent::EndBreak,
        BreakCommand::Skip => Intent::Skip,
        BreakCommand::Snooze => Intent::Snooze,
    };
    let day = record(ctx, ctx.today(), intent)?;
    let msg = coach_runtime::feedback(intent, &ctx.config, &day, now).unwrap_or_default();
    out::done(&msg);
    Ok(())
}

/// `kot break add 12:00-12:40 [--lunch] [--date D]`: a break kot did not see.
fn add(ctx: &Context, span: &str, lunch: bool, date: DateArg) -> CmdResult {
    let date = ctx.date(date.date.as_deref())?;
    let span: Span = span
        .parse()
        .map_err(|_| Failure(t!("cli.bad_span", value = span)))?;
    let (start, end) = (
        resolve_local(&Zone, date, span.start),
        resolve_local(&Zone, date, span.end),
    );
    let day = record(ctx, date, Intent::Add { start, end, lunch })?;
    let kind = day
        .breaks
        .iter()
        .find(|b| b.start.to_utc() == start && b.end.to_utc() == end)
        .map_or(BreakKind::Short, |b| b.kind);
    out::done(&t!(
        "cli.break.added",
        kind = coach_runtime::kind_name(kind),
        start = span.start,
        end = span.end,
        minutes = (end - start).num_minutes()
    ));
    Ok(())
}

pub fn pause(ctx: &Context, words: &[String]) -> CmdResult {
    let now = ctx.clock.now();
    let text = words.join(" ");
    let until = coach_runtime::parse_pause(&text, now)
        .ok_or_else(|| Failure(t!("cli.bad_pause", value = text)))?;
    let day = record(ctx, ctx.today(), Intent::Pause { until })?;
    let until = day
        .coach
        .paused_until
        .map(|p| coach_runtime::local_hm(p.to_utc()))
        .unwrap_or_default();
    out::done(&t!("cli.paused", until = until));
    Ok(())
}

pub fn resume(ctx: &Context) -> CmdResult {
    let day = today(ctx)?;
    if day.coach.paused_until.is_none() {
        return Err(Failure(t!("coach.refused.not_paused")));
    }
    ctx.store
        .update_day(day.date, DayOp::Coach(CoachOp::Resume))?;
    out::done(&t!("cli.resumed"));
    Ok(())
}
