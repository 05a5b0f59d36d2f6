//! The TUI's background loading, with the report cache ([`super::cached`]), in two passes over
//! the pile. First the reports: worker threads read each input and serve it from its cache entry
//! when there is a current one, else parse it; the reports go out in input order (the core's
//! [`baogao_core::load::background::run_ordered`]), so a pile is listed and readable as soon as
//! it is parsed (and searchable as the search worker indexes it). Then the figures: each parsed
//! report's indicators and panel rows are extracted (about two thirds of a cold load's work) and
//! sent in the same order, and the parsed files' entries are encoded and handed to a writer
//! thread (a bounded queue); a report the reader opens meanwhile is served first
//! ([`Loading::want`]). Nothing runs on the UI thread. [`Event::Finished`] comes once every
//! entry is written. Dropping the [`Loading`] handle cancels: workers stop before their next file
//! or batch.

use super::cached;
use crate::cache::{Probe, Store};
use baogao_core::indicators::{Indicator, Packed};
use baogao_core::load::background::{run_ordered, Emit, LoadEvent};
use baogao_core::load::{expand, load_bytes_with, Input, LoadOptions, DEFAULT_MAX_SIZE};
use baogao_core::panel::{PackedRows, PanelRow};
use baogao_core::report::Report;
use baogao_core::LoadError;
use rayon::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};
use std::sync::{Arc, Mutex};

/// A report's indicators and panel rows, packed; `None` when the extraction panicked (a bug
/// must not stop loading: the report comes without indicators and the problem is listed).
pub type Figures = Option<(Packed, PackedRows)>;

/// What the loader sends, in this order: every input's reports as [`LoadEvent`]s (in input
/// order, ending with [`LoadEvent::Done`] once every report is in), then each report's
/// [`Event::Figures`] in the same order, then [`Event::Finished`]. Figures the cache holds come
/// at once when no report before them is waiting for its own. A report asked for
/// ([`Loading::want`]) before its turn gets an [`Event::Early`] too, between two batches.
#[derive(Debug)]
pub enum Event {
    Load(LoadEvent<Arc<Report>>),
    Figures(Arc<Report>, Figures),
    /// The indicators of a report asked for ahead of its turn (its [`Event::Figures`] still
    /// comes in order).
    Early(Arc<Report>, Packed),
    /// Every report has its figures and every cache entry is written.
    Finished,
}

/// A running load. Drop it to stop.
pub struct Loading {
    pub events: Receiver<Event>,
    cancel: Arc<AtomicBool>,
    /// The report whose figures are wanted first, until the figures pass takes the request.
    wanted: Wanted,
}

/// A report (one the loader sent) asked for ahead of its turn.
type Wanted = Arc<Mutex<Option<Arc<Report>>>>;

impl Loading {
    /// Ask for the figures of `report` (one this loader sent) ahead of the figures pass's
    /// order: a reader who opens a report deep in a big pile sees its table in a moment, not
    /// when the pass reaches it. The pass looks between two batches and sends an
    /// [`Event::Early`]; only the last report asked for counts.
    pub fn want(&self, report: &Arc<Report>) {
        if let Ok(mut w) = self.wanted.lock() {
            *w = Some(report.clone());
        }
    }
}

impl Drop for Loading {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::SeqCst);
    }
}

/// Lower a loading thread's priority ([`super::priority`]): with every core loading, the UI
/// thread and the search worker must still get a core at once when they wake, or the screen
/// stops redrawing while a big pile loads.
fn yield_to_the_ui() {
    super::priority::lower_this_thread(super::priority::LOADING);
}

/// Load `paths` (expanded on the background thread too) with `cache`, if any.
pub fn spawn(
    paths: Vec<String>,
    load: LoadOptions,
    cache: Option<Store>,
    threads: Option<usize>,
) -> Loading {
    spawn_asked(paths, load, cache, threads, Wanted::default())
}

/// [`spawn`], with the figures pass taking requests from `wanted` (a test holds its lock to
/// hold the pass before its first batch).
fn spawn_asked(
    paths: Vec<String>,
    load: LoadOptions,
    cache: Option<Store>,
    threads: Option<usize>,
    wanted: Wanted,
) -> Loading {
    let (tx, rx) = mpsc::channel();
    let cancel = Arc::new(AtomicBool::new(false));
    let asked = wanted.clone();
    // Every core loads: the UI thread mostly waits for input, and a pile loads faster than a
    // core is freed for it.
    let threads =
        threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let stop = cancel.clone();
    let _ = std::thread::Builder::new()
        .name("baogao-load".into())
        .spawn(move || {
            let inputs = expand(&paths);
            let cache = cache.map(Arc::new);
            collect(inputs, load, cache, threads.max(1), tx, stop, asked);
        });
    Loading {
        events: rx,
        cancel,
        wanted,
    }
}

/// A report as the pool gives it: with its figures when the cache had them. The first report
/// of a parsed file carries the [`Opened`] file, the rest of the file's reports follow it.
struct Arrived {
    report: Arc<Report>,
    figures: Option<(Packed, PackedRows)>,
    file: Option<Opened>,
}

/// A parsed file: how many reports it gave, and the cache entry to write once their figures
/// are out (when the file can be cached).
struct Opened {
    reports: usize,
    entry: Option<(Probe, u128, String)>,
}

/// Work for the figures pass, in report order.
enum Job {
    /// Figures from the cache.
    Ready(Arc<Report>, (Packed, PackedRows)),
    /// A parsed file's reports (and its entry).
    File(Vec<Arc<Report>>, Option<(Probe, u128, String)>),
}

/// Runs on the collector thread. First every report: the core's ordered pool
/// ([`run_ordered`]) reads, parses (or takes from the cache) and sends them, so that a pile is
/// listed and readable as early as the parsing allows. Then the figures: indicator
/// extraction takes about two thirds of a cold load, so it comes second, over the same
/// reports, in order, with each parsed file's cache entry written (by a writer thread, through
/// a bounded queue) once its figures are out.
fn collect(
    inputs: Vec<Input>,
    load: LoadOptions,
    cache: Option<Arc<Store>>,
    threads: usize,
    tx: Sender<Event>,
    cancel: Arc<AtomicBool>,
    wanted: Wanted,
) {
    // Entries to write; a few dozen files' worth at most wait (tens of MB).
    let (wtx, wrx) = mpsc::sync_channel::<Write>(WRITE_QUEUE);
    let writer = cache.clone().and_then(|c| {
        std::thread::Builder::new()
            .name("baogao-cache-write".into())
            .spawn(move || {
                for w in wrx {
                    c.put(&w.probe, w.content, &w.body);
                }
            })
            .ok()
    });
    let writes = writer.is_some().then_some(wtx);
    let store = cache.clone();
    let per_input = move |input: &Input, emit: &mut Emit<'_, Arrived>| {
        let (bytes, results) = load_one(input, &load, store.as_deref());
        emit(bytes, results);
    };
    // Pass the reports on as the pool gives them (in order, on this thread), keeping what
    // the figures pass needs.
    let mut jobs: Vec<Job> = Vec::new();
    let mut filling = 0usize;
    let sink = |ev: LoadEvent<Arrived>| {
        let ev = match ev {
            LoadEvent::Loaded(a) => {
                let report = a.report.clone();
                if let Some(opened) = a.file {
                    filling = opened.reports.saturating_sub(1);
                    jobs.push(Job::File(vec![a.report], opened.entry));
                } else if let (Some(Job::File(reports, _)), true) = (jobs.last_mut(), filling > 0) {
                    filling -= 1;
                    reports.push(a.report);
                } else if let Some(f) = a.figures {
                    if jobs.is_empty() {
                        let _ = tx.send(Event::Load(LoadEvent::Loaded(report.clone())));
                        return tx.send(Event::Figures(report, Some(f))).is_ok();
                    }
                    jobs.push(Job::Ready(a.report, f));
                } else {
                    jobs.push(Job::File(vec![a.report], None));
                }
                LoadEvent::Loaded(report)
            }
            LoadEvent::Failed(e) => LoadEvent::Failed(e),
            LoadEvent::Progress {
                files_done,
                files_total,
                bytes_done,
                errors,
            } => LoadEvent::Progress {
                files_done,
                files_total,
                bytes_done,
                errors,
            },
            LoadEvent::Done => LoadEvent::Done,
        };
        tx.send(Event::Load(ev)).is_ok()
    };
    let finished = run_ordered(
        inputs,
        threads,
        yield_to_the_ui,
        per_input,
        sink,
        &cancel,
        None,
    );
    if finished && tx.send(Event::Load(LoadEvent::Done)).is_ok() {
        figures(jobs, threads, &tx, &cancel, &wanted, writes.as_ref());
    }
    // The senders are gone: the writer ends once the queue is written.
    drop(writes);
    if let Some(w) = writer {
        let _ = w.join();
    }
    if finished && !cancel.load(Ordering::SeqCst) {
        let _ = tx.send(Event::Finished);
    }
    // After the load, so it never delays a report (and sees the entries just written).
    if let Some(c) = cache {
        c.sweep_now_and_then();
    }
}

/// Files whose figures are worked out together (in parallel), then sent in order.
const FIGURES_BATCH: usize = 64;

/// The figures pass: each job's figures, sent in order, and the entries to write.
fn figures(
    jobs: Vec<Job>,
    threads: usize,
    tx: &Sender<Event>,
    cancel: &AtomicBool,
    wanted: &Mutex<Option<Arc<Report>>>,
    writes: Option<&SyncSender<Write>>,
) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("baogao-figures-{i}"))
        .start_handler(|_| yield_to_the_ui())
        .build()
        .ok();
    let work = |j: &Job| match j {
        Job::Ready(..) => None,
        Job::File(reports, entry) => Some(file_figures(reports, entry.as_ref())),
    };
    let mut jobs = jobs.into_iter();
    loop {
        let batch: Vec<Job> = jobs.by_ref().take(FIGURES_BATCH).collect();
        if batch.is_empty() || cancel.load(Ordering::SeqCst) {
            return;
        }
        // A report wanted ahead of its turn, past this batch: its indicators now, here (the
        // collector thread, not niced: a reader waits for them).
        let asked = wanted.lock().ok().and_then(|mut w| w.take());
        if let Some(early) = asked.and_then(|r| early_figures(jobs.as_slice(), &r)) {
            if tx.send(early).is_err() {
                return;
            }
        }
        // Without threads for a pool (a process limit), on this one.
        let worked: Vec<Option<FileFigures>> = match &pool {
            Some(pool) => pool.install(|| batch.par_iter().map(work).collect()),
            None => batch.iter().map(work).collect(),
        };
        for (job, worked) in batch.into_iter().zip(worked) {
            let sent = match (job, worked) {
                (Job::Ready(r, f), _) => vec![(r, Some(f))],
                (Job::File(reports, _), Some((figures, write))) => {
                    if let (Some(writes), Some(w)) = (writes, write) {
                        let _ = writes.send(w);
                    }
                    reports.into_iter().zip(figures).collect()
                }
                (Job::File(..), None) => Vec::new(),
            };
            for (r, f) in sent {
                if tx.send(Event::Figures(r, f)).is_err() {
                    return;
                }
            }
        }
    }
}

/// The indicators of report `asked` when it is in `jobs` (still waiting for its figures): as
/// an [`Event::Early`], unless the extraction fails (its turn then reports it). Figures from
/// the cache are sent as they are.
fn early_figures(jobs: &[Job], asked: &Arc<Report>) -> Option<Event> {
    jobs.iter().find_map(|j| match j {
        Job::Ready(r, (indicators, _)) if Arc::ptr_eq(r, asked) => {
            Some(Event::Early(r.clone(), indicators.clone()))
        }
        Job::Ready(..) => None,
        Job::File(reports, _) => {
            let r = reports.iter().find(|r| Arc::ptr_eq(r, asked))?;
            let (indicators, _) = extract(r)?;
            Some(Event::Early(r.clone(), Packed::new(r, &indicators)))
        }
    })
}

/// Entries waiting for the writer, at most.
const WRITE_QUEUE: usize = 32;

/// An entry to write once the reports it holds have their figures.
struct Write {
    probe: Probe,
    content: u128,
    /// The reports, [`cached::encode`]d and [`cached::pack`]ed. (Packed on the figures pass's
    /// threads: compressing on the one writer thread made it the bottleneck of a first load,
    /// the pass waiting for it more than a second in all at 10,000 reports.)
    body: Vec<u8>,
}

/// A file's reports' figures, and its entry to write when it can be cached.
type FileFigures = (Vec<Figures>, Option<Write>);

/// The figures of a parsed file's reports; with `entry`, the file's cache entry too when every
/// extraction went through (a failure is reported again next time rather than remembered).
fn file_figures(reports: &[Arc<Report>], entry: Option<&(Probe, u128, String)>) -> FileFigures {
    let raw: Vec<_> = reports.iter().map(|r| extract(r)).collect();
    let write =
        entry
            .filter(|_| raw.iter().all(Option::is_some))
            .and_then(|(probe, content, name)| {
                let items: Vec<cached::ToStore> = reports
                    .iter()
                    .zip(&raw)
                    .filter_map(|(r, x)| x.as_ref().map(|(i, p)| (&**r, &i[..], &p[..])))
                    .collect();
                cached::encode(name, &items).map(|raw| Write {
                    probe: probe.clone(),
                    content: *content,
                    body: cached::pack(&raw),
                })
            });
    let figures = reports
        .iter()
        .zip(raw)
        .map(|(r, x)| x.map(|(i, p)| (Packed::new(r, &i), PackedRows::new(r, &p))))
        .collect();
    (figures, write)
}

/// One input: its byte count and its reports (or errors), those from the cache with their
/// figures. A parsed file's first report says how many follow and, when the file loaded whole
/// and can be cached, the entry to write for it.
fn load_one(
    input: &Input,
    load: &LoadOptions,
    cache: Option<&Store>,
) -> (u64, Vec<Result<Arrived, LoadError>>) {
    let name = input.name();
    let hit = |e: crate::cache::Entry| {
        cached::from_entry(name, e.body()).map(|loaded| {
            loaded
                .into_iter()
                .map(|(r, i, p)| {
                    let p = PackedRows::new(&r, &p);
                    Ok(Arrived {
                        report: Arc::new(r),
                        figures: Some((i, p)),
                        file: None,
                    })
                })
                .collect()
        })
    };
    let (bytes, ident) = match crate::cache::lookup(cache, input, load, |e, _| hit(e)) {
        Ok(crate::cache::Lookup::Hit(results, size)) => return (size, results),
        Ok(crate::cache::Lookup::Miss(bytes, ident)) => (bytes, ident),
        Err(e) => return (0, vec![Err(e)]),
    };
    let size = bytes.len() as u64;
    let results = load_bytes_with(name, &bytes, load);
    let ident = ident.map(|i| i.keyed(&bytes));
    drop(bytes);
    // Only a file that loaded whole is cached.
    let whole = results.iter().all(Result::is_ok);
    let reports = results.iter().filter(|r| r.is_ok()).count();
    let mut entry = ident
        .filter(|_| whole)
        .map(|(probe, content)| (probe, content, name.to_string()));
    let mut first = true;
    let results = results
        .into_iter()
        .map(|r| {
            r.map(|r| Arrived {
                report: Arc::new(r),
                figures: None,
                file: std::mem::take(&mut first).then(|| Opened {
                    reports,
                    entry: entry.take(),
                }),
            })
        })
        .collect();
    (size, results)
}

/// A report's indicators and panel rows; a panic in extraction is caught (see [`Figures`]).
fn extract(r: &Report) -> Option<(Vec<Indicator>, Vec<PanelRow>)> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let ind = baogao_core::indicators::extract(r);
        let panel = baogao_core::panel::rows_sharing_text(r, &ind);
        (ind, panel)
    }))
    .ok()
}

/// For `examples/bench_load_cache.rs`: seconds until the loader is done with `paths` (cold with
/// no `cache_dir`, else through a store there; figures and entries included), and the reports
/// it gave; the UI left out.
#[doc(hidden)]
pub fn load_cost(paths: Vec<String>, cache_dir: Option<&std::path::Path>) -> (f64, usize) {
    let start = std::time::Instant::now();
    let cache = cache_dir.and_then(|d| Store::at(d, super::cached::KIND));
    // As the TUI loads.
    let l = spawn(paths, super::load_options(DEFAULT_MAX_SIZE), cache, None);
    let mut n = 0;
    for e in l.events.iter() {
        match e {
            Event::Figures(..) => n += 1,
            Event::Finished => break,
            _ => {}
        }
    }
    (start.elapsed().as_secs_f64(), n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;
    use std::time::Duration;

    const REPORT: &str = "2024年政府工作报告\n\n各位代表：\n\n一、2023年工作回顾\n\n　　全年实现地区生产总值１２.５亿元，增长６％。一般公共预算收入3.2亿元。\n\n二、2024年工作安排\n\n　　今年主要预期目标是：地区生产总值增长5.5%左右。\n";

    /// Everything the loader sends until it has finished.
    fn events(l: &Loading) -> Vec<Event> {
        let mut out = Vec::new();
        while let Ok(e) = l.events.recv_timeout(Duration::from_secs(30)) {
            let done = matches!(e, Event::Finished);
            out.push(e);
            if done {
                break;
            }
        }
        out
    }

    /// What a load gave, whatever the order of its events: the reports, the failures and the
    /// figures, each in order.
    fn gave(ev: &[Event]) -> [Vec<String>; 3] {
        let mut out: [Vec<String>; 3] = Default::default();
        for e in ev {
            match e {
                Event::Load(LoadEvent::Loaded(r)) => out[0].push(format!("{r:?}")),
                Event::Load(LoadEvent::Failed(e)) => out[1].push(e.to_string()),
                Event::Figures(r, f) => out[2].push(format!("{} {f:?}", r.source)),
                _ => {}
            }
        }
        out
    }

    fn entries(dir: &std::path::Path) -> usize {
        std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
            .count()
    }

    #[test]
    fn a_second_load_comes_from_the_cache_and_matches_the_first() {
        let tmp = tempfile::tempdir().unwrap();
        let cache_dir = tmp.path().join("cache");
        let store = || Some(crate::cache::tests::store_in(&cache_dir, 9));
        let files = tmp.path().join("files");
        std::fs::create_dir(&files).unwrap();
        for i in 0..12 {
            std::fs::write(
                files.join(format!("r{i:02}.txt")),
                REPORT.replace("3.2亿元", &format!("{i}.2亿元")),
            )
            .unwrap();
        }
        std::fs::write(files.join("empty.txt"), "").unwrap();
        let paths = vec![files.to_string_lossy().into_owned()];
        let fresh = events(&spawn(paths.clone(), LoadOptions::default(), None, Some(3)));
        assert!(matches!(fresh.last(), Some(Event::Finished)));
        // Parsed, every report comes before any figures.
        let first_figures = fresh.iter().position(|e| matches!(e, Event::Figures(..)));
        let all_in = fresh
            .iter()
            .position(|e| matches!(e, Event::Load(LoadEvent::Done)));
        assert!(all_in.is_some() && all_in < first_figures, "{fresh:?}");
        let first = events(&spawn(
            paths.clone(),
            LoadOptions::default(),
            store(),
            Some(3),
        ));
        // Every good file got an entry (written after it was sent: wait for the workers).
        assert_eq!(entries(&cache_dir), 12);
        let second = events(&spawn(paths, LoadOptions::default(), store(), Some(3)));
        let fresh = gave(&fresh);
        assert_eq!(fresh[0].len(), 12);
        assert_eq!(fresh[2].len(), 12);
        assert!(fresh[2].iter().all(|f| f.contains("Some")));
        assert_eq!(gave(&first), fresh);
        assert_eq!(gave(&second), fresh);
        // From the cache, each report's figures come with it (none is waiting before them).
        let arrivals: Vec<bool> = second
            .iter()
            .filter_map(|e| match e {
                Event::Load(LoadEvent::Loaded(_)) => Some(false),
                Event::Figures(..) => Some(true),
                _ => None,
            })
            .collect();
        assert_eq!(arrivals, [false, true].repeat(12));
    }

    #[test]
    fn a_report_asked_for_gets_its_figures_ahead_of_the_pass() {
        let tmp = tempfile::tempdir().unwrap();
        for i in 0..150 {
            std::fs::write(
                tmp.path().join(format!("r{i:03}.txt")),
                REPORT.replace("3.2亿元", &format!("{i}.2亿元")),
            )
            .unwrap();
        }
        let paths = vec![tmp.path().to_string_lossy().into_owned()];
        // The pass is held before its first batch until the report is asked for: however slow
        // this thread is to read the events, the pass has not reached it yet.
        let wanted = Wanted::default();
        let mut hold = Some(wanted.lock().unwrap());
        let loading = spawn_asked(
            paths.clone(),
            LoadOptions::default(),
            None,
            Some(2),
            wanted.clone(),
        );
        // Asked once the report is in (the pass looks between its batches of 64).
        let mut ev = Vec::new();
        while let Ok(e) = loading.events.recv_timeout(Duration::from_secs(30)) {
            if let Event::Load(LoadEvent::Loaded(r)) = &e {
                if r.source.ends_with("r140.txt") {
                    if let Some(mut w) = hold.take() {
                        *w = Some(r.clone());
                    }
                }
            }
            ev.push(e);
        }
        let at = |f: &dyn Fn(&Event) -> bool| ev.iter().position(f);
        let early = at(&|e| matches!(e, Event::Early(r, _) if r.source.ends_with("r140.txt")));
        let turn =
            at(&|e| matches!(e, Event::Figures(r, _) if r.source.ends_with("r140.txt"))).unwrap();
        let third_batch =
            at(&|e| matches!(e, Event::Figures(r, _) if r.source.ends_with("r128.txt"))).unwrap();
        let early = early.expect("an early answer");
        assert!(
            early < third_batch && early < turn,
            "{early} {third_batch} {turn}"
        );
        assert_eq!(
            ev.iter().filter(|e| matches!(e, Event::Early(..))).count(),
            1
        );
        // The same figures as its turn brings, which still comes, in order.
        let (Event::Early(_, a), Event::Figures(_, Some((b, _)))) = (&ev[early], &ev[turn]) else {
            unreachable!()
        };
        assert_eq!(format!("{a:?}"), format!("{b:?}"));
        assert!(a.len() >= 3, "{a:?}");
        let plain = events(&spawn(paths, LoadOptions::default(), None, Some(2)));
        assert_eq!(gave(&ev), gave(&plain));
        // What the app calls leaves its request where the pass takes it.
        let Event::Early(r, _) = &ev[early] else {
            unreachable!()
        };
        loading.want(r);
        assert!(wanted
            .lock()
            .unwrap()
            .as_ref()
            .is_some_and(|w| Arc::ptr_eq(w, r)));
    }

    /// The one entry in `dir`.
    fn the_entry(dir: &std::path::Path) -> PathBuf {
        let mut e: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'))
            .collect();
        assert_eq!(e.len(), 1, "{e:?}");
        e.remove(0)
    }

    /// Load one file (through `store`, if any), as the two passes do: (was it a hit, what it
    /// gave).
    fn loaded(file: &std::path::Path, store: Option<&Store>) -> (bool, String) {
        let input = Input::File(file.to_string_lossy().into_owned());
        let (_, results) = load_one(&input, &LoadOptions::default(), store);
        let mut hit = true;
        let mut out = Vec::new();
        for r in results {
            let a = r.unwrap();
            let f = match (a.figures, a.file) {
                (Some(f), _) => Some(f),
                (None, opened) => {
                    hit = false;
                    let entry = opened.and_then(|o| o.entry);
                    let (mut f, write) =
                        file_figures(std::slice::from_ref(&a.report), entry.as_ref());
                    if let (Some(store), Some(w)) = (store, write) {
                        store.put(&w.probe, w.content, &w.body);
                    }
                    f.remove(0)
                }
            };
            out.push(format!("{:?} {f:?}", a.report));
        }
        (hit, out.join("\n"))
    }

    fn through(file: &std::path::Path, store: &Store) -> (bool, String) {
        loaded(file, Some(store))
    }

    #[test]
    fn damage_a_changed_file_and_another_build_are_misses_and_rebuilt() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("cache");
        let store = crate::cache::tests::store_in(&dir, 9);
        let file = tmp.path().join("r.txt");
        std::fs::write(&file, REPORT).unwrap();
        let fresh = loaded(&file, None).1;
        assert_eq!(through(&file, &store), (false, fresh.clone()));
        assert_eq!(through(&file, &store), (true, fresh.clone()));
        // A damaged entry (one bit of the compressed reports): a miss, the file parsed again,
        // the entry rewritten and good again.
        let entry = the_entry(&dir);
        let mut bytes = std::fs::read(&entry).unwrap();
        let n = bytes.len();
        bytes[n - 40] ^= 0x01;
        std::fs::write(&entry, &bytes).unwrap();
        assert_eq!(through(&file, &store), (false, fresh.clone()));
        assert_eq!(through(&file, &store), (true, fresh.clone()));
        // Cut short: the same.
        std::fs::write(&entry, &bytes[..n / 2]).unwrap();
        assert_eq!(through(&file, &store), (false, fresh.clone()));
        // Another program build (another key): a miss.
        let other = crate::cache::tests::store_in(&dir, 10);
        assert_eq!(through(&file, &other), (false, fresh.clone()));
        assert_eq!(through(&file, &store), (false, fresh.clone()));
        // Edited in place, same size, old modification time kept: seen.
        let mtime = std::fs::metadata(&file).unwrap().modified().unwrap();
        let edited = REPORT.replace("3.2亿元", "4.7亿元");
        assert_eq!(edited.len(), REPORT.len());
        std::fs::write(&file, &edited).unwrap();
        std::fs::File::options()
            .write(true)
            .open(&file)
            .unwrap()
            .set_modified(mtime)
            .unwrap();
        let (hit, got) = through(&file, &store);
        assert!(!hit);
        assert!(got.contains("4.7亿元") && !got.contains("3.2亿元"));
        assert_eq!(through(&file, &store), (true, got));
    }

    #[test]
    fn standard_input_is_never_cached() {
        let tmp = tempfile::tempdir().unwrap();
        let store = crate::cache::tests::store_in(tmp.path(), 9);
        // Stdin here is the test harness's (empty or closed): whatever it gives, no entry.
        let _ = load_one(&Input::Stdin, &LoadOptions::default(), Some(&store));
        assert_eq!(entries(tmp.path()), 0);
    }
}
