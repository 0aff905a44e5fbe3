//! The ritual tests' harness (`ritual_screens`, `ritual_small`): a worked
//! Monday 23 November 2026 in a real store in a temp directory, its keys driven
//! through `App::update` and every command served as the event loop serves
//! them (writes through `Pending`).
#![allow(dead_code)] // each test file uses its part

use chrono::{Local, NaiveDate, TimeZone};
use kot::config::Config;
use kot::core::day::{Day, DayOp, Place};
use kot::core::plan::TaskId;
use kot::store::{DayLoad, Store};
use kot::tui::app::{App, Cmd, Msg};
use kot::tui::journal::io as jio;
use kot::tui::pending::Pending;
use kot::tui::ritual;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub fn date(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

pub fn at(d: u32, h: u32, m: u32) -> chrono::DateTime<chrono::Utc> {
    Local
        .from_local_datetime(&date(d).and_hms_opt(h, m, 0).unwrap())
        .unwrap()
        .to_utc()
}

pub struct Kot {
    pub app: App,
    pub store: Store,
    pub pending: Pending,
    pub now: chrono::DateTime<chrono::Utc>,
    /// `[shutdown] on_complete` runs, as the loop would start them.
    pub ran: Vec<Result<kot::coach_runtime::shutdown::Ran, String>>,
    pub dir: tempfile::TempDir,
}

/// A worked Monday: checked in at 08:55, one task done, two open and then
/// `extra` open ones; Tuesday's file has a top task already.
fn monday(store: &Store, extra: &[&str]) -> Day {
    let mut ops = vec![
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
    ];
    ops.extend(extra.iter().map(|title| DayOp::AddTask {
        title: (*title).into(),
        top: false,
        estimate: None,
    }));
    ops.push(DayOp::SetDone {
        id: TaskId(1),
        done: true,
    });
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
    pub fn new(config: Config, now: chrono::DateTime<chrono::Utc>) -> Self {
        Self::with_tasks(config, now, &[])
    }

    /// Monday with `extra` open tasks after the fixture's own.
    pub fn with_tasks(config: Config, now: chrono::DateTime<chrono::Utc>, extra: &[&str]) -> Self {
        let dir = tempfile::Builder::new()
            .prefix("kot-ritual-")
            .tempdir()
            .unwrap();
        let store = Store::open(dir.path().to_path_buf()).unwrap();
        let day = monday(&store, extra);
        let app = App::new(config, date(23), DayLoad::Ok(day), None);
        let mut kot = Self {
            app,
            store,
            pending: Pending::default(),
            now,
            ran: Vec::new(),
            dir,
        };
        kot.app.update(Msg::Tick, now);
        kot
    }

    pub fn press(&mut self, code: KeyCode) {
        let cmds = self
            .app
            .update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)), self.now);
        self.serve(cmds);
    }

    pub fn key(&mut self, c: char) {
        self.press(KeyCode::Char(c));
    }

    pub fn keys(&mut self, text: &str) {
        for c in text.chars() {
            self.key(c);
        }
    }

    /// Serve commands as the event loop does.
    pub fn serve(&mut self, cmds: Vec<Cmd>) {
        for cmd in cmds {
            match cmd {
                Cmd::OpenRitual { by_user } => {
                    ritual::io::open(&self.store, &mut self.app, by_user);
                }
                Cmd::Journal(j) => {
                    if let Some(j) = jio::read(&self.store, &mut self.app, j) {
                        self.pending
                            .push(&self.store, &mut self.app, Cmd::Journal(j));
                    }
                }
                Cmd::RunOnComplete => {
                    let argv = self.app.config.shutdown.on_complete.clone();
                    self.ran
                        .push(kot::coach_runtime::shutdown::run_on_complete(&argv, 10));
                }
                Cmd::Quit
                | Cmd::Reload
                | Cmd::LoadPrevious
                | Cmd::CloseNotice(_)
                | Cmd::Lock(_) => {}
                cmd => self.pending.push(&self.store, &mut self.app, cmd),
            }
        }
        let more = self.app.take_outbox();
        if !more.is_empty() {
            self.serve(more);
        }
        ritual::io::load_next_day(&self.store, &mut self.app);
    }

    pub fn draw(&self, w: u16, h: u16) -> Terminal<TestBackend> {
        crate::tui_screen::draw(&self.app, self.now, w, h, false)
    }

    pub fn day(&self, d: u32) -> Day {
        self.store.load_day(date(d)).day_or_new(date(d)).unwrap()
    }

    /// The screen as text, one line a row.
    pub fn screen(&self, w: u16, h: u16) -> String {
        crate::tui_screen::text(&self.draw(w, h))
    }
}

pub fn config() -> Config {
    let mut c = Config::default();
    c.shutdown.steps = Some(vec!["Close work apps".into(), "A short walk".into()]);
    c
}
