//! Switching screens (`1` Today, `2` Journal, `3` Week) and what the loop hands back
//! to the Journal screen: a month, a day, a search, a write.

use chrono::NaiveDate;

use super::{App, Cmd};
use crate::core::day::Day;
use crate::core::journal::Entry;
use crate::store::journal::{EntryLoad, Searched};
use crate::tui::journal::io::Then;
use crate::tui::keymap::Screen;

impl App {
    /// Show `screen`; the journal reads its month each time it is shown.
    pub(super) fn switch_screen(&mut self, screen: Screen) -> Vec<Cmd> {
        self.screen = screen;
        self.dirty = true;
        match screen {
            Screen::Today => Vec::new(),
            Screen::Journal => self.journal.show(self.date),
            Screen::Week => self.week.show(self.date),
        }
    }

    /// The Week screen's history as the loop read it.
    pub fn week_loaded(
        &mut self,
        showing: crate::tui::week::Showing,
        loaded: crate::tui::week::Loaded,
    ) {
        self.week.loaded(showing, loaded);
        self.dirty = true;
    }

    /// Draw every cell again (another program had the terminal).
    pub fn redraw(&mut self) {
        self.dirty = true;
    }

    pub fn journal_month(
        &mut self,
        first: NaiveDate,
        days: Vec<crate::core::journal::summary::DaySummary>,
        unreadable: usize,
    ) {
        self.journal.month_loaded(first, days, unreadable);
        self.dirty = true;
    }

    pub fn journal_opened(
        &mut self,
        date: NaiveDate,
        entry: EntryLoad,
        day: Option<Day>,
        then: Then,
        draft: Option<crate::store::drafts::Draft>,
    ) {
        self.journal.opened(date, entry, day, then, draft);
        self.dirty = true;
    }

    pub fn journal_reread(&mut self, date: NaiveDate, entry: EntryLoad, day: Option<Day>) {
        self.journal.reread(date, entry, day);
        self.dirty = true;
    }

    pub fn journal_searched(&mut self, terms: String, found: Result<Searched, String>) {
        self.journal.search.found(terms, found);
        self.dirty = true;
    }

    /// A journal write came back: the entry as written, or why not.
    pub fn journal_updated(&mut self, date: NaiveDate, result: Result<Entry, String>) {
        match result {
            Ok(entry) => {
                self.journal.updated(date, &entry);
                if let Some(r) = &mut self.ritual {
                    r.journal_updated(date, &entry);
                }
            }
            Err(e) => self.set_banner(e, true),
        }
        self.dirty = true;
    }

    /// The text was not saved: it changed on disk while it was being written.
    pub fn journal_text_conflict(&mut self, date: NaiveDate, mine: &str, base: &str, now: &str) {
        self.journal.text_conflict(date, mine, base, now);
        self.set_banner(crate::t!("journal.refused.text_changed"), true);
    }

    /// The day's text was saved as `written`.
    pub fn journal_text_saved(&mut self, date: NaiveDate, written: &str) {
        self.journal.text_saved(date, written);
        self.dirty = true;
    }

    /// The day's text could not be saved, for this reason.
    pub fn journal_text_failed(&mut self, date: NaiveDate, why: &str) {
        self.journal.text_failed(date, why);
        self.dirty = true;
    }
}
