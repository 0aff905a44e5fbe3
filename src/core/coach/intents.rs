//! What the user asks of the coach (start, end, skip, snooze, pause) and time
//! away, each checked against the day and turned into a `CoachOp` to record.

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::{Coach, CoachOp, CoachRefusal, CoachState, Prompt};
use crate::core::breaks::{Back, BreakKind, Counted, Outcome};

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
        let due = self.break_due(now).filter(|d| *d <= now);
        // The break due is started as what it was offered as (lunch, in the
        // lunch window).
        let kind = match due {
            _ if lunch => BreakKind::Lunch,
            Some(d) => self.kind_due_at(d),
            None => self.next_kind(),
        };
        let due = due.map(|d| self.stamp(d));
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
        self.end_break_at(now, None)
    }

    /// Close the break under way at `at`; `back` says how its end was known.
    pub(super) fn end_break_at(
        &self,
        now: DateTime<Utc>,
        back: Option<Back>,
    ) -> Result<CoachOp, CoachRefusal> {
        let b = self
            .log()
            .on_break
            .as_ref()
            .ok_or(CoachRefusal::NotOnBreak)?;
        let start = b.start.to_utc();
        let (kind, counted) = self.finished_break(b.kind, start, now);
        Ok(CoachOp::EndBreak {
            at: self.stamp(now.max(start)),
            counted,
            kind,
            back,
        })
    }

    /// How a break of `kind` from `start` to `end` is recorded, whether it was
    /// seen (ended now) or told afterwards (`kot break add`), by the lunch
    /// rule (`lunch_counts`): a lunch that counts is lunch; an early or short
    /// one stays a lunch asked for that did not count (a break); another
    /// break that lasts a lunch in the window, with no lunch yet, becomes it.
    fn finished_break(
        &self,
        kind: BreakKind,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> (BreakKind, Counted) {
        let asked = kind == BreakKind::Lunch;
        if self.lunch_counts(start, end, asked) && (asked || !self.lunch_taken()) {
            (BreakKind::Lunch, Counted::Lunch)
        } else {
            (kind, Counted::You)
        }
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
        if !self.can_snooze() {
            return Err(CoachRefusal::SnoozeSpent {
                budget: self.policy.snooze_budget_minutes,
            });
        }
        Ok(CoachOp::Snooze {
            at: self.stamp(now),
            minutes,
        })
    }

    /// Whether one more snooze fits the budget of the break now due (the
    /// TUI offers `z` only then).
    #[must_use]
    pub fn can_snooze(&self) -> bool {
        self.log().snoozed_minutes + self.policy.snooze_minutes <= self.policy.snooze_budget_minutes
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
    /// Outside work hours, `until` is not after `now`, or it is past the end
    /// of the workday (the pause is kept in today's file, so it cannot reach
    /// into tomorrow; and the coach is quiet after the workday anyway).
    pub fn pause(&self, now: DateTime<Utc>, until: DateTime<Utc>) -> Result<CoachOp, CoachRefusal> {
        if !self.working(now) {
            return Err(CoachRefusal::NotWorking);
        }
        if until <= now {
            return Err(CoachRefusal::PauseInPast);
        }
        if let Some((_, end)) = self.work
            && until > end
        {
            return Err(CoachRefusal::PausePastEnd { end });
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
        let asked = if lunch {
            BreakKind::Lunch
        } else {
            self.next_kind()
        };
        let (kind, counted) = self.finished_break(asked, start, end);
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
        self.away_as(from, to, counted, false)
    }

    /// The longest part of `from`..`to` that no meeting (the day's own or an
    /// agreed one) covers; an empty span at `from` when meetings cover it all.
    fn longest_outside_meetings(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> (DateTime<Utc>, DateTime<Utc>) {
        let mut covered: Vec<(DateTime<Utc>, DateTime<Utc>)> = self
            .meetings
            .iter()
            .map(|m| (m.start.max(from), m.end.min(to)))
            .filter(|(s, e)| s < e)
            .collect();
        covered.sort();
        let mut best = (from, from);
        let mut at = from;
        for (s, e) in covered.into_iter().chain([(to, to)]) {
            if s > at && s - at > best.1 - best.0 {
                best = (at, s);
            }
            at = at.max(e);
        }
        best
    }

    /// `away`, for a stretch that may be a personal block (`personal`): such a
    /// block is lunch by the lunch guard's rule, not by a break's.
    pub(super) fn away_as(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        counted: Counted,
        personal: bool,
    ) -> Option<(Prompt, CoachOp)> {
        let (start, end) = self.work?;
        // After the shutdown the day's worked time is settled: time away
        // then is the evening, never a break.
        if self.off.is_some() || self.log().on_break.is_some() || self.shut_down_at().is_some() {
            return None;
        }
        // Only the part inside work hours, after the focus block began and
        // after the last sign of the user (a task done from the command line
        // while kot was closed) counts: a night is not a break, and time
        // already counted (a lock that was also a suspend) is not counted
        // twice.
        let focus = self.focus_start(to)?;
        let seen = self.last_sign().unwrap_or(from);
        let (from, to) = (from.max(start).max(focus).max(seen), to.min(end));
        // Time in a planned meeting is the meeting, not a break: only the
        // longest stretch of the time away outside meetings can be one.
        let (from, to) = if personal {
            (from, to)
        } else {
            self.longest_outside_meetings(from, to)
        };
        if to - from < Duration::minutes(i64::from(self.policy.break_minutes)) {
            return None;
        }
        let minutes = (to - from).num_minutes();
        let lunch = if personal {
            // The block itself satisfies the guard; only an earlier lunch
            // taken (by the lunch rule) makes it a plain break.
            self.lunch_counts(from, to, false) && !self.day.breaks.iter().any(|b| self.is_lunch(b))
        } else {
            self.lunch_counts(from, to, false) && !self.lunch_taken()
        };
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
