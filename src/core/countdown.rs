//! How long until (or since) a moment, in words that cannot be taken for a
//! time of day: `9 min 05 s` (Dutch `9 min 05 sec`), `45 min`, `1 h 5 min`, `2 h` (Dutch `2 uur`).
//! `09:29 left` read as a clock time, `nog 09:28` as "until 09:28".
//!
//! Amounts of work (estimates, totals) stay `1h30` (`i18n::hm`): those are
//! typed back as estimates. Every front end writes a time left or a time
//! past an end through here.

use std::fmt::Display;

use crate::i18n::{Lang, language, t_in};

/// Whole minutes, rounded down (less than none is none): `45 min`,
/// `1 h 5 min`, `2 h`.
#[must_use]
pub fn minutes(minutes: i64) -> String {
    minutes_in(language(), minutes)
}

fn minutes_in(lang: Lang, minutes: i64) -> String {
    let m = minutes.max(0);
    match (m / 60, m % 60) {
        (0, m) => t_in(lang, "countdown.minutes", &[("minutes", &m)]),
        (h, 0) => t_in(lang, "countdown.hours", &[("hours", &h)]),
        (h, m) => t_in(
            lang,
            "countdown.hours_minutes",
            &[("hours", &h), ("minutes", &m)],
        ),
    }
}

/// A `chrono` duration as `minutes` writes it.
#[must_use]
pub fn duration(d: chrono::Duration) -> String {
    minutes(d.num_minutes())
}

/// To the second, for a countdown redrawn every second: all minutes and two
/// digits of seconds (`9 min 05 s`, `60 min 00 s`), so the text keeps its
/// shape from one second to the next.
#[must_use]
pub fn seconds_in(lang: Lang, seconds: i64) -> String {
    let s = seconds.max(0);
    with_seconds_in(lang, &(s / 60), &format!("{:02}", s % 60))
}

/// `seconds`' words around any two parts: the TUI fills them with markers
/// to find where its digits go.
#[must_use]
pub fn with_seconds_in(lang: Lang, minutes: &dyn Display, seconds: &dyn Display) -> String {
    t_in(
        lang,
        "countdown.seconds",
        &[("minutes", minutes), ("seconds", seconds)],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countdowns_in_words_in_english_and_dutch() {
        let cases: [(i64, &str, &str); 6] = [
            (45, "45 min", "45 min"),
            (0, "0 min", "0 min"),
            (-3, "0 min", "0 min"),
            (60, "1 h", "1 uur"),
            (65, "1 h 5 min", "1 uur 5 min"),
            (430, "7 h 10 min", "7 uur 10 min"),
        ];
        for (lang, pick) in [(Lang::En, 0), (Lang::Nl, 1)] {
            for (m, en, nl) in cases {
                assert_eq!(minutes_in(lang, m), [en, nl][pick], "{lang:?} {m}");
            }
            let s = ["s", "sec"][pick];
            assert_eq!(seconds_in(lang, 569), format!("9 min 29 {s}"));
            assert_eq!(seconds_in(lang, 5), format!("0 min 05 {s}"));
            assert_eq!(seconds_in(lang, 3600), format!("60 min 00 {s}"));
            assert_eq!(seconds_in(lang, -1), format!("0 min 00 {s}"));
        }
    }
}
