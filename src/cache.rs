//! The on-disk cache both `baogao grep` and the TUI keep of loaded files: one [`Store`] per use,
//! each a subdirectory of the cache root with its own entry format and size bound — `grep` (the
//! searchable form, see `cli::grep::doc`) and `reports` (parsed reports with their indicators and
//! panel rows, see `tui::cached`).
//!
//! Honest: an entry is used only when it was written by this very program build (size and
//! modification time of the executable, the store's format version, and whatever else the caller
//! says its contents depend on, such as the user's lexicon) for the same absolute path, and the
//! file is still what it was then. That is known two ways:
//!
//! - by its bytes, which still hash (XXH3-128) to what they hashed to then;
//! - without reading it, by its [`Stamp`] (size, device, inode, modification and change times in
//!   nanoseconds), as git's index does — but only a *settled* stamp counts: one whose times were
//!   more than [`SETTLED`] in the past when the file was looked at. An edit after that look gets
//!   a later change time (which no program can set back), so a same-size edit within the same
//!   second, or one that restores the old mtime, is still seen; a file changed within
//!   [`SETTLED`] of the look is always read and hashed ("racy" in git's words).
//!
//! The header and the body carry checksums: a damaged entry is a miss, never a wrong answer.
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

pub const MAGIC: &[u8; 8] = b"BAOGAOG4";
pub const HEADER_LEN: usize = 96;
/// How long before a look at a file its times must lie for its [`Stamp`] alone to be trusted:
/// more than the coarsest timestamps in use (FAT's two seconds).
pub const SETTLED: Duration = Duration::from_secs(3);
/// A hit marks its entry used (for the least-recently-used sweep) at most this often.
const TOUCH_EVERY: Duration = Duration::from_secs(3600);

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

/// A verified cache hit: the entry's body, read and checked. Its buffer goes back to the
/// thread's spare when dropped, for the next entry read there (a search reads an entry per
/// file, and allocating and freeing each was a twentieth of a warm one).
pub struct Entry {
    /// The whole entry file: the header, then the body.
    file: ReadBuf,
}

impl Entry {
    pub fn body(&self) -> &[u8] {
        &self.file.bytes()[HEADER_LEN..]
    }
}

/// Bytes read from a file into a thread's spare buffer: `buf[..len]`. What lies past `len` is
/// an earlier entry's, kept so that the buffer is zeroed only where it grows past every entry
/// read into it before. (Cut to each entry's length, it was zeroed again for every entry that
/// was read past its first bytes: a quarter of a warm search's instructions.)
struct ReadBuf {
    buf: Vec<u8>,
    len: usize,
}

impl ReadBuf {
    fn bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }

    /// Read `n` more bytes from `f`'s position, or `None` if fewer are there.
    fn read_more(&mut self, mut f: &std::fs::File, n: usize) -> Option<()> {
        let end = self.len.checked_add(n)?;
        if self.buf.len() < end {
            self.buf.resize(end, 0);
        }
        f.read_exact(&mut self.buf[self.len..end]).ok()?;
        self.len = end;
        Some(())
    }
}

/// The buffer goes back to the thread's spare, whatever became of what was read into it.
impl Drop for ReadBuf {
    fn drop(&mut self) {
        let buf = std::mem::take(&mut self.buf);
        if buf.capacity() <= SPARE_MAX {
            SPARE.with(|s| s.replace(buf));
        }
    }
}

/// A bigger buffer is not kept as a thread's spare.
const SPARE_MAX: usize = 4 << 20;

thread_local! {
    /// The buffer of the last [`ReadBuf`] dropped on this thread.
    static SPARE: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A file's size, identity and times as the cache records them (see the module docs): all zero
/// when they are not settled, and then never a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stamp {
    pub size: u64,
    pub dev: u64,
    pub ino: u64,
    /// Nanoseconds since the epoch.
    pub mtime: u64,
    pub ctime: u64,
}

impl Stamp {
    /// The stamp of a file looked at `now`, if it is settled by then.
    #[cfg(unix)]
    pub fn settled(md: &std::fs::Metadata, now: SystemTime) -> Stamp {
        use std::os::unix::fs::MetadataExt;
        let ns = |secs: i64, nsec: i64| -> Option<u64> {
            u64::try_from(secs)
                .ok()?
                .checked_mul(1_000_000_000)?
                .checked_add(u64::try_from(nsec).ok()?)
        };
        let (Some(mtime), Some(ctime)) = (
            ns(md.mtime(), md.mtime_nsec()),
            ns(md.ctime(), md.ctime_nsec()),
        ) else {
            return Stamp::default();
        };
        let limit = nanos(Ok(now)).saturating_sub(SETTLED.as_nanos() as u64);
        if mtime >= limit || ctime >= limit || md.ino() == 0 {
            return Stamp::default();
        }
        Stamp {
            size: md.size(),
            dev: md.dev(),
            ino: md.ino(),
            mtime,
            ctime,
        }
    }

    /// Elsewhere there is no change time no program can set: never settled.
    #[cfg(not(unix))]
    pub fn settled(_: &std::fs::Metadata, _: SystemTime) -> Stamp {
        Stamp::default()
    }

    fn is_set(&self) -> bool {
        *self != Stamp::default()
    }
}

/// A file the cache applies to, looked at before it is read: its absolute path (the entry's key),
/// size and stamp.
#[derive(Debug, Clone)]
pub struct Probe {
    pub key_path: PathBuf,
    pub size: u64,
    pub stamp: Stamp,
}

/// The fixed header: what the entry was built from, the size of its body and its checksum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Header {
    /// The program build, store and format that wrote it (see [`Store::open`]).
    pub key: u64,
    /// The source file's content hash (XXH3-128) when the entry was written …
    pub content: u128,
    /// … and its stamp, when settled.
    pub stamp: Stamp,
    pub len: u64,
    /// XXH3-64 of the body: a damaged entry is a miss, never a wrong answer.
    pub sum: u64,
}

impl Header {
    pub fn encode(&self) -> [u8; HEADER_LEN] {
        let mut b = [0u8; HEADER_LEN];
        b[..8].copy_from_slice(MAGIC);
        for (i, v) in [
            self.key,
            self.content as u64,
            (self.content >> 64) as u64,
            self.stamp.size,
            self.stamp.dev,
            self.stamp.ino,
            self.stamp.mtime,
            self.stamp.ctime,
            self.len,
            self.sum,
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
        if xxh3_64(&b[..HEADER_LEN - 8]) != u(10) {
            return None;
        }
        Some(Header {
            key: u(0),
            content: u(1) as u128 | (u(2) as u128) << 64,
            stamp: Stamp {
                size: u(3),
                dev: u(4),
                ino: u(5),
                mtime: u(6),
                ctime: u(7),
            },
            len: u(8),
            sum: u(9),
        })
    }
}

/// What [`lookup`] found for an input.
pub enum Lookup<R> {
    /// A current entry, as the caller made use of it, and the file's size.
    Hit(R, u64),
    /// No usable entry: the input's bytes, read once through the bounded reader, and (when the
    /// cache applies) what an entry for them is keyed by.
    Miss(Vec<u8>, Option<Ident>),
}

/// What a file's entry is keyed by: its probe, and the hash of its bytes, made only when needed
/// (most files without an entry are skipped by grep's prefilter, and hashing them was a tenth
/// of a warm search).
#[derive(Debug, Clone)]
pub struct Ident {
    pub probe: Probe,
    content: Option<u128>,
}

impl Ident {
    /// The hash of the file's bytes (`bytes` must be the bytes the lookup read).
    pub fn content(&mut self, bytes: &[u8]) -> u128 {
        *self.content.get_or_insert_with(|| content_hash(bytes))
    }

    /// The probe and the content hash, as [`Store::put`] takes them.
    pub fn keyed(mut self, bytes: &[u8]) -> (Probe, u128) {
        let content = self.content(bytes);
        (self.probe, content)
    }
}

/// Why a file has no usable entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NoEntry {
    /// There is no entry file (or there was one of no use to this build, now removed).
    Absent,
    /// There is one, but for other bytes or stamp (or it could not be opened).
    NotCurrent,
}

/// What an entry file holds for a look ([`Store::check_entry`]).
enum Check {
    /// The whole file, header and body, and its header.
    Current(ReadBuf, Header),
    /// Current, and its first bytes answered the look ([`Peek`]); its header.
    Answered(Header),
    /// This build's, but written for other bytes or another stamp.
    Stale,
    /// Another build's, or damaged: never of use to this build.
    Useless,
}

/// An input through the cache: a regular file with a settled stamp is served from its entry
/// without being read (within the size limit, as reading it would check); otherwise it is read,
/// and its entry used if it holds these bytes. `use_entry` turns an entry into what the caller
/// needs, or `None` (damaged, or not this file's), which makes it a miss.
pub fn lookup<R>(
    cache: Option<&Store>,
    input: &baogao_core::load::Input,
    opts: &baogao_core::load::LoadOptions,
    use_entry: impl FnMut(Entry, &Probe) -> Option<R>,
) -> Result<Lookup<R>, baogao_core::LoadError> {
    lookup_at(
        cache,
        input,
        opts,
        SystemTime::now(),
        (0, |_, _| None),
        use_entry,
    )
}

/// [`lookup`] that first reads only the first `peek.0` bytes of an entry's body (once its header
/// shows it current) and gives them to `peek.1`: an answer there is the hit, and the rest of the
/// entry is never read nor its checksum computed, so `peek.1` must trust only bytes it can check
/// itself.
pub fn lookup_peeking<R>(
    cache: Option<&Store>,
    input: &baogao_core::load::Input,
    opts: &baogao_core::load::LoadOptions,
    peek: (usize, impl FnMut(&[u8], &Probe) -> Option<R>),
    use_entry: impl FnMut(Entry, &Probe) -> Option<R>,
) -> Result<Lookup<R>, baogao_core::LoadError> {
    lookup_at(cache, input, opts, SystemTime::now(), peek, use_entry)
}

/// The first bytes of an entry's body a look reads before the rest, and what it makes of them:
/// `true` answers the look (see [`lookup_peeking`]).
struct Peek<'a> {
    len: usize,
    answers: &'a mut dyn FnMut(&[u8]) -> bool,
}

/// [`lookup_peeking`] as if looked at `now` (see [`probe_at`]).
pub(crate) fn lookup_at<R>(
    cache: Option<&Store>,
    input: &baogao_core::load::Input,
    opts: &baogao_core::load::LoadOptions,
    now: SystemTime,
    (peek_len, mut peek): (usize, impl FnMut(&[u8], &Probe) -> Option<R>),
    mut use_entry: impl FnMut(Entry, &Probe) -> Option<R>,
) -> Result<Lookup<R>, baogao_core::LoadError> {
    let probe = cache.and_then(|_| probe_at(input, now));
    // No entry file at all: nothing to compare the bytes with.
    let mut absent = false;
    if let (Some(c), Some(p)) = (cache, &probe) {
        if p.size <= opts.max_size {
            let look = |peeking: Option<Peek<'_>>| c.settled(p, peeking);
            match hit_from(look, p, (peek_len, &mut peek), &mut use_entry) {
                Ok(Some(r)) => return Ok(Lookup::Hit(r, p.size)),
                Err(NoEntry::Absent) => absent = true,
                Ok(None) | Err(NoEntry::NotCurrent) => {}
            }
        }
    }
    let bytes = baogao_core::load::read_input(input, opts)?;
    let mut ident = probe.map(|probe| Ident {
        probe,
        content: None,
    });
    if let (Some(c), Some(id), false) = (cache, &mut ident, absent) {
        let content = id.content(&bytes);
        let p = &id.probe;
        let look = |peeking: Option<Peek<'_>>| {
            c.get_peeking(p, content, peeking)
                .ok_or(NoEntry::NotCurrent)
        };
        if let Ok(Some(r)) = hit_from(look, p, (peek_len, &mut peek), &mut use_entry) {
            return Ok(Lookup::Hit(r, bytes.len() as u64));
        }
    }
    Ok(Lookup::Miss(bytes, ident))
}

/// One look at `p`'s entry (`look`: by its stamp or by its bytes), peeking first when asked: the
/// hit it gives, if any.
fn hit_from<R>(
    look: impl FnOnce(Option<Peek>) -> Result<Option<Entry>, NoEntry>,
    p: &Probe,
    (peek_len, peek): (usize, &mut impl FnMut(&[u8], &Probe) -> Option<R>),
    use_entry: &mut impl FnMut(Entry, &Probe) -> Option<R>,
) -> Result<Option<R>, NoEntry> {
    // The peek's answer, left here by the store's look (which only learns that there was one).
    let mut answer = None;
    let mut answers = |b: &[u8]| {
        answer = peek(b, p);
        answer.is_some()
    };
    let found = look((peek_len > 0).then_some(Peek {
        len: peek_len,
        answers: &mut answers,
    }))?;
    Ok(match found {
        None => answer,
        Some(e) => use_entry(e, p),
    })
}

/// What a cache entry's validity is judged by: the file's bytes.
pub fn content_hash(bytes: &[u8]) -> u128 {
    xxh3_128(bytes)
}

/// `path` made absolute as [`std::path::absolute`] makes it, with the working directory looked up
/// once per process: that was a `getcwd` call for every file a search looked at, twice.
pub fn absolute(path: &Path) -> std::io::Result<PathBuf> {
    static CWD: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    match CWD.get_or_init(|| std::env::current_dir().ok()) {
        Some(cwd) if path.is_relative() => std::path::absolute(cwd.join(path)),
        _ => std::path::absolute(path),
    }
}

/// Look at an input the cache applies to, before reading it, at `now`: a regular file (never
/// standard input, a FIFO or a device, whose next read may differ), by absolute path. Tests
/// settle a fresh file by looking from the future.
pub(crate) fn probe_at(input: &baogao_core::load::Input, now: SystemTime) -> Option<Probe> {
    match input {
        baogao_core::load::Input::File(p) => {
            let md = std::fs::metadata(p).ok().filter(|md| md.is_file())?;
            Some(Probe {
                key_path: absolute(Path::new(p)).ok()?,
                size: md.len(),
                stamp: Stamp::settled(&md, now),
            })
        }
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
        self.path_for(key_path.as_os_str().as_encoded_bytes())
    }

    /// Where the entry named `name` is (or goes), for a store with its own entry format: swept
    /// like the others.
    pub fn path_for(&self, name: &[u8]) -> PathBuf {
        self.dir.join(format!("{:016x}", xxh3_64(name)))
    }

    /// What entries of this store depend on (program build, format, the caller's `depends`).
    pub fn key(&self) -> u64 {
        self.key
    }

    /// A fresh private temporary file in the store (`O_EXCL`, 0600), to be renamed into place
    /// with `persist`; an orphan is swept.
    pub fn temp_file(&self) -> std::io::Result<tempfile::NamedTempFile> {
        tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .tempfile_in(&self.dir)
    }

    /// The entry for a probed file, if its settled stamp shows the file unchanged since the entry
    /// was written (no need to read the file).
    #[cfg(test)]
    pub fn get_settled(&self, probe: &Probe) -> Option<Entry> {
        self.settled(probe, None).ok().flatten()
    }

    /// [`Self::get_settled`], telling a file with no entry from one whose entry is not current;
    /// `Ok(None)` when `peek` answered from the entry's first bytes.
    fn settled(&self, probe: &Probe, peek: Option<Peek>) -> Result<Option<Entry>, NoEntry> {
        if !probe.stamp.is_set() {
            return Err(NoEntry::NotCurrent);
        }
        self.open_entry(&probe.key_path, |h| h.stamp == probe.stamp, peek)
            .map(|(e, _)| e)
    }

    /// The entry for a probed file whose bytes hash to `content`, if current.
    #[cfg(test)]
    pub fn get(&self, probe: &Probe, content: u128) -> Option<Entry> {
        self.get_peeking(probe, content, None).flatten()
    }

    /// [`Self::get`]; `Some(None)` when `peek` answered from the entry's first bytes. A hit whose
    /// recorded stamp is out of date (the file was touched, not changed) gets the new one, so
    /// the next look needs no read.
    fn get_peeking(
        &self,
        probe: &Probe,
        content: u128,
        peek: Option<Peek>,
    ) -> Option<Option<Entry>> {
        let (e, h) = self
            .open_entry(&probe.key_path, |h| h.content == content, peek)
            .ok()?;
        if probe.stamp.is_set() && h.stamp != probe.stamp {
            let header = Header {
                stamp: probe.stamp,
                ..h
            };
            // In place: the header in one write; a torn header fails its checksum (a miss).
            if let Ok(mut f) = std::fs::File::options()
                .write(true)
                .open(self.entry_path(&probe.key_path))
            {
                let _ = f.write_all(&header.encode());
            }
        }
        Some(e)
    }

    /// Open the entry of `key_path` if its header is of this store and passes `current`, its
    /// length is right and its body's checksum holds; no entry (but its header) if `peek`
    /// answered from its first bytes first.
    fn open_entry(
        &self,
        key_path: &Path,
        current: impl Fn(&Header) -> bool,
        peek: Option<Peek>,
    ) -> Result<(Option<Entry>, Header), NoEntry> {
        let path = self.entry_path(key_path);
        let mut f = match std::fs::File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(NoEntry::Absent),
            Err(_) => return Err(NoEntry::NotCurrent),
        };
        match self.check_entry(&mut f, current, peek) {
            Check::Current(file, h) => Ok((Some(Entry { file }), h)),
            Check::Answered(h) => Ok((None, h)),
            Check::Stale => Err(NoEntry::NotCurrent),
            // Never of use to this build (another build's, or damaged): removed, so that the
            // next look finds none instead of reading and hashing the file to compare.
            Check::Useless => {
                drop(f);
                let _ = std::fs::remove_file(&path);
                Err(NoEntry::Absent)
            }
        }
    }

    /// The header and body of an open entry, if current and whole (see [`Self::open_entry`]):
    /// read in one go, its size known first (the size the sweep bounds the store by, at most);
    /// with a `peek`, its first bytes first, and the rest only if they do not answer.
    fn check_entry(
        &self,
        f: &mut std::fs::File,
        current: impl Fn(&Header) -> bool,
        peek: Option<Peek>,
    ) -> Check {
        let Ok(md) = f.metadata() else {
            return Check::Stale;
        };
        let len = md.len();
        if !(HEADER_LEN as u64..=self.max_bytes).contains(&len) {
            return Check::Useless;
        }
        let first = peek
            .as_ref()
            .map_or(len, |p| len.min((HEADER_LEN + p.len) as u64));
        let Some(mut file) = read_exactly(f, first) else {
            return Check::Useless;
        };
        let Some(h) = Header::decode(file.bytes()) else {
            return Check::Useless;
        };
        if h.key != self.key {
            return Check::Useless;
        }
        if !current(&h) {
            return Check::Stale;
        }
        if let Some(p) = peek {
            if (p.answers)(&file.bytes()[HEADER_LEN..]) {
                mark_used(f, &md);
                return Check::Answered(h);
            }
        }
        if first < len {
            let Some(rest) = usize::try_from(len - first).ok() else {
                return Check::Useless;
            };
            if file.read_more(f, rest).is_none() {
                return Check::Useless;
            }
        }
        let body = &file.bytes()[HEADER_LEN..];
        if body.len() as u64 != h.len || xxh3_64(body) != h.sum {
            return Check::Useless;
        }
        mark_used(f, &md);
        Check::Current(file, h)
    }

    /// Store an entry for a probed file whose bytes hashed to `content`; failures are ignored
    /// (the cache is only an accelerator).
    pub fn put(&self, probe: &Probe, content: u128, body: &[u8]) {
        let header = Header {
            key: self.key,
            content,
            stamp: probe.stamp,
            len: body.len() as u64,
            sum: xxh3_64(body),
        };
        let written = (|| -> std::io::Result<()> {
            // O_EXCL with a random name in the cache directory itself, mode 0600.
            let mut f = std::io::BufWriter::new(self.temp_file()?);
            f.write_all(&header.encode())?;
            f.write_all(body)?;
            let tmp = f.into_inner().map_err(|e| e.into_error())?;
            tmp.persist(self.entry_path(&probe.key_path))?;
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

/// Used now: the sweep removes the least recently used first (marked now and then, not on every
/// hit, which would write an inode per file searched).
fn mark_used(f: &std::fs::File, md: &std::fs::Metadata) {
    let now = SystemTime::now();
    if md
        .modified()
        .ok()
        .and_then(|m| now.duration_since(m).ok())
        .is_none_or(|age| age > TOUCH_EVERY)
    {
        let _ = f.set_modified(now);
    }
}

/// `len` bytes from `f`'s position, or `None` if fewer are there: in one `read` (as a regular
/// file gives them), into the thread's spare buffer (see [`Entry`], [`ReadBuf`]), so only its
/// growth is zeroed (zeroing a fresh buffer per entry was a tenth of a warm grep's instructions, and
/// `read_to_end` reads a file of unknown size in growing steps, three reads an entry). `len`
/// has been checked against the file's size.
fn read_exactly(f: &std::fs::File, len: u64) -> Option<ReadBuf> {
    let mut b = ReadBuf {
        buf: SPARE.with(|s| s.take()),
        len: 0,
    };
    b.read_more(f, usize::try_from(len).ok()?)?;
    Some(b)
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
        let key = &unstamped("/reports/a.txt");
        let hash = content_hash(b"report bytes");
        c.put(key, hash, b"the body");
        let e = c.get(key, hash).unwrap();
        assert_eq!(e.body(), b"the body");
        // Other content: a miss.
        assert!(c.get(key, content_hash(b"report bytez")).is_none());
        // No settled stamp: never a hit without the bytes.
        assert!(c.get_settled(key).is_none());
        // Another program build or format (another key): a miss, and the entry, of no use to
        // that build, is gone (its next look reads nothing to compare).
        assert!(store_in(&dir, 43).get(key, hash).is_none());
        assert!(!c.entry_path(&key.key_path).exists());
        assert!(matches!(
            store_in(&dir, 43).settled(
                &Probe {
                    stamp: Stamp {
                        size: 1,
                        dev: 1,
                        ino: 1,
                        mtime: 1,
                        ctime: 1
                    },
                    ..key.clone()
                },
                None
            ),
            Err(NoEntry::Absent)
        ));
        c.put(key, hash, b"the body");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&dir), 0o700);
            assert_eq!(mode(&c.entry_path(&key.key_path)), 0o600);
        }
        // Any flipped byte of the entry makes it a miss, never a different answer.
        let path = c.entry_path(&key.key_path);
        let good = std::fs::read(&path).unwrap();
        for at in [10, HEADER_LEN + 2, good.len() - 1] {
            let mut bad = good.clone();
            bad[at] ^= 0x20;
            std::fs::write(&path, &bad).unwrap();
            let e = c.get(key, hash);
            assert!(e.is_none(), "byte {at}");
        }
    }

    /// A probe of a path with no settled stamp (only its bytes can show it current).
    fn unstamped(path: &str) -> Probe {
        Probe {
            key_path: PathBuf::from(path),
            size: 0,
            stamp: Stamp::default(),
        }
    }

    #[test]
    #[cfg(unix)]
    fn a_settled_stamp_is_trusted_and_any_change_to_the_file_is_seen() {
        use baogao_core::load::Input;
        let tmp = tempfile::tempdir().unwrap();
        let c = store_in(&tmp.path().join("c"), 42);
        let f = tmp.path().join("a.txt");
        std::fs::write(&f, "政府工作报告").unwrap();
        let input = Input::File(f.to_string_lossy().into_owned());
        let later = || SystemTime::now() + Duration::from_secs(60);
        // Just written: not settled, so only its bytes can show it current.
        let fresh = probe_at(&input, SystemTime::now()).unwrap();
        assert_eq!(fresh.stamp, Stamp::default());
        // Looked at from a minute later, it is.
        let p = probe_at(&input, later()).unwrap();
        assert_eq!(p.size, "政府工作报告".len() as u64);
        assert!(p.stamp.is_set());
        let hash = content_hash(&std::fs::read(&f).unwrap());
        c.put(&p, hash, b"one");
        assert_eq!(c.get_settled(&p).unwrap().body(), b"one");
        assert!(c.get_settled(&fresh).is_none());
        // A same-size edit that puts the old mtime back still changes the change time (once the
        // clock has moved on: coarse kernel timestamps tick every few milliseconds).
        let mtime = std::fs::metadata(&f).unwrap().modified().unwrap();
        std::thread::sleep(Duration::from_millis(50));
        std::fs::write(&f, "政府工作总结").unwrap();
        std::fs::File::options()
            .write(true)
            .open(&f)
            .unwrap()
            .set_modified(mtime)
            .unwrap();
        let edited = probe_at(&input, later()).unwrap();
        assert_eq!(edited.size, p.size);
        assert_ne!(edited.stamp, p.stamp);
        assert!(c.get_settled(&edited).is_none());
        let new_hash = content_hash(&std::fs::read(&f).unwrap());
        assert!(c.get(&edited, new_hash).is_none());
        // Touched but the same bytes: a hit by content, which records the new stamp.
        std::thread::sleep(Duration::from_millis(50));
        std::fs::write(&f, "政府工作报告").unwrap();
        let touched = probe_at(&input, later()).unwrap();
        assert!(c.get_settled(&touched).is_none());
        assert!(c.get(&touched, hash).is_some());
        assert_eq!(c.get_settled(&touched).unwrap().body(), b"one");
        // Replaced by another file of the same size (a new inode): a miss.
        let other = tmp.path().join("b.txt");
        std::fs::write(&other, "政府工作总结").unwrap();
        std::fs::rename(&other, &f).unwrap();
        let replaced = probe_at(&input, later()).unwrap();
        assert!(c.get_settled(&replaced).is_none());
    }

    #[test]
    fn absolute_paths_are_made_as_std_makes_them() {
        for p in [
            "a.txt",
            "./a.txt",
            "dir/./b/../c.txt",
            "dir/",
            ".",
            "..",
            "/abs/./x",
            "//net/x",
            "报告/二〇二四.txt",
        ] {
            let p = Path::new(p);
            assert_eq!(
                absolute(p).unwrap(),
                std::path::absolute(p).unwrap(),
                "{p:?}"
            );
        }
    }

    /// A store in `tmp`, a file there (`政府工作报告`) as an input, and a time by which the
    /// file is settled.
    fn store_and_file(tmp: &Path) -> (Store, PathBuf, baogao_core::load::Input, SystemTime) {
        let c = store_in(&tmp.join("c"), 42);
        let f = tmp.join("a.txt");
        std::fs::write(&f, "政府工作报告").unwrap();
        let input = baogao_core::load::Input::File(f.to_string_lossy().into_owned());
        (c, f, input, SystemTime::now() + Duration::from_secs(60))
    }

    #[test]
    #[cfg(unix)]
    fn a_file_without_an_entry_is_not_hashed_and_one_with_a_stale_entry_is() {
        let tmp = tempfile::tempdir().unwrap();
        let (c, _, input, later) = store_and_file(tmp.path());
        let opts = Default::default();
        let miss = |now| match lookup_at(Some(&c), &input, &opts, now, (0, |_, _| None), |_, _| {
            Some(())
        })
        .unwrap()
        {
            Lookup::Miss(bytes, ident) => (bytes, ident.unwrap()),
            Lookup::Hit(..) => panic!("a hit"),
        };
        // No entry: read, not hashed. (A file changed in the last seconds is hashed: its entry
        // is only looked for by its bytes.)
        let (bytes, ident) = miss(later);
        assert_eq!(bytes, "政府工作报告".as_bytes());
        assert_eq!(ident.content, None);
        assert!(miss(SystemTime::now()).1.content.is_some());
        // An entry for other bytes (recorded with no settled stamp): hashed, to be compared.
        let (bytes, ident) = miss(later);
        let (p, _) = ident.keyed(&bytes);
        let p = Probe {
            stamp: Stamp::default(),
            ..p
        };
        c.put(&p, content_hash(b"other bytes"), b"one");
        let (bytes, ident) = miss(later);
        assert_eq!(ident.content, Some(content_hash(&bytes)));
        // The entry for these bytes: a hit.
        c.put(&p, content_hash(&bytes), b"one");
        assert!(matches!(
            lookup_at(Some(&c), &input, &opts, later, (0, |_, _| None), |e, _| Some(e.body().to_vec())).unwrap(),
            Lookup::Hit(body, _) if body == b"one"
        ));
    }

    #[test]
    #[cfg(unix)]
    fn a_peek_answers_from_the_first_bytes_and_never_reads_the_rest() {
        let tmp = tempfile::tempdir().unwrap();
        let (c, f, input, later) = store_and_file(tmp.path());
        let opts = Default::default();
        let probe = probe_at(&input, later).unwrap();
        c.put(&probe, 0, b"HEAD and the rest of the body");
        let seen = std::cell::RefCell::new(Vec::new());
        let look = |answer: bool| {
            seen.borrow_mut().clear();
            let peek = |b: &[u8], _: &Probe| {
                seen.borrow_mut().extend_from_slice(b);
                answer.then_some("peeked")
            };
            match lookup_at(Some(&c), &input, &opts, later, (4, peek), |_, _| {
                Some("whole")
            }) {
                Ok(Lookup::Hit(r, _)) => Some(r),
                _ => None,
            }
        };
        assert_eq!(look(true), Some("peeked"));
        assert_eq!(*seen.borrow(), b"HEAD");
        assert_eq!(look(false), Some("whole"));
        // Damage past the first bytes: an answer from them never sees it; a look on finds it.
        let entry = c.entry_path(&probe.key_path);
        let mut bytes = std::fs::read(&entry).unwrap();
        bytes[HEADER_LEN + 10] ^= 1;
        std::fs::write(&entry, &bytes).unwrap();
        assert_eq!(look(true), Some("peeked"));
        assert_eq!(look(false), None);
        // An entry for another stamp is never peeked at.
        c.put(&probe, 0, b"HEAD and the rest of the body");
        std::fs::write(&f, "政府工作计划").unwrap();
        assert_eq!(look(true), None);
        assert!(seen.borrow().is_empty());
    }

    /// Entries read one after another on one thread share a buffer that keeps the longest
    /// one's bytes: each read, whole or its first bytes and then the rest, gives exactly its
    /// own body, whatever was read before it.
    #[test]
    fn entries_read_in_turn_give_their_own_bytes() {
        let tmp = tempfile::tempdir().unwrap();
        let c = store_in(&tmp.path().join("c"), 42);
        let bodies: Vec<Vec<u8>> = [900, 3, 5000, 0, 40, 4999, 901]
            .iter()
            .enumerate()
            .map(|(i, &n)| (0..n).map(|k| (k * 7 + i * 13) as u8).collect())
            .collect();
        let keys: Vec<Probe> = (0..bodies.len())
            .map(|i| unstamped(&format!("/reports/{i}.txt")))
            .collect();
        for (k, b) in keys.iter().zip(&bodies) {
            c.put(k, 1, b);
        }
        for round in 0..2 {
            for (k, b) in keys
                .iter()
                .zip(&bodies)
                .rev()
                .chain(keys.iter().zip(&bodies))
            {
                let whole = c.get(k, 1).expect("an entry");
                assert_eq!(whole.body(), &b[..], "round {round}");
                drop(whole);
                // Its first 16 bytes, then (not answering) the rest.
                let mut seen = 0;
                let mut no = |first: &[u8]| {
                    seen = first.len();
                    false
                };
                let peek = Peek {
                    len: 16,
                    answers: &mut no,
                };
                let rest = c.get_peeking(k, 1, Some(peek)).flatten().expect("an entry");
                assert_eq!(rest.body(), &b[..], "round {round}");
                assert_eq!(seen, b.len().min(16));
            }
        }
    }

    #[test]
    fn headers_round_trip_and_damage_is_seen() {
        let h = Header {
            key: 7,
            content: 1 << 100 | 5,
            stamp: Stamp {
                size: 9,
                dev: 8,
                ino: 7,
                mtime: 6,
                ctime: 5,
            },
            len: 10,
            sum: 3,
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
        assert!(probe_at(&file, SystemTime::now())
            .unwrap()
            .key_path
            .is_absolute());
        assert!(probe_at(&Input::Stdin, SystemTime::now()).is_none());
        let dir = Input::File(tmp.path().to_string_lossy().into_owned());
        assert!(probe_at(&dir, SystemTime::now()).is_none());
        #[cfg(unix)]
        {
            let fifo = tmp.path().join("fifo");
            let c = std::ffi::CString::new(fifo.to_string_lossy().as_bytes()).unwrap();
            // SAFETY: a valid NUL-terminated path.
            assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
            let fifo = Input::File(fifo.to_string_lossy().into_owned());
            assert!(probe_at(&fifo, SystemTime::now()).is_none());
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
            let key = unstamped(&format!("/r/{i}.txt"));
            c.put(&key, 1, &body);
            set_age(&c.entry_path(&key.key_path), age);
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
