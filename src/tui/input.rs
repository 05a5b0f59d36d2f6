//! Terminal input on a thread of its own. crossterm's reader spins for ever once the terminal
//! hangs up (its reads return end-of-file and it tries again), so the UI thread never calls it:
//! it waits on a channel with a timeout, and stays free to notice the hang-up, save the state and
//! leave.

use crossterm::event::{self, Event};
use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

pub struct Input {
    /// Terminal events; `None` is a wake-up from another thread (see [`Input::waker`]).
    events: Receiver<Option<io::Result<Event>>>,
    wake: Sender<Option<io::Result<Event>>>,
    /// Held by the reader while it reads; taken by the UI to lend the terminal to a pager.
    gate: Arc<Mutex<()>>,
    /// Asks the reader to stop taking the gate (a std mutex is not fair).
    paused: Arc<AtomicBool>,
    /// Ends the reader (on drop): once the session is over, a terminal that hangs up while the
    /// process finishes must not keep it spinning on a core.
    stop: Arc<AtomicBool>,
}

/// While held, nothing reads the terminal's input (a pager has it).
pub struct Paused<'a> {
    _gate: MutexGuard<'a, ()>,
    paused: &'a AtomicBool,
}

impl Drop for Paused<'_> {
    fn drop(&mut self) {
        self.paused.store(false, Ordering::SeqCst);
    }
}

impl Drop for Input {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

impl Input {
    pub fn start() -> Input {
        let (tx, events) = mpsc::channel();
        let wake = tx.clone();
        let gate = Arc::new(Mutex::new(()));
        let paused = Arc::new(AtomicBool::new(false));
        let stop = Arc::new(AtomicBool::new(false));
        let (g, p, end) = (gate.clone(), paused.clone(), stop.clone());
        let reader = move || loop {
            if end.load(Ordering::SeqCst) {
                break;
            }
            if p.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(10));
                continue;
            }
            let got = {
                let _held = g.lock().unwrap_or_else(|e| e.into_inner());
                match event::poll(Duration::from_millis(50)) {
                    Ok(true) => Some(event::read()),
                    Ok(false) => None,
                    Err(e) => Some(Err(e)),
                }
            };
            if let Some(ev) = got {
                let failed = ev.is_err();
                if tx.send(Some(ev)).is_err() || failed {
                    break;
                }
            }
        };
        // Without the thread there is no input: the UI notices the closed channel.
        let _ = std::thread::Builder::new()
            .name("baogao-input".into())
            .spawn(reader);
        Input {
            events,
            wake,
            gate,
            paused,
            stop,
        }
    }

    /// Everything that arrives within `timeout` (waiting for the first event only): one burst.
    /// An input error ends the burst with that error. A wake-up ends the wait too (the burst
    /// may then be empty).
    pub fn burst(&self, timeout: Duration) -> io::Result<Vec<Event>> {
        let mut out = Vec::new();
        match self.events.recv_timeout(timeout) {
            Ok(ev) => out.extend(ev.transpose()?),
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return Ok(out),
        }
        while let Ok(ev) = self.events.try_recv() {
            out.extend(ev.transpose()?);
        }
        Ok(out)
    }

    /// A function that ends the current wait for input (another thread has news for the loop).
    pub fn waker(&self) -> impl Fn() + Send + 'static {
        let tx = self.wake.clone();
        move || {
            let _ = tx.send(None);
        }
    }

    /// Stop reading the terminal until the guard is dropped (for a program that reads it).
    pub fn pause(&self) -> Paused<'_> {
        self.paused.store(true, Ordering::SeqCst);
        Paused {
            _gate: self.gate.lock().unwrap_or_else(|e| e.into_inner()),
            paused: &self.paused,
        }
    }
}
