//! The break coach wired to the real world, shared by the TUI, `kot watch` and
//! the CLI: a coach for a day under the config, the prompts turned into words
//! and notices, and a detector for wall-clock jumps (suspend).

pub mod intent;

use std::time::Instant;

use chrono::{DateTime, Datelike, Duration, Utc};

use crate::clock::Zone;
use crate::config::Config;
use crate::core::breaks::{BreakKind, Counted};
use crate::core::coach::{Coach, CoachRefusal, CoachState, OffReason, Prompt};
use crate::core::day::{Day, Place};
use crate::core::workday::{WorkHours, format_hm};
use crate::notify::{Notice, Slot, Urgency};
use crate::t;

/// The work hours of `day` under `config`; none on a day off by the config.
#[must_use]
pub fn hours(config: &Config, day: &Day) -> Option<WorkHours> {
    config.workday.hours(day.date.weekday())
}

/// The coach for `day` in the machine's time zone.
#[must_use]
pub fn coach<'a>(config: &Config, day: &'a Day) -> Coach<'a, Zone> {
    Coach::new(
        Zone,
        config.breaks,
        config.meetings,
        hours(config, day),
        day,
    )
}

/// A break suggestion: something concrete to do away from the screen. The
/// same day and break always get the same one.
#[must_use]
pub fn suggestion(kind: BreakKind, day: &Day) -> String {
    let list = crate::i18n::suggestions(kind);
    if list.is_empty() {
        return String::new();
    }
    let n = day.breaks.len() + usize::try_from(day.date.ordinal()).unwrap_or(0);
    list[n % list.len()].clone()
}

/// `short break`, `long break`, `lunch break` in the interface language.
#[must_use]
pub fn kind_name(kind: BreakKind) -> String {
    t!(&format!("break.kind.{}", kind.name()))
}

/// The desktop notice for a prompt, if it deserves one.
#[must_use]
pub fn notice(p: &Prompt, day: &Day) -> Notice {
    let (summary, body, urgency, slot, actions) = match p {
        Prompt::BreakDue { kind, minutes } => (
            t!(
                "notice.break_due",
                kind = kind_name(*kind),
                minutes = minutes
            ),
            suggestion(*kind, day),
            Urgency::Normal,
            Some(Slot::Break),
            true,
        ),
        Prompt::Escalate { kind, minutes } => (
            t!(
                "notice.escalate",
                kind = kind_name(*kind),
                minutes = minutes
            ),
            suggestion(*kind, day),
            Urgency::Critical,
            Some(Slot::Break),
            true,
        ),
        Prompt::BreakOver { kind } => (
            t!("notice.break_over", kind = kind_name(*kind)),
            t!("notice.break_over_body"),
            Urgency::Normal,
            Some(Slot::Break),
            false,
        ),
        Prompt::Micro { seconds } => (
            t!("notice.micro", seconds = seconds),
            t!("notice.micro_body"),
            Urgency::Low,
            None,
            false,
        ),
        Prompt::LunchMissed => (
            t!("notice.lunch_missed"),
            t!("notice.lunch_missed_body"),
            Urgency::Critical,
            None,
            false,
        ),
        Prompt::MeetingLimit {
            run_minutes,
            buffer_minutes,
            ..
        } => (
            t!("notice.meeting_limit", minutes = run_minutes),
            t!("notice.meeting_limit_body", buffer = buffer_minutes),
            Urgency::Critical,
            None,
            false,
        ),
        Prompt::Resumed => (
            t!("notice.resumed"),
            String::new(),
            Urgency::Low,
            None,
            false,
        ),
        Prompt::AwayCounted { minutes, .. } => (
            t!("notice.away", minutes = minutes),
            String::new(),
            Urgency::Low,
            None,
            false,
        ),
    };
    Notice {
        summary,
        body,
        urgency,
        slot,
        actions,
    }
}

/// The one line the TUI banner shows for a prompt.
#[must_use]
pub fn banner(p: &Prompt, day: &Day) -> String {
    let n = notice(p, day);
    if n.body.is_empty() {
        n.summary
    } else {
        format!("{} · {}", n.summary, n.body)
    }
}

/// A refused intent in the user's words.
#[must_use]
pub fn refusal(r: CoachRefusal) -> String {
    match r {
        CoachRefusal::NotWorking => t!("coach.refused.not_working"),
        CoachRefusal::NoBreakDue => t!("coach.refused.no_break_due"),
        CoachRefusal::OnBreak => t!("coach.refused.on_break"),
        CoachRefusal::NotOnBreak => t!("coach.refused.not_on_break"),
        CoachRefusal::SnoozeSpent { budget } => t!("coach.refused.snooze_spent", budget = budget),
        CoachRefusal::PauseInPast => t!("coach.refused.pause_in_past"),
        CoachRefusal::NotOver { end } => t!("coach.refused.not_over", end = local_hm(end)),
        CoachRefusal::Overlaps { start, end } => t!(
            "coach.refused.overlaps",
            start = local_hm(start),
            end = local_hm(end)
        ),
    }
}

/// `focus · break in 23m`, `break · 7m left`, `off`: the state in a few words.
#[must_use]
pub fn state_words(state: CoachState, now: DateTime<Utc>) -> (String, Option<String>) {
    let left = |t: DateTime<Utc>| minutes_left(t, now);
    match state {
        CoachState::Off(r) => {
            let why = match r {
                OffReason::NoWork => "off",
                OffReason::DayOff => "day_off",
                OffReason::Sick => "sick",
                OffReason::BeforeWork => "before_work",
                OffReason::AfterWork => "after_work",
            };
            (t!(&format!("state.off.{why}")), None)
        }
        CoachState::Focus { next_break, .. } => (
            t!("state.focus"),
            next_break.map(|b| t!("state.break_in", left = left(b))),
        ),
        CoachState::BreakDue { kind, .. } => (t!("state.break_due", kind = kind_name(kind)), None),
        CoachState::Break { kind, until, .. } => {
            let name = if kind == BreakKind::Lunch {
                t!("state.lunch")
            } else {
                t!("state.break")
            };
            (name, Some(t!("state.left", left = left(until))))
        }
        CoachState::BreakOver { .. } => (t!("state.break_over"), None),
        CoachState::Meeting { until } => (
            t!("state.meeting"),
            Some(t!("state.until", time = local_hm(until))),
        ),
        CoachState::Paused { until } => (
            t!("state.paused"),
            Some(t!("state.until", time = local_hm(until))),
        ),
    }
}

/// Time until `t` as `23m` / `1h05`, counted from the minute the clock shows,
/// so it agrees with the clock next to it.
#[must_use]
pub fn minutes_left(t: DateTime<Utc>, now: DateTime<Utc>) -> String {
    use chrono::DurationRound;
    let shown = now.duration_trunc(Duration::minutes(1)).unwrap_or(now);
    format_hm(t - shown)
}

/// `14:05` in local time.
#[must_use]
pub fn local_hm(t: DateTime<Utc>) -> String {
    t.with_timezone(&Zone).format("%H:%M").to_string()
}

/// Whether the day is one the coach keeps quiet on.
#[must_use]
pub fn resting(day: &Day) -> bool {
    matches!(day.place, Some(Place::Off | Place::Sick))
}

/// Notices time the process did not see. A suspend shows as the wall clock
/// moving further than the monotonic clock (which stops while the machine
/// sleeps); a SIGSTOP, or a wake-up far later than asked for, as waking long
/// after the deadline the loop slept until.
pub struct GapDetector {
    wall: DateTime<Utc>,
    mono: Instant,
    scale: f64,
    /// The instant the loop last said it would sleep until.
    expected: Option<DateTime<Utc>>,
}

/// Less than this unseen is ordinary scheduling noise: a minute, or three real
/// seconds on an accelerated test clock (a loaded machine wakes late).
fn gap_slack(scale: f64) -> Duration {
    #[allow(clippy::cast_possible_truncation)]
    let real = Duration::milliseconds((3000.0 * scale) as i64);
    Duration::minutes(1).max(real)
}

impl GapDetector {
    #[must_use]
    pub fn new(now: DateTime<Utc>, scale: f64) -> Self {
        Self {
            wall: now,
            mono: Instant::now(),
            scale,
            expected: None,
        }
    }

    /// The loop is about to sleep until `wake` at the latest.
    pub fn sleeping_until(&mut self, wake: DateTime<Utc>) {
        self.expected = Some(wake);
    }

    /// The stretch of time the process did not see since the last call, if it
    /// is over a minute; a clock set back gives none.
    #[allow(clippy::cast_possible_truncation)]
    pub fn check(&mut self, now: DateTime<Utc>) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        let seen = Duration::milliseconds(
            (self.mono.elapsed().as_secs_f64() * self.scale * 1000.0) as i64,
        );
        let awake_until = self.wall + seen;
        let from = self
            .expected
            .map_or(awake_until, |e| e.min(awake_until))
            .max(self.wall);
        self.wall = now;
        self.mono = Instant::now();
        self.expected = None;
        (now - from > gap_slack(self.scale)).then_some((from, now))
    }
}

/// Runs the coach for a process (the TUI or `kot watch`): each `poll` reads
/// today's file, notices time away (a suspend, or kot closed since it last
/// ran), records due prompts and sends their notices.
pub struct Runner {
    gap: GapDetector,
    notifier: crate::notify::desktop::Notifier,
    first: bool,
    /// What the last poll saw of the break: when a prompt or a break is gone
    /// (started, skipped or ended, here or by another kot), its notice closes.
    prompt_showing: (bool, bool),
    /// When logind said the session locked, until it unlocks.
    locked_at: Option<DateTime<Utc>>,
    /// After a poll that found nothing to do: until when nothing can be due
    /// for the day as it was then. A countdown's redraw each second then costs
    /// no coach at all.
    quiet: Option<(DateTime<Utc>, Day)>,
}

/// How often a running coach notes that it is alive, so a crash is not later
/// taken for time away.
const SEEN_EVERY: Duration = Duration::minutes(10);

impl Runner {
    #[must_use]
    pub fn new(now: DateTime<Utc>, scale: f64, notifier: crate::notify::desktop::Notifier) -> Self {
        Self {
            gap: GapDetector::new(now, scale),
            notifier,
            first: true,
            prompt_showing: (false, false),
            quiet: None,
            locked_at: None,
        }
    }

    /// How long the loop may sleep to reach `wake` on `clock`: a hair past it
    /// (so it wakes once, after, not just before and again), at least a few
    /// milliseconds, and at most 30 s because the monotonic clock stops in a
    /// suspend. Notes the deadline, so waking much later shows as time away.
    pub fn sleep_for(
        &mut self,
        clock: &dyn crate::clock::Clock,
        now: DateTime<Utc>,
        wake: DateTime<Utc>,
    ) -> std::time::Duration {
        use std::time::Duration as Std;
        let timeout = (clock.real_until(wake) + Std::from_millis(3))
            .clamp(Std::from_millis(5), Std::from_secs(30));
        let sim = Duration::from_std(timeout.mul_f64(clock.scale())).unwrap_or_default();
        self.gap.sleeping_until(now + sim);
        timeout
    }

    #[must_use]
    pub fn notifier(&self) -> &crate::notify::desktop::Notifier {
        &self.notifier
    }

    /// Bring the day's records up to `now`; returns the day as written and the
    /// prompts to show. A day that cannot be read is left alone.
    ///
    /// # Errors
    /// The write failed.
    pub fn poll(
        &mut self,
        store: &crate::store::Store,
        config: &Config,
        day: &Day,
        now: DateTime<Utc>,
    ) -> Result<Option<(Day, Vec<Prompt>)>, crate::store::StoreError> {
        use crate::core::coach::CoachOp;
        use crate::core::day::DayOp;
        let date = day.date;
        let gap = self.gap.check(now);
        if gap.is_none()
            && !self.first
            && self
                .quiet
                .as_ref()
                .is_some_and(|(until, seen)| now < *until && seen == day)
        {
            return Ok(None);
        }
        // (a prompt stands, a break runs): either ending closes the notice.
        let showing = (
            day.coach.prompted_at.is_some(),
            day.coach.on_break.is_some(),
        );
        let before = std::mem::replace(&mut self.prompt_showing, showing);
        if (before.0 && !showing.0) || (before.1 && !showing.1) {
            self.notifier.close(crate::notify::Slot::Break);
        }
        let coach = coach(config, day);
        let mut prompts = Vec::new();
        let mut ops = Vec::new();
        // No check-in to say when the day began (kot watch on its own): the
        // first focus block starts when the coach first runs in work hours.
        if day.checkin.is_none()
            && day.coach.focus_since.is_none()
            && day.breaks.is_empty()
            && coach.working(now)
        {
            ops.push(DayOp::Coach(CoachOp::StartFocus {
                at: crate::core::breaks::stamp_at(now, offset_at(now)),
            }));
        }
        let away_from = if std::mem::take(&mut self.first) {
            day.coach.seen_at.map(|s| s.to_utc())
        } else {
            gap.map(|(from, _)| from)
        };
        if let Some(from) = away_from
            && let Some((p, op)) = coach.away(from, now, Counted::Away)
        {
            prompts.push(p);
            ops.push(DayOp::Coach(op));
        }
        if prompts.is_empty() && ops.is_empty() {
            for (p, op) in coach.poll(now) {
                prompts.extend(p);
                ops.push(DayOp::Coach(op));
            }
        }
        let working = !matches!(coach.state(now), CoachState::Off(_));
        let seen_stale = day
            .coach
            .seen_at
            .is_none_or(|s| now - s.to_utc() >= SEEN_EVERY);
        if working && (seen_stale || !ops.is_empty()) {
            ops.push(DayOp::Coach(CoachOp::Seen {
                at: crate::core::breaks::stamp_at(now, offset_at(now)),
            }));
        }
        if ops.is_empty() {
            let until = coach
                .next_deadline(now)
                .map_or(now + SEEN_EVERY, |d| d.min(now + SEEN_EVERY));
            self.quiet = Some((until, day.clone()));
            return Ok(Some((day.clone(), prompts)));
        }
        self.quiet = None;
        let (day, _) = store.update_day_all(date, ops)?;
        self.prompt_showing = (
            day.coach.prompted_at.is_some(),
            day.coach.on_break.is_some(),
        );
        for p in &prompts {
            self.notifier.send(notice(p, &day));
        }
        Ok(Some((day, prompts)))
    }

    /// The session locked or unlocked. A lock that lasted a break's length
    /// counts as a break (recorded as `locked`).
    ///
    /// # Errors
    /// The write failed.
    pub fn lock_event(
        &mut self,
        event: crate::logind::LockEvent,
        store: &crate::store::Store,
        config: &Config,
        date: chrono::NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Option<(Day, Vec<Prompt>)>, crate::store::StoreError> {
        use crate::core::day::DayOp;
        use crate::logind::LockEvent;
        let from = match event {
            LockEvent::Locked => {
                self.locked_at.get_or_insert(now);
                return Ok(None);
            }
            LockEvent::Unlocked => match self.locked_at.take() {
                Some(from) => from,
                None => return Ok(None),
            },
        };
        let Some(day) = store.load_day(date).day_or_new(date) else {
            return Ok(None);
        };
        let Some((prompt, op)) = coach(config, &day).away(from, now, Counted::Locked) else {
            return Ok(None);
        };
        let (day, _) = store.update_day(date, DayOp::Coach(op))?;
        self.notifier.send(notice(&prompt, &day));
        Ok(Some((day, vec![prompt])))
    }

    /// Note that the coach stops now (kot quits), so the time until it runs
    /// again can count as away.
    pub fn stop(&self, store: &crate::store::Store, date: chrono::NaiveDate, now: DateTime<Utc>) {
        use crate::core::coach::CoachOp;
        use crate::core::day::DayOp;
        if let Some(day) = store.load_day(date).day_or_new(date)
            && day.checkin.is_some()
        {
            let at = crate::core::breaks::stamp_at(now, offset_at(now));
            let _ = store.update_day(date, DayOp::Coach(CoachOp::Seen { at }));
        }
    }
}

/// The local UTC offset at `t`.
#[must_use]
pub fn offset_at(t: DateTime<Utc>) -> chrono::FixedOffset {
    use chrono::{Offset, TimeZone};
    Zone.offset_from_utc_datetime(&t.naive_utc()).fix()
}

/// Whether a prompt rings the bell (micro-pauses and notes stay silent).
#[must_use]
pub fn rings(p: &Prompt) -> bool {
    matches!(
        p,
        Prompt::BreakDue { .. }
            | Prompt::Escalate { .. }
            | Prompt::BreakOver { .. }
            | Prompt::LunchMissed
            | Prompt::MeetingLimit { .. }
    )
}

/// A pause length: `30m`, `1h30`, or an end time `14:00` / `until 14:00`
/// (today in local time; a time already past means tomorrow is not meant, so
/// it is refused by the coach).
#[must_use]
pub fn parse_pause(text: &str, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let text = text.trim();
    let text = text
        .strip_prefix("until")
        .or_else(|| text.strip_prefix("tot"))
        .map_or(text, str::trim);
    if let Ok(t) = text.parse::<crate::core::time::TimeOfDay>() {
        let date = now.with_timezone(&Zone).date_naive();
        return Some(crate::core::workday::resolve_local(&Zone, date, t));
    }
    let e: crate::core::time::Estimate = text.parse().ok()?;
    Some(now + chrono::Duration::minutes(i64::from(e.minutes())))
}
