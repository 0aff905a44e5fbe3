//! A day's start and end corrected afterwards (`[shutdown] corrected_start`,
//! `corrected_end`) as instants: the coach's first and last work read them
//! before anything it saw.

use chrono::{DateTime, TimeZone, Utc};

use super::Coach;
use crate::core::shutdown::correction::{CorrectionRefusal, end_after_midnight};
use crate::core::time::TimeOfDay;
use crate::core::workday::resolve_local;

impl<Tz: TimeZone> Coach<'_, Tz> {
    /// The corrected start of the day's work, if any.
    #[must_use]
    pub fn corrected_start(&self) -> Option<DateTime<Utc>> {
        let t = self.day.shutdown.corrected_start?;
        Some(resolve_local(&self.tz, self.day.date, t))
    }

    /// The corrected end of the day's work, if any.
    #[must_use]
    pub fn corrected_end(&self) -> Option<DateTime<Utc>> {
        let t = self.day.shutdown.corrected_end?;
        Some(self.end_at(self.day.shutdown.corrected_start, t))
    }

    /// The time the day's work is counted from when the start is not told:
    /// the planned start (work before it is no reason to read an end as
    /// after midnight), else the first work.
    #[must_use]
    pub fn start_of_day(&self) -> Option<TimeOfDay> {
        self.hours.map(|h| h.start).or_else(|| {
            self.first_work()
                .map(|f| TimeOfDay::of(f.with_timezone(&self.tz).naive_local().time()))
        })
    }

    /// `end` as an instant of a day whose work starts at `start` (none: the
    /// planned start): not after the start it is after midnight.
    #[must_use]
    pub fn end_at(&self, start: Option<TimeOfDay>, end: TimeOfDay) -> DateTime<Utc> {
        let date = self.day.date;
        let from = start.or(self.hours.map(|h| h.start));
        let on = if from.is_some_and(|s| end_after_midnight(s, end)) {
            date.succ_opt().unwrap_or(date)
        } else {
            date
        };
        resolve_local(&self.tz, on, end)
    }

    /// Whether the day's work is over as of `today`: a day before it, a
    /// shutdown, an end told (a correction, the check-in's "When did you
    /// stop?"). Only then has the day an end and recorded totals; today's
    /// work still running has neither.
    #[must_use]
    pub fn work_over(&self, today: chrono::NaiveDate) -> bool {
        let s = &self.day.shutdown;
        self.day.date < today || s.at.is_some() || s.corrected_end.is_some() || s.missed
    }

    /// The day's first and last work as its record shows them (`kot day`,
    /// Today's `C`, the timeline's "work stopped"): the end only once the
    /// work is over (`work_over`).
    #[must_use]
    pub fn recorded_span(
        &self,
        today: chrono::NaiveDate,
    ) -> (Option<DateTime<Utc>>, Option<DateTime<Utc>>) {
        let first = self.first_work();
        let last = self
            .last_work()
            .filter(|_| self.work_over(today) && first.is_some());
        (first, last)
    }

    /// Refuses a corrected start or end still to come at `now`.
    ///
    /// # Errors
    /// `NotYet` with the time that is still to come.
    pub fn correction_passed(
        &self,
        start: Option<TimeOfDay>,
        end: Option<TimeOfDay>,
        now: DateTime<Utc>,
    ) -> Result<(), CorrectionRefusal> {
        if let Some(s) = start
            && resolve_local(&self.tz, self.day.date, s) > now
        {
            return Err(CorrectionRefusal::NotYet { at: s });
        }
        let start = start.or(self.day.shutdown.corrected_start);
        match end {
            Some(e) if self.end_at(start, e) > now => Err(CorrectionRefusal::NotYet { at: e }),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, Utc};

    use super::*;
    use crate::core::coach::{BreakPolicy, MeetingPolicy};
    use crate::core::day::Day;
    use crate::core::shutdown::ShutdownPolicy;
    use crate::core::workday::WorkHours;

    fn hm(s: &str) -> TimeOfDay {
        s.parse().unwrap()
    }

    fn at(d: NaiveDate, s: &str) -> DateTime<Utc> {
        resolve_local(&Utc, d, hm(s))
    }

    #[test]
    fn the_corrected_times_are_the_first_and_last_work_and_count() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let mut day = Day::new(date);
        day.shutdown.corrected_start = Some(hm("09:10"));
        day.shutdown.corrected_end = Some(hm("01:00"));
        let hours = WorkHours {
            start: hm("09:00"),
            end: hm("17:30"),
        };
        let c = Coach::new(
            Utc,
            BreakPolicy::default(),
            MeetingPolicy::default(),
            Some(hours),
            &day,
        )
        .with_shutdown(ShutdownPolicy::default());
        let next = date.succ_opt().unwrap();
        assert_eq!(c.first_work(), Some(at(date, "09:10")));
        assert_eq!(c.last_work(), Some(at(next, "01:00")), "after midnight");
        // Whatever end the caller saw, the corrected one counts.
        let w = c.work_span(at(date, "12:00"), at(next, "09:00")).unwrap();
        assert_eq!(w.worked().worked_minutes, 15 * 60 + 50);
        assert_eq!(w.worked().overtime_minutes, 7 * 60 + 30);
        assert_eq!(
            c.correction_passed(None, Some(hm("17:00")), at(date, "16:00")),
            Err(CorrectionRefusal::NotYet { at: hm("17:00") })
        );
    }
}
