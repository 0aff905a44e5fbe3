//! The end of the day in the app: opening the ritual (a key, the "Time to
//! shut down" prompt, the notice's action), what its writes hand back,
//! working again after the shutdown (asked first), evening work ending, and
//! a forgotten shutdown of the last work day.

use chrono::{DateTime, Utc};

use super::{App, Cmd};
use crate::coach_runtime::local_hm;
use crate::coach_runtime::shutdown::{self as rt, Finished};
use crate::core::day::Day;
use crate::core::shutdown::{self as rules, RitualKind, Worked, running_evening};
use crate::store::StoreError;
use crate::t;
use crate::tui::effect::Effect;
use crate::tui::keymap::{Action, Screen};
use crate::tui::popup::Popup;
use crate::tui::popup::confirm::{Confirm, Target};
use crate::tui::ritual::{Phase, RitualRoom, Summary};

impl App {
    /// The previous day with a file, when it was a work day that ended with
    /// no shutdown.
    pub(super) fn forgotten_previous(&self) -> Option<Day> {
        let p = self.previous.as_ref().filter(|p| p.date < self.date)?;
        let work_day = self.config.workday.is_work_day(p.date);
        rules::forgotten(p, work_day).then(|| p.clone())
    }

    /// The command recording that forgotten shutdown, once the check-in
    /// has said so.
    pub(super) fn missed_cmd(
        &self,
        stopped: Option<crate::core::time::TimeOfDay>,
        now: DateTime<Utc>,
    ) -> Option<Cmd> {
        self.missed.as_ref().map(|_| Cmd::MarkMissed {
            today: self.date,
            stopped,
            now,
        })
    }

    /// The end-of-day keys on Today: `Q` opens the ritual (or ends evening
    /// work), and after the shutdown `w` / `s` ask before work starts again.
    pub(super) fn evening_action(
        &mut self,
        action: Action,
        now: DateTime<Utc>,
    ) -> Option<Vec<Effect>> {
        match action {
            Action::Ritual => Some(self.ritual_effects(now, true)),
            // No work recorded today: worked after all? From when to when.
            Action::BackToWork if self.evening_without_work(now) => Some(vec![Effect::Checkin]),
            Action::BackToWork => Some(vec![Effect::Open(Popup::Confirm(Confirm {
                target: Target::BackToWork,
            }))]),
            Action::ShowWork if self.config.shutdown.hide_work && self.is_off() => {
                self.work_shown = !self.work_shown;
                Some(Vec::new())
            }
            Action::PrevUnit | Action::NextUnit if self.work_hidden() => Some(Vec::new()),
            _ => None,
        }
    }

    /// What asking for the ritual does now, or why it cannot; `by_user`:
    /// the user asked (a key, the notice's button), not the end of the day.
    fn ritual_effects(&self, now: DateTime<Utc>, by_user: bool) -> Vec<Effect> {
        let say = |text: String| vec![Effect::say(text)];
        if let Some(why) = &self.read_only {
            return vec![Effect::Banner {
                text: why.clone(),
                error: true,
            }];
        }
        if self.unreadable().is_some() {
            return vec![Effect::Banner {
                text: t!("today.unreadable"),
                error: true,
            }];
        }
        if running_evening(&self.day).is_some() {
            return vec![Effect::Cmd(Cmd::Evening {
                date: self.date,
                start: false,
                at: now,
            })];
        }
        if let Some(at) = self.day.shutdown.at {
            return say(t!("ritual.already", time = local_hm(at.to_utc())));
        }
        if rt::ritual_kind(&self.config, &self.day) == RitualKind::None {
            return say(t!("cli.shutdown.no_work"));
        }
        vec![Effect::Cmd(Cmd::OpenRitual { by_user })]
    }

    /// "Start shutdown" on the notice (`by_user`), or "Time to shut down" in
    /// the open TUI: the ritual opens on Today. By itself it waits while
    /// something is being typed or answered (`App::update` opens it after).
    pub(super) fn ritual_asked(&mut self, now: DateTime<Utc>, by_user: bool) -> Vec<Cmd> {
        if self.ritual.is_some() {
            return Vec::new();
        }
        if !by_user && self.answering() {
            self.ritual_due = true;
            return Vec::new();
        }
        if self.checkin.is_some() {
            return Vec::new();
        }
        self.screen = Screen::Today;
        let effects = self.ritual_effects(now, by_user);
        self.apply(effects, now)
    }

    /// The ritual as read by the loop, or why it cannot open. Opened by the
    /// user, it is taken up now; opened by itself, at the first key.
    pub fn ritual_opened(&mut self, room: Result<RitualRoom, String>, by_user: bool) {
        self.dirty = true;
        match room {
            Ok(r) if r.ritual.finished() => self.set_banner(t!("cli.shutdown.no_work"), false),
            Ok(mut r) => {
                self.screen = Screen::Today;
                r.opened = by_user.then_some(self.now);
                r.follow(&self.day);
                self.ritual = Some(r);
            }
            Err(e) => self.set_banner(e, true),
        }
    }

    /// The finished ritual's writes came back.
    pub fn ritual_finished(&mut self, result: Result<Finished, StoreError>) {
        self.dirty = true;
        match result {
            Ok(f) => {
                let next = self.ritual.as_ref().map(|r| r.ritual.next_day);
                let summary = summary(self, &f, next);
                if f.today.date == self.date {
                    self.take_day(f.today);
                }
                self.next_day = f.next;
                self.next_day_stale = self.next_day.is_none();
                if let Some(r) = &mut self.ritual {
                    r.phase = Phase::Done(summary);
                }
                self.outbox.push(Cmd::RunOnComplete);
            }
            Err(e) => match &mut self.ritual {
                Some(r) => r.failed(e.message()),
                None => self.set_banner(e.message(), true),
            },
        }
    }

    /// `[shutdown] on_complete` ran: only a failure is worth a word.
    pub fn on_complete_ran(&mut self, result: Result<crate::coach_runtime::shutdown::Ran, String>) {
        use crate::coach_runtime::shutdown::{Ran, runs_on_said};
        match result {
            Err(e) => self.set_banner(e, true),
            Ok(Ran::RunsOn { seconds }) => {
                let said = runs_on_said(&self.config.shutdown.on_complete, seconds);
                self.set_banner(said, false);
            }
            Ok(Ran::Nothing | Ran::Done) => {}
        }
    }

    /// The forgotten shutdown was recorded (or why not).
    pub fn missed_marked(&mut self, result: Result<Option<Day>, StoreError>) {
        self.dirty = true;
        match result {
            Ok(day) => {
                if let Some(d) = day
                    && self.previous.as_ref().is_some_and(|p| p.date == d.date)
                {
                    self.previous = Some(d);
                }
                self.missed = None;
            }
            Err(e) => self.set_banner(e.message(), true),
        }
    }

    /// Work started again after the shutdown: said kindly.
    pub fn evening_started(&mut self, result: Result<Day, StoreError>, at: DateTime<Utc>) {
        self.dirty = true;
        match result {
            Ok(day) => {
                if day.date == self.date {
                    self.take_day(day);
                }
                self.set_banner(t!("ritual.evening_started", time = local_hm(at)), false);
            }
            Err(e) => self.set_banner(e.message(), true),
        }
    }

    /// The day's work told in the evening was recorded: off since its end.
    pub fn worked_told(
        &mut self,
        result: Result<(Day, Worked), StoreError>,
        (from, until): (DateTime<Utc>, DateTime<Utc>),
    ) {
        self.off_again(result, |w| {
            t!(
                "today.worked_told",
                from = local_hm(from),
                until = local_hm(until),
                worked = rt::minutes(w.worked_minutes)
            )
        });
    }

    /// Evening work ended: off again.
    pub fn evening_ended(&mut self, result: Result<(Day, Worked), StoreError>, at: DateTime<Utc>) {
        self.off_again(result, |w| {
            t!(
                "cli.shutdown.evening_ended",
                time = local_hm(at),
                overtime = rt::minutes(w.overtime_minutes)
            )
        });
    }

    /// A recorded end of work (evening work ended, a day's work told): take
    /// the day, the next day to be read again, and say `said` of the totals.
    fn off_again(
        &mut self,
        result: Result<(Day, Worked), StoreError>,
        said: impl FnOnce(&Worked) -> String,
    ) {
        self.dirty = true;
        match result {
            Ok((day, w)) => {
                if day.date == self.date {
                    self.take_day(day);
                }
                self.next_day_stale = true;
                self.set_banner(said(&w), false);
            }
            Err(e) => self.set_banner(e.message(), true),
        }
    }

    /// Commands that arose when a write came back, for the loop.
    pub fn take_outbox(&mut self) -> Vec<Cmd> {
        std::mem::take(&mut self.outbox)
    }
}

/// What the last screen of the ritual says.
fn summary(app: &App, f: &Finished, next: Option<chrono::NaiveDate>) -> Summary {
    let (at, how) = f.when_and_how(&app.config);
    Summary {
        at: if how.is_empty() {
            at
        } else {
            format!("{at} ({how})")
        },
        worked: rt::minutes(f.worked.worked_minutes),
        overtime: rt::minutes(f.worked.overtime_minutes),
        next_day: f
            .next
            .as_ref()
            .map(|d| d.date)
            .or(next)
            .unwrap_or(f.today.date),
        top: f
            .next
            .iter()
            .flat_map(|d| d.top_tasks().map(|t| t.title.clone()))
            .collect(),
    }
}
