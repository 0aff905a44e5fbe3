//! A user's `config.toml` → `Config`, one key at a time. A syntax error costs the
//! file (defaults are used); a bad or unknown key costs only that key. Every
//! problem becomes a `ConfigIssue` naming the file, line, key, value and what is
//! allowed, and kot goes on with the default for that key.

use std::path::Path;

use chrono::Weekday;
use toml::Value;

use super::{
    Config, HoursOverride, LanguagePref, Notifications, Shutdown, Workday, weekday_from_name,
    weekday_index, weekday_name,
};
use crate::core::coach::{BreakPolicy, MeetingPolicy};
use crate::core::nudges::{CONTACT_DAYS_ALONE, Me, NudgePolicy};
use crate::core::shutdown::ShutdownPolicy;
use crate::core::time::TimeOfDay;
use crate::t;

/// What is wrong with one key, or the whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IssueKind {
    /// The file is not TOML; every key takes its default.
    Syntax {
        message: String,
    },
    /// A known key with a value outside what `allowed` (an i18n key) describes.
    BadValue {
        key: String,
        value: String,
        allowed: &'static str,
        default: String,
    },
    /// A key kot does not know; `near` is the known one it is likely a slip
    /// for (`workday.strat`: `workday.start`).
    Unknown {
        key: String,
        near: Option<String>,
    },
    EndBeforeStart {
        table: String,
        start: String,
        end: String,
    },
    OverrideNotWorkday {
        day: String,
    },
    /// `[workday.<day>]` with its end not after its start: the override is dropped.
    OverrideEndBeforeStart {
        day: String,
        start: String,
        end: String,
    },
    /// A key that must be a table holds a plain value; it is ignored.
    NotATable {
        key: String,
    },
    /// An entry of `workday.days` that is not a day name.
    BadDay {
        value: String,
    },
    /// A whole number outside `min..=max` (or not a whole number).
    OutOfRange {
        key: String,
        value: String,
        min: u32,
        max: u32,
        default: u32,
    },
    /// `workday.day_starts` later than a work day's start: that morning's work
    /// would count for the day before. `fallback` is used instead.
    DayStartsAfterStart {
        value: String,
        start: String,
        fallback: String,
    },
    /// `lunch_latest` not after `lunch_earliest`.
    LunchWindow {
        earliest: String,
        latest: String,
    },
    /// A team meeting in `[agreements]` with a bad value: that meeting is
    /// left out.
    BadMeeting {
        key: String,
        value: String,
        allowed: &'static str,
    },
    /// A team meeting on days that are no work days: it never shows then.
    MeetingOffDay {
        key: String,
        value: String,
        days: Vec<chrono::Weekday>,
    },
    /// One entry of a list with a bad value (`workday.holidays[3]`): that
    /// entry is left out, the rest of the list is kept.
    BadEntry {
        key: String,
        value: String,
        allowed: &'static str,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigIssue {
    /// 1-based line in the file, when known.
    pub line: Option<usize>,
    pub kind: IssueKind,
}

impl ConfigIssue {
    /// One line for the user: `file:line: what is wrong; what kot does instead`.
    #[must_use]
    pub fn message(&self, file: &Path) -> String {
        let at = match self.line {
            Some(l) => format!("{}:{l}", file.display()),
            None => file.display().to_string(),
        };
        let what = match &self.kind {
            IssueKind::Syntax { message } => t!("config.issue.syntax", message = message),
            IssueKind::BadValue {
                key,
                value,
                allowed,
                default,
            } => {
                t!(
                    "config.issue.bad_value",
                    key = key,
                    value = value,
                    allowed = t!(allowed),
                    default = default
                )
            }
            IssueKind::Unknown { key, near: None } => t!("config.issue.unknown", key = key),
            IssueKind::Unknown {
                key,
                near: Some(near),
            } => t!("config.issue.unknown_near", key = key, near = near),
            IssueKind::EndBeforeStart { table, start, end } => {
                t!(
                    "config.issue.end_before_start",
                    table = table,
                    start = start,
                    end = end
                )
            }
            IssueKind::OverrideNotWorkday { day } => {
                t!("config.issue.override_not_workday", day = day)
            }
            IssueKind::OverrideEndBeforeStart { day, start, end } => t!(
                "config.issue.override_end_before_start",
                day = day,
                start = start,
                end = end
            ),
            IssueKind::NotATable { key } => t!("config.issue.not_table", key = key),
            IssueKind::BadDay { value } => t!("config.issue.bad_day", value = value),
            IssueKind::OutOfRange {
                key,
                value,
                min,
                max,
                default,
            } => t!(
                "config.issue.out_of_range",
                key = key,
                value = value,
                min = min,
                max = max,
                default = default
            ),
            IssueKind::DayStartsAfterStart {
                value,
                start,
                fallback,
            } => t!(
                "config.issue.day_starts_after_start",
                value = value,
                start = start,
                fallback = fallback
            ),
            IssueKind::BadMeeting {
                key,
                value,
                allowed,
            } => t!(
                "config.issue.bad_meeting",
                key = key,
                value = value,
                allowed = t!(allowed)
            ),
            IssueKind::MeetingOffDay { key, value, days } => t!(
                "config.issue.meeting_off_day",
                key = key,
                value = value,
                days = days
                    .iter()
                    .map(|d| t!(&format!("weekday.short.{}", d.num_days_from_monday())))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            IssueKind::BadEntry {
                key,
                value,
                allowed,
            } => t!(
                "config.issue.bad_entry",
                key = key,
                value = value,
                allowed = t!(allowed)
            ),
            IssueKind::LunchWindow { earliest, latest } => {
                t!(
                    "config.issue.lunch_window",
                    earliest = earliest,
                    latest = latest
                )
            }
        };
        format!("{at}: {what}")
    }
}

/// Parse a config text. Never fails: problems come back as issues beside a
/// `Config` that holds the default wherever the file was wrong.
#[must_use]
pub fn parse(text: &str) -> (Config, Vec<ConfigIssue>) {
    let (table, huge) = read_table(text);
    let table: toml::Table = match table {
        Ok(t) => t,
        Err(e) => {
            let line = e.span().map(|s| line_at(text, s.start));
            let message = e.message().trim().replace('\n', " ");
            return (
                Config::default(),
                vec![ConfigIssue {
                    line,
                    kind: IssueKind::Syntax { message },
                }],
            );
        }
    };
    let mut r = Reader {
        text,
        issues: Vec::new(),
    };
    let config = r.config(&table);
    r.unknown_keys(&table);
    // The huge integers were read as strings: show them as they were written.
    for issue in &mut r.issues {
        if let IssueKind::BadValue { value, .. } | IssueKind::OutOfRange { value, .. } =
            &mut issue.kind
        {
            for h in &huge {
                *value = value.replace(&format!("\"{h}\""), h);
            }
        }
    }
    r.issues.sort_by_key(|i| i.line);
    (config, r.issues)
}

pub(super) struct Reader<'a> {
    text: &'a str,
    issues: Vec<ConfigIssue>,
}

/// The text as a table. An integer beyond 64 bits makes the toml crate
/// refuse the whole file; the key alone is wrong, so each such literal is read
/// again as a string of its digits (they come back in the second value) and
/// the key is reported like any out-of-range value.
fn read_table(text: &str) -> (Result<toml::Table, toml::de::Error>, Vec<String>) {
    let mut text = std::borrow::Cow::Borrowed(text);
    let mut huge = Vec::new();
    loop {
        let err = match toml::from_str::<toml::Table>(&text) {
            Ok(t) => return (Ok(t), huge),
            Err(e) => e,
        };
        let Some(span) = err.span() else {
            return (Err(err), huge);
        };
        let literal = text.get(span.clone()).unwrap_or_default();
        let is_integer = !literal.is_empty()
            && literal
                .trim_start_matches(['+', '-'])
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'_');
        if !is_integer || huge.len() >= 64 || !err.message().contains("integer") {
            return (Err(err), huge);
        }
        huge.push(literal.to_owned());
        let quoted = format!("{}\"{literal}\"{}", &text[..span.start], &text[span.end..]);
        text = std::borrow::Cow::Owned(quoted);
    }
}

/// The keys kot knows, as dotted paths; `workday.<day>` tables are checked apart.
const KNOWN: &[&str] = &[
    "language",
    "workday",
    "workday.start",
    "workday.end",
    "workday.days",
    "workday.day_starts",
    "workday.holidays",
    "breaks",
    "breaks.focus_minutes",
    "breaks.break_minutes",
    "breaks.long_break_minutes",
    "breaks.long_break_every",
    "breaks.micro_every_minutes",
    "breaks.micro_seconds",
    "breaks.lunch_earliest",
    "breaks.lunch_latest",
    "breaks.lunch_minutes",
    "breaks.snooze_minutes",
    "breaks.snooze_budget_minutes",
    "breaks.escalate_after_minutes",
    "breaks.back_grace_minutes",
    "meetings",
    "meetings.max_back_to_back_minutes",
    "meetings.back_to_back_gap_minutes",
    "meetings.buffer_minutes",
    "meetings.heads_up_minutes",
    "notifications",
    "notifications.enabled",
    "notifications.bell",
    "shutdown",
    "shutdown.warn_minutes",
    "shutdown.nudge_after_minutes",
    "shutdown.max_work_minutes",
    "shutdown.steps",
    "shutdown.on_complete",
    "shutdown.on_complete_wait_seconds",
    "shutdown.commute_minutes",
    "shutdown.hide_work",
    "agreements",
    "agreements.reachable",
    "agreements.response_time",
    "agreements.report",
    "agreements.meetings",
    "nudges",
    "nudges.enabled",
    "nudges.lunch_skipped_days",
    "nudges.overtime_hours_week",
    "nudges.shutdowns_missed_week",
    "nudges.days_without_contact",
    "nudges.needs_falling_weeks",
    "nudges.needs_low_weeks",
    "nudges.meeting_hours_week",
    "nudges.sick_day_work",
    "nudges.day_off_work",
    "nudges.office_every_weeks",
    "nudges.low_feeling_checkins",
    "me",
    "me.lives_alone",
    "me.hybrid",
];

/// At most this many warnings and nudges each.
const MAX_PROMPTS: usize = 4;
/// At most this many own steps, each at most this many characters.
const MAX_STEPS: usize = 10;
const MAX_STEP_CHARS: usize = 80;

impl Reader<'_> {
    fn config(&mut self, root: &toml::Table) -> Config {
        let d = Config::default();
        let language = self.key(
            root,
            "language",
            d.language,
            "config.allowed.language",
            "\"auto\"",
            |v| match v.as_str()? {
                "auto" => Some(LanguagePref::Auto),
                "en" => Some(LanguagePref::En),
                "nl" => Some(LanguagePref::Nl),
                _ => None,
            },
        );
        let empty = toml::Table::new();
        let w = self.section(root, "workday", &empty);
        let workday = self.workday(w);
        let b = self.section(root, "breaks", &empty);
        let breaks = self.breaks(b);
        let m = self.section(root, "meetings", &empty);
        let meetings = self.meetings(m);
        let n = self.section(root, "notifications", &empty);
        let dn = Notifications::default();
        let notifications = Notifications {
            enabled: self.flag(n, "notifications.enabled", dn.enabled),
            bell: self.flag(n, "notifications.bell", dn.bell),
        };
        let sd = self.section(root, "shutdown", &empty);
        let shutdown = self.shutdown(sd);
        let a = self.section(root, "agreements", &empty);
        let agreements = self.agreements(a, &workday);
        let mt = self.section(root, "me", &empty);
        let me = self.me(mt);
        let nt = self.section(root, "nudges", &empty);
        let nudges = self.nudges(nt, me);
        Config {
            language,
            workday,
            breaks,
            meetings,
            notifications,
            shutdown,
            agreements,
            nudges,
            me,
        }
    }

    fn shutdown(&mut self, t: &toml::Table) -> Shutdown {
        let d = ShutdownPolicy::default();
        let minutes_list = |max: i64, descending: bool| {
            move |v: &Value| -> Option<Vec<u16>> {
                let items = v.as_array()?;
                let mut out: Vec<u16> = Vec::new();
                for i in items {
                    let n = i.as_integer().filter(|n| (1..=max).contains(n))?;
                    let n = u16::try_from(n).ok()?;
                    if out.contains(&n) {
                        return None;
                    }
                    out.push(n);
                }
                out.sort_unstable();
                if descending {
                    out.reverse();
                }
                (out.len() <= MAX_PROMPTS).then_some(out)
            }
        };
        let warn_minutes = self.key(
            t,
            "shutdown.warn_minutes",
            d.warn_minutes.clone(),
            "config.allowed.warn_minutes",
            "[30, 10]",
            minutes_list(240, true),
        );
        let nudge_after_minutes = self.key(
            t,
            "shutdown.nudge_after_minutes",
            d.nudge_after_minutes.clone(),
            "config.allowed.nudge_minutes",
            "[30, 60]",
            minutes_list(720, false),
        );
        let max_work_minutes = self.key(
            t,
            "shutdown.max_work_minutes",
            None,
            "config.allowed.max_work",
            "0",
            |v| match v.as_integer()? {
                0 => Some(None),
                n @ 60..=960 => u16::try_from(n).ok().map(Some),
                _ => None,
            },
        );
        let steps = self.key(
            t,
            "shutdown.steps",
            None,
            "config.allowed.steps",
            "(kot's three steps)",
            |v| {
                let mut out = Vec::new();
                for i in v.as_array()? {
                    let s = crate::core::text::clean_title(i.as_str()?);
                    if s.is_empty() || s.chars().count() > MAX_STEP_CHARS {
                        return None;
                    }
                    out.push(s);
                }
                (out.len() <= MAX_STEPS).then_some(Some(out))
            },
        );
        let on_complete = self.key(
            t,
            "shutdown.on_complete",
            Vec::new(),
            "config.allowed.argv",
            "[]",
            |v| {
                let argv: Vec<String> = v
                    .as_array()?
                    .iter()
                    .map(|i| i.as_str().map(str::to_string))
                    .collect::<Option<_>>()?;
                let ok = argv.first().is_none_or(|p| !p.trim().is_empty())
                    && argv.iter().all(|a| !a.contains('\0'));
                ok.then_some(argv)
            },
        );
        let on_complete_wait_seconds = self.key(
            t,
            "shutdown.on_complete_wait_seconds",
            Shutdown::default().on_complete_wait_seconds,
            "config.allowed.on_complete_wait",
            "10",
            |v| u16::try_from(v.as_integer()?).ok().filter(|n| *n <= 600),
        );
        let commute_minutes = self.key(
            t,
            "shutdown.commute_minutes",
            0,
            "config.allowed.commute",
            "0",
            |v| {
                u16::try_from(v.as_integer()?)
                    .ok()
                    .filter(|n| *n <= crate::core::shutdown::commute::MAX_MINUTES)
            },
        );
        let hide_work = self.flag(t, "shutdown.hide_work", false);
        Shutdown {
            policy: ShutdownPolicy {
                enabled: true,
                warn_minutes,
                nudge_after_minutes,
                max_work_minutes,
            },
            steps,
            on_complete,
            on_complete_wait_seconds,
            commute_minutes,
            hide_work,
        }
    }

    fn me(&mut self, t: &toml::Table) -> Me {
        let d = Me::default();
        Me {
            lives_alone: self.flag(t, "me.lives_alone", d.lives_alone),
            hybrid: self.flag(t, "me.hybrid", d.hybrid),
        }
    }

    /// `[nudges]`: each threshold a whole number (0 turns the rule off). An
    /// unwritten `days_without_contact` is lower for someone living alone.
    fn nudges(&mut self, t: &toml::Table, me: Me) -> NudgePolicy {
        let d = NudgePolicy::default();
        let contact = if me.lives_alone {
            CONTACT_DAYS_ALONE
        } else {
            d.days_without_contact
        };
        NudgePolicy {
            enabled: self.flag(t, "nudges.enabled", d.enabled),
            lunch_skipped_days: self.uint(
                t,
                "nudges.lunch_skipped_days",
                d.lunch_skipped_days,
                0,
                7,
            ),
            overtime_hours_week: self.uint(
                t,
                "nudges.overtime_hours_week",
                d.overtime_hours_week,
                0,
                80,
            ),
            shutdowns_missed_week: self.uint(
                t,
                "nudges.shutdowns_missed_week",
                d.shutdowns_missed_week,
                0,
                7,
            ),
            days_without_contact: self.uint(t, "nudges.days_without_contact", contact, 0, 60),
            needs_falling_weeks: self.uint(
                t,
                "nudges.needs_falling_weeks",
                d.needs_falling_weeks,
                0,
                12,
            ),
            needs_low_weeks: self.uint(t, "nudges.needs_low_weeks", d.needs_low_weeks, 0, 12),
            meeting_hours_week: self.uint(
                t,
                "nudges.meeting_hours_week",
                d.meeting_hours_week,
                0,
                60,
            ),
            sick_day_work: self.flag(t, "nudges.sick_day_work", d.sick_day_work),
            day_off_work: self.flag(t, "nudges.day_off_work", d.day_off_work),
            office_every_weeks: self.uint(
                t,
                "nudges.office_every_weeks",
                d.office_every_weeks,
                0,
                52,
            ),
            low_feeling_checkins: self.uint(
                t,
                "nudges.low_feeling_checkins",
                d.low_feeling_checkins,
                0,
                30,
            ),
        }
    }

    /// The table `[name]`, or `empty` when it is missing or not a table.
    fn section<'t>(
        &mut self,
        root: &'t toml::Table,
        name: &str,
        empty: &'t toml::Table,
    ) -> &'t toml::Table {
        match root.get(name) {
            Some(Value::Table(t)) => t,
            Some(_) => {
                self.issue(&[name], IssueKind::NotATable { key: name.into() });
                empty
            }
            None => empty,
        }
    }

    fn breaks(&mut self, t: &toml::Table) -> BreakPolicy {
        let d = BreakPolicy::default();
        let day = 24 * 60;
        let mut lunch_earliest = self.time(t, "breaks.lunch_earliest", d.lunch_earliest);
        let mut lunch_latest = self.time(t, "breaks.lunch_latest", d.lunch_latest);
        if lunch_latest <= lunch_earliest {
            self.issue(
                &["breaks", "lunch_latest"],
                IssueKind::LunchWindow {
                    earliest: lunch_earliest.to_string(),
                    latest: lunch_latest.to_string(),
                },
            );
            (lunch_earliest, lunch_latest) = (d.lunch_earliest, d.lunch_latest);
        }
        BreakPolicy {
            focus_minutes: self.uint(t, "breaks.focus_minutes", d.focus_minutes, 5, 480),
            break_minutes: self.uint(t, "breaks.break_minutes", d.break_minutes, 1, 120),
            long_break_minutes: self.uint(
                t,
                "breaks.long_break_minutes",
                d.long_break_minutes,
                1,
                240,
            ),
            long_break_every: self.uint(t, "breaks.long_break_every", d.long_break_every, 0, 20),
            micro_every_minutes: self.uint(
                t,
                "breaks.micro_every_minutes",
                d.micro_every_minutes,
                0,
                240,
            ),
            micro_seconds: self.uint(t, "breaks.micro_seconds", d.micro_seconds, 5, 300),
            lunch_earliest,
            lunch_latest,
            lunch_minutes: self.uint(t, "breaks.lunch_minutes", d.lunch_minutes, 5, 240),
            snooze_minutes: self.uint(t, "breaks.snooze_minutes", d.snooze_minutes, 1, 60),
            snooze_budget_minutes: self.uint(
                t,
                "breaks.snooze_budget_minutes",
                d.snooze_budget_minutes,
                0,
                day,
            ),
            escalate_after_minutes: self.uint(
                t,
                "breaks.escalate_after_minutes",
                d.escalate_after_minutes,
                1,
                120,
            ),
            back_grace_minutes: self.uint(
                t,
                "breaks.back_grace_minutes",
                d.back_grace_minutes,
                1,
                120,
            ),
        }
    }

    fn meetings(&mut self, t: &toml::Table) -> MeetingPolicy {
        let d = MeetingPolicy::default();
        let small = |r: &mut Self, key: &str, default: u16, min: u32, max: u32| {
            u16::try_from(r.uint(t, key, u32::from(default), min, max)).unwrap_or(default)
        };
        MeetingPolicy {
            max_back_to_back_minutes: small(
                self,
                "meetings.max_back_to_back_minutes",
                d.max_back_to_back_minutes,
                15,
                720,
            ),
            back_to_back_gap_minutes: small(
                self,
                "meetings.back_to_back_gap_minutes",
                d.back_to_back_gap_minutes,
                0,
                60,
            ),
            buffer_minutes: small(self, "meetings.buffer_minutes", d.buffer_minutes, 0, 60),
            heads_up_minutes: small(self, "meetings.heads_up_minutes", d.heads_up_minutes, 1, 60),
        }
    }

    fn uint(&mut self, t: &toml::Table, path: &str, default: u32, min: u32, max: u32) -> u32 {
        let name = path.rsplit('.').next().unwrap_or(path);
        let Some(v) = t.get(name) else { return default };
        match v
            .as_integer()
            .and_then(|i| u32::try_from(i).ok())
            .filter(|n| (min..=max).contains(n))
        {
            Some(n) => n,
            None => {
                let segs: Vec<&str> = path.split('.').collect();
                self.issue(
                    &segs,
                    IssueKind::OutOfRange {
                        key: path.into(),
                        value: render(v),
                        min,
                        max,
                        default,
                    },
                );
                default
            }
        }
    }

    fn flag(&mut self, t: &toml::Table, path: &str, default: bool) -> bool {
        self.key(
            t,
            path,
            default,
            "config.allowed.bool",
            &default.to_string(),
            Value::as_bool,
        )
    }

    fn time(&mut self, t: &toml::Table, path: &str, default: TimeOfDay) -> TimeOfDay {
        self.key(
            t,
            path,
            default,
            "config.allowed.time",
            &quoted(default),
            |v| v.as_str()?.parse().ok(),
        )
    }

    fn workday(&mut self, w: &toml::Table) -> Workday {
        let d = Workday::default();
        let time = |v: &Value| v.as_str()?.parse::<TimeOfDay>().ok();
        let mut start = self.key(
            w,
            "workday.start",
            d.start,
            "config.allowed.time",
            &quoted(d.start),
            time,
        );
        let mut end = self.key(
            w,
            "workday.end",
            d.end,
            "config.allowed.time",
            &quoted(d.end),
            time,
        );
        if end <= start {
            self.issue(
                &["workday", "end"],
                IssueKind::EndBeforeStart {
                    table: "[workday]".into(),
                    start: start.to_string(),
                    end: end.to_string(),
                },
            );
            (start, end) = (d.start, d.end);
        }
        let bad_day = w.get("days").and_then(Value::as_array).and_then(|items| {
            items
                .iter()
                .find(|i| i.as_str().and_then(weekday_from_name).is_none())
                .map(ToString::to_string)
        });
        let days = if let Some(value) = bad_day {
            self.issue(&["workday", "days"], IssueKind::BadDay { value });
            d.days.clone()
        } else {
            self.key(
                w,
                "workday.days",
                d.days.clone(),
                "config.allowed.days",
                "[\"mon\", …, \"fri\"]",
                |v| {
                    let mut days: Vec<Weekday> = Vec::new();
                    for item in v.as_array()? {
                        let day = weekday_from_name(item.as_str()?)?;
                        if !days.contains(&day) {
                            days.push(day);
                        }
                    }
                    days.sort_by_key(chrono::Weekday::num_days_from_monday);
                    Some(days)
                },
            )
        };
        let day_starts = self.key(
            w,
            "workday.day_starts",
            d.day_starts,
            "config.allowed.time",
            &quoted(d.day_starts),
            time,
        );
        let holidays = self.holidays(w);
        let mut wd = Workday {
            start,
            end,
            days,
            day_starts,
            overrides: std::collections::BTreeMap::new(),
            holidays,
        };
        // Day tables match in any case, as `days` entries do.
        for (name, v) in w {
            if weekday_from_name(name).is_some() {
                self.day_override(&mut wd, name, v);
            }
        }
        self.day_starts_before_work(&mut wd, w.contains_key("day_starts"));
        wd
    }

    /// `holidays`: sorted, repeats dropped. A bad entry costs only that
    /// entry (as a bad team meeting does), so one typo never loses Christmas;
    /// a value that is no list at all falls back to none.
    fn holidays(&mut self, w: &toml::Table) -> Vec<chrono::NaiveDate> {
        let Some(v) = w.get("holidays") else {
            return Vec::new();
        };
        let Some(items) = v.as_array() else {
            self.bad("workday.holidays", v, "config.allowed.holidays", "[]");
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            match holiday(item) {
                Some(d) => out.push(d),
                None => self.issue(
                    &["workday", "holidays"],
                    IssueKind::BadEntry {
                        key: format!("workday.holidays[{}]", i + 1),
                        value: render(item),
                        allowed: "config.allowed.holiday",
                    },
                ),
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The day must turn no later than the earliest start of any work day, or a
    /// Monday 08:00 under `day_starts = "09:00"` is filed under Sunday. Written so
    /// by hand, it is an issue; the default quietly moves back to an early start.
    fn day_starts_before_work(&mut self, wd: &mut Workday, written: bool) {
        let earliest = wd
            .days
            .iter()
            .filter_map(|d| wd.hours(*d))
            .map(|h| h.start)
            .min();
        let Some(earliest) = earliest.filter(|e| wd.day_starts > *e) else {
            return;
        };
        let fallback = Workday::default().day_starts.min(earliest);
        if written {
            self.issue(
                &["workday", "day_starts"],
                IssueKind::DayStartsAfterStart {
                    value: quoted(wd.day_starts),
                    start: earliest.to_string(),
                    fallback: quoted(fallback),
                },
            );
        }
        wd.day_starts = fallback;
    }

    fn day_override(&mut self, wd: &mut Workday, name: &str, v: &Value) {
        let key = format!("workday.{name}");
        let Some(t) = v.as_table() else {
            self.issue(&["workday", name], IssueKind::NotATable { key });
            return;
        };
        let Some(day) = weekday_from_name(name) else {
            return;
        };
        if !wd.days.contains(&day) {
            self.issue(
                &["workday", name],
                IssueKind::OverrideNotWorkday {
                    day: weekday_name(day).into(),
                },
            );
            return;
        }
        let time = |v: &Value| v.as_str()?.parse::<TimeOfDay>().map(Some).ok();
        let start = self.key(
            t,
            &format!("{key}.start"),
            None,
            "config.allowed.time",
            &quoted(wd.start),
            time,
        );
        let end = self.key(
            t,
            &format!("{key}.end"),
            None,
            "config.allowed.time",
            &quoted(wd.end),
            time,
        );
        let (s, e) = (start.unwrap_or(wd.start), end.unwrap_or(wd.end));
        if e <= s {
            self.issue(
                &["workday", name],
                IssueKind::OverrideEndBeforeStart {
                    day: weekday_name(day).into(),
                    start: s.to_string(),
                    end: e.to_string(),
                },
            );
            return;
        }
        wd.overrides
            .insert(weekday_index(day), HoursOverride { start, end });
    }

    /// Read `path`'s last segment from `table`; a value `parse` rejects is an issue
    /// and yields `default`.
    pub(super) fn key<T>(
        &mut self,
        table: &toml::Table,
        path: &str,
        default: T,
        allowed: &'static str,
        default_text: &str,
        parse: impl Fn(&Value) -> Option<T>,
    ) -> T {
        let name = path.rsplit('.').next().unwrap_or(path);
        match table.get(name) {
            None => default,
            Some(v) => parse(v).unwrap_or_else(|| {
                self.bad(path, v, allowed, default_text);
                default
            }),
        }
    }

    pub(super) fn bad(&mut self, path: &str, v: &Value, allowed: &'static str, default: &str) {
        let segs: Vec<&str> = path.split('.').collect();
        self.issue(
            &segs,
            IssueKind::BadValue {
                key: path.into(),
                value: render(v),
                allowed,
                default: default.into(),
            },
        );
    }

    pub(super) fn issue(&mut self, path: &[&str], kind: IssueKind) {
        let line = key_line(self.text, path);
        self.issues.push(ConfigIssue { line, kind });
    }

    fn unknown_keys(&mut self, root: &toml::Table) {
        let mut stack: Vec<(Vec<String>, &toml::Table)> = vec![(Vec::new(), root)];
        while let Some((prefix, table)) = stack.pop() {
            for (k, v) in table {
                let mut path = prefix.clone();
                path.push(k.clone());
                let dotted = path.join(".");
                let is_override =
                    path.len() == 2 && path[0] == "workday" && weekday_from_name(k).is_some();
                let in_override = path.len() == 3
                    && path[0] == "workday"
                    && weekday_from_name(&path[1]).is_some()
                    && (k == "start" || k == "end");
                if !(KNOWN.contains(&dotted.as_str()) || is_override || in_override) {
                    let segs: Vec<&str> = path.iter().map(String::as_str).collect();
                    let near = near_known(&segs);
                    self.issue(&segs, IssueKind::Unknown { key: dotted, near });
                } else if let Value::Table(t) = v {
                    stack.push((path, t));
                }
            }
        }
    }
}

/// The known key in the same table that the unknown `path` is likely a
/// slip for, as a dotted path.
fn near_known(path: &[&str]) -> Option<String> {
    let (last, table) = path.split_last()?;
    let mut names: Vec<&str> = KNOWN
        .iter()
        .filter_map(|k| {
            let segs: Vec<&str> = k.split('.').collect();
            let (name, of) = segs.split_last()?;
            (of == table).then_some(*name)
        })
        .collect();
    match table {
        ["workday"] => names.extend(crate::config::WEEKDAY_NAMES),
        ["workday", day] if crate::config::weekday_from_name(day).is_some() => {
            names.extend(["start", "end"]);
        }
        _ => {}
    }
    let name = nearest(last, names)?;
    Some(
        table
            .iter()
            .chain([&name])
            .copied()
            .collect::<Vec<_>>()
            .join("."),
    )
}

/// Of `known`, the one `typed` most likely meant: the nearest by edit
/// distance, case aside and a swap of two letters counting one, when it is
/// near enough to be a slip (one edit in a short word, up to three in a
/// long one) rather than another word.
pub(super) fn nearest<'a>(
    typed: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let typed = typed.to_lowercase();
    let allowed = (typed.chars().count() / 3).clamp(1, 3);
    known
        .into_iter()
        .map(|k| (strsim::damerau_levenshtein(&typed, &k.to_lowercase()), k))
        .filter(|(d, _)| *d <= allowed)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// One holiday: `"YYYY-MM-DD"` or a bare TOML date.
fn holiday(item: &Value) -> Option<chrono::NaiveDate> {
    match item {
        Value::String(s) => crate::core::time::parse_date(s.trim()),
        Value::Datetime(d) if d.time.is_none() && d.offset.is_none() => {
            crate::core::time::parse_date(&d.to_string())
        }
        _ => None,
    }
}

fn quoted(t: TimeOfDay) -> String {
    format!("\"{t}\"")
}

/// A value as the user wrote it (near enough): strings quoted, arrays inline.
pub(super) fn render(v: &Value) -> String {
    let s = v.to_string();
    if s.len() > 60 {
        format!("{}…", s.chars().take(57).collect::<String>())
    } else {
        s
    }
}

/// The 1-based line of byte `offset`.
#[must_use]
pub fn line_at(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The line where the key at `path` is written, found through toml's spans.
#[must_use]
pub fn key_line(text: &str, path: &[&str]) -> Option<usize> {
    let doc = toml::de::DeTable::parse(text).ok()?;
    let mut table = doc.get_ref();
    let mut line = None;
    for (i, seg) in path.iter().enumerate() {
        let (k, v) = table.iter().find(|(k, _)| k.get_ref().as_ref() == *seg)?;
        line = Some(line_at(text, k.span().start));
        if i + 1 < path.len() {
            match v.get_ref() {
                toml::de::DeValue::Table(t) => table = t,
                _ => return line,
            }
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_integer_beyond_64_bits_is_its_keys_problem_alone() {
        let (c, issues) = parse(
            "language = \"nl\"\n[breaks]\nfocus_minutes = 99999999999999999999\n\
             break_minutes = 7\n[shutdown]\nwarn_minutes = [1, -99_999_999_999_999_999_999]\n",
        );
        let said: Vec<String> = issues
            .iter()
            .map(|i| i.message(Path::new("config.toml")))
            .collect();
        assert_eq!(issues.len(), 2, "{said:?}");
        assert_eq!(issues[0].line, Some(3));
        assert!(
            said[0].contains("breaks.focus_minutes = 99999999999999999999"),
            "{said:?}"
        );
        assert!(
            said[1].contains("[1, -99_999_999_999_999_999_999]"),
            "{said:?}"
        );
        // The rest of the file is read.
        assert_eq!(c.breaks.break_minutes, 7);
        assert_eq!(c.language, crate::config::LanguagePref::Nl);
    }

    #[test]
    fn the_example_is_exactly_the_defaults() {
        let (config, issues) = parse(super::super::EXAMPLE);
        assert_eq!(issues, vec![]);
        assert_eq!(config, Config::default());
    }

    #[test]
    fn overrides_apply_to_their_day_only() {
        let (c, issues) = parse("[workday]\nend = \"17:00\"\n[workday.fri]\nend = \"16:00\"\n");
        assert_eq!(issues, vec![]);
        assert_eq!(
            c.workday.hours(Weekday::Fri).unwrap().end.to_string(),
            "16:00"
        );
        assert_eq!(
            c.workday.hours(Weekday::Thu).unwrap().end.to_string(),
            "17:00"
        );
        assert_eq!(c.workday.hours(Weekday::Sat), None);
    }

    #[test]
    fn an_early_start_moves_the_unwritten_day_start_back_quietly() {
        let (c, issues) = parse("[workday]\nstart = \"03:00\"\n");
        assert_eq!(issues, vec![]);
        assert_eq!(c.workday.day_starts.to_string(), "03:00");
        let (c, issues) = parse("[workday]\nstart = \"03:00\"\nday_starts = \"03:30\"\n");
        assert_eq!(c.workday.day_starts.to_string(), "03:00");
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].line, Some(3));
        // A start on a day off does not count.
        let text = "[workday]\ndays = [\"mon\"]\nday_starts = \"05:00\"\n[workday.mon]\nstart = \"06:00\"\n";
        assert_eq!(parse(text).1, vec![]);
    }

    #[test]
    fn holidays_are_dates_and_a_bad_one_is_named() {
        let (c, issues) =
            parse("[workday]\nholidays = [\"2026-12-25\", 2027-01-01, \"2026-12-25\"]\n");
        assert_eq!(issues, vec![]);
        let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
        assert_eq!(c.workday.holidays, vec![d("2026-12-25"), d("2027-01-01")]);
        // One bad date costs only that date: Christmas stays a holiday.
        let (c, issues) = parse(
            "[workday]\n\nholidays = [\"2026-12-25\", 2027-01-01, \"2026-02-30\", \"25-12\"]\n",
        );
        assert_eq!(c.workday.holidays, vec![d("2026-12-25"), d("2027-01-01")]);
        assert_eq!(issues.len(), 2, "{issues:?}");
        assert_eq!(issues[0].line, Some(3));
        let msg = issues[0].message(Path::new("config.toml"));
        assert!(msg.contains("workday.holidays[3]"), "{msg}");
        assert!(msg.contains("2026-02-30"), "{msg}");
        assert!(msg.contains("YYYY-MM-DD"), "{msg}");
        assert!(!msg.contains("default"), "{msg}");
        assert!(
            issues[1]
                .message(Path::new("c"))
                .contains("workday.holidays[4]")
        );
        // Not a list at all: none, and said so.
        let (c, issues) = parse("[workday]\nholidays = \"2026-12-25\"\n");
        assert_eq!(c.workday.holidays, vec![]);
        assert_eq!(issues.len(), 1);
    }

    #[test]
    fn a_bad_value_costs_only_that_key() {
        let (c, issues) =
            parse("language = \"fr\"\n[workday]\nstart = \"08:00\"\nend = \"25:00\"\n");
        assert_eq!(c.workday.start.to_string(), "08:00");
        assert_eq!(c.workday.end.to_string(), "17:30");
        assert_eq!(c.language, LanguagePref::Auto);
        let lines: Vec<_> = issues.iter().map(|i| i.line).collect();
        assert_eq!(lines, vec![Some(1), Some(4)]);
    }
}

#[cfg(test)]
mod nudge_tests {
    use super::*;

    #[test]
    fn living_alone_lowers_the_unwritten_contact_threshold() {
        let (c, issues) = parse("[me]\nlives_alone = true\n");
        assert_eq!(issues, vec![]);
        assert_eq!(c.nudges.days_without_contact, 2);
        assert!(c.me.lives_alone);
        // Written, it is the user's.
        let (c, _) = parse("[me]\nlives_alone = true\n[nudges]\ndays_without_contact = 4\n");
        assert_eq!(c.nudges.days_without_contact, 4);
        assert_eq!(parse("").0.nudges.days_without_contact, 3);
    }

    #[test]
    fn a_bad_threshold_names_key_value_and_range() {
        let (c, issues) = parse(
            "[nudges]\nlunch_skipped_days = 9\nmeeting_hours_week = 0\nsick_day_work = \"no\"\n[me]\nhybrid = 1\n",
        );
        assert_eq!(c.nudges.lunch_skipped_days, 2);
        assert_eq!(c.nudges.meeting_hours_week, 0, "0 turns a rule off");
        assert!(c.nudges.sick_day_work);
        assert!(!c.me.hybrid);
        let kinds: Vec<_> = issues.iter().map(|i| (i.line, i.kind.clone())).collect();
        assert_eq!(
            kinds[0],
            (
                Some(2),
                IssueKind::OutOfRange {
                    key: "nudges.lunch_skipped_days".into(),
                    value: "9".into(),
                    min: 0,
                    max: 7,
                    default: 2
                }
            )
        );
        assert!(
            matches!(&kinds[1].1, IssueKind::BadValue { key, .. } if key == "nudges.sick_day_work")
        );
        assert!(matches!(&kinds[2].1, IssueKind::BadValue { key, .. } if key == "me.hybrid"));
        assert_eq!(issues.len(), 3);
        let (_, issues) = parse("[nudges]\nlunch_skiped_days = 1\n");
        assert_eq!(
            issues[0].kind,
            IssueKind::Unknown {
                key: "nudges.lunch_skiped_days".into(),
                near: Some("nudges.lunch_skipped_days".into())
            }
        );
    }

    #[test]
    fn an_unknown_key_is_matched_to_a_known_one_only_when_it_is_a_slip() {
        let near = |path: &[&str]| near_known(path);
        assert_eq!(
            near(&["workday", "strat"]).as_deref(),
            Some("workday.start")
        );
        assert_eq!(near(&["workday", "mondya"]).as_deref(), None);
        assert_eq!(near(&["workday", "frii"]).as_deref(), Some("workday.fri"));
        assert_eq!(
            near(&["workday", "fri", "ned"]).as_deref(),
            Some("workday.fri.end")
        );
        assert_eq!(near(&["Language"]).as_deref(), Some("language"));
        assert_eq!(
            near(&["breaks", "Lunch_Minuts"]).as_deref(),
            Some("breaks.lunch_minutes")
        );
        // Another word, not a slip: no guess.
        assert_eq!(near(&["colour"]), None);
        assert_eq!(near(&["breaks", "focus"]), None);
        // Only keys of the same table are offered.
        assert_eq!(near(&["breaks", "warn_minutes"]), None);
    }
}
