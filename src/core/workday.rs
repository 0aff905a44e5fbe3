//! The calendar rules: which kot day an instant belongs to (the day turns at
//! `day_starts`, not midnight), how a wall-clock time on a date becomes an instant on
//! DST days, and where the workday stands. Generic over the time zone so tests pin
//! one with chrono-tz instead of depending on the machine; `tests/robustness_time.rs`
//! runs the same DST nights through `chrono::Local` (the binary with `TZ` set),
//! whose answers differ from chrono-tz's at the edges.

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};

use super::time::TimeOfDay;

/// The kot date of a local wall-clock time: work after midnight and before
/// `day_starts` still belongs to the day it started.
#[must_use]
pub fn kot_date(local: NaiveDateTime, day_starts: TimeOfDay) -> NaiveDate {
    (local - Duration::minutes(i64::from(day_starts.minutes()))).date()
}

/// The kot date of an instant in zone `tz`.
#[must_use]
pub fn kot_date_at<Tz: TimeZone>(tz: &Tz, now: DateTime<Utc>, day_starts: TimeOfDay) -> NaiveDate {
    kot_date(now.with_timezone(tz).naive_local(), day_starts)
}

/// `t` on the kot day `date`: a time before `day_starts` is after midnight,
/// as the kot day runs on until then (a stop told the next morning, `kot
/// shutdown --at 00:30`).
#[must_use]
pub fn on_kot_day<Tz: TimeZone>(
    tz: &Tz,
    date: NaiveDate,
    t: TimeOfDay,
    day_starts: TimeOfDay,
) -> DateTime<Utc> {
    let on = if t < day_starts {
        date.succ_opt().unwrap_or(date)
    } else {
        date
    };
    resolve_local(tz, on, t)
}

/// The instant a wall-clock time names on `date`. When the clock is turned back and
/// the time happens twice, the earlier one; when it is turned forward and the time
/// never happens, the first minute after the gap (02:30 on a spring-forward night
/// becomes 03:30 in Europe, as a wall clock pushed forward would show).
#[must_use]
pub fn resolve_local<Tz: TimeZone>(tz: &Tz, date: NaiveDate, time: TimeOfDay) -> DateTime<Utc> {
    resolve_naive(tz, date.and_time(time.to_naive()))
}

/// As `resolve_local`, for a wall-clock time with seconds.
#[must_use]
pub fn resolve_naive<Tz: TimeZone>(tz: &Tz, naive: NaiveDateTime) -> DateTime<Utc> {
    // kot picks among the zone's answers itself: `chrono::Local` hands an
    // ambiguous pair over later-first (chrono issue 1625, chrono-tz earlier-first)
    // and calls the instants at the very edge of a transition ambiguous or single
    // with an offset not in force then. An answer counts only if it reads back as
    // the same wall-clock time; of those, the earliest.
    let answers = match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) => [Some(t), None],
        LocalResult::Ambiguous(a, b) => [Some(a), Some(b)],
        LocalResult::None => [None, None],
    };
    answers
        .into_iter()
        .flatten()
        .map(|t| t.with_timezone(&Utc))
        .filter(|t| t.with_timezone(tz).naive_local() == naive)
        .min()
        .unwrap_or_else(|| after_gap(tz, naive))
}

/// A time in a gap read with the offset in force before it. Gaps are an hour or
/// less and months apart, so three hours earlier is before it.
fn after_gap<Tz: TimeZone>(tz: &Tz, naive: NaiveDateTime) -> DateTime<Utc> {
    let probe = naive
        .checked_sub_signed(Duration::hours(3))
        .unwrap_or(naive);
    let offset = tz.offset_from_utc_datetime(&probe).fix().local_minus_utc();
    naive
        .checked_sub_signed(Duration::seconds(i64::from(offset)))
        .unwrap_or(naive)
        .and_utc()
}

/// The instants a kot day runs from and to: 24 hours, or 23 or 25 on a DST day.
#[must_use]
pub fn day_bounds<Tz: TimeZone>(
    tz: &Tz,
    date: NaiveDate,
    day_starts: TimeOfDay,
) -> (DateTime<Utc>, DateTime<Utc>) {
    let next = date.succ_opt().unwrap_or(date);
    (
        resolve_local(tz, date, day_starts),
        resolve_local(tz, next, day_starts),
    )
}

/// Work hours of one day, `start < end` (the config guarantees it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkHours {
    pub start: TimeOfDay,
    pub end: TimeOfDay,
}

impl WorkHours {
    /// The end as a time of the same day: an end moved past midnight
    /// (`kot end 01:00`, before the start) is the day's last minute, for
    /// what counts and sorts within the calendar day (the plan's free time,
    /// the timeline's rows).
    #[must_use]
    pub fn end_in_day(self) -> TimeOfDay {
        if self.end < self.start {
            TimeOfDay::hm(23, 59)
        } else {
            self.end
        }
    }
}

/// Where `now` stands relative to the workday of `date`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkdayStatus {
    /// Not a work day (by the config, or the day is off or sick).
    Free,
    Before {
        starts_in: Duration,
    },
    During {
        left: Duration,
        total: Duration,
    },
    After {
        over_by: Duration,
    },
}

/// Where `now` stands in a workday given as instants: the coach's
/// (`Coach::workday`), so a moved end (`kot end`) is the end everywhere.
#[must_use]
pub fn span_status(
    now: DateTime<Utc>,
    span: Option<(DateTime<Utc>, DateTime<Utc>)>,
) -> WorkdayStatus {
    let Some((start, end)) = span else {
        return WorkdayStatus::Free;
    };
    if now < start {
        WorkdayStatus::Before {
            starts_in: start - now,
        }
    } else if now < end {
        WorkdayStatus::During {
            left: end - now,
            total: end - start,
        }
    } else {
        WorkdayStatus::After { over_by: now - end }
    }
}

#[cfg(test)]
mod tests {
    /// The state at `now` of `date`'s configured hours.
    fn workday_status<Tz: TimeZone>(
        tz: &Tz,
        now: DateTime<Utc>,
        date: NaiveDate,
        hours: Option<WorkHours>,
    ) -> WorkdayStatus {
        let span = hours.map(|h| {
            (
                resolve_local(tz, date, h.start),
                resolve_local(tz, date, h.end),
            )
        });
        span_status(now, span)
    }

    use super::*;
    use chrono_tz::Europe::Brussels;

    fn t(s: &str) -> TimeOfDay {
        s.parse().unwrap()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_day_turns_at_day_starts_not_midnight() {
        let d = date(2026, 11, 23);
        let late = d.succ_opt().unwrap().and_hms_opt(1, 30, 0).unwrap();
        assert_eq!(kot_date(late, t("04:00")), d);
        let morning = d.succ_opt().unwrap().and_hms_opt(4, 0, 0).unwrap();
        assert_eq!(kot_date(morning, t("04:00")), d.succ_opt().unwrap());
        assert_eq!(kot_date(late, t("00:00")), d.succ_opt().unwrap());
    }

    #[test]
    fn spring_forward_day_has_23_hours() {
        // 2026-03-29: Brussels skips 02:00-03:00. The kot day of the 28th (04:00 to
        // 04:00) spans that night.
        let (a, b) = day_bounds(&Brussels, date(2026, 3, 28), t("04:00"));
        assert_eq!(b - a, Duration::hours(23));
        let (a, b) = day_bounds(&Brussels, date(2026, 3, 29), t("04:00"));
        assert_eq!(b - a, Duration::hours(24));
    }

    #[test]
    fn fall_back_day_has_25_hours() {
        // 2026-10-25: Brussels repeats 02:00-03:00.
        let (a, b) = day_bounds(&Brussels, date(2026, 10, 24), t("04:00"));
        assert_eq!(b - a, Duration::hours(25));
        // Midnight-based days see the same.
        let (a, b) = day_bounds(&Brussels, date(2026, 10, 25), t("00:00"));
        assert_eq!(b - a, Duration::hours(25));
    }

    #[test]
    fn gap_times_shift_forward_and_repeated_times_take_the_first() {
        let gap = resolve_local(&Brussels, date(2026, 3, 29), t("02:30"));
        assert_eq!(
            gap.with_timezone(&Brussels).format("%H:%M %z").to_string(),
            "03:30 +0200"
        );
        let fold = resolve_local(&Brussels, date(2026, 10, 25), t("02:30"));
        assert_eq!(
            fold.with_timezone(&Brussels).format("%H:%M %z").to_string(),
            "02:30 +0200"
        );
    }

    #[test]
    fn workday_on_a_dst_night_counts_real_hours() {
        // A night shift that spans the fall-back hour: 00:30 to 05:30 is 6 real hours.
        let d = date(2026, 10, 25);
        let hours = WorkHours {
            start: t("00:30"),
            end: t("05:30"),
        };
        let now = resolve_local(&Brussels, d, t("00:30"));
        match workday_status(&Brussels, now, d, Some(hours)) {
            WorkdayStatus::During { left, total } => {
                assert_eq!(total, Duration::hours(6));
                assert_eq!(left, total);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn workday_before_during_after() {
        let d = date(2026, 11, 23);
        let hours = Some(WorkHours {
            start: t("09:00"),
            end: t("17:30"),
        });
        let at = |s: &str| resolve_local(&Brussels, d, t(s));
        assert_eq!(
            workday_status(&Brussels, at("08:55"), d, hours),
            WorkdayStatus::Before {
                starts_in: Duration::minutes(5)
            }
        );
        assert_eq!(
            workday_status(&Brussels, at("17:00"), d, hours),
            WorkdayStatus::During {
                left: Duration::minutes(30),
                total: Duration::minutes(510)
            }
        );
        assert_eq!(
            workday_status(&Brussels, at("18:00"), d, hours),
            WorkdayStatus::After {
                over_by: Duration::minutes(30)
            }
        );
        assert_eq!(
            workday_status(&Brussels, at("18:00"), d, None),
            WorkdayStatus::Free
        );
    }
}
