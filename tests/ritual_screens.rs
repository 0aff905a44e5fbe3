//! The end-of-day ritual, the countdown and the evening view drawn on
//! ratatui's TestBackend and compared with reviewed snapshots, their keys
//! driven through `App::update` with every command served from a real store
//! in a temp directory, as the event loop serves them (writes through
//! `Pending`). Monday 23 November 2026, the workday 09:00–17:30.
#![allow(clippy::disallowed_methods)] // tests write fixtures plainly and read real time
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod ritual_kot;
mod tui_screen;

use kot::core::day::Place;
use kot::store::DayLoad;
use kot::store::journal::EntryLoad;
use kot::tui::app::{App, Cmd, Msg};
use kot::tui::keymap::Layer;
use kot::tui::pending::Pending;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ritual_kot::{Kot, at, config, date};

#[test]
fn the_last_hour_counts_down_on_today() {
    let mut quiet = config();
    // No break due at this late hour (none ran all day in this fixture).
    quiet.breaks.focus_minutes = 600;
    let kot = Kot::new(quiet, at(23, 17, 5));
    insta::assert_snapshot!(kot.draw(100, 20).backend());
    let screen = format!("{:?}", kot.draw(100, 20).backend());
    assert!(
        screen.contains("End of the workday in 25 min (17:30): wrap up · Q shut down"),
        "the wrap-up counts down and offers the key: {screen}"
    );
}

/// The whole ritual with the keyboard: tasks decided, tomorrow's top 3
/// picked (a new one typed), a step back, the journal answered in the
/// embedded evening form, your own steps, then written and the evening view.
#[test]
fn the_ritual_is_walked_step_by_step_and_recorded() {
    let mut kot = Kot::new(config(), at(23, 17, 35));
    kot.key('Q');
    assert_eq!(kot.app.layer(), Layer::RitualToday);
    insta::assert_snapshot!("today_step", kot.draw(100, 26).backend());
    // Jan's mail is carried (the default), the backlog dropped.
    kot.key('j');
    kot.key('r');
    kot.press(KeyCode::Enter);
    assert_eq!(kot.app.layer(), Layer::RitualTomorrow);
    // Tuesday's list: Plan Q1 (top), then today's carried mail.
    kot.key('j');
    kot.key('t');
    kot.key('a');
    assert_eq!(kot.app.layer(), Layer::TextInput);
    kot.keys("Budget één");
    kot.press(KeyCode::Enter);
    kot.key('f');
    insta::assert_snapshot!("tomorrow_step", kot.draw(100, 26).backend());
    kot.press(KeyCode::Enter);
    assert_eq!(kot.app.layer(), Layer::RitualJournal);
    kot.key('4');
    // A step back keeps what was answered and picked.
    kot.press(KeyCode::Backspace);
    assert_eq!(kot.app.layer(), Layer::RitualTomorrow);
    kot.press(KeyCode::Enter);
    kot.key('3');
    kot.key('w');
    assert_eq!(kot.app.layer(), Layer::EveningWin);
    kot.keys("Shipped the report");
    kot.press(KeyCode::Enter);
    insta::assert_snapshot!("journal_step", kot.draw(100, 30).backend());
    // Here Esc goes a step back, and the form's own hint says so.
    let screen = format!("{:?}", kot.draw(100, 30).backend());
    assert!(screen.contains("Esc back"), "{screen}");
    assert!(!screen.contains("Esc done"), "{screen}");
    kot.press(KeyCode::Enter);
    assert_eq!(kot.app.layer(), Layer::RitualStep);
    insta::assert_snapshot!("own_step", kot.draw(100, 26).backend());
    kot.press(KeyCode::Enter);
    kot.key('s');
    assert_eq!(kot.app.layer(), Layer::RitualDone);
    insta::assert_snapshot!("complete", kot.draw(100, 26).backend());

    let today = kot.day(23);
    assert!(today.shutdown.at.is_some());
    assert_eq!(today.shutdown.steps, ["Close work apps"]);
    assert_eq!(today.shutdown.next_day, Some(date(24)));
    let tuesday = kot.day(24);
    let tasks: Vec<(&str, bool)> = tuesday
        .active_tasks()
        .map(|t| (t.title.as_str(), t.top))
        .collect();
    assert_eq!(
        tasks,
        [
            ("Budget één", true),
            ("Plan Q1", true),
            ("Answer Jan's mail", true)
        ],
        "the first task goes first"
    );
    let EntryLoad::Ok(entry) = kot.store.load_entry(date(23)) else {
        panic!("no journal entry")
    };
    assert_eq!((entry.mood, entry.energy), (Some(4), Some(3)));
    assert_eq!(entry.wins, ["Shipped the report"]);
    assert_eq!(
        kot.ran,
        [Ok(kot::coach_runtime::shutdown::Ran::Nothing)],
        "on_complete is off by default"
    );

    kot.press(KeyCode::Enter);
    assert!(kot.app.ritual.is_none());
    assert_eq!(kot.app.layer(), Layer::OffWork);
    insta::assert_snapshot!("off_work", kot.draw(100, 24).backend());
}

/// The shutdown is when the ritual was opened, as `kot shutdown` counts it:
/// opened a minute after the end and walked for a quarter of an hour, it is
/// on time, and the work stops at the opening.
#[test]
fn the_shutdown_is_when_the_ritual_opened() {
    let mut kot = Kot::new(config(), at(23, 17, 31));
    kot.key('Q');
    assert_eq!(kot.app.layer(), Layer::RitualToday);
    kot.now = at(23, 17, 46);
    for _ in 0..8 {
        if kot.app.layer() == Layer::RitualDone {
            break;
        }
        kot.press(KeyCode::Enter);
    }
    assert_eq!(kot.app.layer(), Layer::RitualDone);
    let today = kot.day(23);
    assert_eq!(
        today.shutdown.at.map(|s| s.to_utc()),
        Some(at(23, 17, 31)),
        "{:?}",
        today.shutdown
    );
    let screen = format!("{:?}", kot.draw(100, 26).backend());
    assert!(screen.contains("at 17:31 (on time)"), "{screen}");
}

/// After the shutdown: break keys do not start work; `w` asks, and a yes
/// is recorded as `[[evening]]`, said kindly; `Q` stops it again.
#[test]
fn working_again_asks_first_and_is_recorded_as_evening() {
    let mut kot = Kot::new(config(), at(23, 17, 35));
    kot.key('Q');
    for _ in 0..5 {
        kot.press(KeyCode::Enter);
    }
    kot.press(KeyCode::Enter);
    assert_eq!(kot.app.layer(), Layer::OffWork);
    kot.now = at(23, 20, 10);
    kot.key('s');
    assert_eq!(kot.app.layer(), Layer::Confirm);
    kot.key('n');
    assert!(kot.day(23).evening.is_empty(), "no is no");
    kot.key('w');
    kot.key('y');
    let evening = kot.day(23).evening;
    assert_eq!(evening.len(), 1);
    assert_eq!(evening[0].start.to_utc(), at(23, 20, 10));
    let banner = kot.app.banner.clone().unwrap().text;
    assert!(banner.contains("Back to work since 20:10"), "{banner}");
    assert_eq!(kot.app.layer(), Layer::Today);
    kot.now = at(23, 21, 0);
    kot.key('Q');
    let day = kot.day(23);
    assert_eq!(day.evening[0].end.map(|t| t.to_utc()), Some(at(23, 21, 0)));
    assert_eq!(kot.app.layer(), Layer::OffWork);
}

/// A sick day's ritual is one step; a day off has none.
#[test]
fn a_sick_day_rests_and_a_day_off_has_no_ritual() {
    let mut kot = Kot::new(config(), at(23, 17, 35));
    kot.app.day.place = Some(Place::Sick);
    kot.key('Q');
    assert_eq!(kot.app.layer(), Layer::RitualStep);
    assert_eq!(kot.app.ritual.as_ref().unwrap().ritual.steps().len(), 1);
    kot.press(KeyCode::Esc);
    assert!(kot.app.ritual.is_none(), "Esc on the first step leaves");
    assert!(kot.day(23).shutdown.at.is_none(), "nothing recorded");
    kot.app.day.place = Some(Place::Off);
    kot.key('Q');
    assert!(kot.app.ritual.is_none());
    assert!(
        kot.app.banner.clone().unwrap().text.contains("No workday"),
        "{:?}",
        kot.app.banner
    );
}

/// The next morning: the ritual's top 3 is there, already chosen; and a
/// work day that ended with no shutdown is said and recorded.
#[test]
fn the_next_morning_shows_the_picked_top_three_or_the_missed_shutdown() {
    let mut kot = Kot::new(config(), at(23, 17, 35));
    kot.key('Q');
    for _ in 0..5 {
        kot.press(KeyCode::Enter);
    }
    let monday = kot.day(23);
    let tuesday = kot.day(24);
    let mut app = App::new(
        config(),
        date(24),
        DayLoad::Ok(tuesday.clone()),
        Some(monday.clone()),
    );
    assert!(app.missed.is_none());
    let now = at(24, 8, 50);
    // Monday's open tasks went along in the ritual: nothing to carry.
    for _ in 0..2 {
        app.update(
            Msg::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
            now,
        );
    }
    assert_eq!(app.layer(), Layer::CheckinTop);
    let t = tui_screen::draw(&app, now, 80, 20, false);
    let screen = format!("{:?}", t.backend());
    assert!(
        screen.contains("picked at yesterday's shutdown (1/3)"),
        "{screen}"
    );
    // The same shutdown on a Friday, read on Monday: Friday's, not
    // yesterday's; two weeks back, the date.
    for (on, says) in [
        (20, "shutdown on Friday (1/3)"),
        (9, "shutdown on Mon 9 Nov (1/3)"),
    ] {
        let mut before = monday.clone();
        before.date = date(on);
        before.shutdown.next_day = Some(date(24));
        let mut app = App::new(
            config(),
            date(24),
            DayLoad::Ok(tuesday.clone()),
            Some(before),
        );
        for _ in 0..2 {
            app.update(
                Msg::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
                now,
            );
        }
        assert_eq!(app.layer(), Layer::CheckinTop);
        let screen = format!("{:?}", tui_screen::draw(&app, now, 80, 20, false).backend());
        assert!(screen.contains(says), "{screen}");
        assert!(!screen.contains("yesterday"), "{screen}");
    }

    // Monday again, this time left without a shutdown.
    let kot2 = Kot::new(config(), at(24, 8, 50));
    let mut app = App::new(config(), date(24), DayLoad::Missing, Some(kot2.day(23)));
    assert_eq!(app.missed.as_ref().map(|d| d.date), Some(date(23)));
    let t = tui_screen::draw(&app, now, 80, 24, false);
    let screen = format!("{:?}", t.backend());
    assert!(
        screen.contains("Monday ended without a shutdown"),
        "{screen}"
    );
    // A missed day more than 6 days back is named with its date.
    let mut old = kot2.day(23);
    old.date = date(14);
    let far = App::new(config(), date(24), DayLoad::Missing, Some(old));
    assert_eq!(far.missed.as_ref().map(|d| d.date), Some(date(14)));
    let screen = format!("{:?}", tui_screen::draw(&far, now, 80, 24, false).backend());
    assert!(
        screen.contains("Saturday 14 November ended without a shutdown"),
        "{screen}"
    );
    let mut pending = Pending::default();
    let mut cmds = Vec::new();
    // When it stopped (Esc keeps kot's guess), place, feeling, carry, top 3.
    for _ in 0..5 {
        cmds.extend(app.update(
            Msg::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
            now,
        ));
    }
    assert!(
        cmds.iter().any(|c| matches!(c, Cmd::MarkMissed { .. })),
        "{cmds:?}"
    );
    for cmd in cmds {
        if matches!(cmd, Cmd::MarkMissed { .. } | Cmd::Apply { .. }) {
            pending.push(&kot2.store, &mut app, cmd);
        }
    }
    assert!(kot2.day(23).shutdown.missed);
    assert!(app.missed.is_none());
}

/// The TUI's coach line uses the same coach as `kot status`, the end of
/// the day included: with `max_work_minutes` the day ends eight hours after
/// the 08:55 check-in (16:55), so at 17:10 Today says the work is over
/// rather than counting focus on towards 17:30; after the shutdown it says
/// off work.
#[test]
fn the_coach_line_knows_the_end_of_the_day_like_kot_status() {
    let mut cfg = config();
    cfg.shutdown.policy.max_work_minutes = Some(480);
    cfg.breaks.focus_minutes = 600;
    let mut kot = Kot::new(cfg, at(23, 17, 10));
    let words = |kot: &Kot| {
        let coach = kot::coach_runtime::coach(&kot.app.config, &kot.app.day);
        let ds = coach.day_state(kot.now, true);
        kot::coach_runtime::day_words(&kot.app.config, &kot.app.day, ds, kot.now).line()
    };
    let screen = format!("{:?}", kot.draw(100, 24).backend());
    let expected = words(&kot);
    assert!(
        screen.contains(&format!("● {expected}")),
        "the line says {expected:?} as kot status does: {screen}"
    );
    assert!(!screen.contains("● focus"), "{screen}");

    kot.key('Q');
    for _ in 0..6 {
        kot.press(KeyCode::Enter);
    }
    assert_eq!(kot.app.layer(), Layer::OffWork);
    kot.now = at(23, 19, 0);
    kot.app.update(Msg::Tick, kot.now);
    let screen = format!("{:?}", kot.draw(100, 24).backend());
    let expected = words(&kot);
    assert!(screen.contains(&format!("● {expected}")), "{screen}");
}

/// Week 47 had no ritual on its last day, so week 46's one thing was never
/// answered: Monday's week step (Monday the week's only work day) asks about
/// it by its number, and the answer goes into week 46's file.
#[test]
fn the_week_step_asks_an_earlier_weeks_unanswered_one_thing() {
    let mut cfg = config();
    cfg.workday.days = vec![chrono::Weekday::Mon];
    let mut kot = Kot::new(cfg, at(23, 17, 35));
    let w46 = kot.dir.path().join("weeks/2026/2026-W46.toml");
    std::fs::create_dir_all(w46.parent().unwrap()).unwrap();
    std::fs::write(&w46, "schema = 1\none_thing = \"Lunch away\"\n").unwrap();
    kot.key('Q');
    kot.press(KeyCode::Enter);
    kot.press(KeyCode::Enter);
    assert_eq!(kot.app.layer(), Layer::RitualWeek);
    let screen = format!("{:?}", kot.draw(100, 30).backend());
    assert!(
        screen.contains("The one thing to change of week 46: Lunch away"),
        "{screen}"
    );
    kot.key('y');
    for _ in 0..12 {
        if kot.app.layer() == Layer::RitualDone {
            break;
        }
        kot.press(KeyCode::Enter);
    }
    assert_eq!(kot.app.layer(), Layer::RitualDone);
    let note: toml::Table = toml::from_str(&std::fs::read_to_string(&w46).unwrap()).unwrap();
    assert_eq!(
        note.get("happened").and_then(toml::Value::as_bool),
        Some(true)
    );
    assert!(!kot.dir.path().join("weeks/2026/2026-W47.toml").exists());
}
