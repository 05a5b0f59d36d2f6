//! One decompression budget per container file (docx now, PDF streams or anything else later):
//! every stream inflated from the file is charged to it, and reading stops at the budget.
//!
//! The budget is the smaller of `--max-size` (a container may not expand past what a plain file
//! may be) and [`MAX_RATIO`] times the container's own size (a ratio guard: real documents
//! compress a few to a few tens of times; bombs compress a thousand). Small files get at least
//! [`FLOOR`] bytes so a tiny but ordinary document is never refused.

use std::io::Read;
use std::sync::atomic::{AtomicU64, Ordering};

/// Largest expansion of a container's size accepted.
pub const MAX_RATIO: u64 = 200;
/// Budget of the smallest containers, whatever the ratio says.
pub const FLOOR: u64 = 4 * 1024 * 1024;

#[derive(Debug)]
pub struct Budget {
    limit: u64,
    used: AtomicU64,
}

impl Budget {
    pub fn new(limit: u64) -> Budget {
        Budget {
            limit,
            used: AtomicU64::new(0),
        }
    }

    /// The budget of a container of `compressed` bytes under a `max_size` limit.
    pub fn for_container(max_size: u64, compressed: usize) -> Budget {
        let by_ratio = (compressed as u64).saturating_mul(MAX_RATIO).max(FLOOR);
        Budget::new(max_size.min(by_ratio))
    }

    pub fn limit(&self) -> u64 {
        self.limit
    }

    /// Everything `r` inflates to, charged to the budget; an error naming `what` once the
    /// budget would be exceeded (reading stops there: memory stays within the budget).
    pub fn read_all(&self, r: impl Read, what: &str) -> Result<Vec<u8>, String> {
        let left = self.limit.saturating_sub(self.used.load(Ordering::SeqCst));
        let mut buf = Vec::new();
        r.take(left.saturating_add(1))
            .read_to_end(&mut buf)
            .map_err(|e| format!("cannot read {what}: {e}"))?;
        self.used.fetch_add(buf.len() as u64, Ordering::SeqCst);
        if buf.len() as u64 > left {
            return Err(format!(
                "{what} expands past the decompression budget of {} bytes \
                 ({MAX_RATIO} times the file's size, at most --max-size): not read",
                self.limit
            ));
        }
        Ok(buf)
    }

    /// Like [`Budget::read_all`], but keeps nothing: the bytes `r` gives are counted and charged
    /// (a pre-flight before a parser that inflates without limit). A read error ends the stream
    /// quietly — the parser will meet it too, and a broken stream is not a big one.
    pub fn count(&self, mut r: impl Read, what: &str) -> Result<u64, String> {
        let mut chunk = [0u8; 64 * 1024];
        let mut total = 0u64;
        loop {
            let n = match r.read(&mut chunk) {
                Ok(0) | Err(_) => return Ok(total),
                Ok(n) => n as u64,
            };
            total += n;
            let used = self.used.fetch_add(n, Ordering::SeqCst) + n;
            if used > self.limit {
                return Err(format!(
                    "{what} expands past the decompression budget of {} bytes \
                     ({MAX_RATIO} times the file's size, at most --max-size): not read",
                    self.limit
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_share_one_budget() {
        let b = Budget::new(10);
        assert_eq!(b.read_all(&b"123456"[..], "a").unwrap().len(), 6);
        assert_eq!(b.read_all(&b"1234"[..], "b").unwrap().len(), 4);
        let e = b.read_all(&b"1"[..], "c").unwrap_err();
        assert!(e.starts_with("c expands past"), "{e}");
    }

    #[test]
    fn counting_charges_without_keeping() {
        let b = Budget::new(100_000);
        assert_eq!(b.count(&[7u8; 70_000][..], "a").unwrap(), 70_000);
        let e = b.count(&[7u8; 70_000][..], "b").unwrap_err();
        assert!(e.starts_with("b expands past"), "{e}");
    }

    #[test]
    fn the_ratio_guard_and_the_size_limit() {
        assert_eq!(Budget::for_container(u64::MAX, 10).limit(), FLOOR);
        assert_eq!(
            Budget::for_container(u64::MAX, 1 << 20).limit(),
            MAX_RATIO << 20
        );
        assert_eq!(Budget::for_container(1000, 1 << 20).limit(), 1000);
    }
}
