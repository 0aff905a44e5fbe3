//! The key reader: a thread that turns terminal events into `Msg`s, and that
//! can be paused while another program (the user's `$EDITOR`) owns the
//! terminal. It never blocks in `event::read`: it polls with a timeout (short
//! for a second after a key, long when idle, as gitui's `Input` does), and
//! between polls it looks at the pause flag. `pause` returns once the reader
//! is parked, so not one byte meant for the editor is read here.

use std::sync::mpsc::Sender;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event, KeyEventKind};

use super::display::SizeCell;
use super::msg::Msg;

/// How long a poll waits right after a key: also the longest a `pause`
/// just after a key (`E`) waits for the reader.
const FAST: Duration = Duration::from_millis(50);
/// How long a poll waits when no key came for a while; a pause then waits
/// at most this long.
const IDLE: Duration = Duration::from_secs(2);
/// How long after a key the reader keeps polling fast.
const FAST_FOR: Duration = Duration::from_secs(2);

#[derive(Default)]
struct State {
    /// The main thread asks the reader to stop reading.
    pause: bool,
    /// The reader stopped and waits for `pause` to clear.
    parked: bool,
}

#[derive(Default)]
struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The handle on the reader thread.
#[derive(Clone)]
pub struct Input {
    shared: Arc<Shared>,
}

impl Input {
    /// Start reading the terminal; events go to `tx`, sizes to `size`.
    #[must_use]
    pub fn spawn(tx: Sender<Msg>, size: SizeCell) -> Self {
        let shared = Arc::new(Shared::default());
        let reader = shared.clone();
        thread::spawn(move || {
            read_loop(&reader, &tx, &size);
            // Gone for good: a pause has nothing to wait for.
            reader.lock().parked = true;
            reader.changed.notify_all();
        });
        Self { shared }
    }

    /// Stop reading the terminal; returns once the reader is parked.
    pub fn pause(&self) {
        let mut s = self.shared.lock();
        s.pause = true;
        while !s.parked {
            s = self
                .shared
                .changed
                .wait(s)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// Read the terminal again.
    pub fn resume(&self) {
        let mut s = self.shared.lock();
        s.pause = false;
        self.shared.changed.notify_all();
    }
}

fn read_loop(shared: &Shared, tx: &Sender<Msg>, size: &SizeCell) {
    let mut last_key = Instant::now();
    loop {
        park_while_paused(shared);
        let timeout = if last_key.elapsed() < FAST_FOR {
            FAST
        } else {
            IDLE
        };
        match event::poll(timeout) {
            Ok(false) => continue,
            // Asked to pause meanwhile: the byte is the editor's, not ours.
            Ok(true) if shared.lock().pause => continue,
            Ok(true) => {}
            Err(_) => {
                let _ = tx.send(Msg::Quit);
                return;
            }
        }
        let msg = match event::read() {
            Ok(Event::Key(k)) if k.kind != KeyEventKind::Release => {
                last_key = Instant::now();
                Msg::Key(k)
            }
            Ok(Event::Paste(s)) => Msg::Paste(s),
            Ok(Event::Resize(cols, rows)) => {
                size.set(cols, rows);
                Msg::Resize
            }
            Ok(_) => continue,
            Err(_) => Msg::Quit,
        };
        let quit = msg == Msg::Quit;
        if tx.send(msg).is_err() || quit {
            return;
        }
    }
}

/// While a pause is asked for: say so and wait for the resume.
fn park_while_paused(shared: &Shared) {
    let mut s = shared.lock();
    if !s.pause {
        return;
    }
    s.parked = true;
    shared.changed.notify_all();
    while s.pause {
        s = shared
            .changed
            .wait(s)
            .unwrap_or_else(PoisonError::into_inner);
    }
    s.parked = false;
}
