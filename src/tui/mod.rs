//! The terminal UI (the only module with terminal code): state → action → draw.
//!
//! ```text
//!  terminal event ──keymap──▶ Action ──App::update──▶ state ──draw (pure)──▶ frame
//!                                                      │
//!                                                      └─ effects (OSC 52 copy, mouse mode),
//!                                                         written by the loop after the frame
//! ```
//!
//! - [`keymap`]: the one table of keys → [`Action`]s per context; it also renders the `?` help
//!   and the status-bar hints, and takes config overrides by action name (`copy_table`);
//! - [`app`]: the state and `App::update(Action)` (events, filter, navigation, text layout,
//!   indicator rows, export and copy, each in its own file);
//! - [`draw`]: a pure function of the state (panes, popups);
//! - [`layout`]: pane rectangles from the screen size, shared by drawing and mouse hits;
//! - [`wrap`]: Chinese wrapping by display width with line-start rules, and the filter that
//!   keeps file text from reaching the terminal raw;
//! - [`table`], [`names`]: indicator cells, sorting, TSV; name matching for the filter;
//! - [`clipboard`]: OSC 52 for plain terminals, tmux (plain or passthrough) and GNU screen;
//! - [`run`]: terminal guard (restored on quit, error and panic), background loading, the
//!   event loop.

pub mod app;
pub mod clipboard;
pub mod draw;
pub mod frame_cost;
pub mod keymap;
pub mod layout;
pub mod names;
pub mod run;
pub mod table;
pub mod theme;
pub mod wrap;

pub use app::App;
pub use draw::draw;
pub use keymap::{Action, Keymap};
pub use run::{has_terminal, run, Options};
pub use theme::Theme;

#[cfg(test)]
mod tests;
