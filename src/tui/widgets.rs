//! Pieces drawn on several screens.

pub mod coach;
pub mod footer;
pub mod help;
pub mod popup;
pub mod timeline;

use crate::core::text::{display_safe, fixed_width};

/// Text from a file (a title) as the TUI draws it: controls escaped, as the CLI
/// shows them, and joined emoji apart so no border after it moves.
#[must_use]
pub fn shown(text: &str) -> String {
    fixed_width(&display_safe(text)).into_owned()
}
