//! The terminal interface and its event loop. The loop sleeps until a key, a
//! file change, a signal or the next visible change (the clock's minute, the day
//! turning) and draws only when something on screen changed.

pub mod app;
pub mod banner;
pub mod checkin;
pub mod coach;
pub mod commute;
pub mod correct;
pub mod display;
pub mod drafts;
pub mod effect;
pub mod evening;
pub mod evening_view;
pub mod input;
pub mod journal;
pub mod keymap;
pub mod lookback;
pub mod msg;
pub mod pending;
pub mod popup;
pub mod ritual;
pub mod terminal;
pub mod theme;
pub mod today;
pub mod view;
pub mod week;
pub mod widgets;

use std::io::{self, IsTerminal};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};

use chrono::{DateTime, Datelike, DurationRound, NaiveDate, TimeDelta, Utc};

use self::app::{App, Cmd, Msg};
use self::display::{Display, SizeCell};
use self::pending::Pending;
use crate::clock::Zone;
use crate::coach_runtime::{self, Runner};
use crate::context::Context;
use crate::core::coach::CoachState;
use crate::core::day::Day;
use crate::core::time::TimeOfDay;
use crate::error::{CmdResult, Failure};
use crate::store::{Corrupt, DayLoad, Store, StoreError, watch};
use crate::t;

/// Run the TUI until the user quits.
///
/// # Errors
/// No terminal, kot already open on this data directory, or a terminal error.
pub fn run(mut ctx: Context) -> CmdResult {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        return Err(Failure(t!("tui.no_tty")));
    }
    let read_only_at = ctx.store.read_only_for(ctx.today());
    let read_only = read_only_at.is_some();
    let _instance = ctx.store.hold_instance_unless_read_only(read_only)?;
    // The loop must never block on another process's write: edits that find
    // the lock taken are kept and tried again (see `pending`).
    ctx.store.set_wait(std::time::Duration::ZERO, None);
    if !read_only {
        ctx.store.clean_stray_temps();
        crate::editor::sweep_orphans(&ctx.store);
    }

    let date = ctx.today();
    let (load, previous, previous_unreadable) = load_days(&ctx, date);
    let mut app = App::new(ctx.config.clone(), date, load, previous);
    app.opened_at(ctx.clock.now());
    app.previous_unreadable = previous_unreadable;
    app.input_drafts = ctx
        .store
        .drafts_under(popup::input::INPUT_DRAFT)
        .into_iter()
        .map(|(key, d)| (key, d.text))
        .collect();
    app.one_thing = week::io::week_start_one_thing(&ctx.store, &app.config, date);
    announce_config(&ctx, &mut app);
    if let Some(dir) = read_only_at {
        app.set_read_only(t!("tui.read_only", dir = dir.display()));
    }
    load_nudge(&ctx, &mut app);

    let (tx, rx) = mpsc::channel();
    let size = SizeCell::default();
    let input = input::Input::spawn(tx.clone(), size.clone());
    let sources = crate::events::start(&ctx.store, ctx.config.notifications.enabled, &tx);
    let notifier = sources.notifier;
    let mut runner = Runner::new(ctx.clock.now(), ctx.clock.scale(), Box::new(notifier));

    terminal::enter().map_err(|e| Failure(t!("tui.terminal_error", error = e)))?;
    let _guard = terminal::test_panic(terminal::Guard);
    let theme = theme::Theme::from_env();
    // The size once now; later only from a resize (the key reader sets it).
    let (cols, rows) = ratatui::crossterm::terminal::size()
        .map_err(|e| Failure(t!("tui.terminal_error", error = e)))?;
    size.set(cols, rows);
    let out = io::BufWriter::with_capacity(1 << 16, io::stdout());
    let mut term =
        Display::new(out, size).map_err(|e| Failure(t!("tui.terminal_error", error = e)))?;
    let mut pending = Pending::default();
    let result = event_loop(
        &ctx,
        &mut app,
        &mut term,
        &rx,
        &tx,
        &mut runner,
        &mut pending,
        theme,
        &input,
    )
    .map_err(|e| Failure(t!("tui.terminal_error", error = e)));
    // Whatever ended the loop (q, Ctrl-C, a signal, a terminal error), typed
    // text is kept before anything else, and said once the terminal is back.
    let kept = keep_unsaved(&ctx.store, &mut app);
    terminal::remember_unsaved(Vec::new());
    terminal::leave();
    for line in kept {
        crate::cli::out::warn(&line);
    }
    runner.close_notices();
    if app.read_only.is_none() {
        runner.stop(&ctx.store, app.date, ctx.clock.now());
    }
    result?;
    if pending.is_empty() {
        Ok(())
    } else {
        let n = i64::try_from(pending.len()).unwrap_or(i64::MAX);
        Err(Failure(crate::i18n::plural("tui.not_saved", n, &[])))
    }
}

/// Keep every text typed and not saved (the journal editor's, an open
/// input's) as its draft; the lines that tell the user. When even the draft
/// cannot be written, the line carries the text itself.
fn keep_unsaved(store: &Store, app: &mut App) -> Vec<String> {
    app.unsaved()
        .into_iter()
        .map(|(key, draft)| {
            let path = store.draft_path(&key);
            let written = store.keep_draft(&key, &draft).map(drop);
            terminal::kept_line(written, &path, &draft)
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn event_loop(
    ctx: &Context,
    app: &mut App,
    term: &mut Display<io::BufWriter<io::Stdout>>,
    rx: &Receiver<Msg>,
    tx: &Sender<Msg>,
    runner: &mut Runner,
    pending: &mut Pending,
    theme: theme::Theme,
    input: &input::Input,
) -> io::Result<()> {
    let mut watch: Option<((i32, bool), watch::Watch)> = None;
    let mut days = DayClock::default();
    let mut drafts = drafts::Keeper::default();
    loop {
        let now = ctx.clock.now();
        // By the config as it is now: day_starts may have been edited.
        let today = days.date_at(now, app.config.workday.day_starts);
        if today != app.date {
            let (load, previous, unreadable) = load_days(ctx, today);
            app.new_day(today, load, previous, unreadable);
            load_nudge(ctx, app);
            app.one_thing = week::io::week_start_one_thing(&ctx.store, &app.config, today);
        }
        pending.flush(&ctx.store, app);
        let draft_due = drafts.update(&ctx.store, app);
        app.now = now;
        // Before anything is shown, so no outside change can slip in between;
        // again when the year's directory changes or first appears. Three
        // directories, never the whole history: it costs the same after years.
        // Once the year's directory is watched it stays; only look for it
        // (a stat) while it is missing or the year changed.
        let settled = watch
            .as_ref()
            .is_some_and(|((y, present), _)| *present && *y == app.date.year());
        let key = if settled {
            (app.date.year(), true)
        } else {
            let present = ctx
                .store
                .day_path(app.date)
                .parent()
                .is_some_and(std::path::Path::is_dir);
            (app.date.year(), present)
        };
        if watch.as_ref().is_none_or(|(k, _)| *k != key) {
            let restarted = watch.is_some();
            watch = Some((key, start_watch(&ctx.store, app.date, tx.clone())));
            // What was written before the new watch existed: read it now.
            if restarted {
                run_cmd(ctx, app, runner, pending, Cmd::Reload);
            }
        }
        let coach_blocked = coach_poll(ctx, app, runner, pending, now);
        for cmd in app.take_outbox() {
            run_loop_cmd(ctx, app, runner, pending, cmd, tx);
        }
        ritual::io::load_next_day(&ctx.store, app);
        if app.take_dirty() {
            app.take_ticked();
            let moment = view::Moment::with_state(&Zone, now, app, app.coach_state());
            term.full(app, &moment, theme)?;
        } else if app.take_ticked() {
            let coach = app.coach_state();
            let moment = || view::Moment::with_state(&Zone, now, app, coach);
            term.tick(app, now, coach, theme, moment)?;
        }
        // While another process holds the write lock, try again soon: no
        // file event may say when it lets go (`flock … sleep 15` writes nothing).
        let turn = days.turn(&app.config, app.date);
        let timeout = if pending.is_empty() && !coach_blocked {
            runner.sleep_for(ctx.clock.as_ref(), now, turn, Some(next_visible(now, app)))
        } else {
            pending::RETRY_EVERY
        };
        let timeout = draft_due.map_or(timeout, |d| timeout.min(d));
        let wake = runner
            .deadline(now)
            .map_or(turn, |d| d.min(turn))
            .min(next_visible(now, app));
        // The seconds of a countdown, up to the first instant anything but
        // its digits may change: the coach's deadline, the day turning, the
        // coach's state (`Coach::steady_until`) or the minute (a full frame).
        let steady = (pending.is_empty() && !coach_blocked && term.counting()).then(|| {
            let minute =
                now.duration_trunc(TimeDelta::minutes(1)).unwrap_or(now) + TimeDelta::minutes(1);
            [runner.deadline(now), Some(turn), Some(app.steady_until())]
                .into_iter()
                .flatten()
                .fold(minute, DateTime::min)
        });
        let waited = Wait {
            timeout,
            wake,
            turn,
            steady,
        };
        let Some(first) = next_msg(ctx, app, term, rx, runner, theme, waited)? else {
            continue;
        };
        // Handle everything already queued before drawing once, as yazi does.
        for msg in std::iter::once(first).chain(rx.try_iter()) {
            for cmd in app.update(msg, ctx.clock.now()) {
                // The journal's commands may hand the terminal to the editor.
                if let Cmd::Journal(j) = cmd {
                    journal::io::run(ctx, app, pending, j, input, term);
                    continue;
                }
                if !run_loop_cmd(ctx, app, runner, pending, cmd, tx) {
                    return Ok(());
                }
            }
        }
    }
}

/// How the loop waits: `timeout` in real time for the clock to reach `wake`,
/// and until `steady` a wake is only a second of a countdown.
struct Wait {
    timeout: std::time::Duration,
    wake: DateTime<Utc>,
    turn: DateTime<Utc>,
    steady: Option<DateTime<Utc>>,
}

/// The next message, or `None` to look at everything again (an early wake,
/// or the last steady second). A wake with nothing said is a tick; before
/// `steady` it is a second of a countdown and nothing else, drawn here: the
/// coach, the files and the day have nothing due before then, and a second
/// that asks none of them wakes little more than the terminal.
fn next_msg(
    ctx: &Context,
    app: &App,
    term: &mut Display<io::BufWriter<io::Stdout>>,
    rx: &Receiver<Msg>,
    runner: &mut Runner,
    theme: theme::Theme,
    mut wait: Wait,
) -> io::Result<Option<Msg>> {
    loop {
        match rx.recv_timeout(wait.timeout) {
            Ok(m) => return Ok(Some(m)),
            Err(RecvTimeoutError::Disconnected) => return Ok(Some(Msg::Quit)),
            Err(RecvTimeoutError::Timeout) => {}
        }
        let now = ctx.clock.now();
        if now < wait.wake {
            return Ok(None);
        }
        let Some(steady) = wait.steady.filter(|s| now < *s) else {
            return Ok(Some(Msg::Tick));
        };
        // The state the last full look found, still so until `steady`.
        let coach = app.coach_state();
        term.tick(app, now, coach, theme, || {
            view::Moment::with_state(&Zone, now, app, coach)
        })?;
        let next = next_visible(now, app);
        if next >= steady {
            return Ok(None);
        }
        wait.timeout = runner.sleep_for(ctx.clock.as_ref(), now, wait.turn, Some(next));
        wait.wake = next;
    }
}

/// The kot date and the instant the day turns, worked out again only when
/// what they depend on changes: each second of a countdown would otherwise
/// look the local time up twice.
#[derive(Default)]
struct DayClock {
    /// The date for a minute of the clock and `day_starts`: a date changes
    /// only with the local minute, and zones differ from UTC by whole minutes.
    date: Option<((DateTime<Utc>, TimeOfDay), NaiveDate)>,
    /// The day turn for a date and `day_starts`, within the minute.
    turn: Option<((NaiveDate, TimeOfDay), DateTime<Utc>)>,
}

impl DayClock {
    fn date_at(&mut self, now: DateTime<Utc>, day_starts: TimeOfDay) -> NaiveDate {
        let key = (
            now.duration_trunc(TimeDelta::minutes(1)).unwrap_or(now),
            day_starts,
        );
        match self.date {
            Some((k, date)) if k == key => date,
            _ => {
                let date = crate::core::workday::kot_date_at(&Zone, now, day_starts);
                self.date = Some((key, date));
                // A new minute: the zone may have changed (the machine moved).
                self.turn = None;
                date
            }
        }
    }

    fn turn(&mut self, config: &crate::config::Config, date: NaiveDate) -> DateTime<Utc> {
        let key = (date, config.workday.day_starts);
        match self.turn {
            Some((k, turn)) if k == key => turn,
            _ => {
                let turn = coach_runtime::day_turn(config, date);
                self.turn = Some((key, turn));
                turn
            }
        }
    }
}

/// Let the coach catch up with `now`: record prompts, send notices, ring the
/// bell, and show the newest prompt in the banner.
/// Nothing while the check-in is open (the day has not begun), the day's
/// file cannot be read or nothing can be written. Returns whether another
/// process held the write lock (the coach tries again on the next wake).
fn coach_poll(
    ctx: &Context,
    app: &mut App,
    runner: &mut Runner,
    pending: &mut Pending,
    now: DateTime<Utc>,
) -> bool {
    if app.checkin.is_some() || app.unreadable().is_some() || app.read_only.is_some() {
        return false;
    }
    match runner.poll_revision(&ctx.store, &app.config, &app.day, Some(app.revision()), now) {
        Ok(polled) => {
            let bell = app.config.notifications.bell || app.notifier_down;
            if bell && polled.prompts.iter().any(coach_runtime::rings) {
                use std::io::Write as _;
                let _ = io::stdout().write_all(b"\x07");
                let _ = io::stdout().flush();
            }
            // "Time to shut down" opens the ritual: its reads, here.
            for cmd in app.coach_ticked(polled) {
                run_cmd(ctx, app, runner, pending, cmd);
            }
            false
        }
        Err(StoreError::Busy { .. }) => true,
        Err(e) => {
            app.set_caused_banner(e.message(), true, app::BannerCause::CoachWrite);
            false
        }
    }
}

/// Run one command the loop itself must run (it holds the channel a
/// thread reports back on), or hand it to `run_cmd`; `false` means quit.
fn run_loop_cmd(
    ctx: &Context,
    app: &mut App,
    runner: &mut Runner,
    pending: &mut Pending,
    cmd: Cmd,
    tx: &Sender<Msg>,
) -> bool {
    if cmd == Cmd::RunOnComplete {
        let s = &app.config.shutdown;
        ritual::io::run_on_complete(
            s.on_complete.clone(),
            s.on_complete_wait_seconds,
            tx.clone(),
        );
        return true;
    }
    run_cmd(ctx, app, runner, pending, cmd)
}

/// Run one command; `false` means quit.
fn run_cmd(
    ctx: &Context,
    app: &mut App,
    runner: &mut Runner,
    pending: &mut Pending,
    cmd: Cmd,
) -> bool {
    match cmd {
        Cmd::Quit => return false,
        cmd @ (Cmd::Apply { .. }
        | Cmd::Intent { .. }
        | Cmd::Carry { .. }
        | Cmd::FinishRitual { .. }
        | Cmd::MarkMissed { .. }
        | Cmd::WorkedFromTo { .. }
        | Cmd::CorrectDay { .. }
        | Cmd::Evening { .. }) => {
            pending.push(&ctx.store, app, cmd);
        }
        Cmd::OpenRitual { by_user } => ritual::io::open(&ctx.store, app, by_user),
        Cmd::RefreshGlance => ritual::io::refresh_glance(&ctx.store, app),
        Cmd::LoadPrevious => {
            let (previous, unreadable) = load_previous(ctx, app.date);
            app.previous_loaded(previous, unreadable);
        }
        Cmd::LoadDay { date } => app.day_loaded(date, ctx.store.load_day(date)),
        Cmd::Reload => {
            let config = ctx.store.load_config().ok().map(|(c, _, _)| c);
            app.reloaded(ctx.store.load_day(app.date), config);
            if let Some(date) = app.other.as_ref().map(|o| o.date) {
                app.day_loaded(date, ctx.store.load_day(date));
            }
            journal::io::reload(&ctx.store, app);
            week::io::reload(&ctx.store, app);
            load_nudge(ctx, app);
        }
        Cmd::LoadNudge => load_nudge(ctx, app),
        Cmd::Nudge { date, rule, answer } => {
            if let Err(e) = crate::nudges::answer(&ctx.store, rule, answer, date) {
                app.set_banner(e.message(), true);
            }
        }
        Cmd::Week(c) => week::io::run(&ctx.store, app, &c),
        Cmd::CloseNotice(slot) => runner.notifier().close(slot),
        // The next poll (right after this) hears of it.
        Cmd::Lock(e) => runner.lock_event(e, ctx.clock.now()),
        // Run by the loop itself, which has the terminal (`event_loop`) and
        // the channel (`run_loop_cmd`).
        Cmd::Journal(_) | Cmd::RunOnComplete => {}
    }
    true
}

/// Today's nudge, worked out from the days on disk and `nudges.toml` (and
/// recorded as shown there, unless nothing can be written).
fn load_nudge(ctx: &Context, app: &mut App) {
    let write = app.read_only.is_none();
    let nudge = crate::nudges::of_today(&ctx.store, &app.config, &Zone, app.date, write);
    app.nudge_loaded(nudge);
}

/// The next instant the screen would show something new: the next second
/// while a break counts down, else the next minute of the clock. The coach's
/// deadline and the day turning are the runner's to add (`sleep_for`).
fn next_visible(now: DateTime<Utc>, app: &App) -> DateTime<Utc> {
    // A break's card and the walk home count seconds.
    let step = if matches!(app.coach_state(), CoachState::Break { .. }) || app.commute.is_some() {
        TimeDelta::seconds(1)
    } else {
        TimeDelta::minutes(1)
    };
    now.duration_trunc(step).unwrap_or(now) + step
}

type Unreadable = Option<(NaiveDate, Corrupt)>;

/// Today's file, and the last earlier day with a file when the check-in will
/// want to carry tasks from it (or what kept it from being read).
fn load_days(ctx: &Context, date: NaiveDate) -> (DayLoad, Option<Day>, Unreadable) {
    let load = ctx.store.load_day(date);
    // One more file, read always: the check-in (now, after a corrupt day is
    // fixed, or redone with `c`) may carry tasks from it.
    let (previous, unreadable) = load_previous(ctx, date);
    (load, previous, unreadable)
}

/// The last work day before `date` with a file (days off with nothing on
/// them passed over); when it cannot be read, the check-in says so instead
/// of silently offering nothing.
fn load_previous(ctx: &Context, date: NaiveDate) -> (Option<Day>, Unreadable) {
    let store = &ctx.store;
    let Some(d) = crate::coach_runtime::shutdown::previous_work_day(store, &ctx.config, date)
    else {
        return (None, None);
    };
    match store.load_day(d) {
        DayLoad::Ok(day) => (Some(day), None),
        DayLoad::Missing => (None, None),
        DayLoad::Corrupt(c) => (None, Some((d, c))),
    }
}

fn announce_config(ctx: &Context, app: &mut App) {
    if ctx.config_created {
        app.set_banner(
            t!(
                "tui.config_created",
                path = ctx.store.config_path().display()
            ),
            false,
        );
    }
    if let Some(first) = ctx.issues.first() {
        // The count and the pointer first: a long problem is cut at the
        // end of the line, never the way to see them all.
        let first = first.message(&ctx.store.config_path());
        let text = match ctx.issues.len() {
            1 => t!("tui.config_issue", first = first),
            n => t!("tui.config_issues", n = n, first = first),
        };
        app.set_banner(text, true);
    }
}

fn start_watch(store: &Store, date: NaiveDate, tx: Sender<Msg>) -> watch::Watch {
    let root = store.root().to_path_buf();
    let days = root.join("days");
    let year_dir = store
        .day_path(date)
        .parent()
        .map_or_else(|| days.clone(), std::path::Path::to_path_buf);
    let config = store.config_path();
    let changed: watch::Changed = Arc::new(move || {
        let _ = tx.send(Msg::FilesChanged);
    });
    // Only the directories a change can show up in: the config's, `days/` (a
    // new year) and this year's; never the whole history, so a start costs the
    // same after five years as on day one. The fallback stats the same places:
    // an atomic write renames into a directory, which changes its time.
    // The journal's tree too, for the Journal screen (`kot journal "…"`
    // from another terminal shows at once).
    let journal = root.join("journal");
    let journal_year = store
        .journal_path(date)
        .parent()
        .map_or_else(|| journal.clone(), std::path::Path::to_path_buf);
    // And the week notes' (the Week screen shows the week's one thing).
    let weeks = root.join("weeks");
    let weeks_year = store
        .week_path(crate::core::week::WeekId::of(date))
        .parent()
        .map_or_else(|| weeks.clone(), std::path::Path::to_path_buf);
    let dirs = vec![
        root,
        days,
        year_dir,
        journal,
        journal_year,
        weeks,
        weeks_year,
    ];
    let poll_dirs = dirs.clone();
    watch::start(&dirs, changed, move || {
        let mut v = poll_dirs.clone();
        v.push(config.clone());
        v
    })
}
