//! A day's start and end corrected from Today (`tui::correct`), written.

use chrono::NaiveDate;

use super::App;
use crate::core::day::Day;
use crate::core::shutdown::Worked;
use crate::store::{DayLoad, StoreError};
use crate::t;

impl App {
    /// A day's correction written (or not): show the day as written and say
    /// the new totals.
    pub fn day_corrected(&mut self, date: NaiveDate, result: Result<(Day, Worked), StoreError>) {
        self.dirty = true;
        match result {
            Ok((day, w)) => {
                let said = t!(
                    "today.corrected",
                    worked = crate::i18n::hm(i64::from(w.worked_minutes)),
                    overtime = crate::i18n::hm(i64::from(w.overtime_minutes))
                );
                if date == self.date {
                    self.take_day(day);
                } else {
                    self.day_loaded(date, DayLoad::Ok(day));
                }
                self.set_banner(said, false);
            }
            Err(e) => self.set_banner(e.message(), true),
        }
    }
}
