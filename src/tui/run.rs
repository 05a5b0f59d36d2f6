//! The terminal side: raw mode and alternate screen behind a guard (restored on quit, error and
//! panic), the background loader, and the event loop (draw → effects → events → update).

use super::app::{App, Effect, Progress};
use super::clipboard::{self, Mux};
use super::draw::draw;
use super::keymap::Keymap;
use super::theme::Theme;
use crate::indicators::Indicator;
use crate::load::{self, LoadOptions};
use crate::report::Report;
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;
use std::io::{self, Write};
use std::sync::mpsc;
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
    /// Messages to show once the screen is up (config problems).
    pub notices: Vec<String>,
}

/// Restores the terminal when dropped; also installed in the panic hook.
struct Guard;

fn restore() {
    let _ = terminal::disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
}

impl Guard {
    fn enter(mouse: bool) -> io::Result<Guard> {
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            hook(info);
        }));
        terminal::enable_raw_mode()?;
        let guard = Guard;
        execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
        if mouse {
            execute!(io::stdout(), EnableMouseCapture)?;
        }
        Ok(guard)
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

enum LoadMsg {
    Report(Box<Report>, Vec<Indicator>),
    Error(String),
    Progress(Progress),
}

/// Load in the background, in input order, a chunk at a time in parallel.
fn spawn_loader(paths: Vec<String>, opts: LoadOptions, tx: mpsc::Sender<LoadMsg>) {
    std::thread::spawn(move || {
        use rayon::prelude::*;
        let inputs = load::expand(&paths);
        let mut p = Progress {
            done: 0,
            total: inputs.len(),
            bytes: 0,
            finished: false,
        };
        let _ = tx.send(LoadMsg::Progress(p.clone()));
        for chunk in inputs.chunks(8) {
            let results: Vec<_> = chunk
                .par_iter()
                .map(|input| {
                    let size = match input {
                        load::Input::File(f) => std::fs::metadata(f).map(|m| m.len()).unwrap_or(0),
                        load::Input::Stdin => 0,
                    };
                    let reports: Vec<_> = load::load_input(input, &opts)
                        .into_iter()
                        .map(|r| {
                            r.map(|r| {
                                let ind = crate::indicators::extract(&r);
                                (r, ind)
                            })
                        })
                        .collect();
                    (size, reports)
                })
                .collect();
            for (size, reports) in results {
                for r in reports {
                    let msg = match r {
                        Ok((r, ind)) => LoadMsg::Report(Box::new(r), ind),
                        Err(e) => LoadMsg::Error(e.to_string()),
                    };
                    if tx.send(msg).is_err() {
                        return;
                    }
                }
                p.done += 1;
                p.bytes += size;
            }
            let _ = tx.send(LoadMsg::Progress(p.clone()));
        }
        p.finished = true;
        let _ = tx.send(LoadMsg::Progress(p));
    });
}

/// Run the TUI until the user quits. Returns the text to print after leaving the screen.
pub fn run(opts: Options) -> io::Result<Option<String>> {
    std::thread::spawn(crate::segment::warm_up);
    let mut app = App::new(opts.reports, opts.keymap, opts.theme);
    app.mouse = opts.mouse;
    app.print_table = opts.print_table;
    app.hint = opts.hint;
    let (tx, rx) = mpsc::channel();
    if !opts.paths.is_empty() {
        app.progress = Some(Progress {
            total: 1,
            ..Default::default()
        });
        spawn_loader(opts.paths, opts.load, tx);
    } else {
        drop(tx);
    }
    let mux = Mux::detect(opts.passthrough);

    let guard = Guard::enter(opts.mouse)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    terminal.clear()?;
    let size = terminal.size()?;
    app.resize(size.width, size.height);
    if let Some(n) = opts.notices.first() {
        let more = if opts.notices.len() > 1 {
            format!(" (+{} more)", opts.notices.len() - 1)
        } else {
            String::new()
        };
        app.set_toast(format!("{n}{more}"));
    }
    let mut last_tick = Instant::now();
    loop {
        terminal.draw(|f| draw(&app, f))?;
        // Effects go out after the frame, never inside it.
        for e in std::mem::take(&mut app.effects) {
            let mut out = io::stdout();
            match e {
                Effect::Copy(text) => {
                    out.write_all(clipboard::sequence(&text, mux).as_bytes())?;
                    out.flush()?;
                }
                Effect::Mouse(true) => execute!(out, EnableMouseCapture)?,
                Effect::Mouse(false) => execute!(out, DisableMouseCapture)?,
            }
        }
        if app.quit {
            break;
        }
        let busy = app.progress.as_ref().is_some_and(|p| !p.finished) || app.toast.is_some();
        let timeout = if busy {
            Duration::from_millis(50)
        } else {
            Duration::from_millis(250)
        };
        if event::poll(timeout)? {
            // Take everything queued before drawing again, so fast typing costs one frame.
            loop {
                match event::read()? {
                    Event::Key(k) => app.key(k),
                    Event::Mouse(m) => app.mouse(m),
                    Event::Paste(s) => app.paste(&s),
                    Event::Resize(w, h) => app.resize(w, h),
                    _ => {}
                }
                if app.quit || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        // New reports, at most a time slice's worth per frame so keys stay answered.
        let start = Instant::now();
        while start.elapsed() < Duration::from_millis(30) {
            match rx.try_recv() {
                Ok(LoadMsg::Report(r, ind)) => app.add_report(*r, ind),
                Ok(LoadMsg::Error(e)) => app.add_error(e),
                Ok(LoadMsg::Progress(p)) => app.set_progress(p),
                Err(_) => break,
            }
        }
        if last_tick.elapsed() >= Duration::from_millis(250) {
            app.tick();
            last_tick = Instant::now();
        }
    }
    drop(terminal);
    drop(guard);
    Ok(app.print_table.then(|| app.table_tsv()))
}
