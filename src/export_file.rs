//! Writing an export to a file: a default name in the current directory, never overwriting,
//! atomic. The content comes from [`baogao_core::table::render_indicators`] (a file's framing:
//! header, CSV BOM).
//!
//! Existing files are never replaced: when the chosen name is taken, a numeric suffix is added
//! before the extension (`table.tsv` → `table-1.tsv`, `table-2.tsv`, …) and the name actually
//! written is returned, absolute, for the UI to show. The file appears complete or not at all
//! (a temporary file in the target directory, linked into place only if the name is free).

use baogao_core::indicators::Indicator;
use baogao_core::table::{render_indicators, Destination, Format};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// How many suffixed names are tried before giving up.
const MAX_SUFFIX: u32 = 9999;

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{path}: cannot write: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: the directory does not exist")]
    NoDirectory { path: PathBuf },
    #[error("{path}: is a directory; give a file name")]
    IsDirectory { path: PathBuf },
    #[error("{path}: every name up to -{MAX_SUFFIX} is taken")]
    NoFreeName { path: PathBuf },
}

/// File extension for a format: `tsv`, `csv`, `md`, `json`.
pub fn extension(format: Format) -> &'static str {
    crate::config::format_name(format)
}

/// The default file name: `baogao-indicators-YYYYMMDD-HHMMSS.<ext>` (UTC).
pub fn default_name(format: Format, now: SystemTime) -> String {
    format!("baogao-indicators-{}.{}", timestamp(now), extension(format))
}

/// Render `rows` in `format` and write them to `path`, or to [`default_name`] in the current
/// directory (or in `path` when it is a directory). Returns the absolute path written, which
/// differs from `path` when that name was taken (see the module doc).
pub fn write(
    rows: &[Indicator],
    format: Format,
    path: Option<&Path>,
) -> Result<PathBuf, ExportError> {
    let path = path.map(|p| expand_tilde(p, dirs::home_dir().as_deref()));
    let name = || PathBuf::from(default_name(format, SystemTime::now()));
    let target = match path {
        Some(p) if p.is_dir() => p.join(name()),
        Some(p) => p,
        None => name(),
    };
    // The name's extension, when it names a format, chooses it: `x.csv` holds CSV whatever
    // format the dialog had selected.
    let format = format_of_name(&target).unwrap_or(format);
    write_content(&render_indicators(rows, format, Destination::File), &target)
}

/// The format a file name asks for by its extension (`x.csv`, `x.md`, `x.jsonl`), if any.
pub fn format_of_name(path: &Path) -> Option<Format> {
    Format::parse(&path.extension()?.to_string_lossy())
}

/// `~` and `~/…` mean the home directory, as in a shell; anything else is kept as typed.
pub fn expand_tilde(path: &Path, home: Option<&Path>) -> PathBuf {
    let Some(home) = home else {
        return path.to_path_buf();
    };
    match path.strip_prefix("~") {
        Ok(rest) => home.join(rest),
        Err(_) => path.to_path_buf(),
    }
}

/// The mode a new file gets under the process umask (0644 under the usual 022), as `>` in a
/// shell would give it; a temporary file is created 0600 and widened to this before it is named.
#[cfg(unix)]
fn creation_mode() -> u32 {
    0o666 & !process_umask()
}

/// The process umask, read once. Linux reports it in `/proc/self/status`; elsewhere it can only be
/// read by swapping it, which is done once (under the `OnceLock`) because a second thread reading
/// it mid-swap would see the temporary mask.
#[cfg(unix)]
fn process_umask() -> u32 {
    static UMASK: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    *UMASK.get_or_init(|| {
        let from_proc = std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|status| {
                let line = status.lines().find(|l| l.starts_with("Umask:"))?;
                u32::from_str_radix(line["Umask:".len()..].trim(), 8).ok()
            });
        from_proc.unwrap_or_else(|| {
            // SAFETY: umask only swaps the process mask; it is set back at once.
            let old = unsafe { libc::umask(0o077) };
            unsafe { libc::umask(old) };
            #[allow(clippy::useless_conversion)] // mode_t is u16 on some platforms
            u32::from(old)
        })
    })
}

/// Write `content` to `target` (relative to the current directory), never overwriting: see the
/// module doc. Returns the absolute path written.
pub fn write_content(content: &str, target: &Path) -> Result<PathBuf, ExportError> {
    let io = |path: &Path, source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    };
    // A directory (`.`, `out/`) is not a file name: taking its "parent" as the directory would
    // put the file somewhere else.
    let text = target.as_os_str().to_string_lossy();
    if target.is_dir()
        || target.file_name().is_none()
        || text.ends_with(['/', std::path::MAIN_SEPARATOR])
        || text.ends_with("/.")
        || text == "."
    {
        return Err(ExportError::IsDirectory {
            path: target.to_path_buf(),
        });
    }
    let target = std::path::absolute(target).map_err(|e| io(target, e))?;
    let dir = target.parent().unwrap_or(Path::new("/")).to_path_buf();
    if !dir.is_dir() {
        return Err(ExportError::NoDirectory { path: dir });
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".baogao-export.")
        .tempfile_in(&dir)
        .map_err(|e| io(&dir, e))?;
    tmp.write_all(content.as_bytes())
        .map_err(|e| io(&target, e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(creation_mode()))
            .map_err(|e| io(&target, e))?;
    }
    tmp.as_file().sync_all().map_err(|e| io(&target, e))?;
    for n in 0..=MAX_SUFFIX {
        let candidate = if n == 0 {
            target.clone()
        } else {
            suffixed(&target, n)
        };
        match tmp.persist_noclobber(&candidate) {
            Ok(_) => return Ok(candidate),
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => tmp = e.file,
            Err(e) => return Err(io(&candidate, e.error)),
        }
    }
    Err(ExportError::NoFreeName { path: target })
}

/// `dir/name.ext` → `dir/name-N.ext` (`name-N` when there is no extension).
fn suffixed(path: &Path, n: u32) -> PathBuf {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let name = match path.extension() {
        Some(ext) => format!("{stem}-{n}.{}", ext.to_string_lossy()),
        None => format!("{stem}-{n}"),
    };
    path.with_file_name(name)
}

/// `YYYYMMDD-HHMMSS` in UTC, for file names.
pub fn timestamp(t: SystemTime) -> String {
    let secs = t
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil_from_days(days as i64);
    format!(
        "{y:04}{m:02}{d:02}-{:02}{:02}{:02}",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Days since 1970-01-01 → (year, month, day), proleptic Gregorian (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn timestamps_are_utc_calendar_times() {
        let at = |s: u64| timestamp(SystemTime::UNIX_EPOCH + Duration::from_secs(s));
        assert_eq!(at(0), "19700101-000000");
        // 2024-02-29 23:59:59 UTC, a leap day.
        assert_eq!(at(1_709_251_199), "20240229-235959");
        assert_eq!(at(1_709_251_200), "20240301-000000");
        assert_eq!(at(1_735_689_600), "20250101-000000");
    }

    #[test]
    fn default_name_carries_format_extension() {
        let t = SystemTime::UNIX_EPOCH + Duration::from_secs(1_705_017_600);
        assert_eq!(
            default_name(Format::Csv, t),
            "baogao-indicators-20240112-000000.csv"
        );
        assert_eq!(
            default_name(Format::Markdown, t),
            "baogao-indicators-20240112-000000.md"
        );
    }

    #[test]
    fn never_overwrites_and_returns_the_name_written() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("指标.tsv");
        std::fs::write(&target, "原有内容").unwrap();
        let first = write_content("指标\t数值\n收入\t8260\n", &target).unwrap();
        assert_eq!(first, dir.path().join("指标-1.tsv"));
        let second = write_content("第二份", &target).unwrap();
        assert_eq!(second, dir.path().join("指标-2.tsv"));
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "原有内容");
        assert_eq!(
            std::fs::read_to_string(&first).unwrap(),
            "指标\t数值\n收入\t8260\n"
        );
        assert_eq!(std::fs::read_to_string(&second).unwrap(), "第二份");
        // No temporary files are left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 3);
    }

    #[test]
    fn free_name_is_used_as_given_and_made_absolute() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out");
        let written = write_content("x", &target).unwrap();
        assert_eq!(written, target);
        assert!(written.is_absolute());
        std::fs::write(dir.path().join("out-1"), "").unwrap();
        assert_eq!(
            write_content("y", &target).unwrap(),
            dir.path().join("out-2")
        );
    }

    #[test]
    fn a_directory_is_not_a_file_name() {
        let dir = tempfile::tempdir().unwrap();
        for target in [
            dir.path().to_path_buf(),
            dir.path().join("."),
            dir.path().join("sub/"),
            PathBuf::from("."),
        ] {
            let err = write_content("x", &target).unwrap_err();
            assert!(
                matches!(err, ExportError::IsDirectory { .. }),
                "{target:?}: {err}"
            );
        }
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        // `write` puts the default name inside a directory it is given.
        let p = write(&[], Format::Tsv, Some(dir.path())).unwrap();
        assert_eq!(p.parent(), Some(dir.path()));
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            name.starts_with("baogao-indicators-") && name.ends_with(".tsv"),
            "{name}"
        );
    }

    #[test]
    fn missing_directory_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_content("x", &dir.path().join("no/such/dir/a.tsv")).unwrap_err();
        assert!(matches!(err, ExportError::NoDirectory { .. }), "{err}");
    }

    #[test]
    fn write_renders_rows_in_the_format() {
        let dir = tempfile::tempdir().unwrap();
        let rows = baogao_core::indicators::extract(&crate::samples::reports()[0]);
        let p = write(&rows, Format::Json, Some(&dir.path().join("a.json"))).unwrap();
        let written = std::fs::read_to_string(&p).unwrap();
        assert_eq!(
            written,
            render_indicators(&rows, Format::Json, Destination::File)
        );
        let v: serde_json::Value = serde_json::from_str(&written).unwrap();
        assert_eq!(v.as_array().map(Vec::len), Some(rows.len()));
    }

    #[test]
    fn the_extension_chooses_the_format() {
        let dir = tempfile::tempdir().unwrap();
        let rows = crate::samples::reports()
            .iter()
            .flat_map(baogao_core::indicators::extract)
            .collect::<Vec<_>>();
        let csv = write(&rows, Format::Tsv, Some(&dir.path().join("x.csv"))).unwrap();
        let text = std::fs::read_to_string(&csv).unwrap();
        assert!(text.starts_with('\u{feff}'), "CSV carries its BOM");
        assert!(text.lines().next().unwrap().contains(','));
        assert!(!text.contains('\t'), "tab-separated data in a .csv file");
        // An extension that names no format keeps the selected one.
        let other = write(&rows, Format::Tsv, Some(&dir.path().join("x.txt"))).unwrap();
        assert!(std::fs::read_to_string(other).unwrap().contains('\t'));
    }

    #[test]
    fn tilde_means_home() {
        let home = Path::new("/home/someone");
        assert_eq!(
            expand_tilde(Path::new("~/exp.tsv"), Some(home)),
            home.join("exp.tsv")
        );
        assert_eq!(expand_tilde(Path::new("~"), Some(home)), home);
        assert_eq!(
            expand_tilde(Path::new("a/~/b.tsv"), Some(home)),
            Path::new("a/~/b.tsv")
        );
        assert_eq!(
            expand_tilde(Path::new("~/x.tsv"), None),
            Path::new("~/x.tsv")
        );
    }

    #[cfg(unix)]
    #[test]
    fn files_get_the_umask_mode_not_0600() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let written = write_content("a\tb\n", &dir.path().join("t.tsv")).unwrap();
        let mode = std::fs::metadata(written).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, creation_mode());
        assert_ne!(creation_mode() & 0o044, 0, "a usual umask lets others read");
    }
}
