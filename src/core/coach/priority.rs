//! One notice at a time: when several prompts fall due in the same tick (a
//! long run of calls ends past lunch time and a break is due), only the one
//! that matters most is said; the others are recorded as said, so they do
//! not come one after the other either.

use super::Prompt;

impl Prompt {
    /// How much the prompt matters beside others due at the same instant:
    /// what asks for something now (the end of the day, a call about to
    /// start, a break) before what warns, before what only tells.
    #[must_use]
    pub fn weight(&self) -> u8 {
        match self {
            Self::ShutdownDue { .. } => 15,
            // A call about to start: a break would not fit before it.
            Self::MeetingsAhead { .. }
            | Self::TeamMeetingAhead { .. }
            | Self::BreakIntoMeeting { .. }
            | Self::CallPastEnd { .. } => 14,
            Self::Escalate { .. } => 13,
            Self::BreakDue { .. } => 12,
            Self::BreakOver { .. } => 11,
            Self::LunchMissed => 10,
            Self::MeetingLimit { .. } => 9,
            Self::ShutdownWarning { .. } => 8,
            Self::ShutdownNudge { .. } => 7,
            Self::LunchStillExpected { .. } => 6,
            Self::BackAssumed { .. } => 5,
            Self::AwayCounted { .. } => 4,
            Self::Resumed => 3,
            Self::Micro { .. } => 2,
        }
    }
}

/// The prompt to say of those due at once: the weightiest, the first of
/// equals.
#[must_use]
pub fn most_important(prompts: Vec<Prompt>) -> Option<Prompt> {
    let mut best: Option<Prompt> = None;
    for p in prompts {
        if best.as_ref().is_none_or(|b| p.weight() > b.weight()) {
            best = Some(p);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::breaks::BreakKind;

    /// At 15:30 after two hours of calls with lunch ignored: the lunch break
    /// due is said, not "no lunch yet" nor the run of calls as well.
    #[test]
    fn a_break_due_outweighs_lunch_missed_and_a_long_run() {
        let due = Prompt::BreakDue {
            kind: BreakKind::Lunch,
            minutes: 30,
        };
        let said = most_important(vec![
            Prompt::LunchMissed,
            due.clone(),
            Prompt::MeetingLimit {
                run_minutes: 120,
                buffer_minutes: 5,
                after: crate::core::plan::BlockId(3),
                next_call: None,
            },
        ]);
        assert_eq!(said, Some(due));
        assert_eq!(most_important(Vec::new()), None);
    }
}
