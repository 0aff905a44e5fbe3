//! One tick of a running coach (the TUI or `kot watch`), quinn-style: what the
//! shell saw goes in (`Wake`), what to record, what to show, which notices may
//! stay and when to tick again come out (`Tick`). Every per-tick rule lives
//! here: the first focus block with no check-in, time away, the `seen_at`
//! heartbeat, prompts and stale prompts. The shell only does the IO.

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::{Coach, CoachOp, CoachState, Prompt};
use crate::core::breaks::Counted;
use crate::core::day::Day;

/// How often a running coach notes that it is alive, so a crash is not later
/// taken for time away.
pub const SEEN_EVERY: Duration = Duration::minutes(10);

/// What the shell saw since the last tick.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Wake {
    /// The first tick of this process: the time since the day's `seen_at`
    /// went unseen (kot was closed).
    pub first: bool,
    /// Time the process did not see, `from..to` on the wall clock: the wall
    /// clock ran further than the monotonic one (a suspend, a SIGSTOP).
    pub gap: Option<(DateTime<Utc>, DateTime<Utc>)>,
    /// The session was unlocked now, after being locked since this instant.
    pub unlocked: Option<DateTime<Utc>>,
}

/// The causes a notice or banner may stay up for; when one goes, so does
/// what it caused.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Standing {
    /// A break is due or over and waits for an answer (the break notice).
    pub break_prompt: bool,
    /// Lunch was warned about and has not started.
    pub lunch_missing: bool,
    /// The last micro-pause lasts until then.
    pub micro_until: Option<DateTime<Utc>>,
    /// An end-of-day notice may stay: from the wrap-up until the shutdown.
    pub shutdown_prompt: bool,
    /// A warning before the end ("30 min left") still holds: until the end.
    pub before_end: bool,
    /// A heads-up was said for a meeting (or run of calls) that has not
    /// started yet; once it starts, the heads-up is old news.
    pub meeting_ahead: bool,
}

/// What one tick decided.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    /// Edits to record, in order.
    pub ops: Vec<CoachOp>,
    /// What to tell the user now.
    pub prompts: Vec<Prompt>,
    /// The state once `ops` are recorded.
    pub state: CoachState,
    pub standing: Standing,
    /// When to tick again at the latest; `None` when nothing more can happen
    /// today. Waking earlier is harmless.
    pub next: Option<DateTime<Utc>>,
}

impl<Tz: TimeZone> Coach<'_, Tz> {
    /// Bring the day's records up to `now`. Pure: the same day, `now` and
    /// `wake` give the same tick, and recording `ops` then ticking again at the
    /// same instant with nothing seen gives no ops.
    #[must_use]
    pub fn tick(&self, now: DateTime<Utc>, wake: Wake) -> Tick {
        let mut day = self.day.clone();
        let mut ops = Vec::new();
        let mut prompts = Vec::new();
        if let Some(op) = self.start_focus(now) {
            record(&mut day, &mut ops, op);
        }
        for (p, op) in self.with_day(&day).answers(now, wake) {
            prompts.extend(p);
            record(&mut day, &mut ops, op);
        }
        for (p, op) in self.with_day(&day).poll(now) {
            prompts.extend(p);
            record(&mut day, &mut ops, op);
        }
        // One notice at a time: the others are recorded as said all the same.
        let prompts: Vec<Prompt> = super::most_important(prompts).into_iter().collect();
        let after = self.with_day(&day);
        let state = after.state(now);
        // Past the end with no shutdown the user may still be at it: the
        // heartbeat goes on, so a forgotten shutdown's worked time reaches
        // the last time a coach ran.
        let working = !matches!(state, CoachState::Off(_)) || after.still_at_it(now);
        let seen = day.coach.seen_at.map(|s| s.to_utc());
        if working && (!ops.is_empty() || seen.is_none_or(|s| now - s >= SEEN_EVERY)) {
            record(
                &mut day,
                &mut ops,
                CoachOp::Seen {
                    at: self.stamp(now),
                },
            );
        }
        let after = self.with_day(&day);
        let standing = after.standing(now, state);
        let heartbeat = day
            .coach
            .seen_at
            .map(|s| s.to_utc() + SEEN_EVERY)
            .filter(|_| working);
        let next = [after.next_deadline(now), heartbeat, standing.micro_until]
            .into_iter()
            .flatten()
            .filter(|t| *t > now)
            .min();
        Tick {
            ops,
            prompts,
            state,
            standing,
            next,
        }
    }

    /// No check-in says when the day began (`kot watch` on its own): the first
    /// focus block starts when a coach first runs in work hours.
    fn start_focus(&self, now: DateTime<Utc>) -> Option<CoachOp> {
        let day = self.day;
        let fresh =
            day.checkin.is_none() && day.coach.focus_since.is_none() && day.breaks.is_empty();
        (fresh && self.working(now)).then(|| CoachOp::StartFocus {
            at: self.stamp(now),
        })
    }

    /// What the shell saw that answers for the user: time away (kot closed,
    /// a suspend, a locked session) and an unlock after a break ran out.
    fn answers(&self, now: DateTime<Utc>, wake: Wake) -> Vec<(Option<Prompt>, CoachOp)> {
        let mut out = Vec::new();
        let away_from = if wake.first {
            self.log().seen_at.map(|s| s.to_utc())
        } else {
            wake.gap.map(|(from, _)| from)
        };
        if let Some(from) = away_from {
            out.extend(
                self.away(from, now, Counted::Away)
                    .map(|(p, op)| (Some(p), op)),
            );
        }
        if let Some(locked) = wake.unlocked
            && out.is_empty()
        {
            out.extend(self.unlocked(locked, now));
        }
        out
    }

    /// The session unlocked at `now`: back from a break that ran out while it
    /// was locked, or time away while it was locked.
    /// An unlock is an answer, so it needs no prompt of its own.
    fn unlocked(
        &self,
        locked: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Option<(Option<Prompt>, CoachOp)> {
        if let CoachState::BreakOver { .. } = self.state(now) {
            return Some((None, self.end_break(now).ok()?));
        }
        self.away(locked, now, Counted::Locked)
            .map(|(p, op)| (Some(p), op))
    }

    fn standing(&self, now: DateTime<Utc>, state: CoachState) -> Standing {
        let micro_until = self
            .log()
            .micro_at
            .map(|m| m.to_utc() + Duration::seconds(i64::from(self.policy.micro_seconds)))
            .filter(|t| *t > now);
        Standing {
            break_prompt: matches!(
                state,
                CoachState::BreakDue { .. } | CoachState::BreakOver { .. }
            ),
            lunch_missing: self.log().lunch_warned
                && !self.had_lunch()
                && !matches!(state, CoachState::Off(_)),
            micro_until,
            shutdown_prompt: self.shutdown_standing(now),
            before_end: self.end.is_some_and(|e| now < e),
            meeting_ahead: self
                .meetings
                .iter()
                .any(|m| m.start > now && self.log().meeting_heads_up.contains(&m.id)),
        }
    }

    /// The same coach over another version of its day (after edits that
    /// change no block, place or hours).
    pub(super) fn with_day<'b>(&self, day: &'b Day) -> Coach<'b, Tz> {
        let mut coach = Coach {
            tz: self.tz.clone(),
            policy: self.policy,
            meeting_policy: self.meeting_policy,
            day,
            work: self.work,
            shutdown: self.shutdown.clone(),
            planned_end: self.planned_end,
            end: self.end,
            off: self.off,
            hours: self.hours,
            lunch: self.lunch,
            meetings: self.meetings.clone(),
            personal: self.personal.clone(),
            team: self.team.clone(),
        };
        // A break recorded meanwhile moves an end under `max_work_minutes`.
        coach.settle_end();
        coach
    }
}

/// Apply `op` to the day being ticked and keep it for the store.
fn record(day: &mut Day, ops: &mut Vec<CoachOp>, op: CoachOp) {
    op.clone().apply(&mut day.coach, &mut day.breaks);
    ops.push(op);
}
