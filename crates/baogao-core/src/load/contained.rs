//! Third-party parsers (the PDF stack) panic on malformed files; their panics are expected, caught
//! and turned into the file's error. A panic hook cannot tell a caught panic from a fatal one, so
//! such calls run inside [`third_party`], and hooks (the CLI's message, a fuzz target's abort)
//! ask [`in_third_party`] to stay quiet for them. Panics of our own code are never marked: they
//! still reach the hook, so fuzzing finds them.

use std::cell::Cell;
use std::panic::UnwindSafe;

thread_local! {
    static DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// Run `f`, a call into a third-party parser, with its panics contained: `Err` carries the panic
/// message.
pub fn third_party<R>(f: impl FnOnce() -> R + UnwindSafe) -> Result<R, String> {
    DEPTH.with(|d| d.set(d.get() + 1));
    let r = std::panic::catch_unwind(f);
    DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    r.map_err(|panic| {
        panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default()
    })
}

/// Is this thread inside [`third_party`] (so a panic now is contained and reported as an error)?
pub fn in_third_party() -> bool {
    DEPTH.with(|d| d.get() > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_contained_panic_is_an_error_and_the_mark_is_scoped() {
        assert!(!in_third_party());
        let r: Result<(), String> = third_party(|| {
            assert!(in_third_party());
            panic!("bad font F9")
        });
        assert_eq!(r.unwrap_err(), "bad font F9");
        assert!(!in_third_party());
        assert_eq!(third_party(|| 7), Ok(7));
    }
}
