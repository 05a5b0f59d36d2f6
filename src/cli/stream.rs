//! A bounded, ordered pipeline for the subcommands that go through many files: worker threads
//! take inputs in turn and the caller's thread gets each result **in input order** as soon as it
//! and all before it are done, so output starts at once and memory holds at most `window`
//! results, whatever the number of inputs.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Condvar, Mutex};

/// Results waiting (being made or printed) at most, per worker thread.
pub const WINDOW_PER_THREAD: usize = 8;

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
    // How many results have been emitted; a worker waits before starting item `i` until
    // `i < emitted + window`.
    let emitted = (Mutex::new(0usize), Condvar::new());
    let (tx, rx) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|s| {
        for _ in 0..threads {
            let tx = tx.clone();
            let (next, stop, emitted, work) = (&next, &stop, &emitted, &work);
            s.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                if i >= items.len() {
                    break;
                }
                {
                    let mut done = emitted.0.lock().unwrap_or_else(|e| e.into_inner());
                    while i >= *done + window && !stop.load(Ordering::SeqCst) {
                        done = emitted.1.wait(done).unwrap_or_else(|e| e.into_inner());
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
        'receive: for (i, r) in rx.iter() {
            pending.insert(i, r);
            while let Some(r) = pending.remove(&want) {
                want += 1;
                if !emit(r) {
                    break 'receive;
                }
                *emitted.0.lock().unwrap_or_else(|e| e.into_inner()) = want;
                emitted.1.notify_all();
            }
        }
        stop.store(true, Ordering::SeqCst);
        emitted.1.notify_all();
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

    #[test]
    fn no_items_is_fine() {
        let items: Vec<u8> = Vec::new();
        ordered(&items, |&b| b, |_| panic!("nothing to emit"));
    }
}
