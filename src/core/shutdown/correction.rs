//! Correcting a day's start and end afterwards (`kot day --start --end`,
//! Today's `C`): what may be corrected and why not. The stored correction
//! is read by the coach as the day's first and last work
//! (`Coach::first_work`, `Coach::last_work`), so worked time, overtime and
//! every reader of them follow it.

use chrono::NaiveDate;

use super::{RitualKind, ritual_kind};
use crate::core::day::Day;
use crate::core::time::TimeOfDay;

/// Why a correction is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CorrectionRefusal {
    /// The day has not come yet.
    FutureDay,
    /// A day off: there is no work day to correct.
    DayOff,
    /// A sick day: there is no work day to correct.
    Sick,
    /// The end is not after the start, and too early to be after midnight
    /// (`day_starts` or later).
    EndBeforeStart { start: TimeOfDay, end: TimeOfDay },
    /// The start or the end is still to come today.
    NotYet { at: TimeOfDay },
}

/// Whether `end` is after midnight on a day whose work starts at `start`:
/// not after it (as `kot end` reads a moved end).
#[must_use]
pub fn end_after_midnight(start: TimeOfDay, end: TimeOfDay) -> bool {
    end <= start
}

/// What a correction of `day` is refused for without the instants: a day
/// still to come, a day off or sick, an end before `start` that is not
/// after midnight (before `day_starts`). `work_day`: the config has work on
/// its weekday.
///
/// # Errors
/// The refusal, to say in the front end's words.
pub fn check(
    day: &Day,
    work_day: bool,
    today: NaiveDate,
    (start, end): (TimeOfDay, Option<TimeOfDay>),
    day_starts: TimeOfDay,
) -> Result<(), CorrectionRefusal> {
    if day.date > today {
        return Err(CorrectionRefusal::FutureDay);
    }
    match ritual_kind(day, work_day) {
        RitualKind::Rest => return Err(CorrectionRefusal::Sick),
        RitualKind::None => return Err(CorrectionRefusal::DayOff),
        RitualKind::Full => {}
    }
    match end {
        Some(end) if end_after_midnight(start, end) && end >= day_starts => {
            Err(CorrectionRefusal::EndBeforeStart { start, end })
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::day::Place;

    fn hm(s: &str) -> TimeOfDay {
        s.parse().unwrap()
    }

    fn day(place: Option<Place>) -> Day {
        let mut d = Day::new(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
        d.place = place;
        d
    }

    #[test]
    fn an_end_before_the_start_is_refused_unless_after_midnight() {
        let d = day(None);
        let today = d.date;
        let four = hm("04:00");
        let ok = |s, e| check(&d, true, today, (hm(s), Some(hm(e))), four);
        assert_eq!(ok("09:10", "17:50"), Ok(()));
        assert_eq!(ok("09:10", "01:30"), Ok(()), "after midnight");
        assert_eq!(
            ok("09:10", "08:00"),
            Err(CorrectionRefusal::EndBeforeStart {
                start: hm("09:10"),
                end: hm("08:00")
            })
        );
        assert!(ok("09:10", "09:10").is_err());
    }

    #[test]
    fn days_off_sick_days_and_later_days_have_nothing_to_correct() {
        let s = (hm("09:00"), Some(hm("17:00")));
        let four = hm("04:00");
        let d = day(Some(Place::Sick));
        assert_eq!(
            check(&d, true, d.date, s, four),
            Err(CorrectionRefusal::Sick)
        );
        let d = day(Some(Place::Off));
        assert_eq!(
            check(&d, true, d.date, s, four),
            Err(CorrectionRefusal::DayOff)
        );
        let d = day(None);
        assert_eq!(
            check(&d, false, d.date, s, four),
            Err(CorrectionRefusal::DayOff),
            "a weekend"
        );
        let yesterday = d.date.pred_opt().unwrap();
        assert_eq!(
            check(&d, true, yesterday, s, four),
            Err(CorrectionRefusal::FutureDay)
        );
    }
}
