//! The morning check-in: where you work, how you feel, what comes along from the
//! previous day, and today's top 3.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::core::day::Place;
use crate::core::plan::TOP_LIMIT;
use crate::t;
use crate::tui::app::App;
use crate::tui::checkin::{Checkin, Step};
use crate::tui::theme::Theme;
use crate::tui::view::Moment;
use crate::tui::widgets::popup::centered;
use crate::tui::widgets::shown;

pub fn render(f: &mut Frame, area: Rect, app: &App, c: &Checkin, now: &Moment, theme: Theme) {
    let rows = match c.step {
        Step::Carry => c.carry.len(),
        Step::Top => app.day.active_tasks().count().max(1),
        Step::Place => 4,
        Step::Feeling => 5,
    };
    let note = unreadable_note(app);
    // The note wraps inside the box (62 columns between the borders).
    let note_rows = note
        .as_ref()
        .map_or(0, |n| n.chars().count().div_ceil(62) + 1);
    let height = u16::try_from(rows + 7 + note_rows).unwrap_or(u16::MAX);
    let rect = centered(area, 64, height);
    f.render_widget(Clear, rect);
    let (n, of) = c.progress();
    let block = Block::bordered()
        .title(format!(
            " {} · {} ",
            greeting(now),
            super::long_date(app.date)
        ))
        .border_style(theme.title());
    let mut lines = vec![
        Line::styled(t!("checkin.step", n = n, of = of), theme.dim()),
        Line::styled(question(app, c), theme.title()),
        Line::raw(""),
    ];
    lines.extend(options(app, c, theme));
    if let Some(note) = note {
        lines.push(Line::raw(""));
        lines.push(Line::styled(note, theme.error()));
    }
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        rect,
    );
}

/// Why the earlier day's open tasks are missing, when its file is unreadable:
/// shown on every step, so it is seen before the plan is made.
fn unreadable_note(app: &App) -> Option<String> {
    app.previous_unreadable.as_ref().map(|(date, c)| {
        t!(
            "checkin.previous_unreadable",
            date = super::long_date(*date),
            problem = c.describe()
        )
    })
}

fn question(app: &App, c: &Checkin) -> String {
    match c.step {
        Step::Place => t!("checkin.place"),
        Step::Feeling => t!("checkin.feeling"),
        Step::Carry => t!(
            "checkin.carry",
            date = c.from.map(super::long_date).unwrap_or_default()
        ),
        Step::Top => t!(
            "checkin.top",
            n = app.day.top_tasks().count(),
            limit = TOP_LIMIT
        ),
    }
}

fn row(selected: bool, text: Vec<Span<'static>>, theme: Theme) -> Line<'static> {
    let mut spans = vec![Span::raw(if selected { "› " } else { "  " })];
    spans.extend(text);
    let line = Line::from(spans);
    if selected {
        line.style(theme.selected())
    } else {
        line
    }
}

fn options(app: &App, c: &Checkin, theme: Theme) -> Vec<Line<'static>> {
    match c.step {
        Step::Place => Place::ALL
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let key = match p {
                    Place::Home => "h",
                    Place::Office => "o",
                    Place::Off => "f",
                    Place::Sick => "s",
                };
                let text = vec![
                    Span::styled(format!("{key}  "), theme.key()),
                    Span::raw(t!(&format!("checkin.place.{}", p.name()))),
                ];
                row(i == c.place_sel, text, theme)
            })
            .collect(),
        Step::Feeling => (1..=5u8)
            .rev()
            .map(|n| {
                let text = vec![
                    Span::styled(format!("{n}  "), theme.key()),
                    Span::raw(t!(&format!("checkin.feeling.{n}"))),
                ];
                row(n == c.feeling_sel, text, theme)
            })
            .collect(),
        Step::Carry => c
            .carry
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let (yes, no) = (t!("checkin.carry_yes"), t!("checkin.carry_no"));
                let width = yes.chars().count().max(no.chars().count());
                let tag = if item.carry { yes } else { no };
                let style = if item.carry {
                    theme.info()
                } else {
                    theme.dim()
                };
                let text = vec![
                    Span::styled(format!("[{tag:<width$}] "), style),
                    Span::raw(shown(&item.task.title)),
                ];
                row(i == c.carry_sel, text, theme)
            })
            .collect(),
        Step::Top => {
            let tasks: Vec<_> = app.day.active_tasks().collect();
            if tasks.is_empty() {
                return vec![Line::styled(t!("checkin.top_empty"), theme.dim())];
            }
            tasks
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let star = if t.top {
                        Span::styled("★ ", theme.top())
                    } else {
                        Span::raw("  ")
                    };
                    row(
                        i == c.top_sel,
                        vec![star, Span::raw(shown(&t.title))],
                        theme,
                    )
                })
                .collect()
        }
    }
}

/// Good morning, afternoon or evening: the check-in may come late.
fn greeting(now: &Moment) -> String {
    use chrono::Timelike;
    match now.local.hour() {
        4..=11 => t!("checkin.title"),
        12..=17 => t!("checkin.title.afternoon"),
        _ => t!("checkin.title.evening"),
    }
}
