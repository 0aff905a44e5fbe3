//! What the rooms and the loop read off the app: which layer reads keys,
//! the coach's state at the last update, the day's hours.

use super::App;
use crate::coach_runtime;
use crate::core::coach::{CoachState, EndPhase};
use crate::store::{Corrupt, DayLoad};
use crate::tui::keymap::{CanAct, Layer, Screen};

impl App {
    /// Whether today's file could not be read.
    #[must_use]
    pub fn unreadable(&self) -> Option<&Corrupt> {
        match &self.load {
            DayLoad::Corrupt(c) => Some(c),
            _ => None,
        }
    }

    /// The day Today shows: today, or the one `[`/`]` went to.
    #[must_use]
    pub fn shown_date(&self) -> chrono::NaiveDate {
        self.other.as_ref().map_or(self.date, |o| o.date)
    }

    /// The plan Today shows and edits (the coach keeps to `day`).
    #[must_use]
    pub fn shown_day(&self) -> &crate::core::day::Day {
        self.other.as_ref().map_or(&self.day, |o| &o.day)
    }

    /// Whether the shown day's file could not be read.
    #[must_use]
    pub fn shown_unreadable(&self) -> Option<&Corrupt> {
        match self.other.as_ref().map_or(&self.load, |o| &o.load) {
            DayLoad::Corrupt(c) => Some(c),
            _ => None,
        }
    }

    /// The work hours of the day shown, its end moved where `kot end` moved
    /// it (then it may lie after midnight, before the start).
    #[must_use]
    pub fn shown_hours(&self) -> Option<crate::core::workday::WorkHours> {
        let day = self.shown_day();
        let mut hours = self.config.workday.hours_of(day)?;
        if let Some(end) = day.shutdown.end {
            hours.end = end;
        }
        Some(hours)
    }

    #[must_use]
    pub fn is_workday(&self) -> bool {
        self.config.workday.is_work_day(self.date)
    }

    /// The day's work hours (`config::Workday::hours_of`).
    #[must_use]
    pub fn work_hours(&self) -> Option<crate::core::workday::WorkHours> {
        self.config.workday.hours_of(&self.day)
    }

    /// The innermost layer that reads keys now.
    #[must_use]
    pub fn layer(&self) -> Layer {
        match (&self.popup, &self.checkin, &self.ritual) {
            (Some(p), _, _) => p.layer(),
            (None, Some(c), _) => c.step.layer(),
            (None, None, Some(r)) => r.layer(),
            (None, None, None) if self.commute.is_some() => Layer::Commute,
            (None, None, None) if self.screen == Screen::Journal => self.journal.layer(),
            (None, None, None) if self.screen == Screen::Week => self.week.layer(),
            (None, None, None) if self.is_off() && self.other.is_none() => Layer::OffWork,
            (None, None, None) => self.break_layer().unwrap_or(Layer::Today),
        }
    }

    /// Whether the Journal screen reads keys (no check-in, ritual or popup
    /// over it).
    #[must_use]
    pub fn on_journal(&self) -> bool {
        self.screen == Screen::Journal
            && self.popup.is_none()
            && self.checkin.is_none()
            && self.ritual.is_none()
    }

    /// Where the day stands towards its end at the last update.
    #[must_use]
    pub fn end_phase(&self) -> EndPhase {
        self.coach_now().phase
    }

    /// Until when the coach's state and end phase stay as they are at the
    /// last update (`Coach::steady_until`); the last update's instant when
    /// they may change at any time.
    #[must_use]
    pub fn steady_until(&self) -> chrono::DateTime<chrono::Utc> {
        self.coach_now().steady
    }

    /// Which copy of the day and the config the app holds: renewed with
    /// either, unique in the process.
    #[must_use]
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Off work: the day was shut down and no evening work runs, or it is
    /// the evening of a day whose work never began (`evening_without_work`).
    #[must_use]
    pub fn is_off(&self) -> bool {
        matches!(self.end_phase(), EndPhase::Off { .. }) || self.evening_without_work(self.now)
    }

    /// Work is out of sight on the evening view (`[shutdown] hide_work`):
    /// tomorrow's list and the plan wait behind `p`.
    #[must_use]
    pub fn work_hidden(&self) -> bool {
        self.config.shutdown.hide_work
            && !self.work_shown
            && self.screen == Screen::Today
            && self.other.is_none()
            && self.is_off()
    }

    /// Today's workday as the coach works it (a moved end included).
    #[must_use]
    pub fn workday_span(
        &self,
    ) -> Option<(chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>)> {
        self.coach_now().workday
    }

    /// The coach's view of today at the last update.
    #[must_use]
    pub fn coach_state(&self) -> CoachState {
        self.coach_now().state
    }

    /// The coach's state and the day's end phase at the last update. Asked
    /// several times a frame (keys, footer, next wake) and each second of a
    /// countdown (the countdown, whether the evening view wants the next
    /// day): one coach works both out, for a revision of the day and config,
    /// and again only once the answer may have changed (during a break,
    /// `Coach::steady_until`; else at the next instant).
    fn coach_now(&self) -> super::StateAt {
        if let Some(c) = self.coach_cache.get()
            && c.holds(self.revision, self.now)
        {
            return c;
        }
        let coach = coach_runtime::coach(&self.config, &self.day);
        let ds = coach.day_state(self.now, true);
        let now = super::StateAt {
            revision: self.revision,
            at: self.now,
            steady: coach.steady_until(self.now),
            state: ds.coach,
            phase: ds.phase,
            workday: coach.workday(),
        };
        self.coach_cache.set(Some(now));
        now
    }

    /// What the keys that are offered only some of the time can do now.
    #[must_use]
    pub fn can_act(&self) -> CanAct {
        let coach = coach_runtime::coach(&self.config, &self.day);
        let mut can = CanAct {
            lunch: coach.lunch_offered(self.now),
            snooze: coach.can_snooze(),
            paused: matches!(self.coach_state(), CoachState::Paused { .. }),
            screen: self.screen,
            other_day: self.other.is_some(),
            shutdown: matches!(
                coach.end_phase(self.now),
                EndPhase::WrapUp { .. } | EndPhase::Overtime { .. } | EndPhase::Evening { .. }
            ),
            hide_work: self.config.shutdown.hide_work,
            work_hidden: self.work_hidden(),
            ..CanAct::default()
        };
        match &self.popup {
            Some(crate::tui::popup::Popup::Help(h)) => can.more_below = h.more_below(),
            Some(_) => {}
            // Today's plan keys act on what is selected in the pane with the
            // focus, and only on a day whose file was read.
            None if self.checkin.is_none() && self.screen == Screen::Today => {
                let (task, block) = self.today.selected(self.shown_day());
                can.plan = self.shown_unreadable().is_none();
                can.task = task;
                can.block = block;
                can.nudge = self.nudge_shows();
            }
            None if self.checkin.is_none() && self.screen == Screen::Week => {
                can.other_day = self.week.elsewhere(self.date);
            }
            None => {}
        }
        can
    }

    /// Whether today's nudge shows: on Today, on today, at work (not over
    /// the evening view), with nothing over it.
    #[must_use]
    pub fn nudge_shows(&self) -> bool {
        self.nudge.is_some()
            && self.screen == Screen::Today
            && self.other.is_none()
            && self.popup.is_none()
            && self.checkin.is_none()
            && self.ritual.is_none()
            && self.unreadable().is_none()
            && !self.is_off()
    }

    /// Whether the break card shows (a break due, under way or just over).
    #[must_use]
    pub fn break_card(&self) -> bool {
        self.break_layer().is_some()
    }

    /// The keys of the break card, when it shows.
    #[must_use]
    pub fn break_layer(&self) -> Option<Layer> {
        if self.unreadable().is_some() {
            return None;
        }
        match self.coach_state() {
            CoachState::BreakDue { .. } => Some(Layer::BreakDue),
            CoachState::Break { .. } | CoachState::BreakOver { .. } => Some(Layer::OnBreak),
            _ => None,
        }
    }
}
