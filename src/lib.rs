//! kot: a personal home-office coach in the terminal.
//!
//! Module map:
//! - `core`: the domain (plan, day edits, calendar rules, the break coach).
//!   Pure: no IO, no clock.
//! - `clock`: the only reader of the system time; test clocks from the environment.
//! - `config`: typed settings and their per-key, never-fatal loading.
//! - `i18n`: the English and Dutch catalogues under `assets/i18n`.
//! - `store`: day files on disk: paths, atomic writes, locks, the watcher.
//! - `coaching`: the break coach wired to the world (prompts to words and
//!   notices, the Runner shared by the TUI and `kot watch`, suspend detection).
//! - `notify`: desktop notifications on a worker thread, never blocking.
//! - `logind`: the session's lock state from the system bus.
//! - `cli`: the command line (clap types and the commands that are not the TUI).
//! - `tui`: the terminal interface and its event loop.
//!
//! Rules: every change to a day goes through `store::Store::update_day` with a
//! `core::day::DayOp` (or `Store::carry`, the one change to two days); nothing
//! but `clock` calls `now()`.

pub mod cli;
pub mod clock;
pub mod coaching;
pub mod config;
pub mod core;
pub mod i18n;
pub mod logind;
pub mod notify;
pub mod signals;
pub mod store;
pub mod tui;
