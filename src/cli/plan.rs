//! `kot plan …` and `kot where`: each command is one `DayOp` through the store, or a
//! read of one day file.

use chrono::NaiveDate;
use serde::Serialize;

use super::out;
use super::{BlockCommand, KindArgs, PlaceArg, PlanCommand};
use crate::context::Context;
use crate::core::day::{Applied, Day, DayOp, Place};
use crate::core::plan::{
    BlockFact, BlockId, BlockKind, TaskId, TaskStatus, TimeBlock, overlapping,
};
use crate::core::text::display_safe;
use crate::core::time::{Estimate, Span};
use crate::error::{CmdResult, Failure};
use crate::store::StoreError;
use crate::t;

pub fn run(ctx: &Context, cmd: PlanCommand) -> CmdResult {
    match cmd {
        PlanCommand::Add {
            title,
            top,
            estimate,
            date,
        } => {
            let date = ctx.date(date.date.as_deref())?;
            let estimate = estimate.as_deref().map(parse_estimate).transpose()?;
            let title = title.join(" ");
            let (day, applied) = ctx.store.update_day(
                date,
                DayOp::AddTask {
                    title,
                    top,
                    estimate,
                },
            )?;
            if let Some(task) = applied.task.and_then(|id| day.task(id)) {
                out::done(&t!("cli.plan.added", id = task.id, title = task.title));
            }
            Ok(())
        }
        PlanCommand::List { date, json } => {
            let date = ctx.date(date.date.as_deref())?;
            let day = read_day(ctx, date)?;
            if json {
                let text = serde_json::to_string_pretty(&DayJson::from(&day))
                    .map_err(|e| Failure(e.to_string()))?;
                out::raw(format!("{text}\n"));
            } else {
                out::text(&list_text(&day));
                out::text(&team_text(ctx, &day));
            }
            Ok(())
        }
        PlanCommand::Done { id, date } => edit(
            ctx,
            date.date,
            DayOp::SetDone {
                id: TaskId(id),
                done: true,
            },
            "cli.plan.done",
            id,
        ),
        PlanCommand::Reopen { id, date } => edit(
            ctx,
            date.date,
            DayOp::SetDone {
                id: TaskId(id),
                done: false,
            },
            "cli.plan.reopened",
            id,
        ),
        PlanCommand::Top { id, off, date } => {
            let msg = if off {
                "cli.plan.untop"
            } else {
                "cli.plan.top"
            };
            edit(
                ctx,
                date.date,
                DayOp::SetTop {
                    id: TaskId(id),
                    top: !off,
                },
                msg,
                id,
            )
        }
        PlanCommand::Edit {
            id,
            title,
            estimate,
            date,
        } => {
            if title.is_none() && estimate.is_none() {
                return Err(Failure(t!("cli.plan.edit_nothing")));
            }
            let d = ctx.date(date.date.as_deref())?;
            // Check both before writing either, so a bad estimate changes nothing.
            let estimate = match estimate.as_deref().map(str::trim) {
                None => None,
                Some("none" | "") => Some(None),
                Some(e) => Some(Some(parse_estimate(e)?)),
            };
            let id = TaskId(id);
            let mut ops = Vec::new();
            if let Some(title) = title {
                ops.push(DayOp::SetTitle { id, title });
            }
            if let Some(estimate) = estimate {
                ops.push(DayOp::SetEstimate { id, estimate });
            }
            update_with_sign(ctx, d, ops)?;
            out::done(&t!("cli.plan.edited", id = id));
            Ok(())
        }
        PlanCommand::Move { id, by, date } => edit(
            ctx,
            date.date,
            DayOp::MoveTask { id: TaskId(id), by },
            "cli.plan.moved",
            id,
        ),
        PlanCommand::Rm { id, date } => edit(
            ctx,
            date.date,
            DayOp::DeleteTask { id: TaskId(id) },
            "cli.plan.removed",
            id,
        ),
        PlanCommand::Block(b) => block(ctx, b),
    }
}

fn edit(ctx: &Context, date: Option<String>, op: DayOp, msg: &str, id: u32) -> CmdResult {
    let date = ctx.date(date.as_deref())?;
    let (_, applied) = update_with_sign(ctx, date, vec![op])?;
    let changed = applied.first().is_some_and(|a| a.undo.is_some());
    if changed {
        out::done(&t!(msg, id = id));
    } else {
        out::done(&t!("cli.plan.unchanged", id = id));
    }
    Ok(())
}

/// Apply `ops` to `date`, with a sign of today's work recorded beside a
/// task done or edited (`DayOp::is_sign_of_work`) when it changed something
/// and starts the work earlier (`Coach::sign_starts_work`): work may begin
/// before the check-in or the planned start.
fn update_with_sign(
    ctx: &Context,
    date: NaiveDate,
    ops: Vec<DayOp>,
) -> Result<(Day, Vec<Applied>), StoreError> {
    let now = ctx.clock.now();
    let today = ctx.today();
    ctx.store.update_day_with(date, |day| {
        let mut ops = ops;
        if date == today
            && let Some(sign) = crate::coach_runtime::sign_of_work(&ctx.config, day, &ops, now)
        {
            ops.push(sign);
        }
        Ok::<_, StoreError>(ops)
    })
}

fn block(ctx: &Context, cmd: BlockCommand) -> CmdResult {
    match cmd {
        BlockCommand::Add {
            span,
            title,
            kind,
            video,
            date,
        } => {
            let date = ctx.date(date.date.as_deref())?;
            let span: Span = span
                .parse()
                .map_err(|_| Failure(t!("cli.bad_span", value = span)))?;
            let kind = block_kind(&kind, video);
            let title = title.join(" ");
            let (day, applied) = ctx.store.update_day(
                date,
                DayOp::AddBlock {
                    span,
                    title,
                    kind,
                    video,
                },
            )?;
            if let Some(b) = applied
                .block
                .and_then(|id| day.blocks.iter().find(|b| b.id == id))
            {
                out::done(&t!(
                    "cli.block.added",
                    id = b.id,
                    span = b.span,
                    title = display_safe(&b.title)
                ));
                if overlapping(&day.blocks).contains(&b.id) {
                    out::line(&t!("cli.block.overlaps"));
                }
            }
            Ok(())
        }
        BlockCommand::Edit {
            id,
            at,
            title,
            kind,
            video,
            no_video,
            date,
        } => {
            let date = ctx.date(date.date.as_deref())?;
            let id = block_id(&id)?;
            let span = at
                .map(|a| {
                    a.parse::<Span>()
                        .map_err(|_| Failure(t!("cli.bad_span", value = a)))
                })
                .transpose()?;
            let video = match (video, no_video) {
                (true, _) => Some(true),
                (_, true) => Some(false),
                _ => None,
            };
            let kind = (kind.meeting || kind.focus || kind.personal || video == Some(true))
                .then(|| block_kind(&kind, video == Some(true)));
            let (day, applied) = ctx.store.update_day(
                date,
                DayOp::EditBlock {
                    id,
                    span,
                    title,
                    kind,
                    video,
                },
            )?;
            let Some(b) = day.blocks.iter().find(|b| b.id == id) else {
                return Ok(());
            };
            if applied.undo.is_none() {
                out::done(&t!("cli.block.unchanged", id = id));
                return Ok(());
            }
            out::done(&t!(
                "cli.block.changed",
                id = b.id,
                span = b.span,
                title = display_safe(&b.title),
                kind = t!(&format!("block.kind.{}", b.kind.name()))
            ));
            if overlapping(&day.blocks).contains(&b.id) {
                out::line(&t!("cli.block.overlaps"));
            }
            Ok(())
        }
        BlockCommand::Rm { id, date } => {
            let date = ctx.date(date.date.as_deref())?;
            let id = block_id(&id)?;
            ctx.store.update_day(date, DayOp::DeleteBlock { id })?;
            out::done(&t!("cli.block.removed", id = id));
            Ok(())
        }
    }
}

/// `b1` or `1`.
fn block_id(text: &str) -> Result<BlockId, Failure> {
    text.trim()
        .strip_prefix('b')
        .unwrap_or(text.trim())
        .parse()
        .map(BlockId)
        .map_err(|_| Failure(t!("cli.bad_block_id", value = text)))
}

fn block_kind(k: &KindArgs, video: bool) -> BlockKind {
    if k.personal {
        BlockKind::Personal
    } else if k.meeting || (video && !k.focus) {
        BlockKind::Meeting
    } else {
        BlockKind::Focus
    }
}

pub fn set_place(ctx: &Context, place: PlaceArg, date: Option<String>) -> CmdResult {
    let date = ctx.date(date.as_deref())?;
    let place = match place {
        PlaceArg::Home => Place::Home,
        PlaceArg::Office => Place::Office,
        PlaceArg::Off => Place::Off,
        PlaceArg::Sick => Place::Sick,
    };
    let extra_work = ctx.config.workday.extra_work(date, place);
    let mut ops = vec![DayOp::SetPlace {
        place: Some(place),
        extra_work,
    }];
    // Why a day was off (`kot off --reason`) goes when it no longer is.
    if place != Place::Off {
        ops.push(DayOp::SetOffReason { reason: None });
    }
    ctx.store.update_day_all(date, ops)?;
    out::done(&t!(
        "cli.where.set",
        date = date,
        place = t!(&format!("place.{}", place.name()))
    ));
    Ok(())
}

fn parse_estimate(s: &str) -> Result<Estimate, Failure> {
    s.parse()
        .map_err(|_| Failure(t!("cli.bad_estimate", value = s)))
}

/// The day at `date`, a fresh one if it has no file; an unreadable file is an error.
fn read_day(ctx: &Context, date: NaiveDate) -> Result<Day, Failure> {
    ctx.store
        .load_day(date)
        .into_day(date)
        .map_err(|c| Failure(c.describe()))
}

/// The day's team meetings from `[agreements]` (not in the day file, so
/// without an id): nothing when it has none.
fn team_text(ctx: &Context, day: &Day) -> String {
    use std::fmt::Write as _;
    let team = crate::coach_runtime::team_blocks(&ctx.config, day);
    if team.is_empty() {
        return String::new();
    }
    let mut out = format!("{}\n", t!("cli.plan.team_meetings"));
    for b in team {
        // The heading says they are agreed.
        let _ = writeln!(
            out,
            "        {}  {}{}",
            b.span,
            display_safe(&b.title),
            facts_text(&b, |f| f != BlockFact::Agreed)
        );
    }
    out
}

/// `  [meeting · video]` after a block's title, the facts `keep` keeps;
/// nothing when none is left.
fn facts_text(b: &TimeBlock, keep: impl Fn(BlockFact) -> bool) -> String {
    let words = crate::coach_runtime::block_facts(b, keep);
    if words.is_empty() {
        String::new()
    } else {
        format!("  [{}]", words.join(" · "))
    }
}

/// The plain-text listing: one task per line with its id, then the blocks.
#[must_use]
pub fn list_text(day: &Day) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let place = day
        .place
        .map(|p| format!(" · {}", t!(&format!("place.{}", p.name()))))
        .unwrap_or_default();
    let _ = writeln!(out, "{}{place}", super::off::date_name(day.date));
    let active: Vec<_> = day.active_tasks().collect();
    if active.is_empty() {
        let _ = writeln!(out, "  {}", t!("cli.plan.no_tasks"));
    }
    for task in active {
        let check = if task.is_done() { "[x]" } else { "[ ]" };
        let star = if task.top { "★" } else { " " };
        let est = task
            .estimate
            .map(|e| format!("  ({})", crate::i18n::hm(i64::from(e.minutes()))))
            .unwrap_or_default();
        let title = display_safe(&task.title);
        let _ = writeln!(out, "{star} {check} {:>3}  {title}{est}", task.id);
    }
    let away: Vec<_> = day.tasks.iter().filter(|t| !t.status.is_active()).collect();
    if !away.is_empty() {
        let _ = writeln!(out, "{}", t!("cli.plan.moved_away"));
        for task in away {
            let status = match task.carried_to {
                Some(d) if task.status == TaskStatus::Carried => {
                    t!("cli.plan.carried_to", date = d.format("%Y-%m-%d"))
                }
                _ => t!("cli.plan.dropped"),
            };
            let title = display_safe(&task.title);
            let _ = writeln!(out, "    {:>3}  {title}  ({status})", task.id);
        }
    }
    let blocks = day.blocks_by_time();
    if !blocks.is_empty() {
        let clash = overlapping(&day.blocks);
        let _ = writeln!(out, "{}", t!("cli.plan.blocks"));
        for b in blocks {
            let over = if clash.contains(&b.id) {
                format!("  ({})", t!("block.overlap"))
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "  {:>4}  {}  {}{}{over}",
                b.id.to_string(),
                b.span,
                display_safe(&b.title),
                facts_text(b, |_| true)
            );
        }
    }
    out
}

#[derive(Serialize)]
struct DayJson<'a> {
    date: NaiveDate,
    place: Option<&'static str>,
    feeling: Option<u8>,
    tasks: Vec<TaskJson<'a>>,
    blocks: Vec<BlockJson<'a>>,
}

#[derive(Serialize)]
struct TaskJson<'a> {
    id: u32,
    title: &'a str,
    status: TaskStatus,
    top: bool,
    estimate: Option<String>,
    estimate_minutes: Option<u16>,
    carried_from: Option<String>,
    /// The day a carried task went to.
    carried_to: Option<NaiveDate>,
}

#[derive(Serialize)]
struct BlockJson<'a> {
    id: String,
    start: String,
    end: String,
    title: &'a str,
    kind: &'static str,
    video: bool,
    overlaps: bool,
}

impl<'a> From<&'a Day> for DayJson<'a> {
    fn from(day: &'a Day) -> Self {
        let clash = overlapping(&day.blocks);
        Self {
            date: day.date,
            place: day.place.map(Place::name),
            feeling: day.checkin.as_ref().and_then(|c| c.feeling),
            // Carried and dropped tasks too: their status says which.
            tasks: day
                .tasks
                .iter()
                .map(|t| TaskJson {
                    id: t.id.0,
                    title: &t.title,
                    status: t.status,
                    top: t.top,
                    estimate: t.estimate.map(|e| e.to_string()),
                    estimate_minutes: t.estimate.map(Estimate::minutes),
                    carried_from: t.carried_from.map(|r| r.to_string()),
                    carried_to: t.carried_to,
                })
                .collect(),
            blocks: day
                .blocks_by_time()
                .into_iter()
                .map(|b| BlockJson {
                    id: b.id.to_string(),
                    start: b.span.start.to_string(),
                    end: b.span.end.to_string(),
                    title: &b.title,
                    kind: b.kind.name(),
                    video: b.video,
                    overlaps: clash.contains(&b.id),
                })
                .collect(),
        }
    }
}

/// A day as `kot plan list --json` prints it (also each day of `kot export`).
#[must_use]
pub fn day_json(day: &Day) -> serde_json::Value {
    serde_json::to_value(DayJson::from(day)).unwrap_or(serde_json::Value::Null)
}
