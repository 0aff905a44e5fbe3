//! The break coach, sans-IO: built from the policy, the work hours and one day,
//! it says where the day stands at any instant (`state`), which prompts are due
//! (`poll`, each with the edit that records it so it is never repeated), and
//! when to look again (`next_deadline`). User intents (start, end, skip, snooze,
//! pause) become `CoachOp`s the store writes. Nothing here reads a clock.

mod correction;
mod day_state;
mod ending;
mod intents;
mod policy;
mod priority;
mod reader;
mod tick;

use chrono::{DateTime, TimeZone, Utc};

pub use super::breaks::CoachOp;
use super::breaks::{BreakKind, CoachLog, Counted};
use super::day::{Day, Place};
use super::plan::{BlockId, BlockKind};
use super::shutdown::ShutdownPolicy;
use super::stamp::Stamp;
use super::time::TimeOfDay;
use super::workday::{WorkHours, resolve_local};
pub use day_state::DayState;
pub use ending::EndPhase;
pub use policy::{BreakPolicy, GENTLE_FOCUS_PERCENT, MeetingPolicy, gentle_focus};
pub use priority::most_important;
pub use tick::{SEEN_EVERY, Standing, Tick, Wake};

/// Why the coach is quiet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OffReason {
    /// Not a work day by the config.
    NoWork,
    DayOff,
    Sick,
    BeforeWork,
    AfterWork,
    /// A work day in work hours that has not begun: no check-in yet (the TUI
    /// asks for it) and no coach started the first focus block.
    NotBegun,
    /// The shutdown ritual is done: off work until tomorrow.
    ShutDown,
}

/// Where the day stands at one instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoachState {
    Off(OffReason),
    /// Working; the next break falls due at `next_break` (none before the end).
    Focus {
        since: DateTime<Utc>,
        next_break: Option<DateTime<Utc>>,
    },
    /// A break is due and waits for the user: start, snooze or skip.
    BreakDue {
        kind: BreakKind,
        since: DateTime<Utc>,
    },
    Break {
        kind: BreakKind,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
    },
    /// The break's time is up; focus starts again when the user says so.
    BreakOver {
        kind: BreakKind,
        since: DateTime<Utc>,
    },
    Meeting {
        until: DateTime<Utc>,
    },
    /// A personal block (school run, doctor): time away, no prompts.
    Personal {
        until: DateTime<Utc>,
    },
    Paused {
        until: DateTime<Utc>,
    },
}

impl CoachState {
    /// The state's name for `kot status` and waybar's `class`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Off(_) => "off",
            Self::Focus { .. } => "focus",
            Self::BreakDue { .. } => "break-due",
            Self::Break {
                kind: BreakKind::Lunch,
                ..
            } => "lunch",
            Self::Break { .. } => "break",
            // Over, waiting for "back": not the break still running.
            Self::BreakOver { .. } => "break-over",
            Self::Meeting { .. } => "meeting",
            Self::Personal { .. } => "personal",
            Self::Paused { .. } => "paused",
        }
    }
}

/// Something to tell the user now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    BreakDue {
        kind: BreakKind,
        minutes: u32,
    },
    /// The break prompt was ignored: once more, urgently.
    Escalate {
        kind: BreakKind,
        minutes: u32,
    },
    BreakOver {
        kind: BreakKind,
    },
    /// Nobody said "back" within the grace: the break was closed at its
    /// planned end and focus runs from there. Said once.
    BackAssumed {
        kind: BreakKind,
    },
    Micro {
        seconds: u32,
    },
    /// No lunch by `lunch_latest`.
    LunchMissed,
    /// The lunch just taken was too early or too short to count: kot still
    /// expects one in the window.
    LunchStillExpected {
        from: DateTime<Utc>,
        until: DateTime<Utc>,
    },
    /// Heads-up: a run of meetings over the limit starts soon.
    MeetingsAhead {
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        run_minutes: u16,
    },
    /// Heads-up: a team meeting from `[agreements]` starts soon (a long run
    /// that starts with one gets `MeetingsAhead` instead).
    TeamMeetingAhead {
        start: DateTime<Utc>,
        title: String,
        video: bool,
    },
    /// The break under way runs into a meeting starting at `start`, before
    /// the break's planned end `end`.
    BreakIntoMeeting {
        kind: BreakKind,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    },
    /// Heads-up: a meeting starting at `start` runs until `until`, past the
    /// end of the workday at `end`.
    CallPastEnd {
        start: DateTime<Utc>,
        until: DateTime<Utc>,
        end: DateTime<Utc>,
    },
    /// A run of meetings reached the limit at the end of `after`, after
    /// `run_minutes` of calls, and there is room for the pause before the next.
    MeetingLimit {
        run_minutes: u16,
        buffer_minutes: u16,
        after: BlockId,
        /// When the next call starts today, if one does.
        next_call: Option<DateTime<Utc>>,
    },
    /// A pause ended by itself.
    Resumed,
    /// Time away counted as a break.
    AwayCounted {
        minutes: i64,
        counted: Counted,
    },
    /// The end of the workday comes in `minutes_left` (`warn_minutes`). The
    /// first one said is the wrap-up: finish what is at hand, start nothing
    /// new (no new break is offered from it on).
    ShutdownWarning {
        minutes_left: u32,
        wrap_up: bool,
        end: DateTime<Utc>,
    },
    /// The workday ends now: time for the shutdown ritual.
    ShutdownDue {
        end: DateTime<Utc>,
    },
    /// Still working `over_minutes` past the end (`nudge_after_minutes`),
    /// with `overtime_minutes` of overtime so far. Never urgent.
    ShutdownNudge {
        over_minutes: u32,
        overtime_minutes: u32,
    },
}

/// Why an intent was refused; nothing was recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoachRefusal {
    NotWorking,
    NoBreakDue,
    OnBreak,
    NotOnBreak,
    SnoozeSpent {
        budget: u32,
    },
    PauseInPast,
    /// A pause lasts until the end of the workday at the latest.
    PausePastEnd {
        end: DateTime<Utc>,
    },
    /// A break told afterwards has not ended yet.
    NotOver {
        end: DateTime<Utc>,
    },
    /// A break told afterwards overlaps one already recorded.
    Overlaps {
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    },
}

/// A meeting or personal block as instants.
#[derive(Debug, Clone, Copy)]
struct Meeting {
    id: BlockId,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

/// The coach for one day at one policy; cheap to build, rebuilt after every edit.
pub struct Coach<'a, Tz: TimeZone> {
    tz: Tz,
    policy: BreakPolicy,
    meeting_policy: MeetingPolicy,
    day: &'a Day,
    /// Work start and end; `None` on a day without work. The end is the
    /// day's end (see `end`), or the shutdown when that came earlier.
    work: Option<(DateTime<Utc>, DateTime<Utc>)>,
    /// The end-of-day settings; off for a coach of breaks alone.
    shutdown: ShutdownPolicy,
    /// The end by the plan: the config's, or earlier by `max_work_minutes`.
    /// Overtime counts from here.
    planned_end: Option<DateTime<Utc>>,
    /// The end the coach works to: a moved end (`kot end`), else the planned.
    end: Option<DateTime<Utc>>,
    off: Option<OffReason>,
    hours: Option<WorkHours>,
    lunch: (DateTime<Utc>, DateTime<Utc>),
    meetings: Vec<Meeting>,
    /// Personal blocks: time away, planned.
    personal: Vec<Meeting>,
    /// Team meetings from `[agreements]` on this day (see `with_team`).
    team: Vec<super::plan::TimeBlock>,
}

impl<'a, Tz: TimeZone> Coach<'a, Tz> {
    #[must_use]
    pub fn new(
        tz: Tz,
        policy: BreakPolicy,
        meeting_policy: MeetingPolicy,
        hours: Option<WorkHours>,
        day: &'a Day,
    ) -> Self {
        let policy = policy.for_day(day);
        let at = |t: TimeOfDay| resolve_local(&tz, day.date, t);
        let off = match (day.place, hours) {
            (Some(Place::Sick), _) => Some(OffReason::Sick),
            (Some(Place::Off), _) => Some(OffReason::DayOff),
            (_, None) => Some(OffReason::NoWork),
            _ => None,
        };
        let work = hours
            .filter(|_| off.is_none())
            .map(|h| (at(h.start), at(h.end)));
        let lunch = (at(policy.lunch_earliest), at(policy.lunch_latest));
        let of_kind = |kind: BlockKind| {
            let mut v: Vec<Meeting> = day
                .blocks
                .iter()
                .filter(|b| b.kind == kind)
                .map(|b| Meeting {
                    id: b.id,
                    start: at(b.span.start),
                    end: at(b.span.end),
                })
                .collect();
            v.sort_by_key(|m| (m.start, m.id));
            v
        };
        let meetings = of_kind(BlockKind::Meeting);
        let personal = of_kind(BlockKind::Personal);
        let mut coach = Self {
            tz,
            policy,
            meeting_policy,
            day,
            work,
            shutdown: ShutdownPolicy::off(),
            planned_end: None,
            end: None,
            off,
            hours,
            lunch,
            meetings,
            personal,
            team: Vec::new(),
        };
        coach.settle_end();
        coach
    }

    /// The same coach with the day's team meetings (`agreements::team_blocks`)
    /// as meetings: no prompt during one, a heads-up before it, and they
    /// count in runs of meetings.
    #[must_use]
    pub fn with_team(mut self, team: Vec<super::plan::TimeBlock>) -> Self {
        let at = |t: TimeOfDay| resolve_local(&self.tz, self.day.date, t);
        self.meetings.extend(team.iter().map(|b| Meeting {
            id: b.id,
            start: at(b.span.start),
            end: at(b.span.end),
        }));
        self.meetings.sort_by_key(|m| (m.start, m.id));
        self.team = team;
        self
    }

    /// The same coach with the end of the workday coached: warnings, the
    /// wrap-up, the end, nudges, and `max_work_minutes`.
    #[must_use]
    pub fn with_shutdown(mut self, policy: ShutdownPolicy) -> Self {
        self.shutdown = policy;
        self.settle_end();
        self
    }

    pub(super) fn log(&self) -> &CoachLog {
        &self.day.coach
    }

    pub(super) fn stamp(&self, t: DateTime<Utc>) -> Stamp {
        super::stamp::local(t, &self.tz)
    }
}
