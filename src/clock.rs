//! The one place that reads the system clock. Everything else takes a `Clock`, so a
//! test can start kot at any moment and run it at any speed: `KOT_NOW` says where the
//! simulated clock starts, `KOT_TIME_SCALE` how fast it runs, `KOT_EPOCH` which real
//! moment `KOT_NOW` refers to (so several processes share one simulated clock).
#![allow(clippy::disallowed_methods)]

use std::time::Duration;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

pub trait Clock: Send + Sync {
    /// The current instant. It follows the wall clock, so it jumps across a suspend.
    fn now(&self) -> DateTime<Utc>;

    /// How long to really wait until the clock shows `t`; zero if it already did.
    fn real_until(&self, t: DateTime<Utc>) -> Duration;

    /// How many simulated seconds pass per real second.
    fn scale(&self) -> f64 {
        1.0
    }
}

/// The wall clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }

    fn real_until(&self, t: DateTime<Utc>) -> Duration {
        (t - Utc::now()).to_std().unwrap_or_default()
    }
}

/// A simulated clock: `start` at the real moment `epoch`, running `scale` times
/// faster than the wall clock. Scale 0 stands still.
pub struct ScaledClock {
    start: DateTime<Utc>,
    epoch: DateTime<Utc>,
    scale: f64,
}

impl ScaledClock {
    #[must_use]
    pub fn new(start: DateTime<Utc>, epoch: DateTime<Utc>, scale: f64) -> Self {
        Self {
            start,
            epoch,
            scale,
        }
    }
}

/// The fastest test clock: a day per real second. Faster ones overflow the
/// durations a sleeping loop works out (30 real seconds become years).
pub const MAX_SCALE: f64 = 86_400.0;

/// The simulated clock never leaves years 1 to 9999, so date arithmetic on
/// `now` cannot overflow however long a fast clock runs.
fn clamp_instant(micros: f64, start: DateTime<Utc>) -> DateTime<Utc> {
    let floor = NaiveDate::from_ymd_opt(1, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map_or(DateTime::<Utc>::MIN_UTC, |t| t.and_utc());
    let ceil = NaiveDate::from_ymd_opt(9999, 12, 31)
        .and_then(|d| d.and_hms_opt(23, 59, 59))
        .map_or(DateTime::<Utc>::MAX_UTC, |t| t.and_utc());
    #[allow(clippy::cast_possible_truncation)] // `as` saturates; the range is checked
    let sim = chrono::Duration::microseconds(micros as i64);
    start
        .checked_add_signed(sim)
        .unwrap_or(if micros < 0.0 { floor } else { ceil })
        .clamp(floor, ceil)
}

#[allow(clippy::cast_precision_loss)]
impl Clock for ScaledClock {
    fn now(&self) -> DateTime<Utc> {
        let real = (Utc::now() - self.epoch)
            .num_microseconds()
            .unwrap_or(i64::MAX);
        clamp_instant(real as f64 * self.scale, self.start)
    }

    fn real_until(&self, t: DateTime<Utc>) -> Duration {
        let idle = Duration::from_secs(3600);
        if self.scale <= 0.0 {
            return idle;
        }
        let sim = (t - self.now()).to_std().unwrap_or_default();
        // A tiny scale makes the wait longer than a Duration holds.
        Duration::try_from_secs_f64(sim.as_secs_f64() / self.scale).unwrap_or(idle)
    }

    fn scale(&self) -> f64 {
        self.scale
    }
}

/// Why the test-clock variables were refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClockError {
    pub var: &'static str,
    pub value: String,
}

/// The clock the environment asks for: `SystemClock` unless `KOT_NOW` is set.
///
/// # Errors
/// A variable that does not parse, named with its value.
pub fn from_env() -> Result<Box<dyn Clock>, ClockError> {
    let now = var("KOT_NOW")?;
    // A scale or epoch alone still means a test clock (starting now), and is
    // checked like any other: a typo must never quietly run on the real clock.
    if now.is_none() && var("KOT_TIME_SCALE")?.is_none() && var("KOT_EPOCH")?.is_none() {
        return Ok(Box::new(SystemClock));
    }
    let start = match now {
        None => Utc::now(),
        Some(now) => parse_instant(&now).ok_or(ClockError {
            var: "KOT_NOW",
            value: now,
        })?,
    };
    let scale = match var("KOT_TIME_SCALE")? {
        None => 1.0,
        Some(s) => s
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|x| (0.0..=MAX_SCALE).contains(x))
            .ok_or(ClockError {
                var: "KOT_TIME_SCALE",
                value: s,
            })?,
    };
    let epoch = match var("KOT_EPOCH")? {
        None => Utc::now(),
        Some(s) => s
            .trim()
            .parse::<f64>()
            .ok()
            .and_then(epoch_secs)
            .ok_or(ClockError {
                var: "KOT_EPOCH",
                value: s,
            })?,
    };
    Ok(Box::new(ScaledClock::new(start, epoch, scale)))
}

/// A test-clock variable; unset or blank is `None`. One that is not UTF-8 is
/// refused rather than taken for unset, so a test never runs on the real clock
/// by accident; its value is shown with the bad bytes escaped (`\xFF`).
fn var(name: &'static str) -> Result<Option<String>, ClockError> {
    match std::env::var_os(name).map(std::ffi::OsString::into_string) {
        None => Ok(None),
        Some(Ok(v)) => Ok(Some(v).filter(|v| !v.trim().is_empty())),
        Some(Err(raw)) => {
            let shown = format!("{raw:?}");
            Err(ClockError {
                var: name,
                value: shown.trim_matches('"').to_string(),
            })
        }
    }
}

#[allow(clippy::cast_possible_truncation)]
fn epoch_secs(secs: f64) -> Option<DateTime<Utc>> {
    if !secs.is_finite() {
        return None;
    }
    DateTime::from_timestamp_micros((secs * 1e6) as i64)
}

/// RFC 3339 with an offset, or a local time `2026-11-23T08:55[:00]`.
#[must_use]
pub fn parse_instant(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    let naive = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M"))
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M"))
        .ok()?;
    Some(crate::core::workday::resolve_naive(&Zone, naive))
}

/// The real wall-clock time, for file ages (stale temp files), never for kot's own
/// notion of now.
#[must_use]
pub fn real_now() -> std::time::SystemTime {
    std::time::SystemTime::now()
}

mod zone;

pub use zone::Zone;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaled_clock_runs_faster() {
        let start = parse_instant("2026-11-23T08:55:00+01:00").unwrap();
        let epoch = Utc::now() - chrono::Duration::seconds(10);
        let c = ScaledClock::new(start, epoch, 60.0);
        let ahead = c.now() - start;
        assert!(ahead >= chrono::Duration::minutes(10), "{ahead}");
        let wait = c.real_until(c.now() + chrono::Duration::minutes(1));
        assert!(wait <= Duration::from_secs(1), "{wait:?}");
    }

    #[test]
    fn frozen_clock_stands_still() {
        let start = parse_instant("2026-11-23T08:55:00Z").unwrap();
        let c = ScaledClock::new(start, Utc::now(), 0.0);
        assert_eq!(c.now(), start);
    }

    #[test]
    fn a_clock_far_ahead_stops_at_year_9999_and_waits_stay_finite() {
        let start = parse_instant("2026-11-23T08:55:00Z").unwrap();
        let epoch = DateTime::from_timestamp(0, 0).unwrap();
        let c = ScaledClock::new(start, epoch, MAX_SCALE);
        assert_eq!(c.now().format("%Y").to_string(), "9999");
        let behind = ScaledClock::new(start, Utc::now() + chrono::Duration::days(1), 1e9);
        assert_eq!(behind.now().format("%Y").to_string(), "0001");
        let slow = ScaledClock::new(start, Utc::now(), 1e-300);
        let wait = slow.real_until(start + chrono::Duration::days(365));
        assert_eq!(wait, Duration::from_secs(3600));
    }

    #[test]
    fn instants_parse_in_both_forms() {
        assert!(parse_instant("2026-11-23T08:55:00").is_some());
        assert!(parse_instant("2026-11-23T08:55").is_some());
        assert_eq!(
            parse_instant("2026-11-23T08:55:00+01:00")
                .unwrap()
                .to_rfc3339(),
            "2026-11-23T07:55:00+00:00"
        );
        assert!(parse_instant("tomorrow").is_none());
    }
}
