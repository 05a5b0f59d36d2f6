//! The grep cache: for each file searched, its [`doc`](super::doc) form, so that the next search of
//! an unchanged file skips decoding, cleaning and outlining (which take ~50× longer than the
//! search itself).
//!
//! An entry is used only when it was written by this very program build (size and modification
//! time of the executable, and the format version) for the same key_path path, and the file still
//! has the size, modification time and change time it had then; anything else is a miss and the
//! file is loaded as usual. Entries are written to a temporary name and renamed, so a reader never
//! sees half an entry. Location: `$BAOGAO_CACHE_DIR`, else the user cache directory
//! (`~/.cache/baogao/grep`); `--no-cache` turns it off. Deleting the directory is always safe.

use super::doc::{Header, HEADER_LEN};
use std::hash::{Hash, Hasher};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

const FORMAT: u64 = 1;

pub struct Cache {
    dir: PathBuf,
    key: u64,
}

/// A cache hit: part 1, and the open file to read pieces of part 2 from.
pub struct Entry {
    pub part1: Vec<u8>,
    file: std::fs::File,
    part2_start: u64,
    part2_len: u64,
}

impl Entry {
    /// `len` bytes at `offset` of part 2, read on demand (only hit paragraphs are read).
    pub fn read_part2(&self, offset: usize, len: usize) -> Option<Vec<u8>> {
        let end = offset.checked_add(len)?;
        if end as u64 > self.part2_len {
            return None;
        }
        let mut buf = vec![0u8; len];
        let at = self.part2_start + offset as u64;
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileExt;
            self.file.read_exact_at(&mut buf, at).ok()?;
        }
        #[cfg(not(unix))]
        {
            use std::io::Seek;
            let mut f = &self.file;
            f.seek(std::io::SeekFrom::Start(at)).ok()?;
            f.read_exact(&mut buf).ok()?;
        }
        Some(buf)
    }
}

fn hash_of(parts: &[&dyn HashPart]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for p in parts {
        p.feed(&mut h);
    }
    h.finish()
}

trait HashPart {
    fn feed(&self, h: &mut dyn Hasher);
}

impl<T: Hash> HashPart for T {
    fn feed(&self, mut h: &mut dyn Hasher) {
        self.hash(&mut h);
    }
}

fn nanos(t: std::io::Result<std::time::SystemTime>) -> u64 {
    t.ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as u64)
}

/// Size, modification time and (on Unix) change time: what must be unchanged for a hit.
pub fn stamp(md: &std::fs::Metadata) -> [u64; 3] {
    #[cfg(unix)]
    let changed = {
        use std::os::unix::fs::MetadataExt;
        (md.ctime() as u64)
            .wrapping_mul(1_000_000_000)
            .wrapping_add(md.ctime_nsec() as u64)
    };
    #[cfg(not(unix))]
    let changed = 0;
    [md.len(), nanos(md.modified()), changed]
}

impl Cache {
    /// The cache, or `None` when there is no usable directory or program identity.
    pub fn open() -> Option<Cache> {
        let dir = match std::env::var_os("BAOGAO_CACHE_DIR") {
            Some(d) if !d.is_empty() => PathBuf::from(d),
            _ => dirs::cache_dir()?.join("baogao").join("grep"),
        };
        let exe = std::env::current_exe().ok()?;
        let md = std::fs::metadata(&exe).ok()?;
        let key = hash_of(&[
            &FORMAT,
            &env!("CARGO_PKG_VERSION"),
            &md.len(),
            &nanos(md.modified()),
        ]);
        std::fs::create_dir_all(&dir).ok()?;
        Some(Cache { dir, key })
    }

    fn entry_path(&self, key_path: &Path) -> PathBuf {
        let h = hash_of(&[&key_path]);
        self.dir.join(format!("{h:016x}"))
    }

    /// The entry for `key_path` if it is current for a file with `stamp`.
    pub fn get(&self, key_path: &Path, stamp: [u64; 3]) -> Option<Entry> {
        let mut f = std::fs::File::open(self.entry_path(key_path)).ok()?;
        let mut head = [0u8; HEADER_LEN];
        f.read_exact(&mut head).ok()?;
        let h = Header::decode(&head)?;
        if h.key != self.key || h.stamp != stamp {
            return None;
        }
        let total = f.metadata().ok()?.len();
        if total != HEADER_LEN as u64 + h.part1.checked_add(h.part2)? {
            return None;
        }
        let mut part1 = vec![0u8; usize::try_from(h.part1).ok()?];
        f.read_exact(&mut part1).ok()?;
        Some(Entry {
            part1,
            file: f,
            part2_start: HEADER_LEN as u64 + h.part1,
            part2_len: h.part2,
        })
    }

    /// Store an entry; failures are ignored (the cache is only an accelerator).
    pub fn put(&self, key_path: &Path, stamp: [u64; 3], part1: &[u8], part2: &[u8]) {
        static SEQ: AtomicU64 = AtomicU64::new(0);
        let path = self.entry_path(key_path);
        let tmp = path.with_extension(format!(
            "tmp{}-{}",
            std::process::id(),
            SEQ.fetch_add(1, Ordering::Relaxed)
        ));
        let header = Header {
            key: self.key,
            stamp,
            part1: part1.len() as u64,
            part2: part2.len() as u64,
        };
        let written = (|| -> std::io::Result<()> {
            let mut f = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
            f.write_all(&header.encode())?;
            f.write_all(part1)?;
            f.write_all(part2)?;
            f.flush()?;
            drop(f);
            std::fs::rename(&tmp, &path)
        })();
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }
}
