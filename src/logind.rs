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

/// Watch this process's session on a thread of its own, calling `events` on
/// every Lock and Unlock. Returns at once.
pub fn watch(events: impl Fn(LockEvent) + Send + 'static) {
    std::thread::spawn(move || {
        let _ = zbus::block_on(listen(events));
    });
}

async fn listen(events: impl Fn(LockEvent)) -> zbus::Result<()> {
    let conn = zbus::connection::Builder::system().build().await?;
    let session = our_session(&conn).await?;
    let rule = MatchRule::builder()
        .msg_type(Type::Signal)
        .interface(SESSION)
        .path(session.as_str())
        .build()?;
    let mut stream = MessageStream::for_match_rule(rule, &conn, None).await?;
    while let Some(msg) = stream.next().await {
        let Ok(msg) = msg else { continue };
        match msg.header().member().map(|m| m.as_str()) {
            Some("Lock") => events(LockEvent::Locked),
            Some("Unlock") => events(LockEvent::Unlocked),
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
