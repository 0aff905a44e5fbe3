//! The popups over a screen. Each owns its state, its keys and its drawing
//! (one module each); this only says which one is open.

pub mod block_form;
pub mod confirm;
pub mod help;
pub mod input;

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Flex, Layout, Rect};

use super::app::App;
use super::effect::Effect;
use super::keymap::{Action, Layer};
use super::theme::Theme;

#[derive(Debug)]
pub enum Popup {
    Help(help::Help),
    Input(Box<input::Input>),
    BlockForm(block_form::BlockForm),
    Confirm(confirm::Confirm),
}

impl Popup {
    /// The keys it reads.
    #[must_use]
    pub fn layer(&self) -> Layer {
        match self {
            Self::Help(_) => Layer::Help,
            Self::Input(_) => Layer::TextInput,
            Self::BlockForm(_) => Layer::BlockForm,
            Self::Confirm(_) => Layer::Confirm,
        }
    }

    /// Whether it is there to type an edit (refused up front in a read-only
    /// directory, before anything is typed).
    #[must_use]
    pub fn edits(&self) -> bool {
        matches!(self, Self::Input(_))
    }

    /// A key the popup reads as it is, before the key table: typing.
    pub fn on_raw_key(&mut self, ev: KeyEvent) -> bool {
        match self {
            Self::Input(input) => input.on_raw_key(ev),
            _ => false,
        }
    }

    pub fn on_action(&mut self, action: Action, app: &App, now: DateTime<Utc>) -> Vec<Effect> {
        match self {
            Self::Help(h) => h.on_action(action),
            Self::Input(input) => input.on_action(action, app, now),
            Self::BlockForm(form) => form.on_action(action),
            Self::Confirm(c) => c.on_action(action),
        }
    }

    pub fn render(&self, f: &mut Frame, area: Rect, app: &App, theme: Theme) {
        match self {
            Self::Help(h) => h.render(f, area, app, theme),
            Self::Input(input) => input.render(f, area, theme),
            Self::BlockForm(form) => form.render(f, area, theme),
            Self::Confirm(c) => c.render(f, area, app, theme),
        }
    }
}

/// A `width` × `height` rectangle centred in `area`, clipped to it.
#[must_use]
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [rect] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    rect
}
