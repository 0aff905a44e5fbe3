//! The walk home after the ritual (`[shutdown] commute_minutes`): working
//! from home has no commute, so kot counts one down, a real transition
//! from the workday to the evening.

use chrono::{DateTime, TimeDelta, Utc};

/// The longest walk kot counts down, in minutes (the config's upper bound).
pub const MAX_MINUTES: u16 = 60;

/// A walk under way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Commute {
    /// When it is over.
    pub until: DateTime<Utc>,
}

impl Commute {
    /// A walk of `minutes` from `start`; `None` when there is none (0).
    #[must_use]
    pub fn start(minutes: u16, start: DateTime<Utc>) -> Option<Self> {
        (minutes > 0).then(|| Self {
            until: start + TimeDelta::minutes(i64::from(minutes)),
        })
    }

    /// What is left of it at `now` in whole seconds, rounded up so the last
    /// second shows as 1 s, never 0 s; `None` once it is over.
    #[must_use]
    pub fn left(&self, now: DateTime<Utc>) -> Option<TimeDelta> {
        let left = self.until - now;
        if left <= TimeDelta::zero() {
            return None;
        }
        let whole = left.num_seconds();
        let up = if left > TimeDelta::seconds(whole) {
            whole + 1
        } else {
            whole
        };
        Some(TimeDelta::seconds(up))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32, m: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, h, m, s).unwrap()
    }

    #[test]
    fn a_walk_counts_down_to_its_end_and_none_is_none() {
        assert_eq!(Commute::start(0, at(16, 35, 0)), None);
        let walk = Commute::start(15, at(16, 35, 0)).unwrap();
        assert_eq!(walk.left(at(16, 35, 0)), Some(TimeDelta::minutes(15)));
        assert_eq!(
            walk.left(at(16, 35, 48)),
            Some(TimeDelta::seconds(14 * 60 + 12))
        );
        let last = at(16, 49, 59) + TimeDelta::milliseconds(500);
        assert_eq!(walk.left(last), Some(TimeDelta::seconds(1)));
        assert_eq!(walk.left(at(16, 50, 0)), None);
        assert_eq!(walk.left(at(17, 0, 0)), None);
    }
}
