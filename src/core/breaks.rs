//! What the break coach writes into the day file: the `[coach]` table (where the
//! current focus block, break, prompt, snooze and pause stand) and one
//! `[[breaks]]` entry per break taken or skipped. Every timer is derived from
//! these timestamps, never counted, so a restart, a suspend or another process
//! sees the same state.

use chrono::{DateTime, Duration, FixedOffset, Utc};
use serde::{Deserialize, Serialize};

use super::plan::BlockId;
use super::stamp::{self, Stamp};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BreakKind {
    Short,
    Long,
    Lunch,
}

impl BreakKind {
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Short => "short",
            Self::Long => "long",
            Self::Lunch => "lunch",
        }
    }
}

/// How a break came about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Counted {
    /// The user started it.
    #[default]
    You,
    /// kot saw time pass without it (suspend, or kot closed): it counts.
    Away,
    /// The session was locked long enough.
    Locked,
    /// Started as, or long enough in the lunch window to be, lunch.
    Lunch,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Taken,
    Skipped,
}

/// One break, as it happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BreakRecord {
    pub kind: BreakKind,
    pub outcome: Outcome,
    #[serde(default)]
    pub counted: Counted,
    /// When it fell due (absent for a break taken before it was due).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "stamp::option"
    )]
    pub due: Option<Stamp>,
    #[serde(with = "stamp")]
    pub start: Stamp,
    #[serde(with = "stamp")]
    pub end: Stamp,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub snoozed_minutes: u32,
    /// The user came back before the planned end.
    #[serde(default, skip_serializing_if = "is_false")]
    pub ended_early: bool,
    #[serde(flatten)]
    pub extra: toml::Table,
}

#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_zero(n: &u32) -> bool {
    *n == 0
}

#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_false(b: &bool) -> bool {
    !*b
}

/// The coach's running state for the day (`[coach]`). Absent fields mean
/// "nothing of that kind is going on".
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CoachLog {
    /// Start of the current focus block; absent before the first break, when
    /// the first block starts at the later of the workday start and the check-in.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "stamp::option"
    )]
    pub focus_since: Option<Stamp>,
    /// The break under way.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_break: Option<OnBreak>,
    /// When the break now due was prompted (escalation counts from here).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "stamp::option"
    )]
    pub prompted_at: Option<Stamp>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub escalated: bool,
    /// Minutes snoozed on the break now due.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub snoozed_minutes: u32,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "stamp::option"
    )]
    pub snoozed_until: Option<Stamp>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "stamp::option"
    )]
    pub paused_until: Option<Stamp>,
    /// The last micro-pause prompted.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "stamp::option"
    )]
    pub micro_at: Option<Stamp>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub lunch_warned: bool,
    /// Set at the end of a workday without lunch.
    #[serde(default, skip_serializing_if = "is_false")]
    pub lunch_skipped: bool,
    /// Meetings after which the back-to-back limit was prompted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub meeting_warned: Vec<BlockId>,
    /// The last moment a coach (TUI or `kot watch`) was running, for time away
    /// while kot was closed.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "stamp::option"
    )]
    pub seen_at: Option<Stamp>,
    #[serde(flatten)]
    pub extra: toml::Table,
}

impl CoachLog {
    #[must_use]
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// A break under way.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OnBreak {
    pub kind: BreakKind,
    #[serde(with = "stamp")]
    pub start: Stamp,
    pub minutes: u32,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "stamp::option"
    )]
    pub due: Option<Stamp>,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub snoozed_minutes: u32,
    /// The "break is over" notice went out.
    #[serde(default, skip_serializing_if = "is_false")]
    pub over_notified: bool,
    #[serde(flatten)]
    pub extra: toml::Table,
}

impl OnBreak {
    #[must_use]
    pub fn end(&self) -> DateTime<Utc> {
        self.start.to_utc() + Duration::minutes(i64::from(self.minutes))
    }
}

/// An instant as a day file keeps it: whole seconds, with the local offset the
/// caller gives.
#[must_use]
pub fn stamp_at(t: DateTime<Utc>, offset: FixedOffset) -> Stamp {
    let secs = t.timestamp();
    DateTime::from_timestamp(secs, 0)
        .unwrap_or(t)
        .with_timezone(&offset)
}
