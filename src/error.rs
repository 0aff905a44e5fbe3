//! The failures the front ends report. Each error type of the lower layers
//! says itself in the user's language (`Display`); a front end turns any of
//! them into a `Failure`, one line, and decides how to show it (the CLI as
//! `kot: …` with exit code 1, the TUI in its banner).

use std::fmt;

use crate::clock::ClockError;
use crate::store::StoreError;
use crate::t;

/// A failure to report as one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure(pub String);

pub type CmdResult = Result<(), Failure>;

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Failure {}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        Self(e.message())
    }
}

impl From<ClockError> for Failure {
    fn from(e: ClockError) -> Self {
        Self(e.to_string())
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Io { error, .. } => Some(error),
            _ => None,
        }
    }
}

impl fmt::Display for ClockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&t!("cli.bad_clock", var = self.var, value = &self.value))
    }
}

impl std::error::Error for ClockError {}
