//! Each rule on a generated history that should fire it and on one that
//! should not, with thresholds from the config; the choice of one a day.

use chrono::{Datelike, Days, NaiveDate, Utc, Weekday};

use super::*;
use crate::core::breaks::{BreakKind, Outcome};
use crate::core::day::{Day, Place};
use crate::core::journal::{Contact, Entry, How};
use crate::core::plan::{BlockId, BlockKind, TimeBlock};
use crate::core::review::testing::{Weekdays, brk, work_day};
use crate::core::review::{DayFacts, week_start};

/// Monday 30 November 2026.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
}

/// A good work day at home: feeling 4, lunch, shutdown on time, scores 4 and
/// a call with someone.
fn good(d: NaiveDate) -> (Day, Entry) {
    let mut day = work_day(d, Some("17:30"));
    day.breaks
        .push(brk(d, BreakKind::Lunch, Outcome::Taken, "12:15", "12:50"));
    let mut e = Entry::new(d);
    e.mood = Some(4);
    e.autonomy = Some(4);
    e.competence = Some(4);
    e.relatedness = Some(4);
    e.contacts.push(Contact {
        who: "Lena".into(),
        how: How::Call,
        extra: toml::Table::new(),
    });
    (day, e)
}

/// `weeks` weeks up to today: good work days on weekdays, free weekends,
/// each changed by `change` (today's facts are partial: no shutdown yet).
fn history(weeks: u64, change: impl Fn(NaiveDate, &mut Day, &mut Entry)) -> Vec<DayFacts> {
    let first = today() - Days::new(weeks * 7);
    first
        .iter_days()
        .take_while(|d| *d <= today())
        .map(|d| {
            let weekend = matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
            let (mut day, mut entry) = if weekend {
                (Day::new(d), Entry::new(d))
            } else {
                good(d)
            };
            if d == today() {
                day.shutdown = Default::default();
                entry = Entry::new(d);
            }
            change(d, &mut day, &mut entry);
            DayFacts::of(&Utc, d, Some(&day), Some(&entry), &Weekdays, false, today())
        })
        .collect()
}

fn fired(days: &[DayFacts], policy: &NudgePolicy, me: Me) -> Vec<Rule> {
    evaluate(days, today(), policy, me)
        .iter()
        .map(|n| n.rule)
        .collect()
}

fn fires(days: &[DayFacts], rule: Rule) -> bool {
    fires_with(days, rule, &NudgePolicy::default(), Me::default())
}

fn fires_with(days: &[DayFacts], rule: Rule, policy: &NudgePolicy, me: Me) -> bool {
    fired(days, policy, me).contains(&rule)
}

fn weekday(d: NaiveDate) -> bool {
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The `n` work days before today.
fn last_work_days(d: NaiveDate, n: usize) -> bool {
    let mut back = today().pred_opt().unwrap();
    let mut seen = 0;
    while seen < n {
        if weekday(back) {
            if back == d {
                return true;
            }
            seen += 1;
        }
        back = back.pred_opt().unwrap();
    }
    false
}

#[test]
fn a_good_history_fires_nothing() {
    let days = history(6, |_, _, _| {});
    let hybrid = Me {
        hybrid: true,
        lives_alone: true,
    };
    assert_eq!(fired(&days, &NudgePolicy::default(), Me::default()), vec![]);
    // Hybrid with an office day each week: nothing either.
    let days = history(6, |d, day, _| {
        if d.weekday() == Weekday::Wed {
            day.place = Some(Place::Office);
        }
    });
    assert_eq!(fired(&days, &NudgePolicy::default(), hybrid), vec![]);
}

#[test]
fn lunch_skipped_on_two_days_of_the_last_seven() {
    let skip = |n: usize| {
        history(2, move |d, day, _| {
            if last_work_days(d, n) {
                day.breaks.clear();
            }
        })
    };
    assert!(fires(&skip(2), Rule::LunchSkipped));
    assert!(!fires(&skip(1), Rule::LunchSkipped));
    let three = NudgePolicy {
        lunch_skipped_days: 3,
        ..NudgePolicy::default()
    };
    assert!(!fires_with(
        &skip(2),
        Rule::LunchSkipped,
        &three,
        Me::default()
    ));
    let off = NudgePolicy {
        lunch_skipped_days: 0,
        ..NudgePolicy::default()
    };
    assert!(!fires_with(
        &skip(5),
        Rule::LunchSkipped,
        &off,
        Me::default()
    ));
    // Lunches taken late (kot offers one after the window too) are lunches.
    let late = history(2, |d, day, _| {
        if last_work_days(d, 2) {
            let mut b = brk(d, BreakKind::Lunch, Outcome::Taken, "13:41", "14:11");
            b.counted = crate::core::breaks::Counted::You;
            day.breaks = vec![b];
        }
    });
    assert!(!fires(&late, Rule::LunchSkipped));
    let n = evaluate(&skip(2), today(), &NudgePolicy::default(), Me::default());
    let lunch = n.iter().find(|n| n.rule == Rule::LunchSkipped).unwrap();
    assert_eq!(lunch.key, "nudge.lunch");
    assert_eq!(lunch.args, vec![("n", "2".to_string())]);
}

#[test]
fn overtime_above_the_weekly_hours() {
    let over = |minutes: u32| {
        history(2, move |d, day, _| {
            if last_work_days(d, 3) {
                day.shutdown.overtime_minutes = Some(minutes);
            }
        })
    };
    assert!(fires(&over(120), Rule::Overtime), "6h > 5h");
    assert!(
        !fires(&over(100), Rule::Overtime),
        "exactly 5h is not above"
    );
    let eight = NudgePolicy {
        overtime_hours_week: 8,
        ..NudgePolicy::default()
    };
    assert!(!fires_with(
        &over(120),
        Rule::Overtime,
        &eight,
        Me::default()
    ));
}

#[test]
fn shutdowns_missed() {
    let missed = |n: usize| {
        history(2, move |d, day, _| {
            if last_work_days(d, n) {
                day.shutdown.at = None;
                day.shutdown.missed = true;
            }
        })
    };
    assert!(fires(&missed(2), Rule::ShutdownsMissed));
    assert!(!fires(&missed(1), Rule::ShutdownsMissed));
}

#[test]
fn days_without_a_real_conversation_paused_by_quiet_days() {
    let alone = |n: usize, sick_between: bool| {
        history(2, move |d, day, e| {
            if last_work_days(d, n) {
                e.contacts.clear();
                e.no_contact = true;
            }
            // Thursday sick, in the middle of the streak: it pauses it.
            if sick_between && d == today() - Days::new(4) {
                day.place = Some(Place::Sick);
                e.contacts.clear();
            }
        })
    };
    // Wed, Thu, Fri (the weekend pauses it): 3 work days running.
    assert!(fires(&alone(3, false), Rule::NoContact));
    // Thursday sick: Wed and Fri only; with Tue too the run is 3 again.
    assert!(!fires(&alone(3, true), Rule::NoContact));
    assert!(fires(&alone(4, true), Rule::NoContact));
    assert!(!fires(&alone(2, false), Rule::NoContact));
    let lives_alone = NudgePolicy {
        days_without_contact: CONTACT_DAYS_ALONE,
        ..NudgePolicy::default()
    };
    assert!(fires_with(
        &alone(2, false),
        Rule::NoContact,
        &lives_alone,
        Me::default()
    ));
}

#[test]
fn needs_falling_three_weeks_running_or_low_for_two() {
    // Relatedness 5, 4, 3, 2 over the last four weeks (this week: Monday's).
    let falling = history(4, |d, _, e| {
        let weeks_back = (week_start(today()) - week_start(d)).num_weeks();
        if e.relatedness.is_some() || d == today() {
            e.relatedness = Some(u8::try_from(2 + weeks_back.min(3)).unwrap());
        }
    });
    let n = evaluate(&falling, today(), &NudgePolicy::default(), Me::default());
    let needs = n.iter().find(|n| n.rule == Rule::Needs).expect("falling");
    assert_eq!(needs.key, "nudge.relatedness_falling");
    // Steady at 4: quiet; at 2 for two weeks: low.
    assert!(!fires(&history(4, |_, _, _| {}), Rule::Needs));
    let low = history(3, |d, _, e| {
        if e.autonomy.is_some() && today() - d <= chrono::TimeDelta::days(14) {
            e.autonomy = Some(2);
        }
    });
    let n = evaluate(&low, today(), &NudgePolicy::default(), Me::default());
    let needs = n.iter().find(|n| n.rule == Rule::Needs).expect("low");
    assert_eq!(needs.key, "nudge.autonomy_low");
    let off = NudgePolicy {
        needs_low_weeks: 0,
        needs_falling_weeks: 0,
        ..NudgePolicy::default()
    };
    assert!(!fires_with(&low, Rule::Needs, &off, Me::default()));
}

#[test]
fn meeting_hours_above_the_weekly_limit() {
    let meet = |minutes: u16| {
        history(2, move |d, day, _| {
            if last_work_days(d, 4) {
                let start = crate::core::time::TimeOfDay::hm(9, 0);
                let end = crate::core::time::TimeOfDay::from_minutes(9 * 60 + minutes).unwrap();
                day.blocks.push(TimeBlock {
                    id: BlockId(1),
                    span: format!("{start}-{end}").parse().unwrap(),
                    title: "calls".into(),
                    kind: BlockKind::Meeting,
                    video: true,
                    extra: toml::Table::new(),
                });
            }
        })
    };
    assert!(fires(&meet(240), Rule::Meetings), "16h > 15h");
    assert!(!fires(&meet(225), Rule::Meetings), "15h is not above");
}

#[test]
fn work_on_a_sick_day_and_on_days_off() {
    let sick = history(2, |d, day, _| {
        if d == today() - Days::new(3) {
            day.place = Some(Place::Sick);
        }
    });
    assert!(
        fires(&sick, Rule::SickDayWork),
        "breaks and a shutdown on a sick day"
    );
    let resting = history(2, |d, day, _| {
        if d == today() - Days::new(3) {
            *day = Day::new(d);
            day.place = Some(Place::Sick);
        }
    });
    assert!(!fires(&resting, Rule::SickDayWork));
    let no = NudgePolicy {
        sick_day_work: false,
        ..NudgePolicy::default()
    };
    assert!(!fires_with(&sick, Rule::SickDayWork, &no, Me::default()));

    let saturday = history(2, |d, day, _| {
        if d == today() - Days::new(2) {
            *day = good(d).0;
        }
    });
    assert!(fires(&saturday, Rule::DayOffWork));
    assert!(!fires(&history(2, |_, _, _| {}), Rule::DayOffWork));
}

#[test]
fn no_office_day_in_three_weeks_when_hybrid() {
    let hybrid = Me {
        hybrid: true,
        lives_alone: false,
    };
    let home = history(4, |_, _, _| {});
    assert!(fires_with(
        &home,
        Rule::Office,
        &NudgePolicy::default(),
        hybrid
    ));
    assert!(!fires(&home, Rule::Office), "not hybrid");
    let office = history(4, |d, day, _| {
        if d == today() - Days::new(15) {
            day.place = Some(Place::Office);
        }
    });
    assert!(!fires_with(
        &office,
        Rule::Office,
        &NudgePolicy::default(),
        hybrid
    ));
    // A new user (no days before last week) is not told.
    let new = history(1, |_, _, _| {});
    assert!(!fires_with(
        &new,
        Rule::Office,
        &NudgePolicy::default(),
        hybrid
    ));
}

#[test]
fn a_low_feeling_at_three_check_ins_running() {
    let low = |n: usize, today_too: bool| {
        history(2, move |d, day, _| {
            if last_work_days(d, n) || (today_too && d == today()) {
                day.checkin.as_mut().unwrap().feeling = Some(2);
            }
        })
    };
    assert!(fires(&low(2, true), Rule::LowFeeling), "Thu, Fri and today");
    assert!(
        !fires(&low(2, false), Rule::LowFeeling),
        "today 4 ends the run"
    );
    let two = NudgePolicy {
        low_feeling_checkins: 4,
        ..NudgePolicy::default()
    };
    assert!(!fires_with(
        &low(2, true),
        Rule::LowFeeling,
        &two,
        Me::default()
    ));
}

#[test]
fn a_quiet_day_gives_no_nudge() {
    let days = history(2, |d, day, _| {
        if last_work_days(d, 5) {
            day.breaks.clear();
        }
        if d == today() {
            day.place = Some(Place::Off);
        }
    });
    assert_eq!(fired(&days, &NudgePolicy::default(), Me::default()), vec![]);
    let off = NudgePolicy {
        enabled: false,
        ..NudgePolicy::default()
    };
    let days = history(2, |d, day, _| {
        if last_work_days(d, 5) {
            day.breaks.clear();
        }
    });
    assert_eq!(fired(&days, &off, Me::default()), vec![]);
}

#[test]
fn one_a_day_by_priority_dismissed_until_a_later_week_snoozed_for_one() {
    // Lunch skipped and overtime: overtime comes first.
    let days = history(2, |d, day, _| {
        if last_work_days(d, 3) {
            day.breaks.clear();
            day.shutdown.overtime_minutes = Some(150);
        }
    });
    let all = evaluate(&days, today(), &NudgePolicy::default(), Me::default());
    let mut log = NudgeLog::default();
    assert_eq!(choose(&all, &log, today()).unwrap().rule, Rule::Overtime);
    assert!(log.mark_shown(Rule::Overtime, today()));
    assert!(!log.mark_shown(Rule::Overtime, today()));
    assert_eq!(choose(&all, &log, today()).unwrap().rule, Rule::Overtime);
    // Dismissed: nothing else today.
    log.answer(Rule::Overtime, Answer::Dismiss, today());
    assert_eq!(choose(&all, &log, today()), None);
    // Tomorrow the next rule; overtime stays away this week.
    let tue = today() + Days::new(1);
    assert_eq!(choose(&all, &log, tue).unwrap().rule, Rule::LunchSkipped);
    let next_mon = today() + Days::new(7);
    assert_eq!(choose(&all, &log, next_mon).unwrap().rule, Rule::Overtime);
    // Snoozed: a week.
    let mut log = NudgeLog::default();
    log.answer(Rule::Overtime, Answer::Snooze, today());
    assert_eq!(choose(&all, &log, today()), None);
    assert_eq!(choose(&all, &log, tue).unwrap().rule, Rule::LunchSkipped);
    assert_eq!(
        choose(&all, &log, today() + Days::new(6)).unwrap().rule,
        Rule::LunchSkipped
    );
    assert_eq!(
        choose(&all, &log, today() + Days::new(7)).unwrap().rule,
        Rule::Overtime
    );
}

#[test]
fn the_log_keeps_unknown_keys_and_rules() {
    let text = "schema = 1\nfuture = \"x\"\n[overtime]\nshown = \"2026-11-30\"\nnote = 1\n[newer_rule]\nshown = \"2026-11-01\"\n";
    let mut log: NudgeLog = toml::from_str(text).unwrap();
    assert_eq!(log.rule(Rule::Overtime).shown, Some(today()));
    log.answer(Rule::Overtime, Answer::Snooze, today());
    let back = toml::to_string(&log).unwrap();
    for kept in [
        "future = \"x\"",
        "note = 1",
        "[newer_rule]",
        "snoozed_until = \"2026-12-07\"",
    ] {
        assert!(back.contains(kept), "{kept} in\n{back}");
    }
}
