//! The week's note: the one thing to change this week, chosen in the shutdown
//! ritual on the last work day, and whether it happened (answered the week
//! after). One small file per ISO week, `weeks/YYYY/YYYY-Www.toml`; unknown
//! keys survive a rewrite, as in every kot file.

use std::fmt;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// The newest week-file format this kot reads and writes; a higher number
/// came from a newer kot: shown, never rewritten.
pub const SCHEMA: u32 = 1;

/// An ISO week (Monday to Sunday; week 1 holds the year's first Thursday).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct WeekId {
    pub year: i32,
    pub week: u32,
}

impl WeekId {
    #[must_use]
    pub fn of(date: NaiveDate) -> Self {
        let w = date.iso_week();
        Self {
            year: w.year(),
            week: w.week(),
        }
    }

    /// The week's Monday.
    #[must_use]
    pub fn monday(self) -> NaiveDate {
        NaiveDate::from_isoywd_opt(self.year, self.week, Weekday::Mon).unwrap_or(NaiveDate::MIN)
    }

    /// The week's Sunday.
    #[must_use]
    pub fn sunday(self) -> NaiveDate {
        NaiveDate::from_isoywd_opt(self.year, self.week, Weekday::Sun).unwrap_or(NaiveDate::MIN)
    }

    #[must_use]
    pub fn prev(self) -> Self {
        Self::of(self.monday().pred_opt().unwrap_or(NaiveDate::MIN))
    }

    #[must_use]
    pub fn next(self) -> Self {
        Self::of(self.sunday().succ_opt().unwrap_or(NaiveDate::MAX))
    }

    /// `2026-W48.toml`.
    #[must_use]
    pub fn file_name(self) -> String {
        format!("{self}.toml")
    }

    /// The week a file name stands for; `None` for anything but an exact
    /// `YYYY-Www.toml` of a week that exists.
    #[must_use]
    pub fn of_file_name(name: &str) -> Option<Self> {
        let stem = name.strip_suffix(".toml")?;
        let (year, week) = stem.split_once("-W")?;
        if year.len() != 4 || week.len() != 2 {
            return None;
        }
        let year: i32 = year.parse().ok()?;
        let week: u32 = week.parse().ok()?;
        NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)?;
        Some(Self { year, week })
    }
}

impl fmt::Display for WeekId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-W{:02}", self.year, self.week)
    }
}

/// One week's file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeekNote {
    #[serde(default = "base_schema")]
    pub schema: u32,
    /// The one thing to change this week, in the user's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub one_thing: Option<String>,
    /// Whether it happened: answered in the next week's ritual.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub happened: Option<bool>,
    /// Keys this kot does not know, kept as they were.
    #[serde(flatten)]
    pub extra: toml::Table,
}

const fn base_schema() -> u32 {
    SCHEMA
}

impl Default for WeekNote {
    fn default() -> Self {
        Self {
            schema: SCHEMA,
            one_thing: None,
            happened: None,
            extra: toml::Table::new(),
        }
    }
}

/// A change to a week's note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WeekOp {
    /// This week's one thing (cleaned to one line; empty clears nothing:
    /// skipping never clears what was recorded).
    SetOneThing(String),
    /// Whether the week's one thing happened.
    SetHappened(bool),
}

impl WeekNote {
    #[must_use]
    pub const fn writable(&self) -> bool {
        self.schema <= SCHEMA
    }

    /// The one thing, when there is one worth showing.
    #[must_use]
    pub fn one_thing(&self) -> Option<&str> {
        self.one_thing.as_deref().filter(|t| !t.is_empty())
    }

    pub fn apply(&mut self, op: WeekOp) {
        match op {
            WeekOp::SetOneThing(text) => {
                let text = crate::core::text::clean_title(&text);
                if !text.is_empty() {
                    self.one_thing = Some(text);
                }
            }
            WeekOp::SetHappened(yes) => self.happened = Some(yes),
        }
    }
}

/// How many weeks back the week step still asks about a one thing: a
/// week with no ritual on its last day leaves its one thing unanswered, and
/// it is asked about in a later week's ritual, not lost.
pub const LOOKBACK_WEEKS: u32 = 8;

/// What a week's note says about its one thing, for [`week_to_ask`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OneThingState {
    /// No note, or no one thing in it.
    None,
    /// A one thing with no answer yet.
    Unanswered,
    /// A one thing whose answer is on file.
    Answered,
    /// A note that does not read (or is a newer kot's).
    Unreadable,
}

/// The week whose one thing `this` week's ritual asks about: the latest
/// unanswered one of the weeks before it (up to [`LOOKBACK_WEEKS`] back,
/// stopping at the first week with an answer, which settles the ones
/// before it), else last week (which shows its answer, or asks nothing).
#[must_use]
pub fn week_to_ask(this: WeekId, state: impl Fn(WeekId) -> OneThingState) -> WeekId {
    let last = this.prev();
    let mut week = last;
    for _ in 0..LOOKBACK_WEEKS {
        match state(week) {
            OneThingState::Unanswered => return week,
            OneThingState::Answered | OneThingState::Unreadable => return last,
            OneThingState::None => week = week.prev(),
        }
    }
    last
}

/// Whether `date` is the last work day of its ISO week: a work day with no
/// work day after it up to Sunday. `is_work` says which days are (the
/// config's work days, holidays left out).
#[must_use]
pub fn is_last_work_day(date: NaiveDate, is_work: impl Fn(NaiveDate) -> bool) -> bool {
    if !is_work(date) {
        return false;
    }
    let sunday = WeekId::of(date).sunday();
    date.iter_days()
        .skip(1)
        .take_while(|d| *d <= sunday)
        .all(|d| !is_work(d))
}

/// Whether `date` is the first work day of its ISO week: a work day with no
/// work day before it since Monday (Tuesday when Monday is a holiday, off,
/// or not in the config's work days).
#[must_use]
pub fn is_first_work_day(date: NaiveDate, is_work: impl Fn(NaiveDate) -> bool) -> bool {
    if !is_work(date) {
        return false;
    }
    let monday = WeekId::of(date).monday();
    monday
        .iter_days()
        .take_while(|d| *d < date)
        .all(|d| !is_work(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    #[test]
    fn the_week_asked_is_the_latest_unanswered_one_thing_before_an_answer() {
        use OneThingState as S;
        let w52 = WeekId::of(date(12, 21));
        let w51 = w52.prev();
        let w50 = w51.prev();
        let w49 = w50.prev();
        // W51 had no ritual (no one thing): W50's is asked, not lost.
        let asked = week_to_ask(w52, |w| if w == w50 { S::Unanswered } else { S::None });
        assert_eq!(asked, w50);
        // Last week's own one thing comes first.
        let both = |w| {
            if w == w51 || w == w50 {
                S::Unanswered
            } else {
                S::None
            }
        };
        assert_eq!(week_to_ask(w52, both), w51);
        // An answer on file settles the weeks before it.
        let settled = |w| match w {
            w if w == w50 => S::Answered,
            w if w == w49 => S::Unanswered,
            _ => S::None,
        };
        assert_eq!(week_to_ask(w52, settled), w51);
        // Too long ago, or nothing at all: last week (which asks nothing).
        let old = |w: WeekId| {
            if w == WeekId::of(date(9, 1)) {
                S::Unanswered
            } else {
                S::None
            }
        };
        assert_eq!(week_to_ask(w52, old), w51);
        assert_eq!(week_to_ask(w52, |_| S::None), w51);
    }

    #[test]
    fn iso_weeks_name_their_files_and_cross_years() {
        let w = WeekId::of(date(11, 27));
        assert_eq!(w.to_string(), "2026-W48");
        assert_eq!(w.monday(), date(11, 23));
        assert_eq!(w.sunday(), date(11, 29));
        assert_eq!(w.prev().to_string(), "2026-W47");
        // 2027-01-01 is a Friday: still in 2026's week 53.
        let new_year = WeekId::of(NaiveDate::from_ymd_opt(2027, 1, 1).unwrap());
        assert_eq!(new_year.to_string(), "2026-W53");
        assert_eq!(new_year.next().to_string(), "2027-W01");
        assert_eq!(WeekId::of_file_name("2026-W48.toml"), Some(w));
        for bad in [
            "2026-W60.toml",
            "2026-W8.toml",
            "2026-W48.toml.orig",
            "x.toml",
        ] {
            assert_eq!(WeekId::of_file_name(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_first_work_day_follows_the_work_days() {
        let weekdays = |d: NaiveDate| d.weekday().num_days_from_monday() < 5;
        assert!(is_first_work_day(date(11, 23), weekdays));
        assert!(!is_first_work_day(date(11, 24), weekdays));
        // Monday a holiday or off: Tuesday is the first.
        let no_monday = |d: NaiveDate| weekdays(d) && d != date(11, 23);
        assert!(!is_first_work_day(date(11, 23), no_monday));
        assert!(is_first_work_day(date(11, 24), no_monday));
        assert!(!is_first_work_day(date(11, 25), no_monday));
        // A week that starts on Tuesday and is worked on Saturday too.
        let tue_sat = |d: NaiveDate| (1..6).contains(&d.weekday().num_days_from_monday());
        assert!(is_first_work_day(date(11, 24), tue_sat));
        assert!(!is_first_work_day(date(11, 28), tue_sat));
    }

    #[test]
    fn the_last_work_day_follows_the_work_days() {
        let weekdays = |d: NaiveDate| d.weekday().num_days_from_monday() < 5;
        assert!(is_last_work_day(date(11, 27), weekdays));
        assert!(!is_last_work_day(date(11, 26), weekdays));
        assert!(!is_last_work_day(date(11, 28), weekdays), "a Saturday");
        // Friday a holiday: Thursday is the last.
        let no_friday = |d: NaiveDate| weekdays(d) && d != date(11, 27);
        assert!(is_last_work_day(date(11, 26), no_friday));
    }

    #[test]
    fn skipping_never_clears_and_unknown_keys_survive() {
        let mut n: WeekNote = toml::from_str(
            "schema = 1\none_thing = \"Lunch away from the desk\"\nmood = \"kept\"\n",
        )
        .unwrap();
        n.apply(WeekOp::SetOneThing("  \n ".into()));
        assert_eq!(n.one_thing(), Some("Lunch away from the desk"));
        n.apply(WeekOp::SetOneThing("Walk\tat noon".into()));
        n.apply(WeekOp::SetHappened(false));
        let text = toml::to_string_pretty(&n).unwrap();
        let back: WeekNote = toml::from_str(&text).unwrap();
        assert_eq!(back.one_thing(), Some("Walk at noon"));
        assert_eq!(back.happened, Some(false));
        assert_eq!(back.extra["mood"].as_str(), Some("kept"));
    }
}
