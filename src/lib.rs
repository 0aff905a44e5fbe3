//! kot: a personal home-office coach in the terminal.
//!
//! Module map:
//! - `core`: the domain (plan, day edits, calendar rules, the break coach).
//!   Pure: no IO, no clock.
//! - `clock`: the only reader of the system time; test clocks from the environment.
//! - `config`: typed settings and their per-key, never-fatal loading.
//! - `i18n`: the English and Dutch catalogues under `assets/i18n`.
//! - `store`: day files on disk: paths, atomic writes, locks, the watcher.
//! - `coach_runtime`: the break coach at run time, wired to the world (prompts
//!   to words and notices, the Runner shared by the TUI and `kot watch`,
//!   suspend detection).
//! - `review`: the facts of a range of days for the week review and `kot report`.
//! - `notice`: desktop notices on a worker thread, never blocking.
//! - `context`, `error`: what every front end starts from and reports with.
//! - `editor`: the user's `$VISUAL`/`$EDITOR` on a journal text, for the CLI and the TUI.
//! - `events`: the outside news front ends wake on (signals, logind, notices).
//! - Front ends, peers: `cli` (argument parsing, the commands, printing),
//!   `tui` (the terminal interface and its event loop) and `headless`
//!   (`kot watch`: the coach with no screen).
//!
//! Rules: every change to a day goes through `store::Store::update_day` with a
//! `core::day::DayOp` (or `Store::carry`, the one change to two days); nothing
//! but `clock` calls `now()`.

pub mod cli;
pub mod clock;
pub mod coach_runtime;
pub mod config;
pub mod context;
pub mod core;
pub mod editor;
pub mod error;
pub mod events;
pub mod headless;
pub mod i18n;
pub mod notice;
pub mod review;
pub mod store;
pub mod tui;
