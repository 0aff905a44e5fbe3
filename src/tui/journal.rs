//! The Journal screen (`2`): a month calendar coloured by mood with the
//! month's entries beside it, one day to read, the search, and the two ways
//! to write a day: the evening check-in form (`e`, `evening`) and the text
//! (`t` in kot's own editor, `E` in the user's). What it shows, its keys and
//! its drawing; reads and writes go out as commands (`io`).

pub mod calendar;
pub mod day;
pub mod io;
pub mod search;
pub mod text;

use chrono::{Datelike, Days, Months, NaiveDate};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use self::io::{JournalCmd, Then};
use self::search::Search;
use self::text::TextEditor;
use super::app::App;
use super::effect::Effect;
use super::evening::{Evening, Reply};
use super::keymap::{Action, Layer};
use super::msg::Cmd;
use super::theme::Theme;
use crate::core::day::Day;
use crate::core::journal::summary::DaySummary;
use crate::store::drafts::Draft;
use crate::store::journal::EntryLoad;

/// Which part of the screen reads keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    Month,
    Day,
    Search,
}

/// One day as read from disk, for reading it.
#[derive(Debug, Clone, PartialEq)]
pub struct DayShown {
    pub date: NaiveDate,
    pub entry: EntryLoad,
    /// The day file, for the morning feeling and the place.
    pub day: Option<Day>,
    pub scroll: u16,
}

#[derive(Debug, Default)]
pub struct Journal {
    pub view: View,
    /// The day with the cursor on the calendar.
    pub selected: Option<NaiveDate>,
    /// The first day of the month the summaries are of, once read.
    pub month: Option<NaiveDate>,
    pub summaries: Vec<DaySummary>,
    /// Files of the month that could not be read.
    pub unreadable: usize,
    pub day: Option<DayShown>,
    pub search: Search,
    pub form: Option<Evening>,
    pub text: Option<TextEditor>,
    /// The day being read was opened from the search's results: Esc goes
    /// back to them, the same query and selection.
    from_results: bool,
}

impl Journal {
    /// The screen is shown: start on today's month the first time; read the
    /// month (again: another kot may have written).
    pub fn show(&mut self, today: NaiveDate) -> Vec<Cmd> {
        let selected = *self.selected.get_or_insert(today);
        vec![Cmd::Journal(JournalCmd::Month(first_of(selected)))]
    }

    #[must_use]
    pub fn loaded_month(&self) -> Option<NaiveDate> {
        self.month
    }

    /// The day being read or edited, to read again after an outside change.
    #[must_use]
    pub fn day_shown(&self) -> Option<NaiveDate> {
        self.day.as_ref().map(|d| d.date)
    }

    /// The keys read now: an open editor or form first, then the view.
    #[must_use]
    pub fn layer(&self) -> Layer {
        if self.text.is_some() {
            return Layer::JournalText;
        }
        if let Some(f) = &self.form {
            return f.layer();
        }
        match self.view {
            View::Month => Layer::JournalMonth,
            View::Day => Layer::JournalDay,
            View::Search => self.search.layer(),
        }
    }

    /// Typing, before the key table: in the text, a contact, a win, a search.
    pub fn on_raw_key(&mut self, ev: KeyEvent) -> bool {
        if let Some(t) = &mut self.text {
            return t.on_raw_key(ev);
        }
        if let Some(f) = &mut self.form {
            return f.on_raw_key(ev);
        }
        self.view == View::Search && self.search.on_raw_key(ev)
    }

    pub fn paste(&mut self, text: &str) -> bool {
        if let Some(t) = &mut self.text {
            t.paste(text);
        } else if let Some(f) = &mut self.form {
            return f.paste(text);
        } else if self.view == View::Search {
            self.search.paste(text);
        } else {
            return false;
        }
        true
    }

    pub fn on_action(&mut self, action: Action, app: &App) -> Vec<Effect> {
        if let Some(t) = &mut self.text {
            let (effects, done) = t.on_action(action);
            if done {
                self.text = None;
            }
            return effects;
        }
        if let Some(f) = &mut self.form {
            return match f.on_action(action) {
                Reply::Stay(effects) => effects,
                Reply::Done => {
                    self.form = None;
                    Vec::new()
                }
            };
        }
        match self.view {
            View::Month => self.on_month(action, app),
            View::Day => self.on_day(action, app),
            View::Search => self.on_search(action),
        }
    }

    fn on_month(&mut self, action: Action, app: &App) -> Vec<Effect> {
        let sel = self.selected.unwrap_or(app.date);
        let moved = match action {
            Action::Left => sel.checked_sub_days(Days::new(1)),
            Action::Right => sel.checked_add_days(Days::new(1)),
            Action::Up => sel.checked_sub_days(Days::new(7)),
            Action::Down => sel.checked_add_days(Days::new(7)),
            Action::PrevUnit => sel.checked_sub_months(Months::new(1)),
            Action::NextUnit => sel.checked_add_months(Months::new(1)),
            _ => return self.open_day(action, sel, app),
        };
        let Some(next) = moved else {
            return Vec::new();
        };
        self.selected = Some(next);
        if Some(first_of(next)) == self.month {
            Vec::new()
        } else {
            vec![cmd(JournalCmd::Month(first_of(next)))]
        }
    }

    fn on_day(&mut self, action: Action, app: &App) -> Vec<Effect> {
        let Some(shown) = &mut self.day else {
            self.view = View::Month;
            return Vec::new();
        };
        let date = shown.date;
        let step = |d: NaiveDate, back: bool| {
            if back { d.pred_opt() } else { d.succ_opt() }
        };
        match action {
            Action::Down => shown.scroll = shown.scroll.saturating_add(1),
            Action::Up => shown.scroll = shown.scroll.saturating_sub(1),
            Action::PrevUnit | Action::NextUnit => {
                if let Some(d) = step(date, action == Action::PrevUnit) {
                    self.selected = Some(d);
                    return vec![cmd(JournalCmd::Open(d, Then::Read))];
                }
            }
            Action::Cancel if self.from_results => {
                self.from_results = false;
                self.view = View::Search;
            }
            Action::Cancel => {
                self.view = View::Month;
                self.selected = Some(date);
                if Some(first_of(date)) != self.month {
                    return vec![cmd(JournalCmd::Month(first_of(date)))];
                }
            }
            _ => return self.open_day(action, date, app),
        }
        Vec::new()
    }

    /// Enter, `e`, `t`, `E` and `/` on a day (the calendar's selected one or
    /// the one being read).
    fn open_day(&mut self, action: Action, date: NaiveDate, app: &App) -> Vec<Effect> {
        if self.view == View::Month {
            self.from_results = false;
        }
        let then = match action {
            Action::Submit => Then::Read,
            Action::Edit => Then::Form,
            Action::WriteText => Then::Text,
            Action::ExternalEditor => {
                return refuse_read_only(app)
                    .unwrap_or_else(|| vec![cmd(JournalCmd::Editor(date))]);
            }
            Action::Search => {
                self.search.start(self.view);
                self.view = View::Search;
                return Vec::new();
            }
            _ => return Vec::new(),
        };
        if then != Then::Read
            && let Some(refused) = refuse_read_only(app)
        {
            return refused;
        }
        vec![cmd(JournalCmd::Open(date, then))]
    }

    fn on_search(&mut self, action: Action) -> Vec<Effect> {
        match self.search.on_action(action) {
            search::Reply::Stay => Vec::new(),
            search::Reply::Run(terms) => vec![cmd(JournalCmd::Search(terms))],
            search::Reply::Open(date) => {
                self.from_results = true;
                self.selected = Some(date);
                vec![cmd(JournalCmd::Open(date, Then::Read))]
            }
            search::Reply::Back(view) => {
                self.view = if view == View::Day && self.day.is_some() {
                    View::Day
                } else {
                    View::Month
                };
                Vec::new()
            }
        }
    }

    /// A day was read: show it, or open the form or the text on it (from
    /// `draft`, text kept from before, if there is one).
    pub fn opened(
        &mut self,
        date: NaiveDate,
        entry: EntryLoad,
        day: Option<Day>,
        then: Then,
        draft: Option<Draft>,
    ) {
        match then {
            Then::Read => {
                self.view = View::Day;
                self.day = Some(DayShown {
                    date,
                    entry,
                    day,
                    scroll: 0,
                });
            }
            Then::Form | Then::Text => {
                // The form offers the day's meetings and tasks done.
                let plan = if then == Then::Form {
                    day.clone()
                } else {
                    None
                };
                if let Some(shown) = self.day.as_mut().filter(|d| d.date == date) {
                    shown.entry = entry.clone();
                    shown.day = day;
                }
                let e = match entry {
                    EntryLoad::Ok(e) => e,
                    EntryLoad::Missing => crate::core::journal::Entry::new(date),
                    // The day view says why; nothing to edit.
                    EntryLoad::Corrupt(_) => {
                        self.opened(date, entry, None, Then::Read, None);
                        return;
                    }
                };
                if then == Then::Form {
                    self.form = Some(Evening::new(e).with_plan(plan));
                } else {
                    self.text = Some(match draft {
                        Some(d) => TextEditor::from_draft(date, &e.text, &d),
                        None => TextEditor::new(date, &e.text),
                    });
                }
            }
        }
    }

    /// The day read again after a change on disk; what is being typed stays.
    pub fn reread(&mut self, date: NaiveDate, entry: EntryLoad, day: Option<Day>) {
        if let Some(shown) = self.day.as_mut().filter(|d| d.date == date) {
            shown.entry = entry;
            shown.day = day;
        }
    }

    /// A write came back: the entry as written, or why not.
    pub fn updated(&mut self, date: NaiveDate, entry: &crate::core::journal::Entry) {
        if let Some(shown) = self.day.as_mut().filter(|d| d.date == date) {
            shown.entry = EntryLoad::Ok(entry.clone());
        }
        if let Some(f) = self.form.as_mut().filter(|f| f.date() == date) {
            f.take_entry(entry.clone());
        }
    }

    pub fn month_loaded(&mut self, first: NaiveDate, days: Vec<DaySummary>, unreadable: usize) {
        self.month = Some(first);
        self.summaries = days;
        self.unreadable = unreadable;
    }

    /// The text could not be saved: it changed on disk meanwhile (`now`).
    /// The editor shows both, the other text above what was typed (`mine`,
    /// written over `base`); it is opened again for a save from `E`.
    pub fn text_conflict(&mut self, date: NaiveDate, mine: &str, base: &str, now: &str) {
        // The open editor is the one that saved (`t` and `E` cannot both be
        // open); after `E` none is open and one opens on what was typed.
        let editor = self.text.get_or_insert_with(|| {
            let draft = Draft {
                base: base.to_string(),
                text: mine.to_string(),
            };
            TextEditor::from_draft(date, base, &draft)
        });
        editor.conflict(now);
    }

    /// The day's text was saved as `written`: an editor waiting to close
    /// closes.
    pub fn text_saved(&mut self, date: NaiveDate, written: &str) {
        if let Some(t) = self.text.as_mut().filter(|t| t.date == date)
            && t.saved(written)
        {
            self.text = None;
        }
    }

    /// The day's text could not be saved: the editor stays open with it.
    pub fn text_failed(&mut self, date: NaiveDate, why: &str) {
        if let Some(t) = self.text.as_mut().filter(|t| t.date == date) {
            t.failed(why);
        }
    }

    /// The text typed in the editor and not saved, with its day.
    #[must_use]
    pub fn unsaved(&self) -> Option<(NaiveDate, Draft)> {
        let t = self.text.as_ref()?;
        t.unsaved().map(|d| (t.date, d))
    }

    pub fn render(&self, f: &mut Frame, area: Rect, app: &App, theme: Theme) {
        match self.view {
            View::Month => calendar::render(f, area, self, app.date, theme),
            View::Day => day::render(f, area, self, theme),
            View::Search => self.search.render(f, area, theme),
        }
        if let Some(form) = &self.form {
            form.render(f, area, theme);
        }
        if let Some(t) = &self.text {
            t.render(f, area, theme);
        }
    }
}

fn cmd(c: JournalCmd) -> Effect {
    Effect::Cmd(Cmd::Journal(c))
}

fn first_of(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

/// In a read-only directory: say so before anything is typed.
fn refuse_read_only(app: &App) -> Option<Vec<Effect>> {
    app.read_only.as_ref().map(|why| {
        vec![Effect::Banner {
            text: why.clone(),
            error: true,
        }]
    })
}
