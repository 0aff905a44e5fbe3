//! `kot status`: one line for tmux, waybar, polybar or a prompt. It reads only
//! the config and today's file, so a status bar can call it every few seconds.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::out;
use crate::coach_runtime;
use crate::context::Context;
use crate::core::coach::{CoachState, EndPhase};
use crate::core::day::Day;
use crate::error::{CmdResult, Failure};
use crate::store::DayLoad;
use crate::t;

/// The names a `--format` template can use.
const FORMAT_FIELDS: [&str; 4] = ["state", "left", "next", "end"];

/// The values a `--format` template can use.
struct Fields {
    state: &'static str,
    /// Time to the next change (`23m`), empty when nothing is coming.
    left: String,
    /// The clock time of that change (`10:40`).
    next: String,
    /// The workday's end (`17:30`), empty on a day without work.
    end: String,
    text: String,
    tooltip: String,
    percentage: u8,
}

fn fields(ctx: &Context, day: &Day, now: DateTime<Utc>) -> Fields {
    let coach = coach_runtime::coach(&ctx.config, day);
    let ds = coach.day_state(now, false);
    let state = ds.coach;
    // The coach's workday: a moved end (`kot end`) is the end here too.
    let hours = coach.workday();
    let end = hours
        .map(|(_, e)| coach_runtime::local_hm(e))
        .unwrap_or_default();
    let (from, to) = match state {
        CoachState::Focus { since, next_break } => (Some(since), next_break),
        CoachState::Break { since, until, .. } => (Some(since), Some(until)),
        CoachState::Meeting { until }
        | CoachState::Personal { until }
        | CoachState::Paused { until } => (None, Some(until)),
        _ => (None, None),
    };
    let left = to
        .map(|t| coach_runtime::minutes_left(t, now))
        .unwrap_or_default();
    let next = to.map(coach_runtime::local_hm).unwrap_or_default();
    let percentage = match (from, to) {
        (Some(f), Some(t)) if t > f => {
            let done = (now - f).num_seconds().max(0) * 100 / (t - f).num_seconds();
            u8::try_from(done.clamp(0, 100)).unwrap_or(100)
        }
        _ if matches!(
            state,
            CoachState::BreakDue { .. } | CoachState::BreakOver { .. }
        ) =>
        {
            100
        }
        _ => 0,
    };
    let phase = ds.phase;
    let text = coach_runtime::day_words(&ctx.config, day, ds, now).line();
    let mut tip = vec![text.clone()];
    if let EndPhase::Off { .. } = phase
        && let (Some(w), Some(o)) = (day.shutdown.worked_minutes, day.shutdown.overtime_minutes)
    {
        tip.push(t!(
            "status.worked",
            worked = coach_runtime::shutdown::minutes(w),
            overtime = coach_runtime::shutdown::minutes(o)
        ));
    }
    if let Some((start, end)) = hours {
        tip.push(t!(
            "status.workday",
            start = coach_runtime::local_hm(start),
            end = coach_runtime::local_hm(end)
        ));
    }
    // A forgotten shutdown is news for the tooltip, not for the bar's line.
    if let Some(missed) = coach_runtime::shutdown::forgotten_day(&ctx.store, &ctx.config, day.date)
    {
        tip.push(t!(
            "cli.shutdown.status.missed",
            day = super::shutdown::day_name(missed.date)
        ));
    }
    let (taken, skipped, ignored) = coach.break_counts();
    tip.push(t!(
        "status.breaks",
        taken = taken,
        skipped = skipped,
        ignored = ignored
    ));
    let class = ds.name();
    Fields {
        state: class,
        left,
        next,
        end,
        text,
        tooltip: tip.join("\n"),
        percentage,
    }
}

#[derive(Serialize)]
struct Waybar<'a> {
    text: &'a str,
    /// The state's name again, for waybar's `format-icons` per state.
    alt: &'a str,
    tooltip: &'a str,
    class: &'a str,
    percentage: u8,
}

pub fn run(ctx: &Context, format: Option<&str>, json: bool) -> CmdResult {
    let now = ctx.clock.now();
    let date = ctx.today();
    // No file yet is a fresh day: the same state words as any other ("day
    // not begun" on a work day, "off" on a day without work).
    let day = match ctx.store.load_day(date) {
        DayLoad::Missing => Day::new(date),
        DayLoad::Ok(d) => d,
        DayLoad::Corrupt(c) => return unreadable(&c.describe(), format, json),
    };
    print(&fields(ctx, &day, now), format, json)
}

/// A day file that cannot be read: said on stdout too, so a status bar shows
/// it rather than hiding the module. `--json` carries the class `error` and
/// the reason in its tooltip, and exits 0 (waybar drops the output of a
/// failed command); the text and `--format` exit 1 with the reason on stderr.
fn unreadable(reason: &str, format: Option<&str>, json: bool) -> CmdResult {
    let f = Fields {
        state: "error",
        left: String::new(),
        next: String::new(),
        end: String::new(),
        text: t!("status.unreadable"),
        tooltip: reason.to_string(),
        percentage: 0,
    };
    print(&f, format, json)?;
    if json {
        Ok(())
    } else {
        Err(Failure(reason.to_string()))
    }
}

fn print(f: &Fields, format: Option<&str>, json: bool) -> CmdResult {
    if json {
        let w = Waybar {
            text: &f.text,
            alt: f.state,
            tooltip: &f.tooltip,
            class: f.state,
            percentage: f.percentage,
        };
        let json = serde_json::to_string(&w).map_err(|e| Failure(e.to_string()))?;
        out::raw(format!("{json}\n"));
    } else if let Some(template) = format {
        // A name kot does not fill would be printed as it is: name it instead.
        if let Some(unknown) = crate::i18n::placeholders(template)
            .into_iter()
            .find(|n| !FORMAT_FIELDS.contains(&n.as_str()))
        {
            return Err(Failure(t!(
                "cli.status.unknown_field",
                field = unknown,
                known = FORMAT_FIELDS
                    .iter()
                    .map(|f| format!("{{{f}}}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            )));
        }
        let line = crate::i18n::fill(
            template,
            &[
                ("state", &f.state),
                ("left", &f.left),
                ("next", &f.next),
                ("end", &f.end),
            ],
        );
        // The template is the user's own and may colour a prompt on purpose;
        // the values filled in are kot's (state names, times), never file text.
        out::raw(format!("{line}\n"));
    } else {
        out::line(&f.text);
    }
    Ok(())
}
