//! Days off told ahead (`kot off 2026-12-24..2027-01-02`): which dates a
//! range names, and what marking one day off (or undoing it) does to it.
//! Recorded work is never overwritten silently: such a day needs `--force`.

use chrono::NaiveDate;

use super::day::{Day, DayOp, Place};

/// The longest range `kot off` takes: a year and a day, so a typo in the
/// year (`2026-12-24..2062-01-02`) writes nothing.
pub const MAX_DAYS: i64 = 366;

/// What is wrong with a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeError {
    Reversed { from: NaiveDate, to: NaiveDate },
    TooLong { days: i64 },
}

/// Every date from `from` to `to`, both included.
///
/// # Errors
/// `to` before `from`, or more than `MAX_DAYS` days.
pub fn dates(from: NaiveDate, to: NaiveDate) -> Result<Vec<NaiveDate>, RangeError> {
    if to < from {
        return Err(RangeError::Reversed { from, to });
    }
    let days = (to - from).num_days() + 1;
    if days > MAX_DAYS {
        return Err(RangeError::TooLong { days });
    }
    Ok(from.iter_days().take_while(|d| *d <= to).collect())
}

/// `A..B` split into its ends, or one date alone as both.
#[must_use]
pub fn split_range(text: &str) -> (&str, &str) {
    match text.split_once("..") {
        Some((a, b)) => (a.trim(), b.trim()),
        None => (text.trim(), text.trim()),
    }
}

/// What `kot off` did (or would do) to one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Now off.
    Marked,
    /// Off already, with the reason given (or none given).
    AlreadyOff,
    /// Off already, and `--reason` changed (or set) its reason.
    ReasonChanged,
    /// No work on it by the config or a holiday: left as it is.
    NoWork,
    /// Marked sick: left as it is (`--force` marks it off).
    Sick,
    /// Work was recorded on it (breaks, a running coach, a shutdown, evening
    /// work): left as it is (`--force` marks it off, the records stay).
    HasWork,
    /// `--undo`: no longer off.
    Unmarked,
    /// `--undo` on a day that was not off.
    NotOff,
}

impl Outcome {
    /// Whether the day was changed.
    #[must_use]
    pub fn changed(self) -> bool {
        matches!(self, Self::Marked | Self::ReasonChanged | Self::Unmarked)
    }

    /// The i18n key's last part.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Marked => "marked",
            Self::AlreadyOff => "already_off",
            Self::ReasonChanged => "reason_changed",
            Self::NoWork => "no_work",
            Self::Sick => "sick",
            Self::HasWork => "has_work",
            Self::Unmarked => "unmarked",
            Self::NotOff => "not_off",
        }
    }
}

/// Whether the day holds a record of work: a break, a coach that ran, a
/// shutdown (or a missed one) or evening work. A plan (tasks, blocks) or a
/// chosen place is not work done.
#[must_use]
pub fn has_work(day: &Day) -> bool {
    !day.breaks.is_empty()
        || day.coach.seen_at.is_some()
        || day.coach.on_break.is_some()
        || day.shutdown.at.is_some()
        || day.shutdown.missed
        || !day.evening.is_empty()
}

/// Whether the day is off until the user says otherwise, so no morning
/// check-in opens by itself: told off ahead (`kot off`), or with nothing
/// chosen on a day the config has no work on (a weekend, a holiday). Home
/// or office chosen on it makes it extra work, which begins with the
/// check-in. `work_day`: the config has work on the date.
#[must_use]
pub fn quiet(day: &Day, work_day: bool) -> bool {
    match day.place {
        Some(Place::Off) => true,
        None => !work_day,
        Some(_) => false,
    }
}

/// Marking `day` off: what happens and the edits that do it. `work_day`:
/// the config (or a place chosen in the file) has work on it.
#[must_use]
pub fn mark(day: &Day, work_day: bool, reason: Option<&str>, force: bool) -> (Outcome, Vec<DayOp>) {
    let set_reason = |ops: &mut Vec<DayOp>| {
        if let Some(r) = reason
            && day.off_reason.as_deref() != Some(r)
        {
            ops.push(DayOp::SetOffReason {
                reason: Some(r.to_string()),
            });
        }
    };
    let outcome = match day.place {
        Some(Place::Off) if reason.is_some_and(|r| day.off_reason.as_deref() != Some(r)) => {
            Outcome::ReasonChanged
        }
        Some(Place::Off) => Outcome::AlreadyOff,
        Some(Place::Sick) if !force => Outcome::Sick,
        _ if has_work(day) && !force => Outcome::HasWork,
        Some(Place::Sick) => Outcome::Marked,
        _ if !work_day => Outcome::NoWork,
        _ => Outcome::Marked,
    };
    let mut ops = Vec::new();
    match outcome {
        Outcome::Marked => {
            ops.push(DayOp::SetPlace {
                place: Some(Place::Off),
                extra_work: false,
            });
            // A reason left from an earlier time off does not carry over.
            if reason.is_none() && day.off_reason.is_some() {
                ops.push(DayOp::SetOffReason { reason: None });
            }
            set_reason(&mut ops);
        }
        Outcome::ReasonChanged => set_reason(&mut ops),
        _ => {}
    }
    (outcome, ops)
}

/// Undoing `kot off` on `day`: no place (the config decides again) and no
/// reason.
#[must_use]
pub fn unmark(day: &Day) -> (Outcome, Vec<DayOp>) {
    if day.place != Some(Place::Off) {
        return (Outcome::NotOff, Vec::new());
    }
    let mut ops = vec![DayOp::SetPlace {
        place: None,
        extra_work: false,
    }];
    if day.off_reason.is_some() {
        ops.push(DayOp::SetOffReason { reason: None });
    }
    (Outcome::Unmarked, ops)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_day_without_work_in_the_config_stays_quiet_until_a_place_is_chosen() {
        let mut day = Day::new(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap());
        assert!(quiet(&day, false), "a weekend with nothing chosen");
        assert!(!quiet(&day, true), "a work day with nothing chosen");
        day.place = Some(Place::Home);
        assert!(!quiet(&day, false), "home chosen on a weekend: extra work");
        day.place = Some(Place::Off);
        assert!(quiet(&day, true), "told off ahead");
    }

    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn after(day: &Day, ops: Vec<DayOp>) -> Day {
        let mut day = day.clone();
        for op in ops {
            day.apply(op).unwrap();
        }
        day
    }

    #[test]
    fn a_range_is_inclusive_and_bounded() {
        assert_eq!(dates(d("2026-12-24"), d("2027-01-02")).unwrap().len(), 10);
        assert_eq!(
            dates(d("2026-12-24"), d("2026-12-24")).unwrap(),
            [d("2026-12-24")]
        );
        assert!(matches!(
            dates(d("2027-01-02"), d("2026-12-24")),
            Err(RangeError::Reversed { .. })
        ));
        assert_eq!(dates(d("2026-01-01"), d("2027-01-01")).unwrap().len(), 366);
        assert_eq!(
            dates(d("2026-01-01"), d("2027-01-02")),
            Err(RangeError::TooLong { days: 367 })
        );
        assert_eq!(split_range("today..2026-12-31"), ("today", "2026-12-31"));
        assert_eq!(split_range(" tomorrow "), ("tomorrow", "tomorrow"));
    }

    #[test]
    fn a_work_day_is_marked_and_unmarked() {
        let day = Day::new(d("2026-12-24"));
        let (o, ops) = mark(&day, true, Some("holiday"), false);
        assert_eq!(o, Outcome::Marked);
        let off = after(&day, ops);
        assert_eq!(off.place, Some(Place::Off));
        assert_eq!(off.off_reason(), Some("holiday"));
        assert_eq!(
            mark(&off, true, Some("holiday"), false),
            (Outcome::AlreadyOff, vec![])
        );
        let (o, ops) = mark(&off, true, Some("leave"), false);
        assert_eq!(o, Outcome::ReasonChanged);
        assert!(o.changed());
        assert_eq!(after(&off, ops).off_reason(), Some("leave"));
        let (o, ops) = unmark(&off);
        assert_eq!(o, Outcome::Unmarked);
        let back = after(&off, ops);
        assert_eq!(back, day);
        assert_eq!(unmark(&back), (Outcome::NotOff, vec![]));
    }

    #[test]
    fn recorded_work_and_sick_days_need_force_and_free_days_stay_as_they_are() {
        let mut worked = Day::new(d("2026-11-23"));
        worked.coach.seen_at =
            Some(chrono::DateTime::parse_from_rfc3339("2026-11-23T10:00:00+01:00").unwrap());
        assert_eq!(mark(&worked, true, None, false), (Outcome::HasWork, vec![]));
        let (o, ops) = mark(&worked, true, None, true);
        assert_eq!(o, Outcome::Marked);
        assert_eq!(after(&worked, ops).place, Some(Place::Off));
        let mut sick = Day::new(d("2026-11-24"));
        sick.place = Some(Place::Sick);
        assert_eq!(mark(&sick, false, None, false), (Outcome::Sick, vec![]));
        assert_eq!(mark(&sick, false, None, true).0, Outcome::Marked);
        let saturday = Day::new(d("2026-11-28"));
        assert_eq!(
            mark(&saturday, false, None, true),
            (Outcome::NoWork, vec![])
        );
    }
}
