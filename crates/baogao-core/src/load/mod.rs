//! Loading: paths → bytes → text → cleaned lines → [`Report`]s.
//!
//! Any encoding (see [`decode`]), plain text, HTML pages, `.docx`, and CSV files whose rows hold
//! whole reports. Bad input becomes a [`LoadError`] naming the file; other files still load.

pub mod background;
pub mod budget;
pub mod clean;
pub mod contained;
pub mod decode;
mod formats;
mod html_flat;
pub mod lines;
pub mod pdf;
pub mod read;
pub mod repair;
mod repeats;
mod running;

pub use read::{is_rememberable, read_input};

use crate::error::LoadError;
use crate::report::Report;
pub(crate) use formats::is_table_row;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Default size limit for one file.
pub const DEFAULT_MAX_SIZE: u64 = 64 * 1024 * 1024;

/// The most `max_size` may be: 1 GiB. A report's text (at most three bytes for each byte read,
/// decoded) then stays under 4 GiB, so its offsets fit in 32 bits ([`crate::Paragraph`]).
pub const MAX_SIZE_LIMIT: u64 = 1 << 30;

/// File extensions picked up when walking a directory.
pub const REPORT_EXTENSIONS: &[&str] = &["txt", "text", "md", "htm", "html", "docx", "csv", "pdf"];

#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Bytes one input may have (and a container inflate to); at most [`MAX_SIZE_LIMIT`],
    /// whatever is asked ([`LoadOptions::size_limit`]).
    pub max_size: u64,
    /// Work out [`Report::source_lines`] for plain text files (what `grep` prints). Matching
    /// paragraphs back to file lines is about a sixth of loading, so a reader that never shows
    /// line numbers turns it off.
    pub source_lines: bool,
    /// Work out [`Report::meta`] (title, place, year, …). Its place-name scan is a sixth of
    /// loading; `grep`, which never shows it, turns it off (the fields are then left empty).
    pub meta: bool,
}

impl LoadOptions {
    /// The size limit in force: `max_size`, never over [`MAX_SIZE_LIMIT`].
    pub fn size_limit(&self) -> u64 {
        self.max_size.min(MAX_SIZE_LIMIT)
    }
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_size: DEFAULT_MAX_SIZE,
            source_lines: true,
            meta: true,
        }
    }
}

/// One input to load: a file path as the user named it (or found under a directory), or stdin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File(String),
}

impl Input {
    pub fn name(&self) -> &str {
        match self {
            Input::Stdin => "-",
            Input::File(p) => p,
        }
    }
}

fn is_report_file(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| REPORT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Expand paths: directories recursively (report-like files only, sorted), files as given,
/// `-` for stdin. Missing paths are kept so that loading reports them.
pub fn expand(paths: &[String]) -> Vec<Input> {
    let mut out = Vec::new();
    for p in paths {
        if p == "-" {
            out.push(Input::Stdin);
            continue;
        }
        let path = Path::new(p);
        if path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found);
            out.extend(
                found
                    .into_iter()
                    .map(|f| Input::File(f.to_string_lossy().into_owned())),
            );
        } else {
            out.push(Input::File(p.clone()));
        }
    }
    out
}

/// The report files under `dir`, depth first with each directory's entries in name order: the
/// order `Path` sorts in (component by component), so the list needs no sort of its own (which,
/// comparing paths component by component, took a third of a warm search's setup). A stack,
/// not recursion.
fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
    let mut stack = vec![listing(dir).into_iter()];
    while let Some(top) = stack.last_mut() {
        match top.next() {
            None => {
                stack.pop();
            }
            Some((p, true)) => stack.push(listing(&p).into_iter()),
            Some((p, false)) => found.push(p),
        }
    }
}

/// A directory's report files (`false`) and subdirectories other than hidden ones (`true`), by
/// name.
fn listing(dir: &Path) -> Vec<(PathBuf, bool)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for e in entries.flatten() {
        let Ok(ft) = e.file_type() else { continue };
        let name = e.file_name();
        if ft.is_dir() {
            if !name.as_encoded_bytes().starts_with(b".") {
                out.push((name, e.path(), true));
            }
        } else {
            let p = e.path();
            if is_report_file(&p)
                && (ft.is_file()
                    || ft.is_symlink() && std::fs::metadata(&p).is_ok_and(|m| m.is_file()))
            {
                // Regular files only (a symlink to one too): a FIFO or device found by a walk
                // is never read; named on the command line it is, within limits (see [`read`]).
                out.push((name, p, false));
            }
        }
    }
    out.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    out.into_iter().map(|(_, p, dir)| (p, dir)).collect()
}

/// Load one input: usually one report, several for a CSV with one report per row.
pub fn load_input(input: &Input, opts: &LoadOptions) -> Vec<Result<Report, LoadError>> {
    match read_input(input, opts) {
        Ok(bytes) => load_bytes_with(input.name(), &bytes, opts),
        Err(e) => vec![Err(e)],
    }
}

/// Load every path (see [`expand`]) in parallel; results keep the input order.
pub fn load_paths(paths: &[String], opts: &LoadOptions) -> Vec<Result<Report, LoadError>> {
    load_inputs(&expand(paths), opts)
}

/// Load every input in parallel; results keep the input order.
pub fn load_inputs(inputs: &[Input], opts: &LoadOptions) -> Vec<Result<Report, LoadError>> {
    inputs
        .par_iter()
        .map(|i| load_input(i, opts))
        .collect::<Vec<_>>()
        .into_iter()
        .flatten()
        .collect()
}

/// Build reports from a file's bytes with the default options; see [`load_bytes_with`].
pub fn load_bytes(name: &str, bytes: &[u8]) -> Vec<Result<Report, LoadError>> {
    load_bytes_with(name, bytes, &LoadOptions::default())
}

/// Build reports from a file's bytes; `name` is the path as given (its extension picks the
/// format), `opts.max_size` also bounds what a container (docx) may decompress to. A panic in a
/// loader becomes this file's error: one bad file never takes the others down with it.
pub fn load_bytes_with(
    name: &str,
    bytes: &[u8],
    opts: &LoadOptions,
) -> Vec<Result<Report, LoadError>> {
    let guarded = std::panic::catch_unwind(|| parse_bytes(name, bytes, opts));
    guarded.unwrap_or_else(|panic| {
        let why = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        vec![Err(LoadError::Format {
            path: PathBuf::from(name),
            what: format!("the loader failed on this file (internal error: {why})"),
        })]
    })
}

fn parse_bytes(name: &str, bytes: &[u8], opts: &LoadOptions) -> Vec<Result<Report, LoadError>> {
    let path = PathBuf::from(name);
    if bytes.len() as u64 > opts.size_limit() {
        return vec![Err(LoadError::TooLarge {
            path,
            size: bytes.len() as u64,
            limit: opts.size_limit(),
        })];
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return vec![Err(LoadError::Empty { path })];
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    if ext == "pdf" || bytes.starts_with(b"%PDF-") {
        let budget = budget::Budget::for_container(opts.size_limit(), bytes.len());
        return vec![pdf::pdf_text(bytes, &budget)
            .map_err(|e| LoadError::Format {
                path: path.clone(),
                what: e.to_string(),
            })
            .and_then(|text| {
                let report = from_text_as(name, &text, "pdf", true, opts.meta);
                if report.paragraphs.is_empty() {
                    return Err(LoadError::NoText { path: path.clone() });
                }
                Ok(report)
            })];
    }
    if ext == "docx" || bytes.starts_with(b"PK\x03\x04") {
        let budget = budget::Budget::for_container(opts.size_limit(), bytes.len());
        return vec![formats::docx_text(bytes, &budget)
            .map_err(|what| LoadError::Format {
                path: path.clone(),
                what,
            })
            .and_then(|text| from_text_checked(name, &text, "docx (UTF-8)", opts))];
    }
    if decode::looks_binary(bytes) {
        return vec![Err(LoadError::Binary { path })];
    }
    let decoded = decode::decode(bytes);
    if ext == "csv" {
        return match formats::csv_reports(&decoded.text) {
            Ok(rows) if !rows.is_empty() => rows
                .into_iter()
                .map(|row| {
                    let source = format!("{name}#{}", row.number);
                    from_text_checked(&source, &row.text, &decoded.encoding, opts).map(|mut r| {
                        if opts.meta {
                            row.apply_meta(&mut r.meta);
                        }
                        r
                    })
                })
                .collect(),
            // No column holds report text: a table, one paragraph per row (at its file line).
            _ => vec![
                table_checked(name, &decoded.text, &decoded.encoding, opts).map(|mut r| {
                    if !opts.source_lines {
                        return r;
                    }
                    r.source_lines = lines::paragraph_lines(
                        &decoded.text,
                        r.paragraphs.iter().map(|p| &r.text[p.range()]),
                    );
                    r
                }),
            ],
        };
    }
    if matches!(ext.as_str(), "htm" | "html") || formats::looks_like_html(&decoded.text) {
        let text = formats::html_text(&decoded.text);
        return vec![from_text_checked(name, &text, &decoded.encoding, opts)];
    }
    // Plain text: each paragraph knows the file line it starts on.
    vec![
        from_text_checked(name, &decoded.text, &decoded.encoding, opts).map(|mut r| {
            if !opts.source_lines {
                return r;
            }
            r.source_lines = lines::paragraph_lines(
                &decoded.text,
                r.paragraphs.iter().map(|p| &r.text[p.range()]),
            );
            r
        }),
    ]
}

fn from_text_checked(
    source: &str,
    text: &str,
    encoding: &str,
    opts: &LoadOptions,
) -> Result<Report, LoadError> {
    let report = from_text_as(source, text, encoding, false, opts.meta);
    if report.paragraphs.is_empty() {
        return Err(LoadError::NoText {
            path: source.into(),
        });
    }
    Ok(report)
}

/// A CSV file that is a table: each row its own paragraph (rows are never joined as broken
/// sentences are: `a,b` and `1,2` stay two rows).
fn table_checked(
    source: &str,
    text: &str,
    encoding: &str,
    opts: &LoadOptions,
) -> Result<Report, LoadError> {
    let (lines, _) = clean::clean(text);
    let rows: Vec<String> = lines
        .into_iter()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    if rows.is_empty() {
        return Err(LoadError::NoText {
            path: source.into(),
        });
    }
    Ok(crate::outline::build_with(
        source.to_string(),
        encoding.to_string(),
        rows,
        opts.meta,
    ))
}

/// Build a report from already decoded text (cleaning, paragraphs, outline, metadata).
pub fn from_text(source: &str, text: &str, encoding: &str) -> Report {
    from_text_as(source, text, encoding, false, true)
}

/// [`from_text`], for text that is known to come from printed pages (`printed`) or may; `meta`
/// as [`LoadOptions::meta`].
fn from_text_as(source: &str, text: &str, encoding: &str, printed: bool, meta: bool) -> Report {
    let (lines, header) = clean::clean(text);
    let lines = if printed {
        repair::repair_printed(lines)
    } else {
        repair::repair(lines)
    };
    let paragraphs = crate::outline::paragraphs_from_lines(&lines);
    let mut report =
        crate::outline::build_with(source.to_string(), encoding.to_string(), paragraphs, meta);
    if !meta {
        return report;
    }
    // A web dump's own header names the document better than any line of its text.
    if let Some(title) = header
        .title
        .as_deref()
        .and_then(crate::meta::title_candidate)
    {
        crate::meta::apply_title(&mut report.meta, title);
    }
    if report.meta.date.is_none() {
        report.meta.date = header.date.and_then(|d| crate::meta::normalise_date(&d));
    }
    if report.meta.speaker.is_none() {
        report.meta.speaker = header.speaker;
    }
    report
}

#[cfg(test)]
mod tests {
    /// Bytes over the limit are refused by name, whoever read them, and no limit asked for
    /// goes past [`super::MAX_SIZE_LIMIT`] (which keeps a report's offsets in 32 bits).
    #[test]
    fn bytes_over_the_size_limit_are_refused() {
        let opts = super::LoadOptions {
            max_size: 10,
            ..Default::default()
        };
        let r = super::load_bytes_with("报告.txt", "一二三四".as_bytes(), &opts);
        assert!(
            matches!(
                &r[..],
                [Err(crate::LoadError::TooLarge {
                    size: 12,
                    limit: 10,
                    ..
                })]
            ),
            "{r:?}"
        );
        assert_eq!(opts.size_limit(), 10);
        let huge = super::LoadOptions {
            max_size: u64::MAX,
            ..Default::default()
        };
        assert_eq!(huge.size_limit(), super::MAX_SIZE_LIMIT);
        assert!(super::load_bytes_with("报告.txt", "一二三四".as_bytes(), &huge)[0].is_ok());
    }

    /// The walk gives report files in the order a sort of their paths would (component by
    /// component: `a/z.txt` before `a-b.txt`, where bytes would put it after), leaves out
    /// hidden directories and what is not a regular file, and follows a symlink to a file.
    #[test]
    fn a_directory_walk_gives_report_files_in_path_order() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        let files = [
            "a/z.txt",
            "a/b/c.txt",
            "a-b.txt",
            "a.b.txt",
            "a.txt",
            "B.txt",
            "报告/二.txt",
            "报告.txt",
            "z/y/x/w.html",
            ".hidden/h.txt",
            "a/.h.txt",
            "note.bin",
        ];
        for f in files {
            let p = root.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, "报告").unwrap();
        }
        std::fs::create_dir(root.join("dir.txt")).unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(root.join("a.txt"), root.join("link.txt")).unwrap();
            std::os::unix::fs::symlink(root.join("missing"), root.join("dangling.txt")).unwrap();
            let c = std::ffi::CString::new(root.join("pipe.txt").to_str().unwrap()).unwrap();
            // SAFETY: a valid NUL-terminated path.
            assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        }
        let mut found = Vec::new();
        super::walk(root, &mut found);
        let mut sorted = found.clone();
        sorted.sort();
        assert_eq!(found, sorted);
        let names: Vec<String> = found
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().to_string_lossy().into_owned())
            .collect();
        let mut want = vec![
            "B.txt",
            "a/.h.txt",
            "a/b/c.txt",
            "a/z.txt",
            "a-b.txt",
            "a.b.txt",
            "a.txt",
            "z/y/x/w.html",
            "报告/二.txt",
            "报告.txt",
        ];
        if cfg!(unix) {
            want.insert(7, "link.txt");
        }
        assert_eq!(names, want);
    }

    #[test]
    fn without_meta_only_the_metadata_is_left_out() {
        let report = "某某市2025年政府工作报告\n\n——2025年1月10日在某某市第十七届人民代表大会第四次会议上\n\n一、过去一年工作回顾\n\n地区生产总值增长5.2%。\n";
        let csv = "标题,地区,正文\n工作报告,东川县,\"一、总体要求\n全年粮食产量稳定。\"\n";
        let quiet = super::LoadOptions {
            meta: false,
            ..Default::default()
        };
        for (name, bytes) in [("市.txt", report.as_bytes()), ("表.csv", csv.as_bytes())] {
            let full = super::load_bytes(name, bytes);
            let bare = super::load_bytes_with(name, bytes, &quiet);
            assert_eq!(full.len(), bare.len());
            for (f, b) in full.iter().zip(&bare) {
                let (f, b) = (f.as_ref().unwrap(), b.as_ref().unwrap());
                assert_ne!(
                    f.meta,
                    Default::default(),
                    "{name}: the full load finds metadata"
                );
                assert_eq!(b.meta, Default::default(), "{name}");
                assert_eq!((&f.text, &f.paragraphs), (&b.text, &b.paragraphs), "{name}");
                assert_eq!(f.sections, b.sections, "{name}");
                assert_eq!(f.source_lines, b.source_lines, "{name}");
            }
        }
    }

    #[test]
    fn a_csv_table_keeps_its_rows_apart() {
        let r = super::load_bytes("表.csv", b"a,b\n1,2\n");
        let r = r[0].as_ref().expect("a table loads");
        assert_eq!(&*r.text, "a,b\n1,2");
        assert_eq!(r.paragraphs.len(), 2);
        // A table's rows are lines of the file: grep can print them as such.
        let r = super::load_bytes("表.csv", b"a,b\r\n\r\n1,2\r\n");
        assert_eq!(r[0].as_ref().unwrap().source_lines, vec![Some(1), Some(3)]);
    }
}
