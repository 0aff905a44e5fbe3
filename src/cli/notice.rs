//! `kot notify test`: one notice sent, the server's answer reported.

use std::path::PathBuf;

use super::out;
use crate::error::{CmdResult, Failure};
use crate::t;

/// `kot notify test`: send one notice, wait for the server, and report.
/// It only reads: the config for the language, if there is one, and the
/// icon kot wrote before, if it did; it creates no directory or file.
pub fn test(dir: Option<PathBuf>) -> CmdResult {
    use crate::notice::desktop::{call_with_timeout, markup_escape};
    let root = crate::store::paths::root(dir);
    let config = root
        .as_ref()
        .and_then(|r| std::fs::read_to_string(r.join("config.toml")).ok())
        .map(|text| crate::config::load::parse(&text).0)
        .unwrap_or_default();
    crate::i18n::set_language(crate::i18n::detect(config.language, |k| {
        std::env::var(k).ok()
    }));
    let icon = root
        .map(|r| r.join(".kot-icon.svg"))
        .filter(|p| p.is_file())
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    // Send first: when that fails or times out, asking the server more would
    // only make the user wait longer.
    call_with_timeout(move || {
        notify_rust::Notification::new()
            .appname("kot")
            .summary(&markup_escape(&t!("notify.test.summary")))
            .body(&markup_escape(&t!("notify.test.body")))
            .icon(&icon)
            .show()
            .map(|h| h.id())
            .map_err(|e| e.to_string())
    })
    .map_err(|e| Failure(t!("notify.test.failed", error = e)))?;
    let info =
        call_with_timeout(|| notify_rust::get_server_information().map_err(|e| e.to_string()));
    let caps = call_with_timeout(|| notify_rust::get_capabilities().map_err(|e| e.to_string()));
    match info {
        Ok(info) => out::line(&t!(
            "notify.test.delivered",
            name = info.name,
            vendor = info.vendor,
            version = info.version
        )),
        Err(e) => out::line(&t!("notify.test.delivered_no_info", error = e)),
    }
    let caps = caps.unwrap_or_default();
    let actions = if caps.iter().any(|c| c == "actions") {
        t!("notify.test.actions_yes")
    } else {
        t!("notify.test.actions_no")
    };
    out::line(&actions);
    out::line(&t!("notify.test.capabilities", list = caps.join(", ")));
    Ok(())
}
