//! Where the day stands for the user at one instant: the coach's state with
//! the end of the day over it. The one answer the TUI's coach line and
//! banner, `kot status` and its `{state}` all read, so they never disagree.

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::{Coach, CoachState, EndPhase, OffReason};
use crate::core::breaks::Counted;

/// How old a coach's `seen_at` may be before the coach is taken for not
/// running: a heartbeat missed, with room for a late one (a loaded machine
/// under an accelerated test clock).
const NOT_RUNNING_AFTER: Duration = Duration::minutes(20);

/// The coach's state and the day's end phase at one instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayState {
    pub coach: CoachState,
    pub phase: EndPhase,
}

impl DayState {
    /// The state's one name: `kot status`'s `{state}`, waybar's class and
    /// alt. The end of the day names it, except that a break, a meeting, a
    /// personal block or a pause in the wrap-up or past the end stays what
    /// it is; before work and a day not begun are named as they are said.
    #[must_use]
    pub fn name(self) -> &'static str {
        match (self.phase, self.coach) {
            (
                EndPhase::WrapUp { .. } | EndPhase::Overtime { .. },
                s @ (CoachState::BreakDue { .. }
                | CoachState::Break { .. }
                | CoachState::BreakOver { .. }
                | CoachState::Meeting { .. }
                | CoachState::Personal { .. }
                | CoachState::Paused { .. }),
            ) => s.name(),
            (p, s) => p.class().unwrap_or(match s {
                CoachState::Off(OffReason::BeforeWork) => "before-work",
                CoachState::Off(OffReason::NotBegun) => "not-begun",
                s => s.name(),
            }),
        }
    }

    /// Whether the end of the day is what there is to say (the wrap-up with
    /// nothing else going on, past the end, the evening, off): the coach's
    /// own words then give way.
    #[must_use]
    pub fn end_speaks(self) -> bool {
        match self.phase {
            EndPhase::WrapUp { .. } => matches!(self.coach, CoachState::Focus { .. }),
            EndPhase::Overtime { .. } => matches!(self.coach, CoachState::Off(_)),
            EndPhase::Evening { .. } | EndPhase::Off { .. } => true,
            EndPhase::NoEnd | EndPhase::Before { .. } => false,
        }
    }
}

impl<Tz: TimeZone> Coach<'_, Tz> {
    /// Where the day stands at `now` for the user (see `DayState`);
    /// `running`: the caller runs the coach itself (the TUI), so it is
    /// running whatever `seen_at` says.
    ///
    /// Two things the coach's bare `state` does not know: a call or a
    /// personal block running past the end is still that, not "after
    /// work"; and with no coach running since `seen_at` (kot closed), the
    /// time since is time away as a coach starting now would count it, so
    /// a break that fell due hours ago is not "due" now.
    #[must_use]
    pub fn day_state(&self, now: DateTime<Utc>, running: bool) -> DayState {
        let phase = self.end_phase(now);
        let coach = match self.state(now) {
            CoachState::Off(OffReason::AfterWork) if self.work.is_some() => {
                match (self.meeting_end_at(now), self.personal_end_at(now)) {
                    (Some(until), _) => CoachState::Meeting { until },
                    (None, Some(until)) => CoachState::Personal { until },
                    (None, None) => CoachState::Off(OffReason::AfterWork),
                }
            }
            s @ CoachState::BreakDue { .. } if !running => self.unseen_state(now).unwrap_or(s),
            s => s,
        };
        DayState { coach, phase }
    }

    /// The state once the time since the last running coach counts as time
    /// away; `None` when a coach runs (or none ever ran today) or that time
    /// would count as no break.
    fn unseen_state(&self, now: DateTime<Utc>) -> Option<CoachState> {
        let seen = self.log().seen_at?.to_utc();
        if now - seen <= NOT_RUNNING_AFTER {
            return None;
        }
        let (_, op) = self.away(seen, now, Counted::Away)?;
        let mut day = self.day.clone();
        op.apply(&mut day.coach, &mut day.breaks);
        Some(self.with_day(&day).state(now))
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;

    /// The name follows the end of the day, except for what is going on;
    /// before work and a day not begun are named as they are said.
    #[test]
    fn the_state_is_named_as_it_is_said() {
        let t = Utc.with_ymd_and_hms(2026, 11, 23, 16, 0, 0).unwrap();
        let name = |coach, phase| DayState { coach, phase }.name();
        let focus = CoachState::Focus {
            since: t,
            next_break: None,
        };
        let before = EndPhase::Before { end: t };
        let wrap_up = EndPhase::WrapUp { end: t };
        let over = EndPhase::Overtime {
            end: t,
            over: Duration::minutes(5),
            overtime: true,
        };
        assert_eq!(name(focus, before), "focus");
        assert_eq!(name(focus, wrap_up), "wrap-up");
        assert_eq!(name(CoachState::Meeting { until: t }, over), "meeting");
        assert_eq!(
            name(CoachState::Off(OffReason::AfterWork), over),
            "overtime"
        );
        assert_eq!(
            name(CoachState::Off(OffReason::BeforeWork), EndPhase::NoEnd),
            "before-work"
        );
        assert_eq!(
            name(CoachState::Off(OffReason::NotBegun), before),
            "not-begun"
        );
        assert_eq!(
            name(CoachState::Off(OffReason::DayOff), EndPhase::NoEnd),
            "off"
        );
    }
}
