//! The journal's month: a calendar with each day coloured by its evening mood
//! (without colour: the mood's digit raised beside the day), office days and days
//! without a real conversation marked, a legend under it, and the month's
//! entries with their first line beside it (under it when narrow).

use chrono::{Datelike, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph};

use super::Journal;
use super::io::month_range;
use crate::core::day::Place;
use crate::core::journal::ContactState;
use crate::core::journal::summary::DaySummary;
use crate::t;
use crate::tui::theme::Theme;
use crate::tui::widgets::{short_date, shown};

/// The mark of a day at the office, and of a day without a real conversation.
pub const OFFICE: char = 'o';
pub const ALONE: char = 'x';

/// Columns per day: ` dd` and three marks (mood digit, office, contact).
const CELL: u16 = 6;
/// The calendar's width: seven days and the borders.
pub const WIDTH: u16 = CELL * 7 + 2;

pub fn render(f: &mut Frame, area: Rect, j: &Journal, today: NaiveDate, theme: Theme) {
    let selected = j.selected.unwrap_or(today);
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    render_header(f, head, j, selected, theme);
    let weeks = weeks_in(selected);
    let cal_height = u16::try_from(weeks).unwrap_or(6) + 3;
    let (cal, legend, list) = if body.width >= WIDTH + 30 {
        let [left, right] =
            Layout::horizontal([Constraint::Length(WIDTH), Constraint::Min(0)]).areas(body);
        let [cal, legend, _] = Layout::vertical([
            Constraint::Length(cal_height),
            Constraint::Length(2),
            Constraint::Min(0),
        ])
        .areas(left);
        (cal, legend, right)
    } else {
        // Every week first; the legend only where it fits under them.
        let legend = u16::from(body.height > cal_height);
        let [cal, legend, list] = Layout::vertical([
            Constraint::Length(cal_height),
            Constraint::Length(legend),
            Constraint::Min(0),
        ])
        .areas(body);
        (cal, legend, list)
    };
    render_month(f, cal, j, selected, today, theme);
    render_legend(f, legend, theme);
    render_entries(f, list, j, selected, theme);
}

fn render_header(f: &mut Frame, area: Rect, j: &Journal, selected: NaiveDate, theme: Theme) {
    let mut spans = vec![
        Span::styled(" kot ", theme.title()),
        Span::raw(format!("· {} · ", t!("journal.title"))),
        Span::styled(month_name(selected), theme.title()),
    ];
    if j.unreadable > 0 {
        spans.push(Span::styled(
            format!(" · {}", t!("journal.unreadable_days", n = j.unreadable)),
            theme.error(),
        ));
    }
    f.render_widget(Line::from(spans), area);
}

fn month_name(d: NaiveDate) -> String {
    format!("{} {}", t!(&format!("month.{}", d.month())), d.year())
}

/// How many calendar rows (weeks from Monday) the month of `d` needs.
fn weeks_in(d: NaiveDate) -> usize {
    let (first, last) = month_range(d);
    let lead = first.weekday().num_days_from_monday();
    (lead + last.day()).div_ceil(7) as usize
}

fn render_month(
    f: &mut Frame,
    area: Rect,
    j: &Journal,
    selected: NaiveDate,
    today: NaiveDate,
    theme: Theme,
) {
    let (first, last) = month_range(selected);
    let summaries = (j.month == Some(first)).then_some(j.summaries.as_slice());
    let mut lines = vec![Line::from(
        (0..7)
            .map(|d| {
                let name: String = t!(&format!("weekday.short.{d}")).chars().take(3).collect();
                Span::styled(format!(" {name:<5}"), theme.dim())
            })
            .collect::<Vec<_>>(),
    )];
    let lead = first.weekday().num_days_from_monday() as usize;
    let mut row: Vec<Span> = vec![Span::raw(" ".repeat(lead * usize::from(CELL)))];
    for date in first.iter_days().take_while(|d| *d <= last) {
        let summary = summaries.and_then(|s| s.iter().find(|x| x.date == date));
        row.extend(day_cell(
            date,
            summary,
            date == selected,
            date == today,
            theme,
        ));
        if date.weekday().num_days_from_monday() == 6 {
            lines.push(Line::from(std::mem::take(&mut row)));
        }
    }
    if !row.is_empty() {
        lines.push(Line::from(row));
    }
    let block = Block::bordered()
        .title(format!(" {} ", month_name(selected)))
        .border_style(theme.border());
    f.render_widget(Paragraph::new(lines).block(block), area);
}

/// ` 23` in the mood's colour (or ` 23` and the raised digit), then the marks.
fn day_cell(
    date: NaiveDate,
    s: Option<&DaySummary>,
    selected: bool,
    today: bool,
    theme: Theme,
) -> Vec<Span<'static>> {
    let mood = s.and_then(|s| s.mood);
    let mut number = mood.and_then(|m| theme.mood(m)).unwrap_or_default();
    if today {
        number = number.add_modifier(ratatui::style::Modifier::UNDERLINED);
    }
    let digit = match mood {
        Some(m) if theme.mood(m).is_none() => superscript(m),
        _ => ' ',
    };
    let office = if s.and_then(|s| s.place) == Some(Place::Office) {
        OFFICE
    } else {
        ' '
    };
    let alone = if s.is_some_and(|s| s.contact == ContactState::None) {
        ALONE
    } else {
        ' '
    };
    let mut spans = vec![
        Span::raw(" "),
        Span::styled(format!("{:>2}", date.day()), number),
        Span::raw(format!("{digit}{office}{alone}")),
    ];
    if selected {
        for s in &mut spans {
            s.style = s.style.patch(theme.selected());
        }
    }
    spans
}

/// A mood as a raised digit (`23³` is day 23, mood 3): a plain digit next
/// to the day's number would read as one number ("233").
fn superscript(mood: u8) -> char {
    ['⁰', '¹', '²', '³', '⁴', '⁵']
        .get(usize::from(mood))
        .copied()
        .unwrap_or('?')
}

fn render_legend(f: &mut Frame, area: Rect, theme: Theme) {
    let mut spans = vec![Span::styled(
        format!(" {} ", t!("journal.legend.mood")),
        theme.dim(),
    )];
    if theme.color {
        for m in 1..=5u8 {
            spans.push(Span::styled(
                format!(" {m} "),
                theme.mood(m).unwrap_or_default(),
            ));
        }
    } else {
        spans.push(Span::raw(t!("journal.legend.digit")));
    }
    let marks = format!(
        "{OFFICE} {} · {ALONE} {}",
        t!("journal.legend.office"),
        t!("journal.legend.alone")
    );
    let line = Line::from(spans);
    let width = usize::from(area.width);
    if area.height >= 2 {
        let mark_line = Line::styled(fit(&format!(" {marks}"), width), theme.dim());
        f.render_widget(Paragraph::new(vec![line, mark_line]), area);
    } else {
        let used = line.width();
        let mut spans = line.spans;
        let rest = fit(&format!(" · {marks}"), width.saturating_sub(used));
        spans.push(Span::styled(rest, theme.dim()));
        f.render_widget(Line::from(spans), area);
    }
}

/// `text` in at most `width` columns: cut after a word and ended with `…`.
fn fit(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split_inclusive(' ') {
        if (out.clone() + word).trim_end().width() + 1 > width {
            break;
        }
        out.push_str(word);
    }
    let out = out.trim_end();
    if out.trim().is_empty() || out.ends_with('·') {
        let out = out.trim_end_matches('·').trim_end();
        return if out.trim().is_empty() {
            String::new()
        } else {
            format!("{out}…")
        };
    }
    format!("{out}…")
}

fn render_entries(f: &mut Frame, area: Rect, j: &Journal, selected: NaiveDate, theme: Theme) {
    let entries: Vec<&DaySummary> = j.summaries.iter().filter(|s| s.has_entry).collect();
    let block = Block::bordered()
        .title(format!(" {} ({}) ", t!("journal.entries"), entries.len()))
        .border_style(theme.border());
    if entries.is_empty() {
        f.render_widget(
            Paragraph::new(Line::styled(t!("journal.no_entries"), theme.dim())).block(block),
            area,
        );
        return;
    }
    let items: Vec<ListItem> = entries
        .iter()
        .map(|s| {
            let mood = s.mood.map_or_else(|| "  ".to_string(), |m| format!("{m} "));
            let mood_style = s
                .mood
                .and_then(|m| theme.mood(m))
                .unwrap_or(Style::default());
            ListItem::new(Line::from(vec![
                Span::styled(format!("{:<10} ", short_date(s.date)), theme.key()),
                Span::styled(mood, mood_style),
                Span::raw(shown(&s.first_line)),
            ]))
        })
        .collect();
    let mut state = ListState::default();
    state.select(entries.iter().position(|s| s.date == selected));
    let list = List::new(items)
        .block(block)
        .highlight_style(theme.selected());
    f.render_stateful_widget(list, area, &mut state);
}
