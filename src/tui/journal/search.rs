//! The journal search (`/`): a line for words, `#tags` and score filters
//! (`mood<=2`, `relatedness<=2`), run over every day on Enter; the days found,
//! newest first, each with its date and a snippet with the matches marked.
//! Enter on one opens it.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph};
use ratatui_textarea::TextArea;

use super::View;
use crate::core::journal::search::{Hit, Snippet};
use crate::t;
use crate::tui::keymap::{Action, Layer};
use crate::tui::theme::Theme;
use crate::tui::widgets::{short_date, shown};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Focus {
    #[default]
    Query,
    Results,
}

#[derive(Debug, Default)]
pub struct Search {
    input: TextArea<'static>,
    focus: Focus,
    /// The terms searched last and what they found (newest first).
    pub ran: Option<String>,
    pub hits: Vec<Hit>,
    pub unreadable: usize,
    pub sel: usize,
    pub error: Option<String>,
    /// Where Esc goes back to.
    from: View,
}

/// What a key asks of the screen.
pub enum Reply {
    Stay,
    Run(String),
    Open(NaiveDate),
    Back(View),
}

impl Search {
    /// `/`: type a search (the last one's terms are kept to refine).
    pub fn start(&mut self, from: View) {
        if from != View::Search {
            self.from = from;
        }
        self.focus = Focus::Query;
        self.input
            .set_cursor_line_style(ratatui::style::Style::default());
        self.input.move_cursor(ratatui_textarea::CursorMove::End);
    }

    #[must_use]
    pub fn layer(&self) -> Layer {
        match self.focus {
            Focus::Query => Layer::JournalQuery,
            Focus::Results => Layer::JournalResults,
        }
    }

    pub fn on_raw_key(&mut self, ev: KeyEvent) -> bool {
        if self.focus != Focus::Query
            || matches!(
                ev.code,
                KeyCode::Enter | KeyCode::Esc | KeyCode::Down | KeyCode::Up
            )
        {
            return false;
        }
        self.input.input(ev);
        self.error = None;
        true
    }

    pub fn paste(&mut self, text: &str) {
        if self.focus == Focus::Query {
            self.input.insert_str(text.replace(['\n', '\r'], " "));
        }
    }

    #[must_use]
    pub fn terms(&self) -> String {
        self.input.lines().join(" ").trim().to_string()
    }

    pub fn on_action(&mut self, action: Action) -> Reply {
        match (self.focus, action) {
            (Focus::Query, Action::Submit) => {
                let terms = self.terms();
                if terms.is_empty() {
                    return Reply::Stay;
                }
                Reply::Run(terms)
            }
            (Focus::Query, Action::Down) if !self.hits.is_empty() => {
                self.focus = Focus::Results;
                Reply::Stay
            }
            (Focus::Results, Action::Down) => {
                self.sel = (self.sel + 1).min(self.hits.len().saturating_sub(1));
                Reply::Stay
            }
            (Focus::Results, Action::Up) => {
                self.sel = self.sel.saturating_sub(1);
                Reply::Stay
            }
            (Focus::Results, Action::Submit) => self
                .hits
                .get(self.sel)
                .map_or(Reply::Stay, |h| Reply::Open(h.date)),
            (Focus::Results, Action::Search) => {
                self.focus = Focus::Query;
                Reply::Stay
            }
            (_, Action::Cancel) => Reply::Back(self.from),
            _ => Reply::Stay,
        }
    }

    /// What a search found (newest first, `search::newest_first`), or why it
    /// could not run.
    pub fn found(
        &mut self,
        terms: String,
        result: Result<crate::store::journal::Searched, String>,
    ) {
        match result {
            Ok(found) => {
                self.hits = found.hits;
                self.unreadable = found.unreadable.len();
                self.sel = 0;
                self.error = None;
                self.ran = Some(terms);
                self.focus = if self.hits.is_empty() {
                    Focus::Query
                } else {
                    Focus::Results
                };
            }
            Err(e) => self.error = Some(e),
        }
    }

    pub fn render(&self, f: &mut Frame, area: Rect, theme: Theme) {
        let [head, query, hint, results] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(0),
        ])
        .areas(area);
        f.render_widget(
            Line::styled(format!(" {}", t!("journal.search.title")), theme.title()),
            head,
        );
        let label = format!(" {} ", t!("journal.search.label"));
        let width = u16::try_from(label.chars().count()).unwrap_or(0);
        let [l, field] =
            Layout::horizontal([Constraint::Length(width), Constraint::Min(1)]).areas(query);
        f.render_widget(Line::styled(label, theme.key()), l);
        f.render_widget(&self.input, field);
        let note = match (&self.error, &self.ran) {
            (Some(e), _) => Line::styled(format!(" {e}"), theme.error()),
            (None, Some(_)) => Line::styled(format!(" {}", self.count_text()), theme.info()),
            (None, None) => Line::styled(format!(" {}", t!("journal.search.hint")), theme.dim()),
        };
        f.render_widget(note, hint);
        self.render_results(f, results, theme);
    }

    fn count_text(&self) -> String {
        let n = i64::try_from(self.hits.len()).unwrap_or(i64::MAX);
        let mut s = crate::i18n::plural("cli.journal.found", n, &[]);
        if self.unreadable > 0 {
            s.push_str(&format!(
                " · {}",
                t!("journal.unreadable_days", n = self.unreadable)
            ));
        }
        s
    }

    fn render_results(&self, f: &mut Frame, area: Rect, theme: Theme) {
        if self.ran.is_some() && self.hits.is_empty() {
            f.render_widget(
                Paragraph::new(Line::styled(
                    format!(" {}", t!("cli.journal.none_found")),
                    theme.dim(),
                )),
                area,
            );
            return;
        }
        let items: Vec<ListItem> = self
            .hits
            .iter()
            .map(|h| ListItem::new(hit_line(h, theme)))
            .collect();
        let mut state = ListState::default();
        if self.focus == Focus::Results {
            state.select(Some(self.sel));
        }
        let list = List::new(items).highlight_style(theme.selected());
        f.render_stateful_widget(list, area, &mut state);
    }
}

/// ` Mon 23 Nov 2026  …the words around the match…` with the matches marked.
fn hit_line(h: &Hit, theme: Theme) -> Line<'static> {
    let mut spans = vec![Span::styled(
        format!(
            " {} {}  ",
            short_date(h.date),
            chrono::Datelike::year(&h.date)
        ),
        theme.key(),
    )];
    spans.extend(marked(&h.snippet, theme));
    Line::from(spans)
}

/// The snippet in pieces, the matches in the mark style (bold and underlined
/// without colour). Each piece is made safe to show on its own.
#[must_use]
pub fn marked(s: &Snippet, theme: Theme) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    let mut at = 0;
    for m in &s.marks {
        let (Some(before), Some(hit)) = (s.text.get(at..m.start), s.text.get(m.clone())) else {
            continue;
        };
        out.push(Span::raw(shown(before)));
        out.push(Span::styled(shown(hit), theme.mark()));
        at = m.end;
    }
    out.push(Span::raw(shown(s.text.get(at..).unwrap_or(""))));
    out
}
