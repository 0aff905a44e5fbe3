//! The end of the workday as data: the `[shutdown]` settings the coach times
//! its warnings by, the `[shutdown]` and `[[evening]]` records of a day file,
//! worked time and overtime from a day's instants, whether a shutdown was on
//! time, which day is the next work day, and whether a day's shutdown was
//! forgotten. The ritual itself (its steps and what each records) is in
//! `ritual`. Pure: no clock, no files; the coach (`coach::ending`) resolves
//! the day's times to instants and calls in here.

pub mod commute;
pub mod correction;
pub mod lookback;
pub mod ritual;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::day::{Day, Place};
use super::plan::TaskId;
use super::stamp::{self, Stamp};
use super::time::TimeOfDay;

/// A shutdown up to this long after the end is on time.
pub const ON_TIME_WITHIN: Duration = Duration::minutes(15);

/// The last hour of the workday: from it on the end is counted down (the
/// status line's `end in 25 min`, Today's workday line) instead of named.
pub const LAST_HOUR: Duration = Duration::hours(1);

/// The timing settings of `[shutdown]` the coach needs (the steps and the
/// command to run are the shell's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShutdownPolicy {
    /// Whether the coach says anything about the end of the day at all. Off
    /// only for a coach built for breaks alone (`Coach::new`).
    pub enabled: bool,
    /// Warnings this many minutes before the end, largest first; the first
    /// is the wrap-up.
    pub warn_minutes: Vec<u16>,
    /// Nudges this many minutes past the end, smallest first.
    pub nudge_after_minutes: Vec<u16>,
    /// With flexible hours: the day ends this long after the first work,
    /// breaks not counted, when that is earlier than the planned end.
    pub max_work_minutes: Option<u16>,
}

impl Default for ShutdownPolicy {
    fn default() -> Self {
        Self {
            enabled: true,
            warn_minutes: vec![30, 10],
            nudge_after_minutes: vec![30, 60],
            max_work_minutes: None,
        }
    }
}

impl ShutdownPolicy {
    /// Nothing about the end of the day: a coach of breaks alone.
    #[must_use]
    pub fn off() -> Self {
        Self {
            enabled: false,
            warn_minutes: Vec::new(),
            nudge_after_minutes: Vec::new(),
            max_work_minutes: None,
        }
    }

    /// The wrap-up warning: the earliest one, in minutes before the end.
    #[must_use]
    pub fn wrap_up_minutes(&self) -> Option<u16> {
        self.warn_minutes
            .iter()
            .copied()
            .filter(|_| self.enabled)
            .max()
    }
}

/// `[shutdown]` in a day file: a moved end, and how the day ended. Every key
/// is optional, so a day without one is written as before.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ShutdownRecord {
    /// Today's end, moved by `kot end` for a deliberate long (or short) day.
    /// A time before `day_starts` is after midnight.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<TimeOfDay>,
    /// When the ritual was completed (or `kot shutdown --at` said it was).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "stamp::option"
    )]
    pub at: Option<Stamp>,
    /// From the first work to the shutdown (or the last sign of a running
    /// coach), less breaks and personal blocks, plus evening work.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub worked_minutes: Option<u32>,
    /// The part of it after the planned end, plus evening work.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overtime_minutes: Option<u32>,
    /// The work day ended without a shutdown; found the next morning.
    #[serde(default, skip_serializing_if = "is_false")]
    pub missed: bool,
    /// Your own steps of the ritual that were checked off.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<String>,
    /// The work day unfinished tasks went to and whose top 3 was picked.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::day::file_date::option"
    )]
    pub next_day: Option<NaiveDate>,
    /// The next work day's top 3 as the shutdown left it, by that day's task
    /// ids: its check-in says "picked at the shutdown" only while that day's
    /// top 3 is still this one (`top_picked_at_shutdown`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub next_top: Vec<TaskId>,
    /// The day's start told afterwards (`kot day --start`, Today's `C`):
    /// the first work, whatever the check-in and the coach saw.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrected_start: Option<TimeOfDay>,
    /// The day's end told afterwards: the last work, whatever the shutdown
    /// or the coach saw. Not after the start (the corrected one, else the
    /// planned one) it is after midnight.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrected_end: Option<TimeOfDay>,
    /// Where you left off: one line from the shutdown for the next work
    /// day's check-in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(flatten)]
    pub extra: toml::Table,
}

#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_false(b: &bool) -> bool {
    !*b
}

impl ShutdownRecord {
    #[must_use]
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// One `[[evening]]`: work again after the shutdown. Running while `end` is
/// absent. It all counts as overtime.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evening {
    #[serde(with = "stamp")]
    pub start: Stamp,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "stamp::option"
    )]
    pub end: Option<Stamp>,
    #[serde(flatten)]
    pub extra: toml::Table,
}

/// How the day ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Punctuality {
    /// Up to `ON_TIME_WITHIN` after the end (or before it).
    OnTime,
    Late,
    /// No shutdown.
    Missed,
}

impl Punctuality {
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::OnTime => "on-time",
            Self::Late => "late",
            Self::Missed => "missed",
        }
    }
}

/// Whether a shutdown at `at` (none: missed) was on time for a day ending at `end`.
#[must_use]
pub fn punctuality(end: DateTime<Utc>, at: Option<DateTime<Utc>>) -> Punctuality {
    match at {
        None => Punctuality::Missed,
        Some(a) if a <= end + ON_TIME_WITHIN => Punctuality::OnTime,
        Some(_) => Punctuality::Late,
    }
}

/// A stretch of time, `start < end` or empty.
pub type Interval = (DateTime<Utc>, DateTime<Utc>);

/// How much of `span` none of `gaps` covers. Gaps may overlap one another
/// and reach outside `span`: each minute is taken off once.
#[must_use]
pub fn uncovered(span: Interval, gaps: &[Interval]) -> Duration {
    let (from, to) = span;
    if to <= from {
        return Duration::zero();
    }
    let mut clipped: Vec<Interval> = gaps
        .iter()
        .map(|&(s, e)| (s.max(from), e.min(to)))
        .filter(|(s, e)| s < e)
        .collect();
    clipped.sort();
    let mut covered = Duration::zero();
    let mut reach = from;
    for (s, e) in clipped {
        let s = s.max(reach);
        if e > s {
            covered += e - s;
            reach = e;
        }
    }
    (to - from) - covered
}

/// The instant at which `minutes` of work have been done since `first`, the
/// `gaps` (breaks, personal blocks) not counted: the end of a day under
/// `max_work_minutes`.
#[must_use]
pub fn work_reaches(first: DateTime<Utc>, minutes: u16, gaps: &[Interval]) -> DateTime<Utc> {
    let mut end = first + Duration::minutes(i64::from(minutes));
    // Each round pushes the end past the gaps that fell before it; gaps are
    // few, so this settles in a few rounds.
    for _ in 0..64 {
        let worked = uncovered((first, end), gaps);
        let short = Duration::minutes(i64::from(minutes)) - worked;
        if short <= Duration::zero() {
            break;
        }
        end += short;
    }
    end
}

/// Worked time and overtime of a day, whole minutes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Worked {
    pub worked_minutes: u32,
    pub overtime_minutes: u32,
}

/// What worked time is computed from, as instants.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkSpan {
    /// The first work: the earlier of the check-in and the first focus start.
    pub first: DateTime<Utc>,
    /// The shutdown, or with none the last sign of a running coach.
    pub last: DateTime<Utc>,
    /// The planned end (the config's, or `max_work_minutes`'s): overtime is
    /// what is worked after it. A moved end (`kot end`) does not move it.
    pub planned_end: DateTime<Utc>,
    /// Breaks and personal blocks.
    pub gaps: Vec<Interval>,
    /// Evening work after the shutdown; a running one up to `now`.
    pub evenings: Vec<Interval>,
}

impl WorkSpan {
    /// From the first work to the last, less the gaps; evening work on top
    /// (from the last work on, so no minute counts twice). Overtime is the
    /// part after the planned end, and all evening work.
    #[must_use]
    pub fn worked(&self) -> Worked {
        let day = uncovered((self.first, self.last), &self.gaps);
        let late = uncovered((self.first.max(self.planned_end), self.last), &self.gaps);
        // Each evening counts only where no earlier one does: a file written
        // before overlaps were refused (or merged by a sync tool) never counts
        // the same hour twice.
        let evening: Duration = self
            .evenings
            .iter()
            .enumerate()
            .map(|(i, &(s, e))| uncovered((s.max(self.last), e), &self.evenings[..i]))
            .sum();
        let minutes = |d: Duration| u32::try_from(d.num_minutes().max(0)).unwrap_or(u32::MAX);
        Worked {
            worked_minutes: minutes(day + evening),
            overtime_minutes: minutes(late + evening),
        }
    }
}

/// What kind of ritual a day gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RitualKind {
    /// A work day, or work on a day off (`extra_work`): every step.
    Full,
    /// A sick day: one step, rest.
    Rest,
    /// A day off: nothing to shut down.
    None,
}

/// The ritual `day` gets; `work_day` says whether the config has work on
/// its weekday.
#[must_use]
pub fn ritual_kind(day: &Day, work_day: bool) -> RitualKind {
    match day.place {
        Some(Place::Sick) => RitualKind::Rest,
        Some(Place::Off) => RitualKind::None,
        Some(Place::Home | Place::Office) => RitualKind::Full,
        None if work_day || day.extra_work => RitualKind::Full,
        None => RitualKind::None,
    }
}

/// The first day after `date` that `is_work_day` accepts, within two weeks;
/// the day after when none is (a long holiday: tomorrow's file still holds
/// what was carried).
#[must_use]
pub fn next_work_day(date: NaiveDate, is_work_day: impl Fn(NaiveDate) -> bool) -> NaiveDate {
    let after = date.succ_opt().unwrap_or(date);
    (1..=14)
        .filter_map(|n| date.checked_add_days(chrono::Days::new(n)))
        .find(|d| is_work_day(*d))
        .unwrap_or(after)
}

/// Whether `day` was a work day whose shutdown was forgotten: work happened
/// (a check-in or a coach's record), the ritual is not `RitualKind::None`, no
/// shutdown was recorded and it was not already marked missed. The next
/// morning's check-in asks this of the previous work day.
#[must_use]
pub fn forgotten(day: &Day, work_day: bool) -> bool {
    let worked = day.checkin.is_some() || day.coach.seen_at.is_some() || !day.breaks.is_empty();
    ritual_kind(day, work_day) == RitualKind::Full
        && worked
        && day.shutdown.at.is_none()
        && !day.shutdown.missed
}

/// Whether `day`'s top 3 is the one `previous`'s shutdown picked for it: the
/// same tasks, none added or taken out since (by the check-in, Today or
/// `kot plan add --top`). The check-in says "picked at the shutdown" only
/// then.
#[must_use]
pub fn top_picked_at_shutdown(previous: &Day, day: &Day) -> bool {
    let picked = &previous.shutdown.next_top;
    if previous.shutdown.next_day != Some(day.date) || picked.is_empty() {
        return false;
    }
    let mut now: Vec<TaskId> = day.top_tasks().map(|t| t.id).collect();
    let mut then = picked.clone();
    now.sort_unstable();
    then.sort_unstable();
    now == then
}

/// The evening work under way, if any.
#[must_use]
pub fn running_evening(day: &Day) -> Option<&Evening> {
    day.evening.iter().rev().find(|e| e.end.is_none())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, h, m, 0).unwrap()
    }

    #[test]
    fn gaps_are_taken_off_once_and_only_inside_the_span() {
        let span = (t(9, 0), t(17, 0));
        let gaps = [
            (t(12, 0), t(12, 30)),
            (t(12, 15), t(12, 45)),
            (t(8, 0), t(9, 10)),
            (t(17, 50), t(18, 0)),
        ];
        assert_eq!(uncovered(span, &gaps), Duration::minutes(480 - 45 - 10));
        assert_eq!(uncovered((t(10, 0), t(9, 0)), &gaps), Duration::zero());
    }

    #[test]
    fn max_work_ends_later_by_each_break() {
        let gaps = [(t(12, 0), t(12, 30)), (t(15, 0), t(15, 10))];
        assert_eq!(work_reaches(t(8, 0), 480, &gaps), t(16, 40));
        assert_eq!(work_reaches(t(8, 0), 60, &gaps), t(9, 0));
    }

    #[test]
    fn overlapping_evenings_count_their_hours_once() {
        let span = WorkSpan {
            first: t(9, 0),
            last: t(17, 30),
            planned_end: t(17, 30),
            gaps: vec![],
            evenings: vec![
                (t(19, 0), t(23, 0)),
                (t(19, 0), t(23, 0)),
                (t(22, 0), t(23, 30)),
            ],
        };
        let w = span.worked();
        assert_eq!(w.overtime_minutes, 270);
        assert_eq!(w.worked_minutes, 510 + 270);
    }

    #[test]
    fn overtime_is_what_is_worked_after_the_planned_end_and_every_evening() {
        let span = WorkSpan {
            first: t(9, 0),
            last: t(18, 10),
            planned_end: t(17, 30),
            gaps: vec![(t(12, 0), t(12, 30)), (t(17, 40), t(17, 50))],
            evenings: vec![(t(20, 0), t(20, 45))],
        };
        assert_eq!(
            span.worked(),
            Worked {
                worked_minutes: 9 * 60 + 10 - 30 - 10 + 45,
                overtime_minutes: 40 - 10 + 45,
            }
        );
        let early = WorkSpan {
            last: t(16, 0),
            evenings: vec![],
            ..span
        };
        assert_eq!(early.worked().overtime_minutes, 0);
    }

    #[test]
    fn on_time_is_up_to_a_quarter_after_the_end() {
        let end = t(17, 30);
        assert_eq!(punctuality(end, Some(t(17, 45))), Punctuality::OnTime);
        assert_eq!(punctuality(end, Some(t(16, 0))), Punctuality::OnTime);
        assert_eq!(punctuality(end, Some(t(17, 46))), Punctuality::Late);
        assert_eq!(punctuality(end, None), Punctuality::Missed);
    }

    #[test]
    fn the_next_work_day_skips_the_weekend() {
        let friday = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let weekday = |d: NaiveDate| chrono::Datelike::weekday(&d).num_days_from_monday() < 5;
        assert_eq!(
            next_work_day(friday, weekday),
            NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
        );
        assert_eq!(next_work_day(friday, |_| false), friday.succ_opt().unwrap());
    }

    #[test]
    fn rituals_by_kind_of_day() {
        let mut d = Day::new(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap());
        assert_eq!(ritual_kind(&d, false), RitualKind::None);
        assert_eq!(ritual_kind(&d, true), RitualKind::Full);
        d.place = Some(Place::Home);
        d.extra_work = true;
        assert_eq!(ritual_kind(&d, false), RitualKind::Full);
        d.place = Some(Place::Sick);
        assert_eq!(ritual_kind(&d, true), RitualKind::Rest);
        d.place = Some(Place::Off);
        assert_eq!(ritual_kind(&d, true), RitualKind::None);
    }
}
