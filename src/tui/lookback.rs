//! The check-in's lines on the previous work day: how it went
//! (`core::shutdown::lookback`) and where you left off (`[shutdown] note`).

use super::app::App;
use crate::core::shutdown::lookback::LookBack;
use crate::t;

/// "Yesterday: 7h56 · lunch 12:40 · 3 of 3 top done · shutdown 17:30 · 44
/// min in the evening"; a weekday's name when it was not yesterday.
#[must_use]
pub fn line(app: &App) -> Option<String> {
    let prev = app.previous.as_ref()?;
    let l = LookBack::of(prev)?;
    let day = if app.date.pred_opt() == Some(prev.date) {
        t!("checkin.lookback.yesterday")
    } else {
        crate::i18n::day_near(prev.date, app.date)
    };
    let mut parts = Vec::new();
    if let Some(m) = l.worked_minutes {
        parts.push(crate::i18n::hm(i64::from(m)));
    }
    if let Some(at) = l.lunch {
        parts.push(t!("checkin.lookback.lunch", at = at));
    }
    if let Some((done, of)) = l.top {
        parts.push(t!("checkin.lookback.top", done = done, of = of));
    }
    match (l.shutdown, l.corrected_end) {
        (Some(at), _) => parts.push(t!("checkin.lookback.shutdown", at = at)),
        (None, Some(at)) => parts.push(t!("checkin.lookback.stopped", at = at)),
        (None, None) if l.missed => parts.push(t!("checkin.lookback.no_shutdown")),
        (None, None) => {}
    }
    if l.evening_minutes > 0 {
        parts.push(t!(
            "checkin.lookback.evening",
            time = crate::i18n::hm(i64::from(l.evening_minutes))
        ));
    }
    Some(t!("checkin.lookback", day = day, parts = parts.join(" · ")))
}

/// "Where you left off: …", from the previous work day's shutdown.
#[must_use]
pub fn left_off(app: &App) -> Option<String> {
    let note = app.previous.as_ref()?.shutdown.note.as_ref()?;
    Some(t!("checkin.left_off", note = super::widgets::shown(note)))
}
