//! What kot notices over the days and says once, kindly, with the reason: each
//! rule reads a run of `DayFacts` (the review core's) and the date today, and
//! fires at most one `Nudge`. Which one shows (by a fixed priority, never twice
//! the same day, dismissed until a later week, snoozed for a week) is decided
//! here too, from the `nudges.toml` record the shell reads. Pure: no files, no
//! clock.

pub mod log;
mod rules;

pub use log::{Answer, NudgeLog, RuleLog, SNOOZE_DAYS};
pub use rules::{Nudge, choose, evaluate, lookback_days};

/// Every rule, in the order they are chosen when several fire: health and
/// people first, then the length of the days, then the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    SickDayWork,
    LowFeeling,
    NoContact,
    Needs,
    Overtime,
    ShutdownsMissed,
    LunchSkipped,
    DayOffWork,
    Meetings,
    Office,
}

impl Rule {
    /// By priority, highest first.
    pub const ALL: [Self; 10] = [
        Self::SickDayWork,
        Self::LowFeeling,
        Self::NoContact,
        Self::Needs,
        Self::Overtime,
        Self::ShutdownsMissed,
        Self::LunchSkipped,
        Self::DayOffWork,
        Self::Meetings,
        Self::Office,
    ];

    /// Its table in `nudges.toml`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::SickDayWork => "sick_day_work",
            Self::LowFeeling => "low_feeling",
            Self::NoContact => "no_contact",
            Self::Needs => "needs",
            Self::Overtime => "overtime",
            Self::ShutdownsMissed => "shutdowns_missed",
            Self::LunchSkipped => "lunch_skipped",
            Self::DayOffWork => "day_off_work",
            Self::Meetings => "meetings",
            Self::Office => "office",
        }
    }
}

/// `[me]`: what changes how much a pattern matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Me {
    /// Living alone: days without a real conversation weigh more (singles
    /// are the most at risk of loneliness when working from home).
    pub lives_alone: bool,
    /// Home and office both: the office rule applies.
    pub hybrid: bool,
}

/// `[nudges]`: one threshold per rule; 0 (or `false`) turns that rule off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NudgePolicy {
    pub enabled: bool,
    /// Work days without lunch in the last 7 days.
    pub lunch_skipped_days: u32,
    /// Hours of overtime in the last 7 days (more than this fires).
    pub overtime_hours_week: u32,
    /// Work days that ended with no shutdown in the last 7 days.
    pub shutdowns_missed_week: u32,
    /// Work days in a row without a real conversation.
    pub days_without_contact: u32,
    /// Weeks running that relatedness, autonomy or competence fell.
    pub needs_falling_weeks: u32,
    /// Weeks running at 2 or below.
    pub needs_low_weeks: u32,
    /// Hours of meetings in the last 7 days (more than this fires).
    pub meeting_hours_week: u32,
    /// Work recorded on a sick day.
    pub sick_day_work: bool,
    /// Work on a day off or a holiday.
    pub day_off_work: bool,
    /// Weeks without an office day, when hybrid.
    pub office_every_weeks: u32,
    /// Check-ins running with a feeling of 1 or 2.
    pub low_feeling_checkins: u32,
}

/// `days_without_contact` when `[me] lives_alone = true` and the key is not
/// written.
pub const CONTACT_DAYS_ALONE: u32 = 2;

impl Default for NudgePolicy {
    fn default() -> Self {
        Self {
            enabled: true,
            lunch_skipped_days: 2,
            overtime_hours_week: 5,
            shutdowns_missed_week: 2,
            days_without_contact: 3,
            needs_falling_weeks: 3,
            needs_low_weeks: 2,
            meeting_hours_week: 15,
            sick_day_work: true,
            day_off_work: true,
            office_every_weeks: 3,
            low_feeling_checkins: 3,
        }
    }
}

#[cfg(test)]
mod tests;
