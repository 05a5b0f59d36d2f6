//! A query running on a worker thread, so a UI never waits for a search: start a [`SearchJob`]
//! per burst of keystrokes, poll it each frame, and drop it when a newer query comes (dropping
//! cancels it and waits the few microseconds until the worker notices).
//!
//! The index is shared as an `Arc<SearchIndex>`. To add reports while loading, finish or drop
//! the running job first, then `Arc::get_mut` (or `Arc::make_mut`) the index: a job holds its
//! clone of the `Arc` only while it runs.
//!
//! ```
//! use baogao_core::search::{background::SearchJob, Query, SearchIndex};
//! use std::sync::Arc;
//! let r = baogao_core::load::from_text("a.txt", "乡村振兴。\n产业发展。", "UTF-8");
//! let index = Arc::new(SearchIndex::new(std::slice::from_ref(&r)));
//! let job = SearchJob::start(index.clone(), Query::parse("产业", false).unwrap(), None);
//! let results = job.wait().expect("not cancelled");
//! assert_eq!(results.iter().collect::<Vec<_>>(), vec![(0, 1)]);
//! ```

use super::{Query, Results, SearchIndex};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::sync::Arc;
use std::thread::JoinHandle;

/// A search on its own thread.
pub struct SearchJob {
    cancel: Arc<AtomicBool>,
    rx: Receiver<Results>,
    thread: Option<JoinHandle<()>>,
}

/// What [`SearchJob::poll`] finds.
#[derive(Debug)]
pub enum Poll {
    /// Still running.
    Pending,
    Ready(Results),
    /// The worker ended without an answer (it was cancelled, or it panicked).
    Gone,
}

impl SearchJob {
    /// Start `query` over `index`; with `previous` (the results of an earlier query on the same
    /// index), a narrowing query checks only those ([`SearchIndex::refine`]).
    pub fn start(index: Arc<SearchIndex>, query: Query, previous: Option<Arc<Results>>) -> Self {
        let cancel = Arc::new(AtomicBool::new(false));
        let (tx, rx) = mpsc::channel();
        let flag = cancel.clone();
        let thread = std::thread::Builder::new()
            .name("baogao-search".into())
            .spawn(move || {
                let found = match &previous {
                    Some(p) => index.refine_cancellable(p, &query, &flag),
                    None => index.run_cancellable(&query, &flag),
                };
                drop(index);
                if let Some(r) = found {
                    let _ = tx.send(r);
                }
            })
            .ok();
        SearchJob { cancel, rx, thread }
    }

    /// The results if the search has finished (without blocking).
    pub fn poll(&mut self) -> Poll {
        match self.rx.try_recv() {
            Ok(r) => {
                self.join();
                Poll::Ready(r)
            }
            Err(TryRecvError::Empty) if self.thread.is_some() => Poll::Pending,
            Err(_) => Poll::Gone,
        }
    }

    /// Block until the results are there (`None`: cancelled or failed).
    pub fn wait(mut self) -> Option<Results> {
        let r = self.rx.recv().ok();
        self.join();
        r
    }

    /// Ask the worker to stop, and wait until it has (it checks often).
    pub fn cancel(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
        self.join();
    }

    fn join(&mut self) {
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for SearchJob {
    fn drop(&mut self) {
        self.stop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cancelled_job_releases_the_index() {
        let text = "发展产业。\n".repeat(2000);
        let r = crate::load::from_text("a.txt", &text, "UTF-8");
        let mut index = Arc::new(SearchIndex::new(std::slice::from_ref(&r)));
        let job = SearchJob::start(
            index.clone(),
            Query::parse("发展产业", false).unwrap(),
            None,
        );
        job.cancel();
        // The worker is gone, so the index can be grown in place.
        let more = crate::load::from_text("b.txt", "产业兴旺。", "UTF-8");
        Arc::get_mut(&mut index).expect("no other owner").add(&more);
        assert_eq!(index.reports(), 2);
    }

    #[test]
    fn polling_gives_the_results_once() {
        let r = crate::load::from_text("a.txt", "乡村振兴。\n产业发展。\n产业园。", "UTF-8");
        let index = Arc::new(SearchIndex::new(std::slice::from_ref(&r)));
        let first = index.run(&Query::parse("产业", false).unwrap());
        let mut job = SearchJob::start(
            index.clone(),
            Query::parse("产业发展", false).unwrap(),
            Some(Arc::new(first)),
        );
        let results = loop {
            match job.poll() {
                Poll::Pending => std::thread::yield_now(),
                Poll::Ready(r) => break r,
                Poll::Gone => panic!("the job ended without results"),
            }
        };
        assert_eq!(results.iter().collect::<Vec<_>>(), vec![(0, 1)]);
        assert!(matches!(job.poll(), Poll::Gone));
    }
}
