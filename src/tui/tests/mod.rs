//! The TUI driven without a terminal: rendered screens (insta snapshots of plain lines), daily-use
//! flows, and property tests over random event sequences.

mod compare;
mod daily;
mod first_hour;
mod keywords_popup;
mod message_loop;
mod props;
mod report_order;
mod screens;
mod table;

use crate::tui::app::Msg;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A typed character as a message.
fn k(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

/// A named key as a message.
fn code(c: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(c, KeyModifiers::NONE))
}
