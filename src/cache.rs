//! The on-disk cache both `baogao grep` and the TUI keep of loaded files: one [`Store`] per use,
//! each a subdirectory of the cache root with its own entry format and size bound — `grep` (the
//! searchable form, see `cli::grep::doc`) and `reports` (parsed reports with their indicators and
//! panel rows, see `tui::cached`).
//!
//! Honest: an entry is used only when it was written by this very program build (size and
//! modification time of the executable, the store's format version, and whatever else the caller
//! says its contents depend on, such as the user's lexicon) for the same absolute path, and the
//! file's bytes still hash (XXH3-128) to what they hashed to then — timestamps are not trusted,
//! so an edit within the same second, or one that restores the old mtime, is seen. The header and
//! both parts carry checksums: a damaged entry is a miss, never a wrong answer.
//!
//! Private: the directory is created 0700 and used only when it is a real directory owned by
//! this user and closed to others; entries are written to a fresh temporary file in it
//! (`O_EXCL`, 0600, via `tempfile`) and renamed into place, so a reader never sees half an entry
//! and a planted symlink is never followed.
//!
//! Bounded: at most the store's `max_bytes` on disk. About once an hour a run sweeps the
//! directory: leftover temporary files (an interrupted write) and entries unused for [`MAX_AGE`]
//! go, then the least recently used until the rest fits. Location: `$BAOGAO_CACHE_DIR`, else the
//! user cache directory (`~/.cache/baogao`), then the store's name (`grep`, `reports`);
//! `--no-cache` turns it off. Deleting the directory is always safe.

use std::hash::{Hash, Hasher};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};
use xxhash_rust::xxh3::{xxh3_128, xxh3_64};

/// Entries not used for this long are removed.
pub const MAX_AGE: Duration = Duration::from_secs(30 * 24 * 3600);
/// How often a run sweeps the directory, and how old a temporary file must be to be an orphan.
const SWEEP_EVERY: Duration = Duration::from_secs(3600);
const TEMP_PREFIX: &str = ".tmp-";
const SWEEP_MARK: &str = ".swept";

pub const MAGIC: &[u8; 8] = b"BAOGAOG2";
pub const HEADER_LEN: usize = 72;

/// What a store is: its subdirectory, entry format version and size bound.
#[derive(Debug, Clone, Copy)]
pub struct Kind {
    pub name: &'static str,
    pub format: u64,
    pub max_bytes: u64,
}

pub struct Store {
    dir: PathBuf,
    key: u64,
    max_bytes: u64,
}

/// A verified cache hit: both parts, checksums checked.
pub struct Entry {
    pub part1: Vec<u8>,
    pub part2: Vec<u8>,
}

impl Entry {
    /// `len` bytes at `offset` of part 2.
    pub fn read_part2(&self, offset: usize, len: usize) -> Option<Vec<u8>> {
        self.part2
            .get(offset..offset.checked_add(len)?)
            .map(<[u8]>::to_vec)
    }
}

/// The fixed header: what the entry was built from, the sizes of its parts and their checksums.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Header {
    /// The program build, store and format that wrote it (see [`Store::open`]).
    pub key: u64,
    /// The source file's content hash (XXH3-128) when the entry was written.
    pub content: u128,
    pub part1: u64,
    pub part2: u64,
    /// XXH3-64 of part 1 and of part 2: a damaged entry is a miss, never a wrong answer.
    pub sum1: u64,
    pub sum2: u64,
}

impl Header {
    pub fn encode(&self) -> [u8; HEADER_LEN] {
        let mut b = [0u8; HEADER_LEN];
        b[..8].copy_from_slice(MAGIC);
        for (i, v) in [
            self.key,
            self.content as u64,
            (self.content >> 64) as u64,
            self.part1,
            self.part2,
            self.sum1,
            self.sum2,
            // Checksum of the header fields themselves.
            0,
        ]
        .iter()
        .enumerate()
        {
            b[8 + i * 8..16 + i * 8].copy_from_slice(&v.to_le_bytes());
        }
        let sum = xxh3_64(&b[..HEADER_LEN - 8]);
        b[HEADER_LEN - 8..].copy_from_slice(&sum.to_le_bytes());
        b
    }

    pub fn decode(b: &[u8]) -> Option<Header> {
        if b.len() < HEADER_LEN || &b[..8] != MAGIC {
            return None;
        }
        let u =
            |i: usize| u64::from_le_bytes(b[8 + i * 8..16 + i * 8].try_into().unwrap_or([0; 8]));
        if xxh3_64(&b[..HEADER_LEN - 8]) != u(7) {
            return None;
        }
        Some(Header {
            key: u(0),
            content: u(1) as u128 | (u(2) as u128) << 64,
            part1: u(3),
            part2: u(4),
            sum1: u(5),
            sum2: u(6),
        })
    }
}

/// What a cache entry's validity is judged by: the file's bytes.
pub fn content_hash(bytes: &[u8]) -> u128 {
    xxh3_128(bytes)
}

/// The key path and content hash of an input the cache applies to: a regular file (never
/// standard input, a FIFO or a device, whose next read may differ), by absolute path, with the
/// hash of the bytes that were read.
pub fn ident(input: &baogao_core::load::Input, bytes: &[u8]) -> Option<(PathBuf, u128)> {
    match input {
        baogao_core::load::Input::File(p) => std::fs::metadata(p)
            .ok()
            .filter(|md| md.is_file())
            .and_then(|_| Some((std::path::absolute(p).ok()?, content_hash(bytes)))),
        baogao_core::load::Input::Stdin => None,
    }
}

fn nanos(t: std::io::Result<SystemTime>) -> u64 {
    t.ok()
        .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as u64)
}

/// Is `dir` a real directory that only this user can use? One owned by this user but open to
/// others is closed (it may be left from an older version); anyone else's is refused.
#[cfg(unix)]
fn private_dir(dir: &Path) -> Result<(), String> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let md = std::fs::symlink_metadata(dir).map_err(|e| e.to_string())?;
    if !md.is_dir() {
        return Err("not a directory (a symlink?)".into());
    }
    // SAFETY: geteuid has no preconditions and cannot fail.
    let me = unsafe { libc::geteuid() };
    if md.uid() != me {
        return Err(format!("owned by user {}, not by this user", md.uid()));
    }
    if md.mode() & 0o077 != 0 {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .map_err(|e| format!("open to other users and cannot be closed: {e}"))?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn private_dir(dir: &Path) -> Result<(), String> {
    match std::fs::symlink_metadata(dir) {
        Ok(md) if md.is_dir() => Ok(()),
        _ => Err("not a directory".into()),
    }
}

fn create_private(dir: &Path) -> std::io::Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir)
}

/// The cache root: `$BAOGAO_CACHE_DIR`, else `~/.cache/baogao`.
fn root() -> Option<PathBuf> {
    match std::env::var_os("BAOGAO_CACHE_DIR") {
        Some(d) if !d.is_empty() => Some(PathBuf::from(d)),
        _ => Some(dirs::cache_dir()?.join("baogao")),
    }
}

impl Store {
    /// The store `kind`, for contents that also depend on `depends` (0: nothing more). `Ok(None)`
    /// when there is no cache root or program identity; `Err` (a message naming the directory)
    /// when the directory is unfit for use. Cheap: sweeping is left to
    /// [`Store::sweep_now_and_then`], which the caller runs where its time does not matter.
    pub fn open(kind: Kind, depends: u64) -> Result<Option<Store>, String> {
        let Some(dir) = root().map(|r| r.join(kind.name)) else {
            return Ok(None);
        };
        let Some(md) = std::env::current_exe()
            .ok()
            .and_then(|e| std::fs::metadata(e).ok())
        else {
            return Ok(None);
        };
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (
            kind.name,
            kind.format,
            depends,
            env!("CARGO_PKG_VERSION"),
            md.len(),
            nanos(md.modified()),
        )
            .hash(&mut h);
        if create_private(&dir).is_err() {
            return Ok(None);
        }
        if let Err(why) = private_dir(&dir) {
            return Err(format!(
                "{}: cache directory not used: {why} (see --no-cache)",
                dir.display()
            ));
        }
        Ok(Some(Store {
            dir,
            key: h.finish(),
            max_bytes: kind.max_bytes,
        }))
    }

    /// The store `kind` in `dir` itself, keyed by the program alone (for benchmarks).
    #[doc(hidden)]
    pub fn at(dir: &Path, kind: Kind) -> Option<Store> {
        create_private(dir).ok()?;
        private_dir(dir).ok()?;
        Some(Store {
            dir: dir.to_path_buf(),
            key: kind.format,
            max_bytes: kind.max_bytes,
        })
    }

    fn entry_path(&self, key_path: &Path) -> PathBuf {
        let h = xxh3_64(key_path.as_os_str().as_encoded_bytes());
        self.dir.join(format!("{h:016x}"))
    }

    /// The entry for `key_path` if it is current for a file whose bytes hash to `content` and
    /// its checksums hold.
    pub fn get(&self, key_path: &Path, content: u128) -> Option<Entry> {
        let path = self.entry_path(key_path);
        let mut f = std::fs::File::open(&path).ok()?;
        let mut head = [0u8; HEADER_LEN];
        f.read_exact(&mut head).ok()?;
        let h = Header::decode(&head)?;
        if h.key != self.key || h.content != content {
            return None;
        }
        let total = f.metadata().ok()?.len();
        if total != HEADER_LEN as u64 + h.part1.checked_add(h.part2)? {
            return None;
        }
        let mut part1 = vec![0u8; usize::try_from(h.part1).ok()?];
        f.read_exact(&mut part1).ok()?;
        let mut part2 = vec![0u8; usize::try_from(h.part2).ok()?];
        f.read_exact(&mut part2).ok()?;
        if xxh3_64(&part1) != h.sum1 || xxh3_64(&part2) != h.sum2 {
            return None;
        }
        // Used now: the sweep removes the least recently used first.
        let _ = f.set_modified(SystemTime::now());
        Some(Entry { part1, part2 })
    }

    /// Store an entry; failures are ignored (the cache is only an accelerator).
    pub fn put(&self, key_path: &Path, content: u128, part1: &[u8], part2: &[u8]) {
        let header = Header {
            key: self.key,
            content,
            part1: part1.len() as u64,
            part2: part2.len() as u64,
            sum1: xxh3_64(part1),
            sum2: xxh3_64(part2),
        };
        let written = (|| -> std::io::Result<()> {
            // O_EXCL with a random name in the cache directory itself, mode 0600.
            let tmp = tempfile::Builder::new()
                .prefix(TEMP_PREFIX)
                .tempfile_in(&self.dir)?;
            let mut f = std::io::BufWriter::new(tmp);
            f.write_all(&header.encode())?;
            f.write_all(part1)?;
            f.write_all(part2)?;
            let tmp = f.into_inner().map_err(|e| e.into_error())?;
            tmp.persist(self.entry_path(key_path))?;
            Ok(())
        })();
        // A failed write leaves nothing: the temporary file is removed when dropped.
        let _ = written;
    }

    /// Sweep the directory when the last sweep is more than [`SWEEP_EVERY`] ago.
    pub fn sweep_now_and_then(&self) {
        let mark = self.dir.join(SWEEP_MARK);
        let due = std::fs::metadata(&mark)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_none_or(|age| age > SWEEP_EVERY);
        if due {
            let _ = std::fs::write(&mark, b"");
            self.sweep(self.max_bytes, SystemTime::now());
        }
    }

    /// Remove orphaned temporary files and old entries, then the least recently used entries
    /// until the rest takes at most three quarters of `max_bytes` (when it takes more than all).
    fn sweep(&self, max_bytes: u64, now: SystemTime) {
        let Ok(list) = std::fs::read_dir(&self.dir) else {
            return;
        };
        let age = |t: SystemTime| now.duration_since(t).unwrap_or_default();
        let mut entries: Vec<(SystemTime, u64, PathBuf)> = Vec::new();
        for e in list.flatten() {
            let Ok(md) = e.metadata() else { continue };
            let name = e.file_name();
            let name = name.to_string_lossy();
            let used = md.modified().unwrap_or(now);
            let is_entry = name.len() == 16 && name.bytes().all(|b| b.is_ascii_hexdigit());
            if !md.is_file() {
                continue;
            }
            if name.starts_with(TEMP_PREFIX) && age(used) > SWEEP_EVERY
                || is_entry && age(used) > MAX_AGE
            {
                let _ = std::fs::remove_file(e.path());
            } else if is_entry {
                entries.push((used, md.len(), e.path()));
            }
        }
        let mut total: u64 = entries.iter().map(|e| e.1).sum();
        if total <= max_bytes {
            return;
        }
        entries.sort();
        for (_, len, path) in entries {
            if total <= max_bytes / 4 * 3 {
                break;
            }
            if std::fs::remove_file(&path).is_ok() {
                total -= len;
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A store in `dir` with key `key` (tests build their own, the program identity aside).
    pub(crate) fn store_in(dir: &Path, key: u64) -> Store {
        create_private(dir).unwrap();
        Store {
            dir: dir.to_path_buf(),
            key,
            max_bytes: u64::MAX,
        }
    }

    #[test]
    fn entries_are_private_and_checked() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("c");
        let c = store_in(&dir, 42);
        let key = Path::new("/reports/a.txt");
        let hash = content_hash(b"report bytes");
        c.put(key, hash, b"part one", b"part two");
        let e = c.get(key, hash).unwrap();
        assert_eq!(e.part1, b"part one");
        assert_eq!(e.read_part2(5, 3).unwrap(), b"two");
        assert!(e.read_part2(5, 4).is_none());
        // Other content: a miss.
        assert!(c.get(key, content_hash(b"report bytez")).is_none());
        // Another program build or format (another key): a miss.
        assert!(store_in(&dir, 43).get(key, hash).is_none());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&dir), 0o700);
            assert_eq!(mode(&c.entry_path(key)), 0o600);
        }
        // Any flipped byte of the entry makes it a miss, never a different answer.
        let path = c.entry_path(key);
        let good = std::fs::read(&path).unwrap();
        for at in [10, HEADER_LEN + 2, good.len() - 1] {
            let mut bad = good.clone();
            bad[at] ^= 0x20;
            std::fs::write(&path, &bad).unwrap();
            assert!(c.get(key, hash).is_none(), "byte {at}");
        }
    }

    #[test]
    fn headers_round_trip_and_damage_is_seen() {
        let h = Header {
            key: 7,
            content: 1 << 100 | 5,
            part1: 10,
            part2: 20,
            sum1: 3,
            sum2: 4,
        };
        assert_eq!(Header::decode(&h.encode()), Some(h));
        assert_eq!(Header::decode(b"nonsense"), None);
        let mut bent = h.encode();
        bent[20] ^= 1;
        assert_eq!(Header::decode(&bent), None);
    }

    #[test]
    #[cfg(unix)]
    fn an_open_directory_is_closed_and_a_symlink_refused() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("open");
        std::fs::create_dir(&dir).unwrap();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).unwrap();
        private_dir(&dir).unwrap();
        let mode = std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700);
        let link = tmp.path().join("link");
        std::os::unix::fs::symlink(&dir, &link).unwrap();
        assert!(private_dir(&link).is_err());
    }

    #[test]
    fn only_regular_files_are_cached() {
        use baogao_core::load::Input;
        let tmp = tempfile::tempdir().unwrap();
        let f = tmp.path().join("a.txt");
        std::fs::write(&f, "政府工作报告").unwrap();
        let file = Input::File(f.to_string_lossy().into_owned());
        let (path, hash) = ident(&file, b"x").unwrap();
        assert!(path.is_absolute());
        assert_eq!(hash, content_hash(b"x"));
        assert!(ident(&Input::Stdin, b"x").is_none());
        let dir = Input::File(tmp.path().to_string_lossy().into_owned());
        assert!(ident(&dir, b"x").is_none());
        #[cfg(unix)]
        {
            let fifo = tmp.path().join("fifo");
            let c = std::ffi::CString::new(fifo.to_string_lossy().as_bytes()).unwrap();
            // SAFETY: a valid NUL-terminated path.
            assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
            let fifo = Input::File(fifo.to_string_lossy().into_owned());
            assert!(ident(&fifo, b"x").is_none());
        }
    }

    #[test]
    fn sweeping_removes_orphans_old_and_least_used_entries() {
        let tmp = tempfile::tempdir().unwrap();
        let c = store_in(tmp.path(), 42);
        let now = SystemTime::now();
        let set_age = |p: &Path, secs: u64| {
            let f = std::fs::File::options().write(true).open(p).unwrap();
            f.set_modified(now - Duration::from_secs(secs)).unwrap();
        };
        let orphan = tmp.path().join(format!("{TEMP_PREFIX}abc"));
        std::fs::write(&orphan, b"half").unwrap();
        set_age(&orphan, 2 * 3600);
        let fresh_tmp = tmp.path().join(format!("{TEMP_PREFIX}def"));
        std::fs::write(&fresh_tmp, b"being written").unwrap();
        let body = vec![b'x'; 1000];
        for (i, age) in [(1u8, 40 * 86400u64), (2, 300), (3, 200), (4, 100)] {
            let key = PathBuf::from(format!("/r/{i}.txt"));
            c.put(&key, 1, &body, b"");
            set_age(&c.entry_path(&key), age);
        }
        let left = |i: u8| c.entry_path(&PathBuf::from(format!("/r/{i}.txt"))).exists();
        // The old one goes by age; three are left, over a bound of 2.8 entries: the least
        // recently used go until the rest fits three quarters of it (two entries).
        c.sweep(28 * (HEADER_LEN as u64 + 1000) / 10, now);
        assert!(!orphan.exists());
        assert!(fresh_tmp.exists());
        assert_eq!(
            [left(1), left(2), left(3), left(4)],
            [false, false, true, true]
        );
    }
}
