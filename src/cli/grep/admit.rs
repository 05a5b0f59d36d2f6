//! Admission on second sight: grep writes a file's cache entry only from the second run that
//! meets the file. The first search of a pile then costs what `--no-cache` costs (creating and
//! writing an entry file per report took a fifth more CPU than the search itself), and a pile
//! searched once does not push out of the bounded store the files that are searched again.
//!
//! The files met are remembered in one record in the store, under an entry's name (so the sweep
//! bounds it like an entry): the 64-bit hashes of their absolute paths, most recent first, at
//! most [`MAX_SEEN`], checksummed. A damaged or foreign record is read as empty, which only
//! delays admission. Two runs at once may each rewrite it; the last one's wins, which at worst
//! costs a file one more run before it is cached.

use crate::cache::Store;
use std::collections::HashSet;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::Mutex;
use xxhash_rust::xxh3::xxh3_64;

/// Paths remembered at most (2 MiB of record).
pub const MAX_SEEN: usize = 1 << 18;
const MAGIC: &[u8; 8] = b"BGSEEN01";
/// The record's name in the store (hashed into an entry's name).
const RECORD: &[u8] = b"\0grep: paths seen";

/// The paths earlier runs met, and those this run meets.
#[derive(Debug, Default)]
pub struct Seen {
    /// From the record, most recent first.
    before: Vec<u64>,
    known: HashSet<u64>,
    /// Met by this run and not in `before`, in the order met.
    new: Mutex<Vec<u64>>,
}

fn key(path: &Path) -> u64 {
    xxh3_64(path.as_os_str().as_encoded_bytes())
}

impl Seen {
    /// The record of `store`, or an empty one when it is missing, damaged or too long.
    pub fn load(store: &Store) -> Seen {
        let before = read_record(&store.path_for(RECORD)).unwrap_or_default();
        Seen {
            known: before.iter().copied().collect(),
            before,
            new: Mutex::default(),
        }
    }

    /// Did an earlier run meet the file at `path`? Either way this run has met it now.
    pub fn second_sight(&self, path: &Path) -> bool {
        let k = key(path);
        if self.known.contains(&k) {
            return true;
        }
        if let Ok(mut new) = self.new.lock() {
            new.push(k);
        }
        false
    }

    /// Write the record back when this run met new files: those first, then the earlier ones,
    /// up to [`MAX_SEEN`]. Failures are ignored (the cache is only an accelerator).
    pub fn save(&self, store: &Store) {
        let Ok(mut new) = self.new.lock() else { return };
        if new.is_empty() {
            return;
        }
        let mut fresh = HashSet::new();
        new.retain(|k| fresh.insert(*k));
        let keys = new.iter().chain(&self.before).take(MAX_SEEN);
        let mut bytes = Vec::with_capacity(16 + 8 * (new.len() + self.before.len()) + 8);
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&0u64.to_le_bytes());
        let mut n = 0u64;
        for k in keys {
            bytes.extend_from_slice(&k.to_le_bytes());
            n += 1;
        }
        bytes[8..16].copy_from_slice(&n.to_le_bytes());
        let sum = xxh3_64(&bytes);
        bytes.extend_from_slice(&sum.to_le_bytes());
        let _ = (|| -> std::io::Result<()> {
            let mut tmp = store.temp_file()?;
            tmp.write_all(&bytes)?;
            tmp.persist(store.path_for(RECORD))?;
            Ok(())
        })();
    }
}

/// The keys of a record, if it is whole: magic, count, keys, checksum of all before it.
fn read_record(path: &Path) -> Option<Vec<u64>> {
    let f = std::fs::File::open(path).ok()?;
    let limit = 16 + 8 * MAX_SEEN as u64 + 8;
    let mut bytes = Vec::new();
    f.take(limit + 1).read_to_end(&mut bytes).ok()?;
    if bytes.len() < 24 || bytes.len() as u64 > limit || &bytes[..8] != MAGIC {
        return None;
    }
    let (body, sum) = bytes.split_at(bytes.len() - 8);
    if xxh3_64(body) != u64::from_le_bytes(sum.try_into().ok()?) {
        return None;
    }
    let n = u64::from_le_bytes(body[8..16].try_into().ok()?);
    let keys = &body[16..];
    if keys.len() as u64 != n.checked_mul(8)? {
        return None;
    }
    Some(
        keys.chunks_exact(8)
            .map(|c| u64::from_le_bytes(c.try_into().unwrap_or_default()))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::tests::store_in;

    #[test]
    fn a_path_is_admitted_from_the_run_after_the_one_that_met_it() {
        let tmp = tempfile::tempdir().unwrap();
        let store = store_in(tmp.path(), 7);
        let (a, b) = (Path::new("/报告/甲.txt"), Path::new("/报告/乙.txt"));
        let first = Seen::load(&store);
        assert!(!first.second_sight(a));
        // Met twice in one run is still the first sight.
        assert!(!first.second_sight(a));
        first.save(&store);
        let second = Seen::load(&store);
        assert!(second.second_sight(a));
        assert!(!second.second_sight(b));
        second.save(&store);
        let third = Seen::load(&store);
        assert!(third.second_sight(a) && third.second_sight(b));
        // The most recent first, each once.
        assert_eq!(third.before, vec![key(b), key(a)]);
    }

    #[test]
    fn a_damaged_record_is_empty_and_rewritten() {
        let tmp = tempfile::tempdir().unwrap();
        let store = store_in(tmp.path(), 7);
        let a = Path::new("/a.txt");
        let s = Seen::load(&store);
        s.second_sight(a);
        s.save(&store);
        let path = store.path_for(RECORD);
        let good = std::fs::read(&path).unwrap();
        for i in [0, 9, 17, good.len() - 1] {
            let mut bad = good.clone();
            bad[i] ^= 0x40;
            std::fs::write(&path, &bad).unwrap();
            assert!(!Seen::load(&store).second_sight(a), "byte {i} flipped");
        }
        std::fs::write(&path, &good[..good.len() - 3]).unwrap();
        let s = Seen::load(&store);
        assert!(!s.second_sight(a));
        s.save(&store);
        assert!(Seen::load(&store).second_sight(a));
    }

    #[test]
    fn the_record_keeps_the_most_recent_paths_up_to_its_bound() {
        let tmp = tempfile::tempdir().unwrap();
        let store = store_in(tmp.path(), 7);
        let old = Seen::load(&store);
        for i in 0..10 {
            old.second_sight(Path::new(&format!("/old/{i}")));
        }
        old.save(&store);
        let s = Seen::load(&store);
        for i in 0..MAX_SEEN {
            s.second_sight(Path::new(&format!("/new/{i}")));
        }
        s.save(&store);
        let after = Seen::load(&store);
        assert_eq!(after.before.len(), MAX_SEEN);
        assert!(after.second_sight(Path::new(&format!("/new/{}", MAX_SEEN - 1))));
        assert!(!after.second_sight(Path::new("/old/0")));
        let len = std::fs::metadata(store.path_for(RECORD)).unwrap().len();
        assert_eq!(len, 16 + 8 * MAX_SEEN as u64 + 8);
    }
}
