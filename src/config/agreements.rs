//! `[agreements]` read key by key: three texts and the team meetings. A bad
//! meeting costs only that meeting; every problem names the key (with the
//! meeting's number), the value and what is allowed.

use chrono::Weekday;
use toml::Value;

use super::load::{IssueKind, Reader, render};
use super::{Workday, weekday_from_name};
use crate::core::agreements::{Agreements, TeamMeeting};
use crate::core::text::clean_title;
use crate::core::time::{Span, TimeOfDay};

/// The longest agreement text and the longest `with`.
const MAX_TEXT: usize = 120;
const MAX_WITH: usize = 60;
/// Minutes a team meeting may last, and its length when not given.
const MAX_MINUTES: u32 = 480;
const DEFAULT_MINUTES: u32 = 30;
/// At most this many team meetings.
pub const MAX_MEETINGS: usize = 20;

const MEETING_KEYS: [&str; 4] = ["with", "at", "minutes", "video"];

impl Reader<'_> {
    pub(super) fn agreements(&mut self, t: &toml::Table, workday: &Workday) -> Agreements {
        let text = |v: &Value| -> Option<Option<String>> {
            let s = clean_title(v.as_str()?);
            (!s.is_empty() && s.chars().count() <= MAX_TEXT).then_some(Some(s))
        };
        let field = |r: &mut Self, key: &str| {
            r.key(
                t,
                &format!("agreements.{key}"),
                None,
                "config.allowed.agreement_text",
                "(none)",
                text,
            )
        };
        let reachable = field(self, "reachable");
        let response_time = field(self, "response_time");
        let report = field(self, "report");
        let meetings = match t.get("meetings") {
            None => Vec::new(),
            Some(Value::Array(items)) if items.len() <= MAX_MEETINGS => items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| self.team_meeting(i + 1, item, workday))
                .collect(),
            Some(v) => {
                self.bad("agreements.meetings", v, "config.allowed.meetings", "[]");
                Vec::new()
            }
        };
        Agreements {
            reachable,
            response_time,
            report,
            meetings,
        }
    }

    /// Meeting number `n` (1-based), or `None` when it is left out.
    fn team_meeting(&mut self, n: usize, item: &Value, workday: &Workday) -> Option<TeamMeeting> {
        let key = |k: &str| format!("agreements.meetings[{n}].{k}");
        let Some(t) = item.as_table() else {
            self.bad_meeting(
                &format!("agreements.meetings[{n}]"),
                item,
                "config.allowed.meeting",
            );
            return None;
        };
        for k in t.keys().filter(|k| !MEETING_KEYS.contains(&k.as_str())) {
            self.issue(
                &["agreements", "meetings"],
                IssueKind::Unknown {
                    key: key(k),
                    near: super::load::nearest(k, MEETING_KEYS.iter().copied()).map(key),
                },
            );
        }
        let with = t.get("with").and_then(Value::as_str).map(clean_title);
        let Some(with) = with.filter(|w| !w.is_empty() && w.chars().count() <= MAX_WITH) else {
            let v = t
                .get("with")
                .cloned()
                .unwrap_or(Value::String(String::new()));
            self.bad_meeting(&key("with"), &v, "config.allowed.meeting_with");
            return None;
        };
        let at = t
            .get("at")
            .and_then(Value::as_str)
            .and_then(|s| parse_at(s, workday));
        let Some((days, start)) = at else {
            let v = t.get("at").cloned().unwrap_or(Value::String(String::new()));
            self.bad_meeting(&key("at"), &v, "config.allowed.meeting_at");
            return None;
        };
        // Accepted (the work days may change), but said: it would never show.
        let off: Vec<Weekday> = days
            .iter()
            .copied()
            .filter(|d| !workday.days.contains(d))
            .collect();
        if !off.is_empty() {
            let v = t.get("at").cloned().unwrap_or(Value::String(String::new()));
            self.issue(
                &["agreements", "meetings"],
                IssueKind::MeetingOffDay {
                    key: key("at"),
                    value: render(&v),
                    days: off,
                },
            );
        }
        let minutes = match t.get("minutes") {
            None => DEFAULT_MINUTES,
            Some(v) => match v
                .as_integer()
                .and_then(|i| u32::try_from(i).ok())
                .filter(|m| (1..=MAX_MINUTES).contains(m))
            {
                Some(m) => m,
                None => {
                    self.issue(
                        &["agreements", "meetings"],
                        IssueKind::OutOfRange {
                            key: key("minutes"),
                            value: render(v),
                            min: 1,
                            max: MAX_MINUTES,
                            default: DEFAULT_MINUTES,
                        },
                    );
                    DEFAULT_MINUTES
                }
            },
        };
        let end = u16::try_from(minutes)
            .ok()
            .and_then(|m| TimeOfDay::from_minutes(start.minutes().checked_add(m)?));
        let Some(span) = end.and_then(|e| Span::new(start, e)) else {
            let v = Value::Integer(i64::from(minutes));
            self.bad_meeting(&key("minutes"), &v, "config.allowed.meeting_midnight");
            return None;
        };
        let video = match t.get("video") {
            None => false,
            Some(Value::Boolean(b)) => *b,
            Some(v) => {
                self.bad(&key("video"), v, "config.allowed.bool", "false");
                false
            }
        };
        Some(TeamMeeting {
            with,
            days,
            span,
            video,
        })
    }

    fn bad_meeting(&mut self, key: &str, v: &Value, allowed: &'static str) {
        self.issue(
            &["agreements", "meetings"],
            IssueKind::BadMeeting {
                key: key.into(),
                value: render(v),
                allowed,
            },
        );
    }
}

/// `mon 09:30`, `mon,thu 09:30`, `daily 09:30` (every day of `workday.days`).
#[must_use]
pub fn parse_at(text: &str, workday: &Workday) -> Option<(Vec<Weekday>, TimeOfDay)> {
    let (days, time) = text.trim().rsplit_once(char::is_whitespace)?;
    let time: TimeOfDay = time.parse().ok()?;
    let days = days.trim();
    let mut out: Vec<Weekday> = if days.eq_ignore_ascii_case("daily") {
        workday.days.clone()
    } else {
        days.split(',')
            .map(weekday_from_name)
            .collect::<Option<Vec<_>>>()?
    };
    out.sort_by_key(Weekday::num_days_from_monday);
    out.dedup();
    (!out.is_empty()).then_some((out, time))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::super::load::parse;
    use super::*;

    #[test]
    fn agreements_are_read_with_their_meetings() {
        let (c, issues) = parse(
            "[agreements]\nreachable = \"09:00-17:00\"\nresponse_time = \"4h\"\n\
             report = \"weekly update on Friday\"\n\
             meetings = [{ with = \"team\", at = \"mon 09:30\", minutes = 15, video = true },\n\
             { with = \"Lena\", at = \"Tue, thu 14:00\" }, { with = \"all\", at = \"daily 09:00\", minutes = 10 }]\n",
        );
        assert_eq!(issues, vec![]);
        let a = &c.agreements;
        assert_eq!(a.reachable.as_deref(), Some("09:00-17:00"));
        assert_eq!(a.response_time.as_deref(), Some("4h"));
        assert_eq!(a.report.as_deref(), Some("weekly update on Friday"));
        assert_eq!(a.meetings.len(), 3);
        assert_eq!(a.meetings[0].days, [Weekday::Mon]);
        assert_eq!(a.meetings[0].span.to_string(), "09:30-09:45");
        assert!(a.meetings[0].video);
        assert_eq!(a.meetings[1].days, [Weekday::Tue, Weekday::Thu]);
        assert_eq!(a.meetings[1].span.to_string(), "14:00-14:30");
        assert_eq!(a.meetings[2].days.len(), 5);
    }

    #[test]
    fn a_bad_meeting_costs_only_itself_and_is_named() {
        let (c, issues) = parse(
            "[agreements]\nmeetings = [{ with = \"team\", at = \"monday 09:30\" },\n\
             { with = \"Lena\", at = \"tue 10:00\", minutes = 600 },\n\
             { with = \"late\", at = \"fri 23:50\", minutes = 30 },\n\
             { with = \"ok\", at = \"wed 11:00\", where = \"room 1\" }]\n",
        );
        let msgs: Vec<String> = issues
            .iter()
            .map(|i| i.message(Path::new("config.toml")))
            .collect();
        assert_eq!(msgs.len(), 4, "{msgs:#?}");
        let all = msgs.join("\n");
        assert!(
            all.contains("agreements.meetings[1].at = \"monday 09:30\""),
            "{all}"
        );
        assert!(all.contains("\"mon 09:30\""), "{all}");
        assert!(
            all.contains("agreements.meetings[2].minutes = 600"),
            "{all}"
        );
        assert!(all.contains("from 1 to 480"), "{all}");
        assert!(all.contains("agreements.meetings[3].minutes = 30"), "{all}");
        assert!(all.contains("agreements.meetings[4].where"), "{all}");
        assert!(issues.iter().all(|i| i.line == Some(2)));
        let with: Vec<&str> = c
            .agreements
            .meetings
            .iter()
            .map(|m| m.with.as_str())
            .collect();
        assert_eq!(with, ["Lena", "ok"]);
        let (_, issues) = parse("[agreements]\nreport = \"\"\nmeetings = \"mon\"\n");
        assert_eq!(issues.len(), 2);
    }
}
