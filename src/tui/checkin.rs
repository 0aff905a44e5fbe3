//! The morning check-in as data: which step is showing and what was chosen. The
//! app turns the choices into `DayOp`s; nothing here touches a file.

use chrono::NaiveDate;

use crate::core::day::{Day, Place};
use crate::core::plan::{Task, TaskRef};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Place,
    Feeling,
    Carry,
    Top,
}

impl Step {
    /// The keys this step reads.
    #[must_use]
    pub fn layer(self) -> super::keymap::Layer {
        use super::keymap::Layer;
        match self {
            Self::Place => Layer::CheckinPlace,
            Self::Feeling => Layer::CheckinFeeling,
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
            feeling: None,
            feeling_sel: today.checkin.as_ref().and_then(|c| c.feeling).unwrap_or(3),
            from: previous.map(|p| p.date),
            carry,
            carry_sel: 0,
            top_sel: 0,
        }
    }

    /// The step after the current one, skipping carry-over when nothing is open.
    pub fn advance(&mut self) -> Option<Step> {
        self.step = match self.step {
            Step::Place => Step::Feeling,
            Step::Feeling if self.carry.is_empty() => Step::Top,
            Step::Feeling => Step::Carry,
            Step::Carry => Step::Top,
            Step::Top => return None,
        };
        Some(self.step)
    }

    /// Step number and count, for "step 2 of 4".
    #[must_use]
    pub fn progress(&self) -> (usize, usize) {
        let steps: &[Step] = if self.carry.is_empty() {
            &[Step::Place, Step::Feeling, Step::Top]
        } else {
            &[Step::Place, Step::Feeling, Step::Carry, Step::Top]
        };
        let i = steps.iter().position(|s| *s == self.step).unwrap_or(0);
        (i + 1, steps.len())
    }
}
