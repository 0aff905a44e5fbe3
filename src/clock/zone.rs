//! The machine's time zone (`TZ` selects it), as `chrono::Local` gives it, with
//! the answers remembered for a minute.
//!
//! The coach turns the same dozen wall-clock times of the day (the workday, lunch,
//! the meetings) into instants every time it is asked, and the open TUI asks once
//! a second during a break countdown. `chrono::Local` finds a local time's offset
//! by walking every transition of the zone (180 for Europe/Brussels), and an
//! instant's by a search plus a look at `TZ` or `/etc/localtime` each second:
//! most of what a second of countdown cost. The same question gets the same
//! answer here for a minute; after that everything is asked again, so a change
//! of the machine's zone shows within a minute (`Local` itself notices it within
//! a second).

use std::cell::RefCell;
use std::time::{Duration, Instant};

use chrono::{FixedOffset, Local, MappedLocalTime, NaiveDate, NaiveDateTime, TimeZone};

/// The machine's local time zone; `TZ` selects it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Zone;

/// How long an answer is kept.
const KEEP: Duration = Duration::from_secs(60);
/// Slots per kind of question: a day's coach asks a dozen of each.
const SLOTS: usize = 64;

/// Remembered answers, by the question's seconds; one slot per hash, the
/// newest answer wins a slot.
struct Memo {
    since: Instant,
    local: [Option<(NaiveDateTime, MappedLocalTime<FixedOffset>)>; SLOTS],
    utc: [Option<(NaiveDateTime, FixedOffset)>; SLOTS],
}

impl Memo {
    fn new() -> Self {
        Self {
            since: Instant::now(),
            local: [None; SLOTS],
            utc: [None; SLOTS],
        }
    }

    /// Forget everything a minute after the first answer.
    fn fresh(&mut self) -> &mut Self {
        if self.since.elapsed() >= KEEP {
            *self = Self::new();
        }
        self
    }
}

thread_local! {
    static MEMO: RefCell<Option<Memo>> = const { RefCell::new(None) };
}

fn slot(t: &NaiveDateTime) -> usize {
    let secs = t.and_utc().timestamp().cast_unsigned();
    // Fibonacci hashing: neighbouring seconds and minutes spread out.
    usize::try_from(secs.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58).unwrap_or(0) % SLOTS
}

fn with_memo<R>(f: impl FnOnce(&mut Memo) -> R) -> R {
    MEMO.with(|m| f(m.borrow_mut().get_or_insert_with(Memo::new).fresh()))
}

impl TimeZone for Zone {
    type Offset = FixedOffset;

    fn from_offset(_: &FixedOffset) -> Self {
        Zone
    }

    fn offset_from_local_date(&self, local: &NaiveDate) -> MappedLocalTime<FixedOffset> {
        Local.offset_from_local_date(local)
    }

    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> MappedLocalTime<FixedOffset> {
        let i = slot(local);
        if let Some(hit) = with_memo(|m| m.local[i].filter(|(k, _)| k == local)) {
            return hit.1;
        }
        let answer = Local.offset_from_local_datetime(local);
        with_memo(|m| m.local[i] = Some((*local, answer)));
        answer
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> FixedOffset {
        Local.offset_from_utc_date(utc)
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> FixedOffset {
        let i = slot(utc);
        if let Some(hit) = with_memo(|m| m.utc[i].filter(|(k, _)| k == utc)) {
            return hit.1;
        }
        let answer = Local.offset_from_utc_datetime(utc);
        with_memo(|m| m.utc[i] = Some((*utc, answer)));
        answer
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration as Delta, Utc};

    /// Every answer is `Local`'s, asked once or again from memory, across a
    /// year with both transitions (in whatever zone the tests run).
    #[test]
    fn answers_as_local_does() {
        let start = NaiveDate::from_ymd_opt(2026, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        for round in 0..2 {
            let mut t = start;
            while t < start + Delta::days(366) {
                assert_eq!(
                    Zone.offset_from_local_datetime(&t),
                    Local.offset_from_local_datetime(&t),
                    "{t} (round {round})"
                );
                assert_eq!(
                    Zone.offset_from_utc_datetime(&t),
                    Local.offset_from_utc_datetime(&t),
                    "{t} (round {round})"
                );
                t += Delta::minutes(37);
            }
        }
        // The spring gap and the autumn fold in Europe; in the zone the tests
        // run in, whatever they are there.
        for t in [
            "2026-03-29T02:30:00",
            "2026-10-25T02:30:00",
            "2026-10-25T01:59:59",
        ] {
            let t: NaiveDateTime = t.parse().unwrap();
            assert_eq!(
                Zone.offset_from_local_datetime(&t),
                Local.offset_from_local_datetime(&t)
            );
        }
        let now = Utc::now();
        assert_eq!(
            now.with_timezone(&Zone).to_rfc3339(),
            now.with_timezone(&Local).to_rfc3339()
        );
    }
}
