//! Properties over many generated inputs: a day file survives its own round
//! trip whatever the titles and edits, and the coach never gives a deadline in
//! the past or a negative timer however the clock jumps.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Brussels;
use kot::core::breaks::Counted;
use kot::core::coach::{BreakPolicy, Coach, CoachState, MeetingPolicy};
use kot::core::day::{Day, DayOp};
use kot::core::plan::{BlockKind, TaskId};
use kot::core::workday::WorkHours;
use proptest::prelude::*;

fn monday() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn at_minute(m: i64) -> DateTime<Utc> {
    let start = Brussels
        .from_local_datetime(&monday().and_hms_opt(8, 0, 0).unwrap())
        .unwrap();
    start.to_utc() + Duration::minutes(m)
}

proptest! {
    #[test]
    fn day_files_round_trip(
        titles in proptest::collection::vec("\\PC{1,40}", 1..12),
        tops in proptest::collection::vec(any::<bool>(), 12),
        done in proptest::collection::vec(any::<bool>(), 12),
        estimates in proptest::collection::vec(proptest::option::of(1u16..600), 12),
    ) {
        let mut day = Day::new(monday());
        for (i, title) in titles.iter().enumerate() {
            let estimate = estimates[i].and_then(kot::core::time::Estimate::from_minutes);
            // Empty titles and a full top 3 are refused; that is fine here.
            let _ = day.apply(DayOp::AddTask { title: title.clone(), top: tops[i], estimate });
            if done[i] {
                let _ = day.apply(DayOp::SetDone { id: TaskId(u32::try_from(i).unwrap() + 1), done: true });
            }
        }
        let _ = day.apply(DayOp::AddBlock {
            span: "10:00-10:30".parse().unwrap(),
            title: "Standup".into(),
            kind: BlockKind::Meeting,
            video: true,
        });
        let text = toml::to_string_pretty(&day).unwrap();
        let back: Day = toml::from_str(&text).unwrap();
        prop_assert_eq!(&back, &day);
        prop_assert!(day.top_tasks().count() <= 3);
    }

    #[test]
    fn the_coach_never_looks_back_in_time(
        jumps in proptest::collection::vec(-120i64..240, 1..40),
        acts in proptest::collection::vec(0u8..6, 40),
    ) {
        let mut day = Day::new(monday());
        let checkin = at_minute(50).with_timezone(&Brussels).fixed_offset();
        day.apply(DayOp::FinishCheckin { at: checkin, feeling: None }).unwrap();
        day.apply(DayOp::AddBlock {
            span: "11:00-12:00".parse().unwrap(),
            title: "Call".into(),
            kind: BlockKind::Meeting,
            video: true,
        }).unwrap();
        let hours = Some(WorkHours { start: "09:00".parse().unwrap(), end: "17:30".parse().unwrap() });
        let mut minute = 0i64;
        for (i, jump) in jumps.iter().enumerate() {
            minute = (minute + jump).clamp(0, 12 * 60);
            let now = at_minute(minute);
            let coach = Coach::new(Brussels, BreakPolicy::default(), MeetingPolicy::default(), hours, &day);
            if let Some(d) = coach.next_deadline(now) {
                prop_assert!(d > now, "deadline {} not after {}", d, now);
            }
            match coach.state(now) {
                CoachState::Focus { since, next_break } => {
                    prop_assert!(since <= now);
                    if let Some(b) = next_break {
                        prop_assert!(b > now);
                        prop_assert!(b - since <= Duration::hours(9));
                    }
                }
                CoachState::Break { since, until, .. } => prop_assert!(since <= until),
                _ => {}
            }
            let op = match acts[i] {
                0 => coach.start_break(now, false).ok(),
                1 => coach.end_break(now).ok(),
                2 => coach.snooze(now).ok(),
                3 => coach.skip(now).ok(),
                4 => coach.away(now - Duration::minutes(30), now, Counted::Away).map(|(_, op)| op),
                _ => None,
            };
            let polled: Vec<_> = coach.poll(now).into_iter().map(|(_, op)| op).collect();
            for op in polled.into_iter().chain(op) {
                day.apply(DayOp::Coach(op)).unwrap();
            }
            for b in &day.breaks {
                prop_assert!(b.end >= b.start, "a break ends before it starts: {:?}", b);
            }
        }
    }
}
