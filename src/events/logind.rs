//! The login session's lock state, from logind on the system bus: a session
//! locked for at least a break's length counts as a break taken. Where there is
//! no system bus, no logind or no session (kot run over ssh), nothing happens.

use ordered_stream::{OrderedStream, OrderedStreamExt, join};
use zbus::fdo::PropertiesProxy;
use zbus::proxy::CacheProperties;
use zbus::{OwnedObjectPath, proxy};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockEvent {
    Locked,
    Unlocked,
}

const LOGIN1: &str = "org.freedesktop.login1";
const SESSION: &str = "org.freedesktop.login1.Session";

#[proxy(
    interface = "org.freedesktop.login1.Manager",
    default_service = "org.freedesktop.login1",
    default_path = "/org/freedesktop/login1"
)]
trait Manager {
    #[zbus(name = "GetSessionByPID")]
    fn get_session_by_pid(&self, pid: u32) -> zbus::Result<OwnedObjectPath>;

    fn get_session(&self, session_id: &str) -> zbus::Result<OwnedObjectPath>;
}

#[proxy(
    interface = "org.freedesktop.login1.Session",
    default_service = "org.freedesktop.login1"
)]
trait Session {
    /// From `loginctl lock-session`.
    #[zbus(signal)]
    fn lock(&self) -> zbus::Result<()>;

    #[zbus(signal)]
    fn unlock(&self) -> zbus::Result<()>;
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
    // Here, not at the top: its `map` would clash with the ordered streams'.
    use futures_lite::StreamExt;
    let conn = zbus::connection::Builder::system().build().await?;
    let session = our_session(&conn).await?;
    let mut stream = lock_events(&conn, session).await?.into_stream();
    subscribed();
    while let Some(event) = stream.next().await {
        if let Some(event) = event {
            events(event);
        }
    }
    Ok(())
}

/// The session's lock changes, in the order logind sent them: Lock/Unlock come
/// from `loginctl lock-session`, desktop screen lockers set LockedHint instead.
/// `None` for a PropertiesChanged that does not touch LockedHint.
async fn lock_events(
    conn: &zbus::Connection,
    session: OwnedObjectPath,
) -> zbus::Result<impl OrderedStream<Data = Option<LockEvent>> + use<>> {
    // No property cache: it would read all of the session's properties
    // up front, and only the LockedHint signal is needed.
    let signals = SessionProxy::builder(conn)
        .path(session.clone())
        .cache_properties(CacheProperties::No)
        .build()
        .await?;
    let properties = PropertiesProxy::builder(conn)
        .destination(LOGIN1)
        .path(session)
        .cache_properties(CacheProperties::No)
        .build()
        .await?;
    let locks = signals
        .receive_lock()
        .await?
        .map(|_| Some(LockEvent::Locked));
    let unlocks = signals
        .receive_unlock()
        .await?
        .map(|_| Some(LockEvent::Unlocked));
    // arg0 is the interface whose properties changed.
    let hints = properties
        .receive_properties_changed_with_args(&[(0, SESSION)])
        .await?
        .map(|signal| locked_hint(&signal));
    Ok(join(join(locks, unlocks), hints))
}

/// `LockedHint` from a PropertiesChanged signal of the session, if it changed.
fn locked_hint(signal: &zbus::fdo::PropertiesChanged) -> Option<LockEvent> {
    let args = signal.args().ok()?;
    match args.changed_properties().get("LockedHint")? {
        zbus::Variant::Bool(true) => Some(LockEvent::Locked),
        zbus::Variant::Bool(false) => Some(LockEvent::Unlocked),
        _ => None,
    }
}

/// The session this process runs in: by pid, else by `XDG_SESSION_ID`.
async fn our_session(conn: &zbus::Connection) -> zbus::Result<OwnedObjectPath> {
    let manager = ManagerProxy::builder(conn)
        .cache_properties(CacheProperties::No)
        .build()
        .await?;
    match manager.get_session_by_pid(std::process::id()).await {
        Ok(path) => Ok(path),
        Err(e) => {
            let id = std::env::var("XDG_SESSION_ID").map_err(|_| e)?;
            manager.get_session(&id).await
        }
    }
}
