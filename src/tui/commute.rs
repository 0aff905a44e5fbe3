//! The walk home drawn full screen after the ritual
//! (`core::shutdown::commute`): calm, one line of time left and one of
//! encouragement, nothing of work.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::theme::Theme;
use crate::core::shutdown::commute::Commute;
use crate::t;

/// "Walk home · 14 min 12 s left" at `now` (the countdown's words); `None` once it is over.
#[must_use]
pub fn left_label(walk: &Commute, now: DateTime<Utc>) -> Option<String> {
    let left = walk.left(now)?.num_seconds();
    let left = crate::i18n::countdown(crate::core::countdown::Countdown::seconds(left));
    Some(t!("commute.left", left = left))
}

pub fn render(f: &mut Frame, area: Rect, walk: &Commute, now: DateTime<Utc>, theme: Theme) {
    f.render_widget(Clear, area);
    let Some(label) = left_label(walk, now) else {
        return;
    };
    let lines = vec![
        Line::styled(label, theme.title()).centered(),
        Line::raw(""),
        Line::styled(t!("commute.hint"), theme.dim()).centered(),
    ];
    let [_, middle, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(4),
        Constraint::Fill(1),
    ])
    .areas(area);
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), middle);
}
