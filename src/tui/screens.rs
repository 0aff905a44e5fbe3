//! One module per screen; each draws from a plain `&App` at a given instant.

pub mod checkin;
pub mod today;

use chrono::{Datelike, NaiveDate};

use crate::t;

/// `Monday 23 November 2026` in the interface language.
#[must_use]
pub fn long_date(d: NaiveDate) -> String {
    t!(
        "date.long",
        weekday = t!(&format!("weekday.{}", d.weekday().num_days_from_monday())),
        day = d.day(),
        month = t!(&format!("month.{}", d.month())),
        year = d.year()
    )
}

/// `Mon 23 Nov` in the interface language.
#[must_use]
pub fn short_date(d: NaiveDate) -> String {
    t!(
        "date.short",
        weekday = t!(&format!(
            "weekday.short.{}",
            d.weekday().num_days_from_monday()
        )),
        day = d.day(),
        month = t!(&format!("month.short.{}", d.month()))
    )
}
