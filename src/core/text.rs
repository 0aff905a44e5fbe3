//! Text from files and arguments on its way into a day or onto a terminal.
//!
//! A title or a value in a (synced, hand-edited) file may hold ESC, BEL and the
//! other C0/C1 controls, which a terminal obeys: `ESC ] 0 ; … BEL` sets its
//! title, OSC 52 writes the clipboard. Bidi embeddings, overrides and isolates
//! (U+202A–202E, U+2066–2069) reorder the text after them, so a line can read
//! differently from what it holds. These are "unsafe" here.
//!
//! - `clean_title` is for input: unsafe characters are dropped (line breaks and
//!   tabs become spaces), so what is stored is one plain line.
//! - `display_safe` is for output: unsafe characters are shown escaped (`\e`,
//!   `\n`, `\u{7}`, `\u{202e}`), so a file written elsewhere can still be read
//!   and fixed, and nothing reaches the terminal that it would act on.
//! - `json_safe` is for JSON: the same characters as `\u` escapes, so the
//!   JSON stays exact and still cannot drive a terminal.
//! - `fixed_width` is for the TUI's grid: joined emoji come apart, so every
//!   terminal gives them the width the layout counted.
//!
//! The marks U+200E, U+200F and U+061C are kept: they only set the direction of
//! the neutral characters beside them, are part of ordinary Arabic and Hebrew
//! text, and cannot reorder a run the way an override or isolate does. ZWJ
//! (U+200D) is kept too: emoji sequences need it. A backslash is not escaped:
//! the escaped form is for reading, `--json` is the exact form.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Embeddings, overrides and isolates: they reorder what follows them.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A character a terminal acts on or that reorders the text around it.
/// `char::is_control` is Unicode's Cc: C0 (U+0000–001F), DEL and C1 (U+0080–009F).
#[must_use]
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// A title as one plain line: every whitespace run (line breaks and tabs
/// included) becomes one space, other unsafe characters are dropped, the ends
/// are trimmed. Empty when nothing printable was left.
#[must_use]
pub fn clean_title(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    let mut space = false;
    for c in title.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
        } else if !is_unsafe(c) {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// `text` with every unsafe character escaped: `\e`, `\n`, `\r`, `\t`, or
/// `\u{hex}`. Borrowed when there is nothing to escape, the usual case.
#[must_use]
pub fn display_safe(text: &str) -> Cow<'_, str> {
    escape(text, false)
}

/// Like `display_safe`, for a whole message of kot's own: its line breaks are
/// kept, everything else unsafe is escaped.
#[must_use]
pub fn display_safe_lines(text: &str) -> Cow<'_, str> {
    escape(text, true)
}

/// JSON text (as serde_json writes it) with every unsafe character but the
/// line break written as a `\u` escape. serde_json escapes C0 controls
/// already, but writes DEL, C1 controls and bidi overrides as they are. The
/// JSON reads back as the same text, and nothing in it acts on a terminal.
/// Such characters only occur in strings (outside them JSON has ASCII
/// punctuation and whitespace) and are all in the BMP: one `\uXXXX` each.
#[must_use]
pub fn json_safe(json: &str) -> Cow<'_, str> {
    let needs = |c: char| c != '\n' && is_unsafe(c);
    if !json.chars().any(needs) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if needs(c) {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Joiners that make one wide glyph of several: ZWJ (👩‍💻), the emoji
/// presentation selector (❤️) and the skin tones (👍🏽).
fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200D}' | '\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}')
}

/// `text` with the joiners of emoji sequences left out, for a grid of cells.
/// Terminals disagree on how many cells a joined sequence takes (👩‍💻 is 2 in
/// some, 4 in others; ❤️ 1 or 2) while the layout counts one number, so a
/// border after it can be overwritten. Apart, every piece has one width
/// everywhere: 👩💻 is 4 cells, ❤ is 1.
#[must_use]
pub fn fixed_width(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_joiner) {
        Cow::Owned(text.chars().filter(|&c| !is_joiner(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

fn escape(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    let needs = |c: char| is_unsafe(c) && !(keep_newlines && c == '\n');
    if !text.chars().any(needs) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !needs(c) {
            out.push(c);
            continue;
        }
        match c {
            '\u{1b}' => out.push_str("\\e"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            _ => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "x\u{1b}]0;PWNED\u{7} \u{9b}31m\u{202e}evil\u{2066}\u{7f}";

    #[test]
    fn titles_lose_controls_and_bidi_overrides() {
        assert_eq!(clean_title(HOSTILE), "x]0;PWNED 31mevil");
        assert_eq!(clean_title("  two\n\tlines\r\n "), "two lines");
        assert_eq!(clean_title("\u{1b}\u{7}"), "");
        assert_eq!(clean_title("a \u{1b} b"), "a b");
    }

    #[test]
    fn titles_keep_ordinary_text() {
        for t in [
            "👩\u{200d}💻 Café 漢字",
            "Cafe\u{301}",
            "\u{5e9}\u{5dc}\u{5d5}\u{5dd}\u{200f} (2)",
            r"C:\Users\me",
        ] {
            assert_eq!(clean_title(t), t);
        }
    }

    #[test]
    fn display_escapes_what_a_terminal_would_act_on() {
        assert_eq!(
            display_safe(HOSTILE),
            "x\\e]0;PWNED\\u{7} \\u{9b}31m\\u{202e}evil\\u{2066}\\u{7f}"
        );
        assert_eq!(display_safe("a\nb\tc\r"), "a\\nb\\tc\\r");
        assert_eq!(display_safe_lines("a\nb\u{1b}\n"), "a\nb\\e\n");
    }

    #[test]
    fn json_stays_exact_and_safe() {
        let text = "a\u{1b}b\u{9b}c\u{202e}d\u{7f}\n";
        let json = serde_json::to_string_pretty(&[text]).unwrap();
        let safe = json_safe(&json);
        assert!(!safe.chars().any(|c| is_unsafe(c) && c != '\n'), "{safe}");
        let back: Vec<String> = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, [text]);
        assert!(matches!(json_safe("{\n  \"a\": 1\n}"), Cow::Borrowed(_)));
    }

    #[test]
    fn joined_emoji_come_apart() {
        assert_eq!(
            fixed_width("👩\u{200d}💻 Café 漢字 👍🏽 ❤\u{fe0f} e\u{301}"),
            "👩💻 Café 漢字 👍 ❤ e\u{301}"
        );
        assert!(matches!(fixed_width("Café 漢字 🇧🇪"), Cow::Borrowed(_)));
    }

    #[test]
    fn safe_text_is_borrowed_untouched() {
        let t = "👩\u{200d}💻 Café 漢字 \u{200e}";
        assert!(matches!(display_safe(t), Cow::Borrowed(s) if s == t));
    }

    #[test]
    fn nothing_unsafe_survives_either_way() {
        let all: String = (0u32..0x30000).filter_map(char::from_u32).collect();
        assert!(!clean_title(&all).chars().any(is_unsafe));
        assert!(!display_safe(&all).chars().any(is_unsafe));
        assert!(
            !display_safe_lines(&all)
                .chars()
                .any(|c| is_unsafe(c) && c != '\n')
        );
    }
}
