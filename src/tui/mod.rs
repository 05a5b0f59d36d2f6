//! The terminal UI (the only module with terminal code): one message loop.
//!
//! ```text
//!  terminal events ─┐                      ┌─ popup (Scroller)      ┐
//!  loader events  ──┴─▶ Msg burst ─▶ App::handle ─▶ keymap ─▶ Action ─▶ focused view (ListView,
//!                                          │                          text) or app-wide update
//!                                          └─ one search per burst, one frame ─▶ draw (pure)
//!                                             effects (OSC 52 copy, mouse mode) after the frame
//! ```
//!
//! - [`app::Msg`]: key, mouse, paste, resize, tick, report loaded, load progress, load done,
//!   error — the only way into the state. A burst (everything queued since the last frame) is
//!   handled at once; typing only marks the filter stale, so an input method committing a word
//!   is one search;
//! - [`keymap`]: the one table of keys → [`Action`]s per context (panes, filter input, the
//!   inputs' editing keys, popups, export dialog); it drives dispatch and renders the `?` help
//!   and the status-bar hints. Its key type is the config file's [`crate::config::KeyChord`];
//! - [`app`]: the state and `App::update(Action)` (events, filter, navigation, text layout,
//!   indicator rows, export and copy, popups, each in its own file). List panes and popups own
//!   their selection and scroll ([`app::ListView`], [`app::Scroller`]) and say whether they
//!   used a movement; the text is re-wrapped only when what it depends on changes, and the
//!   pane layout is computed once per change of size or panes;
//! - [`draw`]: a pure function of the state (panes, popups);
//! - [`layout`]: pane rectangles from the screen size, shared by drawing and mouse hits;
//! - [`wrap`]: Chinese wrapping by display width with line-start rules, and the filter that
//!   keeps file text from reaching the terminal raw;
//! - [`table`], [`names`]: indicator cells, sorting, TSV; name matching for the filter;
//! - [`clipboard`]: OSC 52 for plain terminals, tmux (plain or passthrough) and GNU screen;
//! - `input`: terminal input on a thread of its own, so a hung-up terminal (on which crossterm's
//!   reader spins) never holds the UI thread: it notices, saves and leaves;
//! - [`run`]: the terminal (standard output, or `/dev/tty` when redirected) behind a guard
//!   restored on quit, error, panic and SIGTERM/SIGHUP/SIGINT/SIGQUIT; the event loop;
//! - [`loader`], [`cached`]: background loading (reading, parsing, indicator extraction, all off
//!   the UI thread) through the report cache, so a pile opened before opens fast.

pub mod app;
pub mod cached;
pub mod clipboard;
pub mod compare_cost;
pub mod draw;
pub mod frame_cost;
pub mod index_cache;
mod input;
pub mod keymap;
pub mod layout;
pub mod loader;
pub mod memory_cost;
pub mod names;
mod priority;
pub mod run;
pub mod searcher;
pub mod table;
pub mod theme;
pub mod wrap;

pub use app::App;
pub use draw::draw;
pub use keymap::{Action, Keymap};
pub use run::{has_terminal, run, Options};
pub use theme::Theme;

/// How the TUI loads files: no file line numbers (it shows none), metadata (it shows it).
pub fn load_options(max_size: u64) -> baogao_core::LoadOptions {
    baogao_core::LoadOptions {
        max_size,
        source_lines: false,
        meta: true,
    }
}

#[cfg(test)]
mod tests;
