//! What a room (a screen or a popup) asks for after a key: the room changes
//! its own state itself and returns the rest for `App` to apply, so no room
//! reaches into another.

use crate::coach_runtime::intent::Intent;
use crate::core::day::DayOp;

use super::msg::Cmd;
use super::popup::Popup;

#[derive(Debug)]
pub enum Effect {
    /// An edit of the day shown, which `u` can undo.
    Edit(DayOp),
    /// A recorded answer (the check-in's, the coach's), not undone with `u`.
    Record(DayOp),
    /// Something asked of the coach, decided on the day on disk.
    Intent(Intent),
    /// A command for the event loop as it is.
    Cmd(Cmd),
    /// Open a popup over the screen (refused in a read-only directory when it
    /// would end in an edit).
    Open(Popup),
    /// Close the popup that read the key.
    Close,
    /// A line for the banner; `error` shows it as one.
    Banner { text: String, error: bool },
    /// Start the check-in again (`c`).
    Checkin,
    /// The check-in is done: record it with this feeling.
    FinishCheckin {
        feeling: Option<u8>,
        /// When the forgotten last work day stopped, as answered.
        stopped: Option<crate::core::time::TimeOfDay>,
    },
    /// Undo the last edit.
    Undo,
    /// Show this day on Today (today's date: today again).
    ShowDay(chrono::NaiveDate),
    /// Work again after the shutdown (confirmed): recorded as evening work.
    BackToWork,
    /// Write the walked ritual after "You kept working…?": the shutdown
    /// now (`now`), or when the ritual was taken up.
    FinishRitual { now: bool },
    /// The nudge shown on Today was answered (`D`, `Z`).
    Nudge {
        rule: crate::core::nudges::Rule,
        answer: crate::core::nudges::Answer,
    },
}

impl Effect {
    /// A banner that is not an error.
    #[must_use]
    pub fn say(text: String) -> Self {
        Self::Banner { text, error: false }
    }
}
