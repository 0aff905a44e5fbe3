//! What the event loop hands back: the day as a command wrote it, a fresh
//! read after an outside change, the coach's tick, a new kot day.

use chrono::NaiveDate;

use super::{App, Banner, BannerCause, Cmd, Origin};
use crate::coach_runtime::{self, intent::Intent, intent::IntentError};
use crate::config::Config;
use crate::core::day::{Applied, Day, DayOp};
use crate::store::{Corrupt, DayLoad, StoreError};
use crate::t;
use crate::tui::checkin::{Checkin, Step};
use crate::tui::popup::input::Input;

impl App {
    /// Show `day` as written: today's plan (and the coach) comes from it.
    pub(super) fn take_day(&mut self, day: Day) {
        let was_off = self.told_off();
        self.load = DayLoad::Ok(day.clone());
        self.day = day;
        self.revision = super::next_revision();
        self.fix_selection();
        self.begin_extra_work(was_off);
        if let Some(r) = &mut self.ritual {
            r.follow(&self.day);
        }
    }

    /// Home or office chosen on a holiday (or a day told off): extra work,
    /// which begins with the check-in as on a weekend, where it opens by
    /// itself; else the day would stay "not begun" with nothing to say so.
    fn begin_extra_work(&mut self, was_off: bool) {
        if was_off && !self.told_off() && self.checkin.is_none() {
            self.maybe_start_checkin();
        }
    }

    /// Take the result of an `Apply` the loop ran.
    pub fn applied(
        &mut self,
        date: NaiveDate,
        origin: Origin,
        result: Result<(Day, Applied), StoreError>,
    ) {
        self.dirty = true;
        match result {
            Ok((day, applied)) => {
                if origin == Origin::Edit
                    && let Some(op) = applied.undo
                {
                    self.undo.push((date, op));
                }
                if date == self.shown_date() {
                    self.today.select(applied.task, applied.block);
                }
                if self.previous.as_ref().is_some_and(|p| p.date == date) {
                    self.previous = Some(day.clone());
                }
                if let Some(o) = self.other.as_mut().filter(|o| o.date == date) {
                    o.load = DayLoad::Ok(day.clone());
                    o.day = day.clone();
                    self.fix_selection();
                }
                if date == self.date {
                    self.take_day(day);
                }
            }
            Err(e) => self.set_banner(e.message(), true),
        }
    }

    /// Take the result of a `Carry` the loop ran: both days as written, or why
    /// not (then nothing was carried, and the check-in shows the choice again).
    pub fn carried(&mut self, result: Result<(Day, Day), StoreError>) {
        self.dirty = true;
        match result {
            Ok((to, from)) => {
                if self.previous.as_ref().is_some_and(|p| p.date == from.date) {
                    self.previous = Some(from);
                }
                if to.date == self.date {
                    self.take_day(to);
                }
            }
            Err(e) => {
                self.set_banner(t!("tui.carry_failed", error = e.message()), true);
                if let Some(c) = &mut self.checkin
                    && !c.carry.is_empty()
                {
                    c.step = Step::Carry;
                }
            }
        }
    }

    /// An edit typed in the input failed: open the input again with the text
    /// as typed and the reason, so nothing typed is lost.
    pub fn reopen_input(&mut self, date: NaiveDate, op: &DayOp, error: String) {
        if date != self.shown_date() || self.popup.is_some() {
            return;
        }
        if let Some(p) = Input::reopen(op, error) {
            self.popup = Some(p);
            self.dirty = true;
        }
    }

    /// The earlier day as read again for a check-in started with `c`: offer
    /// its open tasks now if the check-in has not passed the carry step.
    pub fn previous_loaded(
        &mut self,
        previous: Option<Day>,
        unreadable: Option<(NaiveDate, Corrupt)>,
    ) {
        self.previous = previous;
        self.previous_unreadable = unreadable;
        self.dirty = true;
        let fresh = Checkin::start(&self.day, self.previous.as_ref(), self.is_workday());
        if let Some(c) = &mut self.checkin {
            c.previous_loaded(fresh);
        }
    }

    /// Take the result of an `Intent` the loop ran: the day as written and a
    /// word on what happened, or why nothing did.
    pub fn intent_done(
        &mut self,
        date: NaiveDate,
        intent: Intent,
        result: Result<Day, IntentError>,
    ) {
        self.dirty = true;
        match result {
            Ok(day) => {
                let text = coach_runtime::feedback(intent, &self.config, &day, self.now);
                if date == self.date {
                    self.take_day(day);
                }
                if let Some(text) = text {
                    self.set_banner(text, false);
                }
            }
            Err(IntentError::Refused(r)) => self.set_banner(coach_runtime::refusal(r), false),
            Err(IntentError::Store(e)) => self.set_banner(e.message(), true),
        }
    }

    /// The coach ticked: take the day as written, show the newest prompt in
    /// the banner (the break card shows on its own), and take down a banner
    /// whose cause went.
    /// "Time to shut down" opens the ritual: the commands for that.
    pub fn coach_ticked(&mut self, polled: coach_runtime::Polled) -> Vec<Cmd> {
        if let Some(day) = polled.written
            && day.date == self.date
            && day != self.day
        {
            self.take_day(day);
            self.dirty = true;
        }
        if let Some(p) = polled.prompts.last() {
            let text = coach_runtime::banner(p, &self.day);
            match BannerCause::of(p) {
                Some(cause) => self.set_caused_banner(text, false, cause),
                None => self.set_banner(text, false),
            }
        }
        let gone = self
            .banner
            .as_ref()
            .and_then(|b| b.cause)
            .is_some_and(|c| c.gone(&polled.standing));
        if gone {
            self.banner = None;
            self.dirty = true;
        }
        let due = polled
            .prompts
            .iter()
            .any(|p| matches!(p, crate::core::coach::Prompt::ShutdownDue { .. }));
        if due {
            return self.ritual_asked(self.now, false);
        }
        Vec::new()
    }

    /// Take a fresh read of today (after an outside change). Keeps the UI state.
    pub fn reloaded(&mut self, load: DayLoad, config: Option<Config>) {
        if let Some(c) = config
            && c != self.config
        {
            self.config = c;
            self.revision = super::next_revision();
            self.dirty = true;
        }
        self.next_day_stale = true;
        if load != self.load {
            let was_unreadable = self.unreadable().is_some();
            let was_off = self.told_off();
            self.day = load
                .day_or_new(self.date)
                .unwrap_or_else(|| Day::new(self.date));
            self.revision = super::next_revision();
            self.load = load;
            self.fix_selection();
            if let Some(r) = &mut self.ritual {
                r.follow(&self.day);
            }
            if was_unreadable && self.checkin.is_none() {
                self.maybe_start_checkin();
            }
            self.begin_extra_work(was_off);
            if let Some(text) = crate::cli::admin::duplicate_ids_warning(&self.day) {
                self.banner = Some(Banner {
                    text,
                    error: true,
                    cause: None,
                });
            }
            self.dirty = true;
        }
    }

    /// Another day read for Today (`[`/`]`, or again after an outside
    /// change); dropped when Today went back to today meanwhile.
    pub fn day_loaded(&mut self, date: NaiveDate, load: DayLoad) {
        if date == self.date {
            return;
        }
        let day = load.day_or_new(date).unwrap_or_else(|| Day::new(date));
        let same = self.other.as_ref().is_some_and(|o| o.date == date);
        if !same {
            self.today = crate::tui::today::Today::default();
        }
        self.other = Some(super::OtherDay { date, load, day });
        self.fix_selection();
        self.dirty = true;
    }

    /// Start a new kot day (the clock passed `day_starts`).
    pub fn new_day(
        &mut self,
        date: NaiveDate,
        load: DayLoad,
        previous: Option<Day>,
        previous_unreadable: Option<(NaiveDate, Corrupt)>,
    ) {
        let config = self.config.clone();
        let notifier_down = self.notifier_down;
        let notifier_why = self.notifier_why.take();
        let read_only = self.read_only.take();
        let waiting = self.waiting;
        // What is being written in the journal outlives the night.
        let journal = std::mem::take(&mut self.journal);
        let mut week = std::mem::take(&mut self.week);
        // "This week" follows the clock into a new week.
        let here = !week.elsewhere(self.date);
        if let Some(s) = week.showing.as_mut().filter(|_| here) {
            s.anchor = date;
        }
        let screen = self.screen;
        *self = Self::new(config, date, load, previous);
        self.journal = journal;
        self.week = week;
        if screen == crate::tui::keymap::Screen::Week {
            let read = self.week.show(date);
            self.outbox.extend(read);
        }
        self.screen = screen;
        self.notifier_down = notifier_down;
        self.notifier_why = notifier_why;
        self.previous_unreadable = previous_unreadable;
        self.waiting = waiting;
        if let Some(why) = read_only {
            self.checkin = None;
            self.read_only = Some(why);
        }
    }
}
