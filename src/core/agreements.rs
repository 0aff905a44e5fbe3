//! What you agreed with your team (`[agreements]`): when you are reachable,
//! the response time, how you report, and recurring team meetings. A team
//! meeting is never written into a day file: on its weekday it joins the
//! day's blocks as a derived meeting block (`team_blocks`), so the timeline,
//! the heads-up and the coach's meeting rules see it like any other, and a
//! change in the config changes every day at once.

use chrono::{Datelike, Weekday};

use super::day::Day;
use super::plan::{BlockId, BlockKind, TimeBlock};
use super::time::{Span, TimeOfDay};

/// `[agreements]`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Agreements {
    /// When you can be reached, as you agreed it (`"09:00-17:00"`, free text).
    pub reachable: Option<String>,
    /// How soon you answer (`"4h"`, `"same day"`, free text).
    pub response_time: Option<String>,
    /// How and how often you report (`"weekly update on Friday"`).
    pub report: Option<String>,
    pub meetings: Vec<TeamMeeting>,
}

impl Agreements {
    #[must_use]
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// A recurring team meeting: `{ with = "team", at = "mon 09:30", minutes = 15 }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamMeeting {
    /// Who the meeting is with.
    pub with: String,
    /// The weekdays it is on, Monday first.
    pub days: Vec<Weekday>,
    pub span: Span,
    pub video: bool,
}

/// Ids of derived blocks count down from the top of the id range, one per
/// start minute, far from the ids a day hands out (which count up from 1),
/// and the same every time: the coach's log keeps the heads-up by id.
const TEAM_ID_TOP: u32 = u32::MAX - 1;

/// The block id of a team meeting starting at `start`.
#[must_use]
pub fn team_block_id(start: TimeOfDay) -> BlockId {
    BlockId(TEAM_ID_TOP - u32::from(start.minutes()))
}

/// The start of the team meeting whose block id is `id` (`team_block_id`
/// the other way round); `None` for a block of the day's own.
#[must_use]
pub fn team_block_start(id: BlockId) -> Option<TimeOfDay> {
    if !is_team_block(id) {
        return None;
    }
    TimeOfDay::from_minutes(u16::try_from(TEAM_ID_TOP - id.0).ok()?)
}

/// Whether `id` is a derived team meeting's, not one of the day's own.
#[must_use]
pub fn is_team_block(id: BlockId) -> bool {
    id.0 <= TEAM_ID_TOP && id.0 >= TEAM_ID_TOP - 24 * 60
}

/// The team meetings of `day` as meeting blocks, in time order: only on a
/// work day (`work_day`: not off, sick, a holiday or a free day), and not
/// where the day already has a meeting or personal block of its own that
/// overlaps (the user copied it, moved it, or is away). `title` names one.
#[must_use]
pub fn team_blocks(
    meetings: &[TeamMeeting],
    day: &Day,
    work_day: bool,
    title: impl Fn(&TeamMeeting) -> String,
) -> Vec<TimeBlock> {
    if !work_day {
        return Vec::new();
    }
    let weekday = day.date.weekday();
    let mut out: Vec<TimeBlock> = Vec::new();
    for m in meetings.iter().filter(|m| m.days.contains(&weekday)) {
        let taken = day
            .blocks
            .iter()
            .any(|b| b.kind != BlockKind::Focus && b.span.overlaps(m.span));
        let id = team_block_id(m.span.start);
        if taken || out.iter().any(|b| b.id == id) {
            continue;
        }
        out.push(TimeBlock {
            id,
            span: m.span,
            title: title(m),
            kind: BlockKind::Meeting,
            video: m.video,
            extra: toml::Table::new(),
        });
    }
    out.sort_by_key(|b| b.span);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::day::DayOp;

    fn meeting(with: &str, days: &[Weekday], span: &str) -> TeamMeeting {
        TeamMeeting {
            with: with.into(),
            days: days.to_vec(),
            span: span.parse().unwrap(),
            video: true,
        }
    }

    fn monday() -> Day {
        Day::new("2026-11-23".parse().unwrap())
    }

    #[test]
    fn a_team_meeting_joins_its_weekday_only_on_a_work_day() {
        let ms = [
            meeting("team", &[Weekday::Mon], "09:30-09:45"),
            meeting("Lena", &[Weekday::Tue], "10:00-10:30"),
        ];
        let blocks = team_blocks(&ms, &monday(), true, |m| m.with.clone());
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].title, "team");
        assert_eq!(blocks[0].kind, BlockKind::Meeting);
        assert!(blocks[0].video);
        assert!(is_team_block(blocks[0].id));
        assert!(!is_team_block(BlockId(1)));
        assert!(team_blocks(&ms, &monday(), false, |m| m.with.clone()).is_empty());
    }

    #[test]
    fn a_block_of_the_users_own_at_that_time_wins() {
        let ms = [meeting("team", &[Weekday::Mon], "09:30-09:45")];
        let mut day = monday();
        let add = |day: &mut Day, span: &str, kind| {
            day.apply(DayOp::AddBlock {
                span: span.parse().unwrap(),
                title: "own".into(),
                kind,
                video: false,
            })
            .unwrap();
        };
        add(&mut day, "09:00-12:00", BlockKind::Focus);
        assert_eq!(team_blocks(&ms, &day, true, |_| String::new()).len(), 1);
        add(&mut day, "09:30-09:50", BlockKind::Meeting);
        assert!(team_blocks(&ms, &day, true, |_| String::new()).is_empty());
    }
}
