//! The check-in's lines on the previous work day: how it went
//! (`core::shutdown::lookback`) and where you left off (`[shutdown] note`);
//! and on a day's timeline, when its work stopped and its evening work.

use super::app::App;
use crate::clock::Zone;
use crate::core::day::Day;
use crate::core::shutdown::lookback::LookBack;
use crate::core::time::TimeOfDay;
use crate::t;

/// "Yesterday: 7h56 · lunch 12:40 · 3 of 3 top done · shutdown 17:30 · 44
/// min in the evening"; a weekday's name when it was not yesterday.
#[must_use]
pub fn line(app: &App) -> Option<String> {
    let prev = app.previous.as_ref()?;
    let c = crate::coach_runtime::coach(&app.config, prev);
    let l = LookBack::of(prev, |b| c.is_lunch(b))?;
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
    // The end the totals were counted to, as `kot day` and the timeline say
    // it (`Coach::last_work`): a correction before the shutdown.
    match (l.corrected_end, l.shutdown) {
        (Some(at), _) => parts.push(t!("checkin.lookback.stopped", at = at)),
        (None, Some(at)) => parts.push(t!("checkin.lookback.shutdown", at = at)),
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

/// "Workday 09:00–17:30 · worked 8h35, overtime 5m": a day's hours and what
/// its record came to; `None` while it has no totals. Another day's
/// workday line and today's after the shutdown.
#[must_use]
pub fn worked_line(hours: &str, s: &crate::core::shutdown::ShutdownRecord) -> Option<String> {
    let hm = |m: u32| crate::i18n::hm(i64::from(m));
    s.worked_minutes.map(|w| {
        t!(
            "today.other_day_worked",
            hours = hours,
            worked = hm(w),
            overtime = hm(s.overtime_minutes.unwrap_or(0))
        )
    })
}

/// "Where you left off: …", from the previous work day's shutdown.
#[must_use]
pub fn left_off(app: &App) -> Option<String> {
    let note = app.previous.as_ref()?.shutdown.note.as_ref()?;
    Some(t!("checkin.left_off", note = super::widgets::shown(note)))
}

/// When the shown day's work stopped, for its timeline: on a day shut
/// down, corrected, or past with work and no shutdown (kot's guess); with
/// the i18n key of how that is known.
#[must_use]
pub fn stopped(
    app: &App,
    c: &crate::core::coach::Coach<'_, crate::clock::Zone>,
) -> Option<(TimeOfDay, &'static str)> {
    let s = &app.shown_day().shutdown;
    let at = c.recorded_span(app.date).1?;
    let how = if s.corrected_end.is_some() {
        "timeline.stopped_corrected"
    } else if s.at.is_some() {
        "timeline.stopped_shutdown"
    } else {
        "timeline.stopped_guess"
    };
    Some((TimeOfDay::of(at.with_timezone(&Zone).time()), how))
}

/// The day's evening work, as times of day (none: under way).
#[must_use]
pub fn evenings(day: &Day) -> Vec<(TimeOfDay, Option<TimeOfDay>)> {
    let t = |s: &crate::core::stamp::Stamp| TimeOfDay::of(s.naive_local().time());
    day.evening
        .iter()
        .map(|e| (t(&e.start), e.end.as_ref().map(t)))
        .collect()
}
