//! A day's start and end corrected afterwards, for every front end (`kot
//! day`, Today's `C`): the check, the write with the totals the coach's rule
//! gives, and the refusal in words.

use chrono::{DateTime, NaiveDate, Utc};

use super::coach;
use super::shutdown::totals;
use crate::config::Config;
use crate::core::day::{Day, DayOp};
use crate::core::shutdown::correction::{self, CorrectionRefusal};
use crate::core::shutdown::{self as rules, Worked};
use crate::core::time::TimeOfDay;
use crate::store::{Store, StoreError};
use crate::t;

/// Whether `day` may get this start and end (`None`: kept) at `now`.
///
/// # Errors
/// Why not, in the user's words.
pub fn check(
    config: &Config,
    day: &Day,
    (start, end): (Option<TimeOfDay>, Option<TimeOfDay>),
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), String> {
    let c = coach(config, day);
    let from = start
        .or(day.shutdown.corrected_start)
        .or_else(|| c.start_of_day())
        .unwrap_or(config.workday.day_starts);
    let work_day = config.workday.is_work_day(day.date);
    correction::check(day, work_day, today, (from, end), config.workday.day_starts)
        .and_then(|()| c.correction_passed(start, end, now))
        .map_err(describe)
}

/// A refusal in the user's words.
#[must_use]
pub fn describe(r: CorrectionRefusal) -> String {
    match r {
        CorrectionRefusal::FutureDay => t!("correct.future"),
        CorrectionRefusal::DayOff => t!("correct.day_off"),
        CorrectionRefusal::Sick => t!("correct.sick"),
        CorrectionRefusal::EndBeforeStart { start, end } => {
            t!("correct.end_before_start", start = start, end = end)
        }
        CorrectionRefusal::NotYet { at } => t!("correct.not_yet", at = at),
    }
}

/// Record `date`'s corrected start and end (`None`: kept) with the totals
/// they give. A past work day whose shutdown was forgotten is marked missed
/// with them: the morning check-in has its answer and asks no more.
///
/// # Errors
/// The day cannot be read or written.
pub fn correct(
    store: &Store,
    config: &Config,
    date: NaiveDate,
    (start, end): (Option<TimeOfDay>, Option<TimeOfDay>),
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(Day, Worked), StoreError> {
    let mut worked = Worked::default();
    let (day, _) = store.update_day_with(date, |day| {
        let mut after = day.clone();
        let mut op = DayOp::CorrectWork {
            start,
            end,
            worked_minutes: None,
            overtime_minutes: None,
        };
        after.apply(op.clone()).map_err(StoreError::Refused)?;
        let c = coach(config, &after);
        let last = c.last_work().unwrap_or(now);
        worked = totals(config, &after, last, now.max(last));
        // Today's work still running (no shutdown, no end told) keeps no
        // totals: recorded now, they would stop every view's count here.
        let over = c.work_over(today);
        if let DayOp::CorrectWork {
            worked_minutes,
            overtime_minutes,
            ..
        } = &mut op
            && over
        {
            (*worked_minutes, *overtime_minutes) =
                (Some(worked.worked_minutes), Some(worked.overtime_minutes));
        }
        let mut ops = vec![op];
        if date < today && rules::forgotten(day, config.workday.is_work_day(date)) {
            ops.push(DayOp::MarkShutdownMissed {
                worked_minutes: worked.worked_minutes,
                overtime_minutes: worked.overtime_minutes,
            });
        }
        Ok::<_, StoreError>(ops)
    })?;
    Ok((day, worked))
}
