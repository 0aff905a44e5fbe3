//! Every harness runs kot in one hermetic environment: nothing of the test
//! runner's locale, colours, `KOT_*`, XDG directories or D-Bus buses reaches
//! kot, so a screen locked or a notification daemon running during
//! `cargo test` cannot change a test. The runner's own environment is never
//! changed here (tests run in parallel): a poisoned command stands in for it.
#![allow(clippy::disallowed_methods)] // tests write fixtures plainly and read real time
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod common;
mod dbus;
mod pty;

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;

use common::{NO_BUS, TempKot, exit_within, hermetic, hermetic_pty, wait_timeout, wait_until};
use portable_pty::CommandBuilder;

/// What a leaky test runner's environment would hand a child.
const POISON: &[(&str, &str)] = &[
    ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1000/bus"),
    (
        "DBUS_SYSTEM_BUS_ADDRESS",
        "unix:path=/run/dbus/system_bus_socket",
    ),
    ("DBUS_STARTER_ADDRESS", "unix:path=/run/user/1000/bus"),
    ("LANG", "nl_BE.UTF-8"),
    ("LANGUAGE", "nl"),
    ("LC_ALL", "nl_BE.UTF-8"),
    ("LC_MESSAGES", "nl_BE.UTF-8"),
    ("LC_TIME", "nl_BE.UTF-8"),
    ("NO_COLOR", "1"),
    ("KOT_DIR", "/home/someone/.config/kot"),
    ("KOT_NOW", "2030-01-01T00:00:00"),
    ("KOT_TIME_SCALE", "1000"),
    ("KOT_EPOCH", "0"),
    ("KOT_SOMETHING_NEW", "x"),
    ("XDG_RUNTIME_DIR", "/run/user/1000"),
    ("XDG_CONFIG_HOME", "/home/someone/.config"),
    ("XDG_SESSION_ID", "3"),
    ("HOME", "/home/someone"),
    ("TZ", "America/New_York"),
];

/// The environment a `Command` gives its child: the runner's, changed by the
/// command's own settings.
fn child_env(cmd: &Command) -> BTreeMap<OsString, OsString> {
    let mut env: BTreeMap<OsString, OsString> = std::env::vars_os().collect();
    for (k, v) in cmd.get_envs() {
        match v {
            Some(v) => env.insert(k.to_os_string(), v.to_os_string()),
            None => env.remove(k),
        };
    }
    env
}

/// The environment a `CommandBuilder` gives its child.
fn pty_env(cmd: &CommandBuilder) -> BTreeMap<OsString, OsString> {
    cmd.iter_full_env_as_str()
        .map(|(k, v)| (k.into(), v.into()))
        .collect()
}

/// Check `env` is hermetic: `KOT_*` only as in `kot`, both buses dead, a
/// neutral locale, `HOME` and XDG directories below `scratch`.
#[track_caller]
fn assert_hermetic(env: &BTreeMap<OsString, OsString>, scratch: &Path, kot: &[(&str, &str)]) {
    let text: BTreeMap<String, String> = env
        .iter()
        .map(|(k, v)| {
            (
                k.to_string_lossy().into_owned(),
                v.to_string_lossy().into_owned(),
            )
        })
        .collect();
    let get = |k: &str| text.get(k).map(String::as_str);
    let all = format!("{text:#?}");
    for (k, v) in &text {
        assert!(!k.starts_with("LC_"), "{k}={v} reaches kot\n{all}");
        if k.starts_with("DBUS_") {
            assert_eq!(v, NO_BUS, "{k} reaches kot\n{all}");
        }
        if k.starts_with("XDG_") || k == "HOME" {
            assert!(
                Path::new(v).starts_with(scratch),
                "{k}={v} is not below {}\n{all}",
                scratch.display()
            );
        }
    }
    assert_eq!(get("DBUS_SESSION_BUS_ADDRESS"), Some(NO_BUS), "{all}");
    assert_eq!(get("DBUS_SYSTEM_BUS_ADDRESS"), Some(NO_BUS), "{all}");
    assert_eq!(get("LANG"), Some("C.UTF-8"), "{all}");
    assert_eq!(get("LANGUAGE"), None, "{all}");
    assert_eq!(get("NO_COLOR"), None, "{all}");
    assert_eq!(get("XDG_SESSION_ID"), None, "{all}");
    assert!(get("HOME").is_some(), "{all}");
    let kot_vars: BTreeMap<&str, &str> = text
        .iter()
        .filter(|(k, _)| k.starts_with("KOT_"))
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(kot_vars, kot.iter().copied().collect(), "{all}");
}

#[test]
fn hermetic_drops_what_the_runner_would_pass_on() {
    let scratch = Path::new("/tmp/kot-test-scratch");
    let mut cmd = Command::new("kot");
    cmd.envs(POISON.iter().copied());
    hermetic(&mut cmd, scratch);
    assert_hermetic(&child_env(&cmd), scratch, &[]);
}

#[test]
fn hermetic_pty_drops_what_the_runner_would_pass_on() {
    let scratch = Path::new("/tmp/kot-test-scratch");
    let mut cmd = CommandBuilder::new("kot");
    for (k, v) in POISON {
        cmd.env(k, v);
    }
    hermetic_pty(&mut cmd, scratch);
    assert_hermetic(&pty_env(&cmd), scratch, &[]);
}

/// The harnesses themselves: `TempKot`, `pty::cli` and the pseudo-terminal.
#[test]
fn every_harness_runs_kot_hermetic() {
    let kot = TempKot::new();
    let scratch = kot.root().parent().expect("the temp dir").to_path_buf();
    let root = kot.root().to_string_lossy().into_owned();
    assert_hermetic(
        &child_env(&kot.command()),
        &scratch,
        &[("KOT_DIR", &root), ("KOT_NOW", common::NOW)],
    );

    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    let dir_text = dir.to_string_lossy().into_owned();
    let harness = [("KOT_DIR", dir_text.as_str()), ("KOT_NOW", pty::NOW)];
    let scratch = dir.join("scratch");
    assert_hermetic(
        &child_env(&pty::cli_command(dir, &[], &[], &scratch)),
        &scratch,
        &harness,
    );
    assert_hermetic(
        &pty_env(&pty::pty_command(dir, &[], &[], &scratch)),
        &scratch,
        &harness,
    );
}

/// A test asks for its own bus or `NO_COLOR` after the hermetic environment.
#[test]
fn a_test_may_still_bring_its_own_bus_and_no_color() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    let extra = [
        ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/tmp/the-tests-bus"),
        ("NO_COLOR", "1"),
    ];
    let env = pty_env(&pty::pty_command(dir, &[], &extra, &dir.join("s")));
    assert_eq!(
        env.get(&OsString::from("DBUS_SESSION_BUS_ADDRESS")),
        Some(&OsString::from("unix:path=/tmp/the-tests-bus"))
    );
    assert_eq!(
        env.get(&OsString::from("NO_COLOR")),
        Some(&OsString::from("1"))
    );
}

/// `kot notify test` with a live notification server on the bus the runner's
/// environment names: the hermetic run never reaches it, while the same run
/// given that bus on purpose does (so the test can see a leak).
#[test]
fn a_bus_in_the_runners_environment_is_not_reached() {
    let Some(bus) = dbus::Bus::start() else {
        return;
    };
    let server = dbus::Server::start(&bus, dbus::Setup::default());
    let kot = TempKot::new();
    let scratch = kot.root().parent().expect("the temp dir").to_path_buf();
    let run = |own_bus: bool| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_kot"));
        cmd.env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
            .env("DBUS_SYSTEM_BUS_ADDRESS", &bus.address);
        hermetic(&mut cmd, &scratch)
            .env("KOT_DIR", kot.root())
            .env("KOT_NOW", common::NOW)
            .env("TZ", "Europe/Brussels")
            .args(["notify", "test"])
            .stdin(Stdio::null());
        if own_bus {
            cmd.env("DBUS_SESSION_BUS_ADDRESS", &bus.address);
        }
        cmd.output().expect("run kot notify test")
    };

    let out = run(false);
    assert_eq!(out.status.code(), Some(1), "{}", common::describe(&out));
    assert!(
        common::stderr(&out).contains("not delivered"),
        "{}",
        common::describe(&out)
    );
    let log = server.log();
    assert!(
        log.calls.is_empty(),
        "kot reached the runner's bus: {log:#?}"
    );

    let out = run(true);
    assert!(out.status.success(), "{}", common::describe(&out));
    server.wait_until("the notice sent on purpose", |l| l.notes.len() == 1);
}

/// With no system bus, `kot watch` still says it coaches (without screen-lock
/// detection): it neither reaches the runner's logind nor waits for one.
#[test]
fn watch_without_a_bus_says_it_coaches_without_lock_detection() {
    let kot = TempKot::new();
    let mut child = kot
        .command()
        .arg("watch")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn kot watch");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut seen = Vec::new();
    let started = wait_until(wait_timeout(), "kot watch's started line", || {
        seen.extend(lines.try_iter());
        let line = seen.iter().find(|l| l.starts_with("kot watch: coaching"));
        line.cloned().ok_or_else(|| format!("{seen:#?}"))
    });
    let _ = child.kill();
    let _ = exit_within(&mut child, wait_timeout());
    assert!(
        started.contains("without screen-lock detection"),
        "{started}"
    );
}
