//! `w`: where the day is spent, chosen in a list (home, office, off, sick),
//! never cycled: a stray key must not make a work day "off".

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::centered;
use crate::core::day::{DayOp, Place};
use crate::t;
use crate::tui::app::App;
use crate::tui::checkin::place_key;
use crate::tui::effect::Effect;
use crate::tui::keymap::{Action, Choice, Layer};
use crate::tui::theme::Theme;

/// The chooser, with the highlighted place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceChooser {
    /// Index into `Place::ALL`.
    pub sel: usize,
}

impl PlaceChooser {
    /// Opened on the day's place (home when none is set).
    #[must_use]
    pub fn new(current: Option<Place>) -> Self {
        let sel = current
            .and_then(|c| Place::ALL.iter().position(|p| *p == c))
            .unwrap_or(0);
        Self { sel }
    }

    pub fn on_action(&mut self, action: Action, app: &App) -> Vec<Effect> {
        let place = match action {
            Action::Up => {
                self.sel = self.sel.saturating_sub(1);
                return Vec::new();
            }
            Action::Down => {
                self.sel = (self.sel + 1).min(Place::ALL.len() - 1);
                return Vec::new();
            }
            Action::Choose(Choice::Home) => Place::Home,
            Action::Choose(Choice::Office) => Place::Office,
            Action::Choose(Choice::Off) => Place::Off,
            Action::Choose(Choice::Sick) => Place::Sick,
            Action::Submit => Place::ALL[self.sel],
            _ => return vec![Effect::Close],
        };
        let mut effects = vec![Effect::Close];
        // The day shown: `w` on tomorrow plans where tomorrow is spent.
        if app.shown_day().place != Some(place) {
            let extra_work = app.config.workday.extra_work(app.shown_date(), place);
            effects.push(Effect::Edit(DayOp::SetPlace {
                place: Some(place),
                extra_work,
            }));
        }
        effects
    }

    pub fn render(&self, f: &mut Frame, area: Rect, theme: Theme) {
        let rect = centered(area, 34, 6);
        f.render_widget(Clear, rect);
        let block = Block::bordered()
            .title(format!(" {} ", t!("place.choose")))
            .border_style(theme.border());
        let lines: Vec<Line> = Place::ALL
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let line = Line::from(vec![
                    Span::raw(if i == self.sel { "› " } else { "  " }),
                    Span::styled(
                        format!("{}  ", place_key(Layer::PlaceChooser, *p)),
                        theme.key(),
                    ),
                    Span::raw(t!(&format!("checkin.place.{}", p.name()))),
                ]);
                if i == self.sel {
                    line.style(theme.selected())
                } else {
                    line
                }
            })
            .collect();
        f.render_widget(Paragraph::new(lines).block(block), rect);
    }
}
