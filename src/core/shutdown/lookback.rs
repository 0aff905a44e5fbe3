//! The morning look-back: what the previous work day's file says about how
//! it went, for one line of the check-in ("Yesterday: 7h56 · lunch 12:40 ·
//! 3 of 3 top done · shutdown 17:30 · 44 min in the evening"). Parts that do
//! not apply are `None`.

use chrono::Duration;

use crate::core::breaks::BreakRecord;
use crate::core::day::Day;
use crate::core::plan::TaskStatus;
use crate::core::time::TimeOfDay;

/// How a past work day went, from its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LookBack {
    /// The recorded worked time (the shutdown's, or the missed day's guess
    /// or correction).
    pub worked_minutes: Option<u32>,
    /// When lunch began, when one was taken.
    pub lunch: Option<TimeOfDay>,
    /// Top tasks done, of the top tasks the day had (none dropped).
    pub top: Option<(usize, usize)>,
    /// When the shutdown was done (its local time).
    pub shutdown: Option<TimeOfDay>,
    /// The day ended with no shutdown.
    pub missed: bool,
    /// When work stopped, told afterwards (`kot day --end`).
    pub corrected_end: Option<TimeOfDay>,
    /// Evening work after the shutdown, finished ones only.
    pub evening_minutes: u32,
}

impl LookBack {
    /// The look-back on `day`, or `None` when nothing says it was worked.
    /// `is_lunch`: the lunch rule (`Coach::is_lunch`), so an early or short
    /// lunch is no lunch here either.
    #[must_use]
    pub fn of(day: &Day, is_lunch: impl Fn(&BreakRecord) -> bool) -> Option<Self> {
        let s = &day.shutdown;
        let worked = s.worked_minutes.filter(|m| *m > 0);
        let evening: Duration = day
            .evening
            .iter()
            .filter_map(|e| Some(e.end? - e.start))
            .sum();
        let evening_minutes = u32::try_from(evening.num_minutes().max(0)).unwrap_or(0);
        if worked.is_none() && s.at.is_none() && evening_minutes == 0 {
            return None;
        }
        let lunch = day
            .breaks
            .iter()
            .find(|b| is_lunch(b))
            .map(|b| TimeOfDay::of(b.start.time()));
        let tops: Vec<_> = day
            .tasks
            .iter()
            .filter(|t| t.top && t.status != TaskStatus::Dropped)
            .collect();
        let done = tops.iter().filter(|t| t.status == TaskStatus::Done).count();
        Some(Self {
            worked_minutes: worked,
            lunch,
            top: (!tops.is_empty()).then_some((done, tops.len())),
            shutdown: s.at.map(|t| TimeOfDay::of(t.time())),
            missed: s.missed && s.at.is_none(),
            corrected_end: s.corrected_end,
            evening_minutes,
        })
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    #[test]
    fn a_day_shut_down_tells_each_part_and_leaves_out_the_rest() {
        let text = r#"
date = "2026-11-20"
place = "home"
[[tasks]]
id = 1
title = "Report"
top = true
status = "done"
[[tasks]]
id = 2
title = "Mail"
top = true
[[tasks]]
id = 3
title = "Old"
top = true
status = "dropped"
[[breaks]]
kind = "lunch"
outcome = "taken"
start = "2026-11-20T12:40:00+01:00"
end = "2026-11-20T13:10:00+01:00"
[shutdown]
at = "2026-11-20T17:30:00+01:00"
worked_minutes = 476
overtime_minutes = 44
[[evening]]
start = "2026-11-20T20:00:00+01:00"
end = "2026-11-20T20:44:00+01:00"
"#;
        let day: Day = toml::from_str(text).unwrap();
        let l = LookBack::of(&day, |b| b.kind == crate::core::breaks::BreakKind::Lunch).unwrap();
        let hm = |s: &str| s.parse::<TimeOfDay>().ok();
        assert_eq!(l.worked_minutes, Some(476));
        assert_eq!(l.lunch, hm("12:40"));
        assert_eq!(l.top, Some((1, 2)));
        assert_eq!(l.shutdown, hm("17:30"));
        assert!(!l.missed);
        assert_eq!(l.evening_minutes, 44);
        let quiet = Day::new(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap());
        assert_eq!(LookBack::of(&quiet, |_| false), None);
    }
}
