//! Desktop notifications end to end: the real `kot` binary against a fake
//! `org.freedesktop.Notifications` served by the test on a private
//! `dbus-daemon` (tests/dbus), and against no bus at all.
//!
//! The clock starts at Monday 2026-11-23 09:49:50 (Europe/Brussels) and runs 60
//! times faster than real time. With the check-in at 08:55 the first focus
//! block starts at 09:00, so the short break falls due at 09:50 (a sixth of a
//! real second after the start) and escalates at 09:55 (five real seconds
//! later). Micro-pauses are off, so they don't add notices. Every wait polls with
//! a deadline; no test sleeps for a fixed time.
#![allow(clippy::disallowed_methods)] // tests write fixtures plainly and read real time
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod dbus;
mod pty;

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use dbus::{Bus, Got, Hang, Server, Setup};
use pty::{NO_BUS, exit_within, hermetic, scaled, wait_until};

/// The test clock: ten simulated seconds before the short break is due.
const NOW: &str = "2026-11-23T09:49:50";
const SCALE: &str = "60";
const TODAY: &str = "2026-11-23";
const TZ: &str = "Europe/Brussels";

const DUE_SUMMARY: &str = "Time for a short break (10 min)";
const ESCALATE_SUMMARY: &str = "Break overdue: take your short break now (10 min)";
const NOTIFIER_DOWN_TUI: &str = "desktop notifications off";
const NOTIFIER_DOWN_WATCH: &str = "desktop notifications are off";

/// How long `kot notify test` may take against a server that never answers,
/// on a normal machine (`scaled` stretches it on a slow one).
const FIVE_S: Duration = Duration::from_secs(5);

fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("kot-notify-")
        .tempdir()
        .expect("temp dir")
}

/// A data directory with today's check-in done at 08:55 (before the workday)
/// and a config with micro-pauses off.
fn setup_dir() -> tempfile::TempDir {
    let tmp = tempdir();
    let dir = tmp.path();
    let day = pty::day_path(dir, TODAY);
    std::fs::create_dir_all(day.parent().expect("year dir")).expect("create days/2026");
    std::fs::write(
        &day,
        format!(
            "schema = 1\ndate = \"{TODAY}\"\nplace = \"home\"\n\n\
             [checkin]\nat = \"2026-11-23T08:55:00+01:00\"\nfeeling = 4\n"
        ),
    )
    .expect("write the day file");
    std::fs::write(
        dir.join("config.toml"),
        "[breaks]\nmicro_every_minutes = 0\n",
    )
    .expect("write config.toml");
    tmp
}

/// `kot ARGS` on data directory `dir`, the session bus at `bus`.
fn kot(dir: &Path, bus: &str, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kot"));
    // The system bus stays the harness's dead one: the host's logind stays out.
    hermetic(&mut c, &dir.join(".test-env"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .env("KOT_DIR", dir)
        .env("TZ", TZ)
        .env("KOT_NOW", NOW)
        .env("KOT_TIME_SCALE", SCALE)
        .env("DBUS_SESSION_BUS_ADDRESS", bus);
    c
}

/// Run `kot ARGS` to the end, which must come within `limit`: past it kot is
/// killed and the test fails with what kot printed so far.
#[track_caller]
fn run(dir: &Path, bus: &str, args: &[&str], limit: Duration) -> Output {
    let start = Instant::now();
    let mut child = kot(dir, bus, args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run kot {args:?}: {e}"));
    let slurp = |mut pipe: Box<dyn Read + Send>| {
        thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = pipe.read_to_end(&mut buf);
            buf
        })
    };
    let out = slurp(Box::new(child.stdout.take().expect("stdout")));
    let err = slurp(Box::new(child.stderr.take().expect("stderr")));
    let status = exit_within(&mut child, limit);
    if status.is_none() {
        let _ = child.kill();
        let _ = child.wait();
    }
    let took = start.elapsed();
    let stdout = out.join().expect("stdout reader");
    let stderr = err.join().expect("stderr reader");
    let Some(status) = status else {
        panic!(
            "kot {args:?} still ran after {limit:?} (killed)\n--- stdout\n{}--- stderr\n{}",
            text(&stdout),
            text(&stderr)
        );
    };
    eprintln!("kot {args:?} took {took:?}");
    Output {
        status,
        stdout,
        stderr,
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn describe(out: &Output) -> String {
    format!(
        "status {}\n--- stdout\n{}--- stderr\n{}",
        out.status,
        text(&out.stdout),
        text(&out.stderr)
    )
}

/// The lines a pipe delivered so far, read on a thread of its own.
type Lines = Arc<Mutex<Vec<String>>>;

fn collect(pipe: impl Read + Send + 'static) -> (Lines, JoinHandle<()>) {
    let lines: Lines = Arc::default();
    let sink = lines.clone();
    let handle = thread::spawn(move || {
        for line in BufReader::new(pipe).lines() {
            let Ok(line) = line else { break };
            sink.lock().unwrap().push(line);
        }
    });
    (lines, handle)
}

/// `kot watch` running with no terminal, its stdout and stderr collected.
struct Watch {
    child: Child,
    out: Lines,
    err: Lines,
    readers: Vec<JoinHandle<()>>,
}

impl Watch {
    fn spawn(dir: &Path, bus: &str) -> Self {
        Self::spawn_with(dir, bus, &[])
    }

    /// `kot watch` with `env` set over the defaults (another clock).
    fn spawn_with(dir: &Path, bus: &str, env: &[(&str, &str)]) -> Self {
        let mut command = kot(dir, bus, &["watch"]);
        for (k, v) in env {
            command.env(k, v);
        }
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn kot watch");
        let (out, r1) = collect(child.stdout.take().expect("stdout"));
        let (err, r2) = collect(child.stderr.take().expect("stderr"));
        Self {
            child,
            out,
            err,
            readers: vec![r1, r2],
        }
    }

    fn stdout(&self) -> Vec<String> {
        self.out.lock().unwrap().clone()
    }

    fn stderr(&self) -> Vec<String> {
        self.err.lock().unwrap().clone()
    }

    /// Wait for a stderr line containing `needle`; returns it.
    #[track_caller]
    fn wait_stderr(&mut self, needle: &str) -> String {
        wait_until(
            dbus::deadline(),
            format_args!("{needle:?} on stderr"),
            || {
                if let Some(line) = self.stderr().into_iter().find(|l| l.contains(needle)) {
                    return Ok(line);
                }
                if let Ok(Some(status)) = self.child.try_wait() {
                    panic!(
                        "kot watch exited ({status}) before printing {needle:?}\n{}",
                        self.dump()
                    );
                }
                Err(self.dump())
            },
        )
    }

    /// Whether kot watch still runs.
    fn running(&mut self) -> bool {
        self.child.try_wait().expect("try_wait").is_none()
    }

    fn dump(&self) -> String {
        format!(
            "--- stdout\n{}\n--- stderr\n{}",
            self.stdout().join("\n"),
            self.stderr().join("\n")
        )
    }

    /// Send SIGTERM and wait for the exit (and the end of its output); the
    /// status and how long the exit took.
    #[track_caller]
    fn terminate(&mut self) -> (ExitStatus, Duration) {
        assert!(
            self.running(),
            "kot watch stopped on its own\n{}",
            self.dump()
        );
        let pid = self.child.id().to_string();
        let start = Instant::now();
        let kill = Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .expect("run kill");
        assert!(kill.success(), "kill -TERM {pid} failed");
        let Some(status) = exit_within(&mut self.child, dbus::deadline()) else {
            panic!(
                "kot watch did not stop within {:?} of SIGTERM\n{}",
                dbus::deadline(),
                self.dump()
            );
        };
        let took = start.elapsed();
        for r in self.readers.drain(..) {
            let _ = r.join();
        }
        (status, took)
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The break-due notice: normal urgency, no notice to replace.
fn is_due(g: &Got) -> bool {
    g.summary.contains("short break") && g.urgency == Some(1)
}

/// The escalation: critical urgency.
fn is_escalation(g: &Got) -> bool {
    g.summary.contains("short break") && g.urgency == Some(2)
}

/// What every break notice from kot looks like, actions offered.
#[track_caller]
fn assert_break_notice(g: &Got, summary: &str, urgency: u8) {
    assert_eq!(g.app_name, "kot", "{g:#?}");
    assert_eq!(g.summary, summary, "{g:#?}");
    assert!(
        !g.body.trim().is_empty(),
        "a break notice needs a suggestion: {g:#?}"
    );
    assert_eq!(g.urgency, Some(urgency), "{g:#?}");
    assert_eq!(g.category.as_deref(), Some("presence"), "{g:#?}");
    assert!(g.icon.ends_with(".kot-icon.svg"), "{g:#?}");
    let keys = g.action_keys();
    assert!(
        keys.contains(&"start-break") && keys.contains(&"snooze"),
        "actions missing: {g:#?}"
    );
    assert_eq!(g.action_label("start-break"), Some("Start break"), "{g:#?}");
    assert_eq!(g.action_label("snooze"), Some("Snooze"), "{g:#?}");
}

/// The day file's `[coach.on_break]`, once it is there.
fn on_break(dir: &Path) -> Option<toml::Table> {
    let text = std::fs::read_to_string(pty::day_path(dir, TODAY)).ok()?;
    let day = text.parse::<toml::Table>().ok()?;
    day.get("coach")?.get("on_break")?.as_table().cloned()
}

/// Poll `f` until it gives something; panic with `what` after the deadline.
#[track_caller]
fn poll<T>(what: &str, f: impl FnMut() -> Option<T>) -> T {
    wait_until(dbus::deadline(), what, f)
}

// ---- kot notify test ----

/// (1) `kot notify test` reaches the server, names it, and sends a plain
/// notice from "kot".
#[test]
fn notify_test_names_the_server_and_sends_a_normal_notice() {
    let Some(bus) = Bus::start() else { return };
    let server = Server::start(&bus, Setup::default());
    let tmp = setup_dir();

    let out = run(
        tmp.path(),
        &bus.address,
        &["notify", "test"],
        dbus::deadline(),
    );
    assert!(out.status.success(), "{}", describe(&out));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("Delivered to fakenotifyd 9.8.7 (kot tests)"),
        "{}",
        describe(&out)
    );
    assert!(
        stdout.contains("The server supports actions"),
        "{}",
        describe(&out)
    );

    let notes = server.notes();
    assert_eq!(notes.len(), 1, "{notes:#?}");
    let g = &notes[0];
    assert_eq!(g.app_name, "kot", "{g:#?}");
    assert_eq!(g.summary, "kot test notification", "{g:#?}");
    assert!(!g.body.is_empty(), "{g:#?}");
    assert_eq!(g.replaces_id, 0, "{g:#?}");
    // No urgency hint means normal; kot may also say so explicitly.
    assert_eq!(g.urgency.unwrap_or(1), 1, "{g:#?}");
    assert!(
        g.actions.is_empty(),
        "a test notice offers no actions: {g:#?}"
    );
}

/// Without "actions" in the capabilities, `kot notify test` says so.
#[test]
fn notify_test_says_when_the_server_has_no_actions() {
    let Some(bus) = Bus::start() else { return };
    let _server = Server::start(
        &bus,
        Setup {
            capabilities: vec!["body".into()],
            ..Setup::default()
        },
    );
    let tmp = setup_dir();
    let out = run(
        tmp.path(),
        &bus.address,
        &["notify", "test"],
        dbus::deadline(),
    );
    assert!(out.status.success(), "{}", describe(&out));
    assert!(
        text(&out.stdout).contains("The server does not support actions"),
        "{}",
        describe(&out)
    );
}

// ---- kot watch ----

/// (2) `kot watch` sends the break-due notice with its actions, then the
/// escalation replacing it, prints a line per prompt, and stops on SIGTERM.
#[test]
fn watch_sends_break_due_then_escalation_replacing_it() {
    let Some(bus) = Bus::start() else { return };
    let server = Server::start(&bus, Setup::default());
    let tmp = setup_dir();
    let mut watch = Watch::spawn(tmp.path(), &bus.address);

    let due = server.wait_note("the break-due notice", is_due);
    assert_break_notice(&due, DUE_SUMMARY, 1);
    assert_eq!(due.replaces_id, 0, "{due:#?}");

    let esc = server.wait_note("the escalation", is_escalation);
    assert_break_notice(&esc, ESCALATE_SUMMARY, 2);
    assert_eq!(
        esc.replaces_id, due.id,
        "the escalation must replace the break-due notice"
    );
    assert_eq!(esc.id, due.id, "{esc:#?}");
    assert_eq!(esc.body, due.body, "same break, same suggestion");

    let log = server.log();
    assert_eq!(
        log.notes.len(),
        2,
        "only the two break notices: {:#?}",
        log.notes
    );
    assert!(log.closed.is_empty(), "nothing closed yet: {log:#?}");

    let (status, took) = watch.terminate();
    assert_eq!(status.code(), Some(0), "{}", watch.dump());
    assert!(took < scaled(FIVE_S), "SIGTERM took {took:?}");
    let stdout = watch.stdout();
    let has = |needle: &str| stdout.iter().any(|l| l.contains(needle));
    assert!(has("kot watch: coaching"), "{}", watch.dump());
    // One line per prompt, stamped with the simulated time it was seen.
    assert!(
        stdout
            .iter()
            .any(|l| l.starts_with("09:5") && l.contains(DUE_SUMMARY)),
        "{}",
        watch.dump()
    );
    assert!(
        stdout
            .iter()
            .any(|l| l.starts_with("09:5") && l.contains(ESCALATE_SUMMARY)),
        "{}",
        watch.dump()
    );
    assert!(has("kot watch: stopped"), "{}", watch.dump());
    assert!(
        !watch
            .stderr()
            .iter()
            .any(|l| l.contains(NOTIFIER_DOWN_WATCH)),
        "{}",
        watch.dump()
    );
}

/// (3) Clicking "Start break" on the notice starts the break in the day file
/// and closes the notice.
#[test]
fn watch_starts_the_break_when_the_action_is_invoked() {
    let Some(bus) = Bus::start() else { return };
    let server = Server::start(&bus, Setup::default());
    let tmp = setup_dir();
    let dir = tmp.path();
    let mut watch = Watch::spawn(dir, &bus.address);

    let due = server.wait_note("the break-due notice", is_due);
    assert!(on_break(dir).is_none(), "no break before the click");
    // kot subscribes to ActionInvoked only after Notify returned, so a signal
    // sent at once may come before it listens: send it again every 100 ms until
    // the break shows in the file. Later copies find the break started and do
    // nothing.
    let mut last_sent: Option<Instant> = None;
    let started = poll("[coach.on_break] in the day file", || {
        if last_sent.is_none_or(|t| t.elapsed() >= Duration::from_millis(100)) {
            server.invoke_action(due.id, "start-break");
            last_sent = Some(Instant::now());
        }
        on_break(dir)
    });
    assert_eq!(
        started.get("kind").and_then(toml::Value::as_str),
        Some("short"),
        "{started:#?}"
    );
    assert!(started.contains_key("start"), "{started:#?}");

    let log = server.wait_until("CloseNotification of the break notice", |l| {
        l.closed.contains(&due.id)
    });
    assert_eq!(log.closed, vec![due.id], "{log:#?}");
    assert!(
        !log.notes.iter().any(is_escalation),
        "a started break is not escalated: {log:#?}"
    );

    let (status, _) = watch.terminate();
    assert_eq!(status.code(), Some(0), "{}", watch.dump());
}

/// A break started from another terminal (`kot break start`) closes the
/// notice that `kot watch` showed for it.
#[test]
fn a_break_started_from_the_cli_closes_the_watch_notice() {
    let Some(bus) = Bus::start() else { return };
    let server = Server::start(&bus, Setup::default());
    let tmp = setup_dir();
    let dir = tmp.path();
    let mut watch = Watch::spawn(dir, &bus.address);
    let due = server.wait_note("the break-due notice", is_due);
    let out = kot(dir, &bus.address, &["break", "start"])
        .env("KOT_NOW", "2026-11-23T09:51:00")
        .env("KOT_TIME_SCALE", "0")
        .output()
        .expect("run kot break start");
    assert!(out.status.success(), "{}", describe(&out));
    // The watch sees it at its next wake (the escalation time, 5 simulated
    // minutes on: 5 s at 60x) and closes the notice instead of escalating.
    let log = server.wait_until("CloseNotification of the break notice", |l| {
        l.closed.contains(&due.id)
    });
    assert!(
        !log.notes.iter().any(is_escalation),
        "a started break is not escalated: {log:#?}"
    );
    let (status, _) = watch.terminate();
    assert_eq!(status.code(), Some(0), "{}", watch.dump());
}

/// `kot watch` hears a CLI `kot break start` from the day file at once, as
/// the TUI does, not at its next wake. The clock runs at real speed and the
/// escalation is five minutes away, so the only wake it had before was its
/// 30 s sleep cap: well past this test's deadline.
#[test]
fn watch_closes_the_notice_within_a_second_of_a_cli_break_start() {
    let Some(bus) = Bus::start() else { return };
    let server = Server::start(&bus, Setup::default());
    let tmp = setup_dir();
    let dir = tmp.path();
    let clock = pty::SimClock::start(1.0);
    let at = [("KOT_NOW", "2026-11-23T09:49:59")];
    let shared = clock.env();
    let env: Vec<(&str, &str)> = shared
        .iter()
        .map(|(k, v)| (*k, v.as_str()))
        .chain(at)
        .collect();
    let mut watch = Watch::spawn_with(dir, &bus.address, &env);
    let due = server.wait_note("the break-due notice", is_due);
    let mut cli = kot(dir, &bus.address, &["break", "start"]);
    cli.envs(env.iter().copied());
    let out = cli.output().expect("run kot break start");
    assert!(out.status.success(), "{}", describe(&out));
    let asked = Instant::now();
    server.wait_until("CloseNotification of the break notice", |l| {
        l.closed.contains(&due.id)
    });
    eprintln!("closed {:?} after kot break start", asked.elapsed());
    let (status, _) = watch.terminate();
    assert_eq!(status.code(), Some(0), "{}", watch.dump());
}

// ---- notices closed when kot stops ----

/// `kot watch` closes the notices it showed when SIGTERM stops it: a break
/// prompt with buttons nobody hears any more must not stay on screen.
#[test]
fn watch_closes_its_notices_when_sigterm_stops_it() {
    let Some(bus) = Bus::start() else { return };
    let server = Server::start(&bus, Setup::default());
    let tmp = setup_dir();
    let mut watch = Watch::spawn(tmp.path(), &bus.address);
    let due = server.wait_note("the break-due notice", is_due);
    let (status, took) = watch.terminate();
    assert_eq!(status.code(), Some(0), "{}", watch.dump());
    assert!(took < scaled(FIVE_S), "SIGTERM took {took:?}");
    let log = server.log();
    assert!(
        log.closed.contains(&due.id),
        "the break notice is closed at the stop: {log:#?}"
    );
}

/// A `kot watch` killed outright (SIGKILL) cannot close its notices; the
/// next start closes those the previous run recorded, from a state file
/// only its owner can read, and only while the same server still shows
/// them: a restarted server's notices with the same numbers are not kot's.
#[test]
fn the_next_start_closes_what_a_killed_watch_left() {
    use std::os::unix::fs::PermissionsExt as _;
    let Some(bus) = Bus::start() else { return };
    let server = Server::start(&bus, Setup::default());
    let tmp = setup_dir();
    let dir = tmp.path();
    let state = dir.join(".kot-notices");
    let mut first = Watch::spawn(dir, &bus.address);
    let due = server.wait_note("the break-due notice", is_due);
    poll("the notice's id in the state file", || {
        let text = std::fs::read_to_string(&state).ok()?;
        text.contains(&due.id.to_string()).then_some(())
    });
    let left = std::fs::read_to_string(&state).unwrap();
    let mode = std::fs::metadata(&state).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    first.child.kill().expect("SIGKILL kot watch");
    first.child.wait().expect("reap kot watch");
    assert!(server.log().closed.is_empty(), "{:#?}", server.log());

    let mut second = Watch::spawn(dir, &bus.address);
    let log = server.wait_until("the left notice closed by the next start", |l| {
        l.closed.contains(&due.id)
    });
    assert_eq!(log.closed[0], due.id, "{log:#?}");
    second.child.kill().expect("SIGKILL kot watch");
    second.child.wait().expect("reap kot watch");

    // A new server on the bus: the ids left are not its notices. (A fresh
    // day, so the break is prompted again; the state file as left.)
    drop(server);
    let fresh = Server::start(&bus, Setup::default());
    let again = setup_dir();
    std::fs::write(again.path().join(".kot-notices"), &left).unwrap();
    let mut third = Watch::spawn(again.path(), &bus.address);
    // The left ids are closed (or not) before the first notice is shown.
    fresh.wait_note("the third run's break notice", is_due);
    let log = fresh.log();
    assert!(log.closed.is_empty(), "another server's ids: {log:#?}");
    let (status, _) = third.terminate();
    assert_eq!(status.code(), Some(0), "{}", third.dump());
}

/// `q` in the TUI closes the notices it showed.
#[test]
fn tui_closes_its_notices_on_q() {
    let Some(bus) = Bus::start() else { return };
    let server = Server::start(&bus, Setup::default());
    let tmp = setup_dir();
    let mut kot = pty::Kot::spawn(
        tmp.path(),
        100,
        30,
        &[
            ("KOT_NOW", NOW),
            ("KOT_TIME_SCALE", SCALE),
            ("DBUS_SESSION_BUS_ADDRESS", bus.address.as_str()),
        ],
    );
    let due = server.wait_note("the TUI's break-due notice", is_due);
    kot.wait_for("Time for a short break");
    assert!(server.log().closed.is_empty(), "{:#?}", server.log());
    kot.send("q");
    assert_eq!(kot.wait_exit(), 0, "kot exits 0 on q");
    let log = server.log();
    assert!(
        log.closed.contains(&due.id),
        "the break notice is closed at q: {log:#?}"
    );
}

// ---- a server that never answers ----

/// (4a) `Notify` never returns: `kot notify test` gives up after its 3 s
/// timeout with exit 1.
#[test]
fn notify_test_gives_up_when_notify_never_returns() {
    let Some(bus) = Bus::start() else { return };
    let server = Server::start(&bus, Setup::hanging(Hang::Notify));
    let tmp = setup_dir();
    // kot's timeout is 3 s; 5 s leaves room for a slow machine.
    let out = run(
        tmp.path(),
        &bus.address,
        &["notify", "test"],
        scaled(FIVE_S),
    );
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    let stderr = text(&out.stderr);
    assert_eq!(stderr.trim_end().lines().count(), 1, "{}", describe(&out));
    assert!(
        stderr.starts_with("kot: ") && stderr.contains("did not answer within 3 s"),
        "{}",
        describe(&out)
    );
    assert!(
        server.log().calls.iter().any(|c| c == "Notify"),
        "{:#?}",
        server.log()
    );
}

/// (4b) A frozen server (owns the name, answers nothing): `kot notify test`
/// still gives up within about 5 s, not once per call it makes.
#[test]
fn notify_test_gives_up_on_a_frozen_server() {
    let Some(bus) = Bus::start() else { return };
    let _server = Server::start(&bus, Setup::hanging(Hang::Everything));
    let tmp = setup_dir();
    // Fails (found bug): kot asks GetServerInformation, GetCapabilities and
    // Notify one after the other, each with its own 3 s timeout, so it gives
    // up only after 9 s.
    let out = run(
        tmp.path(),
        &bus.address,
        &["notify", "test"],
        scaled(FIVE_S),
    );
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    assert!(text(&out.stderr).starts_with("kot: "), "{}", describe(&out));
}

/// `kot notify test` only reads: with no `KOT_DIR` it creates no config
/// directory (nor a config, nor the icon), and a `KOT_DIR` not made yet stays
/// so.
#[test]
fn notify_test_creates_nothing() {
    let Some(bus) = Bus::start() else { return };
    let _server = Server::start(&bus, Setup::default());
    let tmp = tempdir();
    let scratch = tmp.path().join("scratch");
    let notify = |kot_dir: Option<&Path>| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_kot"));
        hermetic(&mut c, &scratch)
            .args(["notify", "test"])
            .current_dir(tmp.path())
            .stdin(Stdio::null())
            .env("TZ", TZ)
            .env("DBUS_SESSION_BUS_ADDRESS", &bus.address);
        if let Some(d) = kot_dir {
            c.env("KOT_DIR", d);
        }
        let out = c.output().expect("run kot notify test");
        assert!(out.status.success(), "{}", describe(&out));
    };
    notify(None);
    assert!(
        !scratch.exists(),
        "kot notify test created {}",
        scratch.display()
    );
    let data = tmp.path().join("data");
    notify(Some(&data));
    assert!(!data.exists(), "kot notify test created {}", data.display());
}

/// (4c) `kot watch` on a frozen server keeps coaching, says on stderr that
/// desktop notifications are off, and still stops at once on SIGTERM.
#[test]
fn watch_keeps_running_when_the_server_never_answers() {
    let Some(bus) = Bus::start() else { return };
    let server = Server::start(&bus, Setup::hanging(Hang::Everything));
    let tmp = setup_dir();
    let mut watch = Watch::spawn(tmp.path(), &bus.address);

    let line = watch.wait_stderr(NOTIFIER_DOWN_WATCH);
    assert!(line.starts_with("kot: "), "{line}");
    assert!(line.contains("did not answer"), "{line}");
    assert!(watch.running(), "{}", watch.dump());
    // The prompt was printed anyway.
    assert!(
        watch.stdout().iter().any(|l| l.contains(DUE_SUMMARY)),
        "{}",
        watch.dump()
    );
    assert!(server.notes().is_empty(), "nothing was answered");

    let (status, took) = watch.terminate();
    assert_eq!(status.code(), Some(0), "{}", watch.dump());
    assert!(took < scaled(FIVE_S), "SIGTERM took {took:?}");
    let down = watch
        .stderr()
        .iter()
        .filter(|l| l.contains(NOTIFIER_DOWN_WATCH))
        .count();
    assert_eq!(down, 1, "said once: {}", watch.dump());
}

// ---- no bus at all ----

/// (5a) No session bus: `kot notify test` fails at once with one line.
#[test]
fn notify_test_fails_fast_without_a_bus() {
    let tmp = setup_dir();
    let out = run(
        tmp.path(),
        NO_BUS,
        &["notify", "test"],
        scaled(Duration::from_secs(2)),
    );
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    let stderr = text(&out.stderr);
    assert_eq!(stderr.trim_end().lines().count(), 1, "{}", describe(&out));
    assert!(
        stderr.starts_with("kot: the notification was not delivered"),
        "{}",
        describe(&out)
    );
    assert!(out.stdout.is_empty(), "{}", describe(&out));
}

/// (5b) No session bus: the TUI's status line says desktop notifications are
/// off soon after the first prompt, which keeps the banner, and the break card
/// shows anyway.
#[test]
fn tui_without_a_bus_shows_the_banner_and_the_break_card() {
    let tmp = setup_dir();
    let dir = tmp.path();
    let kot = pty::Kot::spawn(dir, 100, 30, &[("KOT_NOW", NOW), ("KOT_TIME_SCALE", SCALE)]);
    kot.wait_for("Time for a short break");
    let screen = kot.wait_long(
        scaled(Duration::from_secs(5)),
        &format!("{NOTIFIER_DOWN_TUI:?} within 5 s of the prompt"),
        |s| s.contains(NOTIFIER_DOWN_TUI),
    );
    // The banner is one line: the prompt, then ` · ` and its suggestion.
    let banner = |l: &&str| l.trim_start().starts_with(&format!("{DUE_SUMMARY} · "));
    // The card is a box of its own: the prompt as its title, its keys inside.
    let card_title = |l: &&str| l.contains(DUE_SUMMARY) && !l.contains(" · ");
    assert!(
        screen.lines().any(|l| banner(&l)),
        "the prompt must stay in the banner\n{screen}"
    );
    assert!(
        screen.lines().any(|l| card_title(&l))
            && pty::has_line(&screen, &["s start", "z snooze ("]),
        "the break card must show\n{screen}"
    );
}

// ---- the TUI and kot watch send the same notice ----

/// (6) The TUI sends the same break notice as `kot watch`.
#[test]
fn tui_sends_the_same_break_notice_as_watch() {
    let Some(tui_bus) = Bus::start() else { return };
    let Some(watch_bus) = Bus::start() else {
        return;
    };
    let tui_server = Server::start(&tui_bus, Setup::default());
    let watch_server = Server::start(&watch_bus, Setup::default());
    let tui_tmp = setup_dir();
    let watch_tmp = setup_dir();

    let kot = pty::Kot::spawn(
        tui_tmp.path(),
        100,
        30,
        &[
            ("KOT_NOW", NOW),
            ("KOT_TIME_SCALE", SCALE),
            ("DBUS_SESSION_BUS_ADDRESS", tui_bus.address.as_str()),
        ],
    );
    let mut watch = Watch::spawn(watch_tmp.path(), &watch_bus.address);

    let from_tui = tui_server.wait_note("the TUI's break-due notice", is_due);
    let from_watch = watch_server.wait_note("kot watch's break-due notice", is_due);
    assert_break_notice(&from_tui, DUE_SUMMARY, 1);
    let same = |g: &Got| Got {
        icon: String::new(),
        ..g.clone()
    };
    assert_eq!(same(&from_tui), same(&from_watch));
    kot.wait_for("Time for a short break");
    assert!(!kot.contains(NOTIFIER_DOWN_TUI), "{}", kot.screen());

    let (status, _) = watch.terminate();
    assert_eq!(status.code(), Some(0), "{}", watch.dump());
}

// ---- the end of the workday ----

/// The data directory of `setup_dir`, with no break offered before the end
/// (the first falls due at 17:00, when the wrap-up keeps it back).
fn evening_dir() -> tempfile::TempDir {
    let tmp = setup_dir();
    std::fs::write(
        tmp.path().join("config.toml"),
        "[breaks]\nmicro_every_minutes = 0\nfocus_minutes = 480\n",
    )
    .expect("write config.toml");
    tmp
}

/// The wrap-up warning 30 minutes before the end: normal urgency, the end
/// named, no actions, from `kot watch`.
#[test]
fn watch_warns_before_the_end_of_the_day() {
    let Some(bus) = Bus::start() else { return };
    let server = Server::start(&bus, Setup::default());
    let tmp = evening_dir();
    let mut watch = Watch::spawn_with(
        tmp.path(),
        &bus.address,
        &[("KOT_NOW", "2026-11-23T16:59:50")],
    );
    let warning = server.wait_note("the wrap-up warning", |g| {
        g.summary.contains("Workday ends")
    });
    assert_eq!(
        warning.summary, "Workday ends in 30 min (17:30)",
        "{warning:#?}"
    );
    assert!(warning.body.contains("wrap up"), "{warning:#?}");
    assert_eq!(
        warning.urgency,
        Some(1),
        "normal, never critical: {warning:#?}"
    );
    assert!(warning.action_keys().is_empty(), "{warning:#?}");
    let (status, _) = watch.terminate();
    assert_eq!(status.code(), Some(0), "{}", watch.dump());
}

/// "Time to shut down" from `kot watch`, which has no screen to open the
/// ritual on: no action, and the text names `kot shutdown`.
#[test]
fn watch_says_time_to_shut_down_with_the_command() {
    let Some(bus) = Bus::start() else { return };
    let server = Server::start(&bus, Setup::default());
    let tmp = evening_dir();
    let mut watch = Watch::spawn_with(
        tmp.path(),
        &bus.address,
        &[("KOT_NOW", "2026-11-23T17:29:50")],
    );
    let due = server.wait_note("time to shut down", |g| g.summary == "Time to shut down");
    assert!(due.body.contains("kot shutdown"), "{due:#?}");
    assert_eq!(due.urgency, Some(1), "{due:#?}");
    assert!(due.action_keys().is_empty(), "{due:#?}");
    let (status, _) = watch.terminate();
    assert_eq!(status.code(), Some(0), "{}", watch.dump());
}

/// The TUI's "Time to shut down" offers the "Start shutdown" action, by
/// its id, for the ritual it opens; the open TUI opens it at once, and a
/// click on the action opens it again after it was left.
#[test]
fn tui_offers_start_shutdown_on_the_end_notice() {
    let Some(bus) = Bus::start() else { return };
    let server = Server::start(&bus, Setup::default());
    let tmp = evening_dir();
    let kot = pty::Kot::spawn(
        tmp.path(),
        100,
        30,
        &[
            ("KOT_NOW", "2026-11-23T17:29:50"),
            ("KOT_TIME_SCALE", SCALE),
            ("DBUS_SESSION_BUS_ADDRESS", bus.address.as_str()),
        ],
    );
    let due = server.wait_note("time to shut down", |g| g.summary == "Time to shut down");
    assert_eq!(due.action_keys(), ["start-shutdown"], "{due:#?}");
    assert_eq!(due.action_label("start-shutdown"), Some("Start shutdown"));
    assert!(!due.body.contains("kot shutdown"), "{due:#?}");
    let mut kot = kot;
    kot.wait_for("Shutdown · Monday 23 November 2026");
    kot.send("\x1b");
    kot.wait_gone("Shutdown · Monday 23 November 2026");
    server.invoke_action(due.id, "start-shutdown");
    kot.wait_for("Shutdown · Monday 23 November 2026");
    // Its button was used: the notice goes (dunst would keep it up).
    server.wait_until("the shutdown notice closed after its action", |l| {
        l.closed.contains(&due.id)
    });
    drop(kot);
}

// ---- markup from the config (issue 16, item 13) ----

/// A team meeting named with markup: the server that renders markup gets
/// it escaped in the summary, as text to show, never tags to obey.
#[test]
fn a_team_meetings_name_reaches_the_server_escaped() {
    let Some(bus) = Bus::start() else { return };
    let server = Server::start(&bus, Setup::default());
    let tmp = setup_dir();
    std::fs::write(
        tmp.path().join("config.toml"),
        "[breaks]\nmicro_every_minutes = 0\nfocus_minutes = 480\n\
         [agreements]\nmeetings = [{ with = \"<b>R&D</b> <img src=x>\", at = \"mon 10:00\", video = true }]\n",
    )
    .expect("write config.toml");
    let mut watch = Watch::spawn_with(
        tmp.path(),
        &bus.address,
        &[("KOT_NOW", "2026-11-23T09:54:50")],
    );
    let ahead = server.wait_note("the team meeting's heads-up", |g| {
        g.summary.starts_with("At 10:00")
    });
    assert_eq!(
        ahead.summary, "At 10:00: Meeting with &lt;b&gt;R&amp;D&lt;/b&gt; &lt;img src=x&gt;",
        "{ahead:#?}"
    );
    assert!(!ahead.body.contains('<'), "{ahead:#?}");
    let (status, _) = watch.terminate();
    assert_eq!(status.code(), Some(0), "{}", watch.dump());
}
