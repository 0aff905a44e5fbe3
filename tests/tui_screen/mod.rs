//! Drawing the TUI for a test: the app rendered on ratatui's TestBackend at a
//! given instant (the `Moment` in the machine's zone), and the screen read back
//! as text. Included by the screen tests (`mod tui_screen;`).
#![allow(dead_code)] // each test file uses its part

use chrono::{DateTime, Local, Utc};
use kot::tui::app::App;
use kot::tui::theme::Theme;
use kot::tui::view::{self, Moment};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// `app` drawn at `now` on a `w`×`h` terminal, in colour or without.
pub fn draw(app: &App, now: DateTime<Utc>, w: u16, h: u16, color: bool) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    let moment = Moment::at(&Local, now, app);
    t.draw(|f| view::render(f, app, &moment, Theme { color }))
        .unwrap();
    t
}

/// What the terminal shows, one line a row, each ended by `\n`.
pub fn text(t: &Terminal<TestBackend>) -> String {
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}
