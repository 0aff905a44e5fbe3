//! What the Week screen asks of the event loop, and the loop's side of it:
//! the days of the weeks drawn (`review::load`) and the week's note, read
//! when the week shown changes or a file changes; never while drawing.

use super::{Loaded, Showing};
use crate::clock::Zone;
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
    let history = crate::review::load(store, &app.config, &Zone, from, to, app.date);
    Loaded {
        days: history.days,
        note: Some(store.load_week(WeekId::of(showing.anchor))),
        problems: history.problems.len(),
        today: Some(app.date),
    }
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
