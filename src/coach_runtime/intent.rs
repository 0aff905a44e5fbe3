//! What the user asks of the coach, decided on the day as it is on disk under
//! the write lock (`Store::update_day_with`), in the TUI, `kot watch` and the
//! CLI alike. Decided on a copy read earlier, six `kot break skip` at once
//! would record six skips, and parallel snoozes would overrun the budget.

use chrono::{DateTime, NaiveDate, Utc};

use crate::config::Config;
use crate::core::breaks::CoachOp;
use crate::core::coach::{CoachRefusal, CoachState};
use crate::core::day::{Day, DayOp};
use crate::store::{Store, StoreError};

/// One thing asked of the coach, as data: kept while the lock is taken and
/// decided when it is free.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intent {
    /// Start a break now. `for_due`: the asker saw a break due and means that
    /// one, so when another kot answered it meanwhile (a skip), nothing starts.
    StartBreak {
        lunch: bool,
        for_due: bool,
    },
    EndBreak,
    Skip,
    Snooze,
    Pause {
        until: DateTime<Utc>,
    },
    /// A break kot did not see, told afterwards.
    Add {
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        lunch: bool,
    },
}

impl Intent {
    /// Whether the break's notice is out of date once this is asked, whoever
    /// wins: the break started, was skipped or is over.
    #[must_use]
    pub fn closes_notice(self) -> bool {
        matches!(self, Self::StartBreak { .. } | Self::Skip | Self::EndBreak)
    }
}

/// Why an intent recorded nothing.
#[derive(Debug)]
pub enum IntentError {
    Refused(CoachRefusal),
    Store(StoreError),
}

impl From<StoreError> for IntentError {
    fn from(e: StoreError) -> Self {
        Self::Store(e)
    }
}

impl IntentError {
    /// One line for the user, in their language.
    #[must_use]
    pub fn message(&self) -> String {
        match self {
            Self::Refused(r) => super::refusal(*r),
            Self::Store(e) => e.message(),
        }
    }
}

/// The edit `intent` makes of `day` at `now`, or why it makes none.
///
/// # Errors
/// The coach refuses it on this day.
pub fn decide(
    config: &Config,
    day: &Day,
    intent: Intent,
    now: DateTime<Utc>,
) -> Result<CoachOp, CoachRefusal> {
    let coach = super::coach(config, day);
    match intent {
        Intent::StartBreak { lunch, for_due } => {
            let due = matches!(
                coach.state(now),
                CoachState::BreakDue { .. }
                    | CoachState::Break { .. }
                    | CoachState::BreakOver { .. }
            );
            if for_due && !lunch && !due {
                return Err(CoachRefusal::NoBreakDue);
            }
            coach.start_break(now, lunch)
        }
        Intent::EndBreak => coach.end_break(now),
        Intent::Skip => coach.skip(now),
        Intent::Snooze => coach.snooze(now),
        Intent::Pause { until } => coach.pause(now, until),
        Intent::Add { start, end, lunch } => coach.add_break(now, start, end, lunch),
    }
}

/// Decide `intent` on the day on disk under the write lock and record it;
/// the day as written.
///
/// # Errors
/// The coach refused it (nothing written), or the store failed.
pub fn record(
    store: &Store,
    config: &Config,
    date: NaiveDate,
    intent: Intent,
    now: DateTime<Utc>,
) -> Result<Day, IntentError> {
    let (day, _) = store.update_day_with(date, |day| {
        decide(config, day, intent, now)
            .map(|op| vec![DayOp::Coach(op)])
            .map_err(IntentError::Refused)
    })?;
    Ok(day)
}
