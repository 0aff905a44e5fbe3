//! What a day of real use showed (issue 8): keys offered that do nothing, text
//! that got lost, Esc that cleared, `w` that cycled, and the rest. Each test
//! drives the TUI's `App` as the event loop would, with the store's part done
//! on a `Day` in memory, and reads the screen off ratatui's TestBackend.
#![allow(clippy::disallowed_methods)] // tests write fixtures plainly and read real time
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

use chrono::{DateTime, Local, NaiveDate, TimeZone, Utc};
use kot::config::Config;
use kot::core::day::{Day, DayOp, Place};
use kot::core::plan::{BlockKind, TaskId};
use kot::store::{Corrupt, DayLoad, StoreError};
use kot::tui::app::{App, Cmd, Msg};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

mod tui_screen;

fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn at(h: u32, m: u32) -> DateTime<Utc> {
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
        at: at(8, 55).fixed_offset(),
        feeling: Some(4),
    })
    .unwrap();
    d
}

/// The app and the day on "disk": edits the app asks for are applied here
/// and handed back, as the event loop does.
struct Kot {
    app: App,
    disk: Day,
    now: DateTime<Utc>,
    /// Make the next writes fail (a full disk).
    full: bool,
}

impl Kot {
    fn new(day: Day) -> Self {
        Self::with(DayLoad::Ok(day.clone()), day, None)
    }

    fn with(load: DayLoad, disk: Day, previous: Option<Day>) -> Self {
        Self {
            app: App::new(Config::default(), date(), load, previous),
            disk,
            now: at(10, 20),
            full: false,
        }
    }

    fn key(&mut self, code: KeyCode) -> Vec<Cmd> {
        let ev = KeyEvent::new(code, KeyModifiers::NONE);
        let cmds = self.app.update(Msg::Key(ev), self.now);
        self.run(cmds.clone());
        cmds
    }

    fn press(&mut self, keys: &str) -> Vec<Cmd> {
        keys.chars()
            .flat_map(|c| self.key(KeyCode::Char(c)))
            .collect()
    }

    fn run(&mut self, cmds: Vec<Cmd>) {
        for cmd in cmds {
            if let Cmd::Apply { date, op, origin } = cmd {
                if self.full {
                    let err = StoreError::Io {
                        path: "/data/2026-11-23.toml".into(),
                        error: std::io::Error::other("No space left on device"),
                    };
                    let message = err.message();
                    self.app.applied(date, origin, Err(err));
                    self.app.reopen_input(date, &op, message);
                    continue;
                }
                let result = self
                    .disk
                    .apply(op)
                    .map(|a| (self.disk.clone(), a))
                    .map_err(StoreError::Refused);
                self.app.applied(date, origin, result);
            }
        }
    }

    fn screen(&self, w: u16, h: u16) -> String {
        tui_screen::text(&tui_screen::draw(&self.app, self.now, w, h, false))
    }

    /// The footer line as drawn at 120 columns.
    fn footer(&self) -> String {
        let screen = self.screen(120, 30);
        screen.lines().last().unwrap().trim_end().to_string()
    }

    fn banner(&self) -> String {
        self.app
            .banner
            .as_ref()
            .map(|b| b.text.clone())
            .unwrap_or_default()
    }
}

fn offers(footer: &str, hint: &str) -> bool {
    footer.split(" · ").any(|h| h == hint)
}

// 1. The footer offers only what works.

#[test]
fn the_footer_offers_the_task_keys_only_with_a_task_selected() {
    let k = Kot::new(planned_day());
    let f = k.footer();
    for hint in ["a add", "e edit", "x done", "t top 3", "d delete"] {
        assert!(offers(&f, hint), "{hint} missing: {f}");
    }

    // No tasks: nothing to edit, mark or delete; adding still works.
    let mut empty = Day::new(date());
    empty
        .apply(DayOp::FinishCheckin {
            at: at(8, 55).fixed_offset(),
            feeling: None,
        })
        .unwrap();
    let f = Kot::new(empty).footer();
    assert!(offers(&f, "a add"), "{f}");
    for hint in ["e edit", "x done", "t top 3", "d delete"] {
        assert!(!offers(&f, hint), "{hint} offered without a task: {f}");
    }
}

#[test]
fn with_the_timeline_focused_the_footer_offers_the_block_keys() {
    let mut k = Kot::new(planned_day());
    k.key(KeyCode::Tab);
    let f = k.footer();
    assert!(!offers(&f, "x done"), "{f}");
    assert!(!offers(&f, "t top 3"), "{f}");
    // `e` and `d` act on the selected block.
    assert!(offers(&f, "e edit"), "{f}");
    assert!(offers(&f, "d delete"), "{f}");
}

#[test]
fn an_unreadable_day_offers_no_plan_keys() {
    let corrupt = Corrupt {
        path: "/data/2026-11-23.toml".into(),
        line: Some(3),
        message: "expected `=`".into(),
    };
    let k = Kot::with(DayLoad::Corrupt(corrupt), Day::new(date()), None);
    let f = k.footer();
    for hint in [
        "a add", "e edit", "x done", "t top 3", "d delete", "b block", "u undo",
    ] {
        assert!(
            !offers(&f, hint),
            "{hint} offered on an unreadable day: {f}"
        );
    }
    assert!(offers(&f, "? help"), "{f}");
}

#[test]
fn help_offers_scrolling_down_only_while_more_lies_below() {
    let mut k = Kot::new(planned_day());
    k.press("?");
    // Tall enough for everything: nothing to scroll.
    let tall = k.screen(120, 80);
    let f = tall.lines().last().unwrap();
    assert!(!f.contains("scroll down"), "{f}");
    // Short: `j` scrolls, until the last line shows.
    let short = k.screen(80, 20);
    assert!(short.lines().last().unwrap().contains("j scroll down"));
    for _ in 0..80 {
        k.press("j");
        let _ = k.screen(80, 20);
    }
    let short = k.screen(80, 20);
    let f = short.lines().last().unwrap();
    assert!(!f.contains("scroll down"), "{f}");
    // Scrolling stopped at the end: one `k` shows more below again.
    k.press("k");
    let _ = k.screen(80, 20);
    let short = k.screen(80, 20);
    assert!(short.lines().last().unwrap().contains("j scroll down"));
}

#[test]
fn the_checkin_place_letters_and_yes_no_come_from_the_key_table() {
    use kot::tui::keymap::{Action, Choice, Layer, key_for};
    let k = Kot::with(DayLoad::Missing, Day::new(date()), None);
    let screen = k.screen(80, 24);
    for (choice, word) in [
        (Choice::Home, "At home"),
        (Choice::Office, "At the office"),
        (Choice::Off, "Day off"),
        (Choice::Sick, "Sick"),
    ] {
        let key = key_for(Layer::CheckinPlace, Action::Choose(choice)).unwrap();
        assert!(
            screen.contains(&format!("{key}  {word}")),
            "{key} {word}:\n{screen}"
        );
    }
    let mut k = Kot::new(planned_day());
    k.press("d");
    let screen = k.screen(80, 24);
    assert!(screen.contains("y yes · n no"), "{screen}");
}

// 2. Nothing typed is lost.

/// A fourth top task is refused in the box itself: it opens saying so, and
/// what is typed next lands in it, never on the check-in's keys.
#[test]
fn the_checkin_refuses_a_fourth_top_task_in_its_box() {
    let mut day = planned_day();
    day.apply(DayOp::SetTop {
        id: TaskId(3),
        top: true,
    })
    .unwrap();
    let mut k = Kot::new(day);
    k.press("c");
    // Place, feeling, then the top 3 (no carry step).
    k.key(KeyCode::Enter);
    k.key(KeyCode::Enter);
    k.press("a");
    k.press("tax");
    let cmds = k.key(KeyCode::Enter);
    assert!(cmds.is_empty(), "{cmds:?}");
    assert!(k.app.popup.is_some(), "the box closed");
    let screen = k.screen(100, 30);
    assert!(screen.contains("the top 3 is full"), "{screen}");
    assert!(screen.contains("tax"), "{screen}");
}

#[test]
fn a_failed_save_keeps_the_text_typed() {
    let mut k = Kot::new(planned_day());
    k.full = true;
    k.press("a");
    k.press("Call the plumber");
    k.key(KeyCode::Enter);
    let screen = k.screen(100, 24);
    assert!(screen.contains("Call the plumber"), "{screen}");
    assert!(screen.contains("No space left"), "{screen}");
    // The estimate too.
    k.key(KeyCode::Esc);
    k.press("E");
    k.press("45m");
    k.key(KeyCode::Enter);
    let screen = k.screen(100, 24);
    assert!(
        screen.contains("1h30 45m") || screen.contains("45m"),
        "{screen}"
    );
    assert!(k.app.popup.is_some(), "the estimate box closed:\n{screen}");
}

// 3. Esc means skip, never clear.

#[test]
fn esc_through_the_checkin_keeps_the_feeling() {
    let mut k = Kot::new(planned_day());
    k.press("c");
    let mut cmds = Vec::new();
    for _ in 0..5 {
        cmds.extend(k.key(KeyCode::Esc));
    }
    assert!(k.app.checkin.is_none());
    assert_eq!(
        k.disk.checkin.as_ref().unwrap().feeling,
        Some(4),
        "{cmds:?}"
    );
    assert_eq!(k.disk.place, Some(Place::Home));
}

#[test]
fn every_undo_says_what_it_undid() {
    let mut k = Kot::new(planned_day());
    k.press("w");
    k.press("o");
    assert_eq!(k.disk.place, Some(Place::Office));
    k.press("x");
    k.press("u");
    assert_eq!(
        k.banner(),
        "Undone: marking \"Write the quarterly report\" done"
    );
    k.press("u");
    assert_eq!(
        k.banner(),
        "Undone: the place change: home again, not office"
    );
    assert_eq!(k.disk.place, Some(Place::Home));
    k.press("u");
    assert_eq!(k.banner(), "Nothing to undo");
}

// 4. `w` opens a chooser.

#[test]
fn w_opens_a_chooser_and_stray_presses_change_nothing() {
    let mut k = Kot::new(planned_day());
    let mut cmds = k.press("w");
    let screen = k.screen(80, 24);
    for word in ["At home", "At the office", "Day off", "Sick"] {
        assert!(screen.contains(word), "{word}:\n{screen}");
    }
    // A second `w` closes it; Esc too: the day stays as it was.
    cmds.extend(k.press("w"));
    cmds.extend(k.press("w"));
    cmds.extend(k.key(KeyCode::Esc));
    assert!(cmds.is_empty(), "{cmds:?}");
    assert_eq!(k.disk.place, Some(Place::Home));
    // `j` then Enter chooses the office.
    k.press("wj");
    k.key(KeyCode::Enter);
    assert_eq!(k.disk.place, Some(Place::Office));
    assert!(k.app.popup.is_none());
}

// 5. Blocks can be edited.

#[test]
fn e_on_a_block_changes_its_time_title_kind_and_video() {
    let mut k = Kot::new(planned_day());
    k.key(KeyCode::Tab);
    k.press("e");
    let screen = k.screen(80, 24);
    assert!(screen.contains("10:00-10:30 Standup"), "{screen}");
    // Type a new time and title over it.
    for _ in 0.."10:00-10:30 Standup".len() {
        k.key(KeyCode::Backspace);
    }
    k.press("10:15-10:45 Daily");
    k.key(KeyCode::Enter);
    // The form opens on the block's kind and video: a meeting on video.
    let screen = k.screen(80, 24);
    assert!(screen.contains("[meeting]"), "{screen}");
    assert!(screen.contains("[x]"), "{screen}");
    k.press("v");
    k.key(KeyCode::Enter);
    let b = &k.disk.blocks[0];
    assert_eq!(
        (b.span.to_string(), b.title.as_str(), b.kind, b.video),
        (
            "10:15-10:45".to_string(),
            "Daily",
            BlockKind::Meeting,
            false
        )
    );
    assert_eq!(k.disk.blocks.len(), 2, "a block was added, not changed");
    k.press("u");
    assert_eq!(k.banner(), "Undone: the change to the block \"Daily\"");
    assert_eq!(k.disk.blocks[0].title, "Standup");
}

// 7. Other days.

#[test]
fn another_day_that_cannot_be_read_is_shown_as_such_and_never_written() {
    let mut k = Kot::new(planned_day());
    let cmds = k.press("[");
    let yesterday = date().pred_opt().unwrap();
    assert_eq!(cmds, vec![Cmd::LoadDay { date: yesterday }]);
    let corrupt = Corrupt {
        path: "/data/2026-11-22.toml".into(),
        line: Some(2),
        message: "expected `=`".into(),
    };
    k.app.day_loaded(yesterday, DayLoad::Corrupt(corrupt));
    let screen = k.screen(100, 30);
    assert!(screen.contains("yesterday ·"), "{screen}");
    assert!(screen.contains("expected `=`"), "{screen}");
    let f = k.footer();
    assert!(!offers(&f, "a add"), "a offered on an unreadable day: {f}");
    assert!(offers(&f, ". today"), "{f}");
    // `a` opens a box that says why nothing is saved: what is typed lands
    // in it, and Enter changes nothing.
    let mut cmds = k.press("aw");
    cmds.extend(k.key(KeyCode::Enter));
    assert!(
        !cmds.iter().any(|c| matches!(c, Cmd::Apply { .. })),
        "{cmds:?}"
    );
    assert!(k.app.popup.is_some(), "the box closed");
    k.key(KeyCode::Esc);
    // Today is untouched and comes back with `.`.
    assert!(k.press(".").is_empty());
    let screen = k.screen(100, 30);
    assert!(!screen.contains("yesterday"), "{screen}");
    assert!(screen.contains("Write the quarterly report"), "{screen}");
}

#[test]
fn a_place_chosen_on_tomorrow_is_tomorrows() {
    let mut k = Kot::new(planned_day());
    let tomorrow = date().succ_opt().unwrap();
    k.press("]");
    k.app.day_loaded(tomorrow, DayLoad::Missing);
    let cmds = k.app.update(
        Msg::Key(KeyEvent::new(KeyCode::Char('w'), KeyModifiers::NONE)),
        k.now,
    );
    assert!(cmds.is_empty());
    let cmds = k.app.update(
        Msg::Key(KeyEvent::new(KeyCode::Char('o'), KeyModifiers::NONE)),
        k.now,
    );
    assert!(
        matches!(&cmds[..], [Cmd::Apply { date, op: DayOp::SetPlace { place: Some(Place::Office), .. }, .. }] if *date == tomorrow),
        "{cmds:?}"
    );
}

// 10. Why notifications are off.

#[test]
fn why_notifications_are_off_is_said_once_and_in_help() {
    use kot::notice::Event;
    let mut k = Kot::new(planned_day());
    k.app
        .set_banner("Time for a short break (10 min)".into(), false);
    k.app
        .update(Msg::Notifier(Event::Down("no session bus".into())), k.now);
    // Not over the prompt.
    assert_eq!(k.banner(), "Time for a short break (10 min)");
    let status = k.screen(120, 30).lines().nth(2).unwrap().to_string();
    assert!(status.contains("desktop notifications off"), "{status}");
    assert!(!status.contains("session bus"), "{status}");
    // With the next key, once.
    k.key(KeyCode::Down);
    let b = k.banner();
    assert!(
        b.contains("no session bus") && b.contains("kot notify test"),
        "{b}"
    );
    k.key(KeyCode::Down);
    assert!(!k.banner().contains("no session bus"), "{}", k.banner());
    // And in help, above the keys.
    k.press("?");
    let screen = k.screen(120, 30);
    assert!(
        screen.contains("Desktop notifications are off: no session bus"),
        "{screen}"
    );
    assert!(screen.contains("kot notify test says more"), "{screen}");
}
