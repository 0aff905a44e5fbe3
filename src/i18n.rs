//! Every user-facing text of kot's own, in English and Dutch, from the flat
//! catalogues `assets/i18n/{en,nl}.toml`. `t!("key", name = value)` fills
//! `{name}` placeholders; a key missing in Dutch falls back to English, and a
//! test keeps both files in step.

use std::collections::BTreeMap;
use std::fmt::{Display, Write as _};
use std::sync::LazyLock;
use std::sync::atomic::{AtomicU8, Ordering};

use crate::config::LanguagePref;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Nl,
}

pub const EN_SOURCE: &str = include_str!("../assets/i18n/en.toml");
pub const NL_SOURCE: &str = include_str!("../assets/i18n/nl.toml");

type Catalogue = BTreeMap<String, String>;

static EN: LazyLock<Catalogue> = LazyLock::new(|| parse(EN_SOURCE));
static NL: LazyLock<Catalogue> = LazyLock::new(|| parse(NL_SOURCE));
static LANG: AtomicU8 = AtomicU8::new(0);

/// A broken catalogue is a build defect the parity test catches; at run time it
/// degrades to showing keys rather than crashing.
fn parse(src: &str) -> Catalogue {
    toml::from_str(src).unwrap_or_default()
}

#[must_use]
pub fn catalogue(lang: Lang) -> &'static Catalogue {
    match lang {
        Lang::En => &EN,
        Lang::Nl => &NL,
    }
}

/// Pick the language: the config's choice, else the first non-empty of `LC_ALL`,
/// `LC_MESSAGES`, `LANG`; `nl…` means Dutch, anything else English.
pub fn detect(pref: LanguagePref, env: impl Fn(&str) -> Option<String>) -> Lang {
    match pref {
        LanguagePref::En => Lang::En,
        LanguagePref::Nl => Lang::Nl,
        LanguagePref::Auto => {
            let value = ["LC_ALL", "LC_MESSAGES", "LANG"]
                .into_iter()
                .find_map(|v| env(v).filter(|s| !s.trim().is_empty()))
                .unwrap_or_default();
            if value.trim().to_ascii_lowercase().starts_with("nl") {
                Lang::Nl
            } else {
                Lang::En
            }
        }
    }
}

/// Set the language for this process (first from the environment, then again
/// once the config is read).
pub fn set_language(lang: Lang) {
    LANG.store(lang as u8, Ordering::Relaxed);
}

#[must_use]
pub fn language() -> Lang {
    if LANG.load(Ordering::Relaxed) == Lang::Nl as u8 {
        Lang::Nl
    } else {
        Lang::En
    }
}

/// The text for `key` in the current language with `{name}` placeholders filled.
#[must_use]
pub fn t(key: &str, args: &[(&str, &dyn Display)]) -> String {
    t_in(language(), key, args)
}

/// `t` in `lang`, whatever this process speaks (for tests of both languages).
#[must_use]
pub fn t_in(lang: Lang, key: &str, args: &[(&str, &dyn Display)]) -> String {
    let text = catalogue(lang)
        .get(key)
        .or_else(|| EN.get(key))
        .map_or(key, String::as_str);
    fill(text, args)
}

/// Whether the catalogue (or the English fallback) has `key`.
#[must_use]
pub fn has(key: &str) -> bool {
    catalogue(language()).contains_key(key) || EN.contains_key(key)
}

/// `key.one` or `key.other` by `n`: English and Dutch share the rule.
#[must_use]
pub fn plural(key: &str, n: i64, args: &[(&str, &dyn Display)]) -> String {
    let form = if n == 1 { "one" } else { "other" };
    let mut all: Vec<(&str, &dyn Display)> = vec![("n", &n)];
    all.extend_from_slice(args);
    t(&format!("{key}.{form}"), &all)
}

/// An amount of time as the user reads it, in whole minutes (less than none
/// is none): `1h30`, `2h`, `45m` in English, `1u30`, `2u`, `45 min` in Dutch,
/// the form an estimate is typed in. Every amount shown goes through here; a
/// time left or past an end through `countdown`. Files and JSON keep
/// the language-free `1h30` (`core::time::Estimate`'s `Display`).
#[must_use]
pub fn hm(minutes: i64) -> String {
    hm_in(language(), minutes)
}

fn hm_in(lang: Lang, minutes: i64) -> String {
    let text = |key: &'static str| {
        catalogue(lang)
            .get(key)
            .or_else(|| EN.get(key))
            .map_or(key, String::as_str)
    };
    let m = minutes.max(0);
    match (m / 60, m % 60) {
        (0, m) => fill(text("unit.minutes"), &[("minutes", &m)]),
        (h, 0) => format!("{h}{}", text("unit.hour_letter")),
        (h, m) => format!("{h}{}{m:02}", text("unit.hour_letter")),
    }
}

/// A time left or past an end in words (`core::countdown` picks the units):
/// `45 min`, `1 h 5 min`, `2 h`, `9 min 05 s`; Dutch `1 uur 5 min`,
/// `9 min 05 sec`.
#[must_use]
pub fn countdown(c: impl Into<crate::core::countdown::Countdown>) -> String {
    countdown_in(language(), c.into())
}

/// `countdown` in `lang`.
#[must_use]
pub fn countdown_in(lang: Lang, c: crate::core::countdown::Countdown) -> String {
    use crate::core::countdown::Countdown;
    match c {
        Countdown::Minutes(m) => t_in(lang, "countdown.minutes", &[("minutes", &m)]),
        Countdown::Hours(h) => t_in(lang, "countdown.hours", &[("hours", &h)]),
        Countdown::HoursMinutes(h, m) => t_in(
            lang,
            "countdown.hours_minutes",
            &[("hours", &h), ("minutes", &m)],
        ),
        Countdown::MinutesSeconds(m, s) => seconds_words_in(lang, &m, &format!("{s:02}")),
    }
}

/// The words of a countdown to the second around any two parts: the TUI
/// fills them with markers to find where its digits go.
#[must_use]
pub fn seconds_words_in(lang: Lang, minutes: &dyn Display, seconds: &dyn Display) -> String {
    t_in(
        lang,
        "countdown.seconds",
        &[("minutes", minutes), ("seconds", seconds)],
    )
}

/// A past day named as someone would say it on `today`: its weekday
/// (`Monday`) when it lies within the last 6 days, else the weekday with
/// the date (`Monday 14 December`), so a day from last week or before is
/// not taken for this week's. Lower case where the language writes it so.
#[must_use]
pub fn day_near(date: chrono::NaiveDate, today: chrono::NaiveDate) -> String {
    day_near_in(language(), date, today)
}

fn day_near_in(lang: Lang, date: chrono::NaiveDate, today: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let text = |key: &str| {
        catalogue(lang)
            .get(key)
            .or_else(|| EN.get(key))
            .map_or_else(|| key.to_string(), String::clone)
    };
    let weekday = text(&format!(
        "weekday.{}",
        date.weekday().num_days_from_monday()
    ));
    if (0..=6).contains(&(today - date).num_days()) {
        return weekday;
    }
    fill(
        &text("date.short"),
        &[
            ("weekday", &weekday),
            ("day", &date.day()),
            ("month", &text(&format!("month.{}", date.month()))),
        ],
    )
}

/// Fill `{name}` placeholders in `text`; unknown ones stay as written (also
/// used for the user's `kot status --format` template).
#[must_use]
pub fn fill(text: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if args.iter().any(|(n, _)| *n == &after[..close]) => {
                let name = &after[..close];
                if let Some((_, v)) = args.iter().find(|(n, _)| *n == name) {
                    let _ = write!(out, "{v}");
                }
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The placeholders a text uses, for the parity test.
#[must_use]
pub fn placeholders(text: &str) -> Vec<String> {
    let mut v: Vec<String> = text
        .split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(n, _)| n.to_string()))
        .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .collect();
    v.sort();
    v.dedup();
    v
}

/// `t!("key")` or `t!("key", name = value, …)`.
#[macro_export]
macro_rules! t {
    ($key:expr) => {
        $crate::i18n::t($key, &[])
    };
    ($key:expr, $($name:ident = $val:expr),+ $(,)?) => {
        $crate::i18n::t($key, &[$((stringify!($name), &$val as &dyn ::std::fmt::Display)),+])
    };
}

pub const SUGGESTIONS_EN: &str = include_str!("../assets/suggestions/en.toml");
pub const SUGGESTIONS_NL: &str = include_str!("../assets/suggestions/nl.toml");

type Suggestions = BTreeMap<String, Vec<String>>;

static SUGGEST_EN: LazyLock<Suggestions> =
    LazyLock::new(|| toml::from_str(SUGGESTIONS_EN).unwrap_or_default());
static SUGGEST_NL: LazyLock<Suggestions> =
    LazyLock::new(|| toml::from_str(SUGGESTIONS_NL).unwrap_or_default());

/// Things to do in a break of `kind`, in the current language.
#[must_use]
pub fn suggestions(kind: crate::core::breaks::BreakKind) -> &'static [String] {
    let table = match language() {
        Lang::En => &*SUGGEST_EN,
        Lang::Nl => &*SUGGEST_NL,
    };
    table.get(kind.name()).map_or(&[], Vec::as_slice)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_in_english_and_dutch() {
        let both = |m| (hm_in(Lang::En, m), hm_in(Lang::Nl, m));
        assert_eq!(both(90), ("1h30".into(), "1u30".into()));
        assert_eq!(both(120), ("2h".into(), "2u".into()));
        assert_eq!(both(365), ("6h05".into(), "6u05".into()));
        assert_eq!(both(45), ("45m".into(), "45 min".into()));
        assert_eq!(both(-5), ("0m".into(), "0 min".into()));
        // What is shown can be typed back as an estimate.
        for m in [90, 120, 45] {
            let e: crate::core::time::Estimate = hm_in(Lang::Nl, m).parse().unwrap();
            assert_eq!(i64::from(e.minutes()), m);
        }
    }

    #[test]
    fn countdowns_in_words_in_english_and_dutch() {
        use crate::core::countdown::Countdown;
        let both = |c| (countdown_in(Lang::En, c), countdown_in(Lang::Nl, c));
        let m = |m| both(Countdown::minutes(m));
        assert_eq!(m(45), ("45 min".into(), "45 min".into()));
        assert_eq!(m(60), ("1 h".into(), "1 uur".into()));
        assert_eq!(m(65), ("1 h 5 min".into(), "1 uur 5 min".into()));
        assert_eq!(m(430), ("7 h 10 min".into(), "7 uur 10 min".into()));
        let s = |s| both(Countdown::seconds(s));
        assert_eq!(s(569), ("9 min 29 s".into(), "9 min 29 sec".into()));
        assert_eq!(s(5), ("0 min 05 s".into(), "0 min 05 sec".into()));
        assert_eq!(s(3600), ("60 min 00 s".into(), "60 min 00 sec".into()));
    }

    #[test]
    fn a_day_is_named_by_its_weekday_only_within_the_last_six_days() {
        let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
        let today = d("2026-12-23"); // a Wednesday
        let both = |s| {
            (
                day_near_in(Lang::En, d(s), today),
                day_near_in(Lang::Nl, d(s), today),
            )
        };
        assert_eq!(both("2026-12-21"), ("Monday".into(), "maandag".into()));
        assert_eq!(both("2026-12-17"), ("Thursday".into(), "donderdag".into()));
        assert_eq!(
            both("2026-12-16"),
            (
                "Wednesday 16 December".into(),
                "woensdag 16 december".into()
            )
        );
        assert_eq!(
            both("2026-12-14"),
            ("Monday 14 December".into(), "maandag 14 december".into())
        );
    }

    #[test]
    fn fill_replaces_known_placeholders_only() {
        let n = 3;
        assert_eq!(fill("{n} tasks, {other}", &[("n", &n)]), "3 tasks, {other}");
        assert_eq!(fill("a {b", &[]), "a {b");
    }

    #[test]
    fn detect_reads_the_first_nonempty_variable() {
        let env = |vals: [(&'static str, &'static str); 3]| {
            move |k: &str| {
                vals.iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| (*v).to_string())
            }
        };
        assert_eq!(
            detect(
                LanguagePref::Auto,
                env([
                    ("LC_ALL", ""),
                    ("LC_MESSAGES", "nl_BE.UTF-8"),
                    ("LANG", "en_US")
                ])
            ),
            Lang::Nl
        );
        assert_eq!(
            detect(
                LanguagePref::Auto,
                env([("LC_ALL", "C"), ("LC_MESSAGES", "nl_BE"), ("LANG", "nl")])
            ),
            Lang::En
        );
        assert_eq!(
            detect(
                LanguagePref::En,
                env([("LC_ALL", "nl_NL"), ("LC_MESSAGES", ""), ("LANG", "")])
            ),
            Lang::En
        );
        assert_eq!(detect(LanguagePref::Auto, |_| None), Lang::En);
    }
}
