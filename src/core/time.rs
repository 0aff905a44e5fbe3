//! Clock-free time values of a plan: a time of day (`09:30`), a span (`10:00-10:30`)
//! and an estimate (`1h30`). Parsing and display are exact inverses so a value
//! survives any number of saves unchanged.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Minutes since local midnight, `00:00` to `23:59`. Kept in wall-clock terms: on a
/// DST day the instant it names is resolved by `workday::resolve_local`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay(u16);

impl TimeOfDay {
    /// `None` unless `hour < 24 && minute < 60`.
    #[must_use]
    pub fn new(hour: u16, minute: u16) -> Option<Self> {
        (hour < 24 && minute < 60).then_some(Self(hour * 60 + minute))
    }

    /// For constants: out-of-range parts wrap (`hm(24, 0)` is `00:00`).
    #[must_use]
    pub const fn hm(hour: u16, minute: u16) -> Self {
        Self((hour % 24) * 60 + minute % 60)
    }

    #[must_use]
    pub const fn from_minutes(minutes: u16) -> Option<Self> {
        if minutes < 24 * 60 {
            Some(Self(minutes))
        } else {
            None
        }
    }

    #[must_use]
    pub const fn minutes(self) -> u16 {
        self.0
    }

    #[must_use]
    pub const fn hour(self) -> u16 {
        self.0 / 60
    }

    #[must_use]
    pub const fn minute(self) -> u16 {
        self.0 % 60
    }

    #[must_use]
    pub fn to_naive(self) -> chrono::NaiveTime {
        chrono::NaiveTime::from_hms_opt(u32::from(self.hour()), u32::from(self.minute()), 0)
            .unwrap_or_default()
    }

    /// The time of day of a local wall-clock time, seconds dropped.
    #[must_use]
    pub fn of(time: chrono::NaiveTime) -> Self {
        use chrono::Timelike;
        // hour < 24 and minute < 60 always hold for a NaiveTime: at most 1439.
        #[allow(clippy::cast_possible_truncation)]
        Self((time.hour() * 60 + time.minute()) as u16)
    }
}

/// Why a text is not a time value; the shell turns it into a localized message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError;

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("invalid time value")
    }
}

impl std::error::Error for ParseError {}

impl FromStr for TimeOfDay {
    type Err = ParseError;

    /// Accepts `9:30`, `09:30` and `0930`-free forms only: `H:MM` or `HH:MM`.
    fn from_str(s: &str) -> Result<Self, ParseError> {
        let (h, m) = s.trim().split_once(':').ok_or(ParseError)?;
        if h.is_empty() || h.len() > 2 || m.len() != 2 {
            return Err(ParseError);
        }
        let h: u16 = parse_digits(h)?;
        let m: u16 = parse_digits(m)?;
        Self::new(h, m).ok_or(ParseError)
    }
}

fn parse_digits<T: FromStr>(s: &str) -> Result<T, ParseError> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ParseError);
    }
    s.parse().map_err(|_| ParseError)
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour(), self.minute())
    }
}

/// A stretch of one day, `start < end`, written `10:00-10:30`. A span never crosses
/// midnight: a late call that does is two blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: TimeOfDay,
    pub end: TimeOfDay,
}

impl Span {
    #[must_use]
    pub fn new(start: TimeOfDay, end: TimeOfDay) -> Option<Self> {
        (start < end).then_some(Self { start, end })
    }

    #[must_use]
    pub fn minutes(self) -> u16 {
        self.end.minutes() - self.start.minutes()
    }

    /// Spans that only touch (`10:00-10:30` and `10:30-11:00`) do not overlap.
    #[must_use]
    pub fn overlaps(self, other: Self) -> bool {
        self.start < other.end && other.start < self.end
    }

    #[must_use]
    pub fn contains(self, t: TimeOfDay) -> bool {
        self.start <= t && t < self.end
    }
}

impl FromStr for Span {
    type Err = ParseError;

    /// `10:00-10:30`, also with an en dash or spaces around the separator.
    fn from_str(s: &str) -> Result<Self, ParseError> {
        let (a, b) = s
            .split_once('-')
            .or_else(|| s.split_once('–'))
            .ok_or(ParseError)?;
        Self::new(a.trim().parse()?, b.trim().parse()?).ok_or(ParseError)
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.start, self.end)
    }
}

/// How long a task should take, in whole minutes, 1 minute to 24 hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Estimate(u16);

impl Estimate {
    pub const MAX_MINUTES: u16 = 24 * 60;

    #[must_use]
    pub fn from_minutes(minutes: u16) -> Option<Self> {
        (1..=Self::MAX_MINUTES)
            .contains(&minutes)
            .then_some(Self(minutes))
    }

    #[must_use]
    pub const fn minutes(self) -> u16 {
        self.0
    }
}

impl FromStr for Estimate {
    type Err = ParseError;

    /// `45` or `45m` (minutes), `2h`, `1h30`, `1h30m`, `1:30`; the words
    /// too, English and Dutch: `45 min`, `1u`, `1u30`, `2 uur`.
    fn from_str(s: &str) -> Result<Self, ParseError> {
        let s = s.trim().to_ascii_lowercase();
        let mut s = s.replace(' ', "");
        // Longest words first: "minuten" holds a "u".
        for (word, unit) in [
            ("minutes", "m"),
            ("minuten", "m"),
            ("min", "m"),
            ("uur", "h"),
            ("u", "h"),
        ] {
            s = s.replace(word, unit);
        }
        let minutes: u32 = if let Some((h, m)) = s.split_once(':') {
            if m.len() != 2 {
                return Err(ParseError);
            }
            let m: u32 = parse_digits(m)?;
            if m >= 60 {
                return Err(ParseError);
            }
            hours_and_minutes(parse_digits(h)?, m)?
        } else if let Some((h, rest)) = s.split_once('h') {
            let rest = rest.strip_suffix('m').unwrap_or(rest);
            let m: u32 = if rest.is_empty() {
                0
            } else {
                parse_digits(rest)?
            };
            if m >= 60 {
                return Err(ParseError);
            }
            hours_and_minutes(parse_digits(h)?, m)?
        } else {
            parse_digits(s.strip_suffix('m').unwrap_or(&s))?
        };
        u16::try_from(minutes)
            .ok()
            .and_then(Self::from_minutes)
            .ok_or(ParseError)
    }
}

/// `h * 60 + m`, refused rather than wrapped when it does not fit.
fn hours_and_minutes(h: u32, m: u32) -> Result<u32, ParseError> {
    h.checked_mul(60)
        .and_then(|x| x.checked_add(m))
        .ok_or(ParseError)
}

impl fmt::Display for Estimate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (h, m) = (self.0 / 60, self.0 % 60);
        match (h, m) {
            (0, m) => write!(f, "{m}m"),
            (h, 0) => write!(f, "{h}h"),
            (h, m) => write!(f, "{h}h{m:02}"),
        }
    }
}

/// The years a day can be in, whatever named it (`--date`, `tomorrow`, an
/// imported stamp): four digits in every file name (a year 10000 would be
/// written `+10000-01-01`, which nothing reads back), and far enough back
/// that a typo (`0226` for `2026`) is caught.
pub const KEPT_YEARS: std::ops::RangeInclusive<i32> = 1900..=9999;

/// Whether `date` lies in `KEPT_YEARS`.
#[must_use]
pub fn is_kept(date: chrono::NaiveDate) -> bool {
    use chrono::Datelike;
    KEPT_YEARS.contains(&date.year())
}

/// A calendar date written exactly `YYYY-MM-DD`: no sign, no short or long
/// parts (chrono alone takes `+2026-11-23` and `2026-1-5`).
#[must_use]
pub fn parse_date(s: &str) -> Option<chrono::NaiveDate> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    shape
        .then(|| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        .flatten()
}

/// Serde as the display string, so files hold `"1h30"` and `"10:00-10:30"`.
macro_rules! serde_via_str {
    ($($ty:ty),*) => {$(
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                text.parse().map_err(|_| {
                    serde::de::Error::custom(format!(
                        "{text:?} is not a valid {}", stringify!($ty)
                    ))
                })
            }
        }
    )*};
}
serde_via_str!(TimeOfDay, Span, Estimate);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_of_day_parses_and_prints() {
        assert_eq!("9:05".parse::<TimeOfDay>().unwrap().to_string(), "09:05");
        assert_eq!("23:59".parse::<TimeOfDay>().unwrap().minutes(), 1439);
        for bad in ["24:00", "12:60", "12", "1230", "ab:cd", "-1:00", "12:5", ""] {
            assert!(bad.parse::<TimeOfDay>().is_err(), "{bad}");
        }
    }

    #[test]
    fn span_rejects_empty_and_backwards() {
        let s: Span = "10:00-10:30".parse().unwrap();
        assert_eq!(s.minutes(), 30);
        assert_eq!(
            " 9:00 – 9:15 ".parse::<Span>().unwrap().to_string(),
            "09:00-09:15"
        );
        assert!("10:30-10:00".parse::<Span>().is_err());
        assert!("10:00-10:00".parse::<Span>().is_err());
    }

    #[test]
    fn span_overlap_is_strict() {
        let a: Span = "10:00-10:30".parse().unwrap();
        let b: Span = "10:30-11:00".parse().unwrap();
        let c: Span = "10:15-10:45".parse().unwrap();
        assert!(!a.overlaps(b));
        assert!(a.overlaps(c) && c.overlaps(b));
    }

    #[test]
    fn estimates_parse_in_every_form() {
        for (text, minutes) in [
            ("30m", 30),
            ("45", 45),
            ("1h", 60),
            ("1h30", 90),
            ("1h30m", 90),
            ("1H05", 65),
            ("1:30", 90),
            ("2h 15m", 135),
            ("24h", 1440),
            // Written out, and the Dutch `u` (uur).
            ("45 min", 45),
            ("45min", 45),
            ("20 minuten", 20),
            ("1u", 60),
            ("1u30", 90),
            ("2 uur", 120),
            ("1 u 15", 75),
        ] {
            assert_eq!(
                text.parse::<Estimate>().unwrap().minutes(),
                minutes,
                "{text}"
            );
        }
        for bad in [
            "0", "0m", "1h60", "25h", "h", "1.5h", "abc", "", "-5m", "1:5", "u", "1uu",
        ] {
            assert!(bad.parse::<Estimate>().is_err(), "{bad}");
        }
    }

    #[test]
    fn dates_are_exactly_year_month_day() {
        assert_eq!(parse_date("2026-11-23").unwrap().to_string(), "2026-11-23");
        for bad in [
            "+2026-11-23",
            "-2026-11-23",
            "2026-1-05",
            "2026-02-30",
            "02026-11-23",
            "2026/11/23",
            "",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn estimate_display_round_trips() {
        for m in 1..=Estimate::MAX_MINUTES {
            let e = Estimate::from_minutes(m).unwrap();
            assert_eq!(e.to_string().parse::<Estimate>().unwrap(), e);
        }
        assert_eq!(Estimate::from_minutes(90).unwrap().to_string(), "1h30");
        assert_eq!(Estimate::from_minutes(65).unwrap().to_string(), "1h05");
    }
}
