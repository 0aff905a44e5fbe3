//! The terminal interface.

pub mod terminal;

use crate::cli::context::{CmdResult, Context, Failure};

pub fn run(_ctx: Context) -> CmdResult {
    Err(Failure("the TUI is being built".into()))
}
