//! Writing a day's text in kot: a multi-line editor (ratatui-textarea) over
//! the Journal screen. Letters with accents, emoji and wide characters take
//! the columns they show in. Ctrl-S saves, Esc saves and closes once the save
//! landed: nothing typed is lost. A save that fails keeps the editor open
//! with the text; quitting or a signal keeps unsaved text as a draft
//! (`store::drafts`), offered back here. The save carries the text it
//! started from, byte for byte, so a text changed meanwhile by another kot is
//! not written over unseen: both are shown, the other one above.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use crate::core::journal::{JournalOp, clean_text, merge_view};
use crate::store::drafts::Draft;
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
    /// The text as last read or saved, byte for byte: what the file should
    /// still hold for a save to go through.
    was: String,
    /// The text as kept (`clean_text`) when last read or saved: anything else
    /// in the editor is unsaved.
    saved: String,
    /// A problem to read (a failed save, a conflict), in the error style.
    note: Option<String>,
    /// News that is no problem (saved, a draft back), until the next key.
    info: Option<String>,
    /// Esc asked to close: it closes when the save lands.
    closing: bool,
}

impl TextEditor {
    /// An editor on `text`, the day's text as read from its file.
    #[must_use]
    pub fn new(date: NaiveDate, text: &str) -> Self {
        let saved = clean_text(text);
        Self {
            date,
            area: area_of(&saved),
            was: text.to_string(),
            saved,
            note: None,
            info: None,
            closing: false,
        }
    }

    /// An editor on a draft kept from before, over `now`, the text on disk.
    #[must_use]
    pub fn from_draft(date: NaiveDate, now: &str, draft: &Draft) -> Self {
        let mut editor = Self::new(date, now);
        editor.area = area_of(&draft.offered(now));
        editor.info = Some(t!("journal.draft_offered"));
        editor
    }

    /// The text changed on disk since it was read (`now`): what was written
    /// there is shown above what is typed here, marked, and a save now
    /// replaces `now`.
    pub fn conflict(&mut self, now: &str) {
        let merged = merge_view(
            &self.was,
            now,
            &self.text(),
            &t!("journal.merge.other"),
            &t!("journal.merge.mine"),
        );
        self.area = area_of(&merged);
        self.was = now.to_string();
        self.saved = clean_text(now);
        self.closing = false;
        self.note = Some(t!("journal.text_conflict"));
    }

    #[must_use]
    pub fn text(&self) -> String {
        clean_text(&self.area.lines().join("\n"))
    }

    /// What is typed and not saved, as a draft; `None` when all is saved.
    #[must_use]
    pub fn unsaved(&self) -> Option<Draft> {
        let text = self.text();
        (text != self.saved).then(|| Draft {
            base: self.was.clone(),
            text,
        })
    }

    /// The save landed: `written` is the text now on disk. Whether the
    /// editor closes now: Esc was pressed, and nothing was typed since.
    pub fn saved(&mut self, written: &str) -> bool {
        self.was = written.to_string();
        self.saved = clean_text(written);
        self.note = None;
        self.info = Some(t!("journal.text_saved"));
        self.closing && self.unsaved().is_none()
    }

    /// The save failed: the editor stays open with the text, and says why
    /// (and, after Esc, why it did not close).
    pub fn failed(&mut self, why: &str) {
        let key = if self.closing {
            "journal.close_failed"
        } else {
            "journal.save_failed"
        };
        self.closing = false;
        self.note = Some(t!(key, error = why));
    }

    /// Every key but Esc and Ctrl-S goes into the text.
    pub fn on_raw_key(&mut self, ev: KeyEvent) -> bool {
        let save = ev.code == KeyCode::Char('s') && ev.modifiers.contains(KeyModifiers::CONTROL);
        if ev.code == KeyCode::Esc || save {
            return false;
        }
        if self.area.input(ev) {
            self.info = None;
        }
        true
    }

    pub fn paste(&mut self, text: &str) {
        self.area
            .insert_str(text.replace("\r\n", "\n").replace('\r', "\n"));
    }

    /// Ctrl-S saves; Esc saves and closes, at once when nothing is unsaved,
    /// else once the save lands. The effects, and whether it closes now.
    pub fn on_action(&mut self, action: Action) -> (Vec<Effect>, bool) {
        let close = match action {
            Action::Save => false,
            Action::Cancel => true,
            _ => return (Vec::new(), false),
        };
        let Some(draft) = self.unsaved() else {
            let forget = Effect::Cmd(Cmd::Journal(JournalCmd::DropDraft(self.date)));
            return (if close { vec![forget] } else { Vec::new() }, close);
        };
        self.closing = close;
        let op = JournalOp::SetText {
            text: draft.text,
            was: Some(draft.base),
        };
        let write = Effect::Cmd(Cmd::Journal(JournalCmd::Update {
            date: self.date,
            ops: vec![op],
        }));
        (vec![write], false)
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
        let line = match (&self.note, &self.info) {
            (Some(n), _) => Line::styled(n.clone(), theme.error()),
            (None, Some(i)) => Line::styled(i.clone(), theme.info()),
            (None, None) => Line::styled(t!("journal.text_hint"), theme.dim()),
        };
        f.render_widget(line, note);
    }
}

fn area_of(text: &str) -> TextArea<'static> {
    let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let mut area = TextArea::new(lines);
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    area.set_cursor_line_style(ratatui::style::Style::default());
    area.move_cursor(CursorMove::Bottom);
    area.move_cursor(CursorMove::End);
    area
}
