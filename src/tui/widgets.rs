//! Pieces drawn on several screens.

pub mod footer;
pub mod timeline;

use chrono::{Datelike, NaiveDate};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

use crate::core::text::{display_safe, fixed_width};
use crate::t;

/// Text from a file (a title) as the TUI draws it: controls escaped, as the CLI
/// shows them, and joined emoji apart so no border after it moves.
#[must_use]
pub fn shown(text: &str) -> String {
    fixed_width(&display_safe(text)).into_owned()
}

/// `Monday 23 November 2026` in the interface language.
#[must_use]
pub fn long_date(d: NaiveDate) -> String {
    t!(
        "date.long",
        weekday = t!(&format!("weekday.{}", d.weekday().num_days_from_monday())),
        day = d.day(),
        month = t!(&format!("month.{}", d.month())),
        year = d.year()
    )
}

/// `Mon 23 Nov` in the interface language.
#[must_use]
pub fn short_date(d: NaiveDate) -> String {
    t!(
        "date.short",
        weekday = t!(&format!(
            "weekday.short.{}",
            d.weekday().num_days_from_monday()
        )),
        day = d.day(),
        month = t!(&format!("month.short.{}", d.month()))
    )
}

/// `line` cut to `width` columns: when it does not fit it ends in `…` after
/// the last whole word that fits (mid-word only for one word too long for
/// the line), styles kept.
#[must_use]
pub fn fit_line(line: Line<'static>, width: usize) -> Line<'static> {
    if line.width() <= width {
        return line;
    }
    let room = width.saturating_sub(1);
    let style = line.style;
    let alignment = line.alignment;
    let mut kept: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    let mut mid_word = false;
    for span in line.spans {
        let w = span.width();
        if used + w <= room {
            used += w;
            kept.push(span);
            continue;
        }
        let mut text = String::new();
        let mut rest = span.content.chars();
        for c in rest.by_ref() {
            let cw = UnicodeWidthChar::width(c).unwrap_or(0);
            if used + cw > room {
                mid_word = !c.is_whitespace();
                break;
            }
            used += cw;
            text.push(c);
        }
        kept.push(Span::styled(text, span.style));
        break;
    }
    if mid_word {
        back_to_word(&mut kept);
    }
    if let Some(last) = kept.last_mut() {
        let trimmed = last.content.trim_end().to_string();
        last.content = trimmed.into();
    }
    let tail = kept.last().map(|s| s.style).unwrap_or_default();
    kept.push(Span::styled("…", tail));
    let mut out = Line::from(kept).style(style);
    out.alignment = alignment;
    out
}

/// Drop the word cut in two at the end of the last span, when a whole word
/// stands before it in that span (a title of one long word is cut).
fn back_to_word(spans: &mut [Span<'static>]) {
    if let Some(last) = spans.last_mut()
        && let Some(i) = last.content.rfind(char::is_whitespace)
    {
        let cut = last.content[..i].to_string();
        last.content = cut.into();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fit(text: &str, width: usize) -> String {
        fit_line(Line::raw(text.to_string()), width).to_string()
    }

    #[test]
    fn long_text_ends_in_an_ellipsis_after_a_whole_word() {
        assert_eq!(
            fit("Write the quarterly report", 40),
            "Write the quarterly report"
        );
        assert_eq!(fit("Write the quarterly report", 18), "Write the…");
        assert_eq!(
            fit("Write the quarterly report", 20),
            "Write the quarterly…"
        );
        assert_eq!(fit("Supercalifragilistic", 8), "Superca…");
        let spans = Line::from(vec![Span::raw("  1 [ ] "), Span::raw("Book train tickets")]);
        assert_eq!(fit_line(spans, 20).to_string(), "  1 [ ] Book train…");
        let spans = Line::from(vec![Span::raw("  1 [ ] "), Span::raw("Booking")]);
        assert_eq!(fit_line(spans, 12).to_string(), "  1 [ ] Boo…");
    }
}
