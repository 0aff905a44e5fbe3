//! The shutdown ritual on small terminals (44×12 up): the step's input, the
//! selected task or the text field, stays in sight, the list of steps gives
//! way, and "↓ more" says what is cut. English and Dutch in one test, as the
//! language is the process's.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]

mod ritual_kot;
mod tui_screen;

use chrono::Weekday;
use kot::config::Config;
use kot::i18n::{Lang, set_language};
use kot::tui::keymap::Layer;
use ratatui::crossterm::event::KeyCode;
use ritual_kot::{Kot, at, config};

/// The shared Monday with a third open task, so step 1 has more than fits.
fn kot(config: Config, now: chrono::DateTime<chrono::Utc>) -> Kot {
    Kot::with_tasks(config, now, &["Call the printer"])
}

/// Monday is the week's only work day, so its ritual has the week step;
/// last week chose a one thing.
fn week_kot() -> Kot {
    let mut c = config();
    c.workday.days = vec![Weekday::Mon];
    let kot = kot(c, at(23, 17, 35));
    let w47 = kot
        .dir
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
        let mut kot = kot(config(), at(23, 17, 35));
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
