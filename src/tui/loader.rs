//! The TUI's background loading, with the report cache ([`super::cached`]): worker threads read
//! each input, serve it from its cache entry when there is a current one, else parse it, extract
//! its indicators and panel rows, encode them and send the reports; a writer thread compresses and
//! writes the entries (a bounded queue: a first load is not held up by the cache unless the disk
//! cannot keep up). The workers and the in-order collector are the core's
//! ([`baogao_core::load::background::run_ordered`]): the same events and order as the core's
//! loader, with the cache consulted per input. Nothing runs on the UI thread. [`LoadEvent::Done`]
//! comes once every entry is written. Dropping the [`Loading`] handle cancels: workers stop before
//! their next file.

use super::cached;
use crate::cache::Store;
use baogao_core::indicators::{Indicator, Packed};
use baogao_core::load::background::{run_ordered, Emit, LoadEvent};
use baogao_core::load::{expand, load_bytes_with, Input, LoadOptions, DEFAULT_MAX_SIZE};
use baogao_core::panel::{PackedRows, PanelRow};
use baogao_core::report::Report;
use baogao_core::LoadError;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;

/// A report with its indicators and panel rows (both packed), worked out on the loader's threads;
/// `None` when the extraction panicked (a bug must not stop loading: the report comes without
/// indicators and the problem is listed).
pub type Extracted = (Box<Report>, Option<(Packed, PackedRows)>);

/// [`Extracted`] before packing: the cache entry is encoded from these.
type Parsed = (Box<Report>, Option<(Vec<Indicator>, Vec<PanelRow>)>);

/// Pack a parsed report's figures and panel rows.
fn packed((r, x): Parsed) -> Extracted {
    let x = x.map(|(ind, panel)| (Packed::new(&r, &ind), PackedRows::new(&r, &panel)));
    (r, x)
}

/// A running load. Drop it to stop.
pub struct Loading {
    pub events: Receiver<LoadEvent<Extracted>>,
    cancel: Arc<AtomicBool>,
}

impl Drop for Loading {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::SeqCst);
    }
}

/// Lower the calling (worker) thread's scheduling priority: with every core loading, the UI
/// thread and the search worker must still get a core at once when they wake, or the screen
/// stops redrawing while a big pile loads. Linux keeps a nice value per thread.
fn yield_to_the_ui() {
    #[cfg(target_os = "linux")]
    // SAFETY: gettid and setpriority have no memory-safety preconditions; a failure (say, a
    // sandbox that forbids it) leaves the priority as it was.
    unsafe {
        let tid = libc::gettid();
        libc::setpriority(libc::PRIO_PROCESS, tid as libc::id_t, 10);
    }
}

/// Load `paths` (expanded on the background thread too) with `cache`, if any.
pub fn spawn(
    paths: Vec<String>,
    load: LoadOptions,
    cache: Option<Store>,
    threads: Option<usize>,
) -> Loading {
    let (tx, rx) = mpsc::channel();
    let cancel = Arc::new(AtomicBool::new(false));
    // Every core loads: the UI thread mostly waits for input, and a pile loads faster than a
    // core is freed for it.
    let threads =
        threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let stop = cancel.clone();
    let _ = std::thread::Builder::new()
        .name("baogao-load".into())
        .spawn(move || {
            let inputs = expand(&paths);
            collect(inputs, load, cache.map(Arc::new), threads.max(1), tx, stop);
        });
    Loading { events: rx, cancel }
}

/// Runs on the collector thread: the core's ordered pool ([`run_ordered`]) with a cache writer
/// beside it.
fn collect(
    inputs: Vec<Input>,
    load: LoadOptions,
    cache: Option<Arc<Store>>,
    threads: usize,
    tx: Sender<LoadEvent<Extracted>>,
    cancel: Arc<AtomicBool>,
) {
    // Entries to write; a few dozen files' worth at most wait (tens of MB).
    let (wtx, wrx) = mpsc::sync_channel::<Write>(WRITE_QUEUE);
    let writer = cache.clone().and_then(|c| {
        std::thread::Builder::new()
            .name("baogao-cache-write".into())
            .spawn(move || {
                for w in wrx {
                    c.put(&w.probe, w.content, &cached::pack(&w.raw));
                }
            })
            .ok()
    });
    let writes = writer.is_some().then_some(wtx);
    let store = cache.clone();
    let per_input = move |input: &Input, emit: &mut Emit<'_, Extracted>| {
        let (bytes, results, write) = load_one(input, &load, store.as_deref());
        // Queued after sending: a first load shows its reports no later for the cache.
        if emit(bytes, results) {
            if let (Some(writes), Some(w)) = (&writes, write) {
                let _ = writes.send(w);
            }
        }
    };
    let finished = run_ordered(
        inputs,
        threads,
        yield_to_the_ui,
        per_input,
        &tx,
        &cancel,
        None,
    );
    // The workers and their senders are gone: the writer ends once the queue is written.
    if let Some(w) = writer {
        let _ = w.join();
    }
    if finished {
        let _ = tx.send(LoadEvent::Done);
    }
    // After the load, so it never delays a report (and sees the entries just written).
    if let Some(c) = cache {
        c.sweep_now_and_then();
    }
}

/// Entries waiting for the writer, at most.
const WRITE_QUEUE: usize = 32;

/// An entry to write once the reports it holds have been sent.
struct Write {
    probe: crate::cache::Probe,
    content: u128,
    /// The reports, [`cached::encode`]d (compressing waits until they are sent).
    raw: Vec<u8>,
}

/// One input: its byte count, its reports (or errors), and the entry to write when it was parsed
/// and can be cached.
fn load_one(
    input: &Input,
    load: &LoadOptions,
    cache: Option<&Store>,
) -> (u64, Vec<Result<Extracted, LoadError>>, Option<Write>) {
    let name = input.name();
    let hit = |e: crate::cache::Entry| {
        cached::from_entry(name, e.body()).map(|loaded| {
            loaded
                .into_iter()
                .map(|(r, i, p)| {
                    let p = PackedRows::new(&r, &p);
                    Ok((Box::new(r), Some((i, p))))
                })
                .collect()
        })
    };
    let (bytes, ident) = match crate::cache::lookup(cache, input, load, |e, _| hit(e)) {
        Ok(crate::cache::Lookup::Hit(results, size)) => return (size, results, None),
        Ok(crate::cache::Lookup::Miss(bytes, ident)) => (bytes, ident),
        Err(e) => return (0, vec![Err(e)], None),
    };
    let size = bytes.len() as u64;
    let results: Vec<Result<Parsed, LoadError>> = load_bytes_with(name, &bytes, load)
        .into_iter()
        .map(|r| r.map(extract))
        .collect();
    let ident = ident.map(|i| i.keyed(&bytes));
    drop(bytes);
    // Only a file that loaded whole, every extraction included, is cached: a failure is
    // reported again next time rather than remembered.
    let whole = results
        .iter()
        .all(|r| r.as_ref().is_ok_and(|(_, x)| x.is_some()));
    let write = match ident {
        Some((probe, content)) if whole => {
            let items: Vec<cached::ToStore> = results
                .iter()
                .filter_map(|r| match r {
                    Ok((r, Some((i, p)))) => Some((&**r, &i[..], &p[..])),
                    _ => None,
                })
                .collect();
            cached::encode(name, &items).map(|raw| Write {
                probe,
                content,
                raw,
            })
        }
        _ => None,
    };
    let results = results.into_iter().map(|r| r.map(packed)).collect();
    (size, results, write)
}

/// A report's indicators and panel rows; a panic in extraction is caught (see [`Extracted`]).
fn extract(r: Report) -> Parsed {
    let extracted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let ind = baogao_core::indicators::extract(&r);
        let panel = baogao_core::panel::rows_sharing_text(&r, &ind);
        (ind, panel)
    }));
    (Box::new(r), extracted.ok())
}

/// For `examples/bench_load_cache.rs`: seconds until the loader is done with `paths` (cold with
/// no `cache_dir`, else through a store there), and the reports it gave; the UI left out.
#[doc(hidden)]
pub fn load_cost(paths: Vec<String>, cache_dir: Option<&std::path::Path>) -> (f64, usize) {
    let start = std::time::Instant::now();
    let cache = cache_dir.and_then(|d| Store::at(d, super::cached::KIND));
    // As the TUI loads.
    let l = spawn(paths, super::load_options(DEFAULT_MAX_SIZE), cache, None);
    let mut n = 0;
    for e in l.events.iter() {
        match e {
            LoadEvent::Loaded(_) => n += 1,
            LoadEvent::Done => break,
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

    fn events(l: &Loading) -> Vec<LoadEvent<Extracted>> {
        let mut out = Vec::new();
        while let Ok(e) = l.events.recv_timeout(Duration::from_secs(30)) {
            let done = matches!(e, LoadEvent::Done);
            out.push(e);
            if done {
                break;
            }
        }
        out
    }

    fn sources(ev: &[LoadEvent<Extracted>]) -> Vec<String> {
        ev.iter()
            .filter_map(|e| match e {
                LoadEvent::Loaded((r, _)) => Some(r.source.clone()),
                _ => None,
            })
            .collect()
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
        assert!(matches!(fresh.last(), Some(LoadEvent::Done)));
        let first = events(&spawn(
            paths.clone(),
            LoadOptions::default(),
            store(),
            Some(3),
        ));
        // Every good file got an entry (written after it was sent: wait for the workers).
        assert_eq!(entries(&cache_dir), 12);
        let second = events(&spawn(paths, LoadOptions::default(), store(), Some(3)));
        let show = |ev: &[LoadEvent<Extracted>]| format!("{ev:?}");
        assert_eq!(sources(&fresh).len(), 12);
        assert_eq!(show(&first), show(&fresh));
        assert_eq!(show(&second), show(&fresh));
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

    /// Load one file through `store`: (was it a hit, what it gave).
    fn through(file: &std::path::Path, store: &Store) -> (bool, String) {
        let input = Input::File(file.to_string_lossy().into_owned());
        let (_, results, write) = load_one(&input, &LoadOptions::default(), Some(store));
        if let Some(w) = &write {
            store.put(&w.probe, w.content, &cached::pack(&w.raw));
        }
        (write.is_none(), format!("{results:?}"))
    }

    #[test]
    fn damage_a_changed_file_and_another_build_are_misses_and_rebuilt() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("cache");
        let store = crate::cache::tests::store_in(&dir, 9);
        let file = tmp.path().join("r.txt");
        std::fs::write(&file, REPORT).unwrap();
        let fresh = format!(
            "{:?}",
            load_one(
                &Input::File(file.to_string_lossy().into_owned()),
                &LoadOptions::default(),
                None
            )
            .1
        );
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
