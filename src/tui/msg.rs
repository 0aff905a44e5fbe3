//! What comes into the TUI (`Msg`) and what it asks of the event loop (`Cmd`).

use chrono::{DateTime, NaiveDate, Utc};
use ratatui::crossterm::event::KeyEvent;

use crate::coach_runtime::intent::Intent;
use crate::core::day::DayOp;
use crate::core::shutdown::ritual::RitualPlan;
use crate::events::logind::LockEvent;
use crate::store::CarryChoice;

/// What happened, from the terminal, the files or the clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    Resize,
    /// A file under the data directory changed on disk.
    FilesChanged,
    /// A deadline passed (the minute turned); nothing else happened.
    Tick,
    /// SIGTERM or SIGHUP.
    Quit,
    /// News from the desktop notifier.
    Notifier(crate::notice::Event),
    /// The login session locked or unlocked (the loop hands it to the coach).
    Lock(LockEvent),
    /// `[shutdown] on_complete` ran: whether there was one, or how it failed.
    OnComplete(Result<crate::coach_runtime::shutdown::Ran, String>),
}

impl From<crate::events::Outside> for Msg {
    fn from(o: crate::events::Outside) -> Self {
        use crate::events::Outside;
        match o {
            Outside::Stop => Self::Quit,
            Outside::Notifier(e) => Self::Notifier(e),
            Outside::Lock(e) => Self::Lock(e),
        }
    }
}

/// Why an edit is sent, which decides whether `u` can undo it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Edit,
    Undo,
    /// Recorded, not undone with `u`: check-in answers and the coach's records.
    Record,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cmd {
    Apply {
        date: NaiveDate,
        op: DayOp,
        origin: Origin,
    },
    /// Something asked of the coach, decided on the day on disk under the
    /// write lock (`coach_runtime::intent`), at the instant it was asked.
    Intent {
        date: NaiveDate,
        intent: Intent,
        now: DateTime<Utc>,
    },
    /// Carry (or drop) the earlier day's unfinished tasks as one store change.
    Carry {
        from: NaiveDate,
        to: NaiveDate,
        choices: Vec<CarryChoice>,
    },
    /// Re-read the config and the days shown.
    Reload,
    /// Read a day other than today to show on Today (`App::day_loaded`).
    LoadDay {
        date: NaiveDate,
    },
    /// Re-read the earlier day the check-in carries from (it may have been
    /// fixed since kot started).
    LoadPrevious,
    /// Close the desktop notice in a slot: a break's (it was started, skipped
    /// or ended), or "time to shut down" once its button was used.
    CloseNotice(crate::notice::Slot),
    Lock(LockEvent),
    /// Read or write the journal, or open the user's editor on it.
    Journal(super::journal::io::JournalCmd),
    /// Read what the Week screen shows.
    Week(super::week::io::WeekCmd),
    /// Read the next work day and the journal entry, and open the ritual.
    /// `by_user`: asked for (a key, the notice's button), not opened by
    /// itself at the end of the day.
    OpenRitual {
        by_user: bool,
    },
    /// Read the week so far again for the ritual's week step: it opened by
    /// itself and was taken up now, so today counts up to this moment, as
    /// the shutdown will.
    RefreshGlance,
    /// Write a finished ritual (`coach_runtime::shutdown::finish`).
    FinishRitual {
        plan: RitualPlan,
        at: DateTime<Utc>,
    },
    /// Record that the last work day before `today` ended with no shutdown.
    MarkMissed {
        today: NaiveDate,
        /// When it stopped, as answered in the check-in.
        stopped: Option<crate::core::time::TimeOfDay>,
        now: DateTime<Utc>,
    },
    /// A day with no check-in, told in the evening: worked from `from` to
    /// `until`.
    WorkedFromTo {
        date: NaiveDate,
        from: DateTime<Utc>,
        until: DateTime<Utc>,
    },
    /// The day's start and end corrected afterwards (`None`: kept).
    CorrectDay {
        date: NaiveDate,
        start: Option<crate::core::time::TimeOfDay>,
        end: Option<crate::core::time::TimeOfDay>,
        now: DateTime<Utc>,
    },
    /// Work again after the shutdown (`start`), or stop again.
    Evening {
        date: NaiveDate,
        start: bool,
        at: DateTime<Utc>,
    },
    /// Run `[shutdown] on_complete` (on a thread of its own).
    RunOnComplete,
    /// Work out today's nudge again (the days or the config changed).
    LoadNudge,
    /// Record the answer to today's nudge in `nudges.toml`.
    Nudge {
        date: NaiveDate,
        rule: crate::core::nudges::Rule,
        answer: crate::core::nudges::Answer,
    },
    Quit,
}
