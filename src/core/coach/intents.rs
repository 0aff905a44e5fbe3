//! What the user asks of the coach (start, end, skip, snooze, pause) and time
//! away, each checked against the day and turned into a `CoachOp` to record.

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::{Coach, CoachOp, CoachRefusal, CoachState, Prompt};
use crate::core::breaks::{BreakKind, Counted, Outcome};

impl<Tz: TimeZone> Coach<'_, Tz> {
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

    /// A break taken without kot seeing it (a walk, the phone left behind),
    /// told afterwards: it counts like one taken. `lunch`, or long enough in
    /// the lunch window, makes it lunch.
    ///
    /// # Errors
    /// Not a working day, the break has not ended by `now`, or it overlaps a
    /// break already recorded or under way.
    pub fn add_break(
        &self,
        now: DateTime<Utc>,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        lunch: bool,
    ) -> Result<CoachOp, CoachRefusal> {
        if self.off.is_some() || self.work.is_none() {
            return Err(CoachRefusal::NotWorking);
        }
        if end > now {
            return Err(CoachRefusal::NotOver { end });
        }
        let log = self.log();
        let running = log.on_break.as_ref().map(|b| (b.start.to_utc(), now));
        let taken = self
            .day
            .breaks
            .iter()
            .filter(|b| b.outcome == Outcome::Taken)
            .map(|b| (b.start.to_utc(), b.end.to_utc()));
        if let Some((s, e)) = taken.chain(running).find(|(s, e)| *s < end && start < *e) {
            return Err(CoachRefusal::Overlaps { start: s, end: e });
        }
        let counted = if lunch || self.is_lunch(start, end) {
            Counted::Lunch
        } else {
            Counted::You
        };
        let kind = if counted == Counted::Lunch {
            BreakKind::Lunch
        } else {
            self.next_kind()
        };
        Ok(CoachOp::Added {
            start: self.stamp(start),
            end: self.stamp(end),
            kind,
            counted,
        })
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
