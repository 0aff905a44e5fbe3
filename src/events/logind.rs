//! The login session's lock state, from logind on the system bus: a session
//! locked for at least a break's length counts as a break taken. Where there is
//! no system bus, no logind or no session (kot run over ssh), nothing happens.

use futures_lite::StreamExt;
use zbus::{MatchRule, MessageStream, OwnedObjectPath, message::Type};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockEvent {
    Locked,
    Unlocked,
}

const LOGIN1: &str = "org.freedesktop.login1";
const MANAGER_PATH: &str = "/org/freedesktop/login1";
const MANAGER: &str = "org.freedesktop.login1.Manager";
const SESSION: &str = "org.freedesktop.login1.Session";
const PROPERTIES: &str = "org.freedesktop.DBus.Properties";

/// `LockedHint` from a PropertiesChanged signal of the session, if it changed.
fn locked_hint(msg: &zbus::Message) -> Option<bool> {
    let body = msg.body();
    let (iface, changed, _): (
        String,
        std::collections::HashMap<String, zbus::Variant<'_>>,
        Vec<String>,
    ) = body.deserialize().ok()?;
    if iface != SESSION {
        return None;
    }
    match changed.get("LockedHint")? {
        zbus::Variant::Bool(b) => Some(*b),
        _ => None,
    }
}

/// Watch this process's session on a thread of its own, calling `events` on
/// every Lock and Unlock. Returns at once.
pub fn watch(events: impl Fn(LockEvent) + Send + 'static) {
    watch_ready(events, |_| {});
}

/// `watch`, also calling `ready` once: with `Ok` when the session's signals
/// are subscribed (a lock from then on is heard), or with why they never will
/// be (no system bus, no logind, no session).
pub fn watch_ready(
    events: impl Fn(LockEvent) + Send + 'static,
    ready: impl FnOnce(Result<(), String>) + Send + 'static,
) {
    std::thread::spawn(move || {
        let mut ready = Some(ready);
        let subscribed = || {
            if let Some(r) = ready.take() {
                r(Ok(()));
            }
        };
        let result = zbus::block_on(listen(events, subscribed));
        if let (Err(e), Some(r)) = (result, ready.take()) {
            r(Err(e.to_string()));
        }
    });
}

async fn listen(events: impl Fn(LockEvent), subscribed: impl FnOnce()) -> zbus::Result<()> {
    let conn = zbus::connection::Builder::system().build().await?;
    let session = our_session(&conn).await?;
    // Lock/Unlock come from `loginctl lock-session`; desktop screen lockers
    // set LockedHint instead, which shows as PropertiesChanged.
    let rule = |iface: &'static str| -> zbus::Result<MatchRule<'static>> {
        Ok(MatchRule::builder()
            .msg_type(Type::Signal)
            .interface(iface)
            .path(session.to_string())
            .build()?
            .to_owned())
    };
    let signals = MessageStream::for_match_rule(rule(SESSION)?, &conn, None).await?;
    let properties = MessageStream::for_match_rule(rule(PROPERTIES)?, &conn, None).await?;
    subscribed();
    let mut stream = signals.or(properties);
    while let Some(msg) = stream.next().await {
        let Ok(msg) = msg else { continue };
        let header = msg.header();
        let interface = header.interface().map(zbus::names::InterfaceName::as_str);
        match (
            interface,
            header.member().map(zbus::names::MemberName::as_str),
        ) {
            (Some(SESSION), Some("Lock")) => events(LockEvent::Locked),
            (Some(SESSION), Some("Unlock")) => events(LockEvent::Unlocked),
            (Some(PROPERTIES), Some("PropertiesChanged")) => {
                if let Some(locked) = locked_hint(&msg) {
                    events(if locked {
                        LockEvent::Locked
                    } else {
                        LockEvent::Unlocked
                    });
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// The session this process runs in: by pid, else by `XDG_SESSION_ID`.
async fn our_session(conn: &zbus::Connection) -> zbus::Result<OwnedObjectPath> {
    let pid = std::process::id();
    let by_pid = conn
        .call_method(
            Some(LOGIN1),
            MANAGER_PATH,
            Some(MANAGER),
            "GetSessionByPID",
            &(pid,),
        )
        .await;
    let reply = match by_pid {
        Ok(r) => r,
        Err(e) => {
            let id = std::env::var("XDG_SESSION_ID").map_err(|_| e)?;
            conn.call_method(
                Some(LOGIN1),
                MANAGER_PATH,
                Some(MANAGER),
                "GetSession",
                &(id,),
            )
            .await?
        }
    };
    reply.body().deserialize::<OwnedObjectPath>()
}
