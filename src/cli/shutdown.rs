//! `kot shutdown`, `kot end`, `kot work`: the end of the workday from the
//! command line. In a terminal `kot shutdown` walks the ritual as prompts;
//! without one it takes its answers as flags and says which are missing.
//! The ritual itself is `core::shutdown::ritual`; the writes are
//! `coach_runtime::shutdown::finish`.

use std::io::{BufRead, IsTerminal};

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use super::out;
use super::{CarryArg, ShutdownArgs};
use crate::clock::Zone;
use crate::coach_runtime::shutdown::{self as rt, Finished};
use crate::coach_runtime::{self, local_hm};
use crate::config::Config;
use crate::context::Context;
use crate::core::coach::EndPhase;
use crate::core::day::{Day, DayOp};
use crate::core::journal::{How, JournalOp, Scale};
use crate::core::plan::TaskId;
use crate::core::shutdown::ritual::{Pick, Ritual, RitualRefusal, Step, TaskChoice, WeekAsk};
use crate::core::shutdown::{RitualKind, running_evening};
use crate::core::time::TimeOfDay;
use crate::core::workday::resolve_local;
use crate::error::{CmdResult, Failure};
use crate::t;

fn load(ctx: &Context, date: NaiveDate) -> Result<Day, Failure> {
    ctx.store
        .load_day(date)
        .into_day(date)
        .map_err(|c| Failure(c.describe()))
}

/// `HH:MM` on the kot day `date`: a time before `day_starts` is after
/// midnight, as the kot day runs on until then.
fn instant_on(config: &Config, date: NaiveDate, text: &str) -> Result<DateTime<Utc>, Failure> {
    Ok(on_kot_day(config, date, time_of(text)?))
}

/// An `HH:MM` the user typed as an argument, or the error that names it.
pub(super) fn time_of(text: &str) -> Result<TimeOfDay, Failure> {
    text.trim()
        .parse()
        .map_err(|_| Failure(t!("cli.shutdown.bad_time", value = text)))
}

/// `t` on the kot day `date`: a time before `day_starts` is after midnight.
fn on_kot_day(config: &Config, date: NaiveDate, t: TimeOfDay) -> DateTime<Utc> {
    crate::core::workday::on_kot_day(&Zone, date, t, config.workday.day_starts)
}

/// `Tue 24 Nov`.
pub(super) fn day_name(d: NaiveDate) -> String {
    t!(
        "date.short",
        weekday = t!(&format!(
            "weekday.short.{}",
            d.weekday().num_days_from_monday()
        )),
        day = d.day(),
        month = t!(&format!("month.short.{}", d.month()))
    )
}

pub fn run(ctx: &Context, args: ShutdownArgs) -> CmdResult {
    let date = ctx.date(args.date.date.as_deref())?;
    if args.status {
        return status(ctx, date);
    }
    let now = ctx.clock.now();
    let day = load(ctx, date)?;
    let kind = rt::ritual_kind(&ctx.config, &day);
    if kind == RitualKind::None {
        out::line(&t!("cli.shutdown.no_work"));
        return Ok(());
    }
    if running_evening(&day).is_some() && args.at.is_none() {
        let (_, worked) = rt::close_evening(&ctx.store, &ctx.config, date, None, now)?;
        out::done(&t!(
            "cli.shutdown.evening_ended",
            time = local_hm(now),
            overtime = rt::minutes(worked.overtime_minutes)
        ));
        return Ok(());
    }
    let at = match &args.at {
        Some(text) => {
            let at = instant_on(&ctx.config, date, text)?;
            if at > now {
                return Err(Failure(t!("cli.shutdown.at_future", time = text)));
            }
            Some(at)
        }
        None => None,
    };
    if let (Some(done), None) = (day.shutdown.at, at) {
        if let Some(note) = &args.note {
            return set_note(ctx, date, note);
        }
        out::line(&t!("cli.shutdown.already", time = local_hm(done.to_utc())));
        return Ok(());
    }
    let mut journal = journal_flags(&args)?;
    let week_flags = args.one_thing.is_some() || args.happened.is_some();
    let flags = args.carry.is_some()
        || !args.top.is_empty()
        || !args.done.is_empty()
        || !journal.is_empty()
        || week_flags;
    let ask = !flags && at.is_none() && std::io::stdin().is_terminal();
    // The journal step: asked in a terminal, else only when its flags say.
    let with_journal = ask || !journal.is_empty();
    let mut ritual = rt::start(&ctx.store, &ctx.config, &day, with_journal, false)?;
    // The week step: on the week's last work day, or any day its flags say.
    let week = rt::week_ask(&ctx.store, &ctx.config, date)
        .or_else(|| week_flags.then(|| rt::week_ask_any(&ctx.store, date)));
    if let Some(w) = week
        && (ask || week_flags)
    {
        ritual = ritual.with_week(w);
    }
    if let Some(note) = &args.note {
        ritual.set_note(note);
    }
    if ask {
        let mut input = std::io::stdin().lock();
        let glance = ritual.week().map(|_| week_glance(ctx, date));
        if !walk(&mut ritual, &mut input, &mut journal, glance.as_ref())? {
            out::line(&t!("cli.shutdown.stopped"));
            return Ok(());
        }
    } else {
        by_flags(&mut ritual, &args, at.is_some())?;
    }
    let finished = rt::finish(
        &ctx.store,
        &ctx.config,
        &ritual.plan(),
        at.unwrap_or(now),
        now,
    )?;
    report(ctx, &ritual, &finished);
    if !journal.is_empty() {
        let (entry, _) = ctx.store.update_entry(date, journal)?;
        out::done(&t!(
            "cli.shutdown.journal",
            scores = super::journal::scores_line(&entry)
        ));
    }
    if at.is_none() {
        on_complete(&ctx.config);
    }
    Ok(())
}

/// `kot shutdown --note` after the shutdown: where you left off, alone.
fn set_note(ctx: &Context, date: NaiveDate, note: &str) -> CmdResult {
    let (day, _) = ctx.store.update_day(
        date,
        DayOp::SetNote {
            note: Some(crate::core::text::clean_title(note)),
        },
    )?;
    match &day.shutdown.note {
        Some(n) => out::done(&t!("cli.shutdown.note", note = n)),
        None => out::done(&t!("cli.shutdown.note_removed")),
    }
    Ok(())
}

/// The answers from the flags; with no terminal to ask, an unfinished task
/// left undecided is an error that names the flag (a correction, `--at`,
/// may leave them for the next morning's check-in).
fn by_flags(ritual: &mut Ritual, args: &ShutdownArgs, correction: bool) -> CmdResult {
    let refused = |r: RitualRefusal| Failure(refusal(&r));
    // Refused before anything is written, like a task that is not there;
    // a note that cannot be written is named, never written over.
    let week = ritual.week().cloned();
    let stuck = |writable: fn(&WeekAsk) -> bool| {
        week.as_ref()
            .filter(|w| !writable(w))
            .map(|w| Failure(w.problems.join(" ")))
    };
    if let Some(yes) = args.happened {
        if let Some(f) = stuck(|w| w.last_writable) {
            return Err(f);
        }
        if !ritual.answer_happened(yes == super::YesNo::Yes) {
            return Err(Failure(t!("cli.shutdown.no_last_one_thing")));
        }
    }
    if let Some(text) = &args.one_thing {
        if let Some(f) = stuck(WeekAsk::takes_one_thing) {
            return Err(f);
        }
        ritual.set_one_thing(text);
    }
    for id in &args.done {
        ritual
            .choose(TaskId(*id), TaskChoice::Done)
            .map_err(refused)?;
    }
    let open: Vec<(TaskId, String)> = ritual
        .unfinished()
        .into_iter()
        .filter(|(_, _, c)| *c != TaskChoice::Done)
        .map(|(id, t, _)| (id, t.to_string()))
        .collect();
    let choice = match args.carry {
        Some(CarryArg::All) => TaskChoice::Carry,
        Some(CarryArg::None) => TaskChoice::Drop,
        None if !open.is_empty() && !correction => {
            let list: Vec<String> = open.iter().map(|(id, t)| format!("{id} {t}")).collect();
            return Err(Failure(crate::i18n::plural(
                "cli.shutdown.missing_carry",
                i64::try_from(open.len()).unwrap_or(i64::MAX),
                &[("tasks", &list.join(", "))],
            )));
        }
        // Left open: the next morning's check-in offers them.
        None => TaskChoice::Keep,
    };
    for (id, _) in &open {
        ritual.choose(*id, choice).map_err(refused)?;
    }
    if !args.top.is_empty() {
        for p in ritual.top().to_vec() {
            ritual.unpick(&p);
        }
        for top in &args.top {
            let pick = match top.trim().parse::<u32>() {
                Ok(id) => Pick::Carried(TaskId(id)),
                Err(_) => Pick::New(top.clone()),
            };
            ritual.pick(pick).map_err(refused)?;
        }
    }
    // No one to check your own steps off: they are left unchecked.
    while let Some(step) = ritual.current() {
        if matches!(step, Step::Own(_)) {
            ritual.skip();
        } else {
            ritual.next();
        }
    }
    Ok(())
}

fn refusal(r: &RitualRefusal) -> String {
    match r {
        RitualRefusal::TopFull => t!(
            "plan.refused.top_full",
            limit = crate::core::plan::TOP_LIMIT
        ),
        RitualRefusal::NoSuchTask(id) => t!("cli.shutdown.no_such_task", id = id),
        RitualRefusal::NotCarried(id) => t!("cli.shutdown.not_carried", id = id),
        RitualRefusal::EmptyTitle => t!("plan.refused.empty_title"),
    }
}

/// One answer read from the terminal; `None` at the end of input.
fn ask(input: &mut dyn BufRead, prompt: &str) -> Result<Option<String>, Failure> {
    out::raw(crate::core::text::display_safe_lines(prompt).as_bytes());
    let mut line = String::new();
    match input.read_line(&mut line) {
        Ok(0) => Ok(None),
        Ok(_) => Ok(Some(line.trim().to_string())),
        Err(e) => Err(Failure(e.to_string())),
    }
}

/// What an answer asks of the walk besides its own meaning.
enum Move {
    Back,
    Quit,
    Stay(String),
}

fn answer(input: &mut dyn BufRead, prompt: &str) -> Result<Move, Failure> {
    Ok(match ask(input, prompt)?.as_deref() {
        None | Some("q") => Move::Quit,
        Some("b") => Move::Back,
        Some(a) => Move::Stay(a.to_string()),
    })
}

/// The journal step's answers from the flags (`--mood`, `--energy`,
/// `--contact`, `--win`), checked as the journal checks them.
fn journal_flags(args: &ShutdownArgs) -> Result<Vec<JournalOp>, Failure> {
    let mut ops = Vec::new();
    for (scale, value) in [(Scale::Mood, args.mood), (Scale::Energy, args.energy)] {
        if let Some(v) = value {
            if !(1..=5).contains(&v) {
                return Err(Failure(t!(
                    "journal.refused.score",
                    scale = scale.name(),
                    value = v
                )));
            }
            ops.push(JournalOp::Rate {
                scale,
                value: Some(v),
            });
        }
    }
    if let Some(who) = &args.contact {
        ops.push(contact_op(who));
    }
    if let Some(win) = &args.win {
        ops.push(JournalOp::AddWin(win.clone()));
    }
    Ok(ops)
}

/// `Lena` or `Lena, call`: a conversation (in person unless told); `-`
/// says there was none.
fn contact_op(text: &str) -> JournalOp {
    if text.trim() == "-" {
        return JournalOp::SetNoContact(true);
    }
    match text.rsplit_once(',') {
        Some((who, how)) if How::parse(how.trim()).is_some() => JournalOp::AddContact {
            who: who.trim().to_string(),
            how: How::parse(how.trim()).unwrap_or(How::InPerson),
        },
        _ => JournalOp::AddContact {
            who: text.trim().to_string(),
            how: How::InPerson,
        },
    }
}

/// Walk the ritual as prompts; `Ok(false)` when the user stopped it (`q`,
/// or the end of input): then nothing is recorded. The journal step's
/// answers are gathered in `journal`, to be written once it is finished.
///
/// # Errors
/// The terminal could not be read.
pub fn walk(
    ritual: &mut Ritual,
    input: &mut dyn BufRead,
    journal: &mut Vec<JournalOp>,
    glance: Option<&crate::core::review::Totals>,
) -> Result<bool, Failure> {
    out::line(&t!("cli.shutdown.intro"));
    while let Some(step) = ritual.current().cloned() {
        let n = ritual.position() + 1;
        let total = ritual.steps().len();
        let go = match step {
            Step::Today => walk_today(ritual, input, n, total)?,
            Step::Tomorrow => match walk_tomorrow(ritual, input, n, total)? {
                Move::Stay(a) if a != "s" => walk_note(ritual, input)?,
                other => other,
            },
            Step::Journal => walk_journal(input, n, total, journal)?,
            Step::Own(text) => answer(
                input,
                &t!("cli.shutdown.own", n = n, total = total, step = text),
            )?,
            Step::Rest => answer(input, &t!("cli.shutdown.rest"))?,
            Step::Week => walk_week(ritual, input, n, total, glance)?,
        };
        match go {
            Move::Quit => return Ok(false),
            Move::Back => ritual.back(),
            Move::Stay(a) if a == "s" => ritual.skip(),
            Move::Stay(_) => ritual.next(),
        }
    }
    Ok(true)
}

/// The journal's evening check-in as prompts, each skippable with Enter:
/// mood, energy, the three needs (each with its line), a conversation, a
/// win. Going back or on asks them afresh.
fn walk_journal(
    input: &mut dyn BufRead,
    n: usize,
    total: usize,
    journal: &mut Vec<JournalOp>,
) -> Result<Move, Failure> {
    out::line(&t!("cli.shutdown.journal_step", n = n, total = total));
    journal.clear();
    for scale in Scale::ALL {
        let about = scale
            .about_key()
            .map(|k| format!(" ({})", t!(k)))
            .unwrap_or_default();
        let prompt = t!(
            "cli.shutdown.score",
            scale = t!(scale.label_key()),
            about = about
        );
        loop {
            match answer(input, &prompt)? {
                Move::Stay(a) if a.is_empty() => break,
                Move::Stay(a) => match a.parse::<u8>() {
                    Ok(v) if (1..=5).contains(&v) => {
                        journal.push(JournalOp::Rate {
                            scale,
                            value: Some(v),
                        });
                        break;
                    }
                    _ => {}
                },
                other => return Ok(other),
            }
        }
    }
    match answer(input, &t!("cli.shutdown.contact"))? {
        Move::Stay(a) if a.is_empty() => {}
        Move::Stay(a) => journal.push(contact_op(&a)),
        other => return Ok(other),
    }
    match answer(input, &t!("cli.shutdown.win"))? {
        Move::Stay(a) if a.is_empty() => {}
        Move::Stay(a) => journal.push(JournalOp::AddWin(a)),
        other => return Ok(other),
    }
    // Nothing answered: the step is skipped, not checked off.
    Ok(Move::Stay(if journal.is_empty() {
        "s".to_string()
    } else {
        String::new()
    }))
}

/// The week step as prompts: the week so far, last week's one thing
/// (`y`/`n`, `j`/`n` in Dutch; Enter leaves it unanswered), and this week's
/// one thing (Enter keeps what was recorded).
fn walk_week(
    ritual: &mut Ritual,
    input: &mut dyn BufRead,
    n: usize,
    total: usize,
    glance: Option<&crate::core::review::Totals>,
) -> Result<Move, Failure> {
    out::line(&t!("cli.shutdown.week_step", n = n, total = total));
    if let Some(g) = glance {
        for line in
            crate::tui::ritual::render::glance_lines(g, crate::tui::theme::Theme { color: false })
        {
            out::line(&line.to_string());
        }
    }
    let Some(w) = ritual.week().cloned() else {
        return Ok(Move::Stay(String::new()));
    };
    for p in &w.problems {
        out::warn(p);
    }
    if let (Some(last), true) = (&w.last_one_thing, w.asks_last_week()) {
        out::line(&format!("{} {last}", rt::last_label(&w)));
        let yes = t!("key.yes.key");
        loop {
            let prompt = t!("cli.shutdown.did_it", yes = yes);
            match answer(input, &prompt)? {
                Move::Stay(a) if a.is_empty() => break,
                Move::Stay(a) if a == yes || a == "y" => {
                    let _ = ritual.answer_happened(true);
                    break;
                }
                Move::Stay(a) if a == "n" => {
                    let _ = ritual.answer_happened(false);
                    break;
                }
                Move::Stay(_) => {}
                other => return Ok(other),
            }
        }
    }
    if !w.takes_one_thing() {
        return Ok(Move::Stay(String::new()));
    }
    let now = w.one_thing().map(|t| format!(" [{t}]")).unwrap_or_default();
    match answer(input, &t!("cli.shutdown.one_thing", now = now))? {
        Move::Stay(a) => ritual.set_one_thing(&a),
        other => return Ok(other),
    }
    Ok(Move::Stay(String::new()))
}

/// The week so far, Monday to `date`, in totals.
fn week_glance(ctx: &Context, date: NaiveDate) -> crate::core::review::Totals {
    let monday = crate::core::week::WeekId::of(date).monday();
    let history = crate::review::load_at(
        &ctx.store,
        &ctx.config,
        &crate::clock::Zone,
        monday,
        date,
        ctx.today(),
        Some(ctx.clock.now()),
    );
    crate::core::review::totals(&history.days)
}

fn walk_today(
    ritual: &mut Ritual,
    input: &mut dyn BufRead,
    n: usize,
    total: usize,
) -> Result<Move, Failure> {
    out::line(&t!("cli.shutdown.today", n = n, total = total));
    let wins = ritual.wins();
    if wins.is_empty() {
        out::line(&t!("cli.shutdown.no_wins"));
    } else {
        out::line(&t!("cli.shutdown.wins"));
        for w in wins {
            out::line(&format!("  ✓ {w}"));
        }
    }
    let day = day_name(ritual.next_day);
    for (id, title, _) in ritual
        .unfinished()
        .into_iter()
        .map(|(i, t, c)| (i, t.to_string(), c))
        .collect::<Vec<_>>()
    {
        loop {
            let prompt = t!("cli.shutdown.task", id = id, title = title, day = day);
            let choice = match answer(input, &prompt)? {
                Move::Stay(a) => match a.as_str() {
                    "" | "c" => TaskChoice::Carry,
                    "d" => TaskChoice::Done,
                    "r" => TaskChoice::Drop,
                    _ => continue,
                },
                other => return Ok(other),
            };
            let _ = ritual.choose(id, choice);
            break;
        }
    }
    Ok(Move::Stay(String::new()))
}

/// Where you left off, after the next day's top 3: Enter keeps what is
/// written (none, or `--note`'s), `-` removes it.
fn walk_note(ritual: &mut Ritual, input: &mut dyn BufRead) -> Result<Move, Failure> {
    let now = ritual.note().unwrap_or_default().to_string();
    match answer(input, &t!("cli.shutdown.note_ask", now = now))? {
        Move::Stay(a) if a.is_empty() => {}
        Move::Stay(a) if a.trim() == "-" => ritual.set_note(""),
        Move::Stay(a) => ritual.set_note(&a),
        other => return Ok(other),
    }
    Ok(Move::Stay(String::new()))
}

fn walk_tomorrow(
    ritual: &mut Ritual,
    input: &mut dyn BufRead,
    n: usize,
    total: usize,
) -> Result<Move, Failure> {
    let day = day_name(ritual.next_day);
    out::line(&t!(
        "cli.shutdown.tomorrow",
        n = n,
        total = total,
        day = day
    ));
    let candidates = ritual.candidates();
    for (i, (pick, title)) in candidates.iter().enumerate() {
        let mark = if ritual.top().contains(pick) {
            "*"
        } else {
            " "
        };
        out::line(&format!("  {mark}{} {title}", i + 1));
    }
    loop {
        let kept: Vec<String> = ritual
            .top()
            .iter()
            .filter_map(|p| ritual.title(p))
            .collect();
        let prompt = t!("cli.shutdown.top", kept = kept.join(", "));
        let text = match answer(input, &prompt)? {
            Move::Stay(a) => a,
            other => return Ok(other),
        };
        if text.is_empty() {
            return Ok(Move::Stay(String::new()));
        }
        let mut picks = Vec::new();
        for item in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            match item.parse::<usize>() {
                Ok(k) if (1..=candidates.len()).contains(&k) => {
                    picks.push(candidates[k - 1].0.clone());
                }
                Ok(_) => picks.clear(),
                Err(_) => picks.push(Pick::New(item.to_string())),
            }
        }
        let before = ritual.clone();
        for p in ritual.top().to_vec() {
            ritual.unpick(&p);
        }
        match picks.into_iter().try_for_each(|p| ritual.pick(p)) {
            Ok(()) if !ritual.top().is_empty() => return Ok(Move::Stay(String::new())),
            Ok(()) => *ritual = before,
            Err(r) => {
                out::line(&refusal(&r));
                *ritual = before;
            }
        }
    }
}

/// What the finished ritual did, in a few lines.
fn report(ctx: &Context, ritual: &Ritual, f: &Finished) {
    let plan = ritual.plan();
    let carried = plan.carry.iter().filter(|(_, c)| *c).count();
    let dropped = plan.carry.len() - carried;
    if carried + dropped > 0 {
        out::done(&crate::i18n::plural(
            "cli.shutdown.carried",
            i64::try_from(carried).unwrap_or(i64::MAX),
            &[("dropped", &dropped), ("day", &day_name(plan.next_day))],
        ));
    }
    if let Some(next) = &f.next {
        let tops: Vec<&str> = next.top_tasks().map(|t| t.title.as_str()).collect();
        if !tops.is_empty() {
            out::done(&t!(
                "cli.shutdown.top_set",
                day = day_name(next.date),
                tasks = tops.join(", ")
            ));
        }
    }
    if let Some(text) = plan.week.as_ref().and_then(|w| w.one_thing.as_ref()) {
        out::done(&t!("cli.shutdown.one_thing_set", text = text));
    }
    if let Some(w) = &plan.week
        && let Some(yes) = w.happened
    {
        out::done(&rt::happened_said(w, yes));
    }
    if let Some(n) = &plan.note {
        out::done(&t!("cli.shutdown.note", note = n));
    }
    let (at, how) = f.when_and_how(&ctx.config);
    out::done(&t!(
        "cli.shutdown.complete",
        time = at,
        how = how,
        worked = rt::minutes(f.worked.worked_minutes),
        overtime = rt::minutes(f.worked.overtime_minutes)
    ));
}

/// Run `[shutdown] on_complete`; a failure is said and changes nothing.
fn on_complete(config: &Config) {
    let s = &config.shutdown;
    match rt::run_on_complete(&s.on_complete, s.on_complete_wait_seconds) {
        Ok(rt::Ran::RunsOn { seconds }) => out::line(&rt::runs_on_said(&s.on_complete, seconds)),
        Ok(rt::Ran::Nothing | rt::Ran::Done) => {}
        Err(e) => out::warn(&e),
    }
}

/// `kot shutdown --status`: where the day stands towards its end, and a
/// forgotten shutdown of the day before.
fn status(ctx: &Context, date: NaiveDate) -> CmdResult {
    let now = ctx.clock.now();
    let day = load(ctx, date)?;
    let c = coach_runtime::coach(&ctx.config, &day);
    let line = match c.end_phase(now) {
        EndPhase::NoEnd => t!("cli.shutdown.status.no_end"),
        EndPhase::Before { end } | EndPhase::WrapUp { end } => t!(
            "cli.shutdown.status.before",
            end = local_hm(end),
            left = coach_runtime::minutes_left(end, now)
        ),
        EndPhase::Overtime { end, over, .. } => t!(
            "cli.shutdown.status.overtime",
            end = local_hm(end),
            over = crate::i18n::countdown(over)
        ),
        EndPhase::Evening { since } => t!("cli.shutdown.status.evening", time = local_hm(since)),
        EndPhase::Off { since } => {
            let how = c
                .punctuality()
                .map(|p| t!(&format!("ritual.punctuality.{}", p.name())))
                .unwrap_or_default();
            t!(
                "cli.shutdown.status.off",
                time = local_hm(since),
                how = how,
                worked = rt::minutes(day.shutdown.worked_minutes.unwrap_or(0)),
                overtime = rt::minutes(day.shutdown.overtime_minutes.unwrap_or(0))
            )
        }
    };
    out::line(&line);
    if let Some(end) = day.shutdown.end {
        out::line(&t!("cli.shutdown.status.moved", end = end));
    }
    if date == ctx.today()
        && let Some(missed) = rt::forgotten_day(&ctx.store, &ctx.config, date)
    {
        out::line(&t!(
            "cli.shutdown.status.missed",
            day = day_name(missed.date)
        ));
    }
    Ok(())
}

/// `kot end 19:00` (or `--reset`): move today's end.
pub fn end(ctx: &Context, time: Option<&str>, reset: bool) -> CmdResult {
    let date = ctx.today();
    let end = match (time, reset) {
        (_, true) => None,
        (Some(text), false) => Some(time_of(text)?),
        (None, false) => return Err(Failure(t!("cli.end.missing"))),
    };
    let day = load(ctx, date)?;
    let Some(hours) = ctx.config.workday.hours_of(&day) else {
        return Err(Failure(t!("cli.end.no_work")));
    };
    let now = ctx.clock.now();
    let mut passed = None;
    let end = match end {
        Some(t) => match end_at(ctx, date, hours, t, now)? {
            EndAt::Then(t) => Some(t),
            EndAt::Now(t) => {
                passed = Some(text_of(time));
                Some(t)
            }
        },
        None => None,
    };
    let (day, _) = ctx.store.update_day(date, DayOp::SetEnd { end })?;
    let c = coach_runtime::coach(&ctx.config, &day);
    match (end, c.end()) {
        (Some(_), Some(e)) if let Some(given) = passed => {
            out::done(&t!("cli.end.now", given = given, end = local_hm(e)));
        }
        (Some(_), Some(e)) => out::done(&t!("cli.end.moved", end = local_hm(e))),
        (_, e) => out::done(&t!(
            "cli.end.reset",
            end = e.map(local_hm).unwrap_or_default()
        )),
    }
    Ok(())
}

fn text_of(time: Option<&str>) -> String {
    time.unwrap_or_default().trim().to_owned()
}

/// Where a moved end lands.
enum EndAt {
    /// Later today (or after midnight, before the next `day_starts`).
    Then(TimeOfDay),
    /// The time has passed: the day ends now, at this minute.
    Now(TimeOfDay),
}

/// A moved end is an instant of this kot day: after midnight only until
/// the next `day_starts`, and a time already past means now (never the same
/// time tomorrow, which once coached breaks all night). What is stored reads
/// back as that instant by the coach's rule: a time up to the work start is
/// after midnight.
fn end_at(
    ctx: &Context,
    date: NaiveDate,
    hours: crate::core::workday::WorkHours,
    t: TimeOfDay,
    now: DateTime<Utc>,
) -> Result<EndAt, Failure> {
    let day_starts = ctx.config.workday.day_starts;
    let start = resolve_local(&Zone, date, hours.start);
    let before_work = t >= day_starts && t <= hours.start;
    if now < start {
        if before_work {
            return Err(Failure(t!("cli.end.before_start", start = hours.start)));
        }
        return Ok(EndAt::Then(t));
    }
    if !before_work && on_kot_day(&ctx.config, date, t) > now {
        return Ok(EndAt::Then(t));
    }
    Ok(EndAt::Now(TimeOfDay::of(now.with_timezone(&Zone).time())))
}

/// `kot work`: back to work after the shutdown (it counts as overtime); with
/// `--at` and `--until`, evening work told afterwards.
pub fn work(ctx: &Context, at: Option<&str>, until: Option<&str>) -> CmdResult {
    let now = ctx.clock.now();
    let date = ctx.today();
    let day = load(ctx, date)?;
    let start = at.map(|a| instant_on(&ctx.config, date, a)).transpose()?;
    let end = until
        .map(|u| instant_on(&ctx.config, date, u))
        .transpose()?;
    let c = coach_runtime::coach(&ctx.config, &day);
    // Evening work begins after the shutdown (or the end, when none came).
    let off_from = c.shut_down_at().or(c.end());
    let Some(off_from) = off_from else {
        return Err(Failure(t!("cli.work.no_work")));
    };
    match (start, end) {
        (Some(s), Some(e)) => {
            if e <= s || e > now {
                return Err(Failure(t!("cli.work.bad_span")));
            }
            if s < off_from {
                return Err(Failure(t!(
                    "cli.work.before_off",
                    time = local_hm(off_from)
                )));
            }
            let (_, w) = rt::close_evening(&ctx.store, &ctx.config, date, Some((s, e)), now)?;
            out::done(&t!(
                "cli.work.added",
                start = local_hm(s),
                end = local_hm(e),
                overtime = rt::minutes(w.overtime_minutes)
            ));
        }
        (None, Some(_)) => return Err(Failure(t!("cli.work.until_needs_at"))),
        (s, None) => {
            if day.shutdown.at.is_none() {
                return Err(Failure(t!("cli.work.not_shut_down")));
            }
            let s = s.unwrap_or(now);
            if s > now || s < off_from {
                return Err(Failure(t!(
                    "cli.work.before_off",
                    time = local_hm(off_from)
                )));
            }
            if running_evening(&day).is_some() {
                out::line(&t!("cli.work.already"));
                return Ok(());
            }
            rt::start_evening(&ctx.store, date, s)?;
            out::done(&t!("cli.work.started", time = local_hm(s)));
        }
    }
    Ok(())
}
