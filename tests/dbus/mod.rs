//! A private D-Bus session bus and a fake `org.freedesktop.Notifications`
//! server on it, served from the test process with zbus. Tests point kot at the
//! bus through `DBUS_SESSION_BUS_ADDRESS` on the child only (never `set_var`).
//!
//! Every wait polls with a deadline (10 s, or `KOT_TEST_WAIT_MS`); no fixed sleeps.
#![allow(dead_code)]

// Each harness carries its own copy, so a test file may include any of them.
#[allow(clippy::duplicate_mod)]
#[path = "../common/harness.rs"]
mod harness;

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use zbus::object_server::SignalEmitter;

pub const NAME: &str = "org.freedesktop.Notifications";
pub const PATH: &str = "/org/freedesktop/Notifications";

/// How long a wait may take before the test fails.
pub fn deadline() -> Duration {
    harness::wait_timeout()
}

/// A `dbus-daemon --session` of the test's own, killed on drop.
pub struct Bus {
    child: Child,
    pub address: String,
}

impl Bus {
    /// Start a private session bus. `None` when `dbus-daemon` cannot be run
    /// and `CI` is unset (the caller skips the test); under `CI` that panics,
    /// so CI cannot quietly skip the notification tests.
    pub fn start() -> Option<Self> {
        let spawned = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn();
        let mut child = match spawned {
            Ok(c) => c,
            Err(e) => {
                let msg = format!(
                    "cannot run dbus-daemon ({e}): install the Debian package `dbus-daemon` \
                     to run the desktop-notification tests"
                );
                if std::env::var_os("CI").is_some() {
                    panic!("{msg}");
                }
                eprintln!("skipped: {msg}");
                return None;
            }
        };
        let mut line = String::new();
        let read = child
            .stdout
            .take()
            .map(|out| BufReader::new(out).read_line(&mut line));
        let address = line.trim().to_string();
        if address.is_empty() {
            let _ = child.kill();
            let _ = child.wait();
            panic!("dbus-daemon printed no address ({read:?})");
        }
        Some(Self { child, address })
    }
}

impl Drop for Bus {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One `Notify` call as the server received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Got {
    pub app_name: String,
    pub replaces_id: u32,
    pub icon: String,
    pub summary: String,
    pub body: String,
    /// Flat key, label, key, label… as on the wire.
    pub actions: Vec<String>,
    pub urgency: Option<u8>,
    pub category: Option<String>,
    pub timeout: i32,
    /// The id the server answered with.
    pub id: u32,
}

impl Got {
    /// The action keys (every other entry of `actions`).
    pub fn action_keys(&self) -> Vec<&str> {
        self.actions.iter().step_by(2).map(String::as_str).collect()
    }

    /// The label offered for action `key`.
    pub fn action_label(&self, key: &str) -> Option<&str> {
        self.actions
            .chunks(2)
            .find(|c| c[0] == key)
            .and_then(|c| c.get(1))
            .map(String::as_str)
    }
}

/// Everything the server saw, in order.
#[derive(Debug, Default, Clone)]
pub struct Log {
    pub notes: Vec<Got>,
    /// Ids passed to `CloseNotification`.
    pub closed: Vec<u32>,
    /// Method names in the order they arrived (including calls left hanging).
    pub calls: Vec<String>,
    next_id: u32,
}

/// Which calls the server leaves unanswered forever.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hang {
    /// Answer everything.
    Nothing,
    /// `Notify` never returns; the rest answers.
    Notify,
    /// No method ever returns (a server that owns the name and is frozen).
    Everything,
}

/// How the fake server presents itself.
#[derive(Debug, Clone)]
pub struct Setup {
    pub name: String,
    pub vendor: String,
    pub version: String,
    pub capabilities: Vec<String>,
    pub hang: Hang,
}

impl Default for Setup {
    fn default() -> Self {
        Self {
            name: "fakenotifyd".into(),
            vendor: "kot tests".into(),
            version: "9.8.7".into(),
            capabilities: vec!["actions".into(), "body".into()],
            hang: Hang::Nothing,
        }
    }
}

impl Setup {
    pub fn hanging(hang: Hang) -> Self {
        Self {
            hang,
            ..Self::default()
        }
    }
}

struct Fake {
    log: Arc<Mutex<Log>>,
    setup: Setup,
}

impl Fake {
    fn note(&self, method: &str) {
        lock(&self.log).calls.push(method.to_string());
    }

    async fn maybe_hang(&self, method: &str) {
        let hang = match self.setup.hang {
            Hang::Nothing => false,
            Hang::Notify => method == "Notify",
            Hang::Everything => true,
        };
        if hang {
            std::future::pending::<()>().await;
        }
    }
}

#[zbus::interface(name = "org.freedesktop.Notifications")]
impl Fake {
    #[allow(clippy::too_many_arguments)]
    async fn notify(
        &self,
        app_name: String,
        replaces_id: u32,
        icon: String,
        summary: String,
        body: String,
        actions: Vec<String>,
        hints: HashMap<String, zbus::OwnedVariant>,
        timeout: i32,
    ) -> u32 {
        self.note("Notify");
        self.maybe_hang("Notify").await;
        let urgency = hints.get("urgency").and_then(|v| u8::try_from(v).ok());
        let category = hints
            .get("category")
            .and_then(|v| <&str>::try_from(v).ok())
            .map(str::to_string);
        let mut log = lock(&self.log);
        // Replacing a notice keeps its id, as real servers do.
        let id = if replaces_id != 0 {
            replaces_id
        } else {
            log.next_id += 1;
            // Far from 0 and 1, so a wrong id stands out.
            1000 + log.next_id
        };
        log.notes.push(Got {
            app_name,
            replaces_id,
            icon,
            summary,
            body,
            actions,
            urgency,
            category,
            timeout,
            id,
        });
        id
    }

    async fn get_capabilities(&self) -> Vec<String> {
        self.note("GetCapabilities");
        self.maybe_hang("GetCapabilities").await;
        self.setup.capabilities.clone()
    }

    async fn get_server_information(&self) -> (String, String, String, String) {
        self.note("GetServerInformation");
        self.maybe_hang("GetServerInformation").await;
        (
            self.setup.name.clone(),
            self.setup.vendor.clone(),
            self.setup.version.clone(),
            "1.2".into(),
        )
    }

    async fn close_notification(
        &self,
        id: u32,
        #[zbus(signal_emitter)] emitter: SignalEmitter<'_>,
    ) -> zbus::fdo::Result<()> {
        self.note("CloseNotification");
        self.maybe_hang("CloseNotification").await;
        lock(&self.log).closed.push(id);
        // Reason 3: closed by a call to CloseNotification.
        Self::notification_closed(&emitter, id, 3).await?;
        Ok(())
    }

    #[zbus(signal)]
    async fn action_invoked(
        emitter: &SignalEmitter<'_>,
        id: u32,
        action_key: &str,
    ) -> zbus::Result<()>;

    #[zbus(signal)]
    async fn notification_closed(
        emitter: &SignalEmitter<'_>,
        id: u32,
        reason: u32,
    ) -> zbus::Result<()>;
}

fn lock(log: &Mutex<Log>) -> MutexGuard<'_, Log> {
    log.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The fake notification server, owning the well-known name on `bus` until dropped.
pub struct Server {
    conn: zbus::Connection,
    log: Arc<Mutex<Log>>,
}

impl Server {
    pub fn start(bus: &Bus, setup: Setup) -> Self {
        let log = Arc::new(Mutex::new(Log::default()));
        let fake = Fake {
            log: log.clone(),
            setup,
        };
        let conn = zbus::block_on(
            zbus::connection::Builder::address(bus.address.as_str())
                .name(NAME)
                .serve_at(PATH, fake)
                .build(),
        )
        .unwrap_or_else(|e| panic!("serve the fake notification server on {}: {e}", bus.address));
        Self { conn, log }
    }

    /// A copy of everything received so far.
    pub fn log(&self) -> Log {
        lock(&self.log).clone()
    }

    pub fn notes(&self) -> Vec<Got> {
        lock(&self.log).notes.clone()
    }

    /// Poll until `ok(log)` holds; panic with the log after the deadline.
    #[track_caller]
    pub fn wait_until(&self, what: &str, ok: impl Fn(&Log) -> bool) -> Log {
        harness::wait_until(deadline(), what, || {
            let log = self.log();
            if ok(&log) {
                Ok(log)
            } else {
                Err(format!("the server got {log:#?}"))
            }
        })
    }

    /// Wait for a notice matching `ok`; returns it.
    #[track_caller]
    pub fn wait_note(&self, what: &str, ok: impl Fn(&Got) -> bool) -> Got {
        let log = self.wait_until(what, |l| l.notes.iter().any(&ok));
        log.notes
            .into_iter()
            .find(|g| ok(g))
            .expect("the notice just seen")
    }

    /// Emit `ActionInvoked(id, key)`, as a server does when the user clicks.
    pub fn invoke_action(&self, id: u32, key: &str) {
        zbus::block_on(async {
            let emitter = SignalEmitter::new(&self.conn, PATH)?;
            Fake::action_invoked(&emitter, id, key).await
        })
        .unwrap_or_else(|e| panic!("emit ActionInvoked({id}, {key:?}): {e}"));
    }
}
