//! `kot agreements [--format text|markdown]`: the working hours and what was
//! agreed with the team (`[agreements]`), ready to share. kot sends it to
//! nobody: the user decides where it goes.

use std::fmt::Write as _;

use chrono::Weekday;

use super::out;
use crate::config::{Config, weekday_index};
use crate::context::Context;
use crate::core::agreements::TeamMeeting;
use crate::core::markdown::escape_inline;
use crate::error::CmdResult;
use crate::t;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AgreementsFormat {
    Text,
    #[value(alias = "md")]
    Markdown,
}

/// # Errors
/// None of its own (output is handled by `out`).
pub fn run(ctx: &Context, format: AgreementsFormat) -> CmdResult {
    out::text(&match format {
        AgreementsFormat::Text => text(&ctx.config),
        AgreementsFormat::Markdown => markdown(&ctx.config),
    });
    Ok(())
}

/// (label, value) rows: the hours first, then each agreement given.
fn rows(config: &Config) -> Vec<(String, String)> {
    let a = &config.agreements;
    let mut rows = vec![(t!("agreements.hours"), hours(config))];
    for (key, value) in [
        ("agreements.reachable", &a.reachable),
        ("agreements.response_time", &a.response_time),
        ("agreements.report", &a.report),
    ] {
        if let Some(v) = value {
            rows.push((t!(key), v.clone()));
        }
    }
    rows
}

#[must_use]
pub fn text(config: &Config) -> String {
    let mut s = format!("{}\n", t!("agreements.title"));
    let rows = rows(config);
    let width = rows
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0);
    for (label, value) in rows {
        let pad = width - label.chars().count();
        let _ = writeln!(s, "  {label}:{} {value}", " ".repeat(pad));
    }
    let meetings = &config.agreements.meetings;
    if !meetings.is_empty() {
        let _ = writeln!(s, "{}", t!("agreements.meetings"));
        for m in meetings {
            let _ = writeln!(s, "  {}", meeting(m));
        }
    }
    if config.agreements.is_empty() {
        let _ = writeln!(s, "{}", t!("agreements.none"));
    }
    s
}

#[must_use]
pub fn markdown(config: &Config) -> String {
    let mut s = format!("## {}\n\n", escape_inline(&t!("agreements.title")));
    for (label, value) in rows(config) {
        let _ = writeln!(
            s,
            "- **{}:** {}",
            escape_inline(&label),
            escape_inline(&value)
        );
    }
    let meetings = &config.agreements.meetings;
    if !meetings.is_empty() {
        let _ = write!(s, "\n### {}\n\n", escape_inline(&t!("agreements.meetings")));
        for m in meetings {
            let _ = writeln!(s, "- {}", escape_inline(&meeting(m)));
        }
    }
    s
}

/// `Mon, Thu 09:30-09:45 · Team (video)`.
fn meeting(m: &TeamMeeting) -> String {
    let video = if m.video {
        format!(" ({})", t!("block.video"))
    } else {
        String::new()
    };
    format!("{} {} · {}{video}", days(&m.days), m.span, m.with)
}

/// `Mon-Thu 09:00-17:30, Fri 09:00-16:00`: runs of days in a row with the
/// same hours.
fn hours(config: &Config) -> String {
    let w = &config.workday;
    runs(&w.days, |d| w.usual_hours(d))
        .iter()
        .map(|(ds, h)| format!("{} {}-{}", span(ds), h.start, h.end))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A team meeting's days as the hours are grouped: `Mon-Fri`, `Tue, Thu`.
fn days(ds: &[Weekday]) -> String {
    runs(ds, |_| ())
        .iter()
        .map(|(ds, ())| span(ds))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Runs of days in a row (in the order given) that share `key`.
fn runs<K: PartialEq>(days: &[Weekday], key: impl Fn(Weekday) -> K) -> Vec<(Vec<Weekday>, K)> {
    let mut groups: Vec<(Vec<Weekday>, K)> = Vec::new();
    for d in days {
        let k = key(*d);
        match groups.last_mut() {
            Some((ds, gk))
                if *gk == k
                    && ds
                        .last()
                        .is_some_and(|l| weekday_index(*l) + 1 == weekday_index(*d)) =>
            {
                ds.push(*d);
            }
            _ => groups.push((vec![*d], k)),
        }
    }
    groups
}

/// `Mon`, or `Mon-Thu` for a run.
fn span(ds: &[Weekday]) -> String {
    match ds {
        [one] => day(*one),
        [first, .., last] => format!("{}-{}", day(*first), day(*last)),
        [] => String::new(),
    }
}

fn day(d: Weekday) -> String {
    t!(&format!("weekday.short.{}", weekday_index(d)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meeting_days_are_grouped_as_the_hours_are() {
        use Weekday::{Fri, Mon, Sat, Thu, Tue, Wed};
        assert_eq!(days(&[Mon, Tue, Wed, Thu, Fri]), "Mon-Fri");
        assert_eq!(days(&[Tue, Thu]), "Tue, Thu");
        assert_eq!(days(&[Mon, Tue, Wed, Fri, Sat]), "Mon-Wed, Fri-Sat");
        assert_eq!(days(&[Mon]), "Mon");
    }
}
