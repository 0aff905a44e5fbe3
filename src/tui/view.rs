//! What is on screen: the active screen, popups over it, the banner and the
//! footer; or a notice when the terminal is too small for any of it.

use chrono::{DateTime, DurationRound, NaiveDateTime, TimeZone, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::app::{App, Popup, Target};
use super::keymap::Layer;
use super::screens;
use super::theme::Theme;
use super::widgets::{footer, help, popup, shown};
use crate::core::text::display_safe_lines;
use crate::core::workday::{WorkdayStatus, kot_date, workday_status};
use crate::t;

/// The instant being drawn, already in local terms, so drawing needs no time
/// zone and a test can pin one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Moment {
    pub now: DateTime<Utc>,
    pub local: NaiveDateTime,
    /// The break coach's state at `now`.
    pub coach: crate::core::coach::CoachState,
    pub workday: WorkdayStatus,
    /// Whether the day shown is the current kot day (the "now" marker shows).
    pub is_today: bool,
}

impl Moment {
    #[must_use]
    pub fn at<Tz: TimeZone>(tz: &Tz, now: DateTime<Utc>, app: &App) -> Self {
        let coach = crate::core::coach::Coach::new(
            tz.clone(),
            app.config.breaks,
            app.config.meetings,
            crate::coaching::hours(&app.config, &app.day),
            &app.day,
        );
        Self::with_state(tz, now, app, coach.state(now))
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
        let local = now.with_timezone(tz).naive_local();
        // Time left is read off the minute on display, as the clock shows it.
        let minute = now
            .duration_trunc(chrono::TimeDelta::minutes(1))
            .unwrap_or(now);
        Self {
            now,
            local,
            coach,
            workday: workday_status(tz, minute, app.date, app.work_hours()),
            is_today: kot_date(local, app.config.workday.day_starts) == app.date,
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
    let [main, banner, foot] = outer(area);
    screens::today::render(f, main, app, now, theme);
    if let Some(c) = &app.checkin {
        screens::checkin::render(f, main, app, c, now, theme);
    }
    match &app.popup {
        Some(Popup::Help(scroll)) => help::render(f, main, &help_layers(app), *scroll, theme),
        Some(Popup::Input(input)) => popup::input(f, main, input, theme),
        Some(Popup::BlockForm(d)) => popup::block_form(f, main, d, theme),
        Some(Popup::Confirm(target)) => {
            popup::confirm(f, main, &confirm_question(app, *target), theme)
        }
        None => {}
    }
    if let Some(b) = &app.banner {
        let style = if b.error { theme.error() } else { theme.info() };
        let text = display_safe_lines(&b.text);
        f.render_widget(Line::styled(format!(" {text}"), style), banner);
    } else if let Some(w) = &app.waiting {
        // Under any passing message: it stays until the edits are written.
        f.render_widget(
            Line::styled(format!(" {}", w.message()), theme.info()),
            banner,
        );
    }
    footer::render(f, foot, app.layer(), theme);
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
    {
        return None;
    }
    let [main, _, _] = outer(area);
    Some(screens::today::areas(main, app, now.coach).card)
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

/// The help covers the layer in use, then the Today keys, then the global ones.
fn help_layers(app: &App) -> Vec<Layer> {
    let mut v = Vec::new();
    if let Some(c) = &app.checkin {
        v.push(c.step.layer());
    } else {
        v.extend(app.break_layer());
        v.push(Layer::Today);
    }
    v.push(Layer::Global);
    v
}

fn confirm_question(app: &App, target: Target) -> String {
    match target {
        Target::Task(id) => {
            let title = app
                .day
                .task(id)
                .map(|t| shown(&t.title))
                .unwrap_or_default();
            t!("confirm.delete_task", title = title)
        }
        Target::Block(id) => {
            let title = app
                .day
                .blocks
                .iter()
                .find(|b| b.id == id)
                .map(|b| shown(&b.title))
                .unwrap_or_default();
            t!("confirm.delete_block", title = title)
        }
    }
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
