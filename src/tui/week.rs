//! The Week screen (`3`): per day of the week a row with worked against
//! planned hours, meetings (video marked), breaks, lunch, the shutdown and
//! the place; the needs' sparklines over 4 and 12 weeks; the days in a row
//! without a real conversation; home and office days this month; and the
//! week's one thing on top. `m` shows the month instead, a row per week.
//! The history is read by the loop (`io`) when the week shown changes or a
//! file changes, never while drawing; drawing is in `render`.

pub mod io;
pub mod render;

use std::cell::Cell;

use chrono::{Datelike, Days, Months, NaiveDate};

use super::effect::Effect;
use super::keymap::{Action, Layer};
use super::msg::Cmd;
use crate::core::review::DayFacts;
use crate::core::week::WeekId;
use crate::store::week::WeekLoad;

use self::io::WeekCmd;

/// What is shown: a week, or the month around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Showing {
    /// A date in the week (or month) shown.
    pub anchor: NaiveDate,
    pub month: bool,
}

impl Showing {
    /// The first and last day shown.
    #[must_use]
    pub fn range(self) -> (NaiveDate, NaiveDate) {
        if self.month {
            month_range(self.anchor)
        } else {
            let w = WeekId::of(self.anchor);
            (w.monday(), w.sunday())
        }
    }

    /// Everything drawn needs: the weeks of the sparklines (12 back from
    /// the last week shown) and the month of the anchor (home and office days).
    #[must_use]
    pub fn history_range(self, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        let (first, last) = self.range();
        let (m_first, m_last) = month_range(self.anchor);
        let end = self.chart_end(today);
        let back = WeekId::of(end)
            .monday()
            .checked_sub_days(Days::new(7 * (SPARK_WEEKS as u64 - 1)))
            .unwrap_or(first);
        (first.min(m_first).min(back), last.max(m_last))
    }

    /// The last day the charts and the streak count up to: the end of what
    /// is shown, or today when that is later.
    #[must_use]
    pub fn chart_end(self, today: NaiveDate) -> NaiveDate {
        self.range().1.min(today)
    }
}

/// Weeks in the long sparkline; the short one has `SHORT_WEEKS`.
pub const SPARK_WEEKS: usize = 12;
pub const SHORT_WEEKS: usize = 4;

/// The history as the loop read it, for one `Showing`.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// Every date of `Showing::history_range`, in order.
    pub days: Vec<DayFacts>,
    /// The note of the week shown (in the month view: of the anchor's
    /// week): the one thing chosen at its end.
    pub note: Option<WeekLoad>,
    /// The week before's: the one thing to change during the week shown,
    /// and whether it happened.
    pub prev_note: Option<WeekLoad>,
    /// Files that could not be read (left out of every number), as the
    /// user finds them under the data directory.
    pub unreadable: Vec<std::path::PathBuf>,
    /// The day the facts were worked out on (today's are partial).
    pub today: Option<NaiveDate>,
}

#[derive(Debug, Default)]
pub struct Week {
    /// `None` until the screen is first shown; then what `[`/`]`/`m` chose.
    pub showing: Option<Showing>,
    /// What was read, and for what.
    pub loaded: Option<(Showing, Loaded)>,
    pub scroll: u16,
    /// The most the content can scroll at the size last drawn.
    pub max_scroll: Cell<u16>,
}

impl Week {
    /// The screen is shown: this week the first time; read its history
    /// (again: days may have changed while another screen was shown).
    pub fn show(&mut self, today: NaiveDate) -> Vec<Cmd> {
        let showing = *self.showing.get_or_insert(Showing {
            anchor: today,
            month: false,
        });
        vec![Cmd::Week(WeekCmd::Load(showing))]
    }

    #[must_use]
    pub fn layer(&self) -> Layer {
        Layer::Week
    }

    /// Whether something other than this week (or this month) is shown.
    #[must_use]
    pub fn elsewhere(&self, today: NaiveDate) -> bool {
        self.showing.is_some_and(|s| {
            let (first, last) = s.range();
            today < first || today > last
        })
    }

    pub fn on_action(&mut self, action: Action, today: NaiveDate) -> Vec<Effect> {
        let mut s = self.showing.unwrap_or(Showing {
            anchor: today,
            month: false,
        });
        match action {
            Action::Down => {
                self.scroll = self.scroll.saturating_add(1).min(self.max_scroll.get());
                return Vec::new();
            }
            Action::Up => {
                self.scroll = self.scroll.saturating_sub(1);
                return Vec::new();
            }
            Action::PrevUnit | Action::NextUnit => {
                let back = action == Action::PrevUnit;
                let moved = match (s.month, back) {
                    (false, true) => s.anchor.checked_sub_days(Days::new(7)),
                    (false, false) => s.anchor.checked_add_days(Days::new(7)),
                    (true, true) => s.anchor.checked_sub_months(Months::new(1)),
                    (true, false) => s.anchor.checked_add_months(Months::new(1)),
                };
                let Some(anchor) = moved else {
                    return Vec::new();
                };
                s.anchor = anchor;
            }
            Action::ToggleMonth => s.month = !s.month,
            Action::ThisDay => s.anchor = today,
            _ => return Vec::new(),
        }
        if Some(s) == self.showing {
            return Vec::new();
        }
        self.showing = Some(s);
        self.scroll = 0;
        vec![Effect::Cmd(Cmd::Week(WeekCmd::Load(s)))]
    }

    /// The loop read the history for `showing`; kept only while it is still
    /// what is shown (a quick `[` `[` asks twice).
    pub fn loaded(&mut self, showing: Showing, loaded: Loaded) {
        if self.showing == Some(showing) {
            self.loaded = Some((showing, loaded));
        }
    }
}

/// The first and last day of `date`'s month.
#[must_use]
pub fn month_range(date: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first = date.with_day(1).unwrap_or(date);
    let next = first.checked_add_months(Months::new(1)).unwrap_or(first);
    (first, next.pred_opt().unwrap_or(first))
}
