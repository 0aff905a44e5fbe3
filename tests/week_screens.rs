//! The Week screen (`3`) drawn on ratatui's TestBackend from a generated
//! history of twelve weeks and compared with reviewed snapshots
//! (tests/snapshots/), at the smallest size, a middle one and a large one,
//! with and without colour; its keys driven through `App::update` with its
//! reads served from a real store, as the event loop serves them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]

use chrono::{Datelike, Local, NaiveDate, Offset, TimeZone};
use kot::config::Config;
use kot::core::journal::{How, JournalOp, Scale};
use kot::core::week::{WeekId, WeekOp};
use kot::store::Store;
use kot::tui::app::{App, Cmd, Msg};
use kot::tui::keymap::{Layer, Screen};
use kot::tui::week::io;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;

mod tui_screen;
use tui_screen::text;

fn date(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

/// Friday 27 November 2026, 16:30: the week's last work day.
fn today() -> NaiveDate {
    date(11, 27)
}

fn at(d: NaiveDate, h: u32, m: u32) -> chrono::DateTime<chrono::Utc> {
    Local
        .from_local_datetime(&d.and_hms_opt(h, m, 0).unwrap())
        .unwrap()
        .to_utc()
}

/// `2026-11-23T09:50:00+01:00` in the local zone, as day files keep it.
fn stamp(d: NaiveDate, h: u32, m: u32) -> String {
    let (h, m) = (h + m / 60, m % 60);
    let local = Local
        .from_local_datetime(&d.and_hms_opt(h, m, 0).unwrap())
        .unwrap();
    let off = local.offset().fix().local_minus_utc();
    let sign = if off < 0 { '-' } else { '+' };
    let off = off.abs();
    format!(
        "{}{sign}{:02}:{:02}",
        d.and_hms_opt(h, m, 0).unwrap().format("%Y-%m-%dT%H:%M:%S"),
        off / 3600,
        off % 3600 / 60
    )
}

/// One generated work day as its file says it: the place, meetings (a video
/// standup), breaks taken / skipped / ignored, lunch (or none), the shutdown.
fn day_file(d: NaiveDate, n: usize) -> String {
    let place = match (d.weekday().num_days_from_monday(), n % 3) {
        (1, 0) | (3, _) => "office",
        _ => "home",
    };
    let sick = d == date(11, 25);
    let mut s = format!(
        "schema = 2\ndate = \"{d}\"\nplace = \"{}\"\nnext_task = 1\nnext_block = 3\n\n[checkin]\nat = \"{}\"\nfeeling = {}\n\n",
        if sick { "sick" } else { place },
        stamp(d, 8, 55),
        2 + n % 3
    );
    if sick {
        return s;
    }
    s.push_str(
        "[[blocks]]\nid = 1\nspan = \"10:00-10:30\"\ntitle = \"Standup\"\nkind = \"meeting\"\nvideo = true\n\n",
    );
    if n.is_multiple_of(2) {
        s.push_str(
            "[[blocks]]\nid = 2\nspan = \"14:00-15:30\"\ntitle = \"Planning\"\nkind = \"meeting\"\n\n",
        );
    }
    let brk = |kind: &str, outcome: &str, h: u32, m: u32, len: u32| {
        format!(
            "[[breaks]]\nkind = \"{kind}\"\noutcome = \"{outcome}\"\ncounted = \"{}\"\ndue = \"{}\"\nstart = \"{}\"\nend = \"{}\"\n\n",
            if kind == "lunch" { "lunch" } else { "you" },
            stamp(d, h, m),
            stamp(d, h, m),
            stamp(d, h, m + len)
        )
    };
    s.push_str(&brk("short", "taken", 10, 40, 10));
    if n % 4 == 1 {
        s.push_str(&brk("short", "skipped", 15, 40, 0));
    } else if n % 5 == 2 {
        s.push_str(&brk("short", "ignored", 15, 40, 0));
    } else {
        s.push_str(&brk("short", "taken", 15, 40, 10));
    }
    // Lunch every day but Mondays.
    if d.weekday() != chrono::Weekday::Mon {
        s.push_str(&brk("lunch", "taken", 12, 30, 30));
    }
    if d < today() {
        let late = d.weekday() == chrono::Weekday::Thu;
        let (h, m, worked, over) = if late {
            (18, 45, 540, 75)
        } else {
            (17, 30, 450 + u32::try_from(n % 3).unwrap() * 10, 0)
        };
        s.push_str(&format!(
            "[shutdown]\nat = \"{}\"\nworked_minutes = {worked}\novertime_minutes = {over}\n",
            stamp(d, h, m)
        ));
    }
    s
}

/// Twelve weeks of work days up to today, with journals: scores that move,
/// conversations, and three work days in a row without one at the end.
fn generate(store: &Store) {
    let first = WeekId::of(today()).monday() - chrono::Duration::weeks(11);
    for (n, d) in first
        .iter_days()
        .take_while(|d| *d <= today())
        .filter(|d| d.weekday().num_days_from_monday() < 5)
        .enumerate()
    {
        let path = store.day_path(d);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, day_file(d, n)).unwrap();
        // A week in the middle without any journal: a gap in the sparklines.
        if WeekId::of(d) == WeekId::of(date(10, 14)) || d == today() {
            continue;
        }
        let week = i64::from(WeekId::of(d).week);
        let wave = |base: i64| {
            u8::try_from((base + week + i64::try_from(n % 2).unwrap()) % 5 + 1).unwrap()
        };
        let mut ops = vec![
            JournalOp::Rate {
                scale: Scale::Mood,
                value: Some(wave(0)),
            },
            JournalOp::Rate {
                scale: Scale::Energy,
                value: Some(wave(2)),
            },
            JournalOp::Rate {
                scale: Scale::Autonomy,
                value: Some(wave(1)),
            },
            JournalOp::Rate {
                scale: Scale::Competence,
                value: Some(4),
            },
            JournalOp::Rate {
                scale: Scale::Relatedness,
                value: Some(u8::try_from(5 - week % 4).unwrap()),
            },
        ];
        if d >= date(11, 23) {
            ops.push(JournalOp::SetNoContact(true));
        } else {
            ops.push(JournalOp::AddContact {
                who: "Lena".into(),
                how: How::Call,
            });
        }
        store.update_entry(d, ops).unwrap();
    }
    store
        .update_week(
            WeekId::of(today()).prev(),
            vec![
                WeekOp::SetOneThing("Lunch away from the desk".into()),
                WeekOp::SetHappened(true),
            ],
        )
        .unwrap();
}

struct Kot {
    app: App,
    store: Store,
    _dir: tempfile::TempDir,
}

impl Kot {
    fn new() -> Self {
        let dir = tempfile::Builder::new()
            .prefix("kot-week-")
            .tempdir()
            .unwrap();
        let store = Store::open(dir.path().to_path_buf()).unwrap();
        generate(&store);
        let load = store.load_day(today());
        let mut app = App::new(Config::default(), today(), load, None);
        app.now = at(today(), 16, 30);
        assert!(app.checkin.is_none(), "checked in: no check-in over it");
        Self {
            app,
            store,
            _dir: dir,
        }
    }

    fn press(&mut self, code: KeyCode) {
        let cmds = self.app.update(
            Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)),
            at(today(), 16, 30),
        );
        for cmd in cmds {
            if let Cmd::Week(w) = cmd {
                io::run(&self.store, &mut self.app, &w);
            }
        }
    }

    fn key(&mut self, c: char) {
        self.press(KeyCode::Char(c));
    }

    fn draw(&self, w: u16, h: u16, color: bool) -> Terminal<TestBackend> {
        tui_screen::draw(&self.app, at(today(), 16, 30), w, h, color)
    }
}

#[test]
fn three_opens_the_week_with_a_row_per_day() {
    let mut kot = Kot::new();
    kot.key('3');
    assert_eq!(kot.app.screen, Screen::Week);
    assert_eq!(kot.app.layer(), Layer::Week);
    insta::assert_snapshot!(kot.draw(120, 35, false).backend());
}

#[test]
fn the_week_at_sixty_by_twenty() {
    let mut kot = Kot::new();
    kot.key('3');
    insta::assert_snapshot!(kot.draw(60, 20, false).backend());
}

#[test]
fn the_week_at_the_smallest_size_scrolls() {
    let mut kot = Kot::new();
    kot.key('3');
    insta::assert_snapshot!(kot.draw(44, 12, false).backend());
    let top = text(&kot.draw(44, 12, false));
    assert!(top.contains('↓'), "more below is shown:\n{top}");
    for _ in 0..40 {
        kot.key('j');
    }
    let bottom = text(&kot.draw(44, 12, false));
    assert!(
        bottom.contains("home") && !bottom.contains('↓'),
        "scrolled to the end:\n{bottom}"
    );
    // Never a word cut without its ellipsis.
    for line in top.lines().chain(bottom.lines()) {
        assert!(line.chars().count() <= 44);
    }
}

#[test]
fn without_colour_the_same_symbols_say_it_all() {
    let mut kot = Kot::new();
    kot.key('3');
    for (w, h) in [(44, 12), (60, 20), (120, 35)] {
        let plain = kot.draw(w, h, false);
        let coloured = kot.draw(w, h, true);
        assert_eq!(text(&plain), text(&coloured), "{w}×{h}: the same marks");
        let buf = plain.backend().buffer();
        assert!(
            buf.content()
                .iter()
                .all(|c| c.fg == Color::Reset && c.bg == Color::Reset),
            "{w}×{h}: NO_COLOR draws no colour"
        );
        let buf = coloured.backend().buffer();
        assert!(
            buf.content().iter().any(|c| c.fg == Color::Green),
            "{w}×{h}: with colour the bars are green"
        );
    }
    insta::assert_snapshot!("week_120_colour_text", text(&kot.draw(120, 35, true)));
}

#[test]
fn brackets_move_by_week_and_m_by_month() {
    let mut kot = Kot::new();
    kot.key('3');
    let header = |kot: &Kot| {
        text(&kot.draw(120, 35, false))
            .lines()
            .next()
            .unwrap()
            .to_string()
    };
    assert!(header(&kot).contains("week 48"), "{}", header(&kot));
    assert!(header(&kot).contains("this week"));
    kot.key('[');
    assert_eq!(kot.app.week.shown_week(), Some(WeekId::of(date(11, 18))));
    assert!(
        header(&kot).contains("week 47 · 16–22 Nov 2026 · last week"),
        "{}",
        header(&kot)
    );
    // The week shown reads its own history (last week's rows).
    assert!(text(&kot.draw(120, 35, false)).contains("Monday    16"));
    kot.key('m');
    assert!(header(&kot).contains("November 2026"), "{}", header(&kot));
    insta::assert_snapshot!("month_view_120", kot.draw(120, 35, false).backend());
    insta::assert_snapshot!("month_view_44", kot.draw(44, 12, false).backend());
    kot.key('[');
    assert!(
        header(&kot).contains("October 2026 · last month"),
        "{}",
        header(&kot)
    );
    kot.key(']');
    kot.key('m');
    assert!(header(&kot).contains("week 47"), "{}", header(&kot));
    kot.key('.');
    assert!(header(&kot).contains("week 48"), "{}", header(&kot));
    kot.key('1');
    assert_eq!(kot.app.screen, Screen::Today);
}

#[test]
fn a_file_changed_on_disk_shows_after_a_reload() {
    let mut kot = Kot::new();
    kot.key('3');
    kot.store
        .update_week(
            WeekId::of(today()),
            vec![WeekOp::SetOneThing("A walk at noon".into())],
        )
        .unwrap();
    assert!(!text(&kot.draw(120, 35, false)).contains("A walk at noon"));
    io::reload(&kot.store, &mut kot.app);
    assert!(text(&kot.draw(120, 35, false)).contains("Chosen for next week: A walk at noon"));
}

#[test]
fn it_reads_nothing_while_drawing() {
    let mut kot = Kot::new();
    kot.key('3');
    // The files go; the frame is drawn from what was read.
    let before = text(&kot.draw(60, 20, false));
    std::fs::remove_dir_all(kot.store.root().join("days")).unwrap();
    assert_eq!(text(&kot.draw(60, 20, false)), before);
}

/// The Week screen open on Friday, then the clock turns to Monday 30
/// November, 09:00 (nothing recorded yet that week): the app and the screen.
fn next_monday() -> (Kot, String) {
    let mut kot = Kot::new();
    kot.key('3');
    let monday = date(11, 30);
    let load = kot.store.load_day(monday);
    kot.app.new_day(monday, load, None, None);
    for cmd in kot.app.take_outbox() {
        if let Cmd::Week(w) = cmd {
            io::run(&kot.store, &mut kot.app, &w);
        }
    }
    let t = tui_screen::draw(&kot.app, at(monday, 9, 0), 120, 35, false);
    let screen = text(&t);
    (kot, screen)
}

#[test]
fn this_week_follows_the_clock_into_the_next_week() {
    let (kot, screen) = next_monday();
    assert_eq!(kot.app.screen, Screen::Week);
    assert_eq!(kot.app.week.shown_week(), Some(WeekId::of(date(11, 30))));
    assert!(
        screen.contains("week 49 · 30 Nov – 6 Dec 2026 · this week"),
        "{screen}"
    );
}

#[test]
fn days_still_to_come_are_not_drawn_as_work_not_done() {
    let (_kot, screen) = next_monday();
    let days = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    let rows: Vec<&str> = screen
        .lines()
        .filter(|l| days.iter().any(|d| l.starts_with(d)))
        .collect();
    assert_eq!(rows.len(), 7, "{screen}");
    for (i, row) in rows.iter().enumerate() {
        // No place asked for, no plan shown as failed, and later days count
        // no breaks (today's are under way).
        assert!(!row.contains('?'), "{row}\n{screen}");
        assert!(!row.contains('░'), "{row}\n{screen}");
        assert_eq!(row.contains("0/0/0"), i == 0, "{row}\n{screen}");
        assert_eq!(row.contains('┄'), i < 5, "the plan still to come: {row}");
    }
    // On Friday, the week after: all still to come, no breaks in Σ either.
    let mut kot = Kot::new();
    kot.key('3');
    kot.key(']');
    let next = text(&kot.draw(120, 35, false));
    assert!(
        next.contains("week 49 · 30 Nov – 6 Dec 2026 · next week"),
        "{next}"
    );
    let total = next.lines().find(|l| l.starts_with('Σ')).unwrap();
    assert!(!total.contains("0/0/0") && total.contains('┄'), "{total}");
    // The legend says it (the morning's check-in covers it on this screen).
    for src in [kot::i18n::EN_SOURCE, kot::i18n::NL_SOURCE] {
        let legend = src
            .lines()
            .find(|l| l.starts_with("\"week.legend\""))
            .unwrap();
        assert!(legend.contains("░") && legend.contains("┄"), "{legend}");
    }
}

/// The Σ row of the week shown.
fn sigma(screen: &str) -> String {
    screen
        .lines()
        .find(|l| l.starts_with('Σ'))
        .unwrap_or_else(|| panic!("no Σ row in\n{screen}"))
        .to_string()
}

#[test]
fn a_day_told_off_as_a_holiday_counts_as_one() {
    let mut kot = Kot::new();
    // Wednesday 25 November told off as a holiday, as `kot off` writes it.
    let path = kot.store.day_path(date(11, 25));
    std::fs::write(
        &path,
        "schema = 2\ndate = \"2026-11-25\"\nplace = \"off\"\noff_reason = \"holiday\"\n",
    )
    .unwrap();
    kot.key('3');
    let screen = text(&kot.draw(120, 35, false));
    let row = screen.lines().find(|l| l.starts_with("Wednesday")).unwrap();
    assert!(row.contains("☼ holiday"), "{row}");
    let total = sigma(&screen);
    assert!(total.contains("☼1") && !total.contains('○'), "{total}");
    // The month view counts it the same.
    kot.key('m');
    let month = text(&kot.draw(120, 35, false));
    let w48 = month.lines().find(|l| l.starts_with("W48")).unwrap();
    assert!(w48.contains("☼1") && !w48.contains('○'), "{w48}");
}

#[test]
fn past_weeks_and_months_do_not_speak_of_this_week() {
    let mut kot = Kot::new();
    kot.key('3');
    kot.key('[');
    kot.key('[');
    let past = text(&kot.draw(120, 35, false));
    assert!(past.contains("week 46"), "{past}");
    assert!(!past.contains("this week"), "{past}");
    assert!(
        past.contains("No one thing to change was chosen for that week."),
        "{past}"
    );
    kot.key('m');
    let month = text(&kot.draw(120, 35, false));
    assert!(!month.contains("one thing"), "{month}");
    assert!(!month.contains("Chosen for next week"), "{month}");
}

#[test]
fn an_unreadable_day_is_marked_and_its_file_named() {
    let mut kot = Kot::new();
    std::fs::write(kot.store.day_path(date(11, 24)), "place = [[[").unwrap();
    kot.key('3');
    let screen = text(&kot.draw(120, 35, false));
    let row = screen.lines().find(|l| l.starts_with("Tuesday")).unwrap();
    assert!(row.contains("! unreadable"), "{row}");
    let name = std::path::Path::new("days")
        .join("2026")
        .join("2026-11-24.toml")
        .display()
        .to_string();
    assert!(
        screen.contains(&format!("1 file could not be read and is left out: {name}")),
        "{screen}"
    );
}

#[test]
fn the_days_numbers_line_up_under_one_another() {
    let mut kot = Kot::new();
    kot.key('3');
    kot.key(']');
    // Monday 30 November to Sunday 6 December: one and two digits.
    let screen = text(&kot.draw(120, 35, false));
    let days = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    let columns: Vec<usize> = screen
        .lines()
        .filter(|l| days.iter().any(|d| l.starts_with(d)))
        .map(|l| {
            let label: String = l.chars().take(12).collect();
            label.trim_end().chars().count()
        })
        .collect();
    assert_eq!(columns, vec![12; 7], "{screen}");
}

#[test]
fn the_smallest_footer_keeps_the_keys_that_move_through_weeks() {
    let mut kot = Kot::new();
    kot.key('3');
    let screen = text(&kot.draw(44, 12, false));
    let footer = screen.lines().last().unwrap();
    for hint in ["[ back", "] on", "m month", "? help", "q quit"] {
        assert!(footer.contains(hint), "{hint:?} missing: {footer:?}");
    }
}
