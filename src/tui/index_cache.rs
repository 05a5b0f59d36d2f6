//! Saved search indexes: the live filter's posting lists, written out once a big pile has been
//! indexed, so that the next start with the same reports takes them in instead of indexing
//! again (indexing is most of a warm start's work: 10,000 reports, ~5 s of one core).
//!
//! One file per pile, named after its first report, in the cache's `index` store (private,
//! swept and bounded like the others, [`crate::cache`]): the program build's key, the number of
//! reports and a digest (XXH3) of each one's text and paragraph ranges, in order, then
//! the lists, then a checksum of all that. The searcher ([`super::searcher`]) adopts the lists
//! only when every report that arrives has the digest saved for its place; at the first that
//! differs (a file edited, added, removed or moved) the pile is indexed as usual.

use crate::cache::{Kind, Store};
use baogao_core::search::{PostingsSaver, SavedPostings};
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use xxhash_rust::xxh3::Xxh3;

const KIND: Kind = Kind {
    name: "index",
    format: 2,
    max_bytes: 2 << 30,
};
const MAGIC: &[u8; 8] = b"BAOGAOX1";
/// Piles with less text than this are indexed in well under a second: nothing is saved.
pub const MIN_BYTES: usize = 32 << 20;

/// The `index` store, and the least text worth saving an index for.
pub struct IndexStore {
    store: Store,
    min_bytes: usize,
}

/// The digest of one report as the index sees it: its text and, when its paragraphs are not
/// the text's lines, their byte ranges.
pub fn digest(text: &str, ranges: Option<&[(usize, usize)]>) -> u64 {
    let mut h = Xxh3::new();
    h.update(text.as_bytes());
    match ranges {
        None => h.update(&[0]),
        Some(ranges) => {
            h.update(&[1]);
            for &(s, e) in ranges {
                h.update(&(s as u64).to_le_bytes());
                h.update(&(e as u64).to_le_bytes());
            }
        }
    }
    h.digest()
}

/// Reads through, hashing the first `limit` bytes that pass (not the trailing checksum).
struct HashingReader<R> {
    inner: R,
    hash: Xxh3,
    limit: u64,
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let hashed = (n as u64).min(self.limit) as usize;
        self.hash.update(&buf[..hashed]);
        self.limit -= hashed as u64;
        Ok(n)
    }
}

/// Writes through, hashing what passes; fails once `abort` is raised.
struct HashingWriter<'a, W> {
    inner: W,
    hash: Xxh3,
    abort: &'a AtomicBool,
}

impl<W: Write> Write for HashingWriter<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.abort.load(Ordering::Relaxed) {
            // (Not `Interrupted`: `write_all` retries that.)
            return Err(io::Error::other("saving stopped"));
        }
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// A saved index from `r` (`len` bytes): the reports' digests and the lists. With `expect`, the
/// program key and the first digest must be those; with `verify`, the trailing checksum must
/// be that of the rest (the fuzz target leaves both out, to reach the lists).
fn read(
    inner: impl Read,
    len: u64,
    expect: Option<(u64, u64)>,
    verify: bool,
) -> Option<(Vec<u64>, SavedPostings)> {
    // Buffered outside the hashing, so that it hashes big blocks.
    let mut r = BufReader::with_capacity(
        1 << 20,
        HashingReader {
            inner,
            hash: Xxh3::new(),
            limit: len.saturating_sub(8),
        },
    );
    let mut magic = [0; 8];
    r.read_exact(&mut magic).ok()?;
    let key = read_u64(&mut r).ok()?;
    if &magic != MAGIC || expect.is_some_and(|(k, _)| k != key) {
        return None;
    }
    let n = read_u64(&mut r).ok()?;
    if n == 0 || n > len / 8 {
        return None;
    }
    let digests = (0..n)
        .map(|_| read_u64(&mut r))
        .collect::<io::Result<Vec<u64>>>()
        .ok()?;
    if expect.is_some_and(|(_, first)| digests[0] != first) {
        return None;
    }
    let lists = SavedPostings::read(&mut r).ok()?;
    let stored = read_u64(&mut r).ok()?;
    if verify && (r.read(&mut [0]).ok()? != 0 || stored != r.get_ref().hash.digest()) {
        return None;
    }
    Some((digests, lists))
}

/// For the `saved_index` fuzz target: `data` as a saved index (key and checksum not required);
/// when it reads, its lists are taken in for as many small reports as it has digests (at most
/// 64) and queried.
#[doc(hidden)]
pub fn fuzz_entry(data: &[u8]) {
    use baogao_core::search::{Query, SearchIndex};
    let Some((digests, lists)) = read(data, data.len() as u64, None, false) else {
        return;
    };
    let texts: Vec<_> = (0..digests.len().min(64))
        .map(|i| {
            let text = format!("{i}乡村振兴\n产业发展。\nabc");
            let mut ranges = Vec::new();
            let mut start = 0;
            for line in text.split('\n') {
                ranges.push((start, start + line.len()));
                start += line.len() + 1;
            }
            (std::sync::Arc::<str>::from(text), ranges)
        })
        .collect();
    let mut index = SearchIndex::default();
    if index.adopt(texts, lists).is_ok() {
        for q in ["乡村振兴 -产业", "产业|abc", "\"振兴\"", "1"] {
            if let Ok(q) = Query::parse(q, false) {
                let r = index.run(&q);
                assert!(r.iter().all(|(rep, para)| rep < 64 && para < 3));
            }
        }
    }
}

fn read_u64(r: &mut impl Read) -> io::Result<u64> {
    let mut b = [0; 8];
    r.read_exact(&mut b)?;
    Ok(u64::from_le_bytes(b))
}

impl IndexStore {
    /// The user's `index` store (`None`: no cache, or none usable; the report cache has said
    /// why already).
    pub fn open() -> Option<IndexStore> {
        Some(IndexStore::new(Store::open(KIND, 0).ok()??, MIN_BYTES))
    }

    /// Saved indexes in `store`, for piles of at least `min_bytes` of text.
    fn new(store: Store, min_bytes: usize) -> IndexStore {
        IndexStore { store, min_bytes }
    }

    /// The store in `dir` itself, keyed by the program alone.
    #[cfg(test)]
    pub fn in_dir(dir: &std::path::Path, min_bytes: usize) -> Option<IndexStore> {
        Some(IndexStore::new(Store::at(dir, KIND)?, min_bytes))
    }

    pub fn min_bytes(&self) -> usize {
        self.min_bytes
    }

    /// The index saved for the pile whose first report has digest `first`: every report's
    /// digest and the lists. `None` when there is none, it is another build's, or it is damaged
    /// in any way (the checksum of the whole file is verified).
    pub fn load(&self, first: u64) -> Option<(Vec<u64>, SavedPostings)> {
        let path = self.store.path_for(&first.to_le_bytes());
        let file = std::fs::File::open(&path).ok()?;
        let len = file.metadata().ok()?.len();
        let read = read(&file, len, Some((self.store.key(), first)), true)?;
        // Used: the sweep removes the least recently used first.
        let _ = file.set_modified(std::time::SystemTime::now());
        Some(read)
    }

    /// Save the lists of the pile whose reports have `digests` (in order), replacing any saved
    /// for a pile with the same first report. Written to a temporary file and renamed, so a
    /// reader never sees half of it; raising `abort` stops it (the temporary file removed).
    pub fn save(
        &self,
        digests: &[u64],
        lists: &PostingsSaver,
        abort: &AtomicBool,
    ) -> io::Result<()> {
        let Some(&first) = digests.first() else {
            return Ok(());
        };
        // Buffered outside the hashing, so that it hashes big blocks.
        let mut w = BufWriter::with_capacity(
            1 << 20,
            HashingWriter {
                inner: self.store.temp_file()?,
                hash: Xxh3::new(),
                abort,
            },
        );
        w.write_all(MAGIC)?;
        w.write_all(&self.store.key().to_le_bytes())?;
        w.write_all(&(digests.len() as u64).to_le_bytes())?;
        for d in digests {
            w.write_all(&d.to_le_bytes())?;
        }
        lists.write_to(&mut w)?;
        let mut out = w.into_inner().map_err(|e| e.into_error())?;
        let sum = out.hash.digest();
        out.inner.write_all(&sum.to_le_bytes())?;
        let tmp = out.inner;
        tmp.persist(self.store.path_for(&first.to_le_bytes()))?;
        self.store.sweep_now_and_then();
        Ok(())
    }
}
