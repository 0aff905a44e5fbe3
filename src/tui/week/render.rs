//! Drawing the Week screen from what the loop read (`Loaded`): nothing is
//! read here. The table's columns give way by priority when the terminal is
//! narrow (the bar and the hours stay, the breaks go first), and every mark
//! is a symbol, so nothing depends on colour (`NO_COLOR`).

use chrono::{Datelike, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Loaded, SHORT_WEEKS, SPARK_WEEKS, Showing, Week};
use crate::core::day::Place;
use crate::core::journal::Scale;
use crate::core::review::{self, DayFacts, DayKind, Totals};
use crate::core::shutdown::Punctuality;
use crate::core::week::WeekId;
use crate::t;
use crate::tui::app::App;
use crate::tui::theme::Theme;
use crate::tui::widgets::{fit_line, shown};

/// The sparkline's steps, lowest first.
const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
/// A week without scores in a sparkline.
const GAP: char = '·';
/// The widest the bar gets.
const BAR_MAX: usize = 24;
const BAR_MIN: usize = 4;

pub fn render(f: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let week = &app.week;
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let Some(showing) = week.showing else {
        return;
    };
    let width = usize::from(area.width);
    f.render_widget(fit_line(header(showing, app.date, theme), width), head);
    let lines = match &week.loaded {
        Some((s, loaded)) if *s == showing => content(showing, loaded, app.date, width, theme),
        // Read on the way (the loop reads before it draws again).
        _ => vec![Line::styled(t!("week.reading"), theme.dim())],
    };
    let lines: Vec<Line<'static>> = lines.into_iter().map(|l| fit_line(l, width)).collect();
    let total = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let max = total.saturating_sub(body.height);
    week.max_scroll.set(max);
    let scroll = week.scroll.min(max);
    render_scrolled(f, body, lines, scroll, max, theme);
}

/// The lines from `scroll` on, with `↓` in the last line's corner when more
/// lies below.
fn render_scrolled(
    f: &mut Frame,
    area: Rect,
    lines: Vec<Line<'static>>,
    scroll: u16,
    max: u16,
    theme: Theme,
) {
    f.render_widget(Paragraph::new(lines).scroll((scroll, 0)), area);
    if scroll < max && area.height > 0 && area.width > 0 {
        let corner = Rect {
            x: area.x + area.width - 1,
            y: area.y + area.height - 1,
            width: 1,
            height: 1,
        };
        f.render_widget(Span::styled("↓", theme.key()), corner);
    }
}

/// ` kot · Week 48 · 23–29 Nov 2026 · this week`, or the month.
fn header(s: Showing, today: NaiveDate, theme: Theme) -> Line<'static> {
    let (first, last) = s.range();
    let what = if s.month {
        format!(
            "{} {}",
            t!(&format!("month.{}", first.month())),
            first.year()
        )
    } else {
        let w = WeekId::of(s.anchor);
        t!(
            "week.title_week",
            week = w.week,
            range = span_of(first, last)
        )
    };
    let mut spans = vec![
        Span::styled(" kot ", theme.title()),
        Span::raw(format!("· {} · ", t!("week.screen"))),
        Span::styled(what, theme.title()),
    ];
    if let Some(rel) = relative(s, today) {
        spans.push(Span::styled(format!(" · {rel}"), theme.dim()));
    }
    Line::from(spans)
}

/// `this week`, `last week`, `3 weeks ago`, `next week`; the months alike.
fn relative(s: Showing, today: NaiveDate) -> Option<String> {
    let n = if s.month {
        (i64::from(s.anchor.year()) * 12 + i64::from(s.anchor.month()))
            - (i64::from(today.year()) * 12 + i64::from(today.month()))
    } else {
        (WeekId::of(s.anchor).monday() - WeekId::of(today).monday()).num_days() / 7
    };
    let unit = if s.month { "month" } else { "week" };
    Some(match n {
        0 => t!(&format!("week.this_{unit}")),
        -1 => t!(&format!("week.last_{unit}")),
        1 => t!(&format!("week.next_{unit}")),
        n if n < 0 => crate::i18n::plural(&format!("week.{unit}s_ago"), -n, &[]),
        _ => return None,
    })
}

/// `23–29 Nov 2026`, `30 Nov – 6 Dec 2026`.
fn span_of(first: NaiveDate, last: NaiveDate) -> String {
    let month = |d: NaiveDate| t!(&format!("month.short.{}", d.month()));
    if first.month() == last.month() {
        format!(
            "{}–{} {} {}",
            first.day(),
            last.day(),
            month(last),
            last.year()
        )
    } else {
        format!(
            "{} {} – {} {} {}",
            first.day(),
            month(first),
            last.day(),
            month(last),
            last.year()
        )
    }
}

/// Everything below the header, in order; the caller scrolls it.
fn content(
    s: Showing,
    loaded: &Loaded,
    today: NaiveDate,
    width: usize,
    theme: Theme,
) -> Vec<Line<'static>> {
    let mut lines = one_things(s, loaded, today, theme);
    let (first, last) = s.range();
    let unreadable = unreadable_dates(loaded);
    let shown_days: Vec<DayFacts> = loaded
        .days
        .iter()
        .filter(|d| d.date >= first && d.date <= last)
        .cloned()
        .collect();
    let rows = if s.month {
        month_rows(&shown_days, today)
    } else {
        shown_days
            .iter()
            .map(|d| day_row(d, today, unreadable.contains(&d.date)))
            .collect()
    };
    let mut rows = rows;
    rows.push(total_row(&shown_days, today));
    lines.extend(table_at(&rows, width, Some(today), theme));
    lines.push(Line::raw(""));
    lines.extend(sparklines(&loaded.days, s.chart_end(today), width, theme));
    lines.push(Line::raw(""));
    lines.extend(facts(s, loaded, today, theme));
    lines.extend(legend(width, theme));
    if !loaded.unreadable.is_empty() {
        let files: Vec<String> = loaded
            .unreadable
            .iter()
            .map(|p| shown(&p.display().to_string()))
            .collect();
        lines.push(Line::styled(
            crate::i18n::plural(
                "week.unreadable",
                i64::try_from(files.len()).unwrap_or(i64::MAX),
                &[("files", &files.join(", "))],
            ),
            theme.error(),
        ));
    }
    lines
}

/// The dates whose day or journal file could not be read (named
/// `YYYY-MM-DD.toml`): their rows say so rather than look empty.
fn unreadable_dates(loaded: &Loaded) -> Vec<NaiveDate> {
    loaded
        .unreadable
        .iter()
        .filter_map(|p| p.file_stem()?.to_str()?.parse().ok())
        .collect()
}

/// The one thing to change during the week shown (chosen at the end of the
/// week before) and whether it happened; then the one chosen at this
/// week's end, once there is one. Without either: this week says the
/// shutdown asks, a past week that none was chosen, a later week nothing;
/// the month view shows none (they are the weeks').
fn one_things(s: Showing, loaded: &Loaded, today: NaiveDate, theme: Theme) -> Vec<Line<'static>> {
    use crate::store::week::WeekLoad;
    if s.month {
        return Vec::new();
    }
    let corrupt = |l: &Option<WeekLoad>| matches!(l, Some(WeekLoad::Corrupt(_)));
    if corrupt(&loaded.note) || corrupt(&loaded.prev_note) {
        return vec![Line::styled(t!("week.note_unreadable"), theme.error())];
    }
    let prev = loaded.prev_note.as_ref().and_then(WeekLoad::note);
    let this = loaded.note.as_ref().and_then(WeekLoad::note);
    let mut lines = Vec::new();
    if let Some(text) = prev.and_then(|n| n.one_thing()) {
        let mut spans = vec![
            Span::styled(format!("{} ", t!("week.one_thing")), theme.title()),
            Span::raw(shown(text)),
        ];
        match prev.and_then(|n| n.happened) {
            Some(true) => spans.push(Span::styled(
                format!("  ✓ {}", t!("week.happened")),
                theme.info(),
            )),
            Some(false) => spans.push(Span::styled(
                format!("  ✗ {}", t!("week.not_happened")),
                theme.warn(),
            )),
            None => {}
        }
        lines.push(Line::from(spans));
    }
    if let Some(text) = this.and_then(|n| n.one_thing()) {
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", t!("week.one_thing_next")), theme.title()),
            Span::raw(shown(text)),
        ]));
    }
    if lines.is_empty() {
        let (shown_week, this_week) = (WeekId::of(s.anchor), WeekId::of(today));
        if shown_week == this_week {
            lines.push(Line::styled(t!("week.no_one_thing"), theme.dim()));
        } else if shown_week.monday() < this_week.monday() {
            lines.push(Line::styled(t!("week.no_one_thing_past"), theme.dim()));
        }
    }
    lines
}

/// One row of the table: its label and each column's cell.
#[derive(Debug, Clone, Default)]
struct Row {
    label: String,
    label_long: String,
    worked: Option<u32>,
    planned: u32,
    /// The part of `planned` still to come: of today and later days, less
    /// what is worked on them (drawn apart from plan not worked).
    ahead: u32,
    /// The worked / planned text.
    hours: String,
    meetings: Vec<(String, Mark)>,
    breaks: String,
    lunch: Vec<(String, Mark)>,
    shutdown: Vec<(String, Mark)>,
    place: Vec<(String, Mark)>,
    place_long: Vec<(String, Mark)>,
    /// The totals row: drawn apart.
    total: bool,
    /// The day of a day's row: today's is drawn bold.
    date: Option<NaiveDate>,
}

/// How a mark is drawn (its glyph says it without colour).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Plain,
    Good,
    Warn,
    Bad,
    Dim,
}

impl Mark {
    fn style(self, theme: Theme) -> ratatui::style::Style {
        match self {
            Self::Plain => ratatui::style::Style::default(),
            Self::Good => theme.info(),
            Self::Warn => theme.warn(),
            Self::Bad => theme.error(),
            Self::Dim => theme.dim(),
        }
    }
}

fn hm(minutes: u32) -> String {
    crate::i18n::hm(i64::from(minutes))
}

fn hours_text(worked: Option<u32>, planned: u32) -> String {
    match (worked, planned) {
        (None, 0) => String::new(),
        (None, p) => format!("–/{}", hm(p)),
        (Some(w), 0) => hm(w),
        (Some(w), p) => format!("{}/{}", hm(w), hm(p)),
    }
}

fn meetings_cell(minutes: u32, video: u32) -> Vec<(String, Mark)> {
    if minutes == 0 {
        return vec![(String::from("·"), Mark::Dim)];
    }
    let mut v = vec![(hm(minutes), Mark::Plain)];
    if video > 0 {
        v.push((format!("▶{}", hm(video)), Mark::Warn));
    }
    v
}

fn breaks_text(taken: u32, skipped: u32, ignored: u32) -> String {
    format!("{taken}/{skipped}/{ignored}")
}

/// The glyph of a place, and its word.
fn place_marks(kind: DayKind, place: Option<Place>) -> (String, String, Mark) {
    let (glyph, name, mark) = match (kind, place) {
        (DayKind::Holiday, _) => ("☼", "holiday", Mark::Dim),
        (DayKind::Sick, _) | (_, Some(Place::Sick)) => ("✚", "sick", Mark::Warn),
        (DayKind::Off, _) | (_, Some(Place::Off)) => ("○", "off", Mark::Dim),
        (_, Some(Place::Office)) => ("▣", "office", Mark::Plain),
        (_, Some(Place::Home)) => ("⌂", "home", Mark::Plain),
        // Nothing chosen: like the review, which holds nothing against a
        // day without data, and later days have nothing to choose yet.
        (_, None) => ("·", "", Mark::Dim),
    };
    let word = if name.is_empty() {
        String::new()
    } else {
        t!(&format!("week.place.{name}"))
    };
    (glyph.to_string(), word, mark)
}

fn lunch_mark(lunch: Option<bool>) -> (String, Mark) {
    match lunch {
        Some(true) => ("✓".into(), Mark::Good),
        Some(false) => ("✗".into(), Mark::Bad),
        None => ("·".into(), Mark::Dim),
    }
}

fn shutdown_mark(p: Option<Punctuality>) -> (String, Mark) {
    match p {
        Some(Punctuality::OnTime) => ("✓".into(), Mark::Good),
        Some(Punctuality::Late) => ("!".into(), Mark::Warn),
        Some(Punctuality::Missed) => ("✗".into(), Mark::Bad),
        None => ("·".into(), Mark::Dim),
    }
}

/// The plan of `days` still to come at `today` (see `Row::ahead`).
fn ahead(days: &[DayFacts], today: NaiveDate) -> u32 {
    days.iter().map(|d| d.still_to_come(today)).sum()
}

/// The name of weekday `wd` (0 = Monday), short (`Mon`) or long.
fn weekday_name(wd: u32, short: bool) -> String {
    if short {
        t!(&format!("weekday.short.{wd}"))
    } else {
        t!(&format!("weekday.{wd}"))
    }
}

/// `Monday    30`, `Wednesday  1`: the name left, the number right, in
/// columns of the language's widest name, so the numbers line up.
fn day_label(date: NaiveDate, short: bool) -> String {
    let widest = (0..7)
        .map(|wd| weekday_name(wd, short).chars().count())
        .max()
        .unwrap_or(0);
    let name = weekday_name(date.weekday().num_days_from_monday(), short);
    format!("{name:<widest$} {:>2}", date.day())
}

/// A day's row; `unreadable`: a file of the day could not be read, so the
/// row says so (`!`) instead of looking like a day without anything.
fn day_row(d: &DayFacts, today: NaiveDate, unreadable: bool) -> Row {
    let (glyph, word, mark) = if unreadable {
        ("!".to_string(), t!("week.place.unreadable"), Mark::Bad)
    } else {
        place_marks(d.kind, d.place)
    };
    Row {
        label: day_label(d.date, true),
        label_long: day_label(d.date, false),
        worked: d.worked_minutes,
        planned: d.planned_minutes,
        ahead: ahead(std::slice::from_ref(d), today),
        hours: hours_text(d.worked_minutes, d.planned_minutes),
        meetings: meetings_cell(d.meeting_minutes, d.video_minutes),
        breaks: if d.breaks_taken + d.breaks_skipped + d.breaks_ignored == 0
            && (d.planned_minutes == 0 || d.date > today)
        {
            "·".into()
        } else {
            breaks_text(
                u32::from(d.breaks_taken),
                u32::from(d.breaks_skipped),
                u32::from(d.breaks_ignored),
            )
        },
        lunch: vec![lunch_mark(d.lunch)],
        shutdown: vec![shutdown_mark(d.shutdown)],
        place: vec![(glyph.clone(), mark)],
        place_long: if word.is_empty() {
            vec![(glyph, mark)]
        } else {
            vec![(format!("{glyph} {word}"), mark)]
        },
        total: false,
        date: Some(d.date),
    }
}

/// A cell: its marks, a space apart.
type Cell = Vec<(String, Mark)>;

/// A row of counts: `4✓ 1!` for shutdowns, `⌂3 ▣2` for places.
fn totals_cells(t: &Totals) -> (Cell, Cell, Cell) {
    let lunch_days = t.lunches + t.work_days_without_lunch;
    let lunch = if lunch_days == 0 {
        vec![("·".to_string(), Mark::Dim)]
    } else {
        let mark = if t.work_days_without_lunch == 0 {
            Mark::Good
        } else {
            Mark::Warn
        };
        vec![(format!("{}/{lunch_days}", t.lunches), mark)]
    };
    let shutdown = counts(&[
        (t.shutdowns_on_time, "", "✓", Mark::Good),
        (t.shutdowns_late, "", "!", Mark::Warn),
        (t.shutdowns_missed, "", "✗", Mark::Bad),
    ]);
    let place = counts(&[
        (t.home_days, "⌂", "", Mark::Plain),
        (t.office_days, "▣", "", Mark::Plain),
        (t.off_days, "○", "", Mark::Dim),
        (t.holiday_days, "☼", "", Mark::Dim),
        (t.sick_days, "✚", "", Mark::Warn),
    ]);
    (lunch, shutdown, place)
}

/// The counts that are not 0, each with its glyph before or after it
/// (`⌂3`, `2✓`); `·` when all are.
fn counts(items: &[(u32, &str, &str, Mark)]) -> Cell {
    let cell: Cell = items
        .iter()
        .filter(|(n, ..)| *n > 0)
        .map(|(n, before, after, m)| (format!("{before}{n}{after}"), *m))
        .collect();
    if cell.is_empty() {
        vec![("·".into(), Mark::Dim)]
    } else {
        cell
    }
}

fn totals_row(label: String, label_long: String, days: &[DayFacts], today: NaiveDate) -> Row {
    let t = &review::totals(days);
    let (lunch, shutdown, place) = totals_cells(t);
    let worked = (t.worked_minutes > 0).then_some(t.worked_minutes);
    Row {
        label,
        label_long,
        worked,
        planned: t.planned_minutes,
        ahead: ahead(days, today),
        hours: hours_text(worked, t.planned_minutes),
        meetings: meetings_cell(t.meeting_minutes, t.video_minutes),
        // Days still to come have no breaks to count yet.
        breaks: if days.iter().all(|d| d.date > today) {
            "·".into()
        } else {
            breaks_text(t.breaks_taken, t.breaks_skipped, t.breaks_ignored)
        },
        lunch,
        shutdown,
        place: place.clone(),
        place_long: place,
        total: false,
        date: None,
    }
}

fn total_row(days: &[DayFacts], today: NaiveDate) -> Row {
    let mut row = totals_row("Σ".into(), "Σ".into(), days, today);
    row.total = true;
    row
}

/// A row per ISO week of the month (only the month's days counted).
fn month_rows(days: &[DayFacts], today: NaiveDate) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut i = 0;
    while i < days.len() {
        let w = WeekId::of(days[i].date);
        let n = days[i..]
            .iter()
            .take_while(|d| WeekId::of(d.date) == w)
            .count();
        let part = &days[i..i + n];
        let (a, b) = (part[0].date, part[n - 1].date);
        let label = t!("week.week_short", week = w.week);
        let long = format!("{label} {:>2}–{:<2}", a.day(), b.day());
        rows.push(totals_row(label, long, part, today));
        i += n;
    }
    rows
}

/// The columns, in the order drawn, with their priority (lower stays longer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Label,
    Bar,
    Hours,
    Meetings,
    Breaks,
    Lunch,
    Shutdown,
    Place,
}

const ORDER: [Col; 8] = [
    Col::Label,
    Col::Bar,
    Col::Hours,
    Col::Meetings,
    Col::Breaks,
    Col::Lunch,
    Col::Shutdown,
    Col::Place,
];

impl Col {
    const fn priority(self) -> u8 {
        match self {
            Self::Label => 0,
            Self::Bar => 1,
            Self::Hours => 2,
            Self::Place => 3,
            Self::Lunch => 4,
            Self::Shutdown => 5,
            Self::Meetings => 6,
            Self::Breaks => 7,
        }
    }

    /// The column's heading, long or short.
    fn head(self, long: bool) -> String {
        let name = match self {
            Self::Label => return String::new(),
            Self::Bar => "bar",
            Self::Hours => "hours",
            Self::Meetings => "meetings",
            Self::Breaks => "breaks",
            Self::Lunch => "lunch",
            Self::Shutdown => "shutdown",
            Self::Place => "place",
        };
        let key = format!("week.col.{name}");
        if long {
            t!(&key)
        } else {
            t!(&format!("{key}.short"))
        }
    }

    /// The cell of `row`, as marks.
    fn cell(self, row: &Row, long: bool) -> Vec<(String, Mark)> {
        match self {
            Self::Label => {
                let l = if long { &row.label_long } else { &row.label };
                vec![(l.clone(), Mark::Plain)]
            }
            Self::Bar => Vec::new(),
            Self::Hours => vec![(row.hours.clone(), Mark::Plain)],
            Self::Meetings => row.meetings.clone(),
            Self::Breaks => vec![(row.breaks.clone(), Mark::Plain)],
            Self::Lunch => row.lunch.clone(),
            Self::Shutdown => row.shutdown.clone(),
            Self::Place => {
                if long {
                    row.place_long.clone()
                } else {
                    row.place.clone()
                }
            }
        }
    }
}

fn marks_width(marks: &[(String, Mark)]) -> usize {
    let inner: usize = marks
        .iter()
        .map(|(t, _)| unicode_width::UnicodeWidthStr::width(t.as_str()))
        .sum();
    inner + marks.len().saturating_sub(1)
}

/// Which columns fit in `width` and how: long headings and cells when all
/// fit so, else short ones, then the lowest priorities left out (the label,
/// bar and hours always stay).
fn layout(rows: &[Row], width: usize) -> (Vec<(Col, usize)>, usize, bool) {
    use unicode_width::UnicodeWidthStr;
    for long in [true, false] {
        // Every column but the bar, at its widest cell or heading.
        let mut cols: Vec<(Col, usize)> = ORDER
            .iter()
            .filter(|c| **c != Col::Bar)
            .map(|c| {
                let cells = rows.iter().map(|r| marks_width(&c.cell(r, long)));
                (*c, cells.max().unwrap_or(0).max(c.head(long).width()))
            })
            .collect();
        let bar_min = if long { 10 } else { BAR_MIN };
        loop {
            // A space after each column, the bar's too.
            let used = cols.iter().map(|(_, w)| w + 1).sum::<usize>() + 1;
            if used + bar_min <= width {
                return (cols, (width - used).min(BAR_MAX), long);
            }
            if long || cols.len() <= 2 {
                break;
            }
            if let Some(drop) = cols.iter().map(|(c, _)| *c).max_by_key(|c| c.priority()) {
                cols.retain(|(c, _)| *c != drop);
            }
        }
    }
    (vec![(Col::Label, 6)], BAR_MIN, false)
}

/// The table: a heading row, then one row per day (or week), today's bold.
fn table_at(
    rows: &[Row],
    width: usize,
    today: Option<NaiveDate>,
    theme: Theme,
) -> Vec<Line<'static>> {
    let (cols, bar, long) = layout(rows, width);
    let scale = rows
        .iter()
        .filter(|r| !r.total)
        .map(|r| r.planned.max(r.worked.unwrap_or(0)))
        .max()
        .unwrap_or(0)
        .max(60);
    let total_scale = rows
        .iter()
        .filter(|r| r.total)
        .map(|r| r.planned.max(r.worked.unwrap_or(0)))
        .max()
        .unwrap_or(0)
        .max(60);
    let mut lines = Vec::new();
    let mut head: Vec<Span<'static>> = Vec::new();
    for c in ORDER {
        if c == Col::Bar {
            head.push(Span::styled(pad(&c.head(long), bar), theme.dim()));
            head.push(Span::raw(" "));
        } else if let Some((_, w)) = cols.iter().find(|(x, _)| *x == c) {
            head.push(Span::styled(pad(&c.head(long), *w), theme.dim()));
            head.push(Span::raw(" "));
        }
    }
    lines.push(Line::from(head));
    for r in rows {
        let mut spans: Vec<Span<'static>> = Vec::new();
        for c in ORDER {
            if c == Col::Bar {
                let s = if r.total { total_scale } else { scale };
                spans.extend(bar_spans(r, s, bar, theme));
                spans.push(Span::raw(" "));
                continue;
            }
            let Some((_, w)) = cols.iter().find(|(x, _)| *x == c) else {
                continue;
            };
            let marks = c.cell(r, long);
            let used = marks_width(&marks);
            for (i, (text, mark)) in marks.into_iter().enumerate() {
                if i > 0 {
                    spans.push(Span::raw(" "));
                }
                spans.push(Span::styled(text, mark.style(theme)));
            }
            spans.push(Span::raw(" ".repeat(w.saturating_sub(used) + 1)));
        }
        let line = Line::from(spans);
        let bold = r.total || (r.date.is_some() && r.date == today);
        lines.push(if bold {
            line.style(Style::default().add_modifier(ratatui::style::Modifier::BOLD))
        } else {
            line
        });
    }
    lines
}

fn pad(text: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(text);
    if w >= width {
        // A heading never cut mid-word: it goes when it does not fit.
        if w > width {
            return " ".repeat(width);
        }
        return text.to_string();
    }
    format!("{text}{}", " ".repeat(width - w))
}

/// `█████▓░░┄┄`: worked within the plan, worked beyond it, planned not
/// worked, planned still to come; scaled so the longest day of the table
/// fills it.
fn bar_spans(row: &Row, scale: u32, width: usize, theme: Theme) -> Vec<Span<'static>> {
    let (worked, planned) = (row.worked, row.planned);
    let cells = |m: u32| -> usize {
        let w = u64::try_from(width).unwrap_or(0);
        usize::try_from((u64::from(m) * w + u64::from(scale) / 2) / u64::from(scale.max(1)))
            .unwrap_or(0)
    };
    let worked = worked.unwrap_or(0);
    let within = cells(worked.min(planned));
    let over = cells(worked).saturating_sub(within);
    let rest = cells(planned).saturating_sub(within);
    let to_come = cells(row.ahead).min(rest);
    let open = rest - to_come;
    let used = (within + over + rest).min(width);
    vec![
        Span::styled("█".repeat(within), theme.info()),
        Span::styled("▓".repeat(over), theme.warn()),
        Span::styled("░".repeat(open), theme.dim()),
        Span::styled("┄".repeat(to_come), theme.dim()),
        Span::raw(" ".repeat(width - used)),
    ]
}

/// A score's weekly averages as block characters, a gap as `·`.
#[must_use]
pub fn sparkline(values: &[Option<f32>]) -> String {
    values
        .iter()
        .map(|v| match v {
            Some(v) => {
                let i = ((v.clamp(1.0, 5.0) - 1.0) / 4.0 * 7.0).round();
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                BLOCKS[(i as usize).min(7)]
            }
            None => GAP,
        })
        .collect()
}

fn sparklines(days: &[DayFacts], end: NaiveDate, width: usize, theme: Theme) -> Vec<Line<'static>> {
    let names: Vec<String> = Scale::ALL
        .iter()
        .map(|s| t!(&format!("journal.scale.{}", s.name())))
        .collect();
    let label = names
        .iter()
        .map(|n| unicode_width::UnicodeWidthStr::width(n.as_str()))
        .max()
        .unwrap_or(0);
    let short_head = t!("week.weeks_short", n = SHORT_WEEKS);
    let long_head = t!("week.weeks_short", n = SPARK_WEEKS);
    let short_w = SHORT_WEEKS.max(unicode_width::UnicodeWidthStr::width(short_head.as_str()));
    let with_avg = width >= label + 2 + short_w + 2 + SPARK_WEEKS.max(5) + 12;
    let mut lines = vec![Line::from(vec![
        Span::styled(pad(&t!("week.needs"), label + 1), theme.title()),
        Span::styled(format!(" {} ", pad(&short_head, short_w)), theme.dim()),
        Span::styled(format!(" {long_head}"), theme.dim()),
    ])];
    for (scale, name) in Scale::ALL.iter().zip(names) {
        let weeks = review::weekly_average(days, *scale, end, SPARK_WEEKS);
        let short = &weeks[weeks.len().saturating_sub(SHORT_WEEKS)..];
        let mut spans = vec![
            Span::raw(format!("{} ", pad(&name, label))),
            Span::raw(" "),
            Span::styled(pad(&sparkline(short), short_w), theme.info()),
            Span::raw("  "),
            Span::styled(pad(&sparkline(&weeks), SPARK_WEEKS), theme.info()),
        ];
        if with_avg {
            let known: Vec<f32> = short.iter().flatten().copied().collect();
            if !known.is_empty() {
                #[allow(clippy::cast_precision_loss)]
                let avg = known.iter().sum::<f32>() / known.len() as f32;
                spans.push(Span::styled(
                    format!("  {}", t!("week.average", value = format!("{avg:.1}"))),
                    theme.dim(),
                ));
            }
        }
        lines.push(Line::from(spans));
    }
    lines
}

/// The streak without a real conversation, and home and office days this
/// month.
fn facts(s: Showing, loaded: &Loaded, today: NaiveDate, theme: Theme) -> Vec<Line<'static>> {
    let end = review::contact_streak_end(&loaded.days, s.chart_end(today), today);
    let streak = end.map_or(0, |end| review::days_without_contact(&loaded.days, end));
    let known = end.is_some_and(|end| review::contact_known_lately(&loaded.days, end));
    let streak_line = if streak == 0 && known {
        Line::raw(t!("week.contact_recent"))
    } else if streak == 0 {
        // Nothing on record: no claim either way.
        Line::styled(t!("week.contact_unknown"), theme.dim())
    } else {
        Line::styled(
            crate::i18n::plural("week.no_contact_streak", i64::from(streak), &[]),
            if streak >= 3 {
                theme.warn()
            } else {
                Style::default()
            },
        )
    };
    let (m_first, m_last) = super::month_range(s.anchor);
    let month: Vec<DayFacts> = loaded
        .days
        .iter()
        .filter(|d| d.date >= m_first && d.date <= m_last)
        .cloned()
        .collect();
    let t = review::totals(&month);
    let month_name = t!(&format!("month.{}", m_first.month()));
    vec![
        streak_line,
        Line::raw(t!(
            "week.places_month",
            month = month_name,
            home = crate::i18n::plural("week.home_days", i64::from(t.home_days), &[]),
            office = t.office_days
        )),
    ]
}

/// What the marks mean, so no colour is needed to read them: its parts
/// (` · ` apart in the catalogue) packed into lines of `width`.
fn legend(width: usize, theme: Theme) -> Vec<Line<'static>> {
    let text = t!("week.legend");
    let mut lines = Vec::new();
    let mut line = String::new();
    for part in text.split(" · ") {
        let w = unicode_width::UnicodeWidthStr::width(line.as_str());
        let pw = unicode_width::UnicodeWidthStr::width(part);
        if !line.is_empty() && w + 3 + pw > width {
            lines.push(Line::styled(std::mem::take(&mut line), theme.dim()));
        }
        if !line.is_empty() {
            line.push_str(" · ");
        }
        line.push_str(part);
    }
    if !line.is_empty() {
        lines.push(Line::styled(line, theme.dim()));
    }
    lines
}

impl Week {
    /// The week shown, for tests and the header.
    #[must_use]
    pub fn shown_week(&self) -> Option<WeekId> {
        self.showing.map(|s| WeekId::of(s.anchor))
    }
}
