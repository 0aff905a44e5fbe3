//! The week review's facts: what one date was (`DayFacts`, from its day file,
//! its journal entry and the config), the periods a review covers (`Period`),
//! and what the review, the nudges and the reports add up over a run of days
//! (`totals`, `weekly_average`, `days_without_contact`). Pure: the shell
//! (`crate::review::load_at`) reads the files and hands them in.

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, TimeZone, Utc};

use super::agreements::{self, TeamMeeting};
use super::coach::{BreakPolicy, Coach, MeetingPolicy};
use super::day::{Day, Place};
use super::journal::{ContactState, Entry, SCORE_MAX, SCORE_MIN, Scale};
use super::plan::{BlockKind, TaskStatus, TimeBlock};
use super::shutdown::{self, Punctuality, ShutdownPolicy};
use super::workday::{WorkHours, resolve_local};

/// The work calendar a day's facts are read against: the config's
/// `[workday]` (`config::Workday` implements it; the core reads no config).
pub trait WorkCalendar {
    /// Whether the config has work on `date` (before anything is chosen).
    fn is_work_day(&self, date: NaiveDate) -> bool;
    /// The work hours of `day`: none on a day marked off or sick, nor on a
    /// day off by the config unless home or office was chosen.
    fn hours_of(&self, day: &Day) -> Option<WorkHours>;
}

/// What kind of day it was, for every rule and chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayKind {
    /// A work day by the config.
    Work,
    /// Home or office chosen on a day the config has no work on.
    ExtraWork,
    /// Marked off (`place = "off"`) for another reason than a holiday.
    Off,
    /// One of `[workday] holidays`, or a day told off as one (`kot off
    /// --reason holiday`: `off_reason = "holiday"`).
    Holiday,
    Sick,
    /// Not a work day by the config, nothing chosen.
    Free,
}

impl DayKind {
    /// The name used in JSON and i18n keys.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Work => "work",
            Self::ExtraWork => "extra-work",
            Self::Off => "off",
            Self::Holiday => "holiday",
            Self::Sick => "sick",
            Self::Free => "free",
        }
    }
}

/// The journal's five scores of a day; a score outside 1..=5 (a hand edit)
/// is left out.
/// Held in `Scale::ALL`'s order: which field is which scale is the entry's
/// to say (`Entry::score`), once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Scores([Option<u8>; Scale::ALL.len()]);

impl Scores {
    #[must_use]
    pub fn of(entry: &Entry) -> Self {
        Self(Scale::ALL.map(|s| {
            entry
                .score(s)
                .filter(|v| (SCORE_MIN..=SCORE_MAX).contains(v))
        }))
    }

    #[must_use]
    pub const fn get(&self, scale: Scale) -> Option<u8> {
        self.0[scale as usize]
    }
}

/// The settings besides the work hours that shape a day's facts: the lunch
/// window (lunch kept or not, planned time net of lunch), the shutdown's
/// `max_work_minutes` (the end punctuality is measured against) and the
/// team meetings of `[agreements]` (counted as meetings where they applied).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Policies {
    pub breaks: BreakPolicy,
    pub meetings: MeetingPolicy,
    pub shutdown: ShutdownPolicy,
    pub team_meetings: Vec<TeamMeeting>,
}

/// Everything the review, the nudges and the reports need about one date,
/// derived from the day file (may be absent), the journal entry (may be
/// absent) and the config. Built by `DayFacts::of`, never by hand outside tests.
#[derive(Debug, Clone, PartialEq)]
pub struct DayFacts {
    pub date: NaiveDate,
    pub kind: DayKind,
    pub place: Option<Place>,
    /// The work hours of a work day, less lunch when the lunch window lies in
    /// them; 0 on any other kind of day (extra work was not planned), and 0
    /// on a past work day kot knew nothing of (no day file, or one with no
    /// record in it: no place, check-in, coach, break, block, shutdown or
    /// task). Such a day is unknown, not a day of no work: a December of
    /// a few days with kot, or a year before kot was first used, does not
    /// count its other work days as planned. Today and later days count.
    pub planned_minutes: u32,
    /// From `[shutdown] worked_minutes`; today before its shutdown, the
    /// work so far by the shutdown's own rule (`Coach::work_span`: first
    /// work to now, less breaks and personal blocks); `None`: not known.
    pub worked_minutes: Option<u32>,
    /// `[shutdown] overtime_minutes` (today so far, as worked), or 0.
    pub overtime_minutes: u32,
    /// Meeting blocks, summed; 0 on a sick, off, holiday or free day
    /// without work recorded (the meetings planned then did not happen).
    pub meeting_minutes: u32,
    /// The part of them on video.
    pub video_minutes: u32,
    /// The part of them from `[agreements]`: derived from the config, not
    /// recorded by the user, and only on days with a record (past days kot
    /// knew, today once work has begun; never later days). The config as it
    /// is now applies, so meetings agreed today count on past worked days.
    pub team_minutes: u32,
    /// Short and long breaks taken (lunch is `lunch`).
    pub breaks_taken: u16,
    pub breaks_skipped: u16,
    pub breaks_ignored: u16,
    /// `Some(true)`: lunch was kept (the lunch guard's rule); `Some(false)`: a
    /// past day whose work ran through the lunch window (begun before
    /// `lunch_latest`, still going at it) without one; `None`: no lunch
    /// expected, no work across the window (a morning, or a day known only
    /// from a CLI shutdown or a task done), or today (lunch may still come).
    pub lunch: Option<bool>,
    /// How a work day ended; `None` on quiet days, days without work, later
    /// days and today before its shutdown.
    pub shutdown: Option<Punctuality>,
    /// The check-in's 1..5.
    pub feeling: Option<u8>,
    pub scores: Scores,
    pub contact: ContactState,
    /// Titles of the tasks done that day, in plan order, as written (show
    /// them through `text::display_safe`).
    pub tasks_done: Vec<String>,
    /// `[coach] gentle = true`: a gentler day after a low check-in.
    pub gentle: bool,
    /// Work recorded on a sick, off, holiday or free day.
    pub worked_on_free_day: bool,
}

impl DayFacts {
    /// The facts of `date` with the default break and shutdown settings; see
    /// `of_with` for the user's.
    ///
    /// `today`: facts of today are partial (no missed shutdown, lunch `None`
    /// until kept), and later dates have no shutdown or lunch at all. Only
    /// the tests want the defaults; kot itself reads the user's.
    #[cfg(test)]
    #[must_use]
    pub fn of<Tz: TimeZone>(
        tz: &Tz,
        date: NaiveDate,
        day: Option<&Day>,
        entry: Option<&Entry>,
        workday: &impl WorkCalendar,
        holiday: bool,
        today: NaiveDate,
    ) -> Self {
        let policies = Policies::default();
        Self::of_with(
            tz, date, day, entry, workday, &policies, holiday, today, None,
        )
    }

    /// The facts of `date` under the user's settings (see `Policies`).
    /// `now` (the instant of `today`) gives today's work so far, counted as
    /// a shutdown now would count it; `None` leaves it unknown until the
    /// shutdown records it.
    #[must_use]
    #[allow(clippy::too_many_arguments)]
    pub fn of_with<Tz: TimeZone>(
        tz: &Tz,
        date: NaiveDate,
        day: Option<&Day>,
        entry: Option<&Entry>,
        workday: &impl WorkCalendar,
        policies: &Policies,
        holiday: bool,
        today: NaiveDate,
        now: Option<DateTime<Utc>>,
    ) -> Self {
        let blank;
        let day = if let Some(d) = day {
            d
        } else {
            blank = Day::new(date);
            &blank
        };
        let kind = kind_of(day, workday, holiday);
        let quiet = is_quiet(kind);
        let coach = Coach::new(
            tz.clone(),
            policies.breaks,
            policies.meetings,
            workday.hours_of(day).filter(|_| !quiet),
            day,
        )
        .with_shutdown(policies.shutdown.clone());
        let lunch_kept = coach.lunch_kept();
        let worked = work_recorded(day);
        let known = date >= today || has_record(day);
        let so_far = now
            .filter(|_| date == today && day.shutdown.worked_minutes.is_none())
            .and_then(|now| {
                // Up to the shutdown when one is recorded without totals.
                let last = day.shutdown.at.map_or(now, |t| t.to_utc().min(now));
                coach.work_span(last, now)
            })
            .map(|s| s.worked());
        let (taken, skipped, ignored) = coach.break_counts();
        // The team meetings the day had, by the rule Today's timeline and
        // the coach use (on a day with work hours, unless an own block hides
        // them), but only on a day kot knew (see `planned_minutes`) and, today,
        // once work has begun: a past work day nobody recorded, or a later
        // one, had no meeting the review can vouch for. The config is read
        // as it is now, so agreements added today apply to past worked days.
        let team_day = match date.cmp(&today) {
            std::cmp::Ordering::Less => known,
            std::cmp::Ordering::Equal => worked || coach.first_work().is_some(),
            std::cmp::Ordering::Greater => false,
        };
        let mut team = agreements::team_blocks(
            &policies.team_meetings,
            day,
            team_day && (!quiet || worked) && workday.hours_of(day).is_some(),
            |_| String::new(),
        );
        // Today, only the meetings within the work so far, the agreed ones
        // and the day's own: from the start of the day's work to the
        // shutdown (or now). A call before a late start, or one still to
        // come, is no meeting of the day yet.
        let mut own: Vec<&TimeBlock> = day.blocks.iter().collect();
        if date == today
            && let Some(now) = now
        {
            let first = coach.first_work();
            let upto = day.shutdown.at.map_or(now, |t| t.to_utc().min(now));
            let so_far = |b: &TimeBlock| {
                let start = resolve_local(tz, date, b.span.start);
                let end = resolve_local(tz, date, b.span.end);
                first.is_some_and(|f| end > f && start < upto)
            };
            team.retain(so_far);
            own.retain(|b| so_far(b));
        }
        let (team_minutes, _) = meeting_minutes(team.iter());
        // Meetings planned on a sick or off day did not happen (nobody
        // removes them); only a day of work, or work recorded, counts them.
        let (meeting_minutes, video_minutes) = if quiet && !worked {
            (0, 0)
        } else {
            meeting_minutes(own.into_iter().chain(&team))
        };
        Self {
            date,
            kind,
            place: day.place,
            planned_minutes: if known {
                planned_minutes(kind, day, workday, policies, lunch_kept)
            } else {
                0
            },
            worked_minutes: day
                .shutdown
                .worked_minutes
                .or(so_far.map(|w| w.worked_minutes)),
            overtime_minutes: day
                .shutdown
                .overtime_minutes
                .or(so_far.map(|w| w.overtime_minutes))
                .unwrap_or(0),
            meeting_minutes,
            video_minutes,
            team_minutes,
            breaks_taken: taken,
            breaks_skipped: skipped,
            breaks_ignored: ignored,
            lunch: match lunch_kept {
                Some(true) if date <= today => Some(true),
                Some(false) if date < today && !quiet && coach.worked_through_lunch() => {
                    Some(false)
                }
                _ => None,
            },
            shutdown: if quiet || date > today {
                None
            } else if day.shutdown.at.is_some() {
                coach.punctuality()
            } else if day.shutdown.missed
                || (date < today && shutdown::forgotten(day, kind == DayKind::Work))
            {
                Some(Punctuality::Missed)
            } else {
                None
            },
            feeling: day.checkin.as_ref().and_then(|c| c.feeling),
            scores: entry.map(Scores::of).unwrap_or_default(),
            contact: entry.map_or(ContactState::Unknown, Entry::contact_state),
            tasks_done: day
                .tasks
                .iter()
                .filter(|t| t.status == TaskStatus::Done)
                .map(|t| t.title.clone())
                .collect(),
            gentle: day.coach.gentle,
            worked_on_free_day: quiet && worked,
        }
    }

    /// The part of the planned time still to come at `today`: of later
    /// days, and of today until its shutdown, less what is worked. A day
    /// shut down is over: what it did not work is plan not worked, not
    /// still to come.
    #[must_use]
    pub fn still_to_come(&self, today: NaiveDate) -> u32 {
        let open = self.date > today || (self.date == today && self.shutdown.is_none());
        if open {
            self.planned_minutes
                .saturating_sub(self.worked_minutes.unwrap_or(0))
        } else {
            0
        }
    }

    /// Off, holiday, sick or free: no nudge, streaks paused.
    #[must_use]
    pub fn is_quiet(&self) -> bool {
        is_quiet(self.kind)
    }
}

const fn is_quiet(kind: DayKind) -> bool {
    matches!(
        kind,
        DayKind::Off | DayKind::Holiday | DayKind::Sick | DayKind::Free
    )
}

/// Sick and off as marked (off with the reason holiday is a holiday); a
/// holiday stays one even with work chosen (that work is
/// `worked_on_free_day`); then extra work, then the config's days.
fn kind_of(day: &Day, workday: &impl WorkCalendar, holiday: bool) -> DayKind {
    let work_place = matches!(day.place, Some(Place::Home | Place::Office));
    match day.place {
        Some(Place::Sick) => DayKind::Sick,
        Some(Place::Off) if day.off_reason() == Some(HOLIDAY_REASON) => DayKind::Holiday,
        Some(Place::Off) => DayKind::Off,
        _ if holiday => DayKind::Holiday,
        _ if workday.is_work_day(day.date) => DayKind::Work,
        _ if day.extra_work || work_place => DayKind::ExtraWork,
        _ => DayKind::Free,
    }
}

/// The `off_reason` of a day told off as a holiday (`kot off --reason holiday`).
const HOLIDAY_REASON: &str = "holiday";

/// Signs that work happened: the coach ran or recorded breaks, a shutdown or
/// worked time, evening work, a task done. A check-in alone is not work (a
/// sick day has one too).
fn work_recorded(day: &Day) -> bool {
    day.coach.seen_at.is_some()
        || day.coach.focus_since.is_some()
        || !day.breaks.is_empty()
        || day.shutdown.at.is_some()
        || day.shutdown.worked_minutes.is_some_and(|m| m > 0)
        || !day.evening.is_empty()
        || day.tasks.iter().any(|t| t.status == TaskStatus::Done)
}

/// Whether kot knew the day: anything at all recorded in its file (a blank
/// day, or a file with only unknown keys, is not).
fn has_record(day: &Day) -> bool {
    day.place.is_some()
        || day.checkin.is_some()
        || !day.coach.is_empty()
        || !day.breaks.is_empty()
        || !day.blocks.is_empty()
        || !day.shutdown.is_empty()
        || !day.tasks.is_empty()
        || !day.evening.is_empty()
}

fn planned_minutes(
    kind: DayKind,
    day: &Day,
    workday: &impl WorkCalendar,
    policies: &Policies,
    lunch_kept: Option<bool>,
) -> u32 {
    if kind != DayKind::Work {
        return 0;
    }
    let Some(h) = workday.hours_of(day) else {
        return 0;
    };
    let span = u32::from(h.end.minutes().saturating_sub(h.start.minutes()));
    // Lunch is not work time: a 09:00–17:30 day with half an hour's lunch
    // plans 8 hours, as worked time counts them.
    let lunch = if lunch_kept.is_some() {
        policies.breaks.lunch_minutes
    } else {
        0
    };
    span.saturating_sub(lunch)
}

/// Minutes in meetings, and of those on video: the time the meeting blocks
/// cover, so two that overlap (a call running into the next) count their
/// shared minutes once.
fn meeting_minutes<'a>(blocks: impl Iterator<Item = &'a TimeBlock>) -> (u32, u32) {
    let meetings: Vec<&TimeBlock> = blocks.filter(|b| b.kind == BlockKind::Meeting).collect();
    let covered = |video_only: bool| {
        let mut spans: Vec<(u16, u16)> = meetings
            .iter()
            .filter(|b| !video_only || b.video)
            .map(|b| (b.span.start.minutes(), b.span.end.minutes()))
            .collect();
        spans.sort_unstable();
        let (mut total, mut reached) = (0u32, 0u16);
        for (start, end) in spans {
            let from = start.max(reached);
            if end > from {
                total += u32::from(end - from);
            }
            reached = reached.max(end);
        }
        total
    };
    (covered(false), covered(true))
}

/// Monday-based ISO weeks, calendar months and years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodKind {
    Week,
    Month,
    Year,
}

impl PeriodKind {
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Week => "week",
            Self::Month => "month",
            Self::Year => "year",
        }
    }
}

/// A week, month or year: `first..=last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub kind: PeriodKind,
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl Period {
    /// The week (Monday to Sunday), month or year `date` falls in.
    #[must_use]
    pub fn containing(kind: PeriodKind, date: NaiveDate) -> Self {
        let first = match kind {
            PeriodKind::Week => week_start(date),
            PeriodKind::Month => date.with_day(1).unwrap_or(date),
            PeriodKind::Year => date.with_ordinal(1).unwrap_or(date),
        };
        let last = match kind {
            PeriodKind::Week => first.checked_add_days(Days::new(6)),
            PeriodKind::Month => first
                .checked_add_months(Months::new(1))
                .and_then(|d| d.pred_opt()),
            PeriodKind::Year => first
                .checked_add_months(Months::new(12))
                .and_then(|d| d.pred_opt()),
        }
        .unwrap_or(first);
        Self { kind, first, last }
    }

    /// The period before this one.
    #[must_use]
    pub fn prev(&self) -> Self {
        Self::containing(self.kind, self.first.pred_opt().unwrap_or(self.first))
    }

    /// The period after this one.
    #[must_use]
    pub fn next(&self) -> Self {
        Self::containing(self.kind, self.last.succ_opt().unwrap_or(self.last))
    }

    /// Every date of the period, in order.
    pub fn days(&self) -> impl Iterator<Item = NaiveDate> + use<> {
        let last = self.last;
        self.first.iter_days().take_while(move |d| *d <= last)
    }

    #[must_use]
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.first <= date && date <= self.last
    }
}

/// The Monday of `date`'s week.
#[must_use]
pub fn week_start(date: NaiveDate) -> NaiveDate {
    let back = u64::from(date.weekday().num_days_from_monday());
    date.checked_sub_days(Days::new(back)).unwrap_or(date)
}

/// Totals over a run of days.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Totals {
    /// Worked time of the days where it is known.
    pub worked_minutes: u32,
    pub planned_minutes: u32,
    pub overtime_minutes: u32,
    pub meeting_minutes: u32,
    pub video_minutes: u32,
    pub breaks_taken: u32,
    pub breaks_skipped: u32,
    pub breaks_ignored: u32,
    /// Days lunch was kept.
    pub lunches: u32,
    pub work_days_without_lunch: u32,
    pub shutdowns_on_time: u32,
    pub shutdowns_late: u32,
    pub shutdowns_missed: u32,
    /// Days of work at home or at the office (work and extra work).
    pub home_days: u32,
    pub office_days: u32,
    pub off_days: u32,
    pub sick_days: u32,
    pub holiday_days: u32,
    pub tasks_done: usize,
}

/// What `days` add up to.
#[must_use]
pub fn totals(days: &[DayFacts]) -> Totals {
    let mut t = Totals::default();
    for d in days {
        t.worked_minutes += d.worked_minutes.unwrap_or(0);
        t.planned_minutes += d.planned_minutes;
        t.overtime_minutes += d.overtime_minutes;
        t.meeting_minutes += d.meeting_minutes;
        t.video_minutes += d.video_minutes;
        t.breaks_taken += u32::from(d.breaks_taken);
        t.breaks_skipped += u32::from(d.breaks_skipped);
        t.breaks_ignored += u32::from(d.breaks_ignored);
        match d.lunch {
            Some(true) => t.lunches += 1,
            Some(false) => t.work_days_without_lunch += 1,
            None => {}
        }
        match d.shutdown {
            Some(Punctuality::OnTime) => t.shutdowns_on_time += 1,
            Some(Punctuality::Late) => t.shutdowns_late += 1,
            Some(Punctuality::Missed) => t.shutdowns_missed += 1,
            None => {}
        }
        match (d.kind, d.place) {
            (DayKind::Off, _) => t.off_days += 1,
            (DayKind::Sick, _) => t.sick_days += 1,
            (DayKind::Holiday, _) => t.holiday_days += 1,
            (DayKind::Work | DayKind::ExtraWork, Some(Place::Home)) => t.home_days += 1,
            (DayKind::Work | DayKind::ExtraWork, Some(Place::Office)) => t.office_days += 1,
            _ => {}
        }
        t.tasks_done += d.tasks_done.len();
    }
    t
}

/// Weekly (Mon–Sun) averages of one scale over the `weeks` weeks ending with
/// the week of `last`; `None` for a week without scores. Oldest first
/// (sparkline order).
#[must_use]
pub fn weekly_average(
    days: &[DayFacts],
    scale: Scale,
    last: NaiveDate,
    weeks: usize,
) -> Vec<Option<f32>> {
    let mut sums = vec![(0u32, 0u32); weeks];
    let end = week_start(last);
    for d in days {
        let Some(v) = d.scores.get(scale) else {
            continue;
        };
        let back = (end - week_start(d.date)).num_weeks();
        let Ok(back) = usize::try_from(back) else {
            continue; // after the last week
        };
        if back < weeks {
            let slot = &mut sums[weeks - 1 - back];
            slot.0 += u32::from(v);
            slot.1 += 1;
        }
    }
    sums.into_iter()
        .map(|(sum, n)| {
            #[allow(clippy::cast_precision_loss)] // small counts
            (n > 0).then(|| sum as f32 / n as f32)
        })
        .collect()
}

/// Days in a row, counting back from `date` (inclusive), with `contact ==
/// None`; quiet days (off, holiday, sick, free) are skipped (the streak
/// pauses), a day with a known contact, an unknown day or a date missing
/// from `days` ends it.
#[must_use]
pub fn days_without_contact(days: &[DayFacts], date: NaiveDate) -> u32 {
    let mut by_date: Vec<&DayFacts> = days.iter().filter(|d| d.date <= date).collect();
    by_date.sort_by_key(|d| std::cmp::Reverse(d.date));
    let mut streak = 0;
    let mut expect = date;
    for d in by_date {
        if d.date != expect {
            break; // a gap: nothing known about that day
        }
        expect = d.date.pred_opt().unwrap_or(d.date);
        if d.is_quiet() {
            continue;
        }
        if d.contact != ContactState::None {
            break;
        }
        streak += 1;
    }
    streak
}

/// Whether the last day with anything known of contact, counting back from
/// `date` as `days_without_contact` does (quiet days skipped, a gap ends
/// it), had a real conversation: "lately" needs a conversation on record,
/// not a journal that says nothing.
#[must_use]
pub fn contact_known_lately(days: &[DayFacts], date: NaiveDate) -> bool {
    let mut by_date: Vec<&DayFacts> = days.iter().filter(|d| d.date <= date).collect();
    by_date.sort_by_key(|d| std::cmp::Reverse(d.date));
    let mut expect = date;
    for d in by_date {
        if d.date != expect {
            return false;
        }
        expect = d.date.pred_opt().unwrap_or(d.date);
        if !d.is_quiet() {
            return d.contact == ContactState::Known;
        }
    }
    false
}

/// The day a run without a real conversation is counted back from, for a
/// view ending `end`: `end` itself, except today while its journal says
/// nothing of a conversation yet (the evening is not told): then yesterday.
/// A conversation recorded today ends the run today. The one rule of the
/// Week screen and `kot report`.
#[must_use]
pub fn contact_streak_end(
    days: &[DayFacts],
    end: NaiveDate,
    today: NaiveDate,
) -> Option<NaiveDate> {
    let untold = days
        .iter()
        .find(|d| d.date == today)
        .is_none_or(|d| d.contact == ContactState::Unknown);
    if end == today && untold {
        today.pred_opt()
    } else {
        Some(end)
    }
}

#[cfg(test)]
pub mod testing;

#[cfg(test)]
mod tests {
    use super::testing::Weekdays;
    use super::*;
    use crate::core::breaks::{BreakKind, BreakRecord, Counted, Outcome};
    use crate::core::journal::Contact;
    use crate::core::plan::{BlockId, Task, TaskId, TimeBlock};
    use crate::core::stamp::Stamp;
    use chrono::{FixedOffset, Utc};

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn at(d: &str, hm: &str) -> Stamp {
        testing::at(date(d), hm)
    }

    fn brk(d: &str, kind: BreakKind, outcome: Outcome, from: &str, to: &str) -> BreakRecord {
        testing::brk(date(d), kind, outcome, from, to)
    }

    /// A work day at home (see `testing::work_day`) with 15 minutes' overtime.
    fn work_day(d: &str, shut: Option<&str>) -> Day {
        let mut day = testing::work_day(date(d), shut);
        day.shutdown.overtime_minutes = Some(15);
        day
    }

    fn facts(d: &Day, entry: Option<&Entry>, holiday: bool, today: &str) -> DayFacts {
        DayFacts::of(
            &Utc,
            d.date,
            Some(d),
            entry,
            &Weekdays,
            holiday,
            date(today),
        )
    }

    #[test]
    fn scores_hold_each_scale_in_its_place() {
        for (i, s) in Scale::ALL.into_iter().enumerate() {
            assert_eq!(s as usize, i, "Scale::ALL in declaration order");
        }
        let mut e = Entry::new(date("2026-11-23"));
        e.mood = Some(2);
        e.competence = Some(5);
        e.energy = Some(7); // a hand edit: left out
        let got: Vec<_> = Scale::ALL.map(|s| Scores::of(&e).get(s)).to_vec();
        assert_eq!(got, [Some(2), None, None, Some(5), None]);
    }

    #[test]
    fn a_work_day_in_full() {
        let d0 = "2026-11-23"; // a Monday
        let mut d = work_day(d0, Some("17:40"));
        d.breaks = vec![
            brk(d0, BreakKind::Short, Outcome::Taken, "10:30", "10:35"),
            brk(d0, BreakKind::Short, Outcome::Skipped, "11:30", "11:30"),
            brk(d0, BreakKind::Long, Outcome::Ignored, "15:00", "15:00"),
            brk(d0, BreakKind::Lunch, Outcome::Taken, "12:15", "12:45"),
        ];
        let span = |s: &str| s.parse().unwrap();
        d.blocks = vec![
            TimeBlock {
                id: BlockId(1),
                span: span("10:00-10:30"),
                title: "stand-up".into(),
                kind: BlockKind::Meeting,
                video: true,
                extra: toml::Table::new(),
            },
            TimeBlock {
                id: BlockId(2),
                span: span("14:00-15:00"),
                title: "planning".into(),
                kind: BlockKind::Meeting,
                video: false,
                extra: toml::Table::new(),
            },
            TimeBlock {
                id: BlockId(3),
                span: span("15:00-16:00"),
                title: "deep work".into(),
                kind: BlockKind::Focus,
                video: false,
                extra: toml::Table::new(),
            },
        ];
        let mut done = Task::new(TaskId(1), "Write the report".into());
        done.status = TaskStatus::Done;
        d.tasks = vec![done, Task::new(TaskId(2), "open".into())];
        let mut e = Entry::new(date(d0));
        e.mood = Some(4);
        e.relatedness = Some(9); // a hand edit: left out
        e.contacts.push(Contact {
            who: "Sam".into(),
            how: crate::core::journal::How::Call,
            extra: toml::Table::new(),
        });
        let f = facts(&d, Some(&e), false, "2026-11-25");
        assert_eq!(f.kind, DayKind::Work);
        assert_eq!(f.place, Some(Place::Home));
        assert_eq!(f.planned_minutes, 8 * 60, "09:00-17:30 less lunch");
        assert_eq!(f.worked_minutes, Some(480));
        assert_eq!(f.overtime_minutes, 15);
        assert_eq!((f.meeting_minutes, f.video_minutes), (90, 30));
        assert_eq!(
            (f.breaks_taken, f.breaks_skipped, f.breaks_ignored),
            (1, 1, 1)
        );
        assert_eq!(f.lunch, Some(true));
        assert_eq!(f.shutdown, Some(Punctuality::OnTime));
        assert_eq!(f.feeling, Some(4));
        assert_eq!(f.scores.get(Scale::Mood), Some(4));
        assert_eq!(f.scores.get(Scale::Relatedness), None);
        assert_eq!(f.contact, ContactState::Known);
        assert_eq!(f.tasks_done, vec!["Write the report".to_string()]);
        assert!(!f.is_quiet() && !f.worked_on_free_day && !f.gentle);
    }

    #[test]
    fn lunch_by_the_guards_rule_personal_block_included() {
        let d0 = "2026-11-23";
        let mut d = work_day(d0, Some("18:00"));
        assert_eq!(facts(&d, None, false, "2026-11-24").lunch, Some(false));
        assert_eq!(
            facts(&d, None, false, "2026-11-24").shutdown,
            Some(Punctuality::Late)
        );
        // Today: lunch may still come.
        assert_eq!(facts(&d, None, false, d0).lunch, None);
        d.blocks.push(TimeBlock {
            id: BlockId(1),
            span: "12:00-12:45".parse().unwrap(),
            title: "school run".into(),
            kind: BlockKind::Personal,
            video: false,
            extra: toml::Table::new(),
        });
        assert_eq!(facts(&d, None, false, "2026-11-24").lunch, Some(true));
        // A two-minute lunch at 09:04 does not count.
        let mut d = work_day(d0, Some("17:30"));
        let mut early = brk(d0, BreakKind::Lunch, Outcome::Taken, "09:04", "09:06");
        early.counted = Counted::You;
        d.breaks.push(early);
        assert_eq!(facts(&d, None, false, "2026-11-24").lunch, Some(false));
        // A lunch kot offered late and the user took (13:41-14:11, after the
        // 12:00-13:30 window, recorded as counted by you): a lunch.
        let mut d = work_day(d0, Some("17:30"));
        let mut late = brk(d0, BreakKind::Lunch, Outcome::Taken, "13:41", "14:11");
        late.counted = Counted::You;
        d.breaks.push(late);
        assert_eq!(facts(&d, None, false, "2026-11-24").lunch, Some(true));
    }

    #[test]
    fn forgotten_and_missed_shutdowns_but_not_today_or_untouched_days() {
        let d0 = "2026-11-23";
        let mut d = work_day(d0, None);
        d.coach.seen_at = Some(at(d0, "17:00"));
        assert_eq!(facts(&d, None, false, d0).shutdown, None);
        assert_eq!(
            facts(&d, None, false, "2026-11-24").shutdown,
            Some(Punctuality::Missed)
        );
        d.shutdown.missed = true;
        assert_eq!(
            facts(&d, None, false, d0).shutdown,
            Some(Punctuality::Missed)
        );
        // A work day nobody used kot on: nothing known, nothing missed.
        let f = DayFacts::of(
            &Utc,
            date(d0),
            None,
            None,
            &Weekdays,
            false,
            date("2026-11-30"),
        );
        assert_eq!(f.kind, DayKind::Work);
        assert_eq!((f.shutdown, f.lunch, f.worked_minutes), (None, None, None));
        assert_eq!(f.contact, ContactState::Unknown);
    }

    #[test]
    fn kinds_of_days_and_work_on_free_ones() {
        let sat = "2026-11-28";
        let blank = Day::new(date(sat));
        let f = facts(&blank, None, false, "2026-12-01");
        assert_eq!((f.kind, f.planned_minutes), (DayKind::Free, 0));
        assert!(f.is_quiet() && !f.worked_on_free_day);
        let mut extra = work_day(sat, Some("17:00"));
        extra.extra_work = true;
        let f = facts(&extra, None, false, "2026-12-01");
        assert_eq!((f.kind, f.planned_minutes), (DayKind::ExtraWork, 0));
        assert!(!f.is_quiet());
        let mut sick = work_day("2026-11-24", None);
        sick.place = Some(Place::Sick);
        let f = facts(&sick, None, false, "2026-12-01");
        assert_eq!(f.kind, DayKind::Sick);
        assert!(f.worked_on_free_day, "480 minutes worked while sick");
        assert_eq!((f.shutdown, f.lunch), (None, None));
        let mut off = Day::new(date("2026-11-25"));
        off.place = Some(Place::Off);
        assert_eq!(facts(&off, None, false, "2026-12-01").kind, DayKind::Off);
        let hol = Day::new(date("2026-11-26"));
        let f = facts(&hol, None, true, "2026-12-01");
        assert_eq!((f.kind, f.planned_minutes), (DayKind::Holiday, 0));
        assert_eq!(f.shutdown, None);
        // Told off as a holiday (`kot off --reason holiday`): a holiday; off
        // for another reason stays off.
        off.off_reason = Some("holiday".into());
        let f = facts(&off, None, false, "2026-12-01");
        assert_eq!((f.kind, f.planned_minutes), (DayKind::Holiday, 0));
        off.off_reason = Some("leave".into());
        assert_eq!(facts(&off, None, false, "2026-12-01").kind, DayKind::Off);
    }

    #[test]
    fn the_shutdown_counts_against_a_max_work_end() {
        let d0 = "2026-11-23";
        let d = work_day(d0, Some("16:00"));
        let policies = Policies {
            shutdown: ShutdownPolicy {
                max_work_minutes: Some(360),
                ..ShutdownPolicy::default()
            },
            ..Policies::default()
        };
        let f = DayFacts::of_with(
            &FixedOffset::east_opt(0).unwrap(),
            date(d0),
            Some(&d),
            None,
            &Weekdays,
            &policies,
            false,
            date("2026-11-24"),
            None,
        );
        // 09:00 + 6 h = 15:00; 16:00 is late against it.
        assert_eq!(f.shutdown, Some(Punctuality::Late));
        assert_eq!(
            facts(&d, None, false, "2026-11-24").shutdown,
            Some(Punctuality::OnTime)
        );
    }

    #[test]
    fn today_counts_its_work_so_far_by_the_shutdowns_rule() {
        let d0 = "2026-11-27"; // a Friday
        let mut d = testing::work_day(date(d0), None);
        d.shutdown.worked_minutes = None;
        d.breaks = vec![brk(d0, BreakKind::Lunch, Outcome::Taken, "12:00", "12:30")];
        let now = at(d0, "16:40").to_utc();
        let of = |d: &Day, today: &str, now| {
            DayFacts::of_with(
                &Utc,
                d.date,
                Some(d),
                None,
                &Weekdays,
                &Policies::default(),
                false,
                date(today),
                now,
            )
        };
        // 09:00 to 16:40 less half an hour's lunch.
        assert_eq!(of(&d, d0, Some(now)).worked_minutes, Some(7 * 60 + 10));
        assert_eq!(of(&d, d0, None).worked_minutes, None, "no instant: unknown");
        // Another day's work is what its shutdown recorded, not computed.
        assert_eq!(of(&d, "2026-11-30", Some(now)).worked_minutes, None);
        // Once shut down, the record counts.
        d.shutdown.worked_minutes = Some(400);
        assert_eq!(of(&d, d0, Some(now)).worked_minutes, Some(400));
    }

    #[test]
    fn unknown_past_days_plan_nothing_and_a_cli_only_day_misses_no_lunch() {
        let wed = "2026-11-25";
        let f = |d: Option<&Day>, today: &str| {
            DayFacts::of(&Utc, date(wed), d, None, &Weekdays, false, date(today))
        };
        // A past work day kot never saw: unknown, nothing planned.
        assert_eq!(f(None, "2026-11-30").planned_minutes, 0);
        assert_eq!(
            f(Some(&Day::new(date(wed))), "2026-11-30").planned_minutes,
            0
        );
        // Today and later days plan their hours.
        assert_eq!(f(None, wed).planned_minutes, 480);
        assert_eq!(f(None, "2026-11-23").planned_minutes, 480);
        // Only a CLI shutdown with nothing worked: known, but no lunch missed.
        let mut cli = Day::new(date(wed));
        cli.shutdown.at = Some(at(wed, "17:30"));
        cli.shutdown.worked_minutes = Some(0);
        let got = f(Some(&cli), "2026-11-30");
        assert_eq!((got.planned_minutes, got.lunch), (480, None));
        // Only a task done from the CLI.
        let mut task = Day::new(date(wed));
        let mut t = Task::new(TaskId(1), "mail".into());
        t.status = TaskStatus::Done;
        task.tasks.push(t);
        assert_eq!(f(Some(&task), "2026-11-30").lunch, None);
        // A morning's work ending before the lunch window's end: none missed.
        let mut morning = testing::work_day(date(wed), Some("11:00"));
        morning.shutdown.worked_minutes = Some(120);
        assert_eq!(f(Some(&morning), "2026-11-30").lunch, None);
        // Work through the window without lunch: missed.
        let through = testing::work_day(date(wed), Some("17:30"));
        assert_eq!(f(Some(&through), "2026-11-30").lunch, Some(false));
    }

    #[test]
    fn meetings_planned_on_a_sick_or_off_day_do_not_count() {
        let wed = "2026-11-25";
        let mut d = Day::new(date(wed));
        d.blocks.push(TimeBlock {
            id: BlockId(1),
            span: "09:30-09:45".parse().unwrap(),
            title: "stand-up".into(),
            kind: BlockKind::Meeting,
            video: true,
            extra: toml::Table::new(),
        });
        for place in [Place::Sick, Place::Off] {
            d.place = Some(place);
            let f = facts(&d, None, false, "2026-11-30");
            assert_eq!((f.meeting_minutes, f.video_minutes), (0, 0), "{place:?}");
        }
        // Work recorded on the sick day: its meetings count.
        d.place = Some(Place::Sick);
        d.shutdown.worked_minutes = Some(60);
        assert_eq!(facts(&d, None, false, "2026-11-30").meeting_minutes, 15);
        d.place = Some(Place::Home);
        d.shutdown.worked_minutes = None;
        assert_eq!(facts(&d, None, false, "2026-11-30").meeting_minutes, 15);
    }

    #[test]
    fn team_meetings_count_only_on_days_with_a_record() {
        let team = TeamMeeting {
            with: "team".into(),
            days: vec![chrono::Weekday::Mon, chrono::Weekday::Tue],
            span: "10:00-10:30".parse().unwrap(),
            video: true,
        };
        let policies = Policies {
            team_meetings: vec![team],
            ..Policies::default()
        };
        let of = |day: &Day, today: &str| {
            DayFacts::of_with(
                &Utc,
                day.date,
                Some(day),
                None,
                &Weekdays,
                &policies,
                false,
                date(today),
                None,
            )
        };
        let mins = |f: DayFacts| (f.meeting_minutes, f.video_minutes, f.team_minutes);
        // A past Monday worked: the meeting counts.
        let worked = work_day("2026-11-23", Some("17:30"));
        assert_eq!(mins(of(&worked, "2026-11-25")), (30, 30, 30));
        // A past Monday with no file, or nothing recorded in it: nothing.
        let blank = Day::new(date("2026-11-23"));
        assert_eq!(mins(of(&blank, "2026-11-25")), (0, 0, 0));
        // Today before work begins: nothing; after the check-in: counted.
        let today = Day::new(date("2026-11-24"));
        assert_eq!(mins(of(&today, "2026-11-24")), (0, 0, 0));
        let begun = work_day("2026-11-24", None);
        assert_eq!(mins(of(&begun, "2026-11-24")), (30, 30, 30));
        // A later Monday: nothing yet.
        assert_eq!(
            mins(of(&Day::new(date("2026-11-30")), "2026-11-24")),
            (0, 0, 0)
        );
    }

    #[test]
    fn periods_weeks_months_years() {
        let d = date("2026-11-25");
        let w = Period::containing(PeriodKind::Week, d);
        assert_eq!((w.first, w.last), (date("2026-11-23"), date("2026-11-29")));
        assert_eq!(w.days().count(), 7);
        assert_eq!(w.prev().first, date("2026-11-16"));
        assert_eq!(w.next().first, date("2026-11-30"));
        let m = Period::containing(PeriodKind::Month, date("2028-02-10"));
        assert_eq!((m.first, m.last), (date("2028-02-01"), date("2028-02-29")));
        assert_eq!(m.next().last, date("2028-03-31"));
        assert_eq!(m.prev().first, date("2028-01-01"));
        let y = Period::containing(PeriodKind::Year, d);
        assert_eq!((y.first, y.last), (date("2026-01-01"), date("2026-12-31")));
        assert_eq!(y.days().count(), 365);
        assert_eq!(y.next().days().count(), 365);
        assert!(y.contains(d) && !y.contains(date("2027-01-01")));
        // A week across the new year.
        let w = Period::containing(PeriodKind::Week, date("2027-01-01"));
        assert_eq!((w.first, w.last), (date("2026-12-28"), date("2027-01-03")));
    }

    fn blank(d: &str, kind: DayKind) -> DayFacts {
        let day = Day::new(date(d));
        let mut f = facts(&day, None, false, "2030-01-01");
        f.kind = kind;
        f.planned_minutes = 0;
        f
    }

    #[test]
    fn totals_add_up() {
        let mut a = blank("2026-11-23", DayKind::Work);
        a.place = Some(Place::Home);
        a.worked_minutes = Some(400);
        a.planned_minutes = 480;
        a.lunch = Some(true);
        a.shutdown = Some(Punctuality::Late);
        a.tasks_done = vec!["x".into(), "y".into()];
        a.breaks_taken = 3;
        let mut b = blank("2026-11-24", DayKind::Work);
        b.place = Some(Place::Office);
        b.worked_minutes = Some(500);
        b.planned_minutes = 480;
        b.overtime_minutes = 20;
        b.lunch = Some(false);
        b.shutdown = Some(Punctuality::OnTime);
        b.meeting_minutes = 60;
        b.video_minutes = 30;
        let c = blank("2026-11-25", DayKind::Sick);
        let d = blank("2026-11-26", DayKind::Off);
        let e = blank("2026-11-27", DayKind::Holiday);
        let t = totals(&[a, b, c, d, e]);
        assert_eq!(
            t,
            Totals {
                worked_minutes: 900,
                planned_minutes: 960,
                overtime_minutes: 20,
                meeting_minutes: 60,
                video_minutes: 30,
                breaks_taken: 3,
                lunches: 1,
                work_days_without_lunch: 1,
                shutdowns_on_time: 1,
                shutdowns_late: 1,
                home_days: 1,
                office_days: 1,
                off_days: 1,
                sick_days: 1,
                holiday_days: 1,
                tasks_done: 2,
                ..Totals::default()
            }
        );
        assert_eq!(totals(&[]), Totals::default());
    }

    #[test]
    fn weekly_averages_oldest_first_with_gaps() {
        let mut days = Vec::new();
        for (d, v) in [
            ("2026-11-02", 2), // week 45
            ("2026-11-04", 3), // week 45
            ("2026-11-18", 5), // week 47
            ("2026-11-30", 1), // week 49: after `last`
            ("2026-10-01", 1), // too old
        ] {
            let mut f = blank(d, DayKind::Work);
            let mut e = Entry::new(date(d));
            e.autonomy = Some(v);
            f.scores = Scores::of(&e);
            days.push(f);
        }
        let avg = weekly_average(&days, Scale::Autonomy, date("2026-11-29"), 4);
        assert_eq!(avg, vec![Some(2.5), None, Some(5.0), None]);
        assert_eq!(
            weekly_average(&days, Scale::Mood, date("2026-11-29"), 2),
            vec![None, None]
        );
    }

    #[test]
    fn contact_streak_pauses_on_quiet_days_and_ends_on_contact_or_unknown() {
        let with = |d: &str, kind: DayKind, c: ContactState| {
            let mut f = blank(d, kind);
            f.contact = c;
            f
        };
        let days = vec![
            with("2026-11-19", DayKind::Work, ContactState::None),
            with("2026-11-20", DayKind::Work, ContactState::Known),
            with("2026-11-21", DayKind::Work, ContactState::None),
            with("2026-11-22", DayKind::Free, ContactState::Unknown),
            with("2026-11-23", DayKind::Sick, ContactState::Unknown),
            with("2026-11-24", DayKind::Work, ContactState::None),
            with("2026-11-25", DayKind::Work, ContactState::None),
            with("2026-11-26", DayKind::Work, ContactState::Unknown),
        ];
        assert_eq!(days_without_contact(&days, date("2026-11-25")), 3);
        assert_eq!(days_without_contact(&days, date("2026-11-26")), 0);
        assert_eq!(days_without_contact(&days, date("2026-11-20")), 0);
        assert_eq!(days_without_contact(&days, date("2026-11-19")), 1);
        // A date not in the list: nothing known.
        assert_eq!(days_without_contact(&days, date("2026-11-28")), 0);
    }
}
