//! How a time left (or past an end) is said: in units that cannot be taken
//! for a time of day. `09:29 left` read as a clock time, Dutch `nog 09:28`
//! as "until 09:28"; now it is `9 min 29 s`, `45 min`, `1 h 5 min`, `2 h`.
//! The units are chosen here, the words are `i18n::countdown`'s.
//!
//! Amounts of work (estimates, totals) stay `1h30` (`i18n::hm`): those are
//! typed back as estimates.

/// A time left or past an end, in the units it is said in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Countdown {
    /// `45 min`, `0 min`
    Minutes(i64),
    /// `2 h`
    Hours(i64),
    /// `1 h 5 min`
    HoursMinutes(i64, i64),
    /// `9 min 05 s`, `60 min 00 s`: to the second, for a countdown redrawn
    /// every second, so all of it in minutes and the seconds in two digits:
    /// the text keeps its shape from one second to the next.
    MinutesSeconds(i64, i64),
}

impl Countdown {
    /// Whole minutes (less than none is none).
    #[must_use]
    pub fn minutes(minutes: i64) -> Self {
        let m = minutes.max(0);
        match (m / 60, m % 60) {
            (0, m) => Self::Minutes(m),
            (h, 0) => Self::Hours(h),
            (h, m) => Self::HoursMinutes(h, m),
        }
    }

    /// A `chrono` duration in whole minutes, rounded down.
    #[must_use]
    pub fn duration(d: chrono::Duration) -> Self {
        Self::minutes(d.num_minutes())
    }

    /// To the second (less than none is none).
    #[must_use]
    pub fn seconds(seconds: i64) -> Self {
        let s = seconds.max(0);
        Self::MinutesSeconds(s / 60, s % 60)
    }
}

/// In whole minutes, as `Countdown::duration`.
impl From<chrono::Duration> for Countdown {
    fn from(d: chrono::Duration) -> Self {
        Self::duration(d)
    }
}

#[cfg(test)]
mod tests {
    use super::Countdown::{self, Hours, HoursMinutes, Minutes, MinutesSeconds};

    #[test]
    fn hours_come_in_only_from_an_hour_and_seconds_only_when_asked_for() {
        assert_eq!(Countdown::minutes(45), Minutes(45));
        assert_eq!(Countdown::minutes(-3), Minutes(0));
        assert_eq!(Countdown::minutes(60), Hours(1));
        assert_eq!(Countdown::minutes(65), HoursMinutes(1, 5));
        assert_eq!(
            Countdown::duration(chrono::Duration::seconds(430 * 60 + 59)),
            HoursMinutes(7, 10)
        );
        assert_eq!(Countdown::seconds(569), MinutesSeconds(9, 29));
        assert_eq!(Countdown::seconds(3600), MinutesSeconds(60, 0));
        assert_eq!(Countdown::seconds(-1), MinutesSeconds(0, 0));
    }
}
