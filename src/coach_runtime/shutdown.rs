//! The end of the workday wired to the world, for every front end: the
//! end-of-day notices, the next work day as the files and the config say,
//! the writes of a finished ritual in their safe order, evening work, a
//! forgotten shutdown, and the `on_complete` command.

use chrono::{DateTime, NaiveDate, Utc};

use super::{coach, local_hm, local_stamp};
use crate::config::Config;
use crate::core::coach::Prompt;
use crate::core::countdown::Countdown;
use crate::core::day::{Day, DayOp, Place};
use crate::core::plan::TaskId;
use crate::core::shutdown::ritual::{Ritual, RitualPlan, WeekAsk, WeekPlan};
use crate::core::shutdown::{self as rules, RitualKind, Worked};
use crate::core::week::{WeekId, WeekOp};
use crate::error::Failure;
use crate::notice::{ACTION_SHUTDOWN, Notice, Slot, Urgency};
use crate::store::{CarryChoice, DayLoad, Store, StoreError};
use crate::t;

/// The notice of an end-of-day prompt. Normal urgency at most: an end of the
/// day is never an emergency.
#[must_use]
pub fn notice(p: &Prompt, screen: bool) -> Notice {
    let make = |summary: String, body: String, urgency, actions| Notice {
        summary,
        body,
        urgency,
        slot: Some(Slot::Shutdown),
        actions,
        expire_seconds: None,
    };
    match p {
        Prompt::ShutdownWarning {
            minutes_left,
            wrap_up,
            end,
        } => make(
            t!(
                "notice.shutdown_warning",
                left = crate::i18n::countdown(Countdown::minutes(i64::from(*minutes_left))),
                end = local_hm(*end)
            ),
            if *wrap_up {
                t!("notice.shutdown_wrap_up_body")
            } else {
                t!("notice.shutdown_warning_body")
            },
            Urgency::Normal,
            &[],
        ),
        Prompt::ShutdownDue { end } if screen => make(
            t!("notice.shutdown_due"),
            t!("notice.shutdown_due_body", end = local_hm(*end)),
            Urgency::Normal,
            &[ACTION_SHUTDOWN],
        ),
        Prompt::ShutdownDue { end } => make(
            t!("notice.shutdown_due"),
            t!("notice.shutdown_due_body_cli", end = local_hm(*end)),
            Urgency::Normal,
            &[],
        ),
        Prompt::ShutdownNudge {
            over_minutes,
            overtime_minutes,
        } => make(
            t!(
                "notice.shutdown_nudge",
                over = crate::i18n::countdown(Countdown::minutes(i64::from(*over_minutes)))
            ),
            if screen {
                t!(
                    "notice.shutdown_nudge_body",
                    overtime = minutes(*overtime_minutes)
                )
            } else {
                t!(
                    "notice.shutdown_nudge_body_cli",
                    overtime = minutes(*overtime_minutes)
                )
            },
            Urgency::Low,
            &[],
        ),
        _ => make(String::new(), String::new(), Urgency::Low, &[]),
    }
}

/// `1h05`, `45m` (`1u05`, `45 min`): see `i18n::hm`.
#[must_use]
pub fn minutes(m: u32) -> String {
    crate::i18n::hm(i64::from(m))
}

/// Your own steps: the config's, or kot's three in your language. When
/// the front end counts the walk home down after the ritual (`walk_counted`,
/// the TUI with `[shutdown] commute_minutes`), kot's walk step is that
/// countdown, not a box to tick before it.
#[must_use]
pub fn own_steps(config: &Config, walk_counted: bool) -> Vec<String> {
    config.shutdown.steps.clone().unwrap_or_else(|| {
        let walk = !(walk_counted && config.shutdown.commute_minutes > 0);
        ["ritual.step.apps", "ritual.step.out_of_sight"]
            .into_iter()
            .chain(walk.then_some("ritual.step.walk"))
            .map(|k| t!(k))
            .collect()
    })
}

/// The ritual `day` gets under `config`.
#[must_use]
pub fn ritual_kind(config: &Config, day: &Day) -> RitualKind {
    rules::ritual_kind(day, config.workday.is_work_day(day.date))
}

/// The next work day after `date`: a weekday with work by the config whose
/// file does not say off or sick, or a day off with work chosen for it.
#[must_use]
pub fn next_work_day(store: &Store, config: &Config, date: NaiveDate) -> NaiveDate {
    rules::next_work_day(date, |d| {
        let day = store
            .load_day(d)
            .day_or_new(d)
            .unwrap_or_else(|| Day::new(d));
        match day.place {
            Some(Place::Off | Place::Sick) => false,
            Some(Place::Home | Place::Office) => true,
            None => config.workday.is_work_day(d),
        }
    })
}

/// A fresh ritual for `today`, planning the next work day as its file is now;
/// `walk_counted`: the walk home is counted down after it (`own_steps`).
///
/// # Errors
/// The next day's file cannot be read.
pub fn start(
    store: &Store,
    config: &Config,
    today: &Day,
    journal: bool,
    walk_counted: bool,
) -> Result<Ritual, Failure> {
    let next_date = next_work_day(store, config, today.date);
    let next = store
        .load_day(next_date)
        .into_day(next_date)
        .map_err(|c| Failure(c.describe()))?;
    Ok(Ritual::new(
        today,
        &next,
        ritual_kind(config, today),
        &own_steps(config, walk_counted),
        journal,
    ))
}

/// Whether `date` is a work day for the week step: today always (its
/// ritual is being walked), else by its file (off or sick are not, work
/// chosen on a free day is), else by the config's work days less holidays.
fn works_on(store: &Store, config: &Config, today: NaiveDate, date: NaiveDate) -> bool {
    if date == today {
        return true;
    }
    // The one rule of `Workday`: a file's place first, holidays left out.
    match store.load_day(date) {
        DayLoad::Ok(d) => config.workday.hours_of(&d).is_some(),
        _ => config.workday.is_work_day(date),
    }
}

/// Whether `today`'s check-in opens the week: no work day before it since
/// Monday (by file, else by the config's work days less holidays), so its
/// check-in shows the week's one thing.
#[must_use]
pub fn opens_the_week(store: &Store, config: &Config, today: NaiveDate) -> bool {
    // Today is being checked in: worked whatever the config says.
    crate::core::week::is_first_work_day(today, |d| works_on(store, config, today, d))
}

/// The week step's questions when `today` is the last work day of its
/// week: last week's one thing (and its answer, if given), or an earlier
/// week's left unanswered (`core::week::week_to_ask`), this week's as
/// recorded. `None` on any other day. Unreadable notes ask nothing of them.
#[must_use]
pub fn week_ask(store: &Store, config: &Config, today: NaiveDate) -> Option<WeekAsk> {
    // Today's ritual is being walked: today is worked whatever the config says.
    if !crate::core::week::is_last_work_day(today, |d| works_on(store, config, today, d)) {
        return None;
    }
    Some(week_ask_any(store, today))
}

/// The week step's questions on any day (the CLI's `--one-thing` and
/// `--happened` may be given before the week's last work day).
#[must_use]
pub fn week_ask_any(store: &Store, today: NaiveDate) -> WeekAsk {
    let week = WeekId::of(today);
    let last_week = crate::core::week::week_to_ask(week, |w| one_thing_state(&store.load_week(w)));
    let prev = store.load_week(last_week);
    let this = store.load_week(week);
    let mut problems = Vec::new();
    let last_writable = note_writable(store, last_week, &prev, &mut problems);
    let this_writable = note_writable(store, week, &this, &mut problems);
    WeekAsk {
        week,
        last_week,
        last_one_thing: prev.note().and_then(|n| n.one_thing()).map(str::to_string),
        happened: prev.note().and_then(|n| n.happened),
        recorded: this.note().and_then(|n| n.one_thing()).map(str::to_string),
        typed: None,
        answered: false,
        last_writable,
        this_writable,
        problems,
    }
}

/// The week step's heading for the asked one thing: last week's, or an
/// earlier week's named by its number.
#[must_use]
pub fn last_label(w: &WeekAsk) -> String {
    if w.asks_earlier_week() {
        t!("ritual.week.last_of", week = w.last_week.week)
    } else {
        t!("ritual.week.last")
    }
}

/// What `kot shutdown` says of the answer given, naming an earlier week.
#[must_use]
pub fn happened_said(plan: &WeekPlan, yes: bool) -> String {
    let earlier = plan.last_week != plan.week.prev();
    match (earlier, yes) {
        (false, true) => t!("cli.shutdown.happened_yes"),
        (false, false) => t!("cli.shutdown.happened_no"),
        (true, true) => t!("cli.shutdown.happened_yes_of", week = plan.last_week.week),
        (true, false) => t!("cli.shutdown.happened_no_of", week = plan.last_week.week),
    }
}

/// What a week's file says about its one thing, for the look back.
fn one_thing_state(load: &crate::store::week::WeekLoad) -> crate::core::week::OneThingState {
    use crate::core::week::OneThingState as S;
    use crate::store::week::WeekLoad;
    match load {
        WeekLoad::Missing => S::None,
        WeekLoad::Corrupt(_) => S::Unreadable,
        WeekLoad::Ok(n) if !n.writable() => S::Unreadable,
        WeekLoad::Ok(n) => match (n.one_thing(), n.happened) {
            (None, _) => S::None,
            (Some(_), None) => S::Unanswered,
            (Some(_), Some(_)) => S::Answered,
        },
    }
}

/// Whether a week's note can be written; why not into `problems` (a file
/// that does not read, or a newer kot's): never written over.
fn note_writable(
    store: &Store,
    week: WeekId,
    load: &crate::store::week::WeekLoad,
    problems: &mut Vec<String>,
) -> bool {
    use crate::store::week::WeekLoad;
    let problem = match load {
        WeekLoad::Missing => None,
        WeekLoad::Ok(n) if n.writable() => None,
        WeekLoad::Ok(n) => Some(StoreError::NewerSchema {
            path: store.week_path(week),
            schema: n.schema,
        }),
        WeekLoad::Corrupt(c) => Some(StoreError::Corrupt(c.clone())),
    };
    match problem {
        Some(e) => {
            problems.push(e.message());
            false
        }
        None => true,
    }
}

/// Write the week step's answers: this week's one thing into this week's
/// note, whether the asked week's happened into that week's (last week's,
/// or an earlier one left unanswered). Setting is
/// idempotent, so a retry does nothing twice.
///
/// # Errors
/// A note cannot be read or written.
pub fn write_week(store: &Store, plan: &WeekPlan) -> Result<(), StoreError> {
    if let Some(text) = &plan.one_thing {
        store.update_week(plan.week, vec![WeekOp::SetOneThing(text.clone())])?;
    }
    if let Some(yes) = plan.happened {
        store.update_week(plan.last_week, vec![WeekOp::SetHappened(yes)])?;
    }
    Ok(())
}

/// What a finished ritual wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct Finished {
    pub today: Day,
    pub next: Option<Day>,
    pub worked: Worked,
}

impl Finished {
    /// When the shutdown was recorded (`17:42`) and how punctual it was, in
    /// the user's words: the CLI and the TUI say the same.
    #[must_use]
    pub fn when_and_how(&self, config: &Config) -> (String, String) {
        let how = coach(config, &self.today)
            .punctuality()
            .map(|p| t!(&format!("ritual.punctuality.{}", p.name())))
            .unwrap_or_default();
        let at = self
            .today
            .shutdown
            .at
            .map(|t| local_hm(t.to_utc()))
            .unwrap_or_default();
        (at, how)
    }
}

/// Write a finished ritual, each part only after the one before worked:
/// today's done tasks, the carry (its target first, see `Store::carry`), the
/// next day's top 3 and first task, the week's notes, then the shutdown at `at` with the day's
/// totals. A failure leaves what was written consistent, and running it again
/// does nothing twice.
///
/// # Errors
/// A file cannot be read or written; the message says which.
pub fn finish(
    store: &Store,
    config: &Config,
    plan: &RitualPlan,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Finished, StoreError> {
    let date = plan.date;
    let mut ops = plan.today_ops();
    // A break under way ends with the day.
    let day = store
        .load_day(date)
        .day_or_new(date)
        .unwrap_or_else(|| Day::new(date));
    if let Ok(op) = coach(config, &day).end_break(at) {
        ops.push(DayOp::Coach(op));
    }
    store.update_day_all(date, ops)?;
    let choices: Vec<CarryChoice> = plan
        .carry
        .iter()
        .map(|(id, carry)| CarryChoice {
            id: *id,
            carry: *carry,
        })
        .collect();
    let mut next = None;
    if !choices.is_empty() {
        next = Some(store.carry(date, plan.next_day, &choices)?.0);
    }
    // After a carry too: a carried top task stays top only when picked.
    if !plan.top.is_empty() || plan.first.is_some() || !choices.is_empty() {
        let (day, _) = store.update_day_with(plan.next_day, |d| {
            plan.next_day_ops(d).map_err(StoreError::Refused)
        })?;
        next = Some(day);
    }
    if let Some(week) = &plan.week {
        write_week(store, week)?;
    }
    let steps = plan.steps.clone();
    let next_day = Some(plan.next_day).filter(|_| next.is_some() || !plan.carry.is_empty());
    let next_top = next
        .as_ref()
        .map(|d| d.top_tasks().map(|t| t.id).collect())
        .unwrap_or_default();
    let (today, worked) = complete(store, config, date, at, now, steps, (next_day, next_top))?;
    Ok(Finished {
        today,
        next,
        worked,
    })
}

/// Record the shutdown of `date` at `at` with its totals (also a correction,
/// `kot shutdown --at`). Evening work under way ends there too.
///
/// # Errors
/// The day cannot be read or written.
pub fn complete(
    store: &Store,
    config: &Config,
    date: NaiveDate,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
    steps: Vec<String>,
    (next_day, next_top): (Option<NaiveDate>, Vec<TaskId>),
) -> Result<(Day, Worked), StoreError> {
    let mut worked = Worked::default();
    let (day, _) = store.update_day_with(date, |day| {
        worked = totals(config, day, at, now);
        Ok::<_, StoreError>(vec![DayOp::CompleteShutdown {
            at: local_stamp(at),
            worked_minutes: worked.worked_minutes,
            overtime_minutes: worked.overtime_minutes,
            steps,
            next_day,
            next_top,
        }])
    })?;
    Ok((day, worked))
}

/// A day with no check-in, told in the evening: it was worked from `from`
/// to `until`. Records the check-in at `from` (home, unless a place was
/// chosen) and the shutdown at `until` with its totals, as `kot shutdown
/// --at` does.
///
/// # Errors
/// The day cannot be written.
pub fn worked_from_to(
    store: &Store,
    config: &Config,
    date: NaiveDate,
    (from, until): (DateTime<Utc>, DateTime<Utc>),
    now: DateTime<Utc>,
) -> Result<(Day, Worked), StoreError> {
    let mut worked = Worked::default();
    let (day, _) = store.update_day_with(date, |day| {
        let mut ops = Vec::new();
        if day.place.is_none() {
            ops.push(DayOp::SetPlace {
                place: Some(crate::core::day::Place::Home),
                extra_work: config
                    .workday
                    .extra_work(date, crate::core::day::Place::Home),
            });
        }
        ops.push(DayOp::FinishCheckin {
            at: local_stamp(from),
            feeling: None,
        });
        let mut after = day.clone();
        for op in &ops {
            after.apply(op.clone()).map_err(StoreError::Refused)?;
        }
        worked = totals(config, &after, until, now);
        ops.push(DayOp::CompleteShutdown {
            at: local_stamp(until),
            worked_minutes: worked.worked_minutes,
            overtime_minutes: worked.overtime_minutes,
            steps: Vec::new(),
            next_day: None,
            next_top: Vec::new(),
        });
        Ok::<_, StoreError>(ops)
    })?;
    Ok((day, worked))
}

/// The day's worked time and overtime with work ending at `last`.
#[must_use]
pub fn totals(config: &Config, day: &Day, last: DateTime<Utc>, now: DateTime<Utc>) -> Worked {
    coach(config, day)
        .work_span(last, now)
        .map_or(Worked::default(), |s| s.worked())
}

/// How many day files `previous_work_day` looks back through at most.
const LOOK_BACK_FILES: usize = 31;

/// The last day before `date` with a file, passing over quiet days with
/// nothing left on them: off, sick, a holiday or a free day, with no work
/// recorded and no open task (a run of `kot off` days must not hide the
/// work day before it from the next morning). An unreadable file ends the
/// search there, so the caller can say so.
#[must_use]
pub fn previous_work_day(store: &Store, config: &Config, date: NaiveDate) -> Option<NaiveDate> {
    let mut d = date;
    for _ in 0..LOOK_BACK_FILES {
        d = store.previous_day_with_file(d)?;
        match store.load_day(d) {
            DayLoad::Ok(day) if passed_over(config, &day) => {}
            _ => return Some(d),
        }
    }
    None
}

fn passed_over(config: &Config, day: &Day) -> bool {
    ritual_kind(config, day) != RitualKind::Full
        && !crate::core::days_off::has_work(day)
        && day.unfinished().next().is_none()
}

/// The last work day before `today` whose shutdown was forgotten, if any:
/// the last work day with a file (`previous_work_day`), when it had work and
/// no shutdown. Reads only.
#[must_use]
pub fn forgotten_day(store: &Store, config: &Config, today: NaiveDate) -> Option<Day> {
    let date = previous_work_day(store, config, today)?;
    let DayLoad::Ok(day) = store.load_day(date) else {
        return None;
    };
    let work_day = config.workday.is_work_day(date);
    rules::forgotten(&day, work_day).then_some(day)
}

/// kot's guess of when a day whose shutdown was forgotten stopped
/// (`Coach::last_work`), which the morning check-in offers.
#[must_use]
pub fn missed_end(config: &Config, day: &Day) -> Option<DateTime<Utc>> {
    coach(config, day).last_work()
}

/// Record `[shutdown] missed = true` in the previous work day when its
/// shutdown was forgotten, with its totals up to `stopped` (the user's
/// answer to "When did you stop yesterday?"), else up to the last sign of
/// work. The morning check-in calls this (then offers that day's open tasks
/// through its carry step); returns the day as written.
///
/// # Errors
/// The day cannot be written.
pub fn mark_missed(
    store: &Store,
    config: &Config,
    today: NaiveDate,
    stopped: Option<crate::core::time::TimeOfDay>,
    now: DateTime<Utc>,
) -> Result<Option<Day>, StoreError> {
    let Some(day) = forgotten_day(store, config, today) else {
        return Ok(None);
    };
    // A time typed is the day's end told afterwards: recorded as such
    // (`[shutdown] corrected_end`), so `kot day`, the look-back and the
    // timeline say the end the totals were counted to. One the correction
    // refuses (before the day's start) counts as before, up to that time.
    if let Some(t) = stopped {
        let told = (None, Some(t));
        if super::correction::check(config, &day, told, today, now).is_ok() {
            let (day, _) = super::correction::correct(store, config, day.date, told, today, now)?;
            return Ok(Some(day));
        }
    }
    let (day, _) = store.update_day_with(day.date, |d| {
        let c = coach(config, d);
        let last = stopped
            .map(|t| c.at_on_the_day(t, config.workday.day_starts))
            .or_else(|| c.last_work())
            .unwrap_or(now);
        let w = totals(config, d, last, now.max(last));
        Ok::<_, StoreError>(vec![DayOp::MarkShutdownMissed {
            worked_minutes: w.worked_minutes,
            overtime_minutes: w.overtime_minutes,
        }])
    })?;
    Ok(Some(day))
}

/// Start evening work at `at` (none runs yet).
///
/// # Errors
/// The day cannot be written.
pub fn start_evening(store: &Store, date: NaiveDate, at: DateTime<Utc>) -> Result<Day, StoreError> {
    Ok(store
        .update_day(
            date,
            DayOp::StartEvening {
                at: local_stamp(at),
            },
        )?
        .0)
}

/// End the evening work under way at `at`, or record one from `start` to
/// `end` told afterwards (`kot work --at --until`); the day's totals follow.
///
/// # Errors
/// The day cannot be written.
pub fn close_evening(
    store: &Store,
    config: &Config,
    date: NaiveDate,
    span: Option<(DateTime<Utc>, DateTime<Utc>)>,
    at: DateTime<Utc>,
) -> Result<(Day, Worked), StoreError> {
    let mut worked = Worked::default();
    let (day, _) = store.update_day_with(date, |day| {
        let op = match span {
            Some((start, end)) => DayOp::AddEvening {
                start: local_stamp(start),
                end: local_stamp(end),
            },
            None => DayOp::EndEvening {
                at: local_stamp(at),
            },
        };
        let mut after = day.clone();
        after.apply(op.clone()).map_err(StoreError::Refused)?;
        let last = coach(config, &after).last_work().unwrap_or(at);
        worked = totals(config, &after, last, at);
        Ok::<_, StoreError>(vec![
            op,
            DayOp::SetWorked {
                worked_minutes: worked.worked_minutes,
                overtime_minutes: worked.overtime_minutes,
            },
        ])
    })?;
    Ok((day, worked))
}

/// What became of `[shutdown] on_complete`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ran {
    /// None is set.
    Nothing,
    /// It ran and ended well.
    Done,
    /// It was still running after the wait (a screen locker that stays in
    /// the foreground): it runs on, detached, and is never killed.
    RunsOn { seconds: u16 },
}

/// Run `[shutdown] on_complete` as an argument list, never through a shell,
/// waiting at most `wait_seconds`.
///
/// It gets no terminal: its own session (so closing the terminal or quitting
/// kot does not end it, and it cannot write over kot's screen through
/// `/dev/tty`), stdin from `/dev/null`, its output kept in an unnamed file
/// (only the user can read it, gone with the last handle) whose last lines
/// explain a failure.
///
/// # Errors
/// It could not start or ended in failure: the message says how.
pub fn run_on_complete(argv: &[String], wait_seconds: u16) -> Result<Ran, String> {
    use std::os::unix::process::CommandExt as _;
    let Some((program, args)) = argv.split_first() else {
        return Ok(Ran::Nothing);
    };
    let failed_start = |e: std::io::Error| {
        t!(
            "ritual.on_complete_failed_start",
            program = program,
            error = e
        )
    };
    let log = tempfile::tempfile().map_err(failed_start)?;
    let mut command = std::process::Command::new(program);
    command
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(log.try_clone().map_err(failed_start)?)
        .stderr(log.try_clone().map_err(failed_start)?);
    // SAFETY: setsid is async-signal-safe and touches no memory of ours.
    unsafe {
        command.pre_exec(|| {
            if libc::setsid() == -1 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = command.spawn().map_err(failed_start)?;
    // A thread waits so the child is reaped whenever it ends, also after
    // kot stopped waiting; once kot exits, init reaps it.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait());
    });
    let status = match rx.recv_timeout(std::time::Duration::from_secs(u64::from(wait_seconds))) {
        Ok(status) => status.map_err(failed_start)?,
        Err(_) => {
            return Ok(Ran::RunsOn {
                seconds: wait_seconds,
            });
        }
    };
    if status.success() {
        return Ok(Ran::Done);
    }
    let said = last_lines(log, 3);
    let name = program_name(program);
    Err(if said.is_empty() {
        t!("ritual.on_complete_failed", program = name, status = status)
    } else {
        t!(
            "ritual.on_complete_failed_said",
            program = name,
            status = status,
            said = said
        )
    })
}

/// The last `n` non-empty lines a command wrote, joined by ` · `, escaped
/// for a terminal and cut to a banner's length.
fn last_lines(mut log: std::fs::File, n: usize) -> String {
    use std::io::{Read as _, Seek as _, SeekFrom};
    const TAIL: u64 = 4096;
    let len = log.seek(SeekFrom::End(0)).unwrap_or(0);
    let _ = log.seek(SeekFrom::Start(len.saturating_sub(TAIL)));
    let mut bytes = Vec::new();
    let _ = log.take(TAIL).read_to_end(&mut bytes);
    let text = String::from_utf8_lossy(&bytes);
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let tail = lines[lines.len().saturating_sub(n)..].join(" · ");
    let safe = crate::core::text::display_safe(&tail);
    safe.chars().take(300).collect()
}

/// The program's file name: a banner has no room for the whole path.
fn program_name(program: &str) -> String {
    std::path::Path::new(program)
        .file_name()
        .map_or_else(|| program.to_owned(), |n| n.to_string_lossy().into_owned())
}

/// Say what became of `on_complete` when it was left running.
#[must_use]
pub fn runs_on_said(argv: &[String], seconds: u16) -> String {
    t!(
        "ritual.on_complete_runs_on",
        program = argv.first().map(|p| program_name(p)).unwrap_or_default(),
        seconds = seconds
    )
}

/// `off since 17:42`.
#[must_use]
pub fn off_since(since: DateTime<Utc>) -> String {
    t!("ritual.off_since", time = local_hm(since))
}
