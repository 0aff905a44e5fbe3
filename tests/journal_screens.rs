//! The Journal screen and the evening check-in drawn on ratatui's TestBackend
//! and compared with reviewed snapshots (tests/snapshots/), and their keys
//! driven through `App::update` with the journal's reads and writes served
//! from a real store in a temp directory (as the event loop serves them).
#![allow(clippy::disallowed_methods)] // tests write fixtures plainly and read real time
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

use chrono::{Local, NaiveDate, TimeZone};
use kot::config::Config;
use kot::core::day::{Day, DayOp, Place};
use kot::core::journal::{ContactState, How, JournalOp, Scale};
use kot::store::journal::EntryLoad;
use kot::store::{DayLoad, Store};
use kot::tui::app::{App, Cmd, Msg};
use kot::tui::journal::io;
use kot::tui::keymap::{Layer, Screen};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;

mod tui_screen;

fn date(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

fn at(h: u32, m: u32) -> chrono::DateTime<chrono::Utc> {
    Local
        .from_local_datetime(&date(23).and_hms_opt(h, m, 0).unwrap())
        .unwrap()
        .to_utc()
}

/// A checked-in day at home (so no check-in opens), and a store beside it.
struct Kot {
    app: App,
    store: Store,
    _dir: tempfile::TempDir,
}

impl Kot {
    fn new() -> Self {
        let dir = tempfile::Builder::new()
            .prefix("kot-jscreen-")
            .tempdir()
            .unwrap();
        let store = Store::open(dir.path().to_path_buf()).unwrap();
        let mut today = Day::new(date(23));
        today
            .apply(DayOp::FinishCheckin {
                at: at(8, 55).fixed_offset(),
                feeling: Some(4),
            })
            .unwrap();
        store
            .update_day(
                date(23),
                DayOp::SetPlace {
                    place: Some(Place::Home),
                    extra_work: false,
                },
            )
            .unwrap();
        let app = App::new(Config::default(), date(23), DayLoad::Ok(today), None);
        Self {
            app,
            store,
            _dir: dir,
        }
    }

    /// A month with entries: moods, an office day, a day without contact.
    fn with_month() -> Self {
        let kot = Self::new();
        let write = |d: u32, ops: Vec<JournalOp>| {
            kot.store.update_entry(date(d), ops).unwrap();
        };
        let rate = |scale, v| JournalOp::Rate {
            scale,
            value: Some(v),
        };
        write(
            2,
            vec![
                rate(Scale::Mood, 2),
                JournalOp::SetNoContact(true),
                JournalOp::SetText {
                    text: "Long day alone, rain all day #thuis".into(),
                    was: None,
                },
            ],
        );
        write(
            10,
            vec![
                rate(Scale::Mood, 5),
                rate(Scale::Relatedness, 5),
                JournalOp::AddContact {
                    who: "Lena".into(),
                    how: How::InPerson,
                },
                JournalOp::SetText {
                    text: "Koffie met Lena op kantoor ☕ #werk".into(),
                    was: None,
                },
            ],
        );
        write(
            17,
            vec![
                rate(Scale::Mood, 3),
                JournalOp::SetText {
                    text: "Één lange vergadering, 日本語 notes".into(),
                    was: None,
                },
            ],
        );
        kot.store
            .update_day(
                date(10),
                DayOp::SetPlace {
                    place: Some(Place::Office),
                    extra_work: false,
                },
            )
            .unwrap();
        kot
    }

    /// Press a key and serve what it asks, as the event loop would.
    fn press(&mut self, code: KeyCode, mods: KeyModifiers) {
        let cmds = self
            .app
            .update(Msg::Key(KeyEvent::new(code, mods)), at(20, 30));
        self.serve(cmds);
    }

    fn key(&mut self, c: char) {
        self.press(KeyCode::Char(c), KeyModifiers::NONE);
    }

    fn code(&mut self, code: KeyCode) {
        self.press(code, KeyModifiers::NONE);
    }

    fn typed(&mut self, text: &str) {
        for c in text.chars() {
            self.key(c);
        }
    }

    fn serve(&mut self, cmds: Vec<Cmd>) {
        for cmd in cmds {
            if let Cmd::Journal(j) = cmd
                && let Some(io::JournalCmd::Update { date, ops }) =
                    io::read(&self.store, &mut self.app, j)
            {
                assert_eq!(io::write(&self.store, &mut self.app, date, &ops), None);
            }
        }
    }

    fn entry(&self, d: u32) -> kot::core::journal::Entry {
        match self.store.load_entry(date(d)) {
            EntryLoad::Ok(e) => e,
            other => panic!("{other:?}"),
        }
    }

    fn draw(&self, w: u16, h: u16, color: bool) -> Terminal<TestBackend> {
        tui_screen::draw(&self.app, at(20, 30), w, h, color)
    }
}

#[test]
fn the_month_calendar_marks_mood_office_and_no_contact() {
    let mut kot = Kot::with_month();
    kot.key('2');
    assert_eq!(kot.app.screen, Screen::Journal);
    insta::assert_snapshot!(kot.draw(100, 24, false).backend());
}

#[test]
fn the_month_calendar_at_the_smallest_size() {
    let mut kot = Kot::with_month();
    kot.key('2');
    insta::assert_snapshot!(kot.draw(44, 12, false).backend());
}

#[test]
fn with_colour_each_day_has_its_moods_colour_and_no_digit() {
    let mut kot = Kot::with_month();
    kot.key('2');
    let t = kot.draw(100, 24, true);
    let buf = t.backend().buffer();
    let find = |text: &str| {
        (0..buf.area.height)
            .find_map(|y| {
                let row: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
                row.find(text)
                    .map(|i| (u16::try_from(row[..i].chars().count()).unwrap(), y))
            })
            .unwrap_or_else(|| panic!("{text:?} not on screen"))
    };
    // Day 10 (mood 5, office) and day 2 (mood 2, alone) inside the calendar.
    let (x, y) = find("10 o");
    assert_eq!(buf[(x, y)].bg, Color::Green, "mood 5 is green");
    let (x, y) = find(" 2  x");
    assert_eq!(buf[(x + 1, y)].bg, Color::LightRed, "mood 2");
    assert_ne!(buf[(x + 2, y)].symbol(), "2", "no digit with colour");
}

#[test]
fn arrows_move_the_day_and_brackets_the_month() {
    let mut kot = Kot::with_month();
    kot.key('2');
    kot.code(KeyCode::Left);
    assert_eq!(kot.app.journal.selected, Some(date(22)));
    kot.code(KeyCode::Up);
    assert_eq!(kot.app.journal.selected, Some(date(15)));
    kot.key(']');
    assert_eq!(
        kot.app.journal.selected,
        NaiveDate::from_ymd_opt(2026, 12, 15)
    );
    assert_eq!(
        kot.app.journal.month,
        NaiveDate::from_ymd_opt(2026, 12, 1),
        "the new month is read"
    );
    assert!(kot.app.journal.summaries.is_empty());
    kot.key('[');
    kot.key('[');
    assert_eq!(kot.app.journal.month, NaiveDate::from_ymd_opt(2026, 10, 1));
    kot.key('1');
    assert_eq!(kot.app.screen, Screen::Today);
}

#[test]
fn enter_opens_a_day_to_read() {
    let mut kot = Kot::with_month();
    kot.key('2');
    for _ in 0..13 {
        kot.code(KeyCode::Left);
    }
    kot.code(KeyCode::Enter);
    assert_eq!(kot.app.layer(), Layer::JournalDay);
    insta::assert_snapshot!(kot.draw(80, 16, false).backend());
    kot.key(']');
    assert_eq!(kot.app.journal.day_shown(), Some(date(11)));
    kot.code(KeyCode::Esc);
    assert_eq!(kot.app.layer(), Layer::JournalMonth);
    assert_eq!(kot.app.journal.selected, Some(date(11)));
}

#[test]
fn the_evening_form_sets_scores_contacts_and_wins() {
    let mut kot = Kot::new();
    kot.key('2');
    kot.key('e');
    assert_eq!(kot.app.layer(), Layer::Evening);
    // Mood 4, then on to energy: 2 is a score here, not the Journal screen.
    kot.key('4');
    kot.key('2');
    kot.key('n');
    assert_eq!(kot.entry(23).contact_state(), ContactState::None);
    kot.key('c');
    assert_eq!(kot.app.layer(), Layer::EveningContact);
    kot.typed("Lena");
    kot.code(KeyCode::Tab);
    kot.code(KeyCode::Enter);
    kot.key('w');
    kot.typed("Shipped it, één 🙂");
    kot.code(KeyCode::Enter);
    kot.code(KeyCode::Down);
    kot.code(KeyCode::Down);
    kot.code(KeyCode::Down);
    insta::assert_snapshot!(kot.draw(100, 24, false).backend());
    let e = kot.entry(23);
    assert_eq!((e.mood, e.energy), (Some(4), Some(2)));
    assert_eq!(e.contacts.len(), 1);
    assert_eq!(
        (e.contacts[0].who.as_str(), e.contacts[0].how),
        ("Lena", How::Call)
    );
    assert!(!e.no_contact, "a conversation takes back 'no contact'");
    assert_eq!(e.wins, ["Shipped it, één 🙂"]);
    // Esc leaves and never clears.
    kot.code(KeyCode::Esc);
    assert_eq!(kot.app.layer(), Layer::JournalMonth);
    assert_eq!(kot.entry(23), e);
    assert_eq!(kot.app.screen, Screen::Journal);
}

/// `@names` in the day's text are offered while adding a contact: ↓ / ↑
/// pick one into the name, Enter adds it; a name already a contact is not
/// offered again.
#[test]
fn names_in_the_text_are_offered_as_contacts() {
    let mut kot = Kot::new();
    kot.store
        .update_entry(
            date(23),
            vec![JournalOp::SetText {
                text: "Lunch with @Lena, later a call with @Jan".into(),
                was: None,
            }],
        )
        .unwrap();
    kot.key('2');
    kot.key('e');
    kot.key('c');
    assert_eq!(kot.app.layer(), Layer::EveningContact);
    let screen = format!("{:?}", kot.draw(100, 24, false).backend());
    assert!(screen.contains("@Lena"), "the names are listed: {screen}");
    assert!(screen.contains("@Jan"), "{screen}");
    kot.code(KeyCode::Down);
    kot.code(KeyCode::Down);
    kot.code(KeyCode::Up);
    kot.code(KeyCode::Enter);
    let e = kot.entry(23);
    assert_eq!(e.contacts.len(), 1);
    assert_eq!(
        (e.contacts[0].who.as_str(), e.contacts[0].how),
        ("Lena", How::InPerson)
    );
    kot.key('c');
    kot.code(KeyCode::Down);
    kot.code(KeyCode::Tab);
    kot.code(KeyCode::Enter);
    let e = kot.entry(23);
    assert_eq!(e.contacts[1].who, "Jan", "Lena is no longer offered");
    assert_eq!(e.contacts[1].how, How::Call);
}

/// Del on the contacts or the wins removes the last one, and writes it.
#[test]
fn conversations_and_wins_are_removed_with_del() {
    let mut kot = Kot::new();
    kot.store
        .update_entry(
            date(23),
            vec![
                JournalOp::AddContact {
                    who: "Lena".into(),
                    how: How::Call,
                },
                JournalOp::AddContact {
                    who: "Jan".into(),
                    how: How::Chat,
                },
                JournalOp::AddWin("First".into()),
                JournalOp::AddWin("Second".into()),
            ],
        )
        .unwrap();
    kot.key('2');
    kot.key('e');
    for _ in 0..5 {
        kot.code(KeyCode::Down);
    }
    kot.code(KeyCode::Delete);
    let e = kot.entry(23);
    assert_eq!(
        e.contacts
            .iter()
            .map(|c| c.who.as_str())
            .collect::<Vec<_>>(),
        ["Lena"]
    );
    assert_eq!(e.wins.len(), 2, "the wins are untouched");
    kot.code(KeyCode::Down);
    kot.code(KeyCode::Delete);
    let e = kot.entry(23);
    assert_eq!(e.wins, ["First"]);
    assert_eq!(e.contacts.len(), 1);
}

#[test]
fn a_typed_contact_is_cancelled_with_esc_and_nothing_is_written() {
    let mut kot = Kot::new();
    kot.key('2');
    kot.key('e');
    kot.key('c');
    kot.typed("q2");
    kot.code(KeyCode::Esc);
    assert_eq!(kot.app.layer(), Layer::Evening);
    assert_eq!(
        kot.app.screen,
        Screen::Journal,
        "typed digits switch nothing"
    );
    assert!(matches!(kot.store.load_entry(date(23)), EntryLoad::Missing));
}

#[test]
fn the_text_editor_keeps_accents_emoji_and_wide_characters() {
    let mut kot = Kot::new();
    kot.key('2');
    kot.key('t');
    assert_eq!(kot.app.layer(), Layer::JournalText);
    kot.typed("Één café 🙂 日本語");
    kot.code(KeyCode::Enter);
    kot.typed("1 2 q ? e");
    insta::assert_snapshot!(kot.draw(60, 14, false).backend());
    kot.press(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(kot.entry(23).text, "Één café 🙂 日本語\n1 2 q ? e");
    kot.typed(" #klaar");
    kot.code(KeyCode::Esc);
    assert_eq!(kot.app.layer(), Layer::JournalMonth);
    assert_eq!(kot.entry(23).text, "Één café 🙂 日本語\n1 2 q ? e #klaar");
}

#[test]
fn a_text_changed_meanwhile_is_not_written_over_and_both_are_saved() {
    let mut kot = Kot::new();
    kot.key('2');
    kot.key('t');
    kot.typed("mine");
    // Another kot appends while the text is open.
    kot.store
        .update_entry(
            date(23),
            vec![JournalOp::AppendOnce {
                text: "theirs".into(),
            }],
        )
        .unwrap();
    kot.code(KeyCode::Esc);
    assert_eq!(kot.entry(23).text, "theirs", "not written over");
    assert_eq!(kot.app.layer(), Layer::JournalText, "the editor is back");
    // Both are shown, theirs above, and a save keeps both (issue 16 item 5).
    kot.press(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let text = kot.entry(23).text;
    let (theirs, mine) = (text.find("theirs"), text.find("mine"));
    assert!(
        theirs.is_some_and(|t| mine.is_some_and(|m| t < m)),
        "{text}"
    );
}

#[test]
fn search_finds_words_and_tags_and_filters_scores() {
    let mut kot = Kot::with_month();
    kot.key('2');
    kot.key('/');
    assert_eq!(kot.app.layer(), Layer::JournalQuery);
    kot.typed("lena #werk");
    kot.code(KeyCode::Enter);
    assert_eq!(kot.app.layer(), Layer::JournalResults);
    let dates: Vec<_> = kot.app.journal.search.hits.iter().map(|h| h.date).collect();
    assert_eq!(dates, [date(10)]);
    insta::assert_snapshot!(kot.draw(80, 12, false).backend());
    kot.code(KeyCode::Enter);
    assert_eq!(kot.app.journal.day_shown(), Some(date(10)));
    // A score filter: the days with mood 3 or less, newest first.
    kot.key('/');
    for _ in 0..10 {
        kot.code(KeyCode::Backspace);
    }
    kot.typed("mood<=3");
    kot.code(KeyCode::Enter);
    let dates: Vec<_> = kot.app.journal.search.hits.iter().map(|h| h.date).collect();
    assert_eq!(dates, [date(17), date(2)]);
    // A bad filter says why.
    kot.key('/');
    kot.typed("x mood<=9");
    kot.code(KeyCode::Enter);
    assert!(kot.app.journal.search.error.is_some());
}

#[test]
fn the_marks_of_a_search_are_styled_apart() {
    let mut kot = Kot::with_month();
    kot.key('2');
    kot.key('/');
    kot.typed("koffie");
    kot.code(KeyCode::Enter);
    let t = kot.draw(80, 12, false);
    let buf = t.backend().buffer();
    let row: String = (0..80).map(|x| buf[(x, 3)].symbol()).collect();
    let i = row.find("Koffie").expect("the hit");
    let x = u16::try_from(row[..i].chars().count()).unwrap();
    assert!(
        buf[(x, 3)]
            .modifier
            .contains(ratatui::style::Modifier::UNDERLINED),
        "the match is underlined without colour"
    );
}

#[test]
fn the_footer_offers_the_screens_and_not_in_a_form() {
    let mut kot = Kot::with_month();
    let footer = |kot: &Kot| {
        let t = kot.draw(120, 24, false);
        let buf = t.backend().buffer();
        (0..120).map(|x| buf[(x, 23)].symbol()).collect::<String>()
    };
    assert!(footer(&kot).contains("2 journal"), "{}", footer(&kot));
    kot.key('2');
    assert!(footer(&kot).contains("1 today"), "{}", footer(&kot));
    kot.key('e');
    assert!(!footer(&kot).contains("1 today"), "{}", footer(&kot));
}

#[test]
fn text_being_written_outlives_the_day_turning() {
    let mut kot = Kot::new();
    kot.key('2');
    kot.key('t');
    kot.typed("late at night");
    kot.app.new_day(date(24), DayLoad::Missing, None, None);
    assert_eq!(kot.app.screen, Screen::Journal);
    kot.code(KeyCode::Esc); // the morning check-in of the new day: skip its steps
    kot.code(KeyCode::Esc);
    kot.code(KeyCode::Esc);
    assert_eq!(kot.app.layer(), Layer::JournalText);
    kot.code(KeyCode::Esc);
    assert_eq!(kot.entry(23).text, "late at night");
}
