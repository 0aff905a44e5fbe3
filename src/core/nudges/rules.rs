//! The rules: each reads the days up to today and fires at most one `Nudge`.
//! Counts over "the last 7 days" roll, so Friday's skipped lunch still counts
//! on Monday; quiet days (off, holiday, sick, free) count for nothing and
//! pause the streaks.

use chrono::{Days, NaiveDate};

use super::log::NudgeLog;
use super::{Me, NudgePolicy, Rule};
use crate::core::journal::{ContactState, Scale};
use crate::core::review::{DayFacts, DayKind, days_without_contact, weekly_average};
use crate::core::shutdown::Punctuality;

/// The days a weekly count covers, today included.
const WEEK: u64 = 7;
/// A low feeling: 1 or 2.
const LOW_FEELING: u8 = 2;
/// A need at or below this weekly average is low.
const LOW_NEED: f32 = 2.0;

/// What kot noticed: the i18n key of the text with its arguments, and of
/// the reason (the research behind it, in the user's words). An argument
/// `n` is the count the plural form follows; `minutes` is a duration in
/// whole minutes, worded by the shell in the user's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nudge {
    pub rule: Rule,
    pub key: &'static str,
    pub args: Vec<(&'static str, String)>,
    pub reason: &'static str,
}

impl Nudge {
    fn new(rule: Rule, key: &'static str, reason: &'static str) -> Self {
        Self {
            rule,
            key,
            args: Vec::new(),
            reason,
        }
    }

    fn arg(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
    }
}

/// How many days back, today included, the rules read at `policy`: the
/// weeks of the needs' averages (whole weeks, and the one before), the
/// office span, and room for streaks paused by weekends and days off.
#[must_use]
pub fn lookback_days(policy: &NudgePolicy) -> u64 {
    let weeks = |n: u32| u64::from(n) * WEEK;
    [
        WEEK,
        weeks(policy.needs_falling_weeks + 2),
        weeks(policy.needs_low_weeks + 2),
        weeks(policy.office_every_weeks),
        u64::from(policy.low_feeling_checkins) * 3 + 2 * WEEK,
        u64::from(policy.days_without_contact) * 3 + 2 * WEEK,
    ]
    .into_iter()
    .max()
    .unwrap_or(WEEK)
}

/// Every rule that fires on `today`, by priority (`Rule::ALL`'s order).
/// Nothing when nudges are off or today is a quiet day.
#[must_use]
pub fn evaluate(days: &[DayFacts], today: NaiveDate, policy: &NudgePolicy, me: Me) -> Vec<Nudge> {
    let quiet_today = days.iter().any(|d| d.date == today && d.is_quiet());
    if !policy.enabled || quiet_today {
        return Vec::new();
    }
    let d = History { days, today };
    Rule::ALL
        .iter()
        .filter_map(|rule| match rule {
            Rule::SickDayWork => d.sick_day_work(policy),
            Rule::LowFeeling => d.low_feeling(policy.low_feeling_checkins),
            Rule::NoContact => d.no_contact(policy.days_without_contact),
            Rule::Needs => d.needs(policy),
            Rule::Overtime => d.overtime(policy.overtime_hours_week),
            Rule::ShutdownsMissed => d.shutdowns_missed(policy.shutdowns_missed_week),
            Rule::LunchSkipped => d.lunch_skipped(policy.lunch_skipped_days),
            Rule::DayOffWork => d.day_off_work(policy),
            Rule::Meetings => d.meetings(policy.meeting_hours_week),
            Rule::Office => d.office(policy.office_every_weeks, me),
        })
        .collect()
}

/// The one nudge to show on `today` of those that fired: the one already
/// shown today if it still may (never a second one the same day, even after
/// the first was answered), else the first by priority that is neither
/// dismissed this week nor snoozed.
#[must_use]
pub fn choose<'a>(fired: &'a [Nudge], log: &NudgeLog, today: NaiveDate) -> Option<&'a Nudge> {
    if let Some(rule) = log.shown_on(today) {
        return fired
            .iter()
            .find(|n| n.rule == rule && log.allows(rule, today));
    }
    fired.iter().find(|n| log.allows(n.rule, today))
}

struct History<'a> {
    days: &'a [DayFacts],
    today: NaiveDate,
}

impl History<'_> {
    /// The days of the last `n` days up to today.
    fn last(&self, n: u64) -> impl Iterator<Item = &DayFacts> {
        let from = self.today - Days::new(n.saturating_sub(1));
        let today = self.today;
        self.days
            .iter()
            .filter(move |d| d.date >= from && d.date <= today)
    }

    /// The non-quiet days of the last week.
    fn week(&self) -> impl Iterator<Item = &DayFacts> {
        self.last(WEEK).filter(|d| !d.is_quiet())
    }

    fn lunch_skipped(&self, n: u32) -> Option<Nudge> {
        let skipped = self.week().filter(|d| d.lunch == Some(false)).count();
        (n > 0 && skipped >= n as usize).then(|| {
            Nudge::new(Rule::LunchSkipped, "nudge.lunch", "nudge.lunch.reason").arg("n", skipped)
        })
    }

    fn overtime(&self, hours: u32) -> Option<Nudge> {
        let minutes: u32 = self.week().map(|d| d.overtime_minutes).sum();
        (hours > 0 && minutes > hours * 60).then(|| {
            Nudge::new(Rule::Overtime, "nudge.overtime", "nudge.overtime.reason")
                .arg("minutes", minutes)
        })
    }

    fn shutdowns_missed(&self, n: u32) -> Option<Nudge> {
        let missed = self
            .week()
            .filter(|d| d.shutdown == Some(Punctuality::Missed))
            .count();
        (n > 0 && missed >= n as usize).then(|| {
            Nudge::new(
                Rule::ShutdownsMissed,
                "nudge.shutdown",
                "nudge.shutdown.reason",
            )
            .arg("n", missed)
        })
    }

    /// Counted from today once its evening check-in is in, else from
    /// yesterday: in the morning today's conversations are still to come.
    fn no_contact(&self, n: u32) -> Option<Nudge> {
        let today_known = self
            .days
            .iter()
            .any(|d| d.date == self.today && d.contact != ContactState::Unknown);
        let from = if today_known {
            self.today
        } else {
            self.today.pred_opt()?
        };
        let streak = days_without_contact(self.days, from);
        (n > 0 && streak >= n).then(|| {
            Nudge::new(Rule::NoContact, "nudge.contact", "nudge.contact.reason").arg("n", streak)
        })
    }

    /// Relatedness first (loneliness is the named risk), then autonomy and
    /// competence: falling `needs_falling_weeks` weeks running, or at 2 or
    /// below for `needs_low_weeks`. The week under way counts once it has a
    /// score; before that, the weeks up to last week.
    fn needs(&self, p: &NudgePolicy) -> Option<Nudge> {
        let last = self.last_scored_week();
        [Scale::Relatedness, Scale::Autonomy, Scale::Competence]
            .into_iter()
            .find_map(|scale| {
                let (falling, low) = need_keys(scale);
                let reason = need_reason(scale);
                let f = p.needs_falling_weeks as usize;
                if f > 0 && is_falling(&weekly_average(self.days, scale, last(scale), f + 1)) {
                    return Some(Nudge::new(Rule::Needs, falling, reason).arg("n", f));
                }
                let l = p.needs_low_weeks as usize;
                let avgs = weekly_average(self.days, scale, last(scale), l);
                let is_low = l > 0 && avgs.iter().all(|a| a.is_some_and(|v| v <= LOW_NEED));
                is_low.then(|| Nudge::new(Rule::Needs, low, reason).arg("n", l))
            })
    }

    /// The last day of the last week with a score of `scale`: this week's
    /// today, or a day of last week.
    fn last_scored_week(&self) -> impl Fn(Scale) -> NaiveDate + '_ {
        move |scale| {
            let this_week = weekly_average(self.days, scale, self.today, 1);
            if this_week.first().copied().flatten().is_some() {
                self.today
            } else {
                self.today - Days::new(WEEK)
            }
        }
    }

    fn meetings(&self, hours: u32) -> Option<Nudge> {
        let minutes: u32 = self.week().map(|d| d.meeting_minutes).sum();
        (hours > 0 && minutes > hours * 60).then(|| {
            Nudge::new(Rule::Meetings, "nudge.meetings", "nudge.meetings.reason")
                .arg("minutes", minutes)
        })
    }

    fn sick_day_work(&self, p: &NudgePolicy) -> Option<Nudge> {
        let n = self
            .last(WEEK)
            .filter(|d| d.kind == DayKind::Sick && d.worked_on_free_day)
            .count();
        (p.sick_day_work && n > 0)
            .then(|| Nudge::new(Rule::SickDayWork, "nudge.sick", "nudge.sick.reason").arg("n", n))
    }

    /// Work on a day off, a holiday or a day the config has no work on
    /// (chosen, or recorded on an unmarked weekend).
    fn day_off_work(&self, p: &NudgePolicy) -> Option<Nudge> {
        let n = self
            .last(WEEK)
            .filter(|d| d.date < self.today)
            .filter(|d| match d.kind {
                DayKind::ExtraWork => true,
                DayKind::Off | DayKind::Holiday | DayKind::Free => d.worked_on_free_day,
                DayKind::Work | DayKind::Sick => false,
            })
            .count();
        (p.day_off_work && n > 0).then(|| {
            Nudge::new(Rule::DayOffWork, "nudge.day_off", "nudge.day_off.reason").arg("n", n)
        })
    }

    /// Hybrid only, and only when kot was in use at the start of the span
    /// (a place chosen in its first week): a new user is not told off.
    fn office(&self, weeks: u32, me: Me) -> Option<Nudge> {
        if !me.hybrid || weeks == 0 {
            return None;
        }
        let span = u64::from(weeks) * WEEK;
        let from = self.today - Days::new(span - 1);
        let first_week_end = from + Days::new(WEEK - 1);
        let used_then = self
            .days
            .iter()
            .any(|d| d.date >= from && d.date <= first_week_end && d.place.is_some());
        let office = self
            .last(span)
            .any(|d| d.place == Some(crate::core::day::Place::Office));
        (used_then && !office).then(|| {
            Nudge::new(Rule::Office, "nudge.office", "nudge.office.reason").arg("n", weeks)
        })
    }

    /// The last `n` check-ins with a feeling, quiet days and days without
    /// one skipped, all 1 or 2.
    fn low_feeling(&self, n: u32) -> Option<Nudge> {
        if n == 0 {
            return None;
        }
        let mut feelings: Vec<&DayFacts> = self
            .days
            .iter()
            .filter(|d| d.date <= self.today && !d.is_quiet() && d.feeling.is_some())
            .collect();
        feelings.sort_by_key(|d| std::cmp::Reverse(d.date));
        let run = feelings
            .iter()
            .take_while(|d| d.feeling.is_some_and(|f| f <= LOW_FEELING))
            .count();
        (run >= n as usize).then(|| {
            Nudge::new(Rule::LowFeeling, "nudge.feeling", "nudge.feeling.reason").arg("n", run)
        })
    }
}

/// Each week's average lower than the one before, every week scored.
fn is_falling(avgs: &[Option<f32>]) -> bool {
    avgs.len() >= 2
        && avgs.iter().all(Option::is_some)
        && avgs
            .windows(2)
            .all(|w| matches!((w[0], w[1]), (Some(a), Some(b)) if b < a))
}

fn need_keys(scale: Scale) -> (&'static str, &'static str) {
    match scale {
        Scale::Autonomy => ("nudge.autonomy_falling", "nudge.autonomy_low"),
        Scale::Competence => ("nudge.competence_falling", "nudge.competence_low"),
        _ => ("nudge.relatedness_falling", "nudge.relatedness_low"),
    }
}

fn need_reason(scale: Scale) -> &'static str {
    match scale {
        Scale::Autonomy => "nudge.autonomy.reason",
        Scale::Competence => "nudge.competence.reason",
        _ => "nudge.relatedness.reason",
    }
}
