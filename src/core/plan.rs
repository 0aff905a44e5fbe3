//! The day's plan: tasks with stable ids, the top-3 rule, and time blocks on the
//! timeline. Pure data and rules; `day.rs` applies edits to it.

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::time::{Estimate, Span, TimeOfDay};

/// At most this many tasks are marked top at once.
pub const TOP_LIMIT: usize = 3;

/// A task's id: unique within its day and never reused, so an edit from one process
/// never lands on the wrong task after another process reorders or deletes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TaskId(pub u32);

impl fmt::Display for TaskId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A block's id, with the same guarantees as `TaskId`, from its own counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct BlockId(pub u32);

impl fmt::Display for BlockId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "b{}", self.0)
    }
}

/// Where a task lives: `2026-11-20#3`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TaskRef {
    pub date: NaiveDate,
    pub id: TaskId,
}

impl fmt::Display for TaskRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}", self.date.format("%Y-%m-%d"), self.id)
    }
}

impl FromStr for TaskRef {
    type Err = super::time::ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (d, id) = s.split_once('#').ok_or(super::time::ParseError)?;
        Ok(Self {
            date: NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| super::time::ParseError)?,
            id: TaskId(id.parse().map_err(|_| super::time::ParseError)?),
        })
    }
}

impl Serialize for TaskRef {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TaskRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(|_| {
            serde::de::Error::custom(format!(
                "{text:?} is not a task reference like \"2026-11-20#3\""
            ))
        })
    }
}

/// Where a task stands. `Carried` and `Dropped` are outcomes of a later day's
/// check-in; such a task stays in its day's file, it is never deleted there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TaskStatus {
    #[default]
    Open,
    Done,
    Carried,
    Dropped,
}

impl TaskStatus {
    /// Still part of this day's work: open or done, not moved away.
    #[must_use]
    pub fn is_active(self) -> bool {
        matches!(self, Self::Open | Self::Done)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Task {
    pub id: TaskId,
    pub title: String,
    #[serde(default, skip_serializing_if = "is_default")]
    pub status: TaskStatus,
    #[serde(default, skip_serializing_if = "is_default")]
    pub top: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimate: Option<Estimate>,
    /// The task this one was carried over from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried_from: Option<TaskRef>,
    /// The day this task was carried to (with `status = "carried"`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::day::file_date::option"
    )]
    pub carried_to: Option<NaiveDate>,
    /// Keys kot does not know, kept as they were.
    #[serde(flatten)]
    pub extra: toml::Table,
}

impl Task {
    #[must_use]
    pub fn new(id: TaskId, title: String) -> Self {
        Self {
            id,
            title,
            status: TaskStatus::Open,
            top: false,
            estimate: None,
            carried_from: None,
            carried_to: None,
            extra: toml::Table::new(),
        }
    }

    #[must_use]
    pub fn is_done(&self) -> bool {
        self.status == TaskStatus::Done
    }
}

fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Meeting,
    #[default]
    Focus,
    Personal,
}

impl BlockKind {
    pub const ALL: [Self; 3] = [Self::Meeting, Self::Focus, Self::Personal];

    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Meeting => "meeting",
            Self::Focus => "focus",
            Self::Personal => "personal",
        }
    }
}

/// A stretch of the day on the timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeBlock {
    pub id: BlockId,
    pub span: Span,
    pub title: String,
    #[serde(default)]
    pub kind: BlockKind,
    /// A video call: tires more than a meeting in a room.
    #[serde(default, skip_serializing_if = "is_default")]
    pub video: bool,
    #[serde(flatten)]
    pub extra: toml::Table,
}

/// What is said of a block beside its title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockFact {
    Kind(BlockKind),
    Video,
    /// A team meeting from the config's `[agreements]`.
    Agreed,
}

impl TimeBlock {
    /// The facts said beside the title, each once: the kind unless the title
    /// already names it (`Meeting with Lena`, `kind_word` being the kind in
    /// the interface language) or the block is a video call (which is a
    /// meeting); `video`; `agreed` for a team meeting.
    #[must_use]
    pub fn facts(&self, kind_word: &str) -> Vec<BlockFact> {
        let named = !kind_word.is_empty()
            && self
                .title
                .to_lowercase()
                .contains(&kind_word.to_lowercase());
        let mut facts = Vec::new();
        let video_call = self.video && self.kind == BlockKind::Meeting;
        if !(named || video_call) {
            facts.push(BlockFact::Kind(self.kind));
        }
        if self.video {
            facts.push(BlockFact::Video);
        }
        if super::agreements::is_team_block(self.id) {
            facts.push(BlockFact::Agreed);
        }
        facts
    }
}

/// Blocks that overlap at least one other block. Overlaps are allowed (a call
/// during a focus block happens) but shown, so the user sees the clash.
#[must_use]
pub fn overlapping(blocks: &[TimeBlock]) -> BTreeSet<BlockId> {
    let mut out = BTreeSet::new();
    for (i, a) in blocks.iter().enumerate() {
        for b in &blocks[i + 1..] {
            if a.span.overlaps(b.span) {
                out.insert(a.id);
                out.insert(b.id);
            }
        }
    }
    out
}

/// The plan against the time left (issue 8's "does it add up").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanFit {
    /// The open tasks' estimates, in minutes.
    pub planned: u32,
    /// The minutes from `from` to the end of the workday that meetings and
    /// personal blocks leave (a focus block is time for the tasks).
    pub free: u32,
}

impl PlanFit {
    /// `open` tasks' estimates against the time from `from` to `end` less
    /// the meetings and personal blocks in it, and less `lunch`: the minutes
    /// of lunch still to come (`Coach::lunch_to_come`), so "free" is the time
    /// planned hours everywhere else count as work.
    #[must_use]
    pub fn of<'a>(
        open: impl Iterator<Item = &'a Task>,
        blocks: &[TimeBlock],
        (from, end): (TimeOfDay, TimeOfDay),
        lunch: u32,
    ) -> Self {
        let planned = open
            .filter(|t| t.status == TaskStatus::Open)
            .filter_map(|t| t.estimate)
            .map(|e| u32::from(e.minutes()))
            .sum();
        let taken = |m: u16| {
            blocks
                .iter()
                .filter(|b| b.kind != BlockKind::Focus)
                .any(|b| b.span.start.minutes() <= m && m < b.span.end.minutes())
        };
        let free = (from.minutes()..end.minutes())
            .filter(|m| !taken(*m))
            .count();
        Self {
            planned,
            free: u32::try_from(free)
                .unwrap_or(u32::MAX)
                .saturating_sub(lunch),
        }
    }

    /// Whether the open tasks fit in the time left.
    #[must_use]
    pub fn fits(self) -> bool {
        self.planned <= self.free
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(id: u32, span: &str) -> TimeBlock {
        TimeBlock {
            id: BlockId(id),
            span: span.parse().unwrap(),
            title: format!("b{id}"),
            kind: BlockKind::Meeting,
            video: false,
            extra: toml::Table::new(),
        }
    }

    #[test]
    fn overlap_marks_both_sides_and_ignores_touching() {
        let blocks = [
            block(1, "09:00-10:00"),
            block(2, "10:00-10:30"),
            block(3, "10:15-11:00"),
            block(4, "14:00-15:00"),
        ];
        let o = overlapping(&blocks);
        assert_eq!(
            o.into_iter().collect::<Vec<_>>(),
            vec![BlockId(2), BlockId(3)]
        );
    }

    #[test]
    fn task_ref_round_trips() {
        let r: TaskRef = "2026-11-20#3".parse().unwrap();
        assert_eq!(r.id, TaskId(3));
        assert_eq!(r.to_string(), "2026-11-20#3");
        assert!("2026-11-20".parse::<TaskRef>().is_err());
    }

    #[test]
    fn the_plan_adds_up_against_the_time_meetings_leave() {
        let task = |id, est: &str, status| Task {
            status,
            estimate: est.parse().ok(),
            ..Task::new(TaskId(id), "t".into())
        };
        let tasks = [
            task(1, "1h30", TaskStatus::Open),
            task(2, "45m", TaskStatus::Open),
            task(3, "2h", TaskStatus::Done),
            task(4, "", TaskStatus::Open),
        ];
        let block = |span: &str, kind| TimeBlock {
            id: BlockId(1),
            span: span.parse().unwrap(),
            title: "b".into(),
            kind,
            video: false,
            extra: toml::Table::new(),
        };
        let blocks = [
            block("10:00-10:30", BlockKind::Meeting),
            block("10:15-11:00", BlockKind::Personal),
            block("13:00-15:00", BlockKind::Focus),
            block("08:00-09:00", BlockKind::Meeting),
        ];
        let fit = PlanFit::of(
            tasks.iter(),
            &blocks,
            (TimeOfDay::hm(9, 30), TimeOfDay::hm(17, 30)),
            0,
        );
        // 8h from 09:30, less 10:00-11:00 taken (the overlap counted once).
        assert_eq!(
            fit,
            PlanFit {
                planned: 135,
                free: 420
            }
        );
        assert!(fit.fits());
        let late = PlanFit::of(
            tasks.iter(),
            &blocks,
            (TimeOfDay::hm(16, 0), TimeOfDay::hm(17, 30)),
            0,
        );
        assert!(!late.fits());
        let after = PlanFit::of(
            tasks.iter(),
            &blocks,
            (TimeOfDay::hm(18, 0), TimeOfDay::hm(17, 30)),
            0,
        );
        assert_eq!(after.free, 0);
        // Lunch still to come is no time for the tasks.
        let lunch = PlanFit::of(
            tasks.iter(),
            &blocks,
            (TimeOfDay::hm(9, 30), TimeOfDay::hm(17, 30)),
            30,
        );
        assert_eq!(lunch.free, 390);
    }

    #[test]
    fn a_block_says_each_fact_once() {
        let made = |title: &str, kind, video, id| TimeBlock {
            id: BlockId(id),
            span: "14:00-14:30".parse().unwrap(),
            title: title.into(),
            kind,
            video,
            extra: toml::Table::new(),
        };
        use BlockFact::{Agreed, Kind, Video};
        let team = crate::core::agreements::team_block_id(TimeOfDay::hm(14, 0)).0;
        assert_eq!(
            made("Meeting with Lena", BlockKind::Meeting, false, team).facts("meeting"),
            [Agreed]
        );
        assert_eq!(
            made("Overleg met Lena", BlockKind::Meeting, false, team).facts("overleg"),
            [Agreed]
        );
        assert_eq!(
            made("Standup", BlockKind::Meeting, true, 1).facts("meeting"),
            [Video]
        );
        assert_eq!(
            made("Standup", BlockKind::Meeting, false, 1).facts("meeting"),
            [Kind(BlockKind::Meeting)]
        );
        assert_eq!(
            made("Doctor", BlockKind::Personal, true, 1).facts("personal"),
            [Kind(BlockKind::Personal), Video]
        );
    }
}
