//! The coach's rules: the settings (`[breaks]`, `[meetings]`), which kind the
//! next break is and how long, what counts as lunch, and the lunch guard and
//! back-to-back meeting prompts. Pure, like the rest of the coach.

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::{Coach, CoachOp, Prompt};
use crate::core::breaks::{BreakKind, BreakRecord, Counted, Outcome};
use crate::core::meetings;
use crate::core::plan::BlockId;
use crate::core::time::TimeOfDay;

/// `l` (lunch) is offered from this long before `lunch_earliest`.
const LUNCH_OFFERED_BEFORE: Duration = Duration::hours(1);

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
    /// Minutes after a break ends with no answer before kot assumes the user
    /// came back at its planned end.
    pub back_grace_minutes: u32,
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
            back_grace_minutes: 5,
        }
    }
}

/// Focus blocks on a gentle day are this share of `focus_minutes`, in percent.
pub const GENTLE_FOCUS_PERCENT: u32 = 60;

impl BreakPolicy {
    /// The policy `day` is coached by: on a gentle day (a low feeling at the
    /// check-in, shorter blocks accepted) focus blocks of 60% of
    /// `focus_minutes`. The one place that decides a day's focus length, so
    /// the TUI, `kot watch` and `kot status` agree.
    #[must_use]
    pub fn for_day(self, day: &crate::core::day::Day) -> Self {
        if day.coach.gentle {
            Self {
                focus_minutes: gentle_focus(self.focus_minutes),
                ..self
            }
        } else {
            self
        }
    }
}

/// `focus_minutes` on a gentle day: 60%, rounded to the nearest minute, at
/// least 5 (the smallest the config allows).
#[must_use]
pub fn gentle_focus(focus_minutes: u32) -> u32 {
    ((focus_minutes * GENTLE_FOCUS_PERCENT + 50) / 100).max(5)
}

/// The meeting settings (`[meetings]` in the config).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MeetingPolicy {
    pub max_back_to_back_minutes: u16,
    pub back_to_back_gap_minutes: u16,
    pub buffer_minutes: u16,
    /// How long before a long run of meetings the heads-up comes.
    pub heads_up_minutes: u16,
}

impl Default for MeetingPolicy {
    fn default() -> Self {
        Self {
            max_back_to_back_minutes: 90,
            back_to_back_gap_minutes: 5,
            buffer_minutes: 5,
            heads_up_minutes: 5,
        }
    }
}

impl<Tz: TimeZone> Coach<'_, Tz> {
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

    pub(super) fn escalate_after(&self) -> Duration {
        Duration::minutes(i64::from(self.policy.escalate_after_minutes))
    }

    pub(super) fn back_grace(&self) -> Duration {
        Duration::minutes(i64::from(self.policy.back_grace_minutes))
    }

    /// Whether lunch is done: one recorded or planned (`lunch_taken`), or a
    /// break under way that may still become lunch (no "no lunch yet" while
    /// it runs).
    pub(super) fn had_lunch(&self) -> bool {
        self.lunch_taken()
            || self.log().on_break.as_ref().is_some_and(|b| {
                let start = b.start.to_utc();
                b.kind == BreakKind::Lunch || (start >= self.lunch.0 && start < self.lunch.1)
            })
    }

    /// Whether a lunch that counts (see `is_lunch`) was recorded, or a
    /// personal block of the day counts as one.
    pub(super) fn lunch_taken(&self) -> bool {
        self.day.breaks.iter().any(|b| self.is_lunch(b))
            || self
                .personal
                .iter()
                .any(|p| self.lunch_counts(p.start, p.end, false))
    }

    /// Whether a break recorded is the day's lunch by the lunch rule:
    /// recorded as lunch (`counted = "lunch"`), or a lunch asked for that
    /// the rule counts (a file written by hand or by an older kot).
    #[must_use]
    pub fn is_lunch(&self, b: &BreakRecord) -> bool {
        b.outcome == Outcome::Taken
            && (b.counted == Counted::Lunch
                || (b.kind == BreakKind::Lunch
                    && self.lunch_counts(b.start.to_utc(), b.end.to_utc(), true)))
    }

    /// The day's breaks taken, skipped and ignored, the one count every view
    /// shows (`breaks::counts` with the lunch rule).
    #[must_use]
    pub fn break_counts(&self) -> (u16, u16, u16) {
        crate::core::breaks::counts(&self.day.breaks, |b| self.is_lunch(b))
    }

    /// A lunch asked for (`l`, `--lunch`) that the lunch rule did not count
    /// (too early or too short): kept, but as a break, never drawn as lunch.
    #[must_use]
    pub fn lunch_not_counted(&self, b: &BreakRecord) -> bool {
        b.kind == BreakKind::Lunch && b.outcome == Outcome::Taken && !self.is_lunch(b)
    }

    /// The lunch rule, the one every message, record and view follows.
    /// A lunch counts when it lasts at least half of `lunch_minutes` and is
    /// not over before `lunch_earliest` (a lunch at 09:04, or of two
    /// minutes, does not: kot still expects one). `asked`: the user called
    /// it lunch (`l`, `--lunch`), and then a late one counts too (kot offers
    /// lunch after the window); time away, a personal block or another
    /// break becomes lunch only when it overlaps the lunch window.
    pub(super) fn lunch_counts(
        &self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        asked: bool,
    ) -> bool {
        let half = Duration::seconds(i64::from(self.policy.lunch_minutes) * 30);
        end - start >= half && end > self.lunch.0 && (asked || start < self.lunch.1)
    }

    /// Whether the day's lunch was kept by the lunch guard's rule (`had_lunch`):
    /// `None` when the lunch window does not lie in the day's work hours (no
    /// work, or a half day), where no lunch is expected. The week review and
    /// the nudges count lunches by this, so they agree with the guard.
    #[must_use]
    pub fn lunch_kept(&self) -> Option<bool> {
        self.lunch_applies().then(|| self.had_lunch())
    }

    /// Whether the day's work ran through the lunch window: begun before
    /// `lunch_latest` and still going at it (the moment the guard says no
    /// lunch was had). A day known only from a shutdown or a task done on
    /// the command line has no first work and did not.
    #[must_use]
    pub fn worked_through_lunch(&self) -> bool {
        let end = self.lunch.1;
        self.first_work()
            .zip(self.last_work())
            .is_some_and(|(first, last)| first < end && last >= end)
    }

    /// The kind of a break falling due at `due`: lunch inside the lunch window
    /// while lunch is not done, else the next in the short/long rhythm.
    pub(super) fn kind_due_at(&self, due: DateTime<Utc>) -> BreakKind {
        let in_window = due >= self.lunch.0 && due < self.lunch.1;
        if in_window && self.lunch_applies() && !self.had_lunch() {
            BreakKind::Lunch
        } else {
            self.next_kind()
        }
    }

    /// Whether to offer lunch (`l`) now: from an hour before `lunch_earliest`
    /// while working, until lunch is done.
    #[must_use]
    pub fn lunch_offered(&self, now: DateTime<Utc>) -> bool {
        self.working(now)
            && self.log().on_break.is_none()
            && now >= self.lunch_offered_from()
            && !self.had_lunch()
    }

    /// From when lunch is offered.
    #[must_use]
    pub fn lunch_offered_from(&self) -> DateTime<Utc> {
        self.lunch.0 - LUNCH_OFFERED_BEFORE
    }

    /// Whether the lunch window lies inside today's work hours.
    /// The minutes of lunch the day still holds after `from`: the lunch
    /// the guard expects, while none was had and its window has not passed
    /// (Today's "free" time leaves it out, as planned hours do).
    #[must_use]
    pub fn lunch_to_come(&self, from: DateTime<Utc>) -> u32 {
        if self.lunch_applies() && !self.had_lunch() && from < self.lunch.1 {
            self.policy.lunch_minutes
        } else {
            0
        }
    }

    pub(super) fn lunch_applies(&self) -> bool {
        self.work
            .is_some_and(|(s, e)| self.lunch.1 > s && self.lunch.1 <= e)
    }

    pub(super) fn poll_lunch(&self, now: DateTime<Utc>, out: &mut Vec<(Option<Prompt>, CoachOp)>) {
        if !self.lunch_applies() || self.had_lunch() {
            return;
        }
        let Some((_, end)) = self.work else { return };
        let log = self.log();
        // An early or short lunch: said once, when it ends, that it did not count.
        if !log.lunch_noted
            && !log.lunch_warned
            && now < end
            && let Some(b) = self
                .day
                .breaks
                .iter()
                .rev()
                .find(|b| self.lunch_not_counted(b))
        {
            let ended = b.end.to_utc();
            let fresh = now - self.held_until(ended) < Duration::minutes(2);
            let prompt = Prompt::LunchStillExpected {
                from: self.lunch.0,
                until: self.lunch.1,
            };
            out.push((fresh.then_some(prompt), CoachOp::LunchNoted));
        }
        if now >= self.lunch.1 && now < end && !log.lunch_warned {
            let fresh = now - self.held_until(self.lunch.1) < Duration::minutes(30);
            out.push((fresh.then_some(Prompt::LunchMissed), CoachOp::LunchWarned));
        }
        // A day whose work never began skipped no lunch (kot opened in the
        // evening to write the journal).
        if now >= end && !log.lunch_skipped && self.first_work().is_some() {
            out.push((None, CoachOp::LunchSkipped));
        }
    }

    /// Long runs of meetings: a heads-up `heads_up_minutes` before such a run
    /// starts, and after the meeting that crosses the limit, the pause of
    /// `buffer_minutes` where there is a gap for it. Never during a call: the
    /// caller holds every prompt while a meeting runs.
    pub(super) fn poll_meetings(
        &self,
        now: DateTime<Utc>,
        out: &mut Vec<(Option<Prompt>, CoachOp)>,
    ) {
        if self.off.is_some() {
            return;
        }
        let mp = self.meeting_policy;
        let log = self.log();
        for run in self.long_runs() {
            let (Some(first), Some(crossed)) = (run.blocks.first(), run.crossed_at) else {
                continue;
            };
            let (Some(head), Some(m)) = (self.meeting(*first), self.meeting(crossed)) else {
                continue;
            };
            let heads_up = head.start - Duration::minutes(i64::from(mp.heads_up_minutes));
            if now >= heads_up && now < head.start && !log.meeting_heads_up.contains(first) {
                let end = run
                    .blocks
                    .iter()
                    .filter_map(|id| self.meeting(*id))
                    .map(|m| m.end)
                    .max()
                    .unwrap_or(head.end);
                let prompt = Prompt::MeetingsAhead {
                    start: head.start,
                    end,
                    run_minutes: run.minutes,
                };
                out.push((Some(prompt), CoachOp::MeetingHeadsUp { id: *first }));
            }
            if now >= m.end && self.room_after(m.end) && !log.meeting_warned.contains(&crossed) {
                let fresh = now - self.held_until(m.end) < Duration::minutes(15);
                let happened = (m.end - head.start).num_minutes();
                let next_call = self
                    .meetings
                    .iter()
                    .map(|n| n.start)
                    .filter(|s| *s >= m.end && self.work.is_none_or(|(_, e)| *s < e))
                    .min();
                let prompt = Prompt::MeetingLimit {
                    run_minutes: u16::try_from(happened).unwrap_or(u16::MAX),
                    buffer_minutes: mp.buffer_minutes,
                    after: crossed,
                    next_call,
                };
                out.push((
                    fresh.then_some(prompt),
                    CoachOp::MeetingWarned { id: crossed },
                ));
            }
        }
        self.poll_into_meetings(now, out);
        self.poll_team(now, out);
    }

    /// A word, once per meeting, on what runs into it: the break under way
    /// (said as soon as it starts), or the workday's end (a call that runs
    /// past it, `heads_up_minutes` before it starts).
    fn poll_into_meetings(&self, now: DateTime<Utc>, out: &mut Vec<(Option<Prompt>, CoachOp)>) {
        let lead = Duration::minutes(i64::from(self.meeting_policy.heads_up_minutes));
        let log = self.log();
        let end = self.end;
        for m in &self.meetings {
            let said = log.meeting_heads_up.contains(&m.id)
                || out
                    .iter()
                    .any(|(_, op)| *op == CoachOp::MeetingHeadsUp { id: m.id });
            if said || now >= m.start {
                continue;
            }
            let prompt = if let Some(b) = log.on_break.as_ref().filter(|b| {
                let start = b.start.to_utc();
                start < m.start && m.start < b.end()
            }) {
                Prompt::BreakIntoMeeting {
                    kind: b.kind,
                    start: m.start,
                    end: b.end(),
                }
            } else if let Some(e) = end.filter(|e| m.start < *e && m.end > *e)
                && now >= m.start - lead
            {
                Prompt::CallPastEnd {
                    start: m.start,
                    until: m.end,
                    end: e,
                }
            } else {
                continue;
            };
            out.push((Some(prompt), CoachOp::MeetingHeadsUp { id: m.id }));
        }
    }

    /// A heads-up `heads_up_minutes` before each team meeting, once, unless
    /// the long-run heads-up for it was said just now.
    fn poll_team(&self, now: DateTime<Utc>, out: &mut Vec<(Option<Prompt>, CoachOp)>) {
        let lead = Duration::minutes(i64::from(self.meeting_policy.heads_up_minutes));
        for b in &self.team {
            let Some(m) = self.meeting(b.id) else {
                continue;
            };
            let said = self.log().meeting_heads_up.contains(&b.id)
                || out
                    .iter()
                    .any(|(_, op)| *op == CoachOp::MeetingHeadsUp { id: b.id });
            if now >= m.start - lead && now < m.start && !said {
                let prompt = Prompt::TeamMeetingAhead {
                    start: m.start,
                    title: b.title.clone(),
                    video: b.video,
                };
                out.push((Some(prompt), CoachOp::MeetingHeadsUp { id: b.id }));
            }
        }
    }

    /// Today's runs of meetings that reach `max_back_to_back_minutes`.
    #[must_use]
    pub fn long_runs(&self) -> Vec<meetings::Run> {
        let mp = self.meeting_policy;
        let mut blocks = self.day.blocks.clone();
        blocks.extend(self.team.iter().cloned());
        meetings::runs(
            &blocks,
            mp.back_to_back_gap_minutes,
            mp.max_back_to_back_minutes,
        )
        .into_iter()
        .filter(|r| r.crossed_at.is_some())
        .collect()
    }

    fn meeting(&self, id: BlockId) -> Option<&super::Meeting> {
        self.meetings.iter().find(|m| m.id == id)
    }

    /// Whether the pause after a long run fits at `t`: no meeting runs then,
    /// and none starts within `buffer_minutes`.
    fn room_after(&self, t: DateTime<Utc>) -> bool {
        let buffer = Duration::minutes(i64::from(self.meeting_policy.buffer_minutes));
        self.meeting_end_at(t).is_none()
            && !self
                .meetings
                .iter()
                .any(|m| m.start > t && m.start < t + buffer)
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone, Utc};

    use super::*;
    use crate::core::day::Day;
    use crate::core::workday::WorkHours;

    fn at(hm: &str) -> DateTime<Utc> {
        let t: TimeOfDay = hm.parse().unwrap();
        Utc.from_utc_datetime(&date().and_time(t.to_naive()))
    }

    fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    /// The lunch rule with the default window (12:00-13:30, 30 min): long
    /// enough and not over before the window; asked for, a late one counts;
    /// otherwise only one overlapping the window.
    #[test]
    fn the_lunch_rule() {
        let day = Day::new(date());
        let hours = WorkHours {
            start: TimeOfDay::hm(9, 0),
            end: TimeOfDay::hm(17, 30),
        };
        let coach = Coach::new(
            Utc,
            BreakPolicy::default(),
            MeetingPolicy::default(),
            Some(hours),
            &day,
        );
        let counts = |from, to, asked| coach.lunch_counts(at(from), at(to), asked);
        assert!(counts("12:10", "12:40", true));
        assert!(counts("12:10", "12:25", false), "half of lunch_minutes");
        assert!(!counts("12:10", "12:20", true), "too short");
        assert!(!counts("11:15", "11:45", true), "over before the window");
        assert!(counts("11:45", "12:15", false), "overlaps the window");
        assert!(counts("15:33", "16:03", true), "a late lunch asked for");
        assert!(
            !counts("15:00", "15:45", false),
            "time away after the window"
        );
    }
}
