//! The TUI's memory by structure: bytes per byte of report text held by the reports (display
//! text, the rest), the indicators (packed, as the TUI holds them), the panel rows (quoting the
//! text), and the App's tables with the search index, measured with a counting allocator
//! (malloc's own sizes).
//!
//! ```text
//! cargo run --release --example tui_memory            # 1,000 reports
//! MEM_FILES=10000 cargo run --release --example tui_memory
//! ```
//!
//! The pile is built at run time from `$BAOGAO_SHARED/corpus` (default `../shared`); nothing is
//! committed. `tui_latency` gives the whole process's peak for the same pile.

#[path = "support/base_reports.rs"]
mod base_reports;
use base_reports::base_reports;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// The system allocator, counting the bytes malloc holds for live blocks.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

/// The bytes malloc holds for block `p` of layout `l` (on Linux its real size, rounding and
/// all; elsewhere the size asked for).
#[cfg(target_os = "linux")]
fn held(p: *mut u8, _: Layout) -> usize {
    // SAFETY: `p` is a live block of the system allocator (malloc).
    unsafe { libc::malloc_usable_size(p.cast()) }
}

#[cfg(not(target_os = "linux"))]
fn held(_: *mut u8, l: Layout) -> usize {
    l.size()
}

// SAFETY: every call is passed to the system allocator unchanged; only a counter is kept.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let p = System.alloc(l);
        if !p.is_null() {
            LIVE.fetch_add(held(p, l), Relaxed);
        }
        p
    }
    unsafe fn alloc_zeroed(&self, l: Layout) -> *mut u8 {
        let p = System.alloc_zeroed(l);
        if !p.is_null() {
            LIVE.fetch_add(held(p, l), Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(held(p, l), Relaxed);
        System.dealloc(p, l)
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 {
        let before = held(p, l);
        let q = System.realloc(p, l, n);
        if !q.is_null() {
            LIVE.fetch_sub(before, Relaxed);
            LIVE.fetch_add(
                held(q, Layout::from_size_align_unchecked(n, l.align())),
                Relaxed,
            );
        }
        q
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn live() -> usize {
    LIVE.load(Relaxed)
}

fn main() {
    let Some(base) = base_reports() else {
        return;
    };
    let n: usize = std::env::var("MEM_FILES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    baogao::bench::tui_memory_cost(&base, n, live);
}
