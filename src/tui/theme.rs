//! Styles. With `NO_COLOR` set, meaning is carried by bold, reverse and symbols,
//! never by colour alone.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to anything non-empty (no-color.org).
    #[must_use]
    pub fn from_env() -> Self {
        Self {
            color: crate::context::color_wanted(),
        }
    }

    fn fg(self, c: Color) -> Style {
        if self.color {
            Style::default().fg(c)
        } else {
            Style::default()
        }
    }

    #[must_use]
    pub fn title(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    #[must_use]
    pub fn dim(self) -> Style {
        if self.color {
            Style::default().fg(Color::DarkGray)
        } else {
            Style::default()
        }
    }

    #[must_use]
    pub fn selected(self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }

    #[must_use]
    pub fn top(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    #[must_use]
    pub fn done(self) -> Style {
        self.dim().add_modifier(Modifier::CROSSED_OUT)
    }

    #[must_use]
    pub fn error(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    #[must_use]
    pub fn info(self) -> Style {
        self.fg(Color::Green)
    }

    #[must_use]
    pub fn now(self) -> Style {
        self.fg(Color::Magenta).add_modifier(Modifier::BOLD)
    }

    #[must_use]
    pub fn key(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    #[must_use]
    pub fn warn(self) -> Style {
        self.fg(Color::Yellow)
    }

    /// A search match: bold and underlined, yellow where there is colour.
    #[must_use]
    pub fn mark(self) -> Style {
        self.fg(Color::Yellow)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// The colour of a mood from 1 (bad) to 5 (great), for the calendar's
    /// days; `None` without colour (the day shows the digit instead).
    #[must_use]
    pub fn mood(self, mood: u8) -> Option<Style> {
        let bg = match mood {
            1 => Color::Red,
            2 => Color::LightRed,
            3 => Color::Yellow,
            4 => Color::LightGreen,
            5 => Color::Green,
            _ => return None,
        };
        self.color.then(|| Style::default().bg(bg).fg(Color::Black))
    }

    #[must_use]
    pub fn border(self) -> Style {
        self.dim()
    }
}
