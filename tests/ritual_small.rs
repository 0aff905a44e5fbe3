//! The shutdown ritual on small terminals (44×12 up): the step's input, the
//! selected task or the text field, stays in sight, the list of steps gives
//! way, and "↓ more" says what is cut. English and Dutch in one test, as the
//! language is the process's.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]

use chrono::{Local, NaiveDate, TimeZone, Weekday};
use kot::config::Config;
use kot::core::day::{Day, DayOp, Place};
use kot::core::plan::TaskId;
use kot::i18n::{Lang, set_language};
use kot::store::{DayLoad, Store};
use kot::tui::app::{App, Cmd, Msg};
use kot::tui::journal::io as jio;
use kot::tui::keymap::Layer;
use kot::tui::pending::Pending;
use kot::tui::ritual;
use kot::tui::theme::Theme;
use kot::tui::view::{self, Moment};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn date(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

fn at(d: u32, h: u32, m: u32) -> chrono::DateTime<chrono::Utc> {
    Local
        .from_local_datetime(&date(d).and_hms_opt(h, m, 0).unwrap())
        .unwrap()
        .to_utc()
}

struct Kot {
    app: App,
    store: Store,
    pending: Pending,
    now: chrono::DateTime<chrono::Utc>,
    /// `[shutdown] on_complete` runs, as the loop would start them.
    ran: Vec<Result<bool, String>>,
    _dir: tempfile::TempDir,
}

/// A worked Monday: checked in at 08:55, one task done, two open; Tuesday's
/// file has a top task already.
fn monday(store: &Store) -> Day {
    let ops = vec![
        DayOp::SetPlace {
            place: Some(Place::Home),
            extra_work: false,
        },
        DayOp::FinishCheckin {
            at: at(23, 8, 55).fixed_offset(),
            feeling: Some(4),
        },
        DayOp::AddTask {
            title: "Write the report".into(),
            top: true,
            estimate: None,
        },
        DayOp::AddTask {
            title: "Answer Jan's mail".into(),
            top: false,
            estimate: None,
        },
        DayOp::AddTask {
            title: "Tidy the backlog".into(),
            top: false,
            estimate: None,
        },
        DayOp::AddTask {
            title: "Call the printer".into(),
            top: false,
            estimate: None,
        },
        DayOp::SetDone {
            id: TaskId(1),
            done: true,
        },
    ];
    let (day, _) = store.update_day_all(date(23), ops).unwrap();
    store
        .update_day(
            date(24),
            DayOp::AddTask {
                title: "Plan Q1".into(),
                top: true,
                estimate: None,
            },
        )
        .unwrap();
    day
}

impl Kot {
    fn new(config: Config, now: chrono::DateTime<chrono::Utc>) -> Self {
        let dir = tempfile::Builder::new()
            .prefix("kot-ritual-")
            .tempdir()
            .unwrap();
        let store = Store::open(dir.path().to_path_buf()).unwrap();
        let day = monday(&store);
        let app = App::new(config, date(23), DayLoad::Ok(day), None);
        let mut kot = Self {
            app,
            store,
            pending: Pending::default(),
            now,
            ran: Vec::new(),
            _dir: dir,
        };
        kot.app.update(Msg::Tick, now);
        kot
    }

    fn press(&mut self, code: KeyCode) {
        let cmds = self
            .app
            .update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)), self.now);
        self.serve(cmds);
    }

    fn key(&mut self, c: char) {
        self.press(KeyCode::Char(c));
    }

    fn keys(&mut self, text: &str) {
        for c in text.chars() {
            self.key(c);
        }
    }

    /// Serve commands as the event loop does.
    fn serve(&mut self, cmds: Vec<Cmd>) {
        for cmd in cmds {
            match cmd {
                Cmd::OpenRitual => ritual::io::open(&self.store, &mut self.app),
                Cmd::Journal(j) => {
                    if let Some(j) = jio::read(&self.store, &mut self.app, j) {
                        self.pending
                            .push(&self.store, &mut self.app, Cmd::Journal(j));
                    }
                }
                Cmd::RunOnComplete => {
                    let argv = self.app.config.shutdown.on_complete.clone();
                    self.ran
                        .push(kot::coach_runtime::shutdown::run_on_complete(&argv));
                }
                Cmd::Quit | Cmd::Reload | Cmd::LoadPrevious | Cmd::CloseNotice | Cmd::Lock(_) => {}
                cmd => self.pending.push(&self.store, &mut self.app, cmd),
            }
        }
        let more = self.app.take_outbox();
        if !more.is_empty() {
            self.serve(more);
        }
        ritual::io::load_next_day(&self.store, &mut self.app);
    }

    fn draw(&self, w: u16, h: u16) -> Terminal<TestBackend> {
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        let moment = Moment::at(&Local, self.now, &self.app);
        t.draw(|f| view::render(f, &self.app, &moment, Theme { color: false }))
            .unwrap();
        t
    }
}

fn config() -> Config {
    let mut c = Config::default();
    c.shutdown.steps = Some(vec!["Close work apps".into(), "A short walk".into()]);
    c
}

impl Kot {
    fn screen(&self, w: u16, h: u16) -> String {
        let t = self.draw(w, h);
        let buf = t.backend().buffer();
        let mut out = String::new();
        for y in 0..h {
            for x in 0..w {
                out.push_str(buf[(x, y)].symbol());
            }
            out.push('\n');
        }
        out
    }
}

/// Monday is the week's only work day, so its ritual has the week step;
/// last week chose a one thing.
fn week_kot() -> Kot {
    let mut c = config();
    c.workday.days = vec![Weekday::Mon];
    let kot = Kot::new(c, at(23, 17, 35));
    let w47 = kot
        ._dir
        .path()
        .join("weeks")
        .join("2026")
        .join("2026-W47.toml");
    std::fs::create_dir_all(w47.parent().unwrap()).unwrap();
    std::fs::write(&w47, "schema = 1\none_thing = \"Lunch away\"\n").unwrap();
    kot
}

fn walk(lang: Lang, more: &str, did_it: &str, prompt: &str) {
    set_language(lang);
    // Step 1 with three unfinished tasks: the selection stays in sight.
    for (w, h) in [(44, 12), (60, 20)] {
        let mut kot = Kot::new(config(), at(23, 17, 35));
        kot.key('Q');
        assert_eq!(kot.app.layer(), Layer::RitualToday);
        let s = kot.screen(w, h);
        assert!(s.contains("Answer Jan"), "{w}x{h}\n{s}");
        if !s.contains("Call the printer") {
            assert!(s.contains(more), "cut, and said so: {w}x{h}\n{s}");
        }
        kot.key('j');
        kot.key('j');
        let s = kot.screen(w, h);
        assert!(s.contains("Call the printer"), "{w}x{h}\n{s}");
    }
    // The week step: the question, then the prompt and the text field.
    for (w, h) in [(44, 12), (60, 20)] {
        let mut kot = week_kot();
        kot.key('Q');
        kot.press(KeyCode::Enter);
        kot.press(KeyCode::Enter);
        assert_eq!(kot.app.layer(), Layer::RitualWeek, "{w}x{h}");
        let s = kot.screen(w, h);
        assert!(s.contains(did_it), "{w}x{h}\n{s}");
        kot.key('y');
        kot.keys("Walk");
        let s = kot.screen(w, h);
        if std::env::var_os("SHOW").is_some() {
            eprintln!("{s}");
        }
        assert!(s.contains(prompt), "{w}x{h}\n{s}");
        assert!(s.contains("Walk▏"), "the text field: {w}x{h}\n{s}");
    }
}

#[test]
fn the_rituals_input_stays_in_sight_on_small_terminals() {
    walk(Lang::En, "↓ more", "Did it happen?", "One thing to change");
    walk(Lang::Nl, "↓ meer", "Is het gelukt?", "Eén ding om anders");
    set_language(Lang::En);
}
