//! One day file's content and every edit to it as data (`DayOp`). `Day::apply` is
//! the only way a day changes, in the TUI and the CLI alike; it enforces the rules
//! and returns the edit that undoes it.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::breaks::{BreakRecord, CoachLog, CoachOp, Outcome};
use super::plan::{BlockId, BlockKind, TOP_LIMIT, Task, TaskId, TaskRef, TaskStatus, TimeBlock};
use super::shutdown::{Evening, ShutdownRecord};
use super::stamp::Stamp;
use super::time::{Estimate, Span, TimeOfDay};

/// The newest day-file format this kot reads and writes. A file with a higher
/// number came from a newer kot: it is shown, but never rewritten.
///
/// 2 added `outcome = "ignored"` to `[[breaks]]`. A day is written as 2 only
/// once it holds such a record (`Day::needed_schema`); every other day stays 1,
/// so an older kot keeps reading and editing it.
pub const SCHEMA: u32 = 2;

/// The format of a day that uses nothing newer.
pub const BASE_SCHEMA: u32 = 1;

/// Where the day is spent. Off and sick days carry no work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Place {
    Home,
    Office,
    Off,
    Sick,
}

impl Place {
    pub const ALL: [Self; 4] = [Self::Home, Self::Office, Self::Off, Self::Sick];

    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Home => "home",
            Self::Office => "office",
            Self::Off => "off",
            Self::Sick => "sick",
        }
    }
}

/// The morning check-in, asked once a day: present once it was answered or skipped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Checkin {
    /// When it was finished, local time with its offset.
    #[serde(with = "super::stamp")]
    pub at: DateTime<FixedOffset>,
    /// How the user feels, 1 (bad) to 5 (great); absent when skipped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feeling: Option<u8>,
    #[serde(flatten)]
    pub extra: toml::Table,
}

/// Everything in `days/YYYY/YYYY-MM-DD.toml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Day {
    /// A hand-written file may leave it out: it then means this version.
    #[serde(default = "current_schema")]
    pub schema: u32,
    /// A hand-written file may leave it out: the file name says it.
    #[serde(default = "unset_date", with = "file_date")]
    pub date: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Place>,
    /// Home or office was chosen on a weekday the config has no work on.
    #[serde(default, skip_serializing_if = "is_false")]
    pub extra_work: bool,
    /// Why the day is off (`kot off --reason`): `holiday`, `leave`,
    /// `compensation`, `other`, or whatever a hand wrote. Read through
    /// `Day::off_reason`, which ignores it unless the place is off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub off_reason: Option<String>,
    /// The next task id to hand out; ids are never reused.
    #[serde(default = "one")]
    pub next_task: u32,
    #[serde(default = "one")]
    pub next_block: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checkin: Option<Checkin>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<Task>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<TimeBlock>,
    /// The break coach's running state.
    #[serde(
        default,
        skip_serializing_if = "CoachLog::is_empty",
        deserialize_with = "CoachLog::read"
    )]
    pub coach: CoachLog,
    /// Every break taken or skipped, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub breaks: Vec<BreakRecord>,
    /// How the workday ended (and a moved end).
    #[serde(default, skip_serializing_if = "ShutdownRecord::is_empty")]
    pub shutdown: ShutdownRecord,
    /// Work again after the shutdown, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evening: Vec<Evening>,
    #[serde(flatten)]
    pub extra: toml::Table,
}

/// Field by field, except that a `nan` kept in an unknown key equals itself: the
/// store writes a day only when an edit changed it, and with plain float equality
/// a hand-written `nan` made every no-op edit rewrite the file.
impl PartialEq for Day {
    fn eq(&self, other: &Self) -> bool {
        // Destructured so that a new field cannot be left out of the comparison.
        let Self {
            schema,
            date,
            place,
            extra_work,
            off_reason,
            next_task,
            next_block,
            checkin,
            tasks,
            blocks,
            coach,
            breaks,
            shutdown,
            evening,
            extra,
        } = self;
        let same = *schema == other.schema
            && *date == other.date
            && *place == other.place
            && *extra_work == other.extra_work
            && *off_reason == other.off_reason
            && *next_task == other.next_task
            && *next_block == other.next_block
            && *checkin == other.checkin
            && *tasks == other.tasks
            && *blocks == other.blocks
            && *coach == other.coach
            && *breaks == other.breaks
            && *shutdown == other.shutdown
            && *evening == other.evening
            && *extra == other.extra;
        // Only a difference is checked again, as the text it would be written as,
        // where `nan` reads the same on both sides.
        same || matches!(
            (toml::to_string(self), toml::to_string(other)),
            (Ok(a), Ok(b)) if a == b
        )
    }
}

/// Dates as day files hold them: `"2026-11-23"`, read back from a quoted string
/// or a bare TOML date (valid TOML, and what people write by hand). A date that is
/// not on the calendar is named in the error.
pub mod file_date {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&d.format("%Y-%m-%d"))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        // Through `toml::Value`: inside structs that keep unknown keys serde hands
        // a TOML date over as a map, which only toml's own value type reads back.
        let v = toml::Value::deserialize(d)?;
        let date = match &v {
            toml::Value::String(s) => crate::core::time::parse_date(s.trim()),
            toml::Value::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => {
                dt.date.and_then(|d| {
                    NaiveDate::from_ymd_opt(i32::from(d.year), d.month.into(), d.day.into())
                })
            }
            _ => None,
        };
        date.ok_or_else(|| {
            serde::de::Error::custom(format!(
                "{v} is not a date on the calendar, written like \"2026-11-23\""
            ))
        })
    }

    /// The same for an optional date (`#[serde(default, with = "file_date::option")]`).
    pub mod option {
        use chrono::NaiveDate;
        use serde::{Deserializer, Serializer};

        #[allow(clippy::ref_option)]
        pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
            match d {
                Some(d) => super::serialize(d, s),
                None => s.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
            super::deserialize(d).map(Some)
        }
    }
}

/// Stands for "no date in the file" until the loader fills in the file's date.
pub const UNSET_DATE: NaiveDate = NaiveDate::MIN;

const fn unset_date() -> NaiveDate {
    UNSET_DATE
}

/// A file without `schema` is read as the base format; a record that needs a
/// newer one raises it when the day is next changed.
const fn current_schema() -> u32 {
    BASE_SCHEMA
}

#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_false(b: &bool) -> bool {
    !*b
}

const fn one() -> u32 {
    1
}

/// An edit of one day. Ids, never positions, name the target, so an edit made on a
/// stale view still hits the right task.
#[derive(Debug, Clone, PartialEq)]
pub enum DayOp {
    AddTask {
        title: String,
        top: bool,
        estimate: Option<Estimate>,
    },
    SetTitle {
        id: TaskId,
        title: String,
    },
    SetEstimate {
        id: TaskId,
        estimate: Option<Estimate>,
    },
    SetDone {
        id: TaskId,
        done: bool,
    },
    SetTop {
        id: TaskId,
        top: bool,
    },
    /// Move a task by `by` places among the visible (active) tasks.
    MoveTask {
        id: TaskId,
        by: i32,
    },
    DeleteTask {
        id: TaskId,
    },
    /// Put a deleted task back where it was (the undo of `DeleteTask`).
    RestoreTask {
        task: Task,
        index: usize,
    },
    AddBlock {
        span: Span,
        title: String,
        kind: BlockKind,
        video: bool,
    },
    DeleteBlock {
        id: BlockId,
    },
    /// Change a block's time, title, kind or video flag (`None`: as it is).
    EditBlock {
        id: BlockId,
        span: Option<Span>,
        title: Option<String>,
        kind: Option<BlockKind>,
        video: Option<bool>,
    },
    RestoreBlock {
        block: TimeBlock,
        index: usize,
    },
    /// Where the day is spent; `extra_work` when that is work on a day the
    /// config has none (the caller knows the config, the day does not).
    SetPlace {
        place: Option<Place>,
        extra_work: bool,
    },
    /// Why the day is off (`kot off --reason`); `None` removes it.
    SetOffReason {
        reason: Option<String>,
    },
    /// Copy a task from an earlier day. Doing it twice copies it once.
    CarryIn {
        from: TaskRef,
        title: String,
        estimate: Option<Estimate>,
        top: bool,
    },
    /// Mark this day's task as carried to `to`, or dropped (`to = None`).
    CarryOut {
        id: TaskId,
        to: Option<NaiveDate>,
    },
    FinishCheckin {
        at: DateTime<FixedOffset>,
        feeling: Option<u8>,
    },
    /// A record of the break coach (see `CoachOp::apply`).
    Coach(CoachOp),
    /// Move today's end (`kot end`), or back to the planned one (`None`).
    /// The end-of-day prompts start over for the new end.
    SetEnd {
        end: Option<TimeOfDay>,
    },
    /// The ritual is complete (or a shutdown away from kot is told). A later
    /// one, a correction, replaces the time; the totals are the caller's.
    CompleteShutdown {
        at: Stamp,
        worked_minutes: u32,
        overtime_minutes: u32,
        steps: Vec<String>,
        next_day: Option<NaiveDate>,
        /// The next day's top 3 as the ritual left it (empty: not planned).
        next_top: Vec<TaskId>,
    },
    /// The work day ended with no shutdown (found the next morning). A day
    /// that has one is left alone.
    MarkShutdownMissed {
        worked_minutes: u32,
        overtime_minutes: u32,
    },
    /// Work again after the shutdown, from `at`; nothing when some runs.
    StartEvening {
        at: Stamp,
    },
    /// End the evening work under way at `at`.
    EndEvening {
        at: Stamp,
    },
    /// Evening work told afterwards (`kot work --at --until`), kept in order.
    AddEvening {
        start: Stamp,
        end: Stamp,
    },
    /// The day's totals, recomputed after evening work.
    SetWorked {
        worked_minutes: u32,
        overtime_minutes: u32,
    },
    /// The day's start and end told afterwards (`None`: left as they are),
    /// with the totals they give (the caller's, by the coach's rule; `None`
    /// while the day's work still runs, so every view goes on counting it).
    CorrectWork {
        start: Option<TimeOfDay>,
        end: Option<TimeOfDay>,
        worked_minutes: Option<u32>,
        overtime_minutes: Option<u32>,
    },
    /// Where you left off, for the next work day (`None` or blank: none).
    SetNote {
        note: Option<String>,
    },
}

impl DayOp {
    /// Whether this edit is work done by hand, so a sign the workday has
    /// begun: a task marked done, or a task's title or estimate edited.
    /// Planning (adding tasks, blocks, the top 3) is not: it happens at
    /// breakfast and in the evening. The front ends record the first sign of
    /// today's work (`CoachOp::SignOfWork`) beside such an edit.
    #[must_use]
    pub fn is_sign_of_work(&self) -> bool {
        matches!(
            self,
            DayOp::SetDone { done: true, .. } | DayOp::SetTitle { .. } | DayOp::SetEstimate { .. }
        )
    }
}

/// Why an edit was refused; nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    TopFull,
    NoSuchTask(TaskId),
    NoSuchBlock(BlockId),
    EmptyTitle,
    BadFeeling(u8),
    /// `next_task` or a task id is at the top of the id range (a hand edit).
    NoTaskIdLeft,
    NoBlockIdLeft,
    /// Evening work told afterwards overlaps evening work already recorded
    /// (this span): counting both would count the same hours twice.
    EveningOverlaps {
        start: Stamp,
        end: Option<Stamp>,
    },
}

/// What an applied edit did.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Applied {
    /// The edit that restores the state before, for `u`; `None` if nothing changed.
    pub undo: Option<DayOp>,
    /// The task an `AddTask` or `CarryIn` created.
    pub task: Option<TaskId>,
    pub block: Option<BlockId>,
}

impl Day {
    #[must_use]
    pub fn new(date: NaiveDate) -> Self {
        Self {
            schema: BASE_SCHEMA,
            date,
            place: None,
            extra_work: false,
            off_reason: None,
            next_task: 1,
            next_block: 1,
            checkin: None,
            tasks: Vec::new(),
            blocks: Vec::new(),
            coach: CoachLog::default(),
            breaks: Vec::new(),
            shutdown: ShutdownRecord::default(),
            evening: Vec::new(),
            extra: toml::Table::new(),
        }
    }

    /// Why the day is off, when it is off and a reason was given.
    #[must_use]
    pub fn off_reason(&self) -> Option<&str> {
        (self.place == Some(Place::Off))
            .then_some(self.off_reason.as_deref())
            .flatten()
    }

    #[must_use]
    pub fn task(&self, id: TaskId) -> Option<&Task> {
        self.tasks.iter().find(|t| t.id == id)
    }

    /// Tasks that belong to this day's work, in plan order.
    pub fn active_tasks(&self) -> impl Iterator<Item = &Task> {
        self.tasks.iter().filter(|t| t.status.is_active())
    }

    pub fn top_tasks(&self) -> impl Iterator<Item = &Task> {
        self.active_tasks().filter(|t| t.top)
    }

    /// Open tasks a later day may carry over or drop.
    pub fn unfinished(&self) -> impl Iterator<Item = &Task> {
        self.tasks.iter().filter(|t| t.status == TaskStatus::Open)
    }

    /// Blocks sorted by start time, then id.
    #[must_use]
    pub fn blocks_by_time(&self) -> Vec<&TimeBlock> {
        let mut v: Vec<&TimeBlock> = self.blocks.iter().collect();
        v.sort_by_key(|b| (b.span, b.id));
        v
    }

    fn index_of(&self, id: TaskId) -> Result<usize, Refusal> {
        self.tasks
            .iter()
            .position(|t| t.id == id)
            .ok_or(Refusal::NoSuchTask(id))
    }

    fn next_task_id(&mut self) -> Result<TaskId, Refusal> {
        let max = self.tasks.iter().map(|t| t.id.0).max();
        let id = fresh_id(&mut self.next_task, max).ok_or(Refusal::NoTaskIdLeft)?;
        Ok(TaskId(id))
    }

    fn next_block_id(&mut self) -> Result<BlockId, Refusal> {
        let max = self.blocks.iter().map(|b| b.id.0).max();
        let id = fresh_id(&mut self.next_block, max).ok_or(Refusal::NoBlockIdLeft)?;
        Ok(BlockId(id))
    }

    /// Ids that more than one task or block of a hand-edited file carries, each
    /// once, in order: an edit by such an id reaches only the first.
    #[must_use]
    pub fn duplicate_ids(&self) -> (Vec<TaskId>, Vec<BlockId>) {
        (
            repeated(self.tasks.iter().map(|t| t.id)),
            repeated(self.blocks.iter().map(|b| b.id)),
        )
    }

    fn top_count(&self) -> usize {
        self.top_tasks().count()
    }

    /// Apply one edit, or refuse it and change nothing.
    ///
    /// # Errors
    /// A `Refusal` saying which rule the edit broke.
    pub fn apply(&mut self, op: DayOp) -> Result<Applied, Refusal> {
        match op {
            DayOp::AddTask {
                title,
                top,
                estimate,
            } => {
                let title = clean_title(&title)?;
                if top && self.top_count() >= TOP_LIMIT {
                    return Err(Refusal::TopFull);
                }
                let id = self.next_task_id()?;
                let mut task = Task::new(id, title);
                task.top = top;
                task.estimate = estimate;
                self.tasks.push(task);
                Ok(Applied {
                    undo: Some(DayOp::DeleteTask { id }),
                    task: Some(id),
                    block: None,
                })
            }
            DayOp::SetTitle { id, title } => {
                let title = clean_title(&title)?;
                let i = self.index_of(id)?;
                let old = std::mem::replace(&mut self.tasks[i].title, title);
                Ok(undo(DayOp::SetTitle { id, title: old }))
            }
            DayOp::SetEstimate { id, estimate } => {
                let i = self.index_of(id)?;
                let old = std::mem::replace(&mut self.tasks[i].estimate, estimate);
                Ok(undo(DayOp::SetEstimate { id, estimate: old }))
            }
            DayOp::SetDone { id, done } => {
                let i = self.index_of(id)?;
                let old = self.tasks[i].status;
                let new = if done {
                    TaskStatus::Done
                } else {
                    TaskStatus::Open
                };
                // Nothing to undo when nothing changed (`kot plan reopen` on
                // an open task says so).
                if old == new {
                    return Ok(Applied::default());
                }
                self.tasks[i].status = new;
                Ok(undo(DayOp::SetDone {
                    id,
                    done: old == TaskStatus::Done,
                }))
            }
            DayOp::SetTop { id, top } => {
                let i = self.index_of(id)?;
                let old = self.tasks[i].top;
                if old == top {
                    return Ok(Applied::default());
                }
                if top && !old && self.tasks[i].status.is_active() && self.top_count() >= TOP_LIMIT
                {
                    return Err(Refusal::TopFull);
                }
                self.tasks[i].top = top;
                Ok(undo(DayOp::SetTop { id, top: old }))
            }
            DayOp::MoveTask { id, by } => self.move_task(id, by),
            DayOp::DeleteTask { id } => {
                let index = self.index_of(id)?;
                let task = self.tasks.remove(index);
                Ok(undo(DayOp::RestoreTask { task, index }))
            }
            DayOp::RestoreTask { task, index } => {
                if self.task(task.id).is_some() {
                    return Ok(Applied::default());
                }
                let id = task.id;
                self.next_task = self.next_task.max(id.0.saturating_add(1));
                self.tasks.insert(index.min(self.tasks.len()), task);
                Ok(Applied {
                    undo: Some(DayOp::DeleteTask { id }),
                    task: Some(id),
                    block: None,
                })
            }
            DayOp::AddBlock {
                span,
                title,
                kind,
                video,
            } => {
                let title = clean_title(&title)?;
                let id = self.next_block_id()?;
                self.blocks.push(TimeBlock {
                    id,
                    span,
                    title,
                    kind,
                    video,
                    extra: toml::Table::new(),
                });
                Ok(Applied {
                    undo: Some(DayOp::DeleteBlock { id }),
                    task: None,
                    block: Some(id),
                })
            }
            DayOp::DeleteBlock { id } => {
                let index = self
                    .blocks
                    .iter()
                    .position(|b| b.id == id)
                    .ok_or(Refusal::NoSuchBlock(id))?;
                let block = self.blocks.remove(index);
                Ok(undo(DayOp::RestoreBlock { block, index }))
            }
            DayOp::EditBlock {
                id,
                span,
                title,
                kind,
                video,
            } => {
                let title = title.as_deref().map(clean_title).transpose()?;
                let block = self
                    .blocks
                    .iter_mut()
                    .find(|b| b.id == id)
                    .ok_or(Refusal::NoSuchBlock(id))?;
                let before = DayOp::EditBlock {
                    id,
                    span: Some(block.span),
                    title: Some(block.title.clone()),
                    kind: Some(block.kind),
                    video: Some(block.video),
                };
                let after = (
                    span.unwrap_or(block.span),
                    title.unwrap_or_else(|| block.title.clone()),
                    kind.unwrap_or(block.kind),
                    video.unwrap_or(block.video),
                );
                if (block.span, block.title.clone(), block.kind, block.video) == after {
                    return Ok(Applied::default());
                }
                (block.span, block.title, block.kind, block.video) = after;
                Ok(Applied {
                    undo: Some(before),
                    task: None,
                    block: Some(id),
                })
            }
            DayOp::RestoreBlock { block, index } => {
                if self.blocks.iter().any(|b| b.id == block.id) {
                    return Ok(Applied::default());
                }
                let id = block.id;
                self.next_block = self.next_block.max(id.0.saturating_add(1));
                self.blocks.insert(index.min(self.blocks.len()), block);
                Ok(Applied {
                    undo: Some(DayOp::DeleteBlock { id }),
                    task: None,
                    block: Some(id),
                })
            }
            DayOp::SetPlace { place, extra_work } => {
                let old = std::mem::replace(&mut self.place, place);
                let old_extra = std::mem::replace(&mut self.extra_work, extra_work);
                Ok(undo(DayOp::SetPlace {
                    place: old,
                    extra_work: old_extra,
                }))
            }
            DayOp::SetOffReason { reason } => {
                let old = std::mem::replace(&mut self.off_reason, reason);
                Ok(undo(DayOp::SetOffReason { reason: old }))
            }
            DayOp::CarryIn {
                from,
                title,
                estimate,
                top,
            } => self.carry_in(from, title, estimate, top),
            DayOp::CarryOut { id, to } => {
                let i = self.index_of(id)?;
                let task = &mut self.tasks[i];
                // Done (or already carried) meanwhile, by another kot: leave it.
                if task.status != TaskStatus::Open {
                    return Ok(Applied::default());
                }
                task.status = if to.is_some() {
                    TaskStatus::Carried
                } else {
                    TaskStatus::Dropped
                };
                task.carried_to = to;
                Ok(Applied::default())
            }
            DayOp::FinishCheckin { at, feeling } => {
                if let Some(f) = feeling.filter(|f| !(1..=5).contains(f)) {
                    return Err(Refusal::BadFeeling(f));
                }
                // Redoing the check-in keeps when the day began (the first
                // focus block starts from it); only the answers change.
                let (at, extra) = match self.checkin.take() {
                    Some(c) => (c.at, c.extra),
                    None => {
                        // Prompts made before the check-in are not the day's.
                        if self.breaks.is_empty() && self.coach.focus_since.is_none() {
                            self.coach.prompted_at = None;
                            self.coach.escalated = false;
                        }
                        (at, toml::Table::new())
                    }
                };
                self.checkin = Some(Checkin { at, feeling, extra });
                Ok(Applied::default())
            }
            DayOp::AddEvening { start, end } => {
                // Open evening work runs on until it is ended: it overlaps
                // anything after its start.
                if let Some(e) = self
                    .evening
                    .iter()
                    .find(|e| e.start < end && e.end.is_none_or(|x| start < x))
                {
                    return Err(Refusal::EveningOverlaps {
                        start: e.start,
                        end: e.end,
                    });
                }
                self.apply_ending(DayOp::AddEvening { start, end });
                Ok(Applied::default())
            }
            DayOp::Coach(op) => {
                op.apply(&mut self.coach, &mut self.breaks);
                // Never lowered: a file once written as 2 stays 2.
                self.schema = self.schema.max(self.needed_schema());
                Ok(Applied::default())
            }
            op => {
                self.apply_ending(op);
                Ok(Applied::default())
            }
        }
    }

    /// The edits of how the day ends (`[shutdown]`, `[[evening]]`).
    fn apply_ending(&mut self, op: DayOp) {
        let s = &mut self.shutdown;
        match op {
            DayOp::SetEnd { end } => {
                s.end = end;
                self.coach.shutdown_warned.clear();
                self.coach.shutdown_due = false;
                self.coach.shutdown_nudged.clear();
            }
            DayOp::CompleteShutdown {
                at,
                worked_minutes,
                overtime_minutes,
                steps,
                next_day,
                next_top,
            } => {
                s.at = Some(at);
                s.worked_minutes = Some(worked_minutes);
                s.overtime_minutes = Some(overtime_minutes);
                s.missed = false;
                if !steps.is_empty() {
                    s.steps = steps;
                }
                s.next_day = next_day.or(s.next_day);
                if next_day.is_some() {
                    s.next_top = next_top;
                }
            }
            DayOp::MarkShutdownMissed {
                worked_minutes,
                overtime_minutes,
            } if s.at.is_none() => {
                s.missed = true;
                s.worked_minutes = Some(worked_minutes);
                s.overtime_minutes = Some(overtime_minutes);
            }
            DayOp::StartEvening { at } if self.evening.iter().all(|e| e.end.is_some()) => {
                self.evening.push(Evening {
                    start: at,
                    end: None,
                    extra: toml::Table::new(),
                });
            }
            DayOp::EndEvening { at } => {
                if let Some(e) = self.evening.iter_mut().rev().find(|e| e.end.is_none()) {
                    e.end = Some(at.max(e.start));
                }
            }
            DayOp::AddEvening { start, end } => {
                let i = self.evening.partition_point(|e| e.start <= start);
                self.evening.insert(
                    i,
                    Evening {
                        start,
                        end: Some(end),
                        extra: toml::Table::new(),
                    },
                );
            }
            DayOp::SetWorked {
                worked_minutes,
                overtime_minutes,
            } => {
                s.worked_minutes = Some(worked_minutes);
                s.overtime_minutes = Some(overtime_minutes);
            }
            DayOp::CorrectWork {
                start,
                end,
                worked_minutes,
                overtime_minutes,
            } => {
                s.corrected_start = start.or(s.corrected_start);
                s.corrected_end = end.or(s.corrected_end);
                s.worked_minutes = worked_minutes;
                s.overtime_minutes = overtime_minutes;
            }
            DayOp::SetNote { note } => {
                s.note = note.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
            }
            // Every other edit is applied in `apply`; a missed shutdown of a
            // day that has one, and a second evening, change nothing.
            _ => {}
        }
    }

    fn move_task(&mut self, id: TaskId, by: i32) -> Result<Applied, Refusal> {
        let from = self.index_of(id)?;
        // Move among active tasks only: carried and dropped ones are invisible here.
        let active: Vec<usize> = (0..self.tasks.len())
            .filter(|&i| self.tasks[i].status.is_active())
            .collect();
        let Some(pos) = active.iter().position(|&i| i == from) else {
            return Ok(Applied::default());
        };
        let target = i32::try_from(pos).unwrap_or(0).saturating_add(by);
        let target = usize::try_from(target.max(0))
            .unwrap_or(0)
            .min(active.len() - 1);
        if target == pos {
            return Ok(Applied::default());
        }
        let task = self.tasks.remove(from);
        let to = active[target];
        self.tasks.insert(to, task);
        let moved = i32::try_from(target).unwrap_or(0) - i32::try_from(pos).unwrap_or(0);
        Ok(undo(DayOp::MoveTask { id, by: -moved }))
    }

    fn carry_in(
        &mut self,
        from: TaskRef,
        title: String,
        estimate: Option<Estimate>,
        top: bool,
    ) -> Result<Applied, Refusal> {
        if let Some(t) = self.tasks.iter().find(|t| t.carried_from == Some(from)) {
            return Ok(Applied {
                undo: None,
                task: Some(t.id),
                block: None,
            });
        }
        let title = clean_title(&title)?;
        let id = self.next_task_id()?;
        let mut task = Task::new(id, title);
        task.estimate = estimate;
        task.carried_from = Some(from);
        task.top = top && self.top_count() < TOP_LIMIT;
        self.tasks.push(task);
        Ok(Applied {
            undo: Some(DayOp::DeleteTask { id }),
            task: Some(id),
            block: None,
        })
    }

    /// Whether this kot may rewrite the file (it does not understand newer schemas).
    #[must_use]
    pub fn writable(&self) -> bool {
        self.schema <= SCHEMA
    }

    /// The oldest format that can hold this day: 2 once a break was ignored.
    #[must_use]
    pub fn needed_schema(&self) -> u32 {
        if self.breaks.iter().any(|b| b.outcome == Outcome::Ignored) {
            2
        } else {
            BASE_SCHEMA
        }
    }
}

/// The id after both the counter and the highest id in use (a hand-edited file
/// may hold ids at or past the counter), and the counter moved past it. `u32::MAX`
/// is never handed out: a counter there means the ids are used up, so an id is
/// never handed out twice, not even after its task was deleted.
fn fresh_id(counter: &mut u32, max_in_use: Option<u32>) -> Option<u32> {
    let after_max = match max_in_use {
        Some(m) => m.checked_add(1)?,
        None => 1,
    };
    let id = (*counter).max(after_max);
    if id == u32::MAX {
        return None;
    }
    *counter = id + 1;
    Some(id)
}

fn repeated<T: Ord + Copy>(ids: impl Iterator<Item = T>) -> Vec<T> {
    let mut seen = std::collections::BTreeSet::new();
    let mut twice = std::collections::BTreeSet::new();
    for id in ids {
        if !seen.insert(id) {
            twice.insert(id);
        }
    }
    twice.into_iter().collect()
}

fn undo(op: DayOp) -> Applied {
    Applied {
        undo: Some(op),
        task: None,
        block: None,
    }
}

/// Titles are one plain line (see `text::clean_title`), whatever typed or
/// pasted them: the CLI and the TUI both come through here.
fn clean_title(title: &str) -> Result<String, Refusal> {
    let t = super::text::clean_title(title);
    if t.is_empty() {
        Err(Refusal::EmptyTitle)
    } else {
        Ok(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> Day {
        Day::new(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap())
    }

    fn add(d: &mut Day, title: &str, top: bool) -> Result<TaskId, Refusal> {
        d.apply(DayOp::AddTask {
            title: title.into(),
            top,
            estimate: None,
        })
        .map(|a| a.task.unwrap())
    }

    #[test]
    fn fourth_top_task_is_refused_and_changes_nothing() {
        let mut d = day();
        for t in ["a", "b", "c"] {
            add(&mut d, t, true).unwrap();
        }
        let before = d.clone();
        assert_eq!(add(&mut d, "d", true), Err(Refusal::TopFull));
        assert_eq!(d, before);
        let e = add(&mut d, "e", false).unwrap();
        assert_eq!(
            d.apply(DayOp::SetTop { id: e, top: true }),
            Err(Refusal::TopFull)
        );
        // Un-topping one frees a place.
        d.apply(DayOp::SetTop {
            id: TaskId(1),
            top: false,
        })
        .unwrap();
        d.apply(DayOp::SetTop { id: e, top: true }).unwrap();
        assert_eq!(d.top_tasks().count(), 3);
    }

    #[test]
    fn ids_are_never_reused_even_after_delete() {
        let mut d = day();
        let a = add(&mut d, "a", false).unwrap();
        let b = add(&mut d, "b", false).unwrap();
        d.apply(DayOp::DeleteTask { id: b }).unwrap();
        let c = add(&mut d, "c", false).unwrap();
        assert_eq!((a, b, c), (TaskId(1), TaskId(2), TaskId(3)));
    }

    #[test]
    fn ids_stop_below_the_top_and_never_repeat() {
        let mut d = day();
        d.next_task = u32::MAX - 1;
        assert_eq!(add(&mut d, "last", false), Ok(TaskId(u32::MAX - 1)));
        let before = d.clone();
        assert_eq!(add(&mut d, "one more", false), Err(Refusal::NoTaskIdLeft));
        assert_eq!(d, before);
        // Deleting the last one frees no id: it is never handed out again.
        d.apply(DayOp::DeleteTask {
            id: TaskId(u32::MAX - 1),
        })
        .unwrap();
        assert_eq!(add(&mut d, "again", false), Err(Refusal::NoTaskIdLeft));

        let mut d = day();
        d.tasks
            .push(Task::new(TaskId(u32::MAX), "hand-edited".into()));
        assert_eq!(add(&mut d, "x", false), Err(Refusal::NoTaskIdLeft));
        d.next_block = u32::MAX;
        let block = DayOp::AddBlock {
            span: "10:00-10:30".parse().unwrap(),
            title: "x".into(),
            kind: BlockKind::Focus,
            video: false,
        };
        assert_eq!(d.apply(block), Err(Refusal::NoBlockIdLeft));
    }

    #[test]
    fn a_nan_in_an_unknown_key_equals_itself() {
        let d: Day = toml::from_str("date = \"2026-11-23\"\nmood = nan\n").unwrap();
        assert_eq!(d, d.clone());
        let mut other = d.clone();
        other.next_task = 5;
        assert_ne!(d, other);
    }

    #[test]
    fn dates_read_from_strings_and_native_toml_dates() {
        let d: Day = toml::from_str("date = 2026-11-23\n").unwrap();
        assert_eq!(d.date, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
        assert!(
            toml::to_string(&d)
                .unwrap()
                .contains("date = \"2026-11-23\"")
        );
        for bad in [
            "date = \"2026-02-30\"",
            "date = 2026-11-23T09:00:00",
            "date = 3",
        ] {
            let e = toml::from_str::<Day>(bad).unwrap_err().to_string();
            let value = bad.trim_start_matches("date = ");
            assert!(e.contains(value), "{bad}: {e}");
        }
    }

    #[test]
    fn repeated_ids_are_found_once_each() {
        let mut d = day();
        for id in [3, 1, 3, 3, 2, 1] {
            d.tasks.push(Task::new(TaskId(id), "t".into()));
        }
        assert_eq!(d.duplicate_ids(), (vec![TaskId(1), TaskId(3)], vec![]));
        assert_eq!(day().duplicate_ids(), (vec![], vec![]));
    }

    #[test]
    fn every_edit_is_undone_by_its_undo() {
        let mut d = day();
        let a = add(&mut d, "a", false).unwrap();
        let b = add(&mut d, "b", true).unwrap();
        add(&mut d, "c", false).unwrap();
        let span: Span = "10:00-10:30".parse().unwrap();
        d.apply(DayOp::AddBlock {
            span,
            title: "Standup".into(),
            kind: BlockKind::Meeting,
            video: true,
        })
        .unwrap();
        let ops = vec![
            DayOp::SetTitle {
                id: a,
                title: "renamed".into(),
            },
            DayOp::SetEstimate {
                id: a,
                estimate: "1h30".parse().ok(),
            },
            DayOp::SetDone { id: a, done: true },
            DayOp::SetTop { id: b, top: false },
            DayOp::MoveTask { id: a, by: 2 },
            DayOp::MoveTask { id: a, by: -5 },
            DayOp::DeleteTask { id: b },
            DayOp::EditBlock {
                id: BlockId(1),
                span: "11:00-11:45".parse().ok(),
                title: Some("Planning".into()),
                kind: Some(BlockKind::Focus),
                video: Some(false),
            },
            DayOp::DeleteBlock { id: BlockId(1) },
            DayOp::SetPlace {
                place: Some(Place::Office),
                extra_work: false,
            },
            DayOp::AddTask {
                title: "new".into(),
                top: false,
                estimate: None,
            },
        ];
        for op in ops {
            let before = d.clone();
            let applied = d.apply(op.clone()).unwrap();
            assert_ne!(d, before, "{op:?} changed nothing");
            let mut back = d.clone();
            back.apply(applied.undo.unwrap()).unwrap();
            // Counters may move forward; everything else is restored.
            back.next_task = before.next_task;
            assert_eq!(back, before, "undo of {op:?}");
        }
    }

    #[test]
    fn move_clamps_at_the_ends() {
        let mut d = day();
        let ids: Vec<_> = ["a", "b", "c"]
            .iter()
            .map(|t| add(&mut d, t, false).unwrap())
            .collect();
        d.apply(DayOp::MoveTask { id: ids[0], by: 10 }).unwrap();
        assert_eq!(
            d.tasks.iter().map(|t| t.title.as_str()).collect::<String>(),
            "bca"
        );
        let a = d.apply(DayOp::MoveTask { id: ids[0], by: 1 }).unwrap();
        assert_eq!(a.undo, None);
    }

    #[test]
    fn carry_in_twice_copies_once_and_keeps_the_reference() {
        let mut d = day();
        let from = TaskRef {
            date: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            id: TaskId(4),
        };
        let op = DayOp::CarryIn {
            from,
            title: "report".into(),
            estimate: None,
            top: false,
        };
        let a = d.apply(op.clone()).unwrap().task;
        let b = d.apply(op).unwrap().task;
        assert_eq!(a, b);
        assert_eq!(d.tasks.len(), 1);
        assert_eq!(d.tasks[0].carried_from, Some(from));
    }

    #[test]
    fn empty_titles_are_refused() {
        let mut d = day();
        assert_eq!(add(&mut d, "  \n ", false), Err(Refusal::EmptyTitle));
        assert_eq!(
            add(&mut d, " two\nlines ", false).map(|id| d.task(id).unwrap().title.clone()),
            Ok("two lines".into())
        );
        assert_eq!(
            add(&mut d, "x\u{1b}]0;PWNED\u{7}\u{202e}", false).map(|id| d
                .task(id)
                .unwrap()
                .title
                .clone()),
            Ok("x]0;PWNED".into())
        );
        assert_eq!(add(&mut d, "\u{1b}\u{9b}", false), Err(Refusal::EmptyTitle));
    }
}
