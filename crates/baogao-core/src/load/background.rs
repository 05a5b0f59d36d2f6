//! Loading in the background, so a UI can draw its first frame at once and show progress.
//!
//! [`spawn`] starts worker threads that read and parse the inputs, and returns a [`LoadHandle`]
//! whose channel yields [`LoadEvent`]s: every input's reports ([`LoadEvent::Loaded`]) or error
//! ([`LoadEvent::Failed`]) **in input order** (a collector thread puts them back in order, so
//! lists do not jump about), a [`LoadEvent::Progress`] after each input, and [`LoadEvent::Done`]
//! last. Dropping the handle cancels: workers stop before their next file.
//!
//! Per-report work that would otherwise fall on the UI thread (indicator extraction, say) can
//! run on the workers too: [`spawn_paths_with`] maps each report before sending it.

use super::{expand, load_bytes_with, read_input, Input, LoadOptions};
use crate::error::LoadError;
use crate::report::Report;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, TryIter};
use std::sync::Arc;
use std::thread::JoinHandle;

/// What the background loader reports. `T` is what each report becomes: the boxed report
/// itself, or what the function given to [`spawn_paths_with`] makes of it.
#[derive(Debug)]
pub enum LoadEvent<T = Box<Report>> {
    /// A report is ready (a CSV file may give several, one event each).
    Loaded(T),
    /// An input could not be loaded; the error names it.
    Failed(LoadError),
    /// Sent after each input, with running totals.
    Progress {
        files_done: usize,
        files_total: usize,
        /// Bytes read so far (file sizes).
        bytes_done: u64,
        /// Inputs (or CSV rows) that failed so far.
        errors: usize,
    },
    /// Everything is loaded; no more events follow.
    Done,
}

#[derive(Debug, Clone, Default)]
pub struct BackgroundOptions {
    pub load: LoadOptions,
    /// Worker threads; `None`: one less than the CPUs (at least one), leaving one for the UI.
    pub threads: Option<usize>,
}

/// A running background load. Drop it (or call [`LoadHandle::cancel`]) to stop.
pub struct LoadHandle<T = Box<Report>> {
    /// The events, in order. Use [`LoadHandle::drain`] from a UI loop.
    pub events: Receiver<LoadEvent<T>>,
    cancel: Arc<AtomicBool>,
    done: Arc<AtomicUsize>,
    collector: Option<JoinHandle<()>>,
}

impl<T> LoadHandle<T> {
    /// Every event available now, without blocking.
    pub fn drain(&self) -> TryIter<'_, LoadEvent<T>> {
        self.events.try_iter()
    }

    /// Stop loading and wait for the threads to finish their current file. Returns how many
    /// inputs were completely loaded.
    pub fn cancel(mut self) -> usize {
        self.cancel.store(true, Ordering::SeqCst);
        if let Some(c) = self.collector.take() {
            let _ = c.join();
        }
        self.done.load(Ordering::SeqCst)
    }
}

impl<T> Drop for LoadHandle<T> {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::SeqCst);
    }
}

/// One input's outcome, from a worker to the collector.
struct Outcome<T> {
    index: usize,
    bytes: u64,
    results: Vec<Result<T, LoadError>>,
}

/// Hands one input's outcome to the collector: its byte count and its reports (or errors).
/// Returns `false` once nobody listens (the worker then stops).
pub type Emit<'a, T> = dyn FnMut(u64, Vec<Result<T, LoadError>>) -> bool + 'a;

/// The pool behind [`spawn`], for loaders that do more per input (the TUI consults its cache):
/// `per_input` runs on `threads` workers, each started with `on_start`, and gives each input's
/// outcome to its [`Emit`] (it may go on working after that, say to queue a cache write). The
/// outcomes go to `sink` **in input order**, on the calling thread, each followed by a
/// [`LoadEvent::Progress`]; `sink` returns `false` once nobody listens (loading then stops).
/// `done` (if given) counts the inputs given. Returns once the workers have stopped, with
/// whether every input was given; the caller then sends [`LoadEvent::Done`] when it is ready.
///
/// The caller's thread orders the outcomes and runs `sink` itself: a thread of its own between
/// the workers and the caller woke once per file and once per report, and on two cores those
/// context switches were a sixth of a warm start's CPU time.
pub fn run_ordered<T, F, S>(
    inputs: Vec<Input>,
    threads: usize,
    on_start: fn(),
    per_input: F,
    mut sink: S,
    cancel: &Arc<AtomicBool>,
    done: Option<&AtomicUsize>,
) -> bool
where
    T: Send + 'static,
    F: Fn(&Input, &mut Emit<'_, T>) + Send + Sync + 'static,
    S: FnMut(LoadEvent<T>) -> bool,
{
    let total = inputs.len();
    let inputs = Arc::new(inputs);
    let next = Arc::new(AtomicUsize::new(0));
    // The workers stop when the caller cancels, or on their own flag when the collector ends.
    let stop = Arc::new(AtomicBool::new(false));
    let per_input = Arc::new(per_input);
    let (otx, orx) = mpsc::channel::<Outcome<T>>();
    let workers: Vec<JoinHandle<()>> = (0..threads.max(1).min(total.max(1)))
        .filter_map(|i| {
            let (inputs, next, otx, flags, per_input) = (
                inputs.clone(),
                next.clone(),
                otx.clone(),
                [stop.clone(), cancel.clone()],
                per_input.clone(),
            );
            std::thread::Builder::new()
                .name(format!("baogao-load-{i}"))
                .spawn(move || {
                    on_start();
                    work(&inputs, &next, &*per_input, &otx, &flags)
                })
                .ok()
        })
        .collect();
    drop((otx, per_input));
    let mut pending: BTreeMap<usize, Outcome<T>> = BTreeMap::new();
    let (mut files_done, mut bytes_done, mut errors) = (0, 0u64, 0);
    // Outcomes arrive in any order; release them in input order.
    'recv: for outcome in orx.iter() {
        if cancel.load(Ordering::SeqCst) {
            break;
        }
        pending.insert(outcome.index, outcome);
        while let Some(o) = pending.remove(&files_done) {
            files_done += 1;
            bytes_done += o.bytes;
            for r in o.results {
                let event = match r {
                    Ok(report) => LoadEvent::Loaded(report),
                    Err(e) => {
                        errors += 1;
                        LoadEvent::Failed(e)
                    }
                };
                if !sink(event) {
                    break 'recv;
                }
            }
            if let Some(d) = done {
                d.store(files_done, Ordering::SeqCst);
            }
            let progress = LoadEvent::Progress {
                files_done,
                files_total: total,
                bytes_done,
                errors,
            };
            if !sink(progress) {
                break 'recv;
            }
        }
    }
    // The receiver is gone, loading was cancelled or the work is over: make sure the workers
    // stop, then finish.
    let finished = files_done == total && !cancel.load(Ordering::SeqCst);
    stop.store(true, Ordering::SeqCst);
    drop(orx);
    for w in workers {
        let _ = w.join();
    }
    finished
}

/// Runs on a worker thread: takes the next input until none are left or a flag stops it.
fn work<T, F>(
    inputs: &[Input],
    next: &AtomicUsize,
    per_input: &F,
    out: &Sender<Outcome<T>>,
    stop: &[Arc<AtomicBool>],
) where
    F: Fn(&Input, &mut Emit<'_, T>),
{
    while !stop.iter().any(|f| f.load(Ordering::SeqCst)) {
        let index = next.fetch_add(1, Ordering::SeqCst);
        let Some(input) = inputs.get(index) else {
            return;
        };
        let mut listened = true;
        per_input(input, &mut |bytes, results| {
            listened = out
                .send(Outcome {
                    index,
                    bytes,
                    results,
                })
                .is_ok();
            listened
        });
        if !listened {
            return;
        }
    }
}

/// Load `inputs` on background threads; see the module doc.
pub fn spawn(inputs: Vec<Input>, opts: BackgroundOptions) -> LoadHandle {
    start(move || inputs, opts, Box::new)
}

/// Like [`spawn`], but the paths (files, directories, `-`) are expanded on the background
/// thread too, so a big directory tree does not delay the first frame.
pub fn spawn_paths(paths: Vec<String>, opts: BackgroundOptions) -> LoadHandle {
    start(move || expand(&paths), opts, Box::new)
}

/// Like [`spawn_paths`], with `map` applied to each report on the worker threads, e.g.
/// `|r| { let rows = indicators::extract(&r); Box::new((r, rows)) }`.
pub fn spawn_paths_with<T, F>(paths: Vec<String>, opts: BackgroundOptions, map: F) -> LoadHandle<T>
where
    T: Send + 'static,
    F: Fn(Report) -> T + Send + Sync + 'static,
{
    start(move || expand(&paths), opts, map)
}

fn start<T, F>(
    inputs: impl FnOnce() -> Vec<Input> + Send + 'static,
    opts: BackgroundOptions,
    map: F,
) -> LoadHandle<T>
where
    T: Send + 'static,
    F: Fn(Report) -> T + Send + Sync + 'static,
{
    let (tx, rx) = mpsc::channel();
    let cancel = Arc::new(AtomicBool::new(false));
    let done = Arc::new(AtomicUsize::new(0));
    let threads = opts.threads.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, |n| n.get().saturating_sub(1))
    });
    let collector = {
        let (cancel, done) = (cancel.clone(), done.clone());
        std::thread::Builder::new()
            .name("baogao-load".into())
            .spawn(move || {
                let map = Arc::new(map);
                collect(inputs(), opts.load, threads.max(1), map, tx, cancel, done)
            })
            .ok()
    };
    LoadHandle {
        events: rx,
        cancel,
        done,
        collector,
    }
}

/// Runs on the collector thread: the pool, loading each input and mapping its reports.
fn collect<T, F>(
    inputs: Vec<Input>,
    load: LoadOptions,
    threads: usize,
    map: Arc<F>,
    tx: Sender<LoadEvent<T>>,
    cancel: Arc<AtomicBool>,
    done: Arc<AtomicUsize>,
) where
    T: Send + 'static,
    F: Fn(Report) -> T + Send + Sync + 'static,
{
    let per_input = move |input: &Input, emit: &mut Emit<'_, T>| {
        let (bytes, results) = match read_input(input, &load) {
            Ok(b) => {
                let results = load_bytes_with(input.name(), &b, &load);
                (
                    b.len() as u64,
                    results.into_iter().map(|r| r.map(&*map)).collect(),
                )
            }
            Err(e) => (0, vec![Err(e)]),
        };
        emit(bytes, results);
    };
    let sink = |e| tx.send(e).is_ok();
    if run_ordered(
        inputs,
        threads,
        || {},
        per_input,
        sink,
        &cancel,
        Some(&done),
    ) {
        let _ = tx.send(LoadEvent::Done);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;
    use std::time::Duration;

    const GOOD: &str = "政府工作报告\n\n各位代表：\n\n一、2023年工作回顾\n\n　　全年实现地区生产总值１２.５亿元，增长６％。\n";

    fn file(dir: &Path, name: &str, bytes: &[u8]) -> Input {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        Input::File(p.to_string_lossy().into_owned())
    }

    fn all_events(h: &LoadHandle) -> Vec<LoadEvent> {
        let mut out = Vec::new();
        while let Ok(e) = h.events.recv_timeout(Duration::from_secs(20)) {
            let done = matches!(e, LoadEvent::Done);
            out.push(e);
            if done {
                break;
            }
        }
        out
    }

    #[test]
    fn good_empty_binary_and_missing_files() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let inputs = vec![
            file(d, "good.txt", GOOD.as_bytes()),
            file(d, "empty.txt", b""),
            file(
                d,
                "binary.txt",
                &[0u8, 159, 146, 150, 0, 1, 2, 3, 0, 0, 255, 254].repeat(50),
            ),
            Input::File(d.join("missing.txt").to_string_lossy().into_owned()),
        ];
        let h = spawn(inputs, BackgroundOptions::default());
        let events = all_events(&h);
        assert!(matches!(events.last(), Some(LoadEvent::Done)));
        let loaded: Vec<&Report> = events
            .iter()
            .filter_map(|e| match e {
                LoadEvent::Loaded(r) => Some(&**r),
                _ => None,
            })
            .collect();
        assert_eq!(loaded.len(), 1);
        assert!(loaded[0].source.ends_with("good.txt"));
        assert!(loaded[0].text.contains("地区生产总值"));
        let failed: Vec<String> = events
            .iter()
            .filter_map(|e| match e {
                LoadEvent::Failed(err) => Some(
                    err.path()
                        .file_name()
                        .unwrap()
                        .to_string_lossy()
                        .into_owned(),
                ),
                _ => None,
            })
            .collect();
        // In input order, each naming its file.
        assert_eq!(failed, ["empty.txt", "binary.txt", "missing.txt"]);
        let progress: Vec<(usize, usize, u64, usize)> = events
            .iter()
            .filter_map(|e| match *e {
                LoadEvent::Progress {
                    files_done,
                    files_total,
                    bytes_done,
                    errors,
                } => Some((files_done, files_total, bytes_done, errors)),
                _ => None,
            })
            .collect();
        assert_eq!(progress.len(), 4);
        assert_eq!(progress[0], (1, 4, GOOD.len() as u64, 0));
        assert_eq!(progress[3], (4, 4, GOOD.len() as u64 + 600, 3));
    }

    #[test]
    fn reports_arrive_in_input_order_whatever_the_threads() {
        let dir = tempfile::tempdir().unwrap();
        let inputs: Vec<Input> = (0..40)
            .map(|i| {
                // Vary the sizes so workers finish out of order.
                let body = format!("　　第{i}份报告。一般公共预算收入{i}万元。\n")
                    .repeat(1 + (40 - i) * 20);
                file(
                    dir.path(),
                    &format!("r{i:02}.txt"),
                    format!("政府工作报告\n{body}").as_bytes(),
                )
            })
            .collect();
        let names: Vec<String> = inputs.iter().map(|i| i.name().to_string()).collect();
        let h = spawn(
            inputs,
            BackgroundOptions {
                threads: Some(4),
                ..Default::default()
            },
        );
        let got: Vec<String> = all_events(&h)
            .into_iter()
            .filter_map(|e| match e {
                LoadEvent::Loaded(r) => Some(r.source),
                _ => None,
            })
            .collect();
        assert_eq!(got, names);
    }

    #[test]
    fn spawn_paths_with_maps_on_the_workers() {
        let dir = tempfile::tempdir().unwrap();
        file(dir.path(), "a.txt", GOOD.as_bytes());
        file(dir.path(), "b.txt", b"");
        let h = spawn_paths_with(
            vec![dir.path().to_string_lossy().into_owned()],
            BackgroundOptions::default(),
            |r: Report| {
                let worker = std::thread::current().name().unwrap_or("").to_string();
                (r.paragraphs.len(), worker)
            },
        );
        let mut loaded = Vec::new();
        let mut failed = 0;
        for e in h.events.iter() {
            match e {
                LoadEvent::Loaded(x) => loaded.push(x),
                LoadEvent::Failed(_) => failed += 1,
                LoadEvent::Done => break,
                LoadEvent::Progress { .. } => {}
            }
        }
        assert_eq!(failed, 1);
        assert_eq!(loaded.len(), 1);
        assert_eq!(loaded[0].0, spawn_one_paragraph_count());
        assert!(loaded[0].1.starts_with("baogao-load-"), "{:?}", loaded[0].1);
    }

    fn spawn_one_paragraph_count() -> usize {
        crate::load::from_text("x", GOOD, "UTF-8").paragraphs.len()
    }

    #[test]
    fn empty_input_list_is_done_at_once() {
        let h = spawn(Vec::new(), BackgroundOptions::default());
        let events = all_events(&h);
        assert_eq!(events.len(), 1);
        assert!(matches!(events[0], LoadEvent::Done));
    }

    #[test]
    fn spawn_paths_walks_directories_in_the_background() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        file(dir.path(), "a.txt", GOOD.as_bytes());
        file(&dir.path().join("sub"), "b.txt", GOOD.as_bytes());
        file(dir.path(), "notes.bin", b"ignored");
        let h = spawn_paths(
            vec![dir.path().to_string_lossy().into_owned()],
            BackgroundOptions::default(),
        );
        let loaded = all_events(&h)
            .iter()
            .filter(|e| matches!(e, LoadEvent::Loaded(_)))
            .count();
        assert_eq!(loaded, 2);
    }

    /// `n` large reports in `dir`, loaded by one worker (slow enough to stop midway).
    fn big_pile_on_one_thread(dir: &std::path::Path, n: usize) -> LoadHandle {
        let body = GOOD.repeat(200);
        let inputs: Vec<Input> = (0..n)
            .map(|i| file(dir, &format!("r{i:03}.txt"), body.as_bytes()))
            .collect();
        spawn(
            inputs,
            BackgroundOptions {
                threads: Some(1),
                ..Default::default()
            },
        )
    }

    #[test]
    fn cancel_stops_before_the_end() {
        let dir = tempfile::tempdir().unwrap();
        let h = big_pile_on_one_thread(dir.path(), 400);
        // Wait for the first report, then stop.
        let first = h.events.recv_timeout(Duration::from_secs(20)).unwrap();
        assert!(matches!(first, LoadEvent::Loaded(_)));
        let loaded = h.cancel();
        assert!(loaded < 400, "loaded {loaded} of 400 after cancel");
    }

    /// A sink that stops listening stops the pool: `run_ordered` returns `false` (not every
    /// input given) and the workers take no more inputs once they notice.
    #[test]
    fn a_sink_that_stops_listening_stops_the_workers() {
        let inputs: Vec<Input> = (0..400).map(|i| Input::File(format!("{i}.txt"))).collect();
        let started = Arc::new(AtomicUsize::new(0));
        let counted = started.clone();
        let per_input = move |_: &Input, emit: &mut Emit<'_, u32>| {
            counted.fetch_add(1, Ordering::SeqCst);
            std::thread::sleep(Duration::from_millis(2));
            emit(1, vec![Ok(7)]);
        };
        let mut given = Vec::new();
        let sink = |e: LoadEvent<u32>| {
            given.push(matches!(e, LoadEvent::Loaded(7)));
            false
        };
        let cancel = Arc::new(AtomicBool::new(false));
        let all = run_ordered(inputs, 2, || {}, per_input, sink, &cancel, None);
        assert!(!all);
        // Only the first report reached the sink; the workers stopped long before the end.
        assert_eq!(given, vec![true]);
        let n = started.load(Ordering::SeqCst);
        assert!(
            n < 200,
            "{n} of 400 inputs started after the sink stopped listening"
        );
    }

    #[test]
    fn dropping_the_handle_stops_the_workers() {
        let dir = tempfile::tempdir().unwrap();
        let h = big_pile_on_one_thread(dir.path(), 200);
        let done = h.done.clone();
        let _ = h.events.recv_timeout(Duration::from_secs(20));
        drop(h);
        std::thread::sleep(Duration::from_millis(300));
        let after_drop = done.load(Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(300));
        // Nothing more is loaded once the workers have noticed.
        assert_eq!(done.load(Ordering::SeqCst), after_drop);
        assert!(after_drop < 200);
    }
}
