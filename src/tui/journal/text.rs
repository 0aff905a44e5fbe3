//! Writing a day's text in kot: a multi-line editor (ratatui-textarea) over
//! the Journal screen. Letters with accents, emoji and wide characters take
//! the columns they show in. Ctrl-S saves, Esc saves and closes: nothing
//! typed is lost. The save carries the text it started from, so a text
//! changed meanwhile by another kot is not written over unseen.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use crate::core::journal::{JournalOp, clean_text};
use crate::t;
use crate::tui::effect::Effect;
use crate::tui::journal::io::JournalCmd;
use crate::tui::keymap::Action;
use crate::tui::msg::Cmd;
use crate::tui::theme::Theme;
use crate::tui::widgets::long_date;

#[derive(Debug)]
pub struct TextEditor {
    pub date: NaiveDate,
    area: TextArea<'static>,
    /// The text as last read or saved: what the file should still hold.
    was: String,
    note: Option<String>,
}

impl TextEditor {
    #[must_use]
    pub fn new(date: NaiveDate, text: &str) -> Self {
        let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        let mut area = TextArea::new(lines);
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        area.set_cursor_line_style(ratatui::style::Style::default());
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        Self {
            date,
            area,
            was: clean_text(text),
            note: None,
        }
    }

    /// The text changed on disk since it was opened: what is typed stays,
    /// and a save now replaces `now`.
    pub fn conflict(&mut self, now: &str) {
        self.was = clean_text(now);
        self.note = Some(t!("journal.text_conflict"));
    }

    #[must_use]
    pub fn text(&self) -> String {
        clean_text(&self.area.lines().join("\n"))
    }

    /// Every key but Esc and Ctrl-S goes into the text.
    pub fn on_raw_key(&mut self, ev: KeyEvent) -> bool {
        let save = ev.code == KeyCode::Char('s') && ev.modifiers.contains(KeyModifiers::CONTROL);
        if ev.code == KeyCode::Esc || save {
            return false;
        }
        self.area.input(ev);
        true
    }

    pub fn paste(&mut self, text: &str) {
        self.area
            .insert_str(text.replace("\r\n", "\n").replace('\r', "\n"));
    }

    /// Ctrl-S saves; Esc saves and closes. The effects, and whether it closes.
    pub fn on_action(&mut self, action: Action) -> (Vec<Effect>, bool) {
        let close = match action {
            Action::Save => false,
            Action::Cancel => true,
            _ => return (Vec::new(), false),
        };
        let text = self.text();
        if text == self.was {
            return (Vec::new(), close);
        }
        let was = std::mem::replace(&mut self.was, text.clone());
        self.note = None;
        let op = JournalOp::SetText {
            text,
            was: Some(was),
        };
        let write = Effect::Cmd(Cmd::Journal(JournalCmd::Update {
            date: self.date,
            ops: vec![op],
        }));
        (vec![write], close)
    }

    pub fn render(&self, f: &mut Frame, area: Rect, theme: Theme) {
        // The whole screen but the banner and the footer: room to write.
        let rect = area;
        f.render_widget(Clear, rect);
        let block = Block::bordered()
            .title(format!(
                " {} · {} ",
                t!("journal.text_title"),
                long_date(self.date)
            ))
            .border_style(theme.title());
        let inner = block.inner(rect);
        f.render_widget(block, rect);
        let [text, note] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
        f.render_widget(&self.area, text);
        let line = match &self.note {
            Some(n) => Line::styled(n.clone(), theme.error()),
            None => Line::styled(t!("journal.text_hint"), theme.dim()),
        };
        f.render_widget(line, note);
    }
}
