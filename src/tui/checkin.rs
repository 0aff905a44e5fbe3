//! The morning check-in: where you work, how you feel, what comes along from
//! the previous day, and today's top 3. Which step shows and what was chosen,
//! the keys of each step and its drawing; the answers go out as effects.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::app::App;
use super::effect::Effect;
use super::keymap::{Action, Choice};
use super::msg::Cmd;
use super::popup::centered;
use super::popup::input::{Input, InputPurpose};
use super::theme::Theme;
use super::view::Moment;
use super::widgets::{long_date, shown};
use crate::core::day::{Day, DayOp, Place};
use crate::core::plan::{TOP_LIMIT, Task, TaskRef};
use crate::store::CarryChoice;
use crate::t;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The last work day ended without a shutdown: when did it stop? kot's
    /// guess is typed in (Enter keeps it).
    Stopped,
    Place,
    Feeling,
    /// After a low feeling: a gentler day, yes or no.
    Gentle,
    Carry,
    Top,
}

impl Step {
    /// The keys this step reads.
    #[must_use]
    pub fn layer(self) -> super::keymap::Layer {
        use super::keymap::Layer;
        match self {
            Self::Stopped => Layer::CheckinStopped,
            Self::Place => Layer::CheckinPlace,
            Self::Feeling => Layer::CheckinFeeling,
            Self::Gentle => Layer::Confirm,
            Self::Carry => Layer::CheckinCarry,
            Self::Top => Layer::CheckinTop,
        }
    }
}

/// One unfinished task of the previous day and whether it comes along.
#[derive(Debug, Clone, PartialEq)]
pub struct CarryItem {
    pub task: Task,
    pub carry: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Checkin {
    pub step: Step,
    /// Index into `Place::ALL` of the highlighted place.
    pub place_sel: usize,
    pub feeling: Option<u8>,
    /// Highlighted feeling, 1 to 5.
    pub feeling_sel: u8,
    /// The last earlier day with a file, and its unfinished tasks.
    pub from: Option<NaiveDate>,
    pub carry: Vec<CarryItem>,
    pub carry_sel: usize,
    pub top_sel: usize,
    /// Off or sick was chosen: no gentle day to offer (there is no work).
    pub resting: bool,
    /// When the forgotten day stopped, as typed (kot's guess until a key
    /// is typed); `None` when nothing is asked.
    pub stopped: Option<String>,
    /// A key was typed over the guess.
    pub stopped_typed: bool,
    /// The time answered; `None` keeps kot's guess.
    pub stopped_at: Option<crate::core::time::TimeOfDay>,
    /// Why the time typed cannot be read.
    pub stopped_error: Option<String>,
}

impl Checkin {
    /// Start the check-in for `today`. `previous` is the last earlier day that has
    /// a file; its open tasks not yet carried into `today` are offered.
    #[must_use]
    pub fn start(today: &Day, previous: Option<&Day>, workday: bool) -> Self {
        let default_place = today
            .place
            .unwrap_or(if workday { Place::Home } else { Place::Off });
        let carried: Vec<TaskRef> = today.tasks.iter().filter_map(|t| t.carried_from).collect();
        let carry = previous
            .map(|p| {
                p.unfinished()
                    .filter(|t| {
                        !carried.contains(&TaskRef {
                            date: p.date,
                            id: t.id,
                        })
                    })
                    .map(|t| CarryItem {
                        task: t.clone(),
                        carry: true,
                    })
                    .collect()
            })
            .unwrap_or_default();
        Self {
            step: Step::Place,
            place_sel: Place::ALL
                .iter()
                .position(|p| *p == default_place)
                .unwrap_or(0),
            // Kept unless answered again: Esc skips a step, it never clears.
            feeling: today.checkin.as_ref().and_then(|c| c.feeling),
            feeling_sel: today.checkin.as_ref().and_then(|c| c.feeling).unwrap_or(3),
            from: previous.map(|p| p.date),
            carry,
            carry_sel: 0,
            top_sel: 0,
            resting: matches!(today.place, Some(Place::Off | Place::Sick)),
            stopped: None,
            stopped_typed: false,
            stopped_at: None,
            stopped_error: None,
        }
    }

    /// Ask first when the last work day stopped, offering `guess` (`HH:MM`).
    pub fn ask_stopped(&mut self, guess: String) {
        self.step = Step::Stopped;
        self.stopped = Some(guess);
    }

    /// Typing the time it stopped: digits and `:` (the first replaces the
    /// guess), Backspace.
    pub fn on_raw_key(&mut self, ev: ratatui::crossterm::event::KeyEvent) -> bool {
        use ratatui::crossterm::event::KeyCode;
        let Some(text) = self.stopped.as_mut().filter(|_| self.step == Step::Stopped) else {
            return false;
        };
        match ev.code {
            KeyCode::Char(ch) if ch.is_ascii_digit() || ch == ':' => {
                if !self.stopped_typed {
                    text.clear();
                }
                text.push(ch);
            }
            KeyCode::Backspace => {
                if !self.stopped_typed {
                    text.clear();
                }
                text.pop();
            }
            _ => return false,
        }
        self.stopped_typed = true;
        self.stopped_error = None;
        true
    }

    /// The step after the current one, skipping carry-over when nothing is open.
    pub fn advance(&mut self) -> Option<Step> {
        self.step = match self.step {
            Step::Stopped => Step::Place,
            Step::Place => Step::Feeling,
            Step::Feeling if self.low() => Step::Gentle,
            Step::Feeling | Step::Gentle if self.carry.is_empty() => Step::Top,
            Step::Feeling | Step::Gentle => Step::Carry,
            Step::Carry => Step::Top,
            Step::Top => return None,
        };
        Some(self.step)
    }

    /// A feeling of 1 or 2 on a day of work: kot offers a gentler day.
    #[must_use]
    pub fn low(&self) -> bool {
        !self.resting && self.feeling.is_some_and(|f| f <= 2)
    }

    /// Step number and count, for "step 2 of 4". The count is what the
    /// check-in asks from its start (the forgotten day's end, the tasks to
    /// carry), so it never grows mid-way: the gentler day offered after a
    /// low feeling is part of the feeling's step.
    #[must_use]
    pub fn progress(&self) -> (usize, usize) {
        let mut steps = Vec::new();
        if self.stopped.is_some() {
            steps.push(Step::Stopped);
        }
        steps.extend([Step::Place, Step::Feeling]);
        if !self.carry.is_empty() {
            steps.push(Step::Carry);
        }
        steps.push(Step::Top);
        let at = match self.step {
            Step::Gentle => Step::Feeling,
            s => s,
        };
        let i = steps.iter().position(|s| *s == at).unwrap_or(0);
        (i + 1, steps.len())
    }

    /// Keep the highlighted top-3 row on a task that exists.
    pub fn fix_selection(&mut self, tasks: usize) {
        self.top_sel = self.top_sel.min(tasks.saturating_sub(1));
    }

    /// The earlier day read again (a check-in started with `c`): offer its
    /// open tasks now if the carry step has not been passed.
    pub fn previous_loaded(&mut self, fresh: Self) {
        if matches!(self.step, Step::Place | Step::Feeling) {
            self.from = fresh.from;
            self.carry = fresh.carry;
            self.carry_sel = 0;
        }
    }

    pub fn on_action(&mut self, action: Action, app: &App) -> Vec<Effect> {
        let mut effects = Vec::new();
        match (self.step, action) {
            (Step::Stopped, Action::Submit) => {
                let text = self.stopped.clone().unwrap_or_default();
                match text.trim().parse::<crate::core::time::TimeOfDay>() {
                    Ok(t) => {
                        self.stopped_at = self.stopped_typed.then_some(t);
                        self.advance();
                    }
                    Err(_) => self.stopped_error = Some(t!("checkin.stopped_bad", value = text)),
                }
            }
            // Esc: kot's guess stands.
            (Step::Stopped, Action::Cancel) => {
                self.stopped_at = None;
                self.advance();
            }
            (Step::Place, Action::Up) => self.place_sel = self.place_sel.saturating_sub(1),
            (Step::Place, Action::Down) => {
                self.place_sel = (self.place_sel + 1).min(Place::ALL.len() - 1);
            }
            (Step::Place, Action::Choose(choice)) => {
                let place = match choice {
                    Choice::Office => Place::Office,
                    Choice::Off => Place::Off,
                    Choice::Sick => Place::Sick,
                    _ => Place::Home,
                };
                self.resting = matches!(place, Place::Off | Place::Sick);
                effects.push(set_place(app, place));
                self.advance();
            }
            (Step::Place, Action::Submit) => {
                let place = Place::ALL[self.place_sel];
                self.resting = matches!(place, Place::Off | Place::Sick);
                effects.push(set_place(app, place));
                self.advance();
            }
            (Step::Feeling, Action::Up) => self.feeling_sel = (self.feeling_sel + 1).min(5),
            (Step::Feeling, Action::Down) => {
                self.feeling_sel = self.feeling_sel.saturating_sub(1).max(1);
            }
            (Step::Feeling, Action::Choose(Choice::Feeling(n))) => {
                self.feeling = Some(n);
                self.feeling_sel = n;
                self.advance();
            }
            (Step::Feeling, Action::Submit) => {
                self.feeling = Some(self.feeling_sel);
                self.advance();
            }
            (Step::Gentle, Action::Confirm) => {
                effects.push(gentle(true));
                self.advance();
            }
            // No (or Esc): the usual blocks; a gentle day said before is
            // taken back only by answering no.
            (Step::Gentle, Action::Cancel) => {
                if app.day.coach.gentle {
                    effects.push(gentle(false));
                }
                self.advance();
            }
            (Step::Carry, _) => return self.on_carry(action, app),
            (Step::Top, _) => return self.on_top(action, app),
            (_, Action::Skip) => return self.skip(),
            _ => {}
        }
        effects
    }

    fn on_carry(&mut self, action: Action, app: &App) -> Vec<Effect> {
        let mut effects = Vec::new();
        match action {
            Action::Up => self.carry_sel = self.carry_sel.saturating_sub(1),
            Action::Down => {
                self.carry_sel = (self.carry_sel + 1).min(self.carry.len().saturating_sub(1));
            }
            Action::Choose(ch @ (Choice::Carry | Choice::Drop)) => {
                // The cursor stays on the row marked, as in the ritual: a
                // key and `j` then mark the next one, never the one after.
                if let Some(item) = self.carry.get_mut(self.carry_sel) {
                    item.carry = ch == Choice::Carry;
                }
            }
            Action::ToggleDone => {
                if let Some(item) = self.carry.get_mut(self.carry_sel) {
                    item.carry = !item.carry;
                }
            }
            Action::Submit => {
                if let Some(from) = self.from {
                    let choices = self
                        .carry
                        .iter()
                        .map(|item| CarryChoice {
                            id: item.task.id,
                            carry: item.carry,
                        })
                        .collect();
                    effects.push(Effect::Cmd(Cmd::Carry {
                        from,
                        to: app.date,
                        choices,
                    }));
                }
                self.advance();
            }
            Action::Skip => return self.skip(),
            _ => {}
        }
        effects
    }

    fn on_top(&mut self, action: Action, app: &App) -> Vec<Effect> {
        match action {
            Action::Up => self.top_sel = self.top_sel.saturating_sub(1),
            Action::Down => {
                let last = app.day.active_tasks().count().saturating_sub(1);
                self.top_sel = (self.top_sel + 1).min(last);
            }
            Action::ToggleTop => {
                if let Some(t) = app.day.active_tasks().nth(self.top_sel) {
                    return vec![Effect::Record(DayOp::SetTop {
                        id: t.id,
                        top: !t.top,
                    })];
                }
            }
            // A full top 3 would refuse the task typed: the box says so
            // before typing, and takes what is typed all the same.
            Action::Add if app.day.top_tasks().count() >= TOP_LIMIT => {
                let why = t!("plan.refused.top_full", limit = TOP_LIMIT);
                return vec![Effect::Open(Input::open_refused(
                    InputPurpose::AddTopTask,
                    why,
                ))];
            }
            Action::Add => return vec![Effect::Open(Input::open(InputPurpose::AddTopTask, ""))],
            Action::Submit => return self.finish(),
            Action::Skip => return self.skip(),
            _ => {}
        }
        Vec::new()
    }

    /// Esc: on to the next step, or done after the last.
    fn skip(&mut self) -> Vec<Effect> {
        if self.advance().is_none() {
            self.finish()
        } else {
            Vec::new()
        }
    }

    fn finish(&self) -> Vec<Effect> {
        vec![Effect::FinishCheckin {
            feeling: self.feeling,
            stopped: self.stopped_at,
        }]
    }
}

fn gentle(on: bool) -> Effect {
    Effect::Record(DayOp::Coach(crate::core::breaks::CoachOp::Gentle { on }))
}

fn set_place(app: &App, place: Place) -> Effect {
    let extra_work = app.config.workday.extra_work(app.date, place);
    Effect::Record(DayOp::SetPlace {
        place: Some(place),
        extra_work,
    })
}

impl Checkin {
    pub fn render(&self, f: &mut Frame, area: Rect, app: &App, now: &Moment, theme: Theme) {
        render(f, area, app, self, now, theme);
    }
}

fn render(f: &mut Frame, area: Rect, app: &App, c: &Checkin, now: &Moment, theme: Theme) {
    let rows = match c.step {
        Step::Stopped => 3 + usize::from(c.stopped_error.is_some()),
        Step::Carry => c.carry.len(),
        Step::Top => app.day.active_tasks().count().max(1),
        Step::Place => 4,
        Step::Feeling => 5,
        // Yes and no, a blank line, the word on talking (wrapped), and the
        // question's second line.
        Step::Gentle => 3 + t!("checkin.gentle_talk").chars().count().div_ceil(62) + 1,
    };
    // How the previous work day went, on every step; where it left off
    // beside the tasks it carried.
    let mut looking_back: Vec<String> = super::lookback::line(app).into_iter().collect();
    if matches!(c.step, Step::Carry | Step::Top) {
        looking_back.extend(super::lookback::left_off(app));
    }
    let back_rows = if looking_back.is_empty() {
        0
    } else {
        1 + looking_back
            .iter()
            .map(|l| l.chars().count().div_ceil(62))
            .sum::<usize>()
    };
    let rows = rows + back_rows;
    let note = unreadable_note(app).or_else(|| super::ritual::missed_note(app));
    // The note wraps inside the box (62 columns between the borders).
    let note_rows = note
        .as_ref()
        .map_or(0, |n| n.chars().count().div_ceil(62) + 1);
    let week_line = app
        .one_thing
        .as_ref()
        .map(|t| t!("checkin.one_thing", text = super::widgets::shown(t)));
    // The week's one thing wraps inside the box when there is room; on a
    // short terminal it takes one line (no blank before it) ending in `…`
    // after a whole word, never cut off at the bottom.
    let inner = usize::from(area.width.min(64).saturating_sub(2)).max(1);
    let room = usize::from(area.height).saturating_sub(rows + 7 + note_rows);
    let wrapped = week_line
        .as_ref()
        .map_or(0, |n| n.chars().count().div_ceil(inner) + 1);
    // (the line, a blank line before it, the rows both take)
    let (week_line, week_gap, week_rows) = match week_line {
        Some(l) if wrapped > room => {
            let one = super::widgets::fit_line(Line::styled(l, theme.info()), inner);
            let gap = room > 1;
            (Some(one), gap, 1 + usize::from(gap))
        }
        Some(l) => (Some(Line::styled(l, theme.info())), true, wrapped),
        None => (None, false, 0),
    };
    let height = u16::try_from(rows + 7 + note_rows + week_rows).unwrap_or(u16::MAX);
    let rect = centered(area, 64, height);
    f.render_widget(Clear, rect);
    let (n, of) = c.progress();
    let block = Block::bordered()
        .title(format!(" {} · {} ", greeting(now), long_date(app.date)))
        .border_style(theme.title());
    let mut lines = vec![
        Line::styled(t!("checkin.step", n = n, of = of), theme.dim()),
        Line::styled(question(app, c), theme.title()),
        Line::raw(""),
    ];
    lines.extend(options(app, c, theme));
    if !looking_back.is_empty() {
        lines.push(Line::raw(""));
        lines.extend(
            looking_back
                .into_iter()
                .map(|l| Line::styled(l, theme.info())),
        );
    }
    if let Some(line) = week_line {
        if week_gap {
            lines.push(Line::raw(""));
        }
        lines.push(line);
    }
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
            date = long_date(*date),
            problem = c.describe()
        )
    })
}

fn question(app: &App, c: &Checkin) -> String {
    match c.step {
        Step::Stopped => match app.missed.as_ref().map(|d| d.date) {
            Some(on) if app.date.pred_opt() == Some(on) => t!("checkin.stopped"),
            on => t!(
                "checkin.stopped_on",
                day = on
                    .map(|d| crate::i18n::day_near(d, app.date))
                    .unwrap_or_default()
            ),
        },
        Step::Place => t!("checkin.place"),
        Step::Feeling => t!("checkin.feeling"),
        Step::Gentle => t!(
            "checkin.gentle",
            minutes = crate::core::coach::gentle_focus(app.config.breaks.focus_minutes),
            usual = app.config.breaks.focus_minutes
        ),
        Step::Carry => t!(
            "checkin.carry",
            date = c.from.map(long_date).unwrap_or_default()
        ),
        Step::Top => {
            let n = app.day.top_tasks().count();
            match app.previous.as_ref().map(|p| p.date) {
                Some(on) if super::ritual::top_from_ritual(app) => {
                    picked_at_shutdown(app.date, on, n)
                }
                _ => t!("checkin.top", n = n, limit = TOP_LIMIT),
            }
        }
    }
}

/// "Your top 3, picked at yesterday's shutdown", or on the day it was: a
/// Monday names Friday's, a longer gap the date.
fn picked_at_shutdown(today: chrono::NaiveDate, on: chrono::NaiveDate, n: usize) -> String {
    use chrono::Datelike;
    let gap = (today - on).num_days();
    if gap == 1 {
        return t!("checkin.top_from_shutdown", n = n, limit = TOP_LIMIT);
    }
    let day = if (2..7).contains(&gap) {
        t!(&format!("weekday.{}", on.weekday().num_days_from_monday()))
    } else {
        super::widgets::short_date(on)
    };
    t!(
        "checkin.top_from_shutdown_on",
        day = day,
        n = n,
        limit = TOP_LIMIT
    )
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
        Step::Stopped => {
            let text = c.stopped.clone().unwrap_or_default();
            let mut lines = vec![
                row(true, vec![Span::styled(text, theme.title())], theme),
                Line::raw(""),
                Line::styled(t!("checkin.stopped_hint"), theme.dim()),
            ];
            if let Some(e) = &c.stopped_error {
                lines.push(Line::styled(e.clone(), theme.error()));
            }
            lines
        }
        Step::Place => Place::ALL
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let key = place_key(super::keymap::Layer::CheckinPlace, *p);
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
        Step::Gentle => {
            use super::keymap::{Layer, key_for};
            let answer = |action, key: &str, selected| {
                let k = key_for(Layer::Confirm, action).unwrap_or_default();
                row(
                    selected,
                    vec![
                        Span::styled(format!("{k}  "), theme.key()),
                        Span::raw(t!(key)),
                    ],
                    theme,
                )
            };
            vec![
                answer(Action::Confirm, "checkin.gentle_yes", true),
                answer(Action::Cancel, "checkin.gentle_no", false),
                Line::raw(""),
                Line::styled(t!("checkin.gentle_talk"), theme.info()),
            ]
        }
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

/// The key that chooses `place` in `layer`, as the key table has it.
#[must_use]
pub fn place_key(layer: super::keymap::Layer, place: Place) -> String {
    super::keymap::key_for(layer, Action::Choose(place_choice(place))).unwrap_or_default()
}

/// The one-key answer for `place`.
#[must_use]
pub fn place_choice(place: Place) -> Choice {
    match place {
        Place::Home => Choice::Home,
        Place::Office => Choice::Office,
        Place::Off => Choice::Off,
        Place::Sick => Choice::Sick,
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
