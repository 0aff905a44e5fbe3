//! Friction a demanding user found on screen (issue 17): the footer, a
//! refused input, the evening form, the journal search. The real binary in
//! a pseudo-terminal at a fixed clock, Monday 2026-11-23 (Europe/Brussels),
//! in English and Dutch, at 120×35, 60×20 and 44×12.
#![allow(clippy::disallowed_methods)] // tests write fixtures plainly
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod pty;

use std::path::Path;

use pty::{Kot, TODAY};

const SIZES: [(u16, u16); 3] = [(120, 35), (60, 20), (44, 12)];
const ESC: &str = "\x1b";
const ENTER: &str = "\r";

fn temp() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("kot-friction-")
        .tempdir()
        .unwrap()
}

fn write_day(dir: &Path, date: &str, body: &str) {
    let path = pty::day_path(dir, date);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, format!("date = \"{date}\"\n{body}")).unwrap();
}

/// Today checked in at home, with `body` after it.
fn checked_in(dir: &Path, body: &str) {
    write_day(
        dir,
        TODAY,
        &format!("place = \"home\"\n{body}\n[checkin]\nat = \"{TODAY}T08:55:00+01:00\"\n"),
    );
}

/// `kot` at local time `hm` today, the clock standing still, in Dutch when
/// `dutch`.
fn spawn(dir: &Path, (cols, rows): (u16, u16), hm: &str, dutch: bool) -> Kot {
    let now = format!("{TODAY}T{hm}:00");
    let mut env = vec![("KOT_NOW", now.as_str()), ("KOT_TIME_SCALE", "0")];
    if dutch {
        env.push(("LANG", "nl_BE.UTF-8"));
    }
    Kot::spawn(dir, cols, rows, &env)
}

/// The footer: the way on or out stays at every size and in both languages;
/// Today offers its break, lunch and pause keys at 120 columns.
#[test]
fn the_footer_keeps_the_way_on_and_out_at_every_size() {
    for dutch in [false, true] {
        let (today, evening_on, evening_out) = if dutch {
            (". vandaag", "Enter klaar", "Esc overslaan")
        } else {
            (". today", "Enter finish", "Esc skip")
        };
        for size in SIZES {
            let tmp = temp();
            let dir = tmp.path();
            checked_in(dir, "");
            let mut kot = spawn(dir, size, "09:20", dutch);
            // Another day shown: `.` is the way back.
            kot.send("[");
            kot.wait_until(&format!("{size:?} {today}"), |_| {
                kot.row(-1).contains(today)
            });
            kot.send(".");
            kot.wait_until("back on today", |_| !kot.row(-1).contains(today));
            // The evening form: Enter and Esc are how it is left.
            kot.send("2");
            kot.send("e");
            kot.wait_until(&format!("{size:?} evening form footer"), |_| {
                let foot = kot.row(-1);
                foot.contains(evening_on) && foot.contains(evening_out)
            });
        }
    }
    // A busy day at 120 columns: the wrap-up (`Q`), another day shown with
    // a task selected: `.` still shows.
    let tmp = temp();
    let dir = tmp.path();
    // Checked in at 09:30 with eight hours of focus: no break due at 17:10.
    write_day(
        dir,
        TODAY,
        &format!("place = \"home\"\n[checkin]\nat = \"{TODAY}T09:30:00+01:00\"\n"),
    );
    std::fs::write(dir.join("config.toml"), "[breaks]\nfocus_minutes = 480\n").unwrap();
    write_day(
        dir,
        "2026-11-22",
        "next_task = 2\nnext_block = 2\n[[tasks]]\nid = 1\ntitle = \"Read\"\n\
         [[blocks]]\nid = 1\nspan = \"10:00-10:30\"\ntitle = \"Call\"\nkind = \"meeting\"\n",
    );
    let mut kot = spawn(dir, (120, 35), "17:10", false);
    kot.wait_until("Q offered", |_| kot.row(-1).contains("Q "));
    kot.send("[");
    kot.wait_until("`.` on a busy day at 120", |_| {
        let foot = kot.row(-1);
        foot.contains(". today") && foot.contains("Q ") && foot.contains("x done")
    });
    let tmp = temp();
    let dir = tmp.path();
    checked_in(dir, "");
    let kot = spawn(dir, (120, 35), "09:20", false);
    kot.wait_until("s and p on Today's footer", |_| {
        let foot = kot.row(-1);
        foot.contains("s break") && foot.contains("p pause") && !foot.contains("l lunch")
    });
    let tmp = temp();
    let dir = tmp.path();
    checked_in(dir, "");
    // No break due yet at 11:30: Today's own footer shows.
    std::fs::write(dir.join("config.toml"), "[breaks]\nfocus_minutes = 180\n").unwrap();
    let kot = spawn(dir, (120, 35), "11:30", false);
    kot.wait_until("s, l and p near lunch time on Today's footer", |_| {
        let foot = kot.row(-1);
        foot.contains("s break") && foot.contains("l lunch") && foot.contains("p pause")
    });
}

/// The check-in's top 3 is full and the user presses `a` and types a title:
/// the refused add leaves them typing in a box that says why, never in the
/// check-in's keys (`t` once unmarked a top task, the text was lost).
#[test]
fn a_refused_add_keeps_the_typing_in_a_box() {
    let tmp = temp();
    let dir = tmp.path();
    write_day(
        dir,
        TODAY,
        "place = \"home\"\nnext_task = 4\n\
         [[tasks]]\nid = 1\ntitle = \"First\"\ntop = true\n\
         [[tasks]]\nid = 2\ntitle = \"Second\"\ntop = true\n\
         [[tasks]]\nid = 3\ntitle = \"Third\"\ntop = true\n",
    );
    let mut kot = spawn(dir, (100, 30), "08:55", false);
    kot.wait_for("Where do you work today?");
    kot.send(ENTER);
    kot.wait_for("How do you feel today?");
    kot.send("3");
    kot.wait_for("Pick today's top 3 (3/3 chosen)");
    kot.send("a");
    kot.send("tax return");
    kot.wait_for_all(&["New top-3 task", "tax return", "the top 3 is full"]);
    // Enter is refused again: the box stays, the text in it.
    kot.send(ENTER);
    kot.wait_for_all(&["New top-3 task", "tax return", "the top 3 is full"]);
    kot.send(ESC);
    kot.wait_gone("New top-3 task");
    let day = pty::day_toml(dir, TODAY);
    let tops = day["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t.get("top").and_then(toml::Value::as_bool) == Some(true))
        .count();
    assert_eq!(tops, 3, "{day:?}");
}

/// The evening form, as the ritual's journal step, at every size
/// and in both languages: the row being scored shows (scrolled to on a short
/// terminal), and a label never runs into its value.
#[test]
fn the_evening_form_shows_the_row_scored_and_its_value_apart() {
    for dutch in [false, true] {
        let (top, need, talked) = if dutch {
            ("Afsluiten", "Verbondenheid", "Gesproken")
        } else {
            ("Shutdown", "Relatedness", "Talked with")
        };
        for size in SIZES {
            let tmp = temp();
            let dir = tmp.path();
            checked_in(dir, "");
            let mut kot = spawn(dir, size, "17:15", dutch);
            kot.send("Q");
            kot.wait_for(top);
            kot.send(ENTER);
            kot.send(ENTER);
            kot.wait_for("›");
            for (score, next) in [("3", "Energ"), ("4", "Auton"), ("2", "Compet"), ("5", need)] {
                kot.send(score);
                kot.wait_until(&format!("{size:?} on {next}"), |s| {
                    pty::has_line(s, &["› ", next])
                });
            }
            kot.send("4");
            let s = kot.wait_until(&format!("{size:?} on {talked}"), |s| {
                pty::has_line(s, &["› ", talked])
            });
            assert!(!s.contains(&format!("{need}4")), "{size:?}\n{s}");
            if size.1 > 12 {
                assert!(pty::has_line(&s, &[need, " 4/5"]), "{size:?}\n{s}");
            }
            // A contact without a name is refused: the line typed and the
            // refusal both show, even at the smallest size.
            let (empty, refusal) = if dutch {
                ("Wie:", "een contact heeft een naam nodig")
            } else {
                ("Who:", "a contact needs a name")
            };
            kot.send("c");
            kot.wait_for(empty);
            kot.send(ENTER);
            kot.wait_for_all(&[empty, refusal]);
        }
    }
}

/// The evening form offers the day's meetings as conversations and its
/// tasks done as wins, each recorded with one key (`C`, `W`), the next one
/// offered after it; in the ritual's journal step too.
#[test]
fn the_evening_form_offers_meetings_and_tasks_done() {
    let plan = "next_task = 3\nnext_block = 3\n\
         [[tasks]]\nid = 1\ntitle = \"Ship the release\"\nstatus = \"done\"\n\
         [[tasks]]\nid = 2\ntitle = \"Water the plants\"\n\
         [[blocks]]\nid = 1\nspan = \"10:00-10:30\"\ntitle = \"Standup\"\nkind = \"meeting\"\nvideo = true\n\
         [[blocks]]\nid = 2\nspan = \"14:00-14:30\"\ntitle = \"Lunch with Lena\"\nkind = \"meeting\"\n";
    for (size, dutch) in [((120, 35), false), ((60, 20), true)] {
        let tmp = temp();
        let dir = tmp.path();
        checked_in(dir, plan);
        let mut kot = spawn(dir, size, "16:00", dutch);
        kot.send("2");
        kot.send("e");
        let video = if dutch { "videogesprek" } else { "video" };
        kot.wait_line(&["C ", &format!("+ Standup ({video})")]);
        kot.wait_line(&["W ", "+ Ship the release"]);
        kot.send("C");
        kot.wait_line(&["C ", "+ Lunch"]);
        kot.send("W");
        kot.wait_gone("+ Ship the release");
        kot.send("C");
        kot.wait_gone("+ Lunch");
        let path = dir
            .join("journal")
            .join("2026")
            .join(format!("{TODAY}.toml"));
        let raw = std::fs::read_to_string(&path).unwrap();
        assert!(
            raw.contains("Standup") && raw.contains("Lunch with Lena"),
            "{raw}"
        );
        assert!(raw.contains("Ship the release"), "{raw}");
    }
    // The ritual's journal step offers them too.
    let tmp = temp();
    let dir = tmp.path();
    checked_in(dir, plan);
    let mut kot = spawn(dir, (120, 35), "17:15", false);
    kot.send("Q");
    kot.wait_for("Shutdown");
    kot.send(ENTER);
    kot.send(ENTER);
    kot.wait_line(&["C ", "+ Standup (video)"]);
}

/// The journal search lists the newest day first, on screen as on the
/// command line, and Esc from a day opened from its results goes back to
/// them: the same query, the same selection.
#[test]
fn journal_search_lists_newest_first_and_esc_goes_back_to_the_results() {
    let tmp = temp();
    let dir = tmp.path();
    checked_in(dir, "");
    for (date, text) in [
        ("2026-11-16", "Koffie met Lena"),
        ("2026-11-18", "Lena belde"),
        ("2026-11-20", "Lunch met Lena"),
    ] {
        pty::cli_ok(dir, &["journal", text, "--date", date]);
    }
    let out = pty::cli_ok(dir, &["journal", "search", "lena"]);
    let at = |s: &str, d: &str| s.find(d).unwrap_or_else(|| panic!("{d} in\n{s}"));
    assert!(at(&out, "2026-11-20") < at(&out, "2026-11-18"), "{out}");
    assert!(at(&out, "2026-11-18") < at(&out, "2026-11-16"), "{out}");

    let mut kot = spawn(dir, (100, 30), "09:20", false);
    kot.send("2");
    kot.wait_for("Enter read");
    kot.send("/");
    kot.send("lena");
    kot.send(ENTER);
    let s = kot.wait_for("3 days found");
    assert!(at(&s, "Fri 20 Nov") < at(&s, "Wed 18 Nov"), "{s}");
    assert!(at(&s, "Wed 18 Nov") < at(&s, "Mon 16 Nov"), "{s}");
    kot.send("j");
    kot.send(ENTER);
    kot.wait_gone("3 days found");
    kot.wait_for("Lena belde");
    kot.send(ESC);
    kot.wait_for_all(&["3 days found", "lena", "Fri 20 Nov"]);
    // The selection stayed on the 18th: Enter opens it again.
    kot.send(ENTER);
    kot.wait_gone("3 days found");
    kot.wait_for("Lena belde");
    assert!(!kot.contains("Lunch met Lena"), "{}", kot.screen());
}

/// With `NO_COLOR` the calendar's mood is a raised digit beside the day:
/// day 23 with mood 3 reads `23³`, never `233`.
#[test]
fn without_colour_the_calendar_mood_stands_apart_from_the_day() {
    let tmp = temp();
    let dir = tmp.path();
    checked_in(dir, "");
    pty::cli_ok(dir, &["journal", "rate", "--mood", "3", "--date", TODAY]);
    pty::cli_ok(
        dir,
        &["journal", "rate", "--mood", "5", "--date", "2026-11-20"],
    );
    for dutch in [false, true] {
        let now = format!("{TODAY}T09:20:00");
        let mut env = vec![
            ("KOT_NOW", now.as_str()),
            ("KOT_TIME_SCALE", "0"),
            ("NO_COLOR", "1"),
        ];
        if dutch {
            env.push(("LANG", "nl_BE.UTF-8"));
        }
        let mut kot = Kot::spawn(dir, 100, 30, &env);
        kot.send("2");
        let s = kot.wait_for_all(&["23³", "20⁵", "¹-⁵"]);
        assert!(!s.contains("233") && !s.contains("205"), "{s}");
        kot.send("q");
    }
}

/// A day whose file cannot be read is never written: `a` there still opens
/// the box, saying why nothing can be saved, so the title typed after it
/// does not run as Today's keys (`w` once opened the place chooser, `t`
/// and `e` acted on tasks).
#[test]
fn on_an_unreadable_day_the_add_box_opens_refused() {
    let tmp = temp();
    let dir = tmp.path();
    checked_in(dir, "");
    let yesterday = "2026-11-22";
    write_day(dir, yesterday, "this is not toml\n");
    let before = std::fs::read(pty::day_path(dir, yesterday)).unwrap();
    let mut kot = spawn(dir, (100, 30), "09:20", false);
    kot.send("[");
    kot.wait_for("yesterday ·");
    kot.send("a");
    kot.send("write the report");
    kot.wait_for_all(&["New task", "write the report", "cannot read this day"]);
    kot.send(ENTER);
    kot.wait_for_all(&["New task", "write the report", "cannot read this day"]);
    kot.send(ESC);
    kot.wait_gone("New task");
    assert_eq!(
        std::fs::read(pty::day_path(dir, yesterday)).unwrap(),
        before
    );
}

/// Under the break card, with another day shown, `.` (still the way back to
/// today) is offered in the footer, at every size.
#[test]
fn the_way_back_to_today_shows_under_the_break_card() {
    for (dutch, today) in [(false, ". today"), (true, ". vandaag")] {
        for size in SIZES {
            let tmp = temp();
            let dir = tmp.path();
            checked_in(dir, "");
            let mut kot = spawn(dir, size, "10:00", dutch);
            kot.wait_until("the break card's keys", |_| kot.row(-1).contains("z "));
            kot.send("[");
            kot.wait_until(&format!("{size:?} {today} under the break card"), |_| {
                kot.row(-1).contains(today)
            });
        }
    }
}
