//! Work chosen on a holiday begins like a weekend's extra work: the
//! check-in waits until home or office is chosen, from `kot where` or the
//! place popup, then opens.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]

use chrono::{Local, NaiveDate, TimeZone};
use kot::config::Config;
use kot::core::day::{Day, DayOp, Place};
use kot::store::DayLoad;
use kot::tui::app::{App, Msg};

fn christmas() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 25).unwrap()
}

fn office(date: NaiveDate) -> Day {
    let mut day = Day::new(date);
    day.apply(DayOp::SetPlace {
        place: Some(Place::Office),
        extra_work: true,
    })
    .unwrap();
    day
}

#[test]
fn work_chosen_on_a_holiday_opens_the_check_in_as_on_a_weekend() {
    let mut config = Config::default();
    config.workday.holidays = vec![christmas()];
    let now = Local
        .from_local_datetime(&christmas().and_hms_opt(9, 17, 0).unwrap())
        .unwrap()
        .to_utc();
    // Saturday, no work in the config: no check-in by itself.
    let saturday = NaiveDate::from_ymd_opt(2026, 12, 26).unwrap();
    let app = App::new(config.clone(), saturday, DayLoad::Missing, None);
    assert!(app.checkin.is_none(), "a weekend is left alone");
    let app = App::new(
        config.clone(),
        saturday,
        DayLoad::Ok(office(saturday)),
        None,
    );
    assert!(
        app.checkin.is_some(),
        "extra work on it begins with the check-in"
    );
    // The holiday: quiet, until `kot where office` is read back.
    let mut app = App::new(config.clone(), christmas(), DayLoad::Missing, None);
    app.update(Msg::Tick, now);
    assert!(app.checkin.is_none(), "a holiday is left alone");
    app.reloaded(DayLoad::Ok(office(christmas())), None);
    assert!(app.checkin.is_some(), "extra work begins with the check-in");
    // Started after `kot where office`: the same.
    let app = App::new(config, christmas(), DayLoad::Ok(office(christmas())), None);
    assert!(app.checkin.is_some());
}
