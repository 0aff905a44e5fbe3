//! The ritual's side of the event loop: opening it (the next work day and
//! the day's journal entry are read), writing the finished ritual, evening
//! work and a forgotten shutdown (through `Pending`: a busy lock hands back
//! its holder and the command is tried again), reading the next work day
//! for the evening view, and running `[shutdown] on_complete` on a thread
//! of its own so the loop never waits for it.

use std::sync::mpsc::Sender;

use chrono::{DateTime, NaiveDate, Utc};

use super::RitualRoom;
use crate::coach_runtime::shutdown as rt;
use crate::core::shutdown::ritual::RitualPlan;
use crate::store::{DayLoad, Store, StoreError};
use crate::tui::app::{App, Msg};

/// Read what the ritual needs and open it.
pub fn open(store: &Store, app: &mut App, by_user: bool) {
    let entry = store.load_entry(app.date).into_entry(app.date).ok();
    let week = rt::week_ask(store, &app.config, app.date);
    let room = rt::start(store, &app.config, &app.day, entry.is_some(), true)
        .map(|r| {
            let entry = entry.unwrap_or_else(|| crate::core::journal::Entry::new(app.date));
            match week {
                Some(ask) => {
                    let glance = week_glance(store, app);
                    RitualRoom::new(r.with_week(ask), entry).with_glance(glance)
                }
                None => RitualRoom::new(r, entry),
            }
        })
        .map(|mut room| {
            room.evening = room.evening.with_plan(Some(app.day.clone()));
            room
        })
        .map_err(|e| e.0);
    app.ritual_opened(room, by_user);
}

/// The ritual's week so far read again, once it was taken up
/// (`Cmd::RefreshGlance`).
pub fn refresh_glance(store: &Store, app: &mut App) {
    if app.ritual.as_ref().is_some_and(|r| r.glance.is_some()) {
        let glance = week_glance(store, app);
        if let Some(r) = app.ritual.as_mut() {
            r.glance = Some(glance);
        }
    }
}

/// The week so far (Monday to today, today's work up to now) in totals,
/// for the week step.
fn week_glance(store: &Store, app: &App) -> crate::core::review::Totals {
    let monday = crate::core::week::WeekId::of(app.date).monday();
    let (days, _) =
        crate::tui::week::io::history(store, &app.config, monday, app.date, app.date, app.now);
    crate::core::review::totals(&days)
}

/// `Some(holder)` when the lock was taken: nothing happened, try again.
fn busy<T>(result: &Result<T, StoreError>) -> Option<Option<u32>> {
    match result {
        Err(StoreError::Busy { holder, .. }) => Some(*holder),
        _ => None,
    }
}

/// Write the finished ritual (`coach_runtime::shutdown::finish`: running it
/// again after a busy lock does nothing twice).
pub fn finish(
    store: &Store,
    app: &mut App,
    plan: &RitualPlan,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Option<Option<u32>> {
    let result = rt::finish(store, &app.config, plan, at, now);
    if let Some(b) = busy(&result) {
        return Some(b);
    }
    app.ritual_finished(result);
    None
}

/// Record `missed = true` in the last work day before `today` when its
/// shutdown was forgotten.
pub fn mark_missed(
    store: &Store,
    app: &mut App,
    today: NaiveDate,
    stopped: Option<crate::core::time::TimeOfDay>,
    now: DateTime<Utc>,
) -> Option<Option<u32>> {
    let result = rt::mark_missed(store, &app.config, today, stopped, now);
    if let Some(b) = busy(&result) {
        return Some(b);
    }
    app.missed_marked(result);
    None
}

/// Work again after the shutdown (`start`), or the end of it.
pub fn evening(
    store: &Store,
    app: &mut App,
    date: NaiveDate,
    start: bool,
    at: DateTime<Utc>,
) -> Option<Option<u32>> {
    if start {
        let result = rt::start_evening(store, date, at);
        if let Some(b) = busy(&result) {
            return Some(b);
        }
        app.evening_started(result, at);
    } else {
        let result = rt::close_evening(store, &app.config, date, None, at);
        if let Some(b) = busy(&result) {
            return Some(b);
        }
        app.evening_ended(result, at);
    }
    None
}

/// The next work day as its file is now, for the evening view; read once
/// after each change (`App::next_day_stale`), only when off work.
pub fn load_next_day(store: &Store, app: &mut App) {
    if !app.next_day_stale || !app.is_off() {
        return;
    }
    app.next_day_stale = false;
    let date = app
        .day
        .shutdown
        .next_day
        .unwrap_or_else(|| rt::next_work_day(store, &app.config, app.date));
    app.next_day = match store.load_day(date) {
        DayLoad::Ok(d) => Some(d),
        _ => Some(crate::core::day::Day::new(date)),
    };
}

/// Run `[shutdown] on_complete` on a thread; its outcome comes back as a
/// message.
pub fn run_on_complete(argv: Vec<String>, wait_seconds: u16, tx: Sender<Msg>) {
    if argv.is_empty() {
        return;
    }
    std::thread::spawn(move || {
        let result = rt::run_on_complete(&argv, wait_seconds);
        let _ = tx.send(Msg::OnComplete(result));
    });
}
