//! Builders the review's and the nudges' unit tests share: the default work
//! calendar, time stamps, break records and a day of work at home.

use chrono::{Datelike, NaiveDate};

use super::WorkCalendar;
use crate::core::breaks::{BreakKind, BreakRecord, Outcome};
use crate::core::day::{Checkin, Day, Place};
use crate::core::stamp::Stamp;
use crate::core::time::TimeOfDay;
use crate::core::workday::WorkHours;

/// Monday to Friday, 09:00 to 17:30: the config's default.
pub struct Weekdays;

impl WorkCalendar for Weekdays {
    fn is_work_day(&self, date: NaiveDate) -> bool {
        date.weekday().num_days_from_monday() < 5
    }

    fn hours_of(&self, day: &Day) -> Option<WorkHours> {
        let work = match day.place {
            Some(Place::Off | Place::Sick) => false,
            Some(Place::Home | Place::Office) => true,
            None => self.is_work_day(day.date),
        };
        work.then_some(WorkHours {
            start: TimeOfDay::hm(9, 0),
            end: TimeOfDay::hm(17, 30),
        })
    }
}

/// `hm` (`"09:30"`) on `d`, in UTC.
pub fn at(d: NaiveDate, hm: &str) -> Stamp {
    chrono::DateTime::parse_from_rfc3339(&format!("{d}T{hm}:00+00:00")).unwrap()
}

/// A break of `kind` from `from` to `to` on `d`, as a day file holds it
/// (a lunch counted as lunch, any other counted by you).
pub fn brk(d: NaiveDate, kind: BreakKind, outcome: Outcome, from: &str, to: &str) -> BreakRecord {
    let outcome = match outcome {
        Outcome::Taken => "taken",
        Outcome::Skipped => "skipped",
        Outcome::Ignored => "ignored",
    };
    let counted = if kind == BreakKind::Lunch {
        "lunch"
    } else {
        "you"
    };
    toml::from_str::<BreakRecord>(&format!(
        "kind = \"{}\"\noutcome = \"{outcome}\"\ncounted = \"{counted}\"\nstart = \"{}\"\nend = \"{}\"\n",
        kind.name(),
        at(d, from).to_rfc3339(),
        at(d, to).to_rfc3339(),
    ))
    .unwrap()
}

/// A day of work at home: checked in at 09:00 feeling 4, shut down at
/// `shut`, 8 hours worked.
pub fn work_day(d: NaiveDate, shut: Option<&str>) -> Day {
    let mut day = Day::new(d);
    day.place = Some(Place::Home);
    day.checkin = Some(Checkin {
        at: at(d, "09:00"),
        feeling: Some(4),
        extra: toml::Table::new(),
    });
    day.shutdown.at = shut.map(|s| at(d, s));
    day.shutdown.worked_minutes = Some(480);
    day
}
