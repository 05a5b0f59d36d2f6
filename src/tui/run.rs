//! The terminal side: raw mode and alternate screen behind a guard (restored on quit, error and
//! panic), the background loader, and the event loop (draw → effects → events → update).

use super::app::{App, Effect, Msg, Progress};
use super::clipboard::{self, Mux};
use super::draw::draw;
use super::keymap::Keymap;
use super::loader::{self, Event as LoaderEvent};
use super::theme::Theme;
use baogao_core::load::background::LoadEvent;
use baogao_core::load::LoadOptions;
use baogao_core::report::Report;
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;
use std::io::{self, Write};
use std::time::{Duration, Instant};

/// What the TUI starts with.
pub struct Options {
    pub paths: Vec<String>,
    pub load: LoadOptions,
    /// Reports already in hand (the bundled samples).
    pub reports: Vec<Report>,
    pub keymap: Keymap,
    pub theme: Theme,
    pub mouse: bool,
    /// Print the indicator table on stdout after leaving the alternate screen.
    pub print_table: bool,
    /// Use tmux passthrough for OSC 52.
    pub passthrough: bool,
    /// Shown in the status bar (e.g. how to open your own files).
    pub hint: Option<String>,
    /// Config and state problems, listed under `!` with the load failures.
    pub problems: Vec<String>,
    /// Copy and export format.
    pub format: baogao_core::export::Format,
    /// The widest the text is wrapped, in columns (0: the pane's width).
    pub text_width: u16,
    /// Where the last session was (applied when that report loads).
    pub restore: Option<crate::state::Position>,
    /// Filter history, oldest first.
    pub history: Vec<String>,
    /// The report cache (`None`: `--no-cache`, or none usable).
    pub cache: Option<crate::cache::Store>,
}

/// What the session leaves behind.
pub struct Outcome {
    /// The table to print after leaving the screen (`--print-table`, `p`).
    pub print: Option<String>,
    /// Where the user was.
    pub position: Option<crate::state::Position>,
    pub history: Vec<String>,
    /// The signal that ended the session (SIGTERM, SIGHUP, SIGINT, SIGQUIT), if one did.
    pub signal: Option<i32>,
}

/// Where the screen is drawn: standard output when it is a terminal, else the controlling
/// terminal (`/dev/tty`), as `less` and `fzf` do, so `baogao --print-table a.txt > t.tsv` and
/// `cat r.txt | baogao -` work. Keys come from the same terminal (crossterm opens `/dev/tty`
/// when standard input is not one).
fn screen() -> io::Result<Box<dyn Write + Send>> {
    use std::io::IsTerminal;
    if io::stdout().is_terminal() {
        Ok(Box::new(io::stdout()))
    } else {
        let tty = std::fs::OpenOptions::new().write(true).open("/dev/tty")?;
        Ok(Box::new(tty))
    }
}

/// Is there a terminal to draw on (standard output, or the controlling terminal)?
pub fn has_terminal() -> bool {
    use std::io::IsTerminal;
    (io::stdout().is_terminal() && io::stdin().is_terminal())
        || std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/tty")
            .is_ok()
}

/// Restores the terminal when dropped; also installed in the panic hook.
struct Guard;

fn restore() {
    let _ = terminal::disable_raw_mode();
    let Ok(mut out) = screen() else { return };
    let _ = execute!(
        out,
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
}

impl Guard {
    fn enter(mouse: bool) -> io::Result<Guard> {
        let hook = std::panic::take_hook();
        // A panic on the UI thread ends the app: give the terminal back before the message
        // prints. A worker's panic (a loader thread) leaves the screen to the running UI.
        let ui = std::thread::current().id();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().id() == ui {
                restore();
                hook(info);
            }
            // Other threads' panics would print over the screen; the loader turns them into
            // entries of the load-error list instead.
        }));
        terminal::enable_raw_mode()?;
        let guard = Guard;
        let mut out = screen()?;
        execute!(out, EnterAlternateScreen, EnableBracketedPaste)?;
        if mouse {
            execute!(out, EnableMouseCapture)?;
        }
        Ok(guard)
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
        // Back to the default hook: panics print normally once the screen is given back.
        // (Not while unwinding: take_hook panics on a panicking thread.)
        if !std::thread::panicking() {
            let _ = std::panic::take_hook();
        }
    }
}

/// Show `text` in `$PAGER` (else `less`): the terminal is given back while it runs, then taken
/// again.
fn page(text: &str, mouse: bool) -> io::Result<()> {
    use std::process::{Command, Stdio};
    restore();
    let pager = std::env::var("PAGER")
        .ok()
        .filter(|p| !p.trim().is_empty())
        .unwrap_or_else(|| "less".into());
    let tty = || -> io::Result<Stdio> {
        use std::io::IsTerminal;
        Ok(if io::stdout().is_terminal() {
            Stdio::inherit()
        } else {
            Stdio::from(std::fs::OpenOptions::new().write(true).open("/dev/tty")?)
        })
    };
    let run = (|| {
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(&pager)
            .stdin(Stdio::piped())
            .stdout(tty()?)
            .spawn()?;
        if let Some(mut input) = child.stdin.take() {
            // A pager quit early closes its input: not an error.
            let _ = input.write_all(text.as_bytes());
            let _ = input.write_all(b"\n");
        }
        child.wait()
    })();
    terminal::enable_raw_mode()?;
    let mut out = screen()?;
    execute!(
        out,
        EnterAlternateScreen,
        EnableBracketedPaste,
        cursor::Hide
    )?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    run.map(|_| ())
}

/// `Some(SIGHUP)` when the terminal has hung up (closed window, dropped SSH): its size can no
/// longer be read.
fn terminal_gone() -> Option<i32> {
    #[cfg(unix)]
    {
        terminal::size()
            .is_err()
            .then_some(signal_hook::consts::SIGHUP)
    }
    #[cfg(not(unix))]
    None
}

/// SIGTERM, SIGHUP, SIGINT and SIGQUIT, caught so the loop can end the session cleanly.
struct Signals {
    #[cfg(unix)]
    caught: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

impl Signals {
    #[cfg(unix)]
    fn register() -> io::Result<Signals> {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
        let caught = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        for s in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
            signal_hook::flag::register_usize(s, caught.clone(), s as usize)?;
        }
        Ok(Signals { caught })
    }

    #[cfg(not(unix))]
    fn register() -> io::Result<Signals> {
        Ok(Signals {})
    }

    /// Drop a caught SIGINT (one meant for a child that had the terminal).
    fn forget_interrupt(&self) {
        #[cfg(unix)]
        {
            let int = signal_hook::consts::SIGINT as usize;
            let _ = self.caught.compare_exchange(
                int,
                0,
                std::sync::atomic::Ordering::Relaxed,
                std::sync::atomic::Ordering::Relaxed,
            );
        }
    }

    /// The signal caught, if any.
    fn pending(&self) -> Option<i32> {
        #[cfg(unix)]
        {
            let s = self.caught.load(std::sync::atomic::Ordering::Relaxed);
            (s != 0).then_some(s as i32)
        }
        #[cfg(not(unix))]
        None
    }
}

/// Time per frame spent taking in reports that have loaded (the frame's own work comes on top).
const LOAD_SLICE: Duration = Duration::from_millis(20);
/// Loaded reports handled together within that slice.
const LOAD_CHUNK: usize = 8;

/// A loader event as messages for `update`.
fn load_msgs(ev: LoaderEvent, out: &mut Vec<Msg>) {
    let ev = match ev {
        LoaderEvent::Load(ev) => ev,
        LoaderEvent::Figures(r, Some((ind, panel))) => {
            return out.push(Msg::Figures(r, ind, panel))
        }
        LoaderEvent::Figures(r, None) => {
            out.push(Msg::Error(format!(
                "{}: indicator extraction failed",
                r.source
            )));
            return out.push(Msg::Figures(r, Default::default(), Default::default()));
        }
        LoaderEvent::Early(r, ind) => return out.push(Msg::EarlyFigures(r, ind)),
        LoaderEvent::Finished => return,
    };
    let msg = match ev {
        LoadEvent::Loaded(r) => Msg::Loaded(r),
        LoadEvent::Failed(e) => Msg::Error(e.to_string()),
        LoadEvent::Progress {
            files_done,
            files_total,
            bytes_done,
            ..
        } => Msg::Progress(Progress {
            done: files_done,
            total: files_total,
            bytes: bytes_done,
            finished: false,
        }),
        LoadEvent::Done => Msg::LoadDone,
    };
    out.push(msg);
}

/// Take in the loader's events until the table no longer waits for figures (or `limit`).
fn take_figures_for_the_table(app: &mut App, loader: &loader::Loading, limit: Duration) {
    let start = Instant::now();
    // A burst stops at a quit: the session has quit already.
    let quit = std::mem::take(&mut app.quit);
    if let Some(w) = app.figures_wanted() {
        loader.want(&app.reports[w]);
    }
    while app.figures_the_table_waits_for() > 0 {
        let Some(left) = limit.checked_sub(start.elapsed()) else {
            break;
        };
        let Ok(ev) = loader.events.recv_timeout(left) else {
            break;
        };
        let mut msgs = Vec::new();
        load_msgs(ev, &mut msgs);
        app.handle(msgs);
        app.effects.clear();
    }
    app.quit = quit;
}

/// Run the TUI until the user quits. Returns the text to print after leaving the screen.
pub fn run(opts: Options) -> io::Result<Outcome> {
    std::thread::spawn(baogao_core::segment::warm_up);
    let mut app = App::new(opts.reports, opts.keymap, opts.theme);
    // The filter's index is saved and reused with the report cache (not with `--no-cache`).
    if opts.cache.is_some() {
        if let Some(saved) = super::index_cache::IndexStore::open() {
            app.use_saved_index(saved);
        }
    }
    app.mouse = opts.mouse;
    app.print_table = opts.print_table;
    app.hint = opts.hint;
    app.format = opts.format;
    app.text_width = opts.text_width as usize;
    app.filter.history = opts.history;
    app.restore = opts.restore;
    // Samples (or other reports in hand) may already hold the remembered position.
    if let Some(pos) = app.restore.take() {
        match pos.resolve(&app.reports) {
            Some(_) => {
                app.restore_now(&pos);
            }
            None => app.restore = Some(pos),
        }
    }
    // Reports load on background threads; the first frame does not wait for them.
    let loader = (!opts.paths.is_empty()).then(|| {
        app.progress = Some(Progress {
            total: 1,
            ..Default::default()
        });
        // Reading, parsing (or the cache) and extraction all happen on the loader's threads.
        loader::spawn(opts.paths, opts.load, opts.cache, None)
    });
    let mux = Mux::detect(opts.passthrough);

    let signals = Signals::register()?;
    let guard = Guard::enter(opts.mouse)?;
    let input = super::input::Input::start();
    // A search answer ends the wait for input, so it is drawn at once.
    app.set_search_waker(Box::new(input.waker()));
    let mut terminal = Terminal::new(CrosstermBackend::new(screen()?))?;
    // Not `terminal.clear()`: it asks the terminal for the cursor position, a query crossterm
    // writes to standard output, which may be a file here.
    execute!(
        terminal.backend_mut(),
        terminal::Clear(terminal::ClearType::All)
    )?;
    let size = terminal.size()?;
    app.resize(size.width, size.height);
    app.add_problems(opts.problems);
    let mut last_tick = Instant::now();
    // For the end-to-end test that a panic gives the terminal back (not documented for users).
    let panic_after: Option<u64> = std::env::var("BAOGAO_TEST_PANIC_AFTER_FRAMES")
        .ok()
        .and_then(|v| v.parse().ok());
    let mut frames = 0u64;
    let mut signal = None;
    // Diagnostics for the loading benchmarks (not documented for users): one line per frame.
    let mut frame_log = std::env::var_os("BAOGAO_FRAME_LOG")
        .and_then(|p| std::fs::File::create(p).ok())
        .map(io::BufWriter::new);
    let session_start = Instant::now();
    // Whether the last slice of loaded reports ended with more still queued.
    let mut load_backlog = false;
    // The report whose figures were last asked for ahead of their turn.
    let mut asked_early: Option<usize> = None;
    loop {
        let frame_start = Instant::now();
        // A signal ends the session like `q` (the terminal given back, the state saved); so
        // does a terminal that has gone away without one reaching us (its reads only say EOF).
        if let Some(s) = signals.pending().or_else(terminal_gone) {
            signal = Some(s);
            break;
        }
        // A terminal that went away (SIGHUP) fails to draw: that is the signal's exit, not an
        // error.
        if let Err(e) = terminal.draw(|f| draw(&app, f)) {
            signal = signals.pending().or_else(terminal_gone);
            if signal.is_some() {
                break;
            }
            return Err(e);
        }
        frames += 1;
        let drawn = frame_start.elapsed();
        if panic_after.is_some_and(|n| frames >= n) {
            panic!("panic requested by BAOGAO_TEST_PANIC_AFTER_FRAMES");
        }
        // Effects go out after the frame, never inside it.
        let mut redraw = false;
        for e in std::mem::take(&mut app.effects) {
            let out = terminal.backend_mut();
            match e {
                Effect::Copy(text) => {
                    out.write_all(clipboard::sequence(&text, mux).as_bytes())?;
                    out.flush()?;
                }
                Effect::Mouse(true) => execute!(out, EnableMouseCapture)?,
                Effect::Mouse(false) => execute!(out, DisableMouseCapture)?,
                Effect::Pager(text) => {
                    let before = signals.pending();
                    let paused = input.pause();
                    let paged = page(&text, app.mouse);
                    drop(paused);
                    if let Err(e) = paged {
                        app.set_toast(format!("$PAGER: {e}"));
                    }
                    // Ctrl-C in the pager (the terminal is in cooked mode meanwhile) reaches
                    // the whole foreground group: it was meant for the pager, not for us.
                    if before.is_none() {
                        signals.forget_interrupt();
                    }
                    // The pager drew over the screen: start from a blank one.
                    terminal = Terminal::new(CrosstermBackend::new(screen()?))?;
                    execute!(
                        terminal.backend_mut(),
                        terminal::Clear(terminal::ClearType::All)
                    )?;
                    redraw = true;
                }
            }
        }
        if app.quit {
            break;
        }
        if redraw {
            continue;
        }
        let busy = app.progress.as_ref().is_some_and(|p| !p.finished)
            || app.figures_pending() > 0
            || app.toast.is_some();
        // While loading, the wait for input, the slice of loaded reports taken in and the
        // frame together stay under 50 ms (a longer wait showed as a stalled counter). Reports
        // left queued after the last slice are taken in at once: input queued meanwhile is
        // still read first, but waiting for more would leave the UI idle while the loader's
        // reports pile up (a warm 10,000-report load spent 80% of its time in that wait).
        let timeout = if load_backlog {
            Duration::ZERO
        } else if busy {
            Duration::from_millis(15)
        } else {
            Duration::from_millis(250)
        };
        // Everything queued goes in as one burst: one search and one frame for it.
        let mut msgs = Vec::new();
        let burst =
            input
                .burst(timeout)
                .or_else(|e| match signals.pending().or_else(terminal_gone) {
                    Some(_) => Ok(Vec::new()),
                    None => Err(e),
                })?;
        for ev in burst {
            match ev {
                Event::Key(k) => msgs.push(Msg::Key(k)),
                Event::Mouse(m) => msgs.push(Msg::Mouse(m)),
                Event::Paste(s) => msgs.push(Msg::Paste(s)),
                Event::Resize(w, h) => msgs.push(Msg::Resize(w, h)),
                _ => {}
            }
        }
        let waited = frame_start.elapsed();
        msgs.extend(app.search_answers());
        if last_tick.elapsed() >= Duration::from_millis(250) {
            msgs.push(Msg::Tick);
            last_tick = Instant::now();
        }
        app.handle(msgs);
        let handled = frame_start.elapsed();
        let reports_before = app.reports.len();
        // New reports, at most a time slice's worth per frame — taking them in *and* handling
        // them — so keys stay answered and a frame comes at least every 50 ms while loading.
        if let Some(l) = &loader {
            let start = Instant::now();
            let mut loaded = Vec::new();
            load_backlog = true;
            while start.elapsed() < LOAD_SLICE {
                match l.events.try_recv() {
                    Ok(ev) => load_msgs(ev, &mut loaded),
                    Err(_) => {
                        load_backlog = false;
                        break;
                    }
                }
                if loaded.len() >= LOAD_CHUNK {
                    app.handle(std::mem::take(&mut loaded));
                }
            }
            if !loaded.is_empty() {
                app.handle(loaded);
            }
            // The selected report's figures, ahead of the pass's order (asked once per report).
            let wanted = app.figures_wanted();
            if let Some(w) = wanted.filter(|&w| Some(w) != asked_early) {
                l.want(&app.reports[w]);
            }
            asked_early = wanted;
        }
        if let Some(log) = &mut frame_log {
            let ms = |d: Duration| d.as_secs_f64() * 1e3;
            let _ = writeln!(
                log,
                "{:.1} draw {:.1} wait {:.1} handle {:.1} total {:.1} reports +{} saved-index {} \
                 all-in {} figures-to-come {} filter-covers {}",
                ms(frame_start - session_start),
                ms(drawn),
                ms(waited - drawn),
                ms(handled - waited),
                ms(frame_start.elapsed()),
                app.reports.len() - reports_before,
                app.saved_index_reports(),
                u8::from(app.progress.as_ref().is_some_and(|p| p.finished)),
                app.figures_pending(),
                if app.filter.active() {
                    app.filter.covered.to_string()
                } else {
                    "-".into()
                }
            );
        }
    }
    // ratatui prints (and so panics, once the terminal has hung up) when it cannot show the
    // cursor on drop: show it here, and on failure let the terminal go without its drop.
    if terminal.show_cursor().is_ok() {
        drop(terminal);
    } else {
        std::mem::forget(terminal);
    }
    drop(guard);
    // The terminal is no longer read (a hang-up meanwhile would spin its reader).
    drop(input);
    // The table printed after quitting is the one shown, with the figures it was waiting for:
    // a quick `q` after a small load must not print an empty table.
    if app.print_table && signal.is_none() {
        if let Some(l) = &loader {
            take_figures_for_the_table(&mut app, l, Duration::from_secs(30));
        }
    }
    let outcome = Outcome {
        print: (app.print_table && signal.is_none())
            .then(|| app.table_text(baogao_core::table::Destination::File)),
        position: app.position(),
        history: app.filter.history.clone(),
        signal,
    };
    // Loading stops here (its threads see the flag); but the reports, figures and index are not
    // freed one allocation at a time: the process ends next, and the shell's prompt waited
    // 0.6–0.8 s for that at 10,000 reports.
    drop(loader);
    // The terminal is given back already; a filter index being saved (once, after a big pile
    // was indexed) may take a moment more, else the next start would index the pile again.
    // Not after a signal: a hang-up or kill wants the process gone.
    let limit = if signal.is_some() { 0 } else { 5 };
    app.finish_saving_index(Duration::from_secs(limit));
    std::mem::forget(app);
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::{Keymap, Theme};

    #[test]
    fn a_table_printed_at_once_waits_for_its_figures() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("r.txt");
        std::fs::write(
            &file,
            "青山镇2024年政府工作报告\n一、2023年工作回顾\n全镇完成一般公共预算收入８８８８万元，同比增长４．５％。\n",
        )
        .unwrap();
        let loading = loader::spawn(
            vec![file.to_string_lossy().into_owned()],
            LoadOptions::default(),
            None,
            Some(1),
        );
        // The report is in, its figures not yet taken: as when `q` comes at once.
        let mut app = App::new(Vec::new(), Keymap::default(), Theme::none());
        app.resize(100, 30);
        loop {
            match loading.events.recv_timeout(Duration::from_secs(30)) {
                Ok(loader::Event::Load(LoadEvent::Loaded(r))) => {
                    app.handle([Msg::Loaded(r)]);
                    break;
                }
                Ok(_) => {}
                Err(e) => panic!("{e}"),
            }
        }
        app.quit = true;
        let table = baogao_core::table::Destination::File;
        assert!(!app.table_text(table).contains("8888"));
        take_figures_for_the_table(&mut app, &loading, Duration::from_secs(30));
        assert_eq!(app.figures_pending(), 0);
        assert!(app.quit);
        assert!(
            app.table_text(table).contains("8888"),
            "{}",
            app.table_text(table)
        );
    }
}
