//! Typed settings with their defaults. `config.example.toml` is the documentation,
//! the default and the first-start file at once; `load` turns a user's file into a
//! `Config` key by key, so one bad value costs only that value.

pub mod agreements;
pub mod load;

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, Weekday};

use crate::core::coach::{BreakPolicy, MeetingPolicy};
use crate::core::day::{Day, Place};
use crate::core::nudges::{Me, NudgePolicy};
use crate::core::shutdown::ShutdownPolicy;
use crate::core::time::TimeOfDay;
use crate::core::workday::WorkHours;

/// The commented default config, written on first start.
pub const EXAMPLE: &str = include_str!("../config.example.toml");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LanguagePref {
    /// From `LC_ALL`, `LC_MESSAGES`, `LANG`.
    #[default]
    Auto,
    En,
    Nl,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Config {
    pub language: LanguagePref,
    pub workday: Workday,
    pub breaks: BreakPolicy,
    pub meetings: MeetingPolicy,
    pub notifications: Notifications,
    pub shutdown: Shutdown,
    /// `[agreements]`: what you agreed with your team.
    pub agreements: crate::core::agreements::Agreements,
    /// `[nudges]`: what kot notices over the days, rule by rule.
    pub nudges: NudgePolicy,
    /// `[me]`: living alone, hybrid work.
    pub me: Me,
}

/// `[shutdown]`: the end of the workday.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shutdown {
    /// Warnings, the nudges and `max_work_minutes`, for the coach.
    pub policy: ShutdownPolicy,
    /// Your own steps of the ritual; `None`: kot's three, in your language.
    pub steps: Option<Vec<String>>,
    /// A command run when the ritual is complete, as an argument list
    /// (never through a shell); empty: none.
    pub on_complete: Vec<String>,
    /// How long kot waits for `on_complete` before it lets it run on.
    pub on_complete_wait_seconds: u16,
    /// The walk home counted down after the ritual, in minutes; 0: none.
    pub commute_minutes: u16,
    /// After the shutdown the evening view keeps tomorrow's list and the
    /// plan behind a key.
    pub hide_work: bool,
}

impl Default for Shutdown {
    fn default() -> Self {
        Self {
            policy: ShutdownPolicy::default(),
            steps: None,
            on_complete: Vec::new(),
            on_complete_wait_seconds: 10,
            commute_minutes: 0,
            hide_work: false,
        }
    }
}

/// `[notifications]`: how kot reaches you when the terminal is not in view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Notifications {
    /// Desktop notifications over D-Bus.
    pub enabled: bool,
    /// The terminal bell with a prompt.
    pub bell: bool,
}

impl Default for Notifications {
    fn default() -> Self {
        Self {
            enabled: true,
            bell: true,
        }
    }
}

/// Start and end overrides for one weekday (`[workday.fri]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct HoursOverride {
    pub start: Option<TimeOfDay>,
    pub end: Option<TimeOfDay>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workday {
    pub start: TimeOfDay,
    pub end: TimeOfDay,
    /// Work days, Monday first.
    pub days: Vec<Weekday>,
    /// The hour the kot day turns: work after midnight belongs to the day before.
    pub day_starts: TimeOfDay,
    pub overrides: BTreeMap<u8, HoursOverride>,
    /// Fixed days off (`holidays = ["2026-12-25"]`; sorted, no repeats, as
    /// read): no work on them unless home or office is chosen (then extra
    /// work), quiet like a day marked off.
    pub holidays: Vec<NaiveDate>,
}

impl Default for Workday {
    fn default() -> Self {
        Self {
            start: hm(9, 0),
            end: hm(17, 30),
            days: vec![
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
            ],
            day_starts: hm(4, 0),
            overrides: BTreeMap::new(),
            holidays: Vec::new(),
        }
    }
}

const fn hm(h: u16, m: u16) -> TimeOfDay {
    TimeOfDay::hm(h, m)
}

impl Workday {
    /// The work hours of a weekday, or `None` on a day off by the config.
    #[must_use]
    pub fn hours(&self, day: Weekday) -> Option<WorkHours> {
        self.days.contains(&day).then(|| self.usual_hours(day))
    }

    /// The hours a weekday would have if it were a work day: for work on a day
    /// off.
    #[must_use]
    pub fn usual_hours(&self, day: Weekday) -> WorkHours {
        let o = self
            .overrides
            .get(&weekday_index(day))
            .copied()
            .unwrap_or_default();
        WorkHours {
            start: o.start.unwrap_or(self.start),
            end: o.end.unwrap_or(self.end),
        }
    }

    /// Whether the config has work on `date` (before anything is chosen):
    /// a work weekday that is not a holiday.
    #[must_use]
    pub fn is_work_day(&self, date: NaiveDate) -> bool {
        self.days.contains(&date.weekday()) && !self.is_holiday(date)
    }

    /// Whether `date` is one of `[workday] holidays`.
    #[must_use]
    pub fn is_holiday(&self, date: NaiveDate) -> bool {
        // A handful of dates: a scan, and no need for them to be sorted.
        self.holidays.contains(&date)
    }

    /// The work hours the config gives `date`: none on a day off by the
    /// config or a holiday.
    #[must_use]
    pub fn hours_on(&self, date: NaiveDate) -> Option<WorkHours> {
        self.is_work_day(date)
            .then(|| self.usual_hours(date.weekday()))
    }

    /// The one answer to "is `day` a work day, with which hours": none on a
    /// day marked off or sick, nor on a day off by the config or a holiday,
    /// unless home or office was chosen for it (work on a day off is coached,
    /// with the usual hours).
    #[must_use]
    pub fn hours_of(&self, day: &Day) -> Option<WorkHours> {
        let weekday = day.date.weekday();
        match day.place {
            Some(Place::Off | Place::Sick) => None,
            Some(Place::Home | Place::Office) => Some(self.usual_hours(weekday)),
            None => self.hours_on(day.date),
        }
    }

    /// Whether choosing `place` for `date` means working on a day the config
    /// has no work on (`extra_work` in the day file).
    #[must_use]
    pub fn extra_work(&self, date: NaiveDate, place: Place) -> bool {
        matches!(place, Place::Home | Place::Office) && !self.is_work_day(date)
    }
}

impl crate::core::review::WorkCalendar for Workday {
    fn is_work_day(&self, date: NaiveDate) -> bool {
        Self::is_work_day(self, date)
    }

    fn hours_of(&self, day: &Day) -> Option<WorkHours> {
        Self::hours_of(self, day)
    }
}

/// Monday = 0, as in `chrono::Weekday::num_days_from_monday`.
#[must_use]
pub fn weekday_index(day: Weekday) -> u8 {
    u8::try_from(day.num_days_from_monday()).unwrap_or(0)
}

/// `mon` … `sun`, the names the config uses.
pub const WEEKDAY_NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

#[must_use]
pub fn weekday_from_name(name: &str) -> Option<Weekday> {
    let i = WEEKDAY_NAMES
        .iter()
        .position(|n| n.eq_ignore_ascii_case(name.trim()))?;
    Some(WEEKDAYS[i])
}

const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

#[must_use]
pub fn weekday_name(day: Weekday) -> &'static str {
    WEEKDAY_NAMES[usize::from(weekday_index(day))]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(date: &str, place: Option<Place>) -> Day {
        let mut d = Day::new(date.parse().unwrap());
        d.place = place;
        d
    }

    #[test]
    fn one_answer_to_which_hours_a_day_has() {
        let w = Workday::default();
        let usual = w.usual_hours(Weekday::Mon);
        // 2026-11-23 is a Monday, 2026-11-28 a Saturday.
        assert_eq!(w.hours_of(&day("2026-11-23", None)), Some(usual));
        assert_eq!(w.hours_of(&day("2026-11-23", Some(Place::Sick))), None);
        assert_eq!(w.hours_of(&day("2026-11-23", Some(Place::Off))), None);
        assert_eq!(w.hours_of(&day("2026-11-28", None)), None);
        let sat = w.usual_hours(Weekday::Sat);
        assert_eq!(w.hours_of(&day("2026-11-28", Some(Place::Home))), Some(sat));
        let saturday = "2026-11-28".parse().unwrap();
        assert!(w.extra_work(saturday, Place::Office));
        assert!(!w.extra_work(saturday, Place::Off));
        assert!(!w.extra_work("2026-11-23".parse().unwrap(), Place::Home));
    }

    #[test]
    fn a_holiday_is_no_work_day_unless_work_is_chosen() {
        let christmas: NaiveDate = "2026-12-25".parse().unwrap(); // a Friday
        let w = Workday {
            holidays: vec![christmas],
            ..Workday::default()
        };
        assert!(w.is_holiday(christmas));
        assert!(!w.is_work_day(christmas));
        assert_eq!(w.hours_on(christmas), None);
        assert_eq!(w.hours_of(&day("2026-12-25", None)), None);
        assert!(w.extra_work(christmas, Place::Home));
        let fri = w.usual_hours(Weekday::Fri);
        assert_eq!(w.hours_of(&day("2026-12-25", Some(Place::Home))), Some(fri));
        assert!(w.is_work_day("2026-12-24".parse().unwrap()));
        assert!(!Workday::default().is_holiday(christmas));
    }
}
