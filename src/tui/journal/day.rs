//! One day of the journal, to read: its scores, the morning feeling and the
//! place from the day file, the conversations, the wins, then the text.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{DayShown, Journal};
use crate::core::journal::{ContactState, Entry, Scale};
use crate::core::text::display_safe_lines;
use crate::store::journal::EntryLoad;
use crate::t;
use crate::tui::evening::how_key;
use crate::tui::theme::Theme;
use crate::tui::widgets::{long_date, shown};

pub fn render(f: &mut Frame, area: Rect, j: &Journal, theme: Theme) {
    let Some(d) = &j.day else {
        return;
    };
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    f.render_widget(
        Line::from(vec![
            Span::styled(" kot ", theme.title()),
            Span::raw(format!("· {} · ", t!("journal.title"))),
            Span::styled(long_date(d.date), theme.title()),
        ]),
        head,
    );
    let block = Block::bordered().border_style(theme.border());
    let lines = match &d.entry {
        EntryLoad::Corrupt(c) => vec![
            Line::styled(t!("journal.unreadable"), theme.error()),
            Line::raw(display_safe_lines(&c.describe()).into_owned()),
        ],
        EntryLoad::Missing => facts(d, None, theme),
        EntryLoad::Ok(e) => facts(d, Some(e), theme),
    };
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((d.scroll, 0)),
        body,
    );
}

fn facts(d: &DayShown, entry: Option<&Entry>, theme: Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let morning = morning(d);
    if let Some(m) = morning {
        lines.push(Line::styled(m, theme.dim()));
    }
    let Some(e) = entry.filter(|e| !e.is_empty()) else {
        lines.push(Line::styled(t!("journal.day_empty"), theme.dim()));
        return lines;
    };
    let scores: Vec<String> = Scale::ALL
        .iter()
        .filter_map(|s| e.score(*s).map(|v| format!("{} {v}/5", t!(s.label_key()))))
        .collect();
    if !scores.is_empty() {
        lines.push(Line::styled(scores.join(" · "), theme.title()));
    }
    match e.contact_state() {
        ContactState::Known => {
            let list = e
                .contacts
                .iter()
                .map(|c| format!("{} ({})", shown(&c.who), t!(how_key(c.how))))
                .collect::<Vec<_>>()
                .join(", ");
            lines.push(Line::raw(t!("journal.contacts", list = list)));
        }
        ContactState::None => lines.push(Line::raw(t!("journal.no_contact"))),
        ContactState::Unknown => {}
    }
    for w in &e.wins {
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", t!("journal.win_mark")), theme.top()),
            Span::raw(shown(w)),
        ]));
    }
    if !e.text.is_empty() {
        lines.push(Line::raw(""));
        lines.extend(e.text.lines().map(|l| Line::raw(shown(l))));
    }
    lines
}

/// `morning feeling 4/5 · office`, from the day file.
fn morning(d: &DayShown) -> Option<String> {
    let day = d.day.as_ref()?;
    let mut parts = Vec::new();
    if let Some(v) = day.checkin.as_ref().and_then(|c| c.feeling) {
        parts.push(t!("journal.feeling", value = v));
    }
    if let Some(p) = day.place {
        parts.push(t!(&format!("place.{}", p.name())));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}
