//! `kot notify test`: one notice sent, the server's answer reported.

use super::out;
use crate::context::Context;
use crate::error::{CmdResult, Failure};
use crate::notice;
use crate::t;

/// `kot notify test`: send one notice, wait for the server, and report.
pub fn test(ctx: &Context) -> CmdResult {
    use crate::notice::desktop::{call_with_timeout, markup_escape};
    let icon = notice::icon_path(&ctx.store);
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
