//! Pieces drawn on several screens.

pub mod coach;
pub mod footer;
pub mod help;
pub mod popup;
pub mod timeline;
