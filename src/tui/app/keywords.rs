//! The keywords popup (`K`): the terms that set the selected report — or, from the outline, the
//! selected section — apart from the other loaded reports and from typical report language
//! (`baogao_core::keywords`).
//!
//! Cutting words (jieba) costs tens of milliseconds a report and the weights need every loaded
//! report's words, so the cutting runs on a worker thread, once per report (reports that arrive
//! later are cut on the next `K`); the popup says so until the answer is polled in (on each
//! tick). Weighing is a pass over counts, done on the UI thread. jieba's dictionary is loaded on
//! that worker, the first time only.

use super::*;
use baogao_core::keywords::{distinctive, own_names, section_paragraphs, Pile, ReportTerms};
use std::sync::mpsc::{Receiver, TryRecvError};

/// How many keywords the popup lists.
const TOP: usize = 30;

#[derive(Default)]
pub struct KeywordsState {
    /// The words of reports `0..terms.len()`, cut.
    terms: Vec<ReportTerms>,
    /// The document frequencies of those reports.
    pile: Pile,
    /// The worker cutting the next reports, and how many.
    worker: Option<(Receiver<Vec<ReportTerms>>, usize)>,
    /// What the popup shows: a report, and a section of it or the whole.
    target: Option<(usize, Option<usize>)>,
    /// The popup's title and, once weighed, its keywords (best first).
    pub title: String,
    pub words: Vec<(String, f64)>,
}

impl KeywordsState {
    /// Reports still being cut (the popup shows this while it is not 0).
    pub fn pending(&self) -> usize {
        self.worker.as_ref().map_or(0, |w| w.1)
    }

    /// How many reports the keywords are weighed against (the built-in background besides).
    pub fn pile_size(&self) -> usize {
        self.pile.docs()
    }
}

impl App {
    /// `K`: open the popup for the selected report, or the outline's selected section.
    pub(super) fn show_keywords(&mut self) {
        let r = self.reports_view.sel;
        let Some(report) = self.reports.get(r) else {
            self.set_toast("No report loaded".into());
            return;
        };
        let section = if self.focus == Pane::Outline {
            self.outline
                .get(self.outline_view.sel)
                .and_then(|row| row.section)
        } else {
            None
        };
        let mut title = report.display_name();
        if let Some(s) = section.and_then(|s| report.sections.get(s)) {
            let heading =
                baogao_core::marker::heading_text(s.label.as_deref().unwrap_or(""), &s.title);
            title = format!("{title} › {heading}");
        }
        self.keywords.title = title;
        self.keywords.target = Some((r, section));
        self.keywords.words.clear();
        self.popup = Some(Popup::Keywords);
        self.popup_scroll = Scroller::default();
        self.cut_new_reports();
        self.weigh_keywords();
    }

    /// Start cutting the reports not cut yet, unless a worker is at it.
    fn cut_new_reports(&mut self) {
        let from = self.keywords.terms.len();
        if self.keywords.worker.is_some() || from >= self.reports.len() {
            return;
        }
        let texts: Vec<(Vec<String>, Vec<String>)> = self.reports[from..]
            .iter()
            .map(|r| {
                let paragraphs = (0..r.paragraphs.len())
                    .map(|i| r.paragraph_text(i).to_string())
                    .collect();
                (paragraphs, own_names(r))
            })
            .collect();
        let n = texts.len();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            use rayon::prelude::*;
            let cut: Vec<ReportTerms> = texts
                .par_iter()
                .map(|(p, own)| {
                    ReportTerms::of_paragraphs(p.iter().map(String::as_str)).named(own.clone())
                })
                .collect();
            // The app may be gone: nothing to do then.
            let _ = tx.send(cut);
        });
        self.keywords.worker = Some((rx, n));
    }

    /// Take the worker's answer if it is there (called on every tick).
    pub(super) fn poll_keywords(&mut self) {
        let Some((rx, _)) = &self.keywords.worker else {
            return;
        };
        match rx.try_recv() {
            Ok(cut) => {
                self.keywords.worker = None;
                for t in cut {
                    self.keywords.pile.add(&t);
                    self.keywords.terms.push(t);
                }
                if self.popup == Some(Popup::Keywords) {
                    self.cut_new_reports();
                    self.weigh_keywords();
                }
            }
            Err(TryRecvError::Empty) => {}
            Err(TryRecvError::Disconnected) => {
                self.keywords.worker = None;
                self.set_toast("Keywords: the word cutter failed".into());
            }
        }
    }

    /// Weigh the target's words, once every report it is weighed against is cut.
    fn weigh_keywords(&mut self) {
        let k = &mut self.keywords;
        let Some((r, section)) = k.target else {
            return;
        };
        if k.worker.is_some() {
            return;
        }
        let (Some(terms), Some(report)) = (k.terms.get(r), self.reports.get(r)) else {
            return;
        };
        let range = section.map_or(0..terms.len(), |s| section_paragraphs(report, s));
        k.words = distinctive(terms, range, &k.pile, TOP);
    }

    /// Block until the worker answers (tests only: the app polls on ticks).
    #[cfg(test)]
    pub fn wait_for_keywords(&mut self) {
        for _ in 0..600 {
            if self.keywords.worker.is_none() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
            self.poll_keywords();
        }
    }
}
