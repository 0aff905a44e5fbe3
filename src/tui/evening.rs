//! The evening check-in: mood, energy, the three needs (each with the line
//! that explains it), the day's real conversations and a win. One room, used
//! by the Journal screen to edit a day and meant to be embedded as a step of
//! the end-of-day ritual: it keeps its state, reads its keys, draws itself,
//! and sends every answer at once as a journal edit. Esc leaves it and
//! never takes back what was answered.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui_textarea::TextArea;
use unicode_width::UnicodeWidthStr;

use super::effect::Effect;
use super::journal::io::JournalCmd;
use super::keymap::{Action, Choice, Layer};
use super::msg::Cmd;
use super::popup::centered;
use super::theme::Theme;
use super::widgets::{fit_line, long_date, shown};
use crate::core::day::Day;
use crate::core::journal::suggest::{Suggested, suggest};
use crate::core::journal::{ContactState, Entry, How, JournalOp, Scale};
use crate::store::journal::refusal_message;
use crate::t;

/// The rows of the form, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Score(Scale),
    Contacts,
    Wins,
}

const FIELDS: [Field; 7] = [
    Field::Score(Scale::Mood),
    Field::Score(Scale::Energy),
    Field::Score(Scale::Autonomy),
    Field::Score(Scale::Competence),
    Field::Score(Scale::Relatedness),
    Field::Contacts,
    Field::Wins,
];

/// A line being typed: a contact (and how) or a win.
#[derive(Debug)]
pub enum Adding {
    Contact { name: TextArea<'static>, how: How },
    Win(TextArea<'static>),
}

/// What the host does after a key.
#[derive(Debug)]
pub enum Reply {
    /// The form stays open; apply these.
    Stay(Vec<Effect>),
    /// The form is done (Enter or Esc): close it.
    Done,
}

#[derive(Debug)]
pub struct Evening {
    /// The day's entry as answered so far (each answer is applied here at
    /// once and written; the written entry replaces it when it comes back).
    entry: Entry,
    field: usize,
    adding: Option<Adding>,
    error: Option<String>,
    /// Embedded in the ritual, where Esc goes a step back (the hint says so).
    in_ritual: bool,
    /// The day's plan, when it was read: its meetings and tasks done are
    /// offered as conversations and wins (`C`, `W`).
    plan: Option<Day>,
}

impl Evening {
    #[must_use]
    pub fn new(entry: Entry) -> Self {
        Self {
            entry,
            field: 0,
            adding: None,
            error: None,
            in_ritual: false,
            plan: None,
        }
    }

    /// The form offering what `plan` holds (its meetings, its tasks done).
    #[must_use]
    pub fn with_plan(mut self, plan: Option<Day>) -> Self {
        self.plan = plan.filter(|d| d.date == self.entry.date);
        self
    }

    /// What the plan offers that is not on record yet.
    fn suggested(&self) -> Suggested {
        self.plan
            .as_ref()
            .map(|d| suggest(d, &self.entry))
            .unwrap_or_default()
    }

    /// The form as a step of the ritual: Esc there goes a step back.
    #[must_use]
    pub fn in_ritual(mut self) -> Self {
        self.in_ritual = true;
        self
    }

    #[must_use]
    pub fn date(&self) -> NaiveDate {
        self.entry.date
    }

    #[must_use]
    pub fn entry(&self) -> &Entry {
        &self.entry
    }

    #[must_use]
    pub fn field(&self) -> Field {
        FIELDS[self.field.min(FIELDS.len() - 1)]
    }

    /// The entry as written on disk.
    pub fn take_entry(&mut self, entry: Entry) {
        self.entry = entry;
    }

    /// The line being typed, by the field it is for (`contact`, `win`): a
    /// text field whose unsaved text is kept as a draft.
    pub fn typing_mut(&mut self) -> Option<(&'static str, &mut TextArea<'static>)> {
        match &mut self.adding {
            None => None,
            Some(Adding::Contact { name, .. }) => Some(("evening-contact", name)),
            Some(Adding::Win(area)) => Some(("evening-win", area)),
        }
    }

    #[must_use]
    pub fn layer(&self) -> Layer {
        match self.adding {
            Some(Adding::Contact { .. }) => Layer::EveningContact,
            Some(Adding::Win(_)) => Layer::EveningWin,
            None => Layer::Evening,
        }
    }

    /// Typing a name or a win: every key but Enter, Esc and (for a contact)
    /// Tab goes into the line.
    pub fn on_raw_key(&mut self, ev: KeyEvent) -> bool {
        let area = match &mut self.adding {
            None => return false,
            Some(Adding::Contact { name, .. }) => {
                // ↑/↓ pick a name from the text (see `pick_offered`).
                if matches!(
                    ev.code,
                    KeyCode::Tab | KeyCode::BackTab | KeyCode::Up | KeyCode::Down
                ) {
                    return false;
                }
                name
            }
            Some(Adding::Win(area)) => area,
        };
        if matches!(ev.code, KeyCode::Enter | KeyCode::Esc) {
            return false;
        }
        area.input(ev);
        self.error = None;
        true
    }

    pub fn paste(&mut self, text: &str) -> bool {
        let line = text.replace(['\n', '\r'], " ");
        match &mut self.adding {
            Some(Adding::Contact { name: area, .. } | Adding::Win(area)) => {
                area.insert_str(line);
                true
            }
            None => false,
        }
    }

    pub fn on_action(&mut self, action: Action) -> Reply {
        if self.adding.is_some() {
            return Reply::Stay(self.on_adding(action));
        }
        self.error = None;
        let last = FIELDS.len() - 1;
        let op = match (action, self.field()) {
            (Action::Up, _) => {
                self.field = self.field.saturating_sub(1);
                None
            }
            (Action::Down, _) => {
                self.field = (self.field + 1).min(last);
                None
            }
            (Action::Choose(Choice::Score(n)), Field::Score(scale)) => {
                self.field = (self.field + 1).min(last);
                Some(JournalOp::Rate {
                    scale,
                    value: Some(n),
                })
            }
            (Action::Delete, Field::Score(scale)) => Some(JournalOp::Rate { scale, value: None }),
            (Action::Delete, Field::Contacts) => {
                self.entry
                    .contacts
                    .last()
                    .map(|c| JournalOp::RemoveContact {
                        who: c.who.clone(),
                        how: c.how,
                    })
            }
            (Action::Delete, Field::Wins) => {
                self.entry.wins.last().cloned().map(JournalOp::RemoveWin)
            }
            (Action::AddContact, _) => {
                self.field = field_index(Field::Contacts);
                self.adding = Some(Adding::Contact {
                    name: line_area(""),
                    how: How::InPerson,
                });
                None
            }
            (Action::NoContact, _) => {
                self.field = field_index(Field::Contacts);
                Some(JournalOp::SetNoContact(!self.entry.no_contact))
            }
            (Action::AddWin, _) => {
                self.field = field_index(Field::Wins);
                self.adding = Some(Adding::Win(line_area("")));
                None
            }
            (Action::TakeTalk, _) => {
                self.field = field_index(Field::Contacts);
                self.suggested().next_talk()
            }
            (Action::TakeWin, _) => {
                self.field = field_index(Field::Wins);
                self.suggested().next_win()
            }
            (Action::Submit | Action::Skip | Action::Cancel, _) => return Reply::Done,
            _ => None,
        };
        Reply::Stay(op.map(|op| self.send(op)).unwrap_or_default())
    }

    fn on_adding(&mut self, action: Action) -> Vec<Effect> {
        let Some(adding) = &mut self.adding else {
            return Vec::new();
        };
        match (action, adding) {
            (Action::Cancel, _) => self.adding = None,
            (Action::Right | Action::Left, Adding::Contact { how, .. }) => {
                *how = step_how(*how, action == Action::Right);
            }
            (Action::Down | Action::Up, Adding::Contact { name, .. }) => {
                let offered = self.entry.offered_contacts();
                if let Some(pick) =
                    pick_offered(&offered, &name.lines().join(" "), action == Action::Down)
                {
                    *name = line_area(pick);
                    name.move_cursor(ratatui_textarea::CursorMove::End);
                }
            }
            (Action::Submit, Adding::Contact { name, how }) => {
                let op = JournalOp::AddContact {
                    who: name.lines().join(" "),
                    how: *how,
                };
                return self.send_typed(op);
            }
            (Action::Submit, Adding::Win(area)) => {
                let op = JournalOp::AddWin(area.lines().join(" "));
                return self.send_typed(op);
            }
            _ => {}
        }
        Vec::new()
    }

    /// A typed line: sent and closed, or kept open with why not.
    fn send_typed(&mut self, op: JournalOp) -> Vec<Effect> {
        let effects = self.send(op);
        if self.error.is_none() {
            self.adding = None;
        }
        effects
    }

    /// Apply `op` here (so the form shows it at once) and write it; refused
    /// ops are shown, not sent.
    fn send(&mut self, op: JournalOp) -> Vec<Effect> {
        match self.entry.apply(op.clone()) {
            Ok(_) => vec![Effect::Cmd(Cmd::Journal(JournalCmd::Update {
                date: self.entry.date,
                ops: vec![op],
            }))],
            Err(r) => {
                self.error = Some(refusal_message(&r));
                Vec::new()
            }
        }
    }
}

/// The next (or previous) of the names offered from the text after the one
/// typed; from the first (or last) when the typed one is none of them.
fn pick_offered<'a>(offered: &'a [String], typed: &str, forward: bool) -> Option<&'a str> {
    let n = offered.len();
    if n == 0 {
        return None;
    }
    let i = match offered.iter().position(|o| o == typed) {
        Some(i) if forward => (i + 1) % n,
        Some(i) => (i + n - 1) % n,
        None if forward => 0,
        None => n - 1,
    };
    Some(offered[i].as_str())
}

fn field_index(f: Field) -> usize {
    FIELDS.iter().position(|x| *x == f).unwrap_or(0)
}

fn line_area(text: &str) -> TextArea<'static> {
    let mut area = TextArea::new(vec![text.to_string()]);
    area.set_cursor_line_style(ratatui::style::Style::default());
    area
}

fn step_how(how: How, forward: bool) -> How {
    let i = How::ALL.iter().position(|h| *h == how).unwrap_or(0);
    let n = How::ALL.len();
    How::ALL[if forward {
        (i + 1) % n
    } else {
        (i + n - 1) % n
    }]
}

/// The form's width: the explanation of a need fits beside its score.
const WIDTH: u16 = 72;

impl Evening {
    pub fn render(&self, f: &mut Frame, area: Rect, theme: Theme) {
        // A row too long ends in `…` after a whole word, never cut bare.
        let room = usize::from(WIDTH.min(area.width).saturating_sub(2));
        let mut lines: Vec<Line> = FIELDS
            .iter()
            .enumerate()
            .map(|(i, field)| fit_line(self.row(*field, i == self.field, theme), room))
            .collect();
        lines.push(Line::raw(""));
        match &self.adding {
            Some(Adding::Contact { how, .. }) => lines.push(Line::from(vec![
                Span::styled(format!(" {} ", t!("evening.contact_who")), theme.title()),
                Span::raw(" ".repeat(30)),
                Span::styled(format!(" ‹{}›", t!(how_key(*how))), theme.key()),
            ])),
            Some(Adding::Win(_)) => lines.push(Line::styled(
                format!(" {} ", t!("evening.win_what")),
                theme.title(),
            )),
            None => lines.push(Line::styled(format!(" {}", self.hint()), theme.dim())),
        }
        let offered = self.entry.offered_contacts();
        if !offered.is_empty() && matches!(self.adding, Some(Adding::Contact { .. })) {
            let names = offered
                .iter()
                .map(|n| format!("@{}", shown(n)))
                .collect::<Vec<_>>()
                .join(", ");
            lines.push(Line::styled(
                format!(" {}", t!("evening.offered", names = names)),
                theme.dim(),
            ));
        }
        if let Some(e) = &self.error {
            lines.push(Line::styled(format!(" {e}"), theme.error()));
        }
        let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
        let rect = centered(area, WIDTH, height);
        // Too short for every row: scrolled so the row answered (or the
        // line being typed) shows, and a refusal under it when there is room.
        let focus = if self.adding.is_some() {
            FIELDS.len() + 1
        } else {
            self.field
        };
        let bottom = if self.error.is_some() {
            lines.len() - 1
        } else {
            focus
        };
        let room = usize::from(rect.height.saturating_sub(2)).max(1);
        let scroll = (bottom + 1).saturating_sub(room).min(focus);
        let scroll = u16::try_from(scroll).unwrap_or(0);
        f.render_widget(Clear, rect);
        let block = Block::bordered()
            .title(format!(
                " {} · {} ",
                t!("evening.title"),
                long_date(self.entry.date)
            ))
            .border_style(theme.title());
        let inner = block.inner(rect);
        f.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), rect);
        self.render_typing(f, inner, scroll);
    }

    /// The keys in a line: on the conversations and the wins Del removes the
    /// last one; in the ritual Esc goes a step back.
    fn hint(&self) -> String {
        let list = matches!(self.field(), Field::Contacts | Field::Wins);
        let key = match (list, self.in_ritual) {
            (false, false) => "evening.hint",
            (true, false) => "evening.hint_list",
            (false, true) => "evening.hint_ritual",
            (true, true) => "evening.hint_list_ritual",
        };
        t!(key)
    }

    /// The line being typed, over the blank after its label.
    fn render_typing(&self, f: &mut Frame, inner: Rect, scroll: u16) {
        let row = (inner.y + u16::try_from(FIELDS.len() + 1).unwrap_or(0)).saturating_sub(scroll);
        if row >= inner.bottom() {
            return;
        }
        let (area, label) = match &self.adding {
            Some(Adding::Contact { name, .. }) => (name, t!("evening.contact_who")),
            Some(Adding::Win(a)) => (a, t!("evening.win_what")),
            None => return,
        };
        let x = inner.x + u16::try_from(label.chars().count() + 2).unwrap_or(0);
        let width = match &self.adding {
            Some(Adding::Contact { .. }) => 30,
            _ => inner.right().saturating_sub(x + 1),
        };
        let rect = Rect::new(x, row, width.min(inner.right().saturating_sub(x)), 1);
        f.render_widget(area, rect);
    }

    fn row(&self, field: Field, selected: bool, theme: Theme) -> Line<'static> {
        let mut spans = vec![Span::raw(if selected { "› " } else { "  " })];
        let pad = |text: String| {
            let gap = label_width().saturating_sub(text.width());
            Span::styled(format!("{text}{}", " ".repeat(gap)), theme.title())
        };
        match field {
            Field::Score(scale) => {
                spans.push(pad(label(&t!(scale.label_key()))));
                let value = self
                    .entry
                    .score(scale)
                    .map_or_else(|| "·  ".to_string(), |v| format!("{v}/5"));
                spans.push(Span::raw(format!("{value:<5}")));
                if let Some(about) = scale.about_key() {
                    spans.push(Span::styled(t!(about), theme.dim()));
                }
            }
            Field::Contacts => {
                spans.push(pad(t!("evening.contacts")));
                spans.push(Span::raw(self.contacts_text()));
                if let Some((who, how)) = self.suggested().talks.first() {
                    let offer = format!("{} ({})", shown(who), t!(how_key(*how)));
                    spans.extend(offer_spans('C', offer, theme));
                }
            }
            Field::Wins => {
                spans.push(pad(t!("evening.wins")));
                let wins = if self.entry.wins.is_empty() {
                    "·".to_string()
                } else {
                    shown(&self.entry.wins.join(" · "))
                };
                spans.push(Span::raw(wins));
                if let Some(win) = self.suggested().wins.first() {
                    spans.extend(offer_spans('W', shown(win), theme));
                }
            }
        }
        let line = Line::from(spans);
        if selected {
            line.style(theme.selected())
        } else {
            line
        }
    }

    fn contacts_text(&self) -> String {
        match self.entry.contact_state() {
            ContactState::Unknown => "·".to_string(),
            ContactState::None => t!("journal.no_contact"),
            ContactState::Known => self
                .entry
                .contacts
                .iter()
                .map(|c| format!("{} ({})", shown(&c.who), t!(how_key(c.how))))
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}

/// A suggestion after a row's value: its key, then what it records.
fn offer_spans(key: char, what: String, theme: Theme) -> [Span<'static>; 3] {
    [
        Span::raw("  "),
        Span::styled(format!("{key} "), theme.key()),
        Span::styled(format!("+ {what}"), theme.dim()),
    ]
}

/// The label column: the longest label of the language and two spaces, so
/// a label never runs into its value ("Verbondenheid3/5").
fn label_width() -> usize {
    FIELDS
        .iter()
        .map(|f| match f {
            Field::Score(scale) => label(&t!(scale.label_key())).width(),
            Field::Contacts => t!("evening.contacts").width(),
            Field::Wins => t!("evening.wins").width(),
        })
        .max()
        .unwrap_or(0)
        + 2
}

/// `mood` → `Mood`: a label starts with a capital.
fn label(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// The catalogue key of how a conversation happened.
#[must_use]
pub fn how_key(how: How) -> &'static str {
    match how {
        How::InPerson => "journal.how.in-person",
        How::Call => "journal.how.call",
        How::Video => "journal.how.video",
        How::Chat => "journal.how.chat",
    }
}
