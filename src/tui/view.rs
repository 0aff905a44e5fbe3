//! What is on screen: the active screen, popups over it, the banner and the
//! footer; or a notice when the terminal is too small for any of it.

use chrono::{DateTime, DurationRound, NaiveDateTime, TimeZone, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::app::App;
use super::keymap::Screen;
use super::theme::Theme;
use super::widgets::footer;
use super::{banner, today};
use crate::core::workday::{WorkdayStatus, kot_date, span_status};
use crate::t;

/// The instant being drawn, already in local terms, so drawing needs no time
/// zone and a test can pin one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Moment {
    pub now: DateTime<Utc>,
    pub local: NaiveDateTime,
    /// The coach's state at `now`, the end of the day included.
    pub coach: crate::core::coach::CoachState,
    pub workday: WorkdayStatus,
    /// The workday's start and end in local time, as the coach works it (a
    /// moved end included): what the Today line shows.
    pub hours: Option<(NaiveDateTime, NaiveDateTime)>,
    /// Whether the day shown is the current kot day (the "now" marker shows).
    pub is_today: bool,
}

impl Moment {
    #[must_use]
    pub fn at<Tz: TimeZone>(tz: &Tz, now: DateTime<Utc>, app: &App) -> Self {
        // As `coach_runtime::coach` builds it (the end of the day and the
        // team's meetings included), in `tz`: the state the loop draws with.
        let coach = crate::core::coach::Coach::new(
            tz.clone(),
            app.config.breaks,
            app.config.meetings,
            app.work_hours(),
            &app.day,
        )
        .with_shutdown(app.config.shutdown.policy.clone())
        .with_team(crate::coach_runtime::team_blocks(&app.config, &app.day));
        Self::build(tz, now, app, coach.state(now), coach.workday())
    }

    /// As `at`, with the coach's state already worked out (the app keeps it
    /// for its own `now`: the loop need not build the coach again to draw).
    #[must_use]
    pub fn with_state<Tz: TimeZone>(
        tz: &Tz,
        now: DateTime<Utc>,
        app: &App,
        coach: crate::core::coach::CoachState,
    ) -> Self {
        Self::build(tz, now, app, coach, app.workday_span())
    }

    fn build<Tz: TimeZone>(
        tz: &Tz,
        now: DateTime<Utc>,
        app: &App,
        coach: crate::core::coach::CoachState,
        span: Option<(DateTime<Utc>, DateTime<Utc>)>,
    ) -> Self {
        let local = now.with_timezone(tz).naive_local();
        // Time left is read off the minute on display, as the clock shows it.
        let minute = now
            .duration_trunc(chrono::TimeDelta::minutes(1))
            .unwrap_or(now);
        Self {
            now,
            local,
            coach,
            workday: span_status(minute, span),
            hours: span.map(|(s, e)| {
                (
                    s.with_timezone(tz).naive_local(),
                    e.with_timezone(tz).naive_local(),
                )
            }),
            is_today: kot_date(local, app.config.workday.day_starts) == app.shown_date(),
        }
    }
}

/// The smallest terminal the layout fits in.
pub const MIN_WIDTH: u16 = 44;
pub const MIN_HEIGHT: u16 = 12;

pub fn render(f: &mut Frame, app: &App, now: &Moment, theme: Theme) {
    let area = f.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        render_too_small(f, area, theme);
        return;
    }
    let [main, banner_area, foot] = outer(area);
    match (&app.commute, app.screen) {
        // The walk home in place of any screen: nothing of work shows.
        (Some(walk), _) => super::commute::render(f, main, walk, now.now, theme),
        (None, Screen::Today) => today::render(f, main, app, now, theme),
        (None, Screen::Journal) => app.journal.render(f, main, app, theme),
        (None, Screen::Week) => super::week::render::render(f, main, app, theme),
    }
    if let Some(r) = &app.ritual {
        r.render(f, main, theme);
    }
    if let Some(c) = &app.checkin {
        c.render(f, main, app, now, theme);
    }
    if let Some(p) = &app.popup {
        p.render(f, main, app, theme);
    }
    banner::render(f, banner_area, app, theme);
    footer::render(f, foot, app.layer(), app.can_act(), theme);
}

/// Where a second changes the screen between full frames, worked out with
/// each full frame: `Some(Some(card))` during a break (its countdown),
/// `Some(None)` when nothing does, `None` when the seconds may be covered (a
/// popup, the check-in) or the terminal is too small: then a second draws the
/// whole frame.
#[must_use]
pub fn seconds_area(area: Rect, app: &App, now: &Moment) -> Option<Option<Rect>> {
    if area.width < MIN_WIDTH
        || area.height < MIN_HEIGHT
        || app.popup.is_some()
        || app.checkin.is_some()
        || app.ritual.is_some()
        || app.commute.is_some()
        || app.screen != Screen::Today
    {
        return None;
    }
    let [main, _, _] = outer(area);
    let parts = today::areas(main, app, now.coach);
    match parts.card {
        Some(card) => Some(Some(card)),
        // Without the card a break's seconds are on the status line, which
        // is not kept apart: each second draws the whole frame then.
        None if matches!(now.coach, crate::core::coach::CoachState::Break { .. }) => None,
        None => Some(None),
    }
}

/// The screen less the banner and footer lines, the banner, the footer.
fn outer(area: Rect) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area)
}

fn render_too_small(f: &mut Frame, area: Rect, theme: Theme) {
    let text = vec![
        Line::styled(t!("tui.too_small"), theme.error()),
        Line::raw(t!(
            "tui.too_small_need",
            width = MIN_WIDTH,
            height = MIN_HEIGHT
        )),
    ];
    f.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}
