//! Reading the day: where it stands at an instant (`state`), when the next
//! break falls due, which prompts are due (`poll`) and when to look again
//! (`next_deadline`).

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::{Coach, CoachOp, CoachState, OffReason, Prompt};
use crate::core::breaks::{Back, OnBreak};

/// No micro-pause this close before a due break.
const MICRO_QUIET_BEFORE_BREAK: Duration = Duration::minutes(5);
/// A prompt that would have come while kot was not running is only recorded
/// when it is older than this; prompting it late would be noise.
const STALE: Duration = Duration::minutes(2);

impl<Tz: TimeZone> Coach<'_, Tz> {
    /// Start of the focus block under way: after the last break, else the later
    /// of the workday start and the check-in. A clock turned back never puts it
    /// in the future. `None` before the day has begun: no check-in, no break
    /// and no coach that started the first block (nothing can be due yet).
    pub(super) fn focus_start(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let (start, _) = self.work?;
        let since = match (self.log().focus_since, &self.day.checkin) {
            (Some(t), _) => t.to_utc().max(start),
            (None, Some(c)) => c.at.to_utc().max(start),
            (None, None) if !self.day.breaks.is_empty() => start,
            (None, None) => return None,
        };
        Some(since.min(now.max(start)))
    }

    /// The meeting under way at `t`, extended through meetings that overlap or
    /// touch it: a break never falls due inside one.
    pub(super) fn meeting_end_at(&self, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
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
        let Some(since) = self.focus_start(now) else {
            return CoachState::Off(OffReason::NotBegun);
        };
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
            // Nobody answered "back": assume the break ended when planned.
            CoachState::BreakOver { kind, since } if now >= since + self.back_grace() => {
                let end = log.on_break.as_ref().map_or(since, |b| b.end().min(now));
                if let Ok(op) = self.end_break_at(end, Some(Back::Assumed)) {
                    out.push((Some(Prompt::BackAssumed { kind }), op));
                }
            }
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
                        // When it was shown: a late wake shows in the record.
                        CoachOp::MicroPrompted {
                            at: self.stamp(now),
                        },
                    ));
                }
            }
            _ => {}
        }
        self.poll_lunch(now, &mut out);
        self.poll_meetings(now, &mut out);
        out
    }

    /// The next micro-pause instant: every `micro_every_minutes` of the focus
    /// block, none within five minutes of the due break.
    pub(super) fn next_micro(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
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
        candidates.extend(log.on_break.as_ref().map(|b| b.end() + self.back_grace()));
        candidates.extend(log.paused_until.map(|p| p.to_utc()));
        candidates.extend(self.next_micro(now));
        candidates.into_iter().filter(|t| *t > now).min()
    }

    /// Whether `now` is inside the working hours of a work day.
    #[must_use]
    pub fn working(&self, now: DateTime<Utc>) -> bool {
        self.off.is_none() && self.work.is_some_and(|(s, e)| s <= now && now < e)
    }
}
