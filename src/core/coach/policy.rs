//! The coach's rules: the settings (`[breaks]`, `[meetings]`), which kind the
//! next break is and how long, what counts as lunch, and the lunch guard and
//! back-to-back meeting prompts. Pure, like the rest of the coach.

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::{Coach, CoachOp, Prompt};
use crate::core::breaks::{BreakKind, Counted};
use crate::core::meetings;
use crate::core::time::TimeOfDay;

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

    pub(super) fn had_lunch(&self) -> bool {
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
        if now >= self.lunch.1 && now < end && !log.lunch_warned {
            let fresh = now - self.lunch.1 < Duration::minutes(30);
            out.push((fresh.then_some(Prompt::LunchMissed), CoachOp::LunchWarned));
        }
        if now >= end && !log.lunch_skipped {
            out.push((None, CoachOp::LunchSkipped));
        }
    }

    pub(super) fn poll_meetings(
        &self,
        now: DateTime<Utc>,
        out: &mut Vec<(Option<Prompt>, CoachOp)>,
    ) {
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

    /// Whether a break from `start` to `end` is lunch: started in the lunch
    /// window and long enough. One rule for breaks taken and time away.
    pub(super) fn is_lunch(&self, start: DateTime<Utc>, end: DateTime<Utc>) -> bool {
        let in_window = start >= self.lunch.0 && start <= self.lunch.1;
        in_window && end - start >= Duration::minutes(i64::from(self.policy.lunch_minutes))
    }
}
