//! The break coach, sans-IO: built from the policy, the work hours and one day,
//! it says where the day stands at any instant (`state`), which prompts are due
//! (`poll`, each with the edit that records it so it is never repeated), and
//! when to look again (`next_deadline`). User intents (start, end, skip, snooze,
//! pause) become `CoachOp`s the store writes. Nothing here reads a clock.

use chrono::{DateTime, Duration, FixedOffset, Offset, TimeZone, Utc};

use super::breaks::{BreakKind, BreakRecord, CoachLog, Counted, OnBreak, Outcome, stamp_at};
use super::day::{Day, Place};
use super::meetings;
use super::plan::{BlockId, BlockKind};
use super::stamp::Stamp;
use super::time::TimeOfDay;
use super::workday::{WorkHours, resolve_local};

/// The break settings (`[breaks]` in the config).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BreakPolicy {
    pub focus_minutes: u32,
    pub break_minutes: u32,
    pub long_break_minutes: u32,
    pub long_break_every: u32,
    /// 0 turns micro-pauses off.
    pub micro_every_minutes: u32,
    pub micro_seconds: u32,
    pub lunch_earliest: TimeOfDay,
    pub lunch_latest: TimeOfDay,
    pub lunch_minutes: u32,
    pub snooze_minutes: u32,
    pub snooze_budget_minutes: u32,
    pub escalate_after_minutes: u32,
}

impl Default for BreakPolicy {
    fn default() -> Self {
        Self {
            focus_minutes: 50,
            break_minutes: 10,
            long_break_minutes: 20,
            long_break_every: 4,
            micro_every_minutes: 20,
            micro_seconds: 20,
            lunch_earliest: TimeOfDay::hm(12, 0),
            lunch_latest: TimeOfDay::hm(13, 30),
            lunch_minutes: 30,
            snooze_minutes: 5,
            snooze_budget_minutes: 15,
            escalate_after_minutes: 5,
        }
    }
}

/// The meeting settings (`[meetings]` in the config).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MeetingPolicy {
    pub max_back_to_back_minutes: u16,
    pub back_to_back_gap_minutes: u16,
    pub buffer_minutes: u16,
}

impl Default for MeetingPolicy {
    fn default() -> Self {
        Self {
            max_back_to_back_minutes: 90,
            back_to_back_gap_minutes: 5,
            buffer_minutes: 5,
        }
    }
}

/// No micro-pause this close before a due break.
const MICRO_QUIET_BEFORE_BREAK: Duration = Duration::minutes(5);
/// A prompt that would have come while kot was not running is only recorded
/// when it is older than this; prompting it late would be noise.
const STALE: Duration = Duration::minutes(2);

/// Why the coach is quiet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OffReason {
    /// Not a work day by the config.
    NoWork,
    DayOff,
    Sick,
    BeforeWork,
    AfterWork,
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
            }
            | Self::BreakOver {
                kind: BreakKind::Lunch,
                ..
            } => "lunch",
            Self::Break { .. } | Self::BreakOver { .. } => "break",
            Self::Meeting { .. } => "meeting",
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
    Micro {
        seconds: u32,
    },
    /// No lunch by `lunch_latest`.
    LunchMissed,
    /// A run of meetings reached the limit at the end of `after`.
    MeetingLimit {
        run_minutes: u16,
        buffer_minutes: u16,
        after: BlockId,
    },
    /// A pause ended by itself.
    Resumed,
    /// Time away counted as a break.
    AwayCounted {
        minutes: i64,
        counted: Counted,
    },
}

/// Why an intent was refused; nothing was recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoachRefusal {
    NotWorking,
    NoBreakDue,
    OnBreak,
    NotOnBreak,
    SnoozeSpent { budget: u32 },
    PauseInPast,
}

/// An edit of the coach's records in the day file. Values come computed, so
/// applying one needs no policy and no clock.
#[derive(Debug, Clone, PartialEq)]
pub enum CoachOp {
    Prompted {
        at: Stamp,
    },
    Escalated,
    BreakOverNotified,
    MicroPrompted {
        at: Stamp,
    },
    LunchWarned,
    LunchSkipped,
    MeetingWarned {
        id: BlockId,
    },
    StartBreak {
        at: Stamp,
        kind: BreakKind,
        minutes: u32,
        due: Option<Stamp>,
    },
    /// Close the break under way: `counted` says how (you or lunch).
    EndBreak {
        at: Stamp,
        counted: Counted,
        kind: BreakKind,
    },
    Skip {
        at: Stamp,
        kind: BreakKind,
        due: Option<Stamp>,
    },
    Snooze {
        at: Stamp,
        minutes: u32,
    },
    Pause {
        until: Stamp,
    },
    Resume,
    /// The first focus block starts now (a coach began after the workday
    /// started, with no check-in to say when the day began).
    StartFocus {
        at: Stamp,
    },
    /// Time away that counts as a break, ending at `to`.
    Away {
        from: Stamp,
        to: Stamp,
        counted: Counted,
        kind: BreakKind,
    },
    Seen {
        at: Stamp,
    },
}

/// Record `op` in `day`. Never fails: a stale op (say, ending a break another
/// process already ended) changes nothing.
pub fn apply(day: &mut Day, op: CoachOp) {
    let log = &mut day.coach;
    match op {
        // Written by a coach that had not yet seen a break start: stale.
        CoachOp::Prompted { .. } | CoachOp::Escalated if log.on_break.is_some() => {}
        CoachOp::Prompted { at } => log.prompted_at = Some(at),
        CoachOp::Escalated => log.escalated = true,
        CoachOp::StartFocus { at } => {
            if log.focus_since.is_none() {
                log.focus_since = Some(at);
            }
        }
        CoachOp::BreakOverNotified => {
            if let Some(b) = &mut log.on_break {
                b.over_notified = true;
            }
        }
        CoachOp::MicroPrompted { at } => log.micro_at = Some(at),
        CoachOp::LunchWarned => log.lunch_warned = true,
        CoachOp::LunchSkipped => log.lunch_skipped = true,
        CoachOp::MeetingWarned { id } => {
            if !log.meeting_warned.contains(&id) {
                log.meeting_warned.push(id);
            }
        }
        CoachOp::StartBreak {
            at,
            kind,
            minutes,
            due,
        } => {
            if log.on_break.is_none() {
                log.on_break = Some(OnBreak {
                    kind,
                    start: at,
                    minutes,
                    due,
                    snoozed_minutes: log.snoozed_minutes,
                    over_notified: false,
                    extra: toml::Table::new(),
                });
                clear_prompt(log);
            }
        }
        CoachOp::EndBreak { at, counted, kind } => {
            if let Some(b) = log.on_break.take() {
                let planned_end = b.end();
                day.breaks.push(BreakRecord {
                    kind,
                    outcome: Outcome::Taken,
                    counted,
                    due: b.due,
                    start: b.start,
                    end: at,
                    snoozed_minutes: b.snoozed_minutes,
                    ended_early: at.to_utc() < planned_end,
                    extra: b.extra,
                });
                log.focus_since = Some(at);
                log.micro_at = None;
                clear_prompt(log);
            }
        }
        CoachOp::Skip { at, kind, due } => {
            day.breaks.push(BreakRecord {
                kind,
                outcome: Outcome::Skipped,
                counted: Counted::You,
                due,
                start: at,
                end: at,
                snoozed_minutes: log.snoozed_minutes,
                ended_early: false,
                extra: toml::Table::new(),
            });
            log.focus_since = Some(at);
            log.micro_at = None;
            clear_prompt(log);
        }
        CoachOp::Snooze { at, minutes } => {
            log.snoozed_minutes += minutes;
            let until = at + Duration::minutes(i64::from(minutes));
            log.snoozed_until = Some(until);
            log.prompted_at = None;
            log.escalated = false;
        }
        CoachOp::Pause { until } => log.paused_until = Some(until),
        CoachOp::Resume => log.paused_until = None,
        CoachOp::Away {
            from,
            to,
            counted,
            kind,
        } => {
            if log.on_break.is_none() {
                day.breaks.push(BreakRecord {
                    kind,
                    outcome: Outcome::Taken,
                    counted,
                    due: None,
                    start: from,
                    end: to,
                    snoozed_minutes: 0,
                    ended_early: false,
                    extra: toml::Table::new(),
                });
                log.focus_since = Some(to);
                log.micro_at = None;
                clear_prompt(log);
            }
        }
        CoachOp::Seen { at } => log.seen_at = Some(at),
    }
}

fn clear_prompt(log: &mut CoachLog) {
    log.prompted_at = None;
    log.escalated = false;
    log.snoozed_minutes = 0;
    log.snoozed_until = None;
}

/// A meeting block as instants.
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
    /// Work start and end; `None` on a day without work.
    work: Option<(DateTime<Utc>, DateTime<Utc>)>,
    off: Option<OffReason>,
    lunch: (DateTime<Utc>, DateTime<Utc>),
    meetings: Vec<Meeting>,
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
        let mut meetings: Vec<Meeting> = day
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Meeting)
            .map(|b| Meeting {
                id: b.id,
                start: at(b.span.start),
                end: at(b.span.end),
            })
            .collect();
        meetings.sort_by_key(|m| (m.start, m.id));
        Self {
            tz,
            policy,
            meeting_policy,
            day,
            work,
            off,
            lunch,
            meetings,
        }
    }

    fn log(&self) -> &CoachLog {
        &self.day.coach
    }

    fn offset(&self, now: DateTime<Utc>) -> FixedOffset {
        self.tz.offset_from_utc_datetime(&now.naive_utc()).fix()
    }

    fn stamp(&self, t: DateTime<Utc>) -> Stamp {
        stamp_at(t, self.offset(t))
    }

    /// Start of the focus block under way: after the last break, else the later
    /// of the workday start and the check-in. A clock turned back never puts it
    /// in the future.
    fn focus_start(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let (start, _) = self.work?;
        let since = match self.log().focus_since {
            Some(t) => t.to_utc().max(start),
            None => self
                .day
                .checkin
                .as_ref()
                .map_or(start, |c| c.at.to_utc().max(start)),
        };
        Some(since.min(now.max(start)))
    }

    /// The meeting under way at `t`, extended through meetings that overlap or
    /// touch it: a break never falls due inside one.
    fn meeting_end_at(&self, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let mut end: Option<DateTime<Utc>> = None;
        let mut probe = t;
        loop {
            let next = self
                .meetings
                .iter()
                .filter(|m| m.start <= probe && probe < m.end)
                .map(|m| m.end)
                .max();
            match next {
                Some(e) if Some(e) != end => {
                    end = Some(e);
                    probe = e;
                }
                _ => return end,
            }
        }
    }

    /// When the next break falls due, after snoozes, a pause and meetings; `None`
    /// when that would be after the end of the workday.
    #[must_use]
    pub fn break_due(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let (_, end) = self.work?;
        let focus = self.focus_start(now)?;
        let log = self.log();
        let mut due = focus + Duration::minutes(i64::from(self.policy.focus_minutes));
        if let Some(s) = log.snoozed_until {
            due = due.max(s.to_utc());
        }
        // A due break that was prompted stays due where it was.
        if let Some(p) = log.prompted_at {
            due = due.min(p.to_utc());
        }
        for _ in 0..8 {
            let before = due;
            if let Some(p) = log.paused_until.map(|p| p.to_utc())
                && due < p
            {
                due = p;
            }
            if let Some(e) = self.meeting_end_at(due) {
                due = e;
            }
            if due == before {
                break;
            }
        }
        (due < end).then_some(due)
    }

    /// The kind the next break will be: every `long_break_every`-th is long,
    /// skipped ones counting; lunch and time away as lunch do not count.
    #[must_use]
    pub fn next_kind(&self) -> BreakKind {
        let n = self
            .day
            .breaks
            .iter()
            .filter(|b| b.kind != BreakKind::Lunch)
            .count();
        let every = usize::try_from(self.policy.long_break_every).unwrap_or(0);
        if every > 0 && (n + 1).is_multiple_of(every) {
            BreakKind::Long
        } else {
            BreakKind::Short
        }
    }

    #[must_use]
    pub fn minutes_of(&self, kind: BreakKind) -> u32 {
        match kind {
            BreakKind::Short => self.policy.break_minutes,
            BreakKind::Long => self.policy.long_break_minutes,
            BreakKind::Lunch => self.policy.lunch_minutes,
        }
    }

    #[must_use]
    pub fn state(&self, now: DateTime<Utc>) -> CoachState {
        if let Some(r) = self.off {
            return CoachState::Off(r);
        }
        let log = self.log();
        if let Some(b) = &log.on_break {
            // A clock set back never stretches a break past its length.
            let since = b.start.to_utc().min(now);
            let until = b.end().min(now + Duration::minutes(i64::from(b.minutes)));
            return if now < until {
                CoachState::Break {
                    kind: b.kind,
                    since,
                    until,
                }
            } else {
                CoachState::BreakOver {
                    kind: b.kind,
                    since: until,
                }
            };
        }
        let Some((start, end)) = self.work else {
            return CoachState::Off(OffReason::NoWork);
        };
        if now < start {
            return CoachState::Off(OffReason::BeforeWork);
        }
        if now >= end {
            return CoachState::Off(OffReason::AfterWork);
        }
        if let Some(p) = log.paused_until.map(|p| p.to_utc())
            && now < p
        {
            return CoachState::Paused { until: p };
        }
        if let Some(until) = self.meeting_end_at(now) {
            return CoachState::Meeting { until };
        }
        let since = self.focus_start(now).unwrap_or(start);
        match self.break_due(now) {
            Some(due) if now >= due => CoachState::BreakDue {
                kind: self.next_kind(),
                since: due,
            },
            next_break => CoachState::Focus { since, next_break },
        }
    }

    /// The prompts due at `now`, each with the edit that records it. Applying
    /// the edits makes the next `poll` at the same instant return nothing.
    #[must_use]
    pub fn poll(&self, now: DateTime<Utc>) -> Vec<(Option<Prompt>, CoachOp)> {
        let mut out = Vec::new();
        let log = self.log();
        if log.paused_until.is_some_and(|p| p.to_utc() <= now) {
            out.push((Some(Prompt::Resumed), CoachOp::Resume));
        }
        let state = self.state(now);
        match state {
            CoachState::BreakOver { kind, since }
                if log.on_break.as_ref().is_some_and(|b| !b.over_notified) =>
            {
                let fresh = now - since < STALE;
                out.push((
                    fresh.then_some(Prompt::BreakOver { kind }),
                    CoachOp::BreakOverNotified,
                ));
            }
            CoachState::BreakDue { kind, .. } => {
                let minutes = self.minutes_of(kind);
                match log.prompted_at {
                    None => out.push((
                        Some(Prompt::BreakDue { kind, minutes }),
                        CoachOp::Prompted {
                            at: self.stamp(now),
                        },
                    )),
                    Some(p) if !log.escalated && now >= p.to_utc() + self.escalate_after() => {
                        out.push((Some(Prompt::Escalate { kind, minutes }), CoachOp::Escalated));
                    }
                    Some(_) => {}
                }
            }
            CoachState::Focus { .. } => {
                if let Some(m) = self.next_micro(now)
                    && m <= now
                {
                    let fresh = now - m < STALE;
                    let prompt = Prompt::Micro {
                        seconds: self.policy.micro_seconds,
                    };
                    out.push((
                        fresh.then_some(prompt),
                        CoachOp::MicroPrompted { at: self.stamp(m) },
                    ));
                }
            }
            _ => {}
        }
        self.poll_lunch(now, &mut out);
        self.poll_meetings(now, &mut out);
        out
    }

    fn escalate_after(&self) -> Duration {
        Duration::minutes(i64::from(self.policy.escalate_after_minutes))
    }

    fn had_lunch(&self) -> bool {
        self.day
            .breaks
            .iter()
            .any(|b| b.kind == BreakKind::Lunch || b.counted == Counted::Lunch)
            // A break under way that started in the window may well become
            // lunch: no "no lunch yet" while it runs.
            || self.log().on_break.as_ref().is_some_and(|b| {
                let start = b.start.to_utc();
                b.kind == BreakKind::Lunch || (start >= self.lunch.0 && start <= self.lunch.1)
            })
    }

    /// Whether the lunch window lies inside today's work hours.
    fn lunch_applies(&self) -> bool {
        self.work
            .is_some_and(|(s, e)| self.lunch.1 > s && self.lunch.1 <= e)
    }

    fn poll_lunch(&self, now: DateTime<Utc>, out: &mut Vec<(Option<Prompt>, CoachOp)>) {
        if !self.lunch_applies() || self.had_lunch() {
            return;
        }
        let Some((_, end)) = self.work else { return };
        let log = self.log();
        if now >= self.lunch.1 && now < end && !log.lunch_warned {
            let fresh = now - self.lunch.1 < Duration::minutes(30);
            out.push((fresh.then_some(Prompt::LunchMissed), CoachOp::LunchWarned));
        }
        if now >= end && !log.lunch_skipped {
            out.push((None, CoachOp::LunchSkipped));
        }
    }

    fn poll_meetings(&self, now: DateTime<Utc>, out: &mut Vec<(Option<Prompt>, CoachOp)>) {
        if self.off.is_some() {
            return;
        }
        let mp = self.meeting_policy;
        for run in meetings::runs(
            &self.day.blocks,
            mp.back_to_back_gap_minutes,
            mp.max_back_to_back_minutes,
        ) {
            let Some(id) = run.crossed_at else { continue };
            let Some(m) = self.meetings.iter().find(|m| m.id == id) else {
                continue;
            };
            if now >= m.end && !self.log().meeting_warned.contains(&id) {
                let fresh = now - m.end < Duration::minutes(15);
                let prompt = Prompt::MeetingLimit {
                    run_minutes: run.minutes,
                    buffer_minutes: mp.buffer_minutes,
                    after: id,
                };
                out.push((fresh.then_some(prompt), CoachOp::MeetingWarned { id }));
            }
        }
    }

    /// The next micro-pause instant: every `micro_every_minutes` of the focus
    /// block, none within five minutes of the due break.
    fn next_micro(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let every = Duration::minutes(i64::from(self.policy.micro_every_minutes));
        if every <= Duration::zero() {
            return None;
        }
        let focus = self.focus_start(now)?;
        let (_, end) = self.work?;
        let after = self.log().micro_at.map_or(focus, |m| m.to_utc().max(focus));
        let mut k = (after - focus).num_seconds() / every.num_seconds() + 1;
        let limit = self
            .break_due(now)
            .map_or(end, |d| d - MICRO_QUIET_BEFORE_BREAK)
            .min(end);
        loop {
            let next = focus + every * i32::try_from(k).ok()?;
            if next >= limit {
                return None;
            }
            // None inside a meeting: the next one after it.
            if self.meeting_end_at(next).is_none() {
                return Some(next);
            }
            k += 1;
        }
    }

    /// The next instant at which `state` or `poll` may change. The caller may
    /// also wake earlier; nothing is lost.
    #[must_use]
    pub fn next_deadline(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let log = self.log();
        let mut candidates: Vec<DateTime<Utc>> = Vec::new();
        if let Some((s, e)) = self.work {
            candidates.extend([s, e, self.lunch.1]);
        }
        candidates.extend(self.meetings.iter().flat_map(|m| [m.start, m.end]));
        candidates.extend(self.break_due(now));
        candidates.extend(log.prompted_at.map(|p| p.to_utc() + self.escalate_after()));
        candidates.extend(log.on_break.as_ref().map(OnBreak::end));
        candidates.extend(log.paused_until.map(|p| p.to_utc()));
        candidates.extend(self.next_micro(now));
        candidates.into_iter().filter(|t| *t > now).min()
    }

    // ---- user intents ----

    /// Start a break now: the one due, or one taken early; `lunch` starts lunch.
    ///
    /// # Errors
    /// Not a working day, or a break is already under way.
    pub fn start_break(&self, now: DateTime<Utc>, lunch: bool) -> Result<CoachOp, CoachRefusal> {
        if !self.working(now) {
            return Err(CoachRefusal::NotWorking);
        }
        if self.log().on_break.is_some() {
            return Err(CoachRefusal::OnBreak);
        }
        let kind = if lunch {
            BreakKind::Lunch
        } else {
            self.next_kind()
        };
        let due = self
            .break_due(now)
            .filter(|d| *d <= now)
            .map(|d| self.stamp(d));
        Ok(CoachOp::StartBreak {
            at: self.stamp(now),
            kind,
            minutes: self.minutes_of(kind),
            due,
        })
    }

    /// Back from the break: focus starts again now.
    ///
    /// # Errors
    /// No break under way.
    pub fn end_break(&self, now: DateTime<Utc>) -> Result<CoachOp, CoachRefusal> {
        let b = self
            .log()
            .on_break
            .as_ref()
            .ok_or(CoachRefusal::NotOnBreak)?;
        let start = b.start.to_utc();
        let counted = if b.kind == BreakKind::Lunch || self.is_lunch(start, now) {
            Counted::Lunch
        } else {
            Counted::You
        };
        let kind = if counted == Counted::Lunch {
            BreakKind::Lunch
        } else {
            b.kind
        };
        Ok(CoachOp::EndBreak {
            at: self.stamp(now.max(start)),
            counted,
            kind,
        })
    }

    /// Skip the due break (recorded as skipped, never hidden).
    ///
    /// # Errors
    /// No break is due.
    pub fn skip(&self, now: DateTime<Utc>) -> Result<CoachOp, CoachRefusal> {
        match self.state(now) {
            CoachState::BreakDue { kind, since } => Ok(CoachOp::Skip {
                at: self.stamp(now),
                kind,
                due: Some(self.stamp(since)),
            }),
            CoachState::Break { .. } | CoachState::BreakOver { .. } => Err(CoachRefusal::OnBreak),
            _ => Err(CoachRefusal::NoBreakDue),
        }
    }

    /// Snooze the due break by `snooze_minutes`, within the budget.
    ///
    /// # Errors
    /// No break is due, or the snooze budget is spent.
    pub fn snooze(&self, now: DateTime<Utc>) -> Result<CoachOp, CoachRefusal> {
        if !matches!(self.state(now), CoachState::BreakDue { .. }) {
            return Err(CoachRefusal::NoBreakDue);
        }
        let minutes = self.policy.snooze_minutes;
        if self.log().snoozed_minutes + minutes > self.policy.snooze_budget_minutes {
            return Err(CoachRefusal::SnoozeSpent {
                budget: self.policy.snooze_budget_minutes,
            });
        }
        Ok(CoachOp::Snooze {
            at: self.stamp(now),
            minutes,
        })
    }

    /// Snooze minutes left for the break now due.
    #[must_use]
    pub fn snooze_left(&self) -> u32 {
        self.policy
            .snooze_budget_minutes
            .saturating_sub(self.log().snoozed_minutes)
    }

    /// Pause the coach until `until` ("in a call", "deep work").
    ///
    /// # Errors
    /// `until` is not after `now`.
    pub fn pause(&self, now: DateTime<Utc>, until: DateTime<Utc>) -> Result<CoachOp, CoachRefusal> {
        if !self.working(now) {
            return Err(CoachRefusal::NotWorking);
        }
        if until <= now {
            return Err(CoachRefusal::PauseInPast);
        }
        Ok(CoachOp::Pause {
            until: self.stamp(until),
        })
    }

    /// Whether `now` is inside the working hours of a work day.
    #[must_use]
    pub fn working(&self, now: DateTime<Utc>) -> bool {
        self.off.is_none() && self.work.is_some_and(|(s, e)| s <= now && now < e)
    }

    /// Whether a break from `start` to `end` is lunch: started in the lunch
    /// window and long enough. One rule for breaks taken and time away.
    fn is_lunch(&self, start: DateTime<Utc>, end: DateTime<Utc>) -> bool {
        let in_window = start >= self.lunch.0 && start <= self.lunch.1;
        in_window && end - start >= Duration::minutes(i64::from(self.policy.lunch_minutes))
    }

    /// Time with no sign of the user (suspend, kot closed, a locked session):
    /// counted as a break when it lasted at least `break_minutes` of work time.
    #[must_use]
    pub fn away(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        counted: Counted,
    ) -> Option<(Prompt, CoachOp)> {
        let (start, end) = self.work?;
        if self.off.is_some() || self.log().on_break.is_some() {
            return None;
        }
        // Only the part inside work hours and after the focus block began
        // counts: a night is not a break, and time already counted (a lock
        // that was also a suspend) is not counted twice.
        let focus = self.focus_start(to).unwrap_or(start);
        let (from, to) = (from.max(start).max(focus), to.min(end));
        if to - from < Duration::minutes(i64::from(self.policy.break_minutes)) {
            return None;
        }
        let minutes = (to - from).num_minutes();
        let lunch = self.is_lunch(from, to) && !self.had_lunch();
        let kind = if lunch {
            BreakKind::Lunch
        } else {
            self.next_kind()
        };
        let counted = if lunch { Counted::Lunch } else { counted };
        let op = CoachOp::Away {
            from: self.stamp(from),
            to: self.stamp(to),
            counted,
            kind,
        };
        Some((Prompt::AwayCounted { minutes, counted }, op))
    }
}
