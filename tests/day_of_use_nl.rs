//! The TUI in Dutch (issue 8, points 1 and 12): yes is `j` (`y` still works),
//! the hint says so, and a block is an "overleg". A binary of its own: the
//! language is set for the whole process.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

use chrono::{Local, NaiveDate, TimeZone};
use kot::config::Config;
use kot::core::day::{Day, DayOp};
use kot::store::DayLoad;
use kot::tui::app::{App, Cmd, Msg};
use kot::tui::keymap::{Action, Layer, lookup};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

mod tui_screen;

fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

#[test]
fn dutch_yes_is_j_and_y_still_works() {
    kot::i18n::set_language(kot::i18n::Lang::Nl);
    let date = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let now = Local
        .from_local_datetime(&date.and_hms_opt(10, 0, 0).unwrap())
        .unwrap()
        .to_utc();
    let mut day = Day::new(date);
    day.apply(DayOp::AddTask {
        title: "Factuur sturen".into(),
        top: false,
        estimate: None,
    })
    .unwrap();
    day.apply(DayOp::FinishCheckin {
        at: now.fixed_offset(),
        feeling: None,
    })
    .unwrap();

    let j =
        kot::tui::keymap::Key::from_event(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE));
    let y =
        kot::tui::keymap::Key::from_event(KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE));
    assert_eq!(lookup(Layer::Confirm, j), Some(Action::Confirm));
    assert_eq!(lookup(Layer::Confirm, y), Some(Action::Confirm));

    for yes in ['j', 'y'] {
        let mut app = App::new(Config::default(), date, DayLoad::Ok(day.clone()), None);
        let _ = app.update(key('d'), now);
        let t = tui_screen::draw(&app, now, 80, 24, false);
        let screen = format!("{:?}", t.backend());
        assert!(screen.contains("j ja · n nee"), "{screen}");
        assert!(screen.contains("j ja"), "the footer: {screen}");
        let cmds = app.update(key(yes), now);
        assert!(
            cmds.iter().any(|c| matches!(
                c,
                Cmd::Apply {
                    op: DayOp::DeleteTask { .. },
                    ..
                }
            )),
            "{yes}: {cmds:?}"
        );
    }
}

#[test]
fn dutch_durations_say_u_for_uur() {
    kot::i18n::set_language(kot::i18n::Lang::Nl);
    let date = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let now = Local
        .from_local_datetime(&date.and_hms_opt(10, 0, 0).unwrap())
        .unwrap()
        .to_utc();
    let mut day = Day::new(date);
    day.apply(DayOp::AddTask {
        title: "Kwartaalrapport".into(),
        top: false,
        estimate: Some("1u30".parse().unwrap()),
    })
    .unwrap();
    day.apply(DayOp::FinishCheckin {
        at: now.fixed_offset(),
        feeling: None,
    })
    .unwrap();
    let app = App::new(Config::default(), date, DayLoad::Ok(day), None);
    let t = tui_screen::draw(&app, now, 100, 30, false);
    let screen = format!("{:?}", t.backend());
    // The estimate, the plan's fit and the workday left, in Dutch units.
    assert!(screen.contains("Kwartaalrapport  1u30"), "{screen}");
    assert!(screen.contains("1u30 gepland · "), "{screen}");
    assert!(
        screen.contains("nog 7 uur 30 min"),
        "the workday left: {screen}"
    );
    assert!(!screen.contains("1h30"), "{screen}");
}
