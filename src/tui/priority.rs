//! Scheduling priorities of the TUI's threads. The UI thread keeps the normal priority, and so
//! do the programs that carry its frames to the reader (the terminal emulator, tmux, the ssh
//! daemon), which share the cores with a load that keeps both busy. The search worker sits a
//! little below them: it yields to a frame on its way out, yet answers a query ahead of the
//! loading threads, which sit lowest. Linux keeps a nice value per thread; elsewhere these do
//! nothing.

/// The search worker's nice value.
pub const SEARCH: i32 = 5;

/// The loading threads' (reading, parsing, figures).
pub const LOADING: i32 = 10;

/// Lower the calling thread's priority to `nice` (a thread may lower its own, never raise it
/// back without privilege: each kind of work has a thread of its own).
pub fn lower_this_thread(nice: i32) {
    #[cfg(target_os = "linux")]
    // SAFETY: gettid and setpriority have no memory-safety preconditions; a failure (say, a
    // sandbox that forbids it) leaves the priority as it was.
    unsafe {
        let tid = libc::gettid();
        libc::setpriority(libc::PRIO_PROCESS, tid as libc::id_t, nice);
    }
    #[cfg(not(target_os = "linux"))]
    let _ = nice;
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    /// The thread's own nice value goes down to what is asked, and another thread's stays.
    #[test]
    fn a_thread_lowers_only_itself() {
        // SAFETY: getpriority has no memory-safety preconditions.
        let nice_of =
            |tid: libc::pid_t| unsafe { libc::getpriority(libc::PRIO_PROCESS, tid as libc::id_t) };
        // SAFETY: as above.
        let here = unsafe { libc::gettid() };
        let before = nice_of(here);
        let lowered = std::thread::spawn(move || {
            lower_this_thread(SEARCH.max(before));
            // SAFETY: as above.
            nice_of(unsafe { libc::gettid() })
        })
        .join()
        .unwrap();
        assert_eq!(lowered, SEARCH.max(before));
        assert_eq!(nice_of(here), before);
    }
}
