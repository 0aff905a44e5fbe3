//! Whole workdays on the injected clock: the coach is asked for its next
//! deadline, the clock jumps there, and every prompt is written down. The
//! transcripts pin the one right answer for each day, in milliseconds.
#![allow(clippy::disallowed_methods)] // tests write fixtures plainly and read real time
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::{Europe::Brussels, Tz};
use kot::core::breaks::{BreakKind, Counted, Outcome};
use kot::core::coach::{
    BreakPolicy, Coach, CoachOp, CoachRefusal, CoachState, MeetingPolicy, Prompt, Tick, Wake,
};
use kot::core::coach::{EndPhase, OffReason};
use kot::core::day::{Day, DayOp};
use kot::core::plan::BlockKind;
use kot::core::shutdown::{Punctuality, ShutdownPolicy};
use kot::core::time::TimeOfDay;
use kot::core::workday::WorkHours;

struct Sim {
    day: Day,
    policy: BreakPolicy,
    meetings: MeetingPolicy,
    hours: Option<WorkHours>,
    /// The end of the day coached too (`None`: breaks alone, as `Coach::new`).
    shutdown: Option<ShutdownPolicy>,
    now: DateTime<Utc>,
    transcript: Vec<String>,
    /// Team meetings from `[agreements]`.
    team: Vec<kot::core::agreements::TeamMeeting>,
}

fn local(date: NaiveDate, hm: &str) -> DateTime<Utc> {
    let t: TimeOfDay = hm.parse().unwrap();
    Brussels
        .from_local_datetime(&date.and_time(t.to_naive()))
        .earliest()
        .unwrap()
        .to_utc()
}

fn hhmm(t: DateTime<Utc>) -> String {
    t.with_timezone(&Brussels).format("%H:%M").to_string()
}

fn describe(p: &Prompt) -> String {
    match p {
        Prompt::BreakDue { kind, minutes } => format!("break due: {} {minutes}m", kind.name()),
        Prompt::Escalate { kind, minutes } => format!("escalate: {} {minutes}m", kind.name()),
        Prompt::BreakOver { kind } => format!("break over: {}", kind.name()),
        Prompt::BackAssumed { kind } => format!("back assumed: {}", kind.name()),
        Prompt::Micro { seconds } => format!("micro-pause {seconds}s"),
        Prompt::LunchMissed => "lunch missed".into(),
        Prompt::LunchStillExpected { .. } => "lunch still expected".into(),
        Prompt::MeetingsAhead {
            start,
            end,
            run_minutes,
        } => format!(
            "heads-up: {}-{} {run_minutes}m of calls",
            hhmm(*start),
            hhmm(*end)
        ),
        Prompt::TeamMeetingAhead { start, title, .. } => {
            format!("heads-up: {title} at {}", hhmm(*start))
        }
        Prompt::MeetingLimit {
            run_minutes,
            buffer_minutes,
            ..
        } => {
            format!("meeting limit: {run_minutes}m of calls, pause {buffer_minutes}m")
        }
        Prompt::BreakIntoMeeting { kind, start, .. } => {
            format!("{} runs into the meeting at {}", kind.name(), hhmm(*start))
        }
        Prompt::CallPastEnd { start, until, .. } => {
            format!("call {}-{} past the end", hhmm(*start), hhmm(*until))
        }
        Prompt::Resumed => "resumed".into(),
        Prompt::AwayCounted { minutes, counted } => {
            format!("away {minutes}m counted ({counted:?})")
        }
        Prompt::ShutdownWarning {
            minutes_left,
            wrap_up,
            ..
        } => format!(
            "end in {minutes_left}m{}",
            if *wrap_up { " (wrap-up)" } else { "" }
        ),
        Prompt::ShutdownDue { .. } => "time to shut down".into(),
        Prompt::ShutdownNudge {
            over_minutes,
            overtime_minutes,
        } => format!("nudge: {over_minutes}m past the end, {overtime_minutes}m overtime"),
    }
}

impl Sim {
    fn new(date: NaiveDate, checkin: &str) -> Self {
        let mut day = Day::new(date);
        let at = local(date, checkin).with_timezone(&Brussels).fixed_offset();
        day.apply(DayOp::FinishCheckin {
            at,
            feeling: Some(4),
        })
        .unwrap();
        Self {
            day,
            policy: BreakPolicy::default(),
            meetings: MeetingPolicy::default(),
            hours: Some(WorkHours {
                start: "09:00".parse().unwrap(),
                end: "17:30".parse().unwrap(),
            }),
            shutdown: None,
            now: local(date, checkin),
            transcript: Vec::new(),
            team: Vec::new(),
        }
    }

    fn block(&mut self, span: &str, title: &str, video: bool) {
        self.block_of(span, title, BlockKind::Meeting, video);
    }

    fn block_of(&mut self, span: &str, title: &str, kind: BlockKind, video: bool) {
        let op = DayOp::AddBlock {
            span: span.parse().unwrap(),
            title: title.into(),
            kind,
            video,
        };
        self.day.apply(op).unwrap();
    }

    fn coach(&self) -> Coach<'_, Tz> {
        let c = Coach::new(Brussels, self.policy, self.meetings, self.hours, &self.day);
        let c = match &self.shutdown {
            Some(p) => c.with_shutdown(p.clone()),
            None => c,
        };
        let team =
            kot::core::agreements::team_blocks(&self.team, &self.day, self.hours.is_some(), |m| {
                m.with.clone()
            });
        c.with_team(team)
    }

    /// Only the prompts, without the clock times and the user's actions.
    fn said(&self) -> Vec<String> {
        self.transcript
            .iter()
            .filter(|l| !l.contains("you:"))
            .cloned()
            .collect()
    }

    fn poll(&mut self) {
        self.tick(Wake::default());
    }

    /// One tick of a running coach, as the shell does it: record its ops,
    /// write down its prompts. Ticking again at once must change nothing.
    fn tick(&mut self, wake: Wake) -> Tick {
        let tick = self.coach().tick(self.now, wake);
        for p in &tick.prompts {
            self.transcript
                .push(format!("{} {}", hhmm(self.now), describe(p)));
        }
        for op in tick.ops.clone() {
            self.day.apply(DayOp::Coach(op)).unwrap();
        }
        let again = self.coach().tick(self.now, Wake::default());
        assert!(
            again.ops.is_empty() && again.prompts.is_empty(),
            "tick at {} is not idempotent: {again:?}",
            hhmm(self.now)
        );
        assert_eq!(
            again.next,
            tick.next,
            "the deadline moved at {}",
            hhmm(self.now)
        );
        tick
    }

    /// Let the clock run to `hm`, stopping at every deadline a tick gives.
    fn run_to(&mut self, hm: &str) {
        self.run_until(local(self.day.date, hm));
    }

    /// `run_to` an instant (after midnight, say).
    fn run_until(&mut self, until: DateTime<Utc>) {
        let mut steps = 0;
        let mut next = self.coach().tick(self.now, Wake::default()).next;
        while let Some(t) = next.filter(|t| *t <= until) {
            assert!(t > self.now, "deadline {t} not after now {}", self.now);
            self.now = t;
            next = self.tick(Wake::default()).next;
            steps += 1;
            assert!(steps < 500, "runaway deadlines");
        }
        self.now = until;
        self.poll();
    }

    fn you(&mut self, what: &str, op: Result<CoachOp, CoachRefusal>) {
        let op = op.unwrap_or_else(|r| panic!("{what} at {} refused: {r:?}", hhmm(self.now)));
        self.transcript
            .push(format!("{} you: {what}", hhmm(self.now)));
        self.day.apply(DayOp::Coach(op)).unwrap();
    }

    fn state(&self) -> CoachState {
        self.coach().state(self.now)
    }
}

fn monday() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

#[test]
fn a_whole_workday() {
    let mut s = Sim::new(monday(), "08:55");
    s.block("10:30-11:00", "Standup", true);
    s.block("14:00-14:45", "Client call", true);
    s.block("14:47-15:20", "Design review", true);
    s.block("15:22-15:40", "1:1", true);
    assert_eq!(
        s.state(),
        CoachState::Off(kot::core::coach::OffReason::BeforeWork)
    );

    s.run_to("09:56");
    s.you("start break", s.coach().start_break(s.now, false));
    s.run_to("10:08");
    s.you("back", s.coach().end_break(s.now));
    s.run_to("11:01");
    s.you("snooze", s.coach().snooze(s.now));
    s.run_to("11:07");
    s.you("skip", s.coach().skip(s.now));
    s.run_to("12:00");
    s.you("lunch", s.coach().start_break(s.now, true));
    s.run_to("12:31");
    s.you("back", s.coach().end_break(s.now));
    s.run_to("13:21");
    s.you("start break", s.coach().start_break(s.now, false));
    s.run_to("13:32");
    s.you("back", s.coach().end_break(s.now));
    s.run_to("14:46");
    s.you("skip", s.coach().skip(s.now));
    s.run_to("15:41");
    s.you("start break", s.coach().start_break(s.now, false));
    s.run_to("15:55");
    s.you("back", s.coach().end_break(s.now));
    s.run_to("16:44");
    // The laptop sleeps from 16:44 to 17:02: the loop sees the wall clock jump.
    let (from, to) = (s.now, local(monday(), "17:02"));
    let (prompt, op) = s
        .coach()
        .away(from, to, Counted::Away)
        .expect("18 minutes away is a break");
    s.now = to;
    s.transcript
        .push(format!("{} {}", hhmm(s.now), describe(&prompt)));
    s.day.apply(DayOp::Coach(op)).unwrap();
    s.run_to("17:35");

    let expected = [
        "09:20 micro-pause 20s",
        "09:40 micro-pause 20s",
        "09:50 break due: short 10m",
        "09:55 escalate: short 10m",
        "09:56 you: start break",
        "10:06 break over: short",
        "10:08 you: back",
        "10:28 micro-pause 20s",
        // 10:58 falls in the standup: due when it ends.
        "11:00 break due: short 10m",
        "11:01 you: snooze",
        "11:06 break due: short 10m",
        "11:07 you: skip",
        "11:27 micro-pause 20s",
        "11:47 micro-pause 20s",
        "11:57 break due: short 10m",
        "12:00 you: lunch",
        "12:30 break over: lunch",
        "12:31 you: back",
        "12:51 micro-pause 20s",
        "13:11 micro-pause 20s",
        "13:21 break due: short 10m",
        "13:21 you: start break",
        "13:31 break over: short",
        "13:32 you: back",
        "13:52 micro-pause 20s",
        // The calls from 14:00 make a run over the limit: said before, not during.
        "13:55 heads-up: 14:00-15:40 100m of calls",
        // 14:22 falls in the client call.
        "14:45 break due: long 20m",
        "14:46 you: skip",
        // The 1:1 ends a run of 100 minutes of calls; the due break waited for
        // it. One notice at a time: the break, which is the pause the run asks for.
        "15:40 break due: short 10m",
        "15:41 you: start break",
        "15:51 break over: short",
        "15:55 you: back",
        "16:15 micro-pause 20s",
        "16:35 micro-pause 20s",
        "17:02 away 18m counted (Away)",
        "17:22 micro-pause 20s",
    ];
    assert_eq!(s.transcript, expected, "\n{}", s.transcript.join("\n"));

    let summary: Vec<(BreakKind, Outcome, Counted)> = s
        .day
        .breaks
        .iter()
        .map(|b| (b.kind, b.outcome, b.counted))
        .collect();
    assert_eq!(
        summary,
        vec![
            (BreakKind::Short, Outcome::Taken, Counted::You),
            (BreakKind::Short, Outcome::Skipped, Counted::You),
            (BreakKind::Lunch, Outcome::Taken, Counted::Lunch),
            (BreakKind::Short, Outcome::Taken, Counted::You),
            (BreakKind::Long, Outcome::Skipped, Counted::You),
            (BreakKind::Short, Outcome::Taken, Counted::You),
            (BreakKind::Short, Outcome::Taken, Counted::Away),
        ]
    );
    assert_eq!(s.day.breaks[1].snoozed_minutes, 5);
    assert!(!s.day.coach.lunch_skipped);
    assert_eq!(
        s.state(),
        CoachState::Off(kot::core::coach::OffReason::AfterWork)
    );
    // The records survive the day file's round trip.
    let text = toml::to_string_pretty(&s.day).unwrap();
    let back: Day = toml::from_str(&text).unwrap();
    assert_eq!(back, s.day, "{text}");
}

#[test]
fn lunch_never_taken_is_warned_then_recorded_as_skipped() {
    let mut s = Sim::new(monday(), "09:00");
    s.policy.micro_every_minutes = 0;
    s.policy.focus_minutes = 600;
    s.run_to("17:31");
    assert_eq!(s.transcript, ["13:30 lunch missed"]);
    assert!(s.day.coach.lunch_skipped);
}

#[test]
fn a_break_taken_in_the_lunch_window_long_enough_is_lunch() {
    let mut s = Sim::new(monday(), "09:00");
    s.policy.micro_every_minutes = 0;
    s.policy.focus_minutes = 200;
    // Answering 25 minutes after the break ran out is still an answer.
    s.policy.back_grace_minutes = 60;
    s.run_to("12:20");
    s.you("start break", s.coach().start_break(s.now, false));
    s.run_to("12:55");
    s.you("back", s.coach().end_break(s.now));
    s.run_to("17:31");
    assert_eq!(s.day.breaks[0].kind, BreakKind::Lunch);
    assert_eq!(s.day.breaks[0].counted, Counted::Lunch);
    assert!(
        !s.transcript.iter().any(|l| l.contains("lunch missed")),
        "{:?}",
        s.transcript
    );
}

#[test]
fn snooze_budget_runs_out() {
    let mut s = Sim::new(monday(), "09:00");
    s.policy.micro_every_minutes = 0;
    s.run_to("09:50");
    for _ in 0..3 {
        s.you("snooze", s.coach().snooze(s.now));
        let until = s.now + Duration::minutes(5);
        s.run_to(&hhmm(until));
    }
    assert_eq!(s.coach().snooze_left(), 0);
    assert_eq!(
        s.coach().snooze(s.now),
        Err(CoachRefusal::SnoozeSpent { budget: 15 })
    );
    assert_eq!(
        s.transcript,
        [
            "09:50 break due: short 10m",
            "09:50 you: snooze",
            "09:55 break due: short 10m",
            "09:55 you: snooze",
            "10:00 break due: short 10m",
            "10:00 you: snooze",
            "10:05 break due: short 10m",
        ]
    );
}

#[test]
fn pause_resumes_by_itself_and_holds_the_break() {
    let mut s = Sim::new(monday(), "09:00");
    s.policy.micro_every_minutes = 0;
    s.run_to("09:40");
    let until = local(monday(), "10:10");
    s.you("pause", s.coach().pause(s.now, until));
    assert_eq!(s.state(), CoachState::Paused { until });
    s.run_to("10:30");
    assert_eq!(
        s.transcript,
        [
            "09:40 you: pause",
            // One notice at a time: the break due says more than "resumed".
            "10:10 break due: short 10m",
            "10:15 escalate: short 10m"
        ]
    );
}

#[test]
fn closed_at_10_10_and_reopened_at_10_40_counts_as_a_break() {
    let mut s = Sim::new(monday(), "09:00");
    s.policy.micro_every_minutes = 0;
    s.run_to("10:10");
    // kot records when it last ran; on reopen the gap is away time.
    let seen = s.now;
    s.now = local(monday(), "10:40");
    let (p, op) = s.coach().away(seen, s.now, Counted::Away).unwrap();
    assert_eq!(
        p,
        Prompt::AwayCounted {
            minutes: 30,
            counted: Counted::Away
        }
    );
    s.day.apply(DayOp::Coach(op)).unwrap();
    // No break right after coming back: the next is 50 minutes on.
    match s.state() {
        CoachState::Focus { next_break, .. } => {
            assert_eq!(next_break, Some(local(monday(), "11:30")));
        }
        other => panic!("{other:?}"),
    }
    // A short absence is not a break.
    assert!(
        s.coach()
            .away(s.now, s.now + Duration::minutes(9), Counted::Away)
            .is_none()
    );
    // A night is not work time.
    let evening = local(monday(), "17:25");
    assert!(
        s.coach()
            .away(evening, evening + Duration::hours(14), Counted::Away)
            .is_none()
    );
}

#[test]
fn a_clock_jumping_back_never_gives_negative_timers() {
    let mut s = Sim::new(monday(), "09:00");
    s.run_to("10:00");
    s.you("start break", s.coach().start_break(s.now, false));
    s.run_to("10:12");
    s.you("back", s.coach().end_break(s.now));
    // The clock is set back an hour.
    s.now = local(monday(), "09:12");
    match s.state() {
        CoachState::Focus { since, next_break } => {
            assert!(since <= s.now);
            let next = next_break.unwrap();
            assert!(next > s.now);
            assert!(next - s.now <= Duration::minutes(50));
        }
        other => panic!("{other:?}"),
    }
    let deadline = s.coach().next_deadline(s.now).unwrap();
    assert!(deadline > s.now);
}

#[test]
fn a_dst_night_shift_counts_real_minutes() {
    // 2026-10-25: Brussels repeats 02:00-03:00. A night shift 00:30-05:30 on a
    // Sunday that is a work day here.
    let sunday = NaiveDate::from_ymd_opt(2026, 10, 25).unwrap();
    let mut s = Sim::new(sunday, "00:30");
    s.hours = Some(WorkHours {
        start: "00:30".parse().unwrap(),
        end: "05:30".parse().unwrap(),
    });
    s.policy.micro_every_minutes = 0;
    s.policy.focus_minutes = 120;
    s.run_to("01:00");
    let due = match s.state() {
        CoachState::Focus { next_break, .. } => next_break.unwrap(),
        other => panic!("{other:?}"),
    };
    // 120 real minutes after 00:30 is 02:30 the first time (+02:00).
    assert_eq!(due - local(sunday, "00:30"), Duration::minutes(120));
    assert_eq!(
        due.with_timezone(&Brussels).format("%H:%M %z").to_string(),
        "02:30 +0200"
    );
    s.run_to("05:29");
    assert_eq!(
        s.transcript.first().map(String::as_str),
        Some("02:30 break due: short 10m")
    );
}

#[test]
fn nothing_on_a_sick_day_or_a_weekend() {
    let mut s = Sim::new(monday(), "09:00");
    s.day
        .apply(DayOp::SetPlace {
            place: Some(kot::core::day::Place::Sick),
            extra_work: false,
        })
        .unwrap();
    s.run_to("17:31");
    assert!(s.transcript.is_empty(), "{:?}", s.transcript);
    assert_eq!(
        s.coach().start_break(s.now, false),
        Err(CoachRefusal::NotWorking)
    );

    let mut s = Sim::new(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(), "09:00");
    s.hours = None;
    s.run_to("17:31");
    assert!(s.transcript.is_empty());
}

#[test]
fn no_breaks_or_pauses_outside_working_hours() {
    let mut s = Sim::new(monday(), "08:30");
    s.run_to("08:45");
    assert_eq!(
        s.coach().start_break(s.now, false),
        Err(CoachRefusal::NotWorking)
    );
    let later = s.now + Duration::hours(1);
    assert_eq!(s.coach().pause(s.now, later), Err(CoachRefusal::NotWorking));
    s.run_to("17:45");
    assert_eq!(
        s.coach().start_break(s.now, true),
        Err(CoachRefusal::NotWorking)
    );
}

#[test]
fn a_lock_that_was_also_a_suspend_counts_once() {
    let mut s = Sim::new(monday(), "09:00");
    s.policy.micro_every_minutes = 0;
    s.run_to("10:20");
    let (from, to) = (local(monday(), "10:00"), s.now);
    let (_, op) = s.coach().away(from, to, Counted::Away).unwrap();
    s.day.apply(DayOp::Coach(op)).unwrap();
    // The same stretch reported again (the lock ending a moment later).
    assert!(
        s.coach()
            .away(from, to + Duration::seconds(5), Counted::Locked)
            .is_none()
    );
    assert_eq!(s.day.breaks.len(), 1);
}

/// (5) No break due before the day has begun: kot first opened at 10:40 with
/// no check-in. The TUI (behind its check-in), `kot status` and `kot watch`
/// read one state: the day has not begun, nothing is due. The check-in starts
/// the first focus block; a coach running with no check-in starts it at once.
#[test]
fn no_break_due_before_the_day_has_begun() {
    let hours = Some(WorkHours {
        start: "09:00".parse().unwrap(),
        end: "17:30".parse().unwrap(),
    });
    let coach_of = |day: &Day| {
        Coach::new(
            Brussels,
            BreakPolicy::default(),
            MeetingPolicy::default(),
            hours,
            day,
        )
        .state(local(monday(), "10:41"))
    };
    let mut day = Day::new(monday());
    let at = local(monday(), "10:40");
    let coach = Coach::new(
        Brussels,
        BreakPolicy::default(),
        MeetingPolicy::default(),
        hours,
        &day,
    );
    assert_eq!(
        coach.state(at),
        CoachState::Off(kot::core::coach::OffReason::NotBegun)
    );
    assert!(
        coach.poll(at).is_empty(),
        "nothing is due before the day begins"
    );
    assert_eq!(coach.break_due(at), None);

    // The check-in at 10:40: focus from there, the break at 11:30.
    let mut checked = day.clone();
    checked
        .apply(DayOp::FinishCheckin {
            at: at.with_timezone(&Brussels).fixed_offset(),
            feeling: None,
        })
        .unwrap();
    match coach_of(&checked) {
        CoachState::Focus { since, next_break } => {
            assert_eq!(since, at);
            assert_eq!(next_break, Some(local(monday(), "11:30")));
        }
        other => panic!("{other:?}"),
    }

    // `kot watch` with no check-in: its first tick starts the first block.
    let tick = coach.tick(
        at,
        Wake {
            first: true,
            ..Wake::default()
        },
    );
    assert!(tick.prompts.is_empty(), "{tick:?}");
    for op in tick.ops {
        day.apply(DayOp::Coach(op)).unwrap();
    }
    match coach_of(&day) {
        CoachState::Focus { since, next_break } => {
            assert_eq!(since, at);
            assert_eq!(next_break, Some(local(monday(), "11:30")));
        }
        other => panic!("{other:?}"),
    }
}

/// (1) "Break over" never waits forever: with nobody answering, the break is
/// closed at its planned end `back_grace_minutes` later, recorded as
/// `back = assumed`, focus runs from that end, the user is told once, and
/// prompts come again.
#[test]
fn a_break_over_with_no_answer_is_closed_at_its_planned_end() {
    let mut s = Sim::new(monday(), "09:00");
    s.policy.micro_every_minutes = 0;
    s.run_to("09:50");
    s.you("start break", s.coach().start_break(s.now, false));
    s.run_to("11:00");
    assert_eq!(
        s.transcript,
        [
            "09:50 break due: short 10m",
            "09:50 you: start break",
            "10:00 break over: short",
            "10:05 back assumed: short",
            "10:50 break due: short 10m",
            "10:55 escalate: short 10m",
        ]
    );
    let b = &s.day.breaks[0];
    assert_eq!(b.end.to_utc(), local(monday(), "10:00"));
    assert_eq!(b.back, Some(kot::core::breaks::Back::Assumed));
    assert!(!b.ended_early);
    let text = toml::to_string(&s.day).unwrap();
    assert!(text.contains("back = \"assumed\""), "{text}");
}

/// (1) A session unlock after a break ran out while locked is the answer:
/// back at the unlock, not assumed.
#[test]
fn an_unlock_after_a_locked_break_is_back() {
    let mut s = Sim::new(monday(), "09:00");
    s.policy.micro_every_minutes = 0;
    s.policy.back_grace_minutes = 10;
    s.run_to("09:50");
    s.you("start break", s.coach().start_break(s.now, false));
    s.run_to("10:03");
    let tick = s.tick(Wake {
        unlocked: Some(local(monday(), "09:51")),
        ..Wake::default()
    });
    assert!(
        tick.prompts.is_empty(),
        "an answer needs no prompt: {tick:?}"
    );
    let b = &s.day.breaks[0];
    assert_eq!(b.end.to_utc(), local(monday(), "10:03"));
    assert_eq!(b.back, None);
    assert!(matches!(s.state(), CoachState::Focus { .. }));
}

/// The per-tick rules of a running coach: time since `seen_at` counts as away
/// on its first tick; a gap counts as away; the heartbeat is written every
/// 10 minutes and is a deadline of its own.
#[test]
fn a_running_coach_ticks_away_and_heartbeat() {
    let mut s = Sim::new(monday(), "09:00");
    s.policy.micro_every_minutes = 0;
    s.run_to("09:30");
    assert_eq!(
        s.day.coach.seen_at.map(|t| hhmm(t.to_utc())),
        Some("09:30".into())
    );
    let tick = s.coach().tick(s.now, Wake::default());
    assert_eq!(tick.next, Some(local(monday(), "09:40")), "the heartbeat");

    // kot closed from 09:30 until 09:45: away on the first tick.
    s.now = local(monday(), "09:45");
    s.tick(Wake {
        first: true,
        ..Wake::default()
    });
    // A suspend from 10:00 to 10:20, seen as a gap.
    s.run_to("10:00");
    s.now = local(monday(), "10:20");
    s.tick(Wake {
        gap: Some((local(monday(), "10:00"), s.now)),
        ..Wake::default()
    });
    assert_eq!(
        s.transcript,
        [
            "09:45 away 15m counted (Away)",
            "10:20 away 20m counted (Away)"
        ]
    );
    assert_eq!(s.day.breaks.len(), 2);
}

/// (10) Notices go when their cause goes: the break notice while a break
/// waits for an answer, lunch's until lunch starts, a micro-pause's for its
/// seconds (and its end is a deadline); at the end of the day nothing stands.
#[test]
fn notices_stand_only_while_their_cause_does() {
    let mut s = Sim::new(monday(), "09:00");
    s.policy.micro_every_minutes = 20;
    s.run_to("09:20");
    let tick = s.coach().tick(s.now, Wake::default());
    let micro_end = local(monday(), "09:20") + Duration::seconds(20);
    assert_eq!(tick.standing.micro_until, Some(micro_end));
    assert_eq!(tick.next, Some(micro_end));
    s.now = micro_end;
    assert_eq!(s.tick(Wake::default()).standing.micro_until, None);

    s.run_to("09:50");
    assert!(s.tick(Wake::default()).standing.break_prompt);
    s.you("start break", s.coach().start_break(s.now, false));
    assert!(!s.tick(Wake::default()).standing.break_prompt);
    s.you("back", s.coach().end_break(s.now));

    // The 16:30 break, never answered, stands until the next would fall due
    // (17:20, too close to the end to be offered): then it is ignored and its
    // notice goes, and nothing is left standing at the end of the day.
    s.run_to("17:19");
    assert!(s.tick(Wake::default()).standing.break_prompt);
    s.run_to("17:29");
    assert!(!s.tick(Wake::default()).standing.break_prompt);
    assert!(s.tick(Wake::default()).standing.lunch_missing);
    s.run_to("17:30");
    let end = s.tick(Wake::default()).standing;
    assert!(!end.break_prompt && !end.lunch_missing, "{end:?}");

    // Lunch warned at 13:30; lunch starting takes the warning down.
    let mut s = Sim::new(monday(), "09:00");
    s.policy.micro_every_minutes = 0;
    s.policy.focus_minutes = 600;
    s.run_to("13:40");
    assert!(s.tick(Wake::default()).standing.lunch_missing);
    s.you("lunch", s.coach().start_break(s.now, true));
    assert!(!s.tick(Wake::default()).standing.lunch_missing);
}

/// A pause lasts until the end of the workday at the latest: the core says so,
/// for the TUI's pause input and `kot pause` alike.
#[test]
fn a_pause_past_the_workday_end_is_refused() {
    let mut s = Sim::new(monday(), "09:00");
    s.run_to("17:00");
    assert_eq!(
        s.coach().pause(s.now, local(monday(), "18:00")),
        Err(CoachRefusal::PausePastEnd {
            end: local(monday(), "17:30")
        })
    );
    assert!(s.coach().pause(s.now, local(monday(), "17:30")).is_ok());
}

// ---- The lunch guard ----

#[test]
fn an_early_or_short_lunch_does_not_silence_the_lunch_guard() {
    let mut s = Sim::new(monday(), "09:00");
    s.policy.micro_every_minutes = 0;
    s.policy.focus_minutes = 600;
    s.run_to("09:04");
    s.you("lunch", s.coach().start_break(s.now, true));
    s.run_to("09:06");
    s.you("back", s.coach().end_break(s.now));
    s.run_to("09:06");
    // A second short lunch, in the window this time: the guard said its piece.
    s.run_to("12:10");
    s.you("lunch", s.coach().start_break(s.now, true));
    s.run_to("12:15");
    s.you("back", s.coach().end_break(s.now));
    s.run_to("17:31");
    assert_eq!(
        s.transcript,
        [
            "09:04 you: lunch",
            "09:06 you: back",
            "09:06 lunch still expected",
            "12:10 you: lunch",
            "12:15 you: back",
            "13:30 lunch missed",
        ]
    );
    let kept: Vec<(BreakKind, Counted)> =
        s.day.breaks.iter().map(|b| (b.kind, b.counted)).collect();
    assert_eq!(
        kept,
        [
            (BreakKind::Lunch, Counted::You),
            (BreakKind::Lunch, Counted::You)
        ]
    );
    assert!(s.day.coach.lunch_skipped);
}

#[test]
fn a_lunch_overlapping_the_window_for_half_its_length_counts() {
    let mut s = Sim::new(monday(), "09:00");
    s.policy.micro_every_minutes = 0;
    s.policy.focus_minutes = 600;
    // 11:45 to 12:00 touches the window only at its edge: no overlap.
    s.run_to("11:45");
    s.you("lunch", s.coach().start_break(s.now, true));
    s.run_to("12:00");
    s.you("back", s.coach().end_break(s.now));
    s.run_to("12:00");
    assert_eq!(s.day.breaks[0].counted, Counted::You);
    // 13:20 to 13:35: 15 minutes, half of lunch_minutes, 10 of them in the window.
    s.run_to("13:20");
    s.you("lunch", s.coach().start_break(s.now, true));
    s.run_to("13:35");
    s.you("back", s.coach().end_break(s.now));
    s.run_to("17:31");
    assert_eq!(s.day.breaks[1].counted, Counted::Lunch);
    assert_eq!(
        s.said(),
        ["12:00 lunch still expected"],
        "{:?}",
        s.transcript
    );
    assert!(!s.day.coach.lunch_skipped);
}

#[test]
fn a_personal_block_in_the_lunch_window_is_lunch() {
    let mut s = Sim::new(monday(), "09:00");
    s.policy.micro_every_minutes = 0;
    s.policy.focus_minutes = 600;
    s.block_of("13:10-13:40", "Lunch with Ann", BlockKind::Personal, false);
    s.run_to("17:31");
    assert_eq!(s.said(), ["13:40 away 30m counted (Lunch)"]);
    assert_eq!(
        (s.day.breaks[0].kind, s.day.breaks[0].counted),
        (BreakKind::Lunch, Counted::Lunch)
    );
    assert!(!s.day.coach.lunch_skipped);
}

#[test]
fn lunch_is_offered_from_an_hour_before_the_window_until_it_is_done() {
    let mut s = Sim::new(monday(), "09:00");
    s.policy.micro_every_minutes = 0;
    // The first break falls due at 12:10, inside the lunch window.
    s.policy.focus_minutes = 190;
    s.run_to("10:59");
    assert!(!s.coach().lunch_offered(s.now));
    s.run_to("11:00");
    assert!(s.coach().lunch_offered(s.now));
    s.run_to("12:10");
    assert_eq!(
        s.state(),
        CoachState::BreakDue {
            kind: BreakKind::Lunch,
            since: local(monday(), "12:10")
        }
    );
    s.you("start break", s.coach().start_break(s.now, false));
    assert!(!s.coach().lunch_offered(s.now));
    s.run_to("12:41");
    s.you("back", s.coach().end_break(s.now));
    assert!(!s.coach().lunch_offered(s.now));
    assert_eq!(
        s.said(),
        ["12:10 break due: lunch 30m", "12:40 break over: lunch"]
    );
    assert_eq!(
        (s.day.breaks[0].kind, s.day.breaks[0].counted),
        (BreakKind::Lunch, Counted::Lunch)
    );
}

// ---- Meetings ----

#[test]
fn a_long_run_of_calls_is_announced_before_and_nothing_comes_during_it() {
    let mut s = Sim::new(monday(), "09:00");
    s.policy.focus_minutes = 50;
    s.block("10:00-11:00", "Planning", true);
    s.block("11:00-11:45", "Client", true);
    s.block("11:45-12:15", "Review", true);
    s.run_to("09:50");
    s.you("start break", s.coach().start_break(s.now, false));
    s.run_to("09:58");
    s.you("back", s.coach().end_break(s.now));
    s.run_to("13:00");
    let during: Vec<&String> = s
        .transcript
        .iter()
        .filter(|l| ("10:00".."12:15").contains(&l.get(..5).unwrap_or("")))
        .collect();
    assert!(during.is_empty(), "said during the calls: {during:?}");
    assert!(
        s.transcript
            .contains(&"09:55 heads-up: 10:00-12:15 135m of calls".to_string()),
        "{:?}",
        s.transcript
    );
    // The meeting that crossed the limit ended as the next began: no room for
    // the pause, so no prompt after it either.
    assert!(
        !s.transcript.iter().any(|l| l.contains("meeting limit")),
        "{:?}",
        s.transcript
    );
    // The break that fell due in the calls comes after them.
    assert!(
        s.transcript
            .contains(&"12:15 break due: lunch 30m".to_string()),
        "{:?}",
        s.transcript
    );
}

#[test]
fn the_limit_counts_only_the_calls_that_happened() {
    let mut s = Sim::new(monday(), "09:00");
    s.policy.micro_every_minutes = 0;
    s.policy.focus_minutes = 600;
    s.meetings.buffer_minutes = 2;
    s.block("14:00-15:00", "Planning", true);
    s.block("15:03-15:35", "Client", true);
    s.block("15:38-16:00", "Review", true);
    s.run_to("17:31");
    assert_eq!(
        s.said(),
        [
            "13:30 lunch missed",
            "13:55 heads-up: 14:00-16:00 120m of calls",
            "15:35 meeting limit: 95m of calls, pause 2m",
        ]
    );
}

#[test]
fn nothing_is_said_while_a_meeting_runs() {
    let mut s = Sim::new(monday(), "09:00");
    s.policy.micro_every_minutes = 0;
    s.policy.focus_minutes = 600;
    s.block("13:00-14:00", "Board", false);
    s.run_to("17:31");
    // "No lunch yet" at 13:30 waits for the meeting's end.
    assert_eq!(s.said(), ["14:00 lunch missed"]);
}

#[test]
fn a_break_prompt_standing_when_a_meeting_starts_is_asked_again_after_it() {
    let mut s = Sim::new(monday(), "09:00");
    s.policy.micro_every_minutes = 0;
    s.block("09:58-10:30", "Standup", true);
    s.run_to("10:40");
    assert_eq!(
        s.said(),
        [
            "09:50 break due: short 10m",
            "09:55 escalate: short 10m",
            "10:30 break due: short 10m",
            "10:35 escalate: short 10m",
        ]
    );
    // Withdrawn at 09:58: a critical notice does not stay through the call.
    assert!(s.day.coach.prompted_at.is_some());
}

#[test]
fn no_notice_of_kot_is_critical() {
    // Critical notices stay on screen until dismissed, into the next call; the
    // only critical one is the escalation, and no prompt is sent during a call.
    use kot::notice::Urgency;
    let day = Day::new(monday());
    let quiet = [
        Prompt::LunchMissed,
        Prompt::LunchStillExpected {
            from: local(monday(), "12:00"),
            until: local(monday(), "13:30"),
        },
        Prompt::MeetingsAhead {
            start: local(monday(), "10:00"),
            end: local(monday(), "12:15"),
            run_minutes: 135,
        },
        Prompt::MeetingLimit {
            run_minutes: 95,
            buffer_minutes: 5,
            after: kot::core::plan::BlockId(1),
            next_call: None,
        },
    ];
    for p in quiet {
        assert_ne!(
            kot::coach_runtime::notice(&p, &day).urgency,
            Urgency::Critical,
            "{p:?}"
        );
    }
}

// ---- Personal blocks ----

#[test]
fn a_personal_block_is_time_away() {
    let mut s = Sim::new(monday(), "09:00");
    s.block_of("09:30-10:15", "School run", BlockKind::Personal, false);
    s.block_of("11:30-11:35", "Parcel", BlockKind::Personal, false);
    s.run_to("11:34");
    // The break due at 09:50 fell in the school run, which was the break.
    assert_eq!(
        s.said(),
        [
            "09:20 micro-pause 20s",
            "10:15 away 45m counted (Away)",
            "10:35 micro-pause 20s",
            "10:55 micro-pause 20s",
            "11:05 break due: short 10m",
            "11:10 escalate: short 10m",
        ]
    );
    assert_eq!(s.day.breaks[0].counted, Counted::Away);
    // Five minutes away is no break, and nothing is said during it.
    assert_eq!(
        s.state(),
        CoachState::Personal {
            until: local(monday(), "11:35")
        }
    );
    s.run_to("11:36");
    assert_eq!(s.day.breaks.len(), 1);
    assert_eq!(
        s.state(),
        CoachState::BreakDue {
            kind: BreakKind::Short,
            since: local(monday(), "11:05")
        }
    );
}

#[test]
fn no_prompt_during_a_personal_block() {
    let mut s = Sim::new(monday(), "09:00");
    s.block_of(
        "09:45-09:55",
        "Doctor on the phone",
        BlockKind::Personal,
        false,
    );
    s.run_to("09:50");
    assert_eq!(
        s.state(),
        CoachState::Personal {
            until: local(monday(), "09:55")
        }
    );
    s.run_to("10:00");
    // Ten minutes away is a break: none falls due when it ends.
    assert_eq!(
        s.said(),
        [
            "09:20 micro-pause 20s",
            "09:40 micro-pause 20s",
            "09:55 away 10m counted (Away)"
        ]
    );
}

// ---- The end of the day ----

#[test]
fn no_break_is_proposed_that_would_run_into_the_end_of_the_day() {
    // A long break (20 min) due at 17:01 with the day ending at 17:30.
    let mut s = Sim::new(monday(), "09:00");
    s.policy.micro_every_minutes = 0;
    s.policy.long_break_every = 1;
    s.policy.focus_minutes = 481;
    s.run_to("17:31");
    assert_eq!(s.said(), ["13:30 lunch missed"]);
    // Due at 16:50, it ends with ten minutes to spare: proposed.
    let mut s = Sim::new(monday(), "09:00");
    s.policy.micro_every_minutes = 0;
    s.policy.long_break_every = 1;
    s.policy.focus_minutes = 470;
    s.run_to("17:31");
    assert_eq!(s.said()[1], "16:50 break due: long 20m");
}

// ---- Ignored breaks ----

#[test]
fn a_break_left_unanswered_is_recorded_as_ignored() {
    let mut s = Sim::new(monday(), "09:00");
    s.policy.micro_every_minutes = 0;
    s.policy.focus_minutes = 200;
    // No lunch window in the workday: only the break rhythm is left.
    s.policy.lunch_earliest = "05:00".parse().unwrap();
    s.policy.lunch_latest = "06:00".parse().unwrap();
    s.run_to("17:31");
    assert_eq!(
        s.said(),
        [
            "12:20 break due: short 10m",
            "12:25 escalate: short 10m",
            // Never answered: when the next falls due, 200 minutes on, the
            // first is ignored and the next asked for.
            "15:40 break due: short 10m",
            "15:45 escalate: short 10m",
        ]
    );
    let got: Vec<(Outcome, String, String)> = s
        .day
        .breaks
        .iter()
        .map(|b| (b.outcome, hhmm(b.start.to_utc()), hhmm(b.end.to_utc())))
        .collect();
    assert_eq!(
        got,
        [
            (Outcome::Ignored, "12:20".into(), "15:40".into()),
            (Outcome::Ignored, "15:40".into(), "17:30".into()),
        ]
    );
    assert_eq!(s.day.schema, 2, "a day with an ignored break is schema 2");
    let text = toml::to_string_pretty(&s.day).unwrap();
    assert!(text.contains("outcome = \"ignored\""), "{text}");
    let back: Day = toml::from_str(&text).unwrap();
    assert_eq!(back, s.day);
}

#[test]
fn a_day_without_ignored_breaks_stays_schema_1() {
    let mut s = Sim::new(monday(), "09:00");
    s.run_to("09:50");
    s.you("skip", s.coach().skip(s.now));
    s.run_to("10:00");
    assert_eq!(s.day.schema, 1);
}

// ---- the end of the workday ----

/// A day with the end coached: check-in 08:55, micro-pauses off, the first
/// break due at 17:05, inside the wrap-up (and lunch missed at 13:30).
fn evening_sim() -> Sim {
    let mut s = Sim::new(monday(), "08:55");
    s.policy.micro_every_minutes = 0;
    s.policy.focus_minutes = 485;
    s.shutdown = Some(ShutdownPolicy::default());
    s
}

/// The shutdown recorded as the shell does it: at `at`, with the totals the
/// coach computes up to it.
fn shut_down(s: &mut Sim, at: DateTime<Utc>) -> (u32, u32) {
    let w = s.coach().work_span(at, s.now).unwrap().worked();
    s.day
        .apply(DayOp::CompleteShutdown {
            at: at.with_timezone(&Brussels).fixed_offset(),
            worked_minutes: w.worked_minutes,
            overtime_minutes: w.overtime_minutes,
            steps: vec![],
            next_day: None,
            next_top: vec![],
        })
        .unwrap();
    s.transcript.push(format!("{} you: shutdown", hhmm(at)));
    (w.worked_minutes, w.overtime_minutes)
}

/// Warnings at 17:00 (the wrap-up) and 17:20, "time to shut down" at 17:30,
/// nudges 30 and 60 minutes on with the overtime so far; the wrap-up keeps
/// the 17:05 break from being offered; a late shutdown counts its overtime,
/// and off-work holds through the night until the day turns at 04:00.
#[test]
fn the_end_of_the_day_warns_wraps_up_nudges_and_holds_off_work() {
    let mut s = evening_sim();
    s.run_to("16:10");
    // Without the wrap-up the coach would offer a break at 17:05, 25
    // minutes before the end: there is room for it by its own rule.
    let breaks_only = Coach::new(Brussels, s.policy, s.meetings, s.hours, &s.day);
    assert_eq!(breaks_only.break_due(s.now), Some(local(monday(), "17:05")));
    assert_eq!(
        s.coach().break_due(s.now),
        None,
        "no break after the wrap-up"
    );
    s.run_to("17:05");
    assert!(matches!(
        s.state(),
        CoachState::Focus {
            next_break: None,
            ..
        }
    ));
    assert_eq!(
        s.coach().end_phase(s.now),
        EndPhase::WrapUp {
            end: local(monday(), "17:30")
        }
    );
    s.run_to("18:40");
    // Past the end the heartbeat goes on: the last sign of work is recent.
    assert_eq!(
        s.day.coach.seen_at.map(|t| hhmm(t.to_utc())),
        Some("18:40".into())
    );
    assert!(s.tick(Wake::default()).standing.shutdown_prompt);
    let (worked, overtime) = shut_down(&mut s, local(monday(), "18:45"));
    s.now = local(monday(), "18:45");
    assert!(!s.tick(Wake::default()).standing.shutdown_prompt);
    // 09:00 (the start; the check-in at 08:55 is earlier) to 18:45; 75
    // minutes past 17:30.
    assert_eq!((worked, overtime), (585, 75));
    assert_eq!(s.coach().punctuality(), Some(Punctuality::Late));
    // Off work all evening and night, until the day turns.
    let night = local(monday().succ_opt().unwrap(), "03:59");
    s.run_until(night);
    assert_eq!(s.state(), CoachState::Off(OffReason::ShutDown));
    assert_eq!(
        s.coach().end_phase(s.now),
        EndPhase::Off {
            since: local(monday(), "18:45")
        }
    );
    assert_eq!(
        kot::core::workday::kot_date_at(&Brussels, night, "04:00".parse().unwrap()),
        monday()
    );
    assert_eq!(
        s.said(),
        [
            "13:30 lunch missed",
            "17:00 end in 30m (wrap-up)",
            "17:20 end in 10m",
            "17:30 time to shut down",
            "18:00 nudge: 30m past the end, 30m overtime",
            "18:30 nudge: 60m past the end, 60m overtime",
        ]
    );
}

/// No warning during a meeting: the 17:00 one waits for its end at 17:15,
/// and says the minutes then left.
#[test]
fn a_warning_during_a_meeting_comes_at_its_end() {
    let mut s = evening_sim();
    s.policy.focus_minutes = 600;
    s.block("16:50-17:15", "Retro", true);
    s.run_to("17:31");
    assert_eq!(
        s.said()[1..],
        [
            "17:15 end in 15m (wrap-up)",
            "17:20 end in 10m",
            "17:30 time to shut down",
        ]
    );
}

/// `kot end 19:00`: the coach works to 19:00 (warnings at 18:30 and 18:50,
/// no nudge before 19:30), and the time after 17:30 is still overtime.
#[test]
fn a_moved_end_moves_the_warnings_and_still_counts_overtime() {
    let mut s = evening_sim();
    s.policy.focus_minutes = 600;
    s.day
        .apply(DayOp::SetEnd {
            end: Some("19:00".parse().unwrap()),
        })
        .unwrap();
    s.run_to("19:31");
    assert_eq!(
        s.said()[1..],
        [
            "18:30 end in 30m (wrap-up)",
            "18:50 end in 10m",
            "19:00 time to shut down",
            "19:30 nudge: 30m past the end, 120m overtime",
        ]
    );
    let (_, overtime) = shut_down(&mut s, local(monday(), "19:05"));
    assert_eq!(overtime, 95);
    assert_eq!(s.coach().punctuality(), Some(Punctuality::OnTime));
}

/// Flexible hours: 8 hours after the first work (a task done at 07:30, a
/// sign of work before the 09:00 start), the 30-minute lunch not counted, the
/// day ends at 16:00, before the config's 17:30. The check-in alone, before
/// the start, would not have started it.
#[test]
fn max_work_minutes_ends_a_flexible_day_early() {
    let mut s = Sim::new(monday(), "07:30");
    s.day
        .apply(DayOp::Coach(CoachOp::SignOfWork {
            at: local(monday(), "07:30")
                .with_timezone(&Brussels)
                .fixed_offset(),
        }))
        .unwrap();
    s.policy.micro_every_minutes = 0;
    s.policy.focus_minutes = 600;
    s.shutdown = Some(ShutdownPolicy {
        max_work_minutes: Some(480),
        ..ShutdownPolicy::default()
    });
    s.run_to("12:00");
    s.you("lunch", s.coach().start_break(s.now, true));
    s.run_to("12:30");
    s.you("back", s.coach().end_break(s.now));
    assert_eq!(s.coach().end(), Some(local(monday(), "16:00")));
    s.run_to("16:01");
    assert_eq!(
        s.said(),
        [
            "12:30 break over: lunch",
            "15:30 end in 30m (wrap-up)",
            "15:50 end in 10m",
            "16:00 time to shut down",
        ]
    );
}

/// Work again after the shutdown is evening work: no prompts, all of it
/// overtime, and off again from its end.
#[test]
fn evening_work_after_the_shutdown_is_overtime() {
    let mut s = evening_sim();
    s.policy.focus_minutes = 600;
    s.run_to("17:35");
    shut_down(&mut s, local(monday(), "17:35"));
    let stamp = |hm: &str| local(monday(), hm).with_timezone(&Brussels).fixed_offset();
    s.run_to("20:10");
    s.day
        .apply(DayOp::StartEvening { at: stamp("20:10") })
        .unwrap();
    assert_eq!(
        s.coach().end_phase(s.now),
        EndPhase::Evening {
            since: local(monday(), "20:10")
        }
    );
    s.run_to("21:00");
    s.day
        .apply(DayOp::EndEvening { at: stamp("21:00") })
        .unwrap();
    let last = s.coach().last_work().unwrap();
    let w = s.coach().work_span(last, s.now).unwrap().worked();
    assert_eq!(w.overtime_minutes, 5 + 50);
    assert_eq!(
        s.coach().end_phase(s.now),
        EndPhase::Off {
            since: local(monday(), "21:00")
        }
    );
    s.run_to("23:00");
    assert_eq!(s.said().last().unwrap(), "17:30 time to shut down");
}

/// A work day left without a shutdown is found the next morning; its worked
/// time runs to the last heartbeat of a coach but never past the planned end
/// without a sign of the user (a coach running is no evidence of work), and
/// once marked it is not found again.
#[test]
fn a_forgotten_shutdown_is_caught_the_next_morning() {
    use kot::core::shutdown::forgotten;
    let mut s = evening_sim();
    s.run_to("19:00");
    assert!(forgotten(&s.day, true));
    let c = s.coach();
    let last = c.last_work().unwrap();
    assert_eq!(hhmm(last), "17:30");
    let w = c.work_span(last, last).unwrap().worked();
    assert_eq!(w.overtime_minutes, 0);
    // A task done at 18:40 says the work went on until then.
    assert!(c.sign_ends_work_later(local(monday(), "18:40")));
    s.day
        .apply(DayOp::Coach(kot::core::breaks::CoachOp::LastSign {
            at: local(monday(), "18:40")
                .with_timezone(&Brussels)
                .fixed_offset(),
        }))
        .unwrap();
    let c = s.coach();
    let last = c.last_work().unwrap();
    assert_eq!(hhmm(last), "18:40");
    let w = c.work_span(last, last).unwrap().worked();
    assert_eq!(w.overtime_minutes, 70);
    s.day
        .apply(DayOp::MarkShutdownMissed {
            worked_minutes: w.worked_minutes,
            overtime_minutes: w.overtime_minutes,
        })
        .unwrap();
    assert!(s.day.shutdown.missed);
    assert!(!forgotten(&s.day, true));
    assert_eq!(s.coach().punctuality(), Some(Punctuality::Missed));
    // A day off or a day nobody worked has nothing to forget.
    let quiet = Day::new(monday());
    assert!(!forgotten(&quiet, true));
}

/// Working past midnight stays the same workday until `day_starts`: the
/// nudges come after midnight, and the overtime runs across it.
#[test]
fn a_day_crossing_midnight_stays_one_workday() {
    let mut s = evening_sim();
    s.policy.focus_minutes = 900;
    s.day
        .apply(DayOp::SetEnd {
            end: Some("23:45".parse().unwrap()),
        })
        .unwrap();
    let tuesday = monday().succ_opt().unwrap();
    s.run_until(local(tuesday, "00:50"));
    assert_eq!(
        s.said()[1..],
        [
            "23:15 end in 30m (wrap-up)",
            "23:35 end in 10m",
            "23:45 time to shut down",
            "00:15 nudge: 30m past the end, 405m overtime",
            "00:45 nudge: 60m past the end, 435m overtime",
        ]
    );
    let at = local(tuesday, "01:10");
    assert_eq!(
        kot::core::workday::kot_date_at(&Brussels, at, "04:00".parse().unwrap()),
        monday()
    );
    s.now = at;
    let (_, overtime) = shut_down(&mut s, at);
    assert_eq!(overtime, 7 * 60 + 40);
}

/// `[workday] holidays`: the coach says nothing all day, the end of the day
/// included, even with a check-in and calls planned; work chosen for it is
/// coached with the usual hours.
#[test]
fn a_holiday_is_quiet_all_day() {
    let christmas = NaiveDate::from_ymd_opt(2026, 12, 25).unwrap();
    let workday = kot::config::Workday {
        holidays: vec![christmas],
        ..kot::config::Workday::default()
    };
    let mut s = Sim::new(christmas, "08:55");
    s.hours = workday.hours_of(&s.day);
    s.shutdown = Some(ShutdownPolicy::default());
    s.block("10:00-11:00", "Call", true);
    s.block("11:00-12:00", "Call", true);
    s.run_to("23:30");
    assert_eq!(s.said(), Vec::<String>::new());
    assert_eq!(s.state(), CoachState::Off(OffReason::NoWork));

    s.day
        .apply(DayOp::SetPlace {
            place: Some(kot::core::day::Place::Home),
            extra_work: true,
        })
        .unwrap();
    assert!(workday.hours_of(&s.day).is_some());
}

fn team_meeting(with: &str, span: &str, video: bool) -> kot::core::agreements::TeamMeeting {
    kot::core::agreements::TeamMeeting {
        with: with.into(),
        days: vec![chrono::Weekday::Mon],
        span: span.parse().unwrap(),
        video,
    }
}

/// A team meeting from `[agreements]` is a meeting on its weekday: a
/// heads-up `heads_up_minutes` before it (once), nothing said during it (the
/// break due meanwhile waits for its end), and it counts in a run of calls.
#[test]
fn a_team_meeting_gets_a_heads_up_and_holds_prompts() {
    let mut s = Sim::new(monday(), "08:55");
    s.policy.micro_every_minutes = 0;
    s.team = vec![team_meeting("team", "09:45-10:15", true)];
    s.run_to("10:16");
    assert_eq!(
        s.said(),
        [
            "09:40 heads-up: team at 09:45",
            "10:15 break due: short 10m",
        ]
    );
    assert!(
        s.day
            .coach
            .meeting_heads_up
            .contains(&kot::core::agreements::team_block_id(
                "09:45".parse().unwrap()
            ))
    );
}

#[test]
fn a_team_meeting_is_quiet_on_a_holiday_and_yields_to_an_own_block() {
    let mut s = Sim::new(monday(), "08:55");
    s.policy.micro_every_minutes = 0;
    s.team = vec![team_meeting("team", "09:45-10:15", false)];
    s.hours = None;
    s.run_to("10:20");
    assert_eq!(s.said(), Vec::<String>::new());

    let mut s = Sim::new(monday(), "08:55");
    s.policy.micro_every_minutes = 0;
    s.team = vec![team_meeting("team", "09:45-10:15", false)];
    s.block("09:45-10:15", "Standup", false);
    s.run_to("10:20");
    assert!(
        s.said().iter().all(|l| !l.contains("heads-up")),
        "{:?}",
        s.said()
    );
}

/// A team meeting next to calls of the day's own makes a long run: the
/// run's heads-up comes once, for the team meeting at its head.
#[test]
fn a_team_meeting_counts_in_a_run_of_calls() {
    let mut s = Sim::new(monday(), "08:55");
    s.policy.micro_every_minutes = 0;
    s.team = vec![team_meeting("team", "10:00-10:30", true)];
    s.block("10:30-11:30", "Client", true);
    s.run_to("10:00");
    assert_eq!(
        s.said(),
        [
            "09:50 break due: short 10m",
            // One notice at a time: the calls about to start, not the escalation.
            "09:55 heads-up: 10:00-11:30 90m of calls",
        ]
    );
}

/// A low feeling at the check-in and a gentle day accepted: focus blocks of
/// 60% of `focus_minutes` (30 of 50), from the check-in on and after each
/// break; the flag survives the file and an older kot's unknown-key reading.
#[test]
fn a_gentle_day_has_shorter_focus_blocks() {
    let mut s = Sim::new(monday(), "09:00");
    s.policy.micro_every_minutes = 0;
    s.day
        .apply(DayOp::Coach(CoachOp::Gentle { on: true }))
        .unwrap();
    assert!(s.day.coach.gentle);
    s.run_to("09:31");
    s.you("start break", s.coach().start_break(s.now, false));
    s.run_to("09:41");
    s.you("back", s.coach().end_break(s.now));
    s.run_to("10:12");
    assert_eq!(
        s.said(),
        [
            "09:30 break due: short 10m",
            "09:41 break over: short",
            "10:11 break due: short 10m"
        ]
    );
    let text = toml::to_string_pretty(&s.day).unwrap();
    assert!(text.contains("gentle = true"), "{text}");
    let back: Day = toml::from_str(&text).unwrap();
    assert!(back.coach.gentle);
    // Taken back: the usual 50 minutes again.
    s.day
        .apply(DayOp::Coach(CoachOp::Gentle { on: false }))
        .unwrap();
    assert!(!toml::to_string_pretty(&s.day).unwrap().contains("gentle"));
    assert_eq!(kot::core::coach::gentle_focus(50), 30);
    assert_eq!(kot::core::coach::gentle_focus(5), 5);
}

/// A break's countdown reuses the coach's answer until `steady_until`:
/// whatever instant is asked in between, the state and the end phase are
/// the ones at the start. Breaks in the morning, across the wrap-up (17:00)
/// and across the end (17:30), each looked at every 7 s from before it to
/// after it, and each instant checked against a dozen later ones.
#[test]
fn a_break_stays_as_it_is_until_its_steady_instant() {
    for start in ["10:00", "16:52", "17:22"] {
        let mut s = evening_sim();
        s.run_to(start);
        s.you("start break", s.coach().start_break(s.now, false));
        let from = s.now - Duration::minutes(1);
        let mut reused = Duration::zero();
        let mut t = from;
        while t < from + Duration::minutes(45) {
            let coach = s.coach();
            let steady = coach.steady_until(t);
            assert!(steady >= t, "steady {steady} before {t}");
            let (state, phase) = (coach.state(t), coach.end_phase(t));
            if !matches!(state, CoachState::Break { .. }) {
                assert_eq!(steady, t, "only a break is reused ({start}, {t})");
            }
            if steady > t {
                let span = steady - t;
                for k in 1..=12 {
                    let probe = t + span * k / 13;
                    assert_eq!(coach.state(probe), state, "{start}: state at {probe}");
                    assert_eq!(coach.end_phase(probe), phase, "{start}: phase at {probe}");
                }
                let last = steady - Duration::seconds(1);
                assert_eq!(coach.state(last), state, "{start}: state at {last}");
                assert_eq!(coach.end_phase(last), phase, "{start}: phase at {last}");
                reused += Duration::seconds(7).min(span);
            }
            t += Duration::seconds(7);
        }
        // The countdown really is spared: most of a break's seconds reuse.
        assert!(
            reused > Duration::minutes(5),
            "{start}: reused only {reused}"
        );
    }
}

/// A break that starts after `now` (the clock was set back) is measured
/// from `now`, so nothing about it is steady.
#[test]
fn a_break_ahead_of_a_clock_set_back_is_never_steady() {
    let mut s = evening_sim();
    s.run_to("10:00");
    s.you("start break", s.coach().start_break(s.now, false));
    let back = s.now - Duration::minutes(3);
    assert!(matches!(s.coach().state(back), CoachState::Break { .. }));
    assert_eq!(s.coach().steady_until(back), back);
}
