//! The end-of-day ritual as a room over Today: it walks
//! `core::shutdown::ritual` step by step (Today, Tomorrow, the journal's
//! evening check-in, your own steps), each checked off, with a way back, and
//! once the last step is behind asks the loop to write it all
//! (`coach_runtime::shutdown::finish`, through `Pending`, so the loop never
//! waits for the lock). The journal step embeds the evening form
//! (`tui::evening`): its answers are written as they are given, like on the
//! Journal screen. Drawing is in `render`, the loop's side in `io`.

pub mod io;
pub mod render;

use chrono::{DateTime, NaiveDate, Utc};
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

use super::app::App;
use super::effect::Effect;
use super::evening::{Evening, Reply};
use super::keymap::{Action, Choice, Layer};
use super::msg::Cmd;
use super::popup::Popup;
use super::popup::confirm::{Confirm, Target};
use crate::core::journal::Entry;
use crate::core::shutdown::ritual::{Pick, Ritual, RitualRefusal, Step, TaskChoice};
use crate::t;

/// Where the room stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    /// The steps are being walked.
    Walking,
    /// Every step is behind; the writes are on their way.
    Writing,
    /// Written: "Shutdown complete", with what was recorded.
    Done(Summary),
}

/// What the last screen says about the finished ritual.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// `17:42 (on time)`.
    pub at: String,
    pub worked: String,
    pub overtime: String,
    /// The next work day and its top tasks as written.
    pub next_day: NaiveDate,
    pub top: Vec<String>,
}

#[derive(Debug)]
pub struct RitualRoom {
    pub ritual: Ritual,
    /// The highlighted row of Today's unfinished tasks or Tomorrow's list.
    pub sel: usize,
    /// The journal's evening check-in for the day, shown on its step.
    pub evening: Evening,
    /// A new top task's title being typed (Tomorrow, `a`), or where you
    /// left off (`n`, with `typing_note`).
    pub typing: Option<TextArea<'static>>,
    /// `typing` holds where you left off, not a title.
    pub typing_note: bool,
    pub error: Option<String>,
    pub phase: Phase,
    /// This week's one thing being typed (the week step).
    pub week_typing: Option<TextArea<'static>>,
    /// The week so far at a glance, for the week step (read when it opened).
    pub glance: Option<crate::core::review::Totals>,
    /// When the user took the ritual up: opened it (`Q`, the notice's
    /// button) or, when it opened by itself at the end of the day, pressed
    /// the first key in it. The shutdown is then, as `kot shutdown` counts
    /// it, so the minutes spent on the steps never make it late, and work
    /// done while it stood open untouched is not lost.
    pub opened: Option<DateTime<Utc>>,
    /// Today's tasks changed (one added or done) after the ritual was taken
    /// up: at its end it asks whether to shut down now instead.
    pub kept_working: bool,
}

/// What the app does after a key.
#[derive(Debug)]
pub enum RitualReply {
    Stay(Vec<Effect>),
    /// Leave the ritual (before the first step, or after the last).
    Close,
}

impl RitualRoom {
    #[must_use]
    pub fn new(ritual: Ritual, entry: Entry) -> Self {
        Self {
            ritual,
            sel: 0,
            evening: Evening::new(entry).in_ritual(),
            typing: None,
            typing_note: false,
            error: None,
            phase: Phase::Walking,
            week_typing: None,
            glance: None,
            opened: None,
            kept_working: false,
        }
    }

    /// With the week so far, for the week step.
    #[must_use]
    pub fn with_glance(mut self, glance: crate::core::review::Totals) -> Self {
        self.glance = Some(glance);
        self
    }

    /// Whether this week's one thing is being typed (the week step, once
    /// last week's is answered).
    fn on_week_text(&self) -> bool {
        self.phase == Phase::Walking
            && self.ritual.current() == Some(&Step::Week)
            && self
                .ritual
                .week()
                .is_some_and(|w| !w.asks_last_week() && w.takes_one_thing())
    }

    /// The field for this week's one thing, opened with what it is now.
    fn week_area(&mut self) -> &mut TextArea<'static> {
        let now = self
            .ritual
            .week()
            .and_then(|w| w.one_thing())
            .unwrap_or_default()
            .to_string();
        self.week_typing.get_or_insert_with(|| {
            let mut area = TextArea::new(vec![now]);
            area.set_cursor_line_style(ratatui::style::Style::default());
            area.move_cursor(ratatui_textarea::CursorMove::End);
            area
        })
    }

    /// The lines being typed here, as `(field, area, text it opened with)`:
    /// text fields whose unsaved text is kept as a draft.
    pub fn typing_mut(&mut self) -> Vec<(&'static str, &mut TextArea<'static>, String)> {
        let one_thing = self
            .ritual
            .week()
            .and_then(|w| w.one_thing())
            .unwrap_or_default()
            .to_string();
        let mut out = Vec::new();
        let note = self.ritual.note().unwrap_or_default().to_string();
        if let Some(a) = &mut self.typing {
            if self.typing_note {
                out.push(("ritual-note", a, note));
            } else {
                out.push(("ritual-top", a, String::new()));
            }
        }
        if let Some(a) = &mut self.week_typing {
            out.push(("ritual-one-thing", a, one_thing));
        }
        if let Some((field, a)) = self.evening.typing_mut() {
            out.push((field, a, String::new()));
        }
        out
    }

    /// The keys read now.
    #[must_use]
    pub fn layer(&self) -> Layer {
        if self.typing.is_some() {
            return Layer::TextInput;
        }
        if self.phase != Phase::Walking {
            return Layer::RitualDone;
        }
        match self.ritual.current() {
            Some(Step::Today) => Layer::RitualToday,
            Some(Step::Tomorrow) => Layer::RitualTomorrow,
            Some(Step::Journal) => match self.evening.layer() {
                Layer::Evening => Layer::RitualJournal,
                typing => typing,
            },
            Some(Step::Own(_) | Step::Rest) => Layer::RitualStep,
            Some(Step::Week) if self.on_week_text() => Layer::RitualWeekText,
            Some(Step::Week) => Layer::RitualWeek,
            None => Layer::RitualDone,
        }
    }

    fn on_journal(&self) -> bool {
        self.phase == Phase::Walking && self.ritual.current() == Some(&Step::Journal)
    }

    /// Typing: a new top task's title, or a contact or a win in the form.
    pub fn on_raw_key(&mut self, ev: KeyEvent) -> bool {
        if let Some(area) = &mut self.typing {
            if matches!(ev.code, KeyCode::Enter | KeyCode::Esc) {
                return false;
            }
            area.input(ev);
            self.error = None;
            return true;
        }
        if self.on_week_text() {
            if matches!(ev.code, KeyCode::Enter | KeyCode::Esc) {
                return false;
            }
            self.week_area().input(ev);
            return true;
        }
        self.on_journal() && self.evening.on_raw_key(ev)
    }

    pub fn paste(&mut self, text: &str) -> bool {
        if let Some(area) = &mut self.typing {
            area.insert_str(text.replace(['\n', '\r'], " "));
            return true;
        }
        if self.on_week_text() {
            self.week_area().insert_str(text.replace(['\n', '\r'], " "));
            return true;
        }
        self.on_journal() && self.evening.paste(text)
    }

    /// A journal write came back: the form shows the entry as written.
    pub fn journal_updated(&mut self, date: NaiveDate, entry: &Entry) {
        if self.evening.date() == date {
            self.evening.take_entry(entry.clone());
        }
    }

    /// Today's file changed while the ritual is open: its lists follow it.
    pub fn follow(&mut self, today: &crate::core::day::Day) {
        if self.phase != Phase::Walking {
            return;
        }
        let before = self.lists();
        // The row under the cursor, by what it is: a task added or gone
        // meanwhile must not move the cursor onto another (`t` would then
        // pick the wrong one).
        let step = self.ritual.current().cloned();
        let task_under = self.ritual.unfinished().get(self.sel).map(|r| r.0);
        let pick_under = self.ritual.candidates().get(self.sel).map(|r| r.0.clone());
        self.ritual.follow_today(today);
        if self.opened.is_some() && self.lists() != before {
            self.kept_working = true;
        }
        let (rows, now_at) = match step {
            Some(Step::Today) => {
                let rows = self.ritual.unfinished();
                let at = rows.iter().position(|r| Some(r.0) == task_under);
                (rows.len(), at)
            }
            Some(Step::Tomorrow) => {
                let rows = self.ritual.candidates();
                let at = rows.iter().position(|r| Some(&r.0) == pick_under.as_ref());
                (rows.len(), at)
            }
            _ => (usize::MAX, None),
        };
        self.sel = now_at.unwrap_or(self.sel).min(rows.saturating_sub(1));
    }

    pub fn on_action(&mut self, action: Action, now: DateTime<Utc>) -> RitualReply {
        // The first key in a ritual that opened by itself takes it up.
        self.opened.get_or_insert(now);
        if self.typing.is_some() {
            self.on_typing(action);
            return RitualReply::Stay(Vec::new());
        }
        match &self.phase {
            Phase::Walking => {}
            Phase::Writing => return RitualReply::Stay(Vec::new()),
            Phase::Done(_) => return RitualReply::Close,
        }
        let Some(step) = self.ritual.current().cloned() else {
            return RitualReply::Close;
        };
        if step == Step::Journal && self.evening.layer() != Layer::Evening {
            return RitualReply::Stay(self.form_action(action));
        }
        self.error = None;
        if step == Step::Week {
            match self.on_week(action) {
                Some(()) => {}
                None => return RitualReply::Stay(Vec::new()),
            }
            return self.moved(now);
        }
        match action {
            Action::Submit => self.ritual.next(),
            Action::Skip => self.ritual.skip(),
            Action::Cancel if self.ritual.position() == 0 => return RitualReply::Close,
            Action::Cancel => self.ritual.back(),
            _ => {
                let effects = match step {
                    Step::Today => self.on_today(action),
                    Step::Tomorrow => self.on_tomorrow(action),
                    Step::Journal => self.form_action(action),
                    Step::Own(_) | Step::Rest | Step::Week => Vec::new(),
                };
                return RitualReply::Stay(effects);
            }
        }
        self.moved(now)
    }

    /// The week step's keys: `Some(())` when the walk moved (on, skipped,
    /// back). Last week's one thing is answered `y`/`n` (`j`/`n` in Dutch);
    /// then this week's is typed, Enter keeps it, Esc leaves what was
    /// recorded.
    fn on_week(&mut self, action: Action) -> Option<()> {
        if self.on_week_text() {
            match action {
                Action::Submit => {
                    let text = self.week_area().lines().join(" ");
                    self.ritual.set_one_thing(&text);
                    self.week_typing = None;
                    self.ritual.next();
                }
                Action::Skip => {
                    self.week_typing = None;
                    self.ritual.skip();
                }
                _ => return None,
            }
            return Some(());
        }
        match action {
            Action::Choose(Choice::Happened(yes)) => {
                // Asked only when last week had one thing (`asks_last_week`).
                let _ = self.ritual.answer_happened(yes);
                return None;
            }
            Action::Skip => self.ritual.skip(),
            Action::Cancel => self.ritual.back(),
            _ => return None,
        }
        Some(())
    }

    /// The wins and the unfinished tasks, to see today's file change them.
    fn lists(&self) -> (Vec<String>, Vec<(crate::core::plan::TaskId, String)>) {
        let open = self.ritual.unfinished();
        (
            self.ritual.wins(),
            open.into_iter()
                .map(|(id, t, _)| (id, t.to_string()))
                .collect(),
        )
    }

    /// After the walk moved: the next step, or the writes once the last is
    /// behind (asking first when work went on after the ritual was taken
    /// up: "You kept working after 17:31: shut down now?").
    fn moved(&mut self, now: DateTime<Utc>) -> RitualReply {
        self.sel = 0;
        if self.ritual.finished() {
            if self.kept_working
                && let Some(since) = self.opened
            {
                return RitualReply::Stay(vec![Effect::Open(Popup::Confirm(Confirm {
                    target: Target::KeptWorking { since },
                }))]);
            }
            return RitualReply::Stay(
                self.finish(None, now)
                    .into_iter()
                    .map(Effect::Cmd)
                    .collect(),
            );
        }
        RitualReply::Stay(Vec::new())
    }

    /// Write the walked ritual, with the shutdown at `at`, else when it was
    /// taken up.
    pub fn finish(&mut self, at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Option<Cmd> {
        if self.phase != Phase::Walking || !self.ritual.finished() {
            return None;
        }
        self.phase = Phase::Writing;
        Some(Cmd::FinishRitual {
            plan: self.ritual.plan(),
            at: at.or(self.opened).unwrap_or(now),
        })
    }

    fn form_action(&mut self, action: Action) -> Vec<Effect> {
        match self.evening.on_action(action) {
            Reply::Stay(effects) => effects,
            Reply::Done => Vec::new(),
        }
    }

    fn on_today(&mut self, action: Action) -> Vec<Effect> {
        let rows = self.ritual.unfinished();
        let last = rows.len().saturating_sub(1);
        let choice = match action {
            Action::Up => {
                self.sel = self.sel.saturating_sub(1);
                return Vec::new();
            }
            Action::Down => {
                self.sel = (self.sel + 1).min(last);
                return Vec::new();
            }
            Action::Choose(Choice::Done) => TaskChoice::Done,
            Action::Choose(Choice::Carry) => TaskChoice::Carry,
            Action::Choose(Choice::Drop) => TaskChoice::Drop,
            Action::Choose(Choice::Keep) => TaskChoice::Keep,
            _ => return Vec::new(),
        };
        // The cursor stays on the marked row: `d j o` marks the row under it,
        // then the next one, as the keys read.
        if let Some((id, _, _)) = rows.get(self.sel) {
            let _ = self.ritual.choose(*id, choice);
        }
        Vec::new()
    }

    /// Tomorrow's rows: its own tasks, today's carried ones, then new titles
    /// picked here.
    #[must_use]
    pub fn tomorrow_rows(&self) -> Vec<(Pick, String)> {
        let mut rows = self.ritual.candidates();
        rows.extend(self.ritual.top().iter().filter_map(|p| match p {
            Pick::New(t) => Some((p.clone(), t.clone())),
            _ => None,
        }));
        rows
    }

    fn on_tomorrow(&mut self, action: Action) -> Vec<Effect> {
        let rows = self.tomorrow_rows();
        let last = rows.len().saturating_sub(1);
        let picked = rows.get(self.sel).map(|(p, _)| p.clone());
        let result = match (action, picked) {
            (Action::Up, _) => {
                self.sel = self.sel.saturating_sub(1);
                Ok(())
            }
            (Action::Down, _) => {
                self.sel = (self.sel + 1).min(last);
                Ok(())
            }
            (Action::Add, _) => {
                let mut area = TextArea::new(vec![String::new()]);
                area.set_cursor_line_style(ratatui::style::Style::default());
                self.typing = Some(area);
                self.typing_note = false;
                Ok(())
            }
            (Action::LeftOff, _) => {
                let now = self.ritual.note().unwrap_or_default().to_string();
                let mut area = TextArea::new(vec![now]);
                area.set_cursor_line_style(ratatui::style::Style::default());
                area.move_cursor(ratatui_textarea::CursorMove::End);
                self.typing = Some(area);
                self.typing_note = true;
                Ok(())
            }
            (Action::ToggleTop, Some(p)) => self.ritual.toggle(p),
            (Action::SetFirst, Some(p)) => self.ritual.set_first(p),
            _ => Ok(()),
        };
        if let Err(r) = result {
            self.error = Some(refusal(&r));
        }
        Vec::new()
    }

    fn on_typing(&mut self, action: Action) {
        let Some(area) = &self.typing else {
            return;
        };
        match action {
            Action::Cancel => self.typing = None,
            Action::Submit if self.typing_note => {
                let note = area.lines().join(" ");
                self.ritual.set_note(&note);
                self.typing = None;
                self.error = None;
            }
            Action::Submit => {
                let title = area.lines().join(" ");
                match self.ritual.pick(Pick::New(title)) {
                    Ok(()) => {
                        self.typing = None;
                        self.error = None;
                        self.sel = self.tomorrow_rows().len().saturating_sub(1);
                    }
                    Err(r) => self.error = Some(refusal(&r)),
                }
            }
            _ => {}
        }
    }

    /// The writes failed (not a busy lock: those wait in `Pending`): back
    /// to the last step, with why, so Enter tries again.
    pub fn failed(&mut self, why: String) {
        self.phase = Phase::Walking;
        self.ritual.back();
        self.error = Some(why);
    }
}

/// A refused choice in the user's words.
#[must_use]
pub fn refusal(r: &RitualRefusal) -> String {
    match r {
        RitualRefusal::TopFull => t!(
            "plan.refused.top_full",
            limit = crate::core::plan::TOP_LIMIT
        ),
        RitualRefusal::NoSuchTask(id) => t!("cli.shutdown.no_such_task", id = id),
        RitualRefusal::NotCarried(id) => t!("ritual.not_carried", id = id),
        RitualRefusal::EmptyTitle => t!("plan.refused.empty_title"),
    }
}

/// The check-in's note when the last work day before today ended with no
/// shutdown: "Friday ended without a shutdown".
#[must_use]
pub fn missed_note(app: &App) -> Option<String> {
    let day = app.missed.as_ref()?;
    // The weekday within the last 6 days, else with the date.
    let name = crate::i18n::day_near(day.date, app.date);
    // A sentence starts with a capital: `maandag` → `Maandag`.
    let mut chars = name.chars();
    let name: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    Some(t!("ritual.missed_note", day = name))
}

/// Whether today's top 3 was picked in the previous day's ritual (the
/// check-in's top step then asks to confirm or change it).
#[must_use]
pub fn top_from_ritual(app: &App) -> bool {
    app.previous
        .as_ref()
        .is_some_and(|p| crate::core::shutdown::top_picked_at_shutdown(p, &app.day))
}
