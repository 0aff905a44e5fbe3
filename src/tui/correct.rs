//! Today's `C`: the shown day's start and end corrected afterwards, in a
//! one-line form `09:10-17:50` filled in with what kot has. The rule and
//! the write are `coach_runtime::correction`, as for `kot day`.

use chrono::{DateTime, Utc};

use super::app::App;
use super::msg::Cmd;
use crate::coach_runtime::{coach, correction, local_hm};
use crate::core::time::TimeOfDay;
use crate::t;

/// `09:10-17:50` for the day shown: its first and last work; today's work
/// still running has no end yet (left blank: only the start changes).
#[must_use]
pub fn prefill(app: &App) -> String {
    let day = app.shown_day();
    let (start, end) = coach(&app.config, day).recorded_span(app.date);
    let hm = |t: Option<DateTime<Utc>>| t.map(local_hm).unwrap_or_default();
    format!("{}-{}", hm(start), hm(end))
}

/// What Enter does with `text`: the command to write it, or why not (the
/// form stays open with the reason).
///
/// # Errors
/// Not `HH:MM-HH:MM` (either side may be blank), or refused by the rule.
pub fn submit(text: &str, app: &App, now: DateTime<Utc>) -> Result<Cmd, String> {
    let bad = || t!("input.correct_bad", value = text);
    let (start, end) = text.split_once('-').ok_or_else(bad)?;
    let time = |s: &str| -> Result<Option<TimeOfDay>, String> {
        let s = s.trim();
        if s.is_empty() {
            return Ok(None);
        }
        s.parse().map(Some).map_err(|_| bad())
    };
    let (start, end) = (time(start)?, time(end)?);
    if start.is_none() && end.is_none() {
        return Err(bad());
    }
    if let Some(c) = app.shown_unreadable() {
        return Err(c.describe());
    }
    let day = app.shown_day();
    correction::check(&app.config, day, (start, end), app.date, now)?;
    Ok(Cmd::CorrectDay {
        date: day.date,
        start,
        end,
        now,
    })
}
