//! What the break coach writes into the day file: the `[coach]` table (where the
//! current focus block, break, prompt, snooze and pause stand) and one
//! `[[breaks]]` entry per break taken or skipped. Every timer is derived from
//! these timestamps, never counted, so a restart, a suspend or another process
//! sees the same state. `CoachOp` is every edit of these records, applied
//! here so the day file needs no coach to change them.

use chrono::{DateTime, Duration, Utc};
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

/// How the end of a break was known, when not from the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Back {
    /// Nobody answered within `back_grace_minutes` of the planned end: the
    /// break was closed at that end.
    Assumed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Taken,
    Skipped,
    /// Due and prompted, but neither started, skipped nor snoozed before the
    /// next one fell due or the day ended. New in schema 2.
    Ignored,
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
    /// Absent when the user said they were back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub back: Option<Back>,
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
    /// An early or short lunch was taken and the guard said it still expects one.
    #[serde(default, skip_serializing_if = "is_false")]
    pub lunch_noted: bool,
    /// Set at the end of a workday without lunch.
    #[serde(default, skip_serializing_if = "is_false")]
    pub lunch_skipped: bool,
    /// Meetings after which the back-to-back limit was prompted.
    #[serde(
        rename = "back_to_back_warned",
        default,
        skip_serializing_if = "Vec::is_empty",
        with = "meeting_names"
    )]
    pub meeting_warned: Vec<BlockId>,
    /// First meetings of long runs whose heads-up went out.
    #[serde(
        rename = "heads_up_given",
        default,
        skip_serializing_if = "Vec::is_empty",
        with = "meeting_names"
    )]
    pub meeting_heads_up: Vec<BlockId>,
    /// End-of-day warnings sent, in minutes before the end.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shutdown_warned: Vec<u16>,
    /// "Time to shut down" was said.
    #[serde(default, skip_serializing_if = "is_false")]
    pub shutdown_due: bool,
    /// Nudges sent, in minutes past the end.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shutdown_nudged: Vec<u16>,
    /// The last moment a coach (TUI or `kot watch`) was running, for time away
    /// while kot was closed.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "stamp::option"
    )]
    pub seen_at: Option<Stamp>,
    /// The first sign of work (a task done or edited by hand, or the first
    /// focus block a coach started on a day with no check-in), which starts
    /// the day's work when it comes before the check-in or the planned start
    /// (`Coach::first_work`). Kept at its earliest; an older kot keeps it as
    /// an unknown key.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "stamp::option"
    )]
    pub first_sign: Option<Stamp>,
    /// The last sign of the user after the planned end (a task done or
    /// edited, a key on Today), which says the work went on past it when the shutdown is
    /// forgotten (`Coach::last_work`). Kept at its latest; an older kot
    /// keeps it as an unknown key.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "stamp::option"
    )]
    pub last_sign: Option<Stamp>,
    /// A gentle day: a low feeling at the check-in and shorter focus blocks
    /// accepted (`BreakPolicy::for_day`). An older kot keeps it as an
    /// unknown key.
    #[serde(default, skip_serializing_if = "is_false")]
    pub gentle: bool,
    #[serde(flatten)]
    pub extra: toml::Table,
}

impl CoachLog {
    /// The `[coach]` table as `Day` reads it: a file of an older kot (or
    /// written again by one) names meetings by their block ids under
    /// `meeting_warned` and `meeting_heads_up` (`[4294966694, 3]`); those
    /// are taken in, and written back by name. An old key in a form not known
    /// here stays as it is.
    ///
    /// # Errors
    /// The table is not a coach log.
    pub fn read<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut log = Self::deserialize(d)?;
        for (old, ids) in [
            ("meeting_warned", &mut log.meeting_warned),
            ("meeting_heads_up", &mut log.meeting_heads_up),
        ] {
            let numbers: Option<Vec<BlockId>> = log.extra.get(old).and_then(|v| {
                v.as_array()?
                    .iter()
                    .map(|n| Some(BlockId(u32::try_from(n.as_integer()?).ok()?)))
                    .collect()
            });
            if let Some(numbers) = numbers {
                log.extra.remove(old);
                for id in numbers {
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
            }
        }
        Ok(log)
    }
}

/// Meetings in the coach's log as the user knows them: `b3` (a block of the
/// day, as `kot plan` names it) or `team 10:00` (the team meeting that starts
/// then), not the numbers behind them. A name not known here is left out
/// when read: at worst a heads-up is said again.
mod meeting_names {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::core::agreements::{team_block_id, team_block_start};
    use crate::core::plan::BlockId;

    #[allow(clippy::ptr_arg)] // serde's `with` passes the field as it is
    pub fn serialize<S: Serializer>(ids: &Vec<BlockId>, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(ids.iter().map(|&id| match team_block_start(id) {
            Some(start) => format!("team {start}"),
            None => id.to_string(),
        }))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<BlockId>, D::Error> {
        let value = toml::Value::deserialize(d)?;
        let names = value.as_array().map_or(&[][..], Vec::as_slice);
        Ok(names
            .iter()
            .filter_map(|v| {
                let name = v.as_str()?.trim();
                if let Some(start) = name.strip_prefix("team ") {
                    return Some(team_block_id(start.trim().parse().ok()?));
                }
                Some(BlockId(name.strip_prefix('b')?.parse().ok()?))
            })
            .collect())
    }
}

/// The day's breaks as every view counts them (the status line, `kot day`,
/// the Week screen, reports, nudges): breaks taken, skipped and ignored.
/// The day's lunch (`is_lunch`: the lunch rule, `Coach::is_lunch`) is lunch,
/// counted apart; a lunch asked for that the rule did not count is a break
/// taken, as the timeline draws it; a lunch prompt nobody answered is an
/// ignored break like any other. Read through `Coach::break_counts`, which
/// knows the rule.
#[must_use]
pub fn counts(breaks: &[BreakRecord], is_lunch: impl Fn(&BreakRecord) -> bool) -> (u16, u16, u16) {
    let n = |o: Outcome| {
        let n = breaks
            .iter()
            .filter(|b| b.outcome == o)
            .filter(|b| match o {
                Outcome::Taken => !is_lunch(b),
                Outcome::Skipped => b.kind != BreakKind::Lunch,
                Outcome::Ignored => true,
            })
            .count();
        u16::try_from(n).unwrap_or(u16::MAX)
    };
    (n(Outcome::Taken), n(Outcome::Skipped), n(Outcome::Ignored))
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

/// An edit of the coach's records in the day file. Values come computed, so
/// applying one needs no policy and no clock.
#[derive(Debug, Clone, PartialEq)]
pub enum CoachOp {
    /// A gentle day, accepted (or taken back) at the check-in.
    Gentle {
        on: bool,
    },
    Prompted {
        at: Stamp,
    },
    Escalated,
    BreakOverNotified,
    MicroPrompted {
        at: Stamp,
    },
    LunchWarned,
    /// The guard said once that an early or short lunch did not count.
    LunchNoted,
    LunchSkipped,
    MeetingWarned {
        id: BlockId,
    },
    /// The heads-up for the long run of meetings starting with `id` went out.
    MeetingHeadsUp {
        id: BlockId,
    },
    /// A meeting began while a break prompt stood: the prompt is withdrawn (its
    /// notice may close) and asked again after the meeting.
    Withdraw,
    /// The break due since `due` was left unanswered until `at` (the next one
    /// fell due, or the day ended). Focus counts on from its prompt.
    Ignore {
        due: Stamp,
        at: Stamp,
        kind: BreakKind,
    },
    StartBreak {
        at: Stamp,
        kind: BreakKind,
        minutes: u32,
        due: Option<Stamp>,
    },
    /// Close the break under way: `counted` says how (you or lunch); `back`
    /// is set when the end was assumed, not answered.
    EndBreak {
        at: Stamp,
        counted: Counted,
        kind: BreakKind,
        back: Option<Back>,
    },
    Skip {
        at: Stamp,
        kind: BreakKind,
        due: Option<Stamp>,
    },
    Snooze {
        at: Stamp,
        minutes: u32,
    },
    Pause {
        until: Stamp,
    },
    Resume,
    /// The first focus block starts now (a coach began after the workday
    /// started, with no check-in to say when the day began).
    StartFocus {
        at: Stamp,
    },
    /// A sign of work by hand at `at` (see `DayOp::is_sign_of_work`): the
    /// earliest is kept.
    SignOfWork {
        at: Stamp,
    },
    /// A sign of the user at `at` after the planned end (see
    /// `Coach::sign_ends_work_later`): the latest is kept.
    LastSign {
        at: Stamp,
    },
    /// Time away that counts as a break, ending at `to`.
    Away {
        from: Stamp,
        to: Stamp,
        counted: Counted,
        kind: BreakKind,
    },
    Seen {
        at: Stamp,
    },
    /// End-of-day warnings went out (or were passed by), by their minutes
    /// before the end; only the latest of them is said.
    ShutdownWarned {
        minutes: Vec<u16>,
    },
    /// "Time to shut down" went out.
    ShutdownDue,
    /// Nudges went out (or were passed by), by their minutes past the end.
    ShutdownNudged {
        minutes: Vec<u16>,
    },
    /// A break kot did not see, told afterwards (`kot break add`): kept in
    /// time order, and focus restarts from its end when nothing came later.
    Added {
        start: Stamp,
        end: Stamp,
        kind: BreakKind,
        counted: Counted,
    },
}

impl CoachOp {
    /// Record the op in a day's coach log and break records. Never fails: a
    /// stale op (say, ending a break another process already ended) changes
    /// nothing.
    pub fn apply(self, log: &mut CoachLog, breaks: &mut Vec<BreakRecord>) {
        match self {
            // Written by a coach that had not yet seen a break start: stale.
            CoachOp::Prompted { .. } | CoachOp::Escalated if log.on_break.is_some() => {}
            CoachOp::Prompted { at } => log.prompted_at = Some(at),
            CoachOp::Gentle { on } => log.gentle = on,
            CoachOp::Escalated => log.escalated = true,
            CoachOp::StartFocus { at } => {
                if log.focus_since.is_none() {
                    log.focus_since = Some(at);
                    // A day begun by a coach (no check-in: `kot watch` at its
                    // first run in work hours) began here; `focus_since`
                    // moves on with every break, so it is kept apart.
                    if log.first_sign.is_none_or(|t| at.to_utc() < t.to_utc()) {
                        log.first_sign = Some(at);
                    }
                }
            }
            CoachOp::SignOfWork { at } => {
                if log.first_sign.is_none_or(|t| at.to_utc() < t.to_utc()) {
                    log.first_sign = Some(at);
                }
            }
            CoachOp::LastSign { at } => {
                if log.last_sign.is_none_or(|t| at.to_utc() > t.to_utc()) {
                    log.last_sign = Some(at);
                }
            }
            CoachOp::BreakOverNotified => {
                if let Some(b) = &mut log.on_break {
                    b.over_notified = true;
                }
            }
            CoachOp::MicroPrompted { at } => log.micro_at = Some(at),
            CoachOp::LunchWarned => log.lunch_warned = true,
            CoachOp::LunchNoted => log.lunch_noted = true,
            CoachOp::LunchSkipped => log.lunch_skipped = true,
            CoachOp::MeetingWarned { id } => {
                if !log.meeting_warned.contains(&id) {
                    log.meeting_warned.push(id);
                }
            }
            CoachOp::MeetingHeadsUp { id } => {
                if !log.meeting_heads_up.contains(&id) {
                    log.meeting_heads_up.push(id);
                }
            }
            CoachOp::Withdraw => {
                log.prompted_at = None;
                log.escalated = false;
            }
            CoachOp::Ignore { due, at, kind } => {
                // Only a prompt still standing can be ignored: a break started
                // or skipped meanwhile by another kot wins.
                if log.prompted_at.is_some() && log.on_break.is_none() {
                    breaks.push(BreakRecord {
                        kind,
                        outcome: Outcome::Ignored,
                        counted: Counted::You,
                        due: Some(due),
                        start: due,
                        end: at,
                        snoozed_minutes: log.snoozed_minutes,
                        ended_early: false,
                        back: None,
                        extra: toml::Table::new(),
                    });
                    // Focus counts on from the prompt: the next break falls
                    // due a focus block after it, which is when this one was
                    // given up on.
                    log.focus_since = log.prompted_at;
                    log.micro_at = None;
                    clear_prompt(log);
                }
            }
            CoachOp::StartBreak {
                at,
                kind,
                minutes,
                due,
            } => {
                if log.on_break.is_none() {
                    log.on_break = Some(OnBreak {
                        kind,
                        start: at,
                        minutes,
                        due,
                        snoozed_minutes: log.snoozed_minutes,
                        over_notified: false,
                        extra: toml::Table::new(),
                    });
                    clear_prompt(log);
                }
            }
            CoachOp::EndBreak {
                at,
                counted,
                kind,
                back,
            } => {
                if let Some(b) = log.on_break.take() {
                    let planned_end = b.end();
                    breaks.push(BreakRecord {
                        kind,
                        outcome: Outcome::Taken,
                        counted,
                        due: b.due,
                        start: b.start,
                        end: at,
                        snoozed_minutes: b.snoozed_minutes,
                        ended_early: at.to_utc() < planned_end && back.is_none(),
                        back,
                        extra: b.extra,
                    });
                    log.focus_since = Some(at);
                    log.micro_at = None;
                    clear_prompt(log);
                }
            }
            CoachOp::Skip { at, kind, due } => {
                breaks.push(BreakRecord {
                    kind,
                    outcome: Outcome::Skipped,
                    counted: Counted::You,
                    due,
                    start: at,
                    end: at,
                    snoozed_minutes: log.snoozed_minutes,
                    ended_early: false,
                    back: None,
                    extra: toml::Table::new(),
                });
                log.focus_since = Some(at);
                log.micro_at = None;
                clear_prompt(log);
            }
            CoachOp::Snooze { at, minutes } => {
                log.snoozed_minutes += minutes;
                let until = at + Duration::minutes(i64::from(minutes));
                log.snoozed_until = Some(until);
                log.prompted_at = None;
                log.escalated = false;
            }
            CoachOp::Pause { until } => log.paused_until = Some(until),
            CoachOp::Resume => log.paused_until = None,
            CoachOp::Away {
                from,
                to,
                counted,
                kind,
            } => {
                if log.on_break.is_none() {
                    breaks.push(BreakRecord {
                        kind,
                        outcome: Outcome::Taken,
                        counted,
                        due: None,
                        start: from,
                        end: to,
                        snoozed_minutes: 0,
                        ended_early: false,
                        back: None,
                        extra: toml::Table::new(),
                    });
                    log.focus_since = Some(to);
                    log.micro_at = None;
                    clear_prompt(log);
                }
            }
            CoachOp::Seen { at } => log.seen_at = Some(at),
            CoachOp::ShutdownWarned { minutes } => add_all(&mut log.shutdown_warned, minutes),
            CoachOp::ShutdownDue => log.shutdown_due = true,
            CoachOp::ShutdownNudged { minutes } => add_all(&mut log.shutdown_nudged, minutes),
            CoachOp::Added {
                start,
                end,
                kind,
                counted,
            } => {
                let at = breaks.partition_point(|b| b.start <= start);
                breaks.insert(
                    at,
                    BreakRecord {
                        kind,
                        outcome: Outcome::Taken,
                        counted,
                        due: None,
                        start,
                        end,
                        snoozed_minutes: 0,
                        ended_early: false,
                        back: None,
                        extra: toml::Table::new(),
                    },
                );
                // Every break, skip or time away moves `focus_since` to its
                // end: one ending later is the latest thing today.
                let latest = log.on_break.is_none()
                    && log.focus_since.is_none_or(|f| f.to_utc() < end.to_utc());
                if latest {
                    log.focus_since = Some(end);
                    log.micro_at = None;
                    clear_prompt(log);
                }
            }
        }
    }
}

/// Add each of `new` to `list` once.
fn add_all(list: &mut Vec<u16>, new: Vec<u16>) {
    for m in new {
        if !list.contains(&m) {
            list.push(m);
        }
    }
}

fn clear_prompt(log: &mut CoachLog) {
    log.prompted_at = None;
    log.escalated = false;
    log.snoozed_minutes = 0;
    log.snoozed_until = None;
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::core::time::TimeOfDay;

    #[test]
    fn meetings_in_the_log_are_named_and_old_numbers_still_read() {
        use crate::core::agreements::team_block_id;
        let team = team_block_id(TimeOfDay::hm(10, 0));
        let read = |text: &str| -> CoachLog {
            let day: crate::core::day::Day =
                toml::from_str(&format!("date = \"2026-11-23\"\n[coach]\n{text}")).unwrap();
            day.coach
        };
        let old = read("meeting_heads_up = [4294966694, 3]\nmeeting_warned = [2]\n");
        assert_eq!(old.meeting_heads_up, [team, BlockId(3)]);
        assert_eq!(old.meeting_warned, [BlockId(2)]);
        assert!(old.extra.is_empty(), "{:?}", old.extra);
        let text = toml::to_string(&old).unwrap();
        assert!(text.contains("\"team 10:00\""), "{text}");
        assert_eq!(read(&text), old);
        // Both forms (an older kot wrote again): one list, no repeats.
        let both = read("heads_up_given = [\"b3\"]\nmeeting_heads_up = [3, 4]\n");
        assert_eq!(both.meeting_heads_up, [BlockId(3), BlockId(4)]);
        // A name not known here is left out; an old key in another form stays.
        let odd = read("heads_up_given = [\"b3\", \"room 5\"]\nmeeting_warned = \"x\"\n");
        assert_eq!(odd.meeting_heads_up, [BlockId(3)]);
        assert_eq!(
            odd.extra.get("meeting_warned").and_then(|v| v.as_str()),
            Some("x")
        );
    }
}
