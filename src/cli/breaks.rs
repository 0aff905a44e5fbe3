//! `kot break start|end|skip|snooze`, `kot pause`, `kot resume`: the coach's
//! intents from a script, recorded in today's file like the TUI's keys.

use super::BreakCommand;
use super::context::{CmdResult, Context, Failure};
use super::out;
use crate::clock::Zone;
use crate::coaching;
use crate::core::coach::{Coach, CoachOp, CoachRefusal};
use crate::core::day::{Day, DayOp};
use crate::t;

fn today(ctx: &Context) -> Result<Day, Failure> {
    let date = ctx.today();
    ctx.store
        .load_day(date)
        .into_day(date)
        .map_err(|c| Failure(c.describe()))
}

/// Work out the edit with the coach, write it, and return the day after it.
fn intent(
    ctx: &Context,
    f: impl FnOnce(&Coach<'_, Zone>) -> Result<CoachOp, CoachRefusal>,
) -> Result<Day, Failure> {
    let day = today(ctx)?;
    let op = f(&coaching::coach(&ctx.config, &day)).map_err(|r| Failure(coaching::refusal(r)))?;
    let (day, _) = ctx.store.update_day(day.date, DayOp::Coach(op))?;
    Ok(day)
}

pub fn run(ctx: &Context, cmd: BreakCommand) -> CmdResult {
    let now = ctx.clock.now();
    let day = match cmd {
        BreakCommand::Start { lunch } => intent(ctx, |c| c.start_break(now, lunch))?,
        BreakCommand::End => intent(ctx, |c| c.end_break(now))?,
        BreakCommand::Skip => intent(ctx, |c| c.skip(now))?,
        BreakCommand::Snooze => intent(ctx, |c| c.snooze(now))?,
    };
    let coach = coaching::coach(&ctx.config, &day);
    let msg = match cmd {
        BreakCommand::Start { .. } => match day.coach.on_break.as_ref() {
            Some(b) => t!(
                "cli.break.started",
                kind = coaching::kind_name(b.kind),
                minutes = b.minutes,
                until = coaching::local_hm(b.end())
            ),
            None => String::new(),
        },
        BreakCommand::End => {
            let mut msg = match coach.break_due(now) {
                Some(due) => t!("cli.break.ended", next = coaching::local_hm(due)),
                None => t!("cli.break.ended_no_next"),
            };
            if let Some(note) = lunch_note(ctx, &day) {
                msg = format!("{msg}\n{note}");
            }
            msg
        }
        BreakCommand::Skip => t!("cli.break.skipped"),
        BreakCommand::Snooze => t!(
            "cli.break.snoozed",
            minutes = ctx.config.breaks.snooze_minutes,
            left = coach.snooze_left()
        ),
    };
    out::done(&msg);
    Ok(())
}

/// After a lunch too early or too short to count: that kot still expects one.
fn lunch_note(ctx: &Context, day: &Day) -> Option<String> {
    use crate::core::breaks::{BreakKind, Counted};
    let last = day.breaks.last()?;
    (last.kind == BreakKind::Lunch && last.counted != Counted::Lunch).then(|| {
        t!(
            "notice.lunch_still_expected_body",
            from = ctx.config.breaks.lunch_earliest,
            until = ctx.config.breaks.lunch_latest
        )
    })
}

pub fn pause(ctx: &Context, words: &[String]) -> CmdResult {
    let now = ctx.clock.now();
    let text = words.join(" ");
    let until = coaching::parse_pause(&text, now)
        .ok_or_else(|| Failure(t!("cli.bad_pause", value = text)))?;
    let day = intent(ctx, |c| c.pause(now, until))?;
    let until = day
        .coach
        .paused_until
        .map(|p| coaching::local_hm(p.to_utc()))
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
