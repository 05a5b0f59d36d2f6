//! The terminal UI (the only module with terminal code): state → action → draw.
//!
//! - [`keymap`]: the one table of keys → [`Action`]s, which also renders help and hints;
//! - [`app`]: the state and `App::update(Action)`;
//! - [`draw`]: a pure function of the state;
//! - [`run`]: terminal guard, background loading, the event loop, OSC 52 effects.

pub mod app;
pub mod clipboard;
pub mod draw;
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
pub use layout::Pane;
pub use run::{run, Options, Outcome};
pub use theme::Theme;
