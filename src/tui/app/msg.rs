//! The one way into the state: every terminal event and every loading event is a [`Msg`], and a
//! burst of them (everything queued since the last frame) goes through [`App::handle`] at once.
//! Typing in the filter only marks it stale; the search runs once at the end of the burst (or
//! before any action that needs its result), so an input method committing a whole word, or a
//! fast typist, costs one search and one frame.

use super::*;

/// Everything that can change the app's state.
#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Paste(String),
    Resize(u16, u16),
    /// A few times a second (expires toasts).
    Tick,
    /// A report arrived from the background loader; its figures follow ([`Msg::Figures`]).
    Loaded(std::sync::Arc<Report>),
    /// The figures of the first report still waiting for them (the loader sends them in report
    /// order): its indicators, and its panel rows for the Compare view.
    Figures(
        std::sync::Arc<Report>,
        Packed,
        baogao_core::panel::PackedRows,
    ),
    /// The indicators of a report asked for ahead of its turn (the selected one): shown in
    /// its table until its [`Msg::Figures`] comes.
    EarlyFigures(std::sync::Arc<Report>, Packed),
    Progress(Progress),
    /// Loading has finished.
    LoadDone,
    /// A file that failed to load, or another problem to list under `!`.
    Error(String),
    /// An answer from the search worker.
    Found(crate::tui::searcher::Found),
}

impl App {
    /// Handle a burst of messages, then run the filter once if typing changed it.
    pub fn handle(&mut self, msgs: impl IntoIterator<Item = Msg>) {
        self.batching = true;
        // The search worker's answers go first: they answer queries sent before any key of this
        // burst, and a key that waits for the matches (Enter, `n`) waits on the worker's channel —
        // an answer already taken off it and queued behind that key would never come.
        let (answers, msgs): (Vec<Msg>, Vec<Msg>) =
            msgs.into_iter().partition(|m| matches!(m, Msg::Found(_)));
        for m in answers.into_iter().chain(msgs) {
            self.handle_one(m);
            if self.quit {
                break;
            }
        }
        self.batching = false;
        self.flush_filter();
        if std::mem::take(&mut self.rows_stale) {
            self.rebuild_rows();
        }
        self.refresh();
    }

    fn handle_one(&mut self, msg: Msg) {
        match msg {
            Msg::Key(k) => self.key(k),
            Msg::Mouse(m) => self.mouse(m),
            Msg::Paste(s) => self.paste(&s),
            Msg::Resize(w, h) => self.resize(w, h),
            Msg::Tick => self.tick(),
            Msg::Loaded(r) => self.add_pending(r),
            Msg::Figures(r, ind, rows) => self.take_figures(&r, ind, Some(rows)),
            Msg::EarlyFigures(r, ind) => self.take_early_figures(&r, ind),
            Msg::Progress(p) => self.set_progress(p),
            Msg::LoadDone => {
                self.search.loaded();
                let mut p = self.progress.clone().unwrap_or_default();
                p.finished = true;
                self.set_progress(p);
            }
            Msg::Error(e) => self.add_error(e),
            Msg::Found(f) => self.found(f),
        }
    }

    /// Run a filter change that typing left pending.
    pub(super) fn flush_filter(&mut self) {
        if std::mem::take(&mut self.filter_stale) {
            self.run_filter();
        }
    }
}
