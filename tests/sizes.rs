//! Today, the break card and the check-in at the documented minimum (44×12),
//! a small window (60×20) and a large one (120×35), compared with reviewed
//! snapshots; and at every size from the minimum up, what must always show:
//! the countdown of a break, the top 3 and the coach's status line. Long texts
//! end in `…`, never mid-word.
#![allow(clippy::disallowed_methods)] // tests write fixtures plainly and read real time
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

use chrono::{DateTime, Local, NaiveDate, TimeZone, Utc};
use kot::config::Config;
use kot::core::breaks::{BreakKind, CoachOp};
use kot::core::day::{Day, DayOp, Place};
use kot::core::plan::{BlockKind, TaskId};
use kot::store::DayLoad;
use kot::tui::app::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

mod tui_screen;
use tui_screen::text;

const SIZES: [(u16, u16); 3] = [(44, 12), (60, 20), (120, 35)];

fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn at(h: u32, m: u32, s: u32) -> DateTime<Utc> {
    Local
        .from_local_datetime(&date().and_hms_opt(h, m, s).unwrap())
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
            title: "Write the quarterly report for the board meeting on Thursday".into(),
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
            top: true,
            estimate: "15m".parse().ok(),
        },
        DayOp::AddTask {
            title: "Water the plants".into(),
            top: false,
            estimate: None,
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
        at: at(8, 55, 0).fixed_offset(),
        feeling: Some(4),
    })
    .unwrap();
    d
}

/// The planned day with a short break started at 11:00 (10 minutes).
fn on_break() -> Day {
    let mut d = planned_day();
    d.apply(DayOp::Coach(CoachOp::StartBreak {
        at: kot::core::stamp::local(at(11, 0, 0), &Local),
        kind: BreakKind::Short,
        minutes: 10,
        due: None,
    }))
    .unwrap();
    d
}

fn screen(app: &App, now: DateTime<Utc>, w: u16, h: u16) -> Terminal<TestBackend> {
    tui_screen::draw(app, now, w, h, false)
}

fn app(day: Day) -> App {
    App::new(Config::default(), date(), DayLoad::Ok(day), None)
}

#[test]
fn today_at_three_sizes() {
    let app = app(planned_day());
    for (w, h) in SIZES {
        insta::assert_snapshot!(
            format!("today_{w}x{h}"),
            screen(&app, at(10, 20, 0), w, h).backend()
        );
    }
}

#[test]
fn the_break_card_at_three_sizes() {
    let app = app(on_break());
    for (w, h) in SIZES {
        insta::assert_snapshot!(
            format!("break_{w}x{h}"),
            screen(&app, at(11, 3, 25), w, h).backend()
        );
    }
}

#[test]
fn the_checkin_at_three_sizes() {
    let app = App::new(Config::default(), date(), DayLoad::Missing, None);
    for (w, h) in SIZES {
        insta::assert_snapshot!(
            format!("checkin_{w}x{h}"),
            screen(&app, at(8, 55, 0), w, h).backend()
        );
    }
}

/// From the minimum up: a break's countdown, the top 3's first task and the
/// coach's line always show.
#[test]
fn the_essentials_show_at_every_size() {
    let working = app(planned_day());
    let resting = app(on_break());
    for w in (44..=130).step_by(3) {
        for h in 12..=40 {
            let s = text(&screen(&resting, at(11, 3, 25), w, h));
            assert!(s.contains("6 min 35 s left"), "{w}x{h}: no countdown\n{s}");
            assert!(s.contains("● break"), "{w}x{h}: no status line\n{s}");
            let s = text(&screen(&working, at(10, 20, 0), w, h));
            assert!(s.contains(" 1. Write"), "{w}x{h}: no top 3\n{s}");
            assert!(s.contains("● meeting"), "{w}x{h}: no status line\n{s}");
        }
    }
}

/// Monday's check-in shows the week's one thing: on a short terminal on one
/// line ending in `…` after a whole word, in Dutch too; on a large one whole.
#[test]
fn the_weeks_one_thing_in_the_checkin_is_never_cut_mid_line() {
    let mut app = App::new(Config::default(), date(), DayLoad::Missing, None);
    app.one_thing = Some("Lunch away from the desk, every day, with a walk after it".into());
    let small = text(&screen(&app, at(8, 55, 0), 44, 12));
    let line = small
        .lines()
        .find(|l| l.contains("This week's one thing"))
        .unwrap_or_else(|| panic!("no one thing in\n{small}"));
    let inside = line.trim_matches('│').trim_end();
    let kept = inside
        .strip_suffix('…')
        .unwrap_or_else(|| panic!("{line:?}\n{small}"));
    // What is kept ends after a whole word of the sentence.
    let full = "This week's one thing: Lunch away from the desk, every day, with a walk after it";
    assert!(full.starts_with(kept), "{kept:?}");
    assert!(full[kept.len()..].starts_with([' ', ',']), "{kept:?}");
    let large = text(&screen(&app, at(8, 55, 0), 120, 35));
    assert!(large.contains("with a walk after it"), "{large}");
}

/// A plan that does not fit: the figures always show whole under the tasks;
/// the advice only where there is room for all of it.
#[test]
fn the_plan_fit_keeps_its_figures_at_every_width() {
    let mut day = planned_day();
    day.apply(DayOp::AddTask {
        title: "Migrate the build server".into(),
        top: false,
        estimate: "9h".parse().ok(),
    })
    .unwrap();
    let app = app(day);
    for w in (44..=130).step_by(2) {
        let s = text(&screen(&app, at(10, 20, 0), w, 30));
        let line = s
            .lines()
            .find(|l| l.contains(" free"))
            .unwrap_or_else(|| panic!("{w}: no plan line\n{s}"));
        assert!(line.contains("planned · "), "{w}: figures cut: {line}");
        if line.contains("more than fits") {
            assert!(line.contains("maybe move one "), "{w}: advice cut: {line}");
        }
    }
    let wide = text(&screen(&app, at(10, 20, 0), 130, 30));
    assert!(wide.contains("more than fits, maybe move one"), "{wide}");
}
