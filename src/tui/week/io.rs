//! What the Week screen asks of the event loop, and the loop's side of it:
//! the days of the weeks drawn (`review::load_at`) and the week's note, read
//! when the week shown changes or a file changes; never while drawing.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};

use super::{Loaded, Showing};
use crate::clock::Zone;
use crate::core::review::DayFacts;
use crate::core::week::WeekId;
use crate::store::Store;
use crate::tui::app::App;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WeekCmd {
    /// Read what `Showing` draws.
    Load(Showing),
}

/// Run one command of the Week screen.
pub fn run(store: &Store, app: &mut App, cmd: &WeekCmd) {
    match cmd {
        WeekCmd::Load(showing) => {
            let loaded = read(store, app, *showing);
            app.week_loaded(*showing, loaded);
        }
    }
}

/// What `showing` draws, read from the store.
#[must_use]
pub fn read(store: &Store, app: &App, showing: Showing) -> Loaded {
    let (from, to) = showing.history_range(app.date);
    let (days, unreadable) = history(store, &app.config, from, to, app.date, app.now);
    let unreadable = unreadable
        .into_iter()
        .map(|p| {
            p.strip_prefix(store.root())
                .map_or(p.clone(), Path::to_path_buf)
        })
        .collect();
    let week = WeekId::of(showing.anchor);
    Loaded {
        days,
        note: Some(store.load_week(week)),
        prev_note: Some(store.load_week(week.prev())),
        unreadable,
        today: Some(app.date),
    }
}

/// The facts of every date from `from` to `to` (today's work counted up
/// to `now`) and the files that could not be read (left out).
#[must_use]
pub fn history(
    store: &Store,
    config: &crate::config::Config,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> (Vec<DayFacts>, Vec<PathBuf>) {
    let history = crate::review::load_at(store, config, &Zone, from, to, today, Some(now));
    (history.days, history.unreadable)
}

/// The line for the check-in of the week's first work day (Monday, or
/// Tuesday when Monday is a holiday, off or not worked): the one thing to
/// change this week, chosen in last week's shutdown. `None` on other days
/// or without one.
#[must_use]
pub fn week_start_one_thing(
    store: &Store,
    config: &crate::config::Config,
    date: NaiveDate,
) -> Option<String> {
    if !crate::coach_runtime::shutdown::opens_the_week(store, config, date) {
        return None;
    }
    let load = store.load_week(WeekId::of(date).prev());
    load.note().and_then(|n| n.one_thing()).map(str::to_string)
}

/// Read again after a change on disk, when the screen is shown (else it
/// is read when it is next shown).
pub fn reload(store: &Store, app: &mut App) {
    if app.screen != crate::tui::keymap::Screen::Week {
        return;
    }
    if let Some(showing) = app.week.showing {
        run(store, app, &WeekCmd::Load(showing));
    }
}
