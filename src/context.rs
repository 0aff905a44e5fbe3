//! What every front end needs (the CLI, the TUI, `kot watch`): the store, the
//! config, the clock and today's date, set up the same way for each.

use std::path::PathBuf;

use chrono::{Duration, NaiveDate};

use crate::clock::{self, Clock, Zone};
use crate::config::Config;
use crate::config::load::ConfigIssue;
use crate::core::time::{KEPT_YEARS, is_kept};
use crate::core::workday::kot_date_at;
use crate::error::Failure;
use crate::i18n;
use crate::store::Store;
use crate::store::lock::OnWait;
use crate::t;

/// Whether colour (and other styling) is wanted: not when `NO_COLOR` is set
/// to anything non-empty (no-color.org). The one reading for every front end.
#[must_use]
pub fn color_wanted() -> bool {
    no_color_says_color(std::env::var_os("NO_COLOR"))
}

fn no_color_says_color(value: Option<std::ffi::OsString>) -> bool {
    value.is_none_or(|v| v.is_empty())
}

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
    /// Changes wait up to `wait` for another kot's write, calling `on_wait`
    /// (the CLI says so on stderr) after a second.
    ///
    /// # Errors
    /// No data directory can be found or created, the config cannot be read, or
    /// the test-clock variables are malformed.
    pub fn load(
        dir: Option<PathBuf>,
        wait: std::time::Duration,
        on_wait: Option<OnWait>,
    ) -> Result<Self, Failure> {
        let root = crate::store::paths::root(dir).ok_or_else(|| Failure(t!("cli.no_home")))?;
        let clock = clock::from_env()?;
        let mut store = Store::open(root)?;
        store.set_wait(wait, on_wait);
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
    /// One rule for every command and every way of naming a day: it must lie
    /// in `core::time::KEPT_YEARS`.
    ///
    /// # Errors
    /// Anything else, or a day outside those years, named in the message.
    pub fn date(&self, arg: Option<&str>) -> Result<NaiveDate, Failure> {
        let today = self.today();
        let arg = arg.map(str::trim);
        let date = match arg {
            None | Some("today") => Some(today),
            Some("yesterday") => today.checked_sub_signed(Duration::days(1)),
            Some("tomorrow") => today.checked_add_signed(Duration::days(1)),
            Some(s) => Some(
                crate::core::time::parse_date(s)
                    .ok_or_else(|| Failure(t!("cli.bad_date", value = s)))?,
            ),
        };
        date.filter(|d| is_kept(*d)).ok_or_else(|| {
            Failure(t!(
                "cli.date_out_of_range",
                value = arg.unwrap_or("today"),
                first = format!("{:04}-01-01", KEPT_YEARS.start()),
                last = format!("{:04}-12-31", KEPT_YEARS.end())
            ))
        })
    }
}
