//! A bounded, ordered pipeline for the subcommands that go through many files: worker threads
//! take inputs in turn and the caller's thread gets each result **in input order** as soon as it
//! and all before it are done, so output starts at once and memory holds at most `window`
//! results, whatever the number of inputs.
//!
//! The caller's thread works on inputs too, between emitting results: it blocks only when it may
//! not start another input. A thread that only emitted was woken for every result, two context
//! switches and several futex calls an input — a fifth of the CPU of a search over cached files.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Condvar, Mutex};

/// Results waiting (being made or printed) at most, per worker thread.
pub const WINDOW_PER_THREAD: usize = 8;

/// How far emitting has got, shared with the workers that wait for room in the window.
#[derive(Default)]
struct Progress {
    /// How many results have been emitted.
    emitted: usize,
    /// Workers waiting for the window to move (notified only when there are some).
    waiting: usize,
}

/// Apply `work` to every item on worker threads and give each result to `emit` in item order.
/// `emit` returns `false` to stop (a closed pipe): remaining items are not started.
pub fn ordered<T, R, W, E>(items: &[T], work: W, mut emit: E)
where
    T: Sync,
    R: Send,
    W: Fn(&T) -> R + Sync,
    E: FnMut(R) -> bool,
{
    let threads = rayon::current_num_threads().clamp(1, items.len().max(1));
    let window = threads * WINDOW_PER_THREAD;
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    // A worker waits before starting item `i` until `i < emitted + window`.
    let progress = (Mutex::new(Progress::default()), Condvar::new());
    let (tx, rx) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|s| {
        // The caller's thread is the last of `threads`.
        for _ in 1..threads {
            let tx = tx.clone();
            let (next, stop, progress, work) = (&next, &stop, &progress, &work);
            s.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                if i >= items.len() {
                    break;
                }
                {
                    let mut p = progress.0.lock().unwrap_or_else(|e| e.into_inner());
                    while i >= p.emitted + window && !stop.load(Ordering::SeqCst) {
                        p.waiting += 1;
                        p = progress.1.wait(p).unwrap_or_else(|e| e.into_inner());
                        p.waiting -= 1;
                    }
                }
                if stop.load(Ordering::SeqCst) || tx.send((i, work(&items[i]))).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut pending = BTreeMap::new();
        let mut want = 0;
        'run: while want < items.len() {
            let before = want;
            while let Some(r) = pending.remove(&want) {
                want += 1;
                if !emit(r) {
                    break 'run;
                }
            }
            if want != before {
                let mut p = progress.0.lock().unwrap_or_else(|e| e.into_inner());
                p.emitted = want;
                if p.waiting > 0 {
                    progress.1.notify_all();
                }
            }
            // Start an item when one is left within the window; else wait for a worker's result.
            let i = next.load(Ordering::SeqCst);
            if i < items.len()
                && i < want + window
                && next
                    .compare_exchange(i, i + 1, Ordering::SeqCst, Ordering::SeqCst)
                    .is_ok()
            {
                pending.insert(i, work(&items[i]));
                pending.extend(rx.try_iter());
                continue;
            }
            if i < items.len() && i < want + window {
                // A worker took it first.
                continue;
            }
            match rx.recv() {
                Ok((j, r)) => {
                    pending.insert(j, r);
                }
                // Every worker is done (or gave up).
                Err(_) => break,
            }
        }
        stop.store(true, Ordering::SeqCst);
        drop(progress.0.lock().unwrap_or_else(|e| e.into_inner()));
        progress.1.notify_all();
        // Dropping the receiver makes any worker still sending give up.
        drop(rx);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_input_order() {
        let items: Vec<u64> = (0..500).collect();
        let mut got = Vec::new();
        ordered(
            &items,
            |&i| {
                // Uneven work, so workers finish out of order.
                std::thread::sleep(std::time::Duration::from_micros((i * 7919) % 300));
                i * 2
            },
            |r| {
                got.push(r);
                true
            },
        );
        assert_eq!(got, (0..500).map(|i| i * 2).collect::<Vec<_>>());
    }

    #[test]
    fn stopping_early_starts_no_more_work() {
        let items: Vec<usize> = (0..10_000).collect();
        let started = AtomicUsize::new(0);
        let mut got = 0;
        ordered(
            &items,
            |&i| {
                started.fetch_add(1, Ordering::SeqCst);
                i
            },
            |_| {
                got += 1;
                got < 3
            },
        );
        assert_eq!(got, 3);
        let window = rayon::current_num_threads() * WINDOW_PER_THREAD;
        assert!(started.load(Ordering::SeqCst) <= 3 + window + rayon::current_num_threads());
    }

    /// The caller's thread takes inputs too: a thread that only waited for results was woken
    /// for each of them.
    #[test]
    fn the_callers_thread_works_too() {
        let items: Vec<u64> = (0..200).collect();
        let me = std::thread::current().id();
        let by_caller = AtomicUsize::new(0);
        let mut got = 0;
        ordered(
            &items,
            |&i| {
                if std::thread::current().id() == me {
                    by_caller.fetch_add(1, Ordering::SeqCst);
                }
                std::thread::sleep(std::time::Duration::from_micros(200));
                i
            },
            |r| {
                assert_eq!(r, got);
                got += 1;
                true
            },
        );
        assert_eq!(got, 200);
        assert!(by_caller.load(Ordering::SeqCst) > 0);
    }

    #[test]
    fn no_items_is_fine() {
        let items: Vec<u8> = Vec::new();
        ordered(&items, |&b| b, |_| panic!("nothing to emit"));
    }
}
