//! The screen as the terminal shows it, kept here so a frame writes only the
//! cells that differ from it, and a second of a break countdown costs a few
//! cells, not a frame.
//!
//! ratatui's `Terminal::draw` reads the terminal size on every frame (crossterm
//! opens `/dev/tty` for it), rebuilds and diffs the whole frame, hides the
//! cursor again and resets every colour after each frame. Here a `Terminal`
//! over a backend that writes nothing only lays frames out (a fixed viewport:
//! no size query); the size is read once and then only on a resize; cells go
//! out with the pen (colours, attributes, cursor position) the terminal already
//! has, so an escape is sent only when it changes something.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use chrono::{DateTime, DurationRound, TimeDelta, Utc};
use ratatui::backend::{Backend, ClearType, IntoCrossterm, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::crossterm::cursor::MoveTo;
use ratatui::crossterm::queue;
use ratatui::crossterm::style::{
    Attribute, Print, SetAttribute, SetBackgroundColor, SetForegroundColor, SetUnderlineColor,
};
use ratatui::crossterm::terminal::{Clear, ClearType as CtClear};
use ratatui::layout::{Position, Rect, Size};
use ratatui::style::{Color, Modifier};
use ratatui::{Terminal, TerminalOptions, Viewport};

use super::app::App;
use super::theme::Theme;
use super::view::{self, Moment};
use crate::core::coach::CoachState;

/// The terminal's size as `cols << 16 | rows`, 0 while unknown. The key reader
/// sets it on a resize, so a frame never has to ask the terminal.
#[derive(Clone, Default)]
pub struct SizeCell(Arc<AtomicU32>);

impl SizeCell {
    pub fn set(&self, cols: u16, rows: u16) {
        self.0
            .store(u32::from(cols) << 16 | u32::from(rows), Ordering::Relaxed);
    }

    fn get(&self) -> Option<Rect> {
        let v = self.0.load(Ordering::Relaxed);
        let (cols, rows) = (u16::try_from(v >> 16).ok()?, (v & 0xffff) as u16);
        (v != 0).then(|| Rect::new(0, 0, cols, rows))
    }
}

/// What the terminal's pen is set to: the style the next character gets and
/// where it goes (`None`: not known, move first).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Pen {
    fg: Color,
    bg: Color,
    underline: Color,
    modifier: Modifier,
    at: Option<(u16, u16)>,
}

impl Pen {
    /// After `SGR 0`: the terminal's own colours, no attributes.
    const RESET: Self = Self {
        fg: Color::Reset,
        bg: Color::Reset,
        underline: Color::Reset,
        modifier: Modifier::empty(),
        at: None,
    };
}

pub struct Display<W: Write> {
    /// Lays frames out; its backend writes nothing.
    frames: Terminal<Sink>,
    /// What the terminal shows now.
    shown: Buffer,
    out: W,
    pen: Pen,
    size: SizeCell,
    /// The last full frame's minute and coach state: while both stay, only
    /// the seconds changed.
    full_at: Option<(DateTime<Utc>, CoachState)>,
    /// Where a second changes the screen until the next full frame
    /// (`view::seconds_area`).
    seconds: Option<Option<Rect>>,
    /// Kept between seconds, so a second allocates nothing.
    changes: Vec<(u16, u16, Cell)>,
    /// How many columns of the seconds' row the last second wrote text in:
    /// beyond them the row is as blank on screen as in the next second's
    /// row, so only the text's columns are compared. `None` after a full
    /// frame (the whole row is compared once).
    text_width: Option<u16>,
    /// The countdown's words (`None`: each second draws the whole frame),
    /// and the text of the last second, kept so a second allocates nothing.
    words: Option<super::coach::CountdownWords>,
    text: String,
}

impl<W: Write> Display<W> {
    /// A display of `size`, which the caller keeps up to date. The terminal
    /// is taken to be blank, with its default colours.
    ///
    /// # Errors
    /// Writing to the terminal failed.
    pub fn new(mut out: W, size: SizeCell) -> io::Result<Self> {
        let area = size.get().unwrap_or_default();
        queue!(out, SetAttribute(Attribute::Reset))?;
        Ok(Self {
            frames: frame_maker(area)?,
            shown: Buffer::empty(area),
            out,
            pen: Pen::RESET,
            size,
            full_at: None,
            seconds: None,
            changes: Vec::new(),
            text_width: None,
            words: None,
            text: String::new(),
        })
    }

    /// Draw the whole frame, writing the cells that differ from the screen.
    ///
    /// # Errors
    /// Writing to the terminal failed.
    pub fn full(&mut self, app: &App, now: &Moment, theme: Theme) -> io::Result<()> {
        self.follow_resize()?;
        let buf = self.frames.current_buffer_mut();
        buf.reset();
        view::render(&mut self.frames.get_frame(), app, now, theme);
        let next = self.frames.current_buffer_mut();
        let changes: Vec<(u16, u16, Cell)> = self
            .shown
            .diff(next)
            .into_iter()
            .map(|(x, y, c)| (x, y, c.clone()))
            .collect();
        std::mem::swap(&mut self.shown, next);
        self.write(&changes)?;
        self.full_at = Some((minute(now.now), now.coach));
        self.seconds = view::seconds_area(self.area(), app, now);
        self.text_width = None;
        if matches!(self.seconds, Some(Some(_))) {
            self.words = super::coach::CountdownWords::new();
        }
        Ok(())
    }

    /// The clock moved and nothing else: redraw what a second changes (a
    /// break's countdown) while the rest is as the last full frame drew it
    /// (the same minute, the same coach state, no popup), else the whole frame.
    ///
    /// # Errors
    /// Writing to the terminal failed.
    ///
    /// `moment` makes the moment for a full frame: a second needs only the
    /// instant and the coach's state (local time is read only for a frame).
    pub fn tick(
        &mut self,
        app: &App,
        now: DateTime<Utc>,
        coach: CoachState,
        theme: Theme,
        moment: impl FnOnce() -> Moment,
    ) -> io::Result<()> {
        // Zones differ from UTC by whole minutes: the UTC minute is the clock's.
        let same =
            self.full_at == Some((minute(now), coach)) && self.size.get() == Some(self.area());
        let written = match self.seconds.filter(|_| same) {
            None => None,
            Some(None) => return Ok(()),
            Some(Some(card)) => self.countdown_second(card, coach, now, theme),
        };
        match written {
            Some(written) => written,
            None => self.full(app, &moment(), theme),
        }
    }

    /// A second of a countdown: its text written over the row as the last
    /// frame or second left it, cell by cell. `None` when that cannot be (no
    /// break, words wider than a cell a character, a row too narrow): the
    /// caller draws the whole frame.
    fn countdown_second(
        &mut self,
        card: Rect,
        coach: CoachState,
        now: DateTime<Utc>,
        theme: Theme,
    ) -> Option<io::Result<()>> {
        let CoachState::Break { until, .. } = coach else {
            return None;
        };
        let words = self.words.as_ref()?;
        words.write((until - now).num_seconds(), &mut self.text);
        let row = super::coach::countdown_row(card);
        let width = u16::try_from(self.text.chars().count()).ok()?;
        if row.is_empty() || width > row.width || self.area().intersection(row) != row {
            return None;
        }
        // The text's columns and the last second's, or after a full frame
        // the whole row (compared once).
        let span = width
            .max(self.text_width.unwrap_or(row.width))
            .min(row.width);
        let style = theme.title();
        let mut changes = std::mem::take(&mut self.changes);
        changes.clear();
        let mut chars = self.text.chars();
        for x in row.x..row.x + span {
            let mut cell = Cell::EMPTY;
            if let Some(ch) = chars.next() {
                cell.set_char(ch).set_style(style);
            }
            if self.shown[(x, row.y)] != cell {
                self.shown[(x, row.y)].clone_from(&cell);
                changes.push((x, row.y, cell));
            }
        }
        self.text_width = Some(width);
        let written = self.write(&changes);
        self.changes = changes;
        Some(written)
    }

    /// Whether a second changes only a countdown here (`tick` draws it
    /// without the whole frame).
    #[must_use]
    pub fn counting(&self) -> bool {
        matches!(self.seconds, Some(Some(_)))
    }

    fn area(&self) -> Rect {
        self.shown.area
    }

    /// Another program had the terminal (the user's editor): the screen is
    /// unknown and its size may have changed. Read the size, clear, and let
    /// the next frame draw every cell.
    ///
    /// # Errors
    /// Writing to the terminal failed.
    pub fn invalidate(&mut self) -> io::Result<()> {
        if let Ok((cols, rows)) = ratatui::crossterm::terminal::size() {
            self.size.set(cols, rows);
        }
        let area = self.size.get().unwrap_or_default();
        self.frames = frame_maker(area)?;
        self.shown = Buffer::empty(area);
        queue!(
            self.out,
            SetAttribute(Attribute::Reset),
            Clear(CtClear::All)
        )?;
        self.pen = Pen::RESET;
        self.full_at = None;
        self.text_width = None;
        Ok(())
    }

    /// A new size from the key reader: clear the screen and lay out anew.
    fn follow_resize(&mut self) -> io::Result<()> {
        let Some(area) = self.size.get() else {
            return Ok(());
        };
        if area == self.area() {
            return Ok(());
        }
        self.frames = frame_maker(area)?;
        self.shown = Buffer::empty(area);
        queue!(self.out, Clear(CtClear::All))?;
        self.pen.at = None;
        Ok(())
    }

    /// Write `cells` with as few escapes as the pen allows, then flush once.
    fn write(&mut self, cells: &[(u16, u16, Cell)]) -> io::Result<()> {
        if cells.is_empty() {
            return Ok(());
        }
        let width = self.area().width;
        for (x, y, cell) in cells {
            if self.pen.at != Some((*x, *y)) {
                queue!(self.out, MoveTo(*x, *y))?;
            }
            self.set_style(cell)?;
            queue!(self.out, Print(cell.symbol()))?;
            let next = x.saturating_add(symbol_width(cell));
            // At the right edge the cursor waits to wrap: where it is depends
            // on the terminal, so move before the next cell.
            self.pen.at = (next < width).then_some((next, *y));
        }
        self.out.flush()
    }

    fn set_style(&mut self, cell: &Cell) -> io::Result<()> {
        if cell.modifier != self.pen.modifier {
            let removed = self.pen.modifier - cell.modifier;
            if removed.is_empty() {
                set_modifiers(&mut self.out, cell.modifier - self.pen.modifier)?;
            } else {
                // One reset for any attribute that goes: it also resets the
                // colours, so they are set again below.
                queue!(self.out, SetAttribute(Attribute::Reset))?;
                self.pen = Pen {
                    at: self.pen.at,
                    ..Pen::RESET
                };
                set_modifiers(&mut self.out, cell.modifier)?;
            }
            self.pen.modifier = cell.modifier;
        }
        if cell.fg != self.pen.fg {
            queue!(self.out, SetForegroundColor(cell.fg.into_crossterm()))?;
            self.pen.fg = cell.fg;
        }
        if cell.bg != self.pen.bg {
            queue!(self.out, SetBackgroundColor(cell.bg.into_crossterm()))?;
            self.pen.bg = cell.bg;
        }
        if cell.underline_color != self.pen.underline {
            queue!(
                self.out,
                SetUnderlineColor(cell.underline_color.into_crossterm())
            )?;
            self.pen.underline = cell.underline_color;
        }
        Ok(())
    }
}

fn minute(t: DateTime<Utc>) -> DateTime<Utc> {
    t.duration_trunc(TimeDelta::minutes(1)).unwrap_or(t)
}

fn symbol_width(cell: &Cell) -> u16 {
    use unicode_width::UnicodeWidthStr as _;
    u16::try_from(cell.symbol().width()).unwrap_or(1).max(1)
}

fn set_modifiers(out: &mut impl Write, m: Modifier) -> io::Result<()> {
    const ATTRS: [(Modifier, Attribute); 8] = [
        (Modifier::BOLD, Attribute::Bold),
        (Modifier::DIM, Attribute::Dim),
        (Modifier::ITALIC, Attribute::Italic),
        (Modifier::UNDERLINED, Attribute::Underlined),
        (Modifier::SLOW_BLINK, Attribute::SlowBlink),
        (Modifier::RAPID_BLINK, Attribute::RapidBlink),
        (Modifier::REVERSED, Attribute::Reverse),
        (Modifier::CROSSED_OUT, Attribute::CrossedOut),
    ];
    for (flag, attr) in ATTRS {
        if m.contains(flag) {
            queue!(out, SetAttribute(attr))?;
        }
    }
    if m.contains(Modifier::HIDDEN) {
        queue!(out, SetAttribute(Attribute::Hidden))?;
    }
    Ok(())
}

fn frame_maker(area: Rect) -> io::Result<Terminal<Sink>> {
    Terminal::with_options(
        Sink(area.as_size()),
        TerminalOptions {
            viewport: Viewport::Fixed(area),
        },
    )
}

/// A backend that writes nothing: the `Terminal` over it only lays frames out.
struct Sink(Size);

impl Backend for Sink {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, _content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        Ok(())
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(Position::ORIGIN)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, _position: P) -> io::Result<()> {
        Ok(())
    }

    fn clear(&mut self) -> io::Result<()> {
        Ok(())
    }

    fn clear_region(&mut self, _clear_type: ClearType) -> io::Result<()> {
        Ok(())
    }

    fn size(&self) -> io::Result<Size> {
        Ok(self.0)
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        Ok(WindowSize {
            columns_rows: self.0,
            pixels: Size::default(),
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};

    use super::*;
    use crate::config::Config;
    use crate::core::breaks::{BreakKind, CoachOp};
    use crate::core::day::{Day, DayOp, Place};
    use crate::store::DayLoad;

    const COLS: u16 = 120;
    const ROWS: u16 = 35;

    fn zone() -> FixedOffset {
        FixedOffset::east_opt(3600).unwrap()
    }

    fn at(h: u32, m: u32, s: u32) -> DateTime<Utc> {
        let date = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        zone()
            .from_local_datetime(&date.and_hms_opt(h, m, s).unwrap())
            .unwrap()
            .to_utc()
    }

    /// Today at home, a 20-minute long break since 10:00.
    fn on_break() -> App {
        break_from(at(10, 0, 0), 20)
    }

    /// Today at home, a long break of `minutes` since `start`.
    fn break_from(start: DateTime<Utc>, minutes: u32) -> App {
        let date = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let mut day = Day::new(date);
        let stamp = |t: DateTime<Utc>| t.with_timezone(&zone());
        for op in [
            DayOp::SetPlace {
                place: Some(Place::Home),
                extra_work: false,
            },
            DayOp::FinishCheckin {
                at: stamp(at(8, 55, 0)),
                feeling: Some(4),
            },
            DayOp::Coach(CoachOp::StartBreak {
                at: stamp(start),
                kind: BreakKind::Long,
                minutes,
                due: None,
            }),
        ] {
            day.apply(op).unwrap();
        }
        let mut app = App::new(Config::default(), date, DayLoad::Ok(day), None);
        app.checkin = None;
        app
    }

    fn display() -> Display<Vec<u8>> {
        let size = SizeCell::default();
        size.set(COLS, ROWS);
        Display::new(Vec::new(), size).unwrap()
    }

    fn moment(app: &App, now: DateTime<Utc>) -> Moment {
        Moment::at(&zone(), now, app)
    }

    fn tick(d: &mut Display<Vec<u8>>, app: &App, now: DateTime<Utc>, theme: Theme) {
        let m = moment(app, now);
        d.tick(app, now, m.coach, theme, || m).unwrap();
    }

    fn nz(n: u16) -> std::num::NonZero<u16> {
        std::num::NonZero::new(n).unwrap()
    }

    /// What a terminal shows after `bytes`: every cell's text and look.
    fn screen(bytes: &[u8]) -> Vec<String> {
        let mut p = vt100::Parser::new(nz(ROWS), nz(COLS), 0);
        p.process(bytes);
        let s = p.screen();
        (0..ROWS)
            .flat_map(|r| (0..COLS).map(move |c| (r, c)))
            .filter_map(|(r, c)| s.cell(r, c))
            .map(|c| {
                format!(
                    "{}|{:?}|{:?}|{}{}{}{}",
                    c.contents(),
                    c.fgcolor(),
                    c.bgcolor(),
                    c.bold(),
                    c.italic(),
                    c.underline(),
                    c.inverse()
                )
            })
            .collect()
    }

    #[test]
    fn a_countdown_second_writes_its_digits_and_shows_what_a_full_frame_would() {
        let app = on_break();
        let theme = Theme { color: true };
        let mut d = display();
        d.full(&app, &moment(&app, at(10, 0, 30)), theme).unwrap();
        let first = d.out.len();
        tick(&mut d, &app, at(10, 0, 31), theme);
        let tick = &d.out[first..];
        assert!(
            !tick.is_empty() && tick.len() <= 24,
            "a second of countdown wrote {} bytes: {}",
            tick.len(),
            tick.escape_ascii()
        );
        let mut fresh = display();
        fresh
            .full(&app, &moment(&app, at(10, 0, 31)), theme)
            .unwrap();
        assert_eq!(screen(&d.out), screen(&fresh.out));
        assert_eq!(d.shown, fresh.shown);
    }

    /// Second after second the screen is what a full frame would draw, also
    /// when the countdown gets shorter (`100 min 00 s left`, then `99 min 59 s left`):
    /// a second compares only the text's columns, the last one's included.
    #[test]
    fn seconds_in_a_row_show_what_full_frames_would() {
        let app = break_from(at(10, 0, 30), 101);
        let theme = Theme { color: true };
        let mut d = display();
        d.full(&app, &moment(&app, at(10, 1, 25)), theme).unwrap();
        for s in 26..35 {
            let now = at(10, 1, s);
            tick(&mut d, &app, now, theme);
            let mut fresh = display();
            fresh.full(&app, &moment(&app, now), theme).unwrap();
            assert_eq!(d.shown, fresh.shown, "at 10:01:{s}");
            // A cell written blank and one never written look the same.
            let blank = |v: Vec<String>| -> Vec<String> {
                v.into_iter().map(|c| c.replacen(" |", "|", 1)).collect()
            };
            let (a, b) = (blank(screen(&d.out)), blank(screen(&fresh.out)));
            assert_eq!(a, b, "at 10:01:{s}");
        }
        let row: String = (0..COLS).map(|x| d.shown[(x, 4)].symbol()).collect();
        assert!(row.contains("99 min 56 s left"), "{row}");
    }

    #[test]
    fn the_minute_turning_draws_the_whole_frame() {
        let app = on_break();
        let theme = Theme { color: true };
        let mut d = display();
        d.full(&app, &moment(&app, at(10, 0, 59)), theme).unwrap();
        tick(&mut d, &app, at(10, 1, 0), theme);
        let mut fresh = display();
        fresh
            .full(&app, &moment(&app, at(10, 1, 0)), theme)
            .unwrap();
        assert_eq!(d.shown, fresh.shown);
        assert_eq!(screen(&d.out), screen(&fresh.out));
    }

    #[test]
    fn a_frame_that_changes_nothing_writes_nothing() {
        let app = on_break();
        let theme = Theme { color: true };
        let mut d = display();
        let now = moment(&app, at(10, 0, 30));
        d.full(&app, &now, theme).unwrap();
        let n = d.out.len();
        d.full(&app, &now, theme).unwrap();
        tick(&mut d, &app, at(10, 0, 30), theme);
        assert_eq!(d.out.len(), n, "{}", d.out[n..].escape_ascii());
        // Nor does a frame end by resetting the colours or hiding the cursor.
        let first = String::from_utf8_lossy(&d.out);
        assert!(!first.ends_with("\u{1b}[0m"), "{}", first.escape_debug());
        assert!(!first.contains("\u{1b}[?25l"));
    }

    #[test]
    fn a_second_with_the_help_open_draws_the_whole_frame() {
        let mut app = on_break();
        app.popup = Some(crate::tui::popup::Popup::Help(
            crate::tui::popup::help::Help::default(),
        ));
        let theme = Theme { color: false };
        let mut d = display();
        d.full(&app, &moment(&app, at(10, 0, 30)), theme).unwrap();
        tick(&mut d, &app, at(10, 0, 31), theme);
        let mut fresh = display();
        fresh
            .full(&app, &moment(&app, at(10, 0, 31)), theme)
            .unwrap();
        assert_eq!(d.shown, fresh.shown);
        assert_eq!(screen(&d.out), screen(&fresh.out));
    }

    #[test]
    fn a_resize_clears_and_draws_the_frame_at_the_new_size() {
        let app = on_break();
        let theme = Theme { color: true };
        let mut d = display();
        d.full(&app, &moment(&app, at(10, 0, 30)), theme).unwrap();
        d.size.set(100, 30);
        tick(&mut d, &app, at(10, 0, 31), theme);
        assert_eq!(d.shown.area, Rect::new(0, 0, 100, 30));
        let mut p = vt100::Parser::new(nz(30), nz(100), 0);
        p.process(&d.out);
        assert!(
            p.screen().contents().contains("19 min 29 s left"),
            "{}",
            p.screen().contents()
        );
    }
}
