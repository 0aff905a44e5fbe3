//! Today: the header with date and clock, the workday and its time left, the top
//! 3, the task list and the timeline.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, LineGauge, List, ListItem, ListState, Paragraph, Wrap};

use crate::core::coach::CoachState;
use crate::core::day::Place;
use crate::core::plan::{Task, overlapping};
use crate::core::text::display_safe_lines;
use crate::core::time::TimeOfDay;
use crate::core::workday::{WorkdayStatus, format_hm};
use crate::t;
use crate::tui::app::{App, Pane};
use crate::tui::theme::Theme;
use crate::tui::view::Moment;
use crate::tui::widgets::coach;
use crate::tui::widgets::shown;
use crate::tui::widgets::timeline::Timeline;

/// Where Today's parts go: the coach's line, its break card (when one shows
/// and fits) and the body under them.
pub struct Areas {
    pub header: Rect,
    pub workday: Rect,
    pub status: Rect,
    pub card: Option<Rect>,
    pub body: Rect,
}

#[must_use]
pub fn areas(area: Rect, app: &App, coach_state: CoachState) -> Areas {
    let [header, workday, status, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(area);
    let card = matches!(
        coach_state,
        CoachState::BreakDue { .. } | CoachState::Break { .. } | CoachState::BreakOver { .. }
    ) && app.unreadable().is_none();
    let (card, body) = if card && body.height > coach::card_height() + 6 {
        let [card_area, rest] =
            Layout::vertical([Constraint::Length(coach::card_height()), Constraint::Min(0)])
                .areas(body);
        (Some(card_area), rest)
    } else {
        (None, body)
    };
    Areas {
        header,
        workday,
        status,
        card,
        body,
    }
}

pub fn render(f: &mut Frame, area: Rect, app: &App, now: &Moment, theme: Theme) {
    let Areas {
        header,
        workday,
        status,
        card,
        body,
    } = areas(area, app, now.coach);
    render_header(f, header, app, now, theme);
    render_workday(f, workday, app, now, theme);
    coach::render_status(f.buffer_mut(), status, app, now.coach, now.now, theme);
    if let Some(card_area) = card {
        coach::render_card(f.buffer_mut(), card_area, app, now.coach, now.now, theme);
    }
    if let Some(c) = app.unreadable() {
        let text = vec![
            Line::styled(t!("today.unreadable"), theme.error()),
            Line::raw(display_safe_lines(&c.describe()).into_owned()),
            Line::raw(""),
            Line::raw(t!("today.unreadable_help")),
        ];
        f.render_widget(
            Paragraph::new(text)
                .wrap(Wrap { trim: false })
                .block(Block::bordered()),
            body,
        );
        return;
    }
    let (plan, timeline) = if body.width >= 80 {
        let [a, b] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
            .areas(body);
        (a, b)
    } else {
        let [a, b] =
            Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(body);
        (a, b)
    };
    let top_rows = u16::try_from(app.day.top_tasks().count().max(1)).unwrap_or(1);
    let [top, tasks] =
        Layout::vertical([Constraint::Length(top_rows + 2), Constraint::Min(3)]).areas(plan);
    render_top(f, top, app, theme);
    render_tasks(f, tasks, app, theme);
    render_timeline(f, timeline, app, now, theme);
}

/// ` kot · Monday 23 November 2026 · 10:20 ... home · feeling 4/5`. When the
/// line is too narrow the date gets shorter first, then the right part goes:
/// the clock always shows.
fn render_header(f: &mut Frame, area: Rect, app: &App, now: &Moment, theme: Theme) {
    let mut right = Vec::new();
    if let Some(p) = app.day.place {
        right.push(t!(&format!("place.{}", p.name())));
    }
    if let Some(feel) = app.day.checkin.as_ref().and_then(|c| c.feeling) {
        right.push(t!("today.feeling", n = feel));
    }
    let right = format!("{} ", right.join(" · "));
    let clock = now.local.format("%H:%M").to_string();
    // Always on the left with the clock: a read-only kot must never look editable.
    let read_only = app
        .read_only
        .as_ref()
        .map(|_| format!(" · {}", t!("today.read_only")))
        .unwrap_or_default();
    let width = usize::from(area.width);
    let fits = |date: &str, right: &str| {
        5 + date.chars().count()
            + 6
            + clock.len()
            + read_only.chars().count()
            + right.chars().count()
            < width
    };
    let long = super::long_date(app.date);
    let date = if fits(&long, &right) {
        long
    } else {
        super::short_date(app.date)
    };
    let right = if fits(&date, &right) {
        right
    } else {
        String::new()
    };
    let left = Line::from(vec![
        Span::styled(" kot ", theme.title()),
        Span::raw(format!("· {date} · ")),
        Span::styled(clock, theme.title()),
        Span::styled(read_only, theme.error()),
    ]);
    f.render_widget(left, area);
    f.render_widget(Line::raw(right).right_aligned(), area);
}

fn render_workday(f: &mut Frame, area: Rect, app: &App, now: &Moment, theme: Theme) {
    let hours = app.work_hours();
    let status = now.workday;
    let span = hours
        .map(|h| format!("{}–{}", h.start, h.end))
        .unwrap_or_default();
    let (label, ratio) = match status {
        WorkdayStatus::Free => {
            let key = match app.day.place {
                Some(Place::Sick) => "today.sick",
                Some(Place::Off) => "today.off",
                _ => "today.no_work",
            };
            (t!(key), None)
        }
        WorkdayStatus::Before { starts_in } => (
            t!("today.before", hours = span, left = format_hm(starts_in)),
            Some(0.0),
        ),
        WorkdayStatus::During { left, total } => {
            #[allow(clippy::cast_precision_loss)]
            let done = 1.0 - left.num_seconds() as f64 / total.num_seconds().max(1) as f64;
            (
                t!("today.during", hours = span, left = format_hm(left)),
                Some(done),
            )
        }
        WorkdayStatus::After { over_by } => (
            t!("today.after", hours = span, over = format_hm(over_by)),
            Some(1.0),
        ),
    };
    match ratio {
        Some(r) if area.width > 40 => {
            let gauge = LineGauge::default()
                .ratio(r.clamp(0.0, 1.0))
                .label(format!(" {label} "))
                .filled_style(theme.info())
                .unfilled_style(theme.dim());
            f.render_widget(gauge, area);
        }
        _ => f.render_widget(Line::raw(format!(" {label}")), area),
    }
}

fn task_line(task: &Task, theme: Theme, with_check: bool) -> Line<'static> {
    let mut spans = Vec::new();
    spans.push(Span::styled(format!("{:>3} ", task.id), theme.dim()));
    if with_check {
        spans.push(Span::raw(if task.is_done() { "[x] " } else { "[ ] " }));
    } else if task.is_done() {
        spans.push(Span::raw("✓ "));
    }
    if task.top {
        spans.push(Span::styled("★ ", theme.top()));
    }
    let title_style = if task.is_done() {
        theme.done()
    } else {
        ratatui::style::Style::default()
    };
    spans.push(Span::styled(shown(&task.title), title_style));
    if let Some(e) = task.estimate {
        spans.push(Span::styled(format!("  {e}"), theme.dim()));
    }
    if task.carried_from.is_some() {
        spans.push(Span::styled(
            format!("  ↪ {}", t!("today.carried")),
            theme.dim(),
        ));
    }
    Line::from(spans)
}

fn render_top(f: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let n = app.day.top_tasks().count();
    let block = Block::bordered()
        .title(format!(
            " {} ({n}/{}) ",
            t!("today.top3"),
            crate::core::plan::TOP_LIMIT
        ))
        .border_style(theme.border());
    let lines: Vec<Line> = if n == 0 {
        vec![Line::styled(t!("today.top3_empty"), theme.dim())]
    } else {
        app.day
            .top_tasks()
            .map(|t| task_line(t, theme, false))
            .collect()
    };
    f.render_widget(Paragraph::new(lines).block(block), area);
}

fn render_tasks(f: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let focused = app.pane == Pane::Tasks;
    let tasks: Vec<&Task> = app.day.active_tasks().collect();
    let done = tasks.iter().filter(|t| t.is_done()).count();
    let block = Block::bordered()
        .title(format!(" {} ({done}/{}) ", t!("today.tasks"), tasks.len()))
        .border_style(if focused {
            theme.title()
        } else {
            theme.border()
        });
    if tasks.is_empty() {
        f.render_widget(
            Paragraph::new(Line::styled(t!("today.no_tasks"), theme.dim())).block(block),
            area,
        );
        return;
    }
    let items: Vec<ListItem> = tasks
        .iter()
        .map(|t| ListItem::new(task_line(t, theme, true)))
        .collect();
    let mut state = ListState::default().with_selected(
        focused
            .then(|| {
                app.task_sel
                    .and_then(|id| tasks.iter().position(|t| t.id == id))
            })
            .flatten(),
    );
    let list = List::new(items)
        .block(block)
        .highlight_style(theme.selected())
        .highlight_symbol("› ");
    f.render_stateful_widget(list, area, &mut state);
}

fn render_timeline(f: &mut Frame, area: Rect, app: &App, now: &Moment, theme: Theme) {
    let focused = app.pane == Pane::Blocks;
    let tl = Timeline {
        blocks: app.day.blocks_by_time(),
        hours: app.work_hours(),
        now: now.is_today.then(|| TimeOfDay::of(now.local.time())),
        selected: if focused { app.block_sel } else { None },
        overlaps: overlapping(&app.day.blocks),
        no_buffer: crate::core::meetings::without_buffer(
            &app.day.blocks,
            app.config.meetings.buffer_minutes,
        ),
        breaks: &app.day.breaks,
        long_runs: crate::coach_runtime::coach(&app.config, &app.day).long_runs(),
    };
    let (lines, focus) = tl.lines(theme);
    let block = Block::bordered()
        .title(if tl.has_overlaps() {
            format!(
                " {} ({}) ",
                t!("today.timeline"),
                t!("timeline.overlap_legend")
            )
        } else {
            format!(" {} ", t!("today.timeline"))
        })
        .border_style(if focused {
            theme.title()
        } else {
            theme.border()
        });
    let visible = usize::from(area.height.saturating_sub(2));
    let offset = focus
        .saturating_sub(visible.saturating_sub(1) / 2)
        .min(lines.len().saturating_sub(visible));
    let p = Paragraph::new(lines)
        .block(block)
        .scroll((u16::try_from(offset).unwrap_or(0), 0));
    f.render_widget(p, area);
}
