//! The `?` popup: every key of the layers in use, from the keymap tables.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::centered;
use crate::t;
use crate::tui::app::App;
use crate::tui::effect::Effect;
use crate::tui::keymap::{Action, Layer};
use crate::tui::theme::Theme;

/// The help, scrolled down by this many lines.
#[derive(Debug, Default)]
pub struct Help {
    pub scroll: u16,
    /// How far it can scroll, as last drawn (`None` before the first
    /// frame): the footer offers `j` only while more lies below, and
    /// scrolling stops at the end.
    max_scroll: std::cell::Cell<Option<u16>>,
}

impl Help {
    pub fn on_action(&mut self, action: Action) -> Vec<Effect> {
        let max = self.max_scroll.get().unwrap_or(u16::MAX);
        match action {
            Action::Down => self.scroll = self.scroll.saturating_add(1).min(max),
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::PageDown => self.scroll = self.scroll.saturating_add(10).min(max),
            Action::PageUp => self.scroll = self.scroll.saturating_sub(10),
            _ => return vec![Effect::Close],
        }
        Vec::new()
    }

    /// Whether more lies below what was last drawn.
    #[must_use]
    pub fn more_below(&self) -> bool {
        self.max_scroll.get().is_none_or(|max| self.scroll < max)
    }

    /// The help for the layers in use, each under its heading. The lines
    /// scrolled past are skipped at the top (clamped so the last line stays
    /// in view); the title says when more lies below or above.
    pub fn render(&self, f: &mut Frame, area: Rect, app: &App, theme: Theme) {
        let mut lines = notifier_lines(app, theme);
        for (i, layer) in layers(app).iter().enumerate() {
            if i > 0 {
                lines.push(Line::raw(""));
            }
            lines.push(Line::styled(
                t!(&format!("layer.{}", layer_name(*layer))),
                theme.title(),
            ));
            for b in layer.bindings() {
                let keys = b.labels().join(" / ");
                lines.push(Line::from(vec![
                    Span::styled(format!("  {keys:<14}"), theme.key()),
                    Span::raw(t!(b.help)),
                ]));
            }
        }
        let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
        let rect = centered(area, 56, height);
        let visible = rect.height.saturating_sub(2);
        let total = u16::try_from(lines.len()).unwrap_or(u16::MAX);
        let max = total.saturating_sub(visible);
        self.max_scroll.set(Some(max));
        let scroll = self.scroll.min(max);
        let mut title = format!(" {} ", t!("help.title"));
        if scroll + visible < total {
            title.push_str(&format!("· {} ", t!("help.more_below")));
        } else if scroll > 0 {
            title.push_str(&format!("· {} ", t!("help.more_above")));
        }
        f.render_widget(Clear, rect);
        let block = Block::bordered().title(title).border_style(theme.border());
        f.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), rect);
    }
}

/// Why desktop notifications are off and where to look, above the keys.
fn notifier_lines(app: &App, theme: Theme) -> Vec<Line<'static>> {
    let Some(why) = app.notifier_why.as_ref().filter(|_| app.notifier_down) else {
        return Vec::new();
    };
    let why = crate::core::text::display_safe(why).into_owned();
    vec![
        crate::tui::widgets::fit_line(
            Line::styled(t!("help.notifier_down", reason = why), theme.warn()),
            54,
        ),
        Line::styled(format!("  {}", t!("help.notifier_hint")), theme.dim()),
        Line::raw(""),
    ]
}

/// The help covers the layer in use, then the Today keys, then the global ones.
fn layers(app: &App) -> Vec<Layer> {
    let mut v = Vec::new();
    if let Some(c) = &app.checkin {
        v.push(c.step.layer());
    } else if let Some(r) = &app.ritual {
        let layer = r.layer();
        v.push(layer);
        // The evening form's own keys work under the ritual's.
        v.extend(layer.fallbacks().iter().filter(|l| **l != Layer::Global));
    } else if app.commute.is_some() {
        v.push(Layer::Commute);
    } else if app.screen == crate::tui::keymap::Screen::Week {
        v.push(app.week.layer());
        v.push(Layer::Screens);
    } else if app.screen == crate::tui::keymap::Screen::Journal {
        v.push(app.journal.layer());
        v.push(Layer::Screens);
    } else {
        v.extend(app.break_layer());
        if app.is_off() {
            v.push(Layer::OffWork);
        }
        v.push(Layer::Today);
        v.push(Layer::Screens);
    }
    v.push(Layer::Global);
    v
}

fn layer_name(l: Layer) -> &'static str {
    match l {
        Layer::Global => "global",
        Layer::Today => "today",
        Layer::CheckinPlace => "checkin_place",
        Layer::CheckinFeeling => "checkin_feeling",
        Layer::CheckinCarry => "checkin_carry",
        Layer::CheckinTop => "checkin_top",
        Layer::BreakDue => "break_due",
        Layer::OnBreak => "on_break",
        Layer::TextInput => "text_input",
        Layer::CheckinStopped => "checkin_stopped",
        Layer::BlockForm => "block_form",
        Layer::Confirm => "confirm",
        Layer::Help => "help",
        Layer::Screens => "screens",
        Layer::JournalMonth => "journal_month",
        Layer::JournalDay => "journal_day",
        Layer::JournalQuery => "journal_query",
        Layer::JournalResults => "journal_results",
        Layer::Evening => "evening",
        Layer::EveningContact => "evening_contact",
        Layer::EveningWin => "evening_win",
        Layer::JournalText => "journal_text",
        Layer::RitualToday => "ritual_today",
        Layer::RitualTomorrow => "ritual_tomorrow",
        Layer::RitualJournal => "ritual_journal",
        Layer::RitualStep => "ritual_step",
        Layer::RitualDone => "ritual_done",
        Layer::OffWork => "off_work",
        Layer::PlaceChooser => "place_chooser",
        Layer::Week => "week",
        Layer::RitualWeek => "ritual_week",
        Layer::RitualWeekText => "ritual_week_text",
        Layer::Commute => "commute",
    }
}
