//! `nudges.toml`: per rule the date it was last shown, dismissed, and snoozed
//! until. Unknown keys and rules a newer kot knows survive a rewrite: each
//! rule's table is read and written through the file's own table.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::Rule;
use crate::core::day::file_date;

/// The newest `nudges.toml` format.
pub const SCHEMA: u32 = 1;

/// A snooze lasts this many days.
pub const SNOOZE_DAYS: u64 = 7;

/// One rule's record.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct RuleLog {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "file_date::option"
    )]
    pub shown: Option<NaiveDate>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "file_date::option"
    )]
    pub dismissed: Option<NaiveDate>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "file_date::option"
    )]
    pub snoozed_until: Option<NaiveDate>,
    #[serde(flatten)]
    pub extra: toml::Table,
}

/// The whole file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NudgeLog {
    #[serde(default = "schema")]
    pub schema: u32,
    /// Every rule's table by its name, and whatever else the file holds.
    #[serde(flatten)]
    pub tables: toml::Table,
}

fn schema() -> u32 {
    SCHEMA
}

impl Default for NudgeLog {
    fn default() -> Self {
        Self {
            schema: SCHEMA,
            tables: toml::Table::new(),
        }
    }
}

/// What the user did with the nudge shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Dismiss,
    Snooze,
}

impl NudgeLog {
    /// A newer kot's file is read, never rewritten.
    #[must_use]
    pub fn writable(&self) -> bool {
        self.schema <= SCHEMA
    }

    /// The rule's record; an unreadable one counts as empty.
    #[must_use]
    pub fn rule(&self, rule: Rule) -> RuleLog {
        self.tables
            .get(rule.name())
            .and_then(|v| v.clone().try_into().ok())
            .unwrap_or_default()
    }

    pub fn set_rule(&mut self, rule: Rule, log: &RuleLog) {
        if let Ok(v) = toml::Value::try_from(log) {
            self.tables.insert(rule.name().to_string(), v);
        }
    }

    /// Whether the rule may show on `today`: not dismissed this week (a
    /// dismissed rule comes back only when it fires in a later week), not
    /// snoozed.
    #[must_use]
    pub fn allows(&self, rule: Rule, today: NaiveDate) -> bool {
        let r = self.rule(rule);
        let dismissed = r
            .dismissed
            .is_some_and(|d| week_start(d) >= week_start(today));
        let snoozed = r.snoozed_until.is_some_and(|u| u > today);
        !(dismissed || snoozed)
    }

    /// The rule already shown today, if any: it stays the day's one nudge.
    #[must_use]
    pub fn shown_on(&self, today: NaiveDate) -> Option<Rule> {
        Rule::ALL
            .iter()
            .copied()
            .find(|r| self.rule(*r).shown == Some(today))
    }

    /// Record that `rule` shows on `today`; whether that changed anything.
    pub fn mark_shown(&mut self, rule: Rule, today: NaiveDate) -> bool {
        let mut r = self.rule(rule);
        if r.shown == Some(today) {
            return false;
        }
        r.shown = Some(today);
        self.set_rule(rule, &r);
        true
    }

    /// Record the user's answer to `rule`'s nudge on `today`.
    pub fn answer(&mut self, rule: Rule, answer: Answer, today: NaiveDate) {
        let mut r = self.rule(rule);
        r.shown = Some(today);
        match answer {
            Answer::Dismiss => r.dismissed = Some(today),
            Answer::Snooze => {
                r.snoozed_until = today.checked_add_days(chrono::Days::new(SNOOZE_DAYS));
            }
        }
        self.set_rule(rule, &r);
    }
}

/// The Monday of `date`'s week.
fn week_start(date: NaiveDate) -> NaiveDate {
    date - chrono::Days::new(u64::from(date.weekday().num_days_from_monday()))
}
