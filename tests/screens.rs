//! The views drawn on ratatui's TestBackend at a fixed local time, and compared
//! with reviewed snapshots in tests/snapshots/. Times are local wall-clock times,
//! so the machine's time zone does not change what is drawn.
#![allow(clippy::disallowed_methods)] // tests write fixtures plainly and read real time
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

use chrono::{Local, NaiveDate, TimeZone};
use kot::config::Config;
use kot::core::day::{Day, DayOp, Place};
use kot::core::plan::{BlockKind, TaskId};
use kot::store::DayLoad;
use kot::tui::app::{App, Msg};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

mod tui_screen;

fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn at(h: u32, m: u32) -> chrono::DateTime<chrono::Utc> {
    Local
        .from_local_datetime(&date().and_hms_opt(h, m, 0).unwrap())
        .unwrap()
        .to_utc()
}

fn planned_day() -> Day {
    let mut d = Day::new(date());
    let ops = [
        DayOp::SetPlace {
            place: Some(Place::Home),
            extra_work: false,
        },
        DayOp::AddTask {
            title: "Write the quarterly report".into(),
            top: true,
            estimate: "1h30".parse().ok(),
        },
        DayOp::AddTask {
            title: "Review Jan's pull request".into(),
            top: true,
            estimate: None,
        },
        DayOp::AddTask {
            title: "Book train tickets".into(),
            top: false,
            estimate: "15m".parse().ok(),
        },
        DayOp::SetDone {
            id: TaskId(3),
            done: true,
        },
        DayOp::AddBlock {
            span: "10:00-10:30".parse().unwrap(),
            title: "Standup".into(),
            kind: BlockKind::Meeting,
            video: true,
        },
        DayOp::AddBlock {
            span: "10:15-11:00".parse().unwrap(),
            title: "1:1 with Els".into(),
            kind: BlockKind::Meeting,
            video: true,
        },
        DayOp::AddBlock {
            span: "13:00-15:00".parse().unwrap(),
            title: "Deep work".into(),
            kind: BlockKind::Focus,
            video: false,
        },
    ];
    for op in ops {
        d.apply(op).unwrap();
    }
    d.apply(DayOp::FinishCheckin {
        at: at(8, 55).fixed_offset(),
        feeling: Some(4),
    })
    .unwrap();
    d
}

fn draw(app: &App, now: chrono::DateTime<chrono::Utc>, w: u16, h: u16) -> Terminal<TestBackend> {
    tui_screen::draw(app, now, w, h, false)
}

fn key(app: &mut App, c: char) {
    let ev = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    let _ = app.update(Msg::Key(ev), at(10, 20));
}

#[test]
fn today_with_a_plan() {
    let app = App::new(Config::default(), date(), DayLoad::Ok(planned_day()), None);
    insta::assert_snapshot!(draw(&app, at(10, 20), 100, 24).backend());
}

#[test]
fn today_narrow_stacks_the_timeline() {
    let app = App::new(Config::default(), date(), DayLoad::Ok(planned_day()), None);
    insta::assert_snapshot!(draw(&app, at(10, 20), 60, 24).backend());
}

#[test]
fn morning_checkin_first_step() {
    let app = App::new(Config::default(), date(), DayLoad::Missing, None);
    insta::assert_snapshot!(draw(&app, at(8, 55), 80, 24).backend());
}

#[test]
fn checkin_offers_the_previous_days_open_tasks() {
    let mut friday = Day::new(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap());
    for t in ["Send invoice", "Fix flaky test"] {
        friday
            .apply(DayOp::AddTask {
                title: t.into(),
                top: false,
                estimate: None,
            })
            .unwrap();
    }
    friday
        .apply(DayOp::AddTask {
            title: "Done already".into(),
            top: false,
            estimate: None,
        })
        .unwrap();
    friday
        .apply(DayOp::SetDone {
            id: TaskId(3),
            done: true,
        })
        .unwrap();
    let mut app = App::new(Config::default(), date(), DayLoad::Missing, Some(friday));
    key(&mut app, 'h');
    key(&mut app, '4');
    insta::assert_snapshot!(draw(&app, at(8, 56), 80, 24).backend());
}

#[test]
fn help_lists_the_keys() {
    let mut app = App::new(Config::default(), date(), DayLoad::Ok(planned_day()), None);
    key(&mut app, '?');
    insta::assert_snapshot!(draw(&app, at(10, 20), 80, 28).backend());
}

#[test]
fn too_small_says_so() {
    let app = App::new(Config::default(), date(), DayLoad::Ok(planned_day()), None);
    insta::assert_snapshot!(draw(&app, at(10, 20), 20, 6).backend());
}

#[test]
fn after_hours_and_sick_days() {
    let app = App::new(Config::default(), date(), DayLoad::Ok(planned_day()), None);
    let t = draw(&app, at(18, 5), 100, 24);
    let screen = format!("{:?}", t.backend());
    assert!(
        screen.contains("Workday 09:00–17:30 is over · 35 min past the end"),
        "{screen}"
    );

    let mut sick = planned_day();
    sick.apply(DayOp::SetPlace {
        place: Some(Place::Sick),
        extra_work: false,
    })
    .unwrap();
    let app = App::new(Config::default(), date(), DayLoad::Ok(sick), None);
    let screen = format!("{:?}", draw(&app, at(10, 0), 100, 24).backend());
    assert!(
        screen.contains("Sick day: rest, the work can wait"),
        "{screen}"
    );
}

#[test]
fn top_three_limit_is_shown_in_the_banner() {
    let mut d = planned_day();
    d.apply(DayOp::AddTask {
        title: "Third".into(),
        top: true,
        estimate: None,
    })
    .unwrap();
    let mut app = App::new(Config::default(), date(), DayLoad::Ok(d.clone()), None);
    // The selection starts on task 1; move to task 3 (not top) and try to top it.
    key(&mut app, 'j');
    key(&mut app, 'j');
    let cmds = app.update(
        Msg::Key(KeyEvent::new(KeyCode::Char('t'), KeyModifiers::NONE)),
        at(10, 20),
    );
    // The app asks the store; apply it as the loop would.
    for cmd in cmds {
        if let kot::tui::app::Cmd::Apply { date, op, origin } = cmd {
            let mut day = d.clone();
            let result = day
                .apply(op)
                .map(|a| (day.clone(), a))
                .map_err(kot::store::StoreError::Refused);
            app.applied(date, origin, result);
        }
    }
    let screen = format!("{:?}", draw(&app, at(10, 20), 100, 24).backend());
    assert!(screen.contains("the top 3 is full"), "{screen}");
}

#[test]
fn the_timeline_marks_a_long_run_of_calls_and_ignored_breaks() {
    let mut d = planned_day();
    for (span, title) in [
        ("14:00-15:00", "Planning"),
        ("15:00-15:45", "Client"),
        ("15:45-16:15", "Review"),
    ] {
        d.apply(DayOp::AddBlock {
            span: span.parse().unwrap(),
            title: title.into(),
            kind: BlockKind::Meeting,
            video: true,
        })
        .unwrap();
    }
    let text = format!(
        "{}\n[[breaks]]\nkind = \"short\"\noutcome = \"ignored\"\ndue = \"2026-11-23T11:20:00+01:00\"\n\
         start = \"2026-11-23T11:20:00+01:00\"\nend = \"2026-11-23T12:10:00+01:00\"\n",
        toml::to_string(&d).unwrap()
    );
    let d: Day = toml::from_str(&text).unwrap();
    let app = App::new(Config::default(), date(), DayLoad::Ok(d), None);
    let screen = format!("{:?}", draw(&app, at(10, 20), 120, 30).backend());
    assert!(
        screen.contains("14:00-16:15: 135 min of calls, no pause"),
        "{screen}"
    );
    assert!(
        screen.contains("11:20       ✗ short break ignored"),
        "{screen}"
    );
}

#[test]
fn lunch_is_offered_on_the_break_card_only_near_lunch_time() {
    // The first break falls due at 09:50: too early for lunch, no `l` on the card.
    let app = App::new(Config::default(), date(), DayLoad::Ok(planned_day()), None);
    let mut app = app;
    let _ = app.update(Msg::Tick, at(9, 51));
    let screen = format!("{:?}", draw(&app, at(9, 51), 100, 24).backend());
    assert!(screen.contains("s start"), "{screen}");
    assert!(!screen.contains("l lunch"), "{screen}");
    // `l` then says from when it is offered.
    let _ = app.update(
        Msg::Key(KeyEvent::new(KeyCode::Char('l'), KeyModifiers::NONE)),
        at(9, 51),
    );
    let screen = format!("{:?}", draw(&app, at(9, 51), 100, 24).backend());
    assert!(screen.contains("lunch is offered from 11:00"), "{screen}");
    // At 11:05 the break due (pushed past the 1:1) offers lunch.
    let _ = app.update(Msg::Tick, at(11, 5));
    let screen = format!("{:?}", draw(&app, at(11, 5), 100, 24).backend());
    assert!(screen.contains("l lunch"), "{screen}");
}
