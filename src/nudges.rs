//! The nudge of the day, for Today: the days the rules read (`review::load_at`),
//! the rules, the choice against `nudges.toml`, and the record that it was
//! shown; answering it (dismiss, snooze). The words are the catalogue's.

use chrono::{Days, NaiveDate, TimeZone};

use crate::config::Config;
use crate::core::nudges::{self, Answer, Nudge, NudgeLog, Rule};
use crate::i18n;
use crate::store::{Corrupt, Store, StoreError};

/// The nudge to show on `today`, recorded as shown (unless `write` is
/// false: a read-only directory shows it without a record). `None` when no
/// rule fires or one was answered today.
///
/// # Errors
/// `nudges.toml` cannot be read: no nudge until it is fixed (it is never
/// written over), and the caller says so.
pub fn of_today(
    store: &Store,
    config: &Config,
    tz: &impl TimeZone,
    today: NaiveDate,
    write: bool,
) -> Result<Option<Nudge>, Corrupt> {
    if !config.nudges.enabled {
        return Ok(None);
    }
    let log = store.load_nudges()?;
    Ok(choose_and_record(store, config, tz, today, write, &log))
}

fn choose_and_record(
    store: &Store,
    config: &Config,
    tz: &impl TimeZone,
    today: NaiveDate,
    write: bool,
    log: &NudgeLog,
) -> Option<Nudge> {
    // Today's one nudge was answered: none again today (`choose`), so the
    // weeks of days need not be read.
    if log.shown_on(today).is_some_and(|r| !log.allows(r, today)) {
        return None;
    }
    let back = nudges::lookback_days(&config.nudges).saturating_sub(1);
    let from = today.checked_sub_days(Days::new(back))?;
    let history = crate::review::load_at(store, config, tz, from, today, today, None);
    let fired = nudges::evaluate(&history.days, today, &config.nudges, config.me);
    let nudge = nudges::choose(&fired, log, today)?.clone();
    if write && log.shown_on(today) != Some(nudge.rule) {
        // A failed record only means it may show again today.
        let _ = store.update_nudges(|l| l.mark_shown(nudge.rule, today));
    }
    Some(nudge)
}

/// Record the answer to `rule`'s nudge on `today`.
///
/// # Errors
/// As `Store::update_nudges`.
pub fn answer(
    store: &Store,
    rule: Rule,
    answer: Answer,
    today: NaiveDate,
) -> Result<NudgeLog, StoreError> {
    store.update_nudges(|l| {
        l.answer(rule, answer, today);
        true
    })
}

/// What kot noticed, in the user's language.
#[must_use]
pub fn text(n: &Nudge) -> String {
    // A duration in the user's language (`1u30` in Dutch).
    let worded: Vec<(&str, String)> = n
        .args
        .iter()
        .filter(|(k, _)| *k != "n")
        .map(|(k, v)| match (*k, v.parse::<i64>()) {
            ("minutes", Ok(m)) => (*k, i18n::hm(m)),
            _ => (*k, v.clone()),
        })
        .collect();
    let args: Vec<(&str, &dyn std::fmt::Display)> = worded
        .iter()
        .map(|(k, v)| (*k, v as &dyn std::fmt::Display))
        .collect();
    let count = n
        .args
        .iter()
        .find(|(k, _)| *k == "n")
        .and_then(|(_, v)| v.parse::<i64>().ok());
    match count {
        Some(c) => i18n::plural(n.key, c, &args),
        None => i18n::t(n.key, &args),
    }
}

/// Why it matters, in the user's language.
#[must_use]
pub fn reason(n: &Nudge) -> String {
    i18n::t(n.reason, &[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_duration_is_worded_in_the_nudge() {
        let n = Nudge {
            rule: Rule::Meetings,
            key: "nudge.meetings",
            args: vec![("minutes", "930".into())],
            reason: "nudge.meetings.reason",
        };
        // The process speaks English unless told otherwise; Dutch has its
        // own test (i18n's durations).
        assert!(text(&n).contains("15h30 of meetings"), "{}", text(&n));
    }
}
