//! The one reader every input goes through: no read is unbounded, none blocks forever.
//!
//! - A regular file is read up to `max_size` bytes (its stat size is checked first, and the read
//!   itself stops one byte past the limit: a file that grows while read cannot exceed it). It is
//!   opened non-blocking, so a file swapped for a FIFO after the check cannot hang `open`.
//! - Anything else — a FIFO, `/dev/zero`, a terminal, a socket — is read only when named
//!   explicitly (a directory walk takes regular files only, see [`super::expand`]), with the same
//!   size cap and a time limit ([`SPECIAL_TIME_LIMIT`]): a FIFO nobody writes to, or a device
//!   that never ends, becomes an error naming the file instead of a hang or a memory blow-up.
//! - Stdin (`-`) is read with the size cap; waiting for a slow pipe there is what the user asked.

use super::{Input, LoadOptions};
use crate::error::LoadError;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a FIFO, device or socket may take to reach its end.
pub const SPECIAL_TIME_LIMIT: Duration = Duration::from_secs(5);

/// Read one input's bytes, bounded in size (and in time when it is not a regular file).
pub fn read_input(input: &Input, opts: &LoadOptions) -> Result<Vec<u8>, LoadError> {
    match input {
        Input::Stdin => read_capped(std::io::stdin().lock(), Path::new("-"), opts.size_limit()),
        Input::File(p) => read_path(Path::new(p), opts.size_limit()),
    }
}

/// Is this path something a session may remember and read again on its own: a regular file
/// (or a directory of them)? FIFOs, devices and sockets are read only when named again.
pub fn is_rememberable(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|md| md.is_file() || md.is_dir())
}

fn io_error(path: &Path, source: std::io::Error) -> LoadError {
    if source.kind() == std::io::ErrorKind::NotFound {
        LoadError::Missing {
            path: path.to_path_buf(),
        }
    } else {
        LoadError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

fn read_path(path: &Path, max: u64) -> Result<Vec<u8>, LoadError> {
    let md = std::fs::metadata(path).map_err(|e| io_error(path, e))?;
    if md.is_dir() {
        return Err(LoadError::Format {
            path: path.to_path_buf(),
            what: "is a directory".into(),
        });
    }
    if !md.is_file() {
        return read_special(path, kind_of(&md), max);
    }
    if md.len() > max {
        return Err(LoadError::TooLarge {
            path: path.to_path_buf(),
            size: md.len(),
            limit: max,
        });
    }
    let file = open_nonblocking(path).map_err(|e| io_error(path, e))?;
    // The path may have been swapped between the two looks.
    let size = match file.metadata() {
        Ok(m) if m.is_file() => m.len(),
        _ => {
            return Err(LoadError::Format {
                path: path.to_path_buf(),
                what: "changed from a regular file while being opened: not read".into(),
            })
        }
    };
    // Sized from the start (one more byte to see the end): no regrowing and copying.
    let mut buf = Vec::with_capacity(usize::try_from(size.min(max) + 1).unwrap_or(0));
    fill_capped(file, path, max, &mut buf)?;
    Ok(buf)
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

fn kind_of(md: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = md.file_type();
        if t.is_fifo() {
            return "named pipe (FIFO)";
        }
        if t.is_char_device() {
            return "character device";
        }
        if t.is_block_device() {
            return "block device";
        }
        if t.is_socket() {
            return "socket";
        }
    }
    let _ = md;
    "special file"
}

/// At most `max` bytes; one more means the input is over the limit.
fn read_capped(r: impl Read, path: &Path, max: u64) -> Result<Vec<u8>, LoadError> {
    let mut buf = Vec::new();
    fill_capped(r, path, max, &mut buf)?;
    Ok(buf)
}

/// [`read_capped`] into `buf` (which may have room reserved already).
fn fill_capped(r: impl Read, path: &Path, max: u64, buf: &mut Vec<u8>) -> Result<(), LoadError> {
    r.take(max.saturating_add(1))
        .read_to_end(buf)
        .map_err(|e| io_error(path, e))?;
    if buf.len() as u64 > max {
        return Err(LoadError::TooLarge {
            path: path.to_path_buf(),
            size: buf.len() as u64,
            limit: max,
        });
    }
    Ok(())
}

/// A FIFO, device or socket: read on a helper thread, given up after [`SPECIAL_TIME_LIMIT`]
/// (the thread, blocked in `open` or `read`, is left behind; it holds no lock and ends with the
/// process).
fn read_special(path: &Path, kind: &'static str, max: u64) -> Result<Vec<u8>, LoadError> {
    let (tx, rx) = std::sync::mpsc::channel();
    let owned: PathBuf = path.to_path_buf();
    let spawned = std::thread::Builder::new()
        .name("baogao-read-special".into())
        .spawn(move || {
            let r = std::fs::File::open(&owned)
                .map_err(|e| io_error(&owned, e))
                .and_then(|f| read_capped(f, &owned, max));
            let _ = tx.send(r);
        });
    if let Err(e) = spawned {
        return Err(io_error(path, e));
    }
    match rx.recv_timeout(SPECIAL_TIME_LIMIT) {
        Ok(Err(LoadError::TooLarge { limit, .. })) => Err(LoadError::Format {
            path: path.to_path_buf(),
            what: format!(
                "a {kind} with more than {limit} bytes: not read (raise the limit with --max-size)"
            ),
        }),
        Ok(r) => r,
        Err(_) => Err(LoadError::Format {
            path: path.to_path_buf(),
            what: format!(
                "a {kind} that did not reach its end within {} s: not read",
                SPECIAL_TIME_LIMIT.as_secs()
            ),
        }),
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::time::Instant;

    fn opts(max_size: u64) -> LoadOptions {
        LoadOptions {
            max_size,
            ..Default::default()
        }
    }

    #[test]
    fn dev_zero_stops_at_the_cap() {
        let t = Instant::now();
        let e = read_input(&Input::File("/dev/zero".into()), &opts(1 << 20)).unwrap_err();
        let msg = e.to_string();
        assert!(msg.starts_with("/dev/zero: a character device"), "{msg}");
        assert!(msg.contains("--max-size"), "{msg}");
        assert!(t.elapsed() < Duration::from_secs(4));
    }

    #[test]
    fn a_fifo_nobody_writes_to_times_out() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.txt");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let t = Instant::now();
        let e = read_input(&Input::File(fifo.to_string_lossy().into()), &opts(1 << 20));
        let msg = e.unwrap_err().to_string();
        assert!(msg.contains("named pipe (FIFO)"), "{msg}");
        assert!(t.elapsed() < SPECIAL_TIME_LIMIT + Duration::from_secs(2));
        assert!(!is_rememberable(&fifo));
    }

    #[test]
    fn a_regular_file_over_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.txt");
        std::fs::write(&p, vec![b'a'; 2000]).unwrap();
        let input = Input::File(p.to_string_lossy().into());
        assert!(matches!(
            read_input(&input, &opts(1000)),
            Err(LoadError::TooLarge { size: 2000, .. })
        ));
        assert_eq!(read_input(&input, &opts(2000)).unwrap().len(), 2000);
        assert!(is_rememberable(&p));
    }
}
