//! Today: the header with date and clock, the workday and its time left, the
//! coach's line and break card, the top 3, the task list and the timeline;
//! which task or block is selected, and what the plan keys do.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, LineGauge, List, ListItem, ListState, Paragraph, Wrap};

use super::app::App;
use super::coach;
use super::effect::Effect;
use super::keymap::Action;
use super::popup::Popup;
use super::popup::confirm::{Confirm, Target};
use super::popup::input::{Input, InputPurpose};
use super::popup::place::PlaceChooser;
use super::theme::Theme;
use super::view::Moment;
use super::widgets::timeline::Timeline;
use super::widgets::{fit_line, long_date, short_date, shown};
use crate::coach_runtime;
use crate::core::coach::CoachState;
use crate::core::day::{Day, DayOp, Place};
use crate::core::plan::{BlockId, PlanFit, Task, TaskId, overlapping};
use crate::core::text::{display_safe, display_safe_lines};
use crate::core::time::TimeOfDay;
use crate::core::workday::WorkdayStatus;
use crate::t;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    #[default]
    Tasks,
    Blocks,
}

/// What Today keeps between keys: the pane with the focus and the selection
/// in each.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Today {
    pub pane: Pane,
    pub task_sel: Option<TaskId>,
    pub block_sel: Option<BlockId>,
}

impl Today {
    pub fn on_action(&mut self, action: Action, app: &App, now: DateTime<Utc>) -> Vec<Effect> {
        if let Some(effects) = coach::on_action(action, app, now) {
            return effects;
        }
        let day = app.shown_day();
        let shown = app.shown_date();
        match (action, self.pane) {
            (Action::PrevUnit, _) => return vec![Effect::ShowDay(shown - chrono::Days::new(1))],
            (Action::NextUnit, _) => return vec![Effect::ShowDay(shown + chrono::Days::new(1))],
            (Action::ThisDay, _) => return vec![Effect::ShowDay(app.date)],
            (Action::DismissNudge | Action::SnoozeNudge, _) => {
                let answer = if action == Action::DismissNudge {
                    crate::core::nudges::Answer::Dismiss
                } else {
                    crate::core::nudges::Answer::Snooze
                };
                return match &app.nudge {
                    Some(n) if app.nudge_shows() => vec![Effect::Nudge {
                        rule: n.rule,
                        answer,
                    }],
                    _ => Vec::new(),
                };
            }
            (Action::Up, _) => self.step(day, -1),
            (Action::Down, _) => self.step(day, 1),
            (Action::SwitchPane, _) => {
                self.pane = match self.pane {
                    Pane::Tasks => Pane::Blocks,
                    Pane::Blocks => Pane::Tasks,
                };
                self.fix_selection(day);
            }
            (Action::Add, _) => return open(InputPurpose::AddTask, ""),
            (Action::AddBlock, _) => return open(InputPurpose::Block, ""),
            (Action::Undo, _) => return vec![Effect::Undo],
            (Action::Place, _) => {
                return vec![Effect::Open(Popup::Place(PlaceChooser::new(day.place)))];
            }
            (Action::Checkin, _) => return vec![Effect::Checkin],
            (Action::CorrectDay, _) => {
                let text = crate::tui::correct::prefill(app);
                return open(InputPurpose::Correct(shown), &text);
            }
            (Action::Edit, Pane::Blocks) => {
                if let Some(b) = self
                    .block_sel
                    .and_then(|id| day.blocks.iter().find(|b| b.id == id))
                {
                    let text = format!("{} {}", b.span, b.title);
                    return open(InputPurpose::EditBlock(b.id), &text);
                }
            }
            (Action::Delete, Pane::Blocks) => {
                if let Some(id) = self.block_sel {
                    return confirm(Target::Block(id));
                }
            }
            (_, Pane::Blocks) => {}
            (_, Pane::Tasks) => return self.on_task(action, day),
        }
        Vec::new()
    }

    /// The keys that act on the selected task.
    fn on_task(&self, action: Action, day: &Day) -> Vec<Effect> {
        let Some(task) = self.task_sel.and_then(|id| day.task(id)) else {
            return vec![Effect::say(t!("tui.no_task_selected"))];
        };
        let id = task.id;
        let op = match action {
            Action::Edit => return open(InputPurpose::Title(id), &task.title),
            Action::Estimate => {
                let text = task
                    .estimate
                    .map(|e| crate::i18n::hm(i64::from(e.minutes())))
                    .unwrap_or_default();
                return open(InputPurpose::Estimate(id), &text);
            }
            Action::Delete => return confirm(Target::Task(id)),
            Action::ToggleDone => DayOp::SetDone {
                id,
                done: !task.is_done(),
            },
            Action::ToggleTop => DayOp::SetTop { id, top: !task.top },
            Action::MoveUp => DayOp::MoveTask { id, by: -1 },
            Action::MoveDown => DayOp::MoveTask { id, by: 1 },
            _ => return Vec::new(),
        };
        vec![Effect::Edit(op)]
    }

    fn step(&mut self, day: &Day, by: i32) {
        match self.pane {
            Pane::Tasks => {
                let ids: Vec<TaskId> = day.active_tasks().map(|t| t.id).collect();
                self.task_sel = step(&ids, self.task_sel, by);
            }
            Pane::Blocks => {
                let ids: Vec<BlockId> = day.blocks_by_time().iter().map(|b| b.id).collect();
                self.block_sel = step(&ids, self.block_sel, by);
            }
        }
    }

    /// Whether a task (in the task list) or a block (on the timeline) is
    /// selected in the pane with the focus.
    #[must_use]
    pub fn selected(&self, day: &Day) -> (bool, bool) {
        match self.pane {
            Pane::Tasks => (self.task_sel.and_then(|id| day.task(id)).is_some(), false),
            Pane::Blocks => (
                false,
                self.block_sel
                    .is_some_and(|id| day.blocks.iter().any(|b| b.id == id)),
            ),
        }
    }

    /// `id` is about to be deleted: select the next task, else the one before.
    pub fn deleting(&mut self, day: &Day, id: TaskId) {
        let ids: Vec<TaskId> = day.active_tasks().map(|t| t.id).collect();
        let Some(i) = ids.iter().position(|x| *x == id) else {
            return;
        };
        self.task_sel = ids
            .get(i + 1)
            .or_else(|| i.checked_sub(1).and_then(|j| ids.get(j)))
            .copied();
    }

    /// An edit added or touched a task or a block: select it.
    pub fn select(&mut self, task: Option<TaskId>, block: Option<BlockId>) {
        if let Some(id) = task {
            self.task_sel = Some(id);
            self.pane = Pane::Tasks;
        }
        if let Some(id) = block {
            self.block_sel = Some(id);
        }
    }

    /// Keep the selections on items that exist.
    pub fn fix_selection(&mut self, day: &Day) {
        let ids: Vec<TaskId> = day.active_tasks().map(|t| t.id).collect();
        if !self.task_sel.is_some_and(|s| ids.contains(&s)) {
            self.task_sel = ids.first().copied();
        }
        let bids: Vec<BlockId> = day.blocks_by_time().iter().map(|b| b.id).collect();
        if !self.block_sel.is_some_and(|s| bids.contains(&s)) {
            self.block_sel = bids.first().copied();
        }
    }
}

fn open(purpose: InputPurpose, text: &str) -> Vec<Effect> {
    vec![Effect::Open(Input::open(purpose, text))]
}

fn confirm(target: Target) -> Vec<Effect> {
    vec![Effect::Open(Popup::Confirm(Confirm { target }))]
}

fn step<T: Copy + PartialEq>(ids: &[T], current: Option<T>, by: i32) -> Option<T> {
    let last = ids.len().checked_sub(1)?;
    let i = current
        .and_then(|c| ids.iter().position(|x| *x == c))
        .unwrap_or(0);
    let j = if by < 0 {
        i.saturating_sub(1)
    } else {
        (i + 1).min(last)
    };
    ids.get(j).copied()
}

/// Where Today's parts go: the coach's line, its break card (when one shows
/// and fits) and the body under them.
pub struct Areas {
    pub header: Rect,
    pub workday: Rect,
    pub status: Rect,
    pub card: Option<Rect>,
    /// Today's nudge, over the body, when one shows.
    pub nudge: Option<Rect>,
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
    // The card only where the top 3 still shows in full under it, with a
    // line of the task list; else the status line carries the countdown.
    let (card, body) = if card && body.height >= coach::card_height() + top_height(app) + 3 {
        let [card_area, rest] =
            Layout::vertical([Constraint::Length(coach::card_height()), Constraint::Min(0)])
                .areas(body);
        (Some(card_area), rest)
    } else {
        (None, body)
    };
    let (nudge, body) = nudge_area(body, app);
    Areas {
        header,
        workday,
        status,
        card,
        nudge,
        body,
    }
}

/// At most this many rows for the nudge.
const NUDGE_ROWS: usize = 3;

/// The nudge's rows, taken from the top of the body: as many as its text
/// needs (up to 3) where the top 3 and a row of tasks still fit under it,
/// else one, and none when even that would push the top 3 out.
fn nudge_area(body: Rect, app: &App) -> (Option<Rect>, Rect) {
    let Some(lines) = nudge_lines(app, body.width) else {
        return (None, body);
    };
    let top = top_height(app);
    if body.height <= top {
        return (None, body);
    }
    let room = usize::from(body.height.saturating_sub(top + 3)).max(1);
    let rows = u16::try_from(lines.len().min(room).min(NUDGE_ROWS)).unwrap_or(1);
    let [n, rest] = Layout::vertical([Constraint::Length(rows), Constraint::Min(0)]).areas(body);
    (Some(n), rest)
}

/// The nudge's text and reason, word-wrapped to `width`, when one shows.
fn nudge_lines(app: &App, width: u16) -> Option<Vec<String>> {
    let n = app.nudge.as_ref().filter(|_| app.nudge_shows())?;
    let text = format!("{} {}", crate::nudges::text(n), crate::nudges::reason(n));
    Some(wrap_words(
        &text,
        usize::from(width.saturating_sub(1)).max(10),
    ))
}

/// `text` in lines of at most `width` columns, broken between words (a
/// word longer than a line is cut by `fit_line` when drawn).
fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let w = unicode_width::UnicodeWidthStr::width(word);
        let used = unicode_width::UnicodeWidthStr::width(line.as_str());
        if !line.is_empty() && used + 1 + w > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The nudge in the rows it got: the last row ends in `…` after a whole
/// word when the rest does not fit.
fn render_nudge(f: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let Some(lines) = nudge_lines(app, area.width) else {
        return;
    };
    let width = usize::from(area.width.saturating_sub(1));
    let rows = usize::from(area.height);
    let mut out: Vec<Line<'static>> = Vec::new();
    for (i, l) in lines.iter().take(rows).enumerate() {
        let text = if i + 1 == rows && lines.len() > rows {
            // The rest of the text, cut at a word with `…`.
            lines[i..].join(" ")
        } else {
            l.clone()
        };
        out.push(fit_line(
            Line::styled(format!(" {text}"), theme.info()),
            width + 1,
        ));
    }
    f.render_widget(Paragraph::new(out), area);
}

pub fn render(f: &mut Frame, area: Rect, app: &App, now: &Moment, theme: Theme) {
    let Areas {
        header,
        workday,
        status,
        card,
        nudge,
        body,
    } = areas(area, app, now.coach);
    render_header(f, header, app, now, theme);
    render_workday(f, workday, app, now, theme);
    coach::render_status(
        f.buffer_mut(),
        status,
        app,
        (now.coach, card.is_some()),
        now.now,
        theme,
    );
    if let Some(card_area) = card {
        coach::render_card(f.buffer_mut(), card_area, app, now.coach, now.now, theme);
    }
    if let Some(nudge_area) = nudge {
        render_nudge(f, nudge_area, app, theme);
    }
    if let Some(c) = app.shown_unreadable() {
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
    if app.other.is_none() && super::evening_view::render_off(f, body, app, now.now, theme) {
        return;
    }
    let top_h = top_height(app);
    let (plan, timeline) = if body.width >= 80 {
        let [a, b] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
            .areas(body);
        (a, Some(b))
    } else if body.height >= top_h + 3 + 5 {
        // Stacked: the timeline gets 40%, never what the top 3 and a line of
        // tasks need.
        let tl = (body.height * 2 / 5).min(body.height - top_h - 3);
        let [a, b] = Layout::vertical([Constraint::Min(0), Constraint::Length(tl)]).areas(body);
        (a, Some(b))
    } else {
        // Too short for all three: the plan first, the timeline goes.
        (body, None)
    };
    let [top, tasks] =
        Layout::vertical([Constraint::Length(top_h), Constraint::Min(0)]).areas(plan);
    render_top(f, top, app, theme);
    // A box with no row inside says nothing: leave the space empty.
    if tasks.height >= 3 {
        render_tasks(f, tasks, app, now, theme);
    }
    if let Some(timeline) = timeline {
        render_timeline(f, timeline, app, now, theme);
    }
}

/// Rows the top 3 takes: its tasks (or the line saying there are none) and
/// its borders.
fn top_height(app: &App) -> u16 {
    u16::try_from(app.shown_day().top_tasks().count().max(1)).unwrap_or(1) + 2
}

/// ` kot · Monday 23 November 2026 · 10:20 ... home · feeling 4/5`. When the
/// line is too narrow the date gets shorter first, then the right part goes:
/// the clock always shows.
fn render_header(f: &mut Frame, area: Rect, app: &App, now: &Moment, theme: Theme) {
    let mut right = Vec::new();
    let day = app.shown_day();
    if let Some(p) = day.place {
        right.push(t!(&format!("place.{}", p.name())));
    }
    if let Some(feel) = day.checkin.as_ref().and_then(|c| c.feeling) {
        right.push(t!("today.feeling", n = feel));
    }
    if day.coach.gentle {
        right.push(t!("today.gentle"));
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
    let shown = app.shown_date();
    // Another day says so in words, before the date: it must never pass for today.
    let which = other_day_label(app.date, shown)
        .map(|w| format!("{w} · "))
        .unwrap_or_default();
    let long = format!("{which}{}", long_date(shown));
    let date = if fits(&long, &right) {
        long
    } else {
        format!("{which}{}", short_date(shown))
    };
    let right = if fits(&date, &right) {
        right
    } else {
        String::new()
    };
    let date_style = if which.is_empty() {
        ratatui::style::Style::default()
    } else {
        theme.warn()
    };
    let left = Line::from(vec![
        Span::styled(" kot ", theme.title()),
        Span::raw("· "),
        Span::styled(date, date_style),
        Span::raw(" · "),
        Span::styled(clock, theme.title()),
        Span::styled(read_only, theme.error()),
    ]);
    f.render_widget(left, area);
    f.render_widget(Line::raw(right).right_aligned(), area);
}

/// How the header names a day other than today: yesterday, tomorrow, or how
/// far it lies.
fn other_day_label(today: chrono::NaiveDate, shown: chrono::NaiveDate) -> Option<String> {
    match (shown - today).num_days() {
        0 => None,
        -1 => Some(t!("today.shown_yesterday")),
        1 => Some(t!("today.shown_tomorrow")),
        n if n < 0 => Some(t!("today.shown_past", n = -n)),
        n => Some(t!("today.shown_future", n = n)),
    }
}

fn render_workday(f: &mut Frame, area: Rect, app: &App, now: &Moment, theme: Theme) {
    // Another day's line is that day's hours and record: today's countdown
    // under "yesterday · Thursday" read as Thursday's.
    if !now.is_today {
        let label = match app.shown_hours() {
            Some(h) => {
                let hours = format!("{}–{}", h.start, h.end);
                super::lookback::worked_line(&hours, &app.shown_day().shutdown)
                    .unwrap_or_else(|| t!("today.other_day", hours = hours))
            }
            None => t!("today.other_day_free"),
        };
        f.render_widget(Line::styled(format!(" {label}"), theme.dim()), area);
        return;
    }
    if super::evening_view::render_countdown(f, area, app, now.now, theme) {
        return;
    }
    let status = now.workday;
    let span = now
        .hours
        .map(|(s, e)| format!("{}–{}", s.format("%H:%M"), e.format("%H:%M")))
        .unwrap_or_default();
    let (label, ratio) = match status {
        WorkdayStatus::Free => {
            let key = match app.day.place {
                Some(Place::Sick) => "today.sick",
                Some(Place::Off) => "today.off",
                None if app.config.workday.is_holiday(app.date) => "today.holiday",
                _ => "today.no_work",
            };
            (t!(key), None)
        }
        WorkdayStatus::Before { starts_in } => (
            t!(
                "today.before",
                hours = span,
                left = crate::i18n::countdown(starts_in)
            ),
            Some(0.0),
        ),
        WorkdayStatus::During { left, total } => {
            #[allow(clippy::cast_precision_loss)]
            let done = 1.0 - left.num_seconds() as f64 / total.num_seconds().max(1) as f64;
            (
                t!(
                    "today.during",
                    hours = span,
                    left = crate::i18n::countdown(left)
                ),
                Some(done),
            )
        }
        WorkdayStatus::After { over_by } => (
            t!(
                "today.after",
                hours = span,
                over = crate::i18n::countdown(over_by)
            ),
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

/// A task as a line: in the list with its id and a check box; in the top 3
/// with its rank (`rank`), since the ids there would read as ranks.
fn task_line(task: &Task, theme: Theme, rank: Option<usize>) -> Line<'static> {
    let with_check = rank.is_none();
    let mut spans = Vec::new();
    match rank {
        Some(r) => spans.push(Span::styled(format!(" {r}. "), theme.dim())),
        None => spans.push(Span::styled(format!("{:>3} ", task.id), theme.dim())),
    }
    if with_check {
        spans.push(Span::raw(if task.is_done() { "[x] " } else { "[ ] " }));
    } else if task.is_done() {
        spans.push(Span::raw("✓ "));
    }
    if task.top && with_check {
        spans.push(Span::styled("★ ", theme.top()));
    }
    let title_style = if task.is_done() {
        theme.done()
    } else {
        ratatui::style::Style::default()
    };
    spans.push(Span::styled(shown(&task.title), title_style));
    if let Some(e) = task.estimate {
        spans.push(Span::styled(
            format!("  {}", crate::i18n::hm(i64::from(e.minutes()))),
            theme.dim(),
        ));
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
    // The day shown, counted and listed alike (`[` / `]` show another day).
    let day = app.shown_day();
    let n = day.top_tasks().count();
    let inner = usize::from(area.width.saturating_sub(2));
    let block = Block::bordered()
        .title(format!(
            " {} · {} ",
            t!("today.top3"),
            t!(
                "today.top3_chosen",
                n = n,
                limit = crate::core::plan::TOP_LIMIT
            )
        ))
        .border_style(theme.border());
    let lines: Vec<Line> = if n == 0 {
        vec![Line::styled(t!("today.top3_empty"), theme.dim())]
    } else {
        day.top_tasks()
            .enumerate()
            .map(|(i, t)| fit_line(task_line(t, theme, Some(i + 1)), inner))
            .collect()
    };
    f.render_widget(Paragraph::new(lines).block(block), area);
}

/// `4h30 planned · 3h free`: the open tasks' estimates against the workday
/// left (from now on today, all of it on another day), less meetings (the
/// agreed team meetings too) and personal blocks; said gently when it does not fit
/// and there is room for it in `width` (else the figures alone, in the warning's
/// colour: they matter more than the advice). `None` with no estimates or no
/// work hours.
fn plan_fit_line(app: &App, now: &Moment, theme: Theme, width: u16) -> Option<Line<'static>> {
    let hours = app.shown_hours()?;
    let from = if now.is_today {
        TimeOfDay::of(now.local.time()).max(hours.start)
    } else {
        hours.start
    };
    // The agreed team meetings take time as the day's own meetings do.
    let mut blocks = app.shown_day().blocks.clone();
    blocks.extend(coach_runtime::team_blocks(&app.config, app.shown_day()));
    let coach = coach_runtime::coach(&app.config, app.shown_day());
    let from_at = crate::core::workday::resolve_local(&crate::clock::Zone, app.shown_date(), from);
    let fit = PlanFit::of(
        app.shown_day().active_tasks(),
        &blocks,
        (from, hours.end_in_day()),
        coach.lunch_to_come(from_at),
    );
    if fit.planned == 0 {
        return None;
    }
    let hm = |m: u32| crate::i18n::hm(i64::from(m));
    let (planned, free) = (hm(fit.planned), hm(fit.free));
    let short = t!("today.plan_fits", planned = planned, free = free);
    if fit.fits() {
        return Some(Line::styled(format!(" {short} "), theme.dim()));
    }
    let long = t!("today.plan_too_much", planned = planned, free = free);
    let room = usize::from(width.saturating_sub(4));
    let text = if long.chars().count() <= room {
        long
    } else {
        short
    };
    Some(Line::styled(format!(" {text} "), theme.warn()))
}

fn render_tasks(f: &mut Frame, area: Rect, app: &App, now: &Moment, theme: Theme) {
    let focused = app.today.pane == Pane::Tasks;
    let tasks: Vec<&Task> = app.shown_day().active_tasks().collect();
    let done = tasks.iter().filter(|t| t.is_done()).count();
    let mut block = Block::bordered();
    if let Some(line) = plan_fit_line(app, now, theme, area.width) {
        block = block.title_bottom(line.right_aligned());
    }
    let block = block
        .title(format!(
            " {} · {} ",
            t!("today.tasks"),
            t!("today.tasks_done", done = done, n = tasks.len())
        ))
        .border_style(if focused {
            theme.title()
        } else {
            theme.border()
        });
    // Tasks added while another process holds the write lock: shown, marked,
    // under the saved ones (they are not in the file yet, so not selectable).
    let waiting: &[String] = if app.other.is_none() {
        &app.waiting_tasks
    } else {
        &[]
    };
    if tasks.is_empty() && waiting.is_empty() {
        f.render_widget(
            Paragraph::new(Line::styled(t!("today.no_tasks"), theme.dim())).block(block),
            area,
        );
        return;
    }
    let items: Vec<ListItem> = tasks
        .iter()
        // The borders and the `› ` of the selection take four columns.
        .map(|t| {
            let width = usize::from(area.width.saturating_sub(4));
            ListItem::new(fit_line(task_line(t, theme, None), width))
        })
        .chain(waiting.iter().map(|title| {
            let width = usize::from(area.width.saturating_sub(4));
            let line = Line::from(vec![
                Span::styled("⧗ ", theme.dim()),
                Span::raw(display_safe(title).into_owned()),
                Span::styled(format!(" · {}", t!("today.task_waiting")), theme.dim()),
            ]);
            ListItem::new(fit_line(line, width))
        }))
        .collect();
    let mut state = ListState::default().with_selected(
        focused
            .then(|| {
                app.today
                    .task_sel
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
    let focused = app.today.pane == Pane::Blocks;
    // Team meetings from [agreements] show like blocks but are not the
    // day's own: they cannot be selected or edited.
    let team = coach_runtime::team_blocks(&app.config, app.shown_day());
    let mut blocks = app.shown_day().blocks_by_time();
    blocks.extend(team.iter());
    blocks.sort_by_key(|b| b.span.start);
    let shown_coach = coach_runtime::coach(&app.config, app.shown_day());
    let tl = Timeline {
        blocks,
        hours: app.shown_hours(),
        now: now.is_today.then(|| TimeOfDay::of(now.local.time())),
        selected: if focused { app.today.block_sel } else { None },
        overlaps: overlapping(&app.shown_day().blocks),
        no_buffer: crate::core::meetings::without_buffer(
            &app.shown_day().blocks,
            app.config.meetings.buffer_minutes,
        ),
        breaks: &app.shown_day().breaks,
        not_lunch: app
            .shown_day()
            .breaks
            .iter()
            .map(|b| shown_coach.lunch_not_counted(b))
            .collect(),
        long_runs: shown_coach.long_runs(),
        stopped: crate::tui::lookback::stopped(app, &shown_coach),
        evenings: crate::tui::lookback::evenings(app.shown_day()),
    };
    let (lines, focus) = tl.lines(theme);
    let width = usize::from(area.width.saturating_sub(2));
    let lines: Vec<Line> = lines.into_iter().map(|l| fit_line(l, width)).collect();
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
