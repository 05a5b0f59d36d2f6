//! What the app remembers between runs, in `dirs::state_dir()/baogao/state.json` (falling back to
//! `dirs::data_dir()` where there is no state dir, as on macOS and Windows): the reports last
//! opened, the selected report and position, and the filter history.
//!
//! Loading never fails: a missing file gives the defaults, a corrupt one is renamed aside
//! (`state.json.corrupt-YYYYMMDD-HHMMSS`) and reported as a [`StateWarning`]. Saving writes a
//! temporary file in the same directory and renames it over the old one, so a crash mid-write
//! leaves the previous state intact.

use baogao_core::report::Report;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};

/// How many filter queries are kept.
pub const HISTORY_LIMIT: usize = 100;

/// Where in which report the user was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// The report's [`Report::source`] (its path as opened, or `sample:…`).
    pub report: String,
    /// Index into the report's paragraphs.
    pub paragraph: usize,
    /// Index into the report's sections, if one was selected.
    pub section: Option<usize>,
}

impl Position {
    /// Find this position among loaded reports: (report index, paragraph, section), with the
    /// indices clamped to what the report now has (the file may have changed since).
    pub fn resolve<R: std::borrow::Borrow<Report>>(
        &self,
        reports: &[R],
    ) -> Option<(usize, usize, Option<usize>)> {
        let ri = reports
            .iter()
            .position(|r| r.borrow().source == self.report)?;
        let r: &Report = reports[ri].borrow();
        let paragraph = self.paragraph.min(r.paragraphs.len().saturating_sub(1));
        let section = self.section.filter(|&s| s < r.sections.len());
        Some((ri, paragraph, section))
    }
}

/// The remembered state. Unknown fields in the file are ignored and missing ones default, so
/// older and newer versions of the app read each other's files.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct State {
    /// The PATH arguments (files or directories) of the last session, as given.
    pub last_reports: Vec<String>,
    pub selected: Option<Position>,
    /// Filter queries, oldest first, without duplicates, at most [`HISTORY_LIMIT`].
    pub filter_history: Vec<String>,
}

/// A state file that could not be read; the app goes on with defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateWarning {
    pub path: PathBuf,
    pub problem: String,
    /// Where the unreadable file was moved, if it was.
    pub moved_to: Option<PathBuf>,
}

impl std::fmt::Display for StateWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {}; starting fresh",
            self.path.display(),
            self.problem
        )?;
        if let Some(m) = &self.moved_to {
            write!(f, " (old file kept as {})", m.display())?;
        }
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StateError {
    #[error("no directory for the state file on this system")]
    NoDir,
    #[error("{path}: cannot write state: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Where the state file lives: `state_dir()` (else `data_dir()`)`/baogao/state.json`.
pub fn path() -> Option<PathBuf> {
    dirs::state_dir()
        .or_else(dirs::data_dir)
        .map(|d| d.join("baogao").join("state.json"))
}

impl State {
    /// Load from [`path()`]. Never fails; see [`State::load_from`].
    pub fn load() -> (State, Option<StateWarning>) {
        match path() {
            Some(p) => State::load_from(&p),
            None => (State::default(), None),
        }
    }

    /// Load one state file. Missing: defaults, no warning. Unreadable or not valid state JSON:
    /// defaults, the file renamed to `<name>.corrupt-<timestamp>`, and a warning.
    pub fn load_from(path: &Path) -> (State, Option<StateWarning>) {
        let problem = match std::fs::read(path) {
            Ok(bytes) => match serde_json::from_slice::<State>(&bytes) {
                Ok(mut s) => {
                    s.tidy_history();
                    return (s, None);
                }
                Err(e) => format!("corrupt state file ({e})"),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (State::default(), None),
            Err(e) if e.kind() == std::io::ErrorKind::IsADirectory || path.is_dir() => {
                // Not ours to move; report it and carry on.
                return (
                    State::default(),
                    Some(StateWarning {
                        path: path.to_path_buf(),
                        problem: "is a directory".into(),
                        moved_to: None,
                    }),
                );
            }
            Err(e) => format!("cannot read state file ({e})"),
        };
        let aside = aside_name(path);
        let moved_to = std::fs::rename(path, &aside).ok().map(|_| aside);
        let warning = StateWarning {
            path: path.to_path_buf(),
            problem,
            moved_to,
        };
        (State::default(), Some(warning))
    }

    /// Save to [`path()`], creating the directory. Returns the file written.
    pub fn save(&self) -> Result<PathBuf, StateError> {
        let p = path().ok_or(StateError::NoDir)?;
        self.save_to(&p)?;
        Ok(p)
    }

    /// Save atomically: a temporary file in the same directory, renamed over `path`.
    pub fn save_to(&self, path: &Path) -> Result<(), StateError> {
        let io = |source| StateError::Io {
            path: path.to_path_buf(),
            source,
        };
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(io)?;
        let json = serde_json::to_vec_pretty(self).map_err(|e| io(std::io::Error::other(e)))?;
        let mut tmp = tempfile::Builder::new()
            .prefix(".state.json.")
            .tempfile_in(dir)
            .map_err(io)?;
        tmp.write_all(&json).map_err(io)?;
        tmp.as_file().sync_all().map_err(io)?;
        tmp.persist(path).map_err(|e| io(e.error))?;
        Ok(())
    }

    /// Save this session to [`path()`], merged with the file as it is now (see
    /// [`State::merge_into`]), so two instances keep each other's filter history.
    pub fn save_merged(&self) -> Result<PathBuf, StateError> {
        let p = path().ok_or(StateError::NoDir)?;
        self.save_merged_to(&p)?;
        Ok(p)
    }

    /// [`State::save_merged`] to a given file.
    pub fn save_merged_to(&self, path: &Path) -> Result<(), StateError> {
        let on_disk = match std::fs::read(path) {
            Ok(bytes) => serde_json::from_slice::<State>(&bytes).ok(),
            Err(_) => None,
        };
        let merged = match on_disk {
            Some(other) => self.merge_into(other),
            None => self.clone(),
        };
        merged.save_to(path)
    }

    /// This session saved over `other` (the file as another instance left it): this session's
    /// reports and position win; the filter histories are unioned, the other's queries first
    /// and this session's after them (the most recent last), within [`HISTORY_LIMIT`].
    pub fn merge_into(&self, other: State) -> State {
        let mut merged = State {
            last_reports: self.last_reports.clone(),
            selected: self.selected.clone(),
            filter_history: other.filter_history,
        };
        for q in &self.filter_history {
            merged.push_filter(q);
        }
        merged
    }

    /// Remember a filter query: trimmed, empty ones skipped, an earlier equal entry moved to the
    /// end, the oldest dropped beyond [`HISTORY_LIMIT`].
    pub fn push_filter(&mut self, query: &str) {
        let q = query.trim();
        if q.is_empty() {
            return;
        }
        self.filter_history.retain(|h| h != q);
        self.filter_history.push(q.to_string());
        self.tidy_history();
    }

    /// Keep a hand-edited history within the rules of [`State::push_filter`].
    fn tidy_history(&mut self) {
        let mut seen = std::collections::HashSet::new();
        // Keep the latest occurrence of each query.
        let mut kept: Vec<String> = Vec::new();
        for q in self.filter_history.iter().rev() {
            let q = q.trim();
            if !q.is_empty() && seen.insert(q.to_string()) {
                kept.push(q.to_string());
            }
        }
        kept.truncate(HISTORY_LIMIT);
        kept.reverse();
        self.filter_history = kept;
    }
}

/// `state.json` → `state.json.corrupt-20261122-093650` (UTC).
fn aside_name(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(
        ".corrupt-{}",
        crate::export_file::timestamp(std::time::SystemTime::now())
    ));
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_state() -> State {
        State {
            last_reports: vec!["/data/报告/".into(), "青溪镇.txt".into()],
            selected: Some(Position {
                report: "sample:青溪镇2024年政府工作报告.txt".into(),
                paragraph: 12,
                section: Some(3),
            }),
            filter_history: vec!["一般公共预算收入".into(), "乡村振兴 -旅游".into()],
        }
    }

    #[test]
    fn save_then_load_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("deeper").join("state.json");
        sample_state().save_to(&p).unwrap();
        let (s, w) = State::load_from(&p);
        assert_eq!(w, None);
        assert_eq!(s, sample_state());
        // Saving again replaces the file and leaves no temporary files behind.
        let mut s2 = s.clone();
        s2.push_filter("高标准农田");
        s2.save_to(&p).unwrap();
        assert_eq!(State::load_from(&p).0, s2);
        let names: Vec<_> = std::fs::read_dir(p.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["state.json"]);
    }

    #[test]
    fn missing_file_gives_defaults_quietly() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            State::load_from(&dir.path().join("state.json")),
            (State::default(), None)
        );
    }

    #[test]
    fn corrupt_file_is_set_aside() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("state.json");
        std::fs::write(&p, "{\"last_reports\": [\"a.txt\"").unwrap();
        let (s, w) = State::load_from(&p);
        assert_eq!(s, State::default());
        let w = w.expect("a warning");
        assert!(w.problem.contains("corrupt"), "{w}");
        let moved = w.moved_to.clone().expect("moved aside");
        assert!(!p.exists());
        assert!(moved
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("state.json.corrupt-"));
        assert_eq!(
            std::fs::read_to_string(&moved).unwrap(),
            "{\"last_reports\": [\"a.txt\""
        );
        assert!(w.to_string().contains("state.json"));
    }

    #[test]
    fn wrong_shape_is_corrupt_but_unknown_fields_are_fine() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("state.json");
        std::fs::write(&p, r#"{"last_reports": "a.txt"}"#).unwrap();
        let (s, w) = State::load_from(&p);
        assert_eq!(s, State::default());
        assert!(w.is_some());
        std::fs::write(&p, r#"{"filter_history": ["收入"], "from_the_future": 1}"#).unwrap();
        let (s, w) = State::load_from(&p);
        assert_eq!(w, None);
        assert_eq!(s.filter_history, ["收入"]);
    }

    #[test]
    fn filter_history_is_bounded_and_deduplicated() {
        let mut s = State::default();
        s.push_filter("收入");
        s.push_filter("  ");
        s.push_filter("投资");
        s.push_filter(" 收入 ");
        assert_eq!(s.filter_history, ["投资", "收入"]);
        for i in 0..HISTORY_LIMIT + 20 {
            s.push_filter(&format!("查询{i}"));
        }
        assert_eq!(s.filter_history.len(), HISTORY_LIMIT);
        assert_eq!(
            s.filter_history.last().unwrap(),
            &format!("查询{}", HISTORY_LIMIT + 19)
        );
        assert_eq!(s.filter_history[0], "查询20");
    }

    #[test]
    fn two_sessions_keep_each_others_history() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("state.json");
        // Both start from the same file.
        let start = State {
            filter_history: vec!["旧查询".into()],
            ..State::default()
        };
        start.save_to(&p).unwrap();
        let mut a = start.clone();
        a.push_filter("就业");
        a.last_reports = vec!["/a".into()];
        let mut b = start.clone();
        b.push_filter("收入");
        b.push_filter("旧查询");
        b.last_reports = vec!["/b".into()];
        // A quits first, then B.
        a.save_merged_to(&p).unwrap();
        b.save_merged_to(&p).unwrap();
        let (s, w) = State::load_from(&p);
        assert_eq!(w, None);
        assert_eq!(s.filter_history, ["就业", "收入", "旧查询"]);
        assert_eq!(
            s.last_reports,
            ["/b"],
            "the last to quit decides where to reopen"
        );
        // A corrupt or missing file is simply replaced.
        std::fs::write(&p, "{not json").unwrap();
        a.save_merged_to(&p).unwrap();
        assert_eq!(State::load_from(&p).0, a);
    }

    #[test]
    fn merge_stays_within_the_limit_keeping_the_newest() {
        let other = State {
            filter_history: (0..HISTORY_LIMIT).map(|i| format!("旧{i}")).collect(),
            ..State::default()
        };
        let mine = State {
            filter_history: vec!["新".into()],
            ..State::default()
        };
        let m = mine.merge_into(other);
        assert_eq!(m.filter_history.len(), HISTORY_LIMIT);
        assert_eq!(m.filter_history.last().map(String::as_str), Some("新"));
        assert_eq!(m.filter_history[0], "旧1");
    }

    #[test]
    fn hand_edited_history_is_tidied_on_load() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("state.json");
        std::fs::write(&p, r#"{"filter_history": ["a", "b", "a", ""]}"#).unwrap();
        assert_eq!(State::load_from(&p).0.filter_history, ["b", "a"]);
    }

    #[test]
    fn position_resolves_against_loaded_reports() {
        let reports = crate::samples::reports();
        let pos = Position {
            report: reports[1].source.clone(),
            paragraph: 100_000,
            section: Some(100_000),
        };
        let (ri, para, sec) = pos.resolve(&reports).unwrap();
        assert_eq!(ri, 1);
        assert_eq!(para, reports[1].paragraphs.len() - 1);
        assert_eq!(sec, None);
        let gone = Position {
            report: "/nowhere.txt".into(),
            ..pos
        };
        assert_eq!(gone.resolve(&reports), None);
    }
}
