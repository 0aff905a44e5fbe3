//! The snooze budget used up: the break card and the footer no longer offer
//! `z` (pressing it would only be refused), and the card says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]

use chrono::{Local, NaiveDate, TimeZone};
use kot::config::Config;
use kot::store::Store;
use kot::tui::app::{App, Msg};

mod tui_screen;

fn local(h: u32, m: u32) -> chrono::DateTime<Local> {
    let d = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    Local
        .from_local_datetime(&d.and_hms_opt(h, m, 0).unwrap())
        .unwrap()
}

fn screen(snoozed: u32) -> String {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().to_path_buf()).unwrap();
    let path = store.day_path(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(
        &path,
        format!(
            "schema = 1\ndate = \"2026-11-23\"\nplace = \"home\"\n\n[checkin]\nat = \"{}\"\n\
             feeling = 4\n\n[coach]\nsnoozed_minutes = {snoozed}\n",
            local(8, 55).to_rfc3339()
        ),
    )
    .unwrap();
    let date = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let now = local(10, 10).to_utc();
    let mut app = App::new(Config::default(), date, store.load_day(date), None);
    app.update(Msg::Tick, now);
    tui_screen::text(&tui_screen::draw(&app, now, 100, 30, false))
}

#[test]
fn a_spent_snooze_budget_is_not_offered() {
    let fresh = screen(0);
    assert!(fresh.contains("Time for a"), "{fresh}");
    assert!(fresh.contains("z snooze (15 min left)"), "{fresh}");
    let spent = screen(15);
    assert!(spent.contains("Time for a"), "{spent}");
    assert!(
        !spent.contains("z snooze"),
        "no z on the card nor in the footer: {spent}"
    );
    assert!(spent.contains("no snoozes left"), "{spent}");
}
