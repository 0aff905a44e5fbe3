//! The one-line text box: a task's title or estimate, a block, how long to
//! pause the coach. Enter saves (or says what is wrong and stays open), Esc
//! leaves it.

use chrono::{DateTime, NaiveDate, Utc};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use ratatui_textarea::{CursorMove, TextArea};

use super::block_form::BlockForm;
use super::{Popup, centered};
use crate::coach_runtime::{self, intent::Intent};
use crate::core::day::DayOp;
use crate::core::plan::{BlockId, TaskId};
use crate::core::time::Estimate;
use crate::t;
use crate::tui::app::App;
use crate::tui::effect::Effect;
use crate::tui::keymap::Action;
use crate::tui::theme::Theme;

/// The start of every one-line input's draft key.
pub const INPUT_DRAFT: &str = "input-";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputPurpose {
    AddTask,
    AddTopTask,
    Title(TaskId),
    Estimate(TaskId),
    Block,
    /// A block's time and title, changed (its kind and video next).
    EditBlock(BlockId),
    /// How long to pause the coach: `30m`, `1h`, `until 14:00`, `14:00`.
    Pause,
    /// A day with no check-in, in the evening: worked from when to when
    /// (`09:00-17:30`).
    WorkedFromTo,
    /// The shown day's start and end, corrected afterwards (`09:10-17:50`).
    Correct(NaiveDate),
}

#[derive(Debug)]
pub struct Input {
    pub purpose: InputPurpose,
    pub area: TextArea<'static>,
    pub error: Option<String>,
    /// Why Enter is refused whatever is typed (a full top 3): shown until
    /// the box closes. The box opens all the same, so what the user types
    /// next lands in it, never on the keys of the screen under it.
    refused: Option<String>,
    /// The text it opened with: anything else is typed and not saved.
    start: String,
}

impl Input {
    #[must_use]
    pub fn new(purpose: InputPurpose, text: &str) -> Self {
        Self {
            purpose,
            area: area_of(text),
            error: None,
            refused: None,
            start: text.trim().to_string(),
        }
    }

    /// The key of its draft (`store::drafts`) on `date`: one per field, so a
    /// title typed for task 3 comes back for task 3 only.
    #[must_use]
    pub fn draft_key(&self, date: NaiveDate) -> String {
        let field = match self.purpose {
            InputPurpose::AddTask => "add-task".to_string(),
            InputPurpose::AddTopTask => "add-top-task".to_string(),
            InputPurpose::Title(id) => format!("title-{id}"),
            InputPurpose::Estimate(id) => format!("estimate-{id}"),
            InputPurpose::Block => "block".to_string(),
            InputPurpose::EditBlock(id) => format!("edit-block-{id}"),
            InputPurpose::Pause => "pause".to_string(),
            InputPurpose::WorkedFromTo => "worked-from-to".to_string(),
            InputPurpose::Correct(_) => "correct-day".to_string(),
        };
        format!("{INPUT_DRAFT}{date}-{field}")
    }

    /// What is typed and not saved; `None` when nothing is.
    #[must_use]
    pub fn unsaved(&self) -> Option<String> {
        let text = self.area.lines().join(" ").trim().to_string();
        (!text.is_empty() && text != self.start).then_some(text)
    }

    /// Offer `text`, kept from before, in place of what it opened with.
    pub fn offer(&mut self, text: &str) {
        self.area = area_of(text);
        self.error = Some(t!("input.draft_offered"));
    }

    /// The popup for `purpose` with `text` typed in.
    #[must_use]
    pub fn open(purpose: InputPurpose, text: &str) -> Popup {
        Popup::Input(Box::new(Self::new(purpose, text)))
    }

    /// The popup for `purpose`, its Enter refused for `why`.
    #[must_use]
    pub fn open_refused(purpose: InputPurpose, why: String) -> Popup {
        let mut input = Self::new(purpose, "");
        input.refuse(why);
        Popup::Input(Box::new(input))
    }

    /// Refuse Enter for `why`, whatever is typed; the box stays.
    pub fn refuse(&mut self, why: String) {
        self.refused = Some(why);
    }

    /// The input an edit was typed in, open again with the text as typed and
    /// why it failed, so nothing typed is lost; `None` for edits not typed.
    #[must_use]
    pub fn reopen(op: &DayOp, error: String) -> Option<Popup> {
        let (purpose, text) = match op {
            DayOp::AddTask { title, top, .. } => {
                let purpose = if *top {
                    InputPurpose::AddTopTask
                } else {
                    InputPurpose::AddTask
                };
                (purpose, title.clone())
            }
            DayOp::SetTitle { id, title } => (InputPurpose::Title(*id), title.clone()),
            DayOp::SetEstimate { id, estimate } => (
                InputPurpose::Estimate(*id),
                estimate
                    .map(|e| crate::i18n::hm(i64::from(e.minutes())))
                    .unwrap_or_default(),
            ),
            DayOp::AddBlock { span, title, .. } => (InputPurpose::Block, format!("{span} {title}")),
            DayOp::EditBlock {
                id,
                span: Some(span),
                title: Some(title),
                ..
            } => (InputPurpose::EditBlock(*id), format!("{span} {title}")),
            _ => return None,
        };
        let mut input = Self::new(purpose, &text);
        input.error = Some(error);
        // Not saved: a quit now keeps it as a draft.
        input.start = String::new();
        Some(Popup::Input(Box::new(input)))
    }

    /// Typing: every key but Enter and Esc goes into the text.
    pub fn on_raw_key(&mut self, ev: KeyEvent) -> bool {
        if matches!(ev.code, KeyCode::Enter | KeyCode::Esc) {
            return false;
        }
        self.area.input(ev);
        self.error = None;
        true
    }

    pub fn paste(&mut self, text: &str) {
        self.area.insert_str(text.replace(['\n', '\r'], " "));
    }

    pub fn on_action(&mut self, action: Action, app: &App, now: DateTime<Utc>) -> Vec<Effect> {
        if action == Action::Cancel {
            return vec![Effect::Close];
        }
        if let Some(why) = &self.refused {
            self.error = Some(why.clone());
            return Vec::new();
        }
        let text = self.area.lines().join(" ").trim().to_string();
        match self.submit(text, app, now) {
            Ok(effects) => std::iter::once(Effect::Close).chain(effects).collect(),
            Err(e) => {
                self.error = Some(e);
                Vec::new()
            }
        }
    }

    /// What Enter does with `text`, or why it cannot.
    fn submit(&self, text: String, app: &App, now: DateTime<Utc>) -> Result<Vec<Effect>, String> {
        match self.purpose {
            InputPurpose::AddTask | InputPurpose::AddTopTask => {
                if text.is_empty() {
                    return Err(t!("plan.refused.empty_title"));
                }
                let top = self.purpose == InputPurpose::AddTopTask;
                let op = DayOp::AddTask {
                    title: text,
                    top,
                    estimate: None,
                };
                // A top task added in the check-in is part of its answers.
                Ok(vec![if top {
                    Effect::Record(op)
                } else {
                    Effect::Edit(op)
                }])
            }
            InputPurpose::Title(id) => {
                if text.is_empty() {
                    return Err(t!("plan.refused.empty_title"));
                }
                Ok(vec![Effect::Edit(DayOp::SetTitle { id, title: text })])
            }
            InputPurpose::Estimate(id) => {
                let estimate = if text.is_empty() {
                    None
                } else {
                    Some(
                        text.parse::<Estimate>()
                            .map_err(|_| t!("cli.bad_estimate", value = text))?,
                    )
                };
                Ok(vec![Effect::Edit(DayOp::SetEstimate { id, estimate })])
            }
            InputPurpose::Pause => {
                let until = coach_runtime::parse_pause(&text, now)
                    .ok_or_else(|| t!("cli.bad_pause", value = text))?;
                // Refused here already when it cannot work, so the input stays
                // open to fix it; decided again on the day on disk.
                coach_runtime::coach(&app.config, &app.day)
                    .pause(now, until)
                    .map_err(coach_runtime::refusal)?;
                Ok(vec![Effect::Intent(Intent::Pause { until })])
            }
            InputPurpose::WorkedFromTo => {
                let bad = || t!("input.worked_bad", value = text.clone());
                let (from, until) = text.split_once('-').ok_or_else(bad)?;
                let t = |s: &str| s.trim().parse::<crate::core::time::TimeOfDay>();
                let (from, until) = (t(from).map_err(|_| bad())?, t(until).map_err(|_| bad())?);
                let c = coach_runtime::coach(&app.config, &app.day);
                let day_starts = app.config.workday.day_starts;
                let (from, until) = (
                    c.at_on_the_day(from, day_starts),
                    c.at_on_the_day(until, day_starts),
                );
                if until <= from || until > now {
                    return Err(bad());
                }
                Ok(vec![Effect::Cmd(crate::tui::msg::Cmd::WorkedFromTo {
                    date: app.date,
                    from,
                    until,
                })])
            }
            InputPurpose::Correct(_) => {
                crate::tui::correct::submit(&text, app, now).map(|c| vec![Effect::Cmd(c)])
            }
            InputPurpose::Block => {
                BlockForm::parse(&text).map(|form| vec![Effect::Open(Popup::BlockForm(form))])
            }
            InputPurpose::EditBlock(id) => {
                let mut form = BlockForm::parse(&text)?;
                if let Some(b) = app.shown_day().blocks.iter().find(|b| b.id == id) {
                    form.kind = b.kind;
                    form.video = b.video;
                }
                form.editing = Some(id);
                Ok(vec![Effect::Open(Popup::BlockForm(form))])
            }
        }
    }

    pub fn render(&self, f: &mut Frame, area: Rect, theme: Theme) {
        let title = match self.purpose {
            InputPurpose::AddTask => t!("input.add_task"),
            InputPurpose::AddTopTask => t!("input.add_top_task"),
            InputPurpose::Title(id) => t!("input.edit_title", id = id),
            InputPurpose::Estimate(id) => t!("input.estimate", id = id),
            InputPurpose::Block => t!("input.block"),
            InputPurpose::EditBlock(_) => t!("input.edit_block"),
            InputPurpose::Pause => t!("input.pause"),
            InputPurpose::WorkedFromTo => t!("input.worked"),
            InputPurpose::Correct(d) => {
                t!("input.correct", day = super::super::widgets::long_date(d))
            }
        };
        let hint = match self.purpose {
            InputPurpose::Estimate(_) => Some(t!("input.estimate_hint")),
            InputPurpose::Block | InputPurpose::EditBlock(_) => Some(t!("input.block_hint")),
            InputPurpose::Pause => Some(t!("input.pause_hint")),
            InputPurpose::WorkedFromTo => Some(t!("input.worked_hint")),
            InputPurpose::Correct(_) => Some(t!("input.correct_hint")),
            _ => None,
        };
        let rect = centered(area, 60, 6);
        f.render_widget(Clear, rect);
        let block = Block::bordered()
            .title(format!(" {title} "))
            .border_style(theme.border());
        let inner = block.inner(rect);
        f.render_widget(block, rect);
        let [field, note] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
        f.render_widget(&self.area, field);
        let note_line = match (self.error.as_ref().or(self.refused.as_ref()), hint) {
            (Some(e), _) => Line::styled(e.clone(), theme.error()),
            (None, Some(h)) => Line::styled(h, theme.dim()),
            (None, None) => Line::raw(""),
        };
        f.render_widget(Paragraph::new(note_line).wrap(Wrap { trim: true }), note);
    }
}

fn area_of(text: &str) -> TextArea<'static> {
    let mut area = TextArea::new(vec![text.to_string()]);
    area.move_cursor(CursorMove::End);
    area.set_cursor_line_style(ratatui::style::Style::default());
    area
}
