//! `kot break add` (issue 7, item 9): a break kot did not see (a walk with the
//! phone left behind), told afterwards. It counts like one taken, sits in
//! time order among the day's breaks, and restarts focus from its end when
//! nothing came after it.
#![allow(clippy::disallowed_methods)] // tests write fixtures plainly
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod common;

use common::{TODAY, TempKot};

/// Checked in at 08:55: focus from 09:00, the first break due at 09:50.
const CHECKED_IN: &str = r#"schema = 1
date = "2026-11-23"
place = "home"

[checkin]
at = "2026-11-23T08:55:00+01:00"
feeling = 4
"#;

fn at(now: &str) -> TempKot {
    let kot = TempKot::at(&format!("{TODAY}T{now}"));
    kot.ok(&["status"]);
    kot.write_day(TODAY, CHECKED_IN);
    kot
}

fn breaks(kot: &TempKot, date: &str) -> Vec<toml::Table> {
    kot.day_toml(date)
        .get("breaks")
        .and_then(toml::Value::as_array)
        .map(|a| a.iter().filter_map(|b| b.as_table().cloned()).collect())
        .unwrap_or_default()
}

fn field<'a>(t: &'a toml::Table, key: &str) -> &'a str {
    t.get(key).and_then(toml::Value::as_str).unwrap_or_default()
}

fn focus_since(kot: &TempKot) -> String {
    kot.day_toml(TODAY)
        .get("coach")
        .and_then(|c| c.get("focus_since"))
        .and_then(toml::Value::as_str)
        .map(str::to_string)
        .unwrap_or_default()
}

#[test]
fn a_lunch_told_afterwards_counts_and_restarts_focus_from_its_end() {
    let kot = at("13:00:00");
    let out = kot.ok(&["break", "add", "12:00-12:40", "--lunch"]);
    assert_eq!(
        out.trim_end(),
        "Break recorded: lunch break, 12:00–12:40 (40 min)"
    );
    let b = breaks(&kot, TODAY);
    assert_eq!(b.len(), 1, "{b:#?}");
    assert_eq!(field(&b[0], "kind"), "lunch");
    assert_eq!(field(&b[0], "outcome"), "taken");
    assert_eq!(field(&b[0], "counted"), "lunch");
    assert_eq!(field(&b[0], "start"), "2026-11-23T12:00:00+01:00");
    assert_eq!(field(&b[0], "end"), "2026-11-23T12:40:00+01:00");
    assert_eq!(focus_since(&kot), "2026-11-23T12:40:00+01:00");
    // Focus from 12:40: the next break is due at 13:30, and lunch is had.
    let status = kot.ok(&["status", "--format", "{state}|{next}"]);
    assert_eq!(status.trim_end(), "focus|13:30");
}

#[test]
fn an_earlier_break_told_later_goes_in_order_and_leaves_focus_alone() {
    let kot = at("11:00:00");
    kot.ok(&["break", "add", "10:20-10:35"]);
    kot.ok(&["break", "add", "09:30-09:40"]);
    let b = breaks(&kot, TODAY);
    let starts: Vec<String> = b.iter().map(|b| field(b, "start").to_string()).collect();
    assert_eq!(
        starts,
        ["2026-11-23T09:30:00+01:00", "2026-11-23T10:20:00+01:00"]
    );
    assert!(b.iter().all(|b| field(b, "counted") == "you"), "{b:#?}");
    assert_eq!(field(&b[0], "kind"), "short");
    assert_eq!(focus_since(&kot), "2026-11-23T10:35:00+01:00");
}

#[test]
fn a_break_that_has_not_ended_or_overlaps_is_refused() {
    let kot = at("11:00:00");
    let err = kot.fail_one_line(&["break", "add", "10:50-11:10"]);
    assert_eq!(
        err,
        "kot: a break is added once it is over: it ends at 11:10, which is still to come"
    );
    kot.ok(&["break", "add", "10:00-10:15"]);
    let err = kot.fail_one_line(&["break", "add", "10:10-10:30"]);
    assert_eq!(
        err,
        "kot: that overlaps the break already recorded from 10:00 to 10:15"
    );
    let err = kot.fail_one_line(&["break", "add", "10:30-10:00"]);
    assert!(err.contains("is not a time span"), "{err}");
    assert_eq!(breaks(&kot, TODAY).len(), 1);
}

#[test]
fn a_break_on_an_earlier_day_goes_in_that_days_file() {
    let kot = at("11:00:00");
    kot.ok(&["break", "add", "15:00-15:20", "--date", "2026-11-20"]);
    let b = breaks(&kot, "2026-11-20");
    assert_eq!(b.len(), 1, "{b:#?}");
    assert_eq!(field(&b[0], "end"), "2026-11-20T15:20:00+01:00");
    assert!(breaks(&kot, TODAY).is_empty());
}

#[test]
fn dutch_help_and_message() {
    let kot = at("13:00:00");
    let out = kot
        .command()
        .env("LANG", "nl_BE.UTF-8")
        .args(["break", "add", "12:00-12:40", "--lunch"])
        .output()
        .expect("run kot");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim_end(),
        "Pauze genoteerd: lunchpauze, 12:00–12:40 (40 min)"
    );
    let help = kot.ok(&["break", "--help"]);
    assert!(help.contains("add"), "{help}");
}

/// An early or short lunch told afterwards follows the lunch guard's rule,
/// as one ended in kot would: kept as a lunch, not counted as one.
#[test]
fn an_early_lunch_told_afterwards_is_kept_but_not_counted() {
    let kot = at("10:00:00");
    kot.ok(&["break", "add", "09:10-09:20", "--lunch"]);
    let b = breaks(&kot, TODAY);
    assert_eq!(b.len(), 1, "{b:#?}");
    assert_eq!(field(&b[0], "kind"), "lunch");
    assert_eq!(field(&b[0], "counted"), "you");
}
