//! Pieces drawn on several screens.

pub mod footer;
pub mod timeline;

use chrono::{Datelike, NaiveDate};

use crate::core::text::{display_safe, fixed_width};
use crate::t;

/// Text from a file (a title) as the TUI draws it: controls escaped, as the CLI
/// shows them, and joined emoji apart so no border after it moves.
#[must_use]
pub fn shown(text: &str) -> String {
    fixed_width(&display_safe(text)).into_owned()
}

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
