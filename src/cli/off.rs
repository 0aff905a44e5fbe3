//! `kot off 2026-12-24..2027-01-02 [--reason holiday]`: days off told ahead,
//! one locked update per day, and a line per day saying what happened.

use chrono::{Datelike, NaiveDate};

use super::out;
use crate::context::Context;
use crate::core::days_off::{self, Outcome, RangeError};
use crate::error::{CmdResult, Failure};
use crate::store::StoreError;
use crate::t;

/// Why a day is off, as `--reason` takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OffReasonArg {
    Holiday,
    Leave,
    Compensation,
    Other,
}

impl OffReasonArg {
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Holiday => "holiday",
            Self::Leave => "leave",
            Self::Compensation => "compensation",
            Self::Other => "other",
        }
    }
}

/// The days `range` names: `FROM..TO` or one day, each as `--date` takes it.
///
/// # Errors
/// A bad date, a reversed range, or more than a year.
pub fn range(ctx: &Context, range: &str) -> Result<Vec<NaiveDate>, Failure> {
    let (a, b) = days_off::split_range(range);
    let (from, to) = (ctx.date(Some(a))?, ctx.date(Some(b))?);
    days_off::dates(from, to).map_err(|e| {
        Failure(match e {
            RangeError::Reversed { from, to } => t!("off.reversed", from = from, to = to),
            RangeError::TooLong { days } => {
                t!("off.too_long", days = days, max = days_off::MAX_DAYS)
            }
        })
    })
}

/// `kot off RANGE [--reason R] [--force]`, or `--undo`.
///
/// # Errors
/// A bad range, or a day that cannot be read or written (the days before it
/// were done and said).
pub fn run(
    ctx: &Context,
    text: &str,
    reason: Option<OffReasonArg>,
    force: bool,
    undo: bool,
) -> CmdResult {
    let dates = range(ctx, text)?;
    let reason = reason.map(OffReasonArg::name);
    let mut changed = 0;
    let mut reasons = 0;
    let mut refused: i64 = 0;
    for date in dates {
        let mut outcome = Outcome::NotOff;
        let mut before = None;
        let (day, _) = ctx.store.update_day_with(date, |day| {
            before.clone_from(&day.off_reason);
            let (o, ops) = if undo {
                days_off::unmark(day)
            } else {
                let work_day = ctx.config.workday.hours_of(day).is_some();
                days_off::mark(day, work_day, reason, force)
            };
            outcome = o;
            Ok::<_, StoreError>(ops)
        })?;
        if outcome == Outcome::ReasonChanged {
            reasons += 1;
            out::changed();
        } else if outcome.changed() {
            changed += 1;
            out::changed();
        }
        if matches!(outcome, Outcome::Sick | Outcome::HasWork) {
            refused += 1;
        }
        let line = match (outcome, day.off_reason()) {
            (Outcome::ReasonChanged, Some(r)) => match before.as_deref() {
                Some(was) => t!(
                    "off.outcome.reason_changed",
                    from = reason_text(was),
                    to = reason_text(r)
                ),
                None => t!("off.outcome.reason_set", reason = reason_text(r)),
            },
            (Outcome::NoWork, _) if ctx.config.workday.is_holiday(date) => {
                t!("off.outcome.holiday")
            }
            (Outcome::Marked | Outcome::AlreadyOff, Some(r)) => t!(
                &format!("off.outcome.{}_why", outcome.name()),
                reason = reason_text(r)
            ),
            (o, _) => t!(&format!("off.outcome.{}", o.name())),
        };
        out::line(&format!("{}: {line}", date_name(date)));
    }
    out::line(&if undo {
        t!("off.summary_undo", n = changed)
    } else {
        t!("off.summary", n = changed)
    });
    if reasons > 0 {
        out::line(&t!("off.summary_reasons", n = reasons));
    }
    // Nothing done and something refused: the user asked for a change that
    // did not happen, which a script must be able to see. Days already off
    // or without work are no failure: what was asked holds.
    if changed + reasons == 0 && refused > 0 {
        return Err(Failure(crate::i18n::plural(
            "off.none_marked",
            refused,
            &[],
        )));
    }
    Ok(())
}

/// `Thu 2026-12-24`.
#[must_use]
pub fn date_name(date: NaiveDate) -> String {
    let weekday = t!(&format!(
        "weekday.short.{}",
        date.weekday().num_days_from_monday()
    ));
    format!("{weekday} {}", date.format("%Y-%m-%d"))
}

/// A reason in the user's language; one written by hand as it is.
#[must_use]
pub fn reason_text(reason: &str) -> String {
    crate::coach_runtime::off_reason_text(reason)
}
