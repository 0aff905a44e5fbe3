//! What the rooms and the loop read off the app: which layer reads keys,
//! the coach's state at the last update, the day's hours.

use super::App;
use crate::coach_runtime;
use crate::core::coach::CoachState;
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
        match (&self.popup, &self.checkin) {
            (Some(p), _) => p.layer(),
            (None, Some(c)) => c.step.layer(),
            (None, None) if self.screen == Screen::Journal => self.journal.layer(),
            (None, None) => self.break_layer().unwrap_or(Layer::Today),
        }
    }

    /// Whether the Journal screen reads keys (no check-in or popup over it).
    #[must_use]
    pub fn on_journal(&self) -> bool {
        self.screen == Screen::Journal && self.popup.is_none() && self.checkin.is_none()
    }

    /// The coach's view of today at the last update.
    #[must_use]
    pub fn coach_state(&self) -> CoachState {
        // Asked several times a frame (keys, footer, next wake): work it out
        // once per instant and version of the day.
        let key = (self.now, self.version);
        if let Some((k, state)) = self.coach_cache.get()
            && k == key
        {
            return state;
        }
        let state = coach_runtime::coach(&self.config, &self.day).state(self.now);
        self.coach_cache.set(Some((key, state)));
        state
    }

    /// What the keys that are offered only some of the time can do now.
    #[must_use]
    pub fn can_act(&self) -> CanAct {
        CanAct {
            lunch: coach_runtime::coach(&self.config, &self.day).lunch_offered(self.now),
            screen: self.screen,
        }
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
