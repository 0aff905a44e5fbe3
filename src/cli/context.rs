//! What every command needs: the store, the config, the clock and today's date,
//! set up the same way for the CLI and the TUI.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{Datelike, Duration, NaiveDate};

use crate::clock::{self, Clock, Zone};
use crate::config::Config;
use crate::config::load::ConfigIssue;
use crate::core::workday::kot_date_at;
use crate::i18n;
use crate::store::Store;
use crate::t;

/// A failure to report as one line, `kot: …`, with exit code 1.
#[derive(Debug)]
pub struct Failure(pub String);

impl From<crate::store::StoreError> for Failure {
    fn from(e: crate::store::StoreError) -> Self {
        Self(e.message())
    }
}

pub type CmdResult = Result<(), Failure>;

pub struct Context {
    pub store: Store,
    pub config: Config,
    pub issues: Vec<ConfigIssue>,
    /// The config was written from the example just now.
    pub config_created: bool,
    pub clock: Box<dyn Clock>,
}

impl Context {
    /// Open the data directory, read (or create) the config, pick the language.
    /// Changes wait up to `wait_seconds` for another kot's write, saying so on
    /// stderr after a second.
    ///
    /// # Errors
    /// No data directory can be found or created, the config cannot be read, or
    /// the test-clock variables are malformed.
    pub fn load(dir: Option<PathBuf>, wait_seconds: u64) -> Result<Self, Failure> {
        let root = crate::store::paths::root(dir).ok_or_else(|| Failure(t!("cli.no_home")))?;
        let clock = clock::from_env()
            .map_err(|e| Failure(t!("cli.bad_clock", var = e.var, value = e.value)))?;
        let mut store = Store::open(root)?;
        let tell: crate::store::lock::OnWait = Arc::new(|holder| {
            let line = crate::store::waiting_message(holder);
            crate::cli::out::warn(&line);
        });
        store.set_wait(std::time::Duration::from_secs(wait_seconds), Some(tell));
        let (config, issues, config_created) = store.load_config()?;
        i18n::set_language(i18n::detect(config.language, |k| std::env::var(k).ok()));
        Ok(Self {
            store,
            config,
            issues,
            config_created,
            clock,
        })
    }

    /// Today's kot date (it turns at `workday.day_starts`).
    #[must_use]
    pub fn today(&self) -> NaiveDate {
        kot_date_at(&Zone, self.clock.now(), self.config.workday.day_starts)
    }

    /// A `--date` value: `YYYY-MM-DD`, `today`, `yesterday`, `tomorrow`.
    ///
    /// # Errors
    /// Anything else, named in the message.
    pub fn date(&self, arg: Option<&str>) -> Result<NaiveDate, Failure> {
        let today = self.today();
        match arg.map(str::trim) {
            None | Some("today") => Ok(today),
            Some("yesterday") => Ok(today - Duration::days(1)),
            Some("tomorrow") => Ok(today + Duration::days(1)),
            Some(s) => crate::core::time::parse_date(s)
                .filter(|d| (1900..=9999).contains(&d.year()))
                .ok_or_else(|| Failure(t!("cli.bad_date", value = s))),
        }
    }

    /// The single-instance lock of the data directory, held by the TUI or
    /// `kot watch` for its whole life, so notifications never come twice.
    ///
    /// # Errors
    /// Another TUI or watch holds it, or the lock file cannot be opened.
    pub fn hold_instance_lock(&self) -> Result<crate::store::lock::Held, Failure> {
        let path = self.store.tui_lock_path();
        crate::store::lock::try_exclusive(&path)
            .map_err(|e| Failure(t!("store.io", path = path.display(), error = e)))?
            .ok_or_else(|| Failure(t!("tui.already_open", dir = self.store.root().display())))
    }

    /// The single-instance lock, or `None` when the data directory is read-only
    /// and the lock file cannot be created there: nothing can be written then,
    /// so there is nothing two kots could do twice.
    ///
    /// # Errors
    /// As `hold_instance_lock`, for a directory that can be written.
    pub fn hold_instance_lock_unless_read_only(
        &self,
        read_only: bool,
    ) -> Result<Option<crate::store::lock::Held>, Failure> {
        let path = self.store.tui_lock_path();
        match crate::store::lock::try_exclusive(&path) {
            Ok(Some(held)) => Ok(Some(held)),
            Ok(None) => Err(Failure(t!(
                "tui.already_open",
                dir = self.store.root().display()
            ))),
            Err(_) if read_only => Ok(None),
            Err(e) => Err(Failure(t!("store.io", path = path.display(), error = e))),
        }
    }

    /// A one-line pointer to `kot config check` when the config has problems.
    pub fn warn_config_issues(&self) {
        if !self.issues.is_empty() {
            crate::cli::out::warn(&i18n::plural(
                "cli.config_has_issues",
                i64::try_from(self.issues.len()).unwrap_or(0),
                &[],
            ));
        }
    }
}
