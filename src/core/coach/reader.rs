//! Reading the day: where it stands at an instant (`state`), when the next
//! break falls due, which prompts are due (`poll`) and when to look again
//! (`next_deadline`).

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::{Coach, CoachOp, CoachState, EndPhase, Meeting, OffReason, Prompt};
use crate::core::breaks::{Back, Counted, OnBreak};

/// No micro-pause this close before a due break.
const MICRO_QUIET_BEFORE_BREAK: Duration = Duration::minutes(5);
/// A prompt that would have come while kot was not running is only recorded
/// when it is older than this; prompting it late would be noise.
const STALE: Duration = Duration::minutes(2);
/// A break must end this long before the workday does to be proposed.
const END_OF_DAY_MARGIN: Duration = Duration::minutes(10);

/// The end of the blocks under way at `t`, following blocks that overlap or
/// touch one another.
fn chain_end(blocks: &[Meeting], t: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let mut end: Option<DateTime<Utc>> = None;
    let mut probe = t;
    loop {
        let next = blocks
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
        chain_end(&self.meetings, t)
    }

    /// The personal block under way at `t`, extended likewise.
    pub(super) fn personal_end_at(&self, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        chain_end(&self.personal, t)
    }

    /// The end of the meetings and personal blocks under way at `t`, one after
    /// the other: prompts wait for it.
    fn block_end_at(&self, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let mut end = None;
        let mut probe = t;
        for _ in 0..16 {
            match self.meeting_end_at(probe).max(self.personal_end_at(probe)) {
                Some(e) if Some(e) != end => {
                    end = Some(e);
                    probe = e;
                }
                _ => break,
            }
        }
        end
    }

    /// When something due at `t` can be said: at `t`, or when the meeting or
    /// personal block under way then is over. Freshness counts from there.
    pub(super) fn held_until(&self, t: DateTime<Utc>) -> DateTime<Utc> {
        self.block_end_at(t).unwrap_or(t)
    }

    /// When the next break falls due, after snoozes, a pause and meetings; `None`
    /// when that would be after the end of the workday.
    #[must_use]
    pub fn break_due(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let (_, end) = self.work?;
        let due = self.due_by_focus(now)?;
        // Near the end of the day no new break: it would not be over, with a
        // few minutes to spare, before the day is. One already asked for
        // stays, until the wrap-up: from then on no break is offered.
        let needs = Duration::minutes(i64::from(self.minutes_of(self.kind_due_at(due))))
            + END_OF_DAY_MARGIN;
        let wrap_up = self.wrap_up_at();
        let offered = wrap_up.is_none_or(|w| now < w);
        let asked = self.log().prompted_at.is_some();
        let before_wrap_up = wrap_up.is_none_or(|w| due < w);
        (offered && due < end && (asked || (end - due >= needs && before_wrap_up))).then_some(due)
    }

    /// When the focus block under way makes a break due, after snoozes, a
    /// pause and meetings, whatever the end of the day says.
    fn due_by_focus(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
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
            if let Some(e) = self.block_end_at(due) {
                due = e;
            }
            if due == before {
                break;
            }
        }
        Some(due)
    }

    /// A break prompt still standing when no more breaks are offered (the
    /// wrap-up, or the end of the day when there is none): recorded as
    /// ignored there, so its card and notice go.
    fn prompt_given_up(&self, now: DateTime<Utc>) -> Option<CoachOp> {
        let log = self.log();
        let prompted = log.prompted_at?.to_utc();
        if log.on_break.is_some() {
            return None;
        }
        let cutoff = [self.wrap_up_at(), self.work.map(|(_, e)| e)]
            .into_iter()
            .flatten()
            .min()?;
        if now < cutoff {
            return None;
        }
        let due = self.due_by_focus(now)?;
        Some(CoachOp::Ignore {
            due: self.stamp(due),
            at: self.stamp(cutoff.max(prompted)),
            kind: self.kind_due_at(due),
        })
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
            return CoachState::Off(self.after_work(now));
        }
        if let Some(p) = log.paused_until.map(|p| p.to_utc())
            && now < p
        {
            return CoachState::Paused { until: p };
        }
        if let Some(until) = self.meeting_end_at(now) {
            return CoachState::Meeting { until };
        }
        if let Some(until) = self.personal_end_at(now) {
            return CoachState::Personal { until };
        }
        let Some(since) = self.focus_start(now) else {
            return CoachState::Off(OffReason::NotBegun);
        };
        match self.break_due(now) {
            Some(due) if now >= due => CoachState::BreakDue {
                kind: self.kind_due_at(due),
                since: due,
            },
            next_break => CoachState::Focus { since, next_break },
        }
    }

    /// Until when `state` and `end_phase` are sure to answer as they do at
    /// `now`, the day staying as it is: a break's countdown asks every
    /// second, and may reuse the answer until then. Only a break is looked
    /// into (everything else is asked about once a minute); for any other
    /// state, and in overtime (it grows by the second), the answer is `now`.
    #[must_use]
    pub fn steady_until(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        let CoachState::Break { until, .. } = self.state(now) else {
            return now;
        };
        // A break that starts after `now` (the clock was set back) is
        // measured from `now`: its end moves with the clock.
        if self
            .log()
            .on_break
            .as_ref()
            .is_some_and(|b| b.start.to_utc() > now)
        {
            return now;
        }
        if matches!(self.end_phase(now), EndPhase::Overtime { .. }) {
            return now;
        }
        // Every instant `end_phase` compares `now` with; the break's state
        // depends on its end alone.
        [
            Some(until),
            self.wrap_up_at(),
            self.end,
            self.shut_down_at(),
        ]
        .into_iter()
        .flatten()
        .filter(|t| *t > now)
        .min()
        .unwrap_or(until)
    }

    /// The prompts due at `now`, each with the edit that records it. Applying
    /// the edits makes the next `poll` at the same instant return nothing: an
    /// edit that makes something else due (an ignored break, after which the
    /// next falls due) is followed by that, on a copy of the day.
    #[must_use]
    pub fn poll(&self, now: DateTime<Utc>) -> Vec<(Option<Prompt>, CoachOp)> {
        let mut out = self.poll_once(now);
        if out.is_empty() {
            return out;
        }
        let mut day = self.day.clone();
        let mut from = 0;
        for _ in 0..4 {
            for (_, op) in &out[from..] {
                op.clone().apply(&mut day.coach, &mut day.breaks);
            }
            from = out.len();
            let again = self.with_day(&day).poll_once(now);
            if again.is_empty() {
                break;
            }
            out.extend(again);
        }
        out
    }

    fn poll_once(&self, now: DateTime<Utc>) -> Vec<(Option<Prompt>, CoachOp)> {
        let mut out = Vec::new();
        // A personal block just over counts first: it is the break that would
        // otherwise fall due at its end.
        self.poll_personal(now, &mut out);
        if !out.is_empty() {
            return self.held(now, out);
        }
        let log = self.log();
        if log.paused_until.is_some_and(|p| p.to_utc() <= now) {
            out.push((Some(Prompt::Resumed), CoachOp::Resume));
        }
        let state = self.state(now);
        if let Some(op) = self.prompt_given_up(now) {
            out.push((None, op));
        }
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
            CoachState::BreakDue { kind, since } => {
                let minutes = self.minutes_of(kind);
                let focus = Duration::minutes(i64::from(self.policy.focus_minutes));
                // Counted from the prompt: a break that fell due while kot was
                // not running was never seen.
                let next_due = log.prompted_at.map(|p| p.to_utc() + focus);
                match log.prompted_at {
                    // Unanswered until the next would fall due: ignored.
                    Some(_) if next_due.is_some_and(|n| now >= n) => out.push((
                        None,
                        CoachOp::Ignore {
                            due: self.stamp(since),
                            at: self.stamp(next_due.unwrap_or(now)),
                            kind,
                        },
                    )),
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
            CoachState::Meeting { .. } if log.prompted_at.is_some() => {
                out.push((None, CoachOp::Withdraw));
            }
            _ => {}
        }
        self.poll_lunch(now, &mut out);
        self.poll_meetings(now, &mut out);
        self.poll_shutdown(now, &mut out);
        self.held(now, out)
    }

    /// Nothing is said during a meeting or a personal block: what is due waits
    /// for its end (and is recorded then). Silent records go through.
    fn held(
        &self,
        now: DateTime<Utc>,
        out: Vec<(Option<Prompt>, CoachOp)>,
    ) -> Vec<(Option<Prompt>, CoachOp)> {
        if self.block_end_at(now).is_none() {
            return out;
        }
        // What is said waits for the block's end, with its record (a prompt
        // is given then). A break run out is closed now, silently: its
        // grace does not wait for a call to end.
        out.into_iter()
            .filter_map(|(p, op)| match p {
                None | Some(Prompt::BackAssumed { .. }) => Some((None, op)),
                Some(_) => None,
            })
            .collect()
    }

    /// A personal block of at least `break_minutes` that is over counts as a
    /// break, like time away, once.
    fn poll_personal(&self, now: DateTime<Utc>, out: &mut Vec<(Option<Prompt>, CoachOp)>) {
        let Some(focus) = self.focus_start(now) else {
            return;
        };
        let done = self
            .personal
            .iter()
            .filter(|p| p.end <= now && p.end > focus);
        if let Some(p) = done.min_by_key(|p| p.end)
            && let Some((prompt, op)) = self.away_as(p.start, p.end, Counted::Away, true)
        {
            let fresh = now - self.held_until(p.end) < STALE;
            out.push((fresh.then_some(prompt), op));
        }
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
            // None inside a meeting or personal block: the next one after it.
            if self.block_end_at(next).is_none() {
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
        candidates.extend(
            self.meetings
                .iter()
                .chain(&self.personal)
                .flat_map(|m| [m.start, m.end]),
        );
        let heads_up = Duration::minutes(i64::from(self.meeting_policy.heads_up_minutes));
        candidates.extend(self.meetings.iter().map(|m| m.start - heads_up));
        candidates.extend(self.break_due(now));
        candidates.extend(
            log.prompted_at
                .map(|p| p.to_utc() + Duration::minutes(i64::from(self.policy.focus_minutes))),
        );
        candidates.extend(log.prompted_at.map(|p| p.to_utc() + self.escalate_after()));
        candidates.extend(log.on_break.as_ref().map(OnBreak::end));
        candidates.extend(log.on_break.as_ref().map(|b| b.end() + self.back_grace()));
        candidates.extend(log.paused_until.map(|p| p.to_utc()));
        candidates.extend(self.next_micro(now));
        candidates.extend(self.shutdown_deadlines());
        candidates.into_iter().filter(|t| *t > now).min()
    }

    /// Whether `now` is inside the working hours of a work day.
    #[must_use]
    pub fn working(&self, now: DateTime<Utc>) -> bool {
        self.off.is_none() && self.work.is_some_and(|(s, e)| s <= now && now < e)
    }
}
