//! The end of the day on Today: the countdown in the last hour (and the
//! overtime past the end, or evening work under way) in place of the
//! workday line, and after the shutdown the calm evening view in place of
//! the plan: off since when, the next work day's top 3, the day's wins, and
//! the one key that starts work again (it asks first). With `[shutdown]
//! hide_work` the top 3 and the wins wait behind `p`, so the evening is
//! free of work unless asked for.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, LineGauge, Paragraph, Wrap};

use super::app::App;
use super::theme::Theme;
use super::widgets::{long_date, shown};
use crate::coach_runtime::{self, local_hm};
use crate::core::coach::EndPhase;
use crate::core::plan::TaskStatus;
use crate::t;

use crate::core::shutdown::LAST_HOUR;

/// The workday line from the last hour on; `false` when it is the usual
/// one's turn.
pub fn render_countdown(
    f: &mut Frame,
    area: Rect,
    app: &App,
    now: DateTime<Utc>,
    theme: Theme,
) -> bool {
    let Some((label, ratio, style)) = countdown(app, now, theme) else {
        return false;
    };
    let label = Span::styled(format!(" {label} "), style);
    match ratio {
        Some(r) if area.width > 40 => f.render_widget(
            LineGauge::default()
                .ratio(r.clamp(0.0, 1.0))
                .label(label)
                .filled_style(style)
                .unfilled_style(theme.dim()),
            area,
        ),
        _ => f.render_widget(Line::from(label), area),
    }
    true
}

/// Where the day shown stands towards its end at the instant drawn.
fn phase(app: &App, now: DateTime<Utc>) -> EndPhase {
    coach_runtime::coach(&app.config, &app.day).end_phase(now)
}

/// The countdown's words, the share of the last hour gone and its style.
fn countdown(app: &App, now: DateTime<Utc>, theme: Theme) -> Option<(String, Option<f64>, Style)> {
    let loud = theme.warn().add_modifier(Modifier::BOLD);
    let left = |end: DateTime<Utc>| coach_runtime::minutes_left(end, now);
    match phase(app, now) {
        p @ (EndPhase::Before { end } | EndPhase::WrapUp { end }) if end - now <= LAST_HOUR => {
            #[allow(clippy::cast_precision_loss)]
            let gone = 1.0 - (end - now).num_seconds() as f64 / LAST_HOUR.num_seconds() as f64;
            // "wrap up" from the wrap-up on, as the coach's line says it.
            let key = if matches!(p, EndPhase::WrapUp { .. }) {
                "today.end_in"
            } else {
                "today.end_in_plain"
            };
            Some((
                t!(key, left = left(end), end = local_hm(end)),
                Some(gone),
                loud,
            ))
        }
        EndPhase::Overtime { over, .. } => Some((
            t!(
                "today.past_end",
                // The coach's workday: a moved end (`kot end`) is the end here too.
                hours = app
                    .workday_span()
                    .map(|(s, e)| format!("{}–{}", local_hm(s), local_hm(e)))
                    .unwrap_or_default(),
                over = crate::i18n::countdown(over)
            ),
            Some(1.0),
            loud,
        )),
        EndPhase::Evening { since } => Some((
            t!("today.evening_work", time = local_hm(since)),
            None,
            theme.warn(),
        )),
        // The coach's line and the evening say "off since"; this line says
        // what the day came to, as another day's line does.
        EndPhase::Off { since } => {
            let text = app
                .workday_span()
                .map(|(a, b)| format!("{}–{}", local_hm(a), local_hm(b)))
                .and_then(|hours| super::lookback::worked_line(&hours, &app.day.shutdown))
                .unwrap_or_else(|| coach_runtime::shutdown::off_since(since));
            Some((text, None, theme.info()))
        }
        // Opened in the evening on a day with no check-in: the evening.
        EndPhase::NoEnd if app.evening_without_work(now) => {
            Some((t!("today.evening_no_work"), None, theme.info()))
        }
        _ => None,
    }
}

/// The evening view in place of the plan after the shutdown; `false` when
/// the day is not off.
pub fn render_off(f: &mut Frame, area: Rect, app: &App, now: DateTime<Utc>, theme: Theme) -> bool {
    let since = match phase(app, now) {
        EndPhase::Off { since } => Some(since),
        // The evening of a day whose work never began.
        _ if app.evening_without_work(now) => None,
        _ => return false,
    };
    let block = Block::bordered()
        .title(format!(" {} ", t!("evening_view.title")))
        .border_style(theme.border());
    f.render_widget(
        Paragraph::new(lines(app, since, theme))
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
    true
}

/// `since`: off since the shutdown; `None`: no work was recorded today.
fn lines(app: &App, since: Option<DateTime<Utc>>, theme: Theme) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::styled(
            since.map_or_else(
                || t!("evening_view.no_work"),
                |s| t!("evening_view.off_since", time = local_hm(s)),
            ),
            theme.title(),
        ),
        Line::styled(t!("evening_view.rest"), theme.dim()),
        Line::raw(""),
    ];
    if app.work_hidden() {
        let key = super::keymap::key_for(
            super::keymap::Layer::OffWork,
            super::keymap::Action::ShowWork,
        )
        .unwrap_or_default();
        lines.push(Line::styled(
            t!("evening_view.work_hidden", key = key),
            theme.dim(),
        ));
        lines.push(Line::raw(""));
    } else {
        work_lines(app, theme, &mut lines);
    }
    let again = if since.is_some() {
        t!("evening_view.again")
    } else {
        t!("evening_view.worked_after_all")
    };
    lines.push(Line::styled(again, theme.dim()));
    lines
}

/// The next work day's top 3 and today's wins: the evening view's work.
fn work_lines(app: &App, theme: Theme, lines: &mut Vec<Line<'static>>) {
    if let Some(next) = &app.next_day {
        lines.push(Line::styled(
            t!("evening_view.tomorrow", day = long_date(next.date)),
            theme.title(),
        ));
        let top: Vec<_> = next.top_tasks().collect();
        if top.is_empty() {
            lines.push(Line::styled(
                format!("  {}", t!("evening_view.no_top")),
                theme.dim(),
            ));
        }
        for t in top {
            lines.push(Line::from(vec![
                Span::styled("  ★ ", theme.top()),
                Span::raw(shown(&t.title)),
            ]));
        }
        lines.push(Line::raw(""));
    }
    let wins: Vec<&str> = app
        .day
        .tasks
        .iter()
        .filter(|t| t.status == TaskStatus::Done)
        .map(|t| t.title.as_str())
        .collect();
    lines.push(Line::styled(t!("evening_view.wins"), theme.title()));
    if wins.is_empty() {
        lines.push(Line::styled(
            format!("  {}", t!("evening_view.no_wins")),
            theme.dim(),
        ));
    }
    for w in wins {
        lines.push(Line::from(vec![
            Span::styled("  ✓ ", theme.info()),
            Span::raw(shown(w)),
        ]));
    }
    lines.push(Line::raw(""));
}
