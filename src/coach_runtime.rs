//! The break coach wired to the real world, shared by the TUI, `kot watch` and
//! the CLI: a coach for a day under the config, the prompts turned into words
//! and notices, and a detector for wall-clock jumps (suspend).

pub mod correction;
pub mod intent;
pub mod shutdown;

use std::time::Instant;

use chrono::{DateTime, Datelike, Duration, Utc};

use crate::clock::Zone;
use crate::config::Config;
use crate::core::breaks::BreakKind;
use crate::core::coach::{
    Coach, CoachOp, CoachRefusal, CoachState, DayState, EndPhase, OffReason, Prompt, Standing, Wake,
};
use crate::core::day::{Day, DayOp};
use crate::notice::{ACTION_BACK, ACTION_SNOOZE, ACTION_START, Notice, Notifier, Slot, Urgency};
use crate::t;

/// The coach for `day` in the machine's time zone, the end of the day
/// included.
#[must_use]
pub fn coach<'a>(config: &Config, day: &'a Day) -> Coach<'a, Zone> {
    Coach::new(
        Zone,
        config.breaks,
        config.meetings,
        config.workday.hours_of(day),
        day,
    )
    .with_shutdown(config.shutdown.policy.clone())
    .with_team(team_blocks(config, day))
}

/// The day's team meetings from `[agreements]` as meeting blocks (none on a
/// day without work), titled in the interface language.
#[must_use]
pub fn team_blocks(config: &Config, day: &Day) -> Vec<crate::core::plan::TimeBlock> {
    crate::core::agreements::team_blocks(
        &config.agreements.meetings,
        day,
        config.workday.hours_of(day).is_some(),
        |m| t!("agreements.meeting_title", with = m.with),
    )
}

/// What `TimeBlock::facts` says of `b` (those `keep` keeps), in the
/// interface language: `meeting`, `video`, `agreed`.
#[must_use]
pub fn block_facts(
    b: &crate::core::plan::TimeBlock,
    keep: impl Fn(crate::core::plan::BlockFact) -> bool,
) -> Vec<String> {
    use crate::core::plan::BlockFact;
    let kind = |k: crate::core::plan::BlockKind| t!(&format!("block.kind.{}", k.name()));
    b.facts(&kind(b.kind))
        .into_iter()
        .filter(|f| keep(*f))
        .map(|f| match f {
            BlockFact::Kind(k) => kind(k),
            BlockFact::Video => t!("block.video"),
            BlockFact::Agreed => t!("timeline.agreed"),
        })
        .collect()
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

/// The desktop notice for a prompt, as a front end with a screen shows it.
#[must_use]
pub fn notice(p: &Prompt, day: &Day) -> Notice {
    notice_for(p, day, true)
}

/// The desktop notice for a prompt. Notices with a slot close when their
/// cause goes (see `Standing`); a micro-pause's also expires by itself.
/// `screen`: the front end can open the shutdown ritual (the TUI), so "time
/// to shut down" offers it; without one (`kot watch`) the text says `kot
/// shutdown` instead.
#[must_use]
pub fn notice_for(p: &Prompt, day: &Day, screen: bool) -> Notice {
    let plain = |summary: String, body: String, urgency: Urgency| Notice {
        summary,
        body,
        urgency,
        slot: None,
        actions: &[],
        expire_seconds: None,
    };
    let heads_up = |summary: String, body: String| Notice {
        slot: Some(Slot::HeadsUp),
        ..plain(summary, body, Urgency::Normal)
    };
    const BREAK_ACTIONS: &[&str] = &[ACTION_START, ACTION_SNOOZE];
    match p {
        Prompt::BreakDue { kind, minutes } => Notice {
            slot: Some(Slot::Break),
            actions: BREAK_ACTIONS,
            ..plain(
                t!(
                    "notice.break_due",
                    kind = kind_name(*kind),
                    minutes = minutes
                ),
                suggestion(*kind, day),
                Urgency::Normal,
            )
        },
        Prompt::Escalate { kind, minutes } => Notice {
            slot: Some(Slot::Break),
            actions: BREAK_ACTIONS,
            ..plain(
                t!(
                    "notice.escalate",
                    kind = kind_name(*kind),
                    minutes = minutes
                ),
                suggestion(*kind, day),
                Urgency::Critical,
            )
        },
        Prompt::BreakOver { kind } => Notice {
            slot: Some(Slot::Break),
            actions: &[ACTION_BACK],
            ..plain(
                t!("notice.break_over", kind = kind_name(*kind)),
                t!("notice.break_over_body"),
                Urgency::Normal,
            )
        },
        Prompt::BackAssumed { kind } => plain(
            t!("notice.back_assumed", kind = kind_name(*kind)),
            String::new(),
            Urgency::Low,
        ),
        // Normal, not critical: a critical notice stays on screen until it is
        // dismissed, into the next call.
        Prompt::LunchStillExpected { from, until } => plain(
            t!("notice.lunch_still_expected"),
            t!(
                "notice.lunch_still_expected_body",
                from = local_hm(*from),
                until = local_hm(*until)
            ),
            Urgency::Normal,
        ),
        Prompt::MeetingsAhead {
            start,
            end,
            run_minutes,
        } => heads_up(
            t!(
                "notice.meetings_ahead",
                start = local_hm(*start),
                end = local_hm(*end),
                minutes = run_minutes
            ),
            t!("notice.meetings_ahead_body"),
        ),
        Prompt::TeamMeetingAhead {
            start,
            title,
            video,
        } => heads_up(
            t!(
                "notice.team_meeting_ahead",
                start = local_hm(*start),
                title = title
            ),
            if *video {
                t!("notice.team_meeting_ahead_video")
            } else {
                String::new()
            },
        ),
        Prompt::BreakIntoMeeting { kind, start, end } => heads_up(
            t!(
                "notice.break_into_meeting",
                kind = kind_name(*kind),
                start = local_hm(*start)
            ),
            t!("notice.break_into_meeting_body", end = local_hm(*end)),
        ),
        Prompt::CallPastEnd { start, until, end } => heads_up(
            t!(
                "notice.call_past_end",
                start = local_hm(*start),
                until = local_hm(*until),
                end = local_hm(*end)
            ),
            t!("notice.call_past_end_body"),
        ),
        Prompt::Micro { seconds } => Notice {
            slot: Some(Slot::Micro),
            expire_seconds: Some(*seconds),
            ..plain(
                t!("notice.micro", seconds = seconds),
                t!("notice.micro_body"),
                Urgency::Low,
            )
        },
        Prompt::LunchMissed => Notice {
            slot: Some(Slot::Lunch),
            ..plain(
                t!("notice.lunch_missed"),
                t!("notice.lunch_missed_body"),
                Urgency::Normal,
            )
        },
        Prompt::MeetingLimit {
            run_minutes,
            buffer_minutes,
            next_call,
            ..
        } => plain(
            t!("notice.meeting_limit", minutes = run_minutes),
            match next_call {
                Some(at) => t!(
                    "notice.meeting_limit_body",
                    buffer = buffer_minutes,
                    time = local_hm(*at)
                ),
                None => t!("notice.meeting_limit_body_last", buffer = buffer_minutes),
            },
            Urgency::Normal,
        ),
        Prompt::Resumed => plain(t!("notice.resumed"), String::new(), Urgency::Low),
        Prompt::AwayCounted { minutes, counted } => plain(
            if *counted == crate::core::breaks::Counted::Lunch {
                t!("notice.away_lunch", minutes = minutes)
            } else {
                t!("notice.away", minutes = minutes)
            },
            String::new(),
            Urgency::Low,
        ),
        Prompt::ShutdownWarning { .. }
        | Prompt::ShutdownDue { .. }
        | Prompt::ShutdownNudge { .. } => shutdown::notice(p, screen),
    }
}

/// The one line the TUI banner shows for a prompt.
#[must_use]
pub fn banner(p: &Prompt, day: &Day) -> String {
    banner_for(p, day, true)
}

/// The one line for a prompt (`screen` as in `notice_for`).
#[must_use]
pub fn banner_for(p: &Prompt, day: &Day, screen: bool) -> String {
    let n = notice_for(p, day, screen);
    if n.body.is_empty() {
        n.summary
    } else {
        format!("{} · {}", n.summary, n.body)
    }
}

/// The one word on what a break intent did (for the TUI's banner and the
/// CLI's output alike), read from the day as written.
#[must_use]
pub fn feedback(
    intent: intent::Intent,
    config: &Config,
    day: &Day,
    now: DateTime<Utc>,
) -> Option<String> {
    use intent::Intent;
    let coach = coach(config, day);
    Some(match intent {
        Intent::StartBreak { .. } => {
            let b = day.coach.on_break.as_ref()?;
            t!(
                "cli.break.started",
                kind = kind_name(b.kind),
                minutes = b.minutes,
                until = local_hm(b.end())
            )
        }
        Intent::EndBreak => {
            let msg = match coach.break_due(now) {
                Some(due) => t!("cli.break.ended", next = local_hm(due)),
                None => t!("cli.break.ended_no_next"),
            };
            match lunch_note(config, day) {
                Some(note) => format!("{msg}\n{note}"),
                None => msg,
            }
        }
        Intent::Skip => t!("cli.break.skipped"),
        Intent::Snooze => t!(
            "cli.break.snoozed",
            minutes = config.breaks.snooze_minutes,
            left = coach.snooze_left()
        ),
        Intent::Pause { .. } | Intent::Add { .. } => return None,
    })
}

/// After a lunch too early or too short to count: kot still expects one.
fn lunch_note(config: &Config, day: &Day) -> Option<String> {
    let last = day.breaks.last()?;
    coach(config, day).lunch_not_counted(last).then(|| {
        t!(
            "notice.lunch_still_expected_body",
            from = config.breaks.lunch_earliest,
            until = config.breaks.lunch_latest
        )
    })
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
        CoachRefusal::PausePastEnd { end } => {
            t!("coach.refused.pause_past_end", end = local_hm(end))
        }
        CoachRefusal::NotOver { end } => t!("coach.refused.not_over", end = local_hm(end)),
        CoachRefusal::Overlaps { start, end } => t!(
            "coach.refused.overlaps",
            start = local_hm(start),
            end = local_hm(end)
        ),
    }
}

/// The state's words with the day's own facts: `holiday` on a holiday of the
/// config, `day off (leave)` with the reason `kot off` wrote; otherwise as
/// `state_words`.
#[must_use]
pub fn day_state_words(
    config: &Config,
    day: &Day,
    state: CoachState,
    now: DateTime<Utc>,
) -> (String, Option<String>) {
    match state {
        CoachState::Off(OffReason::NoWork) if config.workday.is_holiday(day.date) => {
            (t!("state.off.holiday"), None)
        }
        CoachState::Off(OffReason::DayOff) => match day.off_reason() {
            Some(r) => (
                t!("state.off.day_off_why", reason = off_reason_text(r)),
                None,
            ),
            None => state_words(state, now),
        },
        _ => state_words(state, now),
    }
}

/// Where the day stands in words: the state, a detail and the end of the
/// day, as `kot status` prints them joined and the TUI's coach line shows
/// them (the workday's end there only when it is news: the workday line
/// above says it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayWords {
    pub what: String,
    pub detail: Option<String>,
    /// `end 17:30`, `end in 25m`, `10m past the end` (a call running past it).
    pub end: Option<String>,
}

impl DayWords {
    /// The words joined: `focus · break in 23m · end 17:30`.
    #[must_use]
    pub fn line(&self) -> String {
        let mut parts = vec![self.what.as_str()];
        parts.extend(self.detail.as_deref());
        parts.extend(self.end.as_deref());
        parts.join(" · ")
    }
}

/// The words of `ds` (`Coach::day_state`), the one reading of where the day
/// stands that every front end shows.
#[must_use]
pub fn day_words(config: &Config, day: &Day, ds: DayState, now: DateTime<Utc>) -> DayWords {
    let past = |over| t!("status.past_end", over = crate::i18n::countdown(over));
    let end_in = |end| t!("status.end_in", left = minutes_left(end, now));
    if ds.end_speaks() {
        let (what, detail) = match ds.phase {
            EndPhase::Overtime { over, overtime, .. } => (
                t!(if overtime {
                    "state.overtime"
                } else {
                    "state.past_end"
                }),
                Some(past(over)),
            ),
            EndPhase::Evening { since } => (
                t!("state.overtime"),
                Some(t!("status.evening", time = local_hm(since))),
            ),
            EndPhase::Off { since } => (shutdown::off_since(since), None),
            EndPhase::WrapUp { end } => (t!("state.wrap_up"), Some(end_in(end))),
            EndPhase::NoEnd | EndPhase::Before { .. } => {
                day_state_words(config, day, ds.coach, now)
            }
        };
        return DayWords {
            what,
            detail,
            end: None,
        };
    }
    let (what, detail) = day_state_words(config, day, ds.coach, now);
    let end = match ds.phase {
        _ if matches!(ds.coach, CoachState::Off(_)) => None,
        // In the last hour (and the wrap-up) the time left, else the time.
        EndPhase::Before { end } | EndPhase::WrapUp { end }
            if end - now <= crate::core::shutdown::LAST_HOUR =>
        {
            Some(end_in(end))
        }
        EndPhase::Before { end } | EndPhase::WrapUp { end } => {
            Some(t!("status.end", end = local_hm(end)))
        }
        EndPhase::Overtime { over, .. } => Some(past(over)),
        _ => None,
    };
    DayWords { what, detail, end }
}

/// An `off_reason` in the user's language; one written by hand as it is
/// (made safe to show).
#[must_use]
pub fn off_reason_text(reason: &str) -> String {
    match reason {
        "holiday" | "leave" | "compensation" | "other" => t!(&format!("off.reason.{reason}")),
        other => crate::core::text::display_safe(other).into_owned(),
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
                OffReason::NotBegun => "not_begun",
                OffReason::ShutDown => "shut_down",
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
        CoachState::Personal { until } => (
            t!("state.personal"),
            Some(t!("state.until", time = local_hm(until))),
        ),
        CoachState::Paused { until } => (
            t!("state.paused"),
            Some(t!("state.until", time = local_hm(until))),
        ),
    }
}

/// Time until `t` as `23 min` / `1 h 5 min`, counted from the minute the clock shows,
/// so it agrees with the clock next to it.
#[must_use]
pub fn minutes_left(t: DateTime<Utc>, now: DateTime<Utc>) -> String {
    use chrono::DurationRound;
    let shown = now.duration_trunc(Duration::minutes(1)).unwrap_or(now);
    crate::i18n::countdown(t - shown)
}

/// `14:05` in local time.
#[must_use]
pub fn local_hm(t: DateTime<Utc>) -> String {
    t.with_timezone(&Zone).format("%H:%M").to_string()
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

/// How long after a failed write (not a busy lock) the runner tries again:
/// 30 real seconds, the loops' longest sleep, so a full disk is said twice a
/// minute, not in a tight loop (30 simulated seconds at least, on a stopped
/// clock).
fn retry_after(scale: f64) -> Duration {
    #[allow(clippy::cast_possible_truncation)]
    let real = Duration::milliseconds((30_000.0 * scale) as i64);
    real.max(Duration::seconds(30))
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

/// What a poll of the runner found.
#[derive(Debug, Clone, PartialEq)]
pub struct Polled {
    /// The day as written, when the tick recorded something (else the
    /// caller's day is still right).
    pub written: Option<Day>,
    /// What to tell the user now.
    pub prompts: Vec<Prompt>,
    /// What notices and banners may stay up for.
    pub standing: Standing,
}

/// The last tick and what it was for: the day and the config it read, so an
/// edit of either (here, by another kot, or of `config.toml`) ticks again.
struct Last {
    day: Day,
    config: Config,
    /// The caller's number for `day` and `config` (`poll_revision`).
    revision: Option<u64>,
    next: Option<DateTime<Utc>>,
    standing: Standing,
}

/// Runs the coach for a process (the TUI or `kot watch`): only the IO around
/// `Coach::tick`. It turns what the process saw into a `Wake` (its first run,
/// a gap, an unlock), writes the tick's ops, sends and closes notices, and
/// knows when the coach wants to be asked again.
pub struct Runner {
    gap: GapDetector,
    notifier: Box<dyn Notifier>,
    /// What the next tick is told; kept until a tick is recorded.
    wake: Wake,
    /// When logind said the session locked, until it unlocks.
    locked_at: Option<DateTime<Utc>>,
    /// Slots holding a notice kot sent and has not closed.
    open: Vec<Slot>,
    last: Option<Last>,
    /// A deadline already past that one sleep was cut short for; not again
    /// (the front end did not poll: a check-in open, a day unreadable).
    woken_for: Option<DateTime<Utc>>,
    /// The front end has a screen (see `notice_for`).
    screen: bool,
}

impl Runner {
    #[must_use]
    pub fn new(now: DateTime<Utc>, scale: f64, notifier: Box<dyn Notifier>) -> Self {
        Self {
            gap: GapDetector::new(now, scale),
            notifier,
            wake: Wake {
                first: true,
                ..Wake::default()
            },
            locked_at: None,
            open: Vec::new(),
            last: None,
            woken_for: None,
            screen: true,
        }
    }

    /// For a front end with no screen (`kot watch`): notices name the
    /// commands to run instead of offering what only a screen can show.
    #[must_use]
    pub fn without_screen(mut self) -> Self {
        self.screen = false;
        self
    }

    /// The coach's next deadline, as the last tick said; none when it has
    /// nothing coming (or has not run). A deadline already past stays one
    /// until a sleep was cut short for it: it is a tick still owed
    /// (`Some(now)`, "look again at once", after another kot wrote
    /// meanwhile). Dropping it at once made `kot watch` sleep to its 30 s
    /// cap, five simulated hours at 600x (issue 16, item 15); keeping it for
    /// ever would spin a loop that does not poll (a check-in open).
    #[must_use]
    pub fn deadline(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let next = self.last.as_ref().and_then(|l| l.next)?;
        (next > now || self.woken_for != Some(next)).then_some(next)
    }

    /// How long the loop may sleep: until the earliest of the coach's
    /// deadline, the day turning (`turn`) and the next change on screen
    /// (`visible`), a hair past it (so it wakes once, after, not just before
    /// and again), at least a few milliseconds, and at most 30 s because the
    /// monotonic clock stops in a suspend. Notes the instant, so waking much
    /// later shows as time away. The one place both loops compute a sleep.
    pub fn sleep_for(
        &mut self,
        clock: &dyn crate::clock::Clock,
        now: DateTime<Utc>,
        turn: DateTime<Utc>,
        visible: Option<DateTime<Utc>>,
    ) -> std::time::Duration {
        use std::time::Duration as Std;
        let deadline = self.deadline(now);
        if let Some(owed) = deadline.filter(|t| *t <= now) {
            self.woken_for = Some(owed);
        }
        let wake = [deadline, Some(turn).filter(|t| *t > now), visible]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(now + Duration::minutes(1));
        let timeout = (clock.real_until(wake) + Std::from_millis(3))
            .clamp(Std::from_millis(5), Std::from_secs(30));
        let sim = Duration::from_std(timeout.mul_f64(clock.scale())).unwrap_or_default();
        self.gap.sleeping_until(now + sim);
        timeout
    }

    #[must_use]
    pub fn notifier(&self) -> &dyn Notifier {
        self.notifier.as_ref()
    }

    /// Bring the day's records up to `now`: tick the coach when it asked to be
    /// asked, something was seen (a gap, an unlock, the first run) or the day
    /// or the config changed; record its ops, send its notices and close the
    /// ones whose cause went.
    ///
    /// # Errors
    /// The write failed; what was seen is kept for the next poll.
    pub fn poll(
        &mut self,
        store: &crate::store::Store,
        config: &Config,
        day: &Day,
        now: DateTime<Utc>,
    ) -> Result<Polled, crate::store::StoreError> {
        self.poll_revision(store, config, day, None, now)
    }

    /// `poll`, told by a caller that numbers its copies of the day and the
    /// config (the TUI) which `revision` they are: the same revision as the
    /// last tick's is the same day and config, found without comparing them
    /// (each second of a countdown would otherwise walk both).
    ///
    /// # Errors
    /// As `poll`.
    pub fn poll_revision(
        &mut self,
        store: &crate::store::Store,
        config: &Config,
        day: &Day,
        revision: Option<u64>,
        now: DateTime<Utc>,
    ) -> Result<Polled, crate::store::StoreError> {
        if let Some((from, to)) = self.gap.check(now) {
            // Two gaps before a tick could record them: one stretch.
            let from = self.wake.gap.map_or(from, |(f, _)| f.min(from));
            self.wake.gap = Some((from, to));
        }
        if let Some(last) = &mut self.last
            && self.wake == Wake::default()
            && last.next.is_none_or(|t| now < t)
            && ((revision.is_some() && last.revision == revision)
                || (last.day == *day && last.config == *config))
        {
            last.revision = revision;
            return Ok(Polled {
                written: None,
                prompts: Vec::new(),
                standing: last.standing,
            });
        }
        let tick = coach(config, day).tick(now, self.wake);
        let mut next = tick.next;
        let written = if tick.ops.is_empty() {
            None
        } else {
            let mut expected = day.clone();
            for op in &tick.ops {
                op.clone().apply(&mut expected.coach, &mut expected.breaks);
            }
            let ops = tick.ops.iter().cloned().map(DayOp::Coach).collect();
            let (written, _) = match store.update_day_all(day.date, ops) {
                Ok(w) => w,
                Err(e) => {
                    // The tick is owed: at once after a lock held by another
                    // kot (the store waited for it already; the TUI waits
                    // its own retry), 30 real seconds on after any other
                    // failure; never again and again at once, nor never.
                    let retry = match e {
                        crate::store::StoreError::Busy { .. } => now,
                        _ => now + retry_after(self.gap.scale),
                    };
                    // Owed anew, even at the same instant as before.
                    self.woken_for = None;
                    if let Some(last) = &mut self.last {
                        last.next = Some(retry);
                    }
                    return Err(e);
                }
            };
            // Another kot wrote meanwhile: look again at what is there now.
            if written != expected {
                next = Some(now);
            }
            Some(written)
        };
        self.wake = Wake::default();
        let shown = written.as_ref().unwrap_or(day);
        for p in &tick.prompts {
            let n = notice_for(p, shown, self.screen);
            if let Some(slot) = n.slot
                && !self.open.contains(&slot)
            {
                self.open.push(slot);
            }
            self.notifier.send(n);
        }
        self.close_gone(tick.standing);
        self.last = Some(Last {
            day: shown.clone(),
            config: config.clone(),
            // What was written is another revision than the caller's.
            revision: revision.filter(|_| written.is_none()),
            next,
            standing: tick.standing,
        });
        Ok(Polled {
            written,
            prompts: tick.prompts,
            standing: tick.standing,
        })
    }

    /// Close the notices whose cause is gone.
    fn close_gone(&mut self, standing: Standing) {
        let notifier = &self.notifier;
        self.open.retain(|slot| {
            let stays = match slot {
                Slot::Break => standing.break_prompt,
                Slot::Lunch => standing.lunch_missing,
                Slot::Micro => standing.micro_until.is_some(),
                Slot::Shutdown => standing.shutdown_prompt,
                Slot::HeadsUp => standing.meeting_ahead,
            };
            if !stays {
                notifier.close(*slot);
            }
            stays
        });
    }

    /// The session locked or unlocked; the next poll hears of an unlock (a
    /// lock that lasted a break's length counts as one, an unlock after a
    /// break ran out is the user back).
    pub fn lock_event(&mut self, event: crate::events::logind::LockEvent, now: DateTime<Utc>) {
        use crate::events::logind::LockEvent;
        match event {
            LockEvent::Locked => {
                self.locked_at.get_or_insert(now);
            }
            LockEvent::Unlocked => {
                if let Some(from) = self.locked_at.take() {
                    self.wake.unlocked = Some(from);
                }
            }
        }
    }

    /// Close every notice this run showed (kot quits): a prompt whose
    /// buttons nobody would hear must not stay on screen. Waits a bounded
    /// time, never on a silent server.
    pub fn close_notices(&mut self) {
        self.open.clear();
        self.notifier.close_all();
    }

    /// Note that the coach stops now (kot quits), so the time until it runs
    /// again can count as away.
    pub fn stop(&self, store: &crate::store::Store, date: chrono::NaiveDate, now: DateTime<Utc>) {
        if let Some(day) = store.load_day(date).day_or_new(date)
            && day.checkin.is_some()
        {
            let at = local_stamp(now);
            let _ = store.update_day(date, DayOp::Coach(CoachOp::Seen { at }));
        }
    }
}

/// What a click on a notice's action asks of the coach, by the action's id;
/// the same in the TUI and `kot watch`. A "start" is for the break the notice
/// was about, so a break answered meanwhile elsewhere is not started again.
#[must_use]
pub fn action_intent(id: &str) -> Option<intent::Intent> {
    match id {
        ACTION_START => Some(intent::Intent::StartBreak {
            lunch: false,
            for_due: true,
        }),
        ACTION_SNOOZE => Some(intent::Intent::Snooze),
        ACTION_BACK => Some(intent::Intent::EndBreak),
        _ => None,
    }
}

/// When the kot day after `date` begins: the loops wake for it.
#[must_use]
pub fn day_turn(config: &Config, date: chrono::NaiveDate) -> DateTime<Utc> {
    let next = date.succ_opt().unwrap_or(date);
    crate::core::workday::resolve_local(&Zone, next, config.workday.day_starts)
}

/// `t` as a day file keeps it, in the machine's time zone.
#[must_use]
pub fn local_stamp(t: DateTime<Utc>) -> crate::core::stamp::Stamp {
    crate::core::stamp::local(t, &Zone)
}

/// The record of a sign of today's work at `now` to write beside `ops` on
/// today's `day`: when one of them is a task done or edited by hand
/// (`DayOp::is_sign_of_work`) that changes something, and that starts the
/// day's work earlier (`Coach::sign_starts_work`) or is later than kot
/// knew of the user (`Coach::sign_is_news`). `kot plan` and Today both ask
/// this.
#[must_use]
pub fn sign_of_work(
    config: &Config,
    day: &Day,
    ops: &[DayOp],
    now: DateTime<Utc>,
) -> Option<DayOp> {
    let mut after = day.clone();
    let changed = ops
        .iter()
        .filter(|op| op.is_sign_of_work())
        .any(|op| after.apply(op.clone()).is_ok_and(|a| a.undo.is_some()));
    if !changed {
        return None;
    }
    let c = coach(config, day);
    let at = local_stamp(now);
    if c.sign_starts_work(now) {
        Some(DayOp::Coach(crate::core::breaks::CoachOp::SignOfWork {
            at,
        }))
    } else if c.sign_is_news(now) {
        Some(DayOp::Coach(crate::core::breaks::CoachOp::LastSign { at }))
    } else {
        None
    }
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
            | Prompt::MeetingsAhead { .. }
            | Prompt::TeamMeetingAhead { .. }
            | Prompt::BreakIntoMeeting { .. }
            | Prompt::CallPastEnd { .. }
            | Prompt::MeetingLimit { .. }
            | Prompt::ShutdownWarning { .. }
            | Prompt::ShutdownDue { .. }
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

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::rc::Rc;

    use chrono::NaiveDate;

    use super::*;
    use crate::core::time::TimeOfDay;
    use crate::core::workday::resolve_local;

    /// Records what would have gone to the desktop.
    #[derive(Clone, Default)]
    struct Recorder(Rc<RefCell<Vec<String>>>);

    impl Notifier for Recorder {
        fn send(&self, n: Notice) {
            self.0.borrow_mut().push(format!("send {:?}", n.slot));
        }
        fn close(&self, slot: Slot) {
            self.0.borrow_mut().push(format!("close {slot:?}"));
        }
    }

    /// A clock standing still at `now`, running at real speed.
    struct Still(DateTime<Utc>);

    impl crate::clock::Clock for Still {
        fn now(&self) -> DateTime<Utc> {
            self.0
        }
        fn real_until(&self, t: DateTime<Utc>) -> std::time::Duration {
            (t - self.0).to_std().unwrap_or_default()
        }
    }

    fn monday() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn at(hm: &str) -> DateTime<Utc> {
        resolve_local(&Zone, monday(), hm.parse::<TimeOfDay>().unwrap())
    }

    /// A store in a temp dir (kept alive by the first value), the default
    /// config, and Monday checked in at 08:55.
    fn checked_in_at_08_55() -> (tempfile::TempDir, crate::store::Store, Config, Day) {
        let tmp = tempfile::tempdir().unwrap();
        let store = crate::store::Store::open(tmp.path().to_path_buf()).unwrap();
        let checkin = DayOp::FinishCheckin {
            at: local_stamp(at("08:55")),
            feeling: None,
        };
        let (day, _) = store.update_day(monday(), checkin).unwrap();
        (tmp, store, Config::default(), day)
    }

    /// The wake after a poll that found nothing to do is still the coach's
    /// deadline (not the day turn, not the sleep cap): the micro-pause at
    /// 09:20 is sent at 09:20, and its notice closes when it is over.
    #[test]
    fn the_wake_after_a_quiet_poll_is_the_coachs_deadline() {
        let (_tmp, store, config, day) = checked_in_at_08_55();
        let recorder = Recorder::default();
        let mut runner = Runner::new(at("09:10"), 1.0, Box::new(recorder.clone()));
        let turn = day_turn(&config, monday());

        let first = runner.poll(&store, &config, &day, at("09:10")).unwrap();
        let day = first.written.expect("the first tick notes seen_at");
        let quiet = runner.poll(&store, &config, &day, at("09:12")).unwrap();
        assert_eq!(quiet.written, None);
        assert!(quiet.prompts.is_empty());
        let deadline = coach(&config, &day).tick(at("09:12"), Wake::default()).next;
        assert_eq!(deadline, Some(at("09:20")));
        assert_eq!(runner.deadline(at("09:12")), deadline);
        let almost = at("09:20") - Duration::seconds(1);
        let sleep = runner.sleep_for(&Still(almost), almost, turn, None);
        assert_eq!(sleep, std::time::Duration::from_millis(1003));

        let micro = runner.poll(&store, &config, &day, at("09:20")).unwrap();
        assert_eq!(micro.prompts, [Prompt::Micro { seconds: 20 }]);
        let day = micro.written.unwrap();
        let over = at("09:20") + Duration::seconds(20);
        assert_eq!(runner.deadline(at("09:20")), Some(over));
        runner.poll(&store, &config, &day, over).unwrap();
        assert_eq!(
            *recorder.0.borrow(),
            ["send Some(Micro)", "close Micro"],
            "the micro-pause notice goes when it is over"
        );
    }

    /// Another kot wrote between the caller's read and the runner's write:
    /// the tick is owed at once, and the next sleep is cut short for it (the
    /// silence of issue 16, item 15: it was dropped, and `kot watch` slept
    /// to its 30 s cap). Once: a caller that does not poll does not spin.
    #[test]
    fn a_tick_owed_after_another_write_cuts_one_sleep_short() {
        let (_tmp, store, config, stale) = checked_in_at_08_55();
        let add = DayOp::AddTask {
            title: "from the CLI".into(),
            top: false,
            estimate: None,
        };
        store.update_day(monday(), add).unwrap();
        let mut runner = Runner::new(at("09:10"), 1.0, Box::new(Recorder::default()));
        let turn = day_turn(&config, monday());
        let polled = runner.poll(&store, &config, &stale, at("09:10")).unwrap();
        assert_eq!(
            polled.written.unwrap().tasks.len(),
            1,
            "the CLI's task kept"
        );
        assert_eq!(runner.deadline(at("09:10")), Some(at("09:10")));
        let now = Still(at("09:10"));
        let owed = runner.sleep_for(&now, at("09:10"), turn, None);
        assert_eq!(owed, std::time::Duration::from_millis(5));
        let unpolled = runner.sleep_for(&now, at("09:10"), turn, None);
        assert_eq!(unpolled, std::time::Duration::from_secs(30));
    }

    /// A caller that numbers its copies of the day and config is trusted:
    /// the same number is the same day, not compared again; a new number
    /// with the same content is found equal once and then trusted; a new
    /// number with another config ticks at once.
    #[test]
    fn a_revision_stands_for_the_day_and_config_it_was_given_with() {
        let (_tmp, store, config, day) = checked_in_at_08_55();
        let mut runner = Runner::new(at("09:10"), 1.0, Box::new(Recorder::default()));
        let first = runner
            .poll_revision(&store, &config, &day, Some(1), at("09:10"))
            .unwrap();
        // What the runner wrote is the caller's next revision.
        let day = first.written.expect("the first tick notes seen_at");
        let same = runner
            .poll_revision(&store, &config, &day, Some(2), at("09:11"))
            .unwrap();
        assert_eq!((same.written, same.prompts.len()), (None, 0));
        // Revision 2 is trusted now: even a day that differs is not looked at.
        let mut other = day.clone();
        other.place = Some(crate::core::day::Place::Sick);
        let trusted = runner
            .poll_revision(&store, &config, &other, Some(2), at("09:12"))
            .unwrap();
        assert_eq!(trusted.written, None);
        // A new revision with a changed config ticks again: with 10-minute
        // focus blocks a break is due since 09:05.
        let mut shorter = config.clone();
        shorter.breaks.focus_minutes = 10;
        let ticked = runner
            .poll_revision(&store, &shorter, &day, Some(3), at("09:12"))
            .unwrap();
        assert!(
            ticked
                .prompts
                .iter()
                .any(|p| matches!(p, Prompt::BreakDue { .. })),
            "{:?}",
            ticked.prompts
        );
    }
}
